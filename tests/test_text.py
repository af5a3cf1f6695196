"""Text (helpers/text.py): one sentence splitter and one tokenizer for the whole course, correct on this corpus."""

import pandas as pd
import pytest

from helpers import sentences, tokens
from helpers.text import abbreviation_kinds, split_sentences

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


def split(text):
    return [text[s:e] for s, e, _ in split_sentences(text)]


@pytest.mark.parametrize(
    "expected",
    [
        # the news cases of issue #13
        ["He moved to the U.S.", "The next year he opened a bakery."],
        ["It was led by Maj. Gen. Patrick Ryder, a spokesman.", "Reporters asked."],
        ["They reached Mt. Hood by noon.", "Two were flown out."],
        ["SAN JOSE, Calif. (AP) — Firefighters contained it.", "No homes were lost."],
        ["The figures appear on p. 55 of the report."],
        ["The vote is set for 10 a.m. Tuesday in the Senate."],
        ["WASHINGTON, DEC. 12 — The Senate passed it.", "The House votes next."],
        ["The measure passed.", "Élise Stefanik voted yes."],
        # abbreviations ignore case; a time ends a sentence before a sentence opener or a title, not after "At 5 a.m."
        ["MR. SMITH LEFT.", "THE END."],
        ["At 5 a.m. Mr. Smith left.", "He came back at 6 P.M.", "Mr. Smith then slept."],
        ["It ended at 8:30 p.m. BST (1930 UTC) on August 27."],
        ["Apple Inc. Chief Executive Tim Cook spoke.", "Apple Inc.", "It grew."],
        ["The answer was no.", "The vote failed.", "Item No. 5 passed."],
        ["Did you see Albert I. Jones and Wayne A. I. Frederick?", "You and I.", "Did you?"],
        # a lower-case word with a capital inside starts a sentence; an elision after a full stop opens the next one
        ["He was killed in the strike.", "al-Muhandis was his deputy."],
        ["It hit the bus.", "[...] 13 students were hurt [...]", "The school helped."],
        ["I never meant that... She left.", "I never meant that....", "She left."],
        # other scripts: French accented capitals and « », Persian (no capitals), Cyrillic
        ["Il a dit « non ».", "À Paris, rien.", "Ça va ?", "Oui."],
        ["این مشکل باقی مانده است!", "بالأخره لوگو تطبیق داده شد.", "«تهران امروز» آمد."],
        ["Я готовилась.", "Одной рукой."],
    ],
)
def test_sentence_rules_on_hard_cases(expected):
    # each case is its sentences, joined by one space
    assert split(" ".join(expected)) == expected


def test_abbreviation_kinds_come_from_the_editable_list():
    kinds = abbreviation_kinds()
    found = [kinds[a] for a in ("maj", "mt", "p", "dec", "a.m", "calif")]
    assert found == ["title", "title", "number", "date", "time", "other"]
    assert "ill" not in kinds  # "ill." ends sentences: left out on purpose


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


def test_sentence_numbers_and_offsets_take_int16_when_every_article_allows_it(docs):
    long_text = "\n\n".join([*docs.text, *docs.text]) + " The last word."  # the five articles twice, as one
    assert len(long_text) > 32_767
    both = pd.DataFrame({"doc_id": ["short", "long"], "text": [docs.text.iloc[0], long_text]})
    short, mixed = tokens(both.iloc[:1]), tokens(both)
    assert short[["sentence_id", "start", "end"]].dtypes.tolist() == ["int16"] * 3
    assert mixed[["sentence_id", "start", "end"]].dtypes.tolist() == ["int16", "int32", "int32"]
    # the same values either way, each offset pointing at its token as written
    shared = mixed[mixed.doc_id == "short"].reset_index(drop=True)
    pd.testing.assert_frame_equal(shared.astype(short.dtypes.to_dict()), short, check_categorical=False)
    last = mixed.iloc[-1]
    assert (last.token, last.end) == ("word", len(long_text) - 1) and long_text[last.start : last.end] == "word"
    many = tokens(pd.DataFrame({"doc_id": ["many"], "text": ["Go. " * 33_000]}))
    assert many.sentence_id.dtype == "int32" and many.sentence_id.tolist() == list(range(1, 33_001))


def test_stopwords_come_from_the_editable_list_and_spare_acronyms(toks):
    flagged = toks.groupby("token").is_stopword.first()
    assert flagged["the"] and flagged["'s"] and flagged["against"]
    assert not flagged["regime"] and not flagged["MEK"]
    assert (
        not tokens(pd.DataFrame({"doc_id": ["x"], "text": ["the EU and the US"]})).set_index("token").is_stopword["US"]
    )


def test_stopwords_whatever_their_case_except_acronyms_in_capitals():
    toks = tokens(pd.DataFrame({"doc_id": ["x"], "text": ["THE PLAN IS OURS: US troops, it is us, IT staff, The WHO"]}))
    flagged = dict(zip(toks.token, toks.is_stopword))
    assert flagged["THE"] and flagged["IS"] and flagged["it"] and flagged["us"] and flagged["The"]
    assert not flagged["US"] and not flagged["IT"] and not flagged["WHO"] and not flagged["PLAN"]


def test_possessives_split_whatever_their_case():
    assert toks_of("TRUMP'S plan, Iran’S regime, IT'S late") == [
        "TRUMP",
        "'S",
        "plan",
        "Iran",
        "'S",
        "regime",
        "IT",
        "'S",
        "late",
    ]
    assert tokens(pd.DataFrame({"doc_id": ["x"], "text": ["TRUMP'S"]})).lower.tolist() == ["trump", "'s"]


def test_words_joined_by_a_zero_width_non_joiner_or_with_combining_marks_stay_whole():
    assert toks_of("آن\u200cها می\u200cشود روزنامهٔ") == ["آن\u200cها", "می\u200cشود", "روزنامهٔ"]
    assert toks_of("e\u0301lite, नमस्ते") == ["e\u0301lite", "नमस्ते"]


def test_lower_is_lower_case_with_straight_apostrophes(toks):
    assert (toks.lower == toks.token.str.lower()).all()
    assert not toks.lower.str.contains("’").any()


def test_tokens_reuse_the_sentences_given_and_split_alike(docs, sents):
    pd.testing.assert_frame_equal(tokens(docs, sents=sents), tokens(docs))
    some = docs.iloc[[3, 0]]
    pd.testing.assert_frame_equal(tokens(some, sents=sents), tokens(some))  # sentences of more articles: narrowed
    with pytest.raises(ValueError, match=r"tokens\(\): sents= has no rows for the article 'ips-2007'"):
        tokens(docs, sents=sents[sents.doc_id != "ips-2007"])
