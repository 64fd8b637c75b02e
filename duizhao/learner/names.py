"""The names table, data/variants/names.tsv: people, places and organisations a reader meets
in the news, with their Taiwan and Hong Kong forms, English and kind. Another stage keeps it
(it makes the variants' forms); here it makes names one word (特朗普, not 特朗 + 普), gives
them English, and keeps them out of the HSK shares.

A tab-separated file with a header row naming its columns; `simplified` is required,
`english` and `kind` are read when present, others (tw, hk, sources, notes) are not ours.
"#" starts a comment line. A missing file is no error: the layer goes without it. A broken
one is (`DataFileError`, one line naming the file and line).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from duizhao.datafiles import DataFileError, numbered_lines
from duizhao.variants import DATA_DIR

NAMES_FILE = DATA_DIR / "names.tsv"


@dataclass(frozen=True)
class Name:
    simplified: str
    english: str
    kind: str  # person | place | organisation | … as the table says; "" if it does not


def load_names(path: Path | None = None) -> dict[str, Name]:
    """Simplified form -> Name; {} when the file does not exist."""
    path = path or NAMES_FILE
    if not path.is_file():
        return {}
    names: dict[str, Name] = {}
    columns: list[str] = []
    for number, line in numbered_lines(path):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if not columns:
            columns = cells
            if "simplified" not in columns:
                raise DataFileError(path, "the header row has no `simplified` column", number)
            continue
        row = dict(zip(columns, cells, strict=False))
        word = row.get("simplified", "")
        if not word:
            raise DataFileError(path, "no Simplified form in the first column", number)
        if word in names:
            raise DataFileError(path, f"{word} is listed twice", number)
        names[word] = Name(word, row.get("english", ""), row.get("kind", ""))
    return names
