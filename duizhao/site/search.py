"""Search for the built site: Pagefind indexes the articles of each variant (`indexing` says
when), and each variant gets its query dictionary (`search_terms`) beside its pages.

Pagefind (pinned in package.json, installed by `bash scripts/dev` with `npm ci`) is a
binary; 1.6.0 ships only its extended build, which segments Chinese with ICU4X. Each variant
gets its own bundle (`zh-tw/pagefind/`), so its readers search their own pages.

A large variant gets several bundles. Pagefind holds a run's whole index in memory (about
0.85 MB per page of ours), so a variant of more than `pages_per_bundle` article pages is cut
into runs of at most that many, each its own bundle: the first at `zh-tw/pagefind/`, the
others inside it (`zh-tw/pagefind/bundle-2/`, ...), named in the first's `BUNDLES_FILE`
with each one's number of pages. The newest articles come first. Every bundle a query
touches costs it that bundle's metadata and index chunks (BENCHMARKS.md), so the
browser searches the first (newest) bundle alone, and merges the next ones into it
(Pagefind's `mergeIndex`) only while the results do not fill the list, or when the reader
asks for more: a common word costs one bundle, a rare one searches every page. Only
article pages are indexed: the template marks an article's body with `data-pagefind-body`
and ends it with its source, date and tags as Pagefind metadata and filters
(`search_details`, printed by overrides/main.html); the glossary's
key-term and related-article lists and the permalinks are left out (`EXCLUDED`), so a result
is an article that says the words, not one that links to another that does.

What the browser needs, and why the Content-Security-Policy allows it: `'wasm-unsafe-eval'`
in script-src (Pagefind's search runs in WebAssembly), a worker from the site itself
(worker-src 'self') and fetches of the index files from the site itself (connect-src 'self').
Nothing else, and nothing from another host.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from duizhao import settings

PAGEFIND_VERSION = "1.6.0"
BUNDLE_DIR = "pagefind"  # under each variant's folder: its (first) Pagefind bundle
BUNDLES_FILE = "duizhao-bundles.json"  # in the first bundle: the others, to merge
# A bundle's pages reach Pagefind as one glob argument, and Linux caps one argument at
# 128 KiB (MAX_ARG_STRLEN): a bundle ends before its glob passes this.
GLOB_BYTES = 100_000
TERMS_DIR = "search"  # under each variant's folder: the query dictionary's shards
BINARY_NAMES = ("pagefind_extended", "pagefind")
BINARY_VAR = "PAGEFIND_BINARY_PATH"  # Pagefind's own override, honoured here too
RUN_SECONDS = 3600  # one Pagefind run (a bundle); a run of 1,500 pages takes about a minute
INSTALL_HINT = "run `bash scripts/dev setup` (or `npm ci --ignore-scripts` in the project)"
# Inside an article's body but not its text: permalinks (¶), the glossary's lists of key terms
# and related articles, the term tooltips' hidden parts.
EXCLUDED = (".headerlink", "[data-search-exclude]", "#key-terms", "#related-articles")


class SearchError(RuntimeError):
    """Search could not be built; the message is one line saying why and what to do."""


@dataclass(frozen=True)
class IndexReport:
    pages: int
    languages: tuple[str, ...]
    seconds: float
    bundles: int = 0  # Pagefind runs, all variants together


def pagefind_binary(project: Path, env: dict[str, str] | None = None) -> Path:
    """Pagefind's binary: $PAGEFIND_BINARY_PATH, else the one npm installed in `project`."""
    env = dict(os.environ) if env is None else env
    if env.get(BINARY_VAR):
        chosen = Path(env[BINARY_VAR])
        if not _is_program(chosen):
            raise SearchError(f"${BINARY_VAR} is {chosen}, which is not a program")
        return chosen
    for found in sorted((project / "node_modules" / "@pagefind").glob("*/bin/*")):
        if found.name.split(".")[0] in BINARY_NAMES and _is_program(found):
            return found
    raise SearchError(f"Pagefind {PAGEFIND_VERSION} is not installed: {INSTALL_HINT}")


def index_site(
    site_dir: Path,
    folders: Iterable[str],
    binary: Path,
    pages_per_bundle: int = settings.PAGES_PER_BUNDLE,
    dates: Mapping[str, str] | None = None,
) -> IndexReport:
    """Run Pagefind over the article pages of each variant folder of `site_dir`, one variant
    after another (`index_variant`); the build does the same through `indexing`, starting
    each variant as soon as its pages are written."""
    return combined([
        index_variant(site_dir, folder, binary, pages_per_bundle, dates) for folder in folders
    ])  # fmt: skip


def index_variant(
    site_dir: Path,
    folder: str,
    binary: Path,
    pages_per_bundle: int = settings.PAGES_PER_BUNDLE,
    dates: Mapping[str, str] | None = None,
    started: Callable[[subprocess.Popen[bytes]], None] | None = None,
    documents: Path | None = None,
) -> IndexReport:
    """Index the article pages of one variant folder: one Pagefind run per bundle, at most
    `pages_per_bundle` pages each (see the module's docstring), under `<folder>/pagefind/`.
    The newest articles go first (`dates`: a page's path in the site -> its ISO date), so
    the first bundle, which a reader's first query searches, holds the newest. `started`
    is given each Pagefind process as it starts (to stop it if the build stops).
    `documents`: a folder laid out as the site holding the pages' `search_document`s, read
    instead of the written pages (the build's, made before it writes them: `indexing`)."""
    started_at = time.perf_counter()
    first = site_dir / folder / BUNDLE_DIR
    shutil.rmtree(first, ignore_errors=True)  # no stale index files, nor bundles
    pages_dir = site_dir if documents is None else documents
    articles = pages_dir / folder / "articles"
    found = [path.relative_to(articles).as_posix() for path in articles.rglob("*.html")]
    if not found:
        return IndexReport(0, (), 0.0)  # nothing to index (Pagefind would stop: no pages)
    known = dates or {}
    dated = {page: known.get(f"{folder}/articles/{page}", "") for page in found}
    parts = split_bundles(newest_first(dated), pages_per_bundle)
    pages = 0
    languages: list[str] = []
    for number, part in enumerate(parts):
        output = first / bundle_path(number)
        _run(binary, [
            "--site", str(pages_dir),
            "--glob", bundle_glob(folder, part),
            "--output-path", str(output),
            "--exclude-selectors", ", ".join(EXCLUDED),
        ], started)  # fmt: skip
        count, said = _read_entry(output / "pagefind-entry.json")
        pages += count
        languages += [language for language in said if language not in languages]
    others = [bundle_path(number) for number in range(1, len(parts))]
    sizes = [len(part) for part in parts]
    (first / BUNDLES_FILE).write_text(json.dumps({"merge": others, "pages": sizes}), "utf-8")
    return IndexReport(pages, tuple(languages), time.perf_counter() - started_at, len(parts))


def search_document(lang: str, body: str) -> str:
    """What Pagefind reads of an article page, as a page of its own: the language (its
    `<html lang>`, which picks the index) and the indexed body (the template's
    `data-pagefind-body`: the article's HTML, then `search_details`). Pagefind makes the same
    index from it as from the written page (tests/test_indexing.py), at a third of the size."""
    return (
        f'<!doctype html><html lang="{html.escape(lang)}"><head><meta charset="utf-8"></head>'
        f"<body><div data-pagefind-body>{body}</div></body></html>"
    )


# What `search_details` prints of the front matter, in this order: key -> the attributes
# of each value's span (a list gives one span a value).
DETAILS = {
    "source": 'data-pagefind-meta="source" data-pagefind-filter="source"',
    "date": 'data-pagefind-meta="date"',
    "tags": 'data-pagefind-filter="tag"',
    "title_en": 'data-pagefind-meta="title_en"',
    "source_en": 'data-pagefind-meta="source_en" data-pagefind-filter="source_en"',
    "tags_en": 'data-pagefind-filter="tag_en"',
}


def search_details(meta: Mapping[str, object], tokens: str) -> str:
    """The hidden end of an article's indexed body: its source, date and tags as Pagefind's
    result details and filters, the same in English for the English reading mode
    (`UI_STRINGS_EN`), and its glossary terms as index words (`search_terms.term_token`).
    `meta`: the article's front matter."""
    spans = [
        f"<span {attributes}>{html.escape(str(value))}</span>"
        for key, attributes in DETAILS.items()
        for value in _values(meta.get(key))
    ]
    if tokens:
        spans.append(f'<span data-pagefind-meta="terms">{html.escape(tokens)}</span>')
    return f"<div hidden data-pagefind-ignore>{''.join(spans)}</div>"


def _values(value: object) -> list[object]:
    # A list gives its items; a missing or empty value, none.
    return value if isinstance(value, list) else [value] if value else []


def combined(reports: Iterable[IndexReport]) -> IndexReport:
    """Several variants' reports as one: pages, languages in order, seconds and bundles."""
    pages = bundles = 0
    seconds = 0.0
    languages: list[str] = []
    for report in reports:
        pages += report.pages
        bundles += report.bundles
        seconds += report.seconds
        languages += [language for language in report.languages if language not in languages]
    return IndexReport(pages, tuple(languages), seconds, bundles)


def article_pages(folder: str, pages: Iterable[str]) -> list[str]:
    """Of `pages` (paths in the site), the article pages of one variant folder: what
    `index_variant` indexes there."""
    prefix = f"{folder}/articles/"
    return [page for page in pages if page.startswith(prefix) and page.endswith(".html")]


def newest_first(dated: Mapping[str, str]) -> list[str]:
    """Pages (page -> ISO date, "" when undated) newest first, undated last; by path within a
    date, so the bundles come out the same from one build to the next."""
    return sorted(sorted(dated), key=lambda page: dated[page], reverse=True)


def split_bundles(pages: Sequence[str], most: int) -> list[list[str]]:
    """`pages` (paths under a variant's `articles/`, in bundle order) in runs of at most `most`, each
    also short enough to pass to Pagefind as one glob (`GLOB_BYTES`)."""
    parts: list[list[str]] = [[]]
    size = 0
    for page in pages:
        cost = len(_escape(page).encode("utf-8")) + 1
        if parts[-1] and (len(parts[-1]) >= most or size + cost > GLOB_BYTES):
            parts.append([])
            size = 0
        parts[-1].append(page)
        size += cost
    return parts if parts[0] else []


def bundle_path(number: int) -> str:
    """Where bundle `number` (from 0) lies inside the first: "" for the first itself."""
    return "" if number == 0 else f"bundle-{number + 1}/"


def bundle_glob(folder: str, pages: Sequence[str]) -> str:
    """A Pagefind glob (the `wax` crate's syntax) that matches exactly these pages."""
    return f"{folder}/articles/{{{','.join(_escape(page) for page in pages)}}}"


def _escape(page: str) -> str:
    # wax's metacharacters, escaped with a backslash; our slugs have none (a-z, 0-9, -).
    return "".join("\\" + char if char in _GLOB_SPECIAL else char for char in page)


_GLOB_SPECIAL = frozenset("\\*?$:<>()[]{},")


def _run(
    binary: Path,
    arguments: list[str],
    started: Callable[[subprocess.Popen[bytes]], None] | None = None,
) -> None:
    # Its output goes to files, not pipes: waiting ends when Pagefind does, even if it is
    # killed while something it started still holds the output open. It stays in the
    # build's process group, so a Ctrl-C in the terminal reaches it too.
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        try:
            process = subprocess.Popen([str(binary), *arguments], stdout=out, stderr=err)
        except OSError as error:
            raise SearchError(
                f"Pagefind could not run ({binary}): {error}; {INSTALL_HINT}"
            ) from None
        if started is not None:
            started(process)
        try:
            code = process.wait(timeout=RUN_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise SearchError(f"Pagefind ran longer than {RUN_SECONDS} s and was stopped") from None
        if code != 0:
            said = (_read(err) or _read(out) or "no message").splitlines()[-1]
            raise SearchError(f"Pagefind failed (exit {code}): {said}")


def _read(output: IO[bytes]) -> str:
    output.seek(0)
    return output.read().decode("utf-8", errors="replace").strip()


def _read_entry(path: Path) -> tuple[int, tuple[str, ...]]:
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
        languages = entry["languages"]
        return sum(int(v["page_count"]) for v in languages.values()), tuple(sorted(languages))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise SearchError(f"{path}: Pagefind wrote no readable index ({error})") from None


def _is_program(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


# --- what the search box says, per variant ------------------------------------------------

# Written in Simplified; each variant converts them with its labeller. `{n}` is a number,
# `{query}` the reader's words.
UI_STRINGS = {
    "search": "搜索",
    "placeholder": "搜索文章：中文、拼音或英文",
    "loading": "正在加载搜索……",
    "start": "输入词语，或选择来源和标签",
    "none": "没有找到文章",
    "one": "找到 1 篇文章",
    "many": "找到 {n} 篇文章",
    # A query searches the newest articles' bundle first (`m` of them), all on request.
    "partial": "在最新的 {m} 篇文章中找到 {n} 篇",
    "everywhere": "搜索全部 {total} 篇文章",
    "more": "显示更多结果",
    "filters": "按来源和标签筛选",
    "source": "来源",
    "tag": "标签",
    "all": "全部",
    "matched": "匹配词条",
    "clear": "清除",
    "failed": "搜索无法加载：{reason}",
    "date": "{y}年{m}月{d}日",
}


# The same words for the English reading mode, which the search box follows as the rest of
# the interface does (duizhao-search.js picks by the mode). `{month}` is the month's name.
UI_STRINGS_EN = {
    "search": "Search",
    "placeholder": "Search articles: Chinese, pinyin or English",
    "loading": "Loading search…",
    "start": "Type a word, or choose a source or a tag",
    "none": "No articles found",
    "one": "1 article found",
    "many": "{n} articles found",
    "partial": "{n} found in the newest {m} articles",
    "everywhere": "Search all {total} articles",
    "more": "Show more results",
    "filters": "Filter by source and tag",
    "source": "Source",
    "tag": "Tag",
    "all": "All",
    "matched": "Matched",
    "clear": "Clear",
    "failed": "Search could not load: {reason}",
    "date": "{d} {month} {y}",
}


def ui_strings(say: Callable[[str], str]) -> dict[str, str]:
    return {name: say(text) for name, text in UI_STRINGS.items()}
