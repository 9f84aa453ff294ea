"""The W3C SPARQL 1.1 Protocol test suite (tests/fixtures/web/w3c-protocol), read from its
manifest and sent to /sparql as written.

Every query test and every ``bad_*`` test runs as the manifest states it. The ``update_*``
tests ask for an update to succeed; this endpoint is read-only, so their update requests must
be refused with 403 (the ASK that would check the update's effect is not sent).
"""

import io
import json
from pathlib import Path

import pytest
from rdflib import Graph, Namespace
from rdflib.collection import Collection
from rdflib.namespace import RDF
from rdflib.query import Result

from tests.web.conftest import PROTOCOL_DATA

SUITE = Path(__file__).parent.parent / "fixtures" / "web" / "w3c-protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")

MANIFEST = Graph().parse(SUITE / "manifest.ttl")
ENTRIES = list(
    Collection(MANIFEST, MANIFEST.value(next(MANIFEST.subjects(RDF.type, MF.Manifest)), MF.entries))
)


def requests_of(entry):
    action = MANIFEST.value(entry, MF.action)
    return list(Collection(MANIFEST, MANIFEST.value(action, HT.requests)))


def name_of(entry) -> str:
    return str(entry).rpartition("#")[2]


@pytest.fixture(scope="module")
def protocol_client(make_client_module):
    return make_client_module


@pytest.fixture(scope="module")
def make_client_module():
    from starlette.testclient import TestClient

    from kg.web.app import create_app

    with TestClient(create_app(PROTOCOL_DATA, timeout=20)) as client:
        yield client


def send(client, request):
    method = str(MANIFEST.value(request, HT.methodName))
    path = str(MANIFEST.value(request, HT.absolutePath)).replace("/sparql/", "/sparql", 1)
    headers = {}
    header_list = MANIFEST.value(request, HT.headers)
    if header_list is not None:
        for header in Collection(MANIFEST, header_list):
            headers[str(MANIFEST.value(header, HT.fieldName))] = str(
                MANIFEST.value(header, HT.fieldValue)
            )
    body = MANIFEST.value(request, HT.body)
    content = None
    if body is not None:
        encoding = str(MANIFEST.value(body, CNT.characterEncoding) or "UTF-8")
        content = str(MANIFEST.value(body, CNT.chars)).encode(encoding)
    # An absent content-type must stay absent: httpx adds none for raw bytes.
    return client.request(method, path, content=content, headers=headers)


def status_classes(response_node) -> set[str]:
    return {str(s).rpartition("#")[2] for s in MANIFEST.objects(response_node, MF.expectedStatus)}


def read_results(response) -> Result:
    media_type = response.headers["content-type"].split(";")[0]
    kind = {"application/sparql-results+json": "json", "application/sparql-results+xml": "xml"}
    return Result.parse(io.BytesIO(response.content), format=kind[media_type])


def test_the_manifest_is_read_whole():
    assert len(ENTRIES) == 34
    assert all(requests_of(entry) for entry in ENTRIES)


@pytest.mark.parametrize("entry", ENTRIES, ids=name_of)
def test_w3c_protocol(protocol_client, entry):
    requests = requests_of(entry)
    if name_of(entry).startswith("update_"):
        response = send(protocol_client, requests[0])
        assert response.status_code == 403, response.text
        return
    for request in requests:
        response = send(protocol_client, request)
        expected = MANIFEST.value(request, HT.resp)
        status = f"StatusCode{response.status_code // 100}xx"
        assert status in status_classes(expected), (response.status_code, response.text)
        form = MANIFEST.value(expected, MF.expectedFormat)
        if form is None:
            continue
        if str(form) == "RDF":
            media_type = response.headers["content-type"].split(";")[0]
            Graph().parse(data=response.content, format=media_type)
            continue
        result = read_results(response)
        assert result.type == ("ASK" if str(form) == "boolean" else "SELECT")
        boolean = MANIFEST.value(expected, MF.expectedBoolean)
        if boolean is not None:
            assert result.askAnswer is boolean.toPython()
        if result.type == "SELECT":
            assert json.loads(response.content)["results"]["bindings"] == [
                {
                    "value": {
                        "type": "literal",
                        "value": "1",
                        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
                    }
                }
            ]
