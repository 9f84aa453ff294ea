"""The pictures in the browser: ``/timeline`` (filtered by person, source and period),
``/network?focus=…``, ``/model``, and the JSON each page draws from.

``routes`` are among the ``kg serve`` application's routes. The pages read the server's live
store (``kg.web.context``) through the same functions as ``kg draw``, and extend the site's
base template; the scripts that draw them in the browser are vendored under
``static/vendor`` (see its README), never fetched from a CDN.
"""

from datetime import datetime
from functools import lru_cache

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from kg.errors import KGError, UsageError
from kg.graph import paths
from kg.pictures.draw_graph import draw_model
from kg.pictures.model import model
from kg.pictures.network import Network, network
from kg.pictures.read import expand, local_name, source_names
from kg.pictures.timeline import NO_PERSON, Timeline, When, people, timeline
from kg.web.context import server_of
from kg.web.page_support import render

# The id of the lane of events about no person, where an IRI is the id of a person's lane.
NO_PERSON_GROUP = "no-person"


def store_of(request: Request) -> ox.Store:
    """The store the server answers from, as the data are now."""
    return server_of(request).live.current().store


def bad_request(error: KGError) -> JSONResponse:
    return JSONResponse({"error": str(error)}, status_code=400)


def period_of(request: Request) -> tuple[int, int] | None:
    """The years ``from`` and ``to`` of the query string (either may be left out)."""
    first, last = request.query_params.get("from", ""), request.query_params.get("to", "")
    if not first and not last:
        return None
    try:
        return int(first or 1), int(last or 9999)
    except ValueError as error:
        raise UsageError(f"from/to: years are whole numbers, not {first!r}, {last!r}") from error


def when_json(when: When) -> dict:
    return {
        "label": when.label,
        "precision": when.precision,
        "approximation": when.approximation,
    }


def iso(moment: datetime) -> str:
    return moment.isoformat()


def timeline_json(drawn: Timeline) -> dict:
    """The timeline as vis-timeline's groups and items, with what the page shows on a click."""
    # The lanes of dated marks only: a person with only undated events is in the list below.
    drawn_lanes = {e.lane for e in drawn.events} | {p.lane for p in drawn.postings}
    groups = [
        {"id": lane.iri or NO_PERSON_GROUP, "content": lane.label, "order": index}
        for index, lane in enumerate(drawn.lanes)
        if lane.iri in drawn_lanes
    ]

    def group(lane: str) -> str:
        return lane if lane != NO_PERSON else NO_PERSON_GROUP

    items = []
    for event in drawn.events:
        kind = event.kind.replace(" ", "-")
        items.append(
            {
                "id": event.iri,
                "group": group(event.lane),
                "content": event.kind,
                "start": iso(event.when.start),
                **({} if event.when.is_point else {"end": iso(event.when.end)}),
                "type": "point" if event.when.is_point else "range",
                "className": " ".join(
                    ["event", f"kind-{kind}", f"ev-{event.name}"]
                    + (["approximate"] if event.when.approximation else [])
                ),
                "title": f"{event.label} ({event.when.label})",
                "label": event.label,
                "kind": event.kind,
                "when": when_json(event.when),
                "quotations": list(event.quotations),
                "source": event.source,
            }
        )
    for posting in drawn.postings:
        begins = posting.begins.start if posting.begins else None
        ends = posting.ends.end if posting.ends else None
        items.append(
            {
                "id": f"posting:{posting.iri}",
                "group": group(posting.lane),
                # Shown on hover: a band's text would run over the events in its lane.
                "content": "",
                "start": iso(begins or ends.replace(year=ends.year - 1)),
                "end": iso(ends or begins.replace(year=begins.year + 1)),
                "type": "background",
                "className": "posting" + ("" if begins and ends else " open"),
                "title": posting.label,
            }
        )
    for gap in drawn.gaps:
        months = (gap.end.year - gap.start.year) * 12 + gap.end.month - gap.start.month
        items.append(
            {
                "id": f"gap:{gap.defection}",
                "group": group(gap.lane),
                "content": f"{months} months before made public",
                "start": iso(gap.start),
                "end": iso(gap.end),
                "type": "range",
                "className": "gap",
                "title": f"{local_name(gap.defection)}: first made public by "
                f"{local_name(gap.disclosure)}",
            }
        )
    return {
        "groups": groups,
        "items": items,
        "undated": [
            {"id": u.iri, "label": u.label, "kind": u.kind, "approximateTime": u.approximate_time}
            for u in drawn.undated
        ],
        "shown": len(drawn.events),
        "total": drawn.total,
        "sampled": drawn.sampled,
        "filters": drawn.filters,
    }


def timeline_data(request: Request) -> Response:
    params = request.query_params
    try:
        store = store_of(request)
        person = params.get("person") or None
        drawn = timeline(
            store,
            source=params.get("source") or None,
            person=expand(person) if person else None,
            period=period_of(request),
        )
    except KGError as error:
        return bad_request(error)
    return JSONResponse(timeline_json(drawn))


def network_json(drawn: Network) -> dict:
    return {
        "nodes": [
            {"id": n.iri, "label": n.label, "kind": n.kind, "group": n.kind} for n in drawn.nodes
        ],
        "edges": [
            {"from": e.source, "to": e.target, "label": e.label, "kind": e.kind}
            for e in drawn.edges
        ],
        "focus": drawn.focus,
        "shown": len(drawn.nodes),
        "total": drawn.total,
        "sampled": drawn.sampled,
    }


def network_data(request: Request) -> Response:
    focus = request.query_params.get("focus") or None
    try:
        drawn = network(store_of(request), expand(focus) if focus else None)
    except KGError as error:
        return bad_request(error)
    return JSONResponse(network_json(drawn))


def timeline_page(request: Request) -> Response:
    store = store_of(request)
    return render(
        request,
        "pictures/timeline.html",
        {
            "people": [(lane.iri, lane.label) for lane in people(store)],
            "sources": source_names(store),
            "params": dict(request.query_params),
        },
    )


def network_page(request: Request) -> Response:
    return render(
        request, "pictures/network.html", {"focus": request.query_params.get("focus", "")}
    )


@lru_cache(maxsize=1)
def model_svg(ontology_mtime: float) -> str:
    """The model's SVG, drawn again only when the ontology file changes."""
    svg = draw_model(model(), "svg").decode("utf-8")
    # Inline in the page: the XML prologue and doctype belong to a file, not to HTML.
    return svg[svg.index("<svg") :]


def current_model_svg() -> str:
    return model_svg((paths.ONTOLOGY_DIR / "nkd.ttl").stat().st_mtime)


def model_page(request: Request) -> Response:
    drawn = model()
    return render(
        request,
        "pictures/model.html",
        {"svg": current_model_svg(), "classes": len(drawn.classes)},
    )


def model_data(request: Request) -> Response:
    drawn = model()
    return JSONResponse(
        {
            "classes": [
                {
                    "name": c.name,
                    "label": c.label,
                    "refines": list(c.refines),
                    "attributes": [list(a) for a in c.attributes],
                }
                for c in drawn.classes
            ],
            "links": [{"name": x.name, "domain": x.domain, "range": x.range} for x in drawn.links],
            "standard": drawn.standard,
        }
    )


def model_file(request: Request) -> Response:
    return Response(draw_model(model(), "svg"), media_type="image/svg+xml")


routes = [
    Route("/timeline", timeline_page, name="timeline"),
    Route("/timeline.json", timeline_data, name="timeline_json"),
    Route("/network", network_page, name="network"),
    Route("/network.json", network_data, name="network_json"),
    Route("/model", model_page, name="model"),
    Route("/model.json", model_data, name="model_json"),
    Route("/model.svg", model_file, name="model_svg"),
]
