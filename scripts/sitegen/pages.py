"""Which pages exist in which language, where each is published, and when it last changed."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import html as lxml_html
from mkdocs.utils.meta import get_data

from .problems import InputError, Problem


@dataclass(frozen=True)
class PageSource:
    rel: str  # path inside the language folder, e.g. "get-help.md"
    lang: str  # the language the page is published under
    path: Path  # the Markdown file it is built from
    fallback: bool  # True when the translation is missing and the default language is shown


def docs_dir(root: Path, lang: str) -> Path:
    return root / "docs" / lang


def _markdown_files(folder: Path) -> list[str]:
    if not folder.is_dir():
        return []
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.md"))


UNTRANSLATED = "untranslated"
_FILE_NAME = re.compile(
    r"^([a-z0-9]+(-[a-z0-9]+)*/)*[a-z0-9]+(-[a-z0-9]+)*\.md$"
)  # set by add-language on copies of the originals, until translated


def page_translation(path: Path) -> dict:
    """The `translation:` block of a page's front matter (source hash, reviewed, status)."""
    # Lenient: a page that is not UTF-8 is reported, with its line, by front_matter_problems.
    _, meta = get_data(path.read_text(encoding="utf-8", errors="replace"))
    info = meta.get("translation")
    return info if isinstance(info, dict) else {}


def page_sources(path: Path) -> list[str]:
    """The addresses the page's advice comes from (`sources:` in its front matter)."""
    _, meta = get_data(path.read_text(encoding="utf-8"))
    found = meta.get("sources")
    return [str(x) for x in found] if isinstance(found, list) else []


def front_matter_problems(path: Path) -> list[Problem]:
    """The page's front matter read as strictly as data/: an unclosed quote, a missing closing ---,
    a title written as a list or an unknown field is named with its line, never published as text."""
    from pydantic import ValidationError

    from .data import validation_problems
    from .models import PageFrontMatter
    from .yamlsource import parse_yaml

    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        return [Problem(path, line, "", f"is not UTF-8 text ({exc.reason}); save it as UTF-8.")]
    lines = text.splitlines()
    if not lines or lines[0].rstrip() != "---":
        return []
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        return [Problem(path, 1, "", "the front matter opened by this --- has no closing --- line; add one after it.")]
    try:
        doc = parse_yaml(path, "\n".join(lines[1:end]) + "\n", first_line=2)
    except InputError as exc:
        return exc.problems
    if not isinstance(doc.data, dict):
        return [Problem(path, 2, "", "the front matter should be `name: value` lines, such as `title: ...`.")]
    try:
        front = PageFrontMatter.model_validate(doc.data)
    except ValidationError as exc:
        return validation_problems(doc, exc)
    # A translation marked reviewed says who reviewed it and when.
    review = front.translation
    if not (review and review.reviewed):
        return []
    line = doc.line_of(("translation", "reviewed"))
    problems = []
    if not (review.reviewed_by or "").strip():
        problems.append(
            Problem(path, line, "translation.reviewed_by", "say who reviewed this translation (a name or a team).")
        )
    if review.reviewed_on is None:
        problems.append(Problem(path, line, "translation.reviewed_on", "give the day of the review as YYYY-MM-DD."))
    return problems


def is_untranslated(path: Path) -> bool:
    return page_translation(path).get("status") == UNTRANSLATED


# What the build writes into each language's folder itself: the theme's and the site's files
# (assets/), the printable handouts (urls.handout_path), the contacts' vCards (contacts_export),
# the posters (urls.poster_path) and the search index (search/). A page there would be lost
# under them, or break the build.
SITE_FOLDERS = ("assets", "contacts", "handout", "posters", "search")
# The error page is the site's own, in every language (its words are strings: not_found_*).
SITE_PAGES = ("404.md",)


def _reserved_path(rel: str, language_folders: list[str]) -> str | None:
    """Why a page or image may not have this path (under docs/<lang>/), or None.
    `language_folders`: the languages whose pages the site puts in a folder (all but the default)."""
    first = rel.split("/", 1)[0] if "/" in rel else None
    if rel in SITE_PAGES:
        return (
            "is the site's own error page, made in every language from data/strings (not_found_title, "
            "not_found_text): change those instead, and remove this file."
        )
    if first in SITE_FOLDERS:
        return f"is in {first}/, a folder the site makes itself: move the file out of it (and change the links to it)."
    if first in language_folders:
        return (
            f"is in {first}/, the name of a language's folder on the site (where the {first} pages go): "
            "move the file out of it (and change the links to it)."
        )
    return None


def reserved_path_problems(root: Path, languages: list[str], default: str) -> list[Problem]:
    """Every page or image in a language's folder of docs/ whose place on the site is the site's
    own (a hidden file is never published, so it is left alone)."""
    problems = []
    language_folders = [code for code in languages if code != default]
    for lang in languages:
        folder = docs_dir(root, lang)
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder).as_posix()
            if path.is_dir() or any(part.startswith(".") for part in rel.split("/")):
                continue
            reason = _reserved_path(rel, language_folders)
            if reason:
                problems.append(Problem(path, None, "", reason))
    return problems


def discover(root: Path, languages: list[str], default: str) -> tuple[dict[str, list[PageSource]], list[Problem]]:
    """Every page of the default language exists in every language, translated or as a fallback."""
    originals = _markdown_files(docs_dir(root, default))
    problems: list[Problem] = []
    if not originals:
        problems.append(
            Problem(docs_dir(root, default), None, "", f"has no pages; the {default} pages are the originals.")
        )
    for rel in originals:
        if not _FILE_NAME.match(rel):
            problems.append(
                Problem(
                    docs_dir(root, default) / rel,
                    None,
                    "",
                    "the file name has a space, a capital or an accent; rename it with lower-case letters, digits "
                    "and dashes only (e.g. talk-to-a-parent.md), in every language, and change the links to it.",
                )
            )
    out: dict[str, list[PageSource]] = {}
    for lang in languages:
        folder = docs_dir(root, lang)
        translated = set(_markdown_files(folder))
        for extra in sorted(translated - set(originals)):
            problems.append(
                Problem(
                    folder / extra,
                    None,
                    "",
                    f"has no original in docs/{default}/; every page starts in {default}. "
                    f"Add docs/{default}/{extra} or rename this file to match its original.",
                )
            )
        out[lang] = [
            PageSource(rel, lang, folder / rel, False)
            if rel in translated and not is_untranslated(folder / rel)
            else PageSource(rel, lang, docs_dir(root, default) / rel, True)
            for rel in originals
        ]
    return out, problems


@lru_cache
def git_dates(root: Path) -> dict[Path, dt.date]:
    """Last commit date of each file under docs/, from one `git log`; empty outside a git checkout."""
    try:
        out = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--", "docs"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return {}
    dates: dict[Path, dt.date] = {}
    for entry in out.split("\x00")[1:]:
        lines = [x for x in entry.splitlines() if x.strip()]
        if not lines:
            continue
        day = dt.date.fromisoformat(lines[0])
        for name in lines[1:]:
            dates.setdefault((Path(top) / name).resolve(), day)
    return dates


def modified(root: Path, path: Path, front_matter: dict) -> dt.date:
    """When a page last changed: its last commit, else `date_modified:` in its front matter, else the file's time."""
    in_git = git_dates(root).get(path.resolve())
    if in_git and not _uncommitted(root, path):
        return in_git
    stated = front_matter.get("date_modified")
    if isinstance(stated, dt.date):
        return stated
    if isinstance(stated, str):
        try:
            return dt.date.fromisoformat(stated)
        except ValueError:
            pass
    return dt.date.fromtimestamp(path.stat().st_mtime)


@lru_cache
def _changed_files(root: Path) -> frozenset[Path]:
    try:
        out = subprocess.run(
            ["git", "status", "--porcelain", "-z", "--", "docs"], cwd=root, capture_output=True, text=True, check=True
        ).stdout
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return frozenset()
    return frozenset((Path(top) / item[3:]).resolve() for item in out.split("\x00") if len(item) > 3)


def _uncommitted(root: Path, path: Path) -> bool:
    return path.resolve() in _changed_files(root)


def summary(html: str, limit: int = 160) -> str:
    """The text of a page's first paragraph, cut at a word (or, without spaces, a character) near `limit`."""
    tree = lxml_html.fragment_fromstring(html, create_parent="div")
    for p in tree.iter("p"):
        text = " ".join(p.text_content().split())
        if text:
            break
    else:
        return ""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:") + "…"
