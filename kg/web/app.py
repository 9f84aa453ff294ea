"""The web application: its routes in one list, and the headers every answer carries.

``create_app`` is what ``kg serve`` runs and what the tests drive. Other pages join by
passing their routes as ``extra_routes`` (or by adding them to ``ROUTES``); they share the
base template ``base.html`` and the live store through ``kg.web.context.server_of``.
"""

import contextlib
from collections.abc import Sequence
from pathlib import Path

from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Receive, Scope, Send

from kg.web import entity_pages, pages, pictures, validate_page
from kg.web.context import STATIC_DIR, TEMPLATES_DIR, Server
from kg.web.live_store import LiveStore
from kg.web.query_workers import WorkerPool
from kg.web.sparql_routes import saved_query_endpoint, sparql_endpoint

DEFAULT_TIMEOUT = 30.0
DEFAULT_WORKERS = 2

ROUTES: list[BaseRoute] = [
    Route("/", pages.home, name="home"),
    Route("/search", pages.search, name="search"),
    Route("/sparql", sparql_endpoint, methods=["GET", "POST"], name="sparql"),
    Route("/sparql/{name}", saved_query_endpoint, name="sparql_saved"),
    Route("/id/{name:path}", entity_pages.entity, name="entity"),
    Route("/ontology", pages.ontology, name="ontology"),
    Route("/queries", pages.queries, name="queries"),
    Route("/queries/{name}", pages.saved_query, name="saved_query"),
    Route("/query", pages.editor, name="editor"),
    Route("/validate", validate_page.validate, methods=["GET", "POST"], name="validate"),
    *pictures.routes,
    Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
]

# Every script and stylesheet is served from /static; YASGUI sets styles inline and shows
# result images as data: URLs. Nothing is fetched from elsewhere, and no page may frame ours.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


class SecurityHeaders:
    """Adds ``SECURITY_HEADERS`` to every response."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


class SparqlCors:
    """CORS for the endpoint only, as public endpoints allow it: any origin may GET and POST
    queries (nothing there changes or reveals more than a GET does). Pages are not shared."""

    def __init__(self, app: ASGIApp):
        self.app = app
        self.cors = CORSMiddleware(
            app,
            allow_origins=["*"],
            allow_methods=["GET", "POST"],
            allow_headers=["Accept", "Content-Type"],
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] == "http" and (path == "/sparql" or path.startswith("/sparql/")):
            await self.cors(scope, receive, send)
        else:
            await self.app(scope, receive, send)


def create_app(
    data_dir: Path,
    timeout: float = DEFAULT_TIMEOUT,
    max_rows: int | None = None,
    workers: int = DEFAULT_WORKERS,
    extra_routes: Sequence[BaseRoute] = (),
) -> Starlette:
    """The application serving the graph of ``data_dir``, read-only."""
    server = Server(
        live=LiveStore(data_dir),
        pool=WorkerPool(workers, timeout),
        timeout=timeout,
        max_rows=max_rows,
        templates=Jinja2Templates(directory=TEMPLATES_DIR),
    )

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        yield
        server.pool.close()

    app = Starlette(
        routes=[*extra_routes, *ROUTES],
        middleware=[Middleware(SecurityHeaders), Middleware(SparqlCors)],
        lifespan=lifespan,
    )
    app.state.server = server
    return app
