"""The learner's core: segmentation, readings in context, levels, variants' boundaries, the
names table, and one real article's data. Plain Python, no site build."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from conftest import SEEDS

from duizhao import variants
from duizhao.datafiles import DataFileError
from duizhao.glossary.names import base_tokenizer
from duizhao.ingest.seeds import parse_seed
from duizhao.learner import hsk, readings
from duizhao.learner.align import carry
from duizhao.learner.article import Lexicon, TermInfo, learn, packed_forms, texts_of
from duizhao.learner.levels import BEYOND, CLASSES, NAMES, grade, whole_percentages
from duizhao.learner.names import Name, load_names
from duizhao.learner.segment import Segmenter

TAGS = ("zh-Hans", "zh-Hant", "zh-TW", "zh-HK")


@pytest.fixture(scope="module")
def corpus():
    from duizhao.english.memory import Memory
    from duizhao.glossary import build_glossary
    from duizhao.glossary.store import ArticleInfo, Corpus

    articles = [parse_seed(path) for path in sorted(SEEDS.iterdir())]
    glossary = build_glossary(articles, memory=Memory.load())
    infos = {a.slug: ArticleInfo(a.slug, a.title, a.script) for a in articles}
    return Corpus(glossary, infos, "test")


def words(segmenter: Segmenter, text: str) -> list[str]:
    return [token.word for token in segmenter.cut(text)]


# --- segmentation -------------------------------------------------------------------------


def test_glossary_and_table_names_stay_whole_where_jieba_alone_splits_them() -> None:
    text = "弗拉基米尔·普京与特朗普讨论中俄关系，加布耶夫说普京不会让步。"
    stock = base_tokenizer().tokenizer.lcut(text)
    assert "弗拉基米尔·普京" not in stock and "加布耶夫" not in stock  # the oracle: jieba alone
    segmenter = Segmenter(["普京", "弗拉基米尔·普京", "中俄关系", "加布耶夫", "特朗普"])
    cut = words(segmenter, text)
    for name in ("弗拉基米尔·普京", "特朗普", "中俄关系", "加布耶夫", "普京"):
        assert name in cut
    assert "".join(cut) == text  # the tokens cover the text, nothing lost or doubled


def test_segmentation_depends_only_on_the_user_words_a_text_holds() -> None:
    text = "普京在莫斯科会见了到访的外交部长。"
    few = Segmenter(["普京"])
    many = Segmenter(["普京", "拜登", "中俄关系", "北大西洋公约组织"])
    assert words(few, text) == words(many, text)
    assert many.present(text) == ["普京"]


def test_every_glossary_term_marked_in_the_real_articles_is_one_word(corpus) -> None:
    """Oracle: the glossary's own matcher (what the page marks); each hit it finds in an
    article's Simplified text must be exactly one token of the segmentation."""
    from duizhao.learner.store import lexicon_of
    from duizhao.variants import localize

    lexicon = lexicon_of(corpus.glossary, {})
    segmenter = Segmenter(lexicon.user_words())
    find = corpus.glossary.matcher("zh-Hans").find
    checked = 0
    for path in sorted(SEEDS.iterdir()):
        article = localize.localize(parse_seed(path), "zh-Hans")
        for _, text in texts_of(article):
            spans = {(t.start, t.end) for t in segmenter.cut(text)}
            for start, end, _ in find(text):
                assert (start, end) in spans, text[start:end]
                checked += 1
    assert checked > 100


# --- readings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "word", "reading"),
    [
        ("我去银行取钱。", "银行", "yínháng"),
        ("他在街上行走。", "行走", "xíngzǒu"),
        ("这件事很重要。", "重要", "zhòngyào"),
        ("我们重新开始吧。", "重新", "chóngxīn"),
        ("孩子们都长大了。", "长大", "zhǎngdà"),
        ("绳子的长度不够。", "长度", "chángdù"),
    ],
)
def test_polyphones_read_as_their_word_in_context(sentence: str, word: str, reading: str) -> None:
    cut = words(Segmenter([]), sentence)
    assert word in cut
    assert readings.joined(readings.syllables(word)) == reading


def test_english_follows_the_reading_in_context() -> None:
    bank, _ = readings.english("银行", readings.syllables("银行"))
    assert "bank" in bank
    walk, _ = readings.english("行", ("xíng",))
    row, _ = readings.english("行", ("háng",))
    assert "walk" in walk and "walk" not in row and "row" in row


def test_a_glossary_reading_is_split_into_syllables_and_numbers_follow_cedict() -> None:
    assert readings.fitted("习近平", "Xí Jìnpíng") == ("xí", "jìn", "píng")
    assert readings.fitted("习近平", "Pǔjīng") is None
    assert readings.numbered(("lǜ", "shī")) == "lu:4 shi1"
    assert readings.joined(("xī", "ān")) == "xī'ān"


# --- levels -------------------------------------------------------------------------------


def test_level_shares_add_up_to_100_whatever_the_mix() -> None:
    rng = random.Random(17)
    for _ in range(500):
        classes = [rng.choice(CLASSES) for _ in range(rng.randint(1, 300))]
        levels = grade(classes)
        assert sum(levels.shares.values()) == 100
        assert levels.words == len(classes)
    assert whole_percentages({1: 1, 2: 1, 3: 1}) == {1: 34, 2: 33, 3: 33}
    assert grade([]).shares == {}


def test_the_label_is_where_85_percent_of_the_learnable_words_are_known() -> None:
    assert grade([1] * 85 + [6] * 15).level == 1
    assert grade([1] * 84 + [6] * 16).level == 6
    assert grade([1] * 50 + [NAMES] * 50).level == 1  # names do not make a text harder
    assert grade([1] * 50 + [BEYOND] * 50).level == 8  # beyond HSK 7–9


def test_hsk_levels_and_compounds_the_list_lacks() -> None:
    assert hsk.level_of("银行") == 2 and hsk.level_of("的") == 1
    assert hsk.level_of("一点") == hsk.level_of("一点儿")  # erhua written without 儿
    assert hsk.level_of("外交部") is None
    assert hsk.cover_level("外交部") == max(hsk.level_of("外交"), hsk.level_of("部"))
    assert hsk.cover_level("普京") is None
    assert max(len(word) for word in hsk.word_levels()) <= hsk.LONGEST


# --- variants -----------------------------------------------------------------------------


def test_boundaries_follow_a_variant_that_changes_lengths() -> None:
    text = "特朗普说普京的内存不够，普京表示同意。"
    tokens = Segmenter(["特朗普", "普京"]).cut(text)
    taiwan = variants.convert(text, "zh-TW")
    # 川普 is one shorter, 記憶體 one longer: the same length, yet the first 普丁 has moved.
    assert len(taiwan) == len(text) and taiwan.index("普丁") != text.index("普京")
    spans = carry(tokens, text, taiwan)
    shown = {word: taiwan[start:end] for start, end, word in spans}
    assert shown["特朗普"] == "川普"
    assert shown["普京"] == "普丁"
    assert shown["内存"] == "記憶體"
    for start, end, word in spans:  # every other word is its own conversion, in place
        assert taiwan[start:end] == variants.convert(word, "zh-TW")
    ends = [end for _, end, _ in spans]
    assert ends == sorted(ends) and spans[-1][1] <= len(taiwan)


def test_forms_are_packed_against_the_form_before() -> None:
    assert packed_forms("围堵", ["围堵", "圍堵", "圍堵", "圍堵"]) == "|圍堵"
    assert packed_forms("普京", ["普京", "普京", "普丁", "普京"]) == "||普丁|普京"
    assert packed_forms("的", ["的", "的", "的", "的"]) == ""


# --- the names table --------------------------------------------------------------------


def test_names_table_read_by_its_header_and_absence_is_no_error(tmp_path: Path) -> None:
    table = tmp_path / "names.tsv"
    table.write_text(
        "# comment\nsimplified\ttw\thk\tenglish\tkind\tnote\n"
        "特朗普\t川普\t\tDonald Trump\tperson\t\n",
        encoding="utf-8",
    )
    assert load_names(table) == {"特朗普": Name("特朗普", "Donald Trump", "person")}
    assert load_names(tmp_path / "missing.tsv") == {}
    table.write_text("simplified\tenglish\n特朗普\tA\n特朗普\tB\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"names.tsv:3: 特朗普 is listed twice"):
        load_names(table)


# --- one real article ---------------------------------------------------------------------


def test_a_real_articles_data_matches_its_text_in_every_variant() -> None:
    from duizhao.variants import localize

    article = parse_seed(sorted(SEEDS.iterdir())[2])  # the BBC article
    terms = {"普京": TermInfo("pu-jing", "Vladimir Putin", "person", "Pǔjīng")}
    names = {"拜登": Name("拜登", "Joe Biden", "person")}
    learned = learn(article, Lexicon(terms, names), Segmenter(["普京", "拜登"]), TAGS)
    assert sum(learned.levels.shares.values()) == 100
    for tag in TAGS:
        document = json.loads(learned.data[tag])
        assert document["tags"] == list(TAGS)
        texts = dict(texts_of(localize.localize(article, tag)))
        rows = document["w"]
        for key, flat in document["b"].items():
            text = texts[key]
            cursor = 0
            for gap, index in zip(flat[::2], flat[1::2], strict=True):
                word, packed = rows[index][0], rows[index][1]
                forms = [word]
                for part in packed.split("|") if packed else []:
                    forms.append(part or forms[-1])
                forms += [forms[-1]] * (len(TAGS) + 1 - len(forms))
                form = forms[1 + TAGS.index(tag)]
                start = cursor + gap
                assert text[start : start + len(form)] == form
                cursor = start + len(form)
        putin = next(row for row in rows if row[0] == "普京")
        assert putin[6] == "pu-jing" and putin[3] == "Pǔjīng" and "n" in putin[7]
        if tag == "zh-TW":
            assert "普丁" in putin[1]
