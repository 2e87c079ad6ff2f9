"""Bad input stops the build with one line per problem (file, line, field, how to fix) and writes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import copy_project, page
from sitegen.build import build_site
from sitegen.cli import main


def _line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def _break(project: Path, file: str, old: str, new: str) -> Path:
    path = project / "data" / file
    content = path.read_text(encoding="utf-8")
    assert old in content, f"fixture text not found in {file}: {old!r}"
    path.write_text(content.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def published_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("published") / "project")
    build_site(project, project / "site", posters=False)
    (project / "site" / "marker.txt").write_text("previous build", encoding="utf-8")
    return project


@pytest.fixture
def published(published_once: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A project whose site was built once, so we can check a failed build leaves it alone."""
    project = tmp_path / "project"
    shutil.copytree(published_once, project, symlinks=True)
    return project, project / "site"


def _fails(project: Path, capsys: pytest.CaptureFixture) -> str:
    assert main(["--root", str(project), "build"]) == 1
    err = capsys.readouterr().err
    assert "The site was not built" in err
    return err


def _assert_untouched(out: Path) -> None:
    assert (out / "marker.txt").read_text(encoding="utf-8") == "previous build"
    assert not list(out.parent.glob(".sitegen-*")), "a half-built site was left behind"


CASES = [
    # (name, file, old text, new text, (text on the reported line, occurrence), field, words of the message)
    (
        "malformed yaml",
        "contacts.yml",
        "  - id: ca-cafc\n    kind: reporting",
        "  - id: ca-cafc\n    kind: [reporting",
        ("kind: [reporting", 0),
        "",
        "not valid YAML",
    ),
    (
        "missing field",
        "contacts.yml",
        "    source: https://www.cybertip.ca/app/en/about-how_it_works\n",
        "",
        ("- id: ca-cybertip", 0),
        "contacts[0].source",
        "required",
    ),
    (
        "wrong type",
        "contacts.yml",
        "    checked: 2026-11-27\n\n  - id: ca-cafc",
        "    checked: last week\n\n  - id: ca-cafc",
        ("checked: last week", 0),
        "contacts[0].checked",
        "YYYY-MM-DD",
    ),
    (
        "unknown region",
        "contacts.yml",
        "region: CA-ON",
        "region: CA-XX",
        ("region: CA-XX", 0),
        ".region",
        "not a region of CA",
    ),
    (
        "unknown language",
        "contacts.yml",
        "      fr: Cyberaide.ca\n",
        "      fr: Cyberaide.ca\n      de: Cybertipp\n",
        ("de: Cybertipp", 0),
        "contacts[0].name.de",
        "'de' is not one of this site's languages",
    ),
    (
        "duplicate id",
        "contacts.yml",
        "- id: ca-cafc",
        "- id: ca-cybertip",
        ("- id: ca-cybertip", 1),
        "contacts[1].id",
        "already used",
    ),
    (
        "invalid phone",
        "contacts.yml",
        "number: 1-866-658-9022",
        "number: 1-866-658-902",
        ("number: 1-866-658-902", 0),
        "contacts[0].phones[0].number",
        "not a valid phone number",
    ),
    (
        "url not https",
        "contacts.yml",
        "url: https://www.cybertip.ca",
        "url: http://www.cybertip.ca",
        ("url: http://www.cybertip.ca", 0),
        "contacts[0].url",
        "not an https:// address",
    ),
    (
        "unknown site language",
        "site.yml",
        "languages: [en, fr, zh, pa, es, ar, tl]",
        "languages: [en, fr, zh, pa, es, ar, tl, xx]",
        ("languages: [en, fr, zh, pa, es, ar, tl, xx]", 0),
        "languages[7]",
        "not a known language code",
    ),
    (
        "unknown crisis line",
        "site.yml",
        "  - ca-kids-help-phone-text",
        "  - ca-kids-help-fone",
        ("ca-kids-help-fone", 0),
        "crisis_lines[1]",
        "no contact has the id",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_bad_data_is_reported_and_nothing_is_published(case, published, capsys):
    name, file, old, new, (marker, occurrence), field, words = case
    project, out = published
    path = _break(project, file, old, new)
    lines = [i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if marker in text]
    line = lines[occurrence]
    err = _fails(project, capsys)
    problem = next((x for x in err.splitlines() if f"data/{file}:{line}:" in x), None)
    assert problem, f"no problem reported at data/{file}:{line}:\n{err}"
    assert field in problem and words in problem, problem
    _assert_untouched(out)


def test_every_problem_is_reported_at_once(published, capsys):
    project, out = published
    _break(project, "contacts.yml", "region: CA-ON", "region: CA-XX")
    _break(project, "contacts.yml", "url: https://www.cybertip.ca", "url: http://www.cybertip.ca")
    _break(project, "infographics.yml", "icon: material/camera-off", "icon: material/no-such-icon")
    err = _fails(project, capsys)
    assert "not a region of CA" in err and "not an https:// address" in err and "no-such-icon" in err
    _assert_untouched(out)


def test_unknown_placeholder_in_a_page_names_file_and_line(published, capsys):
    project, out = published
    path = project / "docs" / "fr" / "get-help.md"
    text = path.read_text(encoding="utf-8").replace("[[contacts]]", "[[contact ca-nowhere]]")
    path.write_text(text, encoding="utf-8")
    err = _fails(project, capsys)
    assert f"docs/fr/get-help.md:{_line_of(path, '[[contact ca-nowhere]]')}: [[contact ca-nowhere]]: no contact" in err
    _assert_untouched(out)


def test_a_broken_link_between_pages_stops_the_build(published, capsys):
    project, out = published
    path = project / "docs" / "en" / "about.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n[Gone](no-such-page.md)\n", encoding="utf-8")
    err = _fails(project, capsys)
    assert "no-such-page.md" in err
    _assert_untouched(out)


def test_a_good_build_replaces_the_published_site_whole(published, capsys):
    project, out = published
    nginx_conf = out.with_name("site.nginx.conf")
    assert main(["--root", str(project), "build"]) == 0
    assert not (out / "marker.txt").exists(), "a file of the previous build survived"
    assert (out / "index.html").exists() and (out / "fr" / "index.html").exists()
    assert nginx_conf.exists()
    assert not list(out.parent.glob(".sitegen-*")), "the previous site was left behind"


def test_html_in_data_is_shown_as_text(tmp_path):
    project = copy_project(tmp_path / "project")
    _break(project, "contacts.yml", "      en: Cybertip.ca\n", '      en: "<script>alert(1)</script><b>Cybertip</b>"\n')
    out = tmp_path / "site"
    build_site(project, out, posters=False)
    source = (out / "get-help.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in source and "<b>Cybertip" not in source
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;Cybertip&lt;/b&gt;" in source
    card = page(out / "get-help.html").xpath("//div[@id='contact-ca-cybertip']//h3")[0]
    assert card.text_content() == "<script>alert(1)</script><b>Cybertip</b>"


# ---------------------------------------------------------------- where the site goes

OUTPUTS = [
    # A build replaces its output folder whole: these would have lost the editors' work.
    ("the pages", lambda p: p / "docs", "is inside the project's own files"),
    ("a new folder among the data", lambda p: p / "data" / "site", "is inside the project's own files"),
    ("the project", lambda p: p, "is the project's folder or one that holds it"),
    ("the folder holding the project", lambda p: p.parent, "is the project's folder or one that holds it"),
    ("another folder with files", lambda p: p.parent / "notes", "holds files but not a site sitegen built"),
    ("a file", lambda p: p / "mkdocs.yml", "is a file, not a folder"),
]


@pytest.mark.parametrize(("name", "where", "words"), OUTPUTS, ids=[c[0] for c in OUTPUTS])
def test_a_build_never_replaces_a_folder_it_did_not_make(tmp_path, capsys, name, where, words):
    project = copy_project(tmp_path / "project")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "minutes.txt").write_text("Keep me", encoding="utf-8")
    out = where(project)
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    assert main(["--root", str(project), "build", "--no-posters", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert ": --out: " in err and words in err, err
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before  # nothing moved, made or deleted


def test_a_build_replaces_the_site_an_earlier_build_made(published: tuple[Path, Path], capsys):
    project, out = published
    assert main(["--root", str(project), "build", "--no-posters", "--out", str(out)]) == 0
    assert not (out / "marker.txt").exists() and (out / "index.html").is_file()


def test_a_build_goes_into_an_empty_folder(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    out = tmp_path / "empty"
    out.mkdir()
    assert main(["--root", str(project), "build", "--no-posters", "--out", str(out)]) == 0
    assert (out / "index.html").is_file()
