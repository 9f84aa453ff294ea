"""No network, no local file reads, unless asked: every way a query or a file of assertions
could make kg fetch a URL or read a local file, tried against a loopback listener that records
every connection and a local file whose content must never show in any output.

The listener is proved to work by the flag that allows the network (--allow-network): with
it, the same request arrives.
"""

import json
import socket
import threading
from pathlib import Path

import pytest
from rdflib.plugins.sparql import prepareQuery

from kg.graph import iris
from kg.graph.load import load_dataset
from kg.sparql import catalogue as kg_query

DATA = Path(__file__).parents[1] / "fixtures" / "cli" / "data"
CONFORMING = Path(__file__).parents[1] / "fixtures" / "cli" / "new" / "disclosure-ri-il-kyu.ttl"
SECRET = "kg-secret-3f9c1e: the content of a local file nobody asked for"
NK = "https://w3id.org/nkdefectors/id/"
PREFIXES = (
    "@prefix nk: <https://w3id.org/nkdefectors/id/> .\n"
    "@prefix nkd: <https://w3id.org/nkdefectors/ontology#> .\n"
    "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
)


class Listener:
    """A TCP listener on 127.0.0.1 at an ephemeral port, in a thread, that records the first
    bytes of every connection and answers 404."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.05)  # so that the thread sees close() soon
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}"
        self.requests: list[bytes] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                connection, _ = self.server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with connection:
                connection.settimeout(5)
                try:
                    self.requests.append(connection.recv(65536))
                    connection.sendall(b"HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                except OSError:
                    self.requests.append(b"")

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=5)
        self.server.close()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "private" / "secret.txt"
    path.parent.mkdir()
    path.write_text(SECRET + "\n")
    return path


def assert_refused(result, listener: Listener, message: str | None = None) -> None:
    """One line and exit 2 (or the exact line given), nothing fetched, the secret nowhere."""
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("kg: error: ") and result.stderr.count("\n") == 1
    if message is not None:
        assert result.stderr == f"kg: error: {message}\n"
    assert listener.requests == []
    assert SECRET not in result.output


# --- SPARQL ---


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize(
    "pattern",
    [
        "SERVICE <{url}/sparql> {{ ?s ?p ?o }}",
        "SERVICE SILENT <{url}/sparql> {{ ?s ?p ?o }}",
        "OPTIONAL {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        "?s ?p ?o MINUS {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        "?s ?p ?o FILTER EXISTS {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        "{{ SELECT ?s WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }} }}",
        "GRAPH ?g {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    ],
    ids=["plain", "silent", "optional", "minus", "exists", "subquery", "graph"],
)
def test_service_anywhere_in_a_query_is_refused(listener, engine, pattern, kg):
    where = pattern.format(url=listener.url)
    result = kg("query", "--engine", engine, "-e", f"SELECT * WHERE {{ {where} }}")
    assert_refused(
        result,
        listener,
        f"-e: SERVICE <{listener.url}/sparql> would query another endpoint over the network; "
        "pass --allow-network to allow it",
    )


def test_allow_network_lets_service_reach_the_listener(listener, kg):
    text = f"SELECT * WHERE {{ SERVICE <{listener.url}/sparql> {{ ?s ?p ?o }} }}"
    result = kg("query", "--engine", "rdflib", "--allow-network", "-e", text)
    assert len(listener.requests) == 1
    assert listener.requests[0].startswith((b"GET /sparql", b"POST /sparql"))
    # The listener answers 404: an error, in one line.
    assert result.exit_code == 2 and result.stderr.count("\n") == 1


@pytest.mark.parametrize("keyword", ["FROM", "FROM NAMED"])
def test_from_a_url_is_refused(listener, keyword, kg):
    text = f"SELECT * {keyword} <{listener.url}/graph.ttl> WHERE {{ ?s ?p ?o }}"
    assert_refused(kg("query", "-e", text), listener)


@pytest.mark.parametrize(
    "update",
    [
        "LOAD <{url}/data.ttl>",
        "LOAD SILENT <{url}/data.ttl> INTO GRAPH <urn:x:g>",
        "INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        "INSERT DATA {{ <urn:x:a> <urn:x:b> <urn:x:c> }}",
    ],
    ids=["load", "load-silent", "insert-from-service", "insert-data"],
)
def test_updates_are_refused_even_with_the_network_allowed(listener, update, kg):
    text = update.format(url=listener.url)
    assert_refused(kg("query", "-e", text), listener)
    assert_refused(kg("query", "--allow-network", "-e", text), listener)


def test_a_graph_of_ours_missing_from_the_dataset_is_not_fetched(listener, monkeypatch, kg):
    # Pretend the listener serves our graph namespace: FROM one of "our" graphs passes the
    # safety check, and the query still must not fetch the graph the dataset lacks.
    monkeypatch.setattr(iris, "GRAPH", listener.url + "/graph/")
    text = f"SELECT * FROM <{listener.url}/graph/missing> WHERE {{ ?s ?p ?o }}"
    result = kg("query", "--engine", "rdflib", "-e", text)
    assert result.exit_code == 0, result.output
    assert listener.requests == []


def test_execute_does_not_fetch_a_from_graph_even_past_the_safety_check(listener):
    parsed = prepareQuery(f"ASK FROM <{listener.url}/graph.ttl> WHERE {{ ?s ?p ?o }}")
    result = kg_query.execute(load_dataset(DATA), parsed)
    assert result.askAnswer is False
    assert listener.requests == []


# --- Files of new assertions: JSON-LD ---


def write_jsonld(folder: Path, context: object) -> Path:
    path = folder / "new.jsonld"
    document = {"@context": context, "@id": NK + "thae-yong-ho", "name": "Thae Yong-ho"}
    path.write_text(json.dumps(document))
    return path


@pytest.mark.parametrize(
    "context",
    [
        "{url}/context.jsonld",
        ["{url}/context.jsonld"],
        [{"nk": NK}, "{url}/context.jsonld"],
        {"@version": 1.1, "@import": "{url}/context.jsonld"},
        {"name": {"@id": "http://schema.org/name", "@context": "{url}/context.jsonld"}},
    ],
    ids=["string", "list", "after-a-local-one", "import", "scoped-to-a-term"],
)
def test_json_ld_remote_contexts_are_not_fetched(tmp_path, listener, context, kg):
    text = json.dumps(context).replace("{url}", listener.url)
    path = write_jsonld(tmp_path, json.loads(text))
    for command in ("validate", "add"):
        args = [command, path] + (["--source", "new-source"] if command == "add" else [])
        assert_refused(kg(*args, data=tmp_path / "data" if command == "add" else DATA), listener)


def test_allow_network_lets_a_json_ld_context_reach_the_listener(tmp_path, listener, kg):
    path = write_jsonld(tmp_path, f"{listener.url}/context.jsonld")
    kg("validate", "--allow-network", path)
    assert len(listener.requests) == 1
    assert listener.requests[0].startswith(b"GET /context.jsonld ")


@pytest.mark.parametrize("form", ["uri", "relative"])
def test_a_json_ld_context_naming_a_local_file_is_not_read(tmp_path, secret, listener, form, kg):
    # A context that the parser would read: the secret file, as a file: URI or as a path
    # relative to the file being validated.
    context_file = secret.parent / "context.jsonld"
    context_file.write_text(json.dumps({"@context": {"name": {"@id": SECRET}}}))
    context = context_file.as_uri() if form == "uri" else "context.jsonld"
    path = write_jsonld(secret.parent, context)
    assert_refused(kg("validate", path), listener)


# --- Files of new assertions: RDF/XML ---


def write_rdfxml(folder: Path, doctype: str, value: str) -> Path:
    path = folder / "new.rdf"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f"{doctype}\n"
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"\n'
        '         xmlns:skos="http://www.w3.org/2004/02/skos/core#">\n'
        f'  <rdf:Description rdf:about="{NK}thae-yong-ho">\n'
        f"    <skos:note>{value}</skos:note>\n"
        "  </rdf:Description>\n"
        "</rdf:RDF>\n"
    )
    return path


@pytest.mark.parametrize(
    ("doctype", "value"),
    [
        ('<!DOCTYPE rdf:RDF [ <!ENTITY x SYSTEM "{secret}"> ]>', "&x;"),
        ('<!DOCTYPE rdf:RDF [ <!ENTITY x SYSTEM "{url}/entity"> ]>', "&x;"),
        ('<!DOCTYPE rdf:RDF [ <!ENTITY % x SYSTEM "{url}/entities.dtd"> %x; ]>', "text"),
        ('<!DOCTYPE rdf:RDF SYSTEM "{url}/rdf.dtd">', "text"),
        ('<!DOCTYPE rdf:RDF PUBLIC "-//Example//DTD RDF//EN" "{secret}">', "text"),
    ],
    ids=["entity-file", "entity-url", "parameter-entity", "dtd", "public-dtd"],
)
def test_rdf_xml_external_entities_and_dtds_are_refused(
    tmp_path, secret, listener, doctype, value, kg
):
    text = doctype.format(secret=secret.as_uri(), url=listener.url)
    path = write_rdfxml(tmp_path, text, value)
    for report in ("text", "json", "ttl"):
        result = kg("validate", "--format", report, path)
        assert_refused(result, listener)
        assert "is not read: RDF/XML that takes content from other files or URLs is refused" in (
            result.stderr
        )


def test_internal_entities_are_still_expanded(tmp_path, listener, kg):
    # Entities declared in the file itself are ordinary XML: kept, and nothing refused.
    path = write_rdfxml(tmp_path, '<!DOCTYPE rdf:RDF [ <!ENTITY who "Thae Yong-ho"> ]>', "&who;")
    result = kg("validate", path)
    assert result.exit_code == 1  # the node has no rdf:type
    assert listener.requests == []


# --- Files of new assertions: owl:imports and shapes ---


def test_owl_imports_is_not_followed_whatever_the_reasoning(tmp_path, listener, kg):
    path = tmp_path / "imports.ttl"
    path.write_text(
        CONFORMING.read_text() + f"\n<{NK}disclosure-ri-il-kyu-interview> "
        f"<http://www.w3.org/2002/07/owl#imports> <{listener.url}/ontology.ttl> .\n"
    )
    for inference in ("none", "rdfs", "owlrl"):
        result = kg("validate", "--infer", inference, path)
        assert result.exit_code == 0, result.output
        assert "owl:imports is not followed" in result.stdout
    assert listener.requests == []


def test_shapes_in_a_new_file_are_not_run(tmp_path, listener, kg):
    # A shape whose SPARQL would call the listener: only the project's shapes are run.
    path = tmp_path / "shape.ttl"
    path.write_text(
        PREFIXES + "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "nk:hostile-shape a sh:NodeShape ; sh:targetClass nkd:Person ;\n"
        "    sh:sparql [ sh:select "
        f'"SELECT $this WHERE {{ SERVICE <{listener.url}/sparql> {{ $this ?p ?o }} }}" ] .\n'
    )
    kg("validate", path)
    assert listener.requests == []


# --- Captures of sources ---


def evidence_quoting(secret_words: str, captured_as: str) -> str:
    return PREFIXES + (
        "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
        "@prefix oa: <http://www.w3.org/ns/oa#> .\n"
        "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        'nk:source-secret a nkd:SourceDocument ; rdfs:label "a secret"@en ;\n'
        f'    dcterms:title "Secret"@en ; nkd:capturedAs "{captured_as}" .\n'
        "nk:ev-secret a nkd:Evidence ;\n"
        f'    oa:exact "{secret_words}" ; prov:wasQuotedFrom nk:source-secret .\n'
    )


@pytest.mark.parametrize("way", ["parent", "absolute", "link"])
def test_a_capture_path_out_of_the_sources_folder_is_not_read(tmp_path, secret, way, kg):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "inside.txt").symlink_to(secret)
    captured = {
        "parent": "sources/../private/secret.txt",
        "absolute": str(secret),
        "link": "sources/inside.txt",
    }[way]
    path = tmp_path / "quote.ttl"
    path.write_text(evidence_quoting(SECRET.split(":")[0], captured))
    result = kg("validate", path, env={"KG_SOURCES": str(sources)})
    # Read, the quotation would be found and the file would conform: an oracle for whether
    # a local file holds some words.
    assert "lies outside the sources folder: it was not read" in result.stdout
    assert SECRET not in result.output


def test_a_capture_inside_the_sources_folder_is_read(tmp_path, kg):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "notes.txt").write_text("Words that the notes [really](#) hold.\n")
    path = tmp_path / "quote.ttl"
    path.write_text(evidence_quoting("the notes really hold", "sources/notes.txt"))
    found = kg("validate", path, env={"KG_SOURCES": str(sources)})
    assert "The quotation is not in the capture" not in found.stdout
    path.write_text(evidence_quoting("the notes never said", "sources/notes.txt"))
    missing = kg("validate", path, env={"KG_SOURCES": str(sources)})
    assert "Violation: oa:exact: The quotation is not in the capture of" in missing.stdout
