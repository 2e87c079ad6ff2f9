"""The built site made lighter, once every language is built (`sitegen build` only).

Pages: without the templates' indentation: the whitespace between two tags that holds a line
break becomes that line break alone. A browser renders both the same (a run of white space is
one space), except in <pre> and <textarea>, which are left as they are; the page stays readable
in "view source", and every attribute as it was written.

Scripts: the project's own JavaScript (overrides/components/*/*.js, bundled per language as
assets/sitegen.js) minified by terser (scripts/css/minify-scripts.mjs, pinned in scripts/css), in
the node that makes the site's CSS (stylesheets.make_stylesheets: that node is already running).
"""

from __future__ import annotations

import re
from pathlib import Path

_KEEP_RE = re.compile(r"(<(pre|textarea)\b.*?</\2>)", re.S | re.I)
_INDENT_RE = re.compile(r">[ \t\r\f]*\n\s*<")


def minify_page(html: str) -> str:
    parts = _KEEP_RE.split(html)
    # split() with two groups yields text, kept block, tag name, text, ...: only the text changes.
    return "".join(_INDENT_RE.sub(">\n<", part) if i % 3 == 0 else part for i, part in enumerate(parts) if i % 3 != 2)


# The project's scripts under each language's assets/ (the theme's own come minified).
SCRIPTS = ("sitegen.js", "offline-search/frame.js", "offline-search/frame-worker.js")


def read_scripts(language_dirs: list[Path]) -> dict[Path, str]:
    """Each language's copy of the project's scripts, as built."""
    files = [p for folder in language_dirs for name in SCRIPTS if (p := folder / "assets" / name).is_file()]
    return {p: p.read_text(encoding="utf-8") for p in files}


def write_minified(texts: dict[Path, str], minified: dict[str, str]) -> None:
    """Each script written again as its text minified (`minified`: text -> minified text)."""
    for path, text in texts.items():
        path.write_text(minified[text], encoding="utf-8")
