"""English beside the Chinese: which translation each part of an article has, and where it
came from. Read from the translation memory only; the build never asks a provider.

Sections: public API, then helpers.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from duizhao.english.memory import Entry, Memory, units
from duizhao.record import Article, Block

# What the reader is told when a part has no English yet, and where English came from.
MISSING = "English translation not yet available."


@dataclass(frozen=True)
class English:
    """An article's English, by place: "title", "dek", a block id, "alt:<id>", "related:<n>",
    "tag:<n>"."""

    by_place: dict[str, Entry] = field(default_factory=dict)
    wanted: int = 0  # parts that should have English

    def get(self, place: str) -> Entry | None:
        return self.by_place.get(place)

    def provenance(self) -> str:
        """One English sentence: manual, machine (which providers), or both, or none."""
        if not self.by_place:
            return "No English translation yet."
        origins = Counter(entry.origin for entry in self.by_place.values())
        providers = sorted({e.provider for e in self.by_place.values() if e.origin == "machine"})
        machine = f"machine translation ({', '.join(p or 'unknown' for p in providers)})"
        missing = self.wanted - len(self.by_place)
        if origins["machine"] == 0:
            said = "English: translated by hand"
        elif origins["manual"] == 0:
            said = f"English: {machine}"
        else:
            manual = _parts(origins["manual"])
            said = f"English: {manual} by hand, {origins['machine']} by {machine}"
        return said + (f"; {_parts(missing)} not yet translated." if missing else ".")


def english_for(article: Article, memory: Memory) -> English:
    """The English the memory has for this article (its source-script text is the key)."""
    found: dict[str, Entry] = {}
    places = _places(article)
    for place, text in places:
        entry = memory.get(text)
        if entry is not None:
            found[place] = entry
    return English(by_place=found, wanted=len(places))


def digest(article_keys: list[str], memory: Memory) -> str:
    """A fingerprint of the memory entries an article uses: it changes when its English does."""
    sha = hashlib.sha256()
    for key in article_keys:
        entry = memory.get_by_key(key)
        sha.update(f"{key}\t{entry.target}\t{entry.origin}\t{entry.provider}\n".encode() if entry
                   else f"{key}\t-\n".encode())  # fmt: skip
    return sha.hexdigest()[:16]


def block_parts(block: Block) -> tuple[str, ...] | None:
    """The texts of a block that are translated one by one: a list's items, a table's
    caption and cells, a definition list's terms and definitions; None for other blocks."""
    if block.kind == "list":
        return block.plains or block.items
    if block.kind in ("table", "definitions"):
        return block.cells
    return None


def part_place(block_id: str, number: int) -> str:
    """Where the English of part `number` of a block is kept: "<block id>:<number>"."""
    return f"{block_id}:{number}"


def unit_keys(article: Article) -> list[str]:
    return [unit.key for unit in units(article)]


# --- helpers ----------------------------------------------------------------------------


def _parts(count: int) -> str:
    return f"{count} part" if count == 1 else f"{count} parts"


def _places(article: Article) -> list[tuple[str, str]]:
    places = [("title", article.title)]
    if article.dek:
        places.append(("dek", article.dek))
    for block in article.blocks:
        parts = block_parts(block)
        if parts is not None:  # a list, table or definition list: each part has English
            places.extend((part_place(block.id, n), text) for n, text in enumerate(parts))
            continue
        if block.plain:
            places.append((block.id, block.plain))
        if block.kind == "figure" and block.alt and block.alt != block.plain:
            places.append((f"alt:{block.id}", block.alt))
    places.extend(
        (f"related:{number}", link.text) for number, link in enumerate(article.related) if link.text
    )
    places.extend((f"tag:{number}", tag) for number, tag in enumerate(article.tags))
    return places
