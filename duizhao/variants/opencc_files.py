"""OpenCC's files: its stock configs and dictionaries, and dictionaries of our own compiled
the way OpenCC compiles its own.

The lowest layer of the package (chains.py, reviewed.py and tables.py build on it): no
knowledge of variants or tables here.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any, Protocol

import opencc

SHARE_DIR = Path(opencc.__file__).resolve().parent / "clib" / "share" / "opencc"
DICT_TOOL = Path(opencc.__file__).resolve().parent / "clib" / "bin" / "opencc_dict"

_NUMBERS = itertools.count()


class Converter(Protocol):
    """What the package needs of a converter: OpenCC's, or `AsWritten`."""

    def convert(self, text: str) -> str: ...


class AsWritten:
    """The converter for a pair with no conversion at all (an article's own region's page
    is the article as written): the text comes out exactly as it went in."""

    def convert(self, text: str) -> str:
        return text


def stock_config(name: str) -> dict[str, Any]:
    """One of OpenCC's stock configs (s2twp, t2hk, ...), files given by absolute path."""
    config: dict[str, Any] = json.loads((SHARE_DIR / f"{name}.json").read_text(encoding="utf-8"))
    absolute_files(config)
    return config


def absolute_files(node: Any) -> None:
    """OpenCC looks for .ocd2 files beside the config and in the working directory only."""
    if isinstance(node, dict):
        if "file" in node and not Path(node["file"]).is_absolute():
            node["file"] = str(SHARE_DIR / node["file"])
        for value in node.values():
            absolute_files(value)
    elif isinstance(node, list):
        for value in node:
            absolute_files(value)


def load(config: dict[str, Any], folder: Path) -> opencc.OpenCC:
    """An OpenCC converter from a config dict, written to `folder` (OpenCC reads files only).
    It loads everything at once, so the folder can go afterwards."""
    path = folder / f"config-{next(_NUMBERS)}.json"
    path.write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    return opencc.OpenCC(str(path))


def compile_dictionary(rows: dict[str, str], folder: Path, name: str = "") -> dict[str, Any]:
    """Rows as an OpenCC dictionary: compiled to .ocd2 (a marisa trie, like OpenCC's own
    dictionaries) with the wheel's opencc_dict, or inline where a wheel lacks the tool.

    An inline dictionary is a sorted list that OpenCC searches once per candidate length at
    every character (Dict::MatchPrefix); a trie finds every length in one walk. Both give
    the same matches (tests/test_variants.py compares them). A value may hold alternatives
    separated by spaces, as OpenCC's own do; the first is the one used.
    `name`: a file name to compile to (the same name in one folder is compiled once, so the
    converters loaded from that folder share the file)."""
    inline = {
        "type": "inline",
        "entries": {key: value.split(" ")[0] for key, value in sorted(rows.items())},
    }
    if not DICT_TOOL.is_file():
        return inline
    stem = name or f"ours-{next(_NUMBERS)}"
    text, compiled = folder / f"{stem}.txt", folder / f"{stem}.ocd2"
    if compiled.is_file():
        return {"type": "ocd2", "file": str(compiled)}
    text.write_text("".join(f"{k}\t{v}\n" for k, v in sorted(rows.items())), encoding="utf-8")
    done = subprocess.run(
        [str(DICT_TOOL), "-i", str(text), "-o", str(compiled), "-f", "text", "-t", "ocd2"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0 or not compiled.is_file():
        return inline  # the inline form is slower, never different
    return {"type": "ocd2", "file": str(compiled)}


def dump_dictionary(name: str, folder: Path) -> dict[str, str]:
    """One of OpenCC's stock dictionaries (TWPhrases, ...) as key → value."""
    return dictionary_rows(SHARE_DIR / f"{name}.ocd2", folder)


def dictionary_rows(compiled: Path, folder: Path | None = None) -> dict[str, str]:
    """A compiled dictionary (.ocd2) as key → value, read with the wheel's own tool."""
    with tempfile.TemporaryDirectory(prefix="duizhao-dump-") as name:
        out = (folder or Path(name)) / f"{compiled.stem}.txt"
        subprocess.run(
            [str(DICT_TOOL), "-i", str(compiled), "-o", str(out), "-f", "ocd2", "-t", "text"],
            capture_output=True,
            check=True,
        )
        rows = {}
        for line in out.read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition("\t")
            rows[key] = value
    return rows


def cache_dir() -> Path:
    """Where dictionaries made from others are kept between runs: $DUIZHAO_CACHE, else
    ~/.cache/duizhao (or under $XDG_CACHE_HOME)."""
    configured = os.environ.get("DUIZHAO_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "duizhao"


def keep_in_cache(made: Path, cached: Path) -> Path:
    """A dictionary compiled in a temporary folder, copied to its place in the cache (by a
    temporary name and a rename, so a reader never sees half a file) and the temporary
    folder removed; where the cache cannot be written, the temporary copy itself."""
    with contextlib.suppress(OSError):
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        shutil.copyfile(made, partial)
        os.replace(partial, cached)
        shutil.rmtree(made.parent, ignore_errors=True)
        return cached
    return made
