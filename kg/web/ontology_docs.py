"""The ontology's documentation, read from its graph: the header, then every class, property
and controlled value with its label, definition and the terms it relates to.

Generated here rather than by pyLODE, which would add a dependency for one page and does not
list the controlled vocabularies (roles, certainty levels) that a reader of a fact needs.
"""

from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from kg.graph.load import our_prefixes
from kg.graph.namespaces import NKD, NKV, ONTOLOGY_GRAPH
from kg.graph.terms import to_rdflib
from kg.web.node_description import Value, href_of

KINDS = (
    (OWL.Class, "Classes"),
    (OWL.ObjectProperty, "Object properties"),
    (OWL.DatatypeProperty, "Datatype properties"),
)
RELATIONS = (
    (RDFS.subClassOf, "subclass of"),
    (RDFS.subPropertyOf, "subproperty of"),
    (RDFS.domain, "domain"),
    (RDFS.range, "range"),
    (SKOS.broader, "broader"),
    (SKOS.inScheme, "in scheme"),
)


@dataclass
class Term:
    anchor: str
    iri: str
    short: str
    label: str
    definition: str
    relations: list[tuple[str, list[Value]]] = field(default_factory=list)


@dataclass
class OntologyDocs:
    title: str
    description: str
    version: str
    sections: list[tuple[str, list[Term]]]


def anchor_of(iri: str) -> str:
    """The fragment of a term's entry: what ``node_description.href_of`` links to."""
    href = href_of(iri) or ""
    return href.partition("#")[2]


def document(store: ox.Store) -> OntologyDocs:
    graph = Graph()
    for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(str(ONTOLOGY_GRAPH))):
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    prefixes = our_prefixes()

    def short(iri: URIRef) -> str:
        for prefix, namespace in sorted(prefixes.items(), key=lambda p: -len(p[1])):
            if prefix and str(iri).startswith(namespace):
                return f"{prefix}:{str(iri)[len(namespace) :]}"
        return str(iri)

    def text(subject: URIRef, predicate: URIRef) -> str:
        values = sorted(str(v) for v in graph.objects(subject, predicate))
        return values[0] if values else ""

    def term(iri: URIRef) -> Term:
        entry = Term(
            anchor_of(str(iri)),
            str(iri),
            short(iri),
            text(iri, RDFS.label) or text(iri, SKOS.prefLabel),
            text(iri, SKOS.definition) or text(iri, RDFS.comment),
        )
        for predicate, name in RELATIONS:
            targets = sorted(
                (
                    Value(short(o), href_of(str(o)))
                    for o in graph.objects(iri, predicate)
                    if isinstance(o, URIRef)
                ),
                key=lambda v: v.text,
            )
            if targets:
                entry.relations.append((name, targets))
        return entry

    sections = []
    for kind, heading in KINDS:
        iris = sorted(s for s in graph.subjects(RDF.type, kind) if str(s).startswith(str(NKD)))
        sections.append((heading, [term(iri) for iri in iris]))
    by_type: dict[str, list[URIRef]] = {}
    for subject in set(graph.subjects(RDF.type, None)):
        if isinstance(subject, URIRef) and str(subject).startswith(str(NKV)):
            types = sorted(short(t) for t in graph.objects(subject, RDF.type))
            by_type.setdefault(types[0], []).append(subject)
    for type_name, iris in sorted(by_type.items()):
        sections.append((f"Controlled values: {type_name}", [term(i) for i in sorted(iris)]))
    ontology = next(iter(graph.subjects(RDF.type, OWL.Ontology)), None)
    return OntologyDocs(
        title=text(ontology, DCTERMS.title) if ontology else "Ontology",
        description=text(ontology, DCTERMS.description) if ontology else "",
        version=text(ontology, OWL.versionIRI) if ontology else "",
        sections=sections,
    )
