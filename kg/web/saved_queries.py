"""The saved queries as the server runs them: each parsed once, and again when its text
changes (rdflib takes half a second to parse and translate one of ours)."""

import threading
from dataclasses import dataclass

from rdflib import Variable
from rdflib.plugins.sparql.sparql import Query

from kg.sparql import catalogue
from kg.web.protocol import PARSER_LOCK


@dataclass(frozen=True)
class PreparedQuery:
    text: catalogue.QueryText
    parsed: Query
    parameters: list[catalogue.Parameter]
    ordered: bool
    # The variables a SELECT returns: what Oxigraph may substitute (kg.sparql.engine.bind).
    projected: frozenset[Variable]


class SavedQueries:
    def __init__(self):
        self._lock = threading.Lock()
        self._prepared: dict[tuple[str, str], PreparedQuery] = {}

    def all(self) -> list[PreparedQuery]:
        """Every saved query, by name."""
        return [self._prepare(text) for text in catalogue.catalogue()]

    def get(self, name: str) -> PreparedQuery:
        """One saved query; an unknown name is the catalogue's UsageError."""
        return self._prepare(catalogue.saved_query(name))

    def _prepare(self, text: catalogue.QueryText) -> PreparedQuery:
        key = (text.name or "", text.text)
        with self._lock:
            found = self._prepared.get(key)
        if found is not None:
            return found
        with PARSER_LOCK:
            parsed = catalogue.parse(text)
            catalogue.check_safety(parsed, text.origin)
            algebra = parsed.algebra
            projected = algebra.get("PV") or () if algebra.name == "SelectQuery" else ()
            prepared = PreparedQuery(
                text,
                parsed,
                catalogue.parameters(text, parsed),
                catalogue.is_ordered(parsed),
                frozenset(projected),
            )
        with self._lock:
            self._prepared = {k: v for k, v in self._prepared.items() if k[0] != key[0]}
            self._prepared[key] = prepared
        return prepared
