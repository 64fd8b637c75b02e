"""Text that conversion must leave alone: URLs, link targets, HTML src/href values, inline
`code`, <code> elements and fenced code blocks.

Each such span that holds non-ASCII text is swapped for a noncharacter (U+FDD0), which
OpenCC passes through, and put back afterwards, so a document still takes one OpenCC call.
All-ASCII spans need nothing: OpenCC never changes ASCII, and no dictionary word (ours or
OpenCC's) reaches across a span's edge.

Speed: a pair that changes the script (s2tw, ...) costs far more than finding URLs, so that
search runs first. A same-script pair (t2s on a Simplified source, t2tw, ...) changes little
and runs near memory speed, so it converts first and searches only changed lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from duizhao.variants.opencc_files import Converter

# Each protected span becomes this character, which OpenCC passes through; the output is
# split on it and the spans go back in order. U+FDD0 is a Unicode noncharacter, reserved
# for a program's internal use, so real text should never hold it (if it does, the slower
# piecewise path runs). It is in the BMP, so strings keep their compact 2-byte form.
_SENTINEL = "\ufdd0"

# A bare URL ends at whitespace, quotes, brackets or Chinese punctuation; balanced
# parentheses may sit inside. Only what follows "://" needs protecting: OpenCC never
# changes the ASCII scheme before it. Possessive quantifiers (++) never backtrack: 3× faster.
_URL_STOP = r"""\s<>"'`()\[\]{}，。、；：！？（）「」『』【】《》〈〉“”‘’…"""
_URL_BODY = rf"(?:[^{_URL_STOP}]++|\([^\s<>\"'`()]*+\))++"
_QUOTED = r"""(?:"[^"\n]*+"|'[^'\n]*+')"""

# One pass over the text. Every branch starts with a literal, so the regex engine only
# stops where one could begin. Groups named keep_* narrow a span to the part to protect.
_INLINE = re.compile(
    "|".join(
        (
            r"`(`*+)(?!`)[^\n]*?(?<!`)`\1(?!`)",  # inline `code`
            r"<code\b[^>\n]*+>[^\n]*?</code>",  # <code> on one line
            "://" + _URL_BODY,  # URLs with a scheme
            r"www\." + _URL_BODY,  # bare www. addresses
            r"\]\((?P<keep_link>[^\s()<>]++(?:\([^\s()<>]*+\)[^\s()<>]*+)*+)",  # link targets
            rf"href\s*+=\s*+(?P<keep_href>{_QUOTED})",  # HTML link targets
            rf"src(?:set)?\s*+=\s*+(?P<keep_src>{_QUOTED})",  # HTML image sources
        )
    )
)
_FENCE_OPEN = re.compile(r" {0,3}(`{3,}|~{3,})(.*)")
_FENCE_CLOSE = re.compile(r" {0,3}(`{3,}|~{3,})[ \t]*\r?\n?")


class Fences:
    """Follows fenced code blocks line by line (CommonMark's rules, simplified)."""

    def __init__(self) -> None:
        self.marker = ""

    def inside(self, line: str) -> bool:
        """Whether this line belongs to a fenced block, opening and closing lines included."""
        if not self.marker:
            opening = _FENCE_OPEN.match(line)
            if opening is None or ("`" in opening.group(1) and "`" in opening.group(2)):
                return False
            self.marker = opening.group(1)
            return True
        closing = _FENCE_CLOSE.fullmatch(line)
        if closing and self._closes(closing.group(1)):
            self.marker = ""
        return True

    def _closes(self, fence: str) -> bool:
        # Same character, at least as long as the opening fence.
        return fence[0] == self.marker[0] and len(fence) >= len(self.marker)


def protected_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every span to leave unconverted, in order, not overlapping."""
    if "```" not in text and "~~~" not in text:
        return inline_spans(text)
    spans: list[tuple[int, int]] = []
    fences = Fences()
    position = 0
    for line in _lines(text):
        end = position + len(line)
        if not fences.inside(line):
            spans.extend((position + a, position + b) for a, b in inline_spans(line))
        elif spans and spans[-1][1] == position:  # one span for a whole fenced block
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((position, end))
        position = end
    return spans


def _lines(text: str) -> Iterator[str]:
    """Lines with their "\\n", as a file yields them (str.splitlines also splits at \\x0c...)."""
    for match in re.finditer(r"[^\n]*\n|[^\n]+", text):
        yield match.group()


def inline_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _INLINE.finditer(text):
        group = match.lastgroup  # set only by the keep_* groups
        spans.append(match.span(group) if group else match.span())
    return spans


def needing_protection(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans that hold a non-ASCII character.

    OpenCC never changes ASCII, and no dictionary word (ours or OpenCC's) reaches across a
    span's edge (a backtick, a quote, "://", a bracket), so an all-ASCII span comes out
    unchanged anyway. Most URLs and code are ASCII; skipping them saves the masking.
    """
    return [(start, end) for start, end in spans if not text[start:end].isascii()]


def convert_changed_lines(text: str, converter: Converter) -> str:
    """Same-script conversion: OpenCC changes little, so convert everything at once and
    redo with protection only changed lines whose URLs or code hold non-ASCII text.

    Finding URLs and code costs more than a same-script conversion; this searches only
    the changed lines. Exact, because no match crosses a line break.
    """
    converted = str(converter.convert(text))
    if converted == text:
        return converted
    before, after = text.split("\n"), converted.split("\n")
    if len(before) != len(after):  # OpenCC keeps line breaks; this is only a safety net
        return convert_protected(text, converter, needing_protection(text, inline_spans(text)))
    changed = [n for n, (old, new) in enumerate(zip(before, after, strict=True)) if old != new]
    changed_text = "\n".join(before[n] for n in changed)
    if not needing_protection(changed_text, inline_spans(changed_text)):
        return converted  # the usual case: one search over the changed lines only
    for number in changed:
        if spans := needing_protection(before[number], inline_spans(before[number])):
            after[number] = convert_protected(before[number], converter, spans)
    return "\n".join(after)


def convert_protected(text: str, converter: Converter, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return str(converter.convert(text))
    if _SENTINEL in text:
        return _convert_between(text, converter, spans)  # cannot mark spans: slower, same
    pieces: list[str] = []
    position = 0
    for start, end in spans:
        pieces.append(text[position:start])
        position = end
    pieces.append(text[position:])
    parts = str(converter.convert(_SENTINEL.join(pieces))).split(_SENTINEL)
    if len(parts) != len(spans) + 1:  # never seen; OpenCC keeps private-use characters
        return _convert_between(text, converter, spans)
    out = [parts[0]]
    for (start, end), part in zip(spans, parts[1:], strict=True):
        out.append(text[start:end])
        out.append(part)
    return "".join(out)


def _convert_between(text: str, converter: Converter, spans: list[tuple[int, int]]) -> str:
    pieces = []
    position = 0
    for start, end in spans:
        pieces.append(str(converter.convert(text[position:start])) + text[start:end])
        position = end
    pieces.append(str(converter.convert(text[position:])))
    return "".join(pieces)
