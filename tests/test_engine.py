"""Survives the MkDocs upheaval: ProperDocs, the maintained fork of MkDocs 1.x, builds the same site."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT, SITE_URL


def test_properdocs_builds_a_byte_identical_site(site, tmp_path):
    out = tmp_path / "site"
    env = {**os.environ, "SITEGEN_ENGINE": "properdocs"}
    command = [sys.executable, "-m", "sitegen", "--root", str(ROOT), "build", "--out", str(out), "--site-url", SITE_URL]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "with ProperDocs 1.6" in done.stdout
    mine = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    theirs = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert mine == theirs
    different = [rel for rel in sorted(mine) if (site / rel).read_bytes() != (out / rel).read_bytes()]
    assert different == []


def test_an_unknown_engine_is_refused_by_name():
    env = {**os.environ, "SITEGEN_ENGINE": "hugo"}
    done = subprocess.run([sys.executable, "-m", "sitegen", "--help"], env=env, capture_output=True, text=True)
    assert done.returncode != 0
    assert "SITEGEN_ENGINE is 'hugo'" in done.stderr and "properdocs" in done.stderr
