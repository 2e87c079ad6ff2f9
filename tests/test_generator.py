"""A generator, not one site: `sitegen new-site` makes a fictional UK service's site (999,
English and Welsh, UK regions, its own colours) that builds with no Canadian text or number."""

from __future__ import annotations

import base64
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from coloraide import Color

from conftest import new_test_site, page
from sitegen import branding
from sitegen.build import build_site
from sitegen.cli import main
from sitegen.models import Branding

# Fictional contacts: 020 7946 0xxx is a London range Ofcom reserves for drama (never a real line).
UK_CONTACTS = """
  - id: gb-example-constabulary
    kind: police
    region: GB-WLS
    name:
      en: Example Constabulary
      cy: Heddlu Enghraifft
    phones:
      - number: "020 7946 0123"
    source: https://example.org/constabulary/contact
    source_kind: official
    checked: 2026-11-27
  - id: gb-example-helpline
    kind: helpline
    region: GB
    name:
      en: Example Helpline
    phones:
      - number: "+44 20 7946 0456"
    source: https://example.org/helpline
    source_kind: official
    checked: 2026-11-27
"""
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4" fill="#00594f"/></svg>'
CANADIAN = re.compile(
    r"canad|\b911\b|rcmp|province|territor|cybertip|kids help|686868|\+1[ -]\d{3}[ -]\d{3}|tel:\+1\d{10}"
    r"|\(\d{3}\) \d{3}-\d{4}",
    re.I,
)


def _new_site(folder: Path, *extra: str) -> int:
    return new_test_site(folder, *extra, country="GB", languages="en,cy")


@pytest.fixture(scope="module")
def uk_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("uk") / "uk-site"
    assert _new_site(folder, "--primary", "#00594f", "--accent", "#005ea5") == 0
    contacts = folder / "data" / "contacts.yml"
    contacts.write_text(contacts.read_text(encoding="utf-8").replace("contacts: []\n", "contacts:" + UK_CONTACTS))
    (folder / "data" / "branding").mkdir()
    (folder / "data" / "branding" / "logo.svg").write_text(LOGO, encoding="utf-8")
    settings = folder / "data" / "site.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("logo: material/shield-account", "logo: branding/logo.svg")
    )
    assert main(["--root", str(folder), "check"]) == 0
    out = folder / "site"
    build_site(folder, out)
    return out


def test_the_new_folder_holds_only_what_a_service_changes(uk_site):
    folder = uk_site.parent
    # .gitignore keeps what the build wrote (site/, its nginx snippet, its cache) out of the editors' git.
    expected = [".cache", ".gitignore", "data", "docs", "mkdocs.yml", "site", "site.nginx.conf"]
    assert sorted(p.name for p in folder.iterdir()) == expected
    for path in (folder / "data").glob("*.yml"):
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=schema/"), path
    welsh = (folder / "docs" / "cy" / "index.md").read_text(encoding="utf-8")
    assert "status: untranslated" in welsh


def test_emergency_number_phones_and_regions_are_the_uks(uk_site):
    for rel in ("index.html", "get-help.html", "cy/about.html"):
        crisis = page(uk_site / rel).xpath("//aside[contains(@class,'sg-crisis')]")[0]
        assert crisis.xpath(".//a[@href='tel:999']/text()") == ["999"], rel
    helpline = page(uk_site / "get-help.html").xpath("//div[@id='contact-gb-example-helpline']//a[@href]")
    # Shown as the editor wrote it (as the service writes it), dialled in E.164.
    assert ("tel:+442079460456", "+44 20 7946 0456") in [(a.get("href"), a.text_content()) for a in helpline]
    regions = page(uk_site / "get-help.html").xpath("//section[starts-with(@id,'region-')]//h3/text()")
    assert sorted(regions) == ["England", "Northern Ireland", "Scotland", "Wales"]
    assert sorted(p.name for p in (uk_site / "handout").glob("*.html")) == [
        "gb-eng.html",
        "gb-nir.html",
        "gb-sct.html",
        "gb-wls.html",
    ]


def test_languages_are_english_and_welsh(uk_site):
    welsh = page(uk_site / "cy" / "index.html")
    assert welsh.xpath("/html/@lang") == ["cy"] and welsh.xpath("/html/@dir") == ["ltr"]
    switch = page(uk_site / "index.html").xpath("//nav[contains(@class,'sg-langs')]//a")
    assert [a.get("hreflang") for a in switch] == ["cy"]
    assert "Cymraeg" in switch[0].text_content()
    assert welsh.xpath("//*[contains(@class,'sg-fallback')]"), "the untranslated Welsh page has no notice"


def test_colours_and_logo_come_from_the_settings(uk_site):
    css = (uk_site / "assets" / "sitegen.css").read_text(encoding="utf-8")
    assert "--md-primary-fg-color: #00594f;" in css and "--md-typeset-a-color: #005ea5;" in css
    for rel in ("", "cy/"):
        assert (uk_site / f"{rel}assets/images/favicon.svg").read_text(encoding="utf-8") == LOGO
        assert (uk_site / f"{rel}assets/images/logo.svg").read_text(encoding="utf-8") == LOGO
        header = page(uk_site / f"{rel}index.html").xpath("//a[contains(@class,'md-logo')]//img/@src")
        assert header and header[0] == "assets/images/logo.svg", rel
        # A small favicon is written into the page: no request for it.
        (icon,) = page(uk_site / f"{rel}index.html").xpath("//link[@rel='icon']/@href")
        assert unquote(icon.removeprefix("data:image/svg+xml,")) == LOGO.replace('"', "'"), icon
    assert "--sg-brand: #00594f;" in (uk_site / "assets" / "sitegen-handout.css").read_text(encoding="utf-8")


def test_no_canadian_text_or_number_anywhere_in_the_output(uk_site):
    found = []
    for path in uk_site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".css", ".js", ".json", ".xml", ".txt", ".vcf", ""}:
            for m in CANADIAN.finditer(path.read_text(encoding="utf-8", errors="replace")):
                found.append(f"{path.relative_to(uk_site)}: {m.group(0)!r}")
    assert found == []


@pytest.mark.parametrize(
    ("option", "colour", "field", "against"),
    [("--primary", "#6fa8ff", "branding.primary", "#ffffff"), ("--accent", "#7fb2e5", "branding.accent", "#ffffff")],
)
def test_a_palette_that_fails_contrast_stops_with_the_ratio_and_a_passing_shade(
    tmp_path, capsys, option, colour, field, against
):
    folder = tmp_path / "site"
    assert _new_site(folder, option, colour) == 1
    err = capsys.readouterr().err
    line = next(
        i
        for i, text in enumerate((folder / "data" / "site.yml").read_text(encoding="utf-8").splitlines(), 1)
        if colour in text
    )
    m = re.search(rf"data/site.yml:{line}: {field}: .* a contrast of (\d\.\d\d):1; WCAG AA needs 4.5:1\. "
                  r"The nearest passing shade is (#[0-9a-f]{6})\.", err)  # fmt: skip
    assert m, err
    assert float(m.group(1)) == pytest.approx(Color(colour).contrast(against, method="wcag21"), abs=0.01)
    shade = m.group(2)
    assert Color(shade).contrast(against, method="wcag21") >= 4.5
    # The suggestion is near: the same hue, a little darker.
    assert Color(shade).delta_e(colour, method="2000") < 25
    # ...and with it the site builds.
    settings = folder / "data" / "site.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(colour, shade), encoding="utf-8")
    assert main(["--root", str(folder), "check"]) == 0


def test_an_icon_logo_becomes_a_favicon_in_the_primary_colour(tmp_path):
    folder = tmp_path / "site"
    assert _new_site(folder, "--primary", "#00594f") == 0
    out = folder / "site"
    build_site(folder, out)
    assert (out / "assets" / "images" / "favicon.svg").read_text(encoding="utf-8").startswith('<svg fill="#00594f"')
    assert page(out / "index.html").xpath("//a[contains(@class,'md-logo')]//svg")
    handout = next((out / "handout").glob("*.html"))
    for path in (out / "index.html", handout):
        (icon,) = page(path).xpath("//link[@rel='icon']/@href")
        assert unquote(icon).startswith("data:image/svg+xml,<svg fill='#00594f'"), (path, icon)


def test_a_large_logo_file_stays_a_file_for_the_favicon(tmp_path):
    """Only a small favicon goes into every page; a large one is fetched once and cached."""
    data = tmp_path / "data"
    (data / "branding").mkdir(parents=True)
    small, large = b"\x89PNG\r\n\x1a\n" + bytes(100), b"\x89PNG\r\n\x1a\n" + bytes(4000)
    for name, content in (("small", small), ("large", large)):
        (data / "branding" / f"{name}.png").write_bytes(content)
    small_href = branding.favicon_href(Branding.model_construct(logo="branding/small.png"), data)
    assert small_href.startswith("data:image/png;base64,") and base64.b64decode(small_href.split(",", 1)[1]) == small
    large_href = branding.favicon_href(Branding.model_construct(logo="branding/large.png"), data)
    assert large_href == "assets/images/favicon.png"


def test_a_logo_svg_keeps_its_quotes_and_its_bytes_in_the_favicon_address(tmp_path):
    """An SVG that already uses single quotes inside double ones, and one not in UTF-8, come
    back byte for byte from the page's data: address."""
    data = tmp_path / "data"
    (data / "branding").mkdir(parents=True)
    quoted = '<svg xmlns="http://www.w3.org/2000/svg"><text font-family="\'Noto Sans\'">&amp;</text></svg>'
    latin1 = (
        '<?xml version="1.0" encoding="iso-8859-1"?><svg xmlns="http://www.w3.org/2000/svg"><desc>\xe9</desc></svg>'
    )
    (data / "branding" / "quoted.svg").write_text(quoted, encoding="utf-8")
    (data / "branding" / "latin1.svg").write_bytes(latin1.encode("iso-8859-1"))
    href = branding.favicon_href(Branding.model_construct(logo="branding/quoted.svg"), data)
    assert unquote(href.removeprefix("data:image/svg+xml,")) == quoted
    assert not set(href) & set('"<>& #'), href  # nothing an attribute or a URL must escape
    href = branding.favicon_href(Branding.model_construct(logo="branding/latin1.svg"), data)
    assert base64.b64decode(href.removeprefix("data:image/svg+xml;base64,")) == latin1.encode("iso-8859-1")


def test_a_missing_logo_file_is_named(tmp_path, capsys):
    folder = tmp_path / "site"
    assert _new_site(folder) == 0
    settings = folder / "data" / "site.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("logo: material/shield-account", "logo: branding/ours.png")
    )
    capsys.readouterr()
    assert main(["--root", str(folder), "check"]) == 1
    assert "branding.logo: there is no file data/branding/ours.png" in capsys.readouterr().err


def test_region_words_are_generic_in_every_shipped_language(tmp_path):
    folder = tmp_path / "site"
    assert _new_site(folder, "--languages", "fr,en,zh") == 0
    for lang in ("fr", "en", "zh"):
        strings = (folder / "data" / "strings" / f"{lang}.yml").read_text(encoding="utf-8")
        assert not re.search(r"provinc|territ|省", strings, re.I), lang


def test_a_service_for_part_of_a_country_lists_only_its_regions(tmp_path, capsys):
    folder = tmp_path / "site"
    assert _new_site(folder, "--regions", "gb-wls") == 0
    assert "regions: [GB-WLS]" in (folder / "data" / "site.yml").read_text(encoding="utf-8")
    out = folder / "site"
    build_site(folder, out)
    assert page(out / "get-help.html").xpath("//section[starts-with(@id,'region-')]//h3/text()") == ["Wales"]
    assert [p.name for p in (out / "handout").glob("*.html")] == ["gb-wls.html"]
    # A contact for a region the site does not serve is named, with its line.
    contacts = folder / "data" / "contacts.yml"
    contacts.write_text(contacts.read_text(encoding="utf-8").replace("contacts: []\n", "contacts:" + UK_CONTACTS))
    text = contacts.read_text(encoding="utf-8").replace("region: GB-WLS", "region: GB-SCT", 1)
    contacts.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(["--root", str(folder), "check"]) == 1
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "GB-SCT" in t)
    assert f"data/contacts.yml:{line}: contacts[0].region: GB-SCT is not one of the site's regions" in (
        capsys.readouterr().err
    )
    # And a region that is not the country's is refused in site.yml.
    assert _new_site(tmp_path / "other", "--regions", "CA-ON") == 1
    assert "'CA-ON' is not a region of GB" in capsys.readouterr().err
