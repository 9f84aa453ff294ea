"""``/sparql`` (the SPARQL 1.1 Protocol) and ``/sparql/NAME`` (a saved query by name)."""

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from kg.errors import InputError, KGError, RefusedError, UsageError
from kg.graph.load import our_prefixes
from kg.graph.serialize import serialize_graph
from kg.sparql import catalogue
from kg.web.context import Server, server_of
from kg.web.protocol import Forbidden, accepted, classify_failure, read_request
from kg.web.query_workers import Answer, Job, NotAcceptable, QueryTimeout

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS_IRI = "http://www.w3.org/ns/formats/"
MAX_QUERY_BYTES = 1024 * 1024


def error_response(error: KGError) -> Response:
    """The status a protocol client expects for each kind of failure, with one line of text."""
    if isinstance(error, Forbidden):
        status = 403
    elif isinstance(error, QueryTimeout):
        status = 503
    elif isinstance(error, NotAcceptable):
        status = 406
    elif isinstance(error, InputError | UsageError | RefusedError):
        status = 400
    else:
        status = 500
    return Response(f"{error}\n", status_code=status, media_type="text/plain")


def answer_response(answer: Answer) -> Response:
    headers = {"X-KG-Truncated": "true"} if answer.truncated else {}
    return Response(answer.body, media_type=answer.media_type, headers=headers)


async def sparql_endpoint(request: Request) -> Response:
    """GET or POST a query; a GET without one gets the service description."""
    server = server_of(request)
    body = await request.body()
    if len(body) > MAX_QUERY_BYTES:
        return Response("the request body is too large\n", 413, media_type="text/plain")
    params = list(request.query_params.multi_items())
    content_type = request.headers.get("content-type", "")
    if request.method == "POST" and content_type.split(";")[0].strip().lower() == (
        "application/x-www-form-urlencoded"
    ):
        form = await request.form()
        params += [(name, str(value)) for name, value in form.multi_items()]
    try:
        asked = read_request(request.method, content_type, params, body)
        accept = accepted(request.headers.get("accept", ""), request.query_params.get("format"))
        if asked.query is None:
            if request.method == "POST":
                raise UsageError("no query given")
            return service_description(str(request.url_for("sparql")), accept)
        snapshot = await run_in_threadpool(server.live.current)
        job = Job(
            store=str(snapshot.path),
            query=asked.query,
            accept=accept,
            prefixes=our_prefixes(),
            default_graphs=asked.default_graphs,
            named_graphs=asked.named_graphs,
            max_rows=server.max_rows,
            # Relative IRIs in a query resolve against the endpoint's own address.
            base_iri=str(request.url_for("sparql")),
        )
        try:
            answer = await run_in_threadpool(server.pool.run, job)
        except InputError as error:
            raise classify_failure(asked.query, error) from error
    except KGError as error:
        return error_response(error)
    return answer_response(answer)


def service_description(endpoint: str, accept: tuple[str, ...]) -> Response:
    """A SPARQL 1.1 Service Description of this endpoint, in Turtle or another RDF format."""
    sd = {
        name: URIRef(SD + name)
        for name in (
            "Service",
            "endpoint",
            "supportedLanguage",
            "SPARQL11Query",
            "resultFormat",
            "feature",
            "UnionDefaultGraph",
            "BasicFederatedQuery",
        )
    }
    graph = Graph()
    graph.bind("sd", SD)
    service = URIRef(endpoint)
    graph.add((service, RDF.type, sd["Service"]))
    graph.add((service, sd["endpoint"], service))
    graph.add((service, sd["supportedLanguage"], sd["SPARQL11Query"]))
    graph.add((service, sd["feature"], sd["UnionDefaultGraph"]))
    for name in (
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "JSON-LD",
        "RDF_XML",
    ):
        graph.add((service, sd["resultFormat"], URIRef(FORMATS_IRI + name)))
    graph.add(
        (
            service,
            URIRef("http://purl.org/dc/terms/title"),
            Literal("North Korean defectors knowledge graph (read-only)", lang="en"),
        )
    )
    offered = {"text/turtle": "ttl", "application/n-triples": "nt", "application/ld+json": "jsonld"}
    media_type = next((m for m in accept if m in offered), "text/turtle")
    return Response(serialize_graph(graph, offered[media_type]), media_type=media_type)


async def saved_query_endpoint(request: Request) -> Response:
    """``/sparql/NAME?param=value…``: a saved query, its parameters bound as ``kg query --param``
    binds them, answered with ``kg query``'s rows in the format asked for."""
    server = server_of(request)
    name = request.path_params["name"]
    try:
        accept = accepted(request.headers.get("accept", ""), request.query_params.get("format"))
        params = [(k, v) for k, v in request.query_params.multi_items() if k != "format"]
        job = await run_in_threadpool(saved_query_job, server, name, params, accept)
        answer = await run_in_threadpool(server.pool.run, job)
    except KGError as error:
        status_error = error_response(error)
        if isinstance(error, UsageError) and "no saved query named" in str(error):
            status_error.status_code = 404
        return status_error
    return answer_response(answer)


def saved_query_job(
    server: Server, name: str, params: list[tuple[str, str]], accept: tuple[str, ...]
) -> Job:
    """The job of a saved query with ``params`` bound as ``kg query --param NAME=VALUE``
    binds them; an empty value (a form's empty input) is no value."""
    prepared = server.saved.get(name)
    assignments = [f"{key}={value}" for key, value in params if value.strip()]
    bindings = catalogue.bind(prepared.text, assignments)
    snapshot = server.live.current()
    return Job(
        store=str(snapshot.path),
        query=prepared.run.text,
        accept=accept,
        prefixes=our_prefixes(),
        max_rows=server.max_rows,
        saved=True,
        ordered=prepared.ordered,
        bindings=bindings,
    )
