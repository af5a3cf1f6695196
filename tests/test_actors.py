"""Actors (helpers/actors.py): mentions found with the actor list, counts, co-mentions, blind spots, introductions
and naming choices.

Every expected value can be checked by reading corpus/texts/; the phrase is in a comment next to the assertion.
Where possible the test counts the phrase in the text with its own regular expression instead of a number.
"""

import re

import pandas as pd
import pytest

from helpers import CorpusError, plot_actor_mentions
from helpers.actors import (
    CO_MENTION_COLUMNS,
    MENTION_COLUMNS,
    UNLISTED_COLUMNS,
    actor_mentions,
    co_mentions,
    first_mentions,
    load_actors,
    mention_counts,
    naming_choices,
    unlisted_names,
)
from tests.support import make_corpus, text_of

# Corpora written for one test are not the course corpus: the course list is used on purpose there.
pytestmark = pytest.mark.filterwarnings("ignore:.*no list of your own was given:UserWarning")


def of(mentions, doc_id, actor=None):
    chosen = mentions[mentions.doc_id == doc_id]
    return chosen if actor is None else chosen[chosen.actor == actor]


def test_mentions_have_the_documented_columns_and_point_into_the_text(docs, sents, mentions):
    assert list(mentions.columns) == MENTION_COLUMNS
    texts = docs.set_index("doc_id").text
    assert all(texts[d][s:e] == a for d, s, e, a in zip(mentions.doc_id, mentions.start, mentions.end, mentions.alias))
    spans = sents.set_index(["doc_id", "sentence_id"])
    for row in mentions.itertuples():
        sentence = spans.loc[(row.doc_id, row.sentence_id)]
        assert sentence.start <= row.start and row.end <= sentence.end


def test_mentions_never_overlap(mentions):
    # Longest match wins and the shorter alias inside it is not counted again.
    for _, group in mentions.groupby("doc_id"):
        group = group.sort_values("start")
        assert (group.start.to_numpy()[1:] >= group.end.to_numpy()[:-1]).all()


def test_mko_mentions_in_ips_2007(docs, mentions):
    # "the outlawed Mojahedeen Khalq Organisation (MKO) attacked", then "the MKO in charge", "were MKO members",
    # "among the MKO": every MKO in the text is one mention, the bracketed one inside the pair.
    text = text_of(docs, "ips-2007")
    pmoi = of(mentions, "ips-2007", "PMOI/MEK")
    assert len(pmoi) == len(re.findall(r"\bMKO\b", text)) == 4
    assert pmoi.alias.tolist() == ["Mojahedeen Khalq Organisation (MKO)", "MKO", "MKO", "MKO"]
    assert pmoi.listed_alias.iloc[0] == "Mojahedeen Khalq Organisation + MKO"


def test_full_name_with_abbreviation_in_brackets_is_one_mention(docs, mentions):
    # "People’s Mojahedin Organization of Iran (PMOI/MEK)": ncri-2010 twice, breitbart-2014 and moroccantimes-2015.
    phrase = "People’s Mojahedin Organization of Iran (PMOI/MEK)"
    occurrences = [(d, m.start()) for d, t in zip(docs.doc_id, docs.text) for m in re.finditer(re.escape(phrase), t)]
    assert len(occurrences) == 4
    pairs = mentions[mentions.alias == phrase]
    assert list(zip(pairs.doc_id, pairs.start)) == occurrences
    assert (pairs.end - pairs.start == len(phrase)).all()
    # "PMOI/MEK" inside the brackets is not counted again.
    assert not ((mentions.listed_alias == "PMOI/MEK") & (mentions.alias == "PMOI/MEK")).any()


@pytest.mark.parametrize(
    "doc_id, actor, written",
    [
        ("breitbart-2014", "NCRI", "NCRI (National Council of Resistance of Iran)"),
        ("breitbart-2014", "IRGC", "IRGC (Iranian Revolutionary Guards Corps)"),
        ("breitbart-2014", "Quds Force", "Quds-Force (IRGC-QF)"),
        ("moroccantimes-2015", "NCRI", "National Council of Resistance of Iran (NCRI)"),
        ("ips-2007", "Iran National Solidarity", "Iran National Solidarity (INS)"),
    ],
)
def test_other_pairs(mentions, doc_id, actor, written):
    assert written in of(mentions, doc_id, actor).alias.tolist()


def test_assad_regime_is_the_syrian_state_not_the_person(docs, mentions):
    # breitbart-2014: "its all-out support for the Assad regime" and five more; "the vital role that Assad plays".
    text = text_of(docs, "breitbart-2014")
    regime = of(mentions, "breitbart-2014", "Syrian state (Assad government)")
    assert len(regime) == len(re.findall(r"Assad regime", text)) == 6
    person = of(mentions, "breitbart-2014", "Bashar al-Assad")
    assert person.alias.tolist() == ["Bashar al-Assad", "Assad", "Assad"]
    assert not any(text[s : s + len("Assad regime")] == "Assad regime" for s in person.start)
    assert "Assad regime" not in of(mentions, "breitbart-2014", "Iranian state").alias.tolist()


def test_possessive_after_an_alias_still_matches(docs, mentions):
    # breitbart-2014: "why the Iranian regime’s intervention in Syria is linked to its own survival"
    text = text_of(docs, "breitbart-2014")
    regime = of(mentions, "breitbart-2014", "Iranian state")
    assert len(regime[regime.alias == "Iranian regime"]) == len(re.findall("Iranian regime", text)) == 8
    assert any(text[e : e + 2] == "’s" for e in regime[regime.alias == "Iranian regime"].end)


def test_initials_and_acronyms_match(mentions):
    # breitbart-2014 "including the U.S. and members of E.U."; iranfreedom-2018 "in the EU and the US".
    us = mentions[mentions.actor == "United States"]
    assert list(zip(us.doc_id, us.alias)) == [
        ("ips-2007", "Bush Administration"),
        ("ncri-2010", "United States"),
        ("breitbart-2014", "U.S."),
        ("iranfreedom-2018", "US"),
    ]
    assert of(mentions, "breitbart-2014", "European Union").alias.tolist() == ["E.U."]


def test_case_rule_acronyms_only_in_capitals(tmp_path):
    docs = make_corpus(
        tmp_path,
        {"a": "Title\n\nTell us about the US and the MEK. The mek met Mrs Rajavi.\n\nThe iranian REGIME spoke."},
    )
    found = actor_mentions(docs)
    assert found.alias.tolist() == ["US", "MEK", "Mrs Rajavi", "iranian REGIME"]
    assert found.sentence_id.tolist() == [2, 2, 3, 4]


def test_curly_and_straight_apostrophes_and_no_break_spaces_match_alike(tmp_path):
    docs = make_corpus(tmp_path, {"a": "The mullahs' regime and the mullahs’ regime and the Iranian\u00a0regime."})
    found = actor_mentions(docs)
    assert found.alias.tolist() == ["mullahs' regime", "mullahs’ regime", "Iranian\u00a0regime"]
    assert set(found.listed_alias) == {"mullahs' regime", "Iranian regime"}


def test_longest_alias_wins(mentions):
    # ips-2007: "opposed to the Islamic Republic of Iran inside and outside" is one mention, not also
    # "Islamic Republic" and "Iran"; "Islamic Republic" alone: "the overthrow of the" and "fighting against the".
    ips = of(mentions, "ips-2007")
    assert ips.alias.tolist().count("Islamic Republic of Iran") == 1
    assert ips.alias.tolist().count("Islamic Republic") == 2
    # breitbart-2014: "Bashar al-Assad’s position" is one mention of the person, not also "Assad".
    assert "Bashar al-Assad" in of(mentions, "breitbart-2014", "Bashar al-Assad").alias.tolist()


def test_another_actor_list_as_a_dataframe(docs):
    mine = pd.DataFrame({"actor": ["Iranian state"], "actor_type": ["state"], "alias": ["Tehran"]})
    found = actor_mentions(docs, actors=mine)
    # "ruling theocracy in Tehran" (ips-2007), "appeasement towards Tehran" (ncri-2010), "Tehran regime" and
    # "stand up to Tehran" (moroccantimes-2015), "Tehran’s main goal" (iranfreedom-2018).
    assert found.doc_id.value_counts().to_dict() == {
        "moroccantimes-2015": 3,
        "ips-2007": 1,
        "ncri-2010": 1,
        "iranfreedom-2018": 1,
    }


def test_mention_counts_per_article(docs, mentions):
    counts = mention_counts(docs, mentions=mentions)
    assert list(counts.columns) == ["doc_id", "actor", "actor_type", "mentions", "articles", "per_1000"]
    assert counts.mentions.sum() == len(mentions)
    row = counts[(counts.doc_id == "iranfreedom-2018") & (counts.actor == "PMOI/MEK")].iloc[0]
    words = docs.set_index("doc_id").n_words["iranfreedom-2018"]
    assert row.mentions == 6  # "mujahidin or MEK" and five MEK
    assert row.per_1000 == round(6 / words * 1000, 2)
    assert list(dict.fromkeys(counts.doc_id)) == list(docs.doc_id)


def test_mention_counts_by_other_columns(docs, mentions):
    whole = mention_counts(docs, by=None, mentions=mentions)
    assert "doc_id" not in whole.columns
    state = whole[whole.actor == "PMOI/MEK"].iloc[0]
    assert (state.mentions, state.articles) == (14, 5)
    assert whole.mentions.is_monotonic_decreasing
    by_outlet = mention_counts(docs, by="outlet", mentions=mentions)
    assert set(by_outlet.outlet) == set(docs.outlet)
    with pytest.raises(ValueError, match=r"by='nope' is not a metadata column of docs.*outlet.*or by=None"):
        mention_counts(docs, by="nope", mentions=mentions)


def test_co_mentions(docs, sents, mentions):
    pairs = co_mentions(docs, mentions=mentions, sents=sents)
    assert list(pairs.columns) == CO_MENTION_COLUMNS
    assert (pairs.actor_a < pairs.actor_b).all()
    assert pairs.sentences.is_monotonic_decreasing
    # breitbart-2014: "Mrs Maryam Rajavi, ... and Mr Ahmad Jarba", "Mr. Jarba stipulated ... led by Mrs. Rajavi",
    # "The meeting between Rajavi and Jarba took place".
    jarba = pairs[(pairs.actor_a == "Ahmad Jarba") & (pairs.actor_b == "Maryam Rajavi")].iloc[0]
    assert (jarba.sentences, jarba.articles) == (3, 1)
    assert "Mrs Maryam Rajavi" in jarba.example and "Mr Ahmad Jarba" in jarba.example
    assert co_mentions(docs, mentions=mentions, sents=sents, min_count=4).sentences.min() >= 4
    with pytest.raises(ValueError, match="min_count"):
        co_mentions(docs, mentions=mentions, min_count=0)


def test_unlisted_names_show_blind_spots(docs, sents, toks, mentions):
    names = unlisted_names(docs, mentions=mentions, sents=sents, toks=toks)
    assert list(names.columns) == UNLISTED_COLUMNS
    found = set(names.name)
    # ips-2007 "denounced the Kurds", "make a Noah’s Ark"; breitbart-2014 "near the Baghdad International Airport",
    # "the Universal Declaration of Human Rights"; ips-2007 "a 21-members Executive Council".
    assert {
        "Kurds",
        "Noah’s Ark",
        "Baghdad International Airport",
        "Universal Declaration of Human Rights",
        "Executive Council",
    } <= found
    # Listed names, sentence-initial ordinary words, stopwords, months and the title-case headline are not flagged.
    for not_a_blind_spot in ["Camp Ashraf", "The", "Every", "Visibly", "Dignitaries", "June", "Leaders", "Big Medium"]:
        assert not_a_blind_spot not in found
    kurds = names[names.name == "Kurds"].iloc[0]
    assert (kurds["count"], kurds.articles) == (1, 1) and "denounced the Kurds" in kurds.example
    assert unlisted_names(docs, mentions=mentions, sents=sents, toks=toks, min_count=2)["count"].min() >= 2


def test_first_mentions_and_how_actors_are_introduced(docs, sents, mentions):
    first = first_mentions(docs, mentions=mentions, sents=sents).set_index(["doc_id", "actor"])
    assert first.index.is_unique
    # breitbart-2014: "Mrs Maryam Rajavi, the President-elect of the NCRI (National Council of Resistance of Iran),"
    rajavi = first.loc[("breitbart-2014", "Maryam Rajavi")]
    assert rajavi.alias == "Mrs Maryam Rajavi"
    assert "the President-elect of the NCRI" in rajavi.introduced_as
    # ncri-2010: "with the Iranian Resistance’s President-elect, Mrs. Maryam Rajavi, at her residence"
    assert (
        first.loc[("ncri-2010", "Maryam Rajavi"), "introduced_as"] == "the Iranian Resistance’s President-elect; Mrs."
    )
    # breitbart-2014: "Recently, Rahim Safavi, former head of the IRGC (Iranian Revolutionary Guards Corps), delivered"
    assert first.loc[("breitbart-2014", "Rahim Safavi"), "introduced_as"] == (
        "former head of the IRGC (Iranian Revolutionary Guards Corps)"
    )
    # ips-2007: "the reformist movement initiated by former president Mohammad Khatami, both Mr. Baqerzadeh"
    assert first.loc[("ips-2007", "Mohammad Khatami"), "introduced_as"] == "former president"
    # moroccantimes-2015: "from Algeria, Bahrain, Egypt" is a list of places, not a description.
    assert first.loc[("moroccantimes-2015", "Algeria"), "introduced_as"] == ""


def test_first_mention_is_the_earliest(docs, sents, mentions):
    first = first_mentions(docs, mentions=mentions, sents=sents)
    earliest = mentions.groupby(["doc_id", "actor"]).sentence_id.min()
    assert all(earliest[(d, a)] == s for d, a, s in zip(first.doc_id, first.actor, first.sentence_id))


def test_naming_choices_for_pmoi_mek(docs, mentions):
    choices = naming_choices(docs, "pmoi/mek", mentions=mentions)  # the label in any case
    assert list(choices.columns) == ["actor", "doc_id", "alias", "count", "share"]
    full = "People’s Mojahedin Organization of Iran (PMOI/MEK)"
    free = text_of(docs, "iranfreedom-2018")
    assert list(zip(choices.doc_id, choices.alias, choices["count"])) == [
        ("ips-2007", "MKO", 3),
        ("ips-2007", "Mojahedeen Khalq Organisation (MKO)", 1),
        ("ncri-2010", full, 2),
        ("breitbart-2014", full, 1),
        ("moroccantimes-2015", full, 1),
        ("iranfreedom-2018", "MEK", len(re.findall(r"\bMEK\b", free))),  # five
        ("iranfreedom-2018", "mujahidin", 1),  # "members of the mujahidin or MEK"
    ]
    assert choices.groupby("doc_id").share.sum().round(6).eq(1).all()


def test_naming_choices_keep_surface_forms_apart(docs, mentions):
    rajavi = naming_choices(docs, "Maryam Rajavi", mentions=mentions)
    breitbart = rajavi[rajavi.doc_id == "breitbart-2014"].set_index("alias")["count"].to_dict()
    # "Mrs Rajavi called on", "led by Mrs. Rajavi", "Rajavi said" and "between Rajavi and Jarba"
    assert breitbart == {"Rajavi": 2, "Mrs Maryam Rajavi": 1, "Mrs Rajavi": 1, "Mrs. Rajavi": 1}
    state = naming_choices(docs, "Iranian state", mentions=mentions)
    assert {"mullahs", "Islamic Republic", "clerical regime", "Iranian regime"} <= set(state.alias)


def test_naming_choices_unknown_actor(docs, mentions):
    with pytest.raises(ValueError, match=r"No actor called 'PMOI'.*'PMOI/MEK'.*sorted\(load_actors\(\)\.actor\.unique"):
        naming_choices(docs, "PMOI", mentions=mentions)
    with pytest.raises(ValueError, match="Give an actor name"):
        naming_choices(docs, "  ", mentions=mentions)


def test_empty_corpus_and_wrong_types(docs):
    empty = actor_mentions(docs.iloc[0:0])
    assert empty.empty and list(empty.columns) == MENTION_COLUMNS
    with pytest.raises(TypeError, match="load_corpus"):
        actor_mentions("not a table")
    with pytest.raises(TypeError, match="actors must be"):
        actor_mentions(docs, actors=42)


def test_actor_list_missing_a_column(tmp_path, docs):
    path = tmp_path / "actors.csv"
    path.write_text("actor,alias\nIranian state,Tehran\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"no column 'actor_type' \(the (file|table) has: actor, alias\)"):
        actor_mentions(docs, actors=path)
    with pytest.raises(CorpusError, match=r"no column 'actor_type' \(the (file|table) has: actor, alias\)"):
        actor_mentions(docs, actors=pd.DataFrame({"actor": ["x"], "alias": ["y"]}))


def test_actor_list_with_a_duplicate_alias(tmp_path, docs):
    path = tmp_path / "actors.csv"
    path.write_text(
        "actor,actor_type,alias\nIranian state,state,mullahs' regime\nIranian regime,state,Mullahs’ Regime\n",
        encoding="utf-8",
    )
    with pytest.raises(CorpusError, match=r"same alias is listed more than once: row 2 .*row 3"):
        load_actors(path)
    bad_type = pd.DataFrame({"actor": ["x"], "actor_type": ["country"], "alias": ["y"]})
    with pytest.raises(CorpusError, match="'country' is not one of"):
        actor_mentions(docs, actors=bad_type)
    blank = pd.DataFrame({"actor": ["x"], "actor_type": ["place"], "alias": [None]})
    with pytest.raises(CorpusError, match="field 'alias': empty"):
        actor_mentions(docs, actors=blank)


def test_nothing_found_gives_empty_tables_with_the_columns(tmp_path):
    docs = make_corpus(tmp_path, {"a": "Title\n\nNothing here names anyone on the list."})
    assert list(actor_mentions(docs).columns) == MENTION_COLUMNS and actor_mentions(docs).empty
    assert co_mentions(docs).empty and list(co_mentions(docs).columns) == CO_MENTION_COLUMNS
    assert first_mentions(docs).empty
    assert naming_choices(docs, "PMOI/MEK").empty
    assert mention_counts(docs).empty
    with pytest.raises(ValueError, match="Nothing to plot"):
        plot_actor_mentions(mention_counts(docs))
