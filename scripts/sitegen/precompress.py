"""Each page, stylesheet and script of the built site gets a gzip copy beside it (`page.html.gz`),
compressed harder than a server does as it sends: nginx serves the copy (`gzip_static`, see
hosting.py) instead of compressing the file again for every reader at its own level 6.

libdeflate at level 10 (the `deflate` package) makes pages 2-3% smaller than gzip level 6 (the
heaviest contacts pages, about 330 bytes; levels 11 and 12 take twice as long for 0.5% more).
Other hosts ignore the copies (Netlify and Cloudflare compress on their own); a copy is only ever
sent in place of its own file, so both always hold the same text.

Level 10 costs about 12 MB of text a second a core, five times level 9: the copies are kept in
the project's .cache/sitegen/gzip/, under the SHA-256 of the text, so a build compresses only the
files that changed since an earlier one (an edit to one page changes that page and the search
index; the rest of the site is the same bytes).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import stat
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import deflate

# What a page's first load fetches: pages, their stylesheet and script. The data fetched later
# (search's index, contacts.json: a third of the bytes on a large site) nginx compresses as it
# sends, as it does every file without a copy.
SUFFIXES = frozenset({".html", ".css", ".js"})
# Below this, what compression saves is less than a response's headers vary by.
MIN_SIZE = 1024
LEVEL = 10
CACHE = Path(".cache") / "sitegen" / "gzip"  # under the project's root; .gitignore leaves it out
# A copy no build has used for this long is deleted (builds for other addresses keep their own).
KEEP_SECONDS = 7 * 24 * 3600


class CopyCache:
    """Gzip copies kept between builds, each under the SHA-256 of its text (and of the compressor
    and its level). A copy read back is used only if it decompresses to exactly the text: a
    damaged or altered entry is compressed again (and replaced), never published."""

    SUFFIX = ".gz"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._salt = f"libdeflate {deflate.__version__} level {LEVEL}\n".encode()

    def _path(self, data: bytes) -> Path:
        return self.folder / (hashlib.sha256(self._salt + data).hexdigest() + self.SUFFIX)

    def get(self, data: bytes) -> bytes | None:
        path = self._path(data)
        try:
            # Only a file of its own, no bigger than the text: never a link to something else to read.
            found = path.lstat()
            if not stat.S_ISREG(found.st_mode) or found.st_size > len(data) + 1024:
                return None
            packed = path.read_bytes()
            # The size the entry claims (gzip's last 4 bytes) first: a damaged one is not unpacked.
            if int.from_bytes(packed[-4:], "little") != len(data) % 2**32 or deflate.gzip_decompress(packed) != data:
                return None
            os.utime(path)  # used: kept another KEEP_SECONDS
        except (OSError, deflate.DeflateError):
            return None
        return packed

    def put(self, data: bytes, packed: bytes) -> None:
        """Written whole under another name, then renamed: an interrupted build leaves no half
        entry. A cache that cannot be written is only not kept."""
        partial = self.folder / f".partial-{os.getpid()}-{secrets.token_hex(8)}"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with partial.open("xb") as f:
                f.write(packed)
            os.replace(partial, self._path(data))
        except OSError:
            with contextlib.suppress(OSError):
                partial.unlink()

    def prune(self) -> None:
        """Delete the copies no build has used for KEEP_SECONDS (and what an interrupted build left)."""
        old = time.time() - KEEP_SECONDS
        with contextlib.suppress(OSError):
            for path in self.folder.iterdir():
                with contextlib.suppress(OSError):
                    ours = path.suffix == self.SUFFIX or path.name.startswith(".partial-")
                    if ours and path.lstat().st_mtime < old:
                        path.unlink()


def _texts(site: Path) -> Iterator[Path]:
    for path in site.rglob("*"):
        if path.suffix in SUFFIXES and path.is_file() and not path.is_symlink():
            yield path


def _compress(path: Path, cache: CopyCache | None) -> int:
    data = path.read_bytes()
    if len(data) < MIN_SIZE:
        return 0
    packed = cache.get(data) if cache else None
    if packed is None:
        packed = deflate.gzip_compress(data, LEVEL)
        if cache:
            cache.put(data, packed)
    if len(packed) >= len(data):
        return 0
    path.with_name(path.name + ".gz").write_bytes(packed)
    return 1


def precompress(site: Path, threads: int, cache: Path | None = None) -> int:
    """Write the gzip copies of `site`'s pages, stylesheets and scripts; returns how many. With
    `cache`, the copies an earlier build made of the same texts are taken from there.
    libdeflate (and hashing) let go of Python's lock, so threads share the work among the cores."""
    copies = CopyCache(cache) if cache else None
    with ThreadPoolExecutor(max_workers=max(threads, 1)) as pool:
        made = sum(pool.map(lambda path: _compress(path, copies), list(_texts(site))))
    if copies:
        copies.prune()
    return made
