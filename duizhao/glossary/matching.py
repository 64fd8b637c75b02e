"""Finding many spellings in a text in one pass, and the spellings a variant's reader sees.

`Automaton` (pyahocorasick) does the matching for both uses: counting every spelling of
every term while the glossary is built (assemble.py), and `Matcher`, which finds a finished
glossary's terms in a page of one variant for links and tooltips (marking.py). There is no
per-term regex and no article × term loop. `form` puts a Simplified spelling into a variant.

Sections: public API, then helpers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import ahocorasick

from duizhao import variants

if TYPE_CHECKING:  # model.py builds its matchers from here: a type only, no import cycle
    from duizhao.glossary.model import Glossary


CONTEXTUAL = "\0"  # marks a pattern whose term the article decides


class Automaton:
    """Leftmost-longest, non-overlapping matching of many spellings in one pass.

    pyahocorasick's own `iter_long` drops matches after a failed longer candidate, so this
    takes every match from `iter` (one pass over the text) and keeps, left to right, the
    longest one starting at each free position. A spelling that begins or ends with an
    ASCII letter or digit (PRIO, G7) must not touch another one there (not PRIORITY).
    """

    def __init__(self, patterns: dict[str, Any]) -> None:
        self.size = len(patterns)
        self._automaton = ahocorasick.Automaton()
        for spelling, value in patterns.items():
            self._automaton.add_word(spelling, (len(spelling), value, _ascii_edges(spelling)))
        if patterns:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[tuple[int, int, Any]]:
        if not self.size or not text:
            return []
        longest: dict[int, tuple[int, Any]] = {}
        for last, (length, value, edges) in self._automaton.iter(text):
            start, end = last - length + 1, last + 1
            if edges and not _free_edges(text, start, end, edges):
                continue
            if end > longest.get(start, (0, None))[0]:
                longest[start] = (end, value)
        found = []
        cursor = 0
        for start in sorted(longest):
            if start >= cursor:
                end, value = longest[start]
                found.append((start, end, value))
                cursor = end
        return found


class Matcher:
    """Finds a glossary's terms in text of one variant: every form and alias, as that
    variant's reader sees it (zh-TW finds 普丁 and 川普; Latin aliases such as PRIO as is)."""

    def __init__(self, glossary: Glossary, variant_tag: str) -> None:
        self.tag = variants.variant(variant_tag).tag
        patterns: dict[str, str] = {}
        # Main forms first, so a spelling two terms share goes to the term it names; then
        # every surface form of every spelling (spellings.py), whatever the variant: a
        # Taiwan article's zh-TW page writes 台灣, a Simplified article's 臺灣.
        for term in glossary:
            patterns.setdefault(term.forms[self.tag], term.id)
        for term in glossary:
            for alias in term.aliases:
                patterns.setdefault(form(alias, self.tag), term.id)
        for term in glossary:
            for surface in term.surface:
                patterns.setdefault(surface, term.id)
        for answers in glossary.context.values():  # decided per article, in `find`
            for surface in answers:
                patterns.setdefault(surface, CONTEXTUAL + surface)
        self._automaton = Automaton(patterns)

    def __len__(self) -> int:
        return self._automaton.size

    def find(
        self, text: str, context: Mapping[str, str] | None = None
    ) -> list[tuple[int, int, str]]:
        """(start, end, term id) of each hit: non-overlapping, longest first, left to right.
        A contextual alias is a hit only where `context` (the article's answers, context.py)
        says which term it means."""
        found = []
        for start, end, value in self._automaton.find(text):
            if value.startswith(CONTEXTUAL):
                value = (context or {}).get(value.removeprefix(CONTEXTUAL), "")
                if not value:
                    continue
            found.append((start, end, value))
        return found


def form(spelling: str, tag: str) -> str:
    """A Simplified spelling as a variant writes it (ASCII stays as it is). Not cached here:
    `variants.reload()` must take effect in `mkdocs serve`."""
    return spelling if spelling.isascii() else variants.convert(spelling, tag)


# --- helpers ----------------------------------------------------------------------------


def _ascii_edges(spelling: str) -> tuple[bool, bool]:
    """Which ends of the spelling are an ASCII letter or digit; () when neither is."""
    first, last = spelling[:1], spelling[-1:]
    edges = (first.isascii() and first.isalnum(), last.isascii() and last.isalnum())
    return edges if any(edges) else ()  # type: ignore[return-value]


def _free_edges(text: str, start: int, end: int, edges: tuple[bool, bool]) -> bool:
    """True when no ASCII letter or digit touches the hit at an ASCII end (PRIO in PRIORITY)."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if edges[0] and before.isascii() and before.isalnum():
        return False
    return not (edges[1] and after.isascii() and after.isalnum())
