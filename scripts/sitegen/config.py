"""The MkDocs configuration of one language's build, derived from mkdocs.yml and data/site.yml."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils.yaml import yaml_load

from . import branding, theme_strings
from .data import SiteData
from .language_build import LanguageBuild
from .pages import docs_dir
from .paths import HOOKS, overrides_dir
from .urls import prefix


def base_config(root: Path) -> dict[str, Any]:
    with open(root / "mkdocs.yml", encoding="utf-8") as f:
        return yaml_load(f) or {}


def language_config(root: Path, data: SiteData, lang: str, **kwargs: Any) -> MkDocsConfig:
    """One language's MkDocs config: its docs folder, theme language and published address."""
    return load_config(str(root / "mkdocs.yml"), **language_options(root, data, lang, **kwargs))


def language_options(
    root: Path,
    data: SiteData,
    lang: str,
    site_dir: Path | None = None,
    site_url: str | None = None,
    preview: bool = False,
) -> dict[str, Any]:
    """What one language's build changes in mkdocs.yml (MkDocs' own options, for load_config or serve)."""
    raw = base_config(root)
    site = data.site
    site_url = site_url or site.site_url
    theme = dict(raw.get("theme") or {})
    theme["language"] = lang
    theme["custom_dir"] = str(overrides_dir(root))
    logo = branding.logo_asset(site.branding)
    if logo:
        theme["logo"] = logo
    else:
        theme["icon"] = {**(theme.get("icon") or {}), "logo": site.branding.logo}
    theme["favicon"] = branding.favicon_href(site.branding, root / "data")
    extra = dict(raw.get("extra") or {})
    # The hooks get the language's build from here, made from the data already validated. A preview
    # (`sitegen serve`) leaves out the page's own security policy: MkDocs reloads the preview with an
    # inline script, which the policy would refuse. Nothing previewed is published.
    prepared = LanguageBuild.from_data(data, lang, site_url, preview=preview)
    extra["sitegen"] = {"build": lambda: prepared}
    docs = docs_dir(root, lang)
    if not docs.is_dir():  # a language with no page translated yet: every page falls back
        docs = Path(tempfile.mkdtemp(prefix=f"sitegen-{lang}-untranslated-"))
    options: dict[str, Any] = {
        "hooks": [str(HOOKS)],  # the generator's, wherever the site's folder is
        "docs_dir": str(docs),
        "theme": theme,
        "extra": extra,
        "site_name": site.site_name.get(lang, site.site_name[site.default_language]),
        "strict": True,
        "use_directory_urls": False,
    }
    strings = theme_strings.merged(lang, data.theme_strings.get(lang, {}))
    if theme_strings.material_strings(lang) is None:
        # Material's search plugin would look for this language's strings on disk and fail.
        plugins = raw.get("plugins") or []
        options["plugins"] = [
            {"search": theme_strings.search_options(strings)} if p in ("search", "material/search") else p
            for p in plugins
        ]
    if site_dir is not None:
        options["site_dir"] = str(site_dir)
    if site_url:
        options["site_url"] = site_url.rstrip("/") + "/" + prefix(lang, site.default_language)
    return options
