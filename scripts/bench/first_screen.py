"""What a reader sees first: a page's first screen once everything has come, or from the first
round trip alone, and how much two screenshots differ.

On a fresh connection a server sends about 14 KB (TCP's first window: ten segments of 1,460
bytes) and then waits a round trip for the reader's phone to answer; on a slow mobile line that
wait is hundreds of milliseconds. The first round trip is taken here by a loopback proxy in
front of the real host: it passes on the first bytes of the page's response, headers included,
and holds back the rest; the page's other files (its stylesheet and script) are still on their
way too. What the page shows then is what its reader sees while the rest comes.
"""

from __future__ import annotations

import contextlib
import io
import socket
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from sitegen import material

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# TCP's first window is 14,600 bytes; the budget of issue 18 rounds it down.
FIRST_ROUND_TRIP = 14_000
HEIGHT = 844  # a phone's screen (and a laptop's window) in CSS pixels
# A pixel counts as changed when a channel moves by more than this (anti-aliasing noise stays
# under it); two screens are the same when at most this share of their pixels changed.
TOLERANCE = 24
MAX_CHANGED = 0.001
LATER_BOXES = (
    "sels => sels.flatMap(s => [...document.querySelectorAll(s)].map(e => e.getBoundingClientRect().toJSON()))"
)
PAINTED = "performance.getEntriesByType('paint').some(e => e.name == 'first-contentful-paint')"


def _pipe(source: socket.socket, sink: socket.socket, limit: int | None) -> None:
    """Copy `source` to `sink` until `source` closes or `limit` bytes have passed, then stop
    reading: what is left stays with the host, as if still on its way."""
    passed = 0
    with contextlib.suppress(OSError):
        while limit is None or passed < limit:
            chunk = source.recv(65536 if limit is None else min(65536, limit - passed))
            if not chunk:
                break
            sink.sendall(chunk)
            passed += len(chunk)


@contextlib.contextmanager
def first_bytes_only(url: str, first_bytes: int) -> Iterator[str]:
    """`url` (http://127.0.0.1:<port>/...) through a proxy that answers each request with the
    host's first `first_bytes` bytes and never the rest; yields the same URL through the proxy."""
    parts = urlsplit(url)
    upstream = (parts.hostname, parts.port)
    listener = socket.create_server(("127.0.0.1", 0))
    sockets: list[socket.socket] = []

    def serve() -> None:
        while True:
            try:
                client, _ = listener.accept()
                host = socket.create_connection(upstream)
            except OSError:
                return
            sockets.extend((client, host))
            threading.Thread(target=_pipe, args=(client, host, None), daemon=True).start()
            threading.Thread(target=_pipe, args=(host, client, first_bytes), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield urlunsplit(parts._replace(netloc=f"127.0.0.1:{listener.getsockname()[1]}"))
    finally:
        for s in [listener, *sockets]:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()


def finished(browser: Browser, url: str, width: int, scheme: str = "light") -> tuple[bytes, list[dict]]:
    """The first screen once everything has come, and the boxes of the regions whose content
    may paint a moment later (material.LATER_REGIONS)."""
    context = browser.new_context(viewport={"width": width, "height": HEIGHT}, color_scheme=scheme)
    try:
        tab = context.new_page()
        tab.goto(url, wait_until="networkidle")
        return tab.screenshot(animations="disabled"), tab.evaluate(LATER_BOXES, list(material.LATER_REGIONS))
    finally:
        context.close()


def first_round_trip(browser: Browser, url: str, width: int, first_bytes: int, scheme: str = "light") -> bytes:
    """The first screen from the first `first_bytes` bytes of the page's response alone, while
    its other files have not come."""
    with first_bytes_only(url, first_bytes) as slow:
        context = browser.new_context(viewport={"width": width, "height": HEIGHT}, color_scheme=scheme)
        held: list = []  # every other request: open, unanswered, until the tab closes
        try:
            tab = context.new_page()
            tab.route(lambda address: address != slow, lambda route: held.append(route))
            tab.goto(slow, wait_until="commit")
            # Polled (wait_for_function's predicate is refused by the page's policy, as any eval).
            deadline = time.monotonic() + 3
            while not tab.evaluate(PAINTED):
                if time.monotonic() > deadline:  # nothing painted (no frame to take): the screen stays blank
                    return _blank(width)
                tab.wait_for_timeout(50)
            tab.wait_for_timeout(500)  # the parser has read what came
            return tab.screenshot(animations="disabled")
        finally:
            for route in held:
                with contextlib.suppress(Exception):
                    route.abort()
            context.close()


def _blank(width: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, HEIGHT), (255, 255, 255)).save(out, format="PNG")
    return out.getvalue()


def covered(png: bytes, boxes: list[dict]) -> bytes:
    """`png` with `boxes` painted over: their content may come a moment later, but nothing
    around them may move when it does."""
    from PIL import Image, ImageDraw

    image = Image.open(io.BytesIO(png)).convert("RGB")
    draw = ImageDraw.Draw(image)
    for box in boxes:
        if box["width"] and box["height"]:
            draw.rectangle((box["x"], box["y"], box["right"], box["bottom"]), fill=(255, 0, 255))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def changed_share(before: bytes, after: bytes) -> float:
    """The share of pixels that differ between two screenshots (1.0 if their sizes differ)."""
    from PIL import Image, ImageChops

    a = Image.open(io.BytesIO(before)).convert("RGB")
    b = Image.open(io.BytesIO(after)).convert("RGB")
    if a.size != b.size:
        return 1.0
    diff = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v > TOLERANCE else 0)
    return diff.histogram()[255] / (a.width * a.height)


def complete_after(browser: Browser, url: str, width: int, size: int, step: int = 250) -> int:
    """The fewest bytes of the page's response (headers included; `size` in all) after which its
    first screen is as it is once everything has come, to within `step` bytes."""
    whole, boxes = finished(browser, url, width)
    whole = covered(whole, boxes)

    def complete(n: int) -> bool:
        return changed_share(whole, covered(first_round_trip(browser, url, width, n), boxes)) <= MAX_CHANGED

    low, high = 0, size  # the first screen is not complete after `low` bytes, and is after `high`
    while high - low > step:
        middle = (low + high) // 2
        if complete(middle):
            high = middle
        else:
            low = middle
    return high
