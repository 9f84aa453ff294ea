"""Query engines: rdflib's own SPARQL engine and Oxigraph, behind one interface.

Both answer a SPARQL query over the union of the graphs and return an rdflib ``Result``, so
that the same writers format either engine's answers. rdflib is the reference; Oxigraph (a
compiled engine) answers the same queries 50 to 100 times faster on large graphs. An
``OxigraphEngine`` is made from an rdflib Dataset or from a store that ``kg.graph.store``
persisted on disk, which spares the parsing of the data files at every command.
"""

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from rdflib import Dataset, Graph, Variable
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import Result
from rdflib.term import Identifier, Node

from kg.errors import InputError
from kg.graph import store as store_cache
from kg.graph.terms import to_oxigraph, to_oxigraph_quads, to_rdflib

ENGINES = ("rdflib", "oxigraph")

Bindings = Mapping[str | Variable, Node]


class Engine(Protocol):
    """Runs a SPARQL query over the union of all graphs."""

    name: str

    def query(self, text: str, bindings: Bindings | None = None) -> Result:
        """Answer ``text`` with ``bindings`` (variable -> term) substituted; an rdflib Result."""
        ...


class RdflibEngine:
    """rdflib's SPARQL engine over a Dataset whose default graph is the union."""

    name = "rdflib"

    def __init__(self, dataset: Dataset):
        self.dataset = dataset

    def query(self, text: str, bindings: Bindings | None = None) -> Result:
        initial = {Variable(str(k)): v for k, v in (bindings or {}).items()}
        return self.dataset.query(text, initBindings=initial)


class OxigraphEngine:
    """Oxigraph's SPARQL engine over a pyoxigraph Store; the default graph is the union."""

    name = "oxigraph"

    def __init__(self, store: ox.Store, prefixes: Mapping[str, str] | None = None):
        self.store = store
        # rdflib lets a query use the dataset's bound prefixes without declaring them; the
        # same prefixes are given to Oxigraph so that a query means the same on both.
        self.prefixes = dict(prefixes or {})

    @classmethod
    def from_dataset(cls, dataset: Dataset) -> "OxigraphEngine":
        """An in-memory Oxigraph copy of ``dataset``, named graphs kept."""
        store = ox.Store()
        store.bulk_extend(to_oxigraph_quads(dataset))
        return cls(store, {prefix: str(ns) for prefix, ns in dataset.namespaces()})

    def query(
        self,
        text: str,
        bindings: Bindings | None = None,
        projected: set[Variable] | None = None,
    ) -> Result:
        """Answer ``text`` with ``bindings`` substituted; ``projected``, the variables a SELECT
        returns, spares parsing the query again when the caller has parsed it already."""
        text, substitutions = self.bind(text, bindings or {}, projected)
        try:
            answer = self.store.query(
                text,
                prefixes=self.prefixes,
                # A query that names its graphs with FROM gets those, not the union.
                use_default_graph_as_union=not names_its_graphs(text),
                substitutions=substitutions,
            )
        except SyntaxError as error:
            raise InputError(f"query: syntax error: {' '.join(str(error).split())}") from error
        return to_rdflib_result(answer)

    def bind(
        self, text: str, bindings: Bindings, projected: set[Variable] | None = None
    ) -> tuple[str, dict]:
        """Give ``bindings`` the meaning of rdflib's ``initBindings``.

        Oxigraph substitutes only variables that the query projects (SEP-0007); any other
        bound variable is replaced in the query text by its value, the way grlc fills a saved
        query's ``?_name`` parameters.
        """
        if not bindings:
            return text, {}
        if projected is None:
            projected = projection(text, self.prefixes)
        substitutions = {}
        for name, value in bindings.items():
            if Variable(str(name)) in projected:
                substitutions[ox.Variable(str(name))] = to_oxigraph(value)
            else:
                text = replace_variable(text, str(name), value.n3())
        return text, substitutions


# Strings, IRIs and comments, which may contain what looks like a variable, then variables.
SPARQL_TOKENS = re.compile(
    r'"""[\s\S]*?"""' + r"|'''[\s\S]*?'''"
    r'|"(?:[^"\\\n]|\\.)*"' + r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\s]*>|#[^\n]*|[?$](\w+)'
)


def replace_variable(text: str, name: str, replacement: str) -> str:
    """``text`` with every occurrence of the variable ``?name`` or ``$name`` replaced."""

    def swap(match: re.Match) -> str:
        return replacement if match.group(1) == name else match.group(0)

    return SPARQL_TOKENS.sub(swap, text)


def names_its_graphs(text: str) -> bool:
    """Whether the query has a FROM or FROM NAMED clause (outside strings and comments)."""
    bare = SPARQL_TOKENS.sub(" ", text)
    return re.search(r"\bFROM\b", bare, re.IGNORECASE) is not None


def projection(text: str, prefixes: Mapping[str, str]) -> set[Variable]:
    """The variables a SELECT query returns (none for other forms)."""
    algebra = prepareQuery(text, initNs=dict(prefixes)).algebra
    return set(algebra.get("PV") or ()) if algebra.name == "SelectQuery" else set()


def to_rdflib_result(answer: bool | ox.QuerySolutions | ox.QueryTriples) -> Result:
    """An rdflib Result holding Oxigraph's answer: rows, a boolean, or a graph."""
    if isinstance(answer, ox.QueryBoolean | bool):
        result = Result("ASK")
        result.askAnswer = bool(answer)
        return result
    if isinstance(answer, ox.QuerySolutions):
        result = Result("SELECT")
        names = [Variable(v.value) for v in answer.variables]
        result.vars = names
        # Each distinct term is converted once: tens of thousands of rows repeat a few
        # thousand terms, and converting is most of the time of such an answer.
        converted: dict = {}

        def convert(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Identifier:
            found = converted.get(term)
            if found is None:
                found = converted[term] = to_rdflib(term)
            return found

        result.bindings = [
            {
                name: convert(value)
                for name, value in zip(names, solution, strict=True)
                if value is not None
            }
            for solution in answer
        ]
        return result
    result = Result("CONSTRUCT")
    graph = Graph()
    for triple in answer:
        graph.add(
            (to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object))
        )
    result.graph = graph
    return result


DEFAULT_ENGINE = "oxigraph"


def query_local(
    text: str,
    parsed,
    bindings: Bindings | None,
    data_dir: Path | None = None,
    engine: str | None = None,
    infer: bool = False,
    allow_network: bool = False,
) -> Result:
    """Answer a query over the embedded graph of ``data_dir`` with the chosen engine.

    Oxigraph answers from the store persisted beside the data folder, so that no Turtle is
    parsed while the files are unchanged; with ``infer`` the closure is computed over the
    rdflib Dataset first and copied to Oxigraph. rdflib answers over the Dataset, as
    ``kg.sparql.catalogue.execute`` does.
    """
    from kg.graph.load import load_dataset, our_prefixes
    from kg.reasoning.consistency import add_inferred
    from kg.sparql import catalogue as saved_queries

    engine = engine or DEFAULT_ENGINE
    if engine == "oxigraph" and not infer:
        store = store_cache.open_store(data_dir)
        return OxigraphEngine(store, our_prefixes()).query(text, bindings)
    if engine == "oxigraph":
        return OxigraphEngine(store_with_closure(data_dir), our_prefixes()).query(text, bindings)
    dataset = load_dataset(data_dir)
    if infer:
        add_inferred(dataset)
    return saved_queries.execute(dataset, parsed, bindings, allow_network)


def store_with_closure(data_dir: Path | None = None) -> ox.Store:
    """An in-memory store of the files of ``data_dir`` in their graphs, with the OWL RL closure of
    data and ontology in ``graph/inferred``, as ``kg.reasoning.consistency.add_inferred`` adds it to
    a Dataset; without an rdflib Graph of the data, which at a million triples takes most of a
    minute to build."""
    from kg.graph import paths
    from kg.graph.namespaces import INFERRED_GRAPH
    from kg.reasoning.consistency import data_triples
    from kg.reasoning.fast_closure import closure_of

    quads = list(store_cache.parse_files(data_dir or paths.data_dir()))
    inferred = closure_of(data_triples(quads), convert=to_rdflib).inferred
    store = ox.Store()
    store.bulk_extend(quads)
    graph = ox.NamedNode(str(INFERRED_GRAPH))
    store.bulk_extend(
        ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), graph) for s, p, o in inferred
    )
    return store
