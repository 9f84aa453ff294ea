"""Incremental validation: new assertions checked against the part of the graph the shapes
can see from them, not against the whole graph.

``kg validate`` reports the results about the nodes the new files describe and about the
existing nodes whose shapes read a new triple (``dependants``: every walk below, followed back
from the new triple). For those, a shape looks at a bounded neighbourhood: the node's own
triples, the values its property paths reach and their types (``sh:class``), the shapes those
values must conform to (``sh:node``, ``sh:or`` …), the patterns of its SPARQL targets and
constraints, and a few patterns that are not tied to the focus node at all — every person's
names, for the duplicate-name rule. The plan of that neighbourhood is derived from the shapes
graph once:

- every property path and nested shape becomes a walk of steps from the focus node — a step
  follows one predicate outwards (or inwards, for an inverse path);
- every SPARQL query becomes walks too: starting from ``$this``, each triple pattern whose
  subject is reached is followed outwards, one whose object is reached and whose predicate is
  fixed is followed inwards. A pattern with a variable predicate is followed outwards only:
  the shapes use such a pattern to enumerate candidates that the focus node's own triples
  then join, and those triples are in the neighbourhood;
- patterns that no walk reaches (a subquery grouping all names) are anchored at their fixed
  IRIs (``?person a nkd:Person``: every instance of nkd:Person) or, when they have none, at
  their predicate (every triple of that predicate); ``P*`` and ``P+`` paths take every triple
  of ``P``.

The walks run over the existing graph — the persisted Oxigraph store, or an rdflib Dataset —
together with the new triples. The subgraph they collect, with the whole ontology, is then
validated by ``kg.validation.validate.validate`` exactly as a full validation would be;
tests prove the same report on the article and on generated graphs, and the same verdict as
pySHACL and Apache Jena validating the whole graph (tests/validation/test_differential.py).
"""

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.namespace import RDF, SH
from rdflib.paths import AlternativePath, InvPath, MulPath, SequencePath
from rdflib.paths import Path as RdfPath
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.algebra import translatePath, triples
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Node
from rdflib.util import from_n3 as rdflib_from_n3

from kg.errors import KGError
from kg.graph import paths
from kg.graph import store as store_cache
from kg.graph.as_written import UNCHANGED_DATATYPES, WrittenForms
from kg.graph.files import write_atomically
from kg.graph.load import AssertionFile
from kg.graph.names import NAME_PREDICATES, NameIndex
from kg.graph.namespaces import (
    INFERRED_GRAPH,
    NKD,
    NKSH,
    ONTOLOGY_GRAPH,
    SHAPES_GRAPH,
    bind_prefixes,
)
from kg.graph.terms import to_oxigraph, to_rdflib
from kg.validation.quotes import check_quotes, quote_context_in_store
from kg.validation.validate import Outcome, validate

OUT, IN, PREDICATES = "out", "in", "predicates"
ANY = None  # a step along any predicate
Step = tuple[str, URIRef | None]
Walk = tuple[Step, ...]

# The graph of a context dataset that holds the neighbourhood.
NEIGHBOURHOOD_GRAPH = URIRef("urn:x-kg:neighbourhood")
# Anchors of walks: the focus nodes, a fixed node, or every triple of a predicate.
FOCUS = ("focus",)


class NotIncremental(KGError):
    """The shapes use something the neighbourhood plan cannot follow; validate in full."""


@dataclass
class Plan:
    """Walks from each anchor, predicates whose every triple is needed, and the shapes that
    need each anchor other than the focus nodes."""

    walks: dict[tuple, set[Walk]] = field(default_factory=lambda: defaultdict(set))
    predicates: set[URIRef] = field(default_factory=set)
    owners: dict[tuple, set[URIRef]] = field(default_factory=lambda: defaultdict(set))
    owner: URIRef | None = None  # the shape whose walks are being added

    def add(self, anchor: tuple, walk: Walk) -> None:
        self.walks[anchor].add(walk)
        if anchor != FOCUS:
            self.owners[anchor].add(self.owner)

    def to_json(self) -> dict:
        return {
            "walks": sorted(
                [list(anchor), sorted([list(map(list, w)) for w in walks])]
                for anchor, walks in self.walks.items()
            ),
            "predicates": sorted(self.predicates),
            "owners": sorted(
                [list(anchor), sorted(owners)] for anchor, owners in self.owners.items()
            ),
        }

    @classmethod
    def from_json(cls, document: dict) -> "Plan":
        plan = cls()
        for anchor, walks in document["walks"]:
            plan.walks[anchor_from_json(anchor)] = {
                tuple((d, None if p is None else URIRef(p)) for d, p in w) for w in walks
            }
        plan.predicates = {URIRef(p) for p in document["predicates"]}
        for anchor, owners in document["owners"]:
            plan.owners[anchor_from_json(anchor)] = {URIRef(o) for o in owners}
        return plan


def anchor_from_json(anchor: list) -> tuple:
    return tuple(anchor[:1]) + tuple(URIRef(a) for a in anchor[1:])


# --- the plan, from the shapes graph ---


def plan_for(shapes: Graph) -> Plan:
    """The neighbourhood every shape needs around a focus node."""
    plan = Plan()
    prefixes = declared_prefixes(shapes)
    shape_nodes = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(
        shapes.subjects(RDF.type, SH.PropertyShape)
    )
    for shape in sorted(shape_nodes, key=str):
        plan.owner = shape
        # Walked afresh for every shape, so that each global anchor knows all its owners.
        seen: set = set()
        shape_walks(shapes, shape, (), plan, prefixes, seen)
        for target in shapes.objects(shape, SH.target):
            select = shapes.value(target, SH.select)
            if select is None:
                raise NotIncremental(f"target {target} is not a SPARQL SELECT target")
            sparql_walks(str(select), Variable("this"), (), plan, prefixes)
        for predicate in shapes.objects(shape, SH.targetSubjectsOf):
            plan.add(FOCUS, ((OUT, predicate),))
        for predicate in shapes.objects(shape, SH.targetObjectsOf):
            plan.add(FOCUS, ((IN, predicate),))
    # Targets by class need each focus node's types (the class tree is in the ontology).
    plan.add(FOCUS, ((OUT, RDF.type),))
    plan.owner = None
    return plan


def cached_plan(shapes: Graph, path: Path) -> Plan:
    """``plan_for(shapes)``, kept in ``path`` beside the persisted store it was made for:
    parsing the shapes' SPARQL takes longer than validating a batch of new assertions."""
    version = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    try:
        document = json.loads(path.read_text("utf-8"))
        if document.get("version") == version:
            return Plan.from_json(document)
    except (OSError, ValueError, KeyError, TypeError):
        pass  # missing, or written by another version: made again below
    plan = plan_for(shapes)
    write_atomically(path, json.dumps({"version": version, **plan.to_json()}).encode("utf-8"))
    return plan


def declared_prefixes(shapes: Graph) -> dict[str, str]:
    return {
        str(shapes.value(declaration, SH.prefix)): str(shapes.value(declaration, SH.namespace))
        for declaration in shapes.subjects(SH.prefix, None)
    }


def shape_walks(
    shapes: Graph, shape: Node, at: Walk, plan: Plan, prefixes: dict, seen: set
) -> None:
    """The walks that validating ``shape`` on a node at the end of ``at`` needs."""
    if (shape, at) in seen:
        return
    seen.add((shape, at))
    if shapes.value(shape, SH.path) is not None:
        property_walks(shapes, shape, at, plan, prefixes, seen)
        return
    if shapes.value(shape, SH.closed) is not None:
        plan.add(FOCUS, at + ((OUT, ANY),))
    if shapes.value(shape, SH["class"]) is not None:
        plan.add(FOCUS, at + ((OUT, RDF.type),))
    for nested in nested_shapes(shapes, shape):
        shape_walks(shapes, nested, at, plan, prefixes, seen)
    for constraint in shapes.objects(shape, SH.sparql):
        sparql_constraint_walks(shapes, constraint, at, plan, prefixes)
    for property_shape in shapes.objects(shape, SH.property):
        property_walks(shapes, property_shape, at, plan, prefixes, seen)


def property_walks(
    shapes: Graph, property_shape: Node, at: Walk, plan: Plan, prefixes: dict, seen: set
) -> None:
    """The walks a property shape needs: its path, then what its values must satisfy."""
    for walk in path_walks(shapes, shapes.value(property_shape, SH.path), plan):
        values = at + walk
        plan.add(FOCUS, values)
        if shapes.value(property_shape, SH["class"]) is not None:
            plan.add(FOCUS, values + ((OUT, RDF.type),))
        for nested in nested_shapes(shapes, property_shape):
            shape_walks(shapes, nested, values, plan, prefixes, seen)
    for constraint in shapes.objects(property_shape, SH.sparql):
        sparql_constraint_walks(shapes, constraint, at, plan, prefixes)
    for compared in (SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals):
        for predicate in shapes.objects(property_shape, compared):
            plan.add(FOCUS, at + ((OUT, predicate),))


def sparql_constraint_walks(
    shapes: Graph, constraint: Node, at: Walk, plan: Plan, prefixes: dict
) -> None:
    select = shapes.value(constraint, SH.select)
    if select is None:
        raise NotIncremental(f"SPARQL constraint {constraint} has no SELECT")
    sparql_walks(str(select), Variable("this"), at, plan, prefixes)


def nested_shapes(shapes: Graph, shape: Node) -> Iterator[Node]:
    """Shapes that a node must also conform to: sh:node, sh:not, and the members of sh:and,
    sh:or and sh:xone lists, and qualified value shapes."""
    for predicate in (SH.node, SH["not"], SH.qualifiedValueShape):
        yield from shapes.objects(shape, predicate)
    for predicate in (SH["and"], SH["or"], SH.xone):
        for members in shapes.objects(shape, predicate):
            yield from shapes.items(members)


def path_walks(shapes: Graph, path: Node, plan: Plan) -> list[Walk]:
    """The step sequences a SHACL property path can take."""
    if isinstance(path, URIRef):
        return [((OUT, path),)]
    inverse = shapes.value(path, SH.inversePath)
    if inverse is not None:
        return [
            tuple((IN if d == OUT else OUT, p) for d, p in reversed(w))
            for w in path_walks(shapes, inverse, plan)
        ]
    alternatives = shapes.value(path, SH.alternativePath)
    if alternatives is not None:
        return [
            w for member in shapes.items(alternatives) for w in path_walks(shapes, member, plan)
        ]
    for repeated in (SH.zeroOrMorePath, SH.oneOrMorePath, SH.zeroOrOnePath):
        inner = shapes.value(path, repeated)
        if inner is not None:
            if not isinstance(inner, URIRef):
                raise NotIncremental("a repeated property path over a complex path")
            plan.predicates.add(inner)
            return [(), ((OUT, inner),)]
    members = list(shapes.items(path))
    if not members:
        raise NotIncremental(f"property path {path} is not understood")
    walks: list[Walk] = [()]
    for member in members:
        walks = [w + tail for w in walks for tail in path_walks(shapes, member, plan)]
    return walks


@cache
def parsed_patterns(text: str, prefixes: tuple) -> list[tuple]:
    return list(triple_patterns(prepareQuery(text, initNs=dict(prefixes)).algebra))


def sparql_walks(text: str, this: Variable, at: Walk, plan: Plan, prefixes: dict) -> None:
    """The walks that a SPARQL target or constraint needs around ``$this``."""
    patterns = parsed_patterns(text, tuple(sorted(prefixes.items())))
    reached: dict[Node, tuple[tuple, Walk]] = {this: (FOCUS, at)}
    pending = list(patterns)
    while pending:
        pending = follow(pending, reached, plan)
        if not pending:
            break
        # A part of the query that no walk reaches: anchor it at a fixed IRI, or else at its
        # predicate, and go on from there.
        s, p, o = pending[0]
        if isinstance(s, URIRef):
            reached[s] = (("node", s), ())
        elif isinstance(o, URIRef):
            reached[o] = (("node", o), ())
        elif isinstance(p, URIRef):
            plan.predicates.add(p)
            pending.pop(0)
            reached.setdefault(s, (("subjects", p), ()))
            reached.setdefault(o, (("objects", p), ()))
        else:
            pending.pop(0)  # ?s ?p ?o on its own: any triple satisfies it


def follow(patterns: list, reached: dict, plan: Plan) -> list:
    """Follow patterns from reached terms until none is left that can be followed."""
    pending = list(patterns)
    progress = True
    while progress:
        progress = False
        # Outward steps first, so that a pattern is followed from its subject when it can be.
        for outward in (True, False):
            left = []
            for pattern in pending:
                if step(pattern, reached, plan, outward):
                    progress = True
                else:
                    left.append(pattern)
            pending = left
            if progress:
                break
    return pending


def step(pattern: tuple, reached: dict, plan: Plan, outward: bool) -> bool:
    s, p, o = pattern
    start, end = (s, o) if outward else (o, s)
    if start not in reached or isinstance(start, Literal):
        return False
    if isinstance(p, Variable | type(None)):
        if not outward:
            return False
        alternatives: list[Walk] = [((OUT, ANY),)]
    else:
        alternatives = predicate_walks(p, plan)
        if not outward:
            alternatives = [
                tuple((IN if d == OUT else OUT, q) for d, q in reversed(w)) for w in alternatives
            ]
    anchor, walk = reached[start]
    for alternative in alternatives:
        plan.add(anchor, walk + alternative)
    # A fixed IRI at the far end is not walked through: a later pattern about it is about
    # that IRI (every nkd:Person), not about whatever else the walk reached there.
    if end not in reached and isinstance(end, Variable):
        reached[end] = (anchor, walk + min(alternatives, key=len))
    if isinstance(p, Variable) and p not in reached:
        # The predicates of the start node's triples, to read what the graph says of them.
        reached[p] = (anchor, walk + ((PREDICATES, ANY),))
    return True


def predicate_walks(p: URIRef | RdfPath, plan: Plan) -> list[Walk]:
    if isinstance(p, URIRef):
        return [((OUT, p),)]
    if isinstance(p, InvPath):
        return [
            tuple((IN if d == OUT else OUT, q) for d, q in reversed(w))
            for w in predicate_walks(p.arg, plan)
        ]
    if isinstance(p, AlternativePath):
        return [w for member in p.args for w in predicate_walks(member, plan)]
    if isinstance(p, SequencePath):
        walks: list[Walk] = [()]
        for member in p.args:
            walks = [w + tail for w in walks for tail in predicate_walks(member, plan)]
        return walks
    if isinstance(p, MulPath) and isinstance(p.path, URIRef):
        plan.predicates.add(p.path)
        return [(), ((OUT, p.path),)]
    raise NotIncremental(f"SPARQL path {p} is not understood")


def triple_patterns(node: object) -> Iterator[tuple]:
    """Every triple pattern anywhere in a query's algebra: BGPs, subqueries, and the graph
    patterns of EXISTS and NOT EXISTS, which rdflib leaves as parse trees."""
    if isinstance(node, CompValue):
        if node.name == "BGP":
            yield from node.get("triples") or ()
        elif node.name == "TriplesBlock":
            for pattern in triples(node.get("triples") or []):
                s, p, o = pattern
                yield s, translatePath(p) if isinstance(p, CompValue) else p, o
        for value in node.values():
            yield from triple_patterns(value)
    elif isinstance(node, list | tuple):
        for item in node:
            yield from triple_patterns(item)


# --- the neighbourhood, from the existing graph and the new triples ---


class Source:
    """The triples of the existing graph (without the shapes) matching a pattern."""

    def match(self, s: Node | None, p: Node | None, o: Node | None) -> Iterable[tuple]:
        raise NotImplementedError

    def ontology(self) -> Iterable[tuple]:
        raise NotImplementedError

    def names(self) -> NameIndex:
        """The index of every person's names in the existing graph."""
        raise NotImplementedError


class StoreSource(Source):
    """The persisted Oxigraph store, its literals as the files write them."""

    def __init__(self, store: ox.Store, names: NameIndex, written: WrittenForms | None = None):
        self.store = store
        self.index = names
        self.forms = written

    def names(self):
        return self.index

    def match(self, s, p, o):
        found = self.store.quads_for_pattern(
            None if s is None else to_oxigraph(s),
            None if p is None else to_oxigraph(p),
            None if o is None else to_oxigraph(o),
        )
        return as_written(
            (quad for quad in found if quad.graph_name not in store_cache.NOT_DATA), self.forms
        )

    def ontology(self):
        found = self.store.quads_for_pattern(None, None, None, ox.NamedNode(ONTOLOGY_GRAPH))
        return as_written(found, self.forms)


def as_written(quads: Iterable[ox.Quad], forms: WrittenForms | None) -> Iterator[tuple]:
    """The triples of ``quads`` in rdflib's terms, each literal the store keeps in another
    form than its file's given back as written (see ``kg.graph.as_written``)."""
    for quad in quads:
        subject, predicate, value = to_rdflib(quad.subject), to_rdflib(quad.predicate), quad.object
        written = []
        if (
            forms is not None
            and isinstance(value, ox.Literal)
            and value.datatype.value not in UNCHANGED_DATATYPES
        ):
            written = forms.written(str(quad.subject), str(quad.predicate), str(value))
        if written:
            for form in written:
                yield subject, predicate, from_n3(form)
        else:
            yield subject, predicate, to_rdflib(value)


class DatasetSource(Source):
    """An rdflib Dataset, as ``kg.graph.load.load_dataset`` returns it."""

    def __init__(self, dataset: Dataset):
        self.data = Graph()
        for graph in dataset.graphs():
            if graph.identifier not in (SHAPES_GRAPH, INFERRED_GRAPH):
                for triple in graph:
                    self.data.add(triple)
        self.ontology_graph = dataset.graph(ONTOLOGY_GRAPH)

    def match(self, s, p, o):
        return self.data.triples((s, p, o))

    def names(self):
        persons = set(self.data.subjects(RDF.type, NKD.Person))
        return NameIndex.in_memory(
            (person.n3(), str(name))
            for person in persons
            for predicate in NAME_PREDICATES
            for name in self.data.objects(person, predicate)
            if isinstance(name, Literal)
        )

    def ontology(self):
        return iter(self.ontology_graph)


def neighbourhood(plan: Plan, source: Source, new: Graph, focus: set[Node]) -> Graph:
    """The triples the plan's walks reach from the focus nodes, in the graph and the new files."""
    found = Graph()

    def match(s, p, o):
        yield from source.match(s, p, o)
        yield from new.triples((s, p, o))

    def walk(nodes: set[Node], walks: set[Walk]) -> None:
        children: dict[Step, set[Walk]] = defaultdict(set)
        for w in walks:
            if w:
                children[w[0]].add(w[1:])
        for (direction, predicate), rest in sorted(children.items(), key=str):
            reached: set[Node] = set()
            for node in nodes:
                if isinstance(node, Literal):
                    continue
                pattern = (None, predicate, node) if direction == IN else (node, predicate, None)
                for triple in match(*pattern):
                    found.add(triple)
                    reached.add(triple[{OUT: 2, IN: 0, PREDICATES: 1}[direction]])
            if rest - {()} and reached:
                walk(reached, rest)

    for predicate in sorted(plan.predicates):
        for triple in match(None, predicate, None):
            found.add(triple)
    for anchor, walks in sorted(plan.walks.items(), key=str):
        if anchor == FOCUS:
            walk(focus, walks)
        elif anchor == PERSONS_ANCHOR and names_only(plan):
            persons = persons_named_like(focus, match, source)
            for person in persons:
                found.add((person, RDF.type, NKD.Person))
            walk(persons, {w[1:] for w in walks})
        elif anchor[0] == "node":
            walk({anchor[1]}, walks)
        elif anchor[0] == "subjects":
            walk({s for s, _, _ in match(None, anchor[1], None)}, walks)
        else:
            walk({o for _, _, o in match(None, anchor[1], None)}, walks)
    return found


# The one pattern of our shapes that no walk from a focus node bounds: every person and their
# names, which the duplicate-name rule compares with a new person's. Only a person with a name
# whose key matches a new name's can take part in a result about a new node, so the name index
# gives those persons instead of all. That holds while the anchor serves only the duplicate
# rules and is walked only to names; otherwise every person is taken, as for any anchor.
PERSONS_ANCHOR = ("node", NKD.Person)
NAME_RULE_SHAPES = {NKSH.DuplicatePersonShape}


def names_only(plan: Plan) -> bool:
    allowed = {((IN, RDF.type),)} | {((IN, RDF.type), (OUT, p)) for p in NAME_PREDICATES}
    return plan.owners[PERSONS_ANCHOR] <= NAME_RULE_SHAPES and plan.walks[PERSONS_ANCHOR] <= allowed


def persons_named_like(focus: set[Node], match, source: Source) -> set[Node]:
    """The persons, new or in the graph, with a name that may match a focus node's name;
    each reached as the anchor's first step (``a nkd:Person``) would reach it."""
    names = {
        str(name)
        for node in focus
        if not isinstance(node, Literal)
        for predicate in NAME_PREDICATES
        for _, _, name in match(node, predicate, None)
        if isinstance(name, Literal)
    }
    candidates = {from_n3(person) for person in source.names().persons_matching(names)}
    candidates.update(node for node in focus if not isinstance(node, Literal))
    return {node for node in candidates if any(match(node, RDF.type, NKD.Person))}


def from_n3(term: str) -> Node:
    """A term in N-Triples form: a blank node, an IRI or a literal."""
    if term.startswith("_:"):
        return BNode(term[2:])
    if term.startswith("<"):
        return URIRef(term[1:-1])
    return rdflib_from_n3(term)


def new_triples(source: Source, files: list[AssertionFile]) -> Graph:
    """The triples of the files that the existing graph does not hold yet."""
    delta = Graph()
    for assertion in files:
        for triple in assertion.graph:
            if triple not in delta and not any(source.match(*triple)):
                delta.add(triple)
    return delta


def dependants(plan: Plan, source: Source, delta: Graph) -> set[Node]:
    """The nodes whose validation can read a triple of ``delta``: for every walk from a focus
    node and every step of it that the triple can be, the nodes the walk back from the
    triple reaches; and the persons whose names a new name can match, whom the duplicate-name
    rule compares with it."""

    def match(s, p, o):
        yield from source.match(s, p, o)
        yield from delta.triples((s, p, o))

    behind: dict[tuple[Walk, Node], set[Node]] = {}

    def walk_back(walk: Walk, node: Node) -> set[Node]:
        """The nodes from which ``walk`` reaches ``node``."""
        if not walk:
            return {node}
        if (walk, node) not in behind:
            direction, predicate = walk[-1]
            if direction == OUT:
                previous = {s for s, _, _ in match(None, predicate, node)}
            elif isinstance(node, Literal):
                previous = set()
            else:
                previous = {o for _, _, o in match(node, predicate, None)}
            behind[(walk, node)] = {
                start for before in previous for start in walk_back(walk[:-1], before)
            }
        return behind[(walk, node)]

    found: set[Node] = set()
    for anchor, walks in plan.walks.items():
        for walk in walks:
            for index, (direction, predicate) in enumerate(walk):
                step_predicate = None if direction == PREDICATES else predicate
                for s, _, o in delta.triples((None, step_predicate, None)):
                    if anchor != FOCUS:
                        if anchor == PERSONS_ANCHOR and names_only(plan):
                            continue  # the persons named like the new names, below
                        raise NotIncremental(f"a new triple touches the walks of {anchor}")
                    found |= walk_back(walk[:index], o if direction == IN else s)
    names = {s for p in NAME_PREDICATES for s in delta.subjects(p, None)}
    if names:
        found |= persons_named_like(names, match, source)
    return {node for node in found if not isinstance(node, Literal)}


def context_dataset(
    source: Source,
    files: list[AssertionFile],
    shapes: Graph,
    plan: Plan | None = None,
    scope: set[Node] = frozenset(),
) -> Dataset:
    """A Dataset holding the neighbourhood of the new files and of ``scope`` in the existing
    graph, the ontology and the shapes."""
    new = Graph()
    for assertion in files:
        for triple in assertion.graph:
            new.add(triple)
    focus = set(new.subjects()) | set(scope)
    dataset = Dataset(default_union=True)
    bind_prefixes(dataset)
    context = dataset.graph(NEIGHBOURHOOD_GRAPH)
    for triple in neighbourhood(plan or plan_for(shapes), source, new, focus):
        context.add(triple)
    # The neighbourhood as the existing graph has it: validation adds the new files, and
    # compares what existing nodes were found before them with what is found after.
    for triple in new:
        if triple in context and not any(source.match(*triple)):
            context.remove(triple)
    ontology = dataset.graph(ONTOLOGY_GRAPH)
    for triple in source.ontology():
        ontology.add(triple)
    target = dataset.graph(SHAPES_GRAPH)
    for triple in shapes:
        target.add(triple)
    return dataset


def validate_new_files(files: list[AssertionFile], data_dir: Path | None = None) -> Outcome:
    """What ``kg validate``, ``kg add`` and the server's validate page report about new files,
    without reasoning: the shapes over the files' neighbourhood in the persisted store of
    ``data_dir`` (``validate_incrementally``), then their quotations against the captures."""
    outcome = validate_incrementally(files, data_dir)
    check_quotes(outcome, files, quote_context_in_store(files, data_dir))
    return outcome


def validate_incrementally(
    files: list[AssertionFile], data_dir: Path | None = None, inference: str = "none"
) -> Outcome:
    """``kg.validation.validate.validate`` of the new files over their neighbourhood in the
    persisted store of ``data_dir``, reporting the new nodes and the existing nodes whose
    shapes read the new triples; only without inference, where the neighbourhood is exact."""
    if inference != "none":
        raise NotIncremental(f"with --infer {inference} the whole graph is validated")
    data_dir = data_dir or paths.data_dir()
    store = store_cache.open_store(data_dir)
    written = store_cache.open_written_forms(data_dir)
    shapes = Graph()
    for triple in as_written(
        store.quads_for_pattern(None, None, None, ox.NamedNode(SHAPES_GRAPH)), written
    ):
        shapes.add(triple)
    source = StoreSource(store, store_cache.open_names_index(data_dir, store), written)
    plan = cached_plan(
        shapes, store_cache.companion(store_cache.store_path(data_dir), store_cache.PLAN)
    )
    return validate_over(source, files, shapes, plan)


def validate_over(
    source: Source, files: list[AssertionFile], shapes: Graph, plan: Plan | None = None
) -> Outcome:
    """The new files validated over their neighbourhood in ``source``: the report about the
    nodes they describe and the results they bring to the existing nodes whose shapes read
    them."""
    plan = plan or plan_for(shapes)
    scope = dependants(plan, source, new_triples(source, files))
    return validate(context_dataset(source, files, shapes, plan, scope), files, "none", scope)


def validate_in_full(dataset: Dataset, files: list[AssertionFile], inference: str) -> Outcome:
    """``kg.validation.validate.validate`` of the new files over the whole ``dataset``,
    reporting the new nodes and the existing nodes whose shapes read the new triples."""
    shapes = dataset.graph(SHAPES_GRAPH)
    source = DatasetSource(dataset)
    scope = dependants(plan_for(shapes), source, new_triples(source, files))
    return validate(dataset, files, inference, scope)
