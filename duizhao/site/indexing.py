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

import queue
import subprocess
import threading
import time
from collections.abc import Iterable, Mapping
from concurrent.futures import Future
from pathlib import Path

from duizhao.site.search import IndexReport, combined, index_variant

Job = tuple[str, dict[str, str], "Future[IndexReport]"]  # folder, its pages' dates, result


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
        self._jobs: queue.SimpleQueue[Job | None] = queue.SimpleQueue()
        # A daemon: a build ended by Ctrl-C does not wait for the runs (Pagefind, in the
        # build's process group, gets the Ctrl-C too).
        self._worker = threading.Thread(target=self._work, name="pagefind", daemon=True)
        self._lock = threading.Lock()  # the running process, and whether to stop
        self._process: subprocess.Popen[bytes] | None = None
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
        self._end_worker()
        return combined(reports)

    def stop(self) -> None:
        """The build failed: no run starts, the running Pagefind is killed, and this
        returns once the worker has ended."""
        with self._lock:
            self._stopped = True
            if self._process is not None:
                self._process.kill()
        for run in self._runs.values():
            run.cancel()  # those still waiting their turn
        self._end_worker()

    # --- helpers ------------------------------------------------------------------------

    def _start(self, folder: str) -> None:
        if not self._worker.is_alive():
            self._worker.start()
        run: Future[IndexReport] = Future()
        self._runs[folder] = run
        self._jobs.put((folder, dict(self._dates), run))  # its pages have given their dates

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            folder, dates, run = job
            if not run.set_running_or_notify_cancel():
                continue
            try:
                run.set_result(index_variant(
                    self._site_dir, folder, self._binary, self._pages_per_bundle, dates,
                    self._running,
                ))  # fmt: skip
            except BaseException as error:  # the build's thread raises it from `finish`
                run.set_exception(error)

    def _running(self, process: subprocess.Popen[bytes]) -> None:
        with self._lock:
            self._process = process
            if self._stopped:
                process.kill()

    def _end_worker(self) -> None:
        if self._worker.is_alive():
            self._jobs.put(None)
            self._worker.join()
