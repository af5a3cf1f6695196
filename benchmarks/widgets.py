"""Print how fast every explorer responds when a control changes, on the course corpus.

    .venv/bin/python -m benchmarks.widgets                  # the course corpus
    .venv/bin/python -m benchmarks.widgets --articles 10000  # a synthetic corpus of that size
    .venv/bin/python -m benchmarks.widgets --articles 10000 --alone  # each explorer in a session of its own

Run from the course folder.

Each explorer is built once; then every control is set to a series of values
(each option of a dropdown, both states of a checkbox, several slider
positions, several queries), and the time of each update is recorded from
the explorer's own clock (``Explorer.last_update_ms``: from the change to the
new chart and table being set on the widgets, in Python). The browser's
drawing time is measured separately by benchmarks/browser.py. Targets: well
under 100 ms per update on the course corpus, under 300 ms on 10,000 articles,
and every explorer open within 3 s on 10,000 articles.

The explorers are made one after another on the same ``docs``, as in a lesson, so they share
their tables (helpers/explorers/shared.py): "build ms" of an explorer includes the tables it
was the first to need. From 2,000 articles an explorer is shown at once with a progress bar and
makes its tables in the background: "shown ms" is until it is returned (shown), "build ms" until
it is made (``wait()``), its first view included; "CPU s" is this process's processor time for it
(the workers' of a parallel analysis not counted). With ``--alone`` each explorer is made in a
new process, as in a lesson that opens only that one: it makes every table it needs. The machine
may be shared: the load average is printed before and after.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import ipywidgets as w

import helpers
from helpers import load_corpus

QUERIES = ["regime", "Rajavi", "Islamic Republic", "MEK", "(PMOI/MEK)", "mullahs", "Iran's"]


def values_for(control):
    if isinstance(control, w.Checkbox):
        return [not control.value, control.value]
    if isinstance(control, (w.Dropdown, w.ToggleButtons, w.RadioButtons)):
        return list(control._options_values)[:12]
    if isinstance(control, w.IntRangeSlider):
        low, high = control.min, control.max
        return [(low, low + (high - low) // 2), (low + (high - low) // 2, high), (low, high)]
    if isinstance(control, (w.IntSlider, w.FloatSlider)):
        step = (control.max - control.min) / 4
        return [type(control.value)(control.min + i * step) for i in (1, 2, 3, 4)] + [control.value]
    if isinstance(control, w.Text):
        return QUERIES + [control.value]
    return []


def timed(name: str, docs):
    """Make the explorer ``name`` on docs and set each of its controls to each of its values: the times (ms) to
    show it and to make it, this process's CPU seconds for it, and the time of each update."""
    started, cpu = time.perf_counter(), time.process_time()
    explorer = getattr(helpers, name)(docs)
    shown = (time.perf_counter() - started) * 1000  # returned: its title, and a progress bar while it is made
    explorer = explorer.wait()
    build = (time.perf_counter() - started) * 1000  # made: its first view shown
    cpu = time.process_time() - cpu  # this process only (workers' time not counted)
    times = []
    for control in explorer.controls.values():
        for value in values_for(control):
            control.value = value
            # an explorer of a large corpus makes the view in the background: its time is known once it is shown
            times.append(explorer.wait().last_update_ms)
    return shown, build, cpu, times


def line(name: str, shown: float, build: float, cpu: float, times: list) -> str:
    median, worst = statistics.median(times), max(times)
    return f"{name:<26} {shown:>9.0f} {build:>9.0f} {cpu:>6.1f} {len(times):>8} {median:>10.1f} {worst:>8.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description="Time every explorer's updates.")
    parser.add_argument("--articles", type=int, default=0, help="use a synthetic corpus of this many articles")
    parser.add_argument(
        "--alone",
        action="store_true",
        help="make each explorer in a session of its own (a new process), as a lesson that opens only that one",
    )
    parser.add_argument("--corpus", help=argparse.SUPPRESS)  # a corpus saved with to_pickle (--alone's sessions)
    parser.add_argument("--only", help=argparse.SUPPRESS)  # the one explorer to time (--alone's sessions)
    args = parser.parse_args()
    warnings.filterwarnings("ignore", message=".*no list of your own was given")
    if args.corpus:
        import pandas as pd

        name = args.only
        print(line(name, *timed(name, pd.read_pickle(args.corpus))))
        return
    if args.articles:
        from tests.support import synthetic_corpus

        # The synthetic articles are made of the course's sentences: the course's lists are the right ones.
        docs = synthetic_corpus(args.articles)
        print(f"synthetic corpus: {len(docs):,} articles, {int(docs['n_words'].sum()):,} words")
    else:
        docs = load_corpus()
    explorers = sorted(name for name in helpers.__all__ if name.startswith("explore_"))
    load_before = os.getloadavg()[0]
    builds, shown_times = [], []
    heads = f"{'shown ms':>9} {'build ms':>9} {'CPU s':>6} {'updates':>8} {'median ms':>10} {'max ms':>8}"
    print(f"{'explorer':<26} {heads}" + ("  (each in a session of its own)" if args.alone else ""))
    everything = []
    with tempfile.TemporaryDirectory() as folder:
        saved = Path(folder) / "corpus.pkl"
        if args.alone:
            docs.to_pickle(saved)
        for name in explorers:
            if args.alone:  # a new process reads the corpus, then makes this explorer only
                command = [sys.executable, "-m", "benchmarks.widgets", "--corpus", str(saved), "--only", name]
                printed = subprocess.run(command, check=True, capture_output=True, text=True).stdout
                print(printed.strip().splitlines()[-1])
                fields = printed.split()
                shown, build = float(fields[-6]), float(fields[-5])
                everything.append(float(fields[-2]))  # its median (its updates are not sent back)
            else:
                shown, build, cpu, times = timed(name, docs)
                everything += times
                print(line(name, shown, build, cpu, times))
            builds.append(build)
            shown_times.append(shown)
    median, worst = statistics.median(everything), max(everything)
    total = f"{sum(shown_times):>9.0f} {sum(builds):>9.0f} {'':>6}"
    if not args.alone:
        print(f"{'all explorers':<26} {total} {len(everything):>8} {median:>10.1f} {worst:>8.1f}")
    print(
        f"slowest to show: {max(shown_times) / 1000:.1f} s, to make: {max(builds) / 1000:.1f} s; "
        f"load average {load_before:.2f} -> {os.getloadavg()[0]:.2f}"
    )


if __name__ == "__main__":
    main()
