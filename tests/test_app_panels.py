"""The corpus explorer app's Python side, without a browser: what a chosen row shows, corpora of one's own, saving.

What the page looks like in Voilà is tested by tests/test_app.py; here the app runs in this process
(``CourseApp.open_now()`` makes every panel at once) and is checked against the corpus texts themselves.
"""

import csv
import io
import re
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "app"))
from panels import PANELS, CourseApp, open_own, unpack_upload  # noqa: E402
from reading import CorpusIndex, Selection, passages_html  # noqa: E402

from helpers import PRACTICE_CORPUS, load_corpus, show_progress  # noqa: E402


@pytest.fixture(scope="module", autouse=True)
def progress_bars_back_on_afterwards():
    """The app turns the helpers' progress bars off for its kernel (it has a bar of its own): on again for the tests
    that come after these, in the same process."""
    yield
    show_progress(True)


@pytest.fixture(scope="module")
def app():
    app = CourseApp()
    app.open_now()
    return app


@pytest.fixture(scope="module")
def index(docs):
    return CorpusIndex(docs)


def regex_counts(docs, pattern):
    return {row.doc_id: len(re.findall(pattern, row.text, flags=re.IGNORECASE)) for row in docs.itertuples()}


@pytest.mark.parametrize(
    "term, pattern",
    [("regime", r"\bregime\b"), ("mullahs", r"\bmullahs\b"), ("iranian regime", r"\biranian regime\b")],
)
def test_a_word_or_phrase_is_found_where_a_regular_expression_finds_it(docs, index, term, pattern):
    expected = {doc: n for doc, n in regex_counts(docs, pattern).items() if n}
    assert index.articles(Selection.term(term)).to_dict() == expected
    for doc_id in expected:
        found = index.passages(Selection.term(term), doc_id)
        text = docs.set_index("doc_id").loc[doc_id, "text"]
        assert [text[a:b].lower() for a, b in found.marks] == [term] * expected[doc_id]
        assert all(term in s.lower() for s in found.sentences["sentence"])


def test_an_actor_is_marked_under_the_names_of_the_actor_list(docs, index):
    with open(ROOT / "corpus" / "actors.csv", encoding="utf-8") as file:
        aliases = {r["alias"].lower().replace("’", "'") for r in csv.DictReader(file) if r["actor"] == "Maryam Rajavi"}
    text = docs.set_index("doc_id").loc["ncri-2010", "text"]
    found = index.passages(Selection.named("Maryam Rajavi"), "ncri-2010")
    marked = {text[a:b].lower().replace("’", "'") for a, b in found.marks}
    assert marked and all(any(alias in name for alias in aliases) for name in marked), marked


def test_a_pair_of_actors_shows_only_sentences_naming_both(index):
    found = index.passages(Selection.named("Iran", other="Syria"), "breitbart-2014")
    assert len(found.sentences) == 6  # the explorer's count for this pair in breitbart-2014 (helpers' example)


def test_a_quotation_is_found_and_shown_with_the_sentences_around_it(index):
    quote = "We will defend Syria to the end."
    found = index.passages(Selection.one_sentence("breitbart-2014", "a quotation", find=quote), "breitbart-2014")
    text = index.article("breitbart-2014")["text"]
    assert [text[a:b] for a, b in found.marks] == [quote]
    assert len(found.sentences) - len(found.around) == 1 and found.around  # the sentence, and its neighbours


def test_corpus_text_is_escaped_in_what_the_panel_shows():
    docs = pd.DataFrame(
        {
            "doc_id": ["a"],
            "title": ["<b>T</b>"],
            "outlet": ["<i>O</i>"],
            "published": [pd.Timestamp("2021-01-01")],
            "text": ["The <script>alert(1)</script> regime & more. The regime again."],
            "n_words": [9],
        }
    )
    index = CorpusIndex(docs)
    shown = passages_html(index.passages(Selection.term("regime"), "a"), index.article("a"))
    whole = passages_html(index.passages(Selection.article("a"), "a"), index.article("a"))
    for html in (shown, whole):
        assert "<script>" not in html and "&lt;script&gt;" in html and "&amp; more" in html
    assert shown.count("<mark>regime</mark>") == 2


def test_making_every_panel_uses_the_librarys_current_names_and_warns_of_nothing_old():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        app = CourseApp()
        app.open_now()
    assert all(app.panel(spec.key).state == "ready" for spec in PANELS)
    old = [str(warning.message) for warning in caught if issubclass(warning.category, DeprecationWarning)]
    assert not old, old


def test_a_row_of_every_panel_leads_to_its_article(app):
    for spec in PANELS:
        explorer = app.panel(spec.key).explorer
        assert explorer is not None, spec.key
        if spec.pick is None:
            continue
        table = explorer.table
        row = {column: str(value) for column, value in table.iloc[0].items()}
        app.pick(spec.key, row)
        found = app.context.found
        assert found is not None and app.workspace.index.has(found.doc_id), spec.key
        assert found.whole_article or len(found.sentences), spec.key


def test_a_chosen_word_becomes_the_search_of_the_concordance_and_the_collocates(app):
    app.pick("words", {"term": "mullahs", "count": "8"})
    assert app.panel("kwic").explorer.controls["query"].value == "mullahs"
    assert app.panel("collocates").explorer.controls["query"].value == "mullahs"
    assert app.context.what.value.startswith("<p>“mullahs”: ")


def test_the_read_panel_opens_the_article_shown(app):
    app.pick("overview", {"doc_id": "ncri-2010"})
    assert app.panel("read").explorer.controls["article"].value == "ncri-2010"


def test_saving_gives_the_whole_table_as_csv_and_the_chart_as_html_that_needs_nothing_from_outside(app):
    panel = app.panel("words")
    name, mime, data = panel._table_file()
    assert (name, mime) == ("the-course-corpus_words.csv", "text/csv")
    saved = pd.read_csv(io.BytesIO(data))
    assert saved["term"].tolist() == panel.explorer.table["term"].tolist()
    name, mime, data = panel._chart_file()
    assert name.endswith(".html") and mime == "text/html" and b"<script src=" not in data


def test_opening_a_corpus_of_ones_own(tmp_path):
    docs, report, kind = open_own(PRACTICE_CORPUS)
    assert (kind, len(docs), report.ok) == ("folder", 5, True)
    docs, report, kind = open_own(PRACTICE_CORPUS / "practice-export.csv")
    assert kind == "news export" and not report.ok and len(docs) == 8
    table = tmp_path / "mine.csv"
    table.write_text("body,headline,date,source\n" + "Some words here. " * 20 + ",A title,2021-03-01,Radio\n")
    fields = {"text": "body", "title": "headline", "outlet": "source", "published": "date"}
    docs, report, kind = open_own(table, fields)
    assert kind == "table" and report.ok and docs.loc[0, "outlet"] == "Radio"


def test_the_app_shows_the_report_of_a_corpus_with_problems_and_can_use_it_anyway():
    app = CourseApp()
    app.open_now()
    app.path.value = "examples/practice-corpus/practice-export.csv"
    app.spawn(app.open_own_corpus())
    assert "validation-report" in app.report.value and "empty_text" in app.report.value
    assert app.workspace.label == "the course corpus"  # not opened yet
    app._use_pending()
    assert app.workspace.label == "practice-export.csv" and len(app.workspace.docs) == 8
    app.path.value = "no/such/folder"
    app.spawn(app.open_own_corpus())
    assert "There is no folder or file no/such/folder" in app.report.value


def test_the_practice_corpus_comes_with_its_own_actor_list():
    app = CourseApp(query_string="corpus=practice")
    app.open_now()
    assert len(app.workspace.docs) == 5 and app.workspace.actors is not None
    assert "Mill Street trial" in set(app.panel("actors").explorer.table["actor"])


def test_an_upload_is_saved_and_a_zip_must_hold_a_corpus_folder_inside_itself(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in PRACTICE_CORPUS.rglob("*"):
            if path.is_file():
                archive.write(path, Path("practice") / path.relative_to(PRACTICE_CORPUS))
    folder = unpack_upload("practice.zip", buffer.getvalue(), tmp_path)
    assert (folder / "metadata.csv").is_file() and open_own(folder)[2] == "folder"
    evil = io.BytesIO()
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("../outside.txt", "no")
    with pytest.raises(ValueError, match="outside its folder"):
        unpack_upload("evil.zip", evil.getvalue(), tmp_path / "x")
    assert not (tmp_path / "outside.txt").exists()
    assert unpack_upload("../../mine.csv", b"a,b\n", tmp_path) == tmp_path / "mine.csv"


def test_the_course_corpus_opens_on_the_panel_the_address_asks_for():
    app = CourseApp(query_string="panel=timeline&token=abc")
    app.open_now()
    assert app.nav.value == "timeline" and app.active == "timeline"
    assert len(app.workspace.docs) == len(load_corpus())


def test_the_apps_kernel_draws_its_first_chart_without_compiling_iri_grammars():
    """rfc3987-syntax, which jsonschema imports under plotly's FigureWidget, takes seconds to import: the app, which
    checks no IRIs, does without it (a fresh process, as a Voilà kernel)."""
    code = (
        "import sys, panels; from helpers import load_corpus; panels.Overview(load_corpus()); "
        "print('jsonschema' in sys.modules, sys.modules.get('rfc3987_syntax', 'absent'))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT / "app", capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "None"]  # jsonschema was imported, without it
