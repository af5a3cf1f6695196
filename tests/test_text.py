"""Text (helpers/text.py): one sentence splitter and one tokenizer for the whole course, correct on this corpus."""

import pandas as pd
import pytest

from helpers import sentences, tokens

# --------------------------------------------------------------------------- sentences


def test_offsets_point_into_the_text(docs, sents):
    texts = docs.set_index("doc_id").text
    for row in sents.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.sentence


def test_sentence_ids_count_from_one_in_each_article(sents):
    for _, group in sents.groupby("doc_id"):
        assert list(group.sentence_id) == list(range(1, len(group) + 1))
    assert sents.groupby("doc_id").size().to_dict() == {
        "breitbart-2014": 26,
        "ips-2007": 28,
        "iranfreedom-2018": 24,
        "moroccantimes-2015": 24,
        "ncri-2010": 28,
    }


@pytest.mark.parametrize(
    "inside",
    [
        "Mrs. Rajavi went on, “The solution in Iraq",  # Mrs.
        "called Mr. Jarba politically weak",  # Mr.
        "”, Dr. Shahriar Ahi, the most powerful voice",  # Dr. after etc..
        "including the U.S. and members of E.U., have unequivocally",  # U.S. and E.U.
        "took place on Sat. June 13 at the outskirt",  # Sat.
        "republicans etc.. ”, Dr. Shahriar",  # etc..
        "parliaments etc.. for their struggle",
        "If the Assad regime fell, he noted, “… it will be the turn",  # an ellipsis does not split
        "including the latest against Ms. Farah Vazehan",
    ],
)
def test_abbreviations_and_ellipses_do_not_end_a_sentence(sents, inside):
    assert sents.sentence.str.contains(inside, regex=False).sum() == 1


@pytest.mark.parametrize(
    "first, second",
    [
        (
            "These are the words of a leader who has been fighting the religious tyranny for over 36 years.",
            "Mrs. Rajavi went on, “The solution in Iraq",
        ),
        (
            "I therefore call upon western governments to refrain from taking sides with the Tehran regime.”",
            "She added,” In Iraq",
        ),
        ("the Islamic Republic of Iran ….”", "Safavi’s formulation best explains"),
    ],
)
def test_sentences_end_where_the_text_ends_them(sents, first, second):
    ends = sents[sents.sentence.str.endswith(first)]
    assert len(ends) == 1
    following = sents[(sents.doc_id == ends.doc_id.iloc[0]) & (sents.sentence_id == ends.sentence_id.iloc[0] + 1)]
    assert following.sentence.iloc[0].startswith(second)


def test_a_paragraph_break_always_ends_a_sentence(docs, sents):
    headline = sents[(sents.doc_id == "ncri-2010") & (sents.sentence_id == 1)].sentence.iloc[0]
    assert (
        headline
        == "Mayors and representatives from 24 French cities express solidarity with Iran opposition and Ashraf"
    )
    assert (
        sents.groupby("doc_id").paragraph_id.max().to_dict()
        == (docs.set_index("doc_id").text.str.count("\n\n") + 1).to_dict()
    )


def test_no_sentences_for_no_text():
    empty = sentences(pd.DataFrame({"doc_id": ["x"], "text": ["   \n\n "]}))
    assert empty.empty and list(empty.columns[:3]) == ["doc_id", "sentence_id", "paragraph_id"]


def test_a_clear_error_for_the_wrong_input():
    with pytest.raises(TypeError, match="load_corpus"):
        sentences("Some text.")


# --------------------------------------------------------------------------- tokens


def toks_of(text):
    return tokens(pd.DataFrame({"doc_id": ["x"], "text": [text]})).token.tolist()


def test_curly_and_straight_apostrophes_are_treated_alike():
    assert toks_of("Iran’s regime and Iran's regime") == ["Iran", "'s", "regime", "and", "Iran", "'s", "regime"]


def test_hyphenated_and_slashed_names_stay_whole(toks):
    words = set(toks.token)
    assert {"al-Assad", "Auvers-sur-Oise", "PMOI/MEK", "Île-de-France", "IRGC-QF", "President-elect"} <= words
    assert (toks.token == "PMOI/MEK").sum() == 4


def test_inner_apostrophes_stay_and_possessives_split(toks):
    words = set(toks.token)
    assert {"Mas'oud", "D'Oise"} <= words
    assert toks_of("This isn't bad, the mullahs’ regime") == ["This", "isn't", "bad", "the", "mullahs", "regime"]


def test_numbers_and_initials(toks):
    assert toks_of("162,000 people, 2.5 million, the U.S. and E.U.") == [
        "162,000",
        "people",
        "2.5",
        "million",
        "the",
        "U.S.",
        "and",
        "E.U.",
    ]
    assert "162,000" in set(toks.token)


def test_a_stray_hyphen_or_dash_is_not_part_of_a_word():
    assert toks_of("Velayt-e- faqih, Iranian –backed, Dr. Ahi -- reported") == [
        "Velayt-e",
        "faqih",
        "Iranian",
        "backed",
        "Dr",
        "Ahi",
        "reported",
    ]


def test_tokens_carry_their_sentence_and_offsets(docs, toks, sents):
    texts = docs.set_index("doc_id").text
    sample = toks.sample(300, random_state=1)
    for row in sample.itertuples():
        assert texts[row.doc_id][row.start : row.end].replace("’", "'") == row.token
        sentence = sents[(sents.doc_id == row.doc_id) & (sents.sentence_id == row.sentence_id)].iloc[0]
        assert sentence.start <= row.start and row.end <= sentence.end


def test_stopwords_come_from_the_editable_list_and_spare_acronyms(toks):
    flagged = toks.groupby("token").is_stopword.first()
    assert flagged["the"] and flagged["'s"] and flagged["against"]
    assert not flagged["regime"] and not flagged["MEK"]
    assert (
        not tokens(pd.DataFrame({"doc_id": ["x"], "text": ["the EU and the US"]})).set_index("token").is_stopword["US"]
    )


def test_lower_is_lower_case_with_straight_apostrophes(toks):
    assert (toks.lower == toks.token.str.lower()).all()
    assert not toks.lower.str.contains("’").any()


def test_tokens_reuse_the_sentences_given_and_split_alike(docs, sents):
    pd.testing.assert_frame_equal(tokens(docs, sents=sents), tokens(docs))
    some = docs.iloc[[3, 0]]
    pd.testing.assert_frame_equal(tokens(some, sents=sents), tokens(some))  # sentences of more articles: narrowed
    with pytest.raises(ValueError, match=r"tokens\(\): sents= has no rows for the article 'ips-2007'"):
        tokens(docs, sents=sents[sents.doc_id != "ips-2007"])
