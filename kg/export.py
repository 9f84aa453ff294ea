"""Exporting the graph in the standard RDF formats, byte-identical for the same graph.

rdflib's serialisers write blank nodes under random labels and, for some formats, in the
order triples were inserted. Every export therefore goes through one canonical form: blank
nodes relabelled from the graph's content (``rdflib.compare``'s canonicaliser, run over all
graphs at once so that a blank node shared by two graphs stays one node), quads inserted in
sorted order, then serialised; N-Triples and N-Quads lines are sorted, and JSON-LD is
rewritten with sorted keys and sorted unordered arrays.
"""

import json
from collections.abc import Iterable

from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.compare import _TripleCanonicalizer
from rdflib.term import Node

from kg.errors import UsageError
from kg.load import our_prefixes, term_sort_key
from kg.namespaces import INFERRED_GRAPH, bind_prefixes, source_graph_iri

Quad = tuple[Node, Node, Node, URIRef]

# Formats that keep named graphs, and formats that write one graph (the union, or --graph).
DATASET_FORMATS = ("nq", "trig", "jsonld")
GRAPH_FORMATS = ("ttl", "nt", "jsonld", "xml")
EXPORT_FORMATS = ("ttl", "nt", "nq", "trig", "jsonld", "xml")
RDFLIB_FORMATS = {
    "ttl": "turtle",
    "nt": "nt",
    "nq": "nquads",
    "trig": "trig",
    "jsonld": "json-ld",
    "xml": "xml",
}
MEDIA_TYPES = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "nq": "application/n-quads",
    "trig": "application/trig",
    "jsonld": "application/ld+json",
    "xml": "application/rdf+xml",
}


def _quad_key(quad: Quad) -> tuple:
    return tuple(term_sort_key(term) for term in quad)


def canonical_quads(quads: Iterable[Quad]) -> list[Quad]:
    """The quads in sorted order, blank nodes relabelled from the content of all graphs."""
    quads = list(quads)
    if any(isinstance(term, BNode) for quad in quads for term in quad[:3]):
        # The canonicaliser works on triples: fold each (graph, predicate) pair into one
        # stand-in predicate, so a blank node's label depends on the graphs it appears in.
        pairs = sorted({(q[3], q[1]) for q in quads}, key=lambda pair: _quad_key((*pair, *pair)))
        stand_in = {pair: URIRef(f"urn:kg:quad-predicate:{i}") for i, pair in enumerate(pairs)}
        folded = Graph()
        for s, p, o, g in quads:
            folded.add((s, stand_in[(g, p)], o))
        unfold = {iri: pair for pair, iri in stand_in.items()}
        quads = [
            (s, unfold[p][1], o, unfold[p][0])
            for s, p, o in _TripleCanonicalizer(folded).canonical_triples()
        ]
    return sorted(quads, key=_quad_key)


def _sorted_lines(data: bytes) -> bytes:
    lines = sorted(line for line in data.decode("utf-8").splitlines() if line.strip())
    return "".join(line + "\n" for line in lines).encode("utf-8")


def _canonical_json(node: object) -> object:
    """JSON-LD with arrays sorted where their order carries no meaning (all but @list)."""
    if isinstance(node, dict):
        return {
            key: [_canonical_json(item) for item in value]
            if key == "@list"
            else _canonical_json(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        items = [_canonical_json(item) for item in node]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return node


def _json_bytes(data: bytes) -> bytes:
    document = _canonical_json(json.loads(data.decode("utf-8")))
    text = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def serialize_quads(quads: Iterable[Quad], rdf_format: str) -> bytes:
    """Named graphs in N-Quads, TriG or JSON-LD, deterministically."""
    dataset = Dataset()
    bind_prefixes(dataset)
    ordered = canonical_quads(quads)
    for name in sorted({quad[3] for quad in ordered}, key=term_sort_key):
        dataset.graph(name)
    for s, p, o, g in ordered:
        dataset.graph(g).add((s, p, o))
    if rdf_format == "nq":
        return _sorted_lines(dataset.serialize(format="nquads", encoding="utf-8"))
    if rdf_format == "trig":
        return dataset.serialize(format="trig", encoding="utf-8")
    if rdf_format == "jsonld":
        data = dataset.serialize(format="json-ld", context=our_prefixes(), encoding="utf-8")
        return _json_bytes(data)
    raise UsageError(f"--format {rdf_format}: not a format for named graphs")


class _OrderedGraph(Graph):
    """A graph that hands its subjects and their predicate-object pairs to a serialiser in
    sorted order; rdflib's RDF/XML writer otherwise follows the store's hash order."""

    def subjects(self, predicate=None, object=None, unique=False):  # noqa: A002
        found = super().subjects(predicate, object, unique=True)
        return iter(sorted(found, key=term_sort_key))

    def predicate_objects(self, subject=None, unique=False):
        pairs = super().predicate_objects(subject, unique=True)
        return iter(sorted(pairs, key=lambda pair: tuple(term_sort_key(t) for t in pair)))


def serialize_graph(triples: Iterable[tuple[Node, Node, Node]], rdf_format: str) -> bytes:
    """One graph in Turtle, N-Triples, JSON-LD or RDF/XML, deterministically."""
    anonymous = URIRef("urn:kg:graph")
    graph = _OrderedGraph()
    bind_prefixes(graph)
    for s, p, o, _ in canonical_quads((s, p, o, anonymous) for s, p, o in triples):
        graph.add((s, p, o))
    if rdf_format == "nt":
        return _sorted_lines(graph.serialize(format="nt", encoding="utf-8"))
    if rdf_format == "jsonld":
        data = graph.serialize(format="json-ld", context=our_prefixes(), encoding="utf-8")
        return _json_bytes(data)
    if rdf_format in ("ttl", "xml"):
        return graph.serialize(format=RDFLIB_FORMATS[rdf_format], encoding="utf-8")
    raise UsageError(f"--format {rdf_format}: not a format for one graph")


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
