"""Checks a person would notice, run in a real browser; each returns what it found wrong.

The same functions check the real site (expecting nothing) and tests/fixtures/broken
(expecting something), so every check is shown to be able to fail.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

# Installed from npm by scripts/setup.sh --test, at the versions in tests/engines/package-lock.json.
ENGINES = Path(__file__).parent / "engines" / "node_modules"
AXE_SOURCE = (ENGINES / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
IBM_SOURCE = (ENGINES / "accessibility-checker-engine" / "ace.js").read_text(encoding="utf-8")
HTMLCS_SOURCE = (ENGINES / "html_codesniffer" / "build" / "HTMLCS.js").read_text(encoding="utf-8")
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


def ibm_violations(tab) -> list[tuple[str, str, str]]:
    """IBM Equal Access's violations on the page as it is now (its fullest rule set, which holds
    WCAG 2.2 AA and more): (rule, the element's opening tag, message)."""
    if not tab.evaluate("() => typeof window.ace !== 'undefined'"):
        tab.evaluate(IBM_SOURCE)
    return [
        tuple(v)
        for v in tab.evaluate(
            """async () => (await new ace.Checker().check(document, ['IBM_Accessibility'])).results
                .filter(r => r.value[0] === 'VIOLATION' && r.value[1] === 'FAIL')
                .map(r => [r.ruleId, r.snippet, r.message])"""
        )
    ]


def htmlcs_errors(tab) -> list[tuple[str, str, str]]:
    """HTML_CodeSniffer's errors (not its warnings or notices) for WCAG 2 AA on the page as it is
    now: (the technique's code, the element's opening tag, message)."""
    if not tab.evaluate("() => typeof window.HTMLCS !== 'undefined'"):
        tab.evaluate(HTMLCS_SOURCE)
    return [
        tuple(v)
        for v in tab.evaluate(
            """() => new Promise(done => HTMLCS.process('WCAG2AA', document, () => done(
                HTMLCS.getMessages().filter(m => m.type === HTMLCS.ERROR).map(m => [
                    m.code, m.element.outerHTML ? m.element.outerHTML.split('>')[0] + '>' : String(m.element),
                    m.msg]))))"""
        )
    ]


def nu_html_errors(files: list[Path]) -> list[str]:
    """The W3C Nu HTML checker's errors in these files (run with Debian's Java, offline)."""
    vnu = ENGINES / "vnu-jar" / "build" / "dist" / "vnu.jar"
    run = subprocess.run(
        ["java", "-jar", str(vnu), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    return [f"{m['url'].rsplit('/', 2)[-1]}:{m.get('lastLine', '?')}: {m['message']}" for m in messages]


def obscured_focus(tab, max_tabs: int = 400) -> list[str]:
    """Elements that take keyboard focus while off-screen or covered by something else, such as a
    fixed bar or a closed drawer (WCAG 2.4.11 focus not obscured; 2.4.7 focus visible)."""
    tab.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    found, seen = [], set()
    for _ in range(max_tabs):
        tab.keyboard.press("Tab")
        where = tab.evaluate(
            """() => {
              const el = document.activeElement;
              if (!el || el === document.body) return null;
              // A link that wraps has one box per line: the first line's is the one to see.
              const r = [...el.getClientRects()].find(b => b.width && b.height) || el.getBoundingClientRect();
              const key = el.outerHTML.slice(0, 120);
              if (r.width === 0 || r.height === 0) return [key, 'has no size'];
              const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
              const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
              if (r.bottom <= 0 || r.top >= innerHeight || r.right <= 0 || r.left >= innerWidth)
                return [key, 'is off-screen'];
              const top = document.elementFromPoint(x, y);
              if (!top || !(el === top || el.contains(top) || top.contains(el) && top.tagName === 'LABEL'))
                return [key, 'is covered by ' + (top ? top.outerHTML.slice(0, 80) : 'nothing')];
              return [key, ''];
            }"""
        )
        if where is None or where[0] in seen:
            break
        seen.add(where[0])
        if where[1]:
            found.append(f"{where[0]} {where[1]}")
    return found


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
