"""The course's corpus explorer as one web page: linked panels over a corpus, for Voilà (app/explorer.ipynb).

The page has four parts, from top to bottom:

- the corpus: the course corpus, the practice corpus, or one's own (a folder, a CSV or JSON Lines
  file, a news-archive export, or a ZIP of a folder), imported with the helpers' importers; a
  problem shows the validation report, and never a traceback;
- a progress bar while the corpus loads and the panels are made;
- the panels, one at a time: :data:`PANELS` lists them. Each is an explorer of the helpers (or, for
  the overview, one made here in the same layout), with buttons that save its table (CSV) and its
  chart (standalone HTML);
- beside them, "In the article" (:class:`ContextPanel`): choosing a row of a panel's table (a
  word, an actor, a quotation, a date...) shows the sentences where it occurs in the article it
  comes from, with the words marked; another article can be chosen, or the whole article read.

Choosing a word (in the frequency list or the distinctive words) also sets the search of the
concordance and of the collocates, and the article shown is the one the "Read" panel opens.

A panel is made the first time it is opened, off the kernel's main thread, so that the page stays
responsive meanwhile. Panels are not made ahead in the background: every explorer's chart is a
plotly FigureWidget, which sends its own copy of plotly.js (about 5 MB) to the browser, so making
all thirteen at once keeps the browser busy for many seconds. Once shown, a panel stays in the page
(hidden when another is shown). Everything here uses names importable from ``helpers`` only.

The address can choose the corpus and the first panel: ``?corpus=practice&panel=words``
(``corpus`` is ``course``, ``practice`` or a path on the server).

Example (without a browser; the page in Voilà is tested by tests/test_app.py):
    >>> app = CourseApp(query_string="corpus=course&panel=words")
    >>> app.open_now()
    >>> app.workspace.docs.shape[0], app.nav.value
    (5, 'words')
    >>> app.panel("words").explorer.controls["ngram"].value = 2
    >>> app.pick("words", {"term": "iranian regime", "count": "16"})
    >>> app.context.article.value, app.context.found.sentences.shape[0] > 0
    ('breitbart-2014', True)
    >>> app.panel("kwic").explorer.controls["query"].value
    'iranian regime'
"""

from __future__ import annotations

import asyncio
import html
import inspect
import io
import re
import shutil
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go
from page_tools import ChartFitter, DownloadButton, PageShown, RowPicker, chart_module
from reading import CorpusIndex, Selection, article_heading, passages_html

import helpers
from helpers import (
    CORPUS_DIR,
    PRACTICE_CORPUS,
    export_chart,
    export_table,
    import_folder,
    import_news_export,
    import_table,
    load_actors,
    load_corpus,
    show_progress,
    word_frequencies,
)

# plotly's FigureWidget imports nbformat, which imports jsonschema, which, when rfc3987-syntax is installed (the
# Jupyter server's packages bring it), compiles a grammar for every part of an IRI at import, to check the "iri"
# format: seconds of CPU, most of the time the app took to open (benchmarks/app.py). The app checks no IRIs, so its
# kernel does without that package, unless something imported it already. Nothing imported above imports it.
sys.modules.setdefault("rfc3987_syntax", None)

ROOT = Path(__file__).resolve().parent.parent
ALL_ARTICLES = "all articles"
# Above this many articles, "In the article" finds a selection off the main thread (it takes a second or more).
LARGE_CORPUS = 300
# The overview's colours: the colour-blind-safe palette of Okabe and Ito, as in the explorers' charts.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
MOST_ARTICLES_LISTED = 200  # in the "In the article" panel's list of articles
ROWS_IN_OVERVIEW = 300
# Seconds per 1,000 articles to make each panel, measured with benchmarks/app.py on 10,000 synthetic articles
# (2 cores): the progress bar of a panel being made moves by this estimate, since the helpers report no
# progress from inside an explorer. On the course corpus every panel takes well under 2 s.
BUILD_SECONDS_PER_1000 = {
    "overview": 0.02,
    "read": 0.05,
    "words": 2.6,
    "keyness": 0.7,
    "kwic": 0.8,
    "collocates": 0.7,
    "actors": 1.5,
    "co_mentions": 1.5,
    "naming": 1.5,
    "loaded": 2.0,
    "sentiment": 1.6,
    "quotes": 1.2,
    "timeline": 0.9,
}
IMPORT_SECONDS_PER_MB = 0.1  # importing one's own corpus (a folder of 10,000 articles is about 50 MB)

STYLE = """
<style>
.course-app { --app-accent: #1f5c99; max-width: 100%; overflow: visible; }
.course-app .widget-box { overflow: visible; }
.course-app h2.app-title { margin: 0.2em 0 0.1em 0; font-size: 1.5em; }
.course-app p.app-intro { margin: 0 0 0.6em 0; color: #333; max-width: 70em; }
.course-app .app-source { border-bottom: 1px solid #ccc; padding-bottom: 0.4em; margin-bottom: 0.4em; }
.course-app .app-nav .widget-toggle-button { width: auto; min-width: 7em; padding: 0 0.8em; }
.course-app .app-body { align-items: flex-start; gap: 1em; }
.course-app .app-main { flex: 3 1 560px; min-width: 0; }
.course-app .app-main .widget-html-content { overflow-x: auto; }  /* a wide table scrolls in its own box */
.course-app .app-context { flex: 2 1 340px; min-width: 300px; position: sticky; top: 0; max-height: 100vh;
  overflow-y: auto; border-left: 3px solid var(--app-accent); padding: 0 0.2em 0 0.8em; }
.course-app .app-context h3, .course-app .app-panel h3 { margin: 0.3em 0; }
.course-app .app-toolbar { align-items: center; gap: 0.5em; flex-wrap: wrap; }
.course-app .app-hint { color: #444; font-size: 0.95em; }
.course-app table { border-collapse: collapse; margin: 0.4em 0; font-size: 0.95em; }
.course-app th, .course-app td { border-bottom: 1px solid #ddd; padding: 0.2em 0.5em; text-align: left;
  vertical-align: top; }
.course-app th { background: #f0f0f0; }
.course-app caption { text-align: left; font-weight: bold; padding: 0.2em 0; }
.course-app table.app-choosable tbody tr { cursor: pointer; }
.course-app table.app-choosable tbody tr:hover { background: #eef4fb; }
.course-app table.app-choosable tbody tr:focus { outline: 2px solid var(--app-accent); outline-offset: -2px; }
.course-app tr.app-picked { background: #dbe9f7 !important; }
.course-app mark { background: #ffe066; color: inherit; padding: 0 1px; }
.course-app .app-chosen { background: #e3eefa; }
.course-app ol.app-sentences { padding-left: 0; list-style: none; }
.course-app ol.app-sentences li { margin: 0 0 0.6em 0; line-height: 1.45; }
.course-app ol.app-sentences li.app-around { color: #555; }
.course-app .app-one-sentence li.app-found { background: #e3eefa; }
.course-app .app-sid { display: inline-block; min-width: 6.5em; color: #555; font-size: 0.85em; }
.course-app .app-fulltext p { line-height: 1.5; margin: 0 0 0.6em 0; }
.course-app .app-message { background: #fff4e5; border-left: 4px solid #e08a00; padding: 0.3em 0.6em; }
.course-app .app-ok { background: #edf7ed; border-left: 4px solid #2e7d32; padding: 0.3em 0.6em; }
.course-app .validation-report { max-height: 28em; overflow: auto; }
.course-app .app-download:disabled { opacity: 0.5; }
</style>
"""


# Where Voilà serves the files beside the app's page template (course.py, install_app_library).
LIBRARY_PATH = "voila/templates/course-app/static/"


def share_plotly_library(page: str) -> str:
    """Let every chart of the page load plotly's widget library from one file the server serves, once, rather than
    send its own copy (about 5 MB each) through the kernel's connection for the browser to read again.

    ``page`` is the page's address as the browser sees it (:class:`page_tools.PageShown`). The file is the one
    set-up puts beside the page template; when it is not there (an environment set up before), or the address is
    not a Voilà page, charts keep their own copy, as before. Returns the library's address, or "".

    Example:
        >>> share_plotly_library("not a page address")
        ''
    """
    import plotly

    name = f"plotly-widget-{plotly.__version__}.js"
    installed = Path(sys.prefix) / "share" / "jupyter" / LIBRARY_PATH / name
    base, found, _ = page.partition("/voila/render/")
    if not (found and base.startswith(("http://", "https://")) and installed.is_file()):
        return ""
    address = f"{base}/{LIBRARY_PATH}{name}"
    # anywidget reads a widget class's _esm when a widget is made; the module (page_tools.chart_module) imports the
    # library by its address, which the browser loads and runs once, however many charts use it
    go.FigureWidget._esm = chart_module(address)
    return address


def _html(text: str, css: str = "") -> str:
    return f'<p class="{css}">{html.escape(text)}</p>' if css else f"<p>{html.escape(text)}</p>"


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()[:40] or "corpus"


def _accepts(function: Callable, name: str) -> bool:
    """Whether a helper takes the keyword ``name`` (newer explorers may take tables made once, such as ``sents``)."""
    try:
        return name in inspect.signature(function).parameters
    except (TypeError, ValueError):
        return False


# --- the corpus ---------------------------------------------------------------------------------------------------


@dataclass
class Workspace:
    """One opened corpus: its articles, where they came from, the actor list, and the tables made once."""

    docs: pd.DataFrame
    label: str
    folder: Path | None = None  # a corpus folder (for its raw captures), if it is one
    actors: pd.DataFrame | None = None
    note: str = ""  # shown under the corpus choice (warnings of the import, the actor list used)

    def __post_init__(self):
        self.index = CorpusIndex(self.docs, actors=self.actors)
        self.first_query = ""

    @property
    def large(self) -> bool:
        return len(self.docs) > LARGE_CORPUS

    def estimate(self, key: str) -> float:
        return BUILD_SECONDS_PER_1000.get(key, 1.0) * len(self.docs) / 1000

    def default_query(self) -> str:
        """The first word to search for: "regime" in the course corpus, else the commonest in its first articles."""
        if not self.first_query:
            sample = self.docs.head(50)
            words = word_frequencies(sample)
            course_word = "regime" if "regime" in set(words["term"]) else ""
            self.first_query = course_word or (str(words["term"].iloc[0]) if len(words) else "the")
        return self.first_query


def course_workspace() -> Workspace:
    return Workspace(load_corpus(), "the course corpus", folder=CORPUS_DIR)


def practice_workspace() -> Workspace:
    actors = load_actors(PRACTICE_CORPUS / "actors.csv")
    note = "An invented corpus for practice (not real news), with its own actor list."
    return Workspace(import_folder(PRACTICE_CORPUS), "the practice corpus", PRACTICE_CORPUS, actors, note)


def table_columns(path: Path) -> list[str]:
    """The column names of a CSV file (its header) or of a JSON Lines file (its first object)."""
    import csv
    import json

    with open(path, encoding="utf-8-sig", errors="replace", newline="") as file:
        if path.suffix.lower() == ".csv":
            return [name.strip() for name in next(csv.reader(file), [])]
        for line in file:
            if line.strip():
                try:
                    first = json.loads(line)
                except ValueError:
                    return []
                return list(first) if isinstance(first, dict) else []
    return []


FIELD_GUESSES = {
    "text": ("text", "body", "content", "article", "full_text"),
    "title": ("title", "headline", "heading"),
    "outlet": ("outlet", "media_name", "source", "publisher", "media"),
    "published": ("published", "publish_date", "date", "pub_date", "published_at"),
}


def guess_fields(columns: list[str]) -> dict[str, str]:
    """The column of a table that most likely holds each field ("" when none does).

    Example:
        >>> guess_fields(["Headline", "body", "date"])
        {'text': 'body', 'title': 'Headline', 'outlet': '', 'published': 'date'}
    """
    lower = {c.lower(): c for c in columns}
    return {field: next((lower[g] for g in guesses if g in lower), "") for field, guesses in FIELD_GUESSES.items()}


def open_own(path: Path, fields: dict[str, str] | None = None, dayfirst: bool | None = None):
    """Import a folder, a news export or a table with the helpers' importers, reporting every problem.

    Returns ``(docs, report, kind)``; ``report`` is the validation report of the import.
    """
    path = Path(path)
    if path.is_dir():
        docs, report = import_folder(path, on_error="report")
        return docs, report, "folder"
    columns = table_columns(path) if path.suffix.lower() == ".csv" else []
    if {"publish_date", "media_name"} <= set(columns):
        docs, report = import_news_export(path, dayfirst=dayfirst, on_error="report")
        return docs, report, "news export"
    chosen = {k: v for k, v in (fields or {}).items() if v}
    docs, report = import_table(path, **chosen, dayfirst=dayfirst, on_error="report")
    return docs, report, "table"


def unpack_upload(name: str, content: bytes, folder: Path) -> Path:
    """Save an uploaded file in ``folder``; a ZIP is unpacked, and the folder holding metadata.csv is returned.

    Example:
        >>> import tempfile, zipfile, io
        >>> buffer = io.BytesIO()
        >>> with zipfile.ZipFile(buffer, "w") as z:
        ...     z.writestr("mine/metadata.csv", "doc_id,title,outlet,published\\n")
        >>> unpack_upload("mine.zip", buffer.getvalue(), Path(tempfile.mkdtemp())).name
        'mine'
    """
    safe_name = Path(name).name or "upload"
    if not safe_name.lower().endswith(".zip"):
        target = folder / safe_name
        target.write_bytes(content)
        return target
    unpacked = folder / Path(safe_name).stem
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for member in archive.infolist():
            parts = Path(member.filename).parts
            if member.filename.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]):
                raise ValueError(f"{safe_name}: the ZIP holds a file outside its folder ({member.filename}).")
        archive.extractall(unpacked)
    found = sorted(unpacked.rglob("metadata.csv"), key=lambda p: len(p.parts))
    if not found:
        raise ValueError(f"{safe_name}: no metadata.csv in the ZIP. Zip the corpus folder (metadata.csv and texts/).")
    return found[0].parent


# --- the overview: the one panel made here ------------------------------------------------------------------------


class Overview(w.VBox):
    """The corpus at a glance, in the explorers' layout: a summary, a chart and the list of articles.

    Like an explorer it has ``controls``, ``table``, ``figure`` and ``output``.
    """

    def __init__(self, docs: pd.DataFrame):
        self.docs = docs
        outlets = sorted(docs["outlet"].dropna().astype(str).unique()) if "outlet" in docs else []
        self.controls = {
            "outlet": w.Dropdown(options=["all outlets", *outlets], description="Outlet"),
            "sort": w.Dropdown(options=["date", "length", "outlet"], description="Sort by"),
        }
        self.figure = go.FigureWidget()
        self.summary = w.HTML()
        self.output = w.HTML()
        self.table: pd.DataFrame | None = None
        self.chart_table = None
        header = w.HTML("<h3>The corpus at a glance</h3>")
        controls = w.HBox(list(self.controls.values()), layout=w.Layout(flex_flow="row wrap"))
        super().__init__([header, controls, self.summary, self.figure, self.output])
        for control in self.controls.values():
            control.observe(lambda _change: self.update(), names="value")
        self.update()

    def update(self) -> None:
        docs = self.docs
        outlet = self.controls["outlet"].value
        if outlet != "all outlets":
            docs = docs[docs["outlet"].astype(str).eq(outlet).to_numpy()]
        order = {"date": ["published", "doc_id"], "length": ["n_words"], "outlet": ["outlet", "published"]}
        ascending = self.controls["sort"].value != "length"
        shown = docs.sort_values(order[self.controls["sort"].value], ascending=ascending, kind="stable")
        columns = [c for c in ("doc_id", "title", "outlet", "published", "n_words") if c in shown.columns]
        self.table = shown[columns].rename(columns={"n_words": "words"}).reset_index(drop=True)
        first, last = shown["published"].min(), shown["published"].max()
        dates = f"published {first:%Y-%m-%d} to {last:%Y-%m-%d}" if pd.notna(first) else "without dates"
        self.summary.value = _html(
            f"{len(shown):,} article{'s' if len(shown) != 1 else ''} from {shown['outlet'].nunique():,} "
            f"outlet{'s' if shown['outlet'].nunique() != 1 else ''}, {dates}; {int(shown['n_words'].sum()):,} words "
            f"(median {shown['n_words'].median():,.0f} per article)."
        )
        figure = self._chart(shown)
        with self.figure.batch_update():
            self.figure.data = ()
            self.figure.add_traces(list(figure.data))
            self.figure.layout = figure.layout
        self.output.value = _table_html(self.table, "Articles (choose one to read it)", ROWS_IN_OVERVIEW)

    @staticmethod
    def _chart(docs: pd.DataFrame) -> go.Figure:
        figure = go.Figure()
        if len(docs) <= 20:
            for outlet, group in docs.groupby("outlet", sort=False):
                figure.add_bar(x=group["doc_id"], y=group["n_words"], name=str(outlet)[:40])
            figure.update_layout(title="Words in each article", xaxis_title="article", yaxis_title="words")
        else:
            years = docs["published"].dt.year
            top = docs["outlet"].value_counts().index[:8]
            outlet = docs["outlet"].where(docs["outlet"].isin(top), "other outlets")
            counts = docs.groupby([years.rename("year"), outlet.rename("outlet")]).size().rename("articles")
            for name, group in counts.reset_index().groupby("outlet", sort=False):
                figure.add_bar(x=group["year"], y=group["articles"], name=str(name)[:40])
            figure.update_layout(
                title="Articles published each year, by outlet",
                xaxis_title="year",
                yaxis_title="articles",
                barmode="stack",
            )
        figure.update_layout(
            height=360, margin={"l": 60, "r": 20, "t": 60, "b": 60}, template="plotly_white", colorway=PALETTE
        )
        return figure


def _table_html(table: pd.DataFrame, caption: str, most: int) -> str:
    """A table as escaped HTML, its caption saying how many rows it has and how many are shown."""
    shown = table.head(most)
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in shown.columns)

    def cell(value) -> str:
        if isinstance(value, pd.Timestamp):
            return "" if pd.isna(value) else f"{value:%Y-%m-%d}"
        return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)

    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell(v))}</td>" for v in row) + "</tr>"
        for row in shown.itertuples(index=False)
    )
    rows = "row" if len(table) == 1 else "rows"
    count = f"{len(table):,} {rows}" if len(shown) == len(table) else f"first {len(shown):,} of {len(table):,} rows"
    return (
        f"<table><caption>{html.escape(caption)} ({count})</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


# --- the panels ---------------------------------------------------------------------------------------------------


def _doc(workspace: Workspace, row: dict, values: dict, *controls: str) -> str | None:
    """The article a row comes from: its doc_id cell, else the article chosen in the panel."""
    for candidate in [row.get("doc_id"), *(values.get(name) for name in controls)]:
        if candidate and workspace.index.has(candidate):
            return candidate
    return None


def _number(text) -> int | None:
    try:
        return int(float(str(text).replace(",", "")))
    except (TypeError, ValueError):
        return None


def _scored_words(assessed: str) -> list[str]:
    """The words of an ``assessed_words`` cell such as ``angered (-0.75), wrong (-0.5)``."""
    return [w.strip() for w in re.findall(r"([^,()]+?)\s*\([-+0-9.]+\)", assessed or "") if w.strip()]


def pick_overview(ws, row, values):
    doc = _doc(ws, row, values)
    return Selection.article(doc) if doc else None


def pick_words(ws, row, values):
    if not row.get("term"):
        return None
    return Selection.term(row["term"], doc_id=_doc(ws, row, values), outlet=row.get("outlet") or None)


def pick_keyness(ws, row, values):
    return Selection.term(row["term"], doc_id=_doc(ws, row, values, "target")) if row.get("term") else None


def pick_kwic(ws, row, values):
    query = values.get("query") or row.get("match", "")
    doc = _doc(ws, row, values, "article")
    return Selection.search(query, doc_id=doc, regex=values.get("regex", False), case=values.get("case", False))


def pick_collocates(ws, row, values):
    if not row.get("term"):
        return None
    return Selection.term(str(values.get("query", "")), also=row["term"])


def pick_actors(ws, row, values):
    if not row.get("actor"):
        return None
    return Selection.named(row["actor"], doc_id=_doc(ws, row, values, "article"), alias=row.get("alias", ""))


def pick_co_mentions(ws, row, values):
    if not (row.get("actor_a") and row.get("actor_b")):
        return None
    return Selection.named(row["actor_a"], doc_id=_doc(ws, row, values, "article"), other=row["actor_b"])


def pick_naming(ws, row, values):
    actor = values.get("actor")
    if not (actor and row.get("alias")):
        return None
    return Selection.named(str(actor), doc_id=_doc(ws, row, values, "article"), alias=row["alias"])


def pick_loaded(ws, row, values):
    doc = _doc(ws, row, values, "article")
    sentence = _number(row.get("sentence_id"))
    if not doc or sentence is None:
        return None
    what = f"“{row.get('match', '')}”" + (f" ({row['category']})" if row.get("category") else "")
    return Selection.one_sentence(doc, what, sentence_id=sentence, mark=row.get("match", ""))


def pick_sentiment(ws, row, values):
    doc = _doc(ws, row, values, "article")
    sentence = _number(row.get("sentence_id"))
    if not doc or sentence is None:
        return None
    label = f"sentence {sentence}, polarity {row.get('polarity', '?')} (the scored words are marked)"
    return Selection.one_sentence(doc, label, sentence_id=sentence, mark=_scored_words(row.get("assessed_words", "")))


def pick_quotes(ws, row, values):
    doc = _doc(ws, row, values, "article")
    if not doc or not row.get("quote"):
        return None
    speaker = row.get("speaker") or "an unnamed speaker"
    return Selection.one_sentence(doc, f"a quotation of {speaker}", find=row["quote"])


def pick_timeline(ws, row, values):
    doc = _doc(ws, row, values, "article")
    if not doc:
        return None
    if not row.get("sentence"):
        return Selection.article(doc)
    label = f"“{row.get('label', '')}” ({row.get('kind', 'date')})"
    return Selection.one_sentence(doc, label, find=row["sentence"], mark=row.get("label", ""))


def _explorer(name: str, *options: str):
    """A builder calling ``helpers.<name>(docs, ...)`` with the workspace's ``options``: its actor list, its folder,
    the first search, and the tables "In the article" uses too (sentences, tokens, actor mentions), each made once
    for both."""

    def build(ws: Workspace):
        function = getattr(helpers, name)
        given = {
            "actors": lambda: ws.actors,
            "corpus_dir": lambda: ws.folder,
            "query": ws.default_query,
            "sents": lambda: ws.index.sents,
            "toks": lambda: ws.index.toks,
            "mentions": lambda: ws.index.mentions,
        }
        keywords = {k: given[k]() for k in options if _accepts(function, k)}
        # wait(): on a large corpus an explorer makes its tables in the background; the app, which makes it off the
        # main thread under its own bar already, shows it once it is made
        return function(ws.docs, **{k: v for k, v in keywords.items() if v is not None}).wait()

    return build


@dataclass(frozen=True)
class PanelSpec:
    key: str
    label: str
    build: Callable[[Workspace], w.Widget]
    columns: tuple[str, ...]  # the columns of its tables whose rows lead to an article
    pick: Callable | None
    hint: str


PANELS = [
    PanelSpec("overview", "Overview", lambda ws: Overview(ws.docs), ("doc_id",), pick_overview, "an article"),
    PanelSpec("read", "Read (raw and clean)", _explorer("explore_corpus", "corpus_dir"), (), None, ""),
    PanelSpec("words", "Word frequencies", _explorer("explore_words", "toks"), ("term",), pick_words, "a word"),
    PanelSpec("keyness", "Distinctive words", _explorer("explore_keyness", "toks"), ("term",), pick_keyness, "a word"),
    PanelSpec(
        "kwic",
        "Keyword in context",
        _explorer("explore_kwic", "query", "sents", "toks"),
        ("match",),
        pick_kwic,
        "a line",
    ),
    PanelSpec(
        "collocates",
        "Collocates",
        _explorer("explore_collocates", "query", "toks"),
        ("term",),
        pick_collocates,
        "a word",
    ),
    PanelSpec(
        "actors",
        "Actors",
        _explorer("explore_actors", "actors", "sents", "mentions"),
        ("actor",),
        pick_actors,
        "an actor",
    ),
    PanelSpec(
        "co_mentions",
        "Actors together",
        _explorer("explore_co_mentions", "actors", "sents", "mentions"),
        ("actor_a",),
        pick_co_mentions,
        "a pair",
    ),
    PanelSpec(
        "naming",
        "Naming choices",
        _explorer("explore_naming", "actors", "sents", "mentions"),
        ("alias",),
        pick_naming,
        "a name",
    ),
    PanelSpec(
        "loaded",
        "Loaded language",
        _explorer("explore_loaded_language", "sents"),
        ("match",),
        pick_loaded,
        "a hit",
    ),
    PanelSpec(
        "sentiment",
        "Sentiment",
        _explorer("explore_sentiment", "sents"),
        ("sentence_id",),
        pick_sentiment,
        "a sentence",
    ),
    PanelSpec(
        "quotes", "Quotations", _explorer("explore_quotes", "actors", "sents"), ("quote",), pick_quotes, "a quotation"
    ),
    PanelSpec("timeline", "Timeline", _explorer("explore_timeline", "sents"), ("label",), pick_timeline, "a date"),
]
SPECS = {spec.key: spec for spec in PANELS}


class Panel:
    """One panel of the page: a holder that shows "being made", then the explorer with its save buttons."""

    def __init__(self, spec: PanelSpec):
        self.spec = spec
        self.explorer = None
        self.state = "waiting"  # waiting, building, ready or failed
        self.notice = w.HTML(_html(f"{spec.label}: waiting to be made."))
        self.holder = w.VBox([self.notice])
        self.holder.add_class("app-panel")
        self.holder.add_class(f"app-panel-{spec.key}")
        self.message = w.HTML()
        self.save_table = DownloadButton(
            "Save the table (CSV)", self._table_file, tooltip="Save the table shown, all its rows, as a CSV file"
        )
        self.save_chart = DownloadButton(
            "Save the chart (HTML)",
            self._chart_file,
            tooltip="Save the chart shown, as one HTML file that opens offline",
        )
        for button in (self.save_table, self.save_chart):
            button.on_problem = self.say
        self.corpus_slug = "corpus"
        self.pending: dict[str, object] = {}  # control values to set when the panel is next shown

    def apply_pending(self) -> None:
        """Set the control values other panels asked for while this one was hidden (or not made yet)."""
        controls = getattr(self.explorer, "controls", {})
        for name in [n for n in self.pending if n in controls]:
            value, control = self.pending.pop(name), controls[name]
            options = [o[1] if isinstance(o, tuple) else o for o in getattr(control, "options", [value])]
            if value in options and control.value != value:
                control.value = value

    def say(self, message: str) -> None:
        self.message.value = _html(message, "app-message") if message else ""

    def show_building(self, seconds: float) -> None:
        self.state = "building"
        about = f" (about {seconds:,.0f} s)" if seconds >= 2 else ""
        self.notice.value = _html(f"Making {self.spec.label}{about}: the bar at the top shows how far it has got.")
        self.holder.children = [self.notice]

    def show_failure(self, error: BaseException) -> None:
        self.state = "failed"
        self.notice.value = _html(
            f"{self.spec.label} could not be made for this corpus: {error}. The other panels still work.",
            "app-message",
        )
        self.holder.children = [self.notice]

    def show(self, explorer, picker: RowPicker | None) -> None:
        self.explorer = explorer
        self.state = "ready"
        # Classes the page's style and the browser test find them by, whatever the explorer's own layout.
        explorer.add_class("app-explorer")
        for name, control in getattr(explorer, "controls", {}).items():
            control.add_class("app-control")
            control.add_class(f"app-control-{_slug(name)}")
        hint = (
            w.HTML(f'<span class="app-hint">Choose a row ({self.spec.hint}) to read it in its article →</span>')
            if picker is not None
            else w.HTML('<span class="app-hint">Choose an article and what to show.</span>')
        )
        toolbar = w.HBox([self.save_table, self.save_chart, hint])
        toolbar.add_class("app-toolbar")
        self.holder.children = [toolbar, self.message, explorer, *([picker] if picker else [])]
        explorer.output.observe(lambda _change: self._update_buttons(), names="value")
        self._update_buttons()

    def _shown_table(self) -> pd.DataFrame | None:
        table = getattr(self.explorer, "table", None)
        if table is None:
            table = getattr(self.explorer, "chart_table", None)
        return table

    def _update_buttons(self) -> None:
        table = self._shown_table()
        self.save_table.enabled = table is not None and len(table) > 0
        figure = getattr(self.explorer, "figure", None)
        self.save_chart.enabled = figure is not None and len(figure.data) > 0
        self.say("")

    def _file_name(self, suffix: str) -> str:
        return f"{self.corpus_slug}_{self.spec.key}.{suffix}"

    def _table_file(self):
        table = self._shown_table()
        if table is None or table.empty:
            return None
        with tempfile.TemporaryDirectory(prefix="course-app-") as folder:
            path = export_table(table, Path(folder) / self._file_name("csv"))
            return path.name, "text/csv", path.read_bytes()

    def _chart_file(self):
        figure = getattr(self.explorer, "figure", None)
        if figure is None or not len(figure.data):
            return None
        with tempfile.TemporaryDirectory(prefix="course-app-") as folder:
            path = export_chart(go.Figure(figure), Path(folder) / self._file_name("html"))
            return path.name, "text/html", path.read_bytes()


# --- "In the article" ---------------------------------------------------------------------------------------------


class ContextPanel(w.VBox):
    """Beside the panels: the sentences where the chosen word, actor or row occurs, in one article at a time."""

    def __init__(self, app: CourseApp):
        self.app = app
        self.selection: Selection | None = None
        self.found = None
        self.what = w.HTML(
            _html("Choose a row in a panel's table (a word, an actor, a quotation...) to see it here, in its article.")
        )
        self.article = w.Dropdown(options=[], description="Article", layout=w.Layout(width="98%"))
        self.heading = w.HTML()
        self.whole = w.Checkbox(value=False, description="show the whole article", indent=False)
        self.read = w.Button(description="Open in Read", icon="book", tooltip="Open this article in the Read panel")
        self.text = w.HTML()
        self._quiet = False
        self._generation = 0
        self.article.observe(self._on_article, names="value")
        self.whole.observe(lambda _change: self.render(), names="value")
        self.read.on_click(lambda _button: self.app.open_in_read(self.article.value))
        controls = w.HBox([self.whole, self.read], layout=w.Layout(flex_flow="row wrap", align_items="center"))
        self.controls = {"article": self.article, "whole": self.whole, "read": self.read}
        super().__init__(
            [w.HTML("<h3>In the article</h3>"), self.what, self.article, controls, self.heading, self.text]
        )
        self.add_class("app-context")
        self.clear()

    def clear(self, message: str = "") -> None:
        self.selection, self.found = None, None
        self._quiet = True
        self.article.options = []
        self._quiet = False
        for widget in (self.article, self.whole, self.read):
            widget.disabled = True
        self.heading.value = ""
        self.text.value = _html(message) if message else ""
        self.what.value = _html(
            "Choose a row in a panel's table (a word, an actor, a quotation...) to see it here, in its article."
        )

    async def show(self, selection: Selection) -> None:
        """Find the articles where ``selection`` occurs, then show it in its own article (or the first)."""
        self._generation += 1
        generation = self._generation
        index = self.app.workspace.index
        self.selection = selection
        self.what.value = _html(f"Finding {selection.label}…")
        work = index.needs_work(selection)
        if work or self.app.workspace.large:
            counts = await self.app.off_main(index.articles, selection, label=f"Finding {selection.label}: {work}")
        else:
            counts = index.articles(selection)
        if generation != self._generation:
            return  # another row was chosen meanwhile
        if counts.empty:
            self.clear(f"{selection.label} was not found in the sentences of any article.")
            return
        total = int(counts.sum())
        listed = counts.head(MOST_ARTICLES_LISTED)
        unit = "" if selection.kind in ("sentence", "article") else f": {total:,} in {len(counts):,} article(s)"
        more = f" (the {len(listed)} with most are listed)" if len(listed) < len(counts) else ""
        self.what.value = _html(f"{selection.label[:1].upper()}{selection.label[1:]}{unit}{more}.")
        self._quiet = True
        self.article.options = [(f"{doc} ({n})" if unit else doc, doc) for doc, n in listed.items()]
        first = selection.doc_id if selection.doc_id in listed.index else listed.index[0]
        self.article.value = first
        self._quiet = False
        for widget in (self.article, self.whole, self.read):
            widget.disabled = False
        self.whole.value = selection.kind == "article"
        self.render()

    def _on_article(self, _change) -> None:
        if not self._quiet and self.selection is not None and self.article.value:
            self.render()

    def render(self) -> None:
        if self.selection is None or not self.article.value:
            return
        index = self.app.workspace.index
        doc_id = self.article.value
        self.found = index.passages(self.selection, doc_id)
        article = index.article(doc_id)
        self.heading.value = article_heading(article)
        self.text.value = passages_html(self.found, article, whole_article=self.whole.value)
        self.app.article_shown(doc_id)


# --- the page -----------------------------------------------------------------------------------------------------


class Status(w.HBox):
    """The progress bar at the top: what is being done, and how far it has got (by steps or by estimated time)."""

    def __init__(self):
        self.bar = w.IntProgress(value=0, min=0, max=100, layout=w.Layout(width="16em"))
        self.label = w.HTML()
        # Hidden rather than removed when idle, so that the page below does not jump when it appears.
        super().__init__(
            [self.bar, self.label], layout=w.Layout(align_items="center", visibility="hidden", min_height="2.2em")
        )
        self.add_class("app-status")
        self.busy = 0

    def start(self, text: str) -> None:
        self.busy += 1
        self.layout.visibility = "visible"
        self.bar.bar_style = ""
        self.bar.value = 0
        self.label.value = _html(text)

    def progress(self, fraction: float, text: str | None = None) -> None:
        self.bar.value = int(max(0.0, min(fraction, 1.0)) * 100)
        if text is not None:
            self.label.value = _html(text)

    def finish(self, text: str = "") -> None:
        self.busy = max(self.busy - 1, 0)
        if self.busy == 0:
            self.bar.value = 100
            self.bar.bar_style = "success"
            self.label.value = _html(text) if text else ""
            self.layout.visibility = "visible" if text else "hidden"


CORPUS_CHOICES = [
    ("The course corpus (5 news articles)", "course"),
    ("The practice corpus (invented, for practice)", "practice"),
    ("Your own corpus…", "own"),
]


class CourseApp(w.VBox):
    """The whole page. ``start()`` schedules opening the first corpus and returns at once, so that Voilà
    shows the page (with its progress bar) before the work is done; ``open_now()`` does it all at
    once (for scripts and tests).

    ``query_string`` is the page address's query (Voilà passes it to the kernel as $QUERY_STRING).
    """

    def __init__(self, query_string: str | None = None):
        show_progress(False)  # the app's own bar says what is happening; the helpers' bars would go nowhere here
        query = parse_qs(query_string or "")
        self.first_corpus = (query.get("corpus") or ["course"])[0]
        first_panel = (query.get("panel") or ["overview"])[0]
        self.workspace: Workspace | None = None
        self.panels: dict[str, Panel] = {}
        self.queue: list[str] = []
        self._builder = None
        self._tasks: set = set()
        self._generation = 0
        self.headless = False  # open_now(): everything is done at once, nothing in the background
        self.active = ""  # the panel shown
        self.timings: dict[str, float] = {}
        self._born = time.perf_counter()
        # The seconds each step took, as JSON in a hidden element: the browser test and benchmarks/app.py read it.
        self.timings_view = w.HTML(layout=w.Layout(display="none"))
        self.timings_view.add_class("app-timings")
        self.status = Status()
        self.source = self._source_chooser()
        self.nav = w.ToggleButtons(
            options=[(spec.label, spec.key) for spec in PANELS],
            value=first_panel if first_panel in SPECS else "overview",
            tooltips=[f"Show {spec.label}" for spec in PANELS],
            layout=w.Layout(flex_flow="row wrap"),
        )
        self.nav.add_class("app-nav")
        self.nav.observe(self._on_nav, names="value")
        self.main = w.VBox([w.HTML(_html("Opening the corpus…"))])
        self.main.add_class("app-main")
        self.context = ContextPanel(self)
        body = w.HBox([self.main, self.context], layout=w.Layout(flex_flow="row wrap"))
        body.add_class("app-body")
        header = w.HTML(
            STYLE + '<h2 class="app-title">Reading the frame: corpus explorer</h2>'
            '<p class="app-intro">Linked panels over a corpus, as in the course\'s lessons. Choose a corpus, '
            "then a panel; choose a row of its table to read it in its article, on the right. Every panel "
            "saves its table (CSV) and its chart (HTML).</p>"
        )
        self.page_shown = PageShown()
        parts = [header, self.source, self.status, self.nav, body, self.timings_view, self.page_shown, ChartFitter()]
        super().__init__(parts)
        self.add_class("course-app")

    # --- the corpus chooser

    def _source_chooser(self) -> w.VBox:
        self.corpus = w.Dropdown(options=CORPUS_CHOICES, value="course", description="Corpus")
        self.corpus.style.description_width = "initial"
        self.path = w.Text(
            placeholder="a folder, or a .csv or .jsonl file, on this server",
            description="Path",
            layout=w.Layout(width="28em"),
        )
        self.upload = w.FileUpload(accept=".csv,.jsonl,.ndjson,.zip", multiple=False, description="Upload a file")
        self.open_button = w.Button(description="Open", icon="folder-open", button_style="primary")
        self.upload.layout.width = "auto"
        self.fields = {
            name: w.Dropdown(options=[""], description=f"{name} column") for name in ("text", "title", "outlet")
        }
        self.fields["published"] = w.Dropdown(options=[""], description="date column")
        for dropdown in self.fields.values():
            dropdown.style.description_width = "initial"
        self.dayfirst = w.Dropdown(
            options=[
                ("ambiguous: report them", None),
                ("day first (3 April)", True),
                ("month first (4 March)", False),
            ],
            description="Dates like 03/04/2021 are",
            layout=w.Layout(width="24em"),
        )
        self.dayfirst.style.description_width = "initial"
        self.columns_box = w.HBox(
            [*self.fields.values(), self.dayfirst], layout=w.Layout(flex_flow="row wrap", display="none")
        )
        self.own_box = w.VBox(
            [
                w.HBox([self.path, self.upload, self.open_button], layout=w.Layout(flex_flow="row wrap")),
                self.columns_box,
            ],
            layout=w.Layout(display="none"),
        )
        self.report = w.HTML()
        self.use_anyway = w.Button(
            description="Analyse these articles anyway", layout=w.Layout(display="none", width="auto")
        )
        self.corpus.observe(self._on_corpus, names="value")
        self.open_button.on_click(lambda _button: self.spawn(self.open_own_corpus()))
        self.use_anyway.on_click(lambda _button: self._use_pending())
        self.upload.observe(self._on_upload, names="value")
        self._pending: Workspace | None = None
        self._last_path: Path | None = None
        box = w.VBox([self.corpus, self.own_box, self.report, self.use_anyway])
        box.add_class("app-source")
        return box

    def _on_corpus(self, change) -> None:
        own = change["new"] == "own"
        self.own_box.layout.display = None if own else "none"
        if not own:
            self.spawn(self.open_corpus(change["new"]))

    def _on_upload(self, change) -> None:
        files = change["new"]
        if not files:
            return
        upload = files[0]
        try:
            folder = Path(tempfile.mkdtemp(prefix="course-app-upload-"))
            path = unpack_upload(upload["name"], bytes(upload["content"]), folder)
        except (ValueError, zipfile.BadZipFile, OSError) as error:
            self.report.value = _html(f"Could not read the upload: {error}", "app-message")
            return
        self.path.value = str(path)
        self.spawn(self.open_own_corpus())

    # --- scheduling

    def spawn(self, coroutine) -> None:
        """Run a coroutine on the kernel's event loop (in Voilà), or to the end at once when there is none."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is None:
            try:
                loop = asyncio.get_event_loop_policy().get_event_loop()
            except RuntimeError:
                loop = None
        if loop is not None and loop.is_running():
            task = loop.create_task(self._guarded(coroutine))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        else:
            asyncio.run(self._guarded(coroutine))

    async def _guarded(self, coroutine) -> None:
        try:
            await coroutine
        except Exception as error:  # noqa: BLE001 - the page says what went wrong; it never shows a traceback
            traceback.print_exc()
            self.status.finish()
            self.report.value = _html(f"Something went wrong: {error}", "app-message")

    async def off_main(self, function, *args, label: str = "", estimate: float = 0.0):
        """Run ``function(*args)`` in a thread, so that the page answers meanwhile; the bar moves by the estimate."""
        if label:
            self.status.start(label)
        started = time.perf_counter()
        future = asyncio.ensure_future(asyncio.to_thread(function, *args))
        try:
            while not future.done():
                await asyncio.wait([future], timeout=0.25)
                if label and estimate > 0:
                    elapsed = time.perf_counter() - started
                    left = max(estimate - elapsed, 0)
                    text = f"{label} ({elapsed:,.0f} s" + (f", about {left:,.0f} s left)" if left >= 1 else ")")
                    self.status.progress(min(elapsed / estimate, 0.95), text)
            return future.result()
        finally:
            if label:
                self.status.finish()

    # --- opening a corpus

    def start(self) -> CourseApp:
        """Show the page now, and open the first corpus once the browser has drawn it (at once in open_now())."""
        if self.headless:
            self._open_first_corpus()
        else:
            self.page_shown.when_shown(self._open_first_corpus)
        return self

    def _open_first_corpus(self) -> None:
        share_plotly_library(self.page_shown.page)  # before the first chart is made
        choice = self.first_corpus
        if choice in ("course", "practice"):
            self.corpus.value = choice  # opens it (see _on_corpus), unless it is already chosen
            if choice == "course":
                self.spawn(self.open_corpus("course"))
        else:
            self._quiet_corpus("own")
            self.path.value = choice
            self.spawn(self.open_own_corpus())

    def open_now(self) -> None:
        """Open the first corpus and make every panel at once (without an event loop: scripts and tests)."""
        self.headless = True
        self.start()
        for key in list(SPECS):
            if self.panels[key].state == "waiting":
                asyncio.run(self._build(key))

    def _quiet_corpus(self, value: str) -> None:
        self.corpus.unobserve(self._on_corpus, names="value")
        self.corpus.value = value
        self.own_box.layout.display = None if value == "own" else "none"
        self.corpus.observe(self._on_corpus, names="value")

    async def open_corpus(self, which: str) -> None:
        make = {"course": course_workspace, "practice": practice_workspace}[which]
        label = dict((v, k) for k, v in CORPUS_CHOICES)[which]
        self.report.value = ""
        self.use_anyway.layout.display = "none"
        workspace = await self.off_main(make, label=f"Loading {label[0].lower()}{label[1:]}…")
        await self._use(workspace)

    async def open_own_corpus(self) -> None:
        """Import the path given (or the upload saved there); show the report when there is a problem."""
        self.use_anyway.layout.display = "none"
        text = self.path.value.strip()
        if not text:
            self.report.value = _html("Give the path of a folder or a file, or upload a file.", "app-message")
            return
        path = Path(text).expanduser()
        path = path if path.is_absolute() else ROOT / path
        if not path.exists():
            self.report.value = _html(f"There is no folder or file {text} on this server.", "app-message")
            return
        self._offer_columns(path)
        fields = {name: dropdown.value for name, dropdown in self.fields.items()}
        self.report.value = _html(f"Importing {path.name}…")
        try:
            docs, report, kind = await self.off_main(
                open_own,
                path,
                fields,
                self.dayfirst.value,
                label=f"Importing {path.name}…",
                estimate=_size_mb(path) * IMPORT_SECONDS_PER_MB,
            )
        except (ValueError, OSError) as error:  # CorpusError is a ValueError: a path or an argument it cannot use
            self.report.value = _html(f"Could not import {path.name}: {error}", "app-message")
            return
        folder = path if kind == "folder" else None
        actors = load_actors(path / "actors.csv") if folder is not None and (path / "actors.csv").is_file() else None
        list_note = (
            "Actors: the folder's own actors.csv."
            if actors is not None
            else "Actors: the course's actor list (put an actors.csv in a corpus folder to use your own)."
        )
        workspace = Workspace(docs, path.name, folder, actors, list_note) if len(docs) else None
        report_html = report._repr_html_()  # the report's own display: every cell escaped
        if report.ok and workspace is not None:
            counts = f"{report.summary['warnings']} warning(s)" if report.summary["warnings"] else "no problems"
            self.report.value = _html(
                f"Imported {len(docs):,} articles from {path.name} ({kind}): {counts}. {list_note}", "app-ok"
            ) + (
                f"<details><summary>The validation report</summary>{report_html}</details>"
                if report.summary["warnings"]
                else ""
            )
            await self._use(workspace)
            return
        self.report.value = (
            _html(
                f"{path.name} has problems to fix before it is analysed: see the report. "
                + (f"{len(docs):,} articles could be read." if len(docs) else "No article could be read."),
                "app-message",
            )
            + report_html
        )
        self._pending = workspace
        self.use_anyway.layout.display = None if workspace is not None else "none"

    def _use_pending(self) -> None:
        if self._pending is not None:
            workspace, self._pending = self._pending, None
            self.use_anyway.layout.display = "none"
            self.spawn(self._use(workspace))

    def _offer_columns(self, path: Path) -> None:
        """For a table (not a folder or a news export), let the user say which column holds which field."""
        if path == self._last_path:
            return
        self._last_path = path
        columns = table_columns(path) if path.is_file() else []
        is_table = bool(columns) and not {"publish_date", "media_name"} <= set(columns)
        self.columns_box.layout.display = None if is_table else "none"
        guesses = guess_fields(columns)
        for name, dropdown in self.fields.items():
            dropdown.options = ["", *columns]
            dropdown.value = guesses[name]

    async def _use(self, workspace: Workspace) -> None:
        """Show a newly opened corpus: the overview (or, the first time, the panel the address asks for)."""
        started = time.perf_counter()
        first_time = self.workspace is None
        self._generation += 1
        self.workspace = workspace
        self.queue.clear()
        self.panels = {spec.key: Panel(spec) for spec in PANELS}
        for panel in self.panels.values():
            panel.corpus_slug = _slug(workspace.label)
        self.context.clear()
        self.main.children = []
        if not workspace.large:
            workspace.index.sents  # noqa: B018 - made now, once: the explorers and "In the article" share it
        # A large corpus is split into sentences by the first panel (or row chosen) that needs them, off the main
        # thread under the progress bar: the overview does not, and opens seconds sooner.
        if not first_time:
            self._quiet_nav("overview")
        self._show_panel(self.nav.value)
        await self._build("overview")
        self._timed("opened", started)
        self.want(self.nav.value, first=True)

    def _quiet_nav(self, key: str) -> None:
        self.nav.unobserve(self._on_nav, names="value")
        self.nav.value = key
        self.nav.observe(self._on_nav, names="value")

    # --- making panels

    def want(self, key: str, first: bool = False) -> None:
        """Ask for a panel to be made (``first``: before any other waiting)."""
        panel = self.panels.get(key)
        if panel is None or panel.state != "waiting":
            return
        if key in self.queue:
            self.queue.remove(key)
        self.queue.insert(0 if first else len(self.queue), key)
        if self._builder is None and not self.headless:
            self._builder = True
            self.spawn(self._build_queued())

    async def _build_queued(self) -> None:
        try:
            while self.queue:
                await self._build(self.queue.pop(0))
        finally:
            self._builder = None

    async def _build(self, key: str) -> None:
        panel, workspace, generation = self.panels[key], self.workspace, self._generation
        if panel.state != "waiting":
            return
        spec = panel.spec
        estimate = workspace.estimate(key)
        panel.show_building(estimate)
        started = time.perf_counter()
        try:
            explorer = await self.off_main(spec.build, workspace, label=f"Making {spec.label}…", estimate=estimate)
        except Exception as error:  # noqa: BLE001 - one panel that cannot be made must not break the page
            traceback.print_exc()
            if generation == self._generation:
                panel.show_failure(error)
            return
        if generation != self._generation:
            return  # another corpus was opened meanwhile
        picker = None
        if spec.pick is not None:
            picker = RowPicker(columns=list(spec.columns))
            picker.on_pick(lambda row, key=key: self.pick(key, row))
        panel.show(explorer, picker)
        if self.active == key or self.headless:
            panel.apply_pending()
        self._timed(key, started)

    def _timed(self, step: str, started: float) -> None:
        import json

        self.timings[step] = round(time.perf_counter() - started, 3)
        self.timings[step + "@"] = round(time.perf_counter() - self._born, 3)
        self.timings_view.value = html.escape(json.dumps(self.timings))

    def panel(self, key: str) -> Panel:
        return self.panels[key]

    def _on_nav(self, change) -> None:
        self._show_panel(change["new"])
        if self.workspace is not None:
            self.want(change["new"], first=True)

    def _show_panel(self, key: str) -> None:
        """Show one panel and hide the others. A panel once shown stays in the page, hidden: plotly's FigureWidget
        cannot be taken out of the page and updated later (its chart's listeners outlive the removed view and fail)."""
        panel = self.panels.get(key)
        if panel is None:
            return
        if panel.holder not in self.main.children:
            self.main.children = [*self.main.children, panel.holder]
        for other in self.panels.values():
            other.holder.layout.display = None if other is panel else "none"
        self.active = key
        panel.apply_pending()

    # --- links between panels

    def pick(self, key: str, row: dict) -> None:
        """A row was chosen in panel ``key``: show it in its article, and let the other panels follow."""
        panel = self.panels.get(key)
        if panel is None or panel.explorer is None or panel.spec.pick is None:
            return
        values = {name: control.value for name, control in panel.explorer.controls.items()}
        selection = panel.spec.pick(self.workspace, row, values)
        if selection is None:
            panel.say("This row has nothing to show in an article.")
            return
        panel.say("")
        if selection.kind == "term" and not selection.also and key != "collocates":
            self.follow_word(" ".join(selection.words))
        self.spawn(self.context.show(selection))

    def follow_word(self, word: str) -> None:
        """The concordance and the collocates search for the word chosen last (or will, once they are made)."""
        if self.workspace is not None:
            self.workspace.first_query = word
        self._link("kwic", "query", word)
        self._link("collocates", "query", word)

    def article_shown(self, doc_id: str) -> None:
        """The Read panel opens the article that "In the article" shows."""
        self._link("read", "article", doc_id)

    def _link(self, key: str, control: str, value) -> None:
        """Set a control of another panel: now if it is shown, else when it is next shown (a hidden chart is not
        redrawn: it would be drawn at the wrong size)."""
        panel = self.panels.get(key)
        if panel is not None:
            panel.pending[control] = value
            if self.active == key or self.headless:
                panel.apply_pending()

    def open_in_read(self, doc_id: str) -> None:
        self.article_shown(doc_id)
        self.nav.value = "read"


def _size_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1e6
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def cleanup_uploads() -> None:
    """Remove the folders uploads were saved in (called when the kernel stops)."""
    for folder in Path(tempfile.gettempdir()).glob("course-app-upload-*"):
        shutil.rmtree(folder, ignore_errors=True)
