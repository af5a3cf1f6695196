"""Keep the course notebooks consistent: navigation links, exercises made from solutions, no outputs.

    python tools/build_notebooks.py          rewrite what is out of date
    python tools/build_notebooks.py --check  only report it (the tests run this)

What it does:

1. **Exercises from solutions.** ``solutions/`` is the source. Each exercise
   notebook in ``exercises/`` is the solution notebook with every cell
   tagged ``solution`` replaced by a stub: the cell's ``stub`` metadata if it
   has one, otherwise one line ``name = None`` for each name the solution
   assigns at the top level. Cells tagged ``solution-only`` are left out.
2. **Navigation.** The last cell of every notebook (tagged ``nav``) links to
   the previous and next notebook of its folder and to the course map. It is
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
ASSIGNMENT = re.compile(r"^([A-Za-z_]\w*)\s*=(?!=)", re.M)
STUB_COMMENT = "# replace None with your answer"


def title_of(path: Path) -> str:
    """The notebook's title: its first Markdown heading, without the leading #."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return path.stem


def stub_for(cell) -> str:
    """The exercise version of a solution cell."""
    if "stub" in cell.metadata:
        return cell.metadata["stub"]
    names = list(dict.fromkeys(ASSIGNMENT.findall(cell.source)))
    if not names:
        raise ValueError(f"a solution cell assigns no name and has no 'stub' metadata:\n{cell.source}")
    return "\n".join(f"{name} = None  {STUB_COMMENT}" for name in names)


def exercise_from_solution(solution):
    """Make the exercise notebook from a solution notebook (a new object; the input is unchanged)."""
    exercise = copy.deepcopy(solution)
    cells = []
    for cell in exercise.cells:
        tags = cell.metadata.get("tags", [])
        if "solution-only" in tags:
            continue
        if "solution" in tags:
            cell = nbformat.v4.new_code_cell(stub_for(cell), metadata={"tags": ["answer"]})
        cells.append(cell)
    exercise.cells = cells
    return exercise


def nav_markdown(folder: str, paths: list[Path], index: int) -> str:
    links = []
    if index > 0:
        links.append(f"[← {title_of(paths[index - 1])}]({paths[index - 1].name})")
    links.append("[Course map](../README.md)")
    if index + 1 < len(paths):
        links.append(f"[{title_of(paths[index + 1])} →]({paths[index + 1].name})")
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
    sources["exercises"] = {name: exercise_from_solution(nb) for name, nb in sources["solutions"].items()}
    for folder in FOLDERS:
        names = sorted(sources[folder])
        paths = [root / ("solutions" if folder == "exercises" else folder) / n for n in names]
        for index, name in enumerate(names):
            nb = with_nav(strip(sources[folder][name]), nav_markdown(folder, paths, index))
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
