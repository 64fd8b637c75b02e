"""What one MkDocs build knows, shared by the hooks: one typed object, made afresh by
hooks/pipeline.py in on_config (hook modules outlive rebuilds under `mkdocs serve`).

Not a hook itself (mkdocs.yml does not list it): the hooks import it as a sibling module.
MkDocs' own objects (files, navigations) may live here; the core (duizhao/) never sees them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from duizhao.glossary.store import Corpus
from duizhao.learner.store import LearnerIndex
from duizhao.locks import Held
from duizhao.settings import Settings
from duizhao.site.indexing import VariantIndexing
from duizhao.site.parked import ParkedPages


@dataclass
class SiteBuild:
    settings: Settings
    serving: bool  # `mkdocs serve`: the live-reload script needs a looser policy
    files: Files | None = None
    corpus: Corpus | None = None  # the glossary of this build
    # term id -> {spelling -> escaped tooltip ("" for the term's own)}: each spelling's reading
    tooltips: dict[str, dict[str, str]] = field(default_factory=dict)
    # a glossary page's src_uri -> its entries' HTML by placeholder
    glossary_blocks: dict[str, dict[str, str]] = field(default_factory=dict)
    navigations: dict[str, Navigation] = field(default_factory=dict)  # variant tag -> nav
    learner: LearnerIndex | None = None  # levels and tap data of every article
    # variant tag -> the learner script's words as JSON: one string its every page shares
    learner_labels: dict[str, str] = field(default_factory=dict)
    docs_lock: Held | None = None  # the docs folder's, from the conversion to the build's end
    parked: ParkedPages = field(default_factory=ParkedPages)  # HTML awaiting its page's turn
    # search's index, each variant started once its pages are rendered (from on_nav)
    search_index: VariantIndexing | None = None


_serving: list[bool] = [False]
_current: list[SiteBuild] = []


def note_command(command: str) -> None:
    """on_startup: remember whether this process serves (it comes before on_config)."""
    _serving[0] = command == "serve"


def start(settings: Settings) -> SiteBuild:
    build = SiteBuild(settings=settings, serving=_serving[0])
    _current[:] = [build]
    return build


def started() -> SiteBuild | None:
    """The current build's state, or None before the first on_config has run."""
    return _current[0] if _current else None


def current() -> SiteBuild:
    if not _current:
        raise RuntimeError("hooks/pipeline.py must be listed first under `hooks:`")
    return _current[0]
