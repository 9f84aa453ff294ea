"""`kg query` writes with Oxigraph's own result writers, the same bytes on either engine, and
answers from the persisted store without importing rdflib, pySHACL or owlrl."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib.query import Result

from kg.sparql import catalogue as q

ARTICLE_DATA = Path(__file__).parent.parent / "fixtures" / "cli" / "data"
SAVED_QUERIES = [saved.name for saved in q.catalogue()]
TABLE_FORMATS = ["table", "csv", "tsv", "json", "xml"]
HEAVY = ("rdflib", "pyshacl", "owlrl", "requests")

# Runs the command in a fresh interpreter, then names the heavy libraries it imported.
IMPORTS_OF = f"""
import sys
from kg.cli import cli
try:
    cli.main(sys.argv[1:], prog_name="kg")
except SystemExit as end:
    assert not end.code, end.code
print(" ".join(sorted({{m.split(".")[0] for m in sys.modules}} & {set(HEAVY)!r})), file=sys.stderr)
"""


def imported_by(*args: str) -> str:
    """The heavy libraries that ``kg ARGS`` imports, on the test-owned article graph."""
    argv = [sys.executable, "-c", IMPORTS_OF, "--data", str(ARTICLE_DATA), *args]
    process = subprocess.run(argv, capture_output=True, text=True)
    assert process.returncode == 0, process.stderr
    return process.stderr.strip().splitlines()[-1] if process.stderr.strip() else ""


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["queries"],
        ["query", "defections-by-diplomats"],
        ["query", "defection-to-disclosure", "--format", "json"],
        ["query", "facts-about-person", "--param", "person=nk:thae-yong-ho", "--format", "xml"],
        ["query", "-e", "ASK { ?s a nkd:Person }", "--format", "csv"],
    ],
    ids=lambda args: " ".join(args),
)
def test_listing_and_answering_from_the_store_import_no_rdflib(args):
    imported_by(*args)  # builds the persisted store if this is the first command to need it
    assert imported_by(*args) == ""


@pytest.mark.parametrize("result_format", TABLE_FORMATS)
@pytest.mark.parametrize("name", SAVED_QUERIES)
def test_both_engines_write_the_same_bytes(name, result_format, kg):
    outputs = [
        kg("query", name, "--format", result_format, "--engine", engine)
        for engine in ("oxigraph", "rdflib")
    ]
    assert all(result.exit_code == 0 for result in outputs), outputs[0].output
    assert outputs[0].stdout_bytes == outputs[1].stdout_bytes
    assert outputs[0].stdout_bytes.endswith(b"\n")


@pytest.mark.parametrize("name", SAVED_QUERIES)
def test_the_xml_results_read_back_as_rdflibs_own_rows(name, kg):
    # rdflib's reader of the SPARQL XML results format, against rdflib's engine's rows.
    written = kg("query", name, "--format", "xml").stdout_bytes
    expected = kg("query", name, "--format", "json", "--engine", "rdflib").stdout_bytes
    read = Result.parse(io.BytesIO(written), format="xml")
    rows = [{str(k): v.n3() for k, v in row.asdict().items()} for row in read]
    wanted = Result.parse(io.BytesIO(expected), format="json")
    assert rows == [{str(k): v.n3() for k, v in row.asdict().items()} for row in wanted]
    assert [str(v) for v in read.vars] == json.loads(expected)["head"]["vars"]


def test_an_ask_answer_is_one_line_in_every_format(kg):
    expected = {
        "table": b"true\n",
        "tsv": b"true\n",
        "csv": b"true\r\n",
        "json": b'{"head":{},"boolean":true}\n',
        "xml": b'<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">'
        b"<head></head><boolean>true</boolean></sparql>\n",
    }
    for result_format, answer in expected.items():
        for engine in ("oxigraph", "rdflib"):
            result = kg(
                "query",
                "-e",
                "ASK { ?s a nkd:Person }",
                "--format",
                result_format,
                "--engine",
                engine,
            )
            assert result.stdout_bytes == answer, (result_format, engine)


# A dateTime in UTC written with "Z": rdflib used to rewrite it as "+00:00" as it read it.
DATED = """@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/nkdefectors/id/curation> prov:endedAtTime "2026-11-28T00:00:00Z"^^xsd:dateTime .
"""


@pytest.fixture(scope="module")
def dated(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("dated") / "data"
    data.mkdir()
    (data / "dated.ttl").write_text(DATED, encoding="utf-8")
    return data


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_a_datetime_keeps_its_lexical_form_in_answers(engine, dated, kg):
    text = "SELECT ?t WHERE { ?s prov:endedAtTime ?t }"
    result = kg("query", "-e", text, "--format", "csv", "--engine", engine, data=dated)
    assert result.stdout_bytes == b"t\r\n2026-11-28T00:00:00Z\r\n"


def test_an_unordered_answer_is_sorted_on_its_terms(kg):
    # Terms in the order of kg.graph.load.term_sort_key: literals (by text, then datatype,
    # then language) before IRIs.
    text = 'SELECT ?x WHERE { VALUES ?x { "b" <urn:x:a> "a"@en 2 "a" } }'
    for engine in ("oxigraph", "rdflib"):
        result = kg("query", "-e", text, "--format", "tsv", "--engine", engine)
        assert result.stdout.splitlines() == ["?x", "2", '"a"', '"a"@en', '"b"', "<urn:x:a>"]
