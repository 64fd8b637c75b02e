"""The glossary's two names tables: English and kind of today's names, for what CC-CEDICT
lacks or gets wrong, and whole names for jieba (李家超 is one word, not 李家 + 超).

1. data/variants/names.tsv, kept by the variants stage: names whose regional forms differ
   (特朗普 → 川普 in Taiwan), with their English and kind. Rows where all regions agree are
   left out of it (issue 18).
2. data/glossary/names.tsv, the glossary's own style sheet: names every region writes alike
   once converted (李家超, 行政长官, 国台办, 南丫岛 …), with their English and kind, written by
   category the way a news desk's style sheet is (Hong Kong's government and officials,
   Taiwan's and the mainland's, media, laws and offences, international organisations,
   places, news terms). Columns: simplified, english, kind, source, note.
   kind is person, place, organisation or term (an office, a law, a doctrine, an event);
   source says whose English it is: official (the body's or its government's own),
   press (the English-language wires' and papers' usage), scientific (a species' name).

One place per fact: a Simplified form is in one table only; a form in both is an error.
A row of either table is a name the glossary trusts: a candidate wherever jieba finds it
(never a part of it), not second-guessed as ordinary vocabulary, its English and kind
winning over CC-CEDICT's. It still needs two articles, like every name the rules find.

Read strictly (duizhao/datafiles.py): a bad row is one line naming the file and line. A
file may be absent: then its table is empty and the glossary goes without it.

Sections: public API, then helpers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from duizhao.datafiles import DataFileError, numbered_lines
from duizhao.paths import DATA_DIR

NAMES_FILE = DATA_DIR / "variants" / "names.tsv"
GLOSSARY_NAMES_FILE = DATA_DIR / "glossary" / "names.tsv"
_KINDS = {"person": "person", "place": "place", "organisation": "organisation",
          "company": "organisation"}  # fmt: skip
_COLUMNS = ("simplified", "tw", "hk", "english", "kind")
GLOSSARY_HEADER = ("simplified", "english", "kind", "source", "note")
GLOSSARY_KINDS = ("person", "place", "organisation", "term")
SOURCES = ("official", "press", "scientific")


@dataclass(frozen=True)
class NameRow:
    simplified: str
    tw: str  # "" when Taiwan writes the Traditional of the Simplified form
    hk: str
    english: str
    kind: str  # person | place | organisation | term
    line: int
    source: str = ""  # the glossary table's source column; "" for the variants table
    path: str = ""  # the file the row is in, for messages

    @property
    def origin(self) -> str:
        return f"{self.path}:{self.line}"


def name_rows(path: Path | None = None, glossary_path: Path | None = None) -> tuple[NameRow, ...]:
    """Every row of both names tables (the variants table's first); () when both are
    absent. A Simplified form in both tables is a DataFileError."""
    return _both(path or NAMES_FILE, glossary_path or GLOSSARY_NAMES_FILE)


def by_simplified(
    path: Path | None = None, glossary_path: Path | None = None
) -> dict[str, NameRow]:
    """Rows by their Simplified form."""
    return {row.simplified: row for row in name_rows(path, glossary_path)}


def glossary_rows(path: Path | None = None) -> tuple[NameRow, ...]:
    """The rows of the glossary's own table, data/glossary/names.tsv, alone."""
    return _glossary_rows(path or GLOSSARY_NAMES_FILE)


# --- helpers ----------------------------------------------------------------------------


@cache
def _both(path: Path, glossary_path: Path) -> tuple[NameRow, ...]:
    variants = _rows(path)
    seen = {row.simplified: row for row in variants}
    own = _glossary_rows(glossary_path)
    for row in own:
        if (first := seen.get(row.simplified)) is not None:
            reason = (
                f"{row.simplified} is also in {first.origin}: one place per fact (a name "
                "whose regional forms differ belongs there, with its English and kind)"
            )
            raise DataFileError(glossary_path, reason, row.line)
    return variants + own


@cache
def _rows(path: Path) -> tuple[NameRow, ...]:
    if not path.exists():
        return ()
    rows = []
    header: list[str] | None = None
    for number, line in numbered_lines(path):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [field.strip() for field in line.split("\t")]
        if header is None:
            header = fields
            missing = [c for c in _COLUMNS if c not in header]
            if missing:
                raise DataFileError(path, f"the header lacks the columns {missing}", number)
            continue
        values = dict(zip(header, fields, strict=False))
        simplified, kind = values.get("simplified", ""), values.get("kind", "")
        if not simplified:
            raise DataFileError(path, "a row without its simplified form", number)
        if kind not in _KINDS:
            raise DataFileError(path, f"unknown kind {kind!r}; valid: {sorted(_KINDS)}", number)
        rows.append(
            NameRow(
                simplified=simplified,
                tw=values.get("tw", ""),
                hk=values.get("hk", ""),
                english=values.get("english", ""),
                kind=_KINDS[kind],
                line=number,
                path=_shown(path),
            )
        )
    return tuple(rows)


@cache
def _glossary_rows(path: Path) -> tuple[NameRow, ...]:
    """data/glossary/names.tsv, strictly: the header exactly, five tab-separated cells a
    row, no white space around a cell, a Simplified form once, English on every row, a
    known kind and source. "#" starts a comment line (the categories)."""
    if not path.exists():
        return ()
    rows: list[NameRow] = []
    seen: dict[str, int] = {}
    header = False
    shown = _shown(path)
    for number, line in numbered_lines(path):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header:
            if tuple(cells) != GLOSSARY_HEADER:
                reason = "the first row must be the header: " + " ".join(GLOSSARY_HEADER)
                raise DataFileError(path, reason, number)
            header = True
            continue
        if len(cells) != len(GLOSSARY_HEADER):
            reason = f"expected {len(GLOSSARY_HEADER)} tab-separated cells, got {len(cells)}"
            raise DataFileError(path, reason, number)
        values = dict(zip(GLOSSARY_HEADER, cells, strict=True))
        if any(cell != cell.strip() for cell in cells):
            raise DataFileError(path, "white space around a cell", number)
        simplified = values["simplified"]
        checks = (
            (not simplified or " " in simplified, "the simplified form is empty or has spaces"),
            (not values["english"], f"{simplified}: no English (the table is for English)"),
            (values["kind"] not in GLOSSARY_KINDS,
             f"kind {values['kind']!r}: one of {', '.join(GLOSSARY_KINDS)}"),
            (values["source"] not in SOURCES,
             f"source {values['source']!r}: one of {', '.join(SOURCES)}"),
        )  # fmt: skip
        for failed, reason in checks:
            if failed:
                raise DataFileError(path, reason, number)
        if simplified in seen:
            reason = f"{simplified} is given twice (first on line {seen[simplified]})"
            raise DataFileError(path, reason, number)
        seen[simplified] = number
        english, kind, source = values["english"], values["kind"], values["source"]
        rows.append(NameRow(simplified, "", "", english, kind, number, source, shown))
    return tuple(rows)


def _shown(path: Path) -> str:
    """data/glossary/names.tsv rather than the absolute path, for messages."""
    root = DATA_DIR.parent
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
