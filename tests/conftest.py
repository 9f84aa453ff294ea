"""Fixtures shared by the test modules."""

import os
import shutil
import socketserver
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset

from kg.cli import cli
from kg.graph import paths
from kg.graph.load import load_dataset
from kg.graph.namespaces import keep_lexical_forms

FIXTURES = Path(__file__).parent / "fixtures"
# An extract of the article's graph about Ri Il-kyu, as the tests own it: commands run on it
# unless a test names another folder.
ARTICLE_DATA = FIXTURES / "cli" / "data"
# The article's whole graph, as the tests own it: the saved queries' expected answers are
# worked out over it, so that neither a new source nor an edit of data/ changes them.
ARTICLE_WHOLE = FIXTURES / "article" / "data"
ARTICLE_FILE = "kei-peninsula-2024-09-03.ttl"


@pytest.fixture(autouse=True)
def lexical_forms_kept():
    """Every test starts with rdflib keeping literals' lexical forms, as our commands do: a test
    that calls pySHACL directly leaves rdflib rewriting them."""
    keep_lexical_forms()


@pytest.fixture(scope="session")
def article_dataset() -> Dataset:
    """The test-owned article graph as the ``kg`` command loads it: data, ontology and shapes.

    Loaded once per session; tests must not modify it.
    """
    return load_dataset(ARTICLE_DATA)


@pytest.fixture(scope="session")
def article_alone(tmp_path_factory) -> Path:
    """A data folder holding the article's whole graph (tests/fixtures/article) and nothing
    else, copied so that the stores built beside it stay out of the repository. (The folder
    of ``ARTICLE_DATA`` is an extract about Ri Il-kyu, on which most saved queries have
    nothing to answer.)"""
    folder = tmp_path_factory.mktemp("article-alone") / "data"
    shutil.copytree(ARTICLE_WHOLE, folder)
    return folder


@pytest.fixture(scope="session")
def data_dataset() -> Dataset:
    """Whatever the data folder holds (``data/``, or ``KG_DATA``), with ontology and shapes:
    for the checks that every source in it is valid, never for expected answers.

    Loaded once per session; tests must not modify it.
    """
    return load_dataset(paths.data_dir())


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


@pytest.fixture(scope="session")
def kg():
    """Run ``kg`` in this process as a user types it: ``kg("query", "timeline")``.

    The data folder is the test-owned article graph unless ``data`` names another one
    (``data=None``: the command's own default); other keywords go to click's runner
    (``env=``, ``input=``)."""

    def run(*args: object, data: Path | None = ARTICLE_DATA, **invoke):
        argv = (["--data", str(data)] if data is not None else []) + [str(a) for a in args]
        return CliRunner().invoke(cli, argv, **invoke)

    return run


@pytest.fixture(scope="session")
def kg_process():
    """Run ``python -m kg`` as a separate process, for what only a real process shows (exit
    status, signals, output streams); the same ``data`` rule as ``kg``."""

    def run(
        *args: object,
        data: Path | None = ARTICLE_DATA,
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
    ) -> subprocess.CompletedProcess:
        argv = [sys.executable, "-m", "kg"] + (["--data", str(data)] if data is not None else [])
        return subprocess.run(
            [*argv, *[str(a) for a in args]],
            capture_output=True,
            text=True,
            cwd=cwd,
            env={**os.environ, **(env or {})},
        )

    return run


@pytest.fixture(scope="session")
def snapshot():
    """Every file below a folder (or those matching ``pattern``) with its bytes, to show that
    a command left the folder exactly as it was."""

    def take(folder: Path, pattern: str = "*") -> dict[str, bytes]:
        return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob(pattern))}

    return take
