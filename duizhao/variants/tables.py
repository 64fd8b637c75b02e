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

from duizhao.datafiles import DataFileError, numbered_lines
from duizhao.variants import names
from duizhao.variants.catalogue import (
    DATA_DIR,
    neutral_traditional,
    recipe,
    region_of,
    regions,
    tag_of_region,
    variant,
)
from duizhao.variants.reviewed import reviewed_stock

FLAGS = frozenset({"", "oneway", "alias", "guard"})


@dataclass(frozen=True)
class Row:
    """One line of a data file: `key<TAB>value[<TAB>flag]`."""

    key: str
    value: str
    flag: str  # "", "oneway", "alias" or "guard" (see data/variants/tw.tsv)
    origin: str  # "tw.tsv:12", for error messages and test ids
    path: str = field(default="", compare=False)  # the file, for one-line errors


def table_names() -> tuple[str, ...]:
    """The data files, by name (data/variants/<name>.tsv)."""
    return ("hans", *regions(), "corrections")


def load_table(name_or_path: str | Path) -> tuple[Row, ...]:
    """Parse a data file: a table name from `table_names()` or a path.

    Strict: a byte-order mark, a malformed row, an unknown flag or a key given twice is a
    DataFileError naming the file and the line, never silently taken (a row starting with a
    byte-order mark would never match)."""
    path = Path(name_or_path)
    if path.suffix != ".tsv":
        path = DATA_DIR / f"{name_or_path}.tsv"
    rows = []
    seen: dict[tuple[str, str], int] = {}
    for number, line in numbered_lines(path):
        row = _parse_row(line, path, number)
        if row is None:
            continue
        # A key has one main form per table; an alias may repeat a key, not a value.
        identity = (row.key, row.value if row.flag == "alias" else "")
        if identity in seen:
            what = f"{row.key} → {row.value}" if row.flag == "alias" else row.key
            raise DataFileError(
                path, f"{what} is given twice (first on line {seen[identity]})", number
            )
        seen[identity] = number
        rows.append(row)
    return tuple(rows)


def _parse_row(line: str, path: Path, number: int) -> Row | None:
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
        raise DataFileError(path, f"expected from<TAB>to[<TAB>flag], got {line!r}", number)
    flag = fields[2] if len(fields) == 3 else ""
    if flag not in FLAGS:
        raise DataFileError(path, f"unknown flag {flag!r}; valid: oneway, alias, guard", number)
    if not all(_is_term(term) for term in fields[:2]):
        reason = f"a term must not contain spaces or ASCII punctuation: {line!r}"
        raise DataFileError(path, reason, number)
    return Row(fields[0], fields[1], flag, f"{path.name}:{number}", str(path))


def _is_term(text: str) -> bool:
    # No white space and no ASCII punctuation: span protection relies on no dictionary word
    # reaching across a span's edge (a backtick, a quote, "://", a bracket). Letters and
    # digits may appear (C罗, Google).
    return not any(ch.isspace() or (ch.isascii() and not ch.isalnum()) for ch in text)


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
        return str(reviewed_stock(recipe("hans", target)[0]).convert(self.hans))

    def accepted(self, target: str) -> set[str]:
        """Spellings the target already accepts: these are left alone."""
        return {self.form(target)} | self.aliases.get(region_of(target), set())

    def spellings_from(self, source: str) -> set[str]:
        """Spellings a Traditional source may use for this term: the neutral form, and the
        forms of the source's own region (of every region for a source of no known region).
        A Hong Kong article is not read as if it used Taiwan's names: 獅子山 is Hong Kong's
        Lion Rock, Taiwan's Sierra Leone."""
        own = [r for r in regions() if source in (r, "hant")]
        forms = {self.form(neutral_traditional())}
        for region in own:
            forms.add(self.form(tag_of_region(region)))
            forms |= self.aliases.get(region, set())
        for region in self.oneway:  # e.g. 雪梨 is also a pear: never read back as 悉尼
            if self.regional[region] != self.form(neutral_traditional()):
                forms.discard(self.regional[region])
        return forms


@cache
def concepts() -> tuple[Concept, ...]:
    """Every term of the regional tables and the names table, keyed by its Simplified form.

    One place per fact: a term's main form for a region comes from one row, in names.tsv or
    in the region's table, never both (a DataFileError names the two lines)."""
    found: dict[str, Concept] = {}
    main_from: dict[tuple[str, str], str] = {}  # (key, region) -> origin of its main form

    def main_form(concept: Concept, region: str, value: str, origin: str, path: Path) -> None:
        earlier = main_from.get((concept.hans, region))
        if earlier is not None:
            line = int(origin.rpartition(":")[2])
            reason = f"{concept.hans} already has a {region} form ({earlier}): give it once"
            raise DataFileError(path, reason, line)
        main_from[concept.hans, region] = origin
        concept.regional[region] = value

    for name in names.load():
        if name.text == "glossary":
            continue
        for region in regions():
            form = name.form(region)
            if not form:
                continue
            concept = found.setdefault(name.simplified, Concept(name.simplified, name.origin))
            if name.text == "readback":
                concept.aliases.setdefault(region, set()).add(form)
                continue
            main_form(concept, region, form, name.origin, names.PATH)
            if name.text == "oneway":
                concept.oneway.add(region)
    for region in regions():
        for row in load_table(region):
            concept = found.setdefault(row.key, Concept(row.key, row.origin))
            if row.flag == "alias":
                concept.aliases.setdefault(region, set()).add(row.value)
                continue
            main_form(concept, region, row.value, row.origin, Path(row.path))
            if row.flag == "oneway":
                concept.oneway.add(region)
    return tuple(found.values())


def regional_spellings(term: str) -> dict[str, tuple[str, ...]]:
    """Every spelling each region's tables give a Simplified term: region → (main form,
    other spellings read back...). Empty for a term the tables do not know (plain
    conversion writes it; `duizhao.variants.spellings` covers that case too)."""
    for concept in concepts():
        if concept.hans == term:
            return {
                region: tuple(
                    dict.fromkeys(
                        [*([concept.regional[region]] if region in concept.regional else []),
                         *sorted(concept.aliases.get(region, ()))]
                    )
                )
                for region in regions()
                if region in concept.regional or concept.aliases.get(region)
            }  # fmt: skip
    return {}
