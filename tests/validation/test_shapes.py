"""The SHACL shapes in ontology/shapes.ttl.

Each rule has a small example that breaks it and is reported by exactly the expected shape,
focus node and severity, and each class has an example that conforms. The examples are added
to a small conforming world (tests/fixtures/shapes/base.ttl) together with the ontology and
its controlled lists, and validated in one run: validating each example on its own would
repeat the whole-graph rules (undefined references, duplicates) a hundred and fifty times.
Examples describe only their own nodes, so a result belongs to the example whose node it is
about; the tests below check that no result falls outside the examples.

The article graph conforms (no Violations) as asserted, with RDFS inference and with its
OWL RL closure added.
"""

from dataclasses import dataclass
from string import Template

import owlrl
import pytest
from pyshacl import validate
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import BNode, Node

from kg.graph import paths
from kg.graph.namespaces import GRAPH, NK, NKSH, NKV, ONTOLOGY_GRAPH, SHAPES_GRAPH

FIXTURES = paths.PROJECT_ROOT / "tests" / "fixtures" / "shapes"

PREFIXES = """\
@prefix nkd:     <https://w3id.org/nkdefectors/ontology#> .
@prefix nk:      <https://w3id.org/nkdefectors/id/> .
@prefix nkv:     <https://w3id.org/nkdefectors/vocab/> .
@prefix graph:   <https://w3id.org/nkdefectors/graph/> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix org:     <http://www.w3.org/ns/org#> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix time:    <http://www.w3.org/2006/time#> .
@prefix oa:      <http://www.w3.org/ns/oa#> .
@prefix owl:     <http://www.w3.org/2002/07/owl#> .
@prefix foaf:    <http://xmlns.com/foaf/0.1/> .
@prefix schema:  <https://schema.org/> .
@prefix cito:    <http://purl.org/spar/cito/> .
"""

# The provenance every fact needs, pointing into the base world.
PROVENANCE = """nkd:assertedBy nk:author ;
    nkd:certainty nkv:certainty-stated ;
    dcterms:source nk:source-test ;
    nkd:evidence nk:ev-base"""

CURIES = {"nk": NK, "nkv": NKV, "graph": GRAPH}
SEVERITIES = {"Violation": SH.Violation, "Warning": SH.Warning}


@dataclass(frozen=True)
class Example:
    """Turtle for a few new nodes, and the results (shape, focus node, severity) it must give."""

    name: str
    turtle: str
    expected: frozenset[tuple[str, str, str]] = frozenset()

    def graph(self) -> Graph:
        text = PREFIXES + Template(self.turtle).substitute(provenance=PROVENANCE)
        return Graph().parse(data=text, format="turtle")

    def expected_results(self) -> set[tuple[URIRef, URIRef, URIRef]]:
        return {
            (NKSH[shape], expand(focus), SEVERITIES[severity])
            for shape, focus, severity in self.expected
        }


def expand(curie: str) -> URIRef:
    """``posting-x`` is ``nk:posting-x``; other namespaces are written as CURIEs."""
    prefix, _, local = curie.rpartition(":")
    return URIRef(CURIES[prefix or "nk"] + local)


def example(name: str, turtle: str, *expected: tuple[str, str, str]) -> Example:
    return Example(name, turtle, frozenset(expected))


def V(shape: str, focus: str) -> tuple[str, str, str]:
    return (shape, focus, "Violation")


def W(shape: str, focus: str) -> tuple[str, str, str]:
    return (shape, focus, "Warning")


# --- Examples that break one rule each (a few break two related rules, and say so) ---

VIOLATIONS = [
    # Facts and their provenance
    example(
        "fact-without-evidence",
        """nk:claim-no-evidence a nkd:Claim ;
            nkd:statement "Few refugees come from Pyongyang."@en ;
            nkd:about nk:dprk ;
            nkd:assertedBy nk:author ;
            nkd:certainty nkv:certainty-stated ;
            dcterms:source nk:source-test .""",
        V("FactShape-evidence", "claim-no-evidence"),
    ),
    example(
        "fact-whose-evidence-is-not-an-evidence-node",
        """nk:claim-evidence-is-document a nkd:Claim ;
            nkd:statement "Few refugees come from Pyongyang."@en ;
            nkd:about nk:dprk ;
            nkd:assertedBy nk:author ;
            nkd:certainty nkv:certainty-stated ;
            dcterms:source nk:source-test ;
            nkd:evidence nk:source-test .""",
        V("FactShape-evidence", "claim-evidence-is-document"),
    ),
    example(
        "fact-without-source",
        """nk:claim-no-source a nkd:Claim ;
            nkd:statement "Few refugees come from Pyongyang."@en ;
            nkd:about nk:dprk ;
            nkd:assertedBy nk:author ;
            nkd:certainty nkv:certainty-stated ;
            nkd:evidence nk:ev-base .""",
        V("FactShape-source", "claim-no-source"),
        # Its evidence is quoted from nk:source-test, which is then not among its sources.
        V("FactEvidenceSourceShape", "claim-no-source"),
    ),
    example(
        "fact-without-certainty",
        """nk:claim-no-certainty a nkd:Claim ;
            nkd:statement "Few refugees come from Pyongyang."@en ;
            nkd:about nk:dprk ;
            nkd:assertedBy nk:author ;
            dcterms:source nk:source-test ;
            nkd:evidence nk:ev-base .""",
        V("FactShape-certainty", "claim-no-certainty"),
    ),
    example(
        "fact-with-two-certainties",
        """nk:claim-two-certainties a nkd:Claim ;
            nkd:statement "Few refugees come from Pyongyang."@en ;
            nkd:about nk:dprk ;
            nkd:certainty nkv:certainty-likely ;
            $provenance .""",
        V("FactShape-certainty", "claim-two-certainties"),
    ),
    example(
        "fact-whose-certainty-is-not-a-certainty-level",
        """nk:claim-certainty-outcome a nkd:Claim ;
            nkd:statement "Few refugees come from Pyongyang."@en ;
            nkd:about nk:dprk ;
            nkd:assertedBy nk:author ;
            nkd:certainty nkv:outcome-won ;
            dcterms:source nk:source-test ;
            nkd:evidence nk:ev-base .""",
        V("FactShape-certainty", "claim-certainty-outcome"),
    ),
    example(
        "fact-without-asserting-agent",
        """nk:claim-no-asserter a nkd:Claim ;
            nkd:statement "Few refugees come from Pyongyang."@en ;
            nkd:about nk:dprk ;
            nkd:certainty nkv:certainty-stated ;
            dcterms:source nk:source-test ;
            nkd:evidence nk:ev-base .""",
        V("FactShape-assertedBy", "claim-no-asserter"),
    ),
    example(
        "fact-asserted-by-a-name-in-a-string",
        """nk:claim-asserter-string a nkd:Claim ;
            nkd:statement "Few refugees come from Pyongyang."@en ;
            nkd:about nk:dprk ;
            nkd:assertedBy "Robert R. King" ;
            nkd:certainty nkv:certainty-stated ;
            dcterms:source nk:source-test ;
            nkd:evidence nk:ev-base .""",
        V("FactShape-assertedBy", "claim-asserter-string"),
    ),
    example(
        "fact-on-account-of-a-city",
        """nk:claim-account-city a nkd:Claim ;
            nkd:statement "Few refugees come from Pyongyang."@en ;
            nkd:about nk:dprk ;
            nkd:onAccountOf nk:havana ;
            $provenance .""",
        V("FactShape-onAccountOf", "claim-account-city"),
    ),
    example(
        "fact-whose-account-basis-is-not-a-basis",
        """nk:claim-basis-outcome a nkd:Claim ;
            nkd:statement "Few refugees come from Pyongyang."@en ;
            nkd:about nk:dprk ;
            nkd:accountBasis nkv:outcome-lost ;
            $provenance .""",
        V("FactShape-accountBasis", "claim-basis-outcome"),
    ),
    example(
        "fact-with-untagged-description",
        """nk:claim-untagged-description a nkd:Claim ;
            nkd:statement "Few refugees come from Pyongyang."@en ;
            nkd:about nk:dprk ;
            nkd:description "Travel within the country needs approval." ;
            $provenance .""",
        V("FactShape-description", "claim-untagged-description"),
    ),
    example(
        "reported-fact-without-whose-account",
        """nk:claim-reported-anonymous a nkd:Claim ;
            nkd:statement "Relatives of defectors are punished."@en ;
            nkd:about nk:dprk ;
            nkd:assertedBy nk:author ;
            nkd:certainty nkv:certainty-reported ;
            dcterms:source nk:source-test ;
            nkd:evidence nk:ev-base .""",
        W("ReportedFactShape-onAccountOf", "claim-reported-anonymous"),
    ),
    example(
        "evidence-quoted-from-a-document-that-is-not-the-fact-source",
        """nk:claim-quoted-elsewhere a nkd:Claim ;
            nkd:statement "Few refugees come from Pyongyang."@en ;
            nkd:about nk:dprk ;
            nkd:assertedBy nk:author ;
            nkd:certainty nkv:certainty-stated ;
            dcterms:source nk:source-test ;
            nkd:evidence nk:ev-quoted-elsewhere .
        nk:ev-quoted-elsewhere a nkd:Evidence ;
            oa:exact "Few are from Pyongyang." ;
            prov:wasQuotedFrom nk:source-elsewhere .
        nk:source-elsewhere a nkd:SourceDocument ;
            dcterms:title "Another report"@en ;
            dcterms:creator nk:author ;
            dcterms:issued "2024-01-01"^^xsd:date .""",
        V("FactEvidenceSourceShape", "claim-quoted-elsewhere"),
    ),
    # Evidence
    example(
        "evidence-without-exact-words",
        """nk:claim-ev-no-exact a nkd:Claim ;
            nkd:statement "Few refugees come from Pyongyang."@en ;
            nkd:about nk:dprk ;
            $provenance , nk:ev-no-exact .
        nk:ev-no-exact a nkd:Evidence ;
            prov:wasQuotedFrom nk:source-test .""",
        V("EvidenceShape-exact", "ev-no-exact"),
    ),
    example(
        "evidence-with-language-tagged-words",
        """nk:claim-ev-tagged a nkd:Claim ;
            nkd:statement "Few refugees come from Pyongyang."@en ;
            nkd:about nk:dprk ;
            $provenance , nk:ev-tagged .
        nk:ev-tagged a nkd:Evidence ;
            oa:exact "Few are from Pyongyang"@en ;
            prov:wasQuotedFrom nk:source-test .""",
        V("EvidenceShape-exact", "ev-tagged"),
    ),
    example(
        "evidence-with-blank-words",
        """nk:claim-ev-blank a nkd:Claim ;
            nkd:statement "Few refugees come from Pyongyang."@en ;
            nkd:about nk:dprk ;
            $provenance , nk:ev-blank .
        nk:ev-blank a nkd:Evidence ;
            oa:exact "   " ;
            prov:wasQuotedFrom nk:source-test .""",
        V("EvidenceShape-exact", "ev-blank"),
    ),
    example(
        "evidence-without-document",
        """nk:claim-ev-no-document a nkd:Claim ;
            nkd:statement "Few refugees come from Pyongyang."@en ;
            nkd:about nk:dprk ;
            $provenance , nk:ev-no-document .
        nk:ev-no-document a nkd:Evidence ;
            oa:exact "Few are from Pyongyang" .""",
        V("EvidenceShape-quotedFrom", "ev-no-document"),
    ),
    example(
        "evidence-with-two-prefixes",
        """nk:claim-ev-prefixes a nkd:Claim ;
            nkd:statement "Few refugees come from Pyongyang."@en ;
            nkd:about nk:dprk ;
            $provenance , nk:ev-prefixes .
        nk:ev-prefixes a nkd:Evidence ;
            oa:exact "Few are from Pyongyang" ;
            oa:prefix "positions. " , "economic positions. " ;
            prov:wasQuotedFrom nk:source-test .""",
        V("EvidenceShape-prefix", "ev-prefixes"),
    ),
    example(
        "evidence-with-tagged-suffix",
        """nk:claim-ev-suffix a nkd:Claim ;
            nkd:statement "Few refugees come from Pyongyang."@en ;
            nkd:about nk:dprk ;
            $provenance , nk:ev-suffix .
        nk:ev-suffix a nkd:Evidence ;
            oa:exact "Few are from Pyongyang" ;
            oa:suffix " because"@en ;
            prov:wasQuotedFrom nk:source-test .""",
        V("EvidenceShape-suffix", "ev-suffix"),
    ),
    example(
        "evidence-that-supports-no-fact",
        """nk:ev-unused a nkd:Evidence ;
            oa:exact "Few are from Pyongyang" ;
            prov:wasQuotedFrom nk:source-test .""",
        W("UnusedEvidenceShape", "ev-unused"),
    ),
    # Source documents and graphs
    example(
        "source-document-without-title",
        """nk:source-no-title a nkd:SourceDocument ;
            dcterms:creator nk:author ;
            dcterms:issued "2024-01-01"^^xsd:date .""",
        V("SourceDocumentShape-title", "source-no-title"),
    ),
    example(
        "source-document-whose-creator-is-a-string",
        """nk:source-creator-string a nkd:SourceDocument ;
            dcterms:title "A report"@en ;
            dcterms:creator "Robert R. King" ;
            dcterms:issued "2024-01-01"^^xsd:date .""",
        V("SourceDocumentShape-creator", "source-creator-string"),
    ),
    example(
        "source-document-without-creator",
        """nk:source-anonymous a nkd:SourceDocument ;
            dcterms:title "A report"@en ;
            dcterms:issued "2024-01-01"^^xsd:date .""",
        W("SourceDocumentShape-creator-present", "source-anonymous"),
    ),
    example(
        "source-document-issued-as-words",
        """nk:source-issued-words a nkd:SourceDocument ;
            dcterms:title "A report"@en ;
            dcterms:creator nk:author ;
            dcterms:issued "September 3, 2024" .""",
        V("SourceDocumentShape-issued", "source-issued-words"),
    ),
    example(
        "source-document-without-issue-date",
        """nk:source-undated a nkd:SourceDocument ;
            dcterms:title "A report"@en ;
            dcterms:creator nk:author .""",
        W("SourceDocumentShape-issued-present", "source-undated"),
    ),
    example(
        "source-document-whose-publisher-is-a-string",
        """nk:source-publisher-string a nkd:SourceDocument ;
            dcterms:title "A report"@en ;
            dcterms:creator nk:author ;
            dcterms:issued "2024-01-01"^^xsd:date ;
            dcterms:publisher "Korea Economic Institute of America" .""",
        V("SourceDocumentShape-publisher", "source-publisher-string"),
    ),
    example(
        "source-document-part-of-a-city",
        """nk:source-part-of-city a nkd:SourceDocument ;
            dcterms:title "A report"@en ;
            dcterms:creator nk:author ;
            dcterms:issued "2024-01-01"^^xsd:date ;
            dcterms:isPartOf nk:havana .""",
        V("SourceDocumentShape-isPartOf", "source-part-of-city"),
    ),
    example(
        "source-document-with-two-captures",
        """nk:source-two-captures a nkd:SourceDocument ;
            dcterms:title "A report"@en ;
            dcterms:creator nk:author ;
            dcterms:issued "2024-01-01"^^xsd:date ;
            nkd:capturedAs "sources/a.txt" , "sources/b.txt" .""",
        V("SourceDocumentShape-capturedAs", "source-two-captures"),
    ),
    example(
        "source-document-capture-digest-not-hexadecimal",
        """nk:source-bad-digest a nkd:SourceDocument ;
            dcterms:title "A report"@en ;
            dcterms:creator nk:author ;
            dcterms:issued "2024-01-01"^^xsd:date ;
            nkd:capturedAs "sources/a.txt" ;
            nkd:captureSha256 "2840C1DCD9FBA62ED96DE326E0FE1E5483271CCE4BC971DF63F3CBBA25E31B9" .
""",
        V("SourceDocumentShape-captureSha256", "source-bad-digest"),
    ),
    example(
        "source-document-image-credited-to-a-city",
        """nk:source-image-city a nkd:SourceDocument ;
            dcterms:title "A report"@en ;
            dcterms:creator nk:author ;
            dcterms:issued "2024-01-01"^^xsd:date ;
            nkd:imageCredit nk:havana .""",
        V("SourceDocumentShape-imageCredit", "source-image-city"),
    ),
    example(
        "source-graph-without-document",
        """graph:example-no-document a nkd:SourceGraph ;
            prov:wasGeneratedBy nk:curation-no-document .
        nk:curation-no-document a prov:Activity .""",
        V("SourceGraphShape-derivedFrom", "graph:example-no-document"),
    ),
    example(
        "source-graph-without-process",
        """graph:example-no-process a nkd:SourceGraph ;
            prov:wasDerivedFrom nk:source-test .""",
        V("SourceGraphShape-generatedBy", "graph:example-no-process"),
    ),
    example(
        "source-graph-modified-twice",
        """graph:example-two-dates a nkd:SourceGraph ;
            prov:wasDerivedFrom nk:source-test ;
            prov:wasGeneratedBy nk:curation-two-dates ;
            dcterms:modified "2026-11-01"^^xsd:date , "2026-11-02"^^xsd:date .
        nk:curation-two-dates a prov:Activity .""",
        V("SourceGraphShape-modified", "graph:example-two-dates"),
    ),
    # Names, persons and groups
    example(
        "organisation-without-name",
        """nk:party-unnamed a nkd:PoliticalParty .""",
        W("NamedNodeShape", "party-unnamed"),
    ),
    example(
        "person-without-preferred-name",
        """nk:person-unnamed a nkd:Person ;
            skos:altLabel "the diplomat serving in Beijing"@en .""",
        V("PersonShape-prefLabel", "person-unnamed"),
    ),
    example(
        "person-with-two-english-preferred-names",
        """nk:person-two-names a nkd:Person ;
            skos:prefLabel "Kang Myong-do"@en , "Kang Myong Do"@en .""",
        V("PersonShape-prefLabel", "person-two-names"),
    ),
    example(
        "person-whose-name-has-no-language-tag",
        """nk:person-untagged a nkd:Person ;
            skos:prefLabel "Ryu Hyun-woo" .""",
        V("PersonShape-prefLabel", "person-untagged"),
    ),
    example(
        "person-whose-other-name-has-no-language-tag",
        """nk:person-untagged-alt a nkd:Person ;
            skos:prefLabel "Ri Son-gwon"@en ;
            skos:altLabel "Ri Son Gwon" .""",
        V("PersonShape-altLabel", "person-untagged-alt"),
    ),
    example(
        "persons-whose-names-differ-only-in-spacing-case-and-hyphens",
        """nk:person-pak-chol-su a nkd:Person ;
            skos:prefLabel "Pak Chol-su"@en .
        nk:person-pak-cholsu a nkd:Person ;
            skos:prefLabel "PAK CHOLSU"@en .""",
        W("DuplicatePersonShape", "person-pak-chol-su"),
        W("DuplicatePersonShape", "person-pak-cholsu"),
    ),
    example(
        "person-whose-other-name-matches-another-person-but-for-apostrophes",
        """nk:person-o-yong-chol a nkd:Person ;
            skos:prefLabel "O Yong-chol"@en .
        nk:person-oyong-chol a nkd:Person ;
            skos:prefLabel "Kim O."@en ;
            skos:altLabel "O\u2019Yong Chol"@en .""",
        W("DuplicatePersonShape", "person-o-yong-chol"),
        W("DuplicatePersonShape", "person-oyong-chol"),
    ),
    example(
        "family-group-of-no-one",
        """nk:family-of-no-one a nkd:FamilyGroup ;
            rdfs:label "a family"@en .""",
        V("FamilyGroupShape-familyOf", "family-of-no-one"),
    ),
    example(
        "person-who-is-also-an-organisation",
        """nk:person-and-state a nkd:Person , nkd:State ;
            skos:prefLabel "Kim Jong-chol"@en .""",
        V("DisjointClassesShape", "person-and-state"),
        # A person that is an organisation or a place, whatever vocabulary types it so.
        V("PersonKindShape", "person-and-state"),
    ),
    example(
        "person-who-is-also-a-place",
        """nk:person-and-city a nkd:Person , nkd:City ;
            skos:prefLabel "Chang Un-gyong"@en .""",
        V("DisjointClassesShape", "person-and-city"),
        # A person that is an organisation or a place, whatever vocabulary types it so.
        V("PersonKindShape", "person-and-city"),
    ),
    example(
        "organisation-that-is-also-a-place",
        """nk:mission-and-facility a nkd:Embassy , nkd:Facility ;
            rdfs:label "the embassy building"@en ;
            nkd:sendingState nk:dprk ;
            nkd:hostCountry nk:cuba .""",
        V("DisjointClassesShape", "mission-and-facility"),
    ),
    # Organisations and missions
    example(
        "organisation-established-by-a-string",
        """nk:corporation-founder-string a nkd:PublicCorporation ;
            rdfs:label "an institute"@en ;
            nkd:establishedBy "the government" .""",
        V("OrganizationShape-establishedBy", "corporation-founder-string"),
    ),
    example(
        "organisation-registered-as-agent-of-a-person",
        """nk:think-tank-agent-of-person a nkd:ThinkTank ;
            rdfs:label "an institute"@en ;
            nkd:registeredAsAgentOf nk:ri-il-kyu .""",
        V("OrganizationShape-registeredAsAgentOf", "think-tank-agent-of-person"),
    ),
    example(
        "organisation-registration-law-with-language-tag",
        """nk:think-tank-law-tagged a nkd:ThinkTank ;
            rdfs:label "an institute"@en ;
            nkd:registrationLaw "FARA"@en .""",
        V("OrganizationShape-registrationLaw", "think-tank-law-tagged"),
    ),
    example(
        "government-body-part-of-a-city",
        """nk:ministry-of-city a nkd:GovernmentBody ;
            rdfs:label "a ministry"@en ;
            nkd:partOfState nk:havana .""",
        V("GovernmentBodyShape-partOfState", "ministry-of-city"),
    ),
    example(
        "government-body-of-no-state",
        """nk:ministry-stateless a nkd:GovernmentBody ;
            rdfs:label "a ministry"@en .""",
        W("GovernmentBodyShape-partOfState-present", "ministry-stateless"),
    ),
    example(
        "public-corporation-established-by-no-one",
        """nk:corporation-no-founder a nkd:PublicCorporation ;
            rdfs:label "a corporation"@en .""",
        W("PublicCorporationShape-establishedBy", "corporation-no-founder"),
    ),
    example(
        "mission-without-sending-state",
        """nk:embassy-no-sender a nkd:Embassy ;
            rdfs:label "an embassy"@en ;
            nkd:hostCountry nk:cuba .""",
        V("DiplomaticMissionShape-sendingState", "embassy-no-sender"),
    ),
    example(
        "mission-in-two-host-countries",
        """nk:embassy-two-hosts a nkd:Embassy ;
            rdfs:label "an embassy"@en ;
            nkd:sendingState nk:dprk ;
            nkd:hostCountry nk:cuba , nk:rok .""",
        V("DiplomaticMissionShape-hostCountry", "embassy-two-hosts"),
    ),
    example(
        "mission-whose-host-city-is-a-state",
        """nk:embassy-city-state a nkd:Embassy ;
            rdfs:label "an embassy"@en ;
            nkd:sendingState nk:dprk ;
            nkd:hostCountry nk:cuba ;
            nkd:hostCity nk:cuba .""",
        V("DiplomaticMissionShape-hostCity", "embassy-city-state"),
    ),
    example(
        "mission-accredited-to-a-state",
        """nk:mission-accredited-to-state a nkd:PermanentMission ;
            rdfs:label "a permanent mission"@en ;
            nkd:sendingState nk:dprk ;
            nkd:accreditedTo nk:cuba .""",
        V("DiplomaticMissionShape-accreditedTo", "mission-accredited-to-state"),
    ),
    example(
        "mission-without-host-country-or-organisation",
        """nk:mission-nowhere a nkd:DiplomaticMission ;
            rdfs:label "a mission"@en ;
            nkd:sendingState nk:dprk .""",
        V("DiplomaticMissionHostShape", "mission-nowhere"),
    ),
    example(
        "embassy-accredited-to-an-international-organisation",
        """nk:embassy-to-organisation a nkd:Embassy ;
            rdfs:label "an embassy"@en ;
            nkd:sendingState nk:dprk ;
            nkd:hostCountry nk:cuba ;
            nkd:accreditedTo nk:organisation-of-states .
        nk:organisation-of-states a nkd:InternationalOrganization ;
            rdfs:label "an organisation of states"@en .""",
        W("EmbassyShape-accreditedTo", "embassy-to-organisation"),
    ),
    example(
        "permanent-mission-accredited-to-no-organisation",
        """nk:mission-unaccredited a nkd:PermanentMission ;
            rdfs:label "a permanent mission"@en ;
            nkd:sendingState nk:dprk ;
            nkd:hostCountry nk:cuba .""",
        V("PermanentMissionShape-accreditedTo", "mission-unaccredited"),
    ),
    # Places
    example(
        "place-located-in-a-person",
        """nk:facility-in-person a nkd:Facility ;
            rdfs:label "a residence"@en ;
            nkd:locatedIn nk:ri-il-kyu .""",
        V("PlaceShape-locatedIn", "facility-in-person"),
    ),
    example(
        "city-located-in-a-city",
        """nk:city-in-city a nkd:City ;
            rdfs:label "a town"@en ;
            nkd:locatedIn nk:havana .""",
        V("CityShape-locatedIn", "city-in-city"),
    ),
    example(
        "district-in-no-city",
        """nk:district-nowhere a nkd:District ;
            rdfs:label "a district"@en .""",
        W("DistrictShape-locatedIn", "district-nowhere"),
    ),
    example(
        "facility-in-two-places",
        """nk:facility-two-places a nkd:Facility ;
            rdfs:label "an academy"@en ;
            nkd:locatedIn nk:havana , nk:seoul .""",
        V("FacilityShape-locatedIn", "facility-two-places"),
    ),
    # Controlled values
    example(
        "role-without-preferred-label",
        """nkv:role-example-unlabelled a nkd:Role ;
            skos:inScheme nkv:roles ;
            skos:definition "A role."@en .""",
        V("ConceptShape-prefLabel", "nkv:role-example-unlabelled"),
    ),
    example(
        "role-in-no-scheme",
        """nkv:role-example-unlisted a nkd:Role ;
            skos:prefLabel "attaché"@en ;
            skos:definition "A role."@en .""",
        V("ConceptShape-inScheme", "nkv:role-example-unlisted"),
    ),
    example(
        "role-without-definition",
        """nkv:role-example-undefined a nkd:Role ;
            skos:prefLabel "attaché"@en ;
            skos:inScheme nkv:roles .""",
        W("ConceptShape-definition", "nkv:role-example-undefined"),
    ),
    example(
        "concept-scheme-without-label",
        """nkv:example-unlabelled-scheme a skos:ConceptScheme .""",
        V("ConceptSchemeShape-prefLabel", "nkv:example-unlabelled-scheme"),
    ),
    # Posts and postings
    example(
        "post-in-no-organisation",
        """nk:post-nowhere a nkd:Post ;
            rdfs:label "a post"@en .""",
        V("PostShape-postIn", "post-nowhere"),
    ),
    example(
        "post-with-two-ranks",
        """nk:post-two-ranks a nkd:Post ;
            rdfs:label "a post"@en ;
            org:postIn nk:embassy-dprk-havana ;
            nkd:rank nkv:rank-vice-minister , nkv:outcome-won .""",
        V("PostShape-rank", "post-two-ranks"),
    ),
    example(
        "post-whose-role-is-a-rank",
        """nk:post-rank-as-role a nkd:Post ;
            rdfs:label "a post"@en ;
            org:postIn nk:embassy-dprk-havana ;
            org:role nkv:rank-vice-minister .""",
        V("PostShape-role", "post-rank-as-role"),
    ),
    example(
        "posting-without-member",
        """nk:posting-no-member a nkd:Posting ;
            org:organization nk:embassy-dprk-havana ;
            org:role nkv:role-diplomat ;
            $provenance .""",
        V("PostingShape-member", "posting-no-member"),
    ),
    example(
        "posting-held-by-an-organisation",
        """nk:posting-member-state a nkd:Posting ;
            org:member nk:cuba ;
            org:organization nk:embassy-dprk-havana ;
            org:role nkv:role-diplomat ;
            $provenance .""",
        V("PostingShape-member", "posting-member-state"),
    ),
    example(
        "posting-without-organisation",
        """nk:posting-no-organisation a nkd:Posting ;
            org:member nk:ri-il-kyu ;
            org:role nkv:role-diplomat ;
            $provenance .""",
        V("PostingShape-organization", "posting-no-organisation"),
    ),
    example(
        "posting-without-role",
        """nk:posting-no-role a nkd:Posting ;
            org:member nk:ri-il-kyu ;
            org:organization nk:embassy-dprk-havana ;
            $provenance .""",
        V("PostingShape-role", "posting-no-role"),
    ),
    example(
        "posting-whose-role-is-not-a-role",
        """nk:posting-role-outcome a nkd:Posting ;
            org:member nk:ri-il-kyu ;
            org:organization nk:embassy-dprk-havana ;
            org:role nkv:outcome-won ;
            $provenance .""",
        V("PostingShape-role", "posting-role-outcome"),
    ),
    example(
        "posting-filling-two-posts",
        """nk:posting-two-posts a nkd:Posting ;
            org:member nk:ri-il-kyu ;
            org:organization nk:embassy-dprk-havana ;
            org:role nkv:role-diplomat ;
            nkd:post nk:post-first , nk:post-second ;
            $provenance .
        nk:post-first a nkd:Post ;
            rdfs:label "first post"@en ;
            org:postIn nk:embassy-dprk-havana .
        nk:post-second a nkd:Post ;
            rdfs:label "second post"@en ;
            org:postIn nk:embassy-dprk-havana .""",
        V("PostingShape-post", "posting-two-posts"),
    ),
    example(
        "posting-with-two-intervals",
        """nk:posting-two-intervals a nkd:Posting ;
            org:member nk:ri-il-kyu ;
            org:organization nk:embassy-dprk-havana ;
            org:role nkv:role-diplomat ;
            org:memberDuring nk:interval-first , nk:interval-second ;
            $provenance .
        nk:interval-first a time:Interval ;
            time:hasBeginning nk:date-2016 .
        nk:interval-second a time:Interval ;
            time:hasEnd nk:date-2019-02 .""",
        V("PostingShape-memberDuring", "posting-two-intervals"),
    ),
    example(
        "posting-role-note-without-language-tag",
        """nk:posting-untagged-note a nkd:Posting ;
            org:member nk:ri-il-kyu ;
            org:organization nk:embassy-dprk-havana ;
            org:role nkv:role-diplomat ;
            nkd:roleNote "dealing with US issues" ;
            $provenance .""",
        V("PostingShape-roleNote", "posting-untagged-note"),
    ),
    example(
        "posting-that-ends-before-it-begins",
        """nk:posting-reversed a nkd:Posting ;
            org:member nk:ri-il-kyu ;
            org:organization nk:embassy-dprk-havana ;
            org:role nkv:role-diplomat ;
            org:memberDuring nk:posting-reversed-interval ;
            $provenance .
        nk:posting-reversed-interval a time:Interval ;
            time:hasBeginning nk:date-2019-02 ;
            time:hasEnd nk:date-2016 .""",
        V("PostingChronologyShape", "posting-reversed"),
    ),
    example(
        "defection-from-someone-else-s-posting",
        """nk:person-impostor a nkd:Person ;
            skos:prefLabel "Choe Kwang-il"@en .
        nk:defection-impostor a nkd:Defection ;
            nkd:subject nk:person-impostor ;
            nkd:fromPosting nk:posting-ri-il-kyu-havana ;
            time:hasTime nk:date-2016 ;
            $provenance .""",
        V("PostingHolderShape", "defection-impostor"),
    ),
    example(
        "posting-whose-post-is-in-another-organisation",
        """nk:posting-post-elsewhere a nkd:Posting ;
            org:member nk:ri-il-kyu ;
            org:organization nk:embassy-dprk-havana ;
            org:role nkv:role-secretary-general ;
            nkd:post nk:post-in-council ;
            $provenance .
        nk:post-in-council a nkd:Post ;
            rdfs:label "secretary general of a council"@en ;
            org:postIn nk:council-elsewhere .
        nk:council-elsewhere a nkd:GovernmentBody ;
            rdfs:label "a council"@en ;
            nkd:partOfState nk:rok .""",
        V("PostingPostShape", "posting-post-elsewhere"),
    ),
    # Intervals and dates
    example(
        "interval-with-two-beginnings",
        """nk:interval-two-beginnings a time:Interval ;
            time:hasBeginning nk:date-2016 , nk:date-2019-02 .""",
        V("IntervalShape-hasBeginning", "interval-two-beginnings"),
    ),
    example(
        "interval-ending-at-a-string",
        """nk:interval-end-string a time:Interval ;
            time:hasEnd "2019" .""",
        V("IntervalShape-hasEnd", "interval-end-string"),
    ),
    example(
        "date-without-stated-value",
        """nk:date-without-value a nkd:DateInstant ;
            time:unitType time:unitYear ;
            nkd:earliest "2016-01-01T00:00:00"^^xsd:dateTime ;
            nkd:latest "2016-12-31T23:59:59"^^xsd:dateTime .""",
        V("DateInstantShape", "date-without-value"),
    ),
    example(
        "date-with-a-day-and-a-year",
        """nk:date-day-and-year a nkd:DateInstant ;
            time:inXSDDate "2016-05-01"^^xsd:date ;
            time:inXSDgYear "2016"^^xsd:gYear ;
            time:unitType time:unitDay ;
            nkd:earliest "2016-05-01T00:00:00"^^xsd:dateTime ;
            nkd:latest "2016-05-01T23:59:59"^^xsd:dateTime .""",
        V("DateInstantShape", "date-day-and-year"),
        # A year date must also be precise to the year.
        V("YearDateShape-unit", "date-day-and-year"),
        # The year gives other bounds than the day.
        V("DateBoundsShape", "date-day-and-year"),
    ),
    example(
        "day-date-given-as-a-string",
        """nk:date-day-string a nkd:DateInstant ;
            time:inXSDDate "2018-11-10" ;
            time:unitType time:unitDay ;
            nkd:earliest "2018-11-10T00:00:00"^^xsd:dateTime ;
            nkd:latest "2018-11-10T23:59:59"^^xsd:dateTime .""",
        V("DayDateShape-value", "date-day-string"),
    ),
    example(
        "day-date-with-month-precision",
        """nk:date-day-unit-month a nkd:DateInstant ;
            time:inXSDDate "2018-11-10"^^xsd:date ;
            time:unitType time:unitMonth ;
            nkd:earliest "2018-11-10T00:00:00"^^xsd:dateTime ;
            nkd:latest "2018-11-10T23:59:59"^^xsd:dateTime .""",
        V("DayDateShape-unit", "date-day-unit-month"),
    ),
    example(
        "month-date-given-as-a-date",
        """nk:date-month-as-date a nkd:DateInstant ;
            time:inXSDgYearMonth "2019-02-01"^^xsd:date ;
            time:unitType time:unitMonth ;
            nkd:earliest "2019-02-01T00:00:00"^^xsd:dateTime ;
            nkd:latest "2019-02-28T23:59:59"^^xsd:dateTime .""",
        V("MonthDateShape-value", "date-month-as-date"),
        # "2019-02-01" read as a month gives the bounds of no month.
        V("DateBoundsShape", "date-month-as-date"),
    ),
    example(
        "month-date-with-day-precision",
        """nk:date-month-unit-day a nkd:DateInstant ;
            time:inXSDgYearMonth "2019-02"^^xsd:gYearMonth ;
            time:unitType time:unitDay ;
            nkd:earliest "2019-02-01T00:00:00"^^xsd:dateTime ;
            nkd:latest "2019-02-28T23:59:59"^^xsd:dateTime .""",
        V("MonthDateShape-unit", "date-month-unit-day"),
    ),
    example(
        "year-date-given-as-an-integer",
        """nk:date-year-integer a nkd:DateInstant ;
            time:inXSDgYear 2016 ;
            time:unitType time:unitYear ;
            nkd:earliest "2016-01-01T00:00:00"^^xsd:dateTime ;
            nkd:latest "2016-12-31T23:59:59"^^xsd:dateTime .""",
        V("YearDateShape-value", "date-year-integer"),
    ),
    example(
        "year-date-with-month-precision",
        """nk:date-year-unit-month a nkd:DateInstant ;
            time:inXSDgYear "2016"^^xsd:gYear ;
            time:unitType time:unitMonth ;
            nkd:earliest "2016-01-01T00:00:00"^^xsd:dateTime ;
            nkd:latest "2016-12-31T23:59:59"^^xsd:dateTime .""",
        V("YearDateShape-unit", "date-year-unit-month"),
    ),
    example(
        "date-without-precision",
        """nk:date-no-unit a nkd:DateInstant ;
            time:inXSDgYear "2016"^^xsd:gYear ;
            nkd:earliest "2016-01-01T00:00:00"^^xsd:dateTime ;
            nkd:latest "2016-12-31T23:59:59"^^xsd:dateTime .""",
        V("DateInstantShape-unitType", "date-no-unit"),
        V("YearDateShape-unit", "date-no-unit"),
    ),
    example(
        "date-without-earliest-bound",
        """nk:date-no-earliest a nkd:DateInstant ;
            time:inXSDgYear "2016"^^xsd:gYear ;
            time:unitType time:unitYear ;
            nkd:latest "2016-12-31T23:59:59"^^xsd:dateTime .""",
        V("DateInstantShape-earliest", "date-no-earliest"),
    ),
    example(
        "date-whose-latest-bound-is-a-date",
        """nk:date-latest-as-date a nkd:DateInstant ;
            time:inXSDgYear "2016"^^xsd:gYear ;
            time:unitType time:unitYear ;
            nkd:earliest "2016-01-01T00:00:00"^^xsd:dateTime ;
            nkd:latest "2016-12-31"^^xsd:date .""",
        V("DateInstantShape-latest", "date-latest-as-date"),
        V("DateBoundsShape", "date-latest-as-date"),
        # An xsd:date and an xsd:dateTime cannot be compared, so the order is not shown.
        V("DateInstantShape-order", "date-latest-as-date"),
    ),
    example(
        "date-whose-bounds-are-swapped",
        """nk:date-swapped a nkd:DateInstant ;
            time:inXSDgYear "2016"^^xsd:gYear ;
            time:unitType time:unitYear ;
            nkd:earliest "2016-12-31T23:59:59"^^xsd:dateTime ;
            nkd:latest "2016-01-01T00:00:00"^^xsd:dateTime .""",
        V("DateInstantShape-order", "date-swapped"),
        V("DateBoundsShape", "date-swapped"),
    ),
    example(
        "month-date-ending-on-a-day-february-lacks",
        """nk:date-2023-02-wrong-end a nkd:DateInstant ;
            time:inXSDgYearMonth "2023-02"^^xsd:gYearMonth ;
            time:unitType time:unitMonth ;
            nkd:earliest "2023-02-01T00:00:00"^^xsd:dateTime ;
            nkd:latest "2023-02-29T23:59:59"^^xsd:dateTime .""",
        V("DateBoundsShape", "date-2023-02-wrong-end"),
        # 29 February 2023 does not exist, so the bound is not even an xsd:dateTime.
        V("DateInstantShape-latest", "date-2023-02-wrong-end"),
    ),
    example(
        "leap-year-february-ending-on-the-28th",
        """nk:date-2024-02-short a nkd:DateInstant ;
            time:inXSDgYearMonth "2024-02"^^xsd:gYearMonth ;
            time:unitType time:unitMonth ;
            nkd:earliest "2024-02-01T00:00:00"^^xsd:dateTime ;
            nkd:latest "2024-02-28T23:59:59"^^xsd:dateTime .""",
        V("DateBoundsShape", "date-2024-02-short"),
    ),
    example(
        "day-date-whose-bounds-invent-another-day",
        """nk:date-day-wrong-bounds a nkd:DateInstant ;
            time:inXSDDate "2024-07-16"^^xsd:date ;
            time:unitType time:unitDay ;
            nkd:earliest "2024-07-01T00:00:00"^^xsd:dateTime ;
            nkd:latest "2024-07-16T23:59:59"^^xsd:dateTime .""",
        V("DateBoundsShape", "date-day-wrong-bounds"),
    ),
    example(
        "date-bounds-with-a-time-zone",
        """nk:date-zoned a nkd:DateInstant ;
            time:inXSDgYear "2016"^^xsd:gYear ;
            time:unitType time:unitYear ;
            nkd:earliest "2016-01-01T00:00:00Z"^^xsd:dateTime ;
            nkd:latest "2016-12-31T23:59:59Z"^^xsd:dateTime .""",
        V("DateBoundsShape", "date-zoned"),
    ),
    example(
        "date-with-two-approximations",
        """nk:date-two-approximations a nkd:DateInstant ;
            time:inXSDgYearMonth "2023-11"^^xsd:gYearMonth ;
            time:unitType time:unitMonth ;
            nkd:earliest "2023-11-01T00:00:00"^^xsd:dateTime ;
            nkd:latest "2023-11-30T23:59:59"^^xsd:dateTime ;
            nkd:approximation "late November"@en , "end of November"@en .""",
        V("DateInstantShape-approximation", "date-two-approximations"),
    ),
    # Events
    example(
        "event-with-two-dates",
        """nk:summit-two-dates a nkd:Summit ;
            nkd:participantState nk:dprk , nk:rok ;
            time:hasTime nk:date-2016 , nk:date-2019-02 ;
            $provenance .""",
        V("EventShape-hasTime", "summit-two-dates"),
    ),
    example(
        "event-dated-by-a-string",
        """nk:summit-date-string a nkd:Summit ;
            nkd:participantState nk:dprk , nk:rok ;
            time:hasTime "February 2019" ;
            $provenance .""",
        V("EventShape-hasTime", "summit-date-string"),
    ),
    example(
        "event-approximate-time-without-language-tag",
        """nk:resettlement-untagged-time a nkd:Resettlement ;
            nkd:subject nk:ri-il-kyu ;
            nkd:approximateTime "soon after" ;
            $provenance .""",
        V("EventShape-approximateTime", "resettlement-untagged-time"),
    ),
    example(
        "event-whose-subject-is-a-city",
        """nk:interview-of-city a nkd:Interview ;
            nkd:subject nk:havana ;
            $provenance .""",
        V("EventShape-subject", "interview-of-city"),
    ),
    example(
        "event-located-at-a-person",
        """nk:interview-at-person a nkd:Interview ;
            nkd:subject nk:ri-il-kyu ;
            nkd:location nk:author ;
            $provenance .""",
        V("EventShape-location", "interview-at-person"),
    ),
    example(
        "event-whose-destination-is-a-mission",
        """nk:resettlement-to-mission a nkd:Resettlement ;
            nkd:subject nk:ri-il-kyu ;
            nkd:destination nk:embassy-dprk-havana ;
            $provenance .""",
        V("EventShape-destination", "resettlement-to-mission"),
    ),
    example(
        "event-accompanied-by-a-string",
        """nk:return-accompanied-string a nkd:Return ;
            nkd:subject nk:ri-il-kyu ;
            nkd:accompaniedBy "female staff" ;
            $provenance .""",
        V("EventShape-accompaniedBy", "return-accompanied-string"),
    ),
    example(
        "event-assisted-by-a-city",
        """nk:resettlement-assisted-city a nkd:Resettlement ;
            nkd:subject nk:ri-il-kyu ;
            nkd:assistedBy nk:seoul ;
            $provenance .""",
        V("EventShape-assistedBy", "resettlement-assisted-city"),
    ),
    example(
        "event-before-a-person",
        """nk:interview-before-person a nkd:Interview ;
            nkd:subject nk:ri-il-kyu ;
            nkd:before nk:author ;
            $provenance .""",
        V("EventShape-before", "interview-before-person"),
    ),
    example(
        "event-related-to-a-posting",
        """nk:interview-related-posting a nkd:Interview ;
            nkd:subject nk:ri-il-kyu ;
            nkd:relatedEvent nk:posting-ri-il-kyu-havana ;
            $provenance .""",
        V("EventShape-relatedEvent", "interview-related-posting"),
    ),
    example(
        "event-method-without-language-tag",
        """nk:arrest-untagged-method a nkd:Arrest ;
            nkd:subject nk:ri-il-kyu ;
            nkd:method "by force" ;
            $provenance .""",
        V("EventShape-method", "arrest-untagged-method"),
    ),
    example(
        "event-reason-without-language-tag",
        """nk:arrest-untagged-reason a nkd:Arrest ;
            nkd:subject nk:ri-il-kyu ;
            nkd:reason "the failed summit" ;
            $provenance .""",
        V("EventShape-reason", "arrest-untagged-reason"),
    ),
    example(
        "event-ordinal-that-is-not-a-positive-integer",
        """nk:summit-ordinal-zero a nkd:Summit ;
            nkd:participantState nk:dprk , nk:rok ;
            nkd:ordinal 0 ;
            $provenance .""",
        V("EventShape-ordinal", "summit-ordinal-zero"),
    ),
    example(
        "event-outcome-that-is-not-an-outcome",
        """nk:summit-outcome-certainty a nkd:Summit ;
            nkd:participantState nk:dprk , nk:rok ;
            nkd:outcome nkv:certainty-stated ;
            $provenance .""",
        V("EventShape-outcome", "summit-outcome-certainty"),
    ),
    example(
        "event-participant-that-is-a-city",
        """nk:summit-city-participant a nkd:Summit ;
            nkd:participantState nk:dprk , nk:havana ;
            $provenance .""",
        V("EventShape-participantState", "summit-city-participant"),
    ),
    example(
        "event-beginning-two-postings",
        """nk:appointment-two-postings a nkd:Appointment ;
            nkd:subject nk:ri-il-kyu ;
            nkd:toPosting nk:posting-ri-il-kyu-havana , nk:posting-ri-il-kyu-second ;
            $provenance .
        nk:posting-ri-il-kyu-second a nkd:Posting ;
            org:member nk:ri-il-kyu ;
            org:organization nk:embassy-dprk-havana ;
            org:role nkv:role-diplomat ;
            $provenance .""",
        V("EventShape-toPosting", "appointment-two-postings"),
    ),
    example(
        "event-with-both-a-date-and-an-approximate-time",
        """nk:resettlement-dated-and-approximate a nkd:Resettlement ;
            nkd:subject nk:ri-il-kyu ;
            time:hasTime nk:date-2016 ;
            nkd:approximateTime "soon after"@en ;
            $provenance .""",
        W("ApproximateTimeShape-hasTime", "resettlement-dated-and-approximate"),
    ),
    example(
        "defection-without-defector",
        """nk:defection-no-one a nkd:Defection ;
            time:hasTime nk:date-2016 ;
            $provenance .""",
        V("DefectionShape-subject", "defection-no-one"),
    ),
    example(
        "defection-whose-subject-is-a-family",
        """nk:defection-of-family a nkd:Defection ;
            nkd:subject nk:family-defecting ;
            time:hasTime nk:date-2016 ;
            $provenance .
        nk:family-defecting a nkd:FamilyGroup ;
            rdfs:label "Ri Il-kyu's family"@en ;
            nkd:familyOf nk:ri-il-kyu .""",
        V("DefectionShape-subject", "defection-of-family"),
    ),
    example(
        "defection-from-two-postings",
        """nk:defection-two-postings a nkd:Defection ;
            nkd:subject nk:ri-il-kyu ;
            nkd:fromPosting nk:posting-ri-il-kyu-havana , nk:posting-ri-il-kyu-earlier ;
            time:hasTime nk:date-2023-11-late ;
            $provenance .
        nk:posting-ri-il-kyu-earlier a nkd:Posting ;
            org:member nk:ri-il-kyu ;
            org:organization nk:embassy-dprk-havana ;
            org:role nkv:role-diplomat ;
            $provenance .""",
        V("DefectionShape-fromPosting", "defection-two-postings"),
    ),
    example(
        "defection-leaving-behind-a-city",
        """nk:defection-left-city a nkd:Defection ;
            nkd:subject nk:ri-il-kyu ;
            nkd:leftBehind nk:havana ;
            time:hasTime nk:date-2023-11-late ;
            $provenance .""",
        V("DefectionShape-leftBehind", "defection-left-city"),
    ),
    example(
        "defection-without-date",
        """nk:defection-undated a nkd:Defection ;
            nkd:subject nk:ri-il-kyu ;
            $provenance .""",
        W("DefectionShape-hasTime", "defection-undated"),
    ),
    example(
        "resettlement-of-no-one",
        """nk:resettlement-no-one a nkd:Resettlement ;
            nkd:destination nk:seoul ;
            $provenance .""",
        V("ResettlementShape-subject", "resettlement-no-one"),
    ),
    example(
        "return-of-no-one",
        """nk:return-no-one a nkd:Return ;
            nkd:destination nk:dprk ;
            $provenance .""",
        V("ReturnShape-subject", "return-no-one"),
    ),
    example(
        "disclosure-of-nothing",
        """nk:disclosure-of-nothing a nkd:Disclosure ;
            nkd:isPublic true ;
            $provenance .""",
        V("DisclosureShape-discloses", "disclosure-of-nothing"),
    ),
    example(
        "disclosure-of-a-person",
        """nk:disclosure-of-person a nkd:Disclosure ;
            nkd:discloses nk:ri-il-kyu ;
            nkd:isPublic true ;
            $provenance .""",
        V("DisclosureShape-discloses", "disclosure-of-person"),
    ),
    example(
        "disclosure-neither-public-nor-private",
        """nk:disclosure-no-audience a nkd:Disclosure ;
            nkd:discloses nk:defection-ri-il-kyu ;
            $provenance .""",
        V("DisclosureShape-isPublic", "disclosure-no-audience"),
    ),
    example(
        "disclosure-public-in-words",
        """nk:disclosure-public-words a nkd:Disclosure ;
            nkd:discloses nk:defection-ri-il-kyu ;
            nkd:isPublic "yes" ;
            $provenance .""",
        V("DisclosureShape-isPublic", "disclosure-public-words"),
    ),
    example(
        "disclosure-means-that-is-not-a-means",
        """nk:disclosure-means-outcome a nkd:Disclosure ;
            nkd:discloses nk:defection-ri-il-kyu ;
            nkd:isPublic true ;
            nkd:means nkv:outcome-won ;
            $provenance .""",
        V("DisclosureShape-means", "disclosure-means-outcome"),
    ),
    example(
        "disclosure-made-by-a-city",
        """nk:disclosure-by-city a nkd:Disclosure ;
            nkd:discloses nk:defection-ri-il-kyu ;
            nkd:isPublic true ;
            nkd:disclosedBy nk:seoul ;
            $provenance .""",
        V("DisclosureShape-disclosedBy", "disclosure-by-city"),
    ),
    example(
        "disclosure-made-to-a-string",
        """nk:disclosure-to-string a nkd:Disclosure ;
            nkd:discloses nk:defection-ri-il-kyu ;
            nkd:isPublic false ;
            nkd:disclosedTo "the Italian Foreign Ministry" ;
            $provenance .""",
        V("DisclosureShape-disclosedTo", "disclosure-to-string"),
    ),
    example(
        "disclosure-dated-before-the-defection-it-discloses",
        """nk:disclosure-too-early a nkd:Disclosure ;
            nkd:discloses nk:defection-ri-il-kyu ;
            nkd:isPublic true ;
            time:hasTime nk:date-2019-02 ;
            $provenance .""",
        V("DisclosureChronologyShape", "disclosure-too-early"),
    ),
    example(
        "punishment-of-no-one",
        """nk:arrest-no-one a nkd:Arrest ;
            time:hasTime nk:date-2019-02 ;
            $provenance .""",
        V("PunishmentShape-subject", "arrest-no-one"),
    ),
    example(
        "punishment-charge-without-language-tag",
        """nk:imprisonment-untagged-charge a nkd:Imprisonment ;
            nkd:subject nk:ri-il-kyu ;
            nkd:charge "accepting bribes" ;
            $provenance .""",
        V("PunishmentShape-charge", "imprisonment-untagged-charge"),
    ),
    example(
        "imprisonment-of-a-family",
        """nk:imprisonment-of-family a nkd:Imprisonment ;
            nkd:subject nk:family-imprisoned ;
            $provenance .
        nk:family-imprisoned a nkd:FamilyGroup ;
            rdfs:label "a defector's parents"@en ;
            nkd:familyOf nk:ri-il-kyu .""",
        V("ImprisonmentShape-subject", "imprisonment-of-family"),
    ),
    example(
        "execution-of-two-persons",
        """nk:execution-of-two a nkd:Execution ;
            nkd:subject nk:ri-il-kyu , nk:author ;
            $provenance .""",
        V("ExecutionShape-subject", "execution-of-two"),
    ),
    example(
        "executed-person-who-later-defects",
        """nk:person-executed-early a nkd:Person ;
            skos:prefLabel "Hyon Yong-chol"@en .
        nk:execution-early a nkd:Execution ;
            nkd:subject nk:person-executed-early ;
            time:hasTime nk:date-2016 ;
            $provenance .
        nk:defection-after-death a nkd:Defection ;
            nkd:subject nk:person-executed-early ;
            time:hasTime nk:date-2019-02 ;
            $provenance .""",
        V("ExecutionFinalityShape", "execution-early"),
    ),
    example(
        "executed-person-who-later-begins-a-posting",
        """nk:person-executed-in-2016 a nkd:Person ;
            skos:prefLabel "Kim Yong-jin"@en .
        nk:execution-2016 a nkd:Execution ;
            nkd:subject nk:person-executed-in-2016 ;
            time:hasTime nk:date-2016 ;
            $provenance .
        nk:posting-after-death a nkd:Posting ;
            org:member nk:person-executed-in-2016 ;
            org:organization nk:embassy-dprk-havana ;
            org:role nkv:role-diplomat ;
            org:memberDuring nk:posting-after-death-interval ;
            $provenance .
        nk:posting-after-death-interval a time:Interval ;
            time:hasBeginning nk:date-2024-07-16 .""",
        V("ExecutionFinalityShape", "execution-2016"),
    ),
    example(
        "election-without-candidate",
        """nk:election-no-candidate a nkd:Election ;
            nkd:outcome nkv:outcome-won ;
            nkd:legislature nk:assembly-example ;
            $provenance .
        nk:assembly-example a nkd:GovernmentBody ;
            rdfs:label "a national assembly"@en ;
            nkd:partOfState nk:rok .""",
        V("ElectionShape-subject", "election-no-candidate"),
    ),
    example(
        "election-without-outcome",
        """nk:election-no-outcome a nkd:Election ;
            nkd:subject nk:ri-il-kyu ;
            nkd:legislature nk:assembly-no-outcome ;
            $provenance .
        nk:assembly-no-outcome a nkd:GovernmentBody ;
            rdfs:label "a national assembly"@en ;
            nkd:partOfState nk:rok .""",
        V("ElectionShape-outcome", "election-no-outcome"),
    ),
    example(
        "election-without-legislature",
        """nk:election-no-legislature a nkd:Election ;
            nkd:subject nk:ri-il-kyu ;
            nkd:outcome nkv:outcome-lost ;
            $provenance .""",
        V("ElectionShape-legislature", "election-no-legislature"),
    ),
    example(
        "election-for-a-party-that-is-a-ministry",
        """nk:election-ministry-party a nkd:Election ;
            nkd:subject nk:ri-il-kyu ;
            nkd:outcome nkv:outcome-won ;
            nkd:legislature nk:assembly-party ;
            nkd:party nk:assembly-party ;
            $provenance .
        nk:assembly-party a nkd:GovernmentBody ;
            rdfs:label "a national assembly"@en ;
            nkd:partOfState nk:rok .""",
        V("ElectionShape-party", "election-ministry-party"),
    ),
    example(
        "election-in-two-constituencies",
        """nk:election-two-districts a nkd:Election ;
            nkd:subject nk:ri-il-kyu ;
            nkd:outcome nkv:outcome-won ;
            nkd:legislature nk:assembly-districts ;
            nkd:constituency nk:district-east , nk:district-west ;
            $provenance .
        nk:assembly-districts a nkd:GovernmentBody ;
            rdfs:label "a national assembly"@en ;
            nkd:partOfState nk:rok .
        nk:district-east a nkd:District ;
            rdfs:label "an eastern district"@en ;
            nkd:locatedIn nk:seoul .
        nk:district-west a nkd:District ;
            rdfs:label "a western district"@en ;
            nkd:locatedIn nk:seoul .""",
        V("ElectionShape-constituency", "election-two-districts"),
    ),
    example(
        "election-seat-type-that-is-not-a-seat-type",
        """nk:election-seat-outcome a nkd:Election ;
            nkd:subject nk:ri-il-kyu ;
            nkd:outcome nkv:outcome-won ;
            nkd:legislature nk:assembly-seat ;
            nkd:seatType nkv:outcome-won ;
            $provenance .
        nk:assembly-seat a nkd:GovernmentBody ;
            rdfs:label "a national assembly"@en ;
            nkd:partOfState nk:rok .""",
        V("ElectionShape-seatType", "election-seat-outcome"),
    ),
    example(
        "appointment-to-no-posting",
        """nk:appointment-nowhere a nkd:Appointment ;
            nkd:subject nk:ri-il-kyu ;
            $provenance .""",
        V("AppointmentShape-toPosting", "appointment-nowhere"),
    ),
    example(
        "summit-of-one-state",
        """nk:summit-alone a nkd:Summit ;
            nkd:participantState nk:dprk ;
            $provenance .""",
        V("SummitShape-participantState", "summit-alone"),
    ),
    example(
        "diplomatic-relations-between-three-states",
        """nk:relations-three a nkd:EstablishmentOfDiplomaticRelations ;
            nkd:participantState nk:cuba , nk:rok , nk:dprk ;
            $provenance .""",
        V("EstablishmentOfDiplomaticRelationsShape-participantState", "relations-three"),
    ),
    example(
        "interview-of-no-one",
        """nk:interview-no-one a nkd:Interview ;
            time:hasTime nk:date-2024-07-16 ;
            $provenance .""",
        V("InterviewShape-subject", "interview-no-one"),
    ),
    # Kinship, statistics, claims
    example(
        "kinship-of-no-person",
        """nk:kinship-no-person a nkd:Kinship ;
            nkd:relative nk:author ;
            nkd:kinshipType nkv:kinship-wife ;
            $provenance .""",
        V("KinshipShape-kinOf", "kinship-no-person"),
    ),
    example(
        "kinship-whose-relative-is-a-city",
        """nk:kinship-city-relative a nkd:Kinship ;
            nkd:kinOf nk:ri-il-kyu ;
            nkd:relative nk:havana ;
            nkd:kinshipType nkv:kinship-family ;
            $provenance .""",
        V("KinshipShape-relative", "kinship-city-relative"),
    ),
    example(
        "kinship-of-no-kind",
        """nk:kinship-no-kind a nkd:Kinship ;
            nkd:kinOf nk:ri-il-kyu ;
            nkd:relative nk:author ;
            $provenance .""",
        V("KinshipShape-kinshipType", "kinship-no-kind"),
    ),
    example(
        "observation-of-no-state",
        """nk:observation-no-state a nkd:Observation ;
            nkd:measure nkv:measure-diplomatic-missions ;
            nkd:count 46 ;
            time:hasTime nk:date-2016 ;
            $provenance .""",
        V("ObservationShape-observedState", "observation-no-state"),
    ),
    example(
        "observation-measure-that-is-not-a-measure",
        """nk:observation-measure-rank a nkd:Observation ;
            nkd:observedState nk:dprk ;
            nkd:measure nkv:rank-vice-minister ;
            nkd:count 46 ;
            time:hasTime nk:date-2016 ;
            $provenance .""",
        V("ObservationShape-measure", "observation-measure-rank"),
    ),
    example(
        "observation-with-a-negative-count",
        """nk:observation-negative a nkd:Observation ;
            nkd:observedState nk:dprk ;
            nkd:measure nkv:measure-diplomatic-missions ;
            nkd:count -1 ;
            time:hasTime nk:date-2016 ;
            $provenance .""",
        V("ObservationShape-count", "observation-negative"),
    ),
    example(
        "observation-count-in-words",
        """nk:observation-count-words a nkd:Observation ;
            nkd:observedState nk:dprk ;
            nkd:measure nkv:measure-workers-abroad ;
            nkd:count "some 10,000" ;
            time:hasTime nk:date-2016 ;
            $provenance .""",
        V("ObservationShape-count", "observation-count-words"),
    ),
    example(
        "observation-without-date",
        """nk:observation-undated a nkd:Observation ;
            nkd:observedState nk:dprk ;
            nkd:measure nkv:measure-diplomatic-missions ;
            nkd:count 46 ;
            $provenance .""",
        V("ObservationShape-hasTime", "observation-undated"),
    ),
    example(
        "observation-approximate-in-words",
        """nk:observation-approximate-words a nkd:Observation ;
            nkd:observedState nk:dprk ;
            nkd:measure nkv:measure-workers-abroad ;
            nkd:count 10000 ;
            nkd:isApproximate "roughly" ;
            time:hasTime nk:date-2016 ;
            $provenance .""",
        V("ObservationShape-isApproximate", "observation-approximate-words"),
    ),
    example(
        "observation-in-two-countries",
        """nk:observation-two-countries a nkd:Observation ;
            nkd:observedState nk:dprk ;
            nkd:measure nkv:measure-workers-abroad ;
            nkd:count 10000 ;
            nkd:inCountry nk:cuba , nk:rok ;
            time:hasTime nk:date-2016 ;
            $provenance .""",
        V("ObservationShape-inCountry", "observation-two-countries"),
    ),
    example(
        "observation-ranked-zeroth",
        """nk:observation-rank-zero a nkd:Observation ;
            nkd:observedState nk:dprk ;
            nkd:measure nkv:measure-workers-abroad ;
            nkd:count 10000 ;
            nkd:rankAmongCountries "0"^^xsd:positiveInteger ;
            time:hasTime nk:date-2016 ;
            $provenance .""",
        V("ObservationShape-rankAmongCountries", "observation-rank-zero"),
    ),
    example(
        "observation-unit-note-without-language-tag",
        """nk:observation-untagged-unit a nkd:Observation ;
            nkd:observedState nk:dprk ;
            nkd:measure nkv:measure-diplomatic-missions ;
            nkd:count 46 ;
            nkd:unitNote "countries and international organizations" ;
            time:hasTime nk:date-2016 ;
            $provenance .""",
        V("ObservationShape-unitNote", "observation-untagged-unit"),
    ),
    example(
        "claim-without-statement",
        """nk:claim-no-statement a nkd:Claim ;
            nkd:about nk:dprk ;
            $provenance .""",
        V("ClaimShape-statement", "claim-no-statement"),
    ),
    example(
        "claim-stated-in-korean",
        """nk:claim-korean a nkd:Claim ;
            nkd:statement "외교관들이 탈북한다."@ko ;
            nkd:about nk:dprk ;
            $provenance .""",
        V("ClaimShape-statement", "claim-korean"),
    ),
    example(
        "claim-with-two-statements",
        """nk:claim-two-statements a nkd:Claim ;
            nkd:statement "Few refugees come from Pyongyang."@en ,
                "Travel needs approval."@en ;
            nkd:about nk:dprk ;
            $provenance .""",
        V("ClaimShape-statement", "claim-two-statements"),
    ),
    example(
        "claim-about-nothing",
        """nk:claim-about-nothing a nkd:Claim ;
            nkd:statement "Human rights abuses are ubiquitous."@en ;
            $provenance .""",
        W("ClaimShape-about", "claim-about-nothing"),
    ),
    # References
    example(
        "reference-to-a-node-defined-nowhere",
        """nk:claim-about-ghost a nkd:Claim ;
            nkd:statement "Someone defected."@en ;
            nkd:about nk:ri-il-kuy ;
            $provenance .""",
        V("UndefinedReferenceShape", "claim-about-ghost"),
    ),
    example(
        "misspelt-controlled-value",
        """nk:claim-misspelt-certainty a nkd:Claim ;
            nkd:statement "Few refugees come from Pyongyang."@en ;
            nkd:about nk:dprk ;
            nkd:assertedBy nk:author ;
            nkd:certainty nkv:certainty-stataed ;
            dcterms:source nk:source-test ;
            nkd:evidence nk:ev-base .""",
        V("UndefinedReferenceShape", "claim-misspelt-certainty"),
        V("FactShape-certainty", "claim-misspelt-certainty"),
    ),
    example(
        "misspelt-class",
        """nk:person-misspelt-class a nkd:Persn ;
            skos:prefLabel "Ri Yong-ho"@en .""",
        V("UndefinedReferenceShape", "person-misspelt-class"),
    ),
    example(
        "misspelt-property",
        """nk:embassy-misspelt-property a nkd:Embassy ;
            rdfs:label "an embassy"@en ;
            nkd:sendingState nk:dprk ;
            nkd:hostCountry nk:cuba ;
            nkd:hostCty nk:havana .""",
        V("UndeclaredPropertyShape", "embassy-misspelt-property"),
    ),
    example(
        "node-without-type",
        """nk:thae-yong-ho skos:prefLabel "Thae Yong-ho"@en .""",
        V("UntypedNodeShape-type", "thae-yong-ho"),
    ),
    example(
        "arrest-dated-with-dcterms-date",
        """nk:arrest-dated-by-dcterms-date a nkd:Arrest ;
            nkd:subject nk:ri-il-kyu ;
            dcterms:date "2016-05-01"^^xsd:date ;
            $provenance .""",
        V("DatePropertyShape-dcterms-date", "arrest-dated-by-dcterms-date"),
    ),
    example(
        "posting-dated-with-prov-startedAtTime",
        """nk:posting-dated-by-startedattime a nkd:Posting ;
            org:member nk:ri-il-kyu ;
            org:organization nk:embassy-dprk-havana ;
            org:role nkv:role-counselor-political-affairs ;
            prov:startedAtTime "2016-05-01T00:00:00"^^xsd:dateTime ;
            $provenance .""",
        V("DatePropertyShape-startedAtTime", "posting-dated-by-startedattime"),
    ),
    example(
        "posting-dated-with-prov-endedAtTime",
        """nk:posting-dated-by-endedattime a nkd:Posting ;
            org:member nk:ri-il-kyu ;
            org:organization nk:embassy-dprk-havana ;
            org:role nkv:role-counselor-political-affairs ;
            prov:endedAtTime "2016-05-01T00:00:00"^^xsd:dateTime ;
            $provenance .""",
        V("DatePropertyShape-endedAtTime", "posting-dated-by-endedattime"),
    ),
    example(
        "arrest-dated-with-prov-atTime",
        """nk:arrest-dated-by-attime a nkd:Arrest ;
            nkd:subject nk:ri-il-kyu ;
            prov:atTime "2016-05-01"^^xsd:date ;
            $provenance .""",
        V("DatePropertyShape-atTime", "arrest-dated-by-attime"),
    ),
    example(
        "arrest-dated-with-schema-startDate",
        """nk:arrest-dated-by-startdate a nkd:Arrest ;
            nkd:subject nk:ri-il-kyu ;
            schema:startDate "2016-05-01"^^xsd:date ;
            $provenance .""",
        V("DatePropertyShape-startDate", "arrest-dated-by-startdate"),
    ),
    example(
        "posting-dated-with-schema-endDate",
        """nk:posting-dated-by-enddate a nkd:Posting ;
            org:member nk:ri-il-kyu ;
            org:organization nk:embassy-dprk-havana ;
            org:role nkv:role-counselor-political-affairs ;
            schema:endDate "2016-05-01T00:00:00"^^xsd:dateTime ;
            $provenance .""",
        V("DatePropertyShape-endDate", "posting-dated-by-enddate"),
    ),
    example(
        "event-before-an-event-dated-earlier",
        """nk:arrest-said-first a nkd:Arrest ;
            nkd:subject nk:ri-il-kyu ;
            time:hasTime nk:date-2024-07-16 ;
            nkd:before nk:arrest-said-second ;
            $provenance .
        nk:arrest-said-second a nkd:Arrest ;
            nkd:subject nk:ri-il-kyu ;
            time:hasTime nk:date-2016 ;
            $provenance .""",
        V("BeforeOrderShape", "arrest-said-first"),
    ),
    example(
        "events-each-before-the-other",
        """nk:return-one a nkd:Return ;
            nkd:subject nk:ri-il-kyu ;
            nkd:before nk:return-other ;
            $provenance .
        nk:return-other a nkd:Return ;
            nkd:subject nk:ri-il-kyu ;
            nkd:before nk:return-one ;
            $provenance .""",
        V("BeforeOrderShape", "return-one"),
        V("BeforeOrderShape", "return-other"),
    ),
    example(
        "posting-at-a-north-korean-mission-after-its-holder-defected-from-it",
        """nk:posting-ri-il-kyu-havana-again a nkd:Posting ;
            org:member nk:ri-il-kyu ;
            org:organization nk:embassy-dprk-havana ;
            org:role nkv:role-counselor-political-affairs ;
            org:memberDuring nk:posting-ri-il-kyu-havana-again-interval ;
            $provenance .
        nk:posting-ri-il-kyu-havana-again-interval a time:Interval ;
            time:hasBeginning nk:date-2024-07-16 .""",
        V("PostingAfterDefectionShape", "posting-ri-il-kyu-havana-again"),
    ),
    example(
        "person-also-a-schema-organization",
        """nk:person-kim-su-ok a nkd:Person , schema:Organization ;
            skos:prefLabel "Kim Su-ok"@en .""",
        V("PersonKindShape", "person-kim-su-ok"),
    ),
    example(
        "person-also-an-org-organization",
        """nk:person-kim-yong-nam a nkd:Person , org:Organization ;
            skos:prefLabel "Kim Yong-nam"@en .""",
        V("PersonKindShape", "person-kim-yong-nam"),
    ),
    example(
        "person-also-a-foaf-organization",
        """nk:person-yun-byong-se a nkd:Person , foaf:Organization ;
            skos:prefLabel "Yun Byong-se"@en .""",
        V("PersonKindShape", "person-yun-byong-se"),
    ),
    example(
        "aligned-person-class-and-aligned-organisation-class",
        """nk:agent-foaf-person-org-organization a foaf:Person , org:Organization ;
            rdfs:label "a person and an organisation"@en .""",
        V("PersonKindShape", "agent-foaf-person-org-organization"),
    ),
    example(
        "person-the-same-as-an-embassy",
        """nk:person-pak-yong-su a nkd:Person ;
            skos:prefLabel "Pak Yong-su"@en ;
            owl:sameAs nk:embassy-dprk-havana .""",
        V("SameAsKindShape", "person-pak-yong-su"),
    ),
    example(
        "place-the-same-as-a-person",
        """nk:city-the-same-as-a-person a nkd:City ;
            rdfs:label "a city"@en ;
            skos:prefLabel "a city"@en ;
            owl:sameAs nk:ri-il-kyu .""",
        V("SameAsKindShape", "city-the-same-as-a-person"),
    ),
    example(
        "quotation-of-one-word",
        """nk:ev-one-word a nkd:Evidence ;
            oa:exact "the" ;
            prov:wasQuotedFrom nk:source-test .
        nk:claim-on-one-word a nkd:Claim ;
            nkd:statement "Diplomats defect."@en ;
            nkd:about nk:ri-il-kyu ;
            nkd:assertedBy nk:author ;
            nkd:certainty nkv:certainty-stated ;
            dcterms:source nk:source-test ;
            nkd:evidence nk:ev-one-word .""",
        V("EvidenceShape-exact-words", "ev-one-word"),
    ),
    example(
        "quotation-of-two-words",
        """nk:ev-two-words a nkd:Evidence ;
            oa:exact "he said" ;
            prov:wasQuotedFrom nk:source-test .
        nk:claim-on-two-words a nkd:Claim ;
            nkd:statement "Diplomats defect."@en ;
            nkd:about nk:ri-il-kyu ;
            nkd:assertedBy nk:author ;
            nkd:certainty nkv:certainty-stated ;
            dcterms:source nk:source-test ;
            nkd:evidence nk:ev-two-words .""",
        V("EvidenceShape-exact-words", "ev-two-words"),
    ),
    # Counts over a period, shares and ratios
    example(
        "observation-with-a-count-and-a-value",
        """nk:observation-two-numbers a nkd:Observation ;
            nkd:observedState nk:dprk ;
            nkd:measure nkv:measure-defectors ;
            nkd:count 46 ;
            nkd:value 1.5 ;
            nkd:unit nkv:unit-percent ;
            time:hasTime nk:date-2016 ;
            $provenance .""",
        V("ObservationShape", "observation-two-numbers"),
    ),
    example(
        "observation-without-a-number",
        """nk:observation-no-number a nkd:Observation ;
            nkd:observedState nk:dprk ;
            nkd:measure nkv:measure-defectors ;
            time:hasTime nk:date-2016 ;
            $provenance .""",
        V("ObservationShape", "observation-no-number"),
    ),
    example(
        "observation-share-in-words",
        """nk:observation-share-words a nkd:Observation ;
            nkd:observedState nk:dprk ;
            nkd:measure nkv:measure-elite-defectors ;
            nkd:value "1.5%" ;
            nkd:unit nkv:unit-percent ;
            time:hasTime nk:date-2016 ;
            $provenance .""",
        V("ObservationShape-value", "observation-share-words"),
    ),
    example(
        "observation-unit-that-is-not-a-unit",
        """nk:observation-unit-measure a nkd:Observation ;
            nkd:observedState nk:dprk ;
            nkd:measure nkv:measure-elite-defectors ;
            nkd:value 1.5 ;
            nkd:unit nkv:measure-defectors ;
            time:hasTime nk:date-2016 ;
            $provenance .""",
        V("ObservationShape-unit", "observation-unit-measure"),
    ),
    example(
        "observation-value-without-unit",
        """nk:observation-no-unit a nkd:Observation ;
            nkd:observedState nk:dprk ;
            nkd:measure nkv:measure-elite-defectors ;
            nkd:value 1.5 ;
            time:hasTime nk:date-2016 ;
            $provenance .""",
        V("ValueUnitShape-unit", "observation-no-unit"),
    ),
    example(
        "observation-share-of-a-date",
        """nk:observation-share-of-date a nkd:Observation ;
            nkd:observedState nk:dprk ;
            nkd:measure nkv:measure-elite-defectors ;
            nkd:value 1.5 ;
            nkd:unit nkv:unit-percent ;
            nkd:shareOf nk:date-2016 ;
            time:hasTime nk:date-2016 ;
            $provenance .""",
        V("ObservationShape-shareOf", "observation-share-of-date"),
    ),
    example(
        "period-without-end",
        """nk:period-open a nkd:Period ;
            time:hasBeginning nk:date-2016 .""",
        V("PeriodShape-hasEnd", "period-open"),
    ),
    example(
        "period-without-beginning",
        """nk:period-unbegun a nkd:Period ;
            time:hasEnd nk:date-2016 .""",
        V("PeriodShape-hasBeginning", "period-unbegun"),
    ),
    example(
        "period-that-ends-before-it-begins",
        """nk:period-swapped a nkd:Period ;
            time:hasBeginning nk:date-2019-02 ;
            time:hasEnd nk:date-2016 .""",
        V("PeriodChronologyShape", "period-swapped"),
    ),
    # Life and political events, statuses
    example(
        "death-of-an-embassy",
        """nk:death-embassy a nkd:Death ;
            rdfs:label "death of an embassy"@en ;
            nkd:subject nk:embassy-dprk-havana ;
            time:hasTime nk:date-2016 ;
            $provenance .""",
        V("DeathShape-subject", "death-embassy"),
    ),
    example(
        "accession-to-power-of-nobody",
        """nk:accession-nobody a nkd:AccessionToPower ;
            rdfs:label "an accession to power"@en ;
            nkd:ledBody nk:dprk ;
            time:hasTime nk:date-2016 ;
            $provenance .""",
        V("AccessionToPowerShape-subject", "accession-nobody"),
    ),
    example(
        "accession-to-the-leadership-of-a-date",
        """nk:accession-date a nkd:AccessionToPower ;
            rdfs:label "Ri Il-kyu's accession"@en ;
            nkd:subject nk:ri-il-kyu ;
            nkd:ledBody nk:date-2016 ;
            time:hasTime nk:date-2016 ;
            $provenance .""",
        V("AccessionToPowerShape-ledBody", "accession-date"),
    ),
    example(
        "status-granted-to-a-state",
        """nk:status-grant-state a nkd:StatusGrant ;
            rdfs:label "protection granted to a state"@en ;
            nkd:subject nk:dprk ;
            nkd:grantedStatus nkv:status-protected-defector ;
            nkd:grantedBy nk:rok ;
            time:hasTime nk:date-2016 ;
            $provenance .""",
        V("StatusGrantShape-subject", "status-grant-state"),
    ),
    example(
        "status-grant-without-status",
        """nk:status-grant-empty a nkd:StatusGrant ;
            rdfs:label "a grant of nothing"@en ;
            nkd:subject nk:ri-il-kyu ;
            nkd:grantedBy nk:rok ;
            time:hasTime nk:date-2016 ;
            $provenance .""",
        V("StatusGrantShape-grantedStatus", "status-grant-empty"),
    ),
    example(
        "status-granted-by-a-date",
        """nk:status-grant-by-date a nkd:StatusGrant ;
            rdfs:label "protection granted by a date"@en ;
            nkd:subject nk:ri-il-kyu ;
            nkd:grantedStatus nkv:status-protected-defector ;
            nkd:grantedBy nk:date-2016 ;
            time:hasTime nk:date-2016 ;
            $provenance .""",
        V("StatusGrantShape-grantedBy", "status-grant-by-date"),
    ),
    example(
        "status-granted-by-nobody",
        """nk:status-grant-by-nobody a nkd:StatusGrant ;
            rdfs:label "protection granted"@en ;
            nkd:subject nk:ri-il-kyu ;
            nkd:grantedStatus nkv:status-protected-defector ;
            time:hasTime nk:date-2016 ;
            $provenance .""",
        W("StatusGrantShape-grantedBy-present", "status-grant-by-nobody"),
    ),
    # Citation chains
    example(
        "fact-whose-primary-source-no-source-cites",
        """nk:claim-uncited-primary a nkd:Claim ;
            nkd:statement "Defections rose."@en ;
            nkd:about nk:dprk ;
            prov:hadPrimarySource nk:data-uncited ;
            $provenance .
        nk:data-uncited a nkd:CitedSource ;
            rdfs:label "data no source cites"@en ;
            prov:wasAttributedTo nk:rok .""",
        V("FactPrimarySourceShape", "claim-uncited-primary"),
    ),
    example(
        "fact-whose-primary-source-is-a-person",
        """nk:claim-person-primary a nkd:Claim ;
            nkd:statement "Defections rose."@en ;
            nkd:about nk:dprk ;
            prov:hadPrimarySource nk:author ;
            $provenance .""",
        V("FactShape-primarySource", "claim-person-primary"),
        V("FactPrimarySourceShape", "claim-person-primary"),
    ),
    example(
        "source-citing-a-person-as-data",
        """nk:source-cites-person a nkd:SourceDocument ;
            dcterms:title "Defections rise"@en ;
            dcterms:creator nk:author ;
            dcterms:issued "2025-03-10"^^xsd:date ;
            cito:citesAsDataSource nk:author .""",
        V("SourceDocumentShape-citesAsDataSource", "source-cites-person"),
    ),
    example(
        "cited-source-by-nobody",
        """nk:data-anonymous a nkd:CitedSource ;
            rdfs:label "figures from nobody"@en .""",
        W("CitedSourceShape-attributedTo-present", "data-anonymous"),
    ),
    example(
        "cited-source-attributed-to-a-date",
        """nk:data-by-date a nkd:CitedSource ;
            rdfs:label "figures from a date"@en ;
            prov:wasAttributedTo nk:date-2016 .""",
        V("CitedSourceShape-attributedTo", "data-by-date"),
    ),
    example(
        "cited-source-from-a-person",
        """nk:data-from-person a nkd:CitedSource ;
            rdfs:label "figures from a person"@en ;
            prov:wasAttributedTo nk:rok ;
            prov:hadPrimarySource nk:author .""",
        V("CitedSourceShape-primarySource", "data-from-person"),
    ),
    # Comparisons, seniority and the acts of events
    example(
        "comparative-claim-without-its-terms",
        """nk:claim-comparison-bare a nkd:ComparativeClaim ;
            nkd:statement "Ri Il-kyu is the highest-ranking defector."@en ;
            nkd:about nk:ri-il-kyu ;
            nkd:rankPosition "first" ;
            $provenance .""",
        V("ComparativeClaimShape-rankedEntity", "claim-comparison-bare"),
        V("ComparativeClaimShape-rankPosition", "claim-comparison-bare"),
        V("ComparativeClaimShape-criterion", "claim-comparison-bare"),
        V("ComparativeClaimShape-comparisonSet", "claim-comparison-bare"),
    ),
    example(
        "role-that-outranks-a-city",
        """nk:role-outranks-city a nkd:Role ;
            skos:prefLabel "envoy for testing"@en ;
            skos:inScheme nkv:roles ;
            skos:definition "A role that outranks a city, which no role can."@en ;
            nkd:outranks nk:havana .""",
        V("OutranksShape-outranks", "role-outranks-city"),
    ),
    example(
        "departure-without-subject-or-defection",
        """nk:departure-bare a nkd:Departure ;
            rdfs:label "someone leaves Havana"@en ;
            nkd:location nk:havana ;
            time:hasTime nk:date-2016 ;
            $provenance .""",
        V("DepartureShape-subject", "departure-bare"),
        W("DepartureShape-relatedEvent", "departure-bare"),
    ),
    example(
        "defection-asylum-at-a-city-and-return-to-a-person",
        """nk:defection-odd-acts a nkd:Defection ;
            nkd:subject nk:ri-il-kyu ;
            time:hasTime nk:date-2023-11-late ;
            nkd:soughtAsylumAt nk:seoul ;
            nkd:expectedToReturnTo nk:ri-il-kyu ;
            $provenance .""",
        V("DefectionActsShape-soughtAsylumAt", "defection-odd-acts"),
        V("DefectionActsShape-expectedToReturnTo", "defection-odd-acts"),
    ),
    example(
        "imprisonment-attended-by-a-date-and-charging-a-city",
        """nk:imprisonment-odd-acts a nkd:Imprisonment ;
            nkd:subject nk:ri-il-kyu ;
            time:hasTime nk:date-2024-07-16 ;
            nkd:requiredToAttend nk:date-2016 ;
            nkd:chargeInvolves nk:havana ;
            $provenance .""",
        V("EventAttendanceShape-requiredToAttend", "imprisonment-odd-acts"),
        V("PunishmentChargeShape-chargeInvolves", "imprisonment-odd-acts"),
    ),
    example(
        "claim-because-of-a-city-with-a-certainty-as-characteristic",
        """nk:claim-odd-links a nkd:Claim ;
            nkd:statement "Seoul is affluent."@en ;
            nkd:about nk:seoul ;
            nkd:becauseOf nk:seoul ;
            nkd:characteristic nkv:certainty-stated ;
            $provenance .""",
        V("ClaimLinksShape-becauseOf", "claim-odd-links"),
        V("ClaimLinksShape-characteristic", "claim-odd-links"),
    ),
    example(
        "facility-on-the-outskirts-of-a-state",
        """nk:facility-outskirts-state a nkd:Facility ;
            skos:prefLabel "an academy outside North Korea"@en ;
            rdfs:label "an academy outside North Korea"@en ;
            nkd:locatedIn nk:dprk ;
            nkd:onOutskirtsOf nk:dprk .""",
        V("OutskirtsShape-onOutskirtsOf", "facility-outskirts-state"),
    ),
]

# --- Examples that break nothing: one for each kind of node, and the edge cases ---

CONFORMING = [
    example(
        "events-in-the-order-of-their-dates",
        """nk:arrest-earlier a nkd:Arrest ;
            nkd:subject nk:ri-il-kyu ;
            time:hasTime nk:date-2016 ;
            nkd:before nk:arrest-later ;
            $provenance .
        nk:arrest-later a nkd:Arrest ;
            nkd:subject nk:ri-il-kyu ;
            time:hasTime nk:date-2024-07-16 ;
            $provenance .""",
    ),
    example(
        "posting-at-a-north-korean-mission-before-its-holder-defected",
        """nk:posting-ri-il-kyu-havana-earlier a nkd:Posting ;
            org:member nk:ri-il-kyu ;
            org:organization nk:embassy-dprk-havana ;
            org:role nkv:role-counselor-political-affairs ;
            org:memberDuring nk:posting-ri-il-kyu-havana-earlier-interval ;
            $provenance .
        nk:posting-ri-il-kyu-havana-earlier-interval a time:Interval ;
            time:hasBeginning nk:date-2019-02 .""",
    ),
    example(
        "person-typed-with-aligned-person-classes-and-the-same-as-a-person",
        """nk:person-choe-hyon-u a nkd:Person , foaf:Person , schema:Person ;
            skos:prefLabel "Choe Hyon-u"@en ;
            owl:sameAs nk:ri-il-kyu .""",
    ),
    example(
        "quotation-of-three-words",
        """nk:ev-three-words a nkd:Evidence ;
            oa:exact "he defected alone" ;
            prov:wasQuotedFrom nk:source-test .
        nk:claim-on-three-words a nkd:Claim ;
            nkd:statement "Diplomats defect."@en ;
            nkd:about nk:ri-il-kyu ;
            nkd:assertedBy nk:author ;
            nkd:certainty nkv:certainty-stated ;
            dcterms:source nk:source-test ;
            nkd:evidence nk:ev-three-words .""",
    ),
    example(
        "claim-reported-on-someone-s-account",
        """nk:claim-on-account a nkd:Claim ;
            nkd:statement "Senior officials were required to attend the execution."@en ;
            nkd:about nk:ri-il-kyu ;
            nkd:onAccountOf nk:ri-il-kyu ;
            nkd:accountBasis nkv:basis-second-hand ;
            nkd:description "Ri Il-kyu's account."@en ;
            nkd:assertedBy nk:author ;
            nkd:certainty nkv:certainty-reported ;
            dcterms:source nk:source-test ;
            nkd:evidence nk:ev-base , nk:ev-on-account .
        nk:ev-on-account a nkd:Evidence ;
            oa:exact "senior Foreign Ministry officials were required to attend" ;
            oa:prefix "Pyongyang, and " ;
            oa:suffix "." ;
            prov:wasQuotedFrom nk:source-test .""",
    ),
    example(
        "source-document-with-publication-and-graph",
        """nk:source-complete a nkd:SourceDocument ;
            dcterms:title "Senior North Korean Officials Who Successfully Defect"@en ;
            dcterms:creator nk:author ;
            dcterms:publisher nk:institute ;
            dcterms:isPartOf nk:blog ;
            dcterms:issued "2024-09-03"^^xsd:date ;
            nkd:capturedAs "sources/kei-peninsula-2024-09-03.txt" ;
            nkd:imageCredit nk:image-agency .
        nk:institute a nkd:ThinkTank ;
            skos:prefLabel "Korea Economic Institute of America"@en ;
            nkd:registeredAsAgentOf nk:public-institute ;
            nkd:registrationLaw "FARA" .
        nk:public-institute a nkd:PublicCorporation ;
            rdfs:label "Korea Institute for International Economic Policy"@en ;
            nkd:establishedBy nk:rok .
        nk:blog a nkd:Publication ;
            rdfs:label "The Peninsula"@en .
        nk:image-agency a nkd:Company ;
            rdfs:label "Shutterstock"@en .
        graph:example-complete a nkd:SourceGraph ;
            prov:wasDerivedFrom nk:source-complete ;
            prov:wasGeneratedBy nk:curation-complete ;
            dcterms:modified "2026-11-28"^^xsd:date .
        nk:curation-complete a prov:Activity .""",
    ),
    example(
        "person-with-names-in-two-languages-and-other-spellings",
        """nk:person-jo-song-gil a nkd:Person ;
            skos:prefLabel "Jo Song-gil"@en , "조성길"@ko ;
            skos:altLabel "Jo Song Gil"@en , "Cho Song-kil"@en .""",
    ),
    example(
        "family-group-and-person-group",
        """nk:family-of-author a nkd:FamilyGroup ;
            rdfs:label "the author's family"@en ;
            nkd:familyOf nk:author .
        nk:staff-example a nkd:PersonGroup ;
            rdfs:label "female staff of the embassy"@en .""",
    ),
    example(
        "missions-embassy-and-permanent-mission",
        """nk:un-example a nkd:InternationalOrganization ;
            rdfs:label "United Nations"@en .
        nk:mission-to-un a nkd:PermanentMission ;
            rdfs:label "North Korean mission to the United Nations"@en ;
            nkd:sendingState nk:dprk ;
            nkd:hostCountry nk:rok ;
            nkd:accreditedTo nk:un-example .
        nk:embassy-rok-havana a nkd:Embassy ;
            rdfs:label "South Korean embassy in Havana"@en ;
            nkd:sendingState nk:rok ;
            nkd:hostCountry nk:cuba ;
            nkd:hostCity nk:havana .""",
    ),
    example(
        "government-body-party-and-places",
        """nk:ministry-example a nkd:GovernmentBody ;
            rdfs:label "a foreign ministry"@en ;
            nkd:partOfState nk:cuba .
        nk:party-example a nkd:PoliticalParty ;
            rdfs:label "United Future Party"@en .
        nk:gangnam a nkd:District ;
            rdfs:label "Gangnam"@en ;
            nkd:locatedIn nk:seoul .
        nk:academy a nkd:Facility ;
            rdfs:label "the military academy"@en ;
            nkd:locatedIn nk:havana .
        nk:border-area a nkd:Region ;
            rdfs:label "border areas adjacent to China"@en ;
            nkd:locatedIn nk:dprk .""",
    ),
    example(
        "role-in-the-roles-scheme",
        """nkv:role-example-attache a nkd:Role ;
            skos:prefLabel "attaché"@en ;
            skos:altLabel "attache"@en ;
            skos:inScheme nkv:roles , nkv:example-scheme ;
            skos:definition "A junior diplomat attached to a mission."@en .
        nkv:example-scheme a skos:ConceptScheme ;
            skos:prefLabel "Example roles"@en .""",
    ),
    example(
        "posting-with-post-interval-and-note",
        """nk:person-secretary a nkd:Person ;
            skos:prefLabel "Ko Yong-hwan"@en .
        nk:council-example a nkd:GovernmentBody ;
            rdfs:label "an advisory council"@en ;
            nkd:partOfState nk:rok .
        nk:post-secretary-general a nkd:Post ;
            rdfs:label "secretary general of the council"@en ;
            org:postIn nk:council-example ;
            org:role nkv:role-secretary-general ;
            nkd:rank nkv:rank-vice-minister .
        nk:posting-secretary a nkd:Posting ;
            org:member nk:person-secretary ;
            org:organization nk:council-example ;
            org:role nkv:role-secretary-general ;
            nkd:post nk:post-secretary-general ;
            nkd:roleNote "dealing with unification"@en ;
            org:memberDuring nk:posting-secretary-interval ;
            $provenance .
        nk:posting-secretary-interval a time:Interval ;
            time:hasBeginning nk:date-2016 ;
            time:hasEnd nk:date-2016 .
        nk:appointment-secretary a nkd:Appointment ;
            nkd:subject nk:person-secretary ;
            nkd:toPosting nk:posting-secretary ;
            time:hasTime nk:date-2016 ;
            $provenance .""",
    ),
    example(
        "posting-ending-in-the-year-it-began-by-month",
        # Begins in February 2019 and ends some time in 2019: possible, so not reported.
        """nk:person-short-posting a nkd:Person ;
            skos:prefLabel "Ri Song-chol"@en .
        nk:posting-short a nkd:Posting ;
            org:member nk:person-short-posting ;
            org:organization nk:embassy-dprk-havana ;
            org:role nkv:role-diplomat ;
            org:memberDuring nk:posting-short-interval ;
            $provenance .
        nk:posting-short-interval a time:Interval ;
            time:hasBeginning nk:date-2019-02 ;
            time:hasEnd nk:date-2019 .
        nk:date-2019 a nkd:DateInstant ;
            time:inXSDgYear "2019"^^xsd:gYear ;
            time:unitType time:unitYear ;
            nkd:earliest "2019-01-01T00:00:00"^^xsd:dateTime ;
            nkd:latest "2019-12-31T23:59:59"^^xsd:dateTime .""",
    ),
    example(
        "dates-whose-february-follows-the-leap-year-rules",
        """nk:date-2024-02 a nkd:DateInstant ;
            time:inXSDgYearMonth "2024-02"^^xsd:gYearMonth ;
            time:unitType time:unitMonth ;
            nkd:earliest "2024-02-01T00:00:00"^^xsd:dateTime ;
            nkd:latest "2024-02-29T23:59:59"^^xsd:dateTime .
        nk:date-2000-02 a nkd:DateInstant ;
            time:inXSDgYearMonth "2000-02"^^xsd:gYearMonth ;
            time:unitType time:unitMonth ;
            nkd:earliest "2000-02-01T00:00:00"^^xsd:dateTime ;
            nkd:latest "2000-02-29T23:59:59"^^xsd:dateTime .
        nk:date-2100-02 a nkd:DateInstant ;
            time:inXSDgYearMonth "2100-02"^^xsd:gYearMonth ;
            time:unitType time:unitMonth ;
            nkd:earliest "2100-02-01T00:00:00"^^xsd:dateTime ;
            nkd:latest "2100-02-28T23:59:59"^^xsd:dateTime .
        nk:date-2019-09 a nkd:DateInstant ;
            time:inXSDgYearMonth "2019-09"^^xsd:gYearMonth ;
            time:unitType time:unitMonth ;
            nkd:earliest "2019-09-01T00:00:00"^^xsd:dateTime ;
            nkd:latest "2019-09-30T23:59:59"^^xsd:dateTime .
        nk:date-2021-01 a nkd:DateInstant ;
            time:inXSDgYearMonth "2021-01"^^xsd:gYearMonth ;
            time:unitType time:unitMonth ;
            nkd:earliest "2021-01-01T00:00:00"^^xsd:dateTime ;
            nkd:latest "2021-01-31T23:59:59"^^xsd:dateTime .""",
    ),
    example(
        "defection-with-family-help-and-disclosures",
        """nk:person-thae a nkd:Person ;
            skos:prefLabel "Thae Yong-ho"@en .
        nk:family-thae a nkd:FamilyGroup ;
            rdfs:label "Thae Yong-ho's family"@en ;
            nkd:familyOf nk:person-thae .
        nk:kinship-thae-family a nkd:Kinship ;
            nkd:kinOf nk:person-thae ;
            nkd:relative nk:family-thae ;
            nkd:kinshipType nkv:kinship-family ;
            $provenance .
        nk:posting-thae-london a nkd:Posting ;
            org:member nk:person-thae ;
            org:organization nk:embassy-dprk-havana ;
            org:role nkv:role-deputy-chief-of-mission ;
            org:memberDuring nk:posting-thae-london-interval ;
            $provenance .
        nk:posting-thae-london-interval a time:Interval ;
            time:hasEnd nk:date-2016 .
        nk:defection-thae a nkd:Defection ;
            nkd:subject nk:person-thae ;
            nkd:fromPosting nk:posting-thae-london ;
            nkd:accompaniedBy nk:family-thae ;
            nkd:assistedBy nk:rok ;
            nkd:destination nk:seoul ;
            nkd:location nk:embassy-dprk-havana ;
            nkd:before nk:defection-ri-il-kyu ;
            time:hasTime nk:date-2016 ;
            $provenance .
        nk:resettlement-thae a nkd:Resettlement ;
            nkd:subject nk:person-thae ;
            nkd:destination nk:rok ;
            nkd:approximateTime "soon after"@en ;
            $provenance .
        nk:disclosure-thae a nkd:Disclosure ;
            nkd:discloses nk:defection-thae ;
            nkd:isPublic true ;
            nkd:means nkv:disclosure-means-official-announcement ;
            nkd:disclosedBy nk:rok ;
            time:hasTime nk:date-2016 ;
            $provenance .
        nk:disclosure-thae-private a nkd:Disclosure ;
            nkd:discloses nk:defection-thae ;
            nkd:isPublic false ;
            nkd:means nkv:disclosure-means-diplomatic-notice ;
            nkd:disclosedTo nk:cuba ;
            $provenance .""",
    ),
    example(
        "punishments-execution-before-a-summit",
        """nk:person-han a nkd:Person ;
            skos:prefLabel "Han Song-ryol"@en .
        nk:summit-hanoi a nkd:Summit ;
            nkd:participantState nk:dprk , nk:rok ;
            nkd:ordinal "2"^^xsd:positiveInteger ;
            nkd:outcome nkv:outcome-failed ;
            nkd:location nk:havana ;
            time:hasTime nk:date-2019-02 ;
            $provenance .
        nk:execution-han a nkd:Execution ;
            nkd:subject nk:person-han ;
            nkd:method "by firing squad"@en ;
            nkd:charge "unhappiness of the leader"@en ;
            nkd:reason "the failed summit"@en ;
            nkd:before nk:summit-hanoi ;
            nkd:relatedEvent nk:summit-hanoi ;
            time:hasTime nk:date-2019-02 ;
            $provenance .
        nk:disclosure-han a nkd:Disclosure ;
            nkd:discloses nk:execution-han ;
            nkd:isPublic true ;
            nkd:disclosedBy nk:ri-il-kyu ;
            time:hasTime nk:date-2024-07-16 ;
            $provenance .
        nk:family-han a nkd:FamilyGroup ;
            rdfs:label "Han Song-ryol's relatives"@en ;
            nkd:familyOf nk:person-han .
        nk:punishment-han-relatives a nkd:PunishmentOfRelatives ;
            nkd:subject nk:family-han ;
            $provenance .
        nk:imprisonment-han a nkd:Imprisonment ;
            nkd:subject nk:person-han ;
            time:hasTime nk:date-2016 ;
            $provenance .""",
    ),
    example(
        "elections-won-and-lost",
        """nk:person-ji a nkd:Person ;
            skos:prefLabel "Ji Seong-ho"@en .
        nk:assembly-elections a nkd:GovernmentBody ;
            rdfs:label "National Assembly"@en ;
            nkd:partOfState nk:rok .
        nk:party-elections a nkd:PoliticalParty ;
            rdfs:label "a party"@en .
        nk:district-elections a nkd:District ;
            rdfs:label "a district"@en ;
            nkd:locatedIn nk:seoul .
        nk:posting-ji-assembly a nkd:Posting ;
            org:member nk:person-ji ;
            org:organization nk:assembly-elections ;
            org:role nkv:role-national-assembly-member ;
            $provenance .
        nk:election-ji-won a nkd:Election ;
            nkd:subject nk:person-ji ;
            nkd:outcome nkv:outcome-won ;
            nkd:legislature nk:assembly-elections ;
            nkd:party nk:party-elections ;
            nkd:seatType nkv:seat-type-party-list ;
            nkd:toPosting nk:posting-ji-assembly ;
            time:hasTime nk:date-2016 ;
            $provenance .
        nk:election-ji-lost a nkd:Election ;
            nkd:subject nk:person-ji ;
            nkd:outcome nkv:outcome-lost ;
            nkd:legislature nk:assembly-elections ;
            nkd:constituency nk:district-elections ;
            nkd:seatType nkv:seat-type-constituency ;
            time:hasTime nk:date-2024-07-16 ;
            $provenance .""",
    ),
    example(
        "relations-interview-return-arrest",
        """nk:relations-cuba-rok a nkd:EstablishmentOfDiplomaticRelations ;
            nkd:participantState nk:cuba , nk:rok ;
            time:hasTime nk:date-2024-07-16 ;
            $provenance .
        nk:interview-ri a nkd:Interview ;
            nkd:subject nk:ri-il-kyu ;
            time:hasTime nk:date-2024-07-16 ;
            $provenance .
        nk:return-daughter a nkd:Return ;
            nkd:subject nk:author ;
            nkd:destination nk:dprk ;
            nkd:accompaniedBy nk:staff-returning ;
            $provenance .
        nk:staff-returning a nkd:PersonGroup ;
            rdfs:label "female staff from the embassy"@en .
        nk:arrest-example a nkd:Arrest ;
            nkd:subject nk:author ;
            time:hasTime nk:date-2016 ;
            $provenance .""",
    ),
    example(
        "kinship-and-observations",
        """nk:person-wife a nkd:Person ;
            skos:prefLabel "Ri Il-kyu's wife"@en .
        nk:kinship-ri-wife a nkd:Kinship ;
            nkd:kinOf nk:ri-il-kyu ;
            nkd:relative nk:person-wife ;
            nkd:kinshipType nkv:kinship-wife ;
            $provenance .
        nk:observation-missions a nkd:Observation ;
            nkd:observedState nk:dprk ;
            nkd:measure nkv:measure-diplomatic-missions ;
            nkd:count 46 ;
            nkd:unitNote "countries and international organizations"@en ;
            time:hasTime nk:date-2024-07-16 ;
            $provenance .
        nk:observation-workers a nkd:Observation ;
            nkd:observedState nk:dprk ;
            nkd:measure nkv:measure-workers-abroad ;
            nkd:count 10000 ;
            nkd:isApproximate true ;
            nkd:inCountry nk:cuba ;
            nkd:rankAmongCountries "3"^^xsd:positiveInteger ;
            time:hasTime nk:date-2016 ;
            $provenance .
        nk:observation-none a nkd:Observation ;
            nkd:observedState nk:rok ;
            nkd:measure nkv:measure-workers-abroad ;
            nkd:count 0 ;
            time:hasTime nk:date-2016 ;
            $provenance .""",
    ),
    example(
        "persons-with-similar-but-different-names",
        """nk:person-ri-yong-ho a nkd:Person ;
            skos:prefLabel "Ri Yong-ho"@en .
        nk:person-ri-yong-hol a nkd:Person ;
            skos:prefLabel "Ri Yong-hol"@en .""",
    ),
    example(
        "share-of-a-count-over-a-period-with-its-citation-chain",
        """nk:observation-elite-share a nkd:Observation ;
            nkd:observedState nk:dprk ;
            nkd:measure nkv:measure-elite-defectors ;
            nkd:value 1.5 ;
            nkd:unit nkv:unit-percent ;
            nkd:shareOf nk:observation-all-defectors ;
            time:hasTime nk:period-2016-2019 ;
            prov:hadPrimarySource nk:records-agency ;
            nkd:assertedBy nk:author ;
            nkd:certainty nkv:certainty-stated ;
            dcterms:source nk:source-test , nk:source-chain ;
            nkd:evidence nk:ev-base .
        nk:observation-all-defectors a nkd:Observation ;
            nkd:observedState nk:dprk ;
            nkd:measure nkv:measure-defectors ;
            nkd:count 9000 ;
            nkd:isApproximate true ;
            time:hasTime nk:period-2016-2019 ;
            $provenance .
        nk:period-2016-2019 a nkd:Period ;
            time:hasBeginning nk:date-2016 ;
            time:hasEnd nk:date-2019-02 .
        nk:source-chain a nkd:SourceDocument ;
            dcterms:title "Elite defections fall"@en ;
            dcterms:creator nk:author ;
            dcterms:issued "2025-03-10"^^xsd:date ;
            cito:citesAsDataSource nk:data-ministry .
        nk:data-ministry a nkd:CitedSource ;
            rdfs:label "the ministry's figures"@en ;
            prov:wasAttributedTo nk:ministry ;
            prov:hadPrimarySource nk:records-agency .
        nk:records-agency a nkd:CitedSource ;
            rdfs:label "the agency's records"@en ;
            prov:wasAttributedTo nk:agency .
        nk:ministry a nkd:GovernmentBody ;
            rdfs:label "a ministry"@en ;
            nkd:partOfState nk:rok .
        nk:agency a nkd:GovernmentBody ;
            rdfs:label "an agency"@en ;
            nkd:partOfState nk:rok .""",
    ),
    example(
        "death-accession-and-status-grant",
        """nk:leader-old a nkd:Person ;
            skos:prefLabel "Old Leader"@en .
        nk:leader-new a nkd:Person ;
            skos:prefLabel "New Leader"@en .
        nk:death-leader-old a nkd:Death ;
            rdfs:label "death of the old leader"@en ;
            nkd:subject nk:leader-old ;
            time:hasTime nk:date-2016 ;
            $provenance .
        nk:accession-leader-new a nkd:AccessionToPower ;
            rdfs:label "the new leader comes to power"@en ;
            nkd:subject nk:leader-new ;
            nkd:ledBody nk:dprk ;
            time:hasTime nk:date-2016 ;
            $provenance .
        nk:status-grant-ri-il-kyu a nkd:StatusGrant ;
            rdfs:label "Ri Il-kyu granted protection"@en ;
            nkd:subject nk:ri-il-kyu ;
            nkd:grantedStatus nkv:status-protected-defector ;
            nkd:grantedBy nk:rok ;
            time:hasTime nk:date-2024-07-16 ;
            $provenance .""",
    ),
    example(
        "comparisons-and-the-acts-of-events",
        """nk:claim-comparison-complete a nkd:ComparativeClaim ;
            nkd:statement "Ri Il-kyu's defection is the most recent of a senior diplomat."@en ;
            nkd:about nk:ri-il-kyu , nk:defection-ri-il-kyu ;
            nkd:rankedEntity nk:defection-ri-il-kyu ;
            nkd:rankPosition "1"^^xsd:positiveInteger ;
            nkd:criterion nkv:criterion-recency ;
            nkd:comparisonSet "defections of senior diplomats while serving abroad"@en ;
            nkd:comparedWith nk:defection-acts ;
            $provenance .
        nk:claim-seoul-affluent a nkd:Claim ;
            nkd:statement "Seoul is affluent."@en ;
            nkd:about nk:seoul ;
            nkd:characteristic nkv:characteristic-affluent ;
            nkd:becauseOf nk:claim-comparison-complete ;
            $provenance .
        nk:person-acts a nkd:Person ;
            skos:prefLabel "Kim Ok-chol"@en .
        nk:family-acts a nkd:FamilyGroup ;
            rdfs:label "Kim Ok-chol's family"@en ;
            nkd:familyOf nk:person-acts .
        nk:defection-acts a nkd:Defection ;
            nkd:subject nk:person-acts ;
            time:hasTime nk:date-2016 ;
            nkd:soughtAsylumAt nk:embassy-dprk-havana ;
            nkd:expectedToReturnTo nk:havana ;
            $provenance .
        nk:departure-acts a nkd:Departure ;
            rdfs:label "Kim Ok-chol's family leaves Havana"@en ;
            nkd:subject nk:family-acts ;
            nkd:assistedBy nk:person-acts ;
            nkd:location nk:havana ;
            nkd:approximateTime "before the public announcement"@en ;
            nkd:before nk:defection-ri-il-kyu ;
            nkd:relatedEvent nk:defection-acts ;
            $provenance .
        nk:officials-acts a nkd:PersonGroup ;
            rdfs:label "senior officials made to attend"@en .
        nk:imprisonment-acts a nkd:Imprisonment ;
            nkd:subject nk:ri-il-kyu ;
            time:hasTime nk:date-2024-07-16 ;
            nkd:requiredToAttend nk:officials-acts ;
            nkd:chargeInvolves nk:person-acts ;
            $provenance .
        nk:academy-outskirts a nkd:Facility ;
            skos:prefLabel "an academy on the outskirts of Havana"@en ;
            rdfs:label "an academy on the outskirts of Havana"@en ;
            nkd:locatedIn nk:cuba ;
            nkd:onOutskirtsOf nk:havana .
        nk:role-outranks-counselor a nkd:Role ;
            skos:prefLabel "envoy for testing seniority"@en ;
            skos:inScheme nkv:roles ;
            skos:definition "A role above a counselor."@en ;
            nkd:outranks nkv:role-counselor-political-affairs .""",
    ),
]

EXAMPLES = VIOLATIONS + CONFORMING


def load_ontology() -> Graph:
    """The ontology with its controlled lists, as the data graph must contain them.

    pyshacl's ``ont_graph`` copies only class and property axioms into the data graph, not the
    SKOS concepts (certainty levels, roles ...) that sh:class checks need, so the ontology files
    are added to the data graph itself.
    """
    ontology = Graph()
    for path in paths.ontology_files():
        ontology.parse(path, format="turtle")
    return ontology


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(paths.SHAPES_FILE, format="turtle")


@pytest.fixture(scope="module")
def base() -> Graph:
    return Graph().parse(FIXTURES / "base.ttl", format="turtle")


Result = tuple[Node, Node, Node]


def run(data: Graph, shapes: Graph, inference: str = "none") -> list[dict[str, Node]]:
    """Validate ``data`` in place as the project does; one dict per result."""
    _, report, _ = validate(
        data, shacl_graph=shapes, advanced=True, inference=inference, inplace=True
    )
    return [
        {key: report.value(result, SH[key]) for key in RESULT_KEYS}
        for result in report.objects(None, SH.result)
    ]


RESULT_KEYS = ("sourceShape", "focusNode", "resultSeverity", "resultMessage", "value", "resultPath")


def triples(result: dict[str, Node]) -> Result:
    return (result["sourceShape"], result["focusNode"], result["resultSeverity"])


@pytest.fixture(scope="module")
def example_results(shapes: Graph, base: Graph) -> list[dict[str, Node]]:
    """One validation of the base world with every example added."""
    world = load_ontology() + base
    for item in EXAMPLES:
        world += item.graph()
    return run(world, shapes)


def own_nodes(item: Example) -> set[Node]:
    return set(item.graph().subjects())


def results_for(item: Example, results: list[dict[str, Node]]) -> set[Result]:
    nodes = own_nodes(item)
    return {triples(result) for result in results if result["focusNode"] in nodes}


def describe(results) -> str:
    return "\n".join(sorted(" ".join(str(term) for term in result) for result in results))


# --- The examples ---


def test_base_world_conforms(shapes: Graph, base: Graph) -> None:
    results = run(load_ontology() + base, shapes)
    assert results == [], describe(triples(result) for result in results)


@pytest.mark.parametrize("item", VIOLATIONS, ids=lambda item: item.name)
def test_violating_example_is_reported(item: Example, example_results) -> None:
    found = results_for(item, example_results)
    assert found == item.expected_results(), describe(found)


@pytest.mark.parametrize("item", CONFORMING, ids=lambda item: item.name)
def test_conforming_example_passes(item: Example, example_results) -> None:
    found = results_for(item, example_results)
    assert found == set(), describe(found)


def test_examples_describe_only_new_nodes(base: Graph) -> None:
    base_nodes = set(base.subjects())
    seen: dict[Node, str] = {}
    for item in EXAMPLES:
        for node in own_nodes(item):
            assert node not in base_nodes, f"{item.name} describes {node} of the base world"
            assert node not in seen, f"{item.name} and {seen[node]} both describe {node}"
            seen[node] = item.name


def test_every_result_is_about_a_node_of_an_example(example_results) -> None:
    nodes = set().union(*(own_nodes(item) for item in EXAMPLES))
    strays = [triples(result) for result in example_results if result["focusNode"] not in nodes]
    assert strays == [], describe(strays)


MESSAGES = [
    (
        "persons-whose-names-differ-only-in-spacing-case-and-hyphens",
        "person-pak-cholsu",
        "May duplicate nk:person-pak-chol-su (Pak Chol-su): their names match when case,"
        " spaces, hyphens and apostrophes are ignored. If they are the same person, keep one of"
        " the two nodes and give it the other's spelling as skos:altLabel; if not, state"
        " nk:person-pak-cholsu owl:differentFrom nk:person-pak-chol-su.",
    ),
    (
        "reference-to-a-node-defined-nowhere",
        "claim-about-ghost",
        "Refers to nk:ri-il-kuy, which is not defined in the graph: a misspelt IRI, or a"
        " node that still needs its own description with an rdf:type.",
    ),
    (
        "misspelt-property",
        "embassy-misspelt-property",
        "Uses nkd:hostCty, which the ontology does not declare: a misspelt property?",
    ),
    (
        "person-who-is-also-an-organisation",
        "person-and-state",
        "This node is typed both nkd:Person and nkd:Organization, which cannot overlap: is"
        " it a person, an organisation, a group or a place?",
    ),
    (
        "posting-that-ends-before-it-begins",
        "posting-reversed",
        "The posting ends (2016) before it begins (2019-02): check the dates of its interval.",
    ),
    (
        "disclosure-dated-before-the-defection-it-discloses",
        "disclosure-too-early",
        "The disclosure (2019-02) is dated before the event it discloses (2023-11):"
        " nothing is made known before it happens.",
    ),
    (
        "executed-person-who-later-defects",
        "execution-early",
        "nk:person-executed-early was executed (2016) but takes part in"
        " nk:defection-after-death afterwards (2019-02): check the dates or the person.",
    ),
    (
        "leap-year-february-ending-on-the-28th",
        "date-2024-02-short",
        "The bounds of this date do not match its stated value: nkd:earliest should be"
        ' "2024-02-01T00:00:00"^^xsd:dateTime and nkd:latest'
        ' "2024-02-29T23:59:59"^^xsd:dateTime.',
    ),
    (
        "evidence-quoted-from-a-document-that-is-not-the-fact-source",
        "claim-quoted-elsewhere",
        "The evidence nk:ev-quoted-elsewhere quotes nk:source-elsewhere, which is not a"
        " dcterms:source of this fact: add the source to the fact or correct the"
        " quotation's prov:wasQuotedFrom.",
    ),
    (
        "defection-from-someone-else-s-posting",
        "defection-impostor",
        "The posting nk:posting-ri-il-kyu-havana is held by someone other than this"
        " event's nkd:subject: a defection leaves, and an appointment or election begins,"
        " the subject's own posting.",
    ),
]


@pytest.mark.parametrize(
    ("name", "focus", "message"),
    [pytest.param(*case, id=case[0]) for case in MESSAGES],
)
def test_sparql_rule_message_names_what_is_wrong(name, focus, message, example_results) -> None:
    messages = {
        str(result["resultMessage"])
        for result in example_results
        if result["focusNode"] == expand(focus) and result["resultMessage"] is not None
    }
    assert message in messages, "\n".join(sorted(messages))


# --- Coverage of the shapes by the examples ---


def reported_shapes(shapes: Graph) -> set[Node]:
    """Every shape that can appear as sh:sourceShape: the node shapes with a target and
    the property shapes they hold. Value shapes that others refer to through sh:node,
    sh:or or sh:xone report through the shape that refers to them."""
    targets = (SH.targetClass, SH.target, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
    targeted = {s for p in targets for s in shapes.subjects(p, None)}
    node_level = (SH.sparql, SH["or"], SH.xone)
    found = {s for s in targeted if any((s, p, None) in shapes for p in node_level)}
    found |= {p for s in targeted for p in shapes.objects(s, SH.property)}
    return found


def test_every_rule_has_a_violating_example(shapes: Graph) -> None:
    exercised = {result[0] for item in VIOLATIONS for result in item.expected_results()}
    missing = sorted(str(shape) for shape in reported_shapes(shapes) - exercised)
    assert missing == []


def test_every_class_with_a_shape_has_a_conforming_example(shapes: Graph, base: Graph) -> None:
    ontology = load_ontology()
    conforming = base + ontology
    for item in CONFORMING:
        conforming += item.graph()

    ontology_nodes = set(ontology.subjects())

    def has_instance(cls: Node) -> bool:
        subclasses = set(ontology.transitive_subjects(RDFS.subClassOf, cls))
        return any(
            node not in ontology_nodes
            for sub in subclasses
            for node in conforming.subjects(RDF.type, sub)
        )

    classes = set(shapes.objects(None, SH.targetClass))
    missing = sorted(str(cls) for cls in classes if not has_instance(cls))
    assert missing == []


# --- The shapes graph itself ---


def test_shapes_graph_has_no_blank_nodes(shapes: Graph) -> None:
    blank = [t for t in shapes if any(isinstance(term, BNode) for term in t)]
    assert blank == []


def test_every_shape_has_an_english_label(shapes: Graph) -> None:
    all_shapes = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(
        shapes.subjects(RDF.type, SH.PropertyShape)
    )
    unlabelled = sorted(
        str(shape)
        for shape in all_shapes
        if not any(label.language == "en" for label in shapes.objects(shape, RDFS.label))
    )
    assert unlabelled == []


def test_every_reported_shape_has_a_deliberate_severity_and_a_message(shapes: Graph) -> None:
    problems = []
    for shape in reported_shapes(shapes):
        if shapes.value(shape, SH.severity) not in (SH.Violation, SH.Warning):
            problems.append(f"{shape}: no sh:Violation or sh:Warning severity")
        carriers = [shape, *shapes.objects(shape, SH.sparql)]
        if not any(
            isinstance(message, Literal) and message.language == "en"
            for carrier in carriers
            for message in shapes.objects(carrier, SH.message)
        ):
            problems.append(f"{shape}: no English sh:message")
    assert problems == []


def test_every_property_shape_says_what_it_checks(shapes: Graph) -> None:
    silent = sorted(
        str(shape)
        for shape in shapes.subjects(RDF.type, SH.PropertyShape)
        if shapes.value(shape, SH.message) is None or shapes.value(shape, SH.severity) is None
    )
    assert silent == []


# --- The article graph ---


def article_graph(dataset: Dataset) -> Graph:
    """Data and ontology as one graph, without the shapes: the data graph of a validation."""
    graph = Graph()
    for named in dataset.graphs():
        if named.identifier != SHAPES_GRAPH:
            graph += named
    return graph


@pytest.fixture(scope="module")
def article(data_dataset: Dataset) -> Graph:
    """Every source graph of the data folder, as it holds them."""
    data_graphs = [
        g
        for g in data_dataset.graphs()
        if g.identifier not in (SHAPES_GRAPH, ONTOLOGY_GRAPH) and len(g)
    ]
    if not data_graphs:
        pytest.skip("data/ holds no source graph yet")
    return article_graph(data_dataset)


def violations(results: list[dict[str, Node]]) -> list[dict[str, Node]]:
    return [result for result in results if result["resultSeverity"] == SH.Violation]


def listing(results: list[dict[str, Node]]) -> str:
    return "\n".join(
        sorted(
            f"{result['resultSeverity'].split('#')[-1]} {result['focusNode']}"
            f" {result['sourceShape'].split('#')[-1]}: {result['resultMessage']}"
            for result in results
        )
    )


def test_article_graph_has_no_violations(article: Graph, shapes: Graph) -> None:
    results = run(article + Graph(), shapes)
    assert violations(results) == [], listing(results)


def test_article_graph_has_no_violations_with_rdfs_inference(article: Graph, shapes) -> None:
    results = run(article + Graph(), shapes, inference="rdfs")
    assert violations(results) == [], listing(results)


def test_article_graph_with_its_owl_rl_closure_has_no_violations(article: Graph, shapes) -> None:
    closure = article + Graph()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure)
    assert len(closure) > len(article)
    results = run(closure, shapes)
    assert violations(results) == [], listing(results)


def test_the_rules_checked_in_code_are_declared_and_deactivated(shapes: Graph) -> None:
    from kg.validation.quotes import QUOTE_CHECK
    from kg.validation.validate import IMPORTS_CHECK, ROMANISATION_CHECK, TERMS_CHECK

    for rule in (QUOTE_CHECK, ROMANISATION_CHECK, IMPORTS_CHECK, TERMS_CHECK):
        assert (rule, RDF.type, SH.NodeShape) in shapes, rule
        assert shapes.value(rule, SH.deactivated) == Literal(True), rule
        assert any(label.language == "en" for label in shapes.objects(rule, RDFS.label)), rule
