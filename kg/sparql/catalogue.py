"""SPARQL over the graph: the saved-query catalogue, parameters, a safety check and execution.

Saved queries live in ``queries/NAME.rq`` with a grlc header (``#+ summary:``, ``#+ tags:``,
``#+ description:``, ``#+ defaults:``) and BASIL-style parameters: ``?_name`` is a required
parameter, ``?__name`` an optional one, and a ``_iri`` suffix (``?_person_iri``) says the value
must be an IRI. The parameter's name is what is left: ``person``.

Parameters' values are pyoxigraph terms. Listing the queries and binding their parameters
reads the query's tokens (``kg.sparql.outline``) and does not import rdflib; the parse into
rdflib's algebra is for the checks that need it and for running a query on rdflib.
"""

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.errors import InputError, RefusedError, UsageError
from kg.graph import iris, paths
from kg.sparql import outline

if TYPE_CHECKING:
    from rdflib import Dataset
    from rdflib.plugins.sparql.sparql import Query
    from rdflib.query import Result

Term = ox.NamedNode | ox.BlankNode | ox.Literal

QUERY_SUFFIXES = (".rq", ".sparql")


# --- The catalogue ---


@dataclass(frozen=True)
class Parameter:
    """A parameter of a query: ``?_person_iri`` is the required IRI parameter ``person``."""

    name: str
    variable: str
    iri_only: bool
    required: bool
    default: Term | None = None

    def describe(self) -> str:
        kind = "IRI" if self.iri_only else "value"
        if self.default is not None:
            return f"{self.name}={self.default}"
        return f"{self.name}=<{kind}>" if self.required else f"[{self.name}=<{kind}>]"


@dataclass
class QueryText:
    """A query as written: where it came from (for messages), its text and its header."""

    origin: str
    text: str
    name: str | None = None
    summary: str = ""
    description: str = ""
    tags: list[str] = field(default_factory=list)
    defaults: dict[str, str] = field(default_factory=dict)


def parse_header(text: str) -> dict[str, str | list[str] | dict[str, str]]:
    """The grlc decorators of a query, the small part of YAML grlc uses: ``#+ key: value``,
    a value continued on more indented lines, and ``#+ key:`` followed by indented
    ``#+   - item`` or ``#+   - name: value`` lines."""
    header: dict[str, str | list[str] | dict[str, str]] = {}
    current: str | None = None
    for line in text.splitlines():
        if not line.startswith("#+"):
            if line.strip() and not line.lstrip().startswith("#"):
                break
            continue
        body = line[2:]
        entry = re.match(r" ?([\w-]+)\s*:\s*(.*)$", body)
        if entry:
            current = entry.group(1)
            if entry.group(2).strip():
                header[current] = entry.group(2).strip()
            continue
        if current is None or not body.strip():
            continue
        item = re.match(r"\s+-\s*(.*)$", body)
        if item:
            value = item.group(1).strip()
            pair = re.match(r"([\w-]+)\s*:\s*(.+)$", value)
            if pair:
                mapping = header.setdefault(current, {})
                if isinstance(mapping, dict):
                    mapping[pair.group(1)] = pair.group(2).strip().strip("'\"")
            else:
                items = header.setdefault(current, [])
                if isinstance(items, list):
                    items.append(value.strip("'\""))
        elif isinstance(header.get(current), str):
            header[current] = f"{header[current]} {body.strip()}"
    return header


def read_query_file(path: Path, name: str | None = None) -> QueryText:
    """A query file with its grlc header."""
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError as error:
        raise InputError(f"{path}: no such file") from error
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 text") from error
    header = parse_header(text)

    def text_of(key: str) -> str:
        value = header.get(key, "")
        return value if isinstance(value, str) else " ".join(value)

    tags = header.get("tags", [])
    defaults = header.get("defaults", {})
    return QueryText(
        origin=str(path),
        text=text,
        name=name,
        summary=text_of("summary"),
        description=text_of("description"),
        tags=[tags] if isinstance(tags, str) else list(tags),
        defaults=defaults if isinstance(defaults, dict) else {},
    )


def catalogue(queries_dir: Path | None = None) -> list[QueryText]:
    """Every saved query, by name."""
    folder = queries_dir or paths.QUERIES_DIR
    if not folder.is_dir():
        return []
    return [read_query_file(path, path.stem) for path in sorted(folder.glob("*.rq"))]


def saved_query(name: str, queries_dir: Path | None = None) -> QueryText:
    """A saved query by name; an unknown name suggests the closest ones."""
    queries = {query.name: query for query in catalogue(queries_dir)}
    if name in queries:
        return queries[name]
    close = difflib.get_close_matches(name, list(queries), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    if not close and queries:
        hint = "; see kg queries for the list"
    raise UsageError(f"no saved query named {name!r}{hint}")


def query_text(spec: str | None, expression: str | None) -> QueryText:
    """The query to run: ``-e TEXT``, a ``.rq`` file, or a saved query by name."""
    if expression is not None and spec is not None:
        raise UsageError("give a saved query name, a file, or -e TEXT, not both")
    if expression is not None:
        return QueryText(origin="-e", text=expression)
    if spec is None:
        raise UsageError("give a saved query name, a query file or -e TEXT (see kg queries)")
    path = Path(spec)
    if path.suffix in QUERY_SUFFIXES or "/" in spec or path.is_file():
        return read_query_file(path)
    return saved_query(spec)


# --- Parsing and the safety check ---


def _strip_location(message: str) -> str:
    return re.sub(r"\s*\(at char \d+\),\s*\(line:\d+, col:\d+\)\s*$", "", message).strip()


# Comments, strings and IRIs (skipped), or the prefix of a prefixed name.
_PREFIXED_NAME = re.compile(
    r"#[^\n]*|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|<[^<>\s]*>"
    r"|(?<![\w:.?$-])(?P<name>(?P<prefix>[A-Za-z][\w.-]*)?:)(?=[\w%(\s]|$)"
)


def sparql_prefixes(text: str) -> dict[str, str]:
    """The prefixes a query declares with PREFIX, wherever on a line they are."""
    return {
        m.group(1) or "": m.group(2)
        for m in re.finditer(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^<>\s]*)>", text, re.I)
    }


def _undeclared_prefix(text: str, declared: Mapping[str, str]) -> tuple[str, int, int] | None:
    """The first prefix the query uses without declaring it, with its line and column.

    rdflib quietly knows rdf:, rdfs:, owl:, skos: and a dozen more; other stores do not, so
    a query that leans on that would only work here."""
    for match in _PREFIXED_NAME.finditer(text):
        prefix = match.group("prefix") or ""
        if match.group("name") is not None and prefix not in declared:
            line = text.count("\n", 0, match.start()) + 1
            column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
            return prefix, line, column
    return None


def parse(query: QueryText) -> "Query":
    """Parse and translate a query, turning errors into one located line.

    Inline queries (``-e``) may use the project's prefixes without declaring them; saved
    queries and query files must declare theirs, so that they run unchanged on other stores.
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.plugins.sparql.processor import prepareQuery

    init_ns = dict(iris.PREFIXES) if query.origin == "-e" else {}
    try:
        parseQuery(query.text)
    except ParseException as error:
        try:
            update = parseUpdate(query.text)
        except ParseException:
            pass
        else:
            loads = [op for op in _walk(update) if isinstance(op, CompValue) and op.name == "Load"]
            fetch = f", and LOAD <{_field(loads[0], 'iri')}> would fetch it" if loads else ""
            raise RefusedError(
                f"{query.origin}: this is a SPARQL update{fetch}; kg query only reads "
                "(use kg add to add assertions)"
            ) from error
        raise InputError(
            f"{query.origin}:{error.lineno}:{error.col}: syntax error: "
            f"{_strip_location(str(error))}"
        ) from error
    except RecursionError as error:
        raise InputError(
            f"{query.origin}: syntax error: brackets nested too deeply to read"
        ) from error
    undeclared = _undeclared_prefix(query.text, {**init_ns, **sparql_prefixes(query.text)})
    if undeclared is not None:
        prefix, line, column = undeclared
        raise InputError(
            f"{query.origin}:{line}:{column}: unknown prefix {prefix}: (declare it with PREFIX)"
        )
    try:
        return prepareQuery(query.text, initNs=init_ns)
    except Exception as error:  # rdflib raises assorted errors while translating
        raise InputError(f"{query.origin}: cannot translate the query: {error}") from error


def _field(node: dict, name: str) -> object:
    # CompValue.get answers a missing key with the key's own name; a plain dict lookup does not.
    return dict.get(node, name)


def _walk(node: object) -> Iterable[object]:
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if isinstance(current, Mapping):
            stack.extend(current.values())
        elif isinstance(current, (list, tuple)):
            stack.extend(current)


def check_safety(query: "Query", origin: str, allow_network: bool = False) -> None:
    """Refuse what would reach beyond our graphs: ``SERVICE`` and ``FROM``/``FROM NAMED``
    naming a graph that is not ours, unless the user allows the network. Checked on the
    parsed algebra, so comments, strings and odd spacing cannot hide or fake them."""
    if allow_network:
        return
    from rdflib.plugins.sparql.parserutils import CompValue

    algebra = query.algebra
    for node in _walk(algebra):
        if isinstance(node, CompValue) and node.name == "ServiceGraphPattern":
            raise RefusedError(
                f"{origin}: SERVICE {_field(node, 'term').n3()} would query another endpoint "
                "over the network; pass --allow-network to allow it"
            )
    for clause in _field(algebra, "datasetClause") or []:
        default = _field(clause, "default")
        iri = default if default is not None else _field(clause, "named")
        if iri is not None and not str(iri).startswith(iris.GRAPH):
            keyword = "FROM" if default is not None else "FROM NAMED"
            raise RefusedError(
                f"{origin}: {keyword} <{iri}> is not one of our graphs ({iris.GRAPH}…) and would "
                "be fetched; pass --allow-network to allow it"
            )


def query_prefixes(query: QueryText) -> dict[str, str]:
    """Prefixes a parameter value may use: ours, and those the query declares."""
    return {**iris.PREFIXES, **sparql_prefixes(query.text)}


def parameters(query: QueryText) -> list[Parameter]:
    """The query's parameters, from the variables it uses, with their defaults."""
    names = {
        name
        for name in outline.variables(query.text)
        if re.fullmatch(r"__?[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*", name)
    }
    prefixes = query_prefixes(query)
    result = []
    for variable in sorted(names):
        required = not variable.startswith("__")
        bare = variable.lstrip("_")
        iri_only = bare.endswith("_iri")
        name = bare.removesuffix("_iri") if iri_only else bare
        raw_default = next(
            (query.defaults[key] for key in (name, bare, variable) if key in query.defaults), None
        )
        default = None
        if raw_default is not None:
            try:
                default = parse_value(raw_default, name, iri_only, prefixes)
            except UsageError as error:
                raise InputError(f"{query.origin}: default of {name}: {error}") from error
        result.append(Parameter(name, variable, iri_only, required, default))
    return result


def parse_value(
    raw: str, name: str, iri_only: bool, prefixes: Mapping[str, str] | None = None
) -> Term:
    """A parameter value typed as written: ``<http://…>`` or ``http(s)://…`` or
    ``prefix:name`` is an IRI; ``"text"``, ``"text"@en``, ``"2019"^^xsd:gYear`` a literal;
    a bare number an integer or decimal; ``true``/``false`` a boolean; other text a string."""
    prefixes = prefixes if prefixes is not None else iris.PREFIXES
    value = raw.strip()
    iri: str | None = None
    if value.startswith("<") and value.endswith(">"):
        iri = value[1:-1]
    elif re.match(r"https?://", value):
        iri = value
    else:
        curie = re.fullmatch(r"([A-Za-z][\w.-]*)?:([^\s]*)", value)
        if curie:
            prefix = curie.group(1) or ""
            if prefix not in prefixes:
                raise UsageError(
                    f"--param {name}: unknown prefix {prefix}: in {value!r} "
                    f"(known: {', '.join(sorted(p for p in prefixes if p))})"
                )
            iri = prefixes[prefix] + curie.group(2)
    if iri is not None:
        if re.search(r'[\s<>"{}|\\^`]', iri):
            raise UsageError(f"--param {name}: {value!r} is not a valid IRI")
        try:
            return ox.NamedNode(iri)
        except ValueError as error:
            raise UsageError(f"--param {name}: {value!r} is not a valid IRI") from error
    if iri_only:
        raise UsageError(
            f"--param {name}: expects an IRI (<http://…>, http(s)://… or prefix:name), "
            f"got {value!r}"
        )
    if value.startswith(('"', "'")):
        return _parse_literal(value, name, prefixes)
    if re.fullmatch(r"[+-]?\d+", value):
        return ox.Literal(value, datatype=ox.NamedNode(iris.XSD + "integer"))
    if re.fullmatch(r"[+-]?(\d+\.\d*|\.\d+)", value):
        return ox.Literal(value, datatype=ox.NamedNode(iris.XSD + "decimal"))
    if value in ("true", "false"):
        return ox.Literal(value, datatype=ox.NamedNode(iris.XSD + "boolean"))
    return ox.Literal(value)


def _parse_literal(value: str, name: str, prefixes: Mapping[str, str]) -> Term:
    """A literal written as in Turtle, read and checked against its datatype by rdflib."""
    from rdflib import Graph, Literal
    from rdflib.util import from_n3

    from kg.graph.terms import to_oxigraph

    graph = Graph(bind_namespaces="none")
    for prefix, namespace in prefixes.items():
        graph.bind(prefix, namespace)
    try:
        literal = from_n3(value, nsm=graph.namespace_manager)
    except Exception as error:  # from_n3 raises assorted errors on malformed terms
        raise UsageError(f"--param {name}: cannot read literal {value!r}") from error
    if not isinstance(literal, Literal) or literal.ill_typed:
        raise UsageError(f"--param {name}: {value!r} is not a valid literal")
    return to_oxigraph(literal)


def bind(query: QueryText, assignments: Sequence[str]) -> dict[str, Term]:
    """Bindings for the query's parameters (variable name -> term) from ``name=value``
    strings and the defaults."""
    declared = {p.name: p for p in parameters(query)}
    prefixes = query_prefixes(query)
    values: dict[str, Term] = {}
    for assignment in assignments:
        name, equals, raw = assignment.partition("=")
        name = name.strip()
        if not equals or not name:
            raise UsageError(f"--param {assignment!r}: expected name=value")
        if name not in declared:
            takes = ", ".join(sorted(declared)) or "none"
            raise UsageError(
                f"--param {name}: {query.name or query.origin} has no parameter {name} "
                f"(its parameters: {takes})"
            )
        parameter = declared[name]
        values[parameter.variable] = parse_value(raw, name, parameter.iri_only, prefixes)
    for parameter in declared.values():
        if parameter.variable in values:
            continue
        if parameter.default is not None:
            values[parameter.variable] = parameter.default
        elif parameter.required:
            raise UsageError(
                f"--param {parameter.name}: {query.name or query.origin} needs a value "
                f"(--param {parameter.describe()})"
            )
    return values


# --- Execution ---


def execute(
    dataset: "Dataset",
    parsed: "Query",
    bindings: Mapping[str, Term] | None = None,
    allow_network: bool = False,
) -> "Result":
    """Run a parsed query over the dataset (queries see the union of its graphs).

    rdflib fetches a graph named in FROM that the dataset lacks; that is switched off here
    unless the network is allowed, so FROM one of our graphs never leaves the machine.
    """
    import rdflib.plugins.sparql
    from rdflib import Variable

    from kg.graph.terms import to_rdflib

    sparql = rdflib.plugins.sparql
    previous = sparql.SPARQL_LOAD_GRAPHS
    sparql.SPARQL_LOAD_GRAPHS = allow_network
    initial = {Variable(str(name)): to_rdflib(value) for name, value in (bindings or {}).items()}
    try:
        result = dataset.query(parsed, initBindings=initial)
        if result.type == "SELECT":
            result.bindings = list(result.bindings)
        return result
    finally:
        sparql.SPARQL_LOAD_GRAPHS = previous
