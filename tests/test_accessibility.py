"""WCAG 2.2 AA in a real browser: axe on every page of every language in light and dark, keyboard,
reflow at 320 px, reduced motion, no JavaScript, print."""

from __future__ import annotations

import pytest

from browser_checks import axe_violations, horizontal_overflow, invisible_focus, motion_while_reduced
from conftest import ROOT
from sitegen.data import load_site_data

DATA = load_site_data(ROOT)
LANGS = DATA.site.languages
DEFAULT = DATA.site.default_language
PAGES = sorted(p.name.removesuffix(".md") + ".html" for p in (ROOT / "docs" / DEFAULT).glob("*.md"))
EXIT_URL = DATA.site.quick_exit.url


def _url(base: str, lang: str, name: str) -> str:
    return base + ("" if lang == DEFAULT else f"{lang}/") + name


@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_no_violation_on_any_page_light_or_dark(browser, site_server, lang):
    found = []
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        tab = context.new_page()
        try:
            for name in [*PAGES, "404.html"]:
                tab.goto(_url(site_server, lang, name))
                found += [f"{name} ({scheme}): {v}" for v in axe_violations(tab)]
        finally:
            context.close()
    assert not found, "\n".join(found)


def test_dark_scheme_really_changes_the_colours(browser, site_server):
    """So the dark run above is not the light one twice."""
    tab = browser.new_page()
    try:
        tab.goto(site_server + "index.html")
        colours = []
        for scheme in ("light", "dark"):
            tab.emulate_media(color_scheme=scheme)
            colours.append(tab.evaluate("() => getComputedStyle(document.querySelector('article')).color"))
        assert colours[0] != colours[1]
    finally:
        tab.close()


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_reflows_at_320_css_pixels(browser, site_server, lang):
    tab = browser.new_page(viewport={"width": 320, "height": 640})
    try:
        found = []
        for name in PAGES:
            tab.goto(_url(site_server, lang, name))
            found += [f"{name}: {x}" for x in horizontal_overflow(tab)]
    finally:
        tab.close()
    assert not found, found


@pytest.mark.parametrize("width", [390, 1280])
def test_everything_focusable_shows_its_focus(browser, site_server, width):
    tab = browser.new_page(viewport={"width": width, "height": 900})
    try:
        for name in ("index.html", "get-help.html", "ar/get-help.html"):
            tab.goto(site_server + name)
            assert invisible_focus(tab, max_tabs=400) == [], name
    finally:
        tab.close()


def _tab_to(tab, selector: str, limit: int = 400) -> None:
    """Press Tab until the element matching `selector` has focus, like a keyboard user."""
    for _ in range(limit):
        tab.keyboard.press("Tab")
        if tab.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} was never reached with Tab")


def test_keyboard_alone_reaches_skip_link_exit_switch_search_and_contacts(browser, site_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route(EXIT_URL + "**", lambda route: route.fulfill(body="<title>Weather</title>", content_type="text/html"))
    tab = context.new_page()
    try:
        tab.goto(site_server + "get-help.html")
        # The first Tab lands on the skip link, the second on the exit button.
        tab.keyboard.press("Tab")
        assert tab.evaluate("() => document.activeElement.classList.contains('md-skip')")
        tab.keyboard.press("Tab")
        assert tab.evaluate("() => document.activeElement.hasAttribute('data-sg-exit')")
        tab.keyboard.press("Shift+Tab")
        tab.keyboard.press("Enter")  # skip to content
        assert tab.evaluate("() => location.hash !== ''")

        # The contacts: a region link, then a phone number in that region.
        _tab_to(tab, "a[href='#region-ca-ab']")
        tab.keyboard.press("Enter")
        assert tab.evaluate("() => location.hash") == "#region-ca-ab"
        _tab_to(tab, "#region-ca-ab a[href^='tel:']")

        # The navigation, then the language switch, to the same page in French.
        tab.goto(site_server + "get-help.html")
        _tab_to(tab, ".md-nav--primary a[href='about.html']")
        tab.keyboard.press("Enter")
        tab.wait_for_url("**/about.html")
        tab.goto(site_server + "get-help.html")
        _tab_to(tab, ".sg-langs a[hreflang='fr']")
        tab.keyboard.press("Enter")
        tab.wait_for_url("**/fr/get-help.html")

        # Search: type, then move into the results and open one.
        _tab_to(tab, "input.md-search__input")
        tab.keyboard.type("police")
        tab.locator(".md-search-result__item").first.wait_for()
        tab.keyboard.press("ArrowDown")
        with tab.expect_navigation():
            tab.keyboard.press("Enter")
        assert "/fr/" in tab.url

        # The exit button, by keyboard.
        tab.goto(site_server + "index.html")
        _tab_to(tab, "[data-sg-exit]")
        tab.keyboard.press("Enter")
        tab.wait_for_url(EXIT_URL + "**")
    finally:
        context.close()


def test_motion_is_reduced_when_the_reader_asks(browser, site_server):
    context = browser.new_context(reduced_motion="reduce")
    tab = context.new_page()
    try:
        tab.goto(site_server + "index.html")
        assert motion_while_reduced(tab) == []
    finally:
        context.close()
    # Without the request, the theme does animate: the check above is not vacuous.
    context = browser.new_context(reduced_motion="no-preference")
    tab = context.new_page()
    try:
        tab.goto(site_server + "index.html")
        assert motion_while_reduced(tab) != []
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_everything_works_without_javascript(browser, site, lang):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    folder = site if lang == DEFAULT else site / lang
    try:
        for name in PAGES:
            tab.goto((folder / name).as_uri())
            assert tab.locator("article h1").is_visible(), name
            assert tab.locator(".md-nav--primary a").count() >= len(PAGES), name
            assert tab.locator("aside.sg-crisis a[href^='tel:']").first.is_visible(), name
        tab.goto((folder / "get-help.html").as_uri())
        assert tab.locator("section.sg-region").count() == 13
        tab.locator("a[href='#region-ca-on']").click()
        assert tab.locator("#region-ca-on a[href^='tel:+1']").first.is_visible()
        other = "fr" if lang == "en" else "en"
        tab.locator(f".sg-langs a[hreflang='{other}']").click()
        assert tab.url.endswith("/fr/get-help.html" if other == "fr" else "/get-help.html")
        # On a phone, the navigation drawer opens without JavaScript too.
        tab.set_viewport_size({"width": 390, "height": 800})
        tab.locator(".md-header label[for='__drawer']").click()
        assert tab.locator(".md-nav--primary a[href='about.html']").is_visible()
    finally:
        context.close()


def test_pages_print_without_chrome_and_with_link_addresses(browser, site):
    tab = browser.new_page()
    try:
        tab.goto((site / "get-help.html").as_uri())
        tab.emulate_media(media="print")
        hidden = tab.evaluate(
            """() => ['.md-header', '.md-sidebar--primary', '.sg-langs', '.sg-exit', '.md-footer']
                .map(s => [s, getComputedStyle(document.querySelector(s)).display])"""
        )
        assert all(display == "none" for _, display in hidden), hidden
        after = tab.evaluate(
            """() => getComputedStyle(document.querySelector("article a[href^='https://']"), '::after').content"""
        )
        assert "https://" in after
        phone = tab.locator("#region-ca-on a[href='tel:+14168082222']")
        assert phone.is_visible() and phone.inner_text() == "416-808-2222"
        assert tab.locator("aside.sg-crisis").is_visible()  # the emergency number is printed too
    finally:
        tab.close()
