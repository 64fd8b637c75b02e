"""Recall and precision of search, against the glossary's occurrence lists.

For every glossary term, in every variant, typed as Simplified, as the variant writes it,
in pinyin and in English: search (the site's own, in Chromium) returns every article the
glossary lists for the term (recall), and every article it returns says one of the words
searched for (precision, checked on the text Pagefind stored for the page). Beside it, the
same Chinese queries sent to Pagefind as they are: unquoted (each character anywhere: the
precision the rewriting buys) and quoted (exact phrases alone: the recall the term tokens
buy, where the index's word boundaries cut a term apart).

The glossary lists are also what the term tokens are made from (search_terms.term_token),
so recall through them checks the whole way (dictionary, rewriting, index, every variant)
rather than the lists themselves; precision is checked on the page text, independently.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from test_build import VARIANT_FOLDERS
from test_search import fragments
from test_search_browser import reader, serve_with_policy  # noqa: F401  (fixtures)

from duizhao.glossary import store
from duizhao.site.search_terms import dictionary, key

pytestmark = pytest.mark.browser

SEARCH_ALL = """
const [queries, done] = [arguments[0], arguments[arguments.length - 1]];
(async () => {
  const found = {};
  for (const query of queries) found[query] = (await window.duizhaoSearch(query)).map(r => r.url);
  return found;
})().then(done, (error) => done(String(error)));
"""

PAGEFIND_AS_IS = """
const [queries, done] = [arguments[0], arguments[arguments.length - 1]];
(async () => {
  const box = document.querySelector('[data-dz-search]');
  const pagefind = await import('/' + box.dataset.dzBundle + 'pagefind.js');
  await pagefind.init();
  const bundles = await (await fetch('/' + box.dataset.dzBundles)).json();
  for (const path of bundles.merge) {
    await pagefind.mergeIndex('/' + box.dataset.dzBundle + path, { baseUrl: '/' });
  }
  const found = {};
  for (const query of queries) {
    const search = await pagefind.search(query);
    found[query] = await Promise.all(search.results.map(async (r) => (await r.data()).url));
  }
  return found;
})().then(done, (error) => done(String(error)));
"""


def test_every_term_finds_every_article_the_glossary_lists(
    built_site: Path,
    reader: Any,  # noqa: F811
) -> None:
    corpus = store.load(built_site / "docs")
    stored = {
        url: str(page["content"]).replace("\u200b", "").lower()
        for url, page in fragments(built_site / "site").items()
    }
    missed: list[tuple[str, str, str, str]] = []
    imprecise: list[tuple[str, str, str]] = []
    naive_wrong = naive_total = ours_total = listed = phrase_missed = 0
    reader.set_script_timeout(600)
    with serve_with_policy(built_site / "site") as base:
        for folder, tag in VARIANT_FOLDERS.items():
            meanings = dictionary(corpus.glossary, tag)
            reader.get(f"{base}{folder}/")
            typed: dict[str, tuple[str, set[str]]] = {}  # query -> (term id, accepted words)
            for term in corpus.glossary:
                entry = next(e for e in meanings[key(term.simplified)] if e.term == term.id)
                queries = (term.simplified, term.forms[tag], term.pinyin, term.english)
                for query in filter(None, queries):  # a term may have no English yet
                    # English typed with its article ("the Kremlin") may find a page that
                    # says "Kremlin Pool Photo": Pagefind's phrases skip such words.
                    bare = re.sub(r"^(the|a|an) ", "", query.lower())
                    words = {form.lower() for form in entry.forms} | {query.lower(), bare}
                    typed.setdefault(query, (term.id, set()))[1].update(words)
            found = reader.execute_async_script(SEARCH_ALL, list(typed))
            assert isinstance(found, dict), found
            for query, (term_id, words) in typed.items():
                term = corpus.glossary.by_id(term_id)
                assert term is not None
                urls = set(found[query])
                ours_total += len(urls)
                for slug in term.slugs:
                    if f"/{folder}/articles/{slug}/" not in urls:
                        missed.append((folder, term_id, query, slug))
                for url in urls:
                    if not any(word in stored[url] for word in words):
                        imprecise.append((folder, query, url))
            # The same Chinese words sent to Pagefind as they are, for comparison.
            plain = [t.forms[tag] for t in corpus.glossary if len(t.forms[tag]) > 1]
            as_is = reader.execute_async_script(PAGEFIND_AS_IS, plain)
            assert isinstance(as_is, dict), as_is
            for query, urls in as_is.items():
                naive_total += len(urls)
                naive_wrong += sum(1 for url in urls if query.lower() not in stored[url])
            quoted = reader.execute_async_script(
                PAGEFIND_AS_IS, [f'"{t.forms[tag]}"' for t in corpus.glossary]
            )
            assert isinstance(quoted, dict), quoted
            for term in corpus.glossary:
                urls = set(quoted[f'"{term.forms[tag]}"'])
                listed += len(term.slugs)
                phrase_missed += sum(
                    1 for slug in term.slugs if f"/{folder}/articles/{slug}/" not in urls
                )
    assert missed == []  # recall: every listed article, every variant, every way of typing
    assert imprecise == []  # precision: each result says what was searched for
    print(
        f"\nsearch: {ours_total} results, none missed, none without the words; "
        f"Pagefind unquoted: {naive_wrong} of {naive_total} results lack the word; "
        f"quoted phrases alone miss {phrase_missed} of {listed} listed articles"
    )
    assert naive_wrong > 0  # the problems the rewriting solves are real on this corpus
    assert phrase_missed > 0
