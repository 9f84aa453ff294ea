"""`kg validate` through the real command: new files checked with the existing graph and the
ontology, reports grouped by node with file and line, exit codes, formats, scoping."""

import json
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

FIXTURES = Path(__file__).parents[1] / "fixtures" / "cli"
DATA = FIXTURES / "data"
NEW = FIXTURES / "new"
CONFORMING = NEW / "disclosure-ri-il-kyu.ttl"
VIOLATIONS = NEW / "violations.ttl"
DUPLICATE = NEW / "duplicate-person.ttl"
NK = "https://w3id.org/nkdefectors/id/"

FACT_SOURCE = (
    "A fact needs at least one dcterms:source, the nkd:SourceDocument it is taken from: "
    "which document says this?"
)
FACT_EVIDENCE = (
    "A fact needs at least one nkd:evidence, a nkd:Evidence node quoting the source's words: "
    "where does the source say this?"
)
# nk:ri-il-kyoo is no node at all, so neither the agent that nkd:disclosedBy requires.
NOT_AN_AGENT = "nkd:disclosedBy must be the person or organisation who made the disclosure."
UNDEFINED = (
    "Refers to nk:ri-il-kyoo, which is not defined in the graph: a misspelt IRI, or a node "
    "that still needs its own description with an rdf:type."
)
DUPLICATE_MESSAGE = (
    "May duplicate nk:ri-il-kyu (Ri Il-kyu): their names match when case, spaces, hyphens and "
    "apostrophes are ignored. If they are the same person, keep one of the two nodes and give "
    "it the other's spelling as skos:altLabel; if not, state nk:ri-ilkyu owl:differentFrom "
    "nk:ri-il-kyu."
)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def test_conforming_file_exits_0_and_says_so(kg):
    result = kg("validate", CONFORMING)
    assert result.exit_code == 0, result.output
    assert result.stdout == "conforms: 3 new nodes checked, no violations, no warnings\n"


def test_violations_exit_1_grouped_by_node_with_file_line_label_path_value_message(kg):
    result = kg("validate", VIOLATIONS)
    assert result.exit_code == 1
    assert result.stdout == (
        f"{VIOLATIONS}:9: nk:disclosure-ri-il-kyu-unsourced "
        '"an unsourced disclosure of Ri Il-kyu\'s defection"\n'
        f"  Violation: dcterms:source: {FACT_SOURCE} (nksh:FactShape-source)\n"
        f"  Violation: nkd:disclosedBy: {UNDEFINED} [value: nk:ri-il-kyoo] "
        "(nksh:UndefinedReferenceShape)\n"
        f"  Violation: nkd:disclosedBy: {NOT_AN_AGENT} [value: nk:ri-il-kyoo] "
        "(nksh:DisclosureShape-disclosedBy)\n"
        f"  Violation: nkd:evidence: {FACT_EVIDENCE} (nksh:FactShape-evidence)\n"
        "4 violations, 0 warnings in 1 of 1 new nodes\n"
    )


def test_warnings_alone_exit_0_and_name_the_existing_node(kg):
    result = kg("validate", DUPLICATE)
    assert result.exit_code == 0
    assert result.stdout == (
        f'{DUPLICATE}:8: nk:ri-ilkyu "Ri Ilkyu"\n'
        f"  Warning: (node): {DUPLICATE_MESSAGE} [value: nk:ri-il-kyu] "
        "(nksh:DuplicatePersonShape)\n"
        # The existing person's own shape reads the new name: a full validation warns it too.
        'in the graph: nk:ri-il-kyu "Ri Il-kyu"\n'
        "  Warning: (node): May duplicate nk:ri-ilkyu (Ri Ilkyu): their names match when case, "
        "spaces, hyphens and apostrophes are ignored. If they are the same person, keep one of "
        "the two nodes and give it the other's spelling as skos:altLabel; if not, state "
        "nk:ri-il-kyu owl:differentFrom nk:ri-ilkyu. [value: nk:ri-ilkyu] "
        "(nksh:DuplicatePersonShape)\n"
        "0 violations, 2 warnings in 1 of 1 new nodes and 1 existing node\n"
    )


def test_strict_makes_warnings_exit_1(kg):
    assert kg("validate", "--strict", DUPLICATE).exit_code == 1
    assert kg("validate", "--strict", CONFORMING).exit_code == 0


def test_json_report_lists_nodes_and_findings(kg):
    result = kg("validate", "--format", "json", VIOLATIONS)
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert {k: document[k] for k in ("conforms", "violations", "warnings", "checked")} == {
        "conforms": False,
        "violations": 4,
        "warnings": 0,
        "checked": 1,
    }
    [node] = document["nodes"]
    assert (node["focus"], node["file"], node["line"]) == (
        "nk:disclosure-ri-il-kyu-unsourced",
        str(VIOLATIONS),
        9,
    )
    assert [(f["severity"], f["path"], f["value"], f["shape"]) for f in node["findings"]] == [
        ("Violation", "dcterms:source", None, "nksh:FactShape-source"),
        ("Violation", "nkd:disclosedBy", "nk:ri-il-kyoo", "nksh:UndefinedReferenceShape"),
        ("Violation", "nkd:disclosedBy", "nk:ri-il-kyoo", "nksh:DisclosureShape-disclosedBy"),
        ("Violation", "nkd:evidence", None, "nksh:FactShape-evidence"),
    ]


def test_ttl_report_is_a_standard_shacl_validation_report(kg):
    result = kg("validate", "--format", "ttl", VIOLATIONS)
    assert result.exit_code == 1
    report = Graph().parse(data=result.stdout, format="turtle")
    [node] = report.subjects(RDF.type, SH.ValidationReport)
    assert report.value(node, SH.conforms) == Literal(False)
    results = list(report.objects(node, SH.result))
    focus = URIRef(NK + "disclosure-ri-il-kyu-unsourced")
    assert {report.value(r, SH.focusNode) for r in results} == {focus}
    assert sorted(str(report.value(r, SH.sourceShape)).rsplit("#")[1] for r in results) == [
        "DisclosureShape-disclosedBy",
        "FactShape-evidence",
        "FactShape-source",
        "UndefinedReferenceShape",
    ]
    assert kg("validate", "--format", "ttl", VIOLATIONS).stdout == result.stdout


def test_ttl_report_of_a_conforming_file_conforms(kg):
    report = Graph().parse(data=kg("validate", "--format", "ttl", CONFORMING).stdout)
    [node] = report.subjects(RDF.type, SH.ValidationReport)
    assert report.value(node, SH.conforms) == Literal(True)
    assert list(report.objects(node, SH.result)) == []


@pytest.mark.parametrize("inference", ["rdfs", "owlrl"])
def test_inference_options_keep_the_verdicts(inference, kg):
    assert kg("validate", "--infer", inference, CONFORMING).exit_code == 0
    result = kg("validate", "--infer", inference, VIOLATIONS)
    assert result.exit_code == 1
    assert f"  Violation: dcterms:source: {FACT_SOURCE} (nksh:FactShape-source)\n" in result.stdout
    assert (
        f"  Violation: nkd:evidence: {FACT_EVIDENCE} (nksh:FactShape-evidence)\n" in result.stdout
    )


@pytest.mark.parametrize("inference", ["rdfs", "owlrl"])
def test_a_misspelt_iri_is_reported_although_reasoning_gives_it_a_type(inference, kg):
    # The range of nkd:disclosedBy types nk:ri-il-kyoo once reasoned; the reference is still
    # judged as written.
    result = kg("validate", "--infer", inference, VIOLATIONS)
    assert result.exit_code == 1
    assert (
        f"  Violation: nkd:disclosedBy: {UNDEFINED} [value: nk:ri-il-kyoo] "
        "(nksh:UndefinedReferenceShape)\n" in result.stdout
    )


def test_only_nodes_of_the_new_files_are_reported(data_copy, kg):
    # The duplicate person sits in the existing graph, with its warning: that is not news.
    shutil.copy(DUPLICATE, data_copy / "other-source.ttl")
    assert "nk:ri-ilkyu" in kg("validate", DUPLICATE).stdout
    result = kg("validate", CONFORMING, data=data_copy)
    assert result.exit_code == 0
    assert result.stdout == "conforms: 3 new nodes checked, no violations, no warnings\n"


def test_files_are_validated_together(tmp_path, kg):
    text = CONFORMING.read_text()
    head, date = text.split("nk:date-2024-07-16 a nkd:DateInstant")
    prefixes = text[text.index("@prefix") : text.index("\n\nnk:")]
    first, second = tmp_path / "disclosure.ttl", tmp_path / "date.ttl"
    first.write_text(head)
    second.write_text(prefixes + "\n\nnk:date-2024-07-16 a nkd:DateInstant" + date)
    alone = kg("validate", first)
    assert alone.exit_code == 1
    assert "Refers to nk:date-2024-07-16, which is not defined in the graph" in alone.stdout
    together = kg("validate", first, second)
    assert together.exit_code == 0, together.output


def test_the_line_is_where_the_nodes_block_starts(tmp_path, kg):
    new = tmp_path / "two-nodes.ttl"
    new.write_text(
        "@prefix nkd: <https://w3id.org/nkdefectors/ontology#> .\n"
        "@prefix nk: <https://w3id.org/nkdefectors/id/> .\n"
        "\n"
        "# nk:ri-yong-ho is mentioned here first, in a comment and as an object\n"
        "nk:defection-ri-yong-ho a nkd:Defection ; nkd:subject nk:ri-yong-ho .\n"
        "\n"
        "<https://w3id.org/nkdefectors/id/ri-yong-ho>\n"
        "    a nkd:Person .\n"
    )
    document = json.loads(kg("validate", "--format", "json", new).stdout)
    lines = {node["focus"]: node["line"] for node in document["nodes"]}
    assert lines == {"nk:defection-ri-yong-ho": 5, "nk:ri-yong-ho": 7}


@pytest.mark.parametrize(
    ("suffix", "rdf_format"),
    [(".nt", "nt"), (".jsonld", "json-ld"), (".rdf", "xml"), (".trig", "trig")],
)
def test_other_rdf_formats_are_read(tmp_path, suffix, rdf_format, kg):
    graph = Graph().parse(CONFORMING)
    new = tmp_path / f"disclosure{suffix}"
    if rdf_format == "trig":
        new.write_text(
            "<https://w3id.org/nkdefectors/graph/new> {\n" + graph.serialize(format="nt") + "}\n"
        )
    else:
        graph.serialize(new, format=rdf_format)
    result = kg("validate", new)
    assert result.exit_code == 0, result.output
    assert result.stdout == "conforms: 3 new nodes checked, no violations, no warnings\n"


def test_validate_never_writes_to_the_data_folder(data_copy, kg, snapshot):
    before = snapshot(data_copy)
    assert kg("validate", VIOLATIONS, data=data_copy).exit_code == 1
    assert kg("validate", DUPLICATE, data=data_copy).exit_code == 0
    assert snapshot(data_copy) == before


def test_turtle_syntax_error_names_file_line_and_column(tmp_path, kg):
    new = tmp_path / "broken.ttl"
    new.write_text(
        "@prefix nk: <https://w3id.org/nkdefectors/id/> .\n"
        "nk:a nk:b nk:c .\n"
        "nk:d nk:e nk:f\n"
        "nk:g nk:h nk:i .\n"
    )
    result = kg("validate", new)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"kg: error: {new}:4:1: syntax error: expected '.' or '}}' or ']' at end of statement\n"
    )


def test_no_files_is_a_usage_error(kg):
    result = kg("validate")
    assert result.exit_code == 2
    assert "Missing argument 'FILES...'" in result.stderr


def test_an_unknown_inference_is_a_usage_error(kg):
    result = kg("validate", "--infer", "owl-full", CONFORMING)
    assert result.exit_code == 2
    assert "Invalid value for '--infer'" in result.stderr


# --- Terms belong in the ontology; a warning right for a node may be acknowledged ---

PREFIXES = """\
@prefix nkd:     <https://w3id.org/nkdefectors/ontology#> .
@prefix nk:      <https://w3id.org/nkdefectors/id/> .
@prefix nkv:     <https://w3id.org/nkdefectors/vocab/> .
@prefix nksh:    <https://w3id.org/nkdefectors/shapes#> .
@prefix owl:     <http://www.w3.org/2002/07/owl#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""
MEASURE_IN_DATA = """
nkv:measure-elite-defectors a nkd:Measure ;
    skos:prefLabel "elite defectors"@en ;
    skos:definition "Officials and diplomats who defect."@en ;
    skos:inScheme nkv:measure .
"""
PROPERTY_IN_DATA = """
nkd:eliteCount a owl:DatatypeProperty ;
    rdfs:label "elite count"@en .
"""
ANONYMOUS = """
nk:source-anonymous a nkd:SourceDocument ;
    rdfs:label "Defections rise"@en ;
    dcterms:title "Defections rise"@en ;
    dcterms:issued "2025-03-10"^^xsd:date ;
    dcterms:publisher nk:kei .
"""
ACKNOWLEDGEMENT = """
nk:source-anonymous nkd:acknowledgedWarning nksh:SourceDocumentShape-creator-present .
"""


def written(tmp_path: Path, *parts: str) -> Path:
    path = tmp_path / "new.ttl"
    path.write_text(PREFIXES + "".join(parts), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("snippet", "term"),
    [(MEASURE_IN_DATA, "nkv:measure-elite-defectors"), (PROPERTY_IN_DATA, "nkd:eliteCount")],
    ids=["measure", "property"],
)
def test_a_term_of_the_ontology_described_in_a_data_file_is_a_violation(
    snippet, term, tmp_path, kg
):
    result = kg("validate", written(tmp_path, snippet))
    assert result.exit_code == 1, result.output
    assert f"  Violation: (node): {term} is a term of the ontology, described here in a " in (
        result.stdout
    )
    assert "add measures and other controlled values to ontology/vocabularies.ttl" in (
        result.stdout
    )
    assert result.stdout.endswith(
        "(nksh:TermInDataCheck)\n1 violation, 0 warnings in 1 of 1 new nodes\n"
    )


def test_an_anonymous_document_warns_of_its_missing_author(tmp_path, kg):
    result = kg("validate", "--strict", written(tmp_path, ANONYMOUS))
    assert result.exit_code == 1, result.output
    assert "  Warning: dcterms:creator: This source document has no dcterms:creator" in (
        result.stdout
    )
    assert "(nksh:SourceDocumentShape-creator-present)\n" in result.stdout


def test_an_acknowledged_warning_is_info_and_passes_strict(tmp_path, kg):
    result = kg(
        "validate", "--strict", "--format", "json", written(tmp_path, ANONYMOUS, ACKNOWLEDGEMENT)
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["violations"], report["warnings"], report["infos"]) == (0, 0, 1)
    [finding] = report["nodes"][0]["findings"]
    assert finding["shape"] == "nksh:SourceDocumentShape-creator-present"
    assert "Acknowledged for this node by nkd:acknowledgedWarning" in finding["message"]


def test_acknowledging_one_warning_leaves_the_others(tmp_path, kg):
    other = ACKNOWLEDGEMENT.replace("creator-present", "issued-present")
    result = kg("validate", "--strict", written(tmp_path, ANONYMOUS, other))
    assert result.exit_code == 1, result.output
    assert "  Warning: dcterms:creator: This source document has no dcterms:creator" in (
        result.stdout
    )


def test_a_violation_cannot_be_acknowledged(tmp_path, kg):
    acknowledged = MEASURE_IN_DATA + (
        "nkv:measure-elite-defectors nkd:acknowledgedWarning nksh:TermInDataCheck .\n"
    )
    result = kg("validate", written(tmp_path, acknowledged))
    assert result.exit_code == 1, result.output


def test_rdfs_inference_does_not_make_a_described_document_a_fact(tmp_path, kg):
    described = ANONYMOUS.replace(
        "dcterms:publisher nk:kei .",
        'dcterms:publisher nk:kei ;\n    nkd:description "A short newspaper report."@en .',
    )
    result = kg("validate", "--infer", "rdfs", written(tmp_path, described, ACKNOWLEDGEMENT))
    assert result.exit_code == 0, result.output
    assert "nksh:FactShape" not in result.stdout
