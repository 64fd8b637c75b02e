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

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from duizhao.glossary.candidates import Span
from duizhao.glossary.matching import Automaton
from duizhao.glossary.text import HAN
from duizhao.glossary.vocabulary import (
    ADMIN_SUFFIXES,
    AMBIGUOUS_REASON,
    COMMON,
    compositional,
    is_place,
    ordinary,
)

MIN_ARTICLES = 2
# Characters that start the next word after a name (也, 表示, 在 …): a name always followed by
# one of them is still a whole name.
BOUNDARY = frozenset("也在是和与及或等则于将已被向称说表指并对为以而但又还都就会曾再因")
_HAN = re.compile(f"[{HAN}]")
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
    words: tuple[tuple[int, int], ...] = ()  # (start, end) of jieba's words, in order; may be ()


def select(
    texts: Sequence[Text],
    always: Iterable[str] = (),
    never: Iterable[str] = (),
    listed: Iterable[str] = (),
) -> dict[str, Decision]:
    """Every candidate's decision, by spelling. `always` are spellings other sources
    vouch for (curated, pairs): counted, never dropped here; `never` are suppressed;
    `listed` are the names tables' names the texts use (nametable.py): trusted like
    `always`, never taken for ordinary vocabulary, but still needing two articles."""
    from duizhao.glossary.names import base_tokenizer

    frequency = base_tokenizer().tokenizer.FREQ
    tags = base_tokenizer().word_tag_tab
    never = set(never)
    listed = set(listed) - never
    always = (set(always) | listed) - never
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
        why = "in the names table" if spelling in listed else "vouched for"
        decisions.setdefault(spelling, Decision(spelling, True, why))

    common: list[str] = []
    for spelling, decision in decisions.items():
        if spelling in always:
            continue
        reason = ordinary(spelling, decision, frequency, tags, decisions)
        if reason or (reason := compositional(spelling, decisions, tags)):
            decision.kept, decision.reason = False, reason
            if reason.startswith(COMMON):
                common.append(spelling)
    for spelling, speaker in _speakers(common, texts).items():
        decisions[spelling].kept = True
        decisions[spelling].reason = f"a common word, but it speaks ({speaker}): an institution"
    _suffixed_places(list(decisions.items()), decisions, tags)
    _count_standalone(texts, decisions, always)
    _name_parts(decisions)
    for decision in decisions.values():
        if decision.kept and not decision.reason:
            found = "+".join(sorted(decision.reasons))
            decision.reason = f"in {len(decision.slugs)} articles ({found})"
    return decisions


# --- the rules --------------------------------------------------------------------------

# Verbs of saying: 天文台表示, 天文台指出 — a common word that speaks is an institution's name.
SAYING = ("表示", "指出", "宣布", "预测", "预料", "发出", "呼吁", "警告", "强调", "回应", "批评",
          "称", "说")  # fmt: skip


def _speakers(words: Iterable[str], texts: Sequence[Text]) -> dict[str, str]:
    """The words followed by a saying verb in two or more articles (one pass per text):
    word -> the word and its verb most often (天文台表示)."""
    automaton = Automaton({word: word for word in words})
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for text in texts:
        for _, end, word in automaton.find(text.simplified):
            after = text.simplified[end : end + 2]
            for verb in SAYING:
                if after.startswith(verb):
                    found[word][verb].add(text.slug)
    speakers = {}
    for word, verbs in found.items():
        if len(set().union(*verbs.values())) >= MIN_ARTICLES:
            speakers[word] = word + max(verbs, key=lambda verb: len(verbs[verb]))
    return speakers


def _suffixed_places(
    items: list[tuple[str, Decision]], decisions: dict[str, Decision], tags: dict[str, str]
) -> None:
    for spelling, decision in items:
        if len(spelling) >= 3 and spelling.endswith(ADMIN_SUFFIXES):
            stem = spelling[:-1]
            if is_place(stem, decisions, tags):
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
            if found is None or len(part) < 2 or found.alias_of or not found.slugs:
                continue
            if found.reason.startswith(("part of", "on its own")) or found.kept:
                found.alias_of = spelling
                found.kept = True
                found.reason = f"{spelling} written for short: an alias of it"


def _count_standalone(
    texts: Sequence[Text], decisions: dict[str, Decision], always: set[str]
) -> None:
    """Count each candidate where it stands on its own, longest candidates first: a longer
    one decided and dropped (香港机场管理局 in one article) leaves the word it ends with to
    the shorter ones (机场管理局, the same institution), but not the words it starts with
    or holds in its middle (台港 in 台港服务交流办公室 is no name of its own there); a word
    that means different events (冬奥会) leaves none (奥会 is no word). A word only jieba
    found (a tagged name, a dictionary word) counts only where jieba cut it so (中华 is no
    word inside 中华民族). A name built on a head (民进党立法院) that is an organisation's
    name and another name side by side is two names. Drop those in fewer than MIN_ARTICLES
    articles, and those a rule only guessed (a surname, a run of transliteration
    characters) that are always followed by the same character (明报专 in 明报专讯)."""
    accepted: set[str] = set()
    held: set[str] = {s for s, d in decisions.items() if d.reason.startswith(AMBIGUOUS_REASON)}
    frees_tail: set[str] = set()  # dropped for too few articles: the word it ends with is free
    lengths = sorted({len(s) for s, d in decisions.items() if d.kept or s in always}, reverse=True)
    for length in lengths:
        level = {s for s, d in decisions.items() if len(s) == length and (d.kept or s in always)}
        for spelling in sorted(level - always):
            if merged := _merged(decisions[spelling], decisions):
                decisions[spelling].kept = False
                decisions[spelling].reason = f"two names side by side: {merged}"
                level.discard(spelling)
        stems = {s: decisions[s].alias_of for s in accepted | level if decisions[s].alias_of}
        holding = {s for s in held if len(s) > length} - accepted
        automaton = Automaton({spelling: spelling for spelling in accepted | level | holding})
        standalone: dict[str, set[str]] = defaultdict(set)
        counts: Counter[str] = Counter()
        inside: dict[str, Counter[str]] = defaultdict(Counter)
        following: dict[str, set[str]] = defaultdict(set)
        preceding: dict[str, set[str]] = defaultdict(set)
        for text in texts:
            found = []
            for start, end, spelling in automaton.find(text.simplified):
                if start in text.bylines:
                    continue
                if spelling in level:
                    found.append((start, end, spelling))
                    continue
                for inner in _parts(spelling, level):
                    if spelling in frees_tail and spelling.endswith(inner):
                        found.append((end - len(inner), end, inner))
                    else:
                        inside[inner][spelling] += 1
                stem = stems.get(spelling)
                if stem in level:  # 广东省 counts for 广东
                    standalone[stem].add(text.slug)
                    counts[stem] += 1
            for start, end, spelling in found:
                jieba_only = decisions[spelling].reasons.keys() <= JIEBA_REASONS
                if jieba_only and spelling not in always and _in_a_word(text, start, end):
                    continue  # 中华 in 中华民族: part of a dictionary word, not a use
                standalone[spelling].add(text.slug)
                counts[spelling] += 1
                following[spelling].add(text.simplified[end : end + 1])
                preceding[spelling].add(text.simplified[max(0, start - 1) : start])
                stem = stems.get(spelling)
                if stem in level:
                    standalone[stem].add(text.slug)
                    counts[stem] += 1
        for spelling in level:
            decision = decisions[spelling]
            decision.slugs = standalone.get(spelling, set())
            decision.count = counts[spelling]
            if spelling not in always and not decision.alias_of:
                if longer := _place_cut_short(decision, preceding[spelling], following[spelling]):
                    decisions[longer] = Decision(
                        longer, True, f"in {len(decision.slugs)} articles (a place {spelling} "
                        "cut short, always written so)", Counter(place=1), Counter(place=1),
                        set(decision.slugs), decision.count,
                    )  # fmt: skip
                    accepted.add(longer)
                    decision.kept, decision.reason = False, f"always written {longer}"
                    continue
                _judge(decision, following.get(spelling, set()), inside.get(spelling))
                if not decision.kept and decision.count:
                    held.add(spelling)
                    frees_tail.add(spelling)
            if decision.kept or spelling in always:
                accepted.add(spelling)


# Rules that take jieba's own words (candidates.py): a tagged name, a dictionary word.
JIEBA_REASONS = frozenset({"name", "dictionary"})


def _in_a_word(text: Text, start: int, end: int) -> bool:
    """The span lies inside one of jieba's words, and that word is in CC-CEDICT: a part of
    a lexicalised word (中华 in 中华民族, 奥会 in 冬奥会), not a use of its own. A word of
    jieba's that CC-CEDICT lacks (德国总理, 中东问题) is a name and a common word: used."""
    from duizhao.glossary import cedict

    index = bisect.bisect_right(text.words, (start, len(text.simplified) + 1)) - 1
    if index < 0:
        return False
    first, last = text.words[index]
    if (first, last) == (start, end) or not (first <= start and end <= last):
        return False
    return bool(cedict.entries(text.simplified[first:last]))


def _merged(decision: Decision, decisions: dict[str, Decision]) -> str:
    """ "A + B" when a candidate only the head rule built (民进党立法院) is an organisation's
    name A followed by another candidate B (立法院): two names, not one; else ""."""
    spelling = decision.spelling
    if set(decision.reasons) != {"head"}:
        return ""
    for cut in range(2, len(spelling) - 1):
        left, right = decisions.get(spelling[:cut]), decisions.get(spelling[cut:])
        if left is None or right is None or not left.kept or not right.kept:
            continue
        if left.kinds and left.kinds.most_common(1)[0][0] == "organisation":
            return f"{left.spelling} + {right.spelling}"
    return ""


# Characters that end a place's name (南丫岛, 横澜岛): a name always followed by one is cut.
PLACE_ENDINGS = frozenset("岛山湾河湖江峡角洲")


def _place_cut_short(decision: Decision, before: set[str], after: set[str]) -> str:
    """The whole place when jieba cut a place's name short and the articles always write it
    whole: 澜岛 always after 横 is 横澜岛, 南丫 always before 岛 is 南丫岛; else ""."""
    if decision.count < 2 or decision.reasons.keys() - {"name", "transliterated", "surname"}:
        return ""
    if len(after) == 1 and (end := next(iter(after))) in PLACE_ENDINGS:
        return decision.spelling + end
    if decision.kinds.most_common(1)[:1] != [("place", decision.kinds["place"])]:
        return ""
    first = next(iter(before)) if len(before) == 1 else ""
    if _HAN.match(first) and first not in BOUNDARY and first not in PLACE_PREFIX_STOPS:
        return first + decision.spelling
    return ""


# Characters before a place that belong to the sentence, not the name: 赴台, 访港, 抵京.
PLACE_PREFIX_STOPS = frozenset("赴访抵到至往离返来去经过近与从在于自由到向对及的了")


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
