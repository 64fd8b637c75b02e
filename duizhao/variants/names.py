"""Today's names as Taiwan and Hong Kong write them: data/variants/names.tsv.

Heads of state and government, ministers, heads of international organisations, countries,
cities, companies and their founders whose Taiwan or Hong Kong name is not what plain
conversion gives (特朗普 → 川普 in Taiwan, 特拉斯 → 卓慧思 in Hong Kong). Rows where all
regions agree are left out. Each row says whose usage it follows (Taiwan's CNA or Ministry of
Foreign Affairs; the Hong Kong government or RTHK), its English and kind (the glossary reads
those), and how running text uses it (`text`):

    ""          both ways: a Simplified source gets the regional form, a regional source's
                form reads back as the Simplified one
    oneway      Simplified → region only (雪梨 is also the snow pear)
    readback    region → Simplified only: the Simplified key is ambiguous (哈里斯 is any
                Harris, 賀錦麗 only Kamala Harris; 他信 starts 他信任), so it is never
                rewritten, but the regional form reads back
    glossary    never in running text (富士康 and 鴻海 name different things)

    from duizhao.variants import names
    for row in names.load():
        row.simplified, row.tw, row.hk, row.english, row.kind
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from duizhao.datafiles import DataFileError, numbered_lines
from duizhao.variants.catalogue import DATA_DIR

PATH = DATA_DIR / "names.tsv"
HEADER = (
    "simplified", "tw", "hk", "english", "kind", "tw_source", "hk_source", "note", "text"
)  # fmt: skip
KINDS = ("person", "place", "organisation", "company")
TW_SOURCES = ("", "CNA", "MOFA", "both")
HK_SOURCES = ("", "HKGov", "RTHK", "both")
TEXT_USES = ("", "oneway", "readback", "glossary")


@dataclass(frozen=True)
class Name:
    simplified: str  # the mainland form, the key
    tw: str  # Taiwan's form, "" when plain conversion gives it
    hk: str  # Hong Kong's form, "" when plain conversion gives it
    english: str
    kind: str  # person, place, organisation or company
    tw_source: str  # whose usage the Taiwan form follows: CNA, MOFA, both or ""
    hk_source: str  # HKGov, RTHK, both or ""
    note: str
    text: str  # how running text uses the row: "", oneway, readback or glossary
    line: int  # line in names.tsv, for messages

    @property
    def origin(self) -> str:
        return f"{PATH.name}:{self.line}"

    def form(self, region: str) -> str:
        """The row's form for a region ("tw" or "hk"), "" when it has none."""
        return {"tw": self.tw, "hk": self.hk}.get(region, "")


@cache
def load(path: Path = PATH) -> tuple[Name, ...]:
    """Every row of the names table, checked: a bad row is a DataFileError naming the file
    and the line (a repeated name, an unknown kind, a cell with spaces around it ...)."""
    rows: list[Name] = []
    seen: dict[str, int] = {}
    lines = numbered_lines(path)
    first = next(lines, None)
    if first is None or tuple(first[1].split("\t")) != HEADER:
        raise DataFileError(path, "the first line must be the header: " + " ".join(HEADER), 1)
    for number, line in lines:
        if not line.strip():
            continue
        row = _row(path, number, line)
        if row.simplified in seen:
            reason = f"{row.simplified} is given twice (first on line {seen[row.simplified]})"
            raise DataFileError(path, reason, number)
        seen[row.simplified] = number
        rows.append(row)
    return tuple(rows)


def _row(path: Path, number: int, line: str) -> Name:
    cells = line.split("\t")
    if len(cells) != len(HEADER):
        reason = f"expected {len(HEADER)} tab-separated columns, got {len(cells)}"
        raise DataFileError(path, reason, number)
    values = dict(zip(HEADER, cells, strict=True))
    for key in ("simplified", "tw", "hk"):
        if values[key] != values[key].strip() or "  " in values[key]:
            raise DataFileError(path, f"{key}: white space around or inside a name", number)
    checks = (
        (not values["simplified"], "no simplified form"),
        (not values["tw"] and not values["hk"], "neither a tw nor an hk form: omit the row"),
        (values["kind"] not in KINDS, f"kind must be one of {', '.join(KINDS)}"),
        (values["tw_source"] not in TW_SOURCES, "tw_source must be CNA, MOFA, both or empty"),
        (values["hk_source"] not in HK_SOURCES, "hk_source must be HKGov, RTHK, both or empty"),
        (values["text"] not in TEXT_USES, "text must be empty, oneway, readback or glossary"),
    )
    for failed, reason in checks:
        if failed:
            raise DataFileError(path, reason, number)
    return Name(**values, line=number)


def reload() -> None:
    load.cache_clear()
