"""The explorer framework: one layout for every explorer, controls on top, then the chart, then a table or the text.

An explorer is made of
- ``controls``: ipywidgets (dropdowns, text boxes, sliders) keyed by name;
- ``render``: a function that takes the controls' values as keyword
  arguments and returns a :class:`View` (a figure, a table and/or HTML).

Whenever a control changes, ``render`` runs and the explorer shows the new
view. ``render`` should only filter and format tables computed once when the
explorer was made, so that an update takes milliseconds; a view that is costly to
make is made the first time it is asked for (:class:`Lazy`), so that the explorer opens quickly.
Tables that several explorers need (sentences, tokens, mentions) are made once per corpus and
shared between them (:mod:`helpers.explorers.shared`). If ``render`` raises
``ValueError`` (an empty query, an invalid pattern, ...), its message is shown
instead of a traceback.

On a large corpus, an explorer makes its tables once (it may take seconds)
and finds each article's rows with :func:`rows_by`, so that an update stays
well under 300 ms on 10,000 articles. From :data:`IN_BACKGROUND_FROM` (2,000)
articles on, it shows its title and a progress bar at once and makes those
tables in the background (:func:`made_in_background`, :class:`Preparing`); once shown, it makes each view a
change asks for in the background too (:meth:`Explorer.make_views_in_background`), so that a view made for the
first time, which may take a second or more, never holds up the kernel. With more than :data:`MANY_ARTICLES`
articles, a chart of "all articles" draws a summary (totals, or by outlet:
:func:`summary_column`) rather than one series per article, and says so in
its caption; a table of a very long result may keep its first
:data:`TABLE_LIMIT` rows, its caption saying how many there are in all
(``View.rows_in_all``). On the course corpus nothing of this shows.

When the table under a chart lists something else (hits, sentences), the
chart's own numbers are shown folded under it (``View.chart_table``): the
chart's text alternative.

All corpus text shown as HTML passes through :func:`html.escape` here, in
:func:`table_html`, :func:`highlighted_html` and :func:`hover_text`.

An explorer made on a corpus with no articles shows a message saying so
(:func:`no_articles`), rather than failing.

Example:
    >>> import pandas as pd
    >>> import ipywidgets as w
    >>> table = pd.DataFrame({"word": ["regime", "people", "<script>"], "count": [40, 25, 1]})
    >>> def render(top):
    ...     return View(table=table.head(top))
    >>> explorer = Explorer("Words", {"top": w.IntSlider(value=2, min=1, max=3, description="Top")}, render)
    >>> explorer.table["word"].tolist()
    ['regime', 'people']
    >>> explorer.controls["top"].value = 3
    >>> "&lt;script&gt;" in explorer.output.value, "<script>" in explorer.output.value
    (True, False)
"""

from __future__ import annotations

import functools
import html
import threading
import time
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import anywidget
import ipywidgets as widgets
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from helpers import display
from helpers.plots import CHART_CONFIG, add_subtitle, hover_text  # noqa: F401  (corpus text in a chart's hover label: escaped there)

# An explorer's table shows its first PREVIEW_ROWS rows, and folds the others (up to TABLE_LIMIT) under "Show all".
PREVIEW_ROWS = display.PREVIEW_ROWS
# Above this many articles, a chart of "all articles" draws a summary (totals, or one series per outlet)
# instead of one bar, line or series per article, which would be unreadable and slow to draw.
MANY_ARTICLES = 20
# The most rows an explorer keeps of a very long result (a concordance of a frequent word in a large corpus).
TABLE_LIMIT = 300
# The first choice of every "Article" control.
ALL_ARTICLES = "all articles"
# From this many articles on, an explorer shows its title and a progress bar at once and makes its tables in the
# background (:func:`made_in_background`); below, it is made before it is shown, as on the course corpus.
IN_BACKGROUND_FROM = 2_000
# About how long making an explorer's tables takes, in seconds per 1,000 articles (2 cores): the progress bar
# moves by this estimate, since the analyses report no progress from inside an explorer.
SECONDS_PER_1000 = 1.5


class Lazy(dict):
    """Views (or tables) made when first asked for: ``views[key]`` calls ``make(key)`` the first time, and gives
    the same object after. An explorer opens at once, and pays only for what is looked at.

    Example:
        >>> squares = Lazy(lambda n: n * n)
        >>> squares[4], len(squares)
        (16, 1)
    """

    def __init__(self, make: Callable):
        super().__init__()
        self.make = make

    def __missing__(self, key):
        value = self[key] = self.make(key)
        return value


@dataclass
class View:
    """What an explorer shows after an update.

    ``html`` must already be safe (made with :func:`table_html` or
    :func:`highlighted_html`); ``table`` is escaped when it is shown.
    """

    figure: go.Figure | None = None
    table: pd.DataFrame | None = None
    html: str | None = None
    message: str = ""
    caption: str = ""
    rows_in_all: int | None = None  # when ``table`` holds only the first rows of a longer result: how many in all
    # The bar (an article) that ``figure``, a horizontal bar chart, marks: the others faded, its name in bold
    # (:func:`highlight_bar`). When only the mark changes, the chart shown is changed in place, not drawn again.
    marked: str | None = None
    # The numbers the chart draws, when ``table`` lists something else (hits, sentences): the chart's
    # text alternative, shown folded under it.
    chart_table: pd.DataFrame | None = None


def table_html(
    table: pd.DataFrame,
    caption: str = "",
    max_rows: int | None = None,
    rows_in_all: int | None = None,
    style: bool = True,
) -> str:
    """An explorer's table in the course's one table style (:func:`helpers.display.table_html`).

    Every header and cell is escaped and shown whole; the caption says how many rows there are; a long
    table shows its first :data:`PREVIEW_ROWS` rows and folds the others, up to ``max_rows`` (by
    default :data:`TABLE_LIMIT`). ``rows_in_all`` is the number of rows of the whole result when
    ``table`` holds only its first rows; the caption then says how many there are in all.

    Example:
        >>> table_html(pd.DataFrame({"a": ["<b>"]}), caption="Example", style=False)[:109]
        '<div class="course-scroll"><table class="course-table"><caption>Example (1 row)</caption><thead><tr><th scope'
        >>> ">&lt;b&gt;</td>" in table_html(pd.DataFrame({"a": ["<b>"]}))
        True
        >>> "first 3 of 5,000 rows" in table_html(pd.DataFrame({"a": range(3)}), caption="Hits", rows_in_all=5000)
        True
    """
    return display.table_html(
        table,
        caption=caption,
        max_rows=TABLE_LIMIT if max_rows is None else max_rows,
        rows_in_all=rows_in_all,
        missing="",
        style=style,
    )


def highlighted_html(text: str, spans, label: str = "", show_labels: bool = False) -> str:
    """Escape ``text`` and wrap each span in ``<mark>``; paragraphs become ``<p>``.

    ``spans`` holds ``(start, end)`` or ``(start, end, label)`` tuples; a
    label becomes the mark's tooltip (``label`` is the default for all) and,
    with ``show_labels=True``, is also written after the mark in brackets, so
    it can be read without a mouse.
    Overlapping spans are skipped after the first.

    Example:
        >>> highlighted_html("The <regime> said.", [(4, 12)])
        '<div class="course-text"><p>The <mark>&lt;regime&gt;</mark> said.</p></div>'
    """
    pieces, position = [], 0
    for span in sorted(spans):
        start, end = span[0], span[1]
        tip = span[2] if len(span) > 2 else label
        if start < position:
            continue
        pieces.append(html.escape(text[position:start]))
        title = f' title="{html.escape(tip)}"' if tip else ""
        pieces.append(f"<mark{title}>{html.escape(text[start:end])}</mark>")
        if show_labels and tip:
            pieces.append(f' <small class="course-label">[{html.escape(tip)}]</small>')
        position = end
    pieces.append(html.escape(text[position:]))
    body = "".join(pieces)
    paragraphs = "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in body.split("\n\n") if p.strip())
    return f'<div class="course-text">{paragraphs}</div>'


def highlight_bar(figure: go.Figure, label: str) -> go.Figure:
    """A copy of a horizontal bar chart with the bars of ``label`` (an article) marked: the others faded, its
    name in bold and named in the title. The figure is returned as it is when no bar has that label.

    An explorer marks the chart it shows in place instead (``View.marked``), changing only these.

    Example:
        >>> from helpers.plots import bar_chart
        >>> table = pd.DataFrame({"doc_id": ["a", "b"], "words": [3, 4]})
        >>> fig = highlight_bar(bar_chart(table, "words", "doc_id", "Length", "Words", "Article"), "b")
        >>> list(fig.data[0].marker.opacity), list(fig.layout.yaxis.ticktext)
        ([0.3, 1.0], ['a', '<b>b</b>'])
    """
    marks = _bar_marks(figure, label)
    if marks is None:
        return figure
    opacities, layout = marks
    marked = go.Figure(figure)
    for trace, opacity in zip(marked.data, opacities):
        trace.marker.opacity = opacity
    marked.update_layout(layout)
    return marked


def _bar_marks(figure: go.Figure, label: str) -> tuple[list, dict] | None:
    """What marking the bars of ``label`` changes in a horizontal bar chart (:func:`highlight_bar`): the opacity of
    each trace's bars, and the layout's y axis, title, top margin and height; None when no bar has that label."""
    labels = [str(y) for trace in figure.data for y in (trace.y if trace.y is not None else ())]
    if label not in labels:
        return None
    opacities = [[1.0 if str(y) == label else 0.3 for y in trace.y] for trace in figure.data]
    order = list(figure.layout.yaxis.categoryarray or dict.fromkeys(labels))
    ticks = [f"<b>{html.escape(str(y))}</b>" if str(y) == label else html.escape(str(y)) for y in order]
    # the title's lines, and the room they take, from the title alone (copying the whole figure is what is slow)
    titled = go.Figure(layout=_title_part(figure))
    add_subtitle(titled, f"{label} in bold, the others faded")
    layout = {"yaxis": {"tickmode": "array", "tickvals": order, "ticktext": ticks}, **_title_part(titled)}
    return opacities, layout


def _title_part(figure: go.Figure) -> dict:
    """The parts of a chart's layout that its title's lines change: the title, the top margin, the height."""
    layout = figure.layout
    return {"title": layout.title.to_plotly_json(), "margin": layout.margin.to_plotly_json(), "height": layout.height}


def _mark_in_place(shown: go.FigureWidget, figure: go.Figure, label: str | None) -> None:
    """Mark the bars of ``label`` in ``shown``, which draws ``figure`` (as :func:`highlight_bar` would, but changing
    only the opacities, the y axis and the title), or take the marks away (``label`` None, or not a bar of it)."""
    made = figure.__dict__.setdefault("_course_marks", {})  # the marks of each label, worked out once per figure
    if label not in made:
        made[label] = _bar_marks(figure, label) if label is not None else None
    marks = made[label]
    if marks is None:
        axis = figure.layout.yaxis
        opacities = [trace.marker.opacity for trace in figure.data]
        ticks = {"tickmode": axis.tickmode, "tickvals": axis.tickvals, "ticktext": axis.ticktext}
        marks = opacities, {"yaxis": ticks, **_title_part(figure)}
    opacities, layout = marks
    with shown.batch_update():
        for trace, opacity in zip(shown.data, opacities):
            trace.marker.opacity = opacity
        shown.layout.title, shown.layout.margin = layout["title"], layout["margin"]
        shown.layout.update(height=layout["height"], yaxis=layout["yaxis"])


def many_articles(docs: pd.DataFrame) -> bool:
    """Whether a corpus has too many articles to draw one series (or bar) per article: more than MANY_ARTICLES.

    Example:
        >>> many_articles(pd.DataFrame({"doc_id": ["a", "b"]}))
        False
    """
    return len(docs) > MANY_ARTICLES


def summary_column(docs: pd.DataFrame) -> str | None:
    """The column a chart of many articles is summarised by: ``outlet`` when the articles have one and
    at most MANY_ARTICLES outlets, else None (the chart shows totals over all articles).

    Example:
        >>> summary_column(pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"]}))
        'outlet'
    """
    if "outlet" in docs.columns and 0 < docs["outlet"].nunique() <= MANY_ARTICLES:
        return "outlet"
    return None


def rows_by(*columns) -> dict:
    """The positions of the rows of each value (or each combination of values of several columns), found once.

    Explorers use it to select one article's rows from a table of millions of rows by a dictionary
    look-up, rather than by comparing every row on every change. Positions are in increasing order;
    missing values are left out.

    Example:
        >>> rows = rows_by(pd.Series(["b", "a", "b"]))
        >>> rows["b"].tolist(), rows["a"].tolist()
        ([0, 2], [1])
        >>> rows_by(pd.Series(["b", "a", "b"]), pd.Series([1, 1, 2]))[("b", 2)].tolist()
        [2]
    """
    if len(columns) == 1:
        codes, uniques = pd.factorize(pd.Series(columns[0]).reset_index(drop=True))
        codes, uniques = np.asarray(codes), list(uniques)
    else:  # each column's codes, combined into one number per row: no tuple made for each row
        combined, levels = np.zeros(len(columns[0]), dtype=np.int64), []
        for column in columns:
            own, distinct = pd.factorize(pd.Series(column).reset_index(drop=True))
            combined = np.where((combined < 0) | (own < 0), -1, combined * len(distinct) + own)
            levels.append(np.asarray(distinct, dtype=object))
        codes, known = np.full(len(combined), -1, dtype=np.int64), combined >= 0
        codes[known], numbers = pd.factorize(combined[known])
        parts = []
        for distinct in reversed(levels):
            numbers, own = np.divmod(numbers, len(distinct))
            parts.append(distinct[own])
        uniques = list(zip(*reversed(parts)))
    order = np.argsort(codes, kind="stable")
    counts = np.bincount(codes[codes >= 0], minlength=len(uniques))
    order = order[len(codes) - int(counts.sum()) :]  # missing values (code -1) sort first
    return _Rows(uniques, order, np.concatenate([[0], np.cumsum(counts)]))


class _Rows(Mapping):
    """The rows of each value (:func:`rows_by`): the positions of a value's rows are cut out of one array of
    positions when asked for, rather than an array made for each of (perhaps) millions of values at once."""

    def __init__(self, values: list, order: np.ndarray, bounds: np.ndarray):
        self._number = dict(zip(values, range(len(values))))
        self._order, self._bounds = order, bounds

    def __getitem__(self, value) -> np.ndarray:
        number = self._number[value]
        return self._order[self._bounds[number] : self._bounds[number + 1]]

    def __iter__(self):
        return iter(self._number)

    def __len__(self) -> int:
        return len(self._number)


# The page-wide style of explorers: the chart fills the width of its box (plotly would keep its first width, 700 px).
EXPLORER_STYLE = """<style>
.course-explorer .course-figure{display:block;width:100%;min-width:0}
.course-explorer .course-figure>*{width:100%;min-width:0;max-width:100%}
.course-explorer .course-message{margin:0.3em 0;padding:0.3em 0.6em;
 border-left:4px solid var(--jp-brand-color1,#1976d2);background:var(--jp-layout-color2,#eeeeee)}
</style>"""


class _KeyboardFriendly(anywidget.AnyWidget):
    """An invisible helper inside every explorer that makes its controls work from the keyboard and with a screen
    reader, and keeps its chart as wide as the notebook.

    - JupyterLab reads keys typed in a notebook as its own shortcuts (ArrowDown moves to the next cell, "b"
      inserts one), even when a dropdown has the focus. Marking a control with ``data-lm-suppress-shortcuts``
      tells JupyterLab to leave its keys alone, so a dropdown or a slider can be changed with the arrow keys.
    - A slider's handle is what the keyboard moves, but ipywidgets does not tie the slider's visible label to
      it; the helper gives each handle that label as its accessible name (``aria-label``), "from" and "to"
      for the two handles of a range.
    - plotly draws an explorer's chart at the width its box has when it is first drawn; when the box changes
      width (the window is resized, a side panel opens), the helper asks plotly to fit the chart again.
    """

    _esm = """
    export default {
      render({ el }) {
        let tries = 0;
        const attach = () => {
          const root = el.closest(".course-explorer");
          if (!root) {
            if (tries++ < 100) setTimeout(attach, 100);
            return;
          }
          const mark = () => {
            root.querySelectorAll("select, input, textarea, .noUi-handle").forEach((node) => {
              if (!node.hasAttribute("data-lm-suppress-shortcuts")) {
                node.setAttribute("data-lm-suppress-shortcuts", "true");
              }
            });
            root.querySelectorAll(".widget-slider, .widget-hslider").forEach((slider) => {
              const label = slider.querySelector(".widget-label");
              const name = label ? label.textContent.replace(/\u200b/g, "").trim() : "";
              const handles = slider.querySelectorAll(".noUi-handle");
              handles.forEach((handle, i) => {
                const wanted = handles.length > 1 ? `${name}, ${i === 0 ? "from" : "to"}` : name;
                if (name && handle.getAttribute("aria-label") !== wanted) handle.setAttribute("aria-label", wanted);
              });
            });
          };
          mark();
          new MutationObserver(mark).observe(root, { childList: true, subtree: true });
          let pending = null, last = 0, looks = 0;  // not "tries": that name, declared here, would hide the one above
          const fit = () => {
            const box = root.querySelector(".course-figure");
            const width = box ? box.offsetWidth : 0;
            if (!width || performance.now() - last < 300) return;  // at most one fit in 300 ms: never a loop
            const plot = box.querySelector(".js-plotly-plot");
            const drawn = plot && plot.querySelector(".main-svg");
            if (!drawn || Math.abs(drawn.getBoundingClientRect().width - width) < 2) return;
            // plotly keeps the width it first drew at (and, after an update, writes it into the chart's layout):
            // give it the width of the box
            last = performance.now();
            if (window.Plotly && window.Plotly.relayout) {
              // no fixed width: plotly sizes the chart to its box (a width written into the layout would reach Python
              // and come back as the chart's width after the next change of window size)
              window.Plotly.relayout(plot, { width: null, autosize: true });
            } else {
              if (plot.layout && plot.layout.width) delete plot.layout.width;
              window.dispatchEvent(new Event("resize"));  // plotly's responsive charts fit their box again
            }
            if (looks++ < 5) setTimeout(later, 400);  // a redraw under way may keep the old width: look again
          };
          const later = () => { clearTimeout(pending); pending = setTimeout(fit, 60); };
          new ResizeObserver(() => { looks = 0; later(); }).observe(root);
          new MutationObserver(later).observe(root, { childList: true, subtree: true });
          // a cell out of view is not laid out (content-visibility): fit its chart when it comes into view
          new IntersectionObserver(later).observe(root);
        };
        attach();
      },
    };
    """


class Explorer(widgets.VBox):
    """Controls, then the chart, then a table or text: the one layout of every explorer.

    Attributes for tests and notebooks: ``controls`` (dict of widgets),
    ``figure`` (a plotly ``FigureWidget``), ``output`` (the HTML widget below
    the chart), ``table`` (the DataFrame shown, or None), ``chart_table`` (the
    chart's numbers as a table, when ``table`` lists something else), ``message`` (the
    text shown when there is nothing to show) and ``last_update_ms`` (from the change of a control to its view
    shown).

    An explorer of a large corpus (made by :class:`Preparing`) makes the view a change asks for in a thread of its
    own (:meth:`make_views_in_background`): the kernel stays free meanwhile, for the rest of the notebook or the
    other panels of the app, and changes made while a view is made are taken together, the latest shown.
    ``table``, ``chart_table`` and ``message`` then wait for the view under way; :meth:`wait` waits for it too,
    before ``figure`` or ``output`` is read.
    """

    def __init__(
        self,
        title: str,
        controls: dict[str, widgets.Widget],
        render: Callable[..., View],
        note: str = "",
    ):
        self.controls = controls
        self.render = render
        self._table: pd.DataFrame | None = None
        self._chart_table: pd.DataFrame | None = None
        self._message = ""
        self.last_update_ms = 0.0
        # Views made in a thread of their own (make_views_in_background): the latest change asked for and when, and
        # whether a view is being made (``_idle`` is clear meanwhile).
        self._in_background = False
        self._lock = threading.Lock()
        self._idle = threading.Event()
        self._idle.set()
        self._asked: tuple | None = None
        self._maker: threading.Thread | None = None
        self.figure = go.FigureWidget()
        self.figure._config = dict(CHART_CONFIG)
        self.status = widgets.HTML()
        self.output = widgets.HTML()
        header = widgets.HTML(
            EXPLORER_STYLE + f"<h3>{html.escape(title)}</h3>" + (f"<p>{html.escape(note)}</p>" if note else ""),
        )
        control_box = widgets.HBox(list(controls.values()), layout=widgets.Layout(flex_flow="row wrap"))
        self._figure_box = widgets.Box([self.figure], layout=widgets.Layout(width="100%"))
        self._figure_box.add_class("course-figure")
        super().__init__([header, control_box, self.status, self._figure_box, self.output, _KeyboardFriendly()])
        self.add_class("course-explorer")
        self._shown = None  # what the last update showed, to tell when a change of a control changes nothing
        # The figure drawn in ``self.figure``, and the bar marked in it (View.marked): a view with the same figure
        # changes only the marks, in place, rather than drawing the chart again.
        self._drawn: go.Figure | None = None
        self._marked: str | None = None
        self._chart_numbers: tuple = (None, "")  # the chart's numbers (View.chart_table), and their table as HTML
        for control in controls.values():
            control.observe(self._on_change, names="value")
        self.update()

    def wait(self, timeout: float | None = None) -> Explorer:
        """The explorer, with the view last asked for shown: at once, unless the explorer makes its views in the
        background (:meth:`make_views_in_background`) and one is being made."""
        if not self._idle.wait(timeout):
            raise TimeoutError(f"The view was not made within {timeout} s.")
        return self

    @property
    def table(self) -> pd.DataFrame | None:
        """The table shown (once the view under way, if any, is shown)."""
        return self._shown_part("_table")

    @property
    def chart_table(self) -> pd.DataFrame | None:
        """The chart's numbers, when the table shown lists something else (once the view under way is shown)."""
        return self._shown_part("_chart_table")

    @property
    def message(self) -> str:
        """The message shown instead of a view, or "" (once the view under way is shown)."""
        return self._shown_part("_message")

    def _shown_part(self, name: str):
        if threading.current_thread() is not self._maker:  # the thread making the view reads what it has shown
            self._idle.wait()
        return getattr(self, name)

    def values(self) -> dict:
        """The current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def make_views_in_background(self) -> Explorer:
        """From now on, make the view a change of a control asks for in a thread of its own, and show it from
        there (:class:`Preparing` does this for an explorer of a large corpus, where a view made for the first time
        may take seconds). The kernel answers meanwhile; changes made while a view is made wait for it, and only
        the latest of them is made next.

        Example:
            >>> import ipywidgets as w
            >>> table = pd.DataFrame({"n": range(5)})
            >>> explorer = Explorer("Numbers", {"top": w.IntSlider(value=1, min=1, max=5)}, lambda top: View(
            ...     table=table.head(top))).make_views_in_background()
            >>> explorer.controls["top"].value = 3
            >>> len(explorer.table)  # waits for the view being made
            3
        """
        self._in_background = True
        return self

    def _on_change(self, change) -> None:
        self.update(changed=change)

    def update(self, changed=None) -> None:
        """Render the view for the current control values and show it (or, for an explorer that makes its views
        in the background, start making it and return).

        ``changed`` is the change of a control that asked for the update: when the view it gives is the
        same as before, the status line says so, rather than leaving the learner to wonder.
        """
        if not self._in_background:
            self._update_now(changed, time.perf_counter())
            return
        with self._lock:
            self._asked = (changed, time.perf_counter())
            if not self._idle.is_set():
                return  # the thread making a view makes this one next
            self._idle.clear()
            self._maker = threading.Thread(target=self._make_views, daemon=True)
            self._maker.start()

    def _make_views(self) -> None:
        """The thread of an explorer that makes its views in the background: the latest change asked for, made and
        shown, until none is left. A view asked for again while it was made is not shown, the later one is."""
        while True:
            with self._lock:
                if self._asked is None:
                    self._idle.set()
                    return
                (changed, asked_at), self._asked = self._asked, None
            try:
                view = self._made_view()
            except Exception as problem:  # noqa: BLE001 - shown in the status line; there is no cell to show it in
                traceback.print_exc()
                view = View(message=f"This view could not be made: {problem}")
            with self._lock:
                if self._asked is not None:
                    continue  # the controls changed meanwhile: their view is made next, this one is not shown
            self._show(view, changed)
            self.last_update_ms = (time.perf_counter() - asked_at) * 1000

    def _update_now(self, changed, started: float) -> None:
        self._show(self._made_view(), changed)
        self.last_update_ms = (time.perf_counter() - started) * 1000

    def _made_view(self) -> View:
        """The view of the controls' current values (a message for a ValueError)."""
        note = _SlowViewNote(self.status)  # a view that takes long (made the first time it is asked for) says so
        try:
            return self.render(**self.values())
        except ValueError as error:
            return View(message=str(error))
        finally:
            note.stop()

    def _show(self, view: View, changed=None) -> None:
        self._table, self._chart_table = view.table, view.chart_table
        parts = []
        if view.figure is not None and view.chart_table is not None:
            if self._chart_numbers[0] is not view.chart_table:  # the same chart's numbers are written once
                drawn = table_html(view.chart_table, max_rows=TABLE_LIMIT, style=False)
                self._chart_numbers = (
                    view.chart_table,
                    f"<details><summary>The chart's numbers as a table ({len(view.chart_table):,} rows)</summary>"
                    f"{drawn}</details>",
                )
            parts.append(self._chart_numbers[1])
        if view.table is not None:
            parts.append(table_html(view.table, caption=view.caption, rows_in_all=view.rows_in_all, style=False))
        if view.html:
            parts.append(view.html)
        output = display.STYLE + "".join(parts) if parts else ""
        shown = (output, None if view.figure is None else (_figure_json(view.figure), view.marked))
        message = view.message
        if changed is not None and shown == self._shown and not message:
            what = getattr(changed.get("owner"), "description", "") or "the control"
            message = (
                f"Nothing changed: with {what} set to {_value_text(changed.get('new'))} the result is the same "
                "as before."
            )
        self._shown = shown
        self._message = message
        self.status.value = f'<p class="course-message" role="status">{html.escape(message)}</p>' if message else ""
        if view.figure is not self._drawn:  # a chart other than the one shown: drawn anew
            self.figure.data = ()
            if view.figure is not None:
                with self.figure.batch_update():
                    self.figure.add_traces(list(view.figure.data))
                    self.figure.layout = view.figure.layout
            self._drawn, self._marked = view.figure, None
        if view.figure is not None and view.marked != self._marked:  # the same chart, another bar marked: in place
            _mark_in_place(self.figure, view.figure, view.marked)
            self._marked = view.marked
        self._figure_box.layout.display = None if view.figure is not None else "none"
        self.output.value = output


def _figure_json(figure: go.Figure) -> str:
    """The figure as JSON, made once for each figure: explorers keep their charts and show them again unchanged."""
    made = getattr(figure, "_course_json", None)
    if made is None:
        made = figure._course_json = figure.to_json()
    return made


# A view that takes longer than this to make shows a note with the seconds it has taken, until it is shown.
SLOW_VIEW_SECONDS = 0.5


class _SlowViewNote:
    """While a view is made: after SLOW_VIEW_SECONDS, the explorer's status line says that it is being made and
    for how long (from a thread of its own, since the kernel is busy making it); nothing for a quick view."""

    def __init__(self, status: widgets.HTML):
        self.status, self.started, self.done = status, time.perf_counter(), threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        wait = SLOW_VIEW_SECONDS
        while not self.done.wait(wait):
            seconds = time.perf_counter() - self.started
            self.status.value = (
                f'<p class="course-message" role="status">Making this view ({seconds:,.0f} s): it is made the '
                "first time it is asked for, and shown at once after that.</p>"
            )
            wait = 1.0

    def stop(self) -> None:
        self.done.set()
        self.thread.join()


class Preparing(widgets.VBox):
    """An explorer of a large corpus while its tables are made: its title and a progress bar at once, then, in the
    same place, the explorer itself (:func:`made_in_background`).

    Once made, it is the explorer: ``controls``, ``table``, ``figure``, ``output``... are the explorer's; asking
    for one of them before waits until it is made, and :meth:`wait` returns the explorer. A problem (a table
    given that does not fit the articles, ...) is shown in its place, and raised by :meth:`wait`.
    """

    def __init__(self, title: str, make: Callable[[], Explorer], estimate: float):
        self._explorer: Explorer | None = None
        self._problem: BaseException | None = None
        self._done = threading.Event()
        self._started = time.perf_counter()
        self._estimate = max(estimate, 1.0)
        self._bar = widgets.IntProgress(value=0, min=0, max=100, description="", layout=widgets.Layout(width="16em"))
        self._label = widgets.HTML()
        self._say_progress()
        header = widgets.HTML(EXPLORER_STYLE + f"<h3>{html.escape(title)}</h3>")
        status = widgets.HBox([self._bar, self._label], layout=widgets.Layout(align_items="center"))
        super().__init__([header, status])
        self.add_class("course-explorer")
        threading.Thread(target=self._make, args=(make,), daemon=True).start()
        threading.Thread(target=self._tick, daemon=True).start()
        threading.Thread(target=_import_chart_widget, daemon=True).start()

    def _say_progress(self) -> None:
        elapsed = time.perf_counter() - self._started
        left = self._estimate - elapsed
        about = f", about {left:,.0f} s left" if left >= 1 else ""
        self._bar.value = int(min(elapsed / self._estimate, 0.95) * 100)
        self._label.value = (
            f'<span role="status">Making the tables this explorer shows ({elapsed:,.0f} s{about}). '
            "The rest of the notebook can be used meanwhile.</span>"
        )

    def _tick(self) -> None:
        while not self._done.wait(0.5):
            self._say_progress()

    def _make(self, make: Callable[[], Explorer]) -> None:
        try:
            explorer = make()
        except Exception as problem:  # noqa: BLE001 - shown in the explorer's place, and raised by wait()
            self._problem = problem
            self.children = [
                self.children[0],
                widgets.HTML(f'<p class="course-message" role="status">{html.escape(str(problem))}</p>'),
            ]
        else:
            # from now on a change of a control is made into a view off the kernel's main thread: on a large corpus a
            # view made for the first time may take seconds, and the kernel answers meanwhile
            self._explorer = explorer.make_views_in_background()
            self.children = list(explorer.children)  # the explorer's own widgets, shown here
        finally:
            self._done.set()

    @property
    def ready(self) -> bool:
        """Whether the explorer has been made (or could not be)."""
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> Explorer:
        """The explorer, once made (waiting for it); the problem that stopped it, raised."""
        if not self._done.wait(timeout):
            raise TimeoutError(f"The explorer was not made within {timeout} s.")
        if self._problem is not None:
            raise self._problem
        return self._explorer

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.wait(), name)


def _import_chart_widget() -> None:
    """Import plotly's FigureWidget, which the explorer's chart is: the first import in a session takes seconds
    (it brings nbformat and jsonschema), and done here it takes them while the tables are made, mostly in worker
    processes, rather than after."""
    go.FigureWidget  # noqa: B018  (plotly imports it when first asked for)


def made_in_background(title: str):
    """Make an explorer function show its title and a progress bar at once on a corpus of
    :data:`IN_BACKGROUND_FROM` articles or more, and make the explorer's tables in the background
    (:class:`Preparing`); below that size the explorer is made before it is returned, as before.

    The tables are the ones shared between explorers (:mod:`helpers.explorers.shared`), made once: the second
    explorer opened on the same corpus finds most of them made.

    Example:
        >>> @made_in_background("Lengths")
        ... def explore_lengths(docs):
        ...     return Explorer("Lengths", {}, lambda: View(table=docs))
        >>> explore_lengths(pd.DataFrame({"doc_id": ["a"]})).wait().table.doc_id.tolist()
        ['a']
    """

    def decorate(function: Callable[..., Explorer]) -> Callable[..., Explorer]:
        @functools.wraps(function)
        def explorer(docs, *args, **kwargs):
            if not isinstance(docs, pd.DataFrame) or len(docs) < IN_BACKGROUND_FROM:
                return function(docs, *args, **kwargs)
            estimate = SECONDS_PER_1000 * len(docs) / 1000
            return Preparing(title, lambda: function(docs, *args, **kwargs), estimate)

        return explorer

    return decorate


def _value_text(value) -> str:
    if isinstance(value, tuple):
        return "–".join(str(v) for v in value)
    return repr(value) if isinstance(value, str) else str(value)


def article_options(docs: pd.DataFrame) -> list[str]:
    """The choices of an explorer's "Article" control: all articles, then each article.

    Example:
        >>> article_options(pd.DataFrame({"doc_id": ["a", "b"]}))
        ['all articles', 'a', 'b']
    """
    return [ALL_ARTICLES, *map(str, docs["doc_id"])]


def no_articles(title: str) -> Explorer:
    """The explorer shown for a corpus with no articles: its title and a message, no controls.

    Example:
        >>> no_articles("Key words").message
        'The corpus has no articles. Load one with load_corpus() and make the explorer again.'
    """

    def render():
        return View(message="The corpus has no articles. Load one with load_corpus() and make the explorer again.")

    return Explorer(title, {}, render)
