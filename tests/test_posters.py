"""Posters (a one-page PDF and a PNG per language, every glyph present) and one-page handouts."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from collections import Counter

import pytest
import zxingcpp
from fontTools.ttLib import TTCollection, TTFont
from PIL import Image
from pypdf import PdfReader

from conftest import ROOT, SITE_URL, page
from sitegen.data import load_site_data

DATA = load_site_data(ROOT)
LANGS = DATA.site.languages
GRAPHIC = DATA.infographics[0]
A4 = (595.3, 841.9)  # points


def _folder(site, lang):
    return site if lang == DATA.site.default_language else site / lang


def _texts(lang: str) -> list[str]:
    def t(value):
        return value.get(lang, value[DATA.site.default_language])

    return [t(GRAPHIC.title), t(GRAPHIC.call_to_action)] + [t(x) for s in GRAPHIC.steps for x in (s.title, s.text)]


def _norm(text: str) -> str:
    """Compare as a reader would: no spacing, no compatibility forms, no vowel marks' order."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Mn")


@pytest.mark.parametrize("lang", LANGS)
def test_poster_pdf_is_one_a4_page_whose_text_matches_the_data(site, lang):
    pdf = _folder(site, lang) / "posters" / f"{GRAPHIC.id}.pdf"
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - A4[0]) < 2 and abs(float(box.height) - A4[1]) < 2
    extracted = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "\ufffd" not in extracted and "\x00" not in extracted
    flat = _norm(extracted)
    for text in _texts(lang):
        if lang == "ar":
            # Arabic ligatures come back from a PDF with their letters reordered: compare the letters.
            assert not Counter(_norm(text)) - Counter(flat), text
        else:
            assert _norm(text) in flat, text


def _font_files() -> list[str]:
    css = (ROOT / "overrides" / "components" / "poster" / "print.css").read_text(encoding="utf-8")
    families = re.findall(r'"(Noto [^"]+)"', css)
    files = []
    for family in families:
        out = subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True, text=True, check=True).stdout
        assert "Noto" in out, f"{family} is not installed (scripts/setup.sh installs it)"
        files.append(out)
    return files


def test_poster_fonts_have_a_glyph_for_every_character_of_every_language():
    covered: set[int] = set()
    for path in _font_files():
        fonts = TTCollection(path).fonts if path.endswith(".ttc") else [TTFont(path)]
        for font in fonts:
            covered |= set(font.getBestCmap())
    for lang in LANGS:
        for text in _texts(lang) + [DATA.site.site_name.get(lang, "")]:
            missing = {c for c in text if not c.isspace() and ord(c) not in covered}
            assert not missing, (lang, missing)


@pytest.mark.parametrize("lang", LANGS)
def test_poster_png_carries_a_qr_code_to_the_infographic_page(site, lang):
    png = _folder(site, lang) / "posters" / f"{GRAPHIC.id}.png"
    image = Image.open(png)
    assert image.size == (1080, 1350)
    codes = [c.text for c in zxingcpp.read_barcodes(image)]
    prefix = "" if lang == DATA.site.default_language else f"{lang}/"
    assert codes == [f"{SITE_URL}{prefix}infographic.html"]


@pytest.mark.parametrize("lang", ["en", "pa"])
def test_infographic_page_links_its_posters(site, lang):
    doc = page(_folder(site, lang) / "infographic.html")
    links = doc.xpath("//p[contains(@class,'sg-infographic__download')]/a/@href")
    assert links == [f"posters/{GRAPHIC.id}.pdf", f"posters/{GRAPHIC.id}.png"]


def test_every_handout_fits_one_a4_and_one_letter_sheet(browser, site, tmp_path):
    """Each language x region handout: the home page's steps, then that region's contacts."""
    from sitegen.regions import subdivisions

    tab = browser.new_page()
    try:
        for lang in LANGS:
            home_steps = page(_folder(site, lang) / "index.html").xpath("//article//ol")[0].text_content()
            for region in subdivisions(DATA.site.country):
                handout = _folder(site, lang) / "handout" / f"{region.lower()}.html"
                doc = page(handout)
                assert " ".join(doc.xpath("//ol")[0].text_content().split()) == " ".join(home_steps.split())
                regional = {c.id for c in DATA.contacts if c.region == region}
                shown = {d.get("id").removeprefix("contact-") for d in doc.xpath("//div[@id]")}
                assert regional <= shown, (lang, region)
                tab.goto(handout.as_uri())
                for sheet in ("A4", "Letter"):
                    pdf = tmp_path / "handout.pdf"
                    tab.pdf(path=str(pdf), format=sheet)
                    assert len(PdfReader(pdf).pages) == 1, (lang, region, sheet)
    finally:
        tab.close()


def test_each_region_links_its_handout(site):
    doc = page(site / "get-help.html")
    for section in doc.xpath("//section[contains(@class,'sg-region')]"):
        code = section.get("id").removeprefix("region-")
        assert section.xpath(f".//a[@href='handout/{code}.html']"), code
