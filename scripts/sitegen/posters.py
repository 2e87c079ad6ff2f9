"""Infographic posters: each infographic, in each language, as a print-ready PDF and a PNG.

Chromium renders them (the same engine readers' browsers use), with Noto fonts that cover
every script of the site. The QR code points at the infographic's page, so it needs the
site's address (`site_url`); without one the poster has no QR code.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import segno
from markupsafe import Markup

from . import branding, directives
from .chromium import CHROMIUM, CHROMIUM_FLAGS
from .data import SiteData
from .pages import discover
from .paths import overrides_dir
from .render import Renderer
from .theme_strings import direction
from .urls import page_url, poster_path, prefix

PNG_SIZE = {"width": 1080, "height": 1350}  # a portrait social-media image


@dataclass(frozen=True)
class Poster:
    lang: str
    infographic: str
    html: str


def _pages_showing(data: SiteData) -> dict[str, str]:
    """Infographic id -> the page (of the default language) that shows it."""
    sources, _ = discover(data.root, data.site.languages, data.site.default_language)
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


def posters(data: SiteData, site_url: str | None) -> list[Poster]:
    site = data.site
    overrides = overrides_dir(data.root)
    css = branding.css(site.branding) + (overrides / "components" / "poster" / "print.css").read_text(encoding="utf-8")
    pages = _pages_showing(data)
    out = []
    for lang in site.languages:
        r = Renderer(data, lang, overrides)
        for graphic in data.infographics:
            url = None
            if site_url and graphic.id in pages:
                url = site_url.rstrip("/") + "/" + prefix(lang, site.default_language) + page_url(pages[graphic.id])
            html = r.render(
                "poster/poster.html",
                lang=lang,
                direction=direction(lang),
                css=Markup(css),
                g=graphic,
                figure=r.infographic(graphic.id, downloads=False),
                site_name=site.site_name.get(lang, site.site_name[site.default_language]),
                emergency=site.emergency.phone.dial.display,
                notices=site.emergency.notices,  # a poster is read in every region: it carries each exception
                page_url=url,
                qr=qr_svg(url) if url else None,
            )
            out.append(Poster(lang, graphic.id, html))
    return out


def render_posters(data: SiteData, site_dir: Path, site_url: str | None) -> list[Path]:
    """Render every poster into <language folder>/posters/ (Chromium, Noto fonts); returns their files.

    The build runs it in a worker process of its own pool: Playwright's synchronous API refuses to
    run where an event loop already is (as in a program, or a test, that drives a browser itself).
    """
    return _write_posters(data, site_dir, site_url)


def _write_posters(data: SiteData, site_dir: Path, site_url: str | None) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written = []
    stamp = _pdf_date(data.root)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            tab = browser.new_page(viewport=PNG_SIZE)
            for poster in posters(data, site_url):
                folder = site_dir / prefix(poster.lang, data.site.default_language)
                (folder / "posters").mkdir(parents=True, exist_ok=True)
                tab.set_content(poster.html, wait_until="load")
                tab.evaluate("() => document.fonts.ready")
                pdf = folder / poster_path(poster.infographic, "pdf")
                png = folder / poster_path(poster.infographic, "png")
                # Scaled onto the sheet by the print style's zoom (Chromium's own `scale` option shifts a
                # right-to-left page off the sheet's left edge): one A4 page whatever the language.
                tab.pdf(path=str(pdf), format="A4", print_background=True, prefer_css_page_size=True)
                tab.screenshot(path=str(png), full_page=False)
                if stamp:
                    pdf.write_bytes(_PDF_DATE.sub(b"\\1(" + stamp + b")", pdf.read_bytes()))
                written += [pdf, png]
        finally:
            browser.close()
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
