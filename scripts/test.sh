#!/usr/bin/env bash
# One command from a fresh checkout to every test run: sets up (test tools, Chromium), lints, tests.
#   scripts/test.sh           every test
#   scripts/test.sh --fast    only the quick ones: no build, no browser, no server (80 s on 2 cores)
# Other arguments go to pytest, e.g. scripts/test.sh -k contacts
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
.venv/bin/ruff check scripts tests
if [ "${1:-}" = "--fast" ]; then
  shift
  exec .venv/bin/python -m pytest -m "not slow" "$@"
fi
# On every core: a test file's tests stay together (they share what the file builds or starts once).
exec .venv/bin/python -m pytest -n auto --dist loadfile --durations=25 "$@"
