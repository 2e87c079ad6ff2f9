"""Render data-driven parts of pages with Jinja2, escaping every value from data.

MkDocs' own Jinja environment does not autoescape, so everything built from data is
rendered here, in an environment that does, and handed to the theme as finished HTML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

from babel import Locale, UnknownLocaleError, localedata
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal
from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.bccache import Bucket
from markupsafe import Markup, escape

from .contacts_export import has_own_card
from .data import SiteData
from .icons import icon_svg
from .models import INTERNATIONAL, Contact, Phone
from .urls import handout_path, poster_path, region_anchor, vcard_path

COMPONENTS = "components"
T = TypeVar("T")


@cache  # CLDR's names do not change; every page's language switch names every language
def language_name(code: str, in_language: str | None = None, title: bool = True) -> str:
    """A language's name as its speakers write it (or in `in_language`), from CLDR via Babel.

    `title=False` keeps the form used inside a sentence ("en anglais", not "en Anglais").
    """
    locale = Locale.parse(code.replace("-", "_"))
    name = locale.get_display_name(in_language.replace("-", "_") if in_language else None) or code
    return name[:1].upper() + name[1:] if title else name


def base_language(code: str) -> str:
    """The language a locale variant belongs to: en-NZ -> en, fr-CA -> fr, zh-Hant -> zh, en -> en.

    A site's language may be a variant (`languages: [en-NZ, mi]`): its pages and strings files
    are named after the full tag (docs/en-NZ/, data/strings/en-NZ.yml) and `lang`/`hreflang`
    say en-NZ, while every setting kept per language (reading level, blaming words, the theme's
    words, the search stemmer) is the variant's own if it has one, else its base language's.
    """
    return code.replace("_", "-").split("-")[0]


def language_keys(code: str) -> list[str]:
    """The keys a language's settings are looked up by, its own first: en-NZ -> [en-NZ, en]."""
    base = base_language(code)
    return [code] if base == code else [code, base]


def setting_for(settings: Mapping[str, T], code: str) -> T | None:
    """The variant's own entry in a per-language mapping, else its base language's, else None."""
    return next((settings[key] for key in language_keys(code) if key in settings), None)


def locale_for(code: str, country: str | None = None) -> Locale:
    """The locale dates and numbers are written in: a variant's own (en-NZ, es-US) where CLDR has
    it; a plain language as written in the site's country where CLDR has that (en on a site for
    New Zealand -> en_NZ, "30 November 2026"; en for Canada -> en_CA); else the language's own."""
    try:
        own = Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        own = Locale.parse(base_language(code))
    if own.territory is None and country:
        regional = f"{own}_{country.upper()}"
        if localedata.exists(regional):
            return Locale.parse(regional)
    return own


def og_locale(code: str, country: str) -> str:
    """Open Graph's language_TERRITORY: en-NZ -> en_NZ; a plain code takes the site's country (fr -> fr_CA)."""
    parts = code.replace("_", "-").split("-")
    territory = next((p for p in parts[1:] if len(p) == 2 or p.isdigit()), None)
    return f"{parts[0]}_{(territory or country).upper()}"


class _MemoryBytecodeCache(BytecodeCache):
    """Compiled templates, kept for the life of the process. Each language's build makes a new
    template environment (MkDocs' and the project's), and compiling the same templates again
    for every language was a tenth of a large site's build. Jinja checks each entry against
    its template's source, so an edited template is compiled anew."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


COMPILED = _MemoryBytecodeCache()


@dataclass
class Renderer:
    """Renders components for one language of the site."""

    data: SiteData
    lang: str
    overrides: Path
    page_root: str = ""  # from the page being rendered to its language's root, e.g. "../"
    contacts_page: str | None = None  # the page listing contacts by region, from the language's root
    _dates: dict[dt.date, str] = field(default_factory=dict, init=False, repr=False)

    @cached_property
    def env(self) -> Environment:
        env = Environment(
            loader=FileSystemLoader(self.overrides / COMPONENTS),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            bytecode_cache=COMPILED,
            # A renderer lives for one build, in which no template changes: not checking each
            # template's file before every use saves a system call per component rendered.
            auto_reload=False,
        )
        env.globals.update(loc=self.loc, s=self.s, r=self, region_anchor=region_anchor)
        return env

    @property
    def default(self) -> str:
        return self.data.site.default_language

    def loc(self, text: dict[str, str] | None) -> Markup:
        """A data text in this language; text that falls back to the default language is marked with its `lang`."""
        if not text:
            return Markup("")
        if self.lang in text:
            return escape(text[self.lang])
        return Markup('<span lang="{}">{}</span>').format(self.default, text[self.default])

    def s(self, key: str, **values: object) -> Markup:
        """An interface string, with {placeholders} filled in (values are escaped unless already HTML)."""
        strings = self.data.strings.get(self.lang) or self.data.strings[self.default]
        template = strings.get(key, self.data.strings[self.default][key])
        return escape(template).format(**values) if values else escape(template)

    def language_list(self, codes: list[str]) -> str:
        """Language names in this page's language, joined as this language joins lists."""
        return format_list([language_name(c, self.lang, title=False) for c in codes], locale=self.locale)

    @cached_property
    def locale(self) -> Locale:
        """Dates and lists are written as this language writes them in the site's country."""
        return locale_for(self.lang, self.data.site.country)

    def date(self, day: dt.date) -> str:
        # Every contact card shows the day it was checked, and most share a few days: Babel once per day.
        if day not in self._dates:
            self._dates[day] = format_date(day, format="long", locale=self.locale)
        return self._dates[day]

    def render(self, template: str, **context: object) -> Markup:
        return Markup(self.env.get_template(template).render(**context).strip())

    # ------------------------------------------------------------ building blocks

    def phone(self, phone: Phone) -> dict[str, object]:
        dial = phone.dial
        return {"display": dial.display, "uri": dial.uri, "sms_uri": dial.sms_uri, "phone": phone}

    def phone_link(self, phone: Phone) -> Markup:
        return self.render("contacts/phone.html", p=self.phone(phone))

    def emergency_link(self) -> Markup:
        return self.phone_link(self.data.site.emergency.phone)

    def region_href(self, region: str) -> str | None:
        """The region's section of the contacts page, from the page being rendered."""
        if not self.contacts_page:
            return None
        return f"{self.page_root}{self.contacts_page}#{region_anchor(region)}"

    def emergency_inline(self) -> Markup:
        """The emergency number inside a sentence of a page read in every region: followed, in
        brackets, by each region where it does not work and what to do there instead."""
        out = self.emergency_link()
        for notice in self.data.site.emergency.notices:
            href = self.region_href(notice.region)
            instead = self.loc(notice.instead)
            if href:
                instead = Markup('<a href="{}">{}</a>').format(href, instead)
            out += Markup(' <span class="sg-emergency-exception">({})</span>').format(instead)
        return out

    def emergency_sentence(self, region: str | None = None) -> Markup:
        """ "In danger right now? Call 911", or, in a region without the number, that region's rule."""
        notices = self.data.notices_for(region) if region else []
        if notices:
            return Markup(" ").join(self.loc(n.text) for n in notices)
        return Markup("{} {}").format(self.s("crisis_danger"), self.emergency_link())

    def contact(self, contact_id: str) -> Contact:
        return self.data.contacts_by_id[contact_id]

    def region_name(self, region: str) -> str:
        return self.data.site.region_name(region, self.lang)

    # ------------------------------------------------------------ components

    def vcard_href(self, contact: Contact) -> str:
        """The contact's vCard: this language's own, or the default language's when they are the same."""
        if has_own_card(contact, self.lang, self.default):
            return f"{self.page_root}{vcard_path(contact.id)}"
        return f"{self.page_root}../{vcard_path(contact.id)}"

    def handout_href(self, region: str) -> str:
        return f"{self.page_root}{handout_path(region)}"

    def poster_href(self, infographic_id: str, suffix: str) -> str:
        return f"{self.page_root}{poster_path(infographic_id, suffix)}"

    def contact_card(self, contact: Contact, heading_level: int = 3) -> Markup:
        return self.render("contacts/card.html", c=contact, level=heading_level)

    def contact_link(self, contact: Contact) -> Markup:
        if contact.url is None:
            return self.loc(contact.name)
        return Markup('<a href="{}">{}</a>').format(contact.url, self.loc(contact.name))

    def contacts_listing(self) -> Markup:
        country = self.data.site.country
        regions = sorted(self.data.site.served_regions(), key=lambda code: self.region_name(code))
        by_region: dict[str, list[Contact]] = {}
        for contact in self.data.contacts:
            by_region.setdefault(contact.region, []).append(contact)
        notices = {}
        for notice in self.data.site.emergency.notices:
            notices.setdefault(notice.region, []).append(notice)
        return self.render(
            "contacts/listing.html",
            regions=regions,
            by_region=by_region,
            notices=notices,
            national=by_region.get(country, []),
            international=by_region.get(INTERNATIONAL, []),
        )

    def infographic(self, infographic_id: str, downloads: bool = True) -> Markup:
        """The figure; `downloads` adds links to its posters (not on the posters themselves)."""
        return self.render(
            "infographic/infographic.html", g=self.data.infographics_by_id[infographic_id], downloads=downloads
        )

    def icon(self, name: str | None) -> Markup:
        """An icon from Material's set, inlined and hidden from screen readers (the text says it all)."""
        if not name:
            return Markup("")
        svg = icon_svg(name)
        return Markup(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))

    def crisis_name(self, contact: Contact) -> Markup | None:
        """A crisis line's name in the crisis bar, or None when it would only repeat what the bar
        already says: the "Need to talk?" before it, or the number after it. New Zealand's line is
        called "Need to talk? 1737"; the bar says "Need to talk? call or text 1737", not
        "Need to talk? Need to talk? 1737: call or text 1737"."""

        def words(text: str) -> str:
            return "".join(ch for ch in text.casefold() if ch.isalpha())

        name = contact.name.get(self.lang) or contact.name[self.default]
        if words(name) in ("", words(str(self.s("crisis_talk")))):
            return None
        return self.loc(contact.name)

    def crisis_bar(self, contacts_href: str | None) -> Markup:
        """`contacts_href`: the contacts page from this page, for the regional exceptions' links."""
        lines = [self.contact(ident) for ident in self.data.site.crisis_lines]
        notices = [n for n in self.data.site.emergency.notices if n.label]
        return self.render("crisis-bar/crisis-bar.html", lines=lines, notices=notices, contacts_href=contacts_href)

    def quick_exit(self) -> Markup:
        return self.render("quick-exit/quick-exit.html", url=self.data.site.quick_exit.url)

    def language_switch(self, links: list[dict[str, str]]) -> Markup:
        return self.render("language-switch/language-switch.html", links=links)

    def fallback_notice(self) -> Markup:
        return self.render(
            "fallback-notice/fallback-notice.html",
            language=language_name(self.lang, title=False),
            default_language=language_name(self.default, self.lang, title=False),
        )

    def unreviewed_notice(self, original_href: str, checked: int = 0, total: int = 0) -> Markup:
        """On a translated page no fluent speaker has checked in full: say so (how many of its parts
        they have checked, if any), and link the original. A site whose strings predate the count
        (no `review_count_notice` in its default language) keeps the plain notice."""
        if "review_count_notice" not in self.data.strings[self.default]:
            checked = 0
        return self.render(
            "unreviewed-notice/unreviewed-notice.html",
            href=original_href,
            default=self.default,
            default_language=language_name(self.default, self.lang, title=False),
            checked=format_decimal(checked, locale=self.locale) if checked else "",
            total=format_decimal(total, locale=self.locale),
        )

    def date_modified(self, day: dt.date, page_address: str | None = None, sources: list[str] | None = None) -> Markup:
        """Where the page's advice comes from, when the page last changed, and the link to report a
        problem with it (if the site has one)."""
        report = None
        setting = self.data.site.report_problem
        if setting and page_address:
            report = setting.url.replace("{page}", quote(page_address, safe=""))
        # The whole address, less its scheme: two pages of one service stay told apart.
        shown = [(url, url.split("://", 1)[-1].removeprefix("www.").rstrip("/")) for url in sources or []]
        return self.render("page-meta/page-meta.html", day=day, report=report, sources=shown)
