"""Translation workflow: status by content hash, stamping, the build policy, adding a language."""

from __future__ import annotations

from pathlib import Path

from conftest import copy_project, page
from sitegen.build import build_site, validate
from sitegen.cli import main
from sitegen.translations import MISSING, OUTDATED, TRANSLATED, status_report

OTHERS = ["fr", "zh", "pa", "es", "ar", "tl"]


def _statuses(project: Path, key: str) -> dict[str, str]:
    report = status_report(validate(project))
    return {i.lang: i.status for i in report.items if i.key.endswith(key)}


def test_shipped_translations_are_all_current(project):
    report = status_report(validate(project))
    assert report.items and all(i.status == TRANSLATED for i in report.items), [
        i for i in report.items if i.status != TRANSLATED
    ][:5]
    # ...and honest about review: every machine-made page says it has not been reviewed.
    assert all(i.reviewed is False for i in report.items if i.kind == "page")


def test_a_changed_english_page_makes_its_translations_outdated(project, capsys):
    about = project / "docs" / "en" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")
    assert set(_statuses(project, "/about.md").values()) == {OUTDATED}
    assert set(_statuses(project, "/consequences.md").values()) == {TRANSLATED}

    assert main(["--root", str(project), "translations", "--fail-on", "outdated"]) == 1
    out = capsys.readouterr().out
    assert "- fr: docs/fr/about.md: outdated" in out and "- ar: docs/ar/about.md: outdated" in out

    # The French translator updates the page and stamps it: French is current, the others are not.
    assert main(["--root", str(project), "stamp", "fr", str(project / "docs" / "fr" / "about.md")]) == 0
    statuses = _statuses(project, "/about.md")
    assert statuses["fr"] == TRANSLATED and statuses["es"] == OUTDATED


def test_a_changed_english_data_text_makes_its_translations_outdated(project):
    contacts = project / "data" / "contacts.yml"
    text = contacts.read_text(encoding="utf-8")
    contacts.write_text(text.replace("It is not an emergency line.", "It is never an emergency line.", 1), "utf-8")
    assert set(_statuses(project, "contacts[ca-cybertip].description").values()) == {OUTDATED}
    assert set(_statuses(project, "contacts[ca-cybertip].name").values()) == {TRANSLATED}


def test_report_as_markdown(project, tmp_path, capsys):
    out = tmp_path / "status.md"
    assert main(["--root", str(project), "translations", "--markdown", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    pages = len(list((project / "docs" / "en").glob("*.md")))
    assert text.startswith("# Translation status") and f"| pa | {pages} | 0 | 0 | {pages} |" in text


def _require_french(project: Path, fail_on: str = "[missing]") -> None:
    settings = project / "data" / "site.yml"
    text = (
        settings.read_text("utf-8")
        .replace("required: []", "required: [fr]")
        .replace("fail_on: [missing]", f"fail_on: {fail_on}")
    )
    settings.write_text(text, "utf-8")


def test_by_default_a_missing_french_page_is_shown_in_english_with_a_notice(project, tmp_path):
    (project / "docs" / "fr" / "about.md").unlink()
    out = tmp_path / "site"
    build_site(project, out, posters=False)
    doc = page(out / "fr" / "about.html")
    assert doc.xpath("//div[contains(@class,'sg-fallback')]") and doc.xpath("//div[@lang='en']//h1")


def test_policy_stops_the_build_when_a_required_language_is_missing_a_page(project, tmp_path, capsys):
    _require_french(project)
    (project / "docs" / "fr" / "about.md").unlink()
    assert main(["--root", str(project), "build", "--out", str(tmp_path / "site")]) == 1
    err = capsys.readouterr().err
    assert "docs/fr/about.md" in err and "missing" in err and "requires fr" in err
    assert not (tmp_path / "site").exists()


def test_policy_can_also_refuse_outdated_translations(project, tmp_path, capsys):
    _require_french(project, "[missing, outdated]")
    about = project / "docs" / "en" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")
    assert main(["--root", str(project), "build", "--out", str(tmp_path / "site")]) == 1
    err = capsys.readouterr().err
    assert "docs/fr/about.md: the fr translation is outdated" in err
    assert "docs/es/about.md" not in err  # Spanish is not required


def test_add_language_starts_all_missing_and_still_builds(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    assert main(["--root", str(project), "add-language", "de"]) == 0
    assert "languages: [en, fr, zh, pa, es, ar, tl, de]" in (project / "data" / "site.yml").read_text("utf-8")
    assert sorted(p.name for p in (project / "docs" / "de").glob("*.md")) == sorted(
        p.name for p in (project / "docs" / "en").glob("*.md")
    )

    report = status_report(validate(project))
    german = [i for i in report.items if i.lang == "de"]
    assert german and {i.status for i in german} == {MISSING}

    out = tmp_path / "site"
    build_site(project, out, posters=False)
    doc = page(out / "de" / "protect-yourself.html")
    assert doc.get("lang") == "de"
    assert doc.xpath("//div[contains(@class,'sg-fallback')]")
    assert doc.xpath("//div[@lang='en']//h1")
    switch = page(out / "fr" / "protect-yourself.html").xpath("//nav[contains(@class,'sg-langs')]//a[@hreflang='de']")
    assert switch and switch[0].text_content() == "Deutsch"


def test_add_language_for_a_language_the_theme_lacks(tmp_path):
    """A language Material has no strings for gets them to translate, and builds at once."""
    project = copy_project(tmp_path / "project")
    assert main(["--root", str(project), "add-language", "yo"]) == 0  # Yoruba
    strings = (project / "data" / "strings" / "yo.yml").read_text(encoding="utf-8")
    assert "\ntheme:\n" in strings and "search.placeholder:" in strings
    out = tmp_path / "site"
    build_site(project, out, posters=False)
    doc = page(out / "yo" / "index.html")
    assert doc.get("lang") == "yo" and doc.xpath("//input[@placeholder='Search']")


def test_the_report_still_runs_when_the_policy_stops_the_build(project, capsys):
    """The report is how an editor finds what is missing: it must not be blocked by it."""
    _require_french(project)
    (project / "docs" / "fr" / "about.md").unlink()
    assert main(["--root", str(project), "translations"]) == 0
    assert "- fr: docs/fr/about.md: missing" in capsys.readouterr().out
    assert main(["--root", str(project), "check"]) == 1
    assert "requires fr" in capsys.readouterr().err
