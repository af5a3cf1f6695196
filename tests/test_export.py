"""Saving results (helpers/export.py): a table as UTF-8 CSV, a chart as one HTML file that opens offline."""

import re

import pandas as pd
import plotly.graph_objects as go
import pytest

from helpers.export import export_chart, export_table


def test_export_table_writes_utf8_csv_without_index_and_never_overwrites_by_accident(tmp_path):
    table = pd.DataFrame({"word": ["café", "lane"], "count": [2, 3]}, index=[10, 11])
    path = export_table(table, tmp_path / "results" / "counts.csv")
    assert path.exists() and path.read_bytes() == "word,count\ncafé,2\nlane,3\n".encode()
    with pytest.raises(FileExistsError, match=r"counts\.csv already exists and was left as it is.*overwrite=True"):
        export_table(table.head(1), path)
    assert path.read_bytes() == "word,count\ncafé,2\nlane,3\n".encode()
    export_table(table.head(1), path, overwrite=True)
    assert path.read_text(encoding="utf-8") == "word,count\ncafé,2\n"
    with pytest.raises(ValueError, match=r"end the file name with \.csv"):
        export_table(table, tmp_path / "counts.xlsx")
    with pytest.raises(TypeError, match="needs a DataFrame"):
        export_table([1, 2], tmp_path / "list.csv")


def test_export_chart_writes_one_offline_html_file_without_a_cdn(tmp_path):
    fig = go.Figure(go.Bar(x=["cycle lane", "bike highway"], y=[3, 2]))
    path = export_chart(fig, tmp_path / "chart.html")
    page = path.read_text(encoding="utf-8")
    assert path.exists() and "cycle lane" in page and "Plotly.newPlot" in page
    assert not re.search(r"<script[^>]*\bsrc=", page), "plotly.js must be inline, not loaded from a URL"
    assert "cdn.plot.ly/plotly" not in page
    with pytest.raises(FileExistsError, match="overwrite=True"):
        export_chart(fig, path)
    assert export_chart(fig, path, overwrite=True) == path
    with pytest.raises(ValueError, match=r"end the file name with \.html"):
        export_chart(fig, tmp_path / "chart.png")
