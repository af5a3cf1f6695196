"""What the tests and the benchmarks share: small corpora written for one test, and synthetic corpora for timing.

Tests import it as ``tests.support`` (pytest puts the course folder on the path: ``pythonpath`` in
pyproject.toml); benchmarks run as modules from the course folder (``python -m benchmarks.scale``)
and import it the same way. No ``sys.path`` edits.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers import CORPUS_DIR, load_corpus
from tests.support.synthetic import synthetic_corpus

__all__ = ["file_text", "make_corpus", "make_folder", "row", "synthetic_corpus", "text_of"]


def make_folder(folder: Path, texts: dict, metadata: str | None = None) -> Path:
    """Write a corpus folder: ``texts`` maps doc_id to text (str or bytes); by default one metadata row each,
    with title ``Title <doc_id>``, outlet ``Outlet <n>`` and published 2020-01-<n>."""
    (folder / "texts").mkdir(parents=True)
    if metadata is None:
        rows = [f"{doc_id},Title {doc_id},Outlet {n},2020-01-{n:02d}" for n, doc_id in enumerate(texts, start=1)]
        metadata = "doc_id,title,outlet,published\n" + "".join(row + "\n" for row in rows)
    (folder / "metadata.csv").write_text(metadata, encoding="utf-8")
    for doc_id, text in texts.items():
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        (folder / "texts" / f"{doc_id}.txt").write_bytes(data)
    return folder


def make_corpus(folder: Path, texts: dict) -> pd.DataFrame:
    """A small corpus written for one test (see :func:`make_folder`), loaded with load_corpus()."""
    return load_corpus(make_folder(folder, texts))


def text_of(docs: pd.DataFrame, doc_id: str) -> str:
    """The text of one article of a loaded corpus."""
    return docs.set_index("doc_id").loc[doc_id, "text"]


def file_text(doc_id: str) -> str:
    """The clean text of a course article, read from its file rather than through load_corpus()."""
    return (CORPUS_DIR / "texts" / f"{doc_id}.txt").read_text(encoding="utf-8")


def row(table: pd.DataFrame, **where) -> pd.Series:
    """The one row of ``table`` whose columns have the values given (the test fails unless there is exactly one)."""
    mask = pd.Series(True, index=table.index)
    for column, value in where.items():
        mask &= table[column] == value
    assert mask.sum() == 1, where
    return table[mask].iloc[0]
