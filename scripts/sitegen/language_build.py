"""Everything one language's build adds to MkDocs' pages, as plain functions of the data.

The MkDocs hooks (mkdocs_hooks.py) only call into this module.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.utils.meta import get_data

from . import branding, directives, material, page_html, theme_strings
from .contacts_export import write_vcards
from .data import SiteData, load_site_data
from .handouts import write_handouts
from .hosting import InlineHashes, inline_script, meta_tags, site_path, source_hash
from .page_ids import id_line, id_problem_message, repeated_ids
from .pages import (
    PageSource,
    discover,
    docs_dir,
    modified,
    page_sources,
    page_translation,
    summary,
)
from .paths import overrides_dir
from .problems import Problem
from .render import Renderer, language_name, og_locale
from .translations import recorded_reviews
from .urls import page_url, poster_path, prefix, relative

_TOKEN = "SGPLACEHOLDER{}X"
_TOKEN_RE = re.compile(r"(<p>)?SGPLACEHOLDER(\d+)X(</p>)?")


@dataclass
class LanguageBuild:
    root: Path
    lang: str
    data: SiteData
    site_url: str | None = None
    pages: dict[str, PageSource] = field(default_factory=dict)
    _placeholders: dict[str, list[Markup]] = field(default_factory=dict)
    _text_meta: dict[str, dict[str, str]] = field(default_factory=dict)
    preview: bool = False  # `sitegen serve`: no meta policy, so MkDocs' reload script can run
    problems: list[Problem] = field(default_factory=list)  # found in pages while building; they stop it
    theme_words: dict[str, str] = field(default_factory=dict)  # the theme's words for its script (from its pages)
    _shared: dict[tuple, Markup] = field(default_factory=dict)  # parts that many pages show alike

    @classmethod
    def load(cls, root: Path, lang: str, site_url: str | None = None, preview: bool = False) -> LanguageBuild:
        """Read data/ (again, if it changed: `sitegen serve` reloads on every save), then as from_data."""
        return cls.from_data(load_site_data(root), lang, site_url, preview)

    @classmethod
    def from_data(cls, data: SiteData, lang: str, site_url: str | None = None, preview: bool = False) -> LanguageBuild:
        """One language's build of data that has already been validated."""
        material.check_version()
        site = data.site
        if lang not in site.languages:
            raise ValueError(f"'{lang}' is not in `languages` in data/site.yml ({', '.join(site.languages)}).")
        sources, _ = discover(data.root, [lang], site.default_language)  # this language's pages only
        pages = {p.rel: p for p in sources[lang]}
        return cls(data.root, lang, data, site_url or site.site_url, pages, preview=preview)

    @property
    def default(self) -> str:
        return self.data.site.default_language

    @cached_property
    def renderer(self) -> Renderer:
        return Renderer(self.data, self.lang, overrides_dir(self.root))

    def is_fallback(self, rel: str) -> bool:
        page = self.pages.get(rel)
        return bool(page and page.fallback)

    # ------------------------------------------------------------ page content

    def replace_placeholders(self, rel: str, markdown: str) -> str:
        """Swap [[...]] for inert tokens; the HTML goes in after Markdown, so Markdown never touches it."""
        r = self.renderer
        r.page_root = "../" * rel.count("/")
        r.contacts_page = page_url(self.contacts_page) if self.contacts_page else None
        rendered: list[Markup] = []
        out, last = [], 0
        for d in directives.find(markdown):
            if d.name == "emergency":
                html = r.emergency_inline()
            elif d.name == "phone":
                contact = r.contact(d.arg)
                html = Markup(" / ").join(r.phone_link(p) for p in contact.phones)
            elif d.name == "link":
                html = r.contact_link(r.contact(d.arg))
            elif d.name == "contact":
                html = r.contact_card(r.contact(d.arg), 2)
            elif d.name == "contacts":
                html = r.contacts_listing()
            elif d.name == "infographic":
                html = r.infographic(d.arg)
            else:  # checked before the build; keep the text visible rather than lose it
                continue
            out.append(markdown[last : d.start])
            out.append(_TOKEN.format(len(rendered)))
            rendered.append(html)
            last = d.end
        out.append(markdown[last:])
        self._placeholders[rel] = rendered
        return "".join(out)

    def finish_content(self, rel: str, html: str) -> str:
        """The page's own HTML through the allow-list (what it refuses is a problem, with its line),
        then the placeholders' HTML, which the project rendered and escaped itself."""
        html, removed = page_html.clean(html)
        source = self.pages[rel].path if rel in self.pages else None
        for item in removed:
            self.problems.append(
                Problem(
                    source or self.root / "docs" / self.lang / rel,
                    page_html.locate(source, item.needle) if source else None,
                    "",
                    f"the page's HTML has {item.what}, which a page may not contain (see the editor's guide, "
                    '"HTML in a page"). Remove it; write links as [text](https://...) and leave scripts out.',
                )
            )
        rendered = self._placeholders.pop(rel, [])

        def swap(m: re.Match) -> str:
            part = rendered[int(m.group(2))]
            if m.group(1) and m.group(3):
                return str(part)  # a block placeholder: drop the paragraph Markdown put around it
            return (m.group(1) or "") + str(part) + (m.group(3) or "")

        html = _TOKEN_RE.sub(swap, html)
        for id_ in repeated_ids(html):
            self.problems.append(
                Problem(
                    source or self.root / "docs" / self.lang / rel,
                    id_line(source, id_) if source else None,
                    "",
                    id_problem_message(id_),
                )
            )
        if self.is_fallback(rel):
            html = f'{self.renderer.fallback_notice()}\n<div lang="{self.default}">\n{html}\n</div>'
        return html

    def translation_notice(self, rel: str) -> Markup:
        """Above a translated page that no fluent speaker has reviewed: say so, and link the original.
        Given to the page's template, not its content, so search results do not quote it."""
        page = self.pages.get(rel)
        if self.lang == self.default or not page or page.fallback or page_translation(page.path).get("reviewed"):
            return Markup("")
        original = relative(page_url(rel), prefix(self.lang, self.default) + page_url(rel))
        checked, total = self.review_counts.get(rel, (0, 0))
        return self.renderer.unreviewed_notice(original, checked, total)

    @cached_property
    def review_counts(self) -> dict[str, tuple[int, int]]:
        """Page -> (units a fluent speaker has checked, units), as `sitegen translations` counts them."""
        if self.lang == self.default or not recorded_reviews(self.root, self.lang, self.data.site.languages):
            return {}  # nothing checked unit by unit: every notice is the plain one, nothing to count
        from .translation_exchange import catalogue, page_review_counts  # translate-toolkit: slow to load

        return page_review_counts(catalogue(self.data, self.lang, pages_only=True))

    # ------------------------------------------------------------ title and description

    def escape_meta(self, rel: str, meta: dict) -> None:
        """The theme prints a page's front-matter title and description into HTML as they are (MkDocs'
        templates do not escape); escape them there, and keep the text for the project's own templates."""
        text = {key: meta[key].strip() for key in ("title", "description") if isinstance(meta.get(key), str)}
        self._text_meta[rel] = text
        for key, value in text.items():
            meta[key] = str(escape(value))

    def describe(self, rel: str, meta: dict, html: str) -> None:
        """A page without a `description:` is described by its first paragraph (search results show it)."""
        text = self._text_meta.setdefault(rel, {})
        if not text.get("description"):
            text["description"] = summary(html)
            meta["description"] = str(escape(text["description"]))

    def share_meta(self, rel: str, title: str) -> Markup:
        """Open Graph tags for link previews; the address and picture only when site_url is known."""
        site = self.data.site
        text = self._text_meta.get(rel, {})
        url = image = None
        if self.site_url:
            base = self.site_url.rstrip("/") + "/" + prefix(self.lang, self.default)
            url = base + page_url(rel)
            if self.data.infographics:
                image = base + poster_path(self.data.infographics[0].id, "png")
        infographic = self.data.infographics[0] if self.data.infographics else None
        return self.renderer.render(
            "share-meta/share-meta.html",
            site_name=site.site_name.get(self.lang, site.site_name[self.default]),
            title=text.get("title") or title,
            description=text.get("description", ""),
            locale=og_locale(self.lang, site.country),
            alternates=[og_locale(code, site.country) for code in site.languages if code != self.lang],
            url=url,
            image=image,
            image_alt=infographic.title.get(self.lang, infographic.title[self.default]) if infographic else "",
        )

    # ------------------------------------------------------------ page chrome

    def site_path(self) -> str:
        """The path the site is published under ("/" unless site_url says otherwise)."""
        return site_path(self.site_url)

    def language_links(self, rel: str | None) -> list[dict[str, object]]:
        """Links to this page in every language; from an error page, to each language's home page.

        Error pages are served at any address, so their links start from the site's path.
        """
        links = []
        for code in self.data.site.languages:
            if rel in self.pages:
                current = prefix(self.lang, self.default) + page_url(rel)
                href = relative(prefix(code, self.default) + page_url(rel), current)
            else:
                href = self.site_path() + prefix(code, self.default) + "index.html"
            links.append({"code": code, "name": language_name(code), "href": href, "current": code == self.lang})
        return links

    def fix_error_page(self, html: str) -> str:
        """MkDocs roots error pages at "/" when site_url is unset; another language's live under "/<lang>/"."""
        if self.site_url or self.lang == self.default:
            return html
        # Language-switch links (they carry hreflang) already point at the right language.
        return re.sub(
            r'(\s(?:href|src)=")/(?!/)([^"]*")(?! hreflang)', rf"\1/{prefix(self.lang, self.default)}\2", html
        )

    def hreflang(self, rel: str) -> Markup:
        """Absolute alternates for search engines; only when the site's address is known."""
        if not self.site_url or rel not in self.pages:
            return Markup("")
        base = self.site_url.rstrip("/") + "/"
        target = page_url(rel)
        links = [
            Markup('<link rel="alternate" hreflang="{}" href="{}">').format(
                code, base + prefix(code, self.default) + target
            )
            for code in self.data.site.languages
        ]
        links.append(Markup('<link rel="alternate" hreflang="x-default" href="{}">').format(base + target))
        return Markup("\n").join(links)

    @cached_property
    def contacts_page(self) -> str | None:
        """The page that lists the contacts (the one with [[contacts]]), if any."""
        for rel, source in sorted(self.pages.items()):
            if any(d.name == "contacts" for d in directives.find(source.path.read_text(encoding="utf-8"))):
                return rel
        return None

    def page_context(self, rel: str | None, meta: dict, title: str = "") -> dict[str, Markup]:
        r = self.renderer
        contacts_href = None
        if self.contacts_page:
            target = prefix(self.lang, self.default) + page_url(self.contacts_page)
            if rel in self.pages:
                contacts_href = relative(target, prefix(self.lang, self.default) + page_url(rel))
            else:
                contacts_href = self.site_path() + target
        context = {
            "quick_exit": self._once(("quick_exit",), r.quick_exit),
            "crisis_bar": self._once(("crisis_bar", contacts_href), lambda: r.crisis_bar(contacts_href)),
            "language_switch": r.language_switch(self.language_links(rel)),
            "head": Markup(""),
            "date_modified": Markup(""),
            "translation_notice": self.translation_notice(rel) if rel else Markup(""),
            "not_found": Markup(""),
        }
        if rel is None:  # the error page: served at any address, so its links start from the site's path
            base = self.site_path() + prefix(self.lang, self.default)
            context["not_found"] = r.render(
                "not-found/not-found.html",
                home=base + "index.html",
                home_title=self._title("index.md"),
                help=base + page_url(self.contacts_page) if self.contacts_page else None,
                help_title=self._title(self.contacts_page) if self.contacts_page else "",
            )
        if rel in self.pages:
            source = self.pages[rel]
            context["head"] = self.hreflang(rel) + self.share_meta(rel, title)
            page = prefix(self.lang, self.default) + page_url(rel)
            address = (self.site_url.rstrip("/") + "/" + page) if self.site_url else page
            # Sources are the same in every language: the original page lists them.
            sources = page_sources(docs_dir(self.root, self.default) / rel)
            context["date_modified"] = r.date_modified(modified(self.root, source.path, meta), address, sources)
        return context

    def _once(self, key: tuple, render: Callable[[], Markup]) -> Markup:
        """A part that many pages show alike (the quick exit; the crisis bar, for one link to the
        contacts page): rendered for the first page that shows it, then reused."""
        if key not in self._shared:
            self._shared[key] = render()
        return self._shared[key]

    def _title(self, rel: str) -> str:
        """A page's title in this language (its front matter), for links to it from elsewhere."""
        page = self.pages.get(rel)
        if not page:
            return rel
        _, meta = get_data(page.path.read_text(encoding="utf-8"))
        return str(meta.get("title") or rel)

    def theme_partial(self) -> dict[str, str]:
        """The theme's strings for this language, when the data gives any or the theme has none."""
        overrides = self.data.theme_strings.get(self.lang, {})
        if not theme_strings.needs_partial(self.lang, overrides):
            return {}
        source = theme_strings.partial_source(theme_strings.merged(self.lang, overrides))
        return {f"partials/languages/{self.lang}.html": source}

    def finish_html(self, html: str) -> str:
        """The project's security policy first in <head>, then the theme's page adapted (see material.py)."""
        # The policy must come before anything it governs; the theme's charset tag comes first.
        if not self.preview:
            html = html.replace('<meta charset="utf-8">', f'<meta charset="utf-8">\n{self._policy_tags}', 1)
        html = material.put_inline_script(html, self._inline_script)
        html, self.theme_words = material.take_theme_words(html)
        strings = theme_strings.merged(self.lang, self.data.theme_strings.get(self.lang, {}))
        label = strings.get("search", strings.get("search.placeholder", "Search"))
        return material.adapt_page(html, theme_strings.direction(self.lang), label)

    @cached_property
    def _inline_script(self) -> str:
        return inline_script(self.root)  # one file, the same on every page: read once a language

    @cached_property
    def _policy_tags(self) -> str:
        return meta_tags(InlineHashes(scripts=(source_hash(self._inline_script),)))

    def bundle(self, suffix: str) -> str:
        """All components' CSS (or JS) in one file: one request instead of one per component."""
        # Each component's own file is named after it: components/<name>/<name>.css (or .head.js,
        # for what must run before the theme's script).
        parts = sorted(
            p
            for p in (overrides_dir(self.root) / "components").glob(f"*/*{suffix}")
            if p.name == p.parent.name + suffix
        )
        bundle = "\n".join(f"/* {p.parent.name} */\n{p.read_text(encoding='utf-8')}" for p in parts)
        # The colours come last: they override the dark scheme's defaults in site-theme.css.
        return bundle + "\n" + branding.css(self.data.site.branding) if suffix == ".css" else bundle

    def post_build(self, site_dir: Path) -> None:
        """Everything the language adds once MkDocs has written its pages, for `build` and `serve` alike:
        the components' CSS and JS, search from disk, the logo, the theme's files made safe, the
        handouts and the vCards."""
        assets = site_dir / "assets"
        assets.mkdir(parents=True, exist_ok=True)
        (assets / "sitegen.css").write_text(self.bundle(".css"), encoding="utf-8")
        # What must run before the theme's script (its helpers) comes first.
        (assets / "sitegen.js").write_text(self.bundle(".head.js") + "\n" + self.bundle(".js"), encoding="utf-8")
        self.write_offline_search(site_dir)
        branding.write_logo(self.data.site.branding, self.root / "data", site_dir)
        material.patch_theme_script(site_dir)
        material.write_theme_script_css(site_dir)
        material.write_theme_words(site_dir, self.theme_words)
        write_handouts(self.data, self.lang, site_dir, self.contacts_page)
        write_vcards(self.data, self.lang, site_dir)

    def write_offline_search(self, site_dir: Path) -> None:
        """What search needs when the site is opened from disk: its index as a script (the theme
        loads search/search_index.js on file://) and the frame that stands in for its worker."""
        index = site_dir / "search" / "search_index.json"
        if index.exists():
            (site_dir / "search" / "search_index.js").write_text(
                "var __index = " + index.read_text(encoding="utf-8"), encoding="utf-8"
            )
        component = overrides_dir(self.root) / "components" / "offline-search"
        folder = site_dir / "assets" / "offline-search"
        folder.mkdir(parents=True, exist_ok=True)
        # frame-worker.js: loaded on file:// only, by components/theme-script (not in sitegen.js).
        for name in ("frame.js", "frame-worker.js"):
            (folder / name).write_text((component / name).read_text(encoding="utf-8"), encoding="utf-8")
        (folder / "frame.html").write_text(
            self.renderer.render("offline-search/frame.html", security_meta=meta_tags()), encoding="utf-8"
        )
