"""Small widgets the app needs in the browser: clickable table rows, downloads made in one click, a signal
that the page has been drawn, and charts kept as wide as their column.

All four are anywidgets (JavaScript written here, no download of anything): anywidget is already in
the learners' environment for plotly's FigureWidget and the explorers.

- :class:`RowPicker` sits inside a panel and makes the rows of its tables choosable, with the mouse
  or the keyboard (Tab reaches the first row of a table, the arrow keys move between rows, Enter or
  Space chooses one). It sends the chosen row's column names and cell texts to Python, which decides
  what the row means. Only tables with one of the ``columns`` named in their header are made
  choosable. The explorers show their tables as HTML, so the rows are found in the page; the
  library could offer a "row chosen" event instead (see the app's notes in README.md).
- :class:`DownloadButton` asks Python for a file when it is clicked and hands it to the browser as a
  download, so that a table or a chart is saved where the user's browser saves files (on Binder
  too), without leaving a copy on the server.
- :class:`PageShown` tells Python when the browser has drawn the page (see its docstring).
- :class:`ChartFitter` keeps the charts that are not in an explorer (the overview's) as wide as their column.
- :func:`chart_module` draws each chart once it is in the page, at its column's width (not at 700 px, refitted).

Example:
    >>> picker = RowPicker(columns=["term"])
    >>> chosen = []
    >>> picker.on_pick(chosen.append)
    >>> picker._handle(picker, {"event": "pick", "headers": ["term", "count"], "cells": ["regime", "53"]}, [])
    >>> chosen
    [{'term': 'regime', 'count': '53'}]
"""

from __future__ import annotations

from collections.abc import Callable

import anywidget
import traitlets


class RowPicker(anywidget.AnyWidget):
    """Makes the rows of the tables in the same panel choosable, and reports the chosen row to Python.

    The panel is the nearest enclosing element with the CSS class ``app-panel``. ``columns``: the
    column names that make a table's rows choosable.
    """

    _esm = """
    export default {
      render({ model, el }) {
        el.style.display = "none";
        let root = null, tries = 0;
        const usable = (table) => {
          const names = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
          return names.some((name) => model.get("columns").includes(name));
        };
        const rowsOf = (table) => [...table.querySelectorAll("tbody tr")];
        const prepare = () => {
          root.querySelectorAll("table").forEach((table) => {
            if (!usable(table)) return;
            table.classList.add("app-choosable");
            rowsOf(table).forEach((row, i) => {
              if (!row.hasAttribute("tabindex")) row.setAttribute("tabindex", i === 0 ? "0" : "-1");
              row.setAttribute("aria-label", "Show in the article: " + row.textContent.trim().slice(0, 80));
            });
          });
        };
        const pick = (row) => {
          const table = row.closest("table");
          root.querySelectorAll("tr.app-picked").forEach((r) => r.classList.remove("app-picked"));
          row.classList.add("app-picked");
          model.send({
            event: "pick",
            headers: [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim()),
            cells: [...row.children].map((cell) => cell.textContent),
          });
        };
        const chooseable = (target) => {
          const row = target.closest && target.closest("tbody tr");
          return row && root.contains(row) && row.closest("table.app-choosable") ? row : null;
        };
        const attach = () => {
          root = el.closest(".app-panel");
          if (!root) {
            if (tries++ < 100) setTimeout(attach, 100);
            return;
          }
          prepare();
          new MutationObserver(prepare).observe(root, { childList: true, subtree: true });
          root.addEventListener("click", (event) => {
            const row = chooseable(event.target);
            if (row) pick(row);
          });
          root.addEventListener("keydown", (event) => {
            const row = chooseable(event.target);
            if (!row || event.target !== row) return;
            const rows = rowsOf(row.closest("table"));
            const at = rows.indexOf(row);
            let next = null;
            if (event.key === "ArrowDown") next = rows[at + 1];
            else if (event.key === "ArrowUp") next = rows[at - 1];
            else if (event.key === "Home") next = rows[0];
            else if (event.key === "End") next = rows[rows.length - 1];
            else if (event.key === "Enter" || event.key === " ") {
              event.preventDefault();
              pick(row);
              return;
            } else return;
            event.preventDefault();
            if (next) {
              rows.forEach((r) => r.setAttribute("tabindex", "-1"));
              next.setAttribute("tabindex", "0");
              next.focus();
            }
          });
        };
        attach();
      },
    };
    """
    columns = traitlets.List(traitlets.Unicode()).tag(sync=True)

    def __init__(self, columns: list[str], **kwargs):
        super().__init__(columns=list(columns), **kwargs)
        self._callbacks: list[Callable[[dict], None]] = []
        self.on_msg(self._handle)

    def on_pick(self, callback: Callable[[dict], None]) -> None:
        """Call ``callback(row)`` with ``{column: cell text}`` whenever a row is chosen."""
        self._callbacks.append(callback)

    def _handle(self, _widget, content, _buffers) -> None:
        if not isinstance(content, dict) or content.get("event") != "pick":
            return
        row = dict(zip(content.get("headers", []), content.get("cells", [])))
        for callback in self._callbacks:
            callback(row)


class DownloadButton(anywidget.AnyWidget):
    """A button that downloads the file ``make()`` returns: ``(file name, MIME type, bytes)``, or None.

    ``enabled`` turns it on and off (off when there is nothing to save); ``label`` and ``tooltip``
    say what it saves. When ``make`` returns None or raises, nothing is downloaded and
    ``on_problem`` is told why.
    """

    _esm = """
    export default {
      render({ model, el }) {
        const button = document.createElement("button");
        button.className = "jupyter-button widget-button app-download";
        button.style.width = "auto";  // the label is read whole, not cut to the width of a short button
        button.style.padding = "0 1em";
        const icon = document.createElement("i");
        icon.className = "fa fa-download";
        icon.setAttribute("aria-hidden", "true");
        const text = document.createElement("span");
        button.append(icon, " ", text);
        const update = () => {
          text.textContent = model.get("label");
          button.title = model.get("hint");
          button.disabled = !model.get("enabled");
        };
        update();
        model.on("change:label", update);
        model.on("change:hint", update);
        model.on("change:enabled", update);
        button.addEventListener("click", () => model.send({ event: "download" }));
        model.on("msg:custom", (message, buffers) => {
          if (!message || message.event !== "file") return;
          const blob = new Blob(buffers, { type: message.type });
          const url = URL.createObjectURL(blob);
          const link = document.createElement("a");
          link.href = url;
          link.download = message.filename;
          document.body.appendChild(link);
          link.click();
          link.remove();
          setTimeout(() => URL.revokeObjectURL(url), 60000);
        });
        el.appendChild(button);
      },
    };
    """
    label = traitlets.Unicode("").tag(sync=True)
    hint = traitlets.Unicode("").tag(sync=True)
    enabled = traitlets.Bool(True).tag(sync=True)

    def __init__(self, label: str, make: Callable[[], tuple[str, str, bytes] | None], tooltip: str = "", **kwargs):
        super().__init__(label=label, hint=tooltip or label, **kwargs)
        self.make = make
        self.on_problem: Callable[[str], None] = lambda _message: None
        self.on_msg(self._handle)

    def _handle(self, _widget, content, _buffers) -> None:
        if not isinstance(content, dict) or content.get("event") != "download":
            return
        try:
            made = self.make()
        except Exception as error:  # noqa: BLE001 - a failed export is reported, never a traceback
            self.on_problem(f"Could not save the file: {error}")
            return
        if made is None:
            self.on_problem("There is nothing to save here.")
            return
        filename, mime, data = made
        self.send({"event": "file", "filename": filename, "type": mime}, buffers=[data])


class PageShown(anywidget.AnyWidget):
    """Tells Python once the browser has drawn the page, so that work which makes new widgets can wait for it.

    Widgets made while Voilà's page is still loading the first ones may reach it before it knows them ("widget
    model not found", and a panel never drawn): the app opens its first corpus only when this widget, part of
    the page, has been drawn. It shows nothing. It also tells Python the page's address as the browser sees it
    (``page``), from which the address of a file the same server serves can be made (behind a proxy too).

    Example:
        >>> shown, calls = PageShown(), []
        >>> shown.when_shown(lambda: calls.append("open"))
        >>> page = "http://127.0.0.1:8866/voila/render/app/explorer.ipynb"
        >>> shown._handle(shown, {"event": "shown", "page": page}, [])
        >>> shown._handle(shown, {"event": "shown"}, [])
        >>> calls, shown.page
        (['open'], 'http://127.0.0.1:8866/voila/render/app/explorer.ipynb')
    """

    _esm = """
    export default {
      render({ model }) {
        model.send({ event: "shown", page: window.location.href });
      },
    };
    """

    def __init__(self):
        super().__init__()
        self.shown = False
        self.page = ""  # the page's address in the browser, once shown
        self._waiting: list[Callable[[], None]] = []
        self.on_msg(self._handle)

    def when_shown(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once the page has been drawn (at once if it has been)."""
        if self.shown:
            callback()
        else:
            self._waiting.append(callback)

    def _handle(self, _widget, content, _buffers) -> None:
        if content.get("event") != "shown" or self.shown:
            return
        self.shown = True
        self.page = str(content.get("page") or "")
        waiting, self._waiting = self._waiting, []
        for callback in waiting:
            callback()


class ChartFitter(anywidget.AnyWidget):
    """Keeps the page's charts as wide as their column: when the window (or the column) changes width, and when a
    chart has been drawn, a chart whose width differs from its box's is given the box's width.

    plotly draws a chart at the width its box has when it is first drawn (700 px when the box is not laid out
    yet) and keeps it. The explorers fit their own charts (helpers.explorers.base); this does the same for the
    other charts of the page (the overview's). It shows nothing.
    """

    _esm = """
    export default {
      render({ el }) {
        el.style.display = "none";
        let pending = null;
        const fit = () => {
          const page = el.closest(".course-app") || document.body;
          page.querySelectorAll(".js-plotly-plot").forEach((plot) => {
            if (plot.closest(".course-explorer")) return;  // an explorer fits its own chart
            const box = plot.parentElement;
            const width = box ? box.clientWidth : 0;  // 0: hidden (another panel is shown)
            const drawn = plot.querySelector(".main-svg");
            if (!width || !drawn || Math.abs(drawn.getBoundingClientRect().width - width) < 2) return;
            // no fixed width (it would reach Python and come back): plotly sizes the chart to its box
            if (window.Plotly && window.Plotly.relayout) window.Plotly.relayout(plot, { width: null, autosize: true });
          });
        };
        const later = () => { clearTimeout(pending); pending = setTimeout(fit, 100); };
        window.addEventListener("resize", later);
        document.addEventListener("plotlywidget-after-render", later);  // plotly's widget, once a chart is drawn
        const main = () => document.querySelector(".course-app .app-main");
        let tries = 0;
        const watch = () => {
          if (main()) new ResizeObserver(later).observe(main());
          else if (tries++ < 100) setTimeout(watch, 200);
        };
        watch();
      },
    };
    """


# The module every chart of the app (plotly's FigureWidget) is drawn by, around plotly's own (imported from LIBRARY,
# its address). plotly's widget draws a chart as soon as its view is made, before ipywidgets puts the view in the page:
# the chart has no box yet, so plotly draws it at 700 px, and the fitter draws it again at its column's width a moment
# later (two full drawings of every chart opened, and the second one was still under way when a control was first
# used). This draws it once its element is in the page and has a width. The chart's model (initialize) is set up at
# once, so that changes sent meanwhile are in the chart when it is drawn.
CHART_MODULE = """
import plotly from "LIBRARY";
export default () => {
  const chart = plotly();
  return {
    initialize: (context) => chart.initialize(context),
    render(context) {
      const el = context.el;
      let removeChart = null, watcher = null, stopped = false;
      const sized = () => el.isConnected && el.getBoundingClientRect().width > 0;
      const draw = () => {
        if (stopped || removeChart) return;
        if (watcher) watcher.disconnect();
        el.classList.remove("app-chart-waiting");
        removeChart = chart.render(context);
      };
      if (sized()) draw();
      else {
        el.classList.add("app-chart-waiting");  // what waits to be drawn can be told from what is drawn
        // outside a ResizeObserver's callback: a chart drawn inside it would resize what it observes
        watcher = new ResizeObserver(() => { if (sized()) requestAnimationFrame(draw); });
        watcher.observe(el);
      }
      return () => {
        stopped = true;
        if (watcher) watcher.disconnect();
        if (typeof removeChart === "function") removeChart();
      };
    },
  };
};
"""


def chart_module(library: str) -> str:
    """The source of the module that draws the app's charts with plotly's widget library at ``library`` (an
    address), each once it is in the page and has a width (:data:`CHART_MODULE`).

    Example:
        >>> chart_module("http://127.0.0.1:8866/plotly.js").splitlines()[1]
        'import plotly from "http://127.0.0.1:8866/plotly.js";'
    """
    if '"' in library or "\\" in library or "\n" in library:
        raise ValueError(f"Not a library address: {library!r}")
    return CHART_MODULE.replace("LIBRARY", library, 1)
