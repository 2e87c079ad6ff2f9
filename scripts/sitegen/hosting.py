"""The site's security policy, and the file each kind of host needs to send it.

One policy, written out four ways: `_headers` (Netlify, Cloudflare Pages), `.htaccess`
(Apache), an nginx snippet, and a <meta> tag in every page for hosts that cannot set headers
(GitHub Pages, a USB stick opened from disk).
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import Markup

from .paths import overrides_dir

# Everything the site loads is its own: no eval, no other host, nothing inline but a page's
# <style> (its first screen's rules, one of a few, see stylesheets.py) and one <script>
# (inline_script), each allowed by its hash alone.
# `frame-src 'self'` is for search opened from disk (components/offline-search);
# `img-src data:` is for the theme's icons, which its CSS carries as data: URLs.
_POLICY = {
    "default-src": "'none'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "worker-src": "'self'",
    "frame-src": "'self'",
    "manifest-src": "'self'",
    "form-action": "'self'",
    "base-uri": "'none'",
}
# Browsers ignore (and complain about) this one in a <meta> policy: only a header can say it.
_HEADER_ONLY_POLICY = {"frame-ancestors": "'none'"}

# Features the site never uses, refused to every page and anything it could embed.
_NO_FEATURES = (
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "usb",
)
_TYPES = {
    "text/html": "html",
    "text/css": "css",
    "application/javascript": "js",
    "application/json": "json",
    "application/xml": "xml",
    "text/plain": "txt",
    "text/vcard": "vcf",
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg jpeg",
    "image/webp": "webp",
    "image/gif": "gif",
    "image/svg+xml": "svg",
    "image/x-icon": "ico",
    "font/woff2": "woff2",
}
# A year; not includeSubDomains, since the site may share a domain it does not control.
_HSTS = "max-age=31536000"
# Headers that act only on a document: a page, a file opened on its own (an SVG or a PDF is
# one then), or a worker, which takes its policy from its script's response. A style sheet, a
# classic script, an image or a font a page loads ignores them: they are left off those
# responses (some 750 bytes each) where the host can tell them apart (nginx, Apache).
DOCUMENT_HEADERS = (
    "Content-Security-Policy",
    "Referrer-Policy",
    "Permissions-Policy",
    "X-Frame-Options",
    "Cross-Origin-Opener-Policy",
)
# The types that are only ever part of a page, never a document: anything else (HTML, SVG, PDF,
# XML, plain text, a type nobody named) keeps every header.
SUBRESOURCE_TYPES = (
    "text/css",
    "application/javascript",
    "text/javascript",
    "application/json",
    "text/vcard",
    "image/png",
    "image/jpeg",
    "image/webp",
    "image/gif",
    "image/x-icon",
    "font/woff2",
)
# The theme's search worker (assets/javascripts/workers/): a script, but one a worker runs, whose
# policy comes from its own response, so it keeps every header.
_WORKERS = "/workers/"


def source_hash(text: str) -> str:
    """The policy source ('sha256-…') that allows one inline <script> or <style>, this text exactly."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def inline_script(root: Path) -> str:
    """The one inline script of every theme page (components/theme-script/theme-script.inline.js)."""
    return (
        (overrides_dir(root) / "components" / "theme-script" / "theme-script.inline.js")
        .read_text(encoding="utf-8")
        .strip()
    )


@dataclass(frozen=True)
class InlineHashes:
    """The hashes (source_hash) of the inline <style> and <script> the pages carry: the sources
    the policy allows them by, wherever the policy is written."""

    styles: tuple[str, ...] = ()
    scripts: tuple[str, ...] = ()


NO_INLINE = InlineHashes()


def content_security_policy(meta: bool = False, inline: InlineHashes = NO_INLINE) -> str:
    """The policy: as a header, or (`meta`) as much of it as a page's <meta> can say."""
    policy = dict(_POLICY) if meta else {**_POLICY, **_HEADER_ONLY_POLICY}
    for directive, hashes in (("style-src", inline.styles), ("script-src", inline.scripts)):
        if hashes:
            policy[directive] = " ".join((policy[directive], *hashes))
    return "; ".join(f"{name} {value}" for name, value in policy.items())


def security_headers(https: bool, inline: InlineHashes = NO_INLINE) -> dict[str, str]:
    """The response headers for every file of the site; HSTS only when it is served over HTTPS."""
    headers = {
        "Content-Security-Policy": content_security_policy(inline=inline),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Permissions-Policy": ", ".join(f"{name}=()" for name in _NO_FEATURES),
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    if https:
        headers["Strict-Transport-Security"] = _HSTS
    return headers


def subresource_headers(https: bool) -> dict[str, str]:
    """The headers for a response of one of SUBRESOURCE_TYPES: those of security_headers that
    still act there (nosniff makes the browser hold it to its type; HSTS is for the whole host)."""
    return {k: v for k, v in security_headers(https).items() if k not in DOCUMENT_HEADERS}


def _subresource_extensions() -> list[str]:
    """The extensions the nginx snippet serves as one of SUBRESOURCE_TYPES (its types { } block)."""
    return [ext for mime, exts in _TYPES.items() if mime in SUBRESOURCE_TYPES for ext in exts.split()]


def meta_tags(inline: InlineHashes = NO_INLINE) -> Markup:
    """The part of the policy a page can carry itself, for hosts that send no headers."""
    policy = content_security_policy(meta=True, inline=inline)
    # A constant of the project's own, safe inside a double-quoted attribute: kept readable
    # (with its ' quotes, not &#39;) for whoever checks it with "view source".
    assert not set(policy) & set('"<>&'), policy
    return Markup(
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n<meta name="referrer" content="no-referrer">'
    )


def site_path(site_url: str | None) -> str:
    """The URL path the site is published under: "/" unless its address says a subfolder."""
    return (urlsplit(site_url).path.rstrip("/") + "/") if site_url else "/"


def _is_https(site_url: str | None) -> bool:
    return bool(site_url) and urlsplit(site_url).scheme == "https"


def netlify_headers(site_url: str | None, inline: InlineHashes = NO_INLINE) -> str:
    """`_headers`, read by Netlify and Cloudflare Pages from the published folder (always HTTPS)."""
    lines = ["# Security headers for Netlify and Cloudflare Pages. Generated by sitegen build.", "/*"]
    headers = security_headers(https=True, inline=inline)
    lines += [f"  {name}: {value}" for name, value in headers.items()]
    return "\n".join(lines) + "\n"


def netlify_redirects(languages: list[str], default: str) -> str:
    """`_redirects`: Netlify shows only the root 404 page unless told of each language's."""
    lines = ['# Each language\'s own "page not found" (Netlify). Generated by sitegen build.']
    lines += [f"/{code}/*  /{code}/404.html  404" for code in languages if code != default]
    return "\n".join(lines) + "\n"


def htaccess(
    site_url: str | None,
    languages: list[str],
    default: str,
    inline: InlineHashes = NO_INLINE,
) -> str:
    """`.htaccess` for Apache (mod_headers); its error pages need the site's published path."""
    lines = [
        "# Security headers and error pages for Apache. Generated by sitegen build.",
        "Options -Indexes",
        "AddDefaultCharset utf-8",
        "AddType text/vcard .vcf",
        "AddType image/svg+xml .svg",
        "<IfModule mod_deflate.c>",
        "  AddOutputFilterByType DEFLATE text/html text/css application/javascript application/json image/svg+xml",
        "</IfModule>",
        "<IfModule mod_headers.c>",
    ]
    # The document headers only where they can act: not on a type that is only ever part of a
    # page (Apache's CONTENT_TYPE may carry "; charset=..."), except the search worker's script.
    types = "|".join(SUBRESOURCE_TYPES)  # no character a regex reads as anything but itself
    document = f"expr=%{{CONTENT_TYPE}} !~ m#^({types})( |;|$)#i || %{{REQUEST_URI}} =~ m#{_WORKERS}#"
    for name, value in security_headers(https=False, inline=inline).items():
        condition = f' "{document}"' if name in DOCUMENT_HEADERS else ""
        lines.append(f'  Header always set {name} "{value}"{condition}')
    lines.append(f'  Header always set Strict-Transport-Security "{_HSTS}" "expr=%{{HTTPS}} == \'on\'"')
    lines.append("</IfModule>")
    if site_url:
        base = site_path(site_url)
        lines.append(f"ErrorDocument 404 {base}404.html")
        for code in languages:
            if code != default:
                lines.append(f'<If "%{{REQUEST_URI}} =~ m#^{base}{code}/#">')
                lines.append(f"  ErrorDocument 404 {base}{code}/404.html")
                lines.append("</If>")
    else:
        lines.append("# No site_url in data/site.yml, so the site's path is unknown: no ErrorDocument lines.")
    return "\n".join(lines) + "\n"


def nginx_snippet(
    site_url: str | None,
    languages: list[str],
    default: str,
    inline: InlineHashes = NO_INLINE,
) -> str:
    """A `location` block to include in an nginx `server { }` whose root holds the site."""
    base = site_path(site_url)
    headers = security_headers(https=_is_https(site_url), inline=inline)
    out = [
        "# The site's security headers, error pages and compression, for nginx. Generated by sitegen build.",
        f"# Put the built site where this server's root + {base} finds it, and include this file",
        "# inside the server { } block. Headers are set here, in the location: nginx drops a",
        "# server's add_header lines in any location that has its own.",
    ]
    if "Strict-Transport-Security" in headers:
        out.append("# Strict-Transport-Security is for a server that answers over HTTPS (site_url says so).")
    # ^~: the server's own regex locations (say, caching rules for *.css) must not take these files.
    out += [f"location ^~ {base} {{", "    charset utf-8;"]
    # Readers may be in danger from whoever reads the server's logs: keep no record of visits.
    out += ["    access_log off;", "    log_not_found off;"]
    out.append("    charset_types text/html text/plain text/css application/javascript application/json text/vcard;")
    # The types the site uses, so the answer is right (nosniff) whatever the server's mime.types
    # says; .vcf must be text/vcard for phones to offer "add to contacts".
    out.append("    types {")
    out += [f"        {mime} {exts};" for mime, exts in _TYPES.items()]
    out.append("    }")
    out += [
        "    gzip on;",
        "    gzip_comp_level 6;",
        "    gzip_types text/css application/javascript application/json application/xml image/svg+xml;",
    ]
    out += [f'    add_header {name} "{value}" always;' for name, value in headers.items()]
    out.append(f"    error_page 404 {base}404.html;")
    # A location inside this one that sets add_header drops all of this one's: the subresources'
    # location sets only the headers that act on them. Its regex is checked only within the
    # location that took the request (^~), so each language's location has it too.
    # nginx's map could choose by the type sent, but map is not allowed inside server { }.
    inner = _subresource_locations(subresource_headers(_is_https(site_url)))
    out += [f"    {line}" for line in inner]
    for code in languages:
        if code != default:
            out.append(f"    location ^~ {base}{code}/ {{")
            out.append(f"        error_page 404 {base}{code}/404.html;")
            out += [f"        {line}" for line in inner]
            out.append("    }")
    out.append("}")
    return "\n".join(out) + "\n"


def _subresource_locations(headers: dict[str, str]) -> list[str]:
    """nginx locations (inside the site's) for the files served as one of SUBRESOURCE_TYPES."""
    extensions = "|".join(_subresource_extensions())
    sets = " ".join(f'add_header {name} "{value}" always;' for name, value in headers.items())
    return [
        # First, as regexes are tried in order: the search worker keeps every header.
        f"location ~ {_WORKERS} {{ }}",
        f"location ~* \\.({extensions})$ {{ {sets} }}",
    ]


def write_host_files(
    site: Path,
    site_url: str | None,
    languages: list[str],
    default: str,
    inline: InlineHashes = NO_INLINE,
) -> None:
    """The files hosts read from the published folder itself."""
    (site / "_headers").write_text(netlify_headers(site_url, inline), encoding="utf-8")
    (site / "_redirects").write_text(netlify_redirects(languages, default), encoding="utf-8")
    (site / ".htaccess").write_text(htaccess(site_url, languages, default, inline), encoding="utf-8")


def nginx_path(out: Path) -> Path:
    """Where the nginx snippet goes: beside the site's folder, not in it (it is not for readers)."""
    return out.with_name(out.name + ".nginx.conf")


def write_nginx(
    out: Path,
    site_url: str | None,
    languages: list[str],
    default: str,
    inline: InlineHashes = NO_INLINE,
) -> Path:
    path = nginx_path(out)
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    tmp.write_text(nginx_snippet(site_url, languages, default, inline), encoding="utf-8")
    os.replace(tmp, path)
    return path
