"""Importing your own corpus: every importer gives the load_corpus() shape, and every problem is reported with
where it is and what to do; nothing is dropped or changed silently."""

import csv
import json
import re

import pandas as pd
import pytest

from helpers import CorpusError, load_corpus
from helpers.actors import load_actors
from helpers.export import export_table
from helpers.importers import (
    PRACTICE_CORPUS,
    PROBLEM_COLUMNS,
    ValidationReport,
    import_folder,
    import_news_export,
    import_table,
    parse_dates,
    validate_corpus,
)

INVENTED = "Invented for practice. Not real news; the places, people and outlets do not exist."
WORDS = " ".join(["the", "word"] * 30)  # long enough not to count as too short, and English enough (not_english)


def article(n: int) -> str:
    return f"Article {n}. " + WORDS


def write_csv(path, header, rows, encoding="utf-8"):
    with open(path, "w", encoding=encoding, newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_jsonl(path, records):
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def make_folder(folder, metadata, texts):
    (folder / "texts").mkdir(parents=True)
    (folder / "metadata.csv").write_text(metadata, encoding="utf-8")
    for name, content in texts.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (folder / "texts" / f"{name}.txt").write_bytes(data)
    return folder


def problems_of(report, problem):
    return report.problems[report.problems["problem"] == problem]


# The shape of what every importer returns ---------------------------------------------------------------------------


def test_import_folder_gives_exactly_what_load_corpus_gives():
    pd.testing.assert_frame_equal(import_folder(PRACTICE_CORPUS), load_corpus(PRACTICE_CORPUS))
    pd.testing.assert_frame_equal(import_folder("corpus"), load_corpus())
    docs, report = import_folder("corpus", on_error="report")
    pd.testing.assert_frame_equal(docs, load_corpus())
    assert report.ok and report.problems.empty


def test_import_table_csv_maps_columns_numbers_articles_and_keeps_everything_else(tmp_path):
    path = write_csv(
        tmp_path / "mine.csv",
        ["headline", "paper", "date", "body", "section"],
        [
            ("Second", "B", "2021-03-16", article(2), "local"),
            ("First", "A", "15 March 2021", article(1), "sport"),
        ],
    )
    docs = import_table(path, text="body", title="headline", outlet="paper", published="date")
    assert list(docs.columns) == [
        "doc_id",
        "title",
        "outlet",
        "published",
        "date_precision",
        "published_raw",
        "section",
        "text",
        "n_words",
    ]
    assert list(docs["doc_id"]) == ["doc-00002", "doc-00001"]  # numbered in file order, sorted by date
    assert list(docs["title"]) == ["First", "Second"]
    assert list(docs["published_raw"]) == ["15 March 2021", "2021-03-16"]
    assert docs["published"].dtype == "datetime64[us]"
    assert list(docs["section"]) == ["sport", "local"]
    assert docs.loc[0, "n_words"] == 62


def test_import_table_uses_a_doc_id_column_when_named(tmp_path):
    path = write_csv(
        tmp_path / "mine.csv",
        ["id", "title", "outlet", "published", "text"],
        [("z9", "T", "O", "2020", article(1)), ("a1", "T", "O", "2020", article(2))],
    )
    docs = import_table(path, doc_id="id")
    assert list(docs["doc_id"]) == ["a1", "z9"]
    assert list(docs["date_precision"]) == ["year", "year"]


def test_import_table_jsonl_from_the_extension_or_the_argument(tmp_path):
    records = [
        {"title": "A", "outlet": "X", "published": "2021-03", "text": article(1), "likes": 3},
        {"title": "B", "outlet": "Y", "published": 2020, "text": article(2), "likes": None},
    ]
    docs = import_table(write_jsonl(tmp_path / "mine.jsonl", records))
    assert list(docs["title"]) == ["B", "A"]
    assert list(docs["date_precision"]) == ["year", "month"]
    assert list(docs["published_raw"]) == ["2020", "2021-03"]
    same = import_table(write_jsonl(tmp_path / "mine.txt", records), format="jsonl")
    pd.testing.assert_frame_equal(docs, same)


def test_import_table_needs_a_format_it_can_tell(tmp_path):
    path = write_csv(tmp_path / "mine.tsv", ["text"], [("x",)])
    with pytest.raises(ValueError, match="pass format='csv' or format='jsonl'"):
        import_table(path)


def test_import_news_export_maps_media_cloud_columns(tmp_path):
    path = write_csv(
        tmp_path / "export.csv",
        ["id", "title", "url", "publish_date", "media_name", "language", "text"],
        [("81", "A headline", "https://a.example/1", "2021-03-15 14:02:00", "Daily Example", "en", article(1))],
    )
    docs = import_news_export(path)
    row = docs.iloc[0]
    assert (row["doc_id"], row["outlet"], row["url"], row["id"], row["language"]) == (
        "doc-00001",
        "Daily Example",
        "https://a.example/1",
        "81",
        "en",
    )
    assert row["published"] == pd.Timestamp("2021-03-15") and row["published_raw"] == "2021-03-15 14:02:00"


def test_windows_line_endings_and_a_byte_order_mark_are_normalised_as_load_corpus_does(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_bytes(
        b'\xef\xbb\xbftitle,outlet,published,text\r\nT,O,2021,"One.\r\n\r\nTwo ' + WORDS.encode() + b'"\r\n'
    )
    docs = import_table(path)
    assert docs.loc[0, "text"].startswith("One.\n\nTwo")


def test_an_exported_corpus_imports_again_as_it_was(tmp_path):
    docs = import_news_export(PRACTICE_CORPUS / "practice-export.csv", dayfirst=True, on_error="report")[0]
    saved = export_table(docs, tmp_path / "saved.csv")
    again, report = import_table(saved, on_error="report")
    assert list(report.problems["problem"]) == ["missing_date", "duplicate_url", "duplicate_url"]
    columns = ["doc_id", "title", "outlet", "published", "date_precision", "published_raw", "url", "text", "n_words"]
    pd.testing.assert_frame_equal(again[columns], docs[columns])


# Dates --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written, date, precision",
    [
        ("2021-03-15", "2021-03-15", "day"),
        ("2021-03", "2021-03-01", "month"),
        ("2021", "2021-01-01", "year"),
        ("2021-03-15T14:02:00Z", "2021-03-15", "day"),
        ("2021-03-15 14:02:00+02:00", "2021-03-15", "day"),
        ("2021-03-15T14:02:00.123456+0000", "2021-03-15", "day"),
        ("15 March 2021", "2021-03-15", "day"),
        ("March 15, 2021", "2021-03-15", "day"),
        ("Monday, 15 March 2021", "2021-03-15", "day"),
        ("Mon, 15 Mar 2021 14:02:00 GMT", "2021-03-15", "day"),
        ("Sept. 3rd, 2021 at 9:15 pm", "2021-09-03", "day"),
        ("March 2021", "2021-03-01", "month"),
        ("15/03/2021", "2021-03-15", "day"),
        ("03/15/2021", "2021-03-15", "day"),
        ("05.05.2021", "2021-05-05", "day"),
    ],
)
def test_common_date_forms_are_read_with_their_precision(written, date, precision):
    found = parse_dates([written])
    assert (found.loc[0, "published"], found.loc[0, "date_precision"], found.loc[0, "problem"]) == (
        pd.Timestamp(date),
        precision,
        "",
    )


def test_a_time_with_an_offset_is_converted_to_utc_before_its_date_is_taken():
    written = ["2021-03-15T23:30:00-05:00", "2021-03-16T00:30:00+01:00", "2021-03-15T23:30:00", "2021-03-15"]
    utc = parse_dates(written)["published"].dt.strftime("%Y-%m-%d").tolist()
    assert utc == ["2021-03-16", "2021-03-15", "2021-03-15", "2021-03-15"]
    local = parse_dates(written, timezone=None)["published"].dt.strftime("%Y-%m-%d").tolist()
    assert local == ["2021-03-15", "2021-03-16", "2021-03-15", "2021-03-15"]
    tokyo = parse_dates(written, timezone="Asia/Tokyo")["published"].dt.strftime("%Y-%m-%d").tolist()
    assert tokyo == ["2021-03-16", "2021-03-16", "2021-03-15", "2021-03-15"]


def test_importers_convert_to_utc_and_keep_the_local_date_in_published_raw(tmp_path):
    path = write_csv(tmp_path / "mine.csv", ["title", "outlet", "published", "text"], [])
    path.write_text(path.read_text() + f"T,O,2021-03-15T23:30:00-05:00,{WORDS}\n", encoding="utf-8")
    docs = import_table(path)
    assert docs.loc[0, "published"] == pd.Timestamp("2021-03-16")
    assert docs.loc[0, "published_raw"] == "2021-03-15T23:30:00-05:00"
    assert import_table(path, timezone=None).loc[0, "published"] == pd.Timestamp("2021-03-15")
    with pytest.raises(ValueError, match="timezone='Mars/Olympus' is not a time zone"):
        import_table(path, timezone="Mars/Olympus")


def test_a_numeric_date_that_reads_both_ways_is_reported_not_guessed():
    found = parse_dates(["03/04/2021", "04/04/2021"])
    assert found.loc[0, "problem"] == "ambiguous_date" and pd.isna(found.loc[0, "published"])
    assert found.loc[0, "detail"] == "'03/04/2021' can be 3 April 2021 (day first) or 4 March 2021 (month first)"
    assert "dayfirst=True" in found.loc[0, "what_to_do"] and "dayfirst=False" in found.loc[0, "what_to_do"]
    assert found.loc[1, "problem"] == "" and found.loc[1, "published"] == pd.Timestamp("2021-04-04")
    assert parse_dates(["03/04/2021"], dayfirst=True).loc[0, "published"] == pd.Timestamp("2021-04-03")
    assert parse_dates(["03/04/2021"], dayfirst=False).loc[0, "published"] == pd.Timestamp("2021-03-04")


def test_the_other_dates_of_a_file_hint_at_how_it_writes_dates():
    day_first = parse_dates(["03/04/2021", "25/12/2020"]).loc[0, "what_to_do"]
    assert "can only be day first (e.g. '25/12/2020'): dayfirst=True is likely" in day_first
    month_first = parse_dates(["03/04/2021", "12/25/2020"]).loc[0, "what_to_do"]
    assert "dayfirst=False is likely" in month_first
    mixed = parse_dates(["03/04/2021", "25/12/2020", "12/25/2020"]).loc[0, "what_to_do"]
    assert "mixes the two ways" in mixed


def test_a_date_that_contradicts_the_stated_order_is_reported():
    found = parse_dates(["03/15/2021"], dayfirst=True)
    assert found.loc[0, "problem"] == "unparseable_date"
    assert found.loc[0, "detail"] == "'03/15/2021' is not a real date or time when read day first (dayfirst=True)"


@pytest.mark.parametrize(
    "written, problem, detail",
    [
        ("", "missing_date", "no publication date (the cell is empty)"),
        ("next Tuesday", "unparseable_date", "'next Tuesday' is not a date in a form the importer reads"),
        ("2021-02-30", "unparseable_date", "'2021-02-30' is not a real date or time"),
        ("2021-03-15 25:00", "unparseable_date", "'2021-03-15 25:00' is not a real date or time"),
        ("March 15, 2021 9:00 EST", "unparseable_date", "abbreviation (EST), which can stand for more than one offset"),
    ],
)
def test_dates_that_cannot_be_read_are_reported_and_left_empty(written, problem, detail):
    found = parse_dates([written])
    assert found.loc[0, "problem"] == problem and detail in found.loc[0, "detail"]
    assert pd.isna(found.loc[0, "published"]) and found.loc[0, "date_precision"] == "unknown"
    assert "kept" not in found.loc[0, "what_to_do"]  # what becomes of the row depends on the import, not the date


def test_parse_dates_keeps_the_index_and_checks_its_arguments():
    found = parse_dates(pd.Series(["2021", "2020"], index=["b", "a"]))
    assert list(found.index) == ["b", "a"]
    with pytest.raises(ValueError, match="dayfirst must be None, True or False"):
        parse_dates(["2021"], dayfirst="yes")


# on_error: raise at the first error, or report every problem --------------------------------------------------------

BROKEN_HEADER = ["title", "url", "publish_date", "media_name", "text"]
BROKEN_ROWS = [
    ("Good", "https://a.example/1", "2021-03-01", "X", article(1)),
    ("No text", "https://a.example/2", "2021-03-02", "X", "  "),
    ("Bad date", "https://a.example/3", "next Tuesday", "X", article(3)),
    ("Copy", "https://a.example/1", "2021-03-04", "X", article(4)),
]


def test_raise_stops_at_the_first_error_naming_file_row_field_and_what_to_do(tmp_path):
    path = write_csv(tmp_path / "export.csv", BROKEN_HEADER, BROKEN_ROWS)
    message = r"export\.csv, row 3, field 'text': the text is empty\. Paste the article's text in.*3 more problem"
    with pytest.raises(CorpusError, match=message):
        import_news_export(path)


def test_report_keeps_every_row_it_can_and_says_which_rows_it_left_out(tmp_path):
    path = write_csv(tmp_path / "export.csv", BROKEN_HEADER, BROKEN_ROWS)
    docs, report = import_news_export(path, on_error="report")
    assert isinstance(report, ValidationReport) and list(report.problems.columns) == PROBLEM_COLUMNS
    assert sorted(docs["title"]) == ["Bad date", "Copy", "Good"]
    table = report.problems.set_index("problem")
    assert table.loc["empty_text", "excluded"] and table.loc["empty_text", "doc_id"] == "doc-00002"
    assert not table.loc["unparseable_date", "excluded"]
    assert table.loc["unparseable_date", "where"].endswith("export.csv, row 4, field 'publish_date'")
    assert report.summary["rows_read"] == 4 and report.summary["left_out"] == 1
    assert docs.set_index("title").loc["Bad date", "date_precision"] == "unknown"


def test_warnings_do_not_stop_an_import_but_are_announced(tmp_path):
    path = write_csv(tmp_path / "export.csv", BROKEN_HEADER, [BROKEN_ROWS[0], BROKEN_ROWS[3]])
    with pytest.warns(UserWarning, match=r"2 warning\(s\) \(duplicate_url\).*validate_corpus"):
        docs = import_news_export(path)
    assert len(docs) == 2


def test_bad_arguments_always_raise(tmp_path):
    with pytest.raises(ValueError, match="on_error must be 'raise' or 'report'"):
        import_folder(PRACTICE_CORPUS, on_error="ignore")
    with pytest.raises(ValueError, match="progress must be None"):
        import_folder(PRACTICE_CORPUS, progress="yes")
    with pytest.raises(CorpusError, match="no such file"):
        import_table(tmp_path / "nowhere.csv", on_error="report")
    with pytest.raises(CorpusError, match="no such folder"):
        import_folder(tmp_path / "nowhere", on_error="report")


def test_every_problem_in_a_table_says_where_it_is_and_what_to_do(tmp_path):
    long_text = " ".join(["the", "w"] * 10_500)
    rows = [
        ("Fine", "https://a.example/1", "2021-03-01", "X", article(1)),  # row 2
        ("No date", "https://a.example/2", "", "X", article(2)),  # row 3
        ("Relative", "https://a.example/3", "next Tuesday", "X", article(3)),  # row 4
        ("Numeric", "https://a.example/4", "03/04/2021", "X", article(4)),  # row 5
        ("Empty", "https://a.example/5", "2021-03-05", "X", ""),  # row 6
        ("Same URL", "https://a.example/1", "2021-03-06", "X", article(6)),  # row 7
        ("Same text", "https://a.example/7", "2021-03-07", "X", article(6)),  # row 8
        ("Short", "https://a.example/8", "2021-03-08", "X", "Too short."),  # row 9
        ("Long", "https://a.example/9", "2021-03-09", "X", long_text),  # row 10
        ("", "https://a.example/10", "2021-03-10", "", article(10)),  # row 11
    ]
    docs, report = import_news_export(write_csv(tmp_path / "e.csv", BROKEN_HEADER, rows), on_error="report")
    expected = [
        ("error", "missing_date", "row 3, field 'publish_date'", "Find the publication date"),
        ("error", "unparseable_date", "row 4, field 'publish_date'", "Write the date as YYYY-MM-DD"),
        ("error", "ambiguous_date", "row 5, field 'publish_date'", "dayfirst=True"),
        ("error", "empty_text", "row 6, field 'text'", "left out of the corpus"),
        ("warning", "duplicate_url", "row 2", "collected twice"),
        ("warning", "duplicate_url", "row 7", "collected twice"),
        ("warning", "duplicate_text", "row 7", "syndicated"),
        ("warning", "duplicate_text", "row 8", "syndicated"),
        ("warning", "too_short", "row 9", "teaser"),
        ("warning", "too_long", "row 10", "several articles"),
        ("warning", "missing_title", "row 11", "headline"),
        ("warning", "missing_outlet", "row 11", "outlet"),
    ]
    found = report.problems
    assert len(found) == len(expected)
    for (severity, problem, where, advice), row in zip(expected, found.itertuples(index=False)):
        assert (row.severity, row.problem) == (severity, problem)
        assert row.where == f"{tmp_path.name}/e.csv, {where}"  # from the corpus folder on, not from the machine's root
        assert advice in row.what_to_do
    copy = found[found["problem"] == "duplicate_text"].iloc[1]
    assert copy["detail"] == "same text (white space aside) as row 7 (doc-00006)"
    assert len(docs) == 9 and found["excluded"].sum() == 1


# Problems in files ---------------------------------------------------------------------------------------------------


def test_a_table_that_is_not_utf8_is_reported_with_its_byte_offset(tmp_path):
    path = write_csv(
        tmp_path / "mine.csv", ["title", "outlet", "published", "text"], [("Café", "O", "2021", WORDS)], "cp1252"
    )
    docs, report = import_table(path, on_error="report")
    assert docs.empty and list(docs.columns)[:4] == ["doc_id", "title", "outlet", "published"]
    problem = problems_of(report, "not_utf8").iloc[0]
    assert problem["detail"] == "not UTF-8: byte 31 (line 2) is b'\\xe9'"
    assert problem["where"] == f"{tmp_path.name}/mine.csv"
    assert "save it with the encoding UTF-8" in problem["what_to_do"]
    assert import_table(path, encoding="cp1252").loc[0, "title"] == "Café"


def test_a_row_with_the_wrong_number_of_fields_is_reported_and_the_others_are_kept(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(f"title,outlet,published,text\nA,O,2021,{WORDS}\nB,O,2021,{WORDS},extra\nC,O\n", encoding="utf-8")
    docs, report = import_table(path, on_error="report")
    assert list(docs["title"]) == ["A"]
    bad = problems_of(report, "bad_row")
    assert list(bad["where"].str.extract(r"(row \d+)")[0]) == ["row 3", "row 4"]
    assert bad.iloc[0]["detail"].startswith("5 fields where the header has 4") and bad["excluded"].all()
    assert "comma" in bad.iloc[0]["what_to_do"]


def test_a_bad_json_line_is_reported_with_its_line_number(tmp_path):
    path = tmp_path / "mine.jsonl"
    good = json.dumps({"title": "A", "outlet": "O", "published": "2021", "text": WORDS})
    path.write_text(f'{good}\n\n{{"title": "B", oops}}\n["a list"]\n', encoding="utf-8")
    docs, report = import_table(path, on_error="report")
    assert len(docs) == 1
    bad = problems_of(report, "bad_row")
    assert list(bad["where"].str.extract(r"(line \d+)")[0]) == ["line 3", "line 4"]
    assert "not valid JSON" in bad.iloc[0]["detail"] and "not an object" in bad.iloc[1]["detail"]


def test_a_missing_column_says_which_argument_names_it(tmp_path):
    path = write_csv(tmp_path / "mine.csv", ["headline", "outlet", "published", "body"], [("A", "O", "2021", WORDS)])
    message = r"no column 'title' for title= \(the file has: headline, .*say which column holds it: title='<its name>'"
    with pytest.raises(CorpusError, match=message):
        import_table(path)
    docs, report = import_table(path, on_error="report")
    assert docs.empty and list(problems_of(report, "missing_column")["detail"].str[:20]) == [
        "no column 'title' fo",
        "no column 'text' for",
    ]


def test_a_mapping_that_would_replace_a_column_is_refused(tmp_path):
    path = write_csv(tmp_path / "mine.csv", ["title", "headline", "outlet", "published", "text"], [])
    with pytest.raises(CorpusError, match=r"has a column 'title', and title='headline' would replace it"):
        import_table(path, title="headline")


def test_a_repeated_column_name_is_an_error(tmp_path):
    path = write_csv(tmp_path / "mine.csv", ["title", "outlet", "title", "published", "text"], [])
    with pytest.raises(CorpusError, match=r"column\(s\) title appear more than once"):
        import_table(path)


def test_an_empty_file_or_a_header_alone_has_no_articles(tmp_path):
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    with pytest.raises(CorpusError, match="the file is empty"):
        import_table(tmp_path / "empty.csv")
    header = write_csv(tmp_path / "header.csv", ["title", "outlet", "published", "text"], [])
    docs, report = import_table(header, on_error="report")
    assert docs.empty and list(report.problems["problem"]) == ["no_articles"]


def test_given_doc_ids_must_be_there_and_unique(tmp_path):
    path = write_csv(
        tmp_path / "mine.csv",
        ["id", "title", "outlet", "published", "text"],
        [("a", "T", "O", "2021", article(1)), ("", "T", "O", "2021", article(2)), ("a", "T", "O", "2021", article(3))],
    )
    docs, report = import_table(path, doc_id="id", on_error="report")
    assert list(docs["text"]) == [article(1)]
    assert problems_of(report, "missing_doc_id").iloc[0]["where"].endswith("row 3, field 'id'")
    repeated = problems_of(report, "duplicate_doc_id").iloc[0]
    assert repeated["detail"] == "'a' is used again (first in row 2)" and repeated["excluded"]


def test_a_stated_date_precision_is_kept_and_an_unknown_one_reported(tmp_path):
    path = write_csv(
        tmp_path / "mine.csv",
        ["title", "outlet", "published", "date_precision", "text"],
        [("A", "O", "2021-06-01", "month", article(1)), ("B", "O", "2021", "roughly", article(2))],
    )
    docs, report = import_table(path, on_error="report")
    assert list(docs["date_precision"]) == ["year", "month"]
    problem = problems_of(report, "unknown_date_precision").iloc[0]
    assert problem["where"].endswith("row 3, field 'date_precision'") and "'roughly'" in problem["detail"]


GOOD_METADATA = "doc_id,title,outlet,published\na,First,X,2019-03-01\nb,Second,Y,2020-01-02\n"


def test_a_folder_with_many_problems_is_reported_in_full(tmp_path):
    metadata = (
        "doc_id,title,outlet,published,date_precision\n"
        "a,First,X,2019-03-01,day\n"
        "b,Second,Y,02/01/2020,day\n"
        "../c,Third,Z,2020,year\n"
        "a,Again,X,2020,year\n"
        "d,Fourth,X,2020,roughly\n"
        "e,Fifth,X,2020,year\n"
        "f,Sixth,X,2020,year\n"
        "g,Seventh,X,2020,year\n"
    )
    texts = {
        "a": article(1),
        "b": article(2),
        "d": article(4),
        "e": "Caf\u00e9".encode("latin-1"),
        "f": " \n",
        "h": "x",
    }
    make_folder(tmp_path, metadata, texts)
    docs, report = import_folder(tmp_path, on_error="report")
    assert list(docs["doc_id"]) == ["a", "d", "b"]  # b is kept without a date, so it comes last
    found = {
        p: (w, d, x) for p, w, d, x in report.problems[["problem", "where", "detail", "excluded"]].itertuples(False)
    }
    assert found["unparseable_date"][0].endswith("metadata.csv, row 3, field 'published'")
    assert found["unparseable_date"][1] == "'02/01/2020' is not an ISO date" and not found["unparseable_date"][2]
    assert found["bad_doc_id"][0].endswith("row 4, field 'doc_id'") and found["bad_doc_id"][2]
    assert found["duplicate_doc_id"][1] == "'a' is used again (first in row 2)" and found["duplicate_doc_id"][2]
    assert found["unknown_date_precision"][0].endswith("row 6, field 'date_precision'")
    assert found["not_utf8"][0].endswith("e.txt (metadata row 7)") and found["not_utf8"][1].startswith(
        "not UTF-8: byte 3 (line 1)"
    )
    assert found["empty_text"][0].endswith("f.txt (metadata row 8)") and found["empty_text"][2]
    assert found["missing_text_file"][0].endswith("g.txt (metadata row 9)") and found["missing_text_file"][2]
    assert found["unlisted_text_file"][0].endswith("h.txt")
    assert report.problems["what_to_do"].str.len().gt(20).all()
    assert report.summary["rows_read"] == 8 and report.summary["left_out"] == 5


def test_a_folder_in_raise_mode_stops_like_load_corpus(tmp_path):
    make_folder(tmp_path, GOOD_METADATA, {"a": article(1)})
    with pytest.raises(CorpusError, match=r"b\.txt \(metadata row 3\): no text file texts/b\.txt.*Add the file"):
        import_folder(tmp_path)


def test_a_folder_whose_metadata_is_broken_gives_an_empty_corpus_and_says_why(tmp_path):
    make_folder(tmp_path, "doc_id,title,published\na,First,2019\n", {"a": article(1)})
    docs, report = import_folder(tmp_path, on_error="report")
    assert docs.empty and "no column 'outlet'" in problems_of(report, "missing_column").iloc[0]["detail"]
    (tmp_path / "metadata.csv").write_bytes(GOOD_METADATA.replace("First", "Caf\u00e9").encode("cp1252"))
    with pytest.raises(CorpusError, match=r"metadata\.csv: not UTF-8: byte 35 \(line 2\)"):
        import_folder(tmp_path)


# Checks of the articles themselves ------------------------------------------------------------------------------------


def corpus_frame(texts, **columns):
    n = len(texts)
    frame = pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(n)],
            "title": ["T"] * n,
            "outlet": ["O"] * n,
            "published": pd.to_datetime(["2021-01-01"] * n),
            "text": texts,
        }
    )
    return frame.assign(**columns)


def test_duplicate_texts_are_found_after_normalising_white_space_and_both_rows_are_listed():
    texts = [article(1), article(2), "  Article 1.\n\n" + WORDS.replace(" ", "  "), article(3)]
    report = validate_corpus(corpus_frame(texts))
    duplicates = problems_of(report, "duplicate_text")
    assert list(duplicates["doc_id"]) == ["d0", "d2"]
    assert list(duplicates["detail"]) == [
        "same text (white space aside) as doc_id d2",
        "same text (white space aside) as doc_id d0",
    ]
    assert (duplicates["severity"] == "warning").all()


def test_a_group_of_three_copies_names_one_partner_and_counts_the_rest(tmp_path):
    rows = [(f"T{i}", "https://a.example/same", "2021", "O", article(i)) for i in range(3)]
    docs, report = import_news_export(write_csv(tmp_path / "e.csv", BROKEN_HEADER, rows), on_error="report")
    details = list(problems_of(report, "duplicate_url")["detail"])
    assert details == [
        "same URL as row 3 (doc-00002) and 1 other row(s)",
        "same URL as row 2 (doc-00001) and 1 other row(s)",
        "same URL as row 2 (doc-00001) and 1 other row(s)",
    ]
    assert len(docs) == 3  # a warning never removes an article


def test_short_and_long_texts_are_flagged_by_thresholds_and_against_the_median():
    texts = ["one two three"] + [" ".join(["the", "w"] * 100)] * 3 + [" ".join(["the", "w"] * 1250)]
    texts = [t + f" {i}" for i, t in enumerate(texts)]  # not duplicates
    report = validate_corpus(corpus_frame(texts))
    short, long = problems_of(report, "too_short"), problems_of(report, "too_long")
    assert list(short["doc_id"]) == ["d0"] and short.iloc[0]["detail"] == "4 words, fewer than min_words=50"
    assert list(long["doc_id"]) == ["d4"]
    assert long.iloc[0]["detail"] == "2501 words, more than 10 times the corpus median (201)"
    strict = validate_corpus(corpus_frame(texts), min_words=5, max_words=150, outlier_factor=100)
    assert list(problems_of(strict, "too_long")["doc_id"]) == ["d1", "d2", "d3", "d4"]
    assert problems_of(strict, "too_long").iloc[0]["detail"] == "201 words, more than max_words=150"
    assert list(problems_of(strict, "too_short")["doc_id"]) == ["d0"]


def test_a_dataframe_is_checked_for_columns_ids_dates_and_empty_texts():
    frame = corpus_frame([article(1), "", article(3)]).assign(doc_id=["a", "b", "a"])
    frame.loc[2, "published"] = pd.NaT
    report = validate_corpus(frame.drop(columns="outlet"))
    found = report.problems[["problem", "where"]].values.tolist()
    assert found == [
        ["missing_column", "the DataFrame"],
        ["duplicate_doc_id", "doc_id a (index 0)"],
        ["empty_text", "doc_id b (index 1)"],
        ["duplicate_doc_id", "doc_id a (index 2)"],
        ["missing_date", "doc_id a (index 2)"],
    ]
    strings = corpus_frame([article(1)]).assign(published=["03/04/2021"])
    assert list(validate_corpus(strings).problems["problem"]) == ["ambiguous_date"]


def test_empty_titles_and_outlets_are_warnings():
    report = validate_corpus(corpus_frame([article(1), article(2)]).assign(title=["", "T"], outlet=["O", " "]))
    assert list(report.problems["problem"]) == ["missing_title", "missing_outlet"]
    assert report.ok


def test_validate_corpus_reads_folders_and_files_with_import_options(tmp_path):
    assert validate_corpus(PRACTICE_CORPUS).ok
    path = write_csv(tmp_path / "mine.csv", ["headline", "outlet", "date", "body"], [("A", "O", "03/04/2021", WORDS)])
    report = validate_corpus(path, title="headline", published="date", text="body", dayfirst=True)
    assert report.ok and report.summary["first_published"] == "2021-04-03"
    with pytest.raises(TypeError, match="unknown option"):
        validate_corpus(path, body="text")


# What a spreadsheet program may save as "CSV" -------------------------------------------------------------------------


@pytest.mark.parametrize("separator", [";", "\t"])
def test_a_file_separated_by_semicolons_or_tabs_is_read(tmp_path, separator):
    path = tmp_path / "articles.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=separator, lineterminator="\n")
        writer.writerow(["title", "outlet", "published", "text"])
        writer.writerows([("One; two", "X", "2021-03-01", article(1)), ("Three", "Y", "2021-03-02", article(2))])
    docs = import_table(path)
    assert docs["title"].tolist() == ["One; two", "Three"] and docs["outlet"].tolist() == ["X", "Y"]
    assert validate_corpus(path).ok


def test_a_file_separated_by_something_else_says_so(tmp_path):
    path = tmp_path / "articles.csv"
    path.write_text("title|outlet|published|text\nOne|X|2021-03-01|" + article(1) + "\n", encoding="utf-8")
    report = validate_corpus(path)
    missing = problems_of(report, "missing_column")
    assert len(missing) == 4
    assert "first line has no comma, semicolon or tab: save it as CSV with commas" in missing["detail"].iloc[0]


def test_a_field_of_any_length_loads(tmp_path):
    book = " ".join(["the", "word"] * 20_000)  # 180,000 characters: more than the csv module's default field limit
    rows = [("A book", "X", "2021-03-01", book), ("Short", "Y", "2021-03-02", article(2))]
    path = write_csv(tmp_path / "long.csv", ["title", "outlet", "published", "text"], rows)
    with pytest.warns(UserWarning, match="too_long"):
        docs = import_table(path)
    assert docs.set_index("title").loc["A book", "n_words"] == 40_000
    assert problems_of(validate_corpus(path), "too_long")["doc_id"].tolist() == ["doc-00001"]


# The report as a reader sees it --------------------------------------------------------------------------------------


def test_the_report_reads_as_text_and_as_escaped_html(tmp_path):
    rows = [("<script>alert(1)</script>", "https://a.example/1", "<b>soon</b>", "X & Y", article(1))]
    docs, report = import_news_export(write_csv(tmp_path / "e.csv", BROKEN_HEADER, rows), on_error="report")
    page = report._repr_html_()
    assert "<script>" not in page and "<b>soon</b>" not in page
    assert "&#x27;&lt;b&gt;soon&lt;/b&gt;&#x27; is not a date" in page
    text = str(report)
    assert "1 article from 1 outlet (1 without a date)" in text
    assert "ERROR unparseable_date: " in text and "What to do: Write the date as YYYY-MM-DD" in text
    assert repr(report) == text  # at a prompt too, the report lists its problems


def test_a_report_without_problems_says_so():
    report = validate_corpus(load_corpus())
    assert report.ok and "No problems found." in report._repr_html_()
    assert report.summary["articles"] == 5 and report.summary["first_published"] == "2007-06-18"


def test_no_progress_bar_outside_a_notebook(capsys):
    import_folder(PRACTICE_CORPUS, progress=True)
    assert capsys.readouterr() == ("", "")


def test_in_a_notebook_a_bar_shows_only_for_slow_work_unless_asked_for(monkeypatch):
    import IPython.display

    import helpers.progress

    shown = []
    monkeypatch.setattr(helpers.progress, "_in_notebook", lambda: True)
    monkeypatch.setattr(IPython.display, "display", lambda obj, **kwargs: shown.append(obj))
    import_folder(PRACTICE_CORPUS)  # fast: nothing shown
    assert shown == []
    import_folder(PRACTICE_CORPUS, progress=True)
    assert len(shown) == 1 and shown[0].description == "Done" and shown[0].value == shown[0].max
    import_folder(PRACTICE_CORPUS, progress=False)
    assert len(shown) == 1


# The practice corpus --------------------------------------------------------------------------------------------------


def test_the_practice_corpus_loads_and_says_it_is_invented():
    docs = load_corpus("examples/practice-corpus")
    assert len(docs) == 5 and docs["n_words"].between(120, 300).all()
    assert set(docs["note"]) == {INVENTED}
    assert INVENTED in (PRACTICE_CORPUS / "README.md").read_text(encoding="utf-8")
    assert docs.set_index("doc_id").loc["cyclingclub-2021-03", "date_precision"] == "month"


def test_the_practice_corpus_names_the_scheme_four_ways():
    docs = load_corpus(PRACTICE_CORPUS).set_index("doc_id")["text"]
    namings = {
        "gazette-2021-03-10": "cycle lane",
        "cyclingclub-2021-03": "bike highway",
        "radio-2021-03-02": "road narrowing scheme",
        "council-2021-03-12": "active travel corridor",
    }
    for doc_id, naming in namings.items():
        assert naming in docs[doc_id].lower()
    actors = load_actors(PRACTICE_CORPUS / "actors.csv")
    assert set(namings.values()) <= set(actors["alias"])


def test_the_practice_export_lists_exactly_its_broken_rows():
    docs, report = import_news_export(PRACTICE_CORPUS / "practice-export.csv", on_error="report")
    listed = report.problems[["severity", "problem", "excluded"]].assign(
        row=report.problems["where"].str.extract(r"row (\d+)")[0].astype(int)
    )
    assert listed.values.tolist() == [
        ["error", "empty_text", True, 8],
        ["error", "unparseable_date", False, 9],
        ["error", "ambiguous_date", False, 10],
        ["warning", "duplicate_url", False, 3],
        ["warning", "duplicate_url", False, 7],
    ]
    assert len(docs) == 8 and docs["published"].isna().sum() == 2
    same = docs.merge(load_corpus(PRACTICE_CORPUS), on="text")  # the five articles, whatever the date's form
    assert len(same) == 5 and (same["published_x"] == same["published_y"]).all()
    assert (same["date_precision_x"] == same["date_precision_y"]).all()


def test_the_practice_export_date_read_day_first_is_what_its_text_says():
    docs, report = import_news_export(PRACTICE_CORPUS / "practice-export.csv", dayfirst=True, on_error="report")
    bulletin = docs[docs["published_raw"] == "03/04/2021"].iloc[0]
    assert bulletin["published"] == pd.Timestamp("2021-04-03") and "Easter Saturday" in bulletin["text"]
    assert "ambiguous_date" not in set(report.problems["problem"])


# Saving results ---------------------------------------------------------------------------------------------


def test_markup_and_text_in_another_language_are_reported_with_their_rows():
    english = "The minister said on Tuesday that the talks would go on, and that he was sure of a deal in the end. "
    texts = {
        "plain": english * 3,
        "html": f"<p>{english}</p><p>She called it &ldquo;a good day&rdquo; for the town &amp; its people.</p>" * 2,
        "french": "Le ministre a déclaré mardi que les négociations continueraient et qu'il était sûr d'un accord. "
        * 3,
        "persian": "وزیر روز سه‌شنبه گفت که گفت‌وگوها ادامه خواهد یافت و او به توافق در پایان اطمینان دارد. " * 3,
    }
    docs = pd.DataFrame(
        {
            "doc_id": list(texts),
            "text": list(texts.values()),
            "title": "A title",
            "outlet": "An outlet",
            "published": pd.Timestamp("2020-01-01"),
        }
    )
    problems = validate_corpus(docs).problems.set_index("doc_id")
    assert problems.loc["html", "problem"] == "markup"
    assert problems.loc["html", "detail"] == "8 HTML tags (<p>, </p>) and 6 entities (&ldquo;, &rdquo;, &amp;)"
    assert "course.py clean" in problems.loc["html", "what_to_do"]
    language = problems[problems.problem == "not_english"]
    assert sorted(language.index) == ["french", "persian"]
    assert language.loc["persian", "detail"] == "mostly in Arabic script (100% of its letters not Latin)"
    share = re.fullmatch(
        r"only (\d+)% of its words are common English words \(english_words.csv\), .*", language.loc["french", "detail"]
    )
    assert share and int(share.group(1)) < 12
    assert (language.severity == "warning").all() and "plain" not in problems.index


def test_no_language_or_markup_warning_on_real_english_news():
    articles = pd.read_csv("tests/data/real-news/articles.csv", keep_default_na=False)
    docs = articles.assign(published=pd.to_datetime(articles.published))[["doc_id", "text", "title", "published"]]
    problems = validate_corpus(docs.assign(outlet="Wikinews")).problems
    assert not problems.problem.isin(["markup", "not_english"]).any()
    assert not validate_corpus(load_corpus()).problems.problem.isin(["markup", "not_english"]).any()


def test_a_report_shows_paths_from_the_corpus_folder_on():
    from helpers import PRACTICE_CORPUS, import_news_export, validate_corpus

    report = validate_corpus(PRACTICE_CORPUS)
    assert report.source == "practice-corpus" and "<h4>" not in report._repr_html_()
    _, report = import_news_export(PRACTICE_CORPUS / "practice-export.csv", on_error="report")
    assert report.source == "practice-corpus/practice-export.csv"
    assert report.problems["where"].str.startswith("practice-corpus/practice-export.csv, row ").all()
    assert str(PRACTICE_CORPUS.parent) not in str(report) + report._repr_html_()
