"""From a seed file to an `Article`: decode, recognise the shape, parse, finish.

Five shapes: plain text, Markdown-ish text, an HTML body after a header (`<!--epoch-->`,
`[title](url)`, `------`), a whole saved page (page.py), a JSON export (exports.py; a
`.jsonl` file is one seed per line, named "file.jsonl#N").

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

from duizhao.ingest import curated
from duizhao.ingest.draft import Draft
from duizhao.ingest.exports import jsonl_lines, parse_json_line, parse_json_seed
from duizhao.ingest.page import is_whole_page, parse_page
from duizhao.ingest.parse_html import parse_html_seed
from duizhao.ingest.parse_text import parse_text_seed
from duizhao.inline import escape, printable, strip_invisible
from duizhao.record import Article, Block, assign_ids
from duizhao.variants import SourceDecision, decide_source
from duizhao.variants.detect import PLACES

SEED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl", ".json")
_HTML_SHAPE = re.compile(r"^\s*<!--")
# A seed may state its region on its first line: `<!-- region: hk -->` (tw, hk, mainland,
# sg or intl, as in data/publishers.yaml); the line is not part of the article.
_STATED_REGION = re.compile(r"\s*<!--\s*region\s*:\s*([^\s>]*)\s*-->[ \t]*(?:\n|$)")
# Longer than any headline: a first line this long is a paragraph, and the seed has no title.
TITLE_MAX = 200
# The limits (README, "What input is accepted"). A seed larger than SEED_MAX_BYTES (a JSON
# Lines file: JSONL_MAX_BYTES, each line SEED_MAX_BYTES) is refused; a paragraph longer than
# PARAGRAPH_MAX characters is split at sentence ends for the page, with a warning.
SEED_MAX_BYTES = 20 * 1024 * 1024
JSONL_MAX_BYTES = 500 * 1024 * 1024
PARAGRAPH_MAX = 30_000
_SENTENCE_END = re.compile(r"[。！？!?；;…」』”）)]")
# A page's declared charset, in its first bytes: <meta charset="gb2312"> and the like.
_DECLARED = re.compile(rb"<meta[^>]{0,200}charset\s*=\s*[\"']?\s*([A-Za-z0-9_-]{2,20})", re.I)


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


def parse_seed(path: Path, line: int = 0) -> Article:
    """The article of a seed file; of line `line` for a JSON Lines file."""
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError:  # the pages, records and manifest could not name it
        raise SeedError(path, "the file name is not UTF-8: rename the file") from None
    data = read_seed(path)
    if line:
        return parse_seed_line(path.name, data, line, shown_as=str(path))
    return parse_seed_bytes(path.name, data, shown_as=str(path))


def read_seed(path: Path) -> bytes:
    """A seed's bytes, refused (with its size and the limit) when it is too large."""
    limit = JSONL_MAX_BYTES if path.name.lower().endswith(".jsonl") else SEED_MAX_BYTES
    try:
        size = path.stat().st_size
        if size > limit:
            raise SeedError(path, f"{size:,} bytes is larger than the limit of {limit:,} bytes")
        return path.read_bytes()
    except OSError as error:
        raise SeedError(path, f"cannot read: {error.strerror or error}") from error


def seed_lines(name: str, data: bytes, shown_as: str = "") -> list[int]:
    """The line numbers of the articles of a JSON Lines seed (one seed per line)."""
    text, _ = decode(data, shown_as or name)
    return [number for number, _ in jsonl_lines(text)]


def line_bytes(data: bytes, line: int, shown_as: str) -> bytes:
    """The bytes of line `line` of a JSON Lines seed, as UTF-8 (what its hash is of)."""
    return dict(jsonl_lines(decode(data, shown_as)[0])).get(line, "").encode("utf-8")


def parse_seed_line(name: str, data: bytes, line: int, shown_as: str = "") -> Article:
    """Line `line` of a JSON Lines seed, as its own seed ("name#line")."""
    shown_as = shown_as or name
    text, encoding = decode(data, shown_as)
    lines = dict(jsonl_lines(text))
    if line not in lines:
        raise SeedError(shown_as, f"line {line}: no such line (the file changed?)")
    raw = lines[line].encode("utf-8")
    if len(raw) > SEED_MAX_BYTES:
        reason = f"line {line}: {len(raw):,} bytes is larger than the limit of {SEED_MAX_BYTES:,}"
        raise SeedError(shown_as, reason)
    try:
        draft = parse_json_line(lines[line], line)
    except ValueError as error:
        raise SeedError(shown_as, str(error)) from error
    return _checked(draft, f"{name}#{line}", raw, encoding, shown_as)


def parse_seed_bytes(name: str, data: bytes, shown_as: str = "") -> Article:
    shown_as = shown_as or name
    if len(data) > SEED_MAX_BYTES:
        reason = f"{len(data):,} bytes is larger than the limit of {SEED_MAX_BYTES:,} bytes"
        raise SeedError(shown_as, reason)
    text, encoding = decode(data, shown_as)
    stated, text = _stated_region(text, shown_as)
    lower = name.lower()
    try:
        if lower.endswith(".jsonl"):
            lines = jsonl_lines(text)
            if len(lines) != 1:
                raise ValueError(f"a JSON Lines seed of {len(lines)} lines: read it by line")
            draft = parse_json_line(lines[0][1], lines[0][0])
        elif lower.endswith(".json"):
            draft = parse_json_seed(text)
        elif is_whole_page(text):
            draft = parse_page(text)
        elif _HTML_SHAPE.match(text):
            draft = parse_html_seed(text)
        else:
            draft = parse_text_seed(text)
    except ValueError as error:
        raise SeedError(shown_as, str(error)) from error
    except RecursionError:
        raise SeedError(shown_as, "nested too deeply to read") from None
    return _checked(draft, name, data, encoding, shown_as, stated)


def _checked(
    draft: Draft, name: str, data: bytes, encoding: str, shown_as: str, stated: str | None = None
) -> Article:
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
    _split_long_paragraphs(draft)
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
    stem, _, line = seed_name.partition("#")  # "export.jsonl#3": line 3 of export.jsonl
    for suffix in SEED_SUFFIXES:
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    if line:
        stem = f"{stem}-{line}"
    stem = unicodedata.normalize("NFKC", stem)
    if stem.isascii():
        words = [stem]  # what pypinyin gives an ASCII name, without loading its dictionaries
    else:
        from pypinyin import lazy_pinyin  # about a second of every run, no-op included

        words = lazy_pinyin(stem)
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
    declared = _declared_charset(data)
    if declared:
        try:
            return data.decode(declared), f"{declared} (declared)"
        except (UnicodeDecodeError, LookupError):
            pass
    best = from_bytes(data).best()
    if best is not None and best.encoding is not None:
        return str(best), best.encoding
    replaced = data.decode(encoding, errors="replace")
    if replaced.count("\ufffd") <= _MOSTLY_UTF8 * len(replaced):
        return replaced, f"{encoding} with undecodable bytes"
    raise SeedError(shown_as, "not text in any encoding the detector knows")


def _declared_charset(data: bytes) -> str:
    """The charset a page declares in its first bytes (GB2312 read as its superset GB18030,
    as browsers do), or ""."""
    found = _DECLARED.search(data[:4096])
    if not found:
        return ""
    name = found.group(1).decode("ascii").lower()
    return "gb18030" if name in ("gb2312", "gbk", "gb18030", "x-gbk") else name


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
    """The region whose usage a publisher's Traditional text follows (data/publishers.yaml):
    its own region, or for an international outlet writing one region's Chinese (RFA's
    Cantonese service, BBC's Traditional pages) the region its `script` names."""
    entry = curated.publisher_of(draft.url, [n for n in (draft.source, *draft.credits) if n])
    if entry is None:
        return None
    if entry.region == "intl" and entry.script in ("tw", "hk"):
        return entry.script
    return entry.region if entry.region in PLACES else None


def _encoding_note(encoding: str) -> tuple[str, ...]:
    """Say which encoding a seed was read in, when it was not plain UTF-8."""
    if encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-32") or encoding.endswith("(declared)"):
        return ()  # a charset the page declares and that decodes cleanly needs no warning
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
        encoding=encoding.removesuffix(" (declared)"),
        warnings=tuple(draft.warnings) + _encoding_note(encoding) + _undecided(decision),
    )


def _split_long_paragraphs(draft: Draft) -> None:
    """A paragraph longer than PARAGRAPH_MAX characters is split at sentence ends (or, with
    none, every PARAGRAPH_MAX characters), so no page carries a megabyte in one block."""
    blocks: list[Block] = []
    for block in draft.blocks:
        if block.kind != "paragraph" or len(block.plain) <= PARAGRAPH_MAX:
            blocks.append(block)
            continue
        pieces = _pieces(block.plain)
        draft.warnings.append(
            f"a paragraph of {len(block.plain):,} characters is split into {len(pieces)} "
            f"(at most {PARAGRAPH_MAX:,} characters each)"
        )
        blocks.extend(Block(kind="paragraph", id="", text=escape(p), plain=p) for p in pieces)
    draft.blocks = blocks


def _pieces(text: str) -> list[str]:
    pieces = []
    while len(text) > PARAGRAPH_MAX:
        cut = PARAGRAPH_MAX
        for found in _SENTENCE_END.finditer(text, PARAGRAPH_MAX // 2, PARAGRAPH_MAX):
            cut = found.end()
        pieces.append(text[:cut].strip())
        text = text[cut:]
    if text.strip():
        pieces.append(text.strip())
    return [piece for piece in pieces if piece]


def _undecided(decision: SourceDecision) -> tuple[str, ...]:
    """Say so when a Traditional seed's region could not be told (a first line
    `<!-- region: tw -->` states it)."""
    if decision.source != "hant":
        return ()
    return (f"{decision.reason}; state it with a first line <!-- region: tw --> or hk",)
