"""The command line a new user meets first: `python3 course.py ...`, and the one public address it keeps in step."""

import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import course

ROOT = Path(__file__).resolve().parent.parent


def run(*arguments, cwd=ROOT):
    return subprocess.run([sys.executable, "course.py", *arguments], cwd=cwd, capture_output=True, text=True)


@pytest.mark.parametrize("asking", ["help", "-h", "--help"])
def test_asking_for_help_shows_usage_and_succeeds(asking):
    result = run(asking)
    assert result.returncode == 0
    assert result.stdout.startswith("Set up, start and test the course")
    assert "python3 course.py start" in result.stdout and "python3 course.py test" in result.stdout
    assert "python3 course.py app" in result.stdout and "corpus explorer app" in result.stdout
    assert "Options after `start` go to JupyterLab" in result.stdout  # extra arguments are passed on: say so
    assert "options after\n`app` to Jupyter Server" in result.stdout


def test_no_command_shows_usage_and_fails():
    result = run()
    assert result.returncode == 2 and "python3 course.py start" in result.stdout


def test_an_unknown_command_says_which_and_what_the_choices_are():
    result = run("strat")
    assert result.returncode == 2
    assert "unknown command 'strat'" in result.stderr
    assert "start, app, test, setup, clean, address, help" in result.stderr


def test_setup_refuses_an_unknown_option_before_installing_anything():
    result = run("setup", "--fast")
    assert result.returncode == 2 and "unknown option(s) --fast" in result.stderr


def test_the_developers_pins_include_another_file_and_set_up_notices_when_it_changes(tmp_path):
    (tmp_path / "extra.txt").write_text("# an extra\nzict==3.0.0\n")
    (tmp_path / "dev.txt").write_text("pytest==9.2.0  # tests\n-r extra.txt\nruff==0.17.6\n")
    assert course.developer_packages(tmp_path / "dev.txt") == ["pytest==9.2.0", "zict==3.0.0", "ruff==0.17.6"]
    before = course._developer_fingerprint(tmp_path / "dev.txt")
    (tmp_path / "extra.txt").write_text("zict==3.0.1\n")
    assert course._developer_fingerprint(tmp_path / "dev.txt") != before  # so .venv is rebuilt
    # the course's own: requirements-dev.txt includes the Dask extra
    assert set(course.developer_packages(ROOT / "requirements-dask.txt")) <= set(course.developer_packages())
    (tmp_path / "dev.txt").write_text("pytest>=9\n")
    with pytest.raises(SystemExit, match="line 1: not a 'name==version' pin"):
        course.developer_packages(tmp_path / "dev.txt")


@pytest.mark.parametrize("family, host", [(socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")])
def test_a_port_another_program_listens_on_is_not_chosen_on_either_loopback_address(family, host):
    try:
        held = socket.socket(family)
        held.bind((host, 0))
    except OSError:
        pytest.skip(f"no {host} on this machine")
    with held:
        held.listen()
        port = held.getsockname()[1]
        assert not course._port_is_free(port)  # Jupyter listens on both: it could not have this port
        assert course._free_port(port) != port
    assert course._port_is_free(port)


def test_the_lab_command_serves_the_whole_repository_and_opens_lesson_00(monkeypatch):
    monkeypatch.setattr(course, "_is_root", lambda: False)
    command, address, environment = course.lab_command(Path("python"), [])
    assert f"--ServerApp.root_dir={ROOT}" in command and course.FIRST_LESSON in command
    assert "--allow-root" not in command
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/lab/tree/notebooks/00-start-here\.ipynb\?token=\S+", address)
    token = address.split("token=")[1]
    assert environment["JUPYTER_TOKEN"] == token and token not in " ".join(command)


def test_as_root_the_lab_command_adds_allow_root(monkeypatch):
    monkeypatch.setattr(course, "_is_root", lambda: True)
    command, _, _ = course.lab_command(Path("python"), [])
    assert command.count("--allow-root") == 1
    command, _, _ = course.lab_command(Path("python"), ["--allow-root"])
    assert command.count("--allow-root") == 1


def test_options_after_start_go_to_jupyterlab_and_a_chosen_port_is_the_one_printed(monkeypatch):
    monkeypatch.setattr(course, "_is_root", lambda: False)
    command, address, _ = course.lab_command(Path("python"), ["--port=9123", "--no-browser"])
    assert command[-2:] == ["--port=9123", "--no-browser"]
    assert not any(c.startswith("--ServerApp.port=") for c in command)
    assert address.startswith("http://127.0.0.1:9123/lab/tree/notebooks/00-start-here.ipynb")


def test_the_app_command_serves_the_repository_and_opens_the_app_in_voila(monkeypatch):
    monkeypatch.setattr(course, "_is_root", lambda: False)
    command, address, environment = course.app_command(Path("python"), [])
    assert command[:4] == ["python", "-m", "jupyter", "server"]  # Jupyter Server, with Voila as its extension
    assert f"--ServerApp.root_dir={ROOT}" in command
    assert "--ServerApp.default_url=/voila/render/app/explorer.ipynb" in command
    assert "--allow-root" not in command
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/voila/render/app/explorer\.ipynb\?token=\S+", address)
    token = address.split("token=")[1]
    assert environment["JUPYTER_TOKEN"] == token and token not in " ".join(command)


def test_the_app_follows_the_same_rules_as_start(monkeypatch):
    monkeypatch.setattr(course, "_is_root", lambda: True)
    command, _, _ = course.app_command(Path("python"), [])
    assert command.count("--allow-root") == 1
    command, address, environment = course.app_command(Path("python"), ["--port=9124", "--IdentityProvider.token=x"])
    assert command[-2:] == ["--port=9124", "--IdentityProvider.token=x"]
    assert not any(c.startswith("--ServerApp.port=") for c in command)
    assert environment.get("JUPYTER_TOKEN") == course.os.environ.get("JUPYTER_TOKEN")  # the token given is used
    assert address == "http://127.0.0.1:9124/voila/render/app/explorer.ipynb?token=x"


def test_the_app_and_its_voila_files_exist_where_course_py_installs_them_from():
    assert (ROOT / course.APP).is_file()
    for source, target in course.APP_FILES.items():
        assert source.is_file(), source
        assert target.parts[:2] in (("etc", "jupyter"), ("share", "jupyter")), target
    post_build = (ROOT / "postBuild").read_text()
    for source in course.APP_FILES:  # Binder installs the same files
        assert source.relative_to(ROOT).as_posix() in post_build


def test_the_binder_link_of_the_app_opens_voila_and_waits_for_an_address():
    assert course.binder_app_url("jane-doe/reading-the-frame") == (
        "https://mybinder.org/v2/gh/jane-doe/reading-the-frame/HEAD?urlpath=voila/render/app/explorer.ipynb"
    )
    assert course.binder_app_url("") == ""


def test_clean_without_a_folder_says_how_to_use_it():
    result = run("clean")
    assert result.returncode == 2 and "usage: python3 course.py clean PATH" in result.stdout


# --- the public address: set in one place, copied everywhere it is needed


def test_every_copy_of_the_public_address_agrees_with_the_one_setting():
    stale = [str(path.relative_to(ROOT)) for path, text in course.address_copies().items() if path.read_text() != text]
    assert not stale, f"out of step with [tool.course] repository: {stale}. Run: python3 course.py address OWNER/NAME"
    assert "OWNER/REPO" not in (ROOT / "README.md").read_text() and "ORG/REPO" not in (ROOT / "README.md").read_text()


def test_until_the_address_is_set_the_readme_says_how_to_get_a_binder_link():
    if course.public_address():
        pytest.skip("the course has a public address")
    readme = (ROOT / "README.md").read_text()
    assert "mybinder.org/v2/gh/" not in readme and "No Binder link yet" in readme
    assert "voila/render/app/explorer.ipynb" in readme.split("public-address:end")[0]  # how to open the app there
    assert "use_repository_button: false" in (ROOT / "site/_config.yml").read_text()


def test_setting_the_address_rewrites_every_copy(tmp_path):
    files = ["course.py", "pyproject.toml", "README.md", "site/_config.yml", "CITATION.cff"]
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    result = run("address", "jane-doe/reading-the-frame", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    readme = (tmp_path / "README.md").read_text()
    binder = "https://mybinder.org/v2/gh/jane-doe/reading-the-frame/HEAD?urlpath=lab/tree/notebooks/00-start-here.ipynb"
    assert f"[![Launch on Binder](https://mybinder.org/badge_logo.svg)]({binder})" in readme
    app = "https://mybinder.org/v2/gh/jane-doe/reading-the-frame/HEAD?urlpath=voila/render/app/explorer.ipynb"
    assert f"[Open the corpus explorer app on Binder]({app})" in readme
    assert "git clone https://github.com/jane-doe/reading-the-frame.git && cd reading-the-frame" in readme
    site = (tmp_path / "site/_config.yml").read_text()
    assert "url: https://github.com/jane-doe/reading-the-frame" in site and "use_repository_button: true" in site
    assert 'repository-code: "https://github.com/jane-doe/reading-the-frame"' in (tmp_path / "CITATION.cff").read_text()
    assert 'repository = "jane-doe/reading-the-frame"' in (tmp_path / "pyproject.toml").read_text()
    # and back: unsetting restores the files as shipped
    assert run("address", "", cwd=tmp_path).returncode == 0
    for name in files:
        assert (tmp_path / name).read_text() == (ROOT / name).read_text() or course.public_address()


def test_a_wrong_address_is_refused_without_changing_anything(tmp_path):
    for name in ["course.py", "pyproject.toml"]:
        shutil.copy(ROOT / name, tmp_path / name)
    result = run("address", "git@github.com:jane/x.git", cwd=tmp_path)
    assert result.returncode == 2 and "not a GitHub OWNER/NAME" in result.stdout
    assert (tmp_path / "pyproject.toml").read_text() == (ROOT / "pyproject.toml").read_text()


def test_setup_refuses_to_rebuild_a_borrowed_environment_it_is_linked_to(tmp_path):
    """A .venv that is a link to another checkout's environment, made for other pins, is not deleted or
    rebuilt (that would change the other checkout): setup says what the link is and the two ways out."""
    checkout, borrowed = tmp_path / "checkout", tmp_path / "other" / ".venv"
    for name in ["course.py", "pyproject.toml", "environment.yml", "requirements-dev.txt", "requirements-dask.txt"]:
        (checkout / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, checkout / name)
    (borrowed / "bin").mkdir(parents=True)
    (borrowed / "bin" / "python").symlink_to(sys.executable)
    (borrowed / "course-environment.json").write_text('{"learner": "pins of another checkout"}\n')
    (checkout / ".venv").symlink_to(borrowed, target_is_directory=True)
    result = run("setup", cwd=checkout)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f".venv is a link to {borrowed}" in result.stderr
    assert "Remove the link (rm .venv)" in result.stderr and "Cannot call rmtree" not in result.stderr
    assert (borrowed / "course-environment.json").read_text() == '{"learner": "pins of another checkout"}\n'


def test_setup_names_a_requirements_file_that_is_included_but_missing(tmp_path):
    for name in ["course.py", "pyproject.toml", "environment.yml", "requirements-dev.txt"]:
        shutil.copy(ROOT / name, tmp_path / name)
    line = (ROOT / "requirements-dev.txt").read_text().splitlines().index("-r requirements-dask.txt") + 1
    result = run("setup", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"requirements-dev.txt, line {line}: includes requirements-dask.txt, which is not in {tmp_path}" in (
        result.stderr
    )
    assert not (tmp_path / ".venv").exists()  # stopped before building anything
