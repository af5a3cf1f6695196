"""load_corpus(): the five articles, in order, with their real dates and clean texts."""

import pandas as pd

from helpers import load_corpus, tokens


def test_five_articles_in_chronological_order(docs):
    assert list(docs.doc_id) == ["ips-2007", "ncri-2010", "breitbart-2014", "moroccantimes-2015", "iranfreedom-2018"]
    assert docs.published.is_monotonic_increasing
    assert pd.api.types.is_datetime64_any_dtype(docs.published)


def test_publication_dates_and_precision_follow_the_evidence(docs):
    by_id = docs.set_index("doc_id")
    assert by_id.published.dt.strftime("%Y-%m-%d").to_dict() == {
        "ips-2007": "2007-06-18",
        "ncri-2010": "2010-09-11",
        "breitbart-2014": "2014-05-29",
        "moroccantimes-2015": "2015-06-13",
        "iranfreedom-2018": "2018-06-18",
    }
    assert by_id.date_precision.to_dict() == {
        "ips-2007": "day",
        "ncri-2010": "estimated range",
        "breitbart-2014": "day",
        "moroccantimes-2015": "month",
        "iranfreedom-2018": "day",
    }
    assert by_id.loc["moroccantimes-2015", "published_latest"] == pd.Timestamp("2015-06-30")


def test_the_date_traps_are_not_taken_for_publication_dates(docs):
    by_id = docs.set_index("doc_id")
    # the NCRI page header shows the capture date, 17 July 2024
    assert by_id.loc["ncri-2010", "published"].year == 2010
    assert "July 17, 2024" not in by_id.loc["ncri-2010", "text"]
    # iranfreedom-2018 previews an event twelve days after it was published
    assert by_id.loc["iranfreedom-2018", "event_date"] - by_id.loc["iranfreedom-2018", "published"] == pd.Timedelta(
        days=12
    )
    # breitbart-2014 reports a meeting six days before publication
    assert by_id.loc["breitbart-2014", "published"] - by_id.loc["breitbart-2014", "event_date"] == pd.Timedelta(days=6)


def test_n_words_is_the_token_count(docs, toks):
    assert docs.set_index("doc_id").n_words.to_dict() == toks.groupby("doc_id").size().to_dict()
    assert docs.n_words.between(500, 1100).all()


def test_the_clean_text_starts_with_the_headline_and_ends_with_the_article(docs):
    ips = docs.set_index("doc_id").loc["ips-2007", "text"]
    assert ips.startswith('Iran National Solidarity To Create An "Alternative"\n\nParis, 18 June (IPS)')
    assert ips.endswith("arresting most of them.\n")


def test_any_folder_in_the_same_format_loads(tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "metadata.csv").write_text("doc_id,title,outlet,published\nb,Second,Y,2020\na,First,X,2019-03\n")
    (tmp_path / "texts" / "a.txt").write_text("One sentence here. And another.")
    (tmp_path / "texts" / "b.txt").write_text("Just one.")
    docs = load_corpus(tmp_path)
    assert list(docs.doc_id) == ["a", "b"]
    assert list(docs.date_precision) == ["month", "year"]
    assert list(docs.n_words) == [5, 2]
    assert len(tokens(docs)) == 7
