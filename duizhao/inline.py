"""Inline Markdown that is safe to hand to Python-Markdown.

Article text comes from scrapers and may be hostile. Everything a seed says is text, never
markup: the only markup in a page is what we write (links, bold, italic). So every piece of
seed text goes through `escape`, whose rules follow Python-Markdown's own escapes.

Sections: public API, then the HTML converter (markdownify with our escaping), then helpers.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urljoin, urlsplit

from bs4 import Tag
from markdownify import MarkdownConverter

# Characters Python-Markdown accepts a backslash escape for (markdown.Markdown.ESCAPED_CHARS),
# minus those we turn into entities instead.
_BACKSLASHED = re.compile(r"([\\`*_{}\[\]()#+\-.!])")
# Only these can start block syntax when they lead a line; elsewhere they are plain text, so
# leave them alone and keep the Markdown readable.
_LINE_START_ONLY = set("#+-.!()")
_LIST_NUMBER = re.compile(r"^(\d{1,9})([.)])")

# Characters that only ever hide or reorder text: C0 controls but tab and line ends, DEL, C1
# controls (a terminal reads U+009B as an escape), zero-width space, word joiner and invisible
# operators, the byte-order mark, interlinear annotation marks, and every bidi control (marks,
# embeddings, overrides, isolates), which can make a title read backwards. Zero-width joiners
# and variation selectors stay: emoji sequences need them.
INVISIBLE = re.compile(
    "[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u180e\u200b"
    "\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]"
)


def strip_invisible(text: str) -> str:
    return INVISIBLE.sub("", text)


def printable(text: str) -> str:
    """`text` fit for one line of a report: controls, bidi and line separators, and bytes a
    file name had that are not UTF-8, shown as escapes (a seed's name can hold any of them)."""
    return "".join(_shown(char) for char in text)


def _shown(char: str) -> str:
    if unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Zl", "Zp"):
        return char
    if "\udc80" <= char <= "\udcff":  # os.fsdecode's stand-in for an undecodable byte
        return f"\\x{ord(char) - 0xDC00:02x}"
    return char.encode("unicode_escape").decode("ascii")


def escape(text: str) -> str:
    """Escape seed text for use inside one line of Markdown.

    `<`, `>` and `&` become entities: Python-Markdown has no backslash escape for `<`, so
    `\\<script>` would still be raw HTML. Line breaks fold to spaces (a block is one line).
    """
    text = " ".join(strip_invisible(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    def one(match: re.Match[str]) -> str:
        char = match.group(1)
        if char in _LINE_START_ONLY and match.start() != 0:
            # `![` starts an image and `](` ends a link wherever they stand.
            if char == "!" and text[match.end() : match.end() + 1] == "[":
                return "\\!"
            return char
        return "\\" + char

    # After the backslash pass, so the backslash this adds is not itself escaped.
    return _LIST_NUMBER.sub(r"\1\\\2", _BACKSLASHED.sub(one, text))


def safe_url(url: str, base: str = "") -> str:
    """An absolute http(s) URL, or "" for anything else (javascript:, data:, mailto:, junk)."""
    url = "".join((url or "").split())
    if not url or url.startswith("#"):
        return ""
    if base:
        url = urljoin(base, url)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return url


def link(text_md: str, url: str) -> str:
    """A Markdown link; the URL in angle brackets so spaces and parentheses cannot end it."""
    quoted = url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
    return f"[{text_md}](<{quoted}>)"


def html_to_markdown(element: Tag, base_url: str = "") -> str:
    """Inline Markdown for the children of one sanitised block element."""
    converter = _InlineConverter(base_url=base_url)
    # "_inline" makes markdownify return the element's content without block syntax
    # (no "## " or underline for a heading, no blank lines around a paragraph).
    converted = converter.process_tag(element, parent_tags={"_inline"})  # type: ignore[attr-defined]
    return " ".join(str(converted).split())


def markdown_links_to_inline(text: str) -> tuple[str, str]:
    """Turn Markdown-ish seed text with `[text](url)` links into (inline Markdown, plain).

    Placeholder links (`[text](#)`, empty or unsafe targets) become plain text.
    """
    md_parts: list[str] = []
    plain_parts: list[str] = []
    pos = 0
    for match in MARKDOWN_LINK.finditer(text):
        before = text[pos : match.start()]
        md_parts.append(_escape_piece(before, before_link=True))
        plain_parts.append(before)
        label, target = match.group(1), match.group(2)
        url = safe_url(target)
        md_parts.append(link(escape(label), url) if url else escape(label))
        plain_parts.append(label)
        pos = match.end()
    md_parts.append(_escape_piece(text[pos:], before_link=False))
    plain_parts.append(text[pos:])
    return " ".join("".join(md_parts).split()), " ".join("".join(plain_parts).split())


def _escape_piece(piece: str, before_link: bool) -> str:
    """`escape` for the text between links, keeping the spaces at its ends (they separate it
    from the links); a "!" just before a link would turn that link into an image."""
    if not piece.strip():
        return piece
    lead = " " if piece[:1].isspace() else ""
    tail = " " if piece[-1:].isspace() else ""
    core = escape(piece)
    if before_link and not tail and core.endswith("!"):
        backslashes = len(core[:-1]) - len(core[:-1].rstrip("\\"))
        if backslashes % 2 == 0:  # an odd number means the "!" is escaped already
            core = core[:-1] + "\\!"
    return lead + core + tail


# Link text without nested brackets; the target without white space or parentheses.
MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]*)\]\(([^()\s]*)\)")


# --- the HTML converter -----------------------------------------------------------------


class _InlineConverter(MarkdownConverter):
    """markdownify, with our escaping and our link policy (absolute http(s) only)."""

    def __init__(self, base_url: str = "") -> None:
        super().__init__(escape_misc=False, strip=["img", "figure", "figcaption"])
        self.base_url = base_url

    def escape(self, text: str, parent_tags: set[str]) -> str:
        # Spaces at the ends of a text node separate it from its neighbours: keep them.
        if not text:
            return ""
        lead = " " if text[:1].isspace() else ""
        tail = " " if text[-1:].isspace() and text.strip() else ""
        core = text.strip()
        if not core:
            return " "
        return lead + escape(core) + tail

    def convert_a(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        url = safe_url(str(el.get("href") or ""), self.base_url)
        if not text.strip():
            return ""  # an empty anchor is debris, whatever it points at
        return link(text.strip(), url) if url else text

    def convert_br(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return " "
