"""Targets selected by Oxigraph instead of by pyshacl.

pyshacl runs every shape's SPARQL target (``sh:target [ a sh:SPARQLTarget ; sh:select … ]``)
with rdflib's SPARQL engine over the whole data graph, and only then keeps the focus nodes it
was asked about. Our targets group all names, compare dates and look for untyped nodes, and
rdflib evaluates them in seconds on a neighbourhood of a few thousand triples, in minutes on a
large graph. A SPARQL target means exactly the set of nodes its SELECT binds to ``?this``
(SHACL-AF, section 5.1), so the same set given as ``sh:targetNode`` values is the same target:
``with_targets_selected`` asks Oxigraph for each set once, over an in-memory copy of the data,
and hands pyshacl shapes whose SPARQL targets are replaced by the nodes they select.

``with_targets_as_nodes`` goes further and replaces every kind of target (class, implicit
class, subjects of, objects of, SPARQL) by the nodes it selects among a given scope. That is
how a validation is narrowed to a few nodes without pyshacl's ``focus_nodes``, which also
narrows the nodes that ``sh:node``, ``sh:or`` and the other shape-based constraints check, so
that a value that is not the node its shape requires goes unreported.
"""

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.term import Node

from kg.graph.terms import to_oxigraph, to_rdflib

# The triples that give a shape its targets, other than SPARQL targets (sh:target).
TARGET_PREDICATES = (SH.targetNode, SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf)
# A shape that is also a class targets the class's instances (SHACL 2.1.3.3).
CLASS_TYPES = (RDFS.Class, OWL.Class)


def with_targets_selected(data: Graph, shapes: Graph, focus: Iterable[Node] | None = None) -> Graph:
    """A copy of ``shapes`` whose SPARQL targets are replaced by the nodes they select in
    ``data`` (only those among ``focus``, when given: pyshacl would drop the others)."""
    resolved = copy_of(shapes)
    targets = sparql_targets(shapes)
    if not targets:
        return resolved
    store = in_memory(data)
    wanted = None if focus is None else set(focus)
    for shape, target in targets:
        resolved.remove((shape, SH.target, target))
        for node in selected(store, shapes, target):
            if wanted is None or node in wanted:
                resolved.add((shape, SH.targetNode, node))
    return resolved


def with_targets_as_nodes(data: Graph, shapes: Graph, scope: Iterable[Node]) -> Graph:
    """A copy of ``shapes`` in which every shape targets, with ``sh:targetNode``, exactly the
    nodes of ``scope`` that its targets select in ``data``: validating ``data`` against it
    gives the results of a full validation whose focus node is in ``scope``."""
    wanted = set(scope)
    resolved = copy_of(shapes)
    chosen: set[tuple[Node, Node]] = set()
    targets = sparql_targets(shapes)
    if targets:
        store = in_memory(data)
        for shape, target in targets:
            resolved.remove((shape, SH.target, target))
            chosen.update((shape, node) for node in selected(store, shapes, target) & wanted)
    classes = ClassesOf(data)
    for predicate in TARGET_PREDICATES:
        for shape, value in list(shapes.subject_objects(predicate)):
            resolved.remove((shape, predicate, value))
            chosen.update(
                (shape, node) for node in wanted if selects(data, classes, predicate, value, node)
            )
    for kind in CLASS_TYPES:
        for shape in set(shapes.subjects(RDF.type, kind)):
            if is_shape(shapes, shape):
                resolved.remove((shape, RDF.type, kind))
                chosen.update((shape, node) for node in wanted if shape in classes(node))
    for shape, node in chosen:
        resolved.add((shape, SH.targetNode, node))
    return resolved


class ClassesOf:
    """The classes a node is an instance of in a graph: its types and their superclasses."""

    def __init__(self, data: Graph):
        self.data = data
        self.superclasses: dict[Node, set[Node]] = {}
        self.found: dict[Node, set[Node]] = {}

    def __call__(self, node: Node) -> set[Node]:
        if node not in self.found:
            self.found[node] = set()
            for kind in self.data.objects(node, RDF.type):
                if kind not in self.superclasses:
                    self.superclasses[kind] = set(
                        self.data.transitive_objects(kind, RDFS.subClassOf)
                    )
                self.found[node] |= self.superclasses[kind]
        return self.found[node]


def selects(data: Graph, classes: ClassesOf, predicate: URIRef, value: Node, node: Node) -> bool:
    """Whether one non-SPARQL target selects ``node`` in ``data``."""
    if predicate == SH.targetNode:
        return node == value
    if predicate == SH.targetClass:
        return value in classes(node)
    if predicate == SH.targetSubjectsOf:
        return (node, value, None) in data
    return (None, value, node) in data


def is_shape(shapes: Graph, node: Node) -> bool:
    return (node, RDF.type, SH.NodeShape) in shapes or (node, RDF.type, SH.PropertyShape) in shapes


def copy_of(shapes: Graph) -> Graph:
    copy = Graph()
    for prefix, namespace in shapes.namespaces():
        copy.bind(prefix, namespace)
    for triple in shapes:
        copy.add(triple)
    return copy


def sparql_targets(shapes: Graph) -> list[tuple[Node, Node]]:
    return sorted(
        (
            (shape, target)
            for shape, target in shapes.subject_objects(SH.target)
            if shapes.value(target, SH.select) is not None
        ),
        key=str,
    )


def in_memory(data: Graph) -> ox.Store:
    store = ox.Store()
    store.bulk_extend(
        ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), ox.DefaultGraph())
        for s, p, o in data
    )
    return store


def selected(store: ox.Store, shapes: Graph, target: Node) -> set[Node]:
    """The values of ``?this`` in the solutions of a SPARQL target's SELECT."""
    text = str(shapes.value(target, SH.select))
    answer = store.query(text, prefixes=declared_prefixes(shapes, target))
    this = ox.Variable("this")
    return {to_rdflib(row[this]) for row in answer if row[this] is not None}


def declared_prefixes(shapes: Graph, node: Node) -> dict[str, str]:
    """The prefixes that ``node``'s ``sh:prefixes`` declare with ``sh:declare``."""
    prefixes = {}
    for owner in shapes.objects(node, SH.prefixes):
        for declaration in shapes.objects(owner, SH.declare):
            prefix = shapes.value(declaration, SH.prefix)
            namespace = shapes.value(declaration, SH.namespace)
            if prefix is not None and namespace is not None:
                prefixes[str(prefix)] = str(namespace)
    return prefixes
