"""A corpus: a folder of articles, loaded into a pandas DataFrame with one row per article.

A corpus folder holds:

- ``metadata.csv``: one row per article. Required columns: ``doc_id``,
  ``title``, ``outlet`` and ``published``. Any other column is kept.
- ``texts/<doc_id>.txt``: the article text, UTF-8, one file per row.

``published`` is an ISO date: ``2014-05-29`` (a day), ``2015-06`` (a month)
or ``2015`` (a year). When the file has no ``date_precision`` column, the
precision is read from the form of the date.

The course corpus ships in ``corpus/`` at the top of the repository and is
what :func:`load_corpus` loads when it is given no path. The folder is read
by :func:`helpers.importers.import_folder`, the one reader of corpus folders:
every problem raises :class:`CorpusError` with the file, row or field and
what to do; nothing is skipped silently. :func:`helpers.validate_corpus`
lists every problem at once.

Articles from several imports are put together with :func:`combine_corpora`,
which keeps every ``doc_id`` unique.

The course's own lists (the actor list, the loaded-language list) were
written for the course corpus; an analysis that falls back on one of them
for another corpus says so with a warning (:func:`note_course_list`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from helpers.importers import DATE_PRECISIONS, REQUIRED_COLUMNS, import_folder
from helpers.inputs import CorpusError, check_docs, read_csv_file, warn

CORPUS_DIR = Path(__file__).resolve().parent.parent / "corpus"

__all__ = ["CORPUS_DIR", "DATE_PRECISIONS", "REQUIRED_COLUMNS", "CorpusError", "combine_corpora", "load_corpus"]


def load_corpus(path: Path | str | None = None) -> pd.DataFrame:
    """Load a corpus folder into a DataFrame, one row per article.

    The columns are those of ``metadata.csv`` plus ``text`` and ``n_words``
    (the number of tokens, as counted by :func:`helpers.tokens`).
    ``published`` becomes a datetime; ``date_precision`` is kept or, where
    missing, read from the form of the date. Rows are sorted by publication
    date, then ``doc_id``. Without a path, loads the course corpus.

    Example:
        >>> docs = load_corpus()
        >>> list(docs["doc_id"])
        ['ips-2007', 'ncri-2010', 'breitbart-2014', 'moroccantimes-2015', 'iranfreedom-2018']
        >>> docs.loc[0, "published"].date()
        datetime.date(2007, 6, 18)
    """
    return import_folder(Path(path) if path is not None else CORPUS_DIR)


def combine_corpora(*corpora: pd.DataFrame, prefixes: list[str] | None = None) -> pd.DataFrame:
    """Put the articles of several corpora (loaded or imported) into one table, every ``doc_id`` unique.

    Each import numbers its articles from ``doc-00001``, so two imports repeat
    their ids. Without ``prefixes``, repeated ids are a :class:`CorpusError`
    naming them; with ``prefixes`` (one per corpus, such as ``["radio-",
    "gazette-"]``), every ``doc_id`` of a corpus starts with its prefix. A
    column that only some corpora have is empty (``NaN``) in the others'
    rows. Rows are sorted by ``published`` (when every corpus has it), then
    ``doc_id``, as :func:`load_corpus` sorts them.

    Example:
        >>> from helpers import PRACTICE_CORPUS, import_news_export
        >>> export = import_news_export(PRACTICE_CORPUS / "practice-export.csv", on_error="report")[0]
        >>> both = combine_corpora(export, export, prefixes=["first-", "second-"])
        >>> len(both) == 2 * len(export), both["doc_id"].is_unique, both["doc_id"].iloc[0]
        (True, True, 'first-doc-00004')
        >>> combine_corpora(export, export)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        helpers.inputs.CorpusError: combine_corpora(): doc_ids 'doc-00004', ... are in more than one corpus. ...
    """
    if not corpora:
        raise TypeError("combine_corpora() needs at least one corpus (a DataFrame from load_corpus or an importer).")
    for corpus in corpora:
        check_docs(corpus, "combine_corpora")
    if prefixes is not None:
        if isinstance(prefixes, str) or len(prefixes) != len(corpora):
            raise ValueError(f"combine_corpora(): give one prefix per corpus ({len(corpora)}); got {prefixes!r}.")
        corpora = tuple(c.assign(doc_id=str(p) + c["doc_id"].astype(str)) for c, p in zip(corpora, prefixes))
    combined = pd.concat(corpora, ignore_index=True)
    repeated = pd.unique(combined["doc_id"][combined["doc_id"].duplicated()])
    if len(repeated):
        shown = ", ".join(repr(d) for d in repeated[:5]) + (
            f" and {len(repeated) - 5} more" if len(repeated) > 5 else ""
        )
        raise CorpusError(
            f"combine_corpora(): doc_id{'s' if len(repeated) > 1 else ''} {shown} "
            f"{'are' if len(repeated) > 1 else 'is'} in more than one corpus. Give each corpus a prefix, as in "
            f"combine_corpora(a, b, prefixes=['a-', 'b-']); if they are the same articles, keep one copy."
        )
    order = ["published", "doc_id"] if "published" in combined.columns else ["doc_id"]
    return combined.sort_values(order, kind="stable", na_position="last").reset_index(drop=True)


@lru_cache(maxsize=1)
def _course_doc_ids() -> frozenset[str]:
    return frozenset(read_csv_file(CORPUS_DIR / "metadata.csv", required=["doc_id"])["doc_id"])


def is_course_corpus(docs: pd.DataFrame) -> bool:
    """Whether every article of ``docs`` is an article of the course corpus.

    Example:
        >>> is_course_corpus(load_corpus()), is_course_corpus(pd.DataFrame({"doc_id": ["harbour-1"], "text": [""]}))
        (True, False)
    """
    return bool(set(docs["doc_id"].astype(str)) <= _course_doc_ids())


def note_course_list(docs: pd.DataFrame, function: str, what: str, instead: str) -> None:
    """Warn that ``function`` uses the course's own list ``what`` on a corpus that is not the course corpus.

    ``instead`` says how to pass a list of the user's own.
    """
    if len(docs) and not is_course_corpus(docs):
        warn(
            f"{function}(): no list of your own was given, so the course's {what} is used. It was written for "
            f"the course corpus (news about the Iranian opposition) and finds only its words, with their "
            f"meaning there: on another corpus, pass {instead}."
        )
