"""The benchmarks stay runnable, compare like with like, and their synthetic data never passes for news.

No timing is asserted here: the benchmarks print figures (README, Performance).
"""

import json
import subprocess
import sys
from pathlib import Path

from helpers import load_corpus, sentences, word_frequencies
from tests.support import synthetic_corpus

ROOT = Path(__file__).resolve().parent.parent


def test_synthetic_articles_are_labelled_reproducible_and_made_of_course_sentences():
    docs = synthetic_corpus(40)
    assert len(docs) == 40 and docs["doc_id"].is_unique
    assert docs["title"].str.contains("SYNTHETIC").all() and docs["outlet"].str.startswith("SYNTHETIC").all()
    assert docs["text"].tolist() == synthetic_corpus(40)["text"].tolist()
    assert docs["text"].tolist() != synthetic_corpus(40, seed=1)["text"].tolist()
    course = set(sentences(load_corpus())["sentence"])
    first = sentences(docs.iloc[:3])["sentence"]
    assert first.isin(course).mean() > 0.9  # resampled course sentences (a few are re-split when joined)
    assert 500 < docs["n_words"].mean() < 750


def test_the_scale_benchmark_runs_and_counts_the_same_words_as_countvectorizer():
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.scale", "300"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    row = json.loads(done.stdout.splitlines()[0])
    assert row["articles"] == 300 and row["words"] > 150_000
    for step in ["tokens", "sentences", "word_frequencies", "keyness", "kwic", "actor_mentions", "dates_mentioned"]:
        assert row[step] >= 0 and row[step + "_gb"] > 0
    assert row["peak_memory_gb"] >= max(v for k, v in row.items() if k.endswith("_gb"))
    # the same token pattern gives CountVectorizer exactly the distinct lower-case words the helpers count
    every_word = word_frequencies(synthetic_corpus(300), remove_stopwords=False, keep_numbers=True)
    assert row["countvectorizer_terms"] == len(every_word)
    assert "CountVectorizer" in done.stdout and "peak memory GB" in done.stdout


def test_the_before_and_after_benchmark_runs_every_step_of_a_version_in_a_process_of_its_own(tmp_path):
    import pickle

    corpus = tmp_path / "corpus.pickle"
    docs = synthetic_corpus(25)
    corpus.write_bytes(pickle.dumps(docs))
    script = ROOT / "benchmarks" / "before_after.py"
    done = subprocess.run(
        [sys.executable, str(script), "--analyses", str(ROOT), str(corpus)], capture_output=True, text=True, check=True
    )
    steps = json.loads(done.stdout.strip().splitlines()[-1])
    from benchmarks.before_after import STEPS

    assert list(steps) == STEPS
    assert steps["tokens"]["rows"] == int(docs["n_words"].sum())
    assert (
        steps["word_frequencies"]["rows"] == steps["word_frequencies_from_text"]["rows"] == len(word_frequencies(docs))
    )
    assert all(step["gb"] >= step["added_gb"] >= 0 and step["cpu"] >= 0 for step in steps.values())
    done = subprocess.run(
        [sys.executable, str(script), "--explorer", str(ROOT), str(corpus), "explore_kwic"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert list(json.loads(done.stdout.strip().splitlines()[-1])) == ["explore_kwic"]
