"""Seven languages: lang and dir, the switch, hreflang, search in a real browser, no English chrome."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import ROOT, page
from sitegen.data import load_site_data
from sitegen.theme_strings import material_strings, merged

DATA = load_site_data(ROOT)
LANGS = DATA.site.languages
DEFAULT = DATA.site.default_language
PAGES = sorted(p.name.removesuffix(".md") + ".html" for p in (ROOT / "docs" / DEFAULT).glob("*.md"))


def _dir(site: Path, lang: str) -> Path:
    return site if lang == DEFAULT else site / lang


def test_the_site_ships_seven_languages_with_no_fallback_pages(site):
    assert set(LANGS) == {"en", "fr", "zh", "pa", "es", "ar", "tl"}
    for lang in LANGS:
        for name in PAGES:
            assert not page(_dir(site, lang) / name).xpath("//div[contains(@class,'sg-fallback')]"), (lang, name)


@pytest.mark.parametrize("lang", LANGS)
def test_lang_and_direction_are_on_the_html_element(site, lang):
    expected = "rtl" if lang == "ar" else "ltr"
    for name in [*PAGES, "404.html"]:
        doc = page(_dir(site, lang) / name)
        assert (doc.get("lang"), doc.get("dir")) == (lang, expected), name
        assert doc.xpath("//body")[0].get("dir") == expected


@pytest.mark.parametrize("lang", LANGS)
def test_search_dialog_has_a_name_in_the_page_language(site, lang):
    doc = page(_dir(site, lang) / "index.html")
    label = doc.xpath("//div[@role='dialog'][contains(@class,'md-search')]/@aria-label")
    expected = merged(lang, DATA.theme_strings.get(lang, {}))["search"]
    assert label == [expected]


def test_phone_numbers_stay_left_to_right_inside_arabic_text(site):
    doc = page(site / "ar" / "get-help.html")
    phones = doc.xpath("//a[starts-with(@href,'tel:+')]")
    assert phones and all(a.get("dir") == "ltr" for a in phones)


@pytest.mark.parametrize("lang", [lang for lang in LANGS if lang != DEFAULT])
def test_interface_strings_are_in_the_page_language(site, lang):
    """No English left in the chrome: header, search, skip link, footer, crisis bar, switch."""
    english = set(DATA.strings[DEFAULT].values()) | set((material_strings("en") or {}).values())
    english = {e for e in english if re.search(r"[A-Za-z]{3}", e) and "{" not in e and len(e) > 3}
    # A word spelled the same in both languages ("Navigation" in French) is not left-over English.
    english -= set(DATA.strings[lang].values()) | set(merged(lang, DATA.theme_strings.get(lang, {})).values())
    for name in ("index.html", "get-help.html"):
        doc = page(_dir(site, lang) / name)
        for article in doc.xpath("//article"):
            article.getparent().remove(article)
        chrome_text = {" ".join(t.split()) for t in doc.xpath("//body//text()[not(ancestor::script)]") if t.strip()}
        chrome_text |= {v for attr in ("aria-label", "placeholder", "title") for v in doc.xpath(f"//@{attr}")}
        left = sorted(t for t in chrome_text if t in english)
        assert not left, f"English interface text on the {lang} {name}: {left}"


@pytest.mark.parametrize("lang", LANGS)
def test_switch_and_hreflang_cover_every_language(site, lang):
    from conftest import SITE_URL

    doc = page(_dir(site, lang) / "get-help.html")
    switch = {a.get("hreflang") for a in doc.xpath("//nav[contains(@class,'sg-langs')]//a")}
    assert switch == set(LANGS) - {lang}
    names = doc.xpath("//nav[contains(@class,'sg-langs')]//*[@lang]")
    assert len(names) == len(LANGS) and all(n.text_content().strip() for n in names)
    alternates = {link.get("hreflang"): link.get("href") for link in doc.xpath("//link[@hreflang]")}
    assert set(alternates) == set(LANGS) | {"x-default"}
    assert alternates["ar"] == urljoin(SITE_URL, "ar/get-help.html")


SEARCHES = {
    "es": "policía",
    "tl": "pulis",
    "zh": "警察",  # police
    "pa": "ਪੁਲਿਸ",  # police
    "ar": "الشرطة",  # the police
    "fr": "police",
    "en": "police",
}


@pytest.mark.parametrize("lang", SEARCHES)
def test_search_finds_pages_in_its_own_language_only(browser, site, site_server, lang):
    word = SEARCHES[lang]
    prefix = "" if lang == DEFAULT else f"{lang}/"
    context = browser.new_context()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    tab = context.new_page()
    try:
        tab.goto(site_server + prefix + "index.html")
        # Typing before the search worker has built its index would be lost: wait for "ready".
        ready = merged(lang, DATA.theme_strings.get(lang, {}))["search.result.placeholder"]
        tab.locator("input.md-search__input").focus()
        tab.locator(".md-search-result__meta", has_text=ready).wait_for(state="attached", timeout=30000)
        tab.locator("input.md-search__input").fill(word)
        tab.locator("input.md-search__input").press("End")  # the theme searches on key-up, as when typing
        results = tab.locator(".md-search-result__item a")
        results.first.wait_for(timeout=15000)
        hrefs = {h.split("#")[0] for h in results.evaluate_all("els => els.map(e => e.href)")}
    finally:
        context.close()
    assert hrefs
    assert all(url.startswith(site_server) for url in requested), [
        u for u in requested if not u.startswith(site_server)
    ]
    for href in hrefs:
        path = href.removeprefix(site_server)
        assert path.startswith(prefix) and path.removeprefix(prefix) in PAGES, f"{href} is not a {lang} page"
        text = page(site / path).xpath("//article")[0].text_content()
        assert word.lower() in text.lower(), f"{href} does not contain {word}"
