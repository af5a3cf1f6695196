"""Explorers of words: frequency lists, key words, concordances and collocates.

Each explorer makes its tables once, when it is made, with the functions of :mod:`helpers.words`
(and the engine beneath them), and each change of a control selects, searches or counts a little.
With more than ``MANY_ARTICLES`` (20) articles, the concordance of all articles searches every text
at once (:class:`helpers._engine.search.JoinedTexts`) and keeps the context of the first matches.
"""

from __future__ import annotations

from typing import NamedTuple

import ipywidgets as widgets
import numpy as np
import pandas as pd

from helpers._engine import counting, search
from helpers.charts.words import plot_collocates, plot_keyness, plot_kwic, plot_word_frequencies
from helpers.explorers.base import (
    ALL_ARTICLES,
    MANY_ARTICLES,
    TABLE_LIMIT,
    Explorer,
    Lazy,
    View,
    article_options,
    made_in_background,
    many_articles,
    no_articles,
    summary_column,
)
from helpers.explorers.shared import sentences_of, shared, token_arrays_of, tokens_of
from helpers.inputs import check_docs, renamed_keywords
from helpers.words import (
    KWIC_COLUMNS,
    QUOTE_CLASSES,
    _collocate_table,
    _context_index,
    _frequencies,
    _keyness_table,
    _kwic,
    _query_codes,
    _spans,
    _token_arrays,
    compile_query,
)

WORDS_TITLE = "Word frequencies"
KEYNESS_TITLE = "Key words"
KWIC_TITLE = "Concordance (key word in context)"
COLLOCATES_TITLE = "Collocates"


@renamed_keywords(positional=("top",))
@made_in_background(WORDS_TITLE)
def explore_words(docs: pd.DataFrame, *, top: int = 15, toks: pd.DataFrame | None = None) -> Explorer:
    """An explorer of frequency lists: choose the grouping, the number of terms, stopwords and phrase length.

    Each frequency table (3 groupings × stopwords kept or removed × 1-, 2- and
    3-word terms) is computed the first time it is shown, and kept; single words are
    counted straight from the texts, phrases from the tokens (made once, and shared
    with the other explorers of the same ``docs``). A grouping with
    more than ``MANY_ARTICLES`` (20) groups (by article, in a large corpus) is
    charted as all articles together; its table lists the first rows (the only ones made).

    Example:
        >>> from helpers import load_corpus
        >>> explorer = explore_words(load_corpus())
        >>> explorer.controls["ngram"].value = 2
        >>> explorer.table.term.head(2).tolist()
        ['iranian regime', 'iranian people']
    """
    check_docs(docs, "explore_words")
    if docs.empty:
        return no_articles(WORDS_TITLE)
    given = docs
    docs = docs.reset_index(drop=True)
    if toks is not None:
        prep = words_prep = _token_arrays(docs, toks, "explore_words")
    else:  # single words from the texts at once (the first view); phrases from the tokens when first asked for
        words_prep, prep = token_arrays_of(given, single_words=True), None
    groupings = [(ALL_ARTICLES, "all"), ("by article", "doc_id")]
    if "outlet" in docs.columns:
        groupings.append(("by outlet", "outlet"))

    # A grouping with too many groups (by article, in a large corpus) is charted as all articles together, and
    # its table shows the first rows only.
    sizes = {grouping: docs[grouping].nunique() for _, grouping in groupings if grouping != "all"}
    crowded = {grouping: size for grouping, size in sizes.items() if size > MANY_ARTICLES}

    def frequency_table(key):
        grouping, remove, n = key
        arrays = words_prep if n == 1 else (prep if prep is not None else token_arrays_of(given))
        # A grouping with too many groups only shows the first rows of its table: only they are made.
        first = TABLE_LIMIT if grouping in crowded else None
        return _frequencies(arrays, None if grouping == "all" else grouping, n, remove, False, first)

    # Each frequency table (3 groupings x stopwords kept or removed x 1-, 2- and 3-word terms) is made when
    # first shown, and kept.
    tables = Lazy(frequency_table)
    controls = {
        "group": widgets.Dropdown(options=groupings, value="all", description="Articles"),
        "top": widgets.IntSlider(value=top, min=5, max=40, description="Top"),
        "remove_stopwords": widgets.Checkbox(value=True, description="remove stopwords", indent=False),
        "ngram": widgets.Dropdown(
            options=[("single words", 1), ("two-word phrases", 2), ("three-word phrases", 3)],
            value=1,
            description="Terms",
        ),
    }

    def render(group, top, remove_stopwords, ngram):
        freqs = tables[(group, remove_stopwords, ngram)]
        if freqs.empty:
            return View(
                message="No words to count: the corpus has no articles, or no words once stopwords are removed."
            )
        if group in crowded:
            fig = plot_word_frequencies(tables[("all", remove_stopwords, ngram)], top=top).figure
            caption = f"Frequency list by {group} (per_1000: per 1,000 words); the chart counts all articles "
            caption += f"together: {crowded[group]} groups are too many to give each its own colour"
            return View(figure=fig, table=freqs, caption=caption, rows_in_all=freqs.attrs["rows_in_all"])
        chart = plot_word_frequencies(freqs, top=top)
        fig, table = chart.figure, chart.table
        caption = "Frequency list" + ("" if group == "all" else f" by {group}") + " (per_1000: per 1,000 words)"
        return View(figure=fig, table=table, caption=caption)

    return Explorer(
        WORDS_TITLE,
        controls,
        render,
        note="Counts of words and phrases, and their rate per 1,000 words of the article or group.",
    )


@made_in_background(KEYNESS_TITLE)
def explore_keyness(docs: pd.DataFrame, *, toks: pd.DataFrame | None = None) -> Explorer:
    """An explorer of key words: one article against all the others.

    Example:
        >>> from helpers import load_corpus
        >>> explorer = explore_keyness(load_corpus())
        >>> explorer.controls["target"].value = "breitbart-2014"
        >>> explorer.table.term.iloc[0]
        'syrian'
    """
    check_docs(docs, "explore_keyness")
    if docs.empty:
        return no_articles(KEYNESS_TITLE)
    given, docs = docs, docs.reset_index(drop=True)
    prep = _token_arrays(docs, toks, "explore_keyness") if toks is not None else token_arrays_of(given)
    doc_ids = prep.docs["doc_id"].tolist()
    controls = {
        "target": widgets.Dropdown(options=doc_ids, value=doc_ids[0] if doc_ids else None, description="Article"),
        "min_count": widgets.IntSlider(value=3, min=1, max=10, description="Min. count"),
        "top": widgets.IntSlider(value=15, min=5, max=40, description="Top"),
    }
    column = prep.docs["doc_id"].to_numpy()

    def render(target, min_count, top):
        in_target = column == target
        result = _keyness_table(prep, in_target, ~in_target, min_count, True, False)
        result.attrs.update(target=target, reference="the other articles")
        if result.empty:
            return View(message=f"No word occurs at least {min_count} times. Lower the minimum count.")
        chart = plot_keyness(result, top=top)
        fig, table = chart.figure, chart.table
        return View(figure=fig, table=table, caption=f"Key words of {target} (top {len(table)} by G²)")

    return Explorer(
        KEYNESS_TITLE,
        controls,
        render,
        note="Words one article uses more (or less) than the other four. With so few, short articles, a handful of "
        "uses makes a word 'key': read the passages in the concordance before drawing conclusions.",
    )


POSITION_BINS = [f"{10 * i}–{10 * (i + 1)}%" for i in range(10)]


class _Articles(NamedTuple):
    """The ids, texts and lengths of the articles as arrays, made once for the concordance of all articles."""

    doc_ids: np.ndarray
    texts: list[str]  # those of the joined texts
    lengths: np.ndarray  # at least 1

    @classmethod
    def of(cls, docs: pd.DataFrame, joined: search.JoinedTexts) -> _Articles:
        lengths = np.fromiter(map(len, joined.texts), dtype=np.int64, count=len(joined.texts))
        return cls(docs["doc_id"].to_numpy(), joined.texts, np.maximum(lengths, 1))


def _kwic_summary_view(articles, index, pattern, query, window, doc_rows, local, group, group_codes, group_labels):
    """The concordance of all articles of a large corpus: the number of matches in all and in each article,
    the context of the first TABLE_LIMIT matches, and a chart of the matches of each outlet by position."""
    from helpers.plots import heatmap

    columns = ["doc_id", "left", "match", "right"]
    total = len(local)
    if total == 0:
        return View(message=f"No match for {query!r} in any article.")
    doc_ids, texts = articles.doc_ids, articles.texts
    counts = np.bincount(doc_rows, minlength=len(doc_ids))
    found = np.flatnonzero(counts)
    message = f"{total} match{'es' if total != 1 else ''}"
    if len(found) <= MANY_ARTICLES:  # as for a few articles: the number in each
        message += ": " + ", ".join(f"{doc_ids[row]} {counts[row]}" for row in found)
    else:
        most = found[np.argsort(-counts[found], kind="stable")[:10]]
        message += f" in {len(found)} articles; the most in " + ", ".join(
            f"{doc_ids[row]} {counts[row]}" for row in most
        )
    rows = []
    for row in np.unique(doc_rows[:TABLE_LIMIT]):  # the context of the first matches only
        spans = _spans(texts[row], pattern)
        rows.extend((doc_ids[row], *hit) for hit in search.in_context(texts[row], spans, index[doc_ids[row]], window))
    hits = pd.DataFrame(rows[:TABLE_LIMIT], columns=KWIC_COLUMNS)
    lengths = articles.lengths[doc_rows]
    position = np.minimum((np.round(local / lengths, 3) * 10).astype(np.int64), 9)
    cells = np.bincount(group_codes[doc_rows] * 10 + position, minlength=len(group_labels) * 10)
    name = group or "articles"
    table = pd.DataFrame(
        {name: np.repeat(group_labels, 10), "position": POSITION_BINS * len(group_labels), "matches": cells}
    )
    title = f"Where {query!r} occurs in the articles" + (f" of each {group}" if group else "")
    fig = heatmap(
        table,
        x="position",
        y=name,
        z="matches",
        title=title,
        x_title="Position in the article (0% = start, 100% = end)",
        y_title=name.capitalize(),
        z_title="Matches",
    )
    caption = f"Concordance for {query!r}"
    if total > len(hits):
        caption += f": the first {len(hits)} of {total} matches"
    caption += f" (the chart counts the matches{' of each ' + group if group else ''} by position: "
    caption += "too many articles for one row each)"
    return View(figure=fig, chart_table=table, table=hits[columns], message=message, caption=caption, rows_in_all=total)


@renamed_keywords(positional=("sents", "toks"))
@made_in_background(KWIC_TITLE)
def explore_kwic(
    docs: pd.DataFrame,
    query: str = "regime",
    *,
    sents: pd.DataFrame | None = None,
    toks: pd.DataFrame | None = None,
) -> Explorer:
    """An explorer of concordances: type a word or phrase and see where and how it is used.

    Shows the dispersion plot, then the concordance (left | match | right), and
    a note with the number of matches in each article. With more than
    ``MANY_ARTICLES`` (20) articles, "all articles" shows the number of matches
    in all and in the articles with the most, the context of the first
    ``TABLE_LIMIT`` (300) matches, and a chart of the matches of each outlet by
    their position in the article.

    Example:
        >>> from helpers import load_corpus
        >>> explorer = explore_kwic(load_corpus())
        >>> explorer.controls["query"].value = "Camp Liberty"
        >>> explorer.message
        '3 matches: breitbart-2014 2, moroccantimes-2015 1'
    """
    check_docs(docs, "explore_kwic")
    if docs.empty:
        return no_articles(KWIC_TITLE)
    given, docs = docs, docs.reset_index(drop=True)
    row_of = {doc_id: i for i, doc_id in enumerate(docs["doc_id"])}
    if sents is None and toks is None:  # from the sentences and tokens shared with the other explorers of docs
        index = shared(
            given, "context index", lambda: search.context_index(docs, sentences_of(given), tokens_of(given))
        )
    else:
        index = _context_index(docs, sents, toks, "explore_kwic")
    # With many articles, "all articles" searches the texts joined into one (made once), counts the matches
    # of every article, and keeps the context of the first TABLE_LIMIT only; the chart counts by outlet.
    joined = None
    if many_articles(docs):
        joined = shared(given, "joined texts", lambda: search.JoinedTexts(docs["text"].tolist(), QUOTE_CLASSES))
    articles = _Articles.of(docs, joined) if joined is not None else None
    last_search: dict = {}  # the matches of the last search, for a change of window: (query, regex, case) -> them

    def matches(query, pattern, regex, case) -> tuple[np.ndarray, np.ndarray]:
        """The article (row) and start of every match in the joined texts, found again only for a new search."""
        key = (query, regex, case)
        if key not in last_search:
            found = None if regex else search.literal_matches(joined, query, pattern, case)
            last_search.clear()
            last_search[key] = found if found is not None else search.starts_by_article(joined.texts, pattern)
        return last_search[key]

    group = summary_column(docs)
    group_codes, group_labels = pd.factorize(docs[group]) if group else (np.zeros(len(docs), dtype=np.int64), [])
    group_labels = [str(g) for g in group_labels] if group else [ALL_ARTICLES]
    controls = {
        "query": widgets.Text(value=query, description="Search", continuous_update=False),
        "article": widgets.Dropdown(options=article_options(docs), value=ALL_ARTICLES, description="Article"),
        "window": widgets.IntSlider(value=5, min=1, max=15, description="Window"),
        "regex": widgets.Checkbox(value=False, description="regex", indent=False),
        "case": widgets.Checkbox(value=False, description="match case", indent=False),
    }

    def no_match(query, article, pattern, regex, case) -> str:
        """No match in the article chosen: say so, and in which articles the query does occur."""
        if article == ALL_ARTICLES:
            return f"No match for {query!r} in any article."
        if joined is not None:
            doc_rows = matches(query, pattern, regex, case)[0]
            counts = pd.Series(articles.doc_ids[doc_rows]).value_counts(sort=False)
        else:
            counts = _kwic(docs, pattern, 1, index)["doc_id"].value_counts(sort=False)
        if counts.empty:
            return f"No match for {query!r} in {article}, nor in any other article."
        where = ", ".join(f"{doc_id} ({n})" for doc_id, n in counts.head(10).items())
        more = f" and {len(counts) - 10} more articles" if len(counts) > 10 else ""
        return (
            f"No match for {query!r} in {article}. It occurs in {where}{more}: choose one of them, or {ALL_ARTICLES}."
        )

    def render(query, article, window, regex, case):
        pattern = compile_query(query, regex, case, "kwic")
        if joined is not None and article == ALL_ARTICLES:
            doc_rows, local = matches(query, pattern, regex, case)
            return _kwic_summary_view(
                articles, index, pattern, query, window, doc_rows, local, group, group_codes, group_labels
            )
        shown = docs if article == ALL_ARTICLES else docs.iloc[[row_of[article]]]
        hits = _kwic(shown, pattern, window, index)
        hits.attrs.update(query=query)
        columns = ["left", "match", "right"] if article != ALL_ARTICLES else ["doc_id", "left", "match", "right"]
        if hits.empty:
            return View(message=no_match(query, article, pattern, regex, case))
        counts = hits["doc_id"].value_counts(sort=False)
        note = ", ".join(f"{doc_id} {n}" for doc_id, n in counts.items())
        total = len(hits)
        message = f"{total} match{'es' if total != 1 else ''}: {note}"
        return View(
            figure=plot_kwic(hits, shown).figure,
            table=hits[columns],
            message=message,
            caption=f"Concordance for {query!r}",
        )

    return Explorer(
        KWIC_TITLE,
        controls,
        render,
        note="Every passage where the word or phrase occurs, with the words around it in the same sentence.",
    )


@made_in_background(COLLOCATES_TITLE)
def explore_collocates(docs: pd.DataFrame, query: str = "regime", *, toks: pd.DataFrame | None = None) -> Explorer:
    """An explorer of collocates: the words found near a word or phrase.

    The tokens are indexed by word once, when the explorer is made, so that a
    query looks at its own occurrences only (the result is that of
    :func:`collocates`).

    Example:
        >>> from helpers import load_corpus
        >>> explorer = explore_collocates(load_corpus())
        >>> "clerical" in explorer.table.term.tolist()
        True
    """
    check_docs(docs, "explore_collocates")
    if docs.empty:
        return no_articles(COLLOCATES_TITLE)
    if toks is not None:
        prep = _token_arrays(docs.reset_index(drop=True), toks, "explore_collocates")
    else:  # the tokens shared with the other explorers of docs
        prep = token_arrays_of(docs)
    index = counting.WordIndex(prep)  # each query then looks at its own occurrences only
    controls = {
        "query": widgets.Text(value=query, description="Word", continuous_update=False),
        "window": widgets.IntSlider(value=5, min=1, max=15, description="Window"),
        "min_count": widgets.IntSlider(value=2, min=1, max=10, description="Min. count"),
    }

    def render(query, window, min_count):
        query_codes = _query_codes(prep, query, "collocates")
        starts = np.zeros(0, dtype=np.int64) if query_codes is None else index.occurrences(query_codes)
        n = 0 if query_codes is None else len(query_codes)
        result = _collocate_table(prep, starts, n, window, min_count, None, True, False, index)
        result.attrs.update(query=query, window=window)
        if len(starts) == 0:
            return View(message=f"No match for {query!r} in any article.")
        if result.empty:
            return View(
                message=f"No word occurs at least {min_count} times within {window} words of {query!r}: "
                f"lower 'Min. count' or widen 'Window'.",
            )
        chart = plot_collocates(result)
        fig, table = chart.figure, chart.table
        return View(figure=fig, table=table, caption=f"Collocates of {query!r}, sorted by log Dice")

    return Explorer(
        COLLOCATES_TITLE,
        controls,
        render,
        note="Words that occur near the query in the same sentence. With a corpus this small the scores rest on "
        "a few co-occurrences; MI favours rare words.",
    )
