"""A deployer's fresh machine: a clean clone, Debian's own Python first on PATH, an empty HOME.
The README's build command and the GitHub Pages workflow's build steps both work there, and a
build leaves the checkout as it was."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

DEBIAN_PYTHON = "/usr/bin/python3"
PAGES_URL = "https://example.github.io/sextortion-help"


def _clone(tmp_path: Path) -> Path:
    """The committed project, as `git clone` gives it: nothing ignored or uncommitted comes along."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone)], check=True)
    return clone


def _fresh_env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHON", "PIP_"))}
    # Downloads may come from pip's usual cache; what is installed, and with which Python, is fresh.
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "pip"
    return {**env, "HOME": str(home), "PATH": "/usr/bin:/bin:/usr/sbin:/sbin", "PIP_CACHE_DIR": str(cache)}


def _python_version() -> tuple[int, ...]:
    out = subprocess.run([DEBIAN_PYTHON, "-c", "import sys; print(*sys.version_info[:3])"], capture_output=True)
    return tuple(int(x) for x in out.stdout.split())


def _status(repo: Path) -> str:
    return subprocess.run(["git", "status", "--porcelain"], cwd=repo, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def fresh_clone(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], str]:
    """A clean clone, set up and built by the README's command on Debian's Python."""
    tmp_path = tmp_path_factory.mktemp("fresh")
    clone = _clone(tmp_path)
    env = _fresh_env(tmp_path)
    done = subprocess.run(["scripts/build.sh"], cwd=clone, env=env, capture_output=True, text=True)
    return clone, env, done.stdout + done.stderr if done.returncode else ""


def test_the_readme_build_command_works_with_debians_python(fresh_clone):
    assert _python_version()[:2] == (3, 11), "this test is about the oldest Python the README promises"
    clone, _, failure = fresh_clone
    assert failure == ""
    venv_python = subprocess.run(
        [str(clone / ".venv/bin/python"), "-c", "import sys; print(sys.version.split()[0])"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert venv_python == ".".join(map(str, _python_version()))
    assert (clone / "site" / "index.html").is_file() and (clone / "site" / "ar" / "index.html").is_file()
    assert _status(clone) == "", "the build left the checkout changed"


def test_the_pages_workflow_build_steps_run_on_debian(fresh_clone):
    """Every `run:` step of the workflow's build job, in order, as the Debian container runs them;
    the GitHub actions around them are stood in for: the checkout is the clone, configure-pages
    gives an address, and upload-pages-artifact must find the site at its `path`. (The clone
    the README's command set up: setting up again changes nothing, and the site is built anew.)"""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["build"]
    assert job["container"] == "debian:bookworm"
    clone, fresh_env, _ = fresh_clone
    shutil.rmtree(clone / "site", ignore_errors=True)
    env = {**fresh_env, **{k: str(v) for k, v in job.get("env", {}).items()}, "GITHUB_WORKSPACE": str(clone)}
    outputs = {"steps.pages.outputs.base_url": PAGES_URL}
    ran, uploaded = [], None
    for step in job["steps"]:
        if "run" in step:
            script = re.sub(r"\$\{\{\s*([\w.]+)\s*\}\}", lambda m: outputs[m.group(1)], step["run"])
            done = subprocess.run(["bash", "-e", "-c", script], cwd=clone, env=env, capture_output=True, text=True)
            assert done.returncode == 0, f"{step['name']}: {done.stdout}{done.stderr}"
            ran.append(step["name"])
        elif step["uses"].startswith("actions/upload-pages-artifact"):
            uploaded = clone / step["with"]["path"]
        else:
            assert step["uses"].split("@")[0] in ("actions/checkout", "actions/configure-pages"), step["uses"]
    assert ran == ["Install git and Python", "Let git read the checkout", "Build"]
    assert uploaded is not None and (uploaded / "index.html").is_file()
    # The address GitHub gave reached the pages (hreflang links are absolute).
    assert f'href="{PAGES_URL}/fr/index.html"' in (uploaded / "index.html").read_text(encoding="utf-8")
    assert _status(clone) == ""
