"""The chart of quotations: who is quoted, and at what length (the table of :func:`helpers.voices`)."""

from __future__ import annotations

import pandas as pd

from helpers.inputs import renamed_keywords
from helpers.plots import bar_chart, chart_result
from helpers.quotes import VOICE_COLUMNS


@renamed_keywords(positional=("return_table", "title"))
def plot_voices(
    voices: pd.DataFrame, *, return_table: bool | None = None, title: str = "Who is quoted, and at what length"
):
    """Horizontal bars: the words quoted from each speaker, one colour per article (or group).

    Takes the table from :func:`voices`; the hover shows the number of
    quotations and the speaker's share of the quoted words. The chart's table
    is the rows plotted. No rows is a ``ValueError``.

    Example:
        >>> from helpers import load_corpus, voices
        >>> docs = load_corpus()
        >>> fig = plot_voices(voices(docs))
        >>> fig.layout.xaxis.title.text, fig.data[0].name
        ('Words quoted', 'ips-2007')
    """
    if not isinstance(voices, pd.DataFrame) or not set(VOICE_COLUMNS) <= set(voices.columns):
        raise ValueError("plot_voices() needs the table from voices(quotations(docs)).")
    group = voices.columns[0]
    if voices.empty:
        raise ValueError("No quotations to plot: the table from voices() is empty.")
    table = voices.reset_index(drop=True)
    figure = bar_chart(
        table,
        x="words_quoted",
        y="speaker",
        title=title,
        x_title="Words quoted",
        y_title="Speaker",
        color=group,
        hover=["quotations", "share_of_words", "speaker_kind"],
    )
    return chart_result(figure, table, return_table, "plot_voices")
