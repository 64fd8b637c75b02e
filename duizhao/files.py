"""Atomic file writes: a reader (or `mkdocs serve`) sees the old file or the new one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_if_changed(path: Path, content: str) -> int:
    """Write atomically, and only when the content differs: returns 1 if written.

    Not rewriting equal pages keeps `mkdocs serve` from rebuilding in a loop, and keeps a
    no-op run cheap.
    """
    data = content.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return 0
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)  # its error names the folder at fault
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
        )
    except OSError as error:  # a folder we may not write in (read-only, permissions)
        raise _naming(error, path.parent) from error
    try:
        os.chmod(temporary, _mode_for(path))  # mkstemp makes 0600; a page is no secret
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):  # the error that matters is the one below
            Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):  # the disk is full, …: say which file, not the temporary
            raise _naming(error, path) from error
        raise
    return 1


def _naming(error: OSError, path: Path) -> OSError:
    """The same error (OSError(errno, …) makes the specific class) naming `path`."""
    return OSError(error.errno, error.strerror or str(error), str(path))


def _mode_for(path: Path) -> int:
    """The file's present permissions, or what a new file gets under the umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
