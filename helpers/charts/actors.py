"""Charts of actors: who is mentioned most, who is named with whom, and how each article names one actor.

They draw the tables of :mod:`helpers.actors`; each takes its table first and returns a
:class:`~helpers.plots.Chart`: the figure, and the rows drawn as its ``table``. A table with no rows is a
``ValueError``.
"""

from __future__ import annotations

import copy
import functools
import html
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from helpers.inputs import renamed_keywords
from helpers.plots import PALETTE, bar_chart, chart_result, heatmap, hover_text


def _require(table, columns: list[str], made_by: str) -> None:
    if not isinstance(table, pd.DataFrame) or not set(columns) <= set(table.columns):
        raise ValueError(f"Give the table from {made_by}; it needs the columns {', '.join(columns)}.")
    if table.empty:
        raise ValueError(f"Nothing to plot: the table from {made_by} is empty.")


# The co-mention matrix numbers its actors: a row reads "Iranian state 1", and column 1 is the same actor. Names
# written under the columns would turn vertical in a chart 600 px wide (the app's column at 1024 px) and take most
# of its height.
ROW_NAME_WIDTH = 20  # characters a line of a row's name may take; a longer name takes two lines, cut after the second
ROW_HEIGHT = 36  # pixels a row of the matrix takes: room for a name on two lines


def _row_label(name: str, number: int) -> str:
    """A row of the co-mention matrix: the actor's name (on two lines at most, escaped) and its column's number.

    Example:
        >>> _row_label("Syrian state (Assad government)", 5)
        'Syrian state (Assad<br>government)  5'
    """
    lines = textwrap.wrap(name, ROW_NAME_WIDTH) or [name]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), ROW_NAME_WIDTH, placeholder="…")]
    return "<br>".join(html.escape(line) for line in lines) + f"  {number}"


@functools.cache
def _matrix_style() -> dict:
    """The co-mention matrix in the course's style (:func:`helpers.plots.heatmap`) without its numbers, as a dict.

    plotly checks each change made to a figure on its own, which takes most of the time a matrix takes to make
    (about 60 ms of 70): the style is made once, and each matrix is made from a copy of it, checked once.
    """
    sample = pd.DataFrame({"actor": ["a"], "with_actor": ["b"], "sentences": [1]})
    figure = heatmap(
        sample,
        x="with_actor",
        y="actor",
        z="sentences",
        title="Actors named in the same sentence",
        x_title="Named with",
        y_title="Actor",
        z_title="Sentences",
    )
    return figure.to_plotly_json()


def _pattern_traces(fig) -> None:
    """Beyond eight series, colours repeat; a hatching pattern keeps the series apart."""
    shapes = ["", "/", "x", ".", "\\", "+", "-", "|"]
    for i, trace in enumerate(fig.data[len(PALETTE) :], start=len(PALETTE)):
        trace.marker.pattern.shape = shapes[(i // len(PALETTE)) % len(shapes)]


def _mentions_title(table: pd.DataFrame, group: str | None, top: int, value: str = "mentions") -> str:
    what = "Actor mentions" if value == "mentions" else "Actor mentions per 1,000 words"
    if group is None:
        return f"{what} in all articles: top {top}"
    values = table[group].unique()
    if len(values) == 1:
        return f"{what} in {values[0]}: top {top}"
    return f"{what} by {'article' if group == 'doc_id' else group}: top {top}"


@renamed_keywords(positional=("top", "value", "return_table"))
def plot_actor_mentions(
    counts: pd.DataFrame, *, top: int = 15, value: str = "mentions", return_table: bool | None = None
):
    """Bars of the ``top`` most mentioned actors, one colour per group (article), from :func:`mention_counts`.

    ``value="mentions"`` stacks the groups' counts; ``value="per_1000"``
    puts the groups' rates side by side. Hover shows mentions and the rate.

    Example:
        >>> from helpers import co_mentions, load_corpus, mention_counts, naming_choices
        >>> fig = plot_actor_mentions(mention_counts(load_corpus()), top=5)
        >>> fig.layout.title.text, fig.data[0].name, fig.data[0].y[0]
        ('Actor mentions by article: top 5', 'ips-2007', 'Iranian state')
    """
    _require(counts, ["actor", "actor_type", "mentions", "per_1000"], "mention_counts()")
    if value not in ("mentions", "per_1000"):
        raise ValueError(f"value must be 'mentions' or 'per_1000'; got {value!r}.")
    if not isinstance(top, (int, np.integer)) or top < 1:
        raise ValueError(f"top must be a whole number of at least 1; got {top!r}.")
    group = next(
        (c for c in counts.columns if c not in ("actor", "actor_type", "mentions", "articles", "per_1000")), None
    )
    totals = counts.groupby("actor")[value].sum().sort_values(ascending=False, kind="stable")
    keep = list(totals.index[:top])
    table = counts[counts["actor"].isin(keep)].copy()
    table["_rank"] = table["actor"].map({a: i for i, a in enumerate(keep)})
    table = table.sort_values("_rank", kind="stable").drop(columns="_rank").reset_index(drop=True)
    if group is not None:
        table[group] = table[group].astype(str)
    label = "Mentions" if value == "mentions" else "Mentions per 1,000 words"
    fig = bar_chart(
        table,
        x=value,
        y="actor",
        title=_mentions_title(table, group, len(keep), value),
        x_title=label,
        y_title="Actor",
        color=group,
        hover=["actor_type"] + [c for c in ("mentions", "per_1000") if c != value],
        barmode="stack" if value == "mentions" else "group",
    )
    fig.update_yaxes(categoryarray=keep)
    _pattern_traces(fig)
    return chart_result(fig, table, return_table, "plot_actor_mentions")


@renamed_keywords(positional=("top", "return_table"))
def plot_co_mentions(pairs: pd.DataFrame, *, top: int = 20, return_table: bool | None = None):
    """A matrix of actors by actors: how many sentences name both, from :func:`co_mentions`.

    Shows the ``top`` actors that are in the most co-mention sentences; the
    diagonal is left blank. The rows are named and numbered, and each column
    has the number of its row, so that every label reads across at any width.
    Hover shows both names, the count and the first sentence.

    Example:
        >>> from helpers import co_mentions, load_corpus, mention_counts, naming_choices
        >>> chart = plot_co_mentions(co_mentions(load_corpus()), top=4)
        >>> list(chart.data[0].x), int(chart.table.sentences.max())
        (['Iranian state', 'Iran', 'Iraq', 'Maryam Rajavi'], 15)
        >>> list(chart.layout.xaxis.ticktext), chart.layout.yaxis.ticktext[0]
        (['1', '2', '3', '4'], 'Iranian state  1')
    """
    _require(pairs, ["actor_a", "actor_b", "sentences"], "co_mentions()")
    if not isinstance(top, (int, np.integer)) or top < 2:
        raise ValueError(f"top must be a whole number of at least 2; got {top!r}.")
    both = pd.concat(
        [
            pairs.rename(columns={"actor_a": "actor", "actor_b": "with_actor"}),
            pairs.rename(columns={"actor_b": "actor", "actor_a": "with_actor"}),
        ]
    )
    totals = both.groupby("actor")["sentences"].sum().sort_values(ascending=False, kind="stable")
    keep = list(totals.index[:top])
    grid = pd.MultiIndex.from_product([keep, keep], names=["actor", "with_actor"]).to_frame(index=False)
    columns = ["actor", "with_actor", "sentences"] + (["example"] if "example" in both.columns else [])
    table = grid.merge(both[columns], on=["actor", "with_actor"], how="left")
    table["sentences"] = table["sentences"].fillna(0).astype("int64")
    examples = {}
    if "example" in table.columns:  # each sentence wrapped once: a pair and its mirror share one, as pairs often do
        wrapped = {e: hover_text(e) for e in set(table["example"]) if isinstance(e, str)}
        examples = {(a, b): wrapped[e] for a, b, e in zip(table.actor, table.with_actor, table.example) if e in wrapped}
    counts = table["sentences"].to_numpy().reshape(len(keep), len(keep))  # the grid's rows are actors, in order
    spec = copy.deepcopy(_matrix_style())
    trace = spec["data"][0]
    trace.update(
        x=keep,
        y=keep,
        z=[[None if a == b else int(n) for b, n in zip(keep, row)] for a, row in zip(keep, counts)],
        customdata=[[examples.get((a, b), "") for b in keep] for a in keep],
        hoverongaps=False,
        hovertemplate=trace["hovertemplate"].replace("<extra>", "<br>%{customdata}<extra>"),
    )
    trace["colorbar"].update(thickness=14, title={"text": "Sentences", "side": "bottom"})  # on top, it touched 15
    spec["layout"]["xaxis"].update(
        tickmode="array",
        tickvals=keep,
        ticktext=[str(i) for i in range(1, len(keep) + 1)],
        tickangle=0,
        showgrid=False,
        title={"text": "Named with (columns numbered as the rows)"},
    )
    spec["layout"]["yaxis"].update(
        tickmode="array", tickvals=keep, ticktext=[_row_label(a, i) for i, a in enumerate(keep, 1)], showgrid=False
    )
    spec["layout"]["height"] = max(320, 80 + ROW_HEIGHT * len(keep))  # the title takes one line
    fig = go.Figure(spec)
    table = table[table["actor"] != table["with_actor"]].reset_index(drop=True)
    return chart_result(fig, table, return_table, "plot_co_mentions")


@renamed_keywords(positional=("return_table",))
def plot_naming_choices(choices: pd.DataFrame, *, return_table: bool | None = None):
    """Stacked bars: for each article, the names it uses for one actor, from :func:`naming_choices`.

    One colour per alias (a hatching pattern is added beyond eight aliases);
    hover shows the count and the share of the article's mentions.

    Example:
        >>> from helpers import co_mentions, load_corpus, mention_counts, naming_choices
        >>> fig = plot_naming_choices(naming_choices(load_corpus(), "PMOI/MEK"))
        >>> fig.layout.title.text, list(fig.layout.yaxis.categoryarray)[:2]
        ('How each article names PMOI/MEK', ['ips-2007', 'ncri-2010'])
    """
    group = next((c for c in choices.columns if c not in ("actor", "alias", "count", "share")), "doc_id")
    _require(choices, [group, "alias", "count", "share"], "naming_choices()")
    actors = list(choices["actor"].unique()) if "actor" in choices.columns else []
    name = actors[0] if len(actors) == 1 else "the actor"
    doc_order = list(dict.fromkeys(choices[group]))
    alias_order = choices.groupby("alias")["count"].sum().sort_values(ascending=False, kind="stable")
    table = choices.assign(_rank=choices["alias"].map({a: i for i, a in enumerate(alias_order.index)}))
    table = table.sort_values("_rank", kind="stable").drop(columns="_rank").reset_index(drop=True)
    shown = table.assign(alias=table["alias"].map(lambda a: hover_text(a, width=200)))
    if group == "doc_id":
        title, y_title = f"How each article names {name}", "Article"
    elif group == "corpus":  # all articles together (naming_choices summed over the articles)
        title, y_title = f"How the articles name {name}, all together", "Articles"
    else:  # naming_choices summed by outlet, or another column of the articles
        title, y_title = f"How the articles of each {group} name {name}", str(group).capitalize()
    fig = bar_chart(
        shown,
        x="count",
        y=group,
        title=title,
        x_title="Mentions",
        y_title=y_title,
        color="alias",
        hover=["share"],
        barmode="stack",
    )
    fig.update_yaxes(categoryarray=doc_order)
    fig.update_layout(height=max(320, 160 + 40 * len(doc_order)))
    _pattern_traces(fig)
    return chart_result(fig, table, return_table, "plot_naming_choices")
