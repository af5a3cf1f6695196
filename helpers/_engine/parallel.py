"""Both cores (or all of them) for a large corpus: the articles cut into parts, each part worked on by a
process of its own, the parts' results put back together in the order of the corpus.

The analyses read a corpus article by article, and what they find in one article never depends on
another. So a large corpus can be cut into consecutive parts of articles, the parts handed to worker
processes, and their tables laid end to end: the result is the table the plain loop gives, row for
row (``tests/test_engine.py`` compares them on the course corpus and on a synthetic one).

- :func:`in_parts` is the one primitive: ``work(lo, hi)`` for consecutive ranges of items, in workers
  when there are many items, in this process otherwise (:func:`each_part` gives its results one at a
  time);
- :func:`by_articles` runs an analysis's loop on parts of ``docs`` (and the rows of ``sents`` for those
  articles) and lays the tables end to end.

When workers are used
    Only on Linux, where a worker starts as a copy of this process (``fork``): it sees the corpus and the
    tables already in memory without them being copied or sent, and starts in a few milliseconds. Only
    for at least :data:`PARALLEL_FROM` items, so that a lesson on the course corpus never pays for
    starting processes. Never inside a worker. ``use_workers(False)`` turns workers off for the session.

Workers send their results back to this process, which puts them together: the tables of
:func:`by_articles` a column at a time, so that only one column is ever held twice; the tokens and word
counts a part at a time, as each arrives (:func:`each_part`), so that the parts are never all held
beside the table they make.

Memory given back
    On Linux, the C library (glibc) keeps memory that a program frees, to reuse it, and by default it also
    keeps blocks of up to 32 MB, after the first such block is freed: on a large corpus the pieces that the
    workers send and that the analyses use for a moment then stay in the process, scattered, and its
    resident memory creeps up by hundreds of megabytes. The first time workers are used (a large corpus),
    :func:`map_large_blocks` has every block of :data:`LARGE_BLOCK` or more mapped on its own, and so given
    back to the system as soon as it is freed, and keeps at most :data:`TRIM_AT` free at the end of the
    library's heap (at 20,000 synthetic articles, collocates' peak 0.66 GB instead of 0.71, the same time;
    a smaller ``TRIM_AT`` saves a little more memory but makes counting pairs of words twice as slow). A
    session on the course corpus never changes it.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import sys
from collections.abc import Callable

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from helpers import progress

PARALLEL_FROM = 2_000  # fewer items than this: no workers (the course corpus has five articles)
PART_SIZE = 2_500  # items in a part: small enough for a progress bar to move, large enough to cost little
LARGE_BLOCK = 4 * 2**20  # blocks of memory of this size or more are given back to the system once freed
TRIM_AT = 64 * 2**20  # free memory at the end of the C library's heap beyond this is given back at once
_enabled = True
_in_worker = False
_work: Callable | None = None  # the work of the current call, seen by the workers as they start


def use_workers(on: bool = True) -> None:
    """Let large analyses use worker processes (the default), or keep everything in this process."""
    global _enabled
    _enabled = bool(on)


def workers_available() -> int:
    """How many processes may work at once: the cores this process may use (0 where workers are not used)."""
    if not _enabled or _in_worker or not sys.platform.startswith("linux"):
        return 0
    if "fork" not in multiprocessing.get_all_start_methods():
        return 0
    return len(os.sched_getaffinity(0))


def ranges(n_items: int, n_workers: int) -> list[tuple[int, int]]:
    """Consecutive ``(lo, hi)`` ranges covering ``range(n_items)``: parts of about :data:`PART_SIZE` items,
    at least two for each worker so that a slow part does not leave the others idle."""
    n_parts = max(-(-n_items // PART_SIZE), 2 * n_workers, 1)
    n_parts = min(n_parts, max(n_items, 1))
    cuts = np.linspace(0, n_items, n_parts + 1).round().astype(int)
    return [(int(lo), int(hi)) for lo, hi in zip(cuts, cuts[1:])]


def release_freed_memory() -> None:
    """Give back to the system the memory freed while the parts were put together.

    The parts arrive from the workers in many pieces of a few megabytes each; once they are joined and let
    go, the C library (glibc, on Linux) keeps most of that memory for later use rather than return it, and
    the process would go on holding hundreds of megabytes it does not use on a large corpus. ``malloc_trim``
    returns it. Elsewhere (no glibc): nothing is done.
    """
    global _malloc_trim
    if _malloc_trim is None:
        try:
            _malloc_trim = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):
            _malloc_trim = False
    if _malloc_trim:
        _malloc_trim(0)


def _release_arrow_memory() -> None:
    """Give back to the system what Arrow's own allocator (which holds pandas' text columns) keeps after freeing it."""
    arrow = sys.modules.get("pyarrow")  # only if pandas has loaded it
    if arrow is not None:
        arrow.default_memory_pool().release_unused()


_malloc_trim = None  # glibc's malloc_trim, once looked up (False where there is none)
_large_blocks_mapped = False
_M_MMAP_THRESHOLD = -3  # glibc's mallopt parameters
_M_TRIM_THRESHOLD = -1


def map_large_blocks() -> None:
    """Have the C library map every block of :data:`LARGE_BLOCK` bytes or more on its own (glibc's
    ``M_MMAP_THRESHOLD``), so that it goes back to the system when freed, rather than stay in the process
    for reuse, and give back the free end of its heap beyond :data:`TRIM_AT` (``M_TRIM_THRESHOLD``): set
    once, for the rest of the session. Elsewhere (no glibc): nothing is done."""
    global _large_blocks_mapped
    if _large_blocks_mapped:
        return
    _large_blocks_mapped = True
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(_M_MMAP_THRESHOLD, LARGE_BLOCK)
        libc.mallopt(_M_TRIM_THRESHOLD, TRIM_AT)
    except (OSError, AttributeError):
        pass


def _start_worker() -> None:
    global _in_worker
    _in_worker = True  # no workers of its own
    progress.show_progress(False)  # a bar drawn from a worker would go nowhere
    # In a notebook, printed text goes through the kernel's threads, which a worker does not have: a worker
    # writes (a warning, say) to the process's own streams instead.
    if sys.__stdout__ is not None and sys.__stderr__ is not None:
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__


def _run(part: tuple[int, int]):
    return _work(*part)


def in_parts(work: Callable[[int, int], object], n_items: int, label: str = "Working") -> list:
    """``[work(lo, hi), ...]`` for consecutive ranges of ``range(n_items)``, in order.

    With fewer than :data:`PARALLEL_FROM` items, or no workers available, ``[work(0, n_items)]``: one
    call, in this process. Otherwise the calls run in worker processes, one per core, with a progress
    bar labelled ``label`` (in a notebook, for work longer than a second).
    """
    return list(each_part(work, n_items, label))


def each_part(work: Callable[[int, int], object], n_items: int, label: str = "Working"):
    """The results of :func:`in_parts` one at a time, in order, as the workers send them: a caller that
    lays each part into its table and lets it go never holds all the parts at once."""
    n_workers = workers_available()
    if n_items < PARALLEL_FROM or n_workers < 2:
        yield work(0, n_items)
        return
    global _work
    map_large_blocks()
    # A worker starts as a copy of this process, holding every page this process holds at that moment: memory
    # freed but kept by the C library would stay in the workers even once this process gives it back. Give it
    # back first.
    gc.collect()
    release_freed_memory()
    _release_arrow_memory()
    parts = ranges(n_items, n_workers)
    bar = progress.Progress()
    bar.stage(label, len(parts))
    _work = work
    try:
        with multiprocessing.get_context("fork").Pool(n_workers, initializer=_start_worker) as pool:
            for done, result in enumerate(pool.imap(_run, parts), start=1):
                bar.advance_to(done)
                yield result
                del result
    finally:
        _work = None
        bar.finish(keep=False)


def rows_for_articles(docs: pd.DataFrame, table: pd.DataFrame | None) -> Callable[[int, int], pd.DataFrame | None]:
    """A function giving, for the articles ``lo..hi`` of docs, the rows of ``table`` (with a ``doc_id``
    column) that belong to them, in the table's order."""
    if table is None:
        return lambda lo, hi: None
    from helpers._engine.tables import doc_bounds, doc_codes

    codes = doc_codes(docs, table["doc_id"])
    bounds = doc_bounds(codes, len(docs))
    if bounds is not None:  # rows in article order, as sentences() gives them: a slice
        return lambda lo, hi: table.iloc[bounds[lo] : bounds[hi]]
    return lambda lo, hi: table[(codes >= lo) & (codes < hi)]


def by_articles(work: Callable, docs: pd.DataFrame, sents: pd.DataFrame | None = None, *, label: str, **options):
    """``work(docs, sents, **options)`` on consecutive parts of ``docs`` (each with the rows of ``sents`` of its
    articles), the tables laid end to end: the same table as one call on the whole corpus when ``work``
    treats each article on its own. ``work`` returns a table, or a tuple of tables (each laid end to end with
    its own kind). On a small corpus: one call, in this process."""
    if len(docs) < PARALLEL_FROM or workers_available() < 2:
        return work(docs, sents, **options)
    sentence_rows = rows_for_articles(docs, sents)

    def work_on_part(lo: int, hi: int):
        found = work(docs.iloc[lo:hi], sentence_rows(lo, hi), **options)
        return tuple(map(_by_column, found)) if isinstance(found, tuple) else _by_column(found)

    parts = []
    for part in each_part(work_on_part, len(docs), label):
        parts.append(part)
        release_freed_memory()  # the message the part came in, and what unpacking it used
    if isinstance(parts[0], tuple):
        tables = [list(kind) for kind in zip(*parts)]
        del parts
        return tuple(end_to_end(tables.pop(0)) for _ in range(len(tables)))
    return end_to_end(parts)


def _by_column(table: pd.DataFrame) -> dict[str, pd.Series]:
    """A table as its columns, each sent back from a worker on its own (so each can be let go on its own)."""
    return {name: table[name] for name in table.columns}


def _categoricals_end_to_end(pieces: list[pd.Series]) -> pd.Series:
    """Categorical columns one after another, still categorical (``pd.concat`` would spell out every value when
    their categories differ): the categories of all, in alphabetical order when each piece's are."""
    in_order = all(piece.cat.categories.is_monotonic_increasing for piece in pieces)
    return pd.Series(union_categoricals(pieces, sort_categories=in_order), copy=False)


def end_to_end(tables: list) -> pd.DataFrame:
    """Tables with the same columns (or their columns, as :func:`_by_column` gives them), one after another,
    numbered from 0 (empty ones left out, as their columns may have a looser type). The tables are emptied: a
    column is joined, then the parts' copies of it let go, so that only one column is ever held twice."""
    tables = [table if isinstance(table, dict) else _by_column(table) for table in tables]
    found = [table for table in tables if len(next(iter(table.values()), ()))]
    if not found:
        return pd.DataFrame(tables[0]) if tables[0] else pd.DataFrame()
    names = list(found[0])
    columns = {}
    for name in names:
        pieces = [table.pop(name) for table in found]
        if len(pieces) == 1:
            columns[name] = pieces[0].reset_index(drop=True)
        elif all(isinstance(piece.dtype, pd.CategoricalDtype) for piece in pieces):
            columns[name] = _categoricals_end_to_end(pieces)
        else:
            columns[name] = pd.concat(pieces, ignore_index=True)
        del pieces
    del tables, found
    release_freed_memory()
    return pd.DataFrame(columns, copy=False)
