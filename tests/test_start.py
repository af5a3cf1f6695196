"""`python3 course.py start`, run as a user runs it: from a fresh clone, in a subprocess, reading the address it prints.

The clone borrows this checkout's `.venv` (set-up itself is checked from a truly fresh clone by
`tools/fresh_clone_check.py`, which `.ci/run` runs first), and gets a throw-away home folder, so nothing
is written to the user's own JupyterLab settings. Through the printed address the test opens lesson 00,
an exercise, a solution and the README, and then lesson 00 in Chromium, as a learner would.
"""

import os
import re
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from tests.support.browser import Missing, ensure_chromium, ensure_playwright, launch_browser
from tests.support.started import StartedCommand, clone_course

ROOT = Path(__file__).resolve().parent.parent
ADDRESS = re.compile(r"(http://127\.0\.0\.1:(\d+)/lab/tree/notebooks/00-start-here\.ipynb\?token=(\S+))")


class StartedCourse(StartedCommand):
    """`python3 course.py start --no-browser` in a clone, its printed lines collected as they come."""

    def __init__(self, clone: Path, home: Path):
        super().__init__("start", ADDRESS, clone, home)


def get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=30) as answer:
        return answer.status, answer.read().decode("utf-8", errors="replace")


@pytest.fixture(scope="module")
def started():
    with tempfile.TemporaryDirectory(prefix="course-start-") as folder:
        home = Path(folder) / "home"
        home.mkdir()
        course = StartedCourse(clone_course(Path(folder)), home)
        try:
            course.address()
            yield course
        finally:
            course.stop()


def test_start_prints_one_address_that_opens_lesson_00(started):
    printed = [line for line in started.lines if ADDRESS.search(line)]
    assert len(printed) == 1, printed
    status, page = get(ADDRESS.search(printed[0]).group(1))
    assert status == 200 and "JupyterLab" in page
    # Jupyter's own address (which opens a Launcher) is not shown: its token is the course's, given privately
    assert not any(re.search(r"/lab\?token=[0-9a-f]{8}", line) for line in started.lines)


def test_as_root_start_says_it_adds_allow_root(started):
    if not (hasattr(os, "geteuid") and os.geteuid() == 0):
        pytest.skip("not running as root")
    assert any("starting JupyterLab with --allow-root" in line for line in started.lines)


@pytest.mark.parametrize(
    "path",
    [
        "notebooks/00-start-here.ipynb",
        "exercises/02-word-frequency-exercises.ipynb",
        "solutions/02-word-frequency-solutions.ipynb",
        "README.md",
        "corpus/README.md",
        "docs/instructor-guide.md",
    ],
)
def test_the_server_serves_the_whole_course(started, path):
    match = started.address()
    port, token = match.group(2), match.group(3)
    status, body = get(f"http://127.0.0.1:{port}/api/contents/{path}?content=0&token={token}")
    assert status == 200 and f'"path": "{path}"'.replace(" ", "") in body.replace(" ", "")


def test_lesson_00_opens_in_a_browser_without_a_launcher_or_a_news_question(started):
    try:
        ensure_playwright()
        chromium = ensure_chromium()
    except Missing as missing:
        if os.environ.get("CI"):
            pytest.fail(f"The browser test cannot run in CI: {missing}", pytrace=False)
        pytest.skip(f"browser part skipped: {missing}")
    # Playwright's sync API refuses to run where an asyncio loop is already running (the browser tests leave one in
    # this thread when they run first, as in test_site.py), so the browser part runs in a thread of its own.
    outcome = {}

    def open_lesson_00():
        try:
            _open_lesson_00(started.address().group(1), chromium)
        except BaseException as error:  # re-raised in the test's own thread
            outcome["error"] = error

    worker = threading.Thread(target=open_lesson_00)
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]


def _open_lesson_00(address, chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_browser(playwright, chromium)
        try:
            page = browser.new_page(viewport={"width": 1024, "height": 700})
            page.goto(address)
            heading = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) h1", has_text="00 Start here")
            heading.first.wait_for(timeout=60_000)
            page.locator("#jp-main-statusbar >> text=Idle").wait_for(timeout=60_000)
            assert page.locator(".jp-Launcher").count() == 0
            time.sleep(1.5)  # the news question, when it comes, comes shortly after start-up
            assert page.locator(".Toastify__toast", has_text=re.compile("news", re.I)).count() == 0
            # the course map's link to an exercise opens it in the same JupyterLab
            page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) a", has_text="exercises").first.click()
            page.locator(
                ".jp-NotebookPanel:not(.lm-mod-hidden) h1", has_text="01 Meet the corpus: exercises"
            ).first.wait_for(timeout=60_000)
        finally:
            browser.close()
