"""Searching texts fast: the context of concordance matches, and one search over all the texts of a large corpus.

:func:`helpers.kwic` says what a match is (:func:`helpers.words.compile_query`) and what its
context is; this module finds the context of each match from the offsets of the tokens and
sentences (:func:`in_context`), and, for the concordance explorer on a large corpus, searches every
text at once (:class:`JoinedTexts`, :func:`literal_matches`) instead of one text after another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers._engine.tables import rows_of_articles

_WHITESPACE = re.compile(r"\s+")


@dataclass
class DocIndex:
    """Token and sentence offsets of one article, for looking up the context of a match."""

    token_starts: np.ndarray
    token_ends: np.ndarray
    token_sentences: np.ndarray
    sentence_ids: np.ndarray
    sentence_starts: np.ndarray
    sentence_ends: np.ndarray


def context_index(docs: pd.DataFrame, sents: pd.DataFrame, toks: pd.DataFrame) -> dict[str, DocIndex]:
    """For each article, the offsets of its tokens and sentences, to find the context of a match."""
    token_rows = rows_of_articles(docs, toks["doc_id"])
    sentence_rows = rows_of_articles(docs, sents["doc_id"])
    t_start, t_end = toks["start"].to_numpy(), toks["end"].to_numpy()
    t_sentence = toks["sentence_id"].to_numpy()
    s_id, s_start = sents["sentence_id"].to_numpy(), sents["start"].to_numpy()
    s_end = sents["end"].to_numpy()
    none = np.zeros(0, dtype=np.int64)
    index = {}
    for doc_id in docs["doc_id"]:
        t = token_rows.get(doc_id, none)
        s = sentence_rows.get(doc_id, none)
        index[doc_id] = DocIndex(t_start[t], t_end[t], t_sentence[t], s_id[s], s_start[s], s_end[s])
    return index


def squeeze(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


def in_context(text: str, spans: list[tuple[int, int]], at: DocIndex, window: int) -> list[tuple]:
    """``(sentence_id, left, match, right, start, end)`` for each match ``(start, end)`` of one article.

    The rules are those of :func:`helpers.kwic`: the ``window`` tokens on each side within the sentence,
    to the sentence's edge when the window reaches it, widened to whole words as written, white space
    squeezed to one space.
    """
    if not spans:
        return []
    starts = np.array([s for s, _ in spans], dtype=np.int64)
    ends = np.array([e for _, e in spans], dtype=np.int64)
    if len(at.sentence_starts) == 0:
        return [(0, "", text[s:e], "", s, e) for s, e in spans]
    # The sentence where the match starts (for the left context) and where it ends (for the right context).
    first = np.clip(np.searchsorted(at.sentence_starts, starts, "right") - 1, 0, None)
    last = np.clip(np.searchsorted(at.sentence_starts, ends - 1, "right") - 1, 0, None)
    left_limit = np.searchsorted(at.token_sentences, at.sentence_ids[first], "left")
    right_limit = np.searchsorted(at.token_sentences, at.sentence_ids[last], "right")
    before = np.searchsorted(at.token_ends, starts, "right")  # tokens [0, before) end before the match
    after = np.searchsorted(at.token_starts, ends, "left")  # tokens [after, ...) start after it
    left_first = np.minimum(np.maximum(before - window, left_limit), before)
    right_stop = np.maximum(np.minimum(after + window, right_limit), after)
    padded_starts = np.append(at.token_starts, 0)
    padded_ends = np.append(at.token_ends, 0)
    # When the window reaches the edge of the sentence, show the sentence up to its edge (quotation marks, full stop).
    left_from = np.where(left_first < before, padded_starts[left_first], starts)
    left_from = np.where((left_first <= left_limit) & (window > 0), at.sentence_starts[first], left_from)
    right_to = np.where(right_stop > after, padded_ends[np.maximum(right_stop - 1, 0)], ends)
    right_to = np.where((right_stop >= right_limit) & (window > 0), at.sentence_ends[last], right_to)
    left_from, right_to = np.minimum(left_from, starts), np.maximum(right_to, ends)
    # Widen the context to whole words as written ("People’s", not "’s"), without leaving the sentence.
    left_edge = np.minimum(at.sentence_starts[first], left_from)
    right_edge = np.maximum(at.sentence_ends[last], right_to)
    sentence_ids = at.sentence_ids[first]
    rows = []
    for sid, lf, s, e, rt, le, re_ in zip(sentence_ids, left_from, starts, ends, right_to, left_edge, right_edge):
        if lf < s:
            lf = max(_word_start(text, lf), le)
        if rt > e:
            rt = min(_word_end(text, rt), re_)
        rows.append((int(sid), squeeze(text[lf:s]), squeeze(text[s:e]), squeeze(text[e:rt]), int(s), int(e)))
    return rows


def _word_start(text: str, position: int) -> int:
    """The start of the whitespace-delimited word that contains ``position``."""
    return max(text.rfind(" ", 0, position), text.rfind("\n", 0, position)) + 1


def _word_end(text: str, position: int) -> int:
    """The end of the whitespace-delimited word that ends at or runs past ``position``."""
    ends = [i for i in (text.find(" ", position), text.find("\n", position)) if i >= 0]
    return min(ends) if ends else len(text)


class JoinedTexts:
    """The texts of a corpus, case-folded and joined into one string, to search them all with one regular
    expression that ignores case (thousands of separate searches cost more).

    The texts are joined by NUL, which no query of the concordance matches and which, like the start and
    the end of a text, is neither a letter nor a digit. The characters of the corpus that match each other
    when case is ignored (as Python's regular expressions see it: "i", "I" and "İ"; "s", "S" and "ſ"), and
    the straight and curly quotation marks a query treats alike, are all replaced by one of them: the
    folded text keeps the offsets of the original, and can be searched without IGNORECASE, which makes
    the search much faster (it can look for the query's first word as plain text).
    """

    def __init__(self, texts: list[str], alike: dict[str, str]):
        self.texts = texts
        self.alike = alike  # characters a query treats alike: the character class each stands for
        joined = "\x00".join(texts)
        lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
        self.starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        self.chars = sorted(set(joined))
        cased = [c for c in self.chars if c.lower() != c or c.upper() != c]
        same = {c: c for c in self.chars}  # each character's group of characters a query treats alike

        def group_of(c: str) -> str:
            while same[c] != c:
                c = same[c]
            return c

        for a in cased:
            ignoring_case = re.compile(re.escape(a), re.IGNORECASE)
            for b in cased:
                if ignoring_case.fullmatch(b):
                    first, second = sorted((group_of(a), group_of(b)))
                    same[second] = first
        for quotes in set(alike.values()):  # a query's quotation mark stands for all of its kind
            found = sorted(group_of(c) for c in quotes[1:-1] if c in same)
            for c in found[1:]:
                same[c] = found[0]
        self.fold = {
            ord(c): group_of(c)
            for c in self.chars
            if group_of(c) != c and c.isalnum() == group_of(c).isalnum() and c.isspace() == group_of(c).isspace()
        }
        self.folded = joined.translate(self.fold) if self.fold else joined


def literal_matches(joined: JoinedTexts, query: str, pattern: re.Pattern, case: bool):
    """The article (row) and start of every match of ``pattern`` (a query as written, from
    :func:`helpers.words.compile_query`): exactly the matches of ``pattern.finditer`` on each text, found faster.

    The search pattern has the structure of ``pattern`` (words joined by ``\\s+``), with each character
    replaced by the set of the corpus's characters it matches (folded, when case is ignored: then the
    folded texts are searched at once), and the "no letter or digit before" rule checked after the first
    word, where it does not stop the regular expression from looking for that word as plain text. Returns
    None (search with ``pattern``, article by article) when this cannot give exactly the same matches: a
    query with a NUL, or a character whose folded form stands for characters that it does not match.
    """
    text = query.strip()
    none = np.zeros(0, dtype=np.int64)
    if "\x00" in text:
        return None
    flags = 0 if case else re.IGNORECASE
    words = []
    for word in text.split():
        pieces = []
        for ch in word:
            exact = re.compile(joined.alike.get(ch) or re.escape(ch), flags)
            matching = [c for c in joined.chars if exact.fullmatch(c)]
            if not matching:  # no character of the corpus matches: the query occurs nowhere
                return none, none
            if case:
                members = set(matching)
            else:
                members = {c.translate(joined.fold) for c in matching}
                if any(c.translate(joined.fold) in members for c in set(joined.chars) - set(matching)):
                    return None
            members = sorted(members)
            pieces.append(re.escape(members[0]) if len(members) == 1 else f"[{''.join(map(re.escape, members))}]")
        words.append("".join(pieces))
    if pattern.pattern.startswith(r"(?<!\w)"):  # the same rule, checked at the end of the first word
        words[0] += r"(?<!\w[\s\S]{" + str(len(text.split()[0])) + "})"
    search = re.compile(r"\s+".join(words) + (r"(?!\w)" if pattern.pattern.endswith(r"(?!\w)") else ""))
    if case:  # the same pattern as ``pattern``, only faster: search the texts themselves
        found = [np.fromiter(map(re.Match.start, search.finditer(t)), dtype=np.int64) for t in joined.texts]
        rows = np.repeat(np.arange(len(found), dtype=np.int64), [len(f) for f in found])
        return rows, np.concatenate(found) if found else none
    starts = np.fromiter(map(re.Match.start, search.finditer(joined.folded)), dtype=np.int64)
    rows = np.searchsorted(joined.starts, starts, side="right") - 1
    return rows, starts - joined.starts[rows]


def starts_by_article(texts, pattern: re.Pattern) -> tuple[np.ndarray, np.ndarray]:
    """The article (row) and start of every match of ``pattern`` (matches of no length left out, as in kwic)."""
    rows, starts = [], []
    for row, text in enumerate(texts):
        for match in pattern.finditer(text):
            if match.end() > match.start():
                rows.append(row)
                starts.append(match.start())
    return np.asarray(rows, dtype=np.int64), np.asarray(starts, dtype=np.int64)


# --------------------------------------------------------------------------------------------------------------------
# A long list of words and names, searched at the starts of words only


_WORD = re.compile(r"\w+")


_CASED_BEYOND_ASCII = re.compile(r"[^\x00-\x7f]")


def _units(first: str, ignore_case: bool) -> list[tuple[str, str]]:
    """The beginning of an alternative as ``(kind, character)``: each word character, ``"any case"`` when
    ``ignore_case``, else ``"as written"``; white space as ``("space", " ")``. It stops at any other character."""
    units = []
    for part_number, part in enumerate(first.split(" ")):
        if part_number:
            units.append(("space", " "))
        for character in part:
            if not _WORD.fullmatch(character):
                return units
            cased = ignore_case and character.lower() != character.upper()
            units.append(("any case" if cased else "as written", character))
    return units


def _expression(unit: tuple[str, str], lowered: bool = False) -> str:
    """A unit as part of an expression: for the original text, or (``lowered``) for a lower-case copy of a text
    without cased characters beyond ASCII, where a character in any case is found as the lower-case one."""
    kind, character = unit
    if kind == "space":
        return r"\s+"
    if kind == "as written":
        return re.escape(character)
    folded = character.lower() if len(character.lower()) == 1 else character
    if not lowered:
        return f"(?i:{re.escape(folded)})"
    if character.isascii():
        return re.escape(folded)
    # a character beyond ASCII, in any case, matches these ASCII letters (İ matches i and I); as lower case:
    matching = sorted({c.lower() for c in map(chr, range(128)) if re.fullmatch(f"(?i:{re.escape(folded)})", c)})
    return f"[{''.join(map(re.escape, matching))}]" if matching else "(?!)"


def _tree(beginnings) -> dict:
    """The beginnings (lists of units) as a tree ``{unit: subtree}``, where ``{}`` under ``""`` ends one: where a
    shorter beginning ends, the longer ones need not be looked at."""
    tree: dict = {}
    for units in beginnings:
        node = tree
        for unit in units:
            if "" in node:
                break
            node = node.setdefault(unit, {})
        node.clear()
        node[""] = {}
    return tree


def _tree_expression(tree: dict, lowered: bool = False) -> str:
    """One expression for a tree of beginnings (``(?:I(?:ran|raq)|...)``)."""
    if "" in tree:
        return ""
    branches = sorted(_expression(unit, lowered) + _tree_expression(sub, lowered) for unit, sub in tree.items())
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


class ListSearch:
    """What ``left(?:(p0)|(p1)|...)right`` finds with ``finditer``, found many times faster for a long list.

    Python's regular expressions try every alternative of a list at every position of a text. But when
    each alternative starts with a word character and ``left`` refuses a word character before the match
    (``(?<!\\w)``), a match can only start where a word starts, and only with the alternatives whose first
    character is the one found there. So this tries the starts of words only, each with a small expression
    made of those alternatives alone, in their order: the matches are the same, the first listed
    alternative winning at each place as in the one expression. A list with an alternative that starts
    otherwise is searched with the one expression.

    ``alternatives`` are ``(pattern, first_characters, ignore_case)``: ``pattern`` always begins with the
    text ``first_characters`` (in either case when ``ignore_case``; a space there stands for any run of white
    space), and has no capturing groups. A place is only tried if the text there begins with the word
    characters and spaces that begin the ``first_characters`` of an alternative.
    """

    def __init__(self, alternatives: list[tuple[str, str, bool]], left: str, right: str, flags: int = 0):
        self.alternatives = alternatives
        self.left, self.right, self.flags = left, right, flags
        self.whole = self._compile(range(len(alternatives)))
        self.at_word_starts = all(_WORD.fullmatch(first[:1]) for _, first, _ in alternatives)
        self.by_character: dict[str, tuple[int, ...]] = {}  # alternatives that may start with a character
        self.expressions: dict[tuple[int, ...], re.Pattern] = {}
        self.places = self._places() if self.at_word_starts else None

    def _places(self) -> re.Pattern:
        """Where a word starts that may begin an alternative (in C, quickly): the text there begins with the
        word characters (and spaces) that an alternative begins with. These beginnings make a tree, written as
        one expression, so that a place is tried only if its first letters fit.

        The same, twice as fast on a text without cased letters beyond ASCII (most news in English): the
        alternatives that ignore case are looked for in a lower-case copy of the text, without ignoring case
        (``_lower_places``), those written in capitals (acronyms) in the text itself (``_cased_places``)."""
        beginnings = [_units(first, ignore_case) for _, first, ignore_case in self.alternatives]
        any_case = [units for units in beginnings if any(kind == "any case" for kind, _ in units)]
        as_written = [units for units in beginnings if not any(kind == "any case" for kind, _ in units)]
        self._lower_places = re.compile(rf"(?<!\w)(?={_tree_expression(_tree(any_case), lowered=True)})")
        # each branch starts with its first character as written: the expression engine skips to those quickly
        tree = _tree(as_written)
        branches = [
            _expression(unit) + r"(?<!\w.)" + (f"(?={rest})" if (rest := _tree_expression(sub)) else "")
            for unit, sub in sorted(tree.items())
            if unit
        ]
        self._cased_places = re.compile(f"(?:{'|'.join(branches)})") if branches else None
        return re.compile(rf"(?<!\w)(?={_tree_expression(_tree(beginnings))})")

    def _starts(self, text: str):
        """The places to try in ``text``, in order."""
        if _CASED_BEYOND_ASCII.search(text) is not None:
            cased = {c for c in _CASED_BEYOND_ASCII.findall(text) if c.lower() != c.upper()}
            if cased:
                return [m.start() for m in self.places.finditer(text)]
        found = [m.start() for m in self._lower_places.finditer(text.lower())]
        if self._cased_places is not None:
            found = sorted(set(found).union(m.start() for m in self._cased_places.finditer(text)))
        return found

    def _compile(self, which) -> re.Pattern:
        groups = "|".join(f"({self.alternatives[i][0]})" for i in which)
        return re.compile(f"{self.left}(?:{groups}){self.right}", self.flags)

    def _starting_with(self, character: str) -> tuple[int, ...]:
        found = self.by_character.get(character)
        if found is None:
            found = self.by_character[character] = tuple(
                i
                for i, (_, first, ignore_case) in enumerate(self.alternatives)
                if re.fullmatch(re.escape(first[0]), character, re.IGNORECASE if ignore_case else 0)
            )
            if found and found not in self.expressions:
                self.expressions[found] = self._compile(found)
        return found

    def finditer(self, text: str):
        """``(start, end, alternative)`` of each match in order, ``alternative`` its position in the list."""
        if not self.at_word_starts:
            for m in self.whole.finditer(text):
                yield m.start(), m.end(), m.lastindex - 1
            return
        done = 0  # matches do not overlap: look again from the end of the last one
        for start in self._starts(text):
            if start < done:
                continue
            which = self._starting_with(text[start])
            if not which:
                continue
            m = self.expressions[which].match(text, start)
            if m is not None:
                done = m.end()
                yield start, done, which[m.lastindex - 1]
