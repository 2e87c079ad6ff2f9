"""Read YAML while remembering the line of every value, so errors can point at it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .problems import InputError, Problem

Loc = tuple[str | int, ...]


class YamlDocument:
    """Parsed YAML data plus a map from each value's location to its 1-based line."""

    def __init__(self, path: Path, data: Any, lines: dict[Loc, int]):
        self.path = path
        self.data = data
        self._lines = lines

    def __contains__(self, loc: Loc) -> bool:
        return tuple(loc) in self._lines

    def line_of(self, loc: Loc) -> int | None:
        """The line of `loc`, or of its nearest enclosing value that has one."""
        loc = tuple(loc)
        while loc:
            if loc in self._lines:
                return self._lines[loc]
            loc = loc[:-1]
        return self._lines.get((), 1)


def _index(node: yaml.Node, loc: Loc, lines: dict[Loc, int]) -> None:
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                # A field's line is where its key is written.
                lines[loc + (key.value,)] = key.start_mark.line + 1
                _index(value, loc + (key.value,), lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, loc + (i,), lines)


def load_yaml(path: Path) -> YamlDocument:
    """Load one YAML file; malformed YAML raises InputError naming file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(
            [Problem(path, None, "", "file is missing; restore it from git or the project's template")]
        ) from None
    except UnicodeDecodeError as exc:
        raise InputError([Problem(path, None, "", f"is not UTF-8 text ({exc.reason}); save it as UTF-8")]) from None
    # libyaml's loader, where PyYAML was built with it: the same nodes and marks, ten times faster.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        # The context mark is where the unfinished thing (a quote, a bracket) was opened.
        mark = exc.context_mark or exc.problem_mark
        line = mark.line + 1 if mark else None
        what = " ".join(x for x in (exc.context, exc.problem) if x)
        found = f" (noticed on line {exc.problem_mark.line + 1})" if exc.context_mark and exc.problem_mark else ""
        raise InputError(
            [
                Problem(
                    path,
                    line,
                    "",
                    f"this is not valid YAML: {what}{found}. Check the indentation, colons, quotes and brackets here.",
                )
            ]
        ) from None
    finally:
        loader.dispose()
    lines: dict[Loc, int] = {}
    if node is not None:
        _index(node, (), lines)
    return YamlDocument(path, data, lines)
