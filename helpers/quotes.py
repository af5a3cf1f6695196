"""Quotations: who speaks in an article in their own words, and how much room they get.

Choosing whom to quote, and at what length, is one of a writer's strongest
framing choices. :func:`quotations` finds every direct quotation (words put
between quotation marks) and who it is attributed to; :func:`voices` sums
them up per speaker; :func:`quoted_terms` lists the short quoted words and
phrases that are not speech at all ("scare quotes").

How quotation marks are paired
    Double marks are read: curly ``“`` ``”``, straight ``"`` and the
    guillemets ``«`` ``»`` of French and other languages
    (``marks="guillemets"``). Single marks (``‘ ’``) are not, because ``’`` is
    also the apostrophe. The marks of an article are read once, left to
    right, pairing each opening mark with the next closing one:

    - ``“`` and ``«`` open, ``”`` and ``»`` close; a straight ``"`` closes an
      open quotation and otherwise opens one, so a quotation may open curly
      and close straight (``marks="mixed"``);
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
    The speaker is searched for next to a reporting verb from
    :data:`REPORTING_CUES` (said, told, added, went on, pointed out, saying...),
    the editable list ``helpers/data/reporting_verbs.csv``, first before the
    opening mark, in its sentence but after any earlier quotation:

    - the name right before the verb: ``Rajavi said, “…``, ``Hoda Badran,
      Chair of …, said: “…``, ``Sheldon Yett of UNICEF told``; not a word
      after a preposition (``speaking to the Atlantic Council, called``), not
      a weekday or a month (``Senator Jane Doe on the Senate floor on Tuesday
      said`` gives Senator Jane Doe), not a verb inside an aside between
      dashes or brackets, nor a passive one (``was said to``);
    - a body after "the", an acronym included: ``the ADL said``, ``The State
      Department said``, ``the Turkish Ministry of Foreign Affairs stated``;
      an unnamed source: ``one frustrated delegate told``, ``the company
      said``; ``according to``, perhaps after words that describe the name
      (``According to Samoa Observer editor Keni Lesa``);
    - a document that speaks for its author (``Trump's statement read``,
      ``The opinion of the Court, released on Wednesday, read``), by the
      words of ``helpers/data/document_words.csv``;
    - a participle (``…, calling it “…``) or a verb with no name before it
      takes the subject of its clause or sentence (``Collins … but
      immediately added “…``); a colon at the end of a sentence
      (``Collins saw compromise as the best way …: “…``) introduces the words
      of the sentence's subject;
    - verbs marked ``next_to_the_quotation`` in the list (went on, continued,
      read) attribute only right before the mark (``went on, “…``).

    Then after the closing mark:

    - in the same sentence: ``“…”, one frustrated delegate told IPS.``,
      ``“…”, said Rajavi.``, ``“…”, the ADL said.``, ``“…”, quipped Valiant
      Entertainment editor Heather Antos``, ``“…”, according to …``;
    - after a quotation that ends its sentence, only a next sentence that is
      nothing but the attribution (``“…” Pelosi said.``) or ``These are the
      words of Maryam Rajavi`` (cue ``words of``): the subject of the next
      sentence is never taken (``“…” Police arrested him later.`` has no
      speaker), nor an attribution that introduces the next quotation
      (``regime.” She added,” In Iraq``).

    A quotation with no speaker of its own:

    - follows on from the quotation before (``“…,” said Mark Smith, a lawyer
      for the family. “We will appeal.”``): when it is in the same sentence,
      or opens the next one, with no reporting verb in between, it keeps that
      speaker, with an empty ``cue``;
    - otherwise, when it opens its sentence, takes the speaker of the
      sentence before in its paragraph (named next to a reporting verb, or a
      person's name or he/she that opens it);
    - a block quotation takes the speaker of the sentence that introduces it.

    The name kept is the name part only: ``Hoda Badran``, not her title.
    ``speaker_kind`` says what the text gives: ``listed actor`` (the name
    matches an alias in the actor list), ``other name``, ``unnamed source``
    (``one frustrated delegate``, ``another participant``, ``the
    organizers``), ``pronoun (resolved)``, ``pronoun (unresolved)`` or
    ``none``.

He, she, it
    A quotation attributed to "he" or "she" is given to the most recent
    person named earlier in the same paragraph or the two before it: a
    speaker named next to a quotation or in reported speech (``Dr. Hoseyn
    Baqerzadeh … says``), or the name that opens a sentence (``Winch said``,
    ``Amidst the bustle, Campbell was working``). A name whose title (Mr,
    Mrs, Ms...; also in the actor list's other aliases) says the other gender
    is skipped, and so is a name that cannot be a person: a weekday or a
    month; a name with a word of ``helpers/data/not_persons.csv`` (Party,
    Ministry, Police, University, River...); a name in capitals (an acronym)
    or after "the"; an actor of another type than ``person`` in the actor
    list; a single word that the article never writes after a capitalised
    word or a title ("Geneva", "Lawmakers", where "Campbell" after "Ian
    Campbell" and "Erdoğan" after "Turkish president Erdoğan" are people); a
    place of ``helpers/data/places.csv`` (a country, region, US state or city:
    "New York imposed new rules. He said, …" gives no New York), or a name of
    two words or more whose first word is a place's ("Fort Lee", "San
    Bernardino", see :func:`helpers.names.is_place`). A place that is in none
    of these lists and has no word of ``not_persons.csv`` ("Magnitogorsk
    Oblast" is caught, "Magnitogorsk" alone only if the article never writes
    it after a capitalised word) can still be taken for a person.
    "It" is given to the body that opens the sentence before (``The Georgian
    Tennis Federation released a statement. It read, “…``). ``speaker`` is
    then that name, and ``speaker_kind`` is ``pronoun (resolved)``; otherwise
    ``speaker`` stays he, she or it and the kind is ``pronoun (unresolved)``.
    "They" is never resolved.

How well it works
    On 529 hand-labelled quotations of 114 real news reports (English
    Wikinews, ``tests/data/real-news/``), 94% are found, 86% get a speaker
    and 95% of those are the labelled speaker (``python -m
    benchmarks.real_news``). The rules were written and corrected while
    reading most of them, so that is a best case; on the 61 of the last
    sample, never used to change the rules, 84% get a speaker and 90% of
    those are right. Quotations introduced by a description ("a government
    official said"), names with a single initial ("John G. Roberts") and
    names inside long descriptions are the weakest.

Quotations and quoted terms
    A quoted passage of fewer than 4 words is a quotation only when its
    attribution is close: a reporting verb at most 10 words before it in its
    sentence (``says the Iranian National Solidarity is “a turning point”``;
    after a verb that may name an addressee, such as ``told``, only with
    "that", a comma or a colon between), or an attribution right after it
    (“Through our struggle,” Rajavi said). Otherwise it is a quoted term
    (“invitation-only”, "motherland"): a writer's way of holding a word at a
    distance, not a speaker's words. It goes to :func:`quoted_terms`, not to
    :func:`quotations`.

Interrupted quotations
    ``“Through our struggle,” Rajavi said, “we can rid …”`` gives two rows,
    one per pair of marks, so that ``start``/``end`` always point at real
    marks; both have the same speaker and the same ``quotation_id``, and
    :func:`voices` counts them as one quotation.

Lists and inputs
    The reporting verbs, the titles that may stand before a name, the
    capitalised words that are not names, the particles inside names, the
    words of documents and the words that make a name a body or a place are
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
from helpers.dates import MONTH_NAMES, WEEKDAY_NAMES
from helpers.inputs import (
    DATA_DIR,
    check_column,
    check_docs,
    check_reused,
    read_csv_file,
    renamed_keywords,
    results_first_accepted,
    word_list,
)
from helpers.names import (
    NameMatcher,
    gender_of_title,
    introduction_words,
    is_place,
    name_particles,
    not_names,
    speaker_titles,
)
from helpers.progress import steps
from helpers.text import TOKEN_RE, _sentences_for, count_words

_VERBS = read_csv_file(
    DATA_DIR / "reporting_verbs.csv", ["verb", "takes_an_addressee", "next_to_the_quotation"], "list of reporting verbs"
)
#: Reporting verbs that attribute a quotation (past, present and -ing forms): ``helpers/data/reporting_verbs.csv``.
REPORTING_CUES = tuple(dict.fromkeys(verb.strip() for verb in _VERBS["verb"] if verb.strip()))
#: Reporting verbs that may take an addressee before the quotation: told IPS, “…
_ADDRESSEE_CUES = tuple(_VERBS.loc[_VERBS["takes_an_addressee"].str.strip().eq("yes"), "verb"].str.strip())
# Reporting verbs that attribute only right before the quotation ("went on, “…", "read in part: “…").
_ONLY_NEXT_TO_IT = frozenset(_VERBS.loc[_VERBS["next_to_the_quotation"].str.strip().eq("yes"), "verb"].str.strip())
#: Titles that may stand before a name (Mr., Dr., President...): ``helpers/data/titles.csv``.
TITLES = speaker_titles()
# Capitalised words that open sentences but are not names: ``helpers/data/not_names.csv``.
_NOT_NAMES = not_names()
# Words of a document that speaks for its author ("Trump's statement read"): ``helpers/data/document_words.csv``.
_DOCUMENTS = word_list("document_words.csv", "word")
# Words that make a capitalised name a body or a place, never "he" or "she": ``helpers/data/not_persons.csv``.
_NOT_PERSONS = frozenset(w.lower() for w in word_list("not_persons.csv", "word"))
_CALENDAR = frozenset(w.lower() for w in [*MONTH_NAMES, *WEEKDAY_NAMES])
_NOT_NAMES_LOWER = frozenset(w.lower() for w in _NOT_NAMES)
# Words that may introduce a name ("former", "prime", "minister"): ``helpers/data/titles.csv``.
_INTRODUCTION_WORDS = introduction_words()
MIN_QUOTATION_WORDS = 4
_PRONOUN_WINDOW_PARAGRAPHS = 2  # a pronoun looks back over its own paragraph and the two before it
_OPENING_WORDS = 6  # a quotation "opens its sentence" when at most this many words, none a reporting verb, come first
# a passage of a few words is a quotation when its reporting verb is at most this many words away
_PARTIAL_REACH_WORDS = 10
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


def _alternatives(words) -> str:
    """``a|b|...`` for a list of words (a space standing for any white space), longest first, as one expression
    that matches what that alternation matches. The words are grouped by their first character (``s(?:aid|ays)``)
    because the expression engine tries every alternative at every place of a text: grouped, it reads one character
    and goes on only with the words that begin with it, several times faster. Words with different first characters
    never match at the same place, so the order that matters, longest first, is kept within each group."""
    by_first: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        by_first.setdefault(word[:1], []).append(word)

    def spaced(part: str) -> str:
        return re.escape(part).replace(r"\ ", r"\s+")

    return "|".join(f"{spaced(first)}(?:{'|'.join(spaced(w[1:]) for w in group)})" for first, group in by_first.items())


_MARK_RE = re.compile('[“”"«»]')
_MARKS = '“”"«»'
_UPPER = "A-ZÀ-ÖØ-ÞĀ-ſ"  # with Latin Extended-A (Łukasz, Śmigły, Živković)
# a capitalised word, without a possessive 's; or initials with full stops ("U.S. Attorney Bash")
_WORD = rf"(?:(?:[A-Z]\.){{2,}}(?=\s)|[{_UPPER}](?:[\w\-]|[’'](?!s\b))*)"
_PARTICLE = "(?:" + "|".join(name_particles()) + r")[\s\-]"
_TITLE = "(?:" + "|".join(sorted(TITLES, key=len, reverse=True)) + r")\.?\s+"
_NOT_A_NAME = _alternatives([*_NOT_NAMES, *(w.capitalize() for w in _CALENDAR)])
# Where a name, a body after "the", an unnamed source and a pronoun can begin: a word that starts with one of these
# letters. Written first in a pattern, these look-arounds (which do not change what is found) let the search pass over
# the other places of a text at once, rather than trying the pattern's other look-behinds at each one.
_WORD_START = r"(?<![\w’'\-])"
_NAME_START = f"(?=[{_UPPER}{re.escape(''.join(sorted({t[:1] for t in TITLES})))}]){_WORD_START}"
_THE_START = rf"(?=[Tt]he\s){_WORD_START}"
_UNNAMED_START = f"(?=[OoAaTtSsMmIiHh]){_WORD_START}"  # the first letters of the words that open _UNNAMED
_PRONOUN_START = f"(?=[HhSsTtI]){_WORD_START}"
_NAME = (
    rf"{_NAME_START}(?!(?:{_NOT_A_NAME})\b)"
    rf"(?:{_TITLE})?{_WORD}(?:\s+(?:{_PARTICLE})?{_WORD}){{0,3}}"
)
# A body named after "the": the ADL, the State Department, the Turkish Ministry of Foreign Affairs.
_BODY = rf"{_WORD}(?:\s+(?:(?:of|for|and|on|the)\s+){{0,2}}{_WORD}){{0,6}}(?:\s+\([A-Z][\w\-]*\))?"
# ... perhaps ending with a lower-case word of not_persons.csv: "the Biden campaign", "the Obama administration".
_BODY_NOUN = "|".join(sorted({w.lower() for w in word_list("not_persons.csv", "word")}, key=len, reverse=True))
_THE_BODY = rf"{_THE_START}[Tt]he\s+{_BODY}(?:\s+(?:{_BODY_NOUN})(?![\w’'\-]))?"
_PRONOUN = rf"{_PRONOUN_START}(?:[Hh]e|[Ss]he|[Tt]hey|It)(?![\w’'\-])"
# An unnamed source: "one frustrated delegate", "the company", "A number of Senators" (no verb or clause inside).
_CLAUSE_WORD = r"(?:and|or|but|was|were|is|are|be|been|has|have|had|that|which|who|to|by|in|on|at|of|said|says)\b"
_UNNAMED = (
    rf"{_UNNAMED_START}(?:[Oo]ne|[Aa]nother|[Aa]n?|[Tt]he|[Ss]ome|[Ss]everal|[Mm]any|[Tt]wo|[Tt]hree|[Oo]ther|[Ii]ts"
    r"|[Tt]heir|[Hh]is|[Hh]er)"
    rf"\s+(?:(?!{_CLAUSE_WORD})[\w’'\-]+\s+){{0,3}}?(?!{_CLAUSE_WORD})[a-z][\w’'\-]*"
    r"(?:\s+of\s+(?:the\s+)?[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,2})?"
)
# An apposition after a name: ", Chair of the Network of Arab Women from Egypt," (closed by a comma)
# or ", one of the organisers" (not closed, but then it must end with a lower-case word or a bracket).
_APPOS = r"(?:,\s+[^“”\"«»\n]{1,200}?,|,\s+[^“”\"«»\n,]{0,100}?(?:\s[a-z][\w’'\-]*|\)))"
_ADV = (
    r"(?:(?:also|then|later|once|again|further|too|both|himself|herself|had|has|have|was|were|is|are|would|will|"
    r"could|did|does|yesterday|today|earlier|even|just|only|[a-z]+ly)\s+){0,3}"
)

_CUE_WORDS = _alternatives(REPORTING_CUES)
_CUE = rf"(?P<cue>{_CUE_WORDS})\b"
_ANY_CUE = re.compile(rf"(?<![\w’'\-])(?:{_CUE_WORDS})(?![\w’'\-])")
_ADDRESSEE_CHAR = r"(?:[^,:;.“”\"«»\n]|(?<=Mr)\.|(?<=Mrs)\.|(?<=Ms)\.|(?<=Dr)\.|(?<=[A-Z])\.)"
# Who was told: "told the state-run Hamshahri newspaper, “", "said to reporters: “", "told AKI that "".
_ADDRESSEE = (
    "(?:(?:" + "|".join(f"(?<={c})" for c in _ADDRESSEE_CUES) + ")"
    rf"\s+(?!that\b){_ADDRESSEE_CHAR}{{1,80}}?"
    rf"|\s+to\s+{_ADDRESSEE_CHAR}{{1,60}}?)"
)
# The speaker right before a reporting verb (the text before the verb must end with it): not the object of a
# preposition ("speaking to the Atlantic Council think tank called"), nor a name inside a longer one ("the Speaker of
# the House"); "Sheldon Yett of UNICEF", "Nancy Pelosi, the Speaker of the House," keep the name.
_NOT_AN_OBJECT = (
    r"(?<!\bto )(?<!\bwith )(?<!\bby )(?<!\bfor )(?<!\bof )(?<!\bon )(?<!\bin )(?<!\bat )(?<!\bfrom )(?<![Tt]he )"
    r"(?<!\bduring )(?<!\bafter )(?<!\bbefore )(?<!\babout )"
)
_OF_BODY = rf"(?:\s+(?:of|from|at)\s+(?:[Tt]he\s+)?{_BODY})?"
_BEFORE_VERB = rf"[,\s]+{_ADV}$"
_NAME_BEFORE_TITLE = re.compile(rf"(?<![\w’'\-])(?P<who>{_NAME}),\s+$")  # a name, then its title with no comma after
_RIGHT_BEFORE_VERB = rf"\s+{_ADV}$"  # no comma: "Iran, denounced" ends an aside, it is not the subject
# Each pattern can only match when the text before the verb ends a certain way (its last word, reporting adverbs set
# aside): "cap" a capitalised word or a bracket, "comma", "lower" a lower-case word, "pronoun", "who", or "any".
_SPEAKER_BEFORE_VERB = [  # in order: the first that matches gives the speaker
    (
        "name",
        "cap",
        re.compile(rf"{_NAME_START}{_NOT_AN_OBJECT}(?P<who>{_NAME}{_OF_BODY})(?:\s*\([^()]*\))?{_RIGHT_BEFORE_VERB}"),
    ),
    # "The Vice President, Mike Pence,"
    ("name", "comma", re.compile(rf"(?<=, )(?P<who>{_NAME}{_OF_BODY}),\s+{_ADV}$")),
    ("name", "appos", re.compile(rf"{_NAME_START}{_NOT_AN_OBJECT}(?P<who>{_NAME}{_OF_BODY}){_APPOS}{_BEFORE_VERB}")),
    # "Chris Christie, who denounced", "tour manager Thomas Gray, 24, who cited"
    ("name", "who", re.compile(rf"(?P<who>{_NAME}){_OF_BODY},(?:\s+\d{{1,3}},)?\s+who\s+{_ADV}$")),
    (
        "name",
        "lower",
        re.compile(rf"(?P<who>{_NAME})['’]s\s+(?:[\w\-]+\s+){{0,2}}?(?:{'|'.join(_DOCUMENTS)})\s+{_ADV}$"),
    ),  # "Trump's statement read"
    (
        "name",
        "any",
        re.compile(
            rf"[Tt]he\s+(?:{'|'.join(_DOCUMENTS)})\s+of\s+(?P<who>{_THE_BODY}|{_NAME})(?:{_APPOS})?{_BEFORE_VERB}"
        ),
    ),  # "The opinion of the Court, released on Wednesday, read"
    ("pronoun", "pronoun", re.compile(rf"(?P<who>{_PRONOUN}){_RIGHT_BEFORE_VERB}")),
    ("name", "cap", re.compile(rf"{_THE_START}{_NOT_AN_OBJECT}(?P<who>{_THE_BODY}){_RIGHT_BEFORE_VERB}")),
    ("unnamed", "lower", re.compile(rf"{_UNNAMED_START}{_NOT_AN_OBJECT}(?P<who>{_UNNAMED}){_RIGHT_BEFORE_VERB}")),
    ("name", "appos", re.compile(rf"{_THE_START}{_NOT_AN_OBJECT}(?P<who>{_THE_BODY}){_APPOS}{_BEFORE_VERB}")),
    ("unnamed", "appos", re.compile(rf"{_UNNAMED_START}{_NOT_AN_OBJECT}(?P<who>{_UNNAMED}){_APPOS}{_BEFORE_VERB}")),
]
_ADV_WORD = re.compile(_ADV.replace("{0,3}", ""))
_PASSIVE = re.compile(r"\b(?:was|were|is|are|been|being|be)\s+(?:[a-z]+ly\s+)?$")
_ASIDE = re.compile(r"\s[—–]\s[^—–“”\"«»]*?\s[—–]\s|\([^()“”\"«»]*\)")
_NEAR_MARK = re.compile(r"(?:,?\s+in\s+part)?\s*[,:]\s*$")  # "went on, “", "read in part: “"
_CLAUSE_START = re.compile(r"(?:[;:]|\bthat\b)\s*")
_SAID_WHAT = re.compile(r"\bthat\b|[,:]|\bto\s*$")  # "told AKI that", "said to reporters:", "urged voters to"
_COORDINATED = re.compile(rf",\s+(?:and|but|or)\s+{_ADV}$")  # ", but immediately added": the main clause's subject
_PREPOSITIONS = frozenset("in on at of with for to from by after before during over under into about as".split())
# Words that open a phrase or a clause, never a name, when they start a sentence with a capital
_NOT_SUBJECTS = _PREPOSITIONS | frozenset(
    "within without amid amidst among despite following since until while although though because when if once "
    "unlike like besides throughout toward towards across against along around behind beyond near through upon "
    "via".split()
)
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred thousand dozens hundreds thousands".split()
)
# The subject that opens a sentence may come after one or two opening phrases ("On Tuesday, ", "In Ohio, which ..., ").
_OPENING_PHRASE = re.compile(
    rf"(?:(?:{_NOT_A_NAME}|[A-Z][a-z]+(?:ing|ed)|which|who|where|when)\b|[A-Z][a-z]+\s+(?:in|on|at|of|with|for|after)\b)"
    r"[^,;:“”\"«»\n]{0,150},\s+"
)
_ANY_OPENING_PHRASE = re.compile(r"[^,;:“”\"«»\n]{1,100},\s+")
_SUBJECT = [
    ("pronoun", re.compile(rf"(?P<who>{_PRONOUN})\s")),
    ("name", re.compile(rf"(?P<who>{_THE_BODY})[\s,]")),
    ("unnamed", re.compile(rf"(?P<who>{_UNNAMED})[\s,]")),
]
_SUBJECT_WORD = re.compile(r"\S+")
# "Another voice actor, Lauren Landa,", "The new governor of the region, Alexander Moor,": a name in commas after the
# words that describe it (no verb among them)
_APPOSITIVE_NAME = re.compile(
    rf"(?:\s+(?!(?:was|were|is|are|has|have|had|will|would|and|but|who|which|that|said|says)\b)[\w’'\-]+){{0,6}}?"
    rf",\s+(?P<who>{_NAME}),"
)
# A phrase of time that opens a sentence is not its subject: "The next day on Twitter West accused", "A month later,"
_TIME_NOUNS = "|".join(word_list("time_nouns.csv", "noun"))
_TIME_PHRASE = re.compile(
    r"(?:The|A|An|One|This|That|Last|Next|Each|Every|Two|Three|Several|Some|Later|Earlier)\s+"
    rf"(?:[a-z][\w\-]*\s+){{0,2}}?(?:{_TIME_NOUNS})\b(?:\s+(?:later|earlier|ago|before|after))?,?\s+"
)
# "Mayor of London Sadiq Khan", "Secretary of State Mike Pompeo": a title of a place or an office, then the name (its
# last two capitalised words)
_TITLE_OF_PLACE = re.compile(
    rf"(?i:{'|'.join(sorted({*TITLES, *_INTRODUCTION_WORDS}, key=len, reverse=True))})\.?\s+of\s+(?:the\s+)?"
    rf"(?:{_WORD}\s+)+(?P<who>{_WORD}\s+{_WORD})(?![\w’'\-]|\s+{_WORD})"
)
# The subject of a participle after "with": "with Zinichev describing the", "with Miller describing issues"
_WITH_SUBJECT = re.compile(rf"(?<![\w’'\-])with\s+(?P<who>{_NAME}|{_THE_BODY})\s+{_ADV}$")
_NON_SPACE = re.compile(r"\S")
# "According to the Commission on Presidential Debates", "According to Samoa Observer editor Keni Lesa", "According to
# a memo posted online by Senator Juan Dalmau": the name, after the words that describe it.
_DESCRIPTION = r"(?:[\w\-’'.]+\s+){0,8}?"
_NAME_ENDS = r"(?=\s*(?:[,.;:!?()]|$)|\s+(?:in|during|at|on|to|later|after|before|when|while|as|of|from)\b)"
_ACCORDING = [
    re.compile(rf"(?P<cue>[Aa]ccording to)\s+(?P<who>{_NAME}){_NAME_ENDS}"),
    re.compile(rf"(?P<cue>[Aa]ccording to)\s+(?P<who>{_THE_BODY}){_NAME_ENDS}"),
    re.compile(rf"(?P<cue>[Aa]ccording to)\s+{_DESCRIPTION}(?P<who>{_NAME}){_NAME_ENDS}"),
    re.compile(rf"(?P<cue>[Aa]ccording to)\s+(?!(?:[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)\b)(?P<who>{_UNNAMED})"),
]
# "described by Marine Bulletin as", "described by the Daily Hive as a"
_BY_AGENT = re.compile(
    rf"{_CUE}\s+by\s+(?P<who>{_NAME}|{_THE_BODY})(?:\s+(?:as|of|that)(?:\s+(?:a|an|the))?)?\s*[,:]?\s*$"
)
_AFTER_NAMED = re.compile(rf"^[\s,;:–—-]*(?P<who>{_NAME})(?:{_OF_BODY})(?:{_APPOS})?[,\s]+{_ADV}{_CUE}")
_AFTER_PRONOUN = re.compile(rf"^[\s,;:–—-]*(?P<who>{_PRONOUN})[,\s]+{_ADV}{_CUE}")
_AFTER_BODY = re.compile(rf"^[\s,;:–—-]*(?P<who>{_THE_BODY}|{_UNNAMED})(?:{_APPOS})?[,\s]+{_ADV}{_CUE}")
_AFTER_INVERTED = re.compile(rf"^[\s,;:–—-]*{_CUE}\s+(?P<who>{_NAME}|{_UNNAMED}|{_PRONOUN})")
# After the closing mark, the name may come after words that describe it: "1st Fleet Command's ... head Arba Agung
# told", "quipped Valiant Entertainment editor Heather Antos, later in the panel".
_NO_CLAUSE_DESCRIPTION = (
    r"(?:(?!(?:while|whereas|and|but|as|when|although|though|because|after|before|if|since)\b)[\w\-’'.]+\s+){0,8}?"
)
_AFTER_DESCRIBED = re.compile(rf"^[\s,;:–—-]*{_NO_CLAUSE_DESCRIPTION}(?P<who>{_NAME})(?:{_APPOS})?[,\s]+{_ADV}{_CUE}")
_AFTER_INVERTED_DESCRIBED = re.compile(rf"^[\s,;:–—-]*{_CUE}\s+{_DESCRIPTION}(?P<who>{_NAME}){_NAME_ENDS}")
_AFTER_ACCORDING = re.compile(
    rf"^\s*,\s*(?P<cue>according to)\s+{_DESCRIPTION}(?P<who>{_NAME}|{_THE_BODY}){_NAME_ENDS}"
)
_AFTER_WORDS_OF = re.compile(
    rf"^\s*(?:These|Those|Such|This|That)\s+(?:are|were|is|was)\s+(?:the\s+)?(?P<cue>words|remarks|comments)"
    rf"\s+of\s+(?P<who>{_NAME}|{_UNNAMED})"
)
# A sentence that is nothing but an attribution: "Pelosi said.", "Zapata told French news channel BFM TV."
_ATTRIBUTION_ONLY_END = re.compile(r"(?:\s+[^\s.!?“”\"«»]+){0,7}\s*[.!]?\s*$")
_INTRODUCES_NEXT = re.compile(rf"{_ADDRESSEE}?\s*[,:]?\s*[“”\"«]")
_REVERSED_OPENER_NEXT = re.compile(rf"[ \t]*[{_UPPER}0-9…“]")
_ONLY_PUNCTUATION = re.compile(r"[\s.,;:…–—-]*")
_PARTICIPLE_GAP = re.compile(rf"[\s,;]*(?:and\s+)?(?:also\s+|further\s+)?(?:{_CUE_WORDS})(?<=ing)[\s,:]*")


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
    if opening == "«" or closing == "»":
        return "guillemets"
    if opening == "”" or closing == "“":
        return "reversed"
    if closing is None:
        return "straight" if opening == '"' else "curly"
    if opening == closing == '"':
        return "straight"
    return "mixed" if '"' in (opening, closing) else "curly"


def _pair_marks(text: str, para_of, para_start: list[int], para_end: list[int]) -> list[_Span]:
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
            opens_paragraph = pos == para_start[para] and char in '“"«'
            if opens_paragraph and para == state["para"] + 1:
                state["para"] = para  # the next paragraph opens with a mark: the same quotation goes on
                continue
            if not state["block"]:
                unclosed(para_end[state["para"]])
                state = None
            elif char in "“«" or (char == '"' and not _looks_closing(text, pos)):
                unclosed(para_end[para - 1])
                state = None
            else:
                state["para"] = para  # a block quotation closed in a later paragraph
        if state is None:
            opening = char in "“«" or (char == '"' and (_looks_opening(text, pos) or not _looks_closing(text, pos)))
            if opening or (char == "”" and _is_reversed_opener(text, pos)):
                previous_end = para_end[para - 1] if para > 0 else -1
                block = pos == para_start[para] and previous_end > 0 and text[previous_end - 1] == ":"
                state = {"start": pos, "char": char, "para": para, "block": block}
            continue
        if char in "”»" or (char == '"' and (state["char"] == '"' or not _looks_opening(text, pos))):
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
    same_as: dict | None = None  # the quotation before, when this one follows on from it
    near: bool = True  # close enough to make a passage of a few words a quotation (see _PARTIAL_REACH_WORDS)


_IS_PRONOUN, _IS_UNNAMED, _IS_THE_BODY, _IS_NAME = (re.compile(p) for p in (_PRONOUN, _UNNAMED, _THE_BODY, _NAME))


def _how(who: str, found_as: str = "") -> str:
    if _IS_PRONOUN.fullmatch(who):
        return "pronoun"
    if found_as:
        return found_as
    return "unnamed" if _IS_UNNAMED.fullmatch(who) and not _IS_THE_BODY.fullmatch(who) else "name"


def _from_match(match: re.Match | None, cue: str | None = None) -> _Attribution | None:
    if match is None:
        return None
    who, where = _past_title_of_place(match.string, match.group("who"), match.start("who"))
    cue = cue if cue is not None else match.group("cue")
    return _Attribution(who, " ".join(cue.lower().split()), _how(who), where)


def _past_title_of_place(text: str, who: str, where: int) -> tuple[str, int]:
    """ "Mayor of London Sadiq Khan" at ``where``: the name after the title of a place ("Sadiq Khan"), else ``who``."""
    titled = _TITLE_OF_PLACE.match(text, where)
    if titled is None or titled.start("who") > where + len(who) + 40:
        return who, where
    return titled.group("who"), titled.start("who")


def _is_participle(cue: str) -> bool:
    return cue.endswith("ing")


def _cue_text(cue: re.Match) -> str:
    return " ".join(cue.group().lower().split())


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= position < b for a, b in spans)


_TITLE_AT = re.compile(rf"{_TITLE}{_WORD}")


def _begins_a_name(text: str, at: int) -> bool:
    """Is ``at`` the start of a name, not the middle of a longer run of capitalised words ("the Turkish Ministry")?
    A run may follow a lower-case word, a comma or a bracket."""
    before = text[max(0, at - 40) : at].rstrip(" ")
    if len(before) == at - max(0, at - 40) or not before:  # nothing before, or no space before
        return not before or not before[-1].isalnum()
    previous = before.split()[-1] if before.split() else ""
    if _TITLE_AT.match(text, at):  # "State Senator Patricia Ann Spearman", "Deputy Governor Oleg Klimov": the title
        return True  # begins the name, whatever qualifies it
    return not previous[:1].isupper() or not previous[-1:].isalnum() or previous.lower() in _NOT_NAMES_LOWER


def _speaker_before_verb(text: str, lo: int, verb_start: int) -> tuple[str, str, int] | None:
    """The speaker written right before a reporting verb that starts at ``verb_start``: (who, how, where).

    Names come first, then pronouns, then bodies ("the SDF") and unnamed sources; last, a short subject that opens the
    clause on its own ("Chinese authorities", "Police").
    """
    window_start = max(lo, verb_start - _WINDOW_CHARS)
    if text[verb_start : verb_start + 30].split(maxsplit=1)[0].endswith("ing"):
        with_subject = _WITH_SUBJECT.search(text, window_start, verb_start)
        if with_subject is not None:
            return with_subject.group("who"), _how(with_subject.group("who")), with_subject.start("who")
    words = text[max(window_start, verb_start - 60) : verb_start].split()
    while words and _ADV_WORD.fullmatch(words[-1] + " "):
        words.pop()
    last = words[-1] if words else ""
    ends = {
        "cap": last[:1].isupper() or last.endswith(")"),
        "comma": last.endswith(","),
        "appos": last.endswith((",", ")")) or last[:1].islower(),
        "lower": last[:1].islower(),
        "pronoun": last.lower() in ("he", "she", "they", "it"),
        "who": last == "who",
        "any": True,
    }
    asides = _asides(text, window_start, verb_start)
    for how, ending, pattern in _SPEAKER_BEFORE_VERB:
        if not ends[ending]:
            continue
        pos = window_start
        while (match := pattern.search(text, pos, verb_start)) is not None:
            where = match.start("who")
            participle = re.match(r"[A-Z][a-z]+ing\s+[a-z][^,]*,", text[where:verb_start])
            if not _inside(where, asides) and (how != "name" or _begins_a_name(text, where)) and not participle:
                who = match.group("who")
                named = _NAME_BEFORE_TITLE.search(text, window_start, where) if how == "name" else None
                titled = who.split()[0].lower().rstrip(".") in _INTRODUCTION_WORDS or re.match(r"\S+\s+of\s", who)
                if named and titled:
                    # "Erwin Chemerinsky, Dean of UC Berkeley School of Law called it": the name, not its title
                    return named.group("who"), "name", named.start("who")
                if how == "name":
                    who, where = _past_title_of_place(text, who, where)
                return who, "pronoun" if how == "pronoun" else _how(who, how), where
            pos = where + 1
    clause = max([window_start] + [m.end() for m in _CLAUSE_START.finditer(text, window_start, verb_start)])
    words = text[clause:verb_start].split()
    while words and _ADV_WORD.fullmatch(words[-1] + " "):
        words.pop()
    if 0 < len(words) <= 3 and all(w.replace("-", "").isalpha() for w in words) and words[0][:1].isupper():
        if words[0].lower() not in _NOT_NAMES_LOWER and not _IS_PRONOUN.fullmatch(words[0]):
            who = " ".join(words)
            return who, "name" if all(w[:1].isupper() for w in words) else "unnamed", text.index(words[0], clause)
    return None


def _sentence_subject(text: str, start: int, limit: int, strict: bool = False) -> tuple[str, str, int] | None:
    """The subject that opens a sentence (or a clause), perhaps after one or two opening phrases: (who, how, where).

    A name may follow the words that introduce it ("Greek prime minister Kyriakos Mitsotakis",
    "Fourteen-year-old Zoe"): the name is the last run of capitalised words before the first other word. With
    ``strict``, a name followed by a preposition ("Early in her career") is not a subject.
    """
    at = _NON_SPACE.search(text, start, limit)
    positions = [at.start()] if at else []
    timed = _TIME_PHRASE.match(text, positions[0], limit) if positions else None
    if timed is not None:
        positions = [timed.end()]
    for _ in range(2):
        phrase = _OPENING_PHRASE.match(text, positions[-1], limit) if positions else None
        if phrase is None:
            break
        positions.append(phrase.end())
    for at in positions:
        found = _subject_at(text, at, limit, strict)
        if found:
            return found
    # an opening phrase of another kind, when what opens the sentence is not a subject ("Amidst the bustle, Campbell")
    phrase = _ANY_OPENING_PHRASE.match(text, positions[0], limit) if positions else None
    if phrase is not None and phrase.end() not in positions:
        return _subject_at(text, phrase.end(), limit, strict)
    return None


def _subject_at(text: str, at: int, limit: int, strict: bool) -> tuple[str, str, int] | None:
    for how, pattern in _SUBJECT:
        match = pattern.match(text, at, limit)
        if match:
            named = _APPOSITIVE_NAME.match(text, match.end("who"), limit)  # "Another voice actor, Lauren Landa,"
            if named and how != "pronoun":
                return named.group("who"), "name", named.start("who")
            who, where = match.group("who"), match.start("who")
            if how == "name":
                who, where = _past_title_of_place(text, who, where)
            return who, "pronoun" if how == "pronoun" else _how(who, how), where
    run: list[re.Match] = []
    last_run: list[re.Match] = []
    following, phrase_ends = "", False
    for word in _SUBJECT_WORD.finditer(text, at, limit):
        bare = word.group().rstrip(",")
        lower = bare.lower()
        if bare[:1].isupper() and not lower.endswith("-year-old") and lower not in _NUMBER_WORDS:
            run.append(word)
        elif lower in _INTRODUCTION_WORDS or lower.endswith("-year-old"):
            last_run, run = (run or last_run), []
        else:
            following, phrase_ends = lower, word.group().endswith(",")
            break
        if word.group().endswith(","):
            following = ","
            break
    run = run or last_run
    if len(run) == 1 and re.fullmatch(r"[A-Z][a-z]+(?:ing|ed)", run[0].group()) and following[:1].isalpha():
        return None  # "Calling it as “…”, Anna Franowska told": a participle that opens a phrase, not a name
    if run and run[0].group().rstrip(",").lower() in _NOT_SUBJECTS:
        return None  # "Within roughly a day before the event, ...": a phrase, not a name
    # "Former First Lady Michelle Obama": the words of a title come off a run too long to be a name
    while len(run) > 1 and not _IS_NAME.fullmatch(text[run[0].start() : run[-1].end()].rstrip(",")):
        first = run[0].group().rstrip(".,")
        if first.lower() not in _INTRODUCTION_WORDS and first not in TITLES and first not in _NOT_NAMES:
            break
        run = run[1:]
    # one capitalised word that opens a phrase, not a clause: "Early in her career", "Amidst the bustle",
    # "More consequential, he told"
    opens_a_phrase = following in _PREPOSITIONS or following in ("the", "a", "an") or phrase_ends
    if not run or (strict and len(run) == 1 and opens_a_phrase):
        return None
    if following in _NOT_PERSONS:  # "Northamptonshire police were able to": the subject is the police
        return None
    who = text[run[0].start() : run[-1].end()].rstrip(",")
    who = re.sub(r"[’']s$", "", who)  # "Actor Brendan Fraser's appearance": the one named is Brendan Fraser
    if not _IS_NAME.fullmatch(who):
        return None
    who, where = _past_title_of_place(text, who, run[0].start())
    return who, "name", where


def _is_person(name: str, actor: str, matcher: NameMatcher) -> bool:
    """Could "he" or "she" stand for this name: not a weekday or month, not a body or a place (by its words, its
    capitals or the actor list)?"""
    words = re.findall(r"[\w’'\-]+", name)
    if not words or name[:4].lower() == "the " or any(len(w) > 1 and w.isupper() for w in words):
        return False  # a name in capitals or with an acronym in it ("Past EVD outbreak") is a body or a thing
    if any(w.lower() in _CALENDAR or w.lower() in _NOT_PERSONS for w in words) or is_place(name):
        return False
    return matcher.type_of.get(actor, "person") == "person"


def _named_in_full(name: str, actor: str, text: str, before: int) -> bool:
    """Is this a name a person goes by in the article: two words or more ("Mr. Smith", "Anna Berg"), a listed actor,
    or one word that comes earlier on after a capitalised word or a title ("Campbell" after "Ian Campbell", "Erdoğan"
    after "Turkish president Erdoğan")? A word alone that the
    article never gives in full is more often a place or a group ("Geneva", "Lawmakers") than a person."""
    words = name.split()
    if len(words) > 1 or actor:
        return True
    for found in re.finditer(rf"(?<![\w’'\-])(\S+)\s+{re.escape(name)}(?![\w\-])", text[:before]):
        previous = found.group(1).rstrip(".")
        if previous[:1].isupper() and previous[-1:].isalpha() or previous.lower() in _INTRODUCTION_WORDS:
            return True  # "Ian Campbell", "Mr. Campbell", "Turkish president Erdoğan"
    return False


def _asides(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Where the asides of ``text[lo:hi]`` are (— … —, brackets); most stretches of text have none of their marks."""
    if text.find("(", lo, hi) < 0 and text.find("—", lo, hi) < 0 and text.find("–", lo, hi) < 0:
        return []
    return [m.span() for m in _ASIDE.finditer(text, lo, hi)]


def _cues(text: str, lo: int, hi: int, mark: int | None = None) -> list[re.Match]:
    """The reporting verbs of ``text[lo:hi]`` that can attribute: not inside an aside (— … —, brackets), not passive
    ("was said to"), and those that attribute only next to the quotation only when they are."""
    asides = _asides(text, lo, hi)
    found = []
    for cue in _ANY_CUE.finditer(text, lo, hi):
        if _inside(cue.start(), asides) or _PASSIVE.search(text, max(lo, cue.start() - 20), cue.start()):
            continue
        if _cue_text(cue) in _ONLY_NEXT_TO_IT and (mark is None or not _NEAR_MARK.fullmatch(text, cue.end(), mark)):
            continue
        found.append(cue)
    return found


def _clause_subject(text: str, lo: int, verb_start: int) -> tuple[str, str, int] | None:
    """The subject of the clause of a verb: after "that", ";" or ":" if a subject opens that part, else the
    sentence's; a verb after "and" or "but" ("confirmed that …, but immediately added") shares the sentence's."""
    starts = [m.end() for m in _CLAUSE_START.finditer(text, lo, verb_start)]
    coordinated = _COORDINATED.search(text, lo, verb_start)
    if starts and not coordinated:
        found = _sentence_subject(text, starts[-1], verb_start, strict=True)
        if found:
            return found
    return _sentence_subject(text, lo, verb_start, strict=True)


def _attribution_before(text: str, span: _Span, sentence_start: int, floor: int, intro: tuple[int, int] | None):
    """The speaker named before the opening mark, in its sentence but after any earlier quotation (``floor``)."""
    lo = max(sentence_start, floor, span.start - 2 * _WINDOW_CHARS)
    cues = _cues(text, lo, span.start, span.start)
    # each pattern needs "ccording to" or "by" in the span (a quick look spares the search of most spans)
    has_according = text.find("ccording to", lo, span.start) >= 0
    according = [m for pattern in _ACCORDING if has_according and (m := pattern.search(text, lo, span.start))]
    if according:
        first = min(according, key=lambda m: (m.start(), _ACCORDING.index(m.re)))
        if not cues or first.start() > cues[-1].start():
            return _from_match(first)
    agent = _BY_AGENT.search(text, lo, span.start) if text.find("by", lo, span.start) >= 0 else None
    if agent:
        return _from_match(agent)
    if cues:
        last = cues[-1]
        finite = [c for c in cues if not _is_participle(c.group())]
        # "…, calling it": the speaker of a participle is the subject of the clause, named before the verb before it
        verb = last if not _is_participle(last.group()) else (finite[-1] if finite else None)
        with_subject = _WITH_SUBJECT.search(text, lo, last.start()) if _is_participle(last.group()) else None
        if with_subject is not None:  # "…, with Zinichev describing the “…”": the participle's own subject
            found = with_subject.group("who"), _how(with_subject.group("who")), with_subject.start("who")
        else:
            found = _speaker_before_verb(text, lo, verb.start()) if verb is not None else None
            found = found or _clause_subject(text, sentence_start, (verb or last).start())
        between = text[last.end() : span.start]
        # a few quoted words count as a quotation only near the verb, and not inside its addressee ("told Mr. Rafat of
        # the news agency “Adnkronosinternational”"): the verb must be followed by "that", a comma or a colon
        near = len(between.split()) <= _PARTIAL_REACH_WORDS and (
            _cue_text(last) not in _ADDRESSEE_CUES or bool(_SAID_WHAT.search(between))
        )
        if found:
            who, how, where = found
            return _Attribution(who, _cue_text(last), how, where, near=near)
        return _Attribution("", _cue_text(last), "none", near=near)
    if not text[lo : span.start].strip() and intro is not None:
        # a quotation introduced by a sentence ending with a colon: its speaker is that sentence's speaker
        return _speaker_of_sentence(text, *intro)
    if text[lo : span.start].rstrip().endswith(":"):
        # "Collins saw compromise as the best way …: “…”": a colon introduces the words of the sentence's subject
        found = _sentence_subject(text, sentence_start, span.start, strict=True)
        if found:
            who, how, where = found
            return _Attribution(who, "", how, where, near=False)
    return None


def _speaker_of_sentence(text: str, start: int, end: int, subject_alone: bool = False) -> _Attribution | None:
    """The speaker a sentence names (before its last reporting verb, or the subject of that verb); with
    ``subject_alone``, also a name or he/she opening a sentence that has no reporting verb."""
    cues = [c for c in _cues(text, start, end) if not _is_participle(c.group())]
    if cues:
        found = _speaker_before_verb(text, start, cues[-1].start()) or _clause_subject(text, start, cues[-1].start())
        if found:
            who, how, where = found
            return _Attribution(who, _cue_text(cues[-1]), how, where)
        return None
    subject = _sentence_subject(text, start, end, strict=True) if subject_alone else None
    named = subject is not None and subject[1] == "name" and _named_in_full(subject[0], "", text, end)
    if subject and (named or subject[0].lower() in ("he", "she")):  # not "Crowds gathered outside."
        who, how, where = subject
        return _Attribution(who, "", how, where)
    return None


def _attribution_after(text: str, span: _Span, sentence_end: int, next_sentence: tuple[int, int] | None, quote: str):
    """The speaker named after the closing mark, in the same sentence; after a quotation that ends its sentence,
    only in a next sentence that is nothing but the attribution ("Pelosi said."), or "These are the words of"."""
    ends_sentence = sentence_end <= span.end + 1 and (quote[-1:] in ".!?…" or text[span.end : span.end + 1] in ".!?")
    if not ends_sentence:
        window, offset = text[span.end : sentence_end], span.end
        patterns = (_AFTER_NAMED, _AFTER_PRONOUN, _AFTER_BODY, _AFTER_INVERTED_DESCRIBED, _AFTER_INVERTED,
                    _AFTER_DESCRIBED, _AFTER_ACCORDING)  # fmt: skip
        for pattern in patterns:
            match = pattern.search(window)
            if match is None:
                continue
            found = _from_match(match)
            found.who_pos += offset
            found.after_end = offset + match.end()
            return found
        return None
    if next_sentence is None:
        return None
    start, end = next_sentence
    window = text[start:end]
    match = _AFTER_WORDS_OF.search(window)
    if match:
        found = _from_match(match, "words of")
        found.who_pos += start
        return found
    for pattern in (_AFTER_NAMED, _AFTER_PRONOUN, _AFTER_DESCRIBED):
        match = pattern.search(window)
        if (
            match
            and _ATTRIBUTION_ONLY_END.fullmatch(window, match.end())
            and not _INTRODUCES_NEXT.match(window, match.end())
        ):
            found = _from_match(match)
            found.who_pos += start
            found.after_end = start + match.end()
            return found
    return None


# ---------------------------------------------------------------- one document


def _quote_text(text: str, span: _Span) -> str:
    return text[span.start + 1 : span.end - 1 if span.closed else span.end].strip()


def _opens_sentence(text: str, start: int, mark: int) -> bool:
    """Does the quotation at ``mark`` open its sentence: nothing before it, or a short opening phrase ("During the
    premiere, ") with no reporting verb?"""
    before = text[start:mark]
    if not before.strip():
        return True
    phrase = _ANY_OPENING_PHRASE.fullmatch(before) or re.fullmatch(r"[^,;:“”\"«»\n]{1,100}:\s*", before)
    return bool(phrase) and len(before.split()) <= _OPENING_WORDS and not _ANY_CUE.search(before)


def _scan_document(doc_id, text, sentence_rows, matcher) -> tuple[list[tuple], list[tuple]]:
    """Quotation rows and quoted-term rows of one article."""
    s_start, s_end, s_para, s_id = sentence_rows
    if len(s_start) == 0 or not _MARK_RE.search(text):
        return [], []
    # plain lists: reading one number from them is several times quicker than from an array
    starts, ends, ids = s_start.tolist(), s_end.tolist(), s_id.tolist()
    # the paragraphs in the order of their ids, numbered from 0; each sentence's paragraph by that number
    first_of: dict[int, int] = {}  # paragraph id -> its first sentence
    for i, paragraph_id in enumerate(s_para.tolist()):
        first_of.setdefault(paragraph_id, i)
    paragraphs = sorted(first_of)
    number = {paragraph_id: n for n, paragraph_id in enumerate(paragraphs)}
    paras = [number[paragraph_id] for paragraph_id in s_para.tolist()]
    sentence_para = np.array(paras, dtype=np.int64)
    first = [first_of[paragraph_id] for paragraph_id in paragraphs]
    last = [f - 1 for f in first[1:]] + [len(starts) - 1]
    para_start, para_end = [starts[f] for f in first], [ends[i] for i in last]

    def sentence_of(pos: int) -> int:
        return max(bisect.bisect_right(starts, pos) - 1, 0)

    def para_of(pos: int) -> int:
        return paras[sentence_of(pos)]

    def next_in_paragraph(sentence: int) -> tuple[int, int] | None:
        following = sentence + 1
        if following < len(starts) and paras[following] == paras[sentence]:
            return starts[following], ends[following]
        return None

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
        if span.start == starts[sentence] and sentence > 0 and text[ends[sentence - 1] - 1] == ":":
            intro = (starts[sentence - 1], ends[sentence - 1])
        found = _attribution_before(text, span, starts[sentence], floor, intro)
        floor = span.end
        if (found is None or found.how == "none") and span.closed:
            closing = sentence_of(span.end - 1)
            after = _attribution_after(text, span, ends[closing], next_in_paragraph(closing), quote)
            found = after or found
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
            elif (found is None or found.how == "none") and previous["attribution"].how != "none":
                same_sentence = sentence_of(gap_from) == sentence
                next_sentence = sentence_of(gap_from) == sentence - 1 and _opens_sentence(
                    text, starts[sentence], span.start
                )
                # no reporting verb in between, or only a participle of the same speaker ("…”, adding, “…")
                said_again = _PARTICIPLE_GAP.fullmatch(gap) is not None and same_sentence
                if (said_again or not _ANY_CUE.search(gap)) and (same_sentence or next_sentence):
                    found = _Attribution(previous["attribution"].speaker, "", previous["attribution"].how, -1)
                    found.same_as = previous
        if (found is None or found.how == "none") and sentence > 0 and paras[sentence - 1] == paras[sentence]:
            if _opens_sentence(text, starts[sentence], span.start):
                # a quotation opening its sentence, with no speaker of its own: the speaker of the sentence before
                before = _speaker_of_sentence(text, starts[sentence - 1], ends[sentence - 1], True)
                if before is not None:
                    before.near = False
                found = before or found
        attributed = found is not None and (found.how != "none" or found.cue)
        if n_words < MIN_QUOTATION_WORDS and not (attributed and found.near):
            in_sentence = text[starts[sentence] : ends[sentence]]
            terms.append((doc_id, ids[sentence], quote, in_sentence, span.start, span.end, n_words,
                          span.closed, span.marks))  # fmt: skip
            continue
        if not interrupted:
            quotation_id += 1
        quotes.append(
            {
                "span": span,
                "quote": quote,
                "n_words": n_words,
                "sentence": ids[sentence],
                "sentence_index": sentence,
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
        if speaker.lower() in ("he", "she", "it"):
            named = _resolve_pronoun(q, speaker.lower(), quotes, text, matcher, sentence_rows, sentence_para)
            if named is not None:
                speaker, actor = named
                kind = "pronoun (resolved)"
    q.update(speaker=speaker, actor=actor, kind=kind)
    span = q["span"]
    return (q["quotation_id"], q["sentence"], q["quote"], speaker, actor, kind, cue, span.start, span.end,
            q["n_words"], span.closed, span.marks)  # fmt: skip


def _resolve_pronoun(q, pronoun, quotes, text, matcher, sentence_rows, sentence_para):
    """The most recent person named before a he/she quotation (a speaker, or the subject of a sentence), nearby and
    of a compatible gender; for "it", the body that is the subject of the sentence before."""
    s_start, s_end, _, _ = sentence_rows
    position = q["attribution"].who_pos if q["attribution"].who_pos >= 0 else q["span"].start
    here = int(np.searchsorted(s_start, position, "right") - 1)
    if pronoun == "it":
        if here > 0 and sentence_para[here - 1] == sentence_para[here]:
            subject = _sentence_subject(text, int(s_start[here - 1]), int(s_end[here - 1]))
            if subject and subject[1] == "name" and not _is_person(subject[0], matcher.actor_of(subject[0]), matcher):
                return subject[0], matcher.actor_of(subject[0])
        return None
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
    wanted = "male" if pronoun == "he" else "female"

    def first_person(found):  # the nearest of these candidates who is a person of a compatible gender
        for where, name, actor in sorted(found, reverse=True):
            if where >= position or not _is_person(name, actor, matcher):
                continue
            if not _named_in_full(name, actor, text, position):
                continue
            if (gender_of_title(name) or matcher.gender_of.get(actor, "")) in ("", wanted):
                return name, actor
        return None

    # The sentences are read from the nearest back: once a sentence is read, every candidate at or after its
    # start is known (a sentence's candidates lie inside it), so the nearest acceptable one among them is the
    # answer, and the sentences further back need not be read.
    for i in np.flatnonzero((sentence_para >= first_para) & (s_start < position))[::-1]:
        start, end = int(s_start[i]), min(int(s_end[i]), position)
        found = [_sentence_subject(text, start, end, strict=True)]
        found += [_speaker_before_verb(text, start, c.start()) for c in _cues(text, start, end)]
        # "According to Muyembe, many people ... “…,” he told the press": a name after "according to"
        found += [
            (m.group("who"), "name", m.start("who")) for m in _ACCORDING[0].finditer(text, start, end) if m is not None
        ]
        for who, how, where in filter(None, found):
            if how == "name" and not any(a <= where < b for a, b in inside_quotes):
                candidates.append((where, who, matcher.actor_of(who)))
        known = [c for c in candidates if c[0] >= start]
        candidates = [c for c in candidates if c[0] < start]
        person = first_person(known)
        if person is not None:
            return person
    return first_person(candidates)
    return None


# ---------------------------------------------------------------- public functions


_NO_ACTORS = NameMatcher(pd.DataFrame({"actor": [], "actor_type": [], "alias": []}))


def _empty(columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    return frame.astype({c: "int64" for c in columns if c in _INT_COLUMNS} | {"closed": bool})


def _quotes_for(docs: pd.DataFrame, quotes, actors, sents, function: str) -> pd.DataFrame:
    """The quotations given (checked), or found with the actor list."""
    if quotes is not None:
        return check_reused(quotes, "quotes", docs, function, QUOTE_COLUMNS, "quotations(docs)")
    return _scan(docs, NameMatcher(actor_list(actors, docs, function)), sents, function)[0]


def _sentence_arrays(sents: pd.DataFrame) -> dict:
    """Where each sentence of each article starts and ends, its paragraph and id: arrays by doc_id."""
    groups = sents.groupby("doc_id", sort=False).indices
    start, end = sents["start"].to_numpy(), sents["end"].to_numpy()
    para, ids = sents["paragraph_id"].to_numpy(), sents["sentence_id"].to_numpy()
    return {doc_id: (start[i], end[i], para[i], ids[i]) for doc_id, i in groups.items()}


def _scan(docs: pd.DataFrame, matcher: NameMatcher, sents, function: str):
    """Quotations and quoted terms of every article, in one pass (``sents``: the table given, or None; on a
    large corpus, parts of it at the same time, one on each core: helpers._engine.parallel)."""
    sents = _sentences_for(docs, sents, function)
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
        ['Alternative', 'Iran Solidarity', 'invitation-only', 'motherland']
    """
    check_docs(docs, "quoted_terms")
    return _scan(docs, _NO_ACTORS, sents, "quoted_terms")[1]


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
        [['ips-2007', 13], ['ncri-2010', 1], ['breitbart-2014', 5], ['moroccantimes-2015', 6], ['iranfreedom-2018', 0]]
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
