"""Set up, start and test the course, one command each.

Usage (write `py -3.11` instead of `python3` on Windows):

    python3 course.py start [JUPYTERLAB OPTIONS]  set up (first time only), then open the course in JupyterLab
                                                   at lesson 00; prints the address to open if no browser opens
    python3 course.py app [SERVER OPTIONS]        set up (first time only), then open the corpus explorer app
                                                   (linked panels, no code) in Voila; prints its address
    python3 course.py test [PYTEST OPTIONS]       set up with the developers' tools, then lint and run every test
    python3 course.py setup [--dev]               only set up (--dev: with the developers' tools)
    python3 course.py clean PATH                  make the clean texts of a corpus folder from its raw captures
    python3 course.py address OWNER/NAME          set the course's public GitHub address wherever it appears
    python3 course.py help                        show this help

Options after `start` go to JupyterLab (for example `--port 9999` or `--no-browser`), options after
`app` to Jupyter Server (the same ones); options after `test` go to pytest (for example `-x -k words`).

Set-up makes a virtual environment in `.venv` holding exactly the package versions pinned in
`environment.yml` (the file Binder reads); `test` adds the developers' tools pinned in
`requirements-dev.txt` (which includes `requirements-dask.txt`, the researchers' Dask extra, so that its tests
run). It is redone whenever those files change. It needs Python 3.11 and a
connection to PyPI the first time; nothing else.
"""

# This file uses only Python's standard library, so it runs before anything is installed.

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import venv
import webbrowser
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / "course-environment.json"
LEARNER_PINS = ROOT / "environment.yml"
DEVELOPER_PINS = ROOT / "requirements-dev.txt"
LAB_SETTINGS = ROOT / "jupyter-settings" / "overrides.json"
FIRST_LESSON = "notebooks/00-start-here.ipynb"
APP = "app/explorer.ipynb"
APP_URL_PATH = f"voila/render/{APP}"
# The app's Voila settings and page template, installed into the environment (as postBuild does on Binder).
APP_FILES = {
    ROOT / "app" / "voila" / "voila.json": Path("etc") / "jupyter" / "voila.json",
    ROOT / "app" / "voila" / "templates" / "course-app" / "conf.json": Path(
        "share/jupyter/voila/templates/course-app/conf.json"
    ),
    ROOT / "app" / "voila" / "templates" / "course-app" / "index.html.j2": Path(
        "share/jupyter/voila/templates/course-app/index.html.j2"
    ),
}
# Where the app's chart library is put in the environment (see install_app_library), beside its page template.
APP_LIBRARY_DIR = Path("share/jupyter/voila/templates/course-app/static")
COMMANDS = ("start", "app", "test", "setup", "clean", "address", "help")
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._\-]*==[^\s#;]+)\s*(?:#.*)?$")
INCLUDE = re.compile(r"^-r\s+([^\s#]+)\s*(?:#.*)?$")  # a requirements file that includes another
PIP = ("-m", "pip", "install", "--quiet", "--disable-pip-version-check")


# --- the pins ---------------------------------------------------------------------------------------------------------


def pinned_packages(environment_file: Path = LEARNER_PINS) -> list[str]:
    """The ``name==version`` pins listed under ``pip:`` in environment.yml."""
    pins, in_pip = [], False
    for line in environment_file.read_text(encoding="utf-8").splitlines():
        if re.match(r"^\s+-\s+pip:\s*$", line):
            in_pip = True
            continue
        if in_pip:
            match = PIN.match(re.sub(r"^\s+-\s+", "", line)) if re.match(r"^\s+-\s+", line) else None
            if match:
                pins.append(match.group(1))
            elif line.strip() and not line.strip().startswith("#"):
                raise SystemExit(f"{environment_file.name}: cannot read this line under 'pip:': {line!r}")
    if not pins:
        raise SystemExit(f"{environment_file.name}: found no 'name==version' pins under 'pip:'.")
    return pins


def developer_packages(requirements_file: Path = DEVELOPER_PINS) -> list[str]:
    """The ``name==version`` pins of requirements-dev.txt (the developers' tools), with those of the files it
    includes (``-r requirements-dask.txt``)."""
    pins = []
    for number, line in enumerate(requirements_file.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        include = INCLUDE.match(line.strip())
        if include:
            pins += developer_packages(_included(requirements_file, number, include.group(1)))
            continue
        match = PIN.match(line.strip())
        if not match:
            raise SystemExit(f"{requirements_file.name}, line {number}: not a 'name==version' pin: {line!r}")
        pins.append(match.group(1))
    return pins


def _developer_fingerprint(requirements_file: Path = DEVELOPER_PINS) -> str:
    """What the developers' tools are installed from: requirements-dev.txt and the files it includes."""
    digest = hashlib.sha256(requirements_file.read_bytes())
    for number, line in enumerate(requirements_file.read_text(encoding="utf-8").splitlines(), start=1):
        include = INCLUDE.match(line.strip())
        if include:
            digest.update(_developer_fingerprint(_included(requirements_file, number, include.group(1))).encode())
    return digest.hexdigest()


def _included(requirements_file: Path, number: int, name: str) -> Path:
    """The file that line ``number`` of ``requirements_file`` includes (``-r NAME``), which must exist."""
    included = requirements_file.parent / name
    if not included.is_file():
        raise SystemExit(
            f"{requirements_file.name}, line {number}: includes {name}, which is not in {requirements_file.parent}. "
            f"Restore it (git checkout -- {name}) or remove the line."
        )
    return included


# --- set-up -----------------------------------------------------------------------------------------------------------


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _install_fingerprint() -> str:
    """What the environment is built from: the learners' pins and the parts of pyproject.toml that install helpers."""
    digest = hashlib.sha256(LEARNER_PINS.read_bytes())
    try:
        import tomllib

        project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
        tool = project.get("tool", {})
        installing = {k: project.get(k) for k in ("build-system", "project")} | {"setuptools": tool.get("setuptools")}
        digest.update(json.dumps(installing, sort_keys=True).encode())
    except ImportError:  # Python before 3.11 (not supported, but set-up should still say so clearly)
        digest.update((ROOT / "pyproject.toml").read_bytes())
    return digest.hexdigest()


def _stamp() -> dict:
    try:
        return json.loads(STAMP.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _run(*command: str | Path) -> None:
    print("+", " ".join(str(c) for c in command), flush=True)
    subprocess.run([str(c) for c in command], check=True, cwd=ROOT)


def _install_lab_settings(python: Path) -> None:
    """Copy the course's JupyterLab settings (no news pop-up), and the app's Voila settings and page template,
    where this environment's JupyterLab and Voila read them."""
    prefix = Path(
        subprocess.run(
            [str(python), "-c", "import sys; print(sys.prefix)"], capture_output=True, text=True, check=True
        ).stdout.strip()
    )
    copies = {LAB_SETTINGS: Path("share") / "jupyter" / "lab" / "settings" / "overrides.json", **APP_FILES}
    for source, relative in copies.items():
        target = prefix / relative
        if not target.is_file() or target.read_bytes() != source.read_bytes():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    subprocess.run([str(python), "-c", "import course; course.install_app_library()"], check=True, cwd=ROOT)


def install_app_library(prefix: Path | None = None) -> Path | None:
    """Put plotly's chart library for widgets beside the app's page template, where Voila serves it as a file.

    Every chart of the app is a plotly FigureWidget, which otherwise sends its own copy of the library (about
    5 MB) through the kernel's connection, and the browser reads each copy again: a second or more for every
    panel. Served as one file (``voila/templates/course-app/static/plotly-widget-<version>.js``), the browser
    loads it once (app/panels.py, ``share_plotly_library``). Run by the environment's own Python (set-up, and
    Binder's postBuild: ``python -c "import course; course.install_app_library()"``); returns the file, or None
    without plotly.
    """
    import importlib.metadata
    import importlib.util

    spec = importlib.util.find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        return None
    bundle = Path(spec.submodule_search_locations[0]) / "package_data" / "widgetbundle.js"
    if not bundle.is_file():
        return None
    prefix = Path(prefix or sys.prefix)
    target = prefix / APP_LIBRARY_DIR / f"plotly-widget-{importlib.metadata.version('plotly')}.js"
    if not target.is_file() or target.stat().st_size != bundle.stat().st_size:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(bundle, target)
    return target


def setup(dev: bool = False) -> Path:
    """Create or refresh .venv so that it holds exactly the pinned packages (and the developers' with ``dev``)."""
    if sys.version_info[:2] != (3, 11):
        print(
            f"warning: the course is pinned and tested for Python 3.11; this is "
            f"{sys.version_info.major}.{sys.version_info.minor}. If installing fails, use Python 3.11.",
            file=sys.stderr,
        )
    learner = _install_fingerprint()
    developer = _developer_fingerprint()
    stamp = _stamp() if venv_python().exists() else {}
    stale_dev = stamp.get("developer") not in (None, developer)  # other dev pins were installed: start afresh
    if stamp.get("learner") != learner or stale_dev:
        if VENV.is_symlink():  # a borrowed environment: rebuilding it would change another checkout's .venv
            raise SystemExit(
                f"error: .venv is a link to {VENV.resolve()}, whose packages do not match this checkout's "
                "environment.yml, requirements-dev.txt or pyproject.toml. Remove the link (rm .venv) and run "
                "this command again to build an environment of its own here, or run `python3 course.py setup` "
                "in the checkout the link points to."
            )
        if VENV.exists():
            print("environment.yml, the developers' requirements or pyproject.toml changed: rebuilding .venv")
            shutil.rmtree(VENV)
        print("Setting up the course environment in .venv (about a minute, once)", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
        requirements = VENV / "requirements-pinned.txt"
        requirements.write_text("\n".join(pinned_packages()) + "\n", encoding="utf-8")
        _run(venv_python(), *PIP, "-r", requirements)
        _run(venv_python(), *PIP, "--no-deps", "--no-build-isolation", "-e", ".")
        stamp = {"learner": learner}
        STAMP.write_text(json.dumps(stamp) + "\n", encoding="utf-8")
    if dev and stamp.get("developer") != developer:
        print("Adding the developers' tools (requirements-dev.txt) to .venv", flush=True)
        _run(venv_python(), *PIP, "-r", DEVELOPER_PINS)
        stamp["developer"] = developer
        STAMP.write_text(json.dumps(stamp) + "\n", encoding="utf-8")
    _install_lab_settings(venv_python())
    return venv_python()


# --- start ------------------------------------------------------------------------------------------------------------


def _option(extra: list[str], *names: str) -> str | None:
    """The value given to any of ``names`` among the extra options (``--port 9999`` or ``--port=9999``)."""
    for i, item in enumerate(extra):
        for name in names:
            if item == name and i + 1 < len(extra):
                return extra[i + 1]
            if item.startswith(name + "="):
                return item.split("=", 1)[1]
    return None


def _port_is_free(port: int) -> bool:
    """Whether ``port`` is free on 127.0.0.1 and, where the machine has IPv6, on ::1: Jupyter listens on both."""
    for family, host in ((socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")):
        try:
            s = socket.socket(family)
        except OSError:  # no IPv6 here
            continue
        with s:
            try:
                s.bind((host, port))
            except OSError as error:
                if family == socket.AF_INET6 and error.errno == errno.EADDRNOTAVAIL:
                    continue  # IPv6 without a loopback address
                return False
    return True


def _free_port(first: int = 8888, tries: int = 50) -> int:
    for port in range(first, first + tries):
        if _port_is_free(port):
            return port
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _server_command(python: Path, extra: list[str], program: list[str], url_path: str) -> tuple[list[str], str, dict]:
    """A Jupyter server command over the whole course, the one address that opens ``url_path``, and its environment.

    The same rules for JupyterLab (``start``) and the app (``app``): the server's root is the repository; a free
    port unless one is given; a new token, passed in $JUPYTER_TOKEN (not on the command line, where other users of
    the machine could see it) unless one is given; ``--allow-root`` when run as root; the extra options last.
    """
    port = _option(extra, "--port", "--ServerApp.port")
    token = secrets.token_urlsafe(24)
    command = [str(python), "-m", "jupyter", *program]
    if port is None:
        port = str(_free_port())
        command += [f"--ServerApp.port={port}", "--ServerApp.port_retries=0"]
    environment = dict(os.environ)
    if _option(extra, "--IdentityProvider.token", "--ServerApp.token") is None:
        environment["JUPYTER_TOKEN"] = token
    else:
        token = _option(extra, "--IdentityProvider.token", "--ServerApp.token") or ""
    if _is_root() and "--allow-root" not in extra:
        command.append("--allow-root")
    command += extra
    address = f"http://127.0.0.1:{port}/{url_path}" + (f"?token={token}" if token else "")
    return command, address, environment


def lab_command(python: Path, extra: list[str]) -> tuple[list[str], str, dict]:
    """The JupyterLab command that serves the whole course, the address that opens lesson 00, and its environment.

    The server's root is the repository, so lessons, exercises, solutions, the corpus and the README
    can all be opened, and every relative link between them works.
    """
    program = ["lab", f"--ServerApp.root_dir={ROOT}", FIRST_LESSON]
    return _server_command(python, extra, program, f"lab/tree/{FIRST_LESSON}")


def app_command(python: Path, extra: list[str]) -> tuple[list[str], str, dict]:
    """The Jupyter Server command that serves the corpus explorer app in Voila, the address that opens it, and its
    environment. It is the path Binder opens (``urlpath=voila/render/app/explorer.ipynb``), and the server's root
    is the repository, as for ``start``, so that a corpus of one's own can be given by its path."""
    program = ["server", f"--ServerApp.root_dir={ROOT}", f"--ServerApp.default_url=/{APP_URL_PATH}"]
    return _server_command(python, extra, program, APP_URL_PATH)


def _wait_until_ready(process: subprocess.Popen, address: str, timeout: float = 120) -> bool:
    status = re.sub(r"^(http://[^/]+/)[^?]*", r"\1api/status", address)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(status, timeout=2) as response:
                if response.status == 200:
                    return True
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    return False


def _serve(make_command, python: Path, extra: list[str], server: str, message: str) -> int:
    """Run a server until Control-C, printing the one address that opens what it serves once it answers.

    ``make_command(python, extra)`` gives the command, its address and its environment. When the port was chosen
    here and the server could not have it after all (another program took it in the meantime, as happens on a
    machine many people use), it is started again on another free port, twice at most."""
    if _is_root() and "--allow-root" not in extra:
        print(f"Running as root (as in a Docker container): starting {server} with --allow-root.", flush=True)
    open_browser = "--no-browser" not in extra and "--ServerApp.open_browser=False" not in extra
    port_given = _option(extra, "--port", "--ServerApp.port") is not None
    for attempt in range(3):
        command, address, environment = make_command(python, extra)
        # The server is asked not to open a browser itself: course.py opens the address once the server answers.
        process = subprocess.Popen([*command, "--no-browser"] if open_browser else command, cwd=ROOT, env=environment)
        try:
            ready = _wait_until_ready(process, address)
        except KeyboardInterrupt:
            return _stop(process)
        if ready or port_given or attempt == 2 or process.poll() in (None, 0):
            break
        print(f"{server} could not have its port: starting it again on another one.", flush=True)
    try:
        if ready:
            print(
                "\n" + "=" * 78 + "\n"
                f"{message[0]} To start, open this address in a web browser:\n\n"
                f"    {address}\n\n"
                f"{message[1]}\n"
                "On a remote machine, forward the port first (ssh -L PORT:127.0.0.1:PORT ...).\n"
                "To stop, press Control-C here (twice to skip the question).\n" + "=" * 78 + "\n",
                flush=True,
            )
            if open_browser:
                try:
                    webbrowser.open(address)
                except webbrowser.Error:
                    pass
        return process.wait()
    except KeyboardInterrupt:
        return _stop(process)


def _stop(process: subprocess.Popen) -> int:
    """After Control-C, which reaches the server too (same terminal): let it shut down its kernels."""
    try:
        return process.wait(timeout=30)
    except (KeyboardInterrupt, subprocess.TimeoutExpired):
        process.terminate()
        return process.wait()


def start(extra: list[str]) -> int:
    python = setup()
    message = (
        "The course is running.",
        "It opens lesson 00; the file browser on the left holds every lesson, exercise and solution.",
    )
    return _serve(lab_command, python, extra, "JupyterLab", message)


def app(extra: list[str]) -> int:
    python = setup()
    message = (
        "The corpus explorer app is running.",
        "It opens on the course corpus (ready in a few seconds); choose another corpus at the top of the page.",
    )
    return _serve(app_command, python, extra, "the app's server (Jupyter Server)", message)


# --- test, clean ----------------------------------------------------------------------------------------------------


def test(extra: list[str]) -> int:
    python = setup(dev=True)
    for command in (
        ["-m", "ruff", "check", "."],
        ["-m", "ruff", "format", "--check", "."],
        ["-m", "pytest", *extra],
    ):
        print("+ python", " ".join(command), flush=True)
        code = subprocess.call([str(python), *command], cwd=ROOT)
        if code:
            return code
    return 0


def clean(extra: list[str]) -> int:
    if len(extra) != 1 or extra[0].startswith("-"):
        print(
            "usage: python3 course.py clean PATH\n"
            "  PATH: a corpus folder with metadata.csv (with a raw_file column), raw/ and cleaning_rules.csv"
        )
        return 2
    python = setup()
    return subprocess.call([str(python), "-m", "helpers.cleaning", str(Path(extra[0]).resolve())], cwd=ROOT)


# --- the public address -----------------------------------------------------------------------------------------------

ADDRESS_FILE = ROOT / "pyproject.toml"
_ADDRESS_LINE = re.compile(r'^repository = "([^"]*)"', re.M)
_OWNER_NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")
_BLOCK = re.compile(
    r"(?P<open>(?:<!--|#) public-address:start(?: -->)?\n)(?P<body>.*?)(?P<close>(?:<!--|#) public-address:end)", re.S
)


def public_address() -> str:
    """The course's public GitHub repository as ``OWNER/NAME``, or "" while it has none.

    It is set in one place, ``[tool.course] repository`` in pyproject.toml, by ``python3 course.py address``.
    """
    match = _ADDRESS_LINE.search(ADDRESS_FILE.read_text(encoding="utf-8"))
    return match.group(1) if match else ""


def repository_url(address: str | None = None) -> str:
    """``https://github.com/OWNER/NAME``, or "" while the course has no public address."""
    address = public_address() if address is None else address
    return f"https://github.com/{address}" if address else ""


def binder_url(address: str | None = None, path: str = FIRST_LESSON) -> str:
    """The Binder link that opens ``path`` in JupyterLab, or "" while the course has no public address."""
    address = public_address() if address is None else address
    return f"https://mybinder.org/v2/gh/{address}/HEAD?urlpath=lab/tree/{path}" if address else ""


def binder_app_url(address: str | None = None) -> str:
    """The Binder link that opens the corpus explorer app in Voila, or "" while the course has no public address."""
    address = public_address() if address is None else address
    return f"https://mybinder.org/v2/gh/{address}/HEAD?urlpath={APP_URL_PATH}" if address else ""


def _address_blocks(address: str) -> dict[str, str]:
    """What each marked block holds for this address, by file (relative to the repository)."""
    name = address.split("/")[-1] if address else ""
    if address:
        badge = (
            f"[![Launch on Binder](https://mybinder.org/badge_logo.svg)]({binder_url(address)})\n"
            f"[Open the corpus explorer app on Binder]({binder_app_url(address)}) (linked panels, no code)\n"
        )
        clone = f"git clone {repository_url(address)}.git && cd {name}"
        site = (
            f'repository:\n  url: {repository_url(address)}\n  path_to_book: ""\n  branch: HEAD\n'
            "launch_buttons:\n  binderhub_url: https://mybinder.org\n"
        )
        site_buttons = "  use_repository_button: true\n"
        citation = f'repository-code: "{repository_url(address)}"\n'
    else:
        badge = (
            "> **No Binder link yet.** This copy of the course has no public address. To run it on Binder, put\n"
            "> it in a public GitHub repository, run `python3 course.py address OWNER/NAME` and commit: the\n"
            "> badge appears here, with a link that opens the corpus explorer app. Or paste the repository's\n"
            "> address into the form at https://mybinder.org (for the app, give it `voila/render/app/explorer.ipynb`\n"
            "> as the URL to open).\n"
        )
        clone = "git clone <address of the course repository> && cd <its folder>"
        site = 'repository:\n  url: ""\n  path_to_book: ""\n  branch: HEAD\nlaunch_buttons:\n  binderhub_url: ""\n'
        site_buttons = "  use_repository_button: false\n"
        citation = ""
    commands = (
        f"```bash\n{clone}\n\n"
        "python3 course.py start   # set up, then open JupyterLab on the first lesson\n"
        "python3 course.py test    # set up, then run every test\n```\n"
    )
    return {
        "README.md": [badge, commands],
        "site/_config.yml": [site, site_buttons],
        "CITATION.cff": [citation],
    }


def _with_address(text: str, bodies: list[str], where: str) -> str:
    blocks = list(_BLOCK.finditer(text))
    if len(blocks) != len(bodies):
        raise SystemExit(f"{where}: expected {len(bodies)} public-address block(s), found {len(blocks)}")
    parts, last = [], 0
    for block, body in zip(blocks, bodies):
        parts += [text[last : block.start("body")], body]
        last = block.end("body")
    return "".join(parts) + text[last:]


def address_copies(address: str | None = None) -> dict[Path, str]:
    """Every file that holds a copy of the public address, as it should read: path -> text."""
    address = public_address() if address is None else address
    result = {}
    for relative, bodies in _address_blocks(address).items():
        path = ROOT / relative
        result[path] = _with_address(path.read_text(encoding="utf-8"), bodies, relative)
    return result


def address(extra: list[str]) -> int:
    if len(extra) != 1:
        print(f"usage: python3 course.py address OWNER/NAME   (now: {public_address() or 'not set'})")
        return 2
    new = extra[0].strip().removeprefix("https://github.com/").removesuffix(".git").strip("/")
    if new != "" and not _OWNER_NAME.match(new):
        print(f"course.py address: {extra[0]!r} is not a GitHub OWNER/NAME, such as jane-doe/reading-the-frame")
        return 2
    text = ADDRESS_FILE.read_text(encoding="utf-8")
    ADDRESS_FILE.write_text(_ADDRESS_LINE.sub(f'repository = "{new}"', text, count=1), encoding="utf-8")
    for path, content in address_copies(new).items():
        path.write_text(content, encoding="utf-8")
        print(f"updated {path.relative_to(ROOT)}")
    print(f"The course's public address is now {repository_url(new) or 'not set'}. Commit the changed files.")
    return 0


# --- the command line -------------------------------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("help", "-h", "--help"):
        print(__doc__.strip())
        return 0 if argv else 2
    command, extra = argv[0], argv[1:]
    if command not in COMMANDS:
        print(f"course.py: unknown command {command!r}. The commands are: {', '.join(COMMANDS)}.", file=sys.stderr)
        print("For example: python3 course.py start   (python3 course.py help says more)", file=sys.stderr)
        return 2
    if command == "setup":
        unknown = [a for a in extra if a != "--dev"]
        if unknown:
            print(f"course.py setup: unknown option(s) {' '.join(unknown)}; the only option is --dev.", file=sys.stderr)
            return 2
        setup(dev="--dev" in extra)
        return 0
    return {"start": start, "app": app, "test": test, "clean": clean, "address": address}[command](extra)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
