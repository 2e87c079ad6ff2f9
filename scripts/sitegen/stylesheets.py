"""The site's CSS, made once the pages of every language are built (`sitegen build` only).

The theme's CSS and the components' are cut to the rules the pages can use (PurgeCSS), minified
(Lightning CSS) and split three ways by scripts/css/stylesheets.mjs:
- the rules that paint a first screen (the quick exit, header, crisis bar, first heading and
  steps) go inline in the page's <head>, so they come in the first round trip. Pages whose first
  screens use the same rules share one <style> (a few groups: each group's rules are those its
  pages' first screens use); the policy allows each by its hash, never 'unsafe-inline';
- the whole stylesheet is linked at the end of <body>, so it does not hold the first paint (and
  a page whose host still sends an old policy is styled all the same once it arrives);
- what only open search or the theme's script need comes with that script.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import subprocess
from dataclasses import dataclass
from pathlib import Path

from . import material
from .hosting import source_hash
from .minify import minify_page, read_scripts, write_minified

_SCRIPT = Path(__file__).resolve().parents[1] / "css" / "stylesheets.mjs"
# How much of the article's text a first screen can show, at most, in characters: a desktop's
# screenful of Latin script (a phone shows less). Chinese, Japanese or Korean characters count
# twice (first-screens.mjs): each is about two Latin letters wide.
# tests/test_css_trim.py checks the first screens against the whole stylesheet.
FIRST_SCREEN_TEXT = 1200
# Browsers the CSS is written for (Lightning CSS drops what only older ones need): those of
# 2022 on, which every phone that still gets updates has.
_TARGETS = {"chrome": 100 << 16, "firefox": 100 << 16, "safari": 15 << 16}
# At most this many inline styles (each one's hash is in every page's policy header): groups of
# pages are merged, the cheapest merge first, while merging costs the pages fewer bytes of rules
# than the hash it saves in their headers (stylesheets.mjs).
MAX_STYLES = 6
# Class names the project's or the theme's script sets from computed strings, which PurgeCSS cannot
# find by reading the scripts (tests/test_css_trim.py checks each one is set by the built JS).
SAFELIST: tuple[str, ...] = ()


@dataclass(frozen=True)
class Stylesheets:
    critical: tuple[str, ...]  # the inline <style>s: each page's <head> has one of them
    site_name: str  # under each language's assets/: the whole stylesheet
    style_of: dict[Path, int]  # a page -> its inline style (an index into `critical`)

    @property
    def style_hashes(self) -> tuple[str, ...]:
        """The Content-Security-Policy sources that allow the inline <style>s, and only them."""
        return tuple(source_hash(css) for css in self.critical)


def html_files(folder: Path) -> list[Path]:
    """The pages (theme pages, error page, handouts) of a site or of one language's folder."""
    return sorted(p for p in folder.rglob("*.html") if "assets" not in p.relative_to(folder).parts)


# What PurgeCSS finds in a page (its default extractor: class names, tags, attribute names and
# values are runs of these), so a page's words are all it needs of the page.
_WORD_RE = re.compile(r"[A-Za-z0-9_-]+")


@dataclass(frozen=True)
class Marks:
    """What a language's pages hold where the site's CSS goes until it is made (it needs every
    language's pages): the build's own random word, so no page's text can be taken for one."""

    word: str

    @classmethod
    def new(cls) -> Marks:
        return cls(secrets.token_hex(8))

    @property
    def critical(self) -> str:
        return f"sitegen-critical-{self.word}"

    @property
    def site_name(self) -> str:
        return f"sitegen-site-css-{self.word}"

    @property
    def style_hash(self) -> str:
        return f"sitegen-style-hash-{self.word}"


@dataclass
class PreparedPages:
    """What the site's CSS needs of one language's pages, read while its worker still has them."""

    words: set[str]  # what PurgeCSS looks for in the pages
    # The theme's pages (the ones with an inline style, not handouts): path under the language's
    # folder -> the page as MkDocs wrote it, as JSON (UTF-8)
    pages: dict[str, bytes]


def prepare_pages(folder: Path, marks: Marks, inline: bool = True) -> PreparedPages:
    """One language's pages, in its worker: what the site's CSS needs of them taken, then each
    page linked to the stylesheets (`marks` where their names and rules go, see link_page) and
    minified, so the step after the CSS only swaps the marks."""
    words: set[str] = set()
    lines: set[str] = set()
    pages = {}
    for path in html_files(folder):
        html = path.read_text(encoding="utf-8")
        # The pages share most of their lines: each distinct line is searched once.
        fresh = set(html.splitlines()) - lines
        lines |= fresh
        words.update(_WORD_RE.findall("\n".join(fresh)))
        linked = link_page(html, marks, inline)
        if linked is not html:
            pages[path.relative_to(folder).as_posix()] = json.dumps(html, ensure_ascii=False).encode("utf-8")
        path.write_text(minify_page(linked), encoding="utf-8")
    return PreparedPages(words, pages)


def link_page(html: str, sheets: Marks, inline: bool = True) -> str:
    """A theme page: marks where its first screen's rules go inline, the whole stylesheet last in
    <body>, and its own policy (the <meta> the language's build wrote) allowing that <style>.
    `inline=False`: the whole stylesheet linked in <head> instead, nothing inline (the benchmark
    compares the two)."""
    if not inline:
        return material.link_stylesheets(html, "", lambda prefix: "", head_link=sheets.site_name)
    linked = material.link_stylesheets(
        html,
        f"<style>{sheets.critical}</style>",
        lambda prefix: f'<link rel="stylesheet" href="{prefix}assets/{sheets.site_name}">\n',
    )
    if linked is html:
        return html
    return linked.replace("style-src 'self'", f"style-src 'self' {sheets.style_hash}", 1)


def check_css_tools() -> None:
    """Stop before anything is built when the CSS tools (or terser, for the scripts) are not installed."""
    if not all((_SCRIPT.parent / "node_modules" / tool).is_dir() for tool in ("purgecss", "terser")):
        raise RuntimeError(
            f"The CSS tools are not installed in {_SCRIPT.parent}: run scripts/setup.sh (it runs npm ci there)."
        )


class CssTools:
    """scripts/css/stylesheets.mjs, started early (node loads its modules while the languages
    build) and given its work once every language's pages are there."""

    def __init__(self) -> None:
        self._process = subprocess.Popen(
            ["node", str(_SCRIPT)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )

    def __enter__(self) -> CssTools:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._process.poll() is None:  # the build stopped before the CSS: node has nothing to do
            self._process.kill()
            self._process.communicate()

    def run(self, request: bytes) -> dict:
        out, err = self._process.communicate(request)
        if self._process.returncode:
            raise RuntimeError(
                f"making the site's CSS and scripts failed ({_SCRIPT}):\n{err.decode('utf-8', 'replace')[-2000:]}"
            )
        return json.loads(out)


def make_stylesheets(
    tools: CssTools, site: Path, language_dirs: list[Path], words: set[str], pages: list[tuple[Path, bytes]]
) -> Stylesheets:
    """Write each language's assets/site.<hash>.css and theme-script.css, from the words of every
    page and the pages (each as JSON, in the order of their paths). The theme's main.css, which
    no page links any more, is left out; the components' sitegen.css stays for the handouts. The
    project's scripts are minified first, in the same node (started while the languages built,
    where a node of their own would start now, on the build's serial tail)."""
    assets = site / "assets"
    main, bundle = material.theme_files(assets)
    scripts = read_scripts(language_dirs)
    distinct = list(dict.fromkeys(scripts.values()))
    request = {
        "theme": main.read_text(encoding="utf-8"),
        "project": (assets / "sitegen.css").read_text(encoding="utf-8"),
        # The pages' words, one a line: PurgeCSS finds in them what it finds in the pages.
        "pageLines": "\n".join(sorted(words)),
        "minify": distinct,
        # The script every page runs (as published: minified): PurgeCSS reads its class names.
        "scripts": [distinct.index(scripts[assets / "sitegen.js"])],
        "themeScript": bundle.read_text(encoding="utf-8"),
        "defer": material.SEARCH_OPEN,
        "safelist": list(SAFELIST),
        "firstScreen": FIRST_SCREEN_TEXT,
        "styleGroups": MAX_STYLES,
        # Every page's policy header (handouts' too) names each style's hash.
        "hashBytes": (len(source_hash("")) + 1) * len(html_files(site)),
        "later": list(material.LATER_REGIONS),
        "absent": list(material.NOT_FIRST_SCREEN),
        "targets": _TARGETS,
    }
    # The pages come JSON-encoded from the workers: joined here, not encoded again.
    made = tools.run(json.dumps(request)[:-1].encode() + b', "pages": [' + b",".join(t for _, t in pages) + b"]}")
    write_minified(scripts, dict(zip(distinct, made["scripts"], strict=True)))
    name = f"site.{hashlib.sha256(made['site'].encode()).hexdigest()[:8]}.css"
    for folder in language_dirs:
        (folder / "assets" / name).write_text(made["site"], encoding="utf-8")
        (folder / "assets" / material.THEME_SCRIPT_CSS).write_text(made["deferred"], encoding="utf-8")
        material.drop_theme_stylesheet(folder / "assets")
    style_of = {path: group for (path, _), group in zip(pages, made["styleOf"], strict=True)}
    return Stylesheets(tuple(made["critical"]), name, style_of)


def finish_pages(paths: list[Path], marks: Marks, sheets: Stylesheets) -> None:
    """The marks prepare_pages left in each page replaced by the stylesheets' names and the rules
    of the page's own inline style (and its hash). The same as linking the made stylesheets before
    minifying: minify_page changes nothing in them (Lightning CSS writes no line breaks)."""
    hashes = sheets.style_hashes
    for path in paths:
        html = path.read_text(encoding="utf-8")
        done = html.replace(marks.site_name, sheets.site_name, 1)
        if marks.critical in done:
            style = sheets.style_of[path]
            done = done.replace(marks.critical, sheets.critical[style], 1)
            done = done.replace(marks.style_hash, hashes[style], 1)
        if done != html:
            path.write_text(done, encoding="utf-8")
