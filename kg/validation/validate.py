"""Validating new assertions against the shapes, together with the graph they join.

The data graph is the existing data, the new files and the ontology (so a new posting may
point at a person already in the graph, and ``sh:targetClass`` follows ``rdfs:subClassOf``).
Only results about nodes the new files describe — the subjects of their triples — are
reported: the existing graph is known to be good, and its own warnings are not news. That
scoping is explicit in ``validate`` (pyshacl's ``focus_nodes`` plus a filter on the report),
and it is also what validating only the new nodes needs.

A few rules the shapes cannot express are checked here, and their results join the SHACL
report under names of their own (``nksh:RomanisedNameCheck``, ``nksh:ImportsNotFollowedCheck``,
``nksh:TermInDataCheck``, ``nksh:QuoteInSourceCheck``): a name that matches a person's under
another romanisation of Korean, an ``owl:imports`` that is not followed, a term of the
ontology's namespaces described in a data file instead of in ``ontology/``, and — in
``check_quotes``, because it reads files — a quotation that does not occur in the capture of
its source.

A warning that is right for one node and meant to stay (an anonymous article has no author)
is acknowledged on that node with ``nkd:acknowledgedWarning`` and the warning's shape: it is
then reported as Info, which neither ``--strict`` nor the exit code counts.
"""

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath

import pyshacl
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SH, SKOS
from rdflib.term import Node

from kg.graph import paths
from kg.graph.load import AssertionFile, data_and_ontology, our_prefixes, terminal_safe
from kg.graph.names import plain_name_key, romanised_name_key
from kg.graph.namespaces import NKD, NKSH, NKV, OA, SHAPES_GRAPH, bind_prefixes
from kg.graph.serialize import serialize_graph
from kg.graph.terms import short_form
from kg.reasoning.fast_closure import closure_with
from kg.validation.sparql_targets import with_targets_selected

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


def validate(dataset: Dataset, files: list[AssertionFile], inference: str = "none") -> Outcome:
    """Validate the new files together with the dataset's data and ontology against all
    shapes, and report the results whose focus node the new files describe."""
    data = data_and_ontology(dataset)
    new_subjects: set[Node] = set()
    for assertion in files:
        for triple in assertion.graph:
            data.add(triple)
        new_subjects.update(assertion.graph.subjects())
    shapes = Graph()
    for triple in dataset.graph(SHAPES_GRAPH):
        shapes.add(triple)
    # pyshacl can only narrow the validation to IRIs; with blank-node subjects it validates
    # everything and the filter below does the scoping alone.
    focus = None
    if all(isinstance(node, URIRef) for node in new_subjects):
        focus = sorted(new_subjects, key=str)
    as_written = None
    if inference != "none":
        as_written = _run_shapes(data, shapes_reachable_from(shapes, ASSERTED_ONLY_SHAPES), focus)
    if inference == "owlrl":
        for triple in closure_with(data):
            data.add(triple)
    report = _run_shapes(data, shapes, focus, inference="rdfs" if inference == "rdfs" else "none")
    if as_written is not None:
        report_node = next(report.subjects(RDF.type, SH.ValidationReport))
        for result in as_written.objects(None, SH.result):
            report.add((report_node, SH.result, result))
            _copy_result(as_written, result, report)
    _add_results(
        report,
        [
            *romanised_duplicates(data, new_subjects),
            *imports_not_followed(files),
            *terms_in_data(files),
        ],
    )
    outcome = Outcome([], len(new_subjects), _empty_report())
    _gather(outcome, report, new_subjects, files, data)
    return outcome


# Reasoning types every IRI that a property's range speaks of, so a misspelt IRI gains a type
# and these rules would never fire after it: they judge the assertions as written.
ASSERTED_ONLY_SHAPES = (NKSH.UndefinedReferenceShape, NKSH.UntypedNodeShape)


def shapes_reachable_from(shapes: Graph, roots: Iterable[URIRef]) -> Graph:
    """The part of a shapes graph that the given shapes consist of: everything reachable from
    them, their targets, constraints and prefix declarations included."""
    part = Graph()
    _copy_reachable(shapes, roots, part, lambda o: (o, None, None) in shapes)
    return part


def _run_shapes(
    data: Graph, shapes: Graph, focus: list[Node] | None, inference: str = "none"
) -> Graph:
    """pyshacl's report for ``data`` (changed in place when it reasons) against ``shapes``."""
    if inference == "none":
        # Without reasoning the data pyshacl sees is the data given, so Oxigraph can select
        # the SPARQL targets beforehand, at a fraction of the cost.
        shapes = with_targets_selected(data, shapes, focus)
    _, report, _ = pyshacl.validate(
        data,
        shacl_graph=shapes,
        inference=inference,
        advanced=True,
        inplace=True,
        allow_warnings=True,
        focus_nodes=focus,
        # pyshacl follows owl:imports only in the shapes and ontology graphs (ours, which
        # import nothing), never in the data graph that holds the new files; with this, not
        # even there.
        do_owl_imports=False,
    )
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
    outcome: Outcome, report: Graph, focus_nodes: set[Node], files: list[AssertionFile], data: Graph
) -> None:
    """Add to ``outcome`` the results of ``report`` whose focus node is one of ``focus_nodes``:
    into its SHACL report, and in words into its nodes, in a stable order."""
    prefixes = our_prefixes()
    scoped = outcome.report
    report_node = next(scoped.subjects(RDF.type, SH.ValidationReport))
    nodes = {node.focus: node for node in outcome.nodes}
    for result in report.objects(None, SH.result):
        focus_node = report.value(result, SH.focusNode)
        if focus_node not in focus_nodes:
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
    outcome.nodes = sorted(nodes.values(), key=lambda n: (n.file, n.line or 0, n.focus))
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

QUOTE_CHECK = NKSH.QuoteInSourceCheck
ROMANISATION_CHECK = NKSH.RomanisedNameCheck
IMPORTS_CHECK = NKSH.ImportsNotFollowedCheck
TERMS_CHECK = NKSH.TermInDataCheck
# A capture keeps a link's words as [words](#); only the words are the source's.
LINK_MARKUP = re.compile(r"\[([^\]]*)\]\(#\)")


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


def romanised_duplicates(data: Graph, new_subjects: set[Node]) -> list[CheckResult]:
    """New persons whose name matches another person's only under another romanisation;
    a match without it (case, spaces, hyphens) is the duplicate-name shape's to report."""
    names: dict[Node, list[str]] = {}
    for person in data.subjects(RDF.type, NKD.Person):
        names[person] = sorted(
            str(name) for p in (SKOS.prefLabel, SKOS.altLabel) for name in data.objects(person, p)
        )
    by_key: dict[str, set[Node]] = {}
    for person, written in names.items():
        for name in written:
            by_key.setdefault(romanised_name_key(name), set()).add(person)
    prefixes = our_prefixes()
    results = []
    for person in sorted(set(names) & new_subjects, key=str):
        mine = names[person]
        others = {o for name in mine for o in by_key.get(romanised_name_key(name), ())} - {person}
        for other in sorted(others, key=str):
            theirs = names[other]
            if {plain_name_key(n) for n in mine} & {plain_name_key(n) for n in theirs}:
                continue
            a, b = min(
                (a, b)
                for a in mine
                for b in theirs
                if romanised_name_key(a) == romanised_name_key(b)
            )
            label = label_of(data, other)
            message = (
                f"May duplicate {short_form(other, prefixes)}"
                + (f" ({label})" if label else "")
                + f': "{a}" and "{b}" are one name in two romanisations of Korean. If they are '
                "the same person, merge the nodes."
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


def capture_file(captured: str) -> Path | None:
    """The file that ``nkd:capturedAs`` names (``sources/NAME.txt``, relative to the shared
    folder), or None when the path would lead out of the sources folder: a file of new
    assertions must not make us read, and tell whether it holds some words, any other file."""
    folder = paths.sources_dir()
    relative = PurePosixPath(captured)
    if relative.parts[:1] == ("sources",):
        relative = relative.relative_to("sources")
    candidate = folder / relative
    try:
        inside = candidate.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a link loop
        return None
    return candidate if inside else None


def matchable(text: str) -> str:
    """Text as quotations are matched: link markup stripped, white space runs as one space."""
    return " ".join(LINK_MARKUP.sub(r"\1", text).split())


def quote_results(files: list[AssertionFile], known: Graph) -> list[CheckResult]:
    """Each new quotation (``oa:exact``) checked against the capture of the document it is
    quoted from; ``known`` holds what the graph says of documents already in it."""
    new = Graph()
    for assertion in files:
        for triple in assertion.graph:
            new.add(triple)

    def first(subject: Node, predicate: URIRef) -> Node | None:
        return next(new.objects(subject, predicate), None) or known.value(subject, predicate)

    prefixes = our_prefixes()
    captures: dict[Path, str | None] = {}
    results = []
    for evidence, quote in sorted(new.subject_objects(OA.exact), key=lambda pair: str(pair)):
        documents = set(new.objects(evidence, PROV.wasQuotedFrom))
        documents.update(known.objects(evidence, PROV.wasQuotedFrom))
        for document in sorted(documents):
            name = short_form(document, prefixes)
            captured = first(document, NKD.capturedAs)
            path = capture_file(str(captured)) if captured is not None else None
            if captured is None:
                message = (
                    f"{name} has no nkd:capturedAs, the path of its text capture: the quotation "
                    "was not checked against the source."
                )
            elif path is None:
                message = (
                    f"The capture of {name} ({captured}) lies outside the sources folder: it was "
                    "not read, and the quotation was not checked."
                )
            else:
                if path not in captures:
                    captures[path] = (
                        matchable(path.read_text("utf-8", "replace")) if path.is_file() else None
                    )
                if captures[path] is None:
                    message = (
                        f"The capture of {name} is not at {path}: the quotation was not checked "
                        f"against the source (set {paths.SOURCES_VARIABLE} to the folder of "
                        "captures)."
                    )
                elif matchable(str(quote)) in captures[path]:
                    continue
                else:
                    results.append(
                        CheckResult(
                            evidence,
                            SH.Violation,
                            f"The quotation is not in the capture of {name} ({path}), even with "
                            "white space normalised and link markup removed: copy the source's "
                            "words exactly.",
                            QUOTE_CHECK,
                            path=OA.exact,
                            value=quote,
                        )
                    )
                    continue
            results.append(
                CheckResult(
                    evidence,
                    SH.Warning,
                    message,
                    QUOTE_CHECK,
                    path=PROV.wasQuotedFrom,
                    value=document,
                )
            )
    return results


def check_quotes(outcome: Outcome, files: list[AssertionFile], known: Graph) -> None:
    """Add to ``outcome`` the results of checking the new files' quotations against the
    captures of their sources (see ``quote_results``)."""
    report = _empty_report()
    _add_results(report, quote_results(files, known))
    focus_nodes = {s for assertion in files for s in assertion.graph.subjects()}
    labels = Graph()
    for assertion in files:
        for triple in assertion.graph:
            labels.add(triple)
    _gather(outcome, report, focus_nodes, files, labels)


def quote_context_in_store(files: list[AssertionFile], data_dir: Path | None = None) -> Graph:
    """What ``check_quotes`` needs of the existing graph, read from the persisted store of
    ``data_dir`` without loading it: the documents the new quotations' evidence nodes are
    quoted from, and the ``nkd:capturedAs`` of those and of the documents the files name."""
    import pyoxigraph as ox

    from kg.graph.store import open_store
    from kg.graph.terms import to_oxigraph, to_rdflib

    store = open_store(data_dir)
    known = Graph()

    def read(subject: Node, predicate: URIRef) -> list[Node]:
        found = store.quads_for_pattern(to_oxigraph(subject), ox.NamedNode(predicate), None)
        objects = [to_rdflib(quad.object) for quad in found]
        for value in objects:
            known.add((subject, predicate, value))
        return objects

    documents: set[Node] = set()
    for assertion in files:
        for evidence in set(assertion.graph.subjects(OA.exact, None)):
            if not isinstance(evidence, Literal):
                documents.update(read(evidence, PROV.wasQuotedFrom))
            documents.update(assertion.graph.objects(evidence, PROV.wasQuotedFrom))
    for document in documents:
        if not isinstance(document, Literal):
            read(document, NKD.capturedAs)
    return known


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
    """The report for people: one block per focus node, then a summary line. Labels, values
    and messages come from the files, so each line is made safe for a terminal."""
    out = []
    for node in outcome.nodes:
        where = f"{node.file}:{node.line}" if node.line else node.file
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
