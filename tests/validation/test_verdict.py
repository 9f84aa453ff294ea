"""The verdict of ``kg validate`` and ``kg add`` on what a full validation reports and a
restricted one missed: values checked through ``sh:node``, warnings inside ``sh:or``, existing
nodes whose shapes read a new triple, and literals read as their files write them."""

import shutil
from pathlib import Path

import pytest

from kg.graph import paths

ARTICLE = Path(__file__).parents[1] / "fixtures" / "cli" / "data"
VERDICT = Path(__file__).parents[1] / "fixtures" / "verdict"

PREFIXES = """\
@prefix nkd:     <https://w3id.org/nkdefectors/ontology#> .
@prefix nk:      <https://w3id.org/nkdefectors/id/> .
@prefix nkv:     <https://w3id.org/nkdefectors/vocab/> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix time:    <http://www.w3.org/2006/time#> .
"""
PROVENANCE = """nkd:certainty nkv:certainty-stated ;
    dcterms:source nk:source-kei-peninsula-2024-09-03 ;
    nkd:evidence nk:ev-defection-ri-il-kyu-1"""


def new_file(tmp_path: Path, turtle: str) -> Path:
    path = tmp_path / "new.ttl"
    path.write_text(PREFIXES + turtle, encoding="utf-8")
    return path


def test_a_string_where_an_agent_is_required_is_a_violation(tmp_path, kg):
    claim = new_file(
        tmp_path,
        f"""nk:claim-by-a-string a nkd:Claim ;
            nkd:statement "Diplomats defect."@en ;
            nkd:about nk:ri-il-kyu ;
            nkd:assertedBy "Robert R. King" ;
            {PROVENANCE} .""",
    )
    result = kg("validate", claim)
    assert result.exit_code == 1
    assert "Violation: nkd:assertedBy: A fact needs at least one nkd:assertedBy" in result.stdout
    assert "[value: Robert R. King] (nksh:FactShape-assertedBy)" in result.stdout


def test_an_event_located_at_a_person_is_a_violation(tmp_path, kg):
    event = new_file(
        tmp_path,
        f"""nk:arrest-located-at-a-person a nkd:Arrest ;
            rdfs:label "an arrest"@en ;
            nkd:subject nk:ri-il-kyu ;
            nkd:location nk:robert-r-king ;
            nkd:assertedBy nk:robert-r-king ;
            {PROVENANCE} .""",
    )
    result = kg("validate", event)
    assert result.exit_code == 1
    assert "[value: nk:robert-r-king] (nksh:EventShape-location)" in result.stdout


def test_an_organisation_without_a_name_is_warned_and_strict_refuses_it(tmp_path, kg):
    body = new_file(tmp_path, "nk:nameless-office a nkd:GovernmentBody .")
    result = kg("validate", body)
    assert result.exit_code == 0
    assert "Warning: (node): This node has no name" in result.stdout
    assert "(nksh:NamedNodeShape)" in result.stdout
    assert kg("validate", "--strict", body).exit_code == 1


def test_a_new_beginning_of_an_existing_interval_revalidates_its_posting(tmp_path, kg):
    beginning = new_file(
        tmp_path, "nk:posting-ri-il-kyu-havana-interval time:hasBeginning nk:date-2024-02 ."
    )
    result = kg("validate", beginning)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "in the graph: nk:posting-ri-il-kyu-havana "
        '"Ri Il-kyu, counselor for political affairs at the North Korean embassy in Havana"'
    )
    assert (
        "  Violation: (node): The posting ends (2023-11) before it begins (2024-02): "
        "check the dates of its interval. [value: nk:posting-ri-il-kyu-havana-interval] "
        "(nksh:PostingChronologyShape)"
    ) in lines
    # It also begins after its holder defected from that embassy.
    assert any("(nksh:PostingAfterDefectionShape)" in line for line in lines)
    assert lines[-1] == "2 violations, 0 warnings in 0 of 1 new nodes and 1 existing node"


@pytest.fixture
def summit(tmp_path) -> Path:
    """A data folder whose event has an ordinal written as xsd:positiveInteger."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(ARTICLE / "kei-peninsula-2024-09-03.ttl", data)
    shutil.copy(VERDICT / "summit.ttl", data)
    return data


def test_literals_are_read_as_written_not_as_the_store_keeps_them(summit, tmp_path, kg):
    assert kg("validate", summit / "summit.ttl", data=summit).exit_code == 0
    label = new_file(tmp_path, 'nk:summit-hanoi-2019 skos:altLabel "Hanoi summit"@en .')
    result = kg("validate", label, data=summit)
    assert result.exit_code == 0, result.stdout
    assert result.stdout == "conforms: 1 new nodes checked, no violations, no warnings\n"


def test_re_adding_an_unchanged_block_is_a_no_op_that_conforms(summit, kg):
    block = summit.parent / "again.ttl"
    shutil.copy(summit / "summit.ttl", block)
    before = (summit / "summit.ttl").read_bytes()
    result = kg("add", block, "--source", "summit", data=summit)
    assert result.exit_code == 0, result.output
    assert "nothing to add" in result.stdout
    assert (summit / "summit.ttl").read_bytes() == before


@pytest.mark.parametrize("path", sorted(paths.data_dir().glob("*.ttl")), ids=lambda path: path.name)
def test_every_data_file_of_ours_validates(path, kg):
    result = kg("validate", path, data=None)
    assert result.exit_code == 0, result.stdout
