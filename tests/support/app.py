"""The corpus explorer app (app/explorer.ipynb) as a user starts and sees it: `python3 course.py app`, then Chromium.

Shared by ``tests/test_app_start.py``, ``tests/test_app.py`` and ``benchmarks/app.py``:

- :class:`StartedApp` runs ``python3 course.py app --no-browser`` in a clone of the course, with a
  throw-away home folder, collects what it prints and finds the one address it prints;
- :class:`AppPage` opens that address in a Chromium page in which every request to another host
  than 127.0.0.1 is blocked and recorded, and operates the app: its panels, their controls, the
  rows of their tables and "In the article".

The app's own classes (``app-panel-<key>``, ``app-explorer``, ``app-control``, ``app-context``) are
set by app/panels.py on top of whatever layout the explorers have, so the test does not depend on
the explorers' own markup.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from tests.support.browser import CONTROL_ELEMENTS, SECOND
from tests.support.started import StartedCommand

ROOT = Path(__file__).resolve().parent.parent.parent  # the course folder
APP_ADDRESS = re.compile(r"(http://127\.0\.0\.1:(\d+)/voila/render/app/explorer\.ipynb\?token=([A-Za-z0-9_-]+))")
# What a page shows when a cell failed or a widget could not be drawn: none of it may appear.
FAILURE_TEXTS = (
    "Traceback",
    "Error displaying widget",
    "model not found",
    "Click to show javascript error",
    "There was an error when executing cell",
    "Something went wrong",
)
# The notebook's code: never shown by Voilà.
CODE_TEXTS = ("from panels import", "QUERY_STRING", "CourseApp(")


def panel_labels() -> dict[str, str]:
    """The app's panels, by key and by the label of their button, in the order of the page: the app's own list
    (``PANELS`` in app/panels.py, imported as the app's notebook imports it, with app/ on the path)."""
    if str(ROOT / "app") not in sys.path:
        sys.path.insert(0, str(ROOT / "app"))
    from panels import PANELS

    return {spec.key: spec.label for spec in PANELS}


class StartedApp(StartedCommand):
    """`python3 course.py app --no-browser [extra]` in ``folder``, its printed lines collected as they come."""

    def __init__(self, folder: Path, home: Path, extra: list[str] | None = None):
        super().__init__("app", APP_ADDRESS, folder, home, extra)


# JavaScript run in the page ----------------------------------------------------------------------------------------

# What a panel shows, apart from its controls: the text of its explorer's HTML parts and charts.
VIEW_TEXT_JS = """
(panel) => {
  const explorer = panel.querySelector('.app-explorer');
  if (!explorer) return '';
  const controls = new Set(explorer.querySelectorAll('.app-control'));
  const parts = [...explorer.querySelectorAll('.widget-html, .js-plotly-plot')]
    .filter(node => ![...controls].some(control => control.contains(node)));
  return parts.map(node => node.textContent).join('\\n');
}
"""

# True once the panel's explorer is shown and its chart, if it shows one, is drawn.
PANEL_READY_JS = """
(key) => {
  const panel = document.querySelector('.app-main .app-panel-' + key);
  if (!panel || !panel.querySelector('.app-toolbar')) return false;
  const explorer = panel.querySelector('.app-explorer');
  if (!explorer) return false;
  const plots = [...explorer.querySelectorAll('.js-plotly-plot, .app-chart-waiting')];  // drawn, or to be drawn
  const shown = plots.filter(plot => plot.offsetParent !== null);
  return shown.every(plot => plot.querySelector('svg.main-svg'));
}
"""

# Every chart's first drawing, as plotly's widget announces it ("plotlywidget-after-render"): the panel, the width
# it was drawn at and the width of its box (plotly draws a chart that has no box yet at 700 px).
FIRST_DRAWS_JS = """
window.__chartDraws = [];
document.addEventListener('plotlywidget-after-render', (event) => {
  const plot = event.detail.element;
  const svg = plot.querySelector('.main-svg');
  const panel = (plot.closest('.app-panel') || {className: ''}).className.match(/app-panel-(\\w+)/);
  window.__chartDraws.push({
    panel: panel ? panel[1] : '',
    drawn: Math.round(svg ? svg.getBoundingClientRect().width : 0),
    box: Math.round(plot.getBoundingClientRect().width),
  });
});
"""

# The icon of a download button: the class, the character its ::before draws, and whether its font is loaded.
ICON_JS = """
() => {
  const icon = document.querySelector('.app-download i.fa');
  if (!icon) return null;
  const style = getComputedStyle(icon, '::before');
  const family = style.fontFamily.split(',')[0].replace(/["']/g, '').trim();
  const loaded = [...document.fonts].some(font => font.family.replace(/["']/g, '') === family
    && font.status === 'loaded');
  return {content: style.content, family, loaded, label: icon.parentElement.textContent.trim()};
}
"""


class AppPage:
    """The app open in one Chromium page, with every request outside 127.0.0.1 blocked and recorded."""

    def __init__(self, browser, address: str, viewport=(1366, 900)):
        self.context = browser.new_context(
            viewport={"width": viewport[0], "height": viewport[1]}, accept_downloads=True
        )
        self.outside: list[str] = []
        self.page_errors: list[str] = []
        self.console_errors: list[str] = []
        self.context.route(re.compile(r"^(?!http://127\.0\.0\.1[:/]).*"), self._block)
        self.context.add_init_script("window.__appViewText = " + VIEW_TEXT_JS.strip() + ";")
        self.context.add_init_script(FIRST_DRAWS_JS)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        self.page.on(
            "console",
            lambda message: self.console_errors.append(message.text) if message.type == "error" else None,
        )
        self.address = address
        self.open_seconds = 0.0

    def _block(self, route) -> None:
        url = route.request.url
        if url.startswith(("data:", "blob:", "about:")):
            route.continue_()
            return
        self.outside.append(url)
        route.abort()

    def open(self, query: str = "", timeout: float = 120) -> float:
        """Open the app (``query`` is added to the address) and wait until the overview is drawn."""
        started = time.perf_counter()
        self.page.goto(self.address + (f"&{query}" if query else ""), timeout=timeout * SECOND)
        self.wait_for_panel("overview", timeout)
        self.open_seconds = time.perf_counter() - started
        return self.open_seconds

    def text(self) -> str:
        return self.page.locator("body").inner_text()

    def status(self) -> str:
        return self.page.locator(".app-status").inner_text()

    # --- panels

    def panel(self, key: str):
        return self.page.locator(f".app-main .app-panel-{key}")

    def wait_for_panel(self, key: str, timeout: float = 120) -> None:
        self.page.wait_for_function(PANEL_READY_JS, arg=key, timeout=timeout * SECOND, polling=100)

    def show_panel(self, key: str, label: str, timeout: float = 120) -> float:
        """Click the panel's button and wait until it is shown; returns the seconds that took."""
        started = time.perf_counter()
        self.page.locator(".app-nav button", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")).click()
        self.wait_for_panel(key, timeout)
        return time.perf_counter() - started

    def chart_draws(self) -> list[dict]:
        """Every chart's first drawing so far: its panel, the width it was drawn at and its box's width."""
        return self.page.evaluate("() => window.__chartDraws || []")

    def view_text(self, key: str) -> str:
        return self.panel(key).evaluate(VIEW_TEXT_JS)

    def control(self, key: str, label: str, kind: str):
        """The element a user operates of the panel's control whose label is ``label``."""
        controls = (
            self.panel(key)
            .locator(".app-control")
            .filter(
                has=self.page.locator(
                    ".widget-label, .widget-label-basic", has_text=re.compile(rf"^\s*{re.escape(label)}")
                )
            )
        )
        return controls.first.locator(CONTROL_ELEMENTS[kind]).first

    def operate(self, key: str, label: str, kind: str, value=None, expect: str = "", timeout: float = 30) -> dict:
        """Operate a control, wait until the panel's view has changed (and matches ``expect``); time it.

        ``kind``: "dropdown" (choose ``value``, or the next option), "text" (type ``value`` and Enter),
        "slider" (focus its first handle and press ``value``, e.g. "ArrowRight", or "ArrowRight*5" for five
        presses) or "checkbox" (click).
        """
        control = self.control(key, label, kind)
        control.wait_for(state="attached", timeout=10 * SECOND)
        before = self.view_text(key)
        if kind == "dropdown" and value is None:
            options = control.evaluate("select => [...select.options].map(option => option.value)")
            value = options[(options.index(control.input_value()) + 1) % len(options)]
        started = time.perf_counter()
        if kind == "dropdown":
            control.select_option(value)
        elif kind == "text":
            control.fill(value)
            control.press("Enter")
        elif kind == "checkbox":
            control.click()
        else:  # a key, pressed once, or "Key*n": n times
            key_name, _, times = value.partition("*")
            control.focus()
            for _ in range(int(times or 1)):
                self.page.keyboard.press(key_name)
        try:
            self.page.wait_for_function(
                """([panel, before, expect]) => {
                  const text = window.__appViewText(panel);
                  return text !== before && (!expect || new RegExp(expect).test(text));
                }""",
                arg=[self.panel(key).element_handle(), before, expect],
                polling="raf",
                timeout=timeout * SECOND,
            )
        except Exception as error:  # Playwright's TimeoutError: say what was shown instead
            now = self.view_text(key)
            raise AssertionError(
                f"{key}: {label} ({kind}, {value}) "
                + ("changed nothing" if now == before else f"did not show /{expect}/")
                + f"; the panel shows:\n{now[:1500]}"
            ) from error
        ms = (time.perf_counter() - started) * 1000
        # a view that takes long first says that it is being made (helpers.explorers.base: SLOW_VIEW_SECONDS): the
        # change is answered then, and the view shown once the note has gone
        shown_ms = ms
        if "Making this view" in self.view_text(key):
            self.page.wait_for_function(
                "(panel) => !/Making this view/.test(window.__appViewText(panel))",
                arg=self.panel(key).element_handle(),
                polling="raf",
                timeout=600 * SECOND,
            )
            shown_ms = (time.perf_counter() - started) * 1000
        return {
            "panel": key,
            "control": label,
            "value": str(value),
            "ms": round(ms, 1),
            "shown_ms": round(shown_ms, 1),
            "view": self.settled(key),
        }

    def settled(self, key: str, quiet: float = 0.3, timeout: float = 10) -> str:
        """The panel's view once it has stopped changing for ``quiet`` seconds: an explorer redraws its chart and its
        table in separate steps, and the first change seen may be the chart alone."""
        deadline = time.monotonic() + timeout
        last = self.view_text(key)
        while time.monotonic() < deadline:
            time.sleep(quiet)
            now = self.view_text(key)
            if now == last:
                return now
            last = now
        return last

    # --- rows and "In the article"

    def choosable_rows(self, key: str):
        """The rows a user can see and choose: a chart's numbers folded under it (a closed <details>) are left out."""
        return self.panel(key).locator("table.app-choosable tbody tr:visible")

    def context_text(self) -> str:
        return self.page.locator(".app-context").inner_text()

    def choose_row(
        self, key: str, nth: int = 0, expect: str = "", keyboard: bool = False, timeout: float = 60
    ) -> float:
        """Choose a row of the panel's table (a click, or Tab-reached focus and Enter); wait for "In the article"."""
        rows = self.choosable_rows(key)
        rows.nth(nth).wait_for(timeout=30 * SECOND)
        before = self.context_text()
        started = time.perf_counter()
        if keyboard:
            rows.nth(nth).focus()
            self.page.keyboard.press("Enter")
        else:
            rows.nth(nth).click()
        try:
            self.page.wait_for_function(
                """([before, expect]) => {
                  const text = document.querySelector('.app-context').innerText;
                  return text !== before && !/^Finding /m.test(text) && (!expect || new RegExp(expect).test(text));
                }""",
                arg=[before, expect],
                polling=100,
                timeout=timeout * SECOND,
            )
        except Exception as error:  # Playwright's TimeoutError: say what was shown instead
            raise AssertionError(
                f"choosing row {nth} of {key} did not show /{expect}/ in the article; it shows:\n"
                f"{self.context_text()[:1500]}\n(row: {rows.nth(nth).inner_text()[:200]})"
            ) from error
        return time.perf_counter() - started

    # --- pictures

    def screenshot(self, path: Path, limit: int = 12000) -> Path:
        """A picture of the whole app, the page made as tall as the app so that nothing is scrolled away."""
        path.parent.mkdir(parents=True, exist_ok=True)
        height = self.page.evaluate("() => document.querySelector('.course-app').scrollHeight")
        size = self.page.viewport_size
        self.page.set_viewport_size({"width": size["width"], "height": min(max(size["height"], height + 80), limit)})
        try:
            self.page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
            self.page.screenshot(path=str(path), full_page=True)
        finally:
            self.page.set_viewport_size(size)
        return path

    def close(self) -> None:
        self.context.close()
