"""Dates: when each article was published, when its main event happened, and which dates its text mentions.

A news text rarely gives full dates. It says "on Saturday", "June 13" or
"this year" and leaves the reader to work out the rest from the day the
article appeared. This module finds date expressions with a handful of
compiled regular expressions and completes them from the publication date,
saying each time how it did so, so that a learner can check every step.

What counts as a date
    - a full date: ``May 23, 2014``, ``23 May 2014``, ``Friday, 23 May 2014``,
      ``2014-05-23``;
    - a day without a year: ``June 13``, ``18 June``, ``Sat. June 13``,
      ``Sunday 17 June``;
    - a range of days: ``15 to 17 June 2007``, ``between 15 to 17 June 2007``,
      ``between 15 and 17 June``, ``June 15-17, 2007``; and of years:
      ``from 2005 to 2006``, ``2005–2006``;
    - a month: ``June 2005``, ``December 2017``; or, after a preposition such
      as *in*, *since* or *by*, a month alone: ``in June``;
    - a year alone, only after *in*, *since*, *of*, *by*, *until*, *till*,
      *from*, *before*, *after*, *during* or *year*: ``In 2009``. A number
      such as ``2,900``, ``3,400`` or ``18607`` is never a year;
    - a weekday after *on*, *since*, *by*, *until*, *last*, *next* or *this*:
      ``on Saturday``;
    - ``yesterday``, ``tomorrow``, and *this*, *last* or *next* followed by
      *year* or *month*.

What does not count
    Month names must start with a capital letter, so the verbs "may" and
    "march" are never months, and "May" or "March" alone is a month only with
    a day or a year next to it (or after *in*, *since*...). Weekday
    abbreviations (``Sat.``, ``Sun.``) count only with a full stop and a date
    right after them, so "sat" and the newspaper "The Sun" are not dates.
    Durations ("36 years", "three-year-long") are not dates. Vague words
    ("recently", "earlier", "today" in the sense of "nowadays", "these
    years") are left out: they name no day that a timeline could show.
    Numeric dates such as ``05/06/2014`` are left out too: they mean 5 June
    in Europe and 6 May in the United States.

How a partial date is completed (the ``completion`` column)
    - ``""``: the text gives the full date;
    - ``"year from publication date"``: the day and month are written, and
      the year is chosen from the publication date and the sentence (see
      "Which year" below);
    - ``"resolved relative to publication date"``: ``on Saturday`` is the
      last Saturday on or before the publication date (the way news reports
      speak of past days), ``last Saturday`` the last one before it, ``next
      Saturday`` the first one after it; ``this year`` is the publication
      year, ``yesterday`` the day before publication;
    - ``"not resolved"``: completing the date would be a guess, and ``date``
      is empty. ``note`` says why.

    An article whose publication date is uncertain has a range, from
    ``published`` to ``published_latest`` (``ncri-2010``: 11 to 13 September
    2010). A date is completed only when the earliest and the latest possible
    publication dates give the same answer. "On Saturday" in ``ncri-2010`` is
    therefore 11 September 2010: the last Saturday on or before 11 September
    and the last one on or before 13 September are the same day. In
    ``moroccantimes-2015`` (published 13 to 30 June 2015) the same words
    would be "not resolved", since two Saturdays fall in that range, but
    ``Sat. June 13`` gets its year, 2015, from either end. A bare weekday in a
    sentence that speaks of the future (*will*, *shall*) is "not resolved",
    because the day could lie before or after publication.

    Which year (the ``year_rule`` and ``year_uncertain`` columns)
        A date written without a year (``June 13``, ``15 to 17 June``, ``in
        June``) takes the year that the sentence supports, in this order:

        - ``"named in the sentence"``: *last year*, *this year* or *next
          year* right next to the date (``July 13 to 17 of last year``,
          ``Last year August 8``, ``this June``), or a year that opens the
          sentence (``In 2019, ... on February 6``);
        - ``"before publication"``: *last* or *since* right before the date
          (``since March 15``, ``since Trump's November 8 election``), or a word of the past in the same clause, at
          most six words away (``was held on``, ``had ... on``, ``ago``), or
          an outcome that the date names, right after it or one word later
          (``Trump's November 8 election victory``, ``the November 27
          killing``; the nouns of ``helpers/data/past_event_nouns.csv``:
          victory, death, arrest...), since an outcome is written about once
          it has happened: the last such day on or before the publication
          date (or the day after it, for time zones);
        - ``"after publication"``: *next* right before the date, or a word of
          the future in the same clause (``will``, ``is to``, ``scheduled``,
          ``upcoming``): the first such day on or after publication. A future
          seen from the past (``was expected to end on December 15``) and the
          end of a period (``until``, ``through``, ``by May 1``) say nothing
          about the side of publication, so the next rule decides;
        - ``"nearest to publication"``: otherwise the year that puts the date
          nearest to the publication date, so ``December 22`` in an article
          of 7 January 2019 is 22 December 2018.

        The words of the past and of the future are the editable list
        ``helpers/data/tense_words.csv``. ``year_uncertain`` is True when the
        year rests on the tense or the nearest date and the date lies more than
        three months (92 days) from publication: from there, another year is
        less than nine months away. On 209 hand-checked dates from real news
        (``tests/data/real-news/``) one year is wrong: Mugabe's resignation
        "on November 21", which only knowledge of the event places in 2017.

    Where the text names the weekday as well as the date, ``weekday_check``
    says whether the completed date falls on that weekday ("consistent" or
    "inconsistent"); it is empty when no weekday is written. 13 June 2015 was
    a Saturday, so ``Sat. June 13`` in ``moroccantimes-2015`` is
    "consistent".

Ranges
    A range of days or years is one row with ``precision`` "range", ``date``
    its first day and ``date_end`` its last. For every row, ``date`` to
    ``date_end`` is the whole period meant: ``June 2005`` runs from 1 to 30
    June 2005, ``In 2009`` from 1 January to 31 December 2009.

Where the text is read from
    The clean texts in ``corpus/texts/``. Dates that cleaning removed (the
    capture date "Wednesday, July 17, 2024", the line "Published Monday, June
    18, 2007", the slug "18607", the caption "June 30, 2018") are not there;
    the publication dates they support are in ``metadata.csv``.

Month and weekday names
    :data:`MONTH_NUMBER` and :data:`WEEKDAY_NUMBER` are the course's one table
    of English month and weekday names (full and short), also used to read
    publication dates in :mod:`helpers.importers`. The nouns after which a
    four-digit number counts things rather than naming a year ("2000 people")
    are an editable list, ``helpers/data/count_nouns.csv``.

The charts are in :mod:`helpers.charts.dates`, the explorer in :mod:`helpers.explorers.dates`.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from helpers._engine import parallel
from helpers.inputs import DATA_DIR, check_docs, read_csv_file, renamed_keywords, word_list
from helpers.progress import steps
from helpers.text import _sentences_for

MENTION_COLUMNS = [
    "doc_id",
    "sentence_id",
    "expression",
    "date",
    "date_end",
    "precision",
    "completion",
    "year_rule",
    "year_uncertain",
    "relative",
    "weekday_check",
    "note",
    "start",
    "end",
]
TIMELINE_COLUMNS = [
    "doc_id",
    "kind",
    "date",
    "date_end",
    "precision",
    "label",
    "completion",
    "sentence",
    "note",
    "gap_days",
    "gap_days_latest",
]
KINDS = ("published", "event (metadata)", "mentioned")

FULL = ""
FROM_PUBLICATION_YEAR = "year from publication date"
RELATIVE = "resolved relative to publication date"
NOT_RESOLVED = "not resolved"

# The one table of month and weekday names: lower case, full and short, to their number.
MONTH_NAMES = list(calendar.month_name)[1:]
MONTH_NUMBER = {name.lower(): i for i, name in enumerate(MONTH_NAMES, start=1)}
MONTH_NUMBER.update({name[:3].lower(): i for i, name in enumerate(MONTH_NAMES, start=1)})
MONTH_NUMBER["sept"] = 9
WEEKDAY_NAMES = list(calendar.day_name)  # Monday first, as datetime.weekday()
WEEKDAY_NUMBER = {name.lower(): i for i, name in enumerate(WEEKDAY_NAMES)}
WEEKDAY_ABBREVIATIONS = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3}
WEEKDAY_ABBREVIATIONS.update({"fri": 4, "sat": 5, "sun": 6})


def _capitalised(words) -> str:
    """An alternation of words written with a capital (``May``) or in capitals (``MAY``), longest first."""
    forms = sorted({f for w in words for f in (w.capitalize(), w.upper())}, key=len, reverse=True)
    return "|".join(forms)


_MONTH_FULL = _capitalised(MONTH_NAMES)
_MONTH_SHORT = _capitalised(["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept", "sep", "oct", "nov", "dec"])
_MONTH = rf"(?P<m>(?:{_MONTH_FULL})\b|(?:{_MONTH_SHORT})\b\.?)"
_MONTH_ALONE = rf"(?P<m>(?:{_MONTH_FULL})\b)"
# A weekday in front of a date: a full name, or an abbreviation only with its full stop ("Sat.").
_WEEKDAY_PREFIX = rf"(?P<wd>(?:{_capitalised(WEEKDAY_NAMES)})\b|(?:{_capitalised(WEEKDAY_ABBREVIATIONS)})\.),?\s+"
_DAY = r"(?<![\d,.])(?P<d>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?![\d])"
_DAY2 = r"(?P<d2>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?![\d])"
# A year: 1900-2099, not part of a longer number ("18607") or of a thousands figure ("2,900").
_YEAR_CORE = r"(?:19|20)\d\d(?![\d])(?![.,]\d)"
_YEAR = rf"(?<![\d,.])(?P<y>{_YEAR_CORE})"
_YEAR2 = rf"(?P<y2>{_YEAR_CORE})"
# Words after which a four-digit number is a quantity, not a year ("a crowd of 2000 people").
_COUNT_NOUN = r"(?!\s+(?:" + "|".join(map(re.escape, word_list("count_nouns.csv", "noun"))) + r")\b)"
_YEAR_TRIGGER = r"\b(?i:in|since|of|by|until|till|from|before|after|during|year)\s+"
_RANGE_SEPARATOR = r"\s*(?:-|–|—|\bto\b|\buntil\b|\btill\b|\bthrough\b)\s*"


def _pattern(body: str) -> re.Pattern:
    return re.compile(body)


# Each pattern marks the date expression itself as the group ``expr``; words such as "on" or "in" that only
# signal a date stay outside it. Where two patterns find overlapping expressions, the one that starts first
# wins, and of two starting together the longer one ("Sunday 17 June" over "Sunday").
_PATTERNS: list[tuple[str, re.Pattern]] = [
    (
        "iso",
        _pattern(r"(?P<expr>(?<![\d-])(?P<y>(?:19|20)\d\d)-(?P<mo>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\d-]))"),
    ),
    (
        "day range",
        _pattern(
            rf"(?P<expr>(?:(?i:between|from)\s+)?{_DAY}{_RANGE_SEPARATOR}{_DAY2}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?)"
        ),
    ),
    (
        "day range",
        _pattern(rf"(?P<expr>(?i:between)\s+{_DAY}\s+and\s+{_DAY2}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?)"),
    ),
    (
        "day range",
        _pattern(rf"(?P<expr>{_MONTH}\s+{_DAY}{_RANGE_SEPARATOR}{_DAY2}(?:,?\s+{_YEAR})?)"),
    ),
    (
        "day",
        _pattern(rf"(?P<expr>(?:{_WEEKDAY_PREFIX})?{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?)"),
    ),
    (
        "day",
        _pattern(rf"(?P<expr>(?:{_WEEKDAY_PREFIX}(?:the\s+)?)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?)"),
    ),
    ("month", _pattern(rf"(?P<expr>{_MONTH},?\s+(?:of\s+)?{_YEAR})")),
    (
        "month",
        _pattern(rf"\b(?i:in|since|by|until|till|from|before|after|during|early|late|mid)\s+(?P<expr>{_MONTH_ALONE})"),
    ),
    (
        "year range",
        _pattern(
            rf"(?P<expr>(?i:from|between)\s+{_YEAR}\s*(?:-|–|—|\bto\b|\band\b|\buntil\b|\btill\b)\s*{_YEAR2}){_COUNT_NOUN}"
        ),
    ),
    ("year range", _pattern(rf"(?P<expr>{_YEAR}\s*[-–]\s*{_YEAR2}){_COUNT_NOUN}")),
    ("year", _pattern(rf"{_YEAR_TRIGGER}(?:(?i:early|mid-?|late)\s*)?(?P<expr>{_YEAR}){_COUNT_NOUN}")),
    (
        "weekday",
        _pattern(rf"\b(?P<trig>(?i:on|since|by|until))\s+(?P<expr>(?P<wd>{_capitalised(WEEKDAY_NAMES)})\b)"),
    ),
    (
        "weekday",
        _pattern(rf"\b(?P<expr>(?P<trig>(?i:last|next|this))\s+(?P<wd>{_capitalised(WEEKDAY_NAMES)})\b)"),
    ),
    (
        "relative",
        _pattern(
            r"(?P<expr>\b(?P<rel>(?i:yesterday|tomorrow)|(?P<trig>(?i:this|last|next))\s+(?P<unit>year|month))\b)"
        ),
    ),
]
_FUTURE = re.compile(r"\b(?:will|shall|won't)\b|'ll\b|’ll\b", re.IGNORECASE)


def _month_end(date: pd.Timestamp) -> pd.Timestamp:
    return date + pd.offsets.MonthEnd(0)


def _period_end(date: pd.Timestamp, precision: str) -> pd.Timestamp:
    if pd.isna(date):
        return pd.NaT
    if precision == "month":
        return _month_end(date)
    if precision == "year":
        return pd.Timestamp(date.year, 12, 31)
    return date


def _safe_date(year: int, month: int, day: int) -> pd.Timestamp | None:
    try:
        return pd.Timestamp(year, month, day)
    except ValueError:
        return None


def _weekday_of(text: str | None) -> int | None:
    if not text:
        return None
    key = text.rstrip(".").lower()
    return WEEKDAY_NUMBER.get(key, WEEKDAY_ABBREVIATIONS.get(key))


def _publication_span(docs: pd.DataFrame) -> dict[str, tuple[pd.Timestamp, pd.Timestamp]]:
    """The earliest and latest possible publication date of each article (NaT when unknown)."""
    if "published" not in docs.columns:
        return {d: (pd.NaT, pd.NaT) for d in docs["doc_id"]}
    published = pd.to_datetime(docs["published"], errors="coerce")
    precision = docs["date_precision"] if "date_precision" in docs.columns else pd.Series("day", index=docs.index)
    if "published_latest" in docs.columns:
        latest = pd.to_datetime(docs["published_latest"], errors="coerce")
    else:
        latest = pd.Series(pd.NaT, index=docs.index, dtype="datetime64[ns]")
    span = {}
    for doc_id, first, last, prec in zip(docs["doc_id"], published, latest, precision):
        span[doc_id] = (first, last if pd.notna(last) else _period_end(first, prec))
    return span


def _same_answer(resolve, first: pd.Timestamp, last: pd.Timestamp):
    """Apply ``resolve`` to the earliest and the latest publication date; return the answer only if they agree.

    Returns ``(answer, detail)``: the answer, or None with the reason in ``detail``; when the publication date is
    a range and both ends agree, ``detail`` says so.
    """
    if pd.isna(first) or pd.isna(last):
        return None, "the article has no publication date to complete it from"
    a, b = resolve(first), resolve(last)
    if a != b:
        return None, (
            f"the publication date is only known to lie between {first:%Y-%m-%d} and {last:%Y-%m-%d}, "
            "which allows more than one answer"
        )
    if first != last:
        return a, f" (the same for every possible publication date, {first:%Y-%m-%d} to {last:%Y-%m-%d})"
    return a, ""


def _last_weekday_on_or_before(day: pd.Timestamp, weekday: int) -> pd.Timestamp:
    return day - pd.Timedelta(days=(day.weekday() - weekday) % 7)


# ---------------------------------------------------------------- the year of a date written without one

NEAREST = "nearest to publication"
BEFORE = "before publication"
AFTER = "after publication"
NAMED = "named in the sentence"
UNCERTAIN_AFTER_DAYS = 92  # about three months: beyond that, the year before or after is less than nine months away
_NAMED_YEAR_NEAR = re.compile(r"(?i:\b(?P<rel>last|next|this)\s+year)")
_NAMED_YEAR_BEFORE = re.compile(r"(?i:\b(?P<rel>last|next|this)\s+year),?\s*(?:(?i:on|in|of)\s+)?$")
_NAMED_YEAR_AFTER = re.compile(r"^,?\s*(?:(?i:of)\s+)?(?i:(?P<rel>last|next|this)\s+year)\b")
_OPENING_YEAR = re.compile(r"^\W*(?i:in|during|throughout)\s+(?P<y>(?:19|20)\d\d)\b(?![-–/]\d)")
# "since March 15", "since the March 15", "since Trump's November 8 election victory"
_WORD_BEFORE = re.compile(
    r"\b(?P<word>(?i:last|next|this|since))\s+(?:(?i:the)\s+|[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,3}['’]s\s+)?$"
)
_END_POINT_BEFORE = re.compile(r"\b(?i:until|till|through|by)\s+(?:(?i:the)\s+)?$")
_CLAUSE_BREAK = re.compile(r"[,;:()\"“”—–]|\s-\s")
_PAST_BEFORE = re.compile(r"\b(?i:was|were|had)\s+$")
# "Trump's November 8 election victory": a date that names an outcome (a victory, a death, an arrest) is past, since
# an outcome is written about once it has happened. The nouns are the list helpers/data/past_event_nouns.csv.
_PAST_EVENT_AFTER = re.compile(
    r"^\s+(?:[a-z][\w\-]*\s+)?(?P<noun>"
    + "|".join(re.escape(w.lower()) for w in word_list("past_event_nouns.csv", "noun"))
    + r")(?![\w\-])"
)
_TENSE_REACH_WORDS = 6  # a tense word counts when at most this many words lie between it and the date


@lru_cache(maxsize=1)
def _tense_words() -> re.Pattern:
    """One pattern for the editable list ``helpers/data/tense_words.csv``: a group ``past`` or ``future`` per match."""
    table = read_csv_file(DATA_DIR / "tense_words.csv", ["words", "tense"], "list helpers/data/tense_words.csv")
    parts = {"past": [], "future": []}
    for row, words, tense in zip(table.index, table["words"].str.strip(), table["tense"].str.strip()):
        if tense not in parts:
            raise ValueError(
                f"{DATA_DIR / 'tense_words.csv'}, row {row}, field 'tense': {tense!r} is not 'past' or 'future'."
            )
        if words:
            parts[tense].append(r"\s+".join(re.escape(w) for w in words.lower().split()))
    alternatives = [f"(?P<{t}>{'|'.join(sorted(p, key=len, reverse=True))})" for t, p in parts.items() if p]
    return re.compile(rf"(?<![\w'])(?:{'|'.join(alternatives)})(?!\w)", re.IGNORECASE)


@dataclass
class _YearClues:
    """What a sentence says about the year of a date written without one (see the module docstring)."""

    named: str = ""  # "last", "next" or "this" year, next to the date
    opening_year: int | None = None  # "In 2019, ..." at the head of the sentence
    direction: str = ""  # "past" or "future"
    why: str = ""  # the words that say so


def _year_clues(sentence: str, at: int, end: int) -> _YearClues:
    """The clues of the sentence around a date expression at ``sentence[at:end]``, strongest first."""
    before, after = sentence[:at], sentence[end:]
    for found in (_NAMED_YEAR_AFTER.search(after), _NAMED_YEAR_BEFORE.search(before)):
        if found:
            return _YearClues(named=found.group("rel").lower(), why=f"“{found.group().strip(' ,')}”")
    opening = _OPENING_YEAR.match(before)
    if opening:
        return _YearClues(opening_year=int(opening.group("y")), why=f"“{opening.group().strip()}”")
    word = _WORD_BEFORE.search(before)
    if word:
        said = word.group("word").lower()
        if said == "this":
            return _YearClues(named="this", why=f"“{word.group().strip()}”")
        return _YearClues(direction="future" if said == "next" else "past", why=f"“{word.group('word')}”")
    event = _PAST_EVENT_AFTER.match(after)
    if event:
        return _YearClues(direction="past", why=f"“{event.group().strip()}”, an outcome")
    if _END_POINT_BEFORE.search(before):
        return _YearClues()  # "until May 1": the end of something, before or after publication whatever the tense
    # The tense of the clause: the nearest tense word in the same clause, a few words from the date at most.
    clause_start = max((m.end() for m in _CLAUSE_BREAK.finditer(before)), default=0)
    clause_end = end + (_CLAUSE_BREAK.search(after).start() if _CLAUSE_BREAK.search(after) else len(after))
    nearest, distance = None, None
    for found in _tense_words().finditer(sentence.replace("’", "'"), clause_start, clause_end):
        between = sentence[found.end() : at] if found.end() <= at else sentence[end : found.start()]
        gap = len(between.split())
        if gap <= _TENSE_REACH_WORDS and (distance is None or gap < distance):
            nearest, distance = found, gap
    if nearest is None or (nearest.group("future") and _PAST_BEFORE.search(sentence, clause_start, nearest.start())):
        return _YearClues()  # no tense, or a future seen from the past ("was expected to end on"): no direction
    direction = "past" if nearest.group("past") else "future"
    return _YearClues(direction=direction, why=f"“{nearest.group()}”")


def _choose_year(period, published: pd.Timestamp, clues: _YearClues) -> tuple[int, str, bool]:
    """The year of a date written without one, seen from one publication date: ``(year, rule, uncertain)``.

    ``period(year)`` gives the first and last day meant in that year (one day, a range, a month), or None when
    there is no such day that year (29 February).
    """
    if clues.named:
        return published.year + {"last": -1, "this": 0, "next": 1}[clues.named], NAMED, False
    if clues.opening_year is not None:
        return clues.opening_year, NAMED, False
    spans = {y: period(y) for y in (published.year - 1, published.year, published.year + 1)}
    spans = {y: span for y, span in spans.items() if span is not None}
    one_day = pd.Timedelta(days=1)
    before = [y for y, (start, _) in spans.items() if start <= published + one_day]
    after = [y for y, (_, end) in spans.items() if end >= published - one_day]

    def distance(y: int) -> int:
        start, end = spans[y]
        return 0 if start <= published <= end else min(abs((start - published).days), abs((end - published).days))

    if clues.direction == "past" and before:
        year, rule = max(before), BEFORE
    elif clues.direction == "future" and after:
        year, rule = min(after), AFTER
    else:  # the nearest; of two as near, the publication year
        year, rule = min(spans, key=lambda y: (distance(y), y != published.year)), NEAREST
    return year, rule, distance(year) > UNCERTAIN_AFTER_DAYS


def _rule_note(rule: str, clues: _YearClues, year: int, uncertain: bool) -> str:
    says = {
        NAMED: f"year {year}: the sentence names it ({clues.why})",
        BEFORE: f"year {year}: the sentence speaks of the past ({clues.why}), so the last such day on or before "
        "publication",
        AFTER: f"year {year}: the sentence speaks of the future ({clues.why}), so the first such day on or after "
        "publication",
        NEAREST: f"year {year}: the one nearest to the publication date (no word in the sentence says otherwise)",
    }[rule]
    if uncertain:
        says += "; uncertain: more than three months from publication, so another year is possible"
    return says


def _interpret(
    kind: str, groups: dict, first: pd.Timestamp, last: pd.Timestamp, sentence: str, at: tuple[int, int]
) -> dict | None:
    """Turn one regex match into a row: date, date_end, precision, completion, year_rule, year_uncertain, relative,
    note. None = not a date. ``at`` is where the expression is in ``sentence``."""
    weekday = _weekday_of(groups.get("wd"))
    month = MONTH_NUMBER.get((groups.get("m") or "").rstrip(".").lower())
    if groups.get("mo"):
        month = int(groups["mo"])
    day = int(groups["d"]) if groups.get("d") else None
    day2 = int(groups["d2"]) if groups.get("d2") else None
    year = int(groups["y"]) if groups.get("y") else None
    row = {"completion": FULL, "year_rule": "", "year_uncertain": False, "relative": False, "note": ""}

    def completed_year() -> tuple[int | None, str]:
        if year is not None:
            return year, ""
        clues = _year_clues(sentence, *at)

        def period(y: int):
            start = _safe_date(y, month, day or 1)
            end = _safe_date(y, month, day2) if day2 else start if day else _month_end(start) if start else None
            return (start, end) if start is not None and end is not None and end >= start else None

        found, why = _same_answer(lambda p: _choose_year(period, p, clues), first, last)
        if found is not None:
            found_year, rule, uncertain = found
            row.update(completion=FROM_PUBLICATION_YEAR, year_rule=rule, year_uncertain=uncertain)
            return found_year, _rule_note(rule, clues, found_year, uncertain) + why
        row["completion"] = NOT_RESOLVED
        return None, why

    if kind in ("iso", "day"):
        found_year, row["note"] = completed_year()
        date = _safe_date(found_year, month, day) if found_year is not None else pd.NaT
        if date is None:  # 31 June, 30 February: not a day of the calendar
            return None
        row.update(date=date, date_end=date, precision="day")
    elif kind == "day range":
        found_year, row["note"] = completed_year()
        if found_year is None:
            date = date_end = pd.NaT
        else:
            date, date_end = _safe_date(found_year, month, day), _safe_date(found_year, month, day2)
            if date is None or date_end is None or date_end <= date:
                return None
        row.update(date=date, date_end=date_end, precision="range")
    elif kind == "month":
        found_year, row["note"] = completed_year()
        date = pd.Timestamp(found_year, month, 1) if found_year is not None else pd.NaT
        row.update(date=date, date_end=_period_end(date, "month"), precision="month")
    elif kind == "year":
        date = pd.Timestamp(year, 1, 1)
        row.update(date=date, date_end=_period_end(date, "year"), precision="year")
    elif kind == "year range":
        year2 = int(groups["y2"])
        if not year < year2 <= year + 100:
            return None
        row.update(date=pd.Timestamp(year, 1, 1), date_end=pd.Timestamp(year2, 12, 31), precision="range")
    elif kind == "weekday":
        row["relative"] = True
        trigger = groups["trig"].lower()
        if trigger in ("on", "since", "by", "until") and _FUTURE.search(sentence or ""):
            row.update(date=pd.NaT, date_end=pd.NaT, precision="day", completion=NOT_RESOLVED, weekday_check="")
            row["note"] = "the sentence speaks of the future, so the day could be before or after publication"
            return row
        shift, rule = {
            "last": (-1, "the last {} before the publication date"),
            "next": (7, "the first {} after the publication date"),
            "this": (6, "the first {} on or after the publication date"),
        }.get(trigger, (0, "the last {} on or before the publication date"))
        rule = rule.format(WEEKDAY_NAMES[weekday])

        def resolve(published: pd.Timestamp) -> pd.Timestamp:
            return _last_weekday_on_or_before(published + pd.Timedelta(days=shift), weekday)

        date, why = _same_answer(resolve, first, last)
        completion = RELATIVE if date is not None else NOT_RESOLVED
        row.update(date=date if date is not None else pd.NaT, precision="day", completion=completion)
        row["date_end"] = row["date"]
        row["note"] = rule + why if date is not None else why
        weekday = None  # the weekday is the expression itself: nothing to check
    elif kind == "relative":
        row["relative"] = True
        word = groups["rel"].lower()
        if word in ("yesterday", "tomorrow"):
            step = pd.Timedelta(days=-1 if word == "yesterday" else 1)
            date, why = _same_answer(lambda p: p + step, first, last)
            precision = "day"
        else:
            shift = {"this": 0, "last": -1, "next": 1}[groups["trig"].lower()]
            if groups["unit"] == "year":
                date, why = _same_answer(lambda p: pd.Timestamp(p.year + shift, 1, 1), first, last)
                precision = "year"
            else:
                date, why = _same_answer(lambda p: p.replace(day=1) + pd.DateOffset(months=shift), first, last)
                precision = "month"
        date = date if date is not None else pd.NaT
        row.update(date=date, date_end=_period_end(date, precision), precision=precision)
        row["completion"] = RELATIVE if pd.notna(date) else NOT_RESOLVED
        row["note"] = "counted from the publication date" + why if pd.notna(date) else why
    else:  # pragma: no cover - every pattern kind is handled above
        raise AssertionError(kind)

    if weekday is not None and pd.notna(row["date"]):
        row["weekday_check"] = "consistent" if row["date"].weekday() == weekday else "inconsistent"
        if row["weekday_check"] == "inconsistent":
            row["note"] = (
                row["note"] + "; " if row["note"] else ""
            ) + f"{row['date']:%d %B %Y} was a {row['date']:%A}, not a {WEEKDAY_NAMES[weekday]}"
    else:
        row["weekday_check"] = ""
    return row


# Every date expression the patterns above can match contains an anchor: a month or weekday name written as
# the patterns want it, a year from 1900 to 2099, or one of a few words. The patterns run only in windows
# around anchors, found by one quick scan of the words; that makes finding dates many times faster on long
# texts (it matters at 100,000 articles). The margin exceeds the longest expression on either side of an anchor.
_ANCHOR_WORDS = frozenset(
    {f for name in [*MONTH_NAMES, *WEEKDAY_NAMES] for f in (name, name.upper())}
    | {f for name in [*MONTH_NUMBER, *WEEKDAY_ABBREVIATIONS] for f in (name.capitalize(), name.upper())}
    | {f for word in ("yesterday", "tomorrow", "year", "month") for f in (word, word.capitalize(), word.upper())}
)
_ANCHOR_CANDIDATE = re.compile(r"[A-Z][A-Za-z]+|\d{4}|yesterday|tomorrow|year|month")
_WINDOW_MARGIN = 60


# The anchors found directly, instead of looking at every capitalised word: a capitalised anchor counts where
# _ANCHOR_CANDIDATE would find it, as a whole run of letters that starts with its first capital; a lower-case
# one where no capital stands before it in its run of letters (that run would be one capitalised candidate).
_CAPITALISED_ANCHOR = re.compile(
    "(?:" + "|".join(sorted((w for w in _ANCHOR_WORDS if w[0].isupper()), key=len, reverse=True)) + ")(?![A-Za-z])"
)
_LOWER_CASE_ANCHOR = re.compile("|".join(w for w in _ANCHOR_WORDS if w[0].islower()))
_FOUR_DIGITS = re.compile(r"\d{4}")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _capital_before_in_word(text: str, at: int) -> bool:
    """Whether a capital stands before ``at`` in the run of letters that ``at`` is in."""
    i = at
    while i > 0 and text[i - 1] in _LETTERS:
        i -= 1
        if text[i].isupper():
            return True
    return False


def _windows(text: str) -> list[tuple[int, int]]:
    """Stretches of the text around each anchor, merged where they overlap."""
    anchors = [m.span() for m in _CAPITALISED_ANCHOR.finditer(text) if not _capital_before_in_word(text, m.start())]
    anchors += [m.span() for m in _LOWER_CASE_ANCHOR.finditer(text) if not _capital_before_in_word(text, m.start())]
    anchors += [m.span() for m in _FOUR_DIGITS.finditer(text) if text[m.start() : m.start() + 2] in ("19", "20")]
    anchors.sort()
    windows: list[tuple[int, int]] = []
    for anchor_start, anchor_end in anchors:
        start, end = max(0, anchor_start - _WINDOW_MARGIN), min(len(text), anchor_end + _WINDOW_MARGIN)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def _windows_one_by_one(text: str) -> list[tuple[int, int]]:
    """What :func:`_windows` gives, found by looking at every candidate (the tests compare the two)."""
    windows: list[tuple[int, int]] = []
    for match in _ANCHOR_CANDIDATE.finditer(text):
        word = match.group()
        if word in _ANCHOR_WORDS or (len(word) == 4 and word[:2] in ("19", "20")):
            start, end = max(0, match.start() - _WINDOW_MARGIN), min(len(text), match.end() + _WINDOW_MARGIN)
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], end)
            else:
                windows.append((start, end))
    return windows


# What each pattern cannot match without (in the order of _PATTERNS): a window without it is not searched with
# that pattern, which finds nothing there anyway. This makes finding dates about twice as fast.
_NEEDS = {
    "a month": re.compile(rf"(?:{_MONTH_FULL}|{_MONTH_SHORT})"),
    "a year": re.compile(r"(?:19|20)\d\d"),
    "a weekday": re.compile(_capitalised(WEEKDAY_NAMES)),
    "a dash between digits": re.compile(r"\d-\d"),
    "a relative word": re.compile(r"(?i:yesterday|tomorrow)|year|month"),
}
_PATTERN_NEEDS = ["a dash between digits"] + ["a month"] * 7 + ["a year"] * 3 + ["a weekday"] * 2 + ["a relative word"]


def _find_in_text(text: str) -> list[tuple[int, int, str, dict]]:
    """All date expressions in one text, overlapping ones removed: (start, end, kind, groups)."""
    found = []
    for window_start, window_end in _windows(text):
        present = {need for need, clue in _NEEDS.items() if clue.search(text, window_start, window_end)}
        for (kind, pattern), need in zip(_PATTERNS, _PATTERN_NEEDS):
            if need not in present:
                continue
            for match in pattern.finditer(text, window_start, window_end):
                found.append((match.start("expr"), match.end("expr"), kind, match.groupdict()))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept, reached = [], -1
    for item in found:
        if item[0] >= reached:
            kept.append(item)
            reached = item[1]
        elif kept[-1][2] in ("weekday", "relative") and item[2] in ("day", "day range"):
            kept[-1] = item  # "next Wednesday, July 31": the day and month say more than the weekday
            reached = item[1]
    return kept


_MENTION_TYPES = {
    "sentence_id": "Int64",
    "date": "datetime64[ns]",
    "date_end": "datetime64[ns]",
    "relative": bool,
    "year_uncertain": bool,
    "start": "int64",
    "end": "int64",
}


def _empty_mentions() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in MENTION_COLUMNS}).astype(_MENTION_TYPES)


@renamed_keywords(positional=("sents",))
def dates_mentioned(docs: pd.DataFrame, *, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Find the dates an article's text mentions and complete them from its publication date.

    One row per date expression, in the order of the corpus and of the text:

    - ``doc_id``, ``sentence_id`` (as in :func:`helpers.sentences`; empty
      if the article has no sentences);
    - ``expression``: the words as written (``May 23, 2014``, ``Saturday``,
      ``between 15 to 17 June 2007``); a preposition that only signals a date
      (*on*, *in*, *since*) is left out, words that change its meaning
      (*between*, *last*, *next*, *this*) are kept;
    - ``date`` and ``date_end``: the first and last day of the period meant
      (the same day for a day; 1 and 30 June for ``June 2005``); empty when
      the date is not resolved;
    - ``precision``: "day", "month", "year" or "range" (a range of days or
      years is one row);
    - ``completion``: "" (full date in the text), "year from publication
      date", "resolved relative to publication date" or "not resolved";
    - ``year_rule``: for a year chosen by the tool, how ("nearest to
      publication", "before publication", "after publication", "named in
      the sentence"); ``year_uncertain``: True when that year is a guess
      that another year could beat (see the module docstring); the ``note``
      says which words decided;
    - ``relative``: True for words that only make sense from the day of
      writing (``on Saturday``, ``this year``, ``yesterday``);
    - ``weekday_check``: "consistent" or "inconsistent" when the text names
      a weekday next to the date, else "";
    - ``note``: how the date was completed, or why it was not;
    - ``start``, ``end``: character offsets of the expression in ``text``.

    The module docstring lists which expressions count and the rules for
    completing them. An empty corpus gives an empty table with these columns.
    ``sents`` takes the table from :func:`helpers.sentences`, if you have it.

    Example:
        >>> from helpers import load_corpus
        >>> found = dates_mentioned(load_corpus())
        >>> row = found[found.expression == "Sat. June 13"].iloc[0]
        >>> row.date.date(), row.completion, row.weekday_check
        (datetime.date(2015, 6, 13), 'year from publication date', 'consistent')
    """
    check_docs(docs, "dates_mentioned")
    sents = _sentences_for(docs, sents, "dates_mentioned")
    return _dates_mentioned(docs, sents)


def _dates_mentioned(docs: pd.DataFrame, sents: pd.DataFrame) -> pd.DataFrame:
    # On a large corpus, parts of it are searched at the same time, one on each core (helpers._engine.parallel).
    return parallel.by_articles(_dates_in, docs, sents, label="Finding dates")


def _dates_in(docs: pd.DataFrame, sents: pd.DataFrame) -> pd.DataFrame:
    """The dates mentioned in ``docs``, whose sentences are ``sents``."""
    if docs.empty:
        return _empty_mentions()
    span = _publication_span(docs)
    # positions of each article's sentences, and the columns as arrays: no table per article
    sentence_rows = sents.groupby("doc_id", sort=False).indices if len(sents) else {}
    s_start, s_id = sents["start"].to_numpy(), sents["sentence_id"].to_numpy()
    s_text = sents["sentence"].to_numpy(dtype=object)
    rows = []
    for doc_id, text in steps(zip(docs["doc_id"], docs["text"]), "Finding dates", len(docs)):
        text = text if isinstance(text, str) else ""
        matches = _find_in_text(text)
        if not matches:
            continue
        rows_of_doc = sentence_rows.get(doc_id)
        starts = np.array([m[0] for m in matches], dtype=np.int64)
        if rows_of_doc is None or len(rows_of_doc) == 0:
            sentence_ids = [pd.NA] * len(matches)
            sentence_texts = [""] * len(matches)
            sentence_starts = [0] * len(matches)
        else:
            position = np.searchsorted(s_start[rows_of_doc], starts, side="right") - 1
            position = rows_of_doc[np.clip(position, 0, len(rows_of_doc) - 1)]
            sentence_ids = s_id[position].tolist()
            sentence_texts = s_text[position].tolist()
            sentence_starts = s_start[position].tolist()
        first, last = span[doc_id]
        for (start, end, kind, groups), sentence_id, sentence, offset in zip(
            matches, sentence_ids, sentence_texts, sentence_starts
        ):
            row = _interpret(kind, groups, first, last, sentence, (start - offset, end - offset))
            if row is None:
                continue
            row.update(doc_id=doc_id, sentence_id=sentence_id, expression=text[start:end], start=start, end=end)
            rows.append(row)
    if not rows:
        return _empty_mentions()
    return pd.DataFrame(rows)[MENTION_COLUMNS].astype(_MENTION_TYPES).reset_index(drop=True)


def _published_label(precision: str) -> str:
    return "published (exact day)" if precision == "day" else f"published ({precision})"


def _days(delta: pd.Series) -> pd.Series:
    return delta.dt.days.astype("Int64")


@renamed_keywords(positional=("sents",))
def timeline(docs: pd.DataFrame, *, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """One table of every date about each article: when it was published, its main event, the dates it mentions.

    Columns:

    - ``doc_id``; ``kind``: "published", "event (metadata)" or "mentioned";
    - ``date``, ``date_end``: the period meant. For "published" this is the
      range from ``published`` to ``published_latest`` (one day when the
      day is known);
    - ``precision``: for "published" the article's ``date_precision`` ("day",
      "month", "estimated range"...); for "event (metadata)" "day" (the
      loader keeps only the date); for "mentioned" as in
      :func:`dates_mentioned`;
    - ``label``: a short text for charts: "published (exact day)",
      "published (estimated range)", "main event (metadata)" or the
      expression as written;
    - ``completion``: as in :func:`dates_mentioned` ("" for metadata rows);
    - ``sentence``: the sentence a mentioned date comes from ("" otherwise);
    - ``note``: the metadata's ``date_evidence`` (published), its ``event``
      description (event), or how a mentioned date was completed;
    - ``gap_days``: ``date`` minus the article's earliest publication date,
      in days (negative = before publication); ``gap_days_latest``: the same
      from ``published_latest``. They differ only for an article whose
      publication date is a range.

    Rows follow the articles in order of publication, then the kinds in the
    order above, then the date. Articles without ``event_date`` have no
    event row; an empty corpus gives an empty table with these columns.

    Example:
        >>> from helpers import load_corpus
        >>> t = timeline(load_corpus())
        >>> event = t[(t.doc_id == "breitbart-2014") & (t.kind == "event (metadata)")]
        >>> int(event.gap_days.iloc[0])  # met on 23 May, published on 29 May
        -6
    """
    check_docs(docs, "timeline")
    if "published" not in docs.columns:
        raise ValueError(
            "timeline(): docs has no column 'published' (each article's publication date); "
            f"its columns: {', '.join(map(str, docs.columns))}. Pass the result of load_corpus()."
        )
    if docs.empty:
        return _empty_timeline()
    return _timeline(docs, _sentences_for(docs, sents, "timeline"))


def _timeline(docs: pd.DataFrame, sents: pd.DataFrame) -> pd.DataFrame:
    if docs.empty:
        return _empty_timeline()
    span = _publication_span(docs)
    order = (
        pd.DataFrame({"doc_id": docs["doc_id"], "published": pd.to_datetime(docs["published"], errors="coerce")})
        .sort_values(["published", "doc_id"], kind="stable")["doc_id"]
        .tolist()
    )
    precision = docs["date_precision"] if "date_precision" in docs.columns else pd.Series("day", index=docs.index)
    evidence = docs["date_evidence"] if "date_evidence" in docs.columns else pd.Series("", index=docs.index)
    published = pd.DataFrame(
        {
            "doc_id": docs["doc_id"],
            "kind": "published",
            "date": [span[d][0] for d in docs["doc_id"]],
            "date_end": [span[d][1] for d in docs["doc_id"]],
            "precision": precision.astype(str),
            "label": precision.astype(str).map(_published_label),
            "completion": FULL,
            "sentence": "",
            "note": evidence.fillna("").astype(str),
        }
    )
    parts = [published]
    if "event_date" in docs.columns:
        event_date = pd.to_datetime(docs["event_date"], errors="coerce")
        description = docs["event"] if "event" in docs.columns else pd.Series("", index=docs.index)
        events = pd.DataFrame(
            {
                "doc_id": docs["doc_id"],
                "kind": "event (metadata)",
                "date": event_date,
                "date_end": event_date,
                "precision": "day",
                "label": "main event (metadata)",
                "completion": FULL,
                "sentence": "",
                "note": description.fillna("").astype(str),
            }
        )
        parts.append(events[events["date"].notna()])
    mentions = _dates_mentioned(docs, sents)
    if not mentions.empty:
        sentence_text = sents.set_index(["doc_id", "sentence_id"])["sentence"]
        keys = pd.MultiIndex.from_arrays([mentions["doc_id"], mentions["sentence_id"]])
        found = sentence_text.reindex(keys).fillna("").to_numpy() if not sents.empty else ""
        parts.append(
            pd.DataFrame(
                {
                    "doc_id": mentions["doc_id"],
                    "kind": "mentioned",
                    "date": mentions["date"],
                    "date_end": mentions["date_end"],
                    "precision": mentions["precision"],
                    "label": mentions["expression"],
                    "completion": mentions["completion"],
                    "sentence": found,
                    "note": mentions["note"],
                    "_start": mentions["start"],
                }
            )
        )
    frame = pd.concat(parts, ignore_index=True)
    frame["date"] = pd.to_datetime(frame["date"])
    frame["date_end"] = pd.to_datetime(frame["date_end"])
    first = pd.Series({d: s[0] for d, s in span.items()}, dtype="datetime64[ns]")
    last = pd.Series({d: s[1] for d, s in span.items()}, dtype="datetime64[ns]")
    frame["gap_days"] = _days(frame["date"] - frame["doc_id"].map(first))
    frame["gap_days_latest"] = _days(frame["date"] - frame["doc_id"].map(last))
    frame["_doc"] = pd.Categorical(frame["doc_id"], categories=order, ordered=True)
    frame["_kind"] = pd.Categorical(frame["kind"], categories=KINDS, ordered=True)
    if "_start" not in frame.columns:
        frame["_start"] = -1
    frame = frame.sort_values(["_doc", "_kind", "date", "_start"], kind="stable", na_position="last")
    return frame[TIMELINE_COLUMNS].reset_index(drop=True)


def _empty_timeline() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in TIMELINE_COLUMNS})
    return frame.astype(
        {"date": "datetime64[ns]", "date_end": "datetime64[ns]", "gap_days": "Int64", "gap_days_latest": "Int64"}
    )
