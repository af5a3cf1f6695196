"""The corpus explorer: an article's clean text, its raw capture with every removed line marked, or its metadata."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from helpers.corpus import CORPUS_DIR
from helpers.explorers.base import (
    Explorer,
    View,
    highlighted_html,
    made_in_background,
    many_articles,
    no_articles,
    summary_column,
)
from helpers.inputs import check_docs, read_csv_file, read_text_file, renamed_keywords
from helpers.plots import PALETTE, bar_chart
from helpers.text import count_words

TITLE = "Read the corpus"


@renamed_keywords(positional=("corpus_dir",))
@made_in_background(TITLE)
def explore_corpus(docs: pd.DataFrame, *, corpus_dir: Path | str | None = None) -> Explorer:
    """An explorer for reading the corpus: pick an article, then read its clean text,
    its raw capture with every removed line marked (hover a mark for the reason),
    or its metadata. With more than ``MANY_ARTICLES`` (20) articles, the chart
    compares the article's length with the average article of each outlet.
    ``corpus_dir`` is the folder of the raw captures (by default the course
    corpus's).

    Example:
        >>> from helpers import load_corpus
        >>> explorer = explore_corpus(load_corpus())
        >>> explorer.controls["article"].value = "ncri-2010"
        >>> explorer.controls["show"].value = "raw capture"
        >>> "Wednesday, July 17, 2024" in explorer.output.value
        True
    """
    check_docs(docs, "explore_corpus")
    if docs.empty:
        return no_articles(TITLE)
    folder = Path(corpus_dir) if corpus_dir else CORPUS_DIR
    raw = {}
    removed = {}
    if "raw_file" in docs.columns and (folder / "removed_lines.csv").is_file():
        log = read_csv_file(folder / "removed_lines.csv", required=["doc_id", "line", "reason", "text"])
        for row in docs.itertuples():
            path = folder / row.raw_file
            if row.raw_file and path.is_file():
                raw[row.doc_id] = read_text_file(path)
                removed[row.doc_id] = log[log.doc_id == row.doc_id]
    if "n_words" not in docs.columns:
        docs = docs.assign(n_words=count_words(docs["text"]))
    if "outlet" not in docs.columns:
        docs = docs.assign(outlet="")
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
        "article": widgets.Dropdown(options=list(docs["doc_id"]), description="Article"),
        "show": widgets.Dropdown(options=["clean text", "raw capture", "metadata"], description="Show"),
    }
    return Explorer(
        TITLE,
        controls,
        render,
        note="In the raw capture, marked lines were removed by cleaning; the reason follows each one in brackets.",
    )
