"""What the hooks do when a file a person edits (or the docs folder's lock) stops the build:
one line, in one place.

- `mkdocs build`: the error is one line naming the file and the line (MkDocs prints it as
  `ERROR - data/cleaning.yaml:3: …` and exits 1, without a traceback). Every curated file
  is read in `on_config` or `on_pre_build`, before MkDocs empties site/, so a failed build
  leaves the last site as it was.
- `mkdocs serve`: the same line in the log, and the server keeps serving the last good build
  until the file is fixed. MkDocs itself would leave every request waiting for a build
  that never succeeds, so `keep_serving` wraps the server's builder.

Not a hook itself (mkdocs.yml does not list it): the hooks import it as a sibling module.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

from mkdocs.exceptions import Abort, PluginError
from mkdocs.livereload import LiveReloadServer

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the core package sits beside hooks/, not installed

from duizhao.errors import USER_ERRORS, one_line  # noqa: E402

log = logging.getLogger("mkdocs.hooks.duizhao")

Hook = TypeVar("Hook", bound=Callable[..., Any])


def reported(hook: Hook) -> Hook:
    """The hook, with a person's error turned into MkDocs' one-line build error."""

    @functools.wraps(hook)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return hook(*args, **kwargs)
        except Exception as error:
            if not isinstance(error, reported_errors()):
                raise
            raise PluginError(one_line(error)) from None  # no traceback: the line says it all

    return cast(Hook, run)


def reported_errors() -> tuple[type[Exception], ...]:
    """Errors a person fixes in a file (or by waiting for another run), each one line: the
    core's, and the glossary's own while it has one (looked up, not imported, so a build
    without the glossary hook does not load the glossary)."""
    curated = sys.modules.get("duizhao.glossary.curated")
    glossary_error = getattr(curated, "GlossaryFileError", None)
    return (*USER_ERRORS, glossary_error) if glossary_error else USER_ERRORS


def keep_serving(server: LiveReloadServer) -> None:
    """Under `mkdocs serve`: a rebuild stopped by a reported error leaves the last good site
    served (MkDocs has logged the error line), instead of every request hanging."""
    build = server.builder

    def guarded(*args: Any, **kwargs: Any) -> None:
        try:
            build(*args, **kwargs)
        except Abort:  # MkDocs raises it after logging the build error's one line
            log.error("this rebuild stopped; the last good build is still served")

    server.builder = guarded
