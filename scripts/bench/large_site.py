"""A synthetic large site, built by sitegen and by plain MkDocs + Material + mkdocs-static-i18n.

The shipped project is copied and grown to LANGS x PAGES pages and CONTACTS contacts. Both
builds get the same Markdown (docs/<lang>/*.md): sitegen with its own command, the plain one
with one static-i18n build of all languages, as a site without this project would be made.
Nothing here is published; the contacts' numbers are made up and never leave the benchmark.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import phonenumbers
import yaml

from sitegen.add_language import add_language
from sitegen.data import load_site_data
from sitegen.posters import CACHE
from sitegen.precompress import CACHE as GZIP_CACHE
from sitegen.regions import subdivisions
from sitegen.theme_strings import material_strings, merged, partial_source

ROOT = Path(__file__).resolve().parents[2]
EXTRA_LANGUAGES = ["de", "it", "pt", "nl", "ru"]  # with the shipped 7: 12 languages
WORDS = (
    "someone you met online threatens to share your pictures unless you pay it is not your fault "
    "you are not in trouble stop replying keep evidence report the account and talk to someone you trust"
).split()


def _paragraphs(seed: int, words: int) -> str:
    out, line = [], []
    for i in range(words):
        line.append(WORDS[(seed * 7 + i * 13) % len(WORDS)])
        if len(line) == 60:
            out.append(" ".join(line).capitalize() + ".")
            line = []
    if line:
        out.append(" ".join(line).capitalize() + ".")
    return "\n\n".join(out)


def make_project(dest: Path, pages: int, contacts: int) -> Path:
    """Copy the shipped project into `dest` and grow it. Returns the project's folder."""
    for name in ("data", "overrides", "docs"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    (dest / "scripts").symlink_to(ROOT / "scripts")
    for code in EXTRA_LANGUAGES:
        add_language(load_site_data(dest), code)
    data = load_site_data(dest)
    languages = list(data.site.languages)
    shipped = sorted(p.name for p in (dest / "docs" / "en").glob("*.md"))
    # More pages, the same Markdown in every language (as if translated), each about 600 words.
    extra = [f"topic-{i:02d}.md" for i in range(pages - len(shipped))]
    for lang in languages:
        for i, name in enumerate(extra):
            text = f"---\ntitle: Topic {i}\ndescription: Synthetic page {i} for the benchmark.\n---\n\n# Topic {i}\n\n"
            text += _paragraphs(i, 300) + "\n\n## More\n\n" + _paragraphs(i + 1, 300) + "\n"
            (dest / "docs" / lang / name).write_text(text, encoding="utf-8")
    config = yaml.safe_load((dest / "mkdocs.yml").read_text(encoding="utf-8"))
    nav = [*config["nav"], *extra]
    text = (dest / "mkdocs.yml").read_text(encoding="utf-8")
    start, end = text.index("nav:\n"), text.index("\ntheme:")
    text = text[:start] + yaml.safe_dump({"nav": nav}) + text[end:]
    (dest / "mkdocs.yml").write_text(text, encoding="utf-8")
    # Many police contacts, spread over the regions (made-up but well-formed numbers).
    regions = sorted(subdivisions(data.site.country))
    lines = ["", "  # ---------------------------------------------------------- synthetic (benchmark)"]
    made = 0
    exchange = 200
    while made < contacts:
        number = f"+1 613 {exchange + made // 10000} {made % 10000:04d}"
        if not phonenumbers.is_valid_number(phonenumbers.parse(number)):
            exchange += 1
            continue
        lines += [
            f"  - id: synthetic-{made:05d}",
            "    kind: police",
            f"    region: {regions[made % len(regions)]}",
            "    name:",
            f"      en: Synthetic police detachment {made}",
            "    phones:",
            f'      - number: "{number}"',
            f"    source: https://example.org/synthetic/{made}",
            "    source_kind: official",
            f"    checked: {dt.date.today().isoformat()}",
        ]
        made += 1
    with open(dest / "data" / "contacts.yml", "a", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return dest


def plain_config(project: Path, out: Path) -> Path:
    """mkdocs.yml for the same docs/ with only Material and mkdocs-static-i18n (folder layout)."""
    data = load_site_data(project)
    default = data.site.default_language
    custom = project / "plain-overrides"
    languages = []
    for code in data.site.languages:
        if material_strings(code) is None:  # Material has no words for it (Punjabi): give them, as any site must
            partial = custom / "partials" / "languages" / f"{code}.html"
            partial.parent.mkdir(parents=True, exist_ok=True)
            strings = merged(code, data.theme_strings.get(code, {}))
            partial.write_text(partial_source(strings), encoding="utf-8")
        languages.append({"locale": code, "name": code, "build": True, "default": code == default})
    nav = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    config = {
        "site_name": "Plain",
        "docs_dir": str(project / "docs"),
        "site_dir": str(out),
        "use_directory_urls": False,
        "nav": nav,
        "theme": {"name": "material", "font": False, "custom_dir": str(custom), "language": default},
        "plugins": ["search", {"i18n": {"docs_structure": "folder", "languages": languages}}],
    }
    path = project / "plain-mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def time_sitegen(project: Path, work: Path, cold: bool) -> float:
    """Seconds for `sitegen build` in a fresh process, as a user runs it. `cold`: with the
    project's cache emptied first (a first build: every poster drawn, every gzip copy made); else
    with whatever the last build left there (every poster, and the gzip copy of every page that
    has not changed, comes from the cache)."""
    if cold:
        shutil.rmtree(project / CACHE, ignore_errors=True)
        shutil.rmtree(project / GZIP_CACHE, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "sitegen", "--root", str(project), "build", "--out", str(work / "sitegen-site")]
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, capture_output=True)
    return time.perf_counter() - start


def edit_one_page(project: Path, run: int) -> None:
    """What an editor does between builds: a sentence added to one page (English, the first in the nav)."""
    with open(project / "docs" / "en" / "index.md", "a", encoding="utf-8") as f:
        f.write(f"\nEdited for run {run}: you are not alone.\n")


def time_plain(project: Path, work: Path) -> float:
    """Seconds for one static-i18n build of all languages of the same Markdown, in a fresh process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    config = plain_config(project, work / "plain-site")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], check=True, env=env)
    return time.perf_counter() - start
