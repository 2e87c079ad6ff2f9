"""After MkDocs: make the theme's files safe to serve offline and drop what no page uses."""

from __future__ import annotations

from pathlib import Path

# Material loads these from a CDN, only in old browsers or for diagrams this site never
# has. An empty script instead keeps every browser off that host; pages work without it.
_CDN_SCRIPTS = ("https://unpkg.com/resize-observer-polyfill", "https://unpkg.com/mermaid@11/dist/mermaid.min.js")
_EMPTY_SCRIPT = "data:text/javascript,"
_LUNR_SUPPORT = {"lunr.stemmer.support.min.js", "lunr.multi.min.js"}


# Material's script fetches the sitemap.xml behind every <link rel="alternate"> on every page
# load, to find "the same page" in another language. This site's language links already
# point at the same page, so that is 7 wasted requests a page; aim the selector at nothing.
_ALTERNATE_LOOKUP = 'M("link[rel=alternate]")'
_NO_LOOKUP = 'M("link[rel=alternate][data-sitegen-never]")'


def patch_theme_script(site: Path) -> None:
    """Keep the theme's script off other hosts and off the network when nobody asked for anything."""
    bundles = list((site / "assets" / "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        raise RuntimeError(f"expected one Material bundle.*.min.js in {site}, found {len(bundles)}")
    text = bundles[0].read_text(encoding="utf-8")
    if text.count(_ALTERNATE_LOOKUP) != 1:
        raise RuntimeError(
            "Material's script changed: its alternate-language lookup was not found. "
            "Check scripts/sitegen/postbuild.py against the new Material version."
        )
    text = text.replace(_ALTERNATE_LOOKUP, _NO_LOOKUP)
    for url in _CDN_SCRIPTS:
        text = text.replace(url, _EMPTY_SCRIPT)
    bundles[0].write_text(text, encoding="utf-8")


def prune_theme_files(site: Path, search_languages: list[str]) -> None:
    """Source maps and other languages' search stemmers are never requested by this build's pages."""
    for source_map in (site / "assets").rglob("*.map"):
        source_map.unlink()
    # No page links these: the palette is the site's own, and so is the favicon (an SVG).
    for unused in [*(site / "assets" / "stylesheets").glob("palette.*.css"), site / "assets/images/favicon.png"]:
        unused.unlink(missing_ok=True)
    lunr = site / "assets" / "javascripts" / "lunr"
    keep = _LUNR_SUPPORT | {f"lunr.{code}.min.js" for code in search_languages}
    for path in (lunr / "min").glob("*.js"):
        if path.name not in keep:
            path.unlink()
    segmenters = {"ja": "tinyseg.js", "th": "wordcut.js"}
    for code, name in segmenters.items():
        if code not in search_languages and (lunr / name).exists():
            (lunr / name).unlink()
