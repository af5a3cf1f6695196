"""Explorers of actors: who is mentioned (and where, marked in the text), how each is named, who is named with whom.

Each explorer finds the mentions once, when it is made (or takes ``mentions=``), with the
functions of :mod:`helpers.actors`, and each change of a control selects from them.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import pandas as pd

from helpers.actors import (
    ACTOR_TYPES,
    _mention_counts,
    _mentions_for,
    _naming_table,
    _pair_sentences,
    _summarise_pairs,
    actor_list,
)
from helpers.charts.actors import plot_actor_mentions, plot_co_mentions, plot_naming_choices
from helpers.explorers.base import (
    ALL_ARTICLES,
    Explorer,
    Lazy,
    View,
    article_options,
    highlighted_html,
    made_in_background,
    many_articles,
    no_articles,
    rows_by,
    summary_column,
    table_html,
)
from helpers.explorers.shared import given, sentences_given, shared, source_key
from helpers.inputs import check_docs, renamed_keywords

ALL_TYPES = "all"
ACTORS_TITLE = "Who is mentioned, and how often"
NAMING_TITLE = "How the articles name an actor"
CO_MENTIONS_TITLE = "Who is named with whom"


def _shared_mentions(docs: pd.DataFrame, mentions, actors, sents, function: str) -> pd.DataFrame:
    """The mentions given (checked, then shared), or those found with the actor list given, or those of the course
    list in the sentences given or shared (explorers.shared): found once for each table of sentences."""
    if mentions is not None:
        return given(docs, "mentions", mentions, lambda table: _mentions_for(docs, table, None, None, function))
    if actors is not None:
        return _mentions_for(docs, None, actors, sentences_given(docs, sents, function), function)
    actor_list(None, docs, function)  # says, for every explorer, that the course's list is used on another corpus
    sentences = sentences_given(docs, sents, function)
    key = ("mentions", source_key("sentences", sents))
    return shared(docs, key, lambda: _mentions_for(docs, None, None, sentences, function))


def _marked_text(text: str, marks: pd.DataFrame) -> str:
    """The article with each mention highlighted and labelled with its actor (shown on hover)."""
    marks = marks.sort_values("start")
    marks = marks[marks["start"] >= marks["end"].shift(fill_value=0).cummax()]
    labels = [f"{actor} ({kind})" for actor, kind in zip(marks["actor"], marks["actor_type"])]
    return highlighted_html(text, list(zip(marks["start"], marks["end"], labels)))


@renamed_keywords(positional=("actors",))
@made_in_background(ACTORS_TITLE)
def explore_actors(
    docs: pd.DataFrame, *, actors=None, sents: pd.DataFrame | None = None, mentions: pd.DataFrame | None = None
) -> Explorer:
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
    check_docs(docs, "explore_actors")
    if docs.empty:
        return no_articles(ACTORS_TITLE)
    mentions = _shared_mentions(docs, mentions, actors, sents, "explore_actors")
    counts = _mention_counts(docs, "doc_id", mentions)
    totals = _mention_counts(docs, None, mentions)
    texts = dict(zip(docs["doc_id"].astype(str), docs["text"]))
    n_actors = max(1, mentions["actor"].nunique())
    # Each article's rows, found once: selecting them by comparing millions of rows would be slow.
    counts_of, mentions_of = rows_by(counts["doc_id"].astype(str)), rows_by(mentions["doc_id"].astype(str))
    none = np.zeros(0, dtype=np.int64)
    # With many articles, the chart of all articles stacks the outlets (or shows totals), not every article.
    group = summary_column(docs)
    summary = _mention_counts(docs, group, mentions) if many_articles(docs) else None
    controls = {
        "article": widgets.Dropdown(options=article_options(docs), value=ALL_ARTICLES, description="Article"),
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
                chart = plot_actor_mentions(shown, top=top)
                figure, drawn = chart.figure, chart.table
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
                figure=plot_actor_mentions(shown, top=top).figure,
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
            figure=plot_actor_mentions(shown, top=top).figure,
            table=listing,
            html=_marked_text(texts[article], marks),
            caption=f"Mentions in {article}, in reading order (the same as the marks in the text below)",
        )

    return Explorer(
        ACTORS_TITLE,
        controls,
        render,
        note="Mentions are found with the actor list (corpus/actors.csv): names not on the list are not counted.",
    )


@renamed_keywords(positional=("actors",))
@made_in_background(NAMING_TITLE)
def explore_naming(
    docs: pd.DataFrame, *, actors=None, sents: pd.DataFrame | None = None, mentions: pd.DataFrame | None = None
) -> Explorer:
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
    check_docs(docs, "explore_naming")
    if docs.empty:
        return no_articles(NAMING_TITLE)
    mentions = _shared_mentions(docs, mentions, actors, sents, "explore_naming")
    sents = sentences_given(docs, sents, "explore_naming")
    if mentions.empty:
        raise ValueError("No actor of the list is mentioned in these articles, so there are no names to compare.")
    choices = _naming_table(mentions, list(docs["doc_id"]))
    # Each mention and where it is; its sentence is looked up for the rows shown only (the first 200).
    where = mentions[["actor", "doc_id", "alias", "sentence_id"]]
    sentence_of = sents.set_index(["doc_id", "sentence_id"])["sentence"]
    forms = mentions.groupby("actor")["alias"].nunique()
    options = sorted(forms[forms >= 2].index) or sorted(forms.index)
    default = next((a for a in options if a.lower() == "pmoi/mek"), options[0])
    controls = {
        "actor": widgets.Dropdown(options=options, value=default, description="Actor"),
        "article": widgets.Dropdown(options=article_options(docs), value=ALL_ARTICLES, description="Article"),
    }
    # The rows of each actor, and of each actor in each article, found once.
    choices_of, where_of = rows_by(choices["actor"]), rows_by(where["actor"])
    rows_in = {
        name: rows_by(t["actor"], t["doc_id"].astype(str)) for name, t in (("choices", choices), ("where", where))
    }
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
            shown = choices.iloc[rows_in["choices"].get(key, none)]
            said = where.iloc[rows_in["where"].get(key, none)]
        if shown.empty:
            return View(message=f"{article} does not mention {actor}.")
        first = said.head(200)
        in_sentence = pd.MultiIndex.from_arrays([first["doc_id"], first["sentence_id"]])
        sentences_html = table_html(
            first[["doc_id", "alias"]]
            .assign(sentence=sentence_of.reindex(in_sentence).to_numpy())
            .reset_index(drop=True),
            caption=f"Sentences naming {actor}",
            max_rows=200,
            rows_in_all=len(said),
        )
        caption, figure, drawn = f"Names used for {actor}", None, None
        if article == ALL_ARTICLES and by_group is not None:
            chart = plot_naming_choices(by_group.iloc[group_of_actor.get(actor, none)])
            figure, drawn = chart.figure, chart.table
            caption += f" (the chart sums the articles of each {group}: too many articles for one bar each)"
        return View(
            figure=figure if figure is not None else plot_naming_choices(shown).figure,
            chart_table=drawn,
            table=shown.drop(columns="actor").reset_index(drop=True),
            caption=caption,
            html=sentences_html,
        )

    return Explorer(
        NAMING_TITLE,
        controls,
        render,
        note="Each name is counted exactly as written; the share is of the article's mentions of the actor.",
    )


@renamed_keywords(positional=("actors",))
@made_in_background(CO_MENTIONS_TITLE)
def explore_co_mentions(
    docs: pd.DataFrame, *, actors=None, sents: pd.DataFrame | None = None, mentions: pd.DataFrame | None = None
) -> Explorer:
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
    check_docs(docs, "explore_co_mentions")
    if docs.empty:
        return no_articles(CO_MENTIONS_TITLE)
    mentions = _shared_mentions(docs, mentions, actors, sents, "explore_co_mentions")
    sents = sentences_given(docs, sents, "explore_co_mentions")
    pairs = _pair_sentences(mentions)
    n_actors = max(2, mentions["actor"].nunique())
    controls = {
        "article": widgets.Dropdown(options=article_options(docs), value=ALL_ARTICLES, description="Article"),
        "top": widgets.IntSlider(value=min(12, n_actors), min=2, max=min(n_actors, 30), description="Top actors"),
    }

    # Summarised once for all articles; for one article, from its own rows only (found by article when one is
    # first chosen).
    rows_of = Lazy(lambda table: rows_by((pairs if table == "pairs" else sents)["doc_id"].astype(str)))
    everything = _summarise_pairs(pairs, sents)
    none = np.zeros(0, dtype=np.int64)

    def render(article, top):
        if article == ALL_ARTICLES:
            summary = everything
        else:
            own_sentences = sents.iloc[rows_of["sentences"].get(article, none)]
            summary = _summarise_pairs(pairs.iloc[rows_of["pairs"].get(article, none)], own_sentences)
        if summary.empty:
            return View(message=f"No sentence in {article} names two different actors of the list.")
        return View(figure=plot_co_mentions(summary, top=top).figure, table=summary, caption="Pairs of actors")

    return Explorer(
        CO_MENTIONS_TITLE,
        controls,
        render,
        note="Two actors count together when one sentence names both.",
    )
