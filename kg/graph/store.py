"""The graph persisted as an on-disk Oxigraph store, rebuilt only when its files change.

Parsing a million triples of Turtle takes seconds in Oxigraph and most of a minute in rdflib;
opening a store that is already built takes milliseconds. The store holds what
``kg.graph.load.load_dataset`` holds — every source under ``data/`` in its named graph, the ontology
and the shapes in theirs — and lives in ``.kg-cache/`` beside the data folder (or under
``$XDG_CACHE_HOME`` when that folder cannot be written). Its name carries a fingerprint of the
path, size and modification time of every file it was built from, so any change to ``data/``
or ``ontology/`` leads to a new build. A build goes to a temporary folder that is renamed into
place when complete: a concurrent command either finds the finished store or builds its own.
"""

import gc
import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.errors import InputError
from kg.graph import iris, paths
from kg.graph.as_written import WrittenForms, write_forms
from kg.progress import progress_bar

if TYPE_CHECKING:
    from rdflib import Graph, URIRef

    from kg.graph.names import NameIndex

# rdflib and the modules built on it are imported where they are used: opening the store to
# answer a query must not pay for them.

CACHE_DIR_NAME = ".kg-cache"
# Part of every fingerprint: change it when the way files are loaded changes.
LAYOUT_VERSION = "1"
# Files beside a store, built from it or from the same files.
NAMES_INDEX = ".names.sqlite"
PLAN = ".plan.json"
AS_WRITTEN = ".as-written.sqlite"
# The store of the same files with their OWL RL closure, for kg query --infer.
CLOSURE = ".closure"
COMPANIONS = (NAMES_INDEX, PLAN, AS_WRITTEN, CLOSURE)

RDF_TYPE = ox.NamedNode(iris.RDF + "type")
PERSON = ox.NamedNode(iris.PREFIXES["nkd"] + "Person")
NOT_DATA = (ox.NamedNode(iris.SHAPES_GRAPH), ox.NamedNode(iris.INFERRED_GRAPH))

OXIGRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
}


def sources(data_dir: Path) -> list[tuple[Path, str, str | None]]:
    """Each file to load: its path, its rdflib format name, and its graph IRI.

    The same rules as ``kg.graph.load``: ontology files in the ontology graph, the shapes in theirs,
    ``data/NAME.ttl`` and ``data/NAME/*.ttl`` in ``graph/NAME``; TriG and N-Quads files keep
    their own graph names (None here).
    """
    from kg.graph.load import QUAD_FORMATS, TRIPLE_FORMATS

    files: list[tuple[Path, str, str | None]] = [
        (path, "turtle", iris.ONTOLOGY_GRAPH) for path in paths.ontology_files()
    ]
    files.append((paths.SHAPES_FILE, "turtle", iris.SHAPES_GRAPH))
    if not data_dir.is_dir():
        raise InputError(f"{data_dir}: data folder not found")
    for path in sorted(data_dir.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_dir():
            graph = iris.source_graph(path.name)
            files += [(member, "turtle", graph) for member in sorted(path.glob("*.ttl"))]
        elif path.suffix in TRIPLE_FORMATS:
            files.append((path, TRIPLE_FORMATS[path.suffix], iris.source_graph(path.stem)))
        elif path.suffix in QUAD_FORMATS:
            files.append((path, QUAD_FORMATS[path.suffix], None))
    return files


def load_files(store: ox.Store, data_dir: Path) -> None:
    """Load the ontology, the shapes and every source under ``data_dir`` into ``store``."""
    files = sources(data_dir)
    with progress_bar(sum(path.stat().st_size for path, _, _ in files), "loading files") as bar:
        for path, rdf_format, graph in files:
            load_file(store, path, rdf_format, graph)
            bar.update(path.stat().st_size)


def load_file(store: ox.Store, path: Path, rdf_format: str, graph: str | None) -> None:
    """Load one file into ``store``, in ``graph`` (or the graphs a quad format names)."""
    try:
        store.bulk_load(
            path=str(path),
            format=OXIGRAPH_FORMATS[rdf_format],
            base_iri=path.resolve().as_uri(),
            to_graph=ox.NamedNode(graph) if graph else None,
        )
    except SyntaxError as error:
        raise syntax_error(path, rdf_format, error) from error


def parse_files(data_dir: Path) -> Iterator[ox.Quad]:
    """Every quad of the ontology, the shapes and the sources under ``data_dir``, in the graphs
    ``load_files`` puts them in, parsed by Oxigraph without storing them: literals stay as
    written (a store keeps some in a canonical form), blank nodes are distinct per file."""
    for path, rdf_format, graph in sources(data_dir):
        try:
            parsed = ox.parse(
                path=str(path),
                format=OXIGRAPH_FORMATS[rdf_format],
                base_iri=path.resolve().as_uri(),
                rename_blank_nodes=True,
            )
            for quad in parsed:
                if graph is None:
                    yield quad
                else:
                    yield ox.Quad(quad.subject, quad.predicate, quad.object, ox.NamedNode(graph))
        except SyntaxError as error:
            raise syntax_error(path, rdf_format, error) from error


def syntax_error(path: Path, rdf_format: str, error: SyntaxError) -> InputError:
    """The error to report for a file Oxigraph cannot parse: rdflib's message, the one users
    see everywhere else, or Oxigraph's own where it is stricter (an invalid IRI, say)."""
    from rdflib import Dataset

    from kg.graph.load import parse_file

    parse_file(Dataset(), path, rdf_format)  # raises rdflib's InputError if rdflib fails too
    return InputError(f"{path}: syntax error: {' '.join(str(error).split())}")


def fingerprint(data_dir: Path) -> str:
    """A hash of the data folder's path and of every file's path, size and mtime."""
    data_dir = data_dir.resolve()
    digest = hashlib.sha256(f"{LAYOUT_VERSION}\0{data_dir}\0".encode())
    watched = [*paths.ontology_files(), paths.SHAPES_FILE]
    watched += sorted(
        path
        for path in data_dir.rglob("*")
        if path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(data_dir).parts)
    )
    for path in watched:
        stat = path.stat()
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()[:20]


def cache_root(data_dir: Path) -> Path:
    """``.kg-cache`` beside the data folder, or the user's cache folder if that is read-only."""
    beside = data_dir.resolve().parent / CACHE_DIR_NAME
    try:
        beside.mkdir(exist_ok=True)
        if os.access(beside, os.W_OK):
            return beside
    except OSError:
        pass
    xdg = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    root = xdg / "nk-defectors-kg"
    root.mkdir(parents=True, exist_ok=True)
    return root


def store_path(data_dir: Path) -> Path:
    """Where the store built from the current files of ``data_dir`` is (or will be)."""
    return cache_root(data_dir) / f"{store_prefix(data_dir)}{fingerprint(data_dir)}"


def store_prefix(data_dir: Path) -> str:
    """The part of a store's name that stays the same while the data folder's files change."""
    resolved = data_dir.resolve()
    folder = hashlib.sha256(str(resolved).encode()).hexdigest()[:8]
    return f"oxigraph-{resolved.name}-{folder}-"


def companion(store: Path, suffix: str) -> Path:
    """A file kept beside a store and built from it (``.names.sqlite``, ``.plan.json``); it
    goes stale, and is removed, with the store."""
    return store.with_name(store.name + suffix)


def person_names(store: ox.Store) -> Iterator[tuple[str, str]]:
    """(person, name) for every name of every nkd:Person in the data, the person written as in
    N-Triples (``<iri>``, ``_:id``): what the duplicate rules compare, in the graphs they see
    (not the shapes, not inferred triples)."""
    from kg.graph.names import NAME_PREDICATES

    persons = {
        quad.subject
        for quad in store.quads_for_pattern(None, RDF_TYPE, PERSON)
        if quad.graph_name not in NOT_DATA
    }
    for predicate in NAME_PREDICATES:
        for quad in store.quads_for_pattern(None, ox.NamedNode(str(predicate)), None):
            if (
                quad.subject in persons
                and quad.graph_name not in NOT_DATA
                and isinstance(quad.object, ox.Literal)
            ):
                yield str(quad.subject), quad.object.value


def triples_of(predicate: "URIRef", data_dir: Path | None = None) -> "Graph":
    """Every triple of ``predicate`` in the persisted store of ``data_dir`` (any graph): the
    little that a command needs of the whole graph, without loading it."""
    from rdflib import Graph

    from kg.graph.terms import to_rdflib

    graph = Graph()
    for quad in open_store(data_dir).quads_for_pattern(None, ox.NamedNode(predicate), None):
        graph.add((to_rdflib(quad.subject), predicate, to_rdflib(quad.object)))
    return graph


def open_names_index(data_dir: Path | None = None, store: ox.Store | None = None) -> "NameIndex":
    """The index of every person's names in the persisted store of ``data_dir`` (``store``,
    when the caller has it open already); written with the store, or now if the store was
    built without it or the index with other keys."""
    from kg.graph.names import NameIndex, index_is_current, write_index

    data_dir = data_dir or paths.data_dir()
    store = store or open_store(data_dir)
    path = companion(store_path(data_dir), NAMES_INDEX)
    if not path.is_file() or not index_is_current(path):
        write_index(path, person_names(store))
    return NameIndex.open(path)


def open_written_forms(data_dir: Path | None = None) -> WrittenForms:
    """The literals of the persisted store of ``data_dir`` as its files write them (see
    ``kg.graph.as_written``); written with the store, or now if it was built without them."""
    data_dir = data_dir or paths.data_dir()
    path = companion(store_path(data_dir), AS_WRITTEN)
    if not path.is_file():
        write_forms(path, parse_files(data_dir))
    return WrittenForms(path)


def open_store(data_dir: Path | None = None) -> ox.Store:
    """The persisted store of ``data_dir`` (read-only), built first if missing or stale."""
    return open_current_store(data_dir)[0]


def open_current_store(data_dir: Path | None = None) -> tuple[ox.Store, Path]:
    """The persisted store of ``data_dir`` (read-only), built first if missing or stale, and
    its path, whose name says which state of the files it holds."""
    data_dir = data_dir or paths.data_dir()
    target = store_path(data_dir)
    if not target.is_dir():
        build(data_dir, target)
    return ox.Store.read_only(str(target)), target


def open_companion_store(
    data_dir: Path, suffix: str, fill: Callable[[ox.Store, Path], None]
) -> ox.Store:
    """A store kept beside the persisted store of ``data_dir`` (read-only), which ``fill`` makes
    from the same files (the closure, for ``CLOSURE``): built once per state of the files, and
    removed with the store when they change."""
    target = companion(store_path(data_dir), suffix)
    if not target.is_dir():
        build(data_dir, target, fill, index=False)
    return ox.Store.read_only(str(target))


def build(
    data_dir: Path,
    target: Path,
    fill: Callable[[ox.Store, Path], None] = load_files,
    index: bool = True,
) -> None:
    """Build the store in a temporary folder beside ``target``, then rename it into place."""
    from kg.graph.names import write_index

    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=target.parent))
    try:
        store = ox.Store(str(staging / "store"))
        fill(store, data_dir)
        store.optimize()
        store.flush()
        # The index first: a store in place always has its index (or a later build's).
        if index:
            write_index(companion(target, NAMES_INDEX), person_names(store))
            write_forms(companion(target, AS_WRITTEN), parse_files(data_dir))
        # The database must be closed before its folder moves; pyoxigraph closes on release.
        del store
        gc.collect()
        try:
            (staging / "store").rename(target)
        except OSError:
            if not target.is_dir():
                raise
            # Another command finished the same build first; its store is as good as ours.
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    remove_stale(data_dir, store_path(data_dir))


def remove_stale(data_dir: Path, current: Path) -> None:
    """Remove the stores built from earlier states of the same data folder."""
    stale = re.compile(re.escape(store_prefix(data_dir)) + r"[0-9a-f]{20}(\.[\w.]+)?")
    keep = {current.name, *(companion(current, suffix).name for suffix in COMPANIONS)}
    for other in current.parent.iterdir():
        if other.name not in keep and stale.fullmatch(other.name):
            if other.is_dir():
                shutil.rmtree(other, ignore_errors=True)
            else:
                other.unlink(missing_ok=True)
