"""The learner's layer in the site: tap data per article and variant, HSK levels on articles
and on the home and tags pages, a "我的生词" page per variant, and an Atom feed per variant.

A thin adapter: the data and levels are made (or taken from their store) once per build by
`duizhao.learner.store`, after the glossary (its terms are user words); HTML comes from
`duizhao.learner.render`, feeds from `duizhao.learner.feed`. URLs are MkDocs' own.
The tap data is copied into the site after the build (it is not a page, and 40,000 files
held in memory as MkDocs `File`s would cost gigabytes at 10,000 articles).
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the core package sits beside hooks/, not installed

import site_build  # noqa: E402  (hooks/site_build.py, a sibling module)

from duizhao import settings  # noqa: E402
from duizhao.datafiles import DataFileError  # noqa: E402
from duizhao.english.memory import Memory  # noqa: E402
from duizhao.learner import feed, render, store  # noqa: E402
from duizhao.pipeline import STATE_DIR, load_records  # noqa: E402
from duizhao.site.context import variant_of  # noqa: E402
from duizhao.variants import localize, variant  # noqa: E402

log = logging.getLogger("mkdocs.hooks.duizhao.learner")

WORDS_PAGE = "words"  # <variant>/words.md: the reader's own word list
DATA_FOLDER = "learner"  # <variant>/learner/<slug>.json in the site
FEED = "feed.xml"
_SLOT = re.compile(r'<span class="dz-level-slot" data-dz-slug="([^"]+)"></span>')
_META_END = re.compile(r'(<p class="dz-meta">.*?</p>)', re.S)


# --- hooks ------------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Pages of no variant (the site root, 404) list every variant's feed in their head.
    config.extra["duizhao_feeds"] = [
        {"href": f"{localize.folder(tag)}/{FEED}", "lang": tag, "title": _feed_title(tag)}
        for tag in settings.published()
    ]
    return config


@event_priority(40)  # after hooks/glossary.py (50): the glossary's terms are user words
def on_pre_build(config: MkDocsConfig) -> None:
    build = site_build.current()
    glossary = build.corpus.glossary if build.corpus is not None else None
    try:
        build.learner = store.build(Path(config.docs_dir), glossary, settings.published())
    except DataFileError as error:  # a broken names table: say so, build without it
        log.warning("learner: %s (built without the names table)", error)
        missing = Path(config.docs_dir) / STATE_DIR / "no-names.tsv"
        build.learner = store.build(Path(config.docs_dir), glossary, settings.published(), missing)
    log.info(
        "learner: %d articles (%d made, the rest from the store)",
        len(build.learner.levels),
        build.learner.made,
    )


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for tag in settings.published():
        content = render.words_page(localize.labeller(tag), tag)
        files.append(
            File.generated(config, f"{localize.folder(tag)}/{WORDS_PAGE}.md", content=content)
        )
    return files


@event_priority(-50)  # after the glossary has marked the article (default priority)
def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    current = variant_of(page.file.src_uri)
    build = site_build.current()
    learner = build.learner
    if current is None or learner is None:
        return content
    say = localize.labeller(current.tag)
    folder = current.path
    words = files.get_file_from_path(f"{folder}/{WORDS_PAGE}.md")
    glossary = files.get_file_from_path(f"{folder}/glossary.md")
    slug = str(page.meta.get("slug") or "")
    data_url = ""
    if slug in learner.levels:
        data_url = get_relative_url(f"{folder}/{DATA_FOLDER}/{slug}.json", page.url)
        words_href = get_relative_url(words.url, page.url) if words else ""
        box = render.level_box(learner.levels[slug], say, words_href)
        content = _META_END.sub(lambda match: match.group(1) + box, content, count=1)
    page.meta["dz_learner"] = {
        "data": data_url,
        "slug": slug,
        "variant": current.tag,
        "words": get_relative_url(words.url, page.url) if words else "",
        "glossary": get_relative_url(glossary.url, page.url) if glossary else "",
        "labels": _browser_labels(build, current.tag),
    }
    if "dz-level-slot" in content:  # the home and tags pages (pages.level_slot)
        content = _SLOT.sub(lambda m: render.badge(learner.levels.get(m.group(1)), say), content)
    return content


def on_post_build(config: MkDocsConfig) -> None:
    build = site_build.current()
    if build.learner is None:
        return
    site = Path(config.site_dir)
    for tag in settings.published():
        target = site / localize.folder(tag) / DATA_FOLDER
        target.mkdir(parents=True, exist_ok=True)
        for slug in build.learner.levels:
            shutil.copyfile(build.learner.data_file(slug, tag), target / f"{slug}.json")
    _write_feeds(config, site)


# --- helpers ----------------------------------------------------------------------------


def _browser_labels(build: site_build.SiteBuild, tag: str) -> str:
    """The learner script's words in variant `tag`, as JSON: made once per variant and build,
    one string its pages share (a string per page was 11 MB held through a build of 1,000
    articles, until every page was written)."""
    if tag not in build.learner_labels:
        labels = render.browser_labels(localize.labeller(tag))
        build.learner_labels[tag] = json.dumps(labels, ensure_ascii=False)
    return build.learner_labels[tag]


def _write_feeds(config: MkDocsConfig, site: Path) -> None:
    """feed.xml in every variant's folder: the newest dated articles."""
    files = site_build.current().files
    manifest = _manifest(Path(config.docs_dir))
    dates: dict[str, str] = {}
    for entry in manifest.get("seeds", {}).values():
        summaries = entry.get("summaries", {})
        first = next(iter(summaries.values()), None)
        if first:
            dates[first["slug"]] = first.get("date", "")
    wanted = set(feed.newest(dates))
    records = load_records(Path(config.docs_dir), wanted)
    memory = Memory.load()
    base = config.site_url or "http://127.0.0.1:8000/"
    for tag in settings.published():
        folder = localize.folder(tag)

        def url_of(slug: str, folder: str = folder) -> str:
            article = files.get_file_from_path(f"{folder}/articles/{slug}.md") if files else None
            return urljoin(base, article.url if article else f"{folder}/articles/{slug}/")

        entries = feed.entries_for(records, tag, url_of, memory)
        text = feed.atom(
            entries,
            title=_feed_title(tag),
            home=urljoin(base, f"{folder}/"),
            self_url=urljoin(base, f"{folder}/{FEED}"),
            lang=variant(tag).tag,
            site=localize.labeller(tag)(config.site_name),
        )
        (site / folder).mkdir(parents=True, exist_ok=True)
        (site / folder / FEED).write_text(text, encoding="utf-8")


def _feed_title(tag: str) -> str:
    return f"{localize.labeller(tag)('对照 · 中文新闻')} · {localize.name(tag)}"


def _manifest(docs: Path) -> dict[str, Any]:
    try:
        data = json.loads((docs / STATE_DIR / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
