"""The theme's CSS cut to what the pages use (scripts/sitegen/material.py, trim_theme_css): nothing
looks different, search's styles come with search, and nothing is kept by a hand-kept list
that the scripts do not bear out."""

from __future__ import annotations

import io
import re
from importlib.resources import files
from pathlib import Path

import pytest

from conftest import ROOT, SITE_URL, serve_folder
from sitegen import material
from sitegen.build import build_site

PAGES = ("index.html", "get-help.html", "what-is-sextortion.html")
WIDTHS = (390, 1280)
SCHEMES = ("light", "dark")
LANGS = ("en", "ar")
# A pixel counts as changed when a channel moves by more than this (anti-aliasing noise stays
# under it), and a screenshot fails when more than this share of its pixels changed.
TOLERANCE = 24
MAX_CHANGED = 0.001


def _built_js(site: Path) -> str:
    scripts = [*(site / "assets").glob("sitegen*.js"), *(site / "assets" / "javascripts").glob("bundle.*.min.js")]
    return "\n".join(p.read_text(encoding="utf-8") for p in scripts)


def test_each_safelisted_class_is_set_by_a_built_script(site):
    """PurgeCSS reads the scripts, so a class needs the safelist only when a script builds its
    name; each one there must really appear in the theme's bundle or the project's JS."""
    js = _built_js(site)
    for name in material.SAFELIST:
        assert re.search(rf"[\"'`. ]{re.escape(name)}[\"'` ]", js), f"{name} is safelisted but no built script sets it"


def test_the_theme_css_is_cut_and_search_styles_wait_for_search(site):
    whole = next((Path(str(files("material"))) / "templates/assets/stylesheets").glob("main.*.min.css"))
    for folder in (site, site / "ar"):
        main = next((folder / "assets" / "stylesheets").glob("main.*.min.css")).read_text(encoding="utf-8")
        later = (folder / "assets" / material.THEME_SCRIPT_CSS).read_text(encoding="utf-8")
        assert len(main) < len(whole.read_text(encoding="utf-8")) / 3
        # Search opened, its results, and the states only the theme's script sets: not on first load.
        for selector in ("[data-md-toggle=search]:checked", ".md-search-result"):
            assert selector not in main
            assert selector in later
        assert ".md-header__title--active" in later
        # What every page shows is kept: the header, the typeset content, the footer.
        for selector in (".md-header{", ".md-typeset h1", ".md-footer", ".md-search__form"):
            assert selector in main
    # Each page says where the search styles are, beside the theme's script, and they are there.
    for path in (site / "index.html", site / "ar" / "get-help.html"):
        html = path.read_text(encoding="utf-8")
        css = re.search(r'"css": "([^"]+)"', html).group(1)
        assert (path.parent / css).is_file()


@pytest.fixture(scope="module")
def untrimmed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("untrimmed") / "site"
    build_site(ROOT, out, site_url=SITE_URL, posters=False, trim_css=False)
    return out


def _shot(browser, url: str, width: int, scheme: str) -> bytes:
    context = browser.new_context(viewport={"width": width, "height": 844}, color_scheme=scheme)
    try:
        tab = context.new_page()
        tab.goto(url, wait_until="networkidle")
        return tab.screenshot(full_page=True, animations="disabled")
    finally:
        context.close()


def _changed_share(before: bytes, after: bytes) -> float:
    from PIL import Image, ImageChops

    a = Image.open(io.BytesIO(before)).convert("RGB")
    b = Image.open(io.BytesIO(after)).convert("RGB")
    if a.size != b.size:
        return 1.0
    diff = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v > TOLERANCE else 0)
    return diff.histogram()[255] / (a.width * a.height)


def test_trimming_changes_nothing_on_screen(browser, site, untrimmed_site):
    """Home, contacts and a content page, at a phone's and a desktop's width, English and Arabic
    (right to left), light and dark: the trimmed build looks as the whole theme's CSS does."""
    failures = []
    with serve_folder(untrimmed_site) as whole, serve_folder(site) as trimmed:
        for lang in LANGS:
            folder = "" if lang == "en" else f"{lang}/"
            for name in PAGES:
                for width in WIDTHS:
                    for scheme in SCHEMES:
                        before = _shot(browser, whole + folder + name, width, scheme)
                        after = _shot(browser, trimmed + folder + name, width, scheme)
                        share = _changed_share(before, after)
                        if share > MAX_CHANGED:
                            failures.append(f"{folder}{name} at {width} px, {scheme}: {share:.2%} of pixels changed")
    assert failures == []
