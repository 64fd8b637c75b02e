"""Curated data the converter reads: data/*.yaml, edited by people, not code.

Both files are read strictly (duizhao/datafiles.py): a slip is one line naming the file, the
line and the reason. The byline and caption patterns in cleaning.yaml are compiled here,
once, from their building blocks.

Sections: public API, then the files' shapes, then helpers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta, timezone, tzinfo
from functools import cache, lru_cache
from typing import Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field

from duizhao.datafiles import DataFileError, load_yaml, validate
from duizhao.paths import DATA_DIR

# The files this module reads, in data/.
DATA_FILES = ("cleaning.yaml", "publishers.yaml")

Region = Literal["mainland", "tw", "hk", "sg", "intl"]
# Mainland China, Taiwan, Hong Kong and Singapore all keep UTC+8 all year.
_UTC8 = timezone(timedelta(hours=8), "UTC+8")


@dataclass(frozen=True)
class Cleaning:
    boilerplate: tuple[str, ...]
    credit_markers: tuple[str, ...]
    copyright_markers: tuple[str, ...]
    caption_credit_markers: tuple[str, ...]
    related_markers: tuple[str, ...]
    datelines: tuple[str, ...]
    furniture_lines: tuple[str, ...]
    furniture_classes: tuple[str, ...]
    related_classes: tuple[str, ...]
    related_headings: tuple[str, ...]
    byline_classes: tuple[str, ...]
    dek_classes: tuple[str, ...]
    credit_classes: tuple[str, ...]
    not_credits: tuple[str, ...]
    video_hosts: tuple[str, ...]
    # Compiled: bylines in two passes (known places, then any place), then the ones naming
    # nobody; caption credits.
    bylines: tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]]
    byline_only: tuple[re.Pattern[str], ...]
    caption_credits: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class Publisher:
    name: str
    hosts: tuple[str, ...]
    names: tuple[str, ...]
    region: Region
    script: str
    tz: tzinfo
    english: str = ""  # its name in English (the English reading mode)


@cache
def cleaning() -> Cleaning:
    path = DATA_DIR / "cleaning.yaml"
    raw = validate(path, load_yaml(path), _CleaningFile)
    parts = dict(raw.pattern_parts)
    known_places = "(?:" + "|".join(sorted(set(raw.datelines), key=len, reverse=True)) + ")"

    def compiled(source: str, where: str, place: str = "") -> re.Pattern[str]:
        try:
            return re.compile(_expand(source.replace("{PLACE}", place or "{ANY_PLACE}"), parts))
        except (re.error, KeyError) as error:
            raise DataFileError(path, f"{where}: not a usable pattern ({error})") from None

    bylines = tuple(
        tuple(compiled(s, f"bylines.{n}", place) for n, s in enumerate(raw.bylines))
        for place in (known_places, "{ANY_PLACE}")
    )
    return Cleaning(
        boilerplate=tuple(raw.boilerplate),
        credit_markers=tuple(raw.credit_markers),
        copyright_markers=tuple(raw.copyright_markers),
        caption_credit_markers=tuple(raw.caption_credit_markers),
        related_markers=tuple(raw.related_markers),
        datelines=tuple(raw.datelines),
        furniture_lines=tuple(raw.furniture_lines),
        furniture_classes=tuple(word.lower() for word in raw.furniture_classes),
        related_classes=tuple(word.lower() for word in raw.related_classes),
        related_headings=tuple(raw.related_headings),
        byline_classes=tuple(word.lower() for word in raw.byline_classes),
        dek_classes=tuple(word.lower() for word in raw.dek_classes),
        credit_classes=tuple(word.lower() for word in raw.credit_classes),
        not_credits=tuple(raw.not_credits),
        video_hosts=tuple(raw.video_hosts),
        bylines=(bylines[0], bylines[1]),
        byline_only=tuple(compiled(s, f"byline_only.{n}") for n, s in enumerate(raw.byline_only)),
        caption_credits=tuple(
            compiled(s, f"caption_credits.{n}") for n, s in enumerate(raw.caption_credits)
        ),
    )


def publisher_for_url(url: str) -> str:
    """The publisher's name for the URL: the entry whose host (and path prefix) matches,
    longest prefix first; "" when none does."""
    found = publisher_entry(url)
    return found.name if found else ""


def source_for_url(url: str) -> str:
    """What a page shows as the source: the publisher's name, else the site's domain."""
    return publisher_for_url(url) or (urlsplit(url).hostname or "").removeprefix("www.")


def publisher_entry(url: str) -> Publisher | None:
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    where = host + parts.path
    best, best_len = None, -1
    for entry in publishers():
        for prefix in entry.hosts:
            prefix_host = prefix.split("/", 1)[0]
            on_host = host == prefix_host or host.endswith("." + prefix_host)
            on_path = where.startswith(prefix) or "/" not in prefix
            if on_host and on_path and len(prefix) > best_len:
                best, best_len = entry, len(prefix)
    return best


def publisher_region(url: str, names: list[str]) -> str | None:
    """Where an article's publisher publishes from ("mainland", "tw", "hk", "sg", "intl"):
    by the URL's host first, else by a publisher's name among `names` (a source or
    copyright line); None when neither is known."""
    entry = publisher_of(url, names)
    return entry.region if entry else None


def publisher_english(url: str, source: str) -> str:
    """The English name of an article's publisher (by its URL, else by its source as shown
    in any script), or "" when it is not in data/publishers.yaml."""
    entry = publisher_of(url, [source] if source else [])
    return entry.english if entry else ""


def publisher_of(url: str, names: list[str]) -> Publisher | None:
    """An article's publisher: by the URL's host first, else by a name among `names`."""
    entry = publisher_entry(url) if url else None
    if entry is None:
        for name in names:
            entry = _publisher_named(name)
            if entry is not None:
                break
    return entry


def publisher_zone(url: str) -> tzinfo:
    """The time zone a publisher dates its articles in (UTC+8 unless the entry says)."""
    entry = publisher_entry(url) if url else None
    return entry.tz if entry else _UTC8


def publisher_named_in(line: str) -> str:
    """The publisher a copyright or credit line names, or "". At the same place in the line
    the longer alias wins (TVBS over TVB)."""
    entry = _publisher_named(line)
    return entry.name if entry else ""


def outlet_names() -> tuple[str, ...]:
    """Every name a publisher or an agency goes by: never a person's name."""
    names = {alias for entry in publishers() for alias in (entry.name, *entry.names)}
    names |= {alias for agency in agencies() for alias in agency}
    return tuple(sorted(names, key=len, reverse=True))


@cache
def publishers() -> tuple[Publisher, ...]:
    return tuple(
        Publisher(
            name=e.name,
            hosts=tuple(e.hosts),
            names=tuple(e.names),
            region=e.region,
            script=e.script,
            tz=_zone(e.tz) if e.tz else _UTC8,
            english=e.en,
        )
        for e in _publishers_file().publishers
    )


@cache
def agencies() -> tuple[tuple[str, ...], ...]:
    return tuple((a.name, *a.names) for a in _publishers_file().agencies)


# --- the files' shapes ------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class _CleaningFile(_Strict):
    boilerplate: list[str] = Field(default_factory=list)
    credit_markers: list[str] = Field(default_factory=list)
    copyright_markers: list[str] = Field(default_factory=list)
    caption_credit_markers: list[str] = Field(default_factory=list)
    related_markers: list[str] = Field(default_factory=list)
    datelines: list[str] = Field(default_factory=list)
    pattern_parts: dict[str, str] = Field(default_factory=dict)
    bylines: list[str] = Field(default_factory=list)
    byline_only: list[str] = Field(default_factory=list)
    caption_credits: list[str] = Field(default_factory=list)
    furniture_lines: list[str] = Field(default_factory=list)
    furniture_classes: list[str] = Field(default_factory=list)
    related_classes: list[str] = Field(default_factory=list)
    related_headings: list[str] = Field(default_factory=list)
    byline_classes: list[str] = Field(default_factory=list)
    dek_classes: list[str] = Field(default_factory=list)
    credit_classes: list[str] = Field(default_factory=list)
    not_credits: list[str] = Field(default_factory=list)
    video_hosts: list[str] = Field(default_factory=list)


class _PublisherEntry(_Strict):
    name: str = Field(min_length=1)
    hosts: list[str] = Field(default_factory=list)
    names: list[str] = Field(default_factory=list)
    region: Region
    script: Literal["hans", "tw", "hk"]
    tz: str = ""
    en: str = ""
    status: Literal["", "defunct"] = ""


class _Agency(_Strict):
    name: str = Field(min_length=1)
    names: list[str] = Field(default_factory=list)


class _PublishersFile(_Strict):
    publishers: list[_PublisherEntry]
    agencies: list[_Agency] = Field(default_factory=list)


@cache
def _publishers_file() -> _PublishersFile:
    path = DATA_DIR / "publishers.yaml"
    loaded = validate(path, load_yaml(path), _PublishersFile)
    for number, entry in enumerate(loaded.publishers):
        if entry.tz:
            try:
                _zone(entry.tz)
            except ZoneInfoNotFoundError:
                reason = f"publishers.{number}.tz: {entry.tz!r} is not an IANA time zone"
                raise DataFileError(path, reason) from None
    return loaded


# --- helpers ----------------------------------------------------------------------------

_PART = re.compile(r"\{([A-Z_]+)\}")


def _expand(source: str, parts: dict[str, str]) -> str:
    """Replace {NAME} building blocks (which may use others) until none is left."""
    for _ in range(10):
        expanded = _PART.sub(lambda m: parts[m.group(1)], source)
        if expanded == source:
            return expanded
        source = expanded
    raise KeyError("building blocks refer to each other in a circle")


@lru_cache(maxsize=4096)
def _publisher_named(line: str) -> Publisher | None:
    # Remembered: the home and tags pages ask for every card's source, every run.
    hits = [
        (line.find(alias), -len(alias), number)
        for number, entry in enumerate(publishers())
        for alias in entry.names
        if alias and alias in line
    ]
    return publishers()[min(hits)[2]] if hits else None


@cache
def _zone(name: str) -> tzinfo:
    return ZoneInfo(name)


def reload() -> None:
    """Forget cached tables, so an edited data file takes effect in a long-lived process."""
    for cached in (cleaning, publishers, agencies, _publishers_file, _publisher_named):
        cached.cache_clear()
