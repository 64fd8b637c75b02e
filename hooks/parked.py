"""Parked pages: between MkDocs' two passes over the pages, each page's HTML waits compressed
in a temporary file.

MkDocs renders every page's Markdown before it writes any (see `duizhao.site.parked`), so
without this a build holds every page's HTML and Markdown at once. The last hook to see a
page's HTML parks it; the first to see the page's context takes it back; once the page is
written its HTML is let go. The Markdown is let go as soon as it is rendered (an empty
string stays, for MkDocs' `Page.title` reads None as "not read yet"): nothing in MkDocs,
Material or our hooks reads it again.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the core package sits beside hooks/, not installed

import site_build  # noqa: E402  (hooks/site_build.py, a sibling module)

# --- hooks ------------------------------------------------------------------------------


@event_priority(-100)  # last: the HTML as every other hook left it
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    site_build.current().parked.park(page.file.src_uri, html)
    page.markdown = ""  # not None: MkDocs' Page.title is None until the Markdown is read
    return ""


@event_priority(100)  # first: every other hook and the template see the page's HTML
def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    html = site_build.current().parked.take(page.file.src_uri)
    if html is not None:
        page.content = html
    return context


@event_priority(-100)  # last: the page is written
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    page.content = None
    return output


def on_post_build(config: MkDocsConfig) -> None:
    site_build.current().parked.close()


def on_build_error(error: Exception) -> None:
    site_build.current().parked.close()
