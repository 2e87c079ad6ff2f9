"""Made for editors: schema lines in every data file, the "Report a problem" link, new pages,
the pre-commit hook, and the editor's guide followed step by step."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import yaml

from conftest import ROOT, copy_project, page
from sitegen.build import build_site
from sitegen.cli import main

DATA = ROOT / "data"
GUIDE = ROOT / "docs" / "README.md"


class _AsEditorsSeeIt(yaml.SafeLoader):
    """YAML as editors' schema checkers read it: a date such as 2026-11-27 stays text."""


_AsEditorsSeeIt.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def test_every_data_file_names_its_schema_for_editors_and_validates_against_it():
    files = sorted(DATA.glob("*.yml")) + sorted(DATA.glob("strings/*.yml")) + sorted(DATA.glob("translations/*.yml"))
    assert len(files) > 15
    vscode = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    jetbrains = (ROOT / ".idea" / "jsonSchemas.xml").read_text(encoding="utf-8")
    for path in files:
        first, second = path.read_text(encoding="utf-8").splitlines()[:2]
        target = first.removeprefix("# yaml-language-server: $schema=")
        assert target != first, f"{path} does not start with a schema line for VS Code"
        assert second == f"# $schema: {target}", f"{path}: no schema line for JetBrains"
        schema_path = (path.parent / target).resolve()
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        instance = yaml.load(path.read_text(encoding="utf-8"), Loader=_AsEditorsSeeIt)  # noqa: S506
        jsonschema.validate(instance, schema)
        rel_schema = schema_path.relative_to(ROOT).as_posix()
        globs = vscode[rel_schema]
        assert any(Path(path.relative_to(ROOT).as_posix()).match(g) for g in globs), path
        assert f'value="{rel_schema}"' in jetbrains


def test_report_a_problem_links_each_page_with_its_address(project, tmp_path):
    site_yml = project / "data" / "site.yml"
    text = site_yml.read_text(encoding="utf-8")
    text = text.replace(
        "# report_problem:\n#   url:",
        "report_problem:\n  url:",
    )
    site_yml.write_text(text, encoding="utf-8")
    out = tmp_path / "site"
    build_site(project, out, site_url="https://help.example.org/sextortion/", posters=False)
    for rel, address in [
        ("get-help.html", "https://help.example.org/sextortion/get-help.html"),
        ("fr/about.html", "https://help.example.org/sextortion/fr/about.html"),
    ]:
        links = page(out / rel).xpath("//a[@class='sg-report']")
        assert len(links) == 1, rel
        href = links[0].get("href")
        assert href.startswith("mailto:web@example.org?subject=Problem%20on%20the%20sextortion%20site&body=")
        assert href.endswith(address.replace(":", "%3A").replace("/", "%2F"))
    assert page(out / "fr" / "about.html").xpath("//a[@class='sg-report']/text()") == [
        "Signaler un problème sur cette page"
    ]


def test_no_report_link_without_the_setting(site):
    assert not page(site / "get-help.html").xpath("//a[@class='sg-report']")


def test_a_report_address_without_the_page_is_refused_by_name(project, capsys):
    site_yml = project / "data" / "site.yml"
    text = site_yml.read_text(encoding="utf-8")
    start = text.index("# report_problem:")
    end = text.index("\n", text.index("#   url:", start))
    text = text[:start] + 'report_problem:\n  url: "https://example.org/feedback"' + text[end:]
    site_yml.write_text(text, encoding="utf-8")
    assert main(["--root", str(project), "check"]) == 1
    err = capsys.readouterr().err
    assert "data/site.yml:" in err and "report_problem.url" in err and "{page}" in err


def test_new_page_appears_in_every_language_and_the_menu(project, tmp_path, capsys):
    assert main(["--root", str(project), "new-page", "talk-to-a-parent", "--title", "Talk to a parent"]) == 0
    nav = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0])["nav"]
    assert nav[-1] == "talk-to-a-parent.md"
    out = tmp_path / "site"
    build_site(project, out, posters=False)
    assert page(out / "talk-to-a-parent.html").xpath("//h1/text()") == ["Talk to a parent"]
    french = page(out / "fr" / "talk-to-a-parent.html")
    assert french.xpath("//*[contains(@class,'sg-fallback')]"), "the untranslated copy has no notice"
    assert french.xpath("//nav//a[@href='talk-to-a-parent.html']")
    # A second page with the same name is refused, with the file named.
    capsys.readouterr()
    assert main(["--root", str(project), "new-page", "talk-to-a-parent", "--title", "Again"]) == 1
    assert "docs/en/talk-to-a-parent.md" in capsys.readouterr().err


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org"}
    env |= {"GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org"}
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)


def test_pre_commit_stops_a_commit_that_breaks_a_page(tmp_path):
    repo = copy_project(tmp_path / "repo")
    shutil.copy(ROOT / ".pre-commit-config.yaml", repo)
    (repo / ".venv").symlink_to(ROOT / ".venv")
    assert _git(repo, "init", "-q").returncode == 0
    pre_commit = str(ROOT / ".venv" / "bin" / "pre-commit")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache")}
    assert subprocess.run([pre_commit, "install"], cwd=repo, env=env, capture_output=True).returncode == 0
    _git(repo, "add", "-A")
    good = _git(repo, "commit", "-q", "-m", "the shipped content")
    assert good.returncode == 0, good.stdout + good.stderr
    about = repo / "docs" / "en" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nFor more, [click here](get-help.md).\n", encoding="utf-8")
    _git(repo, "add", "-A")
    bad = _git(repo, "commit", "-q", "-m", "a vague link")
    assert bad.returncode != 0
    assert '[link text] the link text "click here"' in bad.stdout + bad.stderr


def _block(marker: str) -> str:
    """The fenced block right after `<!-- guide-test: marker -->` in the editor's guide."""
    text = GUIDE.read_text(encoding="utf-8")
    m = re.search(rf"<!-- guide-test: {marker} -->\s*```[a-z]*\n(.*?)\n```", text, re.S)
    assert m, f"the guide has no example marked {marker}"
    return m.group(1)


def test_following_the_guide_adds_a_contact_and_a_page(tmp_path, capsys):
    """Exactly the guide's steps, on a copy of the project: paste the contact, run the
    new-page command, write the page, check, build."""
    project = copy_project(tmp_path / "project")
    contacts = project / "data" / "contacts.yml"
    contacts.write_text(contacts.read_text(encoding="utf-8").rstrip("\n") + "\n" + _block("add-contact") + "\n")
    command = _block("add-page").split()
    assert command[:2] == [".venv/bin/sitegen", "new-page"]
    title = re.search(r'--title "([^"]+)"', _block("add-page")).group(1)
    assert main(["--root", str(project), "new-page", command[2], "--title", title]) == 0
    (project / "docs" / "en" / f"{command[2]}.md").write_text(_block("page-text") + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--root", str(project), "check"]) == 0, capsys.readouterr().out
    out = tmp_path / "site"
    build_site(project, out, posters=False)
    card = page(out / "get-help.html").xpath("//div[@id='contact-ca-on-example-police']")
    assert card and card[0].xpath(".//a[@href='tel:+16135550123']")
    assert page(out / f"{command[2]}.html").xpath("//h1/text()") == [title]
