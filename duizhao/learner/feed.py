"""The Atom feed of a variant: feed.xml in its folder, newest articles first.

Made with feedgen (a maintained library, not a string template), so the XML is well-formed
and escaped whatever a title holds. What the W3C feed validator checks and we can check
offline is checked by the tests: a unique, absolute id per entry and for the feed, an
`updated` in RFC 3339 on both, an alternate link per entry, a self link, an author, the
feed's language. The feed's `updated` is its newest entry's date, not the build time, so an
unchanged site makes an unchanged feed.

An entry: the article's title, its date (the source's; Atom needs a time as well: midnight
UTC), its source as author (and its byline, if any), a summary in the variant's script
(the dek, else the first paragraph's first words), and the English of that text where the
translation memory has it, as the entry's content next to the Chinese. Undated articles
are left out: a feed is read by date, and an undated article has none to sort by.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from feedgen.feed import FeedGenerator

from duizhao import variants
from duizhao.english.aligned import english_for
from duizhao.english.memory import Memory
from duizhao.record import Article
from duizhao.variants import localize

LIMIT = 50  # entries: a feed is what is new, not the archive


@dataclass(frozen=True)
class FeedEntry:
    url: str  # absolute
    title: str
    date: str  # ISO date
    source: str
    author: str
    summary: str  # in the variant's script
    english: str  # "" when the memory has none
    lang: str


def atom(
    entries: list[FeedEntry], *, title: str, home: str, self_url: str, lang: str, site: str
) -> str:
    """The feed's XML (UTF-8 text); `entries` in any order, the newest LIMIT are kept."""
    dated = sorted((e for e in entries if e.date), key=lambda e: (e.date, e.url), reverse=True)
    feed = FeedGenerator()
    feed.id(home)
    feed.title(title)
    feed.link(href=home, rel="alternate", type="text/html", hreflang=lang)
    feed.link(href=self_url, rel="self", type="application/atom+xml")
    feed.language(lang)
    feed.author({"name": site})
    feed.generator("duizhao")
    feed.updated(_moment(dated[0].date) if dated else datetime(1970, 1, 1, tzinfo=UTC))
    for item in reversed(dated[:LIMIT]):  # feedgen puts each new entry first
        entry = feed.add_entry()
        entry.id(item.url)
        entry.title(item.title)
        entry.link(href=item.url, rel="alternate", type="text/html", hreflang=item.lang)
        entry.updated(_moment(item.date))
        entry.published(_moment(item.date))
        authors = [item.source or site] + ([item.author] if item.author else [])
        for name in authors:
            entry.author({"name": name})
        if item.summary:
            entry.summary(item.summary)
        if item.english:
            entry.content(
                f'<p lang="{html.escape(item.lang)}">{html.escape(item.summary)}</p>'
                f'<p lang="en">{html.escape(item.english)}</p>',
                type="html",
            )
    return str(feed.atom_str(pretty=True).decode("utf-8"))


def _moment(iso_date: str) -> datetime:
    year, month, day = (int(part) for part in iso_date.split("-"))
    return datetime(year, month, day, tzinfo=UTC)


def entries_for(
    records: list[Article], tag: str, url_of: Callable[[str], str], memory: Memory
) -> list[FeedEntry]:
    """Feed entries of the articles in variant `tag`; `url_of(slug)` is the absolute URL."""
    entries = []
    for article in records:
        if not article.date:
            continue
        shown = localize.localize(article, tag)
        place, summary = _summary_place(shown)
        english = english_for(article, memory).get(place) if place else None
        entries.append(
            FeedEntry(
                url=url_of(article.slug),
                title=shown.title,
                date=article.date,
                source=shown.source,
                author=shown.author,
                summary=summary,
                english=english.target if english else "",
                lang=variants.variant(tag).tag,
            )
        )
    return entries


def newest(summaries: dict[str, str], limit: int = LIMIT) -> list[str]:
    """The slugs of the newest dated articles, given slug -> ISO date ("" when undated)."""
    dated = sorted((date, slug) for slug, date in summaries.items() if date)
    return [slug for _, slug in reversed(dated[-limit:])]


def _summary_place(article: Article, limit: int = 160) -> tuple[str, str]:
    """(memory place, text): the dek, else the first paragraph (cut at `limit` characters)."""
    if article.dek:
        return "dek", article.dek
    for block in article.blocks:
        if block.kind == "paragraph" and block.plain:
            text = block.plain
            return block.id, text if len(text) <= limit else text[:limit] + "……"
    return "", ""
