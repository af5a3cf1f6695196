"""How quickly the lessons respond in a real browser: JupyterLab in headless Chromium, driven by Playwright.

For each notebook in notebooks/ and solutions/ (or the ones named on the
command line) it prints:

- open → idle: from opening the notebook's address to an idle kernel;
- run all: from Run → Run All Cells to the last cell numbered and the kernel idle again;
- widget responses: every explorer control operated in turn (each dropdown set
  to each of its other options, each checkbox clicked, each slider moved one
  step right and back; text boxes are left alone), and the time from the change
  to the updated view: median and maximum, as seen from Playwright (polling
  each frame) and inside the page (from the browser's change event to the DOM
  update).

It needs what tests/test_browser.py needs (Chromium and Python Playwright),
installs them the same way, and uses the same throw-away copy of the course,
so the notebooks themselves are never touched.

    .venv/bin/python -m benchmarks.browser [--repeat N] [notebooks/02-word-frequency.ipynb ...]

Run from the course folder.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from tests.support.browser import (  # noqa: E402
    ControlAction,
    JupyterLab,
    Missing,
    NotebookPage,
    course_notebooks,
    ensure_chromium,
    ensure_playwright,
    launch_browser,
)

RESPONSE_TIMEOUT = 5  # seconds; a control whose view does not change by then is counted as "no change"


def control_actions(page: NotebookPage, explorer: dict) -> list[ControlAction]:
    """Every change to make to one explorer's controls, leaving each control as it was found."""
    title = explorer["title"]
    actions = []
    for control in explorer["controls"]:
        label, kind = control["label"], control["kind"]
        if kind == "dropdown":
            select = page.control(page.explorer(title), label, "dropdown")
            options = select.evaluate("select => [...select.options].map(option => option.value)")
            current = select.input_value()
            others = [option for option in options if option != current]
            actions += [ControlAction(title, label, "dropdown", option) for option in [*others, current] if others]
        elif kind == "checkbox":
            actions += [ControlAction(title, label, "checkbox")] * 2
        elif kind == "slider":
            actions += [
                ControlAction(title, label, "slider", "ArrowRight"),
                ControlAction(title, label, "slider", "ArrowLeft"),
            ]
    return actions


def measure(lab: JupyterLab, context, path: str) -> dict:
    page = NotebookPage(lab, context, path)
    try:
        opened = page.open()
        ran = page.run_all()
        page.wait_for_charts()
        state = page.state()
        responses, unchanged = [], 0
        for explorer in state["explorers"]:
            for action in control_actions(page, explorer):
                try:
                    responses.append(page.operate(action, timeout=RESPONSE_TIMEOUT))
                except Exception:  # noqa: BLE001 - Playwright's TimeoutError: this change left the view as it was
                    unchanged += 1
        return {"open": opened, "run": ran, "responses": responses, "unchanged": unchanged, "errors": page.page_errors}
    finally:
        page.close()


def summary(values: list[float]) -> str:
    if not values:
        return f"{'-':>8} {'-':>8}"
    return f"{statistics.median(values):5.0f} ms {max(values):5.0f} ms"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("notebooks", nargs="*", help="paths relative to the course root (default: every notebook)")
    parser.add_argument("--repeat", type=int, default=1, help="measure each notebook this many times")
    args = parser.parse_args(argv)
    paths = args.notebooks or [p.relative_to(ROOT).as_posix() for p in course_notebooks()]
    try:
        ensure_playwright()
        chromium = ensure_chromium()
    except Missing as missing:
        print(f"cannot run the browser benchmark: {missing}", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    with JupyterLab() as lab, sync_playwright() as playwright:
        browser = launch_browser(playwright, chromium)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        print(f"JupyterLab ready in {lab.ready_seconds:.1f} s; Chromium {browser.version}; headless, 1280×900")
        print("widget response = from operating a control to the updated view: Playwright (per frame) | in page")
        print()
        header = f"{'notebook':<40} {'open→idle':>9} {'run all':>8} {'changes':>8}  {'median':>8} {'max':>8}"
        print(f"{header}  | {'median':>8} {'max':>8}")
        every_wall, every_page = [], []
        for path in paths:
            for _ in range(args.repeat):
                result = measure(lab, context, path)
                wall = [r.ms for r in result["responses"]]
                in_page = [r.in_page_ms for r in result["responses"] if r.in_page_ms is not None]
                every_wall += wall
                every_page += in_page
                changes = f"{len(wall)}" + (f"+{result['unchanged']}" if result["unchanged"] else "")
                print(
                    f"{path:<40} {result['open']:7.1f} s {result['run']:6.1f} s {changes:>8}  "
                    f"{summary(wall)}  | {summary(in_page)}"
                    + (f"  page errors: {len(result['errors'])}" if result["errors"] else ""),
                    flush=True,
                )
        total = f"{'all notebooks':<40} {'':>9} {'':>8} {len(every_wall):>8}"
        print(f"{total}  {summary(every_wall)}  | {summary(every_page)}")
        print("\nchanges: controls operated whose view updated (+N: changes that left the view as it was)")
        context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
