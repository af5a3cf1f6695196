"""Load a corpus of articles into a pandas DataFrame.

A corpus is a folder with:

- ``metadata.csv``: one row per article. Required columns: ``doc_id``,
  ``title``, ``outlet`` and ``published``. Any other column is kept.
- ``texts/<doc_id>.txt``: the article text, UTF-8, one file per row.

``published`` is an ISO date: ``2014-05-29`` (a day), ``2015-06`` (a month)
or ``2015`` (a year). When the file has no ``date_precision`` column, the
precision is read from the form of the date.

The course corpus ships in ``corpus/`` at the top of the repository and is
what :func:`load_corpus` loads when it is given no path. Every problem with a
corpus folder raises :class:`CorpusError` with the file, row or field and
what to do; nothing is skipped silently.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

CORPUS_DIR = Path(__file__).resolve().parent.parent / "corpus"
REQUIRED_COLUMNS = ("doc_id", "title", "outlet", "published")
DATE_PRECISIONS = ("day", "month", "year", "estimated range")
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DOC_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


class CorpusError(ValueError):
    """A corpus folder or file that cannot be loaded as it is.

    The message names the file, and the row and field where there is one,
    and says what to do.
    """


def read_text_file(path: Path | str) -> str:
    """Read a UTF-8 text file, or raise a CorpusError that says where it is not UTF-8.

    Windows line endings become ``\\n``; a byte-order mark is dropped.
    """
    path = Path(path)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CorpusError(
            f"{path}: not UTF-8 (byte {error.start}, line {line}: {data[error.start : error.start + 1]!r}). "
            "Open the file in a text editor and save it with the encoding UTF-8."
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_metadata(path: Path | str) -> pd.DataFrame:
    """Read a metadata CSV as text columns and check its required columns.

    Example:
        >>> read_metadata(CORPUS_DIR / "metadata.csv").shape[0]
        5
    """
    path = Path(path)
    if not path.is_file():
        raise CorpusError(f"{path}: no metadata file. A corpus folder needs a metadata.csv with one row per article.")
    read_text_file(path)
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if not header:
            raise CorpusError(f"{path}: the file is empty. Its first line must name the columns.")
        header = [h.strip() for h in header]
        rows = []
        for row_number, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise CorpusError(
                    f"{path}, row {row_number}: {len(row)} fields where the header has {len(header)}. "
                    "Check for a missing comma or a comma inside an unquoted field."
                )
            rows.append(row)
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise CorpusError(
            f"{path}: missing column(s) {', '.join(missing)}. Found: {', '.join(header)}. "
            f"Add the missing column(s); {', '.join(REQUIRED_COLUMNS)} are required."
        )
    duplicated = sorted({h for h in header if header.count(h) > 1})
    if duplicated:
        raise CorpusError(f"{path}: column(s) {', '.join(duplicated)} appear more than once. Rename or remove one.")
    frame = pd.DataFrame(rows, columns=header, dtype=object)
    frame.index = range(2, 2 + len(frame))
    frame.index.name = "row"
    return frame


def parse_date(value: str, where: str) -> tuple[pd.Timestamp, str]:
    """Parse an ISO date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) and say its precision.

    ``where`` names the file, row and field for the error message.

    Example:
        >>> parse_date("2015-06", "example")
        (Timestamp('2015-06-01 00:00:00'), 'month')
    """
    text = (value or "").strip()
    match = _ISO_DATE.match(text)
    error = CorpusError(
        f"{where}: {value!r} is not a date in ISO form. Write it as YYYY-MM-DD (e.g. 2014-05-29), "
        "or YYYY-MM or YYYY when only the month or year is known."
    )
    if not match:
        raise error
    year, month, day = match.groups()
    try:
        timestamp = pd.Timestamp(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise error from None
    return timestamp, "day" if day else "month" if month else "year"


def load_corpus(path: Path | str | None = None) -> pd.DataFrame:
    """Load a corpus folder into a DataFrame, one row per article.

    The columns are those of ``metadata.csv`` plus ``text`` and ``n_words``
    (the number of tokens, as counted by :func:`helpers.tokens`).
    ``published`` becomes a datetime; ``date_precision`` is kept or, where
    missing, read from the form of the date. Rows are sorted by publication
    date, then ``doc_id``.

    Example:
        >>> docs = load_corpus()
        >>> list(docs["doc_id"])
        ['ips-2007', 'ncri-2010', 'breitbart-2014', 'moroccantimes-2015', 'iranfreedom-2018']
        >>> docs.loc[0, "published"].date()
        datetime.date(2007, 6, 18)
    """
    from helpers.text import count_words

    folder = Path(path) if path is not None else CORPUS_DIR
    if not folder.is_dir():
        raise CorpusError(f"{folder}: no such folder. Give the folder that holds metadata.csv and texts/.")
    metadata_path = folder / "metadata.csv"
    frame = read_metadata(metadata_path)

    if frame.empty:
        raise CorpusError(f"{metadata_path}: no articles (only a header). Add one row per article.")
    seen: dict[str, int] = {}
    for row_number, doc_id in frame["doc_id"].items():
        where = f"{metadata_path}, row {row_number}, field 'doc_id'"
        if not _DOC_ID.match(doc_id or ""):
            raise CorpusError(
                f"{where}: {doc_id!r} is not a usable id. Use letters, digits, '-', '_' or '.', "
                "starting with a letter or digit (it is also the text file's name)."
            )
        if doc_id in seen:
            raise CorpusError(
                f"{where}: {doc_id!r} is used again (first in row {seen[doc_id]}). Every article needs its own doc_id."
            )
        seen[doc_id] = row_number

    published, precision = [], []
    has_precision = "date_precision" in frame.columns
    for row_number, row in frame.iterrows():
        date, form = parse_date(row["published"], f"{metadata_path}, row {row_number}, field 'published'")
        published.append(date)
        if has_precision:
            stated = row["date_precision"].strip()
            if stated not in DATE_PRECISIONS:
                raise CorpusError(
                    f"{metadata_path}, row {row_number}, field 'date_precision': {stated!r} is not one of "
                    f"{', '.join(DATE_PRECISIONS)}. Leave the column out to read it from the date."
                )
            precision.append(stated)
        else:
            precision.append(form)
    for column in ("published_latest", "event_date"):
        if column in frame.columns:
            frame[column] = [
                parse_date(v, f"{metadata_path}, row {r}, field '{column}'")[0] if v.strip() else pd.NaT
                for r, v in frame[column].items()
            ]
    frame["published"] = pd.to_datetime(published)
    frame["date_precision"] = precision

    texts_dir = folder / "texts"
    missing = [f"texts/{d}.txt (row {r})" for r, d in frame["doc_id"].items() if not (texts_dir / f"{d}.txt").is_file()]
    if missing:
        raise CorpusError(
            f"{folder}: no text file for {len(missing)} article(s): {', '.join(missing)}. "
            "Each metadata row needs a file texts/<doc_id>.txt; add it or remove the row."
        )
    if texts_dir.is_dir():
        unlisted = sorted(p.name for p in texts_dir.glob("*.txt") if p.stem not in seen)
        if unlisted:
            raise CorpusError(
                f"{texts_dir}: {len(unlisted)} text file(s) with no row in metadata.csv: {', '.join(unlisted)}. "
                "Add a row for each, or move the file out of texts/."
            )
    texts = []
    for row_number, doc_id in frame["doc_id"].items():
        text_path = texts_dir / f"{doc_id}.txt"
        text = read_text_file(text_path)
        if not text.strip():
            raise CorpusError(
                f"{text_path} (metadata row {row_number}): the text is empty. "
                "Paste the article's text into the file, or remove its row."
            )
        texts.append(text)
    frame["text"] = texts
    frame["n_words"] = count_words(frame["text"])
    frame = frame.sort_values(["published", "doc_id"], kind="stable").reset_index(drop=True)
    return frame


def explore_corpus(docs: pd.DataFrame, corpus_dir: Path | str | None = None):
    """An explorer for reading the corpus: pick an article, then read its clean text,
    its raw capture with every removed line marked (hover a mark for the reason),
    or its metadata. With more than ``MANY_ARTICLES`` (20) articles, the chart
    compares the article's length with the average article of each outlet.

    Example:
        >>> explorer = explore_corpus(load_corpus())
        >>> explorer.controls["article"].value = "ncri-2010"
        >>> explorer.controls["show"].value = "raw capture"
        >>> "Wednesday, July 17, 2024" in explorer.output.value
        True
    """
    import ipywidgets as w

    from helpers.plots import PALETTE, bar_chart
    from helpers.widgets import Explorer, View, highlighted_html, many_articles, summary_column

    if docs.empty:
        raise ValueError("explore_corpus() needs at least one article; load_corpus() gave none.")
    folder = Path(corpus_dir) if corpus_dir else CORPUS_DIR
    raw = {}
    removed = {}
    if "raw_file" in docs.columns and (folder / "removed_lines.csv").is_file():
        log = pd.read_csv(folder / "removed_lines.csv", dtype=str, keep_default_na=False)
        for row in docs.itertuples():
            path = folder / row.raw_file
            if row.raw_file and path.is_file():
                raw[row.doc_id] = read_text_file(path)
                removed[row.doc_id] = log[log.doc_id == row.doc_id]
    lengths = docs[["doc_id", "n_words", "outlet"]].rename(columns={"n_words": "words"})
    metadata_columns = [c for c in docs.columns if c not in ("text",)]

    def raw_view(doc_id: str) -> str:
        if doc_id not in raw:
            return "<p>This corpus has no raw capture for this article.</p>"
        text = raw[doc_id]
        starts = [0]
        for line in text.split("\n"):
            starts.append(starts[-1] + len(line) + 1)
        spans = []
        for record in removed[doc_id].itertuples():
            line = int(record.line) - 1
            line_text = text[starts[line] : starts[line + 1] - 1]
            offset = line_text.replace("\u00a0", " ").find(record.text)
            begin = starts[line] + max(offset, 0)
            spans.append((begin, begin + len(record.text), f"removed: {record.reason}"))
        return highlighted_html(text, spans, show_labels=True)

    indexed, row_of = docs.set_index("doc_id"), {doc_id: i for i, doc_id in enumerate(docs["doc_id"])}
    # With many articles, the chart compares the chosen article with the average article of each outlet.
    averages = None
    if many_articles(docs):
        group = summary_column(docs)
        by = lengths["outlet"] if group else pd.Series("all articles", index=lengths.index)
        averages = lengths.groupby(by.to_numpy(), sort=False)["words"].mean().round().astype("int64")
        averages = pd.DataFrame(
            {
                "doc_id": [f"average article of {g}" if group else "average article" for g in averages.index],
                "words": averages.to_numpy(),
                "outlet": [str(g) for g in averages.index],
                "selected": "other",
            }
        )

    def render(article: str, show: str) -> View:
        row = indexed.iloc[row_of[article]]
        if averages is None:
            chart = lengths.assign(selected=lengths.doc_id.eq(article).map({True: "chosen article", False: "other"}))
            title, y_title = "Length of each article (words)", "Article"
        else:
            chosen = pd.DataFrame({"doc_id": [article], "words": [row["n_words"]], "outlet": [row["outlet"]]})
            chart = pd.concat([chosen.assign(selected="chosen article"), averages], ignore_index=True)
            title = "Length of the chosen article and of the average article of each outlet (words)"
            y_title = "Article, or average of an outlet"
        fig = bar_chart(
            chart,
            x="words",
            y="doc_id",
            color="selected",
            hover=["outlet"],
            title=title,
            x_title="Words",
            y_title=y_title,
        )
        for trace in fig.data:
            trace.marker.color = PALETTE[1] if trace.name == "chosen article" else PALETTE[0]
        drawn = chart[["doc_id", "words", "outlet", "selected"]].reset_index(drop=True)
        if show == "metadata":
            values = [article if c == "doc_id" else row[c] for c in metadata_columns]
            table = pd.DataFrame({"field": metadata_columns, "value": values})
            return View(figure=fig, chart_table=drawn, table=table, caption=f"Metadata of {article}")
        if show == "raw capture":
            return View(figure=fig, chart_table=drawn, html=raw_view(article))
        return View(figure=fig, chart_table=drawn, html=highlighted_html(row["text"], []))

    controls = {
        "article": w.Dropdown(options=list(docs["doc_id"]), description="Article"),
        "show": w.Dropdown(options=["clean text", "raw capture", "metadata"], description="Show"),
    }
    return Explorer(
        "Read the corpus",
        controls,
        render,
        note="In the raw capture, marked lines were removed by cleaning; the reason follows each one in brackets.",
    )
