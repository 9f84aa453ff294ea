"""Loading the graph: every source under ``data/`` in its own named graph, beside the
ontology and the shapes, as one rdflib Dataset whose default graph is the union.

Also reading files of new assertions (``kg validate``, ``kg add``): those come from other
people, so they are checked before they are parsed (size, encoding, binary content), parsed
without fetching anything, and checked after (IRIs, literal datatypes) — each problem one
located line.
"""

import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax import SAXException, SAXParseException, make_parser
from xml.sax.handler import ContentHandler, feature_external_ges, feature_external_pes

import pyoxigraph
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.term import Node

from kg import paths
from kg.errors import InputError, RefusedError
from kg.namespaces import (
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    SHAPES_GRAPH,
    bind_prefixes,
    source_graph_iri,
)

# File suffix -> rdflib parser. Turtle holds one source graph; TriG and N-Quads name their own.
TRIPLE_FORMATS = {".ttl": "turtle", ".nt": "nt"}
QUAD_FORMATS = {".trig": "trig", ".nq": "nquads"}
# New assertions may also come as JSON-LD or RDF/XML, e.g. a colleague's export.
ASSERTION_FORMATS = {**TRIPLE_FORMATS, **QUAD_FORMATS, ".jsonld": "json-ld", ".rdf": "xml"}

# New assertions are read whole into memory; a limit turns a runaway file into a clear error
# instead of exhausting memory. The article's graph is well under 1 MB.
MAX_ASSERTION_BYTES = 50 * 1024 * 1024

# Characters that may not appear in an IRI (RFC 3987), which rdflib accepts with a warning.
_BAD_IRI_CHARS = re.compile(r'[\x00-\x20<>"{}|\\^`]')


def _line_column(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def _first_bad_line(text: str, rdf_format: str) -> int | None:
    """The number of the first line that does not parse on its own (line-based formats)."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            Dataset().parse(data=line, format=rdf_format)
        except Exception:  # any failure marks the line; the message comes from the whole parse
            return number
    return None


def our_prefixes() -> dict[str, str]:
    """The project's prefixes (nk:, nkd:, nkv:, org:, …) as a plain mapping."""
    graph = Graph(bind_namespaces="none")
    bind_prefixes(graph)
    return {prefix: str(namespace) for prefix, namespace in graph.namespaces()}


def syntax_error_message(path: Path, error: Exception, text: str | None = None) -> str:
    """One line naming the file, line and column of a parse error, and what was wrong."""
    if isinstance(error, BadSyntax):
        source = error._str
        if isinstance(source, bytes):
            source = source.decode("utf-8", "replace")
        # At the end of the input rdflib reports position -1: point after the last content.
        index = error._i if 0 <= error._i <= len(source) else len(source.rstrip())
        line, column = _line_column(source, index)
        return f"{path}:{line}:{column}: syntax error: {error._why}"
    if isinstance(error, json.JSONDecodeError):
        return f"{path}:{error.lineno}:{error.colno}: syntax error: {error.msg}"
    if isinstance(error, SAXParseException):
        line, column = error.getLineNumber(), error.getColumnNumber() + 1
        return f"{path}:{line}:{column}: syntax error: {error.getMessage()}"
    detail = " ".join(str(error).split())
    if text is not None:
        bad_iri = re.search(r'"([^"]*)" does not look like a valid URI', detail)
        if bad_iri and f"<{bad_iri.group(1)}>" in text:
            line, column = _line_column(text, text.index(f"<{bad_iri.group(1)}>"))
            return (
                f"{path}:{line}:{column}: invalid IRI <{bad_iri.group(1)}>: "
                'spaces and <>"{}|\\^` are not allowed in IRIs'
            )
        rdf_format = ASSERTION_FORMATS.get(path.suffix)
        if rdf_format in ("nt", "nquads"):
            line = _first_bad_line(text, rdf_format)
            if line is not None:
                return f"{path}:{line}:1: syntax error: not a valid {rdf_format} statement"
    return f"{path}: syntax error: {detail}"


def parse_file(graph: Graph, path: Path, rdf_format: str) -> None:
    """Parse one file into ``graph``, turning any parser failure into a located InputError."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        graph.parse(path, format=rdf_format)
    except Exception as error:  # rdflib's parsers raise many unrelated exception types
        text = path.read_text("utf-8", "replace")
        raise InputError(syntax_error_message(path, error, text)) from error


def load_ontology(dataset: Dataset) -> None:
    """Add the ontology (with its controlled lists) and the shapes, each in its own graph."""
    ontology = dataset.graph(ONTOLOGY_GRAPH)
    for path in paths.ontology_files():
        parse_file(ontology, path, "turtle")
    parse_file(dataset.graph(SHAPES_GRAPH), paths.SHAPES_FILE, "turtle")


def load_data(dataset: Dataset, data_dir: Path) -> list[URIRef]:
    """Add every source under ``data_dir``; return the IRIs of the graphs it filled.

    ``data/NAME.ttl`` and every Turtle file in a folder ``data/NAME/`` go to the graph
    ``graph/NAME``; TriG and N-Quads files keep the graph names they carry.
    """
    if not data_dir.is_dir():
        raise InputError(f"{data_dir}: data folder not found")
    filled: list[URIRef] = []
    for path in sorted(data_dir.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_dir():
            graph = dataset.graph(source_graph_iri(path.name))
            for member in sorted(path.glob("*.ttl")):
                parse_file(graph, member, "turtle")
            filled.append(graph.identifier)
        elif path.suffix in TRIPLE_FORMATS:
            graph = dataset.graph(source_graph_iri(path.stem))
            parse_file(graph, path, TRIPLE_FORMATS[path.suffix])
            filled.append(graph.identifier)
        elif path.suffix in QUAD_FORMATS:
            before = {g.identifier for g in dataset.graphs()}
            parse_file(dataset, path, QUAD_FORMATS[path.suffix])
            added = {g.identifier for g in dataset.graphs()} - before
            filled.extend(sorted(added))
    return filled


def data_and_ontology(dataset: Dataset) -> Graph:
    """The union of the data and the ontology, without the shapes (and without inferred
    triples): the graph that reasoning and validation work on."""
    union = Graph()
    bind_prefixes(union)
    for graph in dataset.graphs():
        if graph.identifier not in (SHAPES_GRAPH, INFERRED_GRAPH):
            for triple in graph:
                union.add(triple)
    return union


def load_dataset(data_dir: Path | None = None, with_ontology: bool = True) -> Dataset:
    """The whole graph: data sources, ontology and shapes; queries see their union."""
    dataset = Dataset(default_union=True)
    bind_prefixes(dataset)
    if with_ontology:
        load_ontology(dataset)
    load_data(dataset, data_dir or paths.data_dir())
    return dataset


# --- New assertions ---


@dataclass
class AssertionFile:
    """One file of new assertions: its text (to point at lines), its triples, its prefixes."""

    path: Path
    text: str
    graph: Graph
    prefixes: dict[str, str] = field(default_factory=dict)


_PREFIX_DECLARATION = re.compile(
    r"^\s*(?:@prefix|PREFIX)\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.MULTILINE | re.IGNORECASE
)


def declared_prefixes(text: str) -> dict[str, str]:
    """The prefixes a Turtle or TriG text declares, in the order it declares them."""
    return {m.group(1) or "": m.group(2) for m in _PREFIX_DECLARATION.finditer(text)}


def remote_contexts(document: object) -> list[str]:
    """Every JSON-LD context a document would fetch: string contexts and ``@import``s."""
    found: list[str] = []

    def visit(node: object, in_context: bool) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "@context":
                    values = value if isinstance(value, list) else [value]
                    found.extend(v for v in values if isinstance(v, str))
                    visit(value, True)
                elif key == "@import" and in_context and isinstance(value, str):
                    found.append(value)
                else:
                    visit(value, in_context)
        elif isinstance(node, list):
            for item in node:
                visit(item, in_context)

    visit(document, False)
    return found


def _read_text(path: Path) -> str:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a file of assertions")
    if path.suffix not in ASSERTION_FORMATS:
        known = ", ".join(sorted(ASSERTION_FORMATS))
        raise InputError(
            f"{path}: unknown RDF format {path.suffix or '(no extension)'!r}; use one of {known}"
        )
    size = path.stat().st_size
    if size > MAX_ASSERTION_BYTES:
        raise InputError(
            f"{path}: {size / 2**20:.0f} MB is over the {MAX_ASSERTION_BYTES // 2**20} MB limit "
            "for a file of new assertions; split it into smaller files"
        )
    data = path.read_bytes()
    if b"\x00" in data:
        line, column = _line_column(data.decode("latin-1"), data.index(b"\x00"))
        raise InputError(f"{path}:{line}:{column}: binary content (a NUL byte), not RDF text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _line_column(data[: error.start].decode("utf-8", "replace"), error.start)
        raise InputError(
            f"{path}:{line}:{column}: not UTF-8 text (byte 0x{data[error.start]:02x}); "
            "save the file as UTF-8"
        ) from error
    if not text.strip():
        raise InputError(f"{path}: empty file, no assertions to read")
    return text.removeprefix("\ufeff")


def term_sort_key(term: Node) -> tuple[str, str, str, str]:
    """A total order on terms that never raises, whatever their datatype or validity."""
    return (
        type(term).__name__,
        str(term),
        str(getattr(term, "datatype", None) or ""),
        getattr(term, "language", None) or "",
    )


def printable(text: str) -> str:
    """Text with control characters escaped, so that a message stays on one line."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def iri_problem(iri: str) -> str | None:
    """Why ``iri`` is not an IRI (RFC 3987), or None. rdflib accepts, with a warning, IRIs
    that other stores (and Oxigraph, our engine) refuse: ``[`` outside a host, a second
    ``#``, a bad percent-encoding, a port that is not a number."""
    if _BAD_IRI_CHARS.search(iri):
        return 'spaces and <>"{}|\\^` are not allowed in IRIs'
    try:
        pyoxigraph.NamedNode(iri)
    except ValueError as error:
        return str(error)
    return None


def _check_terms(path: Path, text: str, graph: Graph) -> None:
    """Refuse IRIs that are not IRIs and literals whose form does not fit their
    datatype ("late 2023" as an xsd:date), naming the line where they are written."""

    def locate(fragment: str) -> str:
        index = text.find(fragment)
        if index < 0:
            return f"{path}"
        line, column = _line_column(text, index)
        return f"{path}:{line}:{column}"

    # Sorted so that, of several problems, the same one is reported every time; not by n3(),
    # which raises on the very IRIs this looks for.
    for triple in sorted(graph, key=lambda t: tuple(term_sort_key(term) for term in t)):
        for term in triple:
            problem = iri_problem(term) if isinstance(term, URIRef) else None
            if problem:
                raise InputError(f"{locate(str(term))}: invalid IRI <{printable(term)}>: {problem}")
            if isinstance(term, Literal) and term.ill_typed:
                datatype = graph.namespace_manager.normalizeUri(term.datatype)
                raise InputError(
                    f"{locate(str(term))}: {str(term)!r} is not a valid {datatype} value"
                )


class _ExpansionLimit(ContentHandler):
    """Counts the text an XML parse delivers, to stop entity expansion ("billion laughs")
    early: rdflib appends text to a string piece by piece, which takes hours on expanded
    entities long before expat's own amplification limit stops it."""

    def __init__(self, limit: int):
        super().__init__()
        self.limit = limit
        self.count = 0
        self.where: tuple[int, int] = (0, 0)

    def characters(self, content: str) -> None:
        self.count += len(content)
        if self.count > self.limit:
            self.where = (self._locator.getLineNumber(), self._locator.getColumnNumber() + 1)
            raise SAXException("expansion limit")


def _check_xml(path: Path, text: str) -> None:
    """Refuse RDF/XML whose entities expand its text far beyond the file's own size."""
    limit = 2 * len(text) + 2**20
    counter = _ExpansionLimit(limit)
    parser = make_parser()
    parser.setFeature(feature_external_ges, False)
    parser.setFeature(feature_external_pes, False)
    parser.setContentHandler(counter)
    try:
        parser.parse(io.BytesIO(text.encode("utf-8")))
    except SAXParseException as error:
        raise InputError(syntax_error_message(path, error)) from error
    except SAXException as error:
        line, column = counter.where
        raise InputError(
            f"{path}:{line}:{column}: XML entities expand the text beyond {limit} characters; "
            "refused"
        ) from error


def read_assertions(path: Path, allow_network: bool = False) -> AssertionFile:
    """Read one file of new assertions, refusing anything that would fetch from the network.

    rdflib fetches JSON-LD contexts named by URL (or ``file:`` path); unless the user allows
    the network, such a file is refused before it is parsed. ``owl:imports`` is never
    followed and RDF/XML external entities are never resolved (Python's XML parser does not
    resolve them by default).
    """
    path = Path(path)
    text = _read_text(path)
    rdf_format = ASSERTION_FORMATS[path.suffix]
    if rdf_format == "json-ld":
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            raise InputError(syntax_error_message(path, error)) from error
        except RecursionError as error:
            raise InputError(f"{path}: JSON nested too deeply to read") from error
        contexts = remote_contexts(document)
        if contexts and not allow_network:
            raise RefusedError(
                f"{path}: JSON-LD context {contexts[0]} is not fetched; put the context in "
                "the file, or pass --allow-network to fetch it"
            )
    if rdf_format == "xml":
        _check_xml(path, text)
    holder = Dataset(default_union=True) if rdf_format in ("trig", "nquads") else Graph()
    bind_prefixes(holder)
    try:
        holder.parse(data=text, format=rdf_format, publicID=path.resolve().as_uri())
    except Exception as error:  # rdflib's parsers raise many unrelated exception types
        raise InputError(syntax_error_message(path, error, text)) from error
    graph = Graph()
    bind_prefixes(graph)
    for triple in holder.triples((None, None, None)):
        graph.add(triple)
    if len(graph) == 0:
        raise InputError(f"{path}: no triples in the file, no assertions to read")
    _check_terms(path, text, graph)
    return AssertionFile(path, text, graph, declared_prefixes(text))
