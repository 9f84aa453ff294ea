"""The ``kg`` command: one function per command, each a thin layer over the module that does
the work. Other modules add commands with ``cli.add_command(...)``.

Every error a user can act on is a ``KGError``; the group turns it into one line on stderr
(``kg: error: ...``) and its exit code. Anything unexpected also becomes one line, unless
``--debug`` asks for the traceback.
"""

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import click

from kg import __version__
from kg.errors import EXIT_BAD_INPUT, EXIT_VIOLATION, KGError, UsageError
from kg.graph import paths
from kg.publish.push import push_command

# Libraries whose log records would otherwise reach stderr as extra lines (rdflib warns, with
# a traceback, about every ill-typed literal); the command reports such problems itself.
NOISY_LOGGERS = ("rdflib", "pyshacl", "owlrl")


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
    """A click group that turns errors into one line each."""

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
    shapes before adding them, export it for other triple stores.

    \b
    Exit codes: 0 success, 1 violations or inconsistency, 2 bad input or usage.

    \b
    Examples:
      kg queries
      kg query defections-by-diplomats
      kg validate new-facts.ttl
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
@click.option("--infer", is_flag=True, help="Query the OWL RL closure of data and ontology.")
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

    \b
    Examples:
      kg query defections-by-diplomats
      kg query facts-about-person --param person=nk:thae-yong-ho
      kg query timeline --format csv > timeline.csv
      kg query my-question.rq --format json
      kg query -e 'SELECT ?p ?name WHERE { ?p a nkd:Person ; skos:prefLabel ?name }'
      kg query -e 'CONSTRUCT WHERE { nk:ri-il-kyu ?p ?o }' --format nt
      kg query defections-by-diplomats --endpoint http://127.0.0.1:7878/query
    """
    from kg.sparql import catalogue as q
    from kg.sparql.results import in_stable_order, write_result

    text = q.query_text(query, expression)
    parsed = q.parse(text)
    q.check_safety(parsed, text.origin, allow_network)
    bindings = q.bind(text, parsed, params)
    if endpoint:
        from kg.sparql.endpoint import declare_prefixes, run_query

        if infer:
            raise UsageError("--infer reasons over the embedded graph: push with --inferred")
        sparql = declare_prefixes(text.text) if text.origin == "-e" else text.text
        result = run_query(endpoint, sparql, bindings)
    else:
        from kg.sparql.engine import query_local

        data_dir = _settings(ctx).data_dir
        result = query_local(text.text, parsed, bindings, data_dir, engine, infer, allow_network)
    result = in_stable_order(result, q.is_ordered(parsed))
    if result_format is None:
        result_format = "ttl" if result.type in ("CONSTRUCT", "DESCRIBE") else "table"
    _emit(write_result(result, result_format))


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
        parsed = q.parse(text)
        parameters = " ".join(p.describe() for p in q.parameters(text, parsed))
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
    from kg.validation.validate import check_quotes, quote_context_in_store, write_report
    from kg.validation.validate import validate as run_validation

    data_dir = _settings(ctx).data_dir
    assertions = [read_assertions(path, allow_network, _max_bytes(max_size)) for path in files]
    if infer == "none":
        # Only the new nodes' neighbourhood is validated: the same report as the whole graph.
        from kg.validation.incremental import validate_incrementally

        outcome = validate_incrementally(assertions, data_dir)
        check_quotes(outcome, assertions, quote_context_in_store(assertions, data_dir))
    else:
        dataset = load_dataset(data_dir)
        outcome = run_validation(dataset, assertions, infer)
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

    All or nothing: on any violation nothing is written (exit 1). The new triples are
    appended to data/NAME.ttl as one block in a fixed order, so `git diff data/` shows just
    them; triples already there are skipped, so adding a file twice changes nothing. The
    file is replaced atomically, under a lock on data/.kg.lock.

    \b
    Examples:
      kg add new-facts.ttl --source nk:source-kei-peninsula-2024-09-03
      kg add new-facts.ttl --source https://w3id.org/nkdefectors/graph/kei-peninsula-2024-09-03
      kg add interview.ttl --source nknews-2024-07-16
    """
    from rdflib.namespace import PROV

    from kg.graph.load import read_assertions
    from kg.graph.store import triples_of
    from kg.publish.add import append, data_lock, resolve_target
    from kg.validation.incremental import validate_incrementally
    from kg.validation.validate import check_quotes, format_text, quote_context_in_store, summary

    data_dir = _settings(ctx).data_dir
    assertions = [read_assertions(path, allow_network, _max_bytes(max_size)) for path in files]
    with data_lock(data_dir):
        # From the persisted store, and only the new nodes' neighbourhood validated: the same
        # report as validating against the whole graph, without loading it.
        target = resolve_target(triples_of(PROV.wasDerivedFrom, data_dir), data_dir, source)
        outcome = validate_incrementally(assertions, data_dir)
        check_quotes(outcome, assertions, quote_context_in_store(assertions, data_dir))
        if outcome.count("Violation"):
            _emit(format_text(outcome))
            click.echo(f"kg: nothing added: {summary(outcome)}", err=True)
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
    from kg.publish.export import export_dataset, resolve_graph
    from kg.reasoning.fast_closure import closure_with as closure

    dataset = load_dataset(_settings(ctx).data_dir)
    graph = resolve_graph(dataset, graph_name) if graph_name else None
    entailed = closure(data_and_ontology(dataset)) if inferred else None
    _emit(export_dataset(dataset, rdf_format, graph, entailed), output)


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
    from kg.reasoning.consistency import asserted_triples, inconsistencies
    from kg.reasoning.fast_closure import closure_of

    # Parsed by Oxigraph: parsing a million triples into rdflib takes most of a minute.
    triples = asserted_triples(_settings(ctx).data_dir)
    asserted, inferred = closure_of(triples, reasoner, convert=to_rdflib)
    problems = inconsistencies(asserted, inferred)
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


cli.add_command(push_command)


def main() -> None:
    """The console script."""
    cli.main(prog_name="kg")
