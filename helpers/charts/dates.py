"""Charts of dates: each article's publication, main event and mentioned dates on one time axis, and the gaps.

They draw the tables of :mod:`helpers.dates` (:func:`~helpers.dates.timeline`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from helpers.dates import KINDS, TIMELINE_COLUMNS
from helpers.plots import PALETTE, add_subtitle, bar_chart, chart_result, hover_text, style_figure

# How each kind of row is drawn: legend name, colour, marker symbol, and whether it is a span (a line).
_SERIES = [
    ("published (exact day)", PALETTE[0], "diamond", False),
    ("published (range)", PALETTE[0], "line-ns-open", True),
    ("main event (metadata)", PALETTE[5], "star", False),
    ("mentioned date (day)", PALETTE[2], "circle-open", False),
    ("mentioned period (month, year or range)", PALETTE[1], "line-ns-open", True),
]
_LANE = {"published": -0.25, "event (metadata)": 0.0, "mentioned": 0.25}
TIMELINE_NOTE = "Five articles over eleven years are examples, not a trend."


def _series_of(table: pd.DataFrame) -> pd.Series:
    is_day = table["date"] == table["date_end"]
    published = table["kind"] == "published"
    return pd.Series(
        np.select(
            [published & is_day, published, table["kind"] == "event (metadata)", is_day],
            [_SERIES[0][0], _SERIES[1][0], _SERIES[2][0], _SERIES[3][0]],
            default=_SERIES[4][0],
        ),
        index=table.index,
    )


def _hover_rows(table: pd.DataFrame) -> list[list[str]]:
    def when(row) -> str:
        if row.date == row.date_end:
            return f"{row.date:%d %b %Y}"
        return f"{row.date:%d %b %Y} to {row.date_end:%d %b %Y}"

    rows = []
    for row in table.itertuples(index=False):
        gap = "" if pd.isna(row.gap_days) else f"{int(row.gap_days):+,d} days from publication"
        detail = row.sentence if row.sentence else row.note
        rows.append(
            [
                hover_text(row.label),
                hover_text(row.doc_id),
                when(row),
                hover_text(f"{row.precision}" + (f", {row.completion}" if row.completion else "")),
                gap,
                hover_text(detail) if detail else "",
            ]
        )
    return rows


def plot_timeline(table: pd.DataFrame, return_table: bool | None = None):
    """Draw each article's publication date, main event and mentioned dates on one time axis.

    One row of the chart per article, the earliest at the top. A publication
    date known to the day is a diamond; one known only as a range (a month,
    or an estimate) is a bracketed line from its first to its last possible
    day. The main event from the metadata is a star; a date mentioned in the
    text is an open circle, or a line over its whole period when it is a
    month, a year or a range. Hovering shows the expression, the period, how
    it was completed, the gap to publication and the sentence.

    Takes the table from :func:`timeline` (or a filtered part of it). Rows
    whose date could not be resolved are not drawn. Returns a :class:`~helpers.plots.Chart`,
    whose table is the rows drawn with the legend entry (``shown_as``) of each.

    Example:
        >>> from helpers import load_corpus, timeline
        >>> chart = plot_timeline(timeline(load_corpus()))
        >>> chart.layout.title.text.split("<br>")[0], sorted(set(chart.table.shown_as))[:2]
        ('Publication, main event and dates mentioned', ['main event (metadata)', 'mentioned date (day)'])
    """
    missing = [c for c in TIMELINE_COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(
            f"plot_timeline() needs the table from timeline(); missing column(s) {', '.join(missing)}. "
            "Call plot_timeline(timeline(docs))."
        )
    drawn = table[table["date"].notna()].copy()
    drawn["date_end"] = drawn["date_end"].fillna(drawn["date"])
    drawn["shown_as"] = _series_of(drawn)
    published_rows = drawn[drawn["kind"] == "published"].sort_values("date", kind="stable")
    articles = list(dict.fromkeys(list(published_rows["doc_id"]) + list(drawn["doc_id"])))
    lane = {doc_id: i for i, doc_id in enumerate(articles)}
    drawn["y"] = drawn["doc_id"].map(lane) + drawn["kind"].map(_LANE)

    fig = go.Figure()
    template = "<b>%{customdata[0]}</b> (%{customdata[1]})<br>%{customdata[2]}<br>%{customdata[3]}<br>%{customdata[4]}"
    template += "<br>%{customdata[5]}<extra></extra>"
    for name, colour, symbol, is_span in _SERIES:
        part = drawn[drawn["shown_as"] == name]
        if part.empty:
            continue
        hover = _hover_rows(part)
        if is_span:
            x, y, custom = [], [], []
            for (start, end, y_value), row_hover in zip(part[["date", "date_end", "y"]].itertuples(index=False), hover):
                x += [start, end, None]
                y += [y_value, y_value, None]
                custom += [row_hover, row_hover, [""] * len(row_hover)]
            trace = go.Scatter(
                x=x,
                y=y,
                mode="lines+markers",
                line=dict(color=colour, width=5),
                marker=dict(symbol=symbol, size=14, color=colour, line=dict(width=2, color=colour)),
                connectgaps=False,
            )
        else:
            x, y, custom = part["date"].tolist(), part["y"].tolist(), hover
            trace = go.Scatter(
                x=x,
                y=y,
                mode="markers",
                marker=dict(symbol=symbol, size=13, color=colour, line=dict(width=2, color=colour)),
            )
        trace.update(name=name, customdata=custom, hovertemplate=template)
        fig.add_trace(trace)
    style_figure(
        fig,
        "Publication, main event and dates mentioned",
        "Date",
        "Article (earliest at the top)",
        height=max(320, 140 + 70 * len(articles)),
    )
    add_subtitle(fig, TIMELINE_NOTE)
    fig.update_yaxes(
        tickvals=list(range(len(articles))),
        ticktext=articles,
        autorange="reversed",
        range=None,
        zeroline=False,
        showgrid=False,
    )
    columns = ["doc_id", "kind", "shown_as", "date", "date_end", "precision", "label", "completion", "gap_days"]
    return chart_result(fig, drawn[columns + ["sentence"]].reset_index(drop=True), return_table, "plot_timeline")


def plot_publication_gap(table: pd.DataFrame, return_table: bool | None = None):
    """Bars of the days from each article's main event to its publication.

    Takes the table from :func:`timeline`. A positive bar means the article
    appeared after the event; a negative one that it announced an event
    still to come. When the publication date is a range, the bar runs to the
    earliest possible day and a whisker to the latest. Returns a
    :class:`~helpers.plots.Chart` whose table has the columns
    ``doc_id``, ``event_date``, ``published``, ``published_latest``,
    ``days_to_publication`` and ``days_to_latest_publication``.

    Example:
        >>> from helpers import load_corpus, timeline
        >>> gaps = plot_publication_gap(timeline(load_corpus())).table
        >>> gaps.set_index("doc_id").loc["breitbart-2014", "days_to_publication"]
        np.int64(6)
    """
    missing = [c for c in TIMELINE_COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(
            f"plot_publication_gap() needs the table from timeline(); missing column(s) {', '.join(missing)}. "
            "Call plot_publication_gap(timeline(docs))."
        )
    events = table[(table["kind"] == "event (metadata)") & table["date"].notna()]
    published = table[table["kind"] == "published"].drop_duplicates("doc_id")
    gaps = events[["doc_id", "date"]].merge(
        published[["doc_id", "date", "date_end"]], on="doc_id", suffixes=("_event", "_published")
    )
    gaps = gaps.rename(
        columns={"date_event": "event_date", "date_published": "published", "date_end": "published_latest"}
    )
    gaps["published_latest"] = gaps["published_latest"].fillna(gaps["published"])
    gaps["days_to_publication"] = (gaps["published"] - gaps["event_date"]).dt.days.astype("int64")
    gaps["days_to_latest_publication"] = (gaps["published_latest"] - gaps["event_date"]).dt.days.astype("int64")
    gaps = gaps.sort_values("published", kind="stable").reset_index(drop=True)
    if gaps.empty:
        raise ValueError("No article has both an event date and a publication date: there is no gap to show.")
    shown = gaps.assign(
        event=gaps["event_date"].dt.strftime("%d %b %Y"),
        publication=[
            f"{a:%d %b %Y}" if a == b else f"{a:%d %b %Y} to {b:%d %b %Y}"
            for a, b in zip(gaps["published"], gaps["published_latest"])
        ],
    )
    fig = bar_chart(
        shown,
        x="days_to_publication",
        y="doc_id",
        title="Days from the main event to publication",
        x_title="Days from the event to publication (negative = published before the event)",
        y_title="Article",
        hover=["event", "publication", "days_to_latest_publication"],
    )
    extra = gaps["days_to_latest_publication"] - gaps["days_to_publication"]
    if extra.gt(0).any():  # a whisker only where the publication date is a range
        whisker = extra.where(extra > 0).tolist()
        fig.update_traces(error_x=dict(type="data", array=whisker, arrayminus=[0] * len(extra), color=PALETTE[7]))
    add_subtitle(fig, "Whisker: the latest possible publication day, where it is uncertain.")
    return chart_result(fig, gaps, return_table, "plot_publication_gap")


def plot_dates_per_year(table: pd.DataFrame, n_articles: int) -> tuple[go.Figure, pd.DataFrame]:
    """The chart of :func:`plot_timeline` for a corpus of many articles, and its numbers: how many dates
    of each kind (publication, main event, mentioned) fall in each year, a period counting in the year
    it starts."""
    dated = table[table["date"].notna()]
    counts = (
        pd.DataFrame({"kind": dated["kind"].astype(str).to_numpy(), "year": dated["date"].dt.year.to_numpy()})
        .groupby(["kind", "year"], sort=False)
        .size()
        .rename("dates")
        .reset_index()
    )
    order = {kind: i for i, kind in enumerate(KINDS)}
    counts = counts.assign(_order=counts["kind"].map(order)).sort_values(["_order", "year"], kind="stable")
    counts = counts.drop(columns="_order").reset_index(drop=True)
    fig = bar_chart(
        counts,
        x="year",
        y="dates",
        title="Publication, main event and dates mentioned, per year",
        x_title="Year (a period counts in the year it starts)",
        y_title="Dates",
        color="kind",
        orientation="v",
        barmode="stack",
    )
    fig.update_layout(height=440)
    add_subtitle(fig, f"{n_articles:,} articles: too many to draw each one's line, so the dates are counted.")
    return fig, counts
