"""Helpers for the media-framing course: load a corpus of news articles and analyse how it frames its subject.

Each concept of the course is one module, read top to bottom: its rules, its formulas, the tables it returns.

- ``corpus``: load a corpus folder into a DataFrame (:func:`load_corpus`), combine corpora.
- ``text``: split articles into sentences and tokens (:func:`sentences`, :func:`tokens`).
- ``words``: word frequency, distinctive words (keyness), keyword in context, collocates.
- ``actors``: who is mentioned, under which names, with whom, and who the actor list misses.
- ``names``: titles, the words that are not names, and the one matcher of an actor list.
- ``framing``: loaded language and sentence sentiment (and what sentiment misses).
- ``quotes``: who is quoted, and how much.
- ``dates``: dates mentioned in the texts, and timelines.

Around them:

- ``inputs``: the one input contract (what every analysis accepts) and the one CSV reader.
- ``importers``: bring in a corpus of your own (a folder, a CSV or JSON Lines file, a news-archive
  export) and check it with a validation report; ``export``: save tables and charts.
- ``cleaning``: make clean article texts from raw page captures.
- ``charts``: the chart of each analysis (``plot_...``), in the one chart style of ``plots``.
- ``explorers``: the explorer of each analysis (``explore_...``), in the one layout of ``explorers.base``.
- ``_engine``: the machinery that makes the analyses fast on a large corpus.
- ``self_checks``: the exercises' self-checks; ``saving``: download your work in one click.
- ``progress``: progress bars for long work on a large corpus (:func:`show_progress` turns them off).
- ``display``: the one table style. In a notebook, importing ``helpers`` shows every table in it: cells whole,
  text left-aligned, long tables folded (:func:`helpers.display.use_course_display`).

The lists a teacher may edit are CSV files in ``helpers/data/``; its README says which is for what.

Example:
    >>> from helpers import load_corpus, sentences, tokens
    >>> docs = load_corpus()
    >>> len(docs), int(docs["n_words"].sum()) == len(tokens(docs))
    (5, True)
"""

from helpers.actors import (
    actor_mentions,
    co_mentions,
    first_mentions,
    load_actors,
    mention_counts,
    naming_choices,
    unlisted_names,
)
from helpers.charts.actors import plot_actor_mentions, plot_co_mentions, plot_naming_choices
from helpers.charts.dates import plot_publication_gap, plot_timeline
from helpers.charts.framing import plot_loaded_language, plot_sentiment
from helpers.charts.quotes import plot_voices
from helpers.charts.words import plot_collocates, plot_keyness, plot_kwic, plot_word_frequencies
from helpers.corpus import CORPUS_DIR, combine_corpora, load_corpus
from helpers.dates import dates_mentioned, timeline
from helpers.display import use_course_display
from helpers.explorers.actors import explore_actors, explore_co_mentions, explore_naming
from helpers.explorers.corpus import explore_corpus
from helpers.explorers.dates import explore_timeline
from helpers.explorers.framing import explore_loaded_language, explore_sentiment
from helpers.explorers.quotes import explore_quotes
from helpers.explorers.words import explore_collocates, explore_keyness, explore_kwic, explore_words
from helpers.export import export_chart, export_table
from helpers.framing import (
    load_lexicon,
    loaded_language,
    loaded_language_summary,
    sentence_sentiment,
    sentiment_blind_spots,
)
from helpers.importers import (
    PRACTICE_CORPUS,
    ValidationReport,
    import_folder,
    import_news_export,
    import_table,
    validate_corpus,
)
from helpers.inputs import CorpusError
from helpers.plots import Chart
from helpers.progress import show_progress
from helpers.quotes import quotations, quoted_share, quoted_terms, voices
from helpers.saving import download_my_work
from helpers.self_checks import check
from helpers.text import sentences, stopwords, tokens
from helpers.words import collocates, keyness, kwic, word_frequencies

use_course_display()  # in a notebook: tables shown whole, in the course's style; outside one, nothing changes

__all__ = [
    "CORPUS_DIR",
    "Chart",
    "PRACTICE_CORPUS",
    "ValidationReport",
    "combine_corpora",
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
