"""OpenCC converters with our tables: one per (source script, variant), built from data.

For each pair, the stock configs of the catalogue's recipe run in a row, and our rows (see
`duizhao.variants.tables`) become one OpenCC dictionary (compiled to .ocd2 with the wheel's
opencc_dict, like OpenCC's own) placed first in the first conversion step and in the
segmentation dictionary, each time in a "union" group with OpenCC's own dictionary. A union
group takes the longest match and prefers the first dictionary on a tie, so our rows beat
OpenCC's phrases of the same length but lose to longer ones (被发 → 被發, yet 被发左衽 →
被髮左衽), and all matching stays one linear OpenCC pass. The generated config JSON is
written to a temporary folder, loaded, and deleted; the stock .ocd2 files are referenced by
absolute path in OpenCC's bundled share folder. OpenCC's regional dictionaries are
replaced by our reviewed copies (`duizhao.variants.reviewed`); `stock_chain` keeps OpenCC's
own, as the reference the benchmark measures against. A pair with no recipe steps (an
article's own region's page) converts nothing. Rows whose output must come out exactly as
written are checked once, when the converter is built.
"""

from __future__ import annotations

import json
import re
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from duizhao.variants import boundaries, opencc_files, segmentation
from duizhao.variants.catalogue import all_variants, recipe, sources, stock, variant
from duizhao.variants.opencc_files import AsWritten, Converter, compile_dictionary, stock_config
from duizhao.variants.reviewed import REVIEWS, reviewed_rows, reviewed_stock, use_reviewed
from duizhao.variants.tables import concepts, load_table


@dataclass(frozen=True)
class Entry:
    value: str
    exact: bool  # must come out exactly as `value` (later chain steps must not touch it)
    origin: str


@cache
def stock_chain(source: str, target: str) -> Converter:
    """OpenCC's own configs for a pair, as shipped: no rows of ours, no reviewed tables."""
    return build_converter(recipe(source, target), {}, reviewed=False)


@cache
def base_chain(source: str, target: str) -> Converter:
    """OpenCC's configs for a pair with our reviewed dictionaries, without our rows."""
    return build_converter(recipe(source, target), {}, protect=source != "hans")


@cache
def converter_for(source: str, target: str) -> Converter:
    """The converter for a pair: one of a family sharing its first step where it can.

    Not for text that `needs_direct_converter` (the placeholders' marker, say):
    `_convert_text` sends such text to `direct_converter`, which gives the same output
    without placeholders."""
    family = family_of(source, target)
    if len(family) == 1:
        return direct_converter(source, target)
    return family_converters(source, family)[target]


@cache
def direct_converter(source: str, target: str) -> Converter:
    """Our rows written straight into the first step of the pair's own chain."""
    if not recipe(source, target):
        return AsWritten()
    entries = without_idle(our_entries(source, target), base_chain(source, target))
    converter = build_converter(recipe(source, target), entries, protect=source != "hans")
    _verify(converter, entries, f"{source} → {target}")
    return converter


@cache
def family_of(source: str, target: str) -> tuple[str, ...]:
    """The targets whose chains start with the same step as this one's (for a Simplified
    source: zh-Hant, zh-TW and zh-HK all start with OpenCC's s2t phrases)."""
    first = first_step(source, target)
    if not first:
        return (target,)
    return tuple(v.tag for v in all_variants() if first_step(source, v.tag) == first)


@cache
def first_step(source: str, target: str) -> str:
    """The first step of a pair's chain, as text ("" when the pair converts nothing)."""
    if not recipe(source, target):
        return ""
    config = merged_config(recipe(source, target))
    steps = [config.get("normalization"), config.get("segmentation")]
    return json.dumps([*steps, config["conversion_chain"][0]], sort_keys=True)


@cache
def family_converters(source: str, family: tuple[str, ...]) -> dict[str, Converter]:
    """Converters for targets that share a first step, sharing OpenCC's tables for it.

    OpenCC 1.4 builds a lookup table (a trie of hash maps, about 34 MB for the s2t phrases)
    for each step's dictionary tree, and reuses it only for the very same tree of the very
    same dictionaries. Our rows differ per target, so each converter built its own: three
    copies, and converting one article into each variant in turn ran twice as slowly as
    OpenCC's stock configs, which share one (measured in BENCHMARKS.md).

    So the first step's dictionary here is the same for the whole family: each of our keys
    becomes a placeholder (four Unicode noncharacters), loaded from one compiled file so
    OpenCC hands every converter the same dictionary; a last step, per target
    (`WithForms`), writes each placeholder as that target's form. A row that later steps
    must still convert (a correction written in OpenCC-standard Traditional) gets those
    steps applied to its value here, which is what they did to it as a segment of its own.
    Where the first step converts every segment whole (a Simplified source's s2t), the
    family runs it once for all its targets (`duizhao.variants.boundaries`).

    The output is the direct converters' (tested over the seeds, OpenCC's cases and every
    row), with one deliberate difference: the family segments once for all its targets.
    Where two of our terms overlap, every variant now reads the same split. From a Hong
    Kong source, 川普京 read 特朗普京 (Trump) in zh-Hant but 川普丁 (Putin) in zh-TW,
    because zh-TW had dropped 川普 as a row that changes nothing there; it now reads 川普京.
    """
    entries = {t: without_idle(our_entries(source, t), base_chain(source, t)) for t in family}
    keys = sorted({key for rows in entries.values() for key in rows})
    if not keys or len(keys) > PLACEHOLDER_CAPACITY:
        return {target: direct_converter(source, target) for target in family}
    placeholders = {key: placeholder(number) for number, key in enumerate(keys)}
    converters: dict[str, Converter] = {}
    first: boundaries.FirstPass | None = None
    with tempfile.TemporaryDirectory(prefix="duizhao-opencc-") as name:
        folder = Path(name)
        shared = compile_dictionary(placeholders, folder)
        for number, target in enumerate(family):
            config = merged_config(recipe(source, target))
            if source != "hans":
                _protect_words(config, folder)
            use_reviewed(config, folder)
            later = _chain_of(config["conversion_chain"][1:], folder)
            if number == 0:
                first = boundaries.first_pass(config, placeholders, shared, folder)
            _put_first(config, shared)
            forms = {
                placeholders[key][1:]: _form(key, entries[target].get(key), later, source, target)
                for key in keys
            }
            if first is not None and later is not None:
                # One first pass for the family, its word edges marked (boundaries.py).
                chain: Converter = boundaries.TwoPass(first, later)
            else:
                chain = opencc_files.load(config, folder)
            converters[target] = WithForms(chain, forms)
    for target, converter in converters.items():
        _verify(converter, entries[target], f"{source} → {target}")
    return converters


def _form(key: str, entry: Entry | None, later: Converter | None, source: str, target: str) -> str:
    """What a key, matched as a segment of its own, comes out as in `target`."""
    if entry is None:  # a row this target dropped as idle: OpenCC keeps the key as it is
        return str(base_chain(source, target).convert(key))
    if entry.exact or later is None:
        return entry.value
    return str(later.convert(entry.value))


def _chain_of(steps: list[Any], folder: Path) -> Converter | None:
    return (
        opencc_files.load({"name": "duizhao: later steps", "conversion_chain": steps}, folder)
        if steps
        else None
    )


# Placeholders for our keys in a shared first step: a marker, then a code of three
# characters, all Unicode noncharacters, which are reserved for a program's internal use
# and which OpenCC passes through (U+FDD0 is taken by the protected spans). The marker
# starts every placeholder and nothing else, so finding placeholders in OpenCC's output is
# a search for one character, and the code's fixed length says where each one ends.
_MARKER = "\ufdef"
_CODE_CHARS = tuple(chr(code) for code in range(0xFDD1, 0xFDEE))  # U+FDEE: boundaries
_CODE_LENGTH = 3
PLACEHOLDER_CAPACITY = len(_CODE_CHARS) ** _CODE_LENGTH  # 24,389 keys per family


# Text a family must not convert: the placeholders' marker, the word-boundary mark, and
# ideographic description characters (⿰, ⿲ ...). OpenCC reads a description sequence as
# one unit and counts any character as its part, a boundary mark included, so one left
# open at a word's end would swallow the next word in the later steps of a shared first
# pass (boundaries.py) where the chain stopped at the segment's end.
_FAMILY_UNSAFE = re.compile(f"[\u2ff0-\u2fff{boundaries.BOUNDARY}{_MARKER}]")


def needs_direct_converter(text: str) -> bool:
    """Whether a text holds what a family converter must not see (`_FAMILY_UNSAFE`): such
    text goes to the direct converter, so a stray marker cannot turn into a term or lose
    a character. (The code characters alone are harmless: only a marker starts a
    placeholder.)"""
    return _FAMILY_UNSAFE.search(text) is not None


def placeholder(number: int) -> str:
    code = []
    for _ in range(_CODE_LENGTH):
        number, digit = divmod(number, len(_CODE_CHARS))
        code.append(_CODE_CHARS[digit])
    return _MARKER + "".join(code)


class WithForms:
    """A family member: the shared chain, then each placeholder written as this target's
    form.

    That last step is ours, not OpenCC's: as an OpenCC step (an inline dictionary) it was
    one more pass over every character with a dictionary search at each, and a regular
    expression over the output still cost a tenth of the conversion. Here it is a search
    for the marker at C speed, and a split where one is found. The same output: the text
    holds no placeholder character of its own (`converter_for`), and every marker in the
    output starts a whole placeholder."""

    __slots__ = ("chain", "forms")

    def __init__(self, chain: Converter, forms: dict[str, str]) -> None:
        self.chain = chain
        self.forms = forms  # code (the characters after the marker) → this target's form

    def convert(self, text: str) -> str:
        out = str(self.chain.convert(text))
        if _MARKER not in out:
            return out
        first, *rest = out.split(_MARKER)
        forms, length = self.forms, _CODE_LENGTH
        return first + "".join([forms[piece[:length]] + piece[length:] for piece in rest])


def our_entries(source: str, target: str) -> dict[str, Entry]:
    """Our dictionary for one pair: regional terms, plus normalisation and corrections
    (none for a pair that converts nothing)."""
    entries: dict[str, Entry] = {}
    if not recipe(source, target):
        return entries
    for concept in concepts():
        spellings = {concept.hans} if source == "hans" else concept.spellings_from(source)
        accepted = concept.accepted(target)
        for key in spellings:
            value = key if key in accepted else concept.form(target)
            _add(entries, key, Entry(value, True, concept.origin))
    if source == "hans":
        first_step = reviewed_stock(recipe("hans", target)[0])
        for row in load_table("hans"):
            _add(entries, row.key, Entry(first_step.convert(row.value), True, row.origin))
        if variant(target).script == "hant":
            # Written in OpenCC-standard Traditional: later steps still apply regional forms.
            for row in load_table("corrections"):
                _add(entries, row.key, Entry(row.value, False, row.origin))
    return entries


def _add(entries: dict[str, Entry], key: str, entry: Entry) -> None:
    previous = entries.get(key)
    if previous is not None and previous.value != entry.value:
        raise ValueError(
            f"{entry.origin} and {previous.origin} both define {key}: "
            f"{entry.value} vs {previous.value}"
        )
    entries[key] = entry


def without_idle(entries: dict[str, Entry], stock: Converter) -> dict[str, Entry]:
    """Drop rows that write a term as OpenCC writes it anyway (a name all regions write
    alike in zh-Hant, a Taiwan name in zh-HK), or keep it as it is when OpenCC would too.

    They would change nothing but cost time on every character. Such a row stays when it
    guards a longer term against one of our shorter rows (四川普通話 against 川普).
    """
    candidates = [key for key, entry in entries.items() if entry.value == key or entry.exact]
    outputs = stock.convert("\n".join(candidates)).split("\n") if candidates else []
    idle = {
        key
        for key, out in zip(candidates, outputs, strict=True)
        if out == entries[key].value and (entries[key].exact or out == key)
    }
    active = [key for key in entries if key not in idle]
    return {
        key: entry
        for key, entry in entries.items()
        if key not in idle or any(other in key for other in active)
    }


def build_converter(
    recipe: tuple[str, ...],
    entries: dict[str, Entry],
    reviewed: bool = True,
    protect: bool = False,
) -> Converter:
    """One OpenCC converter: the recipe's chains in a row, our dictionary first, our
    reviewed dictionaries in place of OpenCC's (unless `reviewed=False`), and for text
    written in Traditional (`protect`) the words that keep phrases inside word
    boundaries (`duizhao.variants.segmentation`)."""
    if not recipe:
        if entries:
            raise ValueError("a pair that converts nothing cannot take rows")
        return AsWritten()
    if not reviewed and len(recipe) == 1 and "[" not in recipe[0] and not entries:
        return stock(recipe[0])
    config = merged_config(recipe)
    with tempfile.TemporaryDirectory(prefix="duizhao-opencc-") as name:
        folder = Path(name)
        if protect:
            _protect_words(config, folder)
        if reviewed:
            use_reviewed(config, folder)
        if entries:
            _put_first(config, compile_dictionary({k: e.value for k, e in entries.items()}, folder))
        return opencc_files.load(config, folder)


def merged_config(recipe: tuple[str, ...]) -> dict[str, Any]:
    """The recipe's configs as one: "s2twp[1:]" is s2twp from its second step on,
    "tw2sp[:1]" its normalisation, segmentation and first step only."""
    chain: list[Any] = []
    config: dict[str, Any] = {"name": "duizhao: " + " + ".join(recipe)}
    for position, item in enumerate(recipe):
        name, _, cut = item.partition("[")
        start_text, _, end_text = cut.rstrip("]").partition(":")
        start = int(start_text) if start_text else 0
        end = int(end_text) if end_text else None
        stock = stock_config(name)
        if position == 0:
            if "normalization" in stock:
                config["normalization"] = stock["normalization"]
            if start == 0 and "segmentation" in stock:
                config["segmentation"] = stock["segmentation"]
        chain.extend(stock["conversion_chain"][start:end])
    config["conversion_chain"] = chain
    return config


def _protect_words(config: dict[str, Any], folder: Path) -> None:
    """Segment Traditional text with every phrase the chain may match and dictionary
    words that keep those phrases inside word boundaries (one dictionary: one lookup per
    position). Only for chains with Taiwan's phrase tables, whose 800 keys are ordinary
    words (多工, 內建, 模組) that otherwise match across two words; Hong Kong's tables
    are names, and segmenting costs as much again as converting."""
    if not any(_mentions(config, name) for name in ("TWPhrases", "TWPhrasesRev")):
        return
    config["segmentation"] = {
        "type": "mmseg",
        "dict": segmentation.dictionary(protected_keys(), folder),
    }


def _mentions(node: Any, dictionary: str) -> bool:
    """Whether a config node (as OpenCC ships it) loads the stock `dictionary`."""
    if isinstance(node, dict):
        if Path(str(node.get("file", ""))).stem == dictionary:
            return True
        return any(_mentions(value, dictionary) for value in node.values())
    if isinstance(node, list):
        return any(_mentions(value, dictionary) for value in node)
    return False


@cache
def protected_keys() -> frozenset[str]:
    """Phrases that may match in Traditional text: our rows for every Traditional source,
    and the reviewed phrase tables."""
    keys = {
        key
        for source in sources()
        if source != "hans"
        for v in all_variants()
        for key in our_entries(source, v.tag)
    }
    for name in REVIEWS:
        if "Phrases" in name:
            keys |= set(reviewed_rows(name))
    return frozenset(keys)


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


def _union(*dicts: dict[str, Any]) -> dict[str, Any]:
    # OpenCC's union group: longest match wins, ties go to the earlier dictionary.
    return {"type": "group", "match_policy": "union", "dicts": list(dicts)}


def _verify(converter: Converter, entries: dict[str, Entry], pair: str) -> None:
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
