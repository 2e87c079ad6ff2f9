#!/usr/bin/env bash
# One command from a fresh checkout to a built site in site/: sets up, then builds.
# Extra arguments go to `sitegen build`, e.g. scripts/build.sh --site-url https://example.org/
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/sitegen build "$@"
