"""download_my_work(): the learner's answers, as saved, in a zip inside a download link."""

import base64
import io
import re
import shutil
import zipfile

from helpers.saving import download_my_work


def test_the_link_holds_the_saved_answers_and_results(tmp_path):
    shutil.copytree("exercises", tmp_path / "exercises")
    notebook = tmp_path / "exercises" / "01-meet-the-corpus-exercises.ipynb"
    notebook.write_text(notebook.read_text().replace("answer = None", "answer = 3", 1))
    (tmp_path / "notebooks" / "my-results").mkdir(parents=True)
    (tmp_path / "notebooks" / "my-results" / "table.csv").write_text("term,count\nregime,53\n")
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "metadata.csv").write_text("not part of the learner's work")

    link = download_my_work(tmp_path)
    assert "exercises/01-meet-the-corpus-exercises.ipynb" in link.files
    assert "notebooks/my-results/table.csv" in link.files
    assert not any(name.startswith("corpus/") for name in link.files)

    shown = link._repr_html_()
    data = base64.b64decode(re.search(r'href="data:application/zip;base64,([^"]+)"', shown).group(1))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "answer = 3" in archive.read("exercises/01-meet-the-corpus-exercises.ipynb").decode()
        assert archive.read("notebooks/my-results/table.csv").decode().startswith("term,count")
    assert f'download="{link.filename}"' in shown


def test_file_names_are_escaped_in_the_listing(tmp_path):
    (tmp_path / "my-results").mkdir()
    (tmp_path / "my-results" / "<b>.csv").write_text("x")
    shown = download_my_work(tmp_path)._repr_html_()
    assert "&lt;b&gt;.csv" in shown and "<b>.csv" not in shown
