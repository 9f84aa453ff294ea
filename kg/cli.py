"""The ``kg`` command: one function per command, each a thin layer over the module that does
the work. Other modules add commands with ``cli.add_command(...)``.

Every error a user can act on is a ``KGError``; the group turns it into one line on stderr
(``kg: error: ...``) and its exit code. Anything unexpected also becomes one line, unless
``--debug`` asks for the traceback.
"""

import importlib
import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import click

from kg import __version__
from kg.errors import EXIT_BAD_INPUT, EXIT_VIOLATION, KGError, UsageError
from kg.graph import paths

# Libraries whose log records would otherwise reach stderr as extra lines (rdflib warns, with
# a traceback, about every ill-typed literal); the command reports such problems itself.
NOISY_LOGGERS = ("rdflib", "pyshacl", "owlrl")

# Commands defined in their layer's module, imported only when they run or show their own
# help, so that the other commands do not pay for what those modules import (requests, rdflib):
# name -> (module, command, the line ``kg --help`` shows for it).
LAZY_COMMANDS = {
    "push": (
        "kg.publish.push",
        "push_command",
        "Load the graph into a running triple store, one named graph at a time.",
    ),
}


@dataclass
class Settings:
    """Options of the group that every command sees."""

    data_dir: Path
    debug: bool


class CommandError(click.ClickException):
    """A KGError on its way out: one line on stderr and the error's exit code."""

    def __init__(self, message: str, exit_code: int):
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file: IO[Any] | None = None) -> None:
        # One line, whatever text from the input the message quotes.
        message = self.format_message().replace("\r", "\\r").replace("\n", "\\n")
        click.echo(f"kg: error: {message}", err=True)


def _usage_line(error: click.UsageError) -> CommandError:
    """click's usage error (usage, a hint, a blank line, the error) as our one line, naming
    the option and where the help is."""
    subcommands = error.ctx.command_path.split()[1:] if error.ctx is not None else []
    command = " ".join(["kg", *subcommands])
    return CommandError(f"{error.format_message()} (see {command} --help)", error.exit_code)


class KGGroup(click.Group):
    """A click group that turns errors into one line each and imports the modules of
    ``LAZY_COMMANDS`` only when one of them runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *LAZY_COMMANDS])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in LAZY_COMMANDS:
            module, command, _ = LAZY_COMMANDS[name]
            return getattr(importlib.import_module(module), command)
        return super().get_command(ctx, name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            if name in LAZY_COMMANDS:
                # Shortened as click shortens a command's own help, without importing it.
                stand_in = click.Command(name, help=LAZY_COMMANDS[name][2])
                rows.append((name, stand_in.get_short_help_str(limit)))
                continue
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as error:
            raise _usage_line(error) from error

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KGError as error:
            raise CommandError(str(error), error.exit_code) from error
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as error:
            raise _usage_line(error) from error
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as error:
            settings = ctx.find_object(Settings)
            if settings is not None and settings.debug:
                raise
            detail = " ".join(str(error).split())
            raise CommandError(
                f"unexpected {type(error).__name__}: {detail} (run kg --debug … for the traceback)",
                EXIT_BAD_INPUT,
            ) from error


@click.group(cls=KGGroup)
@click.option(
    "--data",
    "data_dir",
    envvar="KG_DATA",
    type=click.Path(path_type=Path),
    help="Data folder to use instead of the project's data/ (also: KG_DATA).",
)
@click.option("--debug", is_flag=True, help="Show tracebacks and library warnings.")
@click.version_option(__version__, prog_name="kg")
@click.pass_context
def cli(ctx: click.Context, data_dir: Path | None, debug: bool) -> None:
    """A provenance-first knowledge graph of senior North Korean officials who defect.

    Query it with saved or ad-hoc SPARQL, check new assertions against the ontology and
    shapes before adding them, export it for other triple stores, serve it to a browser,
    draw it.

    \b
    Exit codes: 0 success, 1 violations or inconsistency, 2 bad input or usage.

    \b
    Examples:
      kg queries
      kg query defections-by-diplomats
      kg validate new-facts.ttl
      kg serve
      kg --data ../our-graph stats
    """
    if not debug:
        for name in NOISY_LOGGERS:
            logging.getLogger(name).setLevel(logging.CRITICAL)
    ctx.obj = Settings(data_dir=paths.data_dir(data_dir), debug=debug)


def _settings(ctx: click.Context) -> Settings:
    return ctx.find_object(Settings)


def _shown(path: Path) -> Path:
    """A path as the user would type it: relative to the working folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


max_size_option = click.option(
    "--max-size",
    metavar="SIZE",
    help="Refuse a file of new assertions larger than SIZE: bytes, or 512K, 50M, 2G "
    "[default: 50M, or KG_MAX_INPUT_BYTES].",
)


def _max_bytes(max_size: str | None) -> int | None:
    from kg.graph.load import parse_size

    return parse_size(max_size) if max_size is not None else None


def _emit(data: bytes | str, output: Path | None = None) -> None:
    if output is not None:
        output.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    else:
        click.echo(data, nl=False)


@cli.command()
@click.argument("query", required=False, metavar="NAME|FILE")
@click.option("-e", "--expression", metavar="SPARQL", help="Run this query text.")
@click.option(
    "--format",
    "result_format",
    type=click.Choice(["table", "csv", "tsv", "json", "xml", "ttl", "nt", "jsonld"]),
    help="Output format [default: table; ttl for CONSTRUCT and DESCRIBE].",
)
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind a parameter: an IRI (<…>, http(s)://… or nk:name) or a literal "
    '("text", "text"@en, "2019"^^xsd:gYear, 42).',
)
@click.option(
    "--infer",
    is_flag=True,
    help="Query the OWL RL closure of data and ontology (kept in .kg-cache with the store).",
)
@click.option(
    "--allow-network",
    is_flag=True,
    help="Allow SERVICE and FROM <url>, which fetch from the network.",
)
@click.option(
    "--endpoint",
    metavar="URL",
    help="Ask this SPARQL endpoint (a store loaded by kg push) instead of the embedded graph.",
)
@click.option(
    "--engine",
    type=click.Choice(["oxigraph", "rdflib"]),
    help="SPARQL engine for the embedded graph [default: oxigraph, from a store kept in "
    ".kg-cache beside the data folder and rebuilt when its files change].",
)
@click.pass_context
def query(
    ctx: click.Context,
    query: str | None,
    expression: str | None,
    result_format: str | None,
    params: tuple[str, ...],
    infer: bool,
    allow_network: bool,
    endpoint: str | None,
    engine: str | None,
) -> None:
    """Run a saved query by NAME, a query FILE, or -e 'SPARQL'.

    Queries see the union of all graphs. Rows come in the query's ORDER BY, or sorted when
    it has none. CSV, TSV, JSON and XML are the SPARQL 1.1 result formats. Inline queries
    may use the project's prefixes (nk:, nkd:, nkv:, org:, …) without declaring them.

    --infer adds what the ontology entails, so a query need not know the class tree: every
    execution is a nkd:Event and a nkd:Fact, every state a nkd:Place. The closure is kept
    beside the store and rebuilt only when the files change, so on the article it costs no
    more than a plain query (under a second, the whole command).

    \b
    Examples:
      kg query defections-by-diplomats
      kg query facts-about-person --param person=nk:thae-yong-ho
      kg query timeline --format csv > timeline.csv
      kg query my-question.rq --format json
      kg query -e 'SELECT ?p ?name WHERE { ?p a nkd:Person ; skos:prefLabel ?name }'
      kg query -e 'CONSTRUCT WHERE { nk:ri-il-kyu ?p ?o }' --format nt
      kg query --infer -e 'SELECT ?place WHERE { ?place a nkd:Place }'
      kg query defections-by-diplomats --endpoint http://127.0.0.1:7878/query
    """
    from kg.sparql import catalogue as q
    from kg.sparql import outline
    from kg.sparql.engine import DEFAULT_ENGINE, tuned_or_saved
    from kg.sparql.results import answer_type, write_result

    text = tuned_or_saved(q.query_text(query, expression))
    # Oxigraph checks the syntax as it runs the query; rdflib's parse is needed by the other
    # engines, and for the checks the query's tokens cannot settle.
    on_oxigraph = endpoint is None and (engine or DEFAULT_ENGINE) == "oxigraph"
    parsed = None
    if not on_oxigraph or outline.needs_algebra(text.text, allow_network):
        parsed = q.parse(text)
        q.check_safety(parsed, text.origin, allow_network)
    bindings = q.bind(text, params)
    if endpoint:
        from kg.sparql.endpoint import declare_prefixes, run_query

        if infer:
            raise UsageError("--infer reasons over the embedded graph: push with --inferred")
        sparql = declare_prefixes(text.text) if text.origin == "-e" else text.text
        answer = run_query(endpoint, sparql, bindings)
    else:
        from kg.graph import iris
        from kg.sparql.engine import query_local

        data_dir = _settings(ctx).data_dir
        undeclared = iris.PREFIXES if text.origin == "-e" else {}
        try:
            if on_oxigraph and not infer:
                from kg.sparql import resident

                ordered = outline.is_ordered(text.text)
                out = sys.stdout.buffer
                if resident.ask(
                    data_dir, text.text, bindings, undeclared, result_format, ordered, out
                ):
                    out.flush()
                    return
            answer = query_local(
                text.text, parsed, bindings, data_dir, engine, infer, allow_network, undeclared
            )
        except KGError:
            if parsed is None:
                q.parse(text)  # rdflib's located message, where rdflib finds the error too
            raise
    if result_format is None:
        result_format = "ttl" if answer_type(answer) in ("CONSTRUCT", "DESCRIBE") else "table"
    sys.stdout.flush()
    write_result(answer, result_format, sys.stdout.buffer, outline.is_ordered(text.text))
    sys.stdout.buffer.flush()


@cli.command()
def queries() -> None:
    """List the saved queries: name, summary and parameters.

    \b
    Examples:
      kg queries
      kg query NAME --param name=value
    """
    from kg.sparql import catalogue as q

    rows = []
    for text in q.catalogue():
        parameters = " ".join(p.describe() for p in q.parameters(text))
        rows.append((text.name or "", text.summary, parameters))
    if not rows:
        click.echo(f"no saved queries in {paths.QUERIES_DIR}", err=True)
        return
    width = max(len(name) for name, _, _ in rows)
    for name, summary, parameters in rows:
        click.echo(f"{name.ljust(width)}  {summary}")
        if parameters:
            click.echo(f"{' ' * width}  parameters: {parameters}")


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--infer",
    type=click.Choice(["none", "rdfs", "owlrl"]),
    default="none",
    show_default=True,
    help="Reasoning applied before validation.",
)
@click.option(
    "--format",
    "report_format",
    type=click.Choice(["text", "ttl", "json"]),
    default="text",
    show_default=True,
    help="Report format; ttl is the standard SHACL validation report.",
)
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option("--allow-network", is_flag=True, help="Allow fetching remote JSON-LD contexts.")
@max_size_option
@click.pass_context
def validate(
    ctx: click.Context,
    files: tuple[Path, ...],
    infer: str,
    report_format: str,
    strict: bool,
    allow_network: bool,
    max_size: str | None,
) -> None:
    """Validate new assertions in FILES before they enter the graph.

    The files are checked together with the existing graph and the ontology, against all
    shapes; results are reported for the nodes the files describe, grouped by node, with
    the file and line where each node's block starts. Nothing is written.

    \b
    Exit codes: 0 conforms (warnings allowed unless --strict), 1 violations,
    2 unreadable input or usage error.

    \b
    Examples:
      kg validate new-facts.ttl
      kg validate a.ttl b.jsonld --infer owlrl
      kg validate new-facts.ttl --format ttl > report.ttl
    """
    from kg.graph.load import load_dataset, read_assertions
    from kg.validation.incremental import validate_in_full, validate_new_files
    from kg.validation.quotes import check_quotes
    from kg.validation.validate import write_report

    data_dir = _settings(ctx).data_dir
    assertions = [read_assertions(path, allow_network, _max_bytes(max_size)) for path in files]
    if infer == "none":
        # Only the new nodes' neighbourhood is validated: the same report as the whole graph.
        outcome = validate_new_files(assertions, data_dir)
    else:
        dataset = load_dataset(data_dir)
        outcome = validate_in_full(dataset, assertions, infer)
        check_quotes(outcome, assertions, dataset)
    _emit(write_report(outcome, report_format))
    ctx.exit(outcome.exit_code(strict))


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--source",
    required=True,
    metavar="IRI|NAME",
    help="The graph to add to: its IRI, the IRI of its source document, or a new name.",
)
@click.option("--allow-network", is_flag=True, help="Allow fetching remote JSON-LD contexts.")
@max_size_option
@click.pass_context
def add(
    ctx: click.Context,
    files: tuple[Path, ...],
    source: str,
    allow_network: bool,
    max_size: str | None,
) -> None:
    """Validate FILES, then add their assertions to a source's graph in the data folder.

    All or nothing: on any violation nothing is written (exit 1), nor when a new person's
    name matches a person's already in the graph (reuse that node, adding the new spelling
    as skos:altLabel, or state owl:differentFrom it). A new source's Turtle file becomes
    data/NAME.ttl as written, comments and sections kept. To an existing source the new
    triples are appended as one block in a fixed order, so `git diff data/` shows just them;
    triples already there are skipped, so adding a file twice changes nothing. The file is
    replaced atomically, under a lock on data/.kg.lock.

    \b
    Examples:
      kg add new-facts.ttl --source nk:source-kei-peninsula-2024-09-03
      kg add new-facts.ttl --source https://w3id.org/nkdefectors/graph/kei-peninsula-2024-09-03
      kg add interview.ttl --source nknews-2024-07-16
    """
    from rdflib.namespace import PROV

    from kg.graph.load import read_assertions
    from kg.graph.store import triples_of
    from kg.publish.add import append, data_lock, possible_duplicates, resolve_target
    from kg.validation.incremental import validate_new_files
    from kg.validation.validate import format_text, summary

    data_dir = _settings(ctx).data_dir
    assertions = [read_assertions(path, allow_network, _max_bytes(max_size)) for path in files]
    with data_lock(data_dir):
        # From the persisted store, and only the new nodes' neighbourhood validated: the same
        # report as validating against the whole graph, without loading it.
        target = resolve_target(triples_of(PROV.wasDerivedFrom, data_dir), data_dir, source)
        outcome = validate_new_files(assertions, data_dir)
        if outcome.count("Violation"):
            _emit(format_text(outcome))
            click.echo(f"kg: nothing added: {summary(outcome)}", err=True)
            ctx.exit(EXIT_VIOLATION)
        duplicates = possible_duplicates(outcome)
        if duplicates:
            _emit(format_text(outcome))
            for line in duplicates:
                click.echo(f"kg: nothing added: {line}", err=True)
            ctx.exit(EXIT_VIOLATION)
        if outcome.nodes:
            _emit(format_text(outcome))
        added = append(target, assertions)
    shown = _shown(target.path)
    if added:
        noun = "triple" if added == 1 else "triples"
        click.echo(f"added {added} {noun} to {shown} (graph <{target.graph}>)")
    else:
        click.echo(f"nothing to add: every triple is already in {shown}")


@cli.command("new-source")
@click.argument("name")
@click.option(
    "--capture",
    required=True,
    type=click.Path(path_type=Path),
    help="The document's text, as UTF-8: kept as sources/NAME.txt.",
)
@click.option("--title", required=True, help="The document's title, as it gives it.")
@click.option("--url", required=True, help="Where the document was published.")
@click.option("--issued", required=True, metavar="YYYY-MM-DD", help="Its publication date.")
@click.option(
    "--publisher",
    required=True,
    metavar="NAME|IRI",
    help="Who published it: a node of the graph (nk:kei) or a name, for a new node.",
)
@click.option("--author", metavar="NAME|IRI", help="Who wrote it, the same way; none if anonymous.")
@click.option(
    "--date",
    "curated",
    metavar="YYYY-MM-DD",
    help="The curation date the graph records [default: today].",
)
@click.pass_context
def new_source(
    ctx: click.Context,
    name: str,
    capture: Path,
    title: str,
    url: str,
    issued: str,
    publisher: str,
    author: str | None,
    curated: str | None,
) -> None:
    """Start a new source NAME: keep its capture and write a starter data/NAME.ttl.

    The capture is copied to sources/NAME.txt; data/NAME.ttl describes the source
    document (with the capture's SHA-256) and the named graph of its facts, with one
    commented example fact to copy. Both are valid as written: add facts below, then
    kg validate data/NAME.ttl. Refuses to overwrite either file.

    \b
    Examples:
      kg new-source nknews-2024-07-16 --capture ~/nknews.txt --title "..." \\
        --url https://www.nknews.org/... --issued 2024-07-16 --publisher "NK News" \\
        --author "Jeong Min-ho"
      kg new-source kei-2025-01-10 --capture kei.txt --title "..." --url https://keia.org/... \\
        --issued 2025-01-10 --publisher nk:kei --author nk:robert-r-king
    """
    import datetime

    from rdflib.namespace import RDF

    from kg.graph.store import triples_of
    from kg.publish.add import data_lock
    from kg.publish.new_source import SourceDetails
    from kg.publish.new_source import new_source as start

    data_dir = _settings(ctx).data_dir
    details = SourceDetails(
        name, title, url, issued, publisher, author, curated or datetime.date.today().isoformat()
    )
    with data_lock(data_dir):
        made = start(
            details, capture, data_dir, paths.sources_dir(), triples_of(RDF.type, data_dir)
        )
    click.echo(f"kept the capture as {_shown(made.capture)}")
    click.echo(f"wrote {_shown(made.data)} (graph <{made.graph}>): add facts, then")
    click.echo(f"  kg validate {_shown(made.data)}")


@cli.command()
@click.option(
    "--format",
    "rdf_format",
    type=click.Choice(["ttl", "nt", "nq", "trig", "jsonld", "xml"]),
    default="trig",
    show_default=True,
    help="nq, trig and jsonld keep the named graphs; ttl, nt and xml write their union.",
)
@click.option("--inferred", is_flag=True, help="Add the OWL RL closure in graph/inferred.")
@click.option("--graph", "graph_name", metavar="IRI|NAME", help="Export this graph only.")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE."
)
@click.pass_context
def export(
    ctx: click.Context,
    rdf_format: str,
    inferred: bool,
    graph_name: str | None,
    output: Path | None,
) -> None:
    """Export the graph (data, ontology and shapes) for other tools and triple stores.

    The output is deterministic: the same graph gives byte-identical files.

    \b
    Examples:
      kg export --format nq -o nkdefectors.nq
      kg export --format ttl --graph kei-peninsula-2024-09-03
      kg export --format trig --inferred -o with-closure.trig
    """
    from kg.graph.load import data_and_ontology, load_dataset
    from kg.progress import progress_bar
    from kg.publish.export import export_dataset, resolve_graph
    from kg.reasoning.fast_closure import closure_with as closure

    # Steps: read the files, the closure (when asked for), write.
    with progress_bar(3 if inferred else 2, "kg export") as bar:
        dataset = load_dataset(_settings(ctx).data_dir)
        graph = resolve_graph(dataset, graph_name) if graph_name else None
        bar.update(1)
        entailed = None
        if inferred:
            entailed = closure(data_and_ontology(dataset))
            bar.update(1)
        exported = export_dataset(dataset, rdf_format, graph, entailed)
        bar.update(1)
    _emit(exported, output)


@cli.command()
@click.option(
    "--reasoner",
    type=click.Choice(["auto", "fast", "owlrl"]),
    default="auto",
    show_default=True,
    help="fast: the same closure as owlrl for the constructs our ontology uses, in seconds "
    "at a million triples; owlrl: the reference; auto: fast, or owlrl where fast lacks a "
    "construct.",
)
@click.pass_context
def reason(ctx: click.Context, reasoner: str) -> None:
    """Compute the OWL RL closure of data and ontology and check it is consistent.

    Reports how many triples the closure adds and every inconsistency: members of
    owl:Nothing, members of two disjoint classes, owl:sameAs between nodes declared
    owl:differentFrom, and the inconsistencies the reasoner records. Exit 1 if inconsistent.

    \b
    Examples:
      kg reason
      kg --data ../our-graph reason
    """
    from kg.graph.terms import to_rdflib
    from kg.progress import progress_bar
    from kg.reasoning.consistency import asserted_triples, inconsistencies
    from kg.reasoning.fast_closure import closure_of

    # Steps: read the files (parsed by Oxigraph: parsing a million triples into rdflib takes
    # most of a minute), the closure, the consistency checks.
    with progress_bar(3, "kg reason") as bar:
        triples = asserted_triples(_settings(ctx).data_dir)
        bar.update(1)
        asserted, inferred = closure_of(triples, reasoner, convert=to_rdflib)
        bar.update(1)
        problems = inconsistencies(asserted, inferred)
        bar.update(1)
    click.echo(f"asserted: {len(asserted)} triples (data and ontology)")
    click.echo(f"inferred: {len(inferred)} triples added by the OWL RL closure")
    if not problems:
        click.echo("consistent")
        return
    for problem in problems:
        click.echo(f"inconsistent: {problem.message}")
    ctx.exit(EXIT_VIOLATION)


@cli.command()
@click.option(
    "--format",
    "stats_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
)
@click.pass_context
def stats(ctx: click.Context, stats_format: str) -> None:
    """Count triples per graph, instances per class, and facts with and without evidence.

    \b
    Examples:
      kg stats
      kg stats --format json
    """
    from kg.graph import stats as s
    from kg.graph.store import open_store

    counts = s.compute(open_store(_settings(ctx).data_dir))
    _emit(s.format_json(counts) if stats_format == "json" else s.format_table(counts))


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on (0: any free port).",
)
@click.option(
    "--data",
    "data_dir",
    type=click.Path(path_type=Path),
    help="Data folder to serve (as kg --data).",
)
@click.option(
    "--timeout",
    default=30.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Stop a SPARQL query after this many seconds (answered 503).",
)
@click.option("--max-rows", type=click.IntRange(min=1), help="Cut SELECT answers at N rows.")
@click.pass_context
def serve(
    ctx: click.Context,
    host: str,
    port: int,
    data_dir: Path | None,
    timeout: float,
    max_rows: int | None,
) -> None:
    """Serve the graph over HTTP, read-only: a SPARQL endpoint and a page for every node.

    /sparql answers the SPARQL 1.1 Protocol (updates refused, SERVICE and LOAD refused);
    /id/NAME is a node's page (or its RDF, by Accept); / has search, statistics, saved
    queries and sources; /queries/NAME runs a saved query from a form; /query is the
    YASGUI editor; /validate checks pasted Turtle as kg validate does. The server answers
    from the store beside the data folder and opens it again when the files change.
    Only this machine can connect unless --host says otherwise.

    \b
    Examples:
      kg serve
      kg serve --port 8080 --timeout 10 --max-rows 10000
      kg --data ../our-graph serve
    """
    from kg.web.server import serve as run_server

    run_server(data_dir or _settings(ctx).data_dir, host, port, timeout, max_rows)


@cli.group()
def resident() -> None:
    """Keep the graph in memory, so that kg query answers as fast as Oxigraph in memory.

    kg query reads the store kept on disk beside the data folder; at a million triples
    Oxigraph answers from memory two to six times faster. A resident is a background
    process holding a copy of that store (about 470 MiB per million triples): while it
    runs, kg query (Oxigraph, without --infer) asks it and writes the same bytes it would
    have written from disk. When the files change, queries are answered from disk until
    the resident has copied the new store, which it does by itself. It stops after
    --idle minutes without a query, or on kg resident stop.

    \b
    Examples:
      kg resident start
      kg query timeline
      kg resident status
      kg resident stop
    """


idle_option = click.option(
    "--idle",
    "idle_minutes",
    default=60.0,
    show_default=True,
    type=click.FloatRange(min=0),
    help="Stop after this many minutes without a query (0: never).",
)


@resident.command("start")
@idle_option
@click.pass_context
def resident_start(ctx: click.Context, idle_minutes: float) -> None:
    """Start a resident for the data folder in the background, and wait until it answers."""
    from kg.sparql import resident_server

    click.echo(_resident_line(resident_server.start(_existing_data(ctx), idle_minutes)))


@resident.command("run")
@idle_option
@click.pass_context
def resident_run(ctx: click.Context, idle_minutes: float) -> None:
    """Be the resident in the foreground (what start runs; for a service manager)."""
    from kg.sparql import resident_server

    resident_server.run(_existing_data(ctx), idle_minutes)


@resident.command("status")
@click.pass_context
def resident_status(ctx: click.Context) -> None:
    """Say whether a resident holds the data folder, and which state of its files."""
    from kg.graph.store import store_path
    from kg.sparql import resident

    data_dir = _settings(ctx).data_dir
    found = resident.status(data_dir)
    if found is None:
        click.echo(f"kg resident: none holds {_shown(data_dir)}")
        return
    click.echo(_resident_line(found))
    current = found["state"] == store_path(data_dir).name
    click.echo(
        "  holds the files as they are"
        if current
        else "  the files changed: queries read the disk until it has copied them again"
    )
    click.echo(f"  answered {found['answered']} queries")


@resident.command("stop")
@click.pass_context
def resident_stop(ctx: click.Context) -> None:
    """Stop the resident of the data folder (by its PID)."""
    from kg.sparql import resident_server

    data_dir = _settings(ctx).data_dir
    pid = resident_server.stop(data_dir)
    shown = _shown(data_dir)
    click.echo(f"kg resident: stopped pid {pid}" if pid else f"kg resident: none held {shown}")


def _existing_data(ctx: click.Context) -> Path:
    data_dir = _settings(ctx).data_dir
    if not data_dir.is_dir():
        raise UsageError(f"{data_dir}: no such data folder")
    return data_dir


def _resident_line(found: dict) -> str:
    memory = found.get("memory_bytes")
    size = f", {memory / 2**20:,.0f} MiB" if memory else ""
    idle = found["idle_limit_seconds"] / 60
    until = f"stops after {idle:g} minutes without a query" if idle else "runs until stopped"
    return (
        f"kg resident: pid {found['pid']} holds {found['quads']:,} quads of "
        f"{_shown(Path(found['data']))} in memory{size}; {until}"
    )


@cli.command()
@click.argument("picture", type=click.Choice(["timeline", "network", "model"]))
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write: FILE.svg or FILE.png.",
)
@click.option(
    "--focus",
    metavar="IRI",
    help="Timeline: one person's events. Network: this node and its neighbours.",
)
@click.option("--source", metavar="NAME", help="Timeline: the events of data/NAME only.")
@click.pass_context
def draw(
    ctx: click.Context, picture: str, out: Path, focus: str | None, source: str | None
) -> None:
    """Draw the timeline, the network or the data model to an SVG or PNG file.

    The same graph always gives the same bytes, so pictures can be committed.

    \b
    Examples:
      kg draw timeline --out timeline.svg
      kg draw timeline --focus nk:ri-il-kyu --out ri-il-kyu.png
      kg draw network --focus nk:thae-yong-ho --out thae.svg
      kg draw model --out model.svg
    """
    from kg.pictures.draw import drawing, picture_format, write_picture

    fmt = picture_format(out)
    write_picture(out, drawing(picture, fmt, _settings(ctx).data_dir, focus, source))


def main() -> None:
    """The console script."""
    cli.main(prog_name="kg")
