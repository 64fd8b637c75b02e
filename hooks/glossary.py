"""The cross-article glossary in the site: a glossary page per variant, its downloads, the
terms marked in every article (tooltip: pinyin · English, a link to the entry), and each
article's key terms and related articles.

A thin adapter: the glossary is made (or taken from its cache) once per build by
`duizhao.glossary.store`, rendered by `duizhao.glossary.page`, and marked into articles by
`duizhao.glossary.marking`, one Aho-Corasick pass per page. URLs are MkDocs' own (each
page's File), never worked out here.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the core package sits beside hooks/, not installed

import failures  # noqa: E402  (hooks/failures.py, a sibling module)
import site_build  # noqa: E402  (hooks/site_build.py, a sibling module)

from duizhao import settings  # noqa: E402
from duizhao.glossary import store  # noqa: E402
from duizhao.glossary.marking import mark_article  # noqa: E402
from duizhao.glossary.page import (  # noqa: E402
    DOWNLOAD_DIR,
    article_sections,
    downloads,
    fill_blocks,
    glossary_page_parts,
    tooltips,
)
from duizhao.site.context import variant_of  # noqa: E402
from duizhao.variants import localize  # noqa: E402

log = logging.getLogger("mkdocs.hooks.duizhao.glossary")


# --- hooks ------------------------------------------------------------------------------


@event_priority(50)  # after hooks/pipeline.py (100) has written this build's records
@failures.reported  # a slip in glossary.yaml: one line; `serve` keeps the last good build
def on_pre_build(config: MkDocsConfig) -> None:
    build = site_build.current()
    build.corpus = store.load(Path(config.docs_dir))
    build.tooltips = {term.id: tooltips(term) for term in build.corpus.glossary}
    log.info("glossary: %d terms", len(build.corpus.glossary))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = site_build.current()
    assert build.corpus is not None
    for tag in settings.published():
        folder = localize.folder(tag)
        page = File.generated(config, f"{folder}/glossary.md", content="")

        def article_href(slug: str, folder: str = folder, page: File = page) -> str:
            article = files.get_file_from_path(f"{folder}/articles/{slug}.md")
            return article.url_relative_to(page) if article else ""

        text, blocks = glossary_page_parts(build.corpus, tag, localize.labeller(tag), article_href)
        page.content_string = text
        files.append(page)
        build.glossary_blocks[page.src_uri] = blocks
    for name, text in downloads(build.corpus.glossary).items():
        files.append(File.generated(config, f"{DOWNLOAD_DIR}/{name}", content=text))
    return files


def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = site_build.current()
    # A glossary page's entries; let go once filled (16 MB of lists at 1,000 articles).
    if blocks := build.glossary_blocks.pop(page.file.src_uri, None):
        return fill_blocks(fill_blocks(content, blocks), blocks)
    current = variant_of(page.file.src_uri)
    slug = page.meta.get("slug")
    if current is None or not slug or build.corpus is None:
        return content
    glossary = files.get_file_from_path(f"{current.path}/glossary.md")
    if glossary is None:
        return content
    glossary_href = get_relative_url(glossary.url, page.url)

    def article_href(other: str) -> str:
        article = files.get_file_from_path(f"{current.path}/articles/{other}.md")
        return get_relative_url(article.url, page.url) if article else ""

    say = localize.labeller(current.tag)
    sections = article_sections(
        build.corpus, str(slug), current.tag, say, glossary_href, article_href
    )
    _add_to_toc(page, sections.headings)
    find = build.corpus.glossary.finder(current.tag, str(slug))  # its contextual aliases
    return mark_article(content, find, glossary_href, build.tooltips, sections.html)


# --- helpers ----------------------------------------------------------------------------


def _add_to_toc(page: Page, headings: tuple[tuple[str, str], ...]) -> None:
    """The sections' headings in the page's table of contents, as Markdown's would be."""
    items = page.toc.items
    if items and items[0].level == 1:  # h2s are the children of the page's h1
        items = items[0].children
    for anchor, title in headings:
        items.append(AnchorLink(title, anchor, 2))
