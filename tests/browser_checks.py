"""Checks a person would notice, run in a real browser; each returns what it found wrong.

The same functions check the real site (expecting nothing) and tests/fixtures/broken
(expecting something), so every check is shown to be able to fail.
"""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python

AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# Nothing is stored in the reader's browser; the privacy text on the site says so.
ALLOWED_STORAGE_KEYS: set[str] = set()


def axe_violations(tab) -> list[str]:
    """axe-core's WCAG 2.2 A/AA violations on the page as it is now."""
    if not tab.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated by the test driver, not added as a <script>: the site's policy refuses inline scripts.
        tab.evaluate(AXE_SOURCE)
    result = tab.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_22_AA,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(str(n['target']) for n in v['nodes'][:3])}"
        for v in result["violations"]
    ]


def foreign_requests(requested: list[str], own_origin: str) -> list[str]:
    """Requests to any host but the site's own (data: and blob: URLs stay in the page)."""
    return [u for u in requested if not u.startswith((own_origin, "data:", "blob:", "about:"))]


def stored_traces(tab, context) -> list[str]:
    """Cookies, and storage keys the privacy page does not list."""
    found = [f"cookie {c['name']}" for c in context.cookies()]
    keys = tab.evaluate("() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)]")
    found += [f"storage key {k}" for k in keys if k not in ALLOWED_STORAGE_KEYS]
    return found


def horizontal_overflow(tab) -> list[str]:
    """Content wider than the viewport (WCAG 1.4.10 reflow)."""
    width, scroll = tab.evaluate("() => [window.innerWidth, document.documentElement.scrollWidth]")
    return [f"page is {scroll}px wide in a {width}px window"] if scroll > width + 1 else []


FOCUS_STYLE = """el => {
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const shadow = s.boxShadow && s.boxShadow !== 'none';
  return outline || shadow;
}"""


def invisible_focus(tab, max_tabs: int = 60) -> list[str]:
    """Elements that take keyboard focus without showing it (WCAG 2.4.7)."""
    tab.evaluate("() => document.activeElement && document.activeElement.blur()")
    found, seen = [], set()
    for _ in range(max_tabs):
        tab.keyboard.press("Tab")
        handle = tab.evaluate_handle("() => document.activeElement")
        key = tab.evaluate("el => el === document.body ? null : el.outerHTML.slice(0, 120)", handle)
        if key is None or key in seen:
            break
        seen.add(key)
        if not tab.evaluate(FOCUS_STYLE, handle):
            found.append(key)
    return found


def motion_while_reduced(tab) -> list[str]:
    """Transitions or animations longer than a blink although the reader asked for reduced motion."""
    return tab.evaluate(
        """() => [...document.querySelectorAll('*')].filter(el => {
            const s = getComputedStyle(el);
            const ms = x => parseFloat(x) * (x.trim().endsWith('ms') ? 1 : 1000);
            const longest = v => Math.max(...v.split(',').map(ms));
            const animated = s.animationName !== 'none' && longest(s.animationDuration) > 50;
            return longest(s.transitionDuration) > 50 || animated;
        }).map(el => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : ''))"""
    )
