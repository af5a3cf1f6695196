"""The engine (helpers/_engine): every fast path gives exactly what the plain reading of the rules gives.

Each test runs the fast machinery and the readable way side by side on the real corpus (or on text
written to trip it up) and compares the whole tables.
"""

import dataclasses
import itertools
import os
import warnings
from collections import Counter

import numpy as np
import pandas as pd
import pytest

import helpers
from helpers import (
    actor_mentions,
    dates_mentioned,
    keyness,
    kwic,
    load_actors,
    load_corpus,
    loaded_language,
    quotations,
    quoted_terms,
    sentence_sentiment,
    sentences,
    tokens,
    word_frequencies,
)
from helpers._engine import counting, parallel, search, tables
from helpers.text import TOKEN_RE
from helpers.words import QUOTE_CLASSES, _frequencies, _is_number, _rule, compile_query
from tests.support import synthetic_corpus

# --------------------------------------------------------------------------- words


def test_the_fast_path_from_texts_counts_exactly_what_tokens_count(docs, toks):
    # word_frequencies(docs) skips offsets and sentences when it can; the counts must not change
    for options in ({}, {"by": "doc_id"}, {"remove_stopwords": False, "keep_numbers": True}):
        pd.testing.assert_frame_equal(word_frequencies(docs, **options), word_frequencies(docs, toks=toks, **options))


def test_counting_by_pieces_between_spaces_matches_the_tokenizer(docs, monkeypatch):
    # word_counts cuts texts at white space and remembers each piece; the counts must be the tokenizer's,
    # also when its memory of pieces is cleared part-way (as on a corpus with millions of distinct pieces)
    tricky = (
        "U.S.-led  Iran’s\u00a0regime\ttheir 'regime' 162,000.5 PMOI/MEK\x1cD'Oise isn't ... (al-Assad) Iran's. "
        "TRUMP'S THE Élise می\u200cشود روزنامهٔ e\u0301lite"
    )
    texts = list(docs["text"]) + [tricky, tricky.upper(), ""]
    expected = []
    for number, text_ in enumerate(texts):
        expected += [(number, w, n) for w, n in Counter(TOKEN_RE.findall(text_.replace("’", "'"))).items()]
    for remembered in (2_000_000, 7):
        monkeypatch.setattr(tables, "PIECES_REMEMBERED", remembered)
        doc_index, codes, counts, words = tables.word_counts(texts, TOKEN_RE)
        got = [(int(d), words[c], int(n)) for d, c, n in zip(doc_index, codes, counts)]
        assert sorted(got) == sorted(expected)
        assert len(got) == len(expected) > 1000


@pytest.mark.parametrize("block_size", [1, 700, 2500])
def test_counting_in_blocks_of_articles_gives_the_same_tables(docs, toks, monkeypatch, block_size):
    # on a large corpus word_frequencies counts a block of articles at a time; the tables must not change
    options = [
        {},
        {"by": "doc_id"},
        {"by": "outlet", "ngram": 2},
        {"ngram": 3, "remove_stopwords": False},
        {"by": "doc_id", "keep_numbers": True, "ngram": 2},
    ]

    def tables():
        return (
            [word_frequencies(docs, toks=toks, **o) for o in options]
            + [word_frequencies(docs, by="doc_id")]
            + [keyness(docs, "breitbart-2014", toks=toks)]
            + [keyness(docs, "ips-2007", remove_stopwords=False, keep_numbers=True)]
        )

    whole = tables()
    monkeypatch.setattr(counting, "BLOCK_SIZE", block_size)
    in_blocks = tables()
    for a, b in zip(whole, in_blocks):
        pd.testing.assert_frame_equal(a, b)
    assert whole[0].set_index("term").loc["regime", ["count", "doc_freq"]].tolist() == [53, 5]


@pytest.mark.parametrize("dense_range", [0, 4, 10**9])
def test_tally_counts_what_np_unique_counts_either_way(toks, monkeypatch, dense_range):
    # tally() counts with bincount over the range of the keys when it is small (dense_range: how small), else over
    # numbers given to the keys by hashing; both ways must give np.unique's values and counts
    monkeypatch.setattr(counting, "DENSE_RANGE", dense_range)
    codes = toks["lower"].array.codes.astype(np.int64)
    articles = toks["doc_id"].array.codes.astype(np.int64)
    lengths = (toks["end"] - toks["start"]).to_numpy(dtype=np.int32)  # weights: each token's length
    for keys in (codes, articles * len(toks["lower"].cat.categories) + codes, codes[::-1] * 10**12 - 5):
        values, counts = counting.tally(keys)
        expected = np.unique(keys, return_counts=True)
        for got, wanted in zip((values, counts), expected):
            assert got.dtype == np.int64 and got.tolist() == wanted.tolist()
        summed = pd.Series(lengths).groupby(keys).sum()
        values, sums = counting.tally(keys, lengths)
        assert values.tolist() == summed.index.tolist() and sums.tolist() == summed.tolist() and sums.dtype == np.int64
        assert sorted(counting.distinct_values(keys).tolist()) == expected[0].tolist()
        ids, distinct = pd.factorize(keys)
        in_order, first = np.unique(keys, return_index=True)  # where each value first occurs
        assert counting.firsts(ids).tolist() == first[np.searchsorted(in_order, distinct)].tolist()
    assert len(values) > 500


@pytest.mark.parametrize("one_number", [2**63, 0])
@pytest.mark.parametrize(
    "vocab", [["a", "a\x1f", "a!", "ab", "", "é", "b", "a-b"], ["a b", "a", "b c", "b", "c", "a\x1f"]]
)
def test_ngram_ranks_are_the_alphabetical_places_of_the_texts(vocab, one_number, monkeypatch):
    # phrases are sorted by the ranks of their words (each followed by a space, but the last), not by their texts;
    # the places must be those of the texts: a word that is the start of another ("a", "ab"), a character that
    # sorts before the space ("a\x1f": "a\x1f b" comes before "a b"), and words that hold a space themselves
    # ("a b" + "c" and "a" + "b c" are the same text, in the same place), where the texts are sorted instead; the
    # ranks of the words sorted as one number, or (one_number=0: as for a vocabulary too large for that) by lexsort
    monkeypatch.setattr(counting, "ONE_NUMBER", one_number)
    arrays = counting.TokenArrays(
        docs=pd.DataFrame({"doc_id": ["x"]}),
        doc_codes=np.zeros(0, dtype=np.int32),
        codes=np.zeros(0, dtype=np.int32),
        vocab=pd.Index(vocab, dtype=object),
        stop=np.zeros(0, dtype=bool),
        number_in_vocab=np.zeros(len(vocab), dtype=bool),
    )
    for n in (1, 2, 3):
        words = np.array(list(itertools.product(range(len(vocab)), repeat=n)))
        texts = [" ".join(vocab[code] for code in row) for row in words]
        assert counting.ngram_text(arrays, words).tolist() == texts
        places = {text: place for place, text in enumerate(sorted(set(texts)))}
        assert counting.ngram_ranks(arrays, words).tolist() == [places[text] for text in texts]


def test_the_first_rows_of_a_frequency_list_made_alone_are_its_head(docs, toks):
    # the word explorer makes only the first rows of a list by article (the rows of the first articles); they must be
    # the head of the whole list, whatever the number of rows asked for (within an article, at its end, beyond all)
    arrays = counting.from_tokens(docs, toks, _is_number)
    for by, ngram in (("doc_id", 1), ("doc_id", 3), ("outlet", 2), (None, 2)):
        whole = _frequencies(arrays, by, ngram, False, False)
        first_article = int((whole[by] == whole[by].iloc[0]).sum()) if by else len(whole)
        for rows in (1, 300, first_article, first_article + 1, len(whole), len(whole) + 5):
            head = _frequencies(arrays, by, ngram, False, False, first=rows)
            pd.testing.assert_frame_equal(head, whole.head(rows))
            assert head.attrs["rows_in_all"] == len(whole) > 300


@pytest.mark.parametrize("one_number", [2**63, 0])
def test_table_order_is_by_group_count_highest_first_then_rank(one_number, monkeypatch):
    # table_order sorts one integer made of group, count and rank when it fits in 63 bits, else uses np.lexsort
    monkeypatch.setattr(counting, "ONE_NUMBER", one_number)
    rng = np.random.default_rng(3)
    group, count = np.sort(rng.integers(0, 50, 20_000)), rng.integers(1, 40, 20_000)
    for rank in (rng.permutation(20_000), rng.permutation(20_000) * 10**14):
        expected = sorted(range(20_000), key=lambda i: (group[i], -count[i], rank[i]))
        assert counting.table_order(group, count, rank).tolist() == expected


@pytest.mark.parametrize("one_number", [2**63, 0])
def test_frequency_lists_sorted_either_way_are_the_same(docs, toks, one_number, monkeypatch):
    # one integer or np.lexsort, for the places of phrases and the order of the rows: the same tables
    expected = [word_frequencies(docs, by=by, ngram=n, toks=toks) for by in (None, "doc_id") for n in (1, 3)]
    monkeypatch.setattr(counting, "ONE_NUMBER", one_number)
    got = [word_frequencies(docs, by=by, ngram=n, toks=toks) for by in (None, "doc_id") for n in (1, 3)]
    for a, b in zip(expected, got):
        pd.testing.assert_frame_equal(a, b)


@pytest.mark.parametrize("dense_range", [0, 10**9])
def test_frequency_lists_counted_either_way_are_a_plain_count_of_the_tokens(docs, toks, monkeypatch, dense_range):
    # the frequency lists, whichever way unique() counts, must be what counting the rows of tokens(docs) gives
    monkeypatch.setattr(counting, "DENSE_RANGE", dense_range)
    pairs, in_articles = Counter(), Counter()
    for doc_id, rows in toks.groupby("doc_id", sort=False, observed=True):
        words, sentence = rows["lower"].astype(str).tolist(), rows["sentence_id"].tolist()
        found = [f"{a} {b}" for a, b, s, t in zip(words, words[1:], sentence, sentence[1:]) if s == t]
        pairs.update((doc_id, pair) for pair in found)
        in_articles.update(set(words))
    phrases = word_frequencies(docs, by="doc_id", ngram=2, remove_stopwords=False, keep_numbers=True, toks=toks)
    assert dict(zip(zip(phrases["doc_id"], phrases["term"]), phrases["count"])) == pairs
    everything = word_frequencies(docs, remove_stopwords=False, keep_numbers=True, toks=toks)
    assert dict(zip(everything["term"], everything["count"])) == Counter(toks["lower"].astype(str))
    assert dict(zip(everything["term"], everything["doc_freq"])) == in_articles
    for options in ({}, {"by": "doc_id"}, {"remove_stopwords": False, "keep_numbers": True}):
        pd.testing.assert_frame_equal(word_frequencies(docs, **options), word_frequencies(docs, toks=toks, **options))


def test_keyness_counts_are_a_plain_count_whatever_the_order_of_the_tokens(docs, toks):
    # count_sides lays each article's side over its tokens when they come article by article, and looks it up token
    # by token otherwise (tokens in another order here); both ways must count what the rows of tokens(docs) give
    arrays = counting.from_tokens(docs, toks, _is_number)
    order = np.random.default_rng(1).permutation(arrays.size)
    shuffled = dataclasses.replace(
        arrays, doc_codes=arrays.doc_codes[order], codes=arrays.codes[order], stop=arrays.stop[order]
    )
    article, word = toks["doc_id"].astype(str), toks["lower"].astype(str)
    breitbart = (docs["doc_id"] == "breitbart-2014").to_numpy()
    for target, reference in ((breitbart, ~breitbart), (breitbart, np.ones(len(docs), dtype=bool))):
        expected = []
        for side in (target, reference):
            in_side = article.isin(docs["doc_id"][side]).to_numpy()
            expected += [Counter(word[in_side & ~toks["is_stopword"].to_numpy()]), int(in_side.sum())]
        for arranged in (arrays, shuffled):
            a, b, size_a, size_b = counting.count_sides(arranged, target, reference, _rule(True, keep_numbers=True))
            vocab = arranged.vocab
            got = [dict(zip(vocab[a > 0], a[a > 0])), size_a, dict(zip(vocab[b > 0], b[b > 0])), size_b]
            assert got == expected
    assert expected[0]["regime"] == 18 and expected[2]["regime"] == 53 and expected[3] == len(toks)


def test_tokens_laid_out_by_pieces_between_spaces_are_the_tokenizers(docs):
    # tokens() tokenises each distinct piece between spaces once and lays the tokens out with numpy; the
    # tokens, their offsets and their sentences must be those of TOKEN_RE on the whole text
    tricky = (
        "U.S.-led  Iran’s\u00a0regime\ttheir 'regime' 162,000.5 PMOI/MEK\x1cD'Oise isn't ... (al-Assad) Iran's.\u3000"
        "TRUMP'S THE Élise\u2028می\u200cشود روزنامهٔ e\u0301lite\n\nIran’s regime. Iran’s regime."
    )
    texts = list(docs["text"]) + [tricky, tricky.upper(), "", "   ", tricky * 3]
    corpus = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})
    table = tokens(corpus)
    expected = [
        (f"d{i}", m.group(), m.start(), m.end())
        for i, text_ in enumerate(texts)
        for m in TOKEN_RE.finditer(text_.replace("’", "'"))
    ]
    got = list(zip(table["doc_id"].astype(str), table["token"].astype(str), table["start"], table["end"]))
    assert got == expected and len(got) > 3000
    sents = sentences(corpus)  # each token is in the last sentence of its article that starts at or before it
    starts = {d: rows["start"].to_numpy() for d, rows in sents.groupby("doc_id")}
    for doc_id, start, sentence_id in zip(table["doc_id"].astype(str), table["start"], table["sentence_id"]):
        assert sentence_id == (starts[doc_id] <= start).sum()


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


# --------------------------------------------------------------------------- actors


def test_sentences_in_any_order_give_the_same_mentions(docs, sents):
    shuffled = sents.sample(frac=1, random_state=0)
    pd.testing.assert_frame_equal(actor_mentions(docs, sents=shuffled), actor_mentions(docs, sents=sents))


# --------------------------------------------------------------------------- collocates: the word index


@pytest.mark.parametrize(
    "query", [["regime"], ["islamic", "republic"], ["iran", "'s"], ["the"], ["iranian", "iranian"]]
)
def test_the_word_index_finds_the_occurrences_a_scan_finds(docs, toks, query):
    arrays = counting.from_tokens(docs, toks, _is_number)
    index = counting.WordIndex(arrays)
    codes = arrays.vocab.get_indexer(query)
    assert (index.occurrences(codes) == counting.occurrences(arrays, codes)).all()
    starts = counting.occurrences(arrays, codes)
    for window in (1, 5, 15):
        with_scratch = counting.neighbours(arrays, starts, len(codes), window, index.scratch)
        assert not index.scratch.any()  # cleared for the next query
        assert (with_scratch == counting.neighbours(arrays, starts, len(codes), window)).all()
    assert (index.term_freq == np.bincount(arrays.codes, minlength=len(arrays.vocab))).all()


# --------------------------------------------------------------------------- kwic: all texts searched at once


def test_searching_all_texts_at_once_finds_what_searching_each_text_finds():
    texts = [
        "Iran’s regime; IRAN's REGIME regimes xregime regime_ (PMOI/MEK)x",
        "ſome Straße STRASSE İstanbul istanbul ΣΑΣ σας \u212a kelvin",
        "the\u00a0regime  The\tRegime Iran‘s iran’S",
    ] * 8
    joined = search.JoinedTexts(texts, QUOTE_CLASSES)
    queries = ["regime", "Iran's", "(PMOI/MEK)", "the regime", "some", "straße", "istanbul", "σας", "kelvin", "’s"]
    searched = 0
    for query in queries:
        for case in (False, True):
            pattern = compile_query(query, False, case)
            found = search.literal_matches(joined, query, pattern, case)
            rows, local = search.starts_by_article(texts, pattern)
            if found is None:  # a character the folded search cannot stand for: searched text by text
                continue
            searched += 1
            assert found[0].tolist() == rows.tolist() and found[1].tolist() == local.tolist(), (query, case)
    assert searched >= 16


# --------------------------------------------------------------------------- both cores


def _every_analysis(docs):
    """Every analysis that reads the corpus article by article (or sentence by sentence), with the tables reused
    as a researcher would, and without (each analysis then makes its own sentences and tokens)."""
    sents = sentences(docs)
    toks = tokens(docs, sents=sents)
    return {
        "sentences": sents,
        "tokens": toks,
        "tokens without sents": tokens(docs),
        "word_frequencies from the texts": word_frequencies(docs, by="outlet"),
        "word_frequencies from toks": word_frequencies(docs, toks=toks, ngram=2),
        "keyness": keyness(docs, docs["outlet"].iloc[0], by="outlet", toks=toks),
        "kwic": kwic(docs, "regime", sents=sents, toks=toks),
        "kwic of a regex": kwic(docs, r"Iran\w*", regex=True),
        "actor_mentions": actor_mentions(docs, sents=sents),
        "dates_mentioned": dates_mentioned(docs, sents=sents),
        "loaded_language": loaded_language(docs, sents=sents),
        "loaded_language without sents": loaded_language(docs),
        "sentence_sentiment": sentence_sentiment(docs, sents=sents),
        "quotations": quotations(docs, sents=sents),
        "quoted_terms": quoted_terms(docs, sents=sents),
    }


@pytest.fixture
def in_small_parts(monkeypatch):
    """Workers for any corpus, and parts of ``size`` articles: the parallel path on a small corpus."""

    def setting(size):
        monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
        monkeypatch.setattr(parallel, "PART_SIZE", size)

    return setting


@pytest.mark.parametrize("corpus, part_size", [("course", 1), ("synthetic", 70)])
def test_in_worker_processes_every_analysis_gives_the_tables_of_the_plain_loop(corpus, part_size, in_small_parts):
    docs = load_corpus() if corpus == "course" else synthetic_corpus(400, seed=3)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*no list of your own was given")
        parallel.use_workers(False)
        try:
            plain = _every_analysis(docs)
        finally:
            parallel.use_workers(True)
        in_small_parts(part_size)
        assert len(parallel.ranges(len(docs), parallel.workers_available())) >= 5  # parts cut the corpus
        split = _every_analysis(docs)
    for name, table in plain.items():
        assert len(table) > 0, name
        pd.testing.assert_frame_equal(split[name], table, obj=name)


def test_work_runs_in_other_processes_in_order_and_a_worker_starts_none_of_its_own(in_small_parts):
    in_small_parts(3)
    if parallel.workers_available() < 2:
        pytest.skip("one core only: the analyses run in this process")
    done = parallel.in_parts(lambda lo, hi: (lo, hi, os.getpid(), parallel.workers_available()), 20)
    assert [(lo, hi) for lo, hi, _, _ in done] == parallel.ranges(20, parallel.workers_available())
    assert done[0][0] == 0 and done[-1][1] == 20
    assert all(b[0] == a[1] for a, b in zip(done, done[1:]))  # consecutive, nothing left out
    assert os.getpid() not in {pid for _, _, pid, _ in done}
    assert {available for _, _, _, available in done} == {0}


def test_the_course_corpus_never_starts_a_worker(docs, monkeypatch):
    # lessons on five articles must not pay for starting processes
    def refuse(*args, **kwargs):
        raise AssertionError("a worker process was started")

    monkeypatch.setattr(parallel.multiprocessing, "get_context", refuse)
    assert len(docs) < parallel.PARALLEL_FROM
    _every_analysis(docs)


def test_a_failure_in_a_worker_reaches_the_caller(in_small_parts):
    in_small_parts(2)
    if parallel.workers_available() < 2:
        pytest.skip("one core only")

    def fail(lo, hi):
        if lo > 0:
            raise ValueError(f"part {lo}-{hi} failed")
        return lo

    with pytest.raises(ValueError, match="failed"):
        parallel.in_parts(fail, 10)


_BLOCK_OF_8_MB = """
import ctypes, sys
import numpy as np
from helpers._engine import parallel
class MallInfo2(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in "arena ordblks smblks hblks hblkhd".split()]
    _fields_ += [(n, ctypes.c_size_t) for n in "usmblks fsmblks uordblks fordblks keepcost".split()]
libc = ctypes.CDLL("libc.so.6")
libc.mallinfo2.restype = MallInfo2
block = np.ones(20 * 2**20, dtype=np.uint8)  # mapped on its own, then freed: glibc keeps blocks up to 20 MB from now
del block
if sys.argv[1] == "mapped":
    parallel.map_large_blocks()
before = libc.mallinfo2().hblkhd
block = np.ones(8 * 2**20, dtype=np.uint8)
print(libc.mallinfo2().hblkhd - before)  # bytes mapped on their own: given back to the system when freed
"""


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="glibc's allocator, on Linux only")
def test_after_a_large_corpus_a_freed_block_of_megabytes_goes_back_to_the_system(in_small_parts):
    import subprocess
    import sys

    def mapped_bytes(how):
        run = subprocess.run([sys.executable, "-c", _BLOCK_OF_8_MB, how], capture_output=True, text=True, check=True)
        return int(run.stdout)

    assert mapped_bytes("kept") == 0  # glibc's default: kept in the process for reuse once freed
    assert mapped_bytes("mapped") >= 8 * 2**20
    assert parallel.LARGE_BLOCK <= 8 * 2**20
    # the first work on workers sets it for the session
    in_small_parts(2)
    if parallel.workers_available() >= 2:
        parallel.in_parts(lambda lo, hi: hi - lo, 10)
        assert parallel._large_blocks_mapped


# --------------------------------------------------------------------------- lists searched at word starts


def _one_expression(search_: search.ListSearch, text: str) -> list[tuple[int, int, int]]:
    """The plain reading: the whole list as one regular expression, tried at every position."""
    return [(m.start(), m.end(), m.lastindex - 1) for m in search_.whole.finditer(text)]


def test_a_list_searched_at_word_starts_finds_what_the_one_expression_finds(docs):
    from helpers.framing import _compile, load_lexicon
    from helpers.names import NameMatcher, normalise

    tricky = (
        "a hundred times A HUNDRED\ttimes; brutality-led, (PMOI/MEK) U.S. E.U. the US us, İran IRAN iran’s "
        "al-Assad's x-terror terror-x Mullahs' regime’s Regime/terrorist 'terrorists' ſyrian KINGDOM"
    )
    plain = tricky.replace("İ", "I").replace("ſ", "s")  # no cased letter beyond ASCII: searched in lower case
    texts = [*docs["text"], *synthetic_corpus(30, seed=5)["text"], tricky, tricky.lower(), tricky.upper(), ""]
    texts += [plain, plain.lower(), plain.upper(), "Île-de-France ÎLE-DE-FRANCE île " + plain, "\u212aINGDOM US"]
    lexicon, _ = _compile(tuple(load_lexicon()["term"]))
    names = NameMatcher(load_actors()).search
    assert lexicon.at_word_starts and names.at_word_starts  # the fast way is the one tested
    found = 0
    for text in texts:
        for list_search, searched in ((lexicon, text), (names, normalise(text))):
            expected = _one_expression(list_search, searched)
            assert list(list_search.finditer(searched)) == expected
            found += len(expected)
    assert found > 2000


def test_a_list_with_an_entry_that_does_not_start_a_word_is_searched_with_the_one_expression():
    odd = search.ListSearch(
        [("regime", "re", False), (r"\(PMOI", "(P", False), ("(?i:Iran)", "Ir", True)], r"(?<!\w)", ""
    )
    assert not odd.at_word_starts
    text = "The regime (PMOI) of IRAN, Iran"
    assert list(odd.finditer(text)) == _one_expression(odd, text) == [(4, 10, 0), (11, 16, 1), (21, 25, 2), (27, 31, 2)]


def test_counts_of_counts_a_chunk_at_a_time_as_bincount_counts_all_at_once(monkeypatch):
    docs = load_corpus()
    arrays = counting.from_tokens(docs, tokens(docs), _is_number)
    whole = np.bincount(arrays.codes, minlength=len(arrays.vocab))
    regime = list(arrays.vocab).index("regime")
    expected = helpers.collocates(docs, "regime")
    monkeypatch.setattr(counting, "COUNT_CHUNK", 97)  # a prime: the last chunk is short, none ends on a sentence
    assert len(arrays.codes) > 20 * counting.COUNT_CHUNK
    counted = counting.counts_of(arrays.codes, len(arrays.vocab))
    assert counted.dtype == np.int64 and counted.tolist() == whole.tolist() and counted[regime] == 53
    pd.testing.assert_frame_equal(helpers.collocates(docs, "regime"), expected)  # term_freq counted in chunks
