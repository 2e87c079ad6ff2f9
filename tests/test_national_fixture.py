"""A second whole site, national only (tests/fixtures/national-site): English as a regional
variant (en-NZ) plus te reo Māori, which the theme has no words for; a short non-emergency
number the phone library does not know (105, with its source), a call-or-text line (1737), no
regions. It passes `sitegen check`, builds, its pages pass the Nu HTML checker and axe, and
`sitegen serve` recovers from a bad save in both languages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from browser_checks import axe_violations, nu_html_errors
from conftest import serve_folder
from sitegen.build import build_site
from sitegen.cli import main
from test_serve import _replace, _serve, _wait_for

FIXTURE = Path(__file__).parent / "fixtures" / "national-site"


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = shutil.copytree(FIXTURE, tmp_path_factory.mktemp("national") / "site-source")
    # No published address: served from a folder's root, the 404 pages then find their styles.
    build_site(root, root / "site", posters=False)
    return root


def test_check_passes_and_lists_the_short_number_with_its_source(capsys):
    assert main(["--root", str(FIXTURE), "check"]) == 0
    said = capsys.readouterr().out
    assert "nz-police-105: 105" in said and "https://www.police.govt.nz/contact-us/call-105" in said


def test_pages_are_national_in_the_regional_variant(national):
    site = national / "site"
    help_page = (site / "get-help.html").read_text(encoding="utf-8")
    assert '<html dir="ltr" lang="en-NZ"' in help_page or 'lang="en-NZ"' in help_page.split("<head>")[0]
    assert "sg-contacts__regions" not in help_page and "region-nz-" not in help_page
    assert 'href="tel:105"' in help_page
    # 1737: one "call or text" line, in the crisis bar too, never the name twice.
    home = (site / "index.html").read_text(encoding="utf-8")
    crisis = home[home.index('class="sg-crisis"') : home.index("</aside>")]
    assert 'href="tel:1737"' in crisis and 'href="sms:1737"' in crisis
    assert crisis.count("Need to talk?") == 1
    assert sorted(p.name for p in (site / "handout").glob("*.html")) == ["nz.html"]
    assert sorted(p.name for p in (site / "mi" / "handout").glob("*.html")) == ["nz.html"]
    assert 'lang="mi"' in (site / "mi" / "index.html").read_text(encoding="utf-8").split("<head>")[0]


def test_every_page_passes_the_nu_html_checker(national):
    pages = sorted((national / "site").rglob("*.html"))
    assert len(pages) >= 12  # 4 pages, a handout and a 404 in each of the two languages
    assert nu_html_errors(pages) == []


def test_every_page_passes_axe_at_phone_width(browser, national):
    pages = [p.relative_to(national / "site").as_posix() for p in (national / "site").rglob("*.html")]
    found = []
    with serve_folder(national / "site") as url:
        tab = browser.new_page(viewport={"width": 390, "height": 844})
        try:
            for name in sorted(pages):
                tab.goto(url + name)
                found += [f"{name}: {v}" for v in axe_violations(tab)]
        finally:
            tab.close()
    assert found == []


@pytest.mark.parametrize("lang", ["en-NZ", "mi"])
def test_serve_recovers_after_a_bad_then_a_good_save(tmp_path, lang):
    root = shutil.copytree(FIXTURE, tmp_path / "site-source")
    contacts = root / "data" / "contacts.yml"
    with _serve(root, lang) as preview:
        page = preview.url + "get-help.html"
        _wait_for(page, 'href="tel:105"')
        _replace(contacts, 'number: "105"', 'number: "10"')  # a short number nobody has
        printed = preview.wait_for_output("the preview updates when you save a fix")
        assert "data/contacts.yml:" in printed and "phones[0].number" in printed, printed
        _wait_for(page, "The preview was not updated")
        _replace(contacts, 'number: "10"', 'number: "105"')
        _replace(contacts, "New Zealand Police, non-emergency", "New Zealand Police, when it is not an emergency")
        _wait_for(page, "when it is not an emergency", absent="The preview was not updated")
