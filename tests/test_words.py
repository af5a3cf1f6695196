"""Words (helpers/words.py): frequency lists, keyness, concordances and collocates, checked against the texts in
corpus/texts/ and against the formulas written out by hand."""

import math
import re

import pandas as pd
import pytest

from helpers.words import (
    COLLOCATE_COLUMNS,
    FREQUENCY_COLUMNS,
    KEYNESS_COLUMNS,
    KWIC_COLUMNS,
    collocates,
    g2,
    keyness,
    kwic,
    log_dice,
    log_ratio,
    mi,
    p_value,
    per_1000,
    word_frequencies,
)
from tests.support import file_text, row

DOC_IDS = ["ips-2007", "ncri-2010", "breitbart-2014", "moroccantimes-2015", "iranfreedom-2018"]
TOTAL_TOKENS = 981 + 674 + 849 + 551 + 619  # the article lengths in docs["n_words"]


def whole_word_count(pattern, doc_id, flags=re.IGNORECASE):
    return len(re.findall(rf"(?<!\w){pattern}(?!\w)", file_text(doc_id), flags))


def g2_by_hand(a, b, size_a, size_b):
    """Log-likelihood (Rayson & Garside), written out for two counts."""
    expected_a = size_a * (a + b) / (size_a + size_b)
    expected_b = size_b * (a + b) / (size_a + size_b)
    total = 0.0
    if a:
        total += a * math.log(a / expected_a)
    if b:
        total += b * math.log(b / expected_b)
    return 2 * total


def test_regime_per_article_matches_a_whole_word_count_of_the_text_files(docs, toks):
    freqs = word_frequencies(docs, by="doc_id", toks=toks)
    for doc_id in DOC_IDS:
        # "regime" as a whole word, any case; "regime’s" counts (the tokenizer splits off the possessive)
        assert row(freqs, doc_id=doc_id, term="regime")["count"] == whole_word_count("regime", doc_id)
    assert freqs[freqs.term == "regime"]["count"].tolist() == [7, 9, 18, 9, 10]


def test_per_1000_is_count_over_all_tokens_of_the_group(docs, toks):
    freqs = word_frequencies(docs, by="doc_id", toks=toks)
    # breitbart-2014 has 849 tokens (stopwords included) and "regime" 18 times
    assert row(freqs, doc_id="breitbart-2014", term="regime")["per_1000"] == pytest.approx(18 / 849 * 1000)
    lengths = docs.set_index("doc_id")["n_words"]
    assert (freqs["per_1000"] - freqs["count"] / freqs["doc_id"].map(lengths) * 1000).abs().max() < 1e-9
    overall = word_frequencies(docs, toks=toks)
    assert row(overall, term="regime")["per_1000"] == pytest.approx(53 / TOTAL_TOKENS * 1000)


def test_columns_order_and_doc_freq(docs, toks):
    freqs = word_frequencies(docs, toks=toks)
    assert list(freqs.columns) == FREQUENCY_COLUMNS
    assert isinstance(freqs.index, pd.RangeIndex)
    assert freqs.head(3).term.tolist() == ["iranian", "iran", "regime"]  # 58, 53, 53: ties alphabetical
    counts = freqs["count"].tolist()
    assert counts == sorted(counts, reverse=True)
    assert row(freqs, term="regime")["doc_freq"] == 5
    assert row(freqs, term="ashraf")["doc_freq"] == 2  # ncri-2010 (9) and iranfreedom-2018 (3)
    assert row(freqs, term="ashraf")["count"] == 12
    assert row(freqs, term="syrian")["doc_freq"] == 1  # only breitbart-2014


def frequency_tables(docs, toks):
    """Every frequency list of the corpus: each grouping, stopwords removed or kept, single words to three-word
    phrases, numbers kept or dropped."""
    for by in (None, "doc_id", "outlet"):
        for remove_stopwords in (True, False):
            for ngram in (1, 2, 3):
                for keep_numbers in (False, True):
                    options = dict(by=by, ngram=ngram, remove_stopwords=remove_stopwords, keep_numbers=keep_numbers)
                    yield options, word_frequencies(docs, toks=toks, **options)


def in_the_order_described(table, docs, by):
    """The rows of a frequency list sorted as its docstring says, with Python's own sort of the texts: by group
    in the order of docs, then count (highest first), then term alphabetically."""
    groups = {value: place for place, value in enumerate(pd.unique(docs[by]))} if by else {}
    rows = list(table.itertuples(index=False))
    return sorted(rows, key=lambda r: (groups[getattr(r, by)] if by else 0, -r.count, r.term))


def test_rows_are_sorted_by_group_count_then_alphabetically(docs, toks):
    # the tables are sorted by integers (the alphabetical place of each term); the order must be that of the texts:
    # many ties of count, and words that begin others ("iran", "iranian"; "iran nuclear", "iranian regime")
    ties = 0
    for options, table in frequency_tables(docs, toks):
        assert list(table.itertuples(index=False)) == in_the_order_described(table, docs, options["by"]), options
        assert isinstance(table.index, pd.RangeIndex) and len(table) > 50
        ties += int(table.duplicated([options["by"] or "count", "count"]).sum())
    assert ties > 10_000


def test_words_with_a_space_in_an_edited_table_of_tokens_are_sorted_as_text(docs, toks):
    # a table of tokens one has edited may join two words into one ("regime of"); phrases are then sorted by their
    # texts, and the text of ("regime of", "iran") is the same as that of ("regime", "of iran")
    edited = toks.assign(lower=toks["lower"].astype(str).replace({"regime": "regime of", "of": "of iran"}))
    for ngram in (2, 3):
        for by in (None, "doc_id"):
            table = word_frequencies(docs, by=by, ngram=ngram, remove_stopwords=False, toks=edited)
            assert list(table.itertuples(index=False)) == in_the_order_described(table, docs, by)
    assert (
        row(word_frequencies(docs, ngram=2, remove_stopwords=False, toks=edited), term="clerical regime of")["count"]
        == 5
    )


def test_stopwords_true_removes_them_and_false_keeps_them(docs, toks):
    removed = word_frequencies(docs, toks=toks)
    kept = word_frequencies(docs, remove_stopwords=False, toks=toks)
    assert "the" not in set(removed.term) and "'s" not in set(removed.term)
    total_the = sum(whole_word_count("the", d) for d in DOC_IDS)
    assert row(kept, term="the")["count"] == total_the == 377
    assert kept.term.iloc[0] == "the"


def test_numbers_are_dropped_unless_asked_for(docs, toks):
    # "which has so far seen the death of 162,000 people"
    assert "162,000" not in set(word_frequencies(docs, toks=toks).term)
    with_numbers = word_frequencies(docs, keep_numbers=True, toks=toks)
    assert row(with_numbers, term="162,000")["count"] == 1


def test_bigrams_you_can_see_in_the_text(docs, toks):
    bigrams = word_frequencies(docs, ngram=2, toks=toks)
    iranian_regime = sum(whole_word_count(r"iranian\s+regime", d) for d in DOC_IDS)
    assert row(bigrams, term="iranian regime")["count"] == iranian_regime == 15
    assert row(bigrams, term="iranian regime")["doc_freq"] == 3
    # "the clerical regime" three times in ncri-2010, once in breitbart-2014 and moroccantimes-2015
    assert row(bigrams, term="clerical regime")["count"] == 5
    assert "of the" not in set(bigrams.term)
    assert row(word_frequencies(docs, ngram=2, remove_stopwords=False, toks=toks), term="of the")["count"] > 0


def test_a_stopword_inside_a_phrase_is_kept(docs, toks):
    trigrams = word_frequencies(docs, ngram=3, toks=toks)
    # ips-2007: "the struggle against the backward regime of Iran"
    assert row(trigrams, term="regime of iran")["count"] == 1
    # "of the iranian" starts with a stopword
    assert not trigrams.term.str.startswith("of ").any()
    assert not trigrams.term.str.endswith(" the").any()


def test_phrases_never_cross_a_sentence_end(docs, toks):
    bigrams = set(word_frequencies(docs, ngram=2, remove_stopwords=False, toks=toks).term)
    # breitbart-2014: "... in their respective nations.\n\nBoth leaders underscored"
    assert "respective nations" in bigrams
    assert "nations both" not in bigrams
    # moroccantimes-2015: "... to arm the Sunni tribes.\nThe solution in Syria"
    assert "tribes the" not in bigrams


def test_grouping_by_outlet(docs, toks):
    freqs = word_frequencies(docs, by="outlet", toks=toks)
    assert list(freqs.columns) == ["outlet", *FREQUENCY_COLUMNS]
    assert freqs.outlet.iloc[0] == "Iran Press Service"  # groups follow the order of docs
    assert row(freqs, outlet="Iran Press Service", term="iran")["count"] == whole_word_count("iran", "ips-2007")


def test_unknown_grouping_column_names_the_choices(docs):
    with pytest.raises(ValueError, match=r"by='newspaper' is not a metadata column of docs.*doc_id, title, outlet"):
        word_frequencies(docs, by="newspaper")


def test_empty_corpus_gives_empty_tables(docs):
    empty = docs.iloc[0:0]
    assert list(word_frequencies(empty).columns) == FREQUENCY_COLUMNS
    assert len(word_frequencies(empty, by="outlet", ngram=2)) == 0
    assert list(kwic(empty, "regime").columns) == KWIC_COLUMNS
    assert list(collocates(empty, "regime").columns) == COLLOCATE_COLUMNS
    assert list(keyness(empty, "ips-2007").columns) == KEYNESS_COLUMNS


def test_keyness_of_breitbart_against_the_rest(docs, toks):
    result = keyness(docs, "breitbart-2014", toks=toks)
    assert list(result.columns) == KEYNESS_COLUMNS
    first = result.iloc[0]
    # "syrian": 17 times in breitbart-2014 (849 tokens), never in the other 2,825 tokens
    assert first.term == "syrian"
    assert (first.target_count, first.reference_count) == (whole_word_count("syrian", "breitbart-2014"), 0) == (17, 0)
    assert first.g2 == pytest.approx(g2_by_hand(17, 0, 849, TOTAL_TOKENS - 849))
    assert first.g2 == pytest.approx(49.81, abs=0.01)
    # zero reference count replaced by 0.5: log2((17/849) / (0.5/2825))
    assert first.log_ratio == pytest.approx(math.log2((17 / 849) / (0.5 / 2825)))
    assert first.target_per_1000 == pytest.approx(17 / 849 * 1000)
    assert first.direction == "over"


def test_keyness_finds_under_use(docs, toks):
    result = keyness(docs, "ips-2007", toks=toks)
    regime = row(result, term="regime")
    # "regime" 7 times in ips-2007 (981 tokens) against 46 in the other 2,693
    assert (regime.target_count, regime.reference_count) == (7, 46)
    assert regime.direction == "under"
    assert regime.log_ratio < 0
    assert regime.g2 == pytest.approx(g2_by_hand(7, 46, 981, 2693))
    assert regime.reference_per_1000 == pytest.approx(46 / 2693 * 1000)


def test_keyness_p_values_g2_order_and_filter(docs, toks):
    result = keyness(docs, "ncri-2010", min_count=4, toks=toks)
    g2 = result.g2.tolist()
    assert g2 == sorted(g2, reverse=True)
    assert ((result.target_count + result.reference_count) >= 4).all()
    # the 5% critical value of chi-square with one degree of freedom is 3.841
    assert ((result.p_value < 0.05) == (result.g2 > 3.8415)).all()
    assert result.p_value.between(0, 1).all()


def test_keyness_against_a_chosen_reference_and_by_outlet(docs, toks):
    result = keyness(docs, "ips-2007", reference="ncri-2010", toks=toks)
    ashraf = row(result, term="ashraf")
    assert (ashraf.target_count, ashraf.reference_count) == (0, 9)
    assert ashraf.g2 == pytest.approx(g2_by_hand(0, 9, 981, 674))
    by_outlet = keyness(docs, "Iran Press Service", by="outlet", toks=toks)
    assert row(by_outlet, term="ins")["target_count"] == 7


def test_keyness_bad_targets(docs, toks):
    with pytest.raises(ValueError, match=r"target 'bbc-2020' is not a value of 'doc_id'.*ips-2007, ncri-2010"):
        keyness(docs, "bbc-2020", toks=toks)
    with pytest.raises(ValueError, match="both in the target and in the reference"):
        keyness(docs, "ips-2007", reference="ips-2007", toks=toks)
    with pytest.raises(ValueError, match="both in the target and in the reference"):
        keyness(docs, ["ips-2007", "ncri-2010"], reference=["ncri-2010"], toks=toks)
    with pytest.raises(ValueError, match="nothing is left to compare"):
        keyness(docs, DOC_IDS, toks=toks)
    with pytest.raises(ValueError, match="by='year' is not a metadata column"):
        keyness(docs, "2007", by="year", toks=toks)


def test_kwic_brackets_are_literal(docs, sents, toks):
    hits = kwic(docs, "(PMOI/MEK)", sents=sents, toks=toks)
    # "People’s Mojahedin Organization of Iran (PMOI/MEK)": twice in ncri-2010, once in breitbart and moroccantimes
    assert len(hits) == 4
    assert hits.doc_id.tolist() == ["ncri-2010", "ncri-2010", "breitbart-2014", "moroccantimes-2015"]
    assert set(hits.match) == {"(PMOI/MEK)"}
    assert set(hits.left) == {"People’s Mojahedin Organization of Iran"}
    texts = docs.set_index("doc_id").text
    assert all(texts[d][s:e] == "(PMOI/MEK)" for d, s, e in zip(hits.doc_id, hits.start, hits.end))
    opening = kwic(docs, "Iran (", sents=sents, toks=toks)
    # the four above plus "National Council of Resistance of Iran (NCRI)" in moroccantimes-2015
    assert len(opening) == 5
    assert set(opening.match) == {"Iran ("}


def test_kwic_question_mark_star_and_dot_are_literal(docs, sents, toks):
    assert len(kwic(docs, "regime?", sents=sents, toks=toks)) == 0  # no "?" in the corpus
    assert len(kwic(docs, "*", sents=sents, toks=toks)) == 0
    # as a regular expression, "regimes?" also finds "Such regimes ruling in the name of Islam"
    assert len(kwic(docs, "regimes?", regex=True, sents=sents, toks=toks)) == 54
    # "Mr." as written: ten times; "." as "any character" would also find "Mrs" and "Mr " (21 in all)
    assert len(kwic(docs, "Mr.", sents=sents, toks=toks)) == 10
    assert len(kwic(docs, "Mr.", regex=True, sents=sents, toks=toks)) == 21
    assert kwic(docs, "U.S.", sents=sents, toks=toks).match.tolist() == ["U.S."]


def test_kwic_whole_words_and_case(docs, sents, toks):
    hits = kwic(docs, "regime", sents=sents, toks=toks)
    assert len(hits) == sum(whole_word_count("regime", d) for d in DOC_IDS) == 53
    assert "regimes" not in set(hits.match.str.lower())
    # "MEK" inside "PMOI/MEK" counts (the slash separates the names), but not inside a longer word
    assert len(kwic(docs, "MEK", sents=sents, toks=toks)) == 9
    # "Assad" also inside "Bashar al-Assad’s position" (the hyphen separates words here)
    assert len(kwic(docs, "Assad", sents=sents, toks=toks)) == sum(whole_word_count("Assad", d) for d in DOC_IDS)
    # "Iranian Resistance" / "Iranian resistance": 9 in any case, 4 with a small r
    assert len(kwic(docs, "Iranian resistance", sents=sents, toks=toks)) == 9
    assert len(kwic(docs, "Iranian resistance", case=True, sents=sents, toks=toks)) == 4


def test_kwic_multi_word_and_apostrophes(docs, sents, toks):
    islamic = kwic(docs, "Islamic Republic", sents=sents, toks=toks)
    assert islamic.doc_id.tolist() == ["ips-2007", "ips-2007", "ips-2007", "breitbart-2014"]
    # moroccantimes-2015: "to arm the Sunni tribes.\nThe solution in Syria": a line break between the words
    across = kwic(docs, "tribes. The solution", sents=sents, toks=toks)
    assert len(across) == 1 and across.match.iloc[0] == "tribes. The solution"
    # the text has a curly apostrophe: "Amir Abdollahian, Iran’s deputy foreign minister"
    iran_s = kwic(docs, "Iran's", sents=sents, toks=toks)
    assert len(iran_s) == 3 and set(iran_s.match) == {"Iran’s"}
    assert len(kwic(docs, "Iran’s", sents=sents, toks=toks)) == 3


def test_kwic_window_stays_in_the_sentence(docs, sents, toks):
    hits = kwic(docs, "clerical regime", window=3, sents=sents, toks=toks)
    # ncri-2010: "Everyone is coming to the understanding that the clerical regime has stepped up terror"
    assert hits.loc[0, ["left", "match", "right"]].tolist() == [
        "understanding that the",
        "clerical regime",
        "has stepped up",
    ]
    # moroccantimes-2015: "... committed on orders from the clerical regime." ends the sentence
    last = hits.iloc[-1]
    assert (last.doc_id, last.left, last.right) == ("moroccantimes-2015", "orders from the", ".")
    one = kwic(docs, "clerical regime", window=1, sents=sents, toks=toks)
    assert one.loc[0, ["left", "right"]].tolist() == ["the", "has"]
    none = kwic(docs, "clerical regime", window=0, sents=sents, toks=toks)
    assert set(none.left) == {""} and set(none.right) == {""}
    # breitbart-2014 starts a sentence with "Camp Liberty, located near ...": nothing on the left
    camp = kwic(docs, "Camp Liberty", window=15, sents=sents, toks=toks)
    starts_sentence = camp[camp.right.str.startswith(", located")]
    assert starts_sentence.left.tolist() == [""]
    assert starts_sentence.sentence_id.tolist() == [24]


def test_kwic_order_follows_docs_then_position(docs, sents, toks):
    hits = kwic(docs, "Rajavi", sents=sents, toks=toks)
    order = {d: i for i, d in enumerate(docs.doc_id)}
    keys = list(zip(hits.doc_id.map(order), hits.start))
    assert keys == sorted(keys)
    assert isinstance(hits.index, pd.RangeIndex)


def test_kwic_bad_queries(docs, sents, toks):
    with pytest.raises(ValueError) as error:
        kwic(docs, "regime(", regex=True, sents=sents, toks=toks)
    assert str(error.value) == (
        "kwic: 'regime(' is not a valid regular expression: missing ), unterminated subpattern at position 6. "
        "Untick 'regex' to search for the text as written."
    )
    with pytest.raises(ValueError, match="nothing to repeat"):
        kwic(docs, "*", regex=True, sents=sents, toks=toks)
    for query in ("", "   ", "\n"):
        with pytest.raises(ValueError, match="the query is empty"):
            kwic(docs, query, sents=sents, toks=toks)
    with pytest.raises(ValueError, match="window must be a whole number"):
        kwic(docs, "regime", window=-1, sents=sents, toks=toks)


def test_collocates_of_regime(docs, toks):
    result = collocates(docs, "regime", toks=toks)
    assert list(result.columns) == COLLOCATE_COLUMNS
    clerical = row(result, term="clerical")
    # "clerical" occurs 6 times, each within 5 words of "regime": "the clerical regime" three times in ncri-2010,
    # once each in breitbart-2014 and moroccantimes-2015, and "the present clerical led regime" in ips-2007
    assert (clerical["count"], clerical.term_freq) == (6, 6)
    assert clerical.log_dice == pytest.approx(14 + math.log2(2 * 6 / (53 + 6)))
    assert clerical.mi == pytest.approx(math.log2(6 * TOTAL_TOKENS / (53 * 6 * 10)))
    assert "the" not in set(result.term) and "regime" not in set(result.term)
    assert (result["count"] >= 2).all()
    scores = result.log_dice.tolist()
    assert scores == sorted(scores, reverse=True)
    # with a window of one word, "clerical led regime" no longer counts
    assert row(collocates(docs, "regime", window=1, toks=toks), term="clerical")["count"] == 5
    assert "the" in set(collocates(docs, "regime", remove_stopwords=False, toks=toks).term)


def test_collocates_of_a_phrase_and_by_article(docs, toks):
    result = collocates(docs, "Iranian regime", window=2, min_count=1, toks=toks)
    assert "iranian" not in set(result.term) and "regime" not in set(result.term)
    by_article = collocates(docs, "regime", by="doc_id", toks=toks)
    assert by_article.columns[0] == "doc_id"
    assert row(by_article, doc_id="ncri-2010", term="clerical")["count"] == 3


def test_collocates_bad_and_missing_queries(docs, toks):
    with pytest.raises(ValueError, match="the query is empty"):
        collocates(docs, " ", toks=toks)
    with pytest.raises(ValueError, match="has no words"):
        collocates(docs, "?!", toks=toks)
    missing = collocates(docs, "Zanzibar", toks=toks)
    assert missing.empty and list(missing.columns) == COLLOCATE_COLUMNS


# --------------------------------------------------------------------------------------------------------------------
# the formulas, as the literature writes them


def test_the_named_formulas_are_the_textbook_ones():
    assert per_1000(18, 849) == pytest.approx(21.2014, abs=1e-4)
    assert float(g2(7, 46, 981, 2693)) == pytest.approx(g2_by_hand(7, 46, 981, 2693))
    assert float(g2(0, 9, 981, 674)) == pytest.approx(g2_by_hand(0, 9, 981, 674))
    assert float(log_ratio(7, 46, 981, 2693)) == pytest.approx(math.log2((7 / 981) / (46 / 2693)))
    assert float(log_ratio(0, 9, 981, 674)) == pytest.approx(math.log2((0.5 / 981) / (9 / 674)))
    # the 5% critical value of chi-square with one degree of freedom
    assert p_value([3.8415])[0] == pytest.approx(0.05, abs=1e-4)
    assert float(log_dice(6, 53, 6)) == pytest.approx(14 + math.log2(2 * 6 / (53 + 6)))
    assert float(mi(6, 53, 6, 3674, 5)) == pytest.approx(math.log2(6 * 3674 / (53 * 6 * 10)))


def test_log_dice_stays_within_its_range_when_a_window_counts_a_pair_twice():
    # "peace" lies between two occurrences of "war" again and again: the window counts it near both
    docs = pd.DataFrame(
        {"doc_id": ["a", "b"], "text": ["war peace war peace war. war peace war.", "war war war peace"]}
    )
    result = collocates(docs, "war", min_count=1, remove_stopwords=False)
    peace = row(result, term="peace")
    assert peace["count"] > peace.term_freq  # counted once for each occurrence of "war" it is near
    assert peace.log_dice <= 14
    assert float(log_dice(4, 2, 2)) == 14 and float(log_dice(16, 8, 4)) == pytest.approx(14 + math.log2(8 / 12))
