"""The names table, data/variants/names.tsv: today's names with their regional forms, English
and kind (people, places, organisations, companies), kept by the variants stage.

Columns: simplified, tw, hk, english, kind, tw_source, hk_source, note (a header row names
them); an empty tw or hk means the region writes the Simplified form's Traditional. The
glossary reads it for what CC-CEDICT lacks: English and kind, and whole names for jieba
(斯塔默 is one word, not 斯塔 + 默). Read strictly (duizhao/datafiles.py): a bad row is one
line naming the file and line. The file may be absent (it arrives with the variants
stage's names work): then the table is empty and the glossary goes without it.

Sections: public API, then helpers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from duizhao.datafiles import DataFileError, numbered_lines
from duizhao.paths import DATA_DIR

NAMES_FILE = DATA_DIR / "variants" / "names.tsv"
_KINDS = {"person": "person", "place": "place", "organisation": "organisation",
          "company": "organisation"}  # fmt: skip
_COLUMNS = ("simplified", "tw", "hk", "english", "kind")


@dataclass(frozen=True)
class NameRow:
    simplified: str
    tw: str  # "" when Taiwan writes the Traditional of the Simplified form
    hk: str
    english: str
    kind: str  # person | place | organisation
    line: int


def name_rows(path: Path | None = None) -> tuple[NameRow, ...]:
    """Every row of the names table; () when the file is absent."""
    return _rows(path or NAMES_FILE)


def by_simplified(path: Path | None = None) -> dict[str, NameRow]:
    """Rows by their Simplified form (the first row of a form wins)."""
    found: dict[str, NameRow] = {}
    for row in name_rows(path):
        found.setdefault(row.simplified, row)
    return found


# --- helpers ----------------------------------------------------------------------------


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
            )
        )
    return tuple(rows)
