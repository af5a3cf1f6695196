"""Progress bars: shown in a notebook once work takes more than a second, never in scripts or tests."""

import IPython.display
import pandas as pd
import pytest

import helpers.progress
from helpers import (
    CORPUS_DIR,
    actor_mentions,
    dates_mentioned,
    import_folder,
    kwic,
    load_corpus,
    loaded_language,
    quotations,
    sentence_sentiment,
    sentences,
    show_progress,
    tokens,
    word_frequencies,
)
from helpers.progress import steps


class Handle:
    """What IPython's display(..., display_id=True) returns: later updates replace the output."""

    def __init__(self):
        self.updates = []

    def update(self, obj):
        self.updates.append(obj)


@pytest.fixture
def shown(monkeypatch):
    """Pretend to be in a notebook where any work is slow (no delay), and collect what is displayed."""
    displayed = []

    def display(obj, display_id=False):
        displayed.append(obj)
        obj.handle = Handle()
        return obj.handle if display_id else None

    monkeypatch.setattr(helpers.progress, "_in_notebook", lambda: True)
    monkeypatch.setattr(helpers.progress, "DELAY_SECONDS", 0.0)
    monkeypatch.setattr(IPython.display, "display", display)
    yield displayed
    show_progress(True)


def course_corpus():
    """The course corpus, loaded without a bar: these tests watch the bars of the analyses."""
    return import_folder(CORPUS_DIR, progress=False)


def test_loading_a_folder_shows_a_bar_that_says_done(shown):
    load_corpus()
    assert [bar.description for bar in shown] == ["Done"] and shown[0].bar_style == "success"


def gone(bar) -> bool:
    """The bar's output was replaced by nothing and the widget closed, so no empty widget area is left."""
    return bar.comm is None and len(bar.handle.updates) == 1 and bar.handle.updates[0].data == ""


def test_outside_a_notebook_nothing_is_shown_and_items_are_unchanged(capsys):
    docs = load_corpus()
    assert list(steps(docs["doc_id"], "Reading")) == docs["doc_id"].tolist()
    tokens(docs)
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize(
    "analysis, label",
    [
        (tokens, "Tokenising"),
        (sentences, "Splitting sentences"),
        (word_frequencies, "Counting words"),
        (actor_mentions, "Finding actors"),
        (dates_mentioned, "Finding dates"),
        (loaded_language, "Finding loaded language"),
        (sentence_sentiment, "Scoring sentences"),
        (quotations, "Finding quotations"),
        (lambda docs: kwic(docs, "regime"), "Searching"),
    ],
)
def test_each_long_analysis_shows_a_bar_that_goes_away_when_done(shown, analysis, label):
    docs = course_corpus()
    result = analysis(docs)
    bars = {bar.description: bar for bar in shown}
    assert label in bars, f"no bar labelled {label!r}; bars: {list(bars)}"
    assert bars[label].max == (130 if label == "Scoring sentences" else len(docs))
    assert all(gone(bar) for bar in shown)
    show_progress(False)
    pd.testing.assert_frame_equal(analysis(docs), result)  # the bar changes nothing in the result


def test_show_progress_false_turns_bars_off(shown):
    docs = course_corpus()
    show_progress(False)
    tokens(docs)
    load_corpus()
    assert shown == []
    show_progress(True)
    tokens(docs)
    assert [bar.description for bar in shown] == ["Tokenising"]


def test_quick_work_shows_no_bar_even_in_a_notebook(shown, monkeypatch):
    monkeypatch.setattr(helpers.progress, "DELAY_SECONDS", 1.0)
    tokens(load_corpus())  # loading the five articles is quick too
    assert shown == []


def test_a_bar_is_taken_away_when_the_work_fails(shown):
    def failing():
        yield 1
        raise RuntimeError("broken article")

    with pytest.raises(RuntimeError, match="broken article"):
        list(steps(failing(), "Working", total=2))
    assert len(shown) == 1 and gone(shown[0])


def test_show_progress_needs_true_or_false():
    with pytest.raises(TypeError, match="True or False"):
        show_progress("yes")
