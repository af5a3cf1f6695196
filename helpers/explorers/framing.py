"""Explorers of framing: loaded-language hits article by article, and TextBlob's polarity sentence by sentence."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from helpers.charts.framing import plot_loaded_language, plot_sentiment, plot_sentiment_summary
from helpers.explorers.base import (
    ALL_ARTICLES,
    Explorer,
    View,
    highlighted_html,
    made_in_background,
    many_articles,
    no_articles,
    rows_by,
    summary_column,
)
from helpers.explorers.shared import sentences_given, sentences_of, shared, source_key
from helpers.framing import (
    CATEGORIES,
    NOT_GIVEN,
    _as_lexicon,
    _hits_for,
    _loaded_language,
    _loaded_language_summary,
    _sentence_sentiment,
)
from helpers.inputs import check_docs, renamed_keywords
from helpers.text import count_words
from helpers.words import per_1000

ALL_CATEGORIES = "all"
SPLITS = ("category", "target")  # what the bars of the loaded-language chart, and the marks in the text, are split by
SORT_ORDERS = ("in text order", "most negative", "most positive")
LOADED_TITLE = "Loaded language"
SENTIMENT_TITLE = "Sentence sentiment (TextBlob)"


@renamed_keywords(positional=("lexicon",))
@made_in_background(LOADED_TITLE)
def explore_loaded_language(
    docs: pd.DataFrame, *, lexicon=None, sents: pd.DataFrame | None = None, hits: pd.DataFrame | None = None
) -> Explorer:
    """Explore the loaded-language hits: choose an article, a category, and whether to split by category or target.

    Shows the rates of every article (for the chosen category), its bars split
    by category or by target (at whom the words are aimed, as the list records
    it), then either the table of hits with their sentences (all articles) or
    the chosen article's hits and its text with the hits highlighted (each mark
    names its category, or its target). All hits are found once, when the
    explorer is made, and each chart when it is first shown. With more than
    ``MANY_ARTICLES`` (20) articles the chart has one bar per outlet.

    Example:
        >>> from helpers import load_corpus
        >>> explorer = explore_loaded_language(load_corpus())
        >>> explorer.controls["article"].value = "ips-2007"
        >>> explorer.controls["category"].value = "doubt"
        >>> explorer.table["match"].tolist()
        ['reported to be', 'posing as']
        >>> explorer.controls["split"].value = "target"
        >>> [trace.name for trace in explorer.figure.data]
        ['Iranian state', 'other']
    """
    check_docs(docs, "explore_loaded_language")
    if docs.empty:
        return no_articles(LOADED_TITLE)
    lex = _as_lexicon(lexicon, docs, "explore_loaded_language")
    if hits is None and lexicon is None and sents is None:  # the course list: hits shared with other explorers
        hits = shared(docs, "hits", lambda: _loaded_language(docs, lex, sentences_of(docs), "explore_loaded_language"))
    elif hits is None:
        hits = _loaded_language(docs, lex, sents, "explore_loaded_language")
    else:
        hits = _hits_for(docs, hits, lex, sents, "explore_loaded_language")
    if "target" not in hits.columns:  # a hits table made by hand may leave it out
        hits = hits.assign(target=NOT_GIVEN)
    texts = dict(zip(docs["doc_id"], docs["text"]))
    categories = [c for c in CATEGORIES if c in set(lex["category"])]
    controls = {
        "article": widgets.Dropdown(options=[ALL_ARTICLES, *docs["doc_id"]], value=ALL_ARTICLES, description="Article"),
        "category": widgets.Dropdown(
            options=[ALL_CATEGORIES, *categories], value=ALL_CATEGORIES, description="Category"
        ),
        "split": widgets.Dropdown(options=list(SPLITS), value=SPLITS[0], description="Split by"),
    }

    # With many articles the chart has one bar per outlet (or one for all articles), not one per article.
    note, group, grouped = "", "doc_id", docs
    if many_articles(docs):
        group = summary_column(docs)
        grouped = docs if group else docs.assign(corpus=ALL_ARTICLES)
        group = group or "corpus"
        shows = "each outlet" if group != "corpus" else "all articles together"
        note = f" (the chart shows {shows}: too many articles for one bar each)"
    # Every rate, by category and target, counted once; each chart is drawn when it is first shown.
    rates = _loaded_language_summary(grouped, hits, group, True, True)
    figures: dict[tuple[str, str], tuple] = {}

    def chart(category, split):
        if (category, split) not in figures:
            chosen = rates if category == ALL_CATEGORIES else rates[rates["category"] == category]
            summary = chosen.groupby([group, split], sort=False)[["hits"]].sum().reset_index()
            words = chosen.groupby(group, sort=False)["n_words"].first()
            summary["n_words"] = summary[group].map(words).to_numpy()
            summary["per_1000"] = per_1000(summary["hits"], summary["n_words"].where(summary["n_words"] > 0))
            drawn = plot_loaded_language(summary)
            figures[(category, split)] = (drawn.figure, drawn.table)
        return figures[(category, split)]

    # The rows of each article and of each category, found once.
    hits_of, hits_in = rows_by(hits["doc_id"]), rows_by(hits["category"])
    none = np.zeros(0, dtype=np.int64)

    def render(article, category, split):
        figure, drawn = chart(category, split)
        what = "words from the list" if category == ALL_CATEGORIES else f"'{category}' words"
        columns = ["sentence_id", "match", "term", "category", "target"]
        if article == ALL_ARTICLES:
            shown = hits if category == ALL_CATEGORIES else hits.iloc[hits_in.get(category, none)]
            table = shown[["doc_id", *columns, "sentence"]]
            message = "" if len(table) else f"No {what} in any article."
            caption = f"Hits: {what}, all articles{note}"
            return View(figure=figure, chart_table=drawn, table=table, message=message, caption=caption)
        shown = hits.iloc[hits_of.get(article, none)]
        if category != ALL_CATEGORIES:
            shown = shown[shown["category"] == category]
        text = highlighted_html(texts[article], list(zip(shown["start"], shown["end"], shown[split])))
        message = "" if len(shown) else f"No {what} in {article}."
        caption = f"Hits in {article}: {what}{note}"
        return View(
            figure=figure,
            marked=article,  # its bar marked (when the chart has a bar for each article), in place
            chart_table=drawn,
            table=shown[columns],
            html=text,
            message=message,
            caption=caption,
        )

    return Explorer(
        LOADED_TITLE,
        controls,
        render,
        note="Words from an editable list (by default helpers/data/loaded_language.csv). "
        "A hit is a word, not a verdict: read the sentence, and ask who is speaking and at whom it is aimed.",
    )


@made_in_background(SENTIMENT_TITLE)
def explore_sentiment(docs: pd.DataFrame, *, sents: pd.DataFrame | None = None) -> Explorer:
    """Explore TextBlob's polarity sentence by sentence: choose an article, an order and a minimum length.

    Shows the polarity of each sentence in reading order, then a table of
    sentences with their scores and the words that produced them. Every
    sentence is scored once, when the explorer is made. With more than
    ``MANY_ARTICLES`` (20) articles, the chart of all articles shows the mean
    polarity of each outlet at each sentence number, not one line per article.

    Example:
        >>> from helpers import load_corpus
        >>> explorer = explore_sentiment(load_corpus())
        >>> explorer.controls["sort"].value = "most negative"
        >>> explorer.table[["doc_id", "sentence_id", "assessed_words"]].head(1).to_dict("records")
        [{'doc_id': 'ips-2007', 'sentence_id': 11, 'assessed_words': 'angered (-0.75)'}]
    """
    check_docs(docs, "explore_sentiment")
    if docs.empty:
        return no_articles(SENTIMENT_TITLE)
    # the sentences (given, or made from docs), and their scores, shared with the other explorers of docs
    sentences = sentences_given(docs, sents, "explore_sentiment")
    sentiment = shared(docs, ("sentiment", source_key("sentences", sents)), lambda: _sentence_sentiment(sentences))
    key = ("words in each sentence", source_key("sentences", sents))
    n_words = shared(docs, key, lambda: count_words(sentiment["sentence"]).to_numpy())
    longest = int(n_words.max()) if len(n_words) else 1
    controls = {
        "article": widgets.Dropdown(options=[ALL_ARTICLES, *docs["doc_id"]], value=ALL_ARTICLES, description="Article"),
        "sort": widgets.Dropdown(options=list(SORT_ORDERS), value=SORT_ORDERS[0], description="Sort"),
        "min_words": widgets.IntSlider(value=0, min=0, max=longest, description="Min. words"),
    }

    figures: dict[tuple[str, int], go.Figure] = {}  # the chart does not depend on the sort order
    sentiment = sentiment.reset_index(drop=True)
    # Found once: each article's sentences, and the order of all sentences for each sort.
    sentence_rows_of, none = rows_by(sentiment["doc_id"]), np.zeros(0, dtype=np.int64)
    orders = {
        "most negative": sentiment["polarity"].sort_values(kind="stable").index.to_numpy(),
        "most positive": sentiment["polarity"].sort_values(ascending=False, kind="stable").index.to_numpy(),
    }
    # With many articles the chart of all articles shows the mean polarity by outlet, not one line per article.
    group, group_of_row = summary_column(docs), None
    if many_articles(docs):
        group_of_doc = docs.set_index("doc_id")[group] if group else pd.Series(ALL_ARTICLES, index=docs["doc_id"])
        group_of_row = sentiment["doc_id"].map(group_of_doc).astype(str).to_numpy()

    def render(article, sort, min_words):
        keep = n_words >= min_words
        where = "the corpus" if article == ALL_ARTICLES else article
        caption = f"Sentences in {where}, {sort}"
        if article == ALL_ARTICLES:
            positions = orders[sort][keep[orders[sort]]] if sort in orders else np.flatnonzero(keep)
            rows = sentiment.take(positions)
            if rows.empty:
                raise ValueError(f"No sentence of {min_words} words or more in {where}. Lower 'Min. words'.")
            if group_of_row is not None:
                by_position, drawn = plot_sentiment_summary(rows, group_of_row[positions], group or "corpus")
                table = rows[["doc_id", "sentence_id", "polarity", "subjectivity", "assessed_words", "sentence"]]
                caption += f" (the chart shows the mean polarity {'of each outlet' if group else 'of all articles'}"
                caption += " at each sentence number: too many articles for one line each)"
                return View(figure=by_position, chart_table=drawn, table=table.reset_index(drop=True), caption=caption)
        else:
            own = sentence_rows_of.get(article, none)
            rows = sentiment.take(own[keep[own]])
        if rows.empty:
            raise ValueError(f"No sentence of {min_words} words or more in {where}. Lower 'Min. words'.")
        if (article, min_words) not in figures:
            figures[(article, min_words)] = plot_sentiment(
                rows.sort_index() if article == ALL_ARTICLES else rows
            ).figure
        figure = figures[(article, min_words)]
        if article != ALL_ARTICLES and sort == "most negative":
            rows = rows.sort_values("polarity", kind="stable")
        elif article != ALL_ARTICLES and sort == "most positive":
            rows = rows.sort_values("polarity", ascending=False, kind="stable")
        table = rows[["doc_id", "sentence_id", "polarity", "subjectivity", "assessed_words", "sentence"]]
        return View(figure=figure, table=table.reset_index(drop=True), caption=caption)

    return Explorer(
        SENTIMENT_TITLE,
        controls,
        render,
        note="Polarity is an average over the words TextBlob knows; words it does not know (regime, terrorist, "
        "murderous...) count for nothing. Read the sentences, and see sentiment_blind_spots().",
    )
