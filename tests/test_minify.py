"""The built pages lose the templates' indentation and nothing else (scripts/sitegen/minify.py);
that they look the same is tested by tests/test_css_trim.py's screenshots."""

from __future__ import annotations

import re

from sitegen.minify import minify_page


def test_indentation_between_tags_goes_and_preformatted_text_stays():
    html = (
        '<div class="a">\n    <p title="x  y">one  two</p>\n  <pre><code>\n    <span>kept</span>\n</code></pre>'
        "\n<textarea>\n    kept too\n</textarea>\n <b>bold</b> <i>it</i>\n</div>"
    )
    out = minify_page(html)
    assert out.startswith('<div class="a">\n<p title="x  y">one  two</p>\n')
    assert "<pre><code>\n    <span>kept</span>\n</code></pre>" in out
    assert "<textarea>\n    kept too\n</textarea>" in out
    assert "<b>bold</b> <i>it</i>" in out  # a space between words on one line is content


def test_the_built_pages_carry_no_indentation_between_tags(site):
    for name in ("index.html", "get-help.html", "ar/get-help.html", "404.html", "handout/ca-nu.html"):
        page = (site / name).read_text(encoding="utf-8")
        assert not re.search(r">[ \t]*\n[ \t]+<", page), name
