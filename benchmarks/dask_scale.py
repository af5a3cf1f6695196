"""The analyses on a Dask cluster (helpers/on_dask.py) at a size one process would not hold: time and memory.

    .venv/bin/python -m pip install -r requirements-dask.txt      # once: the optional extra
    .venv/bin/python -m benchmarks.dask_scale                      # 1,000,000 synthetic articles
    .venv/bin/python -m benchmarks.dask_scale 20000 --workers 2    # another size
    .venv/bin/python -m benchmarks.dask_scale --scheduler tcp://scheduler-host:8786 --folder /shared/dask-scale

Run from the course folder. The synthetic articles (tests/support/synthetic.py) are written as Parquet files
of 10,000 articles each, a file at a time, into a temporary folder (about 1 GB for a million articles); a
cluster of ``--workers`` processes on this machine then runs word frequencies, keyness (one outlet against
the rest), KWIC (the number of rows) and actor mentions (the number of rows by actor): the rows themselves are
never gathered. With ``--scheduler`` the work goes to that running cluster instead (README, Your own corpus,
says how to start one): its scheduler and workers must import the same helpers as this folder's, and its
workers must read the files, so give ``--folder`` on a disk they share (its ``part-*.parquet`` files are
written anew, and kept afterwards). A wrong address, or processes that cannot import helpers, stop the run
with a message before any article is written.

Memory: the peak resident memory of this process (which holds the client and, on a local cluster, hosts the
scheduler and the nannies that start and watch the workers), of each worker process, and, on a cluster started
elsewhere, of the scheduler and of each nanny process (one a `dask worker` command), printed separately and
added up: the session's peak can be no more than that sum. (On a cluster started elsewhere, the peaks are
those since its processes started, earlier runs included.) Target (issue 17): at most 6 GB for a million
articles. The load average (one minute) is printed with every figure, as the machine may be shared.
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


def _peak() -> tuple[int, float]:
    """This process's id and its peak resident memory in GB."""
    return os.getpid(), _peak_gb()


def _peak_gb() -> float:
    """This process's peak resident memory. On Linux its own (VmHWM): a process started by fork and exec would
    otherwise report its parent's peak if that was higher (ru_maxrss carries over)."""
    try:
        status = Path("/proc/self/status").read_text()
        return int(status.split("VmHWM:")[1].split()[0]) / 1024**2
    except (OSError, IndexError):
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
    parser.add_argument("--scheduler", help="a running Dask scheduler's address, instead of a local cluster")
    parser.add_argument("--folder", type=Path, help="where to write the Parquet files (default: a temporary folder)")
    args = parser.parse_args()
    warnings.filterwarnings("ignore", message=".*no list of your own was given")
    from helpers import on_dask

    print(f"load average {os.getloadavg()[0]:.2f}", flush=True)
    try:  # before writing the articles, which takes minutes at a million: a wrong address is said at once
        client = on_dask.connect(args.scheduler, n_workers=args.workers, memory_limit=args.memory_limit)
    except (ConnectionError, ImportError, RuntimeError, ValueError) as error:
        raise SystemExit(f"dask_scale: {error}") from None
    with tempfile.TemporaryDirectory(prefix="dask-scale-") as temporary:
        folder = args.folder or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        for old in folder.glob("part-*.parquet"):  # an earlier run's
            old.unlink()
        write_synthetic(args.articles, folder)
        size = sum(f.stat().st_size for f in Path(folder).iterdir()) / 1024**3
        print(
            f"{args.articles:,} articles written in {time.perf_counter() - started:.0f} s "
            f"({size:.1f} GB of Parquet)  load {os.getloadavg()[0]:.2f}",
            flush=True,
        )
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
                result = step()
                what = f"{result if isinstance(result, int) else len(result):,} rows"
                if name == "actor_mentions":
                    what = f"{int(result.sum()):,} mentions of {len(result)} actors"
                elapsed = time.perf_counter() - started
                print(f"{name:>18} {elapsed:>8.1f} s  load {os.getloadavg()[0]:.2f}  ({what})", flush=True)
            workers = dict(client.run(_peak).values())
            nannies = {pid: gb for pid, gb in client.run(_peak, nanny=True).values() if pid != os.getpid()}
            scheduler = dict([client.run_on_scheduler(_peak)])
            scheduler.pop(os.getpid(), None)  # a local cluster's scheduler runs in this process
        finally:
            client.close()
            if client.cluster is not None:  # the local cluster this run started
                client.cluster.close()
    here = _peak_gb()
    if scheduler:
        print(
            f"peak memory GB: this process (the client) {here:.2f}; scheduler {sum(scheduler.values()):.2f}; ", end=""
        )
    else:
        print(f"peak memory GB: this process (client, scheduler, local nannies) {here:.2f}; ", end="")
    print("workers " + ", ".join(f"{gb:.2f}" for gb in workers.values()) + "; ", end="")
    if nannies:
        print("nannies " + ", ".join(f"{gb:.2f}" for gb in nannies.values()) + "; ", end="")
    print(f"sum {here + sum(scheduler.values()) + sum(workers.values()) + sum(nannies.values()):.2f}")


if __name__ == "__main__":
    main()
