"""Which candidates are terms: whole units shared by two or more articles, with the reason
for every candidate kept or dropped (the curator's queue shows them).

Given every text's candidate spans (candidates.py), a candidate is kept when
1. it stands on its own in two or more articles: occurrences are found leftmost-longest
   among all candidates at once, so 李家 inside 李家超, 澜岛 inside 横澜岛 or 韩国 inside
   韩国瑜 count for the longer name, not for the part; a part whose uses are mostly inside
   one longer candidate goes ("part of …"). Counting repeats while dropping a candidate
   frees the words inside it (香港机场管理局 in one article leaves 机场管理局 in two);
2. it is not ordinary vocabulary: a word CC-CEDICT knows only as a common word and that
   is frequent in jieba's corpus (表示, 记者, 今年), a language's name (中文, 英语), a word
   jieba tags as a name but CC-CEDICT does not know and whose every part is a common word
   (高水平);
3. it is not a place and a word for its government or leader (美国政府, 英国首相): the
   glossary has the place;
4. a place written with its administrative suffix (广东省, 乌鲁木齐市, 阿拉斯加州) is the bare
   name's term, the suffixed form an alias.
Names in bylines never count (candidates.py).

Sections: public API, then the rules, then helpers.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from duizhao.glossary import cedict
from duizhao.glossary.candidates import TITLES, Span
from duizhao.glossary.matching import Automaton
from duizhao.glossary.text import HAN

MIN_ARTICLES = 2
# Characters that start the next word after a name (也, 表示, 在 …): a name always followed by
# one of them is still a whole name.
BOUNDARY = frozenset("也在是和与及或等则于将已被向称说表指并对为以而但又还都就会曾再因")
_HAN = re.compile(f"[{HAN}]")
COMMON_FREQUENCY = 1000  # jieba's count (of 60 million words) that makes a word ordinary
MOSTLY_INSIDE = 0.5


@dataclass
class Decision:
    """A candidate and what became of it."""

    spelling: str
    kept: bool
    reason: str  # why kept or dropped, in a few words
    kinds: Counter[str] = field(default_factory=Counter)  # kind hints, counted
    reasons: Counter[str] = field(default_factory=Counter)  # which rules found it
    slugs: set[str] = field(default_factory=set)  # articles where it stands on its own
    count: int = 0
    alias_of: str = ""  # 广东省 → 广东


@dataclass(frozen=True)
class Text:
    slug: str
    simplified: str
    spans: tuple[Span, ...]
    bylines: frozenset[int] = frozenset()  # where reporters' names start


def select(
    texts: Sequence[Text], always: Iterable[str] = (), never: Iterable[str] = ()
) -> dict[str, Decision]:
    """Every candidate's decision, by spelling. `always` are spellings other sources
    vouch for (curated, pairs): counted, never dropped here; `never` are suppressed."""
    from duizhao.glossary.names import base_tokenizer

    frequency = base_tokenizer().tokenizer.FREQ
    tags = base_tokenizer().word_tag_tab
    never = set(never)
    always = set(always) - never
    decisions: dict[str, Decision] = {}
    for text in texts:
        for span in text.spans:
            if span.spelling in never:
                continue
            decision = decisions.setdefault(span.spelling, Decision(span.spelling, True, ""))
            if span.kind:
                decision.kinds[span.kind] += 1
            decision.reasons[span.reason] += 1
    for spelling in always:
        decisions.setdefault(spelling, Decision(spelling, True, "vouched for"))

    for spelling, decision in decisions.items():
        if spelling in always:
            continue
        if (reason := _ordinary(spelling, decision, frequency, tags)) or (
            reason := _compositional(spelling, decisions, tags)
        ):
            decision.kept, decision.reason = False, reason
    _suffixed_places(list(decisions.items()), decisions, tags)
    _name_parts(decisions)

    _count_standalone(texts, decisions, always)
    for spelling, decision in decisions.items():
        if decision.kept and not decision.reason:
            found = "+".join(sorted(decision.reasons))
            decision.reason = f"in {len(decision.slugs)} articles ({found})"
    return decisions


# --- the rules --------------------------------------------------------------------------

# Event names that mean different events in different articles: the Games of which year?
# Not terms on their own; a curated entry can make them a context alias (curated.py).
AMBIGUOUS = frozenset(
    "奥运会 奥林匹克 奥林匹克运动会 冬奥 冬奥会 冬季奥运会 夏季奥运会 峰会 两会 世界杯 大选".split()
)
# One-character names of countries and regions, as in 中美, 对华, 来台.
COUNTRY_SHORT = frozenset("中华美俄欧乌英法德日韩朝印台港澳越泰巴以伊叙")
_LANGUAGE = ("language", "Chinese (language)", "English (language)")
# What a country's government or leader is called; "place + one of these" is no term.
GOVERNMENT_WORDS = frozenset(
    "政府 当局 总统 总理 首相 外长 国防部长 元首 领导人 人民 代表团 体育代表团 官员 官方 军方 "
    "大使馆 使馆 驻华大使 队 国家队 民众 媒体 外交部 企业 公司 市场 经济 股市".split()
)
_ADMIN_SUFFIXES = ("省", "市", "县", "区", "州")


def _ordinary(
    spelling: str,
    decision: Decision,
    frequency: dict[str, int],
    tags: dict[str, str],
    decisions_kept: Collection[str] = (),
) -> str:
    """Why a candidate is ordinary vocabulary, or ""."""
    found = cedict.entries(spelling)
    proper = [entry for entry in found if cedict.proper(entry) and not minor_place(entry)]
    polity = any(names_something(entry) for entry in found if not cedict.proper(entry))
    if proper and all(any(w in entry[2] for w in _LANGUAGE) for entry in proper):
        return "a language's name: ordinary vocabulary"
    if found and not proper and not polity and frequency.get(spelling, 0) >= COMMON_FREQUENCY:
        return f"a common word (CC-CEDICT; {frequency[spelling]:,} in jieba's corpus)"
    for title in TITLES:  # an office and its holder's title: 保安局局长, 国家主席
        if spelling.endswith(title) and (len(spelling) > len(title) or not polity):
            return "a title or office held by many (总统, 局长): ordinary vocabulary"
    if found and not proper and not polity:
        if decision.reasons.keys() <= {"name", "quoted", "head", "dictionary"}:
            return "a common word: CC-CEDICT's senses name no place or institution"
    if spelling in AMBIGUOUS:
        return "means different events in different articles: curate it with years or words"
    if spelling.endswith("人") and (
        spelling[:-1] in decisions_kept or spelling[-2] in COUNTRY_SHORT
    ):
        return f"the people of {spelling[:-1]}: ordinary vocabulary (the place is the term)"
    if len(spelling) == 2 and spelling[1] in COUNTRY_SHORT and spelling[0] not in COUNTRY_SHORT:
        if not proper:
            return f"a verb or preposition before {spelling[1]} (对华, 来台): not a name"
    if not found and len(spelling) == 3 and decision.reasons.keys() <= {"name", "surname"}:
        # jieba tags 高水平 as a name: 高 is a surname, 水平 a common word
        if frequency.get(spelling[1:], 0) >= COMMON_FREQUENCY:
            return f"a surname-like character before the common word {spelling[1:]}"
        if (frequency.get(spelling, 0) >= 50 and not str(tags.get(spelling, "")).startswith("nr")
                and decision.reasons.keys() <= {"name"}):  # fmt: skip
            return "a dictionary word jieba tags as a name"
    return ""


_MINOR_PLACE = re.compile(r"^[^/]*\b(?:[Dd]istrict|[Cc]ounty|[Tt]ownship|town|village|surname)\b")


def minor_place(entry: cedict.Entry) -> bool:
    """A proper noun that is only a small place's name (和平 is a district of Shenyang): the
    word's name use is a rare homonym of the common word."""
    return bool(_MINOR_PLACE.match(entry[2]))


_REFERENCE = re.compile(r"[^\x00-\x7f]+(?:\|[^\x00-\x7f]+)?\[[^\]]*\]|\bCL:.*|\babbr\.")


_NOT_NAMING = re.compile(
    r"(?:^|/)(?:Taiwan |old |Japanese )?variant of[^/]*|\(but in Taiwan[^)]*\)|\(Buddhism\)"
)


def names_something(entry: cedict.Entry) -> bool:
    """CC-CEDICT's senses of a common word name a place (两岸 "Taiwan and mainland", 特首
    "… (Hong Kong or Macao)", 立法会 "… (Hong Kong)"): news vocabulary of a polity rather
    than an ordinary word (巴士 "bus", 滑雪 "to ski"). The places are the English names of
    CC-CEDICT's own place entries (a gazetteer of about five thousand names)."""
    senses = _REFERENCE.sub(" ", _NOT_NAMING.sub(" ", entry[2]))
    return any(place in senses for place in _mentioned_places(senses))


def _mentioned_places(senses: str) -> list[str]:
    words = re.findall(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)?", senses)
    return [word for word in words if word in place_names() or word.split(" ")[0] in place_names()]


def gazetteer_place(word: str) -> bool:
    """CC-CEDICT names the word, in its first proper sense, with a place's English name
    (阿拉斯加 "Alaska", though jieba tags it a person)."""
    for entry in cedict.entries(word):
        if cedict.proper(entry):
            name = re.split(r"[,;(/]", entry[2])[0].strip()
            return name in place_names()
    return False


@cache
def place_names() -> frozenset[str]:
    """English names of places: the first sense of CC-CEDICT's proper nouns that jieba tags
    as places or whose sense says country, province, city …: China, Taiwan, Hong Kong."""
    from duizhao.glossary.names import base_tag

    names = set()
    for word, entries in cedict.index().items():
        for entry in entries:
            if cedict.proper(entry) and (base_tag(word) == "ns" or cedict.kind_of(word) == "place"):
                first = entry[2].split("/")[0]
                name = re.split(r"[,;(]", first)[0].strip()
                if re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?", name):
                    names.add(name)
    return frozenset(names)


def _compositional(spelling: str, decisions: dict[str, Decision], tags: dict[str, str]) -> str:
    """Why a candidate is a place and a word for its government or leader, or ""."""
    for cut in range(2, len(spelling) - 1):
        place, rest = spelling[:cut], spelling[cut:]
        if rest in GOVERNMENT_WORDS and _is_place(place, decisions, tags):
            return f"{place} + {rest}: the place is the term"
    return ""


def _suffixed_places(
    items: list[tuple[str, Decision]], decisions: dict[str, Decision], tags: dict[str, str]
) -> None:
    for spelling, decision in items:
        if len(spelling) >= 3 and spelling.endswith(_ADMIN_SUFFIXES):
            stem = spelling[:-1]
            if _is_place(stem, decisions, tags):
                decision.alias_of = stem
                decision.reason = f"{stem} with its administrative suffix: an alias of {stem}"
                if stem not in decisions:
                    decisions[stem] = Decision(stem, True, "", Counter(place=1), Counter(suffix=1))


def _name_parts(decisions: dict[str, Decision]) -> None:
    """A part of a dotted name written alone (伊力哈木 for 伊力哈木·土赫提, 拜登 for 乔·拜登) is
    that name's alias: the same person, not a term of its own."""
    for spelling, decision in list(decisions.items()):
        if not decision.kept or "·" not in spelling:
            continue
        for part in spelling.split("·"):
            found = decisions.get(part)
            if found is not None and len(part) >= 2 and not found.alias_of:
                found.alias_of = spelling
                found.kept = True
                found.reason = f"{spelling} written for short: an alias of it"


def _is_place(word: str, decisions: dict[str, Decision], tags: dict[str, str]) -> bool:
    """CC-CEDICT, its English (the gazetteer) or jieba call it a place, or most of its
    candidates' hints do."""
    if cedict.kind_of(word) == "place" or str(tags.get(word, "")) == "ns" or gazetteer_place(word):
        return True
    decision = decisions.get(word)
    return bool(decision and decision.kinds) and decision.kinds.most_common(1)[0][0] == "place"


def _count_standalone(
    texts: Sequence[Text], decisions: dict[str, Decision], always: set[str]
) -> None:
    """Count each candidate where it stands on its own, longest candidates first: a longer
    one decided and dropped (香港机场管理局 in one article) leaves the words inside it to
    the shorter ones (机场管理局). Drop those in fewer than MIN_ARTICLES articles, and those
    a rule only guessed (a surname, a run of transliteration characters) that are always
    followed by the same character (明报专 in 明报专讯)."""
    accepted: set[str] = set()
    lengths = sorted({len(s) for s, d in decisions.items() if d.kept or s in always}, reverse=True)
    for length in lengths:
        level = {s for s, d in decisions.items() if len(s) == length and (d.kept or s in always)}
        stems = {s: decisions[s].alias_of for s in accepted | level if decisions[s].alias_of}
        automaton = Automaton({spelling: spelling for spelling in accepted | level})
        standalone: dict[str, set[str]] = defaultdict(set)
        counts: Counter[str] = Counter()
        inside: dict[str, Counter[str]] = defaultdict(Counter)
        following: dict[str, set[str]] = defaultdict(set)
        for text in texts:
            for start, end, spelling in automaton.find(text.simplified):
                if start in text.bylines:
                    continue
                if spelling in level:
                    standalone[spelling].add(text.slug)
                    counts[spelling] += 1
                    following[spelling].add(text.simplified[end : end + 1])
                else:
                    for inner in _parts(spelling, level):
                        inside[inner][spelling] += 1
                stem = stems.get(spelling)
                if stem in level:  # 广东省 counts for 广东
                    standalone[stem].add(text.slug)
                    counts[stem] += 1
        for spelling in level:
            decision = decisions[spelling]
            decision.slugs = standalone.get(spelling, set())
            decision.count = counts[spelling]
            if spelling not in always and not decision.alias_of:
                _judge(decision, following.get(spelling, set()), inside.get(spelling))
            if decision.kept or spelling in always:
                accepted.add(spelling)


def _judge(decision: Decision, nexts: set[str], longer: Counter[str] | None) -> None:
    guessed = decision.reasons.keys() <= {"surname", "transliterated"} or (
        decision.reasons.keys() <= {"name", "surname", "transliterated"}
        and decision.kinds.most_common(1)[:1] == [("person", decision.kinds["person"])]
        and decision.count >= 2
    )
    if guessed and len(nexts) == 1 and _HAN.match(nxt := next(iter(nexts))) and nxt not in BOUNDARY:
        decision.kept = False
        decision.reason = f"always followed by {nxt}: part of a longer word"
        return
    if len(decision.slugs) >= MIN_ARTICLES:
        return
    decision.kept = False
    total = decision.count + sum(longer.values()) if longer else decision.count
    if longer and longer.most_common(1)[0][1] / max(1, total) > MOSTLY_INSIDE:
        outer, times = longer.most_common(1)[0]
        decision.reason = f"part of {outer} ({times} of {total} uses)"
    else:
        decision.reason = f"on its own in {len(decision.slugs)} article(s); needs {MIN_ARTICLES}"


def _parts(word: str, kept: set[str]) -> list[str]:
    """The kept candidates inside `word` (李家 in 李家超)."""
    return [
        word[i:j]
        for i in range(len(word))
        for j in range(i + 2, len(word) + 1)
        if (i, j) != (0, len(word)) and word[i:j] in kept
    ]
