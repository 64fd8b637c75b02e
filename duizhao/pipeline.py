"""seeds/ → docs/: incremental, atomic, one failing seed never stops the others.

Layout written under the docs folder (all of it build output, git-ignored):
    index.md                        the site root: links to each variant
    <variant>/index.md, <variant>/tags.md, <variant>/articles/<slug>.md
    .duizhao/manifest.json          what each seed produced, to skip unchanged seeds
    .duizhao/records/<slug>.json    the article record, for the hooks (glossary, English)
    .duizhao/lock                   held by the one process writing the folder (who it is)

A seed is unchanged when its bytes, the converter's own code and data (the "fingerprint"), its
pages on disk and the memory entries of its English are all as the manifest recorded; then
nothing is parsed or written. A page
is only ever replaced by renaming a finished temporary file over it, so a crash leaves the
old page or the new one. A seed that fails keeps the pages it had.

One conversion at a time writes a docs folder: `convert_all` holds the folder's lock
(duizhao.locks), and only the holder clears temporary files a killed run left, so two runs
never delete each other's files. A build holds the same lock from its conversion to its end.

Seeds to convert are converted in worker processes, one per core, when there are more than
a few dozen (`PARALLEL_MIN`); the pages and the manifest are the same as a serial run's.

Sections: public API, then one seed, then running the jobs, then files, then helpers.
"""

from __future__ import annotations

import ast
import contextlib
import hashlib
import importlib.util
import json
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Set
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from duizhao import locks, paths, settings
from duizhao.english import aligned as english
from duizhao.english.memory import Memory
from duizhao.files import write_if_changed
from duizhao.ingest import curated
from duizhao.ingest.seeds import SeedError, parse_seed, slug_for
from duizhao.record import Article, from_dict, to_dict
from duizhao.site.pages import (
    Summary,
    article_page,
    home_page,
    landing_page,
    summary_of,
    tags_page,
)
from duizhao.variants import localize

STATE_DIR = ".duizhao"
# A seed's line in the manifest: seed_hash, slug, pages, summaries, units, english.
Entry = dict[str, Any]


@dataclass
class Report:
    converted: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[SeedError] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept_previous: list[str] = field(default_factory=list)  # failed, old page still served
    warnings: list[str] = field(default_factory=list)
    written: int = 0  # files actually rewritten

    def summary(self) -> str:
        return (
            f"converted {len(self.converted)}, unchanged {len(self.unchanged)}, "
            f"failed {len(self.failed)}, removed {len(self.removed)}"
        )


Progress = Callable[[str], None]


def convert_all(
    seeds_dir: Path,
    docs_dir: Path,
    variants: Iterable[str] | None = None,
    progress: Progress | None = None,
    memory: Memory | None = None,
    *,
    wait: float | None = None,
    say: locks.Say | None = None,
) -> Report:
    """Convert every seed in `seeds_dir` into pages under `docs_dir`; see the module doc.

    One conversion at a time per docs folder: this waits up to `wait` seconds (default
    `locks.default_wait()`) for another to end, telling `say` whom it waits for, then raises
    locks.LockBusy naming it."""
    with hold_docs(docs_dir, wait, say):
        return _convert_all(seeds_dir, docs_dir, variants, progress, memory)


def hold_docs(
    docs_dir: Path, wait: float | None = None, say: locks.Say | None = None
) -> contextlib.AbstractContextManager[None]:
    """The docs folder's writer lock (re-entrant: the build holds it around its conversion).
    Made with the folder's parents, so its error names the folder at fault."""
    return locks.hold(locks.docs_lock_file(docs_dir), f"{docs_dir} (the docs folder)", wait, say)


def _convert_all(
    seeds_dir: Path,
    docs_dir: Path,
    variants: Iterable[str] | None,
    progress: Progress | None,
    memory: Memory | None,
) -> Report:
    seeds_dir, docs_dir = Path(seeds_dir), Path(docs_dir)
    if not seeds_dir.is_dir():
        raise FileNotFoundError(f"{seeds_dir}: no such folder of seeds")
    variants = tuple(variants) if variants is not None else settings.published()
    memory = memory if memory is not None else Memory.load()
    report = Report()
    _clear_stale_temporaries(docs_dir)
    state = docs_dir / STATE_DIR
    manifest = _load_manifest(state / "manifest.json")
    fingerprint = _fingerprint(variants)
    entries: dict[str, Entry] = manifest.get("seeds", {})
    if manifest.get("fingerprint") != fingerprint:
        entries = {name: {**entry, "seed_hash": ""} for name, entry in entries.items()}

    seeds = seed_files(seeds_dir)
    slugs = _unique_slugs([path.name for path in seeds])
    jobs = []
    for path in seeds:
        job = _Job(path, slugs[path.name], docs_dir, variants, entries.get(path.name))
        if _unchanged(job, memory, report):
            if progress:
                progress(path.name)
        else:
            jobs.append(job)
    for job, outcome in _run(jobs, memory):
        _merge(job, outcome, entries, report)
        if progress:
            progress(job.path.name)

    for name in sorted(set(entries) - {path.name for path in seeds}):
        _remove_outputs(docs_dir, entries.pop(name))
        report.removed.append(name)

    for tag in variants:
        folder = localize.folder(tag)
        summaries = [
            Summary(**{**e["summaries"][tag], "tags": tuple(e["summaries"][tag]["tags"])})
            for e in entries.values()
            if tag in e.get("summaries", {})
        ]
        say = localize.labeller(tag)
        report.written += write_if_changed(
            docs_dir / folder / "index.md", home_page(summaries, tag, say)
        )
        report.written += write_if_changed(
            docs_dir / folder / "tags.md", tags_page(summaries, tag, say)
        )

    for unpublished in set(localize.all_tags()) - set(variants):
        for page in ("index.md", "tags.md"):
            (docs_dir / localize.folder(unpublished) / page).unlink(missing_ok=True)
    report.written += write_if_changed(
        docs_dir / "index.md",
        landing_page((tag, localize.folder(tag), localize.name(tag)) for tag in variants),
    )

    new_manifest = {"fingerprint": fingerprint, "seeds": dict(sorted(entries.items()))}
    report.written += write_if_changed(
        state / "manifest.json", json.dumps(new_manifest, ensure_ascii=False, indent=1) + "\n"
    )
    return report


def seed_files(seeds_dir: Path) -> list[Path]:
    """Every visible regular file in the folder: anything else a scraper left is reported."""
    return sorted(
        p for p in seeds_dir.iterdir() if p.is_file() and not p.name.startswith((".", "~"))
    )


def load_records(docs_dir: Path) -> list[Article]:
    """The records of the articles currently published (for hooks and later stages)."""
    folder = Path(docs_dir) / STATE_DIR / "records"
    if not folder.is_dir():
        return []
    return [
        from_dict(json.loads(p.read_text(encoding="utf-8"))) for p in sorted(folder.glob("*.json"))
    ]


# --- one seed ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Job:
    path: Path
    slug: str
    docs_dir: Path
    variants: tuple[str, ...]
    previous: Entry | None


@dataclass
class _Outcome:
    entry: Entry | None = None  # the manifest entry, when the seed converted
    failure: SeedError | None = None
    warnings: list[str] = field(default_factory=list)
    written: int = 0


def _unchanged(job: _Job, memory: Memory, report: Report) -> bool:
    """True (and noted) when the manifest says this seed's pages are what it would make."""
    previous = job.previous
    if not previous:
        return False
    try:
        seed_hash = hashlib.sha256(job.path.read_bytes()).hexdigest()
    except OSError:
        return False  # the job reports it
    if (
        previous.get("seed_hash") == seed_hash
        and previous.get("slug") == job.slug
        and all((job.docs_dir / page).is_file() for page in previous.get("pages", []))
        and previous.get("english") == english.digest(previous.get("units", []), memory)
    ):
        report.unchanged.append(job.path.name)
        return True
    return False


def _convert_one(job: _Job, memory: Memory) -> _Outcome:
    """Parse one seed and write its pages; runs in a worker process for large runs."""
    outcome = _Outcome()
    try:
        data = job.path.read_bytes()
    except OSError as error:
        outcome.failure = SeedError(job.path, f"cannot read: {error.strerror or error}")
        return outcome
    try:
        article = parse_seed(job.path)
    except SeedError as error:
        outcome.failure = error
        return outcome
    if article.slug != job.slug:
        article = _with_slug(article, job.slug)
    outcome.warnings.extend(f"{job.path}: {warning}" for warning in article.warnings)

    docs_dir = job.docs_dir
    pages: list[str] = []
    summaries: dict[str, dict[str, Any]] = {}
    its_english = english.english_for(article, memory)  # keyed by the source text
    for tag in job.variants:
        localized = localize.localize(article, tag)
        page = f"{localize.folder(tag)}/articles/{job.slug}.md"
        text = article_page(localized, localize.folder(tag), localize.labeller(tag), its_english)
        outcome.written += write_if_changed(docs_dir / page, text)
        pages.append(page)
        title_en = its_english.get("title")
        summaries[tag] = asdict(summary_of(localized, title_en.target if title_en else ""))
    record = f"{STATE_DIR}/records/{job.slug}.json"
    outcome.written += write_if_changed(
        docs_dir / record, json.dumps(to_dict(article), ensure_ascii=False, indent=1) + "\n"
    )
    pages.append(record)
    if job.previous:  # a renamed seed's old slug: its pages go
        _remove_outputs(docs_dir, job.previous, keep=set(pages))
    keys = english.unit_keys(article)
    outcome.entry = {
        "seed_hash": hashlib.sha256(data).hexdigest(),
        "slug": job.slug,
        "pages": pages,
        "summaries": summaries,
        "units": keys,
        "english": english.digest(keys, memory),
    }
    return outcome


def _merge(job: _Job, outcome: _Outcome, entries: dict[str, Entry], report: Report) -> None:
    report.warnings.extend(outcome.warnings)
    report.written += outcome.written
    if outcome.failure is not None:
        report.failed.append(outcome.failure)
        if job.previous:
            report.kept_previous.append(job.path.name)
        return
    entries[job.path.name] = outcome.entry  # type: ignore[assignment]
    report.converted.append(job.path.name)


# --- running the jobs -------------------------------------------------------------------

# Below this many seeds to convert, starting worker processes costs more than it saves.
PARALLEL_MIN = 24


def _run(jobs: list[_Job], memory: Memory) -> Iterator[tuple[_Job, _Outcome]]:
    """Each job with its outcome, in the jobs' order: in worker processes (one per core)
    when there are many, else here. Order and output are the same either way."""
    workers = min(os.cpu_count() or 1, 8)
    if len(jobs) < PARALLEL_MIN or workers < 2:
        for job in jobs:
            yield job, _convert_one(job, memory)
        return
    # fork is cheap (the converters are already loaded) but unsafe in a threaded process
    # such as `mkdocs serve`: spawn there.
    method = "fork" if threading.active_count() == 1 else "spawn"
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(
        workers, context, initializer=_worker_init, initargs=(memory,)
    ) as pool:
        chunk = max(1, min(32, len(jobs) // (workers * 4)))
        yield from zip(jobs, pool.map(_worker_job, jobs, chunksize=chunk), strict=True)


_worker_memory: list[Memory] = []


def _worker_init(memory: Memory) -> None:
    _worker_memory[:] = [memory]
    _exit_with_parent(os.getppid())


def _exit_with_parent(parent: int) -> None:
    """End this worker soon after its parent dies.

    A parent killed outright (SIGKILL, the OOM killer, a CI timeout) cannot stop its pool,
    and a worker waiting for work never sees the queue close (its siblings hold the pipe
    too): each would wait for ever, with the converters loaded (~200 MB)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _worker_job(job: _Job) -> _Outcome:
    return _convert_one(job, _worker_memory[0])


def _with_slug(article: Article, slug: str) -> Article:
    return replace(article, slug=slug)


# --- files ------------------------------------------------------------------------------


def _remove_outputs(docs_dir: Path, entry: Entry, keep: Set[str] = frozenset()) -> None:
    for page in entry.get("pages", []):
        if page not in keep:
            (docs_dir / page).unlink(missing_ok=True)


def _clear_stale_temporaries(docs_dir: Path) -> None:
    """Temporary files a killed run left (files.write_if_changed names them .<name>.*.tmp).
    Only ever called by the holder of the docs lock: another live writer's temporaries
    would be deleted under it."""
    if docs_dir.is_dir():
        for leftover in docs_dir.rglob(".*.tmp"):
            leftover.unlink(missing_ok=True)


def _load_manifest(path: Path) -> dict[str, Any]:
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # no manifest (first run) or a damaged one: everything is reconverted
    return loaded if isinstance(loaded, dict) else {}


# --- helpers ----------------------------------------------------------------------------


def _unique_slugs(names: list[str]) -> dict[str, str]:
    """Slug per seed name; two names that make one slug both get a suffix from the name."""
    by_slug: dict[str, list[str]] = {}
    for name in names:
        by_slug.setdefault(slug_for(name), []).append(name)
    slugs = {}
    for slug, group in by_slug.items():
        for name in group:
            # surrogateescape: a name that is not UTF-8 must not stop the run (it fails alone)
            suffix = hashlib.sha1(name.encode("utf-8", "surrogateescape")).hexdigest()[:6]
            slugs[name] = slug if len(group) == 1 else f"{slug}-{suffix}"
    return slugs


def _fingerprint(variants: tuple[str, ...], data_dir: Path | None = None) -> str:
    """Hash of what conversion reads: a change to any of it reconverts every seed."""
    digest = hashlib.sha256(",".join(variants).encode())
    for path in conversion_inputs(data_dir):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def conversion_inputs(data_dir: Path | None = None) -> list[Path]:
    """The files that decide what a seed converts to: the code this module imports (followed
    through the package) and the curated data that code reads. Not the glossary's code or
    data (glossary.yaml), which only the site build reads; not the translation memory,
    whose part in a page is checked per seed (`english.digest`)."""
    data_dir = data_dir or paths.DATA_DIR
    data = [data_dir / name for name in curated.DATA_FILES]
    data += sorted(p for p in (data_dir / "variants").rglob("*") if p.is_file())
    return [*_imported_files(__name__), *data]


def _imported_files(module: str) -> list[Path]:
    """The source files of `module` and of every duizhao module it imports, transitively
    (read from the source with ast, so it does not depend on what a process has loaded)."""
    seen: dict[str, Path] = {}
    todo = [module]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        try:
            spec = importlib.util.find_spec(name)
        except ModuleNotFoundError:  # `from duizhao.record import Article`: not a module
            spec = None
        if spec is None or spec.origin is None:
            continue
        seen[name] = Path(spec.origin)
        tree = ast.parse(seen[name].read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                todo += [alias.name for alias in node.names if alias.name.startswith("duizhao")]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("duizhao"):
                todo.append(node.module or "")
                # `from duizhao.x import y` may name a module y as well as a function y
                todo += [f"{node.module}.{alias.name}" for alias in node.names]
        if parent := name.rpartition(".")[0]:
            todo.append(parent)  # a package's __init__ runs first
    return sorted(seen.values())
