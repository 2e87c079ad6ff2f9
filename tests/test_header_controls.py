"""The header's menu and search on a phone, by keyboard and screen reader
(components/header-controls): named buttons that say whether they are open, a closed menu
that is out of the Tab order, and focus that is never off-screen or under a fixed bar."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_checks import horizontal_overflow, obscured_focus
from conftest import ROOT, serve_folder

PHONE = {"width": 390, "height": 844}
SCREENSHOTS = ROOT / "build" / "screenshots"


@pytest.mark.parametrize("name", ["index.html", "get-help.html", "ar/index.html", "ar/get-help.html", "404.html"])
def test_every_tab_stop_is_on_screen_and_uncovered_at_phone_width(browser, site_server, name):
    tab = browser.new_page(viewport=PHONE)
    try:
        tab.goto(site_server + name)
        assert obscured_focus(tab) == []
    finally:
        tab.close()


def test_obscured_focus_catches_a_link_under_a_fixed_box(browser):
    with serve_folder(Path(__file__).parent / "fixtures" / "broken") as url:
        tab = browser.new_page(viewport={"width": 320, "height": 640})
        try:
            tab.goto(url + "index.html")
            assert any("hidden-under" in f and "covered" in f for f in obscured_focus(tab))
        finally:
            tab.close()


def _tab_to(tab, name: str, limit: int = 60) -> None:
    for _ in range(limit):
        tab.keyboard.press("Tab")
        if tab.evaluate("n => document.activeElement.getAttribute('aria-label') === n", name):
            return
    raise AssertionError(f"no control named {name!r} within {limit} Tab presses")


@pytest.mark.parametrize("lang,menu,search", [("", "Navigation", "Search"), ("ar/", "تصفح", "بحث")])
def test_menu_and_search_are_named_buttons_that_open_and_close_by_keyboard(browser, site_server, lang, menu, search):
    tab = browser.new_page(viewport=PHONE)
    try:
        tab.goto(site_server + lang + "get-help.html")
        drawer = tab.locator("#__drawer-nav")
        assert not drawer.is_visible() and drawer.aria_snapshot() == ""
        _tab_to(tab, menu)
        button = tab.locator(f"button[aria-label='{menu}']")
        assert button.get_attribute("aria-expanded") == "false"
        tab.keyboard.press("Enter")
        assert button.get_attribute("aria-expanded") == "true"
        tab.wait_for_timeout(300)  # the drawer slides in
        assert drawer.is_visible() and "link" in drawer.aria_snapshot()
        assert tab.evaluate("() => document.getElementById('__drawer-nav').contains(document.activeElement)")
        tab.keyboard.press("Escape")
        assert button.get_attribute("aria-expanded") == "false"
        assert tab.evaluate("n => document.activeElement.getAttribute('aria-label')", None) == menu
        tab.wait_for_timeout(300)
        assert not drawer.is_visible()

        _tab_to(tab, search)
        tab.keyboard.press("Enter")
        box = tab.locator("input.md-search__input")
        box.wait_for(state="visible")
        tab.wait_for_function("() => document.activeElement.matches('input.md-search__input')")
        tab.keyboard.type("police")
        tab.locator(".md-search-result__item").first.wait_for(state="visible")
        tab.keyboard.press("Escape")
        tab.wait_for_function(f"() => document.activeElement.getAttribute('aria-label') === {search!r}")
        assert tab.locator(f"button[aria-label='{search}']").get_attribute("aria-expanded") == "false"
    finally:
        tab.close()


def test_without_javascript_a_tap_still_opens_the_menu(browser, site_server):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    tab = context.new_page()
    try:
        tab.goto(site_server + "get-help.html")
        assert not tab.locator("button[data-sg-toggle]").first.is_visible()
        tab.locator(".md-header label[for='__drawer']").click()
        tab.wait_for_timeout(300)
        assert tab.locator("#__drawer-nav").is_visible()
        assert tab.locator("#__drawer-nav a[href='about.html']").is_visible()
    finally:
        context.close()


def test_screenshots_at_phone_width(browser, site_server):
    """Home, get-help, a handout and the 404 in English and Arabic, as a 390 px phone shows them,
    written to build/screenshots/ for a person to look at; none is wider than the phone."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab = browser.new_page(viewport=PHONE)
    written = []
    try:
        for lang in ("", "ar/"):
            for name in ("index.html", "get-help.html", "handout/ca-nu.html", "404.html"):
                tab.goto(site_server + lang + name)
                assert horizontal_overflow(tab) == [], lang + name
                path = SCREENSHOTS / f"{(lang or 'en/').strip('/')}-{name.replace('/', '-').removesuffix('.html')}.png"
                tab.screenshot(path=path, full_page=True)
                written.append(path)
    finally:
        tab.close()
    assert all(p.stat().st_size > 10_000 for p in written)
