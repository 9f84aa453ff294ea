"""Fuzzing `kg validate`: random bytes, and the article's data corrupted byte by byte (bytes
deleted, spans duplicated, bits flipped), always end in exit 0, 1 or 2 with a report or one
line of error — never a traceback, never an "unexpected" error, never a hang.

Each input runs in-process through click's runner under a hard time bound (SIGALRM); the
examples are derandomized, so a run is the same every time.
"""

import signal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.cli import cli

# The extract of the article's graph that the command's tests use: big enough to hold every
# construct of the data files, small enough to validate in a second.
ARTICLE = Path(__file__).parents[1] / "fixtures" / "cli" / "data" / "kei-peninsula-2024-09-03.ttl"
# No input may take longer than this; it bounds a hang, it is not a speed test.
BOUND_SECONDS = 30


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )


class Hang(BaseException):
    """An input ran past the bound; not an Exception, so that nothing on the way catches it."""


@pytest.fixture
def bounded():
    def expire(signum, frame):
        raise Hang(f"an input ran for more than {BOUND_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, expire)
    yield
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def empty_data(tmp_path_factory) -> Path:
    """A data folder with nothing in it: the fuzzed file is validated with the ontology only."""
    return tmp_path_factory.mktemp("fuzz") / "data"


def validate(path: Path, data: Path):
    data.mkdir(exist_ok=True)
    signal.setitimer(signal.ITIMER_REAL, BOUND_SECONDS)
    try:
        return CliRunner().invoke(cli, ["--data", str(data), "validate", str(path)])
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def assert_clean(result, path: Path) -> None:
    """Exit 0, 1 or 2, each with its kind of output, and no exception escaping."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1, 2), result.output
    if result.exit_code == 2:
        assert result.stdout == ""
        assert result.stderr.startswith(f"kg: error: {path}")
        assert result.stderr.count("\n") == 1
        # The catch-all for errors nobody foresaw: fuzzing must not reach it.
        assert "(run kg --debug" not in result.stderr, result.stderr
    elif result.exit_code == 1:
        assert result.stdout.startswith(f"{path}:")
        assert " violation" in result.stdout.splitlines()[-1]
    else:
        last = result.stdout.splitlines()[-1]
        assert last.startswith("conforms: ") or last.startswith("0 violations, ")


@fuzz(500)
@given(
    content=st.binary(max_size=600),
    suffix=st.sampled_from([".ttl", ".nt", ".nq", ".trig", ".jsonld", ".rdf"]),
)
def test_random_bytes_end_cleanly(content, suffix, tmp_path, empty_data, bounded):
    path = tmp_path / f"random{suffix}"
    path.write_bytes(content)
    result = validate(path, empty_data)
    assert_clean(result, path)


# Random text that looks a little like RDF: the pieces of Turtle, JSON-LD and RDF/XML syntax.
PIECES = st.sampled_from(
    ["<", ">", '"', '"""', "'", "@prefix", "PREFIX", "nk:", ":", ".", ";", ",", "[", "]",
     "(", ")", "{", "}", "^^", "@en", "_:b", "a", "#", "\\", "\n", " ", "\t", "\ufeff",
     "<http://example.org/x>", '"x"^^xsd:date', "@context", '{"@id": ', "<rdf:RDF>",
     "<!DOCTYPE", "<!ENTITY", "%", "&x;", "1", "-", "true", "\u2028", "\U0001d11e"]
)  # fmt: skip


@fuzz(500)
@given(
    pieces=st.lists(PIECES, max_size=40),
    suffix=st.sampled_from([".ttl", ".nt", ".nq", ".trig", ".jsonld", ".rdf"]),
)
def test_random_rdf_like_text_ends_cleanly(pieces, suffix, tmp_path, empty_data, bounded):
    path = tmp_path / f"pieces{suffix}"
    path.write_text("".join(pieces), encoding="utf-8")
    assert_clean(validate(path, empty_data), path)


MUTATIONS = st.lists(
    st.tuples(
        st.sampled_from(["delete", "duplicate", "flip"]),
        st.floats(0, 1, exclude_max=True),
        st.integers(1, 200),
    ),
    min_size=1,
    max_size=3,
)


def mutate(data: bytes, mutations) -> bytes:
    """Bytes deleted, a span duplicated or one bit flipped, at each mutation's place."""
    for kind, where, size in mutations:
        at = int(where * len(data))
        if kind == "delete":
            data = data[:at] + data[at + min(size, 8) :]
        elif kind == "duplicate":
            data = data[:at] + data[at : at + size] + data[at:]
        elif at < len(data):
            data = data[:at] + bytes([data[at] ^ (1 << size % 8)]) + data[at + 1 :]
    return data


@pytest.fixture(scope="module")
def article_in(tmp_path_factory) -> dict[str, bytes]:
    """The article's data as Turtle, and exported by kg in the other formats kg reads."""
    from rdflib import Graph

    from kg.graph.serialize import serialize_graph

    graph = Graph().parse(ARTICLE)
    exported = {suffix: serialize_graph(graph, fmt) for suffix, fmt in EXPORTED.items()}
    return {".ttl": ARTICLE.read_bytes(), **exported}


EXPORTED = {".nt": "nt", ".jsonld": "jsonld", ".rdf": "xml"}


@fuzz(60)
@given(mutations=MUTATIONS, suffix=st.sampled_from([".ttl", ".ttl", ".ttl", *EXPORTED]))
def test_corrupted_article_data_ends_cleanly(
    mutations, suffix, tmp_path, empty_data, bounded, article_in
):
    path = tmp_path / f"corrupted{suffix}"
    path.write_bytes(mutate(article_in[suffix], mutations))
    assert_clean(validate(path, empty_data), path)


def test_the_bound_stops_a_hang(tmp_path, empty_data, bounded, monkeypatch):
    # The bound must be able to fail the test: an input that never ends is reported.
    import kg.graph.load

    def never_ends(*args, **kwargs):
        while True:
            pass

    monkeypatch.setattr(kg.graph.load, "read_assertions", never_ends)
    path = tmp_path / "any.ttl"
    path.write_text("<urn:x:a> <urn:x:b> <urn:x:c> .\n")
    with pytest.raises(Hang):
        signal.setitimer(signal.ITIMER_REAL, 1)
        CliRunner().invoke(cli, ["--data", str(empty_data), "validate", str(path)])
