"""When each variant's search index is made: as soon as MkDocs has rendered the variant's
last article page, while it renders and writes the rest of the site.

MkDocs builds in two passes on one core: it renders every page's Markdown (docs/zh-hans/
before docs/zh-hant/), then renders and writes every page's template. Pagefind indexes the
article's body, its language and the details the template adds (`search.search_details`),
and all three are known once the Markdown is rendered. So the build hands each article page
to `VariantIndexing` then, as a small document (`search.search_document`, about a third of
the page), and a variant's runs (`search.index_variant`) start in a background thread, on the
machine's second core, as soon as its last page has come: while MkDocs renders the next
variants and writes every page. The documents wait in a temporary folder, each variant's
removed once it is indexed.

The index is the same as Pagefind's over the written pages: Pagefind reads nothing of a page
outside its `data-pagefind-body` but the language, and the template's body is the rendered
Markdown and the same details. tests/test_indexing.py holds the build to that, file for file.

Runs never overlap each other: each holds its bundle's whole index in memory (`search`'s
docstring), and one at a time keeps the build's peak what it was. `finish` indexes what has
not started from the written pages themselves (a `--dirty` rebuild renders only the pages
that changed) and waits for every run; `stop` ends a failed build's runs.
"""

from __future__ import annotations

import queue
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterable, Mapping
from concurrent.futures import Future
from pathlib import Path

from duizhao.site.search import IndexReport, combined, index_variant

# folder, its pages' dates, the documents' folder, the result
Job = tuple[str, dict[str, str], Path, "Future[IndexReport]"]


class VariantIndexing:
    """Pagefind over the variants of one build, each started once its pages have come.

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
        self._missing = {folder: set(pages) for folder, pages in articles.items()}
        self._dates: dict[str, str] = {}
        self._documents: Path | None = None  # the folder of the pages' documents, once made
        self._runs: dict[str, Future[IndexReport]] = {}
        self._jobs: queue.SimpleQueue[Job | None] = queue.SimpleQueue()
        # A daemon: a build ended by Ctrl-C does not wait for the runs (Pagefind, in the
        # build's process group, gets the Ctrl-C too).
        self._worker = threading.Thread(target=self._work, name="pagefind", daemon=True)
        self._lock = threading.Lock()  # the running process, and whether to stop
        self._process: subprocess.Popen[bytes] | None = None
        self._stopped = False
        self.waited = 0.0  # seconds `finish` waited for runs still going

    def add(self, page: str, date: str, document: str) -> None:
        """An article page (its path in the site), its date (ISO, "" if none: the newest
        come first) and what Pagefind is to index of it (`search.search_document`). The last
        of its variant's article pages starts that variant's index; a page that is not one
        of them, or has come already, changes nothing."""
        folder = page.split("/", 1)[0]
        missing = self._missing.get(folder)
        if missing is None or page not in missing:
            return
        path = self._folder() / page
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(document, encoding="utf-8")
        self._dates[page] = date
        missing.discard(page)
        if not missing:
            self._start(folder)

    @property
    def started(self) -> tuple[str, ...]:
        """The variants whose index has started, in the order they started."""
        return tuple(self._runs)

    def finish(self) -> IndexReport:
        """Start every variant not started yet, its missing pages read from the written
        site, wait for all, and report them together; the first run that failed raises its
        `SearchError`."""
        for folder, missing in self._missing.items():
            if folder not in self._runs:
                self._copy_written(missing)
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
        self._remove_documents()
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
        self._remove_documents()

    # --- helpers ------------------------------------------------------------------------

    def _folder(self) -> Path:
        # Made on the first page, so an indexing that never gets one leaves nothing behind.
        if self._documents is None:
            self._documents = Path(tempfile.mkdtemp(prefix="duizhao-search-"))
        return self._documents

    def _copy_written(self, pages: Iterable[str]) -> None:
        for page in pages:
            written = self._site_dir / page
            if written.is_file():  # a page MkDocs skipped is not in the index
                target = self._folder() / page
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(written, target)

    def _start(self, folder: str) -> None:
        if not self._worker.is_alive():
            self._worker.start()
        run: Future[IndexReport] = Future()
        self._runs[folder] = run
        # Its pages have given their dates. The folder is made here, in the build's thread
        # alone: made by the worker too, two could be made at once.
        self._jobs.put((folder, dict(self._dates), self._folder(), run))

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            folder, dates, documents, run = job
            if not run.set_running_or_notify_cancel():
                continue
            try:
                run.set_result(index_variant(
                    self._site_dir, folder, self._binary, self._pages_per_bundle, dates,
                    self._running, documents,
                ))  # fmt: skip
            except BaseException as error:  # the build's thread raises it from `finish`
                run.set_exception(error)
            finally:
                shutil.rmtree(documents / folder, ignore_errors=True)  # indexed: not needed

    def _running(self, process: subprocess.Popen[bytes]) -> None:
        with self._lock:
            self._process = process
            if self._stopped:
                process.kill()

    def _end_worker(self) -> None:
        if self._worker.is_alive():
            self._jobs.put(None)
            self._worker.join()

    def _remove_documents(self) -> None:
        if self._documents is not None:
            shutil.rmtree(self._documents, ignore_errors=True)
            self._documents = None
