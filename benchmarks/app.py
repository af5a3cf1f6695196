"""How quickly the corpus explorer app opens and answers, in Voilà in headless Chromium: figures, not a test.

    .venv/bin/python -m benchmarks.app                    # the course corpus
    .venv/bin/python -m benchmarks.app --articles 10000   # a synthetic corpus of that size, opened by its path

Run from the course folder. It runs ``python3 course.py app`` on this checkout (with a throw-away home
folder), opens the page in Chromium as tests/test_app.py does (nothing may come from outside
127.0.0.1) and prints:

- open: from asking for the page to the overview drawn, and whether the progress bar was seen;
- for each panel, the first time it is opened (the panel is made then) and every control of it
  operated once (each dropdown to its next option, each checkbox clicked, each slider moved a step,
  each search box given a word): the time from the change to the updated view, median and maximum;
- a row chosen in a panel, until "In the article" shows it;
- on a large corpus, how the page answers while a slow panel is being made: the overview's
  controls operated meanwhile.

Targets (issue #16): ready within 10 s and a control change within 300 ms on the course corpus; on
10,000 articles, open within 20 s with a progress bar, and responsive. The synthetic articles come
from the course's generator (tests/support/synthetic.py), labelled SYNTHETIC.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import tempfile
import time
from pathlib import Path

from tests.support import synthetic_corpus
from tests.support.app import AppPage, StartedApp, panel_labels
from tests.support.browser import ensure_chromium, ensure_playwright, launch_browser

ROOT = Path(__file__).resolve().parent.parent

# The panels after the overview (which is timed as the page opens), by key and by the label of their button.
PANELS = {key: label for key, label in panel_labels().items() if key != "overview"}
SEARCH_WORDS = ["regime", "Rajavi", "Islamic Republic"]
NO_CHANGE_AFTER = 15  # seconds: a control whose view has not changed by then is counted as "no change"
# Controls whose view was shown well after the change was answered by a note saying that it is being made.
SHOWN_LATER: list[str] = []

# The kind of each control of a panel, read from its ipywidgets classes.
CONTROLS_JS = """
(key) => [...document.querySelectorAll('.app-main .app-panel-' + key + ' .app-control')].map(control => ({
  label: [...control.querySelectorAll('.widget-label, .widget-label-basic')]
    .map(l => l.textContent.replace(/\\u200b/g, '').trim()).find(Boolean) || '',
  kind: control.matches('.widget-dropdown') ? 'dropdown' : control.matches('.widget-checkbox') ? 'checkbox'
    : control.matches('.widget-text') ? 'text' : control.querySelector('.noUi-handle') ? 'slider' : 'other',
}))
"""


def summary(values: list[float]) -> str:
    if not values:
        return "-"
    return f"median {statistics.median(values):,.0f} ms, max {max(values):,.0f} ms over {len(values)}"


def operate_every_control(app: AppPage, key: str) -> tuple[list[float], list[str]]:
    """Every control of the panel operated once; the times until each was answered (its view changed, or a note
    said that the view is being made), and the labels of the controls that changed nothing. The times until the
    views were shown, where they differ, are added to SHOWN_LATER."""
    times, unchanged = [], []
    for control in app.page.evaluate(CONTROLS_JS, key):
        kind, label = control["kind"], control["label"]
        values = {"dropdown": [None], "checkbox": [None, None], "slider": ["ArrowRight", "ArrowLeft"]}.get(kind)
        if kind == "text":
            values = SEARCH_WORDS
        for value in values or []:
            try:
                answer = app.operate(key, label, kind, value, timeout=NO_CHANGE_AFTER)
                times.append(answer["ms"])
                if answer["shown_ms"] - answer["ms"] > 50:
                    SHOWN_LATER.append(
                        f"{key}: {label or kind} answered in {answer['ms']:,.0f} ms, shown in "
                        f"{answer['shown_ms']:,.0f} ms"
                    )
            except AssertionError:
                unchanged.append(f"{label or kind} ({value})" if value else label or kind)
    return times, unchanged


def run(articles: int, panels=tuple(PANELS)) -> dict:
    results: dict = {"articles": articles or "course corpus"}
    with tempfile.TemporaryDirectory(prefix="course-app-bench-") as folder:
        query = ""
        if articles:
            corpus = Path(folder) / "synthetic"
            started = time.perf_counter()
            synthetic_corpus(articles, folder=corpus)
            print(f"synthetic corpus of {articles:,} articles written in {time.perf_counter() - started:.1f} s")
            query = f"corpus={corpus}"
        home = Path(folder) / "home"
        home.mkdir()
        server = StartedApp(ROOT, home)
        try:
            address = server.address().group(1)
            results["address_printed_s"] = round(server.address_seconds, 1)
            ensure_playwright()
            chromium = ensure_chromium()
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                browser = launch_browser(playwright, chromium)
                app = AppPage(browser, address)
                try:
                    results |= measure(app, query, large=bool(articles), panels=panels)
                finally:
                    app.close()
                    browser.close()
        finally:
            server.stop()
    return results


def measure(app: AppPage, query: str, large: bool, panels) -> dict:
    results: dict = {}
    # Opening: the page is asked for with Playwright's own clock, so that the progress bar can be watched meanwhile.
    seen: list[str] = []
    started = time.perf_counter()
    app.page.goto(app.address + (f"&{query}" if query else ""), timeout=120_000)
    while True:  # the progress bar is read between short waits for the overview
        watch_once(app, seen)
        try:
            app.wait_for_panel("overview", timeout=0.2)
            break
        except Exception:  # noqa: BLE001 - not drawn yet
            if time.perf_counter() - started > 300:
                raise
    results["open_s"] = round(time.perf_counter() - started, 2)
    results["progress_seen"] = seen
    results["overview_controls_ms"], _ = operate_every_control(app, "overview")
    results["panels"] = {}
    slow = "words"
    for key, label in PANELS.items():
        if key not in panels:
            continue
        if large and key == slow:
            results["while_building"] = while_building(app, key, label)
            opened = results["while_building"]["panel_s"]
        else:
            opened = app.show_panel(key, label, timeout=600)
        times, unchanged = operate_every_control(app, key)
        row_s = None
        if app.choosable_rows(key).count():
            row_s = app.choose_row(key, 0, timeout=600)
        results["panels"][key] = {"open_s": round(opened, 2), "controls_ms": times, "unchanged": unchanged}
        results["panels"][key]["row_s"] = None if row_s is None else round(row_s, 2)
        print(
            f"  {label:<22} opened in {opened:6.1f} s; controls: {summary(times)}"
            + (f" (no change: {', '.join(unchanged)})" if unchanged else "")
            + (f"; a row shown in its article in {row_s:.2f} s" if row_s is not None else "")
        )
    results["kernel_timings_s"] = json.loads(app.page.locator(".app-timings").text_content() or "{}")
    return results


def watch_once(app: AppPage, seen: list[str]) -> None:
    try:
        text = app.page.evaluate(
            "() => { const s = document.querySelector('.app-status');"
            " return s && getComputedStyle(s).visibility !== 'hidden' ? s.innerText.trim() : ''; }"
        )
    except Exception:  # noqa: BLE001 - the page is still loading
        return
    text = re.sub(r"\(\d[\d,]* s.*?\)", "(… s)", text)  # the elapsed seconds change every moment: keep one of each
    if text and (not seen or seen[-1] != text):
        seen.append(text)


def while_building(app: AppPage, key: str, label: str) -> dict:
    """Open a slow panel, and while it is made, operate the overview and choose one of its rows."""
    started = time.perf_counter()
    app.page.locator(".app-nav button", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")).click()
    app.page.wait_for_function("() => /Making/.test(document.querySelector('.app-status').innerText)", timeout=60_000)
    app.show_panel("overview", "Overview")
    during, unchanged = operate_every_control(app, "overview")
    row_s = app.choose_row("overview", 0, timeout=120)
    still_building = "Making" in app.status()
    app.show_panel(key, label, timeout=900)
    panel_s = time.perf_counter() - started
    print(
        f"  while {label} was made ({panel_s:.0f} s): overview controls {summary(during)}; a row shown in its "
        f"article in {row_s:.2f} s; still being made after that: {still_building}"
    )
    return {"panel_s": round(panel_s, 1), "controls_ms": during, "row_s": round(row_s, 2), "still": still_building}


def load() -> str:
    """The machine's load average (1 and 5 minutes) and its cores: the figures mean little on a busy machine."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


def main() -> None:
    parser = argparse.ArgumentParser(description="Time the corpus explorer app in Voila and Chromium.")
    parser.add_argument("--articles", type=int, default=0, help="a synthetic corpus of this many articles")
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    parser.add_argument(
        "--panels",
        default=",".join(PANELS),
        help="the panels to open after the overview, by key, separated by commas ('' for none: the opening only)",
    )
    args = parser.parse_args()
    before = load()
    results = run(args.articles, [key for key in args.panels.split(",") if key])
    results["load"] = {"before": before, "after": load()}
    controls = [ms for panel in results["panels"].values() for ms in panel["controls_ms"]]
    controls += results["overview_controls_ms"]
    print(f"corpus: {results['articles']}; {results['load']['before']} before, {results['load']['after']} after")
    print(f"course.py app printed its address after {results['address_printed_s']} s")
    print(f"open (page asked for -> overview drawn): {results['open_s']} s")
    print(f"progress bar showed: {results['progress_seen']}")
    print(f"every control change: {summary(controls)}")
    results["shown_later"] = SHOWN_LATER
    print("views shown after a note saying they were being made: " + ("; ".join(SHOWN_LATER) or "none"))
    opens = {k: v["open_s"] for k, v in results["panels"].items()}
    print(f"first opening of each panel (s): {opens}")
    rows = {k: v["row_s"] for k, v in results["panels"].items() if v["row_s"] is not None}
    print(f"a row shown in its article (s): {rows}")
    print(f"in the kernel (s): {results['kernel_timings_s']}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
