"""Light on a cheap phone: every page's first load, as Chromium receives it from nginx (gzip),
stays within the budget; search costs nothing until the reader searches; the first screen comes
in the first round trip."""

from __future__ import annotations

import urllib.request

import pytest

from bench import first_screen
from bench.first_screen import FIRST_ROUND_TRIP, MAX_CHANGED, changed_share, covered
from conftest import ROOT
from sitegen.data import load_site_data

DATA = load_site_data(ROOT)
LANGS = DATA.site.languages
DEFAULT = DATA.site.default_language
PAGES = sorted(p.name.removesuffix(".md") + ".html" for p in (ROOT / "docs" / DEFAULT).glob("*.md"))
# Bytes, headers included, on first load (was 55 KB before the theme's CSS was cut to what the
# pages use, 35 KB before the scripts were minified; the heaviest page, pa/get-help.html, is 26.4 KB).
BUDGET = 30_000
SEARCH = ("/search/", "/workers/", "/lunr/", "/javascripts/bundle.", "/stylesheets/theme-script.css")


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_first_load_is_within_budget_and_fetches_nothing_for_search(first_loads, lang):
    folder = "" if lang == DEFAULT else f"{lang}/"
    over, searched, icons = [], [], []
    for name in [*PAGES, "404.html"]:
        load, _ = first_loads[folder + name]
        if load.transferred > BUDGET:
            over.append(f"{name}: {load.transferred} bytes; largest: {load.largest()}")
        searched += [f"{name}: {url}" for url in load.requests if any(part in url for part in SEARCH)]
        # The favicon is in the page: no request, no 1.3 KB of headers.
        icons += [f"{name}: {url}" for url in load.requests if "favicon" in url]
    assert over == []
    assert searched == []
    assert icons == []


def test_search_files_come_when_the_reader_starts_searching(browser, site_server):
    context = browser.new_context()
    tab = context.new_page()
    fetched: list[str] = []
    tab.on("request", lambda request: fetched.append(request.url))
    try:
        tab.goto(site_server + "get-help.html", wait_until="networkidle")
        assert not [url for url in fetched if any(part in url for part in SEARCH)]
        with tab.expect_request("**/search/search_index.json"):
            tab.locator("input.md-search__input").focus()
        assert any("/javascripts/bundle." in url for url in fetched)
        assert any("/stylesheets/theme-script.css" in url for url in fetched)
        # Search's stand-in for the worker is for pages opened from disk only (test_hosting.py).
        assert not [url for url in fetched if "/offline-search/" in url]
    finally:
        context.close()


def test_a_reader_who_typed_a_search_before_the_sites_script_came_gets_results(browser, site_server):
    """The site's script comes after the first paint: on a slow line a reader may be in the search
    box, words typed, before it has come."""
    context = browser.new_context()
    tab = context.new_page()
    held = []
    tab.route("**/assets/sitegen.js", lambda route: held.append(route))  # its answer waits here
    try:
        tab.goto(site_server + "get-help.html", wait_until="domcontentloaded")
        box = tab.locator("input.md-search__input")
        box.focus()
        box.fill("police")
        box.press("End")
        for _ in range(100):  # asked for once the page is on screen
            if held:
                break
            tab.wait_for_timeout(50)
        assert held, "the site's script was never asked for"
        held[0].continue_()
        tab.locator(".md-search-result__item a").first.wait_for(timeout=10000)
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_emergency_number_and_first_steps_are_in_the_first_response(site_server, lang):
    """Not added by script: the HTML as the server sends it already says what to do and whom to call."""
    folder = "" if lang == DEFAULT else f"{lang}/"
    with urllib.request.urlopen(site_server + folder + "index.html") as response:
        html = response.read().decode("utf-8")
    emergency = DATA.site.emergency.phone.number
    assert f'href="tel:{emergency}"' in html
    start = html.index("<article")
    assert html.index("<ol", start) < html.index("</article>", start)


def test_the_first_screen_comes_in_the_first_round_trip(browser, site_server, first_loads):
    """A reader on a slow line sees the finished first screen (quick exit, crisis bar, header,
    first heading and steps) from the first 14,000 bytes of the page's response, headers included,
    while the rest of the page, its stylesheet and its script are still on their way: every page
    whose response is longer than that (the contacts pages in Chinese, Arabic and Punjabi are a
    little longer), at a phone's width and a desktop's. What lies beyond the first screen may
    come a round trip later."""
    sizes = {rel: load.requests[site_server + rel] for rel, (load, _) in first_loads.items()}
    longest = max(sizes, key=sizes.get)
    pages = sorted(rel for rel, size in sizes.items() if size > FIRST_ROUND_TRIP) or [longest]
    failures, finished = [], {}
    for rel in pages:
        for width in (390, 1280):
            whole, boxes = finished[rel, width] = first_screen.finished(browser, site_server + rel, width)
            first = first_screen.first_round_trip(browser, site_server + rel, width, FIRST_ROUND_TRIP)
            share = changed_share(covered(whole, boxes), covered(first, boxes))
            if share > MAX_CHANGED:
                failures.append(f"{rel} ({sizes[rel]} bytes) at {width} px: {share:.2%} of pixels differ")
    assert failures == []
    # The comparison sees a first screen that has not all come: half of those bytes is not enough.
    whole, boxes = finished[longest, 390]
    early = first_screen.first_round_trip(browser, site_server + longest, 390, FIRST_ROUND_TRIP // 2)
    assert changed_share(covered(whole, boxes), covered(early, boxes)) > MAX_CHANGED


def test_the_sites_script_is_fetched_once_the_page_has_been_painted(browser, site_server):
    """On a slow phone the page paints first; the site's script (quick exit's keys, the header's
    buttons, search on demand) is asked for after that, and then runs."""
    tab = browser.new_page()
    try:
        for rel in ("index.html", "ar/get-help.html", "zh/what-is-sextortion.html"):
            tab.goto(site_server + rel)
            # The paint's time is known once the frame is on screen, a moment after it is drawn.
            tab.wait_for_function("() => performance.getEntriesByName('first-contentful-paint').length > 0")
            paint, asked = tab.evaluate(
                """() => [
                    performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
                    performance.getEntriesByType("resource").find(e => e.name.endsWith("/assets/sitegen.js"))
                        ?.startTime ?? null]"""
            )
            assert paint is not None and asked is not None, (rel, paint, asked)
            assert asked >= paint, f"{rel}: the script was asked for {paint - asked:.0f} ms before the first paint"
            assert tab.evaluate("() => window.__md_scope !== undefined"), rel
    finally:
        tab.close()
