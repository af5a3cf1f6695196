"""How the analyses scale: word counting against scikit-learn's CountVectorizer with its default
settings, the time of every analysis, and the session's peak memory.

    .venv/bin/python -m benchmarks.scale                 # 20,000 and 100,000 articles
    .venv/bin/python -m benchmarks.scale 1000 10000      # chosen sizes
    .venv/bin/python -m benchmarks.scale --rounds 5 20000

Run from the course folder. Corpora are synthetic (tests/support/synthetic.py: sentences of the course
corpus resampled, about 620 words an article). Each size runs in a process of its own, a "session":
the corpus is made, then

1. word counting is timed side by side with ``CountVectorizer()`` (its default settings: lower case,
   tokens of two or more word characters), on the same texts in the same process, taking turns
   (ours, theirs, ours, theirs, ...), and the median of each is reported. Ours is
   ``word_frequencies(docs)`` from the raw texts, tokenising included; theirs is
   ``fit_transform`` and the sum of each column, which is what a frequency list needs;
2. every analysis runs once, in the order a researcher would run them, reusing the tables of
   sentences and tokens as the README advises (the steps of ``benchmarks/analyses.py``, which
   ``benchmarks.before_after`` times too);
   each step's time on the clock and its processor time (this process and its workers), which
   hardly depends on the machine's load;
3. the peak resident memory of the session is read at the end (``ru_maxrss``), and that of its
   largest worker process, if the analyses started any; and, sampled every 0.5 s while the analyses run,
   the most the session and its workers held together (:class:`TogetherPeak`: shared pages counted once).

The machine is shared, so the load average (1 minute) is printed before and after each session:
compare figures from one run, side by side, rather than across runs.
Targets (issue 17): every analysis within 30 s at 100,000 articles; at most 3 GB for the session;
word counting at most 0.5x CountVectorizer's time.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from benchmarks import analyses
from benchmarks.analyses import STEPS

ROOT = Path(__file__).resolve().parent.parent


def _memory_gb(field: str) -> float | None:
    """VmRSS (resident now) or VmHWM (peak so far) of this process, in GB (Linux only)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024**2
    except OSError:
        pass
    return None


def _pss_gb(pid: int | str) -> float:
    """A process's proportional share of memory (Pss), in GB: a page shared by k processes counts 1/k in each."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024**2
    except OSError:  # the process has just ended
        pass
    return 0.0


def _children(pid: int | str) -> list[str]:
    """The process ids of a process's children, and of theirs (Linux)."""
    found = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as children:
                found.extend(children.read().split())
        except OSError:
            pass
    return found + [grandchild for child in found for grandchild in _children(child)]


class TogetherPeak:
    """The most memory this process and its worker processes held together, sampled every ``interval`` seconds
    from the moment it is made: the sum of their proportional shares (Pss), so that the pages a worker shares with
    this process, from which it is forked, are counted once rather than in each (a worker's own peak,
    ``ru_maxrss``, counts them all). A spike shorter than the interval may be missed; reading the shares takes
    the processes' memory maps for a moment, so sampling more often slows the analyses down.
    """

    def __init__(self, interval: float = 0.5):
        self.interval, self.peak_gb, self.step_peak_gb = interval, 0.0, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def sample(self) -> None:
        """One reading, kept only if no worker started or ended while it was taken: a worker forked between the
        reading of this process and of the workers would count the pages they share twice (each process's share is
        worked out when it is read)."""
        children = _children(os.getpid())
        together = _pss_gb("self") + sum(_pss_gb(child) for child in children)
        if _children(os.getpid()) != children:
            return
        self.peak_gb = max(self.peak_gb, together)
        self.step_peak_gb = max(self.step_peak_gb, together)

    def next_step(self) -> float:
        """The peak since the last call (a last sample taken), in GB; the next step's peak starts from here."""
        self.sample()
        peak, self.step_peak_gb = self.step_peak_gb, 0.0
        return round(peak, 2)

    def stop(self) -> float:
        """Stop sampling (after a last sample) and give the peak, in GB."""
        self._stop.set()
        self._thread.join()
        self.sample()
        return round(self.peak_gb, 2)


def _cpu_seconds() -> float:
    """Processor time of this process and of its finished worker processes: unlike the time on the clock, it
    hardly depends on what else the machine is doing."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def compare_word_counting(docs, rounds: int) -> dict:
    """Ours and CountVectorizer's default, taking turns on the same texts; medians of ``rounds`` runs each."""
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer

    from helpers import word_frequencies

    texts = docs["text"].tolist()
    ours, theirs, ours_cpu, theirs_cpu = [], [], [], []
    for _ in range(rounds):
        started, cpu_started = time.perf_counter(), _cpu_seconds()
        table = word_frequencies(docs)
        ours.append(time.perf_counter() - started)
        ours_cpu.append(_cpu_seconds() - cpu_started)
        started, cpu_started = time.perf_counter(), _cpu_seconds()
        counts = np.asarray(CountVectorizer().fit_transform(texts).sum(axis=0)).ravel()
        theirs.append(time.perf_counter() - started)
        theirs_cpu.append(_cpu_seconds() - cpu_started)
    del table
    ours_median, theirs_median = statistics.median(ours), statistics.median(theirs)
    return {
        "ours_runs": [round(t, 4) for t in ours],
        "countvectorizer_runs": [round(t, 4) for t in theirs],
        "ours_median": round(ours_median, 4),
        "countvectorizer_median": round(theirs_median, 4),
        "ratio": round(ours_median / theirs_median, 2),
        "ours_cpu_median": round(statistics.median(ours_cpu), 2),
        "countvectorizer_cpu_median": round(statistics.median(theirs_cpu), 2),
        "countvectorizer_terms": int((counts > 0).sum()),
    }


def run_session(n: int, rounds: int, analyses_too: bool = True) -> dict:
    import helpers

    load_before = _load()
    docs = analyses.corpus(n)
    results: dict = {"articles": n, "words": int(docs["n_words"].sum()), "corpus_gb": round(_memory_gb("VmRSS"), 2)}
    results["word_counting"] = compare_word_counting(docs, rounds)
    print(json.dumps(results["word_counting"]), file=sys.stderr, flush=True)
    seconds: dict = {}
    cpu: dict = {}

    together = TogetherPeak() if analyses_too else None

    def timed(name, call):
        together.next_step()
        started, cpu_started = time.perf_counter(), _cpu_seconds()
        value = call()
        seconds[name] = round(time.perf_counter() - started, 2)
        cpu[name] = round(_cpu_seconds() - cpu_started, 2)
        # each step as it ends, on stderr: a long run that is stopped still tells what it measured
        memory = {"resident_gb": round(_memory_gb("VmRSS"), 2), "peak_gb": round(_memory_gb("VmHWM"), 2)}
        memory["with_workers_gb"] = together.next_step()  # this step's, sampled
        step = {"step": name, "seconds": seconds[name], "cpu": cpu[name], "load": _load()} | memory
        print(json.dumps(step), file=sys.stderr, flush=True)
        return value

    if analyses_too:
        analyses.run(helpers, docs, timed)
        results["together_peak_memory_gb"] = together.stop()
        results["seconds"] = seconds
        results["cpu_seconds"] = cpu
        results["worker_peak_memory_gb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024**2, 2)
    results["peak_memory_gb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2, 2)
    results["load_before"], results["load_after"] = load_before, _load()
    return results


def in_process(n: int, rounds: int) -> dict:
    output = subprocess.run(
        [sys.executable, "-m", "benchmarks.scale", "--session", str(n), "--rounds", str(rounds)],
        stdout=subprocess.PIPE,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main(sizes: list[int], rounds: int) -> None:
    rows = []
    for n in sizes:
        row = in_process(n, rounds)
        rows.append(row)
        print(json.dumps(row), flush=True)
    print()
    print(f"word counting, median of {rounds} turns each (seconds)")
    print(f"{'articles':>9} {'words':>11} {'ours':>7} {'CountVectorizer()':>18} {'ratio':>6}  cpu: ours, theirs  load")
    for row in rows:
        wc = row["word_counting"]
        print(
            f"{row['articles']:>9,} {row['words']:>11,} {wc['ours_median']:>7} {wc['countvectorizer_median']:>18}"
            f" {wc['ratio']:>5}x  {wc['ours_cpu_median']:>9} {wc['countvectorizer_cpu_median']:>7}"
            f"  {row['load_before']} -> {row['load_after']}"
        )
    print()
    print(f"{'seconds (cpu)':>26} " + " ".join(f"{r['articles']:>16,}" for r in rows))
    for step in STEPS:
        print(f"{step:>26} " + " ".join(f"{r['seconds'][step]:>8} ({r['cpu_seconds'][step]:>5})" for r in rows))
    print(f"{'peak memory GB':>26} " + " ".join(f"{r['peak_memory_gb']:>10}" for r in rows))
    print(f"{'worker peak GB':>26} " + " ".join(f"{r['worker_peak_memory_gb']:>10}" for r in rows))
    print(f"{'with its workers (Pss) GB':>26} " + " ".join(f"{r['together_peak_memory_gb']:>10}" for r in rows))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Time word counting and every analysis on synthetic corpora.")
    parser.add_argument("sizes", type=int, nargs="*", default=[20_000, 100_000])
    parser.add_argument("--rounds", type=int, default=3, help="turns of word counting for each side")
    parser.add_argument("--session", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--word-counting-only", action="store_true", help="with --session: skip the analyses")
    args = parser.parse_args()
    if args.session:
        print(json.dumps(run_session(args.session, args.rounds, analyses_too=not args.word_counting_only)))
    else:
        main(args.sizes, args.rounds)
