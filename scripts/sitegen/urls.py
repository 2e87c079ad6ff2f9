"""Every address inside the built site, in one place: pages, languages, handouts, posters, vCards.

Addresses are relative and end in .html (no directory URLs), so the site works on any host, in
any folder, and opened from disk.
"""

from __future__ import annotations

import posixpath


def page_url(rel: str) -> str:
    """A page's address inside its language, from its Markdown file: get-help.md -> get-help.html."""
    return rel[: -len(".md")] + ".html"


def prefix(lang: str, default: str) -> str:
    """A language's folder: the default language at the site's root, the others in <code>/."""
    return "" if lang == default else f"{lang}/"


def relative(target: str, current: str) -> str:
    """A link from the published page `current` to `target`, both relative to the site's root."""
    return posixpath.relpath(target, posixpath.dirname(current) or ".")


def handout_path(region: str) -> str:
    """A region's one-page handout, inside a language's folder. A national-only site's one
    handout is the country's: `region` is then the country code (handout/nz.html)."""
    return f"handout/{region.lower()}.html"


def poster_path(infographic_id: str, suffix: str) -> str:
    """An infographic's poster (pdf or png), inside a language's folder."""
    return f"posters/{infographic_id}.{suffix}"


def vcard_path(contact_id: str) -> str:
    """A contact's vCard, inside a language's folder."""
    return f"contacts/{contact_id}.vcf"


def region_anchor(region: str) -> str:
    """A region's section of the contacts page."""
    return f"region-{region.lower()}"
