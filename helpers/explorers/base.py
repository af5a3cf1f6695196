"""The explorer framework: one layout for every explorer, controls on top, then the chart, then a table or the text.

An explorer is made of
- ``controls``: ipywidgets (dropdowns, text boxes, sliders) keyed by name;
- ``render``: a function that takes the controls' values as keyword
  arguments and returns a :class:`View` (a figure, a table and/or HTML).

Whenever a control changes, ``render`` runs and the explorer shows the new
view. ``render`` should only filter and format tables computed once when the
explorer was made, so that an update takes milliseconds. If ``render`` raises
``ValueError`` (an empty query, an invalid pattern, ...), its message is shown
instead of a traceback.

On a large corpus, an explorer makes its tables once (it may take seconds)
and finds each article's rows with :func:`rows_by`, so that an update stays
well under 300 ms on 10,000 articles. With more than :data:`MANY_ARTICLES`
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

import html
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass

import anywidget
import ipywidgets as widgets
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from helpers.plots import hover_text  # noqa: F401  (corpus text in a chart's hover label: escaped there)

MAX_TABLE_ROWS = 30
EXPLORER_TITLE_WIDTH = 60
# Above this many articles, a chart of "all articles" draws a summary (totals, or one series per outlet)
# instead of one bar, line or series per article, which would be unreadable and slow to draw.
MANY_ARTICLES = 20
# The most rows an explorer keeps of a very long result (a concordance of a frequent word in a large corpus).
TABLE_LIMIT = 300
# The first choice of every "Article" control.
ALL_ARTICLES = "all articles"


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
    # The numbers the chart draws, when ``table`` lists something else (hits, sentences): the chart's
    # text alternative, shown folded under it.
    chart_table: pd.DataFrame | None = None


def _format(value) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}".rstrip("0").rstrip(".") if pd.notna(value) else ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if pd.notna(value) else ""
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def table_html(
    table: pd.DataFrame, caption: str = "", max_rows: int = MAX_TABLE_ROWS, rows_in_all: int | None = None
) -> str:
    """An HTML table with every header and cell escaped, and a caption saying how many rows are shown.

    ``rows_in_all`` is the number of rows of the whole result when ``table``
    holds only its first rows; the caption then says how many there are in all.

    Example:
        >>> table_html(pd.DataFrame({"a": ["<b>"]}), caption="Example")[:83]
        '<table class="course-table"><caption>Example (1 row)</caption><thead><tr><th>a</th>'
        >>> "<td>&lt;b&gt;</td>" in table_html(pd.DataFrame({"a": ["<b>"]}))
        True
        >>> table_html(pd.DataFrame({"a": range(3)}), rows_in_all=5000)[:67]
        '<table class="course-table"><caption>first 3 of 5000 rows</caption>'
    """
    shown = table.head(max_rows)
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_format(v))}</td>" for v in row) + "</tr>"
        for row in shown.itertuples(index=False)
    )
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in shown.columns)
    total = len(table) if rows_in_all is None else max(rows_in_all, len(table))
    if total == len(shown):
        count = f"{total} row{'s' if total != 1 else ''}"
    else:
        count = f"first {len(shown)} of {total} rows"
    caption_text = f"{caption} ({count})" if caption else count
    return (
        f'<table class="course-table"><caption>{html.escape(caption_text)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
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
    else:
        codes, uniques = pd.MultiIndex.from_arrays([pd.Series(c).to_numpy() for c in columns]).factorize()
    codes, uniques = np.asarray(codes), list(uniques)
    order = np.argsort(codes, kind="stable")
    counts = np.bincount(codes[codes >= 0], minlength=len(uniques))
    order = order[len(codes) - int(counts.sum()) :]  # missing values (code -1) sort first
    return dict(zip(uniques, np.split(order, np.cumsum(counts)[:-1]))) if len(uniques) else {}


class _KeyboardFriendly(anywidget.AnyWidget):
    """An invisible helper inside every explorer that lets its controls keep the keys they need.

    JupyterLab reads keys typed in a notebook as its own shortcuts (ArrowDown
    moves to the next cell, "b" inserts one), even when a dropdown has the
    focus. Marking a control with ``data-lm-suppress-shortcuts`` tells
    JupyterLab to leave its keys alone, so a dropdown can be changed with the
    arrow keys or by typing, as anywhere else on the web.
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
          const mark = () =>
            root.querySelectorAll("select, input, textarea, .noUi-handle").forEach((node) =>
              node.setAttribute("data-lm-suppress-shortcuts", "true"));
          mark();
          new MutationObserver(mark).observe(root, { childList: true, subtree: true });
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
    text shown when there is nothing to show) and ``last_update_ms``.
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
        self.table: pd.DataFrame | None = None
        self.chart_table: pd.DataFrame | None = None
        self.message = ""
        self.last_update_ms = 0.0
        self.figure = go.FigureWidget()
        self.status = widgets.HTML()
        self.output = widgets.HTML()
        header = widgets.HTML(
            f"<h3>{html.escape(title)}</h3>" + (f"<p>{html.escape(note)}</p>" if note else ""),
        )
        control_box = widgets.HBox(list(controls.values()), layout=widgets.Layout(flex_flow="row wrap"))
        self._figure_box = widgets.Box([self.figure])
        super().__init__([header, control_box, self.status, self._figure_box, self.output, _KeyboardFriendly()])
        self.add_class("course-explorer")
        for control in controls.values():
            control.observe(self._on_change, names="value")
        self.update()

    def values(self) -> dict:
        """The current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def _on_change(self, _change) -> None:
        self.update()

    def update(self) -> None:
        """Render the view for the current control values and show it."""
        started = time.perf_counter()
        try:
            view = self.render(**self.values())
        except ValueError as error:
            view = View(message=str(error))
        self._show(view)
        self.last_update_ms = (time.perf_counter() - started) * 1000

    def _show(self, view: View) -> None:
        self.message = view.message
        self.status.value = (
            f'<p class="course-message" role="status">{html.escape(view.message)}</p>' if view.message else ""
        )
        self.table, self.chart_table = view.table, view.chart_table
        self.figure.data = ()
        if view.figure is not None:
            with self.figure.batch_update():
                self.figure.add_traces(list(view.figure.data))
                self.figure.layout = view.figure.layout
                title = view.figure.layout.title.text or ""
                if len(title) > EXPLORER_TITLE_WIDTH and "<br>" not in title:
                    # an explorer's chart is narrower than a cell: wrap a long title rather than cut it off
                    lines = textwrap.wrap(title, EXPLORER_TITLE_WIDTH)
                    self.figure.layout.title.text = "<br>".join(lines)
                    top = (view.figure.layout.margin.t or 60) + 20 * (len(lines) - 1)
                    self.figure.layout.margin.t = top
        self._figure_box.layout.display = None if view.figure is not None else "none"
        parts = []
        if view.figure is not None and view.chart_table is not None:
            drawn = table_html(view.chart_table, max_rows=TABLE_LIMIT)
            parts.append(f"<details><summary>The chart's numbers as a table</summary>{drawn}</details>")
        if view.table is not None:
            parts.append(table_html(view.table, caption=view.caption, rows_in_all=view.rows_in_all))
        if view.html:
            parts.append(view.html)
        self.output.value = "".join(parts)


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
