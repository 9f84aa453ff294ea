"""Loading the graph: every source under ``data/`` in its own named graph, beside the
ontology and the shapes, as one rdflib Dataset whose default graph is the union.

Also reading files of new assertions (``kg validate``, ``kg add``): those come from other
people, so they are checked before they are parsed (size, encoding, binary content), parsed
without fetching anything, and checked after (IRIs, literal datatypes) — each problem one
located line.
"""

import io
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat
from xml.sax import SAXException, SAXParseException, make_parser
from xml.sax.handler import ContentHandler, feature_external_ges, feature_external_pes

import pyoxigraph
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.term import Node

from kg.errors import InputError, RefusedError, UsageError
from kg.graph import iris, paths
from kg.graph.namespaces import (
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    SHAPES_GRAPH,
    bind_prefixes,
    keep_lexical_forms,
    source_graph_iri,
)

# File suffix -> rdflib parser. Turtle holds one source graph; TriG and N-Quads name their own.
TRIPLE_FORMATS = {".ttl": "turtle", ".nt": "nt"}
QUAD_FORMATS = {".trig": "trig", ".nq": "nquads"}
# New assertions may also come as JSON-LD or RDF/XML, e.g. a colleague's export.
ASSERTION_FORMATS = {**TRIPLE_FORMATS, **QUAD_FORMATS, ".jsonld": "json-ld", ".rdf": "xml"}

# New assertions are read whole into memory; a limit turns a runaway file into a clear error
# instead of exhausting memory. The article's graph is well under 1 MB. ``--max-size`` or the
# variable below raise or lower it.
MAX_ASSERTION_BYTES = 50 * 1024 * 1024
MAX_SIZE_VARIABLE = "KG_MAX_INPUT_BYTES"
_SIZE = re.compile(r"\s*(\d+)\s*([KMG]?)B?\s*", re.IGNORECASE)

# Byte-order marks of encodings other than UTF-8, and the signatures of compressed files: each
# would otherwise be reported as "binary content" or a syntax error in the first line.
_BYTE_ORDER_MARKS = {
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}
_COMPRESSED = {b"\x1f\x8b": "gzip", b"BZh": "bzip2", b"\xfd7zXZ\x00": "xz", b"PK\x03\x04": "zip"}

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
    return dict(iris.PREFIXES)


def _unclosed_string(text: str) -> int | None:
    """Where a Turtle string begins that the text never closes (skipping comments and IRIs),
    or None."""
    i, end = 0, len(text)
    while i < end:
        if text[i] == "#":
            newline = text.find("\n", i)
            i = end if newline < 0 else newline + 1
        elif text[i] == "<":
            close = text.find(">", i)
            i = close + 1 if close > 0 and "\n" not in text[i:close] else i + 1
        elif text[i] in "\"'":
            quote = text[i] * 3 if text.startswith(text[i] * 3, i) else text[i]
            j = i + len(quote)
            while j < end and not text.startswith(quote, j):
                if len(quote) == 1 and text[j] == "\n":
                    break
                j += 2 if text[j] == "\\" else 1
            if j >= end:
                return i
            i = j + len(quote) if text.startswith(quote, j) else j
        else:
            i += 1
    return None


def _looks_like(text: str) -> str | None:
    """The file suffix that the content of a file that does not parse suggests, if any."""
    head = text.lstrip()
    if head.startswith(("<?xml", "<rdf:RDF")):
        return ".rdf"
    if head.startswith(("{", "[")):
        try:
            json.loads(text)
        except ValueError:
            return None
        return ".jsonld"
    if re.search(r"^[ \t]*(@prefix|@base|PREFIX|BASE)\s", text, re.MULTILINE | re.IGNORECASE):
        return ".ttl"
    return None


_FORMAT_NAMES = {".jsonld": "JSON-LD", ".rdf": "RDF/XML", ".ttl": "Turtle"}


def syntax_error_message(path: Path, error: Exception, text: str | None = None) -> str:
    """One line naming the file, line and column of a parse error, and what was wrong; and,
    when the content looks like another format than the file's suffix says, which."""
    message = _located_error(path, error, text)
    suggested = _looks_like(text) if text is not None else None
    if suggested and suggested != path.suffix and (suggested, path.suffix) != (".ttl", ".trig"):
        return f"{message}; the file looks like {_FORMAT_NAMES[suggested]}: name it {suggested}"
    return message


def _located_error(path: Path, error: Exception, text: str | None) -> str:
    if isinstance(error, RecursionError):
        return f"{path}: syntax error: blank nodes or collections nested too deeply to read"
    if isinstance(error, BadSyntax):
        source = error._str
        if isinstance(source, bytes):
            source = source.decode("utf-8", "replace")
        opened = _unclosed_string(source) if "unterminated string" in error._why else None
        if opened is not None:
            line, column = _line_column(source, opened)
            return (
                f"{path}:{line}:{column}: syntax error: unterminated string literal "
                "(the quote here is never closed)"
            )
        # At the end of the input rdflib reports position -1: point after the last content.
        index = error._i if 0 <= error._i <= len(source) else len(source.rstrip())
        line, column = _line_column(source, index)
        return f"{path}:{line}:{column}: syntax error: {error._why}"
    rdf_format = ASSERTION_FORMATS.get(path.suffix)
    if text is not None and rdf_format in ("turtle", "trig"):
        # rdflib's Turtle parser runs off the end of an unfinished last statement (an
        # IndexError) or string (an AssertionError) instead of reporting it.
        opened = _unclosed_string(text)
        if opened is not None:
            line, column = _line_column(text, opened)
            return (
                f"{path}:{line}:{column}: syntax error: unterminated string literal "
                "(the quote here is never closed)"
            )
        if isinstance(error, IndexError):
            line, column = _line_column(text, len(text.rstrip()))
            return (
                f"{path}:{line}:{column}: syntax error: unexpected end of file: "
                "the last statement is not finished"
            )
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
        if rdf_format in ("nt", "nquads"):
            line = _first_bad_line(text, rdf_format)
            if line is not None:
                return f"{path}:{line}:1: syntax error: not a valid {rdf_format} statement"
    return f"{path}: syntax error: {detail}"


def parse_file(graph: Graph, path: Path, rdf_format: str) -> None:
    """Parse one file into ``graph``, turning any parser failure into a located InputError."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    keep_lexical_forms()  # whatever a library switched on since
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


# Only spaces and tabs before a directive: with \s*, every line start would scan all the blank
# lines after it, and a file of blank lines would take quadratic time.
_PREFIX_DECLARATION = re.compile(
    r"^[ \t]*(?:@prefix|PREFIX)\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.MULTILINE | re.IGNORECASE
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


def parse_size(text: str) -> int:
    """A size in bytes from ``52428800``, ``512K``, ``50M`` or ``2G`` (units of 1024)."""
    match = _SIZE.fullmatch(text)
    if not match:
        raise UsageError(
            f"--max-size {text}: give a number of bytes, or of K, M or G (such as 50M)"
        )
    unit = match.group(2).upper()
    return int(match.group(1)) * 1024 ** ("KMG".index(unit) + 1 if unit else 0)


def max_input_bytes() -> int:
    """The size limit for a file of new assertions: ``KG_MAX_INPUT_BYTES``, else 50 MB."""
    configured = os.environ.get(MAX_SIZE_VARIABLE)
    return parse_size(configured) if configured else MAX_ASSERTION_BYTES


def _sizes_text(size: int, limit: int) -> tuple[str, str]:
    """A size and a limit in the limit's unit: MB for a whole number of MB, else bytes."""
    if limit % 2**20 == 0:
        return f"{size / 2**20:.0f} MB", f"{limit // 2**20} MB"
    return f"{size} bytes", f"{limit} bytes"


def _not_text(path: Path, data: bytes) -> str | None:
    """Why ``data`` is not UTF-8 text, when that is plain from its first bytes."""
    for signature, kind in _COMPRESSED.items():
        if data.startswith(signature):
            return f"{path}:1:1: {kind}-compressed data, not RDF text; decompress it first"
    for mark, encoding in _BYTE_ORDER_MARKS.items():
        if data.startswith(mark):
            return (
                f"{path}:1:1: {encoding} text (it starts with a byte-order mark); save it as UTF-8"
            )
    # UTF-16 without a mark: in mostly-ASCII text, every other byte is NUL.
    head = data[:512]
    if len(head) >= 4 and len(head) % 2 == 0:
        for nul, other in ((1, 0), (0, 1)):
            if not any(head[nul::2]) and all(head[other::2]):
                return f"{path}:1:1: UTF-16 text (every other byte is NUL); save it as UTF-8"
    return None


def _read_text(path: Path, max_bytes: int | None = None) -> str:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a file of assertions")
    if path.suffix not in ASSERTION_FORMATS:
        known = ", ".join(sorted(ASSERTION_FORMATS))
        raise InputError(
            f"{path}: unknown RDF format {path.suffix or '(no extension)'!r}; use one of {known}"
        )
    # A pipe or a device (a link to /dev/zero) could block the read or never end it.
    if not path.is_file():
        raise InputError(f"{path}: not a regular file (a pipe or a device); save it to a file")
    limit = max_input_bytes() if max_bytes is None else max_bytes
    size = path.stat().st_size
    if size <= limit:
        # The file may have grown since: never read more than the limit allows.
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
            size = max(os.fstat(handle.fileno()).st_size, len(data))
    if size > limit:
        size_text, limit_text = _sizes_text(size, limit)
        raise InputError(
            f"{path}: {size_text} is over the {limit_text} limit for a file of new assertions; "
            "split it into smaller files"
        )
    problem = _not_text(path, data)
    if problem:
        raise InputError(problem)
    if b"\x00" in data:
        line, column = _line_column(data.decode("latin-1"), data.index(b"\x00"))
        raise InputError(f"{path}:{line}:{column}: binary content (a NUL byte), not RDF text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start].decode("utf-8", "replace")
        line, column = _line_column(before, len(before))
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


def _check_terms(path: Path, text: str, graph: Graph, prefixes: dict[str, str]) -> None:
    """Refuse IRIs that are not IRIs, IRIs that are prefixed names put in angle brackets
    (``<nk:ri-il-kyu>``), and literals whose form does not fit their datatype ("late 2023"
    as an xsd:date), naming the line where they are written."""

    def locate(fragment: str, *written: str) -> str:
        """Where the term is written: as one of its written forms (a quoted literal before
        its datatype rather than the same words in a comment), else its plain text."""
        for form in written:
            if form in text:
                line, column = _line_column(text, text.index(form) + form.index(fragment))
                return f"{path}:{line}:{column}"
        index = text.find(fragment)
        if index < 0:
            return f"{path}"
        line, column = _line_column(text, index)
        return f"{path}:{line}:{column}"

    # A scheme that is also a prefix is almost surely a prefixed name written as an IRI; in
    # JSON-LD, "nk:x" without the prefix in @context is read that way without a word.
    known = {**our_prefixes(), **prefixes}
    # Sorted so that, of several problems, the same one is reported every time; not by n3(),
    # which raises on the very IRIs this looks for.
    for triple in sorted(graph, key=lambda t: tuple(term_sort_key(term) for term in t)):
        for term in triple:
            problem = iri_problem(term) if isinstance(term, URIRef) else None
            if problem:
                raise InputError(f"{locate(str(term))}: invalid IRI <{printable(term)}>: {problem}")
            # A literal's datatype is an IRI too: a stray quote after ^^xsd:date makes one
            # that rdflib accepts and no store can hold.
            datatype = term.datatype if isinstance(term, Literal) else None
            problem = iri_problem(datatype) if datatype is not None else None
            if problem:
                where = locate(str(term), '"' + str(term) + '"^^')
                raise InputError(
                    f"{where}: invalid datatype IRI <{printable(datatype)}>: {problem}"
                )
            scheme, colon, rest = str(term).partition(":")
            if isinstance(term, URIRef) and colon and scheme in known and rest[:2] != "//":
                where = locate(str(term), f"<{term}>", '"' + str(term) + '"')
                raise InputError(
                    f"{where}: <{printable(term)}> is an IRI with the scheme {scheme}:, not the "
                    f"prefixed name {printable(term)}: write it without angle brackets, or in "
                    "JSON-LD declare the prefix in @context"
                )
            if isinstance(term, Literal) and term.ill_typed:
                datatype = graph.namespace_manager.normalizeUri(term.datatype)
                quoted = [f"{q}{term}{q}^^" for q in ('"', "'")] + [f'"{term}"']
                raise InputError(
                    f"{locate(str(term), *quoted)}: {str(term)!r} is not a valid {datatype} value"
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


class _ExternalReference(Exception):
    """An XML declaration that names another file or URL."""


def _external_reference(text: str) -> tuple[str, int, int] | None:
    """What the first DTD or entity an XML text takes from elsewhere is, and where.

    Python's parser resolves none of them by default, which silently empties the literals
    that use them; naming the declaration tells the user why, and keeps that so even if the
    default changes."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def found(description: str) -> None:
        # expat stands at the end of the declaration: point at its "<!" on that line.
        line, column = parser.CurrentLineNumber, parser.CurrentColumnNumber
        start = text.split("\n")[line - 1].rfind("<!", 0, column + 1)
        raise _ExternalReference(description, line, (start if start >= 0 else column) + 1)

    def doctype(name, system_id, public_id, has_internal_subset) -> None:
        if system_id or public_id:
            found(f"external DTD {system_id or public_id}")

    def entity(name, is_parameter, value, base, system_id, public_id, notation) -> None:
        if system_id or public_id:
            kind = "parameter entity %" if is_parameter else "entity "
            found(f"external {kind}{name} ({system_id or public_id})")

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    try:
        parser.Parse(text.encode("utf-8"), True)
    except _ExternalReference as reference:
        return reference.args
    except expat.ExpatError:
        return None  # the parse proper reports syntax errors
    return None


def _check_xml(path: Path, text: str) -> None:
    """Refuse RDF/XML that takes a DTD or entities from other files or URLs, or whose
    entities expand its text far beyond the file's own size."""
    reference = _external_reference(text)
    if reference is not None:
        description, line, column = reference
        raise RefusedError(
            f"{path}:{line}:{column}: {description} is not read: RDF/XML that takes content "
            "from other files or URLs is refused"
        )
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


def read_assertions(
    path: Path, allow_network: bool = False, max_bytes: int | None = None
) -> AssertionFile:
    """Read one file of new assertions, refusing anything that would fetch from the network.

    rdflib fetches JSON-LD contexts named by URL (or ``file:`` path); unless the user allows
    the network, such a file is refused before it is parsed. ``owl:imports`` is never
    followed and RDF/XML external entities are never resolved (Python's XML parser does not
    resolve them by default).
    """
    path = Path(path)
    text = _read_text(path, max_bytes)
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
    keep_lexical_forms()  # whatever a library switched on since
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
    prefixes = declared_prefixes(text)
    _check_terms(path, text, graph, prefixes)
    return AssertionFile(path, text, graph, prefixes)
