"""Safe to visit: quick exit, crisis help first, and privacy on every page of every language."""

from __future__ import annotations

import re

import pytest

from browser_checks import foreign_requests, stored_traces
from conftest import ROOT, page
from sitegen.data import load_site_data

DATA = load_site_data(ROOT)
LANGS = DATA.site.languages
DEFAULT = DATA.site.default_language
EXIT_URL = DATA.site.quick_exit.url
PAGES = sorted(p.name.removesuffix(".md") + ".html" for p in (ROOT / "docs" / DEFAULT).glob("*.md"))


def _prefix(lang: str) -> str:
    return "" if lang == DEFAULT else f"{lang}/"


def _neutral_site(context) -> None:
    """The neutral site is on the internet, which tests cannot reach: answer for it."""
    context.route(EXIT_URL + "**", lambda route: route.fulfill(body="<title>Weather</title>", content_type="text/html"))


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_has_the_exit_button_and_crisis_help_in_the_html(site, lang):
    folder = site / _prefix(lang)
    for name in [*PAGES, "404.html"]:
        doc = page(folder / name)
        exit_link = doc.xpath("//a[@data-sg-exit]")
        assert len(exit_link) == 1, name
        assert exit_link[0].get("href") == EXIT_URL and exit_link[0].get("rel") == "nofollow noreferrer"
        assert exit_link[0].text_content().strip() == DATA.strings[lang]["exit_label"]
        crisis = doc.xpath("//aside[contains(@class,'sg-crisis')]")[0]
        assert crisis.xpath(".//a[@href='tel:911']") and crisis.xpath(".//a[starts-with(@href,'tel:+')]")
        # Nunavut has no 911: the exception is on every page, linked to its contacts.
        notice = crisis.xpath(".//a[contains(@class,'sg-crisis__notice')]")
        assert notice and notice[0].get("href").endswith("get-help.html#region-ca-nu"), name


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_exit_button_stays_visible_and_uncovered_while_scrolling(browser, site, width):
    tab = browser.new_page(viewport={"width": width, "height": 640})
    try:
        tab.goto((site / "get-help.html").as_uri())
        for y in (0, 2000, 100000):
            tab.evaluate(f"window.scrollTo(0, {y})")
            box = tab.locator("[data-sg-exit]").bounding_box()
            assert box and 0 <= box["x"] and box["x"] + box["width"] <= width and 0 <= box["y"] <= 640 - box["height"]
            # Nothing is drawn over the middle of the button.
            cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
            on_top = tab.evaluate(f"() => document.elementFromPoint({cx}, {cy}).closest('[data-sg-exit]') !== null")
            assert on_top, f"the exit button is covered at scroll {y}"
        # Opening the navigation drawer does not cover it either.
        if width < 1220:
            tab.evaluate("document.getElementById('__drawer').click()")
            tab.wait_for_timeout(400)  # the drawer slides in
            box = tab.locator("[data-sg-exit]").bounding_box()
            cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
            assert tab.evaluate(f"() => document.elementFromPoint({cx}, {cy}).closest('[data-sg-exit]') !== null")
    finally:
        tab.close()


@pytest.mark.parametrize("how", ["click", "shift"])
def test_exit_blanks_the_page_and_replaces_it_in_history(browser, site_server, how):
    context = browser.new_context()
    _neutral_site(context)
    tab = context.new_page()
    try:
        tab.goto(site_server + "index.html")
        tab.goto(site_server + "get-help.html")
        if how == "click":
            tab.locator("[data-sg-exit]").click()
        else:
            for _ in range(3):
                tab.keyboard.press("Shift")
        tab.wait_for_url(EXIT_URL + "**")
        assert tab.title() == "Weather"
        tab.go_back()
        # Back leads to the page before, not to the page the reader left in a hurry.
        assert tab.url == site_server + "index.html"
    finally:
        context.close()


@pytest.mark.parametrize("stylesheet", ["come", "not come yet"])
def test_exit_hides_everything_at_once_and_says_only_loading(browser, site_server, stylesheet):
    """Also on a slow line, before the stylesheet at the end of the page has come: the reader who
    leaves at once is the one who most needs the page gone."""
    context = browser.new_context()
    _neutral_site(context)
    tab = context.new_page()
    if stylesheet == "not come yet":
        tab.route(re.compile(r".*/assets/site\.[0-9a-f]+\.css$"), lambda route: route.abort())
    try:
        tab.goto(site_server + "get-help.html")
        # Click and look in the same script turn: this is the page between the click and the new site.
        visible, overlay = tab.evaluate(
            """() => {
                document.querySelector('[data-sg-exit]').click();
                const shown = [...document.body.children].filter(el => el.getClientRects().length > 0);
                const overlay = document.querySelector('.sg-exit-overlay');
                const said = [overlay.getAttribute('role'), overlay.textContent, document.title];
                return [shown.map(el => el.className), said];
            }"""
        )
        assert visible == ["sg-exit-overlay"]
        # A neutral word, on the page and in the tab's title: nothing for someone looking on to read.
        loading = DATA.strings["en"]["exit_loading"]
        assert overlay == ["status", loading, loading] and loading == "Loading…"
        tab.wait_for_url(EXIT_URL + "**")
    finally:
        context.close()


def test_shift_presses_are_announced_and_expire(browser, site_server):
    tab = browser.new_page()
    try:
        tab.goto(site_server + "index.html")
        status = tab.locator("[data-sg-exit-status]")
        tab.keyboard.press("Shift")
        assert status.inner_text() == DATA.strings["en"]["exit_press_two"]
        tab.keyboard.press("Shift")
        assert status.inner_text() == DATA.strings["en"]["exit_press_one"]
        tab.keyboard.press("a")  # any other key starts the count again
        tab.keyboard.press("Shift")
        assert status.inner_text() == DATA.strings["en"]["exit_press_two"]
        tab.wait_for_function(
            "t => document.querySelector('[data-sg-exit-status]').textContent === t",
            arg=DATA.strings["en"]["exit_expired"],
            timeout=8000,
        )
        assert tab.url.endswith("index.html")
    finally:
        tab.close()


def test_exit_works_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    _neutral_site(context)
    tab = context.new_page()
    try:
        tab.goto((site / "fr" / "get-help.html").as_uri())
        tab.locator("[data-sg-exit]").click()
        tab.wait_for_url(EXIT_URL + "**")
    finally:
        context.close()


def test_safety_page_explains_what_exit_does_not_do(site):
    text = page(site / "browse-safely.html").xpath("//article")[0].text_content()
    assert "does not delete your browser history" in text.replace("**", "")
    assert "Shift" in text


@pytest.mark.parametrize("lang", LANGS)
def test_no_foreign_request_cookie_or_storage_on_any_page(browser, site_server, lang):
    """Visit every page of the language with JavaScript on, search included."""
    context = browser.new_context()
    requested: list[str] = []
    context.on("request", lambda r: requested.append(r.url))
    tab = context.new_page()
    try:
        for name in PAGES:
            tab.goto(site_server + _prefix(lang) + name)
        tab.locator("input.md-search__input").fill(DATA.site.emergency.phone.number)
        tab.locator("input.md-search__input").press("End")
        tab.locator(".md-search-result__item").first.wait_for()
        tab.goto(site_server + _prefix(lang) + "404.html")
        assert foreign_requests(requested, site_server) == []
        assert stored_traces(tab, context) == []
    finally:
        context.close()
