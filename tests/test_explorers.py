"""Explorers (helpers/explorers): the one layout (controls, chart, table or text), escaped and readable without a
mouse; each explorer follows its controls and shows what its analysis computes, on five articles and on many."""

import ipywidgets as w
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

import helpers
from helpers import (
    actor_mentions,
    co_mentions,
    collocates,
    explore_actors,
    explore_co_mentions,
    explore_collocates,
    explore_corpus,
    explore_keyness,
    explore_kwic,
    explore_loaded_language,
    explore_naming,
    explore_quotes,
    explore_sentiment,
    explore_timeline,
    explore_words,
    kwic,
    load_corpus,
    loaded_language,
    loaded_language_summary,
    mention_counts,
    naming_choices,
    plot_collocates,
    quotations,
    sentence_sentiment,
    sentences,
    timeline,
    voices,
    word_frequencies,
)
from helpers._engine import search
from helpers.explorers.base import (
    Explorer,
    View,
    _KeyboardFriendly,
    highlight_bar,
    highlighted_html,
    many_articles,
    rows_by,
    summary_column,
    table_html,
)
from helpers.framing import CATEGORIES, TARGETS
from helpers.plots import bar_chart
from helpers.text import count_words
from tests.support import make_corpus, row

# The synthetic corpus and the corpora written for one test are not the course corpus: the course lists are used.
pytestmark = pytest.mark.filterwarnings("ignore:.*no list of your own was given:UserWarning")

EXPLORERS = sorted(name for name in helpers.__all__ if name.startswith("explore_"))


# --------------------------------------------------------------------------- the one layout


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


def test_the_synthetic_corpus_has_many_articles_from_many_outlets(many_docs):
    assert many_articles(many_docs) and summary_column(many_docs) == "outlet"


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
    html = table_html(pd.DataFrame({"a": range(400)}), caption="Hits", rows_in_all=12_345)
    assert "<caption>Hits (first 300 of 12,345 rows)</caption>" in html
    assert "<caption>Hits (3 rows)</caption>" in table_html(pd.DataFrame({"a": range(3)}), caption="Hits")


def test_a_long_table_shows_ten_rows_and_folds_the_others():
    html = table_html(pd.DataFrame({"a": range(25)}), caption="Hits")
    preview = html.split('<div class="course-preview">')[1]
    assert preview.count("<tr>") == 1 + 10  # the header row and ten rows
    assert "Show all 25 rows" in html and html.count("<td") == 25 + 10  # all 25 under the fold, once more


def test_explorer_tables_read_as_tables():
    table = pd.DataFrame(
        {
            "doc_id": ["ips-2007"],
            "date": pd.to_datetime(["2007-06-18"]),
            "p_value": [0.0000004],
            "log_ratio": [1.23456789],
            "sentence": ["A sentence of the article, long enough to wrap between its words in a narrow column."],
        }
    )
    html = table_html(table)
    assert "border" in html and "nth-child(even)" in html  # borders and striping
    assert '<td class="course-nowrap">ips-2007</td>' in html and '<td class="course-nowrap">2007-06-18</td>' in html
    assert '<td class="course-number">&lt; 0.001</td>' in html and ">1.235<" in html
    assert "text-align:left" in html and '<th scope="col">sentence</th>' in html


def test_the_concordance_right_aligns_its_left_context_and_marks_the_match(docs):
    html = explore_kwic(docs, "Camp Liberty").output.value
    assert '<td class="course-left">' in html and '<td class="course-match"><mark>Camp Liberty</mark></td>' in html


def test_explore_actors_sums_the_outlets_for_all_of_many_articles(many_docs):
    explorer = explore_actors(many_docs)
    totals = mention_counts(many_docs, by=None)
    by_outlet = mention_counts(many_docs, by="outlet")
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
    summary = loaded_language_summary(many_docs, hits=hits, by="outlet", by_category=False)
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
    explorer.controls["category"].value = "emotive wording"
    own = hits[(hits["doc_id"] == article) & (hits["category"] == "emotive wording")]
    assert explorer.table["match"].tolist() == own["match"].tolist()
    assert explorer.output.value.count("<mark") == len(own)
    # split by target, the outlets' bars add up to the same rates
    explorer.controls["article"].value = "all articles"
    explorer.controls["category"].value = "all"
    explorer.controls["split"].value = "target"
    by_target = {}
    for trace in explorer.figure.data:
        for y, x in zip(trace.y, trace.x):
            by_target[y] = by_target.get(y, 0) + x
    for outlet, rate in zip(summary["outlet"], summary["per_1000"]):
        assert by_target[outlet] == pytest.approx(rate, abs=0.05)


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
    assert f"first 300 of {len(per_article):,} rows" in explorer.output.value
    explorer.controls["group"].value = "outlet"  # 20 outlets: one colour each, as before
    assert {trace.name for trace in explorer.figure.data} == set(many_docs["outlet"])


def test_explore_kwic_of_many_articles_searches_again_only_for_a_new_search(many_docs, monkeypatch):
    # a change of window shows the context of the matches found for the query, without searching the texts again
    explorer = explore_kwic(many_docs)
    searches = []
    for name in ("literal_matches", "starts_by_article"):
        found = getattr(search, name)
        monkeypatch.setattr(search, name, lambda *args, found=found: searches.append(1) or found(*args))
    for query, regex in (("Rajavi", False), ("Rajavi", True), ("regime", False)):
        explorer.controls["regex"].value = regex
        explorer.controls["query"].value = query
        before = len(searches)
        for window in (2, 9):
            explorer.controls["window"].value = window
            expected = kwic(many_docs, query, window=window, regex=regex)
            assert (
                explorer.table.values.tolist()
                == expected[["doc_id", "left", "match", "right"]].head(300).values.tolist()
            )
        assert len(searches) == before > 0
    where = kwic(many_docs, "Rajavi")["doc_id"].value_counts(sort=False)
    elsewhere = next(doc_id for doc_id in many_docs["doc_id"] if doc_id not in where.index)
    explorer.controls["article"].value = elsewhere
    explorer.controls["query"].value = "Rajavi"  # not in that article: the message says where it is
    occurs = ", ".join(f"{doc_id} ({n})" for doc_id, n in where.head(10).items())
    assert explorer.message.startswith(f"No match for 'Rajavi' in {elsewhere}. It occurs in {occurs}")


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


@pytest.mark.parametrize("query", ["regime", "Islamic Republic", "Iran's", "the", "nonexistentword"])
def test_explore_collocates_finds_what_collocates_finds(many_docs, query):
    explorer = explore_collocates(many_docs)
    for window, min_count in [(5, 2), (1, 1), (12, 4)]:
        explorer.controls["window"].value = window
        explorer.controls["min_count"].value = min_count
        explorer.controls["query"].value = query
        expected = collocates(many_docs, query, window=window, min_count=min_count)
        if expected.empty:
            assert explorer.figure.data == () and explorer.message
        else:
            assert explorer.table.values.tolist() == plot_collocates(expected).table.values.tolist()


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
    in_all = voices(many_docs.assign(corpus="all articles"), quotes=quotes, by="corpus")
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


@pytest.mark.parametrize("name", EXPLORERS)
def test_every_explorer_on_a_corpus_with_no_articles_says_so(docs, name):
    explorer = getattr(helpers, name)(docs.iloc[0:0])
    assert explorer.message.startswith("The corpus has no articles") and explorer.table is None
    assert explorer.controls == {} and explorer.figure.data == ()


def test_explorers_reuse_the_tables_given(docs, sents, toks, mentions, hits, quotes):
    pairs = [
        (explore_actors, {"sents": sents, "mentions": mentions}),
        (explore_naming, {"sents": sents, "mentions": mentions}),
        (explore_co_mentions, {"sents": sents, "mentions": mentions}),
        (explore_loaded_language, {"sents": sents, "hits": hits}),
        (explore_quotes, {"sents": sents, "quotes": quotes}),
        (explore_kwic, {"sents": sents, "toks": toks}),
        (explore_words, {"toks": toks}),
        (explore_keyness, {"toks": toks}),
        (explore_collocates, {"toks": toks}),
        (explore_sentiment, {"sents": sents}),
        (explore_timeline, {"sents": sents}),
    ]
    for explore, tables in pairs:
        given, made = explore(docs, **tables), explore(docs)
        assert given.output.value == made.output.value, explore.__name__
        assert given.message == made.message


# --------------------------------------------------------------------------- each explorer on the course corpus


# --------------------------------------------------------------------------- words


def test_explore_words(docs):
    explorer = explore_words(docs)
    assert explorer.table.term.head(3).tolist() == ["iranian", "iran", "regime"]
    explorer.controls["ngram"].value = 2
    assert explorer.table.term.iloc[0] == "iranian regime"
    explorer.controls["remove_stopwords"].value = False
    assert explorer.table.term.iloc[0] == "of the"
    explorer.controls["group"].value = "outlet"
    assert explorer.table.columns[0] == "outlet"
    assert len(explorer.figure.data) == 5
    explorer.controls["ngram"].value = 1
    explorer.controls["top"].value = 5
    assert explorer.table.term.unique().tolist() == ["the", "of", "and", "in", "to"]
    assert "the" in explorer.output.value


def test_explore_keyness(docs):
    explorer = explore_keyness(docs)
    assert explorer.controls["target"].value == "ips-2007"
    explorer.controls["target"].value = "breitbart-2014"
    assert explorer.table.term.iloc[0] == "syrian"
    explorer.controls["top"].value = 5
    assert len(explorer.table) == 5
    explorer.controls["min_count"].value = 10
    assert (explorer.table.target_count + explorer.table.reference_count >= 10).all()


def test_explore_kwic(docs):
    explorer = explore_kwic(docs)
    assert len(explorer.table) == 53 and explorer.controls["query"].value == "regime"
    explorer.controls["query"].value = "(PMOI/MEK)"
    assert len(explorer.table) == 4
    assert list(explorer.table.columns) == ["doc_id", "left", "match", "right"]
    assert explorer.message == "4 matches: ncri-2010 2, breitbart-2014 1, moroccantimes-2015 1"
    assert len(explorer.figure.data[1].x) == 4
    explorer.controls["article"].value = "ncri-2010"
    assert list(explorer.table.columns) == ["left", "match", "right"] and len(explorer.table) == 2
    assert explorer.message == "2 matches: ncri-2010 2"
    explorer.controls["window"].value = 1
    assert explorer.table.left.tolist() == ["Iran", "Iran"]
    explorer.controls["regex"].value = True  # as a regular expression the brackets make a group
    assert explorer.table.match.tolist() == ["PMOI/MEK", "PMOI/MEK"]
    explorer.controls["query"].value = "regime("
    assert "is not a valid regular expression" in explorer.message and "Untick 'regex'" in explorer.message
    assert explorer.table is None
    explorer.controls["query"].value = "   "
    assert explorer.message == "kwic: the query is empty. Type a word or phrase to search for."
    explorer.controls["query"].value = "Zanzibar"
    assert explorer.message == "No match for 'Zanzibar' in ncri-2010, nor in any other article."
    assert explorer.table is None  # no empty table left behind
    explorer.controls["regex"].value = False
    explorer.controls["query"].value = "Camp Liberty"  # not in ncri-2010: the message says where it is
    assert explorer.message == (
        "No match for 'Camp Liberty' in ncri-2010. It occurs in breitbart-2014 (2), moroccantimes-2015 (1): "
        "choose one of them, or all articles."
    )
    explorer.controls["article"].value = "all articles"
    explorer.controls["query"].value = "Iranian resistance"
    explorer.controls["case"].value = True
    assert len(explorer.table) == 4


def test_explore_collocates(docs):
    explorer = explore_collocates(docs)
    assert row(explorer.table, term="clerical")["count"] == 6
    explorer.controls["window"].value = 1
    assert row(explorer.table, term="clerical")["count"] == 5
    explorer.controls["min_count"].value = 6
    assert (explorer.table["count"] >= 6).all()
    explorer.controls["query"].value = "Zanzibar"
    assert explorer.message == "No match for 'Zanzibar' in any article." and explorer.table is None
    explorer.controls["query"].value = ""
    assert "the query is empty" in explorer.message


def test_corpus_text_is_escaped_in_explorers(tmp_path):
    docs = make_corpus(
        tmp_path,
        {
            "a": "The regime said <script>alert(1)</script> twice. The regime said it again.",
            "b": "Another text about the regime and <b>bold</b> claims.",
        },
    )
    explorer = explore_kwic(docs)
    explorer.controls["query"].value = "<script>"
    assert len(explorer.table) == 1
    assert "<script>" not in explorer.output.value and "&lt;script&gt;" in explorer.output.value
    assert "<script>" not in explorer.figure.data[1].hovertext[0]
    explorer.controls["query"].value = "regime"
    assert "<b>" not in explorer.output.value and "&lt;script&gt;" in explorer.output.value
    assert all("<script>" not in text for text in explorer.figure.data[1].hovertext)
    for make in (explore_words, explore_keyness, explore_collocates):
        shown = make(docs).output.value
        assert "<script>" not in shown and "<b>bold" not in shown


# --------------------------------------------------------------------------- actors


def test_explore_actors(docs):
    explorer = explore_actors(docs)
    assert set(explorer.controls) == {"article", "actor_type", "top"}
    assert explorer.table.actor.iloc[0] == "Iranian state"
    explorer.controls["actor_type"].value = "person"
    assert set(explorer.table.actor_type) == {"person"}
    explorer.controls["top"].value = 2
    assert {y for trace in explorer.figure.data for y in trace.y} == {"Maryam Rajavi", "Ahmad Jarba"}
    explorer.controls["article"].value = "breitbart-2014"
    assert explorer.table.actor.iloc[0] == "Maryam Rajavi" and set(explorer.table.actor_type) == {
        "person"
    }  # the text alternative
    assert '<mark title="Maryam Rajavi (person)">Mrs Maryam Rajavi</mark>' in explorer.output.value
    assert "Assad regime</mark>" not in explorer.output.value  # a state, filtered out
    explorer.controls["actor_type"].value = "event"
    explorer.controls["article"].value = "ncri-2010"
    assert explorer.message == "No actor of type event is mentioned in ncri-2010."


def test_explore_naming(docs):
    explorer = explore_naming(docs)
    assert explorer.controls["actor"].value == "PMOI/MEK"
    assert "Iranian state" in explorer.controls["actor"].options
    explorer.controls["article"].value = "iranfreedom-2018"
    assert explorer.table[["alias", "count"]].values.tolist() == [["MEK", 5], ["mujahidin", 1]]
    assert "members of the mujahidin or MEK" in explorer.output.value
    explorer.controls["actor"].value = "Maryam Rajavi"
    assert explorer.message == "iranfreedom-2018 does not mention Maryam Rajavi."
    explorer.controls["article"].value = "all articles"
    assert explorer.figure.layout.title.text == "How each article names Maryam Rajavi"


def test_explore_co_mentions(docs):
    explorer = explore_co_mentions(docs)
    explorer.controls["article"].value = "breitbart-2014"
    jarba = explorer.table[(explorer.table.actor_a == "Ahmad Jarba") & (explorer.table.actor_b == "Maryam Rajavi")]
    assert jarba.sentences.tolist() == [3]
    explorer.controls["top"].value = 3
    assert len(explorer.figure.data[0].x) == 3


def test_actor_explorers_escape_corpus_text(tmp_path):
    docs = make_corpus(
        tmp_path,
        {
            "a": "Title\n\nThe MEK met <script>alert(1)</script> in Paris.\n\nThe PMOI/MEK said <b>no</b>.",
            "b": "Title\n\nThe mullahs <script>alert(2)</script> met the MEK.",
        },
    )
    actors_view = explore_actors(docs)
    actors_view.controls["article"].value = "a"
    naming_view = explore_naming(docs)
    co_view = explore_co_mentions(docs)
    for explorer in (actors_view, naming_view, co_view):
        assert "<script>" not in explorer.output.value
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in actors_view.output.value
    assert "&lt;script&gt;" in naming_view.output.value and "&lt;b&gt;no&lt;/b&gt;" in naming_view.output.value


# --------------------------------------------------------------------------- dates


def test_timeline_explorer_follows_its_controls(docs, sents):
    explorer = explore_timeline(docs, sents=sents)
    assert len(explorer.table) == len(timeline(docs, sents=sents))
    explorer.controls["article"].value = "ips-2007"
    assert set(explorer.table.doc_id) == {"ips-2007"}
    assert "June 2005" in explorer.table.label.tolist()
    explorer.controls["years"].value = (2007, 2018)  # June 2005 and June 2006 drop out
    assert "June 2005" not in explorer.table.label.tolist()
    assert "between 15 to 17 June 2007" in explorer.table.label.tolist()
    explorer.controls["kinds"].value = "mentioned"
    assert set(explorer.table.kind) == {"mentioned"}
    assert "Sunday 17 June" in explorer.output.value
    explorer.controls["years"].value = (2010, 2018)
    assert explorer.table is None and "Widen the year range" in explorer.message
    explorer.controls["article"].value = "all articles"
    assert set(explorer.table.doc_id) == {"ncri-2010", "breitbart-2014", "moroccantimes-2015", "iranfreedom-2018"}
    assert len(explorer.figure.data) > 0


def test_timeline_explorer_escapes_corpus_text(tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "metadata.csv").write_text("doc_id,title,outlet,published\nx,T,O,2014-05-29\n", encoding="utf-8")
    (tmp_path / "texts" / "x.txt").write_text("On May 23, 2014 <script>alert(1)</script> they met.", encoding="utf-8")
    explorer = explore_timeline(load_corpus(tmp_path))
    assert "&lt;script&gt;" in explorer.output.value and "<script>" not in explorer.output.value
    hover = [str(c) for trace in explorer.figure.data for c in (trace.customdata or [])]
    assert any("&lt;script&gt;" in h for h in hover) and not any("<script>" in h for h in hover)


# --------------------------------------------------------------------------- framing


def test_loaded_language_explorer_follows_its_controls(docs):
    explorer = explore_loaded_language(docs)
    assert explorer.controls["article"].options[0] == "all articles"
    assert explorer.controls["category"].options == ("all", *CATEGORIES)
    assert len(explorer.table) == len(loaded_language(docs))
    assert "sentence" in explorer.table.columns
    explorer.controls["category"].value = "doubt"
    assert [trace.name for trace in explorer.figure.data] == ["doubt"]
    assert set(explorer.table.category) == {"doubt"}
    explorer.controls["article"].value = "ips-2007"
    # ips-2007: "Dr. Ahi -- reported to be a “go between”"; "some foreigners, including Americans, posing as"
    assert explorer.table.match.tolist() == ["reported to be", "posing as"]
    assert '<mark title="doubt">posing as</mark>' in explorer.output.value
    explorer.controls["article"].value = "ncri-2010"
    explorer.controls["category"].value = "slogans"
    assert explorer.message == "No 'slogans' words in ncri-2010."
    explorer.controls["category"].value = "all"
    assert '<mark title="emotive wording">murderous</mark>' in explorer.output.value  # each mark names its category
    # split by target: the bars are stacked by target, and each mark names its target
    explorer.controls["split"].value = "target"
    assert [trace.name for trace in explorer.figure.data] == list(TARGETS)
    rates = loaded_language_summary(docs, by_category=False, by_target=True)
    iranian_state = explorer.figure.data[0]
    expected = rates[rates.target == "Iranian state"].set_index("doc_id").per_1000.round(2)
    assert dict(zip(iranian_state.y, iranian_state.x)) == expected.to_dict()
    assert '<mark title="Iranian state">murderous</mark>' in explorer.output.value
    assert "target" in explorer.table.columns
    explorer.controls["category"].value = "doubt"  # the target chart of one category
    assert [trace.name for trace in explorer.figure.data] == ["Iranian state", "other"]


def drawn(figure) -> dict:
    """What a chart draws: its traces and layout, without the ids a FigureWidget gives its traces."""
    chart = figure.to_dict()
    return {"data": [{k: v for k, v in trace.items() if k != "uid"} for trace in chart["data"]], **chart["layout"]}


def test_choosing_an_article_marks_its_bar_in_the_chart_shown_as_highlight_bar_draws_it(docs):
    explorer = explore_loaded_language(docs)
    unmarked, first = drawn(explorer.figure), explorer.figure.data[0].uid
    chart = go.Figure(explorer.figure)  # the chart of all articles, as drawn
    for article in ["ncri-2010", "ips-2007", "ncri-2010"]:
        explorer.controls["article"].value = article
        assert explorer.figure.data[0].uid == first  # the same traces, changed in place: not drawn again
        assert drawn(explorer.figure) == drawn(highlight_bar(chart, article))
        assert f"<b>{article}</b>" in explorer.figure.layout.yaxis.ticktext
        assert f"<sup>{article} in bold, the others faded</sup>" in explorer.figure.layout.title.text
    explorer.controls["article"].value = "all articles"  # the marks taken away
    assert drawn(explorer.figure) == unmarked and explorer.figure.data[0].uid == first
    explorer.controls["category"].value = "doubt"  # another chart: drawn anew, then marked
    explorer.controls["article"].value = "ips-2007"
    assert [trace.name for trace in explorer.figure.data] == ["doubt"]
    bars = explorer.figure.data[0]
    assert list(bars.marker.opacity) == [1.0 if y == "ips-2007" else 0.3 for y in bars.y]


def test_sentiment_explorer_follows_its_controls(docs, sentiment):
    explorer = explore_sentiment(docs)
    assert len(explorer.table) == len(sentiment) and len(explorer.figure.data) == len(docs)
    explorer.controls["sort"].value = "most negative"
    assert explorer.table.polarity.iloc[0] == sentiment.polarity.min()
    assert explorer.table.polarity.is_monotonic_increasing
    explorer.controls["sort"].value = "most positive"
    assert explorer.table.polarity.is_monotonic_decreasing
    explorer.controls["article"].value = "iranfreedom-2018"
    assert set(explorer.table.doc_id) == {"iranfreedom-2018"} and len(explorer.table) == 24
    # iranfreedom-2018 sentence 21: "the heroic uprising" makes it one of the most positive
    assert "heroic (+" in explorer.table.assessed_words.str.cat()
    explorer.controls["sort"].value = "in text order"
    assert explorer.table.sentence_id.tolist() == list(range(1, 25))
    explorer.controls["min_words"].value = 30
    assert (count_words(explorer.table.sentence) >= 30).all() and 0 < len(explorer.table) < 24
    longest = count_words(sentiment.sentence).groupby(sentiment.doc_id).max()
    shortest_article = longest.idxmin()
    explorer.controls["article"].value = shortest_article
    explorer.controls["min_words"].value = explorer.controls["min_words"].max
    assert explorer.message.startswith(f"No sentence of {explorer.controls['min_words'].max} words or more")


def test_framing_explorers_escape_corpus_text(tmp_path):
    docs = make_corpus(tmp_path, {"a": "<script>alert(1)</script> The brutal regime spoke.\n\nA good day."})
    explorer = explore_loaded_language(docs)
    explorer.controls["article"].value = "a"
    assert "<script>" not in explorer.output.value and "&lt;script&gt;" in explorer.output.value
    explorer.controls["article"].value = "all articles"
    assert "<script>" not in explorer.output.value and "&lt;script&gt;alert(1)" in explorer.output.value
    explorer = explore_sentiment(docs)
    assert "<script>" not in explorer.output.value and "&lt;script&gt;" in explorer.output.value
    hover = explorer.figure.data[0].customdata[0][0]
    assert "&lt;script&gt;" in hover and "<script>" not in hover


# --------------------------------------------------------------------------- quotes


def test_quotes_explorer_is_driven_by_its_controls(docs):
    explorer = explore_quotes(docs)
    assert {"article", "speaker_kind", "include_terms"} <= set(explorer.controls)
    assert all(control.description for control in explorer.controls.values())
    assert len(explorer.table) == 26  # all quotations of the corpus (rows: an interrupted quotation is two)
    assert len(explorer.figure.data) == 4  # one series per article that quotes anyone

    explorer.controls["article"].value = "breitbart-2014"
    assert explorer.table.speaker.tolist() == ["Rajavi", "Rajavi", "Safavi", "Safavi", "Khamenei", "Ghasem Suleimani"]
    assert '<mark title="Rahim Safavi">' in explorer.output.value
    assert "“Syria is a red line for [the regime]." in explorer.output.value

    explorer.controls["speaker_kind"].value = "pronoun"
    assert explorer.table.cue.tolist() == ["noted"]
    explorer.controls["article"].value = "ncri-2010"
    assert explorer.table.empty
    assert "No quotations with speaker kind 'pronoun'" in explorer.message
    assert explorer.figure.data == ()

    explorer.controls["speaker_kind"].value = "all"
    explorer.controls["article"].value = "iranfreedom-2018"
    assert explorer.table.empty and "No quotations in this article" in explorer.message

    explorer.controls["article"].value = "ips-2007"
    explorer.controls["speaker_kind"].value = "unnamed source"
    assert explorer.table.speaker.tolist() == ["one frustrated delegate", "another participant"]
    explorer.controls["include_terms"].value = True
    assert "invitation-only" in explorer.table.quote.tolist()
    assert '<mark title="quoted term">“invitation-only”</mark>' in explorer.output.value
    assert explorer.last_update_ms > 0


def test_quotes_explorer_escapes_corpus_text(tmp_path):
    corpus = make_corpus(
        tmp_path,
        {
            "evil": "Mr. Xavier Dupont said, “Nobody should ever write <script>alert(1)</script> in a page.”\n\n"
            'A quoted "<b>term</b>" too.',
        },
    )
    explorer = explore_quotes(corpus)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in explorer.output.value  # the table of all quotations
    assert "<script>" not in explorer.output.value
    explorer.controls["article"].value = "evil"
    explorer.controls["include_terms"].value = True
    assert "&lt;script&gt;" in explorer.output.value and "<script>" not in explorer.output.value
    assert "&lt;b&gt;term&lt;/b&gt;" in explorer.output.value and "<b>term" not in explorer.output.value


def test_a_change_that_changes_nothing_says_so(docs):
    explorer = explore_sentiment(docs)
    explorer.controls["min_words"].value = 1  # every sentence has at least one word: the same view
    assert explorer.message == "Nothing changed: with Min. words set to 1 the result is the same as before."
    explorer.controls["min_words"].value = 30
    assert explorer.message == ""


def test_slider_handles_are_named_after_their_label():
    script = _KeyboardFriendly._esm
    assert 'setAttribute("aria-label"' in script and '"from" : "to"' in script


# --------------------------------------------------------------------------- tables shared, views made when asked


def test_explorers_of_the_same_articles_find_the_actors_once_and_a_changed_corpus_again(monkeypatch):
    import helpers.explorers.actors as actor_explorers
    from helpers.explorers import shared

    calls = []
    real = actor_explorers._mentions_for

    def counted(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(actor_explorers, "_mentions_for", counted)
    docs = load_corpus()
    first = explore_actors(docs)
    explore_naming(docs)
    explore_co_mentions(docs)
    assert len(calls) == 1
    assert first.table["mentions"].sum() == len(actor_mentions(docs))
    assert shared.sentences_of(docs) is shared.sentences_of(docs)
    # the same object with one text changed: its tables are made again, and count the new text
    docs.loc[0, "text"] = docs.loc[0, "text"] + " Maryam Rajavi."
    again = explore_actors(docs)
    assert len(calls) == 2
    assert again.table["mentions"].sum() == first.table["mentions"].sum() + 1


@pytest.mark.parametrize("kept_as", ["str", "python", "object"])  # Arrow (with pyarrow), Python strings, objects
def test_the_corpus_a_table_was_made_from_is_told_by_its_ids_and_the_length_of_its_texts(kept_as):
    from helpers.explorers.shared import _fingerprint

    kind = {"str": "str", "python": pd.StringDtype("python"), "object": object}[kept_as]
    docs = load_corpus().astype({"doc_id": kind, "text": kind})
    same = _fingerprint(docs)
    assert _fingerprint(docs.copy()) == same and _fingerprint(docs) == same
    longer, renamed, shorter = docs.copy(), docs.copy(), docs.copy()
    longer.loc[2, "text"] = longer.loc[2, "text"] + " And more."
    renamed.loc[4, "doc_id"] = "another-2020"
    shorter.loc[0, "text"] = shorter.loc[0, "text"][:-1]
    assert len({same, _fingerprint(longer), _fingerprint(renamed), _fingerprint(shorter)}) == 4
    assert _fingerprint(docs.iloc[1:4]) != _fingerprint(docs.iloc[2:5])


def test_the_word_explorer_opens_with_single_words_and_makes_phrases_when_first_asked():
    from helpers.explorers import shared

    docs = load_corpus()
    explorer = explore_words(docs)
    made = shared._TABLES[id(docs)][2]
    assert "word counts" in made and "token arrays" not in made  # no tokens yet: single words from the texts
    assert explorer.table["term"].head(3).tolist() == word_frequencies(docs)["term"].head(3).tolist()
    explorer.controls["ngram"].value = 2
    assert "token arrays" in made
    assert explorer.table["term"].head(2).tolist() == ["iranian regime", "iranian people"]
    explore_keyness(docs)
    explore_collocates(docs)
    assert made["token arrays"] is shared.token_arrays_of(docs)  # the keyness and collocates explorers took it


def test_a_table_given_is_checked_once_then_shared_and_what_is_made_from_it_too(monkeypatch):
    import helpers.explorers.actors as actor_explorers
    import helpers.explorers.shared as shared

    checks, found = [], []
    real_check, real_mentions = shared.given, actor_explorers._mentions_for

    def counted_check(docs, name, table, check):
        return real_check(docs, name, table, lambda t: checks.append(name) or check(t))

    def counted_mentions(*args, **kwargs):
        found.append(args[1] is None)  # found in the sentences (no mentions given)
        return real_mentions(*args, **kwargs)

    monkeypatch.setattr(actor_explorers, "given", counted_check)
    monkeypatch.setattr(shared, "given", counted_check)
    monkeypatch.setattr(actor_explorers, "_mentions_for", counted_mentions)
    docs = load_corpus()
    sents = sentences(docs)
    first = explore_actors(docs, sents=sents)
    explore_naming(docs, sents=sents)
    explore_co_mentions(docs, sents=sents)
    assert checks == ["sentences"] and found == [True]  # checked once, the mentions found once in them
    assert first.table["mentions"].sum() == len(actor_mentions(docs))
    # a wrong table given is refused, even after a right one was shared
    with pytest.raises(ValueError, match="sents"):
        explore_naming(docs, sents=sents[sents["doc_id"] != "ips-2007"])


def test_on_a_large_corpus_an_explorer_shows_a_progress_bar_and_is_made_in_the_background(monkeypatch):
    import helpers.explorers.base as base

    docs = load_corpus()
    made_now = explore_actors(docs)  # 5 articles: made before it is returned
    assert not isinstance(made_now, base.Preparing) and made_now.wait() is made_now
    monkeypatch.setattr(base, "IN_BACKGROUND_FROM", 5)
    preparing = explore_actors(docs)
    assert isinstance(preparing, base.Preparing)
    explorer = preparing.wait(timeout=120)
    assert isinstance(explorer, base.Explorer) and preparing.ready
    assert preparing.table.equals(made_now.table)  # the same view; the explorer's widgets are shown in its place
    assert list(preparing.children) == list(explorer.children)
    preparing.controls["article"].value = "breitbart-2014"
    assert {"alias", "actor"} <= set(explorer.table.columns) and "<mark" in explorer.output.value  # one article
    wrong = explore_sentiment(docs, sents=sentences(docs).drop(columns="sentence"))
    with pytest.raises(ValueError, match="sents"):
        wrong.wait(timeout=120)
    assert "sents" in wrong.children[-1].value  # the problem is shown where the explorer would be


def test_a_view_that_takes_long_to_make_says_so_while_it_is_made():
    import time as clock

    import helpers.explorers.base as base

    seen = []

    def render(slow):
        if slow:
            clock.sleep(base.SLOW_VIEW_SECONDS + 0.7)
            seen.append(explorer.status.value)  # what the status line says while the view is made
        return base.View(table=pd.DataFrame({"slow": [slow]}))

    explorer = base.Explorer("Slow", {"slow": w.Checkbox(value=False, description="slow")}, render)
    assert explorer.status.value == ""  # a quick view: no note
    explorer.controls["slow"].value = True
    assert "Making this view" in seen[0]
    assert explorer.status.value == "" and explorer.table["slow"].tolist() == [True]  # shown: the note is gone


def test_an_explorer_of_a_large_corpus_makes_its_views_off_the_main_thread_and_shows_the_latest_asked_for():
    import threading

    import helpers.explorers.base as base

    frequencies = word_frequencies(load_corpus())
    entered, release, made = threading.Event(), threading.Event(), []

    def render(top):
        made.append(top)
        if top == 2:  # a view that takes long: made until the test lets it finish
            entered.set()
            release.wait(20)
        return base.View(table=frequencies.head(top))

    slider = w.IntSlider(value=1, min=1, max=10, description="Top")
    explorer = base.Explorer("Top words", {"top": slider}, render).make_views_in_background()
    slider.value = 2
    assert entered.wait(30)
    slider.value, slider.value = 3, 4  # asked for while the view of 2 is made: the setting returns at once
    assert made == [1, 2]  # nothing else made meanwhile, and the kernel's thread was not held
    with pytest.raises(TimeoutError):
        explorer.wait(timeout=0.2)
    release.set()
    explorer.wait(timeout=60)
    assert made == [1, 2, 4]  # 3 was never made: the latest change is the one made next
    assert (
        explorer.table["term"].tolist()
        == frequencies["term"].head(4).tolist()
        == ["iranian", "iran", "regime", "people"]
    )
    # the time of the view shown runs from the change that asked for it (4) to its showing, waits included
    assert "iranian" in explorer.output.value and explorer.last_update_ms >= 200


def test_a_view_that_fails_in_the_background_says_why_in_the_status_line(capsys):
    import helpers.explorers.base as base

    table = word_frequencies(load_corpus()).head(5)

    def render(top):
        return base.View(table=table.head(top)) if top < 4 else base.View(table=table[["no such column"]])

    slider = w.IntSlider(value=1, min=1, max=5, description="Top")
    explorer = base.Explorer("Top words", {"top": slider}, render).make_views_in_background()
    slider.value = 4
    assert explorer.message.startswith("This view could not be made:") and "no such column" in explorer.message
    assert "no such column" in explorer.status.value and "Traceback" in capsys.readouterr().err
    slider.value = 2  # the explorer goes on: the next change is made and shown
    assert len(explorer.table) == 2 and explorer.message == ""
