"""Self-checks: right answers pass, wrong ones get a hint, and no answer is stored in plain text."""

import csv
import re
from pathlib import Path

import nbformat
import pandas as pd

from helpers import check, load_corpus, mention_counts, word_frequencies
from helpers.self_checks import CHECKS_DIR, MISTAKES_FILE, _tasks, add_mistake, normalise

ROOT = Path(__file__).resolve().parent.parent


def task_ids_in(folder):
    ids = set()
    for path in (ROOT / folder).glob("*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                ids |= set(re.findall(r'check\("(\d\d\.\d+)"', cell.source))
    return ids


def stored_tasks():
    rows = []
    for path in CHECKS_DIR.glob("[0-9][0-9].csv"):
        with open(path, encoding="utf-8", newline="") as f:
            rows += [dict(r, file=path.name) for r in csv.DictReader(f)]
    return rows


def test_every_check_in_the_exercises_has_a_stored_answer_and_none_is_unused():
    used = task_ids_in("exercises") | task_ids_in("notebooks")
    stored = {row["task"] for row in stored_tasks()}
    assert used == stored


def test_each_task_lives_in_its_lessons_file():
    for row in stored_tasks():
        assert row["file"] == row["task"].split(".")[0] + ".csv"
        assert re.fullmatch(r"[0-9a-f]{64}", row["answer_hash"])
        assert row["hint"]


def test_feedback_for_right_wrong_and_missing_answers():
    assert check("00.1", 4).correct
    assert check("00.1", 4.0).correct
    wrong = check("00.1", 5)
    assert not wrong.correct and wrong.message.startswith("Not yet. Hint:")
    assert set(path.name for path in CHECKS_DIR.glob("*.csv")) - {row["file"] for row in stored_tasks()} == {
        MISTAKES_FILE.name
    }
    assert check("00.1", None).message.startswith("Not yet answered")
    assert "no task" in check("99.9", 1).message


def test_sets_ignore_order_and_case_and_accept_a_pandas_column():
    answer = pd.Series(["ips-2007", "NCRI-2010", "breitbart-2014", "iranfreedom-2018"])
    assert check("01.5", answer).correct
    assert check("01.5", list(reversed(answer))).correct
    assert not check("01.5", answer[:3]).correct
    assert normalise(["b", "A"], "set") == normalise(("a", "B"), "set") == "a|b"


def test_a_table_where_a_column_is_wanted_gets_a_clear_hint():
    result = check("01.5", pd.DataFrame({"doc_id": ["ips-2007"]}))
    assert not result.correct and "pick one column" in result.message


def test_feedback_is_escaped_when_shown_as_html():
    assert "<script>" not in check("<script>", 1)._repr_html_()


def stored_mistakes():
    with open(MISTAKES_FILE, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_every_known_mistake_belongs_to_a_task_and_is_not_its_answer():
    tasks = _tasks()
    for row in stored_mistakes():
        assert row["task"] in tasks
        assert re.fullmatch(r"[0-9a-f]{64}", row["answer_hash"])
        assert row["answer_hash"] != tasks[row["task"]]["answer_hash"]
        assert row["hint"].strip()


def test_the_rate_task_answered_with_the_count_gets_its_own_hint():
    docs = load_corpus()
    freq = word_frequencies(docs, by="doc_id")
    row = freq[(freq["doc_id"] == "ncri-2010") & (freq["term"] == "ashraf")]
    count, rate = int(row["count"].item()), float(row["per_1000"].item())
    wrong = check("02.2", count)
    assert not wrong.correct
    assert "the count, not the rate" in wrong.message
    assert wrong.message.index("the count") < wrong.message.index("Hint:")
    assert check("02.2", round(rate, 1)).correct


def test_the_article_count_answered_with_the_mention_count_gets_its_own_hint():
    counts = mention_counts(load_corpus(), by=None).set_index("actor")
    mentions, articles = int(counts.loc["Camp Ashraf", "mentions"]), int(counts.loc["Camp Ashraf", "articles"])
    assert mentions != articles
    assert "the task asks in how many articles" in check("05.2", mentions).message
    assert check("05.2", articles).correct
    assert "articles" not in check("05.2", articles + 100).message.split("Hint:")[0]


def test_a_mistake_that_is_the_right_answer_is_refused():
    freq = word_frequencies(load_corpus(), by="doc_id")
    rate = freq[(freq["doc_id"] == "ncri-2010") & (freq["term"] == "ashraf")]["per_1000"].item()
    try:
        add_mistake("02.2", str(round(rate, 1)), "not a mistake")
    except ValueError as error:
        assert "right answer" in str(error)
    else:
        raise AssertionError("the right answer was stored as a mistake")
