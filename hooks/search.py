"""Search: Pagefind's index of the built site, each variant's query dictionary, and what the
search box in the header needs to know.

A thin adapter over `duizhao.site.search` (running Pagefind) and `duizhao.site.search_terms`
(the dictionary), with `duizhao.site.indexing` deciding when each variant is indexed: as
soon as MkDocs has rendered its last article page, while it renders and writes the rest.
Every build gets it, so `mkdocs build`, `mkdocs serve` and the Pages workflow all do; without
Pagefind the build stops with one line saying how to install it.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the core package sits beside hooks/, not installed

import site_build  # noqa: E402  (hooks/site_build.py, a sibling module)

from duizhao import settings  # noqa: E402
from duizhao.site import context, search, search_terms  # noqa: E402
from duizhao.site.indexing import VariantIndexing  # noqa: E402
from duizhao.variants import localize  # noqa: E402

log = logging.getLogger("mkdocs.hooks.duizhao.search")

# variant tag -> number of dictionary shards, for this build (hook modules outlive rebuilds)
_shards: dict[str, int] = {}


# --- hooks ------------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _shards.clear()
    search_terms.character_map.cache_clear()  # the variant tables may have changed
    try:
        search.pagefind_binary(ROOT)  # fail before a long build, not after it
    except search.SearchError as error:
        raise PluginError(f"search: {error}") from None
    return config


@event_priority(-50)  # after the glossary's pages: the dictionary reads the glossary
def on_files(files: Files, config: MkDocsConfig) -> Files:
    corpus = site_build.current().corpus
    assert corpus is not None, "hooks/glossary.py must be listed before hooks/search.py"
    for tag in settings.published():
        shards, contents = search_terms.shard_files(corpus.glossary, tag)
        _shards[tag] = shards
        folder = f"{localize.folder(tag)}/{search.TERMS_DIR}"
        for name, data in contents.items():
            files.append(File.generated(config, f"{folder}/{name}", content=data))
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    # Every file is known; no page is rendered yet. The article pages this build writes, by
    # variant, so each variant's index can start once its last one has come.
    build = site_build.current()
    inclusion = InclusionLevel.is_in_serve if build.serving else InclusionLevel.is_included
    written = [file.dest_uri for file in files.documentation_pages(inclusion=inclusion)]
    folders = [localize.folder(tag) for tag in settings.published()]
    build.search_index = VariantIndexing(
        Path(config.site_dir),
        search.pagefind_binary(ROOT),
        build.settings.pages_per_bundle,
        {folder: search.article_pages(folder, written) for folder in folders},
    )
    return nav


@event_priority(-90)  # after the hooks that change the HTML, before hooks/parked.py takes it
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    current = context.variant_of(page.file.src_uri)
    index = site_build.current().search_index
    if current is not None and page.meta.get("slug") and index is not None:
        # YAML may read the date as a date: its ISO form either way
        date = str(page.meta.get("date") or "")
        body = html + _details(page)
        index.add(page.file.dest_uri, date, search.search_document(current.tag, body))
    return html


@event_priority(-50)  # after hooks/variants.py has set `dz`
def on_page_context(
    context_: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    current = context_.get("dz")
    context_["dz_search"] = None
    if current:
        tag = current["variant"].tag
        folder = current["variant"].path
        context_["dz_search"] = {
            "shards": _shards.get(tag, 1),
            "bundle": f"{folder}/{search.BUNDLE_DIR}/",
            "bundles": f"{folder}/{search.BUNDLE_DIR}/{search.BUNDLES_FILE}",
            "terms": f"{folder}/{search.TERMS_DIR}/",
            "strings": search.ui_strings(localize.labeller(tag)),
            "strings_en": search.UI_STRINGS_EN,
            "details": _details(page) if page.meta.get("slug") else "",
        }
    return context_


@event_priority(-100)  # last: every page and file is written
def on_post_build(config: MkDocsConfig) -> None:
    index = site_build.current().search_index
    assert index is not None, "on_nav made it"
    try:
        report = index.finish()
    except search.SearchError as error:
        raise PluginError(f"search: {error}") from None
    log.info(
        "search: %d pages indexed in %s, %d bundles (%.1f s of Pagefind, %.1f s of it waited "
        "for after the last page was written)",
        report.pages,
        ", ".join(report.languages),
        report.bundles,
        report.seconds,
        index.waited,
    )


def on_build_error(error: Exception) -> None:
    build = site_build.started()
    if build is not None and build.search_index is not None:
        build.search_index.stop()


# --- helpers ----------------------------------------------------------------------------


def _details(page: Page) -> str:
    """The hidden end of an article's indexed body (`search.search_details`), with the
    article's glossary terms as index words (`search_terms.term_token`)."""
    corpus = site_build.current().corpus
    slug = page.meta.get("slug")
    terms = corpus.glossary.for_article(str(slug)) if corpus and slug else ()
    tokens = " ".join(search_terms.term_token(term.id) for term in terms)
    return search.search_details(page.meta, tokens)
