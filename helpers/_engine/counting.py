"""Counting tokens fast: the tokens of a corpus as integer arrays, counted a block of articles at a time.

:mod:`helpers.words` says what is counted (the rules: which n-grams, which neighbours) and how the
counts become scores (per 1,000 words, G², log ratio, log Dice, MI). This module does the counting:

- :class:`TokenArrays` holds the tokens as parallel integer arrays (no Python object per token),
  made from the table of :func:`helpers.tokens` without copying it, or straight from the texts when
  only single words are counted (about twice as fast: no offsets or sentences are needed);
- :func:`count_ngrams` and :func:`count_sides` count a block of about two million tokens at a time,
  so that the memory needed stays that of one block however large the corpus;
- :class:`TermCounts` holds the counts of each (group, term) with the terms numbered: the text of each
  distinct term is made once, and its alphabetical place found from those of its words
  (:func:`ngram_ranks`), so that a frequency list of millions of rows is sorted by integers
  (:func:`table_order`), not by comparing strings;
- :class:`WordIndex` sorts the positions of the tokens by word once, so that the collocates
  explorer looks at the occurrences of its query only, not at every token of the corpus.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from helpers._engine.tables import doc_bounds, doc_codes, word_counts

BLOCK_SIZE = 2_000_000  # tokens counted at a time
ONE_NUMBER = 2**63  # several sort keys are made into one integer when all their combinations are fewer than this
DENSE_RANGE = 4  # tally() counts in an array as long as the values' range if it is at most 4 times their number


@dataclass
class TokenArrays:
    """The tokens of a corpus as parallel arrays: one entry per token, in text order."""

    docs: pd.DataFrame
    doc_codes: np.ndarray  # row of docs the token belongs to
    codes: np.ndarray  # position of the token's lower-case form in vocab
    vocab: pd.Index
    stop: np.ndarray  # the token is a stopword
    number_in_vocab: np.ndarray  # the word of vocab is a number
    sentence_ids: np.ndarray | None = None  # sentence_id of the token in its article; None: never needed
    weight: np.ndarray | None = None  # when an entry stands for several tokens (counts of single words): how many

    # Arrays as long as the corpus that only some analyses need are made when first used, so that
    # counting words on a large corpus does not pay for them.
    @cached_property
    def number(self) -> np.ndarray:
        """The token is a number."""
        return self.number_in_vocab[self.codes]

    @cached_property
    def sentence(self) -> np.ndarray:
        """A running sentence number over the whole corpus (or the part)."""
        if self.sentence_ids is None:
            return np.arange(self.size, dtype=np.int32)
        new_sentence = np.ones(self.size, dtype=bool)
        new_sentence[1:] = (self.doc_codes[1:] != self.doc_codes[:-1]) | (
            self.sentence_ids[1:] != self.sentence_ids[:-1]
        )
        return np.cumsum(new_sentence, dtype=np.int32)

    @cached_property
    def word_ranks(self) -> tuple[np.ndarray, np.ndarray]:
        """The place of each word of vocab in alphabetical order: alone, and followed by a space (see
        :func:`ngram_ranks`)."""
        words = self.vocab.to_numpy(dtype=object)
        return alphabetical_ranks(words), alphabetical_ranks(words + " ")

    @cached_property
    def vocab_has_space(self) -> bool:
        """A word of vocab holds a space (only in a table of tokens one has edited)."""
        return bool(pd.Series(self.vocab, dtype=object).str.contains(" ", regex=False).any())

    @property
    def size(self) -> int:
        return len(self.codes)

    def part(self, lo: int, hi: int) -> TokenArrays:
        """The entries from ``lo`` to ``hi`` (views, not copies)."""
        return TokenArrays(
            docs=self.docs,
            doc_codes=self.doc_codes[lo:hi],
            codes=self.codes[lo:hi],
            vocab=self.vocab,
            stop=self.stop[lo:hi],
            number_in_vocab=self.number_in_vocab,
            sentence_ids=None if self.sentence_ids is None else self.sentence_ids[lo:hi],
            weight=None if self.weight is None else self.weight[lo:hi],
        )

    def blocks(self, size: int):
        """``(lo, hi)`` ranges of about ``size`` entries that never cut an article (nor a sentence) in two."""
        lo = 0
        while lo < self.size:
            hi = min(lo + size, self.size)
            if hi < self.size:  # doc_codes are in the order of docs: move on to the end of this article
                hi = int(np.searchsorted(self.doc_codes, self.doc_codes[hi - 1], side="right"))
            yield lo, hi
            lo = hi

    @cached_property
    def doc_totals(self) -> np.ndarray:
        """The number of tokens of each article of docs (made once: every frequency list needs it)."""
        bounds = doc_bounds(self.doc_codes, len(self.docs)) if self.weight is None else None
        if bounds is not None:
            return np.diff(bounds)
        return np.bincount(self.doc_codes, weights=self.weight, minlength=len(self.docs))


def from_tokens(docs: pd.DataFrame, toks: pd.DataFrame, is_number: Callable) -> TokenArrays:
    """The arrays of the table of :func:`helpers.tokens` (its codes, without a copy where it can).

    ``docs`` has a plain index; ``toks`` holds rows of the articles of docs only; ``is_number(words)``
    says which words of the vocabulary are numbers.
    """
    if isinstance(toks["lower"].dtype, pd.CategoricalDtype):  # as tokens() makes it: its codes, without a copy
        codes, vocab = toks["lower"].array.codes, toks["lower"].cat.categories
    else:
        codes, vocab = pd.factorize(toks["lower"])
        codes = codes.astype(np.int32)  # int32 arrays halve the memory on a large corpus
    vocab = pd.Index(vocab, dtype=object)
    return TokenArrays(
        docs=docs,
        doc_codes=doc_codes(docs, toks["doc_id"]),
        codes=codes,
        vocab=vocab,
        stop=toks["is_stopword"].to_numpy(dtype=bool),
        number_in_vocab=is_number(vocab) if len(vocab) else np.zeros(0, dtype=bool),
        sentence_ids=toks["sentence_id"].to_numpy(),
    )


def from_texts(docs: pd.DataFrame, token_re, lower_forms: Callable, is_number: Callable) -> TokenArrays:
    """Arrays for counts of single words, straight from the texts: one entry per word form per article,
    weighted by its number of occurrences (no offsets or sentences, which single words never need)."""
    doc_index, form_codes, counts, forms = word_counts(docs["text"], token_re)
    lower_of_form, lower_words, stop_of_form = lower_forms(forms)
    return TokenArrays(
        docs=docs,
        doc_codes=doc_index,
        codes=lower_of_form[form_codes],
        vocab=lower_words,
        stop=stop_of_form[form_codes],
        number_in_vocab=is_number(lower_words) if len(lower_words) else np.zeros(0, dtype=bool),
        weight=counts,
    )


def tally(values: np.ndarray, weights: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values in order, and how often each occurs (or the sum of their ``weights``, whole numbers
    above 0): what ``np.unique`` gives with ``return_counts``.

    Counted with ``np.bincount`` over the values themselves when they lie in a range at most
    :data:`DENSE_RANGE` times their number; else by sorting them (quicker than hashing them, for values that
    come mostly in order) and measuring each run of equal values, or adding up its weights.

    Example:
        >>> values, counts = tally(np.array([7, 3, 7, 9, 3, 7]))
        >>> values.tolist(), counts.tolist()
        ([3, 7, 9], [2, 3, 1])
    """
    values = np.asarray(values, dtype=np.int64)
    size = len(values)
    if size == 0:
        return values, np.zeros(0, dtype=np.int64)
    low, high = int(values.min()), int(values.max())
    if high - low < DENSE_RANGE * size:  # counted in an array with a place for every value of the range
        counts = _bincount(values - low if low else values, weights, high - low + 1)
        found = np.flatnonzero(counts)
        return found + low, counts[found]
    # The values sorted, and each run of equal values measured (or its weights added up). A merge sort: quick on
    # keys that come in runs already in order, as those of a block of articles do.
    order = None if weights is None else np.argsort(values, kind="stable")
    in_order = np.sort(values, kind="stable") if order is None else values[order]
    new = np.ones(size, dtype=bool)
    np.not_equal(in_order[1:], in_order[:-1], out=new[1:])
    starts = np.flatnonzero(new)
    if weights is None:
        return in_order[starts], np.diff(starts, append=size)
    return in_order[starts], np.add.reduceat(np.asarray(weights, dtype=np.int64)[order], starts)


def firsts(ids: np.ndarray) -> np.ndarray:
    """Where each of 0, 1, 2... first occurs in ``ids`` numbered in the order they first occur (as by
    ``pd.factorize``): where the highest id so far goes up.

    Example:
        >>> firsts(np.array([0, 1, 0, 2, 1])).tolist()
        [0, 1, 3]
    """
    if len(ids) == 0:
        return np.zeros(0, dtype=np.int64)
    highest = np.maximum.accumulate(ids)
    new = np.ones(len(ids), dtype=bool)
    new[1:] = highest[1:] > highest[:-1]
    return np.flatnonzero(new)


def distinct_values(values: np.ndarray) -> np.ndarray:
    """The distinct values, in no particular order: marked in an array of booleans as long as their range
    when it is at most 16 times their number (a byte for each), else found by hashing.

    Example:
        >>> sorted(distinct_values(np.array([7, 3, 7, 9, 3])).tolist())
        [3, 7, 9]
    """
    values = np.asarray(values, dtype=np.int64)
    if len(values) == 0:
        return values
    low, high = int(values.min()), int(values.max())
    if high - low >= 16 * len(values):
        return pd.unique(values)
    seen = np.zeros(high - low + 1, dtype=bool)
    seen[values - low] = True
    return np.flatnonzero(seen) + low


# np.bincount copies values of a smaller integer type (word codes are int32) to int64 before counting them: a copy
# twice their size, 0.5 GB for the 62 million tokens of 100,000 articles. counts_of counts this many at a time.
COUNT_CHUNK = 2**23


def counts_of(values: np.ndarray, length: int) -> np.ndarray:
    """How often each of ``0..length-1`` occurs in ``values`` (non-negative integers below ``length``), as int64:
    ``np.bincount(values, minlength=length)``, counted :data:`COUNT_CHUNK` values at a time, so that the int64 copy
    that np.bincount makes of smaller integers is of one chunk (64 MB), not of all the values.

    Example:
        >>> counts_of(np.array([2, 0, 2], dtype=np.int32), 4).tolist()
        [1, 0, 2, 0]
    """
    counts = np.zeros(length, dtype=np.int64)
    for start in range(0, len(values), COUNT_CHUNK):
        counts += np.bincount(values[start : start + COUNT_CHUNK], minlength=length)
    return counts


def _bincount(values: np.ndarray, weights: np.ndarray | None, length: int) -> np.ndarray:
    """How often each of ``0..length-1`` occurs in ``values``, or the sum of its ``weights`` (int64). Summed as
    floating-point numbers, which hold every whole number below 2**53 exactly, far above any count of words."""
    if weights is None:
        return np.bincount(values, minlength=length)
    return np.bincount(values, weights=weights, minlength=length).astype(np.int64)


# --------------------------------------------------------------------------------------------------------------------
# n-grams


def _keys_are_global(tokens: TokenArrays, n: int) -> bool:
    return max(len(tokens.vocab), 1) ** n < 2**62


def _ngram_keys(tokens: TokenArrays, starts: np.ndarray, n: int) -> np.ndarray:
    """An integer id for each n-gram starting at ``starts``: the same n-gram, the same id."""
    keys = tokens.codes[starts].astype(np.int64)
    for k in range(1, n):
        if _keys_are_global(tokens, n):  # the same n-gram has the same key in every part of the corpus
            keys = keys * len(tokens.vocab) + tokens.codes[starts + k]
        else:  # a vocabulary too large for that: combine word ids pairwise, renumbering so the ids stay small
            keys, _ = pd.factorize(keys * len(tokens.vocab) + tokens.codes[starts + k])
    return np.asarray(keys, dtype=np.int64)


def ngram_text(tokens: TokenArrays, words: np.ndarray) -> np.ndarray:
    """The text of each n-gram (a row of ``words``, codes of the vocabulary): lower-case words joined by a space."""
    texts = [pd.Series(tokens.vocab.take(words[:, k]), dtype=object) for k in range(words.shape[1])]
    joined = texts[0].str.cat([t.to_numpy() for t in texts[1:]], sep=" ") if len(texts) > 1 else texts[0]
    return joined.to_numpy(dtype=object)


def alphabetical_ranks(texts) -> np.ndarray:
    """The place of each text in alphabetical order (Python's order of strings), equal texts in the same place.

    Example:
        >>> alphabetical_ranks(np.array(["regime", "iran", "regime", "iranian"], dtype=object)).tolist()
        [2, 0, 2, 1]
    """
    texts = np.asarray(texts, dtype=object)
    order = np.argsort(texts, kind="stable")
    new = np.ones(len(texts), dtype=bool)
    new[1:] = texts[order[1:]] != texts[order[:-1]]
    ranks = np.empty(len(texts), dtype=np.int64)
    ranks[order] = np.cumsum(new) - 1
    return ranks


def ngram_ranks(tokens: TokenArrays, words: np.ndarray) -> np.ndarray:
    """The place of each n-gram (a row of ``words``) in the alphabetical order of their texts, found from the
    places of their words, without making the texts.

    Two texts of n-grams, words joined by a space, differ first within the first word where the n-grams differ:
    when no word holds a space, the first of the two is the one whose word followed by a space comes first (for
    the last word, the word alone). So the n-grams are sorted by the ranks of their words, the first word first.
    A vocabulary with a space in a word (from a table of tokens one has edited) has its texts sorted instead.
    """
    n = words.shape[1]
    if n > 1 and tokens.vocab_has_space:
        return alphabetical_ranks(ngram_text(tokens, words))
    ranks_alone, ranks_before_space = tokens.word_ranks
    keys = [ranks_before_space[words[:, k]] for k in range(n - 1)] + [ranks_alone[words[:, n - 1]]]
    size = max(len(tokens.vocab), 1)
    if size**n < ONE_NUMBER:  # the ranks of the words as the digits of one number: one sort
        number = keys[0].astype(np.int64)
        for key in keys[1:]:
            number *= size
            number += key
        order = np.argsort(number)
    else:
        order = np.lexsort(keys[::-1])  # by the last key given first: the first word, then the second...
    in_order = words[order]
    new = np.ones(len(words), dtype=bool)
    new[1:] = (in_order[1:] != in_order[:-1]).any(axis=1)
    ranks = np.empty(len(words), dtype=np.int64)
    ranks[order] = np.cumsum(new) - 1
    return ranks


def table_order(group: np.ndarray, count: np.ndarray, rank: np.ndarray) -> np.ndarray:
    """The order of rows by ``group``, then ``count`` (highest first), then ``rank``.

    One stable sort of an integer made of the three, when it fits in 63 bits (quick on rows that come in
    order of group, as counted), else ``np.lexsort`` of the three.

    Example:
        >>> table_order(np.array([1, 0, 0, 0]), np.array([5, 2, 7, 2]), np.array([0, 3, 1, 2])).tolist()
        [2, 3, 1, 0]
    """
    if len(group) == 0:
        return np.zeros(0, dtype=np.int64)
    highest = int(count.max())
    n_counts, n_ranks = highest - int(count.min()) + 1, int(rank.max()) + 1
    if (int(group.max()) + 1) * n_counts * n_ranks >= ONE_NUMBER:
        return np.lexsort((rank, -count, group))
    key = group.astype(np.int64) * n_counts
    key += highest - count
    key *= n_ranks
    key += rank
    return np.argsort(key, kind="stable")


def first_groups(group: np.ndarray, rows: int) -> np.ndarray:
    """The entries of the lowest groups that hold at least ``rows`` entries together (all, if there are fewer).

    Example:
        >>> first_groups(np.array([2, 0, 1, 0, 2]), 3).tolist()
        [1, 2, 3]
    """
    last = np.searchsorted(np.cumsum(np.bincount(group)), rows)
    return np.flatnonzero(group <= last)


@dataclass
class TermCounts:
    """How often each term occurs in each group of articles, and in how many of its articles: one entry per
    (group, term), in no particular order. The terms are numbered; the text of each is made once (``texts``),
    with its place in alphabetical order (``ranks``), so that a table of millions of (group, term) rows is
    sorted by integers and takes its texts from a list as long as the distinct terms."""

    group: np.ndarray
    term: np.ndarray  # the number of the term: its row in texts and ranks
    count: np.ndarray
    doc_freq: np.ndarray
    texts: np.ndarray  # the text of each term (Python strings)
    ranks: np.ndarray  # the place of each term's text in alphabetical order

    def __len__(self) -> int:
        return len(self.group)

    @classmethod
    def of_texts(cls, group, texts, count, doc_freq) -> TermCounts:
        """The counts of each (group, term), with each term given as text."""
        term, distinct = pd.factorize(np.asarray(texts, dtype=object))
        distinct = np.asarray(distinct, dtype=object)
        return cls(
            np.asarray(group), term, np.asarray(count), np.asarray(doc_freq), distinct, alphabetical_ranks(distinct)
        )

    def table(self) -> pd.DataFrame:
        """The columns ``group``, ``term`` (its text), ``count`` and ``doc_freq``."""
        return pd.DataFrame(
            {
                "group": self.group,
                "term": self.texts[self.term],
                "count": self.count,
                "doc_freq": np.array(self.doc_freq),
            }
        )


@dataclass
class _Block:
    """The counts of one block of articles: one entry per (group, n-gram), the n-grams numbered in the block."""

    group: np.ndarray
    local: np.ndarray  # the n-gram: its row in keys and first
    count: np.ndarray
    doc_freq: np.ndarray | None  # None: 1 for each (each group is one article)
    keys: np.ndarray  # the id of each n-gram of the block (see _ngram_keys)
    first: np.ndarray  # where one occurrence of each starts


def _count_block(tokens, lo: int, hi: int, doc_group: np.ndarray, n: int, counted, one_article_each: bool):
    """Counts of each (group, n-gram) in the entries lo..hi; None when no n-gram there counts."""
    part = tokens.part(lo, hi)
    starts = np.flatnonzero(counted(part, n)) if part.size - n + 1 > 0 else np.zeros(0, dtype=np.int64)
    if len(starts) == 0:
        return None
    local, distinct = pd.factorize(_ngram_keys(part, starts, n))  # small ids for this block's n-grams
    n_local = len(distinct)
    groups = doc_group[part.doc_codes[starts]].astype(np.int64)
    found, count = tally(groups * n_local + local, None if part.weight is None else part.weight[starts])
    doc_freq = None  # each group is one article: a term found in it is found in one article
    if not one_article_each:
        doc_key = distinct_values(part.doc_codes[starts].astype(np.int64) * n_local + local)  # (article, term) once
        group_of_key = doc_group[doc_key // n_local]
        _, doc_freq = tally(group_of_key.astype(np.int64) * n_local + doc_key % n_local)  # same keys as `found`
    return _Block(found // n_local, found % n_local, count, doc_freq, np.asarray(distinct), lo + starts[firsts(local)])


def count_ngrams(tokens: TokenArrays, doc_group: np.ndarray, n: int, counted) -> TermCounts:
    """How often each n-gram occurs in each group of articles, and in how many of its articles.

    ``doc_group`` gives the group (an integer) of each article of docs; ``counted(tokens, n)`` says
    which n-grams count (a boolean array, one entry per possible start). Returns the counts as
    :class:`TermCounts`, one entry per (group, n-gram), in no particular order.
    """
    one_article_each = len(doc_group) == 0 or int(doc_group.max()) + 1 == len(doc_group)  # factorized: distinct
    # Counted a block of articles at a time (n-grams never cross an article), then the blocks added up.
    blocks = tokens.blocks(BLOCK_SIZE) if _keys_are_global(tokens, n) else [(0, tokens.size)]
    parts = [_count_block(tokens, lo, hi, doc_group, n, counted, one_article_each) for lo, hi in blocks]
    parts = [part for part in parts if part is not None]
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return TermCounts(empty, empty, empty, empty, np.zeros(0, dtype=object), empty)
    group, count = (np.concatenate([getattr(p, name) for p in parts]) for name in ("group", "count"))
    if one_article_each:  # 1 for each entry, without the memory: the rows shown are taken from it
        doc_freq = np.broadcast_to(np.ones(1, dtype=np.int64), group.shape)
    else:
        doc_freq = np.concatenate([p.doc_freq for p in parts])
    if len(parts) == 1:
        term, first = parts[0].local, parts[0].first
    else:  # the same key is the same n-gram in every block: number the n-grams of all blocks
        ids, _ = pd.factorize(np.concatenate([p.keys for p in parts]))
        offsets = np.cumsum([0] + [len(p.keys) for p in parts])
        term = np.concatenate([ids[offset + p.local] for offset, p in zip(offsets, parts)])
        first = np.concatenate([p.first for p in parts])[firsts(ids)]
        if not one_article_each:  # a group's articles may lie in two blocks: add up its counts in each
            together, rows = pd.factorize(group * len(first) + term)
            group, term = rows // len(first), rows % len(first)
            count = _bincount(together, count, len(rows))
            doc_freq = _bincount(together, doc_freq, len(rows))
    words = np.stack([tokens.codes[first + k] for k in range(n)], axis=1)
    return TermCounts(group, term, count, doc_freq, ngram_text(tokens, words), ngram_ranks(tokens, words))


def count_sides(tokens: TokenArrays, in_target: np.ndarray, in_reference: np.ndarray, counted):
    """How often each word of the vocabulary occurs in the target and in the reference, and their sizes.

    ``in_target`` and ``in_reference`` say which articles of docs belong to each side; ``counted(tokens, 1)``
    says which tokens count. The sizes are all the tokens of each side. Returns
    ``(target_counts, reference_counts, target_size, reference_size)``.
    """
    n_terms = len(tokens.vocab)
    bounds = doc_bounds(tokens.doc_codes, len(tokens.docs)) if tokens.weight is None else None
    per_doc = np.diff(bounds) if bounds is not None else counts_of(tokens.doc_codes, len(tokens.docs))
    sizes = int(per_doc[in_target].sum()), int(per_doc[in_reference].sum())
    # Each token is counted once, under the sides of its article: 1 target, 2 reference, 3 both, 0 neither (or
    # not counted); one bincount of (side, word) gives both sides' counts.
    side = in_target.astype(np.int8) + 2 * in_reference.astype(np.int8)
    key_type = np.int32 if 4 * n_terms < 2**31 else np.int64
    counts = np.zeros(4 * n_terms, dtype=np.int64)
    for lo, hi in tokens.blocks(BLOCK_SIZE):  # a block of articles at a time: little memory on a large corpus
        part = tokens.part(lo, hi)
        if bounds is not None:  # the tokens come article by article, and a block holds whole articles
            first, last = part.doc_codes[0], part.doc_codes[-1] + 1
            label = np.repeat(side[first:last], per_doc[first:last])
        else:
            label = side[part.doc_codes]
        label *= counted(part, 1)
        key = label.astype(key_type) * n_terms
        key += part.codes
        counts += np.bincount(key, minlength=4 * n_terms)
    counts = counts.reshape(4, n_terms)
    return counts[1] + counts[3], counts[2] + counts[3], sizes[0], sizes[1]


# --------------------------------------------------------------------------------------------------------------------
# Occurrences of a phrase and their neighbours


def occurrences(tokens: TokenArrays, query_codes: np.ndarray) -> np.ndarray:
    """Where each occurrence of the query's words, in order and in one sentence, starts (by looking at every token)."""
    n = len(query_codes)
    size = tokens.size - n + 1
    if size <= 0:
        return np.zeros(0, dtype=np.int64)
    found = tokens.sentence[n - 1 :] == tokens.sentence[:size]
    for k, code in enumerate(query_codes):
        found &= tokens.codes[k : k + size] == code
    return np.flatnonzero(found)


class WordIndex:
    """The tokens of a corpus indexed by word, made once for the collocates explorer: where each word occurs
    and how often, so that a query looks at its own occurrences only, not at every token of the corpus."""

    def __init__(self, tokens: TokenArrays):
        self.tokens = tokens
        self.term_freq = counts_of(tokens.codes, len(tokens.vocab))
        small = np.int32 if tokens.size < 2**31 else np.int64  # positions in half the memory, when they fit
        self.order = np.argsort(tokens.codes, kind="stable").astype(small)  # the tokens, word by word, in order
        self.bounds = np.concatenate([[0], np.cumsum(self.term_freq)])
        self.scratch = np.zeros(tokens.size, dtype=bool)  # marks the query's tokens; cleared after each query

    def occurrences(self, query_codes: np.ndarray) -> np.ndarray:
        """The same as :func:`occurrences`, from the index."""
        tokens, n = self.tokens, len(query_codes)
        found = self.order[self.bounds[query_codes[0]] : self.bounds[query_codes[0] + 1]]
        found = found[found < tokens.size - n + 1]
        for k in range(1, n):
            found = found[tokens.codes[found + k] == query_codes[k]]
        return found[tokens.sentence[found + n - 1] == tokens.sentence[found]]


def neighbours(tokens: TokenArrays, starts: np.ndarray, n: int, window: int, scratch=None) -> np.ndarray:
    """The positions of the tokens within ``window`` tokens of each occurrence of an n-token phrase (starting
    at ``starts``), in the same sentence, the phrase's own tokens left out; a token near two occurrences
    is there twice. ``scratch`` is a boolean array as long as the corpus, all False, to use (and clear)."""
    last = tokens.size - 1
    near = []
    for distance in range(1, window + 1):
        for position in (starts - distance, starts + n - 1 + distance):
            safe = np.clip(position, 0, last)
            inside = (position >= 0) & (position <= last) & (tokens.sentence[safe] == tokens.sentence[starts])
            near.append(position[inside])
    near = np.concatenate(near) if near else np.zeros(0, dtype=np.int64)
    in_query = scratch if scratch is not None else np.zeros(tokens.size, dtype=bool)
    for k in range(n):
        in_query[starts + k] = True
    near = near[~in_query[near]]
    if scratch is not None:
        for k in range(n):
            in_query[starts + k] = False
    return near


def count_neighbours(
    tokens: TokenArrays, near: np.ndarray, token_group: np.ndarray | None, term_freq: np.ndarray | None = None
) -> pd.DataFrame:
    """How often each word is a neighbour, in each group (all tokens one group when ``token_group`` is None),
    and how often it occurs in its group in all (``term_freq``; the index's counts may be given for one group).

    Returns the columns ``group``, ``code``, ``count`` and ``term_freq``.
    """
    if token_group is None:
        codes, count = np.unique(tokens.codes[near], return_counts=True)
        if term_freq is None:
            term_freq = counts_of(tokens.codes, len(tokens.vocab))
        return pd.DataFrame(
            {
                "group": np.zeros(len(codes), dtype=np.int64),
                "code": codes,
                "count": count,
                "term_freq": term_freq[codes],
            }
        )
    pairs = pd.DataFrame({"group": token_group[near], "code": tokens.codes[near]})
    table = pairs.groupby(["group", "code"], sort=False).size().rename("count").reset_index()
    candidates = np.isin(tokens.codes, table["code"].to_numpy())
    frequency = (
        pd.DataFrame({"group": token_group[candidates], "code": tokens.codes[candidates]})
        .groupby(["group", "code"], sort=False)
        .size()
        .rename("term_freq")
    )
    return table.join(frequency, on=["group", "code"])
