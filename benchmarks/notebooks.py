"""Print how long each course notebook takes to execute headlessly on a fresh kernel.

    .venv/bin/python -m benchmarks.notebooks

Each notebook in notebooks/, exercises/ and solutions/ runs once, in order,
with nbclient (no browser). Times include starting the kernel.
"""

import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    total = 0.0
    print(f"{'notebook':<45} {'seconds':>8}")
    for folder in ("notebooks", "exercises", "solutions"):
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            started = time.perf_counter()
            NotebookClient(
                nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
            ).execute()
            seconds = time.perf_counter() - started
            total += seconds
            print(f"{folder + '/' + path.name:<45} {seconds:>8.1f}", flush=True)
    print(f"{'whole course (one after another)':<45} {total:>8.1f}")


if __name__ == "__main__":
    main()
