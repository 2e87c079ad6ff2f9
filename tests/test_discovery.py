"""Search engines and sharing: sitemap, robots.txt, canonical, description, Open Graph; all from
site_url, and absent (not wrong) without it."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urljoin

import pytest
from lxml import etree

from conftest import ROOT, SITE_URL, page
from sitegen.build import build_site
from sitegen.data import load_site_data

DATA = load_site_data(ROOT)
LANGS = DATA.site.languages
DEFAULT = DATA.site.default_language
PAGES = sorted(p.name.removesuffix(".md") + ".html" for p in (ROOT / "docs" / DEFAULT).glob("*.md"))
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def _folder(lang: str) -> str:
    return "" if lang == DEFAULT else f"{lang}/"


def test_one_sitemap_lists_every_page_in_every_language_with_its_alternates(site):
    tree = etree.parse(str(site / "sitemap.xml"))
    urls = tree.xpath("/s:urlset/s:url", namespaces=NS)
    locs = [u.findtext("s:loc", namespaces=NS) for u in urls]
    expected = {urljoin(SITE_URL, _folder(lang) + name) for lang in LANGS for name in PAGES}
    assert sorted(locs) == sorted(expected)
    for url in urls:
        loc = url.findtext("s:loc", namespaces=NS)
        dt.date.fromisoformat(url.findtext("s:lastmod", namespaces=NS))
        name = loc.rsplit("/", 1)[1]
        alternates = {a.get("hreflang"): a.get("href") for a in url.xpath("x:link[@rel='alternate']", namespaces=NS)}
        want = {code: urljoin(SITE_URL, _folder(code) + name) for code in LANGS}
        want["x-default"] = urljoin(SITE_URL, name)
        assert alternates == want, loc
    # MkDocs' own per-language sitemaps (no alternates) are gone.
    assert [p.relative_to(site).as_posix() for p in site.rglob("sitemap.xml*")] == ["sitemap.xml"]


def test_robots_txt_points_at_the_sitemap(site):
    assert (site / "robots.txt").read_text(encoding="utf-8").splitlines() == [
        "User-agent: *",
        "Allow: /",
        f"Sitemap: {SITE_URL}sitemap.xml",
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_has_canonical_description_and_open_graph(site, lang):
    descriptions = set()
    for name in PAGES:
        doc = page(site / _folder(lang) / name)
        address = urljoin(SITE_URL, _folder(lang) + name)
        assert doc.xpath("//link[@rel='canonical']/@href") == [address], name
        description = doc.xpath("//meta[@name='description']/@content")
        assert len(description) == 1 and len(description[0]) > 40, name
        descriptions.add(description[0])
        og = {m.get("property"): m.get("content") for m in doc.xpath("//meta[starts-with(@property,'og:')]")}
        assert og["og:url"] == address
        assert og["og:title"] and og["og:description"] == description[0]
        assert og["og:locale"] == f"{lang}_{DATA.site.country}"
        image = og["og:image"]
        assert image == urljoin(SITE_URL, _folder(lang) + "posters/dont-take-that-photo.png")
        assert (site / image.removeprefix(SITE_URL)).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert og["og:image:alt"]
    assert len(descriptions) == len(PAGES), "two pages share a description"


def test_without_an_address_nothing_wrong_is_published(site_without_address):
    site = site_without_address
    assert not list(site.rglob("sitemap.xml*"))
    assert "Sitemap" not in (site / "robots.txt").read_text(encoding="utf-8")
    for lang in LANGS:
        for name in PAGES:
            doc = page(site / _folder(lang) / name)
            assert not doc.xpath("//link[@rel='canonical'] | //link[@hreflang]"), name
            assert not doc.xpath("//meta[@property='og:url' or @property='og:image']"), name
            assert doc.xpath("//meta[@property='og:title']/@content"), name
            assert doc.xpath("//meta[@name='description']/@content"), name


def test_a_page_without_description_is_described_by_its_first_paragraph_and_titles_are_escaped(project, tmp_path):
    about = project / "docs" / "en" / "about.md"
    text = about.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("description:")]
    lines = [('title: About "us" & <you>' if line.startswith("title:") else line) for line in lines]
    about.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "site"
    build_site(project, out, posters=False)
    doc = page(out / "about.html")
    first = "This site explains sextortion and what to do about it. It is for:"
    assert doc.xpath("//meta[@name='description']/@content") == [first]
    assert doc.xpath("//title/text()")[0].startswith('About "us" & <you>')
    assert doc.xpath("//meta[@property='og:title']/@content") == ['About "us" & <you>']
    assert not doc.xpath("//you"), "the title's markup reached the page as markup"


def test_long_first_paragraphs_are_cut_at_a_word_or_a_character():
    from sitegen.pages import summary

    words = "<p>" + " ".join(["sextortion"] * 40) + "</p>"
    cut = summary(words)
    assert len(cut) <= 160 and cut.endswith("sextortion…")
    chinese = "<div class='x'><p></p></div><p>" + "你不是一个人" * 60 + "</p>"
    assert summary(chinese) == ("你不是一个人" * 60)[:159] + "…"
