"""Checks of a built site: nothing in it makes the browser ask another host for anything, and
no page holds a script that its own policy refuses (a setting such as Material's analytics adds
one: the browser would refuse it, but the site runs no script other than its own)."""

from __future__ import annotations

import base64
import hashlib
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


_INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)
_TYPE = re.compile(r"""(?<![\w-])type\s*=\s*["']?([^"'\s>]*)""", re.I)
# What a browser runs (the HTML standard's JavaScript MIME types, and modules); any other type
# is data, such as JSON.
_RUNS = re.compile(
    r"(?:application|text)/(?:x-)?(?:java|ecma)script|text/javascript1\.[0-5]|text/jscript|text/livescript|module", re.I
)
_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"')


def refused_scripts(site: Path) -> list[str]:
    """Every inline script of the built pages that the page's own policy does not allow, by its
    id or first words, and the first page that has it (a setting adds it to every page)."""
    pages: dict[str, list[str]] = {}
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8", errors="replace")
        policy = _POLICY.search(text)
        if not policy:  # a page without its own policy gets the host's, which the build wrote too
            continue
        sources = next((d.split()[1:] for d in policy.group(1).split(";") if d.split()[:1] == ["script-src"]), [])
        for attributes, body in _INLINE_SCRIPT.findall(text):
            kind = _TYPE.search(attributes)
            if kind and kind.group(1) and not _RUNS.fullmatch(kind.group(1).strip()):
                continue  # data (JSON), not a script
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
            if f"'sha256-{digest}'" not in sources:
                name = re.search(r"""(?<![\w-])id=["']?([^"'\s>]+)""", attributes)
                what = f'<script id="{name.group(1)}">' if name else f"<script> {' '.join(body.split())[:40]}"
                pages.setdefault(what, []).append(path.relative_to(site).as_posix())
    return [
        f"{found[0]}{f' (and {len(found) - 1} other pages)' if len(found) > 1 else ''}: {what}"
        for what, found in pages.items()
    ]
