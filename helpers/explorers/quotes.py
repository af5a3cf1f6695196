"""The explorer of quotations: who is quoted in each article, how much, and where (marked in the text)."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import pandas as pd

from helpers.actors import actor_list
from helpers.charts.quotes import plot_voices
from helpers.explorers.base import (
    ALL_ARTICLES,
    Explorer,
    Lazy,
    View,
    highlighted_html,
    made_in_background,
    many_articles,
    no_articles,
    rows_by,
)
from helpers.explorers.shared import sentences_given, shared
from helpers.inputs import check_docs, renamed_keywords
from helpers.names import NameMatcher
from helpers.quotes import (
    _NO_ACTORS,
    MIN_QUOTATION_WORDS,
    _quotes_for,
    _scan,
    _voice_label,
    _voices,
)

TITLE = "Who is quoted"
SPEAKER_KINDS = ("all", "listed actor", "other name", "unnamed source", "pronoun", "none")


@renamed_keywords(positional=("actors",))
@made_in_background(TITLE)
def explore_quotes(
    docs: pd.DataFrame, *, actors=None, sents: pd.DataFrame | None = None, quotes: pd.DataFrame | None = None
) -> Explorer:
    """An explorer of who is quoted: choose an article and a kind of speaker.

    Controls: ``article`` (all articles, or one), ``speaker_kind`` (all,
    listed actor, other name, unnamed source, pronoun, none) and
    ``include_terms`` (also show the quoted terms, i.e. scare quotes). It
    shows the chart of :func:`plot_voices`, then, for one article, a table of
    its quotations and its text with each quotation highlighted (the speaker
    shows on hover), or, for all articles, a table of all quotations. With
    more than ``MANY_ARTICLES`` (20) articles, the chart of all articles adds
    them up (one colour) rather than showing the first rows article by article.

    Example:
        >>> from helpers import load_corpus
        >>> explorer = explore_quotes(load_corpus())
        >>> explorer.controls["article"].value = "breitbart-2014"
        >>> explorer.table["speaker"].tolist()[:3]
        ['Rajavi', 'Rajavi', 'Safavi']
    """
    check_docs(docs, "explore_quotes")
    if docs.empty:
        return no_articles(TITLE)
    sents = sentences_given(docs, sents, "explore_quotes")
    if quotes is None:
        matcher = NameMatcher(actor_list(actors, docs, "explore_quotes"))
        if actors is None:  # the course list: quotations shared with the other explorers of docs
            quotes, terms = shared(docs, "quotations", lambda: _scan(docs, matcher, sents, "explore_quotes"))
        else:
            quotes, terms = _scan(docs, matcher, sents, "explore_quotes")
    else:
        quotes = _quotes_for(docs, quotes, actors, sents, "explore_quotes")
        terms = _scan(docs, _NO_ACTORS, sents, "explore_quotes")[1]
    texts = dict(zip(docs["doc_id"], docs["text"]))
    doc_order = {doc_id: i for i, doc_id in enumerate(docs["doc_id"])}
    kind_of = quotes["speaker_kind"].str.replace(r" \(.*\)$", "", regex=True)

    def of_kind(kind: str) -> pd.DataFrame:
        return quotes if kind == "all" else quotes[kind_of.eq(kind)]

    # The voices of each kind of speaker, counted when that kind is first shown.
    voice_tables = Lazy(lambda kind: _voices(of_kind(kind), None, "doc_id"))
    shown = pd.concat(
        [
            quotes.assign(kind=kind_of, label=_voice_label(quotes)[0] if not quotes.empty else ""),
            terms.rename(columns={"term": "quote"}).assign(
                speaker="", actor="", speaker_kind="quoted term", cue="", kind="quoted term", label="quoted term"
            ),
        ],
        ignore_index=True,
    )
    shown["order"] = shown["doc_id"].map(doc_order)
    shown = shown.sort_values(["order", "start"], kind="stable").reset_index(drop=True)
    figures: dict = {}
    columns_one = ["speaker", "speaker_kind", "cue", "quote", "n_words", "closed"]
    columns_all = ["doc_id", "speaker", "speaker_kind", "cue", "quote"]

    wide = {"description_width": "initial"}
    controls = {
        "article": widgets.Dropdown(
            options=[ALL_ARTICLES, *texts], value=ALL_ARTICLES, description="Article", style=wide
        ),
        "speaker_kind": widgets.Dropdown(
            options=list(SPEAKER_KINDS), value="all", description="Speaker kind", style=wide
        ),
        "include_terms": widgets.Checkbox(value=False, description="show quoted terms (scare quotes)", style=wide),
    }

    # The rows of each article, in every table, found once (in a table of voices, when its kind is first shown).
    shown_of = rows_by(shown["doc_id"])
    voices_of = Lazy(lambda kind: rows_by(voice_tables[kind]["doc_id"]))
    none = np.zeros(0, dtype=np.int64)
    # With many articles, the chart of all articles adds them up, rather than show the first 40 rows article by
    # article (one colour each).
    in_all, note_all = voice_tables, ""
    if many_articles(docs):
        corpus = docs.assign(corpus=ALL_ARTICLES)
        in_all = Lazy(lambda kind: _voices(of_kind(kind), corpus, "corpus"))
        note_all = f" (the chart adds up all {len(docs)} articles: too many to give each its own colour)"

    def render(article, speaker_kind, include_terms):
        rows = shown
        if article != ALL_ARTICLES:
            rows = rows.iloc[shown_of.get(article, none)]
        is_term = rows["kind"].eq("quoted term")
        wanted = ~is_term if speaker_kind == "all" else rows["kind"].eq(speaker_kind)
        rows = rows[wanted | (is_term & include_terms)]
        if article != ALL_ARTICLES:
            table_voices = voice_tables[speaker_kind].iloc[voices_of[speaker_kind].get(article, none)]
        else:
            table_voices = in_all[speaker_kind]
        where = "this article" if article != ALL_ARTICLES else "the corpus"
        figure = drawn = None
        message = ""
        if not table_voices.empty:
            key = (article, speaker_kind)
            if key not in figures:  # a figure is built once per choice of article and speaker kind
                title = f"Who is quoted in {where}, and at what length"
                chart = plot_voices(table_voices.head(40), title=title)
                figures[key] = chart.figure, chart.table
            figure, drawn = figures[key]
        else:
            kind_text = "" if speaker_kind == "all" else f" with speaker kind '{speaker_kind}'"
            message = f"No quotations{kind_text} in {where}. Choose another article or speaker kind."
        if article == ALL_ARTICLES:
            table = rows[columns_all].reset_index(drop=True)
            caption = "Quotations" + note_all
            return View(figure=figure, chart_table=drawn, table=table, message=message, caption=caption)
        spans = list(zip(rows["start"], rows["end"], rows["label"].where(rows["label"].ne(""), rows["speaker"])))
        text_html = highlighted_html(texts[article], spans)
        table = rows[columns_one].reset_index(drop=True)
        caption = f"Quotations in {article}"
        return View(figure=figure, chart_table=drawn, table=table, html=text_html, message=message, caption=caption)

    note = (
        "Words between quotation marks, and who the article says they are from. A quoted passage of fewer than "
        f"{MIN_QUOTATION_WORDS} words with no speaker is a quoted term (scare quotes), not a quotation."
    )
    return Explorer(TITLE, controls, render, note=note)
