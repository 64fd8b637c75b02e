"""The glossary's names table, data/glossary/names.tsv (duizhao/glossary/nametable.py):
read strictly, one place per fact beside data/variants/names.tsv, names every region writes
alike, and what it does to the glossary (English, kind, whole names)."""

from __future__ import annotations

from pathlib import Path

import pytest

from duizhao import variants
from duizhao.datafiles import DataFileError
from duizhao.glossary import nametable
from duizhao.variants import names as variant_names

HEADER = "simplified\tenglish\tkind\tsource\tnote\n"


def test_the_table_is_broad_and_every_row_has_english_and_kind() -> None:
    rows = nametable.glossary_rows()
    assert len(rows) >= 500
    assert all(row.english and row.kind in nametable.GLOSSARY_KINDS for row in rows)
    assert {row.kind for row in rows} == set(nametable.GLOSSARY_KINDS)
    assert {row.source for row in rows} <= set(nametable.SOURCES)
    table = nametable.by_simplified()
    assert table["李家超"].english == "John Lee (Lee Ka-chiu)"
    assert table["商务部"].english.startswith("the Ministry of Commerce")  # not "of Trade"
    assert table["特朗普"].tw == "川普"  # the variants table's rows are there too


def test_one_place_per_fact() -> None:
    """A Simplified form is in data/variants/names.tsv (regional forms differ) or in
    data/glossary/names.tsv (all regions write it alike), never in both."""
    regional = {row.simplified for row in variant_names.load()}
    own = {row.simplified for row in nametable.glossary_rows()}
    assert regional and own and not regional & own


def test_a_form_in_both_tables_is_an_error(tmp_path: Path) -> None:
    regional = tmp_path / "variants.tsv"
    regional.write_text("simplified\ttw\thk\tenglish\tkind\n特朗普\t川普\t\tDonald Trump\tperson\n")
    own = tmp_path / "names.tsv"
    own.write_text(HEADER + "李家超\tJohn Lee\tperson\tofficial\t\n特朗普\tT\tperson\tpress\t\n")
    with pytest.raises(DataFileError, match=r"names.tsv:3: 特朗普 is also in .*variants.tsv:2"):
        nametable.name_rows(regional, own)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("simplified\tenglish\tkind\n", r":1: the first row must be the header"),
        (HEADER + "李家超\tJohn Lee\tperson\n", r":2: expected 5 tab-separated cells, got 3"),
        (HEADER + "李家超\tJohn Lee\tpolitician\tofficial\t\n", r":2: kind 'politician'"),
        (HEADER + "李家超\t\tperson\tofficial\t\n", r":2: 李家超: no English"),
        (HEADER + "李家超\tJohn Lee\tperson\twiki\t\n", r":2: source 'wiki'"),
        (HEADER + "李家超 \tJohn Lee\tperson\tofficial\t\n", r":2: white space around a cell"),
        (HEADER + "# a comment\n李家超\tJ\tperson\tpress\t\n李家超\tJ\tperson\tpress\t\n",
         r":4: 李家超 is given twice \(first on line 3\)"),
    ],
)  # fmt: skip
def test_a_bad_row_names_the_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "names.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=r"names\.tsv" + message):
        nametable.glossary_rows(path)


def test_an_absent_table_is_empty(tmp_path: Path) -> None:
    assert nametable.glossary_rows(tmp_path / "absent.tsv") == ()


def test_every_region_writes_the_names_alike() -> None:
    """The table is for names whose regional forms do not differ: a Taiwan or Hong Kong
    article's form reads back to the row's Simplified form (else the name belongs in
    data/variants/names.tsv, where its regional forms are kept)."""
    differ = []
    for row in nametable.glossary_rows():
        for tag, source in (("zh-TW", "tw"), ("zh-HK", "hk")):
            regional = variants.convert(row.simplified, tag)
            back = variants.convert(regional, "zh-Hans", source=source)
            if back != row.simplified:
                differ.append(f"{row.origin}: {row.simplified} → {regional} → {back}")
    assert not differ, differ
