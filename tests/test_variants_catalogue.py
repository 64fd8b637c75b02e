"""data/variants/variants.yaml is read strictly too: a slip is one line naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from duizhao.datafiles import DataFileError
from duizhao.variants.catalogue import CATALOGUE, CatalogueError, load_catalogue


def test_the_bundled_catalogue_loads() -> None:
    assert [v.tag for v in load_catalogue(CATALOGUE).variants] == [
        "zh-Hans", "zh-Hant", "zh-TW", "zh-HK"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "error", "reason"),
    [
        (lambda text: "\ufeff" + text, DataFileError, ":1: a byte-order mark"),
        (lambda text: text + "recipes: {}\n", DataFileError, "`recipes` is given twice"),
        (
            lambda text: text.replace("quotes: 「」『』}", "quotes: 「」}", 1),
            CatalogueError,
            "`quotes` is four of",
        ),
        (
            lambda text: text.replace("zh-TW: [s2twp]", "zh-TW: []", 1),
            CatalogueError,
            "only a region's own variant may convert nothing",
        ),
        (
            lambda text: text.replace('zh-TW: ["s2twp[1:]"]', 'zh-TW: ["s2twp[one]"]', 1),
            CatalogueError,
            "a slice is [start:end]",
        ),
    ],
)
def test_a_catalogue_slip_names_the_file(
    tmp_path: Path, change: object, error: type[Exception], reason: str
) -> None:
    path = tmp_path / "variants.yaml"
    path.write_text(change(CATALOGUE.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]
    with pytest.raises(error) as raised:
        load_catalogue(path)
    message = str(raised.value)
    assert "\n" not in message and message.startswith(str(path))
    assert reason in message
