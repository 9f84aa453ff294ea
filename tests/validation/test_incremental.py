"""Validating new assertions over their neighbourhood gives the report of a full validation."""

import shutil
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, RDF, SKOS

from kg.graph import paths
from kg.graph.load import load_dataset, read_assertions
from kg.graph.namespaces import NK, NKD, NKSH, SHAPES_GRAPH
from kg.validation import incremental
from kg.validation.validate import Outcome, validate

sys.path.insert(0, str(paths.PROJECT_ROOT / "benchmarks"))
import generate  # noqa: E402

ARTICLE_ADDITIONS = """\
@prefix nk:      <https://w3id.org/nkdefectors/id/> .
@prefix nkd:     <https://w3id.org/nkdefectors/ontology#> .
@prefix nkv:     <https://w3id.org/nkdefectors/vocab/> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix org:     <http://www.w3.org/ns/org#> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix time:    <http://www.w3.org/2006/time#> .
@prefix oa:      <http://www.w3.org/ns/oa#> .

nk:posting-ri-il-kyu-foreign-ministry a nkd:Posting ;
    org:member nk:ri-il-kyu ;
    org:organization nk:dprk-foreign-ministry ;
    org:role nkv:role-foreign-ministry-official ;
    nkd:assertedBy nk:robert-r-king ;
    nkd:certainty nkv:certainty-stated ;
    dcterms:source nk:source-kei-peninsula-2024-09-03 ;
    nkd:evidence nk:ev-posting-ri-il-kyu-foreign-ministry .

nk:ev-posting-ri-il-kyu-foreign-ministry a nkd:Evidence ;
    oa:exact "officials in the Foreign Ministry who are living abroad" ;
    prov:wasQuotedFrom nk:source-kei-peninsula-2024-09-03 .
"""

ARTICLE_VIOLATIONS = """\
nk:ri-il-gyu a nkd:Person ;
    skos:prefLabel "RI IL KYU"@en .

nk:lee-il-gyu a nkd:Person ;
    skos:prefLabel "Lee Il-gyu"@en .

nk:disclosure-early a nkd:Disclosure ;
    nkd:discloses nk:defection-ri-il-kyu ;
    nkd:isPublic true ;
    time:hasTime nk:date-2016 ;
    nkd:assertedBy nk:robert-r-king ;
    nkd:certainty nkv:certainty-stated ;
    dcterms:source nk:source-kei-peninsula-2024-09-03 ;
    nkd:evidence nk:ev-posting-ri-il-kyu-foreign-ministry .

nk:kinship-ri-il-kyu-unknown a nkd:Kinship ;
    nkd:kinOf nk:ri-il-kyu ;
    nkd:relative nk:nobody-anywhere ;
    nkd:kinshipType nkv:kinship-sibling ;
    nkd:assertedBy nk:robert-r-king ;
    nkd:certainty nkv:certainty-stated ;
    dcterms:source nk:source-kei-peninsula-2024-09-03 .
"""


def summary(outcome: Outcome) -> list:
    return [(n.focus, n.label, n.file, n.line, n.findings) for n in outcome.nodes]


def assert_same_report(data_dir: Path, files: list[Path], over_dataset: bool = False) -> Outcome:
    """Full validation, and incremental over the persisted store (and over an rdflib Dataset),
    both reporting the new nodes and the existing nodes whose shapes read the new triples."""
    assertions = [read_assertions(path) for path in files]
    dataset = load_dataset(data_dir)
    full = incremental.validate_in_full(dataset, assertions, "none")
    outcomes = [incremental.validate_incrementally(assertions, data_dir)]
    if over_dataset:
        shapes = Graph()
        for triple in dataset.graph(SHAPES_GRAPH):
            shapes.add(triple)
        source = incremental.DatasetSource(dataset)
        delta = incremental.new_triples(source, assertions)
        scope = incremental.dependants(incremental.plan_for(shapes), source, delta)
        context = incremental.context_dataset(source, assertions, shapes, scope=scope)
        outcomes.append(validate(context, assertions, scope=scope))
        # The neighbourhood leaves out some of the graph: it is not the whole graph again.
        new = {t for assertion in assertions for t in assertion.graph}
        assert set(context.graph(incremental.NEIGHBOURHOOD_GRAPH)) - new < set(source.data)
    for outcome in outcomes:
        assert summary(outcome) == summary(full)
        assert outcome.checked == full.checked
        assert isomorphic(outcome.report, full.report)
    return full


@pytest.fixture(scope="module")
def article_copy(tmp_path_factory, article_alone) -> Path:
    copy = tmp_path_factory.mktemp("article") / "data"
    shutil.copytree(article_alone, copy)
    return copy


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    generate.generate(2_000, seed=5, out=out)
    return out


def test_a_conforming_addition_to_the_article_gives_the_full_report(article_copy, tmp_path):
    new = tmp_path / "new.ttl"
    new.write_text(ARTICLE_ADDITIONS, encoding="utf-8")
    outcome = assert_same_report(article_copy, [new], over_dataset=True)
    assert outcome.conforms


def test_a_violating_addition_to_the_article_gives_the_full_report(article_copy, tmp_path):
    new = tmp_path / "new.ttl"
    new.write_text(ARTICLE_ADDITIONS + "\n" + ARTICLE_VIOLATIONS, encoding="utf-8")
    outcome = assert_same_report(article_copy, [new], over_dataset=True)
    shapes = {(n.focus, f.shape) for n in outcome.nodes for f in n.findings}
    assert ("nk:ri-il-gyu", "nksh:DuplicatePersonShape") in shapes
    assert ("nk:lee-il-gyu", "nksh:RomanisedNameCheck") in shapes
    assert ("nk:disclosure-early", "nksh:DisclosureChronologyShape") in shapes
    assert ("nk:kinship-ri-il-kyu-unknown", "nksh:UndefinedReferenceShape") in shapes
    assert ("nk:kinship-ri-il-kyu-unknown", "nksh:FactShape-evidence") in shapes


def test_a_hundred_new_facts_give_the_full_report_on_a_generated_graph(generated):
    outcome = assert_same_report(generated / "data", [generated / "batch" / "new-facts.ttl"])
    assert outcome.conforms
    assert outcome.checked > 100


def test_a_violating_batch_gives_the_full_report_on_a_generated_graph(generated):
    outcome = assert_same_report(generated / "data", [generated / "batch" / "violating.ttl"])
    assert sorted({(f.severity, f.shape) for n in outcome.nodes for f in n.findings}) == [
        ("Violation", "nksh:DisclosureChronologyShape"),
        ("Violation", "nksh:FactShape-evidence"),
        # The relative defined nowhere is no agent, which its sh:node requires.
        ("Violation", "nksh:KinshipShape-relative"),
        ("Violation", "nksh:PostingShape-role"),
        ("Violation", "nksh:UndefinedReferenceShape"),
        ("Warning", "nksh:DuplicatePersonShape"),
        ("Warning", "nksh:UnusedEvidenceShape"),
    ]
    # The existing person the new one duplicates is reported too: its shape reads the new name.
    duplicates = {n.focus for n in outcome.nodes for f in n.findings if "Duplicate" in f.shape}
    assert len(duplicates) == 2 and "nk:duplicate-of-existing" in duplicates


def test_the_plan_follows_the_paths_and_queries_of_the_shapes():
    shapes = Graph().parse(paths.SHAPES_FILE)
    plan = incremental.plan_for(shapes)
    walks = plan.walks[incremental.FOCUS]
    # FactEvidenceSourceShape: a fact's evidence and the document the evidence quotes.
    assert (("out", NKD.evidence), ("out", PROV.wasQuotedFrom)) in walks
    # UnusedEvidenceShape: the facts that cite a piece of evidence.
    assert (("in", NKD.evidence),) in walks
    # DuplicatePersonShape: every person's names, whatever the focus node; only that shape
    # needs them, so the name index may narrow them to the persons a new name can match.
    assert (("in", RDF.type), ("out", SKOS.prefLabel)) in plan.walks[("node", NKD.Person)]
    assert plan.owners[("node", NKD.Person)] == {NKSH.DuplicatePersonShape}
    assert incremental.names_only(plan)


def test_the_neighbourhood_holds_only_the_persons_a_new_name_can_match(generated, tmp_path):
    dataset = load_dataset(generated / "data")
    source = incremental.DatasetSource(dataset)
    existing = sorted(source.data.subjects(RDF.type, NKD.Person))
    assert len(existing) > 20
    namesake = existing[0]
    name = source.data.value(namesake, SKOS.prefLabel)
    new = tmp_path / "new.ttl"
    shouted = Literal(name.upper(), lang=name.language).n3()
    new.write_text(
        f"<urn:new:person> a <{NKD.Person}> ; <{SKOS.prefLabel}> {shouted} .\n", encoding="utf-8"
    )
    assertion = read_assertions(new)
    shapes = Graph()
    for triple in dataset.graph(SHAPES_GRAPH):
        shapes.add(triple)
    context = incremental.context_dataset(source, [assertion], shapes)
    persons = set(context.graph(incremental.NEIGHBOURHOOD_GRAPH).subjects(RDF.type, NKD.Person))
    assert persons == {namesake}
    outcome = assert_same_report(generated / "data", [new])
    assert [(n.focus, f.shape) for n in outcome.nodes for f in n.findings] == [
        ("<urn:new:person>", "nksh:DuplicatePersonShape"),
        (namesake.n3().replace(f"<{NK}", "nk:").rstrip(">"), "nksh:DuplicatePersonShape"),
    ]


def test_every_person_is_taken_when_another_shape_needs_every_person():
    shapes = Graph().parse(paths.SHAPES_FILE)
    shapes.parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix nkd: <https://w3id.org/nkdefectors/ontology#> .
        <urn:example:OnlyPersonShape> a sh:NodeShape ; sh:targetClass nkd:Person ;
            sh:sparql [ sh:select \"\"\"
                SELECT $this WHERE {
                    ?other a <https://w3id.org/nkdefectors/ontology#Person> .
                    FILTER (?other != $this)
                }\"\"\" ] .
        """,
        format="turtle",
    )
    plan = incremental.plan_for(shapes)
    assert URIRef("urn:example:OnlyPersonShape") in plan.owners[("node", NKD.Person)]
    assert not incremental.names_only(plan)


def test_the_plan_is_kept_beside_the_store_and_made_again_by_another_version(tmp_path):
    shapes = Graph().parse(paths.SHAPES_FILE)
    kept = tmp_path / "store.plan.json"
    plan = incremental.cached_plan(shapes, kept)
    assert kept.is_file()
    again = incremental.cached_plan(Graph(), kept)  # read back: the shapes are not parsed
    assert (again.walks, again.predicates, again.owners) == (
        plan.walks,
        plan.predicates,
        plan.owners,
    )
    kept.write_text('{"version": "another", "walks": [], "predicates": [], "owners": []}')
    assert incremental.cached_plan(shapes, kept).walks == plan.walks


def test_the_plan_follows_a_sequence_path_of_a_new_shape():
    shapes = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ex: <urn:example:> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ( ex:a [ sh:inversePath ex:b ] ) ; sh:class ex:D ] .
        """,
        format="turtle",
    )
    walks = incremental.plan_for(shapes).walks[incremental.FOCUS]
    a, b = URIRef("urn:example:a"), URIRef("urn:example:b")
    assert (("out", a), ("in", b), ("out", RDF.type)) in walks


def test_validation_with_inference_is_not_incremental(generated):
    assertion = read_assertions(generated / "batch" / "new-facts.ttl")
    with pytest.raises(incremental.NotIncremental):
        incremental.validate_incrementally([assertion], generated / "data", inference="rdfs")
