"""The fast reasoner's closure is owlrl's closure: on the article, on a generated graph, and on
random graphs that use every construct the fast reasoner claims to handle."""

import sys

import owlrl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from owlrl.Namespaces import ERRNS
from rdflib import BNode, Graph, Literal, Namespace
from rdflib.namespace import FOAF, OWL, RDF, RDFS, XSD

from kg.graph import paths
from kg.graph.load import load_dataset
from kg.graph.namespaces import NK, NKD, SHAPES_GRAPH
from kg.reasoning import fast_closure as fast_reason

sys.path.insert(0, str(paths.PROJECT_ROOT / "benchmarks"))
import generate  # noqa: E402

EX = Namespace("urn:example:")


def data_and_ontology(data_dir=None) -> Graph:
    graph = Graph()
    for s, p, o, g in load_dataset(data_dir).quads((None, None, None, None)):
        if g != SHAPES_GRAPH:
            graph.add((s, p, o))
    return graph


def owlrl_closure(graph: Graph) -> Graph:
    """What owlrl adds to ``graph``, literal subjects left out (as kg reason does)."""
    expanded = Graph()
    for triple in graph:
        expanded.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(expanded)
    added = Graph()
    for triple in expanded:
        if not isinstance(triple[0], Literal) and triple not in graph:
            added.add(triple)
    return added


def split(added: Graph) -> tuple[set, set[str]]:
    """The inferred triples without the error nodes, and the error messages."""
    errors = {str(message) for message in added.objects(None, ERRNS.error)}
    nodes = set(added.subjects(RDF.type, ERRNS.ErrorMessage))
    return {t for t in added if t[0] not in nodes}, errors


def assert_same_closure(graph: Graph) -> tuple[set, set[str]]:
    expected_triples, expected_errors = split(owlrl_closure(graph))
    actual_triples, actual_errors = split(fast_reason.closure(graph))
    assert actual_errors == expected_errors
    assert actual_triples - expected_triples == set()
    assert expected_triples - actual_triples == set()
    return actual_triples, actual_errors


def test_same_closure_as_owlrl_on_the_article():
    graph = data_and_ontology()
    triples, errors = assert_same_closure(graph)
    assert errors == set()
    assert (NK["ri-il-kyu"], RDF.type, NKD.Person) in graph
    assert (NK["ri-il-kyu"], RDF.type, FOAF.Person) in triples


def test_same_closure_as_owlrl_on_a_generated_graph(tmp_path):
    generate.generate(3_000, seed=11, out=tmp_path)
    triples, errors = assert_same_closure(data_and_ontology(tmp_path / "data"))
    assert errors == set()
    assert len(triples) > 3_000


# --- random graphs over a small vocabulary, with every supported construct ---

CLASSES = [EX[f"C{i}"] for i in range(5)]
PROPERTIES = [EX[f"p{i}"] for i in range(5)]
INDIVIDUALS = [EX[f"x{i}"] for i in range(6)] + [BNode("b0")]
LITERALS = [
    Literal("1", datatype=XSD.integer),
    Literal("2", datatype=XSD.positiveInteger),
    Literal("no", datatype=XSD.integer),
    Literal("2019-02", datatype=XSD.gYearMonth),
    Literal("text"),
    Literal("mot", lang="fr"),
    Literal("true", datatype=XSD.boolean),
]

schema_triple = st.one_of(
    st.tuples(st.sampled_from(CLASSES), st.just(RDFS.subClassOf), st.sampled_from(CLASSES)),
    st.tuples(st.sampled_from(CLASSES), st.just(OWL.equivalentClass), st.sampled_from(CLASSES)),
    st.tuples(st.sampled_from(CLASSES), st.just(OWL.disjointWith), st.sampled_from(CLASSES)),
    st.tuples(
        st.sampled_from(PROPERTIES), st.just(RDFS.subPropertyOf), st.sampled_from(PROPERTIES)
    ),
    st.tuples(
        st.sampled_from(PROPERTIES), st.just(OWL.equivalentProperty), st.sampled_from(PROPERTIES)
    ),
    st.tuples(st.sampled_from(PROPERTIES), st.just(OWL.inverseOf), st.sampled_from(PROPERTIES)),
    st.tuples(st.sampled_from(PROPERTIES), st.just(RDFS.domain), st.sampled_from(CLASSES)),
    st.tuples(
        st.sampled_from(PROPERTIES),
        st.just(RDFS.range),
        st.sampled_from(CLASSES + [XSD.integer, XSD.string]),
    ),
    st.tuples(
        st.sampled_from(PROPERTIES),
        st.just(RDF.type),
        st.sampled_from(
            [
                OWL.ObjectProperty,
                OWL.DatatypeProperty,
                OWL.FunctionalProperty,
                OWL.InverseFunctionalProperty,
                OWL.SymmetricProperty,
                OWL.TransitiveProperty,
            ]
        ),
    ),
    st.tuples(st.sampled_from(CLASSES), st.just(RDF.type), st.just(OWL.Class)),
)
instance_triple = st.one_of(
    st.tuples(
        st.sampled_from(INDIVIDUALS),
        st.sampled_from(PROPERTIES),
        st.sampled_from(INDIVIDUALS + LITERALS),
    ),
    st.tuples(
        st.sampled_from(INDIVIDUALS),
        st.just(RDF.type),
        st.sampled_from(CLASSES + [OWL.Nothing, XSD.integer]),
    ),
    st.tuples(
        st.sampled_from(INDIVIDUALS),
        st.sampled_from([OWL.sameAs, OWL.differentFrom]),
        st.sampled_from(INDIVIDUALS),
    ),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(schema_triple, min_size=1, max_size=8),
    st.lists(instance_triple, min_size=1, max_size=10),
)
def test_same_closure_as_owlrl_on_random_graphs(schema, instances):
    graph = Graph()
    for triple in schema + instances:
        graph.add(triple)
    assert_same_closure(graph)


def test_an_individual_in_two_disjoint_classes_is_recorded_as_owlrl_does():
    graph = data_and_ontology()
    graph.add((NK["ri-il-kyu"], RDF.type, NKD.Organization))
    _, errors = assert_same_closure(graph)
    assert errors == {
        f"Disjoint classes {NKD.Person} and {NKD.Organization} have a common individual "
        f"{NK['ri-il-kyu']}"
    }


def test_an_ill_typed_literal_is_recorded_as_owlrl_does():
    graph = Graph()
    graph.add((EX.x, EX["count"], Literal("many", datatype=XSD.integer)))
    _, errors = assert_same_closure(graph)
    assert errors == {
        f"Lexical value of the literal 'many' does not match its datatype ({XSD.integer})"
    }


def test_a_class_expression_is_left_to_owlrl():
    graph = Graph()
    graph.add((EX.C, OWL.unionOf, EX.list))
    with pytest.raises(fast_reason.Unsupported, match="owl:unionOf"):
        fast_reason.closure(graph)


def test_statements_about_owl_same_as_itself_are_left_to_owlrl():
    graph = Graph()
    graph.add((OWL.sameAs, RDFS.domain, EX.C))
    with pytest.raises(fast_reason.Unsupported, match="owl:sameAs"):
        fast_reason.closure(graph)


def test_a_transitive_property_is_closed_over_triples_derived_from_its_subproperties():
    graph = Graph()
    graph.add((EX.before, RDF.type, OWL.TransitiveProperty))
    graph.add((EX.justBefore, RDFS.subPropertyOf, EX.before))
    chain = [EX[f"event{i}"] for i in range(6)]
    for earlier, later in zip(chain, chain[1:], strict=False):
        graph.add((earlier, EX.justBefore, later))
    triples, _ = assert_same_closure(graph)
    assert {(a, b) for a, p, b in triples if p == EX.before and a != b} == {
        (chain[i], chain[j]) for i in range(6) for j in range(i + 1, 6)
    }
