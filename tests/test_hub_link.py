"""tools/hub_link.py: the nbgitpuller link that opens the course on a JupyterHub."""

import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tools.hub_link import COURSE_FOLDER, hub_link, main

ROOT = Path(__file__).resolve().parent.parent


HUB = "https://hub.example.edu"
REPO = "https://github.com/ORG/REPO"


def parts(link):
    """The link's address without its query, and each query parameter decoded (one value each)."""
    split = urlsplit(link)
    query = parse_qs(split.query, strict_parsing=True)
    assert all(len(values) == 1 for values in query.values()), query
    return f"{split.scheme}://{split.netloc}{split.path}", {name: values[0] for name, values in query.items()}


def test_the_link_points_at_the_hubs_git_pull_and_carries_four_parameters():
    address, query = parts(hub_link(HUB, REPO))
    assert address == "https://hub.example.edu/hub/user-redirect/git-pull"
    assert query == {
        "repo": "https://github.com/ORG/REPO",
        "branch": "main",
        "targetpath": "media-framing-course",
        "urlpath": "lab/tree/media-framing-course/notebooks/00-start-here.ipynb",
    }


def test_parameters_come_in_the_documented_order_and_are_percent_encoded():
    link = hub_link(HUB, REPO)
    query = urlsplit(link).query
    assert [pair.split("=")[0] for pair in query.split("&")] == ["repo", "branch", "targetpath", "urlpath"]
    assert "repo=https%3A%2F%2Fgithub.com%2FORG%2FREPO&" in query
    assert query.endswith("urlpath=lab%2Ftree%2Fmedia-framing-course%2Fnotebooks%2F00-start-here.ipynb")


def test_branch_and_path_are_passed_through():
    _, query = parts(hub_link(HUB, REPO, branch="spring-2026", path="notebooks/03-naming-and-loaded-language.ipynb"))
    assert query["branch"] == "spring-2026"
    assert query["urlpath"] == "lab/tree/media-framing-course/notebooks/03-naming-and-loaded-language.ipynb"


def test_a_path_with_a_space_survives_the_round_trip():
    _, query = parts(hub_link(HUB, REPO, path="/my notes/week 1.ipynb"))
    assert query["urlpath"] == "lab/tree/media-framing-course/my notes/week 1.ipynb"


def test_an_empty_path_opens_the_course_folder():
    _, query = parts(hub_link(HUB, REPO, path=""))
    assert query["urlpath"] == "lab/tree/media-framing-course"


def test_another_folder_names_both_the_clone_and_the_page_to_open():
    _, query = parts(hub_link(HUB, REPO, folder="framing-spring-2026"))
    assert query["targetpath"] == "framing-spring-2026"
    assert query["urlpath"] == "lab/tree/framing-spring-2026/notebooks/00-start-here.ipynb"


@pytest.mark.parametrize("folder", ["", ".", "..", "a/b", "../up", "my course", ".hidden", None])
def test_a_folder_that_is_not_one_plain_folder_name_raises_a_value_error(folder):
    with pytest.raises(ValueError, match="folder"):
        hub_link(HUB, REPO, folder=folder)


@pytest.mark.parametrize(
    "hub",
    [
        "https://hub.example.edu",
        "https://hub.example.edu/",
        "https://hub.example.edu//",
        "https://hub.example.edu/hub/",
    ],
)
def test_trailing_slashes_and_a_trailing_hub_in_the_hub_address_give_one_link(hub):
    assert hub_link(hub, REPO) == hub_link(HUB, REPO)
    assert "//hub/" not in hub_link(hub, REPO) and "/hub/hub/" not in hub_link(hub, REPO)


def test_a_hub_under_a_path_prefix_keeps_its_prefix():
    address, _ = parts(hub_link("https://example.edu/jupyter/", REPO))
    assert address == "https://example.edu/jupyter/hub/user-redirect/git-pull"


@pytest.mark.parametrize(
    "repo",
    [
        "https://github.com/ORG/REPO",
        "https://github.com/ORG/REPO.git",
        "https://github.com/ORG/REPO/",
        "https://gitlab.example.edu/a/b/REPO.git/",
        "http://127.0.0.1:8000/media-framing-course.git",
    ],
)
def test_the_folder_is_the_same_whatever_the_repository_address_ends_with(repo):
    # nbgitpuller would name the folder after the address's last part, .git included; targetpath fixes it
    _, query = parts(hub_link(HUB, repo))
    assert query["targetpath"] == COURSE_FOLDER == "media-framing-course"
    assert query["urlpath"] == f"lab/tree/{COURSE_FOLDER}/notebooks/00-start-here.ipynb"
    assert query["repo"] == repo.rstrip("/")  # git clones the address as given, .git or not


@pytest.mark.parametrize(
    ("hub", "repo", "message"),
    [
        ("hub.example.edu", REPO, "http:// or https://"),
        ("ftp://hub.example.edu", REPO, "http:// or https://"),
        ("", REPO, "empty"),
        ("https://hub.example.edu/?next=x", REPO, "'?' or '#'"),
        (HUB, "git@github.com:ORG/REPO.git", "http:// or https://"),
        (HUB, "https://github.com", "no repository name"),
        (HUB, "https://github.com/ORG/.git", "no repository name"),
        (HUB, "https://github.com/ORG/REPO/tree/main", "page inside a repository"),
        (HUB, "https://github.com/ORG/REPO/blob/main/README.md", "page inside a repository"),
    ],
)
def test_a_bad_address_raises_a_value_error_that_says_what_is_wrong(hub, repo, message):
    with pytest.raises(ValueError, match=message.replace("?", r"\?")):
        hub_link(hub, repo)


@pytest.mark.parametrize("branch", ["", "my branch"])
def test_a_bad_branch_raises_a_value_error(branch):
    with pytest.raises(ValueError, match="branch"):
        hub_link(HUB, REPO, branch=branch)


def test_there_is_no_classic_notebook_option():
    # the course is written and tested for JupyterLab (see the instructor guide, section 2.2)
    with pytest.raises(TypeError):
        hub_link(HUB, REPO, app="notebook")
    with pytest.raises(SystemExit):
        main([HUB, REPO, "--app", "notebook"])


def test_the_command_line_prints_the_link(capsys):
    assert main([HUB, REPO]) == 0
    assert capsys.readouterr().out == hub_link(HUB, REPO) + "\n"


def test_the_command_line_passes_the_options_on(capsys):
    main([HUB, REPO, "--branch", "dev", "--path", "notebooks/06-timelines.ipynb", "--folder", "framing"])
    printed = capsys.readouterr().out.strip()
    assert printed == hub_link(HUB, REPO, branch="dev", path="notebooks/06-timelines.ipynb", folder="framing")


def test_the_script_runs_on_its_own_and_reports_a_bad_address_on_stderr():
    script = str(ROOT / "tools" / "hub_link.py")
    good = subprocess.run([sys.executable, script, HUB, REPO], capture_output=True, text=True, check=True)
    assert good.stdout == hub_link(HUB, REPO) + "\n" and good.stderr == ""

    bad = subprocess.run([sys.executable, script, "hub.example.edu", REPO], capture_output=True, text=True)
    assert bad.returncode == 2 and bad.stdout == ""
    assert "http:// or https://" in bad.stderr


def test_a_voila_link_shows_the_corpus_explorer_app():
    _, query = parts(hub_link(HUB, REPO, path="app/explorer.ipynb", voila=True))
    assert query["urlpath"] == "voila/render/media-framing-course/app/explorer.ipynb"
    assert query["targetpath"] == "media-framing-course"
    with pytest.raises(ValueError, match="Voila shows a notebook"):
        hub_link(HUB, REPO, path="README.md", voila=True)
