"""OWL RL reasoning: the closure of data and ontology, and the inconsistencies it reveals.

``closure`` is the one function a faster reasoner replaces: it takes the asserted graph and
returns the triples the closure adds. ``inconsistencies`` reads asserted and inferred triples
together and does not care which reasoner produced them.
"""

from dataclasses import dataclass

import owlrl
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF
from rdflib.term import Node

from kg.load import data_and_ontology
from kg.namespaces import INFERRED_GRAPH, bind_prefixes

# owlrl records an inconsistency as a node of this class carrying the message.
OWLRL_ERRORS = URIRef("http://www.daml.org/2002/03/agents/agent-ont#")
OWLRL_ERROR_MESSAGE = URIRef(OWLRL_ERRORS + "ErrorMessage")
OWLRL_ERROR_TEXT = URIRef(OWLRL_ERRORS + "error")
OWLRL_RESTATED = ("'sameAs' and 'differentFrom' cannot be used", "Disjoint classes ")
OWLRL_NOTHING = " is defined of type 'Nothing'"


def closure(graph: Graph) -> Graph:
    """The triples that the OWL 2 RL closure of ``graph`` adds to it.

    Triples with a literal in subject position (owlrl derives ``"x" owl:sameAs "x"``) are
    left out: they are not RDF, no format can write them and no query needs them. owlrl's
    inconsistency markers are kept, so that ``inconsistencies`` can report them.
    """
    expanded = Graph()
    for triple in graph:
        expanded.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(expanded)
    added = Graph()
    bind_prefixes(added)
    for triple in expanded:
        if not isinstance(triple[0], Literal) and triple not in graph:
            added.add(triple)
    return added


def add_inferred(dataset: Dataset) -> Graph:
    """Add the closure of data and ontology to ``dataset`` as the graph ``graph/inferred``."""
    from kg.fast_reason import closure_with

    inferred = closure_with(data_and_ontology(dataset))
    target = dataset.graph(INFERRED_GRAPH)
    for triple in inferred:
        target.add(triple)
    return inferred


@dataclass(frozen=True, order=True)
class Inconsistency:
    """One reason the graph is inconsistent, with the nodes involved."""

    kind: str
    nodes: tuple[Node, ...]
    message: str


def _label(graph: Graph, node: Node) -> str:
    if isinstance(node, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(node)
        except Exception:  # an IRI rdflib cannot split into prefix and name
            return f"<{node}>"
    return node.n3()


def inconsistencies(asserted: Graph, inferred: Graph) -> list[Inconsistency]:
    """Members of owl:Nothing, members of two disjoint classes, owl:sameAs between nodes
    declared owl:differentFrom, and every inconsistency owlrl itself recorded."""
    union = Graph()
    bind_prefixes(union)
    for triple in asserted:
        union.add(triple)
    for triple in inferred:
        union.add(triple)
    found: set[Inconsistency] = set()

    empty = set(union.subjects(RDF.type, OWL.Nothing))
    for node in empty:
        if isinstance(node, URIRef):
            found.add(
                Inconsistency(
                    "nothing", (node,), f"{_label(union, node)} is a member of owl:Nothing"
                )
            )

    disjoint_pairs: set[tuple[Node, Node]] = set()
    for a, b in union.subject_objects(OWL.disjointWith):
        disjoint_pairs.add(tuple(sorted((a, b), key=str)))
    for group in union.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(union.items(union.value(group, OWL.members)))
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                disjoint_pairs.add(tuple(sorted((a, b), key=str)))
    for a, b in disjoint_pairs:
        if a == b:
            continue
        for node in set(union.subjects(RDF.type, a)) & set(union.subjects(RDF.type, b)):
            # A member of owl:Nothing is a member of every class: one report says it all.
            if node in empty:
                continue
            found.add(
                Inconsistency(
                    "disjoint",
                    (node, a, b),
                    f"{_label(union, node)} is a member of both {_label(union, a)} and "
                    f"{_label(union, b)}, which are disjoint",
                )
            )

    for a, b in union.subject_objects(OWL.differentFrom):
        same = (a, OWL.sameAs, b) in union or (b, OWL.sameAs, a) in union
        # A node different from itself is only news where it was asserted; the closure
        # derives it for every node of a sameAs/differentFrom clash found below anyway.
        if (a != b and same) or (a == b and (a, OWL.differentFrom, a) in asserted):
            first, second = sorted((a, b), key=str)
            found.add(
                Inconsistency(
                    "different",
                    (first, second),
                    f"{_label(union, first)} and {_label(union, second)} are declared "
                    "owl:differentFrom but are owl:sameAs",
                )
            )

    for marker in union.subjects(RDF.type, OWLRL_ERROR_MESSAGE):
        for text in union.objects(marker, OWLRL_ERROR_TEXT):
            message = " ".join(str(text).split())
            # These two restate the checks above, which name the nodes more readably.
            if message.startswith(OWLRL_RESTATED) or message.endswith(OWLRL_NOTHING):
                continue
            found.add(Inconsistency("owlrl", (), message))

    return sorted(found, key=lambda i: (i.kind, [str(n) for n in i.nodes], i.message))
