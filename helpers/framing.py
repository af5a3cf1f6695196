"""Framing: loaded language and sentence sentiment, two word-list instruments to read with, not to trust.

Both analyses in this module count words from a list. They are a teaching
starting point, not a validated instrument: they show learners where to look,
and then the learners must read.

Loaded language
    :func:`loaded_language` finds the words and phrases of an editable list,
    ``helpers/data/loaded_language.csv``, and reports every hit with its
    sentence. The categories follow studies of propaganda techniques in news
    (Da San Martino et al., "Fine-Grained Analysis of Propaganda in News
    Articles", EMNLP-IJCNLP 2019; SemEval-2020 Task 11); the allowed labels
    are :data:`CATEGORIES`. The technique those studies call "loaded
    language" is filed here as "emotive wording", so that no category has
    the name of the whole list (the old name still loads, with a warning,
    until the next release). :func:`loaded_language_summary` turns the hits into
    a rate per 1,000 words for each article (or outlet, genre, ...) and
    category, or target: at whom the listed words are aimed.

    The list is a table that a teacher can edit in any spreadsheet. Two
    columns are required:

    - ``term``: a word or phrase. Case does not matter, and the straight (')
      and curly (’) apostrophes are treated alike. A term matches whole words,
      as :func:`helpers.tokens` splits them: ``regime`` does not match inside
      ``regimental``, and ``nuclear`` does not match ``non-nuclear``, which is
      one word. The words of a phrase may be separated by any spaces or a
      line break. A ``*`` at the end stands for any ending of the last word:
      ``terror*`` matches terror, terrorism, terrorise. A ``*`` anywhere else
      is an error. Where two terms could match at the same place, the longer
      one wins, so ``terrorist*`` takes "terrorists" before ``terror*`` can,
      and ``Assad regime`` takes "Assad regime" before ``regime*`` can.
    - ``category``: one of :data:`CATEGORIES`, the technique the word serves.

    Four more may be given (a list without them still loads, and an empty
    cell is read as "not given"):

    - ``target``: at whom the word is aimed, one of :data:`TARGETS`: the
      Iranian state, the NCRI-MEK, the Syrian government, ``other`` (another
      actor: protesters, an opposition body, Western governments...), or
      ``varies`` when its uses point at different actors. In the course list
      it records where the word was found: in the five articles, or in the
      sources named in its note. On another text the same word may be aimed
      elsewhere: read the sentence.
    - ``polarity``: ``negative`` (blames or belittles the target),
      ``positive`` (praises it) or ``varies`` (:data:`POLARITIES`).
    - ``descriptive``: ``yes`` when the term is also an ordinary descriptive
      word ("authoritarian", "clerical", "outlawed", "regime change"): a hit
      may be a plain description, so count it with care; else ``no``.
    - ``note``: free text (where the term occurs, who uses it and why it is
      listed, how it can mislead).

    Whether a term occurs in a corpus is not a column: it depends on the
    corpus, not on the list, so compute it from the hits
    (``lexicon["term"].isin(hits["term"])``). In the course list the notes
    of the terms that are not in the five articles begin "Not in the five
    texts." and say who uses them; a test checks those notes against the hits.

    The file is checked when it is loaded; an error names the row to fix.

Sentence sentiment
    :func:`sentence_sentiment` gives each sentence TextBlob's polarity (−1 to
    +1) and subjectivity (0 to 1), with the words that produced the score.
    TextBlob's default analyser looks words up in a list of a few thousand
    entries, mostly adjectives, and averages what it finds; words it does not
    know count for nothing. :func:`sentiment_blind_spots` demonstrates, live,
    what that means for news about a contested movement: "regime" and
    "government", "terrorists" and "freedom fighters" score the same.

What a word list cannot see
    A dictionary does not know who is speaking (a word in a quotation is not
    the author's word), what a word means here ("regime" in "regime change"
    is a fixed policy term; "backward" can be an adverb), or when a text is
    ironic. The list was written by reading these five articles, so it is
    bound to find words in them, and on another corpus it will miss that
    corpus's own loaded words. Words that the five texts lack but the other
    camp uses (Iranian state media, the MEK's critics) were added from
    documented sources; a word nobody documented is still missing. A term has
    one target, yet a word such as "terror" is aimed at whoever its sentence
    is about. Every hit therefore comes with its sentence: read them.
    Van Atteveldt, van der Velden & Boukes (2021, *Communication Methods and
    Measures* 15(2)) found that no dictionary they tested reached acceptable
    validity against human coding of news headlines; validate any word list
    against careful human reading before drawing conclusions from its counts.

Scale
    Loaded-language matching runs one compiled regular expression over each
    article. Sentence sentiment is the slowest analysis in the course: TextBlob
    is called once for every distinct sentence, in pure Python.

Inputs follow the course's input contract (:mod:`helpers.inputs`): ``docs`` first, the tables you
can reuse (``sents=``, ``hits=``) by keyword. Without ``lexicon=``, the course's list is used; on
another corpus a warning says so. The charts are in :mod:`helpers.charts.framing`, the explorers in
:mod:`helpers.explorers.framing`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from helpers._engine import parallel, search, tables
from helpers.corpus import note_course_list
from helpers.inputs import (
    DATA_DIR,
    CorpusError,
    check_column,
    check_docs,
    check_reused,
    deprecated,
    read_csv_file,
    renamed_keywords,
    results_first_accepted,
)
from helpers.progress import steps
from helpers.text import SENTENCE_COLUMNS, TOKEN_COLUMNS, _sentences, count_words
from helpers.words import per_1000

CATEGORIES = (
    "emotive wording",
    "name calling / labelling",
    "exaggeration",
    "flag-waving",
    "appeal to fear",
    "doubt",
    "black-and-white",
    "bandwagon",
    "slogans",
)
# A category renamed in this release: the old name still loads, with a DeprecationWarning, until the next one.
RENAMED_CATEGORIES = {"loaded language": "emotive wording"}
TARGETS = ("Iranian state", "NCRI-MEK", "Syrian government", "other", "varies")
POLARITIES = ("negative", "positive", "varies")
DESCRIPTIVE = ("yes", "no")
NOT_GIVEN = "not given"  # the value of target, polarity or descriptive in a list that leaves it out
LEXICON_PATH = DATA_DIR / "loaded_language.csv"
LEXICON_COLUMNS = ["term", "category", "target", "polarity", "descriptive", "note"]
HIT_COLUMNS = [
    "doc_id",
    "sentence_id",
    "term",
    "match",
    "category",
    "target",
    "polarity",
    "descriptive",
    "start",
    "end",
    "sentence",
]
# What a reused hits= table must have (a table filtered or made by hand may leave out target, polarity, descriptive).
_NEEDED_HIT_COLUMNS = ["doc_id", "sentence_id", "term", "match", "category", "start", "end", "sentence"]
# The optional columns of a list, with the values each allows.
_OPTIONAL_VALUES = {"target": TARGETS, "polarity": POLARITIES, "descriptive": DESCRIPTIVE}
SENTIMENT_COLUMNS = ["doc_id", "sentence_id", "sentence", "polarity", "subjectivity", "assessed_words", "n_assessed"]
BLIND_SPOT_COLUMNS = ["example", "polarity", "subjectivity", "assessed_words", "what_it_shows"]

# Whole-word boundaries that agree with helpers.text.TOKEN_PATTERN: a match may not start or end
# inside a word joined by a hyphen, slash or apostrophe, but the possessive 's may follow it.
_LEFT = r"(?<!\w)(?<!\w[-/'’])"
_RIGHT = r"(?![-/]?\w)(?!['’](?!s\b)\w)"
_REST_OF_WORD = r"\w*(?:(?:[-/]|['’](?!s\b))\w+)*"


# --- The lexicon ---------------------------------------------------------------------------------


def _normalised(term: str) -> str:
    return " ".join(term.replace("’", "'").lower().split())


def _check_lexicon(frame: pd.DataFrame, where: str, row_names: list) -> pd.DataFrame:
    missing = [c for c in ("term", "category") if c not in frame.columns]
    if missing:
        raise CorpusError(
            f"{where}: missing column(s) {', '.join(missing)}. Found: {', '.join(map(str, frame.columns))}. "
            "A loaded-language list needs the columns term and category; target, polarity, descriptive and "
            "note may be added."
        )
    if frame.empty:
        raise CorpusError(f"{where}: no terms (only a header). Add one row per word or phrase.")
    terms = frame["term"].fillna("").astype(str).str.strip()
    categories = frame["category"].fillna("").astype(str).str.strip()
    renamed = categories.isin(list(RENAMED_CATEGORIES))
    if renamed.any():
        rows = ", ".join(str(row) for row, old in zip(row_names, renamed) if old)
        changes = "; ".join(f"{old!r} is now called {new!r}" for old, new in RENAMED_CATEGORIES.items())
        deprecated(f"{where}, row(s) {rows}, field 'category': {changes}.")
        categories = categories.replace(RENAMED_CATEGORIES)
    allowed = "; ".join(CATEGORIES)
    for row, term, category in zip(row_names, terms, categories):
        if not term:
            raise CorpusError(f"{where}, row {row}, field 'term': empty. Write a word or phrase, or remove the row.")
        if "*" in term[:-1] or term == "*" or (term.endswith("*") and not re.match(r"\w", term[-2])):
            raise CorpusError(
                f"{where}, row {row}, field 'term': {term!r}. A * may only end a term, right after a letter "
                "(terror* matches terror, terrorism, ...)."
            )
        if not category:
            raise CorpusError(f"{where}, row {row}, field 'category': empty. Use one of: {allowed}.")
        if category not in CATEGORIES:
            raise CorpusError(
                f"{where}, row {row}, field 'category': {category!r} is not a category of this course. "
                f"Use one of: {allowed}."
            )
    optional = {}
    for field, values in _OPTIONAL_VALUES.items():
        if field not in frame.columns:
            optional[field] = terms.map(lambda _: NOT_GIVEN)
            continue
        given = frame[field].fillna("").astype(str).str.strip()
        for row, value in zip(row_names, given):
            if value and value not in values and value != NOT_GIVEN:
                raise CorpusError(
                    f"{where}, row {row}, field '{field}': {value!r} is not allowed. "
                    f"Use one of: {'; '.join(values)} (or leave it empty)."
                )
        optional[field] = given.where(given != "", NOT_GIVEN)
    keys = terms.map(_normalised)
    first_row: dict[str, object] = {}
    for row, key, term in zip(row_names, keys, terms):
        if key in first_row:
            raise CorpusError(
                f"{where}, row {row}: the term {term!r} is already listed in row {first_row[key]}. "
                "Keep one row per term."
            )
        first_row[key] = row
    notes = frame["note"].fillna("").astype(str).str.strip() if "note" in frame.columns else terms.map(lambda _: "")
    return pd.DataFrame(
        {
            "term": terms.map(lambda t: " ".join(t.split())).to_numpy(),
            "category": categories.to_numpy(),
            **{field: values.to_numpy() for field, values in optional.items()},
            "note": notes.to_numpy(),
        }
    )


def load_lexicon(path: Path | str | None = None) -> pd.DataFrame:
    """Read and check a loaded-language list: one row per term, with the columns of :data:`LEXICON_COLUMNS`.

    Without a path, reads the course list ``helpers/data/loaded_language.csv``.
    A missing ``term`` or ``category`` column, an empty term, a misplaced
    ``*``, a category not in :data:`CATEGORIES`, a target, polarity or
    descriptive value not among those allowed, or a term listed twice raises
    ``CorpusError`` (a ``ValueError``) naming the row and the field. A list
    without the columns ``target``, ``polarity``, ``descriptive`` or ``note``
    loads all the same: they are filled in with "not given" (an empty note).

    Example:
        >>> lexicon = load_lexicon()
        >>> lexicon[lexicon.term == "outlawed"][["category", "target", "polarity", "descriptive"]].values.tolist()
        [['name calling / labelling', 'NCRI-MEK', 'negative', 'yes']]
        >>> sorted(set(lexicon.category)) == sorted(CATEGORIES)
        True
    """
    path = Path(path) if path is not None else LEXICON_PATH
    frame = read_csv_file(path, required=["term", "category"], what="loaded-language list")
    return _check_lexicon(frame, str(path), list(frame.index))


def _as_lexicon(lexicon, docs: pd.DataFrame | None = None, function: str = "loaded_language") -> pd.DataFrame:
    """The lexicon from ``None`` (the course list: a warning on another corpus), a path, or a table."""
    if lexicon is None and docs is not None:
        note_course_list(
            docs, function, "loaded-language list (helpers/data/loaded_language.csv)", "lexicon=load_lexicon(path)"
        )
    if lexicon is None or isinstance(lexicon, (str, Path)):
        return load_lexicon(lexicon)
    if isinstance(lexicon, pd.DataFrame):
        return _check_lexicon(lexicon, "the lexicon table", list(lexicon.index))
    raise TypeError(
        f"lexicon must be a table from load_lexicon(), a path to a CSV file, or None; got {type(lexicon).__name__}."
    )


def _term_pattern(term: str) -> str:
    wildcard = term.endswith("*")
    words = term.rstrip("*").split()
    escaped = ["".join("['’]" if ch in "'’" else re.escape(ch) for ch in word) for word in words]
    return r"\s+".join(escaped) + (_REST_OF_WORD if wildcard else "")


@lru_cache(maxsize=8)
def _compile(terms: tuple[str, ...]) -> tuple[search.ListSearch, tuple[int, ...]]:
    """One search for a whole list, longest terms first; and the lexicon row of each term of that order.

    It finds what ``_LEFT(?:(term)|(term)|...)_RIGHT`` finds, ignoring case: the engine
    (:class:`helpers._engine.search.ListSearch`) only tries it where a word starts."""
    order = sorted(range(len(terms)), key=lambda i: (-len(terms[i].rstrip("*")), _normalised(terms[i])))
    alternatives = [(_term_pattern(terms[i]), " ".join(terms[i].rstrip("*").split())[:12], True) for i in order]
    return search.ListSearch(alternatives, _LEFT, _RIGHT, re.IGNORECASE), tuple(order)


# --- Loaded language ----------------------------------------------------------------------------


def _empty(columns: list[str], integers=("sentence_id", "start", "end")) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="int64" if c in integers else object) for c in columns})


@renamed_keywords(positional=("lexicon", "sents", "toks"))
def loaded_language(
    docs: pd.DataFrame,
    *,
    lexicon=None,
    sents: pd.DataFrame | None = None,
    toks: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Find the words of a loaded-language list in every article: one row per hit, in reading order.

    Columns: ``doc_id``, ``sentence_id``, ``term`` (the list entry, e.g.
    ``regime*``), ``match`` (the words as written in the text), the entry's
    ``category``, ``target``, ``polarity`` and ``descriptive`` (see
    :func:`load_lexicon`), ``start``/``end`` (character offsets in the
    article's ``text``) and ``sentence`` (the whole sentence, to read the hit
    in context; a pandas categorical, so that a sentence with several hits is
    stored once: it compares, filters and sorts like text, but on a filtered
    table ``value_counts()`` still lists every sentence with hits, with 0;
    ``.astype(str)`` gives plain text). Hits
    never overlap: where two terms overlap, the one that starts first counts
    ("cause of freedom and democracy" is one hit, for "cause of freedom").

    ``lexicon`` is the course list when None, else a path to a CSV file or a
    table from :func:`load_lexicon`. ``sents`` may be the table from
    :func:`helpers.sentences` for the same ``docs``, to split only once;
    ``toks`` is accepted so that every analysis can be called alike, but
    matching does not need it. An empty corpus gives an empty table with
    these columns.

    A hit is a word on a list, not a judgement: check who says it and how.

    Example:
        >>> from helpers import load_corpus
        >>> hits = loaded_language(load_corpus())
        >>> hits[hits.term == "murderous"][["doc_id", "sentence_id", "match", "category", "target"]].values.tolist()
        [['ncri-2010', 10, 'murderous', 'emotive wording', 'Iranian state']]
        >>> hits[hits.doc_id == "breitbart-2014"].term.value_counts()[["regime*", "Assad regime"]].tolist()
        [12, 6]
    """
    check_docs(docs, "loaded_language")
    if toks is not None:
        check_reused(toks, "toks", docs, "loaded_language", TOKEN_COLUMNS, "tokens(docs)")
    lex = _as_lexicon(lexicon, docs, "loaded_language")
    return _loaded_language(docs, lex, sents, "loaded_language")


def _hits_for(docs: pd.DataFrame, hits, lexicon, sents, function: str) -> pd.DataFrame:
    """The hits given (checked), or found with the lexicon."""
    if hits is not None:
        return check_reused(hits, "hits", docs, function, _NEEDED_HIT_COLUMNS, "loaded_language(docs)")
    return _loaded_language(docs, _as_lexicon(lexicon, docs, function), sents, function)


def _loaded_language(docs: pd.DataFrame, lex: pd.DataFrame, sents, function: str) -> pd.DataFrame:
    # On a large corpus, parts of it are searched at the same time, one on each core (helpers._engine.parallel).
    return parallel.by_articles(_hits_in, docs, sents, label="Finding loaded language", lex=lex, function=function)


def _hits_in(docs: pd.DataFrame, sents, lex: pd.DataFrame, function: str) -> pd.DataFrame:
    """The hits of the lexicon ``lex`` in ``docs``, whose sentences are ``sents`` (or None: found here)."""
    terms, order = _compile(tuple(lex["term"]))
    doc_ids, entries, matched, starts, ends = [], [], [], [], []
    for doc_id, text in steps(zip(docs["doc_id"], docs["text"]), "Finding loaded language", len(docs)):
        for start, end, alternative in terms.finditer(text):
            doc_ids.append(doc_id)
            entries.append(order[alternative])
            matched.append(text[start:end])
            starts.append(start)
            ends.append(end)
    if not doc_ids:
        return _empty(HIT_COLUMNS).astype({"sentence": "category"})
    entries = np.asarray(entries)
    found = pd.DataFrame(
        {
            "doc_id": doc_ids,
            "term": lex["term"].to_numpy()[entries],
            "match": matched,
            "category": lex["category"].to_numpy()[entries],
            "target": lex["target"].to_numpy()[entries],
            "polarity": lex["polarity"].to_numpy()[entries],
            "descriptive": lex["descriptive"].to_numpy()[entries],
            "start": np.asarray(starts, dtype="int64"),
            "end": np.asarray(ends, dtype="int64"),
        }
    )
    if sents is None:
        sents = _sentences(docs)
    else:
        sents = check_reused(sents, "sents", docs, function, SENTENCE_COLUMNS, "sentences(docs)", covers=True)
    # Each hit is placed in its sentence by the sentence's row, not its text: the text is then taken once
    # for every sentence with hits (shared_texts), rather than copied for every hit.
    spans = pd.DataFrame(
        {
            "doc_id": sents["doc_id"].to_numpy(),
            "sentence_id": sents["sentence_id"].to_numpy(),
            "sentence_start": sents["start"].to_numpy(),
            "_row": np.arange(len(sents)),
        }
    )
    located = pd.merge_asof(
        found.sort_values("start", kind="stable"),
        spans.sort_values("sentence_start", kind="stable"),
        left_on="start",
        right_on="sentence_start",
        by="doc_id",
        direction="backward",
    )
    if located["sentence_id"].isna().any():
        raise ValueError(f"{function}(): sents= does not cover every sentence of docs: pass sents=sentences(docs).")
    position = pd.Series(range(len(docs)), index=docs["doc_id"].to_numpy())
    located = located.assign(_doc=located["doc_id"].map(position)).sort_values(["_doc", "start"], kind="stable")
    located["sentence_id"] = located["sentence_id"].astype("int64")
    located["sentence"] = tables.shared_texts(sents["sentence"], located["_row"].to_numpy(dtype=np.int64))
    return located[HIT_COLUMNS].reset_index(drop=True)


@results_first_accepted("hits", ["doc_id", "category"], positional=("by", "by_category"))
def loaded_language_summary(
    docs: pd.DataFrame,
    *,
    hits: pd.DataFrame | None = None,
    by: str = "doc_id",
    by_category: bool = True,
    by_target: bool = False,
    lexicon=None,
    sents: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Hits per 1,000 words, for each article (or outlet, genre, ...: any column of ``docs``) and category or target.

    ``hits`` is the table from :func:`loaded_language`, found here (with
    ``lexicon`` and ``sents``) when it is not given.

    Columns: ``by`` (the group), ``category`` (left out when
    ``by_category=False``), ``target`` (with ``by_target=True``: at whom the
    words are aimed, as the list records it), ``hits``, ``n_words`` (the
    group's words, as counted by :func:`helpers.tokens`) and ``per_1000``
    (hits per 1,000 words). Every group has a row for every category in
    :data:`CATEGORIES` (and every target in :data:`TARGETS`), zero when there
    is no hit, in corpus order, then category (and target) order; a category
    or target that is not on those lists, such as "not given", follows. An
    empty corpus gives an empty table with these columns.

    Example:
        >>> from helpers import load_corpus
        >>> docs = load_corpus()
        >>> summary = loaded_language_summary(docs, hits=loaded_language(docs), by_category=False)
        >>> summary.iloc[[2]].to_dict("records")
        [{'doc_id': 'breitbart-2014', 'hits': 40, 'n_words': 849, 'per_1000': 47.11425206124853}]
        >>> aimed = loaded_language_summary(docs, by_category=False, by_target=True)
        >>> aimed[aimed.doc_id == "ips-2007"].set_index("target").hits.to_dict()
        {'Iranian state': 15, 'NCRI-MEK': 6, 'Syrian government': 0, 'other': 10, 'varies': 0}
    """
    check_docs(docs, "loaded_language_summary")
    check_column(docs, by, "loaded_language_summary")
    hits = _hits_for(docs, hits, lexicon, sents, "loaded_language_summary")
    if by_target and "target" not in hits.columns:
        raise ValueError(
            "loaded_language_summary(): by_target=True needs hits= with a column 'target'. "
            "Pass hits=loaded_language(docs), or leave it out to have it made."
        )
    return _loaded_language_summary(docs, hits, by, by_category, by_target)


def _loaded_language_summary(
    docs: pd.DataFrame, hits: pd.DataFrame, by: str, by_category: bool, by_target: bool = False
) -> pd.DataFrame:
    splits = [name for name, wanted in (("category", by_category), ("target", by_target)) if wanted]
    columns = [by, *splits, "hits", "n_words", "per_1000"]
    if docs.empty:
        return _empty(columns, integers=("hits", "n_words"))
    n_words = docs["n_words"] if "n_words" in docs.columns else count_words(docs["text"])
    words = pd.Series(n_words.to_numpy(dtype="int64"), index=docs[by].to_numpy()).groupby(level=0, sort=False).sum()
    group_of = pd.Series(docs[by].to_numpy(), index=docs["doc_id"].to_numpy())
    groups = hits["doc_id"].map(group_of).rename(by)
    if splits:
        known = {"category": CATEGORIES, "target": TARGETS}
        levels = [[*known[name], *(v for v in pd.unique(hits[name]) if v not in known[name])] for name in splits]
        grid = pd.MultiIndex.from_product([words.index, *levels], names=[by, *splits])
        keys = [groups, *(hits[name] for name in splits)]
        counts = hits.groupby(keys, sort=False).size().reindex(grid, fill_value=0)
        table = counts.rename("hits").reset_index()
        table["n_words"] = table[by].map(words).to_numpy()
    else:
        counts = hits.groupby(groups, sort=False).size().reindex(words.index, fill_value=0)
        table = pd.DataFrame({by: words.index, "hits": counts.to_numpy(), "n_words": words.to_numpy()})
    table["hits"] = table["hits"].astype("int64")
    table["n_words"] = table["n_words"].astype("int64")
    table["per_1000"] = per_1000(table["hits"], table["n_words"].where(table["n_words"] > 0)).astype(float)
    return table[columns].reset_index(drop=True)


# --- Sentence sentiment -------------------------------------------------------------------------


def _signed(value: float) -> str:
    value = round(float(value), 2) + 0.0  # + 0.0 turns -0.0 into 0.0
    return "0" if value == 0 else f"{value:+.2f}".rstrip("0").rstrip(".")


def _assess(sentence: str) -> tuple[float, float, str, int]:
    from textblob import TextBlob  # imported here: loading TextBlob takes a moment

    result = TextBlob(sentence).sentiment_assessments
    described = ", ".join(f"{' '.join(words)} ({_signed(score)})" for words, score, *_ in result.assessments)
    return result.polarity, result.subjectivity, described, len(result.assessments)


@renamed_keywords(positional=("sents",))
def sentence_sentiment(docs: pd.DataFrame, *, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """TextBlob's sentiment for every sentence, with the words that produced it: one row per sentence.

    Columns: ``doc_id``, ``sentence_id``, ``sentence``, ``polarity`` (−1
    negative to +1 positive), ``subjectivity`` (0 factual to 1 opinion),
    ``assessed_words`` (the words TextBlob found in its list, with their
    polarity, e.g. ``"heroic (+0.7)"``; a negation or intensifier is shown
    with its word, e.g. ``"not bad (+0.35)"``) and ``n_assessed``. The
    scores are exactly ``TextBlob(sentence).sentiment``. A sentence with no
    known word scores 0: that means "no word on the list", not "neutral".

    This is the slowest analysis in the course: one TextBlob call per distinct
    sentence. An empty corpus gives an empty table with these columns.

    Example:
        >>> from helpers import load_corpus
        >>> s = sentence_sentiment(load_corpus())
        >>> row = s[(s.doc_id == "iranfreedom-2018") & (s.sentence_id == 21)]
        >>> row.sentence.item()[:45]
        'Therefore this year’s gathering will be held '
        >>> row[["polarity", "assessed_words"]].round(3).to_dict("records")
        [{'polarity': 0.475, 'assessed_words': 'supporting (+0.25), heroic (+0.7)'}]
    """
    check_docs(docs, "sentence_sentiment")
    if sents is None:
        sents = _sentences(docs)
    else:
        sents = check_reused(sents, "sents", docs, "sentence_sentiment", SENTENCE_COLUMNS, "sentences(docs)", True)
    return _sentence_sentiment(sents)


def _sentence_sentiment(sents: pd.DataFrame) -> pd.DataFrame:
    if sents.empty:
        return _empty(SENTIMENT_COLUMNS, integers=("sentence_id", "n_assessed"))
    codes, distinct = pd.factorize(sents["sentence"])
    # On a large corpus, parts of the sentences are scored at the same time (helpers._engine.parallel).
    parts = parallel.in_parts(
        lambda lo, hi: [_assess(sentence) for sentence in steps(distinct[lo:hi], "Scoring sentences")],
        len(distinct),
        "Scoring sentences",
    )
    scored = pd.DataFrame(
        [row for part in parts for row in part],
        columns=["polarity", "subjectivity", "assessed_words", "n_assessed"],
    )
    table = pd.concat(
        [
            sents[["doc_id", "sentence_id", "sentence"]].reset_index(drop=True),
            scored.iloc[codes].reset_index(drop=True),
        ],
        axis=1,
    )
    return table.astype({"polarity": float, "subjectivity": float, "n_assessed": "int64"})[SENTIMENT_COLUMNS]


# The corpus sentences below are quoted from corpus/texts/ (tests check that they are still there).
_BLIND_SPOTS = [
    (
        "The regime is good.",
        "The same scores as 'The government is good.': the name given to the state is not in the word list; "
        "only 'good' counts.",
    ),
    ("The government is good.", "The same scores as 'The regime is good.'."),
    (
        "Terrorists attacked the camp.",
        "Zero, like 'Freedom fighters attacked the camp.': neither label is in the word list, so opposite "
        "namings of the same people score the same.",
    ),
    ("Freedom fighters attacked the camp.", "Zero, like 'Terrorists attacked the camp.'."),
    (
        "The mullahs ruling Iran.",
        "Zero: 'mullahs', a label from breitbart-2014, carries no score.",
    ),
    ("This is a bad idea.", "Negative: 'bad' is in the word list."),
    (
        "This isn't a bad idea.",
        "The same polarity as 'This is a bad idea.': the contraction n't is not read as a negation.",
    ),
    (
        "This is not a bad idea.",
        "Positive: the full word 'not' is read as a negation, which flips the score of 'bad' and halves it.",
    ),
    ("a success", "Positive: 'success' is in the word list."),
    ("hardly a success", "The same as 'a success': 'hardly' is not read as a negation."),
    ("very bad", "More negative than 'extremely bad'."),
    ("extremely bad", "Less negative than 'very bad', though 'extremely' is the stronger word."),
    (
        "The world has realized that we were right in saying that the murderous regime in Iran is not capable "
        "of reforms and is completely isolated within the country.",
        "Positive overall, though it calls the regime murderous (ncri-2010): 'murderous' is not in the word list, "
        "'right' is.",
    ),
    (
        "The regime reveals its brutality with horrendous death sentences such as the stoning of women like "
        "Sakineh Ashtiani who themselves are the victims of that system.",
        "Zero (ncri-2010): neither 'brutality' nor 'horrendous' is in the word list.",
    ),
    (
        "Meanwhile, another gathering of Iranians in Paris on Sunday 17 June was marred in blood when some 40 "
        "to 50 men, some hooded, belonging to the outlawed Mojahedeen Khalq Organisation (MKO) attacked the "
        "conference of the newly created Association For The Protection Of Iranian Exiles in France.",
        "Positive overall, though it reports a bloody attack and blames the MKO (ips-2007): the only word "
        "scored is 'newly'.",
    ),
    (
        "a very large base of support",
        "Negative, though these words from iranfreedom-2018 praise the movement's following: 'base' is scored "
        "as a strongly negative word, in its sense of 'morally low'.",
    ),
]


def sentiment_blind_spots() -> pd.DataFrame:
    """Worked examples of what TextBlob's polarity cannot see in news text, scored live.

    Columns: ``example``, ``polarity``, ``subjectivity``, ``assessed_words``
    (as in :func:`sentence_sentiment`) and ``what_it_shows``. The scores
    are computed when the function runs, never typed in; the course tests
    check every claim in ``what_it_shows``, so a change in TextBlob shows up.

    Example:
        >>> spots = sentiment_blind_spots()
        >>> spots.set_index("example").loc[["The regime is good.", "The government is good."], "polarity"].tolist()
        [0.7, 0.7]
    """
    rows = []
    for example, claim in _BLIND_SPOTS:
        polarity, subjectivity, assessed, _ = _assess(example)
        rows.append((example, polarity, subjectivity, assessed, claim))
    return pd.DataFrame(rows, columns=BLIND_SPOT_COLUMNS)
