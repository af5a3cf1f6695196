"""The one explorer layout: controls, chart, table or text; escaped; readable without a mouse."""

import ipywidgets as w
import pandas as pd
import pytest

from helpers import explore_kwic, explore_loaded_language
from helpers.plots import bar_chart
from helpers.widgets import Explorer, View, _KeyboardFriendly, highlighted_html, table_html


def test_every_explorer_marks_its_controls_for_the_keyboard(docs):
    explorer = explore_kwic(docs)
    helper = [child for child in explorer.children if isinstance(child, _KeyboardFriendly)]
    assert len(helper) == 1 and "data-lm-suppress-shortcuts" in helper[0]._esm
    assert "course-explorer" in explorer._dom_classes


def test_long_chart_titles_are_wrapped_in_an_explorer(docs):
    explorer = explore_loaded_language(docs)
    title = explorer.figure.layout.title.text
    assert "<br>" in title and all(len(line) <= 60 for line in title.split("<br>"))
    assert title.replace("<br>", " ").startswith("Words from the loaded-language list, per 1,000 words")


def test_a_value_error_is_shown_as_a_message_and_clears_the_view():
    table = pd.DataFrame({"term": ["regime", "people"], "count": [53, 31]})

    def render(top):
        if top == 1:
            raise ValueError("Choose at least two words.")
        shown = table.head(top)
        return View(figure=bar_chart(shown, "count", "term", "Top words", "Count", "Word"), table=shown)

    explorer = Explorer("Words", {"top": w.IntSlider(value=2, min=1, max=2, description="Top")}, render)
    assert list(explorer.figure.data[0].y) == ["regime", "people"]
    explorer.controls["top"].value = 1
    assert explorer.message == "Choose at least two words." and explorer.table is None
    assert len(explorer.figure.data) == 0 and explorer._figure_box.layout.display == "none"
    assert "Choose at least two words." in explorer.status.value


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "a & b", '"quoted" <b>'])
def test_text_is_escaped_in_tables_and_highlights(text):
    assert "<script>" not in table_html(pd.DataFrame({"x": [text]}))
    marked = highlighted_html(text, [(0, 1, "<label>")], show_labels=True)
    assert "<script>" not in marked and "<label>" not in marked and "&lt;label&gt;" in marked
