"""duizhao.datafiles: curated files are read strictly, and each error is one line that names
the file, the line and what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

from duizhao.datafiles import DataFileError, load_yaml, numbered_lines, validate


class Term(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    zh: str
    en: str = ""


class Glossary(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    terms: list[Term] = []
    suppress: list[str] = []


CASES = {
    "repeated key": (
        "terms:\n  - zh: 普京\nsuppress: [a]\nsuppress: [b]\n",
        "x.yaml:4: `suppress` is given twice (first on line 3); the second would win",
    ),
    "wrong type": (
        "terms:\n  - zh: 普京\n  - zh: 习近平\n    en: [Xi, x]\n",
        "x.yaml:4: terms.1.en: Input should be a valid string",
    ),
    "tab": ("terms:\n\t- zh: 普京\n", "x.yaml:2: not valid YAML: found character '\\t'"),
    # libyaml lets these tabs through; the file is read by the stricter pure-Python parser.
    "tab after a colon": (
        "terms:\n  - zh: 普京\n  - zh:\t普丁\n",
        "x.yaml:3: not valid YAML: found character '\\t'",
    ),
    "tab before a comment": ("suppress: [a]\t# x\n", "x.yaml:1: not valid YAML: found character"),
    "byte-order mark": ("\ufeffterms: []\n", "x.yaml:1: a byte-order mark (U+FEFF)"),
    "mark inside": ("terms:\n  - zh: \ufeff普京\n", "x.yaml:2: a byte-order mark"),
    "unknown key": ("terms:\n  - zh: 普京\n    eng: Putin\n", "x.yaml:3: terms.0.eng: unknown key"),
    "not UTF-8": ("terms:\n  - zh: 普京\n".encode("gb18030"), "x.yaml:2: not UTF-8"),
}


@pytest.mark.parametrize("case", CASES)
def test_each_slip_is_one_line_naming_file_and_line(case: str, tmp_path: Path) -> None:
    text, expected = CASES[case]
    path = tmp_path / "x.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with pytest.raises(DataFileError) as caught:
        validate(path, load_yaml(path), Glossary)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(str(tmp_path / expected.split(":", 1)[0]))
    assert expected.split("/")[-1] in message.replace(str(tmp_path) + "/", "")


def test_a_good_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("terms:\n  - zh: 普京\n    en: Putin\nsuppress: [的]\n", encoding="utf-8")
    loaded = validate(path, load_yaml(path), Glossary)
    assert loaded.terms[0].en == "Putin" and loaded.suppress == ["的"]


def test_a_table_row_with_a_mark_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tw.tsv"
    path.write_text("普京\t普丁\n\ufeff特朗普\t川普\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"tw.tsv:2: a byte-order mark"):
        list(numbered_lines(path))
