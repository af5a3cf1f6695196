"""Words: frequency lists, keyness, concordances and collocates, checked against the texts in corpus/texts/."""

import math
import re
from collections import Counter

import pandas as pd
import pytest

from helpers import CORPUS_DIR, load_corpus
from helpers.words import (
    COLLOCATE_COLUMNS,
    FREQUENCY_COLUMNS,
    KEYNESS_COLUMNS,
    KWIC_COLUMNS,
    collocates,
    explore_collocates,
    explore_keyness,
    explore_kwic,
    explore_words,
    keyness,
    kwic,
    plot_collocates,
    plot_keyness,
    plot_kwic,
    plot_word_frequencies,
    word_frequencies,
)

DOC_IDS = ["ips-2007", "ncri-2010", "breitbart-2014", "moroccantimes-2015", "iranfreedom-2018"]
TOTAL_TOKENS = 981 + 674 + 849 + 551 + 619  # the article lengths in docs["n_words"]


def file_text(doc_id):
    """The clean text, read from the file itself rather than through load_corpus()."""
    return (CORPUS_DIR / "texts" / f"{doc_id}.txt").read_text(encoding="utf-8")


def whole_word_count(pattern, doc_id, flags=re.IGNORECASE):
    return len(re.findall(rf"(?<!\w){pattern}(?!\w)", file_text(doc_id), flags))


def row(table, **where):
    mask = pd.Series(True, index=table.index)
    for column, value in where.items():
        mask &= table[column] == value
    assert mask.sum() == 1, where
    return table[mask].iloc[0]


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


def tiny_corpus(folder, texts):
    (folder / "texts").mkdir()
    lines = ["doc_id,title,outlet,published"]
    for i, (doc_id, text) in enumerate(texts.items()):
        lines.append(f"{doc_id},Title {i},Outlet {i},2020-01-0{i + 1}")
        (folder / "texts" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    (folder / "metadata.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_corpus(folder)


# --------------------------------------------------------------------------------------------------------------------
# word_frequencies


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


def test_stopwords_true_removes_them_and_false_keeps_them(docs, toks):
    removed = word_frequencies(docs, toks=toks)
    kept = word_frequencies(docs, stopwords=False, toks=toks)
    assert "the" not in set(removed.term) and "'s" not in set(removed.term)
    total_the = sum(whole_word_count("the", d) for d in DOC_IDS)
    assert row(kept, term="the")["count"] == total_the == 377
    assert kept.term.iloc[0] == "the"


def test_numbers_are_dropped_unless_asked_for(docs, toks):
    # "which has so far seen the death of 162,000 people"
    assert "162,000" not in set(word_frequencies(docs, toks=toks).term)
    with_numbers = word_frequencies(docs, numbers=True, toks=toks)
    assert row(with_numbers, term="162,000")["count"] == 1


def test_bigrams_you_can_see_in_the_text(docs, toks):
    bigrams = word_frequencies(docs, ngram=2, toks=toks)
    iranian_regime = sum(whole_word_count(r"iranian\s+regime", d) for d in DOC_IDS)
    assert row(bigrams, term="iranian regime")["count"] == iranian_regime == 15
    assert row(bigrams, term="iranian regime")["doc_freq"] == 3
    # "the clerical regime" three times in ncri-2010, once in breitbart-2014 and moroccantimes-2015
    assert row(bigrams, term="clerical regime")["count"] == 5
    assert "of the" not in set(bigrams.term)
    assert row(word_frequencies(docs, ngram=2, stopwords=False, toks=toks), term="of the")["count"] > 0


def test_a_stopword_inside_a_phrase_is_kept(docs, toks):
    trigrams = word_frequencies(docs, ngram=3, toks=toks)
    # ips-2007: "the struggle against the backward regime of Iran"
    assert row(trigrams, term="regime of iran")["count"] == 1
    # "of the iranian" starts with a stopword
    assert not trigrams.term.str.startswith("of ").any()
    assert not trigrams.term.str.endswith(" the").any()


def test_phrases_never_cross_a_sentence_end(docs, toks):
    bigrams = set(word_frequencies(docs, ngram=2, stopwords=False, toks=toks).term)
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
    with pytest.raises(ValueError, match=r"by='newspaper' is not a metadata column.*doc_id, title, outlet"):
        word_frequencies(docs, by="newspaper")


def test_empty_corpus_gives_empty_tables(docs):
    empty = docs.iloc[0:0]
    assert list(word_frequencies(empty).columns) == FREQUENCY_COLUMNS
    assert len(word_frequencies(empty, by="outlet", ngram=2)) == 0
    assert list(kwic(empty, "regime").columns) == KWIC_COLUMNS
    assert list(collocates(empty, "regime").columns) == COLLOCATE_COLUMNS
    with pytest.raises(ValueError, match="no articles"):
        keyness(empty, "ips-2007")


# --------------------------------------------------------------------------------------------------------------------
# keyness


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
    result = keyness(docs, "ncri-2010", min_freq=4, toks=toks)
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


# --------------------------------------------------------------------------------------------------------------------
# kwic


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


# --------------------------------------------------------------------------------------------------------------------
# collocates


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
    assert "the" in set(collocates(docs, "regime", stopwords=False, toks=toks).term)


def test_collocates_of_a_phrase_and_by_article(docs, toks):
    result = collocates(docs, "Iranian regime", window=2, min_freq=1, toks=toks)
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
# charts


def test_plot_word_frequencies(docs, toks):
    fig, table = plot_word_frequencies(word_frequencies(docs, toks=toks), top=5, return_table=True)
    assert fig.layout.title.text == "The 5 most frequent words"
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
    assert list(fig.data[0].y) == table.term.tolist() == ["iranian", "iran", "regime", "people", "opposition"]
    assert list(fig.data[0].x) == table["count"].tolist()
    grouped_fig, grouped = plot_word_frequencies(
        word_frequencies(docs, by="doc_id", toks=toks), top=3, return_table=True
    )
    assert len(grouped_fig.data) == 5  # one series per article
    assert grouped.term.unique().tolist() == ["iranian", "iran", "regime"]
    assert row(grouped, doc_id="breitbart-2014", term="regime")["per_1000"] == round(18 / 849 * 1000, 2)


def test_plot_word_frequencies_fills_absent_terms_with_zero(docs, toks):
    _, table = plot_word_frequencies(word_frequencies(docs, by="doc_id", toks=toks), top=20, return_table=True)
    assert row(table, doc_id="ips-2007", term="syrian")["count"] == 0


def test_plot_keyness(docs, toks):
    fig, table = plot_keyness(keyness(docs, "ips-2007", toks=toks), top=10, return_table=True)
    assert fig.layout.title.text == "Key words of ips-2007 compared with the rest"
    assert len(table) == 10
    assert (table.log_ratio[table.direction == "over"] > 0).all()
    assert (table.log_ratio[table.direction == "under"] < 0).all()
    plotted = {t: x for trace in fig.data for t, x in zip(trace.y, trace.x)}
    assert plotted == dict(zip(table.term, table.log_ratio))
    assert "target_count" in fig.data[0].hovertemplate


def test_plot_kwic_dispersion(docs, sents, toks):
    hits = kwic(docs, "Ashraf", sents=sents, toks=toks)
    fig, table = plot_kwic(hits, docs, return_table=True)
    assert list(fig.layout.yaxis.ticktext) == [
        "ips-2007 (0)",
        "ncri-2010 (9)",
        "breitbart-2014 (0)",
        "moroccantimes-2015 (0)",
        "iranfreedom-2018 (3)",
    ]
    marks = fig.data[1]
    assert len(marks.x) == len(hits) == 12
    text = docs.set_index("doc_id").text
    first = hits.iloc[0]
    assert marks.x[0] == pytest.approx(first.start / len(text[first.doc_id]), abs=0.001)
    assert "[Ashraf]" in marks.hovertext[0]
    assert fig.layout.title.text == "Where 'Ashraf' occurs in each article"
    assert table.position.between(0, 1).all()


def test_plot_collocates(docs, toks):
    fig, table = plot_collocates(collocates(docs, "regime", toks=toks), top=5, return_table=True)
    assert len(table) == 5 and list(fig.data[0].y) == table.term.tolist()
    assert fig.layout.title.text == "Words near 'regime' (within 5 words)"


# --------------------------------------------------------------------------------------------------------------------
# explorers


def test_explore_words(docs):
    explorer = explore_words(docs)
    assert explorer.table.term.head(3).tolist() == ["iranian", "iran", "regime"]
    explorer.controls["ngram"].value = 2
    assert explorer.table.term.iloc[0] == "iranian regime"
    explorer.controls["stopwords"].value = False
    assert explorer.table.term.iloc[0] == "of the"
    explorer.controls["group"].value = "outlet"
    assert explorer.table.columns[0] == "outlet"
    assert len(explorer.figure.data) == 5
    explorer.controls["ngram"].value = 1
    explorer.controls["top"].value = 5
    assert explorer.table.term.unique().tolist() == ["the", "of", "and", "in", "to"]
    assert "the" in explorer.output.value


def test_explore_keyness(docs):
    explorer = explore_keyness(docs)
    assert explorer.controls["target"].value == "ips-2007"
    explorer.controls["target"].value = "breitbart-2014"
    assert explorer.table.term.iloc[0] == "syrian"
    explorer.controls["top"].value = 5
    assert len(explorer.table) == 5
    explorer.controls["min_freq"].value = 10
    assert (explorer.table.target_count + explorer.table.reference_count >= 10).all()


def test_explore_kwic(docs):
    explorer = explore_kwic(docs)
    assert len(explorer.table) == 53 and explorer.controls["query"].value == "regime"
    explorer.controls["query"].value = "(PMOI/MEK)"
    assert len(explorer.table) == 4
    assert list(explorer.table.columns) == ["doc_id", "left", "match", "right"]
    assert explorer.message == "4 matches: ncri-2010 2, breitbart-2014 1, moroccantimes-2015 1"
    assert len(explorer.figure.data[1].x) == 4
    explorer.controls["article"].value = "ncri-2010"
    assert list(explorer.table.columns) == ["left", "match", "right"] and len(explorer.table) == 2
    assert explorer.message == "2 matches: ncri-2010 2"
    explorer.controls["window"].value = 1
    assert explorer.table.left.tolist() == ["Iran", "Iran"]
    explorer.controls["regex"].value = True  # as a regular expression the brackets make a group
    assert explorer.table.match.tolist() == ["PMOI/MEK", "PMOI/MEK"]
    explorer.controls["query"].value = "regime("
    assert "is not a valid regular expression" in explorer.message and "Untick 'regex'" in explorer.message
    assert explorer.table is None
    explorer.controls["query"].value = "   "
    assert explorer.message == "kwic: the query is empty. Type a word or phrase to search for."
    explorer.controls["query"].value = "Zanzibar"
    assert explorer.message == "No match for 'Zanzibar'."
    assert explorer.table.empty
    explorer.controls["regex"].value = False
    explorer.controls["article"].value = "all articles"
    explorer.controls["query"].value = "Iranian resistance"
    explorer.controls["case"].value = True
    assert len(explorer.table) == 4


def test_explore_collocates(docs):
    explorer = explore_collocates(docs)
    assert row(explorer.table, term="clerical")["count"] == 6
    explorer.controls["window"].value = 1
    assert row(explorer.table, term="clerical")["count"] == 5
    explorer.controls["min_freq"].value = 6
    assert (explorer.table["count"] >= 6).all()
    explorer.controls["query"].value = "Zanzibar"
    assert explorer.message == "No match for 'Zanzibar'."
    explorer.controls["query"].value = ""
    assert "the query is empty" in explorer.message


def test_explorers_on_an_empty_corpus(docs):
    empty = docs.iloc[0:0]
    assert "no articles" in explore_words(empty).message
    assert "corpus is empty" in explore_keyness(empty).message
    assert explore_kwic(empty).message == "No match for 'regime'."
    assert explore_collocates(empty).message == "No match for 'regime'."


def test_corpus_text_is_escaped_in_explorers(tmp_path):
    docs = tiny_corpus(
        tmp_path,
        {
            "a": "The regime said <script>alert(1)</script> twice. The regime said it again.",
            "b": "Another text about the regime and <b>bold</b> claims.",
        },
    )
    explorer = explore_kwic(docs)
    explorer.controls["query"].value = "<script>"
    assert len(explorer.table) == 1
    assert "<script>" not in explorer.output.value and "&lt;script&gt;" in explorer.output.value
    assert "<script>" not in explorer.figure.data[1].hovertext[0]
    explorer.controls["query"].value = "regime"
    assert "<b>" not in explorer.output.value and "&lt;script&gt;" in explorer.output.value
    assert all("<script>" not in text for text in explorer.figure.data[1].hovertext)
    for make in (explore_words, explore_keyness, explore_collocates):
        shown = make(docs).output.value
        assert "<script>" not in shown and "<b>bold" not in shown


def test_the_fast_path_from_texts_counts_exactly_what_tokens_count(docs, toks):
    # word_frequencies(docs) skips offsets and sentences when it can; the counts must not change
    for options in ({}, {"by": "doc_id"}, {"stopwords": False, "numbers": True}):
        pd.testing.assert_frame_equal(word_frequencies(docs, **options), word_frequencies(docs, toks=toks, **options))


def test_counting_by_pieces_between_spaces_matches_the_tokenizer(docs, monkeypatch):
    # word_counts cuts texts at white space and remembers each piece; the counts must be the tokenizer's,
    # also when its memory of pieces is cleared part-way (as on a corpus with millions of distinct pieces)
    import helpers.text as text

    tricky = "U.S.-led  Iran’s\u00a0regime\ttheir 'regime' 162,000.5 PMOI/MEK\x1cD'Oise isn't ... (al-Assad) Iran's."
    texts = list(docs["text"]) + [tricky, tricky.upper(), ""]
    expected = []
    for number, text_ in enumerate(texts):
        expected += [(number, w, n) for w, n in Counter(text.TOKEN_RE.findall(text_.replace("’", "'"))).items()]
    for remembered in (2_000_000, 7):
        monkeypatch.setattr(text, "_PIECES_REMEMBERED", remembered)
        doc_index, codes, counts, words = text.word_counts(texts)
        got = [(int(d), words[c], int(n)) for d, c, n in zip(doc_index, codes, counts)]
        assert sorted(got) == sorted(expected)
        assert len(got) == len(expected) > 1000


@pytest.mark.parametrize("block_size", [1, 700, 2500])
def test_counting_in_blocks_of_articles_gives_the_same_tables(docs, toks, monkeypatch, block_size):
    # on a large corpus word_frequencies counts a block of articles at a time; the tables must not change
    import helpers.words as words

    options = [
        {},
        {"by": "doc_id"},
        {"by": "outlet", "ngram": 2},
        {"ngram": 3, "stopwords": False},
        {"by": "doc_id", "numbers": True, "ngram": 2},
    ]

    def tables():
        return (
            [word_frequencies(docs, toks=toks, **o) for o in options]
            + [word_frequencies(docs, by="doc_id")]
            + [keyness(docs, "breitbart-2014", toks=toks), keyness(docs, "ips-2007", stopwords=False, numbers=True)]
        )

    whole = tables()
    monkeypatch.setattr(words, "_BLOCK_SIZE", block_size)
    in_blocks = tables()
    for a, b in zip(whole, in_blocks):
        pd.testing.assert_frame_equal(a, b)
    assert whole[0].set_index("term").loc["regime", ["count", "doc_freq"]].tolist() == [53, 5]


def test_tokens_of_a_larger_corpus_are_narrowed_to_the_articles_given(docs, toks):
    some = docs.iloc[[4, 1]]
    for function in (
        lambda t: word_frequencies(some, by="doc_id", ngram=2, toks=t),
        lambda t: keyness(some, "ncri-2010", toks=t),
    ):
        pd.testing.assert_frame_equal(function(toks), function(None))
        pd.testing.assert_frame_equal(function(toks.astype({"doc_id": object})), function(None))
    freqs = word_frequencies(some, by="doc_id", toks=toks)
    assert list(dict.fromkeys(freqs["doc_id"])) == ["iranfreedom-2018", "ncri-2010"]
