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
connects to a running Dask scheduler by its address. Every computation then goes to that cluster.

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
from helpers._engine import parallel

DEFAULT_PART_SIZE = 5_000  # articles in each Parquet file written by write_corpus


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


def connect(address: str | None = None, *, n_workers: int = 2, memory_limit: str = "3GB"):
    """A Dask client: to the scheduler at ``address`` (``"tcp://host:8786"``), or to a new cluster on this
    machine of ``n_workers`` processes of one thread, each allowed ``memory_limit``. Close it with ``.close()``."""
    _dask()
    from distributed import Client, LocalCluster

    if address is not None:
        return Client(address)
    cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, memory_limit=memory_limit)
    return Client(cluster)


def write_corpus(docs: pd.DataFrame, folder: Path | str, *, part_size: int = DEFAULT_PART_SIZE) -> Path:
    """Write a corpus (a table like :func:`helpers.load_corpus`'s) as Parquet files of ``part_size`` articles."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for number, lo in enumerate(range(0, len(docs), part_size)):
        docs.iloc[lo : lo + part_size].reset_index(drop=True).to_parquet(folder / f"part-{number:05d}.parquet")
    return folder


def read_corpus(folder: Path | str, columns: list[str] | None = None):
    """The articles of a folder of Parquet files (:func:`write_corpus`) as a Dask DataFrame, one partition a file."""
    dask, dd = _dask()
    with dask.config.set({"dataframe.convert-string": False}):  # text columns as pandas reads them
        return dd.read_parquet(str(folder), columns=columns)


def _on_part(part: pd.DataFrame, analysis, options: dict):
    """One analysis on one partition, in a worker: in its own process only (Dask workers may not start more),
    without the warning about the course's lists (said once, by the caller)."""
    parallel.use_workers(False)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*no list of your own was given")
        return analysis(part.reset_index(drop=True), **options)


def _rows(articles, analysis, **options):
    """The analysis on every partition; its tables one after another, as a Dask DataFrame."""
    meta = _on_part(articles._meta, analysis, options)
    return articles.map_partitions(_on_part, analysis, options, meta=meta)


def _each_part(articles, count, **options) -> list:
    """``count(part, **options)`` for every partition, computed on the cluster; the results in order."""
    dask, _ = _dask()
    parts = [dask.delayed(_on_part)(part, count, options) for part in articles.to_delayed()]
    return list(dask.compute(*parts))


# --------------------------------------------------------------------------------------------------------------------
# One row per thing found


def tokens(articles):
    """:func:`helpers.tokens` of every article (``doc_id``, ``token`` and ``lower`` as plain text, since each
    partition has its own words)."""

    return _rows(articles, _plain_tokens)


def _plain_tokens(docs: pd.DataFrame) -> pd.DataFrame:
    toks = text.tokens(docs)
    return toks.astype({"doc_id": object, "token": object, "lower": object})


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
    """:func:`helpers.loaded_language` of every article (same options)."""
    return _rows(articles, framing.loaded_language, **options)


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
    counted.insert(0, "group", labels.get_indexer(counted.pop("label")))
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
