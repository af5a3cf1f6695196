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

The actor list of a corpus of your own: without ``actors=``, every analysis
here uses the course's list, which was written for the course corpus; on
another corpus it says so with a warning. Copy
``examples/practice-corpus/actors.csv``, write one row per alias for your
topic, and pass ``actors=load_actors(path)``. The matching itself is done by
:class:`helpers.names.NameMatcher`, which :func:`helpers.quotations` also uses
to tell which actor a speaker is.

Inputs follow the course's input contract (:mod:`helpers.inputs`): ``docs``
first, the tables you can reuse (``sents=``, ``toks=``, ``mentions=``) by
keyword. An unknown ``by`` column or actor is a ``ValueError``; an actor
list with a missing column, an empty field, an unknown ``actor_type`` or a
repeated alias is a ``CorpusError``; each says what to do. A corpus with no
articles, or an analysis that finds nothing, gives an empty table with the
usual columns. The charts are in :mod:`helpers.charts.actors`, the explorers
in :mod:`helpers.explorers.actors`.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from helpers._engine import parallel
from helpers._engine.tables import CodedRows, sentence_starts_by_article
from helpers.corpus import CORPUS_DIR, note_course_list
from helpers.dates import MONTH_NUMBER, WEEKDAY_ABBREVIATIONS, WEEKDAY_NUMBER
from helpers.inputs import (
    CorpusError,
    check_column,
    check_docs,
    check_reused,
    check_whole_number,
    read_csv_file,
    renamed_keywords,
)
from helpers.names import NameMatcher, alias_key, introduction_words, name_joiners, normalise, titles_with_a_stop
from helpers.progress import steps
from helpers.text import TOKEN_COLUMNS, _sentences_for, _tokens, count_words, stopwords
from helpers.words import per_1000

ACTOR_COLUMNS = ("actor", "actor_type", "alias")
ACTOR_TYPES = ("person", "organisation", "state", "place", "event")

MENTION_COLUMNS = ["doc_id", "sentence_id", "actor", "actor_type", "alias", "listed_alias", "start", "end"]
CO_MENTION_COLUMNS = ["actor_a", "actor_b", "sentences", "articles", "example"]
UNLISTED_COLUMNS = ["name", "count", "articles", "example"]
FIRST_MENTION_COLUMNS = ["doc_id", "actor", "actor_type", "alias", "sentence_id", "introduced_as", "sentence"]
NAMING_COLUMNS = ["actor", "doc_id", "alias", "count", "share"]

# Words that may open a description after "Name, " (besides title words and capitalised words).
_DESCRIPTION_OPENERS = frozenset("the a an one its his her their our former who now".split())
_MONTHS_AND_DAYS = frozenset(MONTH_NUMBER) | frozenset(WEEKDAY_NUMBER) | frozenset(WEEKDAY_ABBREVIATIONS)
_UPPER = "A-ZÀ-ÖØ-Þ"
_POSSESSIVE = re.compile(r"['’]s$")


@lru_cache(maxsize=1)
def _name_patterns() -> tuple[re.Pattern, re.Pattern]:
    """A word of a candidate name, and a candidate name: capitalised words, maybe joined by name joiners."""
    with_stop = "|".join(titles_with_a_stop())
    word = rf"(?:(?:[A-Z]\.){{2,}}|(?:{with_stop})\.|(?:al-)?[{_UPPER}]\w*(?:[-'’]\w+)*)"
    joiners = "|".join(name_joiners())
    name = re.compile(rf"(?<![\w'’-]){word}(?:[ \t]+(?:(?:{joiners})[ \t]+)*{word})*")
    return re.compile(word), name


# --------------------------------------------------------------------------- the actor list


def load_actors(path: Path | str | None = None) -> pd.DataFrame:
    """Read an actor list: one row per alias, with ``actor``, ``actor_type``, ``alias`` and ``note``.

    Without a path, reads the course list ``corpus/actors.csv``.

    Example:
        >>> actors = load_actors()
        >>> sorted(actors[actors.actor == "PMOI/MEK"].alias)[:3]
        ['MEK', 'MKO', 'Mojahedeen Khalq Organisation']
    """
    path = Path(path) if path is not None else CORPUS_DIR / "actors.csv"
    frame = read_csv_file(path, required=ACTOR_COLUMNS, what="actor list")
    _check_actor_rows(frame, str(path))
    if "note" not in frame.columns:
        frame["note"] = ""
    return frame.reset_index(drop=True)


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
    key = frame["alias"].map(alias_key)
    clash = frame[key.duplicated(keep=False)]
    if not clash.empty:
        rows = ", ".join(f"row {r} ({a!r} for {b!r})" for r, a, b in zip(clash.index, clash.alias, clash.actor))
        raise CorpusError(f"{where}: the same alias is listed more than once: {rows}. Keep one row per alias.")


def actor_list(actors, docs: pd.DataFrame | None = None, function: str = "actor_mentions") -> pd.DataFrame:
    """The actor list from ``None`` (the course list), a path, or a DataFrame with the same columns.

    With ``None`` and articles that are not the course corpus's, a warning says that the course list is used.
    """
    if actors is None and docs is not None:
        note_course_list(
            docs, function, "actor list (corpus/actors.csv)", "actors=load_actors('your-folder/actors.csv')"
        )
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
            f"actor table: no column {', '.join(repr(c) for c in missing)} (the table has: "
            f"{', '.join(map(str, actors.columns))}). The table needs the columns {', '.join(ACTOR_COLUMNS)}."
        )
    frame = actors.copy()
    for column in ACTOR_COLUMNS:
        frame[column] = frame[column].fillna("").astype(str)
    frame.index = range(1, 1 + len(frame))
    _check_actor_rows(frame, "actor table")
    if "note" not in frame.columns:
        frame["note"] = ""
    return frame.reset_index(drop=True)


# --------------------------------------------------------------------------- the tables reused


def _mentions_for(docs: pd.DataFrame, mentions, actors, sents, function: str) -> pd.DataFrame:
    """The mentions given (checked), or found with the actor list (and ``sents``, made if need be)."""
    if mentions is not None:
        return check_reused(mentions, "mentions", docs, function, MENTION_COLUMNS, "actor_mentions(docs)")
    table = actor_list(actors, docs, function)
    return _actor_mentions(docs, table, _sentences_for(docs, sents, function))


def _words_per_article(docs: pd.DataFrame) -> pd.Series:
    words = docs["n_words"] if "n_words" in docs.columns else count_words(docs["text"])
    return pd.Series(words.to_numpy(), index=docs["doc_id"].to_numpy())


# --------------------------------------------------------------------------- mentions


@renamed_keywords(positional=("actors", "sents"))
def actor_mentions(docs: pd.DataFrame, *, actors=None, sents: pd.DataFrame | None = None) -> pd.DataFrame:
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
    check_docs(docs, "actor_mentions")
    table = actor_list(actors, docs, "actor_mentions")
    return _actor_mentions(docs, table, _sentences_for(docs, sents, "actor_mentions"))


def _actor_mentions(docs: pd.DataFrame, table: pd.DataFrame, sents: pd.DataFrame) -> pd.DataFrame:
    # On a large corpus, parts of it are searched at the same time, one on each core (helpers._engine.parallel).
    return parallel.by_articles(_mentions_in, docs, sents, label="Finding actors", table=table)


def _mentions_in(docs: pd.DataFrame, sents: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """The mentions of the actors of ``table`` in ``docs``, whose sentences are ``sents``."""
    matcher = NameMatcher(table)
    starts_by_doc = sentence_starts_by_article(sents)
    rows = CodedRows(
        numbers=["sentence_id", "start", "end"],
        small=["row"],
        texts=["alias"],
        groups={"entry": ("listed_alias", "actor", "actor_type")},  # an alias of the list comes with its actor
    )
    for number, (doc_id, text) in enumerate(steps(zip(docs["doc_id"], docs["text"]), "Finding actors", len(docs))):
        found = matcher.mentions_in(text)
        if not found:
            continue
        match_starts = np.fromiter((f[0] for f in found), dtype=np.int64, count=len(found))
        sentence_starts, sentence_ids = starts_by_doc.get(doc_id, (np.array([0]), np.array([1])))
        position = np.clip(np.searchsorted(sentence_starts, match_starts, side="right") - 1, 0, None)
        rows.extend(
            row=[number] * len(found),
            sentence_id=sentence_ids[position].tolist(),
            start=[f[0] for f in found],
            end=[f[1] for f in found],
            alias=[f[2] for f in found],
            entry=[f[3] for f in found],
        )
    columns = rows.columns()
    doc_ids = np.asarray(pd.Series(docs["doc_id"], dtype=object).to_numpy(), dtype=object)
    columns["doc_id"] = pd.Series(doc_ids[columns.pop("row")], dtype=object)
    return pd.DataFrame({c: columns[c] for c in MENTION_COLUMNS}, copy=False)


@renamed_keywords(positional=("by", "actors", "mentions"))
def mention_counts(
    docs: pd.DataFrame,
    *,
    by: str | None = "doc_id",
    actors=None,
    mentions: pd.DataFrame | None = None,
    sents: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """How often each actor is mentioned, per article (or per ``by`` group, or in the whole corpus with ``by=None``).

    Columns: the ``by`` column, ``actor``, ``actor_type``, ``mentions``,
    ``articles`` (articles of the group that mention the actor) and
    ``per_1000`` (mentions per 1,000 words of the group, so long and short
    articles can be compared). Sorted by group in the order of ``docs``, then
    by mentions, most first. Pass ``mentions=actor_mentions(docs)`` to reuse a
    computed table (or ``sents=`` to have it found without splitting the
    texts again).

    Example:
        >>> from helpers import load_corpus
        >>> counts = mention_counts(load_corpus())
        >>> counts[counts.doc_id == "ips-2007"].head(2)[["actor", "mentions", "per_1000"]].values.tolist()
        [['Iranian state', 13, 13.25], ['Iran National Solidarity', 10, 10.19]]
    """
    check_docs(docs, "mention_counts")
    check_column(docs, by, "mention_counts", none=True)
    mentions = _mentions_for(docs, mentions, actors, sents, "mention_counts")
    return _mention_counts(docs, by, mentions)


def _mention_counts(docs: pd.DataFrame, by: str | None, mentions: pd.DataFrame) -> pd.DataFrame:
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
    result["per_1000"] = per_1000(result["mentions"], result["_group"].map(group_words).to_numpy()).round(2)
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


@renamed_keywords(positional=("actors", "mentions", "min_count", "sents"))
def co_mentions(
    docs: pd.DataFrame,
    *,
    actors=None,
    mentions: pd.DataFrame | None = None,
    min_count: int = 1,
    sents: pd.DataFrame | None = None,
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
    check_docs(docs, "co_mentions")
    min_count = check_whole_number(min_count, "min_count", "co_mentions", 1)
    sents = _sentences_for(docs, sents, "co_mentions")
    mentions = _mentions_for(docs, mentions, actors, sents, "co_mentions")
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


@renamed_keywords(positional=("actors", "min_count", "mentions", "sents", "toks"))
def unlisted_names(
    docs: pd.DataFrame,
    *,
    actors=None,
    min_count: int = 1,
    mentions: pd.DataFrame | None = None,
    sents: pd.DataFrame | None = None,
    toks: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Capitalised names in the texts that no alias of the actor list covers: the list's blind spots.

    A candidate name is a capitalised word or a run of them, which may be
    joined by ``of``, ``for``, ``the`` or ``de`` (``helpers/data/name_joiners.csv``)
    and may contain ``al-``, ``Mr.``/``Mrs.``/``Ms.``/``Dr.``/``Prof.`` (the
    titles of ``helpers/data/titles.csv`` whose stop stays inside a name) and initials (``Baghdad
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
    check_docs(docs, "unlisted_names")
    min_count = check_whole_number(min_count, "min_count", "unlisted_names", 1)
    sents = _sentences_for(docs, sents, "unlisted_names")
    mentions = _mentions_for(docs, mentions, actors, sents, "unlisted_names")
    if toks is None:
        toks = _tokens(docs, sents)
    else:
        toks = check_reused(toks, "toks", docs, "unlisted_names", TOKEN_COLUMNS, "tokens(docs)", covers=True)
    name_word, name_candidate = _name_patterns()
    joiners = name_joiners()
    lower_case_words = {str(w) for w in pd.unique(toks["token"]) if str(w) == str(w).lower()}  # written in lower case
    stop = stopwords()

    def filler(word: str) -> bool:
        lower = word.lower().rstrip(".")
        shouting = len(word) > 1 and word.isupper()
        return (lower in stop and not shouting) or lower in joiners or lower in _MONTHS_AND_DAYS

    texts = dict(zip(docs["doc_id"], docs["text"]))
    candidates = []  # (doc_id, sentence start, sentence, words, whether the first word starts a clause)
    for doc_id, sentence_id, s_start, sentence in zip(
        sents["doc_id"], sents["sentence_id"], sents["start"], sents["sentence"]
    ):
        if sentence_id == 1 or doc_id not in texts:
            continue  # the headline is in title case
        for candidate in name_candidate.finditer(sentence):
            words = [
                (_POSSESSIVE.sub("", w.group()), w.start() + candidate.start(), w.end() + candidate.start())
                for w in name_word.finditer(candidate.group())
            ]
            prefix = sentence[: candidate.start()].rstrip()
            at_start = prefix == "" or prefix[-1] in "\"“‘'”–—:"
            candidates.append((doc_id, s_start, sentence, words, at_start))
    capitalised_inside = {
        normalise(word)
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
        if at_start and ordinary(normalise(words[0][0]), alone=len(words) == 1):
            words = words[1:]
        if not words:
            continue
        m_starts, m_ends = spans.get(doc_id, (empty, empty))
        starts = np.array([s_start + w[1] for w in words])
        position = np.searchsorted(m_starts, starts, side="right") - 1
        inside = (position >= 0) & (starts < m_ends[np.clip(position, 0, None)]) if len(m_starts) else starts < 0
        for first, last in _uncovered_runs(sentence, words, inside.tolist(), filler):
            name = sentence[words[first][1] : words[last][1] + len(words[last][0])]
            rows.append((normalise(name), name, doc_id, sentence))
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
    return normalise(word).strip(",.;:").lower()


def _title_in_alias(alias: str) -> str:
    words = alias.split()
    taken = []
    for word in words[:-1]:
        if _bare(word) not in introduction_words():
            break
        taken.append(word)
    return " ".join(taken)


def _title_before(before: str) -> str:
    """Title words right before the name ("former president"), or "the X’s President-elect, " before a comma."""
    words = before.split()
    if before.rstrip().endswith(",") and words and _bare(words[-1]) in introduction_words():
        taken = []
        for word in reversed(words[-8:]):
            if taken and word.endswith((",", ";", ":", "(", "–", "—")):
                break
            taken.insert(0, word)
            if word.lower() in ("the", "a", "an"):
                break
            if len(taken) > 1 and not (
                word[:1].isupper() or _bare(word) in introduction_words() or _POSSESSIVE.search(word)
            ):
                taken.pop(0)
                break
        return " ".join(taken).rstrip(",")
    if not before or before[-1:] not in (" ", "\t"):
        return ""
    taken = []
    for word in reversed(words[-4:]):
        if _bare(word) not in introduction_words() or word.endswith((",", ";", ":")):
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
    if not (_bare(first) in _DESCRIPTION_OPENERS or _bare(first) in introduction_words() or first[0].isupper()):
        return ""
    rest = re.sub(r"^the\s+", "", normalise(phrase).lower())
    for name in names:
        if rest.startswith(name) and re.match(r"(?:\s+(?:and|or)\b|$)", rest[len(name) :]):
            return ""
    words = phrase.split()
    return " ".join(words[:20]) + (" …" if len(words) > 20 else "")


@renamed_keywords(positional=("actors", "mentions", "sents"))
def first_mentions(
    docs: pd.DataFrame, *, actors=None, mentions: pd.DataFrame | None = None, sents: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The first mention of each actor in each article, and how the article introduces it.

    ``introduced_as`` gathers, joined by "; ", what a simple window around the
    first mention finds:

    - a description before the name, ending in a title word and a comma
      ("the Iranian Resistance’s President-elect, Mrs. Maryam Rajavi");
    - title words written as part of the alias ("Mrs.", "Dr.", "Ayatollah") or
      right before it ("former president Mohammad Khatami"): the words of
      ``helpers/data/titles.csv`` marked ``in_an_introduction``;
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
    check_docs(docs, "first_mentions")
    sents = _sentences_for(docs, sents, "first_mentions")
    mentions = _mentions_for(docs, mentions, actors, sents, "first_mentions")
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
    known = {d: set(g.map(alias_key)) for d, g in mentions.groupby("doc_id", sort=False)["alias"]}
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


@renamed_keywords(positional=("actors", "mentions"))
def naming_choices(
    docs: pd.DataFrame,
    actor: str,
    *,
    actors=None,
    mentions: pd.DataFrame | None = None,
    sents: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """How each article names one actor: which words it uses, how often, and what share of its mentions.

    ``actor`` is an actor label of the list, in any case (``"pmoi/mek"``).
    Columns: ``actor``, ``doc_id``, ``alias`` (exactly as written, so
    ``Mrs. Rajavi`` and ``Mrs Rajavi`` stay apart), ``count`` and ``share``
    (of that article's mentions of the actor). One row per article and alias,
    for every article that mentions the actor, in the order of ``docs``. An
    actor the list does not know raises ``ValueError`` with close matches; a
    known actor that no article mentions gives an empty table. With
    ``mentions=`` and no ``actors=``, the actor is looked for among the
    mentions' actors.

    Example:
        >>> from helpers import load_corpus
        >>> choices = naming_choices(load_corpus(), "PMOI/MEK")
        >>> choices[choices.doc_id == "ips-2007"][["alias", "count", "share"]].values.tolist()
        [['MKO', 3, 0.75], ['Mojahedeen Khalq Organisation (MKO)', 1, 0.25]]
    """
    check_docs(docs, "naming_choices")
    if mentions is not None and actors is None:  # the actor may be one of the course list or of the mentions
        mentions = check_reused(mentions, "mentions", docs, "naming_choices", MENTION_COLUMNS, "actor_mentions(docs)")
        label = _resolve_actor(actor, [*load_actors()["actor"].unique(), *mentions["actor"].unique()])
    else:
        table = actor_list(actors, docs, "naming_choices")
        label = _resolve_actor(actor, table["actor"].unique())
        if mentions is None:
            mentions = _actor_mentions(docs, table, _sentences_for(docs, sents, "naming_choices"))
        else:
            mentions = check_reused(
                mentions, "mentions", docs, "naming_choices", MENTION_COLUMNS, "actor_mentions(docs)"
            )
    return _naming_table(mentions[mentions["actor"] == label], list(docs["doc_id"]))
