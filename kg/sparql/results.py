"""Writing a query's answer: a table for the terminal, and the SPARQL 1.1 result formats
(CSV, TSV, JSON, XML) or a graph format for CONSTRUCT and DESCRIBE.

The writers take an rdflib ``Result``, so that every engine and a remote endpoint share them.
Rows of a query without ORDER BY are sorted first, so the same graph prints the same output.
"""

import io
import unicodedata
from collections.abc import Mapping, Sequence

from rdflib import Graph, Variable
from rdflib.query import Result
from rdflib.term import Node

from kg.errors import UsageError
from kg.graph.load import our_prefixes, term_sort_key, terminal_safe
from kg.graph.serialize import serialize_graph
from kg.graph.terms import short_form

TABLE_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_RESULT_FORMATS = ("ttl", "nt", "jsonld")
RESULT_FORMATS = TABLE_FORMATS + GRAPH_RESULT_FORMATS


def _row_key(row: Mapping[Variable, Node], variables: Sequence[Variable]) -> tuple:
    return tuple(
        term_sort_key(row[v]) if row.get(v) is not None else ("", "", "", "") for v in variables
    )


def in_stable_order(result: Result, ordered: bool) -> Result:
    """The rows of an unordered SELECT sorted, so the same graph prints the same output."""
    if result.type != "SELECT" or ordered:
        return result
    variables = list(result.vars or [])
    stable = Result("SELECT")
    stable.vars = variables
    stable.bindings = sorted(result.bindings, key=lambda row: _row_key(row, variables))
    return stable


def _width(text: str) -> int:
    # Hangul and other wide characters take two columns in a terminal.
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def _cell(text: str) -> str:
    return terminal_safe(" ".join(text.split()) if "\n" in text or "\t" in text else text)


def write_table(result: Result, prefixes: Mapping[str, str] | None = None) -> str:
    """An aligned table for people; ASK prints ``true`` or ``false``."""
    if result.type == "ASK":
        return "true\n" if result.askAnswer else "false\n"
    prefixes = prefixes if prefixes is not None else our_prefixes()
    variables = [str(v) for v in result.vars or []]
    rows = [
        [_cell(short_form(row.get(Variable(v)), prefixes)) for v in variables]
        for row in result.bindings
    ]
    widths = [max([_width(v)] + [_width(r[i]) for r in rows]) for i, v in enumerate(variables)]

    def line(cells: Sequence[str]) -> str:
        padded = [c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True)]
        return "  ".join(padded).rstrip() + "\n"

    out = [line(variables), line(["-" * w for w in widths])]
    out.extend(line(row) for row in rows)
    return "".join(out)


def _tsv_term(term: Node | None) -> str:
    if term is None:
        return ""
    return term.n3().replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def write_tsv(result: Result) -> str:
    """SPARQL 1.1 TSV: variables with ``?``, terms in their Turtle form (rdflib has no
    TSV writer)."""
    if result.type == "ASK":
        return "true\n" if result.askAnswer else "false\n"
    variables = list(result.vars or [])
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines.extend("\t".join(_tsv_term(row.get(v)) for v in variables) for row in result.bindings)
    return "\n".join(lines) + "\n"


def write_result(result: Result, result_format: str) -> bytes:
    """The result in one of the SPARQL 1.1 result formats, a table, or (for CONSTRUCT and
    DESCRIBE) an RDF format."""
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        if result_format not in GRAPH_RESULT_FORMATS:
            raise UsageError(
                f"--format {result_format}: {result.type} queries return a graph; "
                f"use {', '.join(GRAPH_RESULT_FORMATS)}"
            )
        return serialize_graph(result.graph or Graph(), result_format)
    if result_format in GRAPH_RESULT_FORMATS:
        raise UsageError(
            f"--format {result_format}: {result.type} queries return a table; "
            f"use {', '.join(TABLE_FORMATS)}"
        )
    if result_format == "table":
        return write_table(result).encode("utf-8")
    if result_format == "tsv":
        return write_tsv(result).encode("utf-8")
    if result_format == "csv" and result.type == "ASK":
        return b"true\r\n" if result.askAnswer else b"false\r\n"
    buffer = io.BytesIO()
    result.serialize(buffer, encoding="utf-8", format=result_format)
    data = buffer.getvalue()
    return data if data.endswith(b"\n") else data + b"\n"
