"""Adding validated assertions to the Turtle file of a source's named graph, all or nothing.

A new source's file (one Turtle file, for a graph that has no file yet) becomes
``data/NAME.ttl`` byte for byte, comments and sections as its author wrote them. To an
existing source, the new triples are appended as one block in a fixed order (subjects
sorted, ``rdf:type`` first, then predicates and objects sorted, our prefixes), so that the
file's hand-written part stays byte for byte as it was and ``git diff data/`` shows only the
new facts. The whole command runs under an exclusive lock on ``data/.kg.lock``, and the file is
replaced in one rename of a fully written, fsynced temporary file: a run killed at any point
leaves the file as it was or fully updated.
"""

import fcntl
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from kg.errors import InputError, UsageError
from kg.graph.files import write_atomically
from kg.graph.load import AssertionFile, declared_prefixes, our_prefixes, parse_file, term_sort_key
from kg.graph.namespaces import GRAPH, source_graph_iri
from kg.validation.validate import Outcome

LOCK_NAME = ".kg.lock"
# The temporary file write_atomically writes a source file to: ".NAME.ttl.RANDOM.tmp".
LEFTOVER_PATTERN = ".*.ttl.*.tmp"
_SOURCE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_PLAIN_LOCAL = re.compile(r"[A-Za-z0-9_]([\w.-]*[\w-])?")
# Literals Turtle can write without quotes, as the data files do (true, 46, 2.5).
_BARE = {
    XSD.boolean: re.compile(r"true|false"),
    XSD.integer: re.compile(r"[+-]?\d+"),
    XSD.decimal: re.compile(r"[+-]?\d*\.\d+"),
}
# After rdf:type, a node's names come first, as in the hand-written files.
_NAMES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel)


@dataclass(frozen=True)
class Target:
    """Where new assertions go: a named graph and the Turtle file that holds it."""

    graph: URIRef
    path: Path


@contextmanager
def data_lock(data_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on the data folder, so two runs cannot interleave; then remove
    the temporary files of runs killed before their rename (none can be writing now)."""
    if not data_dir.is_dir():
        raise InputError(f"{data_dir}: data folder not found")
    with open(data_dir / LOCK_NAME, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            for leftover in data_dir.glob(LEFTOVER_PATTERN):
                leftover.unlink(missing_ok=True)
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _expand(source: str) -> URIRef | None:
    if source.startswith("<") and source.endswith(">"):
        return URIRef(source[1:-1])
    if re.match(r"https?://", source):
        return URIRef(source)
    curie = re.fullmatch(r"([A-Za-z][\w.-]*):(\S*)", source)
    if curie and curie.group(1) in our_prefixes():
        return URIRef(our_prefixes()[curie.group(1)] + curie.group(2))
    return None


def resolve_target(provenance: Graph, data_dir: Path, source: str) -> Target:
    """The graph and file for ``--source``: a graph IRI, the IRI of the source document a
    graph was derived from (``provenance`` holds the graph's prov:wasDerivedFrom triples), or
    the name of a new source (``data/NAME.ttl``)."""
    iri = _expand(source)
    if iri is None:
        if not _SOURCE_NAME.fullmatch(source):
            raise UsageError(
                f"--source {source}: give a graph IRI, a source document IRI or a new source "
                "name of letters, digits, '.', '_' and '-'"
            )
        graph = source_graph_iri(source)
    elif str(iri).startswith(str(GRAPH)):
        graph = iri
    else:
        derived = sorted(
            {g for g in provenance.subjects(PROV.wasDerivedFrom, iri) if str(g).startswith(GRAPH)},
            key=str,
        )
        if not derived:
            raise UsageError(
                f"--source {source}: no graph is derived from this source document "
                "(prov:wasDerivedFrom); give a graph IRI or a new source name"
            )
        if len(derived) > 1:
            listing = ", ".join(str(g) for g in derived)
            raise UsageError(f"--source {source}: several graphs derive from it: {listing}")
        graph = derived[0]
    name = str(graph)[len(GRAPH) :]
    if not _SOURCE_NAME.fullmatch(name):
        raise UsageError(f"--source {source}: graph <{graph}> has no file name of its own")
    path = data_dir / f"{name}.ttl"
    for other in (data_dir / name, data_dir / f"{name}.trig", data_dir / f"{name}.nq"):
        if other.exists():
            raise UsageError(
                f"--source {source}: graph <{graph}> is kept in {other}; kg add writes only "
                f"a Turtle file per source ({path.name})"
            )
    return Target(graph, path)


def _term(term: Node, used: set[str], prefixes: Mapping[str, str]) -> str:
    if isinstance(term, URIRef):
        best = max(
            ((p, ns) for p, ns in prefixes.items() if p and term.startswith(ns)),
            key=lambda pair: len(pair[1]),
            default=None,
        )
        if best is not None and _PLAIN_LOCAL.fullmatch(term[len(best[1]) :]):
            used.add(best[0])
            return f"{best[0]}:{term[len(best[1]) :]}"
        return f"<{term}>"
    if isinstance(term, Literal):
        if term.datatype in _BARE and _BARE[term.datatype].fullmatch(str(term)):
            return str(term)
        quoted = Literal(str(term)).n3()
        if term.language:
            return f"{quoted}@{term.language}"
        if term.datatype is not None:
            return f"{quoted}^^{_term(term.datatype, used, prefixes)}"
        return quoted
    raise InputError(f"cannot write {term!r} into a source file")


def turtle_block(
    triples: Iterable[tuple[Node, Node, Node]], existing_prefixes: Mapping[str, str], origin: str
) -> str:
    """New triples as one Turtle block in a fixed order, declaring only the prefixes it uses
    that the file does not already declare the same way."""
    prefixes = our_prefixes()
    by_subject: dict[Node, dict[Node, list[Node]]] = {}
    for s, p, o in triples:
        by_subject.setdefault(s, {}).setdefault(p, []).append(o)
    used: set[str] = set()
    blocks = []

    def predicate_order(predicate: Node) -> tuple:
        rank = 0 if predicate == RDF.type else 1 if predicate in _NAMES else 2
        return (rank, _term(predicate, set(), prefixes))

    for subject in sorted(by_subject, key=term_sort_key):
        predicates = sorted(by_subject[subject], key=predicate_order)
        lines = []
        for predicate in predicates:
            objects = sorted(by_subject[subject][predicate], key=term_sort_key)
            verb = "a" if predicate == RDF.type else _term(predicate, used, prefixes)
            rendered = " , ".join(_term(o, used, prefixes) for o in objects)
            lines.append(f"{verb} {rendered}")
        head = _term(subject, used, prefixes)
        blocks.append(head + " " + " ;\n    ".join(lines) + " .\n")
    declarations = [
        f"@prefix {p}: <{prefixes[p]}> .\n"
        for p in sorted(used)
        if existing_prefixes.get(p) != prefixes[p]
    ]
    header = f"# Added with kg add from {origin}\n"
    return header + "".join(declarations) + "\n" + "\n".join(blocks)


def new_triples(files: list[AssertionFile], target_graph: Graph) -> list[tuple[Node, Node, Node]]:
    """The triples of the new files that the target graph does not hold yet."""
    for assertion in files:
        for triple in assertion.graph:
            if any(isinstance(term, BNode) for term in triple):
                raise InputError(
                    f"{assertion.path}: a blank node in a triple with {triple[1]}: kg add needs "
                    "an IRI for every node, so that later sources can refer to it"
                )
    triples = {t for assertion in files for t in assertion.graph if t not in target_graph}
    return sorted(triples, key=lambda t: tuple(term_sort_key(x) for x in t))


# The rules that find a person entered twice: a warning in kg validate, a refusal in kg add,
# since a duplicate written to a source file splits one person's facts in two.
DUPLICATE_RULES = ("nksh:DuplicatePersonShape", "nksh:RomanisedNameCheck")


def possible_duplicates(outcome: Outcome) -> list[str]:
    """For each new person whose name matches another person's, why it is not added and the
    two ways out, in one line."""
    lines = []
    for node in outcome.nodes:
        if not node.file:
            # An existing person warned of the new one: the new person's line says it.
            continue
        named = f' ("{node.label}")' if node.label else ""
        for finding in node.findings:
            if finding.shape not in DUPLICATE_RULES or finding.value is None:
                continue
            other = finding.value
            spelling = f'"{node.label}"' if node.label else "the new spelling"
            lines.append(
                f"{node.focus}{named} may be {other}, already in the graph: if it is the same "
                f"person, write its facts about {other} and add {spelling} to it as "
                f"skos:altLabel; if not, state {node.focus} owl:differentFrom {other}."
            )
    return sorted(set(lines))


def _as_written(target: Target, files: list[AssertionFile]) -> bytes | None:
    """The text of a new source's one Turtle file, when the target's file would hold exactly
    its triples read from there (relative IRIs resolve against the file's place); else None."""
    if target.path.exists() or len(files) != 1 or files[0].path.suffix != ".ttl":
        return None
    text = files[0].text
    reread = Graph()
    try:
        reread.parse(data=text, format="turtle", publicID=target.path.resolve().as_uri())
    except Exception:  # a file that parsed where it was but not here goes the block's way
        return None
    if set(reread) != set(files[0].graph):
        return None
    return text.encode("utf-8")


def append(target: Target, files: list[AssertionFile]) -> int:
    """Write a new source's file as written, or append the new files' triples that the
    target graph lacks; return how many triples the graph gained."""
    new_triples(files, Graph())  # refuses blank nodes, whichever way the file is written
    written = _as_written(target, files)
    if written is not None:
        write_atomically(target.path, written)
        return len(files[0].graph)
    current = Graph()
    original = b""
    if target.path.exists():
        parse_file(current, target.path, "turtle")
        original = target.path.read_bytes()
    triples = new_triples(files, current)
    if not triples:
        return 0
    text = original.decode("utf-8")
    origin = ", ".join(assertion.path.name for assertion in files)
    block = turtle_block(triples, declared_prefixes(text), origin)
    separator = (
        "" if not text or text.endswith("\n\n") else ("\n" if text.endswith("\n") else "\n\n")
    )
    updated = (text + separator + block).encode("utf-8")
    # Check the result before it replaces the file: it must parse to exactly old + new.
    check = Graph()
    try:
        check.parse(
            data=updated.decode("utf-8"), format="turtle", publicID=target.path.resolve().as_uri()
        )
    except Exception as error:  # any parser failure means the block is wrong; write nothing
        raise InputError(f"{target.path}: the updated file would not parse: {error}") from error
    if len(check) != len(current) + len(triples) or any(t not in check for t in triples):
        raise InputError(f"{target.path}: the updated file would not hold exactly the new triples")
    write_atomically(target.path, updated)
    return len(triples)
