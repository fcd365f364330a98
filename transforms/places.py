"""Place names: countries, regions and business hubs, in English and Chinese.

A place is never an investor or an investee by itself: "Japan invested…" tells of a
government programme, "美国投资者" of unnamed investors. Organizations named after a place
("Abu Dhabi Investment Authority", "北京智谱") are longer than the place and are kept;
only a name that is nothing but a place is refused.
"""

from __future__ import annotations

_ENGLISH = """
Afghanistan Africa America Americas Argentina Asia Australia Austria Bahrain Belgium Brazil
Britain Canada Chile China Colombia Denmark Egypt England Estonia Europe Finland France Germany
Greece Hungary India Indonesia Iran Iraq Ireland Israel Italy Japan Kazakhstan Kenya
Korea Kuwait Latvia Lithuania Luxembourg Malaysia Mexico Morocco Netherlands Nigeria Norway
Oman Pakistan Peru Philippines Poland Portugal Qatar Romania Russia Scotland Singapore Spain
Sweden Switzerland Taiwan Thailand Turkey Ukraine Vietnam Wales Eurasia Oceania Scandinavia
Holland US U.S. USA U.S.A. UK U.K. EU UAE PRC
Beijing Shanghai Shenzhen Hangzhou Guangzhou Chengdu Wuhan Nanjing Suzhou Hefei Xi'an Tianjin
Chongqing Macau Macao Taipei Tokyo Osaka Kyoto Seoul Bangalore Bengaluru Mumbai Delhi Jakarta
Bangkok Manila Sydney Melbourne London Paris Berlin Munich Hamburg Frankfurt Stockholm
Amsterdam Zurich Geneva Dublin Madrid Barcelona Milan Rome Lisbon Vienna Warsaw Helsinki Oslo
Copenhagen Brussels Moscow Istanbul Dubai Riyadh Doha Cairo Lagos Nairobi Toronto Montreal
Vancouver Boston Seattle Austin Chicago Miami Denver Atlanta Washington California Texas
Massachusetts Delaware Brooklyn Manhattan Gurugram Gurgaon Hyderabad Chennai Pune
"""
_ENGLISH_MULTIWORD = (
    "United States",
    "United States of America",
    "United Kingdom",
    "European Union",
    "Middle East",
    "Latin America",
    "North America",
    "South America",
    "Southeast Asia",
    "South East Asia",
    "East Asia",
    "South Asia",
    "Central Asia",
    "Mainland China",
    "Greater China",
    "Hong Kong",
    "South Korea",
    "North Korea",
    "Saudi Arabia",
    "New Zealand",
    "South Africa",
    "Czech Republic",
    "Abu Dhabi",
    "Tel Aviv",
    "New York",
    "New York City",
    "San Francisco",
    "Los Angeles",
    "Silicon Valley",
    "Bay Area",
    "Palo Alto",
    "Menlo Park",
    "Mountain View",
    "New Delhi",
    "Ho Chi Minh City",
    "Kuala Lumpur",
    "Washington D.C.",
    "Persian Gulf",
    "Gulf",
)
_CHINESE = """
美国 美國 英国 英國 日本 韩国 韓國 南韩 南韓 朝鲜 德国 德國 法国 法國 中国 中國 中国大陆 内地 香港
澳门 澳門 台湾 台灣 臺灣 新加坡 沙特 沙特阿拉伯 阿联酋 阿聯酋 卡塔尔 卡塔爾 以色列 印度 印尼
印度尼西亚 越南 泰国 泰國 马来西亚 菲律宾 加拿大 墨西哥 巴西 阿根廷 澳大利亚 澳洲 新西兰 瑞士
瑞典 挪威 丹麦 芬兰 荷兰 荷蘭 比利时 西班牙 意大利 葡萄牙 奥地利 爱尔兰 波兰 俄罗斯 俄羅斯
乌克兰 土耳其 埃及 尼日利亚 肯尼亚 南非 欧洲 歐洲 亚洲 亞洲 非洲 中东 中東 北美 南美 拉美 东南亚
東南亞 欧盟 歐盟 海外 全球 北京 上海 深圳 杭州 广州 廣州 成都 武汉 南京 苏州 合肥 西安 天津 重庆
台北 東京 东京 大阪 首尔 首爾 伦敦 倫敦 巴黎 柏林 慕尼黑 斯德哥尔摩 阿姆斯特丹 苏黎世 都柏林
迪拜 杜拜 阿布扎比 利雅得 多哈 特拉维夫 硅谷 矽谷 纽约 紐約 旧金山 舊金山 波士顿 西雅图 洛杉矶
多伦多 班加罗尔 孟买 雅加达 悉尼
"""

PLACES = frozenset(
    name.casefold() for name in (*_ENGLISH.split(), *_ENGLISH_MULTIWORD, *_CHINESE.split())
)


def is_place(name: str) -> bool:
    """True when `name` is a country, region or city and nothing more ("Japan", "美国")."""
    return " ".join(name.split()).casefold().removeprefix("the ") in PLACES
