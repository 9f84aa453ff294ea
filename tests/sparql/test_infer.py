"""`kg query --infer`: the OWL RL closure kept beside the persisted store, built once per state
of the data folder's files, and what it lets a query ask without knowing the class tree."""

import shutil
from pathlib import Path

import owlrl
import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS

from kg.graph import paths
from kg.graph import store as store_cache
from kg.graph.load import load_dataset
from kg.graph.namespaces import INFERRED_GRAPH, NK, NKD, SHAPES_GRAPH
from kg.graph.terms import to_rdflib
from kg.sparql.engine import store_with_closure

ARTICLE_DATA = Path(__file__).parents[1] / "fixtures" / "cli" / "data"
EVERY_PLACE = "SELECT ?place WHERE { ?place a nkd:Place } ORDER BY ?place"


@pytest.fixture
def data(tmp_path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(ARTICLE_DATA, copy)
    return copy


def closure_path(data: Path) -> Path:
    return store_cache.companion(store_cache.store_path(data), store_cache.CLOSURE)


def test_the_closure_is_kept_beside_the_store_and_reused_while_nothing_changes(data):
    store_with_closure(data)
    kept = closure_path(data)
    inode = kept.stat().st_ino
    store_with_closure(data)
    assert closure_path(data) == kept
    assert kept.stat().st_ino == inode


def test_the_closure_is_rebuilt_and_the_old_one_removed_when_a_file_changes(data):
    store_with_closure(data)
    old = closure_path(data)
    (data / "extra.ttl").write_text(
        "@prefix nk: <https://w3id.org/nkdefectors/id/> .\n"
        "@prefix nkd: <https://w3id.org/nkdefectors/ontology#> .\n"
        "nk:someone-new a nkd:Person .\n",
        encoding="utf-8",
    )
    store = store_with_closure(data)
    assert closure_path(data) != old
    assert not old.exists()
    someone = NK["someone-new"]
    assert any(to_rdflib(quad.subject) == someone for quad in store)


def test_the_kept_closure_holds_what_owlrl_entails(data):
    # The reference: owlrl's own closure of the same data and ontology, loaded by rdflib.
    dataset = load_dataset(data)
    asserted = Graph()
    for graph in dataset.graphs():
        if graph.identifier not in (SHAPES_GRAPH, INFERRED_GRAPH):
            asserted += graph
    expected = Graph()
    expected += asserted
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(expected)
    store = store_with_closure(data)
    kept = {
        (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object))
        for q in store
        if q.graph_name.value != str(SHAPES_GRAPH)
    }
    # Every type owlrl derives for the article's nodes is in the kept closure.
    types = {(s, o) for s, _, o in expected.triples((None, RDF.type, None)) if s.startswith(NK)}
    assert types and {(s, o) for s, p, o in kept if p == RDF.type and s.startswith(NK)} >= types


def test_every_state_is_a_place_with_infer(kg):
    inferred = kg("query", "--infer", "-e", EVERY_PLACE, "--format", "csv")
    asserted = kg("query", "-e", EVERY_PLACE, "--format", "csv")
    assert inferred.exit_code == 0, inferred.output
    places = set(inferred.stdout.split())
    assert {str(NK.cuba), str(NK.dprk), str(NK.rok), str(NK.havana)} <= places
    # Without the closure only the nodes typed with a place class are found.
    assert str(NK.cuba) not in set(asserted.stdout.split())


def test_any_event_without_knowing_the_class_tree(kg):
    result = kg("query", "--infer", "-e", "ASK { nk:defection-ri-il-kyu a nkd:Event, nkd:Fact }")
    assert result.exit_code == 0, result.output
    assert "true" in result.stdout


def test_a_state_is_a_place_and_an_organisation_to_owlrl_and_no_other_organisation_is():
    graph = Graph()
    for path in paths.ontology_files():
        graph.parse(path, format="turtle")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    assert (NKD.State, RDFS.subClassOf, NKD.Place) in graph
    assert (NKD.State, RDFS.subClassOf, NKD.Organization) in graph
    assert (NKD.GovernmentBody, OWL.disjointWith, NKD.Place) in graph
    assert (NKD.Organization, OWL.disjointWith, NKD.Place) not in graph
