"""``/validate``: new assertions pasted or uploaded as Turtle, checked as ``kg validate`` checks
them, the report shown node by node. Nothing is written to the data folder: the text goes to a
temporary folder of its own for the length of the request (the readers take a file, and
messages name it as ``pasted.ttl`` or the uploaded file's name).
"""

import tempfile
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response

from kg.errors import KGError
from kg.graph.load import AssertionFile, our_prefixes, read_assertions
from kg.validation.incremental import validate_new_files
from kg.validation.validate import Outcome, summary
from kg.web.context import server_of
from kg.web.node_description import Reader, Value, data_quads
from kg.web.page_support import error_page, render

MAX_BYTES = 1024 * 1024
PASTED_NAME = "pasted.ttl"


class TooLarge(Exception):
    """A request body beyond MAX_BYTES."""


async def capped_form(request: Request, limit: int):
    """The request's form, refusing a body longer than ``limit`` bytes before reading it
    whole (the declared length first, then what actually arrives)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise TooLarge
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge
        chunks.append(chunk)
    body = b"".join(chunks)

    async def replay() -> dict:
        return {"type": "http.request", "body": body, "more_body": False}

    return await Request(request.scope, replay).form(max_part_size=limit)


def check(data_dir: Path, name: str, data: bytes) -> tuple[Outcome, list[AssertionFile]]:
    """What ``kg validate NAME`` reports for ``data``: the same readers and the same checks."""
    with tempfile.TemporaryDirectory(prefix="kg-validate-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            assertions = [read_assertions(path, allow_network=False, max_bytes=MAX_BYTES)]
            outcome = validate_new_files(assertions, data_dir)
        except KGError as error:
            raise KGError(str(error).replace(f"{folder}/", ""), error.exit_code) from error
    for node in outcome.nodes:
        node.file = node.file.replace(f"{folder}/", "")
    return outcome, assertions


def references(store: ox.Store, outcome: Outcome, files: list[AssertionFile]) -> dict:
    """For each reported node (as the report names it), the nodes already in the graph that
    its new triples refer to, with links to their pages."""
    prefixes = our_prefixes()
    reader = Reader(store, prefixes)
    found: dict[str, list[Value]] = {}
    for node in outcome.nodes:
        focus = expand(node.focus, prefixes)
        if focus is None:
            continue
        targets = {
            str(o)
            for assertion in files
            for o in assertion.graph.objects(URIRef(focus), None)
            if isinstance(o, URIRef)
        }
        known = [t for t in sorted(targets) if data_quads(store, ox.NamedNode(t))]
        found[node.focus] = [reader.value(ox.NamedNode(t)) for t in known]
    return found


def expand(shown: str, prefixes: dict[str, str]) -> str | None:
    """The IRI of a node as a report shows it (``<iri>`` or ``prefix:name``)."""
    if shown.startswith("<") and shown.endswith(">"):
        return shown[1:-1]
    prefix, colon, name = shown.partition(":")
    return prefixes[prefix] + name if colon and prefix in prefixes else None


def upload_name(upload: UploadFile) -> str:
    """A safe file name for an upload: its base name if it is Turtle, else ``pasted.ttl``."""
    name = Path(upload.filename or "").name
    return name if name.endswith(".ttl") and name.isprintable() else PASTED_NAME


async def validate(request: Request) -> Response:
    server = server_of(request)
    context = {
        "title": "Validate",
        "text": "",
        "outcome": None,
        "summary": "",
        "error": None,
        "limit": MAX_BYTES,
    }
    if request.method == "GET":
        return render(request, "validate.html", context)
    try:
        form = await capped_form(request, MAX_BYTES)
    except TooLarge:
        return error_page(
            request, 413, "Too large", f"Paste or upload at most {MAX_BYTES // 1024} KB."
        )
    upload = form.get("file")
    if isinstance(upload, UploadFile) and upload.filename:
        name, data = upload_name(upload), await upload.read()
    else:
        text = str(form.get("turtle") or "")
        context["text"] = text
        name, data = PASTED_NAME, text.encode("utf-8")
    try:
        outcome, files = await run_in_threadpool(check, server.live.data_dir, name, data)
    except KGError as error:
        context["error"] = str(error)
        return render(request, "validate.html", context, status=400)
    snapshot = await run_in_threadpool(server.live.current)
    context["references"] = await run_in_threadpool(references, snapshot.store, outcome, files)
    context["outcome"] = outcome
    context["summary"] = summary(outcome)
    return render(request, "validate.html", context)
