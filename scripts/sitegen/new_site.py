"""`sitegen new-site`: a complete, building site for another police service, in a new folder.

The folder holds only what the service changes: mkdocs.yml, docs/ and data/. The generator's
code and components stay in this project; `sitegen --root FOLDER build` builds the folder.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from .pages import UNTRANSLATED
from .paths import PROJECT
from .problems import InputError, Problem

TEMPLATE = Path(__file__).resolve().parent / "site_template"
PAGES = ["index.md", "what-is-sextortion.md", "get-help.md", "about.md"]
# The shipped strings name Canada's provinces and territories; a new site's regions are its own.
_REGION_WORDS = {
    "en": ("Police by region", "Choose your region"),
    "fr": ("Police par région", "Choisissez votre région"),
    "es": ("Policía por región", "Elige tu región"),
    "zh": ("各地区的警察", "选择你所在的地区"),
    "pa": ("ਖੇਤਰ ਅਨੁਸਾਰ ਪੁਲਿਸ", "ਆਪਣਾ ਖੇਤਰ ਚੁਣੋ"),
    "ar": ("الشرطة حسب المنطقة", "اختر منطقتك"),
    "tl": ("Pulis ayon sa rehiyon", "Piliin ang iyong rehiyon"),
}
_REGION_KEYS = ("contacts_regions_heading", "contacts_pick_region")


@dataclass(frozen=True)
class NewSite:
    folder: Path
    organisation: str
    site_name: str
    country: str
    emergency: str
    emergency_source: str
    languages: list[str]
    quick_exit: str
    primary: str = "#1d3a5f"
    accent: str = "#0b5cad"
    regions: tuple[str, ...] = ()  # empty: all the country's top-level regions


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _regions_line(s: NewSite) -> str:
    if s.regions:
        return f"regions: [{', '.join(s.regions)}]   # the regions this site serves (ISO 3166-2)"
    return "# regions: [...]   # leave out for all the country's top-level regions (ISO 3166-2 codes)"


def _site_yml(s: NewSite) -> str:
    default = s.languages[0]
    return f"""# yaml-language-server: $schema=schema/site.schema.json
# $schema: schema/site.schema.json
# Site settings, written by `sitegen new-site`. Texts are written once per language; add a
# line for each other language (for example `cy: ...`) as you translate.

site_name:
  {default}: {_q(s.site_name)}
organisation:
  {default}: {_q(s.organisation)}
description:
  {default}: {_q("What to do if someone threatens to share your intimate photos or videos, and where to get help.")}

# site_url: https://example.org/help/   # the address the site will have; see README.md, Deploy

country: {s.country}
{_regions_line(s)}
default_language: {default}
languages: [{", ".join(s.languages)}]

emergency:
  phone:
    type: short
    number: {_q(s.emergency)}
  source: {s.emergency_source}
  checked: {dt.date.today().isoformat()}

# The neutral site the "Exit this page" button opens.
quick_exit:
  url: {s.quick_exit}

# Ids of contacts (data/contacts.yml) shown beside the emergency number on every page.
crisis_lines: []

# Colours (checked for WCAG AA contrast when the site is built) and the logo (a Material icon).
branding:
  primary: {_q(s.primary)}
  accent: {_q(s.accent)}
  logo: material/shield-account
"""


_CONTACTS = """# yaml-language-server: $schema=schema/contacts.schema.json
# $schema: schema/contacts.schema.json
# Police and help services. Publish only numbers and addresses you have seen on the service's
# own public page: put that page in `source` and the day you checked it in `checked`.
# See docs/README.md in the generator's repository ("Add or update a contact").

contacts: []
"""

_INFOGRAPHICS = """# yaml-language-server: $schema=schema/infographics.schema.json
# $schema: schema/infographics.schema.json
# Infographics, shown in a page with [[infographic <id>]]. None yet.

infographics: []
"""


def _strings(lang: str) -> str:
    shipped = PROJECT / "data" / "strings" / f"{lang}.yml"
    source = shipped if shipped.exists() else PROJECT / "data" / "strings" / "en.yml"
    chosen = _REGION_WORDS.get(lang if shipped.exists() else "en", _REGION_WORDS["en"])
    words = dict(zip(_REGION_KEYS, chosen, strict=True))
    lines = []
    for line in source.read_text(encoding="utf-8").splitlines():
        key = line.split(":", 1)[0]
        if key in words:
            line = f"{key}: {_q(words[key])}"
        lines.append(line)
    if not shipped.exists():
        lines.insert(2, "# Not translated yet: copied from English. Translate each text after the colon.")
    return "\n".join(lines) + "\n"


def _mkdocs_yml() -> str:
    text = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    start, end = text.index("nav:\n"), text.index("\ntheme:")
    nav = "nav:\n" + "".join(f"  - {page}\n" for page in PAGES)
    return text[:start] + nav + text[end:]


def _content_checks() -> str:
    """The generator's check settings, but no page is yet held to name its sources: a new
    service lists its own advice pages there once they cite its own country's services."""
    text = (PROJECT / "data" / "content-checks.yml").read_text(encoding="utf-8")
    head, _, _ = text.partition("\nsources_required:")
    return head + "\nsources_required: []   # e.g. [index.md, get-help.md], once those pages list `sources:`\n"


def new_site(s: NewSite) -> list[Path]:
    """Write the new site's folder. Refuses a folder that already has files."""
    if s.folder.exists() and any(s.folder.iterdir()):
        raise InputError([Problem(s.folder, None, "", "is not empty; give a new folder for the new site")])
    default = s.languages[0]
    files: dict[str, str] = {
        "mkdocs.yml": _mkdocs_yml(),
        "data/site.yml": _site_yml(s),
        "data/contacts.yml": _CONTACTS,
        "data/infographics.yml": _INFOGRAPHICS,
        "data/content-checks.yml": _content_checks(),
    }
    for lang in s.languages:
        files[f"data/strings/{lang}.yml"] = _strings(lang)
        for page in PAGES:
            text = (TEMPLATE / "docs" / page).read_text(encoding="utf-8")
            if lang != default:
                text = text.replace("\n---\n", f"\ntranslation:\n  status: {UNTRANSLATED}\n---\n", 1)
            files[f"docs/{lang}/{page}"] = text
    written = []
    for rel, text in files.items():
        path = s.folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    shutil.copytree(PROJECT / "data" / "schema", s.folder / "data" / "schema")
    return written
