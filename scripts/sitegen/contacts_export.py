"""Contacts for readers to take away and for other services to reuse: vCards and contacts.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal
from urllib.parse import unquote

import vobject
from pydantic import BaseModel, Field

from .data import SiteData
from .models import Contact, Phone, RegionNotice
from .urls import vcard_path

SCHEMA_VERSION = 1
SCHEMA_ID = f"contacts.schema.v{SCHEMA_VERSION}.json"


class ExportedPhone(Phone):
    display: str = Field(description="As shown to readers")
    uri: str = Field(description="tel: (E.164 for full numbers) or sms: URI")
    sms_uri: str | None = Field(
        None, description="For a line that takes calls and texts (`call_or_text`): its sms: URI (`uri` is tel:)"
    )


class ExportedContact(Contact):
    """A contact as in data/contacts.yml, with each phone's display form and link added."""

    phones: list[ExportedPhone]


class ExportedEmergency(BaseModel):
    """The emergency number, and the regions where it does not work (with what to do there)."""

    phone: ExportedPhone
    exceptions: list[RegionNotice] = Field(description="Regions without the emergency number")


class ContactsExport(BaseModel):
    """Police and help services published by a sextortion-awareness site (format version 1)."""

    version: Literal[1] = SCHEMA_VERSION
    country: str
    languages: list[str]
    emergency: ExportedEmergency
    contacts: list[ExportedContact]


def export(data: SiteData) -> ContactsExport:
    site = data.site
    context = {"languages": site.languages, "default_language": site.default_language, "country": site.country}

    def phone(p: Phone) -> dict:
        return {**p.model_dump(), **vars(p.dial)}

    contacts = []
    for c in data.contacts:
        phones = [phone(p) for p in c.phones]
        contacts.append(ExportedContact.model_validate({**c.model_dump(), "phones": phones}, context=context))
    emergency = ExportedEmergency.model_validate(
        {"phone": phone(site.emergency.phone), "exceptions": [n.model_dump() for n in site.emergency.notices]},
        context=context,
    )
    return ContactsExport(country=site.country, languages=list(site.languages), emergency=emergency, contacts=contacts)


def schema() -> dict:
    out = ContactsExport.model_json_schema()
    out["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    out["$id"] = SCHEMA_ID
    return out


def write_json(data: SiteData, folder: Path) -> None:
    """contacts.json and its schema, at the site's root."""
    body = {"$schema": SCHEMA_ID, **export(data).model_dump(mode="json")}
    (folder / "contacts.json").write_text(json.dumps(body, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (folder / SCHEMA_ID).write_text(json.dumps(schema(), indent=1) + "\n", encoding="utf-8")


def _text(value: dict[str, str] | None, lang: str, default: str) -> str:
    return (value or {}).get(lang) or (value or {}).get(default, "")


def vcard(contact: Contact, data: SiteData, lang: str) -> str:
    default = data.site.default_language
    card = vobject.vCard()
    card.add("fn").value = _text(contact.name, lang, default)
    card.add("n").value = vobject.vcard.Name(given=_text(contact.name, lang, default))
    card.add("kind").value = "org"
    for phone in contact.phones:
        dial = phone.dial
        tel = card.add("tel")
        tel.value = unquote(dial.uri.removeprefix("tel:").removeprefix("sms:").split("?")[0])
        # A line that takes calls and texts is one number of both kinds (TYPE=VOICE,TEXT).
        tel.type_paramlist = ["VOICE", "TEXT"] if phone.call_or_text else ["TEXT" if phone.sms else "VOICE"]
    if contact.url:
        card.add("url").value = contact.url
    note = [_text(contact.description, lang, default), _text(contact.hours, lang, default)]
    note += [f"{phone.keyword} -> {phone.number}" for phone in contact.phones if phone.sms and phone.keyword]
    # A saved card is read far from the site: it carries its region's emergency rule, and says
    # when its source is secondary.
    note += [_text(n.text, lang, default) for n in data.notices_for(contact.region)]
    if contact.source_kind == "secondary":
        strings = data.strings.get(lang) or data.strings[default]
        label = strings.get("contact_checked_secondary", data.strings[default]["contact_checked_secondary"])
        note.append(label.format(date=contact.checked.isoformat()))
    if any(note):
        card.add("note").value = "\n".join(x for x in note if x)
    card.add("rev").value = contact.checked.strftime("%Y%m%d")
    return card.serialize()


def has_own_card(contact: Contact, lang: str, default: str) -> bool:
    """Whether the contact's card in `lang` differs from the default language's: only then does
    the language get a copy of its own (a site with many contacts would otherwise hold
    languages x contacts identical files)."""
    return lang == default or any(lang in text for text in (contact.name, contact.description, contact.hours) if text)


def write_vcards(data: SiteData, lang: str, folder: Path) -> None:
    """The vCards of one language's folder: every contact in the default language's, and in
    another language's the contacts that have text in that language."""
    default = data.site.default_language
    (folder / "contacts").mkdir(parents=True, exist_ok=True)
    for contact in data.contacts:
        if has_own_card(contact, lang, default):
            (folder / vcard_path(contact.id)).write_text(vcard(contact, data, lang), encoding="utf-8")
