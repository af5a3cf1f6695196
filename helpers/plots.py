"""One chart style for the whole course.

Every chart in the course is a plotly figure made here or finished with
:func:`style_figure`, so that all of them:

- use Paul Tol's "muted" palette: nine colours that people with the common
  forms of colour blindness can tell apart (Tol, "Colour Schemes", SRON
  technical note, 2021), so that a chart of the nine loaded-language
  categories needs no colour twice;
- have a title that says what the chart shows (wrapped, and placed below
  plotly's toolbar), labelled axes, whole-number ticks on an axis of counts,
  and a legend below the plot, where long names cannot squeeze it;
- fit the width of the notebook (``autosize``; :data:`CHART_CONFIG` makes them
  follow a change of width) and follow JupyterLab's light or dark theme: the
  background is transparent and :data:`THEME_STYLE` recolours the text and the
  grid in the dark theme;
- show the underlying number, in plain words (and, where there is one, the
  sentence) on hover;
- come with the table behind them: every chart function returns a :class:`Chart`,
  which a notebook shows as the figure with its numbers folded beneath it, and
  whose ``.figure`` and ``.table`` can be used apart.

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

# Paul Tol's "muted" scheme, nine colours safe for colour-blind readers, in the order the course uses them.
PALETTE = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499"]
# A sequential blue scale for heatmaps: one hue, light to dark, readable in greyscale.
SEQUENTIAL = [[0.0, "#f7fbff"], [0.5, "#6baed6"], [1.0, "#08306b"]]
FONT = dict(family="Arial, Helvetica, sans-serif", size=14, color="#222222")
# A title longer than this many characters is wrapped: a chart in a notebook at 1024 px is about 800 px wide.
TITLE_WIDTH = 60
SUBTITLE_WIDTH = 80  # the line under a title is in smaller type
# Where the title starts: below plotly's toolbar (about 30 px), which appears at the top right of a chart.
TITLE_TOP = 34
# plotly draws a title of several lines this much higher than its pad says, and a title of one line this much
# (measured in Chromium, for two lines as for three): place_title adds them to the pad
RAISED_LINES, RAISED_LINE = 18, 4
# The height of a line of the title, and of a row of the legend, in pixels: a chart is made taller by one for each
# line its title wraps to and each row its legend may take, so that the plot between them keeps its height.
TITLE_LINE = 24
SUBTITLE_LINE = 18
LEGEND_ROW = 24
# A legend below the plot takes this many entries a row at the narrowest width the course is read at (1024 px).
LEGEND_PER_ROW = 3
# plotly's options for every chart shown in a notebook: fit the width of the output, no logo, fewer buttons.
CHART_CONFIG = {
    "responsive": True,
    "displaylogo": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines"],
}
# Names of the columns in a chart's hover label, in plain words (others: their name, "_" read as a space).
HOVER_NAMES = {
    "per_1000": "per 1,000 words",
    "doc_freq": "articles using it",
    "count": "uses",
    "n_words": "words in all",
    "hits": "hits",
    "target_count": "uses in the target",
    "reference_count": "uses in the others",
    "g2": "G² (keyness)",
    "p_value": "p-value",
    "log_ratio": "log ratio",
    "log_dice": "log Dice",
    "mi": "MI",
    "term_freq": "uses in the corpus",
    "actor_type": "actor type",
    "mentions": "mentions",
    "share": "share of the actor's mentions",
    "quotations": "quotations",
    "words_quoted": "words quoted",
    "share_of_words": "share of the words quoted",
    "speaker_kind": "speaker kind",
    "days_to_publication": "days from the event to publication",
    "days_to_latest_publication": "days to the latest possible publication",
    "outlet": "outlet",
}
# In JupyterLab's dark theme, chart text and grid lines take the theme's colours (the course's charts have a
# transparent background). Shown once on the page with every course table (helpers.display.STYLE).
THEME_STYLE = """<style>
body[data-jp-theme-light="false"] .js-plotly-plot .main-svg :is(.g-gtitle,.g-xtitle,.g-ytitle,.xtick,.ytick,
 .legendtext,.gtitle-subtitle,.annotation-text,.cbtitle,.cbaxis) text,
body[data-jp-theme-light="false"] .js-plotly-plot .main-svg :is(.legendtext,.annotation-text){
 fill:var(--jp-ui-font-color1,#e0e0e0)!important}
body[data-jp-theme-light="false"] .js-plotly-plot .main-svg .gridlayer path{
 stroke:var(--jp-border-color2,#555)!important}
body[data-jp-theme-light="false"] .js-plotly-plot .main-svg :is(.zerolinelayer path,path.xlines-above,
 path.ylines-above){stroke:var(--jp-border-color1,#888)!important}
</style>"""

# Fits a notebook's standalone charts to their cell when its width changes. plotly's charts fit the window when the
# window changes size, but JupyterLab lays the notebook out again after that, and when that takes long (a slow or
# busy machine) plotly has measured the old width: narrowed from 1400 to 1024 px, the charts stayed 1220 px wide,
# cut off. This script, shown with every chart's table, watches the cell itself, and when a chart's width no longer
# matches its cell's, asks plotly to fit again (at most once in 300 ms, and only while a chart is off: never a loop).
# Explorers do the same for their chart (helpers/explorers/base.py).
FIT_SCRIPT = """<script>
(() => {
  const me = document.currentScript;
  const cell = me && me.closest('.jp-Cell');
  if (!cell || cell.dataset.courseFit) return;
  cell.dataset.courseFit = 'yes';
  let pending = null, last = 0, tries = 0;
  const off = () => [...cell.querySelectorAll('.js-plotly-plot')]
    .filter(plot => !plot.closest('.course-explorer'))
    .filter(plot => {
      const svg = plot.querySelector('.main-svg');
      return svg && plot.offsetWidth > 0 && Math.abs(svg.getBoundingClientRect().width - plot.offsetWidth) >= 2;
    });
  const fit = () => {
    const plots = off();
    if (!plots.length || performance.now() - last < 300) return;
    last = performance.now();
    const resize = window.Plotly && window.Plotly.Plots && window.Plotly.Plots.resize;
    if (resize) plots.forEach(plot => resize(plot));  // plotly measures the chart's box again
    else window.dispatchEvent(new Event('resize'));
    if (tries++ < 5) setTimeout(later, 400);  // a redraw under way may keep the old width: look again, 5 times
  };
  const later = () => { clearTimeout(pending); pending = setTimeout(fit, 100); };
  new ResizeObserver(() => { tries = 0; later(); }).observe(cell);
  // a cell out of view is not laid out: fit its charts when it comes into view
  new IntersectionObserver(() => { tries = 0; later(); }).observe(cell);
})();
</script>"""


def hover_name(column: str) -> str:
    """The name of a column as a chart's hover label says it.

    Example:
        >>> hover_name("per_1000"), hover_name("sentence_id")
        ('per 1,000 words', 'sentence id')
    """
    return HOVER_NAMES.get(column, str(column).replace("_", " "))


def wrap_title(title: str, width: int = TITLE_WIDTH) -> str:
    """A chart title broken into lines of at most ``width`` characters (plotly does not wrap titles).

    Example:
        >>> wrap_title("Words from the loaded-language list, per 1,000 words (a dictionary count)")
        'Words from the loaded-language list, per 1,000 words (a<br>dictionary count)'
    """
    if "<br>" in title or len(title) <= width:
        return title
    return "<br>".join(textwrap.wrap(title, width))


def title_room(title: str) -> int:
    """The top margin a chart's title needs: below the toolbar, a line for each line of the title, and a gap.

    Example:
        >>> title_room("One line"), title_room("Two<br>lines"), title_room("A title<br><sup>and a note</sup>")
        (68, 92, 86)
    """
    lines = title.split("<br>")
    notes = sum(line.startswith("<sup>") for line in lines)
    return TITLE_TOP + TITLE_LINE * (len(lines) - notes) + SUBTITLE_LINE * notes + 10


def place_title(fig: go.Figure) -> None:
    """Put the title's first line :data:`TITLE_TOP` pixels below the top of the chart, below plotly's toolbar,
    and make the top margin as tall as the title, so that no line of it is drawn above the chart or over the plot.

    plotly's own placement (``automargin``) is not used: it places a wrapped title's first line above the chart
    when anchored at the top, over the plot when anchored at the plot, and is not measured at all when a chart is
    first drawn in a cell out of view.

    Example:
        >>> fig = go.Figure(layout=dict(title_text="Two<br>lines"))
        >>> place_title(fig)
        >>> fig.layout.title.pad.t, fig.layout.margin.t
        (52, 92)
    """
    text = fig.layout.title.text or ""
    raised = RAISED_LINES if "<br>" in text else RAISED_LINE
    fig.update_layout(title_pad_t=TITLE_TOP + raised, margin_t=title_room(text))


def add_subtitle(fig: go.Figure, text: str) -> None:
    """A smaller line under a chart's title (wrapped), and the room it takes: the chart is made taller by each line.

    The line is part of the title, so that place_title keeps room for it (plotly's ``title.subtitle`` ran over
    the plot).

    Example:
        >>> fig = style_figure(go.Figure(), "Dates", "x", "y", height=320)
        >>> add_subtitle(fig, "Whisker: the latest day")
        >>> fig.layout.title.text, fig.layout.height
        ('Dates<br><sup>Whisker: the latest day</sup>', 344)
    """
    lines = [f"<sup>{html.escape(line)}</sup>" for line in textwrap.wrap(text, SUBTITLE_WIDTH)]
    fig.update_layout(title_text="<br>".join([fig.layout.title.text or "", *lines]))
    place_title(fig)
    if fig.layout.height:
        fig.update_layout(height=fig.layout.height + TITLE_LINE * len(lines))


def legend_room(entries: int) -> int:
    """The height a legend of ``entries`` entries below the plot may take, with a row to spare.

    Example:
        >>> legend_room(0), legend_room(5), legend_room(9)
        (0, 72, 96)
    """
    return 0 if entries == 0 else LEGEND_ROW * (-(-entries // LEGEND_PER_ROW) + 1)


def style_figure(fig: go.Figure, title: str, x_title: str | None, y_title: str | None, height: int | None = None):
    """Give a figure the course's look: title, axis labels, palette, readable fonts, a legend below the plot.

    Example:
        >>> fig = style_figure(go.Figure(), "A title", "x label", "y label")
        >>> fig.layout.xaxis.title.text, fig.layout.paper_bgcolor
        ('x label', 'rgba(0,0,0,0)')
    """
    if not title:
        raise ValueError("Every course chart needs a title.")
    text = wrap_title(title)
    fig.update_layout(
        # Just above the plot, in a top margin made for its lines (title_room), so below the toolbar. Anchored to the
        # top of the chart instead, plotly draws a wrapped title's first line above the chart; and its automatic
        # margin is not measured when a chart is first drawn in a cell out of view. It starts at the chart's left
        # edge, not the plot's: long labels (articles, words) push the plot to the right, and a title of
        # TITLE_WIDTH characters starting there ran past a chart 600 px wide (the app's column at 1024 px).
        title=dict(
            text=text,
            x=0,
            xanchor="left",
            xref="container",
            pad_l=10,
            yref="container",
            y=1,
            yanchor="top",
            automargin=False,
        ),
        font=FONT,
        colorway=PALETTE,
        template="none",  # explicit styling below: cheaper to build than a full template, and the same everywhere
        autosize=True,
        paper_bgcolor="rgba(0,0,0,0)",  # the notebook's own background shows through, light or dark
        plot_bgcolor="rgba(0,0,0,0)",
        margin=dict(l=10, r=10, b=10),
        hoverlabel=dict(font_size=13),
        legend=dict(
            title_text="",
            orientation="h",
            traceorder="normal",
            x=0,
            xanchor="left",
            yref="container",
            y=0,
            yanchor="bottom",
            bgcolor="rgba(0,0,0,0)",
        ),
    )
    place_title(fig)
    if height:
        fig.update_layout(height=height + TITLE_LINE * text.count("<br>"))
    axes = dict(automargin=True, gridcolor="#E5E5E5", zerolinecolor="#BDBDBD", linecolor="#666666")
    fig.update_xaxes(title_text=x_title, **axes)
    fig.update_yaxes(title_text=y_title, **axes)
    return fig


def whole_number_ticks(fig: go.Figure, axis: str, largest: float) -> None:
    """Ticks at whole numbers only on an axis of counts (no "0.5 mentions"): every number up to 10, else plotly's.

    Example:
        >>> fig = go.Figure()
        >>> whole_number_ticks(fig, "x", 3)
        >>> fig.layout.xaxis.dtick, fig.layout.xaxis.tickformat
        (1, ',d')
    """
    settings = dict(tickformat=",d", rangemode="tozero")
    if largest <= 10:
        settings["dtick"] = 1
    fig.update_layout({f"{axis}axis": settings})


def color_map(values) -> dict:
    """A stable colour for each group, in palette order.

    Example:
        >>> color_map(["b", "a", "b"])
        {'b': '#332288', 'a': '#88CCEE'}
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
    An axis of whole numbers (counts) has whole-number ticks. The chart is as
    tall as its bars need: side-by-side bars of several series get room each.
    """
    hover = hover or []
    fig = go.Figure()
    groups = [(None, table)] if color is None else list(table.groupby(color, sort=False))
    colors = color_map(table[color]) if color else {None: PALETTE[0]}
    value, label = (x, y) if orientation == "h" else (y, x)
    for name, part in groups:
        template = f"<b>%{{{'y' if orientation == 'h' else 'x'}}}</b><br>{hover_name(value)}: "
        template += f"%{{{'x' if orientation == 'h' else 'y'}}}"
        for i, column in enumerate(hover):
            template += f"<br>{hover_name(column)}: %{{customdata[{i}]}}"
        fig.add_trace(
            go.Bar(
                x=part[x].tolist(),
                y=part[y].tolist(),
                name=str(name) if name is not None else value,
                orientation=orientation,
                marker_color=colors[name],
                customdata=part[hover].to_numpy() if hover else None,
                hovertemplate=template + "<extra>" + (html.escape(str(name)) if name is not None else "") + "</extra>",
                showlegend=color is not None,
            )
        )
    labels = table[label].nunique()
    side_by_side = color is not None and barmode == "group"
    per_label = 10 + 9 * len(groups) if side_by_side else 24
    legend = legend_room(len(groups)) if color is not None else 0
    style_figure(fig, title, x_title, y_title, height=max(320, 90 + legend + per_label * labels))
    fig.update_layout(barmode=barmode)
    if pd.api.types.is_integer_dtype(table[value]) and len(table):
        stacked = barmode in ("stack", "relative") and color is not None
        largest = table.groupby(label)[value].sum().max() if stacked else table[value].abs().max()
        whole_number_ticks(fig, "x" if orientation == "h" else "y", largest)
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
            colorbar=dict(title=z_title, tickformat=",d" if pd.api.types.is_integer_dtype(table[z]) else None),
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


class Chart:
    """A chart and the numbers it draws, which a notebook shows together: the figure, then its table, folded.

    Every ``plot_...`` function returns one. ``chart.figure`` is the plotly figure (to change, or to save
    with :func:`helpers.export_chart`, which also takes the chart itself); ``chart.table`` is the table
    of the numbers drawn, the chart's text alternative. Everything else is read from the figure, so
    ``chart.layout.title.text`` and ``chart.data`` work as they do on a figure.

    Example:
        >>> table = pd.DataFrame({"term": ["regime", "people"], "count": [40, 25]})
        >>> chart = Chart(bar_chart(table, "count", "term", "Top words", "Count", "Word"), table)
        >>> chart.layout.title.text, chart.table["count"].tolist()
        ('Top words', [40, 25])
        >>> "The chart's numbers as a table (2 rows)" in chart.table_html()
        True
    """

    def __init__(self, figure: go.Figure, table: pd.DataFrame):
        self.figure = figure
        self.table = table

    def __getattr__(self, name):
        if name.startswith("__") or name in ("figure", "table"):
            raise AttributeError(name)
        return getattr(self.figure, name)

    def __repr__(self) -> str:
        title = (self.figure.layout.title.text or "").replace("<br>", " ")
        return f"<Chart {title!r}: {len(self.table):,} rows drawn; see .figure and .table>"

    def table_html(self) -> str:
        """The chart's numbers as a folded table, in the course's table style."""
        from helpers.display import STYLE, table_html

        rows = f"{len(self.table):,} row{'s' if len(self.table) != 1 else ''}"
        return (
            STYLE
            + THEME_STYLE
            + FIT_SCRIPT
            + f'<details class="course-chart-table"><summary>The chart\'s numbers as a table ({rows})</summary>'
            + table_html(self.table, style=False, short_table=10**9)
            + "</details>"
        )

    def _ipython_display_(self) -> None:
        from IPython.display import HTML, display

        display(self.figure)
        display(HTML(self.table_html()))


def chart_result(figure: go.Figure, table: pd.DataFrame, return_table: bool | None, function: str):
    """What a ``plot_...`` function returns: a :class:`Chart`; with the old ``return_table=True``, the pair
    ``(figure, table)``, with a DeprecationWarning (it works for one more release)."""
    if return_table is not None:
        from helpers.inputs import deprecated

        deprecated(
            f"{function}(): return_table= is no longer needed: the chart it returns shows its numbers, and has "
            f"them as .table (and the figure as .figure)."
        )
        if return_table:
            return figure, table
    return Chart(figure, table)
