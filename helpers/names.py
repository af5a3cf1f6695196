"""Names: the titles that stand before them, the words that are not names, and the one matcher of an actor list.

An actor list (``corpus/actors.csv``, see :mod:`helpers.actors`) gives each actor its aliases.
One :class:`NameMatcher`, made from such a list, serves both uses of it:

- :meth:`NameMatcher.mentions_in` finds every alias in a text, for
  :func:`helpers.actor_mentions` (the rules are at the top of :mod:`helpers.actors`);
- :meth:`NameMatcher.actor_of` says which actor a speaker's name stands for, for
  :func:`helpers.quotations`: the whole name, then the name without its title
  ("Mrs. Rajavi" → "Rajavi"), then its last capitalised word.

Both compare names the same way (:func:`alias_key`): curly and straight
apostrophes alike, no-break spaces and runs of white space as one space,
case ignored.

The word lists are CSV files in ``helpers/data/`` (its README says which to edit for what):

- ``titles.csv``: titles such as Mr, Dr or President, and the words of an
  introduction ("former", "spokesman"), with the gender a title tells;
- ``not_names.csv``: capitalised words that open sentences but are not names;
- ``name_particles.csv``: small words inside a name (al-, bin, van);
- ``name_joiners.csv``: words that may join the capitalised words of one name
  ("Network of Arab Women");
- ``places.csv``: countries, regions, US states and cities, and the first words of place names ("New", "Fort"),
  so that :func:`is_place` can tell a place from a person.

Example:
    >>> import pandas as pd
    >>> actors = pd.DataFrame({"actor": ["Maryam Rajavi"] * 2, "actor_type": ["person"] * 2,
    ...                        "alias": ["Maryam Rajavi", "Mrs. Rajavi"]})
    >>> matcher = NameMatcher(actors)
    >>> [written for _, _, written, _ in matcher.mentions_in("Mrs. Rajavi spoke; Maryam  Rajavi left.")]
    ['Mrs. Rajavi', 'Maryam  Rajavi']
    >>> matcher.actor_of("Mrs. Maryam Rajavi"), matcher.gender_of["Maryam Rajavi"]
    ('Maryam Rajavi', 'female')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cached_property, lru_cache
from types import MappingProxyType

import pandas as pd

from helpers._engine.search import ListSearch
from helpers.inputs import DATA_DIR, read_csv_file, word_list

_CAPITALISED = re.compile(r"[A-ZÀ-ÖØ-Þ][\w’'\-]*")
_PAIR_GAP = re.compile(r"\s*\(")


# --------------------------------------------------------------------------------------------------------------------
# The lists


@lru_cache(maxsize=1)
def _titles() -> pd.DataFrame:
    columns = ["title", "gender", "before_a_speaker", "in_an_introduction", "stop_inside_a_name"]
    frame = read_csv_file(DATA_DIR / "titles.csv", required=columns, what="list helpers/data/titles.csv")
    return frame.assign(**{c: frame[c].str.strip() for c in columns})


@lru_cache(maxsize=1)
def speaker_titles() -> tuple[str, ...]:
    """Titles that may stand before a speaker's name, as written (``Mr``, ``Dr``, ``President``).

    Example:
        >>> speaker_titles()[:4]
        ('Mr', 'Mrs', 'Ms', 'Miss')
    """
    titles = _titles()
    return tuple(titles.loc[titles["before_a_speaker"].eq("yes"), "title"])


@lru_cache(maxsize=1)
def introduction_words() -> frozenset[str]:
    """Title words of an introduction, in lower case (``former``, ``president-elect``, ``spokesman``).

    Example:
        >>> {"former", "president-elect", "mrs"} <= introduction_words()
        True
    """
    titles = _titles()
    return frozenset(titles.loc[titles["in_an_introduction"].eq("yes"), "title"].str.lower())


@lru_cache(maxsize=1)
def titles_with_a_stop() -> tuple[str, ...]:
    """Titles whose full stop stays inside a name (``Mrs. Rajavi`` is one name).

    Example:
        >>> titles_with_a_stop()
        ('Mr', 'Mrs', 'Ms', 'Dr', 'Prof')
    """
    titles = _titles()
    return tuple(titles.loc[titles["stop_inside_a_name"].eq("yes"), "title"])


@lru_cache(maxsize=1)
def title_genders() -> Mapping[str, str]:
    """The gender a title tells, by lower-case title (``mr``: male, ``mrs``: female).

    Like every list here it is read once per session (it is asked for once per quotation): restart the
    kernel after editing the file.

    Example:
        >>> title_genders()["ms"], "president" in title_genders()
        ('female', False)
    """
    titles = _titles()
    told = titles[titles["gender"].isin(["male", "female"])]
    return MappingProxyType(dict(zip(told["title"].str.lower(), told["gender"])))


@lru_cache(maxsize=1)
def _places() -> tuple[frozenset[str], frozenset[str]]:
    frame = read_csv_file(DATA_DIR / "places.csv", required=["place", "kind"], what="list helpers/data/places.csv")
    kinds = frame["kind"].str.strip()
    places = frame["place"].map(alias_key)
    return frozenset(places[kinds.ne("first word")]), frozenset(places[kinds.eq("first word")])


def is_place(name: str) -> bool:
    """Is this name a place: a country, region, US state or city of ``helpers/data/places.csv`` (with or without
    "the"), or a name of two words or more whose first word is a place's ("New Haven", "San Bernardino", "Fort Lee")?

    Like every list here it is read once per session: restart the kernel after editing the file.

    Example:
        >>> is_place("New York"), is_place("the United Kingdom"), is_place("Fort Lee"), is_place("Sadiq Khan")
        (True, True, True, False)
    """
    places, first_words = _places()
    key = alias_key(name.strip(" ,.;:"))
    key = key[4:] if key.startswith("the ") else key
    words = key.split()
    return key in places or (len(words) > 1 and words[0].rstrip(".") in first_words)


def not_names() -> tuple[str, ...]:
    """Capitalised words that open sentences but are not names (The, However, According)."""
    return word_list("not_names.csv", "word")


def name_particles() -> tuple[str, ...]:
    """Small words inside a name before its capitalised part (al, bin, van, de)."""
    return word_list("name_particles.csv", "particle")


def name_joiners() -> tuple[str, ...]:
    """Words that may join the capitalised words of one name ("Network of Arab Women")."""
    return word_list("name_joiners.csv", "word")


@lru_cache(maxsize=1)
def _title_at_start() -> re.Pattern:
    return re.compile(rf"^({'|'.join(speaker_titles())})\b\.?", re.IGNORECASE)


def without_title(name: str) -> str:
    """A name without the title it starts with.

    Example:
        >>> without_title("Dr. Shahriar Ahi"), without_title("Rajavi")
        ('Shahriar Ahi', 'Rajavi')
    """
    return _title_at_start().sub("", name.strip()).strip()


def gender_of_title(name: str) -> str:
    """``male`` or ``female`` when the name starts with a title that tells it, else ``""``.

    Example:
        >>> gender_of_title("Mrs. Rajavi"), gender_of_title("Dr. Ahi")
        ('female', '')
    """
    match = _title_at_start().match(name.strip())
    return title_genders().get(match.group(1).lower(), "") if match else ""


# --------------------------------------------------------------------------------------------------------------------
# Comparing names


def normalise(text: str) -> str:
    """Curly apostrophes become straight ones and no-break spaces spaces: same length, so offsets stay."""
    # three replacements are many times faster than one translate with a table, on long texts
    return text.replace("\u2019", "'").replace("\u02bc", "'").replace("\u00a0", " ")


def alias_key(alias: str) -> str:
    """How two names are compared: apostrophes alike, white space as one space, case ignored.

    Example:
        >>> alias_key("People’s  Mojahedin") == alias_key("people's mojahedin")
        True
    """
    return " ".join(normalise(alias).split()).lower()


def is_acronym(alias: str) -> bool:
    """An alias written entirely in capitals (``MEK``, ``US``): it matches only in capitals."""
    return alias.isupper()


class NameMatcher:
    """The aliases of an actor list, matched in texts and looked up for names (see the top of this module).

    ``actors`` is a table like :func:`helpers.load_actors`, already checked.
    """

    def __init__(self, actors: pd.DataFrame):
        aliases = actors["alias"].astype(str).str.strip()
        self.aliases = list(aliases)
        self.lookup = {
            alias_key(a): (a, actor, kind) for a, actor, kind in zip(aliases, actors["actor"], actors["actor_type"])
        }
        self.actor_of_key = {key: actor for key, (_, actor, _) in self.lookup.items()}
        self.type_of = {actor: kind for _, actor, kind in self.lookup.values()}  # actor -> actor_type
        self._entry_of_written: dict = {}  # the lookup of each alias as written, remembered
        self.gender_of: dict[str, str] = {}
        for actor, alias in zip(actors["actor"].astype(str), actors["alias"].astype(str)):
            gender = gender_of_title(alias)
            if gender:
                self.gender_of.setdefault(actor, gender)

    @cached_property
    def search(self) -> ListSearch | None:
        """One search for every alias, longest first (None for an empty list): it finds what
        ``(?<!\\w)(?:alias|alias|...)(?!\\w)`` finds, an acronym in capitals only, another alias in any case.
        The engine (:class:`helpers._engine.ListSearch`) only tries it where a word starts."""
        if not self.lookup:
            return None
        alternatives = []
        for alias in sorted((normalise(a) for a in self.aliases), key=lambda a: (-len(a), a)):
            pattern = r"\s+".join(re.escape(part) for part in alias.split())
            first = " ".join(alias.split())[:12].rstrip()  # its first letters: places to try are found by them
            if is_acronym(alias):
                alternatives.append((pattern, first, False))
            else:
                alternatives.append((f"(?i:{pattern})", first, True))
        return ListSearch(alternatives, r"(?<!\w)", r"(?!\w)")

    def mentions_in(self, text: str) -> list[tuple[int, int, str, tuple[str, str, str]]]:
        """Every mention in a text, in order: ``(start, end, words as written, (listed alias, actor, actor_type))``.

        A name followed by another alias of the same actor in brackets is one mention (see :mod:`helpers.actors`).
        """
        if self.search is None:
            return []
        normalised = normalise(text)
        entries = self._entry_of_written
        found = []
        for start, end, _ in self.search.finditer(normalised):
            written = normalised[start:end]
            entry = entries.get(written)
            if entry is None:
                entry = entries[written] = self.lookup.get(alias_key(written), False)
            found.append((start, end, text[start:end], entry or None))
        return _join_pairs([f for f in found if f[3] is not None], text)

    def actor_of(self, name: str) -> str:
        """The actor a speaker's name stands for: the whole name, without its title, or its last capitalised word."""
        actor = self.actor_of_key.get(alias_key(name))
        if actor is not None:
            return actor
        actor = self.actor_of_key.get(alias_key(without_title(name)))
        if actor is not None:
            return actor
        words = _CAPITALISED.findall(name)
        return self.actor_of_key.get(alias_key(words[-1]), "") if words else ""


def _join_pairs(found: list, text: str) -> list:
    """Join "name (alias of the same actor)" into one mention; ``found`` holds the matches of one text in order."""
    joined, i = [], 0
    while i < len(found):
        start, end, written, (listed, actor, kind) = found[i]
        if i + 1 < len(found):
            n_start, n_end, _, (n_listed, n_actor, _) = found[i + 1]
            if (
                n_actor == actor
                and n_start - end <= 4
                and _PAIR_GAP.fullmatch(text, end, n_start)
                and text[n_end : n_end + 1] == ")"
            ):
                joined.append((start, n_end + 1, text[start : n_end + 1], (f"{listed} + {n_listed}", actor, kind)))
                i += 2
                continue
        joined.append(found[i])
        i += 1
    return joined
