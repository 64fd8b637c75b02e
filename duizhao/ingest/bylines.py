"""Bylines and photo credits as real outlets print them; the patterns are data
(data/cleaning.yaml: `bylines`, `byline_only`, `caption_credits`).

    find_author(line)          -> "林清" / "杨帆、李明" / "": the person a byline names
    byline_paragraph(text)     -> (author, whole): whether a paragraph is only a byline
    split_caption(text)        -> ("caption。", "credit"): a photo caption and its credit
    clean_author_field(value)  -> the person in a scraper's `author` field, "" for an outlet

A reporter's name and the place filed from are both Han characters with nothing between them
("记者林清华盛顿报道"): the patterns are tried with the known places (`datelines`) first, and
only then with any place, so 林清 files from 华盛顿, not 林清华 from 盛顿.
"""

from __future__ import annotations

import re

from duizhao.ingest.curated import cleaning, outlet_names

_HAN = re.compile("[\u4e00-\u9fff\u3400-\u4dbf]")
_NAME = re.compile("[\u4e00-\u9fff\u3400-\u4dbf][\u4e00-\u9fff\u3400-\u4dbf·]{1,3}")
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z.'-]{0,20}(?: [A-Z][A-Za-z.'-]{0,20}){1,3}")
# Longer than any byline: a paragraph this long is article text, whatever it opens with.
BYLINE_MAX = 200
_SEPARATORS = re.compile(r"[、\s]+")
# What may stand beside a byline in its line: a time stamp ("最後更新日期：2025-03-18 17:30").
_STAMP_REST = re.compile(
    r"^[^\d]{0,8}[:：]?\s?\d{4}\s?[-/.年]\s?\d{1,2}\s?[-/.月]\s?\d{1,2}\s?日?"
    r"(?:\s{0,3}\d{1,2}:\d{2}(?::\d{2})?)?$"
)


def find_author(line: str) -> str:
    """The person(s) a byline names, joined with 、; "" when it names nobody or is none."""
    found = _byline_match(line)
    return _names(found["names"]) if found else ""


def byline_paragraph(text: str) -> tuple[str, bool]:
    """(author, whole): the author a paragraph's byline names, and whether the paragraph is
    nothing but a byline (then it goes: it is not article text, nor the description)."""
    line = " ".join(text.split())
    if len(line) > BYLINE_MAX:
        return "", False
    found = _byline_match(line)
    if found:
        rest = (line[: found.start()] + line[found.end() :]).strip(" 　（）()〔〕【】／/|｜:：,，")
        return _names(found["names"]), not rest or bool(_STAMP_REST.match(rest))
    for pattern in cleaning().byline_only:
        if pattern.search(line):
            return "", True
    return "", False


def split_caption(text: str) -> tuple[str, str]:
    """(caption, credit): the credit without its markers; (text, "") when there is none."""
    text = " ".join(text.split()).removeprefix("▲").strip()
    if len(text) > BYLINE_MAX * 2:
        return text, ""
    for pattern in cleaning().caption_credits:
        found = pattern.search(text)
        if found:
            credit = found["credit"].strip(" ／/")
            caption = text[: found.start()].rstrip(" ／/")
            if credit:
                return caption, credit
    return text, ""


def clean_author_field(value: str) -> str:
    """The person in a JSON export's `author`: a byline is read as a byline, an outlet's own
    name is nobody, a bare name is kept, a name after an outlet's name loses the outlet."""
    value = " ".join(str(value or "").split())[:BYLINE_MAX]
    outlets = outlet_names()
    if not value or value in outlets:
        return ""
    found = find_author(value)
    if found:
        return found
    for outlet in outlets:
        if value.startswith(outlet):
            rest = value[len(outlet) :].strip(" ／/|")
            return rest if _NAME.fullmatch(rest) else ""
    if _NAME.fullmatch(value) or _LATIN_NAME.fullmatch(value):
        return value
    return ""


# --- helpers ----------------------------------------------------------------------------


def _byline_match(line: str) -> re.Match[str] | None:
    line = " ".join(line.split())[: BYLINE_MAX * 2]
    for patterns in cleaning().bylines:  # known places first, then any place
        for pattern in patterns:
            found = pattern.search(line)
            if found and found["names"].strip():
                return found
    return None


def _names(names: str) -> str:
    names = names.strip()
    if not _HAN.search(names):
        return names  # a Latin name keeps its spaces
    return "、".join(name for name in _SEPARATORS.split(names) if name)
