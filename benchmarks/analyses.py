"""The corpus and the analyses that the benchmarks time: one definition for ``benchmarks.scale`` and
``benchmarks.before_after``, so that both time the same steps with the same arguments.

The steps run in the order a researcher would run them, each reusing the tables of sentences and tokens
made by the first two, as the README advises. A version of the library that does not take a table by
keyword (before issue #12, ``tokens()`` took no ``sents=``) is called without it.

Nothing here imports ``helpers``: the caller passes the module, so that ``before_after`` can hand each
version its own.
"""

from __future__ import annotations

import inspect
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
KEYNESS_TARGET = "SYNTHETIC outlet 1"  # an outlet of the synthetic corpus, against the others
KWIC_QUERY = "Islamic Republic"
COLLOCATES_NODE = "regime"


def corpus(n: int) -> pd.DataFrame:
    """The synthetic corpus of ``n`` articles (tests/support/synthetic.py: the course's sentences resampled,
    about 620 words an article), with the warning about the course's lists silenced: the synthetic articles
    are made of the course's sentences, so the course's lists are the right ones.

    The corpus is made in a process of its own and read back from a pickle, as a researcher's session reads a
    corpus saved before: making it in this process would leave several times its size in this process's memory
    (blocks Python keeps after freeing them: 0.47 GB against 0.08 GB at 20,000 articles), counted in the
    session's peak as if the analyses had used it.
    """
    quiet()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "corpus.pkl"
        script = f"from benchmarks.analyses import made; made({int(n)}).to_pickle({str(path)!r})"
        subprocess.run([sys.executable, "-c", script], check=True, cwd=ROOT)
        return pd.read_pickle(path)


def made(n: int) -> pd.DataFrame:
    """The synthetic corpus of ``n`` articles, made in this process (see :func:`corpus`)."""
    from tests.support import synthetic_corpus

    quiet()
    return synthetic_corpus(n)


def quiet() -> None:
    warnings.filterwarnings("ignore", message=".*no list of your own was given")


def _reusing(function: Callable, docs: pd.DataFrame, *args, **tables):
    """``function(docs, *args, **tables)``, leaving out the tables the function does not take."""
    accepted = inspect.signature(function).parameters
    return function(docs, *args, **{name: table for name, table in tables.items() if name in accepted})


# name -> what it runs, given the helpers module, the articles, and the tables made so far (sents, toks)
STEPS: dict[str, Callable] = {
    "sentences": lambda h, docs, t: h.sentences(docs),
    "tokens": lambda h, docs, t: _reusing(h.tokens, docs, sents=t["sents"]),
    "word_frequencies": lambda h, docs, t: h.word_frequencies(docs, toks=t["toks"]),
    "word_frequencies_from_text": lambda h, docs, t: h.word_frequencies(docs),
    "keyness": lambda h, docs, t: h.keyness(docs, KEYNESS_TARGET, by="outlet", toks=t["toks"]),
    "kwic": lambda h, docs, t: h.kwic(docs, KWIC_QUERY, sents=t["sents"], toks=t["toks"]),
    "collocates": lambda h, docs, t: h.collocates(docs, COLLOCATES_NODE, toks=t["toks"]),
    "actor_mentions": lambda h, docs, t: h.actor_mentions(docs, sents=t["sents"]),
    "dates_mentioned": lambda h, docs, t: h.dates_mentioned(docs, sents=t["sents"]),
    "loaded_language": lambda h, docs, t: h.loaded_language(docs, sents=t["sents"], toks=t["toks"]),
    "sentence_sentiment": lambda h, docs, t: h.sentence_sentiment(docs, sents=t["sents"]),
    "quotations": lambda h, docs, t: h.quotations(docs, sents=t["sents"]),
}


def run(helpers, docs: pd.DataFrame, measure: Callable, skip: tuple[str, ...] = ()) -> None:
    """Every step of :data:`STEPS` in order, each as ``measure(name, call)``, which runs ``call()`` and returns
    its value; the tables of sentences and tokens are kept for the later steps."""
    tables: dict = {"sents": None, "toks": None}
    for name, step in STEPS.items():
        if name in skip:
            continue
        value = measure(name, lambda step=step: step(helpers, docs, tables))
        if name == "sentences":
            tables["sents"] = value
        elif name == "tokens":
            tables["toks"] = value
        del value
