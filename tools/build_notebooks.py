"""Keep the course notebooks consistent: navigation links, exercises made from solutions, no outputs.

    python tools/build_notebooks.py          rewrite what is out of date
    python tools/build_notebooks.py --check  only report it (the tests run this)

What it does:

1. **Exercises from solutions.** ``solutions/`` is the source. Each exercise
   notebook ``exercises/NN-name-exercises.ipynb`` is the solution notebook
   ``solutions/NN-name-solutions.ipynb`` with every cell tagged ``solution``
   replaced by a stub: the cell's ``stub`` metadata if it has one, otherwise
   one line ``name = None`` for each name the solution assigns at the top
   level. Cells tagged ``solution-only`` are left out, a Markdown cell with
   ``exercise`` metadata becomes that text (the first cell: a solution notebook
   says at once that it is the solutions, the exercise says how to work), and
   the title's ": solutions" becomes ": exercises". The file names differ, so
   that a lesson, its exercises and its solutions can be told apart in
   JupyterLab's tabs.
2. **Navigation.** The last cell of every notebook (tagged ``nav``) links to
   the course map in lesson 00 and along the way through the course: a lesson
   to its exercises and the next lesson, exercises to their lesson, their
   solutions and the next exercises, solutions back to their exercises. It is
   written here, never by hand.
3. **Clean files.** Outputs, execution counts and saved widget state are
   removed, so notebooks are committed without outputs.
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("notebooks", "exercises", "solutions")
NAV_TAG = "nav"
# The course map is the second section of lesson 00, on its first screen. (A link to its heading,
# 00-start-here.ipynb#The-course-map, would not scroll there when JupyterLab 4 opens the notebook afresh,
# and the website's anchors differ from JupyterLab's.)
COURSE_MAP = "00-start-here.ipynb"
SOLUTIONS_SUFFIX, EXERCISES_SUFFIX = "-solutions", "-exercises"
ASSIGNMENT = re.compile(r"^([A-Za-z_]\w*)\s*=(?!=)", re.M)
STUB_COMMENT = "# replace None with your answer"


def title_of(path: Path) -> str:
    """The notebook's title: its first Markdown heading, without the leading #."""
    return _title(nbformat.read(path, as_version=4), path.stem)


def _title(nb, default: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return default


def stub_for(cell) -> str:
    """The exercise version of a solution cell."""
    if "stub" in cell.metadata:
        return cell.metadata["stub"]
    names = list(dict.fromkeys(ASSIGNMENT.findall(cell.source)))
    if not names:
        raise ValueError(f"a solution cell assigns no name and has no 'stub' metadata:\n{cell.source}")
    return "\n".join(f"{name} = None  {STUB_COMMENT}" for name in names)


def exercise_name(solution_name: str) -> str:
    """``02-word-frequency-solutions.ipynb`` -> ``02-word-frequency-exercises.ipynb``."""
    stem = solution_name.removesuffix(".ipynb")
    if not stem.endswith(SOLUTIONS_SUFFIX):
        raise ValueError(f"solutions/{solution_name}: a solution notebook's name must end in {SOLUTIONS_SUFFIX}.ipynb")
    return stem.removesuffix(SOLUTIONS_SUFFIX) + EXERCISES_SUFFIX + ".ipynb"


def lesson_name(name: str) -> str:
    """The lesson a notebook belongs to: ``02-word-frequency-exercises.ipynb`` -> ``02-word-frequency.ipynb``."""
    stem = name.removesuffix(".ipynb").removesuffix(SOLUTIONS_SUFFIX).removesuffix(EXERCISES_SUFFIX)
    return stem + ".ipynb"


def exercise_from_solution(solution):
    """Make the exercise notebook from a solution notebook (a new object; the input is unchanged)."""
    exercise = copy.deepcopy(solution)
    cells = []
    for index, cell in enumerate(exercise.cells):
        if "exercise" in cell.metadata:  # the cell as the exercise notebook has it (the first cell's introduction)
            cell.source = cell.metadata.pop("exercise")
        if index == 0 and cell.cell_type == "markdown":
            cell.source = re.sub(r"^(# .*): solutions$", r"\1: exercises", cell.source, count=1, flags=re.M)
        tags = cell.metadata.get("tags", [])
        if "solution-only" in tags:
            continue
        if "solution" in tags:
            cell = nbformat.v4.new_code_cell(stub_for(cell), metadata={"tags": ["answer"]})
        cells.append(cell)
    exercise.cells = cells
    return exercise


def nav_markdown(folder: str, names: list[str], index: int, titles: dict[str, str]) -> str:
    """The navigation line at the end of a notebook: where to go next, and back."""
    name = names[index]
    lesson = lesson_name(name)
    lesson_title = titles[f"notebooks/{lesson}"]
    stem = lesson.removesuffix(".ipynb")
    exercises, solutions = f"{stem}{EXERCISES_SUFFIX}.ipynb", f"{stem}{SOLUTIONS_SUFFIX}.ipynb"
    has_exercises = f"exercises/{exercises}" in titles
    here = "" if folder == "notebooks" else "../notebooks/"
    links = []
    if folder == "notebooks":
        if index > 0:
            links.append(f"[← {titles[f'notebooks/{names[index - 1]}']}]({names[index - 1]})")
        if name != COURSE_MAP:
            links.append(f"[Course map]({COURSE_MAP})")
        if has_exercises:
            links.append(f"[Exercises for this lesson](../exercises/{exercises})")
    elif folder == "exercises":
        links.append(f"[← Lesson {lesson_title}]({here}{lesson})")
        links.append(f"[Course map]({here}{COURSE_MAP})")
        links.append(f"[Worked solutions](../solutions/{solutions})")
    else:
        links.append(f"[← Exercises {lesson_title}](../exercises/{exercises})")
        links.append(f"[Course map]({here}{COURSE_MAP})")
        links.append(f"[Lesson {lesson_title}]({here}{lesson})")
    if index + 1 < len(names):
        links.append(f"[{titles[f'{folder}/{names[index + 1]}']} →]({names[index + 1]})")
    return "---\n" + " | ".join(links)


def with_nav(nb, text: str):
    nb = copy.deepcopy(nb)
    nb.cells = [c for c in nb.cells if NAV_TAG not in c.metadata.get("tags", [])]
    nb.cells.append(nbformat.v4.new_markdown_cell(text, metadata={"tags": [NAV_TAG]}))
    return nb


def strip(nb):
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.pop("id", None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return nb


def expected_notebooks(root: Path = ROOT) -> dict[Path, str]:
    """Every notebook as this script would write it: path -> JSON text."""
    result: dict[Path, str] = {}
    solutions = sorted((root / "solutions").glob("*.ipynb"))
    sources = {
        "notebooks": {p.name: nbformat.read(p, as_version=4) for p in sorted((root / "notebooks").glob("*.ipynb"))},
        "solutions": {p.name: nbformat.read(p, as_version=4) for p in solutions},
    }
    sources["exercises"] = {exercise_name(n): exercise_from_solution(nb) for n, nb in sources["solutions"].items()}
    titles = {f"{folder}/{name}": _title(nb, name) for folder in FOLDERS for name, nb in sources[folder].items()}
    for folder in FOLDERS:
        names = sorted(sources[folder])
        for index, name in enumerate(names):
            nb = with_nav(strip(sources[folder][name]), nav_markdown(folder, names, index, titles))
            nb.nbformat, nb.nbformat_minor = 4, 4  # no cell ids, so the files are reproducible
            for cell in nb.cells:
                cell.pop("id", None)
            result[root / folder / name] = nbformat.writes(nb, version=4) + "\n"
    return result


def out_of_date(root: Path = ROOT) -> list[Path]:
    stale = []
    expected = expected_notebooks(root)
    for path, text in expected.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(path)
    for folder in ("exercises",):
        for path in (root / folder).glob("*.ipynb"):
            if path not in expected:
                stale.append(path)
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Keep the course notebooks consistent.")
    parser.add_argument("--check", action="store_true", help="report notebooks that are out of date; change nothing")
    args = parser.parse_args(argv)
    if args.check:
        stale = out_of_date()
        for path in stale:
            print(f"out of date: {path.relative_to(ROOT)} (run: python tools/build_notebooks.py)")
        return 1 if stale else 0
    expected = expected_notebooks()
    for path in (ROOT / "exercises").glob("*.ipynb"):
        if path not in expected:
            path.unlink()
            print(f"removed {path.relative_to(ROOT)}: no solution notebook of that name")
    for path, text in expected.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
