"""Every spelling a region uses for a term: what pages are searched for, in every variant.

A term is kept by its Simplified spellings (普京, 弗拉基米尔·普京). Readers meet it in many
more: the Traditional form (臺灣), each region's form from the variant tables (普丁 in
zh-TW, 施紀賢 in zh-HK), the other spellings those tables accept (蒲亭), and the forms a
region writes with another common character (Taiwan writes 台灣 as often as 臺灣; Hong Kong
writes 衞生 where Taiwan writes 衛生). `surface_forms` makes them all, from:

1. the variants stage: the spelling converted into every variant, and the `alias` rows
   of its regional tables (data/variants/tw.tsv …), read with its public `load_table`;
2. a small curated list, `variant_characters` in data/glossary.yaml (臺 台, 衛 衞 …): each
   form is also written with the other character of each pair;
3. a term's own curated `spellings` (普亭), added by grouping.py as spellings of the term.

Every variant's page is searched for every form (a Taiwan article's zh-TW page says 台灣,
a Simplified article's says 臺灣): so the glossary finds a term however an article writes it.

Sections: public API, then helpers.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping

from duizhao import variants
from duizhao.glossary.text import JOINERS

MAX_FORMS = 16  # character variants multiply: a four-pair word stays bounded


class Spellings:
    """Surface forms of Simplified spellings, worked out once per build."""

    def __init__(self, variant_characters: Iterable[tuple[str, str]] = ()) -> None:
        self._swaps: dict[str, set[str]] = defaultdict(set)
        for a, b in variant_characters:
            self._swaps[a].add(b)
            self._swaps[b].add(a)
        self._aliases = _regional_aliases()
        self._forms: dict[str, tuple[str, ...]] = {}

    def surface_forms(self, spelling: str) -> tuple[str, ...]:
        """The spelling and every way a variant or region writes it, the spelling first."""
        if spelling in self._forms:
            return self._forms[spelling]
        if spelling.isascii():
            forms: dict[str, None] = {spelling: None}
        else:
            forms = {spelling: None}
            for variant in variants.all_variants():
                forms[variants.convert(spelling, variant.tag)] = None
            for form in list(forms):
                for alias in self._aliases.get(form, ()):
                    forms[alias] = None
            for form in list(forms):
                for swapped in self._swapped(form):
                    forms[swapped] = None
            for form in list(forms):  # the dot of a foreign name, as each region types it
                if "·" in form:
                    for joiner in JOINERS:
                        forms[form.replace("·", joiner)] = None
        self._forms[spelling] = tuple(forms)
        return self._forms[spelling]

    def _swapped(self, form: str) -> list[str]:
        choices = [[ch, *sorted(self._swaps.get(ch, ()))] for ch in form]
        if all(len(c) == 1 for c in choices):
            return []
        return ["".join(p) for p in itertools.islice(itertools.product(*choices), MAX_FORMS)]


def form_map(spellings: Spellings, words: Iterable[str]) -> Mapping[str, str]:
    """Surface form -> the Simplified spelling it writes (the first claim wins)."""
    found: dict[str, str] = {}
    for word in words:
        for form in spellings.surface_forms(word):
            found.setdefault(form, word)
    return found


# --- helpers ----------------------------------------------------------------------------


def _regional_aliases() -> dict[str, set[str]]:
    """Regional form or Simplified form -> other spellings the region's table accepts
    (`alias` rows: 普京 → 蒲亭, and so 普丁 → 蒲亭 too)."""
    aliases: dict[str, set[str]] = defaultdict(set)
    for name in variants.table_names():
        try:
            rows = variants.load_table(name)
        except (OSError, ValueError):
            continue  # the variants stage reports its own tables
        main = {row.key: row.value for row in rows if row.flag != "alias"}
        for row in rows:
            if row.flag == "alias":
                aliases[row.key].add(row.value)
                if row.key in main:
                    aliases[main[row.key]].add(row.value)
    return aliases
