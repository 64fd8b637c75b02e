"""The glossary for flashcard programs and spreadsheets: Anki (TSV), Pleco, CSV.

The glossary page links to these as downloads (`page.downloads`). One term per line, in
glossary (pinyin) order; a field's whitespace is collapsed to single spaces, because a tab
or line break inside a field would end the field or the card.

Sections: public API, then helpers.
"""

from __future__ import annotations

import csv
import io

from duizhao.glossary.model import Glossary, Term


def to_csv(glossary: Glossary, dialect: str = "tsv", header: bool = False) -> str:
    """The glossary for flashcard programs, one term per line, in glossary order.

    "tsv": Simplified, Traditional, pinyin, English, then the Taiwan and Hong Kong forms
    where they differ, each with its own reading (普丁 Pǔdīng), tab-separated (Anki: map
    the columns to note fields). "csv": the same columns, comma-separated and quoted as
    needed. "pleco": Pleco's import format, `简体[繁體]<TAB>pinyin<TAB>English`, and a card
    of its own for a regional form with its reading.
    No header row by default: Pleco reads every line as a card, and Anki would import the
    header as a note; `header=True` adds one for spreadsheets ("tsv" and "csv" only).
    """
    rows = [[term.simplified, term.traditional, term.pinyin, term.english, *_regional(term)]
            for term in glossary]  # fmt: skip
    columns = ["Simplified", "Traditional", "Pinyin", "English", "Taiwan", "Taiwan pinyin",
               "Hong Kong", "Hong Kong pinyin"]  # fmt: skip
    if dialect == "pleco":
        if header:
            raise ValueError("the pleco dialect has no header row")
        lines = []
        for simplified, traditional, pinyin, english, *regional in rows:
            headword = _field(simplified)
            if traditional != simplified:
                headword += f"[{_field(traditional)}]"
            lines.append(f"{headword}\t{_field(pinyin)}\t{_field(english)}\n")
            for form, reading in zip(regional[::2], regional[1::2], strict=True):
                if form:  # a card of its own, with its own reading (普丁 Pǔdīng)
                    lines.append(f"{_field(form)}\t{_field(reading)}\t{_field(english)}\n")
        return "".join(lines)
    if dialect == "tsv":
        table = ([columns] if header else []) + rows
        return "".join("\t".join(_field(cell) for cell in row) + "\n" for row in table)
    if dialect == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        if header:
            writer.writerow(columns)
        writer.writerows([[_field(cell) for cell in row] for row in rows])
        return out.getvalue()
    raise ValueError(f"unknown dialect {dialect!r}; valid: tsv, csv, pleco")


def _regional(term: Term) -> list[str]:
    """The Taiwan and Hong Kong forms where they differ from the Traditional one, each with
    its own reading; empty cells where they do not."""
    cells = []
    for tag in ("zh-TW", "zh-HK"):
        form = term.forms.get(tag, "")
        if form and form != term.traditional:
            cells += [form, term.reading(form)]
        else:
            cells += ["", ""]
    return cells


# --- helpers ----------------------------------------------------------------------------


def _field(text: str) -> str:
    return " ".join(text.split())
