#!/usr/bin/env bash
# Set up everything the project needs, from pinned versions. Safe to run again.
#   scripts/setup.sh          what building the site needs: .venv/, Debian's Chromium and Noto fonts
#                             (they render the infographic posters)
#   scripts/setup.sh --test   ...plus the test tools (and nginx, which the tests start on loopback)
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "Python 3.11 or newer is needed (found: $("$python" --version 2>&1))." >&2; exit 1; }

[ -x .venv/bin/python ] || "$python" -m venv .venv
pip=(.venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps)
"${pip[@]}" -r scripts/requirements/build.txt
# The project's own code is used in place: no packaging step, no unpinned build tools.
site_packages=$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
echo "$PWD/scripts" > "$site_packages/sitegen.pth"
cat > .venv/bin/sitegen <<'SH'
#!/bin/sh
exec "$(dirname "$0")/python" -m sitegen "$@"
SH
chmod +x .venv/bin/sitegen

# Debian packages: Chromium renders the posters (and runs the browser tests); the Noto fonts
# cover every script the site is written in, so no poster shows a missing-glyph box.
packages=(chromium fonts-noto-core fonts-noto-cjk)
# The build makes the site's CSS with Node.js tools (scripts/css): Debian's Node.js, where the machine has none.
command -v npm >/dev/null || packages+=(nodejs npm)
# The tests read the posters back, serve the site from nginx as a real host would, and run
# independent checkers from npm (tests/engines): the Nu HTML checker needs Java.
if [ "${1:-}" = "--test" ]; then
  packages+=(poppler-utils fontconfig nginx gettext)  # gettext: msgfmt --check on the PO exchange files
  command -v java >/dev/null || packages+=(default-jre-headless)
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" = 0 ]; then sudo=(); else sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The build-time node tools (PurgeCSS, Beasties, Lightning CSS for the CSS; terser for the scripts), at the versions in their lock file (scripts/sitegen/stylesheets.py, minify.py).
npm ci --prefix scripts/css --no-audit --no-fund --ignore-scripts --loglevel=error

if [ "${1:-}" = "--test" ]; then
  "${pip[@]}" -r scripts/requirements/test.txt
  # axe-core, vnu-jar and IBM's accessibility-checker-engine, at the versions in its lock file.
  npm ci --prefix tests/engines --no-audit --no-fund --ignore-scripts --loglevel=error
fi
