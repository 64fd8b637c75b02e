"""Seeds → pages before every build, so `mkdocs build` and `mkdocs serve` start from seeds/.

A thin adapter: the work is `duizhao.pipeline.convert_all`. It only writes pages whose content
changed, so the rebuild its own writes trigger under `mkdocs serve` finds nothing to do and
the loop ends there. Seeds come from seeds/ beside mkdocs.yml, or $DUIZHAO_SEEDS.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the core package sits beside hooks/, not installed

from duizhao import variants  # noqa: E402
from duizhao.ingest import curated as tables  # noqa: E402
from duizhao.pipeline import convert_all  # noqa: E402
from duizhao.variants import localize  # noqa: E402

log = logging.getLogger("mkdocs.hooks.duizhao")


# --- hooks ------------------------------------------------------------------------------


@event_priority(100)  # before every other pre-build step: they read the pages it writes
def on_pre_build(config: MkDocsConfig) -> None:
    # Hook modules outlive rebuilds under `mkdocs serve`, and curated data may have changed.
    tables.reload()
    variants.reload()
    localize.labeller.cache_clear()
    report = convert_all(seeds_dir(config), Path(config.docs_dir))
    for warning in report.warnings:
        log.info("seed note: %s", warning)
    for failure in report.failed:
        kept = (
            " (its previous page is still served)"
            if Path(failure.seed).name in (report.kept_previous)
            else ""
        )
        log.warning("seed failed: %s%s", failure, kept)
    log.info("seeds: %s", report.summary())


def on_serve(server, config: MkDocsConfig, builder) -> None:
    # Watch the seeds folder actually used (it may come from $DUIZHAO_SEEDS), so a new or
    # edited seed rebuilds and live-reloads the open tab.
    server.watch(str(seeds_dir(config)))


# --- helpers ----------------------------------------------------------------------------


def seeds_dir(config: MkDocsConfig) -> Path:
    configured = os.environ.get("DUIZHAO_SEEDS")
    return Path(configured) if configured else Path(config.config_file_path).parent / "seeds"
