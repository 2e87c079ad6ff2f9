"""Ids on a page: two elements with one id make every link to it (a province in the contacts list,
a heading in the page's contents) lead to whichever comes first, so a page may not repeat one.

A page's own ids (a heading's, made from its words, or one an editor gives with {: #name }) are
made by Markdown, and the project's parts (the contacts list, a contact's card) go in after it:
Markdown cannot tell them apart, so the finished content is checked once it is whole.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html
from markdown.extensions.toc import slugify

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s*\{[^}]*\})?(?:\s+#+)?\s*$")
_OWN_ID = re.compile(r"\{[^}]*#[\w-]+[^}]*\}\s*$")
# The placeholders that bring a part with ids of its own: a contact's card, an infographic.
_DIRECTIVE = re.compile(r"\[\[(contact|infographic)\s+([^\]\s]+)\s*\]\]")


def repeated_ids(html: str) -> list[str]:
    """Each id that more than one element of `html` (a page's content) has, in the order of first use."""
    try:
        tree = lxml_html.fragment_fromstring(html or "<p></p>", create_parent="div")
    except etree.ParserError:  # no element at all: no id either
        return []
    counts = Counter(str(value) for value in tree.xpath(".//@id"))
    return [value for value, n in counts.items() if n > 1]


def id_line(markdown_file: Path, id_: str) -> int | None:
    """The line of the page's file that gives an element `id_`, the page's own first: an attribute
    list ({#name}, {: #name }), an id="name" in its HTML, or a heading whose words make that id;
    else the placeholder that brings it (a contact's card, an infographic, the contacts list)."""
    lines = markdown_file.read_text(encoding="utf-8").splitlines()
    given = re.compile(r"\{[^}]*#" + re.escape(id_) + r"(?![\w-])[^}]*\}|\bid=[\"']" + re.escape(id_) + "[\"']")
    for number, line in enumerate(lines, start=1):
        heading = _HEADING.match(line)
        # A heading given an id of its own does not take the one its words would make.
        made = heading and not _OWN_ID.search(line) and slugify(heading.group(1), "-") == id_
        if given.search(line) or made:
            return number
    for number, line in enumerate(lines, start=1):
        for kind, arg in _DIRECTIVE.findall(line):
            if (kind == "contact" and id_ == f"contact-{arg}") or (
                kind == "infographic" and id_.startswith(f"sg-infographic-{arg}")
            ):
                return number
    # The contacts list's own ids: its regions, its headings, the cards it shows.
    return next((number for number, line in enumerate(lines, start=1) if "[[contacts]]" in line), None)


def id_problem_message(id_: str) -> str:
    return (
        f'more than one part of the page has the id "{id_}", so a link to it (such as a province in the '
        "list of contacts, or a heading in the page's contents) can lead to the wrong one. Give the "
        "heading on this line other words, or an id of its own ({: #another-name } after it); show each "
        "contact's card or infographic once a page."
    )
