"""Icons from Material for MkDocs' bundled set, inlined as SVG."""

from __future__ import annotations

from pathlib import Path

import material

_ICONS = Path(material.__file__).parent / "templates" / ".icons"


def icon_path(name: str) -> Path:
    return _ICONS / f"{name}.svg"


def icon_exists(name: str) -> bool:
    return ".." not in name and icon_path(name).is_file()


def icon_svg(name: str) -> str:
    return icon_path(name).read_text(encoding="utf-8")
