"""Measure the course's sentences, dates and quotations on real news, and print the figures (issue #13).

    .venv/bin/python -m benchmarks.real_news             # the figures, as a report
    .venv/bin/python -m benchmarks.real_news --json      # the same figures as one JSON object

pySBD's figures on the same texts, side by side with the course's splitter, are printed by
``benchmarks/splitters.py``.

The samples are in ``tests/data/`` (their README says where they come from and
how they were labelled). Only the public API is called: ``split_sentences``,
``import_table``, ``sentences``, ``dates_mentioned``, ``quotations``, ``tokens``.

How code output is matched to the labels
    Golden Rules: a rule passes when ``split_sentences`` gives exactly the
    expected list of sentences (same strings, same order).

    Sentence boundaries: a boundary is the end offset of a sentence. The code
    splits each whole article (or each constructed text); its boundaries inside
    a labelled paragraph are compared with the labelled ones by exact offset.
    Precision is the share of the code's boundaries that are labelled ones,
    recall the share of labelled boundaries the code finds. "All" counts the
    end of every sentence, "inside paragraphs" leaves out each paragraph's last
    one, which a paragraph break gives for free.

    Dates: a labelled mention is found when a row of ``dates_mentioned``
    overlaps its characters. Of the found mentions whose year the code chose
    (``completion`` "year from publication date", whatever its ``year_rule``),
    the year is wrong when it differs from the labelled date's year (for a
    range, its first day). The figures are also given by ``year_rule``, with
    how many were marked ``year_uncertain``.

    Quotations: a labelled quotation is found when a row of ``quotations``
    (whose offsets include the marks) covers at least half of the labelled
    span between the marks. A found quotation is attributed when the code
    gives a speaker whose ``speaker_kind`` is not "none" or "pronoun
    (unresolved)". The speaker is right when, after lower-casing, dropping
    titles (Mr, Dr, President...), a leading "the", "a" or "an" and punctuation
    (but keeping the title when it is all there is: "The president", "A
    judge"), either the
    label's short form appears as whole words in the code's speaker
    ("Rajavi" in "Maryam Rajavi"), or the code's speaker appears as whole
    words in the label's full form and contains the short form's last word. A
    quotation labelled ``unattributed`` is never right when the code names
    someone.

    Other languages: French and Persian units are split with
    ``split_sentences`` and compared by sentence starts; a « » quotation is
    found when a row of ``quotations`` covers half of it, and its pair of
    marks is found when a row of ``quotations`` or ``quoted_terms`` does (a
    short passage without an English reporting verb is a quoted term); a word joined by a
    zero-width non-joiner (U+200C) is kept whole when ``tokens`` has a token
    with exactly its characters and offsets.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import warnings
from collections import Counter
from pathlib import Path

import pandas as pd

from helpers import dates_mentioned, import_table, load_actors, quotations, quoted_terms, tokens
from helpers.text import split_sentences

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
NEWS = DATA / "real-news"
GOLDEN = DATA / "golden-rules" / "english.json"

UNATTRIBUTED_KINDS = {"none", "pronoun (unresolved)", ""}
ARTICLES = {"the", "a", "an"}
TITLE_WORDS = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "president", "prime", "minister", "senator", "sen",
    "rep", "governor", "gov", "mayor", "general", "gen", "sir", "lord", "lady", "judge", "sheikh", "imam",
}  # fmt: skip


def read_csv(name: str) -> pd.DataFrame:
    return pd.read_csv(NEWS / name, encoding="utf-8", keep_default_na=False)


def load_articles() -> pd.DataFrame:
    """The labelled articles, loaded the way a course user would load them."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # one campaign round-up is long enough to be flagged "too_long"; it is real
        return import_table(
            NEWS / "articles.csv", text="text", doc_id="doc_id", title="title", outlet="outlet", published="published"
        )


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


# ---------------------------------------------------------------- Golden Rules


def golden_rules() -> dict:
    rules = json.loads(GOLDEN.read_text(encoding="utf-8"))["rules"]
    failed = []
    for rule in rules:
        text = rule["text"]
        got = [text[s:e] for s, e, _ in split_sentences(text)]
        if got != rule["expected"]:
            failed.append({"number": rule["number"], "name": rule["name"], "got": got})
    return {"rules": len(rules), "passed": len(rules) - len(failed), "failed": failed}


# ---------------------------------------------------------------- sentence boundaries


def _boundary_counts(labelled: set[int], found: set[int]) -> dict:
    right = len(labelled & found)
    return {
        "labelled": len(labelled),
        "found": len(found),
        "right": right,
        "precision": _ratio(right, len(found)),
        "recall": _ratio(right, len(labelled)),
    }


def sentence_boundaries(docs: pd.DataFrame) -> dict:
    labels = read_csv("sentences.csv")
    texts = dict(zip(docs["doc_id"], docs["text"]))
    split_cache: dict[str, list[int]] = {}
    results: dict[str, dict] = {}
    missed, extra = Counter(), Counter()
    for selection in ["hard case", "unselected", "constructed", "all"]:
        rows = labels if selection == "all" else labels[labels["selection"] == selection]
        every_label, every_found, inner_label, inner_found = set(), set(), set(), set()
        for paragraph, group in rows.groupby("paragraph"):
            doc_id = group["doc_id"].iloc[0]
            if doc_id.startswith("constructed"):
                text = group["text"].iloc[0]
                ends = [e for _, e, _ in split_sentences(text)]
            else:
                if doc_id not in split_cache:
                    split_cache[doc_id] = [e for _, e, _ in split_sentences(texts[doc_id])]
                ends = split_cache[doc_id]
            p_start, p_end = int(group["paragraph_start"].iloc[0]), int(group["paragraph_end"].iloc[0])
            labelled = {(paragraph, int(e)) for e in group["end"]}
            found = {(paragraph, e) for e in ends if p_start < e <= p_end}
            every_label |= labelled
            every_found |= found
            inner_label |= {b for b in labelled if b[1] != p_end}
            inner_found |= {b for b in found if b[1] != p_end}
            if selection == "all":
                for case in filter(None, group["cases"].iloc[0].split("; ")):
                    if labelled - found:
                        missed[case] += 1
                    if found - labelled:
                        extra[case] += 1
        results[selection] = {
            "paragraphs": int(rows["paragraph"].nunique()),
            "all": _boundary_counts(every_label, every_found),
            "inside paragraphs": _boundary_counts(inner_label, inner_found),
        }
    results["cases with a missed boundary (paragraphs)"] = dict(missed.most_common())
    results["cases with a false boundary (paragraphs)"] = dict(extra.most_common())
    return results


# ---------------------------------------------------------------- dates


def date_years(docs: pd.DataFrame) -> dict:
    labels = read_csv("dates.csv")
    found_rows = dates_mentioned(docs)
    by_doc = {d: g for d, g in found_rows.groupby("doc_id")}
    found = completed = wrong_year = wrong_date = other = 0
    wrong_examples, missing, completions = [], [], Counter()
    by_rule: dict[str, Counter] = {}
    for label in labels.itertuples():
        rows = by_doc.get(label.doc_id, found_rows.iloc[:0])
        hit = rows[(rows["start"] < label.end) & (rows["end"] > label.start)]
        if hit.empty:
            missing.append(f"{label.doc_id} {label.mention!r} at {label.start}")
            continue
        found += 1
        row = hit.iloc[0]
        completions[row["completion"] or "full date in the text"] += 1
        if row["completion"] != "year from publication date":
            other += 1
            continue
        completed += 1
        year = int(label.date[:4])
        tally = by_rule.setdefault(row["year_rule"], Counter())
        tally["dates"] += 1
        tally["marked uncertain"] += bool(row["year_uncertain"])
        if pd.isna(row["date"]) or row["date"].year != year:
            wrong_year += 1
            tally["wrong year"] += 1
            tally["wrong and marked uncertain"] += bool(row["year_uncertain"])
            wrong_examples.append(
                f"{label.doc_id} {label.mention!r}: labelled {label.date}, code "
                f"{'' if pd.isna(row['date']) else row['date'].date()} ({label.year_clue})"
            )
        elif row["date"].strftime("%Y-%m-%d") != label.date:
            wrong_date += 1
    return {
        "labelled": len(labels),
        "labelled with a year other than the publication year": int(
            (labels["date"].str[:4] != labels["published"].str[:4]).sum()
        ),
        "found": found,
        "year completed from the publication date": completed,
        "wrong year": wrong_year,
        "wrong year share": _ratio(wrong_year, completed),
        "right year but wrong day or month": wrong_date,
        "found but completed otherwise": other,
        "completion of found mentions": dict(completions),
        "by year rule": {rule: dict(t) for rule, t in sorted(by_rule.items())},
        "wrong year examples": wrong_examples,
        "not found": missing,
    }


# ---------------------------------------------------------------- quotations


def _norm(name: str) -> list[str]:
    words = re.findall(r"[\w’'\-]+", name.lower().replace("’", "'"))
    while words and (words[0] in ARTICLES or words[0] in TITLE_WORDS):
        words = words[1:]
    kept = [w for w in words if w not in TITLE_WORDS]
    if not kept:  # "The president", "A judge": a title alone is the name the article gives
        kept = [w for w in re.findall(r"[\w’'\-]+", name.lower().replace("’", "'")) if w not in ARTICLES]
    return kept


def _contains(words: list[str], part: list[str]) -> bool:
    n = len(part)
    return n > 0 and any(words[i : i + n] == part for i in range(len(words) - n + 1))


def speaker_is_right(code_speaker: str, full: str, short: str) -> bool:
    """The rule of this module's docstring: does the code's speaker name the labelled one?"""
    if full == "unattributed":
        return False
    code, full_words, short_words = _norm(code_speaker), _norm(full), _norm(short)
    if not code:
        return False
    if _contains(code, short_words):
        return True
    return _contains(full_words, code) and bool(short_words) and short_words[-1] in code


def quotation_speakers(docs: pd.DataFrame) -> dict:
    """The figures of all labelled quotations, and the same for each ``sample`` of quotes.csv (the articles the
    rules were written on, those they were corrected on, and the later articles of the draw, held out)."""
    labels = read_csv("quotes.csv")
    found_rows = quotations(docs, actors=load_actors())  # the course list, as before: speakers are measured
    by_doc = {d: g for d, g in found_rows.groupby("doc_id")}
    figures = _speaker_figures(labels, by_doc)
    figures["by sample"] = {
        sample: _speaker_figures(group, by_doc) for sample, group in labels.groupby("sample", sort=False)
    }
    return figures


def _speaker_figures(labels: pd.DataFrame, by_doc: dict) -> dict:
    def match(label) -> pd.Series | None:
        rows = by_doc.get(label.doc_id)
        if rows is None:
            return None
        inner_start, inner_end = rows["start"] + 1, rows["end"] - 1
        overlap = (inner_end.clip(upper=label.end) - inner_start.clip(lower=label.start)).clip(lower=0)
        best = overlap.idxmax() if len(overlap) else None
        if best is None or overlap[best] * 2 < max(label.end - label.start, 1):
            return None
        return rows.loc[best]

    speech = labels[labels["kind"] == "quotation"]
    per_kind: dict[str, Counter] = {}
    found = attributed = right = 0
    wrong_examples = []
    for label in speech.itertuples():
        tally = per_kind.setdefault(label.attribution, Counter())
        tally["labelled"] += 1
        row = match(label)
        if row is None:
            continue
        found += 1
        tally["found"] += 1
        if row["speaker_kind"] in UNATTRIBUTED_KINDS or not row["speaker"]:
            continue
        attributed += 1
        tally["attributed"] += 1
        if speaker_is_right(row["speaker"], label.speaker, label.speaker_short):
            right += 1
            tally["right"] += 1
        else:
            wrong_examples.append(f"{label.first_words!r}: labelled {label.speaker_short!r}, code {row['speaker']!r}")
    not_speech = labels[labels["kind"] == "not speech"]
    reported = sum(match(label) is not None for label in not_speech.itertuples())
    return {
        "labelled quotations": len(speech),
        "articles": int(speech["doc_id"].nunique()),
        "found": found,
        "found share": _ratio(found, len(speech)),
        "attributed": attributed,
        "attributed share of found": _ratio(attributed, found),
        "attributed share of labelled": _ratio(attributed, len(speech)),
        "right speaker": right,
        "right share of attributed": _ratio(right, attributed),
        "by attribution": {k: dict(v) for k, v in sorted(per_kind.items())},
        "marks that are not speech": len(not_speech),
        "of those reported as quotations": reported,
        "wrong speaker examples": wrong_examples,
    }


# ---------------------------------------------------------------- other languages


def language_checks() -> dict:
    units = read_csv("languages.csv")
    docs = pd.DataFrame({"doc_id": [f"unit-{u}" for u in units["unit"]], "text": units["text"]})
    quotes = quotations(docs, actors=load_actors())
    terms = quoted_terms(docs)  # a short passage with no English attribution is a quoted term
    marked = pd.concat([quotes[["doc_id", "start", "end"]], terms[["doc_id", "start", "end"]]])
    toks = tokens(docs)
    result = {}
    for language, group in units.groupby("language", sort=False):
        counts_right = starts_right = quotes_labelled = quotes_found = pairs_found = words = words_whole = 0
        for unit in group.itertuples():
            doc_id = f"unit-{unit.unit}"
            spans = split_sentences(unit.text)
            counts_right += len(spans) == unit.n_sentences
            starts_right += [s for s, _, _ in spans] == [int(x) for x in unit.sentence_starts.split()]
            rows = quotes[quotes["doc_id"] == doc_id]
            either = marked[marked["doc_id"] == doc_id]
            for pair in unit.quotations.split():
                a, b = map(int, pair.split("-"))
                quotes_labelled += 1
                for table, counts in ((rows, "quotes"), (either, "pairs")):
                    inner = ((table["end"] - 1).clip(upper=b) - (table["start"] + 1).clip(lower=a)).clip(lower=0)
                    hit = bool(len(inner)) and inner.max() * 2 >= (b - a)
                    if counts == "quotes":
                        quotes_found += hit
                    else:
                        pairs_found += hit
            unit_toks = toks[toks["doc_id"] == doc_id]
            kept = set(zip(unit_toks["token"].astype(str), unit_toks["start"]))
            position = 0
            for word in unit.zwnj_words.split():
                at = unit.text.index(word, position)
                position = at + len(word)
                words += 1
                words_whole += (word, at) in kept
        result[language] = {
            "units": len(group),
            "sentence count right": counts_right,
            "sentence starts right": starts_right,
            "« » quotations labelled": quotes_labelled,
            "« » quotations found": quotes_found,
            "« » pairs found as quotations or quoted terms": pairs_found,
            "words with U+200C": words,
            "kept as one token": words_whole,
        }
    return result


# ---------------------------------------------------------------- report


def measure() -> dict:
    docs = load_articles()
    figures = {
        "golden rules": golden_rules(),
        "sentence boundaries": sentence_boundaries(docs),
        "dates": date_years(docs),
        "quotations": quotation_speakers(docs),
        "other languages": language_checks(),
    }
    return figures


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def _speaker_lines(q: dict, indent: str, targets: bool = True) -> list[str]:
    out = [f"{indent}found: {q['found']} ({_pct(q['found share'])})"]
    out.append(
        f"{indent}attributed: {q['attributed']} ({_pct(q['attributed share of labelled'])} of labelled, "
        f"{_pct(q['attributed share of found'])} of found{'; target: at least 80%' if targets else ''})"
    )
    out.append(
        f"{indent}right speaker: {q['right speaker']} ({_pct(q['right share of attributed'])} of attributed"
        f"{'; target: at least 90%' if targets else ''})"
    )
    if targets:
        for kind, t in q["by attribution"].items():
            out.append(
                f"{indent}  {kind:<13} labelled {t.get('labelled', 0):>3}  found {t.get('found', 0):>3}  "
                f"attributed {t.get('attributed', 0):>3}  right {t.get('right', 0):>3}"
            )
    out.append(
        f"{indent}pairs of marks that are not speech: {q['marks that are not speech']}, "
        f"reported as quotations: {q['of those reported as quotations']}"
    )
    return out


def report(f: dict) -> str:
    g, s, d, q = f["golden rules"], f["sentence boundaries"], f["dates"], f["quotations"]
    out = [f"Golden Rules (pySBD, English): {g['passed']}/{g['rules']} pass (target: at least 40)"]
    out += [f"  fails #{r['number']} {r['name']}" for r in g["failed"]]
    out.append("")
    out.append("Sentence boundaries in news paragraphs (precision / recall, boundaries labelled)")
    for selection in ["hard case", "unselected", "constructed", "all"]:
        r = s[selection]
        a, i = r["all"], r["inside paragraphs"]
        out.append(
            f"  {selection:<12} {r['paragraphs']:>3} paragraphs  all: {_pct(a['precision'])} / {_pct(a['recall'])}"
            f" ({a['labelled']})   inside paragraphs: {_pct(i['precision'])} / {_pct(i['recall'])} ({i['labelled']})"
        )
    out.append(f"  paragraphs with a missed boundary, by case: {s['cases with a missed boundary (paragraphs)']}")
    out.append(f"  paragraphs with a false boundary, by case: {s['cases with a false boundary (paragraphs)']}")
    out.append("")
    out.append(
        f"Dates written without a year: {d['labelled']} labelled "
        f"({d['labelled with a year other than the publication year']} not in the publication year)"
    )
    out.append(f"  found by dates_mentioned: {d['found']}/{d['labelled']}")
    out.append(
        f"  year chosen by the code: {d['year completed from the publication date']}, "
        f"wrong year: {d['wrong year']} ({_pct(d['wrong year share'])}; target: at most 3%)"
    )
    out.append(f"  completion of the found mentions: {d['completion of found mentions']}")
    out.append("  by how the year was chosen (year_rule):")
    for rule, t in d["by year rule"].items():
        out.append(
            f"    {rule:<24} {t.get('dates', 0):>3} dates, {t.get('marked uncertain', 0):>3} marked uncertain, "
            f"{t.get('wrong year', 0)} wrong ({t.get('wrong and marked uncertain', 0)} of them marked uncertain)"
        )
    out += [f"    wrong year: {e}" for e in d["wrong year examples"]]
    out += [f"    not found: {e}" for e in d["not found"]]
    out.append("")
    out.append(f"Quotations: {q['labelled quotations']} labelled in {q['articles']} articles")
    out += _speaker_lines(q, "  ")
    for sample, part in q["by sample"].items():
        out.append(f"  {sample}: {part['labelled quotations']} quotations in {part['articles']} articles")
        out += _speaker_lines(part, "    ", targets=False)
        out += [f"      wrong: {e}" for e in part["wrong speaker examples"]] if sample != "rules written on it" else []
    out.append("")
    out.append("Other languages")
    for language, r in f["other languages"].items():
        out.append(
            f"  {language}: sentence count right in {r['sentence count right']}/{r['units']} units, "
            f"« » pairs found {r['« » pairs found as quotations or quoted terms']}/{r['« » quotations labelled']} "
            f"(as quotations {r['« » quotations found']}, the rest as quoted terms), "
            f"U+200C words kept whole {r['kept as one token']}/{r['words with U+200C']}"
        )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)
    figures = measure()
    print(json.dumps(figures, ensure_ascii=False, indent=1) if args.json else report(figures))


if __name__ == "__main__":
    sys.exit(main())
