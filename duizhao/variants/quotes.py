"""Quotation marks in the variant's own style: 「」 with 『』 nested, or “” with ‘’ nested.

Taiwan and Hong Kong print corner brackets, the mainland prints curly quotes; each variant
names its style in data/variants/variants.yaml (outer pair, then inner pair). Marks are
rewritten by nesting depth, not one for one, so a source that nests “ inside “ still comes
out 「『』」. Quotes in English text are left alone: a pair counts as Chinese when the text
just outside it is Chinese (他说：“Yes.” → 他說：「Yes.」), as English when it is Latin
(“Yes,” he said), and by its content when nothing stands outside it. An apostrophe between
letters (don’t) is never a quote. Straight ASCII quotes ("...") are left as they are: they
open and close alike, and Markdown and HTML use them.

Each line is done on its own, like every other part of conversion (`convert_lines` gives
what `convert` gives); a quote left open at the end of a line (a quotation running over
several paragraphs opens each one) keeps its depth to the end of that line. Marks inside
protected spans (URLs, code) are not touched.

Speed: this runs on every text of every variant that holds a mark, so it looks only at the
marks (one regular-expression pass) and a character or two around each, and leaves a text
whose marks are all in the variant's style as it is (its nesting as the writer nested it).
"""

from __future__ import annotations

import bisect
import re
from functools import cache

OPENING = frozenset("“‘「『")
MARKS = re.compile("[“”‘’「」『』]")
# Markup stands between a mark and the words around it (<h2>“標題”</h2>, [“題”](url)):
# looking past it would read tag or link text as the sentence's language.
_BOUNDARIES = frozenset("<>[]()")
_SCAN = 12  # how far to look past spaces, digits and ASCII punctuation for a letter


def has_marks(text: str) -> bool:
    return MARKS.search(text) is not None


@cache
def _foreign(style: str) -> tuple[str, ...]:
    return tuple(mark for mark in "“”‘’「」『』" if mark not in style)


def needs_requote(text: str, style: str) -> bool:
    """Whether `text` holds a mark of another style (a few C-speed searches for one
    character, each faster than one regular-expression pass). A text already in the
    variant's style is left as written, nesting included."""
    return any(mark in text for mark in _foreign(style))


def requote(text: str, style: str, kept: list[tuple[int, int]]) -> str:
    """`text` with its quotation marks in `style` (four characters: outer opening and
    closing, inner opening and closing), leaving marks inside the spans `kept` (sorted,
    not overlapping: URLs and code) alone. Every mark stays one character, so offsets
    into the text stay valid."""
    if not needs_requote(text, style):
        return text
    simple = _simple_pairs(text, style, kept)
    return simple if simple is not None else _requote(text, style, kept)


@cache
def _simple_pair(style: str) -> tuple[re.Pattern[str], tuple[str, ...], str]:
    """For a style: a pair of the other style's outer marks on one line with no mark
    inside, the marks whose presence rules the shortcut out, and that outer pair."""
    other = "「」" if style[0] == "“" else "“”"
    opening, closing = (re.escape(mark) for mark in other)
    pair = re.compile(f"{opening}[^{opening}{closing}\\n]*+{closing}")
    return pair, tuple(mark for mark in "“”‘’「」『』" if mark not in other), other


def _simple_pairs(text: str, style: str, kept: list[tuple[int, int]]) -> str | None:
    """The common case in one regular-expression pass, or None: marks only of the other
    style's outer pair, in pairs on one line, not nested, each with a Chinese character
    right outside it (他说：“好”。). Each such pair is a Chinese quotation at depth 0, which
    `_requote` would write as the style's outer pair; anything else (a mark left over,
    nesting, English, code) goes to `_requote`. tests/test_variants_quotes.py compares
    the two on random text."""
    pair, ruled_out, other = _simple_pair(style)
    if any(mark in text for mark in ruled_out):
        return None
    if any(MARKS.search(text, start, end) for start, end in kept):
        return None
    opening, closing = style[0], style[1]

    def chinese(match: re.Match[str]) -> str:
        start, end = match.span()
        if (start and _kind(text[start - 1]) == "han") or (
            end < len(text) and _kind(text[end]) == "han"
        ):
            return opening + match.group()[1:-1] + closing
        return match.group()  # left over: the rules decide

    out = pair.sub(chinese, text)
    if other[0] in out or other[1] in out:
        return None
    return out


def _requote(text: str, style: str, kept: list[tuple[int, int]]) -> str:
    """`requote`, mark by mark: nesting, English, marks left open, code."""
    positions = [match.start() for match in MARKS.finditer(text)]
    starts = [start for start, _ in kept]
    replacements: dict[int, str] = {}
    line: list[int] = []
    line_start = 0
    for position in positions:
        if kept:
            index = bisect.bisect_right(starts, position) - 1
            if index >= 0 and position < kept[index][1]:
                continue  # inside a URL or code
        newline = text.rfind("\n", line_start, position)
        if newline != -1:
            _line(text, line, line_start, style, replacements)
            line, line_start = [], newline + 1
        line.append(position)
    _line(text, line, line_start, style, replacements)
    if not replacements:
        return text
    pieces, last = [], 0
    for position in sorted(replacements):
        pieces.append(text[last:position])
        pieces.append(replacements[position])
        last = position + 1
    pieces.append(text[last:])
    return "".join(pieces)


def _line(text: str, marks: list[int], start: int, style: str, out: dict[int, str]) -> None:
    """Decide the marks of one line (positions in `text`, the line starting at `start`)."""
    if not marks:
        return
    end = text.find("\n", start)
    end = len(text) if end == -1 else end
    partner: dict[int, int] = {}
    stack: list[int] = []
    quotes = []
    for position in marks:
        if text[position] in OPENING:
            stack.append(position)
        elif text[position] == "’" and _apostrophe(text, position):
            continue  # don’t
        elif stack:
            opening = stack.pop()
            partner[opening], partner[position] = position, opening
        quotes.append(position)
    chinese: dict[int, bool] = {}
    for position in quotes:
        if position in chinese:
            continue
        other = partner.get(position)
        is_opening = text[position] in OPENING
        first = position if is_opening else other
        last = other if is_opening else position
        verdict = _chinese_pair(text, first, last, start, end)
        chinese[position] = verdict
        if other is not None:
            chinese[other] = verdict
    depth = 0
    depth_of: dict[int, int] = {}
    for position in quotes:
        if not chinese[position]:
            continue
        if text[position] in OPENING:
            depth_of[position] = depth
            out[position] = style[2 * (depth % 2)]
            depth += 1
        else:
            partner_at = partner.get(position)
            level = depth_of.get(partner_at, 0) if partner_at is not None else 0
            if partner_at is not None:
                depth = max(depth - 1, 0)
            out[position] = style[2 * (level % 2) + 1]


def _chinese_pair(
    text: str, opening: int | None, closing: int | None, start: int, end: int
) -> bool:
    """Whether a pair (or a mark without partner) belongs to Chinese text: by what stands
    just outside it, else by what it holds."""
    before = _kind_outside(text, opening, -1, start, end) if opening is not None else ""
    if before == "han":
        return True
    after = _kind_outside(text, closing, +1, start, end) if closing is not None else ""
    if after == "han":
        return True
    if "latin" in (before, after):
        return False
    inside = text[
        (opening + 1 if opening is not None else start) : (closing if closing is not None else end)
    ]
    kinds = {_kind(char) for char in inside}
    return "han" in kinds or "latin" not in kinds


def _kind_outside(text: str, position: int, step: int, start: int, end: int) -> str:
    """The kind of the first telling character beyond `position` in direction `step`,
    skipping spaces, quotation marks, digits and ASCII punctuation."""
    index = position + step
    for _ in range(_SCAN):
        if not start <= index < end or text[index] in _BOUNDARIES:
            return ""
        kind = _kind(text[index])
        if kind:
            return kind
        index += step
    return ""


def _kind(char: str) -> str:
    """ "han" for Chinese characters and CJK punctuation, "latin" for letters of other
    scripts, "" for what says nothing (spaces, digits, ASCII punctuation, marks)."""
    if "\u2e80" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or "\uff00" <= char <= "\uffef":
        return "" if char == "\u3000" else "han"
    if char >= "\U00020000":
        return "han"
    if char.isalpha() and char not in "“”‘’":
        return "latin"
    return ""


def _apostrophe(text: str, position: int) -> bool:
    """’ between two letters or digits of a Latin-like script (don’t, Xi’an, 90’s)."""
    before = text[position - 1] if position > 0 else ""
    after = text[position + 1] if position + 1 < len(text) else ""
    return _letter(before) and _letter(after)


def _letter(char: str) -> bool:
    return bool(char) and char.isalnum() and char < "\u2e80"
