"""The timeline explorer: publication, main event and the dates each text mentions, article by article."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import pandas as pd

from helpers.charts.dates import TIMELINE_NOTE, plot_dates_per_year, plot_timeline
from helpers.dates import _timeline
from helpers.explorers.base import ALL_ARTICLES, Explorer, View, made_in_background, many_articles, no_articles, rows_by
from helpers.explorers.shared import sentences_given, shared, source_key
from helpers.inputs import check_docs, renamed_keywords

_KIND_CHOICES = [
    ("all dates", "all"),
    ("publication only", "published"),
    ("main event (metadata) only", "event (metadata)"),
    ("dates mentioned in the text only", "mentioned"),
    ("publication and main event", "published+event"),
]
TITLE = "Timeline: publication, main event and dates mentioned"
EXPLORER_TABLE_COLUMNS = [
    "doc_id",
    "kind",
    "label",
    "date",
    "date_end",
    "precision",
    "completion",
    "gap_days",
    "sentence",
]


@renamed_keywords(positional=("sents",))
@made_in_background(TITLE)
def explore_timeline(docs: pd.DataFrame, *, sents: pd.DataFrame | None = None) -> Explorer:
    """An explorer of the dates about each article: publication, main event and the dates its text mentions.

    Controls: ``article`` ("all articles" or one doc_id), ``kinds`` (which
    kinds of date to show) and ``years`` (an IntRangeSlider: a date is shown
    when its period overlaps the years chosen). Below: the chart from
    :func:`plot_timeline`, then the table of the dates shown (expression,
    date, precision, completion, gap to publication, sentence). Dates that
    could not be resolved have no year; they are listed only while the
    slider spans all the years. The timeline is computed once, when the
    explorer is made. With more than ``MANY_ARTICLES`` (20) articles, the
    chart of all articles counts the dates of each kind in each year.

    Example:
        >>> from helpers import load_corpus
        >>> explorer = explore_timeline(load_corpus())
        >>> explorer.controls["article"].value = "ncri-2010"
        >>> explorer.table.label.tolist()[-1]
        'Saturday'
    """
    check_docs(docs, "explore_timeline")
    if docs.empty:
        return no_articles(TITLE)
    if "published" not in docs.columns:
        raise ValueError("explore_timeline(): docs has no column 'published' (each article's publication date).")
    sentences = sentences_given(docs, sents, "explore_timeline")
    # made once for these articles (and these sentences), like the other shared tables: opened again, at once
    table = shared(docs, ("timeline", source_key("sentences", sents)), lambda: _timeline(docs, sentences))
    dated = table[table["date"].notna()]
    low = int(dated["date"].dt.year.min()) if not dated.empty else 2000
    high = int(dated["date_end"].fillna(dated["date"]).dt.year.max()) if not dated.empty else low
    start_year = table["date"].dt.year
    end_year = table["date_end"].fillna(table["date"]).dt.year
    article_ids = list(dict.fromkeys(table.loc[table["kind"] == "published", "doc_id"]))

    controls = {
        "article": widgets.Dropdown(options=[ALL_ARTICLES, *article_ids], value=ALL_ARTICLES, description="Article"),
        "kinds": widgets.Dropdown(options=_KIND_CHOICES, value="all", description="Dates"),
        "years": widgets.IntRangeSlider(
            value=(low, high),
            min=low,
            max=high,
            step=1,
            description="Years",
            continuous_update=False,
            readout=False,  # the table's caption names the years shown; a readout box cut off the last digit
        ),
    }

    # Found once, as arrays: each article's rows, and each row's kind, years and whether it has a date.
    rows_of, every_row = rows_by(table["doc_id"]), np.arange(len(table))
    kind_of, undated = table["kind"].astype(str).to_numpy(), table["date"].isna().to_numpy()
    start_year, end_year = start_year.to_numpy(dtype=float), end_year.to_numpy(dtype=float)
    many = many_articles(docs)

    def render(article: str, kinds: str, years: tuple[int, int]) -> View:
        rows = every_row if article == ALL_ARTICLES else rows_of.get(article, every_row[:0])
        if kinds == "published+event":
            rows = rows[np.isin(kind_of[rows], ["published", "event (metadata)"])]
        elif kinds != "all":
            rows = rows[kind_of[rows] == kinds]
        from_year, to_year = years
        overlaps = (start_year[rows] <= to_year) & (end_year[rows] >= from_year)
        unresolved = undated[rows] & (from_year <= low) & (to_year >= high)
        shown = table.iloc[rows[overlaps | unresolved]]
        if shown.empty:
            raise ValueError(
                f"No dates of this kind for {article} between {from_year} and {to_year}. "
                "Widen the year range or choose another article or kind of date."
            )
        caption = f"Dates for {article}, {from_year}–{to_year}"
        figure = drawn = None
        if shown["date"].notna().any() and many and article == ALL_ARTICLES:
            figure, drawn = plot_dates_per_year(shown, len(docs))
            caption += " (the chart counts the dates of each year: too many articles to draw each one's line)"
        elif shown["date"].notna().any():
            figure = plot_timeline(shown).figure
        listed = shown[EXPLORER_TABLE_COLUMNS].reset_index(drop=True)
        return View(figure=figure, chart_table=drawn, table=listed, caption=caption)

    return Explorer(TITLE, controls, render, note=TIMELINE_NOTE)
