"""The benchmarks stay runnable, compare like with like, and their synthetic data never passes for news.

No timing is asserted here: the benchmarks print figures (README, Performance).
"""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

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


def test_the_scale_benchmark_times_word_counting_side_by_side_and_every_analysis():
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.scale", "300", "--rounds", "2"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    row = json.loads(done.stdout.splitlines()[0])
    assert row["articles"] == 300 and row["words"] > 150_000
    counting = row["word_counting"]
    assert len(counting["ours_runs"]) == len(counting["countvectorizer_runs"]) == 2
    medians = statistics.median(counting["ours_runs"]), statistics.median(counting["countvectorizer_runs"])
    assert counting["ours_median"] == pytest.approx(medians[0], abs=0.01)
    assert counting["ratio"] == pytest.approx(medians[0] / medians[1], abs=0.05)
    # CountVectorizer with its defaults keeps words of two or more word characters, in lower case
    texts = synthetic_corpus(300)["text"]
    expected = set(texts.str.lower().str.findall(r"(?u)\b\w\w+\b").explode())
    assert counting["countvectorizer_terms"] == len(expected)
    from benchmarks.analyses import STEPS

    assert list(row["seconds"]) == list(STEPS) and all(v >= 0 for v in row["seconds"].values())
    assert row["peak_memory_gb"] > row["corpus_gb"] > 0
    # no workers at 300 articles: the session's share alone, which is at most what it had resident at its peak
    assert 0 < row["together_peak_memory_gb"] <= row["peak_memory_gb"] + 0.01
    assert "CountVectorizer()" in done.stdout and "peak memory GB" in done.stdout and "load" in done.stdout


def test_the_before_and_after_benchmark_runs_every_step_of_a_version_in_a_process_of_its_own(tmp_path):
    import pickle

    corpus = tmp_path / "corpus.pickle"
    docs = synthetic_corpus(25)
    corpus.write_bytes(pickle.dumps(docs))
    script = [sys.executable, "-m", "benchmarks.before_after"]
    done = subprocess.run(
        [*script, "--analyses", str(ROOT), str(corpus)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    steps = json.loads(done.stdout.strip().splitlines()[-1])
    from benchmarks import before_after, scale
    from benchmarks.analyses import STEPS

    assert before_after.STEPS is scale.STEPS is STEPS  # one definition of the steps for both benchmarks
    assert list(steps) == list(STEPS)
    assert steps["tokens"]["rows"] == int(docs["n_words"].sum())
    assert (
        steps["word_frequencies"]["rows"] == steps["word_frequencies_from_text"]["rows"] == len(word_frequencies(docs))
    )
    assert all(step["gb"] >= step["added_gb"] >= 0 and step["cpu"] >= 0 for step in steps.values())
    done = subprocess.run(
        [*script, "--explorer", str(ROOT), str(corpus), "explore_kwic"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert list(json.loads(done.stdout.strip().splitlines()[-1])) == ["explore_kwic"]


def test_the_memory_of_a_session_and_its_workers_counts_each_child_process():
    from benchmarks import scale

    child = subprocess.Popen([sys.executable, "-c", 'import time; data = b"x" * (50 * 2**20); time.sleep(30)'])
    try:
        deadline = time.monotonic() + 20
        while scale._pss_gb(child.pid) < 0.04 and time.monotonic() < deadline:  # until its 50 MB are made
            time.sleep(0.05)
        assert str(child.pid) in scale._children(os.getpid())
        alone = scale._pss_gb("self")
        peak = scale.TogetherPeak(interval=0.05)
        assert peak.stop() >= round(alone + 0.04, 2)  # the child's 50 MB are counted with this process
    finally:
        child.kill()
        child.wait()
