"""Making the glossary: spellings from every source, grouped into terms, counted, given ids.

`build_glossary` reads each text of each article (title, dek, blocks) in Simplified, finds
pairs (pairs.py) and names (names.py), adds the curated entries (curated.py) and groups the
spellings that belong together (grouping.py). A term's `simplified` form is the curated one,
else the spelling the articles use most (普京, not 弗拉基米尔·普京); its English comes from
english.py, its pinyin from readings.py.

Counting is one Aho-Corasick pass per text, in the article's own script, over every
spelling of every term at once (matching.py). A term needs a hit; a name jieba alone found
needs hits in two or more articles and must not be a common word. Occurrences in the title
or dek have block_id "".

Ids: the toneless pinyin slug of the Simplified form ("pu-jing", "xi-jin-ping"); homophones
in one glossary (希尔, 西尔) both get "-" and six hex digits of the form's SHA-1.

Sections: public API, then the texts, counting, terms.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from duizhao import variants
from duizhao.english.memory import Memory
from duizhao.glossary import cedict, context, nametable, readings
from duizhao.glossary.candidates import byline_positions, candidates
from duizhao.glossary.context import ArticleContext, Claim
from duizhao.glossary.curated import CURATED, Curated, CuratedTerm, load_curated
from duizhao.glossary.english import choose_english
from duizhao.glossary.grouping import Group, group_spellings
from duizhao.glossary.matching import Automaton, form
from duizhao.glossary.model import Glossary, Occurrence, Term
from duizhao.glossary.names import (
    NamesCache,
    cut_texts,
    dictionary_words,
    extraction_tokenizer,
    table_names,
)
from duizhao.glossary.pairs import Known, pairs_in
from duizhao.glossary.spellings import Spellings
from duizhao.glossary.text import JOINERS
from duizhao.glossary.units import Text, select
from duizhao.glossary.vocabulary import gazetteer_place
from duizhao.record import Article


def build_glossary(
    articles: Sequence[Article],
    curated: Path | None = CURATED,
    memory: Memory | None = None,
    names_cache: NamesCache | None = None,
) -> Glossary:
    """The glossary of these articles; see the package documentation for the rules.

    `names_cache` keeps what jieba found in each text between builds (the slow part, nine
    tenths of the time): pass the same dict again and only new or changed texts are cut.
    It is left holding the entries of these articles only. The result is the same with or
    without it.
    """
    curated_terms = load_curated(curated) if curated else Curated()
    return _build(list(articles), curated_terms, memory, names_cache)


def _build(
    articles: list[Article],
    curated: Curated,
    memory: Memory | None,
    names_cache: NamesCache | None = None,
) -> Glossary:
    """Each stage once, in order: texts, pairs, names, groups, hits, terms, ids."""
    units = _units(articles)
    known = Known(curated)
    pairs = [pair for unit in units for pair in pairs_in(unit.simplified, known)]
    simplified = [unit.simplified for unit in units]
    tokenizer, added = extraction_tokenizer(curated, pairs, dictionary_words(simplified))
    cuts = cut_texts(simplified, tokenizer, added, names_cache)
    added_words = frozenset(word for word, (_, tag) in added.items() if tag != "n")
    texts = []
    for unit, tokens in zip(units, cuts, strict=True):
        text = unit.simplified.translate(_ONE_JOINER)  # 伊力哈木‧土赫提 is 伊力哈木·土赫提
        spans = tuple(candidates(text, tokens, added_words))
        bylines = frozenset(byline_positions(text, tokens))
        texts.append(Text(unit.slug, text, spans, bylines, _word_bounds(tokens)))
    vouched = {s for t in curated.terms for s in (t.zh, *t.aliases)} | {p.chinese for p in pairs}
    decisions = select(texts, vouched, curated.suppress, table_names(simplified))
    groups = group_spellings(curated, pairs, decisions)
    spellings = Spellings(curated.variant_characters)
    claims = [
        Claim(root, alias)
        for root, group in groups.items()
        for term in group.curated
        for alias in term.contextual
    ]
    resolved = context.resolve(claims, _contexts(articles, units))
    hits = _count(units, groups, spellings, resolved)
    scripts_of = {article.slug: article.script for article in articles}
    made = _terms(groups, hits, memory, spellings, scripts_of)
    terms = _with_ids([term for _, term in made])
    ids = {root: term.id for (root, _), term in zip(made, terms, strict=True)}
    answers = context.renamed(resolved, ids)
    by_id = {term.id: term for term in terms}
    surface = {  # every surface form of a contextual spelling, for the pages' matchers
        slug: {f: owner for s, owner in found.items() for f in spellings.surface_forms(s)}
        for slug, found in answers.items()
    }
    return Glossary([t for t in by_id.values()], decisions, surface)


def _word_bounds(tokens: Sequence[Sequence[str]]) -> tuple[tuple[int, int], ...]:
    """(start, end) of each of jieba's words in the text, in order."""
    bounds, position = [], 0
    for word, _ in tokens:
        bounds.append((position, position + len(word)))
        position += len(word)
    return tuple(bounds)


_ONE_JOINER = str.maketrans({joiner: "·" for joiner in JOINERS if joiner != "·"})


def simplified_texts(articles: Sequence[Article]) -> dict[str, str]:
    """Each article's text (title, dek, blocks) in Simplified, by slug: what the rules read."""
    texts: dict[str, list[str]] = defaultdict(list)
    for unit in _units(list(articles)):
        texts[unit.slug].append(unit.simplified)
    return {slug: "\n".join(parts) for slug, parts in texts.items()}


def _contexts(articles: list[Article], units: list[_Unit]) -> list[ArticleContext]:
    texts: dict[str, list[str]] = defaultdict(list)
    for unit in units:
        texts[unit.slug].append(unit.simplified)
    return [
        ArticleContext(a.slug, context.year_of(a.date), "\n".join(texts.get(a.slug, [])))
        for a in articles
    ]


# --- the texts --------------------------------------------------------------------------

_SCRIPT_TAGS = {"hans": "zh-Hans", "hant": "zh-Hant", "tw": "zh-TW", "hk": "zh-HK"}


@dataclass(frozen=True)
class _Unit:
    slug: str
    block_id: str
    text: str  # as the article writes it
    simplified: str  # the same in Simplified (extraction reads this)
    script: str


def _units(articles: list[Article]) -> list[_Unit]:
    units = []
    for article in articles:
        texts = [("", article.title), ("", article.dek)]
        texts += [(b.id, b.plain or " ".join(b.items) or b.alt) for b in article.blocks]
        for block_id, text in texts:
            if text and text.strip():
                simplified = (
                    text if article.script == "hans"
                    else variants.convert(text, "zh-Hans", source=article.script)
                )  # fmt: skip
                units.append(_Unit(article.slug, block_id, text, simplified, article.script))
    return units


# --- counting ---------------------------------------------------------------------------

_SNIPPET = 30
_CONTEXTUAL = "\0context"  # a pattern's owner when the article decides it


@dataclass
class _Hits:
    by_spelling: Counter[str] = field(default_factory=Counter)
    by_block: dict[tuple[str, str], list[Any]] = field(default_factory=dict)  # [count, snippet]


def _count(
    units: list[_Unit],
    groups: dict[str, Group],
    spellings: Spellings,
    resolved: dict[str, dict[str, str]],
) -> dict[str, _Hits]:
    """One automaton pass per text: hits of every surface form (spellings.py) of every
    spelling of every group, whatever the article's script; a contextual spelling counts
    for the term it means in that article (context.py), or for none."""
    hits: dict[str, _Hits] = defaultdict(_Hits)
    patterns: dict[str, tuple[str, str]] = {}
    for root, group in groups.items():
        for spelling in group.spellings:
            for surface in spellings.surface_forms(spelling):
                patterns.setdefault(surface, (root, spelling))
    for group in groups.values():
        for term in group.curated:
            for alias in term.contextual:
                for surface in spellings.surface_forms(alias.zh):
                    patterns.setdefault(surface, (_CONTEXTUAL, alias.zh))
    automaton = Automaton(patterns)
    for unit in units:
        for start, end, (root, spelling) in automaton.find(unit.text):
            if root == _CONTEXTUAL:
                root = resolved.get(unit.slug, {}).get(spelling, "")
                if not root:
                    continue  # means no term here: left unlinked
            entry = hits[root]
            entry.by_spelling[spelling] += 1
            place = (unit.slug, unit.block_id)
            if place in entry.by_block:
                entry.by_block[place][0] += 1
            else:
                entry.by_block[place] = [1, _snippet(unit.text, start, end)]
    return hits


def _snippet(text: str, start: int, end: int) -> str:
    side = max(6, (_SNIPPET - (end - start)) // 2)
    left, right = max(0, start - side), min(len(text), end + side)
    snippet = " ".join(text[left:right].split())
    return ("…" if left > 0 else "") + snippet + ("…" if right < len(text) else "")


# --- terms ------------------------------------------------------------------------------


def _terms(
    groups: dict[str, Group],
    hits: dict[str, _Hits],
    memory: Memory | None,
    spellings: Spellings,
    scripts_of: dict[str, str],
) -> list[tuple[str, Term]]:
    """The groups that make a term, as (root, term without an id)."""
    terms = []
    for root, group in groups.items():
        term = _make_term(group, hits.get(root) or _Hits(), memory, spellings, scripts_of)
        if term is not None:
            terms.append((root, term))
    return terms


def _make_term(
    group: Group,
    hits: _Hits,
    memory: Memory | None,
    forms_of: Spellings,
    scripts_of: dict[str, str],
) -> Term | None:
    if not hits.by_block:
        return None
    # A short form ("特朗普" from "唐纳德·特朗普") stays only if the articles use it alone.
    spellings = [
        s for s in group.spellings
        if group.origins[s] != "short" or hits.by_spelling[s] or s in group.kinds
    ]  # fmt: skip
    curated = min(group.curated, key=lambda t: t.order) if group.curated else None
    if curated is None and not group.pairs:
        slugs = {slug for slug, _ in hits.by_block}
        if len(slugs) < 2:  # units.py decided on Simplified text; this is the articles' own
            return None
    han = [s for s in spellings if not s.isascii()]
    if not han:
        return None
    if curated is not None:
        primary = curated.zh
    else:
        # the bare name over one with its administrative suffix (广东 over 广东省), the full
        # name over its part written alone (伊力哈木·土赫提 over 伊力哈木)
        bare = [s for s in han if group.origins[s] != "alias"] or han
        primary = min(bare, key=lambda s: (-hits.by_spelling[s], -len(s), s))
    aliases = tuple(s for s in sorted(spellings, key=lambda s: (-hits.by_spelling[s], s))
                    if s != primary)  # fmt: skip
    contextual = tuple(
        dict.fromkeys(a.zh for t in group.curated for a in t.contextual if hits.by_spelling[a.zh])
    )

    kind = _kind(curated, group, primary)
    scripts = Counter(scripts_of.get(slug, "hans") for slug, _ in hits.by_block)
    english, source = choose_english(primary, aliases, kind, curated, group.pairs, memory, scripts)
    pinyin = (
        curated.pinyin if curated and curated.pinyin else readings.pinyin(primary, kind, english)
    )
    occurrences = tuple(
        Occurrence(slug, block_id, count, snippet)
        for (slug, block_id), (count, snippet) in hits.by_block.items()
    )
    forms = {v.tag: form(primary, v.tag) for v in variants.all_variants()}
    surface = tuple(dict.fromkeys(
        f for spelling in (primary, *aliases) for f in forms_of.surface_forms(spelling)
    ))  # fmt: skip
    context_forms = tuple(f for s in contextual for f in forms_of.surface_forms(s))
    own = {f: pinyin for f in forms_of.surface_forms(primary) if _same_syllables(f, primary)}
    return Term(
        surface=surface,
        context_aliases=contextual,
        readings={
            f: own.get(f) or readings.form_pinyin(f, kind, english)
            for f in (*surface, *context_forms)
        },
        id="",
        simplified=primary,
        traditional=forms["zh-Hant"],
        forms=forms,
        aliases=aliases,
        pinyin=pinyin,
        english=english,
        english_source=source,
        kind=kind,
        note=curated.note if curated else "",
        occurrences=occurrences,
    )


def _kind(curated: CuratedTerm | None, group: Group, primary: str) -> str:
    """Curated, else the pairs', else the names table's, else what CC-CEDICT's first sense
    says, else what the candidates' rules suggested (jieba's tag, a head such as 局)."""
    if curated and curated.kind:
        return curated.kind
    if group.pairs:
        return Counter(pair.kind for pair in group.pairs).most_common(1)[0][0]
    for spelling in (primary, *group.spellings):
        if row := nametable.by_simplified().get(spelling):
            return row.kind
    if kind := cedict.kind_of(primary):
        return kind
    if gazetteer_place(primary):
        return "place"
    if group.kinds:
        return group.kinds.most_common(1)[0][0]
    return "term"


def _same_syllables(surface: str, simplified: str) -> bool:
    """The surface form reads as the Simplified one (臺灣 and 台湾; not 普丁 and 普京)."""
    return surface == simplified or readings.syllables(surface) == readings.syllables(simplified)


def _with_ids(terms: list[Term]) -> list[Term]:
    slugs = Counter(readings.slug(term.simplified) for term in terms)
    out = []
    for term in terms:
        slug = readings.slug(term.simplified)
        if slugs[slug] > 1 or not slug:
            digest = hashlib.sha1(term.simplified.encode("utf-8")).hexdigest()[:6]
            slug = f"{slug}-{digest}" if slug else f"term-{digest}"
        out.append(replace(term, id=slug))
    return out
