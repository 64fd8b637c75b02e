"""The translation memory: English (or another language) for each source text, committed.

One file per target language, data/memory/<lang>.jsonl: one JSON object per line, sorted by
key, keys in a fixed order, so a diff shows exactly which translations changed. Each entry:
    key       hash of the normalised source text (record.text_hash, 16 hex digits)
    zh        the source text, as a person reads it
    en        the translation (the field is named after the target language)
    origin    "manual" (a person wrote it; never overwritten by a machine) or "machine"
    provider  the machine translation service, "" for manual entries
    date      ISO date the entry was made

The build only reads this file; scripts/translate.py fills it.

Sections: public API, then helpers.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from duizhao.files import write_if_changed
from duizhao.paths import DATA_DIR
from duizhao.record import Article, text_hash

MEMORY_DIR = DATA_DIR / "memory"
KEY_LENGTH = 16

Origin = Literal["manual", "machine"]


class MemoryFileError(Exception):
    """A memory file that cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class Entry:
    key: str
    source: str
    target: str
    origin: Origin
    provider: str = ""
    date: str = ""


@dataclass(frozen=True)
class Unit:
    """One translatable text of an article: what it is, where it is, and the text."""

    kind: str  # title, dek, heading, paragraph, quote, list, caption, alt, related
    block_id: str  # the block it belongs to ("" for title, dek, related)
    text: str

    @property
    def key(self) -> str:
        return key_for(self.text)


def key_for(text: str) -> str:
    return text_hash(text, KEY_LENGTH)


def display_form(text: str) -> str:
    """The source text as stored for people: NFC, white space folded (the key uses NFKC)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def units(article: Article) -> list[Unit]:
    """Every text of an article a reader should have in English, in reading order."""
    found = [Unit("title", "", article.title)]
    if article.dek:
        found.append(Unit("dek", "", article.dek))
    for block in article.blocks:
        if block.kind == "figure":
            if block.plain:
                found.append(Unit("caption", block.id, block.plain))
            if block.alt and block.alt != block.plain:
                found.append(Unit("alt", block.id, block.alt))
        elif block.kind in ("list", "table", "definitions"):
            # One unit per item or cell, so the English keeps the structure.
            parts = (block.plains or block.items) if block.kind == "list" else block.cells
            found.extend(Unit(block.kind, block.id, part) for part in parts)
        elif block.plain:
            found.append(Unit(block.kind, block.id, block.plain))
    found.extend(Unit("related", "", link.text) for link in article.related if link.text)
    return [unit for unit in found if unit.text.strip()]


class Memory:
    """Entries of one target language, by key."""

    def __init__(self, path: Path, language: str = "en", entries: Iterable[Entry] = ()) -> None:
        self.path = Path(path)
        self.language = language
        self._entries: dict[str, Entry] = {entry.key: entry for entry in entries}

    @classmethod
    def load(cls, path: Path | None = None, language: str = "en") -> Memory:
        """The memory in `path` (default data/memory/<language>.jsonl); none yet is empty."""
        path = Path(path) if path else MEMORY_DIR / f"{language}.jsonl"
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return cls(path, language)
        except (OSError, UnicodeDecodeError) as error:
            raise MemoryFileError(f"{path}: cannot read: {error}") from error
        return cls(
            path, language, (_parse(line, language, path, n) for n, line in _numbered(lines))
        )

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(sorted(self._entries.values(), key=lambda entry: entry.key))

    def get(self, text: str) -> Entry | None:
        return self._entries.get(key_for(text))

    def get_by_key(self, key: str) -> Entry | None:
        return self._entries.get(key)

    def put(self, entry: Entry) -> bool:
        """Add or replace an entry; a machine never replaces a person's: returns if stored."""
        existing = self._entries.get(entry.key)
        if existing and existing.origin == "manual" and entry.origin != "manual":
            return False
        self._entries[entry.key] = entry
        return True

    def unused(self, keys_in_use: set[str]) -> list[Entry]:
        """Entries whose source text no article has any more."""
        return [entry for entry in self if entry.key not in keys_in_use]

    def prune(self, keys_in_use: set[str]) -> list[Entry]:
        gone = self.unused(keys_in_use)
        for entry in gone:
            del self._entries[entry.key]
        return gone

    def dumps(self) -> str:
        return "".join(_line(entry, self.language) + "\n" for entry in self)

    def save(self) -> bool:
        """Write the file atomically (a crash leaves the old file or the new one)."""
        self._clear_leftovers()
        return bool(write_if_changed(self.path, self.dumps()))

    def _clear_leftovers(self) -> None:
        """Temporary files a killed save left beside the memory (files.write_if_changed names
        them .<name>.*.tmp): in data/memory/ they would be committed by mistake."""
        if self.path.parent.is_dir():
            for leftover in self.path.parent.glob(f".{self.path.name}.*.tmp"):
                leftover.unlink(missing_ok=True)


# --- helpers ----------------------------------------------------------------------------


def _numbered(lines: list[str]) -> Iterator[tuple[int, str]]:
    return ((number, line) for number, line in enumerate(lines, 1) if line.strip())


def _parse(line: str, language: str, path: Path, number: int) -> Entry:
    try:
        data = json.loads(line)
        return Entry(
            key=data["key"],
            source=data["zh"],
            target=data[language],
            origin=data["origin"],
            provider=data.get("provider", ""),
            date=data.get("date", ""),
        )
    except (ValueError, KeyError, TypeError) as error:
        raise MemoryFileError(f"{path}:{number}: not a memory entry ({error})") from error


def _line(entry: Entry, language: str) -> str:
    data = {
        "key": entry.key,
        "zh": entry.source,
        language: entry.target,
        "origin": entry.origin,
        "provider": entry.provider,
        "date": entry.date,
    }
    return json.dumps(data, ensure_ascii=False)
