"""Check that the course sets up and runs from a fresh clone, as a new user would get it.

    python3 tools/fresh_clone_check.py

Clones the repository's committed HEAD into an empty temporary folder, runs
the README's set-up command there (``python3 course.py setup``), imports the
helpers and executes lesson 00 with that environment. It catches files that
were never committed and install steps that exist only on a developer's
machine. Uses only the standard library until the clone's environment exists.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

EXECUTE_LESSON_00 = """
import nbformat
from nbclient import NotebookClient
nb = nbformat.read("notebooks/00-start-here.ipynb", as_version=4)
NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": "notebooks"}}).execute()
errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
assert not errors, errors
print("lesson 00 ran without errors")
"""


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="course-fresh-clone-") as tmp:
        clone = Path(tmp) / "course"
        started = time.perf_counter()
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        subprocess.run([sys.executable, "course.py", "setup"], cwd=clone, check=True)
        setup_seconds = time.perf_counter() - started
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
        subprocess.run([str(python), "-c", EXECUTE_LESSON_00], cwd=clone, check=True)
        print(f"fresh clone: set-up took {setup_seconds:.0f} s; helpers import from the clone; lesson 00 runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
