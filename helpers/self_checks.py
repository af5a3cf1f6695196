"""Self-checks for the exercises: say whether an answer is right, without giving it away.

Every exercise task ends with a cell such as::

    check("02.1", answer)

:func:`check` compares the answer with the expected one and shows either a
"Correct" message or "Not yet" with a hint. The expected answers are not
stored in the course files: ``helpers/data/checks/<lesson>.csv`` holds a
salted SHA-256 hash of each normalised answer, so reading the file does not
reveal it. (A determined learner could still guess and hash; the checks are for
feedback, not for grading.)

How an answer is normalised before hashing depends on the task's ``kind``:

- ``text``: surrounding spaces removed, case ignored, curly apostrophes made straight;
- ``number``: rounded to the task's ``decimals``;
- ``set``: a list, set or Series of texts, compared as a set (order and case ignored);
- ``list``: like ``set`` but in order.

Teachers add (or change) a task with::

    python tools/add_check.py 02.1 text "regime" --hint "Look at the first row of the table."

A wrong answer that learners often give can have a hint of its own, shown
before the task's hint when exactly that answer comes back. It is stored the
same way, as a hash, in ``helpers/data/checks/mistakes.csv``::

    python tools/add_check.py 02.2 mistake 9 --hint "You gave the count, not the rate per 1,000 words."

Example:
    >>> check("00.1", 4).correct
    True
    >>> result = check("00.1", 5)
    >>> result.correct, result.message.startswith("Not yet")
    (False, True)
    >>> check("02.2", 9).message.split(" Hint:")[0]
    'Not yet. You gave the count, not the rate per 1,000 words.'
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import html
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

CHECKS_DIR = Path(__file__).resolve().parent / "data" / "checks"
MISTAKES_FILE = CHECKS_DIR / "mistakes.csv"
SALT = "reading-the-frame"
KINDS = ("text", "number", "set", "list")
NOT_ANSWERED_HINT = "Replace None with your answer and run the cell again."


@dataclass
class CheckResult:
    """The outcome of one self-check; shown in a notebook as a coloured message."""

    task: str
    correct: bool
    message: str

    def __repr__(self) -> str:
        return self.message

    def _repr_html_(self) -> str:
        colour, mark = ("#1a7f37", "✔") if self.correct else ("#9a6700", "✘")
        return (
            f'<div role="status" style="border-left: 4px solid {colour}; padding: 4px 10px;">'
            f"<strong>{mark} {html.escape(self.task)}</strong> {html.escape(self.message)}</div>"
        )


@lru_cache(maxsize=1)
def _tasks() -> dict[str, dict]:
    tasks = {}
    for path in sorted(CHECKS_DIR.glob("[0-9][0-9].csv")):
        with open(path, encoding="utf-8", newline="") as f:
            tasks.update({row["task"]: row for row in csv.DictReader(f)})
    return tasks


@lru_cache(maxsize=1)
def _mistakes() -> dict[tuple[str, str], str]:
    """The hints for known wrong answers, by (task, hash of the wrong answer)."""
    if not MISTAKES_FILE.exists():
        return {}
    with open(MISTAKES_FILE, encoding="utf-8", newline="") as f:
        return {(row["task"], row["answer_hash"]): row["hint"] for row in csv.DictReader(f)}


def _as_items(answer) -> list[str]:
    if isinstance(answer, pd.DataFrame):
        raise ValueError("This task wants a list of words, not a whole table: pick one column, e.g. table['term'].")
    if isinstance(answer, str):
        return [answer]
    return [str(item) for item in answer]


def normalise(answer, kind: str, decimals: int = 0) -> str:
    """The canonical text form of an answer, the thing that is hashed.

    Example:
        >>> normalise(" Iran’s Regime ", "text")
        "iran's regime"
        >>> normalise(["MKO", "mek"], "set")
        'mek|mko'
        >>> normalise(12.3456, "number", decimals=2)
        '12.35'
    """
    if kind == "text":
        return str(answer).strip().replace("’", "'").casefold()
    if kind == "number":
        value = float(answer)
        return f"{round(value, decimals):.{decimals}f}"
    if kind in ("set", "list"):
        items = [normalise(item, "text") for item in _as_items(answer)]
        return "|".join(sorted(set(items)) if kind == "set" else items)
    raise ValueError(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")


def answer_hash(task: str, canonical: str) -> str:
    """The salted hash stored for a task. The task id is part of the salt."""
    return hashlib.sha256(f"{SALT}:{task}:{canonical}".encode()).hexdigest()


def check(task: str, answer) -> CheckResult:
    """Check the answer to an exercise task and say whether it is right.

    Shows "Correct" or "Not yet" with a hint; never shows the expected answer.
    A wrong answer listed in ``mistakes.csv`` gets its own hint first.
    """
    tasks = _tasks()
    if task not in tasks:
        return CheckResult(task, False, f"There is no task {task!r}. Check the task number in the cell above.")
    spec = tasks[task]
    if answer is None or answer is Ellipsis:
        return CheckResult(task, False, f"Not yet answered. {NOT_ANSWERED_HINT}")
    try:
        canonical = normalise(answer, spec["kind"], int(spec["decimals"] or 0))
    except (TypeError, ValueError) as error:
        return CheckResult(task, False, f"Not yet: this answer has the wrong form ({error}). Hint: {spec['hint']}")
    given = answer_hash(task, canonical)
    if given == spec["answer_hash"]:
        return CheckResult(task, True, f"Correct. {spec['well_done']}".strip())
    mistake = _mistakes().get((task, given))
    if mistake:
        return CheckResult(task, False, f"Not yet. {mistake} Hint: {spec['hint']}")
    return CheckResult(task, False, f"Not yet. Hint: {spec['hint']}")


def add_task(task: str, kind: str, value: str, hint: str, well_done: str = "", decimals: int = 0) -> None:
    """Add a task to its lesson's file (``02.1`` goes to ``checks/02.csv``), or replace it.

    The value is hashed, never stored.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}")
    items = value.split("|") if kind in ("set", "list") else value
    row = {
        "task": task,
        "kind": kind,
        "decimals": str(decimals),
        "answer_hash": answer_hash(task, normalise(items, kind, decimals)),
        "hint": hint,
        "well_done": well_done,
    }
    path = CHECKS_DIR / f"{task.split('.')[0]}.csv"
    tasks = {}
    if path.exists():
        with open(path, encoding="utf-8", newline="") as f:
            tasks = {r["task"]: r for r in csv.DictReader(f)}
    tasks[task] = row
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(row), lineterminator="\n")
        writer.writeheader()
        writer.writerows(sorted(tasks.values(), key=lambda r: r["task"]))
    _tasks.cache_clear()


def add_mistake(task: str, value: str, hint: str) -> None:
    """Give a known wrong answer to a task its own hint, in ``checks/mistakes.csv``.

    The value is normalised as the task's answers are, hashed and never stored. A value
    that is the task's right answer is refused.
    """
    tasks = _tasks()
    if task not in tasks:
        raise ValueError(f"there is no task {task!r}: add the task first")
    spec = tasks[task]
    items = value.split("|") if spec["kind"] in ("set", "list") else value
    given = answer_hash(task, normalise(items, spec["kind"], int(spec["decimals"] or 0)))
    if given == spec["answer_hash"]:
        raise ValueError(f"{value!r} is the right answer to {task}, not a mistake")
    rows = {}
    if MISTAKES_FILE.exists():
        with open(MISTAKES_FILE, encoding="utf-8", newline="") as f:
            rows = {(r["task"], r["answer_hash"]): r for r in csv.DictReader(f)}
    rows[(task, given)] = {"task": task, "answer_hash": given, "hint": hint}
    with open(MISTAKES_FILE, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["task", "answer_hash", "hint"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(sorted(rows.values(), key=lambda r: (r["task"], r["hint"])))
    _mistakes.cache_clear()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python tools/add_check.py",
        description=(
            "Add a self-check task. For set and list answers, separate the items with |. "
            "With the kind 'mistake', give a known wrong answer of an existing task its own hint."
        ),
    )
    parser.add_argument("task", help="task id, e.g. 02.1")
    parser.add_argument("kind", choices=(*KINDS, "mistake"))
    parser.add_argument("value", help="the expected answer")
    parser.add_argument("--hint", required=True, help="shown when the answer is not right")
    parser.add_argument("--well-done", default="", help="shown when it is right")
    parser.add_argument("--decimals", type=int, default=0, help="for numbers: decimals compared")
    args = parser.parse_args(argv)
    if args.kind == "mistake":
        add_mistake(args.task, args.value, args.hint)
        print(f"added a hint for a wrong answer to {args.task} in {MISTAKES_FILE}")
        return 0
    add_task(args.task, args.kind, args.value, args.hint, args.well_done, args.decimals)
    print(f"added {args.task} to {CHECKS_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
