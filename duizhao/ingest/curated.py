"""Curated data the converter reads: data/*.yaml, edited by people, not code.

Sections: public API, then helpers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import yaml

from duizhao.paths import DATA_DIR

# The files this module reads, in data/.
DATA_FILES = ("cleaning.yaml", "publishers.yaml")


@dataclass(frozen=True)
class Cleaning:
    boilerplate: tuple[str, ...]
    credit_markers: tuple[str, ...]
    copyright_markers: tuple[str, ...]
    caption_credit_markers: tuple[str, ...]
    related_markers: tuple[str, ...]
    datelines: tuple[str, ...]


@cache
def cleaning() -> Cleaning:
    raw = _load("cleaning.yaml")
    return Cleaning(**{key: tuple(raw.get(key) or ()) for key in Cleaning.__dataclass_fields__})


def publisher_for_url(url: str) -> str:
    """The publisher whose host (and path prefix) matches the URL; longest prefix wins."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    where = host + parts.path
    best, best_len = "", -1
    for name, prefixes, _ in _publishers():
        for prefix in prefixes:
            prefix_host = prefix.split("/", 1)[0]
            on_host = host == prefix_host or host.endswith("." + prefix_host)
            on_path = where.startswith(prefix) or "/" not in prefix
            if on_host and on_path and len(prefix) > best_len:
                best, best_len = name, len(prefix)
    return best


def publisher_named_in(line: str) -> str:
    """The publisher a copyright or credit line names, or ""."""
    hits = [
        (line.find(alias), name)
        for name, _, aliases in _publishers()
        for alias in aliases
        if alias in line
    ]
    return min(hits)[1] if hits else ""


# --- helpers ----------------------------------------------------------------------------


@cache
def _publishers() -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    entries = _load("publishers.yaml").get("publishers") or []
    return tuple(
        (e["name"], tuple(e.get("hosts") or ()), tuple(e.get("names") or ())) for e in entries
    )


def _load(name: str) -> dict[str, Any]:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def reload() -> None:
    """Forget cached tables, so an edited data file takes effect in a long-lived process."""
    cleaning.cache_clear()
    _publishers.cache_clear()
