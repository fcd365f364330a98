"""Sentence units: offsets into the text, Chinese and English ends, headline and bullets."""

from fundwire.transforms.sentences import split_sentences


def _texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_offsets_point_into_the_text() -> None:
    text = "# Acme raises $5m\n\nAcme raised $5m. It will hire.\n"
    for s in split_sentences(text):
        assert text[s.start : s.end].replace("\n", " ") == s.text


def test_headline_is_its_own_unit() -> None:
    units = split_sentences("# Acme raises $5m\n\nAcme raised $5m.")
    assert units[0].kind == "headline"
    assert units[0].text == "Acme raises $5m"


def test_chinese_terminators_split() -> None:
    assert _texts("甲公司完成融资。乙公司跟投；丙公司参投！") == [
        "甲公司完成融资。",
        "乙公司跟投；",
        "丙公司参投！",
    ]


def test_english_split_skips_abbreviations_and_decimals() -> None:
    text = "Acme Inc. raised $1.5 million from Mr. Smith. Beta Corp. followed."
    assert _texts(text) == ["Acme Inc. raised $1.5 million from Mr. Smith.", "Beta Corp. followed."]


def test_bullets_are_units_without_their_markers() -> None:
    units = split_sentences("Key points\n\n- Acme raised $5m.\n- Beta joined.\n")
    bullets = [u for u in units if u.kind == "bullet"]
    assert [u.text for u in bullets] == ["Acme raised $5m.", "Beta joined."]


def test_wrapped_lines_join_into_one_sentence() -> None:
    units = split_sentences("Acme got money from Menlo\nVentures today.")
    assert [u.text for u in units] == ["Acme got money from Menlo Ventures today."]


def test_image_line_is_a_caption() -> None:
    units = split_sentences("图：甲公司创始人\n\nBody text.")
    assert (units[0].kind, units[0].text) == ("caption", "甲公司创始人")


def test_chinese_headline_splits_at_spaces_between_clauses() -> None:
    units = split_sentences("# 甲公司完成A轮融资 乙资本领投\n\n正文。")
    assert [u.text for u in units if u.kind == "headline"] == ["甲公司完成A轮融资", "乙资本领投"]


def test_english_headline_is_not_split() -> None:
    units = split_sentences("# Acme raises $5m from Beta Capital\n")
    assert [u.text for u in units] == ["Acme raises $5m from Beta Capital"]


def test_title_line_is_a_headline_without_a_blank_line() -> None:
    units = split_sentences(
        "Acme raises $5m from Beta\nAcme, a robot maker, raised $5m.", "Acme raises $5m from Beta"
    )
    assert [(u.kind, u.text) for u in units] == [
        ("headline", "Acme raises $5m from Beta"),
        ("body", "Acme, a robot maker, raised $5m."),
    ]


def test_a_series_letter_ends_a_sentence_unlike_an_initial() -> None:
    text = "Zeta raised $9 million in a Series B. Foo Capital led it. John F. Doe joined."
    assert [s.text for s in split_sentences(text)] == [
        "Zeta raised $9 million in a Series B.",
        "Foo Capital led it.",
        "John F. Doe joined.",
    ]
