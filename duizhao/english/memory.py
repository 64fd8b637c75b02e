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

Reading is strict, because a slip here loses a person's work for good once the file is
saved again: each line is checked against a model (types, known origins, a key that is the
hash of its text, a translation no longer than `longest_target`), and any error is one line
naming the file and line. A key on two lines, as a git merge that kept both sides leaves it,
is resolved the same whatever the order of the lines: a manual entry wins over machine ones
(two manual entries that disagree are an error: a person must choose), and of machine
entries the newest. The next save writes one line per key.

Saving merges: under the file's lock (duizhao.locks) the file is read again and what this
run added or pruned is applied to it, so two translators running at once keep each other's
work; a machine entry still never replaces a manual one.

Sections: public API, then helpers.
"""

from __future__ import annotations

import datetime
import functools
import json
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints, create_model

from duizhao import locks
from duizhao.datafiles import DataFileError, numbered_lines, validate
from duizhao.files import write_if_changed
from duizhao.paths import DATA_DIR
from duizhao.record import Article, text_hash

MEMORY_DIR = DATA_DIR / "memory"
KEY_LENGTH = 16

Origin = Literal["manual", "machine"]

# The longest translation accepted for a source text: English runs 3 to 5 characters per
# Chinese one in the committed memory's paragraphs (7 in one short title); twice that and a
# little more is room enough, and a runaway reply (20 MB for a paragraph) is refused.
TARGET_PER_SOURCE_CHAR = 10
TARGET_SLACK = 200


def longest_target(source_length: int) -> int:
    """The most characters a translation of a text this long may have, stored or received."""
    return TARGET_PER_SOURCE_CHAR * source_length + TARGET_SLACK


class MemoryFileError(DataFileError):
    """A memory file that cannot be used; `str()` is one line: file, line, reason."""


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

    kind: str  # title, dek, heading, paragraph, quote, list, caption, alt, related, tag
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
    found.extend(Unit("tag", "", tag) for tag in article.tags)  # the English mode's tags
    return [unit for unit in found if unit.text.strip()]


class Memory:
    """Entries of one target language, by key.

    `put` and `prune` change this object and are remembered; `save` merges them into the
    file as it is on disk then (see the module docstring). `lock_wait` (seconds, default
    locks.default_wait()) and `say` are how long a save waits for another one, and how it
    says so."""

    def __init__(self, path: Path, language: str = "en", entries: Iterable[Entry] = ()) -> None:
        self.path = Path(path)
        self.language = language
        self.lock_wait: float | None = None
        self.say: locks.Say | None = None
        self._entries: dict[str, Entry] = {}
        self._made: dict[str, Entry] = {}  # put since the last save
        self._dropped: dict[str, Entry] = {}  # pruned since the last save
        for entry in entries:
            self.put(entry)

    @classmethod
    def load(cls, path: Path | None = None, language: str = "en") -> Memory:
        """The memory in `path` (default data/memory/<language>.jsonl); none yet is empty.
        Raises MemoryFileError (one line: file, line, reason) for anything but a good file."""
        memory = cls(Path(path) if path else MEMORY_DIR / f"{language}.jsonl", language)
        memory._entries = read_entries(memory.path, language)
        return memory

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
        self._made[entry.key] = entry
        self._dropped.pop(entry.key, None)
        return True

    def unused(self, keys_in_use: set[str]) -> list[Entry]:
        """Entries whose source text no article has any more."""
        return [entry for entry in self if entry.key not in keys_in_use]

    def prune(self, keys_in_use: set[str]) -> list[Entry]:
        gone = self.unused(keys_in_use)
        for entry in gone:
            del self._entries[entry.key]
            self._made.pop(entry.key, None)
            self._dropped[entry.key] = entry
        return gone

    def dumps(self) -> str:
        return "".join(_line(entry, self.language) + "\n" for entry in self)

    def save(self) -> bool:
        """Merge this run's changes into the file, under its lock, and write it atomically (a
        crash leaves the old file or the new one). Afterwards this object holds the merged
        entries, other runs' included. Returns whether the file changed.

        Raises locks.LockBusy when another save keeps the lock too long, and MemoryFileError
        when the file on disk has become unreadable (it is then left as it is)."""
        what = f"{self.path} (the translation memory)"
        with locks.hold(locks.lock_file_for(self.path), what, self.lock_wait, self.say):
            self._clear_leftovers()
            merged = read_entries(self.path, self.language)
            for key, gone in self._dropped.items():
                if merged.get(key) == gone:  # pruned here, and nobody changed it since
                    del merged[key]
            for key, entry in self._made.items():
                existing = merged.get(key)
                if existing and existing.origin == "manual" and entry.origin != "manual":
                    continue  # a person translated it meanwhile
                merged[key] = entry
            self._entries = merged
            written = write_if_changed(self.path, self.dumps())
            self._made.clear()
            self._dropped.clear()
        return bool(written)

    def _clear_leftovers(self) -> None:
        """Temporary files a killed save left beside the memory (files.write_if_changed names
        them .<name>.*.tmp): in data/memory/ they would be committed by mistake. Only the
        lock's holder clears them: another save's temporary may be in use."""
        if self.path.parent.is_dir():
            for leftover in self.path.parent.glob(f".{self.path.name}.*.tmp"):
                leftover.unlink(missing_ok=True)


def read_entries(path: Path, language: str = "en") -> dict[str, Entry]:
    """The entries of a memory file by key (none if there is no file), strictly: see the
    module docstring. Raises MemoryFileError naming the file and line."""
    if not path.exists():
        return {}
    try:
        lines = list(numbered_lines(path))
    except DataFileError as error:
        raise MemoryFileError(path, error.reason, error.line) from error
    seen: dict[str, list[tuple[int, Entry]]] = {}
    for number, line in lines:
        if line.strip():
            entry = _parse(line, language, path, number)
            seen.setdefault(entry.key, []).append((number, entry))
    return {key: _one_of(path, found) for key, found in seen.items()}


# --- helpers ----------------------------------------------------------------------------


# Lines a git merge leaves when both sides changed the same lines.
_CONFLICT_MARKERS = ("<<<<<<<", "=======", ">>>>>>>", "|||||||")


def _parse(line: str, language: str, path: Path, number: int) -> Entry:
    def fail(reason: str) -> MemoryFileError:
        return MemoryFileError(path, reason, number)

    if line.startswith(_CONFLICT_MARKERS):
        raise fail(
            "a git merge-conflict marker: delete the marker lines and keep both sides' "
            "entries (a key on two lines is then resolved: a manual entry wins)"
        )
    try:
        data = json.loads(line, object_pairs_hook=_once_each)
    except _RepeatedField as error:
        raise fail(f"`{error.field}` is given twice in one entry") from None
    except ValueError as error:
        where = ""
        if isinstance(error, json.JSONDecodeError):
            where = f" ({error.msg[:1].lower()}{error.msg[1:]}, column {error.colno})"
        raise fail(f"not a memory entry: not valid JSON{where}") from None
    if not isinstance(data, dict):
        raise fail("not a memory entry: a JSON object with key, zh, en, origin is expected")
    try:
        fields = validate(path, data, _line_model(language)).model_dump()
    except DataFileError as error:
        raise fail(error.reason) from None
    entry = Entry(
        fields["key"], fields["zh"], fields[language], fields["origin"], fields["provider"],
        fields["date"],
    )  # fmt: skip
    for name, text in (("zh", entry.source), (language, entry.target)):
        if not text.strip():
            raise fail(f"`{name}` is empty: write the text, or delete the line")
    if entry.key != key_for(entry.source):
        raise fail(
            f"key {entry.key} is not the key of its zh text ({key_for(entry.source)}): "
            "was the text edited? Correct the key to match"
        )
    if len(entry.target) > (most := longest_target(len(entry.source))):
        raise fail(
            f"`{language}` has {len(entry.target):,} characters, more than the {most:,} "
            f"allowed for a {len(entry.source):,}-character text (a runaway translation?)"
        )
    if entry.date:
        try:
            datetime.date.fromisoformat(entry.date)
        except ValueError:
            raise fail(f"date {entry.date!r} is not a date (YYYY-MM-DD)") from None
    return entry


def _one_of(path: Path, found: list[tuple[int, Entry]]) -> Entry:
    """The entry a repeated key stands for, whatever the order of its lines."""
    manual = [(number, entry) for number, entry in found if entry.origin == "manual"]
    if manual:
        first_line, first = manual[0]
        for number, entry in manual[1:]:
            if entry.target != first.target:
                raise MemoryFileError(
                    path,
                    f"key {entry.key} has two different manual translations (the other on "
                    f"line {first_line}): keep the right one and delete the other line",
                    number,
                )
        return first
    return max((entry for _, entry in found), key=lambda entry: (entry.date, entry.target))


class _RepeatedField(ValueError):
    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


def _once_each(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """json's object hook: a field given twice in one object is an error, not the last one."""
    data: dict[str, Any] = {}
    for name, value in pairs:
        if name in data:
            raise _RepeatedField(name)
        data[name] = value
    return data


_Text = Annotated[str, StringConstraints(min_length=1)]


@functools.cache
def _line_model(language: str) -> type[BaseModel]:
    """One line's shape; the translation's field is named after the language."""
    fields: dict[str, Any] = {
        "key": (Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")], ...),
        "zh": (_Text, ...),
        language: (_Text, ...),
        "origin": (Literal["manual", "machine"], ...),
        "provider": (str, ""),
        "date": (str, ""),
    }
    config = ConfigDict(extra="forbid", strict=True)
    model: type[BaseModel] = create_model(f"MemoryLine_{language}", __config__=config, **fields)
    return model


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
