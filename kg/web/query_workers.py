"""Queries run in worker processes that can be stopped.

A SPARQL query can take longer than anyone will wait (a cross product of every triple with
every triple), and Oxigraph gives no way to interrupt a query running in a thread. Each query
therefore runs in one of a few worker processes, each holding the store open read-only. The
thread that hands it over waits at most ``timeout`` seconds for the answer; past that, the
worker is killed by its PID (SIGKILL: it is only reading) and a fresh one takes its place, and
the caller gets ``QueryTimeout``.

Workers answer in bytes, already in the format asked for, so that nothing but the answer
crosses the pipe.
"""

import io
import itertools
import multiprocessing
import queue
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

import pyoxigraph as ox

from kg.errors import InputError, KGError
from kg.sparql.engine import Bindings, OxigraphEngine, names_its_graphs
from kg.sparql.results import answer_type, in_stable_order, rows_of, solutions, write_result

RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
# kg query's format names for the same media types: saved queries are written by its writers.
WRITER_NAMES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "text/turtle": "ttl",
    "application/n-triples": "nt",
    "application/ld+json": "jsonld",
}


READY = "ready"


class QueryTimeout(KGError):
    """A query stopped because it ran past the server's timeout."""


class NotAcceptable(KGError):
    """None of the formats the client accepts can carry the query's answer."""


@dataclass(frozen=True)
class Job:
    """One query to answer.

    ``accept`` lists the media types the client takes, best first (the result's form, table or
    graph, is known only once the query runs). A ``saved`` job is answered as ``kg query``
    answers it: its parameters bound the same way, rows in the same stable order, the same
    writers; another job is answered by Oxigraph's own writers, over the union of the graphs
    unless the query or the protocol names a dataset.
    """

    store: str
    query: str
    accept: tuple[str, ...]
    prefixes: Mapping[str, str] = field(default_factory=dict)
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    max_rows: int | None = None
    saved: bool = False
    ordered: bool = False
    bindings: Bindings = field(default_factory=dict)
    base_iri: str | None = None


@dataclass(frozen=True)
class Answer:
    """A query's answer: its media type, its bytes, and whether rows were cut at max_rows."""

    media_type: str
    body: bytes
    truncated: bool = False


def pick(accept: Sequence[str], offered: Sequence[str]) -> str:
    """The first media type in ``accept`` that is offered; ``*/*`` or nothing takes the first
    offered."""
    if not accept:
        return offered[0]
    for media_type in accept:
        if media_type in offered:
            return media_type
        if media_type in ("*/*", "application/*", "text/*"):
            family = media_type.split("/")[0]
            return next((o for o in offered if family == "*" or o.startswith(family)), offered[0])
    raise NotAcceptable(
        f"cannot answer in {', '.join(accept)}; this answer comes as {', '.join(offered)}"
    )


# --- In the worker process ---


def answer(store: ox.Store, job: Job) -> Answer:
    """Run ``job`` on ``store``: what a worker does with each job."""
    if job.saved:
        return answer_saved(store, job)
    graphs = dataset_of(job)
    try:
        result = store.query(
            job.query, prefixes=dict(job.prefixes), base_iri=job.base_iri, **graphs
        )
    except SyntaxError as error:
        raise InputError(f"query: syntax error: {' '.join(str(error).split())}") from error
    if isinstance(result, ox.QueryTriples):
        media_type = pick(job.accept, list(GRAPH_FORMATS))
        return Answer(media_type, result.serialize(format=GRAPH_FORMATS[media_type]))
    media_type = pick(job.accept, list(RESULT_FORMATS))
    if isinstance(result, ox.QuerySolutions) and job.max_rows is not None:
        return truncated_rows(result, job.max_rows, media_type)
    return Answer(media_type, result.serialize(format=RESULT_FORMATS[media_type]))


def dataset_of(job: Job) -> dict:
    """The query's dataset: the protocol's, else the query's FROM clauses, else the union."""
    if job.default_graphs is None and job.named_graphs is None:
        return {"use_default_graph_as_union": not names_its_graphs(job.query)}
    return {
        "default_graph": [ox.NamedNode(iri) for iri in job.default_graphs or ()],
        "named_graphs": [ox.NamedNode(iri) for iri in job.named_graphs or ()],
    }


def written(answer, writer: str, ordered: bool = True) -> bytes:
    """``answer`` in bytes, by the writers ``kg query`` uses (``writer`` is its format name)."""
    out = io.BytesIO()
    write_result(answer, writer, out, ordered)
    return out.getvalue()


def truncated_rows(answer: ox.QuerySolutions, max_rows: int, media_type: str) -> Answer:
    """At most ``max_rows`` rows, written by the writers ``kg query`` uses."""
    variables = [variable.value for variable in answer.variables]
    rows = [tuple(row) for row in itertools.islice(answer, max_rows + 1)]
    body = written(solutions(variables, rows[:max_rows]), WRITER_NAMES[media_type])
    return Answer(media_type, body, truncated=len(rows) > max_rows)


def answer_saved(store: ox.Store, job: Job) -> Answer:
    """A saved query's answer as ``kg query`` gives it: rows of a query without ORDER BY in
    the stable order, cut at ``max_rows`` after sorting."""
    result = OxigraphEngine(store, job.prefixes).answer(job.query, job.bindings)
    kind = answer_type(result)
    graph = kind in ("CONSTRUCT", "DESCRIBE")
    offered = [m for m in (GRAPH_FORMATS if graph else RESULT_FORMATS) if m in WRITER_NAMES]
    media_type = pick(job.accept, offered)
    truncated, ordered = False, job.ordered
    if job.max_rows is not None and kind == "SELECT":
        variables, rows = rows_of(result)
        if not ordered:
            rows, ordered = in_stable_order(rows), True
        truncated = len(rows) > job.max_rows
        result = solutions(variables, rows[: job.max_rows])
    return Answer(media_type, written(result, WRITER_NAMES[media_type], ordered), truncated)


def serve(connection: Connection) -> None:
    """A worker's loop: a job in, an answer (or the error to report) out, until the pipe
    closes."""
    stores: dict[str, ox.Store] = {}
    # Started and its modules imported: the time a query is given starts after this.
    connection.send(READY)
    while True:
        try:
            job = connection.recv()
        except EOFError:
            return
        try:
            if job.store not in stores:
                # One store at a time: the data changed and the old one will not be asked again.
                stores = {job.store: ox.Store.read_only(job.store)}
            connection.send(answer(stores[job.store], job))
        except KGError as error:
            connection.send(error)
        except Exception as error:  # an engine's failure becomes the request's error
            connection.send(KGError(f"{type(error).__name__}: {' '.join(str(error).split())}"))


# --- In the server ---


class Worker:
    """One worker process and the server's end of its pipe."""

    def __init__(self, context: multiprocessing.context.BaseContext):
        self.connection, child = context.Pipe()
        self.process = context.Process(target=serve, args=(child,), daemon=True)
        self.process.start()
        child.close()
        if self.connection.recv() != READY:
            raise KGError("a query worker process did not start")

    def stop(self) -> None:
        """Kill the process by its PID and reap it."""
        self.connection.close()
        self.process.kill()
        self.process.join()


class WorkerPool:
    """``size`` workers, started as they are first needed; ``run`` blocks its thread until
    a worker is free and has answered, or the timeout has passed."""

    def __init__(self, size: int, timeout: float):
        self.size = size
        self.timeout = timeout
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._started = 0
        self._lock = threading.Lock()
        self._all: set[Worker] = set()

    def _take(self) -> Worker:
        with self._lock:
            if self._idle.empty() and self._started < self.size:
                self._started += 1
                worker = Worker(self._context)
                self._all.add(worker)
                return worker
        return self._idle.get()

    def _replace(self, worker: Worker) -> None:
        worker.stop()
        with self._lock:
            self._all.discard(worker)
            self._started -= 1

    def run(self, job: Job) -> Answer:
        """The worker's answer to ``job``; raises the error it reports, or ``QueryTimeout``."""
        worker = self._take()
        try:
            worker.connection.send(job)
            if not worker.connection.poll(self.timeout):
                self._replace(worker)
                raise QueryTimeout(
                    f"the query ran past the server's limit of {self.timeout:g} s and was stopped"
                )
            reply = worker.connection.recv()
        except (EOFError, OSError) as error:
            self._replace(worker)
            raise KGError("the query's worker process ended unexpectedly") from error
        self._idle.put(worker)
        if isinstance(reply, BaseException):
            raise reply
        return reply

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            workers, self._all = list(self._all), set()
            self._started = 0
        for worker in workers:
            worker.stop()
