"""Writing a query's answer: a table for the terminal, the SPARQL 1.1 result formats (CSV,
TSV, JSON, XML), or a graph format for CONSTRUCT and DESCRIBE.

Rows are written by Oxigraph's own result writers, streamed from its answer to the output;
an answer from rdflib or from a remote endpoint is handed to the same writers, so every
engine writes the same bytes. Rows of a query without ORDER BY are sorted first, so the same
graph prints the same output. rdflib is imported here only for a graph answer, which is
written in the canonical form of ``kg.graph.serialize``.
"""

import json
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, BinaryIO

import pyoxigraph as ox

from kg.errors import UsageError
from kg.graph import iris
from kg.graph.display import iri_short_form, terminal_safe

if TYPE_CHECKING:
    from rdflib.query import Result

TABLE_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_RESULT_FORMATS = ("ttl", "nt", "jsonld")
RESULT_FORMATS = TABLE_FORMATS + GRAPH_RESULT_FORMATS
WRITERS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
}

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Row = tuple[Term | None, ...]

_PLAIN_DATATYPES = (iris.XSD + "string", iris.RDF + "langString")
_UNBOUND_KEY = ("", "", "", "")


def answer_type(answer) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE (Oxigraph answers both graph forms alike)."""
    if isinstance(answer, ox.QuerySolutions):
        return "SELECT"
    if isinstance(answer, ox.QueryBoolean | bool):
        return "ASK"
    if isinstance(answer, ox.QueryTriples):
        return "CONSTRUCT"
    return answer.type


def term_key(term: Term | None) -> tuple[str, str, str, str]:
    """A total order on terms, the order ``kg.graph.load.term_sort_key`` gives the same terms
    in rdflib (where a plain or language-tagged literal has no datatype)."""
    if term is None:
        return _UNBOUND_KEY
    if isinstance(term, ox.NamedNode):
        return ("URIRef", term.value, "", "")
    if isinstance(term, ox.BlankNode):
        return ("BNode", term.value, "", "")
    datatype = term.datatype.value
    return (
        "Literal",
        term.value,
        "" if datatype in _PLAIN_DATATYPES else datatype,
        term.language or "",
    )


def in_stable_order(rows: list[Row]) -> list[Row]:
    """Rows sorted on their terms, so an unordered answer prints the same every time."""
    keys: dict[Term, tuple] = {}

    def key_of(term: Term | None) -> tuple:
        if term is None:
            return _UNBOUND_KEY
        found = keys.get(term)
        if found is None:
            found = keys[term] = term_key(term)
        return found

    return sorted(rows, key=lambda row: tuple(key_of(term) for term in row))


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    found = {"type": "literal", "value": term.value}
    if term.language:
        found["xml:lang"] = term.language
    elif term.datatype.value != iris.XSD + "string":
        found["datatype"] = term.datatype.value
    return found


def solutions(variables: Sequence[str], rows: Iterable[Row]) -> ox.QuerySolutions:
    """Rows held in Python as an answer Oxigraph's writers take (read back from the SPARQL
    JSON that says exactly these rows)."""
    document = {
        "head": {"vars": list(variables)},
        "results": {
            "bindings": [
                {v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None}
                for row in rows
            ]
        },
    }
    return ox.parse_query_results(
        json.dumps(document).encode("utf-8"), format=ox.QueryResultsFormat.JSON
    )


def rows_of(answer: ox.QuerySolutions) -> tuple[list[str], list[Row]]:
    """The variables and the rows of Oxigraph's answer, read once."""
    return [v.value for v in answer.variables], [tuple(solution) for solution in answer]


def from_rdflib(result: "Result") -> "ox.QuerySolutions | ox.QueryBoolean | Result":
    """An rdflib Result's rows or boolean as Oxigraph's; a graph stays an rdflib Result."""
    from kg.graph.terms import to_oxigraph

    if result.type == "ASK":
        return boolean(bool(result.askAnswer))
    if result.type != "SELECT":
        return result
    variables = [str(v) for v in result.vars or []]
    converted: dict = {}

    def convert(term) -> Term | None:
        if term is None:
            return None
        found = converted.get(term)
        if found is None:
            found = converted[term] = to_oxigraph(term)
        return found

    names = list(result.vars or [])
    rows = [tuple(convert(row.get(name)) for name in names) for row in result.bindings]
    return solutions(variables, rows)


def boolean(value: bool) -> ox.QueryBoolean:
    """An ASK answer as Oxigraph's, for its writers."""
    document = json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    return ox.parse_query_results(document, format=ox.QueryResultsFormat.JSON)


def _width(text: str) -> int:
    # Hangul and other wide characters take two columns in a terminal.
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def _cell(text: str) -> str:
    return terminal_safe(" ".join(text.split()) if "\n" in text or "\t" in text else text)


def short_form(term: Term | None) -> str:
    """How a table shows a term: IRIs with our prefixes where the rest is a plain name,
    literals as their text, blank nodes as ``_:label``."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return iri_short_form(term.value, iris.PREFIXES)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def write_table(variables: Sequence[str], rows: Iterable[Row]) -> bytes:
    """An aligned table for people; each distinct term is shown once and reused."""
    shown: dict[Term, str] = {}

    def cell(term: Term | None) -> str:
        if term is None:
            return ""
        found = shown.get(term)
        if found is None:
            found = shown[term] = _cell(short_form(term))
        return found

    cells = [[cell(term) for term in row] for row in rows]
    widths = [max([_width(v)] + [_width(r[i]) for r in cells]) for i, v in enumerate(variables)]

    def line(texts: Sequence[str]) -> str:
        padded = [t + " " * (w - _width(t)) for t, w in zip(texts, widths, strict=True)]
        return "  ".join(padded).rstrip() + "\n"

    out = [line(variables), line(["-" * w for w in widths])]
    out.extend(line(row) for row in cells)
    return "".join(out).encode("utf-8")


class _Tail:
    """A binary output that remembers its last byte, so that a writer's output that does not
    end a line can be ended."""

    def __init__(self, out: BinaryIO):
        self.out = out
        self.last = b"\n"

    def write(self, data: bytes) -> int:
        if data:
            self.last = bytes(data[-1:])
        return self.out.write(data)

    def flush(self) -> None:
        self.out.flush()


def check_format(kind: str, result_format: str) -> None:
    """Refuse a format that the answer's kind cannot be written in."""
    if kind in ("CONSTRUCT", "DESCRIBE") and result_format not in GRAPH_RESULT_FORMATS:
        raise UsageError(
            f"--format {result_format}: {kind} queries return a graph; "
            f"use {', '.join(GRAPH_RESULT_FORMATS)}"
        )
    if kind in ("SELECT", "ASK") and result_format in GRAPH_RESULT_FORMATS:
        raise UsageError(
            f"--format {result_format}: {kind} queries return a table; "
            f"use {', '.join(TABLE_FORMATS)}"
        )


def write_result(answer, result_format: str, out: BinaryIO, ordered: bool = True) -> None:
    """Write ``answer`` (Oxigraph's own, or an rdflib Result from the rdflib engine or an
    endpoint) to ``out`` in one of the SPARQL 1.1 result formats, a table, or (for CONSTRUCT
    and DESCRIBE) an RDF format; rows of an unordered SELECT are sorted first."""
    kind = answer_type(answer)
    check_format(kind, result_format)
    if kind in ("CONSTRUCT", "DESCRIBE"):
        out.write(_graph_bytes(answer, result_format))
        return
    if not isinstance(answer, ox.QuerySolutions | ox.QueryBoolean):
        answer = from_rdflib(answer)
    if isinstance(answer, ox.QueryBoolean):
        if result_format in ("table", "tsv", "csv"):
            line_end = b"\r\n" if result_format == "csv" else b"\n"
            out.write((b"true" if answer else b"false") + line_end)
            return
    elif result_format == "table" or not ordered:
        variables, rows = rows_of(answer)
        if not ordered:
            rows = in_stable_order(rows)
        if result_format == "table":
            out.write(write_table(variables, rows))
            return
        answer = solutions(variables, rows)
    tail = _Tail(out)
    answer.serialize(tail, WRITERS[result_format])
    if tail.last != b"\n":
        out.write(b"\n")


def _graph_bytes(answer, result_format: str) -> bytes:
    """A graph answer in the canonical form every export has (``kg.graph.serialize``)."""
    from rdflib import Graph

    from kg.graph.serialize import serialize_graph
    from kg.graph.terms import to_rdflib

    if isinstance(answer, ox.QueryTriples):
        triples = [
            (to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)) for t in answer
        ]
        return serialize_graph(triples, result_format)
    return serialize_graph(answer.graph or Graph(), result_format)
