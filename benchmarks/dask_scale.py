"""The analyses on a Dask cluster (helpers/on_dask.py) at a size one process would not hold: time and memory.

    .venv/bin/python -m pip install -r requirements-dask.txt      # once: the optional extra
    .venv/bin/python -m benchmarks.dask_scale                      # 1,000,000 synthetic articles
    .venv/bin/python -m benchmarks.dask_scale 20000 --workers 2    # another size

Run from the course folder. The synthetic articles (tests/support/synthetic.py) are written as Parquet files
of 10,000 articles each, a file at a time, into a temporary folder (about 4 GB for a million articles); a
cluster of ``--workers`` processes on this machine then runs word frequencies, keyness (one outlet against
the rest), KWIC and actor mentions (the number of rows, by outlet: the rows themselves are never gathered).

Memory: the peak resident memory of this process, of each worker and of the scheduler (this process hosts
it), printed separately and added up: the session's peak can be no more than that sum. Target (issue 17):
at most 6 GB for a million articles. The load average is printed, as the machine may be shared.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
import warnings
from pathlib import Path

PART_SIZE = 10_000


def _peak_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


def write_synthetic(n: int, folder: Path) -> None:
    from tests.support import synthetic_corpus

    for number, lo in enumerate(range(0, n, PART_SIZE)):
        part = synthetic_corpus(min(PART_SIZE, n - lo), seed=number)
        part["doc_id"] = f"p{number:04d}-" + part["doc_id"]  # unique over the parts
        part.to_parquet(folder / f"part-{number:05d}.parquet")


def main() -> None:
    parser = argparse.ArgumentParser(description="Time the Dask path on synthetic articles.")
    parser.add_argument("articles", type=int, nargs="?", default=1_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--memory-limit", default="2.5GB", help="each worker's limit")
    args = parser.parse_args()
    warnings.filterwarnings("ignore", message=".*no list of your own was given")
    from helpers import on_dask

    print(f"load average {os.getloadavg()[0]:.2f}", flush=True)
    with tempfile.TemporaryDirectory(prefix="dask-scale-") as folder:
        started = time.perf_counter()
        write_synthetic(args.articles, Path(folder))
        print(f"{args.articles:,} articles written in {time.perf_counter() - started:.0f} s", flush=True)
        client = on_dask.connect(n_workers=args.workers, memory_limit=args.memory_limit)
        try:
            articles = on_dask.read_corpus(folder)
            steps = {
                "word_frequencies": lambda: on_dask.word_frequencies(articles),
                "keyness": lambda: on_dask.keyness(articles, "SYNTHETIC outlet 1", by="outlet"),
                "kwic": lambda: len(on_dask.kwic(articles, "Islamic Republic")),
                "actor_mentions": lambda: on_dask.actor_mentions(articles).groupby("actor").size().compute(),
            }
            for name, step in steps.items():
                started = time.perf_counter()
                step()
                print(f"{name:>18} {time.perf_counter() - started:>8.1f} s  load {os.getloadavg()[0]:.2f}", flush=True)
            workers = client.run(_peak_gb)
        finally:
            client.close()
            client.cluster.close()
    here = _peak_gb()
    print(f"peak memory GB: this process and the scheduler {here:.2f}; ", end="")
    print("workers " + ", ".join(f"{gb:.2f}" for gb in workers.values()) + f"; sum {here + sum(workers.values()):.2f}")


if __name__ == "__main__":
    main()
