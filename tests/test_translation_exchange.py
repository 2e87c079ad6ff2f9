"""Exchange files for translators (XLIFF 2, PO), their import, and the review pack (issue 19)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from translate.filters import checks
from translate.storage import factory
from translate.storage.xliff2 import Xliff2File

from sitegen import translation_exchange as te
from sitegen.cli import main
from sitegen.data import load_site_data
from sitegen.problems import InputError
from sitegen.translations import status_report

LANGS = ("fr", "pa", "ar")
FORMATS = (("xliff", "xlf"), ("po", "po"))

PAGE = {
    "en": (
        "Report it",
        "Who to call, in a table.",
        [
            "# Who to call",
            "",
            "Call [[emergency]] or read the [steps](if-it-is-happening.md) first.",
            "",
            "| Service | Number |",
            "| ------- | ------ |",
            "| **Police** now | [[emergency]] |",
            "| [Cybertip](get-help.md) line | [[phone ca-cybertip]] |",
            "",
            "- Keep the messages.",
            "- Do not pay, see [[link ca-cybertip]].",
        ],
    ),
    "fr": (
        "Le signaler",
        "Qui appeler, dans un tableau.",
        [
            "# Qui appeler",
            "",
            "Appelez le [[emergency]] ou lisez d'abord les [étapes](if-it-is-happening.md).",
            "",
            "| Service | Numéro |",
            "| ------- | ------ |",
            "| **Police** maintenant | [[emergency]] |",
            "| Ligne [Cyberaide](get-help.md) | [[phone ca-cybertip]] |",
            "",
            "- Gardez les messages.",
            "- Ne payez pas, voyez [[link ca-cybertip]].",
        ],
    ),
    "pa": (
        "ਇਸਦੀ ਰਿਪੋਰਟ ਕਰੋ",
        "ਕਿਸ ਨੂੰ ਫ਼ੋਨ ਕਰਨਾ ਹੈ, ਇੱਕ ਸਾਰਣੀ ਵਿੱਚ।",
        [
            "# ਕਿਸ ਨੂੰ ਫ਼ੋਨ ਕਰਨਾ ਹੈ",
            "",
            "[[emergency]] 'ਤੇ ਫ਼ੋਨ ਕਰੋ ਜਾਂ ਪਹਿਲਾਂ [ਕਦਮ](if-it-is-happening.md) ਪੜ੍ਹੋ।",
            "",
            "| ਸੇਵਾ | ਨੰਬਰ |",
            "| ---- | ---- |",
            "| **ਪੁਲਿਸ** ਹੁਣੇ | [[emergency]] |",
            "| [Cybertip](get-help.md) ਲਾਈਨ | [[phone ca-cybertip]] |",
            "",
            "- ਸੁਨੇਹੇ ਰੱਖੋ।",
            "- ਪੈਸੇ ਨਾ ਦਿਓ, ਵੇਖੋ [[link ca-cybertip]]।",
        ],
    ),
    "ar": (
        "أبلغ عن ذلك",
        "بمن تتصل، في جدول.",
        [
            "# بمن تتصل",
            "",
            "اتصل بالرقم [[emergency]] أو اقرأ [الخطوات](if-it-is-happening.md) أولاً.",
            "",
            "| الخدمة | الرقم |",
            "| ------ | ----- |",
            "| **الشرطة** الآن | [[emergency]] |",
            "| خط [Cybertip](get-help.md) | [[phone ca-cybertip]] |",
            "",
            "- احتفظ بالرسائل.",
            "- لا تدفع، انظر [[link ca-cybertip]].",
        ],
    ),
}


def _page_text(lang: str, source_hash: str | None) -> str:
    title, description, body = PAGE[lang]
    front = [f"title: {title}", f"description: {description}"]
    if source_hash:
        front += ["translation:", f"  source: {source_hash}", "  reviewed: false"]
    return "---\n" + "\n".join(front) + "\n---\n\n" + "\n".join(body) + "\n"


@pytest.fixture
def exchange_project(project: Path) -> Path:
    """The project, with a page that has a table, a list, links and placeholders, in en fr pa ar."""
    from sitegen.translations import page_hash

    english = project / "docs" / "en" / "report-table.md"
    english.write_text(_page_text("en", None), encoding="utf-8")
    for lang in LANGS:
        (project / "docs" / lang / "report-table.md").write_text(_page_text(lang, page_hash(english)), encoding="utf-8")
    return project


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for folder in ("docs", "data")
        for p in sorted((root / folder).rglob("*"))
        if p.is_file()
    }


def _export(root: Path, lang: str, fmt: str, ext: str, out: Path, *extra: str) -> Path:
    target = out / f"{lang}.{ext}"
    assert (
        main(["--root", str(root), "translations", "export", lang, "--format", fmt, "--out", str(target), *extra]) == 0
    )
    return target


def test_units_cover_pages_data_and_strings(exchange_project: Path) -> None:
    data = load_site_data(exchange_project)
    cat = te.catalogue(data, "fr")
    kinds = {u.kind for u in cat.units}
    assert kinds == {"page", "meta", "data", "string"}
    table = [u for u in cat.units if u.group == "report-table.md"]
    sources = [u.source for u in table]
    # front matter, heading, paragraph with link text, table cells (header and body), list items
    for text in (
        "Report it",
        "Who to call, in a table.",
        "Who to call",
        "Service",
        "**Police** now",
        "[Cybertip]{1} line",
        "Keep the messages.",
        "Do not pay, see [[link ca-cybertip]].",
    ):
        assert text in sources, text
    assert "[[emergency]]" not in sources  # a cell with nothing to translate is left out
    assert len({u.id for u in cat.units}) == len(cat.units)
    assert all(u.state == "translated" for u in table)
    cell = next(u for u in table if u.source == "[Cybertip]{1} line")
    assert cell.target == "Ligne [Cyberaide]{1}"
    assert cell.note.startswith("docs/fr/report-table.md:")


@pytest.mark.parametrize("lang", LANGS)
def test_round_trip_unchanged_is_byte_identical(exchange_project: Path, tmp_path: Path, lang: str) -> None:
    before = _snapshot(exchange_project)
    for fmt, ext in FORMATS:
        exported = _export(exchange_project, lang, fmt, ext, tmp_path)
        assert main(["--root", str(exchange_project), "translations", "import", str(exported)]) == 0
        assert _snapshot(exchange_project) == before, fmt


def test_round_trip_every_shipped_language(project: Path, tmp_path: Path) -> None:
    before = _snapshot(project)
    data = load_site_data(project)
    for lang in [x for x in data.site.languages if x != data.site.default_language]:
        for fmt, ext in FORMATS:
            content, _, units = te.export(data, lang, fmt)
            assert units
            path = tmp_path / f"{lang}.{ext}"
            path.write_bytes(content)
            result = te.import_file(data, path)
            assert result.written == [] and result.changed_units == []
    assert _snapshot(project) == before


def _store(path: Path):
    """The file read by translate-toolkit's own store for its format."""
    if path.suffix == ".xlf":
        return Xliff2File.parsestring(path.read_bytes())
    return factory.getobject(str(path))


def _edit(path: Path, fmt: str, edits: dict[str, str], reviewed: set[str] = frozenset()) -> None:
    store = _store(path)
    for unit in store.units:
        if fmt == "po" and unit.isheader():
            continue
        uid = unit.getid() if fmt == "xliff" else unit.getcontext()
        if fmt == "xliff":
            uid = unit.getunitelement().get("id")
        if uid in edits:
            if fmt == "xliff":
                segment = unit.xmlelement
                target = segment.find(te._q("target"))
                if target is None:  # a new unit: the translator adds the target
                    target = etree.Element(te._q("target"))
                    segment.find(te._q("source")).addnext(target)
                ids = {}
                for ph in segment.find(te._q("source")).iter(te._q("ph")):
                    ids.setdefault(ph.get("equiv"), []).append(ph.get("id"))
                te._fill(target, edits[uid], ids)
                segment.set("state", "reviewed" if uid in reviewed else "translated")
            else:
                unit.target = edits[uid]
                if uid in reviewed:
                    unit.settypecomment("reviewed")
    path.write_bytes(bytes(store))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("fmt", "ext"), FORMATS)
def test_changed_units_and_only_those_change(
    exchange_project: Path, tmp_path: Path, lang: str, fmt: str, ext: str
) -> None:
    data = load_site_data(exchange_project)
    cat = te.catalogue(data, lang)
    cell = next(u for u in cat.units if u.group == "report-table.md" and u.source == "[Cybertip]{1} line")
    item = next(u for u in cat.units if u.source == "Keep the messages.")
    string = next(u for u in cat.units if u.id == "string:crisis_label")
    edits = {
        cell.id: cell.target.replace("[", "[~ ", 1) if lang != "ar" else "خط جديد [Cybertip]{1}",
        item.id: item.target + " (2)",
        string.id: string.target + " !",
    }
    before = {u.id: u.target for u in cat.units}
    exported = _export(exchange_project, lang, fmt, ext, tmp_path)
    _edit(exported, fmt, edits)
    result = te.import_file(data, exported)
    assert sorted(result.changed_units) == sorted(edits)
    after = {u.id: u.target for u in te.catalogue(load_site_data(exchange_project), lang).units}
    changed = {uid for uid in before if before[uid] != after[uid]}
    assert changed == set(edits)
    for uid, text in edits.items():
        assert after[uid] == text
    page = (exchange_project / "docs" / lang / "report-table.md").read_text(encoding="utf-8")
    assert "(get-help.md)" in page and page.startswith("---\ntitle: ")
    # The status report still sees the page and strings as up to date.
    report = status_report(load_site_data(exchange_project))
    assert not [i for i in report.items if i.lang == lang and i.status != "translated"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("fmt", "ext"), FORMATS)
def test_broken_placeholder_is_refused_with_unit_id(
    exchange_project: Path, tmp_path: Path, lang: str, fmt: str, ext: str, capsys
) -> None:
    data = load_site_data(exchange_project)
    unit = next(u for u in te.catalogue(data, lang).units if u.source == "Do not pay, see [[link ca-cybertip]].")
    other = next(u for u in te.catalogue(data, lang).units if u.source == "Keep the messages.")
    exported = _export(exchange_project, lang, fmt, ext, tmp_path)
    before = _snapshot(exchange_project)
    broken = unit.target.replace("[[link ca-cybertip]]", "[[lien ca-cybertip]]")
    if fmt == "xliff":  # in XLIFF the placeholder is an inline code: the translator drops it
        broken = unit.target.replace("[[link ca-cybertip]]", "")
    _edit(exported, fmt, {unit.id: broken, other.id: other.target + " x"})
    if fmt == "xliff":
        tree = etree.parse(str(exported))
        for target in tree.iter(te._q("target")):
            if target.getparent().getparent().get("id") == unit.id:
                for ph in list(target.iter(te._q("ph"))):
                    target.remove(ph)
        tree.write(str(exported), xml_declaration=True, encoding="UTF-8")
    with pytest.raises(InputError) as caught:
        te.import_file(data, exported)
    messages = [p.format() for p in caught.value.problems]
    assert any(unit.id in m and "[[link ca-cybertip]]" in m for m in messages), messages
    assert _snapshot(exchange_project) == before  # nothing half written
    assert main(["--root", str(exchange_project), "translations", "import", str(exported)]) == 1
    assert unit.id in capsys.readouterr().err


def test_structure_change_and_broken_link_refused() -> None:
    assert te.check_unit("Read the [steps]{1}.", "Lisez les étapes.")
    assert te.check_unit("Keep it.", "# Gardez-le.")
    assert te.check_unit("Keep it.", "Gardez\n\n- le.")
    assert te.check_unit("See [a](x.md) now", "Voir [a](y.md)")
    assert not te.check_unit("**Stop.** Call [[emergency]].", "**Arrêtez.** Appelez le [[emergency]].")


def test_reviewed_units_mark_the_page_reviewed(exchange_project: Path, tmp_path: Path) -> None:
    data = load_site_data(exchange_project)
    cat = te.catalogue(data, "fr")
    ids = cat.page_units["report-table.md"]
    exported = _export(exchange_project, "fr", "xliff", "xlf", tmp_path)
    edits = {u.id: u.target for u in cat.units if u.id in ids}
    _edit(exported, "xliff", edits, reviewed=set(ids))
    with pytest.raises(InputError):  # who reviewed it?
        te.import_file(data, exported)
    import datetime as dt

    result = te.import_file(data, exported, reviewer="Marie Tremblay", today=dt.date(2025, 3, 1))
    assert result.reviewed == ["docs/fr/report-table.md"]
    text = (exchange_project / "docs" / "fr" / "report-table.md").read_text(encoding="utf-8")
    assert "  reviewed: true\n" in text and '  reviewed_by: "Marie Tremblay"\n' in text
    assert "  reviewed_on: 2025-03-01\n" in text
    assert load_site_data(exchange_project)  # still valid front matter


def test_outdated_and_missing_are_exported_as_such(exchange_project: Path, tmp_path: Path) -> None:
    english = exchange_project / "docs" / "en" / "report-table.md"
    english.write_text(english.read_text(encoding="utf-8").replace("Keep the messages.", "Keep every message."))
    (exchange_project / "docs" / "pa" / "report-table.md").unlink()
    data = load_site_data(exchange_project)
    fr = te.catalogue(data, "fr")
    assert {u.state for u in fr.units if u.group == "report-table.md"} == {"outdated"}
    only = te.select(fr, ["missing", "outdated"])
    assert only and all(u.state in ("new", "outdated") for u in only)
    pa = te.catalogue(data, "pa")
    assert {(u.state, u.target) for u in pa.units if u.group == "report-table.md"} == {("new", None)}
    exported = _export(exchange_project, "fr", "po", "po", tmp_path, "--only", "missing,outdated")
    store = factory.getobject(str(exported))
    assert all(u.isfuzzy() for u in store.units if not u.isheader())
    # A translator brings the outdated page up to date: the page is stamped.
    unit = next(u for u in fr.units if u.source == "Keep every message.")
    for u in store.units:
        if not u.isheader():
            u.markfuzzy(False)
            if u.getcontext() == unit.id:
                u.target = "Gardez chaque message."
    exported.write_bytes(bytes(store))
    result = te.import_file(data, exported)
    assert "docs/fr/report-table.md" in result.stamped
    report = status_report(load_site_data(exchange_project))
    assert next(i for i in report.items if i.key == "docs/fr/report-table.md").status == "translated"


def test_missing_page_is_written_from_a_complete_translation(exchange_project: Path, tmp_path: Path) -> None:
    target = exchange_project / "docs" / "ar" / "report-table.md"
    wanted = target.read_text(encoding="utf-8")
    data = load_site_data(exchange_project)
    translations = {u.id: u.target for u in te.catalogue(data, "ar").units if u.group == "report-table.md"}
    target.unlink()
    data = load_site_data(exchange_project)
    exported = _export(exchange_project, "ar", "xliff", "xlf", tmp_path, "--only", "missing")
    _edit(exported, "xliff", translations)
    te.import_file(data, exported)
    written = target.read_text(encoding="utf-8")
    assert "status: untranslated" not in written and "  source: " in written
    # the same texts as the page it replaces (a table's column padding is translate-toolkit's own)
    data = load_site_data(exchange_project)
    again = {u.id: u.target for u in te.catalogue(data, "ar").units if u.group == "report-table.md"}
    assert again == translations
    assert written.count("\n") == wanted.count("\n")
    report = status_report(data)
    assert next(i for i in report.items if i.key == "docs/ar/report-table.md").status == "translated"


@pytest.mark.parametrize("lang", LANGS)
def test_exports_pass_translate_toolkit_checks(exchange_project: Path, tmp_path: Path, lang: str) -> None:
    for fmt, ext in FORMATS:
        path = _export(exchange_project, lang, fmt, ext, tmp_path)
        store = _store(path)
        units = [u for u in store.units if not u.isheader()]
        assert len(units) == len(te.catalogue(load_site_data(exchange_project), lang).units)
        checker = checks.StandardChecker(
            checkerconfig=checks.CheckerConfig(targetlanguage=lang),
            excludefilters={},
            limitfilters=[
                "variables",
                "pythonbraceformat",
                "printf",
                "escapes",
                "newlines",
                "nplurals",
                "xmltags",
            ],
        )
        failures = {}
        for unit in units:
            failed = checker.run_filters(unit)
            if failed:
                failures[unit.getid()] = failed
        assert not failures, list(failures.items())[:3]
        if fmt == "xliff":
            root = etree.parse(str(path)).getroot()
            assert root.get("version") == "2.0" and root.get("trgLang") == lang
            for unit in root.iter(te._q("unit")):
                assert unit[0].tag == te._q("notes")  # notes before the segment
                for ph in unit.iter(te._q("ph")):
                    assert len(ph) == 0 and not ph.text and ph.get("equiv")


def test_po_passes_msgfmt_and_pocount(exchange_project: Path, tmp_path: Path) -> None:
    msgfmt = shutil.which("msgfmt")
    if not msgfmt:
        pytest.skip("msgfmt (Debian's gettext) is not installed: scripts/setup.sh --test")
    pocount = str(Path(__file__).resolve().parents[1] / ".venv" / "bin" / "pocount")
    for lang in LANGS:
        path = _export(exchange_project, lang, "po", "po", tmp_path)
        run = subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        count = subprocess.run([pocount, str(path)], capture_output=True, text=True, check=True).stdout
        assert "Untranslated:     0" in count
    # msgfmt catches a dropped {field} too (the units carry python-brace-format)
    text = (tmp_path / "fr.po").read_text(encoding="utf-8")
    assert "#, python-brace-format" in text
    broken = tmp_path / "broken.po"
    broken.write_text(text.replace(" en {language}.", " en.", 1), encoding="utf-8")
    run = subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(broken)], capture_output=True, text=True)
    assert run.returncode != 0 and "language" in run.stderr


def test_review_pack(exchange_project: Path, tmp_path: Path) -> None:
    english = exchange_project / "docs" / "en" / "report-table.md"
    english.write_text(english.read_text(encoding="utf-8").replace("Keep the messages.", "Keep every message & note."))
    out = tmp_path / "review-ar.html"
    assert main(["--root", str(exchange_project), "translations", "review", "ar", "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    assert "Keep every message &amp; note." in html
    assert "<script" not in html and "<link" not in html and " src=" not in html
    tree = etree.HTML(html)
    outdated = tree.xpath('//tr[@class="outdated"]')
    assert outdated and all(r.get("id").startswith("page:report-table:") for r in outdated)
    assert tree.xpath('//tr[@id="string:crisis_label"]')
    fr = tmp_path / "review-fr.html"
    assert main(["--root", str(exchange_project), "translations", "review", "fr", "--out", str(fr)]) == 0
    assert 'dir="rtl"' not in fr.read_text(encoding="utf-8")


# ---------------------------------------------------------------- a file that cannot be read

_DOCTYPE = (
    '<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY x SYSTEM "file:///etc/hostname">]>\n'
    '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr"><file id="f">'
    '<unit id="u"><segment state="translated"><source>Hello</source><target>&x;</target></segment></unit>'
    "</file></xliff>\n"
)
_XLIFF_12 = (
    '<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file original="x" '
    'source-language="en" target-language="fr" datatype="plaintext"><body><trans-unit id="u"><source>Hello</source>'
    "<target>Bonjour</target></trans-unit></body></file></xliff>\n"
)
_NO_SOURCE = (
    '<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" '
    'trgLang="fr"><file id="f"><unit id="u">\n<segment state="translated"><target>Bonjour</target></segment>'
    "</unit></file></xliff>\n"
)
UNREADABLE = [
    # name, how the exported file is changed, the line named, words of the message
    ("cut short", lambda text: text[: len(text) // 2], None, "is not whole, well-formed XML"),
    ("a DOCTYPE that reads a file", lambda text: _DOCTYPE, 2, "declares a DOCTYPE"),
    ("another XML file", lambda text: '<?xml version="1.0"?>\n<html><p>Bonjour</p></html>\n', 2, "not an XLIFF 2 file"),
    ("a broken PO string", lambda text: 'msgid "Hello"\nmsgstr "Bonjour\n', 2, "nor a PO file that can be read"),
    ("XLIFF 1.2", lambda text: _XLIFF_12, 2, "is XLIFF 1.2, not XLIFF 2"),
    ("a segment without its source", lambda text: _NO_SOURCE, 3, "has a <segment> without its <source>"),
]


@pytest.mark.parametrize(("name", "change", "line", "words"), UNREADABLE, ids=[c[0] for c in UNREADABLE])
def test_a_file_that_cannot_be_read_is_named_with_its_line_and_changes_nothing(
    exchange_project: Path, tmp_path: Path, capsys, name, change, line, words
) -> None:
    exported = _export(exchange_project, "fr", "xliff", "xlf", tmp_path)
    exported.write_text(change(exported.read_text(encoding="utf-8")), encoding="utf-8")
    capsys.readouterr()
    before = _snapshot(exchange_project)
    assert main(["--root", str(exchange_project), "translations", "import", str(exported)]) == 1
    err = capsys.readouterr().err
    where = f"{exported}:{line}:" if line else f"{exported}:"
    assert where in err and words in err and "Export it again" in err, err
    assert "sitegen translations stopped: 1 problem(s) to fix." in err
    assert "site was not built" not in err and "send it to whoever" not in err
    assert _snapshot(exchange_project) == before


def test_a_doctype_never_reads_the_file_it_names(exchange_project: Path, tmp_path: Path, capsys) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("THE-SECRET-WORD", encoding="utf-8")
    exported = tmp_path / "fr.xlf"
    exported.write_text(_DOCTYPE.replace("file:///etc/hostname", secret.as_uri()), encoding="utf-8")
    assert main(["--root", str(exchange_project), "translations", "import", str(exported)]) == 1
    assert "THE-SECRET-WORD" not in capsys.readouterr().err
    assert "THE-SECRET-WORD" not in "".join(v.decode("utf-8", "replace") for v in _snapshot(exchange_project).values())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=10**6), junk=st.binary(max_size=12), fmt=st.sampled_from(FORMATS))
def test_any_damage_to_an_exchange_file_is_a_problem_never_a_crash(exchange_project, tmp_path, cut, junk, fmt):
    """A file cut at any byte, with any bytes put in there: read, or refused with a problem."""
    exported = tmp_path / f"damaged.{fmt[1]}"
    if not exported.exists():
        _export(exchange_project, "fr", *fmt, tmp_path).rename(exported)
    raw = exported.read_bytes()
    at = cut % (len(raw) + 1)
    damaged = tmp_path / f"copy.{fmt[1]}"
    damaged.write_bytes(raw[:at] + junk + raw[at + len(junk) :])
    try:
        te.read_file(damaged)
    except InputError as exc:
        assert all(p.file == damaged for p in exc.problems)


@pytest.mark.parametrize("action", ["export", "review"])
def test_a_file_for_translators_never_replaces_a_page_or_data(exchange_project: Path, capsys, action) -> None:
    before = _snapshot(exchange_project)
    for target in ("docs/en/get-help.md", "data/contacts.yml", "docs/fr"):
        out = exchange_project / target
        assert main(["--root", str(exchange_project), "translations", action, "fr", "--out", str(out)]) == 1
        assert "--out: is one of the project's own files or folders" in capsys.readouterr().err
    assert _snapshot(exchange_project) == before


@pytest.mark.parametrize(("fmt", "ext"), FORMATS)
def test_a_file_with_a_byte_order_mark_is_read(exchange_project: Path, tmp_path: Path, fmt: str, ext: str) -> None:
    """Some translation tools on Windows start their files with one."""
    data = load_site_data(exchange_project)
    unit = next(u for u in te.catalogue(data, "fr").units if u.source == "Keep the messages.")
    exported = _export(exchange_project, "fr", fmt, ext, tmp_path)
    _edit(exported, fmt, {unit.id: "Gardez tous les messages."})
    exported.write_bytes(b"\xef\xbb\xbf" + exported.read_bytes())
    assert te.import_file(data, exported).changed_units == [unit.id]


def test_a_file_that_is_not_there_is_named(exchange_project: Path, tmp_path: Path, capsys) -> None:
    missing = tmp_path / "fr.xlf"
    assert main(["--root", str(exchange_project), "translations", "import", str(missing)]) == 1
    assert f"{missing}: cannot be read (No such file or directory)" in capsys.readouterr().err


def test_a_comment_inside_a_translation_is_not_text(exchange_project: Path, tmp_path: Path) -> None:
    """A translator's tool may leave one there: it is neither read as words nor a crash."""
    data = load_site_data(exchange_project)
    unit = next(u for u in te.catalogue(data, "fr").units if u.source == "Keep the messages.")
    exported = _export(exchange_project, "fr", "xliff", "xlf", tmp_path)
    _edit(exported, "xliff", {unit.id: "Gardez tous les messages."})
    text = exported.read_text(encoding="utf-8")
    exported.write_text(text.replace("Gardez tous", "Gardez<!-- checked --> tous", 1), encoding="utf-8")
    assert te.import_file(data, exported).changed_units == [unit.id]
    assert te.catalogue(load_site_data(exchange_project), "fr").by_id()[unit.id].target == "Gardez tous les messages."
