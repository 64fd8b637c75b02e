"""Seeds of shape 3: `<!--epoch-ms-->`, `[title](url)`, `------`, then an HTML body.

The body goes through three steps, each with a well-kept library and no regex on HTML:
1. `_restructure` (BeautifulSoup on the raw page): read the dates the page states, drop ads,
   media players, zoom icons and RSS footers, and rebuild the publishers' image markup as
   `<figure><img><figcaption>caption<cite>credit</cite></figcaption></figure>`;
2. `nh3.clean`: everything not on a short allowlist goes (scripts, styles, handlers, iframes,
   forms, non-http URLs);
3. `_blocks` (BeautifulSoup on the sanitised HTML): paragraphs, headings, lists, quotes and
   figures in document order, inline content through markdownify with our escaping.

Sections: public API, then the three steps, then helpers.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qs, urlsplit

import nh3
from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString

from duizhao.ingest.curated import cleaning, publisher_for_url, publisher_named_in
from duizhao.ingest.draft import Draft, paragraph_block
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

_ALLOWED_TAGS = set(
    "p br h1 h2 h3 h4 h5 h6 ul ol li blockquote figure figcaption cite img a strong b em i "
    "small div section main article span hr code sup sub".split()
)
_ALLOWED_ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt"}}
_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "figure"}
_DROP_TAGS = (
    "script style iframe noscript object embed video audio form button svg template meta link"
).split()


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
    draft.url = safe_url(url)
    if url and not draft.url:
        draft.warnings.append(f"ignored an original URL that is not http(s): {url[:80]!r}")
    draft.source = publisher_for_url(draft.url) if draft.url else ""

    soup = _flattened(BeautifulSoup(html, "html.parser"))
    _restructure(soup, draft)
    clean = nh3.clean(
        str(soup),
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https"},
        link_rel=None,
        strip_comments=True,
    )
    _blocks(_visible(BeautifulSoup(clean, "html.parser")), draft)
    _date_from_epoch(draft, epoch_text)
    return draft


# --- step 1: restructure the raw page ---------------------------------------------------


def _flattened(soup: BeautifulSoup) -> BeautifulSoup:
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


def _restructure(soup: BeautifulSoup, draft: Draft) -> None:
    _read_stated_date(soup, draft)
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(attrs={"data-e2e": "advertisement"}):  # type: ignore[call-overload]
        tag.decompose()
    for tag in soup.find_all(  # type: ignore[call-overload]
        attrs={"aria-label": re.compile(r"^(广告|廣告|Advertisement)")}
    ):
        tag.decompose()
    for tag in soup.find_all(id="zoomattribute"):
        tag.decompose()
    for img in soup.find_all("img", src=re.compile(r"icon-zoom")):
        img.decompose()
    _bbc_figures(soup)
    _loose_image_figures(soup)
    _drop_rss_footer(soup)


def _read_stated_date(soup: BeautifulSoup, draft: Draft) -> None:
    """The page's own date: `<time datetime>` (BBC) or an RFC 2822 date line (VOA feeds)."""
    for time in soup.find_all("time"):
        stamp = str(time.get("datetime") or "")
        if re.match(r"^\d{4}-\d{2}-\d{2}", stamp) and not draft.date:
            draft.set_date(stamp[:10], "page", "the page's <time> element")
        time.decompose()  # "30 分钟前" was true when scraped, not now
    for italic in soup.find_all(["i", "em"], limit=3):
        try:
            when = parsedate_to_datetime(italic.get_text(strip=True))
        except (TypeError, ValueError, IndexError):
            continue
        if not draft.date:
            draft.set_date(when.astimezone(UTC).date().isoformat(), "page", "the page's date")
        holder = (
            italic.parent
            if italic.parent
            and len(italic.parent.get_text(strip=True)) == len(italic.get_text(strip=True))
            else italic
        )
        holder.decompose()


def _bbc_figures(soup: BeautifulSoup) -> None:
    """BBC: `div[image-placeholder] > img + p(图像来源，X)` with the caption in the next div."""
    for placeholder in soup.find_all(attrs={"data-e2e": "image-placeholder"}):  # type: ignore[call-overload]
        img = placeholder.find("img")
        credit = ""
        for p in placeholder.find_all("p"):
            credit = (
                p.get_text("", strip=True).removeprefix("图像来源，").removeprefix("圖像來源，")
            )
        holder = placeholder.parent if placeholder.parent else placeholder
        caption_div = holder.find_next_sibling()
        caption = caption_div.find("p") if isinstance(caption_div, Tag) else None
        if caption is not None and len(caption_div.find_all(True)) == 1:
            caption = caption.extract()
            caption_div.decompose()
        else:
            caption = None
        holder.replace_with(_figure(soup, img, caption, credit))
    for player in soup.find_all(attrs={"data-e2e": "media-player"}):  # type: ignore[call-overload]
        caption = player.find_next_sibling("p")
        video = soup.new_tag("figure")
        if caption is not None and caption.get_text(strip=True):
            caption_tag = soup.new_tag("figcaption")
            caption_tag.string = caption.get_text(" ", strip=True)
            video.append(caption_tag)
            caption.decompose()
        player.replace_with(video)


def _loose_image_figures(soup: BeautifulSoup) -> None:
    """VOA: an `<img>` standing alone, its caption in the next `div > small`."""
    for img in soup.find_all("img"):
        if img.find_parent("figure"):
            continue
        after = img.find_next_sibling()
        caption = None
        if isinstance(after, Tag) and after.name in ("div", "p") and after.find("small"):
            small = after.find("small")
            if isinstance(small, Tag) and small.get_text(strip=True) == after.get_text(strip=True):
                caption = small
        figure = _figure(soup, img, caption, "")
        if caption is not None and isinstance(after, Tag):
            after.decompose()
        img.replace_with(figure)


def _drop_rss_footer(soup: BeautifulSoup) -> None:
    for node in soup.find_all(string=re.compile("RSS")):
        if not isinstance(node, NavigableString) or not node.parent:
            continue
        block = node.parent
        if any(phrase in block.get_text() for phrase in cleaning().boilerplate):
            rule = block.find_previous_sibling("hr")
            if rule is not None:
                rule.decompose()
            block.decompose()


def _figure(soup: BeautifulSoup, img: Tag | None, caption: Tag | None, credit: str) -> Tag:
    figure = soup.new_tag("figure")
    if img is not None:
        new_img = soup.new_tag("img", src=_original_image(str(img.get("src") or "")))
        new_img["alt"] = str(img.get("alt") or "")
        figure.append(new_img)
    if caption is not None or credit:
        figcaption = soup.new_tag("figcaption")
        if caption is not None:
            figcaption.append(caption.get_text(" ", strip=True))
        if credit:
            cite = soup.new_tag("cite")
            cite.string = credit
            figcaption.append(cite)
        figure.append(figcaption)
    return figure


def _original_image(src: str) -> str:
    """Unwrap image-proxy URLs the scraper added (images.weserv.nl/?url=host/path)."""
    parts = urlsplit(src)
    if parts.hostname == "images.weserv.nl":
        inner = parse_qs(parts.query).get("url", [""])[0]
        if inner:
            return inner if "://" in inner else "https://" + inner
    return src


# --- step 3: blocks from the sanitised HTML ---------------------------------------------


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
            if child.name in _BLOCK_TAGS:
                _emit(child, draft, blocks, loose)
            elif child.name in ("div", "section", "main", "article"):
                visit(child)
            elif child.name == "hr":
                continue
            else:  # inline element outside any paragraph
                text = html_to_markdown(child, draft.url)
                if text:
                    loose.append((text, _tidy(child.get_text(" ", strip=True))))

    visit(soup)
    if loose:
        blocks.append(paragraph_block(*_join(loose)))
    draft.blocks = _finish(blocks, draft)


def _emit(tag: Tag, draft: Draft, blocks: list[Block], loose: list[tuple[str, str]]) -> None:
    name = tag.name
    if name == "figure":
        figure = _figure_block(tag)
        if figure.src or figure.plain or figure.media:  # not what a dropped data: image left
            blocks.append(figure)
    elif name in ("ul", "ol"):
        _list_or_related(tag, draft, blocks)
    elif name == "blockquote":
        text, plain = html_to_markdown(tag, draft.url), tag.get_text(" ", strip=True)
        if plain:
            blocks.append(Block(kind="quote", id="", text=text, plain=_tidy(plain)))
    elif name.startswith("h"):
        plain = _tidy(tag.get_text(" ", strip=True))
        if plain:
            level = min(max(int(name[1]), 2), 4)
            blocks.append(
                Block("heading", "", html_to_markdown(tag, draft.url), plain, level=level)
            )
    else:
        for part in _split_at_breaks(tag):
            text, plain = html_to_markdown(part, draft.url), _tidy(part.get_text(" ", strip=True))
            if not plain:
                continue
            if loose:  # a dateline run into the paragraph it opens
                text, plain = _join([*loose, (text, plain)])
                loose.clear()
            if _is_bold_heading(part, plain):
                text = html_to_markdown(part, draft.url).replace("**", "")
                blocks.append(Block("heading", "", text, plain, level=2))
            else:
                blocks.append(paragraph_block(text, plain))


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
    src = safe_url(str(img.get("src") or "")) if img is not None else ""
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
    items = [li for li in tag.find_all("li", recursive=False) if li.get_text(strip=True)]
    links = []
    for li in items:
        anchors = li.find_all("a")
        if len(anchors) != 1 or anchors[0].get_text(strip=True) != li.get_text(strip=True):
            break
        links.append(
            Link(
                _tidy(anchors[0].get_text(" ", strip=True)),
                safe_url(str(anchors[0].get("href") or ""), draft.url),
            )
        )
    else:
        if links:
            draft.related.extend(links)
            return
    texts = tuple(html_to_markdown(li, draft.url) for li in items)
    plain = " ".join(_tidy(li.get_text(" ", strip=True)) for li in items)
    if texts:
        blocks.append(Block(kind="list", id="", items=texts, plain=plain))


def _finish(blocks: list[Block], draft: Draft) -> list[Block]:
    """Drop furniture; move trailing credit lines to the footer (and find the author there)."""
    rules = cleaning()
    kept = [
        b
        for b in blocks
        if not (
            b.kind == "paragraph"
            and len(b.plain) < _SHORT
            and any(phrase in b.plain for phrase in rules.boilerplate)
        )
    ]
    while kept and kept[-1].kind == "paragraph" and _is_credit_line(kept[-1].plain):
        line = kept.pop().plain
        draft.credits.insert(0, line)
        draft.source = draft.source or publisher_named_in(line)
        if not draft.author:
            draft.author = _author_from_credits(line)
    return kept


def _is_credit_line(text: str) -> bool:
    return len(text) < _SHORT and any(marker in text for marker in cleaning().credit_markers)


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
    draft.set_date(moment.date().isoformat(), "epoch", "the epoch line")


# --- helpers ----------------------------------------------------------------------------


def _split_at_breaks(tag: Tag) -> list[Tag]:
    """`<p>a<br><br>b</p>` is two paragraphs in these feeds: split at every run of `<br>`."""
    if tag.find("br") is None:
        return [tag]
    parts: list[Tag] = []
    current = Tag(name="p")
    for child in list(tag.children):
        if isinstance(child, Tag) and child.name == "br":
            if current.contents:
                parts.append(current)
            current = Tag(name="p")
        else:
            current.append(
                child.extract() if isinstance(child, Tag) else NavigableString(str(child))
            )
    if current.contents:
        parts.append(current)
    return parts


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
