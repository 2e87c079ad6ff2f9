"""Translation status: for every page and data text, per language, translated, outdated or missing.

"Outdated" is decided by content, not dates: each translation records a short hash of the
default-language text it was made from (pages in their front matter, `translation.source`;
data texts and interface strings in data/translations/<lang>.yml). When the original
changes, its hash no longer matches. `sitegen stamp` records the current
hashes once a translator has brought a language up to date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from mkdocs.utils.meta import get_data
from pydantic import ValidationError

from .data import SiteData
from .pages import discover, docs_dir, is_untranslated, page_translation
from .problems import InputError, Problem
from .render import base_language
from .schema import TranslationHashes, UnitReview
from .theme_strings import words_to_translate

TRANSLATED, OUTDATED, MISSING = "translated", "outdated", "missing"
DATA_FILES = ("site.yml", "contacts.yml", "infographics.yml")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n---[ \t]*\n", re.S)


def text_hash(text: str) -> str:
    normalised = "\n".join(line.rstrip() for line in text.strip().splitlines())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:12]


def page_hash(path: Path) -> str:
    """The hash of a page's text, front matter excluded (so stamping a page never changes it)."""
    body, _ = get_data(path.read_text(encoding="utf-8"))
    return text_hash(body)


@dataclass(frozen=True)
class Item:
    kind: str  # "page", "data" or "string"
    key: str  # docs path, "contacts.yml:ca-cybertip.name" or "strings:crisis_label"
    lang: str
    status: str
    reviewed: bool | None = None


@dataclass
class Report:
    languages: list[str]
    items: list[Item] = field(default_factory=list)
    # (lang, page key such as "docs/fr/about.md", or "" for the whole language) -> (units reviewed, units)
    units_reviewed: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)

    def reviewed_text(self, lang: str, key: str = "") -> str:
        counted = self.units_reviewed.get((lang, key))
        return f"{counted[0]} of {counted[1]}" if counted else ""

    def count(self, lang: str, kind: str, status: str) -> int:
        return sum(1 for i in self.items if i.lang == lang and i.kind == kind and i.status == status)

    def problems(self, languages: list[str], statuses: tuple[str, ...]) -> list[Item]:
        return [i for i in self.items if i.lang in languages and i.status in statuses]


# ---------------------------------------------------------------- data texts


def _localized_texts(node: yaml.Node, path: str, default: str, out: dict[str, yaml.MappingNode]) -> None:
    """Every {en: ..., fr: ...} mapping, keyed by a path that uses ids where items have them."""
    if isinstance(node, yaml.MappingNode):
        keys = [k.value for k, _ in node.value]
        if default in keys and all(isinstance(k, str) and re.fullmatch(r"[a-z]{2,3}(-[A-Za-z]+)?", k) for k in keys):
            out[path] = node
            return
        for key, value in node.value:
            _localized_texts(value, f"{path}.{key.value}" if path else key.value, default, out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            ident = None
            if isinstance(item, yaml.MappingNode):
                ident = next(
                    (v.value for k, v in item.value if k.value == "id" and isinstance(v, yaml.ScalarNode)), None
                )
            _localized_texts(item, f"{path}[{ident if ident is not None else i}]", default, out)


def data_texts(root: Path, default: str) -> dict[str, dict[str, str]]:
    """key -> {lang: text} for every translatable text in the data files."""
    out: dict[str, dict[str, str]] = {}
    for name in DATA_FILES:
        nodes: dict[str, yaml.MappingNode] = {}
        _localized_texts(yaml.compose((root / "data" / name).read_text(encoding="utf-8")), "", default, nodes)
        for path, node in nodes.items():
            out[f"{name}:{path}"] = {k.value: v.value for k, v in node.value}
    return out


def hashes_file(root: Path, lang: str) -> Path:
    return root / "data" / "translations" / f"{lang}.yml"


REVIEWED_KEY = "reviewed"  # in data/translations/<lang>.yml: unit id -> UnitReview


def _record(root: Path, lang: str, languages: list[str] | None = None) -> TranslationHashes:
    """data/translations/<lang>.yml as its model. A variant with no record of its own (fr-CA, on a
    site that listed fr until now) reads its base language's, unless that is a language of the site
    too. A file written before reviews were counted (hashes only) reads as having no reviews."""
    path = hashes_file(root, lang)
    base = base_language(lang)
    if not path.is_file() and base != lang and base not in (languages or []):
        path = hashes_file(root, base)
    if not path.is_file():
        return TranslationHashes()
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(raw, dict):
        raise InputError([Problem(path, None, "", "should be `key: hash` lines; run `sitegen stamp` to rewrite it.")])
    raw = {str(k): (v if k == REVIEWED_KEY else str(v)) for k, v in raw.items()}
    try:
        return TranslationHashes.model_validate(raw)
    except ValidationError as exc:
        raise InputError(
            [
                Problem(
                    path,
                    None,
                    ".".join(str(x) for x in err["loc"]),
                    err["msg"] + " (this file is written by "
                    "`sitegen stamp` and `sitegen translations import`; do not edit it by hand)",
                )
                for err in exc.errors()
            ]
        ) from exc


def recorded_hashes(root: Path, lang: str, languages: list[str] | None = None) -> dict[str, str]:
    """What `stamp` recorded for `lang`: text key -> hash of the original it was translated from."""
    return dict(_record(root, lang, languages).__pydantic_extra__ or {})


def recorded_reviews(root: Path, lang: str, languages: list[str] | None = None) -> dict[str, UnitReview]:
    """Which units of `lang` a fluent speaker has checked (unit id -> review), stale or not."""
    return dict(_record(root, lang, languages).reviewed)


def review_holds(review: UnitReview | None, source: str, target: str | None) -> bool:
    """A review counts while the original and the translation are the ones the reviewer checked."""
    return bool(
        review is not None and target and review.source == text_hash(source) and review.target == text_hash(target)
    )


def record_text(lang: str, hashes: dict[str, str], reviews: dict[str, UnitReview]) -> str:
    """data/translations/<lang>.yml as `stamp` and `translations import` write it."""
    header = (
        "# yaml-language-server: $schema=../schema/translations.schema.json\n"
        "# $schema: ../schema/translations.schema.json\n"
        f"# Which version of each original text the {lang} translations were made from,\n"
        "# and (under `reviewed:`) which units a fluent speaker has checked.\n"
        "# Written by `sitegen stamp` and `sitegen translations import`; do not edit by hand.\n"
        if reviews
        else "# yaml-language-server: $schema=../schema/translations.schema.json\n"
        "# $schema: ../schema/translations.schema.json\n"
        f"# Which version of each original text the {lang} translations were made from.\n"
        "# Written by `sitegen stamp`; do not edit by hand.\n"
    )
    text = header + yaml.safe_dump(dict(sorted(hashes.items())), allow_unicode=True)
    if reviews:
        entries = {
            uid: {
                k: (v.isoformat() if isinstance(v, dt.date) else v)
                for k, v in review.model_dump(exclude_none=True).items()
            }
            for uid, review in sorted(reviews.items())
        }
        text += yaml.safe_dump({REVIEWED_KEY: entries}, allow_unicode=True, sort_keys=False, width=200)
    return text


# ---------------------------------------------------------------- the report


def status_report(
    data: SiteData, only: str | None = None, count_reviews: bool = True, pages_only: bool = False
) -> Report:
    """Every page, data text and interface string of every translated language (or only `only`),
    and with `count_reviews`, how many units of each page and language a fluent speaker has checked.
    `pages_only`: the pages alone (what the build's notices need; reading every data text again
    for each language's build made a large site's build several times slower)."""
    root, site = data.root, data.site
    default = site.default_language
    others = [lang for lang in site.languages if lang != default and (only is None or lang == only)]
    report = Report(others)
    sources, _ = discover(root, site.languages, default)
    originals = {p.rel: p.path for p in sources[default]}
    texts = {} if pages_only else data_texts(root, default)
    for lang in others:
        recorded = recorded_hashes(root, lang, site.languages)
        for rel, original in originals.items():
            path = docs_dir(root, lang) / rel
            if not path.is_file() or is_untranslated(path):
                report.items.append(Item("page", f"docs/{lang}/{rel}", lang, MISSING))
                continue
            info = page_translation(path)
            current = info.get("source") == page_hash(original)
            report.items.append(
                Item(
                    "page",
                    f"docs/{lang}/{rel}",
                    lang,
                    TRANSLATED if current else OUTDATED,
                    bool(info.get("reviewed", False)),
                )
            )
        for key, versions in texts.items():
            if lang not in versions:
                status = MISSING
            else:
                status = TRANSLATED if recorded.get(key) == text_hash(versions[default]) else OUTDATED
            report.items.append(Item("data", key, lang, status))
        if pages_only:
            continue
        english = data.strings[default]
        for name, text in english.items():
            key = f"strings:{name}"
            own = data.strings.get(lang, {}).get(name)
            if own is None or (own == text and key not in recorded):
                status = MISSING
            else:
                status = TRANSLATED if recorded.get(key) == text_hash(text) else OUTDATED
            report.items.append(Item("string", key, lang, status))
        # In a language the theme lacks (mi), its words ("Skip to content", "Search") are the site's to give.
        for name in words_to_translate(lang, data.theme_strings.get(lang, {})):
            report.items.append(Item("string", f"theme:{name}", lang, MISSING))
    if count_reviews:
        from .translation_exchange import count_reviews as count  # it builds on this report

        count(data, report)
    return report


def stamped_pages(data: SiteData, lang: str, given: list[str], cwd: Path | None = None) -> set[Path]:
    """The translated pages that `sitegen stamp <lang> <file>...` names. Each file is found in the
    site's folder (docs/fr/about.md, as the editor's guide writes it), in the current folder, or in
    docs/<lang>/ (about.md). Raises InputError naming each file that is none of `lang`'s
    translated pages, before anything is recorded."""
    root, default = data.root, data.site.default_language
    cwd = cwd or Path.cwd()
    sources, _ = discover(root, data.site.languages, default)
    folder = docs_dir(root, lang)
    pages = {(folder / p.rel).resolve(): p.rel for p in sources[default]}
    found: set[Path] = set()
    problems = []
    for name in given:
        written = Path(name)
        tried = [written] if written.is_absolute() else [root / written, cwd / written, folder / written]
        path = next((c.resolve() for c in tried if c.is_file()), None)
        if path is None:
            where = "" if written.is_absolute() else f" (looked in {root}, in {cwd} and in docs/{lang}/)"
            problems.append(Problem(written, None, "", f"'{name}' matches no file{where}; check the name."))
        elif path not in pages:
            problems.append(
                Problem(path, None, "", f"is not a page of docs/{lang}/ with an original in docs/{default}/.")
            )
        elif is_untranslated(path):
            problems.append(
                Problem(
                    path,
                    None,
                    "",
                    "is still marked `status: untranslated`: translate it, and replace that line with "
                    "`reviewed: false`, before recording it as up to date.",
                )
            )
        else:
            found.add(path)
    if problems:
        raise InputError(problems)
    return found


def stamp(data: SiteData, lang: str, only: list[str] | None = None, cwd: Path | None = None) -> list[str]:
    """Record that `lang`'s translations match the current originals (all, or the pages in `only`:
    see stamped_pages, which refuses a name that matches no translated page)."""
    pages = True
    texts = not only
    root, default = data.root, data.site.default_language
    chosen = stamped_pages(data, lang, only, cwd) if only else None
    changed = []
    if pages:
        sources, _ = discover(root, data.site.languages, default)
        for page in sources[default]:
            path = docs_dir(root, lang) / page.rel
            if not path.is_file() or is_untranslated(path):
                continue
            if chosen is not None and path.resolve() not in chosen:
                continue
            new_hash = page_hash(page.path)
            if page_translation(path).get("source") != new_hash:
                _set_front_matter_source(path, new_hash)
                changed.append(f"docs/{lang}/{page.rel}")
    if texts:
        texts_now = data_texts(root, default)
        known = set(texts_now) | {f"strings:{name}" for name in data.strings[default]}
        # Texts removed from the data are forgotten, so the file lists only what still exists.
        recorded = {k: v for k, v in recorded_hashes(root, lang, data.site.languages).items() if k in known}
        for key, versions in texts_now.items():
            if lang in versions and recorded.get(key) != text_hash(versions[default]):
                recorded[key] = text_hash(versions[default])
                changed.append(key)
        for name, text in data.strings[default].items():
            key = f"strings:{name}"
            if name in data.strings.get(lang, {}) and recorded.get(key) != text_hash(text):
                recorded[key] = text_hash(text)
                changed.append(key)
        path = hashes_file(root, lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Stamping records no review: the reviews stay, and count only while they still hold.
        reviews = recorded_reviews(root, lang, data.site.languages)
        path.write_text(record_text(lang, recorded, reviews), encoding="utf-8")
    return changed


def _set_front_matter_source(path: Path, new_hash: str) -> None:
    """Write `translation.source: <hash>` into a page's front matter, leaving the rest as written."""
    text = path.read_text(encoding="utf-8")
    match = _FRONT_MATTER.match(text)
    front = match.group(0) if match else "---\n---\n"
    body = text[match.end() :] if match else text
    lines = front.splitlines()[1:-1]
    if any(re.match(r"^translation:\s*$", line) for line in lines):
        start = next(i for i, line in enumerate(lines) if re.match(r"^translation:\s*$", line))
        end = start + 1
        while end < len(lines) and lines[end].startswith((" ", "\t")):
            end += 1
        block = [line for line in lines[start + 1 : end] if not re.match(r"^\s+source:", line)]
        lines[start:end] = ["translation:", f"  source: {new_hash}", *block]
    else:
        lines += ["translation:", f"  source: {new_hash}", "  reviewed: false"]
    path.write_text("---\n" + "\n".join(lines) + "\n---\n" + body, encoding="utf-8")


# ---------------------------------------------------------------- output


def format_report(report: Report, markdown: bool = False, details: bool = True) -> str:
    rows = []
    header = [
        "language",
        "pages translated",
        "outdated",
        "missing",
        "not reviewed",
        "data texts translated",
        "outdated",
        "missing",
    ]
    counted = bool(report.units_reviewed)
    if counted:
        header.append("units reviewed")
    for lang in report.languages:
        not_reviewed = sum(1 for i in report.items if i.lang == lang and i.kind == "page" and i.reviewed is False)
        data_items = ("data", "string")
        rows.append(
            [
                lang,
                str(report.count(lang, "page", TRANSLATED)),
                str(report.count(lang, "page", OUTDATED)),
                str(report.count(lang, "page", MISSING)),
                str(not_reviewed),
                str(sum(report.count(lang, k, TRANSLATED) for k in data_items)),
                str(sum(report.count(lang, k, OUTDATED) for k in data_items)),
                str(sum(report.count(lang, k, MISSING) for k in data_items)),
            ]
            + ([report.reviewed_text(lang)] if counted else [])
        )
    lines: list[str] = []
    if markdown:
        lines += ["# Translation status", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
    else:
        widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]
        lines.append("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
        lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    if details:
        todo = [i for i in report.items if i.status != TRANSLATED]
        if todo:
            lines += ["", "## To do" if markdown else "To do:"]
            for i in todo:
                lines.append(f"- {i.lang}: {i.key}: {i.status}")
        unreviewed = [i for i in report.items if i.reviewed is False]
        if unreviewed:
            title = "Not yet reviewed by a fluent speaker"
            lines += ["", f"## {title}" if markdown else f"{title}:"]
            lines.append(
                "(a reviewer marks the units they checked in an exchange file, imported with "
                "`sitegen translations import FILE --reviewer NAME`; or, once a fluent speaker has checked a "
                "whole page, add under `translation:` in it: `reviewed: true`, `reviewed_by: <name>` and "
                "`reviewed_on: <YYYY-MM-DD>`)"
            )
            for i in unreviewed:
                done = report.reviewed_text(i.lang, i.key)
                lines.append(f"- {i.lang}: {i.key}" + (f": units reviewed: {done}" if done else ""))
    return "\n".join(lines) + "\n"
