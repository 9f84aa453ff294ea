"""Writing RDF in the standard formats, byte-identical for the same graph.

rdflib's serialisers write blank nodes under random labels and, for some formats, in the
order triples were inserted. Every export therefore goes through one canonical form: blank
nodes relabelled from the graph's content (``rdflib.compare``'s canonicaliser, run over all
graphs at once so that a blank node shared by two graphs stays one node), quads inserted in
sorted order, then serialised; N-Triples and N-Quads lines are sorted, and JSON-LD is written
here, flattened, from the sorted quads.
"""

import io
import json
import re
from collections.abc import Iterable

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import _TripleCanonicalizer
from rdflib.namespace import RDF, XSD
from rdflib.plugins.serializers.trig import TrigSerializer
from rdflib.plugins.serializers.turtle import TurtleSerializer
from rdflib.term import Node

from kg.errors import KGError, UsageError
from kg.graph.load import our_prefixes, term_sort_key
from kg.graph.namespaces import bind_prefixes

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


def _blank_nodes(quads: list[Quad]) -> int:
    return len({term for quad in quads for term in quad[:3] if isinstance(term, BNode)})


def canonical_quads(quads: Iterable[Quad]) -> list[Quad]:
    """The quads in sorted order, blank nodes relabelled from the content of all graphs."""
    quads = list(dict.fromkeys(quads))
    if any(isinstance(term, BNode) for quad in quads for term in quad[:3]):
        # The canonicaliser works on triples: fold each (graph, predicate) pair into one
        # stand-in predicate, so a blank node's label depends on the graphs it appears in.
        pairs = sorted({(q[3], q[1]) for q in quads}, key=lambda pair: _quad_key((*pair, *pair)))
        stand_in = {pair: URIRef(f"urn:kg:quad-predicate:{i}") for i, pair in enumerate(pairs)}
        folded = Graph()
        for s, p, o, g in quads:
            folded.add((s, stand_in[(g, p)], o))
        unfold = {iri: pair for pair, iri in stand_in.items()}
        labelled = [
            (s, unfold[p][1], o, unfold[p][0])
            for s, p, o in _TripleCanonicalizer(folded).canonical_triples()
        ]
        # Two nodes under one label would silently merge them: refuse rather than export that.
        if _blank_nodes(labelled) != _blank_nodes(quads) or len(set(labelled)) != len(quads):
            raise KGError("cannot give the blank nodes distinct canonical labels; nothing written")
        quads = labelled
    return sorted(quads, key=_quad_key)


# Written as \uXXXX escapes in Turtle, TriG, N-Triples and N-Quads: the C0 controls but tab,
# line feed and carriage return, DEL, and the non-characters U+FFFE and U+FFFF. rdflib writes
# them raw, and many readers refuse them (ours among them: a NUL byte marks a binary file).
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _escape_controls(data: bytes) -> bytes:
    """Escape control characters; they can only be in literals, where ``\\uXXXX`` means them."""
    text = _CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04X}", data.decode("utf-8"))
    return text.encode("utf-8")


def _sorted_lines(data: bytes) -> bytes:
    # Only "\n" ends a line: str.splitlines would also split a literal at U+0085 or U+2028.
    lines = sorted(line for line in data.decode("utf-8").split("\n") if line.strip())
    return "".join(line + "\n" for line in lines).encode("utf-8")


def _compact(iri: str, prefixes: dict[str, str]) -> str:
    best = max(
        ((p, ns) for p, ns in prefixes.items() if iri.startswith(ns)),
        key=lambda pair: len(pair[1]),
        default=None,
    )
    if best is None or iri[len(best[1]) :].startswith("//"):
        return iri
    return f"{best[0]}:{iri[len(best[1]) :]}"


def _json_id(term: Node, prefixes: dict[str, str]) -> str:
    return f"_:{term}" if isinstance(term, BNode) else _compact(str(term), prefixes)


def _json_value(term: Node, prefixes: dict[str, str]) -> dict[str, str]:
    if not isinstance(term, Literal):
        return {"@id": _json_id(term, prefixes)}
    value = {"@value": str(term)}
    if term.language:
        value["@language"] = term.language
    elif term.datatype is not None:
        value["@type"] = _compact(str(term.datatype), prefixes)
    return value


def _json_nodes(triples: Iterable[tuple[Node, Node, Node]], prefixes: dict[str, str]) -> list:
    nodes: dict[Node, dict] = {}
    for s, p, o in triples:
        node = nodes.setdefault(s, {"@id": _json_id(s, prefixes)})
        if p == RDF.type and isinstance(o, URIRef):
            node.setdefault("@type", []).append(_compact(str(o), prefixes))
        else:
            node.setdefault(_compact(str(p), prefixes), []).append(_json_value(o, prefixes))
    return list(nodes.values())


def _json_bytes(document: dict) -> bytes:
    text = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def _context_prefixes(quads: list[Quad]) -> dict[str, str]:
    """Our prefixes, less any that an IRI of the data has as its scheme: a JSON-LD reader
    takes the absolute IRI ``<nk:x>`` for the prefixed name ``nk:x`` and changes it."""
    iris = {t for quad in quads for t in quad if isinstance(t, URIRef)}
    iris.update(t.datatype for quad in quads for t in quad[2:3] if isinstance(t, Literal))
    schemes = {
        scheme for scheme, _, rest in (str(i).partition(":") for i in iris if i) if rest[:2] != "//"
    }
    return {p: ns for p, ns in our_prefixes().items() if p not in schemes}


def jsonld_document(quads: list[Quad], named: bool) -> bytes:
    """Flattened JSON-LD: one node object per subject, values never nested, so that no
    triple can go missing (rdflib's writer drops blank nodes that only refer to each other).
    Input comes sorted from ``canonical_quads``, so the document is stable as it is."""
    prefixes = _context_prefixes(quads)
    document: dict = {"@context": prefixes}
    if not named:
        document["@graph"] = _json_nodes(((s, p, o) for s, p, o, _ in quads), prefixes)
        return _json_bytes(document)
    graphs = []
    for name in sorted({q[3] for q in quads}, key=term_sort_key):
        members = ((s, p, o) for s, p, o, g in quads if g == name)
        graphs.append({"@id": _json_id(name, prefixes), "@graph": _json_nodes(members, prefixes)})
    document["@graph"] = graphs
    return _json_bytes(document)


# The lexical forms that Turtle can write bare and rdflib reads back unchanged: it reads a bare
# integer as a number (007 comes back as 7), and writes "0" as the decimal 0.0 and "1" as the
# boolean 1, an integer.
_BARE = {
    XSD.integer: re.compile(r"0|-?[1-9][0-9]*"),
    XSD.decimal: re.compile(r"-?[0-9]+\.[0-9]+"),
    XSD.boolean: re.compile(r"true|false"),
}


class _ExactNumbers:
    """rdflib's Turtle and TriG writers print xsd:double in six significant digits
    (10000001.0 becomes 1e+07), and write other numbers and booleans bare that then read back
    as other terms (see ``_BARE``): write those with their full lexical form instead."""

    def label(self, node: Node, position: int) -> str:
        if isinstance(node, Literal) and (
            node.datatype == XSD.double
            or (node.datatype in _BARE and not _BARE[node.datatype].fullmatch(node))
        ):
            return node._literal_n3(
                use_plain=False, qname_callback=lambda dt: self.get_pname(dt, False)
            )
        return super().label(node, position)


class _TurtleSerializer(_ExactNumbers, TurtleSerializer):
    """rdflib's Turtle writer with numbers kept exact."""


class _SortedTrigSerializer(_ExactNumbers, TrigSerializer):
    """rdflib's TriG writer with numbers kept exact and the graphs in sorted order instead of
    the store's."""

    def __init__(self, store: Dataset):
        super().__init__(store)
        self.contexts.sort(key=lambda graph: term_sort_key(graph.identifier))


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
        return _sorted_lines(_escape_controls(dataset.serialize(format="nquads", encoding="utf-8")))
    if rdf_format == "trig":
        buffer = io.BytesIO()
        _SortedTrigSerializer(dataset).serialize(buffer, encoding="utf-8")
        return _escape_controls(buffer.getvalue())
    if rdf_format == "jsonld":
        return jsonld_document(ordered, named=True)
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
    ordered = canonical_quads((s, p, o, anonymous) for s, p, o in triples)
    if rdf_format == "jsonld":
        return jsonld_document(ordered, named=False)
    graph = _OrderedGraph()
    bind_prefixes(graph)
    for s, p, o, _ in ordered:
        graph.add((s, p, o))
    if rdf_format == "nt":
        return _sorted_lines(_escape_controls(graph.serialize(format="nt", encoding="utf-8")))
    if rdf_format == "ttl":
        buffer = io.BytesIO()
        _TurtleSerializer(graph).serialize(buffer, encoding="utf-8")
        return _escape_controls(buffer.getvalue())
    if rdf_format == "xml":
        return graph.serialize(format="xml", encoding="utf-8")
    raise UsageError(f"--format {rdf_format}: not a format for one graph")
