"""`sitegen new-site`: a complete, building site for another police service, in a new folder.

The folder holds only what the service changes: mkdocs.yml, docs/ and data/. The generator's
code and components stay in this project; `sitegen --root FOLDER build` builds the folder.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from .pages import UNTRANSLATED
from .paths import PROJECT
from .problems import InputError, Problem
from .render import base_language, language_keys, language_name
from .theme_strings import scaffold, words_to_translate

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
    regions: tuple[str, ...] = ()  # empty: all the country's top-level regions; ("NONE",): national only


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def national_only(s: NewSite) -> bool:
    """`--regions none` (or the country's own code): one service for the whole country."""
    return tuple(code.strip().upper() for code in s.regions) in (("NONE",), (s.country.upper(),))


def _regions_line(s: NewSite) -> str:
    if national_only(s):
        return "regions: none   # national only: no region list, one handout for the whole country"
    if s.regions:
        return f"regions: [{', '.join(s.regions)}]   # the regions this site serves (ISO 3166-2)"
    return (
        "# regions: [...]   # leave out for all the country's top-level regions (ISO 3166-2 codes); "
        "none for national only"
    )


def _other_language_example(s: NewSite) -> str:
    if len(s.languages) > 1:
        return f"for example `{s.languages[1]}: ...`"
    return "`<code>: ...`, once it is in `languages`"


def _site_yml(s: NewSite) -> str:
    default = s.languages[0]
    return f"""# yaml-language-server: $schema=schema/site.schema.json
# $schema: schema/site.schema.json
# Site settings, written by `sitegen new-site`. Texts are written once per language; add a
# line for each other language ({_other_language_example(s)}) as you translate.

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
# A regional variant (en-NZ, fr-CA) is written in full: its pages are in docs/en-NZ/, its words in
# data/strings/en-NZ.yml; it takes its base language's check settings unless given its own.
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


def _shipped_strings(lang: str) -> Path | None:
    """The generator's own strings for `lang`, or for the language it is a variant of (en-NZ: en.yml)."""
    for key in language_keys(lang):
        shipped = PROJECT / "data" / "strings" / f"{key}.yml"
        if shipped.exists():
            return shipped
    return None


def _strings(lang: str) -> str:
    """data/strings/<lang>.yml: the generator's words in that language (or its base language's);
    for a language it has none in, the English words to translate, every one of them (the
    "page not found" page's too), with the theme's words where the theme lacks the language."""
    shipped = _shipped_strings(lang)
    source = shipped or PROJECT / "data" / "strings" / "en.yml"
    chosen = _REGION_WORDS.get(source.stem, _REGION_WORDS["en"])
    words = dict(zip(_REGION_KEYS, chosen, strict=True))
    lines = []
    for line in source.read_text(encoding="utf-8").splitlines():
        key = line.split(":", 1)[0]
        if key in words:
            line = f"{key}: {_q(words[key])}"
        lines.append(line)
    if shipped is None:
        lines.insert(2, "# Not translated yet: copied from English. Translate each text after the colon.")
    text = "\n".join(lines) + "\n"
    return text + scaffold(lang, "en", text)


def translation_notes(languages: list[str]) -> list[str]:
    """What the new site shows in English until someone translates it, one line per language:
    an editor is told now, not by a reader finding "Skip to content" on a page in te reo Māori."""
    notes = []
    english = PROJECT / "data" / "strings" / "en.yml"
    count = sum(1 for line in english.read_text(encoding="utf-8").splitlines() if re.match(r"^\w[\w-]*:", line))
    for lang in languages:
        if _shipped_strings(lang) is not None:
            continue
        name = language_name(lang, "en")
        note = (
            f"data/strings/{lang}.yml ({name}): the site's {count} interface words are in English, the "
            '"page not found" page\'s among them (not_found_title, not_found_text)'
        )
        theme = words_to_translate(lang)
        if theme:
            examples = ("action.skip", "search.placeholder", "footer.next")
            shown = ", ".join(f'"{theme[k]}"' for k in examples if k in theme)
            note += f", and so are the theme's {len(theme)} words under `theme:` ({shown}...)"
        notes.append(note + ". Translate the text after each colon.")
    return notes


def writes_english_pages(languages: list[str]) -> bool:
    """The starting pages are in English: the first language needs them translated unless it is
    English, or a variant of it (en-NZ, en-GB), which is the source language as it is."""
    return bool(languages) and base_language(languages[0]) != "en"


def _mkdocs_yml() -> str:
    text = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    start, end = text.index("nav:\n"), text.index("\ntheme:")
    nav = "nav:\n" + "".join(f"  - {page}\n" for page in PAGES)
    return text[:start] + nav + text[end:]


_LANGUAGE_KEY = re.compile(r"^  ([A-Za-z-]+): ")
_PHRASE = re.compile(r"^  - lang: ([A-Za-z-]+)\s*$")


def _content_checks(languages: list[str]) -> str:
    """The generator's check settings for the new site's languages only, and no page yet held to
    name its sources: a new service lists its own advice pages there once they cite its own
    country's services."""
    text = (PROJECT / "data" / "content-checks.yml").read_text(encoding="utf-8")
    head, _, _ = text.partition("\nsources_required:")
    languages = [*languages, *(base_language(x) for x in languages)]  # en-NZ is checked by en's settings
    lines: list[str] = []
    section, keep, items = "", True, 0
    for line in head.splitlines():
        if line and not line.startswith((" ", "#")):  # a section: reading_level:, blaming_phrases: ...
            _close_section(lines, section, items)
            section, keep, items = line, True, 0
        elif m := _PHRASE.match(line):  # an item of blaming_phrases, with its lines below it
            keep = m.group(1) in languages
        elif m := _LANGUAGE_KEY.match(line):  # `  fr: ...` under reading_level: or vague_link_text:
            keep = m.group(1) in languages
        elif not line.startswith("    "):
            keep = True
        if keep:
            items += line.startswith("  ") and not line.startswith("    ")
            lines.append(line)
    _close_section(lines, section, items)
    later = "   # e.g. [index.md, get-help.md], once those pages list `sources:`"
    return "\n".join(lines) + f"\nsources_required: []{later}\n"


def _close_section(lines: list[str], section: str, items: int) -> None:
    """A section left with none of the site's languages is written as empty ({} or [])."""
    if section and not items:
        at = lines.index(section)
        lines[at] = section + (" []" if section.startswith("blaming_phrases") else " {}")


# What `sitegen build` writes into the project (the site, its nginx snippet, the drawn posters it
# reuses, a half-made build while it runs, the log of a crash): kept out of the editors' git.
_GITIGNORE = """/site/
/*.nginx.conf
/.cache/
/.sitegen-*/
/.sitegen-error.log
"""


def new_site(s: NewSite) -> list[Path]:
    """Write the new site's folder. Refuses a folder that already has files."""
    if s.folder.exists() and any(s.folder.iterdir()):
        raise InputError([Problem(s.folder, None, "", "is not empty; give a new folder for the new site")])
    default = s.languages[0]
    files: dict[str, str] = {
        ".gitignore": _GITIGNORE,
        "mkdocs.yml": _mkdocs_yml(),
        "data/site.yml": _site_yml(s),
        "data/contacts.yml": _CONTACTS,
        "data/infographics.yml": _INFOGRAPHICS,
        "data/content-checks.yml": _content_checks(s.languages),
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
