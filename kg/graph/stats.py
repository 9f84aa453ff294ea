"""Counting what the graph holds: triples per graph, instances per class, and facts with and
without evidence, in the persisted store (counting a million triples in rdflib takes minutes,
in the store about a second)."""

import json
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import RDF, RDFS

from kg.graph.load import our_prefixes
from kg.graph.namespaces import NKD, ONTOLOGY_GRAPH, SHAPES_GRAPH
from kg.graph.terms import short_form, to_rdflib


@dataclass
class Stats:
    """Counts, each list sorted for stable output."""

    graphs: list[tuple[str, int]]
    classes: list[tuple[str, int]]
    # Per fact class (as typed in the data), then "all facts": with and without evidence.
    facts: list[tuple[str, int, int]]


NOT_DATA = (ONTOLOGY_GRAPH, SHAPES_GRAPH)
SUB_CLASS_OF = ox.NamedNode(RDFS.subClassOf)
# Counted by Oxigraph: a GROUP BY over the store's indexes, not a pass over every triple in
# Python. Only named graphs count, as only they hold sources, the ontology and the shapes.
TRIPLES_PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
INSTANCES_PER_CLASS = f"""
    SELECT ?class (COUNT(DISTINCT ?node) AS ?n)
    WHERE {{
        GRAPH ?g {{ ?node a ?class }}
        FILTER (?g NOT IN (<{ONTOLOGY_GRAPH}>, <{SHAPES_GRAPH}>))
    }}
    GROUP BY ?class
"""


def _fact_classes(store: ox.Store) -> set[URIRef]:
    """nkd:Fact and every class below it in the ontology."""
    classes = {NKD.Fact}
    frontier = [NKD.Fact]
    while frontier:
        parent = frontier.pop()
        below = store.quads_for_pattern(
            None, SUB_CLASS_OF, ox.NamedNode(parent), ox.NamedNode(ONTOLOGY_GRAPH)
        )
        for quad in below:
            child = to_rdflib(quad.subject)
            if isinstance(child, URIRef) and child not in classes:
                classes.add(child)
                frontier.append(child)
    return classes


def _in_data(store: ox.Store, predicate: URIRef, value: URIRef | None = None) -> set:
    """The subjects of ``predicate`` (with ``value``) in the data graphs."""
    found = store.quads_for_pattern(
        None, ox.NamedNode(predicate), None if value is None else ox.NamedNode(value)
    )
    return {
        quad.subject
        for quad in found
        if isinstance(quad.graph_name, ox.NamedNode)
        and URIRef(quad.graph_name.value) not in NOT_DATA
    }


def compute(store: ox.Store) -> Stats:
    """Triples in every named graph; instances per class and facts in the data graphs (the
    ontology's and the shapes' own nodes are not data)."""
    prefixes = our_prefixes()
    graphs = sorted((row["g"].value, int(row["n"].value)) for row in store.query(TRIPLES_PER_GRAPH))
    classes = sorted(
        (
            (short_form(to_rdflib(row["class"]), prefixes), int(row["n"].value))
            for row in store.query(INSTANCES_PER_CLASS)
        ),
        key=lambda row: (-row[1], row[0]),
    )
    evidenced = _in_data(store, NKD.evidence)
    facts = []
    every_fact: set = set()
    for cls in _fact_classes(store):
        instances = _in_data(store, RDF.type, cls)
        if instances:
            every_fact |= instances
            with_evidence = len(instances & evidenced)
            facts.append((short_form(cls, prefixes), with_evidence, len(instances) - with_evidence))
    facts.sort()
    with_evidence = len(every_fact & evidenced)
    facts.append(("all facts", with_evidence, len(every_fact) - with_evidence))
    return Stats(graphs, classes, facts)


def _table(header: tuple[str, ...], rows: list[tuple]) -> str:
    cells = [tuple(str(c) for c in header)] + [tuple(str(c) for c in row) for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]

    def line(row: tuple[str, ...]) -> str:
        first = row[0].ljust(widths[0])
        rest = [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest]).rstrip() + "\n"

    return "".join(
        [line(cells[0]), line(tuple("-" * w for w in widths))] + [line(r) for r in cells[1:]]
    )


def format_table(stats: Stats) -> str:
    """Three tables for people."""
    return "\n".join(
        [
            _table(("graph", "triples"), stats.graphs),
            _table(("class (data graphs)", "instances"), stats.classes),
            _table(("fact class", "with evidence", "without evidence"), stats.facts),
        ]
    )


def format_json(stats: Stats) -> str:
    """The same counts as JSON."""
    document = {
        "graphs": [{"graph": g, "triples": n} for g, n in stats.graphs],
        "classes": [{"class": c, "instances": n} for c, n in stats.classes],
        "facts": [
            {"class": c, "with_evidence": w, "without_evidence": wo} for c, w, wo in stats.facts
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
