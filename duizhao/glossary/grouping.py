"""Which spellings are one term: every source's spellings, grouped with union-find.

A curated entry with its aliases is one term; so is a pair with its abbreviation and its
short form (唐纳德·特朗普 and 特朗普), and so are pairs that give one English (拜登 and
乔·拜登 are both Joe Biden). Then everything that shares a spelling is one term, whatever
found it; a name jieba alone found joins a term that way or stands alone. Suppressed
spellings take no part. Each spelling keeps why it is there (its origin): assemble.py drops
a short form the articles never use on its own.

Sections: public API, then helpers.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from duizhao.glossary.curated import Curated, CuratedTerm
from duizhao.glossary.pairs import Pair
from duizhao.glossary.text import JOINERS
from duizhao.glossary.units import Decision


@dataclass
class Group:
    spellings: list[str] = field(default_factory=list)
    curated: list[CuratedTerm] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)  # kind hints of found names
    origins: dict[str, str] = field(default_factory=dict)  # spelling -> why it is here


def group_spellings(
    curated: Curated, pairs: list[Pair], decisions: dict[str, Decision]
) -> dict[str, Group]:
    """Every spelling that is not suppressed, in groups keyed by their union-find root.
    Found names are those `decisions` kept (units.py); a place with its administrative
    suffix joins the bare name (广东省 and 广东)."""
    links = _UnionFind()
    origins: dict[str, str] = {}  # spelling -> why it is here, first reason first
    _link_curated(links, origins, curated)
    _link_pairs(links, origins, pairs, curated.suppress)
    names = {s: d.kinds for s, d in decisions.items() if d.kept and s not in curated.suppress}
    for word, decision in decisions.items():
        if word in names:
            origins.setdefault(word, "alias" if decision.alias_of else "found")
            links.find(word)
    for word, decision in decisions.items():  # 广东省 and 广东; 伊力哈木 and 伊力哈木·土赫提
        if word in names and decision.alias_of in names:
            links.union([decision.alias_of, word])

    groups: dict[str, Group] = defaultdict(Group)
    for spelling in origins:
        group = groups[links.find(spelling)]
        group.spellings.append(spelling)
        group.origins[spelling] = origins[spelling]
        group.kinds.update(names.get(spelling, {}))
    for term in curated.terms:
        if term.zh not in curated.suppress:
            groups[links.find(term.zh)].curated.append(term)
    for pair in pairs:
        if pair.chinese not in curated.suppress:
            groups[links.find(pair.chinese)].pairs.append(pair)
    return groups


# --- helpers ----------------------------------------------------------------------------


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, items: Iterable[str]) -> None:
        items = list(items)
        for item in items[1:]:
            a, b = self.find(items[0]), self.find(item)
            if a != b:
                self.parent[b] = a


def _link_curated(links: _UnionFind, origins: dict[str, str], curated: Curated) -> None:
    """A curated entry's spellings are one term."""
    for term in curated.terms:
        spellings = [
            s for s in (term.zh, *term.aliases, *term.spellings) if s not in curated.suppress
        ]
        for s in spellings:
            origins.setdefault(s, "curated")
        if spellings:
            links.union(spellings)


def _link_pairs(
    links: _UnionFind, origins: dict[str, str], pairs: list[Pair], suppressed: frozenset[str]
) -> None:
    """A pair's name, abbreviation and short form are one term; so are pairs with one
    English (拜登 and 乔·拜登 are both Joe Biden)."""
    by_english: dict[str, list[str]] = defaultdict(list)
    for pair in pairs:
        found = {pair.chinese: "pair", pair.abbreviation: "abbreviation"}
        if pair.kind == "person":
            found[_short_form(pair.chinese)] = "short"
        spellings = [s for s in found if s and s not in suppressed]
        for spelling in spellings:
            origins.setdefault(spelling, found[spelling])
        if spellings:
            links.union(spellings)
            by_english[pair.english.lower()].append(spellings[0])
    for spellings in by_english.values():
        links.union(spellings)


def _short_form(name: str) -> str:
    """The last part of a joined name ("唐纳德·特朗普" → 特朗普), if it is a name by itself."""
    parts = [part for part in re.split(f"[{JOINERS}]", name) if part]
    return parts[-1] if len(parts) > 1 and len(parts[-1]) >= 2 else ""
