"""tokens(): one documented tokenizer for the whole course."""

import pandas as pd

from helpers import tokens


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
