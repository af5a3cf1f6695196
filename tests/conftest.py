"""Shared fixtures: the real course corpus, loaded once per test session."""

import pytest

from helpers import load_corpus, sentences, tokens


@pytest.fixture(scope="session")
def docs():
    return load_corpus()


@pytest.fixture(scope="session")
def sents(docs):
    return sentences(docs)


@pytest.fixture(scope="session")
def toks(docs):
    return tokens(docs)


def text_of(docs, doc_id):
    return docs.set_index("doc_id").loc[doc_id, "text"]
