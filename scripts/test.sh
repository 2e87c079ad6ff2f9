#!/usr/bin/env bash
# One command from a fresh checkout to every test run: sets up (test tools, Chromium), lints, tests.
# Extra arguments go to pytest, e.g. scripts/test.sh -k contacts
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
.venv/bin/ruff check scripts tests
exec .venv/bin/python -m pytest "$@"
