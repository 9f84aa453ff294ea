"""The server notices when the data files change and answers from the new store."""

import shutil

from kg.web.live_store import LiveStore
from tests.web.conftest import ARTICLE_DATA

NEW_PERSON = """
@prefix nkd: <https://w3id.org/nkdefectors/ontology#> .
@prefix nk: <https://w3id.org/nkdefectors/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
nk:kim-new a nkd:Person ; skos:prefLabel "Kim New"@en .
"""


def copy_of_article(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ARTICLE_DATA, data)
    return data


def test_a_changed_file_opens_the_new_store(tmp_path):
    data = copy_of_article(tmp_path)
    live = LiveStore(data, interval=0)
    first = live.current()
    assert live.current() is first
    (data / "more.ttl").write_text(NEW_PERSON)
    second = live.current()
    assert second.path != first.path
    assert second.names.persons_matching(["Kim New"]) == {
        "<https://w3id.org/nkdefectors/id/kim-new>"
    }


def test_the_store_is_looked_at_once_per_interval(tmp_path):
    data = copy_of_article(tmp_path)
    live = LiveStore(data, interval=3600)
    first = live.current()
    (data / "more.ttl").write_text(NEW_PERSON)
    assert live.current() is first


def test_pages_and_queries_follow_the_data(make_client, tmp_path):
    data = copy_of_article(tmp_path)
    client = make_client(data)
    client.app.state.server.live.interval = 0
    assert client.get("/id/kim-new").status_code == 404
    (data / "more.ttl").write_text(NEW_PERSON)
    assert client.get("/id/kim-new").status_code == 200
    ask = client.get(
        "/sparql",
        params={"query": "ASK { ?p <http://www.w3.org/2004/02/skos/core#prefLabel> 'Kim New'@en }"},
    )
    assert ask.json()["boolean"] is True
    assert "/id/kim-new" in client.get("/search", params={"q": "kim new"}).text
