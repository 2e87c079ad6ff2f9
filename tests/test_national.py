"""A national-only site (`regions: none`): a single national police service, here a fictional
New Zealand one made with `sitegen new-site --regions none`. Its contacts page has no region
list and no region sections, each language has one handout (the country's), which every link
to a handout opens, and nothing says "no checked number for this region"."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import new_test_site, page
from sitegen.build import build_site
from sitegen.cli import main
from sitegen.urls import handout_path

SITE_URL = "https://help.example.org/nz/"
# Fictional contacts: 04 555 01xx and 0800 555 0xxx are of no real service.
NZ_CONTACTS = """
  - id: nz-example-police
    kind: police
    region: NZ
    name:
      en: Example Police non-emergency line
    phones:
      - number: "04 555 0123"
    source: https://example.org/police/contact
    source_kind: official
    checked: 2026-01-05
  - id: nz-example-helpline
    kind: helpline
    region: NZ
    name:
      en: Example Helpline
    phones:
      - number: "0800 555 0456"
    url: https://example.org/helpline
    source: https://example.org/helpline
    source_kind: official
    checked: 2026-01-05
"""
NO_ENTRY = re.compile(r"no checked (phone )?number", re.I)


def _new_site(folder: Path, *extra: str) -> int:
    return new_test_site(folder, *extra)


def _add_contacts(folder: Path, entries: str = NZ_CONTACTS) -> str:
    contacts = folder / "data" / "contacts.yml"
    text = contacts.read_text(encoding="utf-8").replace("contacts: []\n", "contacts:" + entries)
    contacts.write_text(text, encoding="utf-8")
    return text


def _set_regions(folder: Path, line: str) -> str:
    settings = folder / "data" / "site.yml"
    text = re.sub(r"^regions: .*$", line, settings.read_text(encoding="utf-8"), count=1, flags=re.M)
    settings.write_text(text, encoding="utf-8")
    return text


def _line_of(text: str, needle: str) -> int:
    return next(i for i, t in enumerate(text.splitlines(), 1) if needle in t)


def _html_files(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts]


@pytest.fixture(scope="module")
def nz_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("nz") / "nz-site"
    assert _new_site(folder, "--regions", "none") == 0
    _add_contacts(folder)
    assert main(["--root", str(folder), "check"]) == 0
    out = folder / "site"
    build_site(folder, out, site_url=SITE_URL)
    return out


def test_new_site_writes_regions_none(nz_site):
    settings = (nz_site.parent / "data" / "site.yml").read_text(encoding="utf-8")
    assert re.search(r"^regions: none\b", settings, re.M), settings


def test_contacts_page_has_no_region_list_only_the_national_services(nz_site):
    doc = page(nz_site / "get-help.html")
    contacts = doc.xpath("//div[contains(@class,'sg-contacts')]")[0]
    assert not contacts.xpath(".//nav[contains(@class,'sg-contacts__regions')]"), "a region picker is shown"
    assert not contacts.xpath(".//section[contains(@class,'sg-region')]"), "region sections are shown"
    assert not contacts.xpath(".//*[starts-with(@id,'region-')]")
    assert not contacts.xpath(".//*[@id='police-by-region']")
    text = " ".join(contacts.text_content().split())
    assert "In an emergency, call 111." in text
    assert contacts.xpath(".//a[@href='tel:111']")
    assert contacts.xpath(".//h2/text()") == ["National services"]
    shown = contacts.xpath(".//div[contains(@class,'sg-contact')]/@id")
    assert shown == ["contact-nz-example-police", "contact-nz-example-helpline"]


def test_one_handout_per_language_which_the_contacts_page_links(nz_site):
    assert handout_path("NZ") == "handout/nz.html"
    assert sorted(p.relative_to(nz_site).as_posix() for p in nz_site.rglob("handout/*.html")) == ["handout/nz.html"]
    links = page(nz_site / "get-help.html").xpath("//div[contains(@class,'sg-contacts')]//a[contains(@href,'handout')]")
    assert [(a.get("href"), a.text_content()) for a in links] == [("handout/nz.html", "One-page handout to print")]


def test_every_link_to_a_handout_opens_the_national_one(nz_site):
    seen = []
    for path in _html_files(nz_site):
        for href in page(path).xpath("//a/@href"):
            target = urlsplit(href).path
            if "handout/" in target:
                resolved = (path.parent / target).resolve()
                seen.append(resolved)
                assert resolved == (nz_site / "handout" / "nz.html").resolve(), f"{path}: {href}"
            assert "#region-" not in href, f"{path} links a region section: {href}"
    assert seen


def test_the_handout_carries_the_first_steps_and_the_national_contacts(nz_site):
    handout = page(nz_site / "handout" / "nz.html")
    assert handout.xpath("/html/@lang") == ["en"]
    assert "New Zealand" in handout.xpath("//title/text()")[0]
    main_ = handout.xpath("//main")[0]
    home_steps = page(nz_site / "index.html").xpath("//article//ol")[0]
    steps = main_.xpath(".//ol")
    assert steps and " ".join(steps[0].text_content().split()) == " ".join(home_steps.text_content().split())
    assert main_.xpath(".//p[contains(@class,'sg-handout__danger')]//a[@href='tel:111']")
    phones = main_.xpath(".//a[starts-with(@href,'tel:')]/@href")
    assert "tel:+6445550123" in phones and "tel:+648005550456" in phones
    # Every contact once, under the country's name; no heading with nothing under it.
    assert main_.xpath(".//h2/text()") == ["New Zealand"]
    assert main_.xpath(".//div[contains(@class,'sg-contact')]/@id") == [
        "contact-nz-example-police",
        "contact-nz-example-helpline",
    ]


def test_nothing_says_there_is_no_checked_number(nz_site):
    readable = [p for p in nz_site.rglob("*") if p.is_file() and p.suffix in {".html", ".json", ".js", ".vcf", ".xml"}]
    found = [str(p.relative_to(nz_site)) for p in readable if NO_ENTRY.search(p.read_text(encoding="utf-8"))]
    assert found == []


def test_sitemap_contacts_json_and_vcards_still_work(nz_site):
    sitemap = (nz_site / "sitemap.xml").read_text(encoding="utf-8")
    for rel in ("index.html", "get-help.html", "what-is-sextortion.html", "about.html"):
        assert f"<loc>{SITE_URL}{rel}</loc>" in sitemap
    exported = json.loads((nz_site / "contacts.json").read_text(encoding="utf-8"))
    assert exported["country"] == "NZ"
    assert [(c["id"], c["region"]) for c in exported["contacts"]] == [
        ("nz-example-police", "NZ"),
        ("nz-example-helpline", "NZ"),
    ]
    card = (nz_site / "contacts" / "nz-example-police.vcf").read_text(encoding="utf-8")
    assert "BEGIN:VCARD" in card and "+6445550123" in card


def test_a_national_site_with_no_contacts_yet_has_a_clean_handout(tmp_path):
    folder = tmp_path / "site"
    assert _new_site(folder, "--regions", "NZ") == 0  # the country's own code means the same as none
    assert re.search(r"^regions: none\b", (folder / "data" / "site.yml").read_text(encoding="utf-8"), re.M)
    out = folder / "site"
    build_site(folder, out)
    assert [p.name for p in (out / "handout").glob("*.html")] == ["nz.html"]
    handout = (out / "handout" / "nz.html").read_text(encoding="utf-8")
    assert not NO_ENTRY.search(handout)
    assert page(out / "handout" / "nz.html").xpath("//main//h2") == []
    doc = page(out / "get-help.html")
    assert not doc.xpath("//section[contains(@class,'sg-region')]")
    assert not NO_ENTRY.search(doc.text_content())


def test_a_region_contact_on_a_national_site_is_named_with_its_line(tmp_path, capsys):
    folder = tmp_path / "site"
    assert _new_site(folder, "--regions", "none") == 0
    text = _add_contacts(folder, NZ_CONTACTS.replace("region: NZ", "region: NZ-AUK", 1))
    capsys.readouterr()
    assert main(["--root", str(folder), "check"]) == 1
    line = _line_of(text, "NZ-AUK")
    err = capsys.readouterr().err
    assert f"data/contacts.yml:{line}: contacts[0].region: NZ-AUK is a region, but this site is national only" in err
    assert "write NZ for a service of the whole country" in err


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("regions: []", "an empty list serves no region at all"),
        ("regions: [NZ]", "'NZ' is the whole country"),
        ("regions: NZ", "'NZ' is the whole country"),
    ],
)
def test_regions_that_would_be_misread_say_to_write_none(tmp_path, capsys, written, said):
    folder = tmp_path / "site"
    assert _new_site(folder, "--regions", "none") == 0
    text = _set_regions(folder, written)
    capsys.readouterr()
    assert main(["--root", str(folder), "check"]) == 1
    err = capsys.readouterr().err
    assert f"data/site.yml:{_line_of(text, written)}: regions: {said}" in err, err
    assert "`regions: none`" in err


def test_regions_none_is_read_in_any_case(tmp_path):
    folder = tmp_path / "site"
    assert _new_site(folder, "--regions", "none") == 0
    _set_regions(folder, "regions: None")
    assert main(["--root", str(folder), "check"]) == 0
