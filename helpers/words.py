"""Words: frequency lists, keyness, concordances (KWIC) and collocates.

The four classic tools of corpus linguistics, in the course's vocabulary:

- a **frequency list** (:func:`word_frequencies`) counts each word or phrase
  and gives its relative frequency per 1,000 words, so that articles of
  different lengths can be compared;
- **keyness** (:func:`keyness`) asks which words one article (or outlet) uses
  much more, or much less, than the others;
- a **concordance** or KWIC, "key word in context" (:func:`kwic`), lists every
  passage where a word or phrase occurs, with the words before and after it;
- **collocates** (:func:`collocates`) are the words that keep company with a
  word: those found within a few words of it.

All of them read the articles through the course's one tokenizer
(:func:`helpers.tokens`), so a "word" here is always a token as defined
there, compared in lower case. Each has a chart (``plot_<analysis>``) and an
explorer (``explore_<analysis>``) for use in a notebook.

On a corpus of five short articles every number below rests on a handful of
occurrences. They point to passages worth reading; they do not measure an
outlet's language.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cached_property

import ipywidgets as widgets
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from helpers.plots import PALETTE, bar_chart, style_figure
from helpers.progress import steps
from helpers.text import TOKEN_COLUMNS, check_docs, lower_forms, sentences, tokens, word_counts
from helpers.widgets import MANY_ARTICLES, TABLE_LIMIT, Explorer, View, hover_text, many_articles, summary_column

FREQUENCY_COLUMNS = ["term", "count", "per_1000", "doc_freq"]
KEYNESS_COLUMNS = [
    "term",
    "target_count",
    "reference_count",
    "target_per_1000",
    "reference_per_1000",
    "g2",
    "p_value",
    "log_ratio",
    "direction",
]
KWIC_COLUMNS = ["doc_id", "sentence_id", "left", "match", "right", "start", "end"]
COLLOCATE_COLUMNS = ["term", "count", "term_freq", "log_dice", "mi"]

_SENTENCE_COLUMNS = ["doc_id", "sentence_id", "start", "end"]
_HAS_LETTER = r"[^\W\d_]"
_WHITESPACE = re.compile(r"\s+")
# Characters a literal query treats as the same: straight and curly single quotes, straight and curly double quotes.
_QUOTE_CLASSES = {
    "'": "['‘’]",
    "‘": "['‘’]",
    "’": "['‘’]",
    '"': '["“”]',
    "“": '["“”]',
    "”": '["“”]',
}


# --------------------------------------------------------------------------------------------------------------------
# Checking arguments


def _check_column(docs: pd.DataFrame, column, function: str, argument: str = "by") -> None:
    if column == "text" or column not in docs.columns:
        available = ", ".join(str(c) for c in docs.columns if c != "text")
        raise ValueError(
            f"{function}: {argument}={column!r} is not a metadata column of docs. Use one of: {available}."
        )


def _check_int(value, name: str, function: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise ValueError(f"{function}: {name} must be a whole number of at least {minimum}; got {value!r}.")
    return int(value)


def _check_query(query, function: str) -> str:
    if not isinstance(query, str) or not query.strip():
        raise ValueError(f"{function}: the query is empty. Type a word or phrase to search for.")
    return query


def _listing(values, limit: int = 20) -> str:
    values = [str(v) for v in values]
    shown = ", ".join(values[:limit])
    return shown + (f", ... ({len(values)} in all)" if len(values) > limit else "")


# --------------------------------------------------------------------------------------------------------------------
# Tokens as numpy arrays, computed once and shared by the analyses


@dataclass
class _Prepared:
    """The tokens of a corpus as parallel arrays: one entry per token, in text order."""

    docs: pd.DataFrame
    doc_codes: np.ndarray  # row of docs the token belongs to
    codes: np.ndarray  # position of the token's lower-case form in vocab
    vocab: pd.Index
    stop: np.ndarray  # the token is a stopword
    number_in_vocab: np.ndarray  # the word of vocab has no letter (a number)
    sentence_ids: np.ndarray | None = None  # sentence_id of the token in its article; None: never needed
    weight: np.ndarray | None = None  # when an entry stands for several tokens (counts of single words): how many

    # Arrays as long as the corpus that only some analyses need are made when first used, so that
    # counting words on a large corpus does not pay for them.
    @cached_property
    def number(self) -> np.ndarray:
        """The token has no letter (a number)."""
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

    @property
    def size(self) -> int:
        return len(self.codes)

    def part(self, lo: int, hi: int) -> _Prepared:
        """The entries from ``lo`` to ``hi`` (views, not copies)."""
        return _Prepared(
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


def _tokens_for(docs: pd.DataFrame, toks: pd.DataFrame | None, function: str) -> pd.DataFrame:
    if toks is None:
        return tokens(docs)
    if not isinstance(toks, pd.DataFrame) or not set(TOKEN_COLUMNS) <= set(toks.columns):
        raise TypeError(f"{function}(): toks must be the DataFrame from tokens(docs).")
    doc_id = toks["doc_id"]
    if isinstance(doc_id.dtype, pd.CategoricalDtype):  # as tokens() makes it: check each article once
        listed = doc_id.cat.categories.isin(docs["doc_id"])
        if listed.all() and not doc_id.hasnans:
            return toks
        inside = np.append(listed, False)[doc_id.array.codes]  # a missing doc_id (code -1) is outside
    else:
        inside = doc_id.isin(docs["doc_id"]).to_numpy()
    return toks if inside.all() else toks[inside]  # no copy of a large table when nothing is left out


def _sentences_for(docs: pd.DataFrame, sents: pd.DataFrame | None, function: str) -> pd.DataFrame:
    if sents is None:
        return sentences(docs)
    if not isinstance(sents, pd.DataFrame) or not set(_SENTENCE_COLUMNS) <= set(sents.columns):
        raise TypeError(f"{function}(): sents must be the DataFrame from sentences(docs).")
    inside = sents["doc_id"].isin(docs["doc_id"]).to_numpy()
    return sents if inside.all() else sents[inside]  # no copy of a large table when nothing is left out


def _doc_codes(docs: pd.DataFrame, doc_id: pd.Series) -> np.ndarray:
    """For every token, the row of ``docs`` it belongs to (int32), without spelling out millions of ids."""
    if isinstance(doc_id.dtype, pd.CategoricalDtype):
        rows = pd.Index(docs["doc_id"]).get_indexer(doc_id.cat.categories).astype(np.int32)
        if len(rows) == len(docs) and (rows == np.arange(len(docs))).all():  # as tokens(docs) makes it
            return doc_id.array.codes  # the codes are the rows already: no copy (.cat.codes would copy)
        return rows[doc_id.array.codes]
    return pd.Index(docs["doc_id"]).get_indexer(doc_id).astype(np.int32)


def _prepare(docs: pd.DataFrame, toks: pd.DataFrame | None, function: str) -> _Prepared:
    check_docs(docs, function)
    docs = docs.reset_index(drop=True)
    toks = _tokens_for(docs, toks, function)
    doc_codes = _doc_codes(docs, toks["doc_id"])
    if isinstance(toks["lower"].dtype, pd.CategoricalDtype):  # as tokens() makes it: its codes, without a copy
        codes, vocab = toks["lower"].array.codes, toks["lower"].cat.categories
    else:
        codes, vocab = pd.factorize(toks["lower"])
        codes = codes.astype(np.int32)  # int32 arrays halve the memory on a large corpus
    if len(vocab):
        number_in_vocab = ~pd.Series(vocab, dtype=object).str.contains(_HAS_LETTER, regex=True).to_numpy(dtype=bool)
    else:
        number_in_vocab = np.zeros(0, dtype=bool)
    return _Prepared(
        docs=docs,
        doc_codes=doc_codes,
        codes=codes,
        vocab=pd.Index(vocab, dtype=object),
        stop=toks["is_stopword"].to_numpy(dtype=bool),
        number_in_vocab=number_in_vocab,
        sentence_ids=toks["sentence_id"].to_numpy(),
    )


def _prepare_unigrams(docs: pd.DataFrame, function: str) -> _Prepared:
    """Like :func:`_prepare` from the texts, for counts of single words: no offsets or sentences needed,
    so tokenising is about twice as fast (what matters on a large corpus)."""
    check_docs(docs, function)
    docs = docs.reset_index(drop=True)
    doc_index, form_codes, counts, forms = word_counts(docs["text"])  # one entry per form per article
    lower_of_form, lower_words, stop_of_form = lower_forms(forms)
    codes = lower_of_form[form_codes]
    has_letter = pd.Series(lower_words, dtype=object).str.contains(_HAS_LETTER, regex=True).to_numpy(dtype=bool)
    return _Prepared(
        docs=docs,
        doc_codes=doc_index,
        codes=codes,
        vocab=lower_words,
        stop=stop_of_form[form_codes],
        number_in_vocab=~has_letter,
        weight=counts,  # unigrams never need sentence boundaries: no sentence_ids
    )


def _doc_groups(prep: _Prepared, by, function: str) -> tuple[np.ndarray, pd.Index]:
    """The group of every article (an integer) and the group labels, in the order of docs."""
    if by is None:
        doc_group, labels = np.zeros(len(prep.docs), dtype=np.int64), pd.Index(["all articles"])
    else:
        _check_column(prep.docs, by, function)
        doc_group, labels = pd.factorize(prep.docs[by], use_na_sentinel=False)
    return np.asarray(doc_group, dtype=np.int32), pd.Index(labels)


def _groups(prep: _Prepared, by, function: str) -> tuple[np.ndarray, pd.Index]:
    """The group of every token (an integer) and the group labels, in the order of docs."""
    doc_group, labels = _doc_groups(prep, by, function)
    return doc_group[prep.doc_codes], labels


def _ngram_starts(prep: _Prepared, n: int, stopwords: bool, numbers: bool) -> tuple[np.ndarray, np.ndarray]:
    """Where each counted n-gram starts, and an integer id for each distinct n-gram."""
    size = prep.size - n + 1
    if size <= 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    keep = prep.sentence[n - 1 :] == prep.sentence[:size] if n > 1 else np.ones(size, dtype=bool)  # one sentence
    if stopwords:
        keep &= ~prep.stop[:size] & ~prep.stop[n - 1 :]
    if not numbers:
        for k in range(n):
            keep &= ~prep.number[k : k + size]
    starts = np.flatnonzero(keep)
    keys = prep.codes[starts].astype(np.int64)
    for k in range(1, n):
        if _keys_are_global(prep, n):  # the same n-gram has the same key in every part of the corpus
            keys = keys * len(prep.vocab) + prep.codes[starts + k]
        else:  # a vocabulary too large for that: combine word ids pairwise, renumbering so the ids stay small
            keys, _ = pd.factorize(keys * len(prep.vocab) + prep.codes[starts + k])
    return starts, np.asarray(keys, dtype=np.int64)


def _keys_are_global(prep: _Prepared, n: int) -> bool:
    return max(len(prep.vocab), 1) ** n < 2**62


def _ngram_text(prep: _Prepared, starts: np.ndarray, n: int) -> pd.Series:
    words = [pd.Series(prep.vocab.take(prep.codes[starts + k]), dtype=object) for k in range(n)]
    return words[0].str.cat([w.to_numpy() for w in words[1:]], sep=" ") if n > 1 else words[0]


_INT_COLUMNS = {"count", "doc_freq", "term_freq", "target_count", "reference_count", "sentence_id", "start", "end"}
_FLOAT_COLUMNS = {"per_1000", "target_per_1000", "reference_per_1000", "g2", "p_value", "log_ratio", "log_dice", "mi"}


def _empty(columns: list[str], first: str | None = None) -> pd.DataFrame:
    """A table with no rows but the right columns (and the grouping column ``first``, if any)."""
    names = ([first] if first else []) + columns

    def dtype(column):
        return "int64" if column in _INT_COLUMNS else "float64" if column in _FLOAT_COLUMNS else object

    return pd.DataFrame({c: pd.Series(dtype=dtype(c)) for c in names})


# --------------------------------------------------------------------------------------------------------------------
# Frequency lists


def _unique(values: np.ndarray, weights: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct values in order, where each first occurs, and how often (or the sum of their
    ``weights``): like ``np.unique`` with ``return_index`` and ``return_counts``, but by a stable sort,
    which is many times faster here on millions of integer keys."""
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    starts = np.ones(len(ordered), dtype=bool)
    starts[1:] = ordered[1:] != ordered[:-1]
    bounds = np.flatnonzero(starts)
    if weights is None:
        counts = np.diff(np.append(bounds, len(ordered)))
    else:
        counts = np.add.reduceat(weights[order].astype(np.int64), bounds) if len(bounds) else bounds
    return ordered[bounds], order[bounds], counts


_BLOCK_SIZE = 2_000_000  # entries counted at a time by word_frequencies


def _count_block(prep: _Prepared, lo: int, hi: int, doc_group: np.ndarray, ngram: int, stopwords, numbers):
    """Counts of each (group, n-gram) in the entries lo..hi: count, doc_freq and where one occurrence starts."""
    part = prep.part(lo, hi)
    starts, keys = _ngram_starts(part, ngram, stopwords, numbers)
    if len(starts) == 0:
        return pd.DataFrame()
    local, distinct = pd.factorize(keys)  # small ids for this block's n-grams
    n_local = len(distinct)
    groups = doc_group[part.doc_codes[starts]].astype(np.int64)
    unique, first, count = _unique(groups * n_local + local, None if part.weight is None else part.weight[starts])
    doc_key, _, _ = _unique(part.doc_codes[starts].astype(np.int64) * n_local + local)  # each (article, term) once
    group_of_key = doc_group[doc_key // n_local]
    _, _, doc_freq = _unique(group_of_key.astype(np.int64) * n_local + doc_key % n_local)  # same keys as `unique`
    return pd.DataFrame(
        {
            "group": unique // n_local,
            "key": np.asarray(distinct)[unique % n_local],
            "count": count,
            "doc_freq": doc_freq,
            "first": lo + starts[first],
        }
    )


def _frequencies(prep: _Prepared, by, ngram: int, stopwords: bool, numbers: bool) -> pd.DataFrame:
    doc_group, labels = _doc_groups(prep, by, "word_frequencies")
    bounds = _doc_bounds(prep.doc_codes, len(prep.docs)) if prep.weight is None else None
    if bounds is not None:
        doc_totals = np.diff(bounds)
    else:
        doc_totals = np.bincount(prep.doc_codes, weights=prep.weight, minlength=len(prep.docs))
    totals = np.bincount(doc_group, weights=doc_totals, minlength=len(labels))
    # Counted a block of articles at a time (n-grams never cross an article), then the blocks added up:
    # the memory needed stays that of one block, however large the corpus.
    blocks = prep.blocks(_BLOCK_SIZE) if _keys_are_global(prep, ngram) else [(0, prep.size)]
    parts = [_count_block(prep, lo, hi, doc_group, ngram, stopwords, numbers) for lo, hi in blocks]
    parts = [part for part in parts if len(part)]
    if not parts:
        return _empty(FREQUENCY_COLUMNS, by)
    counted = parts[0]
    if len(parts) > 1:  # the articles of two blocks differ, so their doc_freq add up too
        counted = pd.concat(parts, ignore_index=True).groupby(["group", "key"], sort=False)
        counted = counted.agg(count=("count", "sum"), doc_freq=("doc_freq", "sum"), first=("first", "min"))
        counted = counted.reset_index()
    group = counted["group"].to_numpy()
    count = counted["count"].to_numpy()
    table = pd.DataFrame(
        {
            "group": group,
            "term": _ngram_text(prep, counted["first"].to_numpy(), ngram).to_numpy(),
            "count": count.astype("int64"),
            "per_1000": count / totals[group] * 1000,
            "doc_freq": counted["doc_freq"].to_numpy().astype("int64"),
        }
    )
    table = table.sort_values(["group", "count", "term"], ascending=[True, False, True], kind="stable")
    result = table[FREQUENCY_COLUMNS]
    if by is not None:
        result.insert(0, by, labels.take(table["group"].to_numpy()))
    return result.reset_index(drop=True)


def word_frequencies(
    docs: pd.DataFrame,
    by: str | None = None,
    ngram: int = 1,
    stopwords: bool = True,
    toks: pd.DataFrame | None = None,
    numbers: bool = False,
) -> pd.DataFrame:
    """A frequency list: how often each word (or two- or three-word phrase) occurs.

    Columns:

    - ``term``: the word in lower case, or the phrase with its words joined by a space;
    - ``count``: how many times it occurs;
    - ``per_1000``: its relative frequency, ``count / total × 1000``, where
      ``total`` is the number of tokens in the group, **stopwords and numbers
      included** (for one article, its ``n_words``), so that groups of
      different sizes can be compared;
    - ``doc_freq``: in how many articles (of the group) it occurs.

    With ``by=`` (any metadata column, e.g. ``"doc_id"`` or ``"outlet"``) the
    list is made for each group separately, and the first column, named after
    ``by``, says which. Rows are sorted by group (in the order of ``docs``),
    then by ``count`` (highest first), then alphabetically.

    - ``stopwords=True`` (the default) **removes** stopwords (the tokens marked
      ``is_stopword``: "the", "of", "and"...); ``stopwords=False`` keeps them.
    - ``numbers=False`` (the default) drops tokens without a letter, such as
      ``2014`` or ``162,000``; ``numbers=True`` keeps them.
    - ``ngram=2`` or ``3`` counts phrases of two or three consecutive tokens.
      A phrase never runs across the end of a sentence. When stopwords are
      removed, a phrase is dropped only if it **starts or ends** with a
      stopword, so "regime of iran" is kept and "of the" is not; a phrase with
      a number in it is dropped unless ``numbers=True``.

    An empty corpus gives an empty table with these columns.

    Example:
        >>> from helpers import load_corpus
        >>> docs = load_corpus()
        >>> word_frequencies(docs).head(3)
              term  count   per_1000  doc_freq
        0  iranian     58  15.786609         5
        1     iran     53  14.425694         5
        2   regime     53  14.425694         5
        >>> word_frequencies(docs, ngram=2).term.head(2).tolist()
        ['iranian regime', 'iranian people']
    """
    ngram = _check_int(ngram, "ngram", "word_frequencies", 1)
    if toks is None and ngram == 1:
        prep = _prepare_unigrams(docs, "word_frequencies")
    else:
        prep = _prepare(docs, toks, "word_frequencies")
    return _frequencies(prep, by, ngram, bool(stopwords), bool(numbers))


# --------------------------------------------------------------------------------------------------------------------
# Keyness


def _as_list(value) -> list:
    if isinstance(value, (list, tuple, set, frozenset, pd.Series, pd.Index, np.ndarray)):
        return list(value)
    return [value]


def _chi2_survival(g2: np.ndarray) -> np.ndarray:
    """P(X >= g2) for a chi-square distribution with one degree of freedom: erfc(sqrt(g2 / 2))."""
    return np.array([math.erfc(math.sqrt(v / 2)) for v in g2], dtype=float)


def _keyness_table(
    prep: _Prepared, doc_in_target: np.ndarray, doc_in_reference: np.ndarray, min_freq: int, stopwords: bool, numbers
):
    n_terms = len(prep.vocab)
    a_all, b_all = np.zeros(n_terms, dtype=np.int64), np.zeros(n_terms, dtype=np.int64)
    sizes = [0, 0]  # all tokens of the target and of the reference
    for lo, hi in prep.blocks(_BLOCK_SIZE):  # a block of articles at a time: little memory on a large corpus
        part = prep.part(lo, hi)
        counted = ~part.stop if stopwords else np.ones(part.size, dtype=bool)
        for side, (doc_in_side, counts) in enumerate(((doc_in_target, a_all), (doc_in_reference, b_all))):
            in_side = doc_in_side[part.doc_codes]
            sizes[side] += int(in_side.sum())
            counts += np.bincount(part.codes[in_side & counted], minlength=n_terms)
    size_target, size_reference = sizes
    if size_target == 0 or size_reference == 0:
        side = "target" if size_target == 0 else "reference"
        raise ValueError(f"keyness: the {side} has no words to count. Choose other articles.")
    if not numbers:  # whether a word is a number depends on the word only
        a_all[prep.number_in_vocab] = 0
        b_all[prep.number_in_vocab] = 0
    selected = np.flatnonzero((a_all + b_all >= min_freq) & (a_all + b_all > 0))
    a, b = a_all[selected].astype(float), b_all[selected].astype(float)
    c, d = float(size_target), float(size_reference)
    expected_a = c * (a + b) / (c + d)
    expected_b = d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        part_a = np.where(a > 0, a * np.log(a / expected_a), 0.0)
        part_b = np.where(b > 0, b * np.log(b / expected_b), 0.0)
    g2 = np.clip(2 * (part_a + part_b), 0, None)
    log_ratio = np.log2((np.where(a > 0, a, 0.5) / c) / (np.where(b > 0, b, 0.5) / d))
    table = pd.DataFrame(
        {
            "term": prep.vocab.take(selected).to_numpy(dtype=object),
            "target_count": a_all[selected].astype("int64"),
            "reference_count": b_all[selected].astype("int64"),
            "target_per_1000": a / c * 1000,
            "reference_per_1000": b / d * 1000,
            "g2": g2,
            "p_value": _chi2_survival(g2),
            "log_ratio": log_ratio,
            "direction": np.where(a / c > b / d, "over", "under"),
        }
    )
    table = table.sort_values(["g2", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)
    return table


def keyness(
    docs: pd.DataFrame,
    target,
    reference=None,
    by: str = "doc_id",
    min_freq: int = 3,
    stopwords: bool = True,
    toks: pd.DataFrame | None = None,
    numbers: bool = False,
) -> pd.DataFrame:
    """Key words: which words the target uses much more (or much less) than the reference.

    ``target`` and ``reference`` are values of the column ``by`` (one value or
    a list): by default article ids, e.g. ``target="breitbart-2014"``. With
    ``reference=None`` the target is compared with all the other articles.
    Stopwords are removed (``stopwords=True``) and numbers dropped
    (``numbers=False``), as in :func:`word_frequencies`.

    Columns:

    - ``term``, ``target_count``, ``reference_count``;
    - ``target_per_1000``, ``reference_per_1000``: counts per 1,000 tokens of
      each side, stopwords and numbers included;
    - ``g2``: the log-likelihood statistic (Rayson & Garside 2000), how
      surprising the difference in counts is. With ``a``, ``b`` the counts and
      ``c``, ``d`` the sizes (in tokens) of target and reference, the expected
      counts are ``E1 = c(a+b)/(c+d)`` and ``E2 = d(a+b)/(c+d)``, and
      ``G² = 2(a ln(a/E1) + b ln(b/E2))``, a zero count adding nothing;
    - ``p_value``: the chance of a ``G²`` at least this large if both sides used
      the word at the same rate (chi-square, one degree of freedom);
    - ``log_ratio``: the effect size (Hardie 2014), the binary log of the ratio
      of the two relative frequencies: 1 means twice as frequent in the target,
      -1 half as frequent. A zero count is replaced by 0.5 so that the ratio
      stays finite;
    - ``direction``: ``"over"`` when the target uses the word more often
      (per 1,000 words) than the reference, ``"under"`` otherwise.

    Only terms with ``target_count + reference_count >= min_freq`` are kept.
    Rows are sorted by ``g2``, highest first.

    **Why to be careful.** On a corpus this small keyness is unstable. A word
    used five times in one 600-word article and never elsewhere gets a large
    ``G²``, and one more or one fewer use changes the ranking. One article is
    one author's style and one event's topic, so a "key" word may say more
    about the subject of that day than about the outlet. The p-values assume
    that every token is an independent draw, which words in a text are not (a
    name, once introduced, comes back), so they overstate the evidence. Read the
    result as a list of leads: open the concordance (:func:`kwic`) and read
    the passages before drawing any conclusion.

    An unknown ``target`` or ``reference`` value, or a value on both sides, is a
    ``ValueError`` that lists the valid values; so is an empty corpus.

    Example:
        >>> from helpers import load_corpus
        >>> result = keyness(load_corpus(), "breitbart-2014")
        >>> first = result.iloc[0]
        >>> first.term, int(first.target_count), int(first.reference_count), first.direction
        ('syrian', 17, 0, 'over')
        >>> round(float(first.g2), 2), round(float(first.log_ratio), 2)
        (49.81, 6.82)
    """
    prep = _prepare(docs, toks, "keyness")
    _check_column(prep.docs, by, "keyness")
    min_freq = _check_int(min_freq, "min_freq", "keyness", 1)
    if prep.docs.empty:
        raise ValueError("keyness: the corpus has no articles, so there is nothing to compare.")
    values = pd.unique(prep.docs[by])
    known = set(values)
    targets = _as_list(target)
    if not targets:
        raise ValueError(f"keyness: no target given. Choose one or more of: {_listing(values)}.")
    for value in targets:
        if value not in known:
            raise ValueError(f"keyness: target {value!r} is not a value of '{by}'. Choose one of: {_listing(values)}.")
    if reference is None:
        references = [v for v in values if v not in set(targets)]
        if not references:
            raise ValueError("keyness: the target covers the whole corpus, so nothing is left to compare it with.")
    else:
        references = _as_list(reference)
        if not references:
            raise ValueError(f"keyness: no reference given. Choose one or more of: {_listing(values)}.")
        for value in references:
            if value not in known:
                raise ValueError(
                    f"keyness: reference {value!r} is not a value of '{by}'. Choose one of: {_listing(values)}."
                )
        both = [v for v in targets if v in set(references)]
        if both:
            raise ValueError(
                f"keyness: {both[0]!r} is both in the target and in the reference. "
                "Compare it with other articles, or leave reference=None to compare with all the rest."
            )
    column = prep.docs[by]
    result = _keyness_table(
        prep,
        column.isin(targets).to_numpy(dtype=bool),
        column.isin(references).to_numpy(dtype=bool),
        min_freq,
        bool(stopwords),
        bool(numbers),
    )
    result.attrs.update(target=_label(targets), reference=_label(references) if reference is not None else "the rest")
    return result


def _label(values: list) -> str:
    return ", ".join(str(v) for v in values)


# --------------------------------------------------------------------------------------------------------------------
# Concordances (KWIC)


def _compile_query(query, regex: bool, case: bool, function: str) -> re.Pattern:
    query = _check_query(query, function)
    flags = 0 if case else re.IGNORECASE
    if regex:
        try:
            return re.compile(query, flags)
        except re.error as error:
            raise ValueError(
                f"{function}: {query!r} is not a valid regular expression: {error}. "
                "Untick 'regex' to search for the text as written."
            ) from None
    text = query.strip()
    words = ["".join(_QUOTE_CLASSES.get(ch) or re.escape(ch) for ch in word) for word in text.split()]
    pattern = r"\s+".join(words)
    if re.match(r"\w", text[0]):
        pattern = r"(?<!\w)" + pattern
    if re.match(r"\w", text[-1]):
        pattern += r"(?!\w)"
    return re.compile(pattern, flags)


@dataclass
class _DocIndex:
    """Token and sentence offsets of one article, for looking up the context of a match."""

    token_starts: np.ndarray
    token_ends: np.ndarray
    token_sentences: np.ndarray
    sentence_ids: np.ndarray
    sentence_starts: np.ndarray
    sentence_ends: np.ndarray


def _rows_by_doc(docs: pd.DataFrame, doc_id: pd.Series) -> dict:
    """The rows of each article: a slice (a view, no copy) when the rows come in article order, as
    tokens() and sentences() give them; the positions otherwise."""
    if len(doc_id) == 0:
        return {}
    bounds = _doc_bounds(_doc_codes(docs, doc_id), len(docs))
    if bounds is not None:
        return {d: slice(bounds[i], bounds[i + 1]) for i, d in enumerate(docs["doc_id"])}
    return doc_id.groupby(doc_id, sort=False, observed=True).indices


def _doc_bounds(doc_codes: np.ndarray, n_docs: int) -> np.ndarray | None:
    """Where the rows of each article begin and end (``bounds[i]:bounds[i + 1]``) when the rows come in
    article order, else None. Works on the runs of equal codes, so that small integer codes are never
    turned into a large array of 64-bit ones."""
    if len(doc_codes) == 0 or not ((doc_codes >= 0).all() and (doc_codes[1:] >= doc_codes[:-1]).all()):
        return None
    starts = np.concatenate([[0], np.flatnonzero(doc_codes[1:] != doc_codes[:-1]) + 1])
    values = doc_codes[starts].astype(np.int64)
    return np.append(starts, len(doc_codes))[np.searchsorted(values, np.arange(n_docs + 1))]


def _kwic_index(docs: pd.DataFrame, sents: pd.DataFrame, toks: pd.DataFrame) -> dict[str, _DocIndex]:
    token_rows = _rows_by_doc(docs, toks["doc_id"])
    sentence_rows = _rows_by_doc(docs, sents["doc_id"])
    t_start, t_end = toks["start"].to_numpy(), toks["end"].to_numpy()
    t_sentence = toks["sentence_id"].to_numpy()
    s_id, s_start = sents["sentence_id"].to_numpy(), sents["start"].to_numpy()
    s_end = sents["end"].to_numpy()
    none = np.zeros(0, dtype=np.int64)
    index = {}
    for doc_id in docs["doc_id"]:
        t = token_rows.get(doc_id, none)
        s = sentence_rows.get(doc_id, none)
        index[doc_id] = _DocIndex(t_start[t], t_end[t], t_sentence[t], s_id[s], s_start[s], s_end[s])
    return index


def _squeeze(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


def _matches_in(text: str, pattern: re.Pattern, at: _DocIndex, window: int) -> list[tuple]:
    spans = [(m.start(), m.end()) for m in pattern.finditer(text) if m.end() > m.start()]
    if not spans:
        return []
    starts = np.array([s for s, _ in spans], dtype=np.int64)
    ends = np.array([e for _, e in spans], dtype=np.int64)
    if len(at.sentence_starts) == 0:
        return [(0, "", text[s:e], "", s, e) for s, e in spans]
    # The sentence where the match starts (for the left context) and where it ends (for the right context).
    first = np.clip(np.searchsorted(at.sentence_starts, starts, "right") - 1, 0, None)
    last = np.clip(np.searchsorted(at.sentence_starts, ends - 1, "right") - 1, 0, None)
    left_limit = np.searchsorted(at.token_sentences, at.sentence_ids[first], "left")
    right_limit = np.searchsorted(at.token_sentences, at.sentence_ids[last], "right")
    before = np.searchsorted(at.token_ends, starts, "right")  # tokens [0, before) end before the match
    after = np.searchsorted(at.token_starts, ends, "left")  # tokens [after, ...) start after it
    left_first = np.minimum(np.maximum(before - window, left_limit), before)
    right_stop = np.maximum(np.minimum(after + window, right_limit), after)
    padded_starts = np.append(at.token_starts, 0)
    padded_ends = np.append(at.token_ends, 0)
    # When the window reaches the edge of the sentence, show the sentence up to its edge (quotation marks, full stop).
    left_from = np.where(left_first < before, padded_starts[left_first], starts)
    left_from = np.where((left_first <= left_limit) & (window > 0), at.sentence_starts[first], left_from)
    right_to = np.where(right_stop > after, padded_ends[np.maximum(right_stop - 1, 0)], ends)
    right_to = np.where((right_stop >= right_limit) & (window > 0), at.sentence_ends[last], right_to)
    left_from, right_to = np.minimum(left_from, starts), np.maximum(right_to, ends)
    # Widen the context to whole words as written ("People’s", not "’s"), without leaving the sentence.
    left_edge = np.minimum(at.sentence_starts[first], left_from)
    right_edge = np.maximum(at.sentence_ends[last], right_to)
    sentence_ids = at.sentence_ids[first]
    rows = []
    for sid, lf, s, e, rt, le, re_ in zip(sentence_ids, left_from, starts, ends, right_to, left_edge, right_edge):
        if lf < s:
            lf = max(_word_start(text, lf), le)
        if rt > e:
            rt = min(_word_end(text, rt), re_)
        rows.append((int(sid), _squeeze(text[lf:s]), _squeeze(text[s:e]), _squeeze(text[e:rt]), int(s), int(e)))
    return rows


def _word_start(text: str, position: int) -> int:
    """The start of the whitespace-delimited word that contains ``position``."""
    return max(text.rfind(" ", 0, position), text.rfind("\n", 0, position)) + 1


def _word_end(text: str, position: int) -> int:
    """The end of the whitespace-delimited word that ends at or runs past ``position``."""
    ends = [i for i in (text.find(" ", position), text.find("\n", position)) if i >= 0]
    return min(ends) if ends else len(text)


def _kwic(docs: pd.DataFrame, pattern: re.Pattern, window: int, index: dict[str, _DocIndex]) -> pd.DataFrame:
    rows = []
    for doc_id, text in steps(zip(docs["doc_id"], docs["text"]), "Searching", len(docs)):
        rows.extend((doc_id, *hit) for hit in _matches_in(text, pattern, index[doc_id], window))
    if not rows:
        return _empty(KWIC_COLUMNS)
    return pd.DataFrame(rows, columns=KWIC_COLUMNS).astype({"sentence_id": "int64", "start": "int64", "end": "int64"})


def kwic(
    docs: pd.DataFrame,
    query: str,
    window: int = 5,
    regex: bool = False,
    case: bool = False,
    sents: pd.DataFrame | None = None,
    toks: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """A concordance ("key word in context"): every passage where ``query`` occurs.

    Columns: ``doc_id``, ``sentence_id`` (the sentence where the match
    starts), ``left``, ``match``, ``right``, and ``start``/``end``, the
    character offsets of the match in the article's ``text``. ``left`` and
    ``right`` are the ``window`` tokens before and after the match, **within
    the same sentence**, shown as the original text (punctuation included)
    and widened to whole words as written, so a window that begins at the
    token ``'s`` shows ``People’s``. In ``left``, ``match`` and ``right`` a
    line break, or any run of spaces, is shown as one space. When the window
    reaches the start or end of the sentence, the context runs to the
    sentence's edge, so opening quotation marks and the full stop stay
    visible. Rows follow the order of
    ``docs`` (publication order), then the position in the article.

    How the query is matched:

    - **as written** (``regex=False``, the default): ``(``, ``?``, ``*``,
      ``.`` and every other character stand for themselves; the words of a
      multi-word query match across any run of spaces or line breaks; straight
      and curly apostrophes (and quotation marks) match each other, so
      ``Iran's`` finds ``Iran’s``;
    - **whole words**: a query that starts (ends) with a letter or digit only
      matches where the text has no letter or digit just before (after) it:
      ``regime`` does not match inside ``regimes``, and ``MEK`` does not match
      ``MEKs``; but ``MEK`` does match in ``PMOI/MEK`` and ``Assad`` in
      ``al-Assad``, because ``/`` and ``-`` separate words here;
    - ``case=False`` (the default) ignores the difference between capitals and
      small letters;
    - ``regex=True`` reads the query as a Python regular expression (no
      whole-word rule is added: write ``\\b`` where you want one). Matches of
      zero length are ignored.

    An empty query, or an invalid regular expression, is a ``ValueError`` that
    says what to do. A query that is not found gives an empty table.

    Example:
        >>> from helpers import load_corpus
        >>> hits = kwic(load_corpus(), "clerical regime", window=3)
        >>> len(hits)
        5
        >>> hits.loc[0, ["doc_id", "left", "match", "right"]].tolist()
        ['ncri-2010', 'understanding that the', 'clerical regime', 'has stepped up']
    """
    check_docs(docs, "kwic")
    window = _check_int(window, "window", "kwic", 0)
    pattern = _compile_query(query, bool(regex), bool(case), "kwic")
    index = _kwic_index(docs, _sentences_for(docs, sents, "kwic"), _tokens_for(docs, toks, "kwic"))
    hits = _kwic(docs, pattern, window, index)
    hits.attrs.update(query=query, regex=bool(regex))
    return hits


# --------------------------------------------------------------------------------------------------------------------
# Collocates


def _query_codes(prep: _Prepared, query: str, function: str) -> np.ndarray | None:
    query = _check_query(query, function)
    words = tokens(pd.DataFrame({"doc_id": ["query"], "text": [query]}))["lower"].tolist()
    if not words:
        raise ValueError(f"{function}: the query {query!r} has no words in it. Type a word or phrase.")
    codes = prep.vocab.get_indexer(pd.Index(words, dtype=object))
    return None if (codes < 0).any() else codes.astype(np.int64)


def _occurrences(prep: _Prepared, query_codes: np.ndarray) -> np.ndarray:
    """Where each occurrence of the query's tokens, in order and in one sentence, starts."""
    n = len(query_codes)
    size = prep.size - n + 1
    if size <= 0:
        return np.zeros(0, dtype=np.int64)
    found = prep.sentence[n - 1 :] == prep.sentence[:size]
    for k, code in enumerate(query_codes):
        found &= prep.codes[k : k + size] == code
    return np.flatnonzero(found)


def _collocates(prep: _Prepared, query: str, window: int, min_freq: int, by, stopwords: bool, numbers: bool):
    token_group, labels = _groups(prep, by, "collocates")
    query_codes = _query_codes(prep, query, "collocates")
    occurrences = _occurrences(prep, query_codes) if query_codes is not None else np.zeros(0, dtype=np.int64)
    if len(occurrences) == 0:
        return _empty(COLLOCATE_COLUMNS, by), 0
    n, last = len(query_codes), prep.size - 1
    in_query = np.zeros(prep.size, dtype=bool)
    for k in range(n):
        in_query[occurrences + k] = True
    near = []
    for distance in range(1, window + 1):
        for position in (occurrences - distance, occurrences + n - 1 + distance):
            safe = np.clip(position, 0, last)
            inside = (position >= 0) & (position <= last) & (prep.sentence[safe] == prep.sentence[occurrences])
            near.append(position[inside])
    near = np.concatenate(near)
    keep = ~in_query[near]
    if stopwords:
        keep &= ~prep.stop[near]
    if not numbers:
        keep &= ~prep.number[near]
    near = near[keep]
    if len(near) == 0:
        return _empty(COLLOCATE_COLUMNS, by), len(occurrences)
    pairs = pd.DataFrame({"group": token_group[near], "code": prep.codes[near]})
    table = pairs.groupby(["group", "code"], sort=False).size().rename("count").reset_index()
    table = table[table["count"] >= min_freq]
    if table.empty:
        return _empty(COLLOCATE_COLUMNS, by), len(occurrences)
    candidates = np.isin(prep.codes, table["code"].to_numpy())
    term_freq = (
        pd.DataFrame({"group": token_group[candidates], "code": prep.codes[candidates]})
        .groupby(["group", "code"], sort=False)
        .size()
        .rename("term_freq")
    )
    table = table.join(term_freq, on=["group", "code"])
    group = table["group"].to_numpy()
    node_freq = np.bincount(token_group[occurrences], minlength=len(labels))[group].astype(float)
    corpus_size = np.bincount(token_group, minlength=len(labels))[group].astype(float)
    together, alone = table["count"].to_numpy(dtype=float), table["term_freq"].to_numpy(dtype=float)
    table["log_dice"] = 14 + np.log2(2 * together / (node_freq + alone))
    table["mi"] = np.log2(together * corpus_size / (node_freq * alone * 2 * window))
    table["term"] = prep.vocab.take(table["code"].to_numpy()).to_numpy(dtype=object)
    table = table.sort_values(
        ["group", "log_dice", "count", "term"], ascending=[True, False, False, True], kind="stable"
    )
    result = table[COLLOCATE_COLUMNS].astype({"count": "int64", "term_freq": "int64"})
    if by is not None:
        result.insert(0, by, labels.take(table["group"].to_numpy()))
    return result.reset_index(drop=True), len(occurrences)


def collocates(
    docs: pd.DataFrame,
    query: str,
    window: int = 5,
    min_freq: int = 2,
    by: str | None = None,
    stopwords: bool = True,
    toks: pd.DataFrame | None = None,
    numbers: bool = False,
) -> pd.DataFrame:
    """Collocates: the words found near ``query``, and how strongly they go with it.

    ``query`` is a word or a phrase; it is split by the course tokenizer and
    matched on the tokens' lower-case form (so ``Iran's`` is ``iran`` + ``'s``).
    For each occurrence, the ``window`` tokens on each side, **within the same
    sentence**, are its neighbours (the window counts every token, stopwords
    included). Tokens of the query itself are not counted as neighbours; a
    word near two occurrences is counted twice. Stopwords are then removed
    (``stopwords=True``) and numbers dropped (``numbers=False``), as in
    :func:`word_frequencies`.

    Columns:

    - ``term``: the neighbouring word;
    - ``count``: how many times it occurs in the window of an occurrence, f(xy);
    - ``term_freq``: how many times it occurs in the whole corpus, f(y);
    - ``log_dice``: ``14 + log2(2·f(xy) / (f(x) + f(y)))`` (Rychlý 2008), where
      f(x) is the number of occurrences of the query; 14 is the maximum, reached
      when the two words only ever occur together;
    - ``mi``: pointwise mutual information, ``log2(f(xy) · N / (f(x) · f(y) ·
      2·window))``, with N the number of tokens in the corpus: the observed
      count against the count expected if the word were spread at random over
      the 2·window positions around each occurrence.

    Only terms with ``count >= min_freq`` are kept. Rows are sorted by
    ``log_dice``, highest first. With ``by=`` (a metadata column) the analysis
    is made in each group separately (all frequencies and N within the group)
    and the first column says which group.

    **Why to be careful.** On a corpus of five articles both scores rest on two
    or three co-occurrences. MI in particular favours rare words: a word used
    twice in the whole corpus, both times next to the query, gets a higher MI
    than a common word found beside it ten times. log Dice is less sensitive to
    this, which is why the table is sorted by it. Read the passages with
    :func:`kwic` before drawing conclusions.

    An empty query is a ``ValueError``; a query that is not found gives an
    empty table.

    Example:
        >>> from helpers import load_corpus
        >>> result = collocates(load_corpus(), "regime")
        >>> result.loc[result.term == "clerical", ["count", "term_freq"]].values.tolist()
        [[6, 6]]
    """
    prep = _prepare(docs, toks, "collocates")
    window = _check_int(window, "window", "collocates", 1)
    min_freq = _check_int(min_freq, "min_freq", "collocates", 1)
    result, occurrences = _collocates(prep, query, window, min_freq, by, bool(stopwords), bool(numbers))
    result.attrs.update(query=query, window=window, occurrences=occurrences)
    return result


# --------------------------------------------------------------------------------------------------------------------
# Charts


def _group_column(table: pd.DataFrame, first_data_column: str) -> str | None:
    return table.columns[0] if len(table.columns) and table.columns[0] != first_data_column else None


def plot_word_frequencies(freqs: pd.DataFrame, top: int = 15, return_table: bool = False):
    """A bar chart of the ``top`` most frequent terms of a :func:`word_frequencies` table.

    For a table made with ``by=``, the chart compares the groups: it takes the
    ``top`` terms over all groups (by total count) and shows, for each, its
    relative frequency per 1,000 words in every group (a group where the term
    is absent shows 0). Without groups the bars show the counts. Hovering on a
    bar shows the count, the rate per 1,000 words and the number of articles.

    Example:
        >>> from helpers import load_corpus
        >>> fig, table = plot_word_frequencies(word_frequencies(load_corpus()), top=3, return_table=True)
        >>> table.term.tolist(), fig.layout.title.text
        (['iranian', 'iran', 'regime'], 'The 3 most frequent words')
    """
    top = _check_int(top, "top", "plot_word_frequencies", 1)
    group = _group_column(freqs, "term")
    kind = "phrases" if freqs["term"].str.contains(" ", regex=False).any() else "words"
    if group is None:
        table = freqs.head(top).copy()
        table["per_1000"] = table["per_1000"].round(2)
        fig = bar_chart(
            table,
            x="count",
            y="term",
            title=f"The {len(table)} most frequent {kind}" if len(table) else "Most frequent words: none to show",
            x_title="Number of occurrences",
            y_title=kind.capitalize()[:-1],
            hover=["per_1000", "doc_freq"],
        )
    else:
        totals = freqs.groupby("term", sort=False)["count"].sum()
        terms = totals.sort_values(ascending=False, kind="stable").head(top)
        order = sorted(terms.index, key=lambda t: (-terms[t], t))
        groups = list(dict.fromkeys(freqs[group]))
        grid = pd.MultiIndex.from_product([order, groups], names=["term", group]).to_frame(index=False)
        table = grid.merge(freqs, on=["term", group], how="left")
        table = table.fillna({"count": 0, "per_1000": 0.0, "doc_freq": 0}).astype(
            {"count": "int64", "doc_freq": "int64"}
        )
        table = table[[group, *FREQUENCY_COLUMNS]]
        table["per_1000"] = table["per_1000"].round(2)
        title = f"The {len(order)} most frequent {kind}, by {group}" if order else "Most frequent words: none to show"
        fig = bar_chart(
            table,
            x="per_1000",
            y="term",
            color=group,
            title=title,
            x_title="Occurrences per 1,000 words of the group",
            y_title=kind.capitalize()[:-1],
            hover=["count", "doc_freq"],
        )
        fig.update_layout(height=max(320, 80 + 14 * len(table)), legend_title_text=group)
    return (fig, table.reset_index(drop=True)) if return_table else fig


def _short_number(value: float) -> float:
    return float(f"{value:.2g}")


def plot_keyness(result: pd.DataFrame, top: int = 15, return_table: bool = False):
    """Diverging bars for the ``top`` key words of a :func:`keyness` table.

    The ``top`` terms with the highest ``g2`` are drawn as bars of their
    ``log_ratio``: to the right for words the target over-uses, to the left
    for words it under-uses, from the strongest over-use at the top to the
    strongest under-use at the bottom. Hovering on a bar shows both
    counts, ``g2`` and ``p_value``.

    Example:
        >>> from helpers import load_corpus
        >>> fig, table = plot_keyness(keyness(load_corpus(), "breitbart-2014"), top=2, return_table=True)
        >>> table[["term", "direction", "log_ratio"]].values.tolist()
        [['syrian', 'over', 6.82], ['jarba', 'over', 5.73]]
    """
    top = _check_int(top, "top", "plot_keyness", 1)
    table = result.head(top).copy()
    table = table.sort_values("log_ratio", ascending=False, kind="stable").reset_index(drop=True)
    table = table[["term", "direction", "log_ratio", "g2", "p_value", "target_count", "reference_count"]]
    table["log_ratio"] = table["log_ratio"].round(2)
    table["g2"] = table["g2"].round(2)
    table["p_value"] = table["p_value"].map(_short_number)
    target, reference = result.attrs.get("target"), result.attrs.get("reference")
    title = f"Key words of {target} compared with {reference}" if target else "Key words of the target"
    fig = bar_chart(
        table,
        x="log_ratio",
        y="term",
        color="direction",
        title=title,
        x_title="Log ratio (1 = twice as frequent in the target, -1 = half as frequent)",
        y_title="Word",
        hover=["target_count", "reference_count", "g2", "p_value"],
        barmode="relative",
    )
    fig.update_layout(legend_title_text="Use in the target")
    return (fig, table) if return_table else fig


def plot_kwic(hits: pd.DataFrame, docs: pd.DataFrame, return_table: bool = False):
    """A dispersion plot (like AntConc's "Plot"): where in each article the matches of :func:`kwic` occur.

    One row per article of ``docs`` (an article without a match keeps an empty
    row, so the absence shows), with a mark at each match's position from the
    start (0) to the end (1) of the article, measured in characters. The row
    label gives the number of matches; hovering on a mark shows the match in
    its context.

    Example:
        >>> from helpers import load_corpus
        >>> docs = load_corpus()
        >>> fig, table = plot_kwic(kwic(docs, "Ashraf"), docs, return_table=True)
        >>> list(fig.layout.yaxis.ticktext)
        ['ips-2007 (0)', 'ncri-2010 (9)', 'breitbart-2014 (0)', 'moroccantimes-2015 (0)', 'iranfreedom-2018 (3)']
    """
    check_docs(docs, "plot_kwic")
    doc_ids = docs["doc_id"].tolist()
    lengths = docs.set_index("doc_id")["text"].str.len()
    row = {doc_id: i for i, doc_id in enumerate(doc_ids)}
    table = hits[hits["doc_id"].isin(row)].copy()
    table["position"] = (table["start"] / table["doc_id"].map(lengths).clip(lower=1)).round(3)
    table = table[["doc_id", "sentence_id", "position", "left", "match", "right", "start"]].reset_index(drop=True)
    counts = table["doc_id"].value_counts()
    labels = [f"{doc_id} ({int(counts.get(doc_id, 0))})" for doc_id in doc_ids]
    baseline_x = [v for _ in doc_ids for v in (0, 1, None)]
    baseline_y = [v for i in range(len(doc_ids)) for v in (i, i, None)]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=baseline_x, y=baseline_y, mode="lines", line=dict(color="#bbbbbb", width=1), hoverinfo="skip", name=""
        )
    )
    context = [
        hover_text(f"{left} [{match}] {right}") for left, match, right in zip(table.left, table.match, table.right)
    ]
    fig.add_trace(
        go.Scatter(
            x=table["position"].tolist(),
            y=table["doc_id"].map(row).tolist(),
            mode="markers",
            marker=dict(symbol="line-ns-open", size=22, line=dict(width=2, color=PALETTE[0])),
            customdata=np.column_stack([table["doc_id"], table["sentence_id"]]) if len(table) else None,
            hovertext=context,
            hovertemplate="<b>%{customdata[0]}</b>, sentence %{customdata[1]}, position %{x:.0%}"
            "<br>%{hovertext}<extra></extra>",
            name="match",
        )
    )
    query = hits.attrs.get("query")
    title = f"Where {query!r} occurs in each article" if query else "Where the matches occur in each article"
    style_figure(
        fig, title, "Position in the article (0 = start, 1 = end)", "Article (matches)", height=120 + 40 * len(doc_ids)
    )
    fig.update_layout(
        showlegend=False,
        xaxis=dict(range=[-0.02, 1.02]),
        yaxis=dict(
            tickmode="array",
            tickvals=list(range(len(doc_ids))),
            ticktext=labels,
            range=[len(doc_ids) - 0.5, -0.5],
            showgrid=False,
            zeroline=False,
        ),
    )
    return (fig, table) if return_table else fig


def plot_collocates(result: pd.DataFrame, top: int = 15, return_table: bool = False):
    """A bar chart of the ``top`` collocates of a :func:`collocates` table, by log Dice.

    Hovering on a bar shows the co-occurrence count, the word's corpus
    frequency and MI. For a table made with ``by=``, each group has its own
    colour.

    Example:
        >>> from helpers import load_corpus
        >>> fig = plot_collocates(collocates(load_corpus(), "regime"), top=5)
        >>> fig.layout.title.text
        "Words near 'regime' (within 5 words)"
    """
    top = _check_int(top, "top", "plot_collocates", 1)
    group = _group_column(result, "term")
    table = result.groupby(group, sort=False).head(top) if group else result.head(top)
    table = table.copy().reset_index(drop=True)
    table["log_dice"] = table["log_dice"].round(2)
    table["mi"] = table["mi"].round(2)
    query, window = result.attrs.get("query"), result.attrs.get("window")
    title = f"Words near {query!r} (within {window} words)" if query else "Collocates"
    fig = bar_chart(
        table,
        x="log_dice",
        y="term",
        color=group,
        title=title,
        x_title="log Dice (14 = always together)",
        y_title="Word",
        hover=["count", "term_freq", "mi"],
    )
    return (fig, table) if return_table else fig


# --------------------------------------------------------------------------------------------------------------------
# Explorers


def explore_words(docs: pd.DataFrame, top: int = 15) -> Explorer:
    """An explorer of frequency lists: choose the grouping, the number of terms, stopwords and phrase length.

    Every frequency table (3 groupings × stopwords kept or removed × 1-, 2- and
    3-word terms) is computed once when the explorer is made. A grouping with
    more than ``MANY_ARTICLES`` (20) groups (by article, in a large corpus) is
    charted as all articles together; its table lists the first rows.

    Example:
        >>> from helpers import load_corpus
        >>> explorer = explore_words(load_corpus())
        >>> explorer.controls["ngram"].value = 2
        >>> explorer.table.term.head(2).tolist()
        ['iranian regime', 'iranian people']
    """
    prep = _prepare(docs, None, "explore_words")
    groupings = [("all articles", "all"), ("by article", "doc_id")]
    if "outlet" in prep.docs.columns:
        groupings.append(("by outlet", "outlet"))
    tables = {
        (grouping, remove, n): _frequencies(prep, None if grouping == "all" else grouping, n, remove, False)
        for _, grouping in groupings
        for remove in (True, False)
        for n in (1, 2, 3)
    }
    controls = {
        "group": widgets.Dropdown(options=groupings, value="all", description="Articles"),
        "top": widgets.IntSlider(value=top, min=5, max=40, description="Top"),
        "stopwords": widgets.Checkbox(value=True, description="remove stopwords", indent=False),
        "ngram": widgets.Dropdown(
            options=[("single words", 1), ("two-word phrases", 2), ("three-word phrases", 3)],
            value=1,
            description="Terms",
        ),
    }

    # A grouping with too many groups (by article, in a large corpus) is charted as all articles together.
    sizes = {grouping: prep.docs[grouping].nunique() for _, grouping in groupings if grouping != "all"}
    crowded = {grouping: size for grouping, size in sizes.items() if size > MANY_ARTICLES}

    def render(group, top, stopwords, ngram):
        freqs = tables[(group, stopwords, ngram)]
        if freqs.empty:
            return View(
                message="No words to count: the corpus has no articles, or no words once stopwords are removed."
            )
        if group in crowded:
            fig = plot_word_frequencies(tables[("all", stopwords, ngram)], top=top)
            caption = f"Frequency list by {group} (per_1000: per 1,000 words); the chart counts all articles "
            caption += f"together: {crowded[group]} groups are too many to give each its own colour"
            return View(figure=fig, table=freqs.head(TABLE_LIMIT), caption=caption, rows_in_all=len(freqs))
        fig, table = plot_word_frequencies(freqs, top=top, return_table=True)
        caption = "Frequency list" + ("" if group == "all" else f" by {group}") + " (per_1000: per 1,000 words)"
        return View(figure=fig, table=table, caption=caption)

    return Explorer(
        "Word frequencies",
        controls,
        render,
        note="Counts of words and phrases, and their rate per 1,000 words of the article or group.",
    )


def explore_keyness(docs: pd.DataFrame) -> Explorer:
    """An explorer of key words: one article against all the others.

    Example:
        >>> from helpers import load_corpus
        >>> explorer = explore_keyness(load_corpus())
        >>> explorer.controls["target"].value = "breitbart-2014"
        >>> explorer.table.term.iloc[0]
        'syrian'
    """
    prep = _prepare(docs, None, "explore_keyness")
    doc_ids = prep.docs["doc_id"].tolist()
    controls = {
        "target": widgets.Dropdown(options=doc_ids, value=doc_ids[0] if doc_ids else None, description="Article"),
        "min_freq": widgets.IntSlider(value=3, min=1, max=10, description="Min. count"),
        "top": widgets.IntSlider(value=15, min=5, max=40, description="Top"),
    }
    column = prep.docs["doc_id"].to_numpy()

    def render(target, min_freq, top):
        if target is None:
            raise ValueError("No article to compare: the corpus is empty.")
        in_target = column == target
        result = _keyness_table(prep, in_target, ~in_target, min_freq, True, False)
        result.attrs.update(target=target, reference="the other articles")
        if result.empty:
            return View(message=f"No word occurs at least {min_freq} times. Lower the minimum count.")
        fig, table = plot_keyness(result, top=top, return_table=True)
        return View(figure=fig, table=table, caption=f"Key words of {target} (top {len(table)} by G²)")

    return Explorer(
        "Key words",
        controls,
        render,
        note="Words one article uses more (or less) than the other four. With so few, short articles, a handful of "
        "uses makes a word 'key': read the passages in the concordance before drawing conclusions.",
    )


class _JoinedTexts:
    """The texts of a corpus, case-folded and joined into one string, to search them all with one regular
    expression that ignores case (thousands of separate searches cost more).

    The texts are joined by NUL, which no query of the concordance matches and which, like the start and
    the end of a text, is neither a letter nor a digit. The characters of the corpus that match each other
    when case is ignored (as Python's regular expressions see it: "i", "I" and "İ"; "s", "S" and "ſ"), and
    the straight and curly quotation marks a query treats alike, are all replaced by one of them: the
    folded text keeps the offsets of the original, and can be searched without IGNORECASE, which makes
    the search much faster (it can look for the query's first word as plain text).
    """

    def __init__(self, texts: list[str]):
        self.texts = texts
        joined = "\x00".join(texts)
        lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
        self.starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        self.chars = sorted(set(joined))
        cased = [c for c in self.chars if c.lower() != c or c.upper() != c]
        same = {c: c for c in self.chars}  # each character's group of characters a query treats alike

        def group_of(c: str) -> str:
            while same[c] != c:
                c = same[c]
            return c

        for a in cased:
            ignoring_case = re.compile(re.escape(a), re.IGNORECASE)
            for b in cased:
                if ignoring_case.fullmatch(b):
                    first, second = sorted((group_of(a), group_of(b)))
                    same[second] = first
        for quotes in set(_QUOTE_CLASSES.values()):  # a query's quotation mark stands for all of its kind
            found = sorted(group_of(c) for c in quotes[1:-1] if c in same)
            for c in found[1:]:
                same[c] = found[0]
        self.fold = {
            ord(c): group_of(c)
            for c in self.chars
            if group_of(c) != c and c.isalnum() == group_of(c).isalnum() and c.isspace() == group_of(c).isspace()
        }
        self.folded = joined.translate(self.fold) if self.fold else joined


def _literal_matches(joined: _JoinedTexts, query: str, pattern: re.Pattern, case: bool):
    """The article (row) and start of every match of ``pattern`` (a query as written, from
    :func:`_compile_query`): exactly the matches of ``pattern.finditer`` on each text, found faster.

    The search pattern has the structure of ``pattern`` (words joined by ``\\s+``), with each character
    replaced by the set of the corpus's characters it matches (folded, when case is ignored: then the
    folded texts are searched at once), and the "no letter or digit before" rule checked after the first
    word, where it does not stop the regular expression from looking for that word as plain text. Returns
    None (search with ``pattern``, article by article) when this cannot give exactly the same matches: a
    query with a NUL, or a character whose folded form stands for characters that it does not match.
    """
    text = query.strip()
    none = np.zeros(0, dtype=np.int64)
    if "\x00" in text:
        return None
    flags = 0 if case else re.IGNORECASE
    words = []
    for word in text.split():
        pieces = []
        for ch in word:
            exact = re.compile(_QUOTE_CLASSES.get(ch) or re.escape(ch), flags)
            matching = [c for c in joined.chars if exact.fullmatch(c)]
            if not matching:  # no character of the corpus matches: the query occurs nowhere
                return none, none
            if case:
                members = set(matching)
            else:
                members = {c.translate(joined.fold) for c in matching}
                if any(c.translate(joined.fold) in members for c in set(joined.chars) - set(matching)):
                    return None
            members = sorted(members)
            pieces.append(re.escape(members[0]) if len(members) == 1 else f"[{''.join(map(re.escape, members))}]")
        words.append("".join(pieces))
    if pattern.pattern.startswith(r"(?<!\w)"):  # the same rule, checked at the end of the first word
        words[0] += r"(?<!\w[\s\S]{" + str(len(text.split()[0])) + "})"
    search = re.compile(r"\s+".join(words) + (r"(?!\w)" if pattern.pattern.endswith(r"(?!\w)") else ""))
    if case:  # the same pattern as ``pattern``, only faster: search the texts themselves
        found = [np.fromiter(map(re.Match.start, search.finditer(t)), dtype=np.int64) for t in joined.texts]
        rows = np.repeat(np.arange(len(found), dtype=np.int64), [len(f) for f in found])
        return rows, np.concatenate(found) if found else none
    starts = np.fromiter(map(re.Match.start, search.finditer(joined.folded)), dtype=np.int64)
    rows = np.searchsorted(joined.starts, starts, side="right") - 1
    return rows, starts - joined.starts[rows]


def _starts_by_article(texts, pattern: re.Pattern) -> tuple[np.ndarray, np.ndarray]:
    """The article (row) and start of every match of ``pattern`` (matches of no length left out, as in kwic)."""
    rows, starts = [], []
    for row, text in enumerate(texts):
        for match in pattern.finditer(text):
            if match.end() > match.start():
                rows.append(row)
                starts.append(match.start())
    return np.asarray(rows, dtype=np.int64), np.asarray(starts, dtype=np.int64)


POSITION_BINS = [f"{10 * i}–{10 * (i + 1)}%" for i in range(10)]


def _kwic_summary_view(docs, index, pattern, query, window, doc_rows, local, group, group_codes, group_labels):
    """The concordance of all articles of a large corpus: the number of matches in all and in each article,
    the context of the first TABLE_LIMIT matches, and a chart of the matches of each outlet by position."""
    from helpers.plots import heatmap

    columns = ["doc_id", "left", "match", "right"]
    total = len(local)
    if total == 0:
        return View(table=_empty(KWIC_COLUMNS)[columns], message=f"No match for {query!r}.")
    doc_ids, texts = docs["doc_id"].to_numpy(), docs["text"].to_numpy()
    counts = np.bincount(doc_rows, minlength=len(docs))
    found = np.flatnonzero(counts)
    message = f"{total} match{'es' if total != 1 else ''}"
    if len(found) <= MANY_ARTICLES:  # as for a few articles: the number in each
        message += ": " + ", ".join(f"{doc_ids[row]} {counts[row]}" for row in found)
    else:
        most = found[np.argsort(-counts[found], kind="stable")[:10]]
        message += f" in {len(found)} articles; the most in " + ", ".join(
            f"{doc_ids[row]} {counts[row]}" for row in most
        )
    rows = []
    for row in np.unique(doc_rows[:TABLE_LIMIT]):  # the context of the first matches only
        rows.extend((doc_ids[row], *hit) for hit in _matches_in(texts[row], pattern, index[doc_ids[row]], window))
    hits = pd.DataFrame(rows[:TABLE_LIMIT], columns=KWIC_COLUMNS)
    lengths = docs["text"].str.len().clip(lower=1).to_numpy()[doc_rows]
    position = np.minimum((np.round(local / lengths, 3) * 10).astype(np.int64), 9)
    cells = np.bincount(group_codes[doc_rows] * 10 + position, minlength=len(group_labels) * 10)
    name = group or "articles"
    table = pd.DataFrame(
        {name: np.repeat(group_labels, 10), "position": POSITION_BINS * len(group_labels), "matches": cells}
    )
    title = f"Where {query!r} occurs in the articles" + (f" of each {group}" if group else "")
    fig = heatmap(
        table,
        x="position",
        y=name,
        z="matches",
        title=title,
        x_title="Position in the article (0% = start, 100% = end)",
        y_title=name.capitalize(),
        z_title="Matches",
    )
    caption = f"Concordance for {query!r}"
    if total > len(hits):
        caption += f": the first {len(hits)} of {total} matches"
    caption += f" (the chart counts the matches{' of each ' + group if group else ''} by position: "
    caption += "too many articles for one row each)"
    return View(figure=fig, chart_table=table, table=hits[columns], message=message, caption=caption, rows_in_all=total)


def explore_kwic(docs: pd.DataFrame, query: str = "regime") -> Explorer:
    """An explorer of concordances: type a word or phrase and see where and how it is used.

    Shows the dispersion plot, then the concordance (left | match | right), and
    a note with the number of matches in each article. With more than
    ``MANY_ARTICLES`` (20) articles, "all articles" shows the number of matches
    in all and in the articles with the most, the context of the first
    ``TABLE_LIMIT`` (300) matches, and a chart of the matches of each outlet by
    their position in the article.

    Example:
        >>> from helpers import load_corpus
        >>> explorer = explore_kwic(load_corpus())
        >>> explorer.controls["query"].value = "Camp Liberty"
        >>> explorer.message
        '3 matches: breitbart-2014 2, moroccantimes-2015 1'
    """
    check_docs(docs, "explore_kwic")
    docs = docs.reset_index(drop=True)
    index = _kwic_index(docs, sentences(docs), tokens(docs))
    row_of = {doc_id: i for i, doc_id in enumerate(docs["doc_id"])}
    # With many articles, "all articles" searches the texts joined into one (made once), counts the matches
    # of every article, and keeps the context of the first TABLE_LIMIT only; the chart counts by outlet.
    joined = _JoinedTexts(docs["text"].tolist()) if many_articles(docs) else None
    group = summary_column(docs)
    group_codes, group_labels = pd.factorize(docs[group]) if group else (np.zeros(len(docs), dtype=np.int64), [])
    group_labels = [str(g) for g in group_labels] if group else ["all articles"]
    controls = {
        "query": widgets.Text(value=query, description="Search", continuous_update=False),
        "article": widgets.Dropdown(
            options=["all articles", *docs["doc_id"]], value="all articles", description="Article"
        ),
        "window": widgets.IntSlider(value=5, min=1, max=15, description="Window"),
        "regex": widgets.Checkbox(value=False, description="regex", indent=False),
        "case": widgets.Checkbox(value=False, description="match case", indent=False),
    }

    def render(query, article, window, regex, case):
        pattern = _compile_query(query, regex, case, "kwic")
        if joined is not None and article == "all articles":
            found = None if regex else _literal_matches(joined, query, pattern, case)
            doc_rows, local = found if found is not None else _starts_by_article(joined.texts, pattern)
            return _kwic_summary_view(
                docs, index, pattern, query, window, doc_rows, local, group, group_codes, group_labels
            )
        shown = docs if article == "all articles" else docs.iloc[[row_of[article]]]
        hits = _kwic(shown, pattern, window, index)
        hits.attrs.update(query=query)
        columns = ["left", "match", "right"] if article != "all articles" else ["doc_id", "left", "match", "right"]
        if hits.empty:
            return View(table=hits[columns], message=f"No match for {query!r}.")
        counts = hits["doc_id"].value_counts(sort=False)
        note = ", ".join(f"{doc_id} {n}" for doc_id, n in counts.items())
        total = len(hits)
        message = f"{total} match{'es' if total != 1 else ''}: {note}"
        return View(
            figure=plot_kwic(hits, shown), table=hits[columns], message=message, caption=f"Concordance for {query!r}"
        )

    return Explorer(
        "Concordance (key word in context)",
        controls,
        render,
        note="Every passage where the word or phrase occurs, with the words around it in the same sentence.",
    )


class _WordIndex:
    """The tokens of a corpus indexed by word, made once for the collocates explorer: where each word occurs
    and how often, so that a query looks at its own occurrences only, not at every token of the corpus."""

    def __init__(self, prep: _Prepared):
        self.prep = prep
        self.term_freq = np.bincount(prep.codes, minlength=len(prep.vocab)).astype(np.int64)
        small = np.int32 if prep.size < 2**31 else np.int64  # positions in half the memory, when they fit
        self.order = np.argsort(prep.codes, kind="stable").astype(small)  # the tokens, word by word, in order
        self.bounds = np.concatenate([[0], np.cumsum(self.term_freq)])
        self.sentence, self.stop, self.number = prep.sentence, prep.stop, prep.number
        self.in_query = np.zeros(prep.size, dtype=bool)  # a scratch array, cleared after each query

    def positions(self, code: int) -> np.ndarray:
        return self.order[self.bounds[code] : self.bounds[code + 1]]


def _collocates_indexed(index: _WordIndex, query: str, window: int, min_freq: int):
    """The same as ``_collocates(prep, query, window, min_freq, None, True, False)``, from the index: the
    cost grows with the number of occurrences of the query, not with the size of the corpus."""
    prep = index.prep
    query_codes = _query_codes(prep, query, "collocates")
    n = 0 if query_codes is None else len(query_codes)
    if n == 0 or prep.size - n + 1 <= 0:
        return _empty(COLLOCATE_COLUMNS), 0
    occurrences = index.positions(query_codes[0])
    occurrences = occurrences[occurrences < prep.size - n + 1]
    for k in range(1, n):
        occurrences = occurrences[prep.codes[occurrences + k] == query_codes[k]]
    occurrences = occurrences[index.sentence[occurrences + n - 1] == index.sentence[occurrences]]
    if len(occurrences) == 0:
        return _empty(COLLOCATE_COLUMNS), 0
    last, near = prep.size - 1, []
    for distance in range(1, window + 1):
        for position in (occurrences - distance, occurrences + n - 1 + distance):
            safe = np.clip(position, 0, last)
            inside = (position >= 0) & (position <= last) & (index.sentence[safe] == index.sentence[occurrences])
            near.append(position[inside])
    near = np.concatenate(near)
    for k in range(n):
        index.in_query[occurrences + k] = True
    keep = ~index.in_query[near] & ~index.stop[near] & ~index.number[near]
    for k in range(n):
        index.in_query[occurrences + k] = False
    codes, count = np.unique(prep.codes[near[keep]], return_counts=True)
    codes, count = codes[count >= min_freq], count[count >= min_freq]
    if len(codes) == 0:
        return _empty(COLLOCATE_COLUMNS), len(occurrences)
    term_freq = index.term_freq[codes]
    node_freq, corpus_size = float(len(occurrences)), float(prep.size)
    together, alone = count.astype(float), term_freq.astype(float)
    table = pd.DataFrame(
        {
            "term": prep.vocab.take(codes).to_numpy(dtype=object),
            "count": count.astype("int64"),
            "term_freq": term_freq.astype("int64"),
            "log_dice": 14 + np.log2(2 * together / (node_freq + alone)),
            "mi": np.log2(together * corpus_size / (node_freq * alone * 2 * window)),
        }
    )
    table = table.sort_values(["log_dice", "count", "term"], ascending=[False, False, True], kind="stable")
    return table[COLLOCATE_COLUMNS].reset_index(drop=True), len(occurrences)


def explore_collocates(docs: pd.DataFrame, query: str = "regime") -> Explorer:
    """An explorer of collocates: the words found near a word or phrase.

    The tokens are indexed by word once, when the explorer is made, so that a
    query looks at its own occurrences only (the result is that of
    :func:`collocates`).

    Example:
        >>> from helpers import load_corpus
        >>> explorer = explore_collocates(load_corpus())
        >>> "clerical" in explorer.table.term.tolist()
        True
    """
    prep = _prepare(docs, None, "explore_collocates")
    index = _WordIndex(prep)  # each query then looks at its own occurrences only
    controls = {
        "query": widgets.Text(value=query, description="Word", continuous_update=False),
        "window": widgets.IntSlider(value=5, min=1, max=15, description="Window"),
        "min_freq": widgets.IntSlider(value=2, min=1, max=10, description="Min. count"),
    }

    def render(query, window, min_freq):
        result, occurrences = _collocates_indexed(index, query, window, min_freq)
        result.attrs.update(query=query, window=window)
        if occurrences == 0:
            return View(table=result, message=f"No match for {query!r}.")
        if result.empty:
            return View(
                table=result,
                message=f"No word occurs at least {min_freq} times within {window} words of {query!r}.",
            )
        fig, table = plot_collocates(result, return_table=True)
        return View(figure=fig, table=table, caption=f"Collocates of {query!r}, sorted by log Dice")

    return Explorer(
        "Collocates",
        controls,
        render,
        note="Words that occur near the query in the same sentence. With a corpus this small the scores rest on "
        "a few co-occurrences; MI favours rare words.",
    )
