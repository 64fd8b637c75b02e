"""The site's settings: where the seeds are and which variants are published.

A user looks for settings in mkdocs.yml, so that is where they live, under `extra`:

    extra:
      duizhao:
        seeds: seeds                      # relative to mkdocs.yml
        variants: [zh-Hans, zh-TW]        # optional; default: every variant of the catalogue
        search_pages_per_bundle: 1500     # optional; see duizhao.site.search

The environment overrides each, for one run: $DUIZHAO_SEEDS (a folder), $DUIZHAO_VARIANTS
("zh-Hans,zh-TW") and $DUIZHAO_SEARCH_PAGES_PER_BUNDLE. The hooks hand MkDocs' parsed `extra` over
(`configure`); scripts read mkdocs.yml themselves (`from_config_file`), with a YAML loader
that skips MkDocs' own tags, so this module needs no MkDocs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from duizhao.paths import ROOT
from duizhao.variants import catalogue

SEEDS_VAR = "DUIZHAO_SEEDS"
VARIANTS_VAR = "DUIZHAO_VARIANTS"
BUNDLE_VAR = "DUIZHAO_SEARCH_PAGES_PER_BUNDLE"
# Pagefind holds one run's whole index in memory, about 0.85 MB per article page of ours
# (BENCHMARKS.md, "Pagefind alone at 10,000 pages"): 1,500 pages stay near 1.3 GB.
PAGES_PER_BUNDLE = 1500
CONFIG_FILE = ROOT / "mkdocs.yml"


class SettingsError(ValueError):
    """A setting cannot be used; the message says which and where it came from."""


@dataclass(frozen=True)
class Settings:
    seeds_dir: Path
    variants: tuple[str, ...]  # published variant tags, the default first
    pages_per_bundle: int = PAGES_PER_BUNDLE  # most article pages in one search bundle


def from_extra(
    extra: Mapping[str, Any] | None, base: Path, env: Mapping[str, str] | None = None
) -> Settings:
    """Settings from mkdocs.yml's `extra.duizhao` (paths relative to `base`, the folder of
    mkdocs.yml), with the environment overriding."""
    env = os.environ if env is None else env
    ours = (extra or {}).get("duizhao") or {}
    if not isinstance(ours, Mapping):
        raise SettingsError("mkdocs.yml: extra.duizhao must be a mapping")
    unknown = set(ours) - {"seeds", "variants", "search_pages_per_bundle"}
    if unknown:
        raise SettingsError(f"mkdocs.yml: extra.duizhao: unknown keys {sorted(unknown)}")
    seeds = env.get(SEEDS_VAR) or str(ours.get("seeds") or "seeds")
    if env.get(VARIANTS_VAR, "").strip():
        chosen: Any = env[VARIANTS_VAR].split(",")
        where = f"${VARIANTS_VAR}"
    else:
        chosen = ours.get("variants")
        where = "mkdocs.yml: extra.duizhao.variants"
    if env.get(BUNDLE_VAR, "").strip():
        per_bundle: Any = env[BUNDLE_VAR].strip()
        bundle_where = f"${BUNDLE_VAR}"
    else:
        per_bundle = ours.get("search_pages_per_bundle", PAGES_PER_BUNDLE)
        bundle_where = "mkdocs.yml: extra.duizhao.search_pages_per_bundle"
    return Settings(
        seeds_dir=base / seeds,
        variants=_variants(chosen, where),
        pages_per_bundle=_positive(per_bundle, bundle_where),
    )


def from_config_file(path: Path = CONFIG_FILE, env: Mapping[str, str] | None = None) -> Settings:
    """Settings for a script run outside MkDocs: read mkdocs.yml's `extra` directly."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except FileNotFoundError:
        data = {}
    except (OSError, yaml.YAMLError) as error:
        raise SettingsError(f"{path}: cannot read: {error}") from error
    extra = data.get("extra") if isinstance(data, dict) else None
    return from_extra(extra if isinstance(extra, Mapping) else {}, path.parent, env)


_current: list[Settings] = []


def configure(settings: Settings) -> None:
    """Make these the settings of this process (the build hooks call it in on_config)."""
    _current[:] = [settings]


def current() -> Settings:
    """The settings configured for this build, else those of the project's mkdocs.yml."""
    if not _current:
        _current.append(from_config_file())
    return _current[0]


def published() -> tuple[str, ...]:
    """The variants the site publishes, the default first."""
    return current().variants


# --- helpers ------------------------------------------------------------------------------


def _variants(chosen: Any, where: str) -> tuple[str, ...]:
    everything = tuple(v.tag for v in catalogue.all_variants())
    if chosen in (None, "all"):
        return everything
    if not isinstance(chosen, list) or not all(isinstance(c, str) for c in chosen):
        raise SettingsError(f"{where}: a list of variant tags, e.g. [zh-Hans, zh-TW]")
    try:
        tags = {catalogue.variant(name).tag for name in chosen if name.strip()}
    except ValueError as error:
        raise SettingsError(f"{where}: {error}") from error
    if not tags:
        raise SettingsError(f"{where}: names no variant")
    return tuple(tag for tag in everything if tag in tags)


def _positive(value: Any, where: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if isinstance(value, bool) or number < 1 or str(number) != str(value).strip():
        raise SettingsError(f"{where}: a whole number of pages, at least 1 (got {value!r})")
    return number


class _TolerantLoader(yaml.SafeLoader):
    """A safe loader that reads MkDocs' own tags (!ENV, !!python/...) as plain values."""


def _plain(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_TolerantLoader.add_multi_constructor("!", _plain)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _plain)
