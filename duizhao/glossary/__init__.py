"""The cross-article glossary: names and terms, their readings, English, and where they occur.

`build_glossary` runs once per build over all articles and returns a `Glossary`; a `Matcher`
finds the glossary's terms in any text of one script variant (for links and tooltips);
`to_csv` exports the glossary for flashcard programs. Plain Python: no MkDocs here.

Where terms come from:
1. Pairs the articles give, 中文（English）: the English names the term, and the Chinese is
   cut from the text before the bracket by kind (a person, an organisation, a place).
2. Candidates the rules find (jieba's names, dotted names, cut Chinese names, head-built
   names, quoted phrases, CC-CEDICT's polity words) that stand on their own, as whole
   units, in two or more articles and are not ordinary vocabulary (units.py).
3. data/glossary.yaml, edited by people: terms with English, kind, note, aliases (plain or
   in context), regional spellings, pinyin, and words to suppress. Curated entries win.
Spellings that belong together (and any that share a spelling) are one term; each matches
every surface form a region writes (spellings.py), each with its own reading. English:
curated, the article's pair, the names table, CC-CEDICT (CC BY-SA 4.0: pages that show it
credit it), the translation memory, a place and a known word composed, a mainland name in
pinyin; else none, and the entry says so. Pinyin has tone marks, grouped into words as
written (Xí Jìnpíng, Fúlājīmǐ'ěr Pǔjīng, Shànghǎi Hézuò Zǔzhī); ids are toneless slugs.

The package, in the order a build runs through it (each module documents its own rules):
    curated.py     data/glossary.yaml, read strictly (pydantic), one-line errors
    nametable.py   the names tables: data/variants/names.tsv (regional names) and
                   data/glossary/names.tsv (names all regions write alike): English, kind
    pairs.py       中文（English） pairs: the English, its kind, the Chinese cut out
    names.py       jieba: private tokenizers, their dictionary words, cuts and their cache
    candidates.py  candidate terms in one text, each with the rule that found it
    vocabulary.py  which candidates are ordinary words; CC-CEDICT's gazetteer
    units.py       which candidates are terms: whole units in two or more articles
    cedict.py      CC-CEDICT, offline: proper nouns, English, kinds, common words
    readings.py    pinyin of a term and of each form, romanised names, slugs
    english.py     which English wins, and its source
    grouping.py    which spellings are one term (union-find)
    spellings.py   every surface form a region writes (tables, variant characters, dots)
    context.py     aliases that mean different terms in different articles (冬奥)
    matching.py    many spellings found in one Aho-Corasick pass; a variant's forms
    assemble.py    build_glossary: texts, candidates, grouping, counting, terms, ids
    model.py       Occurrence, Term, Glossary (sorted by pinyin; related articles)
    exports.py     to_csv: Anki, Pleco and spreadsheets
    queue.py       the curator's queue and its decisions (scripts/glossary_queue.py)
    text.py        character classes and words several modules share
and, using the glossary: store.py caches it per build, page.py renders it, marking.py marks
its terms in a page's HTML.

Cost: jieba and the CC-CEDICT index load once per process, on first use (about 2 s; a later
build takes about 0.2 s). Cutting the texts with jieba's part-of-speech tagger is nine tenths
of the rest (about 30 ms per article), and a `NamesCache` keeps its findings per text, so a
rebuild cuts only new or changed texts. Counting is one pass per text over every spelling at
once: no per-term regex and no article × term loop.
"""

from __future__ import annotations

from duizhao.glossary.assemble import build_glossary
from duizhao.glossary.curated import CURATED, GlossaryFileError, load_curated
from duizhao.glossary.exports import to_csv
from duizhao.glossary.matching import Matcher
from duizhao.glossary.model import (
    ENGLISH_SOURCES,
    KINDS,
    RELATED_SPREAD,
    Glossary,
    Occurrence,
    Term,
)
from duizhao.glossary.names import NamesCache

__all__ = [
    "CURATED",
    "ENGLISH_SOURCES",
    "KINDS",
    "RELATED_SPREAD",
    "Glossary",
    "GlossaryFileError",
    "Matcher",
    "NamesCache",
    "Occurrence",
    "Term",
    "build_glossary",
    "load_curated",
    "to_csv",
]
