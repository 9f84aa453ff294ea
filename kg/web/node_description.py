"""What a node's page shows, read from the store: its names, its types, the facts about it with
their date, certainty, attribution and quoted evidence, and what else refers to it.

A fact is a node typed with ``nkd:Fact`` or a class below it; the facts about a node are those
that refer to it (a posting's member, a defection's subject, a kinship's relative), grouped by
their class. The page shows each fact with its qualifiers under it, the way an item page of
Wikidata shows a statement with its references.
"""

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from kg.graph.namespaces import NK, NKD, NKV, OA, ONTOLOGY_GRAPH, ORG, SHAPES_GRAPH, TIME
from kg.graph.terms import to_rdflib

LABEL_PREDICATES = [ox.NamedNode(str(p)) for p in (SKOS.prefLabel, RDFS.label, DCTERMS.title)]
NAME_PREDICATES = [
    ox.NamedNode(str(p)) for p in (SKOS.prefLabel, SKOS.altLabel, RDFS.label, DCTERMS.title)
]
RDF_TYPE = ox.NamedNode(str(RDF.type))
SUB_CLASS_OF = ox.NamedNode(str(RDFS.subClassOf))
ONTOLOGY = ox.NamedNode(str(ONTOLOGY_GRAPH))
SHAPES = ox.NamedNode(str(SHAPES_GRAPH))
EVIDENCE = ox.NamedNode(str(NKD.evidence))
EXACT = ox.NamedNode(str(OA.exact))
QUOTED_FROM = ox.NamedNode(str(PROV.wasQuotedFrom))
CERTAINTY = ox.NamedNode(str(NKD.certainty))
ASSERTED_BY = ox.NamedNode(str(NKD.assertedBy))
ON_ACCOUNT_OF = ox.NamedNode(str(NKD.onAccountOf))
HAS_TIME = ox.NamedNode(str(TIME.hasTime))
MEMBER_DURING = ox.NamedNode(str(ORG.memberDuring))
HAS_BEGINNING = ox.NamedNode(str(TIME.hasBeginning))
HAS_END = ox.NamedNode(str(TIME.hasEnd))
UNIT_TYPE = ox.NamedNode(str(TIME.unitType))
# Shown in a fact's qualifiers, not among its other properties.
QUALIFIERS = {RDF_TYPE, EVIDENCE, CERTAINTY, ASSERTED_BY, ON_ACCOUNT_OF, HAS_TIME, MEMBER_DURING}
PRECISIONS = {
    str(TIME.unitDay): "day",
    str(TIME.unitMonth): "month",
    str(TIME.unitYear): "year",
    str(TIME.unitDecade): "decade",
}


@dataclass(frozen=True)
class Value:
    """A term as a page shows it: its text, where it links (or None), and a note (a
    literal's language or datatype)."""

    text: str
    href: str | None = None
    note: str = ""


@dataclass
class Quote:
    exact: str
    source: Value | None


@dataclass
class FactView:
    node: Value
    kind: str
    relation: str
    graph: str
    dates: list[str] = field(default_factory=list)
    certainty: list[Value] = field(default_factory=list)
    asserted_by: list[Value] = field(default_factory=list)
    on_account_of: list[Value] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    properties: list[tuple[str, Value]] = field(default_factory=list)
    sort_key: str = ""


@dataclass
class NodeView:
    iri: str
    title: str
    names: list[Value]
    types: list[Value]
    properties: list[tuple[str, Value, str]]
    own_fact: FactView | None
    facts: dict[str, list[FactView]]
    inbound: list[tuple[Value, str, str]]


def href_of(iri: str) -> str | None:
    """Where a term's page is on this server: a node's at /id/, an ontology or vocabulary
    term's in /ontology; another IRI is linked as it is."""
    if iri.startswith(str(NK)):
        return "/id/" + iri[len(NK) :]
    if iri.startswith(str(NKD)):
        return "/ontology#" + iri[len(NKD) :]
    if iri.startswith(str(NKV)):
        return "/ontology#vocab-" + iri[len(NKV) :]
    if iri.startswith(("http://", "https://")):
        return iri
    return None


class Reader:
    """Reads labels and descriptions from one store, remembering the labels it has read."""

    def __init__(self, store: ox.Store, prefixes: dict[str, str]):
        self.store = store
        self.prefixes = prefixes
        self._labels: dict[ox.NamedNode | ox.BlankNode, str] = {}

    def objects(self, subject, predicate) -> list:
        return [q.object for q in self.store.quads_for_pattern(subject, predicate, None)]

    def label(self, term) -> str:
        if isinstance(term, ox.Literal):
            return term.value
        if term not in self._labels:
            found = None
            for predicate in LABEL_PREDICATES:
                literals = sorted(
                    (o for o in self.objects(term, predicate) if isinstance(o, ox.Literal)),
                    key=lambda o: (o.language != "en", o.value),
                )
                if literals:
                    found = literals[0].value
                    break
            self._labels[term] = found or self.short(term)
        return self._labels[term]

    def short(self, term) -> str:
        if isinstance(term, ox.BlankNode):
            return f"_:{term.value}"
        for prefix, namespace in sorted(self.prefixes.items(), key=lambda p: -len(p[1])):
            if term.value.startswith(namespace) and prefix:
                return f"{prefix}:{term.value[len(namespace) :]}"
        return term.value

    def value(self, term) -> Value:
        if isinstance(term, ox.Literal):
            if term.language:
                note = f"@{term.language}"
            elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
                note = self.short(term.datatype)
            else:
                note = ""
            return Value(term.value, None, note)
        if isinstance(term, ox.BlankNode):
            return Value(self.short(term))
        return Value(self.label(term), href_of(term.value))

    def date(self, instant) -> str:
        """A date at the precision its source gives: its label and its unit."""
        units = [PRECISIONS.get(u.value, self.short(u)) for u in self.objects(instant, UNIT_TYPE)]
        text = self.label(instant)
        return f"{text} (to the {units[0]})" if units else text


def fact_classes(store: ox.Store) -> set[str]:
    """nkd:Fact and every class below it in the ontology."""
    found = {str(NKD.Fact)}
    frontier = [str(NKD.Fact)]
    while frontier:
        parent = frontier.pop()
        for quad in store.quads_for_pattern(None, SUB_CLASS_OF, ox.NamedNode(parent), ONTOLOGY):
            if isinstance(quad.subject, ox.NamedNode) and quad.subject.value not in found:
                found.add(quad.subject.value)
                frontier.append(quad.subject.value)
    return found


def data_quads(store: ox.Store, subject=None, predicate=None, obj=None) -> list[ox.Quad]:
    """Quads of the data graphs (the ontology's and the shapes' nodes have their own page)."""
    return [
        quad
        for quad in store.quads_for_pattern(subject, predicate, obj)
        if quad.graph_name not in (ONTOLOGY, SHAPES)
    ]


def describe(store: ox.Store, iri: str, facts: set[str], prefixes: dict[str, str]):
    """The page of node ``iri``, or None when the data say nothing of it."""
    node = ox.NamedNode(iri)
    outgoing = data_quads(store, node)
    incoming = data_quads(store, None, None, node)
    if not outgoing and not incoming:
        return None
    reader = Reader(store, prefixes)
    names = sorted(
        {reader.value(q.object) for q in outgoing if q.predicate in NAME_PREDICATES},
        key=lambda v: (v.text, v.note),
    )
    types = sorted(
        {reader.value(q.object) for q in outgoing if q.predicate == RDF_TYPE}, key=lambda v: v.text
    )
    is_fact = any(q.object.value in facts for q in outgoing if q.predicate == RDF_TYPE)
    shown = set(NAME_PREDICATES) | {RDF_TYPE} | (QUALIFIERS if is_fact else set())
    properties = sorted(
        (
            (reader.short(q.predicate), reader.value(q.object), graph_name(q))
            for q in outgoing
            if q.predicate not in shown
        ),
        key=lambda row: (row[0], row[1].text),
    )
    own_fact = fact_view(reader, node, "", outgoing, facts) if is_fact else None
    grouped: dict[str, list[FactView]] = defaultdict(list)
    inbound = []
    for quad in incoming:
        subject_types = {o.value for o in reader.objects(quad.subject, RDF_TYPE)}
        if subject_types & facts and quad.predicate not in (ASSERTED_BY,):
            relation = reader.label(quad.predicate)
            view = fact_view(reader, quad.subject, relation, data_quads(store, quad.subject), facts)
            grouped[view.kind].append(view)
        else:
            inbound.append(
                (reader.value(quad.subject), reader.short(quad.predicate), graph_name(quad))
            )
    for views in grouped.values():
        views.sort(key=lambda v: (v.sort_key, v.node.text))
    return NodeView(
        iri=iri,
        title=reader.label(node),
        names=names,
        types=types,
        properties=properties,
        own_fact=own_fact,
        facts=dict(sorted(grouped.items())),
        inbound=sorted(inbound, key=lambda row: (row[1], row[0].text)),
    )


def graph_name(quad: ox.Quad) -> str:
    return quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""


def fact_view(reader: Reader, fact, relation: str, quads: list[ox.Quad], facts: set[str]):
    """A fact with its qualifiers: date, certainty, attribution, evidence."""
    classes = sorted(
        reader.label(q.object) for q in quads if q.predicate == RDF_TYPE and q.object.value in facts
    )
    view = FactView(
        node=reader.value(fact),
        kind=classes[0] if classes else "fact",
        relation=relation,
        graph=graph_name(quads[0]) if quads else "",
    )
    earliest = []
    for quad in quads:
        predicate, value = quad.predicate, quad.object
        if predicate == HAS_TIME:
            view.dates.append(reader.date(value))
            earliest += [o.value for o in reader.objects(value, ox.NamedNode(str(NKD.earliest)))]
        elif predicate == MEMBER_DURING:
            for edge, word in ((HAS_BEGINNING, "from"), (HAS_END, "until")):
                for instant in reader.objects(value, edge):
                    view.dates.append(f"{word} {reader.date(instant)}")
        elif predicate == CERTAINTY:
            view.certainty.append(reader.value(value))
        elif predicate == ASSERTED_BY:
            view.asserted_by.append(reader.value(value))
        elif predicate == ON_ACCOUNT_OF:
            view.on_account_of.append(reader.value(value))
        elif predicate == EVIDENCE:
            for exact in reader.objects(value, EXACT):
                sources = reader.objects(value, QUOTED_FROM)
                view.quotes.append(
                    Quote(exact.value, reader.value(sources[0]) if sources else None)
                )
        elif predicate != RDF_TYPE and predicate not in NAME_PREDICATES:
            view.properties.append((reader.label(predicate), reader.value(value)))
    view.dates.sort()
    view.quotes.sort(key=lambda q: q.exact)
    view.properties.sort(key=lambda p: (p[0], p[1].text))
    view.sort_key = min(earliest, default="")
    return view


def description_graph(store: ox.Store, iri: str) -> Graph:
    """The node's triples and those of its evidence, in every data graph."""
    node = ox.NamedNode(iri)
    graph = Graph()
    own = data_quads(store, node)
    evidence = [q for e in own if e.predicate == EVIDENCE for q in data_quads(store, e.object)]
    for quad in own + evidence:
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return graph
