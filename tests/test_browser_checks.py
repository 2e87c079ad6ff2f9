"""Every browser check finds the fault it is for, on a page broken on purpose."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_checks import (
    axe_violations,
    foreign_requests,
    horizontal_overflow,
    invisible_focus,
    motion_while_reduced,
    stored_traces,
)
from conftest import serve_folder

BROKEN = Path(__file__).parent / "fixtures" / "broken"


@pytest.fixture(scope="module")
def broken(browser):
    with serve_folder(BROKEN) as url:
        context = browser.new_context(viewport={"width": 320, "height": 640}, reduced_motion="reduce")
        requested: list[str] = []
        context.on("request", lambda r: requested.append(r.url))
        tab = context.new_page()
        tab.goto(url + "index.html")
        yield tab, context, requested, url
        context.close()


def test_axe_finds_missing_alt_text_and_low_contrast(broken):
    tab, *_ = broken
    found = " ".join(axe_violations(tab))
    assert "image-alt" in found and "color-contrast" in found


def test_foreign_request_is_caught(broken):
    _, _, requested, url = broken
    assert foreign_requests(requested, url) == ["https://tracker.example.invalid/pixel.gif"]


def test_cookie_and_storage_are_caught(broken):
    tab, context, *_ = broken
    assert set(stored_traces(tab, context)) == {"cookie visited", "storage key last-page"}


def test_overflow_at_320px_is_caught(broken):
    tab, *_ = broken
    assert horizontal_overflow(tab)


def test_invisible_focus_is_caught(broken):
    tab, *_ = broken
    found = invisible_focus(tab)
    assert any("<a " in f for f in found) and any("<button" in f for f in found)


def test_motion_despite_reduced_motion_is_caught(broken):
    tab, *_ = broken
    assert "div.wide" in motion_while_reduced(tab)
