"""Shared fixtures: the real site built once, and throwaway copies of the project to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import html

from sitegen.build import build_site

ROOT = Path(__file__).resolve().parents[1]
SITE_URL = "https://help.example.org/sextortion/"


def copy_project(dest: Path, languages: tuple[str, ...] | None = None) -> Path:
    """A copy of the project's inputs (not its code) that a test may change freely."""
    for name in ("data", "overrides"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for lang_dir in (ROOT / "docs").iterdir():
        if languages is None or lang_dir.name in languages:
            shutil.copytree(lang_dir, dest / "docs" / lang_dir.name)
    # The hooks are loaded by path from mkdocs.yml; point them at the real code.
    (dest / "scripts").symlink_to(ROOT / "scripts")
    return dest


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content, built with a published address (so hreflang is absolute)."""
    out = tmp_path_factory.mktemp("built") / "site"
    build_site(ROOT, out, site_url=SITE_URL)
    return out


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def page(path: Path) -> html.HtmlElement:
    return html.fromstring(path.read_bytes())
