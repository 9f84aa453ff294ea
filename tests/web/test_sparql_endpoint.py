"""/sparql and /sparql/NAME through Starlette's TestClient: every result format read back by
an independent parser and compared with rdflib's own SPARQL engine on the same files."""

import csv
import io
import json

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.query import Result

from kg.graph.load import load_dataset
from kg.sparql import catalogue
from tests.web.conftest import ARTICLE_DATA

PERSONS = """
PREFIX nkd: <https://w3id.org/nkdefectors/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?person ?name WHERE { ?person a nkd:Person ; skos:prefLabel ?name }
"""
DESCRIPTION = """
PREFIX nk: <https://w3id.org/nkdefectors/id/>
CONSTRUCT { nk:defection-ri-il-kyu ?p ?o } WHERE { nk:defection-ri-il-kyu ?p ?o }
"""
BOMB = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def reference():
    """rdflib's engine over the same files: the answer every format must carry."""
    return load_dataset(ARTICLE_DATA)


def reference_rows(reference, query: str) -> set[tuple]:
    result = reference.query(query)
    return {tuple(row[v] for v in result.vars) for row in result}


@pytest.mark.parametrize(
    "media_type, parser",
    [
        ("application/sparql-results+json", "json"),
        ("application/sparql-results+xml", "xml"),
    ],
)
def test_select_in_sparql_results_formats(client, reference, media_type, parser):
    response = client.get("/sparql", params={"query": PERSONS}, headers={"Accept": media_type})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    result = Result.parse(io.BytesIO(response.content), format=parser)
    rows = {(row["person"], row["name"]) for row in result}
    assert rows == reference_rows(reference, PERSONS)
    assert len(rows) == 2


def test_select_as_csv(client, reference):
    response = client.get("/sparql", params={"query": PERSONS}, headers={"Accept": "text/csv"})
    assert response.headers["content-type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(response.text)))
    expected = {(str(p), str(n)) for p, n in reference_rows(reference, PERSONS)}
    assert {(row["person"], row["name"]) for row in table} == expected


def test_select_as_tsv(client, reference):
    response = client.get(
        "/sparql", params={"query": PERSONS}, headers={"Accept": "text/tab-separated-values"}
    )
    header, *lines = response.text.splitlines()
    assert header.split("\t") == ["?person", "?name"]
    expected = {(p.n3(), n.n3()) for p, n in reference_rows(reference, PERSONS)}
    assert {tuple(line.split("\t")) for line in lines} == expected


@pytest.mark.parametrize(
    "media_type, parser",
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_construct_in_rdf_formats(client, reference, media_type, parser):
    response = client.get("/sparql", params={"query": DESCRIPTION}, headers={"Accept": media_type})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    answer = Graph().parse(data=response.content, format=parser)
    assert len(answer) > 10
    assert isomorphic(answer, reference.query(DESCRIPTION).graph)


def test_post_form_and_post_direct_answer_as_get(client):
    accept = {"Accept": "application/sparql-results+json"}
    got = client.get("/sparql", params={"query": PERSONS}, headers=accept).json()
    form = client.post("/sparql", data={"query": PERSONS}, headers=accept).json()
    direct = client.post(
        "/sparql",
        content=PERSONS.encode(),
        headers={**accept, "Content-Type": "application/sparql-query"},
    ).json()
    assert got == form == direct


def test_default_and_named_graph_uri_choose_the_dataset(client):
    graph = "https://w3id.org/nkdefectors/graph/kei-peninsula-2024-09-03"
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    whole = client.get("/sparql", params={"query": count}).json()
    only = client.get("/sparql", params={"query": count, "default-graph-uri": graph}).json()
    nothing = client.get(
        "/sparql", params={"query": count, "default-graph-uri": "http://example.org/none"}
    ).json()

    def number(document):
        return int(document["results"]["bindings"][0]["n"]["value"])

    expected = len(Graph().parse(ARTICLE_DATA / "kei-peninsula-2024-09-03.ttl"))
    assert number(only) == expected
    assert number(whole) > expected
    assert number(nothing) == 0
    named = client.get(
        "/sparql",
        params={
            "query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
            "named-graph-uri": graph,
        },
    ).json()
    assert [row["g"]["value"] for row in named["results"]["bindings"]] == [graph]


def test_a_get_without_query_gets_the_service_description(client):
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    description = Graph().parse(data=response.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    service = URIRef("http://testserver/sparql")
    assert (service, URIRef(sd + "endpoint"), service) in description
    assert (service, URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Query")) in description


@pytest.mark.parametrize(
    "request_options",
    [
        {"method": "GET", "params": {"update": "CLEAR ALL"}},
        {"method": "POST", "data": {"update": "DROP ALL"}},
        {
            "method": "POST",
            "content": b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
            "headers": {"Content-Type": "application/sparql-update"},
        },
        {"method": "GET", "params": {"query": "DELETE WHERE { ?s ?p ?o }"}},
    ],
    ids=["get-update", "post-form-update", "post-direct-update", "update-as-query"],
)
def test_updates_are_refused_with_403(client, request_options):
    options = dict(request_options)
    response = client.request(options.pop("method"), "/sparql", **options)
    assert response.status_code == 403
    assert "read-only" in response.text


def test_service_and_load_are_refused_and_send_nothing(client, listener):
    url, hits = listener
    queries = [
        f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SeRvIcE SILENT <{url}/sparql> {{ ?s ?p ?o }} }}",
        f"LOAD <{url}/data.ttl>",
        f"LOAD <{url}/data.ttl> INTO GRAPH <urn:g>",
    ]
    for query in queries:
        response = client.get("/sparql", params={"query": query})
        assert response.status_code == 400, query
        assert "network" in response.text
    # FROM names a graph of the store; it is never fetched (here: an empty default graph).
    from_remote = client.get("/sparql", params={"query": f"ASK FROM <{url}/g> {{ ?s ?p ?o }}"})
    assert from_remote.status_code == 200
    assert from_remote.json()["boolean"] is False
    assert hits == []


def test_service_inside_a_string_or_iri_is_not_refused(client):
    query = 'SELECT ?x WHERE { BIND("SERVICE" AS ?x) FILTER (?x != <urn:SERVICE>) }'
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 200


def test_a_query_past_the_timeout_is_stopped_with_503_and_the_next_one_runs(make_client):
    client = make_client(timeout=1)
    response = client.get("/sparql", params={"query": BOMB})
    assert response.status_code == 503
    assert "1 s" in response.text
    after = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert after.status_code == 200 and after.json()["boolean"] is True


def test_a_syntax_error_is_400_with_the_position(client):
    response = client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x"})
    assert response.status_code == 400
    assert "syntax error" in response.text and "1:" in response.text


def test_an_unacceptable_format_is_406(client):
    response = client.get("/sparql", params={"query": PERSONS}, headers={"Accept": "image/png"})
    assert response.status_code == 406


def test_cors_allows_any_origin_on_the_endpoint_only(client):
    origin = {"Origin": "https://notebook.example"}
    response = client.get("/sparql", params={"query": "ASK {}"}, headers=origin)
    assert response.headers["access-control-allow-origin"] == "*"
    preflight = client.options(
        "/sparql",
        headers={
            **origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Content-Type",
        },
    )
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "access-control-allow-origin" not in client.get("/", headers=origin).headers


def test_max_rows_cuts_a_select_and_says_so(make_client):
    client = make_client(max_rows=3)
    query = "SELECT ?s WHERE { ?s ?p ?o }"
    response = client.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"})
    assert response.headers["x-kg-truncated"] == "true"
    assert len(response.text.splitlines()) == 1 + 3


@pytest.mark.parametrize("text", catalogue.catalogue(), ids=lambda t: t.name)
def test_every_saved_query_by_name_answers_as_kg_query(client, kg, text):
    for fmt in ("csv", "json"):
        expected = kg("query", text.name, "--format", fmt)
        assert expected.exit_code == 0, expected.output
        response = client.get(f"/sparql/{text.name}", params={"format": fmt})
        assert response.status_code == 200
        assert response.content == expected.stdout_bytes


def test_a_saved_query_takes_its_parameters_from_the_query_string(client, kg):
    person = "https://w3id.org/nkdefectors/id/robert-r-king"
    expected = kg("query", "facts-about-person", "--param", f"person=<{person}>", "--format", "csv")
    response = client.get("/sparql/facts-about-person", params={"person": person, "format": "csv"})
    assert response.content == expected.stdout_bytes
    default = client.get("/sparql/facts-about-person", params={"format": "csv"})
    assert default.text != response.text


def test_saved_query_errors(client):
    assert client.get("/sparql/no-such-query").status_code == 404
    bad = client.get("/sparql/facts-about-person", params={"person": "not an iri"})
    assert bad.status_code == 400
    assert "expects an IRI" in bad.text
    unknown = client.get("/sparql/timeline", params={"colour": "red"})
    assert unknown.status_code == 400


def test_literals_keep_their_language_and_datatype(client):
    query = 'SELECT ?x ?y WHERE { BIND("안녕"@ko AS ?x) BIND(42 AS ?y) }'
    result = Result.parse(
        io.BytesIO(client.get("/sparql", params={"query": query}).content), format="json"
    )
    row = next(iter(result))
    assert row["x"] == Literal("안녕", lang="ko")
    assert row["y"] == Literal(42)
    assert json.loads(client.get("/sparql", params={"query": query}).text)["head"]["vars"] == [
        "x",
        "y",
    ]
