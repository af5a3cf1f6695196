"""How the analyses scale: time per analysis at 1,000, 10,000 and 100,000 articles, peak memory,
and word frequencies against scikit-learn's CountVectorizer with the same token pattern.

    .venv/bin/python -m benchmarks.scale                 # 1,000, 10,000 and 100,000 articles
    .venv/bin/python -m benchmarks.scale 1000 10000      # chosen sizes

Run from the course folder. Corpora are synthetic (tests/support/synthetic.py: sentences of the course corpus
resampled, about 620 words an article). Each size runs in its own process, so
that "peak memory" is the peak resident memory of that process: the corpus,
its tokens and sentences and every analysis in turn. CountVectorizer runs in
a separate process with the same texts. Targets: word frequencies not slower
than CountVectorizer; under 4 GB at 100,000 articles; cost growing linearly.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

STEPS = ["tokens", "sentences", "word_frequencies", "keyness", "kwic", "actor_mentions", "dates_mentioned"]


def _memory_gb(field: str) -> float | None:
    """VmRSS (resident now) or VmHWM (peak since the last reset) of this process, in GB (Linux only)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024**2
    except OSError:
        pass
    return None


def _reset_peak() -> None:
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")  # Linux: start measuring the peak resident memory again
    except OSError:
        pass


def timed(results: dict, name: str, function, *args, **kwargs):
    """Run one step; record its seconds, and the peak memory of the process while it ran (``name_gb``)."""
    _reset_peak()
    started = time.perf_counter()
    value = function(*args, **kwargs)
    results[name] = round(time.perf_counter() - started, 2)
    peak = _memory_gb("VmHWM")
    if peak is not None:
        results[name + "_gb"] = round(peak, 2)
    return value


def run_helpers(n: int) -> dict:
    from helpers import actor_mentions, dates_mentioned, keyness, kwic, sentences, tokens, word_frequencies
    from tests.support import synthetic_corpus

    # The synthetic articles are made of the course's sentences: the course's actor list is the right one.
    warnings.filterwarnings("ignore", message=".*no list of your own was given")

    docs = synthetic_corpus(n)
    results: dict = {
        "articles": n,
        "words": int(docs["n_words"].sum()),
        "corpus_gb": round(_memory_gb("VmRSS") or 0, 2),
        "making_corpus_gb": round(_memory_gb("VmHWM") or 0, 2),
    }
    # word frequencies from the raw texts, tokenising included, as CountVectorizer does
    timed(results, "word_frequencies_from_text", word_frequencies, docs)
    toks = timed(results, "tokens", tokens, docs)
    sents = timed(results, "sentences", sentences, docs)
    timed(results, "word_frequencies", word_frequencies, docs, toks=toks)
    timed(results, "keyness", keyness, docs, "SYNTHETIC outlet 1", by="outlet", toks=toks)
    timed(results, "kwic", kwic, docs, "Islamic Republic", sents=sents, toks=toks)
    timed(results, "actor_mentions", actor_mentions, docs, sents=sents)
    timed(results, "dates_mentioned", dates_mentioned, docs, sents=sents)
    # The peak of the whole run: resetting the peak between steps (Linux) also resets ru_maxrss, so it is
    # the largest of the steps' peaks and of the peak before the first step (making the corpus).
    peaks = [value for key, value in results.items() if key.endswith("_gb")]
    results["peak_memory_gb"] = round(max(peaks + [resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2]), 2)
    return results


def run_countvectorizer(n: int) -> dict:
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer

    from helpers.text import TOKEN_PATTERN
    from tests.support import synthetic_corpus

    texts = synthetic_corpus(n)["text"].str.replace("’", "'", regex=False).tolist()
    started = time.perf_counter()
    vectorizer = CountVectorizer(token_pattern=TOKEN_PATTERN, lowercase=True)
    counts = np.asarray(vectorizer.fit_transform(texts).sum(axis=0)).ravel()
    seconds = round(time.perf_counter() - started, 2)
    return {"countvectorizer": seconds, "countvectorizer_terms": int((counts > 0).sum())}


def in_process(kind: str, n: int) -> dict:
    output = subprocess.run(
        [sys.executable, "-m", "benchmarks.scale", f"--{kind}", str(n)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main(sizes: list[int]) -> None:
    rows = []
    for n in sizes:
        row = in_process("helpers", n) | in_process("countvectorizer", n)
        rows.append(row)
        print(json.dumps(row), flush=True)
    print()
    print(f"{'articles':>9} {'words':>11} " + " ".join(f"{s:>16}" for s in ["wf from text", "CountVectorizer"]))
    for row in rows:
        ours, theirs = row["word_frequencies_from_text"], row["countvectorizer"]
        print(f"{row['articles']:>9,} {row['words']:>11,} {ours:>16} {theirs:>16}")
    print()
    print(f"{'seconds':>16} " + " ".join(f"{r['articles']:>10,}" for r in rows) + "   growth per 10x")
    for step in STEPS:
        values = [r[step] for r in rows]
        growth = " ".join(f"{b / a:.1f}x" if a else "-" for a, b in zip(values, values[1:]))
        print(f"{step:>16} " + " ".join(f"{v:>10}" for v in values) + f"   {growth}")
    print(f"{'peak memory GB':>16} " + " ".join(f"{r['peak_memory_gb']:>10}" for r in rows))
    if all("tokens_gb" in r for r in rows):
        print()
        print("peak memory (GB) of the process during each step; the corpus alone takes", end=" ")
        print(", ".join(f"{r['corpus_gb']} GB at {r['articles']:,}" for r in rows))
        for step in STEPS:
            print(f"{step:>16} " + " ".join(f"{r[step + '_gb']:>10}" for r in rows))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] in ("--helpers", "--countvectorizer"):
        function = run_helpers if sys.argv[1] == "--helpers" else run_countvectorizer
        print(json.dumps(function(int(sys.argv[2]))))
    else:
        main([int(a) for a in sys.argv[1:]] or [1_000, 10_000, 100_000])
