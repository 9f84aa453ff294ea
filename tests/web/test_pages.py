"""The pages for people, through Starlette's TestClient on the test-owned article graph; what
they must show is read from the fixture's files by rdflib, not from the server's own code."""

import re
from html.parser import HTMLParser

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF

from kg.graph import paths
from kg.sparql import catalogue
from tests.web.conftest import ARTICLE_DATA

NK = "https://w3id.org/nkdefectors/id/"
QUOTE = "He slipped away from the embassy in late November 2023."


class Links(HTMLParser):
    """The href of every link, and the src of every script, of a page."""

    def __init__(self, html: str):
        super().__init__()
        self.hrefs: list[str] = []
        self.sources: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and "href" in attributes:
            self.hrefs.append(attributes["href"])
        if tag in ("script", "link", "img"):
            self.sources.append(attributes.get("src") or attributes.get("href") or "")


def text_of(html: str) -> str:
    from html import unescape

    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.fixture(scope="module")
def article() -> Graph:
    return Graph().parse(ARTICLE_DATA / "kei-peninsula-2024-09-03.ttl")


def test_home_shows_counts_queries_and_sources(client, article):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    text = text_of(response.text)
    persons = len(
        set(article.subjects(RDF.type, URIRef("https://w3id.org/nkdefectors/ontology#Person")))
    )
    assert f"nkd:Person {persons}" in text
    for query in catalogue.catalogue():
        assert f"/queries/{query.name}" in Links(response.text).hrefs
    assert "Senior North Korean Officials Who Successfully Defect" in text
    assert "/id/source-kei-peninsula-2024-09-03" in Links(response.text).hrefs


@pytest.mark.parametrize("spelling", ["Ri Il-kyu", "ri il kyu", "Lee Il-gyu", "Il-kyu"])
def test_search_finds_a_person_by_any_spelling(client, spelling):
    response = client.get("/search", params={"q": spelling})
    assert response.status_code == 200
    assert "/id/ri-il-kyu" in Links(response.text).hrefs


def test_search_finds_organisations_and_places(client):
    hrefs = Links(client.get("/search", params={"q": "havana"}).text).hrefs
    assert "/id/embassy-dprk-havana" in hrefs and "/id/havana" in hrefs
    assert "/id/ri-il-kyu" not in hrefs


def test_a_persons_page_shows_each_fact_with_its_evidence(client, article):
    response = client.get("/id/ri-il-kyu", headers={"Accept": "text/html"})
    assert response.status_code == 200
    text = text_of(response.text)
    assert QUOTE in text
    assert "late November 2023 (to the month)" in text
    assert "Certainty stated" in text and "Asserted by Robert R. King" in text
    assert "https://w3id.org/nkdefectors/graph/kei-peninsula-2024-09-03" in text
    hrefs = Links(response.text).hrefs
    assert "/id/source-kei-peninsula-2024-09-03" in hrefs
    # Every fact that refers to him in the file is on his page.
    facts = {s for s, p, o in article.triples((None, None, URIRef(NK + "ri-il-kyu")))}
    for fact in facts:
        assert "/id/" + fact.removeprefix(NK) in hrefs


def test_a_page_groups_facts_by_kind(client):
    html = client.get("/id/ri-il-kyu").text
    headings = re.findall(r"<h3>([^<]+)</h3>", html)
    assert "defection" in headings and "posting" in headings


def test_a_page_shows_inbound_references(client):
    text = text_of(client.get("/id/havana").text)
    assert "Referred to by" in text and "North Korean embassy in Havana" in text


@pytest.mark.parametrize(
    "media_type, parser",
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
    ],
)
def test_a_node_in_rdf_by_accept_is_its_triples_and_its_evidences(
    client, article, media_type, parser
):
    node = URIRef(NK + "defection-ri-il-kyu")
    response = client.get("/id/defection-ri-il-kyu", headers={"Accept": media_type})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    assert response.headers["vary"] == "Accept"
    expected = Graph()
    for triple in article.triples((node, None, None)):
        expected.add(triple)
    for evidence in article.objects(node, URIRef("https://w3id.org/nkdefectors/ontology#evidence")):
        for triple in article.triples((evidence, None, None)):
            expected.add(triple)
    assert isomorphic(Graph().parse(data=response.content, format=parser), expected)


def test_an_unknown_node_is_404(client):
    assert client.get("/id/nobody").status_code == 404
    assert client.get("/id/nobody", headers={"Accept": "text/turtle"}).status_code == 404


def test_the_ontology_page_documents_every_class_and_property(client):
    ontology = Graph()
    for path in paths.ontology_files():
        ontology.parse(path)
    html = client.get("/ontology").text
    ids = set(re.findall(r'id="([^"]+)"', html))
    namespace = "https://w3id.org/nkdefectors/ontology#"
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for term in ontology.subjects(RDF.type, kind):
            if str(term).startswith(namespace):
                assert str(term).removeprefix(namespace) in ids, term
    assert "vocab-certainty-stated" in ids


def test_the_queries_page_lists_every_saved_query(client):
    hrefs = Links(client.get("/queries").text).hrefs
    assert {f"/queries/{q.name}" for q in catalogue.catalogue()} <= set(hrefs)


def test_a_saved_query_is_a_form_with_its_parameters(client):
    html = client.get("/queries/facts-about-person").text
    assert '<select name="person">' in html
    assert "https://w3id.org/nkdefectors/id/ri-il-kyu" in html
    assert "Open in the editor" in html and any(
        h.startswith("/query?query=") for h in Links(html).hrefs
    )
    assert "SELECT ?fact ?type ?relation" in html


def test_running_a_saved_query_shows_kg_querys_rows_with_links(client, kg):
    expected = kg("query", "facts-about-person", "--format", "csv").stdout_bytes.decode()
    rows = len(expected.strip().splitlines()) - 1
    html = client.get("/queries/facts-about-person", params={"run": "1", "person": ""}).text
    assert f"{rows} rows" in text_of(html)
    assert html.count("<tr>") == rows + 1
    hrefs = Links(html).hrefs
    assert "/id/defection-ri-il-kyu" in hrefs
    for fmt in ("csv", "tsv", "json", "xml"):
        assert f"/sparql/facts-about-person?format={fmt}" in hrefs


def test_a_saved_query_with_a_bad_parameter_says_why(client):
    response = client.get(
        "/queries/facts-about-person", params={"run": "1", "person": "nobody here"}
    )
    assert response.status_code == 400
    assert "expects an IRI" in text_of(response.text)


def test_the_editor_loads_yasgui_from_this_server_only(client):
    html = client.get("/query").text
    sources = Links(html).sources
    assert "/static/vendor/yasgui/yasgui.min.js" in sources
    # Our own files, and the empty icon written in the page (data:,), which fetches nothing.
    assert all(s.startswith("/static/") or s == "data:," for s in sources), sources
    for path in (
        "/static/vendor/yasgui/yasgui.min.js",
        "/static/vendor/yasgui/yasgui.min.css",
        "/static/editor.js",
        "/static/style.css",
    ):
        assert client.get(path).status_code == 200, path


def test_every_page_sends_a_content_security_policy(client):
    for path in (
        "/",
        "/id/ri-il-kyu",
        "/ontology",
        "/queries",
        "/query",
        "/validate",
        "/search?q=ri",
        "/id/nobody",
        "/sparql",
    ):
        policy = client.get(path).headers["content-security-policy"]
        assert "script-src 'self'" in policy and "default-src 'self'" in policy


def test_a_saved_query_that_counts_shows_its_chart(make_client, article_alone):
    """The counts of the article's observations, read by rdflib from the fixture, are the bars
    of the chart on the query's page."""
    from kg.graph.load import load_dataset

    counts = sorted(
        int(row.n)
        for row in load_dataset(article_alone).query(
            "SELECT ?n WHERE { ?o nkd:measure nkv:measure-diplomatic-missions ; nkd:count ?n }"
        )
    )
    html = (
        make_client(article_alone)
        .get("/queries/diplomatic-missions-over-time", params={"run": "1"})
        .text
    )
    figure = re.search(r'<figure class="chart">(.*?)</figure>', html, re.DOTALL)
    assert figure, "no chart on the page"
    bars = re.findall(r'<g id="bar:\d+">', figure.group(1))
    assert len(bars) == len(counts) == 3
    shown = sorted(
        int(n) for n in re.findall(r">(\d+)</text>", figure.group(1)) if int(n) in counts
    )
    assert shown == counts


def test_a_saved_query_without_numbers_has_no_chart(client):
    html = client.get("/queries/facts-about-person", params={"run": "1", "person": ""}).text
    assert '<figure class="chart">' not in html
