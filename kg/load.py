"""Loading the graph: every source under ``data/`` in its own named graph, beside the
ontology and the shapes, as one rdflib Dataset whose default graph is the union."""

from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.plugins.parsers.notation3 import BadSyntax

from kg import paths
from kg.errors import InputError
from kg.namespaces import ONTOLOGY_GRAPH, SHAPES_GRAPH, bind_prefixes, source_graph_iri

# File suffix -> rdflib parser. Turtle holds one source graph; TriG and N-Quads name their own.
TRIPLE_FORMATS = {".ttl": "turtle", ".nt": "nt"}
QUAD_FORMATS = {".trig": "trig", ".nq": "nquads"}


def syntax_error_message(path: Path, error: Exception) -> str:
    """One line naming the file, line and column of a parse error, and what was wrong."""
    if isinstance(error, BadSyntax):
        text = error._str
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        line = text.count("\n", 0, error._i) + 1
        column = error._i - (text.rfind("\n", 0, error._i) + 1) + 1
        return f"{path}:{line}:{column}: syntax error: {error._why}"
    detail = " ".join(str(error).split())
    return f"{path}: syntax error: {detail}"


def parse_file(graph: Graph, path: Path, rdf_format: str) -> None:
    """Parse one file into ``graph``, turning any parser failure into a located InputError."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        graph.parse(path, format=rdf_format)
    except Exception as error:  # rdflib's parsers raise many unrelated exception types
        raise InputError(syntax_error_message(path, error)) from error


def load_ontology(dataset: Dataset) -> None:
    """Add the ontology (with its controlled lists) and the shapes, each in its own graph."""
    ontology = dataset.graph(ONTOLOGY_GRAPH)
    for path in paths.ontology_files():
        parse_file(ontology, path, "turtle")
    parse_file(dataset.graph(SHAPES_GRAPH), paths.SHAPES_FILE, "turtle")


def load_data(dataset: Dataset, data_dir: Path) -> list[URIRef]:
    """Add every source under ``data_dir``; return the IRIs of the graphs it filled.

    ``data/NAME.ttl`` and every Turtle file in a folder ``data/NAME/`` go to the graph
    ``graph/NAME``; TriG and N-Quads files keep the graph names they carry.
    """
    if not data_dir.is_dir():
        raise InputError(f"{data_dir}: data folder not found")
    filled: list[URIRef] = []
    for path in sorted(data_dir.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_dir():
            graph = dataset.graph(source_graph_iri(path.name))
            for member in sorted(path.glob("*.ttl")):
                parse_file(graph, member, "turtle")
            filled.append(graph.identifier)
        elif path.suffix in TRIPLE_FORMATS:
            graph = dataset.graph(source_graph_iri(path.stem))
            parse_file(graph, path, TRIPLE_FORMATS[path.suffix])
            filled.append(graph.identifier)
        elif path.suffix in QUAD_FORMATS:
            before = {g.identifier for g in dataset.graphs()}
            parse_file(dataset, path, QUAD_FORMATS[path.suffix])
            added = {g.identifier for g in dataset.graphs()} - before
            filled.extend(sorted(added))
    return filled


def load_dataset(data_dir: Path | None = None, with_ontology: bool = True) -> Dataset:
    """The whole graph: data sources, ontology and shapes; queries see their union."""
    dataset = Dataset(default_union=True)
    bind_prefixes(dataset)
    if with_ontology:
        load_ontology(dataset)
    load_data(dataset, data_dir or paths.data_dir())
    return dataset
