"""A site's colours and logo, from data/site.yml (`branding:`), checked for WCAG AA contrast.

The colours become CSS variables for every page, handout and poster; the logo (a Material
icon) becomes the header logo and the favicon.
"""

from __future__ import annotations

import base64
from pathlib import Path
from urllib.parse import quote

from coloraide import Color

from .icons import icon_svg
from .models import LOGO_FILE, Branding

AA = 4.5  # WCAG 2.2 AA, normal-size text
SUGGEST = 4.6  # a suggested shade clears AA by a little, so no checker's rounding puts it under
WHITE = "#ffffff"
# The dark scheme's page background (Material's "slate": hsla(225deg, 15%, 14%)).
DARK_BACKGROUND = Color("hsl(225 15% 14%)").convert("srgb").to_string(hex=True)


def contrast(a: str, b: str) -> float:
    return Color(a).contrast(b, method="wcag21")


def nearest_passing(color: str, against: str, darker: bool, target: float = AA) -> str:
    """The closest shade of `color` (same hue and chroma, in OKLCH) with `target` contrast against `against`."""
    shade = Color(color).convert("oklch")
    step = -0.005 if darker else 0.005
    lightness = shade["lightness"]
    while 0 <= lightness <= 1:
        shade["lightness"] = lightness
        candidate = shade.convert("srgb").fit("srgb").to_string(hex=True)
        if contrast(candidate, against) >= target:
            return candidate
        lightness += step
    return "#000000" if darker else WHITE


def problems(branding: Branding) -> list[tuple[str, str]]:
    """(field, message) for each colour that fails AA, with the measured ratio and a passing shade.
    Both colours meet white: white text on the primary colour, links in the accent on the page."""
    uses = {
        "primary": f"white text on {branding.primary} has",
        "accent": f"links in {branding.accent} on the white page have",
    }
    out = []
    for field, use in uses.items():
        colour = getattr(branding, field)
        ratio = contrast(colour, WHITE)
        if ratio < AA:
            shade = nearest_passing(colour, WHITE, darker=True, target=SUGGEST)
            out.append(
                (
                    field,
                    f"{use} a contrast of {ratio:.2f}:1; WCAG AA needs {AA}:1. The nearest passing shade is {shade}.",
                )
            )
    return out


def css(branding: Branding) -> str:
    """The site's colours as the theme's CSS variables; in the dark scheme, links and accents are
    lightened until they pass AA on the dark background."""
    primary = Color(branding.primary).convert("oklch")
    lighter, darker = primary.clone(), primary.clone()
    lighter["lightness"] = min(1.0, primary["lightness"] + 0.08)
    darker["lightness"] = max(0.0, primary["lightness"] - 0.08)
    # Checkers round differently near the line (axe measured 4.49 where this measures 4.55):
    # on the dark background aim for 7:1 (AAA), well clear of it.
    dark_link = nearest_passing(branding.accent, DARK_BACKGROUND, darker=False, target=7.0)
    hexes = [c.convert("srgb").fit("srgb").to_string(hex=True) for c in (lighter, darker)]
    return (
        "/* branding (from data/site.yml) */\n"
        ":root {\n"
        f"  --md-primary-fg-color: {branding.primary};\n"
        f"  --md-primary-fg-color--light: {hexes[0]};\n"
        f"  --md-primary-fg-color--dark: {hexes[1]};\n"
        "  --md-primary-bg-color: #fff;\n"
        f"  --md-accent-fg-color: {branding.accent};\n"
        f"  --md-typeset-a-color: {branding.accent};\n"
        f"  --sg-brand: {branding.primary};\n"
        f"  --sg-brand-dark-link: {dark_link};\n"
        "}\n"
        "@media screen and (prefers-color-scheme: dark) {\n"
        '  [data-md-color-scheme="default"] {\n'
        f"    --md-primary-fg-color: {branding.primary};\n"
        f"    --md-typeset-a-color: {dark_link};\n"
        f"    --md-accent-fg-color: {dark_link};\n"
        "  }\n"
        "}\n"
    )


def logo_file(branding: Branding) -> str | None:
    """The logo's file in data/ when the logo is a file, not an icon."""
    return branding.logo if LOGO_FILE.match(branding.logo) else None


def logo_asset(branding: Branding) -> str | None:
    """Where the logo file goes in each language's folder."""
    name = logo_file(branding)
    return f"assets/images/logo{Path(name).suffix}" if name else None


def favicon_asset(branding: Branding) -> str:
    name = logo_file(branding)
    return f"assets/images/favicon{Path(name).suffix if name else '.svg'}"


# A favicon this small is written into each page as a data: address: a first visit makes one
# request fewer (with its headers, about 1.3 KB for the shipped icon), and the page's paint
# never waits behind it.
INLINE_FAVICON_BYTES = 2048
# What a data: address may carry as it is (RFC 3986's unreserved and some sub-delims); the rest
# is percent-encoded, so the address is a valid URL (the W3C checker says so).
_DATA_SAFE = "/:=;,()!*~.-_'"


def favicon(branding: Branding, data_dir: Path) -> bytes:
    """The favicon: the logo file, or the icon in the primary colour."""
    name = logo_file(branding)
    if name:
        return (data_dir / name).read_bytes()
    return icon_svg(branding.logo).replace("<svg ", f'<svg fill="{branding.primary}" ', 1).encode("utf-8")


def favicon_href(branding: Branding, data_dir: Path) -> str:
    """Where a page finds its favicon (from the site's root): a data: address when it is small,
    else its file (favicon_asset)."""
    content = favicon(branding, data_dir)
    if len(content) > INLINE_FAVICON_BYTES:
        return favicon_asset(branding)
    if favicon_asset(branding).endswith(".svg"):
        try:
            svg = content.decode("utf-8").strip()
        except UnicodeDecodeError:  # an SVG in another encoding goes as it is, in base64
            return "data:image/svg+xml;base64," + base64.b64encode(content).decode("ascii")
        if "'" not in svg:
            svg = svg.replace('"', "'")  # single quotes need no encoding; only where none are used already
        return "data:image/svg+xml," + quote(svg, safe=_DATA_SAFE)
    return "data:image/png;base64," + base64.b64encode(content).decode("ascii")


def write_logo(branding: Branding, data_dir: Path, site_dir: Path) -> None:
    """The header logo (a file) and the favicon's file (for a favicon too large to go in the pages,
    and for whatever asks for it by name)."""
    images = site_dir / "assets" / "images"
    images.mkdir(parents=True, exist_ok=True)
    name = logo_file(branding)
    if name:
        (site_dir / logo_asset(branding)).write_bytes((data_dir / name).read_bytes())
    (site_dir / favicon_asset(branding)).write_bytes(favicon(branding, data_dir))
