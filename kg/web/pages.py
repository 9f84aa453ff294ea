"""The pages for people: home (what the graph holds, search, saved queries, sources), search
results, the saved queries as forms, the query editor and the ontology's documentation."""

import json
from dataclasses import dataclass
from urllib.parse import urlencode

import pyoxigraph as ox
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from kg.errors import KGError
from kg.graph import stats
from kg.graph.load import our_prefixes
from kg.graph.namespaces import ONTOLOGY_GRAPH, SHAPES_GRAPH
from kg.graph.terms import short_form
from kg.pictures.chart import charts_of
from kg.pictures.draw_chart import draw_chart
from kg.sparql import catalogue
from kg.web import ontology_docs
from kg.web.context import Server, server_of
from kg.web.live_store import Snapshot
from kg.web.node_description import Reader, Value, href_of
from kg.web.page_support import not_found, render
from kg.web.sparql_routes import error_response, saved_query_job

MAX_SEARCH_RESULTS = 50
MAX_SOURCES_LISTED = 200
# Above this many persons, the person parameter is typed rather than picked from a list.
MAX_PERSONS_PICKED = 1000
DOWNLOAD_FORMATS = ("csv", "tsv", "json", "xml")
GRAPH_DOWNLOAD_FORMATS = ("ttl", "nt", "jsonld")

SOURCES = """
PREFIX nkd: <https://w3id.org/nkdefectors/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?doc (SAMPLE(?title) AS ?t) (SAMPLE(?issued) AS ?i)
WHERE { ?doc a nkd:SourceDocument OPTIONAL { ?doc dcterms:title ?title }
        OPTIONAL { ?doc dcterms:issued ?issued } }
GROUP BY ?doc ORDER BY DESC(?i) ?doc
"""
PERSONS = """
PREFIX nkd: <https://w3id.org/nkdefectors/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?person (SAMPLE(?name) AS ?n) WHERE { ?person a nkd:Person ; skos:prefLabel ?name }
GROUP BY ?person ORDER BY ?n ?person
"""
# Named things (persons, organisations, places) carry SKOS labels; facts only rdfs:label.
NAMES_CONTAINING = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?node ?name WHERE {{
  VALUES ?p {{ skos:prefLabel skos:altLabel }}
  GRAPH ?g {{ ?node ?p ?name }}
  FILTER (?g NOT IN (<{ontology}>, <{shapes}>))
  FILTER (CONTAINS(LCASE(STR(?name)), LCASE({text})))
}} LIMIT {limit}
"""


@dataclass
class Hit:
    node: Value
    names: list[str]


def union_query(snapshot: Snapshot, text: str):
    return snapshot.store.query(text, use_default_graph_as_union=True)


async def home(request: Request) -> Response:
    server = server_of(request)
    snapshot = await run_in_threadpool(server.live.current)
    counts = await run_in_threadpool(
        server.once, snapshot, "stats", lambda: stats.compute(snapshot.store)
    )
    sources = await run_in_threadpool(
        server.once, snapshot, "sources", lambda: list_sources(snapshot)
    )
    saved = await run_in_threadpool(saved_queries, server)
    return render(
        request,
        "home.html",
        {"title": "Home", "stats": counts, "sources": sources, "queries": saved},
    )


def list_sources(snapshot: Snapshot) -> list[tuple[Value, str]]:
    rows = []
    for row in union_query(snapshot, SOURCES):
        iri = row["doc"].value
        title = row["t"].value if row["t"] is not None else iri
        issued = row["i"].value if row["i"] is not None else ""
        rows.append((Value(title, href_of(iri)), issued))
        if len(rows) == MAX_SOURCES_LISTED:
            break
    return rows


def saved_queries(server: Server) -> list[tuple[catalogue.QueryText, list[catalogue.Parameter]]]:
    return [(prepared.text, prepared.parameters) for prepared in server.saved.all()]


async def search(request: Request) -> Response:
    server = server_of(request)
    text = request.query_params.get("q", "").strip()
    snapshot = await run_in_threadpool(server.live.current)
    hits = await run_in_threadpool(find_names, snapshot, text) if text else []
    return render(request, "search.html", {"title": f"Search: {text}", "q": text, "hits": hits})


def find_names(snapshot: Snapshot, text: str) -> list[Hit]:
    """Persons and other named nodes with a name that contains ``text``, or that is ``text``
    in another romanisation (the names index: "Lee Il-gyu" finds Ri Il-kyu)."""
    found: dict[str, set[str]] = {}
    for person in snapshot.names.persons_matching([text]):
        if person.startswith("<"):
            found.setdefault(person[1:-1], set())
    query = NAMES_CONTAINING.format(
        ontology=ONTOLOGY_GRAPH,
        shapes=SHAPES_GRAPH,
        text=str(ox.Literal(text)),
        limit=MAX_SEARCH_RESULTS * 4,
    )
    for row in snapshot.store.query(query):
        if isinstance(row["node"], ox.NamedNode):
            found.setdefault(row["node"].value, set()).add(row["name"].value)
    reader = Reader(snapshot.store, our_prefixes())
    hits = [Hit(reader.value(ox.NamedNode(iri)), sorted(names)) for iri, names in found.items()]
    hits.sort(key=lambda hit: (hit.node.text.lower(), hit.node.href or ""))
    return hits[:MAX_SEARCH_RESULTS]


async def queries(request: Request) -> Response:
    server = server_of(request)
    saved = await run_in_threadpool(saved_queries, server)
    return render(request, "queries.html", {"title": "Saved queries", "queries": saved})


def persons(snapshot: Snapshot) -> list[tuple[str, str]]:
    rows = []
    for row in union_query(snapshot, PERSONS):
        rows.append((row["person"].value, row["n"].value))
        if len(rows) > MAX_PERSONS_PICKED:
            return []
    return rows


async def saved_query(request: Request) -> Response:
    """A saved query as a form; with ``run`` in the query string, its answer as a table."""
    server = server_of(request)
    name = request.path_params["name"]
    snapshot = await run_in_threadpool(server.live.current)
    saved = dict(
        (text.name, (text, parameters))
        for text, parameters in await run_in_threadpool(saved_queries, server)
    )
    if name not in saved:
        return not_found(request, f"There is no saved query named {name!r}.")
    text, parameters = saved[name]
    values = {p.name: request.query_params.get(p.name, "") for p in parameters}
    context = {
        "title": name,
        "query": text,
        "parameters": parameters,
        "values": values,
        "persons": await run_in_threadpool(
            server.once, snapshot, "persons", lambda: persons(snapshot)
        ),
        "editor_link": "/query?" + urlencode({"query": text.text}),
        "short": lambda term: short_form(term, our_prefixes()),
        "table": None,
        "charts": [],
        "graph_text": None,
        "error": None,
    }
    if "run" in request.query_params:
        given = [(k, v) for k, v in values.items() if v.strip()]
        downloads = [
            (fmt, f"/sparql/{name}?" + urlencode([*given, ("format", fmt)]))
            for fmt in DOWNLOAD_FORMATS + GRAPH_DOWNLOAD_FORMATS
        ]
        try:
            job = await run_in_threadpool(
                saved_query_job,
                server,
                name,
                given,
                ("application/sparql-results+json", "text/turtle"),
            )
            answer = await run_in_threadpool(server.pool.run, job)
        except KGError as error:
            context["error"] = str(error)
            return render(request, "saved_query.html", context, error_response(error).status_code)
        if answer.media_type == "text/turtle":
            context["graph_text"] = answer.body.decode("utf-8")
            formats = GRAPH_DOWNLOAD_FORMATS
        else:
            document = json.loads(answer.body)
            context["table"] = results_table(document)
            context["charts"] = await run_in_threadpool(chart_images, document)
            formats = DOWNLOAD_FORMATS
        context["truncated"] = answer.truncated
        context["downloads"] = [d for d in downloads if d[0] in formats]
    return render(request, "saved_query.html", context)


def chart_images(document: dict) -> list[str]:
    """A bar chart of each column of numbers in the answer (see ``kg.pictures.chart``), as SVG
    to put in the page."""
    images = []
    for chart in charts_of(document):
        svg = draw_chart(chart).decode("utf-8")
        # Inline in the page: the XML prologue and doctype belong to a file, not to HTML.
        images.append(svg[svg.index("<svg") :])
    return images


def results_table(document: dict) -> dict:
    """SPARQL JSON results as a page shows them: variables, then rows of Values."""
    if "boolean" in document:
        return {"vars": [], "rows": [], "boolean": document["boolean"]}
    prefixes = our_prefixes()
    variables = document["head"]["vars"]

    def cell(term: dict | None) -> Value | None:
        if term is None:
            return None
        if term["type"] == "uri":
            iri = term["value"]
            shown = next(
                (f"{p}:{iri[len(ns) :]}" for p, ns in prefixes.items() if p and iri.startswith(ns)),
                iri,
            )
            return Value(shown, href_of(iri))
        note = f"@{term['xml:lang']}" if "xml:lang" in term else ""
        return Value(term["value"], None, note)

    rows = [
        [cell(binding.get(v)) for v in variables] for binding in document["results"]["bindings"]
    ]
    return {"vars": variables, "rows": rows}


async def editor(request: Request) -> Response:
    server = server_of(request)
    saved = await run_in_threadpool(saved_queries, server)
    prefixes = {p: ns for p, ns in sorted(our_prefixes().items()) if p}
    return render(
        request,
        "editor.html",
        {
            "title": "Query editor",
            "prefixes_json": json.dumps(prefixes),
            "queries": [(text, "/query?" + urlencode({"query": text.text})) for text, _ in saved],
        },
    )


async def ontology(request: Request) -> Response:
    server = server_of(request)
    snapshot = await run_in_threadpool(server.live.current)
    docs = await run_in_threadpool(
        server.once, snapshot, "ontology", lambda: ontology_docs.document(snapshot.store)
    )
    return render(request, "ontology.html", {"title": "Ontology", "docs": docs})
