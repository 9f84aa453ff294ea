"""The pictures' pages in a real headless Chromium, served by uvicorn on a loopback port:
they render with no console error, the expected number of marks is in the page, and a click
on an event shows its source's words. Screenshots go to the test's temporary folder."""

import shutil
import threading
import time
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import sync_playwright
from rdflib import OWL, RDF, Graph, Namespace

from kg.graph import paths
from kg.web.app import create_app

FIXTURE = Path(__file__).parent.parent / "fixtures" / "pictures" / "data"
NKD = Namespace("https://w3id.org/nkdefectors/ontology#")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def server():
    """kg serve's application on the pictures' fixture, on 127.0.0.1 at an ephemeral port;
    stopped after the module."""
    app = create_app(FIXTURE, workers=1)
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    port = running.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A page that records console errors and uncaught exceptions."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    yield page
    page.close()


def test_timeline_page_draws_every_dated_event(server, page, tmp_path):
    expected = len(
        [
            i
            for i in pictures_json(page, server, "/timeline.json")["items"]
            if "event" in i["className"]
        ]
    )
    page.goto(f"{server}/timeline")
    page.wait_for_selector(".vis-item.event")
    assert page.locator(".vis-item.event:not(.vis-dot)").count() == expected == 22
    assert page.locator("#undated li.undated").count() == 7
    assert page.locator("#sample-note").is_hidden()
    page.screenshot(path=tmp_path / "timeline.png", full_page=True)
    assert page.problems == []


def test_clicking_an_event_shows_its_quotation(server, page):
    page.goto(f"{server}/timeline?person=nk:ri-il-kyu")
    page.wait_for_selector(".vis-item.ev-defection-ri-il-kyu")
    assert page.locator(".vis-item.event:not(.vis-dot)").count() == 2
    assert page.locator("#details").is_hidden()
    page.locator(".vis-item.ev-defection-ri-il-kyu").click()
    quotations = page.locator("#details-quotations blockquote")
    quotations.first.wait_for()
    assert "He slipped away from the embassy in late November 2023." in " ".join(
        quotations.all_inner_texts()
    )
    assert "late November" in page.locator("#details-when").inner_text()
    assert page.problems == []


def test_network_page_draws_the_neighbourhood_and_expands(server, page, tmp_path):
    page.goto(f"{server}/network?focus=nk:ri-il-kyu")
    page.wait_for_selector("#node-list li.node")
    assert page.locator("#node-list li.node").count() == 6
    assert page.locator("#network canvas").count() == 1
    page.screenshot(path=tmp_path / "network.png", full_page=True)
    # A neighbour's link starts from that node and shows its own neighbourhood.
    page.get_by_role("link", name="North Korean embassy in Havana", exact=True).click()
    page.wait_for_url("**focus=**embassy-dprk-havana")
    page.wait_for_function("document.querySelectorAll('#node-list li.node').length > 0")
    embassy = pictures_json(page, server, "/network.json?focus=nk:embassy-dprk-havana")
    assert page.locator("#node-list li.node").count() == len(embassy["nodes"]) == 3
    assert page.problems == []


def test_an_unfocused_network_says_when_it_is_a_sample(server, page, monkeypatch):
    from kg.pictures import network as network_module

    monkeypatch.setattr(network_module, "SAMPLE_SIZE", 10)
    page.goto(f"{server}/network")
    page.wait_for_selector("#sample-note:not([hidden])")
    shown = page.locator("#node-list li.node").count()
    assert 1 < shown <= 10
    assert f"sample of {shown} of 75 nodes" in page.locator("#sample-note").inner_text()
    assert page.problems == []


def test_model_page_shows_a_node_per_class(server, page):
    ontology = Graph().parse(paths.ONTOLOGY_DIR / "nkd.ttl")
    classes = [c for c in ontology.subjects(RDF.type, OWL.Class) if str(c).startswith(str(NKD))]
    page.goto(f"{server}/model")
    assert page.locator('#model g.node[id^="class:"]').count() == len(classes)
    assert page.problems == []


def pictures_json(page, server: str, path: str) -> dict:
    return page.request.get(f"{server}{path}").json()
