"""The analyses on a Dask cluster (helpers/on_dask.py) give the tables of the pandas analyses.

A cluster of two worker processes on this machine, the course corpus and a synthetic one written as
Parquet files of a few articles each; every table compared whole with the pandas analysis of the same
articles. The developers' environment has Dask (requirements-dev.txt includes requirements-dask.txt, and
tests/test_environment.py fails if it is missing); anywhere else these tests are skipped without it.
"""

import warnings

import pandas as pd
import pytest

import helpers
from tests.support import synthetic_corpus

pytest.importorskip("dask.dataframe")
pytest.importorskip("distributed")
pytest.importorskip("pyarrow")

from helpers import on_dask  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore:.*no list of your own was given:UserWarning")


@pytest.fixture(scope="module")
def client():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the cluster's own notices (ports, dashboards)
        client = on_dask.connect(n_workers=2, memory_limit="1GB")
    yield client
    client.close()
    client.cluster.close()


@pytest.fixture(scope="module", params=["course", "synthetic"])
def corpus(request, tmp_path_factory, client):
    docs = helpers.load_corpus() if request.param == "course" else synthetic_corpus(120, seed=7)
    folder = on_dask.write_corpus(docs, tmp_path_factory.mktemp(request.param), part_size=2 if len(docs) < 10 else 25)
    articles = on_dask.read_corpus(folder)
    assert articles.npartitions >= 3
    # pandas on the same articles as read back from the files (text columns come back as pandas' str type)
    same = pd.read_parquet(folder)
    assert same["doc_id"].tolist() == docs["doc_id"].tolist() and same["text"].tolist() == docs["text"].tolist()
    return same, articles


def _rows(table):
    return table.compute().reset_index(drop=True)


def test_the_work_runs_on_the_two_workers(client):
    assert len(client.scheduler_info()["workers"]) == 2


def test_row_tables_are_those_of_pandas(corpus):
    docs, articles = corpus
    pd.testing.assert_frame_equal(
        _rows(on_dask.kwic(articles, "regime", window=3)), helpers.kwic(docs, "regime", window=3)
    )
    pd.testing.assert_frame_equal(_rows(on_dask.actor_mentions(articles)), helpers.actor_mentions(docs))
    pd.testing.assert_frame_equal(_rows(on_dask.dates_mentioned(articles)), helpers.dates_mentioned(docs))
    pd.testing.assert_frame_equal(
        _rows(on_dask.loaded_language(articles)), helpers.loaded_language(docs).astype({"sentence": "str"})
    )
    pd.testing.assert_frame_equal(_rows(on_dask.sentence_sentiment(articles)), helpers.sentence_sentiment(docs))
    pd.testing.assert_frame_equal(_rows(on_dask.quotations(articles)), helpers.quotations(docs))
    expected = helpers.tokens(docs).astype(
        {"doc_id": object, "token": object, "lower": object, "sentence_id": "int32", "start": "int32", "end": "int32"}
    )
    pd.testing.assert_frame_equal(_rows(on_dask.tokens(articles)), expected)
    # none of these comparisons is of two empty tables
    for analysis in (helpers.dates_mentioned, helpers.loaded_language, helpers.quotations):
        assert len(analysis(docs)) > 5, analysis.__name__
    assert len(helpers.actor_mentions(docs)) > 50 and len(helpers.kwic(docs, "regime", window=3)) > 5


def test_counts_added_up_give_the_numbers_of_pandas(corpus):
    docs, articles = corpus
    for options in ({}, {"by": "outlet"}, {"ngram": 2, "remove_stopwords": False}, {"keep_numbers": True}):
        expected = helpers.word_frequencies(docs, **options)
        pd.testing.assert_frame_equal(on_dask.word_frequencies(articles, **options), expected, obj=str(options))
    target = docs["outlet"].iloc[0]
    pd.testing.assert_frame_equal(
        on_dask.keyness(articles, target, by="outlet"), helpers.keyness(docs, target, by="outlet")
    )
    pd.testing.assert_frame_equal(on_dask.collocates(articles, "regime"), helpers.collocates(docs, "regime"))
    pd.testing.assert_frame_equal(
        on_dask.collocates(articles, "Iranian regime", window=3, min_count=1),
        helpers.collocates(docs, "Iranian regime", window=3, min_count=1),
    )


def test_collocates_by_group_are_those_of_pandas(corpus):
    docs, articles = corpus
    for query, options in (("regime", {}), ("Iranian regime", {"window": 3, "min_count": 1})):
        result = on_dask.collocates(articles, query, by="outlet", **options)
        expected = helpers.collocates(docs, query, by="outlet", **options)
        pd.testing.assert_frame_equal(result, expected, obj=query)
        assert result.attrs == expected.attrs
    # several outlets, each with its own counts: the groups were not merged
    assert on_dask.collocates(articles, "regime", by="outlet", min_count=1)["outlet"].nunique() >= 2
    empty = on_dask.collocates(articles, "no such word", by="outlet")
    pd.testing.assert_frame_equal(empty, helpers.collocates(docs, "no such word", by="outlet"))
    with pytest.raises(ValueError, match="by='newspaper' is not a metadata column"):
        on_dask.collocates(articles, "regime", by="newspaper")


def test_a_wrong_target_says_which_values_there_are(corpus):
    _, articles = corpus
    with pytest.raises(ValueError, match="is not a value of 'outlet'"):
        on_dask.keyness(articles, "no such outlet", by="outlet")


def test_a_running_scheduler_is_reached_by_its_address(client, corpus):
    docs, articles = corpus
    address = client.scheduler.address  # as a cluster elsewhere would be given: "tcp://host:port"
    assert address.startswith("tcp://")
    other = on_dask.connect(address)
    try:
        assert other.scheduler_info()["id"] == client.scheduler_info()["id"]
        assert len(other.scheduler_info()["workers"]) == 2
        pd.testing.assert_frame_equal(on_dask.word_frequencies(articles), helpers.word_frequencies(docs))
    finally:
        other.close()
    assert other.status == "closed" and client.status == "running"
