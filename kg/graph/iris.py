"""The project's IRIs and prefixes as plain strings.

``kg.graph.namespaces`` gives the same IRIs as rdflib terms; this module exists so that a
command that only asks Oxigraph (``kg query``, ``kg queries``) need not import rdflib, whose
import costs more than answering most queries.
"""

BASE = "https://w3id.org/nkdefectors/"
GRAPH = BASE + "graph/"
ONTOLOGY_GRAPH = GRAPH + "ontology"
SHAPES_GRAPH = GRAPH + "shapes"
INFERRED_GRAPH = GRAPH + "inferred"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"

# Every prefix our serialisations and inline queries use, in the order they are bound.
PREFIXES = {
    "nkd": BASE + "ontology#",
    "nk": BASE + "id/",
    "nkv": BASE + "vocab/",
    "nksh": BASE + "shapes#",
    "oa": "http://www.w3.org/ns/oa#",
    "org": "http://www.w3.org/ns/org#",
    "time": "http://www.w3.org/2006/time#",
    "schema": "https://schema.org/",
    "vann": "http://purl.org/vocab/vann/",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": RDF,
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": XSD,
}


def source_graph(name: str) -> str:
    """The named graph that holds the facts of the source stored as ``data/<name>``."""
    return GRAPH + name
