"""A Simplified text's word boundaries carried onto the same text in another variant.

Variants mostly keep the length of a text (one character for one), but not always: OpenCC's
phrases and our regional tables change some (内存 → 記憶體, 特朗普 → 川普, 方便面 → 泡麵).
So the variant text is compared with the Simplified one character by character, each
variant character read as its Simplified form (OpenCC t2s, one character at a time, so the
comparison keeps the variant's positions); where the two differ in length, the words inside
that stretch become one word of the variant (川普 is the word 特朗普). When nothing changed
length, the boundaries are the same and no comparison is made beyond one string equality.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from functools import cache

import opencc

from duizhao.learner.segment import Token

# Variant span and the Simplified word(s) it stands for.
Span = tuple[int, int, str]


def carry(tokens: list[Token], simplified: str, variant: str) -> list[Span]:
    """Each token's span in `variant`, tokens merged where the variant rewrote across them."""
    if simplified == variant:
        return [(t.start, t.end, t.word) for t in tokens]
    read = _as_simplified(variant)
    if len(simplified) == len(variant) and read == simplified:
        return [(t.start, t.end, t.word) for t in tokens]
    starts, ends = _position_maps(simplified, read)
    spans: list[Span] = []
    for token in tokens:
        start, end = starts[token.start], ends[token.end]
        if start >= end:
            continue  # a deleted stretch
        if spans and start < spans[-1][1]:  # overlaps the previous word: one word
            first, last, word = spans.pop()
            spans.append((min(first, start), max(last, end), word + token.word))
        else:
            spans.append((start, end, token.word))
    return spans


def _position_maps(a: str, b: str) -> tuple[list[int], list[int]]:
    """For every position 0..len(a): where a word starting there starts in b, and where a
    word ending there ends in b."""
    starts = [0] * (len(a) + 1)
    ends = [0] * (len(a) + 1)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (i2 - i1) == (j2 - j1):
            for offset in range(i2 - i1 + 1):
                starts[i1 + offset] = ends[i1 + offset] = j1 + offset
        else:  # replaced, inserted or deleted: inner boundaries go to the stretch's edges
            for position in range(i1, i2 + 1):
                starts[position] = j1 if position < i2 else j2
                ends[position] = j2 if position > i1 else j1
    return starts, ends


def _as_simplified(text: str) -> str:
    return text.translate(_simplify_table(frozenset(text)))


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


_SIMPLIFIED: dict[int, str] = {}


def _simplify_table(chars: frozenset[str]) -> dict[int, str]:
    """One character's Simplified form (its own when OpenCC gives more or less than one)."""
    for char in chars:
        if ord(char) not in _SIMPLIFIED:
            converted = _t2s().convert(char)
            _SIMPLIFIED[ord(char)] = converted if len(converted) == 1 else char
    return _SIMPLIFIED
