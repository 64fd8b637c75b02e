"""Script variants in the site: which variant a page is, its siblings, a search index each.

Every generated page lives under its variant's folder (zh-hans/, zh-hant/, zh-tw/, zh-hk/)
with the same path below it, so a page's siblings are found by swapping the first segment.
The templates (overrides/) read `dz` from the page context; this hook only computes it.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the core package sits beside hooks/, not installed

from duizhao import variants  # noqa: E402
from duizhao.site import sitemap  # noqa: E402
from duizhao.site.pages import LABELS, READING_MODES  # noqa: E402
from duizhao.variants import localize  # noqa: E402

# The toggle's name for screen readers, in Simplified; each variant converts it.
TOGGLE_LABEL = "文字版本"
# The pages of each variant's navigation, under its folder.
NAV_PAGES = ("index", "tags", "glossary")


# One navigation per variant (home, tags, glossary), made once per build: MkDocs has one
# site-wide nav, which would send a Taiwan reader to the Simplified pages.
_navigations: dict[str, Navigation] = {}
_build: dict[str, Files] = {}


# --- hooks ------------------------------------------------------------------------------


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # Module state outlives rebuilds under `mkdocs serve`: start afresh every build.
    _navigations.clear()
    _build["files"] = files
    return files


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    current = variant_of(page.file.src_uri)
    context["dz"] = None if current is None else _variant_context(page, current, config)
    if current is not None:
        context["nav"] = _navigation(current, _build["files"])
    return context


def on_post_build(config: MkDocsConfig) -> None:
    _split_search_index(config)
    _write_sitemaps(config)


# --- helpers ----------------------------------------------------------------------------


def _split_search_index(config: MkDocsConfig) -> None:
    """Split Material's one search index into one per variant (results stay in the variant)."""
    site = Path(config.site_dir)
    index_file = site / "search" / "search_index.json"
    if not index_file.is_file():
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    for tag in localize.published():
        prefix = variants.variant(tag).path + "/"
        docs = [
            {**doc, "location": doc["location"][len(prefix) :]}
            for doc in index["docs"]
            if doc["location"].startswith(prefix)
        ]
        target = site / prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            json.dumps({**index, "docs": docs}, ensure_ascii=False, separators=(",", ":")),
            encoding="utf-8",
        )


def _write_sitemaps(config: MkDocsConfig) -> None:
    """sitemap.xml (and .gz) for the site with each page's variants, and one per variant."""
    site = Path(config.site_dir)
    base = config.site_url or "/"
    entries: dict[str, list[sitemap.Entry]] = {"": []}
    for file in _build["files"].documentation_pages():
        page = file.page
        if page is None:
            continue
        current = variant_of(file.src_uri)
        alternates = {}
        if current is not None:
            below = page.url[len(current.path) + 1 :]
            alternates = {
                tag: urljoin(base, f"{variants.variant(tag).path}/{below}")
                for tag in localize.published()
            }
            alternates["x-default"] = alternates[localize.published()[0]]
        lastmod = page.update_date if isinstance(page.update_date, str) else ""
        entry = sitemap.Entry(urljoin(base, page.url), lastmod, alternates)
        entries[""].append(entry)
        if current is not None:
            entries.setdefault(current.path, []).append(entry)
    for folder, listed in entries.items():
        text = sitemap.sitemap(sorted(listed, key=lambda e: e.loc))
        target = site / folder / "sitemap.xml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        if not folder:  # MkDocs writes a compressed copy of the site's sitemap too
            with gzip.GzipFile(site / "sitemap.xml.gz", "wb", mtime=0) as packed:
                packed.write(text.encode("utf-8"))


def variant_of(src_uri: str) -> variants.Variant | None:
    first = src_uri.split("/", 1)[0]
    for tag in localize.published():
        if variants.variant(tag).path == first:
            return variants.variant(tag)
    return None


def _navigation(current: variants.Variant, files: Files) -> Navigation:
    """The variant's own navigation; its pages exist by now (pages outside `nav:` are only
    made after on_nav, which is why this is built here and not there)."""
    if current.tag not in _navigations:
        pages = [
            file.page
            for file in (files.get_file_from_path(f"{current.path}/{n}.md") for n in NAV_PAGES)
            if file is not None and file.page is not None
        ]
        navigation = Navigation(pages, pages)
        navigation.homepage = pages[0] if pages else None
        _navigations[current.tag] = navigation
    return _navigations[current.tag]


def _reading_modes(current: variants.Variant) -> list[dict[str, str]]:
    """中文 · 对照 · English, for article pages (they have a slug), in the variant's script."""
    say = localize.labeller(current.tag)
    return [
        {
            "mode": mode,
            "label": say(label),
            "short": say(short),
        }
        for mode, label, short in READING_MODES
    ]


def _variant_context(page: Page, current: variants.Variant, config: MkDocsConfig) -> dict:
    below = page.url[len(current.path) + 1 :]  # the same path under every variant folder
    say = localize.labeller(current.tag)
    home = get_relative_url(f"{current.path}/", page.url)
    siblings = []
    for tag in localize.published():
        sibling = variants.variant(tag)
        url = f"{sibling.path}/{below}"
        siblings.append(
            {
                "tag": sibling.tag,
                "path": sibling.path,
                "short": sibling.short,
                "name": sibling.name,
                "current": sibling == current,
                "href": get_relative_url(url, page.url),
                "absolute": urljoin(config.site_url or "/", url),
            }
        )
    return {
        "variant": current,
        "siblings": siblings,
        "home": home,
        "base": home,
        "label": say(TOGGLE_LABEL),
        "site_name": say(config.site_name),
        "modes": _reading_modes(current) if page.meta.get("slug") else [],
        "modes_label": say(LABELS["modes"]),
    }
