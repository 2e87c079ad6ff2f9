"""The `[[name arg]]` placeholders editors write in pages to show data.

Inline:  [[emergency]]  [[phone <contact-id>]]  [[link <contact-id>]]
Block (alone on a line):  [[contacts]]  [[contact <contact-id>]]  [[infographic <id>]]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .data import SiteData, unpublished_message
from .problems import Problem

PATTERN = re.compile(r"\[\[\s*([A-Za-z][\w-]*)(?:\s+([^\]\s]+))?\s*\]\]")
INLINE = {"emergency": False, "phone": True, "link": True}
BLOCK = {"contacts": False, "contact": True, "infographic": True}
_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class Directive:
    name: str
    arg: str | None
    line: int
    start: int
    end: int
    block: bool


def find(markdown: str) -> list[Directive]:
    """Every placeholder outside fenced code, with its 1-based line."""
    found = []
    offset = 0
    in_fence = False
    for number, line in enumerate(markdown.splitlines(keepends=True), start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence:
            for m in PATTERN.finditer(line):
                block = line.strip() == m.group(0)
                found.append(Directive(m.group(1), m.group(2), number, offset + m.start(), offset + m.end(), block))
        offset += len(line)
    return found


def malformed(markdown: str) -> list[tuple[int, str]]:
    """(line, text) of each `[[` that does not start a well-formed placeholder: a reader would see
    the brackets, and not the number the editor meant."""
    found = []
    in_fence = False
    for number, line in enumerate(markdown.splitlines(), start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence:
            rest = PATTERN.sub("", line)
            if "[[" in rest or "]]" in rest:
                start = rest.find("[[") if "[[" in rest else max(rest.find("]]") - 20, 0)
                found.append((number, rest[start : start + 40].strip()))
    return found


def check(path: Path, markdown: str, data: SiteData, line_offset: int = 0) -> list[Problem]:
    """Problems with the placeholders in one page: malformed ones, unknown names, unknown ids, misplaced blocks."""
    problems = [
        Problem(
            path,
            line + line_offset,
            text,
            "is not a placeholder as written: one name and at most one id between [[ and ]], "
            "e.g. [[phone ca-cybertip]] or [[emergency]].",
        )
        for line, text in malformed(markdown)
    ]
    for d in find(markdown):
        line = d.line + line_offset
        where = f"[[{d.name}{' ' + d.arg if d.arg else ''}]]"
        known = {**INLINE, **BLOCK}
        if d.name not in known:
            names = ", ".join(f"[[{n}]]" for n in known)
            problems.append(Problem(path, line, where, f"unknown placeholder. Use one of: {names}."))
            continue
        if known[d.name] and not d.arg:
            problems.append(Problem(path, line, where, f"needs an id, e.g. [[{d.name} some-id]]."))
            continue
        if not known[d.name] and d.arg:
            problems.append(Problem(path, line, where, f"takes no id; write [[{d.name}]]."))
            continue
        if d.name in BLOCK and not d.block:
            problems.append(
                Problem(path, line, where, "must be alone on its own line, with a blank line before and after.")
            )
        if d.name in ("phone", "link", "contact") and d.arg not in data.contacts_by_id:
            message = unpublished_message(d.arg, data.all_contacts, "data/contacts.yml")
            problems.append(Problem(path, line, where, message))
        elif d.name == "phone" and not data.contacts_by_id[d.arg].phones:
            problems.append(
                Problem(path, line, where, f"the contact '{d.arg}' has no phone number; use [[link {d.arg}]].")
            )
        elif d.name == "infographic" and d.arg not in data.infographics_by_id:
            problems.append(
                Problem(path, line, where, f"no infographic has the id '{d.arg}' in data/infographics.yml.")
            )
    return problems
