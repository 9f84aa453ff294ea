"""/validate: the report kg validate gives, as a page, for pasted or uploaded Turtle."""

import json
import re
from html import unescape
from pathlib import Path

from tests.web.conftest import ARTICLE_DATA

NEW = Path(__file__).parent.parent / "fixtures" / "cli" / "new"


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def expected_report(kg, path: Path) -> dict:
    result = kg("validate", str(path), "--format", "json")
    return json.loads(result.output)


def test_a_pasted_file_gets_kg_validates_findings_node_by_node(client, kg):
    path = NEW / "violations.ttl"
    response = client.post("/validate", data={"turtle": path.read_text()})
    assert response.status_code == 200
    text = text_of(response.text)
    report = expected_report(kg, path)
    assert report["violations"] == 4
    assert "4 violations, 0 warnings in 1 of 1 new nodes" in text
    for node in report["nodes"]:
        assert node["focus"] in text
        assert f"pasted.ttl:{node['line']}" in text
        for finding in node["findings"]:
            assert f"{finding['severity']}: {finding['path']}: {finding['message']}" in text


def test_an_uploaded_file_is_named_by_its_name(client):
    path = NEW / "violations.ttl"
    response = client.post(
        "/validate",
        files={"file": ("my-facts.ttl", path.read_bytes(), "text/turtle")},
    )
    assert "my-facts.ttl:9" in text_of(response.text)


def test_a_conforming_file_says_so(client, kg):
    path = NEW / "disclosure-ri-il-kyu.ttl"
    report = expected_report(kg, path)
    response = client.post("/validate", data={"turtle": path.read_text()})
    text = text_of(response.text)
    assert report["violations"] == 0
    assert f"{report['checked']} new nodes checked" in text or "warning" in text


def test_the_report_links_the_existing_nodes_a_new_node_refers_to(client):
    turtle = (NEW / "violations.ttl").read_text()
    html = client.post("/validate", data={"turtle": turtle}).text
    assert 'href="/id/defection-ri-il-kyu"' in html
    assert 'href="/id/robert-r-king"' in html
    # The misspelt reference is not a node of the graph: no link to a page that is not there.
    assert 'href="/id/ri-il-kyoo"' not in html


def test_unreadable_turtle_is_one_message_naming_the_line(client):
    response = client.post("/validate", data={"turtle": "@prefix nk: <x> .\nnk:a nk:b ."})
    assert response.status_code == 400
    text = text_of(response.text)
    assert "pasted.ttl:2" in text
    assert "/tmp" not in text and "kg-validate-" not in text


def test_the_get_form_validates_nothing(client):
    response = client.get("/validate")
    assert response.status_code == 200
    assert '<textarea name="turtle"' in response.text
    assert 'class="report"' not in response.text


def test_nothing_is_written_to_the_data_folder(client, snapshot):
    before = snapshot(ARTICLE_DATA)
    client.post("/validate", data={"turtle": (NEW / "disclosure-ri-il-kyu.ttl").read_text()})
    assert snapshot(ARTICLE_DATA) == before
