"""Saving results: a table as a CSV file, a chart as one HTML file that opens offline.

:func:`export_table` writes UTF-8 CSV without the index, dates as YYYY-MM-DD, so that an imported
corpus saved this way imports again with :func:`helpers.import_table`. :func:`export_chart`
writes a plotly chart as one standalone HTML file with plotly.js inside, never fetched from a CDN.
Neither replaces an existing file unless ``overwrite=True``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd


def _target(path, suffix: str, overwrite: bool, function: str) -> Path:
    path = Path(path)
    if path.suffix.lower() != suffix:
        raise ValueError(f"{function}() writes a {suffix} file: end the file name with {suffix} (got {path.name!r}).")
    if path.exists() and not overwrite:
        raise FileExistsError(
            f"{path} already exists and was left as it is. Choose another name, or pass overwrite=True to replace it."
        )
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a folder; give a file name ending with {suffix}.")
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def export_table(df: pd.DataFrame, path: Path | str, *, overwrite: bool = False) -> Path:
    """Save a table as a CSV file (UTF-8, without the index) and return its path.

    An existing file is replaced only with ``overwrite=True``. Dates are
    written as YYYY-MM-DD, so an imported corpus saved this way imports again
    with :func:`import_table`.

    Example:
        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> path = export_table(pd.DataFrame({"word": ["lane"], "count": [3]}), folder / "counts.csv")
        >>> path.read_text(encoding="utf-8")
        'word,count\\nlane,3\\n'
        >>> export_table(pd.DataFrame({"word": ["lane"]}), path)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        FileExistsError: ... already exists and was left as it is. Choose another name, or pass overwrite=True ...
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"export_table() needs a DataFrame; got {type(df).__name__}.")
    path = _target(path, ".csv", overwrite, "export_table")
    df.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return path


def export_chart(fig, path: Path | str, *, overwrite: bool = False) -> Path:
    """Save a chart (from a ``plot_...`` function, or any plotly figure) as one standalone HTML file that opens
    offline, and return its path.

    plotly.js is written into the file (about 4.5 MB), never fetched from a
    CDN, so the chart works without the internet and keeps working later.
    An existing file is replaced only with ``overwrite=True``.

    Example:
        >>> import tempfile
        >>> import plotly.graph_objects as go
        >>> path = export_chart(go.Figure(go.Bar(x=["a"], y=[1])), Path(tempfile.mkdtemp()) / "chart.html")
        >>> path.name, "<script src=" in path.read_text(encoding="utf-8")
        ('chart.html', False)
    """
    import plotly.graph_objects as go

    from helpers.plots import Chart

    if isinstance(fig, Chart):
        fig = fig.figure
    if not isinstance(fig, go.Figure):
        raise TypeError(
            f"export_chart() needs a chart from a plot_... function or a plotly Figure; got {type(fig).__name__}."
        )
    path = _target(path, ".html", overwrite, "export_chart")
    path.write_text(fig.to_html(include_plotlyjs=True, full_html=True), encoding="utf-8")
    return path
