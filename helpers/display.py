"""How the course shows a table: every cell whole, text left-aligned and wrapped between words, long tables folded.

pandas cuts a cell's text at 50 characters ("…") and JupyterLab right-aligns it, so a lesson that says
"read this column" would show a learner the start of each sentence only. The course draws its tables
itself, in one style used by the lessons, the explorers and the reports:

- every cell is shown whole; text is left-aligned and wraps between words, while ids, dates and other
  values without spaces never break ("ips-2007" stays on one line); a very long cell (a whole article)
  shows its opening and folds the rest, which one click opens;
- numbers are right-aligned and rounded to at most three decimals; a p-value below 0.001 reads "< 0.001";
- every column has a real header cell in one header row: the row labels' column is named (by the index's
  name, or "row" for screen readers), and two-level column labels are joined into one;
- a concordance (columns ``left``, ``match``, ``right``) is drawn as one: the left context right-aligned
  against the match, and the match marked;
- a table longer than :data:`SHORT_TABLE` rows shows its first :data:`PREVIEW_ROWS` rows, and the others
  under "Show all N rows"; beyond :data:`PAGE_ROWS` rows it says how to see the rest (``.iloc``).

In a notebook, ``import helpers`` turns this on for every DataFrame and Series the notebook shows
(:func:`use_course_display`): the learners' own tables too, and with no call to remember. pandas' text
output (``print(table)``) is also made to keep whole cells. Outside a notebook nothing changes.

Example:
    >>> import pandas as pd
    >>> html = table_html(pd.DataFrame({"doc_id": ["ips-2007"], "p_value": [0.00002]}))
    >>> "&lt; 0.001" in html, 'class="course-nowrap"' in html
    (True, True)
"""

from __future__ import annotations

import html
import numbers
import re

import numpy as np
import pandas as pd

# A table of up to SHORT_TABLE rows is shown whole; a longer one shows PREVIEW_ROWS rows and folds the rest.
SHORT_TABLE = 12
PREVIEW_ROWS = 10
# The most rows drawn at all; past them, the caption says how to see the others.
PAGE_ROWS = 500
# A cell longer than this (in characters) shows its opening and folds the rest.
LONG_CELL = 700
OPENING = 300
# A column is kept on one line when none of its values has a space and none is longer than this.
UNBROKEN = 32

# The one table style. Colours come from JupyterLab's theme variables (with a light fallback), so tables follow
# the light and the dark theme. The class is doubled to outrank JupyterLab's own rules, which right-align every
# cell (:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td). The last rule makes printed text wrap between
# words, where JupyterLab breaks words anywhere (word-break: break-all): it applies to the whole page once a
# table of the course has been shown, as one is at the start of every lesson.
STYLE = """<style>
table.course-table.course-table{border-collapse:collapse;margin:0.4em 0 0.6em 0;font-size:var(--jp-ui-font-size1,13px);
 color:var(--jp-content-font-color1,#222);table-layout:auto;width:auto;max-width:100%}
table.course-table.course-table caption{caption-side:top;text-align:left;font-weight:600;padding:0.2em 0 0.4em 0;
 color:var(--jp-content-font-color1,#222)}
table.course-table.course-table th,table.course-table.course-table td{
 border:1px solid var(--jp-border-color2,#d0d0d0);padding:0.3em 0.5em;
 text-align:left;vertical-align:top;white-space:normal;overflow-wrap:normal;word-break:normal;line-height:1.4;
 max-width:none}
table.course-table.course-table thead th{background:var(--jp-layout-color2,#eeeeee);font-weight:600;
 vertical-align:bottom}
.course-scroll{max-width:100%;overflow-x:auto}
table.course-table.course-table tbody th{font-weight:600;white-space:nowrap}
table.course-table.course-table tbody tr:nth-child(even){background:var(--jp-rendermime-table-row-background,#f5f5f5)}
table.course-table.course-table tbody tr:nth-child(odd){background:var(--jp-layout-color0,#ffffff)}
table.course-table.course-table td.course-number{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.course-table.course-table .course-nowrap{white-space:nowrap}
table.course-table.course-table td.course-long{min-width:8em}
table.course-table.course-table td.course-left{text-align:right}
table.course-table.course-table td.course-match{white-space:nowrap;font-weight:700}
table.course-table.course-table mark{background:var(--jp-warn-color3,#fff3b0);color:inherit;padding:0 0.1em}
.course-fold{display:flex;flex-direction:column;align-items:flex-start;max-width:100%;overflow-x:auto}
.course-fold>details{order:2}
.course-fold>.course-preview{order:1}
.course-fold>details[open]~.course-preview{display:none}
.course-fold summary,.course-cell summary{cursor:pointer;color:var(--jp-content-link-color,#1a5fb4);padding:0.2em 0}
.course-fold details[open]>summary .course-closed,.course-cell details[open]>summary .course-closed{display:none}
.course-fold details:not([open])>summary .course-opened{display:none}
.course-cell details{display:inline}
.course-sr{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);
 white-space:nowrap;border:0}
.jp-OutputArea-output pre{word-break:normal;overflow-wrap:break-word}
</style>"""

_P_VALUE = re.compile(r"(^|_)p(_value)?$|^p[-_ ]?value", re.I)


def format_number(value, column: str = "") -> str:
    """A number as a table shows it: at most three decimals, and a p-value below 0.001 as "< 0.001".

    Example:
        >>> format_number(0.123456), format_number(2.0), format_number(0.00001, "p_value"), format_number(1234.5)
        ('0.123', '2', '< 0.001', '1,234.5')
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        return str(value)
    if isinstance(value, numbers.Integral):
        return str(value)
    if pd.isna(value):
        return ""
    if _P_VALUE.search(str(column)) and 0 <= value < 0.001:
        return "< 0.001"
    if value != 0 and abs(value) < 0.001:
        return f"{value:.1e}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def _missing_text(value) -> str:
    """How pandas writes a missing value: NaN, NaT, None or <NA>."""
    if value is None:
        return "None"
    if value is pd.NaT or isinstance(value, (pd.Timestamp, np.datetime64)):
        return "NaT"
    if value is pd.NA:
        return "<NA>"
    return "NaN"


def _is_missing(value) -> bool:
    if value is None:
        return True
    if isinstance(value, (str, list, tuple, dict, set, np.ndarray)):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _cell_text(value, column: str, missing: str | None) -> str:
    if _is_missing(value):
        return _missing_text(value) if missing is None else missing
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if value == value.normalize() else value.isoformat(sep=" ")
    if isinstance(value, float):
        return format_number(value, column)
    return str(value)


def _label(value) -> str:
    if isinstance(value, tuple):
        return " / ".join(str(v) for v in value if str(v) != "")
    return "" if value is None else str(value)


def _long_cell(text: str) -> str:
    """A very long text (a whole article): its opening, and the rest folded; paragraphs kept."""
    cut = text.rfind(" ", 0, OPENING)
    cut = cut if cut > OPENING // 2 else OPENING
    opening, rest = text[:cut], text[cut:]
    more = f"show the other {len(rest):,} characters"
    return (
        f'<div class="course-cell">{_paragraphs(opening)}<details><summary><span class="course-closed">… {more}'
        f'</span><span class="course-sr"> ({more})</span></summary>{_paragraphs(rest)}</details></div>'
    )


def _paragraphs(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _columns(frame: pd.DataFrame) -> dict[str, str]:
    """The class of each column's cells: number, nowrap (ids, dates), long (sentences) or plain text."""
    classes = {}
    for position, column in enumerate(frame.columns):
        values = frame.iloc[:, position]
        if pd.api.types.is_bool_dtype(values):
            classes[column] = "course-nowrap"
        elif pd.api.types.is_numeric_dtype(values):
            classes[column] = "course-number"
        elif pd.api.types.is_datetime64_any_dtype(values) or isinstance(values.dtype, pd.PeriodDtype):
            classes[column] = "course-nowrap"
        else:
            text = values.dropna().astype(str)
            if text.empty or (not text.str.contains(r"\s", regex=True).any() and text.str.len().max() <= UNBROKEN):
                classes[column] = "course-nowrap"
            elif text.str.len().max() > 80:
                classes[column] = "course-long"
            else:
                classes[column] = ""
    return classes


def _rows_html(frame: pd.DataFrame, index: pd.Index | None, classes: dict, missing, concordance: bool) -> str:
    names = [_label(c) for c in frame.columns]
    kinds = [classes[c] for c in frame.columns]
    if concordance:
        kinds = ["course-left" if n == "left" else "course-match" if n == "match" else k for n, k in zip(names, kinds)]
    rows = []
    labels = index.tolist() if index is not None else [None] * len(frame)
    for label, values in zip(labels, frame.itertuples(index=False, name=None)):
        cells = []
        if index is not None:
            parts = label if isinstance(label, tuple) else (label,)
            cells += [f'<th scope="row">{html.escape(_cell_text(p, "", missing))}</th>' for p in parts]
        for name, kind, value in zip(names, kinds, values):
            text = _cell_text(value, name, missing)
            body = _long_cell(text) if len(text) > LONG_CELL else _paragraphs(text)
            if kind == "course-match":
                body = f"<mark>{body}</mark>"
            cells.append(f'<td class="{kind}">{body}</td>' if kind else f"<td>{body}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "".join(rows)


def _header_text(column) -> str:
    """A column's name as its header shows it: escaped, and free to break after "_" (a narrow window)."""
    return html.escape(_label(column)).replace("_", "_<wbr>")


def _header_html(frame: pd.DataFrame, index: pd.Index | None) -> str:
    cells = []
    if index is not None:
        for level, name in enumerate(index.names):
            if name is not None and str(name) != "":
                cells.append(f'<th scope="col">{_header_text(name)}</th>')
            else:
                hidden = "row" if index.nlevels == 1 else f"row label {level + 1}"
                cells.append(f'<th scope="col"><span class="course-sr">{hidden}</span></th>')
    cells += [f'<th scope="col">{_header_text(c)}</th>' for c in frame.columns]
    return "<thead><tr>" + "".join(cells) + "</tr></thead>"


def table_html(
    table: pd.DataFrame | pd.Series,
    caption: str = "",
    *,
    index: bool = False,
    preview_rows: int = PREVIEW_ROWS,
    short_table: int = SHORT_TABLE,
    max_rows: int = PAGE_ROWS,
    rows_in_all: int | None = None,
    missing: str | None = "",
    style: bool = True,
) -> str:
    """A table in the course's style, as HTML: every header and cell escaped and whole; a long table folded.

    ``index=True`` shows the row labels (as pandas does in a notebook), in a column with a real header.
    A table of more than ``short_table`` rows shows ``preview_rows`` rows and folds the others under
    "Show all N rows"; at most ``max_rows`` rows are drawn. ``rows_in_all`` is the number of rows of the
    whole result when ``table`` holds only its first rows; the caption then says how many there are in
    all. ``missing`` is written for a missing value (None: as pandas writes it, NaN, NaT, None or <NA>).
    ``style=False`` leaves out the style sheet (when it is already on the page).

    Example:
        >>> table_html(pd.DataFrame({"a": ["<b>"]}), caption="Example", style=False)[:109]
        '<div class="course-scroll"><table class="course-table"><caption>Example (1 row)</caption><thead><tr><th scope'
        >>> ">&lt;b&gt;</td>" in table_html(pd.DataFrame({"a": ["<b>"]}))
        True
        >>> "Show all 20 rows" in table_html(pd.DataFrame({"a": range(20)}))
        True
    """
    if isinstance(table, pd.Series):
        name = table.name if table.name is not None else "value"
        frame = table.to_frame(name=name)
        index = True
    else:
        frame = table
    shown = frame.head(max_rows)
    labels = shown.index if index else None
    classes = _columns(shown)
    names = [_label(c) for c in shown.columns]
    concordance = {"left", "match", "right"} <= set(names)
    total = len(frame) if rows_in_all is None else max(rows_in_all, len(frame))
    if total == len(shown):
        count = f"{total:,} row{'s' if total != 1 else ''}"
    else:
        count = f"first {len(shown):,} of {total:,} rows"
    caption_text = f"{caption} ({count})" if caption else ""
    caption_html = f"<caption>{html.escape(caption_text)}</caption>" if caption_text else ""
    head = _header_html(shown, labels)

    def one_table(part: pd.DataFrame, part_labels) -> str:
        body = _rows_html(part, part_labels, classes, missing, concordance)
        # in a box of its own that scrolls sideways, should a table of many columns not fit a narrow window
        table = f'<table class="course-table">{caption_html}{head}<tbody>{body}</tbody></table>'
        return f'<div class="course-scroll">{table}</div>'

    css = STYLE if style else ""
    after = ""
    if total > len(shown) and not caption:
        after = (
            f"<p>The first {len(shown):,} of {total:,} rows. See others with <code>.iloc[{len(shown)}:"
            f"{2 * len(shown)}]</code>, or save the table with <code>export_table()</code>.</p>"
        )
    if len(shown) <= short_table:
        return css + one_table(shown, labels) + after
    preview = one_table(shown.head(preview_rows), None if labels is None else labels[:preview_rows])
    full = one_table(shown, labels)
    fold = (
        f'<div class="course-fold"><details><summary><span class="course-closed">Show all {len(shown):,} rows'
        f'</span><span class="course-opened">All {len(shown):,} rows shown (click to fold)</span></summary>{full}'
        f'</details><div class="course-preview">{preview}</div></div>'
    )
    return css + fold + after


def _notebook_html(table) -> str | None:
    if not isinstance(table, (pd.DataFrame, pd.Series)):
        return None
    if isinstance(table, pd.DataFrame) and table.columns.nlevels > 1 and table.empty and len(table.columns) == 0:
        return None
    return table_html(table, index=True, missing=None)


def use_course_display() -> bool:
    """Show every DataFrame and Series in this notebook in the course's table style, and every chart with the
    course's plotly options; True if there is a notebook.

    Called by ``import helpers``. Also sets pandas' ``display.max_colwidth`` to None, so that text
    output (``print(table)``) keeps whole cells too, and gives plotly's notebook renderers
    :data:`helpers.plots.CHART_CONFIG` (charts fit the width of the output). Outside IPython it does
    nothing and returns False.

    Example:
        >>> use_course_display()  # in a plain Python session
        False
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return False
    shell = get_ipython()
    if shell is None or not hasattr(shell, "display_formatter"):
        return False
    pd.set_option("display.max_colwidth", None)
    formatter = shell.display_formatter.formatters["text/html"]
    formatter.for_type(pd.DataFrame, _notebook_html)
    formatter.for_type(pd.Series, _notebook_html)
    import plotly.io as pio

    from helpers.plots import CHART_CONFIG

    for name in list(pio.renderers):
        renderer = pio.renderers[name]
        if isinstance(getattr(renderer, "config", None), dict):
            renderer.config = {**CHART_CONFIG, **renderer.config}
    return True
