#!/usr/bin/env bash
# The benchmark: page weight in Chromium, Lighthouse, and build time against plain Material.
#   scripts/bench.sh [--markdown bench.md] [--skip-lighthouse] [--skip-large] [--lighthouse-runs N]
# Sets up what it needs (the test tools, nginx, and Lighthouse from scripts/bench/package-lock.json).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
if ! command -v npm >/dev/null; then  # Debian's Node.js, where the machine has none
  if [ "$(id -u)" = 0 ]; then sudo=(); else sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq nodejs npm >/dev/null
fi
# Lighthouse 12.2.3 (13 wants Node 22), exactly as locked; Debian's Chromium, no browser download.
npm ci --prefix scripts/bench --no-audit --no-fund --ignore-scripts --loglevel=error
exec .venv/bin/python -m bench "$@"
