"""Errors a user can act on, each as the one line a command or the build prints.

A curated file with a slip (datafiles.DataFileError: file, line, reason), a folder another
process keeps writing (locks.LockError: who holds it), a disk that is full or read-only
(OSError: the file or folder at fault). Anything else is a bug and keeps its traceback.
The scripts and the hooks print these through `one_line`, so each says the same thing
wherever it happens.
"""

from __future__ import annotations

from pathlib import Path

from duizhao.datafiles import DataFileError
from duizhao.inline import printable
from duizhao.locks import LockError

# What `one_line` knows how to say; catch these, let anything else show its traceback.
USER_ERRORS: tuple[type[Exception], ...] = (DataFileError, LockError, OSError)


def one_line(error: BaseException, fallback: Path | str = "") -> str:
    """The error as one line (no "error:" prefix). An OSError names its file, else
    `fallback` (the folder being written); control characters in a name are escaped."""
    if isinstance(error, OSError):
        where = error.filename or fallback
        reason = error.strerror or str(error)
        text = f"{where}: {reason}" if where else reason
    else:
        text = str(error)
    return printable(text)
