"""Counting what the graph holds: triples per graph, instances per class, and facts with and
without evidence."""

import json
from dataclasses import dataclass

from rdflib import Dataset, URIRef
from rdflib.namespace import RDF, RDFS

from kg.load import our_prefixes
from kg.namespaces import NKD, ONTOLOGY_GRAPH, SHAPES_GRAPH
from kg.query import short_form


@dataclass
class Stats:
    """Counts, each list sorted for stable output."""

    graphs: list[tuple[str, int]]
    classes: list[tuple[str, int]]
    # Per fact class (as typed in the data), then "all facts": with and without evidence.
    facts: list[tuple[str, int, int]]


def _fact_classes(dataset: Dataset) -> set[URIRef]:
    ontology = dataset.graph(ONTOLOGY_GRAPH)
    classes = {NKD.Fact}
    frontier = [NKD.Fact]
    while frontier:
        parent = frontier.pop()
        for child in ontology.subjects(RDFS.subClassOf, parent):
            if isinstance(child, URIRef) and child not in classes:
                classes.add(child)
                frontier.append(child)
    return classes


def compute(dataset: Dataset) -> Stats:
    """Triples in every graph; instances per class and facts in the data graphs (the
    ontology's and the shapes' own nodes are not data)."""
    prefixes = our_prefixes()
    graphs = sorted(
        (str(g.identifier), len(g))
        for g in dataset.graphs()
        if isinstance(g.identifier, URIRef) and len(g)
    )
    data_graphs = [
        g
        for g in dataset.graphs()
        if g.identifier not in (ONTOLOGY_GRAPH, SHAPES_GRAPH) and isinstance(g.identifier, URIRef)
    ]
    instances: dict[URIRef, set] = {}
    for graph in data_graphs:
        for node, cls in graph.subject_objects(RDF.type):
            instances.setdefault(cls, set()).add(node)
    classes = sorted(
        ((short_form(cls, prefixes), len(nodes)) for cls, nodes in instances.items()),
        key=lambda row: (-row[1], row[0]),
    )
    fact_classes = _fact_classes(dataset)
    with_evidence: dict[URIRef, int] = {}
    without: dict[URIRef, int] = {}
    for cls in fact_classes:
        for node in instances.get(cls, ()):
            has = any((node, NKD.evidence, None) in g for g in data_graphs)
            counts = with_evidence if has else without
            counts[cls] = counts.get(cls, 0) + 1
    facts = sorted(
        (short_form(cls, prefixes), with_evidence.get(cls, 0), without.get(cls, 0))
        for cls in fact_classes
        if cls in instances
    )
    every_fact = set().union(*(instances.get(cls, set()) for cls in fact_classes))
    evidenced = sum(
        1 for node in every_fact if any((node, NKD.evidence, None) in g for g in data_graphs)
    )
    facts.append(("all facts", evidenced, len(every_fact) - evidenced))
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
