"""Set up, start and test the course with one command each.

    python course.py start    set up (first time only) and open JupyterLab on lesson 00
    python course.py test     set up (first time only) and run every test
    python course.py setup    only set up

Set-up makes a virtual environment in ``.venv`` holding exactly the package
versions pinned in ``environment.yml`` (the file Binder reads), then installs
the course's ``helpers`` package into it. It is redone whenever
``environment.yml`` or ``pyproject.toml`` changes. It needs Python 3.11 and a
connection to PyPI the first time; nothing else.

This file uses only Python's standard library, so it runs before anything is
installed.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / "course-environment.sha256"
FIRST_LESSON = "notebooks/00-start-here.ipynb"
PIN = re.compile(r"^\s+-\s+([A-Za-z0-9][A-Za-z0-9._\-]*==[^\s#]+)\s*(?:#.*)?$")


def pinned_packages(environment_file: Path = ROOT / "environment.yml") -> list[str]:
    """The ``name==version`` pins listed under ``pip:`` in environment.yml."""
    pins, in_pip = [], False
    for line in environment_file.read_text(encoding="utf-8").splitlines():
        if re.match(r"^\s+-\s+pip:\s*$", line):
            in_pip = True
            continue
        if in_pip:
            match = PIN.match(line)
            if match:
                pins.append(match.group(1))
            elif line.strip() and not line.strip().startswith("#"):
                raise SystemExit(f"environment.yml: cannot read this line under 'pip:': {line!r}")
    if not pins:
        raise SystemExit("environment.yml: found no 'name==version' pins under 'pip:'.")
    return pins


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for name in ("environment.yml", "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def _run(*command: str | Path) -> None:
    print("+", " ".join(str(c) for c in command), flush=True)
    subprocess.run([str(c) for c in command], check=True, cwd=ROOT)


def setup() -> Path:
    """Create or refresh .venv so that it holds exactly the pinned packages."""
    if sys.version_info[:2] != (3, 11):
        print(
            f"warning: the course is pinned and tested for Python 3.11; this is "
            f"{sys.version_info.major}.{sys.version_info.minor}. If installing fails, use Python 3.11.",
            file=sys.stderr,
        )
    fingerprint = _fingerprint()
    if venv_python().exists() and STAMP.exists() and STAMP.read_text().strip() == fingerprint:
        return venv_python()
    if VENV.exists():
        print("environment.yml or pyproject.toml changed: rebuilding .venv")
        shutil.rmtree(VENV)
    print("Setting up the course environment in .venv (this takes a minute or two, once)")
    venv.EnvBuilder(with_pip=True).create(VENV)
    requirements = VENV / "requirements-pinned.txt"
    requirements.write_text("\n".join(pinned_packages()) + "\n", encoding="utf-8")
    python = venv_python()
    _run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", requirements)
    _run(
        python,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--no-deps",
        "--no-build-isolation",
        "-e",
        ".",
    )
    STAMP.write_text(fingerprint + "\n", encoding="utf-8")
    return python


def start(extra: list[str]) -> int:
    python = setup()
    return subprocess.call([str(python), "-m", "jupyter", "lab", FIRST_LESSON, *extra], cwd=ROOT)


def test(extra: list[str]) -> int:
    python = setup()
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


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"start", "test", "setup"}:
        print(__doc__)
        return 2
    command, extra = argv[0], argv[1:]
    if command == "setup":
        setup()
        return 0
    return start(extra) if command == "start" else test(extra)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
