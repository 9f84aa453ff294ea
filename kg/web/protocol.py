"""The SPARQL 1.1 Protocol, read-only: what a request asks, and what is refused before it runs.

A query comes as ``query=`` in a GET's query string or a form-encoded POST body, or as the
body of a POST of ``application/sparql-query``; ``default-graph-uri`` and ``named-graph-uri``
name its dataset. Updates are refused with 403; a query that would reach another server
(``SERVICE``) or an update that would fetch (``LOAD``) with 400: the server answers from the
graph on disk and never reaches out.
"""

import re
import threading
from dataclasses import dataclass

from pyparsing import ParseException
from rdflib.plugins.sparql.parser import parseUpdate

from kg.errors import InputError, RefusedError, UsageError
from kg.sparql.engine import SPARQL_TOKENS

QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
FORM_TYPE = "application/x-www-form-urlencoded"
# Format names a link can carry (?format=csv) where it cannot set Accept.
FORMAT_NAMES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
# Other names clients send for the same formats.
MEDIA_TYPE_ALIASES = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "text/plain": "application/n-triples",
    "application/x-turtle": "text/turtle",
    "application/json+ld": "application/ld+json",
}
# rdflib's SPARQL grammar (pyparsing) keeps state while it parses: two threads parsing at once
# break each other's parse. Every parse the server does holds this lock.
PARSER_LOCK = threading.Lock()
# SERVICE as a keyword: not inside a string, an IRI, a comment or a prefixed name.
SERVICE_KEYWORD = re.compile(r"(?<![\w:.-])SERVICE(?![\w:.-])", re.IGNORECASE)


class Forbidden(RefusedError):
    """A request to change the graph: 403."""


@dataclass(frozen=True)
class ProtocolRequest:
    """What a SPARQL Protocol request asks for (``query`` is None: the service description)."""

    query: str | None
    default_graphs: tuple[str, ...] | None
    named_graphs: tuple[str, ...] | None


def read_request(
    method: str, content_type: str, params: list[tuple[str, str]], body: bytes
) -> ProtocolRequest:
    """The query and dataset of a request; ``params`` are the query string's pairs, and a
    form's when the body is one."""
    media_type, _, options = content_type.partition(";")
    media_type = media_type.strip().lower()
    charset = re.search(r"charset\s*=\s*\"?([\w-]+)", options, re.IGNORECASE)
    if charset and charset.group(1).lower() not in ("utf-8", "utf8"):
        raise InputError(f"the request must be UTF-8, not {charset.group(1)}")
    if media_type == UPDATE_TYPE or any(
        name in ("update", "using-graph-uri") for name, _ in params
    ):
        raise Forbidden("this endpoint is read-only: SPARQL updates are refused")
    queries = [value for name, value in params if name == "query"]
    if method == "POST" and media_type == QUERY_TYPE:
        if queries:
            raise UsageError("a POST of application/sparql-query carries its query in the body")
        try:
            queries = [body.decode("utf-8")]
        except UnicodeDecodeError as error:
            raise InputError("the query is not UTF-8 text") from error
    elif method == "POST" and media_type != FORM_TYPE:
        raise UsageError(
            f"a POST must be {FORM_TYPE} or {QUERY_TYPE}, not {media_type or 'without a type'}"
        )
    if len(queries) > 1:
        raise UsageError("give one query, not several")
    defaults = tuple(value for name, value in params if name == "default-graph-uri")
    named = tuple(value for name, value in params if name == "named-graph-uri")
    given = bool(defaults or named)
    query = queries[0] if queries else None
    if query is not None:
        check_read_only(query)
    return ProtocolRequest(query, defaults if given else None, named if given else None)


def check_read_only(query: str) -> None:
    """Refuse a query that would reach another server. Updates are found when the query fails
    to parse as a query (``classify_failure``); SERVICE is found here, before it runs."""
    bare = SPARQL_TOKENS.sub(" ", query)
    if SERVICE_KEYWORD.search(bare):
        raise RefusedError(
            "SERVICE would query another endpoint over the network; this endpoint answers "
            "from its own graph only"
        )


def classify_failure(query: str, error: InputError) -> InputError:
    """What a query that does not parse really is: an update (refused), a LOAD (refused: it
    would fetch), or a syntax error."""
    try:
        with PARSER_LOCK:
            update = parseUpdate(query)
    except (ParseException, RecursionError):
        return error
    if any(part.name == "Load" for part in update.request):
        return RefusedError(
            "LOAD would fetch a document from the network; this endpoint is read-only"
        )
    return Forbidden("this endpoint is read-only: SPARQL updates are refused")


def accepted(accept_header: str, format_name: str | None = None) -> tuple[str, ...]:
    """The media types the client takes, best first: ``format=`` wins, then ``Accept`` by
    quality (ties in the order written)."""
    if format_name:
        if format_name not in FORMAT_NAMES:
            raise UsageError(f"format={format_name}: use one of {', '.join(FORMAT_NAMES)}")
        return (FORMAT_NAMES[format_name],)
    ranked = []
    for position, part in enumerate(accept_header.split(",")):
        media_type, *options = (piece.strip() for piece in part.split(";"))
        if not media_type:
            continue
        quality = 1.0
        for option in options:
            key, _, value = option.partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            media_type = media_type.lower()
            ranked.append((-quality, position, MEDIA_TYPE_ALIASES.get(media_type, media_type)))
    return tuple(media_type for _, _, media_type in sorted(ranked))
