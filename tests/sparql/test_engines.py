"""rdflib and Oxigraph give the same answers, and the persisted store holds the same graph."""

import os
import shutil
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Literal, URIRef, Variable
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.algebra import traverse

from kg.errors import InputError
from kg.graph import paths
from kg.graph import store as store_cache
from kg.graph.load import load_dataset, our_prefixes
from kg.graph.namespaces import INFERRED_GRAPH, NK, NKD
from kg.graph.terms import to_oxigraph, to_rdflib
from kg.reasoning.consistency import add_inferred
from kg.sparql import catalogue as q
from kg.sparql.engine import OxigraphEngine, RdflibEngine, store_with_closure

sys.path.insert(0, str(paths.PROJECT_ROOT / "benchmarks"))
import generate  # noqa: E402

SAVED_QUERIES = [saved.name for saved in q.catalogue()]


@pytest.fixture(scope="module")
def article(article_alone) -> Dataset:
    return load_dataset(article_alone)


@pytest.fixture(scope="module")
def generated_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    generate.generate(2_000, seed=7, out=out)
    return out / "data"


@pytest.fixture(scope="module")
def generated(generated_dir) -> Dataset:
    return load_dataset(generated_dir)


def rows(result) -> list[tuple]:
    return [tuple(row) for row in result]


def is_ordered(text: str, dataset: Dataset) -> bool:
    """Whether the query's answer has an order of its own (an ORDER BY in its algebra)."""
    found = []
    query = prepareQuery(text, initNs=dict(dataset.namespaces()))
    traverse(query.algebra, visitPost=lambda n: found.append(getattr(n, "name", "")))
    return "OrderBy" in found


def assert_same_answers(text: str, dataset: Dataset, bindings: dict | None = None) -> None:
    expected = RdflibEngine(dataset).query(text, bindings)
    actual = OxigraphEngine.from_dataset(dataset).query(text, bindings)
    assert actual.type == expected.type
    if expected.type == "SELECT":
        assert actual.vars == expected.vars
        if is_ordered(text, dataset):
            assert rows(actual) == rows(expected)
        else:
            assert sorted(rows(actual)) == sorted(rows(expected))
    elif expected.type == "ASK":
        assert actual.askAnswer == expected.askAnswer
    else:
        assert set(actual.graph) == set(expected.graph)


def saved(name: str, assignments: tuple[str, ...] = ()) -> tuple[str, dict]:
    """A saved query's text and its parameters bound as ``kg query`` binds them."""
    text = q.saved_query(name)
    return text.text, q.bind(text, assignments)


@pytest.mark.parametrize("name", SAVED_QUERIES)
def test_saved_query_gives_the_same_rows_on_both_engines_on_the_article(name, article):
    text, bindings = saved(name)
    assert_same_answers(text, article, bindings)


@pytest.fixture(scope="module")
def article_closed(article_alone) -> tuple[Dataset, OxigraphEngine]:
    """The article with its OWL RL closure both ways: a Dataset given it by owlrl's rules over
    rdflib, and the store that ``kg query --infer`` builds from Oxigraph's parse."""
    dataset = load_dataset(article_alone)
    add_inferred(dataset)
    return dataset, OxigraphEngine(store_with_closure(article_alone), our_prefixes())


@pytest.mark.parametrize("name", SAVED_QUERIES)
def test_saved_query_with_inference_gives_the_same_rows_on_both_engines(name, article_closed):
    dataset, engine = article_closed
    text, bindings = saved(name)
    expected = RdflibEngine(dataset).query(text, bindings)
    actual = engine.query(text, bindings)
    assert actual.vars == expected.vars
    assert rows(actual) == rows(expected)


def test_the_closure_built_for_inference_is_the_one_added_to_a_dataset(article_closed):
    dataset, engine = article_closed
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{INFERRED_GRAPH}> {{ ?s ?p ?o }} }}"
    [(inferred,)] = rows(engine.query(count))
    assert int(inferred) == len(dataset.graph(INFERRED_GRAPH)) > 3000


@pytest.mark.parametrize("name", SAVED_QUERIES)
def test_saved_query_gives_the_same_rows_on_both_engines_on_a_generated_graph(name, generated):
    # The defaults name the article's people; here the parameters name a generated defector.
    defection = min(generated.subjects(NKD.fromPosting, None))
    person = generated.value(defection, NKD.subject)
    query = q.saved_query(name)
    declared = {parameter.name for parameter in q.parameters(query)}
    assignments = tuple(f"{p}=<{person}>" for p in declared if p == "person")
    text, bindings = saved(name, assignments)
    assert_same_answers(text, generated, bindings)


JOIN_GROUP_PATH = """
SELECT ?name (COUNT(DISTINCT ?kin) AS ?relatives) (MIN(?start) AS ?first)
WHERE {
  ?defection a nkd:Defection ; nkd:subject ?person ; nkd:fromPosting ?posting .
  ?posting org:organization/nkd:hostCountry/skos:prefLabel ?host ;
           org:memberDuring/time:hasBeginning/nkd:earliest ?start .
  ?person skos:prefLabel ?name .
  OPTIONAL { ?kin nkd:kinOf ?person }
}
GROUP BY ?name
ORDER BY DESC(?relatives) ?name
"""


def test_a_join_with_grouping_and_paths_gives_the_same_rows_on_a_generated_graph(generated):
    assert len(rows(RdflibEngine(generated).query(JOIN_GROUP_PATH))) >= 5
    assert_same_answers(JOIN_GROUP_PATH, generated)


def test_ask_and_construct_give_the_same_answers(generated):
    assert_same_answers("ASK { ?p a nkd:Defection }", generated)
    assert_same_answers("ASK { ?p a nkd:Summit }", generated)
    assert_same_answers(
        "CONSTRUCT { ?p nkd:defectedIn ?t } WHERE { ?d nkd:subject ?p ; time:hasTime ?t }",
        generated,
    )


def test_results_keep_language_datatype_plain_literals_and_unbound_values():
    dataset = Dataset(default_union=True)
    graph = dataset.graph(URIRef("urn:g"))
    graph.add((NK.a, NKD.p, Literal("Ri Il-kyu", lang="en")))
    graph.add((NK.a, NKD.p, Literal("2019-02", datatype=XSD.gYearMonth)))
    graph.add((NK.a, NKD.p, Literal("plain")))
    graph.add((NK.a, NKD.p, BNode("b1")))
    text = "SELECT ?o ?none WHERE { ?s ?p ?o OPTIONAL { ?o ?q ?none } }"
    result = OxigraphEngine.from_dataset(dataset).query(text)
    assert sorted(rows(result)) == sorted(
        [
            (Literal("Ri Il-kyu", lang="en"), None),
            (Literal("2019-02", datatype=XSD.gYearMonth), None),
            (Literal("plain"), None),
            (BNode("b1"), None),
        ]
    )
    assert result.vars == [Variable("o"), Variable("none")]


def test_default_graph_triples_stay_in_the_default_graph():
    dataset = Dataset(default_union=True)
    dataset.add((NK.a, NKD.p, NK.b))
    engine = OxigraphEngine.from_dataset(dataset)
    assert list(engine.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    assert rows(engine.query("SELECT ?o WHERE { ?s ?p ?o }")) == [(NK.b,)]


def test_bindings_are_substituted_as_rdflib_does(generated):
    person = next(generated.subjects(predicate=NKD.kinOf, object=None, unique=True))
    person = generated.value(person, NKD.kinOf)
    text = "SELECT ?kin WHERE { ?k nkd:kinOf ?_person_iri ; nkd:relative ?kin } ORDER BY ?kin"
    bindings = {"_person_iri": person}
    expected = rows(RdflibEngine(generated).query(text, bindings))
    assert len(expected) == 3
    assert rows(OxigraphEngine.from_dataset(generated).query(text, bindings)) == expected


def test_terms_convert_both_ways_unchanged():
    for term in (
        URIRef("https://w3id.org/nkdefectors/id/ri-il-kyu"),
        BNode("x1"),
        Literal("Havana", lang="en"),
        Literal("2016", datatype=XSD.gYear),
        Literal("counselor"),
    ):
        assert to_rdflib(to_oxigraph(term)) == term


def test_a_query_oxigraph_cannot_parse_is_one_input_error(generated):
    with pytest.raises(InputError, match=r"^query: syntax error: error at 1:\d+"):
        OxigraphEngine.from_dataset(generated).query("SELECT ?x WHERE { ?x ?y }")


# --- the persisted store ---


# XSD types derived from xsd:integer, which Oxigraph stores as xsd:integer (its literals are
# kept in a canonical, compact form: oxigraph/oxigraph#526).
INTEGER_TYPES = {
    XSD[name]
    for name in (
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "long",
        "int",
        "short",
        "byte",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
}


def as_oxigraph_stores(term):
    """The term as Oxigraph gives it back: derived integer types become xsd:integer."""
    if isinstance(term, Literal) and term.datatype in INTEGER_TYPES:
        return Literal(str(int(term)), datatype=XSD.integer)
    return term


def quads_of(dataset: Dataset) -> set[tuple]:
    return {
        (s, p, as_oxigraph_stores(o), None if g == DATASET_DEFAULT_GRAPH_ID else g)
        for s, p, o, g in dataset.quads((None, None, None, None))
    }


def quads_of_store(store: ox.Store) -> set[tuple]:
    return {
        (
            to_rdflib(q.subject),
            to_rdflib(q.predicate),
            to_rdflib(q.object),
            None if isinstance(q.graph_name, ox.DefaultGraph) else to_rdflib(q.graph_name),
        )
        for q in store
    }


@pytest.fixture
def data_copy(tmp_path, generated_dir) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(generated_dir, copy)
    return copy


def test_persisted_store_holds_the_same_quads_as_a_cold_load_of_the_article(
    tmp_path, article, article_alone
):
    copy = tmp_path / "data"
    shutil.copytree(article_alone, copy)
    assert quads_of_store(store_cache.open_store(copy)) == quads_of(article)


def test_persisted_store_holds_the_same_quads_as_a_cold_load_of_a_generated_graph(
    data_copy, generated
):
    store = store_cache.open_store(data_copy)
    assert len(store) == len(generated)
    assert quads_of_store(store) == quads_of(generated)


def test_persisted_store_is_reused_while_nothing_changes(data_copy):
    first = store_cache.store_path(data_copy)
    store_cache.open_store(data_copy)
    built_at = first.stat().st_mtime_ns
    store_cache.open_store(data_copy)
    assert store_cache.store_path(data_copy) == first
    assert first.stat().st_mtime_ns == built_at


def test_persisted_store_is_rebuilt_when_a_data_file_changes(data_copy):
    old = store_cache.store_path(data_copy)
    store_cache.open_store(data_copy)
    (data_copy / "extra.ttl").write_text(
        "@prefix nk: <https://w3id.org/nkdefectors/id/> .\n"
        "@prefix nkd: <https://w3id.org/nkdefectors/ontology#> .\n"
        "nk:someone-new a nkd:Person .\n",
        encoding="utf-8",
    )
    engine = OxigraphEngine(store_cache.open_store(data_copy))
    assert store_cache.store_path(data_copy) != old
    assert not old.exists()
    assert engine.query(
        "ASK { GRAPH <https://w3id.org/nkdefectors/graph/extra> "
        "{ <https://w3id.org/nkdefectors/id/someone-new> ?p ?o } }"
    ).askAnswer


def test_a_second_build_of_the_same_store_keeps_the_first(data_copy):
    target = store_cache.store_path(data_copy)
    store_cache.build(data_copy, target)
    inode = target.stat().st_ino
    store_cache.build(data_copy, target)
    assert target.stat().st_ino == inode
    assert [p.name for p in target.parent.iterdir() if p.name.startswith(".build-")] == []


def test_cache_goes_to_the_user_cache_folder_when_beside_data_is_not_writable(
    tmp_path, monkeypatch, data_copy
):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    beside = data_copy.parent / store_cache.CACHE_DIR_NAME
    beside.mkdir(exist_ok=True)
    monkeypatch.setattr(os, "access", lambda path, mode: Path(path) != beside)
    assert store_cache.cache_root(data_copy) == tmp_path / "xdg" / "nk-defectors-kg"


def test_a_syntax_error_in_a_data_file_names_file_line_and_column(data_copy):
    broken = data_copy / "broken.ttl"
    broken.write_text(
        "@prefix nk: <https://w3id.org/nkdefectors/id/> .\n\nnk:a nk:b nk:c ;\n  nk:d .\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=rf"^{broken}:4:\d+: syntax error"):
        store_cache.open_store(data_copy)
