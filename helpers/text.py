"""Split articles into sentences and tokens: one splitter and one tokenizer for the whole course.

What the rules assume
    English news text, written in the usual style of news: sentences that
    start with a capital letter, abbreviations with full stops (``Mr.``,
    ``U.S.``, ``a.m.``), curly or straight quotation marks. Other languages
    are split by the same rules, which hold for French (accented capitals,
    « » quotation marks) and for scripts without capital letters such as
    Persian or Arabic (a sentence may start with any letter of those scripts),
    but abbreviations are only known in English. :func:`helpers.validate_corpus`
    warns when a text does not look English.

Sentences
    A paragraph break always ends a sentence. Inside a paragraph, a sentence
    ends at ``.``, ``!``, ``?`` (or the Arabic-script ``؟``), with any closing
    quotation marks or brackets after it, when the next word after the space
    starts with a capital letter (of any alphabet: ``Élise``, ``Ça``), a
    digit, a letter of a script without capitals, or is a lower-case word with
    a capital inside (``al-Muhandis``, ``iPhone``). Exclamation and question
    marks always end a sentence there. A full stop ends it unless:

    - it follows an abbreviation of ``helpers/data/abbreviations.csv``
      (compared ignoring case, so ``DEC.`` is ``Dec.``), whose ``kind`` says
      when it may end a sentence:

      - ``title`` (Mr., Dr., Maj., Gen., Mt., St.): stands before a name and
        never ends a sentence;
      - ``number`` (No., p., Art.): not before a number (``p. 55``);
      - ``date`` (Dec., Sept., Sat.): not before a number or a month or
        weekday name (``DEC. 12``, ``Sat. June 13``);
      - ``time`` (a.m., p.m.): only before a word that opens sentences (see
        below) or a title (``at 6 P.M. Mr. Smith then went``), never before
        a weekday or ``local``, ``BST``, ``Central European Time``;
      - ``other`` (Inc., Co., Jr., etc., Calif.): only before a word that
        opens sentences;

      the ``number`` and ``date`` kinds are ordinary words when no number or
      date follows (``the answer was no. The vote``);
    - it follows initials: ``U.S.``, ``E.U.``, a single capital ``E.``. Like
      the ``other`` kind, these end a sentence only before a word that opens
      sentences: ``He moved to the U.S. The next year`` is two sentences,
      ``the U.S. Government`` and ``Jonas E. Smith`` are not split;
    - it follows a list marker that opens the sentence (``1.``, ``a.``,
      ``• 9.``);
    - it ends a spaced or unspaced ellipsis of three dots (``...``, ``. . .``,
      ``…``): an ellipsis does not end a sentence on its own, an ellipsis with
      a full stop (four dots, ``…``) does.

    "A word that opens sentences" is a word of the editable list
    ``helpers/data/sentence_openers.csv`` (The, He, It, In, But...). After an
    abbreviation or initials a bracket does not start a sentence (``SAN JOSE,
    Calif. (AP) —``), and nothing is split while the sentence so far is only a
    short opening phrase: a word marked ``opens_a_phrase`` there (At, In,
    By...) and at most three more words (``At 5 a.m. Mr. Smith went``).

    An elision in square brackets (``[...]``) ends a sentence before a
    capital, unless a full stop comes right before it: then the full stop ends
    the sentence and the elision opens the next one (``bus. [...] 13
    students``), as does an ellipsis after a full stop (``compounds. . . .
    The``). In a list whose first item opens a paragraph (``1.``, ``1.)``,
    ``1)``, ``a.``, or a bullet ``•``), the next marker in sequence (``2.``,
    ``b.``) or the next bullet starts a new sentence.

Tokens
    A token is a word, a number or the possessive ``'s``:

    - curly (’) and straight (') apostrophes are treated alike; ``lower``
      always uses the straight one;
    - words joined by a hyphen stay one token: ``al-Assad``,
      ``Auvers-sur-Oise``, ``three-year-long``;
    - names joined by a slash stay one token: ``PMOI/MEK`` is one naming
      choice, not two words;
    - the possessive ``'s`` is a token of its own, whatever its case, so
      ``Iran's`` counts as ``Iran`` plus ``'s`` and ``TRUMP'S`` as ``TRUMP``
      plus ``'S``; other apostrophes stay inside the word (``isn't``,
      ``Mas'oud``, ``D'Oise``);
    - a word keeps its combining marks (accents written as separate
      characters, Arabic and Indic vowel signs) and the zero-width
      non-joiner and joiner (U+200C, U+200D) inside it, so the Persian
      ``می‌شود`` is one word;
    - numbers keep their thousands separators and decimals (``162,000``);
      initials keep their stops (``U.S.``);
    - punctuation is not a token.

    ``is_stopword`` uses the editable list in ``helpers/data/stopwords.csv``,
    whatever the case of the word: ``the``, ``The`` and ``THE`` are all
    stopwords. The few stopwords that are also acronyms when written in
    capitals are marked there (``acronym_in_capitals``): ``US``, ``IT`` and
    ``WHO`` are not stopwords, so the United States is not mistaken for the
    pronoun "us".

Both tables are built by the engine (:mod:`helpers._engine.tables`) in a way that keeps a corpus of
millions of tokens in little memory; the rules are the ones above.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from functools import lru_cache

import numpy as np
import pandas as pd

from helpers._engine import parallel, tables
from helpers.inputs import DATA_DIR, check_docs, check_reused, read_csv_file


def _combining_marks() -> str:
    """The combining marks (categories Mn, Mc, Me) of the blocks where scripts keep them, as a character class body."""
    blocks = [
        (0x0300, 0x2000),
        (0x20D0, 0x2100),
        (0x3099, 0x309B),
        (0xA600, 0xAB00),
        (0xFB1E, 0xFB1F),
        (0xFE00, 0xFE30),
    ]
    marks = [chr(c) for a, b in blocks for c in range(a, b) if unicodedata.category(chr(c)) in ("Mn", "Mc", "Me")]
    return "".join(re.escape(m) for m in marks)


_LETTER = rf"[\w{_combining_marks()}]"  # a character of a word: \w misses combining marks
_JOINERS = "\u200c\u200d"  # zero-width non-joiner and joiner, inside Persian and Indic words
TOKEN_PATTERN = (
    r"\b(?:[A-Za-z]\.){2,}"  # initials: U.S., E.U.
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+"  # 162,000  2.5
    r"|(?<=\w)['’][sS]\b"  # the possessive 's
    rf"|{_LETTER}+(?:(?:[-/{_JOINERS}]|['’](?![sS]\b)){_LETTER}+)*"  # words, with inner hyphens, slashes, apostrophes
)
TOKEN_RE = re.compile(TOKEN_PATTERN)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_NON_SPACE = re.compile(r"\S")

# A candidate end of sentence: the stop, the closing marks after it, and a look at the next word (after any opening
# marks); the rules of the module docstring then decide, in _ends_sentence. An ellipsis may come first instead.
_SENTENCE_END = re.compile(
    r"(?P<stop>[.!?؟…]+)(?P<close>[\"”’')\]»]*(?:\s»)?)(?=\s+(?P<open>[\"“‘'(\[«]*)(?P<word>[\w\-]*)(?P<initial>\.?))"
)
_ELLIPSIS_NEXT = re.compile(r"(?:\[(?:\.{3,4}|…)\]|\.(?:\s?\.){2,}|…)\s*[\w\"“‘«(\[]")  # then a word
_INITIALS = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]|[A-Z]")
_LIST_START = re.compile(r"[•⁃‣▪◦]?\s*(?:\d{1,2}|[a-z])(?:\.\)|\.|\))\s")
_LIST_MARKER = re.compile(r"(?<!\S)(\d{1,2}|[a-z])(\.\)|\.|\))(?=\s)")
_BULLET = re.compile(r"(?<=\s)[•⁃‣▪◦](?=\s?\S)")
_BULLETS = "•⁃‣▪◦"
_OPENERS = "\"“‘'([«"
_OPENERS_AND_BULLETS = _OPENERS + _BULLETS
_MONTHS_AND_WEEKDAYS = frozenset(
    n.lower() for n in [*calendar.month_name[1:], *calendar.month_abbr[1:], *calendar.day_name, *calendar.day_abbr]
)

SENTENCE_COLUMNS = ["doc_id", "sentence_id", "paragraph_id", "sentence", "start", "end"]
TOKEN_COLUMNS = ["doc_id", "sentence_id", "token", "lower", "is_stopword", "start", "end"]
ABBREVIATION_KINDS = ("title", "number", "date", "time", "other")
_KINDS: dict[str, str] = {}  # abbreviation_kinds(), once read


@lru_cache(maxsize=1)
def _stopword_table() -> pd.DataFrame:
    frame = read_csv_file(
        DATA_DIR / "stopwords.csv", ["word", "acronym_in_capitals"], "list helpers/data/stopwords.csv"
    )
    return frame.assign(word=frame["word"].str.strip().str.lower(), acronym=frame["acronym_in_capitals"].str.strip())


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The course stopword list, read from ``helpers/data/stopwords.csv``, in lower case.

    Example:
        >>> "the" in stopwords(), "regime" in stopwords()
        (True, False)
    """
    table = _stopword_table()
    return frozenset(table.loc[table["word"].ne(""), "word"])


@lru_cache(maxsize=1)
def acronym_stopwords() -> frozenset[str]:
    """Stopwords that are acronyms when written in capitals (``us``: US), so not stopwords then; in lower case.

    Example:
        >>> sorted(acronym_stopwords())
        ['it', 'us', 'who']
    """
    table = _stopword_table()
    return frozenset(table.loc[table["acronym"].eq("yes"), "word"])


@lru_cache(maxsize=1)
def abbreviation_kinds() -> dict[str, str]:
    """The abbreviations of ``helpers/data/abbreviations.csv``, in lower case, with their kind (module docstring).

    Example:
        >>> kinds = abbreviation_kinds()
        >>> kinds["mrs"], kinds["dec"], kinds["a.m"], kinds["inc"]
        ('title', 'date', 'time', 'other')
    """
    where = "list helpers/data/abbreviations.csv"
    frame = read_csv_file(DATA_DIR / "abbreviations.csv", ["abbreviation", "kind"], where)
    kinds = {}
    for row, (word, kind) in zip(frame.index, zip(frame["abbreviation"].str.strip(), frame["kind"].str.strip())):
        if kind not in ABBREVIATION_KINDS:
            raise ValueError(
                f"{DATA_DIR / 'abbreviations.csv'}, row {row}, field 'kind': {kind!r} is not one of "
                f"{', '.join(ABBREVIATION_KINDS)}. Write one of them."
            )
        if word:
            kinds[word.lower()] = kind
    _KINDS.update(kinds)  # the same dict, for the splitter's fast path
    return kinds


def abbreviations() -> frozenset[str]:
    """Abbreviations after which a full stop may not end a sentence (in lower case; see :func:`abbreviation_kinds`).

    Example:
        >>> "mrs" in abbreviations()
        True
    """
    return frozenset(abbreviation_kinds())


@lru_cache(maxsize=1)
def _openers() -> tuple[frozenset[str], frozenset[str]]:
    """Words that open sentences (as written, with a capital), and those that open a phrase (lower case)."""
    frame = read_csv_file(
        DATA_DIR / "sentence_openers.csv", ["word", "opens_a_phrase"], "list helpers/data/sentence_openers.csv"
    )
    words = frame["word"].str.strip()
    phrase = words[frame["opens_a_phrase"].str.strip().eq("yes")]
    return frozenset(w for w in words if w), frozenset(w.lower() for w in phrase if w)


def sentence_openers() -> frozenset[str]:
    """Words that, written with a capital after an abbreviation or initials, start a new sentence.

    Example:
        >>> {"The", "He", "At"} <= sentence_openers()
        True
    """
    return _openers()[0]


# --------------------------------------------------------------------------------------------------------------------
# Sentences


def _starts_a_sentence(word: str) -> bool:
    """Can ``word`` start a sentence: a capital (any alphabet), a digit, a caseless script, or al-Muhandis, iPhone."""
    first = word[:1]
    if "A" <= first <= "Z" or "0" <= first <= "9":
        return True
    if not first or ("a" <= first <= "z" and word.islower()):
        return False
    return first.isupper() or first.isdigit() or (first.isalpha() and not first.islower()) or not word.islower()


def _list_item_starts(text: str, start: int, end: int) -> list[int]:
    """Where the items of a list that opens the paragraph ``text[start:end]`` start, after the first one: at the
    next marker in sequence (1. then 2.; a. then b.), or at a bullet."""
    if not _LIST_START.match(text, start, end):
        return []
    starts = [m.start() for m in _BULLET.finditer(text, start, end)]
    markers = list(_LIST_MARKER.finditer(text, start, end))
    if markers and not text[start : markers[0].start()].strip(_BULLETS + " "):
        value, style = markers[0].group(1), markers[0].group(2)
        for marker in markers[1:]:
            wanted = str(int(value) + 1) if value.isdigit() else chr(ord(value) + 1)
            if marker.group(1) == wanted and marker.group(2) == style:
                before = text[start : marker.start()].rstrip(" ")
                starts.append(start + len(before) - 1 if before[-1:] in _BULLETS else marker.start())
                value = wanted
    return sorted(set(starts))


def _spaced_dots(text: str, stop: int, floor: int) -> tuple[int, bool]:
    """How many dots, each after a single space, end at ``stop``; and whether the first is glued to a word."""
    count, i = 1, stop
    while i >= floor + 2 and text[i - 1] == " " and text[i - 2] == ".":
        count, i = count + 1, i - 2
    return count, i > floor and not text[i - 1].isspace()


def _opening_phrase(text: str, sentence_start: int, begin: int) -> bool:
    """Is the sentence so far only a short opening phrase: At, In, By... and at most three more words?"""
    words = text[sentence_start:begin].split()
    return 0 < len(words) <= 3 and words[0].lstrip(_OPENERS).lower() in _openers()[1]


def _ends_sentence(text: str, match: re.Match, sentence_start: int, floor: int) -> bool:
    """Does this candidate stop end the sentence (which starts at ``sentence_start``, in a paragraph starting at
    ``floor``)? The rules of the module docstring, the most common case first."""
    stop, next_word = match.group("stop", "word")
    first = next_word[:1]
    if not ("A" <= first <= "Z" or "0" <= first <= "9"):
        ellipsis_next = not next_word and _ELLIPSIS_NEXT.match(text, match.end("open") - len(match.group("open")[-1:]))
        if not (ellipsis_next or _starts_a_sentence(next_word)):
            return False
        ellipsis_next = bool(ellipsis_next)
    else:
        ellipsis_next = False
    at = match.start()
    if stop != ".":
        if "!" in stop or "?" in stop or "؟" in stop:
            return True
        if text[at - 1 : at] == "[" and match.group("close")[:1] == "]":  # an elision: [...]
            return sentence_start != at - 1 and not ellipsis_next and not match.group("open").startswith("(")
        return stop.count(".") + 3 * stop.count("…") >= 4  # an ellipsis alone does not end a sentence
    space = text.rfind(" ", floor, at)
    if space == at - 1 and at > floor:  # a spaced ellipsis: . . . or . . . .
        if ellipsis_next:
            return False  # a dot inside the ellipsis
        count, glued = _spaced_dots(text, at, floor)
        if count > 1:
            return count - glued >= 4
    if space < 0:
        space = floor - 1
    newline = text.rfind("\n", space + 1, at)
    begin = (newline if newline > space else space) + 1
    word = text[begin:at].lstrip(_OPENERS_AND_BULLETS)
    if not word:
        return True
    kind = _KINDS.get(word.lower()) if _KINDS else abbreviation_kinds().get(word.lower())
    if kind is None:
        if len(word) <= 2 and (word.isdigit() or (len(word) == 1 and word.islower())):
            if not text[sentence_start:begin].strip(_BULLETS + " \n"):
                return False  # a list marker opening its sentence: 1. 9. a.
        if (len(word) > 1 and "." not in word) or not _INITIALS.fullmatch(word):
            return True  # an ordinary word
        kind = "other"  # initials: U.S., E.
    if kind == "title" or ellipsis_next:
        return False
    if kind == "number":
        return not next_word[:1].isdigit()
    if kind == "date":
        return not (next_word[:1].isdigit() or next_word.lower() in _MONTHS_AND_WEEKDAYS)
    if match.group("open")[:1] in ("(", "[") or _opening_phrase(text, sentence_start, begin):
        return False  # after an abbreviation, a bracket does not open a sentence; nor does "At 5 a.m." end one
    if len(next_word) == 1 and match.group("initial"):
        return False  # initials before the next initial: Wayne A. I. Frederick
    if next_word in sentence_openers():
        return True
    return kind == "time" and abbreviation_kinds().get(next_word.lower()) == "title"


def _paragraphs(text: str):
    """``(start, end)`` of each paragraph: the text between paragraph breaks."""
    start = 0
    for found in _PARAGRAPH_BREAK.finditer(text):
        yield start, found.start()
        start = found.end()
    yield start, len(text)


def split_sentences(text: str) -> list[tuple[int, int, int]]:
    """Split one text into sentences: a list of ``(start, end, paragraph_id)``.

    Example:
        >>> text = "Mrs. Rajavi met Mr. Jarba in the U.S. capital. They spoke at 10 a.m. Tuesday. He left."
        >>> [text[s:e] for s, e, _ in split_sentences(text)]
        ['Mrs. Rajavi met Mr. Jarba in the U.S. capital.', 'They spoke at 10 a.m. Tuesday.', 'He left.']
    """
    spans = []
    for paragraph_id, (p_start, p_end) in enumerate(_paragraphs(text), start=1):
        first = _NON_SPACE.search(text, p_start, p_end)
        if first is None:
            continue
        start = first.start()
        items = _list_item_starts(text, start, p_end)
        for match in _SENTENCE_END.finditer(text, start, p_end):
            while items and items[0] <= match.start():
                item = items.pop(0)
                end = start + len(text[start:item].rstrip())
                if end > start:
                    spans.append((start, end, paragraph_id))
                start = item
            if _ends_sentence(text, match, start, p_start):
                spans.append((start, match.end(), paragraph_id))
                start = match.start("open")
        for item in [*items, p_end]:
            end = start + len(text[start:item].rstrip())
            if end > start:
                spans.append((start, end, paragraph_id))
            start = item
    return spans


# --------------------------------------------------------------------------------------------------------------------
# Tokens


def is_stopword(words: list[str]) -> np.ndarray:
    """Which words are stopwords: on the list whatever their case, except the acronyms written in capitals (US).

    Example:
        >>> is_stopword(["The", "THE", "us", "US", "regime"]).tolist()
        [True, True, True, False, False]
    """
    stop, acronyms = stopwords(), acronym_stopwords()
    return np.fromiter(
        ((lower := w.lower()) in stop and not (lower in acronyms and w.isupper()) for w in words),
        dtype=bool,
        count=len(words),
    )


def lower_forms(words: list[str]) -> tuple[np.ndarray, pd.Index, np.ndarray]:
    """For a list of word forms: the code of each one's lower-case form, those forms, and which are stopwords.

    Example:
        >>> lower_of, lowers, stop = lower_forms(["The", "the", "US"])
        >>> lower_of.tolist(), list(lowers), stop.tolist()
        ([0, 0, 1], ['the', 'us'], [True, True, False])
    """
    lower_of_word, lower_words = pd.factorize(pd.Series(words, dtype=object).str.lower())
    return lower_of_word.astype(np.int32), pd.Index(lower_words, dtype=object), is_stopword(words)


def sentences(docs: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: ``doc_id``, ``sentence_id`` (from 1 in each article),
    ``paragraph_id``, ``sentence``, and ``start``/``end``, the character offsets
    of the sentence in the article's ``text``.

    Example:
        >>> from helpers import load_corpus
        >>> s = sentences(load_corpus())
        >>> s[s.doc_id == "breitbart-2014"].sentence.iloc[1][:40]
        'On May 23, 2014, Mrs Maryam Rajavi, the '
    """
    check_docs(docs, "sentences")
    return _sentences(docs)


def _sentences(docs: pd.DataFrame) -> pd.DataFrame:
    """The work of :func:`sentences`, for articles already checked (by the analysis that needs them)."""
    return parallel.by_articles(_sentences_of, docs, label="Splitting sentences")


def _sentences_of(docs: pd.DataFrame, sents: None) -> pd.DataFrame:
    return tables.sentence_table(docs["doc_id"], docs["text"], split_sentences)


def _sentences_for(docs: pd.DataFrame, sents, function: str) -> pd.DataFrame:
    """The sentences an analysis reuses (``sents=``, checked against ``docs``), or made here when not given."""
    if sents is None:
        return _sentences(docs)
    return check_reused(sents, "sents", docs, function, SENTENCE_COLUMNS, "sentences(docs)", covers=True)


def tokens(docs: pd.DataFrame, *, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per token: ``doc_id``, ``sentence_id``, ``token`` (as written, with
    a straight apostrophe), ``lower``, ``is_stopword`` and the character
    offsets ``start``/``end`` in the article's ``text``.

    ``doc_id``, ``token`` and ``lower`` are pandas categoricals: each distinct
    word is stored once, so a corpus of millions of tokens fits in memory.
    They compare and filter like text (``toks[toks.lower == "regime"]``).
    For the same reason ``sentence_id`` is int16 when every article has
    fewer than 32,768 sentences (else int32), and ``start`` and ``end`` are
    int16 when every article is shorter than 32,768 characters (else
    int32): the values are the same either way, but arithmetic that goes
    beyond 32,767 needs ``.astype("int64")`` first.
    Pass ``sents=sentences(docs)`` if you have it, so that the texts are not
    split into sentences again.

    Example:
        >>> from helpers import load_corpus
        >>> t = tokens(load_corpus())
        >>> t[t.doc_id == "breitbart-2014"].token.head(4).tolist()
        ['Leaders', 'of', 'Iranian', 'and']
    """
    check_docs(docs, "tokens")
    if sents is not None:
        sents = check_reused(sents, "sents", docs, "tokens", SENTENCE_COLUMNS, "sentences(docs)", covers=True)
    return _tokens(docs, sents)


def _tokens(docs: pd.DataFrame, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """The work of :func:`tokens`, for articles (and sentences) already checked."""
    if sents is None:

        def sentence_starts(row: int, text: str) -> list[int]:
            return [start for start, _, _ in split_sentences(text)]

    else:
        rows_of = tables.rows_of_articles(docs, sents["doc_id"])
        starts, doc_ids = sents["start"].to_numpy(), docs["doc_id"].to_numpy()
        none = np.zeros(0, dtype=np.int64)

        def sentence_starts(row: int, text: str) -> np.ndarray:
            return np.sort(starts[rows_of.get(doc_ids[row], none)])

    return tables.token_table(docs["doc_id"], docs["text"], TOKEN_RE, sentence_starts, lower_forms)


def count_words(texts: pd.Series) -> pd.Series:
    """The number of tokens in each text, as :func:`tokens` would count them.

    Example:
        >>> count_words(pd.Series(["Iran's regime, the U.S. and 162,000 people."])).tolist()
        [8]
    """
    return texts.str.count(TOKEN_PATTERN).astype("int64")
