"""When each variant's search index is made: as soon as the build has written the variant's
last article page, while it writes the other variants' pages.

MkDocs writes the pages one variant folder after another (docs/zh-hans/ before docs/zh-hant/),
on one core. Pagefind used to run after the last page, one variant after another: at 1,000
articles a third of the build's time, with the machine's second core idle while MkDocs wrote.
Here a variant's runs (`search.index_variant`) start in a background thread once every one of
its article pages is on disk, so they overlap with the writing of the next variants. Runs
never overlap each other: each holds its bundle's whole index in memory (`search`'s
docstring), and one at a time keeps the build's peak what it was.

The build tells `VariantIndexing` each page it has written (`written`), then calls `finish`,
which starts what has not started (a variant whose pages were not all seen: a `--dirty`
rebuild, a page MkDocs skipped) and waits for every run. `stop` ends a failed build's runs.
"""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from duizhao.site.search import IndexReport, combined, index_variant, kill_run


class VariantIndexing:
    """Pagefind over the variants of one build, each started once its pages are written.

    `articles`: variant folder -> the site paths of its article pages this build writes
    ("zh-tw/articles/x/index.html"), in the order the variants should be indexed."""

    def __init__(
        self,
        site_dir: Path,
        binary: Path,
        pages_per_bundle: int,
        articles: Mapping[str, Iterable[str]],
    ) -> None:
        self._site_dir = site_dir
        self._binary = binary
        self._pages_per_bundle = pages_per_bundle
        self._unwritten = {folder: set(pages) for folder, pages in articles.items()}
        self._dates: dict[str, str] = {}
        self._runs: dict[str, Future[IndexReport]] = {}
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pagefind")
        self._lock = threading.Lock()  # the running process, and whether to stop
        self._process: subprocess.Popen[str] | None = None
        self._stopped = False
        self.waited = 0.0  # seconds `finish` waited for runs still going

    def date(self, page: str, date: str) -> None:
        """An article page's date (ISO, "" if none): its variant's first bundle is the newest."""
        self._dates[page] = date

    def written(self, page: str) -> None:
        """`page` (its path in the site) is on disk; if it was the last of its variant's
        article pages, that variant's index starts."""
        folder = page.split("/", 1)[0]
        unwritten = self._unwritten.get(folder)
        if unwritten is None or page not in unwritten:
            return
        unwritten.discard(page)
        if not unwritten:
            self._start(folder)

    @property
    def started(self) -> tuple[str, ...]:
        """The variants whose index has started, in the order they started."""
        return tuple(self._runs)

    def finish(self) -> IndexReport:
        """Start every variant not started yet, wait for all, and report them together;
        the first run that failed raises its `SearchError`."""
        for folder in self._unwritten:
            if folder not in self._runs:
                self._start(folder)
        began = time.perf_counter()
        try:
            reports = [run.result() for run in self._runs.values()]
        except BaseException:
            self.stop()  # the variants after a failed one would be thrown away
            raise
        finally:
            self.waited = time.perf_counter() - began
        self._pool.shutdown(wait=True)
        return combined(reports)

    def stop(self) -> None:
        """The build failed: no run starts, the running Pagefind is killed, and this
        returns once the thread has ended."""
        with self._lock:
            self._stopped = True
            if self._process is not None:
                kill_run(self._process)
        self._pool.shutdown(wait=True, cancel_futures=True)

    # --- helpers ------------------------------------------------------------------------

    def _start(self, folder: str) -> None:
        dates = dict(self._dates)  # as of now: every page of `folder` has given its date
        self._runs[folder] = self._pool.submit(self._index, folder, dates)

    def _index(self, folder: str, dates: dict[str, str]) -> IndexReport:
        return index_variant(
            self._site_dir, folder, self._binary, self._pages_per_bundle, dates, self._running
        )

    def _running(self, process: subprocess.Popen[str]) -> None:
        with self._lock:
            self._process = process
            if self._stopped:
                kill_run(process)
