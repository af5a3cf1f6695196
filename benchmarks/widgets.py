"""Print how fast every explorer responds when a control changes, on the course corpus.

    .venv/bin/python -m benchmarks.widgets                  # the course corpus
    .venv/bin/python -m benchmarks.widgets --articles 10000  # a synthetic corpus of that size

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
(the workers' of a parallel analysis not counted). The machine may be shared: the load average
is printed before and after.
"""

import argparse
import os
import statistics
import time
import warnings

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


def main() -> None:
    parser = argparse.ArgumentParser(description="Time every explorer's updates.")
    parser.add_argument("--articles", type=int, default=0, help="use a synthetic corpus of this many articles")
    args = parser.parse_args()
    if args.articles:
        from tests.support import synthetic_corpus

        # The synthetic articles are made of the course's sentences: the course's lists are the right ones.
        warnings.filterwarnings("ignore", message=".*no list of your own was given")
        docs = synthetic_corpus(args.articles)
        print(f"synthetic corpus: {len(docs):,} articles, {int(docs['n_words'].sum()):,} words")
    else:
        docs = load_corpus()
    explorers = sorted(name for name in helpers.__all__ if name.startswith("explore_"))
    load_before = os.getloadavg()[0]
    builds, shown_times = [], []
    heads = f"{'shown ms':>9} {'build ms':>9} {'CPU s':>6} {'updates':>8} {'median ms':>10} {'max ms':>8}"
    print(f"{'explorer':<26} {heads}")
    everything = []
    for name in explorers:
        started, cpu = time.perf_counter(), time.process_time()
        explorer = getattr(helpers, name)(docs)
        shown = (time.perf_counter() - started) * 1000  # returned: its title, and a progress bar while it is made
        explorer = explorer.wait()
        build = (time.perf_counter() - started) * 1000  # made: its first view shown
        cpu = time.process_time() - cpu  # this process only (workers' time not counted)
        builds.append(build)
        shown_times.append(shown)
        times = []
        for control in explorer.controls.values():
            for value in values_for(control):
                control.value = value
                times.append(explorer.last_update_ms)
        everything += times
        median, worst = statistics.median(times), max(times)
        print(f"{name:<26} {shown:>9.0f} {build:>9.0f} {cpu:>6.1f} {len(times):>8} {median:>10.1f} {worst:>8.1f}")
    median, worst = statistics.median(everything), max(everything)
    total = f"{sum(shown_times):>9.0f} {sum(builds):>9.0f} {'':>6}"
    print(f"{'all explorers':<26} {total} {len(everything):>8} {median:>10.1f} {worst:>8.1f}")
    print(
        f"slowest to show: {max(shown_times) / 1000:.1f} s, to make: {max(builds) / 1000:.1f} s; "
        f"load average {load_before:.2f} -> {os.getloadavg()[0]:.2f}"
    )


if __name__ == "__main__":
    main()
