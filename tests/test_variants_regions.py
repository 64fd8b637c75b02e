"""Every source to every region: which region a seed is written in (and why), its own
region's page as written, the others in their own words, names keeping their characters.

The Hong Kong and Taiwan texts here are written for these tests (and the news corpus,
tests/data/news-corpus/); Hong Kong's are in the glyphs its press prints (說, 溫, 脫).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from duizhao.ingest.seeds import SeedError, parse_seed_bytes
from duizhao.record import from_dict, to_dict
from duizhao.variants import all_variants, convert, decide_source, detect, spellings

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "news-corpus" / "news_sentences.tsv"
TAGS = tuple(v.tag for v in all_variants())

# A Hong Kong article as Hong Kong's press writes it: 說, 溫, 脫 as Taiwan writes them.
HONG_KONG_ARTICLE = (
    "立法會財務委員會今日通過撥款，政府發言人說，港鐵東鐵綫過海段的班次會增加。"
    "天文台表示，本港氣溫明日回升，市民外出時應注意。"
    "有的士司機說，乘客量仍未回復疫情前水平，業界希望與內地經濟脫鉤的說法不會成真。"
    "郭子峰在記者會上說，特區政府會繼續聽取市民意見。"
)
TAIWAN_ARTICLE = (
    "立法院今天三讀通過修正案，行政院發言人表示，政府將持續與各界溝通。"
    "台北捷運局說，計程車業者與捷運公司已就轉乘優惠達成共識。"
    "經濟部指出，軟體與網路產業今年出口成長，人工智慧相關訂單持續增加。"
)


def corpus_rows() -> list[tuple[str, str, str, str]]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()[1:]
    return [tuple(line.split("\t")) for line in lines]  # type: ignore[misc]


# ─── Which region ──────────────────────────────────────────────────────────────────────────


def test_a_hong_kong_article_is_recognised_by_its_words() -> None:
    """Hong Kong's press writes 說, 溫, 脫 like Taiwan's: those prove nothing; its words do."""
    decision = decide_source(HONG_KONG_ARTICLE)
    assert decision.source == "hk"
    assert "Hong Kong by its words" in decision.reason and "港鐵" in decision.reason


def test_a_taiwan_article_is_recognised_by_its_words() -> None:
    decision = decide_source(TAIWAN_ARTICLE)
    assert decision.source == "tw"
    assert "捷運" in decision.reason


@pytest.mark.parametrize("source", ["tw", "hk"])
def test_every_category_of_the_corpus_read_as_an_article(source: str) -> None:
    """Each category's sentences of one source, read as one article, are recognised. Not
    the other region's affairs: a Taiwan paper on Hong Kong writes 特首, 立法會 and 港府,
    and only its publisher (data/publishers.yaml) or the seed can say it is Taiwan's."""
    other_affairs = {"tw": "hk_affairs", "hk": "tw_affairs"}[source]
    by_category: dict[str, list[str]] = {}
    for _, written, category, sentence in corpus_rows():
        if written == source and category != other_affairs:
            by_category.setdefault(category, []).append(sentence)
    wrong = {
        category: decide_source("".join(sentences)).source
        for category, sentences in by_category.items()
        if len(sentences) >= 4 and decide_source("".join(sentences)).source != source
    }
    assert not wrong


def test_the_publisher_comes_before_the_words_and_a_seed_before_the_publisher() -> None:
    taiwan_words_from_hong_kong = "立法院今天三讀通過修正案。"  # a Hong Kong paper on Taiwan
    assert decide_source(taiwan_words_from_hong_kong).source == "tw"
    decision = decide_source(taiwan_words_from_hong_kong, publisher_region="hk")
    assert decision == decide_source(taiwan_words_from_hong_kong, "hk")
    assert (decision.source, decision.reason) == (
        "hk",
        "Traditional; Hong Kong (the publisher's region)",
    )
    stated = decide_source(taiwan_words_from_hong_kong, publisher_region="hk", stated="tw")
    assert stated.source == "tw" and "stated in the seed" in stated.reason


def test_undecided_traditional_is_converted_conservatively() -> None:
    decision = decide_source("中國外交部發言人表示，雙方將加強合作。")
    assert decision.source == "hant"
    assert "undecided" in decision.reason and "conservatively" in decision.reason
    # A publisher without a variant of its own (an international broadcaster) decides nothing.
    assert decide_source("中國外交部發言人表示。", publisher_region="intl").source == "hant"
    # "Conservatively": words are only ever changed into a region's, never read back as if
    # the text were Taiwan's or Hong Kong's (a Hong Kong text's 的士 is not 出租车 unless
    # known to be Hong Kong's, a Taiwan text's 支援 never 支持).
    assert convert("支援災區", "zh-Hans", "hant") == "支援灾区"


def test_the_script_is_always_the_texts_own() -> None:
    simplified = decide_source("行政院发言人表示", publisher_region="tw", stated="tw")
    assert simplified.source == "hans"
    assert simplified.reason.startswith("Simplified") and "Taiwan" in simplified.reason


def test_an_unknown_region_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown publisher region 'macau'"):
        decide_source("中國", publisher_region="macau")


def test_a_single_word_in_a_sentence_decides_only_with_a_margin() -> None:
    assert detect.detect_region("他說立法院與立法會都開會。") is None  # one each: undecided


# ─── Seeds state, the record keeps ─────────────────────────────────────────────────────────


def test_a_seed_states_its_region_on_its_first_line() -> None:
    seed = "<!-- region: hk -->\n中國外交部回應\n\n中國外交部發言人表示，雙方將加強合作。\n"
    article = parse_seed_bytes("a.txt", seed.encode("utf-8"))
    assert article.title == "中國外交部回應"  # the line is not part of the article
    assert (article.script, article.source_note) == (
        "hk",
        "Traditional; Hong Kong (stated in the seed)",
    )
    assert from_dict(to_dict(article)).source_note == article.source_note  # kept on disk


def test_an_html_seed_states_its_region_too() -> None:
    seed = (
        "<!-- region: tw -->\n<!--1700000000000-->\n[中國外交部回應](https://example.org/a)\n"
        "------\n\n<main><p>中國外交部發言人表示，雙方將加強合作。</p></main>\n"
    )
    article = parse_seed_bytes("b.html", seed.encode("utf-8"))
    assert article.script == "tw" and "stated" in article.source_note


def test_an_unknown_stated_region_is_one_line_naming_the_seed() -> None:
    with pytest.raises(SeedError) as error:
        parse_seed_bytes("c.txt", "<!-- region: mars -->\n標題\n\n正文。\n".encode())
    assert str(error.value).startswith("c.txt: line 1: unknown region 'mars'")


def test_an_undecided_seed_says_so_and_how_to_state_it() -> None:
    article = parse_seed_bytes("d.txt", "外交部回應\n\n中國外交部發言人表示。\n".encode())
    assert article.script == "hant"
    assert any("<!-- region: tw -->" in warning for warning in article.warnings)


def test_the_source_note_of_a_simplified_seed() -> None:
    article = parse_seed_bytes("e.txt", "外交部回应\n\n中国外交部发言人表示。\n".encode())
    assert article.script == "hans" and article.source_note.startswith("Simplified")


# ─── Every source to every region ──────────────────────────────────────────────────────────


def test_an_articles_own_region_is_the_article_as_written() -> None:
    """Before: 說 → 説, 脫鉤 → 脱鈎, 郭子峰 → 郭子峯 on a Hong Kong article's own page."""
    assert convert(HONG_KONG_ARTICLE, "zh-HK", "hk") == HONG_KONG_ARTICLE
    assert convert(TAIWAN_ARTICLE, "zh-TW", "tw") == TAIWAN_ARTICLE
    quoted = "他說：“好”，又寫了 `code` 和 https://x.hk/說"
    assert convert(quoted, "zh-HK", "hk") == quoted  # word for word, marks included


def test_a_hong_kong_article_in_simplified_uses_no_taiwan_table() -> None:
    """Before, Hong Kong articles taken for Taiwan's went through Taiwan's reverse table:
    執行委員會 → 运行委员会, 資料圖片 → 数据图片, 即時中心 → 实时中心."""
    text = "執行委員會發布資料圖片，即時中心報道。"
    assert convert(text, "zh-Hans", "hk") == "执行委员会发布资料图片，即时中心报道。"
    assert convert(text, "zh-Hans", "tw") == "执行委员会发布资料图片，即时中心报道。"


@pytest.mark.parametrize(
    ("text", "source", "target", "expected"),
    [
        ("網路、軟體、人工智慧與視訊會議", "tw", "zh-HK", "網絡、軟件、人工智能與視像會議"),
        ("網路、軟體、人工智慧與視訊會議", "tw", "zh-Hant", "網絡、軟件、人工智能與視頻會議"),
        ("網路、軟體、人工智慧與視訊會議", "tw", "zh-Hans", "网络、软件、人工智能与视频会议"),
        ("政府會優化服務，並舉行視像會議。", "hk", "zh-TW", "政府會優化服務，並舉行視訊會議。"),
        ("的士司機與行政總裁", "hk", "zh-TW", "計程車司機與執行長"),
        ("的士司機與行政總裁", "hk", "zh-Hans", "出租车司机与首席执行官"),
        ("台灣的建立", "tw", "zh-Hans", "台湾的建立"),
    ],
)
def test_regional_words_convert_between_regions(
    text: str, source: str, target: str, expected: str
) -> None:
    assert convert(text, target, source) == expected


# Words only one region uses, from the issue and the tables (institutions such as 立法院
# or 捷運 are names and rightly stay).
TAIWAN_ONLY = ("軟體", "網路", "人工智慧", "視訊", "計程車", "簡訊", "部落格", "晶片組")
HONG_KONG_ONLY = ("的士", "視像", "行政總裁", "機械人", "私隱", "質素", "黎克特制", "電單車")


@pytest.mark.parametrize("target", TAGS)
def test_no_page_mixes_two_regions_words(target: str) -> None:
    """Over the news corpus: a Taiwan source's page in another variant holds none of
    Taiwan's own words, a Hong Kong source's none of Hong Kong's (own pages excepted)."""
    problems = []
    for row_id, source, _, sentence in corpus_rows():
        if source == "hans" or (source, target) in (("tw", "zh-TW"), ("hk", "zh-HK")):
            continue
        page = convert(sentence, target, source)
        foreign = TAIWAN_ONLY if source == "tw" else HONG_KONG_ONLY
        if target == "zh-TW":
            foreign = HONG_KONG_ONLY
        if target == "zh-HK":
            foreign = TAIWAN_ONLY
        problems += [f"{row_id} {target}: {word} in {page}" for word in foreign if word in page]
    assert not problems


def test_a_persons_name_keeps_its_characters() -> None:
    for tag in TAGS:
        assert "郭子峰" in convert("郭子峰說", tag, "hk")  # never 郭子峯
        assert "郭子峰" in convert("郭子峰说", tag).replace("郭子峰", "郭子峰")
    assert convert("门将范志强", "zh-TW") == "門將范志強"  # not 範志強
    assert convert("这位姓郁的教师", "zh-HK") == "這位姓郁的教師"  # not 鬱
    assert convert("溫碧霞", "zh-Hans", "hk") == "温碧霞"


# ─── The examples ──────────────────────────────────────────────────────────────────

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def test_support_stays_support_in_every_bundled_seed() -> None:
    """支持 became 支援 (give aid) 16 times out of 16 in the bundled seeds."""
    total = 0
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        total += text.count("支持")
        assert convert(text, "zh-TW").count("支持") == text.count("支持"), path.name
    assert total >= 15


def test_the_bundled_seeds_traditional_pages_use_corner_brackets() -> None:
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        for tag in ("zh-Hant", "zh-TW", "zh-HK"):
            page = convert(text, tag)
            assert "“" not in page or re.search(r"[A-Za-z]”|“[A-Za-z]", page), (path.name, tag)
            if "“" in text:
                assert "「" in page


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("坚持一个中国原则", "堅持一個中國原則"),
        ("亮明了立场", "亮明了立場"),
        ("战略合作伙伴", "戰略合作夥伴"),
        ("据了解", "據了解"),
        ("宣布", "宣布"),
    ],
)
def test_segmentation_errors_that_changed_characters(text: str, expected: str) -> None:
    assert convert(text, "zh-TW") == expected
    assert convert(text, "zh-Hant") == expected.replace("台", "臺")


def test_todays_names() -> None:
    assert convert("特鲁多、扎克伯格和贝索斯", "zh-TW") == "杜魯道、祖克柏和貝佐斯"
    assert convert("特拉斯", "zh-HK") == "卓慧思"


def test_spellings_gives_every_form_each_variant_uses() -> None:
    """For the glossary: the form each variant writes, then other spellings it reads."""
    putin = spellings("普京")
    assert putin["zh-TW"] == ("普丁", "蒲亭") and putin["zh-HK"] == ("普京",)
    assert putin["zh-Hans"] == ("普京",) and putin["zh-Hant"] == ("普京",)
    harris = spellings("哈里斯")  # only Kamala Harris is 賀錦麗: read back, never written
    assert harris["zh-TW"] == ("哈里斯", "賀錦麗")
    assert spellings("软件")["zh-TW"] == ("軟體",)  # no table row: conversion answers
