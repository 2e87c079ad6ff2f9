"""Benchmark: how long the shipped site takes to build, in total and per language, and its size.

    .venv/bin/python scripts/bench_build.py [--runs 3]

Prints one table; figures are medians of the runs. Nothing here is a test: timings vary.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from sitegen.build import build_site

ROOT = Path(__file__).resolve().parents[1]


def folder_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    walls: dict[str, list[float]] = {"parallel": [], "serial": []}
    per_language: dict[str, list[float]] = {}
    steps: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        for _ in range(args.runs):
            for mode, jobs in (("parallel", None), ("serial", 1)):
                result = build_site(ROOT, out, jobs=jobs)
                walls[mode].append(result.seconds)
                for name, seconds in result.step_seconds.items():
                    steps.setdefault(name, []).append(seconds)
                if mode == "serial":
                    for lang, seconds in result.language_seconds.items():
                        per_language.setdefault(lang, []).append(seconds)
        files, size = folder_size(out)
    print(
        f"Shipped site: {len(per_language)} languages, {result.pages} HTML pages, {files} files, "
        f"{size / 1024 / 1024:.1f} MiB in site/"
    )
    print(f"Full build, languages in parallel (default): {statistics.median(walls['parallel']):.1f} s")
    print(f"Full build, one language at a time:          {statistics.median(walls['serial']):.1f} s")
    languages = len(per_language)
    for name, times in steps.items():
        median = statistics.median(times)
        print(f"{name.capitalize()}, all languages: {median:.1f} s ({median / languages:.2f} s per language)")
    print("Per language (one at a time, MkDocs build of that language):")
    for lang, times in per_language.items():
        print(f"  {lang}: {statistics.median(times):.2f} s")


if __name__ == "__main__":
    main()
