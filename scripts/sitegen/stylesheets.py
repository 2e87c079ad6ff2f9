"""The site's CSS, made once the pages of every language are built (`sitegen build` only).

The theme's CSS and the components' are cut to the rules the pages can use (PurgeCSS), minified
(Lightning CSS) and split three ways by scripts/css/stylesheets.mjs:
- the rules that paint a first screen (the quick exit, header, crisis bar, first heading and
  steps) go inline in every page's <head>, so they come in the first round trip; the policy
  allows that one <style> by its hash, never 'unsafe-inline';
- the whole stylesheet is linked at the end of <body>, so it does not hold the first paint (and
  a page whose host still sends an old policy is styled all the same once it arrives);
- what only open search or the theme's script need comes with that script.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from . import material
from .hosting import source_hash

_SCRIPT = Path(__file__).resolve().parents[1] / "css" / "stylesheets.mjs"
# How much of the article's text a first screen can show, at most, in characters: a desktop's
# screenful of Latin script (a phone shows less; Chinese or Punjabi fill a screen with fewer).
# tests/test_css_trim.py checks the first screens against the whole stylesheet.
FIRST_SCREEN_TEXT = 1200
# Browsers the CSS is written for (Lightning CSS drops what only older ones need): those of
# 2022 on, which every phone that still gets updates has.
_TARGETS = {"chrome": 100 << 16, "firefox": 100 << 16, "safari": 15 << 16}
# Class names the project's or the theme's script sets from computed strings, which PurgeCSS cannot
# find by reading the scripts (tests/test_css_trim.py checks each one is set by the built JS).
SAFELIST: tuple[str, ...] = ()


@dataclass(frozen=True)
class Stylesheets:
    critical: str  # inline in every page's <head>
    site_name: str  # under each language's assets/: the whole stylesheet

    @property
    def style_hash(self) -> str:
        """The Content-Security-Policy source that allows the inline <style>, and only it."""
        return source_hash(self.critical)


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts)


def _distinct_lines(pages: list[str]) -> str:
    """The pages' distinct lines: what PurgeCSS looks for in them (class names, tags, attribute
    values) never spans lines, and the pages share most of theirs."""
    seen: dict[str, None] = {}
    for page in pages:
        for line in page.splitlines():
            seen.setdefault(line.strip(), None)
    return "\n".join(seen)


def make_stylesheets(site: Path, language_dirs: list[Path]) -> Stylesheets:
    """Write each language's assets/site.<hash>.css and theme-script.css; the theme's main.css
    and the components' sitegen.css stay for what still links them (handouts link sitegen.css)."""
    if not (_SCRIPT.parent / "node_modules" / "purgecss").is_dir():
        raise RuntimeError(
            f"The CSS tools are not installed in {_SCRIPT.parent}: run scripts/setup.sh (it runs npm ci there)."
        )
    assets = site / "assets"
    main, bundle = material.theme_files(assets)
    theme = main.read_text(encoding="utf-8")
    project = (assets / "sitegen.css").read_text(encoding="utf-8")
    pages = [p.read_text(encoding="utf-8") for p in _pages(site)]
    request = {
        "theme": theme,
        "project": project,
        "pages": pages,
        "pageLines": _distinct_lines(pages),
        "scripts": [(assets / "sitegen.js").read_text(encoding="utf-8")],
        "themeScript": bundle.read_text(encoding="utf-8"),
        "defer": material.SEARCH_OPEN,
        "safelist": list(SAFELIST),
        "firstScreen": FIRST_SCREEN_TEXT,
        "later": list(material.LATER_REGIONS),
        "absent": list(material.NOT_FIRST_SCREEN),
        "targets": _TARGETS,
    }
    done = subprocess.run(
        ["node", str(_SCRIPT)], input=json.dumps(request), capture_output=True, text=True, encoding="utf-8", check=False
    )
    if done.returncode:
        raise RuntimeError(f"making the site's CSS failed ({_SCRIPT}):\n{done.stderr[-2000:]}")
    made = json.loads(done.stdout)
    name = f"site.{hashlib.sha256(made['site'].encode()).hexdigest()[:8]}.css"
    for folder in language_dirs:
        (folder / "assets" / name).write_text(made["site"], encoding="utf-8")
        (folder / "assets" / material.THEME_SCRIPT_CSS).write_text(made["deferred"], encoding="utf-8")
    return Stylesheets(made["critical"], name)


def link_pages(site: Path, sheets: Stylesheets, inline: bool = True) -> None:
    """Every theme page: the first screen's rules inline, the whole stylesheet last in <body>,
    and its own policy (the <meta> the language's build wrote) allowing that one <style>.
    `inline=False`: the whole stylesheet linked in <head> instead, nothing inline (the benchmark
    compares the two)."""
    for path in _pages(site):
        html = path.read_text(encoding="utf-8")
        if inline:
            linked = material.link_stylesheets(
                html,
                f"<style>{sheets.critical}</style>",
                lambda prefix: f'<link rel="stylesheet" href="{prefix}assets/{sheets.site_name}">\n',
            )
        else:
            linked = material.link_stylesheets(html, "", lambda prefix: "", head_link=sheets.site_name)
        if linked is not html:
            if inline:
                linked = linked.replace("style-src 'self'", f"style-src 'self' {sheets.style_hash}", 1)
            path.write_text(linked, encoding="utf-8")
