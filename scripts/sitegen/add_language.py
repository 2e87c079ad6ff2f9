"""`sitegen add-language`: start a new language from the default one, ready to translate."""

from __future__ import annotations

import re
from pathlib import Path

from babel import Locale, UnknownLocaleError
from mkdocs.utils.meta import get_data

from .data import SiteData
from .pages import UNTRANSLATED, docs_dir
from .problems import InputError, Problem
from .theme_strings import scaffold


def add_language(data: SiteData, code: str) -> list[Path]:
    """Create docs/<code>/ and data/strings/<code>.yml from the default language, and list the language.

    Every page is a copy of the original marked `translation: {status: untranslated}`, so the site
    builds at once and shows each page in the default language, with a notice, until translated.
    """
    root, site = data.root, data.site
    settings = root / "data" / "site.yml"
    try:
        Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        raise InputError([Problem(settings, None, "languages", f"'{code}' is not a known language code.")]) from None
    if code in site.languages:
        raise InputError([Problem(settings, None, "languages", f"'{code}' is already one of the site's languages.")])

    text = settings.read_text(encoding="utf-8")
    listed = re.search(r"(?m)^languages:\s*\[([^\]]*)\]", text)
    if not listed:
        raise InputError(
            [
                Problem(
                    settings,
                    None,
                    "languages",
                    f"write the list on one line, like `languages: [en, fr]`, then add '{code}' to it.",
                )
            ]
        )

    created: list[Path] = []
    source = docs_dir(root, site.default_language)
    target = docs_dir(root, code)
    for page in sorted(source.rglob("*")):
        dest = target / page.relative_to(source)
        if page.is_dir() or dest.exists():
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        if page.suffix == ".md":
            body, meta = get_data(page.read_text(encoding="utf-8"))
            front = page.read_text(encoding="utf-8")[: -len(body)] if body else ""
            front = front.rstrip().removesuffix("---").rstrip() if meta else "---"
            dest.write_text(f"{front}\ntranslation:\n  status: {UNTRANSLATED}\n---\n{body}", encoding="utf-8")
        else:
            dest.write_bytes(page.read_bytes())
        created.append(dest)

    strings = root / "data" / "strings" / f"{code}.yml"
    if not strings.exists():
        original = (root / "data" / "strings" / f"{site.default_language}.yml").read_text(encoding="utf-8")
        lines = original.splitlines(keepends=True)
        schema = lines[0] if lines and lines[0].startswith("# yaml-language-server") else ""
        body = "".join(lines[1:] if schema else lines)
        note = f"# Not translated yet: copied from {site.default_language}.yml. Translate each text after the colon.\n"
        theme = scaffold(code, site.default_language, body)  # the theme's words, where it has none in this language
        strings.write_text(schema + note + body + theme, encoding="utf-8")
        created.append(strings)

    entries = [x.strip() for x in listed.group(1).split(",") if x.strip()]
    settings.write_text(text[: listed.start(1)] + ", ".join([*entries, code]) + text[listed.end(1) :], encoding="utf-8")
    return created
