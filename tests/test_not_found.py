"""A missing address, in every language: the reader is told so in their language, sees the crisis
lines, and is led to the home page and to help (served by nginx, as on a real host)."""

from __future__ import annotations

import urllib.error
import urllib.request
from urllib.parse import urljoin

import pytest
from lxml import html

from conftest import ROOT
from sitegen.data import load_site_data

DATA = load_site_data(ROOT)
DEFAULT = DATA.site.default_language


@pytest.mark.parametrize("lang", DATA.site.languages)
def test_a_missing_page_answers_in_the_readers_language_with_a_way_on(site_server, lang):
    folder = "" if lang == DEFAULT else f"{lang}/"
    missing = site_server + folder + "no-such-page.html"
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(missing)
    assert caught.value.code == 404
    doc = html.fromstring(caught.value.read())
    strings = DATA.strings[lang]
    assert doc.get("lang") == lang
    assert doc.xpath("//article//h1")[0].text_content() == strings["not_found_title"]
    assert strings["not_found_text"] in doc.xpath("//article")[0].text_content()
    assert doc.xpath("//aside[contains(@class,'sg-crisis')]//a[@href='tel:911']")
    links = doc.xpath("//ul[@class='sg-not-found']//a")
    assert len(links) == 2
    for link in links:
        target = urljoin(missing, link.get("href"))
        with urllib.request.urlopen(target) as response:
            assert response.status == 200
            page = html.fromstring(response.read())
        assert page.get("lang") == lang
        assert page.xpath("//title")[0].text_content().startswith(link.text_content())
