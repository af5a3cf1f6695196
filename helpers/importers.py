"""Your own corpus: import articles from a folder, a table or a news-archive export, and check them before any analysis.

Three importers, one result
    :func:`import_folder` reads the course's own folder format (``metadata.csv``
    plus ``texts/<doc_id>.txt``, see :mod:`helpers.corpus`).
    :func:`import_table` reads one CSV or JSON Lines file with one article per
    row. :func:`import_news_export` reads a news-archive export in the shape of
    a Media Cloud CSV (``title``, ``url``, ``publish_date``, ``media_name``,
    ``text``). All three return a DataFrame like :func:`helpers.load_corpus`:
    ``doc_id``, ``title``, ``outlet``, ``published`` (a date), ``date_precision``,
    the other columns of the file, ``text`` and ``n_words``, sorted by
    ``published`` then ``doc_id``. The tables add ``published_raw``, the date
    exactly as the file wrote it. Texts keep their words as written; Windows
    line endings become ``\\n`` and a byte-order mark is dropped, as in
    :func:`helpers.load_corpus`.

Dates (tables and exports)
    Read: ``2021-03-15``, ``2021-03``, ``2021``, ``2021-03-15T14:02:00Z``,
    ``2021-03-15 14:02:00+02:00``, ``15 March 2021``, ``March 15, 2021``,
    ``Mon, 15 Mar 2021 14:02:00 GMT``, ``March 2021`` and numeric dates such as
    ``15/03/2021``. ``date_precision`` says what the date gives: ``day``,
    ``month`` (``2021-03``, stored as the 1st) or ``year`` (stored as 1 January).
    A folder's ``metadata.csv`` must use ISO dates, as :func:`helpers.load_corpus`
    requires.

Time zones: the date in UTC, by default
    A time with an offset is converted to UTC before its date is taken, so
    ``2021-03-15T23:30:00-05:00`` becomes 16 March 2021. Articles from
    different time zones then line up on one calendar. The local date, the one
    printed for the outlet's readers, is kept in ``published_raw``; to use it
    as ``published`` instead, pass ``timezone=None`` (or a zone name such as
    ``"Europe/Paris"`` to convert to that zone). A time with no offset
    (``2021-03-15 14:02``) is taken as written.

Numeric dates: never a silent guess
    ``03/04/2021`` is 3 April in most of Europe and 4 March in the United
    States. With ``dayfirst=None`` (the default) such a date is reported as
    ``ambiguous_date`` and left empty; the report says whether other dates in
    the same file can only be read one way. ``dayfirst=True`` or
    ``dayfirst=False`` says how the file writes dates; a date that cannot be
    read that way (``03/15/2021`` with ``dayfirst=True``) is reported.

``on_error``: raise, or report everything
    ``on_error="raise"`` (the default) stops at the first error with a
    :class:`~helpers.corpus.CorpusError` naming the file, row and field and
    saying what to do. Warnings do not stop an import; a Python warning says
    how many there are. ``on_error="report"`` returns a pair ``(docs, report)``:
    every problem is in ``report.problems``. An article with an error is kept
    whenever it can be represented (a bad date becomes an empty date, ``NaT``,
    with ``date_precision`` "unknown"); it is left out only when it cannot be
    (no text, no readable file, a repeated ``doc_id``), and then the report
    says so in the column ``excluded``. A file that cannot be read at all gives
    an empty table and a report that says why. A path that does not exist, or
    a wrong argument, always raises. Each problem has one wording, whether it
    stops an import, appears in a report, or stops :func:`helpers.load_corpus`,
    which reads a folder with :func:`import_folder`.

CSV files
    Read by :func:`helpers.inputs.read_csv_text`: UTF-8, fields of any length,
    and a file whose first line has semicolons (or tabs) but no comma is read
    with that separator.

Combining imports
    Each import numbers its articles from ``doc-00001``, so two imports put
    together with ``pd.concat`` repeat their ids, which every analysis refuses.
    :func:`helpers.combine_corpora` combines them and keeps the ids unique.

The validation report
    :func:`validate_corpus` checks a DataFrame, a folder or a file and returns
    a :class:`ValidationReport`: ``.problems`` (one row per problem:
    ``severity``, ``problem``, ``where``, ``detail``, ``what_to_do``,
    ``doc_id``, ``excluded``), ``.summary`` (articles, dates, outlets, words)
    and a readable display in a notebook. The problems it looks for:

    - errors: ``missing_column``, ``duplicate_column``, ``column_clash``,
      ``not_utf8`` (with the byte offset), ``bad_row``, ``empty_file``, ``no_articles``,
      ``missing_doc_id``, ``bad_doc_id``, ``duplicate_doc_id``,
      ``missing_date``, ``unparseable_date``, ``ambiguous_date``,
      ``unknown_date_precision``, ``missing_text_file``,
      ``unlisted_text_file``, ``empty_text``;
    - warnings: ``duplicate_url`` (the same URL after trimming spaces),
      ``duplicate_text`` (the same text once runs of white space are made one
      space; found by hashing, so 100,000 articles take seconds), each listed
      on every row of the group; ``too_short`` and ``too_long``;
      ``missing_title`` and ``missing_outlet``; ``markup`` (HTML tags such as
      ``<p>`` or entities such as ``&ldquo;`` in the text, counted with
      examples); ``not_english`` (more than half of the letters outside the
      Latin alphabet, or fewer than 12% of the words among the common English
      words of ``helpers/data/english_words.csv``, where English news has
      25-45%: a check of letters and words for texts of 20 words or more, not
      a language identifier).

    A text is ``too_short`` below ``min_words`` (default 50) words or below
    the corpus median divided by ``outlier_factor`` (default 10), and
    ``too_long`` above ``max_words`` (default 20,000) or above the median
    times ``outlier_factor``: a teaser, a paywall notice or a caption, or
    several articles and a comment thread run together.

Progress
    In a notebook, an import that takes more than a second shows a progress
    bar. ``progress=None`` (the default) does exactly that; ``progress=True``
    shows it at once, ``progress=False`` never. Scripts and tests see nothing.

Example:
    >>> docs, report = import_news_export(PRACTICE_CORPUS / "practice-export.csv", on_error="report")
    >>> len(docs), report.summary["errors"]
    (8, 3)
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.dates import MONTH_NAMES, MONTH_NUMBER, WEEKDAY_ABBREVIATIONS, WEEKDAY_NUMBER
from helpers.inputs import (
    FILE_WHAT_TO_DO,
    CorpusError,
    decode,
    missing_columns_detail,
    read_csv_text,
    warn,
    word_list,
)
from helpers.progress import Progress
from helpers.text import count_words

REQUIRED_COLUMNS = ("doc_id", "title", "outlet", "published")
DATE_PRECISIONS = ("day", "month", "year", "estimated range")
PRACTICE_CORPUS = Path(__file__).resolve().parent.parent / "examples" / "practice-corpus"
PROBLEM_COLUMNS = ["severity", "problem", "where", "detail", "what_to_do", "doc_id", "excluded"]
ON_ERROR = ("raise", "report")
TABLE_FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
MIN_WORDS, MAX_WORDS, OUTLIER_FACTOR = 50, 20_000, 10.0

_DOC_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")  # a doc_id is also the name of its text file
_UNKNOWN_PRECISION = "unknown"
# Month and weekday names, full or short, from the one table of helpers.dates (matched ignoring case).
_MONTH = "(?P<month_name>" + "|".join(sorted(MONTH_NUMBER, key=len, reverse=True)) + r")\.?"
_WEEKDAY = (
    "(?:(?:" + "|".join(sorted([*WEEKDAY_NUMBER, *WEEKDAY_ABBREVIATIONS], key=len, reverse=True)) + r")\.?,?\s+)?"
)
_TIME = (
    r"(?:(?:[T\s]+|,\s*|\s+at\s+)(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?P<ampm>[ap]\.?m\.?)?\s*(?P<zone>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?|[A-Z]{2,5})?)?"
)
_DATE_FORMS = {  # tried in this order; each must match the whole cell
    "iso": rf"^(?P<year>\d{{4}})(?:[-/.](?P<month>\d{{1,2}})(?:[-/.](?P<day>\d{{1,2}}){_TIME})?)?$",
    "numeric": rf"^(?P<first>\d{{1,2}})[/.-](?P<second_number>\d{{1,2}})[/.-](?P<year>\d{{4}}){_TIME}$",
    "month first": rf"^{_WEEKDAY}{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}}){_TIME}$",
    "day first": rf"^{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<year>\d{{4}}){_TIME}$",
    "month and year": rf"^{_MONTH},?\s+(?P<year>\d{{4}})$",
}
_ISO_ONLY = {"iso": r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$"}

WHAT_TO_DO = {
    **FILE_WHAT_TO_DO,
    "column_clash": "Rename one of the two columns in the file, or map the argument to the column of that name.",
    "no_articles": "The file has a header but no articles: add one row per article.",
    "missing_doc_id": "Give the row its own doc_id, or import without doc_id= to number the articles.",
    "bad_doc_id": "Use letters, digits, '-', '_' or '.', starting with a letter or digit "
    "(it is also the text file's name).",
    "duplicate_doc_id": "Every article needs its own doc_id: give the later row a new one, "
    "or remove it if it is a copy.",
    "missing_date": "Find the publication date (on the page, in its URL or in an archived copy) and fill it in.",
    "unparseable_date": "Write the date as YYYY-MM-DD (e.g. 2021-03-15), or YYYY-MM or YYYY when only the month or "
    "year is known; '15 March 2021', 'March 15, 2021' and '2021-03-15T14:02:00Z' are read too. A relative date "
    "('next Tuesday') must be worked out from the source.",
    "unparseable_iso_date": "Write it as YYYY-MM-DD (e.g. 2014-05-29), or YYYY-MM or YYYY when only the month or "
    "year is known.",
    "unknown_zone": "Replace the abbreviation by the offset from UTC, e.g. -05:00 for EST or +01:00 for CET.",
    "ambiguous_date": "Say how the file writes dates: import it again with dayfirst=True (03/04/2021 is 3 April) "
    "or dayfirst=False (03/04/2021 is 4 March).",
    "unknown_date_precision": f"Write one of {', '.join(DATE_PRECISIONS)}, or leave the cell empty "
    "to read the precision from the date.",
    "missing_text_file": "Add the file texts/<doc_id>.txt with the article's text, or remove the row.",
    "unlisted_text_file": "Add a row for it to metadata.csv, or move the file out of texts/.",
    "empty_text": "Paste the article's text in, or remove the row.",
    "duplicate_url": "The same page was probably collected twice (perhaps before and after an update). Keep one row, "
    "usually the latest version, or keep both and say why in a note.",
    "duplicate_text": "A repost, a syndicated agency story or a double capture. Keep both if different outlets really "
    "published it (that is a finding in itself); otherwise remove the copy.",
    "too_short": "Read the text: a very short one is often a teaser, a paywall notice or a caption without its "
    "article. Fix or remove it; keep it if it is a real, short article.",
    "too_long": "Read the text: a very long one often holds several articles, menus or a comment thread. "
    "Cut it to the article, or keep it if it really is that long.",
    "markup": "The text was saved with its web page's HTML: tags such as <p> would be counted as words and "
    "&ldquo; hides a quotation mark. Export the text again as plain text, or put the pages in raw/ and run "
    "python3 course.py clean, which removes the tags, turns entities into their characters and logs each change "
    "in removed_lines.csv.",
    "not_english": "Read the text: the course's methods (stopwords, sentences, names, dates, sentiment) are written "
    "for English. Leave it out, or analyse it apart knowing that those results do not hold for it.",
    "missing_title": "Fill in the headline; analyses by title will show an empty one.",
    "missing_outlet": "Fill in the outlet; comparisons between outlets will put this article in an empty group.",
}


# Reading files -----------------------------------------------------------------------------------------------------


class _Problems:
    """Collects problems while an import runs, as small DataFrames, and gives them back as one sorted table."""

    def __init__(self):
        self.parts: list[pd.DataFrame] = []

    def add(self, severity, problem, where, detail, doc_id="", excluded=False, order=-1, what_to_do=None):
        """Add one problem (scalars) or one per row (Series with a shared index)."""
        values = {
            "severity": severity,
            "problem": problem,
            "where": where,
            "detail": detail,
            "what_to_do": WHAT_TO_DO[problem] if what_to_do is None else what_to_do,
            "doc_id": doc_id,
            "excluded": excluded,
            "order": order,
        }
        series = [v for v in values.values() if isinstance(v, pd.Series)]
        if series and series[0].empty:
            return
        self.parts.append(pd.DataFrame(values, index=series[0].index if series else [0]))

    def frame(self) -> pd.DataFrame:
        if not self.parts:
            return _empty_problems()
        table = pd.concat(self.parts, ignore_index=True)
        table["rank"] = table["severity"].map({"error": 0, "warning": 1})
        table = table.sort_values(["rank", "order"], kind="stable").reset_index(drop=True)
        table = table.astype({"order": "int64", "excluded": bool})
        return table[PROBLEM_COLUMNS].astype({c: object for c in PROBLEM_COLUMNS if c != "excluded"})


def _empty_problems() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in PROBLEM_COLUMNS})
    return frame.astype({"excluded": bool})


def _read_csv(text: str, where: str, problems: _Problems, progress: Progress) -> pd.DataFrame | None:
    """The rows of a CSV text (by :func:`helpers.inputs.read_csv_text`), its problems added to ``problems``."""
    frame, found = read_csv_text(text, where, progress)
    for problem in found:
        problems.add("error", problem.problem, problem.where, problem.detail, excluded=True, order=problem.row)
    return frame


def _read_jsonl_text(text: str, where: str, problems: _Problems, progress: Progress) -> pd.DataFrame | None:
    """Objects of a JSON Lines file, indexed by their line number. Each line is parsed by the json module (C code)."""
    lines = text.split("\n")
    progress.stage("Reading lines", len(lines))
    records, numbers = [], []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            record, reason = None, f"not valid JSON ({error.msg} at character {error.pos + 1})"
        else:
            reason = f"a JSON {type(record).__name__}, not an object with named fields"
        if isinstance(record, dict):
            records.append(record)
            numbers.append(number)
        else:
            problems.add("error", "bad_row", f"{where}, line {number}", reason, excluded=True, order=number)
        if number % 5000 == 0:
            progress.advance_to(number)
    if not records:
        problems.add("error", "no_articles", where, "the file holds no JSON objects", excluded=True)
        return None
    return pd.DataFrame.from_records(records, index=pd.Index(numbers, name="row"))


def _as_text(values: pd.Series) -> pd.Series:
    """Cells as strings, "" for empty ones; whole numbers read from JSON stay whole (2021, not 2021.0)."""
    if pd.api.types.is_float_dtype(values) and values.dropna().mod(1).eq(0).all():
        values = values.astype("Int64")
    values = values.astype(object)
    missing = values.isna()
    text = values.where(missing, values.astype(str))
    return text.where(~missing, "").astype(object)


# Dates -------------------------------------------------------------------------------------------------------------


def _check_timezone(timezone) -> None:
    if timezone is None:
        return
    try:
        pd.Timestamp("2000-01-01", tz=timezone)
    except Exception:
        raise ValueError(
            f"timezone={timezone!r} is not a time zone: use 'UTC' (the default), None for the date as written, "
            "or a name such as 'Europe/Paris'."
        ) from None


def _check_dayfirst(dayfirst) -> None:
    if dayfirst not in (None, True, False):
        raise ValueError(f"dayfirst must be None, True or False; got {dayfirst!r}.")


def _extract_date_parts(raw: pd.Series, forms: dict[str, str]) -> pd.DataFrame:
    """Split each cell into numbers with the first form that matches it (vectorised, one regex per form)."""
    parts = pd.DataFrame(np.nan, index=raw.index, columns=["year", "month", "day", "hour", "minute", "second"])
    parts[["first", "second_number"]] = np.nan
    for column in ("form", "ampm", "zone"):
        parts[column] = ""
    todo = raw.ne("")
    for form, pattern in forms.items():
        if not todo.any():
            break
        found = raw[todo].str.extract(pattern, flags=re.IGNORECASE)
        found = found[found["year"].notna()]
        if found.empty:
            continue
        rows = found.index
        numbers = [
            c for c in ("year", "month", "day", "hour", "minute", "second", "first", "second_number") if c in found
        ]
        parts.loc[rows, numbers] = found[numbers].apply(pd.to_numeric).to_numpy(dtype=float)
        if "month_name" in found:
            parts.loc[rows, "month"] = found["month_name"].str.lower().map(MONTH_NUMBER).astype(float)
        for column in ("ampm", "zone"):
            if column in found:
                parts.loc[rows, column] = found[column].fillna("").str.upper().to_numpy(dtype=object)
        parts.loc[rows, "form"] = form
        todo.loc[rows] = False
    return parts


def _parse(values: pd.Series, dayfirst=None, timezone="UTC", iso_only: bool = False) -> pd.DataFrame:
    """The work of :func:`parse_dates`; ``iso_only`` accepts only the folder format's YYYY, YYYY-MM, YYYY-MM-DD."""
    _check_dayfirst(dayfirst)
    _check_timezone(timezone)
    original_index = values.index
    raw = _as_text(pd.Series(values).reset_index(drop=True)).str.strip()
    parts = _extract_date_parts(raw, _ISO_ONLY if iso_only else _DATE_FORMS)
    form = parts["form"]

    numeric = form.eq("numeric")
    a, b = parts["first"], parts["second_number"]
    ambiguous = numeric & a.le(12) & b.le(12) & a.ne(b) & (dayfirst is None)
    if dayfirst is None:
        day_is_first = a.gt(12) | ~b.gt(12)
    else:
        day_is_first = pd.Series(dayfirst, index=raw.index)
    parts.loc[numeric, "day"] = a.where(day_is_first, b)[numeric]
    parts.loc[numeric, "month"] = b.where(day_is_first, a)[numeric]

    date = pd.to_datetime(
        pd.DataFrame({"year": parts["year"], "month": parts["month"].fillna(1), "day": parts["day"].fillna(1)}),
        errors="coerce",
    ).astype("datetime64[us]")
    hour, minute, second = parts["hour"], parts["minute"], parts["second"].fillna(0)
    ampm = parts["ampm"].str.replace(".", "", regex=False)
    bad_time = hour.gt(23) | minute.gt(59) | second.gt(59) | (ampm.ne("") & (hour.lt(1) | hour.gt(12)))
    hour = hour.where(~(ampm.eq("PM") & hour.lt(12)), hour + 12).where(~(ampm.eq("AM") & hour.eq(12)), 0)
    zone = parts["zone"]
    offset = zone.str.extract(r"^([+-])(\d{2}):?(\d{2})?$").apply(pd.to_numeric, errors="coerce")
    offset_minutes = (offset[1] * 60 + offset[2].fillna(0)) * np.where(zone.str.startswith("-"), -1, 1)
    offset_minutes = offset_minutes.where(~zone.isin(["Z", "UTC", "GMT"]), 0.0)
    has_offset = offset_minutes.notna()
    unknown_zone = zone.ne("") & (~has_offset | offset_minutes.abs().gt(14 * 60))

    published = date
    if timezone is not None:
        seconds = (hour.fillna(0) * 3600 + minute.fillna(0) * 60 + second).where(has_offset, 0)
        moment = date + pd.to_timedelta(seconds, unit="s") - pd.to_timedelta(offset_minutes.fillna(0), unit="m")
        if str(timezone).upper() != "UTC":
            moment = moment.dt.tz_localize("UTC").dt.tz_convert(timezone).dt.tz_localize(None)
        published = date.where(~has_offset, moment.dt.normalize()).astype("datetime64[us]")

    precision = pd.Series(np.where(parts["day"].notna(), "day", np.where(parts["month"].notna(), "month", "year")))
    missing = raw.eq("")
    unreadable = ~missing & form.eq("")
    impossible = ~missing & ~unreadable & ~ambiguous & (date.isna() | bad_time)
    unknown_zone &= ~impossible & ~unreadable
    failed = missing | unreadable | ambiguous | impossible | unknown_zone
    published = published.where(~failed)
    precision = precision.where(~failed, _UNKNOWN_PRECISION)

    quoted = "'" + raw + "'"
    problem = pd.Series("", index=raw.index, dtype=object)
    detail = pd.Series("", index=raw.index, dtype=object)
    what_to_do = pd.Series("", index=raw.index, dtype=object)
    unparseable_advice = WHAT_TO_DO["unparseable_iso_date" if iso_only else "unparseable_date"]
    problem[missing], detail[missing] = "missing_date", "no publication date (the cell is empty)"
    what_to_do[missing] = WHAT_TO_DO["missing_date"]
    readable_forms = "an ISO date" if iso_only else "a date in a form the importer reads"
    problem[unreadable], detail[unreadable] = "unparseable_date", quoted + f" is not {readable_forms}"
    what_to_do[unreadable] = unparseable_advice
    way = " when read day first (dayfirst=True)" if dayfirst else " when read month first (dayfirst=False)"
    problem[impossible] = "unparseable_date"
    detail[impossible] = quoted + " is not a real date or time" + np.where(numeric & (dayfirst is not None), way, "")
    what_to_do[impossible] = unparseable_advice
    problem[unknown_zone] = "unparseable_date"
    detail[unknown_zone] = (
        quoted + " gives its time zone as an abbreviation (" + zone + "), which can stand for more than one offset"
    )
    what_to_do[unknown_zone] = WHAT_TO_DO["unknown_zone"]
    if ambiguous.any():
        problem[ambiguous] = "ambiguous_date"
        detail[ambiguous] = quoted + " can be " + _spelled(a, b, parts["year"]) + " (day first) or "
        detail[ambiguous] += _spelled(b, a, parts["year"]) + " (month first)"
        what_to_do[ambiguous] = WHAT_TO_DO["ambiguous_date"] + _dayfirst_hint(raw, numeric, a, b)

    result = pd.DataFrame(
        {
            "published": published,
            "date_precision": precision.astype("str"),
            "problem": problem,
            "detail": detail,
            "what_to_do": what_to_do,
        }
    )
    result.index = original_index
    return result


def _spelled(day: pd.Series, month: pd.Series, year: pd.Series) -> pd.Series:
    """'3 April 2021' from numbers; NaN months give an empty name (only rows with valid numbers are shown)."""
    names = month.map(lambda m: MONTH_NAMES[int(m) - 1] if 1 <= m <= 12 else "")
    return day.fillna(0).astype(int).astype(str) + " " + names + " " + year.fillna(0).astype(int).astype(str)


def _dayfirst_hint(raw: pd.Series, numeric: pd.Series, a: pd.Series, b: pd.Series) -> str:
    """What the unambiguous numeric dates of the same file say about how it writes dates."""
    only_day_first = raw[numeric & a.gt(12) & b.le(12)]
    only_month_first = raw[numeric & b.gt(12) & a.le(12)]
    if len(only_day_first) and len(only_month_first):
        return (
            f" Careful: this file has dates that can only be day first ({only_day_first.iloc[0]!r}) and others "
            f"that can only be month first ({only_month_first.iloc[0]!r}), so it mixes the two ways: "
            "check each ambiguous date against its source."
        )
    if len(only_day_first):
        example = only_day_first.iloc[0]
        return f" Other dates in this file can only be day first (e.g. {example!r}): dayfirst=True is likely."
    if len(only_month_first):
        return (
            f" Other dates in this file can only be month first (e.g. {only_month_first.iloc[0]!r}): "
            "dayfirst=False is likely."
        )
    return ""


def parse_dates(values, dayfirst: bool | None = None, timezone: str | None = "UTC") -> pd.DataFrame:
    """Read publication dates written in common forms; say the precision of each and what is wrong with any.

    Returns one row per value, with the same index: ``published`` (a date,
    ``NaT`` when it cannot be read), ``date_precision`` (day, month, year, or
    "unknown"), ``problem`` ("" or missing_date, unparseable_date,
    ambiguous_date), ``detail`` and ``what_to_do``. ``dayfirst`` and
    ``timezone`` are explained at the top of this module: numeric dates such
    as 03/04/2021 are never guessed, and a time with an offset is converted to
    UTC before its date is taken (``timezone=None`` keeps the date as written).

    Example:
        >>> found = parse_dates(["2021-03-15T23:30:00-05:00", "March 2021", "03/04/2021", "next Tuesday"])
        >>> found["published"].dt.strftime("%Y-%m-%d").tolist()
        ['2021-03-16', '2021-03-01', nan, nan]
        >>> found["date_precision"].tolist(), found["problem"].tolist()
        (['day', 'month', 'unknown', 'unknown'], ['', '', 'ambiguous_date', 'unparseable_date'])
        >>> parse_dates(["2021-03-15T23:30:00-05:00"], timezone=None).published[0].date()
        datetime.date(2021, 3, 15)
        >>> parse_dates(["03/04/2021"], dayfirst=True).published[0].date()
        datetime.date(2021, 4, 3)
    """
    values = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    return _parse(values, dayfirst=dayfirst, timezone=timezone)


# Progress ----------------------------------------------------------------------------------------------------------


def _count_words(texts: pd.Series, progress: Progress, chunk: int = 2000) -> pd.Series:
    """:func:`helpers.text.count_words` in chunks, so that the progress bar can move."""
    if len(texts) <= chunk:
        return count_words(texts)
    progress.stage("Counting words", len(texts))
    counts = []
    for start in range(0, len(texts), chunk):
        counts.append(count_words(texts.iloc[start : start + chunk]))
        progress.advance_to(start + chunk)
    return pd.concat(counts)


# Checks ------------------------------------------------------------------------------------------------------------


def _partners(key: pd.Series, where: pd.Series) -> tuple[pd.Series, pd.Series]:
    """For each row whose key occurs more than once: where the other copy is, and how many copies there are.

    The first row of a group points to the second, every other row to the first; vectorised with groupby.
    """
    position = pd.Series(np.arange(len(key)), index=key.index)
    by = key.to_numpy()
    first = position.groupby(by).transform("min")
    rank = position.groupby(by).cumcount()
    second_of = pd.Series(position[rank.eq(1)].to_numpy(), index=by[rank.eq(1).to_numpy()])
    other = first.where(position.ne(first), key.map(second_of))
    size = position.groupby(by).transform("size")
    return where.iloc[other.astype("int64").to_numpy()].set_axis(key.index), size


def _duplicates(problems: _Problems, values: pd.Series, docs: pd.DataFrame, where, order, unit, problem, label):
    """Report every row of every group of equal, non-empty values (hash first, then compare the few candidates)."""
    filled = values[values.ne("")]
    hashes = pd.util.hash_pandas_object(filled, index=False)
    candidates = filled[hashes.duplicated(keep=False).to_numpy()]
    group = candidates[candidates.duplicated(keep=False)]
    if group.empty:
        return
    ids = docs.loc[group.index, "doc_id"].astype(str)
    name = "doc_id " + ids if unit is None else f"{unit} " + order[group.index].astype(str) + " (" + ids + ")"
    other, size = _partners(group, name)
    more = np.where(size.gt(2), " and " + (size - 2).astype(str) + " other row(s)", "")
    detail = f"same {label} as " + other + more
    problems.add("warning", problem, where[group.index], detail, doc_id=ids, order=order[group.index])


_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_NON_LATIN_LETTER = re.compile(r"[^\W\d_A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")
_WORD_RE = re.compile(r"[^\W\d_]+")
MIN_ENGLISH_SHARE = 0.12  # English news: 25-45% of words are on english_words.csv; French, German, Spanish: under 8%
_MIN_WORDS_FOR_LANGUAGE = 20
_LANGUAGE_SAMPLE_CHARS = 1000  # enough words to tell, and fast on 100,000 articles


def _markup(texts: pd.Series) -> pd.Series:
    """For each text, what HTML it holds ("3 HTML tags (<p>, </p>) and 1 entity (&ldquo;)"), or ""."""

    def describe(text: str) -> str:
        if "<" not in text and "&" not in text:
            return ""
        parts = []
        for found, one, many in (
            (_TAG.findall(text), "HTML tag", "HTML tags"),
            (_ENTITY.findall(text), "entity", "entities"),
        ):
            if found:
                examples = ", ".join(list(dict.fromkeys(found))[:3])
                parts.append(f"{len(found)} {one if len(found) == 1 else many} ({examples})")
        return " and ".join(parts)

    return texts.map(describe)


def _not_english(texts: pd.Series) -> pd.Series:
    """For each text that does not look English, why ("mostly in Arabic script", "only 4% of its words are common
    English words"), or "". A check of the letters and words of the text's first 1,000 characters, not a language
    identifier."""
    common = frozenset(w.lower() for w in word_list("english_words.csv", "word"))

    def why(text: str) -> str:
        sample = text[:_LANGUAGE_SAMPLE_CHARS]
        words = _WORD_RE.findall(sample.lower())
        if len(words) < _MIN_WORDS_FOR_LANGUAGE:
            return ""
        if not sample.isascii():
            other = _NON_LATIN_LETTER.findall(sample)
            letters = sum(map(len, words))
            if len(other) > letters / 2:
                names = [unicodedata.name(c, "OTHER").split()[0] for c in other]
                script = max(set(names), key=names.count).capitalize()
                return f"mostly in {script} script ({round(100 * len(other) / letters)}% of its letters not Latin)"
        share = sum(w in common for w in words) / len(words)
        if share < MIN_ENGLISH_SHARE:
            return (f"only {100 * share:.0f}% of its words are common English words (english_words.csv), "
                    f"against 25-45% in English news")  # fmt: skip
        return ""

    return texts.map(why)


def _check_content(
    problems: _Problems,
    docs: pd.DataFrame,
    where: pd.Series,
    order: pd.Series,
    unit: str | None,
    min_words: int,
    max_words: int,
    outlier_factor: float,
) -> None:
    """The checks that look at the articles themselves: duplicates, lengths, empty titles and outlets."""
    if docs.empty:
        return
    ids = docs["doc_id"].astype(str)
    if "url" in docs.columns:
        urls = _as_text(docs["url"]).str.strip()
        _duplicates(problems, urls, docs, where, order, unit, "duplicate_url", "URL")
    # White space aside: runs of white space made one space, and none at the ends (str.split and the regular
    # expression \s agree on what white space is, and split is several times faster)
    normalised = docs["text"].astype(object).fillna("").map(lambda text: " ".join(str(text).split()))
    _duplicates(problems, normalised, docs, where, order, unit, "duplicate_text", "text (white space aside)")

    words = docs["n_words"].astype("int64")
    median = float(words[words.gt(0)].median()) if words.gt(0).any() else 0.0
    few = words.lt(min_words)
    few_for_corpus = words.lt(median / outlier_factor) & ~few
    many = words.gt(max_words)
    many_for_corpus = words.gt(median * outlier_factor) & ~many
    count = words.astype(str) + " words"
    for mask, problem, detail in (
        (few & words.gt(0), "too_short", count + f", fewer than min_words={min_words}"),
        (few_for_corpus, "too_short", count + f", less than 1/{outlier_factor:g} of the corpus median ({median:g})"),
        (many, "too_long", count + f", more than max_words={max_words}"),
        (many_for_corpus, "too_long", count + f", more than {outlier_factor:g} times the corpus median ({median:g})"),
    ):
        problems.add("warning", problem, where[mask], detail[mask], doc_id=ids[mask], order=order[mask])
    texts = docs["text"].astype(object).fillna("").astype(str)
    markup = _markup(texts)
    problems.add("warning", "markup", where[markup.ne("")], markup[markup.ne("")], doc_id=ids[markup.ne("")],
                 order=order[markup.ne("")])  # fmt: skip
    language = _not_english(texts)
    problems.add("warning", "not_english", where[language.ne("")], language[language.ne("")],
                 doc_id=ids[language.ne("")], order=order[language.ne("")])  # fmt: skip
    for column in ("title", "outlet"):
        if column in docs.columns:
            empty = _as_text(docs[column]).str.strip().eq("")
            problems.add(
                "warning",
                f"missing_{column}",
                where[empty],
                f"the {column} is empty",
                doc_id=ids[empty],
                order=order[empty],
            )


def _check_frame(problems: _Problems, docs: pd.DataFrame, limits: dict) -> pd.DataFrame:
    """Checks for a DataFrame that did not come from an importer (columns, ids, dates, empty texts)."""
    index = pd.Series("index " + docs.index.astype(str), index=docs.index)
    where = "doc_id " + docs["doc_id"].astype(str) + " (" + index + ")" if "doc_id" in docs.columns else index
    order = pd.Series(np.arange(len(docs)), index=docs.index)
    for column in [*REQUIRED_COLUMNS, "text"]:
        if column not in docs.columns:
            found = ", ".join(map(str, docs.columns)) or "none"
            problems.add(
                "error", "missing_column", "the DataFrame", f"no column {column!r} (the DataFrame has: {found})"
            )
    if not {"doc_id", "text"} <= set(docs.columns):
        return docs
    ids = docs["doc_id"].astype(str)
    repeated = docs["doc_id"].duplicated(keep=False)
    problems.add(
        "error",
        "duplicate_doc_id",
        where[repeated],
        "this doc_id is used by more than one row",
        doc_id=ids[repeated],
        order=order[repeated],
    )
    if "published" in docs.columns:
        if pd.api.types.is_datetime64_any_dtype(docs["published"]):
            undated = docs["published"].isna()
            problems.add(
                "error",
                "missing_date",
                where[undated],
                "no publication date (NaT)",
                doc_id=ids[undated],
                order=order[undated],
            )
        else:
            dates = _parse(docs["published"])
            bad = dates["problem"].ne("")
            problems.add(
                "error",
                dates["problem"][bad],
                where[bad],
                dates["detail"][bad],
                doc_id=ids[bad],
                order=order[bad],
                what_to_do=dates["what_to_do"][bad],
            )
    texts = _as_text(docs["text"])
    empty = texts.str.strip().eq("")
    problems.add("error", "empty_text", where[empty], "the text is empty", doc_id=ids[empty], order=order[empty])
    docs = docs.assign(text=texts)
    if "n_words" not in docs.columns:
        docs = docs.assign(n_words=count_words(texts))
    _check_content(problems, docs, where, order, None, **limits)
    return docs


def shown_path(path, corpus_folder) -> str:
    """A path as reports show it: from the corpus folder's own name on, not from the root of the machine the
    course happens to run on.

    Example:
        >>> shown_path("/home/ana/examples/practice-corpus/texts/a.txt", "/home/ana/examples/practice-corpus")
        'practice-corpus/texts/a.txt'
        >>> shown_path("/data/export.csv", "/data")
        'data/export.csv'
    """
    path, folder = Path(path), Path(corpus_folder)
    try:
        return (Path(folder.name) / path.relative_to(folder)).as_posix()
    except ValueError:
        return path.as_posix()


# The report --------------------------------------------------------------------------------------------------------


class ValidationReport:
    """What a check of a corpus found: ``problems`` (a DataFrame, one row per problem) and ``summary`` (a dict).

    ``problems`` has the columns ``severity`` ("error" or "warning"),
    ``problem`` (a short code, listed at the top of this module), ``where``
    (the file and row, or the doc_id), ``detail``, ``what_to_do``, ``doc_id``
    and ``excluded`` (True when the row is not in the imported DataFrame).
    Errors come first, each group in file order. ``summary`` holds
    ``articles``, ``rows_read``, ``left_out``, ``first_published``,
    ``last_published``, ``undated``, ``outlets``, ``total_words``,
    ``median_words``, ``errors`` and ``warnings``. ``ok`` is True when there
    is no error. In a notebook the report shows as a table; ``print(report)``
    gives the same as text.

    Example:
        >>> report = validate_corpus(PRACTICE_CORPUS)
        >>> report.ok, report.summary["articles"], report.summary["outlets"]
        (True, 5, 4)
        >>> print(str(report).splitlines()[1])
        5 articles from 4 outlets, published 2021-03-01 to 2021-03-16; 1,144 words (median 225 per article).
    """

    MAX_SHOWN = 100

    def __init__(self, problems: pd.DataFrame, summary: dict, source: str = ""):
        self.problems = problems
        self.summary = summary
        self.source = source

    @property
    def ok(self) -> bool:
        return not self.problems["severity"].eq("error").any()

    def _headline(self) -> str:
        s = self.summary
        sentence = f"{s['articles']:,} article{'s' if s['articles'] != 1 else ''} from {s['outlets']:,} outlet"
        sentence += "s" if s["outlets"] != 1 else ""
        if s["first_published"]:
            sentence += f", published {s['first_published']} to {s['last_published']}"
        if s["undated"]:
            sentence += f" ({s['undated']:,} without a date)"
        sentence += f"; {s['total_words']:,} words (median {s['median_words']:g} per article)."
        return sentence

    def _counts(self) -> str:
        s = self.summary
        text = f"{s['errors']} error(s), {s['warnings']} warning(s)"
        if s["left_out"]:
            text += f"; {s['left_out']} row(s) of the source left out of the corpus (see 'excluded')"
        return text + "."

    def __str__(self) -> str:
        lines = [f"Validation report for {self.source}" if self.source else "Validation report"]
        lines += [self._headline(), self._counts()]
        for row in self.problems.head(self.MAX_SHOWN).itertuples(index=False):
            left_out = " [left out]" if row.excluded else ""
            lines.append(f"\n{row.severity.upper()} {row.problem}{left_out}: {row.where}")
            lines.append(f"  {row.detail}.")
            lines.append(f"  What to do: {row.what_to_do}")
        if len(self.problems) > self.MAX_SHOWN:
            lines.append(f"\n... and {len(self.problems) - self.MAX_SHOWN} more: see report.problems")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return str(self)  # at a prompt, the report shows its problems, as in a notebook

    def _repr_html_(self) -> str:
        from helpers.explorers.base import table_html  # escapes every header and cell with html.escape

        title = f"Validation report for {self.source}" if self.source else "Validation report"
        parts = [
            f'<p class="validation-title"><strong>{html.escape(title)}</strong></p>',
            f"<p>{html.escape(self._headline())}<br><b>{html.escape(self._counts())}</b></p>",
        ]
        if self.problems.empty:
            parts.append("<p>No problems found.</p>")
        else:
            shown = self.problems[["severity", "problem", "where", "detail", "what_to_do", "excluded"]]
            shown = shown.assign(excluded=shown["excluded"].map({True: "left out", False: ""}))
            parts.append(table_html(shown, caption="Problems", max_rows=self.MAX_SHOWN))
        return '<div class="validation-report">' + "".join(parts) + "</div>"


def _summary(docs: pd.DataFrame, problems: pd.DataFrame, rows_read: int) -> dict:
    published = docs["published"] if "published" in docs.columns else pd.Series(dtype="datetime64[us]")
    published = published if pd.api.types.is_datetime64_any_dtype(published) else pd.Series(dtype="datetime64[us]")
    words = docs["n_words"] if "n_words" in docs.columns else pd.Series(dtype="int64")
    first, last = published.min(), published.max()
    return {
        "articles": len(docs),
        "rows_read": rows_read,
        "left_out": max(rows_read - len(docs), 0),
        "first_published": "" if pd.isna(first) else f"{first:%Y-%m-%d}",
        "last_published": "" if pd.isna(last) else f"{last:%Y-%m-%d}",
        "undated": int(published.isna().sum()) if len(published) else 0,
        "outlets": int(docs["outlet"].nunique()) if "outlet" in docs.columns else 0,
        "total_words": int(words.sum()),
        "median_words": float(words.median()) if len(words) else 0.0,
        "errors": int(problems["severity"].eq("error").sum()),
        "warnings": int(problems["severity"].eq("warning").sum()),
    }


def _finish(docs: pd.DataFrame, problems: _Problems, rows_read: int, source: str, on_error: str, progress: Progress):
    """Return ``docs`` (raise mode) or ``(docs, report)``; in raise mode, raise for the first error."""
    progress.finish()
    table = problems.frame()
    if on_error == "report":  # the import goes on: say what became of each row with an error
        table = _with_consequences(table)
        return docs, ValidationReport(table, _summary(docs, table, rows_read), source)
    errors = table[table["severity"].eq("error")]
    if len(errors):
        first = errors.iloc[0]
        more = f" ({len(table) - 1} more problem(s): validate_corpus() lists every one.)" if len(table) > 1 else ""
        raise CorpusError(f"{first['where']}: {first['detail']}. {first['what_to_do']}{more}")
    if len(table):
        codes = ", ".join(sorted(set(table["problem"])))
        warn(f"{source}: {len(table)} warning(s) ({codes}). validate_corpus() lists them, with what to do.")
    return docs


# What an import that goes on (on_error="report", validate_corpus) does with a row that has an error. An import
# that stops at the first error keeps nothing, so these are never part of its message.
_LEFT_OUT = " Until then the row is left out of the corpus."
_KEPT = {
    "missing_date": " Until then the article is kept without a date (NaT).",
    "unparseable_date": " Until then the article is kept without a date (NaT).",
    "ambiguous_date": " Until then the article is kept without a date (NaT).",
    "unknown_date_precision": " Until then the precision is read from the date.",
}


def _with_consequences(table: pd.DataFrame) -> pd.DataFrame:
    errors = table["severity"].eq("error")
    left_out = errors & table["excluded"]
    kept = errors & ~table["excluded"]
    consequence = pd.Series("", index=table.index, dtype=object)
    consequence[left_out] = _LEFT_OUT
    consequence[kept] = table.loc[kept, "problem"].map(_KEPT).fillna("")
    return table.assign(what_to_do=table["what_to_do"] + consequence)


def _check_on_error(on_error) -> None:
    if on_error not in ON_ERROR:
        raise ValueError(f"on_error must be 'raise' or 'report'; got {on_error!r}.")


def _limits(min_words=MIN_WORDS, max_words=MAX_WORDS, outlier_factor=OUTLIER_FACTOR) -> dict:
    if not (isinstance(min_words, int) and isinstance(max_words, int) and 0 <= min_words < max_words):
        raise ValueError(f"min_words and max_words must be whole numbers with min < max; got {min_words}, {max_words}.")
    if not outlier_factor > 1:
        raise ValueError(f"outlier_factor must be more than 1; got {outlier_factor!r}.")
    return {"min_words": min_words, "max_words": max_words, "outlier_factor": float(outlier_factor)}


# Importers ---------------------------------------------------------------------------------------------------------


def _empty_corpus(extra: list[str] | None = None) -> pd.DataFrame:
    columns = ["doc_id", "title", "outlet", "published", "date_precision", *(extra or []), "text", "n_words"]
    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    return frame.astype({"published": "datetime64[us]", "date_precision": "str", "text": "str", "n_words": "int64"})


def _sorted(docs: pd.DataFrame) -> pd.DataFrame:
    return docs.sort_values(["published", "doc_id"], kind="stable", na_position="last").reset_index(drop=True)


def _import_table(path, columns: dict, fmt, dayfirst, timezone, encoding, progress_setting, limits, kind):
    """Read a table file and check it; return ``(docs, problems, rows_read, progress)``."""
    path = Path(path)
    if not path.is_file():
        raise CorpusError(f"{path}: no such file. Give the path of the {kind} file.")
    fmt = fmt or TABLE_FORMATS.get(path.suffix.lower())
    if fmt not in ("csv", "jsonl"):
        raise ValueError(
            f"{path}: cannot tell the format from the name; pass format='csv' or format='jsonl' (JSON Lines, one "
            "object per line). A .json file holding one list is not JSON Lines: save it as .jsonl first."
        )
    _check_dayfirst(dayfirst)
    _check_timezone(timezone)
    for argument, name in columns.items():
        if not (isinstance(name, str) or (argument == "doc_id" and name is None)):
            raise ValueError(f"{argument}= must name a column of the file (a string); got {name!r}.")
    progress = Progress(progress_setting)
    problems = _Problems()
    where = shown_path(path, path.parent)
    text, bad_bytes = decode(path.read_bytes(), encoding)
    if text is None:
        problems.add("error", "not_utf8", where, bad_bytes, excluded=True)
        return _empty_corpus(), problems, 0, progress
    reader = _read_csv if fmt == "csv" else _read_jsonl_text
    frame = reader(text, where, problems, progress)
    del text
    if frame is None:
        return _empty_corpus(), problems, 0, progress
    unit = "row" if fmt == "csv" else "line"
    rows_read = len(frame)

    missing = {a: n for a, n in columns.items() if n is not None and n not in frame.columns}
    for argument, name in missing.items():
        detail = missing_columns_detail([name], list(frame.columns)).replace(
            f"{name!r}", f"{name!r} for {argument}=", 1
        )
        advice = f"Add a column {name!r}, or say which column holds it: {argument}='<its name>'."
        problems.add("error", "missing_column", where, detail, excluded=True, what_to_do=advice)
    clashes = [(a, n) for a, n in columns.items() if n is not None and n != a and a in frame.columns]
    for argument, name in clashes:
        detail = f"the file has a column {argument!r}, and {argument}={name!r} would replace it"
        problems.add("error", "column_clash", where, detail, excluded=True)
    if frame.empty:
        problems.add("error", "no_articles", where, "the file holds no articles", excluded=True)
    if missing or clashes or frame.empty:
        return _empty_corpus(), problems, rows_read, progress

    if columns["doc_id"] is None and "doc_id" in frame.columns:  # e.g. a table saved by export_table
        columns = {**columns, "doc_id": "doc_id"}
    row_numbers = pd.Series(frame.index, index=frame.index)
    frame = frame.rename(columns={n: a for a, n in columns.items() if n is not None})
    place = f"{where}, {unit} " + row_numbers.astype(str)

    def field(argument):
        return place + f", field '{columns[argument]}'"

    if columns["doc_id"] is None:
        width = max(5, len(str(len(frame))))
        frame.insert(0, "doc_id", [f"doc-{n:0{width}d}" for n in range(1, len(frame) + 1)])
    frame["doc_id"] = _as_text(frame["doc_id"]).str.strip()
    keep = pd.Series(True, index=frame.index)
    no_id = frame["doc_id"].eq("")
    problems.add(
        "error", "missing_doc_id", field("doc_id")[no_id], "no doc_id", excluded=True, order=row_numbers[no_id]
    )
    keep &= ~no_id
    again = frame["doc_id"].duplicated() & keep
    if again.any():
        first_row = frame["doc_id"].map(row_numbers[keep].groupby(frame.loc[keep, "doc_id"].to_numpy()).min())
        first_row = first_row.fillna(0).astype("int64").astype(str)
        detail = "'" + frame["doc_id"] + f"' is used again (first in {unit} " + first_row + ")"
        problems.add(
            "error",
            "duplicate_doc_id",
            field("doc_id")[again],
            detail[again],
            doc_id=frame["doc_id"][again],
            excluded=True,
            order=row_numbers[again],
        )
        keep &= ~again

    frame["text"] = _as_text(frame["text"]).str.replace("\r\n", "\n", regex=False).str.replace("\r", "\n", regex=False)
    empty = frame["text"].str.strip().eq("") & keep
    problems.add(
        "error",
        "empty_text",
        field("text")[empty],
        "the text is empty",
        doc_id=frame["doc_id"][empty],
        excluded=True,
        order=row_numbers[empty],
    )
    keep &= ~empty

    progress.stage("Reading dates", 1)
    raw_dates = _as_text(frame["published"])
    dates = _parse(raw_dates, dayfirst=dayfirst, timezone=timezone)
    bad = dates["problem"].ne("") & keep
    problems.add(
        "error",
        dates["problem"][bad],
        field("published")[bad],
        dates["detail"][bad],
        doc_id=frame["doc_id"][bad],
        order=row_numbers[bad],
        what_to_do=dates["what_to_do"][bad],
    )
    precision = dates["date_precision"]
    if "date_precision" in frame.columns:  # a table saved by export_table: keep the precision it states
        stated = _as_text(frame["date_precision"]).str.strip()
        unknown = stated.ne("") & ~stated.isin([*DATE_PRECISIONS, _UNKNOWN_PRECISION]) & keep
        detail = "'" + stated + "' is not one of " + ", ".join(DATE_PRECISIONS)
        problems.add(
            "error",
            "unknown_date_precision",
            place[unknown] + ", field 'date_precision'",
            detail[unknown],
            doc_id=frame["doc_id"][unknown],
            order=row_numbers[unknown],
        )
        precision = stated.where(stated.isin(DATE_PRECISIONS) & dates["published"].notna(), precision)
    if "published_raw" in frame.columns:  # likewise: the date as first written stays
        raw_dates = _as_text(frame["published_raw"]).where(_as_text(frame["published_raw"]).ne(""), raw_dates)
    frame["published"] = dates["published"]
    frame["published_raw"] = raw_dates
    frame["date_precision"] = precision.astype("str")

    docs = frame[keep]
    order = row_numbers[keep]
    place = place[keep]
    first = ["doc_id", "title", "outlet", "published", "date_precision", "published_raw"]
    others = [c for c in docs.columns if c not in first and c not in ("text", "n_words")]
    docs = docs[first + others + ["text"]]
    docs = docs.astype({c: object for c in ["doc_id", "title", "outlet", "published_raw"]})
    docs["text"] = docs["text"].astype("str")
    docs["n_words"] = _count_words(docs["text"], progress)
    progress.stage("Checking", 1)
    _check_content(problems, docs, place, order, unit, **limits)
    return _sorted(docs), problems, rows_read, progress


def import_table(
    path: Path | str,
    text: str = "text",
    doc_id: str | None = None,
    title: str = "title",
    outlet: str = "outlet",
    published: str = "published",
    format: str | None = None,
    *,
    dayfirst: bool | None = None,
    timezone: str | None = "UTC",
    encoding: str = "utf-8",
    on_error: str = "raise",
    progress: bool | None = None,
):
    """Import one CSV or JSON Lines file with one article per row.

    ``text``, ``title``, ``outlet``, ``published`` and ``doc_id`` name the
    file's columns for each field (they are renamed to the course's names;
    ``published_raw`` keeps the date as written). Without ``doc_id``, the
    articles are numbered in file order: the first is ``doc-00001``. Every
    other column is kept. ``format`` is "csv" or "jsonl"; by default it comes
    from the extension (.csv, .jsonl, .ndjson). A table saved by
    :func:`export_table` imports again as it was (its ``date_precision`` and
    ``published_raw`` are kept; ``n_words`` is recounted).

    Returns the DataFrame, or ``(docs, report)`` with ``on_error="report"``;
    see the top of this module for dates, time zones, ``dayfirst`` and
    ``on_error``.

    Example:
        >>> docs, report = import_table(
        ...     PRACTICE_CORPUS / "practice-export.csv", outlet="media_name", published="publish_date",
        ...     on_error="report")
        >>> docs[["doc_id", "outlet", "published", "date_precision"]].head(2)
              doc_id                              outlet  published date_precision
        0  doc-00004  Exampleton Cycling Club newsletter 2021-03-01          month
        1  doc-00001                    Radio Example FM 2021-03-02            day
    """
    _check_on_error(on_error)
    columns = {"doc_id": doc_id, "title": title, "outlet": outlet, "published": published, "text": text}
    docs, problems, rows, bar = _import_table(
        path, columns, format, dayfirst, timezone, encoding, progress, _limits(), "CSV or JSON Lines"
    )
    return _finish(docs, problems, rows, shown_path(path, Path(path).parent), on_error, bar)


def import_news_export(
    path: Path | str,
    *,
    dayfirst: bool | None = None,
    timezone: str | None = "UTC",
    encoding: str = "utf-8",
    on_error: str = "raise",
    progress: bool | None = None,
):
    """Import a news-archive CSV export (the shape of a Media Cloud export) with its texts.

    The columns ``title``, ``url``, ``publish_date``, ``media_name`` and
    ``text`` become ``title``, ``url``, ``published`` (the date as written
    stays in ``published_raw``), ``outlet`` and ``text``; any other column
    (``id``, ``language``, ``media_url``...) is kept. The articles are
    numbered in file order: ``doc-00001``, ``doc-00002``... Archive exports
    often leave the texts out; add a ``text`` column first. For other column
    names use :func:`import_table`.

    Returns the DataFrame, or ``(docs, report)`` with ``on_error="report"``.

    Example:
        >>> docs, report = import_news_export(PRACTICE_CORPUS / "practice-export.csv", on_error="report")
        >>> rows = report.problems["where"].str.extract(r"(row \\d+)")[0]
        >>> list(zip(report.problems["problem"], rows))  # doctest: +NORMALIZE_WHITESPACE
        [('empty_text', 'row 8'), ('unparseable_date', 'row 9'), ('ambiguous_date', 'row 10'),
         ('duplicate_url', 'row 3'), ('duplicate_url', 'row 7')]
    """
    _check_on_error(on_error)
    columns = {"doc_id": None, "title": "title", "outlet": "media_name", "published": "publish_date", "text": "text"}
    docs, problems, rows, bar = _import_table(
        path, columns, "csv", dayfirst, timezone, encoding, progress, _limits(), "news export (CSV)"
    )
    return _finish(docs, problems, rows, shown_path(path, Path(path).parent), on_error, bar)


def _import_folder(path, progress_setting, limits):
    """Read a corpus folder and check it; return ``(docs, problems, rows_read, progress)``."""
    folder = Path(path)
    if not folder.is_dir():
        raise CorpusError(f"{folder}: no such folder. Give the folder that holds metadata.csv and texts/.")
    metadata_path = folder / "metadata.csv"
    if not metadata_path.is_file():
        raise CorpusError(
            f"{metadata_path}: no metadata file. A corpus folder needs a metadata.csv, one row per article."
        )
    progress = Progress(progress_setting)
    problems = _Problems()
    where = shown_path(metadata_path, folder)
    text, bad_bytes = decode(metadata_path.read_bytes())
    if text is None:
        problems.add("error", "not_utf8", where, bad_bytes, excluded=True)
        return _empty_corpus(), problems, 0, progress
    frame = _read_csv(text, where, problems, progress)
    if frame is None or frame.empty:
        if frame is not None:
            problems.add("error", "no_articles", where, "no articles (only a header)", excluded=True)
        return _empty_corpus(), problems, 0, progress
    rows_read = len(frame)
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        detail = missing_columns_detail(REQUIRED_COLUMNS, list(frame.columns))
        advice = f"Add the missing column(s); a corpus folder's metadata.csv needs {', '.join(REQUIRED_COLUMNS)}."
        problems.add("error", "missing_column", where, detail, excluded=True, what_to_do=advice)
    if missing:
        return _empty_corpus(), problems, rows_read, progress

    row_numbers = pd.Series(frame.index, index=frame.index)
    place = f"{where}, row " + row_numbers.astype(str)
    ids = frame["doc_id"]
    bad_id = ~ids.str.match(_DOC_ID.pattern)
    detail = "'" + ids + "' is not a usable id"
    problems.add(
        "error",
        "bad_doc_id",
        place[bad_id] + ", field 'doc_id'",
        detail[bad_id],
        doc_id=ids[bad_id],
        excluded=True,
        order=row_numbers[bad_id],
    )
    again = ids.duplicated() & ~bad_id
    first_row = ids.map(row_numbers.groupby(ids.to_numpy()).min())
    detail = "'" + ids + "' is used again (first in row " + first_row.astype(str) + ")"
    problems.add(
        "error",
        "duplicate_doc_id",
        place[again] + ", field 'doc_id'",
        detail[again],
        doc_id=ids[again],
        excluded=True,
        order=row_numbers[again],
    )
    keep = ~bad_id & ~again

    dates = _parse(frame["published"], iso_only=True)
    bad = dates["problem"].ne("") & keep
    problems.add(
        "error",
        dates["problem"][bad],
        place[bad] + ", field 'published'",
        dates["detail"][bad],
        doc_id=ids[bad],
        order=row_numbers[bad],
        what_to_do=dates["what_to_do"][bad],
    )
    frame["published"] = dates["published"]
    if "date_precision" in frame.columns:
        stated = frame["date_precision"].str.strip()
        unknown = ~stated.isin(DATE_PRECISIONS) & keep
        detail = "'" + stated + "' is not one of " + ", ".join(DATE_PRECISIONS)
        problems.add(
            "error",
            "unknown_date_precision",
            place[unknown] + ", field 'date_precision'",
            detail[unknown],
            doc_id=ids[unknown],
            order=row_numbers[unknown],
        )
        frame["date_precision"] = stated.where(~unknown, dates["date_precision"]).astype("str")
    else:
        frame["date_precision"] = dates["date_precision"]
    for column in ("published_latest", "event_date"):
        if column in frame.columns:
            given = frame[column].str.strip().ne("")
            extra = _parse(frame[column], iso_only=True)
            bad = extra["problem"].ne("") & given & keep
            problems.add(
                "error",
                extra["problem"][bad],
                place[bad] + f", field '{column}'",
                extra["detail"][bad],
                doc_id=ids[bad],
                order=row_numbers[bad],
                what_to_do=extra["what_to_do"][bad],
            )
            frame[column] = extra["published"]

    texts_dir = folder / "texts"
    read: dict = {}  # row -> text; set into the frame once, after the loop (row by row, pandas takes 0.1 ms each)
    left_out: list = []
    progress.stage("Reading texts", int(keep.sum()))
    for done, (row, doc_id) in enumerate(ids[keep].items(), start=1):
        text_path = texts_dir / f"{doc_id}.txt"

        def at(text_path=text_path, row=row) -> str:  # where, as the report says it: only made for a problem
            return f"{shown_path(text_path, folder)} (metadata row {row})"

        try:
            content = text_path.read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            detail = f"no text file texts/{doc_id}.txt for row {row}"
            problems.add("error", "missing_text_file", at(), detail, doc_id=doc_id, excluded=True, order=row)
            left_out.append(row)
            continue
        text, bad_bytes = decode(content)
        if text is None:
            problems.add("error", "not_utf8", at(), bad_bytes, doc_id=doc_id, excluded=True, order=row)
            left_out.append(row)
        elif not text.strip():
            problems.add("error", "empty_text", at(), "the text is empty", doc_id=doc_id, excluded=True, order=row)
            left_out.append(row)
        else:
            read[row] = text
        if done % 500 == 0:
            progress.advance_to(done)
    keep.loc[left_out] = False
    texts = pd.Series(read, index=frame.index, dtype=object).fillna("")
    if texts_dir.is_dir():
        listed = set(ids)
        after_the_rows = int(row_numbers.max()) + 1  # reported after the problems of the metadata's rows
        for name in sorted(p.name for p in texts_dir.glob("*.txt") if p.stem not in listed):
            detail = "a text file with no row in metadata.csv"
            problems.add("error", "unlisted_text_file", str(texts_dir / name), detail, order=after_the_rows)

    docs = frame[keep].assign(text=texts[keep].astype("str"))
    docs["n_words"] = _count_words(docs["text"], progress)
    progress.stage("Checking", 1)
    _check_content(problems, docs, place[keep], row_numbers[keep], "row", **limits)
    return _sorted(docs), problems, rows_read, progress


def import_folder(path: Path | str, *, on_error: str = "raise", progress: bool | None = None):
    """Import a corpus folder in the course's own format (``metadata.csv`` and ``texts/<doc_id>.txt``).

    With a good folder the result is exactly what :func:`helpers.load_corpus`
    gives. With ``on_error="report"`` it returns ``(docs, report)`` and lists
    every problem at once instead of stopping at the first: an article with
    a bad date is kept without one; a row with no usable text file or a
    repeated ``doc_id`` is left out, and the report says so.

    Example:
        >>> docs = import_folder(PRACTICE_CORPUS)
        >>> docs[["doc_id", "published", "date_precision", "n_words"]]
                               doc_id  published date_precision  n_words
        0         cyclingclub-2021-03 2021-03-01          month      225
        1            radio-2021-03-02 2021-03-02            day      197
        2          gazette-2021-03-10 2021-03-10            day      256
        3          council-2021-03-12 2021-03-12            day      216
        4  gazette-opinion-2021-03-16 2021-03-16            day      250
    """
    _check_on_error(on_error)
    docs, problems, rows, bar = _import_folder(path, progress, _limits())
    return _finish(docs, problems, rows, shown_path(path, path), on_error, bar)


def _looks_like_news_export(path: Path) -> bool:
    with open(path, encoding="utf-8", errors="replace", newline="") as f:
        header, _ = read_csv_text(f.readline(), str(path))
    return header is not None and {"publish_date", "media_name"} <= set(header.columns)


def validate_corpus(
    docs_or_path,
    *,
    min_words: int = MIN_WORDS,
    max_words: int = MAX_WORDS,
    outlier_factor: float = OUTLIER_FACTOR,
    **import_options,
) -> ValidationReport:
    """Check a corpus before any analysis and list every problem with where it is and what to do.

    ``docs_or_path`` is a DataFrame (from an importer or :func:`helpers.load_corpus`),
    a corpus folder, or a CSV / JSON Lines file. A CSV with the columns
    ``publish_date`` and ``media_name`` is read as a news export, any other
    file by :func:`import_table` with ``import_options`` (``text="body"``,
    ``dayfirst=True``...). ``min_words``, ``max_words`` and ``outlier_factor``
    set when a text counts as too short or too long (see the top of this module).

    Example:
        >>> report = validate_corpus(PRACTICE_CORPUS / "practice-export.csv")
        >>> report.ok, report.summary["articles"], report.summary["left_out"]
        (False, 8, 1)
        >>> print(report.problems.loc[0, "what_to_do"])
        Paste the article's text in, or remove the row. Until then the row is left out of the corpus.
    """
    limits = _limits(min_words, max_words, outlier_factor)
    if isinstance(docs_or_path, pd.DataFrame):
        if import_options:
            raise TypeError(f"{', '.join(import_options)}: import options apply to a path, not to a DataFrame.")
        problems = _Problems()
        docs = _check_frame(problems, docs_or_path, limits)
        table = problems.frame()
        return ValidationReport(table, _summary(docs, table, len(docs)), "a DataFrame")
    if not isinstance(docs_or_path, (str, Path)):
        raise TypeError(f"validate_corpus() needs a DataFrame, a folder or a file; got {type(docs_or_path).__name__}.")
    path = Path(docs_or_path)
    progress = import_options.pop("progress", None)
    if path.is_dir():
        if import_options:
            raise TypeError(f"{', '.join(import_options)}: a corpus folder takes no import options.")
        docs, problems, rows, bar = _import_folder(path, progress, limits)
    elif path.is_file() and not import_options and _looks_like_news_export(path):
        defaults = {
            "doc_id": None,
            "title": "title",
            "outlet": "media_name",
            "published": "publish_date",
            "text": "text",
        }
        docs, problems, rows, bar = _import_table(
            path, defaults, "csv", None, "UTC", "utf-8", progress, limits, "news export"
        )
    else:
        options = {"text": "text", "doc_id": None, "title": "title", "outlet": "outlet", "published": "published"}
        unknown = set(import_options) - set(options) - {"format", "dayfirst", "timezone", "encoding"}
        if unknown:
            raise TypeError(f"validate_corpus() got unknown option(s): {', '.join(sorted(unknown))}.")
        columns = {k: import_options.get(k, v) for k, v in options.items()}
        docs, problems, rows, bar = _import_table(
            path,
            columns,
            import_options.get("format"),
            import_options.get("dayfirst"),
            import_options.get("timezone", "UTC"),
            import_options.get("encoding", "utf-8"),
            progress,
            limits,
            "CSV or JSON Lines",
        )
    where = path if Path(path).is_dir() else Path(path).parent
    return _finish(docs, problems, rows, shown_path(path, where), "report", bar)[1]


__all__ = [
    "PRACTICE_CORPUS",
    "ValidationReport",
    "import_folder",
    "import_news_export",
    "import_table",
    "parse_dates",
    "validate_corpus",
]
