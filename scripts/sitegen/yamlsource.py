"""Read YAML while remembering the line of every value, so errors can point at it.

Strict, because the files come from editors and from pull requests: no duplicate keys (YAML
would keep the last and drop the first silently), no anchors or aliases (an alias bomb eats
the machine's memory), no tags, no control or bidi-override characters. Dates and yes/no
words stay text (a `no:` language code is Norwegian, not false); the models read dates.
"""

from __future__ import annotations

import re
import unicodedata
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


_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_BASE):  # type: ignore[misc, valid-type]
    """libyaml's safe loader (where PyYAML has it), resolving only YAML 1.2's core types: true and
    false are the only booleans, and dates are left as text for the models to check."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _BASE.yaml_implicit_resolvers.items()
    }


_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
for _first, _resolvers in _StrictLoader.yaml_implicit_resolvers.items():
    _resolvers[:] = [(tag, _BOOL if tag == "tag:yaml.org,2002:bool" else rx) for tag, rx in _resolvers]

_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq")}
# C0 and C1 control characters (tab, newline and carriage return are fine), and the bidi
# overrides and isolates that make text read in an order other than it is stored (a fake
# number can then look real). The marks U+200E/U+200F, ZWJ and ZWNJ stay: scripts need them.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _character_problems(path: Path, text: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        for m in _FORBIDDEN.finditer(line):
            char = m.group(0)
            name = unicodedata.name(char, "a control character")
            problems.append(
                Problem(
                    path,
                    number,
                    "",
                    f"has an invisible character, U+{ord(char):04X} ({name}), at column {m.start() + 1}. "
                    "Delete it: it can hide or reorder text.",
                )
            )
    return problems


def _aliases(path: Path, text: str) -> list[Problem]:
    """Every alias (*name), at the line where it is written, found before anything is built from it."""
    return [
        Problem(path, event.start_mark.line + 1, "", "uses an alias (*name): write the value out in full instead.")
        for event in yaml.parse(text, Loader=_StrictLoader)
        if isinstance(event, yaml.AliasEvent)
    ]


def _node_problems(path: Path, node: yaml.Node) -> list[Problem]:
    """Duplicate keys, aliases and tags: each named with its line."""
    problems: list[Problem] = []
    seen: set[int] = set()

    def walk(n: yaml.Node) -> None:
        line = n.start_mark.line + 1
        if id(n) in seen:  # an alias, already reported where it is written (see _aliases)
            return
        seen.add(id(n))
        if n.tag not in _PLAIN_TAGS:
            problems.append(
                Problem(path, line, "", f"has a tag ({n.tag}); remove it: only plain text, lists and mappings.")
            )
        if isinstance(n, yaml.MappingNode):
            keys: dict[str, int] = {}
            for key, value in n.value:
                if isinstance(key, yaml.ScalarNode):
                    where = key.start_mark.line + 1
                    if key.value in keys:
                        problems.append(
                            Problem(
                                path,
                                where,
                                str(key.value),
                                f"is written twice here (first on line {keys[key.value]}); YAML would keep only "
                                "this one. Merge the two, or delete one.",
                            )
                        )
                    keys.setdefault(key.value, where)
                walk(key)
                walk(value)
        elif isinstance(n, yaml.SequenceNode):
            for item in n.value:
                walk(item)

    walk(node)
    return problems


def load_yaml(path: Path) -> YamlDocument:
    """Load one YAML file; malformed YAML raises InputError naming file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(
            [Problem(path, None, "", "file is missing; restore it from git or the project's template")]
        ) from None
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        raise InputError([Problem(path, line, "", f"is not UTF-8 text ({exc.reason}); save it as UTF-8")]) from None
    return parse_yaml(path, text)


def parse_yaml(path: Path, text: str, first_line: int = 1) -> YamlDocument:
    """YAML text that starts on line `first_line` of `path` (a page's front matter starts on 2)."""
    shift = first_line - 1
    bad_characters = _character_problems(path, text)
    if bad_characters:
        raise InputError(
            [Problem(p.file, p.line + shift if p.line else None, p.field, p.message) for p in bad_characters]
        )
    # libyaml's loader, where PyYAML was built with it: the same nodes and marks, ten times faster.
    loader = _StrictLoader(text)
    try:
        problems = _aliases(path, text)
        node = None if problems else loader.get_single_node()
        if node is not None:
            problems = _node_problems(path, node)
        if problems:
            raise InputError(
                [Problem(p.file, p.line + shift if p.line else None, p.field, p.message) for p in problems]
            )
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        # The context mark is where the unfinished thing (a quote, a bracket) was opened.
        mark = exc.context_mark or exc.problem_mark
        line = mark.line + 1 + shift if mark else None
        what = " ".join(x for x in (exc.context, exc.problem) if x)
        found = (
            f" (noticed on line {exc.problem_mark.line + 1 + shift})" if exc.context_mark and exc.problem_mark else ""
        )
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
    if shift:
        lines = {loc: line + shift for loc, line in lines.items()}
    return YamlDocument(path, data, lines)
