"""Split articles into sentences and tokens: one splitter and one tokenizer for the whole course.

Sentences
    A paragraph break always ends a sentence. Inside a paragraph, a sentence
    ends at ``.``, ``!`` or ``?`` (with any closing quotation marks or
    brackets after it) when the next character after the space is a capital
    letter, a digit or an opening quotation mark. A full stop does not end a
    sentence after an abbreviation listed in ``helpers/data/abbreviations.csv``
    (Mr, Mrs, Dr, Sat, etc, ...) or after initials such as ``U.S`` or ``E.U``.
    An ellipsis ``…`` never ends a sentence on its own.

Tokens
    A token is a word, a number or the possessive ``'s``:

    - curly (’) and straight (') apostrophes are treated alike; ``lower``
      always uses the straight one;
    - words joined by a hyphen stay one token: ``al-Assad``,
      ``Auvers-sur-Oise``, ``three-year-long``;
    - names joined by a slash stay one token: ``PMOI/MEK`` is one naming
      choice, not two words;
    - the possessive ``'s`` is a token of its own, so ``Iran's`` counts as
      ``Iran`` plus ``'s``; other apostrophes stay inside the word
      (``isn't``, ``Mas'oud``, ``D'Oise``);
    - numbers keep their thousands separators and decimals (``162,000``);
      initials keep their stops (``U.S.``);
    - punctuation is not a token.

    ``is_stopword`` uses the editable list in ``helpers/data/stopwords.csv``.
    A token written in capitals (``US``, ``MEK``) is never a stopword, so the
    acronym US is not mistaken for the pronoun "us".

Both tables are built by the engine (:mod:`helpers._engine.tables`) in a way that keeps a corpus of
millions of tokens in little memory; the rules are the ones above.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

from helpers._engine import parallel, tables
from helpers.inputs import check_docs, check_reused, word_list

TOKEN_PATTERN = (
    r"\b(?:[A-Za-z]\.){2,}"  # initials: U.S., E.U.
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+"  # 162,000  2.5
    r"|(?<=\w)['’]s\b"  # the possessive 's
    r"|\w+(?:(?:[-/]|['’](?!s\b))\w+)*"  # words, with inner hyphens, slashes, apostrophes
)
TOKEN_RE = re.compile(TOKEN_PATTERN)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘'(\[]*[A-Z0-9])")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)*[A-Z]")
_OPENERS = "\"“‘'(["

SENTENCE_COLUMNS = ["doc_id", "sentence_id", "paragraph_id", "sentence", "start", "end"]
TOKEN_COLUMNS = ["doc_id", "sentence_id", "token", "lower", "is_stopword", "start", "end"]


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The course stopword list, read from ``helpers/data/stopwords.csv``.

    Example:
        >>> "the" in stopwords(), "regime" in stopwords()
        (True, False)
    """
    return frozenset(word_list("stopwords.csv", "word"))


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Abbreviations after which a full stop does not end a sentence.

    Example:
        >>> "Mrs" in abbreviations()
        True
    """
    return frozenset(word_list("abbreviations.csv", "abbreviation"))


def _ends_with_abbreviation(paragraph: str, stop: int) -> bool:
    if paragraph[stop] != ".":
        return False
    begin = max(paragraph.rfind(" ", 0, stop), paragraph.rfind("\n", 0, stop)) + 1
    word = paragraph[begin:stop].lstrip(_OPENERS)
    return word in abbreviations() or bool(_INITIALS.fullmatch(word))


def split_sentences(text: str) -> list[tuple[int, int, int]]:
    """Split one text into sentences: a list of ``(start, end, paragraph_id)``.

    Example:
        >>> text = "Mrs. Rajavi met Mr. Jarba in the U.S. capital. They spoke."
        >>> [text[s:e] for s, e, _ in split_sentences(text)]
        ['Mrs. Rajavi met Mr. Jarba in the U.S. capital.', 'They spoke.']
    """
    spans = []
    paragraph_starts = [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]
    paragraph_ends = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)] + [len(text)]
    for paragraph_id, (p_start, p_end) in enumerate(zip(paragraph_starts, paragraph_ends), start=1):
        paragraph = text[p_start:p_end]
        cuts = [0]
        for match in _SENTENCE_END.finditer(paragraph):
            if not _ends_with_abbreviation(paragraph, match.start()):
                cuts.append(match.end())
        cuts.append(len(paragraph))
        for a, b in zip(cuts, cuts[1:]):
            piece = paragraph[a:b]
            stripped = piece.strip()
            if stripped:
                start = p_start + a + (len(piece) - len(piece.lstrip()))
                spans.append((start, start + len(stripped), paragraph_id))
    return spans


def is_stopword(words: list[str]) -> np.ndarray:
    """Which words are stopwords: on the list in lower case, and not written in capitals (US, MEK).

    Example:
        >>> is_stopword(["The", "us", "US", "regime"]).tolist()
        [True, True, False, False]
    """
    stop = stopwords()
    return np.fromiter(
        ((w.lower() in stop) and not (len(w) > 1 and w.isupper()) for w in words), dtype=bool, count=len(words)
    )


def lower_forms(words: list[str]) -> tuple[np.ndarray, pd.Index, np.ndarray]:
    """For a list of word forms: the code of each one's lower-case form, those forms, and which are stopwords.

    Example:
        >>> lower_of, lowers, stop = lower_forms(["The", "the", "US"])
        >>> lower_of.tolist(), list(lowers), stop.tolist()
        ([0, 0, 1], ['the', 'us'], [True, True, False])
    """
    lower_of_word, lower_words = pd.factorize(pd.Series(words, dtype=object).str.lower())
    return lower_of_word.astype(np.int32), pd.Index(lower_words, dtype=object), is_stopword(words)


def sentences(docs: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: ``doc_id``, ``sentence_id`` (from 1 in each article),
    ``paragraph_id``, ``sentence``, and ``start``/``end``, the character offsets
    of the sentence in the article's ``text``.

    Example:
        >>> from helpers import load_corpus
        >>> s = sentences(load_corpus())
        >>> s[s.doc_id == "breitbart-2014"].sentence.iloc[1][:40]
        'On May 23, 2014, Mrs Maryam Rajavi, the '
    """
    check_docs(docs, "sentences")
    return _sentences(docs)


def _sentences(docs: pd.DataFrame) -> pd.DataFrame:
    """The work of :func:`sentences`, for articles already checked (by the analysis that needs them)."""
    return parallel.by_articles(_sentences_of, docs, label="Splitting sentences")


def _sentences_of(docs: pd.DataFrame, sents: None) -> pd.DataFrame:
    return tables.sentence_table(docs["doc_id"], docs["text"], split_sentences)


def tokens(docs: pd.DataFrame, *, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per token: ``doc_id``, ``sentence_id``, ``token`` (as written, with
    a straight apostrophe), ``lower``, ``is_stopword`` and the character
    offsets ``start``/``end`` in the article's ``text``.

    ``doc_id``, ``token`` and ``lower`` are pandas categoricals: each distinct
    word is stored once, so a corpus of millions of tokens fits in memory.
    They compare and filter like text (``toks[toks.lower == "regime"]``).
    Pass ``sents=sentences(docs)`` if you have it, so that the texts are not
    split into sentences again.

    Example:
        >>> from helpers import load_corpus
        >>> t = tokens(load_corpus())
        >>> t[t.doc_id == "breitbart-2014"].token.head(4).tolist()
        ['Leaders', 'of', 'Iranian', 'and']
    """
    check_docs(docs, "tokens")
    if sents is not None:
        sents = check_reused(sents, "sents", docs, "tokens", SENTENCE_COLUMNS, "sentences(docs)", covers=True)
    return _tokens(docs, sents)


def _tokens(docs: pd.DataFrame, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """The work of :func:`tokens`, for articles (and sentences) already checked."""
    if sents is None:

        def sentence_starts(row: int, text: str) -> list[int]:
            return [start for start, _, _ in split_sentences(text)]

    else:
        rows_of = tables.rows_of_articles(docs, sents["doc_id"])
        starts, doc_ids = sents["start"].to_numpy(), docs["doc_id"].to_numpy()
        none = np.zeros(0, dtype=np.int64)

        def sentence_starts(row: int, text: str) -> np.ndarray:
            return np.sort(starts[rows_of.get(doc_ids[row], none)])

    return tables.token_table(docs["doc_id"], docs["text"], TOKEN_RE, sentence_starts, lower_forms)


def count_words(texts: pd.Series) -> pd.Series:
    """The number of tokens in each text, as :func:`tokens` would count them.

    Example:
        >>> count_words(pd.Series(["Iran's regime, the U.S. and 162,000 people."])).tolist()
        [8]
    """
    return texts.str.count(TOKEN_PATTERN).astype("int64")
