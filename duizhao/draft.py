"""The mutable article under construction, shared by the seed parsers.

Parsers fill a `Draft`; `duizhao.seeds` turns it into the frozen `Article` (ids, slug, hash).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from duizhao.record import Block, Link


@dataclass
class Draft:
    title: str = ""
    dek: str = ""
    author: str = ""
    source: str = ""
    url: str = ""
    date: str = ""
    date_origin: str = ""
    section: str = ""
    tags: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    related: list[Link] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def paragraph_block(text: str, plain: str) -> Block:
    return Block(kind="paragraph", id="", text=text, plain=plain)
