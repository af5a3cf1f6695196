"""The real-news samples of issue #13 are well-formed and say what they claim.

Every label points at exactly the text it names, every article has a source
and a licence, and each sample is at least as large as the targets need. The
checks are written as small functions so that a test below can show each of
them failing on a broken row.
"""

import json
import re
import warnings
from pathlib import Path

import pandas as pd
import pytest

from helpers import import_table

DATA = Path(__file__).resolve().parent / "data"
NEWS = DATA / "real-news"
GOLDEN = DATA / "golden-rules"
MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}  # fmt: skip
MARKS = '"“”'
YEAR_CLUES = {"publication year", "previous year", "next year", "event known"}
ATTRIBUTIONS = {"name before", "name after", "pronoun", "the X said", "according to", "continuation", "none"}


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(NEWS / name, encoding="utf-8", keep_default_na=False)


@pytest.fixture(scope="module")
def articles() -> pd.DataFrame:
    return read("articles.csv")


@pytest.fixture(scope="module")
def texts(articles) -> dict[str, str]:
    return dict(zip(articles["doc_id"], articles["text"]))


# ---------------------------------------------------------------- the checks


def span_is(text: str, start: int, end: int, expected: str) -> bool:
    """Do the offsets point at exactly ``expected``?"""
    return 0 <= start <= end <= len(text) and text[start:end] == expected


def is_paragraph(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` a whole paragraph: bounded by line breaks or the ends of the text, no break inside?"""
    inside = text[start:end]
    return (
        0 <= start < end <= len(text)
        and (start == 0 or text[start - 1] == "\n")
        and (end == len(text) or text[end] == "\n")
        and "\n" not in inside
        and inside == inside.strip()
    )


def tiles(text: str, spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Do the sentence spans cover ``text[start:end]`` in order, with only white space between them?"""
    if not spans or spans[0][0] != start or spans[-1][1] != end:
        return False
    pieces = zip(spans, spans[1:])
    return all(a_end <= b_start and not text[a_end:b_start].strip() for (_, a_end), (b_start, _) in pieces) and all(
        text[s:e] == text[s:e].strip() and s < e for s, e in spans
    )


def day_and_month(mention: str) -> tuple[int, int]:
    """The month and the first day a mention such as "Dec. 28", "March 15 to 17" or "10 September" names."""
    month = next(MONTHS[w[:3].lower()] for w in re.findall(r"[A-Za-z]+", mention) if w[:3].lower() in MONTHS)
    return month, int(re.search(r"\d{1,2}", mention).group())


def between_marks(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` the inside of a pair of quotation marks (or of one that runs to the paragraph's end)?"""
    opened = start > 0 and text[start - 1] in MARKS
    closed = end < len(text) and text[end] in MARKS
    runs_out = end == len(text) or text[end] == "\n"
    return opened and (closed or runs_out) and not any(m in text[start:end] for m in '“”"')


# ---------------------------------------------------------------- the checks can fail


def test_each_check_rejects_a_broken_row():
    text = 'First paragraph.\n\nHe said "we will win" on Monday. Then he left.'
    p = text.index("He")
    assert span_is(text, p, p + 2, "He") and not span_is(text, p + 1, p + 3, "He")
    assert is_paragraph(text, p, len(text)) and not is_paragraph(text, p + 1, len(text))
    assert not is_paragraph(text, 0, len(text))
    second = text.index("Then")
    good = [(p, second - 1), (second, len(text))]
    assert tiles(text, good, p, len(text))
    assert not tiles(text, [(p, second - 2), (second, len(text))], p, len(text))  # a full stop left out
    assert not tiles(text, [(p, second - 1)], p, len(text))  # a sentence missing
    assert day_and_month("Dec. 28") == (12, 28) and day_and_month("10 September") == (9, 10)
    q = text.index("we")
    assert between_marks(text, q, text.index('"', q)) and not between_marks(text, q + 1, text.index('"', q))


# ---------------------------------------------------------------- Golden Rules


def test_the_golden_rules_are_pysbds_48_with_their_source_and_licence():
    golden = json.loads((GOLDEN / "english.json").read_text(encoding="utf-8"))
    rules = golden["rules"]
    assert [r["number"] for r in rules] == list(range(1, 49))
    for rule in rules:
        assert rule["name"] and rule["text"] and rule["expected"]
        # the expected sentences are the text, cut: nothing but white space is added or lost
        assert re.sub(r"\s", "", "".join(rule["expected"])) == re.sub(r"\s", "", rule["text"]), rule["number"]
    source = golden["source"]
    assert source["repository"] == "https://github.com/nipunsadvilkar/pySBD"
    assert re.fullmatch(r"[0-9a-f]{40}", source["commit"]) and source["path"].endswith(".py")
    notice = (GOLDEN / source["licence_file"]).read_text(encoding="utf-8")
    assert "MIT License" in notice and "Copyright (c) 2019 Nipun Sadvilkar" in notice


# ---------------------------------------------------------------- articles


def test_every_article_has_a_source_url_a_licence_and_a_date_and_loads_with_import_table(articles):
    assert list(articles.columns) == ["doc_id", "title", "outlet", "published", "url", "licence", "text"]
    assert articles["doc_id"].is_unique and articles["url"].is_unique
    assert articles["url"].str.match(r"https://en\.wikinews\.org/wiki/\S+$").all()
    assert (articles["licence"] == "CC BY 2.5").all()
    assert pd.to_datetime(articles["published"], format="%Y-%m-%d", errors="coerce").notna().all()
    assert (articles["text"].str.len() > 200).all() and (articles["title"] != "").all()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a "too_long" warning for one long round-up is expected
        docs, report = import_table(
            NEWS / "articles.csv", text="text", title="title", outlet="outlet", published="published",
            on_error="report",
        )  # fmt: skip
    assert not (report.problems["severity"] == "error").any()
    assert len(docs) == len(articles)
    assert docs.set_index("doc_id")["text"].reindex(articles["doc_id"]).tolist() == articles["text"].tolist()


# ---------------------------------------------------------------- sentences


def test_sentence_offsets_tile_real_paragraphs_and_the_sample_is_large_enough(texts):
    rows = read("sentences.csv")
    assert set(rows["selection"]) == {"hard case", "unselected", "constructed"}
    for paragraph, group in rows.groupby("paragraph"):
        first = group.iloc[0]
        constructed = first["selection"] == "constructed"
        text = first["text"] if constructed else texts[first["doc_id"]]
        assert (group["doc_id"] == first["doc_id"]).all() and group["sentence_no"].tolist() == list(
            range(1, len(group) + 1)
        )
        for row in group.itertuples():
            assert span_is(text, row.start, row.end, row.sentence), (paragraph, row.sentence_no)
        start, end = int(first["paragraph_start"]), int(first["paragraph_end"])
        assert is_paragraph(text, start, end), paragraph
        assert tiles(text, list(zip(group["start"], group["end"])), start, end), paragraph
        if constructed:
            assert first["doc_id"].startswith("constructed-") and "not from a source" in first["note"]
        else:
            assert first["text"] == "" and (first["cases"] != "") == (first["selection"] == "hard case")
    real = rows[rows["selection"] != "constructed"]
    assert len(real) >= 300  # sentence ends, one per sentence
    assert real["paragraph"].nunique() >= 40 and real["doc_id"].nunique() >= 20
    assert (rows["selection"] == "unselected").sum() >= 100  # not only hard cases


# ---------------------------------------------------------------- dates


def test_every_date_label_points_at_a_date_without_a_year_and_names_that_day(articles, texts):
    rows = read("dates.csv")
    published = dict(zip(articles["doc_id"], articles["published"]))
    for row in rows.itertuples():
        text = texts[row.doc_id]
        assert span_is(text, row.start, row.end, row.mention), row
        assert not re.search(r"\b(?:19|20)\d\d\b", text[row.end : row.end + 8]), row  # no year right after it
        assert row.published == published[row.doc_id]
        date = pd.Timestamp(row.date)
        assert (date.month, date.day) == day_and_month(row.mention), row
        assert abs(date.year - int(row.published[:4])) <= 2
        if row.date_end:
            assert pd.Timestamp(row.date_end) > date
        assert row.year_clue in YEAR_CLUES and row.certainty in {"high", "medium", "low"}
    assert len(rows) >= 200 and not rows.duplicated(["doc_id", "start"]).any()
    # the year ends are there as news has them: December and January articles, years other than the publication's
    year_end = rows[rows["published"].str[5:7].isin(["12", "01"])]
    assert year_end["doc_id"].nunique() >= 8
    assert (rows["date"].str[:4] != rows["published"].str[:4]).sum() >= 20
    assert (rows["year_clue"] == "next year").any() and (rows["year_clue"] == "previous year").any()


def test_the_dates_are_every_such_mention_in_their_articles(texts):
    """A census, not a pick: the pattern of the README finds no unlabelled date without a year in these articles."""
    rows = read("dates.csv")
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    month = rf"(?:(?:{months})\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    no_year = r"(?!,?\s*(?:of\s+)?(?:19|20)\d\d\b)(?!\d)"
    pattern = re.compile(
        rf"(?<![\w.])(?:{month}\s+{day}(?:\s*(?:-|–|and|to)\s*{day})?{no_year}"
        rf"|{day}(?:\s*(?:-|–|and|to)\s*{day})?\s+(?:of\s+)?{month}{no_year})"
    )
    labelled = set(zip(rows["doc_id"], rows["start"]))
    found = {(d, m.start()) for d, text in texts.items() for m in pattern.finditer(text)}
    assert found == labelled  # the articles added for the later quotation samples have no such date


# ---------------------------------------------------------------- quotations


def test_every_quotation_label_points_inside_its_marks_and_names_a_speaker(texts):
    rows = read("quotes.csv")
    assert set(rows["kind"]) == {"quotation", "not speech"}
    for row in rows.itertuples():
        text = texts[row.doc_id]
        assert between_marks(text, row.start, row.end), row
        assert " ".join(text[row.start : row.end].split()).startswith(row.first_words), row
        if row.kind == "quotation":
            assert row.speaker and row.speaker_short and row.attribution in ATTRIBUTIONS, row
            assert row.continues_previous in {"yes", "no"}
            assert (row.speaker == "unattributed") == (row.attribution == "none"), row
        else:
            assert not row.speaker and not row.attribution
    for _, group in rows.groupby("doc_id"):
        assert (group["start"].diff().dropna() > 0).all() and (
            group["start"].iloc[1:].values > group["end"].iloc[:-1].values
        ).all()
    speech = rows[rows["kind"] == "quotation"]
    assert len(speech) >= 200 and speech["doc_id"].nunique() >= 20
    # whole articles in their random order: draws 1, 2, ... with none skipped
    assert sorted(rows["article_draw"].unique()) == list(range(1, rows["article_draw"].max() + 1))
    # the samples follow the draw: the rules were written on the first articles, corrected on the next ones, and
    # the later ones are held out, each held-out sample labelled before the rules ran on it; each article is in one
    samples = ["rules written on it", "rules corrected on it", "held out", "held out 2", "held out 3", "held out 4"]
    assert set(rows["sample"]) == set(samples)
    assert rows.groupby("doc_id")["sample"].nunique().max() == 1
    draws = rows.groupby("sample")["article_draw"]
    for earlier, later in zip(samples, samples[1:]):
        assert draws.max()[earlier] < draws.min()[later]
    assert (speech["sample"] == "held out").sum() >= 50
    for later in ["held out 2", "held out 3", "held out 4"]:
        assert (speech["sample"] == later).sum() >= 60


def test_every_pair_of_marks_in_a_sampled_article_is_labelled(texts):
    rows = read("quotes.csv")
    for doc_id, group in rows.groupby("doc_id"):
        text = texts[doc_id]
        marks = sum(re.sub(r"„[^”\n]*”", "", text).count(m) for m in MARKS)  # „…” quotes a Hungarian original
        closed = sum(1 for row in group.itertuples() if row.end < len(text) and text[row.end] in MARKS)
        assert marks == len(group) + closed, doc_id


# ---------------------------------------------------------------- other languages


def test_the_french_and_persian_units_point_at_their_sentences_quotations_and_joined_words():
    rows = read("languages.csv")
    assert (rows["language"] == "fr").sum() == 10 and (rows["language"] == "fa").sum() == 10
    assert (rows["licence"] == "CC BY-SA 4.0").all() and rows["commit"].str.fullmatch(r"[0-9a-f]{40}").all()
    for row in rows.itertuples():
        starts = [int(s) for s in row.sentence_starts.split()]
        assert len(starts) == row.n_sentences and starts[0] == 0
        assert all(row.text[s - 1] == " " and not row.text[s].isspace() for s in starts[1:])
        for pair in row.quotations.split():
            a, b = map(int, pair.split("-"))
            assert row.text[:a].rstrip().endswith("«") and row.text[b:].lstrip().startswith("»"), row.unit
        for word in row.zwnj_words.split():
            assert "\u200c" in word and word in row.text
    fa = rows[rows["language"] == "fa"]
    assert fa["zwnj_words"].str.split().str.len().sum() >= 20
    assert rows["quotations"].str.split().str.len().sum() >= 20
    french_starts = [t[int(s)] for t, ss in zip(rows["text"], rows["sentence_starts"]) for s in ss.split()[1:]]
    assert sum(c in "ÀÂÉÈÊÎÔÇ" for c in french_starts) >= 10


def test_the_readme_covers_every_file():
    readme = (NEWS / "README.md").read_text(encoding="utf-8")
    for name in [
        "articles.csv",
        "sentences.csv",
        "dates.csv",
        "quotes.csv",
        "languages.csv",
        "CC BY 2.5",
        "CC BY-SA 4.0",
    ]:
        assert name in readme


# ---------------------------------------------------------------- the benchmark reads them


def test_the_benchmark_matches_speakers_by_its_stated_rule():
    from benchmarks.real_news import speaker_is_right

    assert speaker_is_right("Maryam Rajavi", "Mrs Maryam Rajavi", "Rajavi")
    assert speaker_is_right("Mr. Mitsotakis", "Greek prime minister Kyriakos Mitsotakis", "Mitsotakis")
    assert speaker_is_right("the commission", "the Commission on Presidential Debates", "the commission")
    assert not speaker_is_right("Police", "A Hampshire Police spokesman", "spokesman")
    assert not speaker_is_right("Thursday", "Dr. Tristan Smith of University College London", "Smith")
    assert not speaker_is_right("Smith", "unattributed", "unattributed")
    assert speaker_is_right("The president", "The president", "The president")  # a title alone is kept
    assert not speaker_is_right("The president", "Governor Mike DeWine", "DeWine")
    assert speaker_is_right("A judge", "A judge", "judge") and not speaker_is_right("A judge", "Bolton", "Bolton")


def test_the_benchmark_runs_on_the_samples_and_counts_every_label():
    from benchmarks.real_news import measure, report

    figures = measure()
    assert figures["golden rules"]["rules"] == 48
    assert figures["sentence boundaries"]["all"]["all"]["labelled"] == len(read("sentences.csv"))
    dates = figures["dates"]
    assert dates["labelled"] == len(read("dates.csv")) and dates["found"] <= dates["labelled"]
    assert dates["wrong year"] <= dates["year completed from the publication date"] <= dates["found"]
    quotes = figures["quotations"]
    assert quotes["labelled quotations"] == (read("quotes.csv")["kind"] == "quotation").sum()
    assert quotes["right speaker"] <= quotes["attributed"] <= quotes["found"] <= quotes["labelled quotations"]
    assert set(figures["other languages"]) == {"fr", "fa"}
    assert "Golden Rules" in report(figures)
