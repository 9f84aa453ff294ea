"""The project's namespaces and the IRIs of its well-known graphs, as rdflib terms (the plain
strings are in ``kg.graph.iris``)."""

import rdflib
from rdflib import Namespace, URIRef

from kg.graph import iris


def keep_lexical_forms() -> None:
    """Make rdflib keep every literal's lexical form, as the files write it and as Oxigraph
    keeps it: rdflib would otherwise rewrite some as it reads them ("2026-11-28T00:00:00Z" as
    "…+00:00", "01" as "1"), and a store that compares terms would take an exported literal
    for another. Every module of ours that makes rdflib literals imports this one; pySHACL
    switches rewriting back on after each validation, so its callers call this again."""
    rdflib.NORMALIZE_LITERALS = False


keep_lexical_forms()

BASE = iris.BASE
NKD = Namespace(iris.PREFIXES["nkd"])
NK = Namespace(iris.PREFIXES["nk"])
NKV = Namespace(iris.PREFIXES["nkv"])
NKSH = Namespace(iris.PREFIXES["nksh"])
GRAPH = Namespace(iris.GRAPH)

OA = Namespace(iris.PREFIXES["oa"])
ORG = Namespace(iris.PREFIXES["org"])
TIME = Namespace(iris.PREFIXES["time"])
SCHEMA = Namespace(iris.PREFIXES["schema"])
VANN = Namespace(iris.PREFIXES["vann"])

ONTOLOGY_GRAPH = URIRef(iris.ONTOLOGY_GRAPH)
SHAPES_GRAPH = URIRef(iris.SHAPES_GRAPH)
INFERRED_GRAPH = URIRef(iris.INFERRED_GRAPH)


def source_graph_iri(name: str) -> URIRef:
    """The named graph that holds the facts of the source stored as ``data/<name>``."""
    return URIRef(iris.source_graph(name))


def bind_prefixes(graph) -> None:
    """Bind the prefixes every serialisation of ours uses, so output reads the same everywhere."""
    for prefix, namespace in iris.PREFIXES.items():
        graph.bind(prefix, Namespace(namespace), override=True, replace=True)
