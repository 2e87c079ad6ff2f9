"""Infographic posters: each infographic, in each language, as a print-ready PDF and a PNG.

Chromium renders them (the same engine readers' browsers use), with Noto fonts that cover
every script of the site. Below the infographic each poster carries what a reader needs
once the poster is all they have: the emergency number with every region where it does not
work, the crisis lines and the national reporting lines (all from the data), and the site's
address as text beside a QR code to the infographic's page. The address needs `site_url`;
without one the poster has neither, and the build says so (`address_warning`).

The type is scaled to each poster's words (`_fit`): the content fills the sheet (or the PNG)
from top to bottom in every language, and is never cut off.
"""

from __future__ import annotations

import datetime as dt
import io
import multiprocessing
import os
import re
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING

import segno
from markupsafe import Markup

from . import branding, directives
from .chromium import CHROMIUM, CHROMIUM_FLAGS
from .data import SiteData
from .models import Contact
from .pages import discover
from .paths import overrides_dir
from .problems import InputError, Problem
from .render import Renderer
from .theme_strings import direction
from .urls import page_url, poster_path, prefix

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

PNG_SIZE = {"width": 1080, "height": 1350}  # a portrait social-media image


@dataclass(frozen=True)
class Poster:
    lang: str
    infographic: str
    html: str


def _pages_showing(data: SiteData) -> dict[str, str]:
    """Infographic id -> the page (of the default language) that shows it."""
    sources, _ = discover(data.root, [data.site.default_language], data.site.default_language)
    found: dict[str, str] = {}
    for source in sources[data.site.default_language]:
        for d in directives.find(source.path.read_text(encoding="utf-8")):
            if d.name == "infographic" and d.arg:
                found.setdefault(d.arg, source.rel)
    return found


def qr_svg(url: str) -> Markup:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", xmldecl=False, svgns=True, omitsize=True, border=2)
    return Markup(out.getvalue().decode("utf-8"))


def address_warning(site_url: str | None) -> str | None:
    """What the build says when it does not know the site's address, or None when it does."""
    if site_url:
        return None
    return (
        "the site's address is not known, so the posters and handouts will have no address or QR code "
        "for readers to find the site again. Set `site_url:` in data/site.yml, or build with "
        "--site-url https://your.address/ (the address the site will be published at)."
    )


def shown_address(url: str) -> str:
    """An address as a reader types it: no https://, no www. (help.example.org/sextortion/fr/)."""
    return url.split("://", 1)[-1].removeprefix("www.")


def help_lines(data: SiteData) -> tuple[list[Contact], list[Contact]]:
    """The lines a poster lists: the site's crisis lines (as in every page's crisis bar), and the
    national services that take reports (Cybertip.ca, say), each once, only if published."""
    site = data.site
    crisis = [data.contacts_by_id[i] for i in site.crisis_lines if i in data.contacts_by_id]
    report = [
        c for c in data.contacts if c.kind == "reporting" and c.region == site.country and c.phones and c not in crisis
    ]
    return crisis, report


def posters(data: SiteData, site_url: str | None) -> list[Poster]:
    site = data.site
    overrides = overrides_dir(data.root)
    css = branding.css(site.branding) + (overrides / "components" / "poster" / "print.css").read_text(encoding="utf-8")
    pages = _pages_showing(data)
    crisis, report = help_lines(data)
    out = []
    for lang in site.languages:
        r = Renderer(data, lang, overrides)
        home = site_url.rstrip("/") + "/" + prefix(lang, site.default_language) if site_url else None
        for graphic in data.infographics:
            url = home + page_url(pages[graphic.id]) if home and graphic.id in pages else None
            html = r.render(
                "poster/poster.html",
                lang=lang,
                direction=direction(lang),
                css=Markup(css),
                g=graphic,
                figure=r.infographic(graphic.id, downloads=False),
                site_name=site.site_name.get(lang, site.site_name[site.default_language]),
                notices=site.emergency.notices,  # a poster is read in every region: it carries each exception
                crisis=crisis,
                report=report,
                shown_address=shown_address,
                home=home,
                qr=qr_svg(url) if url else None,
            )
            out.append(Poster(lang, graphic.id, html))
    return out


def render_posters(data: SiteData, site_dir: Path, site_url: str | None) -> list[Path]:
    """Render every poster into <language folder>/posters/ (Chromium, Noto fonts); returns their files.

    Here, in this process: where an event loop already runs (a program, or a test, that drives a
    browser itself) Playwright's synchronous API refuses to; the build uses `Drawing` instead."""
    with _chromium() as browser:
        return _write_posters(browser, data, site_dir, site_url)


class Drawing:
    """The posters, rendered in a process of their own, which starts Chromium at once: its start
    (a second or so) overlaps the build's checks of the data the posters need.

        with Drawing() as drawing:  # Chromium starts
            drawing.draw(data, site_dir, site_url)  # the checked data: the posters are rendered
            files = drawing.result()  # their files, or the poster's problem raised here

    Leaving the block without `draw` (the data had problems) closes Chromium and ends the process.
    """

    def __init__(self) -> None:
        # Forked, as the build's language workers are: this process's modules come along.
        context = multiprocessing.get_context("fork")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_draw, args=(child,), name="sitegen-posters")
        self._process.start()
        child.close()
        self._drawn = False

    def __enter__(self) -> Drawing:
        return self

    def __exit__(self, *exc: object) -> None:
        if not self._drawn:
            self._send(None)
        self._process.join()
        self._conn.close()

    def draw(self, data: SiteData, site_dir: Path, site_url: str | None) -> None:
        """Hand over the checked data: render every poster into <language folder>/posters/."""
        self._send((data, site_dir, site_url))

    def result(self) -> list[Path]:
        try:
            written, error = self._conn.recv()
        except EOFError:
            raise RuntimeError("the process rendering the posters stopped before it finished") from None
        if error is not None:
            raise error
        return written

    def _send(self, work: tuple | None) -> None:
        self._drawn = True
        try:
            self._conn.send(work)
        except OSError:  # the process has stopped (Chromium did not start): `result` says why
            pass


def _draw(conn: Connection) -> None:
    """The posters' process: Chromium starts while the data arrives, then the posters; one reply, always."""
    # The data is read as soon as it is sent, while Chromium starts: the build does not wait on the pipe.
    received: list[tuple | None] = []
    reader = threading.Thread(target=_receive, args=(conn, received))
    reader.start()
    written: list[Path] = []
    try:
        with _chromium() as browser:
            reader.join()
            if received and received[0] is not None:
                written = _write_posters(browser, *received[0])
    except BaseException as exc:  # raised again in the build's process
        conn.send((None, exc))
    else:
        conn.send((written, None))
    finally:
        reader.join()
        conn.close()


def _receive(conn: Connection, into: list[tuple | None]) -> None:
    try:
        into.append(conn.recv())
    except EOFError:  # the build stopped without a word
        pass


@contextmanager
def _chromium() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


# The A4 sheet in CSS pixels (96 per inch); the print style keeps 12 mm of it blank all round.
_MM = 96 / 25.4
SHEET = {"width": round(210 * _MM), "height": round(297 * _MM)}
# How far the type may be scaled. Above the largest, a short infographic's poster keeps its size
# and spreads out; below the smallest, the words would be too small to read from a wall.
ZOOM_MAX = 1.3
ZOOM_MIN = 0.5
# Room kept free at the bottom: Chromium's print layout rounds a little differently from the
# measurement, and a poster one pixel too tall would spill onto a second, almost empty page.
_SLACK = 0.985

_MEASURE = """z => {
  const root = document.documentElement, main = document.querySelector('main');
  root.style.zoom = z;
  root.style.setProperty('--sg-zoom', z);
  main.style.minHeight = '';
  return main.getBoundingClientRect().bottom;  // as drawn: the zoom applied
}"""
# The largest zoom in [min, max] at which the content fits in `room`, by halving the interval ten
# times (the content's height grows with the zoom); null when even the smallest does not fit.
_SEARCH = (
    "([min, max, room]) => { const measure = "
    + _MEASURE
    + """;
  if (measure(min) > room) return null;
  if (measure(max) <= room) return max;
  let low = min, high = max;
  for (let i = 0; i < 10; i++) {
    const middle = (low + high) / 2;
    if (measure(middle) <= room) low = middle; else high = middle;
  }
  return low;
}"""
)
_FILL = """([z, height]) => {
  const root = document.documentElement, main = document.querySelector('main');
  root.style.zoom = z;
  root.style.setProperty('--sg-zoom', z);
  main.style.minHeight = (height / z) + 'px';
}"""


def _fit(tab: Page, media: str, size: dict[str, int], source: Path, what: str) -> float:
    """Scale the poster's type so its content is as tall as `size` allows and no taller, then
    stretch it to the full height (the help and the address sit at the bottom edge). Returns the
    scale. The content's height grows with the scale, so halving the interval finds it."""
    tab.emulate_media(media=media)
    tab.set_viewport_size(size)
    # The new size reaches the page a moment later; measured before that, a busy machine fitted
    # the type to the previous size and two builds of the same poster differed.
    tab.wait_for_function("([w, h]) => innerWidth === w && innerHeight === h", arg=[size["width"], size["height"]])
    tab.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    room = size["height"] * _SLACK
    # The whole search runs in the page: one call instead of a dozen round trips to the browser.
    low = tab.evaluate(_SEARCH, [ZOOM_MIN, ZOOM_MAX, room])
    if low is None:
        raise InputError(
            [
                Problem(
                    source,
                    None,
                    what,
                    "its poster does not fit on one page even in small type; shorten its steps' texts "
                    "in this language.",
                )
            ]
        )
    tab.evaluate(_FILL, [low, room])
    # The fitted size drawn before the poster is printed or photographed.
    tab.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    return low


def _write_posters(browser: Browser, data: SiteData, site_dir: Path, site_url: str | None) -> list[Path]:
    written = []
    stamp = _pdf_date(data.root)
    source = data.root / "data" / "infographics.yml"
    for poster in posters(data, site_url):
        # A fresh page, with its own renderer, for each poster: the glyphs an earlier poster left in
        # the renderer's cache changed how some bold words were drawn, so two builds' PNGs differed.
        tab = browser.new_page(viewport=PNG_SIZE)
        folder = site_dir / prefix(poster.lang, data.site.default_language)
        (folder / "posters").mkdir(parents=True, exist_ok=True)
        tab.set_content(poster.html, wait_until="load")
        tab.evaluate("() => document.fonts.ready")
        pdf = folder / poster_path(poster.infographic, "pdf")
        png = folder / poster_path(poster.infographic, "png")
        what = f"{poster.infographic} ({poster.lang})"
        # Scaled with CSS zoom, measured in print layout (Chromium's own `scale` option shifts a
        # right-to-left page off the sheet's left edge): one full A4 page whatever the language.
        _fit(tab, "print", SHEET, source, what)
        tab.pdf(path=str(pdf), format="A4", print_background=True, prefer_css_page_size=True)
        _fit(tab, "screen", PNG_SIZE, source, what)
        tab.screenshot(path=str(png), full_page=False)
        if stamp:
            pdf.write_bytes(_PDF_DATE.sub(b"\\1(" + stamp + b")", pdf.read_bytes()))
        written += [pdf, png]
        tab.close()
    return written


# Chromium stamps each PDF with the time it was made, so two builds of the same sources would
# differ. Use the sources' time instead (SOURCE_DATE_EPOCH, else the last commit), same length.
_PDF_DATE = re.compile(rb"(/(?:CreationDate|ModDate) )\(D:\d{14}[+-]\d\d'\d\d'\)")


def _pdf_date(root: Path) -> bytes | None:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        try:
            epoch = subprocess.run(
                ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=True
            ).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return None
    if not epoch.isdigit():
        return None
    when = dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return when.strftime("D:%Y%m%d%H%M%S+00'00'").encode()
