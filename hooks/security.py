"""Pages safe from their own text: front matter escaped for the theme, and a
Content-Security-Policy on every page so that only the site's own scripts and styles run.

MkDocs renders templates without autoescaping, and Material prints `page.title`,
`page.meta.description` and `page.meta.author` as they are (in the header, in <meta>
attributes): fine for an author's own docs, not for titles taken from scraped articles.
They are made `Markup` (escaped once) before any template sees them.

The policy is `duizhao.csp`; see there why inline theme scripts are allowed by hash. Under
`mkdocs serve` it also allows inline scripts: MkDocs injects a live-reload script that
changes on every reload.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the core package sits beside hooks/, not installed

import site_build  # noqa: E402  (hooks/site_build.py, a sibling module)

from duizhao.site.csp import with_policy  # noqa: E402

# Front matter the theme prints into pages.
PRINTED_META = ("title", "description", "author")


# --- hooks ------------------------------------------------------------------------------


@event_priority(-100)  # after the search plugin has indexed the text (it escapes by itself)
def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    for key in PRINTED_META:
        value = page.meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            page.meta[key] = escape(value)
    return context


@event_priority(-100)  # last: the policy hashes the page as it will be served
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return with_policy(output, local=site_build.current().serving)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # Static templates: Material's 404 page is a full page too (sitemap.xml is not).
    if template_name.endswith(".html"):
        return with_policy(output_content, local=site_build.current().serving)
    return output_content
