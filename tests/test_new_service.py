"""A police service outside Canada starts its own site (issue 17, found by a New Zealand service):
`sitegen check` tells it what is still unwritten, its name is on every page, and nothing its
editors see (settings, check settings, schema tooltips) is Canada's or another country's."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, new_test_site, page
from sitegen.build import build_site
from sitegen.cli import main
from sitegen.new_page import PLACEHOLDER_TEXT

# A fictional service: its name has characters a page must escape.
ORGANISATION = "Example Police & Community <Safety> Service"
CANADIAN = re.compile(r"canad|rcmp|nunavut|cybertip|kids help|686868|\b911\b|1-866|CONNECT|\bCA-YT\b", re.I)
NZ_CONTACT = """
  - id: nz-example-police
    kind: police
    region: NZ
    name:
      en: Example Police
    phones:
      - number: "04 555 0123"
    source: https://example.org/police/contact
    source_kind: official
    checked: 2026-11-27
"""


def _new_site(folder: Path, *extra: str) -> int:
    return new_test_site(folder, *extra, languages="en,mi", organisation=ORGANISATION)


@pytest.fixture
def nz_site(tmp_path: Path) -> Path:
    folder = tmp_path / "nz-site"
    assert _new_site(folder) == 0
    return folder


def _check(folder: Path, capsys: pytest.CaptureFixture) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--root", str(folder), "check"])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _findings(out: str, rel: str) -> str:
    """The lines `sitegen check` prints under one file's name, up to the next file or section."""
    m = re.search(rf"^{re.escape(rel)}\n((?:  .*\n)+)", out, re.M)
    return m.group(1) if m else ""


# ---------------------------------------------------------------- point 7: what check says


def test_check_fails_on_a_new_page_with_no_text_of_its_own(nz_site, capsys):
    assert main(["--root", str(nz_site), "new-page", "talk-to-a-parent", "--title", "Talk to a parent"]) == 0
    code, out = _check(nz_site, capsys)
    assert code == 1, out
    found = _findings(out, "docs/en/talk-to-a-parent.md")
    assert "[not written]" in found and "no text of its own" in found, out
    assert "description" in found, "the description left as the reminder is named too"
    # The Maori copy is untranslated (readers see the English page): listed, not a finding.
    assert "docs/mi/talk-to-a-parent.md" in out and not _findings(out, "docs/mi/talk-to-a-parent.md"), out

    page_file = nz_site / "docs" / "en" / "talk-to-a-parent.md"
    text = page_file.read_text(encoding="utf-8")
    written = text.replace(
        PLACEHOLDER_TEXT, "Telling a parent can feel scary. Most parents want to keep you safe. It is not your fault."
    ).replace("One or two sentences saying what this page is for; search results show them.", "How to tell a parent.")
    page_file.write_text(written, encoding="utf-8")
    code, out = _check(nz_site, capsys)
    assert code == 0, out
    assert not _findings(out, "docs/en/talk-to-a-parent.md") and "The pages passed every check." in out
    # Still listed until translated: readers of Maori see the English page meanwhile.
    assert "docs/mi/talk-to-a-parent.md" in out


def test_check_points_at_the_placeholder_left_under_written_text(nz_site, capsys):
    assert main(["--root", str(nz_site), "new-page", "talk-to-a-parent", "--title", "Talk to a parent"]) == 0
    page_file = nz_site / "docs" / "en" / "talk-to-a-parent.md"
    text = page_file.read_text(encoding="utf-8").replace(
        "One or two sentences saying what this page is for; search results show them.", "How to tell a parent."
    )
    page_file.write_text(text + "\nMost parents want to keep you safe. It is not your fault.\n", encoding="utf-8")
    line = next(i for i, x in enumerate(page_file.read_text().splitlines(), 1) if x == PLACEHOLDER_TEXT)
    code, out = _check(nz_site, capsys)
    assert code == 1
    assert f"line {line}: [not written]" in _findings(out, "docs/en/talk-to-a-parent.md"), out


def test_a_translation_that_keeps_only_the_placeholder_is_a_finding(nz_site, capsys):
    """Marked as translated, the copy is published as it is: readers would see the placeholder."""
    assert main(["--root", str(nz_site), "new-page", "talk-to-a-parent", "--title", "Talk to a parent"]) == 0
    copy = nz_site / "docs" / "mi" / "talk-to-a-parent.md"
    copy.write_text(copy.read_text(encoding="utf-8").replace("status: untranslated", "reviewed: false"))
    code, out = _check(nz_site, capsys)
    assert code == 1
    assert "no text of its own" in _findings(out, "docs/mi/talk-to-a-parent.md"), out


def test_with_no_contacts_check_says_there_are_none_yet(nz_site, capsys):
    code, out = _check(nz_site, capsys)
    assert code == 0, out
    assert "Every contact was checked" not in out
    assert "No contacts yet" in out and "data/contacts.yml" in out and "region: NZ" in out

    contacts = nz_site / "data" / "contacts.yml"
    contacts.write_text(contacts.read_text(encoding="utf-8").replace("contacts: []\n", "contacts:" + NZ_CONTACT))
    code, out = _check(nz_site, capsys)
    assert "No contacts yet" not in out and "Every contact was checked" in out, out


# ---------------------------------------------------------------- point 9: what the new site's editors see


def test_scaffold_holds_only_the_sites_languages(nz_site):
    settings = (nz_site / "data" / "site.yml").read_text(encoding="utf-8")
    assert not re.search(r"\bcy:", settings) and "`mi: ...`" in settings
    checks_text = (nz_site / "data" / "content-checks.yml").read_text(encoding="utf-8")
    checks = yaml.safe_load(checks_text)
    assert set(checks["reading_level"]) == {"en"} and set(checks["vague_link_text"]) == {"en"}
    assert {p["lang"] for p in checks["blaming_phrases"]} == {"en"}
    assert "Kandel" not in checks_text and "ici" not in checks_text


def test_a_site_in_a_language_with_no_check_settings_gets_empty_ones(tmp_path):
    folder = tmp_path / "de-site"
    code = main(
        [
            "new-site",
            str(folder),
            "--organisation",
            "Beispielpolizei",
            "--country",
            "DE",
            "--emergency",
            "110",
            "--emergency-source",
            "https://example.org/110",
            "--languages",
            "de",
            "--quick-exit",
            "https://example.org/wetter",
        ]
    )
    assert code == 0
    checks = yaml.safe_load((folder / "data" / "content-checks.yml").read_text(encoding="utf-8"))
    assert checks["reading_level"] == {} and checks["blaming_phrases"] == [] and checks["vague_link_text"] == {}
    assert "en:" not in (folder / "data" / "site.yml").read_text(encoding="utf-8")


def _descriptions(node: object) -> list[str]:
    if isinstance(node, dict):
        own = [node["description"]] if isinstance(node.get("description"), str) else []
        return own + [d for value in node.values() for d in _descriptions(value)]
    if isinstance(node, list):
        return [d for value in node for d in _descriptions(value)]
    return []


def test_schema_tooltips_name_no_one_countrys_services(nz_site):
    texts = []
    for path in sorted((nz_site / "data" / "schema").glob("*.json")):
        texts += _descriptions(json.loads(path.read_text(encoding="utf-8")))
    assert len(texts) > 40
    leaks = [t for t in texts if CANADIAN.search(t)]
    assert not leaks


def _guide_block(marker: str) -> str:
    guide = (ROOT / "docs" / "README.md").read_text(encoding="utf-8")
    m = re.search(rf"<!-- guide-test: {marker} -->\s*```[a-z]*\n(.*?)\n```", guide, re.S)
    assert m, marker
    return m.group(1)


def test_following_the_guide_starts_a_national_site_with_its_own_infographic(tmp_path, capsys):
    """The guide's new-site command, national contact (a short number the phone library does not
    know, with its source) and infographic, as an editor would paste them; then `regions: none`."""
    command = shlex.split(_guide_block("new-site").replace("\\\n", " "))
    assert command[:2] == [".venv/bin/sitegen", "new-site"]
    folder = tmp_path / "our-site"
    assert main([str(folder) if arg == "../our-site" else arg for arg in command[1:]]) == 0
    data = folder / "data"
    (data / "contacts.yml").write_text(
        (data / "contacts.yml").read_text(encoding="utf-8").replace("contacts: []\n", _guide_block("national-contact"))
        + "\n",
        encoding="utf-8",
    )
    (data / "infographics.yml").write_text(
        (data / "infographics.yml")
        .read_text(encoding="utf-8")
        .replace("infographics: []\n", _guide_block("new-infographic") + "\n"),
        encoding="utf-8",
    )
    settings = data / "site.yml"
    settings.write_text(re.sub(r"(?m)^# regions:.*$", "regions: none", settings.read_text(encoding="utf-8")))
    assert "\nregions: none" in settings.read_text(encoding="utf-8")
    code, out = _check(folder, capsys)
    assert code == 0, out
    assert "105" in out and "No contacts yet" not in out


def test_a_new_sites_build_leaves_its_git_status_clean(tmp_path, capsys):
    """The site, its nginx snippet and the posters' cache a build writes stay out of the editors'
    git: after `sitegen build` (with a poster drawn), `git status` shows nothing to add."""
    folder = tmp_path / "nz-site"
    assert _new_site(folder) == 0
    infographics = folder / "data" / "infographics.yml"
    infographics.write_text(
        infographics.read_text(encoding="utf-8").replace("infographics: []\n", _guide_block("new-infographic") + "\n"),
        encoding="utf-8",
    )
    git = ["git", "-C", str(folder), "-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "new site"]):
        subprocess.run([*git, *args], check=True)
    assert main(["--root", str(folder), "build", "--site-url", "https://example.org/help/"]) == 0
    assert "Posters: 2 drawn in Chromium" in capsys.readouterr().out
    assert (folder / "site").is_dir() and (folder / ".cache").is_dir()
    status = subprocess.run([*git, "status", "--porcelain", "--ignored=no"], capture_output=True, text=True, check=True)
    assert status.stdout == ""


def test_the_editors_guide_has_a_path_for_a_service_in_any_country():
    guide = (ROOT / "docs" / "README.md").read_text(encoding="utf-8")
    section = guide.split("## Start a site for your service", 1)[1].split("\n## ", 1)[0]
    for words in ("new-site", "region: NZ", "regions: none", "105", "call or text", "infographic", "Canad"):
        assert words in section, words


# ---------------------------------------------------------------- point 8: who publishes the site


def test_the_services_name_is_at_the_foot_of_every_page_and_its_author(tmp_path):
    folder = tmp_path / "nz-site"
    assert _new_site(folder) == 0
    out = folder / "site"
    build_site(folder, out, posters=False)
    pages = sorted(
        p for p in out.rglob("*.html") if not {"handout", "assets", "posters"} & set(p.relative_to(out).parts)
    )
    assert any(p.parts[-2] == "mi" for p in pages) and len(pages) >= 8
    for path in pages:
        tree = page(path)
        footer = tree.xpath("//footer//*[contains(@class,'md-copyright__highlight')]")
        assert [" ".join(f.text_content().split()) for f in footer] == [ORGANISATION], path
        assert tree.xpath("//meta[@name='author']/@content") == [ORGANISATION], path
    # The Maori pages show the English name, marked as English, until it is translated.
    mi = page(out / "mi" / "index.html").xpath("//*[contains(@class,'md-copyright__highlight')]/span/@lang")
    assert mi == ["en"]


def test_the_shipped_site_shows_the_organisation_its_settings_name(site):
    settings = yaml.safe_load((ROOT / "data" / "site.yml").read_text(encoding="utf-8"))
    for lang, rel in (("en", "index.html"), ("fr", "fr/get-help.html")):
        tree = page(site / rel)
        footer = tree.xpath("//footer//*[contains(@class,'md-copyright__highlight')]")[0]
        assert " ".join(footer.text_content().split()) == settings["organisation"][lang]
        assert tree.xpath("//meta[@name='author']/@content") == [settings["organisation"][lang]]


@pytest.mark.parametrize(
    ("option", "value", "written", "words"),
    [
        ("--languages", "en,qq", "languages: [en, qq]", "languages[1]: 'qq' is not a known language code"),
        ("--quick-exit", "javascript:x", "url: javascript:x", "quick_exit.url: 'javascript:x' is not an https://"),
    ],
)
def test_a_wrong_new_site_option_is_named_with_its_line_not_a_crash(tmp_path, capsys, option, value, written, words):
    options = {
        "--organisation": "Example Police",
        "--country": "CA",
        "--emergency": "911",
        "--emergency-source": "https://example.org/911",
        "--languages": "en",
        "--quick-exit": "https://example.org/weather",
        option: value,
    }
    folder = tmp_path / "site"
    code = main(["new-site", str(folder), *(x for pair in options.items() for x in pair)])
    captured = capsys.readouterr()
    assert code == 1
    line = next(i for i, x in enumerate((folder / "data" / "site.yml").read_text().splitlines(), 1) if written in x)
    assert f"data/site.yml:{line}: {words}" in captured.err
    assert "delete the folder and run new-site again" in captured.err
    assert "send it to whoever" not in captured.err and "Next steps" not in captured.out
