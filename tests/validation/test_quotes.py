"""Quotations against the captures of their sources, through `kg validate` and `kg add`: a
capture that is missing or has changed since curation is a violation, and a quotation that is
not in its capture is shown the closest passage and where the two first differ."""

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from kg.graph import paths

FIXTURES = Path(__file__).parents[1] / "fixtures" / "cli"
ARTICLE_CAPTURE = paths.SOURCES_DIR / "kei-peninsula-2024-09-03.txt"
KEI = "nk:source-kei-peninsula-2024-09-03"
PREFIXES = """\
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix nk: <https://w3id.org/nkdefectors/id/> .
@prefix nkd: <https://w3id.org/nkdefectors/ontology#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
NOT_IN_CAPTURE = (
    f"The quotation is not in the capture of {KEI} ({ARTICLE_CAPTURE}), even with white space "
    "normalised and link markup removed: copy the source's words exactly. "
)


def evidence(quote: str, document: str = KEI) -> str:
    escaped = quote.replace("\\", "\\\\").replace('"', '\\"')
    return (
        f'nk:ev-test a nkd:Evidence ;\n    oa:exact "{escaped}" ;\n'
        f"    prov:wasQuotedFrom {document} .\n"
    )


def new_document(captured: str | None, digest: str | None) -> str:
    lines = [
        "nk:source-notes a nkd:SourceDocument ;",
        '    rdfs:label "notes"@en ;',
        '    dcterms:title "Notes"@en ;',
        "    dcterms:creator nk:robert-r-king ;",
        '    dcterms:issued "2024-09-03"^^xsd:date',
    ]
    if captured is not None:
        lines[-1] += f' ;\n    nkd:capturedAs "{captured}"'
    if digest is not None:
        lines[-1] += f' ;\n    nkd:captureSha256 "{digest}"'
    return "\n".join(lines) + " .\n"


def quote_findings(kg, path: Path, **invoke) -> tuple[int, list[dict]]:
    """The exit code and the quotation check's findings, node by node."""
    result = kg("validate", "--format", "json", path, **invoke)
    report = json.loads(result.stdout)
    found = [
        {"focus": node["focus"], **finding}
        for node in report["nodes"]
        for finding in node["findings"]
        if finding["shape"] == "nksh:QuoteInSourceCheck"
    ]
    return result.exit_code, found


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """A copy of the project's captures, to change."""
    folder = tmp_path / "sources"
    shutil.copytree(paths.SOURCES_DIR, folder)
    return folder


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "new.ttl"
    path.write_text(PREFIXES + text, encoding="utf-8")
    return path


# --- The capture itself ---


def test_a_quotation_from_an_unchanged_capture_conforms(kg, tmp_path):
    path = write(tmp_path, evidence("He slipped away from the embassy in late November 2023."))
    assert quote_findings(kg, path) == (0, [])


def test_a_capture_changed_since_curation_is_a_violation(kg, tmp_path, sources):
    capture = sources / ARTICLE_CAPTURE.name
    capture.write_bytes(capture.read_bytes() + b"\nA sentence added later.\n")
    digest = hashlib.sha256(capture.read_bytes()).hexdigest()
    path = write(tmp_path, evidence("He slipped away from the embassy in late November 2023."))
    code, findings = quote_findings(kg, path, env={"KG_SOURCES": str(sources)})
    assert code == 1
    assert findings == [
        {
            "focus": "nk:ev-test",
            "severity": "Violation",
            "path": "prov:wasQuotedFrom",
            "value": KEI,
            "message": f"The capture of {KEI} at {capture} has changed since it was curated: "
            f"its SHA-256 is {digest}, not the nkd:captureSha256 "
            "2840c1dcd9fba62ed96de326e0fe1e5483271cce4bc971df63f3cbba25e31b99 recorded on the "
            "document. Restore the capture, or check every quotation against the new one and "
            "record its digest.",
            "shape": "nksh:QuoteInSourceCheck",
        }
    ]


def test_a_missing_capture_is_a_violation(kg, tmp_path, sources):
    (sources / ARTICLE_CAPTURE.name).unlink()
    path = write(tmp_path, evidence("He slipped away from the embassy in late November 2023."))
    code, findings = quote_findings(kg, path, env={"KG_SOURCES": str(sources)})
    assert code == 1
    assert [(f["severity"], f["path"]) for f in findings] == [("Violation", "prov:wasQuotedFrom")]
    assert findings[0]["message"].startswith(f"The capture of {KEI} is not at {sources}/")


def test_a_quotation_from_a_document_without_a_capture_is_a_violation(kg, tmp_path):
    path = write(tmp_path, new_document(None, None) + evidence("Anything.", "nk:source-notes"))
    code, findings = quote_findings(kg, path)
    assert code == 1
    assert [(f["focus"], f["severity"], f["value"]) for f in findings] == [
        ("nk:ev-test", "Violation", "nk:source-notes")
    ]
    assert findings[0]["message"].startswith("nk:source-notes has no nkd:capturedAs")


def test_a_new_document_is_told_the_digest_to_record_and_then_conforms(kg, tmp_path, sources):
    (sources / "notes.txt").write_text("Words the notes hold.\n", encoding="utf-8")
    digest = hashlib.sha256(b"Words the notes hold.\n").hexdigest()
    quoted = evidence("Words the notes hold.", "nk:source-notes")
    env = {"KG_SOURCES": str(sources)}
    path = write(tmp_path, new_document("sources/notes.txt", None) + quoted)
    assert quote_findings(kg, path, env=env)[1] == [
        {
            "focus": "nk:source-notes",
            "severity": "Warning",
            "path": "nkd:captureSha256",
            "value": None,
            "message": "No nkd:captureSha256 records which capture nk:source-notes was curated "
            f'from, so a changed capture would go unnoticed: add nkd:captureSha256 "{digest}".',
            "shape": "nksh:QuoteInSourceCheck",
        }
    ]
    path = write(tmp_path, new_document("sources/notes.txt", digest) + quoted)
    assert quote_findings(kg, path, env=env)[1] == []


def test_a_new_document_whose_capture_differs_from_its_digest_is_reported_once(
    kg, tmp_path, sources
):
    (sources / "notes.txt").write_text("Words the notes hold.\n", encoding="utf-8")
    quoted = evidence("Words the notes hold.", "nk:source-notes")
    path = write(tmp_path, new_document("sources/notes.txt", "0" * 64) + quoted)
    code, findings = quote_findings(kg, path, env={"KG_SOURCES": str(sources)})
    assert code == 1
    assert [(f["focus"], f["severity"], f["path"], f["value"]) for f in findings] == [
        ("nk:source-notes", "Violation", "nkd:captureSha256", "0" * 64)
    ]


# --- A quotation that is not in its capture ---


@pytest.mark.parametrize(
    ("quote", "closest"),
    [
        (
            "He slipped away from the Embassy in late November 2023.",
            'The closest passage of the capture is "He slipped away from the embassy in late '
            'November 2023."; they first differ at character 26 of the quotation, where it has '
            "'E' and the capture has 'e': case.",
        ),
        (
            "He slipped away from the embassy in November 2023.",
            'The closest passage of the capture is "He slipped away from the embassy in late '
            'November 2023."; they first differ at character 37 of the quotation, where it has '
            "nothing and the capture has 'l': words the quotation leaves out.",
        ),
        (
            "He slipped away from the embassy in late November2023.",
            'The closest passage of the capture is "He slipped away from the embassy in late '
            'November 2023."; they first differ at character 50 of the quotation, where it has '
            "nothing and the capture has ' ' (space): white space.",
        ),
        (
            "He slipped away from the embassy in late November 2024.",
            'The closest passage of the capture is "He slipped away from the embassy in late '
            'November 2023."; they first differ at character 54 of the quotation, where it has '
            "'4' and the capture has '3': different words.",
        ),
        (
            "Nothing of the sort was ever written anywhere.",
            "No passage of the capture comes close to it.",
        ),
    ],
    ids=["case", "a word left out", "white space", "a digit", "nothing close"],
)
def test_a_quotation_not_in_its_capture_is_shown_the_closest_passage(kg, tmp_path, quote, closest):
    path = write(tmp_path, evidence(quote))
    code, findings = quote_findings(kg, path)
    assert code == 1
    assert [(f["severity"], f["path"], f["message"]) for f in findings] == [
        ("Violation", "oa:exact", NOT_IN_CAPTURE + closest)
    ]


@pytest.mark.parametrize(
    ("quote", "mine", "theirs", "kind"),
    [
        (
            'He said "we\'re back".',
            "'\"' (quotation mark)",
            "'“' (left double quotation mark)",
            "curly against straight quotation marks",
        ),
        (
            "He said “we're back”.",
            "''' (apostrophe)",
            "'’' (right single quotation mark)",
            "curly against straight quotation marks",
        ),
        (
            "He said “we’re back” - then left.",
            "'-' (hyphen-minus)",
            "'—' (em dash)",
            "a different dash",
        ),
    ],
)
def test_the_first_difference_names_the_lookalike_characters(
    kg, tmp_path, sources, quote, mine, theirs, kind
):
    """Typographic quotation marks and dashes, in a capture of our own: the article's capture
    has none of the first kind."""
    text = "Then he spoke. He said “we’re back” — then left. Nobody answered.\n"
    (sources / "notes.txt").write_text(text, encoding="utf-8")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    path = write(
        tmp_path,
        new_document("sources/notes.txt", digest) + evidence(quote, "nk:source-notes"),
    )
    _, findings = quote_findings(kg, path, env={"KG_SOURCES": str(sources)})
    assert len(findings) == 1
    assert f"where it has {mine} and the capture has {theirs}: {kind}." in findings[0]["message"]


def test_the_differences_after_the_first_are_counted_by_kind(kg, tmp_path, sources):
    """So that a quotation retyped with straight quotation marks is fixed in one go."""
    text = "Then he spoke. He said “we’re back” — then left. Nobody answered.\n"
    (sources / "notes.txt").write_text(text, encoding="utf-8")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    quote = 'He said "we\'re back" - then Left.'
    path = write(
        tmp_path,
        new_document("sources/notes.txt", digest) + evidence(quote, "nk:source-notes"),
    )
    _, findings = quote_findings(kg, path, env={"KG_SOURCES": str(sources)})
    assert [f["message"].split("copy the source's words exactly. ")[1] for f in findings] == [
        'The closest passage of the capture is "He said “we’re back” — then left."; they first '
        "differ at character 9 of the quotation, where it has '\"' (quotation mark) and the "
        "capture has '“' (left double quotation mark): curly against straight quotation marks. "
        "4 more differences follow: a different dash (1), case (1), curly against straight "
        "quotation marks (2)."
    ]


def test_kg_add_refuses_a_changed_capture_and_writes_nothing(kg, tmp_path, sources, snapshot):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", data)
    capture = sources / ARTICLE_CAPTURE.name
    capture.write_text(capture.read_text("utf-8").replace("July 16", "July 17"), "utf-8")
    before = snapshot(data, "*.ttl")
    path = write(tmp_path, evidence("He slipped away from the embassy in late November 2023."))
    result = kg("add", path, "--source", KEI, data=data, env={"KG_SOURCES": str(sources)})
    assert result.exit_code == 1
    assert "has changed since it was curated" in result.stdout
    assert result.stderr == "kg: nothing added: 1 violation, 1 warning in 1 of 1 new nodes\n"
    assert snapshot(data, "*.ttl") == before


def test_every_source_document_in_the_data_has_its_capture_as_curated():
    """A data check, over whatever the data folder holds: each capture is in the sources
    folder with the SHA-256 its document records."""
    from rdflib import Dataset

    from kg.graph.load import load_dataset
    from kg.graph.namespaces import NKD

    dataset: Dataset = load_dataset(paths.data_dir())
    documents = sorted(set(dataset.subjects(NKD.capturedAs, None)))
    assert documents
    for document in documents:
        captured = str(dataset.value(document, NKD.capturedAs))
        digest = dataset.value(document, NKD.captureSha256)
        path = paths.SOURCES_DIR.parent / captured
        assert path.is_file(), f"{document}: no capture at {captured}"
        assert digest is not None, f"{document}: no nkd:captureSha256"
        assert hashlib.sha256(path.read_bytes()).hexdigest() == str(digest), document
