"""Real triple stores for the tests: an Oxigraph server and a Virtuoso, each started once per
test session by the project's own scripts on a free loopback port in a temp dir, and stopped
by PID (and the dir removed) when the session ends, whether the tests passed or not.

A store that is not installed skips its tests with a message saying what is missing, except
in CI (``CI=true``), where ``.ci/run`` installs both and a missing store is a failure.
"""

import os
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts" / "stores"
OXIGRAPH = Path(sys.executable).parent / "oxigraph"
VIRTUOSO_INI = Path("/usr/share/virtuoso-opensource-7/virtuoso.ini")
START_TIMEOUT = 120


@dataclass(frozen=True)
class RunningStore:
    flavour: str
    url: str
    directory: Path
    pid: int
    user: str | None = None
    password: str | None = None


def free_ports(count: int) -> list[int]:
    """Distinct TCP ports on 127.0.0.1 that nothing listens on (the kernel's choice); the
    probes stay open until all are chosen so that the kernel cannot hand out one twice."""
    probes = [socket.socket(socket.AF_INET, socket.SOCK_STREAM) for _ in range(count)]
    try:
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [probe.getsockname()[1] for probe in probes]
    finally:
        for probe in probes:
            probe.close()


def missing(what: str) -> None:
    message = f"{what}: run `bash scripts/stores/install.sh`"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI must run every store test)")
    pytest.skip(message)


def stop(directory: Path) -> None:
    subprocess.run(["bash", str(SCRIPTS / "stop.sh"), str(directory)], check=False, timeout=60)
    shutil.rmtree(directory, ignore_errors=True)


def start(flavour: str, script: str, directory: Path, *ports: int, **login: str) -> RunningStore:
    """Run a start script; if the store does not come up, clean up and fail with its log."""
    environment = dict(os.environ, OXIGRAPH=str(OXIGRAPH))
    try:
        started = subprocess.run(
            ["bash", str(SCRIPTS / script), str(directory), *map(str, ports)],
            capture_output=True,
            text=True,
            timeout=START_TIMEOUT,
            env=environment,
        )
    except subprocess.TimeoutExpired:
        stop(directory)
        pytest.fail(f"{script} did not return within {START_TIMEOUT} s")
    if started.returncode != 0:
        stop(directory)
        pytest.fail(f"{script} failed: {started.stderr.strip()}")
    pid = int((directory / f"{flavour}.pid").read_text())
    return RunningStore(flavour, started.stdout.strip(), directory, pid, **login)


@pytest.fixture(scope="session")
def oxigraph_store(tmp_path_factory):
    """An Oxigraph server with --union-default-graph on a free loopback port."""
    if not OXIGRAPH.exists():
        missing(f"no Oxigraph server at {OXIGRAPH} (the `oxigraph` package)")
    directory = tmp_path_factory.mktemp("oxigraph")
    store = start("oxigraph", "start-oxigraph.sh", directory, *free_ports(1))
    yield store
    stop(directory)


@pytest.fixture(scope="session")
def virtuoso_store(tmp_path_factory):
    """A fresh Virtuoso database (login dba/dba), both ports free ones on loopback."""
    if shutil.which("virtuoso-t") is None or not VIRTUOSO_INI.exists():
        missing("Virtuoso is not installed (Debian package virtuoso-opensource)")
    directory = tmp_path_factory.mktemp("virtuoso")
    store = start(
        "virtuoso",
        "start-virtuoso.sh",
        directory,
        *free_ports(2),
        user="dba",
        password="dba",
    )
    yield store
    stop(directory)


@pytest.fixture
def dead_store() -> RunningStore:
    """A store URL on a loopback port where nothing listens."""
    (port,) = free_ports(1)
    return RunningStore("oxigraph", f"http://127.0.0.1:{port}", Path("."), 0)


@pytest.fixture
def silent_store():
    """A store URL on a loopback port that accepts connections and never answers."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    yield RunningStore("oxigraph", f"http://127.0.0.1:{listener.getsockname()[1]}", Path("."), 0)
    listener.close()


@pytest.fixture(scope="session", params=["oxigraph", "virtuoso"])
def store(request) -> RunningStore:
    """Each real store in turn."""
    return request.getfixturevalue(f"{request.param}_store")
