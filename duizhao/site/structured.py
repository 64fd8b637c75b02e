"""The page's structured blocks: lists (nested, numbered from their start), tables and
definition lists, and the cards that stand for video and audio.

Tables, definition lists and cards are raw HTML built from plain text with `html.escape`;
lists are Markdown (the `sane_lists` extension keeps an `<ol start=3>`'s numbers). With
English, each list item, cell, term and definition has its own (place `<block id>:<n>`).

Sections: lists, then tables and definition lists, then media cards, then helpers.
"""

from __future__ import annotations

import html

from duizhao.english.aligned import MISSING, English, part_place
from duizhao.inline import escape
from duizhao.record import Block

_INDENT = "    "  # Python-Markdown nests a list four spaces in


# --- lists ------------------------------------------------------------------------------


def list_markdown(block: Block, items: tuple[str, ...] | None = None) -> str:
    """A list as Markdown: `items` (the block's own by default) at their depths."""
    items = block.items if items is None else items
    depths = block.depths or (0,) * len(items)
    numbered = block.numbered or (False,) * len(items)
    lines = []
    counters: dict[int, int] = {}
    for item, depth, is_numbered in zip(items, depths, numbered, strict=True):
        for deeper in [d for d in counters if d > depth]:
            del counters[deeper]  # a new sub-list numbers from 1 again
        if is_numbered:
            first = block.start if depth == 0 and block.start > 1 else 1
            counters[depth] = counters.get(depth, first - 1) + 1
            marker = f"{counters[depth]}."
        else:
            marker = "-"
        lines.append(f"{_INDENT * depth}{marker} {item}")
    return "\n".join(lines)


def list_pair(block: Block, chinese: str, english: English) -> str:
    """The list in Chinese, then the same list in English, item by item."""
    plains = block.plains or block.items
    translated = []
    for number in range(len(plains)):
        entry = english.get(part_place(block.id, number))
        translated.append(escape(entry.target) if entry else f"*{escape(MISSING)}*")
    english_list = list_markdown(block, tuple(translated))
    return (
        f'<div class="dz-pair dz-list" id="{block.id}" markdown>\n\n'
        f'<div class="dz-zh" markdown>\n\n{chinese}\n\n</div>\n\n'
        f'<div class="dz-en" lang="en" markdown>\n\n{english_list}\n\n</div>\n\n</div>'
    )


# --- tables and definition lists --------------------------------------------------------


def grid(block: Block, english: English | None) -> str:
    """A table or definition list; with English, its English twin after it."""
    kind = "dz-table" if block.kind == "table" else "dz-definitions"
    chinese = _table(block, block.rows, block.caption) if block.kind == "table" else _dl(block.rows)
    if english is None:
        return f'<div class="{kind}" id="{block.id}">{chinese}</div>'
    texts = iter(_english_cells(block, english))
    caption = next(texts) if block.caption else ""
    rows = tuple(tuple(next(texts) if cell else "" for cell in row) for row in block.rows)
    twin = _table(block, rows, caption) if block.kind == "table" else _dl(rows)
    return (
        f'<div class="dz-pair {kind}" id="{block.id}"><div class="dz-zh">{chinese}</div>'
        f'<div class="dz-en" lang="en">{twin}</div></div>'
    )


def _english_cells(block: Block, english: English) -> list[str]:
    out = []
    for number in range(len(block.cells)):
        entry = english.get(part_place(block.id, number))
        out.append(entry.target if entry else MISSING)
    return out


def _table(block: Block, rows: tuple[tuple[str, ...], ...], caption: str) -> str:
    parts = ["<table>"]
    if caption:
        parts.append(f"<caption>{html.escape(caption)}</caption>")
    if block.header:
        parts.append("<thead>")
        parts += [_row(row, "th") for row in rows[: block.header]]
        parts.append("</thead>")
    parts.append("<tbody>")
    parts += [_row(row, "td") for row in rows[block.header :]]
    parts.append("</tbody></table>")
    return "".join(parts)


def _row(row: tuple[str, ...], cell: str) -> str:
    return "<tr>" + "".join(f"<{cell}>{html.escape(text)}</{cell}>" for text in row) + "</tr>"


def _dl(rows: tuple[tuple[str, ...], ...]) -> str:
    body = "".join(
        (f"<dt>{html.escape(term)}</dt>" if term else "")
        + (f"<dd>{html.escape(definition)}</dd>" if definition else "")
        for term, definition in rows
    )
    return f"<dl>{body}</dl>"


# --- media cards ------------------------------------------------------------------------


def media_card(block: Block, label: str, english: English | None) -> str:
    """A card linking to the video or audio where it plays: never an embed (the CSP allows
    no frames and no third-party media), so "以下是…视频：" still leads somewhere."""
    href = html.escape(block.src)
    shown = f"▶ {html.escape(label)} · {html.escape(block.host)}"
    poster = (
        f'<img src="{html.escape(block.poster)}" alt="" loading="lazy" decoding="async" '
        'referrerpolicy="no-referrer">'
        if block.poster
        else ""
    )
    caption = ""
    if block.plain:
        caption = html.escape(block.plain)
        if english is not None:
            entry = english.get(block.id)
            en = html.escape(entry.target if entry else MISSING)
            caption = f'<span class="dz-zh">{caption}</span> <span class="dz-en" lang="en">{en}</span>'
        caption = f"<figcaption>{caption}</figcaption>"
    return (
        f'<figure class="dz-media dz-{block.kind}" id="{block.id}">'
        f'<a class="dz-media-card" href="{href}" rel="noopener noreferrer nofollow">'
        f'{poster}<span class="dz-media-label">{shown}</span></a>{caption}</figure>'
    )
