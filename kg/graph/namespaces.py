"""The project's namespaces and the IRIs of its well-known graphs."""

from rdflib import Namespace, URIRef

BASE = "https://w3id.org/nkdefectors/"
NKD = Namespace(BASE + "ontology#")
NK = Namespace(BASE + "id/")
NKV = Namespace(BASE + "vocab/")
NKSH = Namespace(BASE + "shapes#")
GRAPH = Namespace(BASE + "graph/")

OA = Namespace("http://www.w3.org/ns/oa#")
ORG = Namespace("http://www.w3.org/ns/org#")
TIME = Namespace("http://www.w3.org/2006/time#")
SCHEMA = Namespace("https://schema.org/")
VANN = Namespace("http://purl.org/vocab/vann/")

ONTOLOGY_GRAPH = URIRef(GRAPH + "ontology")
SHAPES_GRAPH = URIRef(GRAPH + "shapes")
INFERRED_GRAPH = URIRef(GRAPH + "inferred")


def source_graph_iri(name: str) -> URIRef:
    """The named graph that holds the facts of the source stored as ``data/<name>``."""
    return URIRef(GRAPH + name)


def bind_prefixes(graph) -> None:
    """Bind the prefixes every serialisation of ours uses, so output reads the same everywhere."""
    from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD

    for prefix, namespace in {
        "nkd": NKD,
        "nk": NK,
        "nkv": NKV,
        "nksh": NKSH,
        "oa": OA,
        "org": ORG,
        "time": TIME,
        "schema": SCHEMA,
        "vann": VANN,
        "dcterms": DCTERMS,
        "foaf": FOAF,
        "owl": OWL,
        "prov": PROV,
        "rdf": RDF,
        "rdfs": RDFS,
        "skos": SKOS,
        "xsd": XSD,
    }.items():
        graph.bind(prefix, namespace, override=True, replace=True)
