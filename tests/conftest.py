"""Shared fixtures: the real course corpus and the tables made from it, each made once per test session.

Helpers that write small corpora for one test are in ``tests/support`` (shared with the benchmarks).
"""

import warnings

import pytest

from helpers import actor_mentions, load_corpus, loaded_language, quotations, sentence_sentiment, sentences, tokens
from tests.support import synthetic_corpus


@pytest.fixture(scope="session")
def docs():
    return load_corpus()


@pytest.fixture(scope="session")
def sents(docs):
    return sentences(docs)


@pytest.fixture(scope="session")
def toks(docs, sents):
    return tokens(docs, sents=sents)


@pytest.fixture(scope="session")
def mentions(docs, sents):
    return actor_mentions(docs, sents=sents)


@pytest.fixture(scope="session")
def hits(docs, sents):
    return loaded_language(docs, sents=sents)


@pytest.fixture(scope="session")
def quotes(docs, sents):
    return quotations(docs, sents=sents)


@pytest.fixture(scope="session")
def sentiment(docs, sents):
    return sentence_sentiment(docs, sents=sents)


@pytest.fixture(scope="session")
def many_docs():
    """60 synthetic articles (benchmark data, not news): more than MANY_ARTICLES, from 20 outlets."""
    return synthetic_corpus(60)


@pytest.fixture
def quiet_course_lists():
    """Silence the warning that the course's own lists are used on a corpus that is not the course corpus."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*no list of your own was given", category=UserWarning)
        yield
