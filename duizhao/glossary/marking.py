"""Mark glossary terms in a page's HTML: one pass over the text, no HTML parser tree.

`mark_terms` splits the HTML into tags and text, keeps a stack of open elements, and runs the
finder on text outside the places a term must not be marked: headings, links (a term inside
a link would be a link in a link), code, scripts, forms, elements that are not Chinese (an
`lang` that is not zh…, e.g. the English paragraphs) and elements whose class says so
(`NO_MARK_CLASSES`). The finder (`glossary.Matcher.find`) returns non-overlapping, longest
matches, so a term is never marked inside another. Cost: linear in the length of the page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

Finder = Callable[[str], list[tuple[int, int, str]]]
Wrap = Callable[[str, str], str]  # (term id, escaped text) -> HTML

NO_MARK_TAGS = frozenset(
    "a h1 h2 h3 h4 h5 h6 code pre kbd samp var script style textarea button select option "
    "label svg math abbr dfn time title head nav".split()
)
NO_MARK_CLASSES = frozenset(
    {"dz-meta", "dz-tags", "dz-credits", "dz-en", "dz-key-terms", "dz-related-articles",
     "headerlink", "dz-no-terms"}
)  # fmt: skip
VOID_TAGS = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)

# A tag (quoted attribute values may hold ">"), a comment, or a CDATA/doctype declaration.
_TOKEN = re.compile(
    r"""(<!--.*?-->|<![^>]*>|</?[A-Za-z][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>)""", re.S
)
_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
_CLASS = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_LANG = re.compile(r"""\slang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


# Our own markup: the article's credits footer closes its text (duizhao.site.pages).
CREDITS_FOOTER = '<footer class="dz-credits"'


def mark_article(
    content: str,
    find: Finder,
    glossary_href: str,
    tooltips: dict[str, dict[str, str]],
    sections: str = "",
) -> str:
    """An article's rendered content with every term linked to its glossary entry (the
    link's title is the tooltip: the reading of the spelling written there · English; see
    page.tooltips), and `sections` (key terms, related articles) put before the credits
    footer, or at the end without one."""
    href = html.escape(glossary_href)

    def wrap(term_id: str, text: str) -> str:
        tips = tooltips[term_id]
        tip = tips.get(html.unescape(text)) or tips[""]
        return f'<a class="dz-term" href="{href}#{term_id}" title="{tip}">{text}</a>'

    marked, _ = mark_terms(content, find, wrap)
    at = marked.find(CREDITS_FOOTER)
    return marked + sections if at < 0 else marked[:at] + sections + marked[at:]


def mark_terms(page_html: str, find: Finder, wrap: Wrap) -> tuple[str, int]:
    """The HTML with every term `find` finds in markable text wrapped by `wrap`; and how
    many were marked."""
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # (tag name, blocks marking)
    blocked = 0
    marked = 0
    for index, piece in enumerate(_TOKEN.split(page_html)):
        if index % 2:  # a tag, comment or declaration
            out.append(piece)
            if piece.startswith("<!"):
                continue
            name = _NAME.match(piece).group(1).lower()  # type: ignore[union-attr]
            if piece.startswith("</"):
                blocked -= _close(stack, name)
            elif name not in VOID_TAGS and not piece.endswith("/>"):
                blocks = _blocks(name, piece)
                stack.append((name, blocks))
                blocked += blocks
        elif piece and not blocked:
            text, count = _mark_text(piece, find, wrap)
            out.append(text)
            marked += count
        else:
            out.append(piece)
    return "".join(out), marked


def _close(stack: list[tuple[str, bool]], name: str) -> int:
    """Pop up to the matching open tag (HTML closes what it skips); return how many of the
    popped elements blocked marking. A stray end tag changes nothing."""
    for depth in range(len(stack) - 1, -1, -1):
        if stack[depth][0] == name:
            popped = stack[depth:]
            del stack[depth:]
            return sum(blocks for _, blocks in popped)
    return 0


def _blocks(name: str, tag: str) -> bool:
    if name in NO_MARK_TAGS:
        return True
    if match := _CLASS.search(tag):
        classes = next(group for group in match.groups() if group is not None)
        if NO_MARK_CLASSES.intersection(html.unescape(classes).split()):
            return True
    if match := _LANG.search(tag):
        lang = next(group for group in match.groups() if group is not None)
        if not lang.lower().startswith("zh"):
            return True
    return False


def _mark_text(escaped: str, find: Finder, wrap: Wrap) -> tuple[str, int]:
    text = html.unescape(escaped)
    found = find(text)
    if not found:
        return escaped, 0
    parts = []
    cursor = 0
    for start, end, term_id in found:
        parts.append(html.escape(text[cursor:start], quote=False))
        parts.append(wrap(term_id, html.escape(text[start:end], quote=False)))
        cursor = end
    parts.append(html.escape(text[cursor:], quote=False))
    return "".join(parts), len(found)
