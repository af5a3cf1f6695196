"""Synthetic corpora for benchmarks only: never teaching material.

Each synthetic article is made of sentences drawn at random from the course
corpus, under a random made-up outlet and a random date. The text is
meaningless as news; it only has the statistical texture of the real
corpus (word lengths, sentence lengths, names), which is what timing and
memory measurements need. Every title and outlet says SYNTHETIC.

    from tests.support import synthetic_corpus
    docs = synthetic_corpus(10_000)           # a DataFrame shaped like load_corpus()
    synthetic_corpus(1_000, folder="/tmp/x")  # also written as a corpus folder
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from helpers import load_corpus, sentences
from helpers.text import count_words

SENTENCES_PER_ARTICLE = 22  # about 600 words, like the course articles


def synthetic_corpus(n_articles: int, seed: int = 0, folder: Path | str | None = None) -> pd.DataFrame:
    """A corpus of ``n_articles`` synthetic articles, shaped like ``load_corpus()``'s result."""
    rng = np.random.default_rng(seed)
    pool = sentences(load_corpus())["sentence"].to_numpy()
    picks = rng.integers(0, len(pool), size=(n_articles, SENTENCES_PER_ARTICLE))
    texts = [" ".join(pool[row]) + "\n" for row in picks]
    days = rng.integers(0, 365 * 10, size=n_articles)
    docs = pd.DataFrame(
        {
            "doc_id": [f"synthetic-{i:06d}" for i in range(n_articles)],
            "title": [f"SYNTHETIC article {i} (benchmark data, not news)" for i in range(n_articles)],
            "outlet": [f"SYNTHETIC outlet {k}" for k in rng.integers(0, 20, size=n_articles)],
            "published": pd.Timestamp("2010-01-01") + pd.to_timedelta(days, unit="D"),
            "date_precision": "day",
            "text": texts,
        }
    )
    docs["n_words"] = count_words(docs["text"])
    docs = docs.sort_values(["published", "doc_id"], kind="stable").reset_index(drop=True)
    if folder is not None:
        folder = Path(folder)
        (folder / "texts").mkdir(parents=True, exist_ok=True)
        meta = docs.drop(columns=["text", "n_words"]).assign(published=docs["published"].dt.strftime("%Y-%m-%d"))
        meta.to_csv(folder / "metadata.csv", index=False)
        for doc_id, text in zip(docs["doc_id"], docs["text"]):
            (folder / "texts" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return docs
