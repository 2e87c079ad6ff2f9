"""The built pages lose the templates' indentation and nothing else, and the project's scripts
are minified (scripts/sitegen/minify.py); that the pages look the same is tested by
tests/test_css_trim.py's screenshots, that the scripts still work by the browser tests
(test_quick_exit.py, test_header_controls.py, test_weight.py, ...), which load the built site."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from conftest import ROOT, copy_project
from sitegen import minify, stylesheets
from sitegen.build import build_site
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


def test_the_built_scripts_are_minified_and_alike_in_every_language(site):
    for name in minify.SCRIPTS:
        built = (site / "assets" / name).read_text(encoding="utf-8")
        # The components' comments and indentation are gone, their code is there.
        assert "/* quick-exit */" not in built and "\n  " not in built, name
        assert all((site / lang / "assets" / name).read_text(encoding="utf-8") == built for lang in ("fr", "ar")), name
    bundle = (site / "assets" / "sitegen.js").read_text(encoding="utf-8")
    sources = sum(len(p.read_text(encoding="utf-8")) for p in (ROOT / "overrides" / "components").glob("*/*.js"))
    assert len(bundle) < sources / 2
    assert "data-sg-exit" in bundle  # strings (selectors, class names) are kept as written


_MINIFIER = ROOT / "scripts" / "css" / "minify-scripts.mjs"


def test_each_script_is_minified_and_top_level_names_are_kept():
    """The minifier the build runs (in the node that makes the site's CSS)."""
    script = "// why\nfunction sgShared(longName) {\n  return longName + 1;\n}\n"
    run = "const { minifyScripts } = await import(process.argv[1]); "
    run += "process.stdout.write(JSON.stringify(await minifyScripts(JSON.parse(process.argv[2]))));"
    done = subprocess.run(
        ["node", "--input-type=module", "-e", run, _MINIFIER.as_uri(), json.dumps([script, script])],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    en, fr = json.loads(done.stdout)
    assert en == fr
    # Another script of the page may call a top-level function: its name stays.
    assert "function sgShared(" in en and "longName" not in en and "why" not in en


def test_a_script_that_does_not_parse_or_a_missing_minifier_is_a_clear_message(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project")
    with (project / "overrides" / "components" / "quick-exit" / "quick-exit.js").open("a", encoding="utf-8") as f:
        f.write("\nfunction (\n")
    with pytest.raises(RuntimeError, match="minifying the site's JavaScript failed"):
        build_site(project, tmp_path / "site", posters=False)
    monkeypatch.setattr(stylesheets, "_SCRIPT", tmp_path / "nowhere" / "stylesheets.mjs")
    with pytest.raises(RuntimeError, match="run scripts/setup.sh"):
        build_site(project, tmp_path / "site", posters=False)
