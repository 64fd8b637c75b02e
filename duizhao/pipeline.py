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
import stat
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
from duizhao.ingest.seeds import (
    SeedError,
    line_bytes,
    parse_seed,
    read_seed,
    seed_lines,
    slug_for,
)
from duizhao.ingest.stories import StoryKey, story_slug
from duizhao.ingest.stories import group as group_stories
from duizhao.ingest.stories import key_of as story_key
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
    merged: list[str] = field(default_factory=list)  # one line per story of several seeds
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
    known = manifest.get("imports")
    known = dict(known) if isinstance(known, dict) else {}
    fingerprint = _fingerprint(variants, known=known)
    entries: dict[str, Entry] = manifest.get("seeds", {})
    if manifest.get("fingerprint") != fingerprint:
        entries = {name: {**entry, "seed_hash": ""} for name, entry in entries.items()}

    units, refused = scan_seeds(seeds_dir, report)
    report.failed.extend(refused)
    slugs = _unique_slugs([unit.name for unit in units])
    jobs = [
        _Job(unit.path, slugs[unit.name], docs_dir, variants, entries.get(unit.name), unit.line)
        for unit in units
    ]
    _convert_stories(jobs, entries, memory, report, progress)

    for name in sorted(set(entries) - {unit.name for unit in units}):
        # A story's pages stay when another copy of it now publishes them.
        _remove_outputs(docs_dir, entries.pop(name), keep=_pages_in_use(entries))
        report.removed.append(name)

    pages = _pages_key(fingerprint, variants, entries)
    if manifest.get("pages") != pages or not _pages_exist(docs_dir, variants):
        # The home, tags and landing pages; skipped when nothing they show has changed
        # (on a no-op run, making them meant building every converter for their labels).
        for tag in variants:
            folder = localize.folder(tag)
            summaries = [
                Summary.from_manifest(e["summaries"][tag])
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

    report.written += write_if_changed(
        state / "manifest.json", _manifest_text(fingerprint, pages, known, entries)
    )
    return report


def _pages_key(fingerprint: str, variants: tuple[str, ...], entries: dict[str, Any]) -> str:
    """What the home, tags and landing pages are made from: the code and data
    (`fingerprint`), the variants and every article's summaries."""
    summaries = {name: entry.get("summaries") for name, entry in entries.items()}
    made_from = json.dumps([fingerprint, variants, summaries], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(made_from.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def _pages_exist(docs_dir: Path, variants: tuple[str, ...]) -> bool:
    folders = [docs_dir / localize.folder(tag) for tag in variants]
    pages = [docs_dir / "index.md"]
    pages += [folder / name for folder in folders for name in ("index.md", "tags.md")]
    return all(page.is_file() for page in pages)


def _manifest_text(
    fingerprint: str, pages: str, imports: dict[str, list[str]], seeds: dict[str, Any]
) -> str:
    """The manifest as JSON, one seed to a line. Written by hand around json.dumps without
    `indent`: with it, Python's json falls back from its C encoder to the pure-Python one,
    and encoding a thousand seeds' entries took a fifth of a no-op run."""
    lines = [
        f" {json.dumps(name, ensure_ascii=False)}: {json.dumps(entry, ensure_ascii=False)}"
        for name, entry in sorted(seeds.items())
    ]
    head = json.dumps(
        {"fingerprint": fingerprint, "imports": imports, "pages": pages}, sort_keys=True
    )
    return head[:-1] + ', "seeds": {\n' + ",\n".join(lines) + "\n}}\n"


def seed_files(seeds_dir: Path) -> list[Path]:
    """Every seed file in the folder (see `scan_seeds` for what is refused or skipped)."""
    return sorted({unit.path for unit in scan_seeds(seeds_dir)[0]})


@dataclass(frozen=True)
class SeedUnit:
    """One seed: a file, or one line of a JSON Lines file ("name.jsonl#3")."""

    name: str
    path: Path
    line: int = 0


def scan_seeds(
    seeds_dir: Path, report: Report | None = None
) -> tuple[list[SeedUnit], list[SeedError]]:
    """The seeds in the folder, and the entries refused with one line each.

    A seed is a regular file inside the folder. A symbolic link is followed only when it
    leads to a regular file inside the folder; one that leaves it (to /etc/passwd, to
    ../mkdocs.yml), a broken one, a loop, a FIFO, a socket or a device is refused. Folders
    and hidden or backup files are skipped, and said so in `report.warnings`."""
    seeds_dir = Path(seeds_dir)
    home = seeds_dir.resolve()
    units: list[SeedUnit] = []
    refused: list[SeedError] = []
    for path in sorted(seeds_dir.iterdir()):
        if path.name.startswith((".", "~")):
            continue  # editors' and systems' own files (.DS_Store, ~lock, .swp)
        problem = _not_a_seed(path, home)
        if problem is None:
            units.extend(_units_of(path, refused))
        elif problem.startswith("skipped"):
            if report is not None:
                report.warnings.append(f"{path}: {problem}")
        else:
            refused.append(SeedError(path, problem))
    return units, refused


def _not_a_seed(path: Path, home: Path) -> str | None:
    """Why `path` is not a seed ("skipped: …" for what is merely not one), or None."""
    try:
        if path.is_symlink():
            try:
                target = path.resolve(strict=True)
            except RuntimeError:
                return "a symbolic link that loops: refused"
            except OSError:
                return "a symbolic link to nothing: refused"
            if home not in target.parents:
                return "a symbolic link that leads out of the seeds folder: refused"
        mode = path.stat().st_mode
    except OSError as error:
        return f"cannot read: {error.strerror or error}"
    if stat.S_ISDIR(mode):
        return "skipped: a folder (seeds are files directly in the seeds folder)"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe), not a file: refused"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file: refused"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file: refused"
    if not stat.S_ISREG(mode):
        return "not a regular file: refused"
    return None


def _units_of(path: Path, refused: list[SeedError]) -> list[SeedUnit]:
    """A file's seeds: itself, or for a .jsonl file each non-blank line."""
    if not path.name.lower().endswith(".jsonl"):
        return [SeedUnit(path.name, path)]
    try:
        lines = seed_lines(path.name, read_seed(path), shown_as=str(path))
    except SeedError as error:
        refused.append(error)
        return []
    return [SeedUnit(f"{path.name}#{line}", path, line) for line in lines]


def load_records(docs_dir: Path, slugs: Iterable[str] | None = None) -> list[Article]:
    """The records of the articles currently published (for hooks and later stages), by
    slug; with `slugs`, only those of them (at 10,000 articles the records are 128 MB of
    JSON: a hook that wants a few does not read them all)."""
    folder = Path(docs_dir) / STATE_DIR / "records"
    if not folder.is_dir():
        return []
    if slugs is None:
        paths = sorted(folder.glob("*.json"))
    else:
        wanted = (folder / f"{slug}.json" for slug in sorted(set(slugs)))
        paths = [path for path in wanted if path.is_file()]
    return [from_dict(json.loads(p.read_text(encoding="utf-8"))) for p in paths]


# --- one seed ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Job:
    path: Path
    slug: str
    docs_dir: Path
    variants: tuple[str, ...]
    previous: Entry | None
    line: int = 0  # the line of a JSON Lines file, 0 for a whole file
    article: Article | None = None  # already parsed (to decide which copy of a story wins)
    duplicate_of: str = ""  # set for a copy of a story that another seed publishes

    @property
    def name(self) -> str:
        return f"{self.path.name}#{self.line}" if self.line else self.path.name


@dataclass
class _Outcome:
    entry: Entry | None = None  # the manifest entry, when the seed converted
    failure: SeedError | None = None
    article: Article | None = None  # when only parsed
    warnings: list[str] = field(default_factory=list)
    written: int = 0


def _unchanged(job: _Job, memory: Memory) -> bool:
    """True when the manifest says this seed's pages are what it would make (as the copy
    kept or merged that it was)."""
    previous = job.previous
    if not previous:
        return False
    try:
        seed_hash = _unit_hash(job)
    except (OSError, SeedError):
        return False  # the job reports it
    return (  # the slug is compared once the story's slug is known
        previous.get("seed_hash") == seed_hash
        and all((job.docs_dir / page).is_file() for page in previous.get("pages", []))
        and previous.get("english") == english.digest(previous.get("units", []), memory)
    )


def _unit_hash(job: _Job) -> str:
    """The hash a seed's record carries: of the file, or of its line in a JSON Lines file."""
    data = read_seed(job.path)
    if job.line:
        data = line_bytes(data, job.line, str(job.path))
    return hashlib.sha256(data).hexdigest()


def _parse_one(job: _Job) -> _Outcome:
    try:
        return _Outcome(article=parse_seed(job.path, job.line))
    except SeedError as error:
        return _Outcome(failure=error)


def _convert_one(job: _Job, memory: Memory) -> _Outcome:
    """Parse one seed (unless parsed already) and write its pages; runs in a worker process
    for large runs."""
    outcome = _Outcome()
    article = job.article
    if article is None:
        parsed = _parse_one(job)
        if parsed.article is None:
            return parsed
        article = parsed.article
    if article.slug != job.slug:
        article = _with_slug(article, job.slug)
    outcome.warnings.extend(f"{_shown(job)}: {warning}" for warning in article.warnings)

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
        summaries[tag] = asdict(summary_of(localized, its_english))
    record = f"{STATE_DIR}/records/{job.slug}.json"
    outcome.written += write_if_changed(
        docs_dir / record, json.dumps(to_dict(article), ensure_ascii=False, indent=1) + "\n"
    )
    pages.append(record)
    if job.previous:  # a renamed seed's old slug: its pages go
        _remove_outputs(docs_dir, job.previous, keep=set(pages))
    keys = english.unit_keys(article)
    outcome.entry = {
        "seed_hash": article.seed_hash,
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
        if job.previous:  # by file name, as the failure names the file
            report.kept_previous.append(job.path.name)
        return
    entries[job.name] = outcome.entry  # type: ignore[assignment]
    report.converted.append(job.name)


def _shown(job: _Job) -> str:
    return f"{job.path}#{job.line}" if job.line else str(job.path)


# --- one story, one article -------------------------------------------------------------


def _convert_stories(
    jobs: list[_Job],
    entries: dict[str, Entry],
    memory: Memory,
    report: Report,
    progress: Progress | None,
) -> None:
    """Convert what changed, publishing each story once.

    Seeds whose bytes changed are parsed first (in workers when many), so that copies of one
    story can be grouped with the keys the manifest holds for the others; then the copy kept
    of each story is converted under the story's slug, and the other copies publish nothing
    (their manifest entry says which copy they are merged into)."""
    fresh = {job.name for job in jobs if _unchanged(job, memory)}
    parsed: dict[str, Article] = {}
    for job, outcome in _run([j for j in jobs if j.name not in fresh], memory, parse_only=True):
        if outcome.article is not None:
            parsed[job.name] = outcome.article
        else:
            _merge(job, outcome, entries, report)
            if progress:
                progress(job.name)
    keys = [
        story_key(job.name, parsed[job.name])
        if job.name in parsed
        else StoryKey.from_dict(job.name, (job.previous or {}).get("story") or {})
        for job in jobs
        if job.name in parsed or job.name in fresh
    ]
    kept_as, slug_of = _decide_stories(jobs, keys, report)
    todo: list[_Job] = []
    story_of: dict[str, dict[str, Any]] = {}
    for job in jobs:
        if job.name not in parsed and job.name not in fresh:
            continue  # failed above
        duplicate_of = kept_as.get(job.name, "")
        slug = slug_of.get(job.name, job.slug)
        previous = job.previous or {}
        same_role = previous.get("duplicate_of", "") == duplicate_of
        if job.name in fresh and same_role and previous.get("slug") == slug:
            report.unchanged.append(job.name)
            if progress:
                progress(job.name)
            continue
        story = next(k for k in keys if k.name == job.name).to_dict()
        if duplicate_of:  # a copy: its old pages go first, the kept copy may reuse the slug
            _remove_outputs(job.docs_dir, previous)
            entries[job.name] = _merged_entry(job, slug, duplicate_of, story, parsed, memory)
            report.converted.append(job.name)
            if progress:
                progress(job.name)
            continue
        todo.append(replace(job, slug=slug, article=parsed.get(job.name)))
        story_of[job.name] = story
    for job, outcome in _run(todo, memory):
        if outcome.entry is not None:
            outcome.entry["story"] = story_of[job.name]
        _merge(job, outcome, entries, report)
        if progress:
            progress(job.name)


def _decide_stories(
    jobs: list[_Job], keys: list[StoryKey], report: Report
) -> tuple[dict[str, str], dict[str, str]]:
    """(copy → the seed kept for its story, seed → its story's slug), with a line each."""
    slugs = {job.name: job.slug for job in jobs}
    previous = {job.name: str((job.previous or {}).get("slug") or "") for job in jobs}
    kept_as: dict[str, str] = {}
    slug_of: dict[str, str] = {}
    for story in group_stories(keys):
        slug = story_slug(story, slugs, previous)
        slug_of[story.kept] = slug
        for name in story.merged:
            kept_as[name] = story.kept
            slug_of[name] = slug
        report.merged.append(
            f"{story.kept}: one story with {', '.join(story.merged)}; kept {story.kept} "
            f"({story.reason})"
        )
        report.warnings.extend(
            f"{name}: same story as {story.kept}, which is published instead"
            for name in story.merged
        )
    return kept_as, slug_of


def _merged_entry(
    job: _Job,
    slug: str,
    duplicate_of: str,
    story: dict[str, Any],
    parsed: dict[str, Article],
    memory: Memory,
) -> Entry:
    article = parsed.get(job.name)
    return {
        "seed_hash": article.seed_hash if article else (job.previous or {}).get("seed_hash"),
        "slug": slug,
        "pages": [],
        "summaries": {},
        "units": [],
        "english": english.digest([], memory),
        "duplicate_of": duplicate_of,
        "story": story,
    }


# --- running the jobs -------------------------------------------------------------------

# Below this many seeds to convert, starting worker processes costs more than it saves.
PARALLEL_MIN = 24


def _run(
    jobs: list[_Job], memory: Memory, parse_only: bool = False
) -> Iterator[tuple[_Job, _Outcome]]:
    """Each job with its outcome, in the jobs' order: in worker processes (one per core)
    when there are many, else here. Order and output are the same either way. With
    `parse_only`, the outcome is the parsed article, and nothing is written."""
    workers = min(os.cpu_count() or 1, 8)
    if len(jobs) < PARALLEL_MIN or workers < 2:
        for job in jobs:
            yield job, _parse_one(job) if parse_only else _convert_one(job, memory)
        return
    # fork is cheap (the converters are already loaded) but unsafe in a threaded process
    # such as `mkdocs serve`: spawn there.
    method = "fork" if threading.active_count() == 1 else "spawn"
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(
        workers, context, initializer=_worker_init, initargs=(memory,)
    ) as pool:
        chunk = max(1, min(32, len(jobs) // (workers * 4)))
        work = _parse_one if parse_only else _worker_job
        yield from zip(jobs, pool.map(work, jobs, chunksize=chunk), strict=True)


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


def _pages_in_use(entries: dict[str, Entry]) -> set[str]:
    return {page for entry in entries.values() for page in entry.get("pages", [])}


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


def _fingerprint(
    variants: tuple[str, ...],
    data_dir: Path | None = None,
    known: dict[str, list[str]] | None = None,
) -> str:
    """Hash of what conversion reads: a change to any of it reconverts every seed.
    `known`: see `_imported_files`."""
    digest = hashlib.sha256(",".join(variants).encode())
    for path in conversion_inputs(data_dir, known):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def conversion_inputs(
    data_dir: Path | None = None, known: dict[str, list[str]] | None = None
) -> list[Path]:
    """The files that decide what a seed converts to: the code this module imports (followed
    through the package) and the curated data that code reads. Not the glossary's code or
    data (glossary.yaml), which only the site build reads; not the translation memory,
    whose part in a page is checked per seed (`english.digest`)."""
    data_dir = data_dir or paths.DATA_DIR
    data = [data_dir / name for name in curated.DATA_FILES]
    data += sorted(p for p in (data_dir / "variants").rglob("*") if p.is_file())
    return [*_imported_files(__name__, known), *data]


def _imported_files(module: str, known: dict[str, list[str]] | None = None) -> list[Path]:
    """The source files of `module` and of every duizhao module it imports, transitively
    (read from the source with ast, so it does not depend on what a process has loaded).

    `known` remembers what each file imports, by the digest of its text: parsing every
    module was a third of a no-op run. It is updated to hold exactly the files read, so
    the manifest that keeps it does not grow."""
    remembered = dict(known or {})
    if known is not None:
        known.clear()
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
        source = seen[name].read_bytes()
        digest = hashlib.sha256(_IMPORTS_RULE + source).hexdigest()[:32]
        names = remembered.get(digest)
        if not (isinstance(names, list) and all(isinstance(each, str) for each in names)):
            names = _imports_in(source)
        if known is not None:
            known[digest] = names
        todo += names
        if parent := name.rpartition(".")[0]:
            todo.append(parent)  # a package's __init__ runs first
    return sorted(seen.values())


# Part of each remembered digest: change it when `_imports_in` changes what it lists.
_IMPORTS_RULE = b"imports 1\n"


def _imports_in(source: bytes) -> list[str]:
    """The duizhao modules a source file may import (a name after `from duizhao.x import`
    may be a module as well as a function: both are listed, `find_spec` sorts them out)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name.startswith("duizhao")]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("duizhao"):
            found.append(node.module or "")
            found += [f"{node.module}.{alias.name}" for alias in node.names]
    return found
