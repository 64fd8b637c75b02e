"""Our own conversion knowledge: the rows of data/variants/*.tsv and the terms they make.

A table is one `from<TAB>to[<TAB>flag]` row per line, with "#" comments (see the header of
data/variants/tw.tsv). Regional tables (one per region of the catalogue: tw.tsv, hk.tsv) are
keyed by the mainland Simplified form, a "concept"; `hans.tsv` normalises Traditional or
Taiwan spellings slipped into Simplified text; `corrections.tsv` fixes OpenCC's
mis-segmentations when it writes Traditional.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from duizhao.variants.catalogue import (
    DATA_DIR,
    neutral_traditional,
    recipe,
    region_of,
    regions,
    stock,
    tag_of_region,
    variant,
)

FLAGS = frozenset({"", "oneway", "alias", "guard"})


@dataclass(frozen=True)
class Row:
    """One line of a data file: `key<TAB>value[<TAB>flag]`."""

    key: str
    value: str
    flag: str  # "", "oneway", "alias" or "guard" (see data/variants/tw.tsv)
    origin: str  # "tw.tsv:12", for error messages and test ids


def table_names() -> tuple[str, ...]:
    """The data files, by name (data/variants/<name>.tsv)."""
    return ("hans", *regions(), "corrections")


def load_table(name_or_path: str | Path) -> tuple[Row, ...]:
    """Parse a data file: a table name from `table_names()` or a path. Errors name file and
    line."""
    path = Path(name_or_path)
    if path.suffix != ".tsv":
        path = DATA_DIR / f"{name_or_path}.tsv"
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        row = _parse_row(line, f"{path.name}:{number}")
        if row is not None:
            rows.append(row)
    return tuple(rows)


def _parse_row(line: str, origin: str) -> Row | None:
    fields = []
    for item in line.split("\t"):
        if item.lstrip().startswith("#"):
            break  # the rest of the line is a comment
        fields.append(item.strip())
    while fields and not fields[-1]:
        fields.pop()
    if not fields:
        return None
    if len(fields) not in (2, 3) or not all(fields[:2]):
        raise ValueError(f"{origin}: expected from<TAB>to[<TAB>flag], got {line!r}")
    flag = fields[2] if len(fields) == 3 else ""
    if flag not in FLAGS:
        raise ValueError(f"{origin}: unknown flag {flag!r}; valid: oneway, alias, guard")
    if not all(_is_term(term) for term in fields[:2]):
        raise ValueError(f"{origin}: a term must not contain spaces or ASCII: {line!r}")
    return Row(fields[0], fields[1], flag, origin)


def _is_term(text: str) -> bool:
    # No ASCII: span protection relies on no dictionary word holding ASCII punctuation,
    # and Latin letters never need converting.
    return not any(ch.isspace() or ch.isascii() for ch in text)


@dataclass
class Concept:
    """A term from the regional tables, keyed by its mainland Simplified form."""

    hans: str
    origin: str
    regional: dict[str, str] = field(default_factory=dict)  # region -> main form
    oneway: set[str] = field(default_factory=set)  # regions whose main form is not read back
    aliases: dict[str, set[str]] = field(default_factory=dict)  # region -> other spellings

    def form(self, target: str) -> str:
        """How the target variant writes this term."""
        region = region_of(target)
        if region in self.regional:
            return self.regional[region]
        if variant(target).script == "hans":
            return self.hans
        return str(stock(recipe("hans", target)[0]).convert(self.hans))

    def accepted(self, target: str) -> set[str]:
        """Spellings the target already accepts: these are left alone."""
        return {self.form(target)} | self.aliases.get(region_of(target), set())

    def traditional_spellings(self) -> set[str]:
        """Spellings a Traditional source may use for this term."""
        tags = [neutral_traditional(), *(tag_of_region(region) for region in regions())]
        forms = {self.form(tag) for tag in tags}
        for region in self.oneway:  # e.g. 雪梨 is also a pear: never read back as 悉尼
            if self.regional[region] != self.form(neutral_traditional()):
                forms.discard(self.regional[region])
        for spellings in self.aliases.values():
            forms |= spellings
        return forms


@cache
def concepts() -> tuple[Concept, ...]:
    found: dict[str, Concept] = {}
    for region in regions():
        for row in load_table(region):
            concept = found.setdefault(row.key, Concept(row.key, row.origin))
            if row.flag == "alias":
                concept.aliases.setdefault(region, set()).add(row.value)
                continue
            if region in concept.regional:
                raise ValueError(f"{row.origin}: {row.key} already has a {region} form")
            concept.regional[region] = row.value
            if row.flag == "oneway":
                concept.oneway.add(region)
    return tuple(found.values())
