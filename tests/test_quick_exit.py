"""The quick exit on a phone, in a real browser: a bar at the top that never sits over the page,
never hides what has the focus, counts Shift presses with dots, and leaves saying only "Loading…".
Also the crisis bar in Arabic: each service's name and number read as one unit, right to left."""

from __future__ import annotations

import pytest

from conftest import ROOT
from sitegen.data import load_site_data

DATA = load_site_data(ROOT)
DEFAULT = DATA.site.default_language
EXIT_URL = DATA.site.quick_exit.url
PHONE = {"width": 390, "height": 640}


def _url(site, lang: str, name: str) -> str:
    return (site / name if lang == DEFAULT else site / lang / name).as_uri()


def _neutral_site(context) -> None:
    """The neutral site is on the internet, which tests cannot reach: answer for it."""
    context.route(EXIT_URL + "**", lambda route: route.fulfill(body="<title>Weather</title>", content_type="text/html"))


# Everything a reader reads or taps (outside the exit bar), as the reader sees it: shown, not
# transparent, not clipped to a pixel.
SEEN = """
const seen = el => {
  if (el.closest('.sg-exit')) return false;
  const r = el.getBoundingClientRect();
  if (r.width <= 1 || r.height <= 1 || getComputedStyle(el).visibility !== 'visible') return false;
  for (let e = el; e; e = e.parentElement) if (getComputedStyle(e).opacity === '0') return false;
  return true;
};
const READ = 'a[href], button, h1, h2, h3, select, p';
const label = el => el.tagName.toLowerCase() + ' "' + el.textContent.trim().slice(0, 40) + '"';
"""

OVERLAPS = (
    "() => {"
    + SEEN
    + """
  const bar = document.querySelector('.sg-exit').getBoundingClientRect();
  const hit = [];
  for (const el of document.querySelectorAll(READ)) {
    if (!seen(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.bottom <= 0 || r.top >= innerHeight) continue;  // not in the window
    if (r.left < bar.right && r.right > bar.left && r.top < bar.bottom - 0.5 && r.bottom > bar.top + 0.5)
      hit.push({what: label(el), top: r.top, bottom: r.bottom});
  }
  return {bar: {top: bar.top, bottom: bar.bottom, left: bar.left, right: bar.right}, hit, y: scrollY,
          max: document.documentElement.scrollHeight - innerHeight};
}"""
)

# Brought into view as the browser does it for a link to #anchor or the focus: is it whole,
# below the exit bar?
HIDDEN_WHEN_SCROLLED_TO = (
    "() => {"
    + SEEN
    + """
  const bar = document.querySelector('.sg-exit');
  const under = [];
  const els = [...document.querySelectorAll('article :is(' + READ + '), .sg-crisis :is(' + READ + ')')].filter(seen);
  for (const el of els) {
    el.scrollIntoView({block: 'start', behavior: 'instant'});
    const b = bar.getBoundingClientRect(), r = el.getBoundingClientRect();
    if (r.top < b.bottom - 0.5) under.push(`${label(el)} at ${Math.round(r.top)}, under a bar ending at ${b.bottom}`);
  }
  return [els.length, under];
}"""
)


@pytest.mark.parametrize("name", ["index.html", "get-help.html"])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_exit_bar_covers_nothing_at_any_scroll_position(browser, site, lang, name):
    tab = browser.new_page(viewport=PHONE)
    try:
        tab.goto(_url(site, lang, name))
        first = tab.evaluate(OVERLAPS)
        # In its place at the top of the page it sits over nothing: not step 6, not a number,
        # not the province picker.
        assert first["hit"] == [] and first["bar"]["top"] == 0, first
        end = first["max"]
        for y in [end * k // 8 for k in range(1, 9)]:
            tab.evaluate(f"window.scrollTo(0, {y})")
            found = tab.evaluate(OVERLAPS)
            bar = found["bar"]
            # Still on screen, across the top of the window...
            assert bar["top"] == 0 and bar["bottom"] <= 60, found
            assert bar["left"] <= 0 and bar["right"] >= PHONE["width"], found
            # ...and what it overlaps is only what has scrolled up under it, past the reader,
            # never something in the window below it (as a bottom-corner button was).
            assert all(h["top"] < bar["bottom"] for h in found["hit"]), found
            button = tab.locator("[data-sg-exit]").bounding_box()
            cx, cy = button["x"] + button["width"] / 2, button["y"] + button["height"] / 2
            assert tab.evaluate(f"() => document.elementFromPoint({cx}, {cy}).closest('[data-sg-exit]') !== null")
        # Every heading, paragraph, link and control can be brought whole into view below the bar.
        count, under = tab.evaluate(HIDDEN_WHEN_SCROLLED_TO)
        assert count > 20 and under == [], under[:5]
    finally:
        tab.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_exit_bar_and_theme_header_do_not_overlap(browser, site, width):
    tab = browser.new_page(viewport={"width": width, "height": 800})
    try:
        tab.goto(_url(site, "en", "get-help.html"))
        for y in (0, 300, 1500):
            tab.evaluate(f"window.scrollTo(0, {y})")
            bar, header = tab.evaluate(
                "() => ['.sg-exit', '.md-header'].map(s => { const r = document.querySelector(s)"
                ".getBoundingClientRect(); return [r.top, r.bottom]; })"
            )
            # The header is either below the bar or scrolled up out of the window: never half under it.
            assert header[0] >= bar[1] - 0.5 or header[1] <= bar[1] + 0.5, (y, bar, header)
            if width >= 1220:  # the sticky navigation beside the text starts below the bar
                nav = tab.locator(".md-sidebar--primary .md-nav__link").first.bounding_box()
                assert nav["y"] >= bar[1] - 0.5, (y, nav, bar)
    finally:
        tab.close()


def test_open_drawer_starts_below_the_exit_bar(browser, site):
    tab = browser.new_page(viewport=PHONE)
    try:
        tab.goto(_url(site, "en", "index.html"))
        tab.evaluate("document.getElementById('__drawer').click()")
        tab.wait_for_timeout(400)  # the drawer slides in
        bar = tab.locator(".sg-exit").bounding_box()
        drawer = tab.locator(".md-sidebar--primary").bounding_box()
        assert drawer["y"] >= bar["y"] + bar["height"] - 0.5
        link = tab.locator(".md-sidebar--primary .md-nav__link[href]").first.bounding_box()
        assert link["y"] >= bar["y"] + bar["height"] and link["x"] >= 0
        box = tab.locator("[data-sg-exit]").bounding_box()
        cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        assert tab.evaluate(f"() => document.elementFromPoint({cx}, {cy}).closest('[data-sg-exit]') !== null")
    finally:
        tab.close()


FOCUSABLE = """sel => {
  const all = [...document.querySelectorAll('a[href], button, input, select, textarea')]
    .filter(el => el.getClientRects().length && getComputedStyle(el).visibility === 'visible' && el.tabIndex >= 0);
  const target = document.querySelector(sel);
  const i = all.indexOf(target);
  return [i, all.length];
}"""

PLACE = """([sel, step]) => {
  const all = [...document.querySelectorAll('a[href], button, input, select, textarea')]
    .filter(el => el.getClientRects().length && getComputedStyle(el).visibility === 'visible' && el.tabIndex >= 0);
  const target = document.querySelector(sel);
  // The target just under the top of the window, where the sticky bar is...
  window.scrollTo(0, target.getBoundingClientRect().top + scrollY - 8);
  // ...and the focus on its neighbour, without moving the page.
  all[all.indexOf(target) + step].focus({preventScroll: true});
}"""

WHOLE = """() => {
  const el = document.activeElement, r = el.getBoundingClientRect();
  const bar = document.querySelector('.sg-exit').getBoundingClientRect();
  const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return {top: r.top, bottom: r.bottom, barBottom: bar.bottom, height: innerHeight, onTop: el.contains(top)};
}"""


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("key", ["Tab", "Shift+Tab"])
def test_focused_link_is_never_hidden_under_the_bar(browser, site, lang, key):
    """WCAG 2.4.11: reached by Tab from below or above, a link in the middle of the page is whole."""
    tab = browser.new_page(viewport=PHONE)
    target = "#region-ca-on a[href='tel:+14168082222']"
    try:
        tab.goto(_url(site, lang, "get-help.html"))
        index, total = tab.evaluate(FOCUSABLE, target)
        assert 10 < index < total - 10  # in the middle of the page
        tab.evaluate(PLACE, [target, -1 if key == "Tab" else 1])
        assert tab.locator(target).bounding_box()["y"] < 48  # under the bar before the key
        tab.keyboard.press(key)
        assert tab.evaluate("s => document.activeElement === document.querySelector(s)", target)
        seen = tab.evaluate(WHOLE)
        assert seen["top"] >= seen["barBottom"] and seen["bottom"] <= seen["height"] and seen["onTop"], seen
    finally:
        tab.close()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_anchor_target_lands_below_the_bar(browser, site, lang):
    tab = browser.new_page(viewport=PHONE)
    try:
        tab.goto(_url(site, lang, "get-help.html"))
        tab.locator("a[href='#region-ca-on']").click()
        heading = tab.locator("#region-ca-on h3").first.bounding_box()
        bar = tab.locator(".sg-exit").bounding_box()
        assert bar["y"] + bar["height"] <= heading["y"] < PHONE["height"] / 2
    finally:
        tab.close()


@pytest.mark.parametrize("lang", DATA.site.languages)
def test_exit_button_is_an_early_tab_stop_a_big_target_and_fits_a_small_phone(browser, site, lang):
    tab = browser.new_page(viewport={"width": 320, "height": 640})
    try:
        tab.goto(_url(site, lang, "index.html"))
        reached = []
        for _ in range(2):
            tab.keyboard.press("Tab")
            reached.append(tab.evaluate("() => document.activeElement.hasAttribute('data-sg-exit')"))
        assert any(reached), "the exit button is not the first or second Tab stop"
        box = tab.locator("[data-sg-exit]").bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, box
        assert 0 <= box["x"] and box["x"] + box["width"] <= 320, box
        # At the inline end: the right in left-to-right text, the left in Arabic.
        if lang == "ar":
            assert box["x"] < 320 - box["x"] - box["width"]
        else:
            assert box["x"] > 320 - box["x"] - box["width"]
        assert tab.evaluate("() => document.documentElement.scrollWidth") <= 320
    finally:
        tab.close()


DOTS = """() => {
  const dots = [...document.querySelectorAll('.sg-exit__dot')];
  const shown = dots.filter(d => {
    const r = d.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return r.width >= 8 && getComputedStyle(d).visibility === 'visible' && top === d && r.top >= 0;
  });
  const filled = shown.filter(d => {
    const s = getComputedStyle(d);
    return s.backgroundColor !== 'rgba(0, 0, 0, 0)' && s.backgroundColor === s.borderTopColor;
  });
  return [dots.length, shown.length, filled.length];
}"""


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_each_shift_press_fills_one_dot_then_they_go(browser, site, lang):
    tab = browser.new_page(viewport=PHONE)
    try:
        tab.goto(_url(site, lang, "index.html"))
        assert tab.evaluate(DOTS) == [3, 0, 0]  # nothing to see before a press
        tab.keyboard.press("Shift")
        assert tab.evaluate(DOTS) == [3, 3, 1]
        status = DATA.strings[lang]["exit_press_two"]
        assert tab.locator("[data-sg-exit-status]").text_content() == status
        tab.keyboard.press("Shift")
        assert tab.evaluate(DOTS) == [3, 3, 2]
        tab.keyboard.press("a")  # any other key starts the count again
        assert tab.evaluate(DOTS) == [3, 0, 0]
        tab.keyboard.press("Shift")
        assert tab.evaluate(DOTS) == [3, 3, 1]
        tab.wait_for_function(
            "t => document.querySelector('[data-sg-exit-status]').textContent === t",
            arg=DATA.strings[lang]["exit_expired"],
            timeout=8000,
        )
        assert tab.evaluate(DOTS) == [3, 0, 0]
        assert tab.url.endswith("index.html")
    finally:
        tab.close()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_leaving_says_only_loading_on_the_page_and_in_the_title(browser, site_server, lang):
    context = browser.new_context(viewport=PHONE)
    _neutral_site(context)
    tab = context.new_page()
    try:
        tab.goto(site_server + ("" if lang == DEFAULT else f"{lang}/") + "get-help.html")
        # Press and look in the same script turn: this is the page between the press and the new site.
        seen = tab.evaluate(
            """() => {
                const press = k => document.dispatchEvent(new KeyboardEvent('keyup', {key: k}));
                press('Shift'); press('Shift'); press('Shift');
                const shown = [...document.body.children].filter(el => el.getClientRects().length > 0);
                const text = document.body.innerText.trim();
                return {shown: shown.map(el => el.className), text, title: document.title};
            }"""
        )
        loading = DATA.strings[lang]["exit_loading"]
        assert loading.endswith("…") and len(loading) < 20
        assert seen == {"shown": ["sg-exit-overlay"], "text": loading, "title": loading}
        tab.wait_for_url(EXIT_URL + "**")
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_without_javascript_the_exit_is_a_plain_link_to_the_neutral_site(browser, site, lang):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    _neutral_site(context)
    tab = context.new_page()
    try:
        tab.goto(_url(site, lang, "get-help.html"))
        button = tab.locator("[data-sg-exit]")
        assert button.get_attribute("href") == EXIT_URL
        assert button.is_visible() and button.bounding_box()["y"] < 48
        tab.evaluate("window.scrollTo(0, 3000)")
        assert button.bounding_box()["y"] < 48  # still at the top of the window, scrolled down
        button.click()
        tab.wait_for_url(EXIT_URL + "**")
        assert tab.title() == "Weather"
    finally:
        context.close()


# ---------------------------------------------------------------- the crisis bar, right to left

CRISIS_UNITS = """() => {
  // Where the first or last written character of an element is drawn (bidi moves characters, so
  // the order of an element's boxes on screen is not the order of its text).
  const char = (el, which) => {
    const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT), texts = [];
    while (walk.nextNode()) if (walk.currentNode.textContent.trim()) texts.push(walk.currentNode);
    const node = which === 'first' ? texts[0] : texts.at(-1), s = node.textContent;
    const i = which === 'first' ? s.length - s.trimStart().length : s.trimEnd().length - 1;
    const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
    return range.getBoundingClientRect();
  };
  // The part of an element on the same line as a character.
  const onLine = (el, at) => {
    const rs = [...el.getClientRects()].filter(r => r.top < at.bottom && at.top < r.bottom);
    return {left: Math.min(...rs.map(r => r.left)), right: Math.max(...rs.map(r => r.right)),
            top: at.top, bottom: at.bottom};
  };
  return [...document.querySelectorAll('.sg-crisis__line')].map(line => {
    const name = line.querySelector('.sg-crisis__name');
    const dial = line.querySelector('a.sg-phone');
    const nameEnd = char(name, 'last'), dialStart = char(dial, 'first');
    const tel = dial.getAttribute('href').startsWith('tel:');
    // Where each character of a phone number is drawn, in the order it is written.
    const xs = [];
    if (tel) {
      const text = dial.firstChild;
      for (let i = 0; i < text.length; i++) {
        const range = document.createRange(); range.setStart(text, i); range.setEnd(text, i + 1);
        xs.push(range.getBoundingClientRect().left);
      }
    }
    const box = dial.getBoundingClientRect();
    return {
      tel, digits: dial.textContent, xs,
      isolated: getComputedStyle(line).unicodeBidi === 'isolate' || line.tagName === 'BDI',
      numberDirection: getComputedStyle(dial).direction,
      numberHeight: box.height,
      name: onLine(name, nameEnd),
      number: onLine(dial, dialStart),
      first: onLine(line, char(line, 'first')),
      last: onLine(line, char(line, 'last')),
    };
  });
}"""


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_crisis_bar_keeps_each_service_with_its_number(browser, site, lang, width):
    tab = browser.new_page(viewport={"width": width, "height": 640})
    try:
        tab.goto(_url(site, lang, "index.html"))
        units = tab.evaluate(CRISIS_UNITS)
    finally:
        tab.close()
    assert len(units) == len(DATA.site.crisis_lines) and any(u["tel"] for u in units)
    for u in units:
        assert u["isolated"], u
        name, number = u["name"], u["number"]
        # The number starts on the line where its service's name ends...
        assert number["top"] < name["bottom"] and name["top"] < number["bottom"], u
        # ...right after it in reading order: to its left in Arabic, to its right in English,
        # with only the separator between them (no other service's words).
        gap = name["left"] - number["right"] if lang == "ar" else number["left"] - name["right"]
        assert 0 <= gap < 20, u
        if u["tel"]:
            # A phone number is drawn left to right, whole, its digits in the order written.
            assert u["numberDirection"] == "ltr" and u["xs"] == sorted(u["xs"]), u
            assert u["numberHeight"] < 30, f"{u['digits']} is split over two lines"
    # The services follow one another in reading order (right to left in Arabic).
    for a, b in zip(units, units[1:], strict=False):
        end, start = a["last"], b["first"]
        if start["top"] < end["bottom"] and end["top"] < start["bottom"]:  # on one line, a " · " between
            assert (start["right"] <= end["left"]) if lang == "ar" else (start["left"] >= end["right"]), (a, b)
