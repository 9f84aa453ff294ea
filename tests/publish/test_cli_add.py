"""`kg add` through the real command: all or nothing, appended as one deterministic block,
idempotent, atomic under a lock — including real processes killed mid-write."""

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.graph.namespaces import NKD

FIXTURES = Path(__file__).parents[1] / "fixtures" / "cli"
DATA = FIXTURES / "data"
NEW = FIXTURES / "new"
CONFORMING = NEW / "disclosure-ri-il-kyu.ttl"
VIOLATIONS = NEW / "violations.ttl"
DUPLICATE = NEW / "duplicate-person.ttl"
WARNING_ONLY = NEW / "unused-evidence.ttl"
SOURCE = "nk:source-kei-peninsula-2024-09-03"
GRAPH_IRI = "https://w3id.org/nkdefectors/graph/kei-peninsula-2024-09-03"
FILE_NAME = "kei-peninsula-2024-09-03.ttl"

EXPECTED_BLOCK = """
# Added with kg add from disclosure-ri-il-kyu.ttl

nk:date-2024-07-16 a nkd:DateInstant ;
    rdfs:label "July 16, 2024"@en ;
    nkd:earliest "2024-07-16T00:00:00"^^xsd:dateTime ;
    nkd:latest "2024-07-16T23:59:59"^^xsd:dateTime ;
    time:inXSDDate "2024-07-16"^^xsd:date ;
    time:unitType time:unitDay .

nk:disclosure-ri-il-kyu-interview a nkd:Disclosure ;
    rdfs:label "publication of an interview with Ri Il-kyu, making his presence in Seoul public"@en ;
    dcterms:source nk:source-kei-peninsula-2024-09-03 ;
    nkd:assertedBy nk:robert-r-king ;
    nkd:certainty nkv:certainty-stated ;
    nkd:discloses nk:defection-ri-il-kyu ;
    nkd:evidence nk:ev-disclosure-ri-il-kyu-interview-1 ;
    nkd:isPublic true ;
    nkd:means nkv:disclosure-means-published-interview ;
    time:hasTime nk:date-2024-07-16 .

nk:ev-disclosure-ri-il-kyu-interview-1 a nkd:Evidence ;
    oa:exact "His presence in Seoul was only made public on July 16 of this year when an interview with him was published." ;
    prov:wasQuotedFrom nk:source-kei-peninsula-2024-09-03 .
"""  # noqa: E501 — the block as written, long lines included

FIND_DISCLOSURE = "ASK { nk:disclosure-ri-il-kyu-interview nkd:discloses nk:defection-ri-il-kyu }"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(scope="module")
def expected_after(tmp_path_factory, kg) -> bytes:
    """The source file after adding the conforming fixture once."""
    folder = tmp_path_factory.mktemp("expected") / "data"
    shutil.copytree(DATA, folder)
    result = kg("add", CONFORMING, "--source", SOURCE, data=folder)
    assert result.exit_code == 0, result.output
    return (folder / FILE_NAME).read_bytes()


def test_conforming_file_is_appended_as_one_block_and_hand_written_text_stays(data, kg):
    before = (data / FILE_NAME).read_bytes()
    result = kg("add", CONFORMING, "--source", SOURCE, data=data)
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"added 19 triples to {data / FILE_NAME} (graph <{GRAPH_IRI}>)\n")
    after = (data / FILE_NAME).read_bytes()
    assert after == before + EXPECTED_BLOCK.encode("utf-8")


def test_added_facts_are_found_by_a_query(data, kg):
    assert kg("query", "-e", FIND_DISCLOSURE, data=data).stdout == "false\n"
    kg("add", CONFORMING, "--source", SOURCE, data=data)
    assert kg("query", "-e", FIND_DISCLOSURE, data=data).stdout == "true\n"


def test_adding_the_same_file_again_changes_nothing(data, expected_after, kg):
    kg("add", CONFORMING, "--source", SOURCE, data=data)
    result = kg("add", CONFORMING, "--source", SOURCE, data=data)
    assert result.exit_code == 0
    assert result.stdout == f"nothing to add: every triple is already in {data / FILE_NAME}\n"
    assert (data / FILE_NAME).read_bytes() == expected_after


def test_only_triples_not_yet_in_the_graph_are_appended(data, tmp_path, kg):
    partly_known = tmp_path / "partly-known.ttl"
    partly_known.write_text(
        "@prefix nk: <https://w3id.org/nkdefectors/id/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        'nk:ri-il-kyu rdfs:label "Ri Il-kyu"@en ; skos:altLabel "Ri Il Kyu"@en .\n'
    )
    before = (data / FILE_NAME).read_bytes()
    result = kg("add", partly_known, "--source", GRAPH_IRI, data=data)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("added 1 triple to ")
    assert (data / FILE_NAME).read_bytes() == before + (
        b"\n# Added with kg add from partly-known.ttl\n\n"
        b'nk:ri-il-kyu skos:altLabel "Ri Il Kyu"@en .\n'
    )


def test_a_violating_file_writes_nothing_and_exits_1(data, kg, snapshot):
    before = snapshot(data)
    result = kg("add", VIOLATIONS, "--source", SOURCE, data=data)
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{VIOLATIONS}:9: nk:disclosure-ri-il-kyu-unsourced")
    assert result.stderr == "kg: nothing added: 4 violations, 0 warnings in 1 of 1 new nodes\n"
    after = snapshot(data)
    after.pop(".kg.lock")
    assert after == before


def test_a_file_with_warnings_only_is_added_and_the_warnings_shown(data, kg):
    result = kg("add", WARNING_ONLY, "--source", SOURCE, data=data)
    assert result.exit_code == 0, result.output
    assert "Warning: (node): This quotation supports no fact" in result.stdout
    assert result.stdout.endswith(f"added 3 triples to {data / FILE_NAME} (graph <{GRAPH_IRI}>)\n")


def test_a_possible_duplicate_person_is_refused_with_the_two_ways_out(data, kg, snapshot):
    before = snapshot(data, "*.ttl")
    result = kg("add", DUPLICATE, "--source", SOURCE, data=data)
    assert result.exit_code == 1
    assert "Warning: (node): May duplicate nk:ri-il-kyu (Ri Il-kyu)" in result.stdout
    assert result.stderr == (
        'kg: nothing added: nk:ri-ilkyu ("Ri Ilkyu") may be nk:ri-il-kyu, already in the graph: '
        'if it is the same person, write its facts about nk:ri-il-kyu and add "Ri Ilkyu" to '
        "it as skos:altLabel; if not, state nk:ri-ilkyu owl:differentFrom nk:ri-il-kyu.\n"
    )
    assert snapshot(data, "*.ttl") == before


def test_a_person_named_in_another_romanisation_is_refused_too(data, kg, tmp_path, snapshot):
    before = snapshot(data, "*.ttl")
    romanised = tmp_path / "lee-il-gyu.ttl"
    romanised.write_text(
        "@prefix nkd: <https://w3id.org/nkdefectors/ontology#> .\n"
        "@prefix nk: <https://w3id.org/nkdefectors/id/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        'nk:lee-il-gyu a nkd:Person ; skos:prefLabel "리일규"@ko , "Lee Il-gyu"@en ;\n'
        '    rdfs:label "Lee Il-gyu"@en .\n',
        encoding="utf-8",
    )
    result = kg("add", romanised, "--source", SOURCE, data=data)
    assert result.exit_code == 1
    assert "(nksh:RomanisedNameCheck)" in result.stdout
    assert result.stderr == (
        'kg: nothing added: nk:lee-il-gyu ("Lee Il-gyu") may be nk:ri-il-kyu, already in the '
        'graph: if it is the same person, write its facts about nk:ri-il-kyu and add "Lee '
        'Il-gyu" to it as skos:altLabel; if not, state nk:lee-il-gyu owl:differentFrom '
        "nk:ri-il-kyu.\n"
    )
    assert snapshot(data, "*.ttl") == before


def test_a_person_stated_different_from_the_one_of_a_matching_name_is_added(data, kg, tmp_path):
    different = tmp_path / "different.ttl"
    different.write_text(
        DUPLICATE.read_text("utf-8")
        + "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        + "nk:ri-ilkyu owl:differentFrom nk:ri-il-kyu .\n",
        encoding="utf-8",
    )
    result = kg("add", different, "--source", SOURCE, data=data)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"added 4 triples to {data / FILE_NAME} (graph <{GRAPH_IRI}>)\n"


@pytest.mark.parametrize(
    "source",
    [
        GRAPH_IRI,
        f"<{GRAPH_IRI}>",
        SOURCE,
        "https://w3id.org/nkdefectors/id/source-kei-peninsula-2024-09-03",
    ],
)
def test_source_may_be_the_graph_or_the_document_it_derives_from(data, source, expected_after, kg):
    result = kg("add", CONFORMING, "--source", source, data=data)
    assert result.exit_code == 0, result.output
    assert (data / FILE_NAME).read_bytes() == expected_after


PERSON = (
    "# Hand-written: a person the next source names.\n"
    "@prefix nkd: <https://w3id.org/nkdefectors/ontology#> .\n"
    "@prefix nk: <https://w3id.org/nkdefectors/id/> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
    "\n"
    "# --- Persons ---\n"
    'nk:thae-yong-ho a nkd:Person ; skos:prefLabel "Thae Yong-ho"@en ;'
    ' rdfs:label "Thae Yong-ho"@en .  # as the source spells him\n'
)


def test_a_new_source_s_file_becomes_its_data_file_as_written(data, tmp_path, kg):
    person = tmp_path / "person.ttl"
    person.write_text(PERSON, encoding="utf-8")
    result = kg("add", person, "--source", "later-source", data=data)
    assert result.exit_code == 0, result.output
    assert (data / "later-source.ttl").read_text(encoding="utf-8") == PERSON
    graph = "https://w3id.org/nkdefectors/graph/later-source"
    text = f"ASK {{ GRAPH <{graph}> {{ nk:thae-yong-ho a nkd:Person }} }}"
    assert kg("query", "-e", text, data=data).stdout == "true\n"


def test_a_second_file_for_that_source_is_appended_after_the_text_as_written(data, tmp_path, kg):
    person = tmp_path / "person.ttl"
    person.write_text(PERSON, encoding="utf-8")
    kg("add", person, "--source", "later-source", data=data)
    more = tmp_path / "more.ttl"
    more.write_text(
        "@prefix nk: <https://w3id.org/nkdefectors/id/> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        'nk:thae-yong-ho skos:altLabel "Tae Yong-ho"@en .\n',
        encoding="utf-8",
    )
    result = kg("add", more, "--source", "later-source", data=data)
    assert result.exit_code == 0, result.output
    after = (data / "later-source.ttl").read_text(encoding="utf-8")
    assert after.startswith(PERSON + "\n# Added with kg add from more.ttl\n")
    assert after.endswith('nk:thae-yong-ho skos:altLabel "Tae Yong-ho"@en .\n')


def test_two_files_for_a_new_source_are_written_as_one_block(data, tmp_path, kg):
    first, second = tmp_path / "first.ttl", tmp_path / "second.ttl"
    first.write_text(PERSON, encoding="utf-8")
    second.write_text(
        PERSON.replace("thae-yong-ho", "jo-song-gil").replace("Thae Yong-ho", "Jo Song-gil"),
        encoding="utf-8",
    )
    result = kg("add", first, second, "--source", "later-source", data=data)
    assert result.exit_code == 0, result.output
    written = (data / "later-source.ttl").read_text(encoding="utf-8")
    assert written.startswith("# Added with kg add from first.ttl, second.ttl\n")
    assert "nk:jo-song-gil a nkd:Person ;\n" in written


def test_a_source_document_no_graph_derives_from_is_a_usage_error(data, kg):
    result = kg("add", CONFORMING, "--source", "nk:source-elsewhere", data=data)
    assert result.exit_code == 2
    assert result.stderr == (
        "kg: error: --source nk:source-elsewhere: no graph is derived from this source document "
        "(prov:wasDerivedFrom); give a graph IRI or a new source name\n"
    )


def test_a_source_name_that_is_no_file_name_is_a_usage_error(data, kg):
    result = kg("add", CONFORMING, "--source", "../outside", data=data)
    assert result.exit_code == 2
    assert result.stderr.startswith("kg: error: --source ../outside: give a graph IRI")
    assert not (data.parent / "outside.ttl").exists()


def test_a_graph_kept_in_trig_is_not_written(data, kg):
    (data / "other.trig").write_text(
        "<https://w3id.org/nkdefectors/graph/other> { <urn:x:a> <urn:x:b> <urn:x:c> }\n"
    )
    result = kg("add", CONFORMING, "--source", "other", data=data)
    assert result.exit_code == 2
    assert result.stderr == (
        "kg: error: --source other: graph <https://w3id.org/nkdefectors/graph/other> is kept in "
        f"{data / 'other.trig'}; kg add writes only a Turtle file per source (other.ttl)\n"
    )


def test_blank_nodes_are_refused(data, tmp_path, kg):
    anonymous = tmp_path / "anonymous.ttl"
    anonymous.write_text(
        "@prefix nkd: <https://w3id.org/nkdefectors/ontology#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '[] a nkd:Person ; skos:prefLabel "Someone"@en .\n'
    )
    before = (data / FILE_NAME).read_bytes()
    result = kg("add", anonymous, "--source", SOURCE, data=data)
    assert result.exit_code == 2
    assert "kg add needs an IRI for every node" in result.stderr
    assert (data / FILE_NAME).read_bytes() == before


def test_a_failed_write_leaves_the_file_and_no_temporary_file(data, monkeypatch, kg, snapshot):
    before = snapshot(data)

    def failing_replace(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    result = kg("add", CONFORMING, "--source", SOURCE, data=data)
    assert result.exit_code == 2
    assert "No space left on device" in result.stderr
    after = snapshot(data)
    after.pop(".kg.lock")
    assert after == before


# --- Real processes ---

# Runs kg add in a child process that kills itself with SIGKILL at one point of the write.
KILLER = textwrap.dedent(
    """
    import os, signal, sys

    point = sys.argv[1]
    die = lambda: os.kill(os.getpid(), signal.SIGKILL)
    real_replace, real_fdopen = os.replace, os.fdopen

    class HalfWriter:
        def __init__(self, handle):
            self.handle = handle
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            return False
        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            die()

    # Only the data file's write: the persisted store's index and plan beside the data
    # folder are written with the same calls.
    def data_file(path):
        return str(path).endswith(".ttl")

    def data_file_descriptor(fd):
        return ".ttl." in os.readlink(f"/proc/self/fd/{fd}")

    if point == "mid-write":
        os.fdopen = lambda fd, mode, **kw: (
            HalfWriter(real_fdopen(fd, mode))
            if data_file_descriptor(fd)
            else real_fdopen(fd, mode, **kw)
        )
    elif point == "before-rename":
        os.replace = lambda a, b: die() if data_file(b) else real_replace(a, b)
    elif point == "after-rename":
        os.replace = lambda a, b: (real_replace(a, b), data_file(b) and die())

    from kg.cli import main
    sys.argv = ["kg", *sys.argv[2:]]
    main()
    """
)


@pytest.mark.parametrize(
    ("point", "updated"),
    [("mid-write", False), ("before-rename", False), ("after-rename", True)],
)
def test_a_process_killed_while_writing_leaves_old_or_new_file(
    data, tmp_path, point, updated, expected_after, kg
):
    before = (data / FILE_NAME).read_bytes()
    killer = tmp_path / "killer.py"
    killer.write_text(KILLER)
    args = ["--data", data, "add", CONFORMING, "--source", SOURCE]
    process = subprocess.run(
        [sys.executable, str(killer), point, *[str(a) for a in args]], capture_output=True
    )
    assert process.returncode == -9, process.stderr
    assert (data / FILE_NAME).read_bytes() == (expected_after if updated else before)
    # Killed before the rename, the temporary file is still there: the kill came mid-write.
    assert len(list(data.glob(f".{FILE_NAME}.*.tmp"))) == (0 if updated else 1)
    # A leftover temporary file does not disturb the graph, and a new run completes the add.
    assert kg("query", "-e", FIND_DISCLOSURE, data=data).stdout == f"{str(updated).lower()}\n"
    rerun = kg("add", CONFORMING, "--source", SOURCE, data=data)
    assert rerun.exit_code == 0, rerun.output
    assert (data / FILE_NAME).read_bytes() == expected_after


def test_two_concurrent_adds_both_land(data):
    before = Graph().parse(data / FILE_NAME)
    command = [sys.executable, "-m", "kg", "--data", str(data), "add", "--source", SOURCE]
    first = subprocess.Popen([*command, str(CONFORMING)], stdout=subprocess.PIPE)
    second = subprocess.Popen([*command, str(WARNING_ONLY)], stdout=subprocess.PIPE)
    assert first.wait() == 0 and second.wait() == 0
    after = Graph().parse(data / FILE_NAME)
    added = Graph().parse(CONFORMING) + Graph().parse(WARNING_ONLY)
    assert len(after) == len(before) + len(added)
    assert all(triple in after for triple in added)


def test_violation_exit_code_through_the_installed_entry_point(data, kg_process):
    before = (data / FILE_NAME).read_bytes()
    process = kg_process("add", VIOLATIONS, "--source", SOURCE, data=data)
    assert process.returncode == 1
    assert "Traceback" not in process.stderr
    assert (data / FILE_NAME).read_bytes() == before


def test_a_new_source_s_file_with_relative_iris_goes_in_as_a_block_that_keeps_their_meaning(
    data, tmp_path, kg
):
    """Relative IRIs resolve against the file's own place: copied as written into data/ they
    would name other nodes, so the file goes in as a block of absolute IRIs."""
    person = tmp_path / "person.ttl"
    person.write_text(
        PERSON + '<relative-node> a nkd:Person ; skos:prefLabel "Relative Node"@en .\n',
        encoding="utf-8",
    )
    result = kg("add", person, "--source", "later-source", data=data)
    written = (data / "later-source.ttl").read_text(encoding="utf-8")
    assert written.startswith("# Added with kg add from person.ttl\n"), result.output
    reread = Graph().parse(data / "later-source.ttl")
    assert (URIRef((tmp_path / "relative-node").as_uri()), RDF.type, NKD.Person) in reread
