"""`kg resident`: while a resident holds the graph in memory, `kg query` writes exactly the bytes
it writes from the store on disk (which the engine and store tests hold to rdflib, Virtuoso and
the rest); a resident that holds other files, has died or has stopped costs nothing but the
attempt; it stops by its PID, and when left idle."""

import json
import os
import shutil
import signal
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.sparql import catalogue as q
from kg.sparql import resident
from kg.sparql.resident_server import running_pid, term_from_ntriples

ARTICLE_WHOLE = Path(__file__).parent.parent / "fixtures" / "article" / "data"
SAVED_QUERIES = [saved.name for saved in q.catalogue()]
FORMATS = ["table", "csv", "tsv", "json", "xml"]
INLINE = {
    "construct": ["-e", "CONSTRUCT WHERE { nk:ri-il-kyu ?p ?o }", "--format", "nt"],
    "construct-default-format": ["-e", "CONSTRUCT WHERE { nk:ri-il-kyu ?p ?o }"],
    "ask": ["-e", "ASK { ?s a nkd:Person }", "--format", "csv"],
    "parameter": ["facts-about-person", "--param", "person=nk:thae-yong-ho", "--format", "json"],
    "blank-nodes": ["-e", "SELECT ?b ?p WHERE { ?b ?p ?o FILTER isBlank(?b) } LIMIT 20"],
    "unordered": ["-e", "SELECT ?s WHERE { ?s a nkd:Person }", "--format", "tsv"],
}
# Long enough for a copy of the article on a busy machine.
READY_WITHIN = 120


@pytest.fixture(scope="module", autouse=True)
def runtime_folder(tmp_path_factory):
    """The residents of these tests keep their sockets, PID files and logs in a folder of the
    tests' own, not in the user's (the commands these tests run inherit the variable)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_RUNTIME_DIR", str(tmp_path_factory.mktemp("runtime")))
        yield


def answered(data: Path) -> int:
    found = resident.status(data)
    assert found is not None, "no resident answers"
    return found["answered"]


def wait_for(condition, what: str, within: float = READY_WITHIN) -> None:
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, f"not within {within} s: {what}"
        time.sleep(0.1)


@pytest.fixture
def started(tmp_path, kg_process):
    """Start residents on copies of the article, each in its own folder; stop them all after."""
    folders = []

    def start(*options: str) -> Path:
        data = tmp_path / f"copy-{len(folders)}" / "data"
        shutil.copytree(ARTICLE_WHOLE, data)
        folders.append(data)
        begun = kg_process("resident", "start", *options, data=data)
        assert begun.returncode == 0, begun.stderr
        assert "holds" in begun.stdout and "quads" in begun.stdout
        return data

    yield start
    for data in folders:
        kg_process("resident", "stop", data=data)
        assert running_pid(resident.resident_files(data)[1]) is None


@pytest.fixture(scope="module")
def from_disk_and_memory(tmp_path_factory, kg):
    """Every answer of the tests below, from the store on disk and then from a resident."""
    from kg.sparql import resident_server

    data = tmp_path_factory.mktemp("resident") / "data"
    shutil.copytree(ARTICLE_WHOLE, data)
    cases = {f"{name} {fmt}": [name, "--format", fmt] for name in SAVED_QUERIES for fmt in FORMATS}
    cases.update(INLINE)
    disk = {case: kg("query", *args, data=data) for case, args in cases.items()}
    resident_server.start(data, idle_minutes=10)
    try:
        before = answered(data)
        memory = {case: kg("query", *args, data=data) for case, args in cases.items()}
        count = answered(data) - before
    finally:
        resident_server.stop(data)
    return disk, memory, count


@pytest.mark.parametrize(
    "case",
    [f"{name} {fmt}" for name in SAVED_QUERIES for fmt in FORMATS] + list(INLINE),
)
def test_a_resident_writes_the_bytes_the_store_on_disk_does(case, from_disk_and_memory):
    disk, memory, _ = from_disk_and_memory
    assert disk[case].exit_code == 0, disk[case].output
    assert memory[case].exit_code == 0, memory[case].output
    assert memory[case].stdout_bytes == disk[case].stdout_bytes
    assert memory[case].stdout_bytes.strip()


def test_the_resident_answered_every_one_of_them(from_disk_and_memory):
    _, memory, count = from_disk_and_memory
    assert count == len(memory)


@pytest.mark.parametrize(
    "text",
    [
        '"plain"',
        '"with \\"quotes\\", a tab\\t and a line\\n"',
        '"김정은"@ko',
        '"2019"^^<http://www.w3.org/2001/XMLSchema#gYear>',
        '"007"^^<http://www.w3.org/2001/XMLSchema#integer>',
        "<https://w3id.org/nkdefectors/id/ri-il-kyu>",
    ],
)
def test_a_parameter_crosses_to_the_resident_as_the_same_term(text):
    term = term_from_ntriples(text)
    assert str(term) == text
    assert term_from_ntriples(str(term)) == term


def test_a_blank_node_parameter_is_answered_from_disk(tmp_path):
    # A blank node names a node of one store only: the command does not send it.
    assert not resident.ask(tmp_path, "ASK {}", {"b": ox.BlankNode()}, {}, None, True, None)


def test_errors_read_as_they_do_from_disk(started, kg_process):
    data = started()
    memory = kg_process("query", "-e", "SELEC ?x WHERE {}", data=data)
    refused = kg_process("query", "-e", "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }")
    kg_process("resident", "stop", data=data)
    disk = kg_process("query", "-e", "SELEC ?x WHERE {}", data=data)
    assert memory.returncode == disk.returncode == 2
    assert memory.stderr == disk.stderr
    assert memory.stderr.startswith("kg: error: -e:1:1: syntax error")
    assert refused.returncode == 2 and "--allow-network" in refused.stderr


def test_changed_files_are_answered_from_disk_until_the_resident_holds_them(started, kg_process):
    data = started()
    (data / "added.ttl").write_text(
        "@prefix nk: <https://w3id.org/nkdefectors/id/> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        'nk:added-person skos:prefLabel "Added Person"@en .\n',
        encoding="utf-8",
    )
    question = ["query", "-e", "SELECT ?name WHERE { nk:added-person skos:prefLabel ?name }"]
    before = answered(data)
    first = kg_process(*question, data=data)
    assert first.returncode == 0 and "Added Person" in first.stdout
    assert answered(data) == before  # from disk: the resident held the files as they were

    from kg.graph.store import store_path

    wait_for(lambda: resident.status(data)["state"] == store_path(data).name, "the reload")
    again = kg_process(*question, data=data)
    assert again.stdout == first.stdout
    assert answered(data) == before + 1
    status = kg_process("resident", "status", data=data)
    assert "holds the files as they are" in status.stdout


def test_a_killed_resident_costs_nothing_and_a_new_one_takes_its_place(started, kg_process):
    data = started()
    pid = resident.status(data)["pid"]
    os.kill(pid, signal.SIGKILL)
    wait_for(lambda: running_pid(resident.resident_files(data)[1]) is None, "the kill")
    assert resident.resident_files(data)[0].exists()  # the socket it could not remove
    answer = kg_process("query", "defections-by-diplomats", "--format", "csv", data=data)
    assert answer.returncode == 0 and answer.stdout.count("\n") > 1, answer.stderr
    assert "none holds" in kg_process("resident", "status", data=data).stdout
    again = kg_process("resident", "start", data=data)
    assert again.returncode == 0, again.stderr
    assert resident.status(data)["pid"] != pid


def test_start_twice_keeps_one_resident_and_stop_ends_it_by_pid(started, kg_process):
    data = started()
    pid = resident.status(data)["pid"]
    assert f"pid {pid} " in kg_process("resident", "start", data=data).stdout
    stopped = kg_process("resident", "stop", data=data)
    assert stopped.stdout.strip() == f"kg resident: stopped pid {pid}"
    assert running_pid(resident.resident_files(data)[1]) is None
    assert not resident.resident_files(data)[0].exists()
    assert "none held" in kg_process("resident", "stop", data=data).stdout


def test_a_resident_left_idle_stops_by_itself(started):
    data = started("--idle", "0.02")  # 1.2 s
    pid_file = resident.resident_files(data)[1]
    wait_for(lambda: running_pid(pid_file) is None, "the idle stop", within=60)
    assert not resident.resident_files(data)[0].exists()
    log = resident.resident_files(data)[2].read_text()
    assert "no query for 0.02 minutes" in log


def test_infer_reads_the_closure_on_disk(started, kg_process):
    data = started()
    before = answered(data)
    inferred = kg_process("query", "--infer", "-e", "ASK { nk:ri-il-kyu a nkd:Agent }", data=data)
    assert inferred.returncode == 0 and inferred.stdout.strip() in ("true", "false")
    assert answered(data) == before


def test_status_says_what_the_resident_holds(started, kg_process):
    data = started()
    shown = kg_process("resident", "status", data=data).stdout.splitlines()
    quads = resident.status(data)["quads"]
    assert shown[0].startswith(f"kg resident: pid {resident.status(data)['pid']} holds {quads:,}")
    assert shown[1:] == ["  holds the files as they are", "  answered 0 queries"]
    assert quads > 5000
    assert json.loads(json.dumps(resident.status(data)))["data"] == str(data)


def test_no_resident_means_no_attempt(tmp_path):
    assert not resident.ask(tmp_path, "ASK {}", {}, {}, None, True, None)
    assert resident.status(tmp_path) is None


def test_an_unusable_runtime_folder_leaves_kg_query_as_it_was(tmp_path, kg_process):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    answer = kg_process("query", "defections-by-diplomats", env={"XDG_RUNTIME_DIR": str(blocked)})
    assert answer.returncode == 0, answer.stderr
    assert "Ri Il-kyu" in answer.stdout
    refused = kg_process("resident", "start", env={"XDG_RUNTIME_DIR": str(blocked)})
    assert refused.returncode == 2
    assert refused.stderr.startswith("kg: error: ") and refused.stderr.count("\n") == 1
