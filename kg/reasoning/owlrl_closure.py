"""The OWL 2 RL closure by owlrl, the reference the fast reasoner is checked against and the
fallback for the constructs it lacks."""

import owlrl
from rdflib import Graph, Literal

from kg.graph.namespaces import bind_prefixes


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
