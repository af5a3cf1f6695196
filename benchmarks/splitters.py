"""Compare the course's sentence splitter with pySBD on the same texts, side by side (issue #13).

    .venv/bin/python -m benchmarks.splitters           # the figures, as a table
    .venv/bin/python -m benchmarks.splitters --json    # the same figures as one JSON object

pySBD (https://github.com/nipunsadvilkar/pySBD, MIT) is not part of what learners install: it is pinned among the
developers' tools (requirements-dev.txt), which ``python3 course.py test`` installs. In an environment without it,
its column says so and the course's figures are printed alone.

What is measured, for each splitter
    Golden Rules: pySBD's 48 English rules (``tests/data/golden-rules/``); a rule passes when the splitter gives
    exactly the expected sentences (same strings, same order; pySBD's sentences are stripped of the white space it
    keeps at their ends).

    Paragraphs right: each labelled paragraph of ``tests/data/real-news/sentences.csv`` is split on its own, and is
    right when the splitter's sentence ends are exactly the labelled ones. The "issue's news cases" are the 8
    constructed paragraphs of the issue's examples ("He moved to the U.S. The next year...", "Maj. Gen.", "10 a.m.
    Tuesday", "DEC. 12", "Élise Stefanik"...). The paragraphs were first split by pySBD 0.3.4 and then corrected
    by hand, so pySBD's figure on the article paragraphs is flattered, if anything.

    Articles per second: every article of ``tests/data/real-news/articles.csv`` (the Wikinews reports of the
    samples) split one by one, in one process, as many rounds as fit in about two seconds; the
    figure is articles split divided by the time taken. The course's analyses split each article once.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable

import pandas as pd

from benchmarks.real_news import GOLDEN, read_csv
from helpers.text import split_sentences

SELECTIONS = {"hard case": "hard cases", "unselected": "unselected", "constructed": "issue's news cases"}
SplitEnds = Callable[[str], list[tuple[int, int]]]


def course_spans(text: str) -> list[tuple[int, int]]:
    return [(start, end) for start, end, _ in split_sentences(text)]


def pysbd_splitter() -> tuple[SplitEnds | None, str]:
    """pySBD's English segmenter as a function giving (start, end) spans, and its version; None when not installed."""
    try:
        import pysbd
    except ImportError:
        return None, "not installed (.venv/bin/python -m pip install pysbd to compare)"
    from importlib.metadata import version

    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)

    def spans(text: str) -> list[tuple[int, int]]:
        found = []
        for span in segmenter.segment(text):
            stripped = span.sent.strip()
            if stripped:
                start = span.start + (len(span.sent) - len(span.sent.lstrip()))
                found.append((start, start + len(stripped)))
        return found

    return spans, version("pysbd")


def golden_rules(spans: SplitEnds) -> dict:
    rules = json.loads(GOLDEN.read_text(encoding="utf-8"))["rules"]
    failed = [
        rule["number"] for rule in rules if [rule["text"][s:e] for s, e in spans(rule["text"])] != rule["expected"]
    ]
    return {"rules": len(rules), "passed": len(rules) - len(failed), "failed": failed}


def paragraphs_right(spans: SplitEnds, texts: dict[str, str]) -> dict:
    labels = read_csv("sentences.csv")
    result = {}
    for selection, group in labels.groupby("selection", sort=False):
        right = total = 0
        for _, rows in group.groupby("paragraph", sort=False):
            first = rows.iloc[0]
            text = first["text"] if selection == "constructed" else texts[first["doc_id"]]
            p_start, p_end = int(first["paragraph_start"]), int(first["paragraph_end"])
            found = [p_start + end for _, end in spans(text[p_start:p_end])]
            total += 1
            right += found == [int(e) for e in rows["end"]]
        result[SELECTIONS[selection]] = {"paragraphs": total, "right": right}
    result["all"] = {
        "paragraphs": sum(r["paragraphs"] for r in result.values()),
        "right": sum(r["right"] for r in result.values()),
    }
    return result


def articles_per_second(spans: SplitEnds, texts: list[str], seconds: float = 2.0) -> dict:
    spans(texts[0])  # warm up (compiled patterns, lazy imports)
    done, began = 0, time.perf_counter()
    while True:
        for text in texts:
            spans(text)
        done += len(texts)
        elapsed = time.perf_counter() - began
        if elapsed >= seconds:
            return {"articles": done, "seconds": round(elapsed, 2), "articles per second": round(done / elapsed, 1)}


def compare() -> dict:
    articles = read_csv("articles.csv")
    texts = dict(zip(articles["doc_id"], articles["text"]))
    pysbd_spans, pysbd_version = pysbd_splitter()
    figures = {}
    for name, spans, version in [("course", course_spans, "helpers.text.split_sentences"), ("pysbd", pysbd_spans, "")]:
        if spans is None:
            figures[name] = {"skipped": f"pySBD {pysbd_version}"}
            continue
        figures[name] = {
            "version": version or f"pySBD {pysbd_version}",
            "golden rules": golden_rules(spans),
            "paragraphs right": paragraphs_right(spans, texts),
            "speed": articles_per_second(spans, list(texts.values())),
        }
    figures["articles"] = len(texts)
    figures["mean characters"] = round(float(pd.Series(list(texts.values())).str.len().mean()))
    return figures


def report(figures: dict) -> str:
    columns = [name for name in ("course", "pysbd") if "skipped" not in figures[name]]
    width = 28
    out = [f"{'':<34}" + "".join(f"{figures[c]['version']:>{width}}" for c in columns)]

    def line(label: str, value) -> None:
        out.append(f"{label:<34}" + "".join(f"{value(figures[c]):>{width}}" for c in columns))

    line("Golden Rules passed (of 48)", lambda f: f"{f['golden rules']['passed']}/{f['golden rules']['rules']}")
    for key in [*SELECTIONS.values(), "all"]:
        line(
            f"paragraphs right: {key}",
            lambda f, key=key: f"{f['paragraphs right'][key]['right']}/{f['paragraphs right'][key]['paragraphs']}",
        )
    line(f"articles per second ({figures['articles']} articles)", lambda f: f"{f['speed']['articles per second']:,}")
    for c in columns:
        out.append(f"  {c}: Golden Rules failed: {figures[c]['golden rules']['failed']}")
    if "skipped" in figures["pysbd"]:
        out.append(f"pySBD: {figures['pysbd']['skipped']}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)
    figures = compare()
    print(json.dumps(figures, ensure_ascii=False, indent=1) if args.json else report(figures))


if __name__ == "__main__":
    sys.exit(main())
