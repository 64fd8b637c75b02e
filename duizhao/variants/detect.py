"""Which script, and which region, a text is written in; and the source an article is
converted from, with the reason.

Scripts are told apart by characters only one of them uses, regions by the characters each
prints its own way (derived from OpenCC's tables as we reviewed them) and by words: terms of
our regional tables (普丁, 視像) and the markers of data/variants/markers.tsv (的士, 港鐵,
立法會 against 捷運, 立法院, 計程車).

`decide_source` is what ingest asks: a seed may state its region, the publisher's region
comes next, then the text's own evidence; a Traditional text without clear evidence stays
"hant", which conversion treats conservatively. The decision carries its reason, which the
article record keeps.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

import opencc

from duizhao.datafiles import DataFileError, numbered_lines
from duizhao.variants.catalogue import DATA_DIR, neutral_traditional, regions, stock, tag_of_region
from duizhao.variants.reviewed import reviewed_stock
from duizhao.variants.tables import concepts

MARKERS = DATA_DIR / "markers.tsv"
# What a seed or a publisher may say about where a text comes from (data/publishers.yaml
# uses the same words): the regions with their own variant, and three without one.
PLACES = ("mainland", "sg", "intl", "tw", "hk")
REGION_NAMES = {"tw": "Taiwan", "hk": "Hong Kong"}
_WORD_WEIGHT = 3  # a regional word is stronger evidence than a single variant character
_MARGIN = 2  # the winner needs twice the other side's evidence ...
_MINIMUM = 3  # ... and at least this much (one word, or three characters), or it is undecided


@dataclass(frozen=True)
class SourceDecision:
    """The source an article is converted from ("hans", "hant", "tw" or "hk") and why."""

    source: str
    reason: str


def decide_source(
    text: str, publisher_region: str | None = None, stated: str | None = None
) -> SourceDecision:
    """The source of an article's text, and the reason, in one line.

    `stated`: what the seed says (`<!-- region: hk -->`); `publisher_region`: the region of
    its publisher in data/publishers.yaml. Both are one of PLACES (or None). The script is
    always the text's own: a Taiwan publisher's Simplified edition is converted as
    Simplified. For Traditional text the seed's statement wins, then the publisher's region,
    then the text's evidence; without a clear lead the source is "hant", converted
    conservatively (vocabulary only ever changed into a region's, never read back)."""
    for value, what in ((stated, "stated region"), (publisher_region, "publisher region")):
        if value is not None and value not in PLACES:
            raise ValueError(f"unknown {what} {value!r}; valid: {', '.join(PLACES)}")
    simplified, traditional = _script_counts(text)
    if traditional <= simplified:
        return SourceDecision("hans", _simplified_reason(simplified, traditional, stated))
    if stated is not None:
        return SourceDecision(
            _traditional_source(stated), f"Traditional; {_said(stated)} (stated in the seed)"
        )
    if publisher_region in REGION_NAMES:
        name = REGION_NAMES[publisher_region]
        return SourceDecision(publisher_region, f"Traditional; {name} (the publisher's region)")
    evidence = region_evidence(text)
    region = _leader(evidence)
    if region is None:
        scores = ", ".join(f"{REGION_NAMES[r]} {evidence[r].total}" for r in regions())
        tail = f"; publisher's region: {publisher_region}" if publisher_region else ""
        return SourceDecision(
            "hant",
            f"Traditional; region undecided ({scores}{tail}): converted conservatively",
        )
    return SourceDecision(
        region, f"Traditional; {REGION_NAMES[region]} by its words: {evidence[region].summary()}"
    )


def detect_script(text: str) -> str:
    """Which script the text is written in: "hans" or "hant".

    Counts characters that only one script uses (derived from OpenCC's own character
    tables), so a Simplified text with a few Traditional characters (看著, 衝突) stays
    "hans". Text with no such characters counts as "hans", the default.
    """
    simplified, traditional = _script_counts(text)
    return "hant" if traditional > simplified else "hans"


def detect_region(text: str) -> str | None:
    """For Traditional text: "tw" or "hk" when the evidence leads clearly, else None.

    Evidence: characters one region prints and the other does not (裏, 着 in Hong Kong; 臺,
    週 in Taiwan, from OpenCC's t2tw and t2hk tables as reviewed), regional terms from our
    tables (普丁, 視像) and the markers of data/variants/markers.tsv (的士, 捷運).
    Simplified text gives None."""
    if detect_script(text) != "hant":
        return None
    return _leader(region_evidence(text))


def detect_source(text: str) -> str:
    """One of the sources, from the text alone (`decide_source` without a publisher)."""
    return decide_source(text).source


@dataclass(frozen=True)
class Evidence:
    characters: Counter[str]
    words: Counter[str]

    @property
    def total(self) -> int:
        return sum(self.characters.values()) + _WORD_WEIGHT * sum(self.words.values())

    def summary(self) -> str:
        """The strongest evidence, for the record: "的士 ×2, 港鐵, 裏 (score 14)"."""
        items = [*self.words.most_common(4), *self.characters.most_common(2)]
        shown = ", ".join(f"{item} ×{count}" if count > 1 else item for item, count in items)
        return f"{shown} (score {self.total})"


def region_evidence(text: str) -> dict[str, Evidence]:
    """What points to each region in a Traditional text."""
    classes = _char_classes()
    vocabulary = region_vocabulary()
    found = {}
    for region in regions():
        printed, said = classes.printed_by[region], vocabulary[region]
        characters = Counter(printed.findall(text)) if printed else Counter()
        words = Counter(said.findall(text)) if said else Counter()
        found[region] = Evidence(characters, words)
    return found


def _leader(evidence: dict[str, Evidence]) -> str | None:
    ranked = sorted(evidence, key=lambda region: evidence[region].total, reverse=True)
    first, second = ranked[0], ranked[1] if len(ranked) > 1 else None
    lead, other = evidence[first].total, evidence[second].total if second else 0
    if lead >= _MINIMUM and lead >= _MARGIN * other:
        return first
    return None


def _traditional_source(place: str) -> str:
    return place if place in REGION_NAMES else "hant"


def _said(place: str) -> str:
    if place in REGION_NAMES:
        return REGION_NAMES[place]
    return f"{place}, no regional variant of its own: converted conservatively"


def _simplified_reason(simplified: int, traditional: int, stated: str | None) -> str:
    counts = f"{simplified} Simplified-only characters, {traditional} Traditional-only"
    if stated in REGION_NAMES:
        return f"Simplified ({counts}), though the seed states {REGION_NAMES[stated]}"
    return f"Simplified ({counts})"


# --- the evidence ------------------------------------------------------------------------

_CJK_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000))  # Extension A and the basic block
# Taiwan's Ministry of Education writes 汙 and 占, but Taiwan's papers print 污 and 佔 too.
_PRINTED_EVERYWHERE = frozenset("污佔")


@dataclass(frozen=True)
class _CharClasses:
    simplified_only: re.Pattern[str]  # s2t changes it; t2s does not
    traditional_only: re.Pattern[str]  # t2s changes it; s2t does not
    printed_by: dict[str, re.Pattern[str] | None]  # region -> what it prints, the other not


def _script_counts(text: str) -> tuple[int, int]:
    classes = _char_classes()
    return len(classes.simplified_only.findall(text)), len(classes.traditional_only.findall(text))


@cache
def _char_classes() -> _CharClasses:
    """Character sets derived from OpenCC's tables, one character at a time.

    A region "prints" a character when its table (t2tw, t2hk, as reviewed) leaves it and
    the other region's writes something else for it: Hong Kong keeps 裏 and 着, which
    Taiwan writes 裡 and 著; Taiwan keeps 臺, 週 and 菸, which Hong Kong writes 台, 周 and
    煙. Characters both change (OpenCC's own standard, such as 羣) say nothing, nor do the
    few that the standard assigns to one region but the other's press prints as well."""
    chars = [chr(c) for start, stop in _CJK_RANGES for c in range(start, stop)]
    joined = "\n".join(chars)

    def changes(converter: opencc.OpenCC) -> dict[str, str]:
        outputs = str(converter.convert(joined)).split("\n")
        return {c: out for c, out in zip(chars, outputs, strict=True) if out != c}

    simplified, traditional = set(changes(stock("s2t"))), set(changes(stock("t2s")))
    both = simplified & traditional  # a handful (麽, 苧) that both directions change
    by_region = {region: changes(reviewed_stock(_glyph_config(region))) for region in regions()}
    printed_by: dict[str, re.Pattern[str] | None] = {}
    for region in regions():
        others = [by_region[other] for other in regions() if other != region]
        mine = {c for other in others for c in other if c not in by_region[region]}
        mine -= _PRINTED_EVERYWHERE
        printed_by[region] = _char_class(mine) if mine else None
    return _CharClasses(
        simplified_only=_char_class(simplified - both),
        traditional_only=_char_class(traditional - both),
        printed_by=printed_by,
    )


def _glyph_config(region: str) -> str:
    """OpenCC's config writing a region's glyphs from standard Traditional: t2tw, t2hk."""
    return f"t2{region}"


def _char_class(chars: set[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


def has_script_evidence(text: str) -> bool:
    classes = _char_classes()
    return bool(classes.simplified_only.search(text) or classes.traditional_only.search(text))


@cache
def markers() -> dict[str, str]:
    """word → region, from data/variants/markers.tsv (strict: file and line on a slip)."""
    found: dict[str, str] = {}
    lines: dict[str, int] = {}
    for number, line in numbered_lines(MARKERS):
        cells = [cell.strip() for cell in line.split("#", 1)[0].split("\t")]
        cells = [cell for cell in cells if cell]
        if not cells:
            continue
        if len(cells) != 2:
            raise DataFileError(MARKERS, f"expected word<TAB>region, got {line!r}", number)
        word, region = cells
        if region not in regions():
            raise DataFileError(
                MARKERS, f"unknown region {region!r}; valid: {', '.join(regions())}", number
            )
        if word in found:
            raise DataFileError(
                MARKERS, f"{word} is given twice (first on line {lines[word]})", number
            )
        found[word], lines[word] = region, number
    return found


@cache
def region_vocabulary() -> dict[str, re.Pattern[str] | None]:
    """Terms only one region writes that way: the markers, and the forms of our tables
    that the other regions and plain Traditional write differently."""
    forms: dict[str, set[str]] = {region: set() for region in regions()}
    for concept in concepts():
        neutral = concept.form(neutral_traditional())
        for region in regions():
            forms[region] |= concept.accepted(tag_of_region(region)) - {neutral}
    exclusive = {
        region: {
            word
            for word in words
            if all(word not in forms[other] for other in regions() if other != region)
        }
        for region, words in forms.items()
    }
    for word, region in markers().items():
        exclusive[region].add(word)
    return {region: _alternation(words) for region, words in exclusive.items()}


def _alternation(words: set[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
