"""`sitegen build`: validate, build every language in parallel, check, then publish atomically."""

from __future__ import annotations

import gc
import logging
import os
import re
import shutil
import tempfile
import time
import warnings
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import ExitStack, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from . import directives
from .branding import logo_file
from .contacts_export import write_json
from .data import SiteData, load_site_data
from .host_references import external_references, refused_scripts
from .hosting import InlineHashes, built_by_sitegen, inline_script, source_hash, write_host_files, write_nginx
from .models import site_address
from .pages import discover, docs_dir, front_matter_problems, reserved_path_problems
from .paths import project_sources
from .posters import CACHE, Drawing, Drawn, address_warning
from .precompress import CACHE as GZIP_CACHE
from .precompress import precompress
from .problems import InputError, Problem
from .published_files import docs_file_problems, outside_links, svg_problems
from .sitemap import write_discovery
from .stylesheets import (
    CssTools,
    Marks,
    PreparedPages,
    check_css_tools,
    finish_pages,
    make_stylesheets,
    prepare_pages,
)
from .urls import prefix


@dataclass
class BuildResult:
    out: Path
    languages: list[str]
    pages: int
    seconds: float
    warnings: list[str] = field(default_factory=list)  # built, but the deployer should know (printed to stderr)
    posters: Drawn | None = None  # None: built without the posters


def validate(root: Path, translation_policy: bool = True) -> SiteData:
    """Every check that can run before building: data files, page files, placeholders, and
    (unless `translation_policy` is False, for the translation tools themselves) the policy."""
    data = load_site_data(root)
    site = data.site
    sources, problems = discover(root, site.languages, site.default_language)
    problems += outside_links(root)
    problems += docs_file_problems([docs_dir(root, lang) for lang in site.languages])
    problems += reserved_path_problems(root, site.languages, site.default_language)
    logo = logo_file(site.branding)
    if logo and logo.lower().endswith(".svg") and (root / "data" / logo).is_file():
        problems += svg_problems(root / "data" / logo)
    problems += nav_problems(root, site.default_language)
    for lang in site.languages:
        for page in sources[lang]:
            if page.fallback:
                continue
            front = front_matter_problems(page.path)
            problems += front
            if front:
                continue  # the rest reads the front matter, or would count its lines wrong
            problems += directives.check(page.path, page.path.read_text(encoding="utf-8"), data)
    if translation_policy:
        problems += translation_policy_problems(data)
    if problems:
        raise InputError(problems)
    return data


def output_problems(root: Path, out: Path) -> list[Problem]:
    """A build replaces its output folder whole: it may be a new or empty folder, or a site an
    earlier build published, never the project, a folder holding it, its pages or data, or any
    other folder (`--out docs` would have deleted every page)."""
    root, out = root.resolve(), out.resolve()
    what = None
    if root.is_relative_to(out):
        what = "the project's folder or one that holds it"
    elif any(out.is_relative_to(folder) for folder in project_sources(root)):
        what = "inside the project's own files"
    if what:
        return [
            Problem(
                out,
                None,
                "--out",
                f"is {what}: the build would replace it. Build into site/ (the default) or a new folder.",
            )
        ]
    if out.exists() and not out.is_dir():
        return [Problem(out, None, "--out", "is a file, not a folder: give a new folder's path.")]
    if out.is_dir() and any(out.iterdir()) and not built_by_sitegen(out):
        return [
            Problem(
                out,
                None,
                "--out",
                "is a folder that holds files but not a site sitegen built, and a build replaces the whole "
                "folder: give a new or empty folder (or empty this one yourself, if nothing in it is needed).",
            )
        ]
    return []


_CONFIG_VALUE = re.compile(r"Config value '([\w.-]+)'")


def _located(root: Path, lang: str, message: str) -> Problem:
    """MkDocs' message as a problem: one about mkdocs.yml points at the setting's line there."""
    import yaml

    setting = _CONFIG_VALUE.search(message)
    if not setting:
        return Problem(root / "docs" / lang, None, "", message)
    path = root / "mkdocs.yml"
    key = setting.group(1).split(".")[0]
    node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    line = next(
        (k.start_mark.line + 1 for k, _ in getattr(node, "value", []) if getattr(k, "value", None) == key), None
    )
    return Problem(path, line, setting.group(1), message)


def nav_problems(root: Path, default: str) -> list[Problem]:
    """mkdocs.yml read once, before any language's build: broken YAML, or a menu entry (`nav:`)
    naming a page that does not exist, with its line."""
    import yaml

    path = root / "mkdocs.yml"
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.context_mark or exc.problem_mark
        what = " ".join(x for x in (exc.context, exc.problem) if x)
        return [Problem(path, mark.line + 1 if mark else None, "", f"this is not valid YAML: {what}.")]
    nav = next((v for k, v in getattr(node, "value", []) if getattr(k, "value", None) == "nav"), None)
    problems = []
    for item in _nav_entries(nav):
        if item.value.endswith(".md") and not (root / "docs" / default / item.value).is_file():
            problems.append(
                Problem(
                    path,
                    item.start_mark.line + 1,
                    "nav",
                    f"'{item.value}' is not a page in docs/{default}/; fix the name, or remove the line.",
                )
            )
    return problems


def _nav_entries(node: object) -> list:
    import yaml

    if isinstance(node, yaml.ScalarNode):
        return [node]
    if isinstance(node, yaml.SequenceNode):
        return [x for item in node.value for x in _nav_entries(item)]
    if isinstance(node, yaml.MappingNode):
        return [x for _, value in node.value for x in _nav_entries(value)]
    return []


def translation_policy_problems(data: SiteData) -> list[Problem]:
    """The site's translation policy (data/site.yml `translations:`), as build-stopping problems."""
    from .translations import status_report

    policy = data.site.translations
    if not policy.required:
        return []
    report = status_report(data, count_reviews=False)
    return [
        Problem(
            data.root / item.key if item.kind == "page" else data.root / "data",
            None,
            item.key,
            f"the {item.lang} translation is {item.status}, and data/site.yml requires {item.lang} "
            f"to have none {item.status}. Translate it, then run `sitegen stamp {item.lang}`.",
        )
        for item in report.problems(policy.required, tuple(policy.fail_on))
    ]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@dataclass
class _LanguageOutcome:
    problems: list[str]  # MkDocs' warnings and errors
    leaks: list[str]  # what the built files may not do: each a whole message
    prepared: PreparedPages | None = None  # what the site's CSS needs of the pages (`marks` given)


def _build_language(
    root: str, lang: str, site_dir: str, site_url: str | None, marks: Marks | None = None, inline: bool = True
) -> _LanguageOutcome:
    """Build one language (in its own process): MkDocs (whose hooks also write everything the
    language adds after it: see LanguageBuild.post_build), then the check that nothing in it
    contacts another host. Languages are independent, so they run side by side.
    With `marks`, the pages are also made ready for the site's CSS (stylesheets.prepare_pages)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, MkDocsException

    from .config import language_config

    try:  # jieba (Chinese search) announces its dictionary on stderr; only problems matter here
        import jieba

        jieba.setLogLevel(logging.WARNING)
    except ImportError:
        pass
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    data = load_site_data(Path(root))
    try:
        config = language_config(Path(root), data, lang, site_dir=Path(site_dir), site_url=site_url)
        build(config)
    except (Abort, MkDocsException) as exc:
        return _LanguageOutcome(handler.messages or [str(exc)], [])
    finally:
        logger.removeHandler(handler)
    if handler.messages:
        return _LanguageOutcome(handler.messages, [])
    folder = Path(site_dir)
    where = prefix(lang, data.site.default_language)
    leaks = [f"would make browsers contact another host: {where}{leak}" for leak in external_references(folder)]
    leaks += [
        f"holds a script that its own security policy refuses: {where}{leak}. The site runs no script but "
        "its own: remove the setting that adds it (in mkdocs.yml, such as `extra: analytics:`)."
        for leak in refused_scripts(folder)
    ]
    prepared = prepare_pages(folder, marks, inline) if marks and not leaks else None
    return _LanguageOutcome([], leaks, prepared)


def _preload(root: Path, data: SiteData) -> None:
    """Import what every language's build imports (MkDocs, the theme's plugins, the Markdown
    extensions, jieba for search in Chinese) by loading one language's configuration: the
    language workers, forked from this process, start with it instead of each importing it."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    import mkdocs.commands.build  # noqa: F401

    from .config import language_config

    # jieba's source has escapes Python warns about as it compiles them; the workers never showed it.
    # A setting MkDocs refuses is the language builds' to report, once, with its line: here it
    # is neither logged nor raised (this only saves time).
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.disabled = True
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            language_config(root, data, data.site.default_language)
    except Exception:  # noqa: BLE001
        pass
    finally:
        mkdocs_log.disabled = False


def engine() -> str:
    """Which MkDocs builds the pages: MkDocs itself, or ProperDocs standing in for it."""
    import mkdocs

    name = "ProperDocs" if mkdocs.__name__ == "properdocs" else "MkDocs"
    return f"{name} {mkdocs.__version__}"


def build_site(
    root: Path,
    out: Path,
    site_url: str | None = None,
    jobs: int | None = None,
    posters: bool = True,
    trim_css: bool = True,
    inline_first_screen: bool = True,
    cache: bool = True,
) -> BuildResult:
    """Build the whole site into `out`. On any problem, raise and leave `out` as it was.

    `posters=False` leaves out the posters (Chromium renders them; the slowest step), for a quick
    preview or a test that is not about them. `trim_css=False` keeps the theme's CSS whole and
    the pages and the project's scripts as MkDocs wrote them (the test that the site's CSS and
    the minified pages and scripts change nothing on screen compares against that).
    `inline_first_screen=False` links the whole stylesheet in <head> instead of putting the first
    screen's rules there (the benchmark compares the two for a reader who opens a second and
    third page). `cache=False` draws every poster again and compresses every gzip copy again,
    instead of reusing those kept in the project's .cache/sitegen/ (and keeps none)."""
    start = time.perf_counter()
    root = root.resolve()
    out = out.resolve()
    if site_url:
        try:
            site_address(site_url)
        except ValueError as exc:
            raise InputError([Problem(root, None, "--site-url", str(exc))]) from None
    if problems := output_problems(root, out):
        raise InputError(problems)
    # The posters get a process of their own (rendering them is mostly waiting for Chromium), and
    # Chromium starts in it now, while this process checks the data they need.
    with Drawing(cache_folder(root, CACHE) if cache else None) if posters else nullcontext() as drawing:
        data = validate(root)
        return _build(data, out, site_url, jobs, drawing, trim_css, inline_first_screen, cache, start)


def _build(
    data: SiteData,
    out: Path,
    site_url: str | None,
    jobs: int | None,
    drawing: Drawing | None,
    trim_css: bool,
    inline_first_screen: bool,
    cache: bool,
    start: float,
) -> BuildResult:
    """build_site, once the data is checked."""
    root, site = data.root, data.site
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".sitegen-build-", dir=out.parent))
    try:
        dirs = {lang: staging / "lang" / lang for lang in site.languages}
        posters_dir = staging / "posters"
        address = site_url or site.site_url
        drawn = None
        if drawing:
            drawing.draw(data, posters_dir, address)
        _preload(root, data)
        jobs = jobs or min(len(site.languages), os.cpu_count() or 1)
        if trim_css:
            check_css_tools()
        marks = Marks.new() if trim_css else None
        with ExitStack() as stack:
            pool = stack.enter_context(ProcessPoolExecutor(max_workers=jobs))
            # The workers are forked at the first submit. Frozen, this process's objects are left out
            # of the workers' garbage collections, which would otherwise write to every one of them
            # and so copy all the memory the workers share with this process.
            gc.freeze()
            try:
                futures = {
                    lang: pool.submit(_build_language, str(root), lang, str(d), site_url, marks, inline_first_screen)
                    for lang, d in dirs.items()
                }
            finally:
                gc.unfreeze()
            # The CSS tools start now (after the fork: a worker holding their input open would keep
            # them waiting), and load while the languages build.
            tools = stack.enter_context(CssTools()) if trim_css else None
            results = {lang: future.result() for lang, future in futures.items()}
            problems = _outcome_problems(root, out, results)
            if problems:
                if drawing:
                    drawing.result()  # a poster that does not fit is reported first
                raise InputError(problems)
            result = staging / "site"
            dirs[site.default_language].rename(result)
            for lang, d in dirs.items():
                if lang != site.default_language:
                    d.rename(result / lang)
            with ThreadPoolExecutor(max_workers=1) as side:
                # The site's CSS, made once from the pages of every language (the first screen's part
                # inline). Its tools run in node, so this thread writes the files that are not pages
                # meanwhile; the host files wait for the inline styles' hashes.
                folders = {lang: result / prefix(lang, site.default_language) for lang in site.languages}
                styling = None
                if tools and marks:
                    prepared = {lang: outcome.prepared for lang, outcome in results.items() if outcome.prepared}
                    styling = side.submit(
                        _style_pages, tools, pool, result, folders, prepared, marks, inline_first_screen
                    )
                write_json(data, result)
                pages, _ = discover(root, list(site.languages), site.default_language)
                write_discovery(result, data, pages, address)
                if drawing:
                    drawn = drawing.result()
                    for lang in site.languages:
                        made = posters_dir / prefix(lang, site.default_language) / "posters"
                        if made.is_dir():
                            made.rename(result / prefix(lang, site.default_language) / "posters")
                styles = styling.result() if styling else ()
        # Sorted: the same styles give the same policy, whatever order they were made in.
        inline = InlineHashes(tuple(sorted(styles)), (source_hash(inline_script(root)),))
        write_host_files(result, address, list(site.languages), site.default_language, inline)
        precompress(result, jobs, cache_folder(root, GZIP_CACHE) if cache else None)
        _publish(result, out)
        write_nginx(out, address, list(site.languages), site.default_language, inline)
        pages = sum(1 for p in out.rglob("*.html") if "assets" not in p.relative_to(out).parts)
        warnings = [w for w in (address_warning(address),) if w]
        return BuildResult(out, list(site.languages), pages, time.perf_counter() - start, warnings, drawn)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _outcome_problems(root: Path, out: Path, results: dict[str, _LanguageOutcome]) -> list[Problem]:
    """What the languages' builds found: MkDocs' messages, else what the built pages may not do
    (references to other hosts, scripts their policy refuses)."""
    # A page shown in several languages (untranslated, it falls back) is reported once.
    seen: set[str] = set()
    problems = [
        _located(root, lang, message)
        for lang, outcome in results.items()
        for message in outcome.problems
        if not (message in seen or seen.add(message))
    ]
    if problems:
        return problems
    leaks = [leak for outcome in results.values() for leak in outcome.leaks]
    return [Problem(out, None, "", leak) for leak in leaks]


def _style_pages(
    tools: CssTools,
    pool: ProcessPoolExecutor,
    site: Path,
    folders: dict[str, Path],
    prepared: dict[str, PreparedPages],
    marks: Marks,
    inline: bool,
) -> tuple[str, ...]:
    """The site's stylesheets made from every language's pages (as their workers read them) and
    swapped in for the marks the workers left (by the same workers, a language each); returns the
    hashes of the inline styles, for the policy. The project's scripts are minified in the same
    node, first: the stylesheets look for class names in them as they are published."""
    words = set().union(*(p.words for p in prepared.values()))
    # In the order of the pages' paths in the whole site, as stylesheets.mjs has always read them.
    pages = sorted((folders[lang] / rel, text) for lang, p in prepared.items() for rel, text in p.pages.items())
    sheets = make_stylesheets(tools, site, list(folders.values()), words, pages)
    done = [
        pool.submit(finish_pages, [folders[lang] / rel for rel in p.pages], marks, sheets)
        for lang, p in prepared.items()
    ]
    for future in done:
        future.result()
    return sheets.style_hashes if inline else ()


def cache_folder(root: Path, folder: Path) -> Path | None:
    """The project's cache `folder` (relative to `root`), or None (no cache: everything is made
    again) where a part of its path is a link: a link in a project's files could point it at any
    folder, and the build writes there and deletes old gzip copies there."""
    path = root
    for part in folder.parts:
        path = path / part
        if path.is_symlink():
            return None
    return root / folder


def _publish(new: Path, out: Path) -> None:
    """Swap the new site in with renames, so readers and deployers never see half a site."""
    old = None
    if out.exists():
        old = out.with_name(f".sitegen-old-{out.name}-{os.getpid()}")
        out.rename(old)
    new.rename(out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
