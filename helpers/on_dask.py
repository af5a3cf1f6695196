"""Past one machine: the analyses that read articles one by one, on a Dask DataFrame of articles.

For researchers with more articles than one machine's memory holds. Not part of the learners'
environment: install the pinned extra first (``pip install -r requirements-dask.txt``).

The articles are kept as Parquet files, a few thousand articles each (:func:`write_corpus`), and read
as a Dask DataFrame (:func:`read_corpus`): each file is a *partition*, a pandas table that one worker
holds at a time. Every analysis here is the course's own, run on one partition after another by the
workers of a Dask cluster:

- analyses that give one row per thing found (:func:`tokens`, :func:`kwic`, :func:`actor_mentions`,
  :func:`dates_mentioned`, :func:`loaded_language`, :func:`sentence_sentiment`, :func:`quotations`)
  return a Dask DataFrame: the partitions' tables one after another, computed when asked
  (``.compute()`` for a pandas table, ``.to_parquet(folder)`` to keep it on disk, or any Dask
  aggregation);
- analyses that add up counts (:func:`word_frequencies`, :func:`keyness`, :func:`collocates`) count
  each partition, add the counts up, and apply the same formulas as :mod:`helpers.words`: they
  return a pandas table.

Either way the numbers are those of the pandas analysis on the whole corpus
(``tests/test_on_dask.py`` compares them on a two-worker cluster). A row table comes back with the
index of each partition: ``.compute().reset_index(drop=True)`` numbers its rows from 0 as pandas does.

Where the work runs: :func:`connect` starts a cluster on this machine (by default two worker
processes, one thread each: the analyses are Python code, which threads would not speed up), or
connects to a running Dask scheduler by its address. Every computation then goes to that cluster. Its
scheduler and workers run the course's own functions, so each must import the same ``helpers`` as this
session: :func:`connect`, and every analysis for workers that joined since, checks that they do and names
any process that does not, with what to do (README, Your own corpus, says how to start a cluster).

Example (not run by the tests of this docstring: it starts a cluster):

    from helpers import load_corpus, on_dask
    client = on_dask.connect()                           # or on_dask.connect("tcp://10.0.0.5:8786")
    on_dask.write_corpus(load_corpus(), "my-parquet")    # once
    articles = on_dask.read_corpus("my-parquet")
    on_dask.word_frequencies(articles).head()
    on_dask.kwic(articles, "regime").compute()
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import actors, dates, framing, quotes, text, words
from helpers._engine import counting, parallel

DEFAULT_PART_SIZE = 5_000  # articles in each Parquet file written by write_corpus
CONNECT_TIMEOUT = 5  # seconds for a scheduler to answer connect(address)


def _dask():
    try:
        import dask
        import dask.dataframe as dd
    except ImportError:
        raise ImportError(
            "helpers.on_dask needs Dask, which the course does not install: "
            "pip install -r requirements-dask.txt (in the course folder)."
        ) from None
    return dask, dd


def connect(
    address: str | None = None, *, n_workers: int = 2, memory_limit: str = "3GB", timeout: float = CONNECT_TIMEOUT
):
    """A Dask client: to the scheduler at ``address`` (``"tcp://host:8786"``), or to a new cluster on this
    machine of ``n_workers`` processes of one thread, each allowed ``memory_limit``. Close it with ``.close()``.

    A scheduler that does not answer within ``timeout`` seconds is a ``ConnectionError`` naming the address. The
    scheduler and every worker must import the same ``helpers`` as this session (see README, Your own corpus):
    one that cannot is an ``ImportError`` naming it, one with other files a ``RuntimeError``. A ``Client`` made
    another way (by a cluster manager, say) works too: the analyses use the current client, and check its
    processes the same way."""
    _dask()
    from distributed import Client, LocalCluster

    if address is None:
        cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, memory_limit=memory_limit)
        client = Client(cluster)
    else:
        address = _check_address(address)
        if address.startswith("tcp://"):
            _ask_scheduler(address, timeout)
        try:
            client = Client(address, timeout=timeout)
        except OSError:
            raise ConnectionError(_no_answer(address, f" within {timeout:g} s")) from None
    try:
        _check_cluster(client)
    except Exception:
        client.close()
        if address is None:
            client.cluster.close()
        raise
    return client


# --------------------------------------------------------------------------------------------------------------------
# Reaching a cluster, and checking that its processes run this session's helpers


def _check_address(address) -> str:
    """A scheduler's address as Dask reads it (``tcp://`` added when no scheme is given), or a ``ValueError``."""
    if not isinstance(address, str):
        raise TypeError(f'connect: address must be text such as "tcp://10.0.0.5:8786", not {type(address).__name__}.')
    address = address.strip()
    scheme = address.split("://")[0].lower() if "://" in address else "tcp"
    if scheme in ("http", "https"):
        raise ValueError(
            f"connect: {address} is a web address (the dashboard's?). A scheduler's address starts with tcp:// "
            "and ends with its port, 8786 unless it was started with another: `dask scheduler` prints it "
            "as 'Scheduler at: tcp://...'."
        )
    address = address if "://" in address else f"tcp://{address}"
    host_port = address.split("://", 1)[1]
    if scheme == "tcp" and not host_port.rpartition(":")[2].isdigit():
        raise ValueError(f"connect: {address} has no port. A scheduler's address looks like tcp://10.0.0.5:8786.")
    return address


def _no_answer(address: str, why: str) -> str:
    return (
        f"connect: no Dask scheduler answered at {address}{why}. Check the address: `dask scheduler` prints it as "
        "'Scheduler at: tcp://host:port' (the port is 8786 unless it was given another; 8787 is the dashboard, "
        "not the scheduler). Check that the scheduler is running and that this machine can reach that host and "
        "port (a firewall?); or call on_dask.connect() without an address for a cluster on this machine."
    )


def _ask_scheduler(address: str, timeout: float) -> None:
    """A clear error within about ``timeout`` seconds unless a Dask scheduler answers at ``address``. (Dask's own
    client, given the address of a server that is not Dask's, may wait for ever or fail with an unrelated error.)"""
    import asyncio
    import socket
    import time
    from concurrent.futures import ThreadPoolExecutor

    from distributed.comm import connect as open_comm

    host, _, port = address.split("://", 1)[1].rpartition(":")
    host = host.strip("[]")
    deadline = time.monotonic() + timeout
    while True:  # first, does anything listen there? (retried: a scheduler may be starting)
        try:
            socket.create_connection((host, int(port)), timeout=max(0.1, deadline - time.monotonic())).close()
            break
        except socket.gaierror:
            raise ConnectionError(_no_answer(address, f": no host named {host!r} is known to this machine")) from None
        except OSError as error:
            if time.monotonic() >= deadline:
                refused = isinstance(error, ConnectionRefusedError)
                why = " (the connection was refused: nothing listens at that port)" if refused else ""
                raise ConnectionError(_no_answer(address, f" within {timeout:g} s{why}")) from None
            time.sleep(0.2)

    async def identity():  # then, is it a scheduler?
        comm = await open_comm(address, timeout=timeout)
        try:
            await comm.write({"op": "identity", "reply": True})
            return await comm.read()
        finally:
            comm.abort()

    def in_a_loop_of_its_own():  # a notebook's kernel already runs an event loop in this thread
        return asyncio.run(asyncio.wait_for(identity(), max(1.0, deadline - time.monotonic())))

    with ThreadPoolExecutor(1) as pool:
        try:
            answer = pool.submit(in_a_loop_of_its_own).result()
        except Exception:  # no answer in time, or not in Dask's protocol
            answer = None
    kind = answer.get("type") if isinstance(answer, dict) else None
    if kind != "Scheduler":
        what = f"a Dask {kind.lower()}, not the scheduler" if kind else "a server that does not answer as Dask does"
        raise ConnectionError(
            f"connect: what listens at {address} is {what}. Give the scheduler's address, which `dask scheduler` "
            "prints as 'Scheduler at: tcp://host:port' (the port is 8786 unless it was given another)."
        )


def _helpers_probe():
    """A function that says which ``helpers`` the process it runs in imports: their folder and a digest of their
    code and lists (their .py and .csv files) and of the course's actor list, or the error that importing them
    raised. It is made inside this function so that Dask sends its code rather than its name, since it must run
    where helpers cannot be imported."""

    def probe() -> dict:
        import hashlib
        import os
        import sys
        from pathlib import Path

        where = {"python": sys.executable, "folder": os.getcwd()}
        try:
            import helpers.on_dask  # noqa: F401  (the module whose functions the tasks name)
        except Exception as error:
            return {**where, "error": f"{type(error).__name__}: {error}"}
        package = Path(sys.modules["helpers"].__file__).resolve().parent
        files = sorted(p for p in package.rglob("*") if p.suffix in (".py", ".csv") and "__pycache__" not in p.parts)
        digest = hashlib.sha256()
        for path in [*files, package.parent / "corpus" / "actors.csv"]:  # the code, its lists, the actor list
            if path.is_file():
                name = path.relative_to(package.parent).as_posix().encode()
                digest.update(name + b"\0" + path.read_bytes().replace(b"\r\n", b"\n"))  # a Windows copy is alike
        return {**where, "helpers": str(package), "digest": digest.hexdigest()}

    return probe


_checked = {}  # id of a client: (the client's scheduler id, the workers already checked)


def _check_cluster(client) -> None:
    """An ``ImportError`` if the scheduler or a worker of ``client``'s cluster cannot import helpers, a
    ``RuntimeError`` if its helpers differ from this session's. Each worker is checked once."""
    probe = _helpers_probe()
    here = _here()
    identity = client.scheduler_info()
    scheduler_id, workers = identity.get("id"), set(identity.get("workers", {}))
    seen_id, seen = _checked.get(id(client), (None, set()))
    if seen_id != scheduler_id:
        seen = set()
        answers = {f"the scheduler at {client.scheduler.address}": client.run_on_scheduler(probe)}
    else:
        answers = {}
    new = sorted(workers - seen)
    if new:
        answers.update((f"worker {worker}", answer) for worker, answer in client.run(probe, workers=new).items())
    failed = {name: answer for name, answer in answers.items() if "error" in answer}
    if failed:
        listing = "; ".join(
            f"{name} ({answer['python']}, started in {answer['folder']}): {answer['error']}"
            for name, answer in failed.items()
        )
        raise ImportError(
            f"on_dask: the cluster's processes must import the course's helpers, and {len(failed)} cannot: "
            f"{listing}. Start `dask scheduler` and `dask worker` with the course folder on their path: from the "
            "course's environment on that machine (`python3 course.py setup` installs helpers in .venv: run "
            "`.venv/bin/dask worker ...`), or with PYTHONPATH set to the course folder, the one that holds "
            f"helpers/ (here {Path(here['helpers']).parent}): "
            "`PYTHONPATH=/path/to/course dask worker tcp://host:8786`. Stop the process named and start it so "
            "(a scheduler: its workers too, then connect again)."
        )
    different = {name: answer for name, answer in answers.items() if answer["digest"] != here["digest"]}
    if different:
        listing = "; ".join(f"{name} runs {answer['helpers']}" for name, answer in different.items())
        raise RuntimeError(
            f"on_dask: {len(different)} of the cluster's processes run helpers that differ from this session's "
            f"({here['helpers']}), so their tables could differ: {listing}. Give every machine the same version "
            "of the course (the same commit, the same corpus/actors.csv), restart the processes named (a "
            "scheduler: its workers too, then connect again)."
        )
    _checked[id(client)] = (scheduler_id, seen | workers)


_here_answer: dict = {}


def _here() -> dict:
    """The probe's answer for this session (its digest computed once)."""
    if not _here_answer:
        _here_answer.update(_helpers_probe()())
    return _here_answer


def _check_current_cluster() -> None:
    """:func:`_check_cluster` for the client the computations go to, if there is one."""
    from distributed import default_client

    try:
        client = default_client()
    except ValueError:  # no client: Dask computes in this process
        return
    _check_cluster(client)


def write_corpus(docs: pd.DataFrame, folder: Path | str, *, part_size: int = DEFAULT_PART_SIZE) -> Path:
    """Write a corpus (a table like :func:`helpers.load_corpus`'s) as Parquet files of ``part_size`` articles."""
    folder = Path(_local_folder(folder, "write_corpus"))
    folder.mkdir(parents=True, exist_ok=True)
    for number, lo in enumerate(range(0, len(docs), part_size)):
        docs.iloc[lo : lo + part_size].reset_index(drop=True).to_parquet(folder / f"part-{number:05d}.parquet")
    return folder


def read_corpus(folder: Path | str, columns: list[str] | None = None):
    """The articles of a folder of Parquet files (:func:`write_corpus`) as a Dask DataFrame, one partition a file."""
    dask, dd = _dask()
    folder = _local_folder(folder, "read_corpus")
    with dask.config.set({"dataframe.convert-string": False}):  # text columns as pandas reads them
        return dd.read_parquet(str(folder), columns=columns)


def _local_folder(folder, function: str) -> str:
    """``folder`` as text, if it is a folder on a disk: object stores (``s3://``, ``gs://``...) and web addresses
    are not supported, since the extra pins no package that reads them."""
    folder = str(folder)
    if "://" in folder:
        raise ValueError(
            f"{function}: {folder} is not a folder on a disk. Object stores and web addresses (s3://, gs://, "
            "https://...) are not supported: copy the files to a folder that every worker reads at the same path "
            "(a shared disk), and give that path."
        )
    return folder


def _on_part(part: pd.DataFrame, analysis, options: dict):
    """One analysis on one partition, in a worker: in its own process only (Dask workers may not start more),
    without the warning about the course's lists (said once, by the caller)."""
    parallel.use_workers(False)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*no list of your own was given")
        return analysis(part.reset_index(drop=True), **options)


def _rows(articles, analysis, **options):
    """The analysis on every partition; its tables one after another, as a Dask DataFrame."""
    _check_current_cluster()
    meta = _on_part(articles._meta, analysis, options)
    return articles.map_partitions(_on_part, analysis, options, meta=meta)


def _each_part(articles, count, **options) -> list:
    """``count(part, **options)`` for every partition, computed on the cluster; the results in order."""
    dask, _ = _dask()
    _check_current_cluster()
    parts = [dask.delayed(_on_part)(part, count, options) for part in articles.to_delayed()]
    return list(dask.compute(*parts))


# --------------------------------------------------------------------------------------------------------------------
# One row per thing found


def tokens(articles):
    """:func:`helpers.tokens` of every article (``doc_id``, ``token`` and ``lower`` as plain text, since each
    partition has its own words; ``sentence_id``, ``start`` and ``end`` as int32, since a partition of short
    articles would have them as int16 and another as int32)."""

    return _rows(articles, _plain_tokens)


def _plain_tokens(docs: pd.DataFrame) -> pd.DataFrame:
    toks = text.tokens(docs)
    return toks.astype(
        {"doc_id": object, "token": object, "lower": object, "sentence_id": "int32", "start": "int32", "end": "int32"}
    )


def kwic(articles, query: str, **options):
    """:func:`helpers.kwic` of every article (same options)."""
    return _rows(articles, words.kwic, query=query, **options)


def actor_mentions(articles, **options):
    """:func:`helpers.actor_mentions` of every article (same options)."""
    return _rows(articles, actors.actor_mentions, **options)


def dates_mentioned(articles):
    """:func:`helpers.dates_mentioned` of every article."""
    return _rows(articles, dates.dates_mentioned)


def loaded_language(articles, **options):
    """:func:`helpers.loaded_language` of every article (same options; ``sentence`` as plain text, since each
    partition has its own sentences)."""
    return _rows(articles, _plain_hits, **options)


def _plain_hits(docs: pd.DataFrame, **options) -> pd.DataFrame:
    return framing.loaded_language(docs, **options).astype({"sentence": "str"})


def sentence_sentiment(articles):
    """:func:`helpers.sentence_sentiment` of every sentence."""
    return _rows(articles, framing.sentence_sentiment)


def quotations(articles, **options):
    """:func:`helpers.quotations` of every article (same options)."""
    return _rows(articles, quotes.quotations, **options)


# --------------------------------------------------------------------------------------------------------------------
# Counts added up


def _frequency_counts_of(docs, by, ngram, remove_stopwords, keep_numbers):
    toks = words._token_arrays(docs, None, "word_frequencies", single_words=ngram == 1)
    labels, totals, counted = words._frequency_counts(toks, by, ngram, remove_stopwords, keep_numbers)
    counted = counted.table()
    counted = counted.assign(label=labels.take(counted["group"].to_numpy()) if len(counted) else [])
    return labels, pd.Series(totals, index=labels), counted[["label", "term", "count", "doc_freq"]]


def word_frequencies(
    articles, *, by: str | None = None, ngram: int = 1, remove_stopwords: bool = True, keep_numbers: bool = False
) -> pd.DataFrame:
    """:func:`helpers.word_frequencies` of the whole corpus (same options): each partition counted, the counts added."""
    ngram = words.check_whole_number(ngram, "ngram", "word_frequencies", 1)
    parts = _each_part(
        articles,
        _frequency_counts_of,
        by=by,
        ngram=ngram,
        remove_stopwords=bool(remove_stopwords),
        keep_numbers=bool(keep_numbers),
    )
    labels = parts[0][0].append([part[0] for part in parts[1:]]).unique()  # in order of first appearance
    totals = pd.concat([part[1] for part in parts]).groupby(level=0, sort=False).sum().reindex(labels).to_numpy()
    counted = pd.concat([part[2] for part in parts], ignore_index=True)
    counted = counted.groupby(["label", "term"], sort=False).sum().reset_index()
    group = labels.get_indexer(counted["label"])
    counted = counting.TermCounts.of_texts(group, counted["term"], counted["count"].to_numpy(), counted["doc_freq"])
    return words._frequency_table(labels, totals, counted, by)


def _side_counts(docs, by, targets, references, remove_stopwords):
    toks = words._token_arrays(docs, None, "keyness")
    column = docs[by]
    counts = words.counting.count_sides(
        toks,
        column.isin(targets).to_numpy(dtype=bool),
        column.isin(references).to_numpy(dtype=bool),
        words._rule(remove_stopwords, keep_numbers=True),
    )
    table = pd.DataFrame({"term": toks.vocab.to_numpy(dtype=object), "a": counts[0], "b": counts[1]})
    return table, counts[2], counts[3]


def keyness(
    articles,
    target,
    reference=None,
    *,
    by: str = "doc_id",
    min_count: int = 3,
    remove_stopwords: bool = True,
    keep_numbers: bool = False,
) -> pd.DataFrame:
    """:func:`helpers.keyness` of the whole corpus (same options): each partition counted, the counts added."""
    min_count = words.check_whole_number(min_count, "min_count", "keyness", 1)
    _check_current_cluster()  # before the first computation
    values = articles[by].unique().compute()
    targets = words._as_list(target)
    references = [v for v in values if v not in set(targets)] if reference is None else words._as_list(reference)
    for side, chosen in (("target", targets), ("reference", references)):
        unknown = [v for v in chosen if v not in set(values)]
        if not chosen or unknown:
            what = f"{side} {unknown[0]!r} is not a value of '{by}'" if unknown else f"no {side} given"
            raise ValueError(f"keyness: {what}. Choose one or more of: {words._listing(values)}.")
    if set(targets) & set(references):
        raise ValueError("keyness: a value is both in the target and in the reference.")
    parts = _each_part(
        articles, _side_counts, by=by, targets=targets, references=references, remove_stopwords=bool(remove_stopwords)
    )
    table = pd.concat([part[0] for part in parts], ignore_index=True).groupby("term", sort=False).sum()
    size_target, size_reference = sum(part[1] for part in parts), sum(part[2] for part in parts)
    vocab = pd.Index(table.index, dtype=object)
    result = words._keyness_from_counts(
        vocab, table["a"].to_numpy(), table["b"].to_numpy(), size_target, size_reference, min_count, keep_numbers
    )
    label = words._label
    result.attrs.update(target=label(targets), reference=label(references) if reference is not None else "the rest")
    return result


def _neighbour_counts(docs, query, window, by, remove_stopwords, keep_numbers):
    """In one partition: its groups (in order of first appearance), their sizes in tokens and the query's
    occurrences in each, how often each word is a neighbour and how often it occurs, by group."""
    toks = words._token_arrays(docs, None, "collocates")
    doc_group, labels = words._doc_groups(toks.docs, by)
    token_group = doc_group[toks.doc_codes]
    sizes = np.bincount(token_group, minlength=len(labels))
    alone = pd.DataFrame({"group": token_group, "term": toks.codes}).value_counts(sort=False).rename("count")
    alone = alone.reset_index().assign(term=lambda t: toks.vocab.take(t["term"].to_numpy()))
    query_codes = words._query_codes(toks, query, "collocates")
    if query_codes is None:
        return labels, sizes, np.zeros(len(labels), dtype=np.int64), alone.iloc[:0], alone
    starts = words.counting.occurrences(toks, query_codes)
    occurrences = np.bincount(token_group[starts], minlength=len(labels))
    near = words.counting.neighbours(toks, starts, len(query_codes), window)
    near = near[words._counted_words(toks, near, remove_stopwords, keep_numbers)]
    together = pd.DataFrame({"group": token_group[near], "term": toks.codes[near]}).value_counts(sort=False)
    together = together.rename("count").reset_index().assign(term=lambda t: toks.vocab.take(t["term"].to_numpy()))
    return labels, sizes, occurrences, together, alone


def collocates(
    articles,
    query: str,
    *,
    window: int = 5,
    min_count: int = 2,
    by: str | None = None,
    remove_stopwords: bool = True,
    keep_numbers: bool = False,
) -> pd.DataFrame:
    """:func:`helpers.collocates` of the whole corpus (same options): neighbours and word counts of each
    partition added up, in each group of ``by`` if given, then log Dice and MI."""
    window = words.check_whole_number(window, "window", "collocates", 1)
    min_count = words.check_whole_number(min_count, "min_count", "collocates", 1)
    words.check_column(articles._meta, by, "collocates", none=True)
    words._check_query(query, "collocates")
    parts = _each_part(
        articles,
        _neighbour_counts,
        query=query,
        window=window,
        by=by,
        remove_stopwords=bool(remove_stopwords),
        keep_numbers=bool(keep_numbers),
    )
    labels = parts[0][0].append([p[0] for p in parts[1:]]).unique()  # in order of first appearance, as pandas
    sizes, occurrences = np.zeros(len(labels)), np.zeros(len(labels))
    together, alone = [], []
    for part_labels, part_sizes, part_occurrences, part_together, part_alone in parts:
        group = labels.get_indexer(part_labels)  # the partition's groups numbered as in the whole corpus
        np.add.at(sizes, group, part_sizes)
        np.add.at(occurrences, group, part_occurrences)
        together.append(part_together.assign(group=group[part_together["group"].to_numpy()]))
        alone.append(part_alone.assign(group=group[part_alone["group"].to_numpy()]))
    together = pd.concat(together).groupby(["group", "term"], sort=False)["count"].sum()
    together = together[together >= min_count]
    if together.empty:
        result = words._empty(words.COLLOCATE_COLUMNS, by)
        result.attrs.update(query=query, window=window, occurrences=int(occurrences.sum()))
        return result
    alone = pd.concat(alone).groupby(["group", "term"], sort=False)["count"].sum().reindex(together.index)
    group = together.index.get_level_values("group").to_numpy()
    node_freq, corpus_size = occurrences[group], sizes[group]
    count, term_freq = together.to_numpy(dtype=float), alone.to_numpy(dtype=float)
    table = pd.DataFrame(
        {
            "group": group,
            "term": together.index.get_level_values("term").to_numpy(dtype=object),
            "count": together.to_numpy().astype("int64"),
            "term_freq": term_freq.astype("int64"),
            "log_dice": words.log_dice(count, node_freq, term_freq),
            "mi": words.mi(count, node_freq, term_freq, corpus_size, window),
        }
    )
    table = table.sort_values(
        ["group", "log_dice", "count", "term"], ascending=[True, False, False, True], kind="stable"
    )
    result = table[words.COLLOCATE_COLUMNS]
    if by is not None:
        result.insert(0, by, labels.take(table["group"].to_numpy()))
    result = result.reset_index(drop=True)
    result.attrs.update(query=query, window=window, occurrences=int(occurrences.sum()))
    return result
