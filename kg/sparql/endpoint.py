"""Talking to a remote triple store: the SPARQL 1.1 Protocol for queries, and the HTTP
plumbing (authentication, bounded retries, one-line errors) that ``kg push`` shares.

Queries go out as GET while they are short and as form-encoded POST otherwise, never as a
POST with ``Content-Type: application/sparql-query``: Virtuoso 7 never answers that one.
Answers come back as an rdflib ``Result``, so the writers that format embedded results format
remote ones the same way.
"""

import errno
import re
from collections.abc import Mapping
from io import BytesIO
from urllib.parse import urlencode, urlsplit

import requests
from pyparsing import ParseException
from rdflib import Graph, Variable
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.query import Result
from rdflib.term import Node
from requests.adapters import HTTPAdapter
from requests.auth import HTTPBasicAuth, HTTPDigestAuth
from urllib3.exceptions import ReadTimeoutError
from urllib3.util.retry import Retry

from kg.errors import EXIT_BAD_INPUT, InputError, KGError
from kg.graph.namespaces import bind_prefixes
from kg.graph.terms import to_rdflib

DEFAULT_TIMEOUT = 60.0
DEFAULT_RETRIES = 2
# Longer query strings go in a POST body: URLs past a few kB are cut by servers and proxies.
MAX_GET_QUERY_LENGTH = 2000

SELECT_ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.8"
# Virtuoso answers a CONSTRUCT with JSON results when JSON is acceptable: ask for RDF only.
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"

RESULT_FORMATS = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
}
GRAPH_FORMATS = {
    "application/n-triples": "nt",
    "text/plain": "nt",
    "text/turtle": "turtle",
    "application/rdf+xml": "xml",
}


class StoreError(KGError):
    """A store that cannot be reached, refuses the credentials or rejects a request."""

    exit_code = EXIT_BAD_INPUT


def store_name(url: str) -> str:
    """The scheme, host and port of ``url``: how messages name a store."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def open_session(
    user: str | None = None,
    password: str | None = None,
    auth: str = "basic",
    retries: int = DEFAULT_RETRIES,
) -> requests.Session:
    """An HTTP session with the given credentials that retries refused or failed connections.

    Only connection attempts are retried (nothing was sent, so a retry cannot apply an
    update twice); a store that answers with an error is not asked again.
    """
    session = requests.Session()
    retry = Retry(
        total=retries,
        connect=retries,
        read=0,
        status=0,
        other=0,
        backoff_factor=0.2,
        allowed_methods=None,
        raise_on_status=False,
    )
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.trust_env = False
    if user is not None:
        if auth == "digest":
            session.auth = HTTPDigestAuth(user, password or "")
        elif auth == "basic":
            session.auth = HTTPBasicAuth(user, password or "")
        else:
            raise InputError(f"unknown authentication scheme {auth!r}: use basic or digest")
    return session


def _causes(error: BaseException) -> list[BaseException]:
    """The error and everything it wraps (urllib3 nests its reasons several levels deep)."""
    seen: list[BaseException] = []
    stack = [error]
    while stack:
        current = stack.pop()
        if any(current is known for known in seen):
            continue
        seen.append(current)
        for nested in (getattr(current, "reason", None), current.__cause__, current.__context__):
            if isinstance(nested, BaseException):
                stack.append(nested)
        stack.extend(arg for arg in current.args if isinstance(arg, BaseException))
    return seen


def _connection_reason(error: BaseException) -> str:
    """The operating system's words for why a connection failed, without urllib3's wrapping."""
    for cause in _causes(error):
        if isinstance(cause, OSError) and cause.errno is not None:
            if cause.errno == errno.ECONNREFUSED:
                return "connection refused"
            return cause.strerror or str(cause)
    return " ".join(str(error).split())


def send(
    session: requests.Session,
    method: str,
    url: str,
    timeout: float = DEFAULT_TIMEOUT,
    tolerate: tuple[int, ...] = (),
    **kwargs,
) -> requests.Response:
    """Send one request; any failure becomes a ``StoreError`` with one readable line.

    Status codes in ``tolerate`` are returned rather than raised. Messages name the URL
    without its query string, which may hold a whole SPARQL query.
    """
    shown = urlsplit(url)._replace(query="").geturl()
    try:
        response = session.request(method, url, timeout=timeout, **kwargs)
    except requests.exceptions.ConnectTimeout as error:
        raise StoreError(f"cannot connect to {shown}: no answer within {timeout:g} s") from error
    except requests.exceptions.ConnectionError as error:
        # With retries configured, a read timeout reaches requests as a connection error.
        if any(isinstance(cause, ReadTimeoutError) for cause in _causes(error)):
            raise StoreError(f"{shown}: no answer within {timeout:g} s") from error
        raise StoreError(f"cannot connect to {shown}: {_connection_reason(error)}") from error
    except requests.exceptions.Timeout as error:
        raise StoreError(f"{shown}: no answer within {timeout:g} s") from error
    except requests.exceptions.RequestException as error:
        raise StoreError(f"{shown}: {' '.join(str(error).split())}") from error
    if response.status_code in tolerate:
        return response
    if response.status_code in (401, 403):
        who = "wrong user or password" if session.auth else "the store needs --user"
        raise StoreError(
            f"{store_name(url)} refused the request: HTTP {response.status_code} "
            f"{response.reason} ({who})"
        )
    if response.status_code >= 400:
        raise StoreError(
            f"{shown}: HTTP {response.status_code} {response.reason}: {_first_line(response)}"
        )
    return response


def _first_line(response: requests.Response) -> str:
    """The first non-blank line of an error body: stores put their message there."""
    for line in response.text.splitlines():
        if line.strip():
            return line.strip()[:300]
    return "(no message)"


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE, as rdflib's parser reads the query."""
    try:
        parsed = parseQuery(sparql)
    except ParseException as error:
        raise InputError(f"query:{error.lineno}:{error.col}: syntax error: {error.msg}") from error
    return parsed[1].name.removesuffix("Query").upper()


def declare_prefixes(sparql: str) -> str:
    """The query with the project's prefixes declared first, for inline queries that use them
    undeclared; a store knows none of them. A later PREFIX of the query's own wins."""
    graph = Graph(bind_namespaces="none")
    bind_prefixes(graph)
    declarations = "".join(
        f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in sorted(graph.namespaces())
    )
    return declarations + sparql


def _group_openings(sparql: str) -> list[int]:
    """Offsets of the ``{`` that open the query's top-level groups, skipping comments,
    strings and IRIs (a brace inside them opens nothing)."""
    openings, depth, index, length = [], 0, 0, len(sparql)
    while index < length:
        char = sparql[index]
        if char == "#":
            newline = sparql.find("\n", index)
            index = length if newline < 0 else newline
        elif char in "\"'":
            quote = char * 3 if sparql.startswith(char * 3, index) else char
            index += len(quote)
            while index < length and not sparql.startswith(quote, index):
                index += 2 if sparql[index] == "\\" else 1
            index += len(quote) - 1
        elif char == "<" and re.match(r"<[^<>\"{}|^`\\\s]*>", sparql[index:]):
            index = sparql.index(">", index)
        elif char == "{":
            if depth == 0:
                openings.append(index)
            depth += 1
        elif char == "}":
            depth -= 1
        index += 1
    return openings


def with_values(sparql: str, bindings: Mapping[Variable, Node]) -> str:
    """The query with its parameters fixed by an inline VALUES block at the head of the WHERE
    group: the same join rdflib's ``initBindings`` makes, in text any store can run."""
    if not bindings:
        return sparql
    openings = _group_openings(sparql)
    # A CONSTRUCT's first group is its template; its pattern is the second (if there is one).
    where = openings[1] if query_form(sparql) == "CONSTRUCT" and len(openings) > 1 else openings[0]
    names = sorted(bindings, key=str)
    block = (
        " VALUES ("
        + " ".join(f"?{name}" for name in names)
        + ") { ("
        + " ".join(to_rdflib(bindings[name]).n3() for name in names)
        + ") } "
    )
    return sparql[: where + 1] + block + sparql[where + 1 :]


def _media_type(response: requests.Response) -> str:
    return response.headers.get("Content-Type", "").split(";")[0].strip().lower()


def run_query(
    endpoint: str,
    sparql: str,
    bindings: Mapping[Variable, Node] | None = None,
    session: requests.Session | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Result:
    """Run ``sparql`` at a SPARQL 1.1 Protocol ``endpoint`` and return its answer as a Result;
    ``bindings`` fix parameters (variable -> term) as the embedded engine's would."""
    session = session or open_session()
    form = query_form(sparql)
    sparql = with_values(sparql, bindings or {})
    accept = GRAPH_ACCEPT if form in ("CONSTRUCT", "DESCRIBE") else SELECT_ACCEPT
    headers = {"Accept": accept}
    encoded = urlencode({"query": sparql})
    if len(encoded) <= MAX_GET_QUERY_LENGTH:
        separator = "&" if "?" in endpoint else "?"
        response = send(session, "GET", endpoint + separator + encoded, timeout, headers=headers)
    else:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        response = send(session, "POST", endpoint, timeout, headers=headers, data=encoded)
    media_type = _media_type(response)
    if form in ("CONSTRUCT", "DESCRIBE"):
        rdf_format = GRAPH_FORMATS.get(media_type)
        if rdf_format is None:
            raise StoreError(f"{endpoint}: answered a {form} with {media_type or 'no type'}")
        result = Result(form)
        result.graph = Graph()
        try:
            result.graph.parse(data=response.content, format=rdf_format)
        except Exception as error:  # rdflib's parsers raise many unrelated exception types
            raise StoreError(f"{endpoint}: unreadable {media_type} answer: {error}") from error
        return result
    result_format = RESULT_FORMATS.get(media_type)
    if result_format is None:
        raise StoreError(f"{endpoint}: answered a {form} with {media_type or 'no type'}")
    try:
        return Result.parse(BytesIO(response.content), format=result_format)
    except Exception as error:  # a malformed answer, whatever the parser's exception
        raise StoreError(f"{endpoint}: unreadable {media_type} answer: {error}") from error
