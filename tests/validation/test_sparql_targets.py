"""SPARQL targets selected by Oxigraph select what pyshacl's own evaluation selects, and the
shapes with their targets so replaced give the same report."""

from collections import Counter

import pyoxigraph as ox
import pytest
from pyshacl import validate
from rdflib import Graph, URIRef, Variable
from rdflib.namespace import SH
from test_shapes import EXAMPLES, FIXTURES, RESULT_KEYS, load_ontology

from kg.graph import paths
from kg.graph.terms import to_oxigraph
from kg.validation.sparql_targets import declared_prefixes, selected, with_targets_selected


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(paths.SHAPES_FILE, format="turtle")


@pytest.fixture(scope="module")
def world() -> Graph:
    """The shapes' base world with every conforming and violating example added: each SPARQL
    target selects something in it."""
    graph = load_ontology() + Graph().parse(FIXTURES / "base.ttl", format="turtle")
    for item in EXAMPLES:
        graph += item.graph()
    return graph


def sparql_targets(shapes: Graph) -> list[URIRef]:
    return sorted(t for t in shapes.objects(None, SH.target) if (t, SH.select, None) in shapes)


def report_rows(data: Graph, shapes: Graph) -> Counter:
    _, report, _ = validate(Graph() + data, shacl_graph=shapes, advanced=True, inplace=True)
    return Counter(
        tuple(report.value(result, SH[key]) for key in RESULT_KEYS)
        for result in report.objects(None, SH.result)
    )


def test_every_sparql_target_selects_the_same_nodes_on_both_engines(shapes, world):
    store = ox.Store()
    store.bulk_extend(ox.Quad(*map(to_oxigraph, t), ox.DefaultGraph()) for t in world)
    targets = sparql_targets(shapes)
    assert len(targets) == 20
    for target in targets:
        query = str(shapes.value(target, SH.select))
        by_rdflib = {
            row[Variable("this")]
            for row in world.query(query, initNs=declared_prefixes(shapes, target))
        }
        assert selected(store, shapes, target) == by_rdflib, target
    # The examples exercise the targets: most select some node.
    assert sum(1 for t in targets if selected(store, shapes, t)) >= 18


def test_shapes_with_selected_targets_give_the_same_report(shapes, world):
    resolved = with_targets_selected(world, shapes)
    assert sparql_targets(resolved) == []
    assert (None, SH.targetNode, None) in resolved
    assert report_rows(world, resolved) == report_rows(world, shapes)


def test_targets_are_narrowed_to_the_focus_nodes_asked_for(shapes, world):
    everything = with_targets_selected(world, shapes)
    focus = {URIRef("https://w3id.org/nkdefectors/id/person-pak-chol-su")}
    narrowed = with_targets_selected(world, shapes, focus)
    assert set(narrowed.objects(None, SH.targetNode)) == focus
    assert set(narrowed.objects(None, SH.targetNode)) < set(everything.objects(None, SH.targetNode))
