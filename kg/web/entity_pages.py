"""``/id/NAME``: a node's page for browsers, its description in RDF for other clients.

The path is the node's IRI under ``https://w3id.org/nkdefectors/id/``, so a w3id redirect to
a deployed server resolves every IRI the data mint.
"""

import pyoxigraph as ox
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from kg.errors import KGError
from kg.graph.load import our_prefixes
from kg.graph.namespaces import NK
from kg.graph.serialize import serialize_graph
from kg.pictures.network import kind_classes, typed
from kg.web import node_description
from kg.web.context import server_of
from kg.web.page_support import not_found, render
from kg.web.protocol import accepted

HTML_TYPES = ("text/html", "application/xhtml+xml")
RDF_TYPES = {"text/turtle": "ttl", "application/n-triples": "nt", "application/ld+json": "jsonld"}
# ?format= names a page's own formats.
PAGE_FORMATS = {
    "html": "text/html",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
}


def negotiate(request: Request) -> str:
    """HTML or one of RDF_TYPES: ``?format=``, else the first of the client's Accept that
    we serve; HTML when it accepts anything."""
    chosen = PAGE_FORMATS.get(request.query_params.get("format", ""))
    if chosen:
        return chosen
    for media_type in accepted(request.headers.get("accept", "")):
        if media_type in HTML_TYPES or media_type in ("*/*", "text/*"):
            return "text/html"
        if media_type in RDF_TYPES:
            return media_type
    return "text/html"


async def entity(request: Request) -> Response:
    server = server_of(request)
    iri = str(NK) + request.path_params["name"]
    try:
        media_type = negotiate(request)
    except KGError as error:
        return Response(f"{error}\n", 400, media_type="text/plain")
    try:
        ox.NamedNode(iri)
    except ValueError:
        # Spaces, angle brackets, quotes: no node of the graph can have such an IRI.
        if media_type in RDF_TYPES:
            return Response(f"not an IRI: {iri}\n", 404, media_type="text/plain")
        return not_found(request, f"{iri} is not an IRI: no node of the graph has it.")
    snapshot = await run_in_threadpool(server.live.current)
    vary = {"Vary": "Accept"}
    if media_type in RDF_TYPES:
        graph = await run_in_threadpool(node_description.description_graph, snapshot.store, iri)
        if len(graph) == 0:
            return Response(f"no node <{iri}> in the graph\n", 404, media_type="text/plain")
        body = serialize_graph(graph, RDF_TYPES[media_type])
        return Response(body, media_type=media_type, headers=vary)
    view = await run_in_threadpool(
        node_description.describe,
        snapshot.store,
        iri,
        server.fact_classes(snapshot),
        our_prefixes(),
    )
    if view is None:
        return not_found(request, f"There is no node <{iri}> in the graph.")
    # A person, mission, organisation or event is drawn with its neighbours (as /network).
    classes = server.once(snapshot, "kind_classes", lambda: kind_classes(snapshot.store))
    kind = (await run_in_threadpool(typed, snapshot.store, [iri], classes)).get(iri)
    response = render(request, "entity.html", {"node": view, "title": view.title, "kind": kind})
    response.headers.update(vary)
    return response
