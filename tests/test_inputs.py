"""The input contract (helpers/inputs.py): every analysis and explorer accepts the same inputs and refuses the same
bad input with the same error; old keyword names keep working, with a DeprecationWarning; one CSV reader."""

import inspect
import warnings

import pandas as pd
import pytest

import helpers
from helpers import (
    CorpusError,
    actor_mentions,
    co_mentions,
    collocates,
    dates_mentioned,
    explore_collocates,
    explore_keyness,
    explore_words,
    first_mentions,
    keyness,
    kwic,
    loaded_language,
    loaded_language_summary,
    mention_counts,
    naming_choices,
    plot_keyness,
    quotations,
    quoted_share,
    quoted_terms,
    sentence_sentiment,
    sentences,
    timeline,
    tokens,
    unlisted_names,
    voices,
    word_frequencies,
)
from helpers.inputs import read_csv_text

# Each analysis, called with nothing but docs (and what it cannot do without).
ANALYSES = {
    "sentences": sentences,
    "tokens": tokens,
    "word_frequencies": word_frequencies,
    "keyness": lambda docs: keyness(docs, "ips-2007"),
    "kwic": lambda docs: kwic(docs, "regime"),
    "collocates": lambda docs: collocates(docs, "regime"),
    "actor_mentions": actor_mentions,
    "mention_counts": mention_counts,
    "co_mentions": co_mentions,
    "unlisted_names": unlisted_names,
    "first_mentions": first_mentions,
    "naming_choices": lambda docs: naming_choices(docs, "PMOI/MEK"),
    "loaded_language": loaded_language,
    "loaded_language_summary": loaded_language_summary,
    "sentence_sentiment": sentence_sentiment,
    "quotations": quotations,
    "quoted_terms": quoted_terms,
    "voices": voices,
    "quoted_share": quoted_share,
    "dates_mentioned": dates_mentioned,
    "timeline": timeline,
}
EXPLORERS = sorted(name for name in helpers.__all__ if name.startswith("explore_"))
EVERYTHING = [(name, ANALYSES[name]) for name in ANALYSES] + [(name, getattr(helpers, name)) for name in EXPLORERS]


def test_every_analysis_of_the_package_is_checked_here():
    analyses = {name for name in helpers.__all__ if callable(getattr(helpers, name))}
    not_taking_docs = {"check", "download_my_work", "show_progress", "stopwords", "sentiment_blind_spots"}
    not_taking_docs |= {name for name in analyses if name.startswith(("plot_", "load_", "import_", "export_"))}
    not_taking_docs |= {"validate_corpus", "combine_corpora", "ValidationReport", "CorpusError", "explore_corpus"}
    not_taking_docs |= {"Chart"}  # what a plot_... function returns
    assert analyses - not_taking_docs - set(EXPLORERS) == set(ANALYSES)


# --------------------------------------------------------------------------- docs


@pytest.mark.parametrize("name, function", EVERYTHING, ids=[name for name, _ in EVERYTHING])
def test_the_wrong_kind_of_object_is_a_type_error(name, function):
    with pytest.raises(TypeError, match=rf"{name}\(\) needs docs, the DataFrame from load_corpus\(\).*got str"):
        function("my-corpus")


@pytest.mark.parametrize("name, function", EVERYTHING, ids=[name for name, _ in EVERYTHING])
def test_a_missing_column_is_named(docs, name, function):
    with pytest.raises(ValueError, match=rf"{name}\(\): docs has no column 'text'"):
        function(docs.drop(columns="text"))


@pytest.mark.parametrize("name, function", EVERYTHING, ids=[name for name, _ in EVERYTHING])
def test_repeated_doc_ids_are_a_corpus_error_naming_them(docs, name, function):
    twice = pd.concat([docs.iloc[[0, 1]], docs.iloc[[1]]])
    with pytest.raises(CorpusError, match=rf"{name}\(\): doc_id 'ncri-2010' is used by more than one row"):
        function(twice)


def test_a_missing_text_is_named(docs):
    with pytest.raises(ValueError, match=r"kwic\(\): the article 'ncri-2010' has no text"):
        kwic(docs.assign(text=docs["text"].where(docs["doc_id"] != "ncri-2010")), "regime")


@pytest.mark.filterwarnings("ignore:.*no list of your own was given:UserWarning")
@pytest.mark.parametrize("name", sorted(ANALYSES))
def test_an_empty_corpus_gives_an_empty_table_with_the_usual_columns(docs, name):
    usual = ANALYSES[name](docs.iloc[[0, 2]])
    empty = ANALYSES[name](docs.iloc[0:0])
    assert isinstance(empty, pd.DataFrame) and empty.empty
    assert list(empty.columns) == list(usual.columns)


def test_the_index_of_docs_does_not_matter(docs):
    shuffled = docs.set_index(pd.Index([10, 3, 7, 1, 0]))
    pd.testing.assert_frame_equal(word_frequencies(shuffled, by="doc_id"), word_frequencies(docs, by="doc_id"))
    pd.testing.assert_frame_equal(kwic(shuffled, "regime"), kwic(docs, "regime"))


# --------------------------------------------------------------------------- tables reused by keyword

REUSED = [
    ("tokens", "sents", lambda docs, t: tokens(docs, sents=t), "sentence_id"),
    ("kwic", "sents", lambda docs, t: kwic(docs, "regime", sents=t), "sentence_id"),
    ("kwic", "toks", lambda docs, t: kwic(docs, "regime", toks=t), "is_stopword"),
    ("word_frequencies", "toks", lambda docs, t: word_frequencies(docs, toks=t), "is_stopword"),
    ("keyness", "toks", lambda docs, t: keyness(docs, "ncri-2010", toks=t), "lower"),
    ("collocates", "toks", lambda docs, t: collocates(docs, "regime", toks=t), "lower"),
    ("actor_mentions", "sents", lambda docs, t: actor_mentions(docs, sents=t), "start"),
    ("mention_counts", "mentions", lambda docs, t: mention_counts(docs, mentions=t), "actor_type"),
    ("co_mentions", "mentions", lambda docs, t: co_mentions(docs, mentions=t), "actor"),
    ("unlisted_names", "toks", lambda docs, t: unlisted_names(docs, toks=t), "token"),
    ("first_mentions", "mentions", lambda docs, t: first_mentions(docs, mentions=t), "alias"),
    ("naming_choices", "mentions", lambda docs, t: naming_choices(docs, "PMOI/MEK", mentions=t), "alias"),
    ("loaded_language", "sents", lambda docs, t: loaded_language(docs, sents=t), "sentence"),
    ("loaded_language_summary", "hits", lambda docs, t: loaded_language_summary(docs, hits=t), "category"),
    ("sentence_sentiment", "sents", lambda docs, t: sentence_sentiment(docs, sents=t), "sentence"),
    ("quotations", "sents", lambda docs, t: quotations(docs, sents=t), "paragraph_id"),
    ("voices", "quotes", lambda docs, t: voices(docs, quotes=t), "speaker_kind"),
    ("quoted_share", "quotes", lambda docs, t: quoted_share(docs, quotes=t), "quotation_id"),
    ("dates_mentioned", "sents", lambda docs, t: dates_mentioned(docs, sents=t), "start"),
    ("timeline", "sents", lambda docs, t: timeline(docs, sents=t), "sentence"),
]


@pytest.fixture(scope="module")
def reusable(sents, toks, mentions, hits, quotes):
    return {"sents": sents, "toks": toks, "mentions": mentions, "hits": hits, "quotes": quotes}


@pytest.mark.parametrize("name, keyword, call, column", REUSED, ids=[f"{n}-{k}" for n, k, _, _ in REUSED])
def test_a_reused_table_follows_the_same_contract(docs, reusable, name, keyword, call, column):
    table = reusable[keyword]
    with pytest.raises(TypeError, match=rf"{name}\(\): {keyword}= must be the DataFrame from"):
        call(docs, "a table")
    with pytest.raises(ValueError, match=rf"{name}\(\): {keyword}= has no column '{column}'"):
        call(docs, table.drop(columns=column))
    some = docs.iloc[[4, 1]]  # a table made once for all articles serves any selection of them
    pd.testing.assert_frame_equal(call(some, table), call(some, None))


@pytest.mark.parametrize("keyword, call", [("sents", REUSED[0][2]), ("toks", REUSED[3][2])])
def test_sentences_and_tokens_must_cover_every_article(docs, reusable, keyword, call):
    table = reusable[keyword]
    with pytest.raises(ValueError, match=rf"{keyword}= has no rows for the article 'breitbart-2014'"):
        call(docs, table[table["doc_id"] != "breitbart-2014"])


# Every keyword for a reused table that any analysis or explorer of the package takes, read from their signatures,
# so that a new function, or a new keyword, is checked here without being listed.
TAKING_TABLES = [
    (name, keyword)
    for name, function in EVERYTHING
    for keyword in inspect.signature(getattr(helpers, name)).parameters
    if keyword in ("sents", "toks", "mentions", "hits", "quotes")
]


def test_every_explorer_takes_the_tables_its_analyses_take():
    takes = {name: {k for n, k in TAKING_TABLES if n == name} for name, _ in EVERYTHING}
    for explorer, analyses in {
        "explore_words": ["word_frequencies"],
        "explore_keyness": ["keyness"],
        "explore_kwic": ["kwic"],
        "explore_collocates": ["collocates"],
        "explore_actors": ["actor_mentions", "mention_counts"],
        "explore_naming": ["naming_choices"],
        "explore_co_mentions": ["co_mentions"],
        "explore_loaded_language": ["loaded_language_summary"],
        "explore_sentiment": ["sentence_sentiment"],
        "explore_quotes": ["voices"],
        "explore_timeline": ["timeline"],
    }.items():
        wanted = set().union(*(takes[a] for a in analyses))
        assert takes[explorer] >= wanted, explorer


@pytest.mark.filterwarnings("ignore:.*no list of your own was given:UserWarning")
@pytest.mark.parametrize("name, keyword", TAKING_TABLES, ids=[f"{n}-{k}" for n, k in TAKING_TABLES])
def test_the_same_bad_table_gives_the_same_error_everywhere(docs, reusable, name, keyword):
    function = getattr(helpers, name)
    needs = {"keyness": ("ips-2007",), "kwic": ("regime",), "collocates": ("regime",), "naming_choices": ("NCRI",)}
    made_by = {"sents": "sentences", "toks": "tokens", "mentions": "actor_mentions"}
    made_by |= {"hits": "loaded_language", "quotes": "quotations"}
    with pytest.raises(TypeError) as wrong_kind:
        function(docs, *needs.get(name, ()), **{keyword: ["a", "list"]})
    assert str(wrong_kind.value) == (
        f"{name}(): {keyword}= must be the DataFrame from {made_by[keyword]}(docs); got list. "
        "Leave it out to have it made."
    )
    table = reusable[keyword]
    column = "sentence_id" if "sentence_id" in table.columns else "quotation_id"
    with pytest.raises(ValueError) as no_column:
        function(docs, *needs.get(name, ()), **{keyword: table.drop(columns=column)})
    assert str(no_column.value) == (
        f"{name}(): {keyword}= has no column '{column}'. "
        f"Pass {keyword}={made_by[keyword]}(docs), or leave it out to have it made."
    )


# --------------------------------------------------------------------------- old names, for one release

OLD_AND_NEW = [
    (lambda d: word_frequencies(d, stopwords=False), lambda d: word_frequencies(d, remove_stopwords=False)),
    (lambda d: word_frequencies(d, numbers=True), lambda d: word_frequencies(d, keep_numbers=True)),
    (lambda d: word_frequencies(d, "doc_id", 2), lambda d: word_frequencies(d, by="doc_id", ngram=2)),
    (lambda d: keyness(d, "ips-2007", min_freq=5), lambda d: keyness(d, "ips-2007", min_count=5)),
    (lambda d: keyness(d, "ips-2007", None, "doc_id", 5), lambda d: keyness(d, "ips-2007", min_count=5)),
    (lambda d: collocates(d, "regime", 3, 1), lambda d: collocates(d, "regime", window=3, min_count=1)),
    (lambda d: collocates(d, "regime", min_freq=1), lambda d: collocates(d, "regime", min_count=1)),
    (lambda d: kwic(d, "regime", 2), lambda d: kwic(d, "regime", window=2)),
    (lambda d: mention_counts(d, None), lambda d: mention_counts(d, by=None)),
    (lambda d: actor_mentions(d, helpers.load_actors()), lambda d: actor_mentions(d, actors=helpers.load_actors())),
    (lambda d: naming_choices(d, "NCRI", None), lambda d: naming_choices(d, "NCRI")),
    (lambda d: quotations(d, None), lambda d: quotations(d, actors=None)),
    (lambda d: loaded_language(d, None), lambda d: loaded_language(d, lexicon=None)),
    (lambda d: voices(quotations(d)), lambda d: voices(d)),
    (lambda d: voices(quotations(d), d, "outlet"), lambda d: voices(d, by="outlet")),
    (lambda d: quoted_share(quotations(d), d), lambda d: quoted_share(d)),
    (lambda d: loaded_language_summary(loaded_language(d), d), lambda d: loaded_language_summary(d)),
    (
        lambda d: loaded_language_summary(loaded_language(d), d, "outlet", False),
        lambda d: loaded_language_summary(d, by="outlet", by_category=False),
    ),
    (lambda d: dates_mentioned(d, sentences(d)), lambda d: dates_mentioned(d, sents=sentences(d))),
    (
        lambda d: plot_keyness(keyness(d, "ips-2007"), 5, True)[1],
        lambda d: plot_keyness(keyness(d, "ips-2007"), top=5).table,
    ),
]


@pytest.mark.parametrize("old, new", OLD_AND_NEW)
def test_an_old_spelling_still_works_and_says_what_to_write(docs, old, new):
    with pytest.deprecated_call(match="The old spelling works until the next release"):
        before = old(docs)
    pd.testing.assert_frame_equal(before, new(docs))


def test_an_old_explorer_control_spelling_still_works(docs):
    with pytest.deprecated_call(match=r"explore_words\(\): give top= by keyword"):
        assert explore_words(docs, 7).controls["top"].value == 7
    assert "min_count" in explore_keyness(docs).controls and "min_count" in explore_collocates(docs).controls
    assert "remove_stopwords" in explore_words(docs).controls


def test_the_deprecation_points_at_the_line_that_calls(docs):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        word_frequencies(docs, stopwords=False)
    assert caught[0].filename == __file__ and caught[0].category is DeprecationWarning
    assert str(caught[0].message).startswith("word_frequencies(): stopwords= is now called remove_stopwords=.")


def test_old_and_new_spelling_together_is_an_error(docs):
    with pytest.raises(TypeError, match="both min_freq= and min_count="):
        keyness(docs, "ips-2007", min_freq=2, min_count=3)


# --------------------------------------------------------------------------- the one CSV reader


def test_the_csv_reader_numbers_rows_as_a_spreadsheet_does():
    text = 'a,b\n1,"two, with a comma"\n\n , \n3,4,5\n6,"seven\nlines"\n'
    rows, problems = read_csv_text(text, "f.csv")
    assert rows.index.tolist() == [2, 6] and rows.loc[6, "b"] == "seven\nlines"
    assert [(p.problem, p.where, p.row) for p in problems] == [("bad_row", "f.csv, row 5", 5)]
    assert read_csv_text("", "f.csv")[1][0].problem == "empty_file"
    assert read_csv_text("a,a\n1,2\n", "f.csv")[1][0].detail == "column(s) a appear more than once in the header"


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_the_csv_reader_takes_the_separator_of_the_first_line(separator):
    rows, problems = read_csv_text(f'name{separator}note\nX{separator}"a, b; c"\n', "f.csv")
    assert problems == [] and rows.to_dict("records") == [{"name": "X", "note": "a, b; c"}]


def test_the_csv_reader_reads_fields_of_any_length():
    long = "x" * 500_000
    rows, _ = read_csv_text(f"text\n{long}\n", "f.csv")
    assert len(rows.loc[2, "text"]) == 500_000
