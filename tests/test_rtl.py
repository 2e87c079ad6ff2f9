"""Right-to-left in a real browser: the Arabic pages are laid out from the right, numbers stay LTR."""

from __future__ import annotations

import pytest

GEOMETRY = """() => {
  const box = el => el.getBoundingClientRect();
  const article = document.querySelector('article');
  const h1 = article.querySelector('h1');
  const range = document.createRange(); range.selectNodeContents(h1);
  const text = range.getBoundingClientRect();
  const sidebar = document.querySelector('.md-sidebar--primary');
  const phone = document.querySelector('article a[href^="tel:+"], .sg-crisis a[href^="tel:+"]');
  return {
    dir: document.documentElement.dir,
    direction: getComputedStyle(article).direction,
    gapRight: box(h1).right - text.right,
    gapLeft: text.left - box(h1).left,
    sidebarLeft: sidebar ? box(sidebar).left : null,
    articleLeft: box(article).left,
    phoneDirection: phone ? getComputedStyle(phone).direction : null,
    scrollWidth: document.documentElement.scrollWidth,
    width: window.innerWidth,
  };
}"""


@pytest.mark.parametrize("name", ["index.html", "get-help.html"])
@pytest.mark.parametrize("width", [390, 1280])
def test_arabic_pages_are_laid_out_right_to_left(browser, site, tmp_path, name, width):
    tab = browser.new_page(viewport={"width": width, "height": 900})
    try:
        tab.goto((site / "ar" / name).as_uri())
        tab.screenshot(path=tmp_path / f"ar-{width}-{name}.png", full_page=False)
        ar = tab.evaluate(GEOMETRY)
        tab.goto((site / name).as_uri())
        en = tab.evaluate(GEOMETRY)
    finally:
        tab.close()
    assert (ar["dir"], ar["direction"]) == ("rtl", "rtl")
    # The heading starts at the right edge in Arabic and at the left edge in English.
    assert ar["gapRight"] < 2 < ar["gapLeft"], ar
    assert en["gapLeft"] < 2 < en["gapRight"], en
    # Phone numbers read left to right even inside Arabic text.
    assert ar["phoneDirection"] == "ltr"
    assert ar["scrollWidth"] <= ar["width"], "the Arabic page scrolls sideways"
    if width >= 1280:  # the navigation sidebar moves to the right of the text
        assert ar["sidebarLeft"] > ar["articleLeft"] and en["sidebarLeft"] < en["articleLeft"]
