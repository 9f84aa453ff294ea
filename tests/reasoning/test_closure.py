"""The OWL RL closure of the data with the ontology is consistent.

owlrl computes the closure and, where a rule meets a contradiction, adds a node of class
err:ErrorMessage with the message in err:error (err: is the DAML agent ontology namespace
owlrl uses). Independently of those markers, the closure is checked for the three kinds of
inconsistency OWL RL can derive: a member of owl:Nothing, an individual in two disjoint
classes, and owl:sameAs between nodes declared owl:differentFrom. A crafted graph with one of
each shows that every check can fail. That the ontology stays inside OWL 2 RL, so that this
closure is complete, is checked by ontology/qa/owl-rl-profile.rq (tests/test_ontology_qa.py).
"""

import owlrl
import pytest
from rdflib import Dataset, Graph, Namespace, URIRef
from rdflib.namespace import FOAF, PROV, RDF

from kg.graph import paths
from kg.graph.namespaces import NK, ONTOLOGY_GRAPH, SHAPES_GRAPH

OWLRL_ERRORS = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")

PREFIXES = """\
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""

NOTHING = PREFIXES + "SELECT ?node WHERE { ?node a owl:Nothing } ORDER BY ?node"

DISJOINT = (
    PREFIXES
    + """
SELECT DISTINCT ?node ?class ?other WHERE {
  {
    ?class owl:disjointWith ?other .
  } UNION {
    ?all a owl:AllDisjointClasses ;
      owl:members/rdf:rest*/rdf:first ?class , ?other .
    FILTER (?class != ?other)
  }
  ?node a ?class , ?other .
}
ORDER BY ?node ?class ?other
"""
)

SAME_AND_DIFFERENT = (
    PREFIXES
    + """
SELECT DISTINCT ?node ?other WHERE {
  ?node owl:sameAs ?other .
  { ?node owl:differentFrom ?other } UNION { ?other owl:differentFrom ?node }
  FILTER (STR(?node) < STR(?other))
}
ORDER BY ?node ?other
"""
)


def closure_of(graph: Graph) -> Graph:
    """A copy of ``graph`` with its OWL RL closure added; ``graph`` itself is left as it was."""
    closure = graph + Graph()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure)
    return closure


def nodes(closure: Graph, query: str) -> set[tuple[URIRef, ...]]:
    return {tuple(row) for row in closure.query(query)}


def error_messages(closure: Graph) -> list[str]:
    return sorted(
        str(message)
        for marker in closure.subjects(RDF.type, OWLRL_ERRORS.ErrorMessage)
        for message in closure.objects(marker, OWLRL_ERRORS.error)
    )


def load_ontology() -> Graph:
    ontology = Graph()
    for path in paths.ontology_files():
        ontology.parse(path, format="turtle")
    return ontology


@pytest.fixture(scope="module")
def article_closure(article_dataset: Dataset) -> tuple[Graph, Graph]:
    """The asserted data with the ontology, and its closure."""
    graphs = [graph for graph in article_dataset.graphs() if graph.identifier != SHAPES_GRAPH]
    if not any(len(graph) for graph in graphs if graph.identifier != ONTOLOGY_GRAPH):
        pytest.skip("data/ holds no source graph yet")
    asserted = Graph()
    for graph in graphs:
        asserted += graph
    return asserted, closure_of(asserted)


# Three contradictions, one per kind; each check must find its own.
CONTRADICTIONS = """\
@prefix nkd: <https://w3id.org/nkdefectors/ontology#> .
@prefix nk:  <https://w3id.org/nkdefectors/id/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .

nk:person-and-state a nkd:Person , nkd:State .

nk:nothing-at-all a owl:Nothing .

# nkd:familyOf is functional: one family of two persons declared different makes them the same.
nk:family-of-two a nkd:FamilyGroup ;
    nkd:familyOf nk:first-person , nk:second-person .
nk:first-person a nkd:Person ;
    owl:differentFrom nk:second-person .
nk:second-person a nkd:Person .
"""


@pytest.fixture(scope="module")
def contradictory_closure() -> Graph:
    return closure_of(load_ontology() + Graph().parse(data=CONTRADICTIONS, format="turtle"))


# --- The article graph ---


def test_closure_adds_what_the_ontology_implies(article_closure) -> None:
    asserted, closure = article_closure
    # nkd:Person is a subclass of foaf:Person and prov:Person; the data asserts neither.
    assert (NK["ri-il-kyu"], RDF.type, FOAF.Person) not in asserted
    assert (NK["ri-il-kyu"], RDF.type, FOAF.Person) in closure
    assert (NK["ri-il-kyu"], RDF.type, PROV.Person) in closure


def test_closure_has_no_member_of_nothing(article_closure) -> None:
    _, closure = article_closure
    assert nodes(closure, NOTHING) == set()


def test_closure_has_no_individual_in_two_disjoint_classes(article_closure) -> None:
    _, closure = article_closure
    assert nodes(closure, DISJOINT) == set()


def test_closure_has_no_same_nodes_declared_different(article_closure) -> None:
    _, closure = article_closure
    assert nodes(closure, SAME_AND_DIFFERENT) == set()


def test_owlrl_reports_no_inconsistency(article_closure) -> None:
    _, closure = article_closure
    assert error_messages(closure) == []


# --- Each check finds a contradiction ---


def test_member_of_nothing_is_found(contradictory_closure: Graph) -> None:
    assert nodes(contradictory_closure, NOTHING) == {(NK["nothing-at-all"],)}


def test_person_that_is_also_an_organisation_is_found(contradictory_closure: Graph) -> None:
    clashes = nodes(contradictory_closure, DISJOINT)
    # A member of owl:Nothing is, in the closure, a member of every class: it clashes too.
    assert {node for node, _, _ in clashes} == {NK["person-and-state"], NK["nothing-at-all"]}
    assert (
        NK["person-and-state"],
        URIRef("https://w3id.org/nkdefectors/ontology#Person"),
        URIRef("https://w3id.org/nkdefectors/ontology#Organization"),
    ) in clashes


def test_same_nodes_declared_different_are_found(contradictory_closure: Graph) -> None:
    assert nodes(contradictory_closure, SAME_AND_DIFFERENT) == {
        (NK["first-person"], NK["second-person"])
    }


def test_owlrl_reports_each_contradiction(contradictory_closure: Graph) -> None:
    messages = "\n".join(error_messages(contradictory_closure))
    assert "nothing-at-all is defined of type 'Nothing'" in messages
    assert "have a common individual https://w3id.org/nkdefectors/id/person-and-state" in messages
    assert "'sameAs' and 'differentFrom' cannot be used on the same subject-object pair" in (
        messages
    )
