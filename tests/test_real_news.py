"""The course's text rules on real news (issue #13): the targets, measured on the hand-labelled samples of
``tests/data/real-news`` and pySBD's Golden Rules by ``benchmarks/real_news.py``.

Each test prints its figures (``pytest -rP tests/test_real_news.py`` shows them) and fails when a figure falls below
the issue's target. The samples, how they were drawn and where a reader could label otherwise are in
``tests/data/real-news/README.md``.
"""

import pytest

from benchmarks.real_news import measure

pytestmark = pytest.mark.filterwarnings("ignore:.*no list of your own was given:UserWarning")


@pytest.fixture(scope="module")
def figures():
    return measure()


def test_at_least_40_of_the_48_golden_rules(figures):
    rules = figures["golden rules"]
    print(f"Golden Rules: {rules['passed']}/{rules['rules']}; failing: {[r['number'] for r in rules['failed']]}")
    assert rules["rules"] == 48 and rules["passed"] >= 40


def test_sentence_boundaries_in_real_news_paragraphs(figures):
    every = figures["sentence boundaries"]["all"]
    inside = every["inside paragraphs"]
    print(
        f"{every['paragraphs']} paragraphs, {inside['labelled']} boundaries inside them: "
        f"precision {inside['precision']}, recall {inside['recall']}"
    )
    assert every["paragraphs"] >= 100 and inside["labelled"] >= 200
    assert inside["precision"] >= 0.97 and inside["recall"] >= 0.97


def test_at_most_3_percent_of_years_chosen_for_200_dates_are_wrong(figures):
    dates = figures["dates"]
    chosen = dates["year completed from the publication date"]
    print(
        f"{dates['found']}/{dates['labelled']} dates found, year chosen for {chosen}, wrong {dates['wrong year']} "
        f"({dates['wrong year share']}); by year_rule: {dates['by year rule']}"
    )
    assert dates["found"] == dates["labelled"] and chosen >= 200
    assert dates["wrong year share"] <= 0.03
    # every rule that the docstring names is used on real dates, and its answers are counted
    assert set(dates["by year rule"]) == {
        "nearest to publication",
        "before publication",
        "after publication",
        "named in the sentence",
    }
    assert sum(t["dates"] for t in dates["by year rule"].values()) == chosen


def test_speakers_right_and_attributed_on_200_wire_quotations(figures):
    quotes = figures["quotations"]
    print(
        f"{quotes['labelled quotations']} quotations: found {quotes['found share']}, attributed "
        f"{quotes['attributed share of labelled']} of labelled, right {quotes['right share of attributed']}"
    )
    assert quotes["labelled quotations"] >= 200
    assert quotes["attributed share of labelled"] >= 0.80
    assert quotes["right share of attributed"] >= 0.90


def _held_out(figures, sample):
    held = figures["quotations"]["by sample"][sample]
    print(
        f"{sample}: {held['labelled quotations']} quotations in {held['articles']} articles: found "
        f"{held['found share']}, attributed {held['attributed share of labelled']}, right "
        f"{held['right share of attributed']}; wrong: {held['wrong speaker examples']}"
    )
    return held


def test_speakers_on_the_first_held_out_articles(figures):
    # labelled after the rules were written and corrected; later changes looked at its misses, so it is reported, with
    # a floor below the targets (59 quotations: one quotation moves a share by about two points)
    held = _held_out(figures, "held out")
    assert held["labelled quotations"] >= 50
    assert held["right share of attributed"] >= 0.85
    assert held["attributed share of labelled"] >= 0.80


def test_speakers_on_the_second_held_out_articles(figures):
    # labelled before the rules ran on it; measured once (72.1% attributed, 85.7% right with the rules of before,
    # 72.1% and 98.0% after the changes made without looking at it), then the rules were corrected on its misses
    held = _held_out(figures, "held out 2")
    assert held["labelled quotations"] >= 60
    assert held["attributed share of labelled"] >= 0.80
    assert held["right share of attributed"] >= 0.90


def test_speakers_on_the_third_held_out_articles(figures):
    # labelled before the rules ran on it; measured once (84.6% attributed, 81.8% right: the precision target missed),
    # then the rules were corrected on its misses
    held = _held_out(figures, "held out 3")
    assert held["labelled quotations"] >= 60
    assert held["attributed share of labelled"] >= 0.80
    assert held["right share of attributed"] >= 0.90


def test_speakers_on_the_fourth_held_out_articles_the_fair_measure(figures):
    # labelled after every change to the rules and never used to change them: the fair measure, and it meets both
    # targets, narrowly (46 of 51 attributed speakers right: one more wrong would take it below 90%)
    held = _held_out(figures, "held out 4")
    assert held["labelled quotations"] >= 60
    assert held["attributed share of labelled"] >= 0.80
    assert held["right share of attributed"] >= 0.90


def test_he_and_she_resolve_to_people_in_real_news():
    # every quotation whose "he", "she" or "it" the finder resolved, in the 135 articles: read by hand, all are people
    # but two bodies that "it" stands for (the Georgian Tennis Federation's statement, "It read", and NASA): no weekday,
    # month, place or organisation for a he or she
    import re

    from benchmarks.real_news import load_articles
    from helpers import quotations
    from helpers.dates import MONTH_NAMES, WEEKDAY_NAMES
    from helpers.inputs import word_list
    from helpers.names import is_place

    found = quotations(load_articles())
    resolved = set(found.loc[found.speaker_kind == "pronoun (resolved)", "speaker"])
    not_people = {w.lower() for w in [*MONTH_NAMES, *WEEKDAY_NAMES, *word_list("not_persons.csv", "word")]}
    bodies = {
        name
        for name in resolved
        if name.lower().startswith("the ")
        or is_place(name)
        or any(w.lower() in not_people for w in re.findall(r"[\w'’\-]+", name))
    }
    print(f"{len(resolved)} names resolved from pronouns: {sorted(resolved)}")
    assert len(resolved) >= 25
    assert bodies == {"The Georgian Tennis Federation (GFT)"}
    it = found[found.speaker == "The Georgian Tennis Federation (GFT)"]
    assert (it.cue == "read").all()


def test_the_splitter_comparison_measures_both_splitters_on_the_same_texts():
    # benchmarks/splitters.py: the course's splitter always; pySBD when it is installed, else a message saying how
    from benchmarks.real_news import read_csv
    from benchmarks.splitters import course_spans, golden_rules, paragraphs_right, pysbd_splitter

    articles = read_csv("articles.csv")
    texts = dict(zip(articles["doc_id"], articles["text"]))
    course = paragraphs_right(course_spans, texts)
    print(f"course: Golden Rules {golden_rules(course_spans)['passed']}/48, paragraphs right {course}")
    assert course["all"]["paragraphs"] == read_csv("sentences.csv")["paragraph"].nunique() == 124
    assert course["issue's news cases"] == {"paragraphs": 8, "right": 8}
    pysbd_spans, version = pysbd_splitter()
    if pysbd_spans is None:
        assert "pip install pysbd" in version
        pytest.skip(f"pySBD {version}")
    pysbd = paragraphs_right(pysbd_spans, texts)
    print(f"pySBD {version}: Golden Rules {golden_rules(pysbd_spans)['passed']}/48, paragraphs right {pysbd}")
    assert golden_rules(pysbd_spans)["passed"] == 47  # as the issue reports for pySBD
    assert pysbd["all"]["right"] < course["all"]["right"]
