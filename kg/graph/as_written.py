"""Literals as their files write them, for the few the persisted store keeps otherwise.

Oxigraph stores a literal in a canonical form: ``"2"^^xsd:positiveInteger`` comes back as
``"2"^^xsd:integer`` (oxigraph/oxigraph#526), ``"1.0"^^xsd:decimal`` as ``"1"``. A rule that
reads the value (``sh:datatype xsd:positiveInteger``) must see it as written, or our own data
fails it. This index, an SQLite table beside the store, keeps for every triple whose literal
the store changed the literal as written, keyed by subject, predicate and the stored form, so
that what is read from the store can be put back as the files say it.
"""

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.graph.files import write_sqlite_atomically

UNCHANGED_DATATYPES = {
    "http://www.w3.org/2001/XMLSchema#string",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString",
}
PROBE_SUBJECT = ox.NamedNode("urn:x-kg:probe")


class Canonicaliser:
    """The form the store gives a literal, found by storing it in a store of its own."""

    def __init__(self):
        self.store = ox.Store()
        self.known: dict[ox.Literal, ox.Literal] = {}

    def __call__(self, literal: ox.Literal) -> ox.Literal:
        if literal not in self.known:
            quad = ox.Quad(PROBE_SUBJECT, PROBE_SUBJECT, literal, ox.DefaultGraph())
            self.store.add(quad)
            stored = next(iter(self.store.quads_for_pattern(PROBE_SUBJECT, None, None))).object
            self.store.remove(ox.Quad(PROBE_SUBJECT, PROBE_SUBJECT, stored, ox.DefaultGraph()))
            self.known[literal] = stored
        return self.known[literal]


def changed_literals(quads: Iterable[ox.Quad]) -> Iterator[tuple[str, str, str, str]]:
    """(subject, predicate, stored, written), in N-Triples form, for each triple of ``quads``
    whose literal the store would keep otherwise; where one stored form stands for several
    written ones, every written form, the stored one among them if it is written too."""
    canonical = Canonicaliser()
    forms: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for quad in quads:
        literal = quad.object
        if isinstance(literal, ox.Literal) and literal.datatype.value not in UNCHANGED_DATATYPES:
            key = (str(quad.subject), str(quad.predicate), str(canonical(literal)))
            forms[key].add(str(literal))
    for (subject, predicate, stored), written in sorted(forms.items()):
        if written != {stored}:
            for form in sorted(written):
                yield subject, predicate, stored, form


class WrittenForms:
    """The index written by ``write_forms``."""

    def __init__(self, path: Path):
        self.connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)

    def written(self, subject: str, predicate: str, stored: str) -> list[str]:
        """The literals as written (N-Triples) that the store keeps as ``stored``; empty when
        the store keeps the literal as written."""
        rows = self.connection.execute(
            "SELECT written FROM forms WHERE subject = ? AND predicate = ? AND stored = ?",
            (subject, predicate, stored),
        )
        return [written for (written,) in rows]


def write_forms(path: Path, quads: Iterable[ox.Quad]) -> None:
    """Write the index of the literals of ``quads`` that the store changes, whole or not at
    all."""

    def fill(connection: sqlite3.Connection) -> None:
        connection.execute(
            "CREATE TABLE forms (subject TEXT, predicate TEXT, stored TEXT, written TEXT)"
        )
        connection.executemany("INSERT INTO forms VALUES (?, ?, ?, ?)", changed_literals(quads))
        connection.execute("CREATE INDEX by_triple ON forms (subject, predicate, stored)")
        connection.commit()

    write_sqlite_atomically(path, fill)
