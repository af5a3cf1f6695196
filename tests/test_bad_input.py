"""A corpus folder with a problem gets an error that names the file, row or field and says what to do."""

import pytest

from helpers import CorpusError, load_corpus

GOOD_METADATA = "doc_id,title,outlet,published\na,First,X,2019-03-01\nb,Second,Y,2020-01-02\n"


def make_corpus(folder, metadata=GOOD_METADATA, texts=None):
    (folder / "texts").mkdir()
    (folder / "metadata.csv").write_text(metadata, encoding="utf-8")
    for name, content in (texts if texts is not None else {"a": "Text one.", "b": "Text two."}).items():
        path = folder / "texts" / f"{name}.txt"
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return folder


def test_the_good_example_loads(tmp_path):
    assert len(load_corpus(make_corpus(tmp_path))) == 2


def test_missing_text_file(tmp_path):
    make_corpus(tmp_path, texts={"a": "Text one."})
    with pytest.raises(CorpusError, match=r"texts/b\.txt \(row 3\).*add it or remove the row"):
        load_corpus(tmp_path)


def test_text_file_without_a_metadata_row(tmp_path):
    make_corpus(tmp_path, texts={"a": "One.", "b": "Two.", "c": "Three."})
    with pytest.raises(CorpusError, match=r"c\.txt.*Add a row"):
        load_corpus(tmp_path)


def test_malformed_date(tmp_path):
    make_corpus(tmp_path, metadata=GOOD_METADATA.replace("2020-01-02", "02/01/2020"))
    with pytest.raises(CorpusError, match=r"metadata\.csv, row 3, field 'published': '02/01/2020'.*YYYY-MM-DD"):
        load_corpus(tmp_path)


def test_impossible_date(tmp_path):
    make_corpus(tmp_path, metadata=GOOD_METADATA.replace("2020-01-02", "2020-02-30"))
    with pytest.raises(CorpusError, match=r"row 3, field 'published'"):
        load_corpus(tmp_path)


def test_duplicate_doc_id(tmp_path):
    make_corpus(tmp_path, metadata=GOOD_METADATA.replace("\nb,", "\na,"), texts={"a": "One."})
    with pytest.raises(CorpusError, match=r"row 3, field 'doc_id': 'a' is used again \(first in row 2\)"):
        load_corpus(tmp_path)


def test_empty_text(tmp_path):
    make_corpus(tmp_path, texts={"a": "One.", "b": "  \n\n "})
    with pytest.raises(CorpusError, match=r"b\.txt \(metadata row 3\): the text is empty"):
        load_corpus(tmp_path)


def test_text_that_is_not_utf8(tmp_path):
    make_corpus(tmp_path, texts={"a": "One.", "b": "Caf\u00e9 in Paris.".encode("latin-1")})
    with pytest.raises(CorpusError, match=r"b\.txt: not UTF-8 \(byte 3, line 1.*save it with the encoding UTF-8"):
        load_corpus(tmp_path)


def test_metadata_that_is_not_utf8(tmp_path):
    make_corpus(tmp_path)
    (tmp_path / "metadata.csv").write_bytes(GOOD_METADATA.replace("First", "Caf\u00e9").encode("cp1252"))
    with pytest.raises(CorpusError, match=r"metadata\.csv: not UTF-8"):
        load_corpus(tmp_path)


def test_missing_column(tmp_path):
    make_corpus(tmp_path, metadata="doc_id,title,published\na,First,2019\nb,Second,2020\n")
    with pytest.raises(CorpusError, match=r"missing column\(s\) outlet\. Found: doc_id, title, published"):
        load_corpus(tmp_path)


def test_row_with_too_many_fields(tmp_path):
    make_corpus(tmp_path, metadata=GOOD_METADATA + "c,Third,Z,2021,extra\n")
    with pytest.raises(CorpusError, match=r"row 4: 5 fields where the header has 4"):
        load_corpus(tmp_path)


def test_unknown_date_precision(tmp_path):
    make_corpus(tmp_path, metadata="doc_id,title,outlet,published,date_precision\na,A,X,2019,roughly\nb,B,Y,2020,day\n")
    with pytest.raises(CorpusError, match=r"row 2, field 'date_precision': 'roughly'"):
        load_corpus(tmp_path)


def test_doc_id_that_cannot_name_a_file(tmp_path):
    make_corpus(tmp_path, metadata=GOOD_METADATA.replace("\nb,", "\n../b,"))
    with pytest.raises(CorpusError, match=r"row 3, field 'doc_id': '../b' is not a usable id"):
        load_corpus(tmp_path)


def test_missing_folder_and_empty_metadata(tmp_path):
    with pytest.raises(CorpusError, match="no such folder"):
        load_corpus(tmp_path / "nowhere")
    make_corpus(tmp_path, metadata="doc_id,title,outlet,published\n", texts={})
    with pytest.raises(CorpusError, match="no articles"):
        load_corpus(tmp_path)


def test_bom_and_windows_line_endings_are_fine(tmp_path):
    make_corpus(
        tmp_path, metadata="\ufeff" + GOOD_METADATA.replace("\n", "\r\n"), texts={"a": "One.\r\n\r\nTwo.", "b": "B."}
    )
    docs = load_corpus(tmp_path)
    assert docs.set_index("doc_id").text["a"] == "One.\n\nTwo."
