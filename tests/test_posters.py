"""Posters (a one-page PDF and a PNG per language, every glyph present, the help and the address on
each, the page filled and nothing cut off). Handouts are in test_handouts.py."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import subprocess
import sys
import unicodedata
from collections import Counter
from html import unescape as html_unescape

import pytest
import zxingcpp
from fontTools.ttLib import TTCollection, TTFont
from PIL import Image
from pypdf import PdfReader

from conftest import ROOT, SITE_URL, copy_project, page
from sitegen.cli import main
from sitegen.data import load_site_data
from sitegen.posters import (
    CACHE,
    Drawing,
    Drawn,
    PosterCache,
    address_warning,
    help_lines,
    posters,
    shown_address,
)
from sitegen.precompress import CACHE as GZIP_CACHE

DATA = load_site_data(ROOT)
LANGS = DATA.site.languages
GRAPHIC = DATA.infographics[0]
A4 = (595.3, 841.9)  # points
MM = 72 / 25.4  # points in a millimetre
SAFE = 10 * MM  # most printers cannot print nearer the sheet's edge than this
FILLED = 0.8  # the lowest words sit below this share of the height: no blank bottom third


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


def _pdf(site, lang):
    return _folder(site, lang) / "posters" / f"{GRAPHIC.id}.pdf"


def _pdf_text(pdf) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def _words(pdf) -> tuple[float, float, list[tuple[str, float, float]]]:
    """The page's size and each word's left and right edge (points from the left), as pdftotext
    places them from the glyphs' widths: where a printer would print it."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    width, height = (float(x) for x in re.search(r'<page width="([\d.]+)" height="([\d.]+)"', out).groups())
    words = [
        (html_unescape(w), float(a), float(b))
        for a, b, w in re.findall(
            r'<word xMin="([\d.-]+)" yMin="[\d.-]+" xMax="([\d.-]+)" yMax="[\d.-]+">([^<]*)</word>', out
        )
    ]
    return width, height, words


def _lines(pdf) -> list[tuple[str, float, float]]:
    """Each run of text's top and bottom (points from the top): its baseline and its size, from the
    PDF's own text operators. (pdftotext's word boxes are as tall as a font's whole bounding box,
    which for Chinese is two and a half times the type's size, far beyond any glyph.)"""
    page = PdfReader(pdf).pages[0]
    height = float(page.mediabox.height)
    runs = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            baseline = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            em = size * abs(tm[3] * cm[3])
            runs.append((text, height - baseline - em, height - baseline + 0.3 * em))  # 0.3 em: descenders

    page.extract_text(visitor_text=visit)
    return runs


@pytest.mark.parametrize("lang", LANGS)
def test_poster_pdf_keeps_every_word_inside_the_margins_and_fills_the_page(site, lang):
    """Gurmukhi and Arabic (right to left) were cut off at an edge once, and a third of every sheet
    was left blank: all the text must sit 10 mm inside the sheet, and reach down to its last fifth."""
    pdf = _pdf(site, lang)
    width, height, words = _words(pdf)
    assert len(words) > 50, "the poster's text could not be read"
    outside = [w for w in words if w[1] < SAFE or w[2] > width - SAFE]
    assert not outside, outside[:5]
    lines = _lines(pdf)
    outside = [x for x in lines if x[1] < SAFE or x[2] > height - SAFE]
    assert not outside, outside[:5]
    lowest = max(x[2] for x in lines)
    assert lowest > FILLED * height, f"the last words end {lowest / height:.0%} down the page"


@pytest.mark.parametrize("lang", LANGS)
def test_poster_png_is_not_cut_off_and_is_filled(site, lang):
    """The shared image: nothing drawn touches its edges (nothing cut off, nothing shifted off the
    left edge in Arabic), and the content reaches its last fifth."""
    image = Image.open(_folder(site, lang) / "posters" / f"{GRAPHIC.id}.png").convert("L")
    w, h = image.size
    dark = image.point(lambda v: 255 if v < 200 else 0)  # ink: text, borders, the QR code
    edges = [dark.crop(box).getbbox() for box in ((0, 0, w, 4), (0, h - 4, w, h), (0, 0, 4, h), (w - 4, 0, w, h))]
    assert edges == [None] * 4, "something is drawn on the image's edge (cut off)"
    _, _, _, bottom = dark.getbbox()
    assert bottom > FILLED * h, f"the content ends {bottom / h:.0%} down the image"


def _has(flat: str, text: str, lang: str) -> bool:
    if lang == "ar":
        # Arabic ligatures come back from a PDF with their letters reordered: compare the letters.
        return not Counter(_norm(text)) - Counter(flat)
    return _norm(text) in flat


@pytest.mark.parametrize("lang", LANGS)
def test_poster_carries_the_address_the_emergency_rule_and_the_lines_to_call(site, lang):
    """A poster on a wall is all its reader has: the site's address to type, 911 and where it does
    not work (Nunavut), Kids Help Phone to call or text, 9-8-8, and Cybertip.ca to report to."""
    text = _pdf_text(_pdf(site, lang))
    flat = _norm(text)
    prefix = "" if lang == DATA.site.default_language else f"{lang}/"
    assert shown_address(SITE_URL + prefix) in text  # help.example.org/sextortion/fr/
    assert _has(flat, DATA.site.emergency.phone.dial.display, lang)
    for notice in DATA.site.emergency.notices:
        assert _has(flat, notice.text.get(lang, notice.text["en"]), lang), notice.region
    crisis, report = help_lines(DATA)
    ids = [c.id for c in crisis + report]
    assert {"ca-kids-help-phone", "ca-kids-help-phone-text", "ca-988", "ca-cybertip"} <= set(ids)
    for contact in crisis + report:
        for phone in contact.phones:
            assert phone.dial.display in text, (contact.id, phone.dial.display)
            if phone.keyword:
                assert phone.keyword in text, contact.id  # text CONNECT to 686868
    assert "1-800-668-6868" in text and "cybertip.ca" in text.lower() and "911" in text


def test_without_an_address_posters_still_carry_the_help_but_no_qr_code(site_without_address):
    """No address known: no QR code pointing nowhere, no half address; the help is all there."""
    folder = site_without_address / "posters"
    assert zxingcpp.read_barcodes(Image.open(folder / f"{GRAPHIC.id}.png")) == []
    text = _pdf_text(folder / f"{GRAPHIC.id}.pdf")
    assert "example" not in text and "http" not in text
    assert "911" in text and "Nunavut" in text and "1-800-668-6868" in text


def test_the_address_warning_says_what_is_missing_and_how_to_fix_it():
    warning = address_warning(None)
    assert "posters" in warning and "handouts" in warning and "QR code" in warning
    assert "site_url" in warning and "data/site.yml" in warning and "--site-url" in warning
    assert address_warning(SITE_URL) is None


def test_building_without_an_address_warns_once_on_stderr(project, tmp_path, capsys):
    """A deployer who has not set the address is told, once, before printing a single poster."""
    site_yml = (project / "data" / "site.yml").read_text(encoding="utf-8")
    assert "\nsite_url:" not in site_yml  # the shipped settings leave it out
    assert main(["--root", str(project), "build", "--no-posters", "--out", str(tmp_path / "site")]) == 0
    captured = capsys.readouterr()
    assert captured.err.count("Warning:") == 1, captured.err
    assert "--site-url" in captured.err and "site_url" in captured.err and "QR code" in captured.err
    assert "Warning" not in captured.out


def test_poster_template_types_no_phone_number():
    """Every number comes from the data (checked, with a source): none is typed into the poster."""
    template = (ROOT / "overrides" / "components" / "poster" / "poster.html").read_text(encoding="utf-8")
    assert not re.search(r"\d{3}", template)


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


# ---------------------------------------------------------------- the posters' cache

_EPOCH = "1700000000"  # the PDFs' date, so a poster drawn again is the same file


def _poster_files(site) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("posters/*.*"))}


def _entries(project) -> dict[str, tuple[int, int]]:
    """The cache's entries, each with what writing it again would change (its inode and time)."""
    folder = project / CACHE
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.glob(f"*{PosterCache.SUFFIX}")}


def _build(project, out, *extra: str) -> str:
    """`sitegen build` as a user runs it (`extra`: more of its options); returns what it printed."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert main(["--root", str(project), "build", "--site-url", SITE_URL, "--out", str(out), *extra]) == 0
    return printed.getvalue()


@pytest.fixture(scope="module")
def cached(tmp_path_factory):
    """A copy of the project built once with an empty cache: the project (its cache now full),
    the site and what the build printed."""
    project = copy_project(tmp_path_factory.mktemp("cached") / "project")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SOURCE_DATE_EPOCH", _EPOCH)
        printed = _build(project, project.parent / "site")
    return project, project.parent / "site", printed


def _draw(project, out) -> Drawn:
    """The posters alone, as the build draws them (the pages are not the cache's business)."""
    with Drawing(project / CACHE) as drawing:
        drawing.draw(load_site_data(project), out, SITE_URL)
        return drawing.result()


def test_a_second_build_takes_every_poster_from_the_cache_without_starting_chromium(cached, tmp_path, monkeypatch):
    """The second build publishes the very same PDFs and PNGs, says it drew none, and succeeds
    where Chromium cannot even be started (Playwright's driver is pointed at nothing)."""
    project, first, printed = cached
    count = len(LANGS) * len(DATA.infographics)
    assert f"Posters: {count} drawn in Chromium, 0 from the cache." in printed
    entries = _entries(project)
    assert len(entries) == count
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _EPOCH)
    monkeypatch.setenv("PLAYWRIGHT_NODEJS_PATH", str(tmp_path / "no-node"))
    printed = _build(project, tmp_path / "site")
    assert f"Posters: 0 drawn in Chromium, {count} from the cache." in printed
    assert _poster_files(tmp_path / "site") == _poster_files(first)
    assert _entries(project) == entries  # none written again
    # The driver pointed at nothing does stop Chromium from starting (else this proves nothing).
    start = "from playwright.sync_api import sync_playwright; sync_playwright().start()"
    done = subprocess.run([sys.executable, "-c", start], capture_output=True, text=True, check=False)
    assert done.returncode != 0 and "no-node" in done.stderr


def test_no_cache_draws_every_poster_again_and_keeps_none(cached, tmp_path, monkeypatch):
    """`sitegen build --no-cache` draws them all in Chromium, the same files as before, and
    compresses every gzip copy again: it leaves the cache as it was."""
    project, first, _ = cached
    count = len(LANGS) * len(DATA.infographics)
    entries = _entries(project)
    copies = {p.name: p.stat().st_mtime_ns for p in (project / GZIP_CACHE).iterdir()}
    assert copies  # the first build kept its gzip copies
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _EPOCH)
    printed = _build(project, tmp_path / "site", "--no-cache")
    assert f"Posters: {count} drawn in Chromium, 0 from the cache." in printed
    assert _poster_files(tmp_path / "site") == _poster_files(first)
    assert _entries(project) == entries
    assert {p.name: p.stat().st_mtime_ns for p in (project / GZIP_CACHE).iterdir()} == copies
    assert (tmp_path / "site" / "index.html.gz").read_bytes() == (first / "index.html.gz").read_bytes()


def test_changed_words_draw_that_poster_again_and_no_other(cached, project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _EPOCH)
    old_project, first, _ = cached
    shutil.copytree(old_project / CACHE, project / CACHE)
    data = project / "data" / "infographics.yml"
    text = data.read_text(encoding="utf-8")
    words = "en: Once a nude photo or video is sent, you can't control where it goes."
    assert text.count(words) == 1
    data.write_text(text.replace(words, words.replace("can't", "cannot")), encoding="utf-8")
    drawn = _draw(project, tmp_path / "site")
    assert (drawn.drawn, drawn.cached) == (1, len(LANGS) * len(DATA.infographics) - 1)
    old, new = _poster_files(first), _poster_files(tmp_path / "site")
    changed = {name for name in old if old[name] != new[name]}
    assert changed == {f"posters/{GRAPHIC.id}.pdf", f"posters/{GRAPHIC.id}.png"}  # English, at the root
    assert "cannot" in _pdf_text(tmp_path / "site" / "posters" / f"{GRAPHIC.id}.pdf")
    # The old English poster stays in the cache beside the new one (changing the words back is free).
    assert set(_entries(old_project)) < set(_entries(project))


def test_a_damaged_cache_entry_is_drawn_again_not_published(cached, project, tmp_path, monkeypatch):
    """A truncated entry (an interrupted copy) and one with a byte changed (a bad disk) are drawn
    again: the site gets the posters as first drawn, and the cache its entries whole again."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _EPOCH)
    old_project, first, _ = cached
    shutil.copytree(old_project / CACHE, project / CACHE)
    cache = PosterCache.open(project / CACHE)
    data = load_site_data(project)
    keys = {(p.lang, p.infographic): cache.key(p.html) for p in posters(data, SITE_URL)}
    truncated = project / CACHE / (keys["en", GRAPHIC.id] + PosterCache.SUFFIX)
    truncated.write_bytes(truncated.read_bytes()[:-1000])
    changed = project / CACHE / (keys["ar", GRAPHIC.id] + PosterCache.SUFFIX)
    blob = bytearray(changed.read_bytes())
    blob[-5000] ^= 0xFF  # in the PNG's image data
    changed.write_bytes(bytes(blob))
    drawn = _draw(project, tmp_path / "site")
    assert (drawn.drawn, drawn.cached) == (2, len(LANGS) * len(DATA.infographics) - 2)
    assert _poster_files(tmp_path / "site") == _poster_files(first)
    assert cache.get(keys["en", GRAPHIC.id]) is not None and cache.get(keys["ar", GRAPHIC.id]) is not None
