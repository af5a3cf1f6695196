"""Cleaning (helpers/cleaning.py) and the shipped corpus: raw captures kept as captured, clean texts made from them
by code, and a report of what cleaning made."""

import csv
import hashlib

import pandas as pd
import pytest

from helpers import CORPUS_DIR
from helpers.cleaning import main, stale_files

SEEDS = CORPUS_DIR.parent.parent / "shared" / "seeds"
METADATA = pd.read_csv(CORPUS_DIR / "metadata.csv", dtype=str, keep_default_na=False)
REMOVED = pd.read_csv(CORPUS_DIR / "removed_lines.csv", dtype={"line": int}, keep_default_na=False)


@pytest.mark.parametrize("row", METADATA.to_dict("records"), ids=list(METADATA.doc_id))
def test_raw_file_is_byte_for_byte_the_capture(row):
    data = (CORPUS_DIR / row["raw_file"]).read_bytes()
    assert hashlib.sha256(data).hexdigest() == row["raw_sha256"]
    seed = SEEDS / (CORPUS_DIR / row["raw_file"]).name
    if seed.exists():  # the original seeds sit beside the repository on course machines
        assert seed.read_bytes() == data


def test_regenerating_the_clean_texts_changes_nothing():
    assert stale_files() == [], "run: python -m helpers.cleaning"


@pytest.mark.parametrize("row", METADATA.to_dict("records"), ids=list(METADATA.doc_id))
def test_every_raw_line_is_kept_or_listed_as_removed(row):
    raw = (CORPUS_DIR / row["raw_file"]).read_text(encoding="utf-8")
    clean_lines = set((CORPUS_DIR / "texts" / f"{row['doc_id']}.txt").read_text(encoding="utf-8").split("\n"))
    removed = REMOVED[REMOVED.doc_id == row["doc_id"]]
    removed_whole = set(removed.loc[removed.rule != "end-slug", "line"])
    cuts = dict(zip(removed.loc[removed.rule == "end-slug", "line"], removed.loc[removed.rule == "end-slug", "text"]))
    for number, line in enumerate(raw.split("\n"), start=1):
        line = line.replace("\u00a0", " ").rstrip()
        if not line or number in removed_whole:
            continue
        if number in cuts:
            assert line.endswith(cuts[number])
            line = line[: -len(cuts[number])].rstrip()
        assert line in clean_lines, f"{row['raw_file']} line {number} vanished: {line[:60]!r}"


def test_removed_lines_have_reasons_and_come_from_the_raw_file():
    assert (REMOVED.reason.str.len() > 10).all()
    for record in REMOVED.to_dict("records"):
        raw_line = (CORPUS_DIR / record["raw_file"]).read_text(encoding="utf-8").split("\n")[record["line"] - 1]
        assert record["text"] in raw_line.replace("\u00a0", " ")


@pytest.mark.parametrize(
    "doc_id, text, rule",
    [
        ("ncri-2010", "Wednesday, July 17, 2024", "header-date"),
        ("ncri-2010", "HomeIran News Now", "breadcrumb"),
        ("ncri-2010", "NCRI – Mayors and elected representatives", "doubled-paragraph"),
        ("iranfreedom-2018", "0 734", "counter"),
        ("iranfreedom-2018", "Iranian Opposition Convention For Free Iran,Iranian", "caption-after-title"),
        ("iranfreedom-2018", "Leave A Reply", "comments"),
        ("breitbart-2014", "Leaders of Iranian and Syrian opposition movements meet in Paris", "doubled-title"),
        ("breitbart-2014", "Please let us know", "comments"),
        ("moroccantimes-2015", "[symple_box]Please Note", "shortcode"),
        ("moroccantimes-2015", "[symple_box]freedom iranHeshmat", "shortcode"),
        ("ips-2007", "Latest ArticlesArchives", "navigation"),
        ("ips-2007", "As of January 2009, this site is definitely closed", "closure-notice"),
        ("ips-2007", "What they are doing here is to make a Noah", "pull-quote"),
        ("ips-2007", "One of the aims of the INS was to form", "pull-quote"),
        ("ips-2007", 'Iran National Solidarity To Create An "Alternative"-Body', "image-alt"),
        ("ips-2007", "Iran National Solidarity is the largest grouping", "image-caption"),
        ("ips-2007", "ENDS IRAN OPPOSITION 18607", "end-slug"),
    ],
)
def test_boilerplate_is_removed_for_its_reason(docs, doc_id, text, rule):
    rows = REMOVED[(REMOVED.doc_id == doc_id) & REMOVED.text.str.contains(text, regex=False)]
    assert rule in set(rows.rule)
    body = docs.set_index("doc_id").loc[doc_id, "text"]
    if rule in {"doubled-title", "doubled-paragraph"}:  # one copy stays
        assert body.count(text) == 1
    elif rule == "pull-quote":
        assert not any(paragraph.startswith(text) for paragraph in body.split("\n\n"))
    else:
        assert text not in body


@pytest.mark.parametrize(
    "doc_id, evidence",
    [
        ("breitbart-2014", "Velayt-e- faqih"),
        ("breitbart-2014", "resistance movments."),
        ("breitbart-2014", "legitimate representative of the Iranian regime"),
        ("moroccantimes-2015", "Rajavi stated,” The fact"),
        ("moroccantimes-2015", "upheld  by the crowd"),
        ("iranfreedom-2018", "secretly plodding against"),
        ("iranfreedom-2018", "Another important feet"),
        ("ips-2007", "five amonmg the MKO"),
        ("ips-2007", "republicans etc.. ”, Dr. Shahriar Ahi"),
        ("ncri-2010", "Île-de-France and Val D’Oise"),
    ],
)
def test_the_articles_own_words_and_typos_are_kept(docs, doc_id, evidence):
    assert evidence in docs.set_index("doc_id").loc[doc_id, "text"]


def test_no_break_spaces_are_normalised_and_paragraphs_kept(docs):
    assert not docs.text.str.contains("\u00a0").any()
    paragraphs = docs.set_index("doc_id").text.str.count("\n\n") + 1
    assert paragraphs.to_dict() == {
        "ips-2007": 23,
        "ncri-2010": 21,
        "breitbart-2014": 18,
        "moroccantimes-2015": 9,
        "iranfreedom-2018": 5,
    }


def test_headline_is_kept_once_as_the_first_paragraph(docs):
    for row in docs.itertuples():
        assert row.text.split("\n\n")[0] == row.title.replace("\u00a0", " ")


def test_metadata_csv_opens_in_a_spreadsheet():
    with open(CORPUS_DIR / "metadata.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 5
    for column in (
        "doc_id",
        "title",
        "outlet",
        "outlet_type",
        "author",
        "author_note",
        "url",
        "published",
        "date_precision",
        "date_evidence",
        "event_date",
        "genre",
        "raw_file",
        "provenance",
    ):
        assert column in rows[0], column
    for row in rows:
        assert row["author"] or row["author_note"], f"{row['doc_id']}: an unknown author needs a note"


# --------------------------------------------------------------------------- cleaning a corpus of your own


def test_cleaning_a_folder_says_what_it_made(tmp_path, capsys):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "a.txt").write_text(
        "Harbour fees rise\nHome > News > ...\n\nThe harbour board raised its fees.\n\nSHARE THIS\n", encoding="utf-8"
    )
    (tmp_path / "metadata.csv").write_text(
        "doc_id,title,outlet,published,raw_file\na,Harbour fees rise,Gazette,2021-03-01,raw/a.txt\n", encoding="utf-8"
    )
    (tmp_path / "cleaning_rules.csv").write_text(
        "rule,action,pattern,reason\nbreadcrumb,drop_line,^Home >,navigation\nshare,drop_rest,^SHARE THIS$,buttons\n",
        encoding="utf-8",
    )
    assert main([str(tmp_path)]) == 0
    said = capsys.readouterr().out
    assert said.startswith(f"Cleaned 1 article of {tmp_path}:")
    assert "texts/: 1 clean text (a.txt)" in said
    assert "removed_lines.csv: 2 lines or spans removed" in said
    assert (tmp_path / "texts" / "a.txt").read_text(encoding="utf-8") == (
        "Harbour fees rise\n\nThe harbour board raised its fees.\n"
    )


def test_cleaning_a_folder_without_raw_files_says_why_and_writes_nothing(tmp_path, capsys):
    (tmp_path / "metadata.csv").write_text("doc_id,title,outlet,published\na,T,O,2021\n", encoding="utf-8")
    assert main([str(tmp_path)]) == 1
    assert "Nothing was written" in capsys.readouterr().err and not (tmp_path / "texts").exists()
