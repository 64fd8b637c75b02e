"""data/glossary.yaml: the terms people add or correct, and the words they suppress.

The file is edited by people and wins over everything found in the articles: a term given
here with its English, kind, note, aliases or pinyin keeps them, and a word listed under
`suppress` never becomes a term or a spelling of one. An entry that occurs in no article
stays out of the glossary until one does. The file's own header says what each key means.

Read with duizhao/datafiles.py and the pydantic models below, so every slip is one line
naming the file, the line and the reason, and nothing is dropped silently:
- a repeated key (a second `suppress:` would replace the first), a wrong type
  (`en: [Putin, x]`), an unknown key, a tab, a byte-order mark;
- a term or alias that is a single character, or a word too common to be a term (的, 表示:
  not a name in CC-CEDICT and among jieba's most frequent words): it would be marked dozens
  of times in every article;
- the same `zh` twice, and more than MAX_TERMS terms or MAX_SUPPRESSED suppressed words.

An alias may apply only in context (`{zh: 冬奥, years: [2021, 2022], with: [北京]}`): see
`ContextAlias` and context.py.

Sections: public API, then the file's shape, then helpers.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from duizhao.datafiles import DataFileError, load_yaml, validate
from duizhao.paths import DATA_DIR

CURATED = DATA_DIR / "glossary.yaml"
MAX_TERMS = 5000  # a curated glossary is read by people; more is a generated file by mistake
MAX_SUPPRESSED = 5000
COMMON_FREQUENCY = 5000  # jieba's count in its 60-million-word corpus: 表示 19,238, 今年 9,959


class GlossaryFileError(DataFileError):
    """The curated glossary file cannot be used; the message is one line: file, line, reason."""


@dataclass(frozen=True)
class ContextAlias:
    """An alias that means this term only in some articles (冬奥 is the Games of its year).

    It applies when every condition given holds: the article's year is in `years`, and the
    article's text has one of the words in `with_words`. Without a condition it always
    applies (and then means the same as a plain alias).
    """

    zh: str
    years: tuple[int, ...] = ()
    with_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class CuratedTerm:
    zh: str
    en: str = ""
    kind: str = ""
    note: str = ""
    aliases: tuple[str, ...] = ()
    pinyin: str = ""
    order: int = 0  # the entry's number in the file: the first of two in one term wins
    contextual: tuple[ContextAlias, ...] = ()
    spellings: tuple[str, ...] = ()  # regional spellings as written (普亭), any script
    line: int = 0


@dataclass(frozen=True)
class Curated:
    terms: tuple[CuratedTerm, ...] = ()
    suppress: frozenset[str] = frozenset()
    # characters regions write either way (臺 台): every form is matched with both
    variant_characters: tuple[tuple[str, str], ...] = ()


def load_curated(path: Path) -> Curated:
    """Read data/glossary.yaml (or another file of that shape); a missing file is empty."""
    path = Path(path)
    if not path.exists():
        return Curated()
    try:
        data = load_yaml(path)
    except DataFileError as error:
        raise GlossaryFileError(error.path, error.reason, error.line) from error
    if data is None:
        return Curated()
    try:
        model = validate(path, data, _File)
    except DataFileError as error:
        raise GlossaryFileError(error.path, error.reason, error.line) from error
    entries, suppressed = model.terms or [], model.suppress or []
    term_lines = _lines(data, "terms")
    suppress_lines = _lines(data, "suppress")
    if len(entries) > MAX_TERMS:
        raise GlossaryFileError(
            path, f"{len(entries)} terms; the limit is {MAX_TERMS}", term_lines[MAX_TERMS]
        )
    if len(suppressed) > MAX_SUPPRESSED:
        reason = f"{len(suppressed)} suppressed words; the limit is {MAX_SUPPRESSED}"
        raise GlossaryFileError(path, reason, suppress_lines[MAX_SUPPRESSED])
    suppress = frozenset(_clean(word) for word in suppressed)
    seen: dict[str, int] = {}
    terms = []
    for number, (entry, line) in enumerate(zip(entries, term_lines, strict=True), 1):
        terms.append(_curated_term(path, entry, number, line, seen))
    pairs = []
    for text, line in zip(
        model.variant_characters or [], _lines(data, "variant_characters"), strict=True
    ):
        pair = _clean(text)
        if len(pair) != 2 or pair[0] == pair[1]:
            reason = f"variant_characters: `{text}` must be two different characters (臺台)"
            raise GlossaryFileError(path, reason, line)
        pairs.append((pair[0], pair[1]))
    return Curated(tuple(terms), suppress, tuple(pairs))


# --- the file's shape -------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)


class _ContextAlias(_Strict):
    zh: str
    years: list[int] = []
    with_words: list[str] = Field(default=[], alias="with")


class _Term(_Strict):
    zh: str
    en: str = ""
    kind: Literal["person", "place", "organisation", "term", ""] = ""
    note: str = ""
    aliases: list[str | _ContextAlias] | str = []
    spellings: list[str] = []
    pinyin: str = ""


class _File(_Strict):
    terms: list[_Term] | None = None
    suppress: list[str] | None = None
    variant_characters: list[str] | None = None


# --- helpers ----------------------------------------------------------------------------


def _curated_term(
    path: Path, entry: _Term, number: int, line: int, seen: dict[str, int]
) -> CuratedTerm:
    """One entry of `terms`, checked; `seen` holds each `zh` so far with its line."""
    zh = _clean(entry.zh)
    if not zh:
        raise GlossaryFileError(path, f"term {number}: `zh` is empty", line)
    if zh in seen:
        raise GlossaryFileError(path, f"`zh: {zh}` is given twice (first on line {seen[zh]})", line)
    seen[zh] = line
    aliases = [entry.aliases] if isinstance(entry.aliases, str) else entry.aliases
    plain = [_clean(a) for a in aliases if isinstance(a, str) and a.strip()]
    contextual = [
        ContextAlias(_clean(a.zh), tuple(a.years), tuple(_clean(w) for w in a.with_words))
        for a in aliases
        if isinstance(a, _ContextAlias)
    ]
    for spelling in (zh, *plain, *(a.zh for a in contextual)):
        if problem := refusal(spelling):
            raise GlossaryFileError(path, f"`{spelling}` {problem}", line)
    return CuratedTerm(
        zh=zh,
        en=entry.en.strip(),
        kind=entry.kind,
        note=entry.note.strip(),
        aliases=tuple(dict.fromkeys(plain)),
        pinyin=entry.pinyin.strip(),
        order=number,
        contextual=tuple(contextual),
        spellings=tuple(dict.fromkeys(_clean(s) for s in entry.spellings if s.strip())),
        line=line,
    )


def refusal(spelling: str) -> str:
    """Why a spelling cannot be a term ("" when it can): one character would be marked
    everywhere, and so would a word as common as 的 or 表示."""
    from duizhao.glossary import cedict
    from duizhao.glossary.names import base_tokenizer

    if len(spelling) < 2:
        return "is a single character: too short to be a term (it would be marked everywhere)"
    if spelling.isascii():
        return ""
    frequency = base_tokenizer().tokenizer.FREQ.get(spelling, 0)
    is_name = any(cedict.proper(entry) for entry in cedict.entries(spelling))
    if frequency >= COMMON_FREQUENCY and not is_name:
        return (
            f"is too common to be a term ({frequency:,} times in jieba's 60-million-word "
            "corpus, and no name in CC-CEDICT): list it under `suppress` if it was found"
        )
    return ""


def _lines(data: Any, key: str) -> list[int]:
    """The line of each item of the list under `key` (0 where unknown)."""
    items = data.get(key) if isinstance(data, dict) else None
    lines = getattr(items, "lines", None)
    if lines is None:
        return [0] * len(items or [])
    return list(lines)


def _clean(text: str) -> str:
    """A spelling as the file means it: NFC, with no whitespace inside or around."""
    return "".join(unicodedata.normalize("NFC", text).split())
