"""From a seed file to an `Article`: decode, recognise the shape, parse, finish.

Any problem with a seed raises `SeedError`, whose message names the file and the reason in
one line; the pipeline reports it and goes on with the other seeds.

Sections: public API, then decoding, then finishing the record.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from charset_normalizer import from_bytes
from pypinyin import lazy_pinyin

from duizhao.ingest import curated
from duizhao.ingest.draft import Draft
from duizhao.ingest.parse_html import parse_html_seed
from duizhao.ingest.parse_text import parse_text_seed
from duizhao.inline import printable, strip_invisible
from duizhao.record import Article, assign_ids
from duizhao.variants import SourceDecision, decide_source
from duizhao.variants.detect import PLACES

SEED_SUFFIXES = (".txt", ".md", ".html", ".htm")
_HTML_SHAPE = re.compile(r"^\s*<!--")
# A seed may state its region on its first line: `<!-- region: hk -->` (tw, hk, mainland,
# sg or intl, as in data/publishers.yaml); the line is not part of the article.
_STATED_REGION = re.compile(r"\s*<!--\s*region\s*:\s*([^\s>]*)\s*-->[ \t]*(?:\n|$)")
# Longer than any headline: a first line this long is a paragraph, and the seed has no title.
TITLE_MAX = 200


class SeedError(Exception):
    """A seed that cannot become an article. `str()` is the one-line report."""

    def __init__(self, seed: Path | str, reason: str) -> None:
        # One line whatever the file is called: a name may hold a line break or bidi controls.
        super().__init__(f"{printable(str(seed))}: {printable(reason)}")
        self.seed = str(seed)
        self.reason = reason

    def __reduce__(self) -> tuple[type[SeedError], tuple[str, str]]:
        # Conversion runs in worker processes: the error must cross back whole.
        return (SeedError, (self.seed, self.reason))


def parse_seed(path: Path) -> Article:
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError:  # the pages, records and manifest could not name it
        raise SeedError(path, "the file name is not UTF-8: rename the file") from None
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SeedError(path, f"cannot read: {error.strerror or error}") from error
    return parse_seed_bytes(path.name, data, shown_as=str(path))


def parse_seed_bytes(name: str, data: bytes, shown_as: str = "") -> Article:
    shown_as = shown_as or name
    text, encoding = decode(data, shown_as)
    stated, text = _stated_region(text, shown_as)
    try:
        draft = parse_html_seed(text) if _HTML_SHAPE.match(text) else parse_text_seed(text)
    except ValueError as error:
        raise SeedError(shown_as, str(error)) from error
    if not draft.title:
        raise SeedError(shown_as, "no title")
    if len(draft.title) > TITLE_MAX:
        raise SeedError(
            shown_as,
            f"no title: the first line is {len(draft.title):,} characters long "
            f"(a title has at most {TITLE_MAX}), a paragraph rather than a headline",
        )
    if not draft.blocks:
        raise SeedError(shown_as, "no article text after the title")
    return _finish(draft, name, hashlib.sha256(data).hexdigest(), encoding, stated)


def _stated_region(text: str, shown_as: str) -> tuple[str | None, str]:
    """The region a seed states on its first line, and the text without that line."""
    match = _STATED_REGION.match(text)
    if match is None:
        return None, text
    region = match.group(1).lower()
    if region not in PLACES:
        reason = f"line 1: unknown region {match.group(1)!r}; valid: {', '.join(PLACES)}"
        raise SeedError(shown_as, reason)
    return region, text[match.end() :]


def slug_for(seed_name: str) -> str:
    """A URL-safe slug from the seed's file name: stable as long as the file keeps its name.

    File names, unlike titles, are unique in a folder and do not change when a title is
    corrected. Han characters become pinyin so a name like 普京访华.txt reads pu-jing-fang-hua.
    """
    stem = seed_name
    for suffix in SEED_SUFFIXES:
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    words = lazy_pinyin(unicodedata.normalize("NFKC", stem))
    slug = re.sub(r"[^a-z0-9]+", "-", "-".join(words).lower()).strip("-")
    if not slug:
        # surrogateescape: a name that is not UTF-8 still gets a slug (and then a clear error)
        digest = hashlib.sha1(seed_name.encode("utf-8", "surrogateescape")).hexdigest()
        slug = "article-" + digest[:8]
    return slug[:80].rstrip("-")


# --- decoding ---------------------------------------------------------------------------


# Undecodable bytes in a mostly UTF-8 file (a paragraph pasted from a GBK page): up to this
# share of replaced characters, the text is kept with U+FFFD in their place, and a warning.
_MOSTLY_UTF8 = 0.1
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode(data: bytes, shown_as: str) -> tuple[str, str]:
    """Text and the name of the encoding used. UTF-8 first; others are detected."""
    text, encoding = _decoded(data, shown_as)
    if "\x00" in text:
        raise SeedError(shown_as, f"a NUL character at character {text.index(chr(0))}: " + _BINARY)
    text = strip_invisible(text.replace("\r\n", "\n").replace("\r", "\n"))
    return text, encoding


_BINARY = "binary data or a damaged file, not a text seed"


def _decoded(data: bytes, shown_as: str) -> tuple[str, str]:
    if not data.strip():
        raise SeedError(shown_as, "empty file" if not data else "only white space")
    if data.startswith(_UTF32_BOMS):  # before UTF-16: its BOM starts the same way
        return data.decode("utf-32", errors="replace"), "utf-32"
    if data.startswith(_UTF16_BOMS):
        return data.decode("utf-16", errors="replace"), "utf-16"
    if b"\x00" in data:
        return _wide(data, shown_as)
    encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is not None and best.encoding is not None:
        return str(best), best.encoding
    replaced = data.decode(encoding, errors="replace")
    if replaced.count("\ufffd") <= _MOSTLY_UTF8 * len(replaced):
        return replaced, f"{encoding} with undecodable bytes"
    raise SeedError(shown_as, "not text in any encoding the detector knows")


def _wide(data: bytes, shown_as: str) -> tuple[str, str]:
    """NUL bytes: UTF-16 or UTF-32 that lost its byte-order mark, or not text at all."""
    best = from_bytes(data).best()
    if best is not None and str(best.encoding).startswith(("utf_16", "utf_32")):
        text = str(best)
        if _looks_like_text(text):  # a few bytes of junk decode as UTF-16 too
            return text, str(best.encoding)
    raise SeedError(shown_as, f"a NUL byte at byte {data.index(0)}: " + _BINARY)


def _looks_like_text(text: str) -> bool:
    """Lines of assigned characters without control characters."""
    return "\n" in text and not any(
        unicodedata.category(char) in ("Cc", "Cn", "Co", "Cs") and char not in "\t\r\n"
        for char in text
    )


# --- finishing the record ---------------------------------------------------------------


def _publisher_region(draft: Draft) -> str | None:
    """The publisher's region from data/publishers.yaml, once ingest provides it
    (`curated.publisher_region`); None until then."""
    finder = getattr(curated, "publisher_region", None)
    if finder is None:
        return None
    region = finder(draft.url, [name for name in (draft.source, *draft.credits) if name])
    return region if region in PLACES else None


def _encoding_note(encoding: str) -> tuple[str, ...]:
    """Say which encoding a seed was read in, when it was not plain UTF-8."""
    if encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):
        return ()
    if "undecodable" in encoding:
        return ("some bytes are not UTF-8 and show as \ufffd: check the scraper's encoding",)
    return (f"read as {encoding} (not UTF-8)",)


def _finish(
    draft: Draft, name: str, seed_hash: str, encoding: str, stated: str | None = None
) -> Article:
    body = " ".join([draft.title, draft.dek, *(block.plain for block in draft.blocks)])
    decision = decide_source(body, _publisher_region(draft), stated)
    return Article(
        slug=slug_for(name),
        title=draft.title,
        seed_name=name,
        seed_hash=seed_hash,
        dek=draft.dek,
        author=draft.author,
        source=draft.source,
        url=draft.url,
        date=draft.date,
        date_origin=draft.date_origin,  # type: ignore[arg-type]
        section=draft.section,
        tags=tuple(dict.fromkeys(t for t in draft.tags if t)),
        blocks=assign_ids(draft.blocks),
        related=tuple(dict.fromkeys(draft.related)),
        credits=tuple(draft.credits),
        script=decision.source,
        source_note=decision.reason,
        encoding=encoding,
        warnings=tuple(draft.warnings) + _encoding_note(encoding) + _undecided(decision),
    )


def _undecided(decision: SourceDecision) -> tuple[str, ...]:
    """Say so when a Traditional seed's region could not be told (a first line
    `<!-- region: tw -->` states it)."""
    if decision.source != "hant":
        return ()
    return (f"{decision.reason}; state it with a first line <!-- region: tw --> or hk",)
