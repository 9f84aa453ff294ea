"""Exporting the graph, or one named graph of it, in the standard RDF formats.

The bytes come from ``kg.graph.serialize``, which writes the same graph to the same bytes.
"""

from rdflib import Dataset, Graph, URIRef

from kg.errors import UsageError
from kg.graph.namespaces import INFERRED_GRAPH, source_graph_iri
from kg.graph.serialize import (
    DATASET_FORMATS,
    EXPORT_FORMATS,
    Quad,
    serialize_graph,
    serialize_quads,
)


def resolve_graph(dataset: Dataset, name: str) -> URIRef:
    """A graph of the dataset by IRI or by the name of its source (``kei-peninsula-…``)."""
    known = sorted(
        (g.identifier for g in dataset.graphs() if len(g) and isinstance(g.identifier, URIRef)),
        key=str,
    )
    for candidate in (URIRef(name), source_graph_iri(name)):
        if candidate in known:
            return candidate
    listing = ", ".join(str(g) for g in known)
    raise UsageError(f"--graph {name}: no such graph; the graphs are: {listing}")


def export_dataset(
    dataset: Dataset,
    rdf_format: str,
    graph: URIRef | None = None,
    inferred: Graph | None = None,
) -> bytes:
    """The dataset (or one graph of it) in ``rdf_format``; ``inferred`` triples, if given, go
    in the graph ``graph/inferred``. Formats without named graphs write the union."""
    if rdf_format not in EXPORT_FORMATS:
        raise UsageError(f"--format {rdf_format}: use one of {', '.join(EXPORT_FORMATS)}")
    quads: list[Quad] = [
        (s, p, o, g.identifier)
        for g in dataset.graphs()
        if isinstance(g.identifier, URIRef) and (graph is None or g.identifier == graph)
        for s, p, o in g
    ]
    if inferred is not None:
        quads.extend((s, p, o, INFERRED_GRAPH) for s, p, o in inferred)
    if rdf_format in DATASET_FORMATS:
        return serialize_quads(quads, rdf_format)
    return serialize_graph({(s, p, o) for s, p, o, _ in quads}, rdf_format)
