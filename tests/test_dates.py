"""Dates (helpers/dates.py): publication, main event and the dates each text mentions, completed from the
publication date."""

import pandas as pd
import pytest

from helpers import plot_timeline, sentences
from helpers.dates import (
    AFTER,
    BEFORE,
    FROM_PUBLICATION_YEAR,
    MENTION_COLUMNS,
    NAMED,
    NEAREST,
    NOT_RESOLVED,
    RELATIVE,
    TIMELINE_COLUMNS,
    dates_mentioned,
    timeline,
)


@pytest.fixture(scope="module")
def found(docs, sents):
    return dates_mentioned(docs, sents=sents)


@pytest.fixture(scope="module")
def table(docs, sents):
    return timeline(docs, sents=sents)


def only(found, doc_id, expression):
    rows = found[(found.doc_id == doc_id) & (found.expression == expression)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def synthetic(texts, published="2015-06-13", latest=None, precision="day"):
    """A hand-made corpus table (no files), for sentences written to test one rule."""
    return pd.DataFrame(
        {
            "doc_id": [f"t{i}" for i in range(len(texts))],
            "text": texts,
            "published": pd.Timestamp(published),
            "published_latest": pd.Timestamp(latest or published),
            "date_precision": precision,
        }
    )


def test_a_full_date_needs_no_completion(found):
    # breitbart-2014: "On May 23, 2014, Mrs Maryam Rajavi, ... met in Paris"
    row = only(found, "breitbart-2014", "May 23, 2014")
    assert row.date == pd.Timestamp("2014-05-23") == row.date_end
    assert (row.precision, row.completion, row.relative, row.weekday_check) == ("day", "", False, "")


def test_a_day_without_year_takes_the_publication_year_and_the_weekday_confirms_it(found):
    # moroccantimes-2015 (published June 2015): "the gathering which took place on Sat. June 13"
    row = only(found, "moroccantimes-2015", "Sat. June 13")
    assert row.date == pd.Timestamp("2015-06-13")
    assert row.completion == FROM_PUBLICATION_YEAR
    assert row.weekday_check == "consistent"  # 13 June 2015 was a Saturday
    # the publication month runs from 13 to 30 June 2015: both ends give the year 2015
    assert "2015-06-13 to 2015-06-30" in row.note


def test_on_saturday_is_resolved_only_because_the_publication_range_allows_one_saturday(found, docs):
    # ncri-2010 (published 11-13 Sept 2010): "met on Saturday with the Iranian Resistance's President-elect"
    row = only(found, "ncri-2010", "Saturday")
    assert row.date == pd.Timestamp("2010-09-11")
    assert (row.completion, row.relative, row.precision) == (RELATIVE, True, "day")
    assert "last Saturday on or before" in row.note
    # with a publication range as wide as a month, two Saturdays are possible: no guess
    wider = docs[docs.doc_id == "ncri-2010"].assign(published_latest=pd.Timestamp("2010-09-30"))
    row = only(dates_mentioned(wider), "ncri-2010", "Saturday")
    assert row.completion == NOT_RESOLVED and pd.isna(row.date)
    assert "more than one answer" in row.note


def test_ips_2007_sundays_dateline_and_range(found):
    # "Paris, 18 June (IPS)": the dateline, completed with the publication year
    assert only(found, "ips-2007", "18 June").date == pd.Timestamp("2007-06-18")
    # "another gathering of Iranians in Paris on Sunday 17 June was marred in blood"
    row = only(found, "ips-2007", "Sunday 17 June")
    assert (row.date, row.weekday_check) == (pd.Timestamp("2007-06-17"), "consistent")
    # "ended on Sunday with the election": the last Sunday on or before Monday 18 June 2007
    row = only(found, "ips-2007", "Sunday")
    assert (row.date, row.completion) == (pd.Timestamp("2007-06-17"), RELATIVE)
    # "held in Paris between 15 to 17 June 2007": one row for the whole range
    row = only(found, "ips-2007", "between 15 to 17 June 2007")
    assert (row.date, row.date_end) == (pd.Timestamp("2007-06-15"), pd.Timestamp("2007-06-17"))
    assert (row.precision, row.completion) == ("range", "")
    assert not (found.expression == "17 June 2007").any()


def test_months_are_honest_intervals(found):
    # ips-2007: "in Berlin and in London on June 2005 and June 2006"
    row = only(found, "ips-2007", "June 2005")
    assert (row.date, row.date_end, row.precision) == (pd.Timestamp("2005-06-01"), pd.Timestamp("2005-06-30"), "month")
    assert only(found, "ips-2007", "June 2006").date_end == pd.Timestamp("2006-06-30")
    # ncri-2010: "Since January 2009, Iraqi forces ... have laid a siege against the camp"
    assert only(found, "ncri-2010", "January 2009").date_end == pd.Timestamp("2009-01-31")
    # iranfreedom-2018: "After the December 2017, January 2018 protests in Iran"
    assert only(found, "iranfreedom-2018", "December 2017").date == pd.Timestamp("2017-12-01")
    assert only(found, "iranfreedom-2018", "January 2018").date_end == pd.Timestamp("2018-01-31")


def test_years_alone_after_a_preposition(found):
    # iranfreedom-2018: "In 2009 the Free Iran gathering coincided with nationwide protests"
    row = only(found, "iranfreedom-2018", "2009")
    assert (row.date, row.date_end, row.precision) == (pd.Timestamp("2009-01-01"), pd.Timestamp("2009-12-31"), "year")
    assert found.loc[row.name, "start"] > 0
    # "After the invasion of Iraq in 2003"
    assert only(found, "iranfreedom-2018", "2003").date_end == pd.Timestamp("2003-12-31")


def test_this_year_is_the_publication_year(found):
    # iranfreedom-2018 (18 June 2018): "This year, the focus will be on the nationwide protests" and three times
    # "this year's gathering / free Iran gathering / rally"
    rows = found[(found.doc_id == "iranfreedom-2018") & found.expression.str.lower().eq("this year")]
    assert len(rows) == 4
    assert set(rows.date) == {pd.Timestamp("2018-01-01")} and set(rows.date_end) == {pd.Timestamp("2018-12-31")}
    assert rows.relative.all() and set(rows.completion) == {RELATIVE}


def test_every_date_in_the_corpus_and_nothing_else(found):
    # Read corpus/texts/: these are all the date expressions. "June 30, 2018" (iranfreedom-2018), "Wednesday,
    # July 17, 2024" (ncri-2010) and the slug "18607" (ips-2007) were removed by cleaning; "36 years",
    # "three-year-long", "162,000", "2,900", "3,400", "Recently", "Earlier" and "Today" are not dates.
    expected = {
        "ips-2007": ["18 June", "between 15 to 17 June 2007", "Sunday", "June 2005", "June 2006", "Sunday 17 June"],
        "ncri-2010": ["Saturday", "January 2009"],
        "breitbart-2014": ["May 23, 2014"],
        "moroccantimes-2015": ["Sat. June 13"],
        "iranfreedom-2018": ["This year", "2003", "2009", "December 2017", "January 2018"] + ["this year"] * 3,
    }
    for doc_id, expressions in expected.items():
        assert found[found.doc_id == doc_id].expression.tolist() == expressions, doc_id
    assert not found.date.isna().any()
    assert not found.date.dt.year.isin([2024]).any()
    assert not (found.date == pd.Timestamp("2018-06-30")).any()


def test_offsets_and_sentences_point_at_the_expression(docs, sents, found):
    text = docs.set_index("doc_id").text
    for row in found.itertuples():
        assert text[row.doc_id][row.start : row.end] == row.expression
    sentence = sents.set_index(["doc_id", "sentence_id"]).sentence
    assert all(r.expression in sentence[(r.doc_id, r.sentence_id)] for r in found.itertuples())
    assert found.columns.tolist() == MENTION_COLUMNS
    assert found.index.equals(pd.RangeIndex(len(found)))


def test_verbs_and_nouns_that_look_like_dates_are_not_dates():
    texts = [
        "They may march on the capital.",
        "He sat down. The Sun reported it. May I ask? Sun. Sat. Mon.",
        "Some 2,900 members and 3,400 residents; the slug 18607; a crowd of 2000 people.",
        "A struggle of 36 years in a three-year-long war. Recently, earlier, today.",
        "He walked 2009 steps. 31 June 2010 does not exist.",
    ]
    assert dates_mentioned(synthetic(texts)).empty


def test_capitalised_month_with_a_day_or_year_or_after_a_preposition():
    got = dates_mentioned(synthetic(["March 5 was calm. In March they left. Theresa May spoke in May 2016."]))
    assert got.expression.tolist() == ["March 5", "March", "May 2016"]
    assert got.date.tolist() == [pd.Timestamp("2015-03-05"), pd.Timestamp("2015-03-01"), pd.Timestamp("2016-05-01")]
    assert got.completion.tolist() == [FROM_PUBLICATION_YEAR, FROM_PUBLICATION_YEAR, ""]


def test_weekday_written_next_to_a_date_is_checked():
    got = dates_mentioned(synthetic(["Friday, 23 May 2014 and Friday, 24 May 2014."])).set_index("expression")
    assert got.weekday_check.to_dict() == {"Friday, 23 May 2014": "consistent", "Friday, 24 May 2014": "inconsistent"}
    assert "was a Saturday" in got.loc["Friday, 24 May 2014", "note"]


def test_relative_words_from_an_exact_publication_day():
    # Saturday 13 June 2015
    got = dates_mentioned(synthetic(["Yesterday, last year, next month, last Saturday and next Friday."]))
    assert got.expression.tolist() == ["Yesterday", "last year", "next month", "last Saturday", "next Friday"]
    expected = ["2015-06-12", "2014-01-01", "2015-07-01", "2015-06-06", "2015-06-19"]
    assert got.date.tolist() == [pd.Timestamp(d) for d in expected]
    assert got.relative.all() and set(got.completion) == {RELATIVE}


def test_relative_words_are_not_guessed_when_they_cannot_be_sound():
    # the publication date is only known to the month: "yesterday" could be any of 18 days
    ranged = dates_mentioned(synthetic(["Yesterday they met."], latest="2015-06-30", precision="month"))
    assert ranged.completion.tolist() == [NOT_RESOLVED] and ranged.date.isna().all()
    # a bare weekday in a sentence about the future could lie after publication
    future = dates_mentioned(synthetic(["On Saturday they will march."]))
    assert future.completion.tolist() == [NOT_RESOLVED] and "future" in future.note.iloc[0]
    # no publication date at all
    bare = dates_mentioned(pd.DataFrame({"doc_id": ["x"], "text": ["It was on 13 June."]}))
    assert bare.completion.tolist() == [NOT_RESOLVED]


def test_ranges_of_days_and_years():
    got = dates_mentioned(synthetic(["Between 3 and 5 June 2010, June 15-17, 2007, from 2005 to 2006 and 2010–2012."]))
    assert got.expression.tolist() == [
        "Between 3 and 5 June 2010",
        "June 15-17, 2007",
        "from 2005 to 2006",
        "2010–2012",
    ]
    assert set(got.precision) == {"range"}
    assert got.date_end.tolist() == [pd.Timestamp(d) for d in ["2010-06-05", "2007-06-17", "2006-12-31", "2012-12-31"]]


def test_timeline_rows_per_kind(table, found):
    assert table.columns.tolist() == TIMELINE_COLUMNS
    assert table.kind.value_counts().to_dict() == {"mentioned": len(found), "published": 5, "event (metadata)": 5}
    assert table.doc_id.drop_duplicates().tolist() == [
        "ips-2007",
        "ncri-2010",
        "breitbart-2014",
        "moroccantimes-2015",
        "iranfreedom-2018",
    ]


def test_gap_between_event_and_publication(table):
    event = table[table.kind == "event (metadata)"].set_index("doc_id")
    assert event.loc["breitbart-2014", "gap_days"] == -6  # met on 23 May 2014, published on 29 May
    assert event.loc["iranfreedom-2018", "gap_days"] == 12  # rally on 30 June 2018, previewed on 18 June
    # moroccantimes-2015: rally on 13 June, published between 13 and 30 June
    assert (event.loc["moroccantimes-2015", "gap_days"], event.loc["moroccantimes-2015", "gap_days_latest"]) == (0, -17)


def test_publication_rows_keep_their_precision_and_range(table):
    published = table[table.kind == "published"].set_index("doc_id")
    assert published.loc["ncri-2010", "label"] == "published (estimated range)"
    assert published.loc["ncri-2010", "date_end"] == pd.Timestamp("2010-09-13")
    assert published.loc["breitbart-2014", "label"] == "published (exact day)"
    assert "URL" in published.loc["breitbart-2014", "note"]  # the metadata's date_evidence


def test_mentioned_rows_carry_their_sentence(table):
    row = table[(table.kind == "mentioned") & (table.label == "May 23, 2014")].iloc[0]
    assert row.sentence.startswith("On May 23, 2014, Mrs Maryam Rajavi")
    assert row.gap_days == -6


def test_empty_corpus_gives_empty_tables_with_the_columns(docs):
    assert dates_mentioned(docs.iloc[0:0]).columns.tolist() == MENTION_COLUMNS
    empty = timeline(docs.iloc[0:0])
    assert empty.empty and empty.columns.tolist() == TIMELINE_COLUMNS


def test_an_article_without_sentences(docs):
    blank = docs[docs.doc_id == "breitbart-2014"].assign(text="   ")
    assert dates_mentioned(blank).empty
    assert timeline(blank).kind.tolist() == ["published", "event (metadata)"]
    # sentences given for other articles only are refused, as by every analysis
    one = docs[docs.doc_id == "breitbart-2014"]
    with pytest.raises(ValueError, match="sents= has no rows for the article 'breitbart-2014'"):
        dates_mentioned(one, sents=sentences(docs[docs.doc_id == "ips-2007"]))


def test_wrong_input_says_what_to_pass(docs):
    with pytest.raises(TypeError, match="load_corpus"):
        dates_mentioned(["not", "a", "table"])
    with pytest.raises(ValueError, match="docs has no column 'text'"):
        dates_mentioned(docs[["doc_id"]])
    with pytest.raises(ValueError, match="'published'"):
        timeline(docs[["doc_id", "text"]])
    with pytest.raises(ValueError, match="timeline\\(docs\\)"):
        plot_timeline(docs)


@pytest.mark.parametrize(
    "published, sentence, expected, rule, uncertain",
    [
        # nearest to publication, across the turn of the year (the case: published 31 December 2017)
        ("2019-01-07", "The shutdown began on December 22.", "2018-12-22", NEAREST, False),
        ("2017-12-31", "Aides held strategy sessions on Jan. 6 at the club.", "2018-01-06", NEAREST, False),
        ("2020-11-26", "He is to be sworn in on January 20.", "2021-01-20", AFTER, False),
        # words next to the date name the year
        ("2019-09-08", "The ship sailed from July 13 to 17 of last year.", "2018-07-13", NAMED, False),
        ("2020-09-03", "Last year August 8 was a happy day.", "2019-08-08", NAMED, False),
        ("2020-01-01", "In 2019, outbreaks were declared on February 6.", "2019-02-06", NAMED, False),
        # the tense of the clause, when the nearest date is on the wrong side of publication
        ("2019-12-20", "The first vote was held on February 2.", "2019-02-02", BEFORE, True),
        ("2020-01-05", "Elections will take place on December 28.", "2020-12-28", AFTER, True),
        ("2020-01-05", "It has grown since March 3, officials say.", "2019-03-03", BEFORE, True),
        ("2017-07-12", "Markets rose since Trump's November 8 election victory.", "2016-11-08", BEFORE, True),
        # a date that names an outcome (past_event_nouns.csv) speaks of the past: the case, without "since"
        ("2017-07-12", "Trump's November 8 election victory surprised pollsters.", "2016-11-08", BEFORE, True),
        ("2020-07-05", "Crowds marked the November 27 killing of a protester.", "2019-11-27", BEFORE, True),
        # ... but an event that is not an outcome says nothing: an election may be ahead
        ("2017-07-12", "Pollsters are studying the November 8 election closely.", "2017-11-08", NEAREST, True),
        # ... but not a future seen from the past, nor the end of a period, nor a verb in another clause
        ("2020-01-01", "The state of emergency was expected to end on December 15.", "2019-12-15", NEAREST, False),
        ("2020-04-05", "The state had extended its order until May 1.", "2020-05-01", NEAREST, False),
        ("2019-07-20", "On July 2, Trump announced he would drop his bid.", "2019-07-02", NEAREST, False),
        # far from publication with nothing to say which year: a guess, marked as such
        ("2020-01-10", "A meeting on July 25 in Washington backed the bill.", "2019-07-25", NEAREST, True),
        ("2015-06-13", "In January they left.", "2015-01-01", NEAREST, True),
    ],
)  # fmt: skip
def test_the_year_of_a_date_written_without_one_is_the_one_the_sentence_supports(
    published, sentence, expected, rule, uncertain
):
    found = dates_mentioned(synthetic([sentence], published=published))
    row = found[found.completion == FROM_PUBLICATION_YEAR].iloc[0]  # not "last year" or "2019" themselves
    assert (row.date, row.completion, row.year_rule, row.year_uncertain) == (
        pd.Timestamp(expected),
        FROM_PUBLICATION_YEAR,
        rule,
        uncertain,
    )
    assert row.note.startswith(f"year {expected[:4]}: ")


def test_a_year_is_only_chosen_when_every_possible_publication_date_agrees():
    # published some day of December 2019 or January 2020: "June 20" could be in 2019 or in 2020
    got = dates_mentioned(synthetic(["They met on June 20."], published="2019-12-01", latest="2020-01-31"))
    assert got.completion.tolist() == [NOT_RESOLVED] and got.date.isna().all()
    assert (got.year_rule.tolist(), got.year_uncertain.tolist()) == ([""], [False])


def test_a_weekday_written_before_a_date_gives_way_to_the_date():
    got = dates_mentioned(synthetic(["He resigns effective next Wednesday, July 31."], published="2019-07-28"))
    assert got.expression.tolist() == ["Wednesday, July 31"]
    assert (got.date.iloc[0], got.weekday_check.iloc[0]) == (pd.Timestamp("2019-07-31"), "consistent")


def test_the_windows_searched_are_those_around_every_anchor_word(docs):
    # _windows finds the anchors directly; _windows_one_by_one looks at every capitalised word, as the rule says
    from helpers.dates import _windows, _windows_one_by_one
    from tests.support import synthetic_corpus

    tricky = [
        "xMay 5, XMay 5, yearMay, Xyear, yesterdayear, 12014 20145 2014 Sept. Septx MONDAY monthyear Mayé aBcMay",
        "MayDay 1999-2000 Tomorrow TOMORROW tomorrow's YEAR Year, the year 2020-05-06 in June",
    ]
    texts = [*docs["text"], *synthetic_corpus(200, seed=3)["text"], *tricky, tricky[0].lower(), ""]
    assert [_windows(t) for t in texts] == [_windows_one_by_one(t) for t in texts]
    assert sum(len(_windows(t)) for t in texts) > 500
