"""Actors: who is named in the corpus, and by which name.

The actor list is ``corpus/actors.csv``: one row per alias, with the columns
``actor``, ``actor_type``, ``alias`` and ``note``. Teachers can add a row for
a new alias or actor in any spreadsheet program.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.corpus import CORPUS_DIR, CorpusError, read_text_file

ACTOR_COLUMNS = ("actor", "actor_type", "alias")
ACTOR_TYPES = ("person", "organisation", "state", "place", "event")


def load_actors(path: Path | str | None = None) -> pd.DataFrame:
    """Read an actor list: one row per alias, with ``actor``, ``actor_type``, ``alias`` and ``note``.

    Example:
        >>> actors = load_actors()
        >>> sorted(actors[actors.actor == "PMOI/MEK"].alias)[:3]
        ['MEK', 'MKO', 'Mojahedeen Khalq Organisation']
    """
    path = Path(path) if path is not None else CORPUS_DIR / "actors.csv"
    frame = read_metadata_like(path, ACTOR_COLUMNS)
    for row_number, row in frame.iterrows():
        for column in ACTOR_COLUMNS:
            if not str(row[column]).strip():
                raise CorpusError(f"{path}, row {row_number}, field '{column}': empty. Fill it in or remove the row.")
        if row["actor_type"] not in ACTOR_TYPES:
            raise CorpusError(
                f"{path}, row {row_number}, field 'actor_type': {row['actor_type']!r} is not one of "
                f"{', '.join(ACTOR_TYPES)}."
            )
    key = frame["alias"].str.replace("’", "'", regex=False).str.lower()
    clash = frame[key.duplicated(keep=False)]
    if not clash.empty:
        rows = ", ".join(f"row {r} ({a!r} for {b!r})" for r, a, b in zip(clash.index, clash.alias, clash.actor))
        raise CorpusError(f"{path}: the same alias is listed more than once: {rows}. Keep one row per alias.")
    if "note" not in frame.columns:
        frame["note"] = ""
    return frame.reset_index(drop=True)


def read_metadata_like(path: Path, required: tuple[str, ...]) -> pd.DataFrame:
    """Read an editable CSV data file as text, checking its encoding and required columns."""
    if not path.is_file():
        raise CorpusError(f"{path}: no such file.")
    read_text_file(path)  # a clear error if the file is not UTF-8
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise CorpusError(
            f"{path}: missing column(s) {', '.join(missing)}. Found: {', '.join(frame.columns)}. "
            f"The file needs the columns {', '.join(required)}."
        )
    frame.index = range(2, 2 + len(frame))
    return frame
