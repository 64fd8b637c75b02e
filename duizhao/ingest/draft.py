"""The mutable article under construction, shared by the seed parsers.

Parsers fill a `Draft`; `duizhao.seeds` turns it into the frozen `Article` (ids, slug, hash).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo

from duizhao.record import Block, Link

# Before this, a date is a scraper's default (epoch 0) or seconds read as milliseconds.
EARLIEST_DATE = date(1980, 1, 1)
# A page may be stamped in a time zone ahead of ours; beyond that, a date is not yet.
_AHEAD = timedelta(days=1)


@dataclass
class Draft:
    title: str = ""
    dek: str = ""
    author: str = ""
    source: str = ""
    url: str = ""
    date: str = ""
    date_origin: str = ""
    section: str = ""
    tags: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    related: list[Link] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def set_date(self, iso: str, origin: str, said_by: str) -> bool:
        """Take `iso` as the article's date if it is a real, plausible one; else warn and
        leave the article undated (a wrong date would misplace it in every listing)."""
        problem = date_problem(iso)
        if problem:
            self.warnings.append(f"{said_by} gives {iso[:40]!r}, {problem}: no date from it")
            return False
        self.date, self.date_origin = iso, origin
        return True


def date_problem(iso: str, today: date | None = None) -> str:
    """Why an ISO date cannot be an article's date, or "" when it can."""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return "not a real date"
    today = today or (datetime.now(UTC) + _AHEAD).date()
    if day > today:
        return "a date in the future"
    if day < EARLIEST_DATE:
        return f"before {EARLIEST_DATE.year}, not a plausible date"
    return ""


def paragraph_block(text: str, plain: str) -> Block:
    return Block(kind="paragraph", id="", text=text, plain=plain)


def local_day(stamp: str, zone: tzinfo) -> str:
    """The ISO day an ISO 8601 stamp falls on where the publisher is: a stamp written with
    its own offset keeps its day; a UTC one (…Z, +00:00) is read in `zone`; "" if no stamp."""
    stamp = stamp.strip()
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return ""
    offset = moment.utcoffset()
    if offset is None or offset:
        return moment.date().isoformat()
    return moment.astimezone(zone).date().isoformat()
