"""Every chart of the course: a title, labelled axes, colour-blind-safe colours, and its table as a text alternative."""

import pandas as pd
import plotly.graph_objects as go
import pytest

import helpers
from helpers.plots import PALETTE, SEQUENTIAL


def chart_inputs(docs):
    """Each chart function with the analysis result it draws (on the real corpus)."""
    mentions = helpers.actor_mentions(docs)
    quotes = helpers.quotations(docs)
    return {
        "plot_word_frequencies": (helpers.word_frequencies(docs, by="camp"),),
        "plot_keyness": (helpers.keyness(docs, "ips-2007"),),
        "plot_kwic": (helpers.kwic(docs, "regime"), docs),
        "plot_collocates": (helpers.collocates(docs, "regime"),),
        "plot_actor_mentions": (helpers.mention_counts(docs, mentions=mentions),),
        "plot_co_mentions": (helpers.co_mentions(docs, mentions=mentions),),
        "plot_naming_choices": (helpers.naming_choices(docs, "PMOI/MEK", mentions=mentions),),
        "plot_loaded_language": (helpers.loaded_language_summary(helpers.loaded_language(docs), docs),),
        "plot_sentiment": (helpers.sentence_sentiment(docs),),
        "plot_voices": (helpers.voices(quotes, docs),),
        "plot_timeline": (helpers.timeline(docs),),
        "plot_publication_gap": (helpers.timeline(docs),),
    }


def is_grey(colour: str) -> bool:
    """Neutral greys (equal red, green and blue) are safe for every kind of colour vision."""
    return len(colour) == 7 and colour.startswith("#") and colour[1:3] == colour[3:5] == colour[5:7]


CHARTS = sorted(name for name in helpers.__all__ if name.startswith("plot_"))


def test_every_chart_function_is_covered_here(docs):
    assert sorted(chart_inputs(docs)) == CHARTS


def colours_of(fig: go.Figure) -> set[str]:
    found = set()
    for trace in fig.data:
        for holder in (getattr(trace, "marker", None), getattr(trace, "line", None)):
            colour = getattr(holder, "color", None) if holder is not None else None
            if isinstance(colour, str):
                found.add(colour.upper())
            elif colour is not None and not isinstance(colour, (int, float)):
                found |= {c.upper() for c in colour if isinstance(c, str)}
    return found


@pytest.mark.parametrize("name", CHARTS)
def test_chart_has_title_axis_labels_safe_colours_and_its_table(docs, name):
    args = chart_inputs(docs)[name]
    fig, table = getattr(helpers, name)(*args, return_table=True)
    assert fig.layout.title.text, f"{name}: no title"
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text, f"{name}: an axis without a label"
    assert isinstance(table, pd.DataFrame) and len(table) > 0, f"{name}: no table behind the chart"
    allowed = {c.upper() for c in PALETTE} | {c.upper() for _, c in SEQUENTIAL}
    outside = {c for c in colours_of(fig) - allowed if not is_grey(c)}
    assert not outside, f"{name}: colours outside the Okabe–Ito palette: {outside}"
    for trace in fig.data:
        if isinstance(trace, go.Heatmap):
            assert [tuple(step) for step in trace.colorscale] == [tuple(step) for step in SEQUENTIAL]
        decoration = trace.hoverinfo == "skip"  # e.g. the grey rails of the dispersion plot
        assert decoration or trace.hovertemplate or trace.hovertext or trace.text, f"{name}: a series without hover"
