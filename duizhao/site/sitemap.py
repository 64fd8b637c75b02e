"""Sitemaps that name each page's script variants (hreflang), for search engines.

The variants of a page are announced here, with `xhtml:link rel="alternate"`, rather than as
`<link rel="alternate">` in every page's <head>: Material's script fetches a `sitemap.xml`
beside the address of each such link (for its own language selector), which for our pages
meant five requests per page view, four of them for files that cannot exist. Search engines
read hreflang from sitemaps as well as from pages.

One sitemap for the site, and one per variant folder: Material also fetches `sitemap.xml`
from the search scope of the page (its `base`), which is the variant's folder.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin
from xml.sax.saxutils import escape, quoteattr

from duizhao.site.context import sitemap_alternates, variant_of


@dataclass(frozen=True)
class Entry:
    loc: str  # absolute URL
    lastmod: str = ""  # YYYY-MM-DD
    alternates: dict[str, str] = field(default_factory=dict)  # hreflang -> absolute URL


def sitemap(entries: Iterable[Entry]) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for entry in entries:
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(entry.loc)}</loc>")
        if entry.lastmod:
            lines.append(f"    <lastmod>{escape(entry.lastmod)}</lastmod>")
        for lang, url in entry.alternates.items():
            link = f"hreflang={quoteattr(lang)} href={quoteattr(url)}"
            lines.append(f'    <xhtml:link rel="alternate" {link}/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def sitemaps(pages: Iterable[tuple[str, str]], site_url: str) -> dict[str, str]:
    """The site's sitemap ("" folder) and one per variant folder, from (page URL relative to
    the site, last modified "YYYY-MM-DD" or "") pairs; each page with its variants."""
    listed: dict[str, list[Entry]] = {"": []}
    for url, lastmod in pages:
        entry = Entry(urljoin(site_url or "/", url), lastmod, sitemap_alternates(url, site_url))
        listed[""].append(entry)
        current = variant_of(url)
        if current is not None:
            listed.setdefault(current.path, []).append(entry)
    return {folder: sitemap(sorted(e, key=lambda x: x.loc)) for folder, e in listed.items()}
