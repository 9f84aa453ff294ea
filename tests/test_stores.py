"""The graph in real triple stores: `kg push` into an Oxigraph server and a Virtuoso started
on loopback, the saved queries answered the same there as on the embedded graph, and the
failures (wrong password, dead port, invalid graph) leaving the store as it was."""

import shutil
from collections import Counter
from pathlib import Path

import pyoxigraph
import pytest
import requests
from click.testing import CliRunner
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef, Variable
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS, XSD

from kg import paths
from kg.endpoint import open_session, run_query, send
from kg.errors import KGError
from kg.load import load_dataset
from kg.namespaces import GRAPH, NK, NKD, ONTOLOGY_GRAPH, bind_prefixes
from kg.push import expected_count, graph_url, push, push_command, store_urls

pytest_plugins = ["stores_fixtures"]

FIXTURES = Path(__file__).parent / "fixtures" / "stores"
FIXTURE_GRAPHS = [GRAPH.havana, GRAPH.london]
SAVED_QUERIES = sorted(paths.QUERIES_DIR.glob("*.rq"))
EX = Namespace("http://example.org/kg-test/")


def push_args(store) -> list[str]:
    args = ["--flavour", store.flavour, "--store", store.url]
    return args + (["--user", store.user] if store.user else [])


def run_push(store, data: Path, *extra: str, password: str | None = None):
    """`kg push` through the command line, on the data folder ``data``."""
    environment = {"KG_DATA": str(data)}
    if store.password is not None or password is not None:
        environment["KG_STORE_PASSWORD"] = password if password is not None else store.password
    return CliRunner().invoke(push_command, [*push_args(store), *extra], env=environment)


def exit_code(result) -> int:
    if isinstance(result.exception, KGError):
        return result.exception.exit_code
    return result.exit_code


def session_for(store) -> requests.Session:
    return open_session(store.user, store.password, "digest" if store.user else "basic")


def query_url(store) -> str:
    return store_urls(store.url, store.flavour).query


def count_graph(store, graph_iri: URIRef) -> int:
    result = run_query(
        query_url(store),
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}",
        session=session_for(store),
    )
    return int(next(iter(result))[0])


def count_all(store) -> int:
    result = run_query(
        query_url(store),
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        session=session_for(store),
    )
    return int(next(iter(result))[0])


def delete_graph(store, graph_iri: URIRef) -> None:
    url = graph_url(store_urls(store.url, store.flavour).gsp, graph_iri)
    send(session_for(store), "DELETE", url, tolerate=(404,))


@pytest.fixture
def scratch(store):
    """A store whose graphs other than the article's are removed after the test, so that the
    saved queries always meet the article graph alone."""
    article_graphs = {g.identifier for g in load_dataset().graphs()}
    yield store
    for graph_iri in [*FIXTURE_GRAPHS, GRAPH.unsupported, GRAPH["test-literals"]]:
        if graph_iri not in article_graphs:
            delete_graph(store, graph_iri)


@pytest.fixture(scope="session")
def article_dataset_for_stores() -> Dataset:
    return load_dataset()


@pytest.fixture(scope="session")
def article_store(store, article_dataset_for_stores: Dataset):
    """The store, loaded with the project's own graph by `kg push`."""
    result = run_push(store, paths.data_dir())
    assert result.exit_code == 0, result.output
    return store


def comparable(term):
    """A result term as the stores may hand it back: blank node labels are the store's own,
    language tags are case-insensitive, Virtuoso types plain strings as xsd:string, and
    numbers and booleans are compared by value (Virtuoso writes true as 1, 1.50 as 1.5)."""
    if term is None:
        return None
    if isinstance(term, BNode):
        return "_:"
    if isinstance(term, Literal):
        if term.language:
            return ("lang", str(term), term.language.lower())
        datatype = None if term.datatype in (None, XSD.string) else term.datatype
        if datatype in (XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.boolean):
            return ("number", term.value)
        return ("literal", str(term), datatype)
    return term


def rows(result, variables) -> Counter:
    return Counter(tuple(comparable(row[v]) for v in variables) for row in result)


# --- Pushing -----------------------------------------------------------------------------


def test_push_sends_every_graph_and_the_counts_match(scratch):
    result = run_push(scratch, FIXTURES / "data")

    assert result.exit_code == 0, result.output
    local = load_dataset(FIXTURES / "data")
    pushed = [g for g in local.graphs() if isinstance(g.identifier, URIRef) and len(g)]
    assert result.stdout.startswith(f"pushed {len(pushed)} graphs, ")
    for graph in pushed:
        assert f"<{graph.identifier}>: {len(graph)} triples" in result.stderr
        assert count_graph(scratch, graph.identifier) == len(graph)
    assert count_graph(scratch, GRAPH.havana) == 47
    assert count_graph(scratch, GRAPH.london) == 22


def test_a_second_push_replaces_instead_of_duplicating(scratch):
    first = run_push(scratch, FIXTURES / "data")
    before = count_all(scratch)
    second = run_push(scratch, FIXTURES / "data")

    assert (first.exit_code, second.exit_code) == (0, 0), second.output
    assert count_all(scratch) == before
    assert count_graph(scratch, GRAPH.havana) == 47


def test_a_query_naming_no_graph_sees_the_union_of_the_named_graphs(scratch):
    # The defection is in graph london, the name of who asserts it in graph havana.
    assert run_push(scratch, FIXTURES / "data").exit_code == 0
    result = run_query(
        query_url(scratch),
        f"SELECT ?name WHERE {{ <{NK['defection-thae-yong-ho']}> <{NKD.assertedBy}> ?who . "
        f"?who <{RDFS.label}> ?name }}",
    )
    assert [row[0] for row in result] == [Literal("Robert R. King", lang="en")]


def tricky_graph() -> Graph:
    """Literals and blank nodes that a store might change on the way in or out."""
    graph = Graph(identifier=GRAPH["test-literals"])
    s = EX.subject
    for value in [
        Literal("Thae’s “quote” — d’affaires"),
        Literal('line one\nline two\t"quoted" \\ backslash'),
        Literal("x" * 3000 + "“end”"),
        Literal("리일규", lang="ko"),
        Literal("late November", lang="en"),
        Literal("2023-11", datatype=XSD.gYearMonth),
        Literal("2016", datatype=XSD.gYear),
        Literal("2018-11-10", datatype=XSD.date),
        Literal("2023-11-30T23:59:59", datatype=XSD.dateTime),
        Literal("46", datatype=XSD.integer),
        Literal("true", datatype=XSD.boolean),
        Literal("2.5", datatype=XSD.decimal),
        Literal("opaque", datatype=EX.customType),
    ]:
        graph.add((s, EX.value, value))
    first, second = BNode(), BNode()
    graph.add((s, EX.list, first))
    graph.add((first, EX.item, Literal("first")))
    graph.add((first, EX.next, second))
    graph.add((second, EX.item, Literal("second")))
    graph.add((EX.other, EX.sameNode, second))
    return graph


def test_literals_and_blank_nodes_survive_the_round_trip(scratch):
    sent = tricky_graph()
    dataset = Dataset()
    for triple in sent:
        dataset.graph(sent.identifier).add(triple)
    urls = store_urls(scratch.url, scratch.flavour)

    pushed = push(dataset, urls, session_for(scratch))

    assert [(p.iri, p.in_store) for p in pushed] == [(sent.identifier, len(sent))]
    back = run_query(
        urls.query,
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{sent.identifier}> {{ ?s ?p ?o }} }}",
        session=session_for(scratch),
    ).graph
    assert len(back) == len(sent)
    assert isomorphic(back, sent)


def test_value_equal_literals_that_virtuoso_merges_fail_the_count_check(scratch):
    # Virtuoso stores gYear, gYearMonth and date as one datetime value: three literals of one
    # subject and property become one triple there. Oxigraph keeps all three.
    graph_iri = GRAPH["test-literals"]
    dataset = Dataset()
    graph = dataset.graph(graph_iri)
    for value in [
        Literal("2019", datatype=XSD.gYear),
        Literal("2019-01", datatype=XSD.gYearMonth),
        Literal("2019-01-01", datatype=XSD.date),
    ]:
        graph.add((EX.subject, EX.when, value))
    urls = store_urls(scratch.url, scratch.flavour)

    if scratch.flavour == "virtuoso":
        with pytest.raises(Exception) as failure:
            push(dataset, urls, session_for(scratch))
        assert str(failure.value) == (f"<{graph_iri}>: the store holds 1 triples, 3 were sent")
        assert failure.value.exit_code == 1
    else:
        assert [p.in_store for p in push(dataset, urls, session_for(scratch))] == [3]


def test_inferred_closure_goes_to_its_own_graph(scratch):
    result = run_push(scratch, FIXTURES / "data", "--inferred")

    assert result.exit_code == 0, result.output
    inferred = count_graph(scratch, GRAPH.inferred)
    assert inferred > 0
    assert f"<{GRAPH.inferred}>: {inferred} triples" in result.stderr
    delete_graph(scratch, GRAPH.inferred)


# --- Failures leave the store as it was ---------------------------------------------------


def test_a_wrong_password_is_one_line_naming_the_store_and_http_401(virtuoso_store):
    before = count_all(virtuoso_store)

    result = run_push(virtuoso_store, FIXTURES / "data", password="not-the-password")

    assert exit_code(result) == 2
    assert str(result.exception) == (
        f"{virtuoso_store.url} refused the request: HTTP 401 Unauthorized (wrong user or password)"
    )
    assert count_all(virtuoso_store) == before


def test_a_dead_port_is_one_line_cannot_connect(dead_store):
    port = dead_store.url.rsplit(":", 1)[1]
    dead = dead_store

    result = run_push(dead, FIXTURES / "data", "--retries", "1")

    assert exit_code(result) == 2
    assert str(result.exception) == (
        f"cannot connect to http://127.0.0.1:{port}/update: connection refused"
    )


def test_a_graph_failing_validation_is_not_pushed_at_all(scratch, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", data)
    shutil.copy(FIXTURES / "invalid" / "unsupported.ttl", data)
    before = count_all(scratch)

    result = run_push(scratch, data)

    assert exit_code(result) == 1
    message = str(result.exception)
    assert message.startswith(f"nothing pushed: <{GRAPH.unsupported}>: ")
    assert NK["defection-unsupported"].n3() in message
    assert count_all(scratch) == before
    assert count_graph(scratch, GRAPH.unsupported) == 0


# --- Remote queries -------------------------------------------------------------------------


def test_a_long_query_is_sent_as_a_form_and_answered(scratch):
    assert run_push(scratch, FIXTURES / "data").exit_code == 0
    session = session_for(scratch)
    methods = []
    session.hooks["response"].append(lambda response, **_: methods.append(response.request))
    padding = " ".join(f'"{i}"' for i in range(400))
    sparql = (
        f"SELECT ?label WHERE {{ <{NK['ri-il-kyu']}> <{RDFS.label}> ?label "
        f"FILTER(?label NOT IN ({padding.replace(' ', ', ')})) }}"
    )

    result = run_query(query_url(scratch), sparql, session=session)

    assert [row[0] for row in result] == [Literal("Ri Il-kyu", lang="en")]
    assert {(r.method, r.headers["Content-Type"]) for r in methods} == {
        ("POST", "application/x-www-form-urlencoded")
    }


@pytest.mark.parametrize("query", SAVED_QUERIES, ids=lambda p: p.stem)
def test_every_saved_query_answers_as_on_the_embedded_graph(
    article_store, article_dataset_for_stores, query
):
    sparql = query.read_text(encoding="utf-8")
    embedded = article_dataset_for_stores.query(sparql)
    remote = run_query(query_url(article_store), sparql, session=session_for(article_store))

    if embedded.type == "ASK":
        assert remote.askAnswer == embedded.askAnswer
    elif embedded.type in ("CONSTRUCT", "DESCRIBE"):
        assert isomorphic(remote.graph, embedded.graph)
    else:
        variables = embedded.vars
        assert rows(remote, variables) == rows(embedded, variables)
        assert len(remote) > 0 or len(embedded) == 0


# --- Export formats through an independent parser ------------------------------------------

EXPORT_FORMATS = {
    "ttl": ("turtle", pyoxigraph.RdfFormat.TURTLE),
    "nt": ("nt", pyoxigraph.RdfFormat.N_TRIPLES),
    "nq": ("nquads", pyoxigraph.RdfFormat.N_QUADS),
    "trig": ("trig", pyoxigraph.RdfFormat.TRIG),
    "jsonld": ("json-ld", pyoxigraph.RdfFormat.JSON_LD),
    "xml": ("xml", pyoxigraph.RdfFormat.RDF_XML),
}


@pytest.mark.parametrize("name", sorted(EXPORT_FORMATS))
def test_oxigraph_parser_reads_every_export_format(name):
    rdflib_format, oxigraph_format = EXPORT_FORMATS[name]
    dataset = load_dataset(FIXTURES / "data")
    bind_prefixes(dataset)
    union = Graph()
    for graph in dataset.graphs():
        union += graph
    source = dataset if oxigraph_format.supports_datasets else union
    text = source.serialize(format=rdflib_format, encoding="utf-8")

    parsed = list(pyoxigraph.parse(text, format=oxigraph_format))

    assert len(parsed) == (
        sum(len(g) for g in dataset.graphs()) if oxigraph_format.supports_datasets else len(union)
    )
    if oxigraph_format.supports_datasets:
        graphs = {str(q.graph_name.value) for q in parsed}
        assert {str(GRAPH.havana), str(GRAPH.london), str(ONTOLOGY_GRAPH)} <= graphs


def test_expected_count_treats_language_tags_case_insensitively():
    graph = Graph()
    graph.add((EX.s, EX.p, Literal("colour", lang="en-GB")))
    graph.add((EX.s, EX.p, Literal("colour", lang="en-gb")))
    graph.add((EX.s, EX.p, Literal("colour")))
    assert expected_count(graph) == 2


def test_parameters_are_bound_in_the_query_text_the_store_receives(scratch):
    assert run_push(scratch, FIXTURES / "data").exit_code == 0
    sparql = (
        f"SELECT ?name WHERE {{ ?_person_iri <{RDFS.label}> ?name . "
        f"?defection <{NKD.subject}> ?_person_iri }}"
    )

    result = run_query(
        query_url(scratch), sparql, bindings={Variable("_person_iri"): NK["thae-yong-ho"]}
    )

    assert [row[0] for row in result] == [Literal("Thae Yong-ho", lang="en")]
