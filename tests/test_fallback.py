"""A page not yet translated is published in the default language, labelled as such."""

from __future__ import annotations

from conftest import copy_project, page
from sitegen.build import build_site


def test_missing_translation_falls_back_with_a_notice_and_lang(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "docs" / "es" / "consequences.md").unlink()
    out = tmp_path / "site"
    build_site(project, out, posters=False)

    doc = page(out / "es" / "consequences.html")
    assert doc.get("lang") == "es"  # the page (its chrome) is Spanish...
    notice = doc.xpath("//div[contains(@class,'sg-fallback')]")
    assert notice and "inglés" in notice[0].text_content()  # ...says so in Spanish...
    english = doc.xpath("//div[@lang='en']")
    assert (
        english and english[0].xpath(".//h1")[0].text_content().strip() == "The consequences"
    )  # ...and marks the English
    # The switch still leads to the English original, and the translated pages have no notice.
    assert doc.xpath("//nav[contains(@class,'sg-langs')]//a[@hreflang='en']/@href") == ["../consequences.html"]
    assert not page(out / "es" / "about.html").xpath("//div[contains(@class,'sg-fallback')]")


def test_a_page_with_no_original_is_refused(tmp_path, capsys):
    from sitegen.cli import main

    project = copy_project(tmp_path / "project")
    (project / "docs" / "fr" / "nouvelle-page.md").write_text("# Nouvelle\n", encoding="utf-8")
    assert main(["--root", str(project), "build"]) == 1
    err = capsys.readouterr().err
    assert "docs/fr/nouvelle-page.md" in err and "no original in docs/en/" in err
    assert not (project / "site").exists()
