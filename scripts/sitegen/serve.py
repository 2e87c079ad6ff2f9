"""`sitegen serve`: preview one language while editing, rebuilt on every save as `sitegen build` builds it.

MkDocs' own `serve` is not used: it re-reads mkdocs.yml with the options given once at start,
and the options of a language Material lacks (a search plugin configured inline) are used up by
the first read, so every rebuild after a save failed; and a failed rebuild left its server
waiting for ever. Here each save:

  - validates data/ and docs/ again, as `sitegen build` does (problems are listed with their
    file, line and field, once, without a traceback);
  - makes the language's configuration afresh, with the same options and hooks as a build
    (strict too: what would stop `sitegen build` stops the preview);
  - builds into a new folder, which is served only once it is complete.

A save that breaks something keeps the last good pages served, with the problems in a banner
at the top of each page and in the terminal; the next good save replaces them. If nothing was
ever built, every address answers with a page listing the problems.
"""

from __future__ import annotations

import contextlib
import html
import logging
import re
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.config_options import IpAddress
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, MkDocsException
from mkdocs.livereload import LiveReloadServer

from .build import _located, validate
from .config import language_options
from .data import SiteData
from .host_references import external_references
from .paths import overrides_dir
from .problems import InputError, Problem

CRASH_LOG = ".sitegen-error.log"  # as `sitegen` writes for any command that stops unexpectedly
_BODY = re.compile(rb"<body\b[^>]*>")


class _Collect(logging.Handler):
    """MkDocs' warnings and errors: gathered while a build runs (they are its problems), printed
    otherwise (the server's own, e.g. a request it could not answer)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self.messages is not None and not record.name.startswith("mkdocs.livereload"):
            self.messages.append(record.getMessage())
        else:
            print(record.getMessage(), file=sys.stderr, flush=True)


class _Server(LiveReloadServer):
    """MkDocs' reloading server, with the problems of the last save shown on every page."""

    problems: list[str] = []

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        content = super()._inject_js_into_html(content, epoch)
        if not self.problems:
            return content
        body = _BODY.search(content)
        at = body.end() if body else 0
        return content[:at] + banner(self.problems).encode("utf-8") + content[at:]

    def reload_script(self) -> bytes:
        """MkDocs' script that reloads a page when the site is rebuilt, for a page of our own."""
        return self._inject_js_into_html(b"</body>", self._visible_epoch)


def banner(problems: list[str]) -> str:
    items = "".join(f"<li>{html.escape(p)}</li>" for p in problems)
    return (
        '<div role="alert" lang="en" dir="ltr" style="position:sticky;top:0;z-index:100000;background:#fff3cd;'
        "color:#1a1a1a;border-bottom:4px solid #b00020;padding:1em;font:16px/1.4 system-ui,sans-serif;"
        'text-align:left"><strong>The preview was not updated: '
        f"{len(problems)} problem(s) to fix.</strong> This is the last version that built; it updates "
        f'when you save a fix.<ul style="margin:.5em 0 0;padding-left:1.5em">{items}</ul></div>'
    )


def error_page(problems: list[str]) -> str:
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Preview not built</title></head>'
        '<body style="margin:0">' + banner(problems).replace("This is the last version that built; it", "It")
    )


class Preview:
    """One language of the site at `root`, built into a new folder on each save and served."""

    def __init__(self, root: Path, lang: str, host: str, port: int) -> None:
        self.root = root
        self.lang = lang
        self.url = f"http://{host}:{port}/" if ":" not in host else f"http://[{host}]:{port}/"
        self.folder = Path(tempfile.mkdtemp(prefix=f"sitegen-serve-{lang}-"))
        self.built: list[Path] = []  # the folder served last, and the one before (a request may still read it)
        empty = self.folder / "nothing-built"
        empty.mkdir()
        self.server = _Server(builder=self.rebuild, host=host, port=port, root=str(empty))
        self.server.error_handler = self.error_response
        self.collect = _Collect()
        self.built_once = False

    # ------------------------------------------------------------ one build

    def config(self, data: SiteData, site_dir: Path) -> MkDocsConfig:
        """The language's configuration exactly as `sitegen build` makes it (strict, same hooks and
        options, made afresh from the data just validated), but for the preview: served from here, and
        its pages without their own security policy, which would refuse MkDocs' inline reload script."""
        options = language_options(self.root, data, self.lang, site_dir=site_dir, preview=True)
        config = load_config(str(self.root / "mkdocs.yml"), **options)
        config.site_url = self.url
        return config

    def build_once(self, site_dir: Path) -> list[Problem]:
        """Build into `site_dir`; the problems that stopped it (none: it built)."""
        try:
            data = validate(self.root, translation_policy=False)
        except InputError as exc:
            return exc.problems
        if self.lang not in data.site.languages:
            return [
                Problem(
                    self.root / "data" / "site.yml",
                    None,
                    "languages",
                    f"'{self.lang}' is no longer one of this site's languages ({', '.join(data.site.languages)}); "
                    "add it back, or stop this preview (Ctrl+C) and start one for another language.",
                )
            ]
        self.collect.messages = []
        try:
            config = self.config(data, site_dir)
            config.plugins.on_startup(command="serve", dirty=False)
            build(config, serve_url=self.url)
        except (Abort, MkDocsException) as exc:
            self.collect.messages = self.collect.messages or [str(exc)]
        finally:
            messages, self.collect.messages = self.collect.messages, None
        if messages:
            seen: set[str] = set()
            return [_located(self.root, self.lang, m) for m in messages if not (m in seen or seen.add(m))]
        return [
            Problem(self.root / "docs" / self.lang, None, "", f"would make browsers contact another host: {leak}")
            for leak in external_references(site_dir)
        ]

    def rebuild(self) -> None:
        """MkDocs' server calls this on every save. It never raises: a failed rebuild would leave the
        server waiting for ever, so the last good pages stay served, with the problems shown."""
        start = time.perf_counter()
        site_dir = Path(tempfile.mkdtemp(prefix="site-", dir=self.folder))
        try:
            problems = [p.format(self.root) for p in self.build_once(site_dir)]
        except Exception as exc:  # a fault in the generator, not in the editor's files: one line, and a log
            problems = [self.crashed(exc)]
        if problems:
            shutil.rmtree(site_dir, ignore_errors=True)
            self.server.problems = problems
            kept = "Still showing the last pages that built" if self.built else "Nothing to show yet"
            print(f"The preview was not updated: {len(problems)} problem(s) to fix.", file=sys.stderr)
            for problem in problems:
                print(f"  {problem}", file=sys.stderr)
            print(f"{kept}; the preview updates when you save a fix.", file=sys.stderr, flush=True)
            return
        self.server.root = str(site_dir)
        self.server.problems = []
        self.built.insert(0, site_dir)
        for old in self.built[2:]:
            shutil.rmtree(old, ignore_errors=True)
        del self.built[2:]
        what = "Updated" if self.built_once else "Built"
        self.built_once = True
        print(f"{what} the {self.lang} preview in {time.perf_counter() - start:.1f} s.", flush=True)

    def crashed(self, exc: Exception) -> str:
        """One line for an unexpected fault; the full traceback goes to a log file, as for any command."""
        log = self.root / CRASH_LOG
        frames = traceback.extract_tb(exc.__traceback__)
        where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
        try:
            log.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
        except OSError:
            return f"the preview stopped: {type(exc).__name__}: {exc}{where}."
        return (
            f"the preview stopped: {type(exc).__name__}: {exc}{where}. The full log is in {log}; "
            "please send it to whoever looks after the generator."
        )

    def error_response(self, code: int) -> bytes | None:
        """For an address with nothing built at it: the problems, or the site's own error page."""
        if self.server.problems and not self.built:
            return error_page(self.server.problems).encode("utf-8") + self.server.reload_script()
        page = Path(self.server.root) / "404.html"
        return page.read_bytes() if code == 404 and page.is_file() else None

    # ------------------------------------------------------------ serving

    def watched(self) -> list[Path]:
        """Everything a page is made from: every language's pages (untranslated ones fall back to
        the default language's), the data, the components and mkdocs.yml."""
        paths = [self.root / "docs", self.root / "data", overrides_dir(self.root), self.root / "mkdocs.yml"]
        return [p for p in paths if p.exists()]

    def run(self) -> None:
        """Build, then serve and rebuild on every save until Ctrl+C (or SIGTERM)."""
        logger = logging.getLogger("mkdocs")
        saved = logger.propagate
        logger.addHandler(self.collect)
        logger.propagate = False
        try:
            with contextlib.suppress(ImportError):  # jieba (Chinese search) announces its dictionary on stderr
                import jieba

                jieba.setLogLevel(logging.WARNING)
            with _stop_on_sigterm():
                try:
                    self.rebuild()
                    for path in self.watched():
                        self.server.watch(str(path))
                    self.server.serve()
                except KeyboardInterrupt:
                    print("Stopped the preview.", flush=True)
                finally:
                    self.server.shutdown()
        finally:
            logger.removeHandler(self.collect)
            logger.propagate = saved
            shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def _stop_on_sigterm() -> Iterator[None]:
    """`kill` (SIGTERM) stops the preview as Ctrl+C does, so its temporary folders are removed."""

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def address(value: str) -> tuple[str, int]:
    """host and port from "127.0.0.1:8000"; ValueError with a readable message if it is not one."""
    try:
        host, port = IpAddress().validate(value)
    except Exception as exc:
        raise ValueError(f"--addr {value!r}: {exc}; give it as IP:PORT, e.g. 127.0.0.1:8000.") from None
    return host, port


def serve(root: Path, lang: str, host: str, port: int) -> None:
    """Preview `lang` at http://host:port/ until Ctrl+C. OSError if the address cannot be listened on."""
    Preview(root, lang, host, port).run()
