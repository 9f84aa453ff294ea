"""What the model diagram and the network say, read back from Graphviz's SVG and checked
against the ontology and the fixture graph read plainly with rdflib."""

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Namespace, URIRef

from kg.graph import paths
from kg.pictures import network as network_module

FIXTURE = Path(__file__).parent.parent / "fixtures" / "pictures" / "data"
NKD = Namespace("https://w3id.org/nkdefectors/ontology#")
NK = Namespace("https://w3id.org/nkdefectors/id/")
ORG = Namespace("http://www.w3.org/ns/org#")
SVG = "{http://www.w3.org/2000/svg}"


def ids(svg: ET.Element, prefix: str) -> dict[str, ET.Element]:
    return {
        g.get("id").removeprefix(prefix): g
        for g in svg.iter(f"{SVG}g")
        if (g.get("id") or "").startswith(prefix)
    }


def drawn(kg, tmp_path: Path, *args: str) -> ET.Element:
    out = tmp_path / "picture.svg"
    result = kg("draw", *args, "--out", out, data=FIXTURE)
    assert result.exit_code == 0, result.output
    return ET.parse(out).getroot()


@pytest.fixture(scope="module")
def ontology() -> Graph:
    graph = Graph()
    graph.parse(paths.ONTOLOGY_DIR / "nkd.ttl")
    return graph


def curie(graph: Graph, iri: URIRef) -> str:
    return graph.namespace_manager.normalizeUri(iri)


def test_the_model_has_a_node_per_class_of_the_ontology(kg, tmp_path, ontology):
    svg = drawn(kg, tmp_path, "model")
    classes = {
        curie(ontology, c)
        for c in ontology.subjects(RDF.type, OWL.Class)
        if str(c).startswith(str(NKD))
    }
    assert len(classes) > 40
    assert set(ids(svg, "class:")) == classes


def test_the_model_shows_the_standard_classes_each_refines(kg, tmp_path, ontology):
    svg = drawn(kg, tmp_path, "model")
    standard = {
        curie(ontology, parent)
        for child, parent in ontology.subject_objects(RDFS.subClassOf)
        if str(child).startswith(str(NKD)) and not str(parent).startswith(str(NKD))
    }
    assert {"org:Membership", "prov:Entity", "time:Instant"} <= standard
    assert standard <= set(ids(svg, "standard:"))


def test_the_model_draws_each_object_property(kg, tmp_path, ontology):
    svg = drawn(kg, tmp_path, "model")
    properties = {
        curie(ontology, p)
        for p in ontology.subjects(RDF.type, OWL.ObjectProperty)
        if str(p).startswith(str(NKD))
    }
    assert set(ids(svg, "property:")) == properties


def test_the_neighbourhood_of_a_person(kg, tmp_path):
    graph = Graph()
    graph.parse(FIXTURE / "kei-peninsula-2024-09-03.ttl")
    focus = NK["jo-song-gil"]
    neighbours = {focus}
    for posting in graph.subjects(ORG.member, focus):
        if (posting, RDF.type, NKD.Posting) in graph:
            neighbours |= set(graph.objects(posting, ORG.organization))
    for kinship in graph.subjects(NKD.kinOf, focus):
        neighbours |= set(graph.objects(kinship, NKD.relative))
    for kinship in graph.subjects(NKD.relative, focus):
        neighbours |= set(graph.objects(kinship, NKD.kinOf))
    for role in network_module.EVENT_ROLES:
        neighbours |= set(graph.subjects(NKD[role], focus))
        neighbours |= set(graph.objects(focus, NKD[role]))
    svg = drawn(kg, tmp_path, "network", "--focus", str(focus))
    nodes = ids(svg, "node:")
    assert set(nodes) == {str(n).rsplit("/", 1)[-1] for n in neighbours}
    assert "defection-jo-song-gil" in nodes and "embassy-dprk-italy" in nodes


def test_the_whole_network_has_every_person(kg, tmp_path):
    graph = Graph()
    graph.parse(FIXTURE / "kei-peninsula-2024-09-03.ttl")
    svg = drawn(kg, tmp_path, "network")
    people = {str(p).rsplit("/", 1)[-1] for p in graph.subjects(RDF.type, NKD.Person)}
    assert people <= set(ids(svg, "node:"))


def test_a_large_unfocused_network_says_it_is_a_sample(kg, tmp_path, monkeypatch):
    monkeypatch.setattr(network_module, "SAMPLE_SIZE", 10)
    svg = drawn(kg, tmp_path, "network")
    shown = len(ids(svg, "node:"))
    assert 1 < shown <= 10
    text = " ".join("".join(t.itertext()) for t in svg.iter(f"{SVG}text"))
    assert f"a sample of {shown} of 75 nodes" in text


@pytest.mark.parametrize(
    "args", [("model",), ("network",), ("network", "--focus", "nk:thae-yong-ho")]
)
def test_same_graph_same_bytes(kg, tmp_path, args):
    first, second = tmp_path / "a.svg", tmp_path / "b.svg"
    assert kg("draw", *args, "--out", first, data=FIXTURE).exit_code == 0
    assert kg("draw", *args, "--out", second, data=FIXTURE).exit_code == 0
    assert first.read_bytes() == second.read_bytes()


def test_png_too(kg, tmp_path):
    out = tmp_path / "model.png"
    assert kg("draw", "model", "--out", out, data=FIXTURE).exit_code == 0
    assert out.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("timeline", "--out", "x.pdf"), "--out: x.pdf must end in .svg or .png"),
        (("timeline", "--source", "nope", "--out", "x.svg"), "no source named 'nope'"),
        (("network", "--focus", "nk:nobody", "--out", "x.svg"), "is no person, mission"),
        (("model", "--focus", "nk:ri-il-kyu", "--out", "x.svg"), "do not apply to the model"),
        (("network", "--out", "no/such/folder/x.svg"), "folder no/such/folder does not exist"),
    ],
)
def test_bad_requests_get_one_line_and_exit_2(kg, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = kg("draw", *args, data=FIXTURE)
    assert result.exit_code == 2
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []
