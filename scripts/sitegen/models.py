"""Typed models of the data files: the one source of truth for their format.

Validation that needs the site's settings (its languages and country) reads them from
the pydantic validation context, so a contact's region is checked against the country
the site is actually for.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Literal
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    field_validator,
    model_validator,
)

from . import phones, regions
from .icons import icon_exists

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", description="lower-case letters, digits and dashes")]


def _ctx(info: ValidationInfo) -> dict:
    return info.context or {}


def _localized(value: dict[str, str], info: ValidationInfo) -> dict[str, str]:
    ctx = _ctx(info)
    languages: list[str] = ctx.get("languages", [])
    default = ctx.get("default_language")
    for code, text in value.items():
        if languages and code not in languages:
            raise ValueError(
                f"'{code}' is not one of this site's languages ({', '.join(languages)}). "
                "Fix the language code, or add the language to `languages` in data/site.yml."
            )
        if not text.strip():
            raise ValueError(f"the '{code}' text is empty; write the text or remove the '{code}:' line.")
    if default and default not in value:
        raise ValueError(f"the '{default}' text is missing; every text needs at least `{default}: ...`.")
    return value


LocalizedText = Annotated[
    dict[str, str],
    AfterValidator(_localized),
    Field(description="The same text in each language, keyed by language code, e.g. {en: ..., fr: ...}"),
]


_HOST = re.compile(
    r"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$"
)
_SITE_PATH = re.compile(r"^(/[A-Za-z0-9._~-]+)*/?$")


def _address_problem(value: str, schemes: tuple[str, ...]) -> str | None:
    """What is wrong with a web address, or None: scheme, a real host name, no spaces, no
    invisible characters, no user name or password in it."""
    if any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf") for ch in value):
        return "has a space or an invisible character in it"
    parts = urlsplit(value)
    if parts.scheme not in schemes or not parts.netloc:
        return f"does not start with {' or '.join(x + '://' for x in schemes)}"
    if "@" in parts.netloc:
        return "has a user name or password in it (an '@' before the host)"
    try:
        host = (parts.hostname or "").encode("idna").decode("ascii")
        parts.port  # noqa: B018 (raises on a port that is not a number)
    except (UnicodeError, ValueError):
        return "has a host name that is not valid"
    if not _HOST.match(host) or "." not in host:
        return "has a host name that is not valid"
    return None


def _https(value: str) -> str:
    problem = _address_problem(value, ("https",))
    if problem:
        raise ValueError(
            f"'{value}' is not an https:// address: it {problem}. Links for readers must be full https:// "
            "addresses; if the site has no https version, leave this field out."
        )
    return value


def _web_address(value: str) -> str:
    problem = _address_problem(value, ("http", "https"))
    if problem:
        raise ValueError(f"'{value}' {problem}; write the full address, starting with https://.")
    return value


def site_address(value: str) -> str:
    """The site's own address (`site_url`, `--site-url`): it goes into the hosts' configuration
    files, so beyond a valid https:// address its path may hold only letters, digits and . _ ~ -
    between slashes, and nothing may follow it (no ?query, no #fragment)."""
    _https(value)
    parts = urlsplit(value)
    if parts.query or parts.fragment or value.endswith(("?", "#")):
        raise ValueError(f"'{value}' has a ? or # part; give only the address the site is published at.")
    if not _SITE_PATH.match(parts.path or "/"):
        raise ValueError(
            f"'{value}' has characters in its path that a server's configuration cannot safely hold; use only "
            "letters, digits, '.', '_', '~' and '-' between the slashes, e.g. https://example.org/sextortion-help/."
        )
    return value


HttpsUrl = Annotated[str, AfterValidator(_https), Field(description="An https:// address")]
SourceUrl = Annotated[
    str,
    AfterValidator(_web_address),
    Field(description="The public page where this fact was seen (kept for editors, not linked for readers)"),
]


def _region(value: str, info: ValidationInfo) -> str:
    country = _ctx(info).get("country")
    if value == INTERNATIONAL:
        return value
    if country and not regions.is_known(value, country):
        known = ", ".join(sorted(regions.subdivisions(country)))
        raise ValueError(
            f"'{value}' is not a region of {country}. Use {country} for the whole country "
            f"or one of its ISO 3166-2 codes: {known}; or '{INTERNATIONAL}' for a service open to every country."
        )
    return value


INTERNATIONAL = "international"
Region = Annotated[
    str,
    AfterValidator(_region),
    Field(
        description="The site's country code for the whole country (e.g. NZ, GB, CA), one of its ISO 3166-2 "
        "region codes (e.g. GB-WLS, CA-ON), or 'international' for a service open to every country"
    ),
]


def _language(value: str) -> str:
    try:
        Locale.parse(value.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        raise ValueError(f"'{value}' is not a known language code; use a code such as en, fr, zh, pa, ar.") from None
    return value


Language = Annotated[str, AfterValidator(_language)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Phone(Strict):
    """One way to reach someone by phone or text message."""

    type: Literal["phone", "short", "local"] = Field(
        "phone",
        description="phone: a full number with area code; short: a short number, such as an emergency number or "
        "a text line's short code, checked against the phone library's short-number data for the site's country "
        "(one it does not list needs `short_number_source`); local: a code dialled exactly as written, such as a "
        "star or hash code",
    )
    # Before `number`, so that the number's check can see it.
    short_number_source: SourceUrl | None = Field(
        None,
        description="Only for a short number that the phone library's short-number data does not list (such as "
        "New Zealand's police non-emergency number, 105): the public page of the service (or its government) "
        "where you saw the number, e.g. https://www.police.govt.nz/contact-us/call-105. Without it such a number "
        "is refused; with it, it is accepted and `sitegen check` lists it with this page, so it can be re-checked",
    )
    number: str = Field(
        description='The number as the service writes it, in quotes, e.g. "0800 555 0123" or "+44 20 7946 0123"'
    )
    sms: bool = Field(False, description="true for a text-message line (texts only, no calls)")
    call_or_text: bool = Field(
        False,
        description="true for a line that takes both calls and text messages at the same number (such as "
        "New Zealand's 1737): shown once, as 'call or text 1737', with a call link and a text link. Do not "
        "combine with `sms` or `keyword`",
    )
    keyword: str | None = Field(None, description="For a text line: the word to text, e.g. HELP")
    display: str | None = Field(
        None, description="How readers see the number, if not as `number` writes it, e.g. a number spelt with letters"
    )
    label: LocalizedText | None = Field(None, description="What this number is for, e.g. 'From a mobile phone'")

    @field_validator("number", "display", "keyword")
    @classmethod
    def _visible(cls, value: str | None) -> str | None:
        if value and any(unicodedata.category(ch) in ("Cc", "Cf") for ch in value):
            raise ValueError("has an invisible character in it; retype it with digits, spaces and dashes only.")
        return value

    @field_validator("number")
    @classmethod
    def _valid_number(cls, value: str, info: ValidationInfo) -> str:
        country = _ctx(info).get("country", "CA")
        kind = info.data.get("type", "phone")
        if kind == "phone":
            phones.parse_full(value, country)
        elif kind == "short":
            phones.parse_short(value, country, info.data.get("short_number_source"))
        else:
            phones.parse_local(value)
        return value

    @model_validator(mode="after")
    def _one_way_to_say_it(self) -> Phone:
        if self.short_number_source and self.type != "short":
            raise ValueError(
                "`short_number_source` is only for a short number (`type: short`); take it out, the contact's "
                "`source` covers this number."
            )
        if self.call_or_text and self.sms:
            raise ValueError(
                "`sms: true` is for a line that takes only texts and `call_or_text: true` for one that takes calls "
                "and texts at the same number; keep the one that is true and take out the other."
            )
        if self.call_or_text and self.keyword:
            raise ValueError(
                "a line that takes calls and texts has no keyword; if texts must start with a word, list the text "
                "line as a phone of its own with `sms: true` and `keyword:`, and take out `call_or_text`."
            )
        if self.call_or_text and self.type == "local":
            raise ValueError("a code dialled as written cannot take texts; take out `call_or_text`.")
        return self

    _dial: phones.Dialable = PrivateAttr()
    _unlisted: bool = PrivateAttr(False)

    @model_validator(mode="after")
    def _keep_parsed(self, info: ValidationInfo) -> Phone:
        """Parsed once, here; every output reads `dial`."""
        country = _ctx(info).get("country", "CA")
        if self.type == "phone":
            full = phones.parse_full(self.number, country)
            uri = full.uri
            if self.sms:
                uri = phones.dial_uri(uri.removeprefix("tel:"), sms=True, keyword=self.keyword)
            # Shown as the editor wrote it (as the organisation writes it: 1-800-668-6868); a number
            # of another country, as it is dialled from anywhere (+44 20 ...).
            written = self.number.strip() if phones.is_domestic(self.number, country) else full.display
            texts = phones.dial_uri(uri.removeprefix("tel:"), sms=True) if self.call_or_text else None
            self._dial = phones.Dialable(self.display or written, uri, texts)
        else:
            digits = (
                phones.parse_short(self.number, country, self.short_number_source)
                if self.type == "short"
                else phones.parse_local(self.number)
            )
            texts = phones.dial_uri(digits, sms=True) if self.call_or_text else None
            self._unlisted = self.type == "short" and not phones.is_known_short(self.number, country)
            self._dial = phones.Dialable(
                self.display or self.number, phones.dial_uri(digits, self.sms, self.keyword), texts
            )
        return self

    @property
    def short_number_unlisted(self) -> bool:
        """A short number the phone library's data does not list, taken on `short_number_source`
        (which `sitegen check` lists)."""
        return self._unlisted

    @property
    def dial(self) -> phones.Dialable:
        """What readers see (as written) and what their phone dials (E.164 for full numbers)."""
        return self._dial


Kind = Literal["emergency", "police", "reporting", "helpline", "takedown"]
SourceKind = Literal["official", "secondary"]


def _not_future(value: dt.date) -> dt.date:
    if value > dt.date.today():
        raise ValueError(f"{value.isoformat()} is in the future; write the day the source was actually checked.")
    return value


PastDate = Annotated[dt.date, AfterValidator(_not_future)]


class Contact(Strict):
    id: Slug = Field(description="Unique name used in pages, e.g. [[phone <id>]]")
    kind: Kind
    region: Region
    name: LocalizedText
    description: LocalizedText | None = None
    audience: Literal["under-18", "adults"] | None = Field(None, description="Who the service is for, if limited")
    hours: LocalizedText | None = Field(None, description="When it can be reached, if known")
    languages: list[Language] = Field(
        default_factory=list, description="Languages it answers in, if known (language codes, e.g. [en, fr])"
    )
    phones: list[Phone] = Field(default_factory=list)
    url: HttpsUrl | None = Field(None, description="The page readers should visit")
    source: SourceUrl
    source_kind: SourceKind = Field(
        description="official: a page of the organisation itself, or of its government, printed this; "
        "secondary: only news, reprints or guides did (published only where data/site.yml allows it, and labelled)"
    )
    also_seen: list[str] = Field(
        default_factory=list,
        description="Other places that print the same number or address. A secondary entry needs at least one: "
        "two sources must agree",
    )
    checked: PastDate = Field(description="The day someone looked at the source page and saw this (YYYY-MM-DD)")
    date_in_text: dt.date | None = Field(
        None,
        description="A date the text depends on, such as a change coming into force; `sitegen check` lists the "
        "entry once the date has passed, so its words can be brought up to date",
    )

    @model_validator(mode="after")
    def _secondary_needs_agreement(self) -> Contact:
        if self.source_kind == "secondary" and not self.also_seen:
            raise ValueError(
                "a secondary entry needs a second source that prints the same thing: list it under `also_seen:`, "
                "or leave the entry out until an official page confirms it."
            )
        return self

    @property
    def is_route(self) -> bool:
        """A way to reach the police that is not a number: what to do, or where to find the local station."""
        return self.kind == "police" and not self.phones


class ContactsFile(Strict):
    contacts: list[Contact]


class RegionNotice(Strict):
    """A region where the emergency number does not work, and what to do there instead. Every
    output that tells a reader what to dial (pages, crisis bar, handouts, posters, contacts.json)
    follows it."""

    region: Region
    label: LocalizedText | None = Field(
        None, description="A few words shown beside the emergency number on every page, e.g. 'Region: no 112'"
    )
    instead: LocalizedText = Field(
        description="What to do instead, as a phrase that follows the emergency number in brackets, "
        "e.g. 'in <region>, call your local police station'"
    )
    text: LocalizedText = Field(description="The whole rule in one or two sentences, shown for that region")
    url: HttpsUrl | None = None
    source: SourceUrl
    checked: PastDate
    date_in_text: dt.date | None = Field(None, description="A date the text depends on; see contacts")


class Emergency(Strict):
    phone: Phone
    source: SourceUrl
    checked: dt.date
    notices: list[RegionNotice] = Field(default_factory=list)


def _country(value: str) -> str:
    if not regions.pycountry.countries.get(alpha_2=value):
        raise ValueError(f"'{value}' is not an ISO 3166-1 two-letter country code (for example CA, GB, US).")
    return value


class QuickExit(Strict):
    url: HttpsUrl = Field(description="The neutral site the Exit this page button opens, e.g. a weather site")


def _hex_colour(value: str) -> str:
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        raise ValueError(f"'{value}' is not a colour written as # and six hex digits, e.g. \"#1d3a5f\" (in quotes).")
    return value.lower()


HexColour = Annotated[str, AfterValidator(_hex_colour)]


LOGO_FILE = re.compile(r"^[\w-]+(/[\w-]+)*\.(svg|png)$")


def _logo(value: str) -> str:
    if LOGO_FILE.match(value) or icon_exists(value):
        return value
    raise ValueError(
        f"'{value}' is neither a Material icon (such as material/shield-account) nor an .svg or .png file "
        "in data/ (such as branding/logo.svg)."
    )


class Branding(Strict):
    """The site's colours and logo. Colours must reach WCAG AA contrast; the build says by how much
    a colour falls short and which shade would pass."""

    primary: HexColour = Field("#1d3a5f", description='Header background, behind white text, e.g. "#1d3a5f"')
    accent: HexColour = Field("#0b5cad", description='Links and focus rings, on the white page, e.g. "#0b5cad"')
    logo: Annotated[str, AfterValidator(_logo)] = Field(
        "material/shield-account",
        description="The header logo and browser-tab icon: a Material icon, or an .svg or .png file in data/, "
        "e.g. branding/logo.svg",
    )


def _report_address(value: str) -> str:
    parts = urlsplit(value.replace("{page}", "x"))
    if not ((parts.scheme == "https" and parts.netloc) or (parts.scheme == "mailto" and parts.path)):
        raise ValueError(
            f"'{value}' is neither an https:// address nor a mailto: address. Write, for example, "
            "https://example.org/feedback?page={page} or mailto:web@example.org?subject=Problem&body={page}."
        )
    if "{page}" not in value:
        raise ValueError("put {page} where the page's address should go, e.g. ...?page={page}.")
    return value


class ReportProblem(Strict):
    """Where "Report a problem on this page" leads."""

    url: Annotated[str, AfterValidator(_report_address)] = Field(
        description="An https:// or mailto: address with {page} where the page's address goes"
    )


class TranslationPolicy(Strict):
    """When translations stop the build."""

    required: list[Language] = Field(
        default_factory=list, description="Languages that must be complete before the site is published"
    )
    fail_on: list[Literal["missing", "outdated"]] = Field(
        default_factory=lambda: ["missing"],
        description="What stops the build in a required language: missing and/or outdated translations",
    )


class Site(Strict):
    site_name: LocalizedText = Field(description="The site's name, shown in the header and browser tab")
    organisation: LocalizedText = Field(
        description="Who publishes the site: the police service's name, shown at the foot of every page and as "
        "its author"
    )
    description: LocalizedText = Field(description="One sentence describing the site, for search engines")
    site_url: Annotated[str, AfterValidator(site_address)] | None = Field(
        None, description="The address the site is published at, ending in / (needed for hreflang and sitemap)"
    )
    country: Annotated[str, AfterValidator(_country)] = Field(
        description="The ISO 3166-1 two-letter code of the country the site serves, e.g. NZ, GB, CA: phone "
        "numbers and region codes are checked against it"
    )
    regions: list[str] | Literal["none"] | None = Field(
        None,
        description="The regions the site serves, as ISO 3166-2 codes (e.g. [GB-WLS]); none for a national-only "
        "site (no region list, one national handout); leave out for all the country's top-level regions",
    )
    default_language: Language
    languages: list[Language] = Field(min_length=1)
    emergency: Emergency
    quick_exit: QuickExit
    contacts_max_age_days: int = Field(
        365, ge=1, description="`sitegen check` lists contacts not checked for longer than this"
    )
    translations: TranslationPolicy = Field(default_factory=TranslationPolicy)
    crisis_lines: list[Slug] = Field(
        default_factory=list, description="Ids of contacts shown beside the emergency number on every page"
    )
    region_names: dict[str, dict[Language, str]] = Field(
        default_factory=dict,
        description="Region names in languages the ISO list lacks or gets wrong, e.g. {GB-WLS: {cy: Cymru}}",
    )
    publish_secondary_contacts: bool = Field(
        False,
        description="Publish contacts whose source is secondary (two sources agree, but no official page was "
        "seen). They are labelled as not yet confirmed, and `sitegen check` lists them",
    )
    branding: Branding = Field(default_factory=Branding)
    report_problem: ReportProblem | None = Field(
        None, description='Where the "Report a problem on this page" link leads; without it, no link'
    )

    @field_validator("regions", mode="before")
    @classmethod
    def _national_only(cls, value: object, info: ValidationInfo) -> object:
        """`none` (in any case) makes a national-only site. An empty list, the country's own code,
        or anything else that is not a list of codes is refused, saying what to write: never
        silently read as something else."""
        if value is None or (isinstance(value, list) and value and all(isinstance(x, str) for x in value)):
            return value
        if isinstance(value, str) and value.strip().lower() == regions.NATIONAL_ONLY:
            return regions.NATIONAL_ONLY
        country = info.data.get("country") or ""
        if value == []:
            raise ValueError(
                f"an empty list serves no region at all: {regions.national_hint(country)}; to list every region, "
                "leave the line out."
            )
        if isinstance(value, str) and value.strip().upper() == country:
            raise ValueError(f"'{value}' is the whole country: {regions.national_hint(country)}.")
        example = min(regions.subdivisions(country), default="GB-WLS")
        raise ValueError(
            f"write the regions as a list of ISO 3166-2 codes, e.g. [{example}]; or, {regions.national_hint(country)}."
        )

    @field_validator("regions")
    @classmethod
    def _known_regions(cls, value: list[str] | str | None, info: ValidationInfo) -> list[str] | str | None:
        country = info.data.get("country")
        if not isinstance(value, list):
            return value
        for code in value:
            if country and code == country:
                raise ValueError(
                    f"'{code}' is the whole country, not one of its regions: {regions.national_hint(country)} "
                    "instead of a list."
                )
            if not (country and regions.is_known(code, country)):
                known = ", ".join(sorted(regions.subdivisions(country or "")))
                raise ValueError(f"'{code}' is not a region of {country}; use its ISO 3166-2 codes: {known}.")
        return value

    @field_validator("region_names")
    @classmethod
    def _named_regions(cls, value: dict[str, dict[str, str]], info: ValidationInfo) -> dict[str, dict[str, str]]:
        country = info.data.get("country") or ""
        languages = _ctx(info).get("languages") or []
        for code, names in value.items():
            if not regions.is_known(code, country) or code == country:
                raise ValueError(f"'{code}' is not a region of {country}; use its ISO 3166-2 code.")
            for lang, name in names.items():
                if languages and lang not in languages:
                    raise ValueError(f"{code}: '{lang}' is not one of this site's languages.")
                if not name.strip():
                    raise ValueError(f"{code}: the '{lang}' name is empty.")
        return value

    def region_name(self, region: str, lang: str) -> str:
        """The region's name in `lang`: from `region_names`, else from the ISO list."""
        return self.region_names.get(region, {}).get(lang) or regions.region_name(region, self.country, lang)

    @property
    def national_only(self) -> bool:
        """`regions: none`: no region list, and one handout for the whole country."""
        return self.regions == regions.NATIONAL_ONLY

    def served_regions(self) -> list[str]:
        """The regions contacts and handouts are listed by: `regions`, else all the country's;
        none on a national-only site."""
        if self.national_only:
            return []
        return list(self.regions) if self.regions else sorted(regions.subdivisions(self.country))

    @field_validator("languages")
    @classmethod
    def _default_first(cls, value: list[str], info: ValidationInfo) -> list[str]:
        default = info.data.get("default_language")
        if default and default not in value:
            raise ValueError(f"the default language '{default}' must be in this list.")
        if len(set(value)) != len(value):
            raise ValueError("a language is listed twice.")
        return value


class Step(Strict):
    title: LocalizedText
    text: LocalizedText
    icon: str | None = Field(None, description="A Material icon name, e.g. material/camera-off")

    @field_validator("icon")
    @classmethod
    def _known_icon(cls, value: str | None) -> str | None:
        if value is not None and not icon_exists(value):
            raise ValueError(f"'{value}' is not an icon of Material for MkDocs; pick one such as material/camera-off.")
        return value


class Infographic(Strict):
    id: Slug
    title: LocalizedText
    summary: LocalizedText = Field(description="One sentence saying what the infographic shows")
    steps: list[Step] = Field(min_length=1)
    call_to_action: LocalizedText


class InfographicsFile(Strict):
    infographics: list[Infographic]


# ---------------------------------------------------------------- a page's front matter


class PageTranslation(Strict):
    """Where a translated page stands (written by `sitegen stamp` and by reviewers)."""

    source: str | None = Field(None, description="The hash of the original this was translated from")
    reviewed: bool = Field(False, description="true once a fluent speaker has checked it")
    reviewed_by: str | None = Field(None, description="Who reviewed it")
    reviewed_on: dt.date | None = Field(None, description="When (YYYY-MM-DD)")
    status: Literal["untranslated"] | None = Field(None, description="Set by add-language until translated")


class PageFrontMatter(Strict):
    """The lines between the two --- at the top of a page."""

    title: str = Field(min_length=1, description="The page's name in the menu and the browser tab")
    description: str | None = Field(None, description="One or two sentences for search results")
    sources: list[SourceUrl] | None = Field(None, min_length=1, description="Pages the advice follows")
    translation: PageTranslation | None = None
    date_modified: dt.date | None = Field(None, description="Used only outside git (YYYY-MM-DD)")


# ---------------------------------------------------------------- content checks (data/content-checks.yml)

ReadingFormula = Literal[
    "flesch_kincaid_grade", "flesch_reading_ease", "fernandez_huerta", "szigriszt_pazos", "wiener_sachtextformel"
]


class ReadingLevel(Strict):
    """A readability formula (from the textstat library) and the score a page must reach."""

    formula: ReadingFormula = Field(
        description="flesch_kincaid_grade (a school grade: lower is easier), flesch_reading_ease, "
        "fernandez_huerta, szigriszt_pazos (0-100: higher is easier) or wiener_sachtextformel (a grade, German)"
    )
    at_most: float | None = Field(None, description="For grades: the highest grade a page may need, e.g. 8")
    at_least: float | None = Field(None, description="For ease scores: the lowest score a page may have, e.g. 60")


class BlamingPhrase(Strict):
    """Words that put the blame on the person being threatened, and what to write instead."""

    lang: Language
    phrase: str = Field(min_length=2, description="Matched as whole words, ignoring case")
    instead: str = Field(min_length=2, description="A kinder way to say it")


class ContentChecks(Strict):
    reading_level: dict[Language, ReadingLevel] = Field(
        default_factory=dict, description="Per language; a language not listed is not measured"
    )
    blaming_phrases: list[BlamingPhrase] = Field(default_factory=list)
    vague_link_text: dict[Language, list[str]] = Field(
        default_factory=dict, description="Link texts that say nothing out of context, such as 'click here'"
    )
    sources_required: list[str] = Field(
        default_factory=list,
        description="Pages that give advice (file names in the default language's folder, e.g. index.md): each "
        "must list the pages its advice comes from under `sources:` in its front matter",
    )
