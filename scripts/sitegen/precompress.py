"""Each page, stylesheet and script of the built site gets a gzip copy beside it (`page.html.gz`),
compressed harder than a server does as it sends: nginx serves the copy (`gzip_static`, see
hosting.py) instead of compressing the file again for every reader at its own level 6.

libdeflate at level 10 (the `deflate` package) makes pages 2-3% smaller than gzip level 6 (the
heaviest contacts pages, about 330 bytes; levels 11 and 12 take twice as long for 0.5% more).
Other hosts ignore the copies (Netlify and Cloudflare compress on their own); a copy is only ever
sent in place of its own file, so both always hold the same text.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import deflate

# What a page's first load fetches: pages, their stylesheet and script. The data fetched later
# (search's index, contacts.json: a third of the bytes on a large site) nginx compresses as it
# sends, as it does every file without a copy: the copies cost the build about 13 MB/s a core.
SUFFIXES = frozenset({".html", ".css", ".js"})
# Below this, what compression saves is less than a response's headers vary by.
MIN_SIZE = 1024
LEVEL = 10


def _texts(site: Path) -> Iterator[Path]:
    for path in site.rglob("*"):
        if path.suffix in SUFFIXES and path.is_file() and not path.is_symlink():
            yield path


def _compress(path: Path) -> int:
    data = path.read_bytes()
    if len(data) < MIN_SIZE:
        return 0
    packed = deflate.gzip_compress(data, LEVEL)
    if len(packed) >= len(data):
        return 0
    path.with_name(path.name + ".gz").write_bytes(packed)
    return 1


def precompress(site: Path, threads: int) -> int:
    """Write the gzip copies of `site`'s pages, stylesheets and scripts; returns how many.
    libdeflate lets go of Python's lock as it compresses, so threads share the work among the cores."""
    with ThreadPoolExecutor(max_workers=max(threads, 1)) as pool:
        return sum(pool.map(_compress, list(_texts(site))))
