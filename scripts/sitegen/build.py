"""`sitegen build`: validate, build every language in parallel, check, then publish atomically."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import directives
from .checks import external_references
from .contacts_export import write_json
from .data import SiteData, load_site_data
from .discovery import write_discovery
from .handouts import write_handouts
from .headers import write_host_files, write_nginx
from .pages import discover
from .postbuild import patch_theme_script, prune_theme_files
from .posters import write_posters
from .problems import InputError, Problem


@dataclass
class BuildResult:
    out: Path
    languages: list[str]
    pages: int
    seconds: float
    language_seconds: dict[str, float]
    step_seconds: dict[str, float]  # the steps after MkDocs, for all languages together


def validate(root: Path, translation_policy: bool = True) -> SiteData:
    """Every check that can run before building: data files, page files, placeholders, and
    (unless `translation_policy` is False, for the translation tools themselves) the policy."""
    data = load_site_data(root)
    site = data.site
    sources, problems = discover(root, site.languages, site.default_language)
    for lang in site.languages:
        for page in sources[lang]:
            if page.fallback:
                continue
            problems += directives.check(page.path, page.path.read_text(encoding="utf-8"), data)
    if translation_policy:
        problems += translation_policy_problems(data)
    if problems:
        raise InputError(problems)
    return data


def translation_policy_problems(data: SiteData) -> list[Problem]:
    """The site's translation policy (data/site.yml `translations:`), as build-stopping problems."""
    from .translations import status_report

    policy = data.site.translations
    if not policy.required:
        return []
    report = status_report(data)
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


def _build_language(root: str, lang: str, site_dir: str, site_url: str | None) -> tuple[list[str], float]:
    """Build one language with MkDocs (in its own process); returns MkDocs' warnings and the seconds taken."""
    start = time.perf_counter()
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
        return handler.messages or [str(exc)], time.perf_counter() - start
    finally:
        logger.removeHandler(handler)
    if handler.messages:
        return handler.messages, time.perf_counter() - start
    search_langs = [str(x) for x in (config.plugins["material/search"].config.lang or [])]
    patch_theme_script(Path(site_dir))
    prune_theme_files(Path(site_dir), search_langs)
    return [], time.perf_counter() - start


def engine() -> str:
    """Which MkDocs builds the pages: MkDocs itself, or ProperDocs standing in for it."""
    import mkdocs

    name = "ProperDocs" if mkdocs.__name__ == "properdocs" else "MkDocs"
    return f"{name} {mkdocs.__version__}"


def build_site(root: Path, out: Path, site_url: str | None = None, jobs: int | None = None) -> BuildResult:
    """Build the whole site into `out`. On any problem, raise and leave `out` as it was."""
    start = time.perf_counter()
    root = root.resolve()
    out = out.resolve()
    data = validate(root)
    site = data.site
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".sitegen-build-", dir=out.parent))
    try:
        dirs = {lang: staging / "lang" / lang for lang in site.languages}
        jobs = jobs or min(len(site.languages), os.cpu_count() or 1)
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {
                lang: pool.submit(_build_language, str(root), lang, str(d), site_url) for lang, d in dirs.items()
            }
            results = {lang: future.result() for lang, future in futures.items()}
        problems = [
            Problem(root / "docs" / lang, None, "", message)
            for lang, (messages, _) in results.items()
            for message in messages
        ]
        if problems:
            raise InputError(problems)
        result = staging / "site"
        dirs[site.default_language].rename(result)
        for lang, d in dirs.items():
            if lang != site.default_language:
                d.rename(result / lang)
        write_json(data, result)
        address = site_url or site.site_url
        pages, _ = discover(root, list(site.languages), site.default_language)
        write_discovery(result, data, pages, address)
        write_host_files(result, address, list(site.languages), site.default_language)
        steps = {}
        step = time.perf_counter()
        write_posters(data, result, address)
        steps["posters"] = time.perf_counter() - step
        step = time.perf_counter()
        write_handouts(data, result)
        steps["handouts"] = time.perf_counter() - step
        leaks = external_references(result)
        if leaks:
            raise InputError([Problem(out, None, "", f"would make browsers contact another host: {x}") for x in leaks])
        _publish(result, out)
        write_nginx(out, address, list(site.languages), site.default_language)
        pages = sum(1 for p in out.rglob("*.html") if "assets" not in p.relative_to(out).parts)
        seconds = {lang: elapsed for lang, (_, elapsed) in results.items()}
        return BuildResult(out, list(site.languages), pages, time.perf_counter() - start, seconds, steps)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _publish(new: Path, out: Path) -> None:
    """Swap the new site in with renames, so readers and deployers never see half a site."""
    old = None
    if out.exists():
        old = out.with_name(f".sitegen-old-{out.name}-{os.getpid()}")
        out.rename(old)
    new.rename(out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
