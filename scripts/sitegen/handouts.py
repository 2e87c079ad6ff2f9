"""One-page handouts: "what to do right now" and one region's contacts, per language and region
(on a national-only site, `regions: none`, one per language: the country's, with its contacts).

The steps are taken from each language's built home page (its first numbered list), so the
handout never says something the site does not. They are plain HTML pages with print styles:
any browser prints them on one A4 or Letter sheet.

On screen a handout is a page of the site like the others: the quick exit and the crisis bar
(the site's own components, with the site's CSS and script, so no inline script or style), and
tappable numbers. On paper it is only the handout: no quick exit, no crisis bar, and every web
link followed by its address as text, so a printed link can still be typed.
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
from .urls import handout_path, page_url

_KEEP = ("http:", "https:", "tel:", "sms:", "mailto:", "#", "/")


def _fragment(markup: Markup | str) -> list:
    """Parsed HTML: elements, with any text before the first as a string."""
    return lxml_html.fragments_fromstring(str(markup)) if str(markup).strip() else []


def _serialize(nodes: list) -> Markup:
    return Markup("".join(n if isinstance(n, str) else lxml_html.tostring(n, encoding="unicode") for n in nodes))


def printed_address(href: str) -> str:
    """A web address as a reader would type it from paper: no scheme, no trailing slash."""
    return href.split("://", 1)[-1].rstrip("/")


def _says_its_address(text: str, address: str) -> bool:
    """The link's own words already are its address ("Cybertip.ca" for www.cybertip.ca)."""
    folded = text.casefold()
    return address.casefold() in folded or address.casefold().removeprefix("www.") in folded


def with_addresses(markup: Markup | str) -> Markup:
    """Every web link followed by its address as text (shown in print only, see print.css).

    Text rather than CSS generated content: every printer and "Save as PDF" keeps it, and the
    address is isolated left to right, so it reads correctly inside Arabic."""
    nodes = _fragment(markup)
    for node in nodes:
        if isinstance(node, str):
            continue
        for a in node.iter("a"):
            href = a.get("href") or ""
            if not href.startswith(("http://", "https://")):
                continue
            address = printed_address(href)
            if _says_its_address(a.text_content(), address):
                continue
            shown = lxml_html.fragment_fromstring(
                str(Markup('<span class="sg-handout__address"> (<bdi dir="ltr">{}</bdi>)</span>').format(address))
            )
            shown.tail, a.tail = a.tail, None
            a.addnext(shown)
    return _serialize(nodes)


def home_steps(home_page: Path) -> Markup:
    """The first numbered list of the home page, with its links made to work one folder down."""
    tree = lxml_html.fromstring(home_page.read_bytes())
    steps = tree.xpath("//article//ol")
    if not steps:
        return Markup("")
    for a in steps[0].xpath(".//a[@href]"):
        if not a.get("href").startswith(_KEEP):
            a.set("href", "../" + a.get("href"))
    return with_addresses(lxml_html.tostring(steps[0], encoding="unicode"))


def regional_crisis_bar(bar: Markup, rule: Markup, emergency_uri: str) -> Markup:
    """The site's crisis bar on the handout of a region where the emergency number does not work:
    what it says about that number (and the regions without it) is replaced by the region's rule.
    A reader there is never told to call a number that does not answer."""
    nodes = _fragment(bar)
    for node in nodes:
        if isinstance(node, str):
            continue
        for item in node.xpath(".//*[contains(concat(' ', normalize-space(@class), ' '), ' sg-crisis__item ')]"):
            if not item.xpath(".//a[@href=$uri]", uri=emergency_uri):
                continue
            for child in list(item):
                item.remove(child)
            said = _fragment(rule)
            item.text = said.pop(0) if said and isinstance(said[0], str) else None
            for element in said:
                item.append(element)
        if node.xpath("descendant-or-self::a[@href=$uri]", uri=emergency_uri):
            raise RuntimeError(
                "The crisis bar on a handout for a region without the emergency number still links it: "
                "regional_crisis_bar (scripts/sitegen/handouts.py) no longer matches "
                "overrides/components/crisis-bar/crisis-bar.html."
            )
    return _serialize(nodes)


def write_handouts(data: SiteData, lang: str, folder: Path, contacts_page: str | None = None) -> list[Path]:
    """One language's handouts (one per region; on a national-only site one, the country's),
    into that language's built folder.

    `contacts_page`: the page listing contacts by region (from the language's root), which the
    crisis bar links for the regions without the emergency number. The site's CSS and script
    (assets/sitegen.css and sitegen.js, for the quick exit and the crisis bar) must be written first."""
    site = data.site
    overrides = overrides_dir(data.root)
    css = branding.css(site.branding) + (overrides / "components" / "handout" / "print.css").read_text(encoding="utf-8")
    (folder / "assets" / "sitegen-handout.css").write_text(css, encoding="utf-8")
    r = Renderer(data, lang, overrides, page_root="../")
    steps = home_steps(folder / "index.html")
    national = [c for c in data.contacts if c.region in (site.country, INTERNATIONAL) and c.phones]
    national_cards = [with_addresses(r.contact_card(c, 3)) for c in national]
    quick_exit = r.quick_exit()
    favicon = branding.favicon_href(site.branding, data.root / "data")
    crisis_bar = r.crisis_bar(f"../{page_url(contacts_page)}" if contacts_page else None)
    written = []
    # A national-only site has one handout, the country's: its contacts under the country's name.
    national_only = site.national_only
    for region in [site.country] if national_only else site.served_regions():
        out = folder / handout_path(region)
        out.parent.mkdir(parents=True, exist_ok=True)
        notices = data.notices_for(region)
        regional = [c for c in data.contacts if c.region == region]
        if national_only:
            regional += [c for c in data.contacts if c.region == INTERNATIONAL and c.phones]
        page = r.render(
            "handout/handout.html",
            lang=lang,
            direction=direction(lang),
            security_meta=meta_tags(),
            favicon=favicon if favicon.startswith("data:") else f"../{favicon}",
            title=r.s("handout_title"),
            site_name=site.site_name.get(lang, site.site_name[site.default_language]),
            quick_exit=quick_exit,
            crisis_bar=(
                regional_crisis_bar(crisis_bar, r.emergency_sentence(region), site.emergency.phone.dial.uri)
                if notices
                else crisis_bar
            ),
            steps=steps,
            region_name=r.region_name(region),
            region=region,
            notices=notices,
            regional=[with_addresses(r.contact_card(c, 3)) for c in regional],
            national=[] if national_only else national_cards,
            national_only=national_only,
        )
        out.write_text(page, encoding="utf-8")
        written.append(out)
    return written
