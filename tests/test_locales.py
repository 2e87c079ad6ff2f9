"""Locale variants and languages the theme lacks (issue 17): a New Zealand site in en-NZ (or plain
en) and te reo Māori (mi). Dates as New Zealand writes them, checks that still run on en-NZ pages,
no "translate your English" for en-NZ, the theme's and the 404 page's words given to translate,
and `sitegen stamp` finding the files the editor's guide names."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, new_test_site, page
from sitegen.build import build_site, validate
from sitegen.cli import main
from sitegen.data import load_site_data
from sitegen.render import Renderer
from sitegen.theme_strings import merged
from sitegen.translations import MISSING, status_report

DAY_FIRST = re.compile(r"^\d{1,2} [A-Z][a-z]+ \d{4}$")  # 30 November 2026, not November 30, 2026


def _new_test_site(folder: Path, languages: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = new_test_site(folder, languages=languages)
    assert code == 0, out.getvalue()
    return out.getvalue()


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def nz(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """`new-site --languages en-NZ,mi`, as made (not built); and what new-site printed."""
    folder = tmp_path_factory.mktemp("nz") / "nz-site"
    return folder, _new_test_site(folder, "en-NZ,mi")


@pytest.fixture(scope="module")
def nz_built(nz, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same site, with a Māori translator's first words (a theme word and the 404's title), built."""
    source, _ = nz
    folder = tmp_path_factory.mktemp("nz-built") / "nz-site"
    shutil.copytree(source, folder)
    strings = folder / "data" / "strings" / "mi.yml"
    text = strings.read_text(encoding="utf-8")
    text = text.replace('action.skip: "Skip to content"', 'action.skip: "Peke ki te ihirangi"')
    text = re.sub(r"(?m)^not_found_title: .*$", 'not_found_title: "Kāore tēnei whārangi i te kitea"', text)
    strings.write_text(text, encoding="utf-8")
    out = folder / "site"
    build_site(folder, out, site_url="https://help.example.org/", posters=False)
    return out


# ---------------------------------------------------------------- new-site: en-NZ is the source


def test_new_site_does_not_ask_to_translate_en_nz(nz):
    folder, printed = nz
    assert "translate them first" not in printed
    own = (folder / "data" / "strings" / "en-NZ.yml").read_text(encoding="utf-8")
    assert "Not translated yet" not in own and "Skip to content" not in own  # Material has English words
    assert "status: untranslated" not in (folder / "docs" / "en-NZ" / "index.md").read_text(encoding="utf-8")
    report = status_report(validate(folder))
    assert report.languages == ["mi"] and {i.lang for i in report.items} == {"mi"}


def test_new_site_gives_mi_the_theme_and_404_words_and_says_so(nz):
    folder, printed = nz
    maori = (folder / "data" / "strings" / "mi.yml").read_text(encoding="utf-8")
    assert "Not translated yet" in maori
    for line in ('not_found_title: "This page does not exist"', "not_found_text:", "\ntheme:\n"):
        assert line in maori
    for word in ('action.skip: "Skip to content"', 'search.placeholder: "Search"', 'footer.next: "Next"'):
        assert word in maori
    # new-site says which words are still English, naming the 404's and the theme's.
    said = printed.split("Shown in English until translated", 1)[1]
    assert "data/strings/mi.yml" in said and "not_found_title" in said and '"Skip to content"' in said
    assert "en-NZ.yml" not in said
    # ...and `sitegen translations` lists each of them as missing.
    report = status_report(validate(folder))
    missing = {i.key for i in report.items if i.status == MISSING}
    assert {"strings:not_found_title", "strings:not_found_text", "theme:action.skip", "theme:search.placeholder"} <= (
        missing
    )


def test_add_language_scaffolds_the_same_theme_words_as_new_site(nz, tmp_path):
    folder = tmp_path / "site"
    shutil.copytree(nz[0], folder)
    (folder / "data" / "strings" / "mi.yml").unlink()
    shutil.rmtree(folder / "docs" / "mi")
    settings = folder / "data" / "site.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("languages: [en-NZ, mi]", "languages: [en-NZ]"))
    assert _run("--root", str(folder), "add-language", "mi")[0] == 0
    added = (folder / "data" / "strings" / "mi.yml").read_text(encoding="utf-8")
    made = (nz[0] / "data" / "strings" / "mi.yml").read_text(encoding="utf-8")
    theme = added[added.index("\ntheme:\n") :]
    assert theme == made[made.index("\ntheme:\n") :]  # one piece of code writes both
    assert 'action.skip: "Skip to content"' in theme and added.count("\ntheme:\n") == 1


# ---------------------------------------------------------------- what readers see


def test_en_nz_pages_say_en_nz_and_date_as_new_zealand_does(nz_built):
    home = page(nz_built / "index.html")
    assert home.get("lang") == "en-NZ"
    day = home.xpath("//p[contains(@class,'sg-modified')]/time/text()")
    assert day and DAY_FIRST.match(day[0]), day
    assert home.xpath("//meta[@property='og:locale']/@content") == ["en_NZ"]
    assert "en-NZ" in page(nz_built / "mi" / "index.html").xpath("//link[@rel='alternate']/@hreflang")
    switch = page(nz_built / "mi" / "index.html").xpath("//nav[contains(@class,'sg-langs')]//a/@hreflang")
    assert "en-NZ" in switch


def test_mi_pages_use_the_translated_theme_and_404_words(nz_built):
    maori = page(nz_built / "mi" / "index.html")
    assert maori.get("lang") == "mi"
    assert maori.xpath("//a[contains(@class,'md-skip')]/text()")[0].strip() == "Peke ki te ihirangi"
    missing = page(nz_built / "mi" / "404.html")
    assert missing.xpath("//h1/text()") == ["Kāore tēnei whārangi i te kitea"]


def test_plain_en_on_a_new_zealand_site_dates_as_new_zealand_does(tmp_path):
    folder = tmp_path / "site"
    _new_test_site(folder, "en,mi")
    out = tmp_path / "built"
    build_site(folder, out, posters=False)
    day = page(out / "about.html").xpath("//p[contains(@class,'sg-modified')]/time/text()")
    assert day and DAY_FIRST.match(day[0]), day


def test_the_canadian_site_keeps_its_dates():
    data = load_site_data(ROOT)
    day = dt.date(2026, 11, 30)
    assert Renderer(data, "en", ROOT / "overrides").date(day) == "November 30, 2026"
    assert Renderer(data, "fr", ROOT / "overrides").date(day) == "30 novembre 2026"


def test_a_variant_takes_its_base_languages_theme_words():
    canadian_french = merged("fr-CA", {})
    assert canadian_french["search.placeholder"] == "Rechercher" and canadian_french["language"] == "fr-CA"
    assert merged("es-US", {})["search.config.lang"] == "es"
    assert merged("pt-BR", {})["language"] == "pt-BR"  # Material's own variant is kept


# ---------------------------------------------------------------- checks run on en-NZ pages


def test_reading_level_and_blaming_words_are_checked_on_en_nz_pages(nz, tmp_path):
    folder = tmp_path / "site"
    shutil.copytree(nz[0], folder)
    about = folder / "docs" / "en-NZ" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nIt was your own fault.\n", encoding="utf-8")
    code, out, _ = _run("--root", str(folder), "check")
    assert code == 1
    assert "Reading level, en-NZ:" in out and "not measured for en-NZ" not in out
    assert "[blaming words]" in out and "your own fault" in out


# ---------------------------------------------------------------- stamp, as the editor's guide writes it


def _translate(folder: Path, rel: str) -> Path:
    path = folder / "docs" / "mi" / rel
    path.write_text(path.read_text(encoding="utf-8").replace("status: untranslated", "reviewed: false"), "utf-8")
    return path


def test_stamp_finds_the_page_from_the_site_root_wherever_it_is_run(nz, tmp_path, monkeypatch):
    folder = tmp_path / "site"
    shutil.copytree(nz[0], folder)
    about = _translate(folder, "about.md")
    monkeypatch.chdir(tmp_path)  # not the site's folder
    code, out, _ = _run("--root", str(folder), "stamp", "mi", "docs/mi/about.md")
    assert code == 0 and "Recorded 1 mi translation" in out
    assert "source:" in about.read_text(encoding="utf-8")
    statuses = {i.key: i.status for i in status_report(validate(folder)).items if i.kind == "page"}
    assert statuses["docs/mi/about.md"] == "translated"


def test_stamp_refuses_a_name_that_matches_nothing(nz, tmp_path, monkeypatch):
    folder = tmp_path / "site"
    shutil.copytree(nz[0], folder)
    about = _translate(folder, "about.md")
    before = about.read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = _run("--root", str(folder), "stamp", "mi", "docs/mi/about.md", "docs/mi/abuot.md")
    assert code == 1 and "Recorded" not in out
    assert "docs/mi/abuot.md" in err
    assert about.read_text(encoding="utf-8") == before  # nothing recorded, not even the good one
    code, _, err = _run("--root", str(folder), "stamp", "mi", "docs/mi/index.md")  # still untranslated
    assert code == 1 and "untranslated" in err
