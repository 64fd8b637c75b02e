"""Seeds of shapes 1 and 2: plain text and Markdown-ish text.

Shape 1: title on the first non-empty line, an "作者 | name" line, one paragraph per line.
Shape 2: the same with `[text](url)` links, `[text](#)` placeholders, photo captions standing
as paragraphs ("…摄：Reuters"), a line of hashtag links and a copyright line.

Returns a `Draft`: the article's fields and its blocks, before ids are assigned.

Sections: public API, then line classifiers, then helpers.
"""

from __future__ import annotations

import re

from duizhao.ingest.bylines import byline_paragraph, split_caption
from duizhao.ingest.curated import cleaning, publisher_named_in
from duizhao.ingest.draft import Draft, paragraph_block
from duizhao.inline import MARKDOWN_LINK, escape, markdown_links_to_inline, safe_url
from duizhao.record import Block, Link

# "作者 | 燕赤侠", "作者：某某", "文｜某某"
_AUTHOR = re.compile(r"^(?:作者|文|撰文|记者|記者)\s*[|｜:：]\s*(?P<name>\S.{0,40})$")
# A column name after the title: "… | Whatsnews", "…｜深度"
_COLUMN_SUFFIX = re.compile(r"\s*[|｜]\s*(?P<column>[^|｜。，？！]{1,20})$")
_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*$")
_LIST_ITEM = re.compile(r"^[-*+]\s+(?P<text>.+)$")
_QUOTE = re.compile(r"^>\s?(?P<text>.*)$")
_HASHTAG_LINE = re.compile(r"^(?:\s*\[#[^\]\n]+\]\([^)\s]*\)\s*)+$")
_STATED_DATE = re.compile(
    r"^(?:(?:发布|發布|更新)?(?:时间|時間|日期)\s*[:：]\s*)?"
    r"(?P<y>(?:19|20)\d\d)\s*[年./-]\s*(?P<m>\d{1,2})\s*[月./-]\s*(?P<d>\d{1,2})\s*日?$"
)
_CAPTION_MAX = 200
# A line this short that ends with a photo credit pattern (cleaning.yaml) is a caption.
_CAPTION_LINE_MAX = 80
_STANDFIRST_GAP = 2  # blank lines that set a standfirst (dek) off from the body


# A line of only dashes, equals signs, stars or underscores (a YAML front-matter fence, a
# Markdown rule): a separator, never a title or a paragraph.
_SEPARATOR = re.compile(r"^\s*([-=*_~])(\s*\1){2,}\s*$")


def parse_text_seed(text: str) -> Draft:
    lines = ["" if _SEPARATOR.match(line) else line for line in text.splitlines()]
    draft = Draft()
    index = _first_nonblank(lines, 0)
    if index is None:
        raise ValueError("no text: the file has no non-empty line")
    title_line = lines[index].strip()
    if MARKDOWN_LINK.fullmatch(title_line):
        raise ValueError(
            "the first line is a [title](url) link, but no <!--epoch-ms--> line precedes it"
        )
    draft.title, draft.section = _split_column(title_line)

    body: list[tuple[str, int]] = []  # (line, blank lines that follow it)
    for position in range(index + 1, len(lines)):
        line = lines[position].strip()
        if not line:
            continue
        gap = 0
        while position + 1 + gap < len(lines) and not lines[position + 1 + gap].strip():
            gap += 1
        body.append((line, gap))

    blocks: list[Block] = []
    for number, (line, gap) in enumerate(body):
        if _take_header_line(draft, line, is_first=not blocks and number < 3, gap=gap):
            continue
        if len(line) < _CAPTION_MAX and not MARKDOWN_LINK.search(line):
            author, whole = byline_paragraph(line)
            if whole:  # "聯合報／記者王燕華／花蓮報導": the author, not a paragraph
                draft.author = draft.author or author
                continue
        if _HASHTAG_LINE.match(line):
            draft.tags.extend(_hashtags(line))
            continue
        if _is_copyright(line):
            plain = markdown_links_to_inline(line)[1]
            draft.credits.append(plain)
            draft.source = draft.source or publisher_named_in(plain)
            continue
        blocks.extend(_blocks_for_line(draft, line))
    draft.blocks = blocks
    return draft


# --- line classifiers -------------------------------------------------------------------


def _take_header_line(draft: Draft, line: str, *, is_first: bool, gap: int) -> bool:
    """Author, stated date and standfirst lines between the title and the body."""
    if not is_first:
        return False
    author = _AUTHOR.match(line)
    if author and not draft.author:
        draft.author = author.group("name").strip()
        return True
    date = _STATED_DATE.match(line)
    if date and not draft.date:
        iso = f"{int(date['y']):04d}-{int(date['m']):02d}-{int(date['d']):02d}"
        return draft.set_date(iso, "page", "the date line")  # a wrong one stays as text
    if not draft.dek and gap >= _STANDFIRST_GAP and not MARKDOWN_LINK.search(line):
        draft.dek = line
        return True
    return False


def _blocks_for_line(draft: Draft, line: str) -> list[Block]:
    heading = _HEADING.match(line)
    if heading:
        text, plain = markdown_links_to_inline(heading["text"])
        level = min(max(len(heading["hashes"]), 2), 4)
        return [Block(kind="heading", id="", text=text, plain=plain, level=level)]
    quote = _QUOTE.match(line)
    if quote:
        text, plain = markdown_links_to_inline(quote["text"])
        return [Block(kind="quote", id="", text=text, plain=plain)] if plain else []
    item = _LIST_ITEM.match(line)
    if item:
        text, plain = markdown_links_to_inline(item["text"])
        return [Block(kind="list", id="", items=(text,), plain=plain)]

    line = _take_related(draft, line)
    if not line:
        return []
    caption = _caption(line)
    if caption:
        return [caption]
    text, plain = markdown_links_to_inline(line)
    return [paragraph_block(text, plain)] if plain else []


def _caption(line: str) -> Block | None:
    """A photo caption standing as a paragraph: "2024年5月16日，…茶会。摄：Sputnik/…"."""
    if len(line) > _CAPTION_MAX or MARKDOWN_LINK.search(line):
        return None
    for marker in cleaning().caption_credit_markers:
        where = line.rfind(marker)
        if where > 0:
            caption, credit = line[:where].strip(), line[where + len(marker) :].strip()
            if caption and credit:
                return Block(
                    kind="figure", id="", text=escape(caption), plain=caption, credit=credit
                )
    if len(line) <= _CAPTION_LINE_MAX:  # "國道3號南下塞車情形。圖／高公局提供"
        caption, credit = split_caption(line)
        if caption and credit:
            return Block(kind="figure", id="", text=escape(caption), plain=caption, credit=credit)
    return None


def _take_related(draft: Draft, line: str) -> str:
    """Move "（延伸阅读：[《…》](url)）" pointers out of the paragraph into related links."""
    markers = "|".join(re.escape(m) for m in cleaning().related_markers)
    pattern = re.compile(rf"[（(]\s*(?:{markers})\s*[:：]\s*(?P<body>.+?)\s*[）)]\s*$")
    found = pattern.search(line)
    if not found:
        return line
    body = found["body"]
    links = list(MARKDOWN_LINK.finditer(body))
    if links:
        for match in links:
            draft.related.append(Link(text=match.group(1), url=safe_url(match.group(2))))
    else:
        draft.related.append(Link(text=body))
    return line[: found.start()].rstrip()


def _is_copyright(line: str) -> bool:
    markers = cleaning().copyright_markers
    return (
        len(line) < 300
        and any(m in line for m in markers)
        and (
            "所有" in line or "未经" in line or "未經" in line or "©" in line or "Copyright" in line
        )
    )


# --- helpers ----------------------------------------------------------------------------


def _split_column(title: str) -> tuple[str, str]:
    match = _COLUMN_SUFFIX.search(title)
    if match and match.start() > 0:
        return title[: match.start()].strip(), match["column"].strip()
    return title, ""


def _hashtags(line: str) -> list[str]:
    return [m.group(1).lstrip("#").strip() for m in MARKDOWN_LINK.finditer(line)]


def _first_nonblank(lines: list[str], start: int) -> int | None:
    for position in range(start, len(lines)):
        if lines[position].strip():
            return position
    return None
