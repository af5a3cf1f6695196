"""Actors: who is named in the corpus, and by which name.

The actor list is ``corpus/actors.csv``: one row per alias, with the columns
``actor``, ``actor_type``, ``alias`` and ``note``. Teachers can add a row for
a new alias or actor in any spreadsheet program.

How an alias is found in a text (a dictionary method: it finds only the names
on the list, written as on the list):

- Curly and straight apostrophes are treated alike, and so are no-break
  spaces and spaces; a space in an alias matches any run of white space.
- An alias matches only as a whole: it may not be preceded or followed by a
  letter or digit. ``Iran`` is not found inside ``Iranian``; ``U.S.`` is found;
  a possessive is fine (``Iranian regime’s`` is a mention of ``Iranian regime``).
- Case is ignored (``Iranian Resistance`` also finds ``Iranian resistance``),
  except for aliases written entirely in capitals, the acronyms (``MEK``,
  ``NCRI``, ``INS``, ``US``...): they match only in capitals, so ``US`` never
  matches the pronoun "us".
- Where aliases overlap, the longest wins and the shorter one is not counted
  again: ``Assad regime`` is one mention of the Syrian state, not also one of
  the person ``Assad``. The text is read from left to right; at each place the
  longest alias is tried first (one regular expression for the whole list).
- Pairs: a name followed, after white space, by another alias *of the same
  actor* in brackets is ONE mention, because giving the full name with its
  abbreviation is itself a naming choice. Its ``alias`` is the whole span as
  written, brackets included (``People’s Mojahedin Organization of Iran
  (PMOI/MEK)``, ``IRGC (Iranian Revolutionary Guards Corps)``); its
  ``listed_alias`` joins the two rows of the list with " + ". Anything else
  between the name and the bracket (a quotation mark, a comma) keeps them two
  mentions.

``alias`` is always the surface form exactly as written in the article
(``Mrs. Rajavi`` and ``Mrs Rajavi`` stay different); ``listed_alias`` is the
row of the list that matched.

Reading the results: a dictionary cannot tell what a name refers to in
context (``Iran`` the country or the government, ``Tehran`` the city or the
state) and misses every name that is not on the list, so
:func:`unlisted_names` shows candidates it missed, and every count should be
checked against the sentences.

Bad input: an article table with no rows, an unknown ``by`` column, an unknown
actor or an actor list with a missing column, an empty field, an unknown
``actor_type`` or a repeated alias raise ``ValueError`` (``CorpusError`` for
the actor list) with a message that says what to do. An analysis that finds
nothing returns an empty table with the usual columns; a chart of an empty
table raises ``ValueError``.
"""

from __future__ import annotations

import difflib
import re
from array import array
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pandas as pd

from helpers.corpus import CORPUS_DIR, CorpusError, read_text_file
from helpers.plots import PALETTE, bar_chart, heatmap
from helpers.progress import steps
from helpers.text import check_docs, count_words, sentences, stopwords, tokens
from helpers.widgets import (
    Explorer,
    View,
    highlighted_html,
    hover_text,
    many_articles,
    rows_by,
    summary_column,
    table_html,
)

ACTOR_COLUMNS = ("actor", "actor_type", "alias")
ACTOR_TYPES = ("person", "organisation", "state", "place", "event")

MENTION_COLUMNS = ["doc_id", "sentence_id", "actor", "actor_type", "alias", "listed_alias", "start", "end"]
CO_MENTION_COLUMNS = ["actor_a", "actor_b", "sentences", "articles", "example"]
UNLISTED_COLUMNS = ["name", "count", "articles", "example"]
FIRST_MENTION_COLUMNS = ["doc_id", "actor", "actor_type", "alias", "sentence_id", "introduced_as", "sentence"]
NAMING_COLUMNS = ["actor", "doc_id", "alias", "count", "share"]

ALL_ARTICLES = "all articles"
ALL_TYPES = "all"

# Words that may join the capitalised words of one name ("Network of Arab Women").
NAME_JOINERS = ("of", "for", "the", "de")
# Title words recognised by first_mentions(); compared in lower case, without a final full stop.
TITLE_WORDS = frozenset(
    "mr mrs ms miss dr prof president president-elect vice-president prime minister ayatollah general gen "
    "chairman chairwoman chair sheikh senator mayor leader commander imam king queen prince judge colonel "
    "governor ambassador spokesman spokeswoman secretary head director founder former deputy vice supreme".split()
)
# Words that may open a description after "Name, " (besides title words and capitalised words).
_DESCRIPTION_OPENERS = frozenset("the a an one its his her their our former who now".split())
_MONTHS_AND_DAYS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday "
    "mon tue tues wed thu thur thurs fri sat sun".split()
)

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u00a0": " "})
_UPPER = "A-ZÀ-ÖØ-Þ"
_NAME_WORD = rf"(?:(?:[A-Z]\.){{2,}}|(?:Mr|Mrs|Ms|Dr|Prof)\.|(?:al-)?[{_UPPER}]\w*(?:[-'’]\w+)*)"
_NAME_WORD_RE = re.compile(_NAME_WORD)
_NAME_RE = re.compile(
    rf"(?<![\w'’-]){_NAME_WORD}(?:[ \t]+(?:(?:{'|'.join(NAME_JOINERS)})[ \t]+)*{_NAME_WORD})*",
)
_POSSESSIVE = re.compile(r"['’]s$")


# --------------------------------------------------------------------------- the actor list


def load_actors(path: Path | str | None = None) -> pd.DataFrame:
    """Read an actor list: one row per alias, with ``actor``, ``actor_type``, ``alias`` and ``note``.

    Example:
        >>> actors = load_actors()
        >>> sorted(actors[actors.actor == "PMOI/MEK"].alias)[:3]
        ['MEK', 'MKO', 'Mojahedeen Khalq Organisation']
    """
    path = Path(path) if path is not None else CORPUS_DIR / "actors.csv"
    frame = read_metadata_like(path, ACTOR_COLUMNS)
    _check_actor_rows(frame, str(path))
    if "note" not in frame.columns:
        frame["note"] = ""
    return frame.reset_index(drop=True)


def read_metadata_like(path: Path, required: tuple[str, ...]) -> pd.DataFrame:
    """Read an editable CSV data file as text, checking its encoding and required columns."""
    if not path.is_file():
        raise CorpusError(f"{path}: no such file.")
    read_text_file(path)  # a clear error if the file is not UTF-8
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise CorpusError(
            f"{path}: missing column(s) {', '.join(missing)}. Found: {', '.join(frame.columns)}. "
            f"The file needs the columns {', '.join(required)}."
        )
    frame.index = range(2, 2 + len(frame))
    return frame


def _normalise(text: str) -> str:
    """Curly apostrophes become straight ones and no-break spaces become spaces (same length)."""
    return text.translate(_APOSTROPHES)


def _alias_key(alias: str) -> str:
    return " ".join(_normalise(alias).split()).lower()


def _is_acronym(alias: str) -> bool:
    return alias.isupper()


def _check_actor_rows(frame: pd.DataFrame, where: str) -> None:
    """Every field filled in, a known actor_type and no alias listed twice; the index gives the row numbers."""
    for row_number, row in frame.iterrows():
        for column in ACTOR_COLUMNS:
            if not str(row[column]).strip():
                raise CorpusError(f"{where}, row {row_number}, field '{column}': empty. Fill it in or remove the row.")
        if row["actor_type"] not in ACTOR_TYPES:
            raise CorpusError(
                f"{where}, row {row_number}, field 'actor_type': {row['actor_type']!r} is not one of "
                f"{', '.join(ACTOR_TYPES)}."
            )
    key = frame["alias"].map(_alias_key)
    clash = frame[key.duplicated(keep=False)]
    if not clash.empty:
        rows = ", ".join(f"row {r} ({a!r} for {b!r})" for r, a, b in zip(clash.index, clash.alias, clash.actor))
        raise CorpusError(f"{where}: the same alias is listed more than once: {rows}. Keep one row per alias.")


def _actor_list(actors) -> pd.DataFrame:
    """The actor list from ``None`` (the course list), a path, or a DataFrame with the same columns."""
    if actors is None or isinstance(actors, (str, Path)):
        return load_actors(actors)
    if not isinstance(actors, pd.DataFrame):
        raise TypeError(
            f"actors must be None (the course list), a path to a CSV file or a DataFrame like load_actors(); "
            f"got {type(actors).__name__}."
        )
    missing = [c for c in ACTOR_COLUMNS if c not in actors.columns]
    if missing:
        raise CorpusError(
            f"actor table: missing column(s) {', '.join(missing)}. Found: {', '.join(map(str, actors.columns))}. "
            f"The table needs the columns {', '.join(ACTOR_COLUMNS)}."
        )
    frame = actors.copy()
    for column in ACTOR_COLUMNS:
        frame[column] = frame[column].fillna("").astype(str)
    frame.index = range(1, 1 + len(frame))
    _check_actor_rows(frame, "actor table")
    if "note" not in frame.columns:
        frame["note"] = ""
    return frame.reset_index(drop=True)


def _matcher(table: pd.DataFrame) -> tuple[re.Pattern | None, dict[str, tuple[str, str, str]]]:
    """One compiled regular expression for every alias (longest first) and a lookup from match to actor."""
    aliases = table["alias"].str.strip()
    lookup = {_alias_key(a): (a, actor, kind) for a, actor, kind in zip(aliases, table["actor"], table["actor_type"])}
    if not lookup:
        return None, lookup
    alternatives, first_letters = [], set()
    for alias in sorted((_normalise(a) for a in aliases), key=lambda a: (-len(a), a)):
        pattern = r"\s+".join(re.escape(part) for part in alias.split())
        if _is_acronym(alias):
            alternatives.append(pattern)
            first_letters.add(alias[0])
        else:
            alternatives.append(f"(?i:{pattern})")
            first_letters.update({alias[0].lower(), alias[0].upper()})
    letters = "".join(re.escape(c) for c in sorted(first_letters))
    # The look-ahead skips, quickly, the places where no alias can start; it does not change what matches.
    regex = re.compile(rf"(?=[{letters}])(?<!\w)(?:{'|'.join(alternatives)})(?!\w)")
    return regex, lookup


# --------------------------------------------------------------------------- checks


def _check_docs(docs, function: str) -> None:
    check_docs(docs, function)
    if docs.empty:
        raise ValueError(
            f"{function}(): the article table has no rows. Load a corpus with load_corpus(), "
            "or check the filter that selected the articles."
        )


def _check_sentences(sents: pd.DataFrame | None, docs: pd.DataFrame) -> pd.DataFrame:
    if sents is None:
        return sentences(docs)
    needed = {"doc_id", "sentence_id", "sentence", "start", "end"}
    if not isinstance(sents, pd.DataFrame) or not needed <= set(sents.columns):
        raise ValueError("sents must be the table from sentences(docs); leave it out to have it computed.")
    return sents


def _check_mentions(mentions: pd.DataFrame | None, docs: pd.DataFrame, actors, sents=None) -> pd.DataFrame:
    if mentions is None:
        return actor_mentions(docs, actors, sents=sents)
    if not isinstance(mentions, pd.DataFrame) or not set(MENTION_COLUMNS) <= set(mentions.columns):
        raise ValueError("mentions must be the table from actor_mentions(docs); leave it out to have it computed.")
    return mentions


def _check_by(docs: pd.DataFrame, by: str | None) -> None:
    if by is not None and by not in docs.columns:
        usable = [c for c in docs.columns if c not in ("text", "n_words")]
        raise ValueError(f"by={by!r} is not a column of the articles. Use one of: {', '.join(usable)}; or by=None.")


def _words_per_article(docs: pd.DataFrame) -> pd.Series:
    words = docs["n_words"] if "n_words" in docs.columns else count_words(docs["text"])
    return pd.Series(words.to_numpy(), index=docs["doc_id"].to_numpy())


# --------------------------------------------------------------------------- mentions


def actor_mentions(docs: pd.DataFrame, actors=None, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every mention of an actor of the list, one row per mention, in the order of the texts.

    Columns: ``doc_id``, ``sentence_id``, ``actor``, ``actor_type``, ``alias``
    (the words exactly as written), ``listed_alias`` (the row of the actor list
    that matched; for a name with its abbreviation in brackets, both rows joined
    with " + "), ``start`` and ``end`` (character offsets in the article's
    ``text``). ``actors`` is the course list by default, or a path or a
    DataFrame like :func:`load_actors`. The matching rules are at the top of
    this module.

    Example:
        >>> from helpers import load_corpus
        >>> m = actor_mentions(load_corpus())
        >>> pmoi = m[(m.actor == "PMOI/MEK") & (m.doc_id == "breitbart-2014")]
        >>> pmoi.alias.tolist(), pmoi.listed_alias.tolist()
        (['People’s Mojahedin Organization of Iran (PMOI/MEK)'], ["People's Mojahedin Organization of Iran + PMOI/MEK"])
    """
    _check_docs(docs, "actor_mentions")
    table = _actor_list(actors)
    regex, lookup = _matcher(table)
    sents = _check_sentences(sents, docs)
    starts_by_doc = _sentence_starts(sents)
    # Mentions are gathered as integers in growing buffers (the row of the article, codes for the names),
    # so that the millions of mentions of a large corpus take little memory while they are found.
    rows, sentence_col, start_col, end_col = array("i"), array("q"), array("q"), array("q")
    entry_col, written_col = array("i"), array("i")
    entries: dict[tuple, int] = {}  # (listed alias, actor, type) -> code
    written_codes: dict[str, int] = {}
    for number, (doc_id, text) in enumerate(steps(zip(docs["doc_id"], docs["text"]), "Finding actors", len(docs))):
        if regex is None:
            break
        found = [
            (m.start(), m.end(), text[m.start() : m.end()], lookup.get(_alias_key(m.group())))
            for m in regex.finditer(_normalise(text))
        ]
        found = _join_pairs([f for f in found if f[3] is not None], text)
        if not found:
            continue
        match_starts = np.fromiter((f[0] for f in found), dtype=np.int64, count=len(found))
        sentence_starts, sentence_ids = starts_by_doc.get(doc_id, (np.array([0]), np.array([1])))
        position = np.clip(np.searchsorted(sentence_starts, match_starts, side="right") - 1, 0, None)
        rows.extend([number] * len(found))
        sentence_col.frombytes(sentence_ids[position].astype(np.int64).tobytes())
        for start, end, written, entry in found:
            start_col.append(start)
            end_col.append(end)
            entry_col.append(entries.setdefault(entry, len(entries)))
            written_col.append(written_codes.setdefault(written, len(written_codes)))
    entry_codes = np.frombuffer(entry_col, dtype=np.int32)
    listed, actor, kind = zip(*entries) if entries else ((), (), ())
    return pd.DataFrame(
        {
            "doc_id": _labels(np.frombuffer(rows, dtype=np.int32), docs["doc_id"]),
            "sentence_id": np.frombuffer(sentence_col, dtype=np.int64),
            "actor": _labels(entry_codes, actor),
            "actor_type": _labels(entry_codes, kind),
            "alias": _labels(np.frombuffer(written_col, dtype=np.int32), list(written_codes)),
            "listed_alias": _labels(entry_codes, listed),
            "start": np.frombuffer(start_col, dtype=np.int64),
            "end": np.frombuffer(end_col, dtype=np.int64),
        },
        copy=False,  # the columns are made here for this table: no need to copy them again
    )


def _sentence_starts(sents: pd.DataFrame) -> dict:
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


def _labels(codes: np.ndarray, labels) -> pd.Series:
    """``labels[codes]`` as a text column: each row points to one shared string, so it takes 8 bytes a row."""
    return pd.Series(np.asarray(list(labels), dtype=object)[codes], dtype=object)


_PAIR_GAP = re.compile(r"\s*\(")


def _join_pairs(found: list, text: str) -> list:
    """Join "name (alias of the same actor)" into one mention; ``found`` holds the matches of one text in order."""
    joined, i = [], 0
    while i < len(found):
        start, end, written, (listed, actor, kind) = found[i]
        if i + 1 < len(found):
            n_start, n_end, _, (n_listed, n_actor, _) = found[i + 1]
            if (
                n_actor == actor
                and n_start - end <= 4
                and _PAIR_GAP.fullmatch(text, end, n_start)
                and text[n_end : n_end + 1] == ")"
            ):
                joined.append((start, n_end + 1, text[start : n_end + 1], (f"{listed} + {n_listed}", actor, kind)))
                i += 2
                continue
        joined.append(found[i])
        i += 1
    return joined


def mention_counts(docs: pd.DataFrame, by: str | None = "doc_id", actors=None, mentions=None) -> pd.DataFrame:
    """How often each actor is mentioned, per article (or per ``by`` group, or in the whole corpus with ``by=None``).

    Columns: the ``by`` column, ``actor``, ``actor_type``, ``mentions``,
    ``articles`` (articles of the group that mention the actor) and
    ``per_1000`` (mentions per 1,000 words of the group, so long and short
    articles can be compared). Sorted by group in the order of ``docs``, then
    by mentions, most first. Pass ``mentions=actor_mentions(docs)`` to reuse a
    computed table.

    Example:
        >>> from helpers import load_corpus
        >>> counts = mention_counts(load_corpus())
        >>> counts[counts.doc_id == "ips-2007"].head(2)[["actor", "mentions", "per_1000"]].values.tolist()
        [['Iranian state', 13, 13.25], ['Iran National Solidarity', 10, 10.19]]
    """
    _check_docs(docs, "mention_counts")
    _check_by(docs, by)
    mentions = _check_mentions(mentions, docs, actors)
    words = _words_per_article(docs)
    groups = pd.Series("all articles" if by is None else docs[by].to_numpy(), index=docs["doc_id"].to_numpy())
    group_words = words.groupby(groups.to_numpy(), sort=False).sum()
    keys = ["_group", "actor", "actor_type"]
    data = mentions.assign(_group=mentions["doc_id"].map(groups))
    result = (
        data.groupby(keys, sort=False)
        .agg(mentions=("doc_id", "size"), articles=("doc_id", "nunique"))
        .reset_index()
        .astype({"mentions": "int64", "articles": "int64"})
    )
    result["per_1000"] = (result["mentions"] / result["_group"].map(group_words).to_numpy() * 1000).round(2)
    order = {g: i for i, g in enumerate(dict.fromkeys(groups))}
    result = result.assign(_order=result["_group"].map(order)).sort_values(
        ["_order", "mentions", "actor"], ascending=[True, False, True], kind="stable"
    )
    result = result.drop(columns="_order").reset_index(drop=True)
    if by is None:
        return result.drop(columns="_group")
    return result.rename(columns={"_group": by})


# --------------------------------------------------------------------------- co-mentions


def _pair_sentences(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence and pair of different actors mentioned in it (actor_a < actor_b)."""
    per_sentence = mentions[["doc_id", "sentence_id", "actor"]].drop_duplicates()
    pairs = per_sentence.merge(per_sentence, on=["doc_id", "sentence_id"], suffixes=("_a", "_b"))
    return pairs[pairs["actor_a"] < pairs["actor_b"]].reset_index(drop=True)


def _summarise_pairs(pairs: pd.DataFrame, sents: pd.DataFrame, min_count: int = 1) -> pd.DataFrame:
    if pairs.empty:
        return pd.DataFrame(
            {c: pd.Series(dtype="int64" if c in ("sentences", "articles") else object) for c in CO_MENTION_COLUMNS}
        )
    grouped = pairs.groupby(["actor_a", "actor_b"], sort=False)
    result = grouped.agg(sentences=("doc_id", "size"), articles=("doc_id", "nunique")).reset_index()
    first = grouped[["doc_id", "sentence_id"]].first().reset_index()
    text = sents.set_index(["doc_id", "sentence_id"])["sentence"]
    result["example"] = text.reindex(pd.MultiIndex.from_frame(first[["doc_id", "sentence_id"]])).to_numpy()
    result = result[result["sentences"] >= min_count]
    result = result.sort_values(
        ["sentences", "articles", "actor_a", "actor_b"], ascending=[False, False, True, True], kind="stable"
    )
    return result.astype({"sentences": "int64", "articles": "int64"}).reset_index(drop=True)


def co_mentions(
    docs: pd.DataFrame, actors=None, mentions=None, min_count: int = 1, sents: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Pairs of actors named in the same sentence: who is put next to whom.

    Columns: ``actor_a`` and ``actor_b`` (in alphabetical order),
    ``sentences`` (sentences that mention both), ``articles`` (articles with at
    least one such sentence) and ``example`` (the first such sentence). Sorted
    by ``sentences``, most first. Only pairs in at least ``min_count``
    sentences are kept.

    Example:
        >>> from helpers import load_corpus
        >>> pairs = co_mentions(load_corpus())
        >>> pairs.head(1)[["actor_a", "actor_b", "sentences"]].values.tolist()
        [['Iran', 'Iranian state', 15]]
    """
    _check_docs(docs, "co_mentions")
    if isinstance(min_count, bool) or not isinstance(min_count, (int, np.integer)) or min_count < 1:
        raise ValueError(f"min_count must be a whole number of at least 1; got {min_count!r}.")
    sents = _check_sentences(sents, docs)
    mentions = _check_mentions(mentions, docs, actors, sents)
    return _summarise_pairs(_pair_sentences(mentions), sents, min_count)


# --------------------------------------------------------------------------- names the list misses


def _uncovered_runs(sentence: str, words: list, inside: list[bool], filler) -> list[tuple[int, int]]:
    """The runs of words of one candidate name that the actor list does not cover, as (first, last) word indexes.

    The candidate is cut into segments at joiners ("of", "For The"), fillers and after a possessive; a
    segment whose words all lie inside mentions is covered. Adjacent uncovered segments stay one name.
    """
    segments, current = [], []
    for i, (word, start, _) in enumerate(words):
        if current:
            previous_word, _, previous_end = words[i - 1]
            cut = (
                filler(word)
                or filler(previous_word)
                or sentence[previous_end:start].strip() != ""
                or previous_end - words[i - 1][1] > len(previous_word)
            )
            if cut:
                segments.append(current)
                current = []
        current.append(i)
    segments.append(current)
    runs, run = [], []
    for segment in segments + [None]:
        if segment is not None and all(filler(words[i][0]) for i in segment):
            if run:
                run.append((segment, True))
            continue
        if segment is None or all(inside[i] for i in segment):
            while run and run[-1][1]:
                run.pop()
            if run:
                runs.append((run[0][0][0], run[-1][0][-1]))
            run = []
        else:
            run.append((segment, False))
    return runs


def unlisted_names(
    docs: pd.DataFrame,
    actors=None,
    min_count: int = 1,
    mentions=None,
    sents: pd.DataFrame | None = None,
    toks: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Capitalised names in the texts that no alias of the actor list covers: the list's blind spots.

    A candidate name is a capitalised word or a run of them, which may be
    joined by ``of``, ``for``, ``the`` or ``de`` and may contain ``al-``,
    ``Mr.``/``Mrs.``/``Ms.``/``Dr.``/``Prof.`` and initials (``Baghdad
    International Airport``, ``Universal Declaration of Human Rights``). It is
    left out when:

    - it lies in the first sentence of an article, the headline, which is set
      in title case (every word capitalised);
    - it is a stopword (``The``, ``Every``), a month or day name, or made only
      of them; such words are also trimmed from either end of a name;
    - its first word starts a sentence (or follows a dash or colon) and is an
      ordinary word: a stopword, a word also written in lower case somewhere
      in the corpus (``Dignitaries``/``dignitaries``), or, for a one-word
      candidate, a word never capitalised anywhere else (``Visibly``);
    - every one of its words lies inside a mention found by
      :func:`actor_mentions`. A name only partly covered (``Baghdad
      International Airport``, where only ``Baghdad`` is listed) is kept,
      because the longer name is a different referent.

    Capitalised adjectives of nationality (``Iranian``, ``Kurdish``) and titles
    (``President-elect of the NCRI``) are kept: they show who the list does
    not track. It is a heuristic list to read, not a list of actors.

    Columns: ``name`` (as first written), ``count``, ``articles`` and
    ``example`` (the first sentence it occurs in); sorted by count, most first.
    Names seen fewer than ``min_count`` times are dropped.

    Example:
        >>> from helpers import load_corpus
        >>> names = unlisted_names(load_corpus())
        >>> "Kurds" in set(names.name), "Camp Ashraf" in set(names.name), "The" in set(names.name)
        (True, False, False)
    """
    _check_docs(docs, "unlisted_names")
    if isinstance(min_count, bool) or not isinstance(min_count, (int, np.integer)) or min_count < 1:
        raise ValueError(f"min_count must be a whole number of at least 1; got {min_count!r}.")
    sents = _check_sentences(sents, docs)
    mentions = _check_mentions(mentions, docs, actors, sents)
    toks = tokens(docs) if toks is None else toks
    lower_case_words = {str(w) for w in pd.unique(toks["token"]) if str(w) == str(w).lower()}  # written in lower case
    stop = stopwords()

    def filler(word: str) -> bool:
        lower = word.lower().rstrip(".")
        shouting = len(word) > 1 and word.isupper()
        return (lower in stop and not shouting) or lower in NAME_JOINERS or lower in _MONTHS_AND_DAYS

    texts = dict(zip(docs["doc_id"], docs["text"]))
    candidates = []  # (doc_id, sentence start, sentence, words, whether the first word starts a clause)
    for doc_id, sentence_id, s_start, sentence in zip(
        sents["doc_id"], sents["sentence_id"], sents["start"], sents["sentence"]
    ):
        if sentence_id == 1 or doc_id not in texts:
            continue  # the headline is in title case
        for candidate in _NAME_RE.finditer(sentence):
            words = [
                (_POSSESSIVE.sub("", w.group()), w.start() + candidate.start(), w.end() + candidate.start())
                for w in _NAME_WORD_RE.finditer(candidate.group())
            ]
            prefix = sentence[: candidate.start()].rstrip()
            at_start = prefix == "" or prefix[-1] in "\"“‘'”–—:"
            candidates.append((doc_id, s_start, sentence, words, at_start))
    capitalised_inside = {
        _normalise(word)
        for _, _, _, words, at_start in candidates
        for i, (word, _, _) in enumerate(words)
        if i or not at_start
    }

    def ordinary(word: str, alone: bool) -> bool:
        lower = word.lower()
        if lower in stop or lower in lower_case_words:
            return True
        return alone and word not in capitalised_inside

    empty = np.array([], dtype=np.int64)
    spans = {d: (g["start"].to_numpy(), g["end"].to_numpy()) for d, g in mentions.groupby("doc_id", sort=False)}
    rows = []
    for doc_id, s_start, sentence, words, at_start in candidates:
        if at_start and ordinary(_normalise(words[0][0]), alone=len(words) == 1):
            words = words[1:]
        if not words:
            continue
        m_starts, m_ends = spans.get(doc_id, (empty, empty))
        starts = np.array([s_start + w[1] for w in words])
        position = np.searchsorted(m_starts, starts, side="right") - 1
        inside = (position >= 0) & (starts < m_ends[np.clip(position, 0, None)]) if len(m_starts) else starts < 0
        for first, last in _uncovered_runs(sentence, words, inside.tolist(), filler):
            name = sentence[words[first][1] : words[last][1] + len(words[last][0])]
            rows.append((_normalise(name), name, doc_id, sentence))
    found = pd.DataFrame(rows, columns=["key", "name", "doc_id", "example"])
    if found.empty:
        return pd.DataFrame(
            {c: pd.Series(dtype="int64" if c in ("count", "articles") else object) for c in UNLISTED_COLUMNS}
        )
    result = (
        found.groupby("key", sort=False)
        .agg(
            name=("name", "first"),
            count=("doc_id", "size"),
            articles=("doc_id", "nunique"),
            example=("example", "first"),
        )
        .reset_index(drop=True)
    )
    result = result[result["count"] >= min_count].sort_values(
        ["count", "articles", "name"], ascending=[False, False, True], kind="stable"
    )
    return result.astype({"count": "int64", "articles": "int64"}).reset_index(drop=True)


# --------------------------------------------------------------------------- first mentions


def _bare(word: str) -> str:
    return _normalise(word).strip(",.;:").lower()


def _title_in_alias(alias: str) -> str:
    words = alias.split()
    taken = []
    for word in words[:-1]:
        if _bare(word) not in TITLE_WORDS:
            break
        taken.append(word)
    return " ".join(taken)


def _title_before(before: str) -> str:
    """Title words right before the name ("former president"), or "the X’s President-elect, " before a comma."""
    words = before.split()
    if before.rstrip().endswith(",") and words and _bare(words[-1]) in TITLE_WORDS:
        taken = []
        for word in reversed(words[-8:]):
            if taken and word.endswith((",", ";", ":", "(", "–", "—")):
                break
            taken.insert(0, word)
            if word.lower() in ("the", "a", "an"):
                break
            if len(taken) > 1 and not (word[:1].isupper() or _bare(word) in TITLE_WORDS or _POSSESSIVE.search(word)):
                taken.pop(0)
                break
        return " ".join(taken).rstrip(",")
    if not before or before[-1:] not in (" ", "\t"):
        return ""
    taken = []
    for word in reversed(words[-4:]):
        if _bare(word) not in TITLE_WORDS or word.endswith((",", ";", ":")):
            break
        taken.insert(0, word)
    return " ".join(taken)


_APPOSITIVE = re.compile(r"\s*,\s*([^,;:“”\"–—]+)")


def _appositive_after(after: str, names: set[str]) -> str:
    """The words between a comma after the name and the next comma (or the end of the sentence).

    ``names`` holds the names mentioned in the article (normalised, lower case): a phrase that is just one of
    them, or starts a list with one ("Italy or England"), is a list of names, not a description.
    """
    match = _APPOSITIVE.match(after)
    if not match:
        return ""
    phrase = match.group(1).strip().rstrip(".!?").strip()
    if not phrase:
        return ""
    first = phrase.split()[0]
    if not (_bare(first) in _DESCRIPTION_OPENERS or _bare(first) in TITLE_WORDS or first[0].isupper()):
        return ""
    rest = re.sub(r"^the\s+", "", _normalise(phrase).lower())
    for name in names:
        if rest.startswith(name) and re.match(r"(?:\s+(?:and|or)\b|$)", rest[len(name) :]):
            return ""
    words = phrase.split()
    return " ".join(words[:20]) + (" …" if len(words) > 20 else "")


def first_mentions(docs: pd.DataFrame, actors=None, mentions=None, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """The first mention of each actor in each article, and how the article introduces it.

    ``introduced_as`` gathers, joined by "; ", what a simple window around the
    first mention finds:

    - a description before the name, ending in a title word and a comma
      ("the Iranian Resistance’s President-elect, Mrs. Maryam Rajavi");
    - title words written as part of the alias ("Mrs.", "Dr.", "Ayatollah") or
      right before it ("former president Mohammad Khatami");
    - the words after a comma that follows the name, up to the next comma,
      colon, dash, quotation mark or the end of the sentence ("Rahim Safavi,
      former head of the IRGC (...)"), when they start like a description
      (the, a, an, one, former, who, a title word such as head or leader, or a
      capitalised word such as "Iran’s") and are not just another listed name
      or a list of names ("Algeria, Bahrain, Egypt").

    It is a heuristic: it can miss an introduction or catch words that are not
    one (when no comma closes the description, it runs to the end of the
    sentence). Read the ``sentence`` to check it.

    Columns: ``doc_id``, ``actor``, ``actor_type``, ``alias``,
    ``sentence_id``, ``introduced_as`` and ``sentence``; in the order of the
    articles, then of the text.

    Example:
        >>> from helpers import load_corpus
        >>> first = first_mentions(load_corpus())
        >>> first.set_index(["doc_id", "actor"]).loc[("breitbart-2014", "Maryam Rajavi"), "introduced_as"]
        'Mrs; the President-elect of the NCRI (National Council of Resistance of Iran)'
    """
    _check_docs(docs, "first_mentions")
    sents = _check_sentences(sents, docs)
    mentions = _check_mentions(mentions, docs, actors, sents)
    if mentions.empty:
        return pd.DataFrame(
            {c: pd.Series(dtype="int64" if c == "sentence_id" else object) for c in FIRST_MENTION_COLUMNS}
        )
    order = {d: i for i, d in enumerate(docs["doc_id"])}
    ordered = mentions.assign(_order=mentions["doc_id"].map(order)).sort_values(["_order", "start"], kind="stable")
    first = ordered.drop_duplicates(["doc_id", "actor"]).drop(columns="_order")
    first = first.merge(
        sents[["doc_id", "sentence_id", "sentence", "start"]],
        on=["doc_id", "sentence_id"],
        how="left",
        suffixes=("", "_sentence"),
    )
    known = {d: set(g.map(_alias_key)) for d, g in mentions.groupby("doc_id", sort=False)["alias"]}
    introduced = []
    for doc_id, alias, start, end, sentence, s_start in zip(
        first["doc_id"], first["alias"], first["start"], first["end"], first["sentence"], first["start_sentence"]
    ):
        if not isinstance(sentence, str):
            introduced.append("")
            continue
        before = sentence[: start - s_start]
        after = sentence[end - s_start :]
        parts = [_title_before(before), _title_in_alias(alias), _appositive_after(after, known.get(doc_id, set()))]
        introduced.append("; ".join(p for p in parts if p))
    first["introduced_as"] = introduced
    return first[FIRST_MENTION_COLUMNS].reset_index(drop=True)


# --------------------------------------------------------------------------- naming choices


def _resolve_actor(actor, labels) -> str:
    """The actor label matching ``actor`` case-insensitively, or a ValueError with close matches."""
    if not isinstance(actor, str) or not actor.strip():
        raise ValueError("Give an actor name, e.g. 'PMOI/MEK'. To see all names: sorted(load_actors().actor.unique())")
    by_lower = {str(label).lower(): label for label in labels}
    wanted = actor.strip().lower()
    if wanted in by_lower:
        return by_lower[wanted]
    close = difflib.get_close_matches(wanted, list(by_lower), n=5, cutoff=0.5)
    hint = f" Did you mean: {', '.join(repr(by_lower[c]) for c in close)}?" if close else ""
    raise ValueError(
        f"No actor called {actor!r} in the actor list.{hint} "
        "To see all actor names: sorted(load_actors().actor.unique())"
    )


def _naming_table(mentions: pd.DataFrame, doc_order: list) -> pd.DataFrame:
    counts = mentions.groupby(["actor", "doc_id", "alias"], sort=False).size().rename("count").reset_index()
    totals = counts.groupby(["actor", "doc_id"])["count"].transform("sum")
    counts["share"] = (counts["count"] / totals).round(3)
    order = {d: i for i, d in enumerate(doc_order)}
    counts = counts.assign(_order=counts["doc_id"].map(order)).sort_values(
        ["actor", "_order", "count", "alias"], ascending=[True, True, False, True], kind="stable"
    )
    return counts.drop(columns="_order").astype({"count": "int64"}).reset_index(drop=True)[NAMING_COLUMNS]


def naming_choices(docs: pd.DataFrame, actor: str, actors=None, mentions=None) -> pd.DataFrame:
    """How each article names one actor: which words it uses, how often, and what share of its mentions.

    ``actor`` is an actor label of the list, in any case (``"pmoi/mek"``).
    Columns: ``actor``, ``doc_id``, ``alias`` (exactly as written, so
    ``Mrs. Rajavi`` and ``Mrs Rajavi`` stay apart), ``count`` and ``share``
    (of that article's mentions of the actor). One row per article and alias,
    for every article that mentions the actor, in the order of ``docs``. An
    actor the list does not know raises ``ValueError`` with close matches; a
    known actor that no article mentions gives an empty table.

    Example:
        >>> from helpers import load_corpus
        >>> choices = naming_choices(load_corpus(), "PMOI/MEK")
        >>> choices[choices.doc_id == "ips-2007"][["alias", "count", "share"]].values.tolist()
        [['MKO', 3, 0.75], ['Mojahedeen Khalq Organisation (MKO)', 1, 0.25]]
    """
    _check_docs(docs, "naming_choices")
    table = _actor_list(actors)
    label = _resolve_actor(actor, table["actor"].unique())
    mentions = _check_mentions(mentions, docs, table)
    return _naming_table(mentions[mentions["actor"] == label], list(docs["doc_id"]))


# --------------------------------------------------------------------------- charts


def _require(table, columns: list[str], made_by: str) -> None:
    if not isinstance(table, pd.DataFrame) or not set(columns) <= set(table.columns):
        raise ValueError(f"Give the table from {made_by}; it needs the columns {', '.join(columns)}.")
    if table.empty:
        raise ValueError(f"Nothing to plot: the table from {made_by} is empty.")


def _pattern_traces(fig) -> None:
    """Beyond eight series, colours repeat; a hatching pattern keeps the series apart."""
    shapes = ["", "/", "x", ".", "\\", "+", "-", "|"]
    for i, trace in enumerate(fig.data[len(PALETTE) :], start=len(PALETTE)):
        trace.marker.pattern.shape = shapes[(i // len(PALETTE)) % len(shapes)]


def _mentions_title(table: pd.DataFrame, group: str | None, top: int) -> str:
    if group is None:
        return f"Actor mentions in all articles: top {top}"
    values = table[group].unique()
    if len(values) == 1:
        return f"Actor mentions in {values[0]}: top {top}"
    return f"Actor mentions by {'article' if group == 'doc_id' else group}: top {top}"


def plot_actor_mentions(counts: pd.DataFrame, top: int = 15, value: str = "mentions", return_table: bool = False):
    """Bars of the ``top`` most mentioned actors, one colour per group (article), from :func:`mention_counts`.

    ``value="mentions"`` stacks the groups' counts; ``value="per_1000"``
    puts the groups' rates side by side. Hover shows mentions and the rate.

    Example:
        >>> from helpers import load_corpus
        >>> fig = plot_actor_mentions(mention_counts(load_corpus()), top=5)
        >>> fig.layout.title.text, fig.data[0].name, fig.data[0].y[0]
        ('Actor mentions by article: top 5', 'ips-2007', 'Iranian state')
    """
    _require(counts, ["actor", "actor_type", "mentions", "per_1000"], "mention_counts()")
    if value not in ("mentions", "per_1000"):
        raise ValueError(f"value must be 'mentions' or 'per_1000'; got {value!r}.")
    if not isinstance(top, (int, np.integer)) or top < 1:
        raise ValueError(f"top must be a whole number of at least 1; got {top!r}.")
    group = next(
        (c for c in counts.columns if c not in ("actor", "actor_type", "mentions", "articles", "per_1000")), None
    )
    totals = counts.groupby("actor")[value].sum().sort_values(ascending=False, kind="stable")
    keep = list(totals.index[:top])
    table = counts[counts["actor"].isin(keep)].copy()
    table["_rank"] = table["actor"].map({a: i for i, a in enumerate(keep)})
    table = table.sort_values("_rank", kind="stable").drop(columns="_rank").reset_index(drop=True)
    if group is not None:
        table[group] = table[group].astype(str)
    label = "Mentions" if value == "mentions" else "Mentions per 1,000 words"
    fig = bar_chart(
        table,
        x=value,
        y="actor",
        title=_mentions_title(table, group, len(keep)),
        x_title=label,
        y_title="Actor",
        color=group,
        hover=["actor_type"] + [c for c in ("mentions", "per_1000") if c != value],
        barmode="stack" if value == "mentions" else "group",
    )
    fig.update_yaxes(categoryarray=keep)
    _pattern_traces(fig)
    return (fig, table) if return_table else fig


def plot_co_mentions(pairs: pd.DataFrame, top: int = 20, return_table: bool = False):
    """A matrix of actors by actors: how many sentences name both, from :func:`co_mentions`.

    Shows the ``top`` actors that are in the most co-mention sentences; the
    diagonal is left blank. Hover shows the count and the first sentence.

    Example:
        >>> from helpers import load_corpus
        >>> fig, table = plot_co_mentions(co_mentions(load_corpus()), top=4, return_table=True)
        >>> list(fig.data[0].x), int(table.sentences.max())
        (['Iranian state', 'Iran', 'Iraq', 'Maryam Rajavi'], 15)
    """
    _require(pairs, ["actor_a", "actor_b", "sentences"], "co_mentions()")
    if not isinstance(top, (int, np.integer)) or top < 2:
        raise ValueError(f"top must be a whole number of at least 2; got {top!r}.")
    both = pd.concat(
        [
            pairs.rename(columns={"actor_a": "actor", "actor_b": "with_actor"}),
            pairs.rename(columns={"actor_b": "actor", "actor_a": "with_actor"}),
        ]
    )
    totals = both.groupby("actor")["sentences"].sum().sort_values(ascending=False, kind="stable")
    keep = list(totals.index[:top])
    grid = pd.MultiIndex.from_product([keep, keep], names=["actor", "with_actor"]).to_frame(index=False)
    columns = ["actor", "with_actor", "sentences"] + (["example"] if "example" in both.columns else [])
    table = grid.merge(both[columns], on=["actor", "with_actor"], how="left")
    table["sentences"] = table["sentences"].fillna(0).astype("int64")
    fig = heatmap(
        table,
        x="with_actor",
        y="actor",
        z="sentences",
        title="Actors named in the same sentence",
        x_title="Actor",
        y_title="Named with",
        z_title="Sentences",
    )
    trace = fig.data[0]
    z = [[None if a == b else v for b, v in zip(trace.x, row)] for a, row in zip(trace.y, trace.z)]
    examples = {}
    if "example" in table.columns:
        examples = {
            (a, b): hover_text(e) for a, b, e in zip(table.actor, table.with_actor, table.example) if isinstance(e, str)
        }
    trace.z = z
    trace.customdata = [[examples.get((a, b), "") for b in trace.x] for a in trace.y]
    trace.hoverongaps = False
    trace.hovertemplate = trace.hovertemplate.replace("<extra>", "<br>%{customdata}<extra>")
    table = table[table["actor"] != table["with_actor"]].reset_index(drop=True)
    return (fig, table) if return_table else fig


def plot_naming_choices(choices: pd.DataFrame, return_table: bool = False):
    """Stacked bars: for each article, the names it uses for one actor, from :func:`naming_choices`.

    One colour per alias (a hatching pattern is added beyond eight aliases);
    hover shows the count and the share of the article's mentions.

    Example:
        >>> from helpers import load_corpus
        >>> fig = plot_naming_choices(naming_choices(load_corpus(), "PMOI/MEK"))
        >>> fig.layout.title.text, list(fig.layout.yaxis.categoryarray)[:2]
        ('How each article names PMOI/MEK', ['ips-2007', 'ncri-2010'])
    """
    group = next((c for c in choices.columns if c not in ("actor", "alias", "count", "share")), "doc_id")
    _require(choices, [group, "alias", "count", "share"], "naming_choices()")
    actors = list(choices["actor"].unique()) if "actor" in choices.columns else []
    name = actors[0] if len(actors) == 1 else "the actor"
    doc_order = list(dict.fromkeys(choices[group]))
    alias_order = choices.groupby("alias")["count"].sum().sort_values(ascending=False, kind="stable")
    table = choices.assign(_rank=choices["alias"].map({a: i for i, a in enumerate(alias_order.index)}))
    table = table.sort_values("_rank", kind="stable").drop(columns="_rank").reset_index(drop=True)
    shown = table.assign(alias=table["alias"].map(lambda a: hover_text(a, width=200)))
    if group == "doc_id":
        title, y_title = f"How each article names {name}", "Article"
    elif group == "corpus":  # all articles together (naming_choices summed over the articles)
        title, y_title = f"How the articles name {name}, all together", "Articles"
    else:  # naming_choices summed by outlet, or another column of the articles
        title, y_title = f"How the articles of each {group} name {name}", str(group).capitalize()
    fig = bar_chart(
        shown,
        x="count",
        y=group,
        title=title,
        x_title="Mentions",
        y_title=y_title,
        color="alias",
        hover=["share"],
        barmode="stack",
    )
    fig.update_yaxes(categoryarray=doc_order)
    fig.update_layout(height=max(320, 120 + 40 * len(doc_order)))
    _pattern_traces(fig)
    return (fig, table) if return_table else fig


# --------------------------------------------------------------------------- explorers


def _doc_options(docs: pd.DataFrame) -> list[str]:
    return [ALL_ARTICLES, *map(str, docs["doc_id"])]


def _marked_text(text: str, marks: pd.DataFrame) -> str:
    """The article with each mention highlighted and labelled with its actor (shown on hover)."""
    marks = marks.sort_values("start")
    marks = marks[marks["start"] >= marks["end"].shift(fill_value=0).cummax()]
    labels = [f"{actor} ({kind})" for actor, kind in zip(marks["actor"], marks["actor_type"])]
    return highlighted_html(text, list(zip(marks["start"], marks["end"], labels)))


def explore_actors(docs: pd.DataFrame, actors=None) -> Explorer:
    """Explore who is mentioned: a chart of mentions, and each article with every mention highlighted.

    Controls: ``article`` ("all articles" or one article), ``actor_type``
    (all, person, organisation, state, place, event) and ``top`` (how many
    actors the chart shows). For all articles the explorer shows a table of
    totals; for one article, a table of its mentions in reading order (so the
    actor of each mark can be read without a mouse) and its text with each
    mention marked (hover over a mark to see the actor). With more than
    ``MANY_ARTICLES`` (20) articles, the chart of all articles stacks the
    outlets rather than the articles.

    Example:
        >>> from helpers import load_corpus
        >>> explorer = explore_actors(load_corpus())
        >>> explorer.controls["actor_type"].value = "person"
        >>> explorer.table.actor.iloc[0]
        'Maryam Rajavi'
    """
    _check_docs(docs, "explore_actors")
    table = _actor_list(actors)
    sents = sentences(docs)
    mentions = actor_mentions(docs, table, sents=sents)
    counts = mention_counts(docs, "doc_id", mentions=mentions)
    totals = mention_counts(docs, None, mentions=mentions)
    texts = dict(zip(docs["doc_id"].astype(str), docs["text"]))
    n_actors = max(1, mentions["actor"].nunique())
    # Each article's rows, found once: selecting them by comparing millions of rows would be slow.
    counts_of, mentions_of = rows_by(counts["doc_id"].astype(str)), rows_by(mentions["doc_id"].astype(str))
    none = np.zeros(0, dtype=np.int64)
    # With many articles, the chart of all articles stacks the outlets (or shows totals), not every article.
    group = summary_column(docs)
    summary = mention_counts(docs, group, mentions=mentions) if many_articles(docs) else None
    controls = {
        "article": widgets.Dropdown(options=_doc_options(docs), value=ALL_ARTICLES, description="Article"),
        "actor_type": widgets.Dropdown(options=[ALL_TYPES, *ACTOR_TYPES], value=ALL_TYPES, description="Actor type"),
        "top": widgets.IntSlider(value=min(15, n_actors), min=1, max=min(n_actors, 40), description="Top actors"),
    }

    def render(article, actor_type, top):
        if article == ALL_ARTICLES:
            chosen = totals[totals["actor_type"] == actor_type] if actor_type != ALL_TYPES else totals
            if summary is not None:
                if chosen.empty:
                    return View(message=f"No actor of type {actor_type} is mentioned in these articles.")
                shown = summary[summary["actor_type"] == actor_type] if actor_type != ALL_TYPES else summary
                figure, drawn = plot_actor_mentions(shown, top=top, return_table=True)
                return View(
                    figure=figure,
                    chart_table=drawn,
                    table=chosen.reset_index(drop=True),
                    caption=f"Mentions of each actor in all {len(docs):,} articles "
                    f"(the chart {'stacks the outlets' if group else 'shows the totals'}: "
                    "too many articles to give each its own colour)",
                )
            shown = counts[counts["actor_type"] == actor_type] if actor_type != ALL_TYPES else counts
            if shown.empty:
                return View(message=f"No actor of type {actor_type} is mentioned in these articles.")
            return View(
                figure=plot_actor_mentions(shown, top=top),
                table=chosen.reset_index(drop=True),
                caption="Mentions of each actor in all articles",
            )
        shown = counts.iloc[counts_of.get(article, none)]
        if actor_type != ALL_TYPES:
            shown = shown[shown["actor_type"] == actor_type]
        if shown.empty:
            return View(message=f"No actor of type {actor_type} is mentioned in {article}.")
        marks = mentions.iloc[mentions_of.get(article, none)]
        if actor_type != ALL_TYPES:
            marks = marks[marks["actor_type"] == actor_type]
        listing = marks[["sentence_id", "alias", "actor", "actor_type"]].reset_index(drop=True)
        return View(
            figure=plot_actor_mentions(shown, top=top),
            table=listing,
            html=_marked_text(texts[article], marks),
            caption=f"Mentions in {article}, in reading order (the same as the marks in the text below)",
        )

    return Explorer(
        "Who is mentioned, and how often",
        controls,
        render,
        note="Mentions are found with the actor list (corpus/actors.csv): names not on the list are not counted.",
    )


def explore_naming(docs: pd.DataFrame, actors=None) -> Explorer:
    """Explore how the articles name one actor: the words each uses, and the sentences they occur in.

    Controls: ``actor`` (actors named in at least two ways in the corpus;
    "PMOI/MEK" first if there) and ``article`` ("all articles" or one). Shows
    the naming chart, the table of counts and shares, and every sentence that
    names the actor, with the name used (the first 200). With more than
    ``MANY_ARTICLES`` (20) articles, the chart of all articles has one bar per
    outlet rather than per article.

    Example:
        >>> from helpers import load_corpus
        >>> explorer = explore_naming(load_corpus())
        >>> explorer.controls["article"].value = "iranfreedom-2018"
        >>> explorer.table[["alias", "count"]].values.tolist()
        [['MEK', 5], ['mujahidin', 1]]
    """
    _check_docs(docs, "explore_naming")
    table = _actor_list(actors)
    sents = sentences(docs)
    mentions = actor_mentions(docs, table, sents=sents)
    if mentions.empty:
        raise ValueError("No actor of the list is mentioned in these articles, so there are no names to compare.")
    choices = _naming_table(mentions, list(docs["doc_id"]))
    where = mentions.merge(sents[["doc_id", "sentence_id", "sentence"]], on=["doc_id", "sentence_id"], how="left")
    where = where[["actor", "doc_id", "alias", "sentence"]]
    forms = mentions.groupby("actor")["alias"].nunique()
    options = sorted(forms[forms >= 2].index) or sorted(forms.index)
    default = next((a for a in options if a.lower() == "pmoi/mek"), options[0])
    controls = {
        "actor": widgets.Dropdown(options=options, value=default, description="Actor"),
        "article": widgets.Dropdown(options=_doc_options(docs), value=ALL_ARTICLES, description="Article"),
    }
    # The rows of each actor, and of each actor in each article, found once.
    doc_ids = [choices["doc_id"].astype(str), where["doc_id"].astype(str)]
    choices_of, choices_in = rows_by(choices["actor"]), rows_by(choices["actor"], doc_ids[0])
    where_of, where_in = rows_by(where["actor"]), rows_by(where["actor"], doc_ids[1])
    none = np.zeros(0, dtype=np.int64)
    # With many articles, the chart of all articles has one bar per outlet (or one in all), not one per article.
    by_group, group = None, summary_column(docs) or "corpus"
    if many_articles(docs):
        group_of = docs.set_index("doc_id")[group] if group != "corpus" else pd.Series("all articles", docs["doc_id"])
        grouped = mentions.assign(doc_id=mentions["doc_id"].map(group_of).astype(str))
        by_group = _naming_table(grouped, [str(g) for g in group_of.unique()])
        by_group = by_group.rename(columns={"doc_id": group})
    group_of_actor = rows_by(by_group["actor"]) if by_group is not None else {}

    def render(actor, article):
        if article == ALL_ARTICLES:
            shown, said = choices.iloc[choices_of.get(actor, none)], where.iloc[where_of.get(actor, none)]
        else:
            key = (actor, article)
            shown, said = choices.iloc[choices_in.get(key, none)], where.iloc[where_in.get(key, none)]
        if shown.empty:
            return View(message=f"{article} does not mention {actor}.")
        sentences_html = table_html(
            said.head(200).drop(columns="actor").reset_index(drop=True),
            caption=f"Sentences naming {actor}",
            max_rows=200,
            rows_in_all=len(said),
        )
        caption, figure, drawn = f"Names used for {actor}", None, None
        if article == ALL_ARTICLES and by_group is not None:
            figure, drawn = plot_naming_choices(by_group.iloc[group_of_actor.get(actor, none)], return_table=True)
            caption += f" (the chart sums the articles of each {group}: too many articles for one bar each)"
        return View(
            figure=figure if figure is not None else plot_naming_choices(shown),
            chart_table=drawn,
            table=shown.drop(columns="actor").reset_index(drop=True),
            caption=caption,
            html=sentences_html,
        )

    return Explorer(
        "How the articles name an actor",
        controls,
        render,
        note="Each name is counted exactly as written; the share is of the article's mentions of the actor.",
    )


def explore_co_mentions(docs: pd.DataFrame, actors=None) -> Explorer:
    """Explore which actors are named in the same sentence, in all articles or one.

    Controls: ``article`` and ``top`` (how many actors the matrix shows).
    Shows the matrix and the table of pairs with an example sentence.

    Example:
        >>> from helpers import load_corpus
        >>> explorer = explore_co_mentions(load_corpus())
        >>> explorer.controls["article"].value = "breitbart-2014"
        >>> explorer.table.head(1)[["actor_a", "actor_b", "sentences"]].values.tolist()
        [['Iran', 'Syria', 6]]
    """
    _check_docs(docs, "explore_co_mentions")
    table = _actor_list(actors)
    sents = sentences(docs)
    mentions = actor_mentions(docs, table, sents=sents)
    pairs = _pair_sentences(mentions)
    n_actors = max(2, mentions["actor"].nunique())
    controls = {
        "article": widgets.Dropdown(options=_doc_options(docs), value=ALL_ARTICLES, description="Article"),
        "top": widgets.IntSlider(value=min(12, n_actors), min=2, max=min(n_actors, 30), description="Top actors"),
    }

    # Summarised once for all articles; for one article, from its own rows only (found once, by article).
    pairs_of, sentences_of = rows_by(pairs["doc_id"].astype(str)), rows_by(sents["doc_id"].astype(str))
    everything = _summarise_pairs(pairs, sents)
    none = np.zeros(0, dtype=np.int64)

    def render(article, top):
        if article == ALL_ARTICLES:
            summary = everything
        else:
            own_sentences = sents.iloc[sentences_of.get(article, none)]
            summary = _summarise_pairs(pairs.iloc[pairs_of.get(article, none)], own_sentences)
        if summary.empty:
            return View(message=f"No sentence in {article} names two different actors of the list.")
        return View(figure=plot_co_mentions(summary, top=top), table=summary, caption="Pairs of actors")

    return Explorer(
        "Who is named with whom",
        controls,
        render,
        note="Two actors count together when one sentence names both.",
    )
