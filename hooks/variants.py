"""Script variants in the site: which variant a page is, its siblings, its navigation, its
fonts (their rules go into the site's one stylesheet, hooks/assets.py), and sitemaps naming
every page's variants.

A thin adapter over `duizhao.site.context` (what the templates read as `dz`) and
`duizhao.site.sitemap`; the templates (overrides/) only print what they are given.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the core package sits beside hooks/, not installed

import site_build  # noqa: E402  (hooks/site_build.py, a sibling module)

from duizhao import settings  # noqa: E402
from duizhao.site import context, sitemap  # noqa: E402
from duizhao.variants import Variant, variant  # noqa: E402

# --- hooks ------------------------------------------------------------------------------


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site_build.current().files = files
    return files


def on_page_context(
    context_: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    current = context.variant_of(page.file.src_uri)
    if current is None:
        context_["dz"] = None
        return context_
    context_["dz"] = context.page_context(
        page.url,
        current,
        is_article=bool(page.meta.get("slug")),
        site_name=config.site_name,
        site_url=config.site_url or "",
        relative=get_relative_url,
        palette_toggles=context.palette_toggles(config.theme.get("palette")),
    )
    context_["nav"] = _navigation(current, page)
    return context_


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    # Static templates (the 404 page) have no page and no `dz`: they get the variant list.
    env.globals["dz_variants"] = [variant(tag) for tag in settings.published()]
    return env


def on_post_build(config: MkDocsConfig) -> None:
    files = site_build.current().files
    assert files is not None
    pages = [
        (file.page.url, file.page.update_date if isinstance(file.page.update_date, str) else "")
        for file in files.documentation_pages()
        if file.page is not None
    ]
    site = Path(config.site_dir)
    for folder, text in sitemap.sitemaps(pages, config.site_url or "").items():
        target = site / folder / "sitemap.xml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        if not folder:  # MkDocs writes a compressed copy of the site's sitemap too
            with gzip.GzipFile(site / "sitemap.xml.gz", "wb", mtime=0) as packed:
                packed.write(text.encode("utf-8"))


# --- helpers ----------------------------------------------------------------------------


def _navigation(current: Variant, page: Page) -> Navigation:
    """The variant's own navigation (home, tags, glossary, and the article being read):
    MkDocs has one site-wide nav, which would send a Taiwan reader to the Simplified pages.
    Its pages exist by now (pages outside `nav:` are only made after on_nav, which is why
    this is built here). An article is in its own page's nav, so Material renders the
    table-of-contents toggle its label points at (valid HTML) and the reader sees where
    they are."""
    build = site_build.current()
    if current.tag not in build.navigations:
        assert build.files is not None
        found = (build.files.get_file_from_path(path) for path in context.nav_page_paths(current))
        pages = [file.page for file in found if file is not None and file.page is not None]
        navigation = Navigation(pages, pages)
        navigation.homepage = pages[0] if pages else None
        build.navigations[current.tag] = navigation
    shared = build.navigations[current.tag]
    if page in shared.pages:
        return shared
    own = Navigation([*shared.items, page], [*shared.pages, page])
    own.homepage = shared.homepage
    return own
