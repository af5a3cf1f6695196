"""Quotations (helpers/quotes.py): the words between quotation marks, who the article says they come from, and how
much room they get."""

import re

import pandas as pd
import pytest

from helpers import PRACTICE_CORPUS, CorpusError, load_actors, load_corpus, plot_voices
from helpers import quotes as quote_rules
from helpers.quotes import (
    QUOTE_COLUMNS,
    SHARE_COLUMNS,
    TERM_COLUMNS,
    VOICE_COLUMNS,
    quotations,
    quoted_share,
    quoted_terms,
    voices,
)
from helpers.text import count_words
from tests.support import make_corpus, text_of

pytestmark = pytest.mark.filterwarnings("ignore:.*no list of your own was given:UserWarning")

MARKS = '“”"'


@pytest.fixture(scope="module")
def terms(docs, sents):
    return quoted_terms(docs, sents=sents)


def of(quotes, doc_id):
    return quotes[quotes.doc_id == doc_id].reset_index(drop=True)


def starting(quotes, doc_id, words):
    rows = of(quotes, doc_id)
    rows = rows[rows.quote.str.startswith(words)]
    assert len(rows) == 1, f"expected one quotation starting {words!r} in {doc_id}"
    return rows.iloc[0]


def test_breitbart_quotes_rajavi_safavi_khamenei_and_suleimani(quotes):
    rows = of(quotes, "breitbart-2014")
    # “Through our struggle,” Rajavi said, “we can rid …”  (two pieces of one quotation)
    # Safavi, …, said, “Iran’s influence …”   /   If the Assad regime fell, he noted, “… it will be …”
    # Khamenei had emphasized, “Syria is a red line …”   /   Ghasem Suleimani, …, told …, “We will defend Syria …”
    assert rows.actor.tolist() == [
        "Maryam Rajavi",
        "Maryam Rajavi",
        "Rahim Safavi",
        "Rahim Safavi",
        "Ali Khamenei",
        "Ghasem Suleimani",
    ]
    assert rows.speaker.tolist() == ["Rajavi", "Rajavi", "Safavi", "Safavi", "Khamenei", "Ghasem Suleimani"]
    assert rows.cue.tolist() == ["said", "said", "said", "noted", "emphasized", "told"]
    assert rows.quotation_id.nunique() == 5


def test_he_noted_is_resolved_to_safavi(quotes):
    # If the Assad regime fell, he noted, “… it will be the turn of Hezbollah of Lebanon …”
    row = starting(quotes, "breitbart-2014", "… it will be the turn of Hezbollah")
    assert (row.speaker, row.actor, row.speaker_kind, row.cue) == (
        "Safavi",
        "Rahim Safavi",
        "pronoun (resolved)",
        "noted",
    )


def test_a_quotation_interrupted_by_its_attribution_is_two_pieces_of_one_quotation(docs, quotes):
    first = starting(quotes, "breitbart-2014", "Through our struggle,")
    second = starting(quotes, "breitbart-2014", "we can rid our countries")
    assert first.quotation_id == second.quotation_id
    assert first.n_words == 3  # short, but attributed: a quotation, not a quoted term
    between = text_of(docs, "breitbart-2014")[first.end : second.start]
    assert between == " Rajavi said, "


def test_suleimani_quotation_is_counted_word_by_word(quotes):
    row = starting(quotes, "breitbart-2014", "We will defend Syria")
    assert row.quote == "We will defend Syria to the end."
    assert row.n_words == 7


def test_reversed_marks_open_quotations_attributed_to_rajavi(docs, quotes):
    text = text_of(docs, "moroccantimes-2015")
    # Rajavi stated,” The fact is that ISIS emerged …
    fact = starting(quotes, "moroccantimes-2015", "The fact is")
    assert (fact.speaker, fact.actor, fact.cue, fact.marks) == ("Rajavi", "Maryam Rajavi", "stated", "reversed")
    assert text[fact.start] == "”" and text[fact.start - 1] == ","
    # … the Tehran regime.” She added,” In Iraq, do not collaborate …
    iraq = starting(quotes, "moroccantimes-2015", "In Iraq")
    assert (iraq.actor, iraq.speaker_kind, iraq.cue, iraq.marks) == (
        "Maryam Rajavi",
        "pronoun (resolved)",
        "added",
        "reversed",
    )
    assert fact.quote.endswith("taking sides with the Tehran regime.")
    assert iraq.quote.endswith("more dangerous than the other henchmen.")


def test_these_are_the_words_of_maryam_rajavi(quotes):
    # “Today, western and Arab world’s policy makers stress … both of them.” These are the words of Maryam Rajavi, …
    row = starting(quotes, "moroccantimes-2015", "Today, western and Arab")
    assert (row.speaker, row.actor, row.cue) == ("Maryam Rajavi", "Maryam Rajavi", "words of")


def test_a_quotation_running_over_three_lines(quotes):
    # Mrs. Rajavi went on, “The solution in Iraq … \n The solution in Syria … \n … all across the region.”
    row = starting(quotes, "moroccantimes-2015", "The solution in Iraq")
    assert row.quote.count("\n") == 2
    assert row.quote.endswith("uprooted all across the region.")
    assert (row.speaker, row.cue, row.closed) == ("Mrs. Rajavi", "went on", True)


def test_speaker_named_with_a_title_after_the_name(quotes):
    # Hoda Badran, Chair of the Network of Arab Women from Egypt, said: “The Iranian regime is not trustworthy. …”
    row = starting(quotes, "moroccantimes-2015", "The Iranian regime is not trustworthy")
    assert (row.speaker, row.actor, row.speaker_kind, row.cue) == ("Hoda Badran", "Hoda Badran", "listed actor", "said")


def test_mixed_marks_quotation_from_ebrahimi(docs, quotes):
    text = text_of(docs, "ips-2007")
    # “Exiled opposition groups … inside the country", Mr. Amir Farshad Ebrahimi, …, told Mr. Ahmad Rafat …
    row = starting(quotes, "ips-2007", "Exiled opposition groups")
    assert (row.speaker, row.actor, row.cue, row.marks) == (
        "Mr. Amir Farshad Ebrahimi",
        "Amir Farshad Ebrahimi",
        "told",
        "mixed",
    )
    assert (text[row.start], text[row.end - 1]) == ("“", '"')


def test_unnamed_sources_pronoun_and_follow_on_quotation(quotes):
    # “What they (organizers) are doing …”, one frustrated delegate told IPS.
    delegate = starting(quotes, "ips-2007", "What they (organizers)")
    assert (delegate.speaker, delegate.speaker_kind, delegate.actor) == (
        "one frustrated delegate",
        "unnamed source",
        "",
    )
    # “The fate of this meeting …”, another participant predicted.
    assert starting(quotes, "ips-2007", "The fate of this meeting").speaker == "another participant"
    # But Dr. Hoseyn Baqerzadeh, … says …  ¶  “We were able to overcome …”, he added
    added = starting(quotes, "ips-2007", "We were able to overcome")
    assert (added.actor, added.speaker_kind, added.cue) == ("Hoseyn Baqerzadeh", "pronoun (resolved)", "added")
    # “…”, Dr. Ahi, explained.
    assert starting(quotes, "ips-2007", "Our objective is democracy").speaker == "Dr. Ahi"
    # … but immediately added “not now. Not at this stage”. “We are trying to create …”.
    now = starting(quotes, "ips-2007", "not now.")
    follow_on = starting(quotes, "ips-2007", "We are trying to create")
    assert (now.speaker, now.cue) == ("Dr. Ahi", "added")
    assert (follow_on.speaker, follow_on.actor, follow_on.cue) == ("Dr. Ahi", "Shahriar Ahi", "")
    # … wounding some of them", Mr. Firouzmand, one of the organisers told Iran Press Service.
    assert starting(quotes, "ips-2007", "As the meeting started").speaker == "Mr. Firouzmand"
    # “… the Islamic Republic”, Mr. Ahi pointed out
    assert starting(quotes, "ips-2007", "INS is not a political party").cue == "pointed out"


def test_unclosed_quotation_ends_before_the_next_one_in_its_paragraph(docs, quotes):
    text = text_of(docs, "ips-2007")
    # … regime is “not reformable, as seen by … both Mr. Baqerzadeh and Ahi insists that the “final aim” …
    row = starting(quotes, "ips-2007", "not reformable")
    assert not row.closed
    assert row.end <= text.index("“final aim")
    assert row.quote.endswith("insists that the")
    assert row.speaker_kind == "none"


def test_speech_excerpt_never_closes_and_runs_to_the_end(docs, quotes):
    text = text_of(docs, "ncri-2010")
    rows = of(quotes, "ncri-2010")
    assert len(rows) == 1
    row = rows.iloc[0]
    # Mrs. Rajavi also addressed the participants in a speech excerpts of which follow:  ¶  “… From our point …
    assert not row.closed
    assert row.quote.startswith("… From our point of view")
    assert row.end == len(text.rstrip())
    assert row.quote.endswith("democracy has been secured in Iran.")
    assert (row.speaker, row.actor, row.cue) == ("Mrs. Rajavi", "Maryam Rajavi", "addressed")


def test_scare_quotes_are_quoted_terms_not_quotations(quotes, terms):
    scare = {
        "invitation-only",
        "go between",
        "motherland",
        "observers",
        "Alternative",
        "Iran Solidarity",
        "Adnkronosinternational",
        "final aim",
    }
    ips_terms = set(terms[terms.doc_id == "ips-2007"].term)
    assert scare == ips_terms
    assert not scare & set(quotes.quote)


def test_a_few_words_tied_to_a_reporting_verb_are_a_quotation(quotes, terms):
    # Baqerzadeh … says the Iranian National Solidarity is “a turning point” in the struggle …: five words after
    # "says", so a partial quotation of his, as the real-news labels count them (tests/data/real-news/README.md)
    assert "a turning point" not in set(terms.term)
    turning = quotes[quotes.quote == "a turning point"]
    assert (turning.speaker.tolist(), turning.actor.tolist(), turning.cue.tolist()) == (
        ["Dr. Hoseyn Baqerzadeh"],
        ["Hoseyn Baqerzadeh"],
        ["says"],
    )


def test_quoted_terms_offsets_point_at_their_marks(docs, terms):
    texts = dict(zip(docs.doc_id, docs.text))
    for row in terms.itertuples():
        text = texts[row.doc_id]
        assert text[row.start] in MARKS and text[row.end - 1] in MARKS
        assert text[row.start + 1 : row.end - 1].strip() == row.term
    assert list(terms.columns) == TERM_COLUMNS


def test_offsets_point_at_the_marks_and_quote_is_the_text_between(docs, quotes):
    texts = dict(zip(docs.doc_id, docs.text))
    for row in quotes.itertuples():
        text = texts[row.doc_id]
        assert text[row.start] in MARKS
        if row.closed:
            assert text[row.end - 1] in MARKS
            assert text[row.start + 1 : row.end - 1].strip() == row.quote
        else:
            assert text[row.start + 1 : row.end].strip() == row.quote
    assert quotes.n_words.tolist() == count_words(quotes.quote).tolist()


def test_columns_order_and_quotation_counts(quotes):
    assert list(quotes.columns) == QUOTE_COLUMNS
    assert isinstance(quotes.index, pd.RangeIndex)
    counts = quotes.groupby("doc_id", sort=False).quotation_id.nunique().to_dict()
    assert counts == {"ips-2007": 13, "ncri-2010": 1, "breitbart-2014": 5, "moroccantimes-2015": 6}


def test_a_custom_actor_list_is_used(docs, sents):
    actors = load_actors()
    actors = actors[actors.actor != "Maryam Rajavi"]
    rows = of(quotations(docs, actors=actors, sents=sents), "moroccantimes-2015")
    assert set(rows.actor) == {"", "Hoda Badran"}
    assert rows.speaker_kind.tolist().count("other name") == 4  # Rajavi, Rajavi, Mrs. Rajavi, Maryam Rajavi


def test_voices_shares_add_up_to_one_in_each_article(docs, quotes):
    table = voices(docs, quotes=quotes)
    assert list(table.columns) == ["doc_id", "speaker", "speaker_kind", "quotations", "words_quoted", "share_of_words"]
    sums = table.groupby("doc_id").share_of_words.sum()
    assert sums.round(3).eq(1.0).all()
    breitbart = table[table.doc_id == "breitbart-2014"].set_index("speaker")
    assert breitbart.loc["Maryam Rajavi", "quotations"] == 1  # interrupted: counted once
    assert breitbart.loc["Rahim Safavi", "quotations"] == 2
    ips = table[table.doc_id == "ips-2007"].set_index("speaker")
    assert ips.loc["unnamed source", "quotations"] == 2  # one frustrated delegate, another participant
    assert ips.loc["no speaker found", "quotations"] == 1  # “not reformable, …
    words = quotes[quotes.actor == "Maryam Rajavi"].groupby("doc_id").n_words.sum()
    assert table[table.speaker == "Maryam Rajavi"].set_index("doc_id").words_quoted.to_dict() == words.to_dict()


def test_voices_by_outlet_and_bad_by(docs, quotes):
    by_outlet = voices(docs, quotes=quotes, by="outlet")
    assert by_outlet.columns[0] == "outlet"
    assert by_outlet.outlet.iloc[0] == "Iran Press Service"
    with pytest.raises(ValueError, match=r"by='colour' is not a metadata column of docs.*doc_id, title, outlet"):
        voices(docs, quotes=quotes, by="colour")
    pd.testing.assert_frame_equal(voices(docs), voices(docs, quotes=quotes))  # found when not given


def test_quoted_share_has_a_line_per_article(docs, quotes):
    table = quoted_share(docs, quotes=quotes)
    assert list(table.columns) == SHARE_COLUMNS
    assert table.doc_id.tolist() == docs.doc_id.tolist()
    free = table.set_index("doc_id").loc["iranfreedom-2018"]
    assert (free.quotations, free.words_quoted, free.quoted_share) == (0, 0, 0.0)  # no quotation marks at all
    ncri = table.set_index("doc_id").loc["ncri-2010"]
    assert ncri.words_quoted == quotes[quotes.doc_id == "ncri-2010"].n_words.sum()
    assert ncri.quoted_share == round(ncri.words_quoted / ncri.n_words, 4)


def test_empty_corpus_gives_empty_tables_with_the_right_columns(docs):
    empty = docs.iloc[0:0]
    assert list(quotations(empty).columns) == QUOTE_COLUMNS
    assert quotations(empty).empty and quoted_terms(empty).empty
    assert list(quoted_terms(empty).columns) == TERM_COLUMNS
    assert list(voices(empty).columns) == ["doc_id", *VOICE_COLUMNS]
    assert quoted_share(empty).empty


def test_article_without_quotation_marks(docs):
    free = docs[docs.doc_id == "iranfreedom-2018"]
    result = quotations(free)
    assert result.empty and list(result.columns) == QUOTE_COLUMNS
    assert voices(free, quotes=result).empty
    assert quoted_share(free, quotes=result).quotations.tolist() == [0]


def test_wrong_inputs_get_clear_errors(docs, quotes):
    with pytest.raises(TypeError, match=r"quotations\(\) needs docs, the DataFrame from load_corpus"):
        quotations("some text")
    with pytest.raises(CorpusError, match=r"no column 'actor_type', 'alias'"):
        quotations(docs, actors=pd.DataFrame({"actor": ["X"]}))
    with pytest.raises(ValueError, match=r"voices\(\): quotes= has no column 'quotation_id'"):
        voices(docs, quotes=pd.DataFrame({"doc_id": ["a"]}))
    with pytest.raises(ValueError, match="No quotations to plot"):
        plot_voices(voices(docs, quotes=quotes.iloc[0:0]))


def test_stray_and_paragraph_rules_on_a_small_corpus(tmp_path):
    corpus = make_corpus(
        tmp_path,
        {
            # an inch mark is not a quotation; a quotation left open ends with its paragraph
            "a": 'He bought a 12" screen. Mr. Jarba told reporters: “This opens a new chapter for all of us\n\n'
            "The next paragraph is the writer's.",
            # the next paragraph opens with a mark: the same quotation goes on (print convention)
            "b": "Rajavi said, “The first part of the speech.\n\n“The second part of the speech.”\n\nThe end.",
        },
    )
    rows = quotations(corpus)
    a, b = rows[rows.doc_id == "a"].iloc[0], rows[rows.doc_id == "b"].iloc[0]
    assert (a.quote, a.closed, a.speaker, a.cue) == (
        "This opens a new chapter for all of us",
        False,
        "Mr. Jarba",
        "told",
    )
    assert len(rows) == 2
    assert b.closed and b.quote.endswith("The second part of the speech.") and b.speaker == "Rajavi"


def test_a_speakers_title_does_not_hide_a_listed_actor():
    practice = load_corpus(PRACTICE_CORPUS)
    found = quotations(practice, actors=load_actors(PRACTICE_CORPUS / "actors.csv"))
    # council-2021-03-12: "Councillor Ada Brightwell, ..., said: ..." -- the list has "Ada Brightwell", not the title
    council = found[found.doc_id == "council-2021-03-12"]
    assert council.speaker.tolist() == ["Councillor Ada Brightwell"]
    assert council.actor.tolist() == ["Ada Brightwell"] and council.speaker_kind.tolist() == ["listed actor"]


# ---------------------------------------- wire copy (issue #13): invented sentences, one rule each


def wire(*texts: str) -> pd.DataFrame:
    """Articles written for one rule each, without files, and their quotations with the course's actor list."""
    docs = pd.DataFrame({"doc_id": [f"w{i}" for i in range(len(texts))], "text": list(texts)})
    return quotations(docs)


def speakers(found: pd.DataFrame) -> list[tuple[str, str]]:
    return list(zip(found.speaker, found.speaker_kind))


def test_a_weekday_or_a_month_before_the_verb_is_not_the_speaker():
    found = wire(
        "Senator Jane Doe on the Senate floor on Tuesday said, “We will not accept this bill at all.”",
        "Prime Minister Jacinda Ardern in a speech in March said, “The road has been closed to all traffic.”",
    )
    assert speakers(found) == [("Senator Jane Doe", "other name"), ("Prime Minister Jacinda Ardern", "other name")]


def test_the_and_an_acronym_or_a_body_is_a_speaker():
    found = wire(
        "The group wrote to the ministry. “We expect an answer within days,” the ADL said in a statement.",
        "The ADL said, “The numbers have never been this high before.”",
        "The State Department said, “The embassy will stay open for the time being.”",
    )
    assert found.speaker.tolist() == ["the ADL", "The ADL", "The State Department"]
    assert (found.speaker_kind == "other name").all()


def test_a_continuation_keeps_the_speaker_of_the_quotation_before():
    found = wire(
        "“This is a dangerous moment for everyone,” said Mark Smith, a lawyer for the family. “We will appeal.”",
        "“Prices will keep rising through the summer months,” the ministry said. “We have no other choice.”",
    )
    assert speakers(found) == [("Mark Smith", "other name")] * 2 + [("the ministry", "unnamed source")] * 2
    assert found.cue.tolist() == ["said", "", "said", ""]


def test_a_quotation_that_ends_its_sentence_does_not_take_the_next_sentences_subject():
    found = wire(
        "Crowds gathered outside. “We are ready to fight for our rights today.” Police arrested two men later.",
        "“We are ready to fight for our rights today.” Protesters marched on, the report said.",
    )
    assert speakers(found) == [("", "none"), ("", "none")]
    # ... but a sentence that is nothing but the attribution gives it
    found = wire("“We are ready to fight for our rights today.” Pelosi said. The House then voted.")
    assert speakers(found) == [("Pelosi", "other name")]


def test_he_and_she_are_never_a_weekday_month_place_or_organisation():
    found = wire(
        "The Pentagon issued a statement on Monday. He said, “The strikes will continue for as long as needed.”",
        "Lawmakers met in March. He said, “The strikes will continue for as long as needed.”",
        "Tuesday brought new talks in Geneva. She told reporters, “Nothing has been agreed yet at all.”",
        "Northamptonshire police spoke with Anna Berg. She said, “I have no plans to leave the country.”",
    )
    assert speakers(found) == [("He", "pronoun (unresolved)")] * 2 + [("She", "pronoun (unresolved)")] * 2


def test_he_and_she_are_never_a_place_of_two_words_or_more():
    # the first sentence of each is a real Wikinews sentence (CC BY 2.5, tests/data/real-news/articles.csv) that opens
    # with a place; the quotation after it is a real one of the same corpus, whose speaker was named elsewhere
    said = "She said, “I have instructed ODESC to report to Cabinet on Monday on these events.”"
    opening = [
        "New Jersey had the lowest rate, which was three per 100,000 people.",
        "New Zealand serves as a travel hub for small Pacific nations.",
        "Puerto Rico is currently an unincorporated commonwealth territory of the United States.",
        "North Korea claimed, as of Thursday, it was one of the few countries remaining free of coronavirus "
        "infections.",
        "Saudi Arabia extended curfews in the holy cities of Mecca and Medina to last the entire day.",
        "Hong Kong student groups had given the government until Thursday to throw it out entirely.",
    ]
    found = wire(*(f"{sentence} {said}" for sentence in opening))
    assert speakers(found) == [("She", "pronoun (unresolved)")] * len(opening)
    # the person named before the place is still found
    found = wire(f"Prime Minister Jacinda Ardern spoke on Saturday. {opening[1]} {said}")
    assert speakers(found) == [("Prime Minister Jacinda Ardern", "pronoun (resolved)")]


def test_is_place_knows_countries_states_cities_and_their_first_words():
    from helpers.names import is_place

    places = ["New York", "the United Kingdom", "South Africa", "Hong Kong", "Fort Lee", "San Bernardino", "Geneva"]
    assert all(is_place(p) for p in places)
    assert not any(is_place(p) for p in ["Sadiq Khan", "Kanye West", "Jacinda Ardern", "Washington Post reporter"])


def test_speakers_after_a_time_phrase_a_title_of_a_place_or_with():
    found = wire(
        "A month later, O'Rourke told the crowd, “We are going to take your rifles away from you.”",
        "“I am in awe of the people who ran towards danger,” tweeted Mayor of London Sadiq Khan (no relation).",
        "Search and rescue was suspended on Tuesday, with Zinichev describing the “real threat of collapse” as "
        "serious.",
        "The Biden campaign recycled a statement it first put out in July: “The American people will decide.”",
        "The new governor of the region, Alexander Moor, said in his message: “Medical tourism is growing rapidly.”",
    )
    assert found.speaker.tolist() == ["O'Rourke", "Sadiq Khan", "Zinichev", "The Biden campaign", "Alexander Moor"]


def test_speakers_after_a_qualified_title_an_age_a_passive_or_a_possessive():
    found = wire(
        "State Senator Patricia Ann Spearman remarked, “It's been a long, hard fight for all of us.”",
        "Another was tour manager Thomas Gray, 24, who cited his rugby: “I did what any Londoner would do.”",
        "He was told by Emergencies Minister Yevgeny Zinichev of “presumably forty people under the rubble”.",
        "Znak.com reported its source said “three terrorists were killed” in a firefight.",
        "Kelly Dittmar went on to add, “If we want to see parity, we need more Republican women.”",
        "Biden, during his conference, also countered claims, declaring that he “can hardly wait to compare”.",
    )
    assert found.speaker.tolist() == [
        "Senator Patricia Ann Spearman",
        "Thomas Gray",
        "Emergencies Minister Yevgeny Zinichev",
        "its source",
        "Kelly Dittmar",
        "Biden",
    ]


def test_speakers_with_initials_extended_capitals_participles_and_documents():
    found = wire(
        "According to U.S. Attorney Bash, the manifesto could help the case: “The key factor here is intent.”",
        "Health Minister Łukasz Szumowski said “We couldn't win, sadly,” and the flag is at half-mast.",
        "Ebrard said, “As far as I know, this is the first case,” adding, “For Mexico, he is a terrorist.”",
        "Facebook released a statement which read, in part, “This judgment raises critical questions.”",
        "Trump took to social media, posting on Twitter, “We will get through this together!”",
        "The government of American Samoa issued a statement: “Citizenship by judicial fiat would be wrong.”",
        "Duda said it was an “appalling tragedy for us all” while Interior Minister Joachim Brudziński wrote a letter.",
    )
    assert found.speaker.tolist() == [
        "U.S. Attorney Bash",
        "Health Minister Łukasz Szumowski",
        "Ebrard",
        "Ebrard",
        "Facebook",
        "Trump",
        "The government of American Samoa",
        "Duda",
    ]


def test_he_is_not_an_opening_participle_or_a_name_with_an_acronym_and_may_follow_according_to():
    found = wire(
        "Calling it “just another apology for years”, an activist of the charity told Reuters it was late.",
        "The trial was led by Professor Jean-Jacques Muyembe. According to Muyembe, many people do not seek "
        "treatment. Past EVD outbreak mortality rates have been high. "
        "“Now they will start believing it,” he told the press.",
    )
    assert found.speaker.tolist()[1:] == ["Muyembe"] and found.speaker.iloc[0] != "Calling"


def test_he_and_she_go_back_past_a_place_to_the_person_named_before():
    found = wire(
        "Defense Secretary Mark Esper flew to Brussels. The Pentagon issued a statement on Monday. "
        "He said, “The strikes will continue for as long as needed.”",
        "Anna Berg arrived early. Geneva hosted the talks on Tuesday. She told reporters, “Nothing has been agreed.”",
        "Special effects costumer Ian Campbell had a booth. Amidst the bustle, Campbell was working. "
        "He told us that “it can be tough to keep focus with so many people around”.",
    )
    assert speakers(found) == [
        ("Defense Secretary Mark Esper", "pronoun (resolved)"),
        ("Anna Berg", "pronoun (resolved)"),
        ("Campbell", "pronoun (resolved)"),
    ]


def test_guillemets_are_quotation_marks():
    found = wire("Le ministre a déclaré : « Nous ne céderons pas. » Puis il est parti.")
    assert found.quote.tolist() == ["Nous ne céderons pas."]
    assert found.marks.tolist() == ["guillemets"]


def test_speakers_of_the_practice_corpus_described_before_their_names():
    practice = load_corpus(PRACTICE_CORPUS)
    found = quotations(practice, actors=load_actors(PRACTICE_CORPUS / "actors.csv"))
    # "Club member Raj Dunmore, who cycles ..., put it simply: "…"": the name after the words that describe it
    assert starting(found, "cyclingclub-2021-03", "For the first time").actor == "Raj Dunmore"
    # "Tom Harrow of the Exampleton Traders' Association said ... "…," he said.": he is Harrow, not the association
    assert starting(found, "gazette-2021-03-10", "We are not against bicycles").actor == "Tom Harrow"
    # ""…," said Tom Harrow, who runs the hardware shop ... and chairs the Exampleton Traders' Association."
    assert starting(found, "radio-2021-03-02", "Half of my customers").actor == "Tom Harrow"
    # "Councillor Brightwell says the council will "monitor footfall".": two words, right after her verb
    assert starting(found, "gazette-opinion-2021-03-16", "monitor footfall").actor == "Ada Brightwell"


# ---------------------------------------------------------------- the quick searches find what the plain ones find

# Lines written to try the quick searches where they could part from the plain ones: cues over several words and
# across a line break, cues inside longer words, each word that opens an unnamed source, titles, lower-case openings.
TRICKY = (
    "Sen. Jane Doe pointed   out, “We will not.” One official said, “No.” Its statement read: “Never.”\n"
    "He went\non, “It is over.” Several delegates, speaking to the Atlantic Council, said “enough is enough”. "
    "Their spokesman, Mr. Ali Reza, told reporters: “Wait.” According to Samoa Observer editor Keni Lesa, it rained. "
    "Dr. Anna Berg, who heads the unit, said “soon”. the company said “later”. Many saidly were said to agree. "
    "“We hope so,” added Another Person of the Turkish Ministry of Foreign Affairs. Three officers — one said — left. "
    "A U.S. Attorney Bash (Ret.) said: “Fine.” Some told IPS that “it works”. Her aide was described by the Daily "
    "Hive as “brave”. With Zinichev describing the “plan”, Łukasz Śmigły warned: “Stop.” It said: “Go.” "
    "“We are ready”, according to Samoa Observer editor Keni Lesa. “We will win.” These are the words of Maryam Rajavi."
)


@pytest.fixture(scope="module")
def real_texts():
    """Every text at hand: the course and practice corpora, the 135 Wikinews articles and the tricky lines above."""
    from benchmarks.real_news import load_articles

    course, practice = load_corpus(), load_corpus(PRACTICE_CORPUS)
    return [*course["text"], *practice["text"], *load_articles()["text"], TRICKY]


def test_lists_grouped_by_first_letter_find_what_the_plain_lists_find(real_texts):
    """The reporting verbs and the words that are not names are searched as one alternation grouped by first letter
    (quote_rules._alternatives): it must find the same words, and the same one where several begin at one place."""
    plain_cues = "|".join(
        re.escape(cue).replace(r"\ ", r"\s+") for cue in sorted(quote_rules.REPORTING_CUES, key=len, reverse=True)
    )
    plain_not_names = "|".join([*quote_rules._NOT_NAMES, *(w.capitalize() for w in quote_rules._CALENDAR)])
    pairs = [
        (rf"(?<![\w’'\-])(?:{plain_cues})(?![\w’'\-])", quote_rules._ANY_CUE.pattern),
        (rf"(?P<cue>{plain_cues})\b", quote_rules._CUE),
        (rf"(?<![\w’'\-])(?:{plain_not_names})\b", rf"(?<![\w’'\-])(?:{quote_rules._NOT_A_NAME})\b"),
    ]
    for plain, grouped in pairs:
        plain, grouped = re.compile(plain), re.compile(grouped)
        found = [[m.span() for m in plain.finditer(text)] for text in real_texts]
        assert [[m.span() for m in grouped.finditer(text)] for text in real_texts] == found
        assert sum(map(len, found)) > 1000  # the texts hold plenty of them
    assert re.search(quote_rules._CUE, "He pointed   out that").group() == "pointed   out"  # not "pointed"


def _patterns_of_quotes() -> dict[str, re.Pattern]:
    """The module's compiled patterns, those in its lists of patterns included."""
    found = {}
    for name, value in vars(quote_rules).items():
        if isinstance(value, re.Pattern):
            found[name] = value
        elif isinstance(value, list) and value and all(isinstance(v, (re.Pattern, tuple)) for v in value):
            for i, item in enumerate(value):
                pattern = item if isinstance(item, re.Pattern) else item[-1]
                if isinstance(pattern, re.Pattern):
                    found[f"{name}[{i}]"] = pattern
    return found


def test_the_look_arounds_that_speed_up_the_speaker_patterns_change_nothing(real_texts):
    """Each pattern that looks ahead for the first letter of a name, "the", an unnamed source or a pronoun (the
    ``_..._START`` look-arounds) finds the same as with only the plain check that a word starts there, in the
    stretches of text the rules search: before each reporting verb, and after each quotation mark."""
    starts = [quote_rules._NAME_START, quote_rules._THE_START, quote_rules._UNNAMED_START, quote_rules._PRONOUN_START]
    compared = {}
    for name, pattern in _patterns_of_quotes().items():
        plain = pattern.pattern
        for start in starts:
            plain = plain.replace(start, quote_rules._WORD_START)
        if plain != pattern.pattern:
            compared[name] = (pattern, re.compile(plain))
    assert {"_SPEAKER_BEFORE_VERB[0]", "_SPEAKER_BEFORE_VERB[8]", "_AFTER_NAMED", "_ACCORDING[3]"} <= set(compared)
    windows = []
    for text in real_texts:
        windows += [(text, max(0, cue.start() - 400), cue.start()) for cue in quote_rules._ANY_CUE.finditer(text)]
        after = [text[m.end() : m.end() + 300] for m in quote_rules._MARK_RE.finditer(text)]  # as _attribution_after
        windows += [(window, 0, len(window)) for window in after]
    assert len(windows) > 2500

    def result(pattern, text, lo, hi):
        match = pattern.search(text, lo, hi)
        return match and (match.span(), match.groupdict())

    for name, (quick, plain) in compared.items():
        quick_found = [result(quick, *window) for window in windows]
        assert quick_found == [result(plain, *window) for window in windows], name
        assert any(quick_found), f"{name} never finds anything here: the comparison would say nothing"


def test_asides_looked_for_only_where_their_marks_are_are_all_found(real_texts):
    """_asides skips the search where a stretch has no bracket or dash: it finds every aside the search finds."""
    windows = [(text, lo, lo + 400) for text in real_texts for lo in range(0, len(text), 150)]
    found = [[m.span() for m in quote_rules._ASIDE.finditer(*window)] for window in windows]
    assert [quote_rules._asides(*window) for window in windows] == found
    assert sum(map(len, found)) > 50
