"""Helpers for the media-framing course: load a corpus of news articles and analyse how it frames its subject.

Each module is one idea of the course:

- ``corpus``: load a corpus folder into a DataFrame (:func:`load_corpus`) and read it (:func:`explore_corpus`).
- ``cleaning``: make clean article texts from raw page captures.
- ``text``: split articles into sentences and tokens (:func:`sentences`, :func:`tokens`).
- ``words``: word frequency, distinctive words (keyness), keyword in context, collocates.
- ``actors``: who is mentioned, under which names, with whom, and who the actor list misses.
- ``framing``: loaded language and sentence sentiment (and what sentiment misses).
- ``quotes``: who is quoted, and how much.
- ``dates``: dates mentioned in the texts, and timelines.
- ``importers``: bring in a corpus of your own (a folder, a CSV or JSON Lines file, a news-archive export),
  check it with a validation report, and save results as CSV or standalone HTML.
- ``plots`` and ``widgets``: the one chart style and the one explorer layout.
- ``checks``: the exercises' self-checks; ``saving``: download your work in one click.
- ``progress``: progress bars for long work on a large corpus (:func:`show_progress` turns them off).

Every analysis returns a table, has a ``plot_...`` chart and an ``explore_...`` explorer.

Example:
    >>> from helpers import load_corpus, sentences, tokens
    >>> docs = load_corpus()
    >>> len(docs), int(docs["n_words"].sum()) == len(tokens(docs))
    (5, True)
"""

from helpers.actors import (
    actor_mentions,
    co_mentions,
    explore_actors,
    explore_co_mentions,
    explore_naming,
    first_mentions,
    load_actors,
    mention_counts,
    naming_choices,
    plot_actor_mentions,
    plot_co_mentions,
    plot_naming_choices,
    unlisted_names,
)
from helpers.checks import check
from helpers.corpus import CORPUS_DIR, CorpusError, explore_corpus, load_corpus
from helpers.dates import dates_mentioned, explore_timeline, plot_publication_gap, plot_timeline, timeline
from helpers.framing import (
    explore_loaded_language,
    explore_sentiment,
    load_lexicon,
    loaded_language,
    loaded_language_summary,
    plot_loaded_language,
    plot_sentiment,
    sentence_sentiment,
    sentiment_blind_spots,
)
from helpers.importers import (
    PRACTICE_CORPUS,
    export_chart,
    export_table,
    import_folder,
    import_news_export,
    import_table,
    validate_corpus,
)
from helpers.progress import show_progress
from helpers.quotes import explore_quotes, plot_voices, quotations, quoted_share, quoted_terms, voices
from helpers.saving import download_my_work
from helpers.text import sentences, stopwords, tokens
from helpers.words import (
    collocates,
    explore_collocates,
    explore_keyness,
    explore_kwic,
    explore_words,
    keyness,
    kwic,
    plot_collocates,
    plot_keyness,
    plot_kwic,
    plot_word_frequencies,
    word_frequencies,
)

__all__ = [
    "CORPUS_DIR",
    "PRACTICE_CORPUS",
    "export_chart",
    "export_table",
    "import_folder",
    "import_news_export",
    "import_table",
    "validate_corpus",
    "CorpusError",
    "actor_mentions",
    "check",
    "co_mentions",
    "collocates",
    "dates_mentioned",
    "download_my_work",
    "show_progress",
    "explore_actors",
    "explore_co_mentions",
    "explore_collocates",
    "explore_corpus",
    "explore_keyness",
    "explore_kwic",
    "explore_loaded_language",
    "explore_naming",
    "explore_quotes",
    "explore_sentiment",
    "explore_timeline",
    "explore_words",
    "first_mentions",
    "keyness",
    "kwic",
    "load_actors",
    "load_corpus",
    "load_lexicon",
    "loaded_language",
    "loaded_language_summary",
    "mention_counts",
    "naming_choices",
    "plot_actor_mentions",
    "plot_co_mentions",
    "plot_collocates",
    "plot_keyness",
    "plot_kwic",
    "plot_loaded_language",
    "plot_naming_choices",
    "plot_publication_gap",
    "plot_sentiment",
    "plot_timeline",
    "plot_voices",
    "plot_word_frequencies",
    "quotations",
    "quoted_share",
    "quoted_terms",
    "sentence_sentiment",
    "sentences",
    "sentiment_blind_spots",
    "stopwords",
    "timeline",
    "tokens",
    "unlisted_names",
    "voices",
    "word_frequencies",
]
