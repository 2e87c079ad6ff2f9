"""What besides the pages the site publishes of the editors' folders, checked before anything is
built: MkDocs copies every other file in a language's docs/ folder into the site as it is, and
the logo goes from data/ to the site too.

- A link (symlink) must stay inside its own folder: a link to /etc/passwd, or to the project's
  .git/config (where CI keeps its access token), would publish that file.
- docs/ holds pages and their images, nothing else: an HTML page or a script there would be
  published on the site's own address, past every check the pages get (and a script from the
  site's own address is one its policy allows); a _headers file would reconfigure the host.
  Hidden files (.DS_Store, .htaccess) are never published, as MkDocs leaves them out.
- An SVG image may hold no script, event handler, link or other document: opened on its own, on
  a host that sends no security headers (GitHub Pages), it is a page of the site.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from lxml import etree

from .paths import overrides_dir
from .problems import Problem

IMAGES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg")

# What a drawing needs (SVG 1.1's shapes, text, paint servers, clipping, masks and filters), and
# nothing that runs, fetches or embeds another document.
_SVG_ELEMENTS = frozenset(
    "svg g defs symbol use title desc metadata path rect circle ellipse line polyline polygon text tspan "
    "textPath linearGradient radialGradient stop pattern clipPath mask marker filter feBlend feColorMatrix "
    "feComponentTransfer feComposite feFlood feGaussianBlur feMerge feMergeNode feOffset feFuncR feFuncG "
    "feFuncB feFuncA feDropShadow feMorphology feTurbulence feDisplacementMap style".split()
)
_SVG = "{http://www.w3.org/2000/svg}"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def outside_links(root: Path) -> list[Problem]:
    """Links in docs/, data/ or the overrides (whose other files the theme publishes) that lead
    outside their own folder, by name."""
    problems = []
    for folder in (root / "docs", root / "data", overrides_dir(root)):
        top = folder.resolve()
        # os.walk does not follow links: a link to / is reported, not walked.
        found = [Path(d) / n for d, dirs, files in os.walk(folder) for n in (*dirs, *files)]
        for path in sorted(found):
            if path.is_symlink() and not path.resolve().is_relative_to(top):
                problems.append(
                    Problem(
                        path,
                        None,
                        "",
                        f"is a link to {path.resolve()}, outside {folder.name}/; only what is in {folder.name}/ "
                        "itself is published. Copy the file in instead, or delete the link.",
                    )
                )
    return problems


def hidden(rel: Path) -> bool:
    """A file MkDocs leaves out of the site (its name, or a folder's on its way, starts with a dot:
    .DS_Store, .htaccess, .git/)."""
    return any(part.startswith(".") for part in rel.parts)


def docs_file_problems(folders: list[Path]) -> list[Problem]:
    """Every file of the languages' docs/ folders that is neither a page (.md) nor an image, and
    every SVG image that holds more than a drawing."""
    problems = []
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            suffix = path.suffix.lower()
            if suffix == ".md" or hidden(path.relative_to(folder)):
                continue
            if suffix not in IMAGES:
                problems.append(
                    Problem(
                        path,
                        None,
                        "",
                        "only pages (.md) and their images (" + ", ".join(IMAGES) + ") are published from docs/; "
                        "anything else here would go on the site unchecked. Write it as a page, or delete it.",
                    )
                )
            elif suffix == ".svg":
                problems += svg_problems(path)
    return problems


def svg_problems(path: Path) -> list[Problem]:
    """What in an SVG image is more than a drawing: a script, an event handler, a link or a
    reference to another file or site, another document inside it. Each by its line."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        tree = etree.parse(str(path), parser)
    except (etree.XMLSyntaxError, OSError) as error:
        line = getattr(error, "lineno", None)
        return [Problem(path, line, "", f"is not a well-formed SVG image ({error}); export it again, or use a PNG.")]
    fix = "Export the image again as a plain drawing (or use a PNG)."
    problems = []
    if tree.docinfo.doctype:
        problems.append(Problem(path, 1, "", f"declares a DOCTYPE, which can pull in other files. {fix}"))
    for element in tree.getroot().iter():
        if not isinstance(element.tag, str):  # comments and processing instructions
            continue
        name = element.tag.removeprefix(_SVG)
        if element.tag != _SVG + name:
            problems.append(
                Problem(
                    path, element.sourceline, f"<{name}>", f'is not in the SVG namespace (xmlns="{_SVG[1:-1]}"). {fix}'
                )
            )
            continue
        if name not in _SVG_ELEMENTS:
            problems.append(Problem(path, element.sourceline, f"<{name}>", f"is not part of a drawing. {fix}"))
            continue
        for attribute, value in element.attrib.items():
            local = attribute.rsplit("}", 1)[-1]
            if local.lower().startswith("on"):
                problems.append(Problem(path, element.sourceline, f"<{name} {local}>", f"runs a script. {fix}"))
            elif (local == "href" or attribute == _XLINK_HREF) and not value.strip().startswith("#"):
                problems.append(
                    Problem(path, element.sourceline, f"<{name} {local}>", f"leads out of the image ({value}). {fix}")
                )
            elif _fetches(value):
                problems.append(
                    Problem(path, element.sourceline, f"<{name} {local}>", f"fetches another file ({value}). {fix}")
                )
        if name == "style" and _fetches(element.text or ""):
            problems.append(Problem(path, element.sourceline, "<style>", f"fetches another file. {fix}"))
    return problems


_URL_RE = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.I)


def _fetches(css: str) -> bool:
    """CSS (a style, or a paint such as fill="url(#shade)") that refers to anything but a part of
    the image itself, or imports a stylesheet."""
    return "@import" in css.lower() or any(not target.startswith("#") for target in _URL_RE.findall(css))
