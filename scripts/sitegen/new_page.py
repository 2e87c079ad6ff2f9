"""`sitegen new-page`: a new page in every language, and in the navigation."""

from __future__ import annotations

import re
from pathlib import Path

from .data import SiteData
from .pages import SITE_PAGES, UNTRANSLATED, docs_dir
from .problems import InputError, Problem

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_NAV_ITEM = re.compile(r"^  - .+\.md\s*(#.*)?$")
# What a new page holds until its editor writes it; `sitegen check` reports a page that still does.
PLACEHOLDER_TEXT = "Write the page here, in short sentences and everyday words."
PLACEHOLDER_DESCRIPTION = "One or two sentences saying what this page is for; search results show them."


def _front(title: str, extra: str = "") -> str:
    quoted = title.replace('"', '\\"')
    return f'---\ntitle: "{quoted}"\ndescription: {PLACEHOLDER_DESCRIPTION}\n{extra}---\n'


def new_page(data: SiteData, slug: str, title: str) -> list[Path]:
    """Create docs/<lang>/<slug>.md in every language (the others marked untranslated, so the site
    shows the original with a notice until translated) and add the page to mkdocs.yml's nav."""
    root, site = data.root, data.site
    original = docs_dir(root, site.default_language) / f"{slug}.md"
    if not _SLUG.match(slug):
        raise InputError(
            [
                Problem(
                    original, None, "", "use lower-case letters, digits and dashes for the name, e.g. talk-to-a-parent"
                )
            ]
        )
    if original.exists():
        raise InputError([Problem(original, None, "", "already exists; pick another name or edit that page")])
    if f"{slug}.md" in SITE_PAGES:
        raise InputError([Problem(original, None, "", "is the site's own error page: pick another name")])
    config = root / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    try:
        start = next(i for i, line in enumerate(lines) if line.rstrip() == "nav:")
    except StopIteration:
        raise InputError([Problem(config, None, "nav", "has no `nav:` list to add the page to")]) from None
    last = start
    for i in range(start + 1, len(lines)):
        if _NAV_ITEM.match(lines[i]):
            last = i
        elif lines[i].strip() and not lines[i].startswith(" "):
            break
    body = f"\n# {title}\n\n{PLACEHOLDER_TEXT}\n"
    created = []
    for lang in site.languages:
        path = docs_dir(root, lang) / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        extra = "" if lang == site.default_language else f"translation:\n  status: {UNTRANSLATED}\n"
        path.write_text(_front(title, extra) + body, encoding="utf-8")
        created.append(path)
    lines.insert(last + 1, f"  - {slug}.md\n")
    config.write_text("".join(lines), encoding="utf-8")
    return created
