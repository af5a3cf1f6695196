"""The one explorer layout: controls, chart, table or text; escaped; readable without a mouse."""

import sys
from pathlib import Path

import ipywidgets as w
import numpy as np
import pandas as pd
import pytest

from helpers import (
    actor_mentions,
    co_mentions,
    collocates,
    explore_actors,
    explore_co_mentions,
    explore_collocates,
    explore_corpus,
    explore_kwic,
    explore_loaded_language,
    explore_naming,
    explore_quotes,
    explore_sentiment,
    explore_timeline,
    explore_words,
    kwic,
    loaded_language,
    loaded_language_summary,
    mention_counts,
    naming_choices,
    plot_collocates,
    quotations,
    sentence_sentiment,
    timeline,
    voices,
    word_frequencies,
)
from helpers.plots import bar_chart
from helpers.text import count_words
from helpers.widgets import (
    Explorer,
    View,
    _KeyboardFriendly,
    highlighted_html,
    many_articles,
    rows_by,
    summary_column,
    table_html,
)
from helpers.words import _compile_query, _JoinedTexts, _literal_matches, _starts_by_article


def test_every_explorer_marks_its_controls_for_the_keyboard(docs):
    explorer = explore_kwic(docs)
    helper = [child for child in explorer.children if isinstance(child, _KeyboardFriendly)]
    assert len(helper) == 1 and "data-lm-suppress-shortcuts" in helper[0]._esm
    assert "course-explorer" in explorer._dom_classes


def test_long_chart_titles_are_wrapped_in_an_explorer(docs):
    explorer = explore_loaded_language(docs)
    title = explorer.figure.layout.title.text
    assert "<br>" in title and all(len(line) <= 60 for line in title.split("<br>"))
    assert title.replace("<br>", " ").startswith("Words from the loaded-language list, per 1,000 words")


def test_a_value_error_is_shown_as_a_message_and_clears_the_view():
    table = pd.DataFrame({"term": ["regime", "people"], "count": [53, 31]})

    def render(top):
        if top == 1:
            raise ValueError("Choose at least two words.")
        shown = table.head(top)
        return View(figure=bar_chart(shown, "count", "term", "Top words", "Count", "Word"), table=shown)

    explorer = Explorer("Words", {"top": w.IntSlider(value=2, min=1, max=2, description="Top")}, render)
    assert list(explorer.figure.data[0].y) == ["regime", "people"]
    explorer.controls["top"].value = 1
    assert explorer.message == "Choose at least two words." and explorer.table is None
    assert len(explorer.figure.data) == 0 and explorer._figure_box.layout.display == "none"
    assert "Choose at least two words." in explorer.status.value


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "a & b", '"quoted" <b>'])
def test_text_is_escaped_in_tables_and_highlights(text):
    assert "<script>" not in table_html(pd.DataFrame({"x": [text]}))
    marked = highlighted_html(text, [(0, 1, "<label>")], show_labels=True)
    assert "<script>" not in marked and "<label>" not in marked and "&lt;label&gt;" in marked


# --------------------------------------------------------------------------- explorers on a corpus of many articles
# On more than MANY_ARTICLES articles, a chart of "all articles" draws a summary (by outlet) instead of one
# series per article, and each update only selects from tables computed when the explorer was made. These
# tests build every explorer on 60 synthetic articles (benchmark data, not news) and check what it shows
# against the analysis functions.

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def many_docs():
    sys.path.insert(0, str(ROOT))
    from benchmarks.synthetic import synthetic_corpus

    docs = synthetic_corpus(60)
    assert many_articles(docs) and summary_column(docs) == "outlet"
    return docs


def traces_by_name(figure) -> dict:
    return {trace.name: trace for trace in figure.data}


def test_rows_by_finds_the_rows_of_each_value_once():
    column = pd.Series(["b", "a", None, "b", "a"])
    rows = rows_by(column)
    assert {key: list(value) for key, value in rows.items()} == {"b": [0, 3], "a": [1, 4]}
    pairs = rows_by(column, pd.Series([1, 1, 1, 2, 1]))
    assert list(pairs[("a", 1)]) == [1, 4] and list(pairs[("b", 2)]) == [3]
    assert list(rows_by(pd.Series(["x", "y", "x"], dtype="category"))["x"]) == [0, 2]


def test_a_table_cut_to_its_first_rows_says_how_many_there_are_in_all():
    html = table_html(pd.DataFrame({"a": range(300)}), caption="Hits", rows_in_all=12_345)
    assert "<caption>Hits (first 30 of 12345 rows)</caption>" in html
    assert "<caption>Hits (3 rows)</caption>" in table_html(pd.DataFrame({"a": range(3)}), caption="Hits")


def test_explore_actors_sums_the_outlets_for_all_of_many_articles(many_docs):
    explorer = explore_actors(many_docs)
    totals = mention_counts(many_docs, None)
    by_outlet = mention_counts(many_docs, "outlet")
    assert explorer.table["mentions"].tolist() == totals["mentions"].tolist()
    assert explorer.figure.layout.title.text.startswith("Actor mentions by outlet: top 15")
    traces = traces_by_name(explorer.figure)
    assert set(traces) <= set(many_docs["outlet"]) and len(traces) > 5  # one series per outlet, not per article
    top = totals["actor"].iloc[0]
    drawn = sum(x for trace in traces.values() for x, y in zip(trace.x, trace.y) if y == top)
    assert drawn == totals["mentions"].iloc[0] == by_outlet.loc[by_outlet.actor == top, "mentions"].sum()
    assert "stacks the outlets" in explorer.output.value
    article = many_docs["doc_id"].iloc[7]
    explorer.controls["article"].value = article
    mentions = actor_mentions(many_docs)
    own = mentions[mentions["doc_id"] == article]
    assert explorer.table["alias"].tolist() == own["alias"].tolist()
    assert [trace.name for trace in explorer.figure.data] == [article]


def test_explore_naming_sums_the_outlets_for_all_of_many_articles(many_docs):
    explorer = explore_naming(many_docs)
    assert explorer.controls["actor"].value == "PMOI/MEK"
    choices = naming_choices(many_docs, "PMOI/MEK")
    assert explorer.table["count"].tolist() == choices["count"].tolist()  # the table still lists each article
    figure = explorer.figure
    assert figure.layout.title.text.endswith("name PMOI/MEK") and figure.layout.yaxis.title.text == "Outlet"
    shown = {y for trace in figure.data for y in trace.y}
    assert shown <= set(many_docs["outlet"])
    assert sum(sum(trace.x) for trace in figure.data) == choices["count"].sum()
    article = choices["doc_id"].iloc[0]
    explorer.controls["article"].value = article
    own = choices[choices["doc_id"] == article]
    assert explorer.table[["alias", "count"]].values.tolist() == own[["alias", "count"]].values.tolist()
    assert {y for trace in explorer.figure.data for y in trace.y} == {article}


def test_explore_co_mentions_of_one_of_many_articles_uses_its_own_sentences(many_docs):
    explorer = explore_co_mentions(many_docs)
    expected = co_mentions(many_docs)
    assert explorer.table[["actor_a", "actor_b", "sentences"]].values.tolist() == (
        expected[["actor_a", "actor_b", "sentences"]].values.tolist()
    )
    article = many_docs["doc_id"].iloc[3]
    explorer.controls["article"].value = article
    own = co_mentions(many_docs[many_docs["doc_id"] == article])
    assert explorer.table.values.tolist() == own.values.tolist()


def test_explore_loaded_language_charts_outlets_for_many_articles(many_docs):
    explorer = explore_loaded_language(many_docs)
    hits = loaded_language(many_docs)
    summary = loaded_language_summary(hits, many_docs, by="outlet", by_category=False)
    rates = {}
    for trace in explorer.figure.data:  # stacked by category: add the categories up
        for y, x in zip(trace.y, trace.x):
            rates[y] = rates.get(y, 0) + x
    assert set(rates) == set(summary["outlet"])
    for outlet, rate in zip(summary["outlet"], summary["per_1000"]):
        assert rates[outlet] == pytest.approx(rate, abs=0.05)
    assert len(explorer.table) == len(hits) and "the chart shows each outlet" in explorer.output.value
    article = many_docs["doc_id"].iloc[5]
    explorer.controls["article"].value = article
    explorer.controls["category"].value = "loaded language"
    own = hits[(hits["doc_id"] == article) & (hits["category"] == "loaded language")]
    assert explorer.table["match"].tolist() == own["match"].tolist()
    assert explorer.output.value.count("<mark") == len(own)


def test_explore_sentiment_charts_the_mean_of_each_outlet_for_many_articles(many_docs):
    explorer = explore_sentiment(many_docs)
    scores = sentence_sentiment(many_docs).merge(many_docs[["doc_id", "outlet"]], on="doc_id")
    traces = traces_by_name(explorer.figure)
    assert set(traces) == set(many_docs["outlet"])
    outlet = sorted(traces)[0]
    means = scores[scores["outlet"] == outlet].groupby("sentence_id")["polarity"].mean().round(3)
    assert list(traces[outlet].x) == means.index.tolist()
    assert list(traces[outlet].y) == pytest.approx(means.tolist())
    explorer.controls["sort"].value = "most negative"
    assert len(explorer.table) == len(scores)
    assert explorer.table["polarity"].is_monotonic_increasing
    explorer.controls["min_words"].value = 20
    long_enough = scores[count_words(scores["sentence"]) >= 20]
    assert len(explorer.table) == len(long_enough) and explorer.table["polarity"].is_monotonic_increasing
    assert sorted(explorer.table["sentence"]) == sorted(long_enough["sentence"])
    article = many_docs["doc_id"].iloc[2]
    explorer.controls["min_words"].value = 0
    explorer.controls["article"].value = article
    assert [trace.name for trace in explorer.figure.data] == [article]
    assert explorer.table["doc_id"].unique().tolist() == [article]


def test_explore_timeline_counts_dates_per_year_for_many_articles(many_docs):
    explorer = explore_timeline(many_docs)
    table = timeline(many_docs)
    assert len(explorer.table) == len(table)
    drawn = table[table["date"].notna()]
    assert sum(sum(trace.y) for trace in explorer.figure.data) == len(drawn)
    published = traces_by_name(explorer.figure)["published"]
    per_year = drawn[drawn["kind"] == "published"]["date"].dt.year.value_counts()
    assert dict(zip(published.x, published.y)) == per_year.to_dict()
    article = many_docs["doc_id"].iloc[4]
    explorer.controls["article"].value = article
    assert explorer.table["doc_id"].unique().tolist() == [article]
    assert list(explorer.figure.layout.yaxis.ticktext) == [article]  # the article's own timeline


def test_explore_words_by_article_charts_all_articles_together_for_many_articles(many_docs):
    explorer = explore_words(many_docs)
    explorer.controls["group"].value = "doc_id"
    per_article = word_frequencies(many_docs, by="doc_id")
    overall = word_frequencies(many_docs)
    assert explorer.table[["doc_id", "term", "count"]].values.tolist() == (
        per_article.head(len(explorer.table))[["doc_id", "term", "count"]].values.tolist()
    )
    assert len(explorer.figure.data) == 1 and list(explorer.figure.data[0].y) == overall["term"].head(15).tolist()
    assert f"first 30 of {len(per_article)} rows" in explorer.output.value
    explorer.controls["group"].value = "outlet"  # 20 outlets: one colour each, as before
    assert {trace.name for trace in explorer.figure.data} == set(many_docs["outlet"])


@pytest.mark.parametrize(
    "query, regex, case",
    [("regime", False, False), ("Iran's", False, False), ("Islamic  Republic", False, True), (r"\bMEK\b", True, True)],
)
def test_explore_kwic_counts_every_match_of_many_articles(many_docs, query, regex, case):
    explorer = explore_kwic(many_docs)
    explorer.controls["case"].value = case
    explorer.controls["regex"].value = regex
    explorer.controls["query"].value = query
    expected = kwic(many_docs, query, regex=regex, case=case)
    assert len(expected) > 0
    counts = expected["doc_id"].value_counts()
    assert explorer.message.startswith(f"{len(expected)} matches in {len(counts)} articles; the most in ")
    assert explorer.table.values.tolist() == expected[["doc_id", "left", "match", "right"]].head(300).values.tolist()
    heatmap = explorer.figure.data[0]
    assert sum(sum(row) for row in heatmap.z) == len(expected)
    assert set(heatmap.y) == set(many_docs["outlet"]) and len(heatmap.x) == 10


def test_explore_kwic_keeps_the_first_matches_of_a_frequent_word(many_docs):
    explorer = explore_kwic(many_docs)
    explorer.controls["query"].value = "the"
    expected = kwic(many_docs, "the")
    assert len(expected) > 300 and len(explorer.table) == 300
    assert explorer.table["match"].tolist() == expected["match"].head(300).tolist()
    assert f"the first 300 of {len(expected)} matches" in explorer.output.value
    article = many_docs["doc_id"].iloc[9]
    explorer.controls["article"].value = article
    own = expected[expected["doc_id"] == article]
    assert explorer.table["left"].tolist() == own["left"].tolist()


def test_searching_all_texts_at_once_finds_what_searching_each_text_finds():
    texts = [
        "Iran’s regime; IRAN's REGIME regimes xregime regime_ (PMOI/MEK)x",
        "ſome Straße STRASSE İstanbul istanbul ΣΑΣ σας \u212a kelvin",
        "the\u00a0regime  The\tRegime Iran‘s iran’S",
    ] * 8
    joined = _JoinedTexts(texts)
    queries = ["regime", "Iran's", "(PMOI/MEK)", "the regime", "some", "straße", "istanbul", "σας", "kelvin", "’s"]
    searched = 0
    for query in queries:
        for case in (False, True):
            pattern = _compile_query(query, False, case, "kwic")
            found = _literal_matches(joined, query, pattern, case)
            rows, local = _starts_by_article(texts, pattern)
            if found is None:  # a character the folded search cannot stand for: searched text by text
                continue
            searched += 1
            assert found[0].tolist() == rows.tolist() and found[1].tolist() == local.tolist(), (query, case)
    assert searched >= 16


@pytest.mark.parametrize("query", ["regime", "Islamic Republic", "Iran's", "the", "nonexistentword"])
def test_explore_collocates_finds_what_collocates_finds(many_docs, query):
    explorer = explore_collocates(many_docs)
    for window, min_freq in [(5, 2), (1, 1), (12, 4)]:
        explorer.controls["window"].value = window
        explorer.controls["min_freq"].value = min_freq
        explorer.controls["query"].value = query
        expected = collocates(many_docs, query, window=window, min_freq=min_freq)
        if expected.empty:
            assert explorer.figure.data == () and explorer.message
        else:
            assert explorer.table.values.tolist() == plot_collocates(expected, return_table=True)[1].values.tolist()


def test_explore_corpus_compares_an_article_with_the_average_of_each_outlet(many_docs):
    explorer = explore_corpus(many_docs)
    article = many_docs["doc_id"].iloc[11]
    explorer.controls["article"].value = article
    bars = {y: x for trace in explorer.figure.data for x, y in zip(trace.x, trace.y)}
    averages = many_docs.groupby("outlet")["n_words"].mean().round()
    assert bars.pop(article) == many_docs.set_index("doc_id").loc[article, "n_words"]
    assert bars == {f"average article of {outlet}": words for outlet, words in averages.items()}


def test_explore_quotes_adds_up_all_of_many_articles_and_selects_one(many_docs):
    explorer = explore_quotes(many_docs)
    quotes = quotations(many_docs)
    in_all = voices(quotes, many_docs.assign(corpus="all articles"), by="corpus")
    assert [trace.name for trace in explorer.figure.data] == ["all articles"]  # one colour, not one per article
    bars = explorer.figure.data[0]
    assert (
        list(bars.y) == in_all["speaker"].head(40).tolist() and list(bars.x) == in_all["words_quoted"].head(40).tolist()
    )
    assert len(explorer.table) == len(quotes) and "adds up all 60 articles" in explorer.output.value
    article = quotes["doc_id"].iloc[-1]
    explorer.controls["article"].value = article
    own = quotes[quotes["doc_id"] == article]
    assert explorer.table["quote"].tolist() == own["quote"].tolist()
    assert [trace.name for trace in explorer.figure.data] == [article]


# A text alternative to every chart: the numbers a chart draws, when the table below lists something else ----------


def drawn_total(explorer) -> float:
    """The sum of the values the explorer's chart draws (bars, lines or heatmap cells)."""
    total = 0.0
    for trace in explorer.figure.data:
        values = trace.z if trace.type == "heatmap" else (trace.x if trace.orientation == "h" else trace.y)
        total += float(np.nansum(np.array(values, dtype=float)))
    return total


def test_summary_charts_of_many_articles_come_with_their_numbers_as_a_table(many_docs):
    import helpers

    for name in sorted(n for n in helpers.__all__ if n.startswith("explore_")):
        explorer = getattr(helpers, name)(many_docs)
        if not explorer.figure.data:
            continue
        assert explorer.table is not None or explorer.chart_table is not None, name
        if explorer.chart_table is not None:
            assert "The chart's numbers as a table" in explorer.output.value, name
    timeline = explore_timeline(many_docs)
    assert timeline.chart_table["dates"].sum() == timeline.table["date"].notna().sum() == drawn_total(timeline)
    sentiment = explore_sentiment(many_docs)
    drawn = sentiment.chart_table
    assert list(drawn.columns) == ["outlet", "sentence_id", "mean_polarity", "sentences"]
    assert drawn["sentences"].sum() == len(sentiment.table)
    assert drawn["mean_polarity"].sum() == pytest.approx(drawn_total(sentiment), abs=1e-6)
    concordance = explore_kwic(many_docs, "regime")
    assert concordance.chart_table["matches"].sum() == len(kwic(many_docs, "regime")) == drawn_total(concordance)
    loaded = explore_loaded_language(many_docs)
    assert set(loaded.chart_table["outlet"]) == set(many_docs["outlet"])
