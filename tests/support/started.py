"""`python3 course.py start` and `python3 course.py app`, run as a user runs them, for the tests and the benchmarks.

- :func:`clone_course` makes a fresh clone of this checkout's committed files with the working tree's changes
  on top (as in CI), borrowing its ``.venv``;
- :class:`StartedCommand` runs ``python3 course.py <command> --no-browser [extra]`` in a folder, with a throw-away
  home folder, collects what it prints as it comes, finds the one address it prints, and stops it as a user
  does (Control-C).

Used by tests/test_start.py and tools/fresh_clone_check.py (``start``), tests/test_app_start.py, tests/test_app.py
and benchmarks/app.py (``app``).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def clone_course(target: Path) -> Path:
    """A fresh clone of this checkout's committed files in ``target/course``, with the working tree's changes on
    top (as in CI) and this checkout's ``.venv`` borrowed (set-up is checked from a truly fresh clone by
    tools/fresh_clone_check.py)."""
    clone = target / "course"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    changed = subprocess.run(
        ["git", "ls-files", "--modified", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()
    for name in changed:
        source = ROOT / name
        if source.is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            (clone / name).write_bytes(source.read_bytes())
    for name in subprocess.run(
        ["git", "ls-files", "--deleted"], cwd=ROOT, capture_output=True, text=True
    ).stdout.split():
        (clone / name).unlink(missing_ok=True)
    (clone / ".venv").symlink_to(ROOT / ".venv", target_is_directory=True)
    return clone


class StartedCommand:
    """`python3 course.py <command> --no-browser [extra]` in ``folder``, its printed lines collected as they come.

    ``address_pattern`` is the address the command must print (a regular expression whose group 1 is the whole
    address); :meth:`address` waits for it and records how long it took (``address_seconds``).
    """

    def __init__(self, command: str, address_pattern: re.Pattern, folder: Path, home: Path, extra=None):
        environment = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "PYTHONPATH"))}
        environment |= {"HOME": str(home), "PYTHONUNBUFFERED": "1"}
        self.command, self.pattern = command, address_pattern
        self.started = time.perf_counter()
        self.address_seconds = 0.0
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "course.py", command, "--no-browser", *(extra or [])],
            cwd=folder,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def address(self, timeout: float = 180) -> re.Match:
        """The address printed (a match of ``address_pattern``); AssertionError with what was printed if none."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in list(self.lines):
                match = self.pattern.search(line)
                if match:
                    self.address_seconds = self.address_seconds or time.perf_counter() - self.started
                    return match
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        printed = "\n".join(self.lines[-40:])
        raise AssertionError(f"course.py {self.command} printed no address. It printed:\n{printed}")

    def stop(self) -> int:
        """Control-C, as a user stops it (the server shuts down its kernels), then make sure everything is gone."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=30)
        return self.process.returncode
