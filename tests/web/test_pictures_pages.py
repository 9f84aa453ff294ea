"""The pictures' web pages and their JSON, through Starlette's TestClient on the ``kg serve``
application over the pictures' own fixture graph."""

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Namespace
from starlette.testclient import TestClient

from kg.graph import paths
from kg.pictures import network as network_module
from kg.pictures import timeline as timeline_module
from kg.web.app import create_app

FIXTURE = Path(__file__).parent.parent / "fixtures" / "pictures" / "data"
NKD = Namespace("https://w3id.org/nkdefectors/ontology#")
NK = Namespace("https://w3id.org/nkdefectors/id/")
TIME = Namespace("http://www.w3.org/2006/time#")


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(FIXTURE, workers=1)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def graph() -> Graph:
    graph = Graph()
    graph.parse(FIXTURE / "kei-peninsula-2024-09-03.ttl")
    graph.parse(Path(paths.ONTOLOGY_DIR) / "nkd.ttl")
    return graph


def events_of(answer: dict) -> dict[str, dict]:
    return {i["id"]: i for i in answer["items"] if i["className"].startswith("event")}


def dated_events(graph: Graph) -> set[str]:
    classes = set(graph.transitive_subjects(RDFS.subClassOf, NKD.Event)) | {NKD.Observation}
    return {
        str(s)
        for s, o in graph.subject_objects(RDF.type)
        if o in classes and (s, TIME.hasTime, None) in graph
    }


def test_timeline_json_has_every_dated_event_at_its_precision(client, graph):
    answer = client.get("/timeline.json").json()
    events = events_of(answer)
    assert set(events) == dated_events(graph)
    thae = events[str(NK["defection-thae-yong-ho"])]
    assert (thae["start"], thae["end"], thae["type"]) == (
        "2016-01-01T00:00:00",
        "2017-01-01T00:00:00",
        "range",
    )
    assert thae["group"] == str(NK["thae-yong-ho"])
    ri = events[str(NK["defection-ri-il-kyu"])]
    assert (ri["start"], ri["end"]) == ("2023-11-01T00:00:00", "2023-12-01T00:00:00")
    assert "approximate" in ri["className"] and ri["when"]["approximation"] == "late November"
    assert "He slipped away from the embassy in late November 2023." in ri["quotations"]
    interview = events[str(NK["disclosure-ri-il-kyu-interview"])]
    assert interview["type"] == "point" and "end" not in interview
    assert {u["id"] for u in answer["undated"]} == {
        str(s)
        for s in graph.subjects(RDF.type, None)
        if (s, TIME.hasTime, None) not in graph
        and graph.value(s, RDF.type) in set(graph.transitive_subjects(RDFS.subClassOf, NKD.Event))
    }
    assert answer["sampled"] is False


def test_timeline_filtered_by_person(client):
    answer = client.get("/timeline.json", params={"person": "nk:ri-il-kyu"}).json()
    assert set(events_of(answer)) == {
        str(NK["defection-ri-il-kyu"]),
        str(NK["disclosure-ri-il-kyu-interview"]),
    }
    assert [g["id"] for g in answer["groups"]] == [str(NK["ri-il-kyu"])]


def test_timeline_filtered_by_period(client):
    everything = events_of(client.get("/timeline.json").json())
    answer = client.get("/timeline.json", params={"from": "2019", "to": "2019"}).json()
    start, end = datetime(2019, 1, 1), datetime(2020, 1, 1)
    expected = {
        iri
        for iri, item in everything.items()
        if datetime.fromisoformat(item["start"]) < end
        and datetime.fromisoformat(item.get("end", item["start"])) >= start
    }
    assert set(events_of(answer)) == expected
    assert str(NK["execution-han-song-ryol"]) in expected
    assert str(NK["defection-thae-yong-ho"]) not in expected


def test_timeline_filtered_by_source(client):
    answer = client.get("/timeline.json", params={"source": "kei-peninsula-2024-09-03"}).json()
    assert len(events_of(answer)) == len(events_of(client.get("/timeline.json").json()))


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"source": "nope"}, "no source named 'nope'"),
        ({"from": "last year"}, "years are whole numbers"),
    ],
)
def test_bad_filters_are_a_400_with_one_message(client, params, message):
    response = client.get("/timeline.json", params=params)
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_an_unfiltered_timeline_of_a_large_graph_says_it_is_a_sample(client, monkeypatch):
    monkeypatch.setattr(timeline_module, "SAMPLE_SIZE", 5)
    answer = client.get("/timeline.json").json()
    assert answer["sampled"] is True and answer["shown"] == 5 and answer["total"] > 5
    assert len(events_of(answer)) == 5
    filtered = client.get("/timeline.json", params={"person": "nk:thae-yong-ho"}).json()
    assert filtered["sampled"] is False


def test_network_json_of_a_focus(client):
    answer = client.get("/network.json", params={"focus": "nk:ri-il-kyu"}).json()
    assert {n["id"].rsplit("/", 1)[-1] for n in answer["nodes"]} == {
        "ri-il-kyu",
        "defection-ri-il-kyu",
        "disclosure-ri-il-kyu-interview",
        "interviews-ri-il-kyu-press",
        "embassy-dprk-havana",
        "family-ri-il-kyu",
    }
    kinds = {n["id"].rsplit("/", 1)[-1]: n["kind"] for n in answer["nodes"]}
    assert kinds["embassy-dprk-havana"] == "mission" and kinds["ri-il-kyu"] == "person"
    assert client.get("/network.json", params={"focus": "nk:nobody"}).status_code == 400


def test_an_unfocused_network_of_a_large_graph_says_it_is_a_sample(client, monkeypatch):
    monkeypatch.setattr(network_module, "SAMPLE_SIZE", 10)
    answer = client.get("/network.json").json()
    assert answer["sampled"] is True and 1 < answer["shown"] <= 10 and answer["total"] == 75
    assert len(answer["nodes"]) == answer["shown"]


def test_model_page_has_a_node_per_class(client, graph):
    classes = {s for s in graph.subjects(RDF.type, OWL.Class) if str(s).startswith(str(NKD))}
    page = client.get("/model").text
    assert page.count('id="class:nkd:') == len(classes)
    assert client.get("/model.svg").headers["content-type"] == "image/svg+xml"
    assert len(client.get("/model.json").json()["classes"]) == len(classes)


def test_pages_load_only_vendored_scripts(client):
    for path in ("/timeline", "/network", "/model"):
        page = client.get(path)
        assert page.status_code == 200
        sources = re.findall(r'<(?:script|link)[^>]* (?:src|href)="([^"]+)"', page.text)
        assert sources
        assert all(s.startswith(("/static/", "data:")) for s in sources), sources
    for script in (
        "/static/vendor/vis-timeline-8.5.4/vis-timeline-graph2d.min.js",
        "/static/vendor/vis-network-10.1.5/vis-network.min.js",
        "/static/pictures/timeline.js",
        "/static/pictures/network.js",
    ):
        assert client.get(script).status_code == 200
