"""Framing (helpers/framing.py): the loaded-language list finds what it lists; TextBlob scores are reported
exactly, blind spots and all."""

import re

import pandas as pd
import pytest
from textblob import TextBlob

import helpers.framing as framing
from helpers import sentences
from helpers.framing import (
    CATEGORIES,
    POLARITIES,
    TARGETS,
    load_lexicon,
    loaded_language,
    loaded_language_summary,
    sentence_sentiment,
    sentiment_blind_spots,
)
from tests.support import make_corpus, synthetic_corpus, text_of

pytestmark = pytest.mark.filterwarnings("ignore:.*no list of your own was given:UserWarning")


def write_lexicon(tmp_path, content):
    path = tmp_path / "lexicon.csv"
    path.write_text(content, encoding="utf-8")
    return path


def test_the_course_lexicon_is_a_checked_list_of_every_category():
    lexicon = load_lexicon()
    assert list(lexicon.columns) == ["term", "category", "target", "polarity", "descriptive", "note"]
    assert 100 <= len(lexicon) <= 130
    assert set(lexicon.category) == set(CATEGORIES)
    assert set(lexicon.target) == set(TARGETS), "every target is used, and none is left 'not given'"
    assert set(lexicon.polarity) == set(POLARITIES)
    assert set(lexicon.descriptive) == {"yes", "no"}
    assert lexicon.note.str.len().gt(0).all(), "every entry says why it is listed"
    assert lexicon.index.equals(pd.RangeIndex(len(lexicon)))
    # no entry is still filed under the old name of "emotive wording"
    assert "loaded language" not in set(lexicon.category)


def test_the_lexicon_frames_both_sides(hits):
    ips = set(hits[hits.doc_id == "ips-2007"].match)
    # ips-2007: "was marred in blood when some 40 to 50 men, some hooded, belonging to the outlawed ... (MKO)"
    assert {"marred in blood", "hooded", "outlawed", "attackers"} <= ips
    # ncri-2010: "the murderous regime in Iran"; "The regime reveals its brutality with horrendous death sentences"
    assert {"murderous", "brutality", "horrendous", "barbarism"} <= set(hits[hits.doc_id == "ncri-2010"].match)


def test_the_lexicon_holds_the_vocabulary_of_both_camps():
    lexicon = load_lexicon().set_index("term")
    aimed_at_the_mek = lexicon[(lexicon.target == "NCRI-MEK") & (lexicon.polarity == "negative")].index
    # the words of Iranian state media and of the MEK's critics, from the sources in their notes
    assert {"hypocrites", "monafeq*", "MKO terrorist*", "terrorist group*", "terror group*", "terrorist cult"} <= set(
        aimed_at_the_mek
    )
    assert {"cult", "cult of Rajavi", "mercenar*", "masquerade", "circus"} <= set(aimed_at_the_mek)
    assert lexicon.loc[["rioter*", "sedition*"], "target"].tolist() == ["other", "other"]  # protesters in Iran
    assert lexicon.loc["glorious", ["target", "polarity"]].tolist() == ["Iranian state", "positive"]
    # descriptive words are flagged, not hidden: still counted, to be counted with care
    assert (lexicon.loc[["authoritarian", "clerical", "outlawed", "regime change"], "descriptive"] == "yes").all()
    assert (lexicon.loc[["murderous", "hypocrites", "true alternative"], "descriptive"] == "no").all()
    # a label can praise: "legitimate representative(s)" is aimed at more than one actor (breitbart-2014)
    assert lexicon.loc["legitimate representative*", ["target", "polarity"]].tolist() == ["varies", "positive"]


def test_terms_not_in_the_five_texts_say_so_and_who_uses_them(hits):
    """Whether a term occurs in the corpus is computed from the hits, never typed: the notes must agree with it."""
    lexicon = load_lexicon()
    in_course_texts = lexicon.term.isin(hits.term)
    said_absent = lexicon.note.str.startswith("Not in the five texts.")
    wrong = lexicon[in_course_texts == said_absent]
    assert wrong.empty, f"these notes say the wrong thing about the five texts: {wrong.term.tolist()}"
    assert (~in_course_texts).sum() == 19
    # each of them names at least one source: a site, the datasheet, or a named source of the methods notes
    source = r"\w\.(?:com|org|ir|net)\b|corpus/README\.md|Wikipedia|Center for News Literacy"
    unsourced = lexicon[~in_course_texts & ~lexicon.note.str.contains(source)]
    assert unsourced.empty, f"no source named for {unsourced.term.tolist()}"


@pytest.mark.parametrize(
    "content, message",
    [
        ("term,category,note\nregime,name calling,\n", r"row 2, field 'category': 'name calling' is not a category"),
        ("term,category,note\nbrutal,emotive wording,\nheroic,praise,x\n", r"row 3, field 'category': 'praise'"),
        ("term,note\nbrutal,x\n", r"no column 'category' \(the file has: term, note\)"),
        ("term,category,note\nbrutal,emotive wording,\n  ,doubt,empty\n", r"row 3, field 'term': empty"),
        (
            "term,category,target\nbrutal,emotive wording,the regime\n",
            r"row 2, field 'target': 'the regime' is not allowed\. Use one of: Iranian state; NCRI-MEK",
        ),
        (
            "term,category,polarity\nheroic,emotive wording,praise\n",
            r"row 2, field 'polarity': 'praise' is not allowed\. Use one of: negative; positive; varies",
        ),
        ("term,category,descriptive\nclerical,doubt,maybe\n", r"row 2, field 'descriptive': 'maybe' is not allowed"),
        ("term,category,note\nbrutal,,\n", r"row 2, field 'category': empty"),
        ("term,category,note\nter*ror,appeal to fear,\n", r"row 2, field 'term': 'ter\*ror'\. A \* may only end"),
        ("term,category,note\n*,appeal to fear,\n", r"row 2, field 'term': '\*'"),
        ("term,category,note\nRegime,doubt,\nregime,doubt,\n", r"row 3: the term 'regime' is already listed in row 2"),
        ("term,category,note\n", r"no terms \(only a header\)"),
        ("", r"the file is empty"),
    ],
)
def test_a_bad_lexicon_row_is_named(tmp_path, content, message):
    with pytest.raises(ValueError, match=message):
        load_lexicon(write_lexicon(tmp_path, content))


def test_a_lexicon_table_is_checked_too(docs):
    table = pd.DataFrame({"term": ["regime", "wonderful"], "category": ["name calling / labelling", "praise"]})
    with pytest.raises(ValueError, match=r"row 1, field 'category': 'praise'.*Use one of: emotive wording"):
        loaded_language(docs, lexicon=table)
    with pytest.raises(ValueError, match="no such file"):
        load_lexicon("no/such/lexicon.csv")


def test_a_lexicon_without_the_new_columns_is_accepted(tmp_path, docs):
    lexicon = load_lexicon(write_lexicon(tmp_path, "term,category\nso-called,doubt\n"))
    assert lexicon.note.tolist() == [""]
    assert lexicon[["target", "polarity", "descriptive"]].values.tolist() == [["not given"] * 3]
    # moroccantimes-2015: "the so-called Shiite militias"
    found = loaded_language(docs, lexicon=lexicon)
    assert found[["doc_id", "match", "target"]].values.tolist() == [["moroccantimes-2015", "so-called", "not given"]]
    by_target = loaded_language_summary(docs, hits=found, by_category=False, by_target=True)
    assert list(by_target.target.unique()) == [*TARGETS, "not given"]
    assert by_target.hits.sum() == 1
    # an empty cell is "not given" too: a row added in a spreadsheet, or by pd.concat without the new columns
    partly = pd.DataFrame({"term": ["so-called", "regime"], "category": ["doubt", "name calling / labelling"]})
    partly["target"] = ["other", None]
    assert framing._as_lexicon(partly).target.tolist() == ["other", "not given"]


def test_the_old_name_of_emotive_wording_still_loads_with_a_warning(tmp_path):
    path = write_lexicon(tmp_path, "term,category\nbrutal*,loaded language\nso-called,doubt\nheroic,loaded language\n")
    with pytest.warns(DeprecationWarning, match=r"row\(s\) 2, 4, field 'category': 'loaded language' is now called"):
        lexicon = load_lexicon(path)
    assert lexicon.category.tolist() == ["emotive wording", "doubt", "emotive wording"]


def test_hits_have_the_promised_columns_in_reading_order(hits, docs):
    assert list(hits.columns) == [
        "doc_id",
        "sentence_id",
        "term",
        "match",
        "category",
        "target",
        "polarity",
        "descriptive",
        "start",
        "end",
        "sentence",
    ]
    assert hits.index.equals(pd.RangeIndex(len(hits)))
    assert list(pd.unique(hits.doc_id)) == list(docs.doc_id)
    for _, group in hits.groupby("doc_id"):
        assert group.start.is_monotonic_increasing


def test_every_hit_points_into_its_text_and_sentence(hits, docs, sents):
    texts = docs.set_index("doc_id").text
    spans = sents.set_index(["doc_id", "sentence_id"])
    for row in hits.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.match
        sentence = spans.loc[(row.doc_id, row.sentence_id)]
        assert sentence.sentence == row.sentence
        assert sentence.start <= row.start and row.end <= sentence.end


@pytest.mark.parametrize("corpus", ["course", "synthetic"])
def test_each_hit_shares_its_sentence_text_which_stores_each_sentence_once(corpus, docs, sents, hits):
    if corpus == "synthetic":  # sentences of the course drawn again and again: many hits of one sentence text
        docs = synthetic_corpus(300, seed=5)
        sents = sentences(docs)
        hits = loaded_language(docs, sents=sents)
    # the table as it was made before, each hit with a copy of its sentence's text, looked up by its ids
    copied = hits.drop(columns="sentence").merge(
        sents[["doc_id", "sentence_id", "sentence"]], on=["doc_id", "sentence_id"], how="left", validate="many_to_one"
    )
    pd.testing.assert_frame_equal(hits.astype({"sentence": "str"}), copied)
    shared = hits["sentence"]
    assert isinstance(shared.dtype, pd.CategoricalDtype)
    categories = shared.cat.categories
    assert categories.is_unique and sorted(categories) == sorted(set(copied["sentence"]))
    assert len(categories) < len(hits) / (1.5 if corpus == "course" else 20)  # several hits in one sentence
    # it sorts, filters and counts as the text does
    assert (
        hits.sort_values("sentence", kind="stable").index.tolist()
        == copied.sort_values("sentence", kind="stable").index.tolist()
    )
    assert (shared.str.contains("regime") == copied["sentence"].str.contains("regime")).all()
    assert shared.value_counts().to_dict() == copied["sentence"].value_counts().to_dict()


def test_regime_count_matches_an_independent_count(hits, docs):
    regime_terms = ["regime*", "Assad regime", "regime change", "Zionist regime"]
    for doc_id in docs.doc_id:
        independent = len(re.findall(r"\bregimes?\b", text_of(docs, doc_id), flags=re.IGNORECASE))
        assert len(hits[(hits.doc_id == doc_id) & hits.term.isin(regime_terms)]) == independent
    # breitbart-2014 repeats "the Iranian regime" and "the Assad regime": 18 times in all, six of them Syria's
    breitbart = hits[hits.doc_id == "breitbart-2014"].term.value_counts()
    assert (breitbart["regime*"], breitbart["Assad regime"]) == (12, 6)
    # iranfreedom-2018: "desire for regime change", "to bring about regime change", "nothing short of a regime change"
    assert hits[hits.term == "regime change"].doc_id.tolist() == ["iranfreedom-2018"] * 3
    # what regime* still counts names the Iranian state in every sentence of the five texts; 45 hits
    assert (hits.term == "regime*").sum() == 45
    assert set(hits[hits.term.str.contains("regime")].groupby("term").target.first().items()) == {
        ("regime*", "Iranian state"),
        ("Assad regime", "Syrian government"),
        ("regime change", "Iranian state"),
    }


def test_counts_of_the_course_corpus_by_target(hits, docs):
    """At whom the loaded words of each article are aimed, as the list records it: lopsided, in one direction."""
    by_target = loaded_language_summary(docs, hits=hits, by_category=False, by_target=True)
    assert list(by_target.columns) == ["doc_id", "target", "hits", "n_words", "per_1000"]
    table = by_target.pivot(index="doc_id", columns="target", values="hits").loc[list(docs.doc_id), list(TARGETS)]
    assert table.to_dict("index") == {
        "ips-2007": {"Iranian state": 15, "NCRI-MEK": 6, "Syrian government": 0, "other": 10, "varies": 0},
        "ncri-2010": {"Iranian state": 24, "NCRI-MEK": 4, "Syrian government": 0, "other": 3, "varies": 3},
        "breitbart-2014": {"Iranian state": 22, "NCRI-MEK": 2, "Syrian government": 8, "other": 1, "varies": 7},
        "moroccantimes-2015": {"Iranian state": 23, "NCRI-MEK": 1, "Syrian government": 2, "other": 2, "varies": 5},
        "iranfreedom-2018": {"Iranian state": 21, "NCRI-MEK": 7, "Syrian government": 0, "other": 2, "varies": 2},
    }
    assert table.sum().to_dict() == {
        "Iranian state": 105,
        "NCRI-MEK": 20,
        "Syrian government": 10,
        "other": 18,
        "varies": 17,
    }
    # the same counts straight from the hits, and every hit has a target from the list
    assert hits.groupby("target").size().to_dict() == table.sum().to_dict()
    # every hit aimed at the Iranian state is negative; those aimed at the NCRI-MEK are mostly praise, except in
    # ips-2007 ("marred in blood", "hooded", "outlawed", "stormed", "attackers" twice) and iranfreedom-2018, which
    # reports the MEK's removal from "the list of foreign terrorist groups"
    assert set(hits[hits.target == "Iranian state"].polarity) == {"negative"}
    against_the_mek = hits[(hits.target == "NCRI-MEK") & (hits.polarity == "negative")]
    assert against_the_mek.doc_id.value_counts().to_dict() == {"ips-2007": 6, "iranfreedom-2018": 1}
    assert against_the_mek[against_the_mek.doc_id == "iranfreedom-2018"].match.tolist() == ["terrorist groups"]
    # by category and target at once: one row per article, category and target
    both = loaded_language_summary(docs, hits=hits, by_target=True)
    assert len(both) == len(docs) * len(CATEGORIES) * len(TARGETS) and both.hits.sum() == len(hits)


def test_case_apostrophes_phrases_and_wildcards(hits):
    def found(doc_id, match):
        return hits[(hits.doc_id == doc_id) & (hits.match == match)]

    # iranfreedom-2018: "the Iranian people’s will" (curly apostrophe) matches the term people's will
    assert found("iranfreedom-2018", "people’s will").term.tolist() == ["people's will"]
    # ncri-2010: "The world has realized" (capital T), twice
    assert found("ncri-2010", "The world has realized").sentence_id.tolist() == [9, 10]
    # ncri-2010: "the true values of democracy, liberty, equality and fraternity"
    assert found("ncri-2010", "liberty, equality and fraternity").category.tolist() == ["flag-waving"]
    # breitbart-2014: "the staunchest supporter of the Assad regime"
    assert found("breitbart-2014", "staunchest").term.tolist() == ["staunch*"]
    # moroccantimes-2015: "Such regimes ruling in the name of Islam"; "the regime’s Revolutionary Guards Corps"
    assert found("moroccantimes-2015", "regimes").term.tolist() == ["regime*"]
    assert "the regime’s Revolutionary Guards" in found("moroccantimes-2015", "regime").sentence.str.cat()


def test_the_longer_term_wins(hits):
    # breitbart-2014: "Iran’s terrorist activities abroad"; moroccantimes-2015: "regression and terrorism Iran"
    assert hits[hits.match == "terrorist"].term.unique().tolist() == ["terrorist*"]
    assert hits[hits.match == "terrorism"].term.tolist() == ["terror*"]
    assert hits[hits.match == "terror"].category.tolist() == ["appeal to fear"]


def test_terms_match_whole_words_as_tokens_are_split(docs, toks):
    lexicon = pd.DataFrame({"term": ["iran", "nuclear"], "category": ["doubt", "appeal to fear"]})
    found = loaded_language(docs, lexicon=lexicon)
    # "Iran" is not found inside "Iranian" or "Iran’s"-as-a-word: the same count as the tokens "iran"
    assert (found.term == "iran").sum() == (toks.lower == "iran").sum()
    # "non-nuclear" (moroccantimes-2015) is one word; "the regime’s nuclear program" (ncri-2010) is found
    assert found[found.term == "nuclear"][["doc_id", "match"]].values.tolist() == [
        ["ncri-2010", "nuclear"],
        ["ncri-2010", "nuclear"],
    ]


def test_precomputed_sentences_give_the_same_hits(docs, sents, hits):
    pd.testing.assert_frame_equal(loaded_language(docs), hits)
    pd.testing.assert_frame_equal(loaded_language(docs, sents=sents, toks=None), hits)


def test_empty_corpus_gives_empty_tables(docs):
    empty = docs.iloc[:0]
    found = loaded_language(empty)
    assert found.empty and list(found.columns) == framing.HIT_COLUMNS
    summary = loaded_language_summary(empty, hits=found)
    assert summary.empty and list(summary.columns) == ["doc_id", "category", "hits", "n_words", "per_1000"]
    aimed = loaded_language_summary(empty, hits=found, by_category=False, by_target=True)
    assert aimed.empty and list(aimed.columns) == ["doc_id", "target", "hits", "n_words", "per_1000"]
    scores = sentence_sentiment(empty)
    assert scores.empty and list(scores.columns) == framing.SENTIMENT_COLUMNS


def test_not_a_corpus_is_refused():
    with pytest.raises(TypeError, match=r"loaded_language\(\) needs docs, the DataFrame from load_corpus\(\)"):
        loaded_language(["some text"])


def test_summary_rates_are_hits_per_thousand_words(hits, docs):
    summary = loaded_language_summary(docs, hits=hits)
    assert len(summary) == len(docs) * len(CATEGORIES)
    assert list(summary.doc_id.unique()) == list(docs.doc_id)
    assert list(summary.category[: len(CATEGORIES)]) == list(CATEGORIES)
    words = docs.set_index("doc_id").n_words
    for row in summary.itertuples():
        expected = ((hits.doc_id == row.doc_id) & (hits.category == row.category)).sum()
        assert row.hits == expected
        assert row.n_words == words[row.doc_id]
        assert row.per_1000 == pytest.approx(expected * 1000 / words[row.doc_id])
    # ips-2007 has two "doubt" hits: "reported to be a “go between”" and "posing as “observers”"
    ips_doubt = summary[(summary.doc_id == "ips-2007") & (summary.category == "doubt")].iloc[0]
    assert ips_doubt.hits == 2 and ips_doubt.per_1000 == pytest.approx(2000 / words["ips-2007"])


def test_summary_by_another_column_and_without_categories(hits, docs):
    by_outlet = loaded_language_summary(docs, hits=hits, by="outlet", by_category=False)
    assert list(by_outlet.columns) == ["outlet", "hits", "n_words", "per_1000"]
    assert by_outlet.hits.sum() == len(hits)
    assert by_outlet.n_words.sum() == docs.n_words.sum()
    with pytest.raises(
        ValueError, match=r"by='newspaper' is not a metadata column of docs\. Use one of: doc_id, title"
    ):
        loaded_language_summary(docs, hits=hits, by="newspaper")
    # hits of articles that are not in docs are left out: a table made once serves any selection of its articles
    some = docs[docs.doc_id != "ips-2007"]
    pd.testing.assert_frame_equal(loaded_language_summary(some, hits=hits), loaded_language_summary(some))


def test_sentiment_is_textblob_exactly_for_every_sentence(sentiment, sents):
    assert list(sentiment.columns) == framing.SENTIMENT_COLUMNS
    assert len(sentiment) == len(sents) == 130
    assert sentiment[["doc_id", "sentence_id", "sentence"]].equals(sents[["doc_id", "sentence_id", "sentence"]])
    for row in sentiment.itertuples():
        blob = TextBlob(row.sentence)
        assert (row.polarity, row.subjectivity) == tuple(blob.sentiment)
        assessments = blob.sentiment_assessments
        assert (assessments.polarity, assessments.subjectivity) == tuple(blob.sentiment)
        assert row.n_assessed == len(assessments.assessments)


def test_assessed_words_say_what_drove_the_score(sentiment):
    def row(doc_id, sentence_id):
        return sentiment[(sentiment.doc_id == doc_id) & (sentiment.sentence_id == sentence_id)].iloc[0]

    # iranfreedom-2018: "... a focus on supporting the heroic uprising of the Iranian people ..."
    heroic = row("iranfreedom-2018", 21)
    assert "heroic uprising" in heroic.sentence
    assert re.search(r"heroic \(\+0\.\d+\)", heroic.assessed_words)
    # ncri-2010: "... the murderous regime in Iran is not capable of reforms ...": the negation is shown with its word
    murderous = row("ncri-2010", 10)
    assert "not capable (-" in murderous.assessed_words and "murderous" not in murderous.assessed_words
    # ncri-2010: "The regime reveals its brutality with horrendous death sentences ...": no word with a score
    brutality = row("ncri-2010", 12)
    assert "horrendous" in brutality.sentence and brutality.polarity == 0
    # a sentence with nothing assessed has an empty list: ips-2007 sentence 1 is the headline
    assert row("ips-2007", 1).assessed_words == "" and row("ips-2007", 1).n_assessed == 0


def test_textblob_runs_once_per_distinct_sentence(docs, sents, monkeypatch):
    calls = []
    original = framing._assess
    monkeypatch.setattr(framing, "_assess", lambda s: calls.append(s) or original(s))
    sentence_sentiment(docs, sents=sents)
    assert len(calls) == sents.sentence.nunique()


def test_signed_scores_are_readable():
    assert [framing._signed(v) for v in (0.7, -0.9099999, 1.0, -0.0, 0.001)] == ["+0.7", "-0.91", "+1", "0", "0"]


def test_blind_spots_are_scored_live(sents):
    spots = sentiment_blind_spots()
    assert list(spots.columns) == ["example", "polarity", "subjectivity", "assessed_words", "what_it_shows"]
    for row in spots.itertuples():
        assert (row.polarity, row.subjectivity) == tuple(TextBlob(row.example).sentiment)
    corpus_sentences = [e for e in spots.example if len(e) > 60]
    assert len(corpus_sentences) == 3
    for example in corpus_sentences:
        assert example in set(sents.sentence), "the long examples are real corpus sentences"
    # iranfreedom-2018: "... will be able to gather a very large base of support once it returns ..."
    assert sents.sentence.str.contains("a very large base of support", regex=False).sum() == 1


def test_every_blind_spot_claim_holds():
    spots = sentiment_blind_spots().set_index("example")
    p = spots.polarity
    assert p["The regime is good."] == p["The government is good."] > 0
    assert spots.loc["The regime is good.", "subjectivity"] == spots.loc["The government is good.", "subjectivity"]
    assert spots.loc["The regime is good.", "assessed_words"].startswith("good (")
    assert p["Terrorists attacked the camp."] == p["Freedom fighters attacked the camp."] == 0
    assert spots.loc["Terrorists attacked the camp.", "assessed_words"] == ""
    assert p["The mullahs ruling Iran."] == 0
    assert p["This is a bad idea."] < 0
    assert p["This isn't a bad idea."] == p["This is a bad idea."]
    assert p["This is not a bad idea."] > 0
    assert p["This is not a bad idea."] == pytest.approx(-0.5 * p["This is a bad idea."])
    assert p["a success"] > 0 and p["hardly a success"] == p["a success"]
    assert p["very bad"] < p["extremely bad"] < 0
    murderous = spots.loc[spots.index.str.contains("murderous regime")].iloc[0]
    assert murderous.polarity > 0 and "right" in murderous.assessed_words
    assert "murderous" not in murderous.assessed_words
    brutality = spots.loc[spots.index.str.contains("brutality")].iloc[0]
    assert brutality.polarity == 0 and "brutality" not in brutality.assessed_words
    assert "horrendous" not in brutality.assessed_words
    marred = spots.loc[spots.index.str.contains("marred in blood")].iloc[0]
    assert marred.polarity > 0 and re.fullmatch(r"newly \(\+[\d.]+\)", marred.assessed_words)
    base = spots.loc["a very large base of support"]
    assert base.polarity < 0
    assert re.search(r"\bbase \(-0\.[5-9]", base.assessed_words), "'base' is a strongly negative entry"


def test_sentences_of_other_articles_are_refused(docs, tmp_path):
    other = make_corpus(tmp_path, {"a": "The regime spoke."})
    with pytest.raises(ValueError, match=r"sents= has no rows for the articles 'ips-2007', 'ncri-2010'"):
        loaded_language(docs, sents=sentences(other))
