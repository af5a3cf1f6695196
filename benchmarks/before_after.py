"""The library before and after a change, side by side in one run: time and peak memory of every analysis and
the build of every explorer, on the same synthetic corpora, the two versions taking turns.

    .venv/bin/python -m benchmarks.before_after --before /tmp/house-before          # 10,000 and 100,000 articles
    .venv/bin/python -m benchmarks.before_after --before /tmp/house-before -- 100000   # analyses only
    .venv/bin/python -m benchmarks.before_after --before /tmp/house-before --explorers 2000 -- 10000
    .venv/bin/python -m benchmarks.before_after --before /tmp/house-before --explorers 2000   # explorers only

Run from the course folder. ``--before`` is a checkout of the library as it was (for example
``git worktree add --detach /tmp/house-before d89add2``); it needs no environment of its own: both versions run
with this folder's Python, each in a process of its own with its folder first on ``sys.path``. The synthetic
corpus (tests/support/synthetic.py) is made once per size and handed to both as the same pickled table, so both
count the same words. The versions take turns (before, after; then after, before; ...), because the machine may
be busy with other work: each figure printed is the median of the repeats, with the ratio after/before. Memory
is the peak resident memory of the process during the step (the corpus and the tables kept so far included);
"+GB" is what the step added to what the process held when the step began.

Analyses run in one process per version and repeat, in the order of ``benchmarks/analyses.py`` (the steps
``benchmarks.scale`` times too), each reusing ``sents=`` and ``toks=`` as a notebook would, where the version
takes them. Each explorer is built in a process of its own, from ``docs`` alone (as the
lessons build them), at the sizes given with ``--explorers``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import analyses
from benchmarks.analyses import STEPS

ROOT = Path(__file__).resolve().parent.parent

EXPLORERS = [
    "explore_corpus",
    "explore_words",
    "explore_keyness",
    "explore_kwic",
    "explore_collocates",
    "explore_actors",
    "explore_naming",
    "explore_co_mentions",
    "explore_loaded_language",
    "explore_sentiment",
    "explore_quotes",
    "explore_timeline",
]


def _memory_gb(field: str) -> float:
    """VmRSS (resident now) or VmHWM (peak since the last reset) of this process, in GB (Linux only)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024**2
    raise RuntimeError(f"no {field} in /proc/self/status: this benchmark needs Linux")


def _cpu_seconds() -> float:
    """Processor time of this process and of its finished worker processes (a version that works on both
    cores spends part of its time in workers, which ``time.process_time()`` leaves out)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _measure(results: dict, name: str, call):
    """Run one step; record its seconds, the peak memory while it ran, what it added, and the rows it returned."""
    gc.collect()
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")  # Linux: start measuring the peak resident memory again
    before = _memory_gb("VmRSS")
    started, started_cpu = time.perf_counter(), _cpu_seconds()
    value = call()
    seconds, cpu = time.perf_counter() - started, _cpu_seconds() - started_cpu
    # The kernel's counts of resident pages are not exact to the page: a step that hands back memory it found
    # (helpers/_engine/parallel.py, release_freed_memory) can end with a peak 30-100 KB under the memory read just
    # after the reset (quotations of 25 articles, every time since that release). Such a step added nothing.
    peak = max(_memory_gb("VmHWM"), before)
    results[name] = {"s": seconds, "cpu": cpu, "gb": peak, "added_gb": peak - before, "rows": _rows(value)}
    return value


def _rows(value) -> int | None:
    try:
        return len(value)
    except TypeError:
        return None


def _import_helpers(version_root: str):
    """Import ``helpers`` from ``version_root`` (and nothing from elsewhere)."""
    sys.path.insert(0, version_root)
    os.chdir(version_root)
    import helpers

    if not Path(helpers.__file__).resolve().is_relative_to(Path(version_root).resolve()):
        raise RuntimeError(f"helpers came from {helpers.__file__}, not from {version_root}")
    helpers.show_progress(False)
    analyses.quiet()
    return helpers


def run_analyses(version_root: str, corpus: str) -> dict:
    h = _import_helpers(version_root)
    with open(corpus, "rb") as file:
        docs = pickle.load(file)
    results: dict = {}
    analyses.run(h, docs, lambda name, call: _measure(results, name, call))
    return results


def run_explorer(version_root: str, corpus: str, name: str) -> dict:
    h = _import_helpers(version_root)
    with open(corpus, "rb") as file:
        docs = pickle.load(file)
    results: dict = {}
    _measure(results, name, lambda: getattr(h, name)(docs))
    results[name]["rows"] = None
    return results


def _child(kind: str, version_root: Path, corpus: Path, *more: str) -> dict:
    # run as a module of this folder (for benchmarks.analyses); the child then imports helpers from version_root
    output = subprocess.run(
        [sys.executable, "-m", "benchmarks.before_after", f"--{kind}", str(version_root), str(corpus), *more],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if output.returncode:
        raise RuntimeError(f"{kind} in {version_root} failed:\n{output.stderr[-3000:]}")
    return json.loads(output.stdout.strip().splitlines()[-1])


def _table(title: str, names: list[str], runs: dict) -> list[str]:
    """Medians over the repeats, before and after, and their ratio; rows that differ in length are marked."""
    lines = [
        title,
        f"{'':>27} {'seconds':>28} {'CPU s':>6}   {'peak memory GB':>28}   {'+GB in the step':>17}",
        f"{'':>27} {'before':>8} {'after':>8} {'ratio':>10} {'ratio':>6}   {'before':>8} {'after':>8} {'ratio':>10}"
        f"   {'before':>8} {'after':>8}",
    ]
    for name in names:
        median = {
            (version, key): statistics.median(run[name][key] for run in runs[version])
            for version in ("before", "after")
            for key in ("s", "cpu", "gb", "added_gb")
        }
        rows = {version: {run[name]["rows"] for run in runs[version]} for version in ("before", "after")}
        differs = f"  (rows differ: {rows})" if rows["before"] != rows["after"] else ""
        s0, s1 = median["before", "s"], median["after", "s"]
        g0, g1 = median["before", "gb"], median["after", "gb"]
        a0, a1 = median["before", "added_gb"], median["after", "added_gb"]
        cpu = median["after", "cpu"] / median["before", "cpu"]
        lines.append(
            f"{name:>27} {s0:>8.2f} {s1:>8.2f} {s1 / s0:>9.2f}x {cpu:>5.2f}x   {g0:>8.2f} {g1:>8.2f} {g1 / g0:>9.2f}x"
            f"   {a0:>8.2f} {a1:>8.2f}{differs}"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description="Time and memory of the library before and after, side by side.")
    parser.add_argument("sizes", type=int, nargs="*", help="articles, for the analyses (10000 100000)")
    parser.add_argument("--before", required=True, type=Path, help="a checkout of the library as it was")
    parser.add_argument("--after", type=Path, default=ROOT, help="the library as it is (this folder)")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each version per size (3)")
    parser.add_argument("--explorers", type=int, nargs="*", help="articles, for the explorers (10000)")
    args = parser.parse_args()
    # No size at all: both kinds at their usual sizes; sizes for one kind only: that kind only.
    if not args.sizes and args.explorers is None:
        args.sizes, args.explorers = [10_000, 100_000], [10_000]
    args.explorers = args.explorers or []
    before, after = args.before.resolve(), args.after.resolve()
    for folder in (before, after):
        if not (folder / "helpers" / "__init__.py").exists():
            parser.error(f"{folder} holds no helpers/ package")
    versions = {"before": before, "after": after}
    commits = {
        name: subprocess.run(
            ["git", "-C", str(folder), "log", "-1", "--format=%h %ad", "--date=short"], capture_output=True, text=True
        ).stdout.strip()
        for name, folder in versions.items()
    }
    print(f"before: {before} ({commits['before']}); after: {after} ({commits['after']})", flush=True)
    report: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        for n in sorted(set(args.sizes) | set(args.explorers)):
            corpus = Path(scratch) / f"synthetic-{n}.pickle"
            docs = analyses.corpus(n)
            with open(corpus, "wb") as file:
                pickle.dump(docs, file)
            words = int(docs["n_words"].sum())
            del docs
            kinds = (["analyses"] if n in args.sizes else []) + (["explorers"] if n in args.explorers else [])
            for kind in kinds:
                runs: dict = {"before": [], "after": []}
                for repeat in range(args.repeats):
                    order = ["before", "after"] if repeat % 2 == 0 else ["after", "before"]
                    for version in order:
                        if kind == "analyses":
                            result = _child(kind, versions[version], corpus)
                        else:
                            result = {}
                            for name in EXPLORERS:
                                result |= _child("explorer", versions[version], corpus, name)
                        runs[version].append(result)
                        total = sum(step["s"] for step in result.values())
                        print(f"{n:,} articles, {kind}, repeat {repeat + 1}, {version}: {total:.1f} s", flush=True)
                        print(json.dumps({"articles": n, "version": version} | result), flush=True)
                title = f"{n:,} articles ({words:,} words), {kind}, median of {args.repeats} runs each"
                table = _table(title, STEPS if kind == "analyses" else EXPLORERS, runs)
                print("\n".join(table), flush=True)
                report += table + [""]
    print()
    print("\n".join(report))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--analyses":
        print(json.dumps(run_analyses(sys.argv[2], sys.argv[3])))
    elif len(sys.argv) == 5 and sys.argv[1] == "--explorer":
        print(json.dumps(run_explorer(sys.argv[2], sys.argv[3], sys.argv[4])))
    else:
        main()
