"""``kg push``: load the graph into a running triple store over the SPARQL 1.1 Graph Store
HTTP Protocol, one PUT per named graph, and check that the store holds what was sent.

Order of work, so that a failed push leaves the store as it was: validate the whole graph
against the shapes (nothing is sent if a graph violates them), then ask the store for a cheap
authenticated no-op (wrong password or dead port stop here), then PUT each graph (a PUT
replaces the graph, so pushing twice never duplicates), then count the triples of each graph
in the store.
"""

import os
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

import click
import requests
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, SH

from kg.errors import EXIT_VIOLATION, InputError, KGError
from kg.graph.load import data_and_ontology, load_dataset
from kg.graph.namespaces import INFERRED_GRAPH, ONTOLOGY_GRAPH, SHAPES_GRAPH, keep_lexical_forms
from kg.progress import progress_bar, watched
from kg.sparql.endpoint import (
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    open_session,
    run_query,
    send,
    store_name,
)

PASSWORD_VARIABLE = "KG_STORE_PASSWORD"


@dataclass(frozen=True)
class StoreURLs:
    """Where a store takes graphs (Graph Store Protocol), queries and updates."""

    gsp: str
    query: str
    update: str | None


# Paths below the --store URL. For Fuseki --store is the dataset (http://host:3030/NAME), for
# GraphDB the repository (http://host:7200/repositories/NAME).
FLAVOURS: dict[str, tuple[str, str, str]] = {
    "oxigraph": ("/store", "/query", "/update"),
    "virtuoso": ("/sparql-graph-crud-auth", "/sparql", "/sparql-auth"),
    "fuseki": ("/data", "/query", "/update"),
    "graphdb": ("/rdf-graphs/service", "", "/statements"),
}
# Virtuoso's authenticated endpoints accept digest authentication only.
DEFAULT_AUTH = {"virtuoso": "digest"}


def store_urls(
    store: str | None,
    flavour: str,
    gsp_url: str | None = None,
    query_url: str | None = None,
    update_url: str | None = None,
) -> StoreURLs:
    """The store's endpoints: explicit URLs win over the flavour's paths below ``store``."""
    if flavour != "generic" and flavour not in FLAVOURS:
        raise InputError(f"unknown store flavour {flavour!r}")
    if flavour == "generic" or store is None:
        if not (gsp_url and query_url):
            raise InputError("give --store with a --flavour, or both --gsp-url and --query-url")
        return StoreURLs(gsp_url, query_url, update_url)
    base = store.rstrip("/")
    gsp_path, query_path, update_path = FLAVOURS[flavour]
    return StoreURLs(
        gsp_url or base + gsp_path,
        query_url or base + query_path,
        update_url or base + update_path,
    )


def graphs_to_push(dataset: Dataset, inferred: Graph | None = None) -> list[tuple[URIRef, Graph]]:
    """Every named graph of the dataset that holds triples, data first, sorted by IRI, then the
    ontology, the shapes and (if given) the inferred closure."""
    tail = [ONTOLOGY_GRAPH, SHAPES_GRAPH]
    # rdflib's own name for a dataset's default graph is no graph of ours: a store has its own.
    graphs = {
        g.identifier: g
        for g in dataset.graphs()
        if isinstance(g.identifier, URIRef)
        and g.identifier != DATASET_DEFAULT_GRAPH_ID
        and len(g) > 0
    }
    order = sorted(iri for iri in graphs if iri not in tail) + [i for i in tail if i in graphs]
    chosen = [(iri, graphs[iri]) for iri in order]
    if inferred is not None:
        chosen.append((INFERRED_GRAPH, inferred))
    return chosen


def inferred_graph(dataset: Dataset) -> Graph:
    """The triples the OWL RL closure of data and ontology adds, as ``kg reason`` computes them."""
    from kg.reasoning.owlrl_closure import closure

    return closure(data_and_ontology(dataset))


def violations_by_graph(dataset: Dataset) -> dict[URIRef, list[str]]:
    """SHACL Violations of the data graphs (with the ontology) against the shapes, grouped by
    the graph that describes each focus node; warnings and infos do not block a push."""
    from pyshacl import validate

    # pyshacl adds triples to the graphs it is given: hand it copies, never the graphs we send.
    data, shapes = data_and_ontology(dataset), Graph()
    shapes += dataset.graph(SHAPES_GRAPH)
    try:
        conforms, report, _ = validate(data, shacl_graph=shapes, inference="none", advanced=True)
    finally:
        keep_lexical_forms()
    found: dict[URIRef, list[str]] = {}
    if conforms:
        return found
    notes = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        if report.value(result, SH.resultSeverity) != SH.Violation:
            continue
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        where = f" {path.n3()}" if isinstance(path, URIRef) else ""
        notes.add((focus, f"{focus.n3()}{where}: {message}"))
    for focus, note in sorted(notes, key=lambda item: item[1]):
        described_in = [
            g.identifier
            for g in dataset.graphs()
            if g.identifier not in (SHAPES_GRAPH, ONTOLOGY_GRAPH) and (focus, None, None) in g
        ]
        for graph_iri in sorted(described_in) or [ONTOLOGY_GRAPH]:
            found.setdefault(graph_iri, []).append(note)
    return found


def n_triples(graph: Graph) -> bytes:
    """The graph as N-Triples, lines sorted, so the same graph is always sent the same way."""
    text = graph.serialize(format="nt", encoding="utf-8")
    return b"".join(sorted(line + b"\n" for line in text.splitlines() if line.strip()))


def expected_count(graph: Graph) -> int:
    """How many triples a store should hold for ``graph``.

    Language tags are case-insensitive (both tested stores lower-case them), so two literals
    that differ only in the tag's case are one triple in a store.
    """
    seen = set()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.language:
            o = (str(o), o.language.lower())
        seen.add((s, p, o))
    return len(seen)


def graph_url(gsp: str, graph_iri: URIRef) -> str:
    """The Graph Store Protocol's indirect identification: ``?graph=IRI``."""
    separator = "&" if "?" in gsp else "?"
    return gsp + separator + urlencode({"graph": str(graph_iri)})


def probe(session: requests.Session, urls: StoreURLs, first_graph: URIRef, timeout: float) -> None:
    """Check connection and credentials without changing anything.

    An empty SPARQL Update (a prologue alone is a valid request) needs the right to update, so
    it fails on a wrong password exactly as a PUT would; without an update endpoint, a HEAD
    on the first graph checks connection and credentials.
    """
    if urls.update:
        send(session, "POST", urls.update, timeout, data={"update": ""})
    else:
        send(session, "HEAD", graph_url(urls.gsp, first_graph), timeout, tolerate=(404,))


def count_in_store(
    session: requests.Session, query_url: str, graph_iri: URIRef, timeout: float
) -> int:
    """The number of triples the store holds in one named graph."""
    result = run_query(
        query_url,
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}",
        session=session,
        timeout=timeout,
    )
    return int(next(iter(result))[0])


@dataclass
class PushedGraph:
    """One graph sent: how many triples the store should hold, and how many it does."""

    iri: URIRef
    expected: int
    in_store: int


def push(
    dataset: Dataset,
    urls: StoreURLs,
    session: requests.Session,
    inferred: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    progress: Callable[[str], None] = lambda line: None,
) -> list[PushedGraph]:
    """Validate, probe, PUT every graph and count it back; raise ``KGError`` on any failure.

    Exit code 1 for violations and for counts that differ, 2 for a store that cannot be
    reached or refuses the credentials.
    """
    violations = violations_by_graph(dataset)
    if violations:
        lines = [
            f"<{iri}>: {len(notes)} SHACL violation(s), first: {notes[0]}"
            for iri, notes in sorted(violations.items())
        ]
        raise KGError(
            "nothing pushed: " + "\n".join(lines),
            exit_code=EXIT_VIOLATION,
        )
    graphs = graphs_to_push(dataset, inferred_graph(dataset) if inferred else None)
    if not graphs:
        raise InputError("nothing to push: the graph is empty")
    probe(session, urls, graphs[0][0], timeout)
    pushed = []
    with progress_bar(sum(len(graph) for _, graph in graphs), "kg push: sending") as bar:
        for number, (iri, graph) in enumerate(graphs, start=1):
            progress(f"[{number}/{len(graphs)}] <{iri}>: {len(graph)} triples")
            send(
                session,
                "PUT",
                graph_url(urls.gsp, iri),
                timeout,
                data=n_triples(graph),
                headers={"Content-Type": "application/n-triples; charset=utf-8"},
            )
            pushed.append(PushedGraph(iri, expected_count(graph), 0))
            bar.update(len(graph))
    for item in pushed:
        item.in_store = count_in_store(session, urls.query, item.iri, timeout)
    differing = [item for item in pushed if item.in_store != item.expected]
    if differing:
        raise KGError(
            "\n".join(
                f"<{item.iri}>: the store holds {item.in_store} triples, {item.expected} were sent"
                for item in differing
            ),
            exit_code=EXIT_VIOLATION,
        )
    return pushed


@click.command("push")
@click.pass_context
@click.option(
    "--store",
    metavar="URL",
    help="Base URL of the store (of the dataset for Fuseki, of the repository for GraphDB).",
)
@click.option(
    "--flavour",
    type=click.Choice(["oxigraph", "virtuoso", "fuseki", "graphdb", "generic"]),
    default="oxigraph",
    show_default=True,
    help="Which store, to default the endpoint paths below --store.",
)
@click.option(
    "--gsp-url", metavar="URL", help="Graph Store Protocol endpoint, if not the flavour's."
)
@click.option("--query-url", metavar="URL", help="SPARQL query endpoint, if not the flavour's.")
@click.option(
    "--update-url",
    metavar="URL",
    help="SPARQL update endpoint, if not the flavour's (used only to check the credentials "
    "before anything is sent).",
)
@click.option(
    "--user", help=f"User name; the password comes from ${PASSWORD_VARIABLE} or a prompt."
)
@click.option(
    "--auth",
    "auth_scheme",
    type=click.Choice(["basic", "digest"]),
    help="HTTP authentication [default: digest for virtuoso, else basic].",
)
@click.option(
    "--inferred",
    is_flag=True,
    help=f"Also push the OWL RL closure, in the graph <{INFERRED_GRAPH}>.",
)
@click.option(
    "--timeout",
    type=float,
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds to wait for each answer.",
)
@click.option(
    "--retries",
    type=click.IntRange(0, 10),
    default=DEFAULT_RETRIES,
    show_default=True,
    help="Further attempts when a connection fails.",
)
def push_command(
    context: click.Context,
    store: str | None,
    flavour: str,
    gsp_url: str | None,
    query_url: str | None,
    update_url: str | None,
    user: str | None,
    auth_scheme: str | None,
    inferred: bool,
    timeout: float,
    retries: int,
) -> None:
    """Load the graph into a running triple store, one named graph at a time.

    Each source's graph, the ontology and the shapes go to named graphs of the same IRIs
    (see `kg stats`) by HTTP PUT, so pushing again replaces them. The graph is validated
    first and nothing is sent if it violates the shapes (exit 1); the credentials are checked
    before anything is sent (exit 2); afterwards the triples of each graph are counted in the
    store and any difference fails the push (exit 1).

    \b
    Examples:
      kg push --store http://127.0.0.1:7878
      KG_STORE_PASSWORD=dba kg push --flavour virtuoso --store http://127.0.0.1:8890 --user dba
      kg push --flavour fuseki --store http://localhost:3030/nkd --user admin
      kg push --flavour graphdb --store http://localhost:7200/repositories/nkd
      kg push --flavour generic --gsp-url http://host/gsp --query-url http://host/sparql

    Each store's setup, and what it changes in literals: docs/stores.md.
    """
    urls = store_urls(store, flavour, gsp_url, query_url, update_url)
    password = None
    if user is not None:
        password = os.environ.get(PASSWORD_VARIABLE)
        if password is None:
            password = click.prompt(
                f"Password for {user} at {store_name(urls.gsp)}", hide_input=True, err=True
            )
    session = open_session(
        user, password, auth_scheme or DEFAULT_AUTH.get(flavour, "basic"), retries
    )
    # The group's --data (or KG_DATA) chooses the data folder; run alone, KG_DATA does.
    dataset = load_dataset(getattr(context.find_root().obj, "data_dir", None))

    def progress(line: str) -> None:
        # A log line per graph where nobody watches a bar (piped, in CI), for the record.
        if not watched():
            click.echo(f"kg push: {line}", err=True)

    pushed = push(dataset, urls, session, inferred, timeout, progress)
    total = sum(item.in_store for item in pushed)
    click.echo(
        f"pushed {len(pushed)} graphs, {total} triples, to {store_name(urls.gsp)}: counts match"
    )
