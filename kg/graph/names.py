"""Person names as the duplicate rules compare them, and an index of every person's names.

Two rules look for a person entered twice: the duplicate-name shape (names equal once case, white
space, hyphens and apostrophes are ignored) and the romanisation check of ``kg.validation``
(names equal once written in one spelling of their sounds, ``names_match``). Both compare a new
person with every person in the graph. The index answers "which persons have a name that may
match this one" without reading every name: it keeps, for every name of every person, a match
key and each of its romanised keys, in SQLite (an indexed table on disk beside the persisted
store, or in memory for a graph that is not persisted).

A Korean name is matched whatever romanisation wrote it (docs/names.md has the figures):

- Hangul is transliterated syllable by syllable by ``anyascii`` (in Revised Romanization's
  letters, without its sound changes);
- letters lose their diacritics and apostrophes (McCune-Reischauer's ŏ, ŭ and aspiration marks);
- the family name is the first word, or the last when the first is a given name ("Yong-ho
  Thae"), or a known family name at the start of a name run together ("Riilkyu"); the given
  name's syllables are joined, so "Il-kyu", "Il Kyu" and "Ilkyu" are one;
- both are reduced to one spelling of their sounds (``_sounds``): the vowels that the systems
  and common usage write differently (eo, ŏ, o, u, oo, eu, ŭ) become one, as do the consonants
  (k/g, t/d, p/b, ch/j, s/sh, l/r), and the first sound follows South Korea's initial-sound
  rule (Ri, Rim, Ryu, Ro are I, Im, Yu, No there);
- a few family names are spelt by no system at all (Park, Choi): ``IRREGULAR_FAMILY_NAMES``.
"""

import hashlib
import re
import sqlite3
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from anyascii import anyascii
from rdflib.namespace import SKOS

from kg.graph.files import write_sqlite_atomically

# The properties that hold a person's names, in the duplicate rules and in the index.
NAME_PREDICATES = (SKOS.prefLabel, SKOS.altLabel)
# The separators the duplicate-name shape ignores: white space, hyphens, apostrophes.
NAME_SEPARATORS = re.compile(r"[\s'\u2019\u2018\u02bc\u2010\u2011-]+")
HYPHENS = re.compile("[-\u2010\u2011]")
HANGUL_SYLLABLE = re.compile("[\uac00-\ud7a3]")
# Korean family names in Hangul, the common ones of both Koreas; romanised, they tell which word
# of a romanised name is the family name.
FAMILY_NAMES = (
    "김이리박최정강조윤장임림한오서신권황안송류유전홍고문양량손배백허남심노로하곽성차주우구"
    "민진나지엄채원천방공현함변염렴여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용"
    "예경봉사부가태계피두감음빈동온호좌"
)
TWO_SYLLABLE_FAMILY_NAMES = ("남궁", "제갈", "선우", "독고", "황보", "사공", "서문")
# Spellings of family names that follow no romanisation, as their bearers write them.
IRREGULAR_FAMILY_NAMES = {
    "park": "pak",
    "choi": "choe",
    "chwe": "choe",
    "rhee": "ri",
    "rhie": "ri",
}
# One spelling for each sound, applied in order to a word without diacritics: the aspirated
# consonants written with h and the digraphs first, then the vowels, then the plain and voiced
# consonants, which only the romanisations tell apart.
SPELLINGS = [
    ("l", "r"),
    ("tch", "c"),
    ("ch", "c"),
    ("sh", "s"),
    ("th", "t"),
    ("ou", "o"),
    ("woo", "u"),
    ("hee", "hui"),
    ("eo", "o"),
    ("eu", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("j", "c"),
    ("g", "k"),
    ("d", "t"),
    ("b", "p"),
    ("u", "o"),
]
# An h after a vowel and before a consonant, or at the end, is silent (Ahn, Oh, Sohn, Koh).
SILENT_H = re.compile(r"(?<=[aeio])h(?![aeiouwy])")
DOUBLED = re.compile(r"([ckprst])\1")
# South Korea's initial-sound rule: r before i or y is dropped, before another vowel read n;
# n before i or y is dropped; and Yi is I.
INITIAL = [
    (re.compile(r"^r(?=[iy])"), ""),
    (re.compile(r"^r"), "n"),
    (re.compile(r"^n(?=[iy])"), ""),
]


def plain_name_key(name: str) -> str:
    """A name as the duplicate-name shape compares it: no case, spaces, hyphens, apostrophes."""
    return NAME_SEPARATORS.sub("", name).lower()


def _sounds(syllables: str, initial: bool = True) -> str:
    """Romanised syllables in one spelling of their sounds; ``initial`` when they start a name."""
    word = syllables.replace("ng", "\0")  # a final -ng stays: g -> k must not touch it
    for written, sound in SPELLINGS:
        word = word.replace(written, sound)
    word = DOUBLED.sub(r"\1", SILENT_H.sub("", word)).replace("\0", "ng")
    if initial:
        word = "i" + word[2:] if word.startswith("yi") else word
        for pattern, replacement in INITIAL:
            word = pattern.sub(replacement, word, count=1)
    return word


def _family(word: str) -> str:
    return _sounds(IRREGULAR_FAMILY_NAMES.get(word, word))


def _given(parts: list[str]) -> str:
    """A given name from its parts (syllables, or runs of them), each part spelt on its own so
    that a syllable's final -ng and the next one's initial g are not confused."""
    return DOUBLED.sub(r"\1", "".join(_sounds(part, i == 0) for i, part in enumerate(parts)))


@cache
def _romanised(syllable: str) -> str:
    return anyascii(syllable).lower()


@cache
def known_family_names() -> frozenset[str]:
    """The family names of ``FAMILY_NAMES`` in one spelling of their sounds."""
    names = {_family(_romanised(s)) for s in FAMILY_NAMES}
    names.update(_family("".join(map(_romanised, s))) for s in TWO_SYLLABLE_FAMILY_NAMES)
    names.update(_family(spelling) for spelling in IRREGULAR_FAMILY_NAMES)
    return frozenset(names)


def _letters(part: str) -> str:
    return "".join(c for c in anyascii(part).lower() if c.isascii() and c.isalpha())


def _words(name: str) -> list[list[str]]:
    """The words of a romanised name, each as its parts between hyphens, in plain letters."""
    words = []
    for word in re.split(r"[\s,]+", name):
        parts = [p for p in (_letters(p) for p in HYPHENS.split(word)) if p]
        if parts:
            words.append(parts)
    return words


def name_keys(name: str) -> frozenset[str]:
    """A Korean name as "family|given" in one spelling of its sounds, once for each way of
    reading which part is the family name: "Lee Il-gyu", "Ri Il-kyu", "Yi Ilgyu", "Il-kyu Ri"
    and "리일규" share a key."""
    name = unicodedata.normalize("NFKC", name)
    if HANGUL_SYLLABLE.search(name):
        syllables = HANGUL_SYLLABLE.findall(name)
        split = 2 if "".join(syllables[:2]) in TWO_SYLLABLE_FAMILY_NAMES else 1
        family = "".join(map(_romanised, syllables[:split]))
        given = [_romanised(syllable) for syllable in syllables[split:]]
        return frozenset({f"{_family(family)}|{_given(given)}"})
    words = _words(name)
    if not words:
        return frozenset()
    if len(words) == 1 and len(words[0]) == 1:
        # A name run together: read from each known family name it starts with.
        word = words[0][0]
        keys = {f"{_family(word)}|"}
        for end in range(1, len(word)):
            if _family(word[:end]) in known_family_names():
                keys.add(f"{_family(word[:end])}|{_given([word[end:]])}")
        return frozenset(keys)
    if len(words) == 1:
        words = [words[0][:1], words[0][1:]]
    first, last = _family("".join(words[0])), _family("".join(words[-1]))
    keys = {f"{first}|{_given([p for w in words[1:] for p in w])}"}
    # Given name first ("Yong-ho Thae", "Jong Nam Kim"): read so whenever the last word can be
    # a family name; a second key costs a false match only with a person whose name is these
    # words in the other order.
    if last in known_family_names():
        keys.add(f"{last}|{_given([p for w in words[:-1] for p in w])}")
    return frozenset(keys)


def names_match(mine: str, theirs: str) -> bool:
    """Whether two names may be one Korean name in two romanisations."""
    return bool(name_keys(mine) & name_keys(theirs))


def match_key(name: str) -> str:
    """A key at least as coarse as the duplicate-name shape's: its separators dropped (the
    modifier letter apostrophe counts as a letter), case folded and every other character that
    is not a letter or digit dropped, so any two names the shape finds equal have one key even
    where Python and Oxigraph differ on what white space is."""
    return "".join(c for c in NAME_SEPARATORS.sub("", name).casefold() if c.isalnum())


class NameIndex:
    """Persons by the keys of their names."""

    def __init__(self, connection: sqlite3.Connection):
        self.connection = connection

    @classmethod
    def open(cls, path: Path) -> "NameIndex":
        """An index written by ``write_index``, opened read-only."""
        return cls(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True))

    @classmethod
    def in_memory(cls, names: Iterable[tuple[str, str]]) -> "NameIndex":
        """An index of (person, name) pairs (the person in N-Triples form), kept in memory."""
        connection = sqlite3.connect(":memory:")
        _fill(connection, names)
        return cls(connection)

    def persons_matching(self, names: Iterable[str]) -> set[str]:
        """The persons with a name whose match key or one of whose romanised keys is one of
        ``names``': every person either duplicate rule could find for them, and a few more."""
        names = list(names)
        plain = sorted({match_key(name) for name in names})
        romanised = sorted({key for name in names for key in name_keys(name)})
        found: set[str] = set()
        for column, keys in (("match_key", plain), ("romanised_key", romanised)):
            for key in keys:
                rows = self.connection.execute(
                    f"SELECT person FROM names WHERE {column} = ?", (key,)
                )
                found.update(person for (person,) in rows)
        return found

    def close(self) -> None:
        self.connection.close()


def write_index(path: Path, names: Iterable[tuple[str, str]]) -> None:
    """Write the index of (person, name) pairs (the person in N-Triples form) to ``path``,
    whole or not at all."""
    write_sqlite_atomically(path, lambda connection: _fill(connection, names))


# Which code wrote an index: one written with other keys is written again.
INDEX_VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def index_is_current(path: Path) -> bool:
    """Whether the index at ``path`` was written with this module's keys."""
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = connection.execute("SELECT value FROM version").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return False
    return row == (INDEX_VERSION,)


def _rows(names: Iterable[tuple[str, str]]) -> Iterable[tuple[str, str, str | None]]:
    for person, name in names:
        keys = sorted(name_keys(name)) or [None]
        for key in keys:
            yield person, match_key(name), key


def _fill(connection: sqlite3.Connection, names: Iterable[tuple[str, str]]) -> None:
    connection.execute("CREATE TABLE version (value TEXT)")
    connection.execute("INSERT INTO version VALUES (?)", (INDEX_VERSION,))
    connection.execute("CREATE TABLE names (person TEXT, match_key TEXT, romanised_key TEXT)")
    connection.executemany("INSERT INTO names VALUES (?, ?, ?)", _rows(names))
    connection.execute("CREATE INDEX by_match_key ON names (match_key)")
    connection.execute("CREATE INDEX by_romanised_key ON names (romanised_key)")
    connection.commit()
