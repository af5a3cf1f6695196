"""The app's "In the article" panel: where a chosen word, actor or row occurs, sentence by sentence.

A :class:`Selection` says what was chosen in a panel (a word or phrase, a search, an actor, a pair
of actors, one sentence, one article) and, when the row says so, the article it comes from. A
:class:`CorpusIndex` finds, for a selection, how often it occurs in each article
(:meth:`CorpusIndex.articles`) and, in one article, the sentences it occurs in with the characters
to mark (:meth:`CorpusIndex.passages`). :func:`passages_html` shows them, escaped.

Everything here uses the helpers' public tables (``sentences``, ``tokens``, ``kwic``,
``actor_mentions``) and their character offsets into each article's text, so what is marked is
exactly what the analyses counted. The tables a selection needs are made once, the first time
they are needed: on a corpus of 10,000 articles the tokens take seconds and the actor mentions
longer (the app does this work off the main thread and says so).

Example:
    >>> from helpers import load_corpus
    >>> index = CorpusIndex(load_corpus())
    >>> regime = Selection.term("regime")
    >>> index.articles(regime).head(2).to_dict()
    {'breitbart-2014': 18, 'iranfreedom-2018': 10}
    >>> found = index.passages(regime, "ips-2007")
    >>> found.sentences["sentence_id"].tolist(), len(found.marks)
    ([3, 5, 7, 9, 12, 13, 14], 7)
    >>> "<mark>regime</mark>" in passages_html(found, index.article("ips-2007"))
    True
"""

from __future__ import annotations

import html
import re
import threading
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from helpers import actor_mentions, kwic, sentences, tokens

SENTENCE_COLUMNS = ["sentence_id", "start", "end", "sentence"]
MOST_SENTENCES = 200  # shown at most, for one article (a very long article can hold many hits)


@dataclass(frozen=True)
class Selection:
    """What was chosen in a panel, and in which article when the panel says.

    ``kind`` is one of "term" (``words``: a word or phrase as the frequency lists count it; with
    ``also``, only the sentences that hold both), "search" (``query`` as the concordance searches it,
    with ``regex`` and ``case``), "actor" (``actor``, optionally one ``alias`` of it, or with
    ``other``: sentences naming both), "sentence" (``sentence_id``, marking ``mark`` in it) and
    "article" (a whole article). ``outlet`` limits the articles to one outlet. ``label`` is how the
    panel says what is shown.
    """

    kind: str
    label: str
    doc_id: str | None = None
    words: tuple[str, ...] = ()
    also: tuple[str, ...] = ()
    query: str = ""
    regex: bool = False
    case: bool = False
    actor: str = ""
    alias: str = ""
    other: str = ""
    sentence_id: int | None = None
    mark: tuple[str, ...] = ()
    find: str = ""  # a passage (a quotation, a sentence) to find in the article's text when no sentence_id is known
    outlet: str | None = None

    @classmethod
    def term(cls, term: str, doc_id: str | None = None, also: str = "", outlet: str | None = None) -> Selection:
        """A word or phrase of a frequency list (``also``: a collocate that must be in the same sentence)."""
        label = f"“{term}”" + (f" with “{also}”" if also else "")
        return cls("term", label, doc_id, words=_words(term), also=_words(also), outlet=outlet)

    @classmethod
    def search(cls, query: str, doc_id: str | None = None, regex: bool = False, case: bool = False) -> Selection:
        return cls("search", f"“{query}”", doc_id, query=query, regex=bool(regex), case=bool(case))

    @classmethod
    def named(cls, actor: str, doc_id: str | None = None, alias: str = "", other: str = "") -> Selection:
        """An actor, one of its names (``alias``), or two actors named in the same sentence (``other``)."""
        if other:
            label = f"{actor} and {other} in the same sentence"
        elif alias and alias != actor:
            label = f"{actor}, named “{alias}”"
        else:
            label = actor
        return cls("actor", label, doc_id, actor=actor, alias=alias, other=other)

    @classmethod
    def one_sentence(
        cls, doc_id: str, label: str, sentence_id: int | None = None, mark=(), find: str = ""
    ) -> Selection:
        marks = tuple(m for m in ([mark] if isinstance(mark, str) else mark) if m)
        return cls("sentence", label, doc_id, sentence_id=sentence_id, mark=marks, find=find)

    @classmethod
    def article(cls, doc_id: str) -> Selection:
        return cls("article", f"article {doc_id}, read whole", doc_id)


@dataclass
class Passages:
    """The sentences of one article where a selection occurs (``sentences``: sentence_id, start, end,
    sentence) and the character spans to mark in the article's text (``marks``)."""

    doc_id: str
    selection: Selection
    sentences: pd.DataFrame
    marks: list[tuple[int, int]] = field(default_factory=list)
    whole_article: bool = False
    around: set[int] = field(default_factory=set)  # sentence_ids shown only as the context of a chosen sentence


def _words(term: str) -> tuple[str, ...]:
    return tuple(term.lower().split())


class CorpusIndex:
    """The tables the "In the article" panel reads, made once each, the first time they are needed.

    ``docs`` is the corpus; ``sents`` may be given when it was made already; ``actors`` is the
    actor list of the corpus (None: the course's).
    """

    def __init__(self, docs: pd.DataFrame, sents: pd.DataFrame | None = None, actors: pd.DataFrame | None = None):
        self.docs = docs.reset_index(drop=True)
        self.actors = actors
        self._row = {doc_id: i for i, doc_id in enumerate(self.docs["doc_id"])}
        self._sents = sents
        self._sent_rows = None
        self._toks = None
        self._tok_rows = None
        self._codes = None
        self._mentions = None
        self._making = threading.RLock()  # a table asked for from two threads at once is made once

    # --- the tables, made when first needed

    @property
    def sents(self) -> pd.DataFrame:
        with self._making:
            if self._sents is None:
                self._sents = sentences(self.docs)
        return self._sents

    @property
    def toks(self) -> pd.DataFrame:
        sents = self.sents
        with self._making:
            if self._toks is None:
                self._toks = tokens(self.docs, sents=sents)
        return self._toks

    @property
    def mentions(self) -> pd.DataFrame:
        sents = self.sents
        with self._making:
            if self._mentions is None:
                self._mentions = actor_mentions(self.docs, actors=self.actors, sents=sents)
        return self._mentions

    def needs_work(self, selection: Selection) -> str:
        """What a selection will have to compute first ("" if nothing), so that the app can say so."""
        if selection.kind in ("term", "search") and self._toks is None:
            return "splitting the articles into words"
        if selection.kind == "actor" and self._mentions is None:
            return "finding the actors' names"
        return ""

    def _rows(self, table: pd.DataFrame, cache: str) -> dict:
        if getattr(self, cache) is None:
            setattr(self, cache, table.groupby("doc_id", sort=False).indices)
        return getattr(self, cache)

    def _lower_codes(self):
        """Each token's lower-case form and each article as a number: phrases are found by comparing numbers."""
        toks = self.toks
        with self._making:
            if self._codes is None:
                words, vocabulary = pd.factorize(toks["lower"])
                documents, _ = pd.factorize(toks["doc_id"])
                self._codes = (
                    words,
                    {word: code for code, word in enumerate(vocabulary)},
                    documents,
                    toks["sentence_id"].to_numpy(),
                )
        return self._codes

    # --- one article

    def article(self, doc_id: str) -> pd.Series:
        """The corpus row of one article (title, outlet, published, text...)."""
        return self.docs.iloc[self._row[doc_id]]

    def has(self, doc_id) -> bool:
        return doc_id in self._row

    def article_sentences(self, doc_id: str) -> pd.DataFrame:
        rows = self._rows(self.sents, "_sent_rows").get(doc_id, np.array([], dtype=int))
        return self.sents.iloc[rows][SENTENCE_COLUMNS].reset_index(drop=True)

    # --- where a selection occurs

    def hits(self, selection: Selection) -> pd.DataFrame:
        """Every occurrence of a selection: doc_id, sentence_id, start, end (character offsets in the text)."""
        kind = selection.kind
        if kind == "term":
            found = self._phrase(selection.words)
            if selection.also:
                other = self._phrase(selection.also)
                both = found.merge(other[["doc_id", "sentence_id"]].drop_duplicates(), on=["doc_id", "sentence_id"])
                pairs = other.merge(found[["doc_id", "sentence_id"]].drop_duplicates(), on=["doc_id", "sentence_id"])
                found = pd.concat([both, pairs], ignore_index=True)
        elif kind == "search":
            found = kwic(
                self.docs,
                query=selection.query,
                regex=selection.regex,
                case=selection.case,
                sents=self.sents,
                toks=self.toks,
            )[["doc_id", "sentence_id", "start", "end"]]
        elif kind == "actor":
            found = self._mentions_of(selection)
        else:
            found = pd.DataFrame(columns=["doc_id", "sentence_id", "start", "end"])
        if selection.outlet is not None and len(found):
            outlets = self.docs.set_index("doc_id")["outlet"]
            found = found[found["doc_id"].map(outlets).eq(selection.outlet).to_numpy()]
        return found.reset_index(drop=True)

    def articles(self, selection: Selection) -> pd.Series:
        """How many times the selection occurs in each article, most first (the article of the row first)."""
        if selection.kind in ("sentence", "article"):
            return pd.Series({selection.doc_id: 1}, dtype="int64")
        counts = self.hits(selection)["doc_id"].value_counts(sort=True)
        if selection.doc_id in counts.index:  # the row's own article first
            counts = pd.concat([counts[[selection.doc_id]], counts.drop(selection.doc_id)])
        return counts.astype("int64")

    def passages(self, selection: Selection, doc_id: str) -> Passages:
        """The sentences of ``doc_id`` where the selection occurs, and what to mark in them."""
        sents = self.article_sentences(doc_id)
        if selection.kind == "article":
            return Passages(doc_id, selection, sents.iloc[0:0], [], whole_article=True)
        if selection.kind == "sentence":
            return self._sentence(selection, doc_id, sents)
        hits = self.hits(selection)
        hits = hits[hits["doc_id"].eq(doc_id).to_numpy()]
        marks = sorted(zip(hits["start"].astype(int), hits["end"].astype(int)))
        shown = sents[sents["sentence_id"].isin(set(hits["sentence_id"]))].head(MOST_SENTENCES)
        return Passages(doc_id, selection, shown.reset_index(drop=True), marks)

    # --- the kinds of selection

    def _phrase(self, words: tuple[str, ...]) -> pd.DataFrame:
        """Where the tokens ``words`` follow each other in one sentence (as frequency lists count phrases)."""
        codes, vocabulary, documents, sentence_ids = self._lower_codes()
        empty = pd.DataFrame({"doc_id": pd.Series(dtype=object), "sentence_id": [], "start": [], "end": []})
        if not words or any(word not in vocabulary for word in words):
            return empty
        at = np.flatnonzero(codes == vocabulary[words[0]])
        for k, word in enumerate(words[1:], start=1):
            at = at[at + k < len(codes)]
            keep = (
                (codes[at + k] == vocabulary[word])
                & (documents[at + k] == documents[at])
                & (sentence_ids[at + k] == sentence_ids[at])
            )
            at = at[keep]
        toks = self.toks
        return pd.DataFrame(
            {
                "doc_id": toks["doc_id"].to_numpy()[at],
                "sentence_id": sentence_ids[at],
                "start": toks["start"].to_numpy()[at],
                "end": toks["end"].to_numpy()[at + len(words) - 1],
            }
        )

    def _mentions_of(self, selection: Selection) -> pd.DataFrame:
        mentions = self.mentions
        columns = ["doc_id", "sentence_id", "start", "end"]
        of_actor = mentions[mentions["actor"].eq(selection.actor).to_numpy()]
        if selection.alias:
            exact = of_actor[of_actor["alias"].eq(selection.alias).to_numpy()]
            if exact.empty:  # the table may show the listed form of the name
                exact = of_actor[of_actor["listed_alias"].str.lower().eq(selection.alias.lower()).to_numpy()]
            of_actor = exact
        if not selection.other:
            return of_actor[columns]
        of_other = mentions[mentions["actor"].eq(selection.other).to_numpy()]
        shared = (
            of_actor[["doc_id", "sentence_id"]]
            .drop_duplicates()
            .merge(of_other[["doc_id", "sentence_id"]].drop_duplicates())
        )
        both = pd.concat([of_actor[columns], of_other[columns]], ignore_index=True)
        return both.merge(shared, on=["doc_id", "sentence_id"])

    def _sentence(self, selection: Selection, doc_id: str, sents: pd.DataFrame) -> Passages:
        text = self.article(doc_id)["text"]
        if selection.sentence_id is not None:
            shown = sents[sents["sentence_id"].eq(int(selection.sentence_id))]
        elif selection.find:
            shown = _sentences_holding(text, selection.find, sents)
        else:
            shown = sents.iloc[0:0]
        marks = []
        if selection.find and selection.sentence_id is None and not selection.mark:
            begin = _find(text, selection.find)
            if begin >= 0:
                marks.append((begin, begin + len(selection.find)))
        for row in shown.itertuples():
            for word in selection.mark:
                for found in re.finditer(re.escape(word), row.sentence, flags=re.IGNORECASE):
                    marks.append((row.start + found.start(), row.start + found.end()))
        # the sentence before and the one after, for context
        chosen = set(shown["sentence_id"])
        neighbours = {i + step for i in chosen for step in (-1, 1)} - chosen
        with_context = sents[sents["sentence_id"].isin(chosen | neighbours)]
        return Passages(doc_id, selection, with_context.reset_index(drop=True), sorted(set(marks)), around=neighbours)


def _find(text: str, passage: str) -> int:
    """Where ``passage`` begins in ``text`` (-1 if nowhere), with runs of white space matched loosely."""
    begin = text.find(passage)
    if begin >= 0 or not passage.strip():
        return begin
    pattern = r"\s+".join(re.escape(piece) for piece in passage.split())
    found = re.search(pattern, text)
    return found.start() if found else -1


def _sentences_holding(text: str, passage: str, sents: pd.DataFrame) -> pd.DataFrame:
    """The sentences that overlap ``passage`` in the article's text (a quotation can span several)."""
    begin = _find(text, passage)
    if begin < 0:
        return sents.iloc[0:0]
    end = begin + len(passage)
    return sents[(sents["start"] < end) & (sents["end"] > begin)]


def marked(text: str, spans, offset: int = 0) -> str:
    """``text`` escaped for HTML, with every span ``(start, end)`` (offsets in the article, ``offset``
    being where ``text`` begins) wrapped in ``<mark>``; overlapping spans are joined.

    Example:
        >>> marked("a <b> c", [(2, 5)])
        'a <mark>&lt;b&gt;</mark> c'
    """
    pieces, position = [], 0
    for start, end in _joined(spans):
        start, end = max(start - offset, position), min(end - offset, len(text))
        if end <= start:
            continue
        pieces += [html.escape(text[position:start]), f"<mark>{html.escape(text[start:end])}</mark>"]
        position = end
    pieces.append(html.escape(text[position:]))
    return "".join(pieces)


def _joined(spans) -> list[tuple[int, int]]:
    result: list[list[int]] = []
    for start, end in sorted(spans):
        if result and start <= result[-1][1]:
            result[-1][1] = max(result[-1][1], end)
        else:
            result.append([start, end])
    return [(start, end) for start, end in result]


def article_heading(article: pd.Series) -> str:
    """The article's title, outlet and date as one escaped line."""
    published = article.get("published")
    date = f"{published:%Y-%m-%d}" if isinstance(published, pd.Timestamp) and pd.notna(published) else "no date"
    parts = [str(article.get("title") or "(no title)"), str(article.get("outlet") or "(no outlet)"), date]
    return (
        f'<p class="app-article"><b>{html.escape(str(article["doc_id"]))}</b>: {html.escape(parts[0])}'
        f"<br><small>{html.escape(parts[1])}, {html.escape(parts[2])}</small></p>"
    )


def passages_html(found: Passages, article: pd.Series, whole_article: bool = False) -> str:
    """The sentences of ``found`` with their marks, or (``whole_article``) the article's text with
    those sentences highlighted. All corpus text is escaped.

    Example:
        >>> article = pd.Series({"doc_id": "a", "title": "T", "outlet": "O", "published": None, "text": "x <y>. z."})
        >>> sents = pd.DataFrame({"sentence_id": [1], "start": [0], "end": [6], "sentence": ["x <y>."]})
        >>> passages_html(Passages("a", Selection.term("y"), sents, [(3, 4)]), article)[-81:]
        '<span class="app-sid">sentence 1</span> x &lt;<mark>y</mark>&gt;.</li></ol></div>'
    """
    text = str(article["text"])
    sents = found.sentences
    parts = []
    if found.whole_article or whole_article:
        sents = sents[~sents["sentence_id"].isin(found.around)]
        chosen = list(zip(sents["start"].astype(int), sents["end"].astype(int)))
        parts.append(_whole_text(text, chosen, found.marks))
    elif sents.empty:
        parts.append(
            '<p class="app-none">Not found in this article\'s sentences. Choose another article above, or '
            "read the whole article.</p>"
        )
    else:
        items = "".join(
            f'<li value="{int(row.sentence_id)}"'
            + (' class="app-around"' if row.sentence_id in found.around else ' class="app-found"')
            + f'><span class="app-sid">sentence {int(row.sentence_id)}</span> '
            f"{marked(row.sentence, found.marks, offset=int(row.start))}</li>"
            for row in sents.itertuples()
        )
        one = " app-one-sentence" if found.selection.kind == "sentence" else ""
        parts.append(f'<ol class="app-sentences{one}">{items}</ol>')
    return f'<div class="app-passages">{"".join(parts)}</div>'


def _whole_text(text: str, chosen: list[tuple[int, int]], marks: list[tuple[int, int]]) -> str:
    """The article's text by paragraph (line), the chosen sentences in a highlighted span, the marks inside."""
    paragraphs, begin = [], 0
    for line in text.split("\n"):
        end = begin + len(line)
        if line.strip():
            pieces, position = [], begin
            for start, stop in _joined(chosen):
                start, stop = max(start, begin), min(stop, end)
                if stop <= start or start < position:
                    continue
                pieces.append(marked(text[position:start], marks, offset=position))
                pieces.append(f'<span class="app-chosen">{marked(text[start:stop], marks, offset=start)}</span>')
                position = stop
            pieces.append(marked(text[position:end], marks, offset=position))
            paragraphs.append(f"<p>{''.join(pieces)}</p>")
        begin = end + 1
    return '<div class="app-fulltext">' + "".join(paragraphs) + "</div>"
