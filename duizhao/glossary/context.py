"""Aliases that mean different things in different articles: 冬奥 is the Games of its year.

An alias the curated file gives with conditions (`{zh: 冬奥, years: [2021, 2022], with:
[北京]}`, see curated.py) claims the spelling for its term only in an article where every
condition holds: the article's year is one of `years`, and its text has one of the `with`
words. A spelling claimed by several terms is resolved per article: exactly one claim that
holds links it; none or several (an undated article, a 2026 article naming both Games with
conditions that cannot tell) leave it unlinked there, counted for no term. The words an
automatic glossary never links alone (units.AMBIGUOUS: 冬奥, 奥运会, 峰会, 两会) get a
meaning only this way.

`resolve` answers, per article, which term each contextual spelling means; the glossary
keeps the answer (`Glossary.context`) so pages link and tooltip it the same way.

Sections: public API.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from duizhao.glossary.curated import ContextAlias


@dataclass(frozen=True)
class Claim:
    owner: str  # the claiming term's key (a grouping root, later a term id)
    alias: ContextAlias


@dataclass(frozen=True)
class ArticleContext:
    slug: str
    year: int | None  # None when the article states no date
    text: str  # all its text, in Simplified


def applies(alias: ContextAlias, article: ArticleContext) -> bool:
    """Every condition of the alias holds in the article."""
    if alias.years and (article.year is None or article.year not in alias.years):
        return False
    return not alias.with_words or any(word in article.text for word in alias.with_words)


def resolve(
    claims: Iterable[Claim], articles: Iterable[ArticleContext]
) -> dict[str, dict[str, str]]:
    """slug -> {spelling -> owner} for the contextual spellings each article resolves."""
    by_spelling: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_spelling[claim.alias.zh].append(claim)
    resolved: dict[str, dict[str, str]] = {}
    for article in articles:
        for spelling, spelled in by_spelling.items():
            owners = {claim.owner for claim in spelled if applies(claim.alias, article)}
            if len(owners) == 1 and spelling in article.text:
                resolved.setdefault(article.slug, {})[spelling] = owners.pop()
    return resolved


def year_of(date: str) -> int | None:
    """The year of an ISO date ("2022-02-20" → 2022); None without one."""
    return int(date[:4]) if len(date) >= 4 and date[:4].isdigit() else None


def renamed(
    resolved: Mapping[str, Mapping[str, str]], new_names: Mapping[str, str]
) -> dict[str, dict[str, str]]:
    """The same answers with owners renamed (grouping roots → term ids); owners that made
    no term are dropped."""
    return {
        slug: {s: new_names[o] for s, o in answers.items() if o in new_names}
        for slug, answers in resolved.items()
    }
