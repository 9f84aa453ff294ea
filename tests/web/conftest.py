"""Fixtures of the web tests: the application in this process (Starlette's TestClient) on a
test-owned data folder, and a real ``kg serve`` process on an ephemeral loopback port."""

import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from kg.web.app import create_app

ARTICLE_DATA = Path(__file__).parent.parent / "fixtures" / "cli" / "data"
PROTOCOL_DATA = Path(__file__).parent.parent / "fixtures" / "web" / "protocol-data"


@pytest.fixture(scope="session")
def client() -> Iterator[TestClient]:
    """The application on the article's graph, shared by the tests that only read."""
    with TestClient(create_app(ARTICLE_DATA, timeout=20)) as test_client:
        yield test_client


@pytest.fixture
def make_client():
    """An application of one's own: ``make_client(data_dir, timeout=…, max_rows=…)``."""
    opened = []

    def make(data_dir: Path = ARTICLE_DATA, **options) -> TestClient:
        test_client = TestClient(create_app(data_dir, **options))
        opened.append(test_client.__enter__())
        return opened[-1]

    yield make
    for test_client in opened:
        test_client.__exit__(None, None, None)


@pytest.fixture(scope="session")
def served() -> Iterator[str]:
    """``python -m kg serve --port 0`` on the article's graph: its base URL. Stopped by PID."""
    yield from serve_process(ARTICLE_DATA)


def serve_process(data_dir: Path, *options: str) -> Iterator[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "--data", str(data_dir), "serve", "--port", "0", *options],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        line = process.stderr.readline()
        match = re.search(r"at (http://127\.0\.0\.1:\d+)/", line)
        assert match, f"kg serve did not start: {line}"
        # Read whatever else it writes, so that a full pipe never blocks the server.
        threading.Thread(target=process.stderr.read, daemon=True).start()

        yield match.group(1)
    finally:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
