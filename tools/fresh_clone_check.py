"""Check that the course sets up, starts and runs from a fresh clone, as a new user would get it.

    python3 -m tools.fresh_clone_check

Clones the repository's committed HEAD into an empty temporary folder and, there:

1. runs the README's set-up (``python3 course.py setup``: the learners' environment only) and times it;
2. imports the helpers from a lesson's folder and executes lesson 00 with that environment;
3. runs the README's start command (``python3 course.py start --no-browser``) as a user would, reads the
   address it prints, and opens lesson 00, an exercise, a solution and the README through that server;
4. adds the developers' tools (``python3 course.py setup --dev``), as the test command does, and times it.

It prints the time and disk size of both environments (the README's figures come from here), and catches
files that were never committed and install steps that exist only on a developer's machine. Uses only the
standard library until the clone's environment exists; `course.py start` is run and stopped by the same
helper the start tests use (tests/support/started.py, standard library only).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _standard_library_module(name: str, path: Path):
    """Import one file of the tests' support package on its own: the package itself needs pandas, which the
    system Python running this check does not have; the file needs only the standard library."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


StartedCommand = _standard_library_module("started", ROOT / "tests" / "support" / "started.py").StartedCommand
ADDRESS = re.compile(r"http://127\.0\.0\.1:(\d+)/lab/tree/notebooks/00-start-here\.ipynb\?token=(\S+)")
THROUGH_THE_SERVER = (
    "notebooks/00-start-here.ipynb",
    "exercises/01-meet-the-corpus-exercises.ipynb",
    "solutions/01-meet-the-corpus-solutions.ipynb",
    "README.md",
)

EXECUTE_LESSON_00 = """
import nbformat
from nbclient import NotebookClient
nb = nbformat.read("notebooks/00-start-here.ipynb", as_version=4)
NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": "notebooks"}}).execute()
errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
assert not errors, errors
print("lesson 00 ran without errors")
"""


def size_mb(folder: Path) -> float:
    total = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
    return total / 1e6


def timed(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True)
    return time.perf_counter() - started


def check_start(clone: Path, home: Path) -> float:
    """Run `course.py start` in the clone, open files through the address it prints; return seconds to the address."""
    started = StartedCommand("start", ADDRESS, clone, home)
    try:
        port, token = started.address().groups()
        for path in THROUGH_THE_SERVER:
            url = f"http://127.0.0.1:{port}/api/contents/{path}?content=0&token={token}"
            with urllib.request.urlopen(url, timeout=30) as answer:
                assert json.load(answer)["path"] == path, path
        return started.address_seconds
    finally:
        started.stop()


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="course-fresh-clone-") as tmp:
        clone, home = Path(tmp) / "course", Path(tmp) / "home"
        home.mkdir()
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        learner_seconds = timed([sys.executable, "course.py", "setup"], clone)
        learner_mb = size_mb(clone / ".venv")
        python = clone / ".venv" / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
        found = subprocess.run(
            [str(python), "-c", "import helpers; print(helpers.__file__)"],
            cwd=clone / "notebooks",
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        if not found.startswith(str(clone)):
            print(f"fresh clone imports helpers from the wrong place: {found}", file=sys.stderr)
            return 1
        subprocess.run(
            [str(python), "-c", EXECUTE_LESSON_00], cwd=clone, check=True, env={**os.environ, "HOME": str(home)}
        )
        start_seconds = check_start(clone, home)
        developer_seconds = timed([sys.executable, "course.py", "setup", "--dev"], clone)
        developer_mb = size_mb(clone / ".venv")
        print(
            f"fresh clone: learners' environment set up in {learner_seconds:.0f} s, {learner_mb:.0f} MB; "
            f"helpers import from the clone; lesson 00 runs; `course.py start` printed lesson 00's address after "
            f"{start_seconds:.1f} s and served {len(THROUGH_THE_SERVER)} files through it; "
            f"developers' tools added in {developer_seconds:.0f} s, {developer_mb:.0f} MB in all"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
