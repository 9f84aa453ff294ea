"""SPARQL constraints parsed once per validation instead of once per focus node.

pySHACL hands rdflib each SHACL-SPARQL constraint as text, once for every focus node, and
rdflib parses the text every time: our constraints take about a tenth of a second each to
parse, which was most of the time of validating a batch of new assertions. While
``parsed_once`` is active, rdflib parses a text once and evaluates its translation again with
each focus node's bindings, as it does a query prepared with ``prepareQuery``: the
translation holds nothing of an evaluation, so the results are the same.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.processor import SPARQLProcessor
from rdflib.plugins.sparql.sparql import Query


@contextmanager
def parsed_once() -> Iterator[None]:
    original = SPARQLProcessor.query
    translated: dict[tuple, Query] = {}

    def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):  # noqa: N803
        if isinstance(strOrQuery, str):
            key = (strOrQuery, base, tuple(sorted((initNs or {}).items())))
            if key not in translated:
                translated[key] = translateQuery(parseQuery(strOrQuery), base, initNs)
            strOrQuery = translated[key]
        return original(self, strOrQuery, initBindings, initNs, base, DEBUG)

    SPARQLProcessor.query = query
    try:
        yield
    finally:
        SPARQLProcessor.query = original
