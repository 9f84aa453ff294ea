"""`kg new-source`: the capture kept in sources/, a starter data/NAME.ttl that validates as
written, its example fact valid once uncommented, and refusals that write nothing."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

ARTICLE_DATA = Path(__file__).parents[1] / "fixtures" / "cli" / "data"
NKD = "https://w3id.org/nkdefectors/ontology#"
NK = "https://w3id.org/nkdefectors/id/"
CAPTURE_TEXT = (
    "Defections Fall\n\nElite defections fell sharply after 2011, officials say. "
    "The ministry gave no reason.\n"
)
NAME = "ledger-2025-03-10"


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A data folder (a copy of the fixture), an empty sources folder, and a capture."""
    data, sources = tmp_path / "data", tmp_path / "sources"
    shutil.copytree(ARTICLE_DATA, data)
    sources.mkdir()
    capture = tmp_path / "capture.txt"
    capture.write_text(CAPTURE_TEXT, encoding="utf-8")
    return data, sources, capture


def files(data: Path, sources: Path, snapshot) -> tuple[dict, dict]:
    """The data and sources folders' files, without the lock every run leaves."""
    return {k: v for k, v in snapshot(data).items() if k != ".kg.lock"}, snapshot(sources)


def start(kg, folders, *extra: str, name: str = NAME):
    data, sources, capture = folders
    arguments = [
        "new-source",
        name,
        "--capture",
        capture,
        "--title",
        "Defections Fall",
        "--url",
        "https://ledger.example/2025/03/10/defections",
        "--issued",
        "2025-03-10",
        "--publisher",
        "The Seoul Ledger",
        "--date",
        "2026-12-01",
        *extra,
    ]
    return kg(*arguments, data=data, env={"KG_SOURCES": str(sources)})


def validate(kg, folders, *arguments):
    data, sources, _ = folders
    return kg("validate", *arguments, data=data, env={"KG_SOURCES": str(sources)})


def test_the_capture_is_kept_and_its_sha256_recorded(kg, folders):
    data, sources, capture = folders
    result = start(kg, folders, "--author", "Kim Min-ji")
    assert result.exit_code == 0, result.output
    kept = sources / f"{NAME}.txt"
    assert kept.read_bytes() == capture.read_bytes()
    digest = subprocess.run(["sha256sum", kept], capture_output=True, text=True, check=True)
    graph = Graph().parse(data / f"{NAME}.ttl")
    document = URIRef(NK + f"source-{NAME}")
    assert graph.value(document, URIRef(NKD + "captureSha256")) == Literal(digest.stdout[:64])
    assert graph.value(document, URIRef(NKD + "capturedAs")) == Literal(f"sources/{NAME}.txt")
    assert graph.value(document, DCTERMS.creator) == URIRef(NK + "kim-min-ji")
    assert (URIRef(NK + "the-seoul-ledger"), RDF.type, URIRef(NKD + "Organization")) in graph


def test_the_starter_validates_strictly_with_an_author(kg, folders):
    data, _, _ = folders
    start(kg, folders, "--author", "Kim Min-ji")
    result = validate(kg, folders, "--strict", data / f"{NAME}.ttl")
    assert result.exit_code == 0, result.output
    assert result.stdout == "conforms: 5 new nodes checked, no violations, no warnings\n"


def test_without_an_author_validation_warns_until_the_warning_is_acknowledged(kg, folders):
    data, _, _ = folders
    start(kg, folders)
    starter = data / f"{NAME}.ttl"
    warned = validate(kg, folders, "--strict", starter)
    assert warned.exit_code == 1
    assert "(nksh:SourceDocumentShape-creator-present)" in warned.stdout
    text = starter.read_text(encoding="utf-8")
    hint = f"#   nk:source-{NAME} nkd:acknowledgedWarning"
    starter.write_text(text.replace(hint, hint.removeprefix("#   ")), encoding="utf-8")
    assert validate(kg, folders, "--strict", starter).exit_code == 0


def test_the_commented_example_fact_is_valid_once_uncommented(kg, folders):
    data, _, _ = folders
    start(kg, folders, "--author", "Kim Min-ji")
    starter = data / f"{NAME}.ttl"
    text = starter.read_text(encoding="utf-8")
    facts = text.split("# Facts: an example to copy")[1]
    assert '#     oa:exact "Elite defections fell sharply after 2011, officials say." ;' in facts
    uncommented = re.sub(r"^# ?(?=nk:|    |$)", "", facts.split("\n", 2)[2], flags=re.MULTILINE)
    starter.write_text(text + uncommented, encoding="utf-8")
    result = validate(kg, folders, "--strict", starter)
    assert result.exit_code == 0, result.output
    assert "7 new nodes checked" in result.stdout


def test_the_same_details_give_the_same_starter(kg, folders, tmp_path):
    data, _, capture = folders
    start(kg, folders, "--author", "Kim Min-ji")
    other = tmp_path / "other"
    shutil.copytree(ARTICLE_DATA, other / "data")
    (other / "sources").mkdir()
    start(kg, (other / "data", other / "sources", capture), "--author", "Kim Min-ji")
    assert (other / "data" / f"{NAME}.ttl").read_bytes() == (data / f"{NAME}.ttl").read_bytes()


def test_a_publisher_already_in_the_graph_is_referred_to_not_described_again(kg, folders):
    data, _, _ = folders
    result = start(kg, folders, "--author", "nk:robert-r-king", "--publisher", "nk:kei")
    assert result.exit_code == 0, result.output
    text = (data / f"{NAME}.ttl").read_text(encoding="utf-8")
    assert "    dcterms:publisher nk:kei ;\n" in text
    assert "    dcterms:creator nk:robert-r-king ;\n" in text
    assert "nk:kei a " not in text and "nk:robert-r-king a " not in text


def test_kg_add_then_adds_to_the_new_source_s_graph(kg, folders, tmp_path):
    data, sources, _ = folders
    start(kg, folders, "--author", "Kim Min-ji")
    person = tmp_path / "person.ttl"
    person.write_text(
        "@prefix nk: <https://w3id.org/nkdefectors/id/> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        'nk:kim-min-ji skos:altLabel "Kim Minji"@en .\n',
        encoding="utf-8",
    )
    env = {"KG_SOURCES": str(sources)}
    result = kg("add", person, "--source", f"nk:source-{NAME}", data=data, env=env)
    assert result.exit_code == 0, result.output
    assert f"added 1 triple to {data / NAME}.ttl" in result.stdout


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--publisher", "nk:no-such-node"], "--publisher nk:no-such-node: no such node in the"),
        (["--issued", "10 March 2025"], "--issued 10 March 2025: not a date as YYYY-MM-DD"),
        (["--issued", "2025-02-30"], "--issued 2025-02-30: not a date as YYYY-MM-DD"),
        (["--url", "ledger.example/a"], "--url ledger.example/a: not an http(s) address"),
        (["--title", "Two\nlines"], "--title: a line break or control character; give one line"),
    ],
    ids=["unknown-publisher", "date-in-words", "no-such-day", "no-scheme", "two-line-title"],
)
def test_bad_details_are_one_line_exit_2_and_write_nothing(extra, message, kg, folders, snapshot):
    data, sources, _ = folders
    before = files(data, sources, snapshot)
    result = start(kg, folders, *extra)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"kg: error: {message}")
    assert files(data, sources, snapshot) == before


def test_a_bad_name_is_a_usage_error(kg, folders):
    result = start(kg, folders, name="../outside")
    assert result.exit_code == 2
    assert result.stderr.startswith("kg: error: NAME ../outside: a source name is letters")


def test_an_existing_source_is_never_overwritten(kg, folders, snapshot):
    data, sources, capture = folders
    start(kg, folders)
    capture.write_text("Another text.\n", encoding="utf-8")
    before = files(data, sources, snapshot)
    result = start(kg, folders)
    assert result.exit_code == 2
    assert result.stderr == (
        f"kg: error: {data / NAME}.ttl exists already: a new source needs a name of its own\n"
    )
    assert files(data, sources, snapshot) == before


def test_a_capture_kept_from_an_earlier_attempt_is_not_overwritten(kg, folders):
    data, sources, _ = folders
    (sources / f"{NAME}.txt").write_text("kept earlier\n", encoding="utf-8")
    result = start(kg, folders)
    assert result.exit_code == 2
    assert f"{sources / NAME}.txt exists already" in result.stderr
    assert not (data / f"{NAME}.ttl").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "no such file"), (b"caf\xe9\n", "not UTF-8 text at byte 3")],
    ids=["missing", "latin-1"],
)
def test_an_unreadable_capture_writes_nothing(content, message, kg, folders, snapshot):
    data, sources, capture = folders
    if content is None:
        capture.unlink()
    else:
        capture.write_bytes(content)
    before = files(data, sources, snapshot)
    result = start(kg, folders)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"kg: error: {capture}: {message}")
    assert files(data, sources, snapshot) == before
