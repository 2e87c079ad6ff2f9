"""Short numbers outside Canada, and a line that takes calls and texts (issue 17, point 6).

A New Zealand site made with `sitegen new-site` (111): the police non-emergency number 105,
which the phone library's short-number data does not list, is published on the page given
with it and listed by `sitegen check`; without that page it is refused, with the line to fix.
"Need to talk? 1737", which takes calls and texts, is one line, "call or text 1737", with a
call link and a text link, on every page, in the crisis bar, on handouts, in vCards and in
contacts.json.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import vobject
from pydantic import ValidationError

from conftest import ROOT, new_test_site, page
from sitegen.build import build_site
from sitegen.cli import main
from sitegen.data import load_site_data
from sitegen.models import Phone
from sitegen.paths import overrides_dir
from sitegen.render import Renderer

TODAY = dt.date.today().isoformat()
POLICE_105 = "https://www.police.govt.nz/contact-us/call-105"
NEED_TO_TALK = "https://1737.org.nz/"
CONTACTS = f"""contacts:
  - id: nz-police-105
    kind: police
    region: NZ
    name:
      en: NZ Police non-emergency
    phones:
      - type: short
        number: "105"
        short_number_source: {POLICE_105}
    source: {POLICE_105}
    source_kind: official
    checked: {TODAY}
  - id: nz-1737
    kind: helpline
    region: NZ
    name:
      en: Need to talk? 1737
      zh: 想找人聊聊？1737
    phones:
      - type: short
        number: "1737"
        call_or_text: true
    source: {NEED_TO_TALK}
    source_kind: official
    checked: {TODAY}
"""
SOURCE_LINE = f"        short_number_source: {POLICE_105}\n"
LANGS = ["en", "fr", "zh", "pa", "es", "ar", "tl"]


def _new_test_site(folder: Path, contacts: str = CONTACTS) -> Path:
    assert new_test_site(folder, languages="en,zh") == 0
    path = folder / "data" / "contacts.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("contacts: []\n", contacts), encoding="utf-8")
    settings = folder / "data" / "site.yml"
    text = settings.read_text(encoding="utf-8").replace("crisis_lines: []", "crisis_lines: [nz-1737]")
    settings.write_text(text, encoding="utf-8")
    return folder


def _check(folder: Path, capsys: pytest.CaptureFixture) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--root", str(folder), "check"])
    captured = capsys.readouterr()
    out = captured.out + captured.err
    assert "Traceback" not in out
    return code, out


@pytest.fixture(scope="module")
def nz_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = _new_test_site(tmp_path_factory.mktemp("nz") / "nz-site")
    out = folder / "site"
    build_site(folder, out, posters=False)
    return out


def _text(element) -> str:
    return " ".join(element.text_content().split())


def _dials(element) -> list[str]:
    return [a.get("href") for a in element.xpath(".//a[starts-with(@href,'tel:') or starts-with(@href,'sms:')]")]


# ---------------------------------------------------------------- short numbers: the editor's side


def test_check_accepts_105_with_its_source_and_lists_it(tmp_path, capsys):
    folder = _new_test_site(tmp_path / "nz")
    code, out = _check(folder, capsys)
    assert code == 0, out
    assert f"  nz-police-105: 105: short number not in the phone library's data; confirmed at {POLICE_105}" in out
    # 1737 and 111 are in the library's data: nothing to confirm.
    assert "1 short number(s) are not in the phone library's data for NZ" in out
    assert "nz-1737: 1737" not in out and "emergency: 111" not in out


def test_105_without_its_source_is_refused_with_the_line_and_the_fix(tmp_path, capsys):
    contacts = CONTACTS.replace(SOURCE_LINE, "")
    folder = _new_test_site(tmp_path / "nz", contacts)
    code, out = _check(folder, capsys)
    text = (folder / "data" / "contacts.yml").read_text(encoding="utf-8")
    line = next(i for i, x in enumerate(text.splitlines(), 1) if x.strip() == 'number: "105"')
    assert code == 1
    assert f"data/contacts.yml:{line}: contacts[0].phones[0].number: '105' is not in the phone library's" in out
    assert "short_number_source: https://" in out and "Check the number" in out


@pytest.mark.parametrize(
    ("number", "words"),
    [
        ("018", "premium-rate"),  # NZ directory enquiries: premium rate, even with a source
        ("0800 543 354", "full phone number in NZ, not a short number; use `type: phone`"),
        ("1234567", "too many or too few digits"),
    ],
)
def test_short_numbers_no_help_line_uses_are_refused_even_with_a_source(tmp_path, capsys, number, words):
    folder = _new_test_site(tmp_path / "nz", CONTACTS.replace('number: "105"', f'number: "{number}"'))
    code, out = _check(folder, capsys)
    assert code == 1 and "contacts[0].phones[0].number:" in out and words in out


@pytest.mark.parametrize(
    ("country", "numbers"),
    [("NZ", ["111", "1737"]), ("GB", ["999", "101"]), ("CA", ["911", "988", "686868"])],
)
def test_short_numbers_in_the_librarys_data_need_no_source(country, numbers):
    for number in numbers:
        phone = Phone.model_validate({"type": "short", "number": number}, context={"country": country})
        assert phone.dial.uri == f"tel:{number}" and not phone.short_number_unlisted


def test_short_numbers_are_checked_against_the_sites_own_country():
    # 105 is the UK's power-cut line: listed for GB, not for Canada.
    assert not Phone.model_validate({"type": "short", "number": "105"}, context={"country": "GB"}).short_number_unlisted
    with pytest.raises(ValidationError, match="not in the phone library's short-number data for CA"):
        Phone.model_validate({"type": "short", "number": "105"}, context={"country": "CA"})


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"type": "short", "number": "1737", "call_or_text": True, "sms": True}, "keep the one that is true"),
        ({"type": "short", "number": "1737", "call_or_text": True, "keyword": "HELP"}, "has no keyword"),
        ({"number": "0800 543 354", "short_number_source": POLICE_105}, "only for a short number"),
        ({"type": "short", "number": "105", "short_number_source": "police.govt.nz"}, "https://"),
    ],
)
def test_phone_entries_that_say_two_things_are_refused(fields, words):
    with pytest.raises(ValidationError, match=words.replace("`", ".").replace("/", ".")):
        Phone.model_validate(fields, context={"country": "NZ"})


def test_the_schema_documents_both_fields():
    schema = json.loads((ROOT / "data" / "schema" / "contacts.schema.json").read_text(encoding="utf-8"))
    fields = schema["$defs"]["Phone"]["properties"]
    assert "sitegen check" in fields["short_number_source"]["description"]
    assert "call or text" in fields["call_or_text"]["description"]


# ---------------------------------------------------------------- call or text: the reader's side


@pytest.mark.slow
@pytest.mark.parametrize(("rel", "lead"), [("index.html", "Need to talk?"), ("zh/index.html", "想找人聊聊？")])
def test_crisis_bar_says_call_or_text_once(nz_site, rel, lead):
    bar = page(nz_site / rel).xpath("//aside[contains(@class,'sg-crisis')]")[0]
    words = "call or text 1737" if rel == "index.html" else "致电或发短信至 1737"
    talk = bar.xpath(".//p[contains(@class,'sg-crisis__item')]")[1]
    assert _text(talk) == f"{lead} {words}"
    assert _dials(talk) == ["tel:1737", "sms:1737"]
    assert _dials(bar) == ["tel:111", "tel:1737", "sms:1737"]


@pytest.mark.slow
def test_contact_card_has_one_call_or_text_line_with_both_links(nz_site):
    for rel in ("get-help.html", "handout/nz-wgn.html"):
        card = page(nz_site / rel).xpath("//div[@id='contact-nz-1737']")[0]
        lines = card.xpath(".//ul[contains(@class,'sg-contact__phones')]/li")
        assert [_text(li) for li in lines] == ["call or text 1737"], rel
        links = {a.get("href"): (a.text_content(), a.get("aria-label")) for a in lines[0].xpath(".//a")}
        assert links == {"tel:1737": ("call", "call 1737"), "sms:1737": ("text", "text 1737")}, rel
    police = page(nz_site / "get-help.html").xpath("//div[@id='contact-nz-police-105']")[0]
    assert _dials(police) == ["tel:105"]


@pytest.mark.slow
def test_vcard_holds_one_number_for_calls_and_texts(nz_site):
    card = vobject.readOne((nz_site / "contacts" / "nz-1737.vcf").read_text(encoding="utf-8"))
    tels = card.contents["tel"]
    assert [t.value for t in tels] == ["1737"]
    assert sorted(tels[0].params["TYPE"]) == ["TEXT", "VOICE"]
    police = vobject.readOne((nz_site / "contacts" / "nz-police-105.vcf").read_text(encoding="utf-8"))
    assert [t.value for t in police.contents["tel"]] == ["105"]


@pytest.mark.slow
def test_contacts_json_gives_the_call_and_the_text_link(nz_site):
    body = json.loads((nz_site / "contacts.json").read_text(encoding="utf-8"))
    jsonschema.validate(body, json.loads((nz_site / body["$schema"]).read_text(encoding="utf-8")))
    phones = {c["id"]: c["phones"] for c in body["contacts"]}
    line = phones["nz-1737"]
    assert len(line) == 1 and line[0]["call_or_text"] is True
    assert (line[0]["uri"], line[0]["sms_uri"]) == ("tel:1737", "sms:1737")
    assert phones["nz-police-105"][0]["short_number_source"] == POLICE_105
    assert body["emergency"]["phone"]["uri"] == "tel:111"


# ---------------------------------------------------------------- the words, in every shipped language

WORDS = {
    "en": ("call", "text", "call or text 988"),
    "fr": ("appelez", "textez", "appelez ou textez au 988"),
    "zh": ("致电", "发短信", "致电或发短信至 988"),
    "pa": ("ਫ਼ੋਨ ਕਰੋ", "ਟੈਕਸਟ ਕਰੋ", "988 'ਤੇ ਫ਼ੋਨ ਕਰੋ ਜਾਂ ਟੈਕਸਟ ਕਰੋ"),
    "es": ("llama", "envía un mensaje de texto", "llama o envía un mensaje de texto al 988"),
    "ar": ("اتصل", "أرسل إليه رسالة نصية", "اتصل بالرقم 988 أو أرسل إليه رسالة نصية"),
    "tl": ("Tumawag", "mag-text", "Tumawag o mag-text sa 988"),
}


@pytest.mark.parametrize("lang", LANGS)
def test_call_or_text_reads_in_each_shipped_language(lang):
    from lxml import html

    data = load_site_data(ROOT)
    phone = Phone.model_validate({"type": "short", "number": "988", "call_or_text": True}, context={"country": "CA"})
    line = html.fragment_fromstring(
        str(Renderer(data, lang, overrides_dir(ROOT)).phone_link(phone)), create_parent="li"
    )
    call, text, whole = WORDS[lang]
    assert _text(line) == whole
    assert [(a.get("href"), a.text_content()) for a in line.xpath(".//a")] == [("tel:988", call), ("sms:988", text)]
    assert line.xpath(".//*[@dir='ltr']/text()") == ["988"]
