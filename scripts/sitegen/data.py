"""Load and validate everything in data/, reporting every problem with file, line and field."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import branding
from .models import INTERNATIONAL, Contact, ContactsFile, ContentChecks, Infographic, InfographicsFile, Site
from .problems import InputError, Problem
from .yamlsource import Loc, YamlDocument, load_yaml

_HINTS = {
    "missing": "this field is required; add it.",
    "extra_forbidden": "is not a field here; check its spelling or indentation.",
    "date_from_datetime_parsing": "write the date as YYYY-MM-DD.",
    "date_parsing": "write the date as YYYY-MM-DD.",
    "date_type": "write the date as YYYY-MM-DD.",
    "string_type": "should be text; put it in quotes.",
    "bool_type": "should be true or false.",
    "list_type": "should be a list (lines starting with '- ').",
    "dict_type": "should be a set of `name: value` lines.",
    "model_type": "should be a set of `name: value` lines.",
}


def field_path(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def validation_problems(doc: YamlDocument, exc: ValidationError) -> list[Problem]:
    problems = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        # pydantic tags LocalizedText dict keys as "[key]"; drop its internal segment names.
        loc = tuple(p for p in loc if not (isinstance(p, str) and p.startswith("function-")))
        msg = err["msg"].removeprefix("Value error, ")
        hint = _HINTS.get(err["type"])
        if hint and err["type"] in ("missing", "extra_forbidden"):
            msg = hint
        elif hint:
            msg = f"{msg}; {hint}"
        if err["type"] in ("string_type", "int_type", "bool_type", "date_type") and "input" in err:
            msg = f"got {err['input']!r}: {msg}"
        unknown_language = re.match(r"'([^']+)' is not one of this site's languages", msg)
        if unknown_language and loc + (unknown_language.group(1),) in doc:
            loc = loc + (unknown_language.group(1),)  # point at the offending `xx:` line itself
        problems.append(Problem(doc.path, doc.line_of(loc), field_path(loc), msg))
    return problems


def _validate(doc: YamlDocument, model: type[BaseModel], context: dict[str, Any]) -> Any:
    if doc.data is None:
        raise InputError([Problem(doc.path, 1, "", "the file is empty; restore its content from git.")])
    try:
        return model.model_validate(doc.data, context=context)
    except ValidationError as exc:
        raise InputError(validation_problems(doc, exc)) from None


def _duplicates(doc: YamlDocument, items: list[Any], key: str) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for i, item in enumerate(items):
        ident = item.id
        if ident in seen:
            problems.append(
                Problem(
                    doc.path,
                    doc.line_of((key, i, "id")),
                    f"{key}[{i}].id",
                    f"'{ident}' is already used by {key}[{seen[ident]}]; every id must be unique.",
                )
            )
        else:
            seen[ident] = i
    return problems


CHECKS_FILE = "content-checks.yml"  # optional: without it, only the checks that need no settings run


@dataclass
class SiteData:
    root: Path
    site: Site
    contacts: list[Contact]
    infographics: list[Infographic]
    strings: dict[str, dict[str, str]] = field(default_factory=dict)
    theme_strings: dict[str, dict[str, str]] = field(default_factory=dict)
    checks: ContentChecks = field(default_factory=ContentChecks)
    all_contacts: list[Contact] = field(default_factory=list)  # published or not (see `published`)

    @cached_property
    def contacts_by_id(self) -> dict[str, Contact]:
        return {c.id: c for c in self.contacts}

    @cached_property
    def unpublished(self) -> dict[str, Contact]:
        """Contacts left off the site: secondary sources, where data/site.yml does not allow them."""
        return {c.id: c for c in self.all_contacts if c.id not in self.contacts_by_id}

    def notices_for(self, region: str) -> list:
        """The region's exceptions to the emergency advice (no emergency number there, and what to do)."""
        return [n for n in self.site.emergency.notices if n.region == region]

    @cached_property
    def infographics_by_id(self) -> dict[str, Infographic]:
        return {i.id: i for i in self.infographics}


def _strings(data_dir: Path, site: Site) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]], list[Problem]]:
    """Interface strings per language: the project's own, and (under `theme:`) the theme's."""
    from .theme_strings import known_keys

    problems: list[Problem] = []
    ours: dict[str, dict[str, str]] = {}
    theme: dict[str, dict[str, str]] = {}
    docs: dict[str, YamlDocument] = {}
    for lang in site.languages:
        path = data_dir / "strings" / f"{lang}.yml"
        if not path.is_file():
            problems.append(
                Problem(
                    path,
                    None,
                    "",
                    f"is missing: the site has no interface words for '{lang}' yet. Run `sitegen add-language "
                    f"{lang}` to start them, or take '{lang}' out of `languages` in data/site.yml.",
                )
            )
            continue
        doc = docs[lang] = load_yaml(path)
        raw = doc.data if isinstance(doc.data, dict) else None
        if raw is None:
            problems.append(Problem(doc.path, 1, "", "should be `key: text` lines, one per interface string."))
            continue
        theme_raw = raw.pop("theme", None) or {}
        for key, value in [*raw.items(), *(("theme." + str(k), v) for k, v in theme_raw.items())]:
            if not isinstance(value, str):
                loc = ("theme", key[6:]) if key.startswith("theme.") else (key,)
                problems.append(Problem(doc.path, doc.line_of(loc), key, "should be text; put it in quotes."))
        for key in theme_raw.keys() - known_keys():
            problems.append(
                Problem(
                    doc.path,
                    doc.line_of(("theme", key)),
                    f"theme.{key}",
                    "is not one of the theme's strings; check its spelling.",
                )
            )
        ours[lang] = {str(k): v for k, v in raw.items() if isinstance(v, str)}
        theme[lang] = {str(k): v for k, v in theme_raw.items() if isinstance(v, str)}
    reference = ours.get(site.default_language, {})
    for lang, strings in ours.items():
        doc = docs[lang]
        for key in sorted(reference.keys() - strings.keys()):
            problems.append(
                Problem(
                    doc.path,
                    None,
                    key,
                    f"is missing; copy it from strings/{site.default_language}.yml and translate it.",
                )
            )
        for key in sorted(strings.keys() - reference.keys()):
            problems.append(
                Problem(
                    doc.path,
                    doc.line_of((key,)),
                    key,
                    f"is not an interface string (not in strings/{site.default_language}.yml); check its spelling.",
                )
            )
        for key in sorted(reference.keys() & strings.keys()):
            missing = set(re.findall(r"\{(\w+)\}", reference[key])) - set(re.findall(r"\{(\w+)\}", strings[key]))
            extra = set(re.findall(r"\{(\w+)\}", strings[key])) - set(re.findall(r"\{(\w+)\}", reference[key]))
            if missing or extra:
                problems.append(
                    Problem(
                        doc.path,
                        doc.line_of((key,)),
                        key,
                        "must keep the {placeholders} of the original exactly: "
                        + ", ".join("{" + x + "}" for x in sorted(set(re.findall(r"\{(\w+)\}", reference[key])))),
                    )
                )
    return ours, theme, problems


_LOADED: dict[tuple, SiteData] = {}


def load_site_data(root: Path) -> SiteData:
    """Read data/ under `root`. Raises InputError listing every problem found.

    Read once per process while the files stay as they are: each language's build needs the
    same data several times, and a forked build process finds it already read.
    """
    folder = (root / "data").resolve()
    files = sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
    key = (folder, tuple((p, p.stat().st_mtime_ns, p.stat().st_size) for p in files))
    if key not in _LOADED:
        _LOADED.clear()
        _LOADED[key] = _read_site_data(root)
    return _LOADED[key]


def _read_site_data(root: Path) -> SiteData:
    data_dir = root / "data"
    problems: list[Problem] = []

    site_doc = load_yaml(data_dir / "site.yml")
    raw = site_doc.data if isinstance(site_doc.data, dict) else {}
    languages = raw.get("languages") if isinstance(raw.get("languages"), list) else []
    context = {
        "languages": [str(x) for x in languages],
        "default_language": raw.get("default_language"),
        "country": raw.get("country"),
    }
    site = _validate(site_doc, Site, context)
    context["country"] = site.country
    logo = branding.logo_file(site.branding)
    if logo and not (data_dir / logo).is_file():
        problems.append(
            Problem(
                site_doc.path,
                site_doc.line_of(("branding", "logo")),
                "branding.logo",
                f"there is no file data/{logo}; put the logo there, or name a Material icon instead.",
            )
        )
    for name, message in branding.problems(site.branding):
        problems.append(Problem(site_doc.path, site_doc.line_of(("branding", name)), f"branding.{name}", message))

    contacts: list[Contact] = []
    infographics: list[Infographic] = []
    for name, model, key in (
        ("contacts.yml", ContactsFile, "contacts"),
        ("infographics.yml", InfographicsFile, "infographics"),
    ):
        try:
            doc = load_yaml(data_dir / name)
            parsed = _validate(doc, model, context)
            items = getattr(parsed, key)
            problems += _duplicates(doc, items, key)
            if key == "contacts":
                contacts = items
                contacts_doc = doc
            else:
                infographics = items
        except InputError as exc:
            problems += exc.problems

    if contacts and site.regions:
        served = set(site.served_regions()) | {site.country, INTERNATIONAL}
        for i, contact in enumerate(contacts):
            if contact.region not in served and site.national_only:
                problems.append(
                    Problem(
                        contacts_doc.path,
                        contacts_doc.line_of(("contacts", i, "region")),
                        f"contacts[{i}].region",
                        f"{contact.region} is a region, but this site is national only (`regions: none` in "
                        f"data/site.yml): write {site.country} for a service of the whole country, or list the "
                        "site's regions there.",
                    )
                )
            elif contact.region not in served:
                problems.append(
                    Problem(
                        contacts_doc.path,
                        contacts_doc.line_of(("contacts", i, "region")),
                        f"contacts[{i}].region",
                        f"{contact.region} is not one of the site's regions ({', '.join(site.regions)} in "
                        "data/site.yml); add it there, or remove this contact.",
                    )
                )
    all_contacts = contacts
    contacts = published(contacts, site)
    if all_contacts:
        ids = {c.id for c in contacts}
        for i, ident in enumerate(site.crisis_lines):
            if ident not in ids:
                problems.append(
                    Problem(
                        site_doc.path,
                        site_doc.line_of(("crisis_lines", i)),
                        f"crisis_lines[{i}]",
                        unpublished_message(ident, all_contacts, contacts_doc.path.name),
                    )
                )
    try:
        strings, theme_strings, string_problems = _strings(data_dir, site)
        problems += string_problems
    except InputError as exc:
        problems += exc.problems
        strings, theme_strings = {}, {}
    checks = ContentChecks()
    if (data_dir / CHECKS_FILE).exists():
        try:
            checks = _validate(load_yaml(data_dir / CHECKS_FILE), ContentChecks, context)
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return SiteData(root, site, contacts, infographics, strings, theme_strings, checks, all_contacts)


def published(contacts: list[Contact], site: Site) -> list[Contact]:
    """The contacts readers see: official ones, and secondary ones only where the site allows them."""
    return [c for c in contacts if c.source_kind == "official" or site.publish_secondary_contacts]


def unpublished_message(ident: str, all_contacts: list[Contact], file_name: str) -> str:
    if any(c.id == ident for c in all_contacts):
        return (
            f"the contact '{ident}' has only secondary sources, and data/site.yml does not publish those "
            "(publish_secondary_contacts). Confirm it on an official page, or take it out of here."
        )
    return f"no contact has the id '{ident}' in {file_name}."
