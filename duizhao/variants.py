"""The four script variants of the reader and the text conversion between them.

Every article is published in four variants: zh-Hans (Simplified, the default), zh-Hant
(Traditional without regional vocabulary), zh-TW (Taiwan) and zh-HK (Hong Kong). A source is
written in one script ("hans") or in Traditional ("hant", or more precisely "tw" / "hk");
`convert` turns it into any variant.

Design
------
* OpenCC does the conversion, with one stock chain per (source, target) pair (`_RECIPES`):
  zh-Hant is s2tw (s2t's output is OpenCC's internal standard, not a region's), zh-TW is
  s2twp, zh-HK is s2hk; Traditional sources go back with t2s / tw2sp / hk2s, and to the other
  Traditional variants through OpenCC's variant tables (t2tw, tw2t + t2hk, ...).
  zh-Hans from a Simplified source still runs t2s, which normalises Traditional characters
  mixed into it (衝突 → 冲突) and leaves Simplified text alone.
* Our own knowledge lives in data files (data/variants/*.tsv, `from<TAB>to`, one small table
  per region plus corrections; see their headers). They are not applied as string
  replacements: for each (source, target) pair they become one OpenCC dictionary (compiled
  to .ocd2 with the wheel's opencc_dict, like OpenCC's own, when the converter is built),
  placed first in the first conversion step and in the segmentation dictionary (where the
  chain segments), each time in a "union" group with OpenCC's own dictionary. A union
  group takes the longest match and prefers the first dictionary on a tie, so our rows beat
  OpenCC's phrases of the same length but lose to longer ones (被发 → 被發, yet
  被发左衽 → 被髮左衽), and all matching stays one linear OpenCC pass. The generated
  config JSON is written to a temporary folder, loaded, and deleted; the stock .ocd2 files
  are referenced by absolute path in OpenCC's bundled share folder.
* Regional tables are keyed by the mainland Simplified form (a "concept"). From them each
  pair gets its rows in both directions: a Simplified source's 普京 reads 普丁 in zh-TW, a
  Taiwan source's 普丁 reads 普京 in zh-Hans and zh-HK. A term already written the way the
  target writes it is left alone. Rows whose output must come out exactly as written are
  checked once, when the converter is built.
* Text inside URLs, link targets, HTML src/href values, inline `code`, <code> elements and
  fenced code blocks is never converted. Each such span that holds non-ASCII text is swapped
  for a noncharacter (U+FDD0), which OpenCC passes through, and put back afterwards, so a
  document still takes one OpenCC call. All-ASCII spans need nothing: OpenCC never changes
  ASCII, and no dictionary word (ours or OpenCC's) reaches across a span's edge.
* Speed: a pair that changes the script (s2tw, ...) costs far more than finding URLs, so
  that search runs first. A same-script pair (t2s on a Simplified source, t2tw, ...) changes
  little and runs near memory speed, so it converts first and searches only changed lines.
* No match crosses a line break, so converting line by line (`convert_lines`, the CLI) gives
  exactly what converting the whole text gives; fenced blocks are tracked across lines.

Sections: public API, then tables, OpenCC configs, protected spans, script detection.
"""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import opencc

__all__ = [
    "DATA_DIR",
    "SOURCES",
    "TABLES",
    "VARIANTS",
    "Row",
    "Variant",
    "convert",
    "convert_lines",
    "detect_region",
    "detect_script",
    "detect_source",
    "load_table",
    "opencc_converter",
    "reload",
    "variant",
]


# ─── Public API ────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Variant:
    tag: str  # BCP 47: "zh-Hans", "zh-Hant", "zh-TW", "zh-HK"
    path: str  # URL folder: "zh-hans", "zh-hant", "zh-tw", "zh-hk"
    short: str  # toggle label: "简", "繁", "臺", "港"
    name: str  # full name for screen readers, in the variant's own script


VARIANTS: tuple[Variant, ...] = (
    Variant("zh-Hans", "zh-hans", "简", "简体中文"),
    Variant("zh-Hant", "zh-hant", "繁", "繁體中文"),
    Variant("zh-TW", "zh-tw", "臺", "臺灣正體"),
    Variant("zh-HK", "zh-hk", "港", "香港繁體"),
)

_VARIANT_BY_NAME = {name: v for v in VARIANTS for name in (v.tag.lower(), v.path)}

# Scripts a source can be written in: Simplified, Traditional of no known region, Taiwan, HK.
SOURCES: tuple[str, ...] = ("hans", "hant", "tw", "hk")

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "variants"

# The data files, by name (data/variants/<name>.tsv).
TABLES: tuple[str, ...] = ("hans", "tw", "hk", "corrections")


def variant(tag_or_path: str) -> Variant:
    """The variant with this BCP 47 tag or URL folder, in any letter case."""
    found = _VARIANT_BY_NAME.get(tag_or_path.strip().lower())
    if found is None:
        valid = ", ".join(v.tag for v in VARIANTS)
        raise ValueError(f"unknown variant {tag_or_path!r}; valid variants: {valid}")
    return found


def detect_script(text: str) -> str:
    """Which script the text is written in: "hans" or "hant".

    Counts characters that only one script uses (derived from OpenCC's own character
    tables), so a Simplified text with a few Traditional characters (看著, 衝突) stays
    "hans". Text with no such characters counts as "hans", the default.
    """
    classes = _char_classes()
    simplified = len(classes.simplified_only.findall(text))
    traditional = len(classes.traditional_only.findall(text))
    return "hant" if traditional > simplified else "hans"


def detect_region(text: str) -> str | None:
    """For Traditional text: "tw" or "hk" when the evidence leans one way, else None.

    Evidence: characters the other region writes differently (OpenCC's t2tw and t2hk
    tables: 說/説, 裡/裏, 着/著), regional terms from our tables (普丁, 視像) and a few
    Cantonese characters (嘅, 咗, 喺). Simplified text gives None.
    """
    if detect_script(text) != "hant":
        return None
    classes = _char_classes()
    vocab = _region_vocabulary()
    taiwan = len(classes.not_hongkong.findall(text)) + _WORD_WEIGHT * _count(vocab["tw"], text)
    hongkong = (
        len(classes.not_taiwan.findall(text))
        + _WORD_WEIGHT * _count(vocab["hk"], text)
        + _WORD_WEIGHT * len(_CANTONESE.findall(text))
    )
    if taiwan == hongkong:
        return None
    return "tw" if taiwan > hongkong else "hk"


def detect_source(text: str) -> str:
    """One of SOURCES: the script, refined to a region for Traditional text."""
    if detect_script(text) == "hans":
        return "hans"
    return detect_region(text) or "hant"


def convert(text: str, target: str, source: str = "hans") -> str:
    """`text`, written in `source` ("hans", "hant", "tw", "hk" or "auto"), as variant `target`.

    `target` is a variant tag or path. Regional tables and corrections are included; URLs
    and code are left as they are.
    """
    tag = variant(target).tag
    resolved = detect_source(text) if source == "auto" else _check_source(source)
    return _convert_text(text, resolved, tag, _protected_spans)


def convert_lines(lines: Iterable[str], target: str, source: str = "hans") -> Iterator[str]:
    """Convert lines one at a time, exactly as `convert` converts the whole text.

    For streams (the CLI). Fenced code blocks are followed across lines. With
    source="auto" each line with script evidence decides the source; lines without any
    keep the previous decision ("hans" before the first).
    """
    tag = variant(target).tag
    auto = source == "auto"
    current = "hans" if auto else _check_source(source)
    fences = _Fences()
    for line in lines:
        if fences.inside(line):
            yield line
            continue
        if auto and _has_script_evidence(line):
            current = detect_source(line)
        yield _convert_text(line, current, tag, _inline_spans)


def reload() -> None:
    """Forget converters built from the tables, so edited tables take effect in a long-lived
    process (`mkdocs serve` keeps this module between rebuilds)."""
    for cached in (
        _concepts,
        _converter,
        _direct_converter,
        _family_converters,
        _region_vocabulary,
    ):
        cached.cache_clear()


def opencc_converter(source: str, target: str, tables: bool = True) -> opencc.OpenCC:
    """The OpenCC converter behind `convert` for a pair (tables=False: stock chain only).

    Exposed so callers and tests can measure raw OpenCC on the very same chain.
    """
    tag = variant(target).tag
    src = _check_source(source)
    return _converter(src, tag) if tables else _stock_chain(src, tag)


# ─── Tables ────────────────────────────────────────────────────────────────────────────────

_FLAGS = frozenset({"", "oneway", "alias", "guard"})


@dataclass(frozen=True)
class Row:
    """One line of a data file: `key<TAB>value[<TAB>flag]`."""

    key: str
    value: str
    flag: str  # "", "oneway", "alias" or "guard" (see data/variants/tw.tsv)
    origin: str  # "tw.tsv:12", for error messages and test ids


def load_table(name_or_path: str | Path) -> tuple[Row, ...]:
    """Parse a data file: a table name from TABLES or a path. Errors name file and line."""
    path = Path(name_or_path)
    if path.suffix != ".tsv":
        path = DATA_DIR / f"{name_or_path}.tsv"
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        row = _parse_row(line, f"{path.name}:{number}")
        if row is not None:
            rows.append(row)
    return tuple(rows)


def _parse_row(line: str, origin: str) -> Row | None:
    fields = []
    for item in line.split("\t"):
        if item.lstrip().startswith("#"):
            break  # the rest of the line is a comment
        fields.append(item.strip())
    while fields and not fields[-1]:
        fields.pop()
    if not fields:
        return None
    if len(fields) not in (2, 3) or not all(fields[:2]):
        raise ValueError(f"{origin}: expected from<TAB>to[<TAB>flag], got {line!r}")
    flag = fields[2] if len(fields) == 3 else ""
    if flag not in _FLAGS:
        raise ValueError(f"{origin}: unknown flag {flag!r}; valid: oneway, alias, guard")
    if not all(_is_term(term) for term in fields[:2]):
        raise ValueError(f"{origin}: a term must not contain spaces or ASCII: {line!r}")
    return Row(fields[0], fields[1], flag, origin)


def _is_term(text: str) -> bool:
    # No ASCII: span protection relies on no dictionary word holding ASCII punctuation,
    # and Latin letters never need converting.
    return not any(ch.isspace() or ch.isascii() for ch in text)


@dataclass
class _Concept:
    """A term from the regional tables, keyed by its mainland Simplified form."""

    hans: str
    origin: str
    regional: dict[str, str] = field(default_factory=dict)  # region -> main form
    oneway: set[str] = field(default_factory=set)  # regions whose main form is not read back
    aliases: dict[str, set[str]] = field(default_factory=dict)  # region -> other spellings

    def form(self, target: str) -> str:
        """How the target variant writes this term."""
        if target == "zh-Hans":
            return self.hans
        region = _REGION_OF.get(target)
        if region in self.regional:
            return self.regional[region]
        return _stock(_RECIPES["hans", target][0]).convert(self.hans)

    def accepted(self, target: str) -> set[str]:
        """Spellings the target already accepts: these are left alone."""
        return {self.form(target)} | self.aliases.get(_REGION_OF.get(target, ""), set())

    def traditional_spellings(self) -> set[str]:
        """Spellings a Traditional source may use for this term."""
        forms = {self.form(tag) for tag in ("zh-Hant", "zh-TW", "zh-HK")}
        for region in self.oneway:  # e.g. 雪梨 is also a pear: never read back as 悉尼
            if self.regional[region] != self.form("zh-Hant"):
                forms.discard(self.regional[region])
        for spellings in self.aliases.values():
            forms |= spellings
        return forms


_REGION_OF = {"zh-TW": "tw", "zh-HK": "hk"}
_TAG_OF = {"tw": "zh-TW", "hk": "zh-HK"}


@cache
def _concepts() -> tuple[_Concept, ...]:
    concepts: dict[str, _Concept] = {}
    for region in ("tw", "hk"):
        for row in load_table(region):
            concept = concepts.setdefault(row.key, _Concept(row.key, row.origin))
            if row.flag == "alias":
                concept.aliases.setdefault(region, set()).add(row.value)
                continue
            if region in concept.regional:
                raise ValueError(f"{row.origin}: {row.key} already has a {region} form")
            concept.regional[region] = row.value
            if row.flag == "oneway":
                concept.oneway.add(region)
    return tuple(concepts.values())


# ─── OpenCC configs ────────────────────────────────────────────────────────────────────────

# Stock chains per (source, target), run one after another in a single config.
# "s2twp[1:]" is s2twp without its first step: Taiwan phrases and glyphs applied to
# OpenCC-standard Traditional (OpenCC ships no t2twp).
_RECIPES: dict[tuple[str, str], tuple[str, ...]] = {
    ("hans", "zh-Hans"): ("t2s",),
    ("hans", "zh-Hant"): ("s2tw",),
    ("hans", "zh-TW"): ("s2twp",),
    ("hans", "zh-HK"): ("s2hk",),
    ("hant", "zh-Hans"): ("t2s",),
    ("hant", "zh-Hant"): ("t2tw",),
    ("hant", "zh-TW"): ("s2twp[1:]",),
    ("hant", "zh-HK"): ("t2hk",),
    ("tw", "zh-Hans"): ("tw2sp",),
    ("tw", "zh-Hant"): ("t2tw",),
    ("tw", "zh-TW"): ("t2tw",),
    ("tw", "zh-HK"): ("tw2t", "t2hk"),
    ("hk", "zh-Hans"): ("hk2s",),
    ("hk", "zh-Hant"): ("hk2t", "t2tw"),
    ("hk", "zh-TW"): ("hk2t", "s2twp[1:]"),
    ("hk", "zh-HK"): ("t2hk",),
}

_SHARE_DIR = Path(opencc.__file__).resolve().parent / "clib" / "share" / "opencc"
_DICT_TOOL = Path(opencc.__file__).resolve().parent / "clib" / "bin" / "opencc_dict"


@dataclass(frozen=True)
class _Entry:
    value: str
    exact: bool  # must come out exactly as `value` (later chain steps must not touch it)
    origin: str


def _check_source(source: str) -> str:
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}; valid: {', '.join(SOURCES)}, auto")
    return source


@cache
def _stock(name: str) -> opencc.OpenCC:
    return opencc.OpenCC(name)


@cache
def _stock_chain(source: str, target: str) -> opencc.OpenCC:
    return _build(_RECIPES[source, target], {})


@cache
def _converter(source: str, target: str) -> opencc.OpenCC:
    """The converter for a pair: one of a family sharing its first step where it can.

    Not for text holding U+FDD1..U+FDEF (the placeholders); `_convert_text` sends such
    text to `_direct_converter`, which gives the same output without placeholders."""
    family = _family(source, target)
    if len(family) == 1:
        return _direct_converter(source, target)
    return _family_converters(source, family)[target]


@cache
def _direct_converter(source: str, target: str) -> opencc.OpenCC:
    """Our rows written straight into the first step of the pair's own chain."""
    recipe = _RECIPES[source, target]
    entries = _without_idle(_entries(source, target), _stock_chain(source, target))
    converter = _build(recipe, entries)
    _verify(converter, entries, f"{source} → {target}")
    return converter


@cache
def _family(source: str, target: str) -> tuple[str, ...]:
    """The targets whose chains start with the same step as this one's (for a Simplified
    source: zh-Hant, zh-TW and zh-HK all start with OpenCC's s2t phrases)."""
    first = _first_step(source, target)
    return tuple(v.tag for v in VARIANTS if _first_step(source, v.tag) == first)


@cache
def _first_step(source: str, target: str) -> str:
    config = _merged_config(_RECIPES[source, target])
    steps = [config.get("normalization"), config.get("segmentation")]
    return json.dumps([*steps, config["conversion_chain"][0]], sort_keys=True)


@cache
def _family_converters(source: str, family: tuple[str, ...]) -> dict[str, opencc.OpenCC]:
    """Converters for targets that share a first step, sharing OpenCC's tables for it.

    OpenCC 1.4 builds a lookup table (a trie of hash maps, about 34 MB for the s2t phrases)
    for each step's dictionary tree, and reuses it only for the very same tree of the very
    same dictionaries. Our rows differ per target, so each converter built its own: three
    copies, and converting one article into each variant in turn ran twice as slowly as
    OpenCC's stock configs, which share one (measured in BENCHMARKS.md).

    So the first step's dictionary here is the same for the whole family: each of our keys
    becomes a placeholder (two Unicode noncharacters), loaded from one compiled file so
    OpenCC hands every converter the same dictionary; a last step, per target, writes each
    placeholder as that target's form. A row that later steps must still convert (a
    correction written in OpenCC-standard Traditional) gets those steps applied to its
    value here, which is what they did to it as a segment of its own.

    The output is the direct converters' (tested over the seeds, OpenCC's cases and every
    row), with one deliberate difference: the family segments once for all its targets.
    Where two of our terms overlap, every variant now reads the same split. From a Hong
    Kong source, 川普京 read 特朗普京 (Trump) in zh-Hant but 川普丁 (Putin) in zh-TW,
    because zh-TW had dropped 川普 as a row that changes nothing there; it now reads 川普京.
    """
    entries = {t: _without_idle(_entries(source, t), _stock_chain(source, t)) for t in family}
    keys = sorted({key for rows in entries.values() for key in rows})
    if not keys or len(keys) > len(_PLACEHOLDER_CHARS) ** 2:
        return {target: _direct_converter(source, target) for target in family}
    placeholders = {key: _placeholder(number) for number, key in enumerate(keys)}
    converters = {}
    with tempfile.TemporaryDirectory(prefix="duizhao-opencc-") as name:
        folder = Path(name)
        shared = _dictionary(placeholders, folder)
        for target in family:
            config = _merged_config(_RECIPES[source, target])
            later = _chain_of(config["conversion_chain"][1:], folder)
            _put_first(config, shared)
            forms = {
                placeholders[key]: _form(key, entries[target].get(key), later, source, target)
                for key in keys
            }
            config["conversion_chain"].append({"dict": {"type": "inline", "entries": forms}})
            converters[target] = _load(config, folder)
    for target, converter in converters.items():
        _verify(converter, entries[target], f"{source} → {target}")
    return converters


def _form(
    key: str, entry: _Entry | None, later: opencc.OpenCC | None, source: str, target: str
) -> str:
    """What a key, matched as a segment of its own, comes out as in `target`."""
    if entry is None:  # a row this target dropped as idle: OpenCC keeps the key as it is
        return _stock_chain(source, target).convert(key)
    if entry.exact or later is None:
        return entry.value
    return later.convert(entry.value)


def _chain_of(steps: list[Any], folder: Path) -> opencc.OpenCC | None:
    return (
        _load({"name": "duizhao: later steps", "conversion_chain": steps}, folder)
        if steps
        else None
    )


# Placeholders for our keys in a shared first step: pairs of Unicode noncharacters, which
# are reserved for a program's internal use and which OpenCC passes through (U+FDD0 is
# taken by the protected spans).
_PLACEHOLDER_CHARS = tuple(chr(code) for code in range(0xFDD1, 0xFDF0))
_HOLDS_PLACEHOLDER_CHARS = re.compile("[\ufdd1-\ufdef]")


def _placeholder(number: int) -> str:
    first, second = divmod(number, len(_PLACEHOLDER_CHARS))
    return _PLACEHOLDER_CHARS[first] + _PLACEHOLDER_CHARS[second]


def _entries(source: str, target: str) -> dict[str, _Entry]:
    """Our dictionary for one pair: regional terms, plus normalisation and corrections."""
    entries: dict[str, _Entry] = {}
    for concept in _concepts():
        spellings = {concept.hans} if source == "hans" else concept.traditional_spellings()
        accepted = concept.accepted(target)
        for key in spellings:
            value = key if key in accepted else concept.form(target)
            _add(entries, key, _Entry(value, True, concept.origin))
    if source == "hans":
        recipe = _stock(_RECIPES["hans", target][0])
        for row in load_table("hans"):
            _add(entries, row.key, _Entry(recipe.convert(row.value), True, row.origin))
        if target != "zh-Hans":
            # Written in OpenCC-standard Traditional: later steps still apply regional forms.
            for row in load_table("corrections"):
                _add(entries, row.key, _Entry(row.value, False, row.origin))
    return entries


def _add(entries: dict[str, _Entry], key: str, entry: _Entry) -> None:
    previous = entries.get(key)
    if previous is not None and previous.value != entry.value:
        raise ValueError(
            f"{entry.origin} and {previous.origin} both define {key}: "
            f"{entry.value} vs {previous.value}"
        )
    entries[key] = entry


def _without_idle(entries: dict[str, _Entry], stock: opencc.OpenCC) -> dict[str, _Entry]:
    """Drop rows that keep a term as it is when OpenCC would keep it too.

    They would change nothing but cost time on every character. Such a row stays when it
    guards a longer term against one of our shorter rows (四川普通話 against 川普).
    """
    same = [key for key, entry in entries.items() if entry.value == key]
    stock_out = stock.convert("\n".join(same)).split("\n") if same else []
    idle = {key for key, out in zip(same, stock_out, strict=True) if out == key}
    active = [key for key in entries if key not in idle]
    return {
        key: entry
        for key, entry in entries.items()
        if key not in idle or any(other in key for other in active)
    }


def _build(recipe: tuple[str, ...], entries: dict[str, _Entry]) -> opencc.OpenCC:
    """One OpenCC converter: the recipe's chains in a row, our dictionary first."""
    if len(recipe) == 1 and "[" not in recipe[0] and not entries:
        return _stock(recipe[0])
    config = _merged_config(recipe)
    with tempfile.TemporaryDirectory(prefix="duizhao-opencc-") as folder:
        if entries:
            _put_first(config, _dictionary({k: e.value for k, e in entries.items()}, Path(folder)))
        return _load(config, Path(folder))


def _load(config: dict[str, Any], folder: Path) -> opencc.OpenCC:
    """An OpenCC converter from a config dict, written to `folder` (OpenCC reads files only).
    It loads everything at once, so the folder can go afterwards."""
    path = folder / f"config-{next(_CONFIG_NUMBERS)}.json"
    path.write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    return opencc.OpenCC(str(path))


_CONFIG_NUMBERS = itertools.count()


def _dictionary(rows: dict[str, str], folder: Path) -> dict[str, Any]:
    """Our rows as an OpenCC dictionary: compiled to .ocd2 (a marisa trie, like OpenCC's own
    dictionaries) with the wheel's opencc_dict, or inline where a wheel lacks the tool.

    An inline dictionary is a sorted list that OpenCC searches once per candidate length at
    every character (Dict::MatchPrefix); a trie finds every length in one walk. Both give
    the same matches (tests/test_variants.py compares them)."""
    inline = {"type": "inline", "entries": dict(sorted(rows.items()))}
    if not _DICT_TOOL.is_file():
        return inline
    number = next(_CONFIG_NUMBERS)
    text, compiled = folder / f"ours-{number}.txt", folder / f"ours-{number}.ocd2"
    text.write_text("".join(f"{k}\t{v}\n" for k, v in sorted(rows.items())), encoding="utf-8")
    done = subprocess.run(
        [str(_DICT_TOOL), "-i", str(text), "-o", str(compiled), "-f", "text", "-t", "ocd2"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0 or not compiled.is_file():
        return inline  # the inline form is slower, never different
    return {"type": "ocd2", "file": str(compiled)}


def _merged_config(recipe: tuple[str, ...]) -> dict[str, Any]:
    chain: list[Any] = []
    config: dict[str, Any] = {"name": "duizhao: " + " + ".join(recipe)}
    for position, item in enumerate(recipe):
        name, _, cut = item.partition("[")
        start = int(cut.split(":")[0]) if cut else 0
        stock = json.loads((_SHARE_DIR / f"{name}.json").read_text(encoding="utf-8"))
        if position == 0:
            if "normalization" in stock:
                config["normalization"] = stock["normalization"]
            if start == 0 and "segmentation" in stock:
                config["segmentation"] = stock["segmentation"]
        chain.extend(stock["conversion_chain"][start:])
    config["conversion_chain"] = chain
    _absolute_files(config)
    return config


def _put_first(config: dict[str, Any], ours: dict[str, Any]) -> None:
    """Our dictionary first in segmentation and step one, longest match across both."""
    segmentation = config.get("segmentation")
    if segmentation is not None:
        config["segmentation"] = {"type": "mmseg", "dict": _union(ours, segmentation["dict"])}
    elif len(config["conversion_chain"]) > 1:
        # Later steps must see our rows as whole segments, or they could re-match across
        # their edges. A single step needs no segmentation: it already matches longest-first
        # over the whole text, and OpenCC's fast path for unmatched runs stays on.
        config["segmentation"] = {"type": "mmseg", "dict": ours}
    first = config["conversion_chain"][0]
    first["dict"] = _union(ours, first["dict"])


def _union(first: dict[str, Any], second: dict[str, Any]) -> dict[str, Any]:
    # OpenCC's union group: longest match wins, ties go to the earlier dictionary.
    return {"type": "group", "match_policy": "union", "dicts": [first, second]}


def _absolute_files(node: Any) -> None:
    # OpenCC looks for .ocd2 files beside the config and in the working directory only.
    if isinstance(node, dict):
        if "file" in node:
            node["file"] = str(_SHARE_DIR / node["file"])
        for value in node.values():
            _absolute_files(value)
    elif isinstance(node, list):
        for value in node:
            _absolute_files(value)


def _verify(converter: opencc.OpenCC, entries: dict[str, _Entry], pair: str) -> None:
    """Fail loudly if a later chain step would rewrite a row that must come out as written."""
    exact = [(key, entry) for key, entry in entries.items() if entry.exact]
    if not exact:
        return
    outputs = converter.convert("\n".join(key for key, _ in exact)).split("\n")
    wrong = [
        f"{entry.origin}: {key} → {got}, expected {entry.value}"
        for (key, entry), got in zip(exact, outputs, strict=True)
        if got != entry.value
    ]
    if wrong:
        raise ValueError(f"variant tables disagree with OpenCC ({pair}): " + "; ".join(wrong))


# ─── Protected spans: URLs and code ────────────────────────────────────────────────────────

# Each protected span becomes this character, which OpenCC passes through; the output is
# split on it and the spans go back in order. U+FDD0 is a Unicode noncharacter, reserved
# for a program's internal use, so real text should never hold it (if it does, the slower
# piecewise path runs). It is in the BMP, so strings keep their compact 2-byte form.
_SENTINEL = "\ufdd0"

# A bare URL ends at whitespace, quotes, brackets or Chinese punctuation; balanced
# parentheses may sit inside. Only what follows "://" needs protecting: OpenCC never
# changes the ASCII scheme before it. Possessive quantifiers (++) never backtrack: 3× faster.
_URL_STOP = r"""\s<>"'`()\[\]{}，。、；：！？（）「」『』【】《》〈〉“”‘’…"""
_URL_BODY = rf"(?:[^{_URL_STOP}]++|\([^\s<>\"'`()]*+\))++"
_QUOTED = r"""(?:"[^"\n]*+"|'[^'\n]*+')"""

# One pass over the text. Every branch starts with a literal, so the regex engine only
# stops where one could begin. Groups named keep_* narrow a span to the part to protect.
_INLINE = re.compile(
    "|".join(
        (
            r"`(`*+)(?!`)[^\n]*?(?<!`)`\1(?!`)",  # inline `code`
            r"<code\b[^>\n]*+>[^\n]*?</code>",  # <code> on one line
            "://" + _URL_BODY,  # URLs with a scheme
            r"www\." + _URL_BODY,  # bare www. addresses
            r"\]\((?P<keep_link>[^\s()<>]++(?:\([^\s()<>]*+\)[^\s()<>]*+)*+)",  # link targets
            rf"href\s*+=\s*+(?P<keep_href>{_QUOTED})",  # HTML link targets
            rf"src(?:set)?\s*+=\s*+(?P<keep_src>{_QUOTED})",  # HTML image sources
        )
    )
)
_FENCE_OPEN = re.compile(r" {0,3}(`{3,}|~{3,})(.*)")
_FENCE_CLOSE = re.compile(r" {0,3}(`{3,}|~{3,})[ \t]*\r?\n?")


class _Fences:
    """Follows fenced code blocks line by line (CommonMark's rules, simplified)."""

    def __init__(self) -> None:
        self.marker = ""

    def inside(self, line: str) -> bool:
        """Whether this line belongs to a fenced block, opening and closing lines included."""
        if not self.marker:
            opening = _FENCE_OPEN.match(line)
            if opening is None or ("`" in opening.group(1) and "`" in opening.group(2)):
                return False
            self.marker = opening.group(1)
            return True
        closing = _FENCE_CLOSE.fullmatch(line)
        if closing and self._closes(closing.group(1)):
            self.marker = ""
        return True

    def _closes(self, fence: str) -> bool:
        # Same character, at least as long as the opening fence.
        return fence[0] == self.marker[0] and len(fence) >= len(self.marker)


def _protected_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every span to leave unconverted, in order, not overlapping."""
    if "```" not in text and "~~~" not in text:
        return _inline_spans(text)
    spans: list[tuple[int, int]] = []
    fences = _Fences()
    position = 0
    for line in _lines(text):
        end = position + len(line)
        if not fences.inside(line):
            spans.extend((position + a, position + b) for a, b in _inline_spans(line))
        elif spans and spans[-1][1] == position:  # one span for a whole fenced block
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((position, end))
        position = end
    return spans


def _lines(text: str) -> Iterator[str]:
    """Lines with their "\\n", as a file yields them (str.splitlines also splits at \\x0c...)."""
    for match in re.finditer(r"[^\n]*\n|[^\n]+", text):
        yield match.group()


def _inline_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _INLINE.finditer(text):
        group = match.lastgroup  # set only by the keep_* groups
        spans.append(match.span(group) if group else match.span())
    return spans


def _convert_text(
    text: str, source: str, target: str, find_spans: Callable[[str], list[tuple[int, int]]]
) -> str:
    converter = _converter(source, target)
    if len(_family(source, target)) > 1 and _HOLDS_PLACEHOLDER_CHARS.search(text):
        converter = _direct_converter(source, target)
    if (source == "hans") == (target == "zh-Hans") and "```" not in text and "~~~" not in text:
        return _convert_changed_lines(text, converter)
    return _convert_protected(text, converter, _needing_protection(text, find_spans(text)))


def _needing_protection(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans that hold a non-ASCII character.

    OpenCC never changes ASCII, and no dictionary word (ours or OpenCC's) reaches across a
    span's edge (a backtick, a quote, "://", a bracket), so an all-ASCII span comes out
    unchanged anyway. Most URLs and code are ASCII; skipping them saves the masking.
    """
    return [(start, end) for start, end in spans if not text[start:end].isascii()]


def _convert_changed_lines(text: str, converter: opencc.OpenCC) -> str:
    """Same-script conversion: OpenCC changes little, so convert everything at once and
    redo with protection only changed lines whose URLs or code hold non-ASCII text.

    Finding URLs and code costs more than a same-script conversion; this searches only
    the changed lines. Exact, because no match crosses a line break.
    """
    converted = converter.convert(text)
    if converted == text:
        return converted
    before, after = text.split("\n"), converted.split("\n")
    if len(before) != len(after):  # OpenCC keeps line breaks; this is only a safety net
        return _convert_protected(text, converter, _needing_protection(text, _inline_spans(text)))
    changed = [n for n, (old, new) in enumerate(zip(before, after, strict=True)) if old != new]
    changed_text = "\n".join(before[n] for n in changed)
    if not _needing_protection(changed_text, _inline_spans(changed_text)):
        return converted  # the usual case: one search over the changed lines only
    for number in changed:
        if spans := _needing_protection(before[number], _inline_spans(before[number])):
            after[number] = _convert_protected(before[number], converter, spans)
    return "\n".join(after)


def _convert_protected(text: str, converter: opencc.OpenCC, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return converter.convert(text)
    if _SENTINEL in text:
        return _convert_between(text, converter, spans)  # cannot mark spans: slower, same
    pieces: list[str] = []
    position = 0
    for start, end in spans:
        pieces.append(text[position:start])
        position = end
    pieces.append(text[position:])
    parts = converter.convert(_SENTINEL.join(pieces)).split(_SENTINEL)
    if len(parts) != len(spans) + 1:  # never seen; OpenCC keeps private-use characters
        return _convert_between(text, converter, spans)
    out = [parts[0]]
    for (start, end), part in zip(spans, parts[1:], strict=True):
        out.append(text[start:end])
        out.append(part)
    return "".join(out)


def _convert_between(text: str, converter: opencc.OpenCC, spans: list[tuple[int, int]]) -> str:
    pieces = []
    position = 0
    for start, end in spans:
        pieces.append(converter.convert(text[position:start]) + text[start:end])
        position = end
    pieces.append(converter.convert(text[position:]))
    return "".join(pieces)


# ─── Script detection ──────────────────────────────────────────────────────────────────────

_WORD_WEIGHT = 3  # a regional word is stronger evidence than a single variant character
_CANTONESE = re.compile("[嘅咗喺哋啲冇嚟佢]")  # written Cantonese: Hong Kong, never Taiwan
_CJK_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000))  # Extension A and the basic block


@dataclass(frozen=True)
class _CharClasses:
    simplified_only: re.Pattern[str]  # s2t changes it; t2s does not
    traditional_only: re.Pattern[str]  # t2s changes it; s2t does not
    not_taiwan: re.Pattern[str]  # t2tw changes it: Taiwan writes it differently
    not_hongkong: re.Pattern[str]  # t2hk changes it: Hong Kong writes it differently


@cache
def _char_classes() -> _CharClasses:
    """Character sets derived from OpenCC's own tables, one character at a time."""
    chars = [chr(c) for start, stop in _CJK_RANGES for c in range(start, stop)]
    joined = "\n".join(chars)

    def changed(config: str) -> set[str]:
        outputs = _stock(config).convert(joined).split("\n")
        return {c for c, out in zip(chars, outputs, strict=True) if out != c}

    simplified, traditional = changed("s2t"), changed("t2s")
    both = simplified & traditional  # a handful (麽, 苧) that both directions change
    return _CharClasses(
        simplified_only=_char_class(simplified - both),
        traditional_only=_char_class(traditional - both),
        not_taiwan=_char_class(changed("t2tw")),
        not_hongkong=_char_class(changed("t2hk")),
    )


def _char_class(chars: set[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


def _has_script_evidence(text: str) -> bool:
    classes = _char_classes()
    return bool(classes.simplified_only.search(text) or classes.traditional_only.search(text))


@cache
def _region_vocabulary() -> dict[str, re.Pattern[str] | None]:
    """Terms from our tables that only one region writes that way."""
    forms: dict[str, set[str]] = {"tw": set(), "hk": set()}
    for concept in _concepts():
        neutral = concept.form("zh-Hant")
        for region, tag in _TAG_OF.items():
            forms[region] |= concept.accepted(tag) - {neutral}
    exclusive = {"tw": forms["tw"] - forms["hk"], "hk": forms["hk"] - forms["tw"]}
    return {region: _alternation(words) for region, words in exclusive.items()}


def _alternation(words: set[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def _count(pattern: re.Pattern[str] | None, text: str) -> int:
    return 0 if pattern is None else len(pattern.findall(text))
