"""Quotations: who speaks in an article in their own words, and how much room they get.

Choosing whom to quote, and at what length, is one of a writer's strongest
framing choices. :func:`quotations` finds every direct quotation (words put
between quotation marks) and who it is attributed to; :func:`voices` sums
them up per speaker; :func:`quoted_terms` lists the short quoted words and
phrases that are not speech at all ("scare quotes").

How quotation marks are paired
    Only double marks are read: curly ``“`` ``”`` and straight ``"``. Single
    marks (``‘ ’``) are not, because ``’`` is also the apostrophe. The marks of
    an article are read once, left to right, pairing each opening mark with
    the next closing one:

    - ``“`` opens and ``”`` closes; a straight ``"`` closes an open quotation
      and otherwise opens one, so a quotation may open curly and close
      straight (``marks="mixed"``);
    - a ``”`` with no quotation open, written after a comma or colon or before
      a word, and followed by a capital letter, is a closing mark used as an
      opening one (``Rajavi stated,” The fact is``): it opens a quotation
      (``marks="reversed"``). Likewise a ``“`` written at the end of a word,
      where a closing mark belongs, closes the open quotation;
    - a quotation that never closes (``closed=False``) ends where the next
      quotation opens, or at the end of its paragraph. Two exceptions follow
      the usual conventions of print: when the next paragraph opens with a
      quotation mark, the quotation goes on into it; and a quotation that
      opens a paragraph right after a paragraph ending with a colon (a speech
      "excerpts of which follow:") is a block quotation, which runs on over
      the following paragraphs until a closing mark, the next quotation, or
      the end of the text;
    - a closing mark with nothing open, that cannot be an opening one, is
      left out.

Who speaks
    The speaker is searched for in the sentence before the opening mark,
    then right after the closing mark, always next to a reporting verb from
    :data:`REPORTING_CUES` (said, told, added, stated, went on, pointed out...),
    the editable list ``helpers/data/reporting_verbs.csv``:

    - before: ``Rajavi said, “…``, ``Hoda Badran, Chair of …, said: “…``,
      ``Ghasem Suleimani, head of …, told the state-run Hamshahri newspaper, “…``;
    - after: ``“…”, one frustrated delegate told IPS.``, ``“…”, Dr. Ahi,
      explained.``, ``“…”, said Rajavi.``; an attribution after a quotation
      that ends its sentence is not taken when it introduces the next
      quotation (``regime.” She added,” In Iraq``);
    - ``“…” These are the words of Maryam Rajavi`` (cue ``words of``);
    - a reporting verb right before the mark with no name next to it
      (``…, but immediately added “not now…``) takes the name that opens the
      sentence;
    - a block quotation takes the speaker of the sentence that introduces it;
    - a quotation that follows straight on from another one in the same
      paragraph, with nothing but punctuation (or the other one's
      attribution) in between, has the same speaker and an empty ``cue``.

    The name kept is the name part only: ``Hoda Badran``, not her title.
    ``speaker_kind`` says what the text gives: ``listed actor`` (the name
    matches an alias in the actor list), ``other name``, ``unnamed source``
    (``one frustrated delegate``, ``another participant``, ``the
    organizers``), ``pronoun (resolved)``, ``pronoun (unresolved)`` or
    ``none``.

He, she
    A quotation attributed to "he" or "she" is given to the most recent
    named speaker earlier in the same article (named next to a quotation, or
    in reported speech such as ``Dr. Hoseyn Baqerzadeh … says``), within the
    same paragraph or the two before it, skipping a speaker whose title (Mr,
    Mrs, Ms...; also in the actor list's other aliases) says the other
    gender. ``speaker`` is then that name, and ``speaker_kind`` is
    ``pronoun (resolved)``; otherwise ``speaker`` stays ``he``/``she`` and the
    kind is ``pronoun (unresolved)``. "They" is never resolved.

Quotations and quoted terms
    A quoted passage of fewer than 4 words with no attribution found is a
    quoted term (“invitation-only”, "motherland", “a turning point”): a
    writer's way of holding a word at a distance, not a speaker's words. It
    goes to :func:`quoted_terms`, not to :func:`quotations`. An attributed
    passage is a quotation however short (“Through our struggle,” Rajavi
    said).

Interrupted quotations
    ``“Through our struggle,” Rajavi said, “we can rid …”`` gives two rows,
    one per pair of marks, so that ``start``/``end`` always point at real
    marks; both have the same speaker and the same ``quotation_id``, and
    :func:`voices` counts them as one quotation.

Lists and inputs
    The reporting verbs, the titles that may stand before a name, the
    capitalised words that are not names and the particles inside names are
    editable lists in ``helpers/data/`` (see its README). Which actor a
    speaker is comes from the actor list, matched by
    :class:`helpers.names.NameMatcher` as for :func:`helpers.actor_mentions`.
    Inputs follow the course's input contract (:mod:`helpers.inputs`); the
    chart is in :mod:`helpers.charts.quotes`, the explorer in
    :mod:`helpers.explorers.quotes`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers._engine import parallel
from helpers.actors import actor_list
from helpers.inputs import (
    DATA_DIR,
    check_column,
    check_docs,
    check_reused,
    read_csv_file,
    renamed_keywords,
    results_first_accepted,
)
from helpers.names import NameMatcher, gender_of_title, name_particles, not_names, speaker_titles
from helpers.progress import steps
from helpers.text import SENTENCE_COLUMNS, TOKEN_RE, _sentences, count_words

_VERBS = read_csv_file(DATA_DIR / "reporting_verbs.csv", ["verb", "takes_an_addressee"], "list of reporting verbs")
#: Reporting verbs that attribute a quotation (past and present forms): ``helpers/data/reporting_verbs.csv``.
REPORTING_CUES = tuple(verb.strip() for verb in _VERBS["verb"] if verb.strip())
#: Reporting verbs that may take an addressee before the quotation: told IPS, “…
_ADDRESSEE_CUES = tuple(_VERBS.loc[_VERBS["takes_an_addressee"].str.strip().eq("yes"), "verb"].str.strip())
#: Titles that may stand before a name (Mr., Dr., President...): ``helpers/data/titles.csv``.
TITLES = speaker_titles()
# Capitalised words that open sentences but are not names: ``helpers/data/not_names.csv``.
_NOT_NAMES = not_names()
MIN_QUOTATION_WORDS = 4
_PRONOUN_WINDOW_PARAGRAPHS = 2  # a pronoun looks back over its own paragraph and the two before it
_WINDOW_CHARS = 400

QUOTE_COLUMNS = [
    "doc_id", "quotation_id", "sentence_id", "quote", "speaker", "actor", "speaker_kind", "cue",
    "start", "end", "n_words", "closed", "marks",
]  # fmt: skip
TERM_COLUMNS = ["doc_id", "sentence_id", "term", "sentence", "start", "end", "n_words", "closed", "marks"]
VOICE_COLUMNS = ["speaker", "speaker_kind", "quotations", "words_quoted", "share_of_words"]
SHARE_COLUMNS = ["doc_id", "n_words", "quotations", "words_quoted", "quoted_share"]
_INT_COLUMNS = ("quotation_id", "sentence_id", "start", "end", "n_words")

# ---------------------------------------------------------------- regular expressions

_MARK_RE = re.compile('[“”"]')
_UPPER = "A-ZÀ-ÖØ-Þ"
_WORD = rf"[{_UPPER}](?:[\w\-]|[’'](?!s\b))*"  # a capitalised word, without a possessive 's
_PARTICLE = "(?:" + "|".join(name_particles()) + r")[\s\-]"
_TITLE = "(?:" + "|".join(sorted(TITLES, key=len, reverse=True)) + r")\.?\s+"
_NAME = (
    rf"(?<![\w’'\-])(?!(?:{'|'.join(_NOT_NAMES)})\b)"
    rf"(?:{_TITLE})?{_WORD}(?:\s+(?:{_PARTICLE})?{_WORD}){{0,3}}"
)
_PRONOUN = r"(?<![\w’'\-])(?:[Hh]e|[Ss]he|[Tt]hey)(?![\w’'\-])"
_UNNAMED = (
    r"(?<![\w’'\-])(?:[Oo]ne|[Aa]nother|[Aa]n?|[Tt]he|[Ss]ome|[Ss]everal|[Mm]any|[Tt]wo|[Tt]hree|[Oo]ther)"
    r"\s+(?:[a-z][\w’'\-]*\s+){0,3}?[a-z][\w’'\-]*"
)
# An apposition after a name: ", Chair of the Network of Arab Women from Egypt," (closed by a comma)
# or ", one of the organisers" (not closed, but then it must end with a lower-case word or a bracket).
_APPOS = r"(?:,\s+[^“”\"\n]{1,200}?,|,\s+[^“”\"\n]{0,200}?(?:\s[a-z][\w’'\-]*|\)))"
_ADV = (
    r"(?:(?:also|then|later|once|again|further|immediately|simply|had|has|have|was|is|would|will|"
    r"earlier|recently|previously|repeatedly|publicly|reportedly|only|just|finally|even)\s+){0,3}"
)
_CUE = "(?P<cue>" + "|".join(re.escape(c) for c in sorted(REPORTING_CUES, key=len, reverse=True)) + r")\b"
_ADDRESSEE_CHAR = r"(?:[^,:;.“”\"\n]|(?<=Mr)\.|(?<=Mrs)\.|(?<=Ms)\.|(?<=Dr)\.|(?<=[A-Z])\.)"
# Who was told: "told the state-run Hamshahri newspaper, “", "said to reporters: “", "told AKI that "".
_ADDRESSEE = (
    "(?:(?:" + "|".join(f"(?<={c})" for c in _ADDRESSEE_CUES) + ")"
    rf"\s+(?!that\b){_ADDRESSEE_CHAR}{{1,80}}?"
    rf"|\s+to\s+{_ADDRESSEE_CHAR}{{1,60}}?)"
)
# From the reporting verb to the opening mark: an addressee must be followed by "that" or a comma/colon,
# so that "told Mr. Ahmad Rafat of the news agency “Adnkronosinternational”" is not an attribution.
_TO_MARK = rf"(?:{_ADDRESSEE}(?:\s+that\s*|\s*[,:]\s*)|(?:\s+that)?\s*[,:]?\s*)$"

_BEFORE_NAMED = re.compile(rf"(?P<who>{_NAME})(?:{_APPOS})?[,\s]+{_ADV}{_CUE}{_TO_MARK}")
_BEFORE_PRONOUN = re.compile(rf"(?P<who>{_PRONOUN})[,\s]+{_ADV}{_CUE}{_TO_MARK}")
_BEFORE_UNNAMED = re.compile(rf"(?P<who>{_UNNAMED})\s+{_ADV}{_CUE}{_TO_MARK}")
_BEFORE_ACCORDING = re.compile(rf"(?P<cue>[Aa]ccording to)\s+(?P<who>{_NAME}|{_UNNAMED})(?:{_APPOS})?\s*[,:]?\s*$")
_BEFORE_CUE_ONLY = re.compile(rf"(?:^|[\s,;])(?<![\w’'\-]){_ADV}{_CUE}{_TO_MARK}")
_SENTENCE_SUBJECT = re.compile(rf"[\s\-–—(]*(?P<who>{_NAME}|{_PRONOUN})(?![’']s\b)")
_AFTER_NAMED = re.compile(rf"^[\s,;:–—-]*(?P<who>{_NAME})(?:{_APPOS})?[,\s]+{_ADV}{_CUE}")
_AFTER_PRONOUN = re.compile(rf"^[\s,;:–—-]*(?P<who>{_PRONOUN})[,\s]+{_ADV}{_CUE}")
_AFTER_UNNAMED = re.compile(rf"^[\s,;:–—-]*(?P<who>{_UNNAMED})(?:{_APPOS})?[,\s]+{_ADV}{_CUE}")
_AFTER_INVERTED = re.compile(rf"^[\s,;:–—-]*{_CUE}\s+(?P<who>{_NAME}|{_UNNAMED}|{_PRONOUN})")
_AFTER_WORDS_OF = re.compile(
    rf"^\s*(?:These|Those|Such|This|That)\s+(?:are|were|is|was)\s+(?:the\s+)?(?P<cue>words|remarks|comments)"
    rf"\s+of\s+(?P<who>{_NAME}|{_UNNAMED})"
)
# Reported speech anywhere in a sentence ("Dr. Baqerzadeh points out that"), for resolving he/she.
_REPORTED_SPEECH = re.compile(rf"(?P<who>{_NAME})(?:{_APPOS})?[,\s]+{_ADV}{_CUE}")
# The speaker of a sentence that introduces a block quotation ("Mrs. Rajavi also addressed … follow:").
_INTRODUCTION = re.compile(rf"(?P<who>{_NAME}|{_PRONOUN})(?:{_APPOS})?[,\s]+{_ADV}{_CUE}")
_INTRODUCES_NEXT = re.compile(rf"{_ADDRESSEE}?\s*[,:]?\s*[“”\"]")
_REVERSED_OPENER_NEXT = re.compile(rf"[ \t]*[{_UPPER}0-9…“]")
_ONLY_PUNCTUATION = re.compile(r"[\s.,;:…–—-]*")


# ---------------------------------------------------------------- pairing the marks


@dataclass
class _Span:
    start: int
    end: int
    closed: bool
    marks: str
    block: bool = False


def _looks_opening(text: str, pos: int) -> bool:
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/") and not after.isspace()


def _looks_closing(text: str, pos: int) -> bool:
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or after in ".,;:!?)]}…—–-")


def _is_reversed_opener(text: str, pos: int) -> bool:
    """A ” with nothing open, after a comma/colon or before a word, followed by a capital: it opens a quotation."""
    before = text[:pos].rstrip(" \t")[-1:]
    if not (before in (",", ":") or _looks_opening(text, pos)):
        return False
    return bool(_REVERSED_OPENER_NEXT.match(text, pos + 1))


def _marks_label(opening: str, closing: str | None) -> str:
    if opening == "”" or closing == "“":
        return "reversed"
    if closing is None:
        return "straight" if opening == '"' else "curly"
    if opening == closing == '"':
        return "straight"
    return "mixed" if '"' in (opening, closing) else "curly"


def _pair_marks(text: str, para_of, para_start: np.ndarray, para_end: np.ndarray) -> list[_Span]:
    """One pass over the quotation marks of a text: pair them into spans (see the module docstring)."""
    spans: list[_Span] = []
    state: dict | None = None  # the open quotation: start, char, para (last paragraph reached), block

    def unclosed(limit: int) -> None:
        end = limit
        while end > state["start"] + 1 and text[end - 1].isspace():
            end -= 1
        spans.append(_Span(state["start"], end, False, _marks_label(state["char"], None), state["block"]))

    for match in _MARK_RE.finditer(text):
        pos, char = match.start(), match.group()
        para = para_of(pos)
        if state is not None and para != state["para"]:
            opens_paragraph = pos == para_start[para] and char in '“"'
            if opens_paragraph and para == state["para"] + 1:
                state["para"] = para  # the next paragraph opens with a mark: the same quotation goes on
                continue
            if not state["block"]:
                unclosed(para_end[state["para"]])
                state = None
            elif char == "“" or (char == '"' and not _looks_closing(text, pos)):
                unclosed(para_end[para - 1])
                state = None
            else:
                state["para"] = para  # a block quotation closed in a later paragraph
        if state is None:
            opening = char == "“" or (char == '"' and (_looks_opening(text, pos) or not _looks_closing(text, pos)))
            if opening or (char == "”" and _is_reversed_opener(text, pos)):
                previous_end = para_end[para - 1] if para > 0 else -1
                block = pos == para_start[para] and previous_end > 0 and text[previous_end - 1] == ":"
                state = {"start": pos, "char": char, "para": para, "block": block}
            continue
        if char == "”" or (char == '"' and (state["char"] == '"' or not _looks_opening(text, pos))):
            closes = True
        elif char == "“":
            closes = _looks_closing(text, pos) and not _looks_opening(text, pos)
        else:
            closes = False
        if closes:
            label = _marks_label(state["char"], char)
            spans.append(_Span(state["start"], pos + 1, True, label, state["block"]))
            state = None
        else:
            unclosed(pos)
            previous_end = para_end[para - 1] if para > 0 else -1
            block = pos == para_start[para] and previous_end > 0 and text[previous_end - 1] == ":"
            state = {"start": pos, "char": char, "para": para, "block": block}
    if state is not None:
        unclosed(para_end[-1] if state["block"] else para_end[state["para"]])
    return spans


# ---------------------------------------------------------------- speakers


@dataclass
class _Attribution:
    speaker: str = ""
    cue: str = ""
    how: str = "none"  # name, pronoun, unnamed, none
    who_pos: int = -1  # where the name is written in the text
    after_end: int = -1  # where an attribution after the closing mark ends
    same_as: dict | None = None  # the quotation before, when this one follows straight on from it


def _how(match: re.Match) -> str:
    who = match.group("who")
    if re.fullmatch(_PRONOUN, who):
        return "pronoun"
    return "unnamed" if re.fullmatch(_UNNAMED, who) else "name"


def _from_match(match: re.Match | None, offset: int) -> _Attribution | None:
    if match is None:
        return None
    who = match.group("who")
    return _Attribution(who, match.group("cue").lower(), _how(match), offset + match.start("who"))


def _attribution_before(text: str, span: _Span, sentence_start: int, floor: int, intro: tuple[int, int] | None):
    """The speaker named before the opening mark, in its sentence but after any earlier quotation (``floor``)."""
    window_start = max(sentence_start, floor, span.start - _WINDOW_CHARS)
    window = text[window_start : span.start]
    for pattern in (_BEFORE_NAMED, _BEFORE_PRONOUN, _BEFORE_UNNAMED, _BEFORE_ACCORDING):
        found = _from_match(pattern.search(window), window_start)
        if found:
            return found
    cue_only = _BEFORE_CUE_ONLY.search(window)
    if cue_only:
        subject = _SENTENCE_SUBJECT.match(text, sentence_start, span.start)
        if subject and subject.end() <= window_start + cue_only.start() + 1:
            return _Attribution(subject.group("who"), cue_only.group("cue").lower(), _how(subject), subject.start())
        return _Attribution("", cue_only.group("cue").lower(), "none")
    if not window.strip() and intro is not None:
        # a quotation introduced by a sentence ending with a colon: its speaker is that sentence's speaker
        intro_start, intro_end = intro
        found = _from_match(_INTRODUCTION.search(text, intro_start, intro_end), 0)
        if found:
            return found
    return None


def _attribution_after(text: str, span: _Span, limit: int, quote: str):
    window = text[span.end : min(limit, span.end + _WINDOW_CHARS)]
    ends_sentence = quote[-1:] in ".!?…" or window.lstrip()[:1] in (".", "!", "?")
    for pattern in (_AFTER_NAMED, _AFTER_PRONOUN, _AFTER_UNNAMED, _AFTER_INVERTED):
        match = pattern.search(window)
        if match is None:
            continue
        if ends_sentence and _INTRODUCES_NEXT.match(window, match.end()):
            continue  # regime.” She added,” In Iraq: the attribution belongs to the next quotation
        found = _from_match(match, span.end)
        found.after_end = span.end + match.end()
        return found
    match = _AFTER_WORDS_OF.search(window)
    if match:
        found = _from_match(match, span.end)
        found.cue = "words of"
        return found
    return None


# ---------------------------------------------------------------- one document


def _quote_text(text: str, span: _Span) -> str:
    return text[span.start + 1 : span.end - 1 if span.closed else span.end].strip()


def _scan_document(doc_id, text, sentence_rows, matcher) -> tuple[list[tuple], list[tuple]]:
    """Quotation rows and quoted-term rows of one article."""
    s_start, s_end, s_para, s_id = sentence_rows
    if len(s_start) == 0 or not _MARK_RE.search(text):
        return [], []
    paragraphs, first = np.unique(s_para, return_index=True)
    last = np.r_[first[1:], len(s_para)] - 1
    para_start, para_end = s_start[first], s_end[last]
    sentence_para = np.searchsorted(paragraphs, s_para)

    starts, paras = s_start.tolist(), sentence_para.tolist()

    def sentence_of(pos: int) -> int:
        return max(bisect.bisect_right(starts, pos) - 1, 0)

    def para_of(pos: int) -> int:
        return paras[sentence_of(pos)]

    quotes: list[dict] = []
    terms: list[tuple] = []
    quotation_id = 0
    floor = 0  # the end of the previous quoted passage: the search for a speaker never goes back past it
    for span in _pair_marks(text, para_of, para_start, para_end):
        quote = _quote_text(text, span)
        n_words = len(TOKEN_RE.findall(quote))
        sentence = sentence_of(span.start)
        para = para_of(span.start)
        intro = None
        if span.start == s_start[sentence] and sentence > 0 and text[s_end[sentence - 1] - 1] == ":":
            intro = (int(s_start[sentence - 1]), int(s_end[sentence - 1]))
        found = _attribution_before(text, span, int(s_start[sentence]), floor, intro)
        floor = span.end
        if found is None and span.closed:
            found = _attribution_after(text, span, int(para_end[para_of(span.end - 1)]), quote)
        previous = quotes[-1] if quotes else None
        interrupted = False
        if previous is not None and previous["para"] == para:
            gap_from = max(previous["end"], previous["attribution"].after_end)
            gap = text[gap_from : span.start]
            follows_on = _ONLY_PUNCTUATION.fullmatch(gap) is not None
            interrupted = (
                follows_on
                and previous["attribution"].after_end > 0
                and "." not in gap
                and (previous["quote"].endswith(",") or quote[:1].islower())
            )
            if interrupted:
                found = previous["attribution"]
            elif found is None and follows_on and previous["attribution"].how != "none":
                found = _Attribution(previous["attribution"].speaker, "", previous["attribution"].how, -1)
                found.same_as = previous
        if found is None and n_words < MIN_QUOTATION_WORDS:
            in_sentence = text[s_start[sentence] : s_end[sentence]]
            terms.append((doc_id, int(s_id[sentence]), quote, in_sentence, span.start, span.end, n_words,
                          span.closed, span.marks))  # fmt: skip
            continue
        if not interrupted:
            quotation_id += 1
        quotes.append(
            {
                "span": span,
                "quote": quote,
                "n_words": n_words,
                "sentence": int(s_id[sentence]),
                "para": para,
                "end": span.end,
                "attribution": found or _Attribution(),
                "quotation_id": quotation_id,
            }
        )
    rows = [_resolve(q, quotes, text, matcher, sentence_rows, sentence_para) for q in quotes]
    return [(doc_id, *row) for row in rows], terms


def _resolve(q, quotes, text, matcher, sentence_rows, sentence_para) -> tuple:
    """The speaker, actor and speaker_kind of one quotation (pronouns resolved here)."""
    found: _Attribution = q["attribution"]
    speaker, cue, kind, actor = found.speaker, found.cue, "none", ""
    previous = found.same_as
    if previous is not None:
        speaker, actor, kind = previous["speaker"], previous["actor"], previous["kind"]
    elif found.how == "name":
        actor = matcher.actor_of(speaker)
        kind = "listed actor" if actor else "other name"
    elif found.how == "unnamed":
        kind = "unnamed source"
    elif found.how == "pronoun":
        kind = "pronoun (unresolved)"
        if speaker.lower() in ("he", "she"):
            named = _resolve_pronoun(q, speaker.lower(), quotes, text, matcher, sentence_rows, sentence_para)
            if named is not None:
                speaker, actor = named
                kind = "pronoun (resolved)"
    q.update(speaker=speaker, actor=actor, kind=kind)
    span = q["span"]
    return (q["quotation_id"], q["sentence"], q["quote"], speaker, actor, kind, cue, span.start, span.end,
            q["n_words"], span.closed, span.marks)  # fmt: skip


def _resolve_pronoun(q, pronoun, quotes, text, matcher, sentence_rows, sentence_para):
    """The most recent named speaker before a he/she quotation, nearby and of a compatible gender."""
    s_start, s_end, _, _ = sentence_rows
    position = q["attribution"].who_pos if q["attribution"].who_pos >= 0 else q["span"].start
    first_para = q["para"] - _PRONOUN_WINDOW_PARAGRAPHS
    inside_quotes = [(o["span"].start, o["span"].end) for o in quotes]
    candidates = []  # (position, name, actor)
    for other in quotes:
        if other is q:
            break
        named = other.get("kind") in ("listed actor", "other name", "pronoun (resolved)")
        where = other["attribution"].who_pos
        if named and where >= 0 and first_para <= sentence_para[np.searchsorted(s_start, where, "right") - 1]:
            candidates.append((where, other["speaker"], other["actor"]))
    for i in np.flatnonzero((sentence_para >= first_para) & (s_start < position)):
        for match in _REPORTED_SPEECH.finditer(text, int(s_start[i]), min(int(s_end[i]), position)):
            where = match.start("who")
            if not any(a <= where < b for a, b in inside_quotes):
                name = match.group("who")
                candidates.append((where, name, matcher.actor_of(name)))
    wanted = "male" if pronoun == "he" else "female"
    for where, name, actor in sorted(candidates, reverse=True):
        if where >= position:
            continue
        gender = gender_of_title(name) or matcher.gender_of.get(actor, "")
        if gender in ("", wanted):
            return name, actor
    return None


# ---------------------------------------------------------------- public functions


_NO_ACTORS = NameMatcher(pd.DataFrame({"actor": [], "actor_type": [], "alias": []}))


def _empty(columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    return frame.astype({c: "int64" for c in columns if c in _INT_COLUMNS} | {"closed": bool})


def _sentences_for(docs: pd.DataFrame, sents, function: str) -> pd.DataFrame:
    if sents is None:
        return _sentences(docs)
    return check_reused(sents, "sents", docs, function, SENTENCE_COLUMNS, "sentences(docs)", covers=True)


def _quotes_for(docs: pd.DataFrame, quotes, actors, sents, function: str) -> pd.DataFrame:
    """The quotations given (checked), or found with the actor list."""
    if quotes is not None:
        return check_reused(quotes, "quotes", docs, function, QUOTE_COLUMNS, "quotations(docs)")
    matcher = NameMatcher(actor_list(actors, docs, function))
    return _scan(docs, matcher, _sentences_for(docs, sents, function))[0]


def _sentence_arrays(sents: pd.DataFrame) -> dict:
    groups = sents.groupby("doc_id", sort=False).indices
    start, end = sents["start"].to_numpy(), sents["end"].to_numpy()
    para, ids = sents["paragraph_id"].to_numpy(), sents["sentence_id"].to_numpy()
    return {doc_id: (start[i], end[i], para[i], ids[i]) for doc_id, i in groups.items()}


def _scan(docs: pd.DataFrame, matcher: NameMatcher, sents: pd.DataFrame):
    """Quotations and quoted terms of every article, in one pass (on a large corpus, parts of it at the same
    time, one on each core: helpers._engine.parallel)."""
    return parallel.by_articles(_scan_articles, docs, sents, label="Finding quotations", matcher=matcher)


def _scan_articles(docs: pd.DataFrame, sents: pd.DataFrame, matcher: NameMatcher):
    if docs.empty:
        return _empty(QUOTE_COLUMNS), _empty(TERM_COLUMNS)
    by_doc = _sentence_arrays(sents)
    nothing = (np.array([], dtype=np.int64),) * 4
    quote_rows, term_rows = [], []
    for doc_id, text in steps(zip(docs["doc_id"], docs["text"]), "Finding quotations", len(docs)):
        found_quotes, found_terms = _scan_document(doc_id, text, by_doc.get(doc_id, nothing), matcher)
        quote_rows.extend(found_quotes)
        term_rows.extend(found_terms)
    quotes = pd.DataFrame(quote_rows, columns=QUOTE_COLUMNS) if quote_rows else _empty(QUOTE_COLUMNS)
    terms = pd.DataFrame(term_rows, columns=TERM_COLUMNS) if term_rows else _empty(TERM_COLUMNS)
    return quotes, terms


@renamed_keywords(positional=("actors",))
def quotations(docs: pd.DataFrame, *, actors=None, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every direct quotation in the corpus, with who says it: one row per pair of quotation marks.

    Columns: ``doc_id``; ``quotation_id`` (1, 2, ... in each article; the two
    pieces of a quotation interrupted by its attribution share one);
    ``sentence_id`` (of the sentence where the quotation opens); ``quote``
    (the words between the marks); ``speaker`` (the name as written, e.g.
    ``Dr. Shahriar Ahi``, ``one frustrated delegate``, or ``""``); ``actor``
    (the actor from ``actors``, by default the course list of
    :func:`helpers.load_actors`, whose alias matches the speaker, or ``""``); ``speaker_kind`` (``listed
    actor``, ``other name``, ``unnamed source``, ``pronoun (resolved)``,
    ``pronoun (unresolved)`` or ``none``); ``cue`` (the reporting verb, e.g.
    ``said``, ``told``, ``went on``); ``start``/``end`` (character offsets in
    the article's ``text``, marks included); ``n_words``; ``closed`` (False
    when the quotation never closes); ``marks`` (``curly``, ``straight``,
    ``mixed`` or ``reversed``). The rules are in this module's docstring.

    Short quoted terms that are not speech are left out: see
    :func:`quoted_terms`. An empty corpus, or one without quotation marks,
    gives an empty table with these columns. ``sents`` takes the output of
    :func:`helpers.sentences` if you already have it.

    Example:
        >>> from helpers import load_corpus
        >>> q = quotations(load_corpus())
        >>> q[q.doc_id == "breitbart-2014"][["speaker", "actor", "cue"]].head(3).values.tolist()
        [['Rajavi', 'Maryam Rajavi', 'said'], ['Rajavi', 'Maryam Rajavi', 'said'], ['Safavi', 'Rahim Safavi', 'said']]
    """
    check_docs(docs, "quotations")
    return _quotes_for(docs, None, actors, sents, "quotations")


@renamed_keywords(positional=("sents",))
def quoted_terms(docs: pd.DataFrame, *, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Short quoted words and phrases that nobody is reported to say: scare quotes and quoted names.

    A writer who puts “observers” or "motherland" between quotation marks
    holds the word at a distance: it is someone else's word, perhaps not to
    be believed. A passage of fewer than 4 words with no speaker or reporting
    verb next to it counts as such a term (see the module docstring).

    Columns: ``doc_id``, ``sentence_id``, ``term`` (the words between the
    marks), ``sentence`` (where it is used), ``start``/``end`` (offsets of
    the term with its marks), ``n_words``, ``closed``, ``marks``.

    Example:
        >>> from helpers import load_corpus
        >>> t = quoted_terms(load_corpus())
        >>> t[t.doc_id == "ips-2007"].term.head(4).tolist()
        ['Alternative', 'Iran Solidarity', 'invitation-only', 'a turning point']
    """
    check_docs(docs, "quoted_terms")
    return _scan(docs, _NO_ACTORS, _sentences_for(docs, sents, "quoted_terms"))[1]


def _voice_label(quotes: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """The speaker label of each quotation, and its kind with resolved pronouns folded into names."""
    actor, speaker, kind = quotes["actor"], quotes["speaker"], quotes["speaker_kind"]
    label = actor.where(actor.ne(""), speaker)
    label = label.mask(kind.eq("unnamed source"), "unnamed source")
    label = label.mask(kind.eq("none"), "no speaker found")
    label = label.mask(kind.eq("pronoun (unresolved)"), speaker.str.lower() + " (not resolved)")
    resolved = kind.eq("pronoun (resolved)")
    kind = kind.mask(resolved & actor.ne(""), "listed actor").mask(resolved & actor.eq(""), "other name")
    return label, kind


@results_first_accepted("quotes", QUOTE_COLUMNS, positional=("by",))
def voices(
    docs: pd.DataFrame,
    *,
    quotes: pd.DataFrame | None = None,
    by: str = "doc_id",
    actors=None,
    sents: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Who is quoted in each article (or outlet, genre...), how often and at what length.

    ``quotes`` is the table from :func:`quotations`, found here when it is
    not given (with ``actors`` and ``sents``). Columns: the ``by`` column;
    ``speaker`` (the actor where the name is in the actor list, else the name
    as written, else ``unnamed source``; ``no speaker found`` when no
    attribution was found; ``he (not resolved)`` for an unresolved pronoun);
    ``speaker_kind`` (a resolved pronoun counts as the kind of the name it
    stands for); ``quotations`` (an interrupted quotation counts once);
    ``words_quoted``; ``share_of_words`` (of all the quoted words in that
    article or group, so the shares add up to 1 in each group). Rows follow
    the order of the articles, then the most-quoted speaker first.

    ``by`` may be any column of ``docs`` (``outlet``, ``genre``...); an
    unknown column is a ``ValueError``. No quotations give an empty table
    with these columns.

    Example:
        >>> from helpers import load_corpus
        >>> docs = load_corpus()
        >>> v = voices(docs, quotes=quotations(docs))
        >>> v[v.doc_id == "moroccantimes-2015"][["speaker", "quotations", "words_quoted"]].values.tolist()
        [['Maryam Rajavi', 5, 200], ['Hoda Badran', 1, 46]]
    """
    if docs is None and quotes is not None:  # the previous voices(quotes), without docs: by article
        if by != "doc_id":
            raise ValueError(f"voices(docs, quotes=quotes, by={by!r}) needs docs, to know the {by!r} of each article.")
        return _voices(quotes, None, by)
    check_docs(docs, "voices")
    check_column(docs, by, "voices")
    return _voices(_quotes_for(docs, quotes, actors, sents, "voices"), docs, by)


def _voices(quotes: pd.DataFrame, docs: pd.DataFrame | None, by: str) -> pd.DataFrame:
    columns = [by, *VOICE_COLUMNS]
    if quotes.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns}).astype(
            {"quotations": "int64", "words_quoted": "int64", "share_of_words": "float64"}
        )
    frame = quotes[["doc_id", "quotation_id", "n_words"]].copy()
    frame["speaker"], frame["speaker_kind"] = _voice_label(quotes)
    if by != "doc_id":
        frame[by] = frame["doc_id"].map(dict(zip(docs["doc_id"], docs[by])))
    order = list(dict.fromkeys(docs[by] if docs is not None else frame[by]))
    frame["quotation_key"] = frame["doc_id"] + "#" + frame["quotation_id"].astype(str)
    table = (
        frame.groupby([by, "speaker"], sort=False)
        .agg(
            speaker_kind=("speaker_kind", "first"),
            quotations=("quotation_key", "nunique"),
            words_quoted=("n_words", "sum"),
        )
        .reset_index()
    )
    totals = table.groupby(by, sort=False)["words_quoted"].transform("sum")
    table["share_of_words"] = (table["words_quoted"] / totals.where(totals > 0)).fillna(0.0).round(4)
    table["_order"] = table[by].map({group: i for i, group in enumerate(order)})
    table = table.sort_values(["_order", "words_quoted", "speaker"], ascending=[True, False, True], kind="stable")
    return table[columns].astype({"quotations": "int64", "words_quoted": "int64"}).reset_index(drop=True)


@results_first_accepted("quotes", QUOTE_COLUMNS)
def quoted_share(
    docs: pd.DataFrame, *, quotes: pd.DataFrame | None = None, actors=None, sents: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One line per article: how much of it is other people's words between quotation marks.

    Columns: ``doc_id``, ``n_words`` (of the article), ``quotations``,
    ``words_quoted`` (words inside the quotations of :func:`quotations`, given
    as ``quotes=`` or found here; quoted terms are not counted) and
    ``quoted_share`` (``words_quoted / n_words``). Every article of ``docs``
    has a line, with 0 when it quotes nobody.

    Example:
        >>> from helpers import load_corpus
        >>> docs = load_corpus()
        >>> quoted_share(docs)[["doc_id", "quotations"]].values.tolist()
        [['ips-2007', 12], ['ncri-2010', 1], ['breitbart-2014', 5], ['moroccantimes-2015', 6], ['iranfreedom-2018', 0]]
    """
    check_docs(docs, "quoted_share")
    quotes = _quotes_for(docs, quotes, actors, sents, "quoted_share")
    n_words = docs["n_words"] if "n_words" in docs.columns else count_words(docs["text"])
    table = pd.DataFrame({"doc_id": docs["doc_id"].to_numpy(), "n_words": n_words.to_numpy(dtype="int64")})
    keys = quotes["doc_id"] + "#" + quotes["quotation_id"].astype(str)
    counts = keys.groupby(quotes["doc_id"]).nunique()
    words = quotes.groupby("doc_id")["n_words"].sum()
    table["quotations"] = table["doc_id"].map(counts).fillna(0).astype("int64")
    table["words_quoted"] = table["doc_id"].map(words).fillna(0).astype("int64")
    table["quoted_share"] = (table["words_quoted"] / table["n_words"].where(table["n_words"] > 0)).fillna(0.0)
    table["quoted_share"] = table["quoted_share"].round(4)
    return table[SHARE_COLUMNS]
