"""`sitegen check`'s reading of the pages: plain language, images, headings, links, kind words.

Each finding names the file and line, says what is wrong and how to fix it. The settings
(reading levels, blaming phrases, vague link texts) are in data/content-checks.yml.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown
import textstat
from lxml import html as lxml_html
from mkdocs.utils.meta import get_data

from .config import base_config
from .data import SiteData
from .language_build import LanguageBuild
from .models import ReadingLevel
from .new_page import PLACEHOLDER_DESCRIPTION, PLACEHOLDER_TEXT
from .pages import docs_dir, is_untranslated, page_sources
from .render import language_keys, setting_for

READING = "reading level"
IMAGES = "image text"
HEADINGS = "headings"
LINK_TEXT = "link text"
LINKS = "links"
BLAME = "blaming words"
SOURCES = "sources"
UNWRITTEN = "not written"

_FENCE = re.compile(r"^(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]*)")
_HTML_IMG = re.compile(r"<img\b(?![^>]*\balt=)[^>]*>", re.I)
_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_PLACEHOLDER = re.compile(r"\[\[[^\]]*\]\]")
_SCHEMES = ("http:", "https:", "mailto:", "tel:", "sms:")


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int | None
    check: str
    message: str
    fix: str


@dataclass(frozen=True)
class Reading:
    lang: str
    path: Path
    score: float
    level: ReadingLevel


def _prose_lines(body: str, offset: int) -> list[tuple[int, str]]:
    """(line number in the file, text) for each line outside fenced code blocks."""
    out, fenced = [], False
    for i, line in enumerate(body.splitlines(), start=offset + 1):
        if _FENCE.match(line.strip()):
            fenced = not fenced
            continue
        if not fenced:
            out.append((i, line))
    return out


def _split(path: Path) -> tuple[str, int]:
    """The page's Markdown without its front matter, and how many lines the front matter took."""
    text = path.read_text(encoding="utf-8")
    body, _ = get_data(text)
    offset = text[: len(text) - len(body)].count("\n") if body else 0
    return body, offset


def _markdown(root: Path) -> markdown.Markdown:
    """Markdown set up as mkdocs.yml sets it, so ids (anchors) come out as on the site."""
    names, configs = [], {}
    for item in base_config(root).get("markdown_extensions") or []:
        if isinstance(item, dict):
            (name, options), *_ = item.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(item)
    return markdown.Markdown(extensions=names, extension_configs=configs)


class _Language:
    """One language's pages, rendered once each for their anchors and their text."""

    def __init__(self, data: SiteData, lang: str) -> None:
        self.data = data
        self.lang = lang
        self.build = LanguageBuild.from_data(data, lang)
        self.md = _markdown(data.root)
        self._ids: dict[str, set[str]] = {}

    def ids(self, rel: str) -> set[str]:
        if rel not in self._ids:
            body, _ = _split(self.build.pages[rel].path)
            self.md.reset()
            page = self.build.finish_content(rel, self.md.convert(self.build.replace_placeholders(rel, body)))
            tree = lxml_html.fragment_fromstring(page or "<p></p>", create_parent="div")
            self._ids[rel] = {str(x) for x in tree.xpath("//@id")}
        return self._ids[rel]

    def text(self, body: str) -> str:
        """The page's prose (paragraphs and list items), without the data the placeholders show."""
        self.md.reset()
        page = self.md.convert(_PLACEHOLDER.sub("", body))
        tree = lxml_html.fragment_fromstring(page or "<p></p>", create_parent="div")
        return "\n".join(" ".join(el.text_content().split()) for el in tree.xpath("//p|//li"))


def reading_score(text: str, lang: str, level: ReadingLevel) -> float:
    textstat.set_lang(lang.replace("-", "_"))  # textstat (and its hyphenation) reads en_NZ, not en-NZ
    if level.formula == "wiener_sachtextformel":
        return float(textstat.wiener_sachtextformel(text, 1))
    return float(getattr(textstat, level.formula)(text))


def _too_hard(score: float, level: ReadingLevel) -> bool:
    return (level.at_most is not None and score > level.at_most) or (
        level.at_least is not None and score < level.at_least
    )


def check_pages(data: SiteData) -> tuple[list[Finding], list[Reading]]:
    """Every translated page of every language (fallback copies are the originals, checked once)."""
    findings: list[Finding] = []
    readings: list[Reading] = []
    site = data.site
    for lang in site.languages:
        language = _Language(data, lang)
        # A variant (en-NZ) is checked by its own settings, else by its base language's (en).
        level = setting_for(data.checks.reading_level, lang)
        keys = language_keys(lang)
        vague = {t.casefold() for key in keys for t in data.checks.vague_link_text.get(key, [])}
        phrases = [p for p in data.checks.blaming_phrases if p.lang in keys]
        for rel, source in sorted(language.build.pages.items()):
            if source.fallback:
                continue
            path = source.path
            body, offset = _split(path)
            lines = _prose_lines(body, offset)
            findings += _headings(path, lines)
            findings += _images(path, lines)
            findings += _links(path, rel, lines, language, vague)
            findings += _blame(path, lines, phrases)
            findings += _unwritten_findings(path)
            if lang == site.default_language and rel in data.checks.sources_required and not page_sources(path):
                findings.append(
                    Finding(
                        path,
                        None,
                        SOURCES,
                        "this page gives advice but does not say where it comes from.",
                        "List the help services' pages it follows under `sources:` in the front matter, "
                        "one address per line starting with '- '.",
                    )
                )
            if level:
                score = reading_score(language.text(body), lang, level)
                readings.append(Reading(lang, path, score, level))
                if _too_hard(score, level):
                    limit = (
                        f"at most {level.at_most:g}" if level.at_most is not None else f"at least {level.at_least:g}"
                    )
                    findings.append(
                        Finding(
                            path,
                            None,
                            READING,
                            f"this page scores {score:.1f} by {level.formula}; it should score {limit}.",
                            "Use shorter sentences and everyday words; split long paragraphs and lists.",
                        )
                    )
    return findings, readings


def _own_text(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The page's lines less its title (`# ...`), blank lines and the placeholder of `sitegen new-page`."""
    return [
        (n, line)
        for n, line in lines
        if line.strip() and line.strip() != PLACEHOLDER_TEXT and not re.match(r"^#\s", line.strip())
    ]


def _unwritten(path: Path) -> tuple[bool, int | None, int | None]:
    """(no text of its own, the placeholder's line, the placeholder description's line) of a page."""
    text = path.read_text(encoding="utf-8")
    body, offset = _split(path)
    lines = _prose_lines(body, offset)
    placeholder = next((n for n, line in lines if line.strip() == PLACEHOLDER_TEXT), None)
    description = next(
        (
            n
            for n, line in enumerate(text[: len(text) - len(body)].splitlines(), start=1)
            if line.startswith("description:") and PLACEHOLDER_DESCRIPTION in line
        ),
        None,
    )
    return not _own_text(lines), placeholder, description


def _unwritten_findings(path: Path) -> list[Finding]:
    """A page that still holds what `sitegen new-page` wrote instead of text of its own."""
    empty, placeholder, description = _unwritten(path)
    out = []
    if empty:
        out.append(
            Finding(
                path,
                None,
                UNWRITTEN,
                "this page has no text of its own yet: only its title"
                + (" and the placeholder that `sitegen new-page` wrote" if placeholder else "")
                + ". Readers would find an empty page.",
                f'Write the page under its title, in place of "{PLACEHOLDER_TEXT}". If the site does not need it, '
                "delete the page in every docs/<language>/ folder and its line under `nav:` in mkdocs.yml.",
            )
        )
    elif placeholder:
        out.append(
            Finding(
                path,
                placeholder,
                UNWRITTEN,
                "the placeholder that `sitegen new-page` wrote is still on the page, and readers would see it.",
                "Delete this line.",
            )
        )
    if description:
        out.append(
            Finding(
                path,
                description,
                UNWRITTEN,
                "the page's description is still the reminder that `sitegen new-page` wrote; search results "
                "and shared links would show it.",
                "Write one or two sentences that say what the page is for, after `description:`.",
            )
        )
    return out


def unwritten_copies(data: SiteData) -> list[Path]:
    """Other languages' copies, still untranslated, of pages that still hold `sitegen new-page`'s
    placeholder: readers see the original (with a notice) until they are written and translated."""
    site = data.site
    return [
        path
        for lang in site.languages
        if lang != site.default_language
        for path in sorted(docs_dir(data.root, lang).rglob("*.md"))
        if is_untranslated(path) and any(_unwritten(path))
    ]


def _headings(path: Path, lines: list[tuple[int, str]]) -> list[Finding]:
    out, previous = [], 0
    for number, line in lines:
        m = _HEADING.match(line)
        if not m:
            continue
        level = len(m.group(1))
        if previous == 0 and level != 1:
            out.append(
                Finding(
                    path,
                    number,
                    HEADINGS,
                    f"the page's first heading is level {level}; it should be the page title, level 1.",
                    "Start the page with one `# Title` line.",
                )
            )
        elif level > previous + 1 and previous:
            out.append(
                Finding(
                    path,
                    number,
                    HEADINGS,
                    f"the heading jumps from level {previous} to level {level} ('{m.group(2)}').",
                    f"Use {'#' * (previous + 1)} for this heading, or add the missing level above it.",
                )
            )
        previous = level
    return out


def _images(path: Path, lines: list[tuple[int, str]]) -> list[Finding]:
    out = []
    for number, line in lines:
        for m in _IMAGE.finditer(line):
            if not m.group(1).strip():
                out.append(
                    Finding(
                        path,
                        number,
                        IMAGES,
                        f"the image {m.group(2)} has no text for people who cannot see it.",
                        "Describe it between the brackets: ![A poster that says: don't pay](poster.png).",
                    )
                )
        if _HTML_IMG.search(line):
            out.append(
                Finding(
                    path,
                    number,
                    IMAGES,
                    "an <img> has no alt attribute.",
                    'Add alt="what the image shows" (or alt="" if it is only decoration).',
                )
            )
    return out


def _links(path: Path, rel: str, lines: list[tuple[int, str]], language: _Language, vague: set[str]) -> list[Finding]:
    out = []
    pages = language.build.pages
    for number, line in lines:
        for m in _LINK.finditer(line):
            text, target = m.group(1).strip(), m.group(2)
            plain = " ".join(re.sub(r"[*_`]", "", text).split()).casefold().rstrip(".!:")
            if not plain:
                out.append(
                    Finding(
                        path,
                        number,
                        LINK_TEXT,
                        f"the link to {target} has no text, so screen readers read out its address.",
                        "Put words between the brackets that say where it goes.",
                    )
                )
            elif plain in vague:
                out.append(
                    Finding(
                        path,
                        number,
                        LINK_TEXT,
                        f'the link text "{text}" says nothing when read on its own.',
                        "Name where the link goes, e.g. [Get help and report](get-help.md).",
                    )
                )
            out += _target(path, rel, number, target, pages, language)
    return out


def _target(path: Path, rel: str, number: int, target: str, pages: dict, language: _Language) -> list[Finding]:
    if not target or target.startswith(_SCHEMES) or urlsplit(target).netloc:
        return []
    parts = urlsplit(target)
    if parts.path:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(rel), unquote(parts.path)))
    else:
        resolved = rel
    if resolved.endswith(".md"):
        if resolved not in pages:
            return [
                Finding(
                    path,
                    number,
                    LINKS,
                    f"the link to {target} points at a page that does not exist.",
                    f"Check the file name; the pages are: {', '.join(sorted(pages))}.",
                )
            ]
        if parts.fragment and parts.fragment not in language.ids(resolved):
            return [
                Finding(
                    path,
                    number,
                    LINKS,
                    f"the link to {target}: {resolved} has no section with the id '{parts.fragment}'.",
                    "Link to a heading's id (its words in lower case, joined by -), or leave out the #part.",
                )
            ]
        return []
    root, site = language.data.root, language.data.site
    folders = [root / "docs" / language.lang, root / "docs" / site.default_language]
    if not any((folder / resolved).exists() for folder in folders):
        return [
            Finding(
                path,
                number,
                LINKS,
                f"the link to {target} points at a file that does not exist.",
                "Put the file next to the page (in docs/<language>/) or fix the name.",
            )
        ]
    return []


def _blame(path: Path, lines: list[tuple[int, str]], phrases: list) -> list[Finding]:
    out = []
    patterns = [(p, re.compile(rf"(?<!\w){re.escape(p.phrase)}(?!\w)", re.I)) for p in phrases]
    for number, line in lines:
        for phrase, pattern in patterns:
            if pattern.search(line.replace("’", "'")):
                out.append(
                    Finding(
                        path,
                        number,
                        BLAME,
                        f'"{phrase.phrase}" can read as blaming the person being threatened.',
                        f"Instead: {phrase.instead}",
                    )
                )
    return out
