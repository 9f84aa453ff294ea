"""A saved query's tuned copy (kg/sparql/tuned/NAME.rq) gives the rows of the plain text in
the catalogue (queries/NAME.rq), in the same order, on rdflib and on Oxigraph.

The reference is the plain text on rdflib. The graphs are the tests' own: the article's whole
graph, on which every saved query but the counts over a period has rows, the extract the
command's tests use, with and without its OWL RL closure, and a small generated graph.
"""

import re
import sys
from pathlib import Path

import pytest
from rdflib import Dataset

from kg.graph import paths
from kg.graph.load import load_dataset
from kg.graph.namespaces import NKD
from kg.reasoning.consistency import add_inferred
from kg.sparql import catalogue as q
from kg.sparql import engine
from kg.sparql.engine import OxigraphEngine, RdflibEngine, tuned_or_saved

sys.path.insert(0, str(paths.PROJECT_ROOT / "benchmarks"))
import generate  # noqa: E402

FIXTURES = Path(__file__).parents[1] / "fixtures"
SAVED_QUERIES = [saved.name for saved in q.catalogue()]
TUNED = sorted(path.stem for path in engine.TUNED_DIR.glob("*.rq"))


def closed(dataset: Dataset) -> Dataset:
    add_inferred(dataset)
    return dataset


@pytest.fixture(scope="module")
def graphs(tmp_path_factory) -> dict[str, tuple[dict, str | None]]:
    """Each test graph on both engines, with the person that facts-about-person asks about."""
    generated = tmp_path_factory.mktemp("generated")
    generate.generate(2_000, seed=7, out=generated)
    generated_dataset = load_dataset(generated / "data")
    first_defection = min(generated_dataset.subjects(NKD.fromPosting, None))
    datasets = {
        "article": (load_dataset(FIXTURES / "article" / "data"), None),
        "extract": (load_dataset(FIXTURES / "cli" / "data"), None),
        "extract-closed": (closed(load_dataset(FIXTURES / "cli" / "data")), None),
        "generated": (generated_dataset, generated_dataset.value(first_defection, NKD.subject)),
    }
    return {
        graph: (
            {"rdflib": RdflibEngine(dataset), "oxigraph": OxigraphEngine.from_dataset(dataset)},
            person,
        )
        for graph, (dataset, person) in datasets.items()
    }


def answers(engines: dict, name: str, person) -> dict[str, list[tuple]]:
    """The rows of the plain and the tuned text on each engine, parameters bound as
    ``kg query`` binds them."""
    plain = q.saved_query(name)
    declared = {parameter.name for parameter in q.parameters(plain)}
    assignments = [f"person=<{person}>"] if person is not None and "person" in declared else []
    bindings = q.bind(plain, assignments)
    tuned = tuned_or_saved(plain)
    return {
        f"{form} on {engine_name}": [tuple(row) for row in engine.query(text.text, bindings)]
        for engine_name, engine in engines.items()
        for form, text in (("plain", plain), ("tuned", tuned))
    }


@pytest.mark.parametrize("graph", ["article", "extract", "extract-closed", "generated"])
@pytest.mark.parametrize("name", SAVED_QUERIES)
def test_plain_and_tuned_text_give_the_same_rows_on_both_engines(graphs, name, graph):
    engines, person = graphs[graph]
    found = answers(engines, name, person)
    reference = found.pop("plain on rdflib")
    for form, rows in found.items():
        assert rows == reference, form
    # The article gives no counts over a period; tests/test_second_source.py has their rows.
    if graph == "article" and name != "elite-defections-per-period":
        assert reference, "every saved query has rows on the article's graph"


def test_every_tuned_copy_is_of_a_saved_query():
    assert TUNED
    assert set(TUNED) <= set(SAVED_QUERIES)


@pytest.mark.parametrize("name", TUNED)
def test_a_tuned_copy_takes_the_parameters_and_returns_the_columns_of_its_saved_query(name):
    plain = q.saved_query(name)
    tuned = tuned_or_saved(plain)
    assert tuned.text != plain.text
    plain_parsed, tuned_parsed = q.parse(plain), q.parse(tuned)
    assert q.parameters(tuned) == q.parameters(plain)
    assert tuned_parsed.algebra["PV"] == plain_parsed.algebra["PV"]


def test_kg_query_runs_the_tuned_copy_and_kg_queries_lists_the_plain_one(kg, tmp_path, monkeypatch):
    # A tuned copy that answers differently shows which text the command ran.
    (tmp_path / "timeline.rq").write_text(
        'SELECT ?ran WHERE { BIND ("the tuned copy" AS ?ran) } ORDER BY ?ran', "utf-8"
    )
    monkeypatch.setattr(engine, "TUNED_DIR", tmp_path)

    ran = kg("query", "timeline", "--format", "csv")
    listed = kg("queries")

    assert (ran.exit_code, ran.stdout) == (0, "ran\nthe tuned copy\n")
    assert re.search(r"^timeline +Timeline of every dated event$", listed.stdout, re.MULTILINE)


def test_a_query_file_or_another_catalogue_runs_as_written(kg, tmp_path, monkeypatch):
    (tmp_path / "timeline.rq").write_text(
        'SELECT ?ran WHERE { BIND ("the tuned copy" AS ?ran) }', "utf-8"
    )
    monkeypatch.setattr(engine, "TUNED_DIR", tmp_path)
    own = tmp_path / "own"
    own.mkdir()
    (own / "timeline.rq").write_text('SELECT ?ran WHERE { BIND ("as written" AS ?ran) }', "utf-8")

    from_file = kg("query", str(own / "timeline.rq"), "--format", "csv")
    monkeypatch.setattr(paths, "QUERIES_DIR", own)
    from_catalogue = kg("query", "timeline", "--format", "csv")

    assert from_file.stdout == from_catalogue.stdout == "ran\nas written\n"
