"""Tests for duizhao.variants: the four script variants and the conversion between them.

Everything runs the real OpenCC 1.4.2 binding offline. Sections: variants and lookup, the
regional tables (named cases, then every row of every data file), corrections, longest
match, protected spans, Traditional sources, script detection, line-by-line conversion,
OpenCC's own upstream test cases, the CLI, throughput.
"""

from __future__ import annotations

import json
import re
import select
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import opencc
import pytest

from duizhao import variants
from duizhao.variants import (
    Row,
    boundaries,
    chains,
    convert,
    convert_lines,
    detect_region,
    detect_script,
    detect_source,
    load_table,
    names,
    opencc_converter,
    opencc_files,
    spans,
    variant,
)
from duizhao.variants.catalogue import all_variants, recipe, sources
from duizhao.variants.reviewed import reviewed_stock

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
INITIUM_SEED = ROOT / "seeds" / "001_da52852a1bd2a4ae.txt"  # Simplified, with 看著 and 衝突
UPSTREAM = ROOT / "tests" / "data" / "opencc-upstream" / "testcases.json"
SCRIPT = ROOT / "scripts" / "variants.py"
TAGS = tuple(v.tag for v in all_variants())
TRADITIONAL_TAGS = ("zh-Hant", "zh-TW", "zh-HK")


def stock(config: str) -> Callable[[str], str]:
    """A stock OpenCC config, no tables: the reference our output is compared with."""
    return opencc.OpenCC(config).convert


def seed_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# Samples written by hand in each Traditional standard.
TAIWAN_SAMPLE = "俄羅斯總統普丁與美國總統川普舉行視訊會晤，他說雙方在這裡討論了軟體與網路安全。"
HONG_KONG_SAMPLE = "俄羅斯總統普京同美國總統特朗普舉行視像會晤，佢哋喺度講咗好耐。裏面着實有啲嘢。"


# ─── Variants and lookup ───────────────────────────────────────────────────────────────────


def source_texts(source: str) -> list[str]:
    """The seeds' text as a source of this script would write it."""
    texts = [seed_text(p) for p in SEEDS]
    writer = {"hans": None, "hant": "s2t", "tw": "s2twp", "hk": "s2hk"}[source]
    return [stock(writer)(t) for t in texts] if writer else texts


def test_variants_in_order_with_labels_in_their_own_script() -> None:
    assert [(v.tag, v.path, v.short, v.name) for v in all_variants()] == [
        ("zh-Hans", "zh-hans", "简", "简体中文"),
        ("zh-Hant", "zh-hant", "繁", "繁體中文"),
        ("zh-TW", "zh-tw", "臺", "臺灣正體"),
        ("zh-HK", "zh-hk", "港", "香港繁體"),
    ]


@pytest.mark.parametrize(
    ("name", "tag"),
    [
        ("zh-Hans", "zh-Hans"),
        ("zh-hans", "zh-Hans"),
        ("ZH-TW", "zh-TW"),
        ("zh-hk", "zh-HK"),
        (" zh-Hant ", "zh-Hant"),
        ("Zh-Hk", "zh-HK"),
    ],
)
def test_variant_lookup_by_tag_or_path_in_any_case(name: str, tag: str) -> None:
    assert variant(name).tag == tag


def test_unknown_variant_names_the_valid_ones() -> None:
    with pytest.raises(ValueError) as error:
        variant("zh-CN")
    assert all(tag in str(error.value) for tag in TAGS)
    with pytest.raises(ValueError, match="zh-Hans"):
        convert("普京", "zh-MO")


def test_unknown_source_names_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="hans, hant, tw, hk, auto"):
        convert("普京", "zh-TW", "jp")


# ─── Regional tables: the named cases ──────────────────────────────────────────────────────

NAMED_CASES = [
    # (text, target, source, expected)
    ("普京", "zh-TW", "hans", "普丁"),
    ("特朗普", "zh-TW", "hans", "川普"),
    ("马克龙", "zh-TW", "hans", "馬克宏"),
    ("视频会晤", "zh-TW", "hans", "視訊會晤"),
    ("视频峰会", "zh-TW", "hans", "視訊峰會"),
    ("视频通话", "zh-TW", "hans", "視訊通話"),  # s2twp already right
    ("视频会谈", "zh-TW", "hans", "視訊會談"),
    ("视频对话", "zh-TW", "hans", "視訊對話"),
    ("拜登", "zh-TW", "hans", "拜登"),
    ("金正恩", "zh-TW", "hans", "金正恩"),
    ("泽连斯基", "zh-TW", "hans", "澤倫斯基"),
    ("内塔尼亚胡", "zh-TW", "hans", "尼坦雅胡"),  # CNA's form (names.tsv)
    ("納坦雅胡", "zh-Hans", "tw", "内塔尼亚胡"),  # LTN's form reads back too
    ("朔尔茨", "zh-TW", "hans", "蕭茲"),
    ("默克尔", "zh-TW", "hans", "梅克爾"),
    ("斯塔默", "zh-TW", "hans", "施凱爾"),
    ("新西兰", "zh-TW", "hans", "紐西蘭"),  # s2twp already right
    ("悉尼", "zh-TW", "hans", "雪梨"),
    ("意大利", "zh-TW", "hans", "義大利"),  # s2twp already right
    ("特朗普", "zh-HK", "hans", "特朗普"),
    ("普京", "zh-HK", "hans", "普京"),
    ("视频会晤", "zh-HK", "hans", "視像會晤"),
    ("特鲁多", "zh-TW", "hans", "杜魯道"),  # today's names (names.tsv)
    ("扎克伯格", "zh-TW", "hans", "祖克柏"),
    ("贝索斯", "zh-TW", "hans", "貝佐斯"),
    ("特拉斯", "zh-HK", "hans", "卓慧思"),
    ("卓慧思", "zh-TW", "hk", "特拉斯"),
    ("马克龙", "zh-HK", "hans", "馬克龍"),
    ("斯塔默", "zh-HK", "hans", "施紀賢"),
    ("普京", "zh-Hant", "hans", "普京"),  # zh-Hant has no regional vocabulary
    ("视频会晤", "zh-Hant", "hans", "視頻會晤"),
    ("普丁", "zh-Hans", "tw", "普京"),
    ("川普", "zh-Hans", "tw", "特朗普"),
    ("普丁", "zh-HK", "tw", "普京"),
    ("川普", "zh-HK", "tw", "特朗普"),
    ("馬克宏", "zh-HK", "tw", "馬克龍"),
    ("視訊會晤", "zh-HK", "tw", "視像會晤"),
    ("普丁", "zh-Hant", "tw", "普京"),
    ("蒲亭", "zh-Hans", "tw", "普京"),  # CNA's spelling reads back too
    ("蒲亭", "zh-TW", "tw", "蒲亭"),  # ...and a Taiwan page keeps it
    ("特朗普", "zh-TW", "hk", "川普"),
    ("視像會晤", "zh-TW", "hk", "視訊會晤"),
    ("網路", "zh-HK", "tw", "網絡"),  # a Taiwan source reads Hong Kong's words in zh-HK
    ("軟體", "zh-HK", "tw", "軟件"),
    ("人工智慧", "zh-HK", "tw", "人工智能"),
    ("視訊會議", "zh-HK", "tw", "視像會議"),
    ("網路", "zh-Hant", "tw", "網絡"),  # zh-Hant has no regional vocabulary: no mixing
    ("優化", "zh-TW", "hk", "優化"),  # never 最佳化 (opencc-TWPhrases.tsv)
    ("視像會議", "zh-TW", "hk", "視訊會議"),
    ("的士", "zh-TW", "hk", "計程車"),
    ("建立", "zh-Hans", "tw", "建立"),  # never 创建 (opencc-TWPhrasesRev.tsv)
]


@pytest.mark.parametrize(("text", "target", "source", "expected"), NAMED_CASES)
def test_named_regional_case(text: str, target: str, source: str, expected: str) -> None:
    assert convert(text, target, source) == expected


def test_names_in_a_sentence() -> None:
    text = "俄罗斯总统普京与美国总统特朗普举行视频会晤"
    assert convert(text, "zh-TW") == "俄羅斯總統普丁與美國總統川普舉行視訊會晤"
    assert convert(text, "zh-HK") == "俄羅斯總統普京與美國總統特朗普舉行視像會晤"
    assert convert(text, "zh-Hant") == "俄羅斯總統普京與美國總統特朗普舉行視頻會晤"
    assert convert(TAIWAN_SAMPLE, "zh-Hans", "tw").startswith(
        "俄罗斯总统普京与美国总统特朗普举行视频会晤"
    )


def test_stock_opencc_gets_the_named_cases_wrong() -> None:
    """Why the tables exist: s2twp leaves names alone and says 影片 for a video call."""
    s2twp = stock("s2twp")
    assert s2twp("普京") == "普京"
    assert s2twp("特朗普") == "特朗普"
    assert s2twp("马克龙") == "馬克龍"
    assert s2twp("视频会晤") == "影片會晤"
    assert stock("s2hk")("视频会晤") == "視頻會晤"
    assert stock("tw2sp")("普丁") == "普丁"


# ─── Regional tables: every row of the data files ──────────────────────────────────────────

REGION_TAG = {"tw": "zh-TW", "hk": "zh-HK"}
REGION_STOCK = {"tw": "s2twp", "hk": "s2hk"}
NAME_FLAGS = {"": "", "oneway": "oneway", "readback": "alias"}  # "glossary": not in text


def name_rows() -> list[tuple[str, Row]]:
    """names.tsv's rows as (region, row), flagged as the tables flag theirs."""
    return [
        (region, Row(name.simplified, name.form(region), NAME_FLAGS[name.text], name.origin))
        for name in names.load()
        if name.text in NAME_FLAGS
        for region in ("tw", "hk")
        if name.form(region)
    ]


TABLE_ROWS = [(region, row) for region in ("tw", "hk") for row in load_table(region)]
REGIONAL_ROWS = TABLE_ROWS + name_rows()


def row_id(item: object) -> str:
    return item.origin if isinstance(item, Row) else str(item)


def base(region: str) -> Callable[[str], str]:
    """OpenCC's config for the region with our reviewed dictionaries, without our rows."""
    return reviewed_stock(REGION_STOCK[region]).convert


def main_forms() -> dict[str, dict[str, str]]:
    """Simplified term -> region -> main form, read straight from the files (the oracle)."""
    forms: dict[str, dict[str, str]] = {}
    for region, row in REGIONAL_ROWS:
        if row.flag != "alias":
            forms.setdefault(row.key, {})[region] = row.value
    return forms


def aliases(term: str, region: str) -> set[str]:
    """Other spellings the region writes too (left as they are: Hong Kong writes 南韓 too)."""
    return {
        row.value
        for r, row in REGIONAL_ROWS
        if r == region and row.key == term and row.flag == "alias"
    }


def regional_form(term: str, region: str) -> str:
    return main_forms().get(term, {}).get(region) or base(region)(term)


@pytest.mark.parametrize(("region", "row"), REGIONAL_ROWS, ids=row_id)
def test_row_forward(region: str, row: Row) -> None:
    """A Simplified source gets the row's regional form (an alias is never produced)."""
    got = convert(row.key, REGION_TAG[region])
    if row.flag == "alias":
        assert got == regional_form(row.key, region)
    else:
        assert got == row.value


@pytest.mark.parametrize(("region", "row"), REGIONAL_ROWS, ids=row_id)
def test_row_backward(region: str, row: Row) -> None:
    """A source written the regional way reads the Simplified form, and the other region's."""
    to_hans = convert(row.value, "zh-Hans", region)
    if row.flag == "oneway":
        if row.value != base(region)(row.key):
            assert to_hans != row.key  # 雪梨 stays a pear
        return
    assert to_hans == row.key
    other = "hk" if region == "tw" else "tw"
    accepted = {regional_form(row.key, other)} | aliases(row.key, other)
    assert convert(row.value, REGION_TAG[other], region) in accepted


@pytest.mark.parametrize(("region", "row"), TABLE_ROWS, ids=row_id)
def test_row_is_needed(region: str, row: Row) -> None:
    """Only rows OpenCC (with our reviewed dictionaries) gets wrong belong in a table; a
    guard must guard something."""
    if row.flag != "guard":
        assert base(region)(row.key) != row.value
        return
    others = {
        form for _, other in REGIONAL_ROWS if other != row for form in (other.key, other.value)
    }
    assert any(form in row.key or form in row.value for form in others)


def test_every_name_differs_somewhere_from_plain_conversion() -> None:
    """Rows where all regions agree (after plain character conversion) are left out of
    names.tsv; a row that Taiwan's phrase table already gets right stays, for its English
    and its kind, which the glossary reads."""
    plain = {"tw": reviewed_stock("s2tw").convert, "hk": reviewed_stock("s2hk").convert}
    for name in names.load():
        differs = [
            r for r in ("tw", "hk") if name.form(r) and name.form(r) != plain[r](name.simplified)
        ]
        assert differs, f"{name.origin}: {name.simplified} converts plainly in every region"


@pytest.mark.parametrize(("region", "row"), REGIONAL_ROWS, ids=row_id)
def test_row_uses_the_regions_glyphs(region: str, row: Row) -> None:
    """Written in the characters the region's variant prints (峰 and 說 for Hong Kong, as its
    press prints them; 裡 and 著 for Taiwan), so a row's form and the text around it agree."""
    glyphs = reviewed_stock("t2tw" if region == "tw" else "t2hk")
    assert glyphs.convert(row.value) == row.value


def test_every_data_file_parses_and_has_rows() -> None:
    for name in variants.table_names():
        rows = load_table(name)
        assert rows, name
        assert all(row.origin.startswith(f"{name}.tsv:") for row in rows)


# ─── Corrections and Simplified normalisation ──────────────────────────────────────────────

CORRECTION_ROWS = list(load_table("corrections"))
HANS_ROWS = list(load_table("hans"))


def expected_correction(value: str, target: str) -> str:
    """The row's Traditional text with the target's own glyphs and vocabulary applied."""
    tail = {"zh-Hant": ("hant", "zh-Hant"), "zh-TW": ("hant", "zh-TW"), "zh-HK": ("hant", "zh-HK")}
    return opencc_converter(*tail[target], tables=False).convert(value)


@pytest.mark.parametrize("row", CORRECTION_ROWS, ids=row_id)
@pytest.mark.parametrize("target", TRADITIONAL_TAGS)
def test_correction_row(row: Row, target: str) -> None:
    got = convert(row.key, target)
    assert got == expected_correction(row.value, target)
    assert stock("t2s")(got) == row.key  # reads back as the source


@pytest.mark.parametrize("row", CORRECTION_ROWS, ids=row_id)
def test_correction_is_still_needed(row: Row) -> None:
    """OpenCC 1.4.2 itself still gets it wrong (drop the row once upstream fixes it); a
    guard keeps OpenCC's own reading of a phrase against a shorter row of ours."""
    if row.flag == "guard":
        assert stock("s2tw")(row.key) == expected_correction(row.value, "zh-Hant")
        assert any(other.key in row.key for other in CORRECTION_ROWS if other != row)
        return
    assert stock("s2tw")(row.key) != expected_correction(row.value, "zh-Hant")


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ("五分之一出席", "五分之一齣席", "五分之一出席"),
        ("被发明", "被髮明", "被發明"),
        ("头发干了", "頭髮幹了", "頭髮乾了"),
        ("前头发生", "前頭髮生", "前頭發生"),
        ("去干涉", "去幹涉", "去干涉"),
        ("街头发生枪击", "街頭髮生槍擊", "街頭發生槍擊"),
        ("他被发表的文章", "他被髮表的文章", "他被發表的文章"),
    ],
)
def test_named_correction(text: str, wrong: str, right: str) -> None:
    assert stock("s2tw")(text) == wrong  # what OpenCC 1.4.2 does
    for target in TRADITIONAL_TAGS:
        assert convert(text, target) == right
    assert convert(text, "zh-Hans") == text


@pytest.mark.parametrize("row", HANS_ROWS, ids=row_id)
def test_simplified_normalisation_row(row: Row) -> None:
    assert convert(row.key, "zh-Hans") == row.value
    if row.flag != "guard":
        assert stock("t2s")(row.key) != row.value  # t2s alone would leave it


def test_mixed_source_is_normalised_to_simplified() -> None:
    """The Initium seed: Simplified with 看著, 衝突 and 「」 quotes mixed in."""
    text = seed_text(INITIUM_SEED)
    assert "看著" in text and "衝突" in text and "「策应」" in text
    simplified = convert(text, "zh-Hans")
    assert "看着对方" in simplified
    assert "中美冲突" in simplified
    assert "衝" not in simplified and "看著" not in simplified
    # zh-Hans prints “” and ‘’ (data/variants/variants.yaml), whatever the seed used.
    assert "“策应”" in simplified and "「" not in simplified
    assert convert("他说“好”", "zh-TW") == "他說「好」"


def test_normalised_form_carries_into_the_other_variants() -> None:
    assert convert("看著对方", "zh-HK") == "看着對方"
    assert convert("看著对方", "zh-TW") == "看著對方"
    assert convert("去看著名景点", "zh-Hans") == "去看著名景点"  # guard row


# ─── Longest match ─────────────────────────────────────────────────────────────────────────


def test_our_longer_row_beats_a_shorter_one() -> None:
    assert convert("基尔·斯塔默", "zh-TW") == "施凱爾"  # not 基爾·施凱爾
    assert convert("基尔·斯塔默", "zh-HK") == "施紀賢"


def test_our_longer_row_beats_opencc_shorter_phrase() -> None:
    assert stock("s2tw")("头发") == "頭髮"
    assert convert("头发干了", "zh-Hant") == "頭髮乾了"


def test_opencc_longer_phrase_beats_our_shorter_row() -> None:
    assert convert("被发表", "zh-Hant") == "被發表"  # our 被发 → 被發
    assert convert("被发左衽", "zh-Hant") == "被髮左衽"  # OpenCC's 被发左衽 is longer


def test_guard_row_stops_a_shorter_row_inside_it() -> None:
    assert convert("川普", "zh-Hans", "tw") == "特朗普"
    assert convert("他說四川普通話", "zh-Hans", "tw") == "他说四川普通话"
    assert convert("他说四川普通话", "zh-TW") == "他說四川普通話"


def test_a_word_before_a_name_keeps_its_own_segmentation() -> None:
    # OpenCC segments 宣布 first, so 布什 (Bush) does not match inside 宣布什么.
    assert convert("宣布什么", "zh-TW") == "宣布什麼"  # 布, as Taiwan writes it
    assert convert("布什", "zh-TW") == "布希"


# ─── Protected spans: URLs and code ────────────────────────────────────────────────────────

PROTECTED_SAMPLES = [
    "见 https://zh.wikipedia.org/wiki/普京 了解",
    "代码 `普京` 和 ``头发`干了`` 不变",
    "[普京](../普京/头发干了.md)",
    '<a href="/普京/头发干了" title="普京">普京</a>',
    '<img src="/图/普京.jpg" alt="普京">',
    "<code>普京 头发干了</code>",
    "www.普京.cn/头发干了 结束",
]


@pytest.mark.parametrize("text", PROTECTED_SAMPLES)
@pytest.mark.parametrize("target", TAGS)
def test_protected_spans_unchanged(text: str, target: str) -> None:
    kept = [m.group() for m in re.finditer(r"[^\s\[\]()<>\"'`=]*普京[^\s\[\]()<>\"'`]*", text)]
    protected = [text[a:b] for a, b in spans.protected_spans(text)]
    assert protected, text
    got = convert(text, target)
    for span in protected:
        assert span in got
    assert kept  # the sample does hold protected Chinese


def test_protection_in_detail() -> None:
    text = (
        "普京见 https://zh.wikipedia.org/wiki/普京（总统） 和 `普京` 以及 [普京](../普京.md) "
        '<a href="/普京" title="普京">普京</a>'
    )
    assert convert(text, "zh-TW") == (
        "普丁見 https://zh.wikipedia.org/wiki/普京（總統） 和 `普京` 以及 [普丁](../普京.md) "
        '<a href="/普京" title="普丁">普丁</a>'
    )
    assert convert("`头发干了` 头发干了 https://x.cn/头发干了", "zh-Hant") == (
        "`头发干了` 頭髮乾了 https://x.cn/头发干了"
    )


def test_fenced_code_block_unchanged() -> None:
    text = "普京说\n```python\n# 普京 头发干了\nprint('视频会晤')\n```\n普京\n~~~\n普京\n"
    got = convert(text, "zh-TW")
    assert got == "普丁說\n```python\n# 普京 头发干了\nprint('视频会晤')\n```\n普丁\n~~~\n普京\n"


def test_protection_from_a_same_script_source() -> None:
    text = "普丁 `普丁` https://x.tw/普丁 普丁\n衝突"
    assert convert(text, "zh-TW", "tw") == "普丁 `普丁` https://x.tw/普丁 普丁\n衝突"
    assert convert(text, "zh-Hans", "tw") == "普京 `普丁` https://x.tw/普丁 普京\n冲突"
    assert convert("衝突 `衝突` https://x.cn/衝突", "zh-Hans") == "冲突 `衝突` https://x.cn/衝突"


def test_text_holding_the_internal_marker_still_converts() -> None:
    text = "\ufdd0普京 `普京` https://x.cn/普京 \ufdd0"
    assert convert(text, "zh-TW") == "\ufdd0普丁 `普京` https://x.cn/普京 \ufdd0"


# ─── Traditional sources ───────────────────────────────────────────────────────────────────


def test_taiwan_source_into_every_variant() -> None:
    assert convert(TAIWAN_SAMPLE, "zh-Hans", "tw") == (
        "俄罗斯总统普京与美国总统特朗普举行视频会晤，他说双方在这里讨论了软件与网络安全。"
    )
    assert convert(TAIWAN_SAMPLE, "zh-Hant", "tw") == (
        "俄羅斯總統普京與美國總統特朗普舉行視頻會晤，他說雙方在這裡討論了軟件與網絡安全。"
    )
    assert convert(TAIWAN_SAMPLE, "zh-TW", "tw") == TAIWAN_SAMPLE
    assert convert(TAIWAN_SAMPLE, "zh-HK", "tw") == (
        "俄羅斯總統普京與美國總統特朗普舉行視像會晤，他說雙方在這裏討論了軟件與網絡安全。"
    )


def test_hong_kong_source_into_every_variant() -> None:
    assert convert(HONG_KONG_SAMPLE, "zh-Hans", "hk") == (
        "俄罗斯总统普京同美国总统特朗普举行视频会晤，佢哋喺度讲咗好耐。里面着实有啲嘢。"
    )
    assert convert(HONG_KONG_SAMPLE, "zh-TW", "hk") == (
        "俄羅斯總統普丁同美國總統川普舉行視訊會晤，佢哋喺度講咗好耐。裡面著實有啲嘢。"
    )
    assert convert(HONG_KONG_SAMPLE, "zh-HK", "hk") == HONG_KONG_SAMPLE


def test_generic_traditional_source() -> None:
    text = "俄羅斯總統普京與美國總統特朗普舉行視頻會晤，雙方說會再談。"
    expected = {
        "zh-Hans": "俄罗斯总统普京与美国总统特朗普举行视频会晤，双方说会再谈。",
        "zh-Hant": text,
        "zh-TW": "俄羅斯總統普丁與美國總統川普舉行視訊會晤，雙方說會再談。",
        "zh-HK": "俄羅斯總統普京與美國總統特朗普舉行視像會晤，雙方說會再談。",
    }
    assert {tag: convert(text, tag, "hant") for tag in TAGS} == expected


def test_auto_source() -> None:
    assert convert(TAIWAN_SAMPLE, "zh-Hans", "auto") == convert(TAIWAN_SAMPLE, "zh-Hans", "tw")
    assert convert("普京说", "zh-TW", "auto") == "普丁說"


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_seed_round_trip_through_taiwan(seed: Path) -> None:
    """A Simplified seed, converted to zh-TW, reads back the same names from a Taiwan source."""
    text = seed_text(seed)
    taiwan = convert(text, "zh-TW")
    back = convert(taiwan, "zh-Hans", "tw")
    assert back.count("普京") == text.count("普京") > 0
    assert "普丁" not in back


def test_merged_chain_equals_running_the_stock_configs_in_turn() -> None:
    text = stock("s2hk")(seed_text(SEEDS[0]))
    merged = chains.stock_chain("hk", "zh-Hant").convert(text)
    assert merged == stock("t2tw")(stock("hk2t")(text))
    assert chains.stock_chain("hans", "zh-TW").convert(text) == stock("s2twp")(text)


def test_generated_config_is_not_left_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A private temporary folder: the shared one may hold another run's files.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    folder = Path(tempfile.gettempdir())
    before = set(folder.glob("duizhao-opencc-*"))
    chains.build_converter(("hk2t", "t2tw"), {})
    entries = chains.our_entries("hk", "zh-TW")
    assert entries
    converter = chains.build_converter(("hk2t", "s2twp[1:]"), entries)  # with a compiled dictionary
    assert set(folder.glob("duizhao-opencc-*")) == before
    assert converter.convert("視像會晤") == "視訊會晤"  # loaded before its folder went


def test_our_rows_load_as_a_compiled_dictionary(tmp_path: Path) -> None:
    """The pinned wheel ships opencc_dict: our rows become a trie like OpenCC's own, not
    the inline list OpenCC searches once per candidate length at every character."""
    found = chains.compile_dictionary({"普京": "普丁", "悉尼": "雪梨"}, tmp_path)
    assert found["type"] == "ocd2"
    assert Path(found["file"]).read_bytes().startswith(b"OPENCC_MARISA")


@pytest.mark.parametrize("source", sources())
def test_compiled_and_inline_dictionaries_convert_alike(
    source: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same output whichever form our rows take, for every pair, over the seeds, OpenCC's
    upstream cases and every row of our tables (each in a sentence)."""
    rows = [row for name in variants.table_names() for row in load_table(name)]
    cases = [str(case["input"]) for case in upstream_cases()]
    assert len(cases) > 50
    samples = [f"他说{row.key}和{row.value}的事。" for row in rows] + cases + [TAIWAN_SAMPLE]
    text = "\n".join(source_texts(source) + samples)
    for tag in TAGS:
        steps, entries = recipe(source, tag), chains.our_entries(source, tag)
        protect = source != "hans"
        compiled = chains.build_converter(steps, entries, protect=protect)
        monkeypatch.setattr(opencc_files, "DICT_TOOL", Path("/nonexistent/opencc_dict"))
        inline = chains.build_converter(steps, entries, protect=protect)
        monkeypatch.undo()
        assert compiled.convert(text) == inline.convert(text), (source, tag)


# ─── Script detection ──────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_seeds_are_simplified(seed: Path) -> None:
    assert detect_script(seed_text(seed)) == "hans"
    assert detect_region(seed_text(seed)) is None


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_seed_converted_to_traditional_is_traditional(seed: Path) -> None:
    assert detect_script(stock("s2tw")(seed_text(seed))) == "hant"


@pytest.mark.parametrize(
    ("text", "script"),
    [
        (TAIWAN_SAMPLE, "hant"),
        (HONG_KONG_SAMPLE, "hant"),
        ("看著", "hans"),  # 著 is Simplified too (著名)
        ("衝突", "hant"),
        ("中美衝突背景下的中俄联盟", "hans"),  # one Traditional character among Simplified
        ("", "hans"),
        ("abc 123", "hans"),
    ],
)
def test_detect_script(text: str, script: str) -> None:
    assert detect_script(text) == script


def test_detect_region() -> None:
    assert detect_region(TAIWAN_SAMPLE) == "tw"
    assert detect_region(HONG_KONG_SAMPLE) == "hk"
    assert detect_region("俄罗斯总统普京") is None  # Simplified
    assert detect_region("中國") is None  # no evidence either way
    assert detect_source(TAIWAN_SAMPLE) == "tw"
    assert detect_source("中國") == "hant"
    assert detect_source("中国") == "hans"


# ─── Line by line ──────────────────────────────────────────────────────────────────────────

LINE_SAMPLES = [
    *(seed_text(p) for p in SEEDS),
    "普京说\n```\n普京\n```\n`普京` https://x.cn/普京\n头发干了\n",
    "开头\n~~~~\n```\n普京\n~~~~\n普京",
]


@pytest.mark.parametrize("number", range(len(LINE_SAMPLES)))
@pytest.mark.parametrize("target", TAGS)
def test_line_by_line_equals_whole_text(number: int, target: str) -> None:
    text = LINE_SAMPLES[number]
    lines = text.splitlines(keepends=True)
    assert "".join(convert_lines(lines, target)) == convert(text, target)
    taiwan = stock("s2twp")(text)
    assert "".join(convert_lines(taiwan.splitlines(keepends=True), target, "tw")) == convert(
        taiwan, target, "tw"
    )


def test_line_by_line_auto_keeps_the_last_decision() -> None:
    lines = ["普丁說\n", "123\n", "普京说\n"]
    assert list(convert_lines(lines, "zh-Hans", "auto")) == ["普京说\n", "123\n", "普京说\n"]


# ─── OpenCC's own test cases ───────────────────────────────────────────────────────────────

# Which of our (source, target) pairs each upstream config stands for.
UPSTREAM_PAIRS = {
    "s2tw": ("hans", "zh-Hant"),
    "s2twp": ("hans", "zh-TW"),
    "s2hk": ("hans", "zh-HK"),
    "t2s": ("hant", "zh-Hans"),
    "tw2sp": ("tw", "zh-Hans"),
    "hk2s": ("hk", "zh-Hans"),
    "t2tw": ("hant", "zh-Hant"),
    "t2hk": ("hant", "zh-HK"),
}

# Upstream cases we deliberately convert otherwise, (case id, config) -> reason. Each is a
# decision recorded in our data: a reviewed OpenCC entry (data/variants/opencc-*.tsv), Hong
# Kong's print glyphs, a name of names.tsv, or a word boundary OpenCC's Traditional configs
# do not keep. (It also caught a mistake once: Taiwan's 卡麥隆 is also James Cameron,
# mainland 卡梅隆, so that row is oneway.)
HK_PRINT = "zh-HK prints what Hong Kong's press prints (說, 麵): opencc-HKVariants.tsv"
TW_REVIEW = "opencc-TWPhrases.tsv"
TW_REVERSE = "opencc-TWPhrasesRev.tsv"
DELIBERATE_CASES = [
    ("case_013", "s2hk", HK_PRINT),
    ("case_036", "t2hk", HK_PRINT),
    ("s2t_ximian", "s2hk", HK_PRINT),
    ("BYVoid_OpenCC_Issue_475_tw2sp", "tw2sp", f"圖示 (as shown) is not 图标: {TW_REVERSE}"),
    ("BYVoid_OpenCC_PR_1291_tw2sp", "tw2sp", f"通訊 is a mainland word (通讯社): {TW_REVERSE}"),
    ("nVidia_naming_t2s", "t2s", "輝達 is Nvidia (names.tsv), read back from any Traditional"),
    ("fortune_500_company_names_tw2sp", "tw2sp", "伯克希尔·哈撒韦 with the dot (names.tsv)"),
    ("dioxin_terms_tw_s2twp", "s2twp", f"持久性 is not 永續性 (sustainable): {TW_REVIEW}"),
    ("variants_tw_s2twp", "s2twp", f"社區 (neighbourhood) is not 社群: {TW_REVIEW}"),
    ("variants_tw_tw2sp", "tw2sp", f"社群 is a mainland word too: {TW_REVERSE}"),
    ("variants_tw_tw2sp", "t2s", "所羅門群島 reads back (names.tsv) from any Traditional"),
    ("BYVoid_OpenCC_PR_1036_t2s", "tw2sp", f"叮噹 is 叮当 in the mainland too: {TW_REVERSE}"),
    ("BYVoid_OpenCC_Issue_933_s2twp", "s2twp", f"默認 (tacitly accept) is not 預設: {TW_REVIEW}"),
    ("BYVoid_OpenCC_PR_508", "s2twp", f"默認 is not 預設: {TW_REVIEW}"),
    (
        "western_classical_musicians_s2twp",
        "s2twp",
        f"拉莫, 瓦格納, 薩蒂, 格拉斯, 梅西安 cut longer names (拉莫斯, 梅西安然無恙): {TW_REVIEW}",
    ),
    ("BYVoid_OpenCC_Issue_1174_tw2sp", "tw2sp", f"正規化 (regularise) is not 范式: {TW_REVERSE}"),
    ("BYVoid_OpenCC_Issue_1246_core_reverse_phrase", "tw2sp", f"核心 is not 内核: {TW_REVERSE}"),
    ("BYVoid_OpenCC_Issue_475_mixed_script_input", "s2twp", f"數據 stays 數據: {TW_REVIEW}"),
    ("director_names_all_modes", "s2hk", "James Cameron is 占士·金馬倫 in Hong Kong (names.tsv)"),
    ("producer_names_all_modes", "s2hk", "George Clooney, Brad Pitt: Hong Kong names (names.tsv)"),
]
DELIBERATE = {(case, config): reason for case, config, reason in DELIBERATE_CASES}


def upstream_cases() -> list[dict[str, object]]:
    raw = UPSTREAM.read_text(encoding="utf-8")
    return json.loads(re.sub(r",(\s*[}\]])", r"\1", raw))["cases"]  # trailing commas


UPSTREAM_CHECKS = [
    (case["id"], config, case["input"], expected)
    for case in upstream_cases()
    for config, expected in case["expected"].items()  # type: ignore[union-attr]
    if config in UPSTREAM_PAIRS
]


@pytest.mark.parametrize(
    ("case_id", "config", "text", "expected"),
    UPSTREAM_CHECKS,
    ids=[f"{c[0]}-{c[1]}" for c in UPSTREAM_CHECKS],
)
def test_agrees_with_opencc_upstream(case_id: str, config: str, text: str, expected: str) -> None:
    source, target = UPSTREAM_PAIRS[config]
    got = convert(text, target, source)
    if (case_id, config) in DELIBERATE:
        assert got != expected, f"listed as deliberate but agrees: {DELIBERATE[case_id, config]}"
    else:
        assert got == expected


def test_upstream_file_covers_every_pair_and_exceptions_exist() -> None:
    configs = {check[1] for check in UPSTREAM_CHECKS}
    assert configs == set(UPSTREAM_PAIRS)
    assert len(UPSTREAM_CHECKS) > 300
    known = {(check[0], check[1]) for check in UPSTREAM_CHECKS}
    assert set(DELIBERATE) <= known


def test_stock_opencc_passes_the_upstream_file() -> None:
    """The reference itself: raw OpenCC 1.4.2 agrees with every case we compare against."""
    for _, config, text, expected in UPSTREAM_CHECKS:
        assert stock(config)(text) == expected


# ─── CLI ───────────────────────────────────────────────────────────────────────────────────


def run_cli(*args: str, text: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "scripts/variants.py", *args],
        input=text,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def test_cli_converts_lines() -> None:
    result = run_cli("zh-TW", text="普京和特朗普举行视频会晤\n头发干了\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "普丁和川普舉行視訊會晤\n頭髮乾了\n"


def test_cli_source_option() -> None:
    result = run_cli("zh-hans", "--source", "hant", text="普丁說\n")
    assert (result.returncode, result.stdout) == (0, "普京说\n")
    result = run_cli("zh-HK", "--source", "auto", text="川普說\n普京说\n")
    assert (result.returncode, result.stdout) == (0, "特朗普說\n普京說\n")


def test_cli_unknown_variant() -> None:
    result = run_cli("zh-XX", text="普京\n")
    assert result.returncode == 2
    assert result.stdout == ""
    message = result.stderr.strip()
    assert "\n" not in message
    assert "zh-XX" in message and all(tag in message for tag in TAGS)


def test_cli_flushes_each_line() -> None:
    """Interactive use: a converted line arrives before the input ends."""
    process = subprocess.Popen(
        [sys.executable, "scripts/variants.py", "zh-TW"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=ROOT,
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        process.stdin.write("普京\n".encode())
        process.stdin.flush()
        ready, _, _ = select.select([process.stdout], [], [], 60)
        assert ready, "no output before end of input"
        assert process.stdout.readline().decode("utf-8") == "普丁\n"
    finally:
        process.stdin.close()
        process.wait(timeout=60)
    assert process.returncode == 0


# ─── Table file format ─────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("普京", "expected from<TAB>to"),
        ("普京\t普丁\t双向", "unknown flag"),
        ("普京\t普丁\toneway\textra", "expected from<TAB>to"),
        ("G-7峰会\tG-7峰會", "ASCII punctuation"),
        ("普 京\t普丁", "spaces"),
    ],
)
def test_table_format_errors_name_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(f"# comment\n\n{line}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=message) as error:
        load_table(path)
    assert "bad.tsv:3" in str(error.value)


def test_table_comments_and_flags(tmp_path: Path) -> None:
    path = tmp_path / "ok.tsv"
    path.write_text("# 註解\n普京\t普丁\t# 行尾註解\n悉尼\t雪梨\toneway\n", encoding="utf-8")
    assert load_table(path) == (
        Row("普京", "普丁", "", "ok.tsv:2"),
        Row("悉尼", "雪梨", "oneway", "ok.tsv:3"),
    )


def test_an_article_converts_in_one_call_exactly_as_string_by_string() -> None:
    """localize joins an article's strings into one OpenCC call; the result must be what
    converting each string alone gives, for every variant and every source script."""
    from pathlib import Path

    from duizhao.ingest.seeds import parse_seed
    from duizhao.variants import localize

    root = Path(__file__).resolve().parents[1]
    for path in sorted((root / "seeds").iterdir()):
        article = parse_seed(path)
        texts = localize._texts(article)
        assert len(texts) > 10
        for tag in localize.all_tags():
            one_by_one = [variants.convert(t, tag, article.script) if t else t for t in texts]
            assert localize.convert_all(texts, tag, article.script) == one_by_one
    mixed = ["普京说", "", "第一行\n第二行", "见 https://example.org/普京 和 `代码`"]
    expected = [variants.convert(t, "zh-TW", "hans") if t else t for t in mixed]
    assert localize.convert_all(mixed, "zh-TW", "hans") == expected


def test_localize_converts_every_text_field_and_keeps_the_rest() -> None:
    """localize builds blocks field by field (faster than dataclasses.replace): a field
    added to Block must be handled there, and this names them all."""
    from dataclasses import fields

    from duizhao.record import Article, Block
    from duizhao.variants import localize

    assert [f.name for f in fields(Block)] == [
        "kind", "id", "text", "plain", "level", "items", "src", "alt", "credit", "media",
        "plains", "depths", "numbered", "start", "rows", "header", "caption", "poster", "host",
    ]  # fmt: skip
    figure = Block(
        "figure", "f1", "说明", "说明", 0, (), "https://img.example/a.png", "图说", "记者", "image"
    )
    listing = Block("list", "l1", "", "项目", 0, ("第一项", "普京说"))
    heading = Block("heading", "h1", "标题", "标题", level=3)
    article = Article("a", "标题", "a.txt", "0" * 64, blocks=(figure, listing, heading))
    out = localize.localize(article, "zh-TW")
    assert out.blocks[0] == Block(
        "figure", "f1", "說明", "說明", 0, (), "https://img.example/a.png", "圖說", "記者", "image"
    )
    assert out.blocks[1] == Block("list", "l1", "", "項目", 0, ("第一項", "普丁說"))
    assert out.blocks[2] == Block("heading", "h1", "標題", "標題", level=3)
    assert out.lang == "zh-TW"
    # Issue 19's blocks: list items' plain text, table cells and caption convert; numbers,
    # depths, URLs and the player's host stay.
    table = Block("table", "t1", "", "项目 普京", rows=(("项目",), ("普京",)), header=1,
                  caption="说明")  # fmt: skip
    nested = Block("list", "l2", "", "项目", items=("项目",), plains=("项目",), depths=(1,),
                   numbered=(True,), start=3)  # fmt: skip
    video = Block(
        "video", "v1", src="https://www.youtube.com/watch?v=x", poster="https://img.example/p.jpg",
        host="youtube.com", media="video",
    )  # fmt: skip
    out = localize.localize(
        Article("c", "标题", "c.txt", "0" * 64, blocks=(table, nested, video)), "zh-TW"
    )
    assert out.blocks[0] == Block("table", "t1", "", "項目 普丁", rows=(("項目",), ("普丁",)),
                                  header=1, caption="說明")  # fmt: skip
    assert out.blocks[1] == Block("list", "l2", "", "項目", items=("項目",), plains=("項目",),
                                  depths=(1,), numbered=(True,), start=3)  # fmt: skip
    assert out.blocks[2] is video
    same = localize.localize(Article("b", "说明", "b.txt", "0" * 64, blocks=(figure,)), "zh-Hans")
    assert same.blocks[0] is figure  # unchanged blocks are shared, not copied


# ─── Shared first steps ────────────────────────────────────────────────────────────────────


def test_targets_sharing_a_first_step_share_one_family() -> None:
    assert chains.family_of("hans", "zh-TW") == ("zh-Hant", "zh-TW", "zh-HK")
    assert chains.family_of("hans", "zh-Hans") == ("zh-Hans",)
    assert chains.family_of("tw", "zh-Hans") == ("zh-Hans", "zh-Hant", "zh-HK")
    assert chains.family_of("tw", "zh-TW") == ("zh-TW",)  # as written: no conversion
    assert chains.family_of("hk", "zh-TW") == ("zh-Hant", "zh-TW")


@pytest.mark.parametrize("source", sources())
def test_family_converters_write_what_direct_converters_write(source: str) -> None:
    """Placeholders in a shared first step change nothing in the output: every pair, over
    the seeds as this source writes them, OpenCC's upstream cases and every row of our
    tables in and around a sentence. (Overlapping terms are the one deliberate exception:
    see the next test.)"""
    rows = [row for name in variants.table_names() for row in load_table(name)]
    samples = [f"他说{row.key}和{row.value}的事。" for row in rows]
    samples += [f"{row.key}{row.value}{row.key}" for row in rows]
    samples += [str(case["input"]) for case in upstream_cases()] + [TAIWAN_SAMPLE, HONG_KONG_SAMPLE]
    texts = source_texts(source) + samples
    shared = 0
    for tag in TAGS:
        family, direct = chains.converter_for(source, tag), chains.direct_converter(source, tag)
        shared += family is not direct
        for text in texts:
            assert family.convert(text) == direct.convert(text), (source, tag, text[:40])
    assert shared == {"hans": 3, "hant": 0, "tw": 3, "hk": 2}[source]


def test_a_simplified_family_runs_its_first_step_once() -> None:
    """zh-Hant, zh-TW and zh-HK from a Simplified source share one first pass (s2t, our
    rows first); converting a text into all three runs it once. Traditional sources keep
    one chain per target: their segmentation holds words their first step leaves alone,
    so the first step's output cannot mark every word's edges."""
    members = [chains.converter_for("hans", tag) for tag in ("zh-Hant", "zh-TW", "zh-HK")]
    passes = [getattr(member, "chain", None) for member in members]
    assert all(isinstance(each, boundaries.TwoPass) for each in passes)
    first = {id(each.first) for each in passes if isinstance(each, boundaries.TwoPass)}
    assert len(first) == 1
    for source in ("tw", "hk"):
        for tag in chains.family_of(source, "zh-Hant"):
            if recipe(source, tag):
                member = chains.converter_for(source, tag)
                assert not isinstance(getattr(member, "chain", None), boundaries.TwoPass)

    shared = passes[0].first  # type: ignore[union-attr]
    calls = []
    real = shared.converter

    class Counting:
        def convert(self, text: str) -> str:
            calls.append(text)
            return str(real.convert(text))

    shared.converter = Counting()
    try:
        text = "普京说，蘑菇云存储在记忆里。"
        outputs = [member.convert(text) for member in members]
    finally:
        shared.converter = real
    assert calls == [text]
    assert outputs == [
        chains.direct_converter("hans", tag).convert(text) for tag in ("zh-Hant", "zh-TW", "zh-HK")
    ]


def test_the_first_pass_marks_word_edges_so_later_phrases_stay_inside_words() -> None:
    """蘑菇云 + 存储: OpenCC segments a mushroom cloud and storage as two words, so Taiwan's
    phrase 雲端儲存 (cloud storage) cannot match across them. The family's later steps run
    over the whole first-pass output; without the marks between words they would read
    蘑菇雲端儲存."""
    text = "蘑菇云存储"
    member = chains.converter_for("hans", "zh-TW")
    two_pass = member.chain  # type: ignore[attr-defined]
    marked = two_pass.first.convert(text)
    assert boundaries.BOUNDARY in marked
    unmarked = str(two_pass.later.convert(marked.replace(boundaries.BOUNDARY, "")))
    assert unmarked == "蘑菇雲端儲存"  # what running the steps without marks would print
    assert convert(text, "zh-TW") == "蘑菇雲儲存"
    assert convert(text, "zh-TW") == chains.direct_converter("hans", "zh-TW").convert(text)


@pytest.mark.parametrize("text", ["⿲里面", "说明：⿰火⿲面条", "⿲台湾", "⿰氵每之后的里面"])
def test_ideographic_descriptions_convert_as_the_chain_converts_them(text: str) -> None:
    """OpenCC reads ⿲… as one unit and counts any character as its part, a word-edge mark
    included: left open at the end of a text, it would swallow the next word in a family's
    later steps (⿲里面 read ⿲裏面 on zh-TW, not ⿲裡面). Such text goes to the direct
    converter."""
    assert chains.needs_direct_converter(text)
    for tag in ("zh-Hant", "zh-TW", "zh-HK"):
        assert convert(text, tag) == chains.direct_converter("hans", tag).convert(text)
    assert convert("⿲里面", "zh-TW") == "⿲裡面"


def test_overlapping_terms_split_the_same_way_in_every_variant() -> None:
    """川普京: 川普 (Trump, Taiwan's form) or 普京 (Putin)? The variants of one family
    share their segmentation, so a reader switching variant reads the same person."""
    text = "他说川普京城之行"
    assert convert(text, "zh-Hant", "tw") == "他说特朗普京城之行"
    assert convert(text, "zh-HK", "tw") == "他说特朗普京城之行"  # not 川普京 → 川普丁 ...
    assert convert(text, "zh-TW", "tw") == text  # the source's own region: as written
    # A Hong Kong source is not read with Taiwan's names: 川普 is no term there.
    assert {convert(text, tag, "hk") for tag in ("zh-Hant", "zh-TW")} == {text}


def test_text_holding_placeholder_characters_converts_without_placeholders() -> None:
    """U+FDD1..U+FDEF are the placeholders' characters; text that already holds their
    marker goes to the direct converter, so a stray one cannot turn into a term. The code
    characters alone go through the family and come out as they went in."""
    placeholder = chains.placeholder(0)
    text = f"普京{placeholder}说\ufdef"
    assert convert(text, "zh-TW") == f"普丁{placeholder}說\ufdef"
    assert convert(text, "zh-HK") == chains.direct_converter("hans", "zh-HK").convert(text)
    mark = f"普京{boundaries.BOUNDARY}说"  # the word-edge mark, as text: kept, never lost
    assert chains.needs_direct_converter(mark)
    assert convert(mark, "zh-TW") == f"普丁{boundaries.BOUNDARY}說"
    codes = f"普京{placeholder[1:]}说\ufdd1普京"
    assert not chains.needs_direct_converter(codes)
    for tag in ("zh-Hant", "zh-TW", "zh-HK"):
        assert convert(codes, tag) == chains.direct_converter("hans", tag).convert(codes)
    assert convert(codes, "zh-TW") == f"普丁{placeholder[1:]}說\ufdd1普丁"
