"""Turn raw page captures into clean article texts, and say what was removed.

The raw files in ``corpus/raw/`` are kept byte for byte as they were captured.
This module makes the clean texts in ``corpus/texts/`` from them, always the
same way, and writes every removed line (or cut span) with its reason to
``corpus/removed_lines.csv`` so that nothing disappears silently.

What cleaning does, in order:

1. Replace no-break spaces (U+00A0) with ordinary spaces and drop spaces left
   at the end of a line. Nothing else in the text is changed: typos, spelling,
   quotation marks and paragraph breaks stay, because they are evidence.
2. Apply the editable line rules in ``corpus/cleaning_rules.csv``. Each rule
   has an ``action``: ``drop_line`` removes a matching line, ``drop_rest``
   removes a matching line and every line after it, ``cut`` removes only the
   matching part of a line.
3. Apply three structural rules that need no pattern:
   a doubled title (a line identical to the headline, the first line kept),
   an image caption run into the title (the headline, a comma and more text),
   a doubled paragraph (identical to an earlier one), and a pull quote
   (a paragraph of at least eight words all of which reappear, in the same
   order, in a longer paragraph of the same article).

For a corpus of your own, run ``python3 course.py clean PATH`` (it runs
``python -m helpers.cleaning PATH`` in the course's environment): it makes
``texts/`` and ``removed_lines.csv`` and says what it made. Run it without a
path to regenerate the course corpus, or with ``--check`` (``python -m
helpers.cleaning --check``, in ``.venv``) to see whether the committed files
still match what the code makes from the raw files.

Example:
    >>> result = clean_page("Title\\n\\nTitle\\n\\nBody\\u00a0text.\\n\\nCOMMENTS\\n\\nSay something", [])
    >>> result.text
    'Title\\n\\nBody text.\\n\\nCOMMENTS\\n\\nSay something\\n'
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from helpers.corpus import CORPUS_DIR
from helpers.inputs import CorpusError, read_csv_file, read_csv_text, read_text_file

RULES_FILE = "cleaning_rules.csv"
REMOVED_FILE = "removed_lines.csv"
RULE_ACTIONS = ("drop_line", "drop_rest", "cut")
REMOVED_COLUMNS = ["doc_id", "raw_file", "line", "rule", "reason", "text"]
PULL_QUOTE_MIN_WORDS = 8
_WORD = re.compile(r"\w+")


@dataclass
class Rule:
    """One line rule from ``cleaning_rules.csv``."""

    rule: str
    action: str
    pattern: re.Pattern
    reason: str


@dataclass
class CleanedPage:
    """The clean text of one page and the lines removed from it."""

    text: str
    removed: list[dict] = field(default_factory=list)


def read_rules(path: Path) -> list[Rule]:
    """Read and check the cleaning rules file.

    Example:
        >>> [r.rule for r in read_rules(CORPUS_DIR / RULES_FILE)][:2]
        ['header-date', 'breadcrumb']
    """
    rules = []
    frame = read_csv_file(path, required=["rule", "action", "pattern", "reason"], what="cleaning rules file")
    for row_number, row in frame.iterrows():
        if row["action"] not in RULE_ACTIONS:
            raise CorpusError(
                f"{path}, row {row_number}, field 'action': {row['action']!r} is not one of {', '.join(RULE_ACTIONS)}."
            )
        try:
            pattern = re.compile(row["pattern"])
        except re.error as error:
            raise CorpusError(
                f"{path}, row {row_number}, field 'pattern': not a valid regular expression "
                f"({error}). Fix the pattern or remove the row."
            ) from None
        rules.append(Rule(row["rule"], row["action"], pattern, row["reason"]))
    return rules


def _words(line: str) -> list[str]:
    return _WORD.findall(line.lower().replace("\u2019", "'"))


def _is_contained(short: list[str], long: list[str]) -> bool:
    """True when every word of ``short`` appears, in order, in ``long``."""
    matcher = difflib.SequenceMatcher(None, short, long, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) == len(short)


def clean_page(raw: str, rules: list[Rule]) -> CleanedPage:
    """Clean the text of one captured page.

    Returns the clean text (paragraphs separated by a blank line, ending with a
    newline) and one record per removed line or cut span, with the raw line
    number, the rule and its reason.
    """
    lines = [line.replace("\u00a0", " ").rstrip() for line in raw.split("\n")]
    keep = [bool(line) for line in lines]
    removed: list[dict] = []

    def remove(index: int, rule: str, reason: str, text: str | None = None) -> None:
        keep[index] = False
        removed.append(
            {"line": index + 1, "rule": rule, "reason": reason, "text": lines[index] if text is None else text}
        )

    rest_rule = None
    for i, line in enumerate(lines):
        if not line:
            continue
        matched = False
        for rule in rules:
            if rule.action == "cut":
                found = rule.pattern.search(line)
                if found:
                    removed.append({"line": i + 1, "rule": rule.rule, "reason": rule.reason, "text": found.group()})
                    lines[i] = (line[: found.start()] + line[found.end() :]).rstrip()
                    line = lines[i]
            elif rule.pattern.search(line):
                if rule.action == "drop_rest" and rest_rule is None:
                    rest_rule = rule
                remove(i, rule.rule, rule.reason)
                matched = True
                break
        if not matched and rest_rule is not None:
            remove(i, rest_rule.rule, rest_rule.reason)

    kept = [i for i, k in enumerate(keep) if k]
    if kept:
        title = lines[kept[0]]
        seen: set[str] = set()
        for i in kept[1:]:
            if lines[i] == title:
                remove(i, "doubled-title", "the headline repeated (page title and headline)")
            elif lines[i].startswith(title + ",") and lines[i] != title:
                remove(i, "caption-after-title", "image caption run into the headline")
            elif lines[i] in seen:
                remove(i, "doubled-paragraph", "paragraph identical to an earlier one")
            seen.add(lines[i])

        body = [i for i, k in enumerate(keep) if k][1:]
        words = {i: _words(lines[i]) for i in body}
        for i in body:
            if len(words[i]) < PULL_QUOTE_MIN_WORDS:
                continue
            for j in body:
                if j != i and keep[j] and len(words[j]) > len(words[i]) and _is_contained(words[i], words[j]):
                    remove(i, "pull-quote", f"pull quote repeating the text of line {j + 1}")
                    break

    paragraphs: list[list[str]] = [[]]
    for i, line in enumerate(lines):
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
        elif keep[i]:
            paragraphs[-1].append(line)
    text = "\n\n".join("\n".join(p) for p in paragraphs if p)
    removed.sort(key=lambda record: record["line"])
    return CleanedPage(text + "\n" if text else "", removed)


def clean_corpus(corpus_dir: Path | str | None = None, write: bool = True) -> dict[str, str]:
    """Clean every raw file named in the corpus metadata.

    Returns a mapping from file path (relative to the corpus folder) to the
    content cleaning produces. With ``write=True`` the files are written.

    Example:
        >>> outputs = clean_corpus(write=False)
        >>> sorted(outputs)[0]
        'removed_lines.csv'
    """
    corpus_dir = Path(corpus_dir) if corpus_dir else CORPUS_DIR
    metadata = read_csv_file(corpus_dir / "metadata.csv", required=["doc_id"], what="corpus metadata file")
    if "raw_file" not in metadata.columns:
        raise CorpusError(
            f"{corpus_dir / 'metadata.csv'}: no 'raw_file' column, so there is nothing to clean. "
            "Add a raw_file column naming each article's raw capture (e.g. raw/001.txt)."
        )
    rules = read_rules(corpus_dir / RULES_FILE)
    outputs: dict[str, str] = {}
    records: list[dict] = []
    for row_number, row in zip(metadata.index, metadata.itertuples(index=False)):
        raw_path = corpus_dir / row.raw_file
        if not row.raw_file or not raw_path.is_file():
            raise CorpusError(
                f"{corpus_dir / 'metadata.csv'}, row {row_number}, field 'raw_file': "
                f"no raw file at {raw_path}. Put the capture there or correct the path."
            )
        page = clean_page(read_text_file(raw_path), rules)
        outputs[f"texts/{row.doc_id}.txt"] = page.text
        records += [{"doc_id": row.doc_id, "raw_file": row.raw_file, **r} for r in page.removed]

    lines = [",".join(REMOVED_COLUMNS)]
    for record in records:
        lines.append(_csv_line([str(record[c]) for c in REMOVED_COLUMNS]))
    outputs[REMOVED_FILE] = "\n".join(lines) + "\n"

    if write:
        (corpus_dir / "texts").mkdir(exist_ok=True)
        for relative, content in outputs.items():
            (corpus_dir / relative).write_text(content, encoding="utf-8", newline="\n")
    return dict(sorted(outputs.items()))


def _csv_line(values: list[str]) -> str:
    out = []
    for value in values:
        if any(c in value for c in ',"\n'):
            value = '"' + value.replace('"', '""') + '"'
        out.append(value)
    return ",".join(out)


def stale_files(corpus_dir: Path | str | None = None) -> list[str]:
    """Names of generated files that differ from what cleaning makes now.

    Example:
        >>> stale_files()
        []
    """
    corpus_dir = Path(corpus_dir) if corpus_dir else CORPUS_DIR
    stale = []
    for relative, content in clean_corpus(corpus_dir, write=False).items():
        path = corpus_dir / relative
        if not path.is_file() or path.read_text(encoding="utf-8") != content:
            stale.append(relative)
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus_dir", nargs="?", default=None, help="corpus folder (default: the course corpus)")
    parser.add_argument("--check", action="store_true", help="only report files that are out of date")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_files(args.corpus_dir)
        for name in stale:
            print(f"out of date: {name} (run: python -m helpers.cleaning)")
        return 1 if stale else 0
    try:
        outputs = clean_corpus(args.corpus_dir)
    except CorpusError as error:
        print(f"Nothing was written: {error}", file=sys.stderr)
        return 1
    print(report(Path(args.corpus_dir) if args.corpus_dir else CORPUS_DIR, outputs))
    return 0


def report(corpus_dir: Path, outputs: dict[str, str]) -> str:
    """What cleaning made, in words: the files, the articles, the lines removed and where they are listed.

    Example:
        >>> print(report(CORPUS_DIR, clean_corpus(write=False)))  # doctest: +ELLIPSIS
        Cleaned 5 articles of .../corpus:
          texts/: 5 clean texts (breitbart-2014.txt, ips-2007.txt, iranfreedom-2018.txt, moroccantimes-2015.txt, ...)
          removed_lines.csv: ... lines or spans removed, each with its reason; read it to check every removal.
    """
    texts = [name.removeprefix("texts/") for name in outputs if name.startswith("texts/")]
    removed = len(read_csv_text(outputs[REMOVED_FILE], REMOVED_FILE)[0])
    shown = ", ".join(texts[:4]) + (", ..." if len(texts) > 4 else "")
    return (
        f"Cleaned {len(texts)} article{'s' if len(texts) != 1 else ''} of {corpus_dir}:\n"
        f"  texts/: {len(texts)} clean text{'s' if len(texts) != 1 else ''} ({shown})\n"
        f"  {REMOVED_FILE}: {removed} line{'s' if removed != 1 else ''} or spans removed, each with its reason; "
        "read it to check every removal."
    )


if __name__ == "__main__":
    sys.exit(main())
