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

from duizhao.draft import Draft
from duizhao.parse_html import parse_html_seed
from duizhao.parse_text import parse_text_seed
from duizhao.record import Article, assign_ids
from duizhao.variants import detect_source

SEED_SUFFIXES = (".txt", ".md", ".html", ".htm")
_HTML_SHAPE = re.compile(r"^\s*<!--")


class SeedError(Exception):
    """A seed that cannot become an article. `str()` is the one-line report."""

    def __init__(self, seed: Path | str, reason: str) -> None:
        super().__init__(f"{seed}: {reason}")
        self.seed = str(seed)
        self.reason = reason


def parse_seed(path: Path) -> Article:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SeedError(path, f"cannot read: {error.strerror or error}") from error
    return parse_seed_bytes(path.name, data, shown_as=str(path))


def parse_seed_bytes(name: str, data: bytes, shown_as: str = "") -> Article:
    shown_as = shown_as or name
    text, encoding = decode(data, shown_as)
    try:
        draft = parse_html_seed(text) if _HTML_SHAPE.match(text) else parse_text_seed(text)
    except ValueError as error:
        raise SeedError(shown_as, str(error)) from error
    if not draft.title:
        raise SeedError(shown_as, "no title")
    if not draft.blocks:
        raise SeedError(shown_as, "no article text after the title")
    return _finish(draft, name, hashlib.sha256(data).hexdigest(), encoding)


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
        slug = "article-" + hashlib.sha1(seed_name.encode("utf-8")).hexdigest()[:8]
    return slug[:80].rstrip("-")


# --- decoding ---------------------------------------------------------------------------


def decode(data: bytes, shown_as: str) -> tuple[str, str]:
    """Text and the name of the encoding used. UTF-8 first; others are detected."""
    if not data.strip():
        raise SeedError(shown_as, "empty file" if not data else "only white space")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    else:
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None or best.encoding is None:
            raise SeedError(shown_as, "not text in any encoding the detector knows") from None
        encoding, text = best.encoding, str(best)
    if "\x00" in text:
        raise SeedError(shown_as, "binary data (NUL bytes), not a text seed")
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


# --- finishing the record ---------------------------------------------------------------


def _finish(draft: Draft, name: str, seed_hash: str, encoding: str) -> Article:
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
        script=detect_source(
            " ".join([draft.title, draft.dek, *(block.plain for block in draft.blocks)])
        ),
        encoding=encoding,
        warnings=tuple(draft.warnings),
    )
