"""Ontology quality checks in the manner of ROBOT's report: each query in ontology/qa/ returns
the offending rows. The ontology (and, for undeclared terms, everything that uses its terms)
passes every check, and each check fires on a crafted bad snippet. Also the Protégé catalog."""

import xml.etree.ElementTree as ElementTree

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, SH
from rdflib.paths import Path
from rdflib.plugins.sparql import prepareQuery

from kg.graph import paths
from kg.graph.namespaces import NKD, NKV

PREFIXES = """\
@prefix nkd:     <https://w3id.org/nkdefectors/ontology#> .
@prefix nkv:     <https://w3id.org/nkdefectors/vocab/> .
@prefix owl:     <http://www.w3.org/2002/07/owl#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix ex:      <http://example.org/> .
"""

CHECKS = (
    "missing-label",
    "missing-definition",
    "missing-ontology-metadata",
    "undeclared-term",
    "missing-alignment",
    "duplicate-label",
    "missing-domain-range",
    "owl-rl-profile",
    "deep-hierarchy",
)


def qa_query(name: str) -> str:
    return (paths.QA_DIR / f"{name}.rq").read_text(encoding="utf-8")


def rows(graph: Graph, name: str) -> set[tuple[str | None, ...]]:
    """The rows of a check, each as a tuple of strings (None for an unbound cell)."""
    return {
        tuple(None if value is None else str(value) for value in row)
        for row in graph.query(qa_query(name))
    }


def load_ontology() -> Graph:
    ontology = Graph()
    for path in paths.ontology_files():
        ontology.parse(path, format="turtle")
    return ontology


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(paths.SHAPES_FILE, format="turtle")


def with_snippet(graph: Graph, turtle: str) -> Graph:
    return graph + Graph().parse(data=PREFIXES + turtle, format="turtle")


def iris_in_sparql(text: str, prefixes: dict[str, str] | None = None) -> set[URIRef]:
    """Every IRI a SPARQL query mentions, read from its parsed algebra (not from comments)."""
    found: set[URIRef] = set()

    def walk(node) -> None:
        if isinstance(node, URIRef):
            found.add(node)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list | tuple | set | frozenset):
            for value in node:
                walk(value)
        elif isinstance(node, Path):
            walk(list(vars(node).values()))

    walk(prepareQuery(text, initNs=prefixes or {}).algebra)
    return found


def references(source: str, iris: set[URIRef]) -> Graph:
    """``source dcterms:references iri`` for each IRI, so that graph checks see SPARQL uses."""
    graph = Graph()
    for iri in iris:
        graph.add((URIRef(source), DCTERMS.references, iri))
    return graph


def shapes_sparql_references(shapes: Graph) -> Graph:
    declared = {
        str(shapes.value(declaration, SH.prefix)): str(shapes.value(declaration, SH.namespace))
        for declaration in shapes.subjects(SH.prefix, None)
    }
    graph = Graph()
    for node, select in shapes.subject_objects(SH.select):
        graph += references(str(node), iris_in_sparql(str(select), declared))
    return graph


def saved_query_references() -> Graph:
    graph = Graph()
    for path in sorted(paths.QUERIES_DIR.glob("*.rq")):
        graph += references(path.as_uri(), iris_in_sparql(path.read_text(encoding="utf-8")))
    return graph


# --- The checks pass on the ontology ---


def test_every_check_has_a_query_and_every_query_a_check() -> None:
    assert sorted(path.stem for path in paths.QA_DIR.glob("*.rq")) == sorted(CHECKS)


@pytest.mark.parametrize(
    "name",
    ["missing-label", "missing-definition", "missing-alignment", "duplicate-label"]
    + ["owl-rl-profile", "deep-hierarchy"],
)
def test_ontology_passes(name: str, ontology: Graph) -> None:
    assert rows(ontology, name) == set()


def test_ontology_and_shapes_headers_are_complete(ontology: Graph, shapes: Graph) -> None:
    assert len(set((ontology + shapes).subjects(RDF.type, OWL.Ontology))) == 2
    assert rows(ontology + shapes, "missing-ontology-metadata") == set()


def test_no_undeclared_term_in_ontology_shapes_data_or_queries(
    data_dataset: Dataset, shapes: Graph
) -> None:
    used = Graph()
    for graph in data_dataset.graphs():
        used += graph
    used += shapes_sparql_references(shapes)
    used += saved_query_references()
    assert rows(used, "undeclared-term") == set()


def test_properties_without_domain_or_range_are_the_documented_ones(ontology: Graph) -> None:
    found = rows(ontology, "missing-domain-range")
    undocumented = {row for row in found if row[2] is None}
    assert undocumented == set()
    assert {(term.removeprefix(str(NKD)), missing) for term, missing, _ in found} == {
        ("about", "rdfs:range"),
        ("acknowledgedWarning", "rdfs:domain"),
        ("description", "rdfs:domain"),
        ("destination", "rdfs:range"),
        ("locatedIn", "rdfs:range"),
        ("location", "rdfs:range"),
        ("rankedEntity", "rdfs:range"),
        ("comparedWith", "rdfs:range"),
    }


def test_sparql_text_references_are_read_from_the_query_not_its_comments() -> None:
    text = """
        # nkd:InAComment is not a use.
        PREFIX nkd: <https://w3id.org/nkdefectors/ontology#>
        SELECT ?person WHERE { ?person a/rdfs:subClassOf* nkd:Person ; nkd:evidence ?e }
    """
    iris = iris_in_sparql(text, {"rdfs": "http://www.w3.org/2000/01/rdf-schema#"})
    assert {NKD.Person, NKD.evidence} <= iris
    assert NKD.InAComment not in iris


# --- Each check fires on a crafted bad snippet ---


def test_missing_label_fires(ontology: Graph) -> None:
    bad = with_snippet(
        ontology,
        """nkd:Unlabelled a owl:Class ; skos:definition "A class."@en .
        nkd:frenchOnly a owl:ObjectProperty ; rdfs:label "seulement"@fr .
        nkv:role-unlabelled a nkd:Role ; skos:definition "A role."@en .""",
    )
    assert rows(bad, "missing-label") == {
        (str(NKD.Unlabelled), "no rdfs:label in English"),
        (str(NKD.frenchOnly), "no rdfs:label in English"),
        (str(NKV["role-unlabelled"]), "no skos:prefLabel in English"),
    }


def test_missing_definition_fires(ontology: Graph) -> None:
    bad = with_snippet(
        ontology,
        """nkd:Undefined a owl:Class ; rdfs:label "undefined"@en .
        nkv:scheme-undefined a skos:ConceptScheme ; skos:prefLabel "A list"@en ;
            skos:definition "Eine Liste."@de .""",
    )
    assert rows(bad, "missing-definition") == {
        (str(NKD.Undefined), "no skos:definition in English"),
        (str(NKV["scheme-undefined"]), "no skos:definition in English"),
    }


def test_missing_ontology_metadata_fires(ontology: Graph) -> None:
    bad = with_snippet(ontology, """ex:ontology a owl:Ontology ; dcterms:title "A draft"@en .""")
    assert rows(bad, "missing-ontology-metadata") == {
        ("http://example.org/ontology", "no dcterms:creator"),
        ("http://example.org/ontology", "no dcterms:description"),
        ("http://example.org/ontology", "no dcterms:license"),
        ("http://example.org/ontology", "no owl:versionIRI"),
    }


def test_undeclared_term_fires_on_data_and_query_uses(ontology: Graph) -> None:
    bad = with_snippet(
        ontology,
        """ex:ri a nkd:Persn ; nkd:certainty nkv:certainty-stataed .
        nkd:Person nkd:hostCty ex:havana .""",
    )
    bad += references(
        "file:///queries/bad.rq",
        iris_in_sparql(
            "PREFIX nkd: <https://w3id.org/nkdefectors/ontology#>"
            " SELECT ?e WHERE { ?fact nkd:evidense ?e ; nkd:certainty ?c }"
        ),
    )
    declared_as_class = "used but not declared as a class or property in the ontology"
    assert rows(bad, "undeclared-term") == {
        (str(NKD.Persn), declared_as_class),
        (str(NKD.hostCty), declared_as_class),
        (str(NKD.evidense), declared_as_class),
        (str(NKV["certainty-stataed"]), "used but never given a type"),
    }


def test_missing_alignment_fires(ontology: Graph) -> None:
    bad = with_snippet(
        ontology,
        """nkd:Orphan a owl:Class .
        nkd:OrphanChild a owl:Class ; rdfs:subClassOf nkd:Orphan .
        nkd:Envoy a owl:Class ; rdfs:subClassOf nkd:Person .
        nkd:orphanProperty a owl:ObjectProperty .
        nkd:envoyOf a owl:ObjectProperty ; rdfs:subPropertyOf nkd:subject .""",
    )
    assert rows(bad, "missing-alignment") == {
        (str(NKD.Orphan), "no rdfs:subClassOf a standard class"),
        (str(NKD.OrphanChild), "no rdfs:subClassOf a standard class"),
        (str(NKD.orphanProperty), "no rdfs:subPropertyOf a standard property"),
    }


def test_duplicate_label_fires(ontology: Graph) -> None:
    bad = with_snippet(
        ontology,
        """nkd:Mission a owl:Class ; rdfs:label "Diplomatic Mission"@en .
        nkd:subjectOf a owl:DatatypeProperty ; rdfs:label "subject"@en .
        nkd:Subject a owl:Class ; rdfs:label "subject"@en .
        nkv:role-envoy a nkd:Role ; skos:inScheme nkv:roles ; skos:prefLabel "Diplomat"@en .""",
    )
    assert rows(bad, "duplicate-label") == {
        (str(NKD.DiplomaticMission), str(NKD.Mission), "diplomatic mission"),
        (str(NKD.subject), str(NKD.subjectOf), "subject"),
        (str(NKV["role-diplomat"]), str(NKV["role-envoy"]), "diplomat"),
    }


def test_missing_domain_range_fires(ontology: Graph) -> None:
    bad = with_snippet(
        ontology,
        """nkd:unbounded a owl:ObjectProperty .
        nkd:undomained a owl:DatatypeProperty ; rdfs:range xsd:string .""",
    )
    new = {row for row in rows(bad, "missing-domain-range") if row[2] is None}
    assert new == {
        (str(NKD.unbounded), "rdfs:domain", None),
        (str(NKD.unbounded), "rdfs:range", None),
        (str(NKD.undomained), "rdfs:domain", None),
    }


def test_owl_rl_profile_fires(ontology: Graph) -> None:
    bad = with_snippet(
        ontology,
        """ex:ontology a owl:Ontology ; owl:imports <http://www.w3.org/ns/org#> .
        ex:A a owl:Class ; rdfs:subClassOf [ owl:unionOf ( ex:B ex:C ) ] .
        ex:D a owl:Class ; rdfs:subClassOf [ a owl:Restriction ;
            owl:onProperty ex:p ; owl:someValuesFrom ex:B ] .
        ex:E a owl:Class ; rdfs:subClassOf [ a owl:Restriction ;
            owl:onProperty ex:p ; owl:maxCardinality 2 ] .
        ex:F a owl:Class ; rdfs:subClassOf [ a owl:Restriction ;
            owl:onProperty ex:p ; owl:maxCardinality 1 ] .
        [ a owl:Restriction ; owl:onProperty ex:p ; owl:allValuesFrom ex:B ]
            rdfs:subClassOf ex:G .
        ex:q a owl:ObjectProperty ; rdfs:domain [ owl:unionOf ( ex:B ex:C ) ] .
        ex:H owl:disjointUnionOf ( ex:B ex:C ) .
        ex:r a owl:ObjectProperty , owl:ReflexiveProperty .
        ex:day a owl:DatatypeProperty ; rdfs:range xsd:date .
        ex:name a owl:DatatypeProperty ; rdfs:range xsd:string .""",
    )
    owl = str(OWL)
    assert rows(bad, "owl-rl-profile") == {
        (
            "http://example.org/ontology",
            "imports http://www.w3.org/ns/org#; refer to standard terms by IRI instead",
        ),
        ("http://example.org/A", f"{owl}unionOf in a superclass position"),
        ("http://example.org/D", f"{owl}someValuesFrom in a superclass position"),
        ("http://example.org/E", f"{owl}maxCardinality in a superclass position"),
        ("http://example.org/G", f"{owl}allValuesFrom in a subclass position"),
        ("http://example.org/q", f"{owl}unionOf in a superclass position"),
        (
            "http://example.org/H",
            "owl:disjointUnionOf is not in OWL 2 RL; state the union and disjointness apart",
        ),
        ("http://example.org/r", "reflexive properties are not in OWL 2 RL"),
        (
            "http://example.org/day",
            "range http://www.w3.org/2001/XMLSchema#date is not in the OWL 2 RL datatype map",
        ),
    }


def test_deep_hierarchy_fires_only_where_no_short_route_exists(ontology: Graph) -> None:
    # nkd:Execution is three steps below nkd:Fact, prov:Activity and schema:Event (through
    # nkd:Punishment and nkd:Event): one more level is one too many, unless a shorter route
    # exists, as nkd:Hanging has through its direct superclass nkd:Event.
    bad = with_snippet(
        ontology,
        """nkd:PublicExecution a owl:Class ; rdfs:subClassOf nkd:Execution .
        nkd:Hanging a owl:Class ; rdfs:subClassOf nkd:PublicExecution , nkd:Event .
        ex:leads a owl:ObjectProperty ; rdfs:subPropertyOf ex:heads .
        ex:heads a owl:ObjectProperty ; rdfs:subPropertyOf ex:takesPart .
        ex:takesPart a owl:ObjectProperty ; rdfs:subPropertyOf nkd:subject .""",
    )
    classes = "more than three rdfs:subClassOf steps below "
    properties = "more than three rdfs:subPropertyOf steps below "
    assert rows(bad, "deep-hierarchy") == {
        (str(NKD.PublicExecution), classes + str(NKD.Fact)),
        (str(NKD.PublicExecution), classes + "http://www.w3.org/ns/prov#Activity"),
        (str(NKD.PublicExecution), classes + "https://schema.org/Event"),
        ("http://example.org/leads", properties + "http://www.w3.org/ns/prov#wasAssociatedWith"),
    }


# --- The Protégé catalog ---

CATALOG_NS = "{urn:oasis:names:tc:entity:xmlns:xml:catalog}"


def test_catalog_maps_the_ontology_and_its_version_to_the_file(ontology: Graph) -> None:
    catalog = ElementTree.parse(paths.ONTOLOGY_DIR / "catalog-v001.xml").getroot()
    assert catalog.tag == f"{CATALOG_NS}catalog"
    mappings = {entry.get("name"): entry.get("uri") for entry in catalog.iter(f"{CATALOG_NS}uri")}
    nkd_file = Graph().parse(paths.ONTOLOGY_DIR / "nkd.ttl", format="turtle")
    (ontology_iri,) = set(nkd_file.subjects(RDF.type, OWL.Ontology))
    version_iri = nkd_file.value(ontology_iri, OWL.versionIRI)
    assert mappings == {str(ontology_iri): "nkd.ttl", str(version_iri): "nkd.ttl"}
    for target in mappings.values():
        assert (paths.ONTOLOGY_DIR / target).is_file()
