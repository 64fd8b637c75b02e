"""One writer at a time: an OS lock (flock) on a small file beside what is written.

Two writers of the same folder or file (two conversions into docs/, a build beside a
conversion, two translators saving one memory) would each clear the other's temporary files
or each save over the other's work. Each writer therefore holds a lock while it writes:

    with hold(docs_lock_file(docs), "docs folder " + str(docs), wait=120, say=print):
        ...  # only one process at a time gets here

A second writer polls for up to `wait` seconds, saying once whom it waits for, then raises
`LockBusy`, whose message is one line naming the lock's owner (pid and command line). The
owner writes its pid and command into the lock file after taking the lock; the lock itself
is the kernel's, so a killed owner releases it at once and a stale file means nothing.

Within one process a lock is re-entrant for the thread holding it (the build holds docs/
for its whole run, and the conversion it calls takes the same lock again); another thread
of the same process waits like another process would.

Sections: public API, then helpers.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shlex
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

# How long a second writer waits by default: a conversion of 1,000 articles takes about
# 10 s and of 10,000 about a minute (BENCHMARKS.md). $DUIZHAO_LOCK_WAIT overrides it.
DEFAULT_WAIT = 120.0
WAIT_VARIABLE = "DUIZHAO_LOCK_WAIT"
_POLL = 0.05  # seconds between attempts

Say = Callable[[str], None]


class LockError(Exception):
    """A lock that cannot be taken; `str()` is one line saying why."""


class LockBusy(LockError):
    """Another process holds the lock and kept it longer than we would wait. `str()` is one
    line naming what is locked and who holds it."""

    def __init__(self, what: str, owner: str, waited: float) -> None:
        super().__init__(
            f"{what} is in use by {owner}; gave up after waiting {waited:g} s "
            f"(try again when it ends, or wait longer with ${WAIT_VARIABLE})"
        )
        self.what = what
        self.owner = owner


def default_wait() -> float:
    """$DUIZHAO_LOCK_WAIT seconds if set (a number, 0 = do not wait), else DEFAULT_WAIT."""
    value = os.environ.get(WAIT_VARIABLE, "").strip()
    if not value:
        return DEFAULT_WAIT
    try:
        seconds = float(value)
    except ValueError:
        raise LockError(f"${WAIT_VARIABLE}={value!r} is not a number of seconds") from None
    if not seconds >= 0:  # also refuses nan
        raise LockError(f"${WAIT_VARIABLE}={value!r} must not be negative")
    return seconds


def docs_lock_file(docs_dir: Path) -> Path:
    """The lock of a docs folder: inside its state folder, which MkDocs does not publish."""
    return Path(docs_dir) / ".duizhao" / "lock"


def lock_file_for(path: Path) -> Path:
    """The lock of one file that is replaced by renaming (so the file itself cannot be
    locked): a hidden file beside it, `.<name>.lock`."""
    path = Path(path)
    return path.parent / f".{path.name}.lock"


@contextlib.contextmanager
def hold(
    lock_file: Path, what: str, wait: float | None = None, say: Say | None = None
) -> Iterator[None]:
    """Hold the lock for the `with` block; see the module docstring."""
    lock = acquire(lock_file, what, wait, say)
    try:
        yield
    finally:
        lock.release()


def acquire(lock_file: Path, what: str, wait: float | None = None, say: Say | None = None) -> Held:
    """Take the lock (waiting up to `wait` seconds, default `default_wait()`); the caller
    must `release()` what this returns. Raises LockBusy, or OSError naming the lock file
    when it cannot be made (a read-only folder)."""
    wait = default_wait() if wait is None else wait
    key = _key(lock_file)
    with _registry_lock:
        held = _held.get(key)
        if held is not None and held.thread == threading.get_ident():
            held.depth += 1
            return held
    fd = _open(lock_file)
    try:
        _take(fd, lock_file, what, wait, say)
        _write_owner(fd)
    except BaseException:
        os.close(fd)
        raise
    held = Held(key, fd, threading.get_ident())
    with _registry_lock:
        _held[key] = held
    return held


def owner_of(lock_file: Path) -> str:
    """Who wrote the lock file last (the holder, while it is held), as one line."""
    try:
        text = Path(lock_file).read_text(encoding="utf-8", errors="replace")
    except OSError:
        text = ""
    line = " ".join(text.split())
    return line or "another process"


@dataclass
class Held:
    key: str
    fd: int
    thread: int
    depth: int = 1

    def release(self) -> None:
        """Give the lock back (the last release of a re-entered lock unlocks it)."""
        with _registry_lock:
            self.depth -= 1
            if self.depth > 0 or self.fd < 0:
                return
            _held.pop(self.key, None)
            fd, self.fd = self.fd, -1
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


# --- helpers ------------------------------------------------------------------------------

_registry_lock = threading.Lock()
_held: dict[str, Held] = {}


def _key(lock_file: Path) -> str:
    # The real path: the same folder reached through a symlink or `..` is the same lock.
    return os.path.realpath(lock_file)


def _open(lock_file: Path) -> int:
    lock_file = Path(lock_file)
    lock_file.parent.mkdir(parents=True, exist_ok=True)  # its error names the folder
    try:
        return os.open(lock_file, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as error:
        raise OSError(error.errno, error.strerror or str(error), str(lock_file)) from error


def _take(fd: int, lock_file: Path, what: str, wait: float, say: Say | None) -> None:
    started = time.monotonic()
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError as error:
            if error.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise OSError(error.errno, error.strerror, str(lock_file)) from error
        waited = time.monotonic() - started
        if waited >= wait:
            raise LockBusy(what, owner_of(lock_file), round(wait, 1))
        if not told and say is not None:
            say(f"waiting for {what}: in use by {owner_of(lock_file)} (up to {wait:g} s)")
            told = True
        time.sleep(min(_POLL, max(0.0, wait - waited)))


def _write_owner(fd: int) -> None:
    """Our pid and command in the lock file, rewritten only when it differs: `mkdocs serve`
    watches docs/, and an unchanged file does not make it rebuild."""
    command = shlex.join(sys.argv) if sys.argv and sys.argv[0] else sys.executable
    if len(command) > 300:
        command = command[:299] + "…"
    owner = f"pid {os.getpid()} ({command})\n".encode("utf-8", "replace")
    with contextlib.suppress(OSError):  # who holds it is a courtesy; the lock is what counts
        if os.pread(fd, len(owner) + 1, 0) != owner:
            os.ftruncate(fd, 0)
            os.pwrite(fd, owner, 0)
