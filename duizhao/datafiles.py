"""Reading the files people edit (data/*.yaml, data/variants/*.tsv, the memory's JSON lines):
strictly, and with every error one line naming the file, the line and what is wrong.

A curator's slip must never be taken silently: a repeated key (the second `suppress:` would
replace the first), a byte-order mark (a table row starting with one never matches), a tab
in YAML, a value of the wrong type (`en: [Putin, x]` shown as "['Putin', 'x']") are errors.
The shape of each file is a pydantic model next to the code that reads it; `load_yaml` and
`validate` turn pydantic's findings into lines that point into the file.

    data = load_yaml(path)                 # DataFileError on a YAML slip, with its line
    model = validate(path, data, Model)    # DataFileError: "path:12: terms.3.en: ..."
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

BOM = "\ufeff"
M = TypeVar("M", bound=BaseModel)


class DataFileError(ValueError):
    """A curated file cannot be used. `str()` is one line: file, line if known, reason."""

    def __init__(self, path: Path | str, reason: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {reason}")
        self.path = str(path)
        self.line = line
        self.reason = reason

    def __reduce__(self) -> tuple[Any, ...]:
        # Conversion runs in worker processes: the error must cross back whole.
        return (type(self), (self.path, self.reason, self.line))


def read_text(path: Path) -> str:
    """A data file's text: UTF-8, no byte-order mark anywhere, no NUL."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DataFileError(path, f"cannot read: {error.strerror or error}") from error
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DataFileError(path, "not UTF-8 (save it as UTF-8)", line) from error
    for number, line_text in enumerate(text.splitlines(), 1):
        if BOM in line_text:
            reason = "a byte-order mark (U+FEFF): save the file as UTF-8 without one"
            raise DataFileError(path, reason, number)
        if "\0" in line_text:
            raise DataFileError(path, "a NUL byte: a damaged file?", number)
    return text


def numbered_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, line) of a line-based file (TSV, JSON lines), read as `read_text`."""
    yield from enumerate(read_text(path).splitlines(), 1)


def load_yaml(path: Path) -> Any:
    """A YAML file's data, refusing what YAML itself lets through: repeated keys."""
    text = read_text(path)
    if _FastStrictLoader is not None and "\t" not in text:
        # (libyaml lets tabs through where the pure-Python parser refuses them: a tab after
        # "key:" or before a comment. A file holding one is read by the stricter parser.)
        try:
            return yaml.load(text, Loader=_FastStrictLoader)
        except (yaml.YAMLError, _RepeatedKey):
            pass  # said below, in the words of the pure-Python parser (they name tabs)
    try:
        return yaml.load(text, Loader=_StrictLoader)
    except _RepeatedKey as error:
        raise DataFileError(path, str(error), error.line) from error
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        reason = f"{error.problem or error}".strip()
        if "\t" in reason or "found character '\\t'" in reason:
            reason += " (YAML indents with spaces, never tabs)"
        line = mark.line + 1 if mark else None
        raise DataFileError(path, f"not valid YAML: {reason}", line) from error
    except yaml.YAMLError as error:
        raise DataFileError(path, f"not valid YAML: {error}") from error


def validate(path: Path, data: Any, model: type[M], where: str = "") -> M:
    """`data` as `model`, or a DataFileError naming the first problem's place in the file
    (`where` prefixes the place, e.g. "line 12" for a JSON line)."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problem = error.errors()[0]
        place = ".".join(str(part) for part in problem["loc"]) or "the file"
        message = problem["msg"]
        if problem["type"] == "extra_forbidden":
            message = "unknown key (a typo?)"
        line = _line_of(data, problem["loc"])
        prefix = f"{where}: " if where else ""
        raise DataFileError(path, f"{prefix}{place}: {message}", line) from error


# --- helpers ------------------------------------------------------------------------------


class _RepeatedKey(yaml.YAMLError):
    def __init__(self, key: str, line: int, first: int) -> None:
        super().__init__(f"`{key}` is given twice (first on line {first}); the second would win")
        self.line = line


class _Lines(dict[Any, Any]):
    """A mapping that remembers the line of each key (for error messages)."""

    lines: dict[Any, int]


class _LinedList(list[Any]):
    lines: list[int]


def _mapping_with_lines(loader: Any, node: yaml.MappingNode) -> dict[Any, Any]:
    """A mapping, refusing a repeated key and keeping each key's line (for errors)."""
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in seen:
            raise _RepeatedKey(str(key), line, seen[key])
        seen[key] = line
    mapping = _Lines(yaml.constructor.SafeConstructor.construct_mapping(loader, node, deep=True))
    mapping.lines = seen
    return mapping


def _sequence_with_lines(loader: Any, node: yaml.SequenceNode) -> list[Any]:
    items = _LinedList(yaml.constructor.SafeConstructor.construct_sequence(loader, node, deep=True))
    items.lines = [child.start_mark.line + 1 for child in node.value]
    return items


class _StrictLoader(yaml.SafeLoader):
    pass


# The same rules over libyaml's parser, where PyYAML was built with it: a data file loads
# several times faster (publishers.yaml took a tenth of a no-op conversion run).
_FastStrictLoader: type[yaml.CSafeLoader] | None = None
if getattr(yaml, "__with_libyaml__", False):

    class _CStrictLoader(yaml.CSafeLoader):
        pass

    _FastStrictLoader = _CStrictLoader

for _loader in (_StrictLoader, _FastStrictLoader):
    if _loader is not None:
        _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_lines)
        _loader.add_constructor(
            yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence_with_lines
        )


def _line_of(data: Any, location: tuple[int | str, ...]) -> int | None:
    """The line of the deepest part of `location` that the loaded data can place."""
    line = None
    node = data
    for part in location:
        if isinstance(node, _Lines) and part in node.lines:
            line, node = node.lines[part], node[part]
            continue
        if isinstance(node, _LinedList) and isinstance(part, int) and part < len(node):
            line, node = node.lines[part], node[part]
            continue
        break
    return line
