"""Inputs: what every analysis accepts, checked in one place, and the one reader of CSV files.

The input contract
    ``docs`` is a pandas DataFrame with one row per article and at least the
    columns ``doc_id`` and ``text``: the table from :func:`helpers.load_corpus`,
    from an importer, or one of your own. Every analysis and explorer takes it
    first, and checks it the same way:

    - another kind of object (a string, a path, a list) is a ``TypeError``;
    - a missing column is a ``ValueError`` that names the column;
    - a missing text (an empty cell, ``NaN``) is a ``ValueError`` that names the article;
    - a ``doc_id`` used by more than one row is a :class:`CorpusError` that names it;
    - a corpus with no rows gives an empty table with the usual columns.

    A table that one analysis makes and another can reuse is passed by
    keyword: ``sents=`` (from :func:`helpers.sentences`), ``toks=``
    (:func:`helpers.tokens`), ``mentions=`` (:func:`helpers.actor_mentions`),
    ``hits=`` (:func:`helpers.loaded_language`) and ``quotes=``
    (:func:`helpers.quotations`). The same rules hold for them: another kind
    of object is a ``TypeError``, a missing column a ``ValueError`` naming
    it. Their rows of articles that are not in ``docs`` are left out, and
    the others follow the order of ``docs``, so a table made once for the
    whole corpus serves any selection of its articles and gives what the
    analysis would make for that selection; ``sents=`` and ``toks=`` must
    cover every article of ``docs``.

    A column named by ``by=`` must be a column of ``docs``; a count or a
    window must be a whole number; otherwise a ``ValueError`` says what to
    give instead.

CSV files
    :func:`read_csv_text` is the one reader of CSV files: corpus metadata,
    imported tables, the actor list, the loaded-language list and every list
    in ``helpers/data/``. It reads UTF-8 (a byte-order mark is dropped) and
    fields of any length. A file whose first line has no comma but
    semicolons (or tabs) is read with that separator, as spreadsheet
    programs in many countries save "CSV". A row with the wrong number of
    fields, a header naming a column twice or an empty file is a problem
    with its row number; :func:`read_csv_file` raises it as a
    :class:`CorpusError`, the importers list every one in a report.

Example:
    >>> import pandas as pd
    >>> check_docs("my-corpus", "word_frequencies")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    TypeError: word_frequencies() needs docs, the DataFrame from load_corpus() ... use load_corpus("my-corpus").
    >>> check_docs(pd.DataFrame({"doc_id": ["a", "a"], "text": ["One.", "Two."]}), "kwic")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    helpers.inputs.CorpusError: kwic(): doc_id 'a' is used by more than one row. Every article needs its own doc_id; ...
"""

from __future__ import annotations

import csv
import functools
import inspect
import io
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

DATA_DIR = Path(__file__).resolve().parent / "data"
DOCS_COLUMNS = ("doc_id", "text")


class CorpusError(ValueError):
    """A corpus (a folder, a file or a table of articles) that cannot be used as it is.

    The message names the file, and the row and field where there is one,
    or the repeated ``doc_id``, and says what to do.
    """


# --------------------------------------------------------------------------------------------------------------------
# Warnings addressed to the person who called the course's functions


def _caller_level() -> int:
    """How many frames up the first frame outside the helpers package is (for ``warnings.warn``)."""
    frame, level = sys._getframe(1), 1
    while frame is not None and str(frame.f_globals.get("__name__", "")).split(".")[0] == "helpers":
        frame, level = frame.f_back, level + 1
    return level


def warn(message: str, category: type[Warning] = UserWarning) -> None:
    """Warn about the line of the notebook or script that called the course's function, not about the helpers."""
    warnings.warn(message, category, stacklevel=_caller_level())


def deprecated(message: str) -> None:
    """A ``DeprecationWarning``: the old spelling still works for one release."""
    warn(message + " The old spelling works until the next release.", DeprecationWarning)


def renamed_keywords(renamed: dict[str, str] | None = None, positional: tuple[str, ...] = ()):
    """Keep the previous spelling of a function's options working for one release, with a DeprecationWarning.

    ``renamed`` maps an old keyword to its new name (``{"stopwords": "remove_stopwords"}``);
    ``positional`` lists, in their old order, the options that could be given by position after the
    arguments that still can (they are keyword-only now).

    Example:
        >>> @renamed_keywords({"min_freq": "min_count"}, positional=("min_freq",))
        ... def count(docs, *, min_count=1):
        ...     return min_count
        >>> import warnings
        >>> with warnings.catch_warnings(record=True) as caught:
        ...     warnings.simplefilter("always")
        ...     count("docs", 3), count("docs", min_freq=4), count("docs", min_count=5)
        (3, 4, 5)
        >>> print(caught[1].message)
        count(): min_freq= is now called min_count=. The old spelling works until the next release.
    """
    renamed = renamed or {}

    def decorate(function):
        parameters = inspect.signature(function).parameters.values()
        takes = sum(p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) for p in parameters)
        name = function.__name__

        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            if len(args) > takes:
                extra, args = args[takes:], args[:takes]
                if len(extra) > len(positional):
                    raise TypeError(
                        f"{name}() takes {takes} positional argument(s) but {takes + len(extra)} were given"
                    )
                names = [renamed.get(old, old) for old in positional[: len(extra)]]
                for key, value in zip(names, extra):
                    if key in kwargs:
                        raise TypeError(f"{name}() got multiple values for argument {key!r}")
                    kwargs[key] = value
                deprecated(
                    f"{name}(): give {', '.join(n + '=' for n in names)} by keyword, as in {name}(..., {names[0]}=...)."
                )
            for old, new in renamed.items():
                if old in kwargs:
                    if new in kwargs:
                        raise TypeError(f"{name}() got both {old}= and {new}=; {old}= is the old name of {new}=.")
                    deprecated(f"{name}(): {old}= is now called {new}=.")
                    kwargs[new] = kwargs.pop(old)
            return function(*args, **kwargs)

        return wrapper

    return decorate


def results_first_accepted(keyword: str, columns, positional: tuple[str, ...] = ()):
    """Accept for one release the previous order ``f(table, docs, ...)`` of a summary that now takes ``docs`` first.

    A first argument that has the ``columns`` of the table (and no ``text`` column) is taken for the
    table, given now as ``keyword=``; the next argument (or ``docs=``) is then ``docs``, and further
    positional arguments go to ``positional``, in order. A DeprecationWarning shows the new call.

    Example:
        >>> @results_first_accepted("hits", ["doc_id", "category"])
        ... def summary(docs, *, hits=None):
        ...     return len(docs), len(hits)
        >>> hits = pd.DataFrame({"doc_id": ["a"], "category": ["doubt"]})
        >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "text": ["One.", "Two."]})
        >>> import warnings
        >>> with warnings.catch_warnings(record=True) as caught:
        ...     warnings.simplefilter("always")
        ...     summary(hits, docs), summary(docs, hits=hits)
        ((2, 1), (2, 1))
        >>> print(caught[0].message)  # doctest: +ELLIPSIS
        summary(): give docs first and the table by keyword: summary(docs, hits=...). The old spelling works ...
    """

    def decorate(function):
        name = function.__name__

        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            first = args[0] if args else None
            if not (
                isinstance(first, pd.DataFrame) and "text" not in first.columns and set(columns) <= set(first.columns)
            ):
                return function(*args, **kwargs)
            rest = list(args[1:])
            docs = rest.pop(0) if rest else kwargs.pop("docs", None)
            if len(rest) > len(positional):
                raise TypeError(f"{name}() got too many positional arguments")
            for key, value in zip(positional, rest):
                if key in kwargs:
                    raise TypeError(f"{name}() got multiple values for argument {key!r}")
                kwargs[key] = value
            if keyword in kwargs:
                raise TypeError(f"{name}() got two {keyword} tables: give docs first, then {keyword}=.")
            deprecated(f"{name}(): give docs first and the table by keyword: {name}(docs, {keyword}=...).")
            return function(docs, **{keyword: first}, **kwargs)

        return wrapper

    return decorate


# --------------------------------------------------------------------------------------------------------------------
# The articles


def check_docs(docs, function: str) -> pd.DataFrame:
    """Check ``docs`` against the input contract (see the top of this module) and return it unchanged.

    Every analysis and explorer calls this once, with its own name for the message.
    """
    if not isinstance(docs, pd.DataFrame):
        hint = f' To load a folder, use load_corpus("{docs}").' if isinstance(docs, (str, Path)) else ""
        raise TypeError(
            f"{function}() needs docs, the DataFrame from load_corpus() (one row per article, with columns doc_id "
            f"and text); got {type(docs).__name__}.{hint}"
        )
    missing = [c for c in DOCS_COLUMNS if c not in docs.columns]
    if missing:
        found = ", ".join(map(str, docs.columns)) or "none"
        raise ValueError(
            f"{function}(): docs has no column {' or '.join(repr(c) for c in missing)} (its columns: {found}). "
            "Pass the DataFrame from load_corpus() or an importer, one row per article with doc_id and text."
        )
    if docs.empty:
        return docs
    repeated = docs["doc_id"][docs["doc_id"].duplicated()]
    if len(repeated):
        names = _listing(pd.unique(repeated), "doc_id")
        raise CorpusError(
            f"{function}(): {names} {'is' if repeated.nunique() == 1 else 'are'} used by more than one row. "
            "Every article needs its own doc_id; to combine two imports, use combine_corpora()."
        )
    no_text = docs["text"].isna().to_numpy()
    if no_text.any():
        raise ValueError(
            f"{function}(): {_listing(docs['doc_id'][no_text], 'the article')} has no text (an empty cell). "
            "Give every article its text, or leave the row out."
        )
    return docs


def _listing(values, what: str, limit: int = 10) -> str:
    values = [repr(v) for v in values]
    more = f" and {len(values) - limit} more" if len(values) > limit else ""
    plural = {"doc_id": "doc_ids", "the article": "the articles"}.get(what, what)
    return f"{what if len(values) == 1 else plural} {', '.join(values[:limit])}{more}"


def check_column(docs: pd.DataFrame, column, function: str, argument: str = "by", none: bool = False) -> None:
    """A ``ValueError`` listing the usable columns unless ``column`` is a metadata column of ``docs``.

    Example:
        >>> docs = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "text": ["One."]})
        >>> check_column(docs, "newspaper", "word_frequencies")
        Traceback (most recent call last):
        ...
        ValueError: word_frequencies(): by='newspaper' is not a metadata column of docs. Use one of: doc_id, outlet.
    """
    if none and column is None:
        return
    if column == "text" or column not in docs.columns:
        usable = ", ".join(str(c) for c in docs.columns if c not in ("text", "n_words"))
        raise ValueError(
            f"{function}(): {argument}={column!r} is not a metadata column of docs. Use one of: {usable}"
            + ("; or by=None for all articles together." if none else ".")
        )


def check_whole_number(value, name: str, function: str, minimum: int) -> int:
    """The value as an ``int``, or a ``ValueError`` when it is not a whole number of at least ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise ValueError(f"{function}(): {name} must be a whole number of at least {minimum}; got {value!r}.")
    return int(value)


# --------------------------------------------------------------------------------------------------------------------
# Tables made by one analysis and reused by another


def check_reused(table, name: str, docs: pd.DataFrame, function: str, columns, made_by: str, covers: bool = False):
    """Check a reused table (``sents=``, ``toks=``, ``mentions=``, ``hits=``, ``quotes=``) and narrow it to ``docs``.

    Returns the table itself when all its rows are articles of ``docs``, in their order (no copy of a large
    table), else its rows of those articles, in the order of ``docs``. With ``covers=True`` every article of
    ``docs`` that has a word must have rows in the table.

    Example:
        >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["One."]})
        >>> check_reused(docs, "sents", docs, "kwic", ["doc_id", "sentence_id"], "sentences(docs)")
        ... # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        ValueError: kwic(): sents= has no column 'sentence_id'. Pass sents=sentences(docs), or leave it out ...
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(
            f"{function}(): {name}= must be the DataFrame from {made_by}; got {type(table).__name__}. "
            f"Leave it out to have it made."
        )
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(
            f"{function}(): {name}= has no column {' or '.join(repr(c) for c in missing)}. "
            f"Pass {name}={made_by}, or leave it out to have it made."
        )
    codes, labels = _article_codes(table["doc_id"])
    # One pass over the rows: where each run of rows of one article begins, and which article it is.
    begins = np.flatnonzero(codes[1:] != codes[:-1]) + 1 if len(codes) else np.zeros(0, dtype=np.int64)
    begins = np.concatenate([[0], begins]) if len(codes) else begins
    run_codes = codes[begins]
    present = np.unique(run_codes)
    # The row of each article in docs, by code (-1: not in docs; the last entry is for a missing doc_id, code -1),
    # looked up once per article in a hash table (isin() with a column of text makes a Python object of each value).
    position = np.append(pd.Index(docs["doc_id"]).get_indexer(labels), -1)
    listed = position >= 0
    if covers and len(docs):
        rows = position[present]
        absent = np.ones(len(docs), dtype=bool)
        absent[rows[rows >= 0]] = False  # the articles of docs that have rows in the table
        if absent.any():  # an article without a word has no tokens (nor, if blank, sentences): that is no gap
            absent[absent] = docs["text"][absent].str.contains(r"\w", regex=True).to_numpy(dtype=bool)
        if absent.any():
            raise ValueError(
                f"{function}(): {name}= has no rows for {_listing(docs['doc_id'][absent], 'the article')}. "
                f"Make it from the same articles: {name}={made_by}."
            )
    if listed[present].all():
        if (np.diff(position[run_codes]) > 0).all():  # no article to leave out, in the order of docs: as it is
            return table
        return table.iloc[np.argsort(position[codes], kind="stable")]
    inside = listed[codes]  # rows of articles of docs only, in the order of docs
    return table.iloc[np.flatnonzero(inside)[np.argsort(position[codes[inside]], kind="stable")]]


def _article_codes(doc_id: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Each row's article as a code into the articles' ids (-1 for none): a categorical's own codes, no copy."""
    if isinstance(doc_id.dtype, pd.CategoricalDtype):  # as tokens() makes it: each article's id once, not per row
        return doc_id.array.codes, doc_id.cat.categories
    codes, labels = pd.factorize(doc_id)
    return codes, pd.Index(labels)


# --------------------------------------------------------------------------------------------------------------------
# Files


def decode(data: bytes, encoding: str = "utf-8") -> tuple[str | None, str]:
    """The text of a file's bytes, with ``\\n`` line endings; or None and a detail naming the byte and line.

    Example:
        >>> decode("Caf\\u00e9".encode("latin-1"))
        (None, "not UTF-8: byte 3 (line 1) is b'\\\\xe9'")
    """
    codec = encoding.lower().replace("_", "-")
    utf8 = codec in ("utf-8", "utf8", "utf-8-sig")
    skip = 3 if utf8 and data.startswith(b"\xef\xbb\xbf") else 0
    try:
        text = data[skip:].decode("utf-8" if utf8 else encoding)
    except UnicodeDecodeError as error:
        offset = skip + error.start
        line = data[:offset].count(b"\n") + 1
        return (
            None,
            f"not {'UTF-8' if utf8 else encoding}: byte {offset} (line {line}) is {data[offset : offset + 1]!r}",
        )
    except LookupError:
        raise ValueError(f"encoding={encoding!r} is not an encoding Python knows; try 'utf-8' or 'cp1252'.") from None
    return text.replace("\r\n", "\n").replace("\r", "\n"), ""


# What to do about each problem a file can have: the one wording, in errors and in validation reports alike.
FILE_WHAT_TO_DO = {
    "not_utf8": "Open the file in a text editor and save it with the encoding UTF-8 "
    "(or pass encoding='cp1252', or the file's real encoding, to an import of a single file).",
    "empty_file": "Write the names of the columns on the first line, then one row per entry.",
    "duplicate_column": "Rename or remove one of the columns with the same name.",
    "bad_row": "Check the row for a missing separator, or for a comma or quotation mark inside a field "
    "that is not enclosed in double quotes; fix it and read the file again.",
    "missing_column": "Add the missing column(s) to the file.",
}


def read_text_file(path: Path | str) -> str:
    """A UTF-8 file's text (``\\n`` line endings, no byte-order mark), or a CorpusError saying where it is not UTF-8."""
    path = Path(path)
    text, detail = decode(path.read_bytes())
    if text is None:
        raise CorpusError(f"{path}: {detail}. {FILE_WHAT_TO_DO['not_utf8']}")
    return text


@dataclass
class FileProblem:
    """One problem found while reading a file: a code of :data:`FILE_WHAT_TO_DO`, where, and what exactly."""

    problem: str
    where: str
    detail: str
    row: int = -1


def _separator(first_line: str) -> str:
    """A comma; or, when the first line has none outside quotation marks, a semicolon or a tab if it has one."""
    outside, quoted = [], False
    for char in first_line:
        if char == '"':
            quoted = not quoted
        elif not quoted:
            outside.append(char)
    for separator in (",", ";", "\t"):
        if separator in outside:
            return separator
    return ","


def read_csv_text(text: str, where: str, progress=None) -> tuple[pd.DataFrame | None, list[FileProblem]]:
    """The rows of a CSV text as text cells, indexed by their row number in a spreadsheet (the header is row 1).

    Python's csv module reads the records, with exact row numbers and field counts (pandas' reader would
    silently pad a short row or turn an extra field into an index). Rows whose cells are all blank are
    skipped; a row with another number of fields than the header is left out and reported. Returns
    ``(None, problems)`` when the file has no header or names a column twice.

    Example:
        >>> rows, problems = read_csv_text("term;category\\nregime*;labelling\\nfoe;labelling;x\\n", "list.csv")
        >>> rows.to_dict("records"), [(p.problem, p.where) for p in problems]
        ([{'term': 'regime*', 'category': 'labelling'}], [('bad_row', 'list.csv, row 3')])
    """
    limit = csv.field_size_limit()
    csv.field_size_limit(2**31 - 1)  # a field as long as a whole book still reads
    try:
        return _read_csv_rows(text, where, progress)
    finally:
        csv.field_size_limit(limit)


def _read_csv_rows(text: str, where: str, progress) -> tuple[pd.DataFrame | None, list[FileProblem]]:
    buffer = io.StringIO(text)
    reader = csv.reader(buffer, delimiter=_separator(text.split("\n", 1)[0]))
    header = next(reader, None)
    if not header or not any(h.strip() for h in header):
        return None, [FileProblem("empty_file", where, "the file is empty; its first line must name the columns")]
    header = [h.strip() for h in header]
    repeated = sorted({h for h in header if header.count(h) > 1})
    if repeated:
        detail = f"column(s) {', '.join(repeated)} appear more than once in the header"
        return None, [FileProblem("duplicate_column", where, detail)]
    if progress is not None:
        progress.stage("Reading rows", len(text))
    rows, numbers, problems = [], [], []
    width = len(header)
    for number, record in enumerate(reader, start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) == width:
            rows.append(record)
            numbers.append(number)
        else:
            detail = f"{len(record)} fields where the header has {width} (the row begins {','.join(record)[:40]!r})"
            problems.append(FileProblem("bad_row", f"{where}, row {number}", detail, number))
        if progress is not None and number % 5000 == 0:
            progress.advance_to(buffer.tell())
    frame = pd.DataFrame(rows, columns=header, dtype=object, index=pd.Index(numbers, name="row"))
    return frame, problems


def missing_columns_detail(required, found) -> str:
    """What a file's header lacks, in words: the one wording of a missing column."""
    missing = [c for c in required if c not in found]
    detail = f"no column {', '.join(repr(c) for c in missing)} (the file has: {', '.join(map(str, found)) or 'none'})"
    if len(found) == 1 and any(mark in str(found[0]) for mark in "|:"):
        detail += "; its first line has no comma, semicolon or tab: save it as CSV with commas"
    return detail


def read_csv_file(path: Path | str, required=(), what: str = "file") -> pd.DataFrame:
    """Read a small CSV file of the course (a list in ``helpers/data/``, an actor list, a lexicon) as text cells.

    The index gives each row's number in a spreadsheet. Any problem is a :class:`CorpusError` naming the
    file and row and saying what to do: no such file, not UTF-8, a missing column in ``required``, a row
    with the wrong number of fields, a column named twice.

    Example:
        >>> read_csv_file(DATA_DIR / "titles.csv", required=["title"]).loc[2, "title"]
        'Mr'
    """
    path = Path(path)
    if not path.is_file():
        raise CorpusError(f"{path}: no such file. Give the path of the {what} (a CSV file).")
    frame, problems = read_csv_text(read_text_file(path), str(path))
    if problems:
        first = problems[0]
        raise CorpusError(f"{first.where}: {first.detail}. {FILE_WHAT_TO_DO[first.problem]}")
    missing = [c for c in required if c not in frame.columns]
    if missing:
        detail = missing_columns_detail(required, list(frame.columns))
        raise CorpusError(
            f"{path}: {detail}. {FILE_WHAT_TO_DO['missing_column']} The {what} needs {', '.join(required)}."
        )
    return frame


@functools.cache
def word_list(name: str, column: str) -> tuple[str, ...]:
    """The entries of one column of a list in ``helpers/data/``, in file order, blanks left out.

    Read once per session: restart the kernel after editing the file.

    Example:
        >>> word_list("name_joiners.csv", "word")
        ('of', 'for', 'the', 'de')
    """
    frame = read_csv_file(DATA_DIR / name, required=[column], what=f"list helpers/data/{name}")
    return tuple(value.strip() for value in frame[column] if value.strip())
