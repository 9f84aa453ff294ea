"""The data model as plain data, read from ``ontology/nkd.ttl``: its classes with the standard
classes each refines, its object properties as links from domain to range, and its datatype
properties as attributes of their domain. The diagram is drawn from this, so that it changes
when the ontology does."""

from dataclasses import dataclass
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, URIRef

from kg.graph import paths
from kg.graph.namespaces import NKD, bind_prefixes

ONTOLOGY_FILE = "nkd.ttl"


@dataclass(frozen=True)
class ModelClass:
    name: str
    label: str
    refines: tuple[str, ...]
    attributes: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Link:
    name: str
    domain: str
    range: str


@dataclass
class Model:
    classes: list[ModelClass]
    links: list[Link]
    # The standard classes (prov:Entity, org:Membership…) that our classes refine.
    standard: list[str]


def short(graph: Graph, iri: URIRef) -> str:
    return graph.namespace_manager.normalizeUri(iri)


def first(graph: Graph, subject: URIRef, predicate: URIRef) -> URIRef | None:
    found = sorted(graph.objects(subject, predicate))
    return found[0] if found else None


def model(ontology: Path | None = None) -> Model:
    """The classes and properties of our ontology (``ontology/nkd.ttl`` unless given)."""
    graph = Graph()
    bind_prefixes(graph)
    graph.parse(ontology or paths.ONTOLOGY_DIR / ONTOLOGY_FILE, format="turtle")

    def ours(iri: object) -> bool:
        return isinstance(iri, URIRef) and str(iri).startswith(str(NKD))

    names = sorted(short(graph, c) for c in graph.subjects(RDF.type, OWL.Class) if ours(c))
    attributes: dict[str, list[tuple[str, str]]] = {}
    links = []
    for prop in sorted(p for p in graph.subjects(RDF.type, OWL.DatatypeProperty) if ours(p)):
        domain = first(graph, prop, RDFS.domain)
        value = first(graph, prop, RDFS.range)
        if domain is not None:
            attributes.setdefault(short(graph, domain), []).append(
                (short(graph, prop), short(graph, value) if value is not None else "")
            )
    for prop in sorted(p for p in graph.subjects(RDF.type, OWL.ObjectProperty) if ours(p)):
        domain = first(graph, prop, RDFS.domain)
        value = first(graph, prop, RDFS.range)
        links.append(
            Link(
                short(graph, prop),
                short(graph, domain) if domain is not None else "owl:Thing",
                short(graph, value) if value is not None else "owl:Thing",
            )
        )
    classes = []
    for name in names:
        iri = graph.namespace_manager.expand_curie(name)
        label = graph.value(iri, RDFS.label)
        classes.append(
            ModelClass(
                name=name,
                label=str(label) if label is not None else name,
                refines=tuple(sorted(short(graph, s) for s in graph.objects(iri, RDFS.subClassOf))),
                attributes=tuple(attributes.get(name, ())),
            )
        )
    known = set(names)
    standard = sorted(
        {s for c in classes for s in c.refines if s not in known}
        | {end for link in links for end in (link.domain, link.range) if end not in known}
    )
    return Model(classes=classes, links=links, standard=standard)
