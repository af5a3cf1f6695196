"""One environment: the pins in environment.yml are exactly what is installed, and Binder finds them."""

import importlib.metadata
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from course import pinned_packages  # noqa: E402


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def test_installed_packages_are_exactly_the_pins():
    pins = {canonical(p.split("==")[0]): p.split("==")[1] for p in pinned_packages()}
    installed = {canonical(d.metadata["Name"]): d.version for d in importlib.metadata.distributions()}
    wrong = {name: (version, installed.get(name)) for name, version in pins.items() if installed.get(name) != version}
    assert not wrong, f"pinned vs installed: {wrong}. Run: python course.py setup"
    extra = set(installed) - set(pins) - {"pip", "media-framing-course"}
    assert not extra, f"installed but not pinned in environment.yml: {sorted(extra)}"


def test_environment_yml_asks_for_python_311_and_the_core_stack():
    text = (ROOT / "environment.yml").read_text()
    assert re.search(r"^\s+- python=3\.11$", text, re.M)
    names = {canonical(p.split("==")[0]) for p in pinned_packages()}
    assert {"jupyterlab", "pandas", "plotly", "textblob", "ipywidgets", "anywidget", "nbformat"} <= names


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
