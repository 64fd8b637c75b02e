"""The variant list and the OpenCC recipes, read from data/variants/variants.yaml.

This is the one place the code learns which variants exist (zh-Hans, zh-Hant, zh-TW, zh-HK),
what each is called, where its pages live and which source script becomes it through which
of OpenCC's stock configs. Templates and the browser script get the list from the build
(`duizhao.site.context`), never from a copy of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import opencc

from duizhao import paths
from duizhao.datafiles import load_yaml

DATA_DIR = paths.DATA_DIR / "variants"
CATALOGUE = DATA_DIR / "variants.yaml"


class CatalogueError(ValueError):
    """data/variants/variants.yaml cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class Variant:
    tag: str  # BCP 47: "zh-Hans", "zh-Hant", "zh-TW", "zh-HK"
    path: str  # URL folder: "zh-hans", "zh-hant", "zh-tw", "zh-hk"
    short: str  # toggle label: "简", "繁", "臺", "港"
    name: str  # full name for screen readers, in the variant's own script
    english: str  # its name in English: "Taiwan Chinese"
    script: str  # "hans" (Simplified characters) or "hant" (Traditional)
    region: str  # "tw", "hk", or "" for a variant without regional vocabulary
    material: str  # Material's interface language for its pages: "zh", "zh-Hant", "zh-TW"
    glyphs: str  # CJK font glyphs its pages ask for: "sc", "tc" or "hk"
    quotes: str  # its quotation marks: outer opening, closing, inner opening, closing


@dataclass(frozen=True)
class Catalogue:
    variants: tuple[Variant, ...]
    # (source script, variant tag) -> OpenCC stock configs run in a row
    recipes: dict[tuple[str, str], tuple[str, ...]]

    @property
    def sources(self) -> tuple[str, ...]:
        """Scripts a source can be written in: "hans", "hant", and one per region."""
        return tuple(dict.fromkeys(source for source, _ in self.recipes))


_VARIANT_KEYS = (
    "tag", "path", "short", "name", "english", "script", "region", "material", "glyphs",
    "quotes",
)  # fmt: skip
QUOTE_MARKS = "“”‘’「」『』"
GLYPHS = ("sc", "tc", "hk")


@cache
def catalogue() -> Catalogue:
    return load_catalogue(CATALOGUE)


def load_catalogue(path: Path) -> Catalogue:
    """Read and check a catalogue file: every error names the file and the entry, and the
    line where YAML itself is broken (a byte-order mark, a tab, a key given twice: see
    duizhao/datafiles.py)."""
    data = load_yaml(path)
    if not isinstance(data, dict) or set(data) != {"variants", "recipes"}:
        raise CatalogueError(f"{path}: expected the keys `variants` and `recipes`")
    rows = data["variants"]
    if not isinstance(rows, list) or not rows:
        raise CatalogueError(f"{path}: `variants` must be a non-empty list")
    variants = tuple(_variant(row, f"{path}: variant {n}") for n, row in enumerate(rows, 1))
    for key in ("tag", "path"):
        values = [getattr(v, key).lower() for v in variants]
        if len(set(values)) != len(values):
            raise CatalogueError(f"{path}: two variants share a {key}")
    recipes = _recipes(data["recipes"], variants, path)
    return Catalogue(variants, recipes)


def _variant(row: Any, where: str) -> Variant:
    if not isinstance(row, dict) or set(row) != set(_VARIANT_KEYS):
        raise CatalogueError(f"{where}: expected exactly the keys {', '.join(_VARIANT_KEYS)}")
    values = {key: row[key] if row[key] is not None else "" for key in _VARIANT_KEYS}
    if not all(isinstance(value, str) for value in values.values()):
        raise CatalogueError(f"{where}: every value must be text")
    if not all(values[key] for key in _VARIANT_KEYS if key != "region"):
        raise CatalogueError(f"{where}: only `region` may be empty")
    if values["script"] not in ("hans", "hant"):
        raise CatalogueError(f"{where}: `script` is hans or hant, not {values['script']!r}")
    if values["glyphs"] not in GLYPHS:
        raise CatalogueError(f"{where}: `glyphs` is one of {', '.join(GLYPHS)}")
    quotes = values["quotes"]
    if len(quotes) != 4 or not set(quotes) <= set(QUOTE_MARKS) or len(set(quotes)) != 4:
        raise CatalogueError(
            f"{where}: `quotes` is four of {QUOTE_MARKS}: outer pair, then inner pair"
        )
    return Variant(**values)


def _recipes(
    data: Any, variants: tuple[Variant, ...], path: Path
) -> dict[tuple[str, str], tuple[str, ...]]:
    if not isinstance(data, dict):
        raise CatalogueError(f"{path}: `recipes` must map a source script to its targets")
    wanted = {"hans", "hant"} | {v.region for v in variants if v.region}
    if set(data) != wanted:
        raise CatalogueError(
            f"{path}: `recipes` must have exactly the sources {', '.join(sorted(wanted))}"
        )
    known = set(opencc.CONFIGS) | {name.removesuffix(".json") for name in opencc.CONFIGS}
    recipes: dict[tuple[str, str], tuple[str, ...]] = {}
    for source, targets in data.items():
        tags = {v.tag for v in variants}
        if not isinstance(targets, dict) or set(targets) != tags:
            raise CatalogueError(f"{path}: recipes.{source} must name every variant once")
        regions = {v.tag: v.region for v in variants}
        for tag, steps in targets.items():
            where = f"{path}: recipes.{source}.{tag}"
            if not isinstance(steps, list):
                raise CatalogueError(f"{where}: a list of OpenCC configs")
            if not steps and regions[tag] != source:
                raise CatalogueError(
                    f"{where}: only a region's own variant may convert nothing ([])"
                )
            for step in steps:
                name, _, cut = str(step).partition("[")
                if name not in known:
                    raise CatalogueError(f"{where}: {step!r} is not an OpenCC config")
                if cut and not re.fullmatch(r"\d*:\d*\]", cut):
                    raise CatalogueError(f"{where}: {step!r}: a slice is [start:end]")
            recipes[source, tag] = tuple(str(step) for step in steps)
    return recipes


# --- what the rest of the code asks -------------------------------------------------------


def all_variants() -> tuple[Variant, ...]:
    return catalogue().variants


@cache
def variant(tag_or_path: str) -> Variant:
    """The variant with this BCP 47 tag or URL folder, in any letter case."""
    wanted = tag_or_path.strip().lower()
    for each in all_variants():
        if wanted in (each.tag.lower(), each.path):
            return each
    valid = ", ".join(v.tag for v in all_variants())
    raise ValueError(f"unknown variant {tag_or_path!r}; valid variants: {valid}")


@cache
def sources() -> tuple[str, ...]:
    return catalogue().sources


def check_source(source: str) -> str:
    if source not in sources():
        raise ValueError(f"unknown source {source!r}; valid: {', '.join(sources())}, auto")
    return source


def recipe(source: str, target: str) -> tuple[str, ...]:
    return catalogue().recipes[source, target]


def region_of(tag: str) -> str:
    """The region of a variant ("tw" for zh-TW), "" for one without regional vocabulary."""
    return variant(tag).region


def tag_of_region(region: str) -> str:
    return next(v.tag for v in all_variants() if v.region == region)


def neutral_traditional() -> str:
    """The tag of the Traditional variant without regional vocabulary (zh-Hant)."""
    return next(v.tag for v in all_variants() if v.script == "hant" and not v.region)


def regions() -> tuple[str, ...]:
    return tuple(v.region for v in all_variants() if v.region)


@cache
def stock(name: str) -> opencc.OpenCC:
    """One of OpenCC's stock converters, loaded once."""
    return opencc.OpenCC(name)
