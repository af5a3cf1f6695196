"""sentences(): one splitter, correct on this corpus."""

import pytest

from helpers import sentences


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
    import pandas as pd

    empty = sentences(pd.DataFrame({"doc_id": ["x"], "text": ["   \n\n "]}))
    assert empty.empty and list(empty.columns[:3]) == ["doc_id", "sentence_id", "paragraph_id"]


def test_a_clear_error_for_the_wrong_input():
    with pytest.raises(TypeError, match="load_corpus"):
        sentences("Some text.")
