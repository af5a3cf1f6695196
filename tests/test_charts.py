"""Charts (helpers/charts, in the style of helpers/plots.py): every chart has a title, labelled axes,
colour-blind-safe colours and its table as a text alternative, and draws the numbers of its analysis."""

import pandas as pd
import plotly.graph_objects as go
import pytest

import helpers
from helpers import (
    co_mentions,
    collocates,
    explore_loaded_language,
    keyness,
    kwic,
    loaded_language,
    loaded_language_summary,
    mention_counts,
    naming_choices,
    plot_actor_mentions,
    plot_co_mentions,
    plot_collocates,
    plot_keyness,
    plot_kwic,
    plot_loaded_language,
    plot_naming_choices,
    plot_publication_gap,
    plot_sentiment,
    plot_timeline,
    plot_voices,
    plot_word_frequencies,
    timeline,
    voices,
    word_frequencies,
)
from helpers.framing import CATEGORIES, HIT_COLUMNS, TARGETS
from helpers.plots import PALETTE, SEQUENTIAL
from tests.support import make_corpus, row

pytestmark = pytest.mark.filterwarnings("ignore:.*no list of your own was given:UserWarning")


def parts(chart: helpers.Chart):
    """A chart's figure and the table of its numbers."""
    return chart.figure, chart.table


@pytest.fixture(scope="module")
def table(docs, sents):
    return timeline(docs, sents=sents)


# --------------------------------------------------------------------------- every chart


def chart_inputs(docs):
    """Each chart function with the analysis result it draws (on the real corpus)."""
    mentions = helpers.actor_mentions(docs)
    return {
        "plot_word_frequencies": (helpers.word_frequencies(docs, by="camp"),),
        "plot_keyness": (helpers.keyness(docs, "ips-2007"),),
        "plot_kwic": (helpers.kwic(docs, "regime"), docs),
        "plot_collocates": (helpers.collocates(docs, "regime"),),
        "plot_actor_mentions": (helpers.mention_counts(docs, mentions=mentions),),
        "plot_co_mentions": (helpers.co_mentions(docs, mentions=mentions),),
        "plot_naming_choices": (helpers.naming_choices(docs, "PMOI/MEK", mentions=mentions),),
        "plot_loaded_language": (helpers.loaded_language_summary(docs),),
        "plot_sentiment": (helpers.sentence_sentiment(docs),),
        "plot_voices": (helpers.voices(docs),),
        "plot_timeline": (helpers.timeline(docs),),
        "plot_publication_gap": (helpers.timeline(docs),),
    }


def is_grey(colour: str) -> bool:
    """Neutral greys (equal red, green and blue) are safe for every kind of colour vision."""
    return len(colour) == 7 and colour.startswith("#") and colour[1:3] == colour[3:5] == colour[5:7]


CHARTS = sorted(name for name in helpers.__all__ if name.startswith("plot_"))


def test_every_chart_function_is_covered_here(docs):
    assert sorted(chart_inputs(docs)) == CHARTS


def colours_of(fig: go.Figure) -> set[str]:
    found = set()
    for trace in fig.data:
        for holder in (getattr(trace, "marker", None), getattr(trace, "line", None)):
            colour = getattr(holder, "color", None) if holder is not None else None
            if isinstance(colour, str):
                found.add(colour.upper())
            elif colour is not None and not isinstance(colour, (int, float)):
                found |= {c.upper() for c in colour if isinstance(c, str)}
    return found


@pytest.mark.parametrize("name", CHARTS)
def test_chart_has_title_axis_labels_safe_colours_and_its_table(docs, name):
    args = chart_inputs(docs)[name]
    fig, table = parts(getattr(helpers, name)(*args))
    assert fig.layout.title.text, f"{name}: no title"
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text, f"{name}: an axis without a label"
    assert isinstance(table, pd.DataFrame) and len(table) > 0, f"{name}: no table behind the chart"
    allowed = {c.upper() for c in PALETTE} | {c.upper() for _, c in SEQUENTIAL}
    outside = {c for c in colours_of(fig) - allowed if not is_grey(c)}
    assert not outside, f"{name}: colours outside the palette: {outside}"
    for trace in fig.data:
        if isinstance(trace, go.Heatmap):
            assert [tuple(step) for step in trace.colorscale] == [tuple(step) for step in SEQUENTIAL]
        decoration = trace.hoverinfo == "skip"  # e.g. the grey rails of the dispersion plot
        assert decoration or trace.hovertemplate or trace.hovertext or trace.text, f"{name}: a series without hover"


# --------------------------------------------------------------------------- words


def test_plot_word_frequencies(docs, toks):
    fig, table = parts(plot_word_frequencies(word_frequencies(docs, toks=toks), top=5))
    assert fig.layout.title.text == "The 5 most frequent words"
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
    assert list(fig.data[0].y) == table.term.tolist() == ["iranian", "iran", "regime", "people", "opposition"]
    assert list(fig.data[0].x) == table["count"].tolist()
    grouped_fig, grouped = parts(plot_word_frequencies(word_frequencies(docs, by="doc_id", toks=toks), top=3))
    assert len(grouped_fig.data) == 5  # one series per article
    assert grouped.term.unique().tolist() == ["iranian", "iran", "regime"]
    assert row(grouped, doc_id="breitbart-2014", term="regime")["per_1000"] == round(18 / 849 * 1000, 2)


def test_plot_word_frequencies_fills_absent_terms_with_zero(docs, toks):
    _, table = parts(plot_word_frequencies(word_frequencies(docs, by="doc_id", toks=toks), top=20))
    assert row(table, doc_id="ips-2007", term="syrian")["count"] == 0


def test_plot_keyness(docs, toks):
    fig, table = parts(plot_keyness(keyness(docs, "ips-2007", toks=toks), top=10))
    assert fig.layout.title.text == "Key words of ips-2007 compared with the rest"
    assert len(table) == 10
    assert (table.log_ratio[table.direction == "over"] > 0).all()
    assert (table.log_ratio[table.direction == "under"] < 0).all()
    plotted = {t: x for trace in fig.data for t, x in zip(trace.y, trace.x)}
    assert plotted == dict(zip(table.term, table.log_ratio))
    assert "uses in the target" in fig.data[0].hovertemplate  # hover labels in plain words


def test_plot_kwic_dispersion(docs, sents, toks):
    hits = kwic(docs, "Ashraf", sents=sents, toks=toks)
    fig, table = parts(plot_kwic(hits, docs))
    assert list(fig.layout.yaxis.ticktext) == [
        "ips-2007 (0)",
        "ncri-2010 (9)",
        "breitbart-2014 (0)",
        "moroccantimes-2015 (0)",
        "iranfreedom-2018 (3)",
    ]
    marks = fig.data[1]
    assert len(marks.x) == len(hits) == 12
    text = docs.set_index("doc_id").text
    first = hits.iloc[0]
    assert marks.x[0] == pytest.approx(first.start / len(text[first.doc_id]), abs=0.001)
    assert "[Ashraf]" in marks.hovertext[0]
    assert fig.layout.title.text == "Where 'Ashraf' occurs in each article"
    assert table.position.between(0, 1).all()


def test_plot_collocates(docs, toks):
    fig, table = parts(plot_collocates(collocates(docs, "regime", toks=toks), top=5))
    assert len(table) == 5 and list(fig.data[0].y) == table.term.tolist()
    assert fig.layout.title.text == "Words near 'regime' (within 5 words)"


# --------------------------------------------------------------------------- actors


def test_plot_actor_mentions(docs, mentions):
    counts = mention_counts(docs, mentions=mentions)
    fig, table = parts(plot_actor_mentions(counts, top=3))
    assert fig.layout.title.text == "Actor mentions by article: top 3"
    assert fig.layout.xaxis.title.text == "Mentions" and fig.layout.yaxis.title.text == "Actor"
    assert list(dict.fromkeys(table.actor)) == ["Iranian state", "Iran", "Maryam Rajavi"]
    assert sum(sum(trace.x) for trace in fig.data) == table.mentions.sum()
    assert "per 1,000 words" in fig.data[0].hovertemplate


def test_plot_co_mentions(docs, sents, mentions):
    pairs = co_mentions(docs, mentions=mentions, sents=sents)
    fig, table = parts(plot_co_mentions(pairs, top=5))
    trace = fig.data[0]
    assert list(trace.x) == list(trace.y)
    assert all(trace.z[i][i] is None for i in range(len(trace.x)))
    i, j = list(trace.y).index("Iran"), list(trace.x).index("Iranian state")
    assert trace.z[i][j] == trace.z[j][i] == pairs.sentences.iloc[0]
    assert "Sentences" in trace.hovertemplate and "customdata" in trace.hovertemplate
    assert set(table.columns) >= {"actor", "with_actor", "sentences"}


def test_plot_naming_choices(docs, mentions):
    choices = naming_choices(docs, "PMOI/MEK", mentions=mentions)
    fig, table = parts(plot_naming_choices(choices))
    assert fig.layout.title.text == "How each article names PMOI/MEK"
    assert list(fig.layout.yaxis.categoryarray) == list(docs.doc_id)
    assert fig.layout.barmode == "stack"
    assert fig.data[0].name == "MEK"  # the most frequent form: five times in iranfreedom-2018
    assert "share" in fig.data[0].hovertemplate
    assert len(table) == len(choices)


# --------------------------------------------------------------------------- dates


def test_timeline_chart(table):
    fig, drawn = parts(plot_timeline(table))
    assert fig.layout.title.text and fig.layout.xaxis.title.text == "Date"
    assert fig.layout.title.text.endswith("<sup>Five articles over eleven years are examples, not a trend.</sup>")
    names = [trace.name for trace in fig.data]
    assert names == [
        "published (exact day)",
        "published (range)",
        "main event (metadata)",
        "mentioned date (day)",
        "mentioned period (month, year or range)",
    ]
    assert len(drawn) == len(table)  # every date in the course corpus is resolved, so every row is drawn
    # articles in order of publication, the earliest at the top
    assert list(fig.layout.yaxis.ticktext) == table.doc_id.drop_duplicates().tolist()
    day = fig.data[names.index("mentioned date (day)")]
    assert any("May 23, 2014" in c[0] and "Maryam Rajavi" in c[5] for c in day.customdata)


def test_publication_gap_chart(table):
    fig, gaps = parts(plot_publication_gap(table))
    gaps = gaps.set_index("doc_id")
    assert gaps.loc["breitbart-2014", "days_to_publication"] == 6
    assert gaps.loc["iranfreedom-2018", "days_to_publication"] == -12
    assert gaps.loc["moroccantimes-2015", "days_to_latest_publication"] == 17
    assert list(fig.data[0].x) == gaps.days_to_publication.tolist()
    assert fig.layout.xaxis.title.text.startswith("Days")


# --------------------------------------------------------------------------- framing


def test_loaded_language_chart_shows_the_rates(hits, docs):
    summary = loaded_language_summary(docs, hits=hits)
    fig, table = parts(plot_loaded_language(summary))
    assert fig.layout.title.text.startswith("Words from the loaded-language list, per 1,000 words")
    assert fig.layout.xaxis.title.text == "Hits per 1,000 words, stacked by category"
    assert fig.layout.yaxis.title.text == "Article"
    assert fig.layout.barmode == "stack"
    assert [trace.name for trace in fig.data] == list(CATEGORIES)  # every category has a hit in this corpus
    doubt = next(trace for trace in fig.data if trace.name == "doubt")
    assert list(doubt.y) == list(docs.doc_id)
    assert list(doubt.x) == table[table.category == "doubt"].per_1000.tolist()
    assert "hits" in doubt.hovertemplate
    only_slogans = summary[summary.category == "slogans"]
    fig, table = parts(plot_loaded_language(only_slogans))
    assert [trace.name for trace in fig.data] == ["slogans"]
    # moroccantimes-2015: "Two sides of the Same Coin" in the headline and again in the first sentence
    assert table.set_index("doc_id").hits.to_dict()["moroccantimes-2015"] == 2
    totals = plot_loaded_language(loaded_language_summary(docs, hits=hits, by_category=False))
    assert len(totals.data) == 1 and sum(totals.data[0].customdata[:, 0]) == len(hits)


def test_loaded_language_chart_can_stack_by_target(hits, docs):
    summary = loaded_language_summary(docs, hits=hits, by_category=False, by_target=True)
    fig, table = parts(plot_loaded_language(summary))
    assert fig.layout.xaxis.title.text == "Hits per 1,000 words, stacked by target"
    assert [trace.name for trace in fig.data] == list(TARGETS)  # every target has a hit in this corpus
    syrian = next(trace for trace in fig.data if trace.name == "Syrian government")
    # breitbart-2014: six times "Assad regime", "to the very end", "red line"
    assert dict(zip(syrian.y, syrian.customdata[:, 0]))["breitbart-2014"] == 8
    assert table.hits.sum() == len(hits)
    with pytest.raises(ValueError, match="by category or by target, not both"):
        plot_loaded_language(loaded_language_summary(docs, hits=hits, by_target=True))


def test_sentiment_chart_has_one_series_per_article(sentiment, docs):
    fig, table = parts(plot_sentiment(sentiment))
    assert fig.layout.title.text.replace("<br>", " ") == (
        "TextBlob polarity per sentence (a word-list score, not a measure of framing)"
    )
    assert fig.layout.xaxis.title.text == "Sentence number in the article"
    assert [trace.name for trace in fig.data] == list(docs.doc_id)
    ncri = next(trace for trace in fig.data if trace.name == "ncri-2010")
    part = sentiment[sentiment.doc_id == "ncri-2010"]
    assert list(ncri.x) == part.sentence_id.tolist() and list(ncri.y) == part.polarity.tolist()
    # ncri-2010 sentence 10: "... the murderous regime in Iran is not capable of reforms ..."
    assert "murderous" in ncri.customdata[9][0] and "right (+" in ncri.customdata[9][1]
    assert len(table) == len(sentiment)


def test_a_corpus_without_hits_gives_zero_rates_and_an_empty_chart(tmp_path):
    docs = make_corpus(tmp_path, {"a": "Nothing to see here.", "b": "A quiet day in Paris."})
    found = loaded_language(docs)
    assert found.empty and list(found.columns) == HIT_COLUMNS
    summary = loaded_language_summary(docs, hits=found)
    assert len(summary) == 2 * len(CATEGORIES) and summary.hits.sum() == 0 and summary.per_1000.sum() == 0
    fig, table = parts(plot_loaded_language(summary))
    assert len(fig.data) == 0 and table.empty
    explorer = explore_loaded_language(docs)
    assert explorer.message == "No words from the list in any article."


# --------------------------------------------------------------------------- quotes


def test_plot_voices_bars_hover_and_table(docs, quotes):
    table = voices(docs, quotes=quotes)
    fig, plotted = parts(plot_voices(table))
    assert fig.layout.title.text and fig.layout.xaxis.title.text == "Words quoted"
    assert fig.layout.yaxis.title.text == "Speaker"
    assert [trace.name for trace in fig.data] == ["ips-2007", "ncri-2010", "breitbart-2014", "moroccantimes-2015"]
    morocco = next(trace for trace in fig.data if trace.name == "moroccantimes-2015")
    assert list(morocco.y) == ["Maryam Rajavi", "Hoda Badran"]
    assert list(morocco.x) == table[table.doc_id == "moroccantimes-2015"].words_quoted.tolist()
    assert morocco.customdata[0][0] == 5  # quotations, shown on hover
    assert "quotations" in morocco.hovertemplate
    pd.testing.assert_frame_equal(plotted, table)


# --------------------------------------------------------------------------- what every chart shows, and how


def test_a_chart_shows_its_numbers_folded_beneath_it(docs):
    chart = plot_word_frequencies(word_frequencies(docs), top=3)
    assert isinstance(chart, helpers.Chart) and isinstance(chart.figure, go.Figure)
    assert chart.table.term.tolist() == ["iranian", "iran", "regime"]
    assert chart.layout.title.text == chart.figure.layout.title.text  # it reads like its figure
    html = chart.table_html()
    assert "<details" in html and "The chart's numbers as a table (3 rows)" in html and ">regime</td>" in html


def test_the_old_return_table_still_works_for_one_release(docs):
    with pytest.deprecated_call(match="return_table= is no longer needed"):
        fig, table = plot_word_frequencies(word_frequencies(docs), top=3, return_table=True)
    assert isinstance(fig, go.Figure) and table.term.tolist() == ["iranian", "iran", "regime"]


def test_export_chart_takes_a_chart(docs, tmp_path):
    path = helpers.export_chart(plot_word_frequencies(word_frequencies(docs), top=3), tmp_path / "words.html")
    assert "The 3 most frequent words" in path.read_text(encoding="utf-8")


def test_every_loaded_language_category_has_its_own_colour(docs):
    assert len(CATEGORIES) <= len(PALETTE) == len(set(PALETTE))
    lexicon = helpers.load_lexicon()
    fig = plot_loaded_language(loaded_language_summary(docs)).figure
    colours = [trace.marker.color for trace in fig.data]
    assert len(colours) == len(set(colours)) == len(set(lexicon.category) & {t.name for t in fig.data})


@pytest.mark.parametrize("name", CHARTS)
def test_every_chart_fits_its_output_and_follows_the_theme(docs, name):
    fig = getattr(helpers, name)(*chart_inputs(docs)[name]).figure
    assert fig.layout.width is None and fig.layout.autosize, f"{name}: a fixed width"
    assert fig.layout.paper_bgcolor == fig.layout.plot_bgcolor == "rgba(0,0,0,0)", f"{name}: a white box"
    title = fig.layout.title
    # from the top of the chart, below the toolbar, in a top margin as tall as its lines (plotly's own placement put
    # a wrapped title's first line above the chart, or its last line over the plot)
    assert (title.yref, title.y, title.yanchor, title.automargin) == ("container", 1, "top", False), name
    assert title.pad.t >= 30, f"{name}: title under the toolbar"
    lines = title.text.split("<br>")
    notes = sum(line.startswith("<sup>") for line in lines)
    assert fig.layout.margin.t >= 30 + 22 * (len(lines) - notes) + 16 * notes, f"{name}: no room for the title"
    lines = fig.layout.title.text.split("<br>")
    assert all(len(line) <= 60 for line in lines if "<sup>" not in line), f"{name}: a title too long to fit"
    assert all(len(line) <= 80 + len("<sup></sup>") for line in lines), f"{name}: a subtitle too long to fit"
    assert fig.layout.legend.orientation == "h" and fig.layout.legend.y == 0, f"{name}: legend beside the plot"


def test_an_axis_of_counts_has_whole_number_ticks(docs):
    fig = plot_naming_choices(naming_choices(docs, "PMOI/MEK")).figure  # at most 5 mentions of one name
    assert fig.layout.xaxis.tickformat == ",d" and fig.layout.xaxis.dtick == 1


def test_side_by_side_bars_get_room_each(docs):
    counts = mention_counts(docs)
    fig = plot_actor_mentions(counts, top=12, value="per_1000").figure
    assert fig.layout.title.text == "Actor mentions per 1,000 words by article: top 12"  # says what it shows
    assert fig.layout.height >= 12 * 5 * 9  # 12 actors, 5 articles side by side: at least 9 px a bar


def test_a_chart_is_taller_by_each_line_of_its_title_and_row_of_its_legend(docs):
    chart = plot_loaded_language(loaded_language_summary(docs))  # five bars, nine categories, a title of two lines
    fig = chart.figure
    assert fig.layout.title.text.count("<br>") == 1 and len(fig.data) == 9
    assert fig.layout.height == max(320, 90 + 4 * 24 + 5 * 24) + 24  # 24 px a bar, legend 3 rows + 1, title 1 line
    marked = helpers.explorers.base.highlight_bar(fig, "ncri-2010")
    assert marked.layout.height == fig.layout.height + 24 and "<sup>ncri-2010 in bold" in marked.layout.title.text


def test_the_sentiment_chart_does_not_join_unrelated_sentences(docs):
    fig = plot_sentiment(helpers.sentence_sentiment(docs)).figure
    assert {trace.mode for trace in fig.data} == {"markers"}


def test_the_loaded_language_explorer_marks_the_chosen_article(docs):
    explorer = explore_loaded_language(docs)
    assert all(trace.marker.opacity is None for trace in explorer.figure.data)
    explorer.controls["article"].value = "ncri-2010"
    assert "<b>ncri-2010</b>" in explorer.figure.layout.yaxis.ticktext
    for trace in explorer.figure.data:
        assert {y: o for y, o in zip(trace.y, trace.marker.opacity)}.get("ncri-2010", 1.0) == 1.0
        assert min(trace.marker.opacity) < 1
