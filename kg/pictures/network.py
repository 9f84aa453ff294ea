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


def edges_touching(store: ox.Store, focus: str | None) -> list[Edge]:
    """Postings, kinships and event roles; those with ``focus`` at either end if given."""

    def either(a: str, b: str) -> str:
        if not focus:
            return ""
        return f"{{ VALUES ?{a} {{ <{focus}> }} }} UNION {{ VALUES ?{b} {{ <{focus}> }} }}"

    postings = select(
        store,
        f"""SELECT ?a ?b ?label WHERE {{
            {either("a", "b")}
            ?posting a nkd:Posting ; org:member ?a ; org:organization ?b .
            OPTIONAL {{ ?posting org:role/skos:prefLabel ?label }}
        }}""",
    )
    kinships = select(
        store,
        f"""SELECT ?a ?b ?label WHERE {{
            {either("a", "b")}
            ?kinship a nkd:Kinship ; nkd:kinOf ?a ; nkd:relative ?b .
            OPTIONAL {{ ?kinship nkd:kinshipType/skos:prefLabel ?label }}
        }}""",
    )
    roles = select(
        store,
        f"""SELECT ?a ?b ?role WHERE {{
            {either("a", "b")}
            VALUES ?role {{ {" ".join("nkd:" + role for role in EVENT_ROLES)} }}
            ?a ?role ?b .
        }}""",
    )
    edges = [Edge(r["a"], r["b"], "posting", r.get("label", "posting")) for r in postings]
    edges += [Edge(r["a"], r["b"], "kinship", r.get("label", "kin")) for r in kinships]
    edges += [Edge(r["a"], r["b"], "role", local_name(r["role"])) for r in roles]
    return sorted(set(edges), key=lambda e: (e.source, e.target, e.kind, e.label))


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


def network(store: ox.Store, focus: str | None = None) -> Network:
    """The network of the whole graph (a sample if large), or the neighbourhood of ``focus``."""
    classes = kind_classes(store)
    if focus:
        if not typed(store, [focus], classes):
            raise UsageError(
                f"--focus: {focus} is no person, mission, organisation or event in the graph"
            )
        edges = edges_touching(store, focus)
        iris = sorted({focus} | {e.source for e in edges} | {e.target for e in edges})
        total, sampled = len(iris), False
    else:
        iris = all_nodes(store, classes)
        total = len(iris)
        sampled = total > SAMPLE_SIZE
        if sampled:
            step = total / SAMPLE_SIZE
            iris = [iris[int(i * step)] for i in range(SAMPLE_SIZE)]
        edges = edges_touching(store, None)
    kinds = typed(store, iris, classes)
    names = labels(store, kinds)
    nodes = [Node(iri, names.get(iri, local_name(iri)), kinds[iri]) for iri in sorted(kinds)]
    kept = set(kinds)
    edges = [e for e in edges if e.source in kept and e.target in kept]
    return Network(nodes=nodes, edges=edges, focus=focus or "", total=total, sampled=sampled)
