"""A comparative claim already in the graph stays valid when a new file adds to it: the store
keeps its xsd:positiveInteger position as an xsd:integer, and the claim is checked as the
store has it."""

import shutil
from pathlib import Path

import pytest

ARTICLE_DATA = Path(__file__).parents[1] / "fixtures" / "cli" / "data"
PREFIXES = """\
@prefix nk: <https://w3id.org/nkdefectors/id/> .
@prefix nkd: <https://w3id.org/nkdefectors/ontology#> .
@prefix nkv: <https://w3id.org/nkdefectors/vocab/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
CLAIM = """
nk:claim-ri-il-kyu-most-recent-defection a nkd:ComparativeClaim ;
    nkd:statement "Ri Il-kyu's defection is the most recent case of a senior North Korean diplomat defecting while serving abroad."@en ;
    nkd:rankedEntity nk:defection-ri-il-kyu ;
    nkd:rankPosition "1"^^xsd:positiveInteger ;
    nkd:criterion nkv:criterion-recency ;
    nkd:comparisonSet "defections of senior North Korean diplomats while serving abroad"@en ;
    nkd:about nk:ri-il-kyu , nk:defection-ri-il-kyu ;
    nkd:assertedBy nk:robert-r-king ;
    nkd:certainty nkv:certainty-stated ;
    dcterms:source nk:source-kei-peninsula-2024-09-03 ;
    nkd:evidence nk:ev-claim-ri-il-kyu-most-recent-defection-1 .

nk:ev-claim-ri-il-kyu-most-recent-defection-1 a nkd:Evidence ;
    oa:exact "The most recent defection by a North Korean diplomat involves Ri Il-kyu" ;
    prov:wasQuotedFrom nk:source-kei-peninsula-2024-09-03 .
"""  # noqa: E501 — the statement as the article's graph writes it
SECOND_QUOTE = """
nk:claim-ri-il-kyu-most-recent-defection nkd:evidence nk:ev-claim-ri-il-kyu-most-recent-defection-2 .

nk:ev-claim-ri-il-kyu-most-recent-defection-2 a nkd:Evidence ;
    oa:exact "Although Counselor Ri Il-kyu's defection is the most recent case of a senior North Korean diplomat defecting while serving abroad" ;
    prov:wasQuotedFrom nk:source-kei-peninsula-2024-09-03 .
"""  # noqa: E501 — a quotation is one line


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(ARTICLE_DATA, target)
    (target / "comparisons.ttl").write_text(PREFIXES + CLAIM, encoding="utf-8")
    return target


def test_a_quote_added_to_a_comparative_claim_in_the_graph_conforms(kg, data, tmp_path):
    new = tmp_path / "second-quote.ttl"
    new.write_text(PREFIXES + SECOND_QUOTE, encoding="utf-8")
    result = kg("validate", new, data=data)
    assert result.exit_code == 0, result.output
    assert "rankPosition" not in result.output


def test_a_position_that_is_not_a_number_is_refused(kg, data, tmp_path):
    new = tmp_path / "wordy.ttl"
    new.write_text(
        PREFIXES
        + SECOND_QUOTE
        + '\nnk:claim-ri-il-kyu-most-recent-defection nkd:rankPosition "first" .\n',
        encoding="utf-8",
    )
    result = kg("validate", new, data=data)
    assert result.exit_code == 1, result.output
    assert "nksh:ComparativeClaimShape-rankPosition" in result.output
