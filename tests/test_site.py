"""The shipped site, built for real: pages, languages, switch, hreflang, contacts, infographic."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import phonenumbers
import pytest

from conftest import ROOT, SITE_URL, page
from sitegen.data import load_site_data
from sitegen.host_references import external_references

DATA = load_site_data(ROOT)
LANGS = DATA.site.languages
DEFAULT = DATA.site.default_language
PAGES = sorted(p.name for p in (ROOT / "docs" / DEFAULT).glob("*.md"))


def out_dir(site: Path, lang: str) -> Path:
    return site if lang == DEFAULT else site / lang


def html_name(md: str) -> str:
    return md.removesuffix(".md") + ".html"


def test_ships_english_and_french_at_root_and_fr():
    assert DEFAULT == "en" and {"en", "fr"} <= set(LANGS)


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_exists_with_the_right_lang(site, lang):
    for md in PAGES:
        doc = page(out_dir(site, lang) / html_name(md))
        assert doc.get("lang") == lang, md
        assert doc.xpath("//h1"), f"{lang}/{md} has no heading"
        assert doc.xpath("//meta[@name='description']/@content"), f"{lang}/{md} has no description"
    assert (out_dir(site, lang) / "404.html").is_file()
    assert page(out_dir(site, lang) / "404.html").get("lang") == lang


@pytest.mark.parametrize("lang", LANGS)
def test_language_switch_leads_to_the_same_page(site, lang):
    for md in PAGES:
        path = out_dir(site, lang) / html_name(md)
        doc = page(path)
        links = doc.xpath("//nav[contains(@class,'sg-langs')]//a")
        assert {a.get("hreflang") for a in links} == set(LANGS) - {lang}
        for a in links:
            target = (path.parent / a.get("href")).resolve()
            assert target == (out_dir(site, a.get("hreflang")) / html_name(md)).resolve()
            assert page(target).get("lang") == a.get("hreflang")
        current = doc.xpath("//nav[contains(@class,'sg-langs')]//*[@aria-current='page']")
        assert [c.get("lang") for c in current] == [lang]


@pytest.mark.parametrize("lang", LANGS)
def test_hreflang_alternates_are_absolute_with_x_default(site, lang):
    for md in PAGES:
        doc = page(out_dir(site, lang) / html_name(md))
        alternates = {
            link.get("hreflang"): link.get("href") for link in doc.xpath("//link[@rel='alternate'][@hreflang]")
        }
        expected = {code: urljoin(SITE_URL, ("" if code == DEFAULT else f"{code}/") + html_name(md)) for code in LANGS}
        expected["x-default"] = urljoin(SITE_URL, html_name(md))
        assert alternates == expected


def test_no_hreflang_when_the_address_is_unknown(site_without_address):
    out = site_without_address
    assert not page(out / "index.html").xpath("//link[@hreflang]")
    # ...but the language switch, which needs no address, still works.
    assert page(out / "index.html").xpath("//nav[contains(@class,'sg-langs')]//a[@hreflang='fr']")


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_first_screen_says_what_to_do_and_who_to_call(site, lang):
    doc = page(out_dir(site, lang) / "index.html")
    crisis = doc.xpath("//aside[contains(@class,'sg-crisis')]")[0]
    emergency = DATA.site.emergency.phone.number
    assert crisis.xpath(f".//a[@href='tel:{emergency}']"), "emergency number is not a tappable link"
    crisis_tel = [a.get("href") for a in crisis.xpath(".//a") if a.get("href").startswith(("tel:+", "sms:"))]
    assert crisis_tel, "no crisis line beside the emergency number"
    # The steps come before any other content: the first list of the article.
    article = doc.xpath("//article")[0]
    first_list = article.xpath(".//ol|.//ul")[0]
    assert first_list.tag == "ol" and len(first_list.xpath("./li")) >= 6


@pytest.mark.parametrize("lang", LANGS)
def test_crisis_bar_and_date_modified_on_every_page(site, lang):
    for md in PAGES:
        doc = page(out_dir(site, lang) / html_name(md))
        assert doc.xpath("//aside[contains(@class,'sg-crisis')]//a[starts-with(@href,'tel:')]"), md
        modified = doc.xpath("//p[contains(@class,'sg-modified')]/time/@datetime")
        assert len(modified) == 1 and re.fullmatch(r"\d{4}-\d{2}-\d{2}", modified[0]), md


def test_date_modified_is_written_for_each_locale(site):
    en = page(site / "about.html").xpath("//p[contains(@class,'sg-modified')]")[0].text_content()
    fr = page(site / "fr" / "about.html").xpath("//p[contains(@class,'sg-modified')]")[0].text_content()
    assert en.startswith("Date modified:")
    assert fr.startswith("Date de modification")
    months_fr = (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    )
    assert any(m in fr for m in months_fr)


def _contacts_page(site: Path, lang: str):
    return page(out_dir(site, lang) / "get-help.html")


@pytest.mark.parametrize("lang", LANGS)
def test_contacts_are_listed_by_region_with_working_tel_links(site, lang):
    doc = _contacts_page(site, lang)
    regions = doc.xpath("//section[contains(@class,'sg-region')]")
    assert len(regions) == 13  # every province and territory of Canada
    index = doc.xpath("//nav[contains(@class,'sg-contacts__regions')]//a/@href")
    assert sorted(index) == sorted(f"#{s.get('id')}" for s in regions)
    ontario = doc.xpath("//section[@id='region-ca-on']")[0]
    assert ontario.xpath(".//a[@href='tel:+14168082222']")[0].text_content() == "416-808-2222"
    for a in doc.xpath("//a[starts-with(@href,'tel:+')]"):
        number = phonenumbers.parse(a.get("href")[4:])
        assert phonenumbers.is_valid_number(number), a.get("href")
    published = {c.id for c in DATA.contacts}
    shown = {d.get("id").removeprefix("contact-") for d in doc.xpath("//div[contains(@class,'sg-contact')][@id]")}
    assert shown == published


def test_nunavut_is_told_there_is_no_911(site):
    nunavut = _contacts_page(site, "en").xpath("//section[@id='region-ca-nu']")[0].text_content()
    assert "no 911" in nunavut
    assert "call 911" not in nunavut.lower()


def test_text_line_is_an_sms_link_with_its_keyword(site):
    links = page(site / "index.html").xpath("//a[starts-with(@href,'sms:')]")
    assert links and links[0].get("href") == "sms:686868?body=CONNECT"
    assert "CONNECT" in links[0].text_content()


@pytest.mark.parametrize("lang", LANGS)
def test_infographic_is_real_text_in_each_language(site, lang):
    doc = page(out_dir(site, lang) / "infographic.html")
    figure = doc.xpath("//figure[contains(@class,'sg-infographic')]")[0]
    graphic = DATA.infographics_by_id["dont-take-that-photo"]
    text = " ".join(figure.text_content().split())
    for step in graphic.steps:
        for field in (step.title, step.text):
            assert " ".join(field.get(lang, field[DEFAULT]).split()) in text
    assert graphic.call_to_action.get(lang, graphic.call_to_action[DEFAULT]) in text
    assert not figure.xpath(".//img"), "the infographic must not be a bitmap"
    assert all(svg.get("aria-hidden") == "true" for svg in figure.xpath(".//svg"))


@pytest.mark.parametrize("lang", LANGS)
def test_search_index_holds_only_its_own_language(site, lang):
    index = json.loads((out_dir(site, lang) / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert locations == {html_name(md) for md in PAGES}
    # Each language's index is built from that language's pages.
    home = next(d for d in index["docs"] if d["location"] == "index.html")
    title = home["title"].replace("\u200b", "")  # Chinese text is split into words for search
    assert title == page(out_dir(site, lang) / "index.html").xpath("//h1")[0].text_content().strip()


def test_no_page_or_asset_makes_the_browser_contact_another_host(site):
    assert external_references(site) == []
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in text and "unpkg.com" not in text, path


def test_no_theme_advertising_link_or_source_map(site):
    assert not list(site.rglob("*.map"))
    assert "squidfunk.github.io" not in (site / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("site_url", [None, SITE_URL])
def test_each_language_404_page_links_into_its_own_language(request, site_url):
    from urllib.parse import urlsplit

    out = request.getfixturevalue("site" if site_url else "site_without_address")
    base = urlsplit(site_url).path if site_url else "/"
    for lang in LANGS:
        doc = page(out_dir(out, lang) / "404.html")
        own = base + ("" if lang == DEFAULT else f"{lang}/")
        for el in doc.xpath("//*[@href or @src]"):
            url = el.get("href") or el.get("src")
            if url.startswith("/") and el.get("hreflang") is None:
                assert url.startswith(own), (lang, url)
        switch = {a.get("hreflang"): a.get("href") for a in doc.xpath("//nav[contains(@class,'sg-langs')]//a")}
        assert switch == {c: base + ("" if c == DEFAULT else f"{c}/") + "index.html" for c in LANGS if c != lang}
