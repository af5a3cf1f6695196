"""A real JupyterHub on 127.0.0.1 for tests/test_hub.py, and a git server for the course.

- :class:`GitServer` serves bare repositories over HTTP: git's *smart* protocol
  (``git http-backend`` behind a small threaded HTTP server), which supports the
  shallow clones nbgitpuller makes, or, with ``smart=False``, plain files (git's
  *dumb* protocol), which does not;
- :func:`publish_course` makes a bare repository from the course as it is on
  disk (what ``git add -A`` would take), and :func:`push_change` adds an
  upstream commit to it, as a teacher does;
- :class:`Hub` runs JupyterHub (dummy authenticator, local processes with one
  home folder per learner, configurable-http-proxy from npm) with the course's
  own hub configuration, ``hub/jupyterhub_config.py``, and stops everything it
  started: hub, proxy, learners' servers and their kernels.

Only the standard library and psutil (a JupyterLab dependency) are used here;
Playwright is driven by the test itself.

Example:
    >>> hub_pins()["nbgitpuller"]
    '1.3.0'
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from functools import partial
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent  # the course folder
HUB_FOLDER = ROOT / "hub"
HUB_CONFIG = HUB_FOLDER / "jupyterhub_config.py"
HUB_REQUIREMENTS = HUB_FOLDER / "requirements.txt"
PROXY = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._\-]*)==([^\s#;]+)\s*(?:#.*)?$")
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Course teacher",
    "GIT_AUTHOR_EMAIL": "teacher@example.edu",
    "GIT_COMMITTER_NAME": "Course teacher",
    "GIT_COMMITTER_EMAIL": "teacher@example.edu",
}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def hub_pins(path: Path = HUB_REQUIREMENTS) -> dict[str, str]:
    """The ``name==version`` pins of hub/requirements.txt, by canonical name."""
    pins = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = PIN.match(line.strip())
        if not match:
            raise ValueError(f"{path.name}, line {number}: not a 'name==version' pin: {line!r}")
        pins[canonical(match.group(1))] = match.group(2)
    return pins


# --- git -----------------------------------------------------------------------------------------------------------


def git(*args: str, cwd: Path | None = None, env: dict | None = None) -> str:
    """Run git and return what it printed; raise with git's message if it fails."""
    result = subprocess.run(
        ["git", *args], cwd=cwd, env={**os.environ, **GIT_IDENTITY, **(env or {})}, capture_output=True, text=True
    )
    if result.returncode:
        raise RuntimeError(f"git {' '.join(args)} failed:\n{result.stderr.strip()}")
    return result.stdout


def publish_course(bare: Path, source: Path = ROOT, branch: str = "main") -> None:
    """Make ``bare`` a bare repository holding one commit of ``source`` as it is on disk.

    The files are those ``git add -A`` takes in ``source`` (its .gitignore applies), so uncommitted changes
    are tested too and nothing is copied.
    """
    git("init", "--quiet", "--bare", f"--initial-branch={branch}", str(bare))
    index = {"GIT_INDEX_FILE": str(bare / "course-test-index")}
    work = ("--git-dir", str(bare), "--work-tree", str(source))
    git(*work, "add", "--all", env=index)
    git(*work, "commit", "--quiet", "--message", "The course, as published", env=index)
    (bare / "course-test-index").unlink()


def push_change(bare: Path, scratch: Path, change, message: str, branch: str = "main") -> None:
    """A teacher's update: clone ``bare`` into ``scratch``, let ``change(folder)`` edit files, commit and push."""
    git("clone", "--quiet", "--branch", branch, str(bare), str(scratch))
    change(scratch)
    git("commit", "--quiet", "--all", "--message", message, cwd=scratch)
    git("push", "--quiet", "origin", branch, cwd=scratch)


class _SmartGitHandler(BaseHTTPRequestHandler):
    """Hands each request to ``git http-backend`` (CGI) and passes its answer back."""

    project_root = ""

    def do_GET(self):  # noqa: N802 - the name http.server calls
        self._backend()

    def do_POST(self):  # noqa: N802
        self._backend()

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    self.rfile.readline()
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _backend(self) -> None:
        path, _, query = self.path.partition("?")
        body = self._body() if self.command == "POST" else b""
        environment = {
            "PATH": os.environ.get("PATH", ""),
            "GIT_PROJECT_ROOT": self.project_root,
            "GIT_HTTP_EXPORT_ALL": "1",
            "GATEWAY_INTERFACE": "CGI/1.1",
            "SERVER_PROTOCOL": self.request_version,
            "REQUEST_METHOD": self.command,
            "PATH_INFO": urllib.request.url2pathname(path),
            "QUERY_STRING": query,
            "REMOTE_ADDR": self.client_address[0],
            "CONTENT_TYPE": self.headers.get("Content-Type", ""),
            "CONTENT_LENGTH": str(len(body)),
        }
        for header, variable in (("Git-Protocol", "HTTP_GIT_PROTOCOL"), ("Content-Encoding", "HTTP_CONTENT_ENCODING")):
            if self.headers.get(header):
                environment[variable] = self.headers[header]
        result = subprocess.run(["git", "http-backend"], input=body, env=environment, capture_output=True)
        separator = b"\r\n\r\n" if b"\r\n\r\n" in result.stdout else b"\n\n"  # CGI headers, then the body
        head, _, content = result.stdout.partition(separator)
        status, headers = 200, []
        for line in head.decode("latin-1").splitlines():
            name, _, value = line.partition(":")
            if name.lower() == "status":
                status = int(value.split()[0])
            elif name:
                headers.append((name, value.strip()))
        if result.returncode and not result.stdout:
            status, content = 500, result.stderr
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)

    def log_message(self, *args) -> None:  # quiet: the test reports failures itself
        pass


class _QuietFileHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class GitServer:
    """Serve the bare repositories in ``root`` on 127.0.0.1 over git's smart HTTP protocol (dumb with ``smart=False``).

    Use it as a context manager, or call :meth:`start` and :meth:`stop`.
    """

    def __init__(self, root: Path, smart: bool = True):
        self.root = Path(root)
        self.smart = smart
        self.server: ThreadingHTTPServer | None = None
        self.thread: threading.Thread | None = None

    def __enter__(self) -> GitServer:
        self.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()

    def start(self) -> None:
        if self.smart:
            handler = type("Handler", (_SmartGitHandler,), {"project_root": str(self.root)})
        else:
            for bare in self.root.glob("*.git"):
                git("update-server-info", cwd=bare)  # the files a dumb client reads instead of asking git
            handler = partial(_QuietFileHandler, directory=str(self.root))
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, name="git-server", daemon=True)
        self.thread.start()

    def url(self, repository: str) -> str:
        """The address of ``repository`` (a folder of ``root``, such as ``media-framing-course.git``)."""
        return f"http://127.0.0.1:{self.server.server_address[1]}/{repository}"

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.thread.join(timeout=10)
            self.server = self.thread = None


# --- the hub -------------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Hub:
    """JupyterHub on 127.0.0.1 with the course's hub configuration, in a temporary folder of its own.

    ``python`` is the environment the hub runs from; ``learners_python`` the learners' environment, whose
    ``jupyterhub-singleuser`` each learner's server runs. Each learner gets a home folder of their own,
    ``<folder>/home/<name>`` (JupyterHub's SimpleLocalProcessSpawner: no Unix users are needed). The hub loads
    hub/jupyterhub_config.py exactly as an administrator would, then the test's own settings.
    """

    def __init__(self, users: list[str], python: str = sys.executable, learners_python: str = sys.executable):
        self.users = list(users)
        self.python = Path(python)
        self.learners_python = Path(learners_python)
        self.folder: Path | None = None
        self.process: subprocess.Popen | None = None
        self.port = 0
        self.ready_seconds = 0.0
        self._log = None

    def __enter__(self) -> Hub:
        self.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def home(self, user: str) -> Path:
        return self.folder / "home" / user

    def config(self) -> str:
        """The hub's configuration: the course's lines (hub/jupyterhub_config.py), then the test's."""
        single_user = self.learners_python.parent / "jupyterhub-singleuser"
        return f"""# Written by tests/support/hub.py for one test run.
c = get_config()  # noqa: F821

# The course's lines, as an administrator loads them.
load_subconfig({str(HUB_CONFIG)!r})  # noqa: F821

# A throw-away hub on 127.0.0.1: its files in {str(self.folder)!r}.
c.JupyterHub.bind_url = "http://127.0.0.1:{self.port}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.command = [{str(PROXY)!r}]
c.ConfigurableHTTPProxy.pid_file = {str(self.folder / "proxy.pid")!r}
c.JupyterHub.db_url = "sqlite:///{self.folder / "jupyterhub.sqlite"}"
c.JupyterHub.cookie_secret_file = {str(self.folder / "jupyterhub_cookie_secret")!r}
c.JupyterHub.pid_file = {str(self.folder / "jupyterhub.pid")!r}

# Learners log in with any password; each one's server runs as this user, in a home folder of its own.
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allowed_users = {set(self.users)!r}
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {str(self.folder / "home" / "{username}")!r}
c.Spawner.cmd = [{str(single_user)!r}]
c.Spawner.ip = "127.0.0.1"
c.Spawner.args = [
    "--ServerApp.allow_root=True",  # CI runs as root
    "--LabApp.expose_app_in_browser=True",  # the test reads the notebook through window.jupyterapp
]
c.Spawner.start_timeout = 90
c.Spawner.http_timeout = 90
c.LocalProcessSpawner.interrupt_timeout = 10
c.LocalProcessSpawner.term_timeout = 5
"""

    def start(self, timeout: float = 60) -> None:
        started = time.perf_counter()
        self.folder = Path(tempfile.mkdtemp(prefix="course-hub-"))
        (self.folder / "home").mkdir()
        (self.folder / "hub-home").mkdir()
        self.port = free_port()
        config = self.folder / "jupyterhub_config.py"
        config.write_text(self.config(), encoding="utf-8")
        environment = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("JUPYTER", "PYTHON", "VIRTUAL_ENV", "IPYTHON"))
        }
        environment |= {"HOME": str(self.folder / "hub-home"), "PATH": f"{self.python.parent}:{os.environ['PATH']}"}
        self._log = open(self.folder / "hub.log", "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [str(self.python.parent / "jupyterhub"), "--config", str(config)],
            cwd=self.folder,
            env=environment,
            stdin=subprocess.DEVNULL,  # a server stopped with SIGINT must not ask on a terminal whether to stop
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterHub exited with code {self.process.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/hub/api/", timeout=2) as answer:
                    if json.loads(answer.read()).get("version"):
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError, ValueError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"JupyterHub did not answer on {self.url} within {timeout} s:\n{self.log_tail()}")
            time.sleep(0.2)
        self.ready_seconds = time.perf_counter() - started

    def log_tail(self, characters: int = 4000) -> str:
        if self.folder is None or not (self.folder / "hub.log").exists():
            return ""
        return (self.folder / "hub.log").read_text(encoding="utf-8", errors="replace")[-characters:]

    def processes(self) -> list:
        """The hub and every process it started that still runs (proxy, learners' servers, kernels, git)."""
        import psutil  # a JupyterLab dependency, pinned in environment.yml

        if self.process is None:
            return []
        try:
            hub = psutil.Process(self.process.pid)
            return [hub, *hub.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def stop(self, keep_log: Path | None = None) -> list[str]:
        """Stop the hub, which stops the proxy and the learners' servers (and they their kernels); then end any
        process of the hub's that is left, and remove the folder. Returns what had to be killed (normally nothing).
        """
        import psutil

        leftovers = []
        if self.process is not None:
            started = self.processes()[1:]  # every process the hub started, noted while they can still be found
            if self.process.poll() is None:
                self.process.send_signal(signal.SIGTERM)
                try:
                    self.process.wait(timeout=45)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait(timeout=15)
            _gone, alive = psutil.wait_procs(started, timeout=10)
            for process in alive:
                try:
                    leftovers.append(" ".join(process.cmdline()[:3]))
                    process.kill()
                except psutil.NoSuchProcess:
                    pass
            psutil.wait_procs(alive, timeout=10)
            self.process = None
        if self._log is not None:
            self._log.close()
            self._log = None
        if self.folder is not None:
            if keep_log is not None and (self.folder / "hub.log").exists():
                keep_log.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(self.folder / "hub.log", keep_log)
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
        return leftovers


def random_password() -> str:
    return secrets.token_urlsafe(12)
