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
from collections.abc import Callable
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
            f'{{"src": "{m.group(1)}", "css": "{m.group(1).split("javascripts/")[0]}{THEME_SCRIPT_CSS}", '
            f'"words": "{m.group(1).split("javascripts/")[0]}{THEME_WORDS_JS}"}}</script>'
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


_CONFIG_RE = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
THEME_WORDS_JS = "theme-words.js"  # under assets/: the theme's words for its script, loaded with it


def take_theme_words(html: str) -> tuple[str, dict[str, str]]:
    """The theme's settings for its script, without its words (the same on every page of a
    language, and most of the settings' bytes): those come from assets/theme-words.js when the
    reader reaches for search (components/theme-script). Returns the page and the words."""
    found = _CONFIG_RE.search(html)
    if not found:
        raise _changed("the #__config settings")
    config = json.loads(found.group(1))
    words = config.pop("translations", {})
    text = json.dumps(config, ensure_ascii=False).replace("<", "\\u003c")
    page = html[: found.start()] + f'<script id="sitegen-theme-config" type="application/json">{text}</script>'
    return page + html[found.end() :], words


def write_theme_words(site: Path, words: dict[str, str]) -> None:
    script = "window.sitegenThemeWords = " + json.dumps(words, ensure_ascii=False) + ";\n"
    (site / "assets" / THEME_WORDS_JS).write_text(script, encoding="utf-8")


_INLINE_SCRIPT = "<script data-sitegen-inline></script>"  # overrides/partials/javascripts/base.html


def put_inline_script(html: str, script: str) -> str:
    """The page's one inline script where the theme's page-setup scripts were."""
    if "</script" in script.lower():
        raise ValueError("the inline script cannot hold </script")
    return _once(html, _INLINE_SCRIPT, f"<script>{script}</script>", "the inline script's place")


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


# ---------------------------------------------------------------- the theme's CSS

THEME_SCRIPT_CSS = "stylesheets/theme-script.css"  # under assets/: loaded by components/theme-script
# Selectors that only matter once search is open (the theme opens it with the __search toggle,
# and its script fills the results): they arrive with the theme's script, not with the page.
# Not the closed search box's own parts: their layout holds even while they are hidden.
SEARCH_OPEN = r"\[data-md-toggle=\"?search\"?\]:checked|\.md-search-result"
# Regions of the theme's page whose content may paint a moment after the first screen: the
# sidebars' lists, the search box, the footer (see stylesheets.py).
LATER_REGIONS = (".md-sidebar__scrollwrap", ".md-search__inner", ".md-footer")
# What a first screen never shows: the theme's notice dialog (empty until its script speaks) and
# the overlays behind the opened drawer and search.
NOT_FIRST_SCREEN = (".md-dialog", ".md-overlay", ".md-search__overlay")
_MAIN_CSS = "main.*.min.css"
# The theme's stylesheet link, and the components' one (overrides/main.html).
_MAIN_LINK_RE = re.compile(r'<link rel="stylesheet" href="([^"]*)assets/stylesheets/main\.[0-9a-f]+\.min\.css">')
_COMPONENTS_LINK_RE = re.compile(r'\s*<link rel="stylesheet" href="[^"]*assets/sitegen\.css">')


def theme_files(assets: Path) -> tuple[Path, Path]:
    """The theme's stylesheet and script in a language's assets/."""
    mains = list((assets / "stylesheets").glob(_MAIN_CSS))
    bundles = list((assets / "javascripts").glob("bundle.*.min.js"))
    if len(mains) != 1 or len(bundles) != 1:
        raise _changed(f"one {_MAIN_CSS} and one bundle.*.min.js in {assets}")
    return mains[0], bundles[0]


def drop_theme_stylesheet(assets: Path) -> None:
    """The theme's whole stylesheet left out of a language's assets/: once the site's own is made
    (stylesheets.py), no page links it."""
    for path in (assets / "stylesheets").glob(_MAIN_CSS):
        path.unlink()


def link_stylesheets(html: str, head: str, body_link: Callable[[str], str], head_link: str = "") -> str:
    """The page's two stylesheet links in <head> replaced by `head` (or by a link to `head_link`,
    a file under assets/), and `body_link(prefix)` (the prefix the page reaches assets/ with) put
    last in <body>. A page without them (a handout) is returned as it is."""
    found = _MAIN_LINK_RE.search(html)
    if not found:
        return html
    if head_link:
        head = f'<link rel="stylesheet" href="{found.group(1)}assets/{head_link}">'
    html = html[: found.start()] + head + html[found.end() :]
    html, components = _COMPONENTS_LINK_RE.subn("", html, count=1)
    if components != 1:
        raise _changed("the components' stylesheet link after the theme's")
    end = html.rindex("</body>")
    return html[:end] + body_link(found.group(1)) + html[end:]


def write_theme_script_css(site: Path) -> None:
    """One language's build leaves main.css whole, and the stylesheet that comes with the theme's
    script empty (what `sitegen serve` shows); `sitegen build` then makes the site's stylesheets
    from all languages' pages (stylesheets.py)."""
    path = site / "assets" / THEME_SCRIPT_CSS
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("/* main.css is whole: `sitegen build` moves here what only the theme's script uses. */\n")
