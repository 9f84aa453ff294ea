"""The saved queries as the server runs them: each checked once (rdflib takes half a second to
parse and translate one of ours), and again when its text changes."""

import threading
from dataclasses import dataclass

from kg.sparql import catalogue, outline
from kg.sparql.engine import tuned_or_saved
from kg.web.protocol import PARSER_LOCK


@dataclass(frozen=True)
class PreparedQuery:
    # The query as written, which pages show, and as the engine runs it: its tuned copy
    # where there is one (kg.sparql.engine.tuned_or_saved), as kg query runs it.
    text: catalogue.QueryText
    run: catalogue.QueryText
    parameters: list[catalogue.Parameter]
    ordered: bool


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
        run = tuned_or_saved(text)
        prepared = PreparedQuery(
            text, run, catalogue.parameters(text), outline.is_ordered(run.text)
        )
        with self._lock:
            self._prepared = {k: v for k, v in self._prepared.items() if k[0] != key[0]}
            self._prepared[key] = prepared
        return prepared
