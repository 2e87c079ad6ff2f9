"""The one command for people: `sitegen build`, `sitegen serve`, `sitegen check`, `sitegen schema`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .problems import InputError

HELP = """\
Build the sextortion-awareness website from the pages in docs/ and the data in data/.

Common tasks:
  sitegen build             check everything, then build the site into site/
  sitegen serve --lang fr   preview the French pages at http://127.0.0.1:8000 while you edit
  sitegen check             only check data/ and docs/ and list any problems
"""


def _root(value: str) -> Path:
    path = Path(value).resolve()
    if not (path / "mkdocs.yml").is_file():
        raise argparse.ArgumentTypeError(f"{path} has no mkdocs.yml; give the site's folder")
    return path


def _report(exc: InputError, root: Path) -> int:
    print(f"The site was not built: {len(exc.problems)} problem(s) to fix.", file=sys.stderr)
    for problem in exc.problems:
        print(f"  {problem.format(root)}", file=sys.stderr)
    print("Nothing was written; the previous site/ (if any) is unchanged.", file=sys.stderr)
    return 1


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build_site

    out = Path(args.out).resolve() if args.out else args.root / "site"
    try:
        result = build_site(args.root, out, site_url=args.site_url, jobs=args.jobs)
    except InputError as exc:
        return _report(exc, args.root)
    print(
        f"Built {result.pages} pages in {len(result.languages)} languages ({', '.join(result.languages)}) "
        f"into {result.out} in {result.seconds:.1f} s."
    )
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .build import validate

    try:
        validate(args.root)
    except InputError as exc:
        print(f"{len(exc.problems)} problem(s) to fix:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem.format(args.root)}", file=sys.stderr)
        return 1
    print("No problems found in data/ and docs/.")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve

    from .build import validate
    from .config import language_options

    try:
        data = validate(args.root)
    except InputError as exc:
        return _report(exc, args.root)
    lang = args.lang or data.site.default_language
    if lang not in data.site.languages:
        print(f"'{lang}' is not one of this site's languages: {', '.join(data.site.languages)}", file=sys.stderr)
        return 2
    options = language_options(args.root, data, lang, strict=False)
    print(f"Previewing the {lang} pages at http://{args.addr}/ (Ctrl+C to stop).")
    serve(
        config_file=str(args.root / "mkdocs.yml"),
        dev_addr=args.addr,
        watch=[str(args.root / "data"), str(args.root / "overrides")],
        **options,
    )
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
    parser.add_argument("--root", type=_root, default=_root("."), help="the site's folder (default: this folder)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="check everything and build the site into site/")
    p.add_argument("--out", help="where to write the site (default: site/ in the site's folder)")
    p.add_argument("--site-url", help="the address the site will be published at, e.g. https://example.org/help/")
    p.add_argument("--jobs", type=int, help="languages built at once (default: one per processor core)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("serve", help="preview one language while you edit; the page reloads when you save")
    p.add_argument("--lang", help="language code, e.g. fr (default: the site's default language)")
    p.add_argument("--addr", default="127.0.0.1:8000", help="address to listen on (default 127.0.0.1:8000)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("check", help="check data/ and docs/ without building")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("schema", help="regenerate the JSON Schemas in data/schema/ from the data models")
    p.set_defaults(func=cmd_schema)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
