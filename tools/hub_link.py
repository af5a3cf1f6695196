"""Make an nbgitpuller link that opens the course on a JupyterHub.

    python tools/hub_link.py https://hub.example.edu https://github.com/ORG/REPO
    python tools/hub_link.py HUB REPO --branch main --path notebooks/03-naming-and-loaded-language.ipynb
    python tools/hub_link.py HUB REPO --voila --path app/explorer.ipynb   # the corpus explorer app, in Voila

A learner who clicks the link logs in to the hub; nbgitpuller then clones the
repository into the folder ``media-framing-course`` of their home (or, on later
clicks, pulls new commits without overwriting their own changes) and opens the
chosen file in JupyterLab (or, with ``--voila``, shows the notebook as a page
without code in Voila: the corpus explorer app).

The link always names that folder (nbgitpuller's ``targetpath``), whatever the
repository's address ends with: left to itself, nbgitpuller names the folder
after the address's last part, ``.git`` included, so the folder would differ
from one address to another. The hub's set-up relies on the fixed name, because
each learner's server imports ``helpers`` from ``~/media-framing-course``
(``PYTHONPATH``); see ``hub/`` and the JupyterHub section of
``docs/instructor-guide.md``. Only the standard library is used.
"""

from __future__ import annotations

import argparse
import re
import sys
from urllib.parse import quote, urlencode, urlsplit

# The folder of each learner's home that the link clones the course into. The hub's PYTHONPATH names the same
# folder (hub/jupyterhub_config.py, hub/z2jh-config.yaml): change both together.
COURSE_FOLDER = "media-framing-course"
FIRST_LESSON = "notebooks/00-start-here.ipynb"
# Path segments that mark a page *inside* a repository on GitHub or GitLab, not the repository itself.
WEB_VIEW_SEGMENTS = {"tree", "blob", "-"}
FOLDER_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]*$")


def _web_address(url: str, what: str) -> tuple[str, str]:
    """Check that ``url`` is an http(s) address; return it without trailing slashes, and its path."""
    if not isinstance(url, str) or not url.strip():
        raise ValueError(f"{what} is empty: give a full address starting with https://")
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{what} must be a web address starting with http:// or https://, not {url!r}")
    if parts.query or parts.fragment:
        raise ValueError(f"{what} must not contain '?' or '#': {url!r}")
    return url.rstrip("/"), parts.path.rstrip("/")


def _repository_address(repo_url: str) -> str:
    """The repository's address as git clones it (``.git`` or not), refusing the address of a page inside it."""
    repo, path = _web_address(repo_url, "The repository address")
    segments = [s for s in path.split("/") if s]
    if not segments or not segments[-1].removesuffix(".git"):
        raise ValueError(f"The repository address has no repository name in it: {repo_url!r}")
    if WEB_VIEW_SEGMENTS & set(segments[2:]):
        raise ValueError(
            f"{repo_url!r} looks like a page inside a repository (it contains /tree/, /blob/ or /-/). "
            "Give the repository's own address, such as https://github.com/ORG/REPO"
        )
    return repo


def hub_link(
    hub_url: str,
    repo_url: str,
    branch: str = "main",
    path: str = FIRST_LESSON,
    folder: str = COURSE_FOLDER,
    voila: bool = False,
) -> str:
    """An nbgitpuller link: the hub pulls ``repo_url`` (at ``branch``) into ``folder`` and opens ``path`` in JupyterLab.

    ``hub_url`` is the hub's address, with or without a trailing slash (a
    trailing ``/hub`` is dropped, since the link adds it). ``repo_url`` is
    passed on as it is, ending in ``.git`` or not. ``path`` is relative to the
    repository; an empty path opens the course's folder. ``folder`` is the
    folder of the learner's home that holds the course (``targetpath``); it
    is always set, and must match the hub's ``PYTHONPATH``. With ``voila=True``
    the notebook ``path`` is shown by Voila instead of opened in JupyterLab.
    A bad argument raises ``ValueError`` saying what to fix.

    Example:
        >>> hub_link("https://hub.example.edu/", "https://github.com/ORG/REPO.git")
        'https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2FORG%2FREPO.git&branch=main&targetpath=media-framing-course&urlpath=lab%2Ftree%2Fmedia-framing-course%2Fnotebooks%2F00-start-here.ipynb'
    """
    hub, hub_path = _web_address(hub_url, "The hub address")
    if hub_path.endswith("/hub"):
        hub = hub[: -len("/hub")]
    repo = _repository_address(repo_url)
    if not isinstance(branch, str) or not branch.strip() or any(c.isspace() for c in branch):
        raise ValueError(f"The branch must be a name without spaces, such as 'main', not {branch!r}")
    if not isinstance(folder, str) or not FOLDER_NAME.match(folder):
        raise ValueError(
            f"The folder must be one folder name of letters, digits, '.', '_' or '-', such as {COURSE_FOLDER!r}, "
            f"not {folder!r}"
        )
    if not isinstance(path, str):
        raise ValueError(f"path must be text, such as {FIRST_LESSON!r}, not {path!r}")
    inside = path.strip().strip("/")
    if voila and not inside.endswith(".ipynb"):
        raise ValueError(f"Voila shows a notebook: give its path, such as 'app/explorer.ipynb', not {path!r}")
    urlpath = "/".join(part for part in ("voila/render" if voila else "lab/tree", folder, inside) if part)
    query = urlencode(
        {"repo": repo, "branch": branch, "targetpath": folder, "urlpath": urlpath}, quote_via=quote, safe=""
    )
    return f"{hub}/hub/user-redirect/git-pull?{query}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Print an nbgitpuller link that opens the course in JupyterLab on a JupyterHub.",
        epilog="Example: python tools/hub_link.py https://hub.example.edu https://github.com/ORG/REPO",
    )
    parser.add_argument("hub_url", help="the hub's address, e.g. https://hub.example.edu")
    parser.add_argument("repo_url", help="the course repository's address, e.g. https://github.com/ORG/REPO")
    parser.add_argument("--branch", default="main", help="the branch to pull (default: main)")
    parser.add_argument(
        "--path", default=FIRST_LESSON, help=f"the file to open, relative to the repository (default: {FIRST_LESSON})"
    )
    parser.add_argument(
        "--folder",
        default=COURSE_FOLDER,
        help=f"the folder of each learner's home that holds the course (default: {COURSE_FOLDER}); "
        "the hub's PYTHONPATH must name the same folder",
    )
    parser.add_argument(
        "--voila",
        action="store_true",
        help="show the notebook --path in Voila, as a page without code (for the corpus explorer app, "
        "--path app/explorer.ipynb)",
    )
    args = parser.parse_args(argv)
    try:
        link = hub_link(args.hub_url, args.repo_url, args.branch, args.path, args.folder, voila=args.voila)
        print(link)
    except ValueError as error:
        parser.error(str(error))  # prints the usage and the message to stderr, exits with status 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
