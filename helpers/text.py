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
"""

from __future__ import annotations

import csv
import re
from array import array
from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.progress import steps

DATA_DIR = Path(__file__).resolve().parent / "data"

TOKEN_PATTERN = (
    r"\b(?:[A-Za-z]\.){2,}"  # initials: U.S., E.U.
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+"  # 162,000  2.5
    r"|(?<=\w)['’]s\b"  # the possessive 's
    r"|\w+(?:(?:[-/]|['’](?!s\b))\w+)*"  # words, with inner hyphens, slashes, apostrophes
)
TOKEN_RE = re.compile(TOKEN_PATTERN)
_PIECES_REMEMBERED = 2_000_000
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘'(\[]*[A-Z0-9])")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)*[A-Z]")
_OPENERS = "\"“‘'(["

SENTENCE_COLUMNS = ["doc_id", "sentence_id", "paragraph_id", "sentence", "start", "end"]
TOKEN_COLUMNS = ["doc_id", "sentence_id", "token", "lower", "is_stopword", "start", "end"]


def _read_word_list(name: str, column: str) -> frozenset[str]:
    with open(DATA_DIR / name, encoding="utf-8-sig", newline="") as f:
        return frozenset(row[column].strip() for row in csv.DictReader(f) if row[column].strip())


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The course stopword list, read from ``helpers/data/stopwords.csv``.

    Example:
        >>> "the" in stopwords(), "regime" in stopwords()
        (True, False)
    """
    return _read_word_list("stopwords.csv", "word")


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Abbreviations after which a full stop does not end a sentence.

    Example:
        >>> "Mrs" in abbreviations()
        True
    """
    return _read_word_list("abbreviations.csv", "abbreviation")


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


def check_docs(docs: pd.DataFrame, function: str) -> None:
    """Raise a clear TypeError unless ``docs`` is a table of articles (columns ``doc_id`` and ``text``).

    Every analysis calls this first, with its own name for the message.
    """
    if not isinstance(docs, pd.DataFrame) or not {"doc_id", "text"} <= set(docs.columns):
        raise TypeError(
            f"{function}() needs the DataFrame from load_corpus() (columns doc_id and text); got {type(docs).__name__}."
        )


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
    # Numbers grow in buffers (array.array) rather than as Python objects: little memory on a large corpus.
    texts, numbers, paragraphs, starts, ends = [], array("q"), array("q"), array("q"), array("q")
    per_doc = np.zeros(len(docs), dtype=np.int64)
    for row, text in enumerate(steps(docs["text"], "Splitting sentences")):
        spans = split_sentences(text)
        per_doc[row] = len(spans)
        numbers.extend(range(1, len(spans) + 1))
        for start, end, paragraph_id in spans:
            texts.append(text[start:end])
            paragraphs.append(paragraph_id)
            starts.append(start)
            ends.append(end)
    doc_ids = np.asarray(pd.Series(docs["doc_id"], dtype=object).to_numpy(), dtype=object)
    return pd.DataFrame(
        {
            "doc_id": pd.Series(np.repeat(doc_ids, per_doc).tolist()),
            "sentence_id": np.frombuffer(numbers, dtype=np.int64),
            "paragraph_id": np.frombuffer(paragraphs, dtype=np.int64),
            "sentence": pd.Series(texts, dtype="str"),
            "start": np.frombuffer(starts, dtype=np.int64),
            "end": np.frombuffer(ends, dtype=np.int64),
        },
        copy=False,
    )


def _is_stopword(words: list[str]) -> np.ndarray:
    stop = stopwords()
    return np.fromiter(
        ((w.lower() in stop) and not (len(w) > 1 and w.isupper()) for w in words), dtype=bool, count=len(words)
    )


def tokens(docs: pd.DataFrame) -> pd.DataFrame:
    """One row per token: ``doc_id``, ``sentence_id``, ``token`` (as written, with
    a straight apostrophe), ``lower``, ``is_stopword`` and the character
    offsets ``start``/``end`` in the article's ``text``.

    ``doc_id``, ``token`` and ``lower`` are pandas categoricals: each distinct
    word is stored once, so a corpus of millions of tokens fits in memory.
    They compare and filter like text (``toks[toks.lower == "regime"]``).

    Example:
        >>> from helpers import load_corpus
        >>> t = tokens(load_corpus())
        >>> t[t.doc_id == "breitbart-2014"].token.head(4).tolist()
        ['Leaders', 'of', 'Iranian', 'and']
    """
    check_docs(docs, "tokens")
    vocab: dict[str, int] = {}
    # Each column grows in one buffer (array.array) rather than as one small array per article, so that
    # a large corpus does not leave memory scattered with freed pieces (which the process keeps).
    codes, sentence_ids, starts, ends = array("i"), array("i"), array("i"), array("i")
    per_doc = np.zeros(len(docs), dtype=np.int64)
    for number, text in enumerate(steps(docs["text"], "Tokenising")):
        if "’" in text:
            text = text.replace("’", "'")  # one character for one: offsets stay the same
        matches = list(TOKEN_RE.finditer(text))
        words = [m.group() for m in matches]
        per_doc[number] = len(words)
        codes.extend([vocab.setdefault(w, len(vocab)) for w in words])
        token_starts = np.fromiter((m.start() for m in matches), dtype=np.int32, count=len(matches))
        starts.frombytes(token_starts.tobytes())
        ends.frombytes((token_starts + np.fromiter(map(len, words), dtype=np.int32, count=len(words))).tobytes())
        sentence_starts = np.array([start for start, _, _ in split_sentences(text)], dtype=np.int32)
        sentence_ids.frombytes(np.searchsorted(sentence_starts, token_starts, side="right").astype(np.int32).tobytes())
    words = list(vocab)
    lower_of_word, lower_words, stop = lower_forms(words)
    token_codes = np.frombuffer(codes, dtype=np.int32)
    doc_index, doc_labels = pd.factorize(pd.Series(docs["doc_id"], dtype=object))
    doc_codes = np.repeat(doc_index.astype(np.int32), per_doc)
    columns = {"doc_id": pd.Categorical.from_codes(doc_codes, categories=pd.Index(doc_labels))}
    columns["sentence_id"] = np.frombuffer(sentence_ids, dtype=np.int32)
    columns["token"] = pd.Categorical.from_codes(token_codes, categories=pd.Index(words, dtype=object))
    columns["lower"] = pd.Categorical.from_codes(lower_of_word[token_codes], categories=lower_words)
    columns["is_stopword"] = stop[token_codes]
    columns["start"] = np.frombuffer(starts, dtype=np.int32)
    columns["end"] = np.frombuffer(ends, dtype=np.int32)
    return pd.DataFrame(columns, copy=False)


def word_counts(texts) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """How often each word form occurs in each text: the fastest way to count single words.

    Returns ``(doc_index, codes, counts, words)``: one entry per distinct form
    in each text, with the position of its text, the position of the form (as
    written, straight apostrophe) in ``words``, and its number of occurrences.
    The tokens counted are exactly those of :func:`tokens`.

    How: no token crosses a space, so each text is first cut at white space
    and the pieces counted (both done in C). Each distinct piece, such as
    ``regime,`` or ``Iran's``, is tokenised once and remembered, because
    news text repeats the same pieces over and over; the counts of the pieces
    are then added up per word form.

    Example:
        >>> doc_index, codes, counts, words = word_counts(["The regime, the regime.", "Iran’s regime"])
        >>> [(int(d), words[c], int(n)) for d, c, n in zip(doc_index, codes, counts)]
        [(0, 'The', 1), (0, 'regime', 2), (0, 'the', 1), (1, 'Iran', 1), (1, "'s", 1), (1, 'regime', 1)]
    """
    vocab: dict[str, int] = {}
    pieces: dict[str, tuple[int, ...]] = {}  # piece of text between spaces -> codes of its tokens
    codes, counts, doc_index = [], [], []
    for number, text in enumerate(steps(texts, "Counting words")):
        counted: dict[int, int] = {}
        for piece, n in Counter(text.split()).items():
            piece_codes = pieces.get(piece)
            if piece_codes is None:
                if len(pieces) >= _PIECES_REMEMBERED:
                    pieces.clear()  # a bound on memory for corpora with very many distinct pieces
                words = TOKEN_RE.findall(piece.replace("’", "'"))
                piece_codes = pieces[piece] = tuple(vocab.setdefault(w, len(vocab)) for w in words)
            for code in piece_codes:
                counted[code] = counted.get(code, 0) + n
        codes.append(np.fromiter(counted, dtype=np.int32, count=len(counted)))
        counts.append(np.fromiter(counted.values(), dtype=np.int32, count=len(counted)))
        doc_index.append(np.full(len(counted), number, dtype=np.int32))
    return _concat(doc_index), _concat(codes), _concat(counts), list(vocab)


def lower_forms(words: list[str]) -> tuple[np.ndarray, pd.Index, np.ndarray]:
    """For a list of word forms: the code of each one's lower-case form, those forms, and which are stopwords.

    Example:
        >>> lower_of, lowers, stop = lower_forms(["The", "the", "US"])
        >>> lower_of.tolist(), list(lowers), stop.tolist()
        ([0, 0, 1], ['the', 'us'], [True, True, False])
    """
    lower_of_word, lower_words = pd.factorize(pd.Series(words, dtype=object).str.lower())
    return lower_of_word.astype(np.int32), pd.Index(lower_words, dtype=object), _is_stopword(words)


def _concat(arrays: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.int32)


def count_words(texts: pd.Series) -> pd.Series:
    """The number of tokens in each text, as :func:`tokens` would count them.

    Example:
        >>> count_words(pd.Series(["Iran's regime, the U.S. and 162,000 people."])).tolist()
        [8]
    """
    return texts.str.count(TOKEN_PATTERN).astype("int64")
