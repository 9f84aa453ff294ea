"""A fast OWL 2 RL closure, the same as owlrl's for the constructs our ontology uses.

owlrl applies every rule to every triple in every cycle, which takes minutes at a hundred
thousand triples and hours at a million. This reasoner computes the same fixpoint with
indexes and a work list, so that each triple is processed once:

1. the schema (subclass, subproperty, domain, range, equivalence, inverse, property
   characteristics) is closed first under owlrl's ``scm-*`` rules — it is small;
2. every triple then goes through a work list that applies, from the closed schema, the
   instance rules ``prp-dom``, ``prp-rng``, ``prp-spo1``, ``prp-eqp``, ``prp-inv``,
   ``prp-symp``, ``prp-trp``, ``prp-fp``, ``prp-ifp``, ``cax-sco``, ``cax-eqc`` and the
   equality rules ``eq-sym``, ``eq-trans``, ``eq-rep-*``;
3. should the instances yield new schema triples (only odd graphs do), both steps run again.

Like owlrl it adds ``x owl:sameAs x`` for every node (``eq-ref``), owlrl's datatype triples
(``dt-type1``, ``dt-type2``, datatype subsumption and disjointness) and its one-time triples
(``cls-thing``, ``cls-nothing1``, ``prp-ap``), and it records the same inconsistencies
(``cls-nothing2``, ``cax-dw``, ``eq-diff1``, ``dt-not-type``) as owlrl's error nodes.
A graph that uses a construct outside this set (class expressions such as
``owl:someValuesFrom`` or ``owl:unionOf``, property chains, keys, ``owl:AllDifferent`` …)
raises ``Unsupported``: the caller then uses owlrl, which covers the whole profile.

``closure`` and ``closure_with`` take and give rdflib Graphs. ``closure_of`` takes any
triples (the persisted store's, for ``kg reason``) and gives plain collections of triples: at a
million triples, building a Graph of the closure takes longer than computing it.
"""

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator
from typing import Any, NamedTuple

from owlrl.AxiomaticTriples import OWLRL_Datatypes_Disjointness
from owlrl.DatatypeHandling import AltXSDToPYTHON
from owlrl.Namespaces import ERRNS
from owlrl.OWLRL import OWLRL_Annotation_properties
from owlrl.XsdDatatypes import OWL_Datatype_Subsumptions, OWL_RL_Datatypes
from rdflib import BNode, Graph, Literal
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from kg.errors import KGError
from kg.graph.namespaces import bind_prefixes

Triple = tuple[Node, Node, Node]

SCHEMA_PREDICATES = frozenset(
    {
        RDFS.subClassOf,
        OWL.equivalentClass,
        RDFS.subPropertyOf,
        OWL.equivalentProperty,
        RDFS.domain,
        RDFS.range,
        OWL.inverseOf,
    }
)
PROPERTY_DECLARATIONS = frozenset({OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property})
CHARACTERISTICS = frozenset(
    {
        OWL.FunctionalProperty,
        OWL.InverseFunctionalProperty,
        OWL.SymmetricProperty,
        OWL.TransitiveProperty,
    }
)
SCHEMA_TYPES = frozenset({OWL.Class}) | PROPERTY_DECLARATIONS | CHARACTERISTICS

UNSUPPORTED_PREDICATES = frozenset(
    {
        OWL.someValuesFrom,
        OWL.allValuesFrom,
        OWL.hasValue,
        OWL.intersectionOf,
        OWL.unionOf,
        OWL.complementOf,
        OWL.oneOf,
        OWL.maxCardinality,
        OWL.maxQualifiedCardinality,
        OWL.propertyChainAxiom,
        OWL.hasKey,
        OWL.propertyDisjointWith,
        OWL.sourceIndividual,
        OWL.members,
        OWL.distinctMembers,
    }
)
UNSUPPORTED_TYPES = frozenset(
    {
        OWL.AllDifferent,
        OWL.AllDisjointClasses,
        OWL.AllDisjointProperties,
        OWL.IrreflexiveProperty,
        OWL.AsymmetricProperty,
    }
)


RL_DATATYPES = frozenset(OWL_RL_Datatypes)


class Unsupported(KGError):
    """The graph uses an OWL construct that only owlrl handles."""


def closure(graph: Graph) -> Graph:
    """The triples that the OWL 2 RL closure of ``graph`` adds to it, as owlrl computes them.

    As in ``kg.reasoning.owlrl_closure.closure``, triples with a literal in subject position
    are left out and inconsistencies are recorded as owlrl's error nodes.
    """
    result = Graph()
    bind_prefixes(result)
    result.bind("err", ERRNS)
    for triple in closure_triples(Reasoner(graph)):
        result.add(triple)
    return result


REASONERS = ("auto", "fast", "owlrl")


def closure_with(graph: Graph, reasoner: str = "auto") -> Graph:
    """The closure by the chosen reasoner: ``fast``, ``owlrl``, or ``auto`` — the fast one,
    and owlrl when the graph uses a construct the fast one lacks."""
    if reasoner != "owlrl":
        try:
            return closure(graph)
        except Unsupported:
            if reasoner == "fast":
                raise
    from kg.reasoning.owlrl_closure import closure as owlrl_closure

    return owlrl_closure(graph)


class Closure(NamedTuple):
    """The asserted triples, each once, and the triples the closure adds to them."""

    asserted: Collection[Triple]
    inferred: Collection[Triple]


def closure_of(
    triples: Iterable[tuple[Any, Any, Any]],
    reasoner: str = "auto",
    convert: Callable[[Any], Node] | None = None,
) -> Closure:
    """``closure_with`` for triples that are not yet in an rdflib Graph, such as a store's.

    ``convert`` turns each term into an rdflib term; it is called once per distinct term, and
    terms it makes equal count as one, as in a Graph. The fast reasoner works on the triples
    as they come and gives its results as plain triples; only owlrl, which needs one, is given
    an rdflib Graph. The inferred triples are those ``closure_with`` gives for the same graph.
    """
    if reasoner == "owlrl":
        # Only the fast reasoner's loading, which converts and deduplicates the triples.
        return _owlrl_closure(Reasoner(triples, convert).asserted_triples())
    engine = Reasoner(triples, convert)
    try:
        inferred = closure_triples(engine)
    except Unsupported:
        if reasoner == "fast":
            raise
        return _owlrl_closure(engine.asserted_triples())
    return Closure(engine.asserted_triples(), inferred)


def _owlrl_closure(triples: Iterable[Triple]) -> Closure:
    from kg.reasoning.owlrl_closure import closure as owlrl_closure

    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return Closure(graph, owlrl_closure(graph))


def closure_triples(reasoner: "Reasoner") -> list[Triple]:
    """Run ``reasoner``; what ``closure`` holds, as a list of distinct triples."""
    reasoner.run()
    found = [triple for triple in reasoner.added() if not isinstance(triple[0], Literal)]
    found += error_triples(reasoner.errors())
    return found


def error_triples(errors: Iterable[str]) -> list[Triple]:
    """Each inconsistency recorded the way owlrl does: a node with the message."""
    found: list[Triple] = []
    for message in errors:
        node = BNode()
        found += [(node, RDF.type, ERRNS.ErrorMessage), (node, ERRNS.error, Literal(message))]
    return found


IdTriple = tuple[int, int, int]


class Vocabulary:
    """The ids of the terms the rules refer to."""

    def __init__(self, intern):
        self.type = intern(RDF.type)
        self.same_as = intern(OWL.sameAs)
        self.different_from = intern(OWL.differentFrom)
        self.disjoint_with = intern(OWL.disjointWith)
        self.sub_class_of = intern(RDFS.subClassOf)
        self.equivalent_class = intern(OWL.equivalentClass)
        self.sub_property_of = intern(RDFS.subPropertyOf)
        self.equivalent_property = intern(OWL.equivalentProperty)
        self.domain = intern(RDFS.domain)
        self.range = intern(RDFS.range)
        self.inverse_of = intern(OWL.inverseOf)
        self.owl_class = intern(OWL.Class)
        self.thing = intern(OWL.Thing)
        self.nothing = intern(OWL.Nothing)
        self.functional = intern(OWL.FunctionalProperty)
        self.inverse_functional = intern(OWL.InverseFunctionalProperty)
        self.symmetric = intern(OWL.SymmetricProperty)
        self.transitive = intern(OWL.TransitiveProperty)
        self.schema_predicates = {intern(t) for t in SCHEMA_PREDICATES}
        self.property_declarations = {intern(t) for t in PROPERTY_DECLARATIONS}
        self.characteristics = {intern(t) for t in CHARACTERISTICS}
        self.schema_types = {intern(t) for t in SCHEMA_TYPES}
        self.unsupported_predicates = {intern(t) for t in UNSUPPORTED_PREDICATES}
        self.unsupported_types = {intern(t) for t in UNSUPPORTED_TYPES}


class Reasoner:
    """The closure of one graph; see the module's description for the rules.

    Terms are replaced by integer ids on the way in, so that the rules compare and hash
    integers rather than rdflib terms, and are given back as terms on the way out.
    """

    def __init__(
        self, triples: Iterable[tuple[Any, Any, Any]], convert: Callable[[Any], Node] | None = None
    ):
        """``convert``, if given, makes rdflib terms of the terms in ``triples``."""
        self.terms: list[Node] = []
        self.ids: dict[Node, int] = {}
        self.v = Vocabulary(self.intern)
        self.triples: set[IdTriple] = set()
        self.by_predicate: dict[int, set[tuple[int, int]]] = defaultdict(set)
        intern = self.intern if convert is None else self.foreign_intern(convert)
        for s, p, o in triples:
            self.insert((intern(s), intern(p), intern(o)))
        self.asserted = frozenset(self.triples)
        self.literals = {i for i, term in enumerate(self.terms) if isinstance(term, Literal)}
        self.literal_errors: list[str] = []
        self.queue: list[IdTriple] = []
        # Indexes for the rules that join two instance triples, kept for those predicates only.
        self.objects: dict[int, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
        self.subjects: dict[int, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
        self.same: dict[int, set[int]] = {}
        self.by_node: dict[int, set[IdTriple]] | None = None

    def intern(self, term: Node) -> int:
        found = self.ids.get(term)
        if found is None:
            found = self.ids[term] = len(self.terms)
            self.terms.append(term)
        return found

    def foreign_intern(self, convert: Callable[[Any], Node]) -> Callable[[Any], int]:
        """``intern`` for terms of another library: each distinct term is converted once,
        rather than hashing an rdflib term (slow: it is computed in Python) per occurrence."""
        ids: dict[Any, int] = {}
        intern = self.intern

        def foreign(term: Any) -> int:
            found = ids.get(term)
            if found is None:
                found = ids[term] = intern(convert(term))
            return found

        return foreign

    def asserted_triples(self) -> "TermTriples":
        """The triples given to the reasoner, each once."""
        return TermTriples(self.asserted, self.terms, self.ids)

    # --- storage ---

    def insert(self, triple: IdTriple) -> bool:
        if triple in self.triples:
            return False
        self.triples.add(triple)
        self.by_predicate[triple[1]].add((triple[0], triple[2]))
        return True

    def add(self, triple: IdTriple) -> None:
        if triple[1] in self.literals:
            return
        if self.insert(triple):
            self.queue.append(triple)
            if self.by_node is not None:
                self.index_node(triple)

    def index_node(self, triple: IdTriple) -> None:
        for node in triple:
            self.by_node[node].add(triple)

    # --- the whole computation ---

    def run(self) -> None:
        self.check_supported()
        self.one_time_rules()
        while True:
            schema = self.schema_closure()
            self.prepare(schema)
            self.queue = list(self.triples)
            self.process()
            self.check_supported()
            if self.schema_triples() == schema:
                return

    def check_supported(self) -> None:
        v = self.v
        for predicate in v.unsupported_predicates:
            if self.by_predicate.get(predicate):
                raise Unsupported(self.lacking(predicate))
        described = {v.same_as, v.type}
        for subject, kind in self.by_predicate[v.type]:
            if kind in v.unsupported_types:
                raise Unsupported(self.lacking(kind))
            if subject in described:
                raise Unsupported(f"the graph describes {self.name(subject)} itself")
        for predicate in v.schema_predicates:
            for subject, _ in self.by_predicate[predicate]:
                if subject in described:
                    raise Unsupported(f"the graph describes {self.name(subject)} itself")

    def lacking(self, term: int) -> str:
        return f"the graph uses {self.name(term)}, which the fast reasoner lacks"

    def name(self, term: int) -> str:
        names = Graph()
        bind_prefixes(names)
        return self.terms[term].n3(names.namespace_manager)

    # --- one-time rules: cls-thing, cls-nothing1, prp-ap and the datatype rules ---

    def one_time_rules(self) -> None:
        found: list[Triple] = [
            (OWL.Thing, RDF.type, OWL.Class),
            (OWL.Nothing, RDF.type, OWL.Class),
        ]
        found += [(p, RDF.type, OWL.AnnotationProperty) for p in OWLRL_Annotation_properties]
        found += self.datatype_rules()
        for s, p, o in found:
            self.insert((self.intern(s), self.intern(p), self.intern(o)))
        self.literals = {i for i, term in enumerate(self.terms) if isinstance(term, Literal)}

    def datatype_rules(self) -> list[Triple]:
        """owlrl's ``_one_time_rules_datatypes``, step by step, over the asserted graph."""
        terms = self.terms
        # Namespace attributes are looked up in Python: fetched once, not once per literal.
        type_, datatype_class = RDF.type, RDFS.Datatype
        found: list[Triple] = []
        objects = {o for pairs in self.by_predicate.values() for _, o in pairs}
        implicit = {
            terms[o]: terms[o].datatype
            for o in objects & self.literals
            if terms[o].datatype in RL_DATATYPES
        }
        used = set(implicit.values())
        for literal, datatype in implicit.items():
            found.append((literal, type_, datatype))
            try:
                AltXSDToPYTHON.get(datatype, str)(str(literal))
            except ValueError:
                self.literal_errors.append(
                    f"Lexical value of the literal '{literal}' does not match"
                    f" its datatype ({datatype})"
                )
        explicit: dict[Node, set[Node]] = defaultdict(set)
        for s, o in self.by_predicate[self.v.type]:
            if terms[o] in RL_DATATYPES:
                used.add(terms[o])
                if terms[s] not in implicit:
                    explicit[terms[s]].add(terms[o])
        for s, o in self.by_predicate[self.v.same_as]:
            s, o = terms[s], terms[o]
            if o in implicit:
                explicit[s].add(implicit[o])
            if o in explicit:
                explicit[s].add(o)
            if s in explicit:
                explicit[o].add(s)
        found += [(dt, type_, datatype_class) for dt in OWL_RL_Datatypes]
        found += [(dt, type_, datatype_class) for dts in explicit.values() for dt in dts]
        typed = [(r, dt) for r, dts in explicit.items() for dt in dts] + list(implicit.items())
        for resource, datatype in typed:
            for wider in OWL_Datatype_Subsumptions.get(datatype, ()):
                found.append((resource, type_, wider))
                found.append((wider, type_, datatype_class))
                used.add(wider)
        found += [t for t in OWLRL_Datatypes_Disjointness if t[0] in used and t[2] in used]
        return found

    # --- step 1: the schema ---

    def schema_triples(self) -> frozenset[IdTriple]:
        v = self.v
        found = {(s, p, o) for p in v.schema_predicates for s, o in self.by_predicate[p]}
        found |= {(s, v.type, o) for s, o in self.by_predicate[v.type] if o in v.schema_types}
        return frozenset(found)

    def schema_closure(self) -> frozenset[IdTriple]:
        """Close the schema triples under the scm-* rules, adding what they derive."""
        while True:
            schema = self.schema_triples()
            up: dict[tuple[int, int], set[int]] = defaultdict(set)
            down: dict[tuple[int, int], set[int]] = defaultdict(set)
            for s, p, o in schema:
                up[p, s].add(o)
                down[p, o].add(s)
            new: list[IdTriple] = []
            for s, p, o in schema:
                new += scm_rules(self.v, s, p, o, schema, up, down)
            added = [t for t in new if t not in self.triples]
            if not added:
                return schema
            for triple in added:
                self.insert(triple)

    def prepare(self, schema: frozenset[IdTriple]) -> None:
        """Turn the closed schema into lookups for the instance rules."""
        v = self.v
        self.superclasses: dict[int, set[int]] = defaultdict(set)
        self.superproperties: dict[int, set[int]] = defaultdict(set)
        self.inverses: dict[int, set[int]] = defaultdict(set)
        self.domains: dict[int, set[int]] = defaultdict(set)
        self.ranges: dict[int, set[int]] = defaultdict(set)
        self.characteristics: dict[int, set[int]] = defaultdict(set)
        for s, p, o in schema:
            if p == v.sub_class_of and s != o:
                self.superclasses[s].add(o)
            elif p == v.equivalent_class and s != o:
                self.superclasses[s].add(o)
                self.superclasses[o].add(s)
            elif p == v.sub_property_of:
                self.superproperties[s].add(o)
            elif p == v.equivalent_property and s != o:
                self.superproperties[s].add(o)
                self.superproperties[o].add(s)
            elif p == v.inverse_of:
                self.inverses[s].add(o)
                self.inverses[o].add(s)
            elif p == v.domain:
                self.domains[s].add(o)
            elif p == v.range:
                self.ranges[s].add(o)
            elif p == v.type and o in v.characteristics:
                self.characteristics[o].add(s)
        self.joined = (
            self.characteristics[v.functional]
            | self.characteristics[v.inverse_functional]
            | self.characteristics[v.transitive]
            | {v.same_as}
        )
        self.objects.clear()
        self.subjects.clear()
        for predicate in self.joined:
            for s, o in self.by_predicate[predicate]:
                self.objects[predicate][s].add(o)
                self.subjects[predicate][o].add(s)

    # --- step 2: the instances ---

    def process(self) -> None:
        v = self.v
        type_, same_as = v.type, v.same_as
        functional = self.characteristics[v.functional]
        inverse_functional = self.characteristics[v.inverse_functional]
        symmetric = self.characteristics[v.symmetric]
        transitive = self.characteristics[v.transitive]
        superclasses, superproperties = self.superclasses, self.superproperties
        inverses, domains, ranges = self.inverses, self.domains, self.ranges
        joined, objects, subjects = self.joined, self.objects, self.subjects
        add, queue = self.add, self.queue
        while queue:
            s, p, o = triple = queue.pop()
            if p in joined:
                objects[p][s].add(o)
                subjects[p][o].add(s)
            if p in superproperties:
                for wider in superproperties[p]:
                    add((s, wider, o))
            if p in inverses:
                for inverse in inverses[p]:
                    add((o, inverse, s))
            if p in domains:
                for kind in domains[p]:
                    add((s, type_, kind))
            if p in ranges:
                for kind in ranges[p]:
                    add((o, type_, kind))
            if p == type_:
                if o in superclasses:
                    for wider in superclasses[o]:
                        add((s, type_, wider))
            elif p == same_as and s != o:
                self.equality(s, o)
            if p in symmetric:
                add((o, p, s))
            if p in functional:
                for other in list(objects[p][s]):
                    if other != o:
                        add((o, same_as, other))
                        add((other, same_as, o))
            if p in inverse_functional:
                for other in list(subjects[p][o]):
                    if other != s:
                        add((s, same_as, other))
                        add((other, same_as, s))
            if p in transitive:
                for z in list(objects[p][o]):
                    add((s, p, z))
                for w in list(subjects[p][s]):
                    add((w, p, o))
            if self.same:
                self.replace(triple)

    def equality(self, x: int, y: int) -> None:
        """eq-sym and eq-trans for a new ``x owl:sameAs y``, then eq-rep on what it joins."""
        same_as = self.v.same_as
        self.add((y, same_as, x))
        for z in list(self.objects[same_as][y]):
            self.add((x, same_as, z))
        for w in list(self.subjects[same_as][x]):
            self.add((w, same_as, y))
        if self.by_node is None:
            self.by_node = defaultdict(set)
            for triple in self.triples:
                self.index_node(triple)
        self.same.setdefault(x, set()).add(y)
        for triple in list(self.by_node[x]):
            self.replace(triple)

    def replace(self, triple: IdTriple) -> None:
        """eq-rep-s, eq-rep-p and eq-rep-o: a node's equals stand in for it."""
        s, p, o = triple
        for other in self.same.get(s, ()):
            self.add((other, p, o))
        for other in self.same.get(p, ()):
            self.add((s, other, o))
        for other in self.same.get(o, ()):
            self.add((s, p, other))

    # --- results ---

    def added(self) -> list[Triple]:
        """Every triple of the closure that was not asserted, in no particular order.

        Triples with a blank node as predicate are left out, as owlrl removes them; the
        reflexive ``owl:sameAs`` of ``eq-ref`` is added here for every node.
        """
        terms, same_as = self.terms, self.v.same_as
        found = [
            (terms[s], terms[p], terms[o])
            for s, p, o in self.triples - self.asserted
            if not isinstance(terms[p], BNode)
        ]
        nodes = {same_as}
        for triple in self.triples:
            nodes.update(triple)
        for node in nodes:
            if (node, same_as, node) not in self.triples:
                found.append((terms[node], terms[same_as], terms[node]))
        return found

    def errors(self) -> list[str]:
        """owlrl's messages for cls-nothing2, cax-dw, eq-diff1 and dt-not-type, sorted."""
        v, terms = self.v, self.terms
        found = set(self.literal_errors)
        instances: dict[int, set[int]] = defaultdict(set)
        for s, o in self.by_predicate[v.type]:
            instances[o].add(s)
        for member in instances[v.nothing]:
            found.add(f"{terms[member]} is defined of type 'Nothing'")
        for c1, c2 in self.by_predicate[v.disjoint_with]:
            for member in instances[c1] & instances[c2]:
                found.add(
                    f"Disjoint classes {terms[c1]} and {terms[c2]} have a common individual "
                    f"{terms[member]}"
                )
        for a, b in self.by_predicate[v.different_from]:
            if a == b or (a, v.same_as, b) in self.triples:
                for x, y in {(a, b), (b, a)}:
                    found.add(
                        "'sameAs' and 'differentFrom' cannot be used on the same "
                        f"subject-object pair: ({terms[x]}, {terms[y]})"
                    )
        return sorted(found)


class TermTriples:
    """Triples of ids seen as triples of terms, without a copy."""

    def __init__(self, triples: Collection[IdTriple], terms: list[Node], ids: dict[Node, int]):
        self.triples = triples
        self.terms = terms
        self.ids = ids

    def __len__(self) -> int:
        return len(self.triples)

    def __iter__(self) -> Iterator[Triple]:
        terms = self.terms
        for s, p, o in self.triples:
            yield terms[s], terms[p], terms[o]

    def __contains__(self, triple: object) -> bool:
        try:
            key = tuple(self.ids[term] for term in triple)  # type: ignore[attr-defined]
        except (KeyError, TypeError):
            return False
        return key in self.triples


def scm_rules(
    v: Vocabulary,
    s: int,
    p: int,
    o: int,
    schema: frozenset[IdTriple],
    up: dict[tuple[int, int], set[int]],
    down: dict[tuple[int, int], set[int]],
) -> list[IdTriple]:
    """What owlrl's ``_schema_vocabulary`` derives from one schema triple, with its guards.

    ``up[p, s]`` holds the objects of ``s p ?``, ``down[p, o]`` the subjects of ``? p o``.
    """
    found: list[IdTriple] = []
    if p == v.type and o == v.owl_class:
        found += [
            (s, v.sub_class_of, s),
            (s, v.equivalent_class, s),
            (s, v.sub_class_of, v.thing),
            (v.nothing, v.sub_class_of, s),
        ]
    elif p == v.type and o in v.property_declarations:
        found += [(s, v.sub_property_of, s), (s, v.equivalent_property, s)]
    elif p == v.sub_class_of:
        if s != o:
            found += [(s, p, c3) for c3 in up[p, o] if c3 != s]
        if (o, p, s) in schema:
            found.append((s, v.equivalent_class, o))
    elif p == v.equivalent_class and s != o:
        found += [(s, v.sub_class_of, o), (o, v.sub_class_of, s)]
    elif p == v.sub_property_of and s != o:
        found += [(s, p, p3) for p3 in up[p, o] if p3 != s]
        if (o, p, s) in schema:
            found.append((s, v.equivalent_property, o))
    elif p == v.equivalent_property and s != o:
        found += [(s, v.sub_property_of, o), (o, v.sub_property_of, s)]
    elif p in (v.domain, v.range):
        found += [(s, p, c2) for c2 in up[v.sub_class_of, o] if c2 != o]
        found += [(p1, p, o) for p1 in down[v.sub_property_of, s] if p1 != s]
    return found
