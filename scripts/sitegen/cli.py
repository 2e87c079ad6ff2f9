"""The one command for people: build, serve, check, translations, stamp, add-language, new-page, schema."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from .data import SiteData
from .problems import InputError, Problem

HELP = """\
Build the sextortion-awareness website from the pages in docs/ and the data in data/.

Common tasks:
  sitegen build             check everything, then build the site into site/
  sitegen serve --lang fr   preview the French pages at http://127.0.0.1:8000 while you edit
  sitegen check             only check data/ and docs/ and list any problems
  sitegen translations      which translations are missing or out of date
  sitegen stamp fr          after translating: record the French as up to date
  sitegen add-language de   start a German version (shown in English until translated)
  sitegen new-page talk-to-a-parent --title "Talk to a parent"
                            start a new page in every language, and add it to the menu
  sitegen new-site ../other-site --organisation "..." --country GB --emergency 999 ...
                            start a site for another police service (see sitegen new-site --help)
"""


def _root(value: str) -> Path:
    path = Path(value).resolve()
    if not (path / "mkdocs.yml").is_file():
        raise argparse.ArgumentTypeError(f"{path} has no mkdocs.yml; give the site's folder")
    return path


def _report(exc: InputError, root: Path, command: str = "build") -> int:
    """The problems, under a line that says what stopped: only a build publishes a site."""
    building = command == "build"
    head = "The site was not built" if building else f"sitegen {command} stopped"
    print(f"{head}: {len(exc.problems)} problem(s) to fix.", file=sys.stderr)
    for problem in exc.problems:
        print(f"  {problem.format(root)}", file=sys.stderr)
    if building:
        print("Nothing was written; the previous site/ (if any) is unchanged.", file=sys.stderr)
    return 1


def _load(args: argparse.Namespace, translation_policy: bool = True) -> SiteData | None:
    """The checked data, or None after listing every problem found."""
    from .build import validate

    try:
        return validate(args.root, translation_policy)
    except InputError as exc:
        print(f"{len(exc.problems)} problem(s) to fix:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem.format(args.root)}", file=sys.stderr)
        return None


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build_site, engine

    out = Path(args.out).resolve() if args.out else args.root / "site"
    try:
        result = build_site(
            args.root,
            out,
            site_url=args.site_url,
            jobs=args.jobs,
            posters=not args.no_posters,
            cache=not args.no_cache,
        )
    except InputError as exc:
        return _report(exc, args.root)
    for warning in result.warnings:
        print(f"Warning: {warning}", file=sys.stderr)
    print(
        f"Built {result.pages} pages in {len(result.languages)} languages ({', '.join(result.languages)}) "
        f"into {result.out} in {result.seconds:.1f} s, with {engine()}."
    )
    if result.posters:
        print(f"Posters: {result.posters.drawn} drawn in Chromium, {result.posters.cached} from the cache.")
    return 0


def _contact_confidence(data: SiteData, today: dt.date) -> int:
    """Contacts that still need confirming on an official page, and texts whose date has passed
    (returns how many of those: a sentence about a date now past may no longer be true)."""
    secondary = [c for c in data.all_contacts if c.source_kind == "secondary"]
    if secondary:
        shown = "published, labelled as not yet confirmed" if data.site.publish_secondary_contacts else "not published"
        print(
            f"\n{len(secondary)} contact(s) need confirming on an official page ({shown}). Find each number on "
            "the organisation's own website, then set `source:` to that page and `source_kind: official`:"
        )
        for c in secondary:
            print(f"  {c.id}: source {c.source}")
    from .phones import is_domestic

    site = data.site
    foreign = [
        (c.id, p.dial.display)
        for c in data.all_contacts
        for p in c.phones
        if p.type == "phone" and not is_domestic(p.number, site.country)
    ]
    if foreign:
        print(
            f"\n{len(foreign)} number(s) belong to another country than {site.country}; they are shown in "
            "international format. Check that readers are meant to call abroad:"
        )
        for ident, shown in foreign:
            print(f"  {ident}: {shown}")
    unlisted = [("emergency", site.emergency.phone)] if site.emergency.phone.short_number_unlisted else []
    unlisted += [(c.id, p) for c in data.all_contacts for p in c.phones if p.short_number_unlisted]
    if unlisted:
        print(
            f"\n{len(unlisted)} short number(s) are not in the phone library's data for {site.country}; they are "
            "published on the page given in `short_number_source:`. Re-check each there:"
        )
        for ident, p in unlisted:
            print(
                f"  {ident}: {p.number.strip()}: short number not in the phone library's data; "
                f"confirmed at {p.short_number_source}"
            )
    dated = [(c.id, c.date_in_text) for c in data.all_contacts if c.date_in_text]
    dated += [
        (f"emergency notice for {n.region}", n.date_in_text) for n in data.site.emergency.notices if n.date_in_text
    ]
    passed = [(name, day) for name, day in dated if day <= today]
    if passed:
        print(f"\n{len(passed)} text(s) depend on a date that has passed; reword them and update `date_in_text`:")
        for name, day in passed:
            print(f"  {name}: {day.isoformat()}")
    return len(passed)


def cmd_check(args: argparse.Namespace) -> int:
    """Everything an editor should know before publishing, grouped by file."""
    from itertools import groupby

    from .page_checks import check_pages, unwritten_copies
    from .translations import format_report, status_report

    data = _load(args)
    if data is None:
        return 1
    print("Data files and page placeholders: no problems.")
    findings, readings = check_pages(data)
    key = lambda f: (str(f.path), f.line or 0)  # noqa: E731
    for path, group in groupby(sorted(findings, key=key), key=lambda f: f.path):
        print(f"\n{_shown(path, args.root)}")
        for f in group:
            where = f"line {f.line}" if f.line else "page"
            print(f"  {where}: [{f.check}] {f.message}\n    How to fix: {f.fix}")
    print()
    measured = sorted({r.lang for r in readings})
    for lang in measured:
        scores = [r.score for r in readings if r.lang == lang]
        level = next(r.level for r in readings if r.lang == lang)  # a variant's may be its base language's
        worst = max(scores) if level.at_most is not None else min(scores)
        print(f"Reading level, {lang}: {len(scores)} pages by {level.formula}; hardest page {worst:.1f}.")
    unmeasured = [code for code in data.site.languages if code not in measured]
    if unmeasured:
        print(f"Reading level not measured for {', '.join(unmeasured)} (no formula set in data/content-checks.yml).")
    print("\nTranslations:")
    print(format_report(status_report(data), details=False), end="")
    copies = unwritten_copies(data)
    if copies:
        print(
            f"\n{len(copies)} page(s) made by `sitegen new-page` not written in their language yet (readers see the "
            f"{data.site.default_language} page, with a notice, until they are translated):"
        )
        for path in copies:
            print(f"  {_shown(path, args.root)}")

    max_age = args.max_age_days or data.site.contacts_max_age_days
    today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    passed = _contact_confidence(data, today)
    stale = [c for c in data.all_contacts if (today - c.checked).days > max_age]
    if stale:
        print(
            f"\n{len(stale)} contact(s) not checked in the last {max_age} days; check each against its source, "
            "then update `checked:` in data/contacts.yml:"
        )
        for c in sorted(stale, key=lambda c: c.checked):
            print(f"  {c.id}: checked {c.checked.isoformat()} ({(today - c.checked).days} days ago), source {c.source}")
    elif data.all_contacts:
        print(f"\nEvery contact was checked in the last {max_age} days.")
    else:
        print(
            "\nNo contacts yet: the site names no police service or helpline. Add them to data/contacts.yml, "
            "each with the public page where you saw it (`source:`) and that day (`checked:`): first the police "
            f"for the whole country (`region: {data.site.country}`), then regional police and the helplines readers "
            'can call. See the editor\'s guide (docs/README.md in the generator), "Add or update a contact".'
        )
    files = len({f.path for f in findings})
    print(f"\n{len(findings)} finding(s) in {files} file(s)." if findings else "\nThe pages passed every check.")
    return 1 if findings or passed or (stale and args.fail_stale) else 0


def _shown(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def cmd_serve(args: argparse.Namespace) -> int:
    """Preview one language; every save rebuilds it as `sitegen build` would (see serve.py)."""
    from .serve import address, serve

    try:
        host, port = address(args.addr)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    data = _load(args, translation_policy=False)
    if data is None:
        return 1
    lang = args.lang or data.site.default_language
    if lang not in data.site.languages:
        print(f"'{lang}' is not one of this site's languages: {', '.join(data.site.languages)}", file=sys.stderr)
        return 2
    print(f"Previewing the {lang} pages at http://{args.addr}/ (Ctrl+C to stop).", flush=True)
    try:
        serve(args.root, lang, host, port)
    except OSError as exc:
        print(f"Could not serve the preview at {args.addr}: {exc.strerror or exc}.", file=sys.stderr)
        return 1
    return 0


def cmd_translations(args: argparse.Namespace) -> int:
    from .translations import MISSING, OUTDATED, format_report, status_report

    data = _load(args, translation_policy=False)
    if data is None:
        return 1
    action = getattr(args, "action", None)
    if action:
        return _translations_exchange(args, data, action)
    report = status_report(data)
    if args.lang:
        report.languages = [x for x in report.languages if x in args.lang]
        report.items = [i for i in report.items if i.lang in args.lang]
    print(format_report(report, details=not args.summary), end="")
    if args.markdown:
        Path(args.markdown).write_text(format_report(report, markdown=True), encoding="utf-8")
        print(f"Wrote {args.markdown}")
    fail_on = tuple(x for x in (args.fail_on or "").split(",") if x)
    unknown = set(fail_on) - {MISSING, OUTDATED}
    if unknown:
        print(f"--fail-on takes missing and/or outdated, not {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    failing = report.problems(report.languages, fail_on)
    if failing:
        print(f"{len(failing)} translation(s) {' or '.join(fail_on)}.", file=sys.stderr)
        return 1
    return 0


def _not_over_the_project(root: Path, out: Path) -> Path:
    """A file for translators or reviewers goes beside the project's own files, never over one."""
    from .paths import project_sources

    root, target = root.resolve(), out.resolve()
    own = project_sources(root)
    if target.is_dir() or target == root / "mkdocs.yml" or any(target.is_relative_to(f) for f in own):
        raise InputError(
            [
                Problem(
                    out,
                    None,
                    "--out",
                    "is one of the project's own files or folders, which this would replace: write it "
                    "elsewhere (such as fr.xlf beside mkdocs.yml).",
                )
            ]
        )
    return out


def _translations_exchange(args: argparse.Namespace, data: SiteData, action: str) -> int:
    """`sitegen translations export|import|review`: files for translators and reviewers."""
    from . import translation_exchange as te

    if action == "import":
        today = dt.date.fromisoformat(args.date) if args.date else None
        result = te.import_file(data, Path(args.file).resolve(), reviewer=args.reviewer, today=today)
        print(
            f"Imported {args.file}: {len(result.changed_units)} unit(s) changed in {len(result.written)} file(s); "
            f"{len(result.stamped)} recorded as up to date; {len(result.units_reviewed)} unit(s) recorded as "
            f"reviewed; {len(result.reviewed)} page(s) marked reviewed."
        )
        for path in result.written:
            print(f"  wrote {path}")
        for note in result.skipped:
            print(f"  skipped {note}")
        return 0
    if args.lang_code not in data.site.languages or args.lang_code == data.site.default_language:
        print(f"'{args.lang_code}' is not one of this site's translated languages.", file=sys.stderr)
        return 2
    if action == "review":
        out = _not_over_the_project(data.root, Path(args.out or f"review-{args.lang_code}.html"))
        out.write_text(te.review_pack(data, args.lang_code), encoding="utf-8")
        print(f"Wrote the {args.lang_code} review pack to {out}: open it in any browser, even offline.")
        return 0
    only = [x.strip() for x in (args.only or "").split(",") if x.strip()]
    unknown = set(only) - {"missing", "new", "outdated", "translated", "reviewed"}
    if unknown:
        print(
            f"--only takes missing, outdated, translated and/or reviewed, not {', '.join(sorted(unknown))}",
            file=sys.stderr,
        )
        return 2
    content, cat, units = te.export(data, args.lang_code, args.format, only or None)
    out = _not_over_the_project(
        data.root, Path(args.out or f"{args.lang_code}.{'xlf' if args.format == 'xliff' else 'po'}")
    )
    out.write_bytes(content)
    for warning in cat.warnings:
        print(f"Warning: {warning}", file=sys.stderr)
    print(f"Wrote {len(units)} unit(s) to {out} ({len(content) // 1024} KiB). Send it; import it back with:")
    print(f"  sitegen translations import {out}")
    return 0


def cmd_stamp(args: argparse.Namespace) -> int:
    from .render import base_language
    from .translations import stamp

    data = _load(args, translation_policy=False)
    if data is None:
        return 1
    lang = args.lang
    translated = [x for x in data.site.languages if x != data.site.default_language]
    variants = [x for x in translated if base_language(x) == lang]
    if lang not in translated and len(variants) == 1:
        lang = variants[0]  # `stamp fr` on a site whose French is fr-CA
    if lang not in translated:
        print(f"'{args.lang}' is not one of this site's translated languages.", file=sys.stderr)
        return 2
    try:
        changed = stamp(data, lang, args.pages or None)
    except InputError as exc:
        print("Nothing was recorded; fix these names and run it again:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem.format(args.root)}", file=sys.stderr)
        return 1
    print(f"Recorded {len(changed)} {lang} translation(s) as up to date with the originals.")
    return 0


def cmd_add_language(args: argparse.Namespace) -> int:
    from .add_language import add_language

    data = _load(args, translation_policy=False)
    if data is None:
        return 1
    try:
        created = add_language(data, args.code)
    except InputError as exc:
        print(f"  {exc.problems[0].format(args.root)}", file=sys.stderr)
        return 1
    print(f"Added '{args.code}': {len(created)} files to translate, in docs/{args.code}/ and data/strings/.")
    print("Until a page is translated the site shows the original, with a notice. Next steps:")
    print(f"  1. Translate docs/{args.code}/*.md; in each, replace `status: untranslated` with `reviewed: false`.")
    print(f"  2. Translate data/strings/{args.code}.yml, and add `{args.code}: ...` texts in data/*.yml.")
    print(f"  3. Run `sitegen stamp {args.code}`, then `sitegen translations` to see what is left.")
    return 0


def cmd_new_page(args: argparse.Namespace) -> int:
    from .new_page import new_page

    data = _load(args, translation_policy=False)
    if data is None:
        return 1
    try:
        created = new_page(data, args.name, args.title)
    except InputError as exc:
        print(f"  {exc.problems[0].format(args.root)}", file=sys.stderr)
        return 1
    default = data.site.default_language
    print(f"Created {len(created)} files and added {args.name}.md to the menu (nav: in mkdocs.yml). Next steps:")
    print(f"  1. Write docs/{default}/{args.name}.md (and its description: line).")
    print("  2. Preview it: sitegen serve")
    print("  3. Check it: sitegen check")
    print("  Until translated, the other languages show your page with a notice; see docs/README.md.")
    return 0


def cmd_new_site(args: argparse.Namespace) -> int:
    from .new_site import NewSite, new_site, translation_notes, writes_english_pages

    folder = Path(args.folder).resolve()
    languages = [x.strip() for x in args.languages.split(",") if x.strip()]
    try:
        new_site(
            NewSite(
                folder,
                args.organisation,
                args.site_name or args.organisation,
                args.country.upper(),
                args.emergency,
                args.emergency_source,
                languages,
                args.quick_exit,
                args.primary,
                args.accent,
                tuple(x.strip().upper() for x in (args.regions or "").split(",") if x.strip()),
            )
        )
    except InputError as exc:
        print(f"  {exc.problems[0].format(folder)}", file=sys.stderr)
        return 1
    # Check the new folder at once, so a wrong option is reported now, with the file and line (and
    # before anything below reads the languages: a code no one knows has no name to print).
    if _load(argparse.Namespace(root=folder), translation_policy=False) is None:
        print(
            f"Made {folder}, but its settings need the fixes above: make them there (the files are named "
            "from that folder), or delete the folder and run new-site again with other options.",
            file=sys.stderr,
        )
        return 1
    print(f"Created a new site in {folder}. Next steps:")
    if writes_english_pages(languages):
        print(f"  0. The starting pages in docs/{languages[0]}/ are written in English: translate them first.")
    print(f"  1. Add your police and help contacts to {folder / 'data' / 'contacts.yml'} (each with its source).")
    print(f"  2. Read and adapt the pages in {folder / 'docs'}; translate the copies marked untranslated.")
    print(f"  3. Check and build it: sitegen --root {folder} check, then sitegen --root {folder} build")
    notes = translation_notes(languages)
    if notes:
        print("Shown in English until translated (`sitegen translations` lists each one):")
        for note in notes:
            print(f"  - {note}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import write_schemas

    for path in write_schemas(args.root / "data"):
        print(f"wrote {path.relative_to(args.root)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    parser = argparse.ArgumentParser(
        prog="sitegen", description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    # A string default goes through `type` too, so a folder without mkdocs.yml is one clear line.
    parser.add_argument("--root", type=_root, default=".", help="the site's folder (default: this folder)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="check everything and build the site into site/")
    p.add_argument("--out", help="where to write the site (default: site/ in the site's folder)")
    p.add_argument("--site-url", help="the address the site will be published at, e.g. https://example.org/help/")
    p.add_argument("--jobs", type=int, help="languages built at once (default: one per processor core)")
    p.add_argument(
        "--no-posters", action="store_true", help="leave out the printable posters (a quicker build, to preview)"
    )
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="draw every poster and compress every gzip copy again, instead of reusing those kept in .cache/sitegen/ "
        "(and keep none)",
    )
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("serve", help="preview one language while you edit; the page reloads when you save")
    p.add_argument("--lang", help="language code, e.g. fr (default: the site's default language)")
    p.add_argument("--addr", default="127.0.0.1:8000", help="address to listen on (default 127.0.0.1:8000)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser(
        "check",
        help="check data/ and every page (links, headings, image text, reading level, kind words) without building",
    )
    p.add_argument("--max-age-days", type=int, help="how old a contact's check may be (default: data/site.yml)")
    p.add_argument("--fail-stale", action="store_true", help="exit with an error if any contact is due a re-check")
    p.add_argument("--today", help=argparse.SUPPRESS)  # for tests: the date to count from (YYYY-MM-DD)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("translations", help="show which pages and texts are translated, outdated or missing")
    p.add_argument("--lang", action="append", help="only this language (repeatable)")
    p.add_argument("--markdown", metavar="FILE", help="also write the report as Markdown to FILE")
    p.add_argument("--summary", action="store_true", help="only the table, not the list of what is left to do")
    p.add_argument(
        "--fail-on",
        metavar="STATUS",
        help="exit with an error if any item is missing and/or outdated, e.g. --fail-on missing,outdated",
    )
    p.set_defaults(func=cmd_translations)
    exchange = p.add_subparsers(dest="action", required=False, metavar="{export,import,review}")
    q = exchange.add_parser("export", help="write an XLIFF 2 or PO file of a language's texts, for a translator")
    q.add_argument("lang_code", metavar="LANG", help="the language, e.g. fr")
    q.add_argument("--format", choices=("xliff", "po"), default="xliff", help="XLIFF 2.0 (default) or PO")
    q.add_argument("--only", metavar="STATES", help="only these, e.g. missing,outdated (default: every text)")
    q.add_argument("--out", metavar="FILE", help="where to write it (default: LANG.xlf or LANG.po here)")
    q = exchange.add_parser("import", help="write a translator's XLIFF or PO file back into the pages and data")
    q.add_argument("file", metavar="FILE")
    q.add_argument("--reviewer", help="who reviewed the units the file marks reviewed (a name or a team)")
    q.add_argument("--date", help="the day of that review, YYYY-MM-DD (default: today)")
    q = exchange.add_parser(
        "review", help="write a self-contained HTML review pack, original and translation side by side"
    )
    q.add_argument("lang_code", metavar="LANG", help="the language, e.g. ar")
    q.add_argument("--out", metavar="FILE", help="where to write it (default: review-LANG.html here)")

    p = sub.add_parser("stamp", help="record that a language's translations are up to date with the originals")
    p.add_argument("lang", help="the language you translated, e.g. fr")
    p.add_argument("pages", nargs="*", help="only these translated pages (default: every page and data text)")
    p.set_defaults(func=cmd_stamp)

    p = sub.add_parser("add-language", help="start a new language: pages and strings copied, marked untranslated")
    p.add_argument("code", help="the language code, e.g. de, pt, vi")
    p.set_defaults(func=cmd_add_language)

    p = sub.add_parser("new-page", help="start a new page in every language and add it to the menu")
    p.add_argument("name", help="the page's file name without .md, e.g. talk-to-a-parent")
    p.add_argument("--title", required=True, help='the page\'s title, e.g. "Talk to a parent"')
    p.set_defaults(func=cmd_new_page)

    p = sub.add_parser("new-site", help="start a site for another police service, in a new folder")
    p.add_argument("folder", help="the new site's folder (must not exist, or be empty)")
    p.add_argument("--organisation", required=True, help='who publishes it, e.g. "Example Police Service"')
    p.add_argument("--site-name", help="the site's name in the header (default: the organisation)")
    p.add_argument("--country", required=True, help="ISO 3166-1 code, e.g. GB; regions and phone numbers follow it")
    p.add_argument("--emergency", required=True, help="the emergency number, e.g. 999")
    p.add_argument(
        "--emergency-source", required=True, help="the public page where you confirmed that number (https://...)"
    )
    p.add_argument("--languages", required=True, help="language codes, the default first, e.g. en,cy")
    p.add_argument("--quick-exit", required=True, help="the neutral site Exit this page opens (https://...)")
    p.add_argument("--regions", help="only these regions (ISO 3166-2), e.g. GB-WLS (default: all the country's)")
    p.add_argument("--primary", default="#1d3a5f", help="header colour, behind white text (default #1d3a5f)")
    p.add_argument("--accent", default="#0b5cad", help="link colour, on white (default #0b5cad)")
    p.set_defaults(func=cmd_new_site)

    p = sub.add_parser("schema", help="regenerate the JSON Schemas in data/schema/ from the data models")
    p.set_defaults(func=cmd_schema)

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except InputError as exc:
        return _report(exc, args.root, args.command)
    except Exception as exc:  # no traceback for an editor: one line, and the full log in a file
        return _crashed(args, exc)


CRASH_LOG = ".sitegen-error.log"


def _crashed(args: argparse.Namespace, exc: Exception) -> int:
    import traceback

    log = args.root / CRASH_LOG
    log.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    kept = " The previous site/ (if any) is unchanged." if args.command == "build" else ""
    print(
        f"sitegen {args.command} stopped: {type(exc).__name__}: {exc}{where}.{kept} "
        f"The full log is in {log}; please send it to whoever looks after the generator.",
        file=sys.stderr,
    )
    return 2


if __name__ == "__main__":
    sys.exit(main())
