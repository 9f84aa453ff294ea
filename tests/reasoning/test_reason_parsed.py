"""`kg reason` reads the files with Oxigraph's parser: the same asserted triples, the same
closure and the same inconsistencies as reasoning over the Graph that rdflib parses, on
the article, on a contradictory graph, on a generated graph and on a graph only owlrl can
close. And the inconsistencies found in the few triples the checks read are those found in
the whole union of asserted and inferred triples."""

import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from owlrl.Namespaces import ERRNS
from rdflib import BNode, Graph, Literal, Namespace
from rdflib.namespace import OWL, RDF, XSD

from kg.cli import cli
from kg.graph import paths
from kg.graph.load import data_and_ontology, load_dataset
from kg.graph.namespaces import NK, NKD, bind_prefixes
from kg.graph.terms import to_rdflib
from kg.reasoning import fast_closure as fast_reason
from kg.reasoning.consistency import asserted_triples, check, inconsistencies

sys.path.insert(0, str(paths.PROJECT_ROOT / "benchmarks"))
import generate  # noqa: E402

ARTICLE_DATA = Path(__file__).parents[1] / "fixtures" / "cli" / "data"

INCONSISTENT = Path(__file__).parents[1] / "fixtures" / "cli" / "inconsistent"
EX = Namespace("urn:example:")


def copy_of(data: Path, tmp_path: Path) -> Path:
    """A copy of a data folder, without the hidden files beside it."""
    copy = tmp_path / "data"
    shutil.copytree(data, copy, ignore=shutil.ignore_patterns(".*"))
    return copy


def from_files(data: Path, reasoner: str = "auto"):
    asserted = data_and_ontology(load_dataset(data))
    inferred = fast_reason.closure_with(asserted, reasoner)
    return asserted, inferred, inconsistencies(asserted, inferred)


def from_parsed(data: Path, reasoner: str = "auto"):
    asserted, inferred = fast_reason.closure_of(asserted_triples(data), reasoner, convert=to_rdflib)
    return asserted, inferred, inconsistencies(asserted, inferred)


def comparable(asserted, inferred) -> tuple[set, set, list[str]]:
    """The asserted triples, the inferred ones without owlrl's error nodes, and the error
    messages: what two runs must share, the error nodes being fresh blank nodes each time."""
    markers = {s for s, p, o in inferred if p == RDF.type and o == ERRNS.ErrorMessage}
    messages = sorted(str(o) for s, p, o in inferred if s in markers and p == ERRNS.error)
    triples = {t for t in inferred if t[0] not in markers}
    # Blank nodes from two parses never compare equal; none of these graphs has one.
    assert not any(isinstance(term, BNode) for t in [*asserted, *triples] for term in t)
    return set(asserted), triples, messages


def assert_same_reasoning(data: Path, reasoner: str = "auto"):
    expected_asserted, expected_inferred, expected_problems = from_files(data, reasoner)
    asserted, inferred, problems = from_parsed(data, reasoner)
    assert len(asserted) == len(expected_asserted)
    assert len(inferred) == len(expected_inferred)
    assert comparable(asserted, inferred) == comparable(expected_asserted, expected_inferred)
    assert problems == expected_problems
    return asserted, inferred, problems


def test_the_article_gives_the_same_closure_parsed_by_oxigraph(tmp_path):
    asserted, inferred, problems = assert_same_reasoning(copy_of(ARTICLE_DATA, tmp_path))
    assert problems == []
    assert (NK["ri-il-kyu"], RDF.type, NKD.Person) in asserted
    assert (NK["ri-il-kyu"], RDF.type, NKD.Person) not in inferred


def test_the_contradictions_give_the_same_inconsistencies_parsed_by_oxigraph(tmp_path):
    _, _, problems = assert_same_reasoning(copy_of(INCONSISTENT, tmp_path))
    assert [(p.kind, p.nodes[0]) for p in problems] == [
        ("different", NK["ri-il-gyu"]),
        ("disjoint", NK["kei"]),
        ("nothing", NK["nobody"]),
    ]


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    generate.generate(2_000, seed=5, out=out)
    return out / "data"


def test_a_generated_graph_gives_the_same_closure_parsed_by_oxigraph(generated):
    asserted, inferred, problems = assert_same_reasoning(generated)
    assert problems == []
    assert len(asserted) > 2_000
    assert len(inferred) > 2_000


def test_a_triple_in_several_graphs_counts_once(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    person = f"<{NK.twice}> a <{NKD.Person}> .\n"
    (data / "one.ttl").write_text(person)
    (data / "two.ttl").write_text(person)
    (data / "three.trig").write_text(f"{person}<{EX.graph}> {{ {person} }}\n")
    asserted, _, _ = assert_same_reasoning(data)
    assert (NK.twice, RDF.type, NKD.Person) in asserted
    # one.ttl, two.ttl, and the default graph and ex:graph of three.trig.
    assert len(list(asserted_triples(data))) == len(asserted) + 3


# One of each inconsistency, with a construct only owlrl closes (owl:someValuesFrom) and one
# the checks read through an rdf list (owl:AllDisjointClasses). Lists and restrictions are
# named, so that the triples of two parses compare equal.
ONLY_OWLRL = """\
@prefix ex: <urn:example:> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

ex:Parent owl:equivalentClass ex:hasSomeChild .
ex:hasSomeChild a owl:Restriction ; owl:onProperty ex:child ; owl:someValuesFrom ex:Person .
ex:ann ex:child ex:bob .
ex:bob a ex:Person .

ex:colours a owl:AllDisjointClasses ; owl:members ex:list1 .
ex:list1 rdf:first ex:Red ; rdf:rest ex:list2 .
ex:list2 rdf:first ex:Green ; rdf:rest ex:list3 .
ex:list3 rdf:first ex:Blue ; rdf:rest rdf:nil .
ex:olive a ex:Red , ex:Green .
ex:teal a ex:Green , ex:Blue .

ex:void a owl:Nothing .
ex:self owl:differentFrom ex:self .
ex:jekyll owl:differentFrom ex:hyde ; owl:sameAs ex:hyde .
ex:ann ex:age "many"^^xsd:integer .
"""


@pytest.fixture(scope="module")
def only_owlrl(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("only-owlrl") / "data"
    data.mkdir()
    (data / "crafted.ttl").write_text(ONLY_OWLRL)
    return data


def test_parsed_triples_fall_back_to_owlrl_where_the_fast_reasoner_lacks_a_construct(only_owlrl):
    with pytest.raises(fast_reason.Unsupported):
        from_parsed(only_owlrl, "fast")
    asserted, inferred, problems = assert_same_reasoning(only_owlrl)
    # owlrl's own, which the fast reasoner cannot derive.
    assert (EX.ann, RDF.type, EX.Parent) in inferred
    assert (EX.ann, RDF.type, EX.Parent) not in asserted
    assert [(p.kind, p.nodes) for p in problems] == [
        ("different", (EX.hyde, EX.jekyll)),
        ("different", (EX.self, EX.self)),
        ("disjoint", (EX.olive, EX.Green, EX.Red)),
        ("disjoint", (EX.teal, EX.Blue, EX.Green)),
        ("nothing", (EX.void,)),
        ("owlrl", ()),
    ]
    assert problems[-1].message == (
        f"Lexical value of the literal 'many' does not match its datatype ({XSD.integer})"
    )
    assert assert_same_reasoning(only_owlrl, "owlrl")[2] == problems


def full_union_check(asserted, inferred):
    """The checks over every asserted and inferred triple, as one Graph."""
    union = Graph()
    bind_prefixes(union)
    for triple in [*asserted, *inferred]:
        union.add(triple)
    self_different = {s for s, p, o in asserted if p == OWL.differentFrom and s == o}
    return check(union, self_different)


def test_the_checks_find_in_the_triples_they_read_what_they_find_in_the_union(only_owlrl):
    asserted, inferred, problems = from_parsed(only_owlrl)
    assert len(problems) == 6
    assert problems == full_union_check(asserted, inferred)


def test_the_checks_find_the_same_in_the_contradictions_as_in_their_union(tmp_path):
    asserted, inferred, problems = from_parsed(copy_of(INCONSISTENT, tmp_path))
    assert len(problems) == 3
    assert problems == full_union_check(asserted, inferred)


def test_kg_reason_prints_the_counts_of_the_files_graph(only_owlrl):
    asserted, inferred, problems = from_files(only_owlrl)
    result = CliRunner().invoke(cli, ["--data", str(only_owlrl), "reason"])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"asserted: {len(asserted)} triples (data and ontology)",
        f"inferred: {len(inferred)} triples added by the OWL RL closure",
        *(f"inconsistent: {p.message}" for p in problems),
    ]


def test_a_literal_is_reasoned_on_as_written(tmp_path):
    """A store keeps "0"^^xsd:positiveInteger as "0"^^xsd:integer and "1.50" as "1.5"; the
    parser keeps them as written, so the ill-typed value is still an inconsistency."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "literals.ttl").write_text(
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        '<urn:example:a> <urn:example:count> "0"^^xsd:positiveInteger ;\n'
        '    <urn:example:share> "1.50"^^xsd:decimal .\n'
    )
    asserted, _, problems = assert_same_reasoning(data)
    assert (EX.a, EX.share, Literal("1.50", datatype=XSD.decimal)) in asserted
    assert any("'0' does not match its datatype" in p.message for p in problems)
