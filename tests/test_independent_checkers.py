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


@pytest.mark.parametrize("lang", ["", "ar/", "pa/"])
def test_ibm_equal_access_finds_only_what_is_listed(browser, site_server, lang):
    found, seen = [], set()
    for width in (1280, 390):
        tab = browser.new_page(viewport={"width": width, "height": 900})
        try:
            for name in KINDS:
                tab.goto(site_server + lang + name)
                for rule, element, message in ibm_violations(tab):
                    listed = [i for i, a in enumerate(ALLOWED) if a["rule"] == rule and a["element"] in element]
                    seen.update(listed)
                    if not listed:
                        found.append(f"{width}px {lang}{name}: {rule} at {element}: {message}")
        finally:
            tab.close()
    assert found == []
    # The list stays honest: an entry the checker no longer reports is taken out.
    assert [a["rule"] for i, a in enumerate(ALLOWED) if i not in seen] == []


def test_ibm_equal_access_finds_a_label_for_a_hidden_checkbox(browser):
    with serve_folder(BROKEN) as url:
        tab = browser.new_page()
        try:
            tab.goto(url + "index.html")
            rules = {rule for rule, _, _ in ibm_violations(tab)}
        finally:
            tab.close()
    assert {"label_ref_valid", "svg_graphics_labelled"} <= rules


@pytest.mark.parametrize("lang", ["", "ar/", "pa/"])
def test_html_codesniffer_finds_only_what_is_listed(browser, site_server, lang):
    found, seen = [], set()
    for width in (1280, 390):
        tab = browser.new_page(viewport={"width": width, "height": 900})
        try:
            for name in KINDS:
                tab.goto(site_server + lang + name)
                for code, element, message in htmlcs_errors(tab):
                    listed = [i for i, a in enumerate(HTMLCS_ALLOWED) if a["code"] in code and a["element"] in element]
                    seen.update(listed)
                    if not listed:
                        found.append(f"{width}px {lang}{name}: {code} at {element}: {message}")
        finally:
            tab.close()
    assert found == []
    assert [a["code"] for i, a in enumerate(HTMLCS_ALLOWED) if i not in seen] == []


def test_html_codesniffer_finds_an_image_without_text_and_faint_text(browser):
    with serve_folder(BROKEN) as url:
        tab = browser.new_page()
        try:
            tab.goto(url + "index.html")
            codes = " ".join(code for code, _, _ in htmlcs_errors(tab))
        finally:
            tab.close()
    assert "1_1_1.H37" in codes and "1_4_3.G18" in codes
