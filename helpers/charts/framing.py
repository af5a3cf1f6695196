"""Charts of framing: loaded-language rates per article, and TextBlob's polarity sentence by sentence.

They draw the tables of :mod:`helpers.framing`; each takes its table first.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from helpers.framing import SENTIMENT_COLUMNS
from helpers.inputs import renamed_keywords
from helpers.plots import PALETTE, bar_chart, chart_result, color_map, hover_text, style_figure


@renamed_keywords(positional=("return_table",))
def plot_loaded_language(summary: pd.DataFrame, *, return_table: bool | None = None):
    """A bar for each article (or group): loaded-language hits per 1,000 words, stacked by category or by target.

    Takes the table from :func:`loaded_language_summary`: its bars are split
    by category, or by target (at whom the words are aimed) when the table
    was made with ``by_category=False, by_target=True``; categories or
    targets with no hit anywhere are left out. Hovering a bar shows the rate,
    the number of hits and of words. The chart's table is the rows plotted
    (rates rounded to 2 decimals).

    Example:
        >>> from helpers import load_corpus, loaded_language_summary, sentence_sentiment
        >>> docs = load_corpus()
        >>> fig = plot_loaded_language(loaded_language_summary(docs))
        >>> fig.layout.title.text  # in two lines: plotly does not wrap titles
        'Words from the loaded-language list, per 1,000 words<br>(a dictionary count: read the sentences)'
    """
    if not isinstance(summary, pd.DataFrame) or not {"hits", "n_words", "per_1000"} <= set(summary.columns):
        raise TypeError("plot_loaded_language() needs the table from loaded_language_summary().")
    if {"category", "target"} <= set(summary.columns):
        raise ValueError(
            "plot_loaded_language() stacks the bars by category or by target, not both: make the summary with "
            "by_category=False, by_target=True to stack by target."
        )
    group = summary.columns[0]
    table = summary.copy()
    table["per_1000"] = table["per_1000"].round(2)
    table[group] = table[group].astype(str)
    color = next((c for c in ("category", "target") if c in table.columns), None)
    if color:
        used = table.groupby(color, sort=False)["hits"].transform("sum") > 0
        table = table[used]
    table = table.reset_index(drop=True)
    fig = bar_chart(
        table,
        x="per_1000",
        y=group,
        title="Words from the loaded-language list, per 1,000 words<br>(a dictionary count: read the sentences)",
        x_title="Hits per 1,000 words" + (f", stacked by {color}" if color else ""),
        y_title="Article" if group == "doc_id" else str(group),
        color=color,
        hover=["hits", "n_words"],
        barmode="stack",
    )
    return chart_result(fig, table, return_table, "plot_loaded_language")


@renamed_keywords(positional=("return_table",))
def plot_sentiment(sentiment: pd.DataFrame, *, return_table: bool | None = None):
    """Each sentence as a point: its position in the article (x) and its TextBlob polarity (y), one colour per article.

    Takes the table from :func:`sentence_sentiment`. Hovering a point shows
    the sentence, its scores and the words that produced them. The chart's
    table is the rows plotted. The points are not joined: neighbouring
    sentences are not a series.

    Example:
        >>> from helpers import load_corpus, loaded_language_summary, sentence_sentiment
        >>> fig = plot_sentiment(sentence_sentiment(load_corpus()))
        >>> [trace.name for trace in fig.data][:2], len(fig.data[0].x)
        (['ips-2007', 'ncri-2010'], 28)
    """
    if not isinstance(sentiment, pd.DataFrame) or not set(SENTIMENT_COLUMNS) <= set(sentiment.columns):
        raise TypeError("plot_sentiment() needs the table from sentence_sentiment().")
    table = sentiment[["doc_id", "sentence_id", "polarity", "subjectivity", "assessed_words", "sentence"]].reset_index(
        drop=True
    )
    colors = color_map(table["doc_id"])
    fig = go.Figure()
    for doc_id, part in table.groupby("doc_id", sort=False):
        custom = np.column_stack(
            [
                part["sentence"].map(hover_text).to_numpy(),
                part["assessed_words"].map(lambda w: hover_text(w) or "(none)").to_numpy(),
                part["subjectivity"].to_numpy(),
            ]
        )
        fig.add_trace(
            go.Scatter(
                x=part["sentence_id"].tolist(),
                y=part["polarity"].tolist(),
                name=str(doc_id),
                mode="markers",
                line=dict(color=colors[doc_id], width=1),
                marker=dict(color=colors[doc_id], size=8),
                customdata=custom,
                hovertemplate=(
                    "<b>%{fullData.name}</b>, sentence %{x}<br>polarity %{y:.2f}, subjectivity %{customdata[2]:.2f}"
                    "<br>scored words: %{customdata[1]}<br><br>%{customdata[0]}<extra></extra>"
                ),
            )
        )
    style_figure(
        fig,
        "TextBlob polarity per sentence (a word-list score, not a measure of framing)",
        "Sentence number in the article",
        "Polarity (−1 negative, +1 positive)",
        height=440,
    )
    fig.update_yaxes(range=[-1.05, 1.05], zeroline=True, zerolinecolor="#888888")
    return chart_result(fig, table, return_table, "plot_sentiment")


def plot_sentiment_summary(rows: pd.DataFrame, groups: np.ndarray, group: str) -> tuple[go.Figure, pd.DataFrame]:
    """The chart of :func:`plot_sentiment` for a corpus of many articles, and its numbers: the mean polarity
    of the sentences at each sentence number, one line per outlet (``groups`` gives each row's outlet), or
    one line for all articles."""
    table = pd.DataFrame(
        {group: groups, "sentence_id": rows["sentence_id"].to_numpy(), "polarity": rows["polarity"].to_numpy()}
    )
    means = table.groupby([group, "sentence_id"], sort=False)["polarity"].agg(["mean", "size"]).reset_index()
    means = means.sort_values([group, "sentence_id"], kind="stable")
    colors = color_map(sorted(means[group].unique()))
    dashes = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"]  # colours repeat beyond eight lines
    fig = go.Figure()
    for i, (name, part) in enumerate(means.groupby(group, sort=True)):
        fig.add_trace(
            go.Scatter(
                x=part["sentence_id"].tolist(),
                y=part["mean"].round(3).tolist(),
                name=str(name),
                mode="markers",
                line=dict(color=colors[name], width=1, dash=dashes[(i // len(PALETTE)) % len(dashes)]),
                marker=dict(color=colors[name], size=6),
                customdata=part["size"].to_numpy(),
                hovertemplate="<b>%{fullData.name}</b>, sentence %{x}<br>mean polarity %{y:.2f} "
                "over %{customdata} sentences<extra></extra>",
            )
        )
    style_figure(
        fig,
        "Mean TextBlob polarity at each sentence number (a word-list score, not a measure of framing)",
        "Sentence number in the article",
        "Mean polarity (−1 negative, +1 positive)",
        height=440,
    )
    fig.update_yaxes(range=[-1.05, 1.05], zeroline=True, zerolinecolor="#888888")
    numbers = means.rename(columns={"mean": "mean_polarity", "size": "sentences"}).round({"mean_polarity": 3})
    return fig, numbers.reset_index(drop=True)
