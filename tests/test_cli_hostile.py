"""Broken and hostile input: every bad file or query gets one located line and exit 2,
nothing is fetched from the network or read from local files behind the user's back, and
random or mutated input never ends in a traceback or a hang."""

import json
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.cli import cli

FIXTURES = Path(__file__).parent / "fixtures" / "cli"
DATA = FIXTURES / "data"
BAD = FIXTURES / "bad"
CONFORMING = FIXTURES / "new" / "disclosure-ri-il-kyu.ttl"
SECRET = "TOP SECRET: the content of a local file"

# Each bad file and the one line it must produce (after "kg: error: PATH").
CORPUS = {
    "error-at-start.ttl": ":1:1: syntax error: expected directive or statement",
    "error-in-middle.ttl": ":7:21: syntax error: expected '.' or '}' or ']' at end of statement",
    "error-at-end.ttl": ":6:30: syntax error: EOF found after object",
    "unterminated-string.ttl": ":5:37: syntax error: newline found in string literal",
    "undefined-prefix.ttl": ':2:16: syntax error: Prefix "nkdd:" not bound',
    "latin-1.ttl": ":3:46: not UTF-8 text (byte 0xe9); save the file as UTF-8",
    "empty.ttl": ": empty file, no assertions to read",
    "no-triples.ttl": ": no triples in the file, no assertions to read",
    "binary.ttl": ":3:1: binary content (a NUL byte), not RDF text",
    "notes.txt": ": unknown RDF format '.txt'; use one of .jsonld, .nq, .nt, .rdf, .trig, .ttl",
    "wrong-datatype.ttl": ":6:19: 'late 2023' is not a valid xsd:date value",
    "iri-with-spaces.ttl": (
        ':6:19: invalid IRI <https://example.org/ri il kyu>: spaces and <>"{}|\\^` are not '
        "allowed in IRIs"
    ),
    "bad-line.nt": ":2:1: syntax error: not a valid nt statement",
    "trailing-comma.jsonld": (
        ":4:1: syntax error: Expecting property name enclosed in double quotes"
    ),
    "mismatched-tag.rdf": ":4:3: syntax error: mismatched tag",
    "entity-expansion.rdf": (
        ":15:81: XML entities expand the text beyond 1050596 characters; refused"
    ),
}
QUERY_CORPUS = {
    "unknown-prefix.rq": ":6:5: unknown prefix skos: (declare it with PREFIX)",
    "syntax-error.rq": ":6:3: syntax error: Expected SelectQuery, found 'FILTER'",
}


def kg(*args: object, data: Path = DATA):
    return CliRunner().invoke(cli, ["--data", str(data), *[str(a) for a in args]])


def test_the_corpus_is_complete():
    assert sorted(p.name for p in BAD.iterdir()) == sorted({**CORPUS, **QUERY_CORPUS})


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_each_bad_file_is_one_located_line_and_exit_2(name):
    result = kg("validate", BAD / name)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"kg: error: {BAD / name}{CORPUS[name]}\n"


@pytest.mark.parametrize("name", sorted(QUERY_CORPUS))
def test_each_bad_query_is_one_located_line_and_exit_2(name):
    result = kg("query", BAD / name)
    assert result.exit_code == 2
    assert result.stderr == f"kg: error: {BAD / name}{QUERY_CORPUS[name]}\n"


def test_kg_add_reports_bad_files_the_same_way_and_writes_nothing(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "source.ttl").write_bytes((DATA / "kei-peninsula-2024-09-03.ttl").read_bytes())
    result = kg("add", BAD / "wrong-datatype.ttl", "--source", "source", data=data)
    assert result.exit_code == 2
    assert (
        result.stderr == f"kg: error: {BAD / 'wrong-datatype.ttl'}{CORPUS['wrong-datatype.ttl']}\n"
    )
    assert (data / "source.ttl").read_bytes() == (
        DATA / "kei-peninsula-2024-09-03.ttl"
    ).read_bytes()


def test_a_100_mb_file_is_refused_with_the_limit_before_it_is_read(tmp_path):
    huge = tmp_path / "huge.ttl"
    with huge.open("wb") as handle:
        handle.truncate(100 * 2**20)
    result = kg("validate", huge)
    assert result.exit_code == 2
    assert result.stderr == (
        f"kg: error: {huge}: 100 MB is over the 50 MB limit for a file of new assertions; "
        "split it into smaller files\n"
    )


def test_a_missing_file_and_a_folder_are_bad_input(tmp_path):
    assert kg("validate", tmp_path / "absent.ttl").stderr == (
        f"kg: error: {tmp_path / 'absent.ttl'}: no such file\n"
    )
    assert kg("validate", tmp_path).stderr == (
        f"kg: error: {tmp_path}: is a folder, not a file of assertions\n"
    )


# --- Nothing fetched, nothing read ---


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET)
    return path


def jsonld(tmp_path: Path, context: object) -> Path:
    path = tmp_path / "remote-context.jsonld"
    document = {
        "@context": context,
        "@id": "https://w3id.org/nkdefectors/id/ri-il-kyu",
        "label": "Ri Il-kyu",
    }
    path.write_text(json.dumps(document))
    return path


def test_a_remote_json_ld_context_is_not_fetched(tmp_path, listener):
    url, hits = listener
    path = jsonld(tmp_path, f"{url}/context.jsonld")
    result = kg("validate", path)
    assert result.exit_code == 2
    assert result.stderr == (
        f"kg: error: {path}: JSON-LD context {url}/context.jsonld is not fetched; put the "
        "context in the file, or pass --allow-network to fetch it\n"
    )
    assert hits == []


def test_a_json_ld_import_inside_a_context_is_not_fetched(tmp_path, listener):
    url, hits = listener
    path = jsonld(tmp_path, {"@version": 1.1, "@import": f"{url}/imported.jsonld"})
    result = kg("validate", path)
    assert result.exit_code == 2
    assert f"JSON-LD context {url}/imported.jsonld is not fetched" in result.stderr
    assert hits == []


def test_allow_network_lets_a_json_ld_context_be_fetched(tmp_path, listener):
    url, hits = listener
    result = kg("validate", "--allow-network", jsonld(tmp_path, f"{url}/context.jsonld"))
    assert len(hits) == 1
    assert hits[0].startswith(b"GET /context.jsonld ")
    # The listener answers 404: still one line, exit 2.
    assert result.exit_code == 2
    assert result.stderr.startswith("kg: error: ") and result.stderr.count("\n") == 1


def test_a_json_ld_context_naming_a_local_file_is_not_read(tmp_path, secret):
    result = kg("validate", jsonld(tmp_path, secret.as_uri()))
    assert result.exit_code == 2
    assert SECRET not in result.output


def test_rdf_xml_external_entities_are_not_resolved(tmp_path, secret):
    path = tmp_path / "entity.rdf"
    path.write_text(
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE rdf:RDF [ <!ENTITY secret SYSTEM "{secret.as_uri()}"> ]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"\n'
        '         xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">\n'
        '  <rdf:Description rdf:about="https://w3id.org/nkdefectors/id/ri-il-kyu">\n'
        "    <rdfs:comment>&secret;</rdfs:comment>\n"
        "  </rdf:Description>\n"
        "</rdf:RDF>\n"
    )
    for report in ("text", "json", "ttl"):
        result = kg("validate", "--format", report, path)
        assert result.exit_code in (0, 1, 2)
        assert SECRET not in result.output
    data = tmp_path / "data"
    data.mkdir()
    kg("add", path, "--source", "entity-test", data=data)
    assert all(SECRET not in p.read_text() for p in data.glob("*.ttl"))


def test_owl_imports_in_a_new_file_is_not_followed(tmp_path, listener):
    url, hits = listener
    path = tmp_path / "imports.ttl"
    path.write_text(
        CONFORMING.read_text()
        + f"\n<https://w3id.org/nkdefectors/id/disclosure-ri-il-kyu-interview> "
        f"<http://www.w3.org/2002/07/owl#imports> <{url}/ontology.ttl> .\n"
    )
    for inference in ("none", "rdfs"):
        result = kg("validate", "--infer", inference, path)
        assert result.exit_code in (0, 1), result.output
    assert hits == []


# --- Random and mutated input ---


def assert_one_clean_outcome(result, path: Path) -> None:
    """Exit 0, 1 or 2, each with its message, and never an exception escaping."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1, 2)
    if result.exit_code == 2:
        assert result.stderr.startswith(f"kg: error: {path}")
        assert result.stderr.count("\n") == 1
    elif result.exit_code == 1:
        assert result.stdout.startswith(f"{path}")
    else:
        assert result.stdout.startswith("conforms: ")


# A hang would show as an example running into this generous bound; it is not a speed test.
PATIENCE = timedelta(seconds=60)


@settings(max_examples=80, deadline=PATIENCE, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400), st.sampled_from([".ttl", ".nt", ".trig", ".jsonld", ".rdf"]))
def test_random_bytes_are_refused_cleanly(tmp_path_factory, content, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"random{suffix}"
    path.write_bytes(content)
    result = kg("validate", path)
    assert_one_clean_outcome(result, path)
    assert result.exit_code in (1, 2)


MUTATIONS = st.lists(
    st.tuples(
        st.sampled_from(["delete", "insert", "duplicate", "swap"]),
        st.floats(0, 1, exclude_max=True),
        st.sampled_from(list(' .;,"<>:@#^\\[]()_\n\t') + ["nk:", "a", "é", "\x00", "\ufeff"]),
    ),
    min_size=1,
    max_size=4,
)


def mutate(text: str, mutations) -> str:
    for kind, where, piece in mutations:
        at = int(where * len(text))
        if kind == "delete":
            text = text[:at] + text[at + 1 :]
        elif kind == "insert":
            text = text[:at] + piece + text[at:]
        elif kind == "duplicate":
            text = text[:at] + text[at : at + 40] + text[at:]
        else:
            text = text[:at] + text[at + 1 : at + 2] + text[at : at + 1] + text[at + 2 :]
    return text


@settings(max_examples=15, deadline=PATIENCE, suppress_health_check=[HealthCheck.too_slow])
@given(MUTATIONS)
def test_mutated_turtle_is_handled_cleanly(tmp_path_factory, mutations):
    path = tmp_path_factory.mktemp("fuzz") / "mutated.ttl"
    path.write_text(mutate(CONFORMING.read_text(), mutations), encoding="utf-8")
    assert_one_clean_outcome(kg("validate", path), path)
