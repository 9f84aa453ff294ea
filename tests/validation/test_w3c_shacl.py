"""The W3C SHACL core test suite (tests/fixtures/w3c-shacl) through our SHACL run and through
pySHACL on its own.

Our run is ``kg.validation.validate``'s: every target resolved to ``sh:targetNode`` values
among the nodes to report (here every node of the data and of the shapes' targets), then
pySHACL without ``focus_nodes`` or ``allow_warnings``, with SPARQL parsed once. A test passes
when the report has the expected results, compared as the suite's own runners do: focus node,
path, value, severity, constraint component and source shape, blank nodes standing for any
blank node. Our run must pass every test pySHACL passes; the counts are in docs/validation.md.
"""

from pathlib import Path

import pyshacl
import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, SH

from kg.graph.namespaces import keep_lexical_forms
from kg.validation.validate import _full_report

SUITE = Path(__file__).parents[1] / "fixtures" / "w3c-shacl" / "core"
MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
SHT = "http://www.w3.org/ns/shacl-test#"
KEYS = (
    SH.focusNode,
    SH.resultPath,
    SH.value,
    SH.resultSeverity,
    SH.sourceConstraintComponent,
    SH.sourceShape,
)


def tests() -> list[tuple[str, Path, Path, Graph, object]]:
    keep_lexical_forms()
    found = []
    for path in sorted(SUITE.rglob("*.ttl")):
        manifest = Graph().parse(path, format="turtle", publicID=path.as_uri())
        for entry in manifest.subjects(RDF.type, URIRef(SHT + "Validate")):
            action = manifest.value(entry, URIRef(MF + "action"))
            data = manifest.value(action, URIRef(SHT + "dataGraph"))
            shapes = manifest.value(action, URIRef(SHT + "shapesGraph"))
            result = manifest.value(entry, URIRef(MF + "result"))
            name = f"{path.parent.name}/{path.stem}"
            found.append((name, local(data), local(shapes), manifest, result))
    return found


def local(iri: URIRef) -> Path:
    return Path(iri.removeprefix("file://"))


def keys(report: Graph, result_nodes) -> set[tuple]:
    return {
        tuple(
            "_" if isinstance(value := report.value(result, key), BNode) else value for key in KEYS
        )
        for result in result_nodes
    }


def expected(manifest: Graph, result) -> tuple[bool, set[tuple]] | None:
    if result == URIRef(SHT + "Failure"):
        return None
    conforms = manifest.value(result, SH.conforms).toPython()
    return conforms, keys(manifest, manifest.objects(result, SH.result))


def verdict(report: Graph) -> tuple[bool, set[tuple]]:
    results = set(report.objects(None, SH.result))
    return not results, keys(report, results)


def ours(data: Graph, shapes: Graph) -> tuple[bool, set[tuple]]:
    scope = set(data.subjects()) | set(data.objects()) | set(shapes.objects(None, SH.targetNode))
    return verdict(_full_report(data, shapes, scope, "none"))


def plain(data: Graph, shapes: Graph) -> tuple[bool, set[tuple]]:
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, advanced=True)
    return verdict(report)


def passes(run, data_path: Path, shapes_path: Path, wanted) -> bool:
    # Every graph is read as the project reads it, each literal as written: pySHACL turns
    # rdflib's rewriting of literals back on after each run, and a file read with it on
    # would hold "2011-01-01T00:00:00" where the manifest says "2011-01-01".
    keep_lexical_forms()
    try:
        data = Graph().parse(data_path, format="turtle", publicID=data_path.as_uri())
        shapes = Graph().parse(shapes_path, format="turtle", publicID=shapes_path.as_uri())
        got = run(data, shapes)
    except Exception:  # noqa: BLE001 - a test that expects a failure passes on any error
        return wanted is None
    return wanted is not None and got == wanted


@pytest.fixture(scope="module")
def outcomes() -> dict[str, tuple[bool, bool]]:
    table = {}
    for name, data, shapes, manifest, result in tests():
        wanted = expected(manifest, result)
        table[name] = (passes(ours, data, shapes, wanted), passes(plain, data, shapes, wanted))
    return table


def test_the_suite_is_all_there(outcomes):
    assert len(outcomes) >= 98


def test_our_run_passes_every_test_pyshacl_passes(outcomes):
    lost = sorted(name for name, (mine, theirs) in outcomes.items() if theirs and not mine)
    assert lost == []


def test_the_pass_counts_are_those_docs_give(outcomes):
    counts = (
        sum(mine for mine, _ in outcomes.values()),
        sum(theirs for _, theirs in outcomes.values()),
        len(outcomes),
    )
    docs = (Path(__file__).parents[2] / "docs" / "validation.md").read_text("utf-8")
    assert f"| W3C SHACL core | {counts[0]} of {counts[2]} | {counts[1]} of {counts[2]} |" in docs
