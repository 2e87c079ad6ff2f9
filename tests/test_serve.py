"""`sitegen serve` previews a language and rebuilds it on every save as `sitegen build` builds it: data
edits show, and a save that breaks the data or a page is reported (file, line) while the last good
pages stay served, until the next good save. For a language Material has (en, fr) and one it lacks (mi).
"""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import copy_project, new_test_site
from sitegen.localhost import _free_port

pytestmark = pytest.mark.slow  # each test starts a server (conftest finds no call to mark it by)


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def _wait_for(url: str, text: str, seconds: float = 30, absent: str | None = None, status: int = 200) -> str:
    """The page at `url` once it answers `status` with `text` (and not `absent`); polled, up to `seconds`."""
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        try:
            got, body = _get(url)
            if got == status and text in body and not (absent and absent in body):
                return body
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared at {url}; last body: {body[:300]!r}")


class _Preview:
    """A running `sitegen serve`, its address and what it printed."""

    def __init__(self, url: str, log: Path) -> None:
        self.url = url
        self.log = log
        self.seen = 0  # how much of the log earlier waits have read

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for_output(self, text: str, seconds: float = 30) -> str:
        """What the server printed since the last wait, once it includes `text`."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            new = self.output()[self.seen :]
            if text in new:
                self.seen += new.index(text) + len(text)
                return new
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never printed; the server printed:\n{self.output()}")


@contextlib.contextmanager
def _serve(root: Path, lang: str) -> Iterator[_Preview]:
    port = _free_port()
    log = root.parent / f"serve-{lang}.log"
    with open(log, "wb") as out:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "sitegen",
                "--root",
                str(root),
                "serve",
                "--lang",
                lang,
                "--addr",
                f"127.0.0.1:{port}",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    preview = _Preview(f"http://127.0.0.1:{port}/", log)
    try:
        yield preview
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert "Traceback" not in preview.output(), preview.output()


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_serve_previews_french_and_reloads_after_a_data_edit(tmp_path):
    project = copy_project(tmp_path / "project")
    with _serve(project, "fr") as preview:
        url = preview.url + "get-help.html"
        body = _wait_for(url, "Police par province ou territoire")
        assert 'lang="fr"' in body.split("<head>")[0]
        # The preview reloads itself with an inline script, so it leaves out the page's policy.
        assert "livereload(" in body and 'http-equiv="Content-Security-Policy"' not in body
        _replace(
            project / "data" / "strings" / "fr.yml",
            "Police par province ou territoire",
            "Services de police de chaque région",
        )
        _wait_for(url, "Services de police de chaque région")


@pytest.fixture(scope="module")
def en_mi_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fictional UK site in English and te reo Māori (a language Material has no strings for)."""
    folder = tmp_path_factory.mktemp("en-mi") / "site"
    code = new_test_site(folder, country="GB", languages="en,mi")
    assert code == 0
    return folder


@pytest.mark.parametrize("lang", ["en", "mi"])
def test_serve_survives_bad_saves_and_recovers(en_mi_site, tmp_path, lang):
    site = shutil.copytree(en_mi_site, tmp_path / "site")
    settings = site / "data" / "site.yml"
    about = site / "docs" / lang / "about.md"  # for mi, a copy of the English marked untranslated
    with _serve(site, lang) as preview:
        home, page = preview.url + "index.html", preview.url + "about.html"
        body = _wait_for(home, "Example Constabulary")
        assert f'lang="{lang}"' in body.split("<head>")[0]
        preview.wait_for_output(f"Built the {lang} preview")

        # A good save of the data shows (for mi this failed: MkDocs re-read its options, used up).
        _replace(settings, 'en: "Example Constabulary"', 'en: "Example Constabulary of Testing"')
        _wait_for(home, "Example Constabulary of Testing")
        preview.wait_for_output(f"Updated the {lang} preview")

        # Broken YAML in the data: reported with its file and line; the last good pages stay served.
        _replace(settings, "country: GB", "country: [GB")
        printed = preview.wait_for_output("the preview updates when you save a fix")
        assert "The preview was not updated: 1 problem(s) to fix." in printed
        assert "data/site.yml:" in printed and "not valid YAML" in printed
        body = _wait_for(home, "The preview was not updated")
        assert "Example Constabulary of Testing" in body and "data/site.yml:" in body
        _replace(settings, "country: [GB", "country: GB")
        _replace(settings, "Constabulary of Testing", "Constabulary, tested")
        _wait_for(home, "Example Constabulary, tested", absent="The preview was not updated")
        preview.wait_for_output(f"Updated the {lang} preview")

        # A page's front matter broken: named with its line, as `sitegen build` names it.
        _replace(about, "title: About this site", "title: [About this site")
        printed = preview.wait_for_output("the preview updates when you save a fix")
        assert f"docs/{lang}/about.md:2:" in printed, printed
        _wait_for(page, "The preview was not updated")
        _replace(about, "title: [About this site", "title: About this preview")
        _replace(about, "# About this site", "# About this preview")
        _wait_for(page, "About this preview", absent="The preview was not updated")

        # What only MkDocs' build finds (here the page's own HTML) is reported the same way.
        _replace(about, "# About this preview", '# About this preview\n\n<script src="x.js"></script>')
        printed = preview.wait_for_output("the preview updates when you save a fix")
        # (As `sitegen build` reports it; for an untranslated page it names the original's file.)
        assert re.search(r"about\.md(:\d+)?: the page's HTML has <script>", printed), printed
        if lang == "en":
            assert "docs/en/about.md:8: the page's HTML has <script>" in printed, printed
        _wait_for(page, "The preview was not updated")
        _replace(about, '\n\n<script src="x.js"></script>', "\n\nFixed.")
        _wait_for(page, "Fixed.", absent="The preview was not updated")
    assert "Traceback" not in preview.output()


def test_serve_with_nothing_built_yet_shows_the_problems(en_mi_site, tmp_path):
    """A page that stops the first build: every address answers with the problems, then the pages."""
    site = shutil.copytree(en_mi_site, tmp_path / "site")
    about = site / "docs" / "mi" / "about.md"
    _replace(about, "# About this site", '# About this site\n\n<iframe src="x.html"></iframe>')
    with _serve(site, "mi") as preview:
        printed = preview.wait_for_output("the preview updates when you save a fix")
        assert "Nothing to show yet" in printed
        body = _wait_for(preview.url + "about.html", "The preview was not updated", status=404)
        assert "about.md: the page&#x27;s HTML has &lt;iframe&gt;" in body and "livereload(" in body
        _replace(about, '<iframe src="x.html"></iframe>', "Now fixed.")
        _wait_for(preview.url + "about.html", "Now fixed.", absent="The preview was not updated")
