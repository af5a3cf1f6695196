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
there, compared in lower case.

The formulas
    Each score is a small function here, written as the literature writes it:
    :func:`per_1000` (relative frequency), :func:`g2` (log-likelihood) with
    :func:`p_value`, :func:`log_ratio` (effect size), :func:`log_dice` and
    :func:`mi` (collocation strength). The counting itself, on corpora of
    millions of words, is done by the engine (:mod:`helpers._engine.counting`
    and :mod:`helpers._engine.search`); the rules of what is counted are here
    (:func:`_counted`, :func:`_counted_words`, :func:`compile_query`).

The charts are in :mod:`helpers.charts.words` (``plot_<analysis>``), the
explorers in :mod:`helpers.explorers.words` (``explore_<analysis>``).

On a corpus of five short articles every number below rests on a handful of
occurrences. They point to passages worth reading; they do not measure an
outlet's language.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from helpers._engine import counting, parallel, search
from helpers.inputs import check_column, check_docs, check_reused, check_whole_number, renamed_keywords
from helpers.progress import steps
from helpers.text import SENTENCE_COLUMNS, TOKEN_COLUMNS, TOKEN_RE, _sentences, _tokens, lower_forms

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

_HAS_LETTER = r"[^\W\d_]"
# Characters a literal query treats as the same: straight and curly single quotes, straight and curly double quotes.
QUOTE_CLASSES = {
    "'": "['‘’]",
    "‘": "['‘’]",
    "’": "['‘’]",
    '"': '["“”]',
    "“": '["“”]',
    "”": '["“”]',
}
_INT_COLUMNS = {"count", "doc_freq", "term_freq", "target_count", "reference_count", "sentence_id", "start", "end"}
_FLOAT_COLUMNS = {"per_1000", "target_per_1000", "reference_per_1000", "g2", "p_value", "log_ratio", "log_dice", "mi"}


# --------------------------------------------------------------------------------------------------------------------
# The formulas


def per_1000(count, total):
    """Relative frequency: occurrences per 1,000 tokens, ``count / total × 1000``.

    Example:
        >>> round(per_1000(7, 981), 2)  # "regime" in ips-2007, a text of 981 tokens
        7.14
    """
    return count / total * 1000


def g2(a, b, c, d):
    """The log-likelihood statistic G² (Rayson & Garside 2000): how surprising counts ``a`` and ``b`` are
    in a target of ``c`` tokens and a reference of ``d`` tokens if both used the word at the same rate.

    With the expected counts ``E1 = c(a+b)/(c+d)`` and ``E2 = d(a+b)/(c+d)``,
    ``G² = 2(a ln(a/E1) + b ln(b/E2))``, a zero count adding nothing.

    Example:
        >>> round(float(g2(17, 0, 849, 2825)), 2)  # "syrian": 17 times in breitbart-2014, never in the rest
        49.81
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    expected_a = c * (a + b) / (c + d)
    expected_b = d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        part_a = np.where(a > 0, a * np.log(a / expected_a), 0.0)
        part_b = np.where(b > 0, b * np.log(b / expected_b), 0.0)
    return np.clip(2 * (part_a + part_b), 0, None)


def p_value(g2_values) -> np.ndarray:
    """The chance of a G² at least this large if both sides used the word at the same rate: the
    chi-square distribution with one degree of freedom, ``erfc(√(G²/2))``.

    Example:
        >>> round(float(p_value([3.84])[0]), 3)  # the classic threshold of 5%
        0.05
    """
    return np.array([math.erfc(math.sqrt(v / 2)) for v in np.asarray(g2_values, dtype=float)], dtype=float)


def log_ratio(a, b, c, d):
    """The effect size of keyness (Hardie 2014): the binary log of the ratio of the two relative
    frequencies. 1 means twice as frequent in the target, -1 half as frequent; a zero count is
    replaced by 0.5 so that the ratio stays finite.

    Example:
        >>> round(float(log_ratio(17, 0, 849, 2825)), 2)
        6.82
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return np.log2((np.where(a > 0, a, 0.5) / c) / (np.where(b > 0, b, 0.5) / d))


def log_dice(together, node, collocate):
    """log Dice (Rychlý 2008): ``14 + log2(2·f(xy) / (f(x) + f(y)))``; at most 14, reached when two words only ever
    occur together.

    ``together`` is f(xy), the co-occurrences; ``node`` f(x), the occurrences of the query;
    ``collocate`` f(y), the occurrences of the neighbouring word. Counted in a window, f(xy) can exceed f(x) or
    f(y): a word between two occurrences of the query is near both, and counts twice. Two words cannot occur
    together more often than either occurs, so f(xy) is taken as at most the smaller of f(x) and f(y), and the
    score never exceeds 14.

    Example:
        >>> float(log_dice(6, 6, 6))  # six times together, never apart
        14.0
        >>> float(log_dice(4, 2, 2))  # two words together twice, each counted near two occurrences of the other
        14.0
    """
    together = np.minimum(together, np.minimum(node, collocate))
    return 14 + np.log2(2 * together / (node + collocate))


def mi(together, node, collocate, corpus_size, window):
    """Pointwise mutual information, ``log2(f(xy)·N / (f(x)·f(y)·2·window))``: the co-occurrences observed
    against those expected if the word were spread at random over the ``2·window`` positions around each
    occurrence of the query, in a corpus of ``N`` tokens.

    Example:
        >>> round(float(mi(2, 10, 2, 10_000, 5)), 2)  # a rare word, both times beside the query
        6.64
    """
    return np.log2(together * corpus_size / (node * collocate * 2 * window))


# --------------------------------------------------------------------------------------------------------------------
# What is counted


def _is_number(words: pd.Index) -> np.ndarray:
    """A number is a token without a letter (``2014``, ``162,000``)."""
    return ~pd.Series(words, dtype=object).str.contains(_HAS_LETTER, regex=True).to_numpy(dtype=bool)


def _counted(toks: counting.TokenArrays, n: int, remove_stopwords: bool, keep_numbers: bool) -> np.ndarray:
    """Which n-grams count, one entry per possible start: the ``n`` tokens in one sentence; with
    ``remove_stopwords``, neither the first nor the last a stopword; unless ``keep_numbers``, none a number."""
    size = toks.size - n + 1
    if n == 1:
        keep = ~toks.stop if remove_stopwords else np.ones(size, dtype=bool)
    else:
        keep = toks.sentence[n - 1 :] == toks.sentence[:size]
        if remove_stopwords:
            keep &= ~toks.stop[:size] & ~toks.stop[n - 1 :]
    if not keep_numbers:
        for k in range(n):
            keep &= ~toks.number[k : k + size]
    return keep


def _counted_words(toks: counting.TokenArrays, positions, remove_stopwords: bool, keep_numbers: bool) -> np.ndarray:
    """Which of the tokens at ``positions`` count as words: with ``remove_stopwords``, not a stopword;
    unless ``keep_numbers``, not a number."""
    keep = np.ones(len(positions), dtype=bool)
    if remove_stopwords:
        keep &= ~toks.stop[positions]
    if not keep_numbers:
        keep &= ~toks.number[positions]
    return keep


def _rule(remove_stopwords: bool, keep_numbers: bool):
    return lambda toks, n: _counted(toks, n, remove_stopwords, keep_numbers)


def _empty(columns: list[str], first: str | None = None) -> pd.DataFrame:
    """A table with no rows but the right columns (and the grouping column ``first``, if any)."""
    names = ([first] if first else []) + columns

    def dtype(column):
        return "int64" if column in _INT_COLUMNS else "float64" if column in _FLOAT_COLUMNS else object

    return pd.DataFrame({c: pd.Series(dtype=dtype(c)) for c in names})


def _token_arrays(docs: pd.DataFrame, toks, function: str, single_words: bool = False) -> counting.TokenArrays:
    """The tokens of ``docs`` (a plain index) as arrays: from ``toks``, or made here; for single words
    only, straight from the texts."""
    if toks is not None:
        toks = check_reused(toks, "toks", docs, function, TOKEN_COLUMNS, "tokens(docs)", covers=True)
        return counting.from_tokens(docs, toks, _is_number)
    if single_words:
        return counting.from_texts(docs, TOKEN_RE, lower_forms, _is_number)
    return counting.from_tokens(docs, _tokens(docs), _is_number)


def _doc_groups(docs: pd.DataFrame, by) -> tuple[np.ndarray, pd.Index]:
    """The group of every article (an integer) and the group labels, in the order of docs."""
    if by is None:
        return np.zeros(len(docs), dtype=np.int32), pd.Index(["all articles"])
    doc_group, labels = pd.factorize(docs[by], use_na_sentinel=False)
    return np.asarray(doc_group, dtype=np.int32), pd.Index(labels)


# --------------------------------------------------------------------------------------------------------------------
# Frequency lists


@renamed_keywords(
    {"stopwords": "remove_stopwords", "numbers": "keep_numbers"},
    positional=("by", "ngram", "stopwords", "toks", "numbers"),
)
def word_frequencies(
    docs: pd.DataFrame,
    *,
    by: str | None = None,
    ngram: int = 1,
    remove_stopwords: bool = True,
    keep_numbers: bool = False,
    toks: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """A frequency list: how often each word (or two- or three-word phrase) occurs.

    Columns:

    - ``term``: the word in lower case, or the phrase with its words joined by a space;
    - ``count``: how many times it occurs;
    - ``per_1000``: its relative frequency, ``count / total × 1000`` (:func:`per_1000`), where
      ``total`` is the number of tokens in the group, **stopwords and numbers
      included** (for one article, its ``n_words``), so that groups of
      different sizes can be compared;
    - ``doc_freq``: in how many articles (of the group) it occurs.

    With ``by=`` (any metadata column, e.g. ``"doc_id"`` or ``"outlet"``) the
    list is made for each group separately, and the first column, named after
    ``by``, says which. Rows are sorted by group (in the order of ``docs``),
    then by ``count`` (highest first), then alphabetically.

    - ``remove_stopwords=True`` (the default) removes stopwords (the tokens marked
      ``is_stopword``: "the", "of", "and"...); ``remove_stopwords=False`` keeps them.
    - ``keep_numbers=False`` (the default) drops tokens without a letter, such as
      ``2014`` or ``162,000``; ``keep_numbers=True`` keeps them.
    - ``ngram=2`` or ``3`` counts phrases of two or three consecutive tokens.
      A phrase never runs across the end of a sentence. When stopwords are
      removed, a phrase is dropped only if it **starts or ends** with a
      stopword, so "regime of iran" is kept and "of the" is not; a phrase with
      a number in it is dropped unless ``keep_numbers=True``.

    ``toks=tokens(docs)`` reuses a table of tokens (one where you changed
    ``is_stopword``, for instance). An empty corpus gives an empty table with
    these columns.

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
    ngram = check_whole_number(ngram, "ngram", "word_frequencies", 1)
    check_docs(docs, "word_frequencies")
    check_column(docs, by, "word_frequencies", none=True)
    docs = docs.reset_index(drop=True)
    toks = _token_arrays(docs, toks, "word_frequencies", single_words=ngram == 1)
    return _frequencies(toks, by, ngram, bool(remove_stopwords), bool(keep_numbers))


def _frequencies(
    toks: counting.TokenArrays, by, ngram: int, remove_stopwords: bool, keep_numbers: bool, first: int | None = None
):
    labels, totals, counted = _frequency_counts(toks, by, ngram, remove_stopwords, keep_numbers)
    return _frequency_table(labels, totals, counted, by, first)


def _frequency_counts(toks: counting.TokenArrays, by, ngram: int, remove_stopwords: bool, keep_numbers: bool):
    """The groups (labels, in order), every token of each group, and the counts of each (group, term)."""
    doc_group, labels = _doc_groups(toks.docs, by)
    totals = np.bincount(doc_group, weights=toks.doc_totals, minlength=len(labels))  # every token of each group
    return labels, totals, counting.count_ngrams(toks, doc_group, ngram, _rule(remove_stopwords, keep_numbers))


def _frequency_table(
    labels: pd.Index, totals: np.ndarray, counted: counting.TermCounts, by, first: int | None = None
) -> pd.DataFrame:
    """The frequency list from the counts of each (group, term): the formula, the order and the columns.

    With ``first``, only the first rows (those of ``.head(first)``, made without the others), and the number of
    rows of the whole list in ``attrs["rows_in_all"]``.
    """
    if len(counted) == 0:
        return _empty(FREQUENCY_COLUMNS, by)
    # The rows sorted by group: the first ones are all in the first groups.
    rows = None if first is None else counting.first_groups(counted.group, first)
    group, count, term = (a if rows is None else a[rows] for a in (counted.group, counted.count, counted.term))
    # By group, then count (highest first), then term alphabetically (by the place of its text in that order).
    order = counting.table_order(group, count, counted.ranks[term])[:first]
    if rows is not None:
        order = rows[order]
    group, count = counted.group[order], counted.count[order]
    texts = pd.Series(counted.texts).array  # each distinct text once, then taken for each row
    result = pd.DataFrame(
        {
            "term": texts.take(counted.term[order]),
            "count": count.astype("int64"),
            "per_1000": per_1000(count, totals[group]),
            "doc_freq": counted.doc_freq[order].astype("int64"),
        }
    )
    if by is not None:
        result.insert(0, by, labels.take(group))
    if first is not None:
        result.attrs["rows_in_all"] = len(counted)
    return result


# --------------------------------------------------------------------------------------------------------------------
# Keyness


def _as_list(value) -> list:
    if isinstance(value, (list, tuple, set, frozenset, pd.Series, pd.Index, np.ndarray)):
        return list(value)
    return [value]


def _listing(values, limit: int = 20) -> str:
    values = [str(v) for v in values]
    shown = ", ".join(values[:limit])
    return shown + (f", ... ({len(values)} in all)" if len(values) > limit else "")


def _label(values: list) -> str:
    return ", ".join(str(v) for v in values)


def _keyness_table(toks: counting.TokenArrays, in_target, in_reference, min_count: int, remove_stopwords, keep_numbers):
    """The keyness table of the words of ``toks``: target and reference are the articles marked in each array."""
    counts = counting.count_sides(toks, in_target, in_reference, _rule(remove_stopwords, keep_numbers=True))
    return _keyness_from_counts(toks.vocab, *counts, min_count, keep_numbers)


def _keyness_from_counts(vocab: pd.Index, a_all, b_all, size_target: int, size_reference: int, min_count, keep_numbers):
    """The keyness table from the counts of each word of ``vocab`` in the target and the reference (stopwords
    already left out as asked) and the number of tokens of each side."""
    if size_target == 0 or size_reference == 0:
        side = "target" if size_target == 0 else "reference"
        raise ValueError(f"keyness: the {side} has no words to count. Choose other articles.")
    if not keep_numbers:  # whether a word is a number depends on the word alone: leave the numbers out here
        numbers = _is_number(vocab) if len(vocab) else np.zeros(0, dtype=bool)
        a_all, b_all = np.where(numbers, 0, a_all), np.where(numbers, 0, b_all)
    selected = np.flatnonzero((a_all + b_all >= min_count) & (a_all + b_all > 0))
    a, b = a_all[selected].astype(float), b_all[selected].astype(float)
    c, d = float(size_target), float(size_reference)
    scores = g2(a, b, c, d)
    table = pd.DataFrame(
        {
            "term": vocab.take(selected).to_numpy(dtype=object),
            "target_count": a_all[selected].astype("int64"),
            "reference_count": b_all[selected].astype("int64"),
            "target_per_1000": per_1000(a, c),
            "reference_per_1000": per_1000(b, d),
            "g2": scores,
            "p_value": p_value(scores),
            "log_ratio": log_ratio(a, b, c, d),
            "direction": np.where(a / c > b / d, "over", "under"),
        }
    )
    return table.sort_values(["g2", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)


@renamed_keywords(
    {"min_freq": "min_count", "stopwords": "remove_stopwords", "numbers": "keep_numbers"},
    positional=("by", "min_freq", "stopwords", "toks", "numbers"),
)
def keyness(
    docs: pd.DataFrame,
    target,
    reference=None,
    *,
    by: str = "doc_id",
    min_count: int = 3,
    remove_stopwords: bool = True,
    keep_numbers: bool = False,
    toks: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Key words: which words the target uses much more (or much less) than the reference.

    ``target`` and ``reference`` are values of the column ``by`` (one value or
    a list): by default article ids, e.g. ``target="breitbart-2014"``. With
    ``reference=None`` the target is compared with all the other articles.
    Stopwords are removed (``remove_stopwords=True``) and numbers dropped
    (``keep_numbers=False``), as in :func:`word_frequencies`.

    Columns:

    - ``term``, ``target_count``, ``reference_count``;
    - ``target_per_1000``, ``reference_per_1000``: counts per 1,000 tokens of
      each side, stopwords and numbers included (:func:`per_1000`);
    - ``g2``: the log-likelihood statistic (:func:`g2`), how surprising the
      difference in counts is;
    - ``p_value``: the chance of a ``G²`` at least this large if both sides used
      the word at the same rate (:func:`p_value`);
    - ``log_ratio``: the effect size (:func:`log_ratio`): 1 means twice as
      frequent in the target, -1 half as frequent;
    - ``direction``: ``"over"`` when the target uses the word more often
      (per 1,000 words) than the reference, ``"under"`` otherwise.

    Only terms with ``target_count + reference_count >= min_count`` are kept.
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
    ``ValueError`` that lists the valid values. An empty corpus gives an empty
    table with these columns.

    Example:
        >>> from helpers import load_corpus
        >>> result = keyness(load_corpus(), "breitbart-2014")
        >>> first = result.iloc[0]
        >>> first.term, int(first.target_count), int(first.reference_count), first.direction
        ('syrian', 17, 0, 'over')
        >>> round(float(first.g2), 2), round(float(first.log_ratio), 2)
        (49.81, 6.82)
    """
    check_docs(docs, "keyness")
    check_column(docs, by, "keyness")
    min_count = check_whole_number(min_count, "min_count", "keyness", 1)
    if docs.empty:
        return _empty(KEYNESS_COLUMNS)
    docs = docs.reset_index(drop=True)
    values = pd.unique(docs[by])
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
    column = docs[by]
    result = _keyness_table(
        _token_arrays(docs, toks, "keyness"),
        column.isin(targets).to_numpy(dtype=bool),
        column.isin(references).to_numpy(dtype=bool),
        min_count,
        bool(remove_stopwords),
        bool(keep_numbers),
    )
    result.attrs.update(target=_label(targets), reference=_label(references) if reference is not None else "the rest")
    return result


# --------------------------------------------------------------------------------------------------------------------
# Concordances (KWIC)


def _check_query(query, function: str) -> str:
    if not isinstance(query, str) or not query.strip():
        raise ValueError(f"{function}: the query is empty. Type a word or phrase to search for.")
    return query


def compile_query(query, regex: bool, case: bool, function: str = "kwic") -> re.Pattern:
    """The regular expression that finds a query, following the rules listed in :func:`kwic`.

    Example:
        >>> compile_query("Iran's", regex=False, case=False).pattern
        "(?<!\\\\w)Iran['‘’]s(?!\\\\w)"
    """
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
    words = ["".join(QUOTE_CLASSES.get(ch) or re.escape(ch) for ch in word) for word in text.split()]
    pattern = r"\s+".join(words)
    if re.match(r"\w", text[0]):
        pattern = r"(?<!\w)" + pattern
    if re.match(r"\w", text[-1]):
        pattern += r"(?!\w)"
    return re.compile(pattern, flags)


def _context_index(docs: pd.DataFrame, sents, toks, function: str) -> dict:
    """The offsets of each article's tokens and sentences, from the tables given or made here."""
    if sents is None:
        sents = _sentences(docs)
    else:
        sents = check_reused(sents, "sents", docs, function, SENTENCE_COLUMNS, "sentences(docs)", covers=True)
    if toks is None:
        toks = _tokens(docs, sents)
    else:
        toks = check_reused(toks, "toks", docs, function, TOKEN_COLUMNS, "tokens(docs)", covers=True)
    return search.context_index(docs, sents, toks)


def _spans(text: str, pattern: re.Pattern) -> list[tuple[int, int]]:
    """Where the pattern matches in a text (matches of no length left out)."""
    return [(m.start(), m.end()) for m in pattern.finditer(text) if m.end() > m.start()]


def _kwic(docs: pd.DataFrame, pattern: re.Pattern, window: int, index: dict) -> pd.DataFrame:
    rows = []
    for doc_id, text in steps(zip(docs["doc_id"], docs["text"]), "Searching", len(docs)):
        rows.extend((doc_id, *hit) for hit in search.in_context(text, _spans(text, pattern), index[doc_id], window))
    if not rows:
        return _empty(KWIC_COLUMNS)
    return pd.DataFrame(rows, columns=KWIC_COLUMNS).astype({"sentence_id": "int64", "start": "int64", "end": "int64"})


def _kwic_of(docs: pd.DataFrame, sents: None, pattern: re.Pattern, window: int, index: dict) -> pd.DataFrame:
    return _kwic(docs, pattern, window, index)


@renamed_keywords(positional=("window", "regex", "case", "sents", "toks"))
def kwic(
    docs: pd.DataFrame,
    query: str,
    *,
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

    How the query is matched (:func:`compile_query`):

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

    ``sents=sentences(docs)`` and ``toks=tokens(docs)`` reuse tables you have.
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
    window = check_whole_number(window, "window", "kwic", 0)
    pattern = compile_query(query, bool(regex), bool(case), "kwic")
    index = _context_index(docs, sents, toks, "kwic")
    # On a large corpus, parts of it are searched at the same time, one on each core (helpers._engine.parallel).
    hits = parallel.by_articles(_kwic_of, docs, label="Searching", pattern=pattern, window=window, index=index)
    hits.attrs.update(query=query, regex=bool(regex))
    return hits


# --------------------------------------------------------------------------------------------------------------------
# Collocates


def _query_codes(toks: counting.TokenArrays, query: str, function: str) -> np.ndarray | None:
    """The vocabulary codes of the query's words, split by the course tokenizer; None if one is not in the corpus."""
    query = _check_query(query, function)
    words = [w.lower() for w in TOKEN_RE.findall(query.replace("’", "'"))]
    if not words:
        raise ValueError(f"{function}: the query {query!r} has no words in it. Type a word or phrase.")
    codes = toks.vocab.get_indexer(pd.Index(words, dtype=object))
    return None if (codes < 0).any() else codes.astype(np.int64)


def _collocate_table(
    toks: counting.TokenArrays,
    starts: np.ndarray,
    n: int,
    window: int,
    min_count: int,
    by,
    remove_stopwords: bool,
    keep_numbers: bool,
    index: counting.WordIndex | None = None,
) -> pd.DataFrame:
    """The collocates of the occurrences of an ``n``-word query that start at ``starts``."""
    if len(starts) == 0:
        return _empty(COLLOCATE_COLUMNS, by)
    near = counting.neighbours(toks, starts, n, window, None if index is None else index.scratch)
    near = near[_counted_words(toks, near, remove_stopwords, keep_numbers)]
    if len(near) == 0:
        return _empty(COLLOCATE_COLUMNS, by)
    if by is None:
        token_group, labels = None, None
        node_freq, corpus_size = float(len(starts)), float(toks.size)
    else:
        doc_group, labels = _doc_groups(toks.docs, by)
        token_group = doc_group[toks.doc_codes]
    table = counting.count_neighbours(toks, near, token_group, None if index is None else index.term_freq)
    table = table[table["count"] >= min_count]
    if table.empty:
        return _empty(COLLOCATE_COLUMNS, by)
    group = table["group"].to_numpy()
    if by is not None:
        node_freq = np.bincount(token_group[starts], minlength=len(labels))[group].astype(float)
        corpus_size = np.bincount(token_group, minlength=len(labels))[group].astype(float)
    together, alone = table["count"].to_numpy(dtype=float), table["term_freq"].to_numpy(dtype=float)
    table = table.assign(
        log_dice=log_dice(together, node_freq, alone),
        mi=mi(together, node_freq, alone, corpus_size, window),
        term=toks.vocab.take(table["code"].to_numpy()).to_numpy(dtype=object),
    )
    table = table.sort_values(
        ["group", "log_dice", "count", "term"], ascending=[True, False, False, True], kind="stable"
    )
    result = table[COLLOCATE_COLUMNS].astype({"count": "int64", "term_freq": "int64"})
    if by is not None:
        result.insert(0, by, labels.take(table["group"].to_numpy()))
    return result.reset_index(drop=True)


@renamed_keywords(
    {"min_freq": "min_count", "stopwords": "remove_stopwords", "numbers": "keep_numbers"},
    positional=("window", "min_freq", "by", "stopwords", "toks", "numbers"),
)
def collocates(
    docs: pd.DataFrame,
    query: str,
    *,
    window: int = 5,
    min_count: int = 2,
    by: str | None = None,
    remove_stopwords: bool = True,
    keep_numbers: bool = False,
    toks: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Collocates: the words found near ``query``, and how strongly they go with it.

    ``query`` is a word or a phrase; it is split by the course tokenizer and
    matched on the tokens' lower-case form (so ``Iran's`` is ``iran`` + ``'s``).
    For each occurrence, the ``window`` tokens on each side, **within the same
    sentence**, are its neighbours (the window counts every token, stopwords
    included). Tokens of the query itself are not counted as neighbours; a
    word near two occurrences is counted twice. Stopwords are then removed
    (``remove_stopwords=True``) and numbers dropped (``keep_numbers=False``),
    as in :func:`word_frequencies`.

    Columns:

    - ``term``: the neighbouring word;
    - ``count``: how many times it occurs in the window of an occurrence, f(xy);
    - ``term_freq``: how many times it occurs in the whole corpus, f(y);
    - ``log_dice``: :func:`log_dice`, with f(x) the number of occurrences of
      the query and f(xy) the ``count``, taken as at most the smaller of f(x)
      and f(y); 14 is the maximum, reached when the two words only ever occur
      together;
    - ``mi``: pointwise mutual information (:func:`mi`), with N the number of
      tokens in the corpus.

    Only terms with ``count >= min_count`` are kept. Rows are sorted by
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
    check_docs(docs, "collocates")
    window = check_whole_number(window, "window", "collocates", 1)
    min_count = check_whole_number(min_count, "min_count", "collocates", 1)
    check_column(docs, by, "collocates", none=True)
    _check_query(query, "collocates")
    toks = _token_arrays(docs.reset_index(drop=True), toks, "collocates")
    query_codes = _query_codes(toks, query, "collocates")
    starts = np.zeros(0, dtype=np.int64) if query_codes is None else counting.occurrences(toks, query_codes)
    n = 0 if query_codes is None else len(query_codes)
    result = _collocate_table(toks, starts, n, window, min_count, by, bool(remove_stopwords), bool(keep_numbers))
    result.attrs.update(query=query, window=window, occurrences=len(starts))
    return result
