"""Self-checks: right answers pass, wrong ones get a hint, and no answer is stored in plain text."""

import csv
import re
from pathlib import Path

import nbformat
import pandas as pd

from helpers import check
from helpers.self_checks import CHECKS_DIR, normalise

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
    for path in CHECKS_DIR.glob("*.csv"):
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
