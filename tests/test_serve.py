"""`sitegen serve` previews a language and rebuilds when an editor saves a data file."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

from conftest import copy_project


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_for(url: str, text: str, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        try:
            body = _get(url)
            if text in body:
                return body
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{text!r} never appeared at {url}; last body: {body[:300]!r}")


def test_serve_previews_french_and_reloads_after_a_data_edit(tmp_path):
    project = copy_project(tmp_path / "project")
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sitegen",
            "--root",
            str(project),
            "serve",
            "--lang",
            "fr",
            "--addr",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        url = f"http://127.0.0.1:{port}/get-help.html"
        body = _wait_for(url, "Police par province ou territoire")
        assert 'lang="fr"' in body.split("<head>")[0]
        # The preview reloads itself with an inline script, so it leaves out the page's policy.
        assert "livereload(" in body and 'http-equiv="Content-Security-Policy"' not in body
        strings = project / "data" / "strings" / "fr.yml"
        strings.write_text(
            strings.read_text(encoding="utf-8").replace(
                "Police par province ou territoire", "Services de police de chaque région"
            ),
            encoding="utf-8",
        )
        _wait_for(url, "Services de police de chaque région")
    finally:
        server.terminate()
        server.wait(timeout=10)
