"""One-page handouts (handout/<region>.html in every language) as a reader meets them: on a phone,
with the site's quick exit and crisis bar; on paper, without them, every web link followed by an
address that can be typed. Checked in Chromium, served by nginx with the site's policy, in English,
Punjabi (an Indic script) and Arabic (right to left).

"""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from conftest import ROOT, page, watch_problems
from sitegen.data import load_site_data

DATA = load_site_data(ROOT)
SITE = DATA.site
DEFAULT = SITE.default_language
LANGS = SITE.languages
CHECKED = ["en", "pa", "ar"]
REGIONS = SITE.served_regions()
NO_EMERGENCY_NUMBER = {n.region: n for n in SITE.emergency.notices}
EMERGENCY_URI = SITE.emergency.phone.dial.uri
PHONE = {"width": 390, "height": 844}
AXE = ROOT / "tests" / "engines" / "node_modules" / "axe-core" / "axe.min.js"
AXE_VERSION = "4.14.1"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def _prefix(lang: str) -> str:
    return "" if lang == DEFAULT else f"{lang}/"


def _rel(lang: str, region: str) -> str:
    return f"{_prefix(lang)}handout/{region.lower()}.html"


def _s(lang: str, key: str) -> str:
    return DATA.strings.get(lang, {}).get(key) or DATA.strings[DEFAULT][key]


def _loc(text: dict[str, str], lang: str) -> str:
    return text.get(lang, text[DEFAULT])


def _said(text: str) -> str:
    return " ".join(text.split())


def _address(href: str) -> str:
    """What a reader types from paper: no scheme, no trailing slash; "www." may be left out."""
    return href.split("://", 1)[-1].rstrip("/").removeprefix("www.").casefold()


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


@pytest.fixture
def tab(browser):
    """A phone-sized tab; `tab.problems` collects console errors and policy violations."""
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    tab.problems = watch_problems(tab)
    yield tab
    context.close()


def _is_shown(locator) -> bool:
    return locator.count() == 1 and locator.is_visible()


# ---------------------------------------------------------------- on screen and on paper


@pytest.mark.parametrize("lang", CHECKED)
def test_quick_exit_and_crisis_bar_are_on_screen_and_not_on_paper(tab, site_server, lang):
    for region in REGIONS:
        tab.emulate_media(media="screen")
        tab.goto(site_server + _rel(lang, region))
        leave = tab.get_by_role("link", name=_s(lang, "exit_label"), exact=True)
        crisis = tab.get_by_role("complementary", name=_s(lang, "crisis_label"), exact=True)
        where = (lang, region)
        # On screen: both there, the exit within reach on the first screen and after scrolling.
        assert _is_shown(leave) and _is_shown(crisis), where
        assert leave.bounding_box()["y"] + leave.bounding_box()["height"] <= PHONE["height"], where
        tab.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
        box = leave.bounding_box()
        assert 0 <= box["y"] and box["y"] + box["height"] <= PHONE["height"], f"{where}: the exit scrolled away"
        bar = _said(crisis.inner_text())
        for line in SITE.crisis_lines:
            assert _said(_loc(DATA.contacts_by_id[line].name, lang)) in bar, (where, line)
        # On paper: neither, and the handout itself is printed.
        tab.emulate_media(media="print")
        displays = tab.evaluate(
            "() => ['.sg-exit', '.sg-crisis'].map(s => getComputedStyle(document.querySelector(s)).display)"
        )
        assert displays == ["none", "none"], where
        assert not leave.is_visible() and not crisis.is_visible(), where
        assert tab.locator("main h1").is_visible() and tab.locator("main ol").is_visible(), where
    assert tab.problems == [], lang


@pytest.mark.parametrize("lang", CHECKED)
def test_handout_crisis_bar_is_the_sites_own_with_the_regions_rule(site, lang):
    """The same numbers as on the site's pages, and its link to where 911 does not work leads to
    that region's section; on a handout for such a region, the region's rule instead of 911."""
    folder = site / _prefix(lang)
    home_bar = page(folder / "index.html").xpath("//aside[contains(@class,'sg-crisis')]")[0]
    home_dials = {a.get("href") for a in home_bar.xpath(".//a[starts-with(@href,'tel:') or starts-with(@href,'sms:')]")}
    assert EMERGENCY_URI in home_dials
    for region in REGIONS:
        bars = page(site / _rel(lang, region)).xpath("//aside[contains(@class,'sg-crisis')]")
        assert len(bars) == 1, f"{region}: the handout has no crisis bar"
        bar = bars[0]
        dials = {a.get("href") for a in bar.xpath(".//a[starts-with(@href,'tel:') or starts-with(@href,'sms:')]")}
        if region in NO_EMERGENCY_NUMBER:
            assert dials == home_dials - {EMERGENCY_URI}, region
            assert _loc(NO_EMERGENCY_NUMBER[region].text, lang) in _said(bar.text_content()), region
            continue
        assert dials == home_dials, region
        for link in bar.xpath(".//a[not(starts-with(@href,'tel:')) and not(starts-with(@href,'sms:'))]"):
            target, _, anchor = link.get("href").partition("#")
            linked = page((site / _rel(lang, region)).parent / target)
            assert linked.xpath(f"//*[@id='{anchor}']"), (region, link.get("href"))


def test_nunavut_handout_never_says_call_911_on_screen_or_on_paper(tab, site_server):
    rule = NO_EMERGENCY_NUMBER["CA-NU"]
    for lang in LANGS:
        tab.goto(site_server + _rel(lang, "CA-NU"))
        for media in ("screen", "print"):
            tab.emulate_media(media=media)
            seen = _said(tab.locator("body").inner_text())
            assert _said(_s(lang, "crisis_danger")) not in seen, (lang, media)
            assert _said(_loc(rule.text, lang)) in seen, (lang, media)
            assert tab.locator(f"a[href='{EMERGENCY_URI}']").count() == 0, (lang, media)
            # The number appears only where the rule says there is none.
            assert "911" not in seen.replace(_said(_loc(rule.text, lang)), ""), (lang, media)


# ---------------------------------------------------------------- on paper: every address written out

PRINTED_LINKS = """() => [...document.querySelectorAll('main a[href]')].map(a => {
  const block = a.closest('li, p, h1, h2, h3, div');
  const shown = a.getClientRects().length > 0 && getComputedStyle(a).visibility !== 'hidden';
  // Every piece of text after the link in its block, with the direction it is laid out in.
  const after = [];
  const walk = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const el = n.parentElement;
    if (a.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_FOLLOWING && !a.contains(n) && el.getClientRects().length)
      after.push([n.data, getComputedStyle(el).direction]);
  }
  return {href: a.getAttribute('href'), text: a.innerText, shown, block: block.innerText, after};
})"""


@pytest.mark.parametrize("lang", CHECKED)
def test_printed_handout_writes_out_every_web_address_and_number(tab, site_server, lang):
    for region in REGIONS:
        tab.goto(site_server + _rel(lang, region))
        tab.emulate_media(media="print")
        links = tab.evaluate(PRINTED_LINKS)
        web = [x for x in links if x["href"].startswith(("http://", "https://"))]
        assert web, "the handout has no web link to check"
        for link in web:
            where = (lang, region, link["href"])
            address = _address(link["href"])
            assert link["shown"], f"{where}: the link is not printed"
            assert address in link["block"].casefold(), f"{where}: printed without its address: {link['block']!r}"
            if address not in link["text"].casefold():
                # Written out after the link; in right-to-left text, laid out left to right.
                written = [d for text, d in link["after"] if address in text.casefold()]
                assert written, where
                assert written[0] == "ltr", f"{where}: the address is laid out right to left"
        for link in (x for x in links if x["href"].startswith(("tel:", "sms:"))):
            where = (lang, region, link["href"])
            number = _digits(link["href"].split("?")[0])
            assert link["shown"], f"{where}: the number is not printed"
            assert len(_digits(link["text"])) >= 3 and number.endswith(_digits(link["text"])), where
    assert tab.problems == [], lang


# ---------------------------------------------------------------- accessibility on a phone


def _axe_source() -> str:
    assert AXE.exists(), f"{AXE} is missing: scripts/setup.sh installs it (npm ci --prefix tests/engines)"
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", CHECKED)
def test_handouts_pass_axe_4_14_wcag_22_aa_at_390_px(tab, site_server, lang):
    source = _axe_source()
    found = {}
    for region in REGIONS:
        tab.goto(site_server + _rel(lang, region))
        tab.evaluate(source)  # by the test driver: the site's policy refuses inline scripts
        assert tab.evaluate("() => axe.version") == AXE_VERSION
        result = tab.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            WCAG_22_AA,
        )
        ran = {r["id"] for kind in ("passes", "violations", "incomplete", "inapplicable") for r in result[kind]}
        assert "target-size" in ran  # WCAG 2.2, 2.5.8: the rule this page once failed
        problems = [
            f"{v['id']}: {v['help']} at {', '.join(str(n['target']) for n in v['nodes'][:3])}"
            for v in result["violations"] + [i for i in result["incomplete"] if i["id"] == "target-size"]
        ]
        if problems:
            found[region] = problems
    assert found == {}, found


# ---------------------------------------------------------------- the quick exit works here too


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_quick_exit_leaves_the_handout_under_the_sites_policy(tab, site_server, lang):
    """Shift pressed three times leaves (only the site's script does that): it loads and runs
    under the site's Content-Security-Policy, with nothing inline."""
    neutral = SITE.quick_exit.url
    tab.route(neutral + "**", lambda route: route.fulfill(status=200, content_type="text/html", body="<p>neutral</p>"))
    tab.goto(site_server + _rel(lang, "CA-ON"))
    tab.locator("main h1").click()
    for _ in range(3):
        tab.keyboard.press("Shift")
    tab.wait_for_url(neutral + "**", timeout=5000)
    assert tab.problems == []


def test_handouts_carry_no_inline_script_or_style(site):
    for path in sorted(site.rglob("handout/*.html")):
        doc = page(path)
        assert not doc.xpath("//script[not(@src)] | //style | //*[@style]"), path
        assert doc.xpath("//script/@src") == ["../assets/sitegen.js"], path


# ---------------------------------------------------------------- one sheet; where the site links them


def test_every_handout_fits_one_a4_and_one_letter_sheet(browser, site):
    """Each language x region handout: the home page's steps, then that region's contacts."""
    from sitegen.regions import subdivisions

    tab = browser.new_page()
    try:
        for lang in LANGS:
            folder = site / _prefix(lang)
            home_steps = page(folder / "index.html").xpath("//article//ol")[0].text_content()
            for region in subdivisions(SITE.country):
                handout = folder / "handout" / f"{region.lower()}.html"
                doc = page(handout)
                regional = {c.id for c in DATA.contacts if c.region == region}
                shown = {d.get("id").removeprefix("contact-") for d in doc.xpath("//main//div[@id]")}
                assert regional <= shown, (lang, region)
                tab.goto(handout.as_uri())
                # On screen the steps read as on the home page (on paper, web addresses follow links).
                assert _said(tab.locator("main ol").first.inner_text()) == _said(home_steps), (lang, region)
                for sheet in ("A4", "Letter"):
                    pdf = PdfReader(io.BytesIO(tab.pdf(format=sheet)))
                    assert len(pdf.pages) == 1, (lang, region, sheet)
    finally:
        tab.close()


def test_each_region_links_its_handout(site):
    doc = page(site / "get-help.html")
    for section in doc.xpath("//section[contains(@class,'sg-region')]"):
        code = section.get("id").removeprefix("region-")
        assert section.xpath(f".//a[@href='handout/{code}.html']"), code
