"""Query engines: rdflib's own SPARQL engine and Oxigraph, behind one interface.

Both answer a SPARQL query over the union of the graphs and can return an rdflib ``Result``;
``kg query`` takes Oxigraph's own answer (``OxigraphEngine.answer``) and streams it through
Oxigraph's writers. rdflib is the reference; Oxigraph (a compiled engine) answers the same
queries 50 to 100 times faster on large graphs. An ``OxigraphEngine`` is made from an rdflib
Dataset or from a store that ``kg.graph.store`` persisted on disk, which spares the parsing of
the data files at every command. Answering from the persisted store imports no rdflib.
"""

import dataclasses
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import pyoxigraph as ox

from kg.errors import InputError
from kg.graph import iris, paths
from kg.graph import store as store_cache
from kg.sparql import outline
from kg.sparql.catalogue import QueryText

if TYPE_CHECKING:
    from rdflib import Dataset
    from rdflib.query import Result
    from rdflib.term import Node

ENGINES = ("rdflib", "oxigraph")

# Variable name -> value, as pyoxigraph or rdflib terms.
Bindings = Mapping[str, "ox.NamedNode | ox.BlankNode | ox.Literal | Node"]
OxigraphAnswer = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


class Engine(Protocol):
    """Runs a SPARQL query over the union of all graphs."""

    name: str

    def query(self, text: str, bindings: Bindings | None = None) -> "Result":
        """Answer ``text`` with ``bindings`` (variable -> term) substituted; an rdflib Result."""
        ...


class RdflibEngine:
    """rdflib's SPARQL engine over a Dataset whose default graph is the union."""

    name = "rdflib"

    def __init__(self, dataset: "Dataset"):
        self.dataset = dataset

    def query(self, text: str, bindings: Bindings | None = None) -> "Result":
        from rdflib import Variable

        from kg.graph.terms import to_rdflib

        initial = {Variable(str(k)): to_rdflib(v) for k, v in (bindings or {}).items()}
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
    def from_dataset(cls, dataset: "Dataset") -> "OxigraphEngine":
        """An in-memory Oxigraph copy of ``dataset``, named graphs kept."""
        from kg.graph.terms import to_oxigraph_quads

        store = ox.Store()
        store.bulk_extend(to_oxigraph_quads(dataset))
        return cls(store, {prefix: str(ns) for prefix, ns in dataset.namespaces()})

    def query(self, text: str, bindings: Bindings | None = None) -> "Result":
        return to_rdflib_result(self.answer(text, bindings))

    def answer(self, text: str, bindings: Bindings | None = None) -> OxigraphAnswer:
        """Oxigraph's own answer, for its writers: rows, a boolean or triples."""
        text, substitutions = self.bind(text, bindings or {})
        try:
            return self.store.query(
                text,
                prefixes=self.prefixes,
                # A query that names its graphs with FROM gets those, not the union.
                use_default_graph_as_union=not names_its_graphs(text),
                substitutions=substitutions,
            )
        except SyntaxError as error:
            raise InputError(f"query: syntax error: {' '.join(str(error).split())}") from error

    def bind(self, text: str, bindings: Bindings) -> tuple[str, dict]:
        """Give ``bindings`` the meaning of rdflib's ``initBindings``.

        Oxigraph substitutes only variables that the query projects (SEP-0007); any other
        bound variable is replaced in the query text by its value, the way grlc fills a saved
        query's ``?_name`` parameters.
        """
        if not bindings:
            return text, {}
        projected = outline.projection(text)
        if projected is None:
            projected = projection(text, self.prefixes)
        substitutions = {}
        for name, value in bindings.items():
            term = as_oxigraph(value)
            if str(name) in projected:
                substitutions[ox.Variable(str(name))] = term
            else:
                text = replace_variable(text, str(name), str(term))
        return text, substitutions


def as_oxigraph(value) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """A binding's value as a pyoxigraph term (rdflib is imported only to convert one of its
    terms)."""
    if isinstance(value, ox.NamedNode | ox.BlankNode | ox.Literal):
        return value
    from kg.graph.terms import to_oxigraph

    return to_oxigraph(value)


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


def projection(text: str, prefixes: Mapping[str, str]) -> set[str]:
    """The variables a SELECT query returns (none for other forms), from rdflib's algebra:
    for what ``kg.sparql.outline.projection`` cannot tell from the text."""
    from rdflib.plugins.sparql import prepareQuery

    algebra = prepareQuery(text, initNs=dict(prefixes)).algebra
    return {str(v) for v in algebra.get("PV") or ()} if algebra.name == "SelectQuery" else set()


def to_rdflib_result(answer: bool | OxigraphAnswer) -> "Result":
    """An rdflib Result holding Oxigraph's answer: rows, a boolean, or a graph."""
    from rdflib import Graph, Variable
    from rdflib.query import Result
    from rdflib.term import Identifier

    from kg.graph.terms import to_rdflib

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
    undeclared_prefixes: Mapping[str, str] | None = None,
) -> "OxigraphAnswer | Result":
    """Answer a query over the embedded graph of ``data_dir`` with the chosen engine:
    Oxigraph's own answer, or rdflib's Result.

    Oxigraph answers from the store persisted beside the data folder, so that no Turtle is
    parsed while the files are unchanged; with ``infer``, from the store of the same files
    with their closure, persisted beside it. rdflib answers over the Dataset, as
    ``kg.sparql.catalogue.execute`` does, from ``parsed`` (rdflib's parse of the query).
    ``undeclared_prefixes`` are those the query may use without declaring them (an inline
    query's).
    """
    engine = engine or DEFAULT_ENGINE
    if engine == "oxigraph":
        store = store_with_closure(data_dir) if infer else store_cache.open_store(data_dir)
        return OxigraphEngine(store, undeclared_prefixes).answer(text, bindings)
    from kg.graph.load import load_dataset
    from kg.reasoning.consistency import add_inferred
    from kg.sparql import catalogue as saved_queries

    dataset = load_dataset(data_dir)
    if infer:
        add_inferred(dataset)
    return saved_queries.execute(dataset, parsed, bindings, allow_network)


def store_with_closure(data_dir: Path | None = None) -> ox.Store:
    """The store of the files of ``data_dir`` with their OWL RL closure (read-only), kept beside
    the persisted store and built once per state of the files: computing the closure was most
    of the time of ``kg query --infer`` (on the article, 0.7 s of a 1.3 s command)."""
    from kg.graph import paths

    return store_cache.open_companion_store(
        data_dir or paths.data_dir(), store_cache.CLOSURE, fill_with_closure
    )


def fill_with_closure(store: ox.Store, data_dir: Path) -> None:
    """Load the files of ``data_dir`` into ``store`` in their graphs, with the OWL RL closure of
    data and ontology in ``graph/inferred``, as ``kg.reasoning.consistency.add_inferred`` adds it to
    a Dataset; without an rdflib Graph of the data, which at a million triples takes most of a
    minute to build."""
    from kg.graph.terms import to_oxigraph, to_rdflib
    from kg.reasoning.consistency import data_triples
    from kg.reasoning.fast_closure import closure_of

    quads = list(store_cache.parse_files(data_dir))
    inferred = closure_of(data_triples(quads), convert=to_rdflib).inferred
    store.bulk_extend(quads)
    graph = ox.NamedNode(iris.INFERRED_GRAPH)
    store.bulk_extend(
        ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), graph) for s, p, o in inferred
    )


TUNED_DIR = Path(__file__).resolve().parent / "tuned"


def tuned_or_saved(query: QueryText) -> QueryText:
    """The query as the engines run it: for a saved query of the project's catalogue, its
    tuned copy in ``kg/sparql/tuned/`` where there is one, else the query as written.

    A tuned copy gives the saved query's rows in a form that rdflib's and Oxigraph's planners
    answer faster; the catalogue keeps the plain text, which users read and copy. The copy
    keeps the saved query's header (its parameters' defaults)."""
    tuned = TUNED_DIR / f"{query.name}.rq"
    ours = Path(query.origin).parent == paths.PROJECT_ROOT / "queries"
    if query.name is None or not ours or not tuned.is_file():
        return query
    return dataclasses.replace(query, origin=str(tuned), text=tuned.read_text("utf-8"))
