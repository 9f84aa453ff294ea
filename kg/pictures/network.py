"""The network as plain data: people, missions, organisations and events as nodes; postings,
kinships and the roles people and bodies play in events as edges.

The whole graph, at the size of an article, or the neighbourhood of one node (what is one edge
away from it, and the edges among those); a large graph unfocused gives a sample.
"""

from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.errors import UsageError
from kg.graph.namespaces import NKD
from kg.pictures.read import EVENT, classes_below, labels, local_name, select, values

# Past this many nodes an unfocused network shows a sample: a browser lays out a few hundred
# nodes at once, not thousands.
SAMPLE_SIZE = 300
# A sample is drawn around at most this many persons.
SAMPLE_PEOPLE = 40
KINDS = {
    "person": [str(NKD.Person), str(NKD.FamilyGroup), str(NKD.PersonGroup)],
    "mission": [str(NKD.DiplomaticMission)],
    "organisation": [str(NKD.Organization)],
    "event": [EVENT],
}
# An event's links to what takes part in it, said by the ontology's event properties.
EVENT_ROLES = [
    "subject",
    "accompaniedBy",
    "assistedBy",
    "leftBehind",
    "disclosedBy",
    "disclosedTo",
    "discloses",
    "location",
    "destination",
    "participantState",
    "party",
    "legislature",
]


@dataclass(frozen=True)
class Node:
    iri: str
    label: str
    kind: str

    @property
    def name(self) -> str:
        return local_name(self.iri)


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str
    label: str


@dataclass
class Network:
    nodes: list[Node]
    edges: list[Edge]
    focus: str = ""
    total: int = 0
    sampled: bool = False
    notes: dict[str, str] = field(default_factory=dict)


def kind_classes(store: ox.Store) -> dict[str, str]:
    """Each class of a node kind with its kind; a mission is an organisation, and a mission."""
    found: dict[str, str] = {}
    for kind in ("organisation", "mission", "person", "event"):
        for top in KINDS[kind]:
            for cls in classes_below(store, top):
                found[cls] = kind
    return found


EDGE_QUERIES = {
    "posting": """SELECT ?a ?b ?label WHERE {
        ?posting org:member ?a ; org:organization ?b ; a nkd:Posting .
        OPTIONAL { ?posting org:role/skos:prefLabel ?label }
    }""",
    "kinship": """SELECT ?a ?b ?label WHERE {
        ?kinship nkd:kinOf ?a ; nkd:relative ?b ; a nkd:Kinship .
        OPTIONAL { ?kinship nkd:kinshipType/skos:prefLabel ?label }
    }""",
    "role": """SELECT ?a ?b ?label WHERE {
        VALUES ?role { ROLES }
        ?a ?role ?b .
        BIND (STRAFTER(STR(?role), "#") AS ?label)
    }""".replace("ROLES", " ".join("nkd:" + role for role in EVENT_ROLES)),
}


def edges_touching(store: ox.Store, focus: list[str] | None) -> list[Edge]:
    """Postings, kinships and event roles; those with one of ``focus`` at either end if given.

    Each query is asked with the focus bound to one end, then to the other, by a VALUES block
    first in the pattern: Oxigraph then starts from it, where a UNION of the two made it read
    every posting (1 s at a million triples).
    """
    edges = set()
    for kind, text in EDGE_QUERIES.items():
        ends = ["?a", "?b"] if focus else [""]
        for end in ends:
            bound = f"WHERE {{ VALUES {end} {{ {values(focus)} }}" if end else "WHERE {"
            for row in select(store, text.replace("WHERE {", bound, 1)):
                edges.add(Edge(row["a"], row["b"], kind, row.get("label", kind)))
    return sorted(edges, key=lambda e: (e.source, e.target, e.kind, e.label))


def typed(store: ox.Store, iris: list[str], classes: dict[str, str]) -> dict[str, str]:
    """The kind of each of ``iris`` that is a node of the network."""
    if not iris:
        return {}
    rows = select(
        store,
        f"SELECT ?node ?class WHERE {{ VALUES ?node {{ {values(iris)} }} ?node a ?class }}",
    )
    kinds: dict[str, str] = {}
    order = ["organisation", "mission", "event", "person"]
    for row in rows:
        kind = classes.get(row["class"])
        # A mission is also an organisation: the narrower kind wins.
        if kind and order.index(kind) > order.index(kinds.get(row["node"], "organisation")):
            kinds[row["node"]] = kind
        elif kind:
            kinds.setdefault(row["node"], kind)
    return kinds


def all_nodes(store: ox.Store, classes: dict[str, str]) -> list[str]:
    rows = select(
        store,
        f"SELECT DISTINCT ?node WHERE {{ VALUES ?class {{ {values(sorted(classes))} }} "
        "?node a ?class . FILTER (isIRI(?node)) }",
    )
    return sorted(row["node"] for row in rows)


def count_nodes(store: ox.Store, classes: dict[str, str]) -> int:
    rows = select(
        store,
        f"SELECT (COUNT(DISTINCT ?node) AS ?n) WHERE {{ VALUES ?class {{ "
        f"{values(sorted(classes))} }} ?node a ?class . FILTER (isIRI(?node)) }}",
    )
    return int(rows[0]["n"])


def sample(store: ox.Store) -> tuple[list[str], list[Edge]]:
    """Persons spread over the graph (in IRI order) with their neighbourhoods, as many as fit
    in SAMPLE_SIZE nodes: whole neighbourhoods, so that what is shown is connected."""
    persons = sorted(
        row["node"] for row in select(store, "SELECT ?node WHERE { ?node a nkd:Person }")
    )
    candidates = every_nth(persons, SAMPLE_PEOPLE)
    edges = edges_touching(store, candidates)
    around: dict[str, set[str]] = {person: {person} for person in candidates}
    for edge in edges:
        for end, other in ((edge.source, edge.target), (edge.target, edge.source)):
            if end in around:
                around[end].add(other)
    chosen: set[str] = set()
    for person in candidates:
        if chosen and len(chosen | around[person]) > SAMPLE_SIZE:
            break
        chosen |= around[person]
    return sorted(chosen), edges


def every_nth(items: list, size: int) -> list:
    """``size`` items spread over the list, in order."""
    if len(items) <= size:
        return items
    step = len(items) / size
    return [items[int(i * step)] for i in range(size)]


def network(store: ox.Store, focus: str | None = None) -> Network:
    """The network of the whole graph (a sample if large), or the neighbourhood of ``focus``."""
    classes = kind_classes(store)
    if focus:
        if not typed(store, [focus], classes):
            raise UsageError(
                f"--focus: {focus} is no person, mission, organisation or event in the graph"
            )
        edges = edges_touching(store, [focus])
        iris = sorted({focus} | {e.source for e in edges} | {e.target for e in edges})
        total, sampled = len(iris), False
    else:
        total = count_nodes(store, classes)
        sampled = total > SAMPLE_SIZE
        if sampled:
            iris, edges = sample(store)
        else:
            iris = all_nodes(store, classes)
            edges = edges_touching(store, None)
    kinds = typed(store, iris, classes)
    names = labels(store, kinds)
    nodes = [Node(iri, names.get(iri, local_name(iri)), kinds[iri]) for iri in sorted(kinds)]
    kept = set(kinds)
    edges = [e for e in edges if e.source in kept and e.target in kept]
    return Network(nodes=nodes, edges=edges, focus=focus or "", total=total, sampled=sampled)
