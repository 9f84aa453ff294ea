"""`kg reason` through the real command: the size of the OWL RL closure, and each kind of
inconsistency named with its nodes, exit 1."""

import re
from pathlib import Path

from rdflib import Graph, Literal

from kg.graph import paths
from kg.graph.load import data_and_ontology, load_dataset
from kg.reasoning.owlrl_closure import closure

FIXTURES = Path(__file__).parents[1] / "fixtures" / "cli"
DATA = FIXTURES / "data"
INCONSISTENT = FIXTURES / "inconsistent"


def test_a_consistent_graph_reports_the_closure_and_exits_0(kg):
    result = kg("reason", data=DATA)
    assert result.exit_code == 0, result.output
    ontology = Graph()
    for path in paths.ontology_files():
        ontology.parse(path)
    asserted = len(ontology + Graph().parse(DATA / "kei-peninsula-2024-09-03.ttl"))
    inferred = len(closure(data_and_ontology(load_dataset(DATA))))
    assert result.stdout == (
        f"asserted: {asserted} triples (data and ontology)\n"
        f"inferred: {inferred} triples added by the OWL RL closure\n"
        "consistent\n"
    )
    assert inferred > asserted / 2


def test_each_inconsistency_is_named_and_exits_1(kg):
    result = kg("reason", data=INCONSISTENT)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert re.fullmatch(r"asserted: \d+ triples \(data and ontology\)", lines[0])
    assert re.fullmatch(r"inferred: \d+ triples added by the OWL RL closure", lines[1])
    assert lines[2:] == [
        "inconsistent: nk:ri-il-gyu and nk:ri-il-kyu are declared owl:differentFrom "
        "but are owl:sameAs",
        "inconsistent: nk:kei is a member of both nkd:Organization and nkd:Person, "
        "which are disjoint",
        "inconsistent: nk:nobody is a member of owl:Nothing",
    ]


def test_the_closure_leaves_out_triples_with_a_literal_subject():
    inferred = closure(data_and_ontology(load_dataset(DATA)))
    assert len(inferred) > 0
    assert not any(isinstance(subject, Literal) for subject in inferred.subjects())
