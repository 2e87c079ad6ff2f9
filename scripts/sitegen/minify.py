"""The built pages without the templates' indentation: the whitespace between two tags that
holds a line break becomes that line break alone. A browser renders both the same (a run of
white space is one space), except in <pre> and <textarea>, which are left as they are; the
page stays readable in "view source", and every attribute as it was written."""

from __future__ import annotations

import re

_KEEP_RE = re.compile(r"(<(pre|textarea)\b.*?</\2>)", re.S | re.I)
_INDENT_RE = re.compile(r">[ \t\r\f]*\n\s*<")


def minify_page(html: str) -> str:
    parts = _KEEP_RE.split(html)
    # split() with two groups yields text, kept block, tag name, text, ...: only the text changes.
    return "".join(_INDENT_RE.sub(">\n<", part) if i % 3 == 0 else part for i, part in enumerate(parts) if i % 3 != 2)
