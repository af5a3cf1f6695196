"""The course website builds, shows every lesson with its interactive charts, and works offline.

The site is built once for these tests with ``tools/build_site.py`` into a temporary folder (about
a minute: every lesson is executed), with Sphinx warnings treated as errors. The tests then read
the built pages: every lesson in notebooks/ has one, each lesson page holds one plotly chart for
each chart its notebook draws and a note for each explorer, every page has a Binder launch link
built from site/_config.yml, and no page loads anything from another site. Last, headless
Chromium opens a lesson page with every request to the internet blocked and checks that the
charts are drawn. That part is skipped when Chromium or Playwright is missing.

Needs Jupyter Book (pinned in environment.yml): without it the tests are skipped, or fail when
the environment variable CI is set.
"""

import ast
import importlib.util
import inspect
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml

import helpers.plots

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
CONFIG = yaml.safe_load((ROOT / "site" / "_config.yml").read_text(encoding="utf-8"))
# The site is built as if the course had this public address, so that its Binder links are checked even while
# the course has none (then the site has no Binder buttons: see test_without_an_address_...).
ADDRESS = "course-test/reading-the-frame"
# Functions of helpers.plots that return a figure; every other chart function's name starts with plot_.
CHART_FUNCTIONS = {
    name
    for name, function in inspect.getmembers(helpers.plots, inspect.isfunction)
    if function.__module__ == "helpers.plots" and "Figure" in str(inspect.signature(function).return_annotation)
}
# Anything that would be fetched from a CDN or another site when a page opens.
REMOTE_LOAD = re.compile(r"""<(?:script|img|iframe|audio|video|source|embed)\b[^>]*\bsrc=["'](?:https?:)?//""", re.I)
REMOTE_LINK = re.compile(r"""<link\b[^>]*\bhref=["'](?:https?:)?//""", re.I)
CDN_NAMES = re.compile(r"cdn\.|cdnjs|unpkg\.com|jsdelivr|mathjax|require(?:\.min)?\.js|googleapis|thebe", re.I)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The built site: the folder holding html/ and jupyter_execute/."""
    if importlib.util.find_spec("jupyter_book") is None:
        message = "Jupyter Book is not installed: add the site's pins to environment.yml and run course.py setup"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    output = tmp_path_factory.mktemp("site")
    started = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools" / "build_site.py"),
            "--output",
            str(output),
            "--strict",
            "--address",
            ADDRESS,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    log = (result.stdout + result.stderr)[-6000:]
    assert result.returncode == 0, f"the site did not build:\n{log}"
    print(f"site built in {time.perf_counter() - started:.0f} s")
    return output / "_build"


def page_of(site, lesson: Path) -> Path:
    return site / "html" / "notebooks" / lesson.with_suffix(".html").name


def content_pages(site):
    """Every page made from the book's files (not Sphinx's index, search and redirect pages)."""
    html = site / "html"
    skip = {"genindex.html", "search.html", "index.html"}
    return [p for p in sorted(html.rglob("*.html")) if "_static" not in p.parts and p.name not in skip]


def last_call_names(notebook: Path):
    """For each code cell whose last line shows the value of a call, the called function's name."""
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code":
            continue
        body = ast.parse("".join(cell["source"])).body
        if body and isinstance(body[-1], ast.Expr) and isinstance(body[-1].value, ast.Call):
            function = body[-1].value.func
            yield function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")


def charts_drawn_by(notebook: Path) -> int:
    """How many cells end with a call to a chart function (plot_..., a figure maker of helpers.plots, or Chart, which
    shows a figure with its table)."""
    return sum(
        name.startswith("plot_") or name in CHART_FUNCTIONS or name == "Chart" for name in last_call_names(notebook)
    )


def explorers_shown_by(notebook: Path) -> int:
    return sum(name.startswith("explore_") for name in last_call_names(notebook))


def plotly_outputs(executed: Path) -> int:
    cells = json.loads(executed.read_text(encoding="utf-8"))["cells"]
    return sum(
        "application/vnd.plotly.v1+json" in output.get("data", {})
        for cell in cells
        if cell["cell_type"] == "code"
        for output in cell["outputs"]
    )


def binder_url(path: str) -> str:
    """The launch link the site should give a file of the repository, for the address the test builds with."""
    return f"https://mybinder.org/v2/gh/{ADDRESS}/HEAD?urlpath=lab/tree/{path}"


def test_the_lessons_charts_are_counted_from_the_notebooks():
    assert CHART_FUNCTIONS == {"bar_chart", "heatmap"}
    assert charts_drawn_by(ROOT / "notebooks" / "02-word-frequency.ipynb") == 4
    # lesson 07 saves a chart with export_chart(plot_naming_choices(...)) without showing it
    assert charts_drawn_by(ROOT / "notebooks" / "07-your-own-corpus.ipynb") == 2


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_every_lesson_has_a_page(site, lesson):
    page = page_of(site, lesson)
    assert page.exists(), f"no page for {lesson.name}: add it to site/_toc.yml"
    title = json.loads(lesson.read_text(encoding="utf-8"))["cells"][0]["source"][0].lstrip("# ").strip()
    assert f"<title>{title}" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_each_lesson_page_holds_its_interactive_charts(site, lesson):
    text = page_of(site, lesson).read_text(encoding="utf-8")
    expected = charts_drawn_by(lesson)
    assert plotly_outputs(site / "jupyter_execute" / "notebooks" / lesson.name) == expected
    chart_ids = re.findall(r'<div id="([^"]+)" class="plotly-graph-div"', text)
    assert len(chart_ids) == expected
    for chart_id in chart_ids:  # each chart is drawn by plotly.js from its data, in the page
        assert re.search(r'Plotly\.newPlot\(\s*"' + re.escape(chart_id) + '"', text)
    if lesson.name >= "02":  # lessons 00 and 01 show explorers only
        assert expected >= 1
        assert '<script src="../_static/plotly.min.js' in text
    assert text.count('class="course-explorer-note"') == explorers_shown_by(lesson)
    assert "widget-view+json" not in text and "widget-state+json" not in text
    assert "Traceback" not in text


def test_plotly_js_is_served_by_the_site(site):
    served = site / "html" / "_static" / "plotly.min.js"
    shipped = Path(importlib.util.find_spec("plotly").origin).parent / "package_data" / "plotly.min.js"
    assert served.read_bytes() == shipped.read_bytes()


def test_every_page_has_a_binder_launch_link(site):
    pages = content_pages(site)
    notebooks = len(LESSONS) + len(list((ROOT / "exercises").glob("*.ipynb"))) * 2  # and as many solutions
    assert len(pages) == notebooks + 4  # the home page, the datasheet, the instructor guide, the performance log
    for page in pages:
        relative = page.relative_to(site / "html").with_suffix(".ipynb").as_posix()
        is_notebook = relative.startswith(("notebooks/", "exercises/", "solutions/"))
        target = relative if is_notebook else "notebooks/00-start-here.ipynb"
        text = page.read_text(encoding="utf-8")
        assert f'<a href="{binder_url(target)}"' in text, page.name
        assert 'title="Launch on Binder"' in text, page.name


def test_the_home_page_datasheet_and_guide_are_in_the_site(site):
    html = site / "html"
    assert "Two commands" in (html / "README.html").read_text(encoding="utf-8")
    assert (html / "corpus" / "README.html").exists()
    assert (html / "docs" / "instructor-guide.html").exists()
    assert "benchmarks.scale" in (html / "docs" / "performance-log.html").read_text(encoding="utf-8")


def test_no_page_loads_anything_from_the_internet(site):
    for page in sorted((site / "html").rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        where = page.relative_to(site / "html")
        assert not REMOTE_LOAD.search(text), f"{where} loads {REMOTE_LOAD.search(text).group(0)}"
        assert not REMOTE_LINK.search(text), f"{where} links {REMOTE_LINK.search(text).group(0)}"
        assert not CDN_NAMES.search(text), f"{where} names a CDN: {CDN_NAMES.search(text).group(0)}"
    for stylesheet in (site / "html" / "_static").rglob("*.css"):
        assert not re.search(r"@import\s+url\(\s*['\"]?(?:https?:)?//", stylesheet.read_text(encoding="utf-8"))


def chromium():
    return os.environ.get("BROWSER_TEST_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def test_a_lesson_page_draws_its_charts_in_a_browser_offline(site):
    browser_path = chromium()
    if not browser_path or importlib.util.find_spec("playwright") is None:
        pytest.skip("needs Chromium and Python Playwright")
    # Playwright's sync API refuses to run where an asyncio loop is already running (the browser tests leave
    # one in this thread when they run first), so the check runs in a thread of its own.
    outcome = {}

    def check():
        try:
            outcome["result"] = _draw_lesson_offline(site, browser_path)
        except BaseException as error:  # re-raised in the test's own thread
            outcome["error"] = error

    worker = threading.Thread(target=check)
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    remote, errors = outcome["result"]
    assert remote == []
    assert errors == []


def _draw_lesson_offline(site, browser_path):
    from playwright.sync_api import sync_playwright

    lesson = ROOT / "notebooks" / "02-word-frequency.ipynb"
    expected = charts_drawn_by(lesson)
    remote, errors = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_path, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            page.on("pageerror", lambda error: errors.append(str(error)))

            def block_remote(route):
                if route.request.url.startswith(("file:", "data:", "blob:")):
                    route.continue_()
                else:
                    remote.append(route.request.url)
                    route.abort()

            page.route("**/*", block_remote)
            page.goto(page_of(site, lesson).as_uri())
            page.wait_for_function(
                f"document.querySelectorAll('.js-plotly-plot svg.main-svg').length >= {expected}", timeout=20_000
            )
            assert page.locator(".js-plotly-plot").count() == expected
            bars = page.locator(".js-plotly-plot").first.locator("g.point")
            assert bars.count() >= 10  # the top-15 chart has its bars
            bars.first.scroll_into_view_if_needed()
            box = bars.first.bounding_box()  # plotly's drag layer lies above the bars: move the mouse there
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            page.wait_for_selector(".hoverlayer .hovertext", timeout=5_000)  # interactive: hovering shows numbers
            assert page.locator(".course-explorer-note").first.is_visible()
        finally:
            browser.close()
    return remote, errors


def test_without_an_address_explorer_notes_say_how_to_run_the_lesson_instead_of_binder():
    from tools import build_site

    note = build_site.explorer_note(None)
    assert "python3 course.py start" in note and "Binder" not in note and "href" not in note
    linked = build_site.explorer_note("https://mybinder.org/v2/gh/a/b/HEAD?urlpath=lab/tree/x.ipynb")
    assert 'href="https://mybinder.org/v2/gh/a/b/HEAD?urlpath=lab/tree/x.ipynb"' in linked
