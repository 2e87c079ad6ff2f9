"""What a page costs a reader on first load: every byte Chromium receives (headers included,
compressed as the host sends it) from opening the address until the network is quiet."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from playwright.sync_api import BrowserContext, Page


@dataclass
class Load:
    url: str
    requests: dict[str, int] = field(default_factory=dict)  # URL -> bytes, as received

    @property
    def transferred(self) -> int:
        return sum(self.requests.values())

    def largest(self, n: int = 3) -> list[tuple[str, int]]:
        return sorted(self.requests.items(), key=lambda item: -item[1])[:n]


def first_load(
    context: BrowserContext,
    url: str,
    quiet: bool = True,
    watch: Callable[[Page], object] | None = None,
    cache: bool = False,
) -> Load:
    """Open `url` in a fresh tab of `context` (a Playwright browser context with an empty cache).
    cache: use what the context's earlier tabs left in the browser's cache (a later page of a visit).

    quiet: wait for the network to stay quiet for half a second (what the benchmark reports);
    otherwise for the load event and a moment after it (enough for the budget tests, whose goto
    also waits for the site's script, asked for after the first paint: tests/conftest.py).
    watch: called with the tab before it opens the page (the tests listen for errors there too).
    """
    tab = context.new_page()
    if watch:
        watch(tab)
    cdp = context.new_cdp_session(tab)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": not cache})
    urls: dict[str, str] = {}
    sizes: dict[str, int] = {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])))
    try:
        tab.goto(url, wait_until="networkidle" if quiet else "load")
        if not quiet:
            tab.wait_for_timeout(50)
        load = Load(url)
        for request, size in sizes.items():
            address = urls.get(request, "?")
            load.requests[address] = load.requests.get(address, 0) + size
        return load
    finally:
        cdp.detach()
        tab.close()
