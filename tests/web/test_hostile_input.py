"""Hostile input: markup in the data or in a pasted file, paths that climb out of /static,
bodies past the limit, and a server that must never write to its data folder."""

import re
import shutil

import pytest

from kg.web.validate_page import MAX_BYTES
from tests.web.conftest import ARTICLE_DATA

SCRIPT = "<script>alert('owned')</script>"
MARKED_UP = f"""
@prefix nkd: <https://w3id.org/nkdefectors/ontology#> .
@prefix nk: <https://w3id.org/nkdefectors/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

nk:mallory a nkd:Person ;
    rdfs:label "{SCRIPT}"@en ;
    skos:prefLabel "Mallory \\"><img src=x onerror=alert(1)>"@en .
"""


def test_a_script_in_a_pasted_file_is_shown_as_text(client):
    response = client.post("/validate", data={"turtle": MARKED_UP})
    assert response.status_code == 200
    assert SCRIPT not in response.text
    assert "<img src=x" not in response.text
    assert "&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;" in response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_a_script_in_the_data_is_shown_as_text_on_every_page(make_client, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ARTICLE_DATA, data)
    (data / "mallory.ttl").write_text(MARKED_UP)
    client = make_client(data)
    for path in ("/id/mallory", "/search?q=script", "/search?q=mallory", "/"):
        html = client.get(path).text
        assert SCRIPT not in html, path
        assert "<img src=x" not in html, path
    assert "&lt;script&gt;" in client.get("/id/mallory").text
    search = client.get("/search", params={"q": SCRIPT}).text
    assert SCRIPT not in search and "&lt;script&gt;" in search


@pytest.mark.parametrize(
    "path",
    [
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/..%2fapp.py",
        "/static/%2e%2e%2f%2e%2e%2fcli.py",
        "/static/vendor/../../app.py",
        "/static//etc/passwd",
        "/static/%2fetc%2fpasswd",
    ],
)
def test_static_files_do_not_climb_out_of_their_folder(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "create_app" not in response.text and "root:" not in response.text


def test_a_body_past_the_limit_is_413(client):
    response = client.post("/validate", data={"turtle": "#" * (MAX_BYTES + 1)})
    assert response.status_code == 413
    upload = client.post(
        "/validate", files={"file": ("big.ttl", b"#" * (MAX_BYTES + 1), "text/turtle")}
    )
    assert upload.status_code == 413


def test_a_body_without_length_past_the_limit_is_413(client):
    def chunks():
        for _ in range(MAX_BYTES // 65536 + 2):
            yield b"turtle=" + b"a" * 65536

    response = client.post(
        "/validate",
        content=chunks(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 413


def test_a_query_past_the_endpoints_limit_is_413(client):
    response = client.post(
        "/sparql",
        content=b"#" * (1024 * 1024 + 1),
        headers={"Content-Type": "application/sparql-query"},
    )
    assert response.status_code == 413


def test_serving_every_route_leaves_the_data_folder_as_it_was(make_client, tmp_path, snapshot):
    data = tmp_path / "data"
    shutil.copytree(ARTICLE_DATA, data)
    before = snapshot(data)
    client = make_client(data)
    for path in (
        "/",
        "/id/ri-il-kyu",
        "/ontology",
        "/queries",
        "/queries/timeline?run=1",
        "/query",
        "/validate",
        "/search?q=ri",
        "/sparql?query=ASK{}",
        "/sparql/timeline",
    ):
        assert client.get(path).status_code == 200, path
    client.post("/validate", data={"turtle": MARKED_UP})
    client.post("/sparql", data={"update": "DROP ALL"})
    client.get("/id/ri-il-kyu", headers={"Accept": "text/turtle"})
    assert snapshot(data) == before
    assert not re.search(r"\.tmp|\.lock", " ".join(before))


@pytest.mark.parametrize(
    "name", ["a%20b", "%3Cscript%3Ealert(1)%3C/script%3E", "a%22b", "a%7Bb%7D"]
)
def test_a_node_name_that_is_no_iri_is_404_and_shown_as_text(client, name):
    page = client.get(f"/id/{name}")
    assert page.status_code == 404
    assert "<script>alert" not in page.text
    assert client.get(f"/id/{name}", headers={"Accept": "text/turtle"}).status_code == 404
