"""The benchmark generator writes graphs that conform to the shapes, the same for the same seed."""

import sys
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, RDFS

from kg.graph import paths
from kg.graph.load import load_dataset, read_assertions
from kg.graph.namespaces import NKD
from kg.validation.validate import validate

sys.path.insert(0, str(paths.PROJECT_ROOT / "benchmarks"))
import generate  # noqa: E402


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("generated")
    return out, generate.generate(2_500, seed=3, out=out)


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        path.name: path.read_bytes()
        for path in sorted([*folder.rglob("*.ttl"), *folder.rglob("*.txt")])
    }


def facts(graph: Graph) -> set:
    ontology = Graph().parse(paths.ONTOLOGY_DIR / "nkd.ttl")
    kinds = set(ontology.transitive_subjects(RDFS.subClassOf, NKD.Fact))
    return {s for kind in kinds for s in graph.subjects(RDF.type, kind)}


def test_the_generated_graph_conforms_to_the_shapes(generated):
    out, _ = generated
    dataset = load_dataset(out / "data")
    everything = [read_assertions(path) for path in sorted((out / "data").glob("*.ttl"))]
    outcome = validate(dataset, everything)
    assert [(n.focus, n.findings) for n in outcome.nodes] == []
    assert outcome.checked > 300


def test_the_generated_batch_quotes_its_capture_and_duplicates_no_one(generated, kg):
    """Through the command, with the quotation check and the romanisation check: every
    quotation is in its document's capture, and no synthetic person is another's namesake."""
    out, _ = generated
    result = kg(
        "validate",
        out / "batch" / "new-facts.ttl",
        *sorted((out / "data").glob("source-*.ttl")),
        data=out / "data",
        env={"KG_SOURCES": str(out / "sources")},
    )
    assert result.stdout.startswith("conforms: "), result.stdout
    documents = {p.stem for p in (out / "data").glob("source-*.ttl")}
    captures = {p.stem for p in (out / "sources").glob("*.txt")}
    assert documents < captures and len(captures - documents) == 1  # and the batch's document


def test_the_same_seed_writes_the_same_bytes(generated, tmp_path):
    out, counts = generated
    assert generate.generate(2_500, seed=3, out=tmp_path) == counts
    assert files_of(tmp_path) == files_of(out)


def test_another_seed_writes_another_graph(generated, tmp_path):
    out, _ = generated
    generate.generate(2_500, seed=4, out=tmp_path)
    assert files_of(tmp_path) != files_of(out)


def test_the_graph_has_the_size_asked_for_and_says_so(generated):
    out, counts = generated
    data = Graph()
    for path in (out / "data").glob("*.ttl"):
        data.parse(path)
    assert counts["triples"] == len(data)
    # It stops within one case (a defector with his family and facts) of the size asked for.
    assert 2_500 <= len(data) < 2_500 + 300
    assert counts["facts"] == len(facts(data))


def test_the_batch_holds_a_hundred_facts_that_conform(generated):
    out, _ = generated
    batch = read_assertions(out / "batch" / "new-facts.ttl")
    assert len(facts(batch.graph)) == 100
    assert validate(load_dataset(out / "data"), [batch]).conforms


def test_the_violating_batch_breaks_the_rules_it_is_meant_to(generated):
    out, _ = generated
    batch = read_assertions(out / "batch" / "violating.ttl")
    assert len(facts(batch.graph)) == 100
    outcome = validate(load_dataset(out / "data"), [batch])
    assert sorted((f.severity, f.shape) for n in outcome.nodes for f in n.findings) == [
        ("Violation", "nksh:DisclosureChronologyShape"),
        ("Violation", "nksh:FactShape-evidence"),
        # The relative defined nowhere is no agent, which its sh:node requires.
        ("Violation", "nksh:KinshipShape-relative"),
        ("Violation", "nksh:PostingShape-role"),
        ("Violation", "nksh:UndefinedReferenceShape"),
        ("Warning", "nksh:DuplicatePersonShape"),
        ("Warning", "nksh:UnusedEvidenceShape"),
    ]


@pytest.mark.parametrize(("text", "size"), [("10k", 10_000), ("1M", 1_000_000), ("2500", 2_500)])
def test_sizes_are_read_with_their_unit(text, size):
    assert generate.parse_size(text) == size
