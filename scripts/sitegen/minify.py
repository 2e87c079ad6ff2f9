"""The built pages minified (whitespace between tags, comments) by minify-html: the templates'
indentation would otherwise cost every reader bytes before the first paint."""

from __future__ import annotations

from pathlib import Path

import minify_html


def minify_page(html: str) -> str:
    """`html` with what a browser ignores taken out. Every tag is kept, closing ones too, and
    scripts and styles are left as they are (the policy allows the inline style by its hash)."""
    return minify_html.minify(
        html,
        keep_closing_tags=True,
        keep_html_and_head_opening_tags=True,
        minify_css=False,
        minify_js=False,
    )


def minify_pages(site: Path) -> None:
    """Every page of the built site (not the theme's files under assets/)."""
    for path in site.rglob("*.html"):
        if "assets" not in path.relative_to(site).parts:
            path.write_text(minify_page(path.read_text(encoding="utf-8")), encoding="utf-8")
