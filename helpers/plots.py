"""One chart style for the whole course.

Every chart in the course is a plotly figure made here or finished with
:func:`style_figure`, so that all of them:

- use the Okabe–Ito palette, which people with the common forms of colour
  blindness can tell apart (Okabe & Ito, "Color Universal Design", 2002);
- have a title and labelled axes;
- show the underlying number (and, where there is one, the sentence) on hover;
- come with the table behind them: every chart function takes
  ``return_table=True`` and then returns ``(figure, table)``, so the numbers
  can be read without the picture.

Example:
    >>> import pandas as pd
    >>> table = pd.DataFrame({"term": ["regime", "people"], "count": [40, 25]})
    >>> fig = bar_chart(table, x="count", y="term", title="Top words", x_title="Count", y_title="Word")
    >>> fig.layout.title.text, list(fig.data[0].y)
    ('Top words', ['regime', 'people'])
"""

from __future__ import annotations

import html
import textwrap

import pandas as pd
import plotly.graph_objects as go

# Okabe–Ito colours, in the order the course uses them (black last).
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
# A sequential blue scale for heatmaps: one hue, light to dark, readable in greyscale.
SEQUENTIAL = [[0.0, "#f7fbff"], [0.5, "#6baed6"], [1.0, "#08306b"]]
FONT = dict(family="Arial, Helvetica, sans-serif", size=14, color="#222222")


def style_figure(fig: go.Figure, title: str, x_title: str | None, y_title: str | None, height: int | None = None):
    """Give a figure the course's look: title, axis labels, palette, readable fonts.

    Example:
        >>> fig = style_figure(go.Figure(), "A title", "x label", "y label")
        >>> fig.layout.xaxis.title.text
        'x label'
    """
    if not title:
        raise ValueError("Every course chart needs a title.")
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left"),
        font=FONT,
        colorway=PALETTE,
        template="none",  # explicit styling below: cheaper to build than a full template, and the same everywhere
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin=dict(l=10, r=10, t=60, b=10),
        hoverlabel=dict(font_size=13),
        legend=dict(title_text=""),
    )
    if height:
        fig.update_layout(height=height)
    axes = dict(automargin=True, gridcolor="#E5E5E5", zerolinecolor="#BDBDBD", linecolor="#666666")
    fig.update_xaxes(title_text=x_title, **axes)
    fig.update_yaxes(title_text=y_title, **axes)
    return fig


def color_map(values) -> dict:
    """A stable colour for each group, in palette order.

    Example:
        >>> color_map(["b", "a", "b"])
        {'b': '#0072B2', 'a': '#E69F00'}
    """
    groups = list(dict.fromkeys(values))
    return {group: PALETTE[i % len(PALETTE)] for i, group in enumerate(groups)}


def bar_chart(
    table: pd.DataFrame,
    x: str,
    y: str,
    title: str,
    x_title: str,
    y_title: str,
    color: str | None = None,
    hover: list[str] | None = None,
    orientation: str = "h",
    barmode: str = "group",
) -> go.Figure:
    """A bar chart (horizontal by default, so long labels stay readable).

    ``color`` names a column whose values become separate, coloured series;
    ``hover`` lists extra columns shown when the pointer rests on a bar.
    The bars keep the order of the rows of ``table`` (first row at the top).
    """
    hover = hover or []
    fig = go.Figure()
    groups = [(None, table)] if color is None else list(table.groupby(color, sort=False))
    colors = color_map(table[color]) if color else {None: PALETTE[0]}
    value, label = (x, y) if orientation == "h" else (y, x)
    for name, part in groups:
        template = (
            f"<b>%{{{'y' if orientation == 'h' else 'x'}}}</b><br>{value}: %{{{'x' if orientation == 'h' else 'y'}}}"
        )
        for i, column in enumerate(hover):
            template += f"<br>{column}: %{{customdata[{i}]}}"
        fig.add_trace(
            go.Bar(
                x=part[x].tolist(),
                y=part[y].tolist(),
                name=str(name) if name is not None else value,
                orientation=orientation,
                marker_color=colors[name],
                customdata=part[hover].to_numpy() if hover else None,
                hovertemplate=template + "<extra>" + (str(name) if name is not None else "") + "</extra>",
                showlegend=color is not None,
            )
        )
    style_figure(fig, title, x_title, y_title, height=max(320, 60 + 24 * table[label].nunique()))
    fig.update_layout(barmode=barmode)
    if orientation == "h":
        fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=list(dict.fromkeys(table[y])))
    return fig


def heatmap(
    table: pd.DataFrame, x: str, y: str, z: str, title: str, x_title: str, y_title: str, z_title: str
) -> go.Figure:
    """A heatmap of ``z`` for each pair of ``x`` and ``y`` values, with the number written in each cell."""
    grid = table.pivot_table(index=y, columns=x, values=z, aggfunc="sum", fill_value=0, sort=False)
    fig = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(),
            x=[str(c) for c in grid.columns],
            y=[str(i) for i in grid.index],
            colorscale=SEQUENTIAL,
            colorbar=dict(title=z_title),
            texttemplate="%{z}",
            hovertemplate=f"{y_title}: %{{y}}<br>{x_title}: %{{x}}<br>{z_title}: %{{z}}<extra></extra>",
        )
    )
    style_figure(fig, title, x_title, y_title, height=max(320, 80 + 30 * len(grid.index)))
    fig.update_yaxes(autorange="reversed")
    return fig


def hover_text(text: str, width: int = 70) -> str:
    """Corpus text made safe for a plotly hover label: escaped and wrapped.

    Example:
        >>> hover_text("a <b> c")
        'a &lt;b&gt; c'
    """
    return "<br>".join(html.escape(line) for line in textwrap.wrap(str(text), width)) or ""
