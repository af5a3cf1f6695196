"""`python3 course.py app`, run as a user runs it: from a fresh clone, in a subprocess, reading the address it prints.

As tests/test_start.py does for JupyterLab: the clone borrows this checkout's `.venv` and gets a throw-away home
folder. The address it prints must open the app (the page Binder opens with urlpath=voila/render/app/explorer.ipynb),
and the server's root is the whole course. What the app shows in a browser is tested by tests/test_app.py.
"""

import os
import re
import tempfile
import urllib.request
from pathlib import Path

import pytest

from tests.support.app import APP_ADDRESS, StartedApp
from tests.support.started import clone_course


@pytest.fixture(scope="module")
def started():
    with tempfile.TemporaryDirectory(prefix="course-app-start-") as folder:
        home = Path(folder) / "home"
        home.mkdir()
        app = StartedApp(clone_course(Path(folder)), home, extra=["--ServerApp.shutdown_no_activity_timeout=3600"])
        try:
            app.address()
            yield app
        finally:
            app.stop()


def get(url: str, timeout: float = 120) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=timeout) as answer:
        return answer.status, answer.read().decode("utf-8", errors="replace")


def test_app_prints_one_address_that_opens_the_app_in_voila(started):
    printed = [line for line in started.lines if APP_ADDRESS.search(line)]
    assert len(printed) == 1, printed
    status, page = get(APP_ADDRESS.search(printed[0]).group(1))
    # Voila runs the notebook for this request and sends the page: the app's title, its widgets, never its code
    assert status == 200 and "<title>Reading the frame: corpus explorer</title>" in page
    assert "application/vnd.jupyter.widget-view+json" in page
    assert "from panels import" not in page and "Traceback" not in page
    # Jupyter Server's own line (with its token hidden) is not the address shown to the user
    assert not any(re.search(r"/voila/render/app/explorer\.ipynb\?token=[0-9a-f]{8}", line) for line in started.lines)


def test_the_page_asks_no_other_site_for_anything(started):
    _, page = get(started.address().group(1))
    outside = re.findall(r"""(?:src|href)=["'](https?://(?!127\.0\.0\.1)[^"']+)""", page)
    assert not outside, outside


def test_as_root_app_says_it_adds_allow_root(started):
    if not (hasattr(os, "geteuid") and os.geteuid() == 0):
        pytest.skip("not running as root")
    assert any("starting the app's server (Jupyter Server) with --allow-root" in line for line in started.lines)


def test_options_after_app_go_to_the_server_and_the_token_stays_off_its_command_line(started):
    import psutil  # a Jupyter Server dependency, pinned in environment.yml

    servers = [
        child.cmdline()
        for child in psutil.Process(started.process.pid).children(recursive=True)
        if any(part == "server" or part.endswith("jupyter-server") for part in child.cmdline())
    ]
    assert len(servers) == 1, servers
    command = servers[0]
    assert command[-1] == "--ServerApp.shutdown_no_activity_timeout=3600"
    assert "--ServerApp.default_url=/voila/render/app/explorer.ipynb" in command
    token = started.address().group(3)
    assert not any(token in part for part in command)  # passed in $JUPYTER_TOKEN, where other users cannot see it


@pytest.mark.parametrize("path", ["app/explorer.ipynb", "README.md", "corpus/README.md", "docs/instructor-guide.md"])
def test_the_server_serves_the_whole_course(started, path):
    match = started.address()
    port, token = match.group(2), match.group(3)
    status, body = get(f"http://127.0.0.1:{port}/api/contents/{path}?content=0&token={token}")
    assert status == 200 and f'"path": "{path}"'.replace(" ", "") in body.replace(" ", "")
