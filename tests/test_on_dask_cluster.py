"""The analyses on a cluster started as a researcher starts one (README, Your own corpus): a `dask scheduler`
process and `dask worker` processes, from this environment's bin folder, on 127.0.0.1 with free ports, reached
by the address the scheduler prints. The course corpus, written as Parquet files, gives the tables of pandas.

Also what goes wrong: an address where nothing listens, or where something else does, and processes that cannot
import the course's helpers or run other helpers, each a clear error naming what and where, within seconds.
Every process started here is stopped afterwards, whatever happens (and would stop by itself: the scheduler
after ten idle minutes, the workers a minute after losing it).
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import warnings
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest

import helpers

pytest.importorskip("dask.dataframe")
pytest.importorskip("distributed")
pytest.importorskip("pyarrow")

from distributed import Client, get_task_stream  # noqa: E402

from helpers import on_dask  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore:.*no list of your own was given:UserWarning")

ROOT = Path(__file__).resolve().parents[1]
DASK = Path(sys.executable).parent / "dask"  # the command line of this environment's Dask
STARTUP = 90  # seconds for a process to start on a busy machine

# A preload (`--preload FILE`) that makes a process unable to import the course's helpers, as on a machine where
# the course is not installed and PYTHONPATH does not name it.
NO_HELPERS = """
import sys

class NoHelpers:
    def find_spec(self, name, path=None, target=None):
        if name == "helpers" or name.startswith("helpers."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)

sys.meta_path.insert(0, NoHelpers())
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Processes:
    """Dask's command-line processes, started in a folder of their own, each with its log; stopped together."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.started: dict[str, tuple[subprocess.Popen, Path]] = {}

    def start(self, name: str, *arguments: str, pythonpath: Path | None = ROOT) -> Path:
        log = self.folder / f"{name}.log"
        environment = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        if pythonpath is not None:
            environment["PYTHONPATH"] = str(pythonpath)  # the course folder: the workers import its helpers
        with log.open("wb") as out:
            process = subprocess.Popen(
                [str(DASK), *arguments],
                cwd=self.folder,  # not the course folder: helpers come from PYTHONPATH
                env=environment,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, with the worker processes its nanny starts
            )
        self.started[name] = (process, log)
        return log

    def scheduler(self, *arguments: str, **options) -> str:
        """Start a scheduler; the address it prints."""
        log = self.start(
            "scheduler",
            "scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            str(_free_port()),
            "--no-dashboard",
            "--dashboard-address",
            "127.0.0.1:0",  # its web server listens even without the dashboard: on a free port, here only
            "--idle-timeout",
            "600s",
            *arguments,
            **options,
        )
        printed = self.wait_for(log, r"Scheduler at:\s+(tcp://\S+)")
        return printed.group(1)

    def worker(self, name: str, address: str, *arguments: str, **options) -> None:
        self.start(
            name,
            "worker",
            address,
            "--name",
            name,
            "--host",
            "127.0.0.1",
            "--nworkers",
            "1",
            "--nthreads",
            "1",
            "--memory-limit",
            "1GB",
            "--no-dashboard",
            "--dashboard-address",
            "127.0.0.1:0",
            "--death-timeout",
            "60s",
            "--local-directory",
            str(self.folder / f"{name}-space"),
            *arguments,
            **options,
        )

    def wait_for(self, log: Path, pattern: str):
        deadline = time.monotonic() + STARTUP
        while time.monotonic() < deadline:
            found = re.search(pattern, log.read_text(errors="replace"))
            if found:
                return found
            time.sleep(0.2)
        raise AssertionError(f"{log.name} never printed {pattern!r}:\n{self.logs()}")

    def stop(self, name: str) -> None:
        process, _ = self.started.pop(name)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=20)
        try:  # what its nanny started, if anything outlived it
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def stop_all(self) -> None:
        for name in list(reversed(self.started)):  # workers first, then the scheduler
            self.stop(name)

    def logs(self) -> str:
        return "\n".join(
            f"--- {log.name}\n{log.read_text(errors='replace')[-3000:]}" for _, log in self.started.values()
        )


@contextmanager
def processes(folder: Path):
    started = Processes(folder)
    try:
        yield started
    finally:
        started.stop_all()


def raised_within(seconds: float, function, *args, label: str = "", **options) -> BaseException | None:
    """What ``function`` raised, which must be within ``seconds`` (a thread of its own: a hang fails the test)."""
    outcome = []

    def run():
        try:
            function(*args, **options)
            outcome.append(None)
        except BaseException as error:
            outcome.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert outcome, f"{label or function.__name__}{args} was still waiting after {seconds} s"
    return outcome[0]


def wait_for_workers(client, count: int) -> None:
    deadline = time.monotonic() + STARTUP
    while len(client.scheduler_info()["workers"]) != count:
        assert time.monotonic() < deadline, f"the cluster has {len(client.scheduler_info()['workers'])} workers"
        time.sleep(0.2)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A scheduler and two workers, each a `dask worker` command of its own (as on two machines)."""
    with processes(tmp_path_factory.mktemp("dask-processes")) as started:
        address = started.scheduler()
        started.worker("worker-a", address)
        started.worker("worker-b", address)
        yield address, started


def test_a_scheduler_and_two_worker_processes_give_the_tables_of_pandas(cluster, tmp_path):
    address, started = cluster
    assert re.fullmatch(r"tcp://127\.0\.0\.1:\d+", address)
    client = on_dask.connect(address)  # the address as the scheduler printed it
    try:
        wait_for_workers(client, 2)
        # the workers are the two processes started above, not this one, and they run this folder's helpers
        names = sorted(w["name"] for w in client.scheduler_info()["workers"].values())
        assert names == ["worker-a", "worker-b"], started.logs()
        pids = client.run(os.getpid)
        assert len(set(pids.values())) == 2 and os.getpid() not in pids.values()

        def where():
            import helpers

            return helpers.__file__, os.getcwd()

        folders = client.run(where)
        assert {(Path(f).parent, Path(cwd)) for f, cwd in folders.values()} == {(ROOT / "helpers", started.folder)}

        docs = helpers.load_corpus()
        folder = on_dask.write_corpus(docs, tmp_path / "parquet", part_size=2)
        articles = on_dask.read_corpus(folder)
        assert articles.npartitions >= 3
        same = pd.read_parquet(folder)  # pandas on the articles as read back (text comes back as pandas' str)
        assert same["doc_id"].tolist() == docs["doc_id"].tolist()

        with get_task_stream(client) as stream:  # which process did each task
            for options in ({}, {"by": "outlet"}):
                expected = helpers.word_frequencies(same, **options)
                result = on_dask.word_frequencies(articles, **options)
                pd.testing.assert_frame_equal(result, expected, obj=str(options))
        assert {task["worker"] for task in stream.data} == set(pids)  # the two worker processes, both
        target = same["outlet"].iloc[0]
        expected = helpers.keyness(same, target, by="outlet")
        pd.testing.assert_frame_equal(on_dask.keyness(articles, target, by="outlet"), expected)
        expected = helpers.kwic(same, "regime", window=3)
        pd.testing.assert_frame_equal(
            on_dask.kwic(articles, "regime", window=3).compute().reset_index(drop=True), expected
        )
        assert len(expected) > 5
        expected = helpers.actor_mentions(same)
        pd.testing.assert_frame_equal(on_dask.actor_mentions(articles).compute().reset_index(drop=True), expected)
        assert len(expected) > 50

    finally:
        client.close()


def test_the_benchmark_runs_on_the_cluster_by_its_address(cluster, tmp_path):
    address, started = cluster
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks.dask_scale", "300", "--scheduler", address, "--folder", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:] + started.logs()
    for step in ("word_frequencies", "keyness", "kwic", "actor_mentions"):
        assert re.search(rf"^\s*{step}\s+\d+\.\d s ", run.stdout, re.M), run.stdout
    assert "300 articles written" in run.stdout
    # memory: the client's (this run's process), the scheduler's, each worker's and each nanny's, added up
    memory = re.search(
        r"this process \(the client\) ([\d.]+); scheduler ([\d.]+); workers ([\d.]+), ([\d.]+); "
        r"nannies ([\d.]+), ([\d.]+); sum ([\d.]+)",
        run.stdout,
    )
    assert memory and all(float(gb) > 0.03 for gb in memory.groups()), run.stdout
    figures = [float(gb) for gb in memory.groups()]
    assert abs(sum(figures[:-1]) - figures[-1]) <= 0.03, run.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["part-00000.parquet"]  # kept, on the shared disk


def test_the_benchmark_says_at_once_that_no_scheduler_answers(tmp_path):
    address = f"tcp://127.0.0.1:{_free_port()}"
    command = [sys.executable, "-m", "benchmarks.dask_scale", "1000000", "--scheduler", address]
    run = subprocess.run([*command, "--folder", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 1 and f"dask_scale: connect: no Dask scheduler answered at {address}" in run.stderr
    assert "Traceback" not in run.stderr and not list(tmp_path.iterdir())  # not a million articles written first


def test_an_address_where_nothing_listens_is_a_clear_error_within_seconds():
    address = f"tcp://127.0.0.1:{_free_port()}"
    error = raised_within(15, on_dask.connect, address)  # the default wait is 5 s: not Dask's 30 s
    assert isinstance(error, ConnectionError), error
    assert f"no Dask scheduler answered at {address} within 5 s" in str(error)
    assert "connection was refused" in str(error) and "Scheduler at:" in str(error)
    error = raised_within(5, on_dask.connect, address, timeout=1)
    assert isinstance(error, ConnectionError) and "within 1 s" in str(error), error


def test_an_address_where_something_else_listens_is_a_clear_error_within_seconds(cluster):
    address, started = cluster
    # the scheduler's web server (the dashboard's port), a common mistake for the scheduler's own
    printed = started.wait_for(started.started["scheduler"][1], r"dashboard at:\s+http://([\d.]+:\d+)/")
    web = f"tcp://{printed.group(1)}"
    assert web != address
    error = raised_within(15, on_dask.connect, web)
    assert isinstance(error, ConnectionError), error
    assert f"what listens at {web} is a server that does not answer as Dask does" in str(error)
    with socket.create_server(("127.0.0.1", 0)) as silent:  # takes the connection, never says a word
        error = raised_within(8, on_dask.connect, f"tcp://127.0.0.1:{silent.getsockname()[1]}", timeout=2)
        assert isinstance(error, ConnectionError) and "does not answer as Dask does" in str(error), error
    # a worker's address in place of the scheduler's
    client = on_dask.connect(address)
    try:
        worker = sorted(client.scheduler_info()["workers"])[0]
    finally:
        client.close()
    with pytest.raises(ConnectionError, match=f"what listens at {worker} is a Dask worker, not the scheduler"):
        on_dask.connect(worker)
    with pytest.raises(ValueError, match="is a web address"):
        on_dask.connect(address.replace("tcp://", "http://"))
    with pytest.raises(ValueError, match="has no port"):
        on_dask.connect("127.0.0.1")


def test_object_stores_are_refused_plainly(tmp_path):
    for function in (on_dask.read_corpus, lambda folder: on_dask.write_corpus(helpers.load_corpus(), folder)):
        with pytest.raises(ValueError, match=r"s3://bucket/corpus is not a folder on a disk.*not supported"):
            function("s3://bucket/corpus")


def test_processes_that_cannot_import_helpers_or_run_other_helpers_are_named(tmp_path):
    blocker = tmp_path / "no_helpers.py"
    blocker.write_text(NO_HELPERS)
    # a scheduler that cannot import helpers (it must: it reads the tasks, which name the course's functions)
    with processes(tmp_path) as started:
        address = started.scheduler("--preload", str(blocker))
        with pytest.raises(ImportError) as error:
            on_dask.connect(address)
        message = str(error.value)
        assert f"the scheduler at {address}" in message and "No module named 'helpers'" in message
        assert f"PYTHONPATH set to the course folder, the one that holds helpers/ (here {ROOT})" in message

    # a cluster whose only worker cannot import helpers, then one that runs a copy of helpers with another actor
    # list: each analysis names it, before it computes anything, instead of waiting for ever (a worker that cannot
    # read a task stops, and the scheduler waits for another) or giving other numbers
    other = tmp_path / "other-course"
    shutil.copytree(ROOT / "helpers", other / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    (other / "corpus").mkdir()
    actors = (ROOT / "corpus" / "actors.csv").read_text(encoding="utf-8")
    (other / "corpus" / "actors.csv").write_text(actors + "Nobody,person,Nobody At All,not in the course\n")
    articles = on_dask.read_corpus(on_dask.write_corpus(helpers.load_corpus(), tmp_path / "parquet", part_size=2))
    with processes(tmp_path) as started:
        address = started.scheduler()
        started.worker("worker-without-helpers", address, "--preload", str(blocker))
        client = Client(address)  # made without on_dask.connect: the analyses check it all the same
        try:
            wait_for_workers(client, 1)
            [without] = client.scheduler_info()["workers"]
            analyses = {
                "keyness": lambda: on_dask.keyness(articles, "Iran Press Service", by="outlet"),  # computes first
                "word_frequencies": lambda: on_dask.word_frequencies(articles),
                "kwic": lambda: on_dask.kwic(articles, "regime"),
            }
            for name, analysis in analyses.items():
                error = raised_within(60, analysis, label=name)
                assert isinstance(error, ImportError), (name, error)
                assert re.search(f"worker {without} .*No module named 'helpers'.*PYTHONPATH=", str(error)), error
            started.stop("worker-without-helpers")
            started.worker("worker-good", address)
            wait_for_workers(client, 1)
            assert len(on_dask.word_frequencies(articles)) > 100
            started.worker("worker-other-helpers", address, pythonpath=other)
            wait_for_workers(client, 2)
            different = next(
                a for a, w in client.scheduler_info()["workers"].items() if w["name"].endswith("other-helpers")
            )
            with pytest.raises(RuntimeError, match=f"worker {different} runs {other / 'helpers'}"):
                on_dask.actor_mentions(articles)
        finally:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                client.close()
