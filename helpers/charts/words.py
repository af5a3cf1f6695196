"""Charts of words: the most frequent words, key words, where a word occurs (dispersion), collocates.

They draw the tables of :mod:`helpers.words`; each takes its table first and returns a
:class:`~helpers.plots.Chart`: the figure, and the rows drawn as its ``table``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from helpers.inputs import check_docs, check_whole_number, renamed_keywords
from helpers.plots import PALETTE, bar_chart, chart_result, hover_text, style_figure
from helpers.words import FREQUENCY_COLUMNS


def _group_column(table: pd.DataFrame, first_data_column: str) -> str | None:
    return table.columns[0] if len(table.columns) and table.columns[0] != first_data_column else None


@renamed_keywords(positional=("top", "return_table"))
def plot_word_frequencies(freqs: pd.DataFrame, *, top: int = 15, return_table: bool | None = None):
    """A bar chart of the ``top`` most frequent terms of a :func:`word_frequencies` table.

    For a table made with ``by=``, the chart compares the groups: it takes the
    ``top`` terms over all groups (by total count) and shows, for each, its
    relative frequency per 1,000 words in every group (a group where the term
    is absent shows 0). Without groups the bars show the counts. Hovering on a
    bar shows the count, the rate per 1,000 words and the number of articles.

    Example:
        >>> from helpers import collocates, keyness, kwic, load_corpus, word_frequencies
        >>> chart = plot_word_frequencies(word_frequencies(load_corpus()), top=3)
        >>> chart.table.term.tolist(), chart.layout.title.text
        (['iranian', 'iran', 'regime'], 'The 3 most frequent words')
    """
    top = check_whole_number(top, "top", "plot_word_frequencies", 1)
    group = _group_column(freqs, "term")
    kind = "phrases" if freqs["term"].str.contains(" ", regex=False).any() else "words"
    if group is None:
        table = freqs.head(top).copy()
        table["per_1000"] = table["per_1000"].round(2)
        fig = bar_chart(
            table,
            x="count",
            y="term",
            title=f"The {len(table)} most frequent {kind}" if len(table) else "Most frequent words: none to show",
            x_title="Number of occurrences",
            y_title=kind.capitalize()[:-1],
            hover=["per_1000", "doc_freq"],
        )
    else:
        totals = freqs.groupby("term", sort=False)["count"].sum()
        terms = totals.sort_values(ascending=False, kind="stable").head(top)
        order = sorted(terms.index, key=lambda t: (-terms[t], t))
        groups = list(dict.fromkeys(freqs[group]))
        grid = pd.MultiIndex.from_product([order, groups], names=["term", group]).to_frame(index=False)
        table = grid.merge(freqs, on=["term", group], how="left")
        table = table.fillna({"count": 0, "per_1000": 0.0, "doc_freq": 0}).astype(
            {"count": "int64", "doc_freq": "int64"}
        )
        table = table[[group, *FREQUENCY_COLUMNS]]
        table["per_1000"] = table["per_1000"].round(2)
        title = f"The {len(order)} most frequent {kind}, by {group}" if order else "Most frequent words: none to show"
        fig = bar_chart(
            table,
            x="per_1000",
            y="term",
            color=group,
            title=title,
            x_title="Occurrences per 1,000 words of the group",
            y_title=kind.capitalize()[:-1],
            hover=["count", "doc_freq"],
        )
        fig.update_layout(legend_title_text=group)
    return chart_result(fig, table.reset_index(drop=True), return_table, "plot_word_frequencies")


def _short_number(value: float) -> float:
    return float(f"{value:.2g}")


@renamed_keywords(positional=("top", "return_table"))
def plot_keyness(result: pd.DataFrame, *, top: int = 15, return_table: bool | None = None):
    """Diverging bars for the ``top`` key words of a :func:`keyness` table.

    The ``top`` terms with the highest ``g2`` are drawn as bars of their
    ``log_ratio``: to the right for words the target over-uses, to the left
    for words it under-uses, from the strongest over-use at the top to the
    strongest under-use at the bottom. Hovering on a bar shows both
    counts, ``g2`` and ``p_value``.

    Example:
        >>> from helpers import collocates, keyness, kwic, load_corpus, word_frequencies
        >>> chart = plot_keyness(keyness(load_corpus(), "breitbart-2014"), top=2)
        >>> chart.table[["term", "direction", "log_ratio"]].values.tolist()
        [['syrian', 'over', 6.82], ['jarba', 'over', 5.73]]
    """
    top = check_whole_number(top, "top", "plot_keyness", 1)
    table = result.head(top).copy()
    table = table.sort_values("log_ratio", ascending=False, kind="stable").reset_index(drop=True)
    table = table[["term", "direction", "log_ratio", "g2", "p_value", "target_count", "reference_count"]]
    table["log_ratio"] = table["log_ratio"].round(2)
    table["g2"] = table["g2"].round(2)
    table["p_value"] = table["p_value"].map(_short_number)
    target, reference = result.attrs.get("target"), result.attrs.get("reference")
    title = f"Key words of {target} compared with {reference}" if target else "Key words of the target"
    fig = bar_chart(
        table,
        x="log_ratio",
        y="term",
        color="direction",
        title=title,
        x_title="Log ratio (1 = twice as frequent in the target, -1 = half as frequent)",
        y_title="Word",
        hover=["target_count", "reference_count", "g2", "p_value"],
        barmode="relative",
    )
    fig.update_layout(legend_title_text="Use in the target")
    return chart_result(fig, table, return_table, "plot_keyness")


@renamed_keywords(positional=("return_table",))
def plot_kwic(hits: pd.DataFrame, docs: pd.DataFrame, *, return_table: bool | None = None):
    """A dispersion plot (like AntConc's "Plot"): where in each article the matches of :func:`kwic` occur.

    One row per article of ``docs`` (an article without a match keeps an empty
    row, so the absence shows), with a mark at each match's position from the
    start (0) to the end (1) of the article, measured in characters. The row
    label gives the number of matches; hovering on a mark shows the match in
    its context.

    Example:
        >>> from helpers import collocates, keyness, kwic, load_corpus, word_frequencies
        >>> docs = load_corpus()
        >>> chart = plot_kwic(kwic(docs, "Ashraf"), docs)
        >>> list(chart.layout.yaxis.ticktext)
        ['ips-2007 (0)', 'ncri-2010 (9)', 'breitbart-2014 (0)', 'moroccantimes-2015 (0)', 'iranfreedom-2018 (3)']
    """
    check_docs(docs, "plot_kwic")
    doc_ids = docs["doc_id"].tolist()
    lengths = docs.set_index("doc_id")["text"].str.len()
    row = {doc_id: i for i, doc_id in enumerate(doc_ids)}
    table = hits[hits["doc_id"].isin(row)].copy()
    table["position"] = (table["start"] / table["doc_id"].map(lengths).clip(lower=1)).round(3)
    table = table[["doc_id", "sentence_id", "position", "left", "match", "right", "start"]].reset_index(drop=True)
    counts = table["doc_id"].value_counts()
    labels = [f"{doc_id} ({int(counts.get(doc_id, 0))})" for doc_id in doc_ids]
    baseline_x = [v for _ in doc_ids for v in (0, 1, None)]
    baseline_y = [v for i in range(len(doc_ids)) for v in (i, i, None)]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=baseline_x, y=baseline_y, mode="lines", line=dict(color="#bbbbbb", width=1), hoverinfo="skip", name=""
        )
    )
    context = [
        hover_text(f"{left} [{match}] {right}") for left, match, right in zip(table.left, table.match, table.right)
    ]
    fig.add_trace(
        go.Scatter(
            x=table["position"].tolist(),
            y=table["doc_id"].map(row).tolist(),
            mode="markers",
            marker=dict(symbol="line-ns-open", size=22, line=dict(width=2, color=PALETTE[0])),
            customdata=np.column_stack([table["doc_id"], table["sentence_id"]]) if len(table) else None,
            hovertext=context,
            hovertemplate="<b>%{customdata[0]}</b>, sentence %{customdata[1]}, position %{x:.0%}"
            "<br>%{hovertext}<extra></extra>",
            name="match",
        )
    )
    query = hits.attrs.get("query")
    title = f"Where {query!r} occurs in each article" if query else "Where the matches occur in each article"
    style_figure(
        fig, title, "Position in the article (0 = start, 1 = end)", "Article (matches)", height=120 + 40 * len(doc_ids)
    )
    fig.update_layout(
        showlegend=False,
        xaxis=dict(range=[-0.02, 1.02]),
        yaxis=dict(
            tickmode="array",
            tickvals=list(range(len(doc_ids))),
            ticktext=labels,
            range=[len(doc_ids) - 0.5, -0.5],
            showgrid=False,
            zeroline=False,
        ),
    )
    return chart_result(fig, table, return_table, "plot_kwic")


@renamed_keywords(positional=("top", "return_table"))
def plot_collocates(result: pd.DataFrame, *, top: int = 15, return_table: bool | None = None):
    """A bar chart of the ``top`` collocates of a :func:`collocates` table, by log Dice.

    Hovering on a bar shows the co-occurrence count, the word's corpus
    frequency and MI. For a table made with ``by=``, each group has its own
    colour.

    Example:
        >>> from helpers import collocates, keyness, kwic, load_corpus, word_frequencies
        >>> fig = plot_collocates(collocates(load_corpus(), "regime"), top=5)
        >>> fig.layout.title.text
        "Words near 'regime' (within 5 words)"
    """
    top = check_whole_number(top, "top", "plot_collocates", 1)
    group = _group_column(result, "term")
    table = result.groupby(group, sort=False).head(top) if group else result.head(top)
    table = table.copy().reset_index(drop=True)
    table["log_dice"] = table["log_dice"].round(2)
    table["mi"] = table["mi"].round(2)
    query, window = result.attrs.get("query"), result.attrs.get("window")
    title = f"Words near {query!r} (within {window} words)" if query else "Collocates"
    fig = bar_chart(
        table,
        x="log_dice",
        y="term",
        color=group,
        title=title,
        x_title="log Dice (14 = always together)",
        y_title="Word",
        hover=["count", "term_freq", "mi"],
    )
    return chart_result(fig, table, return_table, "plot_collocates")
