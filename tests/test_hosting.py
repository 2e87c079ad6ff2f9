"""Deploy anywhere, securely: nginx with the shipped snippet, a domain's root, a subfolder, and
a folder opened from disk, each in Chromium; the policy as each kind of host receives it."""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, page, watch_problems
from sitegen import stylesheets
from sitegen.data import load_site_data
from sitegen.hosting import (
    DOCUMENT_HEADERS,
    SUBRESOURCE_TYPES,
    InlineHashes,
    content_security_policy,
    htaccess,
    netlify_headers,
    nginx_snippet,
    security_headers,
    subresource_headers,
)
from sitegen.localhost import nginx
from sitegen.precompress import MIN_SIZE, SUFFIXES

DATA = load_site_data(ROOT)
LANGS = DATA.site.languages
DEFAULT = DATA.site.default_language


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def _inline_hashes(site: Path, tag: str) -> tuple[str, ...]:
    """The policy sources of the inline <style>s (or <script>s, not JSON data) the built pages
    carry, worked out from the pages themselves."""
    found = set()
    pattern = re.compile(rf"<{tag}>(.*?)</{tag}>", re.S)  # no attributes: not a data block or a file
    for rel in _pages(site):
        for text in pattern.findall((site / rel).read_text(encoding="utf-8")):
            found.add(_source(text))
    return tuple(sorted(found))


def _source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _hashes(site: Path) -> InlineHashes:
    return InlineHashes(_inline_hashes(site, "style"), _inline_hashes(site, "script"))


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


# ---------------------------------------------------------------- what the host sends


def test_each_text_file_has_a_gzip_copy_that_holds_exactly_it(site):
    """The copies nginx sends in place of the files (sitegen.precompress): one for every page,
    stylesheet and script worth compressing, each the same text, so no reader is ever sent a page
    other than the one published."""
    texts = {p for p in site.rglob("*") if p.suffix in SUFFIXES and p.is_file() and p.stat().st_size >= MIN_SIZE}
    copies = set(site.rglob("*.gz"))
    assert {p.with_name(p.name + ".gz") for p in texts} == copies
    for copy in copies:
        original = copy.with_suffix("").read_bytes()
        assert gzip.decompress(copy.read_bytes()) == original, copy
        assert copy.stat().st_size < len(gzip.compress(original, 6)), copy  # smaller than nginx makes it


def test_nginx_sends_the_gzip_copy_to_a_browser_that_takes_gzip_and_the_file_to_one_that_does_not(site, site_server):
    stylesheet = next((site / "ar" / "assets").glob("site.*.css")).name
    for rel in ("pa/get-help.html", f"ar/assets/{stylesheet}", "assets/sitegen.js", "contacts.json"):
        request = urllib.request.Request(site_server + rel, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            headers, body = dict(response.headers), response.read()
        assert headers.get("Content-Encoding") == "gzip", rel
        assert headers.get("Vary") == "Accept-Encoding", rel  # a cache between keeps the two apart
        copy = site / (rel + ".gz")
        # Data has no copy (search's index, contacts.json): nginx compresses it as it sends it.
        assert body == copy.read_bytes() if copy.exists() else gzip.decompress(body) == (site / rel).read_bytes()
        status, headers, body = _get(site_server + rel)  # urllib asks for no encoding
        assert (status, headers.get("Content-Encoding"), body) == (200, None, (site / rel).read_bytes()), rel
    assert not (site / "contacts.json.gz").exists()


def _is_subresource(content_type: str, rel: str) -> bool:
    """Whether a response is one the document headers are left off (hosting.SUBRESOURCE_TYPES)."""
    return content_type.split(";")[0].strip() in SUBRESOURCE_TYPES and "/workers/" not in rel


def test_nginx_sends_every_security_header_that_can_act_with_every_file(site, site_server):
    """Documents (pages, SVG, PDF, XML, the search worker's script, anything else) get every
    header; style sheets, scripts, images, fonts and data get those that act on them."""
    expected = security_headers(https=True, inline=_hashes(site))  # site_url is https, so HSTS is configured
    lighter = subresource_headers(https=True)
    files = sorted(p for p in site.rglob("*") if p.is_file())
    assert len(files) > 300
    kinds = {True: 0, False: 0}
    for path in files:
        rel = path.relative_to(site).as_posix()
        status, headers, body = _get(site_server + rel)
        assert status == 200, rel
        subresource = _is_subresource(headers["Content-Type"], rel)
        kinds[subresource] += 1
        for name, value in expected.items():
            want = lighter.get(name) if subresource else value
            assert headers.get(name) == want, (rel, name, headers.get(name))
        assert body == path.read_bytes(), rel
    assert kinds[True] > 50 and kinds[False] > 150


@pytest.mark.parametrize("folder", ["", "fr/"])
def test_nginx_keeps_the_document_headers_off_style_sheets_and_scripts_only(site, site_server, folder):
    policy = content_security_policy(inline=_hashes(site))
    worker = next((site / folder / "assets" / "javascripts" / "workers").glob("search.*.js")).name
    documents = ["get-help.html", "", "assets/images/favicon.svg", "posters/dont-take-that-photo.pdf"]
    documents.append(f"assets/javascripts/workers/{worker}")  # a worker takes its policy from its script
    for rel in documents:
        status, headers, _ = _get(site_server + folder + rel)
        assert status == 200, rel
        assert headers.get("Content-Security-Policy") == policy, rel
        for name in DOCUMENT_HEADERS:
            assert name in headers, (rel, name)
    stylesheet = next((site / folder / "assets").glob("site.*.css")).name
    for rel in (f"assets/{stylesheet}", "assets/sitegen.js"):
        status, headers, _ = _get(site_server + folder + rel)
        assert status == 200, rel
        assert headers.get("X-Content-Type-Options") == "nosniff", rel
        assert headers.get("Strict-Transport-Security"), rel
        assert not [name for name in DOCUMENT_HEADERS if name in headers], rel
    # A missing style sheet is answered with the language's 404 page: a document, every header.
    status, headers, body = _get(f"{site_server}{folder}assets/missing.css")
    assert (status, headers.get("Content-Security-Policy")) == (404, policy)
    assert body == (site / folder / "404.html").read_bytes()


@pytest.mark.parametrize(
    ("name", "mime"),
    [
        ("index.html", "text/html; charset=utf-8"),
        ("assets/sitegen.css", "text/css; charset=utf-8"),
        ("assets/sitegen.js", "application/javascript; charset=utf-8"),
        ("contacts.json", "application/json; charset=utf-8"),
        ("contacts/ca-cybertip.vcf", "text/vcard; charset=utf-8"),
        ("posters/dont-take-that-photo.pdf", "application/pdf"),
    ],
)
def test_nginx_names_each_kind_of_file_right(site_server, name, mime):
    # With nosniff, a script or style sheet sent under the wrong type is refused.
    status, headers, _ = _get(site_server + name)
    assert (status, headers["Content-Type"]) == (200, mime)


@pytest.mark.parametrize("lang", LANGS)
def test_nginx_answers_a_missing_page_with_its_languages_404_page_and_the_headers(site, site_server, lang):
    folder = "" if lang == DEFAULT else f"{lang}/"
    status, headers, body = _get(f"{site_server}{folder}no/such/page.html")
    assert status == 404
    assert headers["Content-Security-Policy"] == content_security_policy(inline=_hashes(site))
    assert body == (site / folder / "404.html").read_bytes()


def test_every_page_carries_the_policy_and_nothing_inline_but_the_first_screens_style(site):
    """Hosts that cannot send headers (GitHub Pages, a USB stick) get the policy from the page.
    The one inline thing is the first screen's <style> (one of a few: pages whose first screens
    use the same rules share one), allowed by its own hash alone."""
    pages = _pages(site)
    assert len(pages) > 150
    styles, scripts = _inline_hashes(site, "style"), _inline_hashes(site, "script")
    assert 1 <= len(styles) <= stylesheets.MAX_STYLES and len(scripts) == 1
    for rel in pages:
        doc = page(site / rel)
        head = doc.xpath("/html/head")[0]
        first = head[0], head[1]
        assert first[0].get("charset") == "utf-8", rel
        assert first[1].get("http-equiv") == "Content-Security-Policy", rel
        inline = doc.xpath("//style")
        # The theme's pages (not handouts or the offline-search frame): the site's stylesheet
        # comes last in <body>, where it does not hold the first paint.
        themed = doc.xpath("/html/body/link[@rel='stylesheet']/@href")
        assert len(inline) == len(themed) <= 1, rel
        if themed:
            assert re.fullmatch(r"(\.\./|/sextortion/(\w+/)?)?assets/site\.[0-9a-f]{8}\.css", themed[0]), (rel, themed)
            assert not doc.xpath("/html/head/link[@rel='stylesheet']"), rel
        own = tuple(_source(x.text) for x in inline)
        themed_policy = content_security_policy(meta=True, inline=InlineHashes(own, scripts))
        assert first[1].get("content") == (themed_policy if inline else content_security_policy(meta=True)), rel
        assert doc.xpath("//meta[@name='referrer']/@content") == ["no-referrer"], rel
        # Inline: data blocks, and on a theme page the one script the policy names by its hash.
        code = [x for x in doc.xpath("//script[not(@src)]") if x.get("type") != "application/json"]
        assert len(code) == len(inline), (rel, [(x.text or "")[:80] for x in code])
        assert not any(x.attrib for x in code), rel
        assert not doc.xpath("//@style"), rel
        handlers = [a for el in doc.iter() if isinstance(el.tag, str) for a in el.attrib if a.startswith("on")]
        assert not handlers, rel
        assert not doc.xpath("//meta[@name='generator']"), rel


def test_meta_policy_is_the_header_policy_less_what_only_a_header_can_say(site):
    hashes = _hashes(site)
    header = content_security_policy(inline=hashes).split("; ")
    meta = content_security_policy(meta=True, inline=hashes).split("; ")
    assert set(header) - set(meta) == {"frame-ancestors 'none'"}
    for policy in (header, meta):
        scripts = next(d for d in policy if d.startswith("script-src"))
        assert scripts == "script-src 'self' " + hashes.scripts[0]
        assert "'unsafe-inline'" not in " ".join(policy) and "'unsafe-eval'" not in " ".join(policy)


def test_each_host_gets_the_same_headers_in_its_own_format(site):
    hashes = _hashes(site)
    headers = security_headers(https=True, inline=hashes)
    netlify = (site / "_headers").read_text(encoding="utf-8")
    assert netlify == netlify_headers(None, hashes)
    for name, value in headers.items():
        assert f"  {name}: {value}\n" in netlify
    apache = (site / ".htaccess").read_text(encoding="utf-8")
    assert apache == htaccess("https://help.example.org/sextortion/", LANGS, DEFAULT, hashes)
    for name, value in security_headers(https=False, inline=hashes).items():
        assert f'Header always set {name} "{value}"' in apache
    assert "ErrorDocument 404 /sextortion/fr/404.html" in apache
    redirects = (site / "_redirects").read_text(encoding="utf-8")
    assert "/fr/*  /fr/404.html  404" in redirects


_APACHE_CONDITION = re.compile(
    r'^  Header always set ([\w-]+) "[^"]*" "expr=%\{CONTENT_TYPE\} !~ m#(.*)#i \|\| %\{REQUEST_URI\} =~ m#(.*)#"$',
    re.M,
)


def test_apache_sends_the_document_headers_where_they_can_act():
    """No Apache here to run: the generated conditions, read as Apache would (its expressions'
    regexes are PCRE; these use nothing Python's re reads differently)."""
    text = htaccess("https://help.example.org/sextortion/", LANGS, DEFAULT)
    found = _APACHE_CONDITION.findall(text)
    assert sorted(name for name, _, _ in found) == sorted(DOCUMENT_HEADERS)
    assert 'Header always set X-Content-Type-Options "nosniff"\n' in text  # on everything
    for _, types, uris in found:

        def sent(content_type: str, uri: str, types: str = types, uris: str = uris) -> bool:
            return not re.search(types, content_type, re.I) or bool(re.search(uris, uri))

        for content_type in ("text/html; charset=utf-8", "image/svg+xml", "application/pdf", "application/xml", ""):
            assert sent(content_type, "/sextortion/x"), content_type
        for content_type in ("text/css", "text/css; charset=utf-8", "application/javascript", "text/javascript"):
            assert not sent(content_type, "/sextortion/assets/sitegen.js"), content_type
        for content_type in ("image/png", "image/jpeg", "font/woff2", "application/json", "text/vcard"):
            assert not sent(content_type, "/sextortion/x"), content_type
        assert sent("text/cssx", "/x")  # only the type itself, not one it begins with
        assert sent("application/javascript", "/sextortion/assets/javascripts/workers/search.1.min.js")


def test_no_hsts_for_a_site_served_over_plain_http():
    assert "Strict-Transport-Security" not in nginx_snippet("http://intranet.example/help/", LANGS, DEFAULT)
    assert "Strict-Transport-Security" in nginx_snippet("https://example.org/", LANGS, DEFAULT)


# ---------------------------------------------------------------- in the browser


def test_every_page_loads_from_nginx_with_no_csp_violation_or_console_error(browser, site, site_server, first_loads):
    # The pages themselves, from the shared first-visit pass ...
    for rel, (load, problems) in first_loads.items():
        assert load.requests and problems == [], rel
    # ... then everything else: handouts and the search frame, and missing addresses.
    context = browser.new_context()
    tab = context.new_page()
    problems = watch_problems(tab)
    try:
        for rel in _pages(site):
            if rel.endswith("404.html") or rel in first_loads:
                continue  # a 404 page is what a missing address answers with: below
            response = tab.goto(site_server + rel, wait_until="load")
            assert response.status == 200, rel
            tab.wait_for_timeout(50)  # let the theme's script run its start-up work
            assert problems == [], rel
        for lang in LANGS:
            folder = "" if lang == DEFAULT else f"{lang}/"
            response = tab.goto(f"{site_server}{folder}missing.html", wait_until="load")
            assert response.status == 404
            tab.wait_for_timeout(50)
            # The browser reports the missing address itself; nothing else may go wrong.
            assert [p for p in problems if "status of 404" not in p] == [], lang
            problems.clear()
    finally:
        context.close()


def _search(tab, word: str) -> None:
    box = tab.locator("input.md-search__input")
    box.focus()
    box.fill(word)
    box.press("End")  # the theme searches on key-up, as when typing
    tab.locator(".md-search-result__item a").first.wait_for(timeout=20000)


def _walk(tab, home: str, site: Path) -> None:
    """What a reader does: open the site, follow the menu, switch language, search, download."""
    problems = watch_problems(tab)
    tab.goto(home)
    assert tab.locator("h1").first.is_visible()
    tab.locator("nav.md-nav--primary a[href='get-help.html']").first.click()
    tab.wait_for_url("**/get-help.html")
    assert tab.locator("#contact-ca-cybertip").is_visible()
    tab.locator("nav.sg-langs a[hreflang='fr']").click()
    tab.wait_for_url("**/fr/get-help.html")
    assert tab.locator("html").get_attribute("lang") == "fr"
    # Search in French, then follow a result.
    _search(tab, "police")
    hits = tab.locator(".md-search-result__item a")
    assert all("/fr/" in (hits.nth(i).evaluate("a => a.href")) for i in range(hits.count()))
    target = hits.first.evaluate("a => a.href")
    hits.first.click()
    tab.wait_for_url(target.split("#")[0] + "**")
    assert tab.locator("h1").first.is_visible()
    # Save a contact card, then the poster.
    tab.goto(target.split("fr/")[0] + "fr/get-help.html")
    with tab.expect_download() as saved:
        tab.locator("#contact-ca-cybertip .sg-contact__save a").click()
    assert Path(saved.value.path()).read_bytes() == (site / "fr" / "contacts" / "ca-cybertip.vcf").read_bytes()
    tab.goto(target.split("fr/")[0] + "fr/infographic.html")
    poster = site / "fr" / "posters" / "dont-take-that-photo.pdf"
    link = tab.locator(".sg-infographic__download a[href$='.pdf']")
    if home.startswith("file:"):
        # From disk the browser ignores `download` and opens the PDF in its viewer instead.
        link.click()
        tab.wait_for_url(poster.as_uri())
    else:
        with tab.expect_download() as saved:
            link.click()
        assert Path(saved.value.path()).read_bytes() == poster.read_bytes()
    assert problems == []


def test_a_reader_can_use_the_site_from_a_subfolder(browser, site, site_server):
    context = browser.new_context(accept_downloads=True)
    try:
        _walk(context.new_page(), site_server, site)
    finally:
        context.close()


def test_the_same_build_works_at_a_domains_root(browser, site, tmp_path):
    snippet = tmp_path / "root.nginx.conf"
    snippet.write_text(nginx_snippet(None, LANGS, DEFAULT, _hashes(site)), encoding="utf-8")
    with nginx(site, snippet, tmp_path / "nginx", "/") as url:
        context = browser.new_context(accept_downloads=True)
        try:
            _walk(context.new_page(), url, site)
        finally:
            context.close()


def test_the_same_build_works_opened_from_disk(browser, site):
    """A USB stick: no server, file:// addresses; the page's own policy still applies. Search
    runs its worker's script in a hidden frame (components/offline-search), fetched only here."""
    context = browser.new_context(accept_downloads=True)
    tab = context.new_page()
    fetched: list[str] = []
    tab.on("request", lambda request: fetched.append(request.url))
    try:
        _walk(tab, (site / "index.html").as_uri(), site)
        assert any(url.endswith("/assets/offline-search/frame-worker.js") for url in fetched)
        assert any(url.endswith("/assets/offline-search/frame.html") for url in fetched)
    finally:
        context.close()
