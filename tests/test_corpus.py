"""The corpus (helpers/corpus.py): the course corpus loads with its real dates and clean texts; a folder with a
problem gets an error that names the file, row or field and says what to do; corpora combine with unique ids."""

import warnings

import pandas as pd
import pytest

from helpers import (
    PRACTICE_CORPUS,
    CorpusError,
    actor_mentions,
    combine_corpora,
    import_news_export,
    load_corpus,
    loaded_language,
    tokens,
    validate_corpus,
    word_frequencies,
)
from tests.support import make_folder

# --------------------------------------------------------------------------- the course corpus


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


# --------------------------------------------------------------------------- a folder with a problem

GOOD_METADATA = "doc_id,title,outlet,published\na,First,X,2019-03-01\nb,Second,Y,2020-01-02\n"


def make_corpus(folder, metadata=GOOD_METADATA, texts=None):
    return make_folder(folder, texts if texts is not None else {"a": "Text one.", "b": "Text two."}, metadata)


def test_the_good_example_loads(tmp_path):
    assert len(load_corpus(make_corpus(tmp_path))) == 2


def test_missing_text_file(tmp_path):
    make_corpus(tmp_path, texts={"a": "Text one."})
    with pytest.raises(CorpusError, match=r"b\.txt \(metadata row 3\): no text file texts/b\.txt.*or remove the row"):
        load_corpus(tmp_path)


def test_text_file_without_a_metadata_row(tmp_path):
    make_corpus(tmp_path, texts={"a": "One.", "b": "Two.", "c": "Three."})
    with pytest.raises(CorpusError, match=r"c\.txt.*Add a row"):
        load_corpus(tmp_path)


def test_malformed_date(tmp_path):
    make_corpus(tmp_path, metadata=GOOD_METADATA.replace("2020-01-02", "02/01/2020"))
    with pytest.raises(CorpusError, match=r"metadata\.csv, row 3, field 'published': '02/01/2020'.*YYYY-MM-DD"):
        load_corpus(tmp_path)


def test_impossible_date(tmp_path):
    make_corpus(tmp_path, metadata=GOOD_METADATA.replace("2020-01-02", "2020-02-30"))
    with pytest.raises(CorpusError, match=r"row 3, field 'published'"):
        load_corpus(tmp_path)


def test_duplicate_doc_id(tmp_path):
    make_corpus(tmp_path, metadata=GOOD_METADATA.replace("\nb,", "\na,"), texts={"a": "One."})
    with pytest.raises(CorpusError, match=r"row 3, field 'doc_id': 'a' is used again \(first in row 2\)"):
        load_corpus(tmp_path)


def test_empty_text(tmp_path):
    make_corpus(tmp_path, texts={"a": "One.", "b": "  \n\n "})
    with pytest.raises(CorpusError, match=r"b\.txt \(metadata row 3\): the text is empty"):
        load_corpus(tmp_path)


def test_text_that_is_not_utf8(tmp_path):
    make_corpus(tmp_path, texts={"a": "One.", "b": "Caf\u00e9 in Paris.".encode("latin-1")})
    with pytest.raises(CorpusError, match=r"b\.txt \(metadata row 3\): not UTF-8: byte 3 \(line 1\).*encoding UTF-8"):
        load_corpus(tmp_path)


def test_metadata_that_is_not_utf8(tmp_path):
    make_corpus(tmp_path)
    (tmp_path / "metadata.csv").write_bytes(GOOD_METADATA.replace("First", "Caf\u00e9").encode("cp1252"))
    with pytest.raises(CorpusError, match=r"metadata\.csv: not UTF-8"):
        load_corpus(tmp_path)


def test_missing_column(tmp_path):
    make_corpus(tmp_path, metadata="doc_id,title,published\na,First,2019\nb,Second,2020\n")
    with pytest.raises(CorpusError, match=r"no column 'outlet' \(the file has: doc_id, title, published\)"):
        load_corpus(tmp_path)


def test_row_with_too_many_fields(tmp_path):
    make_corpus(tmp_path, metadata=GOOD_METADATA + "c,Third,Z,2021,extra\n")
    with pytest.raises(CorpusError, match=r"row 4: 5 fields where the header has 4"):
        load_corpus(tmp_path)


def test_unknown_date_precision(tmp_path):
    make_corpus(tmp_path, metadata="doc_id,title,outlet,published,date_precision\na,A,X,2019,roughly\nb,B,Y,2020,day\n")
    with pytest.raises(CorpusError, match=r"row 2, field 'date_precision': 'roughly'"):
        load_corpus(tmp_path)


def test_doc_id_that_cannot_name_a_file(tmp_path):
    make_corpus(tmp_path, metadata=GOOD_METADATA.replace("\nb,", "\n../b,"))
    with pytest.raises(CorpusError, match=r"row 3, field 'doc_id': '../b' is not a usable id"):
        load_corpus(tmp_path)


def test_missing_folder_and_empty_metadata(tmp_path):
    with pytest.raises(CorpusError, match="no such folder"):
        load_corpus(tmp_path / "nowhere")
    make_corpus(tmp_path, metadata="doc_id,title,outlet,published\n", texts={})
    with pytest.raises(CorpusError, match="no articles"):
        load_corpus(tmp_path)


def test_bom_and_windows_line_endings_are_fine(tmp_path):
    make_corpus(
        tmp_path, metadata="\ufeff" + GOOD_METADATA.replace("\n", "\r\n"), texts={"a": "One.\r\n\r\nTwo.", "b": "B."}
    )
    docs = load_corpus(tmp_path)
    assert docs.set_index("doc_id").text["a"] == "One.\n\nTwo."


def test_loading_and_validating_word_the_same_problem_alike(tmp_path):
    make_corpus(tmp_path, metadata=GOOD_METADATA.replace("2020-01-02", "2022-13-45"))
    report = validate_corpus(tmp_path)
    with pytest.raises(CorpusError) as stopped:
        load_corpus(tmp_path)
    detail, advice = report.problems.loc[0, ["detail", "what_to_do"]]
    assert detail == "'2022-13-45' is not a real date or time" and detail in str(stopped.value)
    # the same advice; only the report, where the import goes on, says what becomes of the article meanwhile
    assert advice.startswith("Write it as YYYY-MM-DD") and advice.endswith("kept without a date (NaT).")
    assert advice.removesuffix(" Until then the article is kept without a date (NaT).") in str(stopped.value)
    assert "kept" not in str(stopped.value)


def test_a_semicolon_separated_metadata_file_loads(tmp_path):
    make_corpus(tmp_path, metadata=GOOD_METADATA.replace(",", ";"))
    assert list(load_corpus(tmp_path)["outlet"]) == ["X", "Y"]


# --------------------------------------------------------------------------- combining corpora


@pytest.fixture(scope="module")
def export():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return import_news_export(PRACTICE_CORPUS / "practice-export.csv", on_error="report")[0]


def test_two_imports_repeat_their_ids_and_every_analysis_refuses_them(export):
    together = pd.concat([export, export], ignore_index=True)
    with pytest.raises(CorpusError, match=r"doc_ids 'doc-00004', 'doc-00001', .* are used by more than one row"):
        word_frequencies(together)
    with pytest.raises(CorpusError, match=r"in more than one corpus.*prefixes=\['a-', 'b-'\]"):
        combine_corpora(export, export)


def test_combined_corpora_keep_every_article_under_a_unique_id(export):
    practice = load_corpus(PRACTICE_CORPUS)
    both = combine_corpora(export, practice, prefixes=["export-", "folder-"])
    assert len(both) == len(export) + len(practice) and both["doc_id"].is_unique
    assert both["published"].dropna().is_monotonic_increasing and both["published"].tail(2).isna().all()  # undated last
    assert set(both["doc_id"].str.split("-").str[0]) == {"export", "folder"}
    assert word_frequencies(both).set_index("term")["count"].sum() == (
        word_frequencies(export).set_index("term")["count"].sum()
        + word_frequencies(practice).set_index("term")["count"].sum()
    )
    with pytest.raises(ValueError, match="one prefix per corpus"):
        combine_corpora(export, practice, prefixes=["only-one-"])


# --------------------------------------------------------------------------- the course's own lists on another corpus


def test_the_course_lists_say_so_on_another_corpus(tmp_path):
    harbour = make_folder(tmp_path / "harbour", {"h1": "The regime at the harbour raised the fees again."})
    docs = load_corpus(harbour)
    with pytest.warns(UserWarning, match=r"actor_mentions\(\): no list of your own.*actors=load_actors"):
        mentions = actor_mentions(docs)
    assert mentions["actor"].tolist() == ["Iranian state"]  # what the course's list makes of "the regime"
    with pytest.warns(UserWarning, match=r"loaded_language\(\): no list of your own.*lexicon=load_lexicon"):
        loaded_language(docs)


def test_the_course_corpus_and_a_list_of_your_own_raise_no_warning(docs):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        actor_mentions(docs.iloc[[1, 3]])
        practice = load_corpus(PRACTICE_CORPUS)
        actor_mentions(practice, actors=PRACTICE_CORPUS / "actors.csv")
