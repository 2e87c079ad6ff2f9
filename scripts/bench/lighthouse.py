"""Lighthouse (mobile, its default) on a page, with Debian's Chromium, offline; installed by
scripts/bench.sh from scripts/bench/package-lock.json."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sitegen.chromium import CHROMIUM, CHROMIUM_FLAGS

CLI = Path(__file__).resolve().parent / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


@dataclass
class Scores:
    scores: dict[str, int]  # category -> 0..100
    lcp_ms: float
    failing: list[str]  # audits that cost points


def run(url: str, attempts: int = 3) -> Scores:
    """One Lighthouse run. Lighthouse sometimes loses its trace (NO_NAVSTART) and says to run it
    again: so it is tried again, up to `attempts` times, before giving up."""
    flags = " ".join(["--headless=new", *CHROMIUM_FLAGS])
    for attempt in range(attempts):
        try:
            return _run(url, flags)
        except RuntimeError:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


def _run(url: str, flags: str) -> Scores:
    done = subprocess.run(
        ["node", str(CLI), url, "--output=json", "--quiet", f"--chrome-flags={flags}",
         f"--only-categories={','.join(CATEGORIES)}"],
        capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, check=False,
    )  # fmt: skip
    if done.returncode:
        raise RuntimeError(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    report = json.loads(done.stdout)
    scores = {name: round(cat["score"] * 100) for name, cat in report["categories"].items()}
    failing = [
        f"{name}: {ref['id']} ({report['audits'][ref['id']].get('displayValue', '')})"
        for name, cat in report["categories"].items()
        for ref in cat["auditRefs"]
        if ref["weight"] and (report["audits"][ref["id"]]["score"] or 0) < 1
    ]
    return Scores(scores, report["audits"]["largest-contentful-paint"]["numericValue"], failing)


def median_of(url: str, runs: int) -> Scores:
    """Scores vary by a few points from run to run on mobile: the median of several runs."""
    results = [run(url) for _ in range(runs)]
    scores = {name: round(statistics.median(r.scores[name] for r in results)) for name in CATEGORIES}
    failing = sorted({f for r in results for f in r.failing})
    return Scores(scores, statistics.median(r.lcp_ms for r in results), failing)
