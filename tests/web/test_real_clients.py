"""A real ``kg serve`` process on an ephemeral loopback port, asked by the clients people use:
SPARQLWrapper, rdflib's SPARQLStore, Apache Jena's rsparql and ``kg query --endpoint``. Every
saved query gives the rows ``kg query`` gives on the embedded graph."""

import io
import json
import subprocess
from pathlib import Path

import pytest
import requests
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import Result
from SPARQLWrapper import JSON, SPARQLWrapper

from kg.sparql import catalogue
from kg.sparql.endpoint import with_values
from tests.web.conftest import ARTICLE_DATA, serve_process

SAVED = catalogue.catalogue()


def embedded_rows(kg, name: str) -> list[tuple]:
    """``kg query NAME`` on the embedded graph, as rows of N3 terms in its order."""
    output = kg("query", name, "--format", "json")
    assert output.exit_code == 0, output.output
    result = Result.parse(io.BytesIO(output.stdout_bytes), format="json")
    return (
        [
            tuple(row.get(v).n3() if row.get(v) is not None else None for v in result.vars)
            for row in result.bindings_as_rows()
        ]
        if hasattr(result, "bindings_as_rows")
        else [
            tuple(binding.get(v).n3() if binding.get(v) is not None else None for v in result.vars)
            for binding in result.bindings
        ]
    )


def query_with_defaults(text: catalogue.QueryText) -> str:
    """The saved query's text with its parameters' defaults fixed, as a remote store gets it."""
    return with_values(text.text, catalogue.bind(text, []))


@pytest.mark.parametrize("text", SAVED, ids=lambda t: t.name)
def test_sparqlwrapper_gets_kg_querys_rows(served, kg, text):
    client = SPARQLWrapper(f"{served}/sparql")
    client.setQuery(query_with_defaults(text))
    client.setReturnFormat(JSON)
    document = client.query().convert()
    variables = document["head"]["vars"]
    got = sorted(
        tuple(term_n3(row.get(v)) for v in variables) for row in document["results"]["bindings"]
    )
    assert got == sorted(embedded_rows(kg, text.name))


def term_n3(term: dict | None) -> str | None:
    """A SPARQL JSON term in N3, written here from the format's definition."""
    if term is None:
        return None
    if term["type"] == "uri":
        return f"<{term['value']}>"
    if term["type"] == "bnode":
        return f"_:{term['value']}"
    from rdflib import Literal, URIRef

    datatype = term.get("datatype")
    return Literal(
        term["value"], lang=term.get("xml:lang"), datatype=URIRef(datatype) if datatype else None
    ).n3()


JENA = Path(__file__).parents[1] / "validation" / "jena" / "jena.sh"


@pytest.mark.skipif(
    not Path("/usr/share/java/jena-cmds.jar").exists(),
    reason="needs Debian's libapache-jena-java (scripts/jena/install.sh installs it)",
)
@pytest.mark.parametrize("text", SAVED, ids=lambda t: t.name)
def test_jena_rsparql_gets_kg_querys_rows(served, kg, text, tmp_path):
    """Apache Jena's own SPARQL protocol client, as a Jena user would run it."""
    query = tmp_path / "query.rq"
    query.write_text(query_with_defaults(text), encoding="utf-8")
    finished = subprocess.run(
        ["bash", str(JENA), "--main", "arq.rsparql", "--service", f"{served}/sparql"]
        + ["--query", str(query), "--results", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 0, finished.stderr
    document = json.loads(finished.stdout)
    variables = document["head"]["vars"]
    got = sorted(
        tuple(term_n3(row.get(v)) for v in variables) for row in document["results"]["bindings"]
    )
    assert got == sorted(embedded_rows(kg, text.name))


@pytest.mark.parametrize("text", SAVED, ids=lambda t: t.name)
def test_rdflib_sparqlstore_gets_kg_querys_rows(served, kg, text):
    store = SPARQLStore(f"{served}/sparql", returnFormat="json")
    result = Graph(store=store).query(query_with_defaults(text))
    got = sorted(
        tuple(row[i].n3() if row[i] is not None else None for i in range(len(result.vars)))
        for row in result
    )
    assert got == sorted(embedded_rows(kg, text.name))


@pytest.mark.parametrize("text", SAVED, ids=lambda t: t.name)
def test_kg_query_endpoint_prints_what_kg_query_prints(served, kg, text):
    embedded = kg("query", text.name, "--format", "csv")
    remote = kg("query", text.name, "--format", "csv", "--endpoint", f"{served}/sparql")
    assert remote.exit_code == 0, remote.output
    assert remote.stdout_bytes == embedded.stdout_bytes


def test_a_saved_query_by_name_over_http(served, kg):
    embedded = kg("query", "timeline", "--format", "tsv")
    answer = requests.get(f"{served}/sparql/timeline", params={"format": "tsv"}, timeout=30)
    assert answer.content == embedded.stdout_bytes


def test_serve_refuses_a_data_folder_it_cannot_read(kg_process, tmp_path):
    result = kg_process("serve", "--port", "0", data=tmp_path / "missing")
    assert result.returncode == 2
    assert result.stderr.startswith("kg: error: ") and "data folder not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_server_stops_a_runaway_query_and_keeps_serving(tmp_path):
    bomb = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    for base in serve_process(ARTICLE_DATA, "--timeout", "1"):
        response = requests.get(f"{base}/sparql", params={"query": bomb}, timeout=30)
        assert response.status_code == 503
        after = requests.get(f"{base}/sparql", params={"query": "ASK {}"}, timeout=30)
        assert after.status_code == 200


def test_serve_on_a_port_in_use_is_one_line_and_exit_2(kg_process):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = kg_process("serve", "--port", port)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"kg: error: --host 127.0.0.1 --port {port}: cannot listen: Address already in use"
    ]
