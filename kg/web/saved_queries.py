"""The saved queries as the server runs them: each prepared once, and again when its text
changes. Like ``kg query``, the text that runs (a tuned copy where there is one) is parsed by
rdflib for the safety checks only where its tokens cannot settle them
(``kg.sparql.outline.needs_algebra``): rdflib takes half a second per query of ours."""

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
        run = tuned_or_saved(text)
        if outline.needs_algebra(run.text, allow_network=False):
            with PARSER_LOCK:
                catalogue.check_safety(catalogue.parse(run), run.origin)
        prepared = PreparedQuery(
            text, run, catalogue.parameters(text), outline.is_ordered(run.text)
        )
        with self._lock:
            self._prepared = {k: v for k, v in self._prepared.items() if k[0] != key[0]}
            self._prepared[key] = prepared
        return prepared
