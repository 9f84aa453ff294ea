"""Validating new assertions against the shapes, together with the graph they join.

The data graph is the existing data, the new files and the ontology (so a new posting may
point at a person already in the graph, and ``sh:targetClass`` follows ``rdfs:subClassOf``).
Only results about nodes the new files describe — the subjects of their triples — and about
the existing nodes whose shapes read the new triples are reported: the rest of the graph is
known to be good, and its own warnings are not news. The verdict about those nodes is that
of a full validation: every shape targets just those nodes (``sh:targetNode``), and pyshacl
runs without ``focus_nodes`` or ``allow_warnings`` (see ``_run_shapes``).

A few rules the shapes cannot express are checked here, and their results join the SHACL
report under names of their own (``nksh:RomanisedNameCheck``, ``nksh:ImportsNotFollowedCheck``,
``nksh:TermInDataCheck``, ``nksh:QuoteInSourceCheck``): a name that matches a person's under
another romanisation of Korean, an ``owl:imports`` that is not followed, and a term of the
ontology's namespaces described in a data file instead of in ``ontology/``. Quotations are
checked against the captures of their sources in ``kg.validation.quotes``, because that reads
files.

A warning that is right for one node and meant to stay (an anonymous article has no author)
is acknowledged on that node with ``nkd:acknowledgedWarning`` and the warning's shape: it is
then reported as Info, which neither ``--strict`` nor the exit code counts.
"""

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field

import pyshacl
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS
from rdflib.term import Node

from kg.graph.display import terminal_safe
from kg.graph.load import AssertionFile, data_and_ontology, our_prefixes
from kg.graph.names import NAME_PREDICATES, name_keys, names_match, plain_name_key
from kg.graph.namespaces import NKD, NKSH, NKV, SHAPES_GRAPH, bind_prefixes, keep_lexical_forms
from kg.graph.serialize import serialize_graph
from kg.graph.terms import short_form
from kg.reasoning.fast_closure import closure_with
from kg.validation.parsed_once import parsed_once
from kg.validation.sparql_targets import with_targets_as_nodes

INFERENCE = ("none", "rdfs", "owlrl")
SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


@dataclass(frozen=True)
class Finding:
    """One validation result, in words: severity, path, offending value, message, shape."""

    severity: str
    path: str | None
    value: str | None
    message: str
    shape: str


@dataclass
class NodeReport:
    """The findings about one focus node, with its label and where the new files define it."""

    focus: str
    label: str
    file: str
    line: int | None
    findings: list[Finding] = field(default_factory=list)


@dataclass
class Outcome:
    """What validating a set of new files found."""

    nodes: list[NodeReport]
    checked: int
    report: Graph

    def count(self, severity: str) -> int:
        return sum(1 for node in self.nodes for f in node.findings if f.severity == severity)

    @property
    def conforms(self) -> bool:
        """True when there is no result at all, as ``sh:conforms`` means in SHACL."""
        return not self.nodes

    def exit_code(self, strict: bool = False) -> int:
        """0 without violations (or, with ``strict``, without warnings too), else 1."""
        if self.count("Violation") or (strict and self.count("Warning")):
            return 1
        return 0


def _path_text(graph: Graph, path: Node, prefixes: dict[str, str]) -> str:
    if isinstance(path, URIRef):
        return short_form(path, prefixes)
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _path_text(graph, inverse, prefixes)
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "|".join(_path_text(graph, p, prefixes) for p in graph.items(alternatives))
    for modifier, mark in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+")):
        inner = graph.value(path, modifier)
        if inner is not None:
            return _path_text(graph, inner, prefixes) + mark
    inner = graph.value(path, SH.zeroOrOnePath)
    if inner is not None:
        return _path_text(graph, inner, prefixes) + "?"
    steps = list(graph.items(path))
    if steps:
        return "/".join(_path_text(graph, p, prefixes) for p in steps)
    return "(path)"


def label_of(graph: Graph, node: Node) -> str:
    """A node's English (or any) preferred label, else its rdfs:label, else nothing."""
    for predicate in (SKOS.prefLabel, RDFS.label):
        labels = sorted(
            (label for label in graph.objects(node, predicate) if isinstance(label, Literal)),
            key=lambda lit: (lit.language != "en", lit),
        )
        if labels:
            return str(labels[0])
    return ""


def _candidates(node: URIRef, assertion: AssertionFile) -> list[str]:
    forms = [f"<{node}>"]
    for prefix, namespace in assertion.prefixes.items():
        local = node[len(namespace) :] if node.startswith(namespace) else None
        if local is not None and re.fullmatch(r"[\w-]([\w.-]*[\w-])?|", local):
            forms.append(f"{prefix}:{local}")
    return forms


def locate(node: Node, files: list[AssertionFile]) -> tuple[str, int | None]:
    """The file that describes ``node`` and the line where its subject block starts (or,
    failing that, where it is first written)."""
    for assertion in files:
        if (node, None, None) not in assertion.graph:
            continue
        if not isinstance(node, URIRef):
            return str(assertion.path), None
        text = assertion.text
        forms = _candidates(node, assertion)
        for form in forms:
            block = re.search(r"^[ \t]*" + re.escape(form) + r"(?=[\s;,]|$)", text, re.MULTILINE)
            if block:
                return str(assertion.path), text.count("\n", 0, block.start()) + 1
        for form in [*forms, f'"{node}"', str(node)]:
            index = text.find(form)
            if index >= 0:
                return str(assertion.path), text.count("\n", 0, index) + 1
        return str(assertion.path), None
    return "", None


def _copy_reachable(
    source: Graph, roots: Iterable[Node], target: Graph, follow: Callable[[Node], bool]
) -> None:
    """Copy into ``target`` the triples of ``roots`` and of every node reached from them
    through objects that ``follow`` accepts."""
    stack, seen = list(roots), set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        for p, o in source.predicate_objects(current):
            target.add((current, p, o))
            if follow(o):
                stack.append(o)


def _copy_result(source: Graph, node: Node, target: Graph) -> None:
    """Copy a result node with everything hanging off it through blank nodes."""
    _copy_reachable(source, [node], target, lambda o: isinstance(o, BNode))


def validate(
    dataset: Dataset,
    files: list[AssertionFile],
    inference: str = "none",
    scope: Iterable[Node] = (),
) -> Outcome:
    """Validate the new files together with the dataset's data and ontology against all
    shapes, and report the results whose focus node the new files describe, and the results
    the new files bring to the existing nodes of ``scope`` (those whose shapes read the new
    triples): a result such a node had before is not news."""
    before = data_and_ontology(dataset)
    data = Graph() + before
    new_subjects: set[Node] = set()
    for assertion in files:
        for triple in assertion.graph:
            data.add(triple)
        new_subjects.update(assertion.graph.subjects())
    existing = set(scope) - new_subjects
    shapes = Graph()
    for triple in dataset.graph(SHAPES_GRAPH):
        shapes.add(triple)
    report = _full_report(data, shapes, new_subjects | existing, inference)
    _add_results(
        report,
        [
            *romanised_duplicates(data, new_subjects),
            *imports_not_followed(files),
            *terms_in_data(files),
        ],
    )
    known = set()
    # Only an existing node with a result now can have had it before.
    touched = {report.value(result, SH.focusNode) for result in report.objects(None, SH.result)}
    if existing & touched:
        earlier = _full_report(before, shapes, existing & touched, inference)
        known = {result_key(earlier, result) for result in earlier.objects(None, SH.result)}
    outcome = Outcome([], len(new_subjects), _empty_report())
    _gather(outcome, report, new_subjects | existing, files, data, known)
    return outcome


def _full_report(data: Graph, shapes: Graph, scope: set[Node], inference: str) -> Graph:
    """The SHACL report of ``data`` (changed in place when it reasons), of which the results
    about ``scope`` are those of a full validation."""
    as_written = None
    if inference != "none":
        as_written = _run_shapes(data, shapes_reachable_from(shapes, ASSERTED_ONLY_SHAPES), scope)
    if inference == "owlrl":
        for triple in closure_with(data):
            data.add(triple)
    report = _run_shapes(data, shapes, scope, inference="rdfs" if inference == "rdfs" else "none")
    if as_written is not None:
        report_node = next(report.subjects(RDF.type, SH.ValidationReport))
        for result in as_written.objects(None, SH.result):
            report.add((report_node, SH.result, result))
            _copy_result(as_written, result, report)
    return report


def result_key(report: Graph, result: Node) -> tuple:
    """What a result says, without the blank node that holds it."""
    return tuple(
        report.value(result, key)
        for key in (SH.focusNode, SH.sourceShape, SH.resultSeverity, SH.value, SH.resultPath)
    ) + (frozenset(report.objects(result, SH.resultMessage)),)


# Reasoning types every IRI that a property's range speaks of, so a misspelt IRI gains a type
# and these rules would never fire after it: they judge the assertions as written.
ASSERTED_ONLY_SHAPES = (NKSH.UndefinedReferenceShape, NKSH.UntypedNodeShape)


def shapes_reachable_from(shapes: Graph, roots: Iterable[URIRef]) -> Graph:
    """The part of a shapes graph that the given shapes consist of: everything reachable from
    them, their targets, constraints and prefix declarations included."""
    part = Graph()
    _copy_reachable(shapes, roots, part, lambda o: (o, None, None) in shapes)
    return part


def _run_shapes(data: Graph, shapes: Graph, scope: set[Node], inference: str = "none") -> Graph:
    """pyshacl's report for ``data`` (changed in place when it reasons) against ``shapes``: a
    full validation, of which the caller keeps the results about ``scope``.

    pyshacl's ``focus_nodes`` would also keep ``sh:node``, ``sh:or`` and the other shape-based
    constraints from checking any value outside it, and ``allow_warnings`` makes a member
    shape of ``sh:or`` that fails with a Warning pass: neither is used. Without reasoning the
    data pyshacl sees is the data given, so Oxigraph selects each shape's targets beforehand,
    and each shape targets only its nodes in ``scope``; with reasoning every target is left
    to pyshacl over the whole graph.
    """
    if inference == "none":
        shapes = with_targets_as_nodes(data, shapes, scope)
    with parsed_once():
        try:
            _, report, _ = pyshacl.validate(
                data,
                shacl_graph=shapes,
                inference=inference,
                advanced=True,
                inplace=True,
                # pyshacl follows owl:imports only in the shapes and ontology graphs (ours,
                # which import nothing), never in the data graph that holds the new files; with
                # this, not even there.
                do_owl_imports=False,
            )
        finally:
            keep_lexical_forms()
    return report


def _empty_report() -> Graph:
    report = Graph()
    bind_prefixes(report)
    report.bind("sh", SH)
    report_node = BNode()
    report.add((report_node, RDF.type, SH.ValidationReport))
    report.add((report_node, SH.conforms, Literal(True)))
    return report


def _gather(
    outcome: Outcome,
    report: Graph,
    focus_nodes: set[Node],
    files: list[AssertionFile],
    data: Graph,
    known: set[tuple] = frozenset(),
) -> None:
    """Add to ``outcome`` the results of ``report`` whose focus node is one of ``focus_nodes``
    and that are not ``known`` (see ``result_key``): into its SHACL report, and in words into
    its nodes, in a stable order."""
    prefixes = our_prefixes()
    scoped = outcome.report
    report_node = next(scoped.subjects(RDF.type, SH.ValidationReport))
    nodes = {node.focus: node for node in outcome.nodes}
    for result in report.objects(None, SH.result):
        focus_node = report.value(result, SH.focusNode)
        if focus_node not in focus_nodes or result_key(report, result) in known:
            continue
        scoped.add((report_node, SH.result, result))
        _copy_result(report, result, scoped)
        focus = short_form(focus_node, prefixes)
        if focus not in nodes:
            where, line = locate(focus_node, files)
            nodes[focus] = NodeReport(focus, label_of(data, focus_node), where, line)
        shape = report.value(result, SH.sourceShape)
        if _acknowledged(data, result, report, focus_node, shape):
            report.set((result, SH.resultSeverity, SH.Info))
            report.add((result, SH.resultMessage, Literal(ACKNOWLEDGED, lang="en")))
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        value = report.value(result, SH.value)
        path = report.value(result, SH.resultPath)
        nodes[focus].findings.append(
            Finding(
                severity=SEVERITIES.get(report.value(result, SH.resultSeverity), "Violation"),
                path=_path_text(report, path, prefixes) if path is not None else None,
                value=short_form(value, prefixes) if value is not None else None,
                message=" ".join(messages) or "(no message)",
                shape=short_form(shape, prefixes),
            )
        )
    scoped.set((report_node, SH.conforms, Literal(not nodes)))
    # The new files' nodes first, in the order of the files, then existing nodes.
    outcome.nodes = sorted(nodes.values(), key=lambda n: (not n.file, n.file, n.line or 0, n.focus))
    for node in outcome.nodes:
        node.findings = sorted(
            set(node.findings),
            key=lambda f: (
                SEVERITY_ORDER[f.severity],
                f.path or "",
                f.value or "",
                f.message,
                f.shape,
            ),
        )


ACKNOWLEDGED = "(Acknowledged for this node by nkd:acknowledgedWarning: reported as Info.)"


def _acknowledged(data: Graph, result: Node, report: Graph, focus: Node, shape: Node) -> bool:
    """Whether a warning's focus node acknowledges it, naming its shape with
    nkd:acknowledgedWarning. Only warnings can be acknowledged: a violation is never right."""
    if report.value(result, SH.resultSeverity) != SH.Warning:
        return False
    return (focus, NKD.acknowledgedWarning, shape) in data


# --- Rules the shapes cannot express ---

ROMANISATION_CHECK = NKSH.RomanisedNameCheck
IMPORTS_CHECK = NKSH.ImportsNotFollowedCheck
TERMS_CHECK = NKSH.TermInDataCheck


@dataclass(frozen=True)
class CheckResult:
    """A result of a rule checked in code, as SHACL would give it."""

    focus: Node
    severity: URIRef
    message: str
    shape: URIRef
    path: URIRef | None = None
    value: Node | None = None


def _add_results(report: Graph, results: Iterable[CheckResult]) -> None:
    """Add results to a SHACL validation report, each as a ``sh:ValidationResult``."""
    report_node = next(report.subjects(RDF.type, SH.ValidationReport))
    for result in results:
        node = BNode()
        report.add((report_node, SH.result, node))
        report.add((node, RDF.type, SH.ValidationResult))
        report.add((node, SH.focusNode, result.focus))
        report.add((node, SH.resultSeverity, result.severity))
        report.add((node, SH.resultMessage, Literal(result.message, lang="en")))
        report.add((node, SH.sourceShape, result.shape))
        if result.path is not None:
            report.add((node, SH.resultPath, result.path))
        if result.value is not None:
            report.add((node, SH.value, result.value))


def stated_different(data: Graph, person: Node, other: Node) -> bool:
    """Whether the graph says the two are different people (owl:differentFrom, either way)."""
    return (person, OWL.differentFrom, other) in data or (other, OWL.differentFrom, person) in data


def romanised_duplicates(data: Graph, new_subjects: set[Node]) -> list[CheckResult]:
    """New persons whose name matches another person's only under another romanisation
    (``kg.graph.names.names_match``), unless the graph states they are different people; a
    match without it (case, spaces, hyphens) is the duplicate-name shape's to report."""
    names: dict[Node, list[str]] = {}
    for person in data.subjects(RDF.type, NKD.Person):
        names[person] = sorted(
            str(name) for p in NAME_PREDICATES for name in data.objects(person, p)
        )
    by_key: dict[str, set[Node]] = {}
    for person, written in names.items():
        for name in written:
            for key in name_keys(name):
                by_key.setdefault(key, set()).add(person)
    prefixes = our_prefixes()
    results = []
    for person in sorted(set(names) & new_subjects, key=str):
        mine = names[person]
        keys = {key for name in mine for key in name_keys(name)}
        others = {other for key in keys for other in by_key.get(key, ())} - {person}
        for other in sorted(others, key=str):
            theirs = names[other]
            if {plain_name_key(n) for n in mine} & {plain_name_key(n) for n in theirs}:
                continue
            if stated_different(data, person, other):
                continue
            a, b = min((a, b) for a in mine for b in theirs if names_match(a, b))
            label = label_of(data, other)
            known = short_form(other, prefixes)
            message = (
                f"May duplicate {known}"
                + (f" ({label})" if label else "")
                + f': "{a}" and "{b}" may be one name in two romanisations of Korean. If they '
                f'are the same person, use {known} and add "{a}" to it as skos:altLabel; if '
                f"not, state {short_form(person, prefixes)} owl:differentFrom {known}."
            )
            results.append(
                CheckResult(person, SH.Warning, message, ROMANISATION_CHECK, value=other)
            )
    return results


def imports_not_followed(files: list[AssertionFile]) -> list[CheckResult]:
    """Each ``owl:imports`` of the new files, which validation does not follow."""
    return [
        CheckResult(
            subject,
            SH.Warning,
            "owl:imports is not followed: only the triples written in the files are "
            "validated, and nothing is fetched.",
            IMPORTS_CHECK,
            path=OWL.imports,
            value=imported,
        )
        for assertion in files
        for subject, imported in sorted(assertion.graph.subject_objects(OWL.imports))
    ]


def terms_in_data(files: list[AssertionFile]) -> list[CheckResult]:
    """Each class, property or controlled value of ours (nkd:, nkv:) that the new files
    describe: the ontology holds those, so that every source can use them and the ontology's
    checks see them. A measure declared in one source's file would leave the others without
    it and the saved queries without its label."""
    prefixes = our_prefixes()
    terms = sorted(
        {
            subject
            for assertion in files
            for subject in assertion.graph.subjects()
            if isinstance(subject, URIRef) and str(subject).startswith((str(NKD), str(NKV)))
        },
        key=str,
    )
    return [
        CheckResult(
            term,
            SH.Violation,
            f"{short_form(term, prefixes)} is a term of the ontology, described here in a data "
            "file: add measures and other controlled values to ontology/vocabularies.ttl, roles "
            "to ontology/roles.ttl, classes and properties to ontology/nkd.ttl (each with a "
            "label and a definition), and use them from here.",
            TERMS_CHECK,
        )
        for term in terms
    ]


def summary(outcome: Outcome) -> str:
    """One line: how many violations and warnings in how many nodes."""
    violations, warnings = outcome.count("Violation"), outcome.count("Warning")
    if outcome.conforms:
        return f"conforms: {outcome.checked} new nodes checked, no violations, no warnings"
    existing = sum(1 for node in outcome.nodes if not node.file)
    return (
        f"{violations} violation{'s' * (violations != 1)}, "
        f"{warnings} warning{'s' * (warnings != 1)} "
        f"in {len(outcome.nodes) - existing} of {outcome.checked} new nodes"
        + (f" and {existing} existing node{'s' * (existing != 1)}" if existing else "")
    )


def format_text(outcome: Outcome) -> str:
    """The report for people: one block per focus node, then a summary line. Labels, values
    and messages come from the files, so each line is made safe for a terminal."""
    out = []
    for node in outcome.nodes:
        where = f"{node.file}:{node.line}" if node.line else node.file or "in the graph"
        label = f' "{node.label}"' if node.label else ""
        out.append(f"{where}: {node.focus}{label}")
        for finding in node.findings:
            path = finding.path or "(node)"
            value = f" [value: {finding.value}]" if finding.value else ""
            out.append(f"  {finding.severity}: {path}: {finding.message}{value} ({finding.shape})")
    out.append(summary(outcome))
    return "".join(terminal_safe(line) + "\n" for line in out)


def format_json(outcome: Outcome) -> str:
    """The report as JSON: counts, then the nodes with their findings."""
    document = {
        "conforms": outcome.conforms,
        "violations": outcome.count("Violation"),
        "warnings": outcome.count("Warning"),
        "infos": outcome.count("Info"),
        "checked": outcome.checked,
        "nodes": [asdict(node) for node in outcome.nodes],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def format_ttl(outcome: Outcome) -> str:
    """The standard SHACL validation report (only the results about new nodes)."""
    return serialize_graph(outcome.report, "ttl").decode("utf-8")


def write_report(outcome: Outcome, report_format: str) -> str:
    """The report in ``text``, ``json`` or ``ttl``."""
    return {"text": format_text, "json": format_json, "ttl": format_ttl}[report_format](outcome)
