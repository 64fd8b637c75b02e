"""data/glossary.yaml: the terms people add or correct, and the words they suppress.

The file is edited by people and wins over everything found in the articles: a term given
here with its English, kind, note, aliases or pinyin keeps them, and a word listed under
`suppress` never becomes a term or a spelling of one. An entry that occurs in no article
stays out of the glossary until one does. The file's own header says what each key means
(`zh` is required; `en`, `kind`, `note`, `aliases`, `pinyin` are optional).

A file that cannot be read or has another shape raises `GlossaryFileError`, naming the file
and the entry, so a build stops with one readable line rather than a traceback.

Sections: public API, then helpers.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from duizhao.glossary.model import KINDS
from duizhao.paths import DATA_DIR

CURATED = DATA_DIR / "glossary.yaml"


class GlossaryFileError(Exception):
    """The curated glossary file cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class CuratedTerm:
    zh: str
    en: str = ""
    kind: str = ""
    note: str = ""
    aliases: tuple[str, ...] = ()
    pinyin: str = ""
    order: int = 0  # the entry's number in the file: the first of two in one term wins


@dataclass(frozen=True)
class Curated:
    terms: tuple[CuratedTerm, ...] = ()
    suppress: frozenset[str] = frozenset()


def load_curated(path: Path) -> Curated:
    """Read data/glossary.yaml (or another file of that shape); a missing file is empty."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        return Curated()
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise GlossaryFileError(f"{path}: cannot read: {error}") from error
    if not isinstance(data, dict) or set(data) - {"terms", "suppress"}:
        raise GlossaryFileError(f"{path}: expected the keys `terms` and `suppress` only")
    suppress = data.get("suppress") or []
    if not isinstance(suppress, list) or not all(isinstance(s, str) for s in suppress):
        raise GlossaryFileError(f"{path}: `suppress` must be a list of words")
    seen: set[str] = set()
    terms = [
        _curated_term(entry, f"{path}: term {number}", number, seen)
        for number, entry in enumerate(data.get("terms") or [], 1)
    ]
    return Curated(tuple(terms), frozenset(_clean(s) for s in suppress))


# --- helpers ----------------------------------------------------------------------------

_CURATED_KEYS = {"zh", "en", "kind", "note", "aliases", "pinyin"}


def _curated_term(entry: object, where: str, number: int, seen: set[str]) -> CuratedTerm:
    """One entry of `terms`, checked; `where` names it in errors; `seen` holds the forms so far
    (this one is added)."""
    if not isinstance(entry, dict) or not isinstance(entry.get("zh"), str):
        raise GlossaryFileError(f"{where}: each term needs `zh:` (its Simplified form)")
    if unknown := set(entry) - _CURATED_KEYS:
        raise GlossaryFileError(f"{where} ({entry['zh']}): unknown keys {sorted(unknown)}")
    zh = _clean(entry["zh"])
    kind = str(entry.get("kind") or "")
    if kind and kind not in KINDS:
        raise GlossaryFileError(f"{where} ({zh}): kind must be one of {', '.join(KINDS)}")
    aliases = entry.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [aliases]
    if not zh or zh in seen:
        raise GlossaryFileError(f"{where}: empty or repeated `zh: {zh}`")
    seen.add(zh)
    return CuratedTerm(
        zh=zh,
        en=str(entry.get("en") or "").strip(),
        kind=kind,
        note=str(entry.get("note") or "").strip(),
        aliases=tuple(dict.fromkeys(_clean(str(a)) for a in aliases if str(a).strip())),
        pinyin=str(entry.get("pinyin") or "").strip(),
        order=number,
    )


def _clean(text: str) -> str:
    """A spelling as the file means it: NFC, with no whitespace inside or around."""
    return "".join(unicodedata.normalize("NFC", text).split())
