"""The cross-article glossary in the site: a glossary page per variant, its downloads, the
terms marked in every article (tooltip: pinyin · English, a link to the entry), and each
article's key terms and related articles.

A thin adapter: the glossary is made (or taken from its cache) once per build by
`duizhao.glossary_store`, rendered by `duizhao.glossary_page`, and marked into pages by
`duizhao.marking`, one Aho-Corasick pass per page. The article sections are added to the
page's HTML (and its table of contents), not to its Markdown: see glossary_page's doc.
"""

from __future__ import annotations

import html
import logging
import re
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

from duizhao.glossary import GlossaryFileError  # noqa: E402
from duizhao.glossary import store as glossary_store  # noqa: E402
from duizhao.glossary.marking import mark_terms  # noqa: E402
from duizhao.glossary.page import (  # noqa: E402
    DOWNLOAD_DIR,
    article_terms,
    downloads,
    fill_blocks,
    glossary_page_parts,
    tooltip,
)
from duizhao.site.csp import CONTENT_START  # noqa: E402
from duizhao.variants import localize  # noqa: E402

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
    _build["pages"] = {}  # src_uri -> (variant, glossary URL, article sections), per page
    _build["blocks"] = {}  # glossary page src_uri -> its entries' HTML, by placeholder
    log.info("glossary: %d terms", len(corpus.glossary))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    corpus = _build["corpus"]
    use_directory_urls = config.use_directory_urls
    for tag in localize.published():
        folder = localize.folder(tag)
        page_url = _url(f"{folder}/glossary.md", use_directory_urls)

        def article_href(slug: str, folder: str = folder, page_url: str = page_url) -> str:
            target = _url(f"{folder}/articles/{slug}.md", use_directory_urls)
            return get_relative_url(target, page_url)

        text, blocks = glossary_page_parts(corpus, tag, localize.labeller(tag), article_href)
        files.append(File.generated(config, f"{folder}/glossary.md", content=text))
        _build["blocks"][f"{folder}/glossary.md"] = blocks
    for name, text in downloads(corpus.glossary).items():
        files.append(File.generated(config, f"{DOWNLOAD_DIR}/{name}", content=text))
    return files


def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # The article's sections are made now, for the table of contents the template renders,
    # and put into the page after it is rendered (on_post_page).
    if blocks := _build["blocks"].get(page.file.src_uri):  # a glossary page: its entries
        return fill_blocks(content, blocks)
    place = _article(page)
    glossary_file = place and files.get_file_from_path(f"{localize.folder(place[0])}/glossary.md")
    if not place or glossary_file is None:
        return content
    tag, slug = place
    folder = localize.folder(tag)
    glossary_href = get_relative_url(glossary_file.url, page.url)

    def article_href(other: str) -> str:
        target = _url(f"{folder}/articles/{other}.md", config.use_directory_urls)
        return get_relative_url(target, page.url)

    say = localize.labeller(tag)
    section = article_terms(_build["corpus"], slug, tag, say, glossary_href, article_href)
    _build["pages"][page.file.src_uri] = (tag, glossary_href, section)
    if section:
        _add_to_toc(page, section)
    return content


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # Marked after Material's search has indexed the page: the index needs the text, not the
    # hundreds of links marking adds (they doubled its parsing time).
    if blocks := _build["blocks"].get(page.file.src_uri):  # a glossary page's occurrences
        return fill_blocks(output, blocks)
    made = _build["pages"].pop(page.file.src_uri, None)
    if made is None:
        return output
    tag, glossary_href, section = made
    start, end = output.find(CONTENT_START), output.rfind("</article>")
    if start < 0 or end < start:
        return output
    escaped_href = html.escape(glossary_href)
    tooltips = _build["tooltips"]

    def wrap(term_id: str, text: str) -> str:
        return (
            f'<a class="dz-term" href="{escaped_href}#{term_id}" '
            f'title="{tooltips[term_id]}">{text}</a>'
        )

    article = output[start:end]
    marked, _ = mark_terms(article, _build["corpus"].glossary.matcher(tag).find, wrap)
    at = marked.find(FOOTER)
    marked = marked + section if at < 0 else marked[:at] + section + marked[at:]
    return output[:start] + marked + output[end:]


# --- helpers ----------------------------------------------------------------------------


def _url(src_uri: str, use_directory_urls: bool) -> str:
    """The URL MkDocs gives a page (its File is not needed to know it)."""
    stem = src_uri.removesuffix(".md")
    if not use_directory_urls:
        return stem + ".html"
    return stem[: -len("index")] if stem.endswith("index") else stem + "/"


def _add_to_toc(page: Page, section: str) -> None:
    """The sections' headings in the page's table of contents, as Markdown's would be."""
    items = page.toc.items
    if items and items[0].level == 1:  # h2s are the children of the page's h1
        items = items[0].children
    for anchor, title in re.findall(r'<h2 id="([^"]+)">(.*?)<a class="headerlink"', section):
        items.append(AnchorLink(html.unescape(title), anchor, 2))


def _article(page: Page) -> tuple[str, str] | None:
    """(variant tag, slug) of an article page; None for any other page."""
    slug = page.meta.get("slug")
    folder = page.file.src_uri.split("/", 1)[0]
    for tag in localize.published():
        if localize.folder(tag) == folder and slug:
            return tag, str(slug)
    return None
