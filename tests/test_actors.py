"""Actors: mentions found with the actor list, counts, co-mentions, blind spots, introductions and naming choices.

Every expected value can be checked by reading corpus/texts/; the phrase is in a comment next to the assertion.
Where possible the test counts the phrase in the text with its own regular expression instead of a number.
"""

import re

import pandas as pd
import pytest

from helpers import CorpusError, load_corpus
from helpers.actors import (
    CO_MENTION_COLUMNS,
    MENTION_COLUMNS,
    UNLISTED_COLUMNS,
    actor_mentions,
    co_mentions,
    explore_actors,
    explore_co_mentions,
    explore_naming,
    first_mentions,
    load_actors,
    mention_counts,
    naming_choices,
    plot_actor_mentions,
    plot_co_mentions,
    plot_naming_choices,
    unlisted_names,
)


@pytest.fixture(scope="module")
def mentions(docs, sents):
    return actor_mentions(docs, sents=sents)


def text_of(docs, doc_id):
    return docs.set_index("doc_id").loc[doc_id, "text"]


def of(mentions, doc_id, actor=None):
    chosen = mentions[mentions.doc_id == doc_id]
    return chosen if actor is None else chosen[chosen.actor == actor]


def make_corpus(folder, texts):
    """A small corpus folder: {doc_id: text}."""
    (folder / "texts").mkdir()
    rows = "".join(f"{doc_id},Title {doc_id},Outlet {i},2020-01-0{i + 1}\n" for i, doc_id in enumerate(texts))
    (folder / "metadata.csv").write_text("doc_id,title,outlet,published\n" + rows, encoding="utf-8")
    for doc_id, text in texts.items():
        (folder / "texts" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return load_corpus(folder)


# --------------------------------------------------------------------------- actor_mentions


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
    found = actor_mentions(docs, mine)
    # "ruling theocracy in Tehran" (ips-2007), "appeasement towards Tehran" (ncri-2010), "Tehran regime" and
    # "stand up to Tehran" (moroccantimes-2015), "Tehran’s main goal" (iranfreedom-2018).
    assert found.doc_id.value_counts().to_dict() == {
        "moroccantimes-2015": 3,
        "ips-2007": 1,
        "ncri-2010": 1,
        "iranfreedom-2018": 1,
    }


# --------------------------------------------------------------------------- mention_counts


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
    with pytest.raises(ValueError, match=r"by='nope' is not a column.*outlet"):
        mention_counts(docs, by="nope", mentions=mentions)


# --------------------------------------------------------------------------- co_mentions


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


# --------------------------------------------------------------------------- unlisted_names


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


# --------------------------------------------------------------------------- first_mentions


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


# --------------------------------------------------------------------------- naming_choices


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


# --------------------------------------------------------------------------- bad input


def test_empty_corpus_and_wrong_types(docs):
    with pytest.raises(ValueError, match="no rows"):
        actor_mentions(docs.iloc[0:0])
    with pytest.raises(TypeError, match="load_corpus"):
        actor_mentions("not a table")
    with pytest.raises(TypeError, match="actors must be"):
        actor_mentions(docs, actors=42)


def test_actor_list_missing_a_column(tmp_path, docs):
    path = tmp_path / "actors.csv"
    path.write_text("actor,alias\nIranian state,Tehran\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"missing column\(s\) actor_type"):
        actor_mentions(docs, actors=path)
    with pytest.raises(CorpusError, match=r"missing column\(s\) actor_type"):
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


# --------------------------------------------------------------------------- charts


def test_plot_actor_mentions(docs, mentions):
    counts = mention_counts(docs, mentions=mentions)
    fig, table = plot_actor_mentions(counts, top=3, return_table=True)
    assert fig.layout.title.text == "Actor mentions by article: top 3"
    assert fig.layout.xaxis.title.text == "Mentions" and fig.layout.yaxis.title.text == "Actor"
    assert list(dict.fromkeys(table.actor)) == ["Iranian state", "Iran", "Maryam Rajavi"]
    assert sum(sum(trace.x) for trace in fig.data) == table.mentions.sum()
    assert "per_1000" in fig.data[0].hovertemplate


def test_plot_co_mentions(docs, sents, mentions):
    pairs = co_mentions(docs, mentions=mentions, sents=sents)
    fig, table = plot_co_mentions(pairs, top=5, return_table=True)
    trace = fig.data[0]
    assert list(trace.x) == list(trace.y)
    assert all(trace.z[i][i] is None for i in range(len(trace.x)))
    i, j = list(trace.y).index("Iran"), list(trace.x).index("Iranian state")
    assert trace.z[i][j] == trace.z[j][i] == pairs.sentences.iloc[0]
    assert "Sentences" in trace.hovertemplate and "customdata" in trace.hovertemplate
    assert set(table.columns) >= {"actor", "with_actor", "sentences"}


def test_plot_naming_choices(docs, mentions):
    choices = naming_choices(docs, "PMOI/MEK", mentions=mentions)
    fig, table = plot_naming_choices(choices, return_table=True)
    assert fig.layout.title.text == "How each article names PMOI/MEK"
    assert list(fig.layout.yaxis.categoryarray) == list(docs.doc_id)
    assert fig.layout.barmode == "stack"
    assert fig.data[0].name == "MEK"  # the most frequent form: five times in iranfreedom-2018
    assert "share" in fig.data[0].hovertemplate
    assert len(table) == len(choices)


# --------------------------------------------------------------------------- explorers


def test_explore_actors(docs):
    explorer = explore_actors(docs)
    assert set(explorer.controls) == {"article", "actor_type", "top"}
    assert explorer.table.actor.iloc[0] == "Iranian state"
    explorer.controls["actor_type"].value = "person"
    assert set(explorer.table.actor_type) == {"person"}
    explorer.controls["top"].value = 2
    assert {y for trace in explorer.figure.data for y in trace.y} == {"Maryam Rajavi", "Ahmad Jarba"}
    explorer.controls["article"].value = "breitbart-2014"
    assert explorer.table.actor.iloc[0] == "Maryam Rajavi" and set(explorer.table.actor_type) == {
        "person"
    }  # the text alternative
    assert '<mark title="Maryam Rajavi (person)">Mrs Maryam Rajavi</mark>' in explorer.output.value
    assert "Assad regime</mark>" not in explorer.output.value  # a state, filtered out
    explorer.controls["actor_type"].value = "event"
    explorer.controls["article"].value = "ncri-2010"
    assert explorer.message == "No actor of type event is mentioned in ncri-2010."


def test_explore_naming(docs):
    explorer = explore_naming(docs)
    assert explorer.controls["actor"].value == "PMOI/MEK"
    assert "Iranian state" in explorer.controls["actor"].options
    explorer.controls["article"].value = "iranfreedom-2018"
    assert explorer.table[["alias", "count"]].values.tolist() == [["MEK", 5], ["mujahidin", 1]]
    assert "members of the mujahidin or MEK" in explorer.output.value
    explorer.controls["actor"].value = "Maryam Rajavi"
    assert explorer.message == "iranfreedom-2018 does not mention Maryam Rajavi."
    explorer.controls["article"].value = "all articles"
    assert explorer.figure.layout.title.text == "How each article names Maryam Rajavi"


def test_explore_co_mentions(docs):
    explorer = explore_co_mentions(docs)
    explorer.controls["article"].value = "breitbart-2014"
    jarba = explorer.table[(explorer.table.actor_a == "Ahmad Jarba") & (explorer.table.actor_b == "Maryam Rajavi")]
    assert jarba.sentences.tolist() == [3]
    explorer.controls["top"].value = 3
    assert len(explorer.figure.data[0].x) == 3


def test_explorers_escape_corpus_text(tmp_path):
    docs = make_corpus(
        tmp_path,
        {
            "a": "Title\n\nThe MEK met <script>alert(1)</script> in Paris.\n\nThe PMOI/MEK said <b>no</b>.",
            "b": "Title\n\nThe mullahs <script>alert(2)</script> met the MEK.",
        },
    )
    actors_view = explore_actors(docs)
    actors_view.controls["article"].value = "a"
    naming_view = explore_naming(docs)
    co_view = explore_co_mentions(docs)
    for explorer in (actors_view, naming_view, co_view):
        assert "<script>" not in explorer.output.value
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in actors_view.output.value
    assert "&lt;script&gt;" in naming_view.output.value and "&lt;b&gt;no&lt;/b&gt;" in naming_view.output.value


def test_sentences_in_any_order_give_the_same_mentions(docs, sents):
    shuffled = sents.sample(frac=1, random_state=0)
    pd.testing.assert_frame_equal(actor_mentions(docs, sents=shuffled), actor_mentions(docs, sents=sents))
