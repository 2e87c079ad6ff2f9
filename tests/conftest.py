"""Shared fixtures: the real site built once, and throwaway copies of the project to break."""

from __future__ import annotations

import contextlib
import functools
import http.server
import inspect
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import html

from sitegen.build import build_site
from sitegen.chromium import CHROMIUM, CHROMIUM_FLAGS
from sitegen.hosting import nginx_path
from sitegen.localhost import nginx

ROOT = Path(__file__).resolve().parents[1]
SITE_URL = "https://help.example.org/sextortion/"


def copy_project(dest: Path) -> Path:
    """A copy of the project's inputs (not its code) that a test may change freely."""
    for name in ("data", "overrides", "docs"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    # The hooks are loaded by path from mkdocs.yml; point them at the real code.
    (dest / "scripts").symlink_to(ROOT / "scripts")
    return dest


# The tests' sites for other services: each country's emergency number, where it was confirmed, a
# neutral site for the quick exit, and a fictional organisation.
_SERVICES = {
    "NZ": ("111", "https://www.police.govt.nz/contact-us/111", "https://www.metservice.com/", "Example Police"),
    "GB": ("999", "https://example.org/page-where-999-seen", "https://www.bbc.co.uk/weather", "Example Constabulary"),
}


def new_test_site(
    folder: Path, *extra: str, country: str = "NZ", languages: str = "en", organisation: str | None = None
) -> int:
    """`sitegen new-site` for a police service of `country` (NZ or GB), as the tests' non-Canadian
    sites start; `extra` is more of its options (`--regions none`...). Returns its exit code."""
    from sitegen.cli import main

    emergency, source, exit_to, named = _SERVICES[country]
    return main(
        [
            "new-site", str(folder), "--organisation", organisation or named, "--site-name", "Sextortion help",
            "--country", country, "--emergency", emergency, "--emergency-source", source,
            "--languages", languages, "--quick-exit", exit_to, *extra,
        ]
    )  # fmt: skip


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content, built with a published address (so hreflang is absolute)."""
    out = tmp_path_factory.mktemp("built") / "site"
    build_site(ROOT, out, site_url=SITE_URL)
    return out


@pytest.fixture(scope="session")
def site_without_address(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content built with no site_url, as a deployer who has not set one gets it."""
    out = tmp_path_factory.mktemp("built-no-address") / "site"
    build_site(ROOT, out)
    return out


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def page(path: Path) -> html.HtmlElement:
    return html.fromstring(path.read_bytes())


# ---------------------------------------------------------------- a real browser, offline


# The site's script is fetched once a page has been painted (components/theme-script), often
# after the load event that goto waits for. A page is taken as loaded once that script has run,
# as a reader finds it a moment later; not where scripts do not run (no-js stays on <html>).
SITE_SCRIPT_RAN = """() => !document.getElementById("sitegen-script")
    || document.documentElement.classList.contains("no-js") || window.__md_scope !== undefined"""


def _goto_until_the_site_script_ran(goto):
    @functools.wraps(goto)
    def wrapper(page, url, **options):
        response = goto(page, url, **options)
        if options.get("wait_until", "load") in ("load", "networkidle"):
            page.wait_for_function(SITE_SCRIPT_RAN)
        return response

    return wrapper


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright (which downloads no browser of its own)."""
    from playwright.sync_api import Page, sync_playwright

    goto = Page.goto
    Page.goto = _goto_until_the_site_script_ran(goto)
    try:
        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            yield chromium
            chromium.close()
    finally:
        Page.goto = goto


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve a folder over HTTP on loopback; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_server(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built site served by nginx with the snippet the build wrote, under the path of its
    published address, as a deployer would."""
    with nginx(site, nginx_path(site), tmp_path_factory.mktemp("nginx"), urlsplit(SITE_URL).path) as url:
        yield url


# ---------------------------------------------------------------- one browser pass over every page


def watch_problems(tab) -> list[str]:
    """Console errors and warnings, page errors and every Content-Security-Policy violation of a
    tab, as one list of messages that grows while the tab is used."""
    problems: list[str] = []
    tab.on("console", lambda m: m.type in ("error", "warning") and problems.append(f"console {m.type}: {m.text}"))
    tab.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    tab.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'CSP violation', e.violatedDirective, e.blockedURI, e.sourceFile + ':' + e.lineNumber))"
    )
    return problems


def _watch_into(found: list[list[str]], tab) -> None:
    found.append(watch_problems(tab))


@pytest.fixture(scope="session")
def first_loads(browser, site: Path, site_server: str) -> dict[str, tuple[object, list[str]]]:
    """Every page of every language (its 404 page too) opened once from nginx as a first visit,
    with an empty cache: what it transferred (bench.weight.Load) and what went wrong in it.
    The weight and policy tests share this one pass."""
    from bench.weight import first_load

    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    pages = [p for p in pages if not p.startswith(("assets/", "handout/")) and "/handout/" not in p]
    found: dict[str, tuple[object, list[str]]] = {}
    context = browser.new_context()
    try:
        for rel in pages:
            seen: list[list[str]] = []
            load = first_load(context, site_server + rel, quiet=False, watch=functools.partial(_watch_into, seen))
            found[rel] = (load, seen[0])
    finally:
        context.close()
    return found


# ---------------------------------------------------------------- the fast tier

# What makes a test slow: a whole build (posters in Chromium included), a browser, or a server,
# in the test's own code or in its fixtures'.
_SLOW_FIXTURES = {"site", "site_without_address", "site_server", "browser", "uk_site", "published", "first_loads"}
_SLOW_CALLS = (
    "build_site(",
    "_build(",  # test_posters.py: `sitegen build`, posters and all
    "_serve(",  # `sitegen serve`
    "getfixturevalue(",
    '"build"',
    "sync_playwright",
    "serve_folder(",
    "nginx(",
    "subprocess.",
)


def _source(function: object) -> str:
    try:
        return inspect.getsource(function)
    except (OSError, TypeError):
        return ""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that builds, browses or serves as `slow`, found from its fixtures and its
    code (and its fixtures' code), so `scripts/test.sh --fast` (pytest -m "not slow") leaves them
    out without a list to keep up to date."""
    for item in items:
        function = getattr(item, "function", None)
        code = [_source(function)] if function else []
        info = getattr(item, "_fixtureinfo", None)
        for defs in info.name2fixturedefs.values() if info else ():
            code += [_source(d.func) for d in defs]
        slow_fixture = _SLOW_FIXTURES & set(getattr(item, "fixturenames", ()))
        if slow_fixture or any(call in text for text in code for call in _SLOW_CALLS):
            item.add_marker(pytest.mark.slow)
