"""Fixtures shared by the test modules."""

import socketserver
import threading

import pytest
from rdflib import Dataset

from kg.graph.load import load_dataset


@pytest.fixture(scope="session")
def article_dataset() -> Dataset:
    """The project's graph as the ``kg`` command loads it: data, ontology and shapes.

    Loaded once per session; tests must not modify it.
    """
    return load_dataset()


@pytest.fixture
def listener():
    """A loopback HTTP listener that records every request it receives and answers 404:
    the tests that use it prove that nothing is fetched unless the user allows it."""
    hits: list[bytes] = []

    class Handler(socketserver.BaseRequestHandler):
        def handle(self):
            hits.append(self.request.recv(4096))
            self.request.sendall(b"HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n")

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()
