"""Two pinned environments: what learners need (environment.yml, which Binder reads) and the developers' tools
(requirements-dev.txt, with the researchers' Dask extra). What is installed is exactly their pins, each file is
complete, and Binder finds them."""

import importlib.metadata
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.environment import DASK, DEVELOPER, LEARNER, as_dict, canonical, unpinned_requirements

ROOT = Path(__file__).resolve().parent.parent


IN_COURSE_VENV = Path(sys.prefix).resolve() == (ROOT / ".venv").resolve()
needs_course_venv = pytest.mark.skipif(
    not IN_COURSE_VENV, reason="checks the course's own .venv: run the tests with python3 course.py test"
)


@needs_course_venv
def test_installed_packages_are_exactly_the_pins():
    pins = LEARNER | DEVELOPER
    installed = {canonical(d.metadata["Name"]): d.version for d in importlib.metadata.distributions()}
    wrong = {name: (version, installed.get(name)) for name, version in pins.items() if installed.get(name) != version}
    assert not wrong, f"pinned vs installed: {wrong}. Run: python3 course.py setup --dev"
    extra = set(installed) - set(pins) - {"pip", "media-framing-course"}
    assert not extra, f"installed but pinned in neither environment.yml nor requirements-dev.txt: {sorted(extra)}"


def test_the_dask_extra_is_pinned_alike_in_pyproject_and_its_requirements_for_developers_never_for_learners():
    import tomllib

    extra = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]["dask"]
    assert as_dict(extra).items() <= DASK.items() and {"dask", "distributed", "pyarrow"} <= set(as_dict(extra))
    assert not set(DASK) & set(LEARNER), "the Dask extra must stay out of the learners' environment.yml"
    # the developers' environment holds it, so that the test command runs tests/test_on_dask.py
    assert DASK.items() <= DEVELOPER.items()
    assert re.search(r"^-r requirements-dask\.txt", (ROOT / "requirements-dev.txt").read_text(), re.M)


def test_a_package_is_pinned_in_one_file_only():
    both = sorted(set(LEARNER) & set(DEVELOPER))
    assert not both, f"pinned in environment.yml and requirements-dev.txt: {both}; keep it in environment.yml only"


def test_the_learners_environment_holds_everything_its_packages_need():
    # So that Binder, and `course.py start`, install nothing that is not pinned in environment.yml.
    assert not unpinned_requirements(LEARNER)


def test_the_developers_tools_need_nothing_beyond_both_files():
    assert not unpinned_requirements(LEARNER | DEVELOPER)


def test_the_learners_environment_has_the_core_stack_and_no_developer_tool():
    text = (ROOT / "environment.yml").read_text()
    assert re.search(r"^\s+- python=3\.11$", text, re.M)
    assert {"jupyterlab", "pandas", "plotly", "textblob", "ipywidgets", "anywidget", "nbformat"} <= set(LEARNER)
    tools = {"pytest", "ruff", "playwright", "jupyter-repo2docker", "jupyter-book", "scikit-learn", "docker"}
    assert not tools & set(LEARNER)
    assert tools <= set(DEVELOPER)


def test_binder_builds_from_environment_yml_then_runs_postbuild():
    repo2docker = shutil.which("repo2docker") or str(Path(sys.executable).parent / "repo2docker")
    result = subprocess.run(
        [repo2docker, "--no-build", "--debug", str(ROOT)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    dockerfile = result.stdout + result.stderr
    env_update = dockerfile.index('--file "environment.yml"')
    copy_repo = dockerfile.index("COPY --chown=0:0 src/ ${REPO_DIR}/")
    post_build = dockerfile.index("RUN ./postBuild")
    # environment.yml is installed before the repository is copied, so it must not refer to repository files
    assert env_update < copy_repo < post_build
    assert "-r " not in (ROOT / "environment.yml").read_text()
    # Binder installs the learners' environment only: the developers' file is not read
    assert "requirements-dev.txt" not in dockerfile


@needs_course_venv
def test_binder_and_local_set_up_install_the_same_jupyterlab_settings():
    post_build = (ROOT / "postBuild").read_text()
    assert "jupyter-settings/overrides.json" in post_build and "share/jupyter/lab/settings" in post_build
    installed = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert installed.read_bytes() == (ROOT / "jupyter-settings" / "overrides.json").read_bytes()


@needs_course_venv
def test_set_up_installs_the_apps_voila_settings_and_template_where_voila_reads_them():
    from course import APP_FILES

    for source, target in APP_FILES.items():
        assert (Path(sys.prefix) / target).read_bytes() == source.read_bytes(), target
    from voila.paths import collect_template_paths

    paths = collect_template_paths(["voila", "nbconvert"], "course-app")
    assert any(Path(p, "index.html.j2").is_file() and "course-app" in p for p in paths)


def test_the_learners_environment_has_voila_for_the_app():
    assert {"voila", "jupyter-server-mathjax"} <= set(LEARNER) and LEARNER["voila"].startswith("0.5.")


@pytest.mark.parametrize("folder", ["notebooks", "exercises", "solutions", "tests"])
def test_helpers_import_from_every_folder_without_path_hacks(folder):
    result = subprocess.run(
        [sys.executable, "-c", "import helpers; print(helpers.__file__)"],
        cwd=ROOT / folder,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(result.stdout.strip()).parent == ROOT / "helpers"
