"""Where the generator's own files are, for a site folder that has only docs/, data/ and mkdocs.yml."""

from __future__ import annotations

from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
HOOKS = PROJECT / "scripts" / "sitegen" / "mkdocs_hooks.py"


def overrides_dir(root: Path) -> Path:
    """The site's own overrides/ if it has one (to change a component), else the generator's."""
    own = root / "overrides"
    return own if (own / "components").is_dir() else PROJECT / "overrides"


def project_sources(root: Path) -> list[Path]:
    """The folders of a project that hold its own work (pages, data, overrides, code, history):
    nothing the generator writes may go over or inside them."""
    return [root / name for name in ("docs", "data", "overrides", "scripts", ".git")]
