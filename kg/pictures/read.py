"""Reading the persisted store for the pictures: SELECT answers as rows of plain strings, the
ontology's class tree, and the named graph of a source.

The pictures read Oxigraph's store directly rather than through rdflib: a filtered timeline or
a neighbourhood at a million triples must answer within a second, and converting every term to
rdflib costs more than the query.
"""

from collections.abc import Iterable

import pyoxigraph as ox

from kg.errors import UsageError
from kg.graph.load import our_prefixes
from kg.graph.namespaces import GRAPH, INFERRED_GRAPH, NKD, ONTOLOGY_GRAPH, SHAPES_GRAPH

Row = dict[str, str]
NOT_SOURCES = {str(ONTOLOGY_GRAPH), str(SHAPES_GRAPH), str(INFERRED_GRAPH)}
SUB_CLASS_OF = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")


def select(store: ox.Store, text: str) -> list[Row]:
    """The rows of a SELECT over the union of the graphs, each variable's value as a string
    (an unbound variable is left out of its row)."""
    answer = store.query(text, prefixes=our_prefixes(), use_default_graph_as_union=True)
    names = [variable.value for variable in answer.variables]
    return [
        {name: term.value for name, term in zip(names, solution, strict=True) if term is not None}
        for solution in answer
    ]


def values(iris: Iterable[str]) -> str:
    """IRIs as the terms of a SPARQL VALUES block."""
    return " ".join(f"<{iri}>" for iri in iris)


def classes_below(store: ox.Store, top: str) -> set[str]:
    """``top`` and every class below it in the ontology graph."""
    found = {top}
    frontier = [top]
    graph = ox.NamedNode(str(ONTOLOGY_GRAPH))
    while frontier:
        parent = ox.NamedNode(frontier.pop())
        for quad in store.quads_for_pattern(None, SUB_CLASS_OF, parent, graph):
            child = quad.subject
            if isinstance(child, ox.NamedNode) and child.value not in found:
                found.add(child.value)
                frontier.append(child.value)
    return found


def depth_below(store: ox.Store, top: str) -> dict[str, int]:
    """Each class below ``top`` (and ``top``, at 0) with its distance from it: an event typed
    with several classes is drawn as its deepest, most specific one."""
    depths = {top: 0}
    frontier = [top]
    graph = ox.NamedNode(str(ONTOLOGY_GRAPH))
    while frontier:
        parent = frontier.pop(0)
        for quad in store.quads_for_pattern(None, SUB_CLASS_OF, ox.NamedNode(parent), graph):
            child = quad.subject.value
            if child not in depths:
                depths[child] = depths[parent] + 1
                frontier.append(child)
    return depths


def source_names(store: ox.Store) -> list[str]:
    """The names of the sources in the store (``data/NAME.ttl`` is the graph ``graph/NAME``)."""
    return sorted(
        graph.value.removeprefix(str(GRAPH))
        for graph in store.named_graphs()
        if isinstance(graph, ox.NamedNode)
        and graph.value.startswith(str(GRAPH))
        and graph.value not in NOT_SOURCES
    )


def source_graph(store: ox.Store, name: str) -> str:
    """The named graph of the source ``name``; a usage error naming the known ones if none."""
    known = source_names(store)
    if name not in known:
        raise UsageError(
            f"--source: no source named {name!r} (known: {', '.join(known) or 'none'})"
        )
    return str(GRAPH) + name


def labels(store: ox.Store, iris: Iterable[str]) -> dict[str, str]:
    """The English label (rdfs:label, else skos:prefLabel) of each IRI that has one."""
    iris = sorted(set(iris))
    if not iris:
        return {}
    rows = select(
        store,
        f"""
        SELECT ?node (MIN(?text) AS ?label) WHERE {{
            VALUES ?node {{ {values(iris)} }}
            {{ ?node rdfs:label ?text }} UNION {{ ?node skos:prefLabel ?text }}
            FILTER (LANGMATCHES(LANG(?text), "en") || LANG(?text) = "")
        }} GROUP BY ?node
        """,
    )
    return {row["node"]: row["label"] for row in rows if "label" in row}


def expand(name: str) -> str:
    """An IRI from a prefixed name of ours (``nk:ri-il-kyu``) or a full IRI, as typed."""
    prefix, _, rest = name.partition(":")
    namespace = our_prefixes().get(prefix)
    return namespace + rest if namespace and not rest.startswith("//") else name


def local_name(iri: str) -> str:
    """The last segment of an IRI: ``nk:defection-thae-yong-ho`` → ``defection-thae-yong-ho``."""
    return iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


EVENT = str(NKD.Event)
