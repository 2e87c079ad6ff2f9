"""Benchmark: page weight, Lighthouse and build time, side by side with plain Material.

    scripts/bench.sh [--markdown bench.md] [--lighthouse-runs 3] [--skip-lighthouse] [--skip-large]

1. Builds the shipped site, serves it from nginx (gzip) on loopback under /sextortion/, and
   measures in Chromium what each page transfers on first load, headers included.
   How many bytes of its response each contacts page (and the home and a content page in
   English, Chinese and Arabic) needs before its first screen is finished, at a phone's width.
2. Lighthouse (mobile) on the home, contacts and a content page in English, Chinese and Arabic:
   the median of several runs.
3. A synthetic large site (12 languages x 50 pages x 1,000 contacts) built by sitegen and, from
   the same Markdown, by plain MkDocs + Material + mkdocs-static-i18n; sitegen cold (empty cache:
   every poster drawn, every gzip copy made), warm (nothing changed: both from the cache) and
   after an editor's change to one page, each against plain.

Prints the tables (and writes them as Markdown with --markdown). Nothing here is a test:
timings vary; the budget tests are tests/test_weight.py.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin

from sitegen.build import build_site, engine
from sitegen.chromium import CHROMIUM, CHROMIUM_FLAGS
from sitegen.data import load_site_data
from sitegen.hosting import nginx_path
from sitegen.localhost import nginx

from . import first_screen, large_site, lighthouse
from .weight import Load, first_load

ROOT = Path(__file__).resolve().parents[2]
SITE_URL = "https://example.org/sextortion/"
BUDGET = 30_000
PAGE_TYPES = {"home": "index.html", "contacts": "get-help.html", "content": "what-is-sextortion.html"}
LIGHTHOUSE_LANGS = ("en", "zh", "ar")


def _kb(n: float) -> str:
    return f"{n / 1000:.1f} KB"


def _table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def weights(site: Path, url: str, languages: list[str], default: str) -> tuple[str, str]:
    from playwright.sync_api import sync_playwright

    rows, heaviest = [], None
    pages = sorted(p.name for p in site.glob("*.html"))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        context = browser.new_context()
        for lang in languages:
            folder = "" if lang == default else f"{lang}/"
            loads = {name: first_load(context, url + folder + name) for name in pages}
            worst = max(loads.values(), key=lambda load: load.transferred)
            if heaviest is None or worst.transferred > heaviest.transferred:
                heaviest = worst
            blocking = {name: render_blocking(site / folder / name, loads[name]) for name in pages}
            most = max(blocking, key=lambda name: blocking[name])
            row = [lang] + [_kb(loads[name].transferred) for name in PAGE_TYPES.values()]
            row += [f"{_kb(worst.transferred)} ({worst.url.rsplit('/', 1)[1]})", f"{_kb(blocking[most])} ({most})"]
            rows.append([*row, f"{len(loads)}"])
        browser.close()
    head = ["language", *PAGE_TYPES, "heaviest page", "most render-blocking (HTML + blocking CSS)", "pages"]
    table = _table(head, rows)
    parts = "; ".join(f"{u.removeprefix(url)} {_kb(n)}" for u, n in heaviest.largest(6))
    dominant = f"Heaviest page {heaviest.url.removeprefix(url)}: {_kb(heaviest.transferred)}, of which {parts}."
    return table, dominant


_STYLESHEET_RE = re.compile(r"<link\b[^>]*>")


def render_blocking(path: Path, load: Load) -> int:
    """Bytes received before the page can paint: its HTML and the stylesheets its <head> links for
    every medium (one loaded by script, or only for print, does not hold the first paint)."""
    html = path.read_text(encoding="utf-8")
    head = html[: html.find("</head>")]
    total = load.requests.get(load.url, 0)
    for tag in _STYLESHEET_RE.findall(head):
        if 'rel="stylesheet"' not in tag or re.search(r'media="(?!all|screen)', tag):
            continue
        href = re.search(r'href="([^"]+)"', tag).group(1)
        total += load.requests.get(urljoin(load.url, href), 0)
    return total


def first_screen_table(url: str, languages: list[str], default: str) -> str:
    """How much of each page's response (headers included) its first screen needs, at a phone's
    width: the fewest bytes after which it is as it is once everything has come (to 250 bytes),
    with the page's stylesheet and script not yet there. The contacts page in every language,
    and the home and a content page in those Lighthouse samples."""
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for lang in languages:
            folder = "" if lang == default else f"{lang}/"
            for kind, name in PAGE_TYPES.items():
                if kind != "contacts" and lang not in LIGHTHOUSE_LANGS:
                    continue
                context = browser.new_context()
                size = first_load(context, url + folder + name).requests[url + folder + name]
                context.close()
                needed = first_screen.complete_after(browser, url + folder + name, 390, size)
                rows.append(
                    [lang, kind, _kb(size), _kb(needed), "yes" if needed <= first_screen.FIRST_ROUND_TRIP else "no"]
                )
        browser.close()
    head = ["language", "page", "HTML response", "first screen complete after", "within the first 14 KB"]
    return _table(head, rows)


VISIT = ("index.html", "get-help.html", "what-is-sextortion.html")


def visit_table(sites: dict[str, str], default: str) -> str:
    """A reader who opens the home page, then contacts, then a content page, in English and Arabic:
    what each page costs (bytes received, headers included; cached files cost nothing, or a
    revalidation), and what holds its first paint (its HTML and any stylesheet not yet cached),
    for each way of delivering the first screen's CSS."""
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for kind, (site, url) in sites.items():
            for lang in ("en", "ar"):
                folder = "" if lang == default else f"{lang}/"
                context = browser.new_context()
                loads = [first_load(context, url + folder + name, cache=True) for name in VISIT]
                context.close()
                pairs = zip(VISIT, loads, strict=True)
                blocking = [render_blocking(site / folder / name, load) for name, load in pairs]
                cells = [f"{_kb(load.transferred)} ({_kb(b)})" for load, b in zip(loads, blocking, strict=True)]
                total = sum(load.transferred for load in loads)
                rows.append([kind, lang, *cells, _kb(total)])
        browser.close()
    head = ["first screen's CSS", "language", *(f"{n} (blocking)" for n in VISIT), "three pages"]
    return _table(head, rows)


def lighthouse_table(url: str, default: str, runs: int) -> str:
    rows = []
    for lang in LIGHTHOUSE_LANGS:
        folder = "" if lang == default else f"{lang}/"
        for kind, name in PAGE_TYPES.items():
            result = lighthouse.median_of(url + folder + name, runs)
            rows.append(
                [lang, kind, *(str(result.scores[c]) for c in lighthouse.CATEGORIES), f"{result.lcp_ms:.0f} ms"]
                + ["; ".join(result.failing) or "-"]
            )
            print(f"  lighthouse {lang} {kind}: {result.scores} LCP {result.lcp_ms:.0f} ms", flush=True)
    head = ["language", "page", *lighthouse.CATEGORIES, "LCP", f"audits below 1 (any of {runs} runs)"]
    return _table(head, rows)


def large_table(runs: int, pages: int, contacts: int) -> str:
    """Each run builds the same Markdown four ways, in turn (so a busy moment of the machine falls
    on all alike): sitegen with an empty cache (cold: every poster drawn in Chromium and every
    gzip copy made, as a first build), sitegen again (warm: nothing changed, both from the
    cache), sitegen once one page has been edited (edited: that page's copies and the search
    index's are made again), and plain MkDocs + Material + static-i18n."""
    times: dict[str, list[float]] = {"cold": [], "warm": [], "edited": [], "plain": []}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        project = large_site.make_project(work / "project", pages, contacts)
        languages = len(load_site_data(project).site.languages)
        for run in range(runs):
            times["cold"].append(large_site.time_sitegen(project, work, cold=True))
            shutil.rmtree(work / "sitegen-site", ignore_errors=True)
            times["warm"].append(large_site.time_sitegen(project, work, cold=False))
            shutil.rmtree(work / "sitegen-site", ignore_errors=True)
            large_site.edit_one_page(project, run)
            times["edited"].append(large_site.time_sitegen(project, work, cold=False))
            times["plain"].append(large_site.time_plain(project, work))
            for folder in ("sitegen-site", "plain-site"):
                shutil.rmtree(work / folder, ignore_errors=True)
    median = {name: statistics.median(t) for name, t in times.items()}

    def row(label: str, name: str) -> list[str]:
        t = times[name]
        ratio = "" if name == "plain" else f"{median[name] / median['plain']:.2f}"
        spread = f"{min(t):.1f}-{max(t):.1f}"
        return [label, f"{median[name]:.1f} s", ", ".join(f"{x:.1f}" for x in t), spread, ratio]

    rows = [
        row("sitegen, cold: empty cache (every poster drawn in Chromium, every gzip copy made)", "cold"),
        row("sitegen, warm: nothing changed (posters and gzip copies from .cache/sitegen/)", "warm"),
        row("sitegen, one page edited (its copies and the search index's made again)", "edited"),
        row("plain MkDocs + Material + static-i18n", "plain"),
    ]
    title = (
        f"{languages} languages x {pages} pages x {contacts} contacts, {os.cpu_count()} cores, median of {runs} "
        "(each run: cold, warm, edited, plain in turn)"
    )
    head = ["build", "time", "runs (s)", "spread (s)", "ratio to plain (medians)"]
    return title + "\n\n" + _table(head, rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--markdown", type=Path, help="also write the tables to this Markdown file")
    parser.add_argument("--lighthouse-runs", type=int, default=3)
    parser.add_argument("--build-runs", type=int, default=3, help="builds of each kind, large site")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--skip-large", action="store_true")
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--contacts", type=int, default=1000)
    args = parser.parse_args()

    data = load_site_data(ROOT)
    site = data.site
    sections = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        walls = []
        for _ in range(3):
            start = time.perf_counter()
            result = build_site(ROOT, out, site_url=SITE_URL)
            walls.append(time.perf_counter() - start)
        files = [p for p in out.rglob("*") if p.is_file()]
        sections.append(
            f"## Shipped site\n\nBuilt with {engine()}: {len(site.languages)} languages, {result.pages} pages, "
            f"{len(files)} files, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB; build "
            f"{statistics.median(walls):.1f} s (median of 3; runs {', '.join(f'{w:.1f}' for w in walls)})."
        )
        print(sections[-1], flush=True)
        with nginx(out, nginx_path(out), Path(tmp) / "nginx", "/sextortion/") as url:
            table, dominant = weights(out, url, list(site.languages), site.default_language)
            sections.append(
                "## First load, per page (Chromium, from nginx with gzip, headers included; "
                f"budget {_kb(BUDGET)})\n\n{table}\n\n{dominant}"
            )
            print(sections[-1], flush=True)
            table = first_screen_table(url, list(site.languages), site.default_language)
            sections.append(
                "## What the first screen needs of the page (phone, 390 px; stylesheet and script not "
                f"yet come)\n\n{table}"
            )
            print(sections[-1], flush=True)
            if not args.skip_lighthouse:
                table = lighthouse_table(url, site.default_language, args.lighthouse_runs)
                sections.append(f"## Lighthouse (mobile), median of {args.lighthouse_runs}\n\n{table}")
                print(sections[-1], flush=True)
        # The same site with the whole stylesheet in <head> (no inline rules), for a reader who
        # goes on to a second and third page.
        linked = Path(tmp) / "linked"
        build_site(ROOT, linked, site_url=SITE_URL, posters=False, inline_first_screen=False)
        with (
            nginx(out, nginx_path(out), Path(tmp) / "nginx-a", "/sextortion/") as inline_url,
            nginx(linked, nginx_path(linked), Path(tmp) / "nginx-b", "/sextortion/") as linked_url,
        ):
            sites = {"inline in <head>": (out, inline_url), "one stylesheet in <head>": (linked, linked_url)}
            table = visit_table(sites, site.default_language)
        sections.append(f"## A visit of three pages, each way of delivering the first screen's CSS\n\n{table}")
        print(sections[-1], flush=True)
    if not args.skip_large:
        table = large_table(args.build_runs, args.pages, args.contacts)
        sections.append(f"## Build time, synthetic large site\n\n{table}")
        print(sections[-1], flush=True)
    if args.markdown:
        args.markdown.write_text("# Benchmark\n\n" + "\n\n".join(sections) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
