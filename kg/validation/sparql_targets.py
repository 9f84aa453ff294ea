"""SHACL-SPARQL targets selected by Oxigraph instead of by pyshacl.

pyshacl runs every shape's SPARQL target (``sh:target [ a sh:SPARQLTarget ; sh:select … ]``)
with rdflib's SPARQL engine over the whole data graph, and only then keeps the focus nodes it
was asked about. Our targets group all names, compare dates and look for untyped nodes, and
rdflib evaluates them in seconds on a neighbourhood of a few thousand triples, in minutes on a
large graph. A SPARQL target means exactly the set of nodes its SELECT binds to ``?this``
(SHACL-AF, section 5.1), so the same set given as ``sh:targetNode`` values is the same target:
``with_targets_selected`` asks Oxigraph for each set once, over an in-memory copy of the data,
and hands pyshacl shapes whose SPARQL targets are replaced by the nodes they select.
"""

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import SH
from rdflib.term import Node

from kg.graph.terms import to_oxigraph, to_rdflib


def with_targets_selected(data: Graph, shapes: Graph, focus: Iterable[Node] | None = None) -> Graph:
    """A copy of ``shapes`` whose SPARQL targets are replaced by the nodes they select in
    ``data`` (only those among ``focus``, when given: pyshacl would drop the others)."""
    targets = [
        (shape, target)
        for shape, target in shapes.subject_objects(SH.target)
        if shapes.value(target, SH.select) is not None
    ]
    resolved = Graph()
    for prefix, namespace in shapes.namespaces():
        resolved.bind(prefix, namespace)
    for triple in shapes:
        resolved.add(triple)
    if not targets:
        return resolved
    store = ox.Store()
    store.bulk_extend(
        ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), ox.DefaultGraph())
        for s, p, o in data
    )
    wanted = None if focus is None else set(focus)
    for shape, target in sorted(targets, key=str):
        resolved.remove((shape, SH.target, target))
        for node in selected(store, shapes, target):
            if wanted is None or node in wanted:
                resolved.add((shape, SH.targetNode, node))
    return resolved


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
