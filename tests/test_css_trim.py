"""The site's CSS (scripts/sitegen/stylesheets.py): cut to what the pages use, the first screen's
rules inline and the rest after the page, and nothing looks different; search's styles come with
search, and nothing is kept by a hand-kept list that the scripts do not bear out."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
import subprocess
import time
from importlib.resources import files
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bench import first_screen
from bench.first_screen import MAX_CHANGED, changed_share, covered
from conftest import ROOT, SITE_URL, page, serve_folder, watch_problems
from sitegen import material, stylesheets
from sitegen.build import build_site
from sitegen.hosting import nginx_path
from sitegen.localhost import nginx

PAGES = ("index.html", "get-help.html", "what-is-sextortion.html")
WIDTHS = (390, 1280)
SCHEMES = ("light", "dark")
LANGS = ("en", "ar")


def _built_js(site: Path) -> str:
    scripts = [*(site / "assets").glob("sitegen*.js"), *(site / "assets" / "javascripts").glob("bundle.*.min.js")]
    return "\n".join(p.read_text(encoding="utf-8") for p in scripts)


def test_each_safelisted_class_is_set_by_a_built_script(site):
    """PurgeCSS reads the scripts, so a class needs the safelist only when a script builds its
    name; each one there must really appear in the theme's bundle or the project's JS."""
    js = _built_js(site)
    for name in stylesheets.SAFELIST:
        assert re.search(rf"[\"'`. ]{re.escape(name)}[\"'` ]", js), f"{name} is safelisted but no built script sets it"


def _site_css(folder: Path) -> str:
    (href,) = page(folder / "index.html").xpath("/html/body/link[@rel='stylesheet']/@href")
    return (folder / href).read_text(encoding="utf-8")


def _inline_css(path: Path) -> str:
    return re.search(r"<style>(.*?)</style>", path.read_text(encoding="utf-8"), re.S).group(1)


def test_the_css_is_cut_and_search_styles_wait_for_search(site):
    whole = next((Path(str(files("material"))) / "templates/assets/stylesheets").glob("main.*.min.css"))
    for folder in (site, site / "ar"):
        # The theme's whole stylesheet is not published: no page links it.
        assert not list((folder / "assets" / "stylesheets").glob("main.*.css"))
        css = _site_css(folder)
        later = (folder / "assets" / material.THEME_SCRIPT_CSS).read_text(encoding="utf-8")
        assert len(css) < len(whole.read_text(encoding="utf-8")) / 2
        # Search opened, its results, and the states only the theme's script sets: not on first load.
        for selector in ("[data-md-toggle=search]:checked", ".md-search-result"):
            assert selector not in css
            assert selector in later
        assert ".md-header__title--active" in later
        # What every page shows is kept: the header, the typeset content, the footer, the components.
        for selector in (".md-header{", ".md-typeset h1", ".md-footer", ".md-search__form", ".sg-exit", ".sg-contact"):
            assert selector in css
    # Each page says where the search styles are, beside the theme's script, and they are there.
    for path in (site / "index.html", site / "ar" / "get-help.html"):
        html = path.read_text(encoding="utf-8")
        css = re.search(r'"css": "([^"]+)"', html).group(1)
        assert (path.parent / css).is_file()


def test_the_first_screens_rules_are_inline_and_small(site):
    """The quick exit, header, crisis bar, first heading and steps are styled by the <style> in
    the page's head; what no first screen shows is left to the stylesheet. A page does not carry
    the rules of what only other pages' first screens show: the home page's style has none for the
    infographic, which the infographic's page has, and none for right-to-left text in English."""
    pages = [p for p in stylesheets.html_files(site) if "<article" in p.read_text(encoding="utf-8")]
    inline = {path: _inline_css(path) for path in pages}
    assert 1 < len(set(inline.values())) <= stylesheets.MAX_STYLES
    for path, css in inline.items():
        for selector in (".sg-exit", ".sg-crisis", ".md-header{", ".md-typeset h1", ".md-typeset ol"):
            assert selector in css, (path, selector)
        for selector in (".md-search-result", "@media print", ".md-footer__link", ".md-nav__link", ".md-dialog"):
            assert selector not in css, (path, selector)
        assert len(gzip.compress(css.encode())) < 5500, path
    # Right-to-left rules for the Arabic pages; an English page's first screen needs none.
    assert "[dir=rtl]" in inline[site / "ar" / "index.html"]
    assert "[dir=rtl]" not in inline[site / "index.html"]
    for lang in ("", "ar/"):
        assert ".sg-infographic" in inline[site / f"{lang}infographic.html"]
        assert ".sg-infographic" not in inline[site / f"{lang}index.html"]


_CUTTER = ROOT / "scripts" / "css" / "first-screens.mjs"


def test_a_first_screen_of_chinese_is_cut_after_half_as_many_characters():
    """Chinese characters are about two Latin letters wide: a first screen holds half as many,
    so a Chinese page does not take the rules of two screens inline (first-screens.mjs, as built)."""

    def paragraphs_kept(text: str) -> int:
        page = f"<html><body><article>{f'<p>{text}</p>' * 40}</article></body></html>"
        run = (
            "const { Worker } = await import('node:worker_threads');"
            "const w = new Worker(new URL(process.argv[1]), { execArgv: [] });"
            "w.once('message', (m) => { process.stdout.write(JSON.stringify(m)); w.terminate(); });"
            "w.postMessage({ task: 'cut', pages: [process.argv[2]], options: JSON.parse(process.argv[3]) });"
        )
        options = {"later": [], "absent": [], "firstScreen": stylesheets.FIRST_SCREEN_TEXT}
        done = subprocess.run(
            ["node", "--input-type=module", "-e", run, _CUTTER.as_uri(), page, json.dumps(options)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        (cut,) = json.loads(done.stdout)
        return cut["part"].count("<p>")

    assert stylesheets.FIRST_SCREEN_TEXT == 1200
    assert paragraphs_kept("a" * 100) == 12
    assert paragraphs_kept("汉" * 100) == 6
    assert paragraphs_kept("ਪ" * 100) == 12  # Punjabi letters are about as wide as Latin ones


def _before_and_after_the_stylesheet(browser, url: str, width: int, scheme: str) -> tuple[bytes, bytes, list[dict]]:
    """In one tab: the first screen while the site's stylesheet is still on its way (only the
    <style> in the page's head applies), then once it has come, and the boxes of the regions
    whose content may paint a moment later."""
    context = browser.new_context(viewport={"width": width, "height": first_screen.HEIGHT}, color_scheme=scheme)
    held: list = []
    try:
        tab = context.new_page()
        tab.route(re.compile(r".*/assets/site\.[0-9a-f]+\.css$"), lambda route: held.append(route))
        tab.goto(url, wait_until="commit")  # the parser waits at the stylesheet, last in <body>
        deadline = time.monotonic() + 30
        while not (held and tab.evaluate(first_screen.PAINTED)):
            assert time.monotonic() < deadline, f"{url}: no first paint, or no stylesheet asked for"
            tab.wait_for_timeout(20)
        tab.wait_for_timeout(300)
        before = tab.screenshot(animations="disabled")
        held.pop().continue_()
        tab.wait_for_load_state("networkidle")
        after = tab.screenshot(animations="disabled")
        return before, after, tab.evaluate(first_screen.LATER_BOXES, list(material.LATER_REGIONS))
    finally:
        context.close()


def test_the_first_screen_paints_from_the_inline_rules_alone(browser, site):
    """What a reader on a slow line sees after the first round trip is what they see once the
    whole stylesheet has come: nothing on the first screen moves or changes. In Chinese too,
    whose characters count double when the page is cut to its first screen."""
    failures = []
    with serve_folder(site) as url:
        for lang, names in [*((lang, (*PAGES, "404.html")) for lang in LANGS), ("zh", ("get-help.html",))]:
            folder = "" if lang == "en" else f"{lang}/"
            for name in names:
                for width in WIDTHS:
                    for scheme in SCHEMES:
                        # The later regions' final boxes are covered in both: their content may
                        # come a moment later, but nothing around them may move when it does.
                        first, whole, boxes = _before_and_after_the_stylesheet(
                            browser, url + folder + name, width, scheme
                        )
                        share = changed_share(covered(whole, boxes), covered(first, boxes))
                        if share > MAX_CHANGED:
                            failures.append(f"{folder}{name} at {width} px, {scheme}: {share:.2%} of pixels differ")
    assert failures == []


@pytest.fixture(scope="module")
def untrimmed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("untrimmed") / "site"
    build_site(ROOT, out, site_url=SITE_URL, posters=False, trim_css=False)
    return out


def _shot(browser, url: str, width: int, scheme: str) -> bytes:
    context = browser.new_context(viewport={"width": width, "height": first_screen.HEIGHT}, color_scheme=scheme)
    try:
        tab = context.new_page()
        # Not only "load": a page could still change after it (4% of the Arabic contacts page, dark, once).
        tab.goto(url, wait_until="networkidle")
        return tab.screenshot(full_page=True, animations="disabled")
    finally:
        context.close()


def test_the_sites_css_changes_nothing_on_screen(browser, site, untrimmed_site):
    """Home, contacts and a content page, at a phone's and a desktop's width, English and Arabic
    (right to left), light and dark: the built site (its CSS cut, minified, split between the
    head and the end of the page) looks as the theme's and components' whole CSS do."""
    failures = []
    with serve_folder(untrimmed_site) as whole, serve_folder(site) as trimmed:
        for lang in LANGS:
            folder = "" if lang == "en" else f"{lang}/"
            for name in PAGES:
                for width in WIDTHS:
                    for scheme in SCHEMES:
                        before = _shot(browser, whole + folder + name, width, scheme)
                        after = _shot(browser, trimmed + folder + name, width, scheme)
                        share = changed_share(before, after)
                        if share > MAX_CHANGED:
                            failures.append(f"{folder}{name} at {width} px, {scheme}: {share:.2%} of pixels changed")
    assert failures == []


def test_a_host_that_sends_an_older_policy_still_shows_the_finished_page(browser, site, site_server, tmp_path):
    """A deployer who publishes a new build but keeps last build's nginx snippet sends a policy
    with an older hash: the inline style is refused, and the page still looks as it should once
    the stylesheet (which holds every rule) has come."""
    snippet = nginx_path(site).read_text(encoding="utf-8")
    current = re.search(r"style-src 'self'((?: 'sha256-[^']+')+)", snippet).group(1)
    older = " 'sha256-" + base64.b64encode(hashlib.sha256(b"last build's first-screen rules").digest()).decode() + "'"
    stale = tmp_path / "stale.conf"
    stale.write_text(snippet.replace(current, older), encoding="utf-8")
    failures = []
    with nginx(site, stale, tmp_path / "nginx", urlsplit(SITE_URL).path) as old_host:
        for rel in ("index.html", "get-help.html", "ar/what-is-sextortion.html"):
            for width in WIDTHS:
                shots = []
                for host, refused in ((site_server, False), (old_host, True)):
                    context = browser.new_context(viewport={"width": width, "height": first_screen.HEIGHT})
                    try:
                        tab = context.new_page()
                        problems = watch_problems(tab)
                        tab.goto(host + rel, wait_until="networkidle")
                        shots.append(tab.screenshot(full_page=True, animations="disabled"))
                    finally:
                        context.close()
                    assert any("CSP violation style-src" in p for p in problems) == refused, (rel, problems)
                share = changed_share(*shots)
                if share > MAX_CHANGED:
                    failures.append(f"{rel} at {width} px: {share:.2%} of pixels differ")
    assert failures == []
