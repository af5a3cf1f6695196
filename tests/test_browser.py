"""Every lesson and solution works in a real browser, as a learner sees it in JupyterLab.

One JupyterLab server (from this environment, over a throw-away copy of the
course) and one headless Chromium serve the whole session. For each notebook
in notebooks/ and solutions/ (found by globbing, so new lessons are covered)
the test opens it in a new page, runs all cells from the Run menu and checks
that every widget and every chart is drawn, that no output holds a traceback
and that the browser reported no error. In each lesson it then operates the
explorer controls listed in LESSON_ACTIONS and checks that the view changes as
it should, timing each update. In lesson 00 it also reaches a dropdown with the
Tab key and changes it with the keyboard alone (ArrowDown, a known problem in
JupyterLab unless the explorer marks its controls, which helpers.widgets does; and End).

Needs Chromium (from apt) and Python Playwright (from PyPI): both are installed
when missing. If that is impossible the tests are skipped, or fail when the
environment variable CI is set. Screenshots and timings go to test-artifacts/.
"""

import json
import os
import platform
import re

import pytest

from tests.support.browser import (
    ARTIFACTS,
    AXE_FAILING,
    HARMLESS_CONSOLE_ERRORS,
    ROOT,
    ControlAction,
    JupyterLab,
    Missing,
    NotebookPage,
    Response,
    axe_script,
    chart_fit_problems,
    course_notebooks,
    ensure_chromium,
    ensure_npm_tools,
    ensure_playwright,
    launch_browser,
    parse_execution_count,
    summarise_axe,
)

TIMINGS_FILE = ARTIFACTS / "browser-timings.json"
AXE_FILE = ARTIFACTS / "browser-axe.json"
# The window a learner has: a laptop's (the notebook runs, is checked and pictured at this size), then a small one,
# where every chart must still fit (the notebook is resized, not run again, and pictured once more).
WIDE = {"width": 1400, "height": 900}
NARROW = {"width": 1024, "height": 700}


def _from_year_went_up_by(steps: int):
    def check(before: str, after: str) -> bool:
        years = [re.search(r"Dates for .*?, (\d{4})\D(\d{4})", text) for text in (before, after)]
        return all(years) and int(years[1].group(1)) == int(years[0].group(1)) + steps

    return check


# What to operate in each lesson, by the prefix of its notebook's name, and what must then be shown. A lesson whose
# notebook does not exist yet is skipped; a lesson not listed gets DEFAULT_ACTIONS. When a lesson changes its
# explorers, update its row: the failure message lists the explorers and controls the lesson now has.
LESSON_ACTIONS = {
    "00-": [
        ControlAction(
            "Read the corpus", "Article", "dropdown", "breitbart-2014", expect="Leaders of Iranian and Syrian"
        ),
        ControlAction("Read the corpus", "Show", "dropdown", "metadata", expect="Metadata of breitbart-2014"),
    ],
    "01-": [
        ControlAction("Read the corpus", "Article", "dropdown", "ncri-2010", expect="Mayors and representatives"),
        ControlAction("Read the corpus", "Show", "dropdown", "raw capture", expect="Wednesday, July 17, 2024"),
    ],
    "02-": [
        ControlAction("Concordance", "Search", "text", "Camp Liberty", expect="Concordance for 'Camp Liberty'"),
        # the grouping whose long outlet names once squeezed the chart: checked again at the narrow size
        ControlAction("Word frequencies", "Articles", "dropdown", "by outlet", expect="Frequency list by outlet"),
    ],
    "03-": [
        ControlAction("Loaded language", "Article", "dropdown", "ncri-2010", expect="Hits in ncri-2010"),
    ],
    "04-": [
        ControlAction("Who is quoted", "Article", "dropdown", "breitbart-2014", expect="Quotations in breitbart-2014"),
    ],
    "05-": [
        ControlAction("", "Article", "dropdown", "ncri-2010", expect="ncri-2010"),
    ],
    "06-": [
        ControlAction("Timeline", "Years", "slider", "ArrowRight", expect="Dates for", check=_from_year_went_up_by(1)),
        # three changes as fast as the keyboard goes: the explorer must end on the last one, not on an earlier view
        ControlAction(
            "Timeline", "Years", "slider", "ArrowRight", expect="Dates for", check=_from_year_went_up_by(3), presses=3
        ),
    ],
    "07-": [
        ControlAction("", "", "dropdown"),
    ],
}
DEFAULT_ACTIONS = [ControlAction("", "", "dropdown")]  # the first dropdown of the first explorer: its next option

# Where the keyboard is tried: reach this dropdown with Tab, then press each key and expect the next value shown.
KEYBOARD_LESSON = "00-"
KEYBOARD_DROPDOWN = ("Read the corpus", "Article")
KEYBOARD_KEYS = {"ArrowDown": "next", "End": "last"}
# And a slider and a text box, reached with Tab and used with the keyboard alone: (lesson, explorer, control,
# kind, keys, what the view must then show). Text is typed; names such as "ArrowRight" are pressed.
KEYBOARD_CONTROLS = [
    ("02-", "Key words", "Top", "slider", ["ArrowRight"], r"top 16 by G"),
    ("02-", "Concordance", "Search", "text", ["Control+a", "Ashraf", "Enter"], r"Concordance for 'Ashraf'"),
]
# JupyterLab 4.6 binds ArrowUp/ArrowDown and letter keys (a, b, m, x, ...) in a notebook's command mode to every
# focused element that is not editable, <select> included, unless the element carries data-lm-suppress-shortcuts;
# ipywidgets 8.1 does not set it. So ArrowDown on an explorer's dropdown moves to the next cell instead.


# Browser console errors that do not affect learners. Each entry: a pattern matched against "message [url]", and why
# it is harmless. Keep this list short; everything else fails the test.
def _notebook_params():
    params = [
        pytest.param(path.relative_to(ROOT).as_posix(), id=path.relative_to(ROOT).as_posix())
        for path in course_notebooks()
    ]
    lessons = {path.name for path in (ROOT / "notebooks").glob("*.ipynb")}
    for prefix in LESSON_ACTIONS:
        if not any(name.startswith(prefix) for name in lessons):
            reason = f"lesson {prefix[:-1]} (notebooks/{prefix}*.ipynb) is not written yet"
            params.append(
                pytest.param(
                    f"notebooks/{prefix}*.ipynb", id=f"notebooks/{prefix}*", marks=pytest.mark.skip(reason=reason)
                )
            )
    return params


def _actions_for(path: str) -> list[ControlAction]:
    folder, name = path.split("/", 1)
    if folder != "notebooks":
        return []
    for prefix, actions in LESSON_ACTIONS.items():
        if name.startswith(prefix):
            return actions
    return DEFAULT_ACTIONS


def _artifact_name(path: str) -> str:
    return "browser-" + path.removesuffix(".ipynb").replace("/", "-")


# --- session fixtures: installed tools, one server, one browser -----------------------------------------------------


@pytest.fixture(scope="session")
def chromium():
    """The Chromium binary, after installing Playwright and Chromium if they are missing."""
    try:
        ensure_playwright()
        return ensure_chromium()
    except Missing as missing:
        if os.environ.get("CI"):
            pytest.fail(f"The browser test cannot run in CI: {missing}", pytrace=False)
        pytest.skip(f"browser test skipped: {missing}")


@pytest.fixture(scope="session")
def timings():
    """Every measured time, written to test-artifacts/browser-timings.json after each notebook.

    Screenshots and timings of an earlier run are removed first, so test-artifacts/ shows this run only.
    """
    record = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "notebooks": {},
    }
    ARTIFACTS.mkdir(exist_ok=True)
    for old in ARTIFACTS.glob("browser-*"):  # screenshots and timings of an earlier run
        old.unlink()
    return record


def _save(timings: dict) -> None:
    TIMINGS_FILE.write_text(json.dumps(timings, indent=2) + "\n", encoding="utf-8")


@pytest.fixture(scope="session")
def lab(chromium, timings):
    server = JupyterLab()
    try:
        server.start()
        timings["server_ready_s"] = round(server.ready_seconds, 2)
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def browser_context(chromium, timings):
    """One headless Chromium and one browser context (its HTTP cache makes later pages load faster).

    Module scope: Playwright's sync API runs an event loop in this thread while it is open, so it must be
    closed before another test module starts a Playwright of its own.
    """
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = launch_browser(playwright, chromium)
        timings["machine"]["chromium"] = browser.version
        context = browser.new_context(viewport=WIDE)
        context.set_default_timeout(30_000)
        yield context
        context.close()
        browser.close()
    finally:
        playwright.stop()


@pytest.fixture(scope="session")
def axe(chromium):
    """axe-core's script, from the npm package pinned in package.json (installed with `npm ci` when missing), and
    the findings of every notebook, written to test-artifacts/browser-axe.json as they come."""
    try:
        script = axe_script(ensure_npm_tools())
    except Missing as missing:
        if os.environ.get("CI"):
            pytest.fail(f"The accessibility check cannot run in CI: {missing}", pytrace=False)
        pytest.skip(f"accessibility check skipped: {missing}")
    return {"script": script, "notebooks": {}}


@pytest.fixture
def notebook(request, lab, browser_context):
    """A notebook of the parameter's path, open in a new page; closed, with its kernel, after the test."""
    page = NotebookPage(lab, browser_context, request.param)
    try:
        yield page
    finally:
        page.close()


# --- the test --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("notebook", _notebook_params(), indirect=True)
def test_notebook_runs_and_its_explorers_respond_in_the_browser(notebook, subtests, timings, axe):
    path = notebook.path
    measured = timings["notebooks"].setdefault(path, {})
    measured["open_to_idle_s"] = round(notebook.open(), 2)
    try:
        measured["run_all_s"] = round(notebook.run_all(), 2)
    except Exception:
        notebook.screenshot(ARTIFACTS / f"{_artifact_name(path)}.png")  # what a learner would see
        raise
    drawn = notebook.wait_for_charts()
    measured["charts_drawn_after_run_s"] = round(notebook.charts_seconds, 2)
    _save(timings)
    state = notebook.state()
    assert state is not None, "JupyterLab shows no notebook"
    notebook.screenshot(ARTIFACTS / f"{_artifact_name(path)}-{WIDE['width']}.png")

    with subtests.test("every cell ran, with no error or traceback in any output"):
        errors = {c["index"]: c["errors"] for c in state["cells"] if c["errors"] or c["traceback"]}
        assert not errors, f"code cells (0-based) with an error or a traceback in their output: {errors}"
        unrun = [c["index"] for c in state["cells"] if parse_execution_count(c["prompt"]) is None]
        assert not unrun, f"code cells (0-based) that did not run: {unrun}"

    with subtests.test("every widget is displayed"):
        _assert_widgets_displayed(state)

    with subtests.test("every chart is drawn"):
        _assert_charts_drawn(state)
        assert drawn, "some charts were still not drawn 30 s after the run"

    with subtests.test("axe finds nothing critical or serious in the course's outputs and Markdown"):
        _check_accessibility(notebook, axe, measured)

    responses, pictures = [], {}
    for action in _actions_for(path):
        with subtests.test(f"control: {action.describe()}"):
            pictures.setdefault(action.explorer, ARTIFACTS / f"{_artifact_name(path)}-explorer-{len(pictures) + 1}.png")
            responses.append(_operate(notebook, action, state))
    if path.startswith(f"notebooks/{KEYBOARD_LESSON}"):
        for key, where in KEYBOARD_KEYS.items():
            with subtests.test(f"keyboard: Tab to {KEYBOARD_DROPDOWN[1]}, then {key}"):
                responses.append(_use_keyboard(notebook, key, where))
    for prefix, title, label, kind, keys, expect in KEYBOARD_CONTROLS:
        if path.startswith(f"notebooks/{prefix}"):
            with subtests.test(f"keyboard: Tab to {label} in '{title}', then {' '.join(keys)}"):
                try:
                    responses.append(notebook.use_keyboard_alone(title, label, kind, keys, expect)[1])
                except Exception as error:  # noqa: BLE001 - Playwright's TimeoutError: the keys changed nothing
                    shown = notebook.view_text(notebook.explorer(title))[:300]
                    pytest.fail(f"{label} in '{title}' with the keyboard alone: {error}. Shown: {shown!r}")
    measured["controls"] = [response.record() for response in responses]
    _save(timings)
    if pictures:
        notebook.screenshot_explorers(pictures)  # each operated explorer, as the last action left it

    with subtests.test(f"at {NARROW['width']}×{NARROW['height']} every chart fits: not too wide, nothing cut off"):
        unsettled = notebook.resize(NARROW["width"], NARROW["height"])
        notebook.screenshot(ARTIFACTS / f"{_artifact_name(path)}-{NARROW['width']}.png")
        charts = notebook.chart_fit()
        measured["charts_at_narrow_width"] = len(charts)
        _save(timings)
        problems = chart_fit_problems(charts)
        # What a learner sees is the page laid out, as chart_fit() measures it: that must fit. Charts in cells
        # JupyterLab has not laid out since the window narrowed (its notebook draws only the cells near the
        # screen) can keep their old width until they are laid out again; they are recorded, not failed.
        measured["charts_too_wide_before_layout"] = len(unsettled)
        _save(timings)
        assert not problems, f"charts that do not fit at {NARROW['width']} px: {problems}"

    with subtests.test(f"at {NARROW['width']}×{NARROW['height']} no table is cut off"):
        wide = notebook.tables_too_wide()
        # a table of many columns may scroll sideways in its own box (recorded); none may be cut
        measured["tables_scrolling_at_narrow_width"] = [t["table"] for t in wide if t["scrolls"]]
        _save(timings)
        cut = [t for t in wide if not t["scrolls"]]
        assert not cut, f"tables cut off at {NARROW['width']} px: {cut}"

    with subtests.test("no error in the browser"):
        state = notebook.state()
        assert not state["pageFailures"], f"after operating the controls the page shows {state['pageFailures']}"
        errors = {c["index"]: c["errors"] for c in state["cells"] if c["errors"] or c["traceback"]}
        assert not errors, f"after operating the controls, code cells with a traceback: {errors}"
        assert not notebook.page_errors, f"errors thrown in the page: {notebook.page_errors}"
        console = [m for m in notebook.console_errors if not any(re.search(p, m) for p in HARMLESS_CONSOLE_ERRORS)]
        assert not console, f"console errors: {console}"


def _check_accessibility(notebook: NotebookPage, axe: dict, measured: dict) -> None:
    violations = notebook.axe(axe["script"])
    counts = summarise_axe(violations)
    measured["axe"] = counts
    # JupyterLab's own interface, outside the course's content: counted for the README's accessibility statement
    interface = notebook.axe(axe["script"], jupyterlab=True)
    measured["axe_jupyterlab"] = summarise_axe(interface)
    axe["notebooks"][notebook.path] = {
        "counts": counts,
        "violations": violations,
        "jupyterlab_counts": measured["axe_jupyterlab"],
        "jupyterlab_rules": sorted({v["id"] for v in interface}),
    }
    AXE_FILE.write_text(json.dumps(axe["notebooks"], indent=2) + "\n", encoding="utf-8")
    failing = [
        f"{v['id']} ({v['impact']}): {v['help']}: {[n['html'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in AXE_FAILING
    ]
    assert not failing, f"axe-core found critical or serious problems: {failing}"


def _assert_widgets_displayed(state: dict) -> None:
    assert not state["pageFailures"], f"the page shows {state['pageFailures']}"
    missing = {
        c["index"]: (c["widgets"], c["renderedWidgets"]) for c in state["cells"] if c["renderedWidgets"] < c["widgets"]
    }
    assert not missing, f"widget outputs not displayed (cell: expected, displayed): {missing}"
    ending_with_explorer = [
        c["index"] for c in state["cells"] if re.search(r"^\s*explore_\w+\(", _last_line(c["source"]))
    ]
    assert len(state["explorers"]) >= len(ending_with_explorer), (
        f"code cells {ending_with_explorer} end with an explorer, but {len(state['explorers'])} explorers are shown"
    )


def _assert_charts_drawn(state: dict) -> None:
    undrawn = [e["title"] for e in state["explorers"] if e["figureShown"] and not e["chartDrawn"]]
    assert not undrawn, f"explorers whose chart is shown but not drawn: {undrawn}"
    outputs = {c["index"]: (c["plotly"], c["drawnPlotly"]) for c in state["cells"] if c["drawnPlotly"] < c["plotly"]}
    assert not outputs, f"plotly outputs not drawn (cell: expected, drawn): {outputs}"
    expected = sum(c["plotly"] for c in state["cells"]) + sum(e["figureShown"] for e in state["explorers"])
    assert state["mainSvgs"] >= expected, f"{expected} charts expected, {state['mainSvgs']} plotly SVGs drawn"


def _last_line(source: str) -> str:
    lines = [line for line in source.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _operate(notebook: NotebookPage, action: ControlAction, state: dict) -> Response:
    if not any(action.explorer in e["title"] for e in state["explorers"]):
        found = "; ".join(
            f"'{e['title']}' ({', '.join(c['label'] + ': ' + c['kind'] for c in e['controls'])})"
            for e in state["explorers"]
        )
        pytest.fail(f"no explorer titled '{action.explorer}'. Explorers: {found or 'none'}. Update LESSON_ACTIONS.")
    try:
        response = notebook.operate(action)
    except Exception as error:  # Playwright's TimeoutError, or a control that is not there
        shown = notebook.view_text(notebook.explorer(action.explorer))[:300]
        pytest.fail(f"{action.describe()}: the view did not show /{action.expect}/ in time ({error}). Shown: {shown!r}")
    if action.check is not None:
        assert action.check(response.before, response.after), (
            f"{action.describe()}: wrong view {response.after[:300]!r}"
        )
    return response


def _use_keyboard(notebook: NotebookPage, key: str, where: str) -> Response:
    title, label = KEYBOARD_DROPDOWN
    control = notebook.control(notebook.explorer(title), label, "dropdown")
    options = control.evaluate("select => [...select.options].map(option => option.value)")
    tabs, before, after, response = notebook.press_in_dropdown_reached_by_tab(title, label, key)
    wanted = options[-1] if where == "last" else options[(options.index(before) + 1) % len(options)]
    assert response is not None, f"after Tab ×{tabs} and {key} the explorer did not change (value still {after!r})"
    assert after == wanted, f"{key} chose {after!r}, expected {wanted!r}"
    return response
