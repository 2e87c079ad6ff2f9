"""One-page handouts: "what to do right now" and one region's contacts, per language and region.

The steps are taken from each language's built home page (its first numbered list), so the
handout never says something the site does not. They are plain HTML pages with print styles:
any browser prints them on one A4 or Letter sheet.
"""

from __future__ import annotations

from pathlib import Path

from lxml import html as lxml_html
from markupsafe import Markup

from . import branding
from .data import SiteData
from .hosting import meta_tags
from .models import INTERNATIONAL
from .paths import overrides_dir
from .render import Renderer
from .theme_strings import direction
from .urls import handout_path

_KEEP = ("http:", "https:", "tel:", "sms:", "mailto:", "#", "/")


def home_steps(home_page: Path) -> Markup:
    """The first numbered list of the home page, with its links made to work one folder down."""
    tree = lxml_html.fromstring(home_page.read_bytes())
    steps = tree.xpath("//article//ol")
    if not steps:
        return Markup("")
    for a in steps[0].xpath(".//a[@href]"):
        if not a.get("href").startswith(_KEEP):
            a.set("href", "../" + a.get("href"))
    return Markup(lxml_html.tostring(steps[0], encoding="unicode"))


def write_handouts(data: SiteData, lang: str, folder: Path) -> list[Path]:
    """One language's handouts (one per region), into that language's built folder."""
    site = data.site
    overrides = overrides_dir(data.root)
    css = branding.css(site.branding) + (overrides / "components" / "handout" / "print.css").read_text(encoding="utf-8")
    (folder / "assets" / "sitegen-handout.css").write_text(css, encoding="utf-8")
    r = Renderer(data, lang, overrides, page_root="../")
    steps = home_steps(folder / "index.html")
    national = [c for c in data.contacts if c.region in (site.country, INTERNATIONAL) and c.phones]
    written = []
    for region in site.served_regions():
        out = folder / handout_path(region)
        out.parent.mkdir(parents=True, exist_ok=True)
        page = r.render(
            "handout/handout.html",
            lang=lang,
            direction=direction(lang),
            security_meta=meta_tags(),
            title=r.s("handout_title"),
            site_name=site.site_name.get(lang, site.site_name[site.default_language]),
            steps=steps,
            region_name=r.region_name(region),
            region=region,
            notices=data.notices_for(region),
            regional=[c for c in data.contacts if c.region == region],
            national=national,
        )
        out.write_text(page, encoding="utf-8")
        written.append(out)
    return written
