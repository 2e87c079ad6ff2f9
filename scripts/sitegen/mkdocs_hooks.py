"""MkDocs hooks: thin glue between MkDocs' events and sitegen.language_build."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from jinja2 import ChoiceLoader, DictLoader
from markupsafe import escape
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sitegen.language_build import LanguageBuild  # noqa: E402
from sitegen.material import skip_icon_listing, unused_theme_file  # noqa: E402
from sitegen.render import COMPILED  # noqa: E402

_build: LanguageBuild | None = None
log = logging.getLogger("mkdocs.plugins.sitegen")


@event_priority(100)  # before the search plugin's, which reads its words through the theme's environments
def on_config(config):
    global _build
    # `sitegen build` and `serve` hand over the language's build (sitegen.config); a plain
    # `mkdocs build` of the default language reads data/ beside mkdocs.yml itself.
    make = (config.extra.get("sitegen") or {}).get("build")
    _build = make() if make else LanguageBuild.load(Path(config.config_file_path).parent, config.theme["language"])
    site = _build.data.site
    # The theme prints these into HTML as they are in some places (MkDocs' templates do not escape)
    # and escapes them in others (`| e`): escaped once here, as Markup, which `| e` leaves alone.
    config.site_name = escape(site.site_name.get(_build.lang, site.site_name[site.default_language]))
    config.site_description = escape(site.description.get(_build.lang, site.description[site.default_language]))
    # Who publishes the site: at the foot of every page (the theme's copyright line, which it does
    # not escape: rendered and escaped here) and as the pages' author (<meta name="author">).
    config.copyright = str(_build.renderer.loc(site.organisation))
    config.site_author = str(escape(site.organisation.get(_build.lang, site.organisation[site.default_language])))
    # Every template environment the theme makes (MkDocs lists the theme's files in one before the
    # env event; the search plugin reads its words in others) shares the compiled templates, and
    # lists the theme without its icons.
    make_env = config.theme.get_env

    def get_env():
        env = make_env()
        env.bytecode_cache = COMPILED
        skip_icon_listing(env)
        return env

    config.theme.get_env = get_env
    return config


def on_env(env, config, files):
    partial = _build.theme_partial()
    if partial:
        env.loader = ChoiceLoader([DictLoader(partial), env.loader])
    return env


def on_post_page(output, page, config):
    return _build.finish_html(output)


def on_files(files: Files, config) -> Files:
    # The components' CSS goes out as one bundle (see on_post_build), not file by file.
    for f in [f for f in files if f.src_uri.startswith("components/")]:
        files.remove(f)
    # Pages and files not yet translated come from the default language.
    default_dir = _build.root / "docs" / _build.default
    if _build.lang != _build.default:
        present = {f.src_uri for f in files}
        for path in sorted(p for p in default_dir.rglob("*") if p.is_file()):
            rel = path.relative_to(default_dir).as_posix()
            if rel not in present:
                files.append(File(rel, str(default_dir), config.site_dir, config.use_directory_urls))
    # Files no page requests (the theme's source maps, other languages' stemmers) are not copied.
    search_languages = [str(x) for x in (config.plugins["material/search"].config.lang or [])]
    for f in [f for f in files if unused_theme_file(f.dest_uri, search_languages)]:
        files.remove(f)
    return files


def on_page_markdown(markdown, page, config, files):
    _build.escape_meta(page.file.src_uri, page.meta)
    return _build.replace_placeholders(page.file.src_uri, markdown)


def on_page_content(html, page, config, files):
    html = _build.finish_content(page.file.src_uri, html)
    while _build.problems:  # an error in MkDocs' log stops the build, and `sitegen build` lists it
        log.error(_build.problems.pop(0).format(_build.root))
    _build.describe(page.file.src_uri, page.meta, html)
    return html


def on_page_context(context, page, config, nav):
    context["sitegen"] = _build.page_context(page.file.src_uri, page.meta, page.title or "")
    return context


def on_template_context(context, template_name, config):
    if template_name == "404.html":
        context["sitegen"] = _build.page_context(None, {})
    return context


def on_post_template(output, template_name, config):
    if template_name == "404.html":
        output = _build.finish_html(_build.fix_error_page(output))
    return output


def on_post_build(config):
    _build.post_build(Path(config.site_dir))
