#!/usr/bin/env bash
# Re-pin the dependencies (with hashes) after editing scripts/requirements/*.in.
set -euo pipefail
cd "$(dirname "$0")/requirements"
tools=$(mktemp -d)
python3 -m venv "$tools"
"$tools/bin/pip" install -q pip-tools==7.6.2
for name in build test; do
  "$tools/bin/pip-compile" -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links \
    --output-file "$name.txt" "$name.in"
done
rm -rf "$tools"
