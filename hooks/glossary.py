"""The cross-article glossary in the site: a glossary page per variant, its downloads, the
terms marked in every article (tooltip: pinyin · English, a link to the entry), and each
article's key terms and related articles.

A thin adapter: the glossary is made (or taken from its cache) once per build by
`duizhao.glossary_store`, rendered by `duizhao.glossary_page`, and marked into pages by
`duizhao.marking`, one Aho-Corasick pass per page.
"""

from __future__ import annotations

import html
import logging
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the core package sits beside hooks/, not installed

from duizhao import glossary_store, localize  # noqa: E402
from duizhao.glossary import GlossaryFileError  # noqa: E402
from duizhao.glossary_page import (  # noqa: E402
    DOWNLOAD_DIR,
    article_terms,
    downloads,
    glossary_page,
    tooltip,
)
from duizhao.marking import mark_terms  # noqa: E402

log = logging.getLogger("mkdocs.hooks.duizhao.glossary")

# The glossary of this build and the tooltip of each term, set by on_pre_build.
_build: dict = {}
# Inserted before the article's footer (credits), or at the end of a page without one.
FOOTER = '<footer class="dz-credits"'


# --- hooks ------------------------------------------------------------------------------


@event_priority(50)  # after hooks/pipeline.py (100) has written this build's records
def on_pre_build(config: MkDocsConfig) -> None:
    _build.clear()
    docs = Path(config.docs_dir)
    try:
        corpus = glossary_store.load(docs)
    except GlossaryFileError as error:
        # A broken curated file must not take the site down: say so, build without it.
        log.warning("glossary: %s (built without the curated glossary)", error)
        corpus = glossary_store.load(docs, curated=None)
    _build["corpus"] = corpus
    _build["tooltips"] = {term.id: html.escape(tooltip(term)) for term in corpus.glossary}
    log.info("glossary: %d terms", len(corpus.glossary))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    corpus = _build["corpus"]
    for tag in localize.published():
        text = glossary_page(corpus, tag, localize.labeller(tag))
        files.append(File.generated(config, f"{localize.folder(tag)}/glossary.md", content=text))
    for name, text in downloads(corpus.glossary).items():
        files.append(File.generated(config, f"{DOWNLOAD_DIR}/{name}", content=text))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    place = _article(page)
    if place is None:
        return markdown
    tag, slug = place
    section = article_terms(_build["corpus"], slug, tag, localize.labeller(tag))
    if not section:
        return markdown
    at = markdown.find(FOOTER)
    return markdown + "\n\n" + section if at < 0 else f"{markdown[:at]}{section}\n{markdown[at:]}"


def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    place = _article(page)
    if place is None:
        return content
    tag, _ = place
    glossary_file = files.get_file_from_path(f"{localize.folder(tag)}/glossary.md")
    if glossary_file is None:
        return content
    href = html.escape(get_relative_url(glossary_file.url, page.url))
    tooltips = _build["tooltips"]

    def wrap(term_id: str, text: str) -> str:
        return f'<a class="dz-term" href="{href}#{term_id}" title="{tooltips[term_id]}">{text}</a>'

    marked, _ = mark_terms(content, _build["corpus"].glossary.matcher(tag).find, wrap)
    return marked


# --- helpers ----------------------------------------------------------------------------


def _article(page: Page) -> tuple[str, str] | None:
    """(variant tag, slug) of an article page; None for any other page."""
    slug = page.meta.get("slug")
    folder = page.file.src_uri.split("/", 1)[0]
    for tag in localize.published():
        if localize.folder(tag) == folder and slug:
            return tag, str(slug)
    return None
