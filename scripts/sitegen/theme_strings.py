"""The theme's interface strings (search box, skip link, footer...) for any language.

Material for MkDocs ships them for about 70 languages, as Jinja partials. Editors give
missing or better ones under `theme:` in data/strings/<lang>.yml; this module merges the
two and writes the partial Material expects, so a language Material lacks (Punjabi) works
exactly like one it has.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import material
from babel import Locale
from markupsafe import escape

_LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"
_ENTRY = re.compile(r'^\s*"([^"]+)":\s*"((?:[^"\\]|\\.)*)",?\s*$', re.M)


@lru_cache
def material_strings(lang: str) -> dict[str, str] | None:
    """Material's own strings for `lang`, or None when it has none."""
    path = _LANGUAGES / f"{lang}.html"
    if not path.is_file():
        return None
    return {key: json.loads(f'"{value}"') for key, value in _ENTRY.findall(path.read_text(encoding="utf-8"))}


def known_keys() -> set[str]:
    return set(material_strings("en") or {})


def direction(lang: str) -> str:
    """ "rtl" or "ltr", from the locale data (CLDR), not from a hand-kept list."""
    order = Locale.parse(lang.replace("-", "_")).character_order
    return "rtl" if order == "right-to-left" else "ltr"


def merged(lang: str, overrides: dict[str, str]) -> dict[str, str]:
    """Material's strings for `lang` (or English, for a language it lacks), then the editors' own."""
    strings = dict(material_strings(lang) or material_strings("en") or {})
    if material_strings(lang) is None:
        strings.update({"language": lang, "direction": direction(lang)})
    strings.update(overrides)
    return strings


def needs_partial(lang: str, overrides: dict[str, str]) -> bool:
    return bool(overrides) or material_strings(lang) is None


def partial_source(strings: dict[str, str]) -> str:
    """A language partial in Material's format. Values are HTML-escaped: the theme does not escape them."""
    body = ",\n".join(
        f"  {json.dumps(k)}: {json.dumps(str(escape(v)), ensure_ascii=False)}" for k, v in strings.items()
    )
    return "{% macro t(key) %}{{ {\n" + body + "\n}[key] }}{% endmacro %}\n"


def search_options(strings: dict[str, str]) -> dict[str, object]:
    """Search settings for a language Material lacks (its search plugin reads them from files on disk)."""
    lang = [x for x in re.split(r"\s*,\s*", strings.get("search.config.lang", "en")) if x]
    pipeline = [x for x in re.split(r"\s*,\s*", strings.get("search.config.pipeline", "")) if x]
    return {
        "lang": lang or ["en"],
        "separator": strings.get("search.config.separator", r"[\s\-]+"),
        # An empty list would make the plugin look for the strings itself; the trimmer is the
        # step that would strip non-Latin letters, so keep only the harmless stop-word filter.
        "pipeline": pipeline or ["stopWordFilter"],
    }
