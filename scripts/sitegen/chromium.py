"""Debian's Chromium, as this project starts it: headless, offline, nothing of its own downloaded."""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
# No background networking: on a machine with no internet these calls only fail and slow it down.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--font-render-hinting=none",
]
# What Debian's launcher (CHROMIUM, a shell script) runs: the binary, its resources and ICU data.
CHROMIUM_LIBDIR = "/usr/lib/chromium"
