"""Checkers the project did not write, next to axe-core: the W3C Nu HTML checker on every page
of every language, and IBM Equal Access and HTML_CodeSniffer on one page of each kind in
English, Arabic and Punjabi, on a desktop and on a phone. What IBM or HTML_CodeSniffer still
reports is listed, with the reason, in tests/engines/ibm-allowed.yml and htmlcs-allowed.yml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from browser_checks import ENGINES, htmlcs_errors, ibm_violations, nu_html_errors
from conftest import ROOT, serve_folder

ALLOWED = yaml.safe_load((ROOT / "tests" / "engines" / "ibm-allowed.yml").read_text(encoding="utf-8"))
HTMLCS_ALLOWED = yaml.safe_load((ROOT / "tests" / "engines" / "htmlcs-allowed.yml").read_text(encoding="utf-8"))
# One page of each kind: home, the contacts page, an advice page, the infographic, a handout, the 404.
KINDS = ["index.html", "get-help.html", "what-is-sextortion.html", "infographic.html", "handout/ca-nu.html", "404.html"]
BROKEN = Path(__file__).parent / "fixtures" / "broken"


def test_engines_are_the_pinned_versions():
    """The checkers run are the ones package-lock.json names (axe 4.14, not an older copy)."""
    lock = yaml.safe_load((ROOT / "tests" / "engines" / "package-lock.json").read_text(encoding="utf-8"))
    for name in ("axe-core", "vnu-jar", "accessibility-checker-engine", "html_codesniffer"):
        installed = yaml.safe_load((ENGINES / name / "package.json").read_text(encoding="utf-8"))["version"]
        assert installed == lock["packages"][f"node_modules/{name}"]["version"], name
    assert lock["packages"]["node_modules/axe-core"]["version"].startswith("4.14.")


def test_nu_html_checker_finds_no_error_on_any_page(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 150  # every page, handout and 404 of every language
    assert nu_html_errors(pages) == []


def test_nu_html_checker_finds_a_duplicate_id_and_autocomplete_on_a_checkbox():
    found = "\n".join(nu_html_errors([BROKEN / "index.html"]))
    assert "Duplicate ID" in found and "autocomplete" in found


def _not_listed(browser, url: str, lang: str, check, allowed: list[dict], match) -> tuple[list[str], list[int]]:
    """What `check` finds on one page of each kind in `lang` (its folder), on a desktop and on a
    phone, that no entry of `allowed` matches (`match(entry, what)`, and the entry's `element` a
    piece of the element's tag); and which entries matched something."""
    found, seen = [], set()
    for width in (1280, 390):
        tab = browser.new_page(viewport={"width": width, "height": 900})
        try:
            for name in KINDS:
                tab.goto(url + lang + name)
                for what, element, message in check(tab):
                    listed = [i for i, a in enumerate(allowed) if match(a, what) and a["element"] in element]
                    seen.update(listed)
                    if not listed:
                        found.append(f"{width}px {lang}{name}: {what} at {element}: {message}")
        finally:
            tab.close()
    return found, sorted(seen)


@pytest.mark.parametrize("lang", ["", "ar/", "pa/"])
def test_ibm_equal_access_finds_only_what_is_listed(browser, site_server, lang):
    found, seen = _not_listed(browser, site_server, lang, ibm_violations, ALLOWED, lambda a, rule: a["rule"] == rule)
    assert found == []
    # The list stays honest: an entry the checker no longer reports is taken out.
    assert [a["rule"] for i, a in enumerate(ALLOWED) if i not in seen] == []


def _on_the_broken_page(browser, check) -> list[str]:
    """What `check` finds on tests/fixtures/broken: the first of each finding's parts."""
    with serve_folder(BROKEN) as url:
        tab = browser.new_page()
        try:
            tab.goto(url + "index.html")
            return [what for what, _, _ in check(tab)]
        finally:
            tab.close()


def test_ibm_equal_access_finds_a_label_for_a_hidden_checkbox(browser):
    assert {"label_ref_valid", "svg_graphics_labelled"} <= set(_on_the_broken_page(browser, ibm_violations))


@pytest.mark.parametrize("lang", ["", "ar/", "pa/"])
def test_html_codesniffer_finds_only_what_is_listed(browser, site_server, lang):
    found, seen = _not_listed(
        browser, site_server, lang, htmlcs_errors, HTMLCS_ALLOWED, lambda a, code: a["code"] in code
    )
    assert found == []
    assert [a["code"] for i, a in enumerate(HTMLCS_ALLOWED) if i not in seen] == []


def test_html_codesniffer_finds_an_image_without_text_and_faint_text(browser):
    codes = " ".join(_on_the_broken_page(browser, htmlcs_errors))
    assert "1_1_1.H37" in codes and "1_4_3.G18" in codes
