"""The HTML an editor's page may contain, enforced by an allow-list sanitiser (nh3, Ammonia).

Markdown lets a page carry raw HTML. A page is content, not code: no script, no event-handler
attribute, no javascript:, data: or vbscript: address, no frame, object, form or style. What the
sanitiser removes stops the build, named with the page's file and line, so an editor never
publishes a page that differs from what they wrote without knowing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import nh3
from lxml import etree
from lxml import html as lxml_html

TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "a", "strong", "em", "b", "i",
    "u", "s", "del", "ins", "mark", "small", "sub", "sup", "abbr", "cite", "q", "kbd", "code", "pre",
    "blockquote", "hr", "br", "img", "figure", "figcaption", "div", "span", "table", "thead", "tbody",
    "tfoot", "tr", "th", "td", "caption", "details", "summary", "time",
}  # fmt: skip
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed"},
    "th": {"colspan", "rowspan", "scope", "align"},
    "td": {"colspan", "rowspan", "align"},
    "time": {"datetime"},
    "details": {"open"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel", "sms"}
# Names the theme and the site give their own parts (the quick exit, the menus, search, the crisis
# bar): in a page, a class could dress a link as the exit button, and an id could take over a
# toggle or a target the site's script looks up. (A heading's id is made from its words: one that
# begins "MD " or "SG-" would be named too, and can be given an id of its own with {: #name }.)
_RESERVED_CLASS = re.compile(r"(?:^|\s)(?:md|sg)-", re.I)
_RESERVED_ID = re.compile(r"\s*(?:__|md-|sg-|sitegen-)", re.I)


def _not_the_sites_own(tag: str, attribute: str, value: str) -> str | None:
    if (attribute == "class" and _RESERVED_CLASS.search(value)) or (attribute == "id" and _RESERVED_ID.match(value)):
        return None
    return value


@dataclass(frozen=True)
class Removed:
    what: str  # e.g. '<script>' or 'onerror="..." on <img>'
    needle: str  # what to look for in the Markdown, to find the line


def _inventory(html: str) -> Counter:
    found: Counter = Counter()
    try:
        tree = lxml_html.fragment_fromstring(html or "<p></p>", create_parent="div")
    except etree.ParserError:  # lxml finds no element at all (the text "<html", say): nothing to count
        return found
    for el in tree.iter():
        if not isinstance(el.tag, str) or el is tree:
            continue
        found[(el.tag, None, None)] += 1
        for name, value in el.attrib.items():
            found[(el.tag, name, value)] += 1
    return found


# Control characters (tab and newlines aside) and bidi overrides: invisible, they can hide or
# reorder what a reader sees.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(html: str) -> tuple[str, list[Removed]]:
    """The page's HTML with only what the allow-list permits, and what had to go."""
    removed = [
        Removed(f"an invisible character (U+{ord(ch):04X})", ch) for ch in dict.fromkeys(_INVISIBLE.findall(html))
    ]
    html = _INVISIBLE.sub("", html)
    cleaned = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
        attribute_filter=_not_the_sites_own,
    )
    gone = _inventory(html) - _inventory(cleaned)
    for tag, name, value in sorted(gone, key=lambda k: (k[0], k[1] or "", k[2] or "")):
        if name is None:
            removed.append(Removed(f"<{tag}>", f"<{tag}"))
        else:
            shown = value if len(value) <= 40 else value[:37] + "..."
            removed.append(Removed(f'{name}="{shown}" on <{tag}>', value if name in ("href", "src") else name))
    return cleaned, removed


def locate(markdown_file: Path, needle: str) -> int | None:
    """The first line of the page's file that holds `needle` (case-insensitive)."""
    pattern = re.compile(re.escape(needle), re.I)
    for number, line in enumerate(markdown_file.read_text(encoding="utf-8").splitlines(), start=1):
        if pattern.search(line):
            return number
    return None
