"""Progress bars: shown in a notebook once work takes more than a second, never in scripts or tests."""

import IPython.display
import pandas as pd
import pytest

import helpers.progress
from helpers import (
    actor_mentions,
    dates_mentioned,
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


@pytest.fixture
def shown(monkeypatch):
    """Pretend to be in a notebook where any work is slow (no delay), and collect what is displayed."""
    displayed = []
    monkeypatch.setattr(helpers.progress, "_in_notebook", lambda: True)
    monkeypatch.setattr(helpers.progress, "DELAY_SECONDS", 0.0)
    monkeypatch.setattr(IPython.display, "display", displayed.append)
    yield displayed
    show_progress(True)


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
    docs = load_corpus()
    result = analysis(docs)
    bars = {bar.description: bar for bar in shown}
    assert label in bars, f"no bar labelled {label!r}; bars: {list(bars)}"
    assert bars[label].max == (130 if label == "Scoring sentences" else len(docs))
    assert all(bar.comm is None for bar in shown)  # closed: gone from the notebook
    show_progress(False)
    pd.testing.assert_frame_equal(analysis(docs), result)  # the bar changes nothing in the result


def test_show_progress_false_turns_bars_off(shown):
    show_progress(False)
    tokens(load_corpus())
    assert shown == []
    show_progress(True)
    tokens(load_corpus())
    assert [bar.description for bar in shown] == ["Tokenising"]


def test_quick_work_shows_no_bar_even_in_a_notebook(shown, monkeypatch):
    monkeypatch.setattr(helpers.progress, "DELAY_SECONDS", 1.0)
    tokens(load_corpus())
    assert shown == []


def test_a_bar_is_taken_away_when_the_work_fails(shown):
    def failing():
        yield 1
        raise RuntimeError("broken article")

    with pytest.raises(RuntimeError, match="broken article"):
        list(steps(failing(), "Working", total=2))
    assert len(shown) == 1 and shown[0].comm is None


def test_show_progress_needs_true_or_false():
    with pytest.raises(TypeError, match="True or False"):
        show_progress("yes")
