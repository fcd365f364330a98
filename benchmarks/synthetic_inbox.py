"""Deterministic synthetic inbox for speed benchmarks: fictional funding news at scale.

Usage: python benchmarks/synthetic_inbox.py OUT_DIR --articles N [--seed S] [--start-index I]

Every article is assembled from the templates and vocabularies below (all companies, investors
and analysts are invented). Articles are about 3 KB, English and Chinese, in the four inbox
formats (.md with front matter, .txt with the date in the file name, .html, .json) and several
encodings (UTF-8 with and without BOM, UTF-16, GB18030). One deal is reported by several
articles, and distractor paragraphs (revenue, market sizes, share prices, acquisitions) sit
beside the facts, so the extractor does realistic work. The files serve speed measurements only;
extraction quality is measured on the labelled corpus.

Article `i` depends only on (seed, i), so `generate_inbox(d, 100)` writes the same first 100
files as `generate_inbox(d, 1000)`, and `start_index` adds new files that do not clash.
"""

from __future__ import annotations

import argparse
import html
import json
import math
import os
import random
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

TARGET_BYTES = 3000  # body size in UTF-8 bytes an article grows to (headers come on top)
DEALS_PER_ARTICLE = 1 / 3  # deal ids grow three times slower than article numbers
FIRST_DAY = date(2019, 1, 1)
DAYS_SPAN = 7 * 365

# ---------------------------------------------------------------- vocabularies (all invented)
COMPANY_STEMS = (
    ("Nova", "新星"),
    ("Lumen", "流明"),
    ("Apex", "峰极"),
    ("Vertex", "维特"),
    ("Helix", "螺旋"),
    ("Orbit", "轨道"),
    ("Cobalt", "钴蓝"),
    ("Aurora", "极光"),
    ("Zenith", "天顶"),
    ("Quanta", "量子"),
    ("Tessel", "镶嵌"),
    ("Kestrel", "隼翼"),
    ("Westerly", "西风湾"),
    ("Solace", "慰藉"),
    ("Brightwater", "明水"),
    ("Ironleaf", "铁叶"),
    ("Parallax", "视差"),
    ("Cinder", "余烬"),
    ("Halcyon", "翠鸟"),
    ("Meridian", "子午"),
    ("Lattice", "晶格"),
    ("Ember", "星火"),
    ("Northwind", "北风"),
    ("Saffron", "藏红"),
    ("Tidal", "潮汐"),
    ("Obsidian", "曜石"),
)
COMPANY_SECOND_STEMS = (
    ("Path", "路"),
    ("Wave", "波"),
    ("Mind", "思"),
    ("Forge", "铸"),
    ("Grid", "格"),
    ("Leaf", "叶"),
    ("Bridge", "桥"),
    ("Point", "点"),
    ("Field", "域"),
    ("Spark", "火"),
)
COMPANY_KINDS = (
    ("AI", "智能", "generative AI", "生成式人工智能"),
    ("Robotics", "机器人", "industrial robotics", "工业机器人"),
    ("Bio", "生物", "drug discovery", "药物研发"),
    ("Semiconductor", "半导体", "AI chips", "人工智能芯片"),
    ("Energy", "能源", "battery storage", "储能电池"),
    ("Health", "医疗", "digital health", "数字医疗"),
    ("Logistics", "物流", "supply-chain software", "供应链软件"),
    ("Mobility", "出行", "autonomous driving", "自动驾驶"),
)
CITIES = (
    ("San Francisco", "旧金山"),
    ("London", "伦敦"),
    ("Paris", "巴黎"),
    ("Berlin", "柏林"),
    ("Beijing", "北京"),
    ("Shanghai", "上海"),
    ("Shenzhen", "深圳"),
    ("Hangzhou", "杭州"),
    ("Singapore", "新加坡"),
    ("Tokyo", "东京"),
    ("Bengaluru", "班加罗尔"),
    ("Hong Kong", "香港"),
)
INVESTOR_STEMS = (
    ("Granite", "磐石"),
    ("Harbor", "海港"),
    ("Summit", "峰顶"),
    ("Redwood Hill", "红木山"),
    ("Blue Pine", "蓝松"),
    ("North Star", "北辰"),
    ("Silver Creek", "银溪"),
    ("Lakeshore", "湖岸"),
    ("Stonebridge", "石桥"),
    ("Evergreen Path", "长青"),
    ("Crescent", "新月"),
    ("Westbrook", "西溪"),
    ("Foxglove", "狐铃"),
    ("Highland", "高地"),
    ("Ridgeway", "岭道"),
    ("Bluestone", "青石"),
)
INVESTOR_KINDS = (("Capital", "资本"), ("Ventures", "创投"), ("Partners", "投资"), ("Fund", "基金"))
PUBLIC_COMPANIES = (
    ("Crestline Group", "瀚海集团"),
    ("Meridian Holdings", "远峰控股"),
    ("Pinecrest Technologies", "松岭科技"),
    ("Atlas Dynamics", "擎天动力"),
)
ANALYSTS = (("Northgate Research", "北门研究"), ("Keystone Insights", "基石洞察"))
OUTLETS = (("The Ledger Wire", "账本快讯"), ("Deal Street Daily", "交易街日报"))

# round key: (English name, Chinese name, typical sizes in USD millions)
ROUNDS = {
    "seed": ("seed round", "种子轮融资", (1.5, 3, 5)),
    "angel": ("angel round", "天使轮融资", (1, 2, 3)),
    "pre_series_a": ("Pre-A round", "Pre-A轮融资", (3, 5, 8)),
    "series_a": ("Series A round", "A轮融资", (8, 12, 20, 35)),
    "series_a_plus": ("Series A+ round", "A+轮融资", (12, 20, 35)),
    "series_b": ("Series B round", "B轮融资", (20, 35, 50, 80)),
    "series_b_plus": ("Series B+ round", "B+轮融资", (35, 50, 80)),
    "series_c": ("Series C round", "C轮融资", (50, 80, 120, 200)),
    "series_d": ("Series D round", "D轮融资", (120, 200, 350)),
    "pre_ipo": ("pre-IPO round", "Pre-IPO轮融资", (200, 350, 600, 1000)),
    "strategic": ("strategic round", "战略融资", (20, 50, 120, 350)),
}
SINGLE_INVESTOR_SIZES = (5, 20, 80, 350, 1000, 2500)  # USD millions, deals without a round
# currency: (units per US dollar, roughly; the home cities that report in it)
CURRENCIES = {
    "USD": (1, ("San Francisco",)),
    "CNY": (7, ("Beijing", "Shanghai", "Shenzhen", "Hangzhou")),
    "EUR": (0.9, ("Paris", "Berlin")),
    "GBP": (0.8, ("London",)),
    "JPY": (140, ("Tokyo",)),
    "INR": (83, ("Bengaluru",)),
    "HKD": (7.8, ("Hong Kong",)),
    "SGD": (1.35, ("Singapore",)),
}
USD_MILLIONS = (1.5, 3, 5, 8, 12, 20, 35, 50, 80, 120, 200, 350, 600, 1000, 2500)
QUALIFIER_WORDS = {  # qualifier: (English, Chinese)
    "exact": ("", ""),
    "about": ("about ", "约"),
    "over": ("more than ", "超"),
    "up_to": ("up to ", "最高"),
    "nearly": ("nearly ", "近"),
}
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
FORMATS = ("md", "txt", "html", "json")
ENCODINGS = {  # language: (encodings, weights)
    "en": (("utf-8", "utf-8-sig", "utf-16"), (7, 2, 1)),
    "zh": (("utf-8", "gb18030", "utf-8-sig", "utf-16"), (5, 3, 1, 1)),
}


@dataclass(frozen=True, slots=True)
class Name:
    """One entity in both languages."""

    en: str
    zh: str


@dataclass(frozen=True, slots=True)
class Deal:
    """One financing, told the same way by every article that reports it."""

    company: Name
    sector: Name
    city: Name
    round: str | None  # a ROUNDS key, or None for a single investor's strategic investment
    amount: int | None  # None when the articles call it vague ("tens of millions")
    currency: str
    qualifier: str
    lead: Name
    others: tuple[Name, ...]
    valuation: int | None
    day: date


# ---------------------------------------------------------------- money in words
def _two_digits(value: float) -> int:
    """Round to two significant digits, as journalists round deal sizes."""
    return int(round(value, 1 - math.floor(math.log10(value))))


def _plain(number: float) -> str:
    return f"{number:,.2f}".rstrip("0").rstrip(".")


def _scaled(amount: int) -> tuple[float, str]:
    return (amount / 1e9, "billion") if amount >= 1e9 else (amount / 1e6, "million")


def money_en(amount: int, currency: str, rng: random.Random) -> str:
    """`amount` as an English reporter writes it ("$1.2 billion", "₹340 crore", "€80m")."""
    short = rng.random() < 0.3  # "$80m", "Rs 340 crore", "RMB500 million"
    if currency == "INR":
        return f"{'Rs ' if short else '₹'}{_plain(amount / 1e7)} crore"
    value, word = _scaled(amount)
    if currency == "CNY":
        return f"RMB{value:g} {word}" if short else f"{value:g} {word} yuan"
    if currency == "JPY":
        return f"{value:g} {word} yen" if short else f"¥{value:g} {word}"
    symbol = {"USD": "$", "EUR": "€", "GBP": "£", "HKD": "HK$", "SGD": "S$"}[currency]
    suffix = ("m" if word == "million" else "bn") if short else f" {word}"
    return f"{symbol}{value:g}{suffix}"


ZH_CURRENCY_WORDS = {
    "USD": "美元",
    "CNY": "元人民币",
    "EUR": "欧元",
    "GBP": "英镑",
    "JPY": "日元",
    "INR": "卢比",
    "HKD": "港元",
    "SGD": "新加坡元",
}


def money_zh(amount: int, currency: str, rng: random.Random) -> str:
    """`amount` as a Chinese reporter writes it ("1.2亿美元", "3000万元")."""
    word = ZH_CURRENCY_WORDS[currency]
    if currency == "CNY" and rng.random() < 0.5:
        word = "元"
    if amount >= 1e8:
        return f"{amount / 1e8:g}亿{word}"
    return f"{amount / 1e4:g}万{word}"


def _amount_in(currency: str, usd_millions: float) -> int:
    return _two_digits(usd_millions * 1e6 * CURRENCIES[currency][0])


# ---------------------------------------------------------------- deals
def _investor(rng: random.Random) -> Name:
    stem, kind = rng.choice(INVESTOR_STEMS), rng.choice(INVESTOR_KINDS)
    return Name(f"{stem[0]} {kind[0]}", f"{stem[1]}{kind[1]}")


def _distractor_company(rng: random.Random) -> Name:
    """A company that only appears as an acquisition target."""
    stem, kind = rng.choice(COMPANY_STEMS), rng.choice(COMPANY_KINDS)
    return Name(f"{stem[0]} {kind[0]} Systems", f"{stem[1]}{kind[1]}系统")


def make_deal(rng: random.Random) -> Deal:
    """A random but plausible deal: company, money, investors, date."""
    stem, second = rng.choice(COMPANY_STEMS), rng.choice(COMPANY_SECOND_STEMS)
    kind = rng.choice(COMPANY_KINDS)
    company = Name(f"{stem[0]}{second[0].lower()} {kind[0]}", f"{stem[1]}{second[1]}{kind[1]}")
    currency = rng.choices(tuple(CURRENCIES), weights=(40, 25, 8, 5, 5, 5, 6, 6))[0]
    city = Name(*rng.choice([c for c in CITIES if c[0] in CURRENCIES[currency][1]]))
    round_key = rng.choice((*ROUNDS, None))
    usd_millions = rng.choice(ROUNDS[round_key][2] if round_key else SINGLE_INVESTOR_SIZES)
    lead = _investor(rng)
    drawn = (_investor(rng) for _ in range(rng.randrange(4)))
    others = tuple(name for name in dict.fromkeys(drawn) if name != lead)
    vague = rng.random() < 0.08
    return Deal(
        company=company,
        sector=Name(kind[2], kind[3]),
        city=city,
        round=round_key,
        amount=None if vague else _amount_in(currency, usd_millions),
        currency=currency,
        qualifier=rng.choices(tuple(QUALIFIER_WORDS), weights=(6, 2, 1, 1, 1))[0],
        lead=lead,
        others=others if round_key else (),
        valuation=_amount_in(currency, usd_millions * rng.choice((4, 6, 10)))
        if rng.random() < 0.4
        else None,
        day=FIRST_DAY + timedelta(days=rng.randrange(DAYS_SPAN)),
    )


# ---------------------------------------------------------------- English paragraphs
def _facts_en(deal: Deal, rng: random.Random) -> list[str]:
    c = deal.company.en
    money = (
        QUALIFIER_WORDS[deal.qualifier][0] + money_en(deal.amount, deal.currency, rng)
        if deal.amount
        else rng.choice(("tens of millions of dollars", "an undisclosed sum"))
    )
    when = f"on {MONTHS[deal.day.month - 1]} {deal.day.day}"
    if deal.round is None:
        lead = (
            f"{deal.lead.en} has agreed to invest {money} in {c}, the {deal.city.en}-based "
            f"{deal.sector.en} company, the two said {when}."
        )
        rest = [
            f"The investment is strategic, {deal.lead.en} said, and gives it a minority stake "
            f"and a seat on {c}'s board. The firm did not say when the money would be paid."
        ]
    else:
        lead = (
            f"{c}, a {deal.city.en}-based {deal.sector.en} start-up, said {when} that it had "
            f"raised {money} in a {ROUNDS[deal.round][0]} led by {deal.lead.en}."
        )
        rest = []
        if deal.others:
            names = ", ".join(o.en for o in deal.others[:-1])
            names = f"{names} and {deal.others[-1].en}" if names else deal.others[-1].en
            rest.append(f"{names} also took part in the round, according to the company.")
    if deal.valuation:
        rest.append(
            f"People familiar with the matter said the financing values {c} at "
            f"{money_en(deal.valuation, deal.currency, rng)}, including the new money."
        )
    return [lead, *rest]


FILLER_EN = (
    "{c} was founded in {year} by a team of former researchers and engineers who met while "
    "working on large-scale {sector} projects. The company has grown to about {staff} employees "
    "and expects to double that number within two years as it moves from pilots to paying "
    "customers in several countries.",
    "The chief executive of {c} said the new capital would go mainly towards research, hiring "
    'and building out the sales team. "We have proven the technology works in the field; now we '
    'have to show it works at scale and at a price customers are willing to pay," he said.',
    "Investors have become more selective about {sector} companies over the past year, "
    "favouring those with recurring revenue and a clear path to profitability. Several rivals "
    "have cut staff or sold themselves at lower prices than they were valued at a few years ago.",
    "{c} counts manufacturers, hospitals and logistics groups among its early customers, though "
    "it declined to name most of them. It said its contracts typically run for three years and "
    "that renewals so far had been strong.",
    "Competition in {sector} is intense. Large technology groups have built their own products, "
    "and a wave of well-funded start-ups in the United States, Europe and Asia is chasing the "
    "same buyers, which has pushed prices down and stretched sales cycles.",
    "Regulators in {city} have been drafting new rules for the sector, covering data "
    "protection, safety testing and liability. Executives at {c} said they welcomed clearer "
    "rules, which would make it easier to sign contracts with large, cautious customers.",
    "The company plans to open offices in two more countries next year and to expand its "
    "partnerships with universities, where it funds several research positions and recruits "
    "many of its engineers.",
    "Analysts said the deal reflected a broader shift in {sector}, where buyers that once ran "
    "small experiments are now signing multi-year contracts. That has made revenue at the "
    "better-run start-ups more predictable, and their fund-raising easier.",
    "{c} has also been hiring senior executives from larger rivals, including a new chief "
    "financial officer and a head of international sales, moves that investors often read as "
    "preparation for a later listing, although the company said it had no such plans.",
    "Not everyone is convinced. Some customers in {city} said the products were still expensive "
    "to deploy and required more engineering support than promised, and one former employee "
    "said the company had struggled to keep up with demand for custom work.",
)


def _distractors_en(deal: Deal, rng: random.Random) -> list[str]:
    c, cur = deal.company.en, deal.currency
    usd = rng.choice(USD_MILLIONS)
    analyst, public, other = (
        rng.choice(ANALYSTS),
        rng.choice(PUBLIC_COMPANIES),
        _distractor_company(rng),
    )
    options = [
        f"{c} said its revenue reached {money_en(_amount_in(cur, usd / 10), cur, rng)} last "
        f"year, up {rng.randrange(20, 180)}% from the year before.",
        f"{analyst[0]} estimates that the global market for {deal.sector.en} will be worth "
        f"{money_en(_amount_in('USD', usd * 200), 'USD', rng)} by {deal.day.year + 6}.",
        f"Shares of {public[0]}, one of {c}'s listed rivals, "
        f"{rng.choice(('rose', 'fell'))} {rng.randrange(2, 15)}% on the day, closing at "
        f"${rng.randrange(5, 400)}.{rng.randrange(100):02d} a share.",
        f"Last year {public[0]} agreed to acquire {other.en} for "
        f"{money_en(_amount_in('USD', usd * 2), 'USD', rng)}, a deal that is still under review.",
        f"Start-ups in {deal.sector.en} raised {money_en(_amount_in('USD', usd * 40), 'USD', rng)} "
        f"worldwide in the last quarter, according to data from {analyst[0]}.",
    ]
    return rng.sample(options, 2)


# ---------------------------------------------------------------- Chinese paragraphs
def _facts_zh(deal: Deal, rng: random.Random) -> list[str]:
    c = deal.company.zh if rng.random() < 0.6 else f"{deal.company.zh}（{deal.company.en}）"
    money = (
        QUALIFIER_WORDS[deal.qualifier][1] + money_zh(deal.amount, deal.currency, rng)
        if deal.amount
        else rng.choice(("数千万元", "数亿元"))
    )
    when = f"{deal.day.month}月{deal.day.day}日"
    if deal.round is None:
        lead = (
            f"{when}，{deal.lead.zh}宣布将向{deal.city.zh}{deal.sector.zh}公司{c}投资{money}，"
            f"双方同时达成战略合作。"
        )
        rest = [
            f"{deal.lead.zh}表示，本次投资完成后将持有{deal.company.zh}少数股权，并获得一个董事会席位。"
        ]
    else:
        lead = (
            f"{when}，{deal.city.zh}{deal.sector.zh}公司{c}宣布完成{money}"
            f"{ROUNDS[deal.round][1]}，本轮由{deal.lead.zh}领投。"
        )
        rest = []
        if deal.others:
            rest.append(f"{'、'.join(o.zh for o in deal.others)}跟投，老股东继续加码。")
    if deal.valuation:
        rest.append(
            f"知情人士透露，本轮融资后{deal.company.zh}的投后估值约为"
            f"{money_zh(deal.valuation, deal.currency, rng)}。"
        )
    return [lead, *rest]


FILLER_ZH = (
    "{c}成立于{year}年，创始团队来自国内外知名高校和科技企业，长期深耕{sector}领域。"
    "公司目前员工约{staff}人，其中研发人员占比超过六成，计划在未来两年内将团队规模扩大一倍。",
    "{c}创始人表示，本轮资金将主要用于核心技术研发、人才引进以及市场拓展。"
    "他认为，行业已经从概念验证阶段进入规模化落地阶段，能否持续交付稳定的产品将决定企业的竞争力。",
    "过去一年，投资机构对{sector}赛道的态度趋于谨慎，更看重企业的营收质量和盈利路径。"
    "不少同行公司进行了裁员或以较低估值完成融资，行业洗牌正在加速。",
    "{c}的客户涵盖制造、医疗和物流等多个行业，但公司未透露具体客户名单。"
    "公司称，其合同周期通常为三年，目前的续约情况良好。",
    "业内人士指出，{sector}领域竞争激烈，大型科技公司纷纷推出自有产品，"
    "国内外一批获得大额融资的初创公司也在争夺同一批客户，产品价格持续下行，销售周期被拉长。",
    "{city}近期正在制定相关行业规范，涉及数据保护、安全测试和责任认定等方面。"
    "{c}管理层表示，欢迎更明确的规则出台，这将有助于公司与大型客户签订合同。",
    "据悉，公司计划明年在两个新的国家设立办公室，并进一步加强与高校的合作，"
    "通过联合实验室等方式培养和引进工程人才。",
    "分析人士认为，这笔交易反映出{sector}行业的新变化：过去只做小规模试点的客户，"
    "如今开始签订多年期合同，头部初创公司的收入因此变得更加可预期，融资也相对容易。",
    "近一年来，{c}陆续从大型同行公司引进了多名高管，包括新任首席财务官和国际业务负责人。"
    "外界普遍认为这是为未来上市做准备，但公司表示目前并无相关计划。",
    "也有客户对产品提出了不同看法。{city}的几家企业用户表示，相关产品的部署成本仍然偏高，"
    "需要的工程支持也超出预期，公司在定制化需求上的交付能力仍有待提升。",
    "在产品层面，{c}今年推出了新一代解决方案，宣称在性能和能耗上均有明显提升。"
    "公司表示，新产品已在多家客户处完成试点，预计将在下半年实现批量交付。",
    "{c}的一位早期投资人表示，团队最大的优势在于工程化能力，能够把实验室里的技术"
    "快速转化为客户愿意付费的产品，这在{sector}领域并不多见。",
    "面对日益激烈的竞争，{c}也在积极拓展海外市场，目前已在东南亚和欧洲设立销售团队，"
    "海外收入占比正在逐步提升。公司预计，海外业务将成为未来几年的重要增长点。",
)


def _distractors_zh(deal: Deal, rng: random.Random) -> list[str]:
    c, cur = deal.company.zh, deal.currency
    usd = rng.choice(USD_MILLIONS)
    analyst, public, other = (
        rng.choice(ANALYSTS),
        rng.choice(PUBLIC_COMPANIES),
        _distractor_company(rng),
    )
    options = [
        f"{c}表示，公司去年营收达到{money_zh(_amount_in(cur, usd / 10), cur, rng)}，"
        f"同比增长{rng.randrange(20, 180)}%。",
        f"据{analyst[1]}预测，到{deal.day.year + 6}年全球{deal.sector.zh}市场规模将达到"
        f"{money_zh(_amount_in('USD', usd * 200), 'USD', rng)}。",
        f"二级市场上，同行上市公司{public[1]}的股价当日{rng.choice(('上涨', '下跌'))}"
        f"{rng.randrange(2, 15)}%，市值约{money_zh(_amount_in('USD', usd * 30), 'USD', rng)}。",
        f"去年，{public[1]}宣布以{money_zh(_amount_in('USD', usd * 2), 'USD', rng)}"
        f"收购{other.zh}，该交易仍在审批之中。",
        f"{analyst[1]}的数据显示，上一季度全球{deal.sector.zh}领域初创公司融资总额达到"
        f"{money_zh(_amount_in('USD', usd * 40), 'USD', rng)}。",
    ]
    return rng.sample(options, 2)


# ---------------------------------------------------------------- assembling an article
def _headline(deal: Deal, lang: str, rng: random.Random) -> str:
    if lang == "zh":
        money = money_zh(deal.amount, deal.currency, rng) if deal.amount else "数亿元"
        action = ROUNDS[deal.round][1] if deal.round else "战略投资"
        return f"{deal.company.zh}获{money}{action}，{deal.lead.zh}出手"
    money = money_en(deal.amount, deal.currency, rng) if deal.amount else "new funding"
    if deal.round:
        return f"{deal.company.en} raises {money} in {ROUNDS[deal.round][0]} led by {deal.lead.en}"
    return f"{deal.lead.en} to invest {money} in {deal.company.en}"


def _body(deal: Deal, lang: str, rng: random.Random) -> list[str]:
    """Fact paragraphs first, then filler and distractors until the body reaches TARGET_BYTES."""
    facts, distract, fillers = (
        (_facts_zh, _distractors_zh, FILLER_ZH)
        if lang == "zh"
        else (_facts_en, _distractors_en, FILLER_EN)
    )
    slots = {
        "c": deal.company.zh if lang == "zh" else deal.company.en,
        "sector": deal.sector.zh if lang == "zh" else deal.sector.en,
        "city": deal.city.zh if lang == "zh" else deal.city.en,
        "year": deal.day.year - rng.randrange(1, 8),
        "staff": rng.randrange(20, 900),
    }
    fact_text = facts(deal, rng)
    paragraphs = [" ".join(fact_text) if lang == "en" else "".join(fact_text)]
    extra = [*distract(deal, rng), *(f.format(**slots) for f in rng.sample(fillers, len(fillers)))]
    size = len(paragraphs[0].encode())
    for paragraph in extra:
        if size >= TARGET_BYTES:
            break
        paragraphs.insert(rng.randrange(1, len(paragraphs) + 1), paragraph)
        size += len(paragraph.encode()) + 2
    return paragraphs


def render(
    fmt: str,
    lang: str,
    title: str,
    published: date,
    url: str,
    source: str,
    paragraphs: list[str],
    charset: str,
) -> str:
    """The article as the text of one inbox file in format `fmt`."""
    body = "\n\n".join(paragraphs)
    if fmt == "md":
        return (
            f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\npublished: {published}\n"
            f"source: {source}\nurl: {url}\nlang: {lang}\n---\n# {title}\n\n{body}\n"
        )
    if fmt == "txt":
        return f"{title}\n\n{body}\n"
    if fmt == "json":
        record = {
            "title": title,
            "body": body,
            "published": published.isoformat(),
            "url": url,
            "source": source,
            "lang": lang,
        }
        return json.dumps(record, ensure_ascii=False, indent=1) + "\n"
    paras = "\n".join(f"      <p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n  <meta charset="{charset}">\n'
        f"  <title>{html.escape(title)} | {html.escape(source)}</title>\n"
        f'  <meta property="article:published_time" content="{published}T08:00:00Z">\n'
        f'  <link rel="canonical" href="{url}">\n'
        "  <script>window.dataLayer = window.dataLayer || []; dataLayer.push({page: 'article'});"
        "</script>\n</head>\n<body>\n"
        '  <nav><a href="/">Home</a> <a href="/deals">Deals</a> <a href="/markets">Markets</a> '
        '<a href="/subscribe">Subscribe</a></nav>\n'
        f"  <main>\n    <article>\n      <h1>{html.escape(title)}</h1>\n{paras}\n"
        "    </article>\n  </main>\n"
        f"  <footer><p>&copy; {published.year} {html.escape(source)}. All rights reserved.</p>"
        '<p><a href="/privacy">Privacy</a></p></footer>\n'
        '  <script src="/static/analytics.js" defer></script>\n</body>\n</html>\n'
    )


def article_bytes(seed: int, index: int, deals: dict[int, Deal]) -> tuple[str, bytes]:
    """File name and content of article `index`; `deals` caches deals already drawn."""
    rng = random.Random(seed * 1_000_003 + index)
    deal_id = rng.randrange(int(index * DEALS_PER_ARTICLE) + 1)
    if deal_id not in deals:
        deals[deal_id] = make_deal(random.Random(seed * 7_919 + deal_id * 104_729 + 1))
    deal = deals[deal_id]
    lang = "zh" if rng.random() < 0.5 else "en"
    fmt = rng.choice(FORMATS)
    encodings, weights = ENCODINGS[lang]
    encoding = rng.choices(encodings, weights=weights)[0]
    published = deal.day + timedelta(days=rng.randrange(0, 6))
    outlet = rng.choice(OUTLETS)
    source = outlet[1] if lang == "zh" else outlet[0]
    url = f"https://news.example/{published:%Y/%m/%d}/syn-{index:06d}"
    charset = "utf-8" if encoding == "utf-8-sig" else encoding
    text = render(
        fmt,
        lang,
        _headline(deal, lang, rng),
        published,
        url,
        source,
        _body(deal, lang, rng),
        charset,
    )
    return f"{published}_syn_{index:06d}.{fmt}", text.encode(encoding)


def generate_inbox(out_dir: Path, n: int, seed: int = 0, start_index: int = 0) -> list[Path]:
    """Write articles start_index .. start_index+n-1 into out_dir and return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    deals: dict[int, Deal] = {}
    paths = []
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    for index in range(start_index, start_index + n):
        name, data = article_bytes(seed, index, deals)
        path = out_dir / name
        fd = os.open(path, flags, 0o644)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    """Command line: write the inbox and print how much was written and how fast."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--articles", type=int, default=1000, help="number of articles")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--start-index", type=int, default=0, help="first article number")
    args = parser.parse_args(argv)
    if args.articles < 0 or args.start_index < 0:
        parser.error("--articles and --start-index must not be negative")
    started = time.perf_counter()
    paths = generate_inbox(args.out_dir, args.articles, args.seed, args.start_index)
    seconds = time.perf_counter() - started
    megabytes = sum(p.stat().st_size for p in paths) / 1e6
    print(f"{len(paths)} articles, {megabytes:.1f} MB in {args.out_dir} ({seconds:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
