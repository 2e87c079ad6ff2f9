"""A problem found in the editors' input, reported as `file:line: field: message`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    file: Path
    line: int | None
    field: str
    message: str

    def format(self, root: Path | None = None) -> str:
        path = self.file
        if root is not None:
            try:
                # The folder resolved, not the file: a link is named as itself, not as its target.
                path = (self.file.parent.resolve() / self.file.name).relative_to(root.resolve())
            except ValueError:
                pass
        where = f"{path}:{self.line}" if self.line else f"{path}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class InputError(Exception):
    """Raised with every problem found, so editors can fix them all in one go."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (str(p.file), p.line or 0))
        super().__init__("\n".join(p.format() for p in self.problems))

    def __reduce__(self) -> tuple:
        # Raised in another process (a poster that does not fit), it is sent back pickled: made
        # again from its problems, not from the message (Exception's default).
        return (InputError, (self.problems,))
