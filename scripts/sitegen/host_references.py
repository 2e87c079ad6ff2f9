"""Checks of a built site: nothing in it makes the browser ask another host for anything."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

# Attributes whose URL the browser fetches by itself, without the reader clicking.
_FETCHED = {
    "script": ["src"],
    "img": ["src", "srcset"],
    "iframe": ["src"],
    "source": ["src", "srcset"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "track": ["src"],
    "input": ["src"],
    "form": ["action"],
}
_LINK_FETCHED = {
    "stylesheet",
    "icon",
    "preload",
    "prefetch",
    "modulepreload",
    "manifest",
    "apple-touch-icon",
    "dns-prefetch",
    "preconnect",
}
_CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])(https?:)?//""", re.I)
_JS_URL = re.compile(r"""["'`](https?:)?//[^"'`\s]+""")
# Strings in Material's scripts that name a host but are never fetched by this site:
# SVG namespaces, and GitHub's and GitLab's APIs, used only when `repo_url` is set.
_JS_NOT_FETCHED = re.compile(r"//(www\.w3\.org/|api\.github\.com/|github\.com/|\$\{e\}/api/v4/)|^.//nbsp")


# Only elements that can fetch something: a page of a thousand contacts has tens of thousands
# of elements, and looking at each one in Python was most of this check's time.
_CANDIDATES = etree.XPath(
    "|".join(f"//{tag}" for tag in _FETCHED) + "|//link|//style|//*[@style]",
)


def _external(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.netloc) and parts.scheme in ("", "http", "https")


def external_references(site: Path) -> list[str]:
    """Every place in the built site that would make a browser contact another host."""
    found = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            tree = lxml_html.fromstring(path.read_bytes())
            for el in _CANDIDATES(tree):
                tag = el.tag if isinstance(el.tag, str) else ""
                attrs = list(_FETCHED.get(tag, []))
                if tag == "link" and _LINK_FETCHED & set((el.get("rel") or "").lower().split()):
                    attrs.append("href")
                for attr in attrs:
                    for url in re.split(r",\s*", el.get(attr) or ""):
                        if url and _external(url.split()[0]):
                            found.append(f"{rel}: <{tag} {attr}={url!r}>")
                style = el.get("style") or (el.text if tag == "style" else "") or ""
                if _CSS_URL.search(style):
                    found.append(f"{rel}: <{tag}> style loads a URL from another host")
        elif path.suffix == ".css":
            for m in _CSS_URL.finditer(path.read_text(encoding="utf-8", errors="replace")):
                found.append(f"{rel}: {m.group(0)}")
        elif path.suffix == ".js":
            for m in _JS_URL.finditer(path.read_text(encoding="utf-8", errors="replace")):
                if not _JS_NOT_FETCHED.search(m.group(0)):
                    found.append(f"{rel}: {m.group(0)}")
    return found
