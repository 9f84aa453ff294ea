"""Terms between rdflib and Oxigraph, and how a term is shown to a reader.

The persisted store and the compiled engine speak pyoxigraph's terms; the shapes, the
reasoner and the writers speak rdflib's. These functions are the one place they meet.
"""

from collections.abc import Iterable, Mapping

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import XSD
from rdflib.term import Identifier, Node

import kg.graph.namespaces  # noqa: F401 (literals keep their lexical form: see there)
from kg.errors import InputError
from kg.graph.display import iri_short_form


def to_oxigraph(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The pyoxigraph term for an rdflib term (a pyoxigraph term is returned as it is)."""
    if isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal):
        return term
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot give {term!r} to Oxigraph")


def to_oxigraph_quads(dataset: Dataset) -> Iterable[ox.Quad]:
    """Every quad of ``dataset``; rdflib's default graph becomes Oxigraph's default graph."""
    for s, p, o, g in dataset.quads((None, None, None, None)):
        graph_id = g.identifier if isinstance(g, Graph) else g
        graph = (
            ox.DefaultGraph()
            if graph_id is None or graph_id == DATASET_DEFAULT_GRAPH_ID
            else to_oxigraph(graph_id)
        )
        yield ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), graph)


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Identifier:
    """The rdflib term for a pyoxigraph term.

    Oxigraph types a plain literal as xsd:string (RDF 1.1); rdflib keeps such literals
    untyped, so they become untyped here too and compare and serialise as rdflib's own do.
    An rdflib term is returned as it is.
    """
    if isinstance(term, Identifier):
        return term
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == str(XSD.string):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise InputError(f"query: unsupported term in results: {term}")


def short_form(term: Node | None, prefixes: Mapping[str, str]) -> str:
    """How a table shows a term: IRIs with our prefixes where the rest is a plain name,
    literals as their text, blank nodes as ``_:label``."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return iri_short_form(str(term), prefixes)
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)
