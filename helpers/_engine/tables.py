"""Tables of millions of rows: built in growing buffers, and the rows of each article found once.

Numbers grow in ``array.array`` buffers rather than as Python objects or one small array per
article, so that a large corpus takes little memory and does not leave it scattered with freed
pieces (which the process keeps). Text columns that repeat (a word, an actor) are stored as codes
into their distinct values.
"""

from __future__ import annotations

from array import array
from collections import Counter

import numpy as np
import pandas as pd

from helpers._engine import parallel
from helpers.progress import steps

PIECES_REMEMBERED = 2_000_000  # a bound on the memory of word_counts on corpora with very many distinct pieces


def sentence_table(doc_ids: pd.Series, texts, split) -> pd.DataFrame:
    """The table of :func:`helpers.sentences`: ``split(text)`` gives each text's ``(start, end, paragraph_id)``."""
    sentence_texts, numbers, paragraphs, starts, ends = [], array("q"), array("q"), array("q"), array("q")
    per_doc = np.zeros(len(doc_ids), dtype=np.int64)
    for row, text in enumerate(steps(texts, "Splitting sentences")):
        spans = split(text)
        per_doc[row] = len(spans)
        numbers.extend(range(1, len(spans) + 1))
        for start, end, paragraph_id in spans:
            sentence_texts.append(text[start:end])
            paragraphs.append(paragraph_id)
            starts.append(start)
            ends.append(end)
    ids = np.asarray(pd.Series(doc_ids, dtype=object).to_numpy(), dtype=object)
    return pd.DataFrame(
        {
            "doc_id": pd.Series(np.repeat(ids, per_doc).tolist()),
            "sentence_id": np.frombuffer(numbers, dtype=np.int64),
            "paragraph_id": np.frombuffer(paragraphs, dtype=np.int64),
            "sentence": pd.Series(sentence_texts, dtype="str"),
            "start": np.frombuffer(starts, dtype=np.int64),
            "end": np.frombuffer(ends, dtype=np.int64),
        },
        copy=False,
    )


def token_table(doc_ids: pd.Series, texts, token_re, sentence_starts, lower_forms) -> pd.DataFrame:
    """The table of :func:`helpers.tokens`.

    ``token_re`` finds the tokens of a text (curly apostrophes already straight); ``sentence_starts(row, text)``
    gives the start offsets of the text's sentences; ``lower_forms(words)`` gives, for the distinct word forms,
    the code of each one's lower-case form, those forms, and which are stopwords. ``doc_id``, ``token`` and
    ``lower`` are categoricals: each distinct word is stored once. On a large corpus, parts of the texts are
    tokenised at the same time (:mod:`helpers._engine.parallel`) and their words numbered again in the order
    of the corpus, so the table is the same.
    """
    parts = parallel.each_part(
        lambda lo, hi: _tokens_of_part(texts, lo, hi, token_re, sentence_starts), len(texts), "Tokenising"
    )
    column, words = _end_to_end(parts, ["codes", "sentence_ids", "starts", "ends", "per_doc"])
    lower_of_word, lower_words, stop = lower_forms(words)
    # Each column made in its final type at once (codes as small as pandas keeps them), and the 32-bit codes
    # let go before the articles' codes are made: no column of the size of the table is held twice.
    token_codes = column.pop("codes")
    is_stopword = stop[token_codes]
    lower_codes = lower_of_word.astype(category_codes_type(len(lower_words)))[token_codes]
    token_codes = token_codes.astype(category_codes_type(len(words)))
    doc_index, doc_labels = pd.factorize(pd.Series(doc_ids, dtype=object))
    doc_codes = np.repeat(doc_index.astype(category_codes_type(len(doc_labels))), column.pop("per_doc"))
    columns = {"doc_id": pd.Categorical.from_codes(doc_codes, categories=pd.Index(doc_labels))}
    columns["sentence_id"] = smallest_integers(column.pop("sentence_ids"))
    columns["token"] = pd.Categorical.from_codes(token_codes, categories=pd.Index(words, dtype=object))
    columns["lower"] = pd.Categorical.from_codes(lower_codes, categories=lower_words)
    columns["is_stopword"] = is_stopword
    # start and end in one type, so that either can be compared or subtracted without surprises
    kind = offsets_type(column["ends"])
    columns["start"] = smallest_integers(column.pop("starts"), kind)
    columns["end"] = smallest_integers(column.pop("ends"), kind)
    table = pd.DataFrame(columns, copy=False)
    del columns
    parallel.release_freed_memory()  # the 32-bit columns let go of, and what the parts left
    return table


def offsets_type(values: np.ndarray) -> type:
    """int16 when every value (not negative) fits in it, else int32: see :func:`smallest_integers`."""
    return np.int16 if len(values) == 0 or int(values.max()) <= np.iinfo(np.int16).max else np.int32


def smallest_integers(values: np.ndarray, kind: type | None = None) -> np.ndarray:
    """32-bit integers (not negative) as int16 when they all fit (``kind``, or found from the values), else as
    they are: a token table's sentence numbers and character offsets mostly fit, and each int16 column of
    60 million tokens takes 120 MB instead of 240 MB.

    Example:
        >>> smallest_integers(np.array([1, 32_767], dtype=np.int32)).dtype.name
        'int16'
        >>> smallest_integers(np.array([1, 32_768], dtype=np.int32)).dtype.name
        'int32'
    """
    kind = kind or offsets_type(values)
    return values.astype(kind) if values.dtype != kind else values


def category_codes_type(n_categories: int) -> type:
    """The integer type pandas keeps the codes of a categorical with ``n_categories`` in: codes made in it
    are not copied again (int8 up to 127 categories, int16 up to 32,767, else int32)."""
    for kind in (np.int8, np.int16, np.int32):
        if n_categories < np.iinfo(kind).max:
            return kind
    return np.int64


def _part_of(values, lo: int, hi: int):
    return values.iloc[lo:hi] if isinstance(values, pd.Series) else values[lo:hi]


# Which characters are white space, as str.split() sees it (none lies above U+3000): a table to look them up in.
_SPACE_LIMIT = 0x3001
_IS_SPACE = np.array([chr(c).isspace() for c in range(_SPACE_LIMIT)] + [False])


def piece_starts(text: str) -> np.ndarray:
    """Where each piece of ``text.split()`` starts (int32): the characters that are not white space and follow
    white space or the start, found in numpy.

    Example:
        >>> piece_starts(" The regime,  Iran’s\\nregime").tolist()
        [1, 5, 14, 21]
    """
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    space = _IS_SPACE[np.minimum(points, _SPACE_LIMIT)]
    begins = ~space
    begins[1:] &= space[:-1]
    return np.flatnonzero(begins).astype(np.int32)


def _tokens_of_part(texts, lo: int, hi: int, token_re, sentence_starts) -> dict:
    """The tokens of the texts ``lo..hi``: codes into the part's own list of words, and the other columns.

    No token crosses white space, and what a piece of text between spaces holds does not depend on what is
    around it: so each distinct piece (``regime,``, ``Iran's``) is tokenised once, and a text becomes the list
    of its pieces (found in C) and where they start (found in numpy); the tokens are then laid out for the
    whole part at once, with numpy.
    """
    vocab: dict[str, int] = {}
    piece_of: dict[str, int] = {}  # distinct piece -> its number
    token_pointer = array("q", [0])  # the tokens of piece p are token_code[token_pointer[p]:token_pointer[p + 1]]
    token_code, token_offset, token_length = array("i"), array("i"), array("i")
    pieces_of_part, starts_of_part = array("i"), array("i")
    pieces_per_doc = np.zeros(hi - lo, dtype=np.int64)
    for number, text in enumerate(steps(_part_of(texts, lo, hi), "Tokenising")):
        if "’" in text:
            text = text.replace("’", "'")  # one character for one: offsets stay the same
        pieces = text.split()
        numbers = list(map(piece_of.get, pieces))
        if None in numbers:
            for i, piece in enumerate(pieces):
                if numbers[i] is None:
                    known = piece_of.get(piece)
                    if known is None:
                        known = piece_of[piece] = len(piece_of)
                        for match in token_re.finditer(piece):
                            word = match.group()
                            token_code.append(vocab.setdefault(word, len(vocab)))
                            token_offset.append(match.start())
                            token_length.append(len(word))
                        token_pointer.append(len(token_code))
                    numbers[i] = known
        starts = piece_starts(text)
        if len(starts) != len(pieces):  # cannot happen: str.split() and the table agree on white space
            raise AssertionError("white space seen differently")
        pieces_per_doc[number] = len(pieces)
        pieces_of_part.extend(numbers)
        starts_of_part.frombytes(starts.tobytes())
    pointer = np.frombuffer(token_pointer, dtype=np.int64)
    piece_numbers = np.frombuffer(pieces_of_part, dtype=np.int32)
    per_piece = np.diff(pointer).astype(np.int64)[piece_numbers]  # tokens in each piece of the part
    first = np.repeat(pointer[:-1][piece_numbers] - (np.cumsum(per_piece) - per_piece), per_piece)
    which = first + np.arange(len(first), dtype=np.int64)  # for each token of the part, its row among the pieces'
    del first
    starts = np.repeat(np.frombuffer(starts_of_part, dtype=np.int32), per_piece)
    starts += np.frombuffer(token_offset, dtype=np.int32)[which]
    ends = starts + np.frombuffer(token_length, dtype=np.int32)[which]
    codes = np.frombuffer(token_code, dtype=np.int32)[which]
    del which
    doc_ends = np.cumsum(pieces_per_doc)
    tokens_per_piece_end = np.concatenate([[0], np.cumsum(per_piece)])
    bounds = tokens_per_piece_end[np.concatenate([[0], doc_ends])]
    per_doc = np.diff(bounds)
    sentence_ids = np.empty(len(starts), dtype=np.int32)
    for number, text in enumerate(_part_of(texts, lo, hi)):
        if "’" in text:
            text = text.replace("’", "'")
        a, b = bounds[number], bounds[number + 1]
        first_of_sentence = np.asarray(sentence_starts(lo + number, text), dtype=np.int32)
        sentence_ids[a:b] = np.searchsorted(first_of_sentence, starts[a:b], side="right")
    return {
        "codes": codes,
        "sentence_ids": sentence_ids,
        "starts": starts,
        "ends": ends,
        "per_doc": per_doc,
        "words": list(vocab),
    }


_TYPECODES = {np.dtype(np.int32): "i", np.dtype(np.int64): "q"}


def _end_to_end(parts, names: list[str]) -> tuple[dict[str, np.ndarray], list[str]]:
    """The columns ``names`` of the parts (dicts of integer arrays, with a list of ``words`` that their
    ``codes`` number), end to end, and the parts' words in one list, in the order each first occurs.

    The parts are taken one at a time, as :func:`helpers._engine.parallel.each_part` gives them: each is
    renumbered into the one list, appended to growing buffers and let go, so that the parts and the table
    they make are never held in memory together. One part is returned as it is, without a copy.
    """
    first, vocab, buffers = None, None, None
    for part in parts:
        if first is None and buffers is None:
            first = part
            continue
        if buffers is None:  # a second part: the first one's words keep their codes
            vocab = {word: code for code, word in enumerate(first.pop("words"))}
            buffers = {name: array(_TYPECODES[first[name].dtype]) for name in names}
            _append(buffers, first)
            first = None
        words = part.pop("words")
        new_code = np.fromiter((vocab.setdefault(w, len(vocab)) for w in words), dtype=np.int32, count=len(words))
        part["codes"] = new_code[part["codes"]]
        _append(buffers, part)
    if buffers is None:
        return {name: first[name] for name in names}, first["words"]
    parallel.release_freed_memory()  # what the parts held
    columns = {
        name: np.frombuffer(buffer, dtype=np.int64 if buffer.typecode == "q" else np.int32)
        for name, buffer in buffers.items()
    }
    return columns, list(vocab)


def _append(buffers: dict[str, array], part: dict) -> None:
    """Add a part's columns to the buffers, letting go of each of the part's arrays once it is copied."""
    for name, buffer in buffers.items():
        values = part.pop(name)
        if _TYPECODES[values.dtype] != buffer.typecode:
            raise TypeError(f"column {name}: {values.dtype} in one part, {buffer.typecode!r} in another")
        buffer.frombytes(np.ascontiguousarray(values).view(np.uint8))  # its bytes, as a view
        del values


def word_counts(texts, token_re) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """How often each word form occurs in each text: the fastest way to count single words.

    Returns ``(doc_index, codes, counts, words)``: one entry per distinct form in each text, with the
    position of its text, the position of the form (as written, straight apostrophe) in ``words``, and
    its number of occurrences. The tokens counted are exactly those ``token_re`` finds in the whole text.

    How: no token crosses a space, so each text is first cut at white space and the pieces counted
    (both done in C). Each distinct piece, such as ``regime,`` or ``Iran's``, is tokenised once and
    remembered, because news text repeats the same pieces over and over; the counts of the pieces are
    then added up per word form. On a large corpus, parts of the texts are counted at the same time
    (:mod:`helpers._engine.parallel`).

    Example:
        >>> from helpers.text import TOKEN_RE
        >>> doc_index, codes, counts, words = word_counts(["The regime, the regime.", "Iran’s regime"], TOKEN_RE)
        >>> [(int(d), words[c], int(n)) for d, c, n in zip(doc_index, codes, counts)]
        [(0, 'The', 1), (0, 'regime', 2), (0, 'the', 1), (1, 'Iran', 1), (1, "'s", 1), (1, 'regime', 1)]
    """
    parts = parallel.each_part(lambda lo, hi: _word_counts_of_part(texts, lo, hi, token_re), len(texts), "Counting")
    names = ["doc_index", "codes", "counts"]
    columns, words = _end_to_end(parts, names)
    return tuple(columns[name] for name in names) + (words,)


def _word_counts_of_part(texts, lo: int, hi: int, token_re) -> dict:
    vocab: dict[str, int] = {}
    pieces: dict[str, tuple[int, ...]] = {}  # piece of text between spaces -> codes of its tokens
    codes, counts, doc_index = [], [], []
    for number, text in enumerate(steps(_part_of(texts, lo, hi), "Counting words"), start=lo):
        counted: dict[int, int] = {}
        for piece, n in Counter(text.split()).items():
            piece_codes = pieces.get(piece)
            if piece_codes is None:
                if len(pieces) >= PIECES_REMEMBERED:
                    pieces.clear()
                words = token_re.findall(piece.replace("’", "'"))
                piece_codes = pieces[piece] = tuple(vocab.setdefault(w, len(vocab)) for w in words)
            for code in piece_codes:
                counted[code] = counted.get(code, 0) + n
        codes.append(np.fromiter(counted, dtype=np.int32, count=len(counted)))
        counts.append(np.fromiter(counted.values(), dtype=np.int32, count=len(counted)))
        doc_index.append(np.full(len(counted), number, dtype=np.int32))
    return {"doc_index": concat(doc_index), "codes": concat(codes), "counts": concat(counts), "words": list(vocab)}


def concat(arrays: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.int32)


class CodedRows:
    """Rows gathered an article at a time: integer columns in buffers, text columns as codes into their distinct values.

    ``numbers`` are 64-bit columns, ``small`` 32-bit ones; ``texts`` are text columns, each row stored as a code
    (4 bytes); ``groups`` name text columns whose values always come together (an actor and its type): each row
    gives their tuple, stored as one code.

    Example:
        >>> rows = CodedRows(numbers=["start"], texts=["alias"], groups={"entry": ("actor", "actor_type")})
        >>> rows.extend(start=[3, 9], alias=["Iran", "Iraq"], entry=[("Iran", "state"), ("Iraq", "state")])
        >>> rows.extend(start=[12], alias=["Tehran"], entry=[("Iran", "state")])
        >>> table = rows.columns()
        >>> table["actor"].tolist(), table["alias"].tolist(), table["start"].tolist()
        (['Iran', 'Iraq', 'Iran'], ['Iran', 'Iraq', 'Tehran'], [3, 9, 12])
    """

    def __init__(self, numbers=(), small=(), texts=(), groups=None):
        self.numbers = {name: array("q") for name in numbers} | {name: array("i") for name in small}
        self.groups = dict(groups or {})
        self.texts = {name: (array("i"), {}) for name in [*texts, *self.groups]}

    def extend(self, **columns) -> None:
        """Add rows: one sequence of values per column (a tuple per row for a group), all of the same length."""
        for name, buffer in self.numbers.items():
            buffer.extend(columns[name])
        for name, (buffer, codes) in self.texts.items():
            buffer.extend([codes.setdefault(value, len(codes)) for value in columns[name]])

    def columns(self) -> dict[str, np.ndarray | pd.Series]:
        """Every column: numbers as integer arrays, texts as object Series (each row points to one shared string)."""
        columns: dict = {}
        for name, buffer in self.numbers.items():
            columns[name] = np.frombuffer(buffer, dtype=np.int64 if buffer.typecode == "q" else np.int32)
        for name, (buffer, codes) in self.texts.items():
            row_codes = np.frombuffer(buffer, dtype=np.int32)
            if name in self.groups:
                parts = list(zip(*codes)) if codes else [()] * len(self.groups[name])
                for part, values in zip(self.groups[name], parts):
                    columns[part] = labels(row_codes, values)
            else:
                columns[name] = labels(row_codes, list(codes))
        return columns


def shared_texts(texts: pd.Series, rows: np.ndarray) -> pd.Categorical:
    """``texts.iloc[rows]`` as a categorical: each distinct text stored once, however many rows repeat it (the
    sentence of every loaded-language hit: a sentence with three hits is one text, not three copies). The
    categories are in alphabetical order, so that sorting the column sorts it as text.

    Example:
        >>> sents = pd.Series(["Iran's regime.", "A plain sentence.", "The regime."])
        >>> column = shared_texts(sents, np.array([2, 0, 2, 2]))
        >>> column.tolist(), column.categories.tolist()
        (['The regime.', "Iran's regime.", 'The regime.', 'The regime.'], ["Iran's regime.", 'The regime.'])
    """
    distinct_rows, inverse = np.unique(rows, return_inverse=True)
    codes, categories = pd.factorize(texts.iloc[distinct_rows], sort=True)
    codes = codes.astype(category_codes_type(len(categories)))[inverse]
    return pd.Categorical.from_codes(codes, categories=categories)


def labels(codes: np.ndarray, values) -> pd.Series:
    """``values[codes]`` as a text column: each row points to one shared string, so it takes 8 bytes a row."""
    return pd.Series(np.asarray(list(values), dtype=object)[codes], dtype=object)


def doc_codes(docs: pd.DataFrame, doc_id: pd.Series) -> np.ndarray:
    """For every row of a table, the row of ``docs`` its article is (int32), without spelling out millions of ids."""
    if isinstance(doc_id.dtype, pd.CategoricalDtype):
        rows = pd.Index(docs["doc_id"]).get_indexer(doc_id.cat.categories).astype(np.int32)
        if len(rows) == len(docs) and (rows == np.arange(len(docs))).all():  # as tokens(docs) makes it
            return doc_id.array.codes  # the codes are the rows already: no copy (.cat.codes would copy)
        return rows[doc_id.array.codes]
    return pd.Index(docs["doc_id"]).get_indexer(doc_id).astype(np.int32)


def doc_bounds(codes: np.ndarray, n_docs: int) -> np.ndarray | None:
    """Where the rows of each article begin and end (``bounds[i]:bounds[i + 1]``) when the rows come in
    article order, else None. Works on the runs of equal codes, so that small integer codes are never
    turned into a large array of 64-bit ones."""
    if len(codes) == 0 or not ((codes >= 0).all() and (codes[1:] >= codes[:-1]).all()):
        return None
    starts = np.concatenate([[0], np.flatnonzero(codes[1:] != codes[:-1]) + 1])
    values = codes[starts].astype(np.int64)
    return np.append(starts, len(codes))[np.searchsorted(values, np.arange(n_docs + 1))]


def rows_of_articles(docs: pd.DataFrame, doc_id: pd.Series) -> dict:
    """The rows of each article of a table: a slice (a view, no copy) when the rows come in article order, as
    tokens() and sentences() give them; the positions otherwise."""
    if len(doc_id) == 0:
        return {}
    bounds = doc_bounds(doc_codes(docs, doc_id), len(docs))
    if bounds is not None:
        return {d: slice(bounds[i], bounds[i + 1]) for i, d in enumerate(docs["doc_id"])}
    return doc_id.groupby(doc_id, sort=False, observed=True).indices


def sentence_starts_by_article(sents: pd.DataFrame) -> dict:
    """For each article, the start offsets of its sentences in order and their sentence_id (numpy arrays),
    found by position: no copy of the sentence table, which is large for a large corpus."""
    s_start = sents["start"].to_numpy(dtype=np.int64)
    s_id = sents["sentence_id"].to_numpy(dtype=np.int64)
    result = {}
    for doc_id, rows in (sents.groupby("doc_id", sort=False).indices if len(sents) else {}).items():
        starts = s_start[rows]
        if (starts[1:] < starts[:-1]).any():  # sentences() gives them in order; a table of your own may not
            rows = rows[np.argsort(starts, kind="stable")]
            starts = s_start[rows]
        result[doc_id] = (starts, s_id[rows])
    return result
