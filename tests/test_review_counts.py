"""Units reviewed, counted per page and per language (issue 19, point 4): what a reviewer's exchange
file records, what `sitegen translations` says about it, and what a reader sees above the page."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from lxml import etree, html
from translate.storage import factory

from sitegen import translation_exchange as te
from sitegen.cli import main
from sitegen.data import load_site_data
from sitegen.problems import InputError
from test_translation_exchange import _edit, _export, _snapshot, exchange_project  # noqa: F401 (a fixture)

PAGE = "report-table.md"
# The test page's parts: title, description, heading, paragraph, four table cells with words
# (the two with only a placeholder are not for translating) and two list items.
PARTS = 10
REVIEWED_SOURCES = ("Report it", "Call [[emergency]] or read the [steps]{1} first.", "Keep the messages.")
DAY = dt.date(2025, 3, 1)


def _folder(tmp_path: Path, name: str) -> Path:
    (tmp_path / name).mkdir(exist_ok=True)
    return tmp_path / name


def _ids(root: Path, lang: str, sources: tuple[str, ...]) -> dict[str, str]:
    """Unit id -> current translation, for the test page's units with these English texts."""
    cat = te.catalogue(load_site_data(root), lang)
    found = {u.id: u.target for u in cat.units if u.group == PAGE and u.source in sources}
    assert len(found) == len(sources)
    return found


def _review(
    root: Path,
    tmp_path: Path,
    lang: str,
    fmt: str,
    sources=REVIEWED_SOURCES,
    strings=("crisis_label",),
    reviewer: str | None = "Marie Tremblay",
) -> Path:
    """A reviewer's file: these units marked reviewed, their translations as they are; then imported."""
    units = _ids(root, lang, sources)
    cat = te.catalogue(load_site_data(root), lang)
    units.update({u.id: u.target for u in cat.units if u.kind == "string" and u.key in strings})
    exported = _export(root, lang, fmt, "xlf" if fmt == "xliff" else "po", tmp_path)
    _edit(exported, fmt, units, reviewed=set(units))
    args = ["--root", str(root), "translations", "import", str(exported), "--date", DAY.isoformat()]
    assert main(args + (["--reviewer", reviewer] if reviewer else [])) == 0
    return exported


def _report(root: Path, capsys: pytest.CaptureFixture, *args: str) -> str:
    capsys.readouterr()
    assert main(["--root", str(root), "translations", *args]) == 0
    return capsys.readouterr().out


def _language_row(report: str, lang: str) -> str:
    """The language's "units reviewed" cell: the last column of its row in the table."""
    row = next(line for line in report.splitlines() if line.split()[:1] == [lang])
    return re.search(r"(\d+ of \d+)\s*$", row).group(1)


def _build(root: Path, out: Path) -> Path:
    """The site, built as published (without posters), with the test page in its menu."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if f"- {PAGE}" not in text:
        config.write_text(text.replace("  - about.md\n", f"  - about.md\n  - {PAGE}\n", 1), encoding="utf-8")
    assert main(["--root", str(root), "build", "--no-posters", "--out", str(out)]) == 0
    return out


def _notice(site: Path, lang: str, rel: str) -> str | None:
    folder = site if lang == "en" else site / lang  # the original is at the site's root
    tree = html.fromstring((folder / rel.replace(".md", ".html")).read_bytes())
    found = tree.xpath('//div[contains(@class, "sg-unreviewed")]')
    return found[0].text_content().strip() if found else None


@pytest.mark.parametrize(("fmt", "lang"), [("xliff", "fr"), ("po", "ar")])
def test_reviewed_units_are_counted_in_the_report_and_the_page_notice(
    exchange_project: Path,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture,
    fmt: str,
    lang: str,
) -> None:
    before = _report(exchange_project, capsys)
    assert f"- {lang}: docs/{lang}/{PAGE}: units reviewed: 0 of {PARTS}" in before
    total = int(_language_row(before, lang).split(" of ")[1])
    assert _language_row(before, lang) == f"0 of {total}"

    _review(exchange_project, tmp_path, lang, fmt)
    report = _report(exchange_project, capsys)
    assert f"- {lang}: docs/{lang}/{PAGE}: units reviewed: 3 of {PARTS}" in report
    assert _language_row(report, lang) == f"4 of {total}"  # the page's 3 and one interface string
    assert f"- {lang}: docs/{lang}/about.md: units reviewed: 0 of " in report
    other = "pa"
    assert _language_row(report, other) == _language_row(before, other)  # only this language's reviews
    # A partly reviewed page is still not reviewed as a whole.
    assert "reviewed: false" in (exchange_project / "docs" / lang / PAGE).read_text(encoding="utf-8")

    site = _build(exchange_project, tmp_path / "site")
    notice = _notice(site, lang, PAGE)
    if lang == "fr":
        assert "a vérifié jusqu'ici 3 des 10 parties de cette traduction" in notice
    else:
        assert "راجعها حتى الآن شخص يتقن العربية: 3 من أصل 10" in notice
    # A page with nothing checked keeps the plain notice; the other languages are untouched.
    assert "3" not in _notice(site, lang, "about.md") and "10" not in _notice(site, lang, "about.md")
    assert "3" not in _notice(site, "pa", PAGE)
    assert _notice(site, "en", PAGE) is None


def test_the_export_marks_reviewed_units_reviewed(exchange_project: Path, tmp_path: Path) -> None:  # noqa: F811
    _review(exchange_project, tmp_path, "fr", "po")
    reviewed = set(_ids(exchange_project, "fr", REVIEWED_SOURCES)) | {"string:crisis_label"}
    path = _export(exchange_project, "fr", "xliff", "xlf", _folder(tmp_path, "again"))
    states = {
        unit.get("id"): unit.find(te._q("segment")).get("state")
        for unit in etree.parse(str(path)).getroot().iter(te._q("unit"))
    }
    assert {uid for uid, state in states.items() if state == "reviewed"} == reviewed
    po = factory.getobject(str(_export(exchange_project, "fr", "po", "po", _folder(tmp_path, "again"))))
    flagged = {u.getcontext() for u in po.units if not u.isheader() and "reviewed" in te._po_flags(u)}
    assert flagged == reviewed
    # Re-importing what was exported changes nothing (and needs no reviewer: nothing new is reviewed).
    before = _snapshot(exchange_project)
    assert main(["--root", str(exchange_project), "translations", "import", str(path)]) == 0
    assert _snapshot(exchange_project) == before


def test_a_changed_original_or_translation_is_unreviewed_again(
    exchange_project: Path,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture,
) -> None:
    _review(exchange_project, tmp_path, "fr", "xliff")
    assert "units reviewed: 3 of 10" in _report(exchange_project, capsys)
    total = int(_language_row(_report(exchange_project, capsys), "fr").split(" of ")[1])

    # The English title changes (its unit keeps its id): that unit is no longer reviewed, and
    # recording the page as up to date again does not bring its review back.
    english = exchange_project / "docs" / "en" / PAGE
    english.write_text(english.read_text(encoding="utf-8").replace("title: Report it", "title: Report them"))
    strings = exchange_project / "data" / "strings" / "en.yml"
    old = yaml.safe_load(strings.read_text(encoding="utf-8"))["crisis_label"]
    strings.write_text(strings.read_text(encoding="utf-8").replace(old, old + " now", 1), encoding="utf-8")
    assert main(["--root", str(exchange_project), "stamp", "fr"]) == 0
    report = _report(exchange_project, capsys)
    assert f"- fr: docs/fr/{PAGE}: units reviewed: 2 of 10" in report
    assert _language_row(report, "fr") == f"2 of {total}"
    cat = te.catalogue(load_site_data(exchange_project), "fr")
    title = next(u for u in cat.units if u.id == "page:report-table:title")
    assert title.state != "reviewed"
    assert next(u for u in cat.units if u.id == "string:crisis_label").state != "reviewed"

    # A translator changes a reviewed paragraph: what the reviewer checked is gone.
    paragraph = next(u for u in cat.units if u.group == PAGE and u.source == "Keep the messages.")
    exported = _export(exchange_project, "fr", "xliff", "xlf", _folder(tmp_path, "later"))
    _edit(exported, "xliff", {paragraph.id: "Gardez tous les messages."})  # state: translated
    assert main(["--root", str(exchange_project), "translations", "import", str(exported)]) == 0
    report = _report(exchange_project, capsys)
    assert f"- fr: docs/fr/{PAGE}: units reviewed: 1 of 10" in report
    site = _build(exchange_project, tmp_path / "site")
    assert "a vérifié jusqu'ici 1 des 10 parties" in _notice(site, "fr", PAGE)


def test_a_page_reviewed_in_parts_becomes_reviewed_and_loses_its_notice(
    exchange_project: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    data = load_site_data(exchange_project)
    all_sources = tuple(u.source for u in te.catalogue(data, "ar").units if u.group == PAGE)
    assert len(all_sources) == PARTS
    first, rest = all_sources[:4], all_sources[4:]
    _review(exchange_project, _folder(tmp_path, "one"), "ar", "xliff", first, (), reviewer="Amal")
    page = exchange_project / "docs" / "ar" / PAGE
    assert "reviewed: false" in page.read_text(encoding="utf-8")
    _review(exchange_project, _folder(tmp_path, "two"), "ar", "po", rest, (), reviewer="Karim")
    text = page.read_text(encoding="utf-8")
    assert "  reviewed: true\n" in text and '  reviewed_by: "Karim, Amal"\n' in text
    assert f"  reviewed_on: {DAY.isoformat()}\n" in text
    site = _build(exchange_project, tmp_path / "site")
    assert _notice(site, "ar", PAGE) is None
    assert _notice(site, "ar", "about.md") is not None


def test_a_file_marking_units_reviewed_needs_the_reviewers_name(
    exchange_project: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    units = _ids(exchange_project, "fr", REVIEWED_SOURCES[:1])
    exported = _export(exchange_project, "fr", "xliff", "xlf", tmp_path)
    _edit(exported, "xliff", units, reviewed=set(units))
    before = _snapshot(exchange_project)
    with pytest.raises(InputError) as caught:
        te.import_file(load_site_data(exchange_project), exported)
    assert any("--reviewer" in p.format() and "1 unit(s)" in p.format() for p in caught.value.problems)
    assert _snapshot(exchange_project) == before


def test_old_translation_files_without_reviews_still_load(
    exchange_project: Path,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture,
) -> None:
    record = exchange_project / "data" / "translations" / "fr.yml"
    hashes = yaml.safe_load(record.read_text(encoding="utf-8"))
    assert "reviewed" not in hashes  # as every file written before reviews were counted
    old = "# Which version of each original text the fr translations were made from.\n" + "".join(
        f"{k}: {v}\n" for k, v in hashes.items()
    )
    record.write_text(old, encoding="utf-8")
    report = _report(exchange_project, capsys)
    assert "fr: docs/fr/report-table.md: units reviewed: 0 of 10" in report
    assert "- fr: strings:" not in report and "- fr: contacts.yml" not in report  # all still translated

    _review(exchange_project, tmp_path, "fr", "po")
    written = yaml.safe_load(record.read_text(encoding="utf-8"))
    reviews = written.pop("reviewed")
    assert written == hashes  # every hash kept
    assert set(reviews) == set(_ids(exchange_project, "fr", REVIEWED_SOURCES)) | {"string:crisis_label"}
    assert {r["by"] for r in reviews.values()} == {"Marie Tremblay"}
    assert {r["date"] for r in reviews.values()} == {DAY.isoformat()}
    schema = json.loads(
        (Path(__file__).resolve().parents[1] / "data" / "schema" / "translations.schema.json").read_text()
    )
    jsonschema.validate(yaml.safe_load(record.read_text(encoding="utf-8")), schema)
    # A stamp keeps the reviews.
    assert main(["--root", str(exchange_project), "stamp", "fr"]) == 0
    assert yaml.safe_load(record.read_text(encoding="utf-8"))["reviewed"] == reviews


def test_a_hand_reviewed_page_keeps_its_checked_parts_when_one_changes(
    exchange_project: Path,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture,
) -> None:
    page = exchange_project / "docs" / "fr" / PAGE
    text = page.read_text(encoding="utf-8").replace(
        "  reviewed: false\n", '  reviewed: true\n  reviewed_by: "Équipe FR"\n  reviewed_on: 2024-11-05\n'
    )
    page.write_text(text, encoding="utf-8")
    assert f"docs/fr/{PAGE}" not in _report(exchange_project, capsys)  # reviewed as a whole
    paragraph = next(iter(_ids(exchange_project, "fr", ("Keep the messages.",))))
    exported = _export(exchange_project, "fr", "xliff", "xlf", tmp_path)
    _edit(exported, "xliff", {paragraph: "Gardez tous les messages."})
    assert main(["--root", str(exchange_project), "translations", "import", str(exported)]) == 0
    assert "  reviewed: false\n" in page.read_text(encoding="utf-8")
    assert f"- fr: docs/fr/{PAGE}: units reviewed: 9 of 10" in _report(exchange_project, capsys)
    reviews = yaml.safe_load((exchange_project / "data" / "translations" / "fr.yml").read_text(encoding="utf-8"))
    assert {r["by"] for r in reviews["reviewed"].values()} == {"Équipe FR"}
    assert {r["date"] for r in reviews["reviewed"].values()} == {"2024-11-05"}
