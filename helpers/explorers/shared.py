"""Tables shared between explorers: made once per corpus in a session, the first time an explorer needs them.

Opening the explorers of a lesson one after another on the same ``docs`` splits the texts into sentences
and tokens once, finds the actors once, and so on: the second explorer that needs a table takes the
one the first made. A table is only shared while ``docs`` is the same object with the same articles
(the same ids, columns and text lengths): change the corpus, or make a new one, and the tables are
made again. A table you pass yourself (``sents=``, ``mentions=``...) is checked by the input contract
(:func:`given`) the first time an explorer is given it, and then shared like the others: a second explorer given
the same table takes the checked one, and the tables made from it (the mentions found in those sentences) are
shared under that table's own name (:func:`source_key`), never mixed with the ones made from the shared sentences.

Example:
    >>> from helpers import load_corpus
    >>> docs = load_corpus()
    >>> sentences_of(docs) is sentences_of(docs)
    True
"""

from __future__ import annotations

import hashlib
import threading
import weakref
from collections.abc import Callable

import numpy as np
import pandas as pd

_TABLES: dict[int, tuple[weakref.ref, tuple, dict]] = {}  # id(docs) -> (docs, its fingerprint, its tables)
# Tables are made one at a time: two explorers made in the background at once (helpers.explorers.base.Preparing)
# that need the same table wait for the first to make it, rather than make it twice. Reentrant: making the tokens
# asks for the sentences.
_MAKING = threading.RLock()


def _fingerprint(docs: pd.DataFrame) -> tuple:
    """What must not change for tables made from docs to stay right: ids, columns, and how long each text is.

    It is worked out each time a table is asked for, so it reads no text: from the Arrow buffers of a column that
    has them (with pyarrow, pandas keeps text that way), else from the Python strings the column already holds.
    Making a new string of every id and counting the characters of every text took 30 ms at 20,000 articles.
    """
    ids = _digest(docs["doc_id"]) if "doc_id" in docs.columns else None
    lengths = _digest(docs["text"], sizes_only=True) if "text" in docs.columns else None
    return len(docs), tuple(docs.columns), ids, lengths


def _digest(column: pd.Series, sizes_only: bool = False):
    """A digest of a column's values (or only of each value's size, -1 where missing): equal columns give equal
    digests, and a changed value (or size) another."""
    if isinstance(column.array, pd.arrays.ArrowStringArray):
        return _arrow_digest(column.array.__arrow_array__().chunks, sizes_only)
    values = column.to_numpy(dtype=object)
    if sizes_only:
        return str(column.dtype), hash(tuple(len(value) if isinstance(value, str) else -1 for value in values))
    return str(column.dtype), hash(tuple(values))  # a string's hash is kept in it: worked out once


def _arrow_digest(chunks: list, sizes_only: bool) -> bytes:
    """The digest of a text column kept as Arrow arrays: each value's size in bytes, then the bytes of the values."""
    import pyarrow as pa
    import pyarrow.compute as pc

    digest = hashlib.blake2b()
    for chunk in chunks:
        digest.update(pc.fill_null(pc.binary_length(chunk), -1).to_numpy().tobytes())
        if not sizes_only and len(chunk):
            width = 8 if pa.types.is_large_string(chunk.type) else 4
            offsets = np.frombuffer(chunk.buffers()[1], dtype=f"<i{width}")
            first, last = offsets[chunk.offset], offsets[chunk.offset + len(chunk)]
            digest.update(memoryview(chunk.buffers()[2])[first:last] if last > first else b"")
    return digest.digest()


def shared(docs: pd.DataFrame, name, make: Callable[[], object]):
    """The table ``name`` of these articles: ``make()`` the first time in the session, the same object after."""
    key = id(docs)
    fingerprint = _fingerprint(docs)
    with _MAKING:
        entry = _TABLES.get(key)
        if entry is None or entry[0]() is not docs or entry[1] != fingerprint:
            entry = _TABLES[key] = (weakref.ref(docs), fingerprint, {})
            weakref.finalize(docs, _TABLES.pop, key, None)
        tables = entry[2]
        if name not in tables:
            tables[name] = make()
        return tables[name]


def given(docs: pd.DataFrame, name: str, table: pd.DataFrame, check: Callable[[pd.DataFrame], pd.DataFrame]):
    """The table ``name`` that the user gave (``sents=``...) for these articles: ``check(table)`` (the input
    contract, which raises on a wrong table) the first time it is given, the checked table after.

    The given table is kept with the checked one, so that its ``id`` stays its own while they are shared.

    Example:
        >>> import pandas as pd
        >>> docs, sents = pd.DataFrame({"doc_id": ["a"], "text": ["A b."]}), pd.DataFrame({"doc_id": ["a"]})
        >>> checks = []
        >>> first = given(docs, "sentences", sents, lambda t: checks.append(1) or t)
        >>> given(docs, "sentences", sents, lambda t: checks.append(1) or t) is first, len(checks)
        (True, 1)
    """
    return shared(docs, source_key(name, table), lambda: (table, check(table)))[1]


def source_key(name: str, table: pd.DataFrame | None):
    """The name under which tables made from ``table`` are shared: ``name`` for the shared table itself (None),
    ``(name, id(table))`` for a table the user gave."""
    return name if table is None else (name, id(table))


def forget(docs: pd.DataFrame | None = None) -> None:
    """Let go of the tables of ``docs`` (of every corpus when None), so that their memory can be used again."""
    if docs is None:
        _TABLES.clear()
    else:
        _TABLES.pop(id(docs), None)


def sentences_of(docs: pd.DataFrame) -> pd.DataFrame:
    from helpers.text import _sentences

    return shared(docs, "sentences", lambda: _sentences(docs))


def sentences_given(docs: pd.DataFrame, sents: pd.DataFrame | None, function: str) -> pd.DataFrame:
    """The sentences an explorer uses: those given (``sents=``, checked the first time, then shared), or the shared
    ones made from docs."""
    from helpers.text import _sentences_for

    if sents is None:
        return sentences_of(docs)
    return given(docs, "sentences", sents, lambda table: _sentences_for(docs, table, function))


def tokens_of(docs: pd.DataFrame) -> pd.DataFrame:
    from helpers.text import _tokens

    return shared(docs, "tokens", lambda: _tokens(docs, sentences_of(docs)))


def token_arrays_of(docs: pd.DataFrame, single_words: bool = False):
    """The tokens as arrays (:class:`helpers._engine.counting.TokenArrays`), for docs with a plain index; for
    single words only, the counts of each article's words (made straight from the texts, much faster)."""
    from helpers._engine import counting
    from helpers.text import TOKEN_RE, lower_forms
    from helpers.words import _is_number

    plain = docs.reset_index(drop=True)
    if single_words:
        return shared(docs, "word counts", lambda: counting.from_texts(plain, TOKEN_RE, lower_forms, _is_number))
    return shared(docs, "token arrays", lambda: counting.from_tokens(plain, tokens_of(docs), _is_number))
