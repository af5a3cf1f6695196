"""The course on a real JupyterHub, as learners get it: a link from tools/hub_link.py, then JupyterLab.

The hub test runs JupyterHub 6.1 on 127.0.0.1 with the course's own settings (hub/jupyterhub_config.py), a
dummy authenticator, one home folder per learner and configurable-http-proxy from npm. The course is served
from a bare repository over git's smart HTTP protocol, under an address ending in ``.git``. Two learners
follow the same link in Chromium: each gets a shallow clone in ``~/media-framing-course``, lesson 00 opens
and runs with no error, and ``import helpers`` in the kernel finds that learner's clone. Then the teacher
pushes a change, and a learner who had edited lesson 00 and deleted an exercise clicks the link again: the
change arrives, the edit is kept and the exercise is back. Timings go to test-artifacts/hub-timings.json.

The other tests check the recipe for administrators in hub/: its pins agree with the environment the hub
test runs in, and its two forms (plain JupyterHub, Zero to JupyterHub) say the same thing.

Needs git, npm (for configurable-http-proxy, installed with `npm ci` once), Chromium and Python Playwright;
missing ones are installed where possible. Otherwise the hub test is skipped, or fails when CI is set.
"""

import importlib.metadata
import json
import os
import platform
import re
import shutil
import sys
import threading
import time
from pathlib import Path

import nbformat
import pytest
import yaml
from traitlets.config.loader import PyFileConfigLoader

from tests.support.browser import (
    ARTIFACTS,
    HARMLESS_CONSOLE_ERRORS,
    SECOND,
    Missing,
    NotebookPage,
    ensure_chromium,
    ensure_npm_tools,
    ensure_playwright,
    launch_browser,
)
from tests.support.environment import DEVELOPER, LEARNER, unpinned_requirements
from tests.support.hub import (
    HUB_CONFIG,
    HUB_FOLDER,
    ROOT,
    GitServer,
    Hub,
    git,
    hub_pins,
    publish_course,
    push_change,
    random_password,
)
from tools.hub_link import COURSE_FOLDER, FIRST_LESSON, hub_link

HUB = hub_pins()
LEARNERS = ("learner-1", "learner-2")
REPOSITORY = "media-framing-course.git"  # an address ending in .git, as a "Clone" button copies it
TIMINGS_FILE = ARTIFACTS / "hub-timings.json"
HUB_LOG = ARTIFACTS / "hub-test.log"
TEACHERS_NOTE = "Teacher's note for this class: the hub test pushed this line."
LEARNERS_EDIT = "# learner-1 was here (the hub test's edit)"


# --- the recipe ------------------------------------------------------------------------------------------------------


def test_the_recipe_adds_jupyterhub_and_nbgitpuller_to_the_learners_environment_and_repeats_none_of_it():
    assert {"jupyterhub", "nbgitpuller"} <= set(HUB)
    assert not set(HUB) & set(LEARNER), "hub/requirements.txt only adds to environment.yml"
    assert "notebook" not in HUB, "the links open JupyterLab only (see the guide, section 2.2)"
    # every line is a pin (hub_pins refuses anything else, such as `-e .`), and the course itself is not one
    assert "media-framing-course" not in HUB


def test_the_recipe_pins_the_versions_the_hub_test_runs():
    # the developers' environment, in which tests/test_hub.py runs a hub, holds the same versions
    differ = {name: (version, DEVELOPER.get(name)) for name, version in HUB.items() if DEVELOPER.get(name) != version}
    assert not differ, f"hub/requirements.txt vs requirements-dev.txt: {differ}"


def test_environment_yml_and_the_recipe_hold_everything_their_packages_need():
    assert not unpinned_requirements(LEARNER | HUB)


def test_the_hub_settings_put_each_learners_clone_on_pythonpath():
    config = PyFileConfigLoader(HUB_CONFIG.name, path=str(HUB_FOLDER)).load_config()
    environment = config.Spawner.environment.get_value({})

    class Spawner:  # what the setting asks of JupyterHub's LocalProcessSpawner
        def user_env(self, env):
            return env | {"HOME": "/home/ada"}

    assert environment["PYTHONPATH"](Spawner()) == f"/home/ada/{COURSE_FOLDER}"
    assert config.JupyterHub.implicit_spawn_seconds > 0


def test_zero_to_jupyterhub_settings_say_the_same():
    values = yaml.safe_load((HUB_FOLDER / "z2jh-config.yaml").read_text(encoding="utf-8"))
    plain = PyFileConfigLoader(HUB_CONFIG.name, path=str(HUB_FOLDER)).load_config()
    assert values["singleuser"]["extraEnv"] == {"PYTHONPATH": f"/home/jovyan/{COURSE_FOLDER}"}
    assert values["hub"]["config"]["JupyterHub"] == {"implicit_spawn_seconds": plain.JupyterHub.implicit_spawn_seconds}


def test_a_shallow_clone_needs_git_smart_http(tmp_path):
    """nbgitpuller clones with --depth 1: a git server that only serves files (dumb HTTP) cannot do that."""
    publish_course(tmp_path / "served" / REPOSITORY)
    with GitServer(tmp_path / "served", smart=False) as dumb:
        with pytest.raises(RuntimeError, match="dumb http transport does not support shallow"):
            git("clone", "--quiet", "--depth", "1", dumb.url(REPOSITORY), str(tmp_path / "from-dumb"))
        git("clone", "--quiet", dumb.url(REPOSITORY), str(tmp_path / "full-from-dumb"))  # a full clone works
    with GitServer(tmp_path / "served") as smart:
        git("clone", "--quiet", "--depth", "1", smart.url(REPOSITORY), str(tmp_path / "from-smart"))
    assert git("rev-parse", "--is-shallow-repository", cwd=tmp_path / "from-smart").strip() == "true"


# --- the hub test ----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tools():
    """Chromium's path, after installing what is missing: Playwright, Chromium, configurable-http-proxy (npm)."""
    try:
        if shutil.which("git") is None:
            raise Missing("git is not installed: install it (apt-get install git).")
        for name in ("jupyterhub", "nbgitpuller"):
            try:
                importlib.metadata.version(name)
            except importlib.metadata.PackageNotFoundError:
                raise Missing(f"{name} is not installed: run python3 course.py setup --dev") from None
        ensure_npm_tools()
        ensure_playwright()
        return ensure_chromium()
    except Missing as missing:
        if os.environ.get("CI"):
            pytest.fail(f"The hub test cannot run in CI: {missing}", pytrace=False)
        pytest.skip(f"hub test skipped: {missing}")


KERNEL_REPORT_JS = """
async () => {
  const panel = window.jupyterapp.shell.currentWidget;
  const future = panel.sessionContext.session.kernel.requestExecute({
    code: 'import json, sys, helpers; print(json.dumps({"helpers": helpers.__file__, "prefix": sys.prefix}))',
  });
  let out = '';
  future.onIOPub = message => { if (message.header.msg_type === 'stream') out += message.content.text; };
  await future.done;
  return out;
}
"""

EDIT_AND_SAVE_JS = """
async (line) => {
  const panel = window.jupyterapp.shell.currentWidget;
  const cell = panel.content.widgets.find(cell => cell.model.type === 'code');
  cell.model.sharedModel.setSource(cell.model.sharedModel.getSource() + '\\n' + line);
  await panel.context.save();
}
"""


def is_harmless(console_error: str) -> bool:
    return any(re.search(pattern, console_error) for pattern in HARMLESS_CONSOLE_ERRORS)


def follow_link(context, link: str, user: str | None = None, timeout: float = 120) -> tuple[NotebookPage, float]:
    """Open ``link`` in a new page (logging in as ``user`` if asked) and wait until lesson 00's kernel is idle."""
    notebook = NotebookPage(None, context, FIRST_LESSON)
    page = notebook.page
    started = time.perf_counter()
    page.goto(link, timeout=timeout * SECOND)
    if user is not None:
        page.fill("#username_input", user)
        page.fill("#password_input", random_password())
        page.click("#login_submit")
    lesson = f"/lab/tree/{COURSE_FOLDER}/{FIRST_LESSON}"
    try:
        page.wait_for_url(re.compile(re.escape(lesson)), timeout=timeout * SECOND)
        page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell").first.wait_for(timeout=timeout * SECOND)
        page.locator("#jp-main-statusbar >> text=Idle").wait_for(timeout=timeout * SECOND)
    except Exception as error:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"hub-{user or 'again'}.png"))
        text = page.locator("body").inner_text()[-2000:]
        raise AssertionError(
            f"{user or 'the learner'} did not reach an idle lesson 00 ({page.url}):\n{text}"
        ) from error
    seconds = time.perf_counter() - started
    notebook.dismiss_news_toast()
    return notebook, seconds


def check_lesson_00_runs(notebook: NotebookPage, user: str, home: Path) -> dict:
    """Run all of lesson 00, check what it shows and where the kernel imports helpers from; return the run's time."""
    run = notebook.run_all()
    state = notebook.state()
    problems = [
        f"cell {c['index']}: {c['errors'] or 'traceback'}" for c in state["cells"] if c["errors"] or c["traceback"]
    ]
    problems += [f"cell {c['index']}: widget not drawn" for c in state["cells"] if c["renderedWidgets"] < c["widgets"]]
    problems += state["pageFailures"] + [f"page error: {e}" for e in notebook.page_errors]
    problems += [f"console: {e}" for e in notebook.console_errors if not is_harmless(e)]
    assert not problems, f"lesson 00 on the hub, as {user}: {problems}"
    assert any("download_my_work" in c["source"] for c in state["cells"]), "lesson 00 no longer shows download_my_work"

    report = json.loads(notebook.page.evaluate(KERNEL_REPORT_JS).strip().splitlines()[-1])
    clone = home / COURSE_FOLDER
    assert Path(report["helpers"]) == clone / "helpers" / "__init__.py", f"{user} imports {report['helpers']}"
    assert Path(report["prefix"]).resolve() == Path(sys.prefix).resolve(), "the kernel is not the learners' Python"

    settings = notebook.page.request.get(
        notebook.page.url.split("/lab/")[0] + "/lab/api/settings/@jupyterlab/apputils-extension:notification"
    ).json()
    # the course's overrides.json, installed in the learners' environment, becomes the setting's default
    fetch_news = settings["schema"]["properties"]["fetchNews"]["default"]
    assert fetch_news == "false", "the course's JupyterLab settings do not apply on the hub"
    return {"run_all_s": round(run, 2)}


def add_teachers_note(clone: Path) -> None:
    """The teacher's change: a line at the end of lesson 00's first cell, written as the repository writes it."""
    path = clone / FIRST_LESSON
    notebook = json.loads(path.read_text(encoding="utf-8"))
    notebook["cells"][0]["source"][-1] += "\n"
    notebook["cells"][0]["source"] += ["\n", TEACHERS_NOTE]
    path.write_text(json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def in_own_thread(function, *args):
    """Run ``function(*args)`` in a thread of its own; return what it returns, or raise what it raised.

    Playwright's sync API does not start in a thread where another one runs, as the browser test's
    session-wide Playwright does when this test comes after it; a new thread has none.
    """
    outcome = {}

    def run():
        try:
            outcome["result"] = function(*args)
        except BaseException as error:  # noqa: BLE001 - re-raised in the test's own thread
            outcome["error"] = error

    thread = threading.Thread(target=run, name="hub-test")
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")


def test_two_learners_follow_a_hub_link_and_a_second_click_brings_the_teachers_change(tools, tmp_path):
    in_own_thread(two_learners_and_a_teachers_update, tools, tmp_path)


def two_learners_and_a_teachers_update(chromium: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    timings = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "versions": {name: importlib.metadata.version(name) for name in ("jupyterhub", "nbgitpuller", "jupyterlab")},
        "learners": {},
    }
    served = tmp_path / "served"
    publish_course(served / REPOSITORY)
    exercise = sorted((ROOT / "exercises").glob("*.ipynb"))[0].relative_to(ROOT).as_posix()
    hub = Hub(list(LEARNERS))
    leftovers = None
    with GitServer(served) as git_server, sync_playwright() as playwright:
        browser = launch_browser(playwright, chromium)
        timings["machine"]["chromium"] = browser.version
        try:
            hub.start()
            timings["hub_ready_s"] = round(hub.ready_seconds, 2)
            link = hub_link(hub.url, git_server.url(REPOSITORY))
            timings["link"] = link
            contexts = {}
            for user in LEARNERS:
                contexts[user] = browser.new_context(viewport={"width": 1280, "height": 900})
                contexts[user].set_default_timeout(60 * SECOND)
                notebook, seconds = follow_link(contexts[user], link, user)
                measured = timings["learners"][user] = {"first_click_to_idle_lesson_s": round(seconds, 2)}
                clone = hub.home(user) / COURSE_FOLDER
                assert git("rev-parse", "--is-shallow-repository", cwd=clone).strip() == "true"
                assert git("remote", "get-url", "origin", cwd=clone).strip() == git_server.url(REPOSITORY)
                measured |= check_lesson_00_runs(notebook, user, hub.home(user))
                if user == LEARNERS[0]:
                    notebook.page.evaluate(EDIT_AND_SAVE_JS, LEARNERS_EDIT)
                    assert LEARNERS_EDIT in (clone / FIRST_LESSON).read_text(encoding="utf-8")
                    (clone / exercise).unlink()  # deleted by mistake
                notebook.page.close()

            push_change(served / REPOSITORY, tmp_path / "teacher", add_teachers_note, "Lesson 00: a note for the class")

            user, clone = LEARNERS[0], hub.home(LEARNERS[0]) / COURSE_FOLDER
            notebook, seconds = follow_link(contexts[user], link)
            timings["learners"][user]["second_click_after_update_to_idle_lesson_s"] = round(seconds, 2)
            lesson = (clone / FIRST_LESSON).read_text(encoding="utf-8")
            assert TEACHERS_NOTE in lesson, "the teacher's change did not reach the learner"
            assert LEARNERS_EDIT in lesson, "the merge lost the learner's edit"
            nbformat.validate(nbformat.reads(lesson, as_version=4))
            assert (clone / exercise).is_file(), "the deleted exercise was not restored"
            notebook.page.get_by_text(TEACHERS_NOTE).wait_for(timeout=30 * SECOND)
            errors = notebook.page_errors + [e for e in notebook.console_errors if not is_harmless(e)]
            assert not errors, f"after the second click: {errors}"
            other = hub.home(LEARNERS[1]) / COURSE_FOLDER / FIRST_LESSON
            assert LEARNERS_EDIT not in other.read_text(encoding="utf-8"), "the learners share a clone"
            notebook.page.close()
        finally:
            try:
                browser.close()
            finally:
                leftovers = hub.stop(keep_log=HUB_LOG)  # also when the test failed
                ARTIFACTS.mkdir(exist_ok=True)
                TIMINGS_FILE.write_text(json.dumps(timings, indent=2) + "\n", encoding="utf-8")
    assert leftovers == [], f"processes the hub did not stop by itself: {leftovers}"
    print(json.dumps(timings, indent=2))
