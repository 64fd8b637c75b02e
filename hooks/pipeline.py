"""Seeds → pages before every build, so `mkdocs build` and `mkdocs serve` start from seeds/.

A thin adapter: the settings come from mkdocs.yml's `extra.duizhao` (`duizhao.settings`),
the work is `duizhao.pipeline.convert_all`. It only writes pages whose content changed, so
the rebuild its own writes trigger under `mkdocs serve` finds nothing to do and the loop
ends there. Listed first under `hooks:`: it starts the build's shared state (site_build.py).
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

import site_build  # noqa: E402  (hooks/site_build.py, a sibling module)

from duizhao import settings, variants  # noqa: E402
from duizhao.ingest import curated  # noqa: E402
from duizhao.pipeline import convert_all  # noqa: E402
from duizhao.variants import localize  # noqa: E402

log = logging.getLogger("mkdocs.hooks.duizhao")


# --- hooks ------------------------------------------------------------------------------


def on_startup(command: str, dirty: bool) -> None:
    site_build.note_command(command)


@event_priority(100)  # first: every other hook reads the state it starts
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Curated data may have changed between rebuilds of `mkdocs serve`.
    curated.reload()
    variants.reload()
    localize.labeller.cache_clear()
    chosen = settings.from_extra(config.extra, Path(config.config_file_path).parent)
    settings.configure(chosen)
    site_build.start(chosen)
    return config


@event_priority(100)  # before every other pre-build step: they read the pages it writes
def on_pre_build(config: MkDocsConfig) -> None:
    report = convert_all(site_build.current().settings.seeds_dir, Path(config.docs_dir))
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


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]) -> None:
    # Watch the seeds folder actually used (it may come from $DUIZHAO_SEEDS), so a new or
    # edited seed rebuilds and live-reloads the open tab.
    server.watch(str(site_build.current().settings.seeds_dir))
