"""Every sentence true for the reader's region, age and language: the emergency rule of each
region in every output, a police route for every region, routes by age, honest labels."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
import vobject
from pypdf import PdfReader

from conftest import ROOT, page
from sitegen.build import build_site
from sitegen.cli import main
from sitegen.data import load_site_data
from sitegen.hosting import nginx_path
from sitegen.localhost import nginx
from sitegen.problems import InputError

DATA = load_site_data(ROOT)
SITE = DATA.site
LANGS = SITE.languages
DEFAULT = SITE.default_language
REGIONS = SITE.served_regions()
EXCEPTIONS = {n.region: n for n in SITE.emergency.notices}
EMERGENCY_URI = SITE.emergency.phone.dial.uri


def _folder(site, lang):
    return site if lang == DEFAULT else site / lang


def _text(element) -> str:
    return " ".join(element.text_content().split())


def _loc(text: dict[str, str], lang: str) -> str:
    return text.get(lang, text[DEFAULT])


def test_the_shipped_site_has_a_region_without_the_emergency_number():
    # The matrix below proves nothing unless some region's rule differs.
    assert "CA-NU" in EXCEPTIONS and EMERGENCY_URI == "tel:911"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("region", REGIONS)
def test_region_section_and_handout_follow_the_regions_emergency_rule(site, lang, region):
    folder = _folder(site, lang)
    section = page(folder / "get-help.html").xpath(f"//section[@id='region-{region.lower()}']")[0]
    handout = page(folder / "handout" / f"{region.lower()}.html")
    danger = handout.xpath("//p[@class='sg-handout__danger']")[0]
    for where in (section, handout):
        dials = {a.get("href") for a in where.xpath(".//a[starts-with(@href,'tel:')]")}
        if region in EXCEPTIONS:
            # Nowhere in what a Nunavut reader is given for their region: "call 911".
            assert EMERGENCY_URI not in dials
            assert _loc(EXCEPTIONS[region].text, lang) in _text(where)
        elif where is section:
            assert EMERGENCY_URI in dials
    if region in EXCEPTIONS:
        assert _text(danger) == _loc(EXCEPTIONS[region].text, lang)
        assert not danger.xpath(".//a")
    else:
        assert danger.xpath(f".//a[@href='{EMERGENCY_URI}']")


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_that_says_call_911_also_says_what_to_do_where_it_does_not_work(site, lang):
    folder = _folder(site, lang)
    for path in sorted(folder.glob("*.html")):
        doc = page(path)
        for article in doc.xpath("//article"):
            for link in article.xpath(f".//a[@href='{EMERGENCY_URI}']"):
                if link.xpath("ancestor::section[contains(@class,'sg-region')]"):
                    continue  # a region's own section states that region's rule
                following = link.getnext()
                assert following is not None and "sg-emergency-exception" in following.get("class", ""), path
                exception = following.xpath(".//a")[0]
                assert _text(exception) == _loc(EXCEPTIONS["CA-NU"].instead, lang)
                target = exception.get("href").split("#")[1]
                assert page(folder / exception.get("href").split("#")[0]).xpath(f"//*[@id='{target}']"), path


@pytest.mark.parametrize("lang", LANGS)
def test_crisis_bar_carries_the_exception_and_crisis_lines_for_every_age(site, lang):
    bar = page(_folder(site, lang) / "index.html").xpath("//aside[contains(@class,'sg-crisis')]")[0]
    assert _loc(EXCEPTIONS["CA-NU"].label, lang) in _text(bar)
    dials = {a.get("href") for a in bar.xpath(".//a")}
    assert {"tel:911", "tel:+18006686868", "sms:686868?body=CONNECT", "tel:988", "sms:988"} <= dials


def _poster_text(path) -> str:
    # Arabic comes back from the PDF in presentation forms; NFKC folds them to letters.
    text = "".join(p.extract_text() or "" for p in PdfReader(path).pages)
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.mark.parametrize("lang", LANGS)
def test_every_poster_carries_the_exception_line(site, lang):
    # A poster hangs in every region: next to "call 911" it says where 911 does not work.
    rule = re.sub(r"\s+", "", unicodedata.normalize("NFKC", _loc(EXCEPTIONS["CA-NU"].text, lang)))
    for pdf in (_folder(site, lang) / "posters").glob("*.pdf"):
        text = _poster_text(pdf)
        assert "911" in text
        if lang == "ar":  # read back right to left, word order reversed: every word is there
            spaced = unicodedata.normalize("NFKC", "".join(p.extract_text() or "" for p in PdfReader(pdf).pages))
            words = re.split(r"[\s.،]+", _loc(EXCEPTIONS["CA-NU"].text, lang))
            assert all(word in spaced for word in words if word)
        elif lang == "pa":  # Gurmukhi vowel signs come back out of order: the rule's Latin words are there
            assert "911" in text.split("RCMP")[0] and "RCMP" in text
        else:
            assert rule in text


@pytest.mark.parametrize("lang", LANGS)
def test_poster_html_in_every_language_carries_the_exception_line(lang):
    from sitegen.posters import posters

    for poster in (p for p in posters(DATA, None) if p.lang == lang):
        doc = page_from_string(poster.html)
        assert _loc(EXCEPTIONS["CA-NU"].text, lang) in _text(doc.xpath("//p[@class='sg-poster__exception']")[0])


def page_from_string(html: str):
    from lxml import html as lxml_html

    return lxml_html.fromstring(html)


def test_nunavut_handout_as_a_reader_sees_it_in_chromium(browser, site):
    tab = browser.new_page()
    try:
        for lang in LANGS:
            tab.goto((_folder(site, lang) / "handout" / "ca-nu.html").as_uri())
            seen = tab.locator("main").inner_text()
            assert _loc(EXCEPTIONS["CA-NU"].text, lang) in seen
            assert tab.locator("a[href='tel:911']").count() == 0
            assert DATA.strings[lang]["crisis_danger"] not in seen
    finally:
        tab.close()


def test_vcards_and_contacts_json_carry_the_rule(site):
    body = json.loads((site / "contacts.json").read_text(encoding="utf-8"))
    assert body["emergency"]["phone"]["uri"] == EMERGENCY_URI
    exceptions = {e["region"]: e for e in body["emergency"]["exceptions"]}
    assert set(exceptions) == set(EXCEPTIONS)
    for lang in LANGS:
        assert exceptions["CA-NU"]["text"][lang] == EXCEPTIONS["CA-NU"].text[lang]
        assert exceptions["CA-NU"]["instead"][lang] == EXCEPTIONS["CA-NU"].instead[lang]
    for contact in DATA.contacts:
        card = vobject.readOne((site / "contacts" / f"{contact.id}.vcf").read_text(encoding="utf-8"))
        note = card.note.value if "note" in card.contents else ""
        assert (EXCEPTIONS["CA-NU"].text[DEFAULT] in note) == (contact.region == "CA-NU"), contact.id


@pytest.mark.parametrize("region", REGIONS)
def test_every_region_has_a_police_route(site, region):
    police = [c for c in DATA.contacts if c.region == region and c.kind == "police"]
    assert police, f"{region} has no police number or route"
    section = page(site / "get-help.html").xpath(f"//section[@id='region-{region.lower()}']")[0]
    for contact in police:
        assert section.xpath(f".//div[@id='contact-{contact.id}']")
        if contact.is_route:
            assert _text(section.xpath(f".//div[@id='contact-{contact.id}']")[0])  # says what to do


def test_no_unpublishable_number_is_on_the_site(site):
    """Every number a reader can dial is in data/contacts.yml (with a source and a date) or is the
    emergency number; numbers the fact-check list withdrew or never confirmed appear nowhere."""
    allowed = {EMERGENCY_URI}
    for contact in DATA.contacts:
        assert contact.source.startswith(("https://", "http://")) and contact.checked
        allowed |= {p.dial.uri for p in contact.phones}
    # Seen only in one source, in sources that disagree, or in none: never on the site.
    unpublishable = ["979-1111", "667-5555", "667-5551", "368-9300", "566-7112", "717-3321", "310-7267", "#377"]
    for path in site.rglob("*.html"):
        doc = page(path)
        for a in doc.xpath("//a[starts-with(@href,'tel:') or starts-with(@href,'sms:')]"):
            assert a.get("href") in allowed, f"{path}: {a.get('href')}"
        text = doc.text_content()
        for number in unpublishable:
            assert number not in text, f"{path}: {number}"


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_first_steps_give_routes_for_under_18s_and_adults(site, lang):
    steps = page(_folder(site, lang) / "index.html").xpath("//article//ol")[0]
    hrefs = {a.get("href") for a in steps.xpath(".//a")}
    # Under 18: Cybertip.ca, Take It Down, NeedHelpNow.ca, Kids Help Phone.
    assert {"https://www.cybertip.ca", "https://takeitdown.ncmec.org/", "https://needhelpnow.ca"} <= hrefs
    assert {"tel:+18006686868", "sms:686868?body=CONNECT"} <= hrefs
    # Adults: the Anti-Fraud Centre, StopNCII.org and 9-8-8 (call or text), for everyone.
    assert {"tel:+18884958501", "https://stopncii.org", "tel:988", "sms:988"} <= hrefs


def test_toll_free_numbers_are_shown_as_the_organisations_write_them(site):
    doc = page(site / "get-help.html")
    shown = {_text(a): a.get("href") for a in doc.xpath("//a[contains(@class,'sg-phone')]")}
    assert shown["1-800-668-6868"] == "tel:+18006686868"
    assert shown["1-866-658-9022"] == "tel:+18666589022"
    assert shown["416-808-2222"] == "tel:+14168082222"
    assert not any(re.fullmatch(r"\(\d{3}\) \d{3}-\d{4}", text) for text in shown)


@pytest.mark.parametrize("lang", LANGS)
def test_secondary_contacts_are_labelled_in_the_readers_language(site, lang):
    doc = page(_folder(site, lang) / "get-help.html")
    secondary = [c for c in DATA.contacts if c.source_kind == "secondary"]
    assert secondary
    for contact in DATA.contacts:
        label = doc.xpath(f"//div[@id='contact-{contact.id}']//p[contains(@class,'sg-contact__checked')]")[0]
        kind = contact.source_kind
        expected = DATA.strings[lang][f"contact_checked_{kind}"].split("{date}")[0].strip()
        assert _text(label).startswith(expected), contact.id
        assert ("sg-contact__checked--secondary" in label.get("class")) == (kind == "secondary")


def test_secondary_contacts_are_left_out_unless_the_site_allows_them(project):
    site_yml = project / "data" / "site.yml"
    site_yml.write_text(
        site_yml.read_text(encoding="utf-8").replace(
            "publish_secondary_contacts: true", "publish_secondary_contacts: false"
        ),
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        build_site(project, project / "site", posters=False)
    messages = [p.format(project) for p in caught.value.problems]
    assert any("crisis_lines[0]: the contact 'ca-kids-help-phone' has only secondary sources" in m for m in messages)
    # With the crisis bar fixed, each page that still names it is listed.
    site_yml.write_text(
        site_yml.read_text(encoding="utf-8").replace("  - ca-kids-help-phone\n", "", 1), encoding="utf-8"
    )
    with pytest.raises(InputError) as caught:
        build_site(project, project / "site", posters=False)
    messages = [p.format(project) for p in caught.value.problems]
    assert any(m.startswith("docs/en/index.md:") and "[[phone ca-kids-help-phone]]" in m for m in messages)
    assert all("only secondary sources" in m for m in messages)
    assert not (project / "site").exists()


def test_check_lists_secondary_contacts_and_passed_dates(project, capsys):
    contacts = project / "data" / "contacts.yml"
    text = contacts.read_text(encoding="utf-8")
    text = text.replace(
        "    source: https://www.enbeauce.com/",
        "    date_in_text: 2026-06-01\n    source: https://www.enbeauce.com/",
    )
    contacts.write_text(text, encoding="utf-8")
    code = main(["--root", str(project), "check", "--today", "2026-11-30"])
    out = capsys.readouterr().out
    assert "need confirming on an official page (published, labelled as not yet confirmed)" in out
    for contact in DATA.all_contacts:
        assert (f"  {contact.id}: source " in out) == (contact.source_kind == "secondary")
    assert "1 text(s) depend on a date that has passed" in out and "ca-qc-surete-du-quebec: 2026-06-01" in out
    assert code == 1


def test_a_secondary_entry_needs_a_second_source(project, capsys):
    contacts = project / "data" / "contacts.yml"
    text = contacts.read_text(encoding="utf-8")
    start = text.index("  - id: ca-on-opp")
    block = text[start : text.index("  - id:", start + 5)]
    trimmed = re.sub(r"    also_seen:\n(      - .*\n)+", "", block)
    contacts.write_text(text.replace(block, trimmed), encoding="utf-8")
    assert main(["--root", str(project), "check"]) == 1
    err = capsys.readouterr().err
    assert "contacts.yml:" in err and "a secondary entry needs a second source" in err


def test_a_check_date_in_the_future_is_refused(project, capsys):
    contacts = project / "data" / "contacts.yml"
    contacts.write_text(
        contacts.read_text(encoding="utf-8").replace("checked: 2026-11-27", "checked: 2999-01-01", 1), encoding="utf-8"
    )
    assert main(["--root", str(project), "check"]) == 1
    assert "2999-01-01 is in the future" in capsys.readouterr().err


@pytest.mark.parametrize("lang", [x for x in LANGS if x != DEFAULT])
def test_unreviewed_translations_say_so_and_link_the_original(site, lang):
    for path in sorted((ROOT / "docs" / lang).glob("*.md")):
        built = page(site / lang / (path.stem + ".html"))
        notice = built.xpath("//div[contains(@class,'sg-unreviewed')]")
        assert len(notice) == 1, path
        assert _text(notice[0]).startswith(DATA.strings[lang]["unreviewed_notice"])
        link = notice[0].xpath(".//a")[0]
        assert link.get("href") == f"../{path.stem}.html" and link.get("hreflang") == DEFAULT
    assert not page(site / "index.html").xpath("//div[contains(@class,'sg-unreviewed')]")


def test_a_reviewed_page_names_its_reviewer_and_loses_the_notice(project):
    fr = project / "docs" / "fr" / "index.md"
    text = fr.read_text(encoding="utf-8")
    fr.write_text(text.replace("  reviewed: false", "  reviewed: true"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        build_site(project, project / "site", posters=False)
    fields = {p.field for p in caught.value.problems}
    assert fields == {"translation.reviewed_by", "translation.reviewed_on"}
    fr.write_text(
        text.replace(
            "  reviewed: false", "  reviewed: true\n  reviewed_by: Équipe de traduction\n  reviewed_on: 2026-11-30"
        ),
        encoding="utf-8",
    )
    build_site(project, project / "site", posters=False)
    assert not page(project / "site" / "fr" / "index.html").xpath("//div[contains(@class,'sg-unreviewed')]")
    assert page(project / "site" / "fr" / "get-help.html").xpath("//div[contains(@class,'sg-unreviewed')]")


@pytest.mark.parametrize("lang", LANGS)
def test_region_names_are_in_the_readers_language(site, lang):
    doc = page(_folder(site, lang) / "get-help.html")
    shown = {h.getparent().get("id"): _text(h) for h in doc.xpath("//section[contains(@class,'sg-region')]/h3")}
    assert len(shown) == len(REGIONS)
    for region in REGIONS:
        assert shown[f"region-{region.lower()}"] == SITE.region_name(region, lang)
    names = " ".join(shown.values())
    if lang in ("ar", "pa", "zh"):
        assert not re.search(r"[A-Za-z]", names), names
    if lang == "fr":
        for name in ("Nouveau-Brunswick", "Île-du-Prince-Édouard", "Territoires du Nord-Ouest", "Colombie-Britannique"):
            assert name in names


def test_browse_safely_says_what_back_does_and_chromium_agrees(browser, site_server):
    context = browser.new_context()
    context.route(
        SITE.quick_exit.url + "**", lambda r: r.fulfill(body="<title>Weather</title>", content_type="text/html")
    )
    tab = context.new_page()
    try:
        tab.goto(site_server + "browse-safely.html")
        claim = tab.locator("article").inner_text()  # the claim, as the page makes it
        assert "Pressing Back can bring back the page of this site you read before the one you left." in claim
        assert "does not bring it back" not in claim
        # What happens: Home, Get help, Exit, Back.
        tab.goto(site_server + "index.html")
        tab.goto(site_server + "get-help.html")
        tab.locator("[data-sg-exit]").click()
        tab.wait_for_url(SITE.quick_exit.url + "**")
        tab.go_back()
        assert tab.url == site_server + "index.html"
        assert tab.title().startswith("Home")
    finally:
        context.close()


def test_the_nginx_snippet_keeps_no_record_of_visits(site, tmp_path):
    """The About page says the shipped server settings keep no logs: nginx, with logging on for
    the server as a whole, writes nothing for the site's pages."""
    about = _text(page(site / "about.html").xpath("//article")[0])
    assert "The settings we provide for nginx servers turn those logs off" in about
    assert "keeps no record of your visit" not in about
    import urllib.request

    workdir = tmp_path / "nginx"
    workdir.mkdir()
    with nginx(site, nginx_path(site), workdir, "/sextortion/") as url:
        # Scripts and style sheets too: nginx serves them from a location of their own.
        for name in ("index.html", "get-help.html", "missing.html", "assets/sitegen.js", "fr/assets/sitegen.js"):
            try:
                urllib.request.urlopen(url + name).read()
            except OSError:
                pass
    log = workdir / "access.log"
    assert log.exists() and log.read_text() == ""
    assert "access_log off;" in nginx_path(site).read_text()


@pytest.mark.parametrize("lang", LANGS)
def test_core_pages_name_their_sources(site, lang):
    for name in DATA.checks.sources_required:
        doc = page(_folder(site, lang) / name.replace(".md", ".html"))
        links = [a.get("href") for a in doc.xpath("//div[@class='sg-sources']//a")]
        assert links and all(link.startswith(("https://", "http://")) for link in links), name


def test_check_reports_a_core_page_without_sources(project, capsys):
    page_md = project / "docs" / "en" / "consequences.md"
    text = page_md.read_text(encoding="utf-8")
    page_md.write_text(re.sub(r"sources:\n(  - .*\n)+", "", text), encoding="utf-8")
    assert main(["--root", str(project), "check"]) == 1
    out = capsys.readouterr().out
    assert "docs/en/consequences.md" in out and "[sources] this page gives advice but does not say where" in out


def test_advice_agrees_with_cybertip_and_the_rcmp(site):
    """Keep what was sent, don't delete the chat, don't forward or copy; current payment methods and
    faked images; nothing left from the 2010s."""
    steps = _text(page(site / "if-it-is-happening.html").xpath("//article")[0])
    assert "Don't delete anything" in steps and "what you already sent, images too" in steps
    assert "forward, share or post" in steps and "don't make new copies" in steps
    assert "save, forward or download" not in steps
    everything = " ".join(
        _text(page(p).xpath("//article")[0]) for p in sorted(site.glob("*.html")) if p.name != "404.html"
    )
    for outdated in ("iTunes", "MoneyGram", "Western Union", "Skype"):
        assert outdated not in everything
    for current in ("e-transfer", "gift card", "cryptocurrency", "AI", "bluff"):
        assert current in everything
