"""What a glossary is: its terms, where each occurs, and the questions pages ask of it.

A `Term` is frozen and carries everything a page shows (forms per variant, pinyin, English
and its source, kind, note, occurrences), so the cache (store.py) can write and read it as
plain JSON. A `Glossary` sorts its terms by pinyin and answers per article: its terms, the
articles related to it, and a `Matcher` per variant, each worked out once.

Sections: public API, then helpers.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from duizhao import variants
from duizhao.glossary.matching import Matcher
from duizhao.glossary.readings import toneless

KINDS: tuple[str, ...] = ("person", "place", "organisation", "term")
ENGLISH_SOURCES: tuple[str, ...] = (
    "article", "curated", "names", "cedict", "composed", "memory", "romanised", ""
)  # fmt: skip
RELATED_SPREAD = 50  # see Glossary.related


@dataclass(frozen=True, slots=True)  # slots: a build holds 60 of these per article
class Occurrence:
    """Where a term occurs: one block of one article (block_id "" is the title or dek)."""

    slug: str
    block_id: str
    count: int  # hits in this block, any spelling of the term
    snippet: str  # about 30 characters around the first hit, in the article's own script


@dataclass(frozen=True)
class Term:
    id: str  # stable, URL-safe, from the Simplified form: "pu-jing"
    simplified: str
    traditional: str  # the zh-Hant form
    # variant tag -> the form a reader of that variant sees (zh-TW 普丁); not hashed
    forms: dict[str, str] = field(hash=False)
    aliases: tuple[str, ...]  # other spellings: 弗拉基米尔·普京 for 普京; PRIO, G7
    pinyin: str  # tone marks: "Pǔjīng", "Xí Jìnpíng", "Shànghǎi Hézuò Zǔzhī"
    english: str
    english_source: str  # one of ENGLISH_SOURCES ("" when there is no English)
    kind: str  # person | place | organisation | term
    note: str
    occurrences: tuple[Occurrence, ...]
    # every form a page may write it in (spellings.py): the main form's first, then aliases'
    surface: tuple[str, ...] = ()
    # surface form -> its own reading (普丁 Pǔdīng, 川普 Chuānpǔ, 視訊 shìxùn); not hashed
    readings: dict[str, str] = field(default_factory=dict, hash=False)
    # aliases that mean this term only in some articles (冬奥, context.py), as used
    context_aliases: tuple[str, ...] = ()

    @cached_property  # pages ask for these per article: worked out once per term
    def slugs(self) -> tuple[str, ...]:
        """The articles the term occurs in, in build order."""
        return tuple(dict.fromkeys(o.slug for o in self.occurrences))

    @cached_property
    def counts(self) -> dict[str, int]:
        """Occurrences per article."""
        counts: Counter[str] = Counter()
        for occurrence in self.occurrences:
            counts[occurrence.slug] += occurrence.count
        return dict(counts)

    def reading(self, spelling: str) -> str:
        """The reading of one of the term's spellings (its pinyin when not known)."""
        return self.readings.get(spelling) or self.pinyin

    @property
    def count(self) -> int:
        return sum(o.count for o in self.occurrences)


class Glossary:
    """All terms, sorted by pinyin (then by Simplified form)."""

    def __init__(
        self,
        terms: Iterable[Term],
        decisions: Mapping[str, Any] | None = None,
        context: Mapping[str, Mapping[str, str]] | None = None,
    ) -> None:
        self.terms: tuple[Term, ...] = tuple(sorted(terms, key=_sort_key))
        # What the rules decided about every candidate (units.Decision), for the curator's
        # queue; empty for a glossary read back from the cache.
        self.decisions: Mapping[str, Any] = decisions or {}
        # slug -> {surface form of a contextual alias -> the term id it means there}
        self.context: Mapping[str, Mapping[str, str]] = context or {}
        self._by_id = {term.id: term for term in self.terms}
        self._by_slug: dict[str, list[Term]] = defaultdict(list)
        for term in self.terms:
            for slug in term.slugs:
                self._by_slug[slug].append(term)
        self._matchers: dict[str, Matcher] = {}
        self._related: dict[str, list[tuple[str, int]]] = {}

    def __len__(self) -> int:
        return len(self.terms)

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def by_id(self, term_id: str) -> Term | None:
        return self._by_id.get(term_id)

    def for_article(self, slug: str) -> tuple[Term, ...]:
        """The terms that occur in an article, in glossary (pinyin) order."""
        return tuple(self._by_slug.get(slug, ()))

    def related(self, slug: str) -> list[tuple[str, int]]:
        """Other articles sharing terms with this one: (slug, shared terms), most first.

        Only terms in at most RELATED_SPREAD articles count: that 中国 occurs in both says
        nothing about two articles, and a term in every article would make this work grow
        with the square of the corpus (it stays flat per article this way).
        """
        if slug not in self._related:
            shared: Counter[str] = Counter()
            for term in self.for_article(slug):
                if len(term.slugs) <= RELATED_SPREAD:
                    shared.update(other for other in term.slugs if other != slug)
            self._related[slug] = sorted(shared.items(), key=lambda item: (-item[1], item[0]))
        return self._related[slug]

    def finder(self, variant_tag: str, slug: str = "") -> Any:
        """A function finding the terms in text of one article (its contextual aliases
        resolved, context.py) in one variant: (start, end, term id) hits."""
        matcher = self.matcher(variant_tag)
        answers = self.context.get(slug, {})
        return lambda text: matcher.find(text, answers)

    def matcher(self, variant_tag: str) -> Matcher:
        """The glossary's matcher for a variant, built once."""
        tag = variants.variant(variant_tag).tag
        if tag not in self._matchers:
            self._matchers[tag] = Matcher(self, tag)
        return self._matchers[tag]


# --- helpers ----------------------------------------------------------------------------


def _sort_key(term: Term) -> tuple[str, str, str]:
    """Pinyin without tones, so 普京 and 蒲京 sit together; ties by tones, then the form."""
    return (toneless(term.pinyin) or term.simplified, term.pinyin.lower(), term.simplified)
