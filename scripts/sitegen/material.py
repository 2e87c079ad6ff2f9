"""Everything this project knows of Material for MkDocs' HTML and files, in one place.

Each patch looks for exactly what Material 9.x writes and stops the build, naming this file,
when it is not there: a new Material version is then checked here, once.
"""

from __future__ import annotations

import fnmatch
import json
import os
import posixpath
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from markupsafe import escape

TESTED = "9.8."  # the Material versions these patches were written against


def check_version() -> None:
    """Refuse to build with a Material these patches were not written for."""
    found = version("mkdocs-material")
    if not found.startswith(TESTED):
        raise RuntimeError(
            f"Material for MkDocs {found} is installed, but scripts/sitegen/material.py was written for "
            f"{TESTED}x. Install the pinned version (scripts/setup.sh), or check each patch there against {found}."
        )


def _changed(what: str) -> RuntimeError:
    return RuntimeError(
        f"the theme's output changed: {what} was not found. Check scripts/sitegen/material.py against the "
        "installed Material version."
    )


# ---------------------------------------------------------------- each page

_GENERATOR_RE = re.compile(r'\s*<meta name="generator" content="[^"]*">')
_PALETTE_RE = re.compile(r'\s*<link rel="stylesheet" href="[^"]*assets/stylesheets/palette\.[0-9a-f]+\.min\.css">')
_THEME_SCRIPT_RE = re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')
_SEARCH_DIALOG = 'data-md-component="search" role="dialog"'
_TOGGLES = (
    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
    '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
)
_DRAWER = '<div class="md-sidebar md-sidebar--primary" '
# The footer's previous/next links: their aria-label ("Next: Title") is not the text they show
# ("Next" over "Title"), so a voice user saying what they see is not understood (WCAG 2.5.3).
_FOOTER_LABEL_RE = re.compile(r'(class="md-footer__link md-footer__link--(?:prev|next)") aria-label="[^"]*"')
# The theme's inline icons: each sits beside or inside text that names it, so screen readers skip them.
_ICON_RE = re.compile(r'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">')


def adapt_page(html: str, direction: str, search_label: str) -> str:
    """The theme's page, fixed: `dir` on <html> (Material puts it on <body> only, but screen
    readers and CSS want it on the root), no generator tag, no palette.css, the theme's script
    fetched only for search, a name for the search dialog, and the ids the header's buttons
    (components/header-controls) point at."""
    html = html.replace("<html ", f'<html dir="{direction}" ', 1)
    # Versions of the software behind the site are nobody's business (and differ by engine).
    html = _GENERATOR_RE.sub("", html, count=1)
    # The theme's palette.css only styles its named colours; this site's are in site-theme.css.
    html, palettes = _PALETTE_RE.subn("", html, count=1)
    if palettes != 1:
        raise _changed("the palette.css link")
    # The theme's script (35 KB) is fetched when the reader reaches for search, not with every
    # page: components/theme-script loads it from the address left here.
    # Its stylesheet (the theme's rules that only its script or open search use) comes with it.
    html, scripts = _THEME_SCRIPT_RE.subn(
        lambda m: (
            '<script id="sitegen-theme-script" type="application/json">'
            f'{{"src": "{m.group(1)}", "css": "{m.group(1).split("javascripts/")[0]}{THEME_SCRIPT_CSS}"}}</script>'
        ),
        html,
        count=1,
    )
    if scripts != 1:
        raise _changed("the bundle.*.min.js script tag")
    # HTML allows autocomplete on text fields only (the Nu checker refuses it on a checkbox);
    # header-controls.js closes the menus on a page brought back from the browser's memory instead.
    for toggle in _TOGGLES:
        html = _once(html, toggle, toggle.replace(' autocomplete="off"', ""), toggle)
    html = _once(html, _DRAWER, f'{_DRAWER}id="__drawer-nav" ', "the navigation sidebar")
    html = _FOOTER_LABEL_RE.sub(r"\1", html)
    html = _ICON_RE.sub('<svg aria-hidden="true" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">', html)
    return html.replace(_SEARCH_DIALOG, f'{_SEARCH_DIALOG} id="__search-dialog" aria-label="{escape(search_label)}"', 1)


def _once(html: str, old: str, new: str, what: str) -> str:
    if old not in html:
        raise _changed(what)
    return html.replace(old, new, 1)


# ---------------------------------------------------------------- the theme's templates


def _list_without_icons(loader: FileSystemLoader) -> Callable[[], list[str]]:
    def list_templates() -> list[str]:
        found = set()
        for top in loader.searchpath:
            for folder, dirs, files in os.walk(top):
                dirs[:] = [d for d in dirs if d != ".icons"]
                rel = os.path.relpath(folder, top)
                found.update(name if rel == "." else f"{rel}/{name}".replace(os.sep, "/") for name in files)
        return sorted(found)

    return list_templates


def skip_icon_listing(env: Environment) -> None:
    """MkDocs lists every file of the theme, once per language, to copy its static files, and
    Material's theme holds some 10,000 icons that are never copied (only included into pages).
    List the theme without them; including an icon still works."""
    loaders = getattr(env.loader, "loaders", [env.loader])
    for loader in loaders:
        if isinstance(loader, FileSystemLoader):
            loader.list_templates = _list_without_icons(loader)  # type: ignore[method-assign]


# ---------------------------------------------------------------- the theme's files

# Material loads these from a CDN, only in old browsers or for diagrams this site never
# has. An empty script instead keeps every browser off that host; pages work without it.
_CDN_SCRIPTS = ("https://unpkg.com/resize-observer-polyfill", "https://unpkg.com/mermaid@11/dist/mermaid.min.js")
_EMPTY_SCRIPT = "data:text/javascript,"
_LUNR_SUPPORT = {"lunr.stemmer.support.min.js", "lunr.multi.min.js"}


# Material's script fetches the sitemap.xml behind every <link rel="alternate"> on every page
# load, to find "the same page" in another language. This site's language links already
# point at the same page, so that is 7 wasted requests a page; aim the selector at nothing.
_ALTERNATE_LOOKUP = 'M("link[rel=alternate]")'
_NO_LOOKUP = 'M("link[rel=alternate][data-sitegen-never]")'


def patch_theme_script(site: Path) -> None:
    """Keep the theme's script off other hosts and off the network when nobody asked for anything."""
    bundles = list((site / "assets" / "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        raise RuntimeError(f"expected one Material bundle.*.min.js in {site}, found {len(bundles)}")
    text = bundles[0].read_text(encoding="utf-8")
    if text.count(_ALTERNATE_LOOKUP) != 1:
        raise RuntimeError(
            "Material's script changed: its alternate-language lookup was not found. "
            "Check scripts/sitegen/material.py against the new Material version."
        )
    text = text.replace(_ALTERNATE_LOOKUP, _NO_LOOKUP)
    for url in _CDN_SCRIPTS:
        text = text.replace(url, _EMPTY_SCRIPT)
    bundles[0].write_text(text, encoding="utf-8")


def unused_theme_file(dest: str, search_languages: list[str]) -> bool:
    """Whether a file of a language's build (its path there) is one its pages never request: source
    maps, the theme's palette and PNG favicon (the site has its own), and the search stemmers of
    other languages. MkDocs is told not to copy these (some 2 MB a language)."""
    folder, name = posixpath.split(dest)
    if (folder == "assets" or folder.startswith("assets/")) and name.endswith(".map"):
        return True
    if folder == "assets/stylesheets" and fnmatch.fnmatchcase(name, "palette.*.css"):
        return True
    if dest == "assets/images/favicon.png":
        return True
    if folder == "assets/javascripts/lunr/min" and name.endswith(".js"):
        return name not in _LUNR_SUPPORT | {f"lunr.{code}.min.js" for code in search_languages}
    segmenters = {"tinyseg.js": "ja", "wordcut.js": "th"}
    return folder == "assets/javascripts/lunr" and name in segmenters and segmenters[name] not in search_languages


# ---------------------------------------------------------------- the theme's CSS, cut to what is used

THEME_SCRIPT_CSS = "stylesheets/theme-script.css"  # under assets/: loaded by components/theme-script
_PURGE = Path(__file__).resolve().parents[1] / "css" / "purge.mjs"
_MAIN_CSS = "main.*.min.css"
# Selectors that only matter once search is open (the theme opens it with the __search toggle,
# and its script fills the results): they arrive with the theme's script, not with the page.
# Not the closed search box's own parts: their layout holds even while they are hidden.
SEARCH_OPEN = r"\[data-md-toggle=search\]:checked|\.md-search-result"
# Class names the project's or the theme's script sets from computed strings, which PurgeCSS cannot
# find by reading the scripts (tests/test_css_trim.py checks each one is set by the built JS).
SAFELIST: tuple[str, ...] = ()


@dataclass
class TrimmedCss:
    before: int  # bytes of the theme's stylesheet as shipped
    first: int  # what every page loads
    deferred: int  # what comes with the theme's script


def _html_lines(site: Path) -> str:
    """The built pages' distinct lines: what PurgeCSS looks for in them (class names, tags,
    attribute values) never spans lines, and the pages share most of theirs."""
    seen: dict[str, None] = {}
    for path in sorted(site.rglob("*.html")):
        if "assets" in path.relative_to(site).parts:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            seen.setdefault(line.strip(), None)
    return "\n".join(seen)


def trim_theme_css(site: Path, language_dirs: list[Path]) -> TrimmedCss:
    """Cut the theme's main.css, in every language's assets, to the rules the built pages (all
    languages) and the project's scripts can use, with PurgeCSS (scripts/css, from npm). The rules
    only the theme's script or open search need go to assets/stylesheets/theme-script.css, which
    components/theme-script loads with that script."""
    assets = site / "assets"
    mains = list((assets / "stylesheets").glob(_MAIN_CSS))
    bundles = list((assets / "javascripts").glob("bundle.*.min.js"))
    if len(mains) != 1 or len(bundles) != 1:
        raise _changed(f"one {_MAIN_CSS} and one bundle.*.min.js in {assets}")
    if not (_PURGE.parent / "node_modules" / "purgecss").is_dir():
        raise RuntimeError(
            f"PurgeCSS is not installed in {_PURGE.parent}: run scripts/setup.sh (it runs npm ci there)."
        )
    css = mains[0].read_text(encoding="utf-8")
    request = {
        "css": css,
        "pages": _html_lines(site),
        "scripts": [(assets / name).read_text(encoding="utf-8") for name in ("sitegen-head.js", "sitegen.js")],
        "themeScript": bundles[0].read_text(encoding="utf-8"),
        "defer": SEARCH_OPEN,
        "safelist": list(SAFELIST),
    }
    done = subprocess.run(
        ["node", str(_PURGE)], input=json.dumps(request), capture_output=True, text=True, encoding="utf-8", check=False
    )
    if done.returncode:
        raise RuntimeError(f"trimming the theme's CSS failed ({_PURGE}):\n{done.stderr[-2000:]}")
    trimmed = json.loads(done.stdout)
    for folder in language_dirs:
        folder_assets = folder / "assets"
        for main in (folder_assets / "stylesheets").glob(_MAIN_CSS):
            main.write_text(trimmed["first"], encoding="utf-8")
        (folder_assets / THEME_SCRIPT_CSS).write_text(trimmed["deferred"], encoding="utf-8")
    return TrimmedCss(len(css.encode()), len(trimmed["first"].encode()), len(trimmed["deferred"].encode()))


def write_theme_script_css(site: Path) -> None:
    """One language's build leaves main.css whole, and the stylesheet that comes with the theme's
    script empty (what `sitegen serve` shows); `sitegen build` then cuts main.css (trim_theme_css)."""
    path = site / "assets" / THEME_SCRIPT_CSS
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("/* main.css is whole: `sitegen build` moves here what only the theme's script uses. */\n")
