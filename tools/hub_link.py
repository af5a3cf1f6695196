"""Make an nbgitpuller link that opens the course on a JupyterHub.

    python tools/hub_link.py https://hub.example.edu https://github.com/ORG/REPO
    python tools/hub_link.py HUB REPO --branch main --path notebooks/03-framing.ipynb --app lab

A learner who clicks the link logs in to the hub; nbgitpuller then clones the
repository into their home folder (or, on later clicks, pulls new commits
without overwriting their own changes) and opens the chosen file. The hub must
have nbgitpuller installed, and its image must hold the packages pinned in
``environment.yml`` plus ``pip install -e .`` of this repository, as Binder's
``postBuild`` does; see ``docs/instructor-guide.md``.

nbgitpuller clones into a folder named after the last part of the repository
address, without ``.git``, so the path opened after the pull starts with that
folder. Only the standard library is used.
"""

from __future__ import annotations

import argparse
import sys
from urllib.parse import quote, urlencode, urlsplit

# What to put in front of "<repository folder>/<path>" for each user interface.
APPS = {
    "lab": "lab/tree",  # JupyterLab
    "notebook": "tree",  # Jupyter Notebook (classic, or version 7)
}
# Path segments that mark a page *inside* a repository on GitHub or GitLab, not the repository itself.
WEB_VIEW_SEGMENTS = {"tree", "blob", "-"}


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


def repo_folder(repo_url: str) -> str:
    """The folder nbgitpuller clones ``repo_url`` into: the address's last part, without ``.git``.

    Example:
        >>> repo_folder("https://github.com/ORG/media-framing.git")
        'media-framing'
    """
    _, path = _web_address(repo_url, "The repository address")
    segments = [s for s in path.split("/") if s]
    if not segments:
        raise ValueError(f"The repository address has no repository name in it: {repo_url!r}")
    if WEB_VIEW_SEGMENTS & set(segments[2:]):
        raise ValueError(
            f"{repo_url!r} looks like a page inside a repository (it contains /tree/, /blob/ or /-/). "
            "Give the repository's own address, such as https://github.com/ORG/REPO"
        )
    name = segments[-1].removesuffix(".git")
    if not name:
        raise ValueError(f"The repository address has no repository name in it: {repo_url!r}")
    return name


def hub_link(
    hub_url: str,
    repo_url: str,
    branch: str = "main",
    path: str = "notebooks/00-start-here.ipynb",
    app: str = "lab",
) -> str:
    """An nbgitpuller link: the hub pulls ``repo_url`` (at ``branch``) and opens ``path`` in ``app``.

    ``hub_url`` is the hub's address, with or without a trailing slash (a
    trailing ``/hub`` is dropped, since the link adds it). ``path`` is relative
    to the repository; an empty path opens the repository's folder. ``app`` is
    ``"lab"`` (JupyterLab) or ``"notebook"`` (Jupyter Notebook). A bad
    argument raises ``ValueError`` saying what to fix.

    Example:
        >>> hub_link("https://hub.example.edu/", "https://github.com/ORG/REPO.git")
        'https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2FORG%2FREPO.git&branch=main&urlpath=lab%2Ftree%2FREPO%2Fnotebooks%2F00-start-here.ipynb'
    """
    hub, hub_path = _web_address(hub_url, "The hub address")
    if hub_path.endswith("/hub"):
        hub = hub[: -len("/hub")]
    repo, _ = _web_address(repo_url, "The repository address")
    folder = repo_folder(repo_url)
    if not isinstance(branch, str) or not branch.strip() or any(c.isspace() for c in branch):
        raise ValueError(f"The branch must be a name without spaces, such as 'main', not {branch!r}")
    if app not in APPS:
        raise ValueError(f"app must be one of {sorted(APPS)}, not {app!r}")
    if not isinstance(path, str):
        raise ValueError(f"path must be text, such as 'notebooks/00-start-here.ipynb', not {path!r}")
    inside = path.strip().strip("/")
    urlpath = "/".join(part for part in (APPS[app], folder, inside) if part)
    query = urlencode({"repo": repo, "branch": branch, "urlpath": urlpath}, quote_via=quote, safe="")
    return f"{hub}/hub/user-redirect/git-pull?{query}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Print an nbgitpuller link that opens the course on a JupyterHub.",
        epilog="Example: python tools/hub_link.py https://hub.example.edu https://github.com/ORG/REPO",
    )
    parser.add_argument("hub_url", help="the hub's address, e.g. https://hub.example.edu")
    parser.add_argument("repo_url", help="the course repository's address, e.g. https://github.com/ORG/REPO")
    parser.add_argument("--branch", default="main", help="the branch to pull (default: main)")
    parser.add_argument(
        "--path",
        default="notebooks/00-start-here.ipynb",
        help="the file to open, relative to the repository (default: notebooks/00-start-here.ipynb)",
    )
    parser.add_argument("--app", default="lab", choices=sorted(APPS), help="the interface to open (default: lab)")
    args = parser.parse_args(argv)
    try:
        print(hub_link(args.hub_url, args.repo_url, branch=args.branch, path=args.path, app=args.app))
    except ValueError as error:
        parser.error(str(error))  # prints the usage and the message to stderr, exits with status 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
