"""The cross-article glossary on the five real seeds: pairs, shared names, curated entries,
readings, variant forms, matching and export."""

from __future__ import annotations

import csv
import io
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from duizhao import glossary as glossary_module
from duizhao.english.memory import Entry, Memory, key_for
from duizhao.glossary import (
    Glossary,
    Matcher,
    Term,
    build_glossary,
    load_curated,
    readings,
    to_csv,
)
from duizhao.glossary.curated import MAX_TERMS, ContextAlias
from duizhao.ingest.seeds import parse_seed, parse_seed_bytes
from duizhao.record import Article

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").iterdir())
TITLE_WORDS = ("总统", "主任", "研究员", "官员", "顾问", "国务卿", "首相", "主席")


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return [parse_seed(path) for path in SEEDS]


@pytest.fixture(scope="module")
def glossary(articles: list[Article]) -> Glossary:
    """With the project's curated file and translation memory, as a build makes it."""
    return build_glossary(articles, memory=Memory.load())


@pytest.fixture(scope="module")
def automatic(articles: list[Article]) -> Glossary:
    """Without the curated file: only what the articles and dictionaries give."""
    return build_glossary(articles, curated=None)


def by_english(glossary: Glossary, english: str) -> Term:
    found = [term for term in glossary if term.english == english]
    assert len(found) == 1, f"{english}: {[t.simplified for t in found]}"
    return found[0]


def spellings(term: Term) -> set[str]:
    return {term.simplified, *term.aliases}


def article(text: str, name: str = "constructed.txt") -> Article:
    return parse_seed_bytes(name, text.encode("utf-8"))


def curated_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "glossary.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# --- pairs the articles give ------------------------------------------------------------


@pytest.mark.parametrize("which", ["glossary", "automatic"])
def test_pairs_give_names_cut_at_the_title(which: str, request: pytest.FixtureRequest) -> None:
    glossary = request.getfixturevalue(which)
    trump = by_english(glossary, "Donald Trump")
    assert {"唐纳德·特朗普", "特朗普"} <= spellings(trump)
    assert trump.kind == "person"
    putin = by_english(glossary, "Vladimir Putin")
    assert putin.simplified == "普京"  # the form the articles use most
    assert "弗拉基米尔·普京" in putin.aliases
    assert by_english(glossary, "Alexander Gabuev").simplified == "加布耶夫"
    assert by_english(glossary, "Ian Hill").simplified == "希尔"
    assert spellings(by_english(glossary, "Joe Biden")) == {"拜登", "乔·拜登"}
    assert by_english(glossary, "Dov S. Zakheim").simplified == "多夫·萨克海姆"
    assert by_english(glossary, "Yuri Ushakov").simplified == "乌沙科夫"
    assert by_english(glossary, "Keir Starmer").simplified == "基尔·斯塔默"
    for term in glossary:
        assert not term.simplified.startswith(TITLE_WORDS), term.simplified
        assert not any(word in term.simplified for word in ("美国总统", "主任加布耶夫"))


def test_pair_with_abbreviation_and_generic_head(automatic: Glossary) -> None:
    prio = by_english(automatic, "Peace Research Institute Oslo")
    assert prio.simplified == "奥斯陆国际和平研究所"
    assert prio.aliases == ("PRIO",)
    assert prio.kind == "organisation"
    assert prio.english_source == "article"
    # 七大工业国集团峰会（G7）成员国: the English names the group, not its summit.
    g7 = by_english(automatic, "G7")
    assert g7.simplified == "七大工业国集团"
    assert "G7" in g7.aliases
    # G7 also links the article that only writes "G7外长会议".
    assert len(g7.slugs) == 2


def test_brackets_that_are_not_pairs_are_skipped() -> None:
    text = (
        "标题\n\n习近平星期一（2月24日）说话。化解（乌克兰）危机。周三(15日)会晤。"
        "拜登表示“我们将详细讨论”(We will be talking at length)。"
        "图为普京。（美联社）\n\n国际关系前助理教授黄伟国（Wong Wai-kwok）发言。"
        "外交部副部长乐玉成（Le Yucheng）说。乌克兰首都基辅（Kyiv）。\n"
    )
    glossary = build_glossary([article(text)], curated=None)
    paired = {term.simplified: term for term in glossary if term.english_source == "article"}
    assert set(paired) == {"黄伟国", "乐玉成", "基辅"}
    assert paired["乐玉成"].pinyin == "Lè Yùchéng"  # the English says which reading of 乐
    assert paired["黄伟国"].pinyin == "Huáng Wěiguó"  # Cantonese English, Chinese name
    assert paired["基辅"].kind == "place"


# --- names shared across articles --------------------------------------------------------


def test_putin_links_the_articles_with_per_block_counts(
    glossary: Glossary, articles: list[Article]
) -> None:
    putin = glossary.by_id("pu-jing")
    assert putin is not None and putin.simplified == "普京"
    assert len(putin.slugs) >= 4
    blocks = {a.slug: {b.id: b for b in a.blocks} for a in articles}
    titles = {a.slug: a.title + " " + a.dek for a in articles}
    for occurrence in putin.occurrences:
        if occurrence.block_id == "":
            text = titles[occurrence.slug]  # the title and dek have no block id
        else:
            assert occurrence.block_id in blocks[occurrence.slug]
            text = blocks[occurrence.slug][occurrence.block_id].plain
        # One hit per 普京, whether alone or inside 弗拉基米尔·普京.
        assert occurrence.count == text.count("普京") >= 1
        assert "普京" in occurrence.snippet and len(occurrence.snippet) <= 40
    first = articles[0]
    assert sum(o.count for o in putin.occurrences if o.slug == first.slug) == sum(
        b.plain.count("普京") for b in first.blocks
    ) + first.title.count("普京")
    assert any(o.count >= 2 for o in putin.occurrences)


def test_traditional_source_counts_in_its_own_script(articles: list[Article]) -> None:
    taiwan = article(
        "普丁與川普通話\n\n俄羅斯總統普丁與美國總統川普（Donald Trump）通電話，臺灣說視訊會晤。\n",
        "taiwan.txt",
    )
    assert taiwan.script == "tw"
    glossary = build_glossary([*articles, taiwan])
    for term_id, expected in (("pu-jing", 2), ("shi-pin-hui-wu", 1)):
        hits = [o for o in glossary.by_id(term_id).occurrences if o.slug == taiwan.slug]
        assert sum(o.count for o in hits) == expected
    trump = by_english(glossary, "Donald Trump")  # the Taiwan pair joins the mainland term
    assert trump.simplified == "特朗普" and taiwan.slug in trump.slugs
    assert "川普" in trump.occurrences[-1].snippet


def test_shared_names_need_two_articles_and_skip_junk(automatic: Glossary) -> None:
    found = {term.simplified for term in automatic}
    assert {"习近平", "莫斯科", "北约", "外交部"} <= found
    assert "中国外交部" not in found  # a place and its ministry: the glossary has both parts
    assert not found & {"和平", "两国", "大国", "友谊", "和普京", "乌", "台"}
    for term in automatic:
        if term.english_source != "article":
            assert len(term.slugs) >= 2, term.simplified
            assert len(term.simplified) >= 2


def test_related_articles_and_terms_per_article(glossary: Glossary, articles: list[Article]):
    slugs = [a.slug for a in articles]
    for slug in slugs:
        assert glossary.by_id("pu-jing") in glossary.for_article(slug)
        related = glossary.related(slug)
        assert {other for other, _ in related} == set(slugs) - {slug}
        counts = [count for _, count in related]
        assert counts == sorted(counts, reverse=True) and counts[0] > 1
        shared = {t.id for t in glossary.for_article(slug)} & {
            t.id for t in glossary.for_article(related[0][0])
        }
        assert len(shared) == related[0][1]


def test_ids_are_stable_and_url_safe(glossary: Glossary, articles: list[Article]) -> None:
    again = build_glossary(list(reversed(articles)), memory=Memory.load())
    assert {t.id: t.simplified for t in again} == {t.id: t.simplified for t in glossary}
    for term in glossary:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", term.id), term.id
        assert glossary.by_id(term.id) is term
    assert glossary.by_id("xi-jin-ping").simplified == "习近平"
    toneless = [readings.toneless(term.pinyin) for term in glossary]
    assert toneless == sorted(toneless)  # sorted by pinyin


def test_homophones_get_a_hash_on_their_id() -> None:
    text = "标题\n\n希尔（Ian Hill）和西尔（Tom Searle）见面。\n"
    ids = sorted(term.id for term in build_glossary([article(text)], curated=None))
    assert len(ids) == 2 and all(re.fullmatch(r"xi-er-[0-9a-f]{6}", i) for i in ids)


# --- readings ---------------------------------------------------------------------------


def test_pinyin_of_names(glossary: Glossary) -> None:
    assert glossary.by_id("pu-jing").pinyin == "Pǔjīng"
    assert glossary.by_id("xi-jin-ping").pinyin == "Xí Jìnpíng"
    assert by_english(glossary, "Donald Trump").pinyin == "Tèlǎngpǔ"
    assert by_english(glossary, "Ian Hill").pinyin == "Xī'ěr"
    assert by_english(glossary, "Keir Starmer").pinyin == "Jī'ěr Sītǎmò"
    assert glossary.by_id("shang-hai-he-zuo-zu-zhi").pinyin == "Shànghǎi Hézuò Zǔzhī"
    assert glossary.by_id("zhong-e").pinyin == "Zhōng-É"
    assert glossary.by_id("zhong-e-guan-xi").pinyin == "Zhōng-É guānxì"
    assert glossary.by_id("ha-er-bin").pinyin == "Hā'ěrbīn"
    assert glossary.by_id("bei-jing-dong-ao-hui").pinyin == "Běijīng Dōng'àohuì"  # curated
    # Curated English "Le Yucheng" (the foreign ministry's spelling) picks the reading Lè.
    assert glossary.by_id("le-yu-cheng").pinyin == "Lè Yùchéng"


def test_surname_readings(tmp_path: Path) -> None:
    text = "标题\n\n评书艺术家单田芳说起曾国藩。乐玉成也来了。单位和曾经。\n"
    curated = curated_file(
        tmp_path,
        "terms:\n"
        "  - {zh: 单田芳, kind: person}\n"
        "  - {zh: 曾国藩, kind: person}\n"
        "  - {zh: 乐玉成, kind: person}\n",
    )
    terms = {t.simplified: t for t in build_glossary([article(text)], curated=curated)}
    assert terms["单田芳"].pinyin == "Shàn Tiánfāng"
    assert terms["曾国藩"].pinyin == "Zēng Guófān"
    assert terms["乐玉成"].pinyin == "Yuè Yùchéng"  # no English: the surname's reading


# --- variant forms and matching ----------------------------------------------------------


def test_forms_per_variant(glossary: Glossary) -> None:
    putin = glossary.by_id("pu-jing")
    assert putin.forms == {"zh-Hans": "普京", "zh-Hant": "普京", "zh-TW": "普丁", "zh-HK": "普京"}
    assert putin.traditional == "普京"
    trump = by_english(glossary, "Donald Trump")
    assert trump.forms["zh-TW"] == "川普" and trump.forms["zh-Hant"] == "特朗普"
    assert glossary.by_id("shi-pin-hui-wu").forms["zh-TW"] == "視訊會晤"
    assert glossary.by_id("e-luo-si").traditional == "俄羅斯"


def test_matcher_longest_non_overlapping_per_variant(glossary: Glossary) -> None:
    hans = glossary.matcher("zh-Hans")
    assert glossary.matcher("zh-hans") is hans  # built once per glossary and variant
    text = "俄罗斯总统弗拉基米尔·普京和普京通话"
    assert hans.find(text) == [(0, 3, "e-luo-si"), (5, 13, "pu-jing"), (14, 16, "pu-jing")]
    trump = by_english(glossary, "Donald Trump").id
    taiwan = Matcher(glossary, "zh-TW")
    assert [(s, e, i) for s, e, i in taiwan.find("普丁與川普視訊會晤") if i != "zh-e"] == [
        (0, 2, "pu-jing"),
        (3, 5, trump),
        (5, 9, "shi-pin-hui-wu"),
    ]
    assert [i for _, _, i in taiwan.find("唐納德·川普")] == [trump]
    assert Matcher(glossary, "zh-Hant").find("普京")[0][2] == "pu-jing"
    # Latin aliases match as words only.
    prio = by_english(glossary, "Peace Research Institute Oslo").id
    assert [i for _, _, i in hans.find("(PRIO) PRIORITY G7外长")] == [
        prio,
        "qi-da-gong-ye-guo-ji-tuan",
    ]


def test_matcher_on_every_article_text(glossary: Glossary, articles: list[Article]) -> None:
    hans = glossary.matcher("zh-Hans")
    for a in articles:
        for block in a.blocks:
            found = hans.find(block.plain)
            ends = [0] + [end for _, end, _ in found]
            for (start, end, term_id), previous_end in zip(found, ends, strict=False):
                assert start >= previous_end and end > start
                term = glossary.by_id(term_id)
                assert block.plain[start:end] in spellings(term)


def reference_matches(text: str, patterns: dict[str, str]) -> list[tuple[int, int, str]]:
    """Leftmost-longest, non-overlapping, the slow obvious way."""
    longest = max(map(len, patterns))
    found, position = [], 0
    while position < len(text):
        for length in range(min(longest, len(text) - position), 0, -1):
            term_id = patterns.get(text[position : position + length])
            if term_id is not None:
                found.append((position, position + length, term_id))
                position += length
                break
        else:
            position += 1
    return found


def synthetic_glossary(count: int, rng: random.Random, pool: str) -> Glossary:
    words: set[str] = set()
    while len(words) < count:
        words.add("".join(rng.choice(pool) for _ in range(rng.randint(2, 5))))
    return Glossary(
        Term(
            id=f"t{n}",
            simplified=word,
            traditional=word,
            forms={tag: word for tag in ("zh-Hans", "zh-Hant", "zh-TW", "zh-HK")},
            aliases=(),
            pinyin=f"t{n}",
            english="",
            english_source="",
            kind="term",
            note="",
            occurrences=(),
        )
        for n, word in enumerate(sorted(words))
    )


def test_matcher_finds_what_a_reference_finds_with_few_or_many_terms() -> None:
    """Correctness only: that matching stays flat in the term count is measured by
    scripts/bench.py (timing on a shared machine does not belong in a unit test)."""
    rng = random.Random(7)
    pool = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也"
    big = synthetic_glossary(2000, rng, pool)
    small = Glossary(list(big)[:20])
    text = "".join(rng.choice(pool) for _ in range(200_000))
    for glossary in (small, big):
        matcher = Matcher(glossary, "zh-Hans")
        assert len(matcher) == len(glossary)
        found = matcher.find(text)
        patterns = {term.simplified: term.id for term in glossary}
        assert found == reference_matches(text, patterns)
        assert found, "the text should hold some terms"


# --- the curated file ---------------------------------------------------------------------


def test_curated_entries_win_and_suppress(tmp_path: Path, articles: list[Article]) -> None:
    curated = curated_file(
        tmp_path,
        "suppress: [莫斯科, 拜登]\n"
        "terms:\n"
        "  - zh: 希尔\n"
        "    en: Ian Hill (Lowy Institute)\n"
        "    note: 洛伊国际政策研究所研究员\n"
        "  - zh: 普京\n"
        "    aliases: [普丁]\n"
        "  - zh: 没有出现的词\n"
        "    en: absent\n",
    )
    glossary = build_glossary(articles, curated=curated)
    found = {spelling for term in glossary for spelling in spellings(term)}
    assert "莫斯科" not in found and "拜登" not in found
    assert "乔·拜登" in found  # only the suppressed spelling goes
    hill = glossary.by_id("xi-er")
    assert (hill.english, hill.english_source) == ("Ian Hill (Lowy Institute)", "curated")
    assert hill.note == "洛伊国际政策研究所研究员"
    putin = glossary.by_id("pu-jing")
    assert putin.english == "Vladimir Putin" and putin.english_source == "article"
    assert "普丁" in putin.aliases and "弗拉基米尔·普京" in putin.aliases
    assert "没有出现的词" not in found  # curated but in no article


def test_project_curated_file_is_valid() -> None:
    curated = load_curated(glossary_module.CURATED)
    assert len(curated.terms) >= 30 and "和平" in curated.suppress
    for term in curated.terms:
        assert term.en and term.kind in glossary_module.KINDS, term.zh


CURATED_SLIPS = {
    "no zh": ("terms:\n  - en: no zh\n", 2, "terms.0.zh: Field required"),
    "unknown kind": ("terms:\n  - {zh: 普京, kind: human}\n", 2, "terms.0.kind: Input should be"),
    "unknown key": ("terms:\n  - {zh: 普京, colour: red}\n", 2, "terms.0.colour: unknown key"),
    "repeated zh": (
        "terms:\n  - {zh: 普京}\n  - {zh: 普京}\n", 3, "`zh: 普京` is given twice (first on line 2)"
    ),
    "unknown top key": ("suppres: [x]\n", 1, "suppres: unknown key"),
    "repeated suppress": (
        "suppress: [和平]\nterms: []\nsuppress: [两国]\n", 3, "`suppress` is given twice"
    ),
    "list as English": (
        "terms:\n  - zh: 普京\n    en: [Putin, x]\n", 3, "terms.0.en: Input should be a valid"
    ),
    "single character": ("terms:\n  - zh: 普京\n  - zh: 的\n", 3, "`的` is a single character"),
    "too common": ("terms:\n  - zh: 表示\n", 2, "`表示` is too common to be a term (19,238 times"),
    "common alias": ("terms:\n  - {zh: 普京, aliases: [今年]}\n", 2, "`今年` is too common"),
    "bad variant pair": (
        "variant_characters: [臺台, 衛]\n", 1, "`衛` must be two different characters"
    ),
    "a tab": ("terms:\n\t- zh: 普京\n", 2, "YAML indents with spaces"),
}  # fmt: skip


@pytest.mark.parametrize("case", CURATED_SLIPS)
def test_curated_file_errors_are_one_line_with_file_and_line(tmp_path: Path, case: str) -> None:
    text, line, message = CURATED_SLIPS[case]
    path = curated_file(tmp_path, text)
    with pytest.raises(glossary_module.GlossaryFileError) as caught:
        load_curated(path)
    said = str(caught.value)
    assert "\n" not in said and said.startswith(f"{path}:{line}: "), said
    assert message in said


def test_too_many_curated_terms_is_an_error_naming_the_limit(tmp_path: Path) -> None:
    entries = "".join(f"  - zh: 词条{number:05d}号\n" for number in range(MAX_TERMS + 1))
    path = curated_file(tmp_path, "terms:\n" + entries)
    with pytest.raises(glossary_module.GlossaryFileError) as caught:
        load_curated(path)
    assert str(caught.value) == (
        f"{path}:{MAX_TERMS + 2}: {MAX_TERMS + 1} terms; the limit is {MAX_TERMS}"
    )


def test_contextual_aliases_and_spellings_are_read(tmp_path: Path) -> None:
    path = curated_file(
        tmp_path,
        "variant_characters: [臺台]\nterms:\n  - zh: 北京冬奥会\n    spellings: [北京冬奧]\n"
        "    aliases: [北京冬奥, {zh: 冬奥, years: [2021, 2022], with: [北京]}]\n",
    )
    curated = load_curated(path)
    (term,) = curated.terms
    assert term.aliases == ("北京冬奥",) and term.spellings == ("北京冬奧",)
    assert term.contextual == (ContextAlias("冬奥", (2021, 2022), ("北京",)),)
    assert curated.variant_characters == (("臺", "台"),)


# --- English sources --------------------------------------------------------------------


def test_english_sources(glossary: Glossary, automatic: Glossary, articles: list[Article]):
    assert {t.english_source for t in glossary} <= set(glossary_module.ENGLISH_SOURCES)
    assert glossary.by_id("xin-hua-she").english_source == "curated"
    assert automatic.by_id("xi-jin-ping").english == "Xi Jinping"
    assert automatic.by_id("xi-jin-ping").english_source == "names"  # data/glossary/names.tsv
    washington = automatic.by_id("hua-sheng-dun")
    assert (washington.english, washington.english_source) == ("Washington", "cedict")
    entry = Entry(key_for("远东地区"), "远东地区", "the Russian Far East", "manual")
    memory = Memory(Path("unused.jsonl"), entries=[entry])
    far_east = build_glossary(articles, curated=None, memory=memory).by_id("yuan-dong-di-qu")
    assert (far_east.english, far_east.english_source) == ("the Russian Far East", "memory")
    assert automatic.by_id("yuan-dong-di-qu").english_source == ""


# --- export -------------------------------------------------------------------------------


def test_tsv_csv_and_pleco_export(glossary: Glossary) -> None:
    tsv = to_csv(glossary)
    rows = [line.split("\t") for line in tsv.splitlines()]
    assert len(rows) == len(glossary)  # no header row
    for row, term in zip(rows, glossary, strict=True):
        assert row[:4] == [term.simplified, term.traditional, term.pinyin, term.english]
        assert all(row[:3])  # English may be missing: the entry says so (queue)
        assert len(row) == 8  # and the Taiwan and Hong Kong forms, each with its reading
    assert to_csv(glossary, header=True).splitlines()[0].split("\t") == [
        "Simplified", "Traditional", "Pinyin", "English",
        "Taiwan", "Taiwan pinyin", "Hong Kong", "Hong Kong pinyin",
    ]  # fmt: skip
    putin = next(row for row in rows if row[0] == "普京")
    assert putin[4:6] == ["普丁", "Pǔdīng"]  # its own reading, not 普京's Pǔjīng
    parsed = list(csv.reader(io.StringIO(to_csv(glossary, "csv"))))
    assert [row[:4] for row in parsed] == [
        [t.simplified, t.traditional, t.pinyin, t.english] for t in glossary
    ]
    pleco = to_csv(glossary, "pleco").splitlines()
    assert "普丁\tPǔdīng\tVladimir Putin" in pleco and "川普\tChuānpǔ\tDonald Trump" in pleco
    assert "俄罗斯[俄羅斯]\tÉluósī\tRussia" in pleco
    assert "普京\tPǔjīng\tVladimir Putin" in pleco  # no [..] when both scripts agree
    with pytest.raises(ValueError, match="unknown dialect"):
        to_csv(glossary, "xlsx")


# --- cost and quiet -----------------------------------------------------------------------


def test_build_is_quiet_on_stderr() -> None:
    code = (
        "from pathlib import Path\n"
        "from duizhao.ingest.seeds import parse_seed\n"
        "from duizhao.glossary import build_glossary\n"
        f"g = build_glossary([parse_seed(Path({str(SEEDS[0])!r}))])\n"
        "print(len(g))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert int(result.stdout) > 0


def test_names_cache_gives_the_same_glossary_and_is_what_is_read(
    articles: list[Article],
) -> None:
    cache: dict = {}
    first = build_glossary(articles, curated=None, names_cache=cache)
    assert len(cache) > 100  # one entry per text of the five articles
    assert list(build_glossary(articles, curated=None, names_cache=cache)) == list(first)
    assert list(build_glossary(articles, curated=None)) == list(first)

    # The cache is read, not recomputed: with every text's names emptied, the names that
    # only jieba found (no pair, no curated entry) are gone.
    emptied = {key: [] for key in cache}
    without = build_glossary(articles, curated=None, names_cache=emptied)
    assert {t.id for t in without} < {t.id for t in first}


def test_names_cache_keeps_only_the_texts_of_this_build(articles: list[Article]) -> None:
    cache: dict = {}
    build_glossary(articles, curated=None, names_cache=cache)
    everything = len(cache)
    two = build_glossary(articles[:2], curated=None, names_cache=cache)
    assert 0 < len(cache) < everything
    # Texts naming a pair from the three articles left out are keyed anew (their cut may
    # differ without that word); the result is what a build without any cache makes.
    assert list(two) == list(build_glossary(articles[:2], curated=None))
