"""Seeds of shape 4: a whole web page as a browser or a scraper saves it, with navigation,
adverts, comments and scripts around the article.

readability-lxml finds the article (it returns the page's own HTML of the chosen container,
so tables, lists, figures and players reach the usual body steps as written; trafilatura
drops figures and players by design: the comparison is in the README). The metadata is read
here, from the page's head: JSON-LD `NewsArticle`, `<link rel=canonical>`, `og:*` and
`article:*` meta tags, and a browser's `<!-- saved from url=… -->` line. What readability
leaves above its container (a standfirst, a hero figure) is taken back from the page.

Sections: public API, then metadata, then the body, then helpers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from bs4 import BeautifulSoup, Tag
from readability import Document  # type: ignore[import-untyped]

from duizhao.ingest.bylines import clean_author_field
from duizhao.ingest.curated import outlet_names, publisher_zone
from duizhao.ingest.draft import Draft, local_day
from duizhao.ingest.parse_html import flattened, parse_body, set_url
from duizhao.ingest.restructure import take_bylines_and_credits, take_dek, take_related_boxes
from duizhao.record import Block

# A page starts with a doctype or <html>, after any comments (a browser's "saved from").
_PAGE_START = re.compile(r"\s*(?:<!--[^>]{0,2000}-->\s*){0,5}(?:<!doctype\s+html|<html)", re.I)
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d{1,6}\)(?P<url>https?://[^\s>]{1,2000})")
_TITLE_SEPARATORS = re.compile(r"\s*(?:[|｜_–—]|\s-\s|-{1,2}(?=[^-]{1,40}$))\s*")
_KICKER = 8  # characters: a paragraph this short above the text is a section label
_PARAGRAPH_MIN = 10  # characters: paragraphs shorter than this do not place the article
_DATE_META = (
    "article:published_time", "og:published_time", "publishdate", "pubdate", "publish_date",
    "dcterms.date", "date", "parsely-pub-date", "sailthru.date",
)  # fmt: skip


def is_whole_page(text: str) -> bool:
    return bool(_PAGE_START.match(text[:12_000]))


def parse_page(text: str) -> Draft:
    # Layers nested past any real page's depth go first: readability's scoring walks every
    # node's ancestors, and 3,000 nested <div>s took it minutes.
    soup = flattened(BeautifulSoup(text, "html.parser"))
    ld = list(_news_articles(soup))
    draft = Draft(title=_title(soup, ld))
    set_url(draft, _canonical(soup, ld, text))
    # What readability leaves out of its container: rails of related links, the byline,
    # the editors' and copyright lines, the standfirst.
    take_related_boxes(soup, draft)
    take_bylines_and_credits(soup, draft)
    take_dek(soup, draft)  # the standfirst often stands above readability's container
    body = _body(str(soup), soup)
    parse_body(body, draft)
    while _is_kicker(draft.blocks):
        draft.blocks.pop(0)  # a section name or a label above the article ("社會", "发表时间：")
    if draft.dek:
        draft.blocks = [b for b in draft.blocks if " ".join(b.plain.split()) != draft.dek]
    stamp = _published(soup, ld)
    if stamp:
        day = local_day(stamp, publisher_zone(draft.url)) or (
            stamp[:10] if re.match(r"\d{4}-\d{2}-\d{2}$", stamp[:10]) else ""
        )
        if day:
            draft.set_date(day, "page", "the page's publication date")
    author = _author(soup, ld)  # JSON-LD and meta name the person surer than a byline box
    if author:
        draft.author = author
    if not draft.title:
        raise ValueError("a whole page without a title (no og:title, <h1> or <title>)")
    return draft


def _is_kicker(blocks: list[Block]) -> bool:
    """The first block is a label above the article: a few words, with text after it."""
    if not blocks or blocks[0].kind != "paragraph":
        return False
    text = blocks[0].plain.strip()
    return (
        len(text) <= _KICKER
        and not text.endswith(("。", "！", "？"))
        and any(b.kind == "paragraph" and len(b.plain) > 4 * _KICKER for b in blocks[1:])
    )


# --- metadata ---------------------------------------------------------------------------


def _news_articles(soup: BeautifulSoup) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object of an article type on the page (in @graph lists too)."""
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.get_text())
        except (json.JSONDecodeError, RecursionError):
            continue
        todo = data if isinstance(data, list) else [data]
        for item in todo:
            if not isinstance(item, dict):
                continue
            todo.extend(x for x in item.get("@graph", []) if isinstance(x, dict))
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(str(k).endswith(("Article", "NewsArticle", "BlogPosting")) for k in kinds):
                yield item


def _meta(soup: BeautifulSoup, *names: str) -> str:
    for name in names:
        tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
        if isinstance(tag, Tag) and str(tag.get("content") or "").strip():
            return " ".join(str(tag["content"]).split())
    return ""


def _title(soup: BeautifulSoup, ld: list[dict[str, Any]]) -> str:
    for candidate in (
        *(str(item.get("headline") or "") for item in ld),
        _meta(soup, "og:title", "twitter:title"),
        soup.h1.get_text(" ", strip=True) if soup.h1 else "",
        soup.title.get_text(" ", strip=True) if soup.title else "",
    ):
        title = without_site(" ".join(candidate.split()))
        if title:
            return title
    return ""


def without_site(title: str) -> str:
    """A title without the site's name after it ("… | 聯合新聞網", "…-新华网")."""
    outlets = outlet_names()
    parts = _TITLE_SEPARATORS.split(title)
    while len(parts) > 1 and (
        any(name in parts[-1] for name in outlets)
        or not re.search("[\u4e00-\u9fff]", parts[-1])
        or re.fullmatch(r"[\d年月日\s]{6,20}", parts[-1])
        or len(parts[-1]) <= 6
    ):
        parts.pop()
    return " ".join(" ".join(parts).split()) if parts else title


def _canonical(soup: BeautifulSoup, ld: list[dict[str, Any]], text: str) -> str:
    link = soup.find("link", rel="canonical")
    candidates = [str(link.get("href") or "") if isinstance(link, Tag) else ""]
    candidates.append(_meta(soup, "og:url"))
    for item in ld:
        page = item.get("mainEntityOfPage")
        candidates.append(str(page.get("@id") or "") if isinstance(page, dict) else str(page or ""))
        candidates.append(str(item.get("url") or ""))
    saved = _SAVED_FROM.search(text[:4000])
    candidates.append(saved["url"] if saved else "")
    for candidate in candidates:
        if candidate.startswith(("http://", "https://")):
            return candidate.strip()
    return ""


def _published(soup: BeautifulSoup, ld: list[dict[str, Any]]) -> str:
    for item in ld:
        if isinstance(item.get("datePublished"), str):
            return str(item["datePublished"])
    return _meta(soup, *_DATE_META)


def _author(soup: BeautifulSoup, ld: list[dict[str, Any]]) -> str:
    """A person JSON-LD or the author meta tag names; an outlet or a CMS id is nobody."""
    for item in ld:
        authors = item.get("author")
        listed = authors if isinstance(authors, list) else [authors]
        people = [
            clean_author_field(str(a.get("name") or ""))
            for a in listed
            if isinstance(a, dict) and a.get("@type") != "Organization"
        ]
        people = [p for p in people if p]
        if people:
            return "、".join(people)
    return clean_author_field(_meta(soup, "author", "article:author"))


# --- the body ---------------------------------------------------------------------------


def _body(text: str, soup: BeautifulSoup) -> str:
    """The article's HTML. The page's own container when it marks one (itemprop
    articleBody, else its longest <article>, else <main>) and readability chose nothing
    outside it; else the page's own subtree that holds every paragraph readability chose.
    The page's own markup, not readability's cleaned copy, which drops nested lists, hero
    figures and, on a short page, the article itself; furniture goes in the usual steps."""
    chosen = str(Document(text).summary(html_partial=True))
    wanted = {
        " ".join(p.get_text(" ", strip=True).split())
        for p in BeautifulSoup(chosen, "html.parser").find_all("p")
    }
    wanted = {t for t in wanted if len(t) >= _PARAGRAPH_MIN}
    found = [
        p for p in soup.find_all("p") if " ".join(p.get_text(" ", strip=True).split()) in wanted
    ]
    marked = soup.find(True, attrs={"itemprop": "articleBody"})
    if not isinstance(marked, Tag):
        articles = soup.find_all("article")
        marked = max(articles, key=lambda a: len(a.get_text(strip=True)), default=None)
    if not isinstance(marked, Tag):
        marked = soup.find("main")
    if isinstance(marked, Tag):
        container = marked.find_parent("article") or marked
        if all(container in p.parents for p in found):
            return str(container)
    if not found:
        return chosen
    holder = next((a for a in found[0].parents if all(a in p.parents for p in found[1:])), None)
    if not isinstance(holder, Tag) or holder.name in ("body", "html", "[document]"):
        return chosen
    article = holder if holder.name == "article" else holder.find_parent("article")
    return str(article if isinstance(article, Tag) else holder)
