"""Seeds → pages before every build, so `mkdocs build` and `mkdocs serve` start from seeds/.

A thin adapter: the settings come from mkdocs.yml's `extra.duizhao` (`duizhao.settings`),
the work is `duizhao.pipeline.convert_all`. It only writes pages whose content changed, so
the rebuild its own writes trigger under `mkdocs serve` finds nothing to do and the loop
ends there. Listed first under `hooks:`: it starts the build's shared state (site_build.py).

The build holds the docs folder's lock (duizhao.locks) from its conversion to its end, so a
`scripts/convert.py` started meanwhile waits for it, and a build started beside a conversion
waits for that (under `mkdocs serve` for at most SERVE_WAIT seconds: the conversion's own
pages start the next rebuild). Errors a person fixes end the build in one line, and under
`mkdocs serve` leave the last good build served (hooks/failures.py).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the core package sits beside hooks/, not installed

import failures  # noqa: E402  (hooks/failures.py, a sibling module)
import site_build  # noqa: E402  (hooks/site_build.py, a sibling module)

from duizhao import locks, settings, variants  # noqa: E402
from duizhao.ingest import curated  # noqa: E402
from duizhao.pipeline import convert_all  # noqa: E402
from duizhao.variants import localize  # noqa: E402

log = logging.getLogger("mkdocs.hooks.duizhao")

# Under `mkdocs serve` a rebuild waits at most this long for a conversion (every request
# waits for a rebuild): the conversion's own writes start another one when it ends.
SERVE_WAIT = 15.0


# --- hooks ------------------------------------------------------------------------------


def on_startup(command: str, dirty: bool) -> None:
    site_build.note_command(command)


@event_priority(100)  # first: every other hook reads the state it starts
@failures.reported
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Curated data may have changed between rebuilds of `mkdocs serve`.
    curated.reload()
    variants.reload()
    localize.labeller.cache_clear()
    chosen = settings.from_extra(config.extra, Path(config.config_file_path).parent)
    settings.configure(chosen)
    _release_docs()  # a rebuild under `mkdocs serve` must not inherit the last one's lock
    site_build.start(chosen)
    return config


@event_priority(100)  # before every other pre-build step: they read the pages it writes
@failures.reported
def on_pre_build(config: MkDocsConfig) -> None:
    build = site_build.current()
    docs = Path(config.docs_dir)
    wait = min(locks.default_wait(), SERVE_WAIT) if build.serving else locks.default_wait()
    # Held until on_post_build (or on_build_error): the rest of the build reads docs/.
    build.docs_lock = locks.acquire(
        locks.docs_lock_file(docs), f"{docs} (the docs folder)", wait, log.info
    )
    report = convert_all(build.settings.seeds_dir, docs)
    for warning in report.warnings:
        log.info("seed note: %s", warning)
    for failure in report.failed:
        kept = (
            " (its previous page is still served)"
            if Path(failure.seed).name in report.kept_previous
            else ""
        )
        log.warning("seed failed: %s%s", failure, kept)
    log.info("seeds: %s", report.summary())


@event_priority(-100)  # last: every other hook has finished with docs/
def on_post_build(config: MkDocsConfig) -> None:
    _release_docs()


def on_build_error(error: Exception) -> None:
    _release_docs()


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]) -> None:
    # Watch the seeds folder actually used (it may come from $DUIZHAO_SEEDS), so a new or
    # edited seed rebuilds and live-reloads the open tab.
    server.watch(str(site_build.current().settings.seeds_dir))
    failures.keep_serving(server)


# --- helpers ----------------------------------------------------------------------------


def _release_docs() -> None:
    build = site_build.started()
    if build is not None and build.docs_lock is not None:
        build.docs_lock.release()
        build.docs_lock = None
