"""The theme's interface strings (search box, skip link, footer...) for any language.

Material for MkDocs ships them for about 70 languages, as Jinja partials. Editors give
missing or better ones under `theme:` in data/strings/<lang>.yml; this module merges the
two and writes the partial Material expects, so a language Material lacks (Punjabi) works
exactly like one it has.

A locale variant (en-NZ, fr-CA) takes Material's words for itself if Material has them (pt-BR),
else its base language's (en, fr); the partial written for it says `language: en-NZ`, so the
page's `lang` is the full tag. A language Material lacks altogether (mi, pa) starts from English,
and `sitegen new-site` and `add-language` give editors those words to translate (`scaffold`).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import material
from babel import Locale
from markupsafe import escape

from .render import language_keys

_LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"
_ENTRY = re.compile(r'^\s*"([^"]+)":\s*"((?:[^"\\]|\\.)*)",?\s*$', re.M)


@lru_cache
def material_strings(lang: str) -> dict[str, str] | None:
    """Material's own strings for `lang`, or None when it has none."""
    path = _LANGUAGES / f"{lang}.html"
    if not path.is_file():
        return None
    return {key: json.loads(f'"{value}"') for key, value in _ENTRY.findall(path.read_text(encoding="utf-8"))}


def own_or_base_strings(lang: str) -> dict[str, str] | None:
    """Material's strings for `lang`, else for its base language (en-NZ -> en), else None."""
    for key in language_keys(lang):
        found = material_strings(key)
        if found is not None:
            return found
    return None


def theme_lacks(lang: str) -> bool:
    """True when Material has no words in this language, nor in the language it is a variant of."""
    return own_or_base_strings(lang) is None


def known_keys() -> set[str]:
    return set(material_strings("en") or {})


def direction(lang: str) -> str:
    """ "rtl" or "ltr", from the locale data (CLDR), not from a hand-kept list."""
    order = Locale.parse(lang.replace("-", "_")).character_order
    return "rtl" if order == "right-to-left" else "ltr"


def merged(lang: str, overrides: dict[str, str]) -> dict[str, str]:
    """Material's strings for `lang` (or its base language's, or English, for a language it lacks),
    then the editors' own."""
    strings = dict(own_or_base_strings(lang) or material_strings("en") or {})
    if material_strings(lang) is None:
        strings.update({"language": lang, "direction": direction(lang)})
    strings["language"] = lang  # the page's `lang`: the full tag (Material's pt-BR says only pt)
    strings.update(overrides)
    return strings


def needs_partial(lang: str, overrides: dict[str, str]) -> bool:
    own = material_strings(lang)
    return bool(overrides) or own is None or own.get("language") != lang


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


# The theme's words that a page of this site can show; the blog's, the repository's and the
# edit buttons' never do, so an editor is not asked to translate them.
_UNUSED = ("blog.", "rss.", "source.", "action.edit", "action.view")
SEARCH_SETTINGS = ("search.config.lang", "search.config.pipeline", "search.config.separator")


def words_to_translate(lang: str, overrides: dict[str, str] | None = None) -> dict[str, str]:
    """For a language the theme lacks: its words still as Material writes them in English
    (key -> English), the ones given under `theme:` in data/strings/<lang>.yml left out when they
    differ. Empty for a language Material has (or whose base language it has)."""
    if not theme_lacks(lang):
        return {}
    english = material_strings("en") or {}
    given = overrides or {}
    return {
        k: v
        for k, v in english.items()
        if k not in ("language", "direction", *SEARCH_SETTINGS) and not k.startswith(_UNUSED) and given.get(k, v) == v
    }


def scaffold(lang: str, source: str = "en", strings_file: str = "") -> str:
    """The `theme:` section to append to a new data/strings/<lang>.yml (whose text so far is
    `strings_file`), or "" when the theme has words in `lang` (or its base language) already, or
    the file has its own `theme:` section (a language shipped with its words, such as pa). The
    words are `source`'s as Material writes them (English, unless the site's first language is
    one Material has), for translators to replace."""
    if not theme_lacks(lang) or re.search(r"(?m)^theme:", strings_file):
        return ""
    pairs = own_or_base_strings(source) or material_strings("en") or {}
    lines = "".join(
        f"  {k}: {json.dumps(v, ensure_ascii=False)}\n"
        for k, v in pairs.items()
        if k not in ("language", "direction") and not k.startswith(_UNUSED)
    )
    return "\n# The theme's own words (search box, skip link, footer...), not yet translated.\ntheme:\n" + lines
