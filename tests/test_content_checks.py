"""`sitegen check`: pages with each kind of problem get a message naming file, line and fix;
the shipped content passes every check."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from sitegen.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "content"


def _line(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def _check(project: Path, capsys: pytest.CaptureFixture) -> tuple[int, str]:
    code = main(["--root", str(project), "check"])
    return code, capsys.readouterr().out


def test_the_shipped_content_passes_every_check(capsys):
    code, out = _check(ROOT, capsys)
    assert code == 0, out
    assert "The pages passed every check." in out
    assert "Reading level, en: 10 pages by flesch_kincaid_grade" in out


def test_each_kind_of_problem_is_found_with_its_line_and_fix(project, capsys):
    page = project / "docs" / "en" / "problems.md"
    shutil.copy(FIXTURES / "problems.en.md", page)
    code, out = _check(project, capsys)
    assert code == 1
    section = out.split("docs/en/problems.md\n", 1)[1].split("\n\n", 1)[0]
    expected = [
        (_line(page, "## Starts"), "[headings] the page's first heading is level 2", "`# Title`"),
        (_line(page, "#### Skips"), "[headings] the heading jumps from level 2 to level 4", "Use ###"),
        (_line(page, "![](poster.png)"), "[image text] the image poster.png has no text", "Describe it"),
        (_line(page, "<img"), "[image text] an <img> has no alt attribute", 'alt="'),
        (_line(page, "[click here]"), '[link text] the link text "click here" says nothing', "Name where"),
        (_line(page, "[](about.md)"), "[link text] the link to about.md has no text", "Put words"),
        (
            _line(page, "no-such-page.md"),
            "[links] the link to no-such-page.md points at a page that does not",
            "about.md",
        ),
        (_line(page, "#no-such-section"), "[links] the link to get-help.md#no-such-section", "heading's id"),
        (_line(page, "missing.pdf"), "[links] the link to missing.pdf points at a file that does not exist", "docs/"),
        (_line(page, "should never have"), '[blaming words] "you should never have" can read as blaming', "Instead:"),
    ]
    for line, message, fix in expected:
        entry = f"  line {line}: {message}"
        assert entry in section, f"{entry!r} not in:\n{section}"
        after = section.split(entry, 1)[1].split("\n  line", 1)[0]
        assert "How to fix: " in after and fix in after, (message, after)
    assert "police-by-region" not in section, "an anchor that exists was reported"
    assert section.count("  line ") == len(expected)


def test_a_hard_page_fails_the_reading_level(project, capsys):
    shutil.copy(FIXTURES / "hard.en.md", project / "docs" / "en" / "hard.md")
    code, out = _check(project, capsys)
    assert code == 1
    assert "docs/en/hard.md\n  page: [reading level] this page scores" in out
    assert "it should score at most 8." in out
    assert "shorter sentences" in out


def test_other_languages_get_their_own_lists(project, capsys):
    page = project / "docs" / "fr" / "about.md"  # a French page must translate an English one
    shutil.copy(FIXTURES / "problems.fr.md", page)
    code, out = _check(project, capsys)
    assert code == 1
    assert f'line {_line(page, "cliquez ici")}: [link text] the link text "cliquez ici"' in out
    assert f'line {_line(page, "ta faute")}: [blaming words] "c\'est ta faute"' in out
    assert "Instead: « Ce n'est pas ta faute. »" in out


def test_the_settings_file_is_validated_like_the_others(project, capsys):
    settings = project / "data" / "content-checks.yml"
    text = settings.read_text(encoding="utf-8").replace("at_most: 8", "at_most: eight", 1)
    settings.write_text(text, encoding="utf-8")
    assert main(["--root", str(project), "check"]) == 1
    err = capsys.readouterr().err
    assert f"data/content-checks.yml:{_line(settings, 'at_most: eight')}: reading_level.en.at_most" in err
