"""Structure the HTML parser keeps: tables, definition lists, nested and numbered lists,
line breaks inside a paragraph, and embedded video and audio (as cards, never embeds).

`mark_media` runs on the raw page, before sanitising: it turns each player into a
`<figure data-dz-media=…>` that survives nh3 (an attribute seeds cannot forge: any a seed
writes is removed first). The `*_block` functions run on the sanitised HTML.

Sections: media, then lists, then tables and definition lists, then lines.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString

from duizhao.inline import escape, html_to_markdown, safe_url
from duizhao.record import Block

MEDIA_ATTRIBUTES = {"data-dz-media", "data-dz-src", "data-dz-poster"}
# Cells this long are a layout table's columns, not data.
_CELL_MAX = 600


# --- media ------------------------------------------------------------------------------


def mark_media(soup: BeautifulSoup, video_hosts: tuple[str, ...], base_url: str) -> None:
    """Each <iframe> of a known video host, <video> and <audio> becomes a marked <figure>;
    other iframes (adverts, polls, maps) are left for the sanitiser to drop."""
    for tag in soup.find_all(True):
        for name in [a for a in tag.attrs if a.lower().startswith("data-dz-")]:
            del tag[name]
    for tag in soup.find_all(["iframe", "video", "audio"]):
        if tag.find_parent(["video", "audio"]) is not None:
            continue
        if tag.name == "iframe":
            src = _watch_url(safe_url(str(tag.get("src") or tag.get("data-src") or ""), base_url))
            host = (urlsplit(src).hostname or "").removeprefix("www.")
            if not src or not any(host == h or host.endswith("." + h) for h in video_hosts):
                continue
            kind, poster = "video", ""
        else:
            source = tag.get("src") or _first_source(tag)
            src = safe_url(str(source or ""), base_url)
            if not src:
                continue
            kind = str(tag.name)
            poster = safe_url(str(tag.get("poster") or ""), base_url)
        card = soup.new_tag("figure")
        card["data-dz-media"] = kind
        card["data-dz-src"] = src
        if poster:
            card["data-dz-poster"] = poster
        tag.replace_with(card)


def media_block(tag: Tag) -> Block | None:
    """The video or audio card a marked <figure> stands for (its URLs checked again)."""
    kind = str(tag.get("data-dz-media") or "")
    src = safe_url(str(tag.get("data-dz-src") or ""))
    if kind not in ("video", "audio") or not src:
        return None
    caption_tag = tag.find("figcaption")
    caption = " ".join(caption_tag.get_text(" ", strip=True).split()) if caption_tag else ""
    host = (urlsplit(src).hostname or "").removeprefix("www.")
    return Block(
        kind="video" if kind == "video" else "audio",
        id="",
        text=escape(caption),
        plain=caption,
        src=src,
        poster=safe_url(str(tag.get("data-dz-poster") or "")),
        host=host,
        media=kind,  # type: ignore[arg-type]
    )


def _first_source(tag: Tag) -> str:
    source = tag.find("source")
    return str(source.get("src") or "") if isinstance(source, Tag) else ""


def _watch_url(src: str) -> str:
    """An embed address as the page a reader opens: YouTube's and Vimeo's watch pages."""
    parts = urlsplit(src)
    host = (parts.hostname or "").removeprefix("www.")
    segments = [s for s in parts.path.split("/") if s]
    embed = host in ("youtube.com", "youtube-nocookie.com") and segments[:1] == ["embed"]
    if embed and len(segments) >= 2:
        return f"https://www.youtube.com/watch?v={segments[1]}"
    if host == "player.vimeo.com" and len(segments) >= 2 and segments[0] == "video":
        return f"https://vimeo.com/{segments[1]}"
    if host == "youtube.com" and parts.path == "/watch":
        video = parse_qs(parts.query).get("v", [""])[0]
        return f"https://www.youtube.com/watch?v={video}" if video else src
    return src


# --- lists ------------------------------------------------------------------------------


def list_block(tag: Tag, base_url: str) -> Block | None:
    """A <ul>/<ol> with the lists nested in its items, each item at its depth."""
    items: list[tuple[str, str, int, bool]] = []
    _walk_list(tag, base_url, 0, items)
    if not items:
        return None
    start = 0
    if tag.name == "ol":
        try:
            start = int(str(tag.get("start") or "1"))
        except ValueError:
            start = 1
        start = start if 1 < start < 1_000_000 else 0
    return Block(
        kind="list",
        id="",
        items=tuple(md for md, _, _, _ in items),
        plains=tuple(plain for _, plain, _, _ in items),
        plain=" ".join(plain for _, plain, _, _ in items),
        depths=tuple(depth for _, _, depth, _ in items),
        numbered=tuple(numbered for _, _, _, numbered in items),
        start=start,
    )


def _walk_list(tag: Tag, base_url: str, depth: int, out: list[tuple[str, str, int, bool]]) -> None:
    numbered = tag.name == "ol"
    for li in tag.find_all("li", recursive=False):
        nested = [sub for sub in li.find_all(["ul", "ol"]) if sub.find_parent("li") is li]
        for sub in nested:
            sub.extract()
        plain = " ".join(li.get_text(" ", strip=True).split())
        if plain:
            # The item's content alone: markdownify would number or bullet an <li> itself.
            content = Tag(name="span")
            for child in list(li.children):
                content.append(child.extract())
            out.append((html_to_markdown(content, base_url), plain, depth, numbered))
        for sub in nested:
            _walk_list(sub, base_url, depth + 1 if plain else depth, out)


def only_links(tag: Tag) -> list[Tag] | None:
    """The anchors of a flat list whose every item is one link, else None."""
    anchors = []
    for li in tag.find_all("li", recursive=False):
        if not li.get_text(strip=True):
            continue
        found = li.find_all("a")
        if len(found) != 1 or found[0].get_text(strip=True) != li.get_text(strip=True):
            return None
        anchors.append(found[0])
    return anchors or None


# --- tables and definition lists --------------------------------------------------------


def is_layout_table(tag: Tag) -> bool:
    """A table used to lay out a page (tables in it, or cells holding whole paragraphs)."""
    if tag.find("table") is not None:
        return True
    return any(len(cell.get_text(strip=True)) > _CELL_MAX for cell in tag.find_all(["td", "th"]))


def table_block(tag: Tag) -> Block | None:
    rows: list[tuple[str, ...]] = []
    header = 0
    in_header = True
    for tr in tag.find_all("tr"):
        if tr.find_parent("table") is not tag:
            continue
        cells: list[str] = []
        for cell in tr.find_all(["td", "th"], recursive=False):
            cells.append(_cell_text(cell))
            cells.extend("" for _ in range(_span(cell) - 1))
        if not any(cells):
            continue
        heading = tr.find_parent("thead") is not None or all(
            c.name == "th" for c in tr.find_all(["td", "th"], recursive=False)
        )
        if in_header and heading:
            header += 1
        else:
            in_header = False
        rows.append(tuple(cells))
    if not rows:
        return None
    width = max(len(row) for row in rows)
    rows = [row + ("",) * (width - len(row)) for row in rows]
    caption_tag = tag.find("caption")
    caption = _cell_text(caption_tag) if isinstance(caption_tag, Tag) else ""
    cells = [caption, *(cell for row in rows for cell in row)]
    return Block(
        kind="table",
        id="",
        plain=" ".join(cell for cell in cells if cell),
        rows=tuple(rows),
        header=min(header, len(rows) - 1) if len(rows) > 1 else 0,
        caption=caption,
    )


def definitions_block(tag: Tag) -> Block | None:
    rows: list[list[str]] = []
    for child in tag.find_all(["dt", "dd"]):
        if child.find_parent("dl") is not tag:
            continue
        text = _cell_text(child)
        if not text:
            continue
        if child.name == "dt" or not rows:
            rows.append([text, ""] if child.name == "dt" else ["", text])
        else:
            rows[-1][1] = f"{rows[-1][1]} {text}".strip()
    if not rows:
        return None
    return Block(
        kind="definitions",
        id="",
        plain=" ".join(cell for row in rows for cell in row if cell),
        rows=tuple((term, definition) for term, definition in rows),
    )


def _cell_text(cell: Tag) -> str:
    return " ".join(cell.get_text(" ", strip=True).split())


def _span(cell: Tag) -> int:
    try:
        return max(1, min(int(str(cell.get("colspan") or "1")), 50))
    except ValueError:
        return 1


# --- lines ------------------------------------------------------------------------------


def split_at_breaks(tag: Tag) -> list[list[Tag]]:
    """A paragraph's parts: a run of two or more <br> starts a new paragraph (as these feeds
    write them), a single <br> a new line within it. Each part is its lines, as tags."""
    paragraphs: list[list[Tag]] = []
    lines: list[Tag] = []
    current = Tag(name="p")
    breaks = 0
    for child in list(tag.children):
        if isinstance(child, Tag) and child.name == "br":
            breaks += 1
            continue
        if isinstance(child, NavigableString) and not child.strip() and breaks:
            continue  # the white space between two <br>
        if breaks:
            if current.contents:
                lines.append(current)
            current = Tag(name="p")
            if breaks > 1 and lines:
                paragraphs.append(lines)
                lines = []
            breaks = 0
        current.append(child.extract() if isinstance(child, Tag) else NavigableString(str(child)))
    if current.contents:
        lines.append(current)
    if lines:
        paragraphs.append(lines)
    return paragraphs
