"""OWL RL reasoning: the closure of data and ontology, and the inconsistencies it reveals.

``closure`` is the one function a faster reasoner replaces: it takes the asserted graph and
returns the triples the closure adds. ``inconsistencies`` reads asserted and inferred triples
together and does not care which reasoner produced them; it keeps only the few triples its
checks look at, so that a million asserted and inferred triples need not be copied into one
Graph. ``asserted_triples`` gives the asserted triples as Oxigraph parses them, so that
``kg reason`` does not build an rdflib Graph of the data.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import OWL, RDF
from rdflib.term import Node

from kg.graph.load import data_and_ontology
from kg.graph.namespaces import INFERRED_GRAPH, bind_prefixes
from kg.graph.store import NOT_DATA, parse_files

Triple = tuple[Node, Node, Node]
ParsedTriple = tuple[
    ox.NamedNode | ox.BlankNode, ox.NamedNode, ox.NamedNode | ox.BlankNode | ox.Literal
]

# owlrl records an inconsistency as a node of this class carrying the message.
OWLRL_ERRORS = URIRef("http://www.daml.org/2002/03/agents/agent-ont#")
OWLRL_ERROR_MESSAGE = URIRef(OWLRL_ERRORS + "ErrorMessage")
OWLRL_ERROR_TEXT = URIRef(OWLRL_ERRORS + "error")
OWLRL_RESTATED = ("'sameAs' and 'differentFrom' cannot be used", "Disjoint classes ")
OWLRL_NOTHING = " is defined of type 'Nothing'"


def add_inferred(dataset: Dataset) -> Graph:
    """Add the closure of data and ontology to ``dataset`` as the graph ``graph/inferred``."""
    from kg.reasoning.fast_closure import closure_with

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


def asserted_triples(data_dir: Path) -> Iterator[ParsedTriple]:
    """The triples of the data and the ontology under ``data_dir``: every graph but the
    shapes and inferred triples, as ``data_and_ontology`` takes them from the Dataset, parsed
    by Oxigraph (faster than rdflib, and unlike the persisted store it keeps every literal as
    written, so an ill-typed one is still found). A triple held by several graphs comes once
    per graph."""
    return data_triples(parse_files(data_dir))


def data_triples(quads: Iterable[ox.Quad]) -> Iterator[ParsedTriple]:
    """The triples of the quads that are in neither the shapes graph nor the inferred one."""
    for quad in quads:
        if quad.graph_name not in NOT_DATA:
            yield quad.subject, quad.predicate, quad.object


# What the checks read in any graph: rdf:type triples with these objects, every triple with
# these predicates. The rest they read depends on these: see checked_triples.
CHECKED_TYPES = frozenset({OWL.Nothing, OWL.AllDisjointClasses, OWLRL_ERROR_MESSAGE})
CHECKED_PREDICATES = frozenset({OWL.disjointWith, OWL.differentFrom, OWL.members, OWLRL_ERROR_TEXT})
LIST_PREDICATES = frozenset({RDF.first, RDF.rest})


def checked_triples(
    asserted: Iterable[Triple], inferred: Iterable[Triple]
) -> tuple[Graph, set[Node]]:
    """The triples of asserted and inferred that ``inconsistencies`` reads, in one Graph, and
    the nodes asserted owl:differentFrom themselves.

    Two passes over both: the first finds the disjoint classes, the rdf lists that name them
    and the owl:differentFrom pairs; the second the members of those classes and the
    owl:sameAs between those pairs. Both may be any iterable that can be read twice.
    """
    # Namespace attributes are looked up in Python: fetched once, not once per triple.
    type_, same_as, different_from, rest = RDF.type, OWL.sameAs, OWL.differentFrom, RDF.rest
    checked = Graph()
    bind_prefixes(checked)
    lists: dict[Node, list[Triple]] = {}
    self_different: set[Node] = set()
    for triples, as_asserted in ((asserted, True), (inferred, False)):
        for triple in triples:
            s, p, o = triple
            if p in CHECKED_PREDICATES or (p == type_ and o in CHECKED_TYPES):
                checked.add(triple)
                if as_asserted and p == different_from and s == o:
                    self_different.add(s)
            elif p in LIST_PREDICATES:
                lists.setdefault(s, []).append(triple)

    classes: set[Node] = set()
    for a, b in checked.subject_objects(OWL.disjointWith):
        classes.update((a, b))
    pending = [
        head
        for group in checked.subjects(type_, OWL.AllDisjointClasses)
        for head in checked.objects(group, OWL.members)
    ]
    seen: set[Node] = set()
    while pending:
        node = pending.pop()
        if node in seen:
            continue
        seen.add(node)
        for triple in lists.get(node, ()):
            checked.add(triple)
            if triple[1] == rest:
                pending.append(triple[2])
            else:
                classes.add(triple[2])
    different = {(a, b) for a, b in checked.subject_objects(different_from)}
    different |= {(b, a) for a, b in different}

    for triple in chain(asserted, inferred):
        s, p, o = triple
        if (p == type_ and o in classes) or (p == same_as and (s, o) in different):
            checked.add(triple)
    return checked, self_different


def inconsistencies(asserted: Iterable[Triple], inferred: Iterable[Triple]) -> list[Inconsistency]:
    """Members of owl:Nothing, members of two disjoint classes, owl:sameAs between nodes
    declared owl:differentFrom, and every inconsistency owlrl itself recorded.

    ``asserted`` and ``inferred`` are Graphs or other collections of triples."""
    return check(*checked_triples(asserted, inferred))


def check(union: Graph, self_different: set[Node]) -> list[Inconsistency]:
    """The inconsistencies in ``union`` (asserted and inferred triples, or those of them that
    ``checked_triples`` keeps); ``self_different`` are the nodes asserted owl:differentFrom
    themselves."""
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
        if (a != b and same) or (a == b and a in self_different):
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
