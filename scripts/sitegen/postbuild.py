"""After MkDocs: make the theme's files safe to serve offline and drop what no page uses."""

from __future__ import annotations

from pathlib import Path

# Material loads these from a CDN, only in old browsers or for diagrams this site never
# has. An empty script instead keeps every browser off that host; pages work without it.
_CDN_SCRIPTS = ("https://unpkg.com/resize-observer-polyfill", "https://unpkg.com/mermaid@11/dist/mermaid.min.js")
_EMPTY_SCRIPT = "data:text/javascript,"
_LUNR_SUPPORT = {"lunr.stemmer.support.min.js", "lunr.multi.min.js"}


def neutralise_cdn_scripts(site: Path) -> None:
    for bundle in (site / "assets" / "javascripts").glob("bundle.*.min.js"):
        text = bundle.read_text(encoding="utf-8")
        for url in _CDN_SCRIPTS:
            text = text.replace(url, _EMPTY_SCRIPT)
        bundle.write_text(text, encoding="utf-8")


def prune_theme_files(site: Path, search_languages: list[str]) -> None:
    """Source maps and other languages' search stemmers are never requested by this build's pages."""
    for source_map in (site / "assets").rglob("*.map"):
        source_map.unlink()
    lunr = site / "assets" / "javascripts" / "lunr"
    keep = _LUNR_SUPPORT | {f"lunr.{code}.min.js" for code in search_languages}
    for path in (lunr / "min").glob("*.js"):
        if path.name not in keep:
            path.unlink()
    segmenters = {"ja": "tinyseg.js", "th": "wordcut.js"}
    for code, name in segmenters.items():
        if code not in search_languages and (lunr / name).exists():
            (lunr / name).unlink()
