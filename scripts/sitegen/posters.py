"""Infographic posters: each infographic, in each language, as a print-ready PDF and a PNG.

Chromium renders them (the same engine readers' browsers use), with Noto fonts that cover
every script of the site. Below the infographic each poster carries what a reader needs
once the poster is all they have: the emergency number with every region where it does not
work, the crisis lines and the national reporting lines (all from the data), and the site's
address as text beside a QR code to the infographic's page. The address needs `site_url`;
without one the poster has neither, and the build says so (`address_warning`).

Drawn posters are kept in the project's .cache/sitegen/posters/ (as Material's social plugin
keeps its cards in .cache/plugin/social), keyed by everything that decides their bytes
(`PosterCache`): a build whose posters have not changed does not start Chromium.

The type is scaled to each poster's words (`_fit`): the content fills the sheet (or the PNG)
from top to bottom in every language, and is never cut off.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import importlib.metadata
import io
import multiprocessing
import os
import re
import secrets
import subprocess
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

import segno
from markupsafe import Markup

from . import branding, chromium, directives
from .chromium import CHROMIUM, CHROMIUM_FLAGS, CHROMIUM_LIBDIR
from .data import SiteData
from .models import Contact
from .pages import discover
from .paths import overrides_dir
from .problems import InputError, Problem
from .render import Renderer
from .theme_strings import direction
from .urls import page_url, poster_path, prefix

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

PNG_SIZE = {"width": 1080, "height": 1350}  # a portrait social-media image
CACHE = Path(".cache") / "sitegen" / "posters"  # under the project's root; .gitignore leaves it out


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


@dataclass(frozen=True)
class Drawn:
    """The posters' files, and how many were drawn in Chromium or taken from the cache."""

    files: list[Path]
    drawn: int
    cached: int


class Drawing:
    """The posters, rendered in a process of their own, which starts Chromium at once: its start
    (a second or so) overlaps the build's checks of the data the posters need.

        with Drawing(cache) as drawing:  # Chromium starts
            drawing.draw(data, site_dir, site_url)  # the checked data: the posters are rendered
            drawn = drawing.result()  # their files, or the poster's problem raised here

    With posters in the `cache` folder, Chromium waits instead until a poster is not found there
    (when none is missing, it never starts). Leaving the block without `draw` (the data had
    problems) closes Chromium and ends the process.
    """

    def __init__(self, cache: Path | None = None) -> None:
        # Forked, as the build's language workers are: this process's modules come along.
        context = multiprocessing.get_context("fork")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_draw, args=(child, cache), name="sitegen-posters")
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

    def result(self) -> Drawn:
        try:
            drawn, error = self._conn.recv()
        except EOFError:
            raise RuntimeError("the process rendering the posters stopped before it finished") from None
        if error is not None:
            raise error
        return drawn

    def _send(self, work: tuple | None) -> None:
        self._drawn = True
        try:
            self._conn.send(work)
        except OSError:  # the process has stopped (Chromium did not start): `result` says why
            pass


def _draw(conn: Connection, cache: Path | None) -> None:
    """The posters' process: Chromium starts while the data arrives, then the posters; one reply, always."""
    # The data is read as soon as it is sent, while Chromium starts: the build does not wait on the pipe.
    received: list[tuple | None] = []
    reader = threading.Thread(target=_receive, args=(conn, received))
    reader.start()
    # The cache's key needs Chromium's version, libraries and fonts: found meanwhile too.
    opened: list[PosterCache | None] = []
    opener = threading.Thread(target=lambda: opened.append(PosterCache.open(cache)))
    opener.start()
    drawn = Drawn([], 0, 0)
    try:
        with _Chromium() as browser:
            if not PosterCache.has_entries(cache):
                browser.start()  # nothing to reuse (a first build, or --no-cache): start now
            reader.join()
            opener.join()
            if received and received[0] is not None:
                drawn = _write_posters(browser, opened[0] if opened else None, *received[0])
    except BaseException as exc:  # raised again in the build's process
        conn.send((None, exc))
    else:
        conn.send((drawn, None))
    finally:
        reader.join()
        opener.join()
        conn.close()


def _receive(conn: Connection, into: list[tuple | None]) -> None:
    try:
        into.append(conn.recv())
    except EOFError:  # the build stopped without a word
        pass


class _Chromium:
    """Chromium, started by `start` (at once, or when the first poster to draw needs it)."""

    def __init__(self) -> None:
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None

    def __enter__(self) -> _Chromium:
        return self

    def start(self) -> Browser:
        if self._browser is None:
            from playwright.sync_api import sync_playwright

            if self._playwright is None:
                self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        return self._browser

    def __exit__(self, *exc: object) -> None:
        try:
            if self._browser is not None:
                self._browser.close()
        finally:
            if self._playwright is not None:
                self._playwright.stop()


class PosterCache:
    """Drawn posters (the PDF before its date is stamped, and the PNG), one file each under a key:
    the SHA-256 of everything that decides their bytes. That is the poster's HTML (its words, the
    CSS, the icons and the QR code are all in it), the bytes of any local file it points to, and
    `_environment`: this module's and chromium.py's code (the sizes, the zoom's bounds, the
    fitting, Chromium's flags), Playwright's version, Chromium with the libraries, fonts and font
    settings it draws with, the locale and the processor's vector instructions. An entry is
    checked against its own SHA-256 when read: a truncated or damaged one is drawn again (and
    replaced), never published."""

    SUFFIX = ".poster"
    _FORMAT = b"sitegen poster 1\n"

    def __init__(self, folder: Path, environment: bytes) -> None:
        self.folder = folder
        self._environment = hashlib.sha256(environment).digest()

    @classmethod
    def open(cls, folder: Path | None) -> PosterCache | None:
        """The cache in `folder`; None without one (--no-cache), or when what Chromium draws with
        cannot be known (then every poster is drawn, as without a cache)."""
        if folder is None:
            return None
        environment = _environment()
        return cls(folder, environment) if environment is not None else None

    @classmethod
    def has_entries(cls, folder: Path | None) -> bool:
        try:
            return folder is not None and any(p.suffix == cls.SUFFIX for p in folder.iterdir())
        except OSError:
            return False

    def key(self, html: str) -> str:
        h = hashlib.sha256(self._environment)
        h.update(html.encode("utf-8"))
        # The HTML is loaded from about:blank, where a relative address finds nothing: only a
        # file: address reaches a local file (none does today; a font or image someday might).
        for url in sorted(set(_FILE_URL.findall(html))):
            h.update(b"\0" + url.encode("utf-8") + b"\0")
            try:
                h.update(hashlib.sha256(Path(unquote(urlsplit(url).path)).read_bytes()).digest())
            except OSError:
                h.update(b"missing")
        return h.hexdigest()

    def get(self, key: str) -> tuple[bytes, bytes] | None:
        """The entry's PDF and PNG, or None when it is missing or does not read back whole."""
        try:
            blob = (self.folder / (key + self.SUFFIX)).read_bytes()
        except OSError:
            return None
        head, _, body = blob.removeprefix(self._FORMAT).partition(b"\n")
        try:
            pdf_size, png_size, digest = head.decode("ascii").split(" ")
            cut, total = int(pdf_size), int(pdf_size) + int(png_size)
        except (UnicodeDecodeError, ValueError):
            return None
        if not blob.startswith(self._FORMAT) or len(body) != total or hashlib.sha256(body).hexdigest() != digest:
            return None
        return body[:cut], body[cut:]

    def put(self, key: str, pdf: bytes, png: bytes) -> None:
        """Keep a drawn poster: written whole under another name, then renamed, so an interrupted
        build never leaves half an entry. A cache that cannot be written is only not kept."""
        head = f"{len(pdf)} {len(png)} {hashlib.sha256(pdf + png).hexdigest()}\n".encode("ascii")
        # A name no other build writes to at once; opened as any file is (the user's umask applies).
        partial = self.folder / f".partial-{os.getpid()}-{secrets.token_hex(8)}"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with partial.open("xb") as f:
                f.write(self._FORMAT + head + pdf + png)
            os.replace(partial, self.folder / (key + self.SUFFIX))
        except OSError:
            with contextlib.suppress(OSError):
                partial.unlink()


_FILE_URL = re.compile(r"""file:[^\s"'()<>]+""", re.I)


def _environment() -> bytes | None:
    """What, besides a poster's HTML, decides its bytes, as one text; None when it cannot be told.

    Small files (code, the launcher, font settings) count by their text. Big ones (Chromium's
    binary, resources and ICU data, the libraries it links: FreeType, HarfBuzz, fontconfig, libpng,
    zlib; every font fontconfig offers it, which the fallback for a missing glyph may pick) count
    by path, size, modification time and inode: reading 450 MB each build would cost more than
    the posters, and an upgrade (dpkg unpacks a new file, then renames it) changes the inode."""
    parts: list[bytes] = []

    def text(path: Path) -> None:
        parts.append(b"%s\0%s" % (bytes(path), path.read_bytes()))

    def stat(path: Path) -> None:
        s = path.stat()
        parts.append(b"%s %d %d %d" % (bytes(path), s.st_size, s.st_mtime_ns, s.st_ino))

    def files(folder: Path) -> list[Path]:
        return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []

    try:
        text(Path(__file__))
        text(Path(chromium.__file__))
        parts.append(repr((CHROMIUM, CHROMIUM_FLAGS, PNG_SIZE, SHEET, ZOOM_MAX, ZOOM_MIN, _SLACK)).encode())
        parts.append(importlib.metadata.version("playwright").encode())
        parts.append(subprocess.run([CHROMIUM, "--version"], capture_output=True, check=True, timeout=60).stdout)
        launcher = Path(CHROMIUM).resolve()
        with launcher.open("rb") as f:
            script = f.read(2) == b"#!"
        if script:  # Debian's launcher: its text, the flags it adds, and the binary it runs
            text(launcher)
            for path in files(Path("/etc/chromium.d")):
                text(path)
            parts.append(os.environ.get("CHROMIUM_FLAGS", "").encode())
            binary = Path(CHROMIUM_LIBDIR) / "chromium"
            for path in files(Path(CHROMIUM_LIBDIR)):
                stat(path)
        else:
            binary = launcher
            stat(binary)
        linked = subprocess.run(["ldd", str(binary)], capture_output=True, text=True, check=True, timeout=60).stdout
        for library in sorted(set(re.findall(r"(?:=> |^\s*)(/\S+)", linked, re.M))):
            stat(Path(library))
        fonts = subprocess.run(
            ["fc-list", "--format", "%{file}\\n"], capture_output=True, text=True, check=True, timeout=60
        ).stdout
        for font in sorted(set(fonts.splitlines())):
            stat(Path(font))
        # fontconfig's settings choose the font for each family and how glyphs are drawn; FreeType's
        # how it draws them; the locale, Chromium's default fonts (the fallback, `sans-serif`).
        for name in (
            "FONTCONFIG_FILE",
            "FONTCONFIG_PATH",
            "FONTCONFIG_SYSROOT",
            "FREETYPE_PROPERTIES",
            "LANG",
            "LANGUAGE",
            "LC_ALL",
            "LC_CTYPE",
            "LC_MESSAGES",
        ):
            parts.append(f"{name}={os.environ.get(name, '')}".encode())
        # Skia draws with the processor's vector instructions where it has them (and may round
        # differently without): a cache carried to another machine is drawn again there.
        cpu = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
        parts.append(" ".join(sorted(set(re.findall(r"^flags\s*:(.*)$", cpu, re.M)))).encode())
        home = Path.home()
        config = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config") / "fontconfig"
        for folder in (Path("/etc/fonts"), config, *map(Path, os.environ.get("FONTCONFIG_PATH", "").split(":"))):
            if folder != Path():
                for path in files(folder):
                    text(path)
        for path in (home / ".fonts.conf", Path(os.environ.get("FONTCONFIG_FILE") or "/nonexistent")):
            if path.is_file():
                text(path)
    except (OSError, subprocess.SubprocessError, importlib.metadata.PackageNotFoundError):
        return None
    return b"\n".join(parts)


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


def _write_posters(
    browser: _Chromium, cache: PosterCache | None, data: SiteData, site_dir: Path, site_url: str | None
) -> Drawn:
    written, drawn, cached = [], 0, 0
    stamp = _pdf_date(data.root)
    source = data.root / "data" / "infographics.yml"
    for poster in posters(data, site_url):
        folder = site_dir / prefix(poster.lang, data.site.default_language)
        (folder / "posters").mkdir(parents=True, exist_ok=True)
        key = cache.key(poster.html) if cache else None
        found = cache.get(key) if cache and key else None
        if found:
            pdf, png = found
            cached += 1
        else:
            pdf, png = _render(browser.start(), poster, source)
            drawn += 1
            if cache and key:
                cache.put(key, pdf, png)  # before the date: the stamp is the build's, not the poster's
        if stamp:
            pdf = _PDF_DATE.sub(b"\\1(" + stamp + b")", pdf)
        pdf_path = folder / poster_path(poster.infographic, "pdf")
        png_path = folder / poster_path(poster.infographic, "png")
        pdf_path.write_bytes(pdf)
        png_path.write_bytes(png)
        written += [pdf_path, png_path]
    return Drawn(written, drawn, cached)


def _render(browser: Browser, poster: Poster, source: Path) -> tuple[bytes, bytes]:
    """One poster drawn: its PDF (not yet dated) and its PNG."""
    # A fresh page, with its own renderer, for each poster: the glyphs an earlier poster left in
    # the renderer's cache changed how some bold words were drawn, so two builds' PNGs differed.
    tab = browser.new_page(viewport=PNG_SIZE)
    try:
        tab.set_content(poster.html, wait_until="load")
        tab.evaluate("() => document.fonts.ready")
        what = f"{poster.infographic} ({poster.lang})"
        # Scaled with CSS zoom, measured in print layout (Chromium's own `scale` option shifts a
        # right-to-left page off the sheet's left edge): one full A4 page whatever the language.
        _fit(tab, "print", SHEET, source, what)
        pdf = tab.pdf(format="A4", print_background=True, prefer_css_page_size=True)
        _fit(tab, "screen", PNG_SIZE, source, what)
        png = tab.screenshot(full_page=False)
    finally:
        tab.close()
    return pdf, png


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
