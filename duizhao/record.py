"""The article record: one typed value per seed, carried by every stage.

Parsing a seed produces an `Article`; script variants, translation, the glossary and the
page renderer all read it (and variants produce new `Article`s with the same block ids).

Block text is kept twice on purpose: `text` is safe inline Markdown (escaped, links kept) for
the page, `plain` is the reader-visible text without markup, which is what ids, translation
memory keys, term matching and reading time are computed from.

Sections: the record types, then ids, then (de)serialisation.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, Literal

BlockKind = Literal[
    "paragraph", "heading", "list", "quote", "figure", "table", "definitions", "video", "audio"
]
Media = Literal["", "image", "video", "audio"]

# One letter per kind starts each id, so an anchor says what it points at (#p-…, #h-…).
_ID_PREFIX: dict[str, str] = {
    "paragraph": "p",
    "heading": "h",
    "list": "l",
    "quote": "q",
    "figure": "f",
    "table": "t",
    "definitions": "d",
    "video": "v",
    "audio": "a",
}


@dataclass(frozen=True)
class Link:
    """A related link; `url` is empty when the seed named a piece without linking it."""

    text: str
    url: str = ""


@dataclass(frozen=True)
class Block:
    """One unit of the body. `id` is stable: the same paragraph keeps it in every variant."""

    kind: BlockKind
    id: str
    text: str = ""  # inline Markdown, already escaped (heading, paragraph, quote, caption)
    plain: str = ""  # the same without markup
    level: int = 0  # heading level (2..4)
    items: tuple[str, ...] = ()  # list items, inline Markdown
    src: str = ""  # figure image URL (http/https only), may be empty for a caption-only figure
    alt: str = ""  # figure image alt text
    credit: str = ""  # figure credit (photographer, agency)
    media: Media = ""  # what the figure showed in the original
    # Lists: `items` are the entries in document order, `depths` how deep each one is nested
    # (0 for the top list), `numbered` whether each one's own list is numbered; `start` is
    # the top list's first number when it is not 1 (<ol start="3">).
    plains: tuple[str, ...] = ()  # each item without markup (its translation unit)
    depths: tuple[int, ...] = ()
    numbered: tuple[bool, ...] = ()
    start: int = 0
    # Tables and definition lists: rows of cells as plain text (escaped when rendered); the
    # first `header` rows of a table are its header. A definition list is rows of (term,
    # definition). `caption` is a table's caption.
    rows: tuple[tuple[str, ...], ...] = ()
    header: int = 0
    caption: str = ""
    # Video and audio are never embedded: `src` is the link to the original (a YouTube watch
    # page, the media file), `poster` a video's still, `host` the site it plays on.
    poster: str = ""
    host: str = ""

    @property
    def cells(self) -> tuple[str, ...]:
        """Every cell of a table or definition list, the caption first, in reading order."""
        found = [self.caption] if self.caption else []
        found += [cell for row in self.rows for cell in row]
        return tuple(cell for cell in found if cell.strip())


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    seed_name: str
    seed_hash: str
    dek: str = ""
    author: str = ""
    source: str = ""  # publisher name, e.g. "BBC 中文"
    url: str = ""
    date: str = ""  # ISO date, "" when the seed states none
    date_origin: Literal["", "page", "epoch"] = ""  # where `date` came from
    section: str = ""  # column the title carried, e.g. "Whatsnews"
    tags: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()
    related: tuple[Link, ...] = ()
    credits: tuple[str, ...] = ()  # credits and copyright lines, shown in the footer
    # Script of the seed: Simplified, Traditional, or Traditional as Taiwan / Hong Kong write.
    script: str = "hans"  # the source it is written in: one of duizhao.variants.sources()
    source_note: str = ""  # why `script` was decided so (publisher, words, a stated region)
    lang: str = "zh-Hans"  # BCP 47 tag of this record's text (changes in variants)
    encoding: str = "utf-8"  # how the seed's bytes were decoded
    warnings: tuple[str, ...] = field(default=(), compare=False)

    @property
    def char_count(self) -> int:
        """Han characters and other non-space characters the reader reads."""
        return sum(len("".join(b.plain.split())) for b in self.blocks if b.kind != "figure")


# --- ids -------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """The form of text that ids and translation-memory keys are computed from.

    NFKC (full-width and half-width forms count as one), and every run of white space folded
    to one space, so re-wrapping a paragraph or a stray non-breaking space keeps its identity.
    """
    return " ".join(unicodedata.normalize("NFKC", text).split())


def text_hash(text: str, length: int = 8) -> str:
    return hashlib.sha1(normalise(text).encode("utf-8")).hexdigest()[:length]


def assign_ids(blocks: list[Block]) -> tuple[Block, ...]:
    """Give each block an id from its content: `p-1a2b3c4d`.

    Content-derived ids survive edits elsewhere in the seed (inserting a paragraph does not
    renumber the rest), and repeat for the same text, so a second identical block gets a
    numbered suffix in document order.
    """
    seen: dict[str, int] = {}
    out = []
    for block in blocks:
        basis = block.plain or " ".join(block.items) or block.src or block.alt
        base = f"{_ID_PREFIX[block.kind]}-{text_hash(basis + block.src)}"
        count = seen.get(base, 0)
        seen[base] = count + 1
        out.append(replace(block, id=base if count == 0 else f"{base}-{count + 1}"))
    return tuple(out)


# --- (de)serialisation ------------------------------------------------------------------


def to_dict(article: Article) -> dict[str, Any]:
    data = asdict(article)
    data.pop("warnings")
    return data


def from_dict(data: dict[str, Any]) -> Article:
    known = {f.name for f in fields(Article)}
    values = {k: v for k, v in data.items() if k in known}
    values["tags"] = tuple(values.get("tags", ()))
    values["credits"] = tuple(values.get("credits", ()))
    values["related"] = tuple(Link(**link) for link in values.get("related", ()))
    values["blocks"] = tuple(_block_from_dict(b) for b in values.get("blocks", ()))
    return Article(**values)


def _block_from_dict(data: dict[str, Any]) -> Block:
    return Block(
        **{
            **data,
            "items": tuple(data.get("items", ())),
            "depths": tuple(data.get("depths", ())),
            "numbered": tuple(data.get("numbered", ())),
            "plains": tuple(data.get("plains", ())),
            "rows": tuple(tuple(row) for row in data.get("rows", ())),
        }
    )
