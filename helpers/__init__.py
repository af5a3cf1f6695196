"""Helpers for the media-framing course: load a corpus of news articles and analyse how it frames its subject.

Each module is one idea of the course:

- ``corpus``: load a corpus folder into a DataFrame (:func:`load_corpus`).
- ``cleaning``: make clean article texts from raw page captures.
- ``text``: split articles into sentences and tokens (:func:`sentences`, :func:`tokens`).

Example:
    >>> from helpers import load_corpus, sentences, tokens
    >>> docs = load_corpus()
    >>> len(docs), int(docs["n_words"].sum()) == len(tokens(docs))
    (5, True)
"""

from helpers.checks import check
from helpers.corpus import CORPUS_DIR, CorpusError, explore_corpus, load_corpus
from helpers.text import sentences, stopwords, tokens

__all__ = ["CORPUS_DIR", "CorpusError", "check", "explore_corpus", "load_corpus", "sentences", "stopwords", "tokens"]
