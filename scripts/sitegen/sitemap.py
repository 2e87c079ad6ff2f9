"""What search engines read: one sitemap for every language, and robots.txt.

Both are derived from `site_url`; without it a sitemap would hold wrong (relative) addresses,
so there is none, and robots.txt names none.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from mkdocs.utils.meta import get_data

from .data import SiteData
from .pages import PageSource, modified
from .urls import page_url, prefix

_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_XHTML_NS = "http://www.w3.org/1999/xhtml"


def remove_engine_sitemaps(site: Path) -> None:
    """MkDocs writes one sitemap per language build, with no alternates; the site has one of its own."""
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        for path in site.rglob(name):
            path.unlink()


def sitemap(data: SiteData, pages: dict[str, list[PageSource]], site_url: str) -> bytes:
    """Every page in every language, each listing all its languages (and x-default) as alternates."""
    site = data.site
    base = site_url.rstrip("/") + "/"
    default = site.default_language
    by_rel = {p.rel: p for p in pages[default]}
    urlset = etree.Element(f"{{{_SITEMAP_NS}}}urlset", nsmap={None: _SITEMAP_NS, "xhtml": _XHTML_NS})
    for lang in site.languages:
        for source in pages[lang]:
            url = etree.SubElement(urlset, f"{{{_SITEMAP_NS}}}url")
            etree.SubElement(url, f"{{{_SITEMAP_NS}}}loc").text = base + prefix(lang, default) + page_url(source.rel)
            _, meta = get_data(source.path.read_text(encoding="utf-8"))
            etree.SubElement(url, f"{{{_SITEMAP_NS}}}lastmod").text = modified(data.root, source.path, meta).isoformat()
            if source.rel not in by_rel:
                continue
            for code in [*site.languages, "x-default"]:
                target = "" if code == "x-default" else prefix(code, default)
                link = etree.SubElement(url, f"{{{_XHTML_NS}}}link")
                link.set("rel", "alternate")
                link.set("hreflang", code)
                link.set("href", base + target + page_url(source.rel))
    return etree.tostring(urlset, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def robots(site_url: str | None) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
    return "\n".join(lines) + "\n"


def write_discovery(site: Path, data: SiteData, pages: dict[str, list[PageSource]], site_url: str | None) -> None:
    remove_engine_sitemaps(site)
    if site_url:
        (site / "sitemap.xml").write_bytes(sitemap(data, pages, site_url))
    (site / "robots.txt").write_text(robots(site_url), encoding="utf-8")
