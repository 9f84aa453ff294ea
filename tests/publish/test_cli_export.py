"""`kg export` through the real command: every format re-imports isomorphic, named graphs
kept where the format can, byte-identical output across processes; and, with generated
graphs full of awkward literals and blank nodes, the same round trip for every format."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Dataset, Graph, Literal, URIRef, namespace
from rdflib.compare import isomorphic

from kg.graph.load import load_dataset
from kg.graph.namespaces import INFERRED_GRAPH, NK
from kg.graph.serialize import RDFLIB_FORMATS, serialize_graph, serialize_quads

FIXTURES = Path(__file__).parents[1] / "fixtures" / "cli"
DATA = FIXTURES / "data"
BLANK = FIXTURES / "blank-nodes"
# The reader for each export format is the one the export module names.
PARSERS = RDFLIB_FORMATS
QUAD_FORMATS = ("nq", "trig", "jsonld")
TRIPLE_FORMATS = ("ttl", "nt", "xml")
ARTICLE_GRAPH = URIRef("https://w3id.org/nkdefectors/graph/kei-peninsula-2024-09-03")


def folded(dataset: Dataset) -> Graph:
    """The quads as triples whose predicate also names the graph, so that comparing two of
    them also compares which graph each triple is in (blank nodes shared included)."""
    graph = Graph()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        if len(dataset.graph(g)):
            graph.add((s, URIRef(f"urn:graph:{g}#{p}"), o))
    return graph


def union(dataset: Dataset) -> Graph:
    graph = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def reimport(data: bytes, fmt: str) -> Dataset:
    dataset = Dataset(default_union=True)
    dataset.parse(data=data.decode("utf-8"), format=PARSERS[fmt])
    return dataset


@pytest.fixture(scope="module", params=[DATA, BLANK], ids=["article-extract", "blank-nodes"])
def loaded(request) -> tuple[Path, Dataset]:
    return request.param, load_dataset(request.param)


@pytest.mark.parametrize("fmt", QUAD_FORMATS)
def test_formats_with_named_graphs_reimport_isomorphic_graph_by_graph(loaded, fmt, kg):
    folder, dataset = loaded
    result = kg("export", "--format", fmt, data=folder)
    assert result.exit_code == 0, result.output
    assert isomorphic(folded(reimport(result.stdout_bytes, fmt)), folded(dataset))


@pytest.mark.parametrize("fmt", TRIPLE_FORMATS)
def test_formats_without_named_graphs_reimport_the_union_isomorphic(loaded, fmt, kg):
    folder, dataset = loaded
    result = kg("export", "--format", fmt, data=folder)
    assert result.exit_code == 0, result.output
    assert isomorphic(union(reimport(result.stdout_bytes, fmt)), union(dataset))


def test_the_default_format_is_trig_with_every_graph(kg):
    exported = reimport(kg("export").stdout_bytes, "trig")
    names = {g.identifier for g in exported.graphs() if len(g)}
    assert names == {
        ARTICLE_GRAPH,
        URIRef("https://w3id.org/nkdefectors/graph/ontology"),
        URIRef("https://w3id.org/nkdefectors/graph/shapes"),
    }


@pytest.mark.parametrize("name", ["kei-peninsula-2024-09-03", str(ARTICLE_GRAPH)])
def test_graph_option_exports_one_graph(name, kg):
    result = kg("export", "--format", "nq", "--graph", name)
    assert result.exit_code == 0, result.output
    exported = reimport(result.stdout_bytes, "nq")
    assert {g.identifier for g in exported.graphs() if len(g)} == {ARTICLE_GRAPH}
    expected = Graph().parse(DATA / "kei-peninsula-2024-09-03.ttl")
    assert isomorphic(exported.graph(ARTICLE_GRAPH), expected)


def test_an_unknown_graph_is_a_usage_error_listing_the_graphs(kg):
    result = kg("export", "--graph", "kei-peninsula-2024")
    assert result.exit_code == 2
    assert result.stderr == (
        "kg: error: --graph kei-peninsula-2024: no such graph; the graphs are: "
        f"{ARTICLE_GRAPH}, https://w3id.org/nkdefectors/graph/ontology, "
        "https://w3id.org/nkdefectors/graph/shapes\n"
    )


def test_inferred_adds_the_closure_in_its_own_graph(kg):
    plain = reimport(kg("export", "--format", "nq").stdout_bytes, "nq")
    result = kg("export", "--format", "nq", "--inferred")
    assert result.exit_code == 0, result.output
    exported = reimport(result.stdout_bytes, "nq")
    inferred = exported.graph(INFERRED_GRAPH)
    assert (NK["ri-il-kyu"], namespace.RDF.type, namespace.FOAF.Person) in inferred
    assert (NK["ri-il-kyu"], namespace.RDF.type, namespace.FOAF.Person) not in union(plain)
    for graph in plain.graphs():
        assert isomorphic(exported.graph(graph.identifier), graph)


def test_output_option_writes_the_file(tmp_path, kg):
    target = tmp_path / "graph.nt"
    result = kg("export", "--format", "nt", "-o", target)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert target.read_bytes() == kg("export", "--format", "nt").stdout_bytes


def test_n_triples_lines_are_sorted(kg):
    lines = kg("export", "--format", "nt").stdout.splitlines()
    assert lines == sorted(lines) and len(lines) > 100


def test_exports_are_byte_identical_across_processes():
    """Each format twice, in separate processes with different hash seeds."""
    runs = {}
    for fmt in PARSERS:
        for seed in ("1", "2"):
            command = [sys.executable, "-m", "kg", "--data", str(BLANK), "export", "--format", fmt]
            env = {**os.environ, "PYTHONHASHSEED": seed}
            runs[fmt, seed] = subprocess.Popen(command, stdout=subprocess.PIPE, env=env)
    outputs = {key: process.communicate()[0] for key, process in runs.items()}
    assert all(process.returncode == 0 for process in runs.values())
    for fmt in PARSERS:
        assert outputs[fmt, "1"] == outputs[fmt, "2"], fmt
        assert len(outputs[fmt, "1"]) > 1000


# --- Round trips of generated graphs ---

_TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",),
        blacklist_characters=[chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)]
        + ["\x7f", "\ufffe", "\uffff"],
    ),
    max_size=40,
)
_LONG_TEXT = st.text(alphabet="ab \"'\\\n<>&한국", min_size=2000, max_size=5000)
_LANG = st.sampled_from(["en", "ko", "en-GB", "zh-Hant-TW", "de-CH-1901"])
_LITERALS = st.one_of(
    _TEXT.map(Literal),
    _LONG_TEXT.map(Literal),
    st.builds(lambda t, lang: Literal(t, lang=lang), _TEXT, _LANG),
    st.integers(-(10**30), 10**30).map(Literal),
    st.decimals(allow_nan=False, allow_infinity=False, places=4).map(
        lambda d: Literal(d, datatype=namespace.XSD.decimal)
    ),
    st.floats(allow_nan=False).map(lambda f: Literal(f, datatype=namespace.XSD.double)),
    st.booleans().map(Literal),
    st.dates().map(Literal),
    st.datetimes().map(Literal),
    st.integers(1000, 2100).map(lambda y: Literal(str(y), datatype=namespace.XSD.gYear)),
    st.builds(
        lambda y, m: Literal(f"{y}-{m:02d}", datatype=namespace.XSD.gYearMonth),
        st.integers(1000, 2100),
        st.integers(1, 12),
    ),
    _TEXT.map(lambda t: Literal(t, datatype=URIRef("http://example.org/datatype/custom"))),
)
_NAMES = st.text(alphabet="abcdefghij-", min_size=1, max_size=8).filter(
    lambda n: not n.startswith("-") and not n.endswith("-")
)
_IRIS = st.one_of(
    _NAMES.map(lambda n: NK[n]),
    _NAMES.map(lambda n: URIRef(f"http://example.org/{n}")),
    st.sampled_from([URIRef("http://example.org/이일규"), URIRef("urn:isbn:0451450523")]),
)
_PREDICATES = _NAMES.map(lambda n: URIRef(f"http://example.org/p/{n.replace('-', 'x')}"))
_GRAPHS = st.sampled_from([URIRef(f"https://w3id.org/nkdefectors/graph/g{i}") for i in range(3)])
_BLANKS = st.integers(0, 5).map(lambda i: BNode(f"b{i}"))


@st.composite
def quads(draw):
    subject = draw(st.one_of(_IRIS, _BLANKS))
    obj = draw(st.one_of(_IRIS, _BLANKS, _LITERALS))
    return subject, draw(_PREDICATES), obj, draw(_GRAPHS)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(quads(), min_size=1, max_size=25))
def test_generated_graphs_round_trip_in_every_format(generated):
    source = Dataset(default_union=True)
    for s, p, o, g in generated:
        source.graph(g).add((s, p, o))
    for fmt in QUAD_FORMATS:
        data = serialize_quads(generated, fmt)
        assert isomorphic(folded(reimport(data, fmt)), folded(source)), fmt
        assert serialize_quads(list(reversed(generated)), fmt) == data, fmt
    triples = [(s, p, o) for s, p, o, _ in generated]
    for fmt in TRIPLE_FORMATS + ("jsonld",):
        data = serialize_graph(triples, fmt)
        assert isomorphic(union(reimport(data, fmt)), union(source)), fmt
        assert serialize_graph(list(reversed(triples)), fmt) == data, fmt


# A dateTime in UTC written with "Z": rdflib used to rewrite it as "+00:00" as it read it, a
# different term for a store that compares terms.
DATED = """@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/nkdefectors/id/curation> prov:endedAtTime "2026-11-28T00:00:00Z"^^xsd:dateTime .
"""


@pytest.mark.parametrize("rdf_format", ["nt", "nq", "ttl", "trig", "jsonld", "xml"])
def test_a_datetime_keeps_its_lexical_form_in_exports(rdf_format, tmp_path, kg):
    (tmp_path / "dated.ttl").write_text(DATED, encoding="utf-8")
    result = kg("export", "--format", rdf_format, data=tmp_path)
    assert result.exit_code == 0, result.output
    assert "2026-11-28T00:00:00Z" in result.stdout
    assert "+00:00" not in result.stdout
