"""Validating new assertions against the shapes, together with the graph they join.

The data graph is the existing data, the new files and the ontology (so a new posting may
point at a person already in the graph, and ``sh:targetClass`` follows ``rdfs:subClassOf``).
Only results about nodes the new files describe — the subjects of their triples — are
reported: the existing graph is known to be good, and its own warnings are not news. That
scoping is explicit in ``validate`` (pyshacl's ``focus_nodes`` plus a filter on the report),
and it is also what validating only the new nodes needs.
"""

import json
import re
from dataclasses import asdict, dataclass, field

import pyshacl
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, SKOS
from rdflib.term import Node

from kg.export import serialize_graph
from kg.fast_reason import closure_with
from kg.load import AssertionFile, data_and_ontology, our_prefixes
from kg.namespaces import SHAPES_GRAPH, bind_prefixes
from kg.query import short_form

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
        labels = sorted(graph.objects(node, predicate), key=lambda lit: (lit.language != "en", lit))
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


def _copy_result(source: Graph, node: Node, target: Graph) -> None:
    """Copy a result node with everything hanging off it through blank nodes."""
    stack, seen = [node], set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        for p, o in source.predicate_objects(current):
            target.add((current, p, o))
            if isinstance(o, BNode):
                stack.append(o)


def validate(dataset: Dataset, files: list[AssertionFile], inference: str = "none") -> Outcome:
    """Validate the new files together with the dataset's data and ontology against all
    shapes, and report the results whose focus node the new files describe."""
    data = data_and_ontology(dataset)
    new_subjects: set[Node] = set()
    for assertion in files:
        for triple in assertion.graph:
            data.add(triple)
        new_subjects.update(assertion.graph.subjects())
    if inference == "owlrl":
        for triple in closure_with(data):
            data.add(triple)
    shapes = Graph()
    for triple in dataset.graph(SHAPES_GRAPH):
        shapes.add(triple)
    # pyshacl can only narrow the validation to IRIs; with blank-node subjects it validates
    # everything and the filter below does the scoping alone.
    focus = None
    if all(isinstance(node, URIRef) for node in new_subjects):
        focus = sorted(new_subjects, key=str)
    _, report, _ = pyshacl.validate(
        data,
        shacl_graph=shapes,
        inference="rdfs" if inference == "rdfs" else "none",
        advanced=True,
        inplace=True,
        allow_warnings=True,
        focus_nodes=focus,
    )
    prefixes = our_prefixes()
    scoped = Graph()
    bind_prefixes(scoped)
    scoped.bind("sh", SH)
    report_node = BNode()
    scoped.add((report_node, RDF.type, SH.ValidationReport))
    nodes: dict[Node, NodeReport] = {}
    for result in report.objects(None, SH.result):
        focus_node = report.value(result, SH.focusNode)
        if focus_node not in new_subjects:
            continue
        scoped.add((report_node, SH.result, result))
        _copy_result(report, result, scoped)
        if focus_node not in nodes:
            where, line = locate(focus_node, files)
            nodes[focus_node] = NodeReport(
                short_form(focus_node, prefixes), label_of(data, focus_node), where, line
            )
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        value = report.value(result, SH.value)
        path = report.value(result, SH.resultPath)
        nodes[focus_node].findings.append(
            Finding(
                severity=SEVERITIES.get(report.value(result, SH.resultSeverity), "Violation"),
                path=_path_text(report, path, prefixes) if path is not None else None,
                value=short_form(value, prefixes) if value is not None else None,
                message=" ".join(messages) or "(no message)",
                shape=short_form(report.value(result, SH.sourceShape), prefixes),
            )
        )
    scoped.add((report_node, SH.conforms, Literal(not nodes)))
    ordered = sorted(nodes.values(), key=lambda n: (n.file, n.line or 0, n.focus))
    for node in ordered:
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
    return Outcome(ordered, len(new_subjects), scoped)


def summary(outcome: Outcome) -> str:
    """One line: how many violations and warnings in how many nodes."""
    violations, warnings = outcome.count("Violation"), outcome.count("Warning")
    if outcome.conforms:
        return f"conforms: {outcome.checked} new nodes checked, no violations, no warnings"
    return (
        f"{violations} violation{'s' * (violations != 1)}, "
        f"{warnings} warning{'s' * (warnings != 1)} "
        f"in {len(outcome.nodes)} of {outcome.checked} new nodes"
    )


def format_text(outcome: Outcome) -> str:
    """The report for people: one block per focus node, then a summary line."""
    out = []
    for node in outcome.nodes:
        where = f"{node.file}:{node.line}" if node.line else node.file
        label = f' "{node.label}"' if node.label else ""
        out.append(f"{where}: {node.focus}{label}\n")
        for finding in node.findings:
            path = finding.path or "(node)"
            value = f" [value: {finding.value}]" if finding.value else ""
            out.append(
                f"  {finding.severity}: {path}: {finding.message}{value} ({finding.shape})\n"
            )
    out.append(summary(outcome) + "\n")
    return "".join(out)


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
