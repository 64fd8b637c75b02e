"""The script variants of the reader and the text conversion between them.

Every article is published in every variant of data/variants/variants.yaml: zh-Hans
(Simplified, the default), zh-Hant (Traditional without regional vocabulary), zh-TW (Taiwan)
and zh-HK (Hong Kong). A source is written in one script ("hans") or in Traditional ("hant",
or more precisely one of the regions, "tw" / "hk"); `convert` turns it into any variant.

The package, in the order text flows through it:
    catalogue.py  the variant list and the OpenCC recipe per (source, variant): data
    opencc_files.py  OpenCC's configs and compiled dictionaries (the lowest layer)
    reviewed.py   OpenCC's regional dictionaries as reviewed for news (opencc-*.tsv)
    names.py      today's names as Taiwan and Hong Kong write them (names.tsv)
    tables.py     our rows (data/variants/*.tsv) and the regional terms they make
    chains.py     OpenCC converters with our rows built in, shared where OpenCC allows
    boundaries.py one first step for a family of targets, its word edges marked
    segmentation.py  word boundaries for text written in Traditional
    quotes.py     quotation marks in the variant's style (「」『』 or “”‘’)
    spans.py      URLs and code, which conversion leaves alone
    detect.py     which script and region a text is written in, and why
    localize.py   an article record in a variant

Regional tables are keyed by the mainland Simplified form (a "concept"). From them each pair
gets its rows in both directions: a Simplified source's 普京 reads 普丁 in zh-TW, a Taiwan
source's 普丁 reads 普京 in zh-Hans and zh-HK. A term already written the way the target
writes it is left alone. No match crosses a line break, so converting line by line
(`convert_lines`, the CLI) gives exactly what converting the whole text gives; fenced
blocks are tracked across lines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from duizhao.variants import (
    catalogue,
    chains,
    detect,
    names,
    quotes,
    reviewed,
    segmentation,
    tables,
)
from duizhao.variants.catalogue import (
    DATA_DIR,
    Variant,
    all_variants,
    check_source,
    recipe,
    sources,
    variant,
)
from duizhao.variants.detect import (
    SourceDecision,
    decide_source,
    detect_region,
    detect_script,
    detect_source,
)
from duizhao.variants.opencc_files import Converter
from duizhao.variants.spans import (
    Fences,
    convert_changed_lines,
    convert_protected,
    inline_spans,
    needing_protection,
    protected_spans,
)
from duizhao.variants.tables import Row, load_table, regional_spellings, table_names

__all__ = [
    "DATA_DIR",
    "Row",
    "SourceDecision",
    "Variant",
    "all_variants",
    "convert",
    "convert_lines",
    "decide_source",
    "detect_region",
    "detect_script",
    "detect_source",
    "load_table",
    "opencc_converter",
    "recipe",
    "reload",
    "sources",
    "spellings",
    "table_names",
    "variant",
]


def convert(text: str, target: str, source: str = "hans") -> str:
    """`text`, written in `source` ("hans", "hant", "tw", "hk" or "auto"), as variant `target`.

    `target` is a variant tag or path. Regional tables and corrections are included; URLs
    and code are left as they are.
    """
    tag = variant(target).tag
    resolved = detect_source(text) if source == "auto" else check_source(source)
    return _convert_text(text, resolved, tag, protected_spans)


def convert_lines(lines: Iterable[str], target: str, source: str = "hans") -> Iterator[str]:
    """Convert lines one at a time, exactly as `convert` converts the whole text.

    For streams (the CLI). Fenced code blocks are followed across lines. With
    source="auto" each line with script evidence decides the source; lines without any
    keep the previous decision ("hans" before the first).
    """
    tag = variant(target).tag
    auto = source == "auto"
    current = "hans" if auto else check_source(source)
    fences = Fences()
    for line in lines:
        if fences.inside(line):
            yield line
            continue
        if auto and detect.has_script_evidence(line):
            current = detect_source(line)
        yield _convert_text(line, current, tag, inline_spans)


def reload() -> None:
    """Forget what was built from the data files, so edited tables take effect in a
    long-lived process (`mkdocs serve` keeps this package between rebuilds)."""
    for cached in (
        catalogue.catalogue,
        catalogue.sources,
        catalogue.variant,
        tables.concepts,
        chains.converter_for,
        chains.direct_converter,
        chains.family_converters,
        chains.family_of,
        chains.first_step,
        chains.stock_chain,
        chains.base_chain,
        chains.protected_keys,
        _requoted,
        _spans_of,
        detect.region_vocabulary,
        detect.markers,
        detect._char_classes,
    ):
        cached.cache_clear()
    reviewed.reload()
    names.reload()
    segmentation.reload()


def opencc_converter(source: str, target: str, tables: bool = True) -> Converter:
    """The OpenCC converter behind `convert` for a pair; tables=False: the same chain
    without our rows (OpenCC's configs with our reviewed dictionaries). OpenCC's configs as
    shipped, the benchmark's reference, are `chains.stock_chain`."""
    tag = variant(target).tag
    src = check_source(source)
    return chains.converter_for(src, tag) if tables else chains.base_chain(src, tag)


def spellings(term: str) -> dict[str, tuple[str, ...]]:
    """Every spelling each variant uses for a Simplified term: variant tag → (the form it
    writes, then other spellings it reads back, such as Taiwan's 蒲亭 beside 普丁).

    For the glossary: regional forms of names and words, from the tables where they know
    the term, from conversion where they do not."""
    known = regional_spellings(term)
    found = {}
    for each in all_variants():
        written = convert(term, each.tag)
        others = [form for form in known.get(each.region, ()) if form != written]
        found[each.tag] = (written, *others)
    return found


@lru_cache(maxsize=8)
def _spans_of(
    text: str, find_spans: Callable[[str], list[tuple[int, int]]]
) -> list[tuple[int, int]]:
    """The protected spans of a text, remembered for the last few texts: an article goes to
    zh-Hant, zh-TW and zh-HK in turn, and its URLs and code are found once."""
    return find_spans(text)


@lru_cache(maxsize=8)
def _requoted(
    text: str, style: str, find_spans: Callable[[str], list[tuple[int, int]]]
) -> tuple[str, list[tuple[int, int]]]:
    """The text in a quotation style, and its protected spans (requoting keeps every
    offset, so one search serves both). Remembered too: all three Traditional variants
    print 「」『』."""
    spans = _spans_of(text, find_spans)
    return quotes.requote(text, style, spans), spans


def _convert_text(
    text: str, source: str, target: str, find_spans: Callable[[str], list[tuple[int, int]]]
) -> str:
    if not recipe(source, target):
        return text  # the article's own region: as written, word for word
    spans = None
    style = variant(target).quotes
    if quotes.needs_requote(text, style):
        text, spans = _requoted(text, style, find_spans)
    converter = chains.converter_for(source, target)
    if len(chains.family_of(source, target)) > 1 and chains.needs_direct_converter(text):
        converter = chains.direct_converter(source, target)
    same_script = (source == "hans") == (variant(target).script == "hans")
    if same_script and "```" not in text and "~~~" not in text:
        return convert_changed_lines(text, converter)
    if spans is None:
        spans = _spans_of(text, find_spans)
    return convert_protected(text, converter, needing_protection(text, spans))
