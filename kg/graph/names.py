"""Person names as the duplicate rules compare them, and an index of every person's names.

Two rules look for a person entered twice: the duplicate-name shape (names equal once case, white
space, hyphens and apostrophes are ignored) and the romanisation check of ``kg.validation.validate``
(names equal once written in one spelling of their sounds). Both compare a new person with every
person in the graph. The index answers "which persons have a name that may match this one" without
reading every name: it keeps, for every name of every person, a match key and the romanised key, in
SQLite (an indexed table on disk beside the persisted store, or in memory for a graph that is not
persisted).
"""

import os
import re
import sqlite3
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from rdflib.namespace import SKOS

# The properties that hold a person's names, in the duplicate rules and in the index.
NAME_PREDICATES = (SKOS.prefLabel, SKOS.altLabel)
# The separators the duplicate-name shape ignores: white space, hyphens, apostrophes.
NAME_SEPARATORS = re.compile(r"[\s'\u2019\u2018\u02bc\u2010\u2011-]+")
# Family names that the two Koreas, and older spellings, write differently.
SURNAMES = {
    **dict.fromkeys(["lee", "yi", "rhee", "rhie", "li", "i"], "ri"),
    **dict.fromkeys(["park", "bak", "pak"], "pak"),
    **dict.fromkeys(["choi", "choe", "chwe"], "choe"),
    **dict.fromkeys(["jung", "chung", "jeong", "cheong", "chong", "jong"], "jong"),
    **dict.fromkeys(["ryu", "yu", "yoo"], "ryu"),
    **dict.fromkeys(["lim", "rim", "im"], "rim"),
    **dict.fromkeys(["roh", "noh", "no", "ro"], "ro"),
    **dict.fromkeys(["ryang", "yang"], "ryang"),
    **dict.fromkeys(["o", "oh"], "o"),
    **dict.fromkeys(["ahn", "an"], "an"),
    **dict.fromkeys(["sohn", "son"], "son"),
    **dict.fromkeys(["koh", "ko", "go"], "ko"),
}
# Spellings of one sound across McCune-Reischauer, Revised Romanization and common usage,
# applied in order: vowels first, then consonants (the voiced and plain stops merge, as
# the apostrophes of aspiration are already gone).
SPELLINGS = [
    ("hyun", "hyon"),  # the usual spelling of hyeon; a syllable hyun hardly occurs in names
    ("eo", "o"),
    ("eu", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("sh", "s"),
    ("ch", "c"),
    ("j", "c"),
    ("g", "k"),
    ("d", "t"),
    ("b", "p"),
    ("kh", "k"),
    ("th", "t"),
    ("ph", "p"),
]


def plain_name_key(name: str) -> str:
    """A name as the duplicate-name shape compares it: no case, spaces, hyphens, apostrophes."""
    return NAME_SEPARATORS.sub("", name).lower()


def romanised_name_key(name: str) -> str:
    """A Korean name in one spelling of its sounds, whichever romanisation wrote it:
    "Lee Il-gyu", "Ri Il-kyu" and "Yi Ilgyu" give one key."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    text = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = [word for word in NAME_SEPARATORS.split(text) if word]
    if not words:
        return ""
    words[0] = SURNAMES.get(words[0], words[0])
    return "".join(_sounds(word) for word in words)


def _sounds(word: str) -> str:
    word = word.replace("ng", "\0")  # a final -ng stays: g -> k must not touch it
    for written, sound in SPELLINGS:
        word = word.replace(written, sound)
    return word.replace("\0", "ng")


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
        """The persons with a name whose match key or romanised key is one of ``names``'."""
        keys = {(match_key(name), romanised_name_key(name)) for name in names}
        found: set[str] = set()
        for key, romanised in sorted(keys):
            rows = self.connection.execute(
                "SELECT person FROM names WHERE match_key = ? UNION "
                "SELECT person FROM names WHERE romanised_key = ?",
                (key, romanised),
            )
            found.update(person for (person,) in rows)
        return found

    def close(self) -> None:
        self.connection.close()


def write_index(path: Path, names: Iterable[tuple[str, str]]) -> None:
    """Write the index of (person, name) pairs (the person in N-Triples form) to ``path``,
    whole or not at all."""
    handle, staging = tempfile.mkstemp(prefix=".names-", suffix=".sqlite", dir=path.parent)
    os.close(handle)
    try:
        connection = sqlite3.connect(staging)
        try:
            _fill(connection, names)
        finally:
            connection.close()
        os.replace(staging, path)
    except BaseException:
        Path(staging).unlink(missing_ok=True)
        raise


def _fill(connection: sqlite3.Connection, names: Iterable[tuple[str, str]]) -> None:
    connection.execute("CREATE TABLE names (person TEXT, match_key TEXT, romanised_key TEXT)")
    connection.executemany(
        "INSERT INTO names VALUES (?, ?, ?)",
        ((person, match_key(name), romanised_name_key(name)) for person, name in names),
    )
    connection.execute("CREATE INDEX by_match_key ON names (match_key)")
    connection.execute("CREATE INDEX by_romanised_key ON names (romanised_key)")
    connection.commit()
