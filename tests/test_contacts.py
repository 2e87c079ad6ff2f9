"""Contacts to take away: vCards, contacts.json with its schema, the region finder, freshness."""

from __future__ import annotations

import json

import jsonschema
import phonenumbers
import pytest
import vobject

from conftest import ROOT, page
from sitegen.cli import main
from sitegen.data import load_site_data

DATA = load_site_data(ROOT)


def test_contacts_json_validates_against_its_published_schema(site):
    body = json.loads((site / "contacts.json").read_text(encoding="utf-8"))
    schema = json.loads((site / body["$schema"]).read_text(encoding="utf-8"))
    jsonschema.validate(body, schema)
    assert body["version"] == 1 and schema["$id"] == body["$schema"]
    assert {c["id"] for c in body["contacts"]} == {c.id for c in DATA.contacts}
    for contact in body["contacts"]:
        assert contact["source"].startswith(("http://", "https://")) and contact["checked"]
        for phone in contact["phones"]:
            if phone["type"] == "phone" and not phone["sms"]:
                parsed = phonenumbers.parse(phone["uri"].removeprefix("tel:"))
                assert phonenumbers.is_valid_number(parsed)
                assert phone["uri"] == "tel:" + phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_every_contact_with_a_phone_has_a_vcard_that_parses(site, lang):
    folder = site if lang == "en" else site / lang
    doc = page(folder / "get-help.html")
    links = doc.xpath("//a[@download][contains(@href,'.vcf')]")
    assert {a.get("href") for a in links} == {f"contacts/{c.id}.vcf" for c in DATA.contacts if c.phones}
    for contact in DATA.contacts:
        if not contact.phones:
            continue
        card = vobject.readOne((folder / "contacts" / f"{contact.id}.vcf").read_text(encoding="utf-8"))
        assert card.fn.value == contact.name.get(lang, contact.name["en"])
        numbers = [t.value for t in card.contents["tel"]]
        assert len(numbers) == len(contact.phones)
        for tel, phone in zip(numbers, contact.phones, strict=True):
            if phone.type == "phone":
                assert phonenumbers.is_valid_number(phonenumbers.parse(tel))
            else:
                assert tel == phone.number.replace("-", "")


@pytest.mark.parametrize("javascript", [False, True])
def test_one_region_picker_whose_links_land_on_a_visible_section(browser, site_server, javascript):
    """Every link to a region (the picker's, the crisis bar's Nunavut rule) shows its section,
    with or without JavaScript, and the page has a single picker."""
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": 390, "height": 844})
    tab = context.new_page()
    try:
        tab.goto(site_server + "fr/get-help.html")
        assert tab.locator("select, [data-sg-finder]").count() == 0
        assert tab.locator(".sg-contacts__regions").count() == 1
        tab.locator(".sg-contacts__regions a[href='#region-ca-mb']").click()
        assert tab.evaluate("() => location.hash") == "#region-ca-mb"
        assert tab.locator("#region-ca-mb a[href='tel:+12049866222']").is_visible()
        tab.locator(".sg-crisis a[href$='#region-ca-nu']").click()
        nunavut = tab.locator("#region-ca-nu")
        assert nunavut.is_visible() and nunavut.locator("h3").is_visible()
        # Nothing was hidden on the way: every region is still on the page.
        assert all(tab.locator("section.sg-region").nth(i).is_visible() for i in range(13))
    finally:
        context.close()


def test_check_lists_contacts_due_a_recheck(project, capsys):
    assert main(["--root", str(project), "check"]) == 0
    assert "Every contact was checked in the last 365 days" in capsys.readouterr().out
    assert main(["--root", str(project), "check", "--today", "2028-01-01"]) == 0
    out = capsys.readouterr().out
    assert "contact(s) not checked in the last 365 days" in out and "ca-cybertip: checked 2026-11-27" in out
    assert main(["--root", str(project), "check", "--today", "2028-01-01", "--fail-stale"]) == 1
    assert main(["--root", str(project), "check", "--today", "2027-01-01", "--max-age-days", "30", "--fail-stale"]) == 1
    assert (
        main(["--root", str(project), "check", "--today", "2027-01-01", "--max-age-days", "400", "--fail-stale"]) == 0
    )


def test_languages_a_service_answers_in_are_named_in_the_page_language(project, tmp_path):
    from sitegen.build import build_site

    contacts = project / "data" / "contacts.yml"
    text = contacts.read_text(encoding="utf-8")
    marker = "    url: https://www.cybertip.ca\n"
    contacts.write_text(text.replace(marker, "    languages: [en, fr]\n" + marker, 1), encoding="utf-8")
    out = tmp_path / "site"
    build_site(project, out, posters=False)
    en = page(out / "get-help.html").xpath("//div[@id='contact-ca-cybertip']//p[@class='sg-contact__languages']")
    fr = page(out / "fr" / "get-help.html").xpath("//div[@id='contact-ca-cybertip']//p[@class='sg-contact__languages']")
    assert en[0].text_content() == "Languages: English and French"
    assert fr[0].text_content() == "Langues : anglais et français"
