"""Seeds of shape 3: `<!--epoch-ms-->`, `[title](url)`, `------`, then an HTML body; and
the body of every HTML-bearing seed (whole pages and JSON exports come here too).

The body goes through three steps, each with a well-kept library and no regex on HTML:
1. `restructure` (duizhao/ingest/restructure.py, BeautifulSoup on the raw page): dates,
   furniture, related boxes, media cards, figures;
2. `nh3.clean`: everything not on a short allowlist goes (scripts, styles, handlers, iframes,
   forms, non-http URLs);
3. `_blocks` (BeautifulSoup on the sanitised HTML): paragraphs, headings, lists, quotes,
   tables, definition lists, figures and media cards in document order, inline content
   through markdownify with our escaping.

Sections: public API, then the blocks, then finishing, then helpers.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import nh3
from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString

from duizhao.ingest import structure
from duizhao.ingest.bylines import byline_paragraph, find_author, split_caption
from duizhao.ingest.curated import (
    agencies,
    cleaning,
    outlet_names,
    publisher_named_in,
    publisher_zone,
    source_for_url,
)
from duizhao.ingest.draft import Draft, paragraph_block
from duizhao.ingest.restructure import original_image, restructure
from duizhao.inline import escape, html_to_markdown, safe_url, strip_invisible
from duizhao.record import Block, Link, Media

_EPOCH = re.compile(r"^<!--\s*(?P<value>.*?)\s*-->$")
# The URL may hold parentheses (javascript:alert(1) must parse, to be dropped by safe_url).
_TITLE_LINK = re.compile(r"^\[(?P<title>.+)\]\((?P<url>\S*)\)$")
_RULE = re.compile(r"^-{3,}$")
_AUTHOR_IN_CREDITS = re.compile(r"记者(?P<name>[\u4e00-\u9fff·]{2,12}?)\s*(?P<place>\S*?)报道")
_SHORT = 120  # characters: a paragraph this short can be furniture or a caption
_HEADING_MAX = 40
_MAX_DEPTH = 64  # levels of tags kept; real pages use about 20
# Milliseconds since 1970, ASCII digits only (int() would also take "１２" or "1_000").
_EPOCH_MS = re.compile(r"[0-9]+")
# A paragraph that is only a time stamp ("2025-04-01 HKT 11:42", "2025年03月25日 07:48").
_STAMP = re.compile(
    r"^(?:[^|｜\d]{1,12}[|｜]\s?)?(?:(?:发布|發布|更新)?(?:时间|時間|日期)\s?[:：]\s?)?"
    r"\d{4}\s?[-/.年]\s?\d{1,2}\s?[-/.月]\s?\d{1,2}\s?日?(?:\s?星期.)?"
    r"(?:\s{0,3}[A-Za-z]{0,4}\s{0,3}\d{1,2}:\d{2}(?::\d{2})?)?"
    r"(?:\s?[（(][^）)]{1,24}[）)])?(?:\s?[|｜][^|｜]{1,20})?"
    r"(?:\s{0,3}(?:来源|來源)\s?[:：]\s?[^\s:：]{1,20})?$"
)

_ALLOWED_TAGS = set(
    "p br h1 h2 h3 h4 h5 h6 ul ol li blockquote figure figcaption cite img a strong b em i "
    "small div section main article span hr code sup sub table caption thead tbody tfoot tr "
    "th td dl dt dd".split()
)
_ALLOWED_ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt"},
    "ol": {"start"},
    "td": {"colspan"},
    "th": {"colspan"},
    "figure": structure.MEDIA_ATTRIBUTES,
}
_BLOCK_TAGS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "blockquote",
    "figure",
    "table",
    "dl",
}
_CONTAINERS = {"div", "section", "main", "article"}
# A line that is only names in brackets: "（路透社、德新社）".
_WIRE = re.compile(r"^[（(](?P<names>[^（）()]{1,60})[）)]$")


def split_header(text: str) -> tuple[str, str, str, str]:
    """(epoch text, title, url, html) of a shape-3 seed; ValueError saying which line is off."""
    lines = text.lstrip("\n").split("\n", 3)
    if len(lines) < 3:
        raise ValueError("an HTML seed needs an epoch line, a [title](url) line and a ------ line")
    epoch = _EPOCH.match(lines[0].strip())
    title = _TITLE_LINK.match(lines[1].strip())
    if not epoch:
        raise ValueError("line 1 is not an <!--epoch-ms--> comment")
    if not title:
        if lines[1].strip().startswith("[]("):
            raise ValueError("line 2 has an empty title: []( … )")
        raise ValueError(f"line 2 is not a [title](url) link: {lines[1].strip()[:80]!r}")
    if not _RULE.match(lines[2].strip()):
        raise ValueError(f"line 3 is not a ------ line: {lines[2].strip()[:80]!r}")
    return (
        epoch["value"],
        title["title"].strip(),
        title["url"].strip(),
        (lines[3] if len(lines) > 3 else ""),
    )


def parse_html_seed(text: str) -> Draft:
    epoch_text, title, url, html = split_header(text)
    draft = Draft(title=" ".join(title.split()))
    set_url(draft, url)
    parse_body(html, draft)
    draft.title = without_site_name(draft.title)
    _date_from_epoch(draft, epoch_text)
    return draft


def set_url(draft: Draft, url: str) -> None:
    """The article's original address (http(s) only, without tracking parameters: two
    copies of one story shared through different apps are one story) and its source."""
    draft.url = without_tracking(safe_url(url))
    if url and not draft.url:
        draft.warnings.append(f"ignored an original URL that is not http(s): {url[:80]!r}")
    draft.source = source_for_url(draft.url) if draft.url else ""


def parse_body(html: str, draft: Draft) -> None:
    """The blocks of an article's HTML body, into `draft` (with author, credits, related)."""
    soup = flattened(BeautifulSoup(html, "html.parser"))
    restructure(soup, draft)
    clean = nh3.clean(
        str(soup),
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https"},
        link_rel=None,
        strip_comments=True,
    )
    _blocks(_visible(BeautifulSoup(clean, "html.parser")), draft)


# --- the blocks -------------------------------------------------------------------------


def flattened(soup: BeautifulSoup) -> BeautifulSoup:
    """Unwrap tags nested deeper than `_MAX_DEPTH`, and emphasis inside the same emphasis.

    No article needs such depth, and 3,000 nested <b> would exhaust the recursion of the steps
    below (our block walk, markdownify) and stop the whole run. A deep paragraph, heading or
    list that holds no other block stays a block, so the paragraphs keep their breaks; only
    the layers around it go, and their text stays where it was. Walked without recursion."""
    order: list[tuple[Tag, Tag, int]] = []  # (tag, parent, depth), parents first
    stack: list[tuple[Tag, int]] = [(soup, 0)]
    while stack:
        node, depth = stack.pop()
        for child in node.children:
            if isinstance(child, Tag):
                order.append((child, node, depth))
                stack.append((child, depth + 1))
    holds_block: set[int] = set()  # id() of tags with a block tag somewhere inside
    deep: list[Tag] = []
    for tag, parent, depth in reversed(order):  # children before their parents
        is_block = tag.name in _BLOCK_TAGS
        if depth >= _MAX_DEPTH and not (is_block and id(tag) not in holds_block):
            deep.append(tag)
        if is_block or id(tag) in holds_block:
            holds_block.add(id(parent))
    for tag in deep:  # deepest first: each unwrap then moves a small subtree
        tag.unwrap()
    for names in (("b", "strong"), ("i", "em")):
        # <b><b>x</b></b> would be ****x**** in Markdown: the outer one says it all
        for tag in soup.find_all(names):
            if tag.find_parent(names) is not None:
                tag.unwrap()
    return soup


def _visible(soup: BeautifulSoup) -> BeautifulSoup:
    """Bidi overrides and zero-width characters written as entities (`&#x202E;`) exist only
    once the HTML is parsed: the seed's decoding never saw them. Drop them here."""
    for node in soup.find_all(string=True):
        cleaned = strip_invisible(str(node))
        if cleaned != node:
            node.replace_with(NavigableString(cleaned))
    for img in soup.find_all("img", alt=True):
        img["alt"] = strip_invisible(str(img["alt"]))
    return soup


def _blocks(soup: BeautifulSoup, draft: Draft) -> None:
    loose: list[tuple[str, str]] = []  # (markdown, plain) between blocks: VOA's "华盛顿 — "
    blocks: list[Block] = []

    def visit(node: Tag) -> None:
        for child in list(node.children):
            if isinstance(child, NavigableString):
                if child.strip():
                    loose.append((escape(str(child)), _tidy(str(child))))
                continue
            if not isinstance(child, Tag):
                continue
            if child.name == "table" and structure.is_layout_table(child):
                visit(child)
            elif child.name in _BLOCK_TAGS:
                _emit(child, draft, blocks, loose)
            elif child.name in _CONTAINERS or child.name in ("tr", "td", "th", "tbody"):
                if child.find(list(_BLOCK_TAGS | _CONTAINERS)) is None:
                    _flush(loose, blocks)
                    _emit(child, draft, blocks, loose)  # a <div> written as a paragraph
                    continue
                visit(child)
                _flush(loose, blocks)
            elif child.name == "hr":
                continue
            else:  # inline element outside any paragraph
                text = html_to_markdown(child, draft.url)
                if text:
                    loose.append((text, _tidy(child.get_text(" ", strip=True))))

    visit(soup)
    _flush(loose, blocks)
    draft.blocks = _finish(blocks, draft)


def _flush(loose: list[tuple[str, str]], blocks: list[Block]) -> None:
    if loose:
        text, plain = _join(loose)
        loose.clear()
        if plain:
            blocks.append(paragraph_block(text, plain))


def _emit(tag: Tag, draft: Draft, blocks: list[Block], loose: list[tuple[str, str]]) -> None:
    name = tag.name
    if name not in ("p", "div", "section", "main", "article", "td", "th", "tr", "tbody"):
        _flush(loose, blocks)
    block: Block | None = None
    if name == "figure":
        block = structure.media_block(tag) if tag.get("data-dz-media") else _figure_block(tag)
        if block is not None and not (block.src or block.plain or block.media):
            block = None  # what a dropped data: image left
    elif name in ("ul", "ol"):
        _list_or_related(tag, draft, blocks)
    elif name == "table":
        block = structure.table_block(tag)
    elif name == "dl":
        block = structure.definitions_block(tag)
    elif name == "blockquote":
        block = _quote(tag, draft)
    elif name[0] == "h" and name[1:].isdigit():
        plain = _tidy(tag.get_text(" ", strip=True))
        if plain:
            level = min(max(int(name[1]), 2), 4)
            block = Block("heading", "", html_to_markdown(tag, draft.url), plain, level=level)
    else:
        _paragraphs(tag, draft, blocks, loose)
    if block is not None:
        blocks.append(block)


def _paragraphs(tag: Tag, draft: Draft, blocks: list[Block], loose: list[tuple[str, str]]) -> None:
    if _is_link_bar(tag) or _take_related_paragraph(tag, draft):
        return
    for lines in structure.split_at_breaks(tag):
        texts = [(html_to_markdown(line, draft.url), _tidy(line.get_text(" ", strip=True)))
                 for line in lines]  # fmt: skip
        texts = [(md, plain) for md, plain in texts if plain]
        if not texts:
            continue
        if loose:  # a dateline run into the paragraph it opens
            texts[0] = _join([*loose, texts[0]])
            loose.clear()
        text, plain = "<br>\n".join(md for md, _ in texts), "\n".join(p for _, p in texts)
        if len(lines) == 1 and _is_bold_heading(lines[0], plain):
            blocks.append(Block("heading", "", text.replace("**", ""), plain, level=2))
        else:
            blocks.append(paragraph_block(text, plain))


def _is_link_bar(tag: Tag) -> bool:
    """A line of two or more links and nothing else: the site's navigation."""
    anchors, text = tag.find_all("a"), tag.get_text()
    if len(anchors) < 2 or any(mark in text for mark in "。！？，、"):
        return False  # a sentence of links is text
    if len(anchors) < 3 and not any(bar in text for bar in "|｜"):
        return False  # two links side by side may be the article's own
    linked = sum(len("".join(a.get_text().split())) for a in anchors)
    total = len("".join(ch for ch in tag.get_text() if ch.isalnum()))
    return total > 0 and linked >= 0.9 * total


def _take_related_paragraph(tag: Tag, draft: Draft) -> bool:
    """ "相关阅读：<a>…</a>": the links go to the related links, the paragraph goes."""
    text = tag.get_text(" ", strip=True)
    if len(text) > _SHORT or not tag.find("a"):
        return False
    head = text.split("：", 1)[0].split(":", 1)[0].strip()
    if head not in cleaning().related_markers:
        return False
    for anchor in tag.find_all("a"):
        url = safe_url(str(anchor.get("href") or ""), draft.url)
        if anchor.get_text(strip=True) and url:
            draft.related.append(Link(_tidy(anchor.get_text(" ", strip=True)), url))
    return True


def _quote(tag: Tag, draft: Draft) -> Block | None:
    """A blockquote: its paragraphs and <br> lines become lines of one quote."""
    texts: list[tuple[str, str]] = []
    parts = tag.find_all("p") or [tag]
    for part in parts:
        for lines in structure.split_at_breaks(part):
            for line in lines:
                plain = _tidy(line.get_text(" ", strip=True))
                if plain:
                    texts.append((html_to_markdown(line, draft.url), plain))
    if not texts:
        return None
    text, plain = "<br>\n".join(md for md, _ in texts), "\n".join(p for _, p in texts)
    return Block(kind="quote", id="", text=text, plain=plain)


def _figure_block(tag: Tag) -> Block:
    img = tag.find("img")
    caption_tag = tag.find("figcaption")
    credit = ""
    caption = ""
    if caption_tag is not None:
        cite = caption_tag.find("cite")
        if cite is not None:
            credit = _tidy(cite.get_text(" ", strip=True))
            cite.decompose()
        caption = _tidy(caption_tag.get_text(" ", strip=True))
        if not credit:
            caption, credit = split_caption(caption)
    src = safe_url(original_image(str(img.get("src") or ""))) if img is not None else ""
    alt = _tidy(str(img.get("alt") or "")) if img is not None else ""
    media: Media = "image" if src else ("video" if caption and img is None else "")
    return Block(
        kind="figure",
        id="",
        text=escape(caption),
        plain=caption,
        src=src,
        alt=alt,
        credit=credit,
        media=media,
    )


def _list_or_related(tag: Tag, draft: Draft, blocks: list[Block]) -> None:
    """A list whose every item is one link is a related-links box: move it to the end."""
    anchors = structure.only_links(tag)
    if anchors:
        draft.related.extend(
            Link(_tidy(a.get_text(" ", strip=True)), safe_url(str(a.get("href") or ""), draft.url))
            for a in anchors
        )
        return
    block = structure.list_block(tag, draft.url)
    if block is not None:
        blocks.append(block)


# --- finishing --------------------------------------------------------------------------


def _finish(blocks: list[Block], draft: Draft) -> list[Block]:
    """Drop furniture and bylines; move trailing credit lines to the footer (and find the
    author in the byline, the dateline or the credits)."""
    rules = cleaning()
    kept = []
    for b in blocks:
        if b.kind in ("paragraph", "heading") and b.plain.strip(" ：:►▲☆") in rules.furniture_lines:
            continue
        if b.kind == "heading" and b.plain == draft.title:
            continue  # the page's own <h1>
        short = b.kind in ("paragraph", "heading") and len(b.plain) < _SHORT
        if short and (any(p in b.plain for p in rules.boilerplate) or _STAMP.match(b.plain)):
            continue
        if b.kind == "paragraph" and len(b.plain) < _SHORT:
            author, whole = byline_paragraph(b.plain)
            if whole:
                draft.author = draft.author or author
                continue
        kept.append(b)
    for b in [*kept[:3], *kept[-2:]]:
        if b.kind == "paragraph" and not draft.author:
            draft.author = find_author(b.plain[:_SHORT])
    while kept and kept[-1].kind == "paragraph" and _is_credit_line(kept[-1].plain):
        line = kept.pop().plain
        draft.credits.insert(0, line)
        draft.source = draft.source or publisher_named_in(line)
        if not draft.author:
            draft.author = find_author(line) or _author_from_credits(line)
    return kept


def _is_credit_line(text: str) -> bool:
    if len(text) >= _SHORT:
        return False
    rules = cleaning()
    wire = _WIRE.match(text)
    if wire and any(name in wire["names"] for agency in agencies() for name in agency):
        return True  # "（路透社、德新社）": the wire services a piece draws on
    if any(marker in text for marker in rules.credit_markers):
        return True
    return any(marker in text for marker in rules.copyright_markers) and (
        "所有" in text or "©" in text or "Copyright" in text or "未经" in text or "未經" in text
    )


def _author_from_credits(line: str) -> str:
    found = _AUTHOR_IN_CREDITS.search(line)
    if not found:
        return ""
    name = found["name"] + found["place"]
    for place in sorted(cleaning().datelines, key=len, reverse=True):
        if name.endswith(place) and len(name) > len(place):
            return name[: -len(place)]
    return found["name"] if found["place"] else name


def _date_from_epoch(draft: Draft, epoch_text: str) -> None:
    if draft.date:
        return
    if not _EPOCH_MS.fullmatch(epoch_text):
        draft.warnings.append(f"the epoch line {epoch_text[:40]!r} is not a number: no date")
        return
    try:
        moment = datetime.fromtimestamp(int(epoch_text) / 1000, tz=UTC)
    except (OverflowError, OSError, ValueError):  # beyond what a date can hold
        draft.warnings.append(f"the epoch line {epoch_text[:40]!r} is beyond any date: no date")
        return
    # The publisher's own day: 23:48 UTC is the next morning in Beijing.
    day = moment.astimezone(publisher_zone(draft.url)).date().isoformat()
    draft.set_date(day, "epoch", "the epoch line")


# --- helpers ----------------------------------------------------------------------------

_TRACKING = re.compile(r"^(?:utm_\w{1,20}|from|spm|share|share_token|fbclid|gclid|ref|cmpid)$")


def without_site_name(title: str) -> str:
    """A title without a publisher's name after a separator ("… | 聯合新聞網")."""
    for separator in (" | ", "｜", " - ", "_", " – ", " — "):
        head, found, tail = title.rpartition(separator)
        if found and head.strip() and any(name in tail for name in outlet_names()):
            return head.strip()
    return title


def without_tracking(url: str) -> str:
    """The URL without tracking parameters (utm_*, from, spm …) and without a fragment."""
    if not url:
        return ""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not _TRACKING.match(k)]  # fmt: skip
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def _is_bold_heading(tag: Tag, plain: str) -> bool:
    """RFA marks sub-headings as `<p><strong>…</strong></p>`; a bold lead paragraph is not one."""
    if len(plain) > _HEADING_MAX or "。" in plain:
        return False
    bold = "".join(b.get_text("", strip=True) for b in tag.find_all(["strong", "b"]))
    return bool(bold) and "".join(plain.split()) == "".join(bold.split())


def _tidy(text: str) -> str:
    return " ".join(text.split())


def _join(pieces: list[tuple[str, str]]) -> tuple[str, str]:
    return _tidy(" ".join(md for md, _ in pieces)), _tidy(" ".join(p for _, p in pieces))
