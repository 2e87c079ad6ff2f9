"""Exchange files for translators and reviewers: XLIFF 2 and PO export and import, and a review pack.

Every translatable text of a language is a *unit*: the English source, the current translation (if
any), its state (new, outdated, translated, reviewed), where it lives (file and line) and a stable
id. Pages are cut into units by translate-toolkit's Markdown store (paragraphs, headings, list
items, table cells, link text; links, images and inline HTML become {1}, {2}...), and written back
through it, so the Markdown around a translated unit is rendered back as it was. A translated page
is paired with its original unit by unit, so both must have the same structure.

Import checks every unit first (ids, sources, placeholders, links, Markdown structure) and writes
nothing unless all of them pass.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from lxml import etree
from markupsafe import Markup, escape
from mkdocs.utils.meta import get_data
from translate.storage.markdown import MarkdownFile
from translate.storage.pypo import pofile, pounit
from translate.storage.xliff2 import Xliff2File

from .data import SiteData
from .pages import discover, docs_dir, is_untranslated, page_translation
from .problems import InputError, Problem
from .schema import UnitReview
from .translations import (
    DATA_FILES,
    MISSING,
    OUTDATED,
    TRANSLATED,
    Item,
    Report,
    _localized_texts,
    hashes_file,
    page_hash,
    record_text,
    recorded_hashes,
    recorded_reviews,
    review_holds,
    status_report,
    text_hash,
)

NEW, REVIEWED = "new", "reviewed"
STATES = (NEW, OUTDATED, TRANSLATED, REVIEWED)
XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
SUBSTATE_OUTDATED = "sitegen:outdated"
PO_REVIEWED_FLAG = "reviewed"

# What a translator must keep as it is: [[placeholders]], {1}/{name} markers (links, images, HTML,
# interface-string fields), `code`, **bold** markers and link destinations.
PROTECTED = re.compile(r"\[\[[^\]\n]*\]\]|\{[A-Za-z0-9_]+\}|`[^`\n]+`|\*\*|\]\([^)\s]*\)|<https?://[^>\s]+>")
_ADMONITION_HEAD = re.compile(r'^(?:!!!|\?\?\?\+?) [\w-]+(?: [^"]*)?(?: ")?')
_ADMONITION = re.compile(r"^(?:!!!|\?\?\?\+?) [\w-]+")
_BLOCK_START = re.compile(r"^(#{1,6}\s|>|[-*+]\s|\d+[.)]\s|\||!!!|\?\?\?|```|~~~| {4})")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n---[ \t]*\n", re.S)


@dataclass
class Unit:
    id: str
    kind: str  # "page", "meta", "data" or "string"
    file: str  # the translated file, relative to the site's folder
    line: int
    source: str
    target: str | None
    state: str
    group: str  # page: docs rel path; data/string: the key in data/translations/<lang>.yml
    index: int = -1  # page units: position among the page's units
    key: str = ""  # meta: "title"/"description"; data/string: the key
    source_file: str = ""
    source_line: int = 0

    @property
    def note(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        if self.source_file and self.source_file != self.file:
            where += f" (original: {self.source_file}:{self.source_line})"
        return where


@dataclass
class Catalogue:
    lang: str
    default: str
    units: list[Unit] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # page rel -> the translatable unit ids of that page (for "is the whole page done?")
    page_units: dict[str, list[str]] = field(default_factory=dict)

    def by_id(self) -> dict[str, Unit]:
        return {u.id: u for u in self.units}


# ---------------------------------------------------------------- Markdown, through translate-toolkit


def protected(text: str) -> list[str]:
    tokens = PROTECTED.findall(text)
    if _ADMONITION.match(text):
        head = _ADMONITION_HEAD.match(text)
        if head:
            tokens.insert(0, head.group(0))
        if text.endswith('"') and len(text) > 1:
            tokens.append('"')
    return tokens


def _token_spans(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in PROTECTED.finditer(text)]
    if _ADMONITION.match(text):
        head = _ADMONITION_HEAD.match(text)
        if head:
            spans = [(0, head.end())] + [s for s in spans if s[0] >= head.end()]
        if text.endswith('"') and len(text) > 1 and not any(e == len(text) for _, e in spans):
            spans.append((len(text) - 1, len(text)))
    return spans


def translatable(text: str) -> bool:
    """False for units that are only placeholders and punctuation (a table cell with [[emergency]])."""
    rest = PROTECTED.sub("", text)
    return bool(re.search(r"[^\W\d_]", rest))


def _split_page(text: str) -> tuple[str, str]:
    match = _FRONT_MATTER.match(text)
    return (match.group(0), text[match.end() :]) if match else ("", text)


def _to_toolkit(body: str) -> tuple[str, list[int]]:
    """Markdown that translate-toolkit reads as the page means: an admonition's header becomes its
    own paragraph and its indented text a block of its own. Returns the text and where lines were added."""
    lines = body.split("\n")
    out, added = [], []
    for i, line in enumerate(lines):
        out.append(line)
        if _ADMONITION.match(line) and i + 1 < len(lines) and lines[i + 1].startswith("    "):
            added.append(len(out))  # index (in `out`) of the blank line inserted
            out.append("")
    return "\n".join(out), added


def _from_toolkit(text: str, added: list[int]) -> str:
    lines = text.split("\n")
    for index in reversed(added):
        if index < len(lines) and lines[index] == "" and _ADMONITION.match(lines[index - 1]):
            del lines[index]
    return "\n".join(lines)


def _toolkit_pass(body: str, replace: dict[int, str] | None = None) -> tuple[list[tuple[str, int]], str]:
    """(unit text, 1-based line in `body`) for each unit in order, and the body rendered back with
    the units at the positions in `replace` swapped for new text."""
    lead = body[: len(body) - len(body.lstrip("\n"))]
    rest = body[len(lead) :]
    converted, added = _to_toolkit(rest)
    replace = replace or {}
    count = iter(range(1 << 30))

    def callback(text: str) -> str:
        return replace.get(next(count), text)

    store = MarkdownFile(
        io.BytesIO(converted.encode("utf-8")),
        callback=callback,
        lookup_callback=lambda text: None,
        extract_frontmatter=False,
    )
    offset = lead.count("\n")
    units = []
    for unit in store.units:
        location = unit.getlocations()[0] if unit.getlocations() else ":0"
        line = int(re.search(r"(\d+)", location.rsplit(":", 1)[-1]).group(1))
        line -= sum(1 for a in added if a < line)  # back to the page's own numbering
        units.append((unit.source, line + offset))
    rendered = lead + _from_toolkit(store.filesrc, added) if replace else body
    return units, rendered


def _unit_ids(prefix: str, sources: list[str]) -> list[str]:
    """Stable ids: from the original text, so inserting a paragraph elsewhere changes no other id."""
    seen: Counter[str] = Counter()
    ids = []
    for text in sources:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
        seen[digest] += 1
        ids.append(f"{prefix}:{digest}" + (f"-{seen[digest]}" if seen[digest] > 1 else ""))
    return ids


def _page_prefix(rel: str) -> str:
    return "page:" + rel.removesuffix(".md").replace("/", ":")


# ---------------------------------------------------------------- YAML scalars, edited in place


def _yaml_scalar(value: str, style: str | None) -> str:
    if style in (None, "") and "\n" not in value and value == value.strip() and value:
        try:
            if yaml.safe_load(f"k: {value}") == {"k": value} and " #" not in value:
                return value
        except yaml.YAMLError:
            pass
    if style == "'" and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    return json.dumps(value, ensure_ascii=False)


def _splice(text: str, node: yaml.Node, value: str, base: int = 0) -> str:
    start, end = base + node.start_mark.index, base + node.end_mark.index
    return text[:start] + _yaml_scalar(value, getattr(node, "style", None)) + text[end:]


def _mapping_value(node: yaml.Node, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == key:
                return v
    return None


def _insert_key(text: str, mapping: yaml.MappingNode, key: str, value: str, base: int = 0) -> str:
    """Add `key: value` to a mapping, after its last entry, in the mapping's own style."""
    if mapping.flow_style:
        end = base + mapping.end_mark.index - 1  # the closing brace
        return text[:end].rstrip() + f", {key}: {json.dumps(value, ensure_ascii=False)}" + text[end:]
    first_key = mapping.value[0][0]
    indent = " " * first_key.start_mark.column
    last = mapping.value[-1][1]
    end = base + last.end_mark.index
    line_end = text.find("\n", end - 1 if text[end - 1 : end] == "\n" else end)
    line_end = len(text) if line_end == -1 else line_end
    return text[: line_end + 1] + f"{indent}{key}: {json.dumps(value, ensure_ascii=False)}\n" + text[line_end + 1 :]


def _set_translation_block(front: str, updates: dict[str, str | None]) -> str:
    """Set (or, with None, remove) keys under `translation:` in a page's front matter."""
    lines = front.splitlines()[1:-1]
    start = next((i for i, line in enumerate(lines) if re.match(r"^translation:\s*$", line)), None)
    if start is None:
        lines.append("translation:")
        start, end = len(lines) - 1, len(lines)
    else:
        end = start + 1
        while end < len(lines) and lines[end].startswith((" ", "\t")):
            end += 1
    block = lines[start + 1 : end]
    for key, value in updates.items():
        index = next((i for i, line in enumerate(block) if re.match(rf"^\s+{key}:", line)), None)
        if value is None:
            if index is not None:
                del block[index]
        elif index is not None:
            block[index] = f"  {key}: {value}"
        else:
            block.append(f"  {key}: {value}")
    lines[start + 1 : end] = block
    return "---\n" + "\n".join(lines) + "\n---\n"


# ---------------------------------------------------------------- the units of a language


def catalogue(data: SiteData, lang: str, report: Report | None = None, pages_only: bool = False) -> Catalogue:
    """Every unit of `lang` (with `pages_only`, of its pages alone), with its state. A unit is
    reviewed when its page is marked reviewed (and up to date), or while the review recorded for it
    in data/translations/<lang>.yml still holds: the original and the translation are the ones the
    reviewer checked."""
    root, default = data.root, data.site.default_language
    if lang not in data.site.languages or lang == default:
        raise InputError(
            [
                Problem(
                    root / "data" / "site.yml", None, "languages", f"'{lang}' is not a translated language of this site"
                )
            ]
        )
    report = report or status_report(data, only=lang, count_reviews=False, pages_only=pages_only)
    status = {item.key: item for item in report.items if item.lang == lang}
    cat = Catalogue(lang, default)
    sources, _ = discover(root, data.site.languages, default)
    for page in sources[default]:
        _page_units(cat, root, page.rel, page.path, status.get(f"docs/{lang}/{page.rel}"))
    if not pages_only:
        _data_units(cat, root, status)
        _string_units(cat, root, status)
    reviews = recorded_reviews(root, lang, data.site.languages)
    for unit in cat.units:
        if unit.state != REVIEWED and review_holds(reviews.get(unit.id), unit.source, unit.target):
            unit.state = REVIEWED
    return cat


def page_review_counts(cat: Catalogue) -> dict[str, tuple[int, int]]:
    """Page (docs rel path) -> (units reviewed, units), counting the title and description too."""
    states = {u.id: u.state for u in cat.units}
    return {rel: (sum(states[i] == REVIEWED for i in ids), len(ids)) for rel, ids in cat.page_units.items()}


def count_reviews(data: SiteData, report: Report) -> None:
    """Fill in how many units each page, and each language as a whole, has had reviewed."""
    for lang in report.languages:
        cat = catalogue(data, lang, report)
        for rel, counted in page_review_counts(cat).items():
            report.units_reviewed[(lang, f"docs/{lang}/{rel}")] = counted
        report.units_reviewed[(lang, "")] = (sum(u.state == REVIEWED for u in cat.units), len(cat.units))


def _state(status: str | None, reviewed: bool = False) -> str:
    if status == TRANSLATED:
        return REVIEWED if reviewed else TRANSLATED
    return OUTDATED if status == OUTDATED else NEW


def _page_units(cat: Catalogue, root: Path, rel: str, original: Path, item: Item | None) -> None:
    lang = cat.lang
    target_path = docs_dir(root, lang) / rel
    en_text = original.read_text(encoding="utf-8")
    en_front, en_body = _split_page(en_text)
    en_units, _ = _toolkit_pass(en_body)
    body_offset = en_front.count("\n")
    exists = target_path.is_file() and not is_untranslated(target_path)
    state = _state(item.status if item else MISSING, bool(item and item.reviewed))
    tr_units: list[tuple[str, int]] | None = None
    tr_meta: dict = {}
    tr_offset = 0
    if exists:
        tr_text = target_path.read_text(encoding="utf-8")
        tr_front, tr_body = _split_page(tr_text)
        tr_units, _ = _toolkit_pass(tr_body)
        tr_offset = tr_front.count("\n")
        _, tr_meta = get_data(tr_text)
        if len(tr_units) != len(en_units):
            cat.warnings.append(
                f"docs/{lang}/{rel} has {len(tr_units)} units where the original has {len(en_units)}: "
                "its translations are left out until its structure matches the original's."
            )
            tr_units = None
    file = f"docs/{lang}/{rel}"
    src_file = f"docs/{cat.default}/{rel}"
    ids: list[str] = []
    _, en_meta = get_data(en_text)
    for key in ("title", "description"):
        text = en_meta.get(key)
        if not isinstance(text, str) or not text.strip():
            continue
        target = tr_meta.get(key) if exists else None
        uid = f"{_page_prefix(rel)}:{key}"
        line = _front_line(target_path if exists else original, key)
        cat.units.append(
            Unit(
                uid,
                "meta",
                file,
                line,
                text,
                target if isinstance(target, str) else None,
                state,
                rel,
                -1,
                key,
                src_file,
                _front_line(original, key),
            )
        )
        ids.append(uid)
    unit_ids = _unit_ids(_page_prefix(rel), [text for text, _ in en_units])
    for index, ((text, line), uid) in enumerate(zip(en_units, unit_ids, strict=True)):
        if not translatable(text):
            continue
        target = tr_units[index][0] if tr_units is not None else None
        tr_line = tr_units[index][1] + tr_offset if tr_units is not None else 0
        cat.units.append(
            Unit(
                uid,
                "page",
                file,
                tr_line,
                text,
                target,
                state if target is not None else NEW,
                rel,
                index,
                "",
                src_file,
                line + body_offset,
            )
        )
        ids.append(uid)
    cat.page_units[rel] = ids


def _front_line(path: Path, key: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1


def _data_id(key: str) -> str:
    name, path = key.split(":", 1)
    return "data:" + name.removesuffix(".yml") + ":" + re.sub(r"\[([^\]]*)\]", r".\1", path)


def _data_units(cat: Catalogue, root: Path, status: dict) -> None:
    for name in DATA_FILES:
        text = (root / "data" / name).read_text(encoding="utf-8")
        nodes: dict[str, yaml.MappingNode] = {}
        _localized_texts(yaml.compose(text), "", cat.default, nodes)
        for path, node in nodes.items():
            key = f"{name}:{path}"
            source_node = _mapping_value(node, cat.default)
            target_node = _mapping_value(node, cat.lang)
            source = source_node.value if isinstance(source_node, yaml.ScalarNode) else ""
            if not source.strip():
                continue
            target = target_node.value if isinstance(target_node, yaml.ScalarNode) else None
            item = status.get(key)
            line = (target_node or source_node).start_mark.line + 1
            cat.units.append(
                Unit(
                    _data_id(key),
                    "data",
                    f"data/{name}",
                    line,
                    source,
                    target,
                    _state(item.status if item else MISSING) if target is not None else NEW,
                    key,
                    -1,
                    path,
                    f"data/{name}",
                    source_node.start_mark.line + 1,
                )
            )


def _top_scalars(path: Path) -> dict[str, yaml.ScalarNode]:
    if not path.is_file():
        return {}
    node = yaml.compose(path.read_text(encoding="utf-8"))
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: v for k, v in node.value if isinstance(v, yaml.ScalarNode)}


def _string_units(cat: Catalogue, root: Path, status: dict) -> None:
    english = _top_scalars(root / "data" / "strings" / f"{cat.default}.yml")
    own = _top_scalars(root / "data" / "strings" / f"{cat.lang}.yml")
    for name, node in english.items():
        key = f"strings:{name}"
        item = status.get(key)
        state = _state(item.status if item else MISSING)
        target = own[name].value if name in own and state != NEW else None
        line = own[name].start_mark.line + 1 if name in own else 0
        cat.units.append(
            Unit(
                f"string:{name}",
                "string",
                f"data/strings/{cat.lang}.yml",
                line,
                node.value,
                target,
                state if target is not None else NEW,
                key,
                -1,
                name,
                f"data/strings/{cat.default}.yml",
                node.start_mark.line + 1,
            )
        )


# ---------------------------------------------------------------- export


def select(cat: Catalogue, only: list[str] | None) -> list[Unit]:
    if not only:
        return list(cat.units)
    wanted = {NEW if s == MISSING else s for s in only}
    return [u for u in cat.units if u.state in wanted]


def _brace_format(text: str) -> bool:
    return (
        "{" in text
        and not re.sub(r"\{[A-Za-z0-9_]+\}", "", text).count("{")
        and "}" not in re.sub(r"\{[A-Za-z0-9_]+\}", "", text)
    )


def export_po(cat: Catalogue, units: list[Unit]) -> bytes:
    store = pofile()
    store.updateheader(
        add=True,
        Language=cat.lang,
        Content_Type="text/plain; charset=UTF-8",
        X_Generator="sitegen translations export",
        Project_Id_Version="sitegen",
    )
    for u in units:
        unit = store.addsourceunit(u.source)
        unit.setcontext(u.id)
        unit.addlocation(f"{u.file}:{u.line}" if u.line else u.file)
        notes = [f"id: {u.id}", f"state: {u.state}", f"where: {u.note}"]
        tokens = protected(u.source)
        if tokens:
            notes.append("keep exactly as they are: " + "  ".join(dict.fromkeys(tokens)))
        unit.addnote("\n".join(notes), origin="developer")
        if u.target is not None:
            unit.target = u.target
        if _brace_format(u.source):
            unit.settypecomment("python-brace-format")
        if u.state == OUTDATED and u.target:
            unit.markfuzzy(True)
        if u.state == REVIEWED:
            unit.settypecomment(PO_REVIEWED_FLAG)
    return bytes(store)


def _q(tag: str) -> str:
    return f"{{{XLIFF_NS}}}{tag}"


def _fill(element: etree._Element, text: str, ids: dict[str, list[str]]) -> None:
    """Element content: text, with each protected token as an XLIFF 2 <ph/> (inline code)."""
    for child in list(element):
        element.remove(child)
    element.text = None
    available = {token: list(values) for token, values in ids.items()}
    last = None
    position = 0
    for start, end in _token_spans(text):
        token = text[start:end]
        chunk = text[position:start]
        if last is None:
            element.text = (element.text or "") + chunk
        else:
            last.tail = (last.tail or "") + chunk
        if available.get(token):
            last = etree.SubElement(element, _q("ph"), id=available[token].pop(0), equiv=token, disp=token)
        elif last is None:
            element.text = (element.text or "") + token
        else:
            last.tail = (last.tail or "") + token
        position = end
    rest = text[position:]
    if last is None:
        element.text = (element.text or "") + rest
    else:
        last.tail = (last.tail or "") + rest


def export_xliff(cat: Catalogue, units: list[Unit]) -> bytes:
    store = Xliff2File(sourcelanguage=cat.default)
    store.settargetlanguage(cat.lang)
    for u in units:
        unit = store.addsourceunit(u.source)
        unit.setid(u.id)
        if u.target is not None:
            unit.target = u.target
        segment = unit.xmlelement
        element = unit.getunitelement()
        ids: dict[str, list[str]] = {}
        for n, (start, end) in enumerate(_token_spans(u.source), start=1):
            ids.setdefault(u.source[start:end], []).append(str(n))
        _fill(segment.find(_q("source")), u.source, ids)
        target = segment.find(_q("target"))
        if target is not None:
            _fill(target, u.target or "", ids)
        segment.set(
            "state", {NEW: "initial", OUTDATED: "initial", TRANSLATED: "translated", REVIEWED: "reviewed"}[u.state]
        )
        if u.state == OUTDATED:
            segment.set("subState", SUBSTATE_OUTDATED)
        # Notes belong to the unit, before its segment (XLIFF 2.0, 4.2.2.1).
        for old in segment.findall(_q("notes")):
            segment.remove(old)
        notes = etree.Element(_q("notes"))
        etree.SubElement(notes, _q("note"), category="location").text = u.note
        etree.SubElement(notes, _q("note"), category="state").text = u.state
        element.insert(0, notes)
    return bytes(store)


def export(data: SiteData, lang: str, fmt: str, only: list[str] | None = None) -> tuple[bytes, Catalogue, list[Unit]]:
    cat = catalogue(data, lang)
    units = select(cat, only)
    content = export_xliff(cat, units) if fmt == "xliff" else export_po(cat, units)
    return content, cat, units


# ---------------------------------------------------------------- reading a file back


@dataclass
class Incoming:
    id: str
    source: str
    target: str | None
    state: str
    problem: str | None = None


def _text_of(element: etree._Element | None, codes: dict[str, str], problems: list[str]) -> str | None:
    if element is None:
        return None
    parts = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):  # a comment or processing instruction: not text
            parts.append(child.tail or "")
            continue
        tag = etree.QName(child).localname
        if tag == "ph":
            code = codes.get(child.get("id", ""))
            if code is None:
                code = child.get("equiv") or child.get("disp") or ""
                if child.get("id") not in codes:
                    problems.append(f"inline code id {child.get('id')!r} is not in the source")
            parts.append(code)
        else:
            problems.append(f"unexpected inline element <{tag}>")
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)


# What to do with a file that cannot be read: it was cut short, changed by hand or is another kind.
_AGAIN = (
    "Export it again from the translation tool (XLIFF 2 or PO, as `sitegen translations export` "
    "made it), or ask the translator for a new copy, and import that."
)


def _unreadable(path: Path, line: int | None, what: str) -> InputError:
    return InputError([Problem(path, line, "", f"{what}. {_AGAIN}")])


def _check_xliff(path: Path, raw: bytes) -> None:
    """The file is whole, well-formed XLIFF 2 with nothing that reads other files (a DOCTYPE and
    its entities), before translate-toolkit reads it; else a problem with its line."""
    doctype = raw.upper().find(b"<!DOCTYPE")
    if doctype >= 0:
        line = raw[:doctype].count(b"\n") + 1
        raise _unreadable(
            path,
            line,
            "declares a DOCTYPE, which no translation tool writes into XLIFF: it could make the file read others",
        )
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        raise _unreadable(path, exc.lineno or None, f"is not whole, well-formed XML ({exc.msg})") from None
    if root.tag != _q("xliff"):
        name = etree.QName(root)
        what = (
            f"is XLIFF {root.get('version') or 'of another version'}, not XLIFF 2"
            if name.localname == "xliff"
            else f"is not an XLIFF 2 file: it begins with <{name.localname}>, not <xliff>"
        )
        raise _unreadable(path, root.sourceline, what)
    for segment in root.iter(_q("segment")):
        if segment.find(_q("source")) is None:
            raise _unreadable(path, segment.sourceline, "has a <segment> without its <source>")


def read_file(path: Path) -> tuple[str | None, list[Incoming]]:
    """The target language and the units of an exchange file (XLIFF 2 or PO). A file that cannot
    be read is an InputError naming it (and the line, where there is one)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(
            [Problem(path, None, "", f"cannot be read ({exc.strerror or exc}): give the path of the file to import.")]
        ) from None
    head = raw.removeprefix(b"\xef\xbb\xbf").lstrip()[:200]  # a byte-order mark, as some tools write
    if head.startswith(b"<?xml") or head.startswith(b"<xliff"):
        _check_xliff(path, raw)
        store = Xliff2File.parsestring(raw)
        lang = store.gettargetlanguage()
        units = []
        for unit in store.units:
            segment = unit.xmlelement
            source_el = segment.find(_q("source"))
            codes = {ph.get("id"): ph.get("equiv") or ph.get("disp") or "" for ph in source_el.iter(_q("ph"))}
            problems: list[str] = []
            source = _text_of(source_el, codes, [])
            target = _text_of(segment.find(_q("target")), codes, problems)
            state = segment.get("state", "initial")
            if state in ("reviewed", "final"):
                mapped = REVIEWED
            elif state == "translated":
                mapped = TRANSLATED
            else:
                mapped = OUTDATED if target else NEW
            unit_id = unit.getunitelement().get("id") or unit.getid() or ""
            units.append(Incoming(unit_id, source or "", target or None, mapped, "; ".join(problems) or None))
        return lang, units
    try:
        store = pofile.parsestring(raw)
    except (ValueError, UnicodeError) as exc:  # PoParseError is a ValueError; it gives the line in its words
        found = re.search(r"on line (\d+)", str(exc))
        what = str(exc).split(" on line ")[0]
        raise _unreadable(
            path, int(found.group(1)) if found else None, f"is neither XLIFF 2 nor a PO file that can be read ({what})"
        ) from None
    header = store.parseheader()
    units = []
    for unit in store.units:
        if unit.isheader():
            continue
        target = unit.target or None
        if target is None:
            state = NEW
        elif unit.isfuzzy():
            state = OUTDATED
        elif PO_REVIEWED_FLAG in _po_flags(unit):
            state = REVIEWED
        else:
            state = TRANSLATED
        units.append(Incoming(unit.getcontext(), unit.source, target, state))
    return header.get("Language"), units


def _po_flags(unit: pounit) -> set[str]:
    flags: set[str] = set()
    for comment in unit.typecomments:
        flags |= {f.strip() for f in comment.lstrip("#,").split(",")}
    return flags


# ---------------------------------------------------------------- import


def check_unit(source: str, target: str) -> list[str]:
    """What a translation changed that it must keep: placeholders, links, inline code, Markdown structure."""
    found = []
    want, got = Counter(protected(source)), Counter(protected(target))
    if want != got:
        missing = list((want - got).elements())
        extra = list((got - want).elements())
        what = []
        if missing:
            what.append("missing " + ", ".join(missing))
        if extra:
            what.append("added " + ", ".join(extra))
        found.append("placeholders, links or markup differ from the original: " + "; ".join(what))
    plain_s, plain_t = PROTECTED.sub("", source), PROTECTED.sub("", target)
    for mark, name in (("[", "link brackets ["), ("]", "link brackets ]"), ("|", "table bars |")):
        if plain_s.count(mark) != plain_t.count(mark):
            found.append(
                f"the number of {name} differs ({plain_s.count(mark)} in the original, {plain_t.count(mark)} here)"
            )
    if ("\n" in target) and ("\n" not in source):
        found.append("a line break was added: the unit would become more than one Markdown block")
    for line in target.split("\n"):
        start = _BLOCK_START.match(line)
        if start and not any(
            _BLOCK_START.match(s) and _BLOCK_START.match(s).group(1)[:1] == start.group(1)[:1]
            for s in source.split("\n")
        ):
            found.append(f"a line starts with {start.group(1).strip()!r}, which would change the Markdown structure")
            break
    return found


@dataclass
class ImportResult:
    lang: str
    changed_units: list[str]
    written: list[str]
    stamped: list[str]
    reviewed: list[str]
    skipped: list[str]
    units_reviewed: list[str] = field(default_factory=list)  # units recorded as reviewed by this import


def import_file(data: SiteData, path: Path, reviewer: str | None = None, today: dt.date | None = None) -> ImportResult:
    root, default = data.root, data.site.default_language
    file_lang, incoming = read_file(path)
    if not file_lang or file_lang not in data.site.languages or file_lang == default:
        raise InputError(
            [
                Problem(
                    path,
                    None,
                    "language",
                    f"the file's target language {file_lang!r} is not a translated language of this site",
                )
            ]
        )
    cat = catalogue(data, file_lang)
    known = cat.by_id()
    problems: list[Problem] = []
    seen: set[str] = set()
    for inc in incoming:
        where = Problem(path, None, inc.id, "")
        unit = known.get(inc.id)
        if inc.id in seen:
            problems.append(Problem(where.file, None, inc.id, "this unit id appears twice in the file"))
            continue
        seen.add(inc.id)
        if unit is None:
            problems.append(
                Problem(where.file, None, inc.id, "no such unit in the site now (export the language again)")
            )
            continue
        if inc.source != unit.source:
            problems.append(
                Problem(
                    where.file,
                    None,
                    inc.id,
                    f"the original text changed since this file was exported (now at {unit.source_file}:"
                    f"{unit.source_line}); export again",
                )
            )
            continue
        if inc.problem:
            problems.append(Problem(where.file, None, inc.id, inc.problem))
        if inc.target is not None:
            for message in check_unit(unit.source, inc.target):
                problems.append(Problem(where.file, None, inc.id, message))
        if unit.kind in ("page", "meta") and inc.target is not None and unit.target is None and unit.state != NEW:
            problems.append(
                Problem(
                    where.file,
                    None,
                    inc.id,
                    f"{unit.file} does not have the original's structure; bring it in line first",
                )
            )
    # Reviewed units need a name and a date. A unit the file marks reviewed is newly reviewed unless it
    # already was (with this translation); a page is fully reviewed once every one of its units is.
    by_page: dict[str, list[Incoming]] = {}
    for inc in incoming:
        unit = known.get(inc.id)
        if unit is not None and unit.kind in ("page", "meta"):
            by_page.setdefault(unit.group, []).append(inc)
    today = today or dt.date.today()
    arriving = {inc.id: inc for inc in incoming if inc.id in known}
    newly_reviewed = {
        inc.id
        for inc in arriving.values()
        if inc.state == REVIEWED
        and inc.target
        and not (known[inc.id].state == REVIEWED and inc.target == known[inc.id].target)
    }

    def reviewed_after(uid: str) -> bool:
        inc, unit = arriving.get(uid), known[uid]
        if inc is not None and inc.state == REVIEWED and inc.target:
            return True
        return unit.state == REVIEWED and (inc is None or inc.target is None or inc.target == unit.target)

    fully_reviewed = {rel for rel in by_page if all(reviewed_after(uid) for uid in cat.page_units.get(rel, []))}
    needs_name = [
        rel for rel in fully_reviewed if not page_translation(docs_dir(root, file_lang) / rel).get("reviewed")
    ]
    if (newly_reviewed or needs_name) and not (reviewer or "").strip():
        what = f"{len(newly_reviewed)} unit(s)" + (f" ({len(needs_name)} whole page(s))" if needs_name else "")
        problems.append(
            Problem(
                path,
                None,
                "reviewer",
                f"the file marks {what} as reviewed: give the reviewer's name with --reviewer (or, if no "
                'fluent speaker checked them, set those units back to translated: XLIFF state="translated", '
                "or take the `reviewed` flag off in PO)",
            )
        )
    if problems:
        raise InputError(problems)
    reviews = recorded_reviews(root, file_lang)
    new_reviews = dict(reviews)

    # Everything is valid: work out every file's new text, in memory.
    texts: dict[Path, str] = {}

    def current(p: Path) -> str:
        if p not in texts:
            texts[p] = p.read_text(encoding="utf-8") if p.is_file() else ""
        return texts[p]

    result = ImportResult(file_lang, [], [], [], [], [])
    skipped_pages: set[str] = set()
    sources, _ = discover(root, data.site.languages, default)
    originals = {p.rel: p.path for p in sources[default]}
    for rel, incs in by_page.items():
        target_path = docs_dir(root, file_lang) / rel
        missing_page = not target_path.is_file() or is_untranslated(target_path)
        page_ids = cat.page_units.get(rel, [])
        complete = set(page_ids) <= {i.id for i in incs if i.target and i.state in (TRANSLATED, REVIEWED)}
        changes = {i.id: i.target for i in incs if i.target is not None and i.target != known[i.id].target}
        if missing_page and not complete:
            if changes:
                result.skipped.append(f"docs/{file_lang}/{rel}: not every unit translated yet; left as it is")
            skipped_pages.add(rel)
            continue
        text = current(target_path) if target_path.is_file() else originals[rel].read_text(encoding="utf-8")
        front, body = _split_page(text)
        if not front:
            front = "---\n---\n"
        replace = {known[uid].index: t for uid, t in changes.items() if known[uid].kind == "page"}
        if replace or missing_page:
            if missing_page:  # translations fill a copy of the original: pair by position with its units
                replace = {known[i.id].index: i.target for i in incs if known[i.id].kind == "page" and i.target}
            _, body = _toolkit_pass(body, replace)
        meta_node = yaml.compose(front[4:-4]) if front.strip() != "---\n---" else None
        for uid, target in changes.items():
            unit = known[uid]
            if unit.kind == "meta" and isinstance(meta_node, yaml.MappingNode):
                node = _mapping_value(meta_node, unit.key)
                if node is not None:
                    front = _splice(front, node, target, base=4)
                    meta_node = yaml.compose(front[4:-4])
        if missing_page:
            for i in incs:
                unit = known[i.id]
                if unit.kind == "meta" and i.target and isinstance(meta_node, yaml.MappingNode):
                    node = _mapping_value(meta_node, unit.key)
                    if node is not None:
                        front = _splice(front, node, i.target, base=4)
                        meta_node = yaml.compose(front[4:-4])
        updates: dict[str, str | None] = {}
        info = page_translation(target_path) if target_path.is_file() else {}
        if missing_page:
            updates["status"] = None
            updates["reviewed"] = "false"
        if complete:
            new_hash = page_hash(originals[rel])
            if info.get("source") != new_hash or missing_page:
                updates["source"] = new_hash
                result.stamped.append(f"docs/{file_lang}/{rel}")
        if rel in fully_reviewed and not info.get("reviewed"):
            names = [(reviewer or "").strip()] if set(page_ids) & set(newly_reviewed) else []
            for uid in page_ids:
                earlier = reviews.get(uid)
                if uid not in newly_reviewed and earlier and earlier.by and earlier.by not in names:
                    names.append(earlier.by)
            updates.update(
                reviewed="true",
                reviewed_by=json.dumps(", ".join(n for n in names if n) or reviewer, ensure_ascii=False),
                reviewed_on=today.isoformat(),
            )
            result.reviewed.append(f"docs/{file_lang}/{rel}")
        elif info.get("reviewed") and changes and rel not in fully_reviewed:
            updates.update(reviewed="false", reviewed_by=None, reviewed_on=None)
            # The units the page's reviewer checked, and that this import leaves as they were, stay reviewed.
            for uid in page_ids:
                unit = known[uid]
                held = review_holds(reviews.get(uid), unit.source, unit.target)
                if uid not in changes and unit.state == REVIEWED and unit.target and not held:
                    on = info.get("reviewed_on")
                    new_reviews[uid] = UnitReview(
                        source=text_hash(unit.source),
                        target=text_hash(unit.target),
                        by=str(info.get("reviewed_by") or "") or None,
                        date=on if isinstance(on, dt.date) else None,
                    )
        if updates:
            front = _set_translation_block(front, updates)
        new_text = front + body
        if new_text != text or not target_path.is_file():
            texts[target_path] = new_text
        result.changed_units += list(changes)

    # Data texts and interface strings.
    recorded = recorded_hashes(root, file_lang)
    new_recorded = dict(recorded)
    for inc in incoming:
        unit = known.get(inc.id)
        if unit is None or unit.kind not in ("data", "string") or inc.target is None:
            continue
        file = root / unit.file
        if inc.target != unit.target:
            text = current(file)
            if unit.kind == "data":
                nodes: dict[str, yaml.MappingNode] = {}
                _localized_texts(yaml.compose(text), "", default, nodes)
                mapping = nodes[unit.key]
                node = _mapping_value(mapping, file_lang)
                texts[file] = (
                    _splice(text, node, inc.target)
                    if node is not None
                    else _insert_key(text, mapping, file_lang, inc.target)
                )
            else:
                scalars = _top_scalars(file) if file not in texts else _scalars_of(text)
                node = scalars.get(unit.key)
                if node is not None:
                    texts[file] = _splice(text, node, inc.target)
                else:
                    texts[file] = (
                        text
                        + ("" if text.endswith("\n") or not text else "\n")
                        + f"{unit.key}: {_yaml_scalar(inc.target, None)}\n"
                    )
            result.changed_units.append(inc.id)
        if inc.state in (TRANSLATED, REVIEWED):
            new_recorded[unit.group] = text_hash(unit.source)
    # Reviews, unit by unit, against the original and the translation the reviewer saw.
    for uid, inc in arriving.items():
        unit = known[uid]
        if unit.kind in ("page", "meta") and unit.group in skipped_pages:
            continue
        if uid in newly_reviewed:
            new_reviews[uid] = UnitReview(
                source=text_hash(unit.source), target=text_hash(inc.target), by=reviewer.strip(), date=today
            )
            result.units_reviewed.append(uid)
        elif inc.target is not None and inc.target != unit.target:
            new_reviews.pop(uid, None)  # a changed translation no one has checked yet
    if new_recorded != recorded or new_reviews != reviews:
        texts[hashes_file(root, file_lang)] = record_text(file_lang, new_recorded, new_reviews)
        result.stamped += sorted(k for k in new_recorded if recorded.get(k) != new_recorded[k])

    # Check what would be written, then write it all.
    changed = {p: t for p, t in texts.items() if not p.is_file() or p.read_text(encoding="utf-8") != t}
    late: list[Problem] = []
    for p, t in changed.items():
        try:
            if p.suffix == ".yml":
                yaml.safe_load(t)
            else:
                get_data(t)
                front, _ = _split_page(t)
                yaml.safe_load(front[4:-4] or "{}")
        except yaml.YAMLError as exc:
            late.append(Problem(p, None, "yaml", f"the imported text would not be valid YAML: {exc}"))
    if late:
        raise InputError(late)
    temporary = []
    for p, t in changed.items():
        tmp = p.with_name(f".{p.name}.import-tmp")
        p.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(t, encoding="utf-8")
        temporary.append((tmp, p))
    for tmp, p in temporary:
        os.replace(tmp, p)
    result.written = sorted(str(p.relative_to(root)) for p in changed)
    return result


def _scalars_of(text: str) -> dict[str, yaml.ScalarNode]:
    node = yaml.compose(text)
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: v for k, v in node.value if isinstance(v, yaml.ScalarNode)}


# ---------------------------------------------------------------- review pack


def _marked(text: str | None) -> Markup:
    if text is None:
        return Markup("")
    out = []
    position = 0
    for start, end in _token_spans(text):
        out.append(escape(text[position:start]))
        out.append(Markup('<span class="ph">{}</span>').format(text[start:end]))
        position = end
    out.append(escape(text[position:]))
    return Markup("").join(out)


def review_pack(data: SiteData, lang: str) -> str:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    from .theme_strings import direction

    cat = catalogue(data, lang)
    groups: list[dict] = []
    index: dict[str, dict] = {}
    for u in cat.units:
        title = u.file if u.kind in ("page", "meta") else ("Interface strings" if u.kind == "string" else u.file)
        if title not in index:
            index[title] = {"title": title, "units": []}
            groups.append(index[title])
        index[title]["units"].append(
            {"id": u.id, "state": u.state, "where": u.note, "source": _marked(u.source), "target": _marked(u.target)}
        )
    counts = Counter(u.state for u in cat.units)
    env = Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=select_autoescape(["html"])
    )
    return env.get_template("review-pack.html").render(
        lang=lang,
        default=cat.default,
        dir=direction(lang),
        groups=groups,
        counts={s: counts.get(s, 0) for s in STATES},
        total=len(cat.units),
        site=data.site.default_language,
        today=dt.date.today().isoformat(),
    )
