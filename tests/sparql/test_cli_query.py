"""`kg query` and `kg queries` through the real command: saved queries, files and inline
queries, every output format, typed parameters, ordering, inference and the errors."""

import json
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from kg.graph import paths

FIXTURES = Path(__file__).parents[1] / "fixtures" / "cli"
DATA = FIXTURES / "data"
SAVED = FIXTURES / "queries"
POSTINGS = SAVED / "postings-of-person.rq"
NK = "https://w3id.org/nkdefectors/id/"


@pytest.fixture
def saved_queries(monkeypatch):
    """The fixture queries stand in for the project's saved queries."""
    monkeypatch.setattr(paths, "QUERIES_DIR", SAVED)


# --- Saved queries, files and inline queries ---


def test_saved_query_by_name_prints_an_aligned_table(saved_queries, kg):
    result = kg("query", "postings-of-person")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "person        name       role                             organisation\n"
        "------------  ---------  -------------------------------  ------------------------------\n"
        "nk:ri-il-kyu  Ri Il-kyu  counselor for political affairs  North Korean embassy in Havana\n"
    )


def test_query_file_runs_the_same_query(kg):
    assert kg("query", POSTINGS).stdout.splitlines()[2].startswith("nk:ri-il-kyu  Ri Il-kyu")


def test_inline_query_may_use_our_prefixes_without_declaring_them(kg):
    result = kg("query", "-e", "SELECT ?name WHERE { nk:ri-il-kyu skos:prefLabel ?name }")
    assert result.exit_code == 0, result.output
    assert result.stdout == "name\n---------\nRi Il-kyu\n"


def test_query_file_must_declare_its_prefixes(tmp_path, kg):
    query = tmp_path / "undeclared.rq"
    query.write_text("SELECT ?name\nWHERE {\n  nk:ri-il-kyu skos:prefLabel ?name }\n")
    result = kg("query", query)
    assert result.exit_code == 2
    assert result.stderr == f"kg: error: {query}:3:3: unknown prefix nk: (declare it with PREFIX)\n"


def test_queries_lists_names_summaries_and_parameters(saved_queries, kg):
    result = kg("queries", data=None)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "persons             Every person, with the name the graph gives\n"
        "postings-of-person  Postings of a person, with role and organisation\n"
        "                    parameters: person=<https://w3id.org/nkdefectors/id/ri-il-kyu>\n"
    )


def test_unknown_saved_query_suggests_the_closest_names(saved_queries, kg):
    result = kg("query", "posting-of-persons")
    assert result.exit_code == 2
    assert result.stderr == (
        "kg: error: no saved query named 'posting-of-persons'; "
        "did you mean postings-of-person, persons?\n"
    )


def test_no_query_at_all_is_a_usage_error(kg):
    result = kg("query")
    assert result.exit_code == 2
    assert "give a saved query name, a query file or -e TEXT" in result.stderr


# --- Output formats ---


def test_csv_is_the_sparql_csv_result_format(kg):
    result = kg("query", POSTINGS, "--format", "csv")
    assert result.stdout_bytes == (
        b"person,name,role,organisation\r\n"
        b"https://w3id.org/nkdefectors/id/ri-il-kyu,Ri Il-kyu,counselor for political affairs,"
        b"North Korean embassy in Havana\r\n"
    )


def test_tsv_writes_terms_in_their_turtle_form(kg):
    result = kg("query", POSTINGS, "--format", "tsv")
    assert result.stdout == (
        "?person\t?name\t?role\t?organisation\n"
        '<https://w3id.org/nkdefectors/id/ri-il-kyu>\t"Ri Il-kyu"@en\t'
        '"counselor for political affairs"@en\t"North Korean embassy in Havana"@en\n'
    )


def test_json_is_the_sparql_json_result_format(kg):
    document = json.loads(kg("query", POSTINGS, "--format", "json").stdout)
    assert document["head"]["vars"] == ["person", "name", "role", "organisation"]
    assert document["results"]["bindings"] == [
        {
            "person": {"type": "uri", "value": NK + "ri-il-kyu"},
            "name": {"type": "literal", "value": "Ri Il-kyu", "xml:lang": "en"},
            "role": {
                "type": "literal",
                "value": "counselor for political affairs",
                "xml:lang": "en",
            },
            "organisation": {
                "type": "literal",
                "value": "North Korean embassy in Havana",
                "xml:lang": "en",
            },
        }
    ]


def test_xml_is_the_sparql_xml_result_format(kg):
    from xml.etree import ElementTree

    root = ElementTree.fromstring(kg("query", POSTINGS, "--format", "xml").stdout_bytes)
    ns = {"s": "http://www.w3.org/2005/sparql-results#"}
    names = [v.get("name") for v in root.findall("s:head/s:variable", ns)]
    assert names == ["person", "name", "role", "organisation"]
    uri = root.find("s:results/s:result/s:binding[@name='person']/s:uri", ns)
    assert uri is not None and uri.text == NK + "ri-il-kyu"


def test_construct_prints_turtle_by_default(kg):
    result = kg("query", "-e", "CONSTRUCT WHERE { nk:ri-il-kyu ?p ?o }")
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(
        'nk:ri-il-kyu a nkd:Person ;\n    rdfs:label "Ri Il-kyu"@en ;\n'
        '    skos:prefLabel "Ri Il-kyu"@en .\n\n'
    )


@pytest.mark.parametrize(
    ("fmt", "parser"), [("nt", "nt"), ("jsonld", "json-ld"), ("ttl", "turtle")]
)
def test_construct_and_describe_write_graph_formats(fmt, parser, kg):
    for text in ("CONSTRUCT WHERE { nk:ri-il-kyu ?p ?o }", "DESCRIBE nk:ri-il-kyu"):
        result = kg("query", "-e", text, "--format", fmt)
        assert result.exit_code == 0, result.output
        graph = Graph().parse(data=result.stdout, format=parser)
        expected = Graph().parse(
            data=f"<{NK}ri-il-kyu> a <https://w3id.org/nkdefectors/ontology#Person> ;"
            ' <http://www.w3.org/2000/01/rdf-schema#label> "Ri Il-kyu"@en ;'
            ' <http://www.w3.org/2004/02/skos/core#prefLabel> "Ri Il-kyu"@en .',
            format="turtle",
        )
        assert isomorphic(graph, expected)


def test_ask_prints_true_or_false(kg):
    assert kg("query", "-e", "ASK { nk:ri-il-kyu a nkd:Person }").stdout == "true\n"
    assert kg("query", "-e", "ASK { nk:ri-il-kyu a nkd:State }").stdout == "false\n"


def test_a_graph_format_for_a_table_query_is_a_usage_error(kg):
    result = kg("query", POSTINGS, "--format", "ttl")
    assert result.exit_code == 2
    assert result.stderr == (
        "kg: error: --format ttl: SELECT queries return a table; use table, csv, tsv, json, xml\n"
    )


def test_a_table_format_for_a_construct_query_is_a_usage_error(kg):
    result = kg("query", "-e", "CONSTRUCT WHERE { ?s ?p ?o }", "--format", "csv")
    assert result.exit_code == 2
    assert "CONSTRUCT queries return a graph; use ttl, nt, jsonld" in result.stderr


# --- Order ---


def test_rows_of_an_unordered_query_are_sorted(kg):
    result = kg("query", "-e", 'SELECT ?x WHERE { VALUES ?x { "b" "a" "c" } }', "--format", "csv")
    assert result.stdout_bytes == b"x\r\na\r\nb\r\nc\r\n"


def test_rows_of_an_ordered_query_keep_its_order(kg):
    text = 'SELECT ?x WHERE { VALUES ?x { "b" "a" "c" } } ORDER BY DESC(?x)'
    assert kg("query", "-e", text, "--format", "csv").stdout_bytes == b"x\r\nc\r\nb\r\na\r\n"


# --- Parameters ---

ECHO = "SELECT ?v WHERE { BIND(?_value AS ?v) }"


@pytest.mark.parametrize(
    ("value", "term"),
    [
        ("<http://example.org/x>", "<http://example.org/x>"),
        ("https://example.org/x", "<https://example.org/x>"),
        ("nk:ri-il-kyu", f"<{NK}ri-il-kyu>"),
        ('"Ri Il-kyu"', '"Ri Il-kyu"'),
        ('"late November"@en', '"late November"@en'),
        ('"2019"^^xsd:gYear', '"2019"^^<http://www.w3.org/2001/XMLSchema#gYear>'),
        # TSV writes integers and decimals in Turtle's short form, as W3C's TSV format allows.
        ("42", "42"),
        ("3.5", "3.5"),
        ("Havana", '"Havana"'),
    ],
)
def test_parameter_values_are_typed_as_written(value, term, kg):
    result = kg("query", "-e", ECHO, "--param", f"value={value}", "--format", "tsv")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"?v\n{term}\n"


def test_an_iri_parameter_takes_a_curie(saved_queries, kg):
    result = kg("query", "postings-of-person", "--param", "person=nk:robert-r-king")
    assert result.exit_code == 0, result.output
    assert result.stdout == "person  name  role  organisation\n------  ----  ----  ------------\n"


def test_an_iri_parameter_refuses_a_literal(saved_queries, kg):
    result = kg("query", "postings-of-person", "--param", "person=Ri Il-kyu")
    assert result.exit_code == 2
    assert result.stderr == (
        "kg: error: --param person: expects an IRI (<http://…>, http(s)://… or prefix:name), "
        "got 'Ri Il-kyu'\n"
    )


def test_an_unknown_prefix_in_a_parameter_names_it(saved_queries, kg):
    result = kg("query", "postings-of-person", "--param", "person=nx:ri-il-kyu")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "kg: error: --param person: unknown prefix nx: in 'nx:ri-il-kyu'"
    )


def test_an_ill_typed_literal_parameter_is_refused(kg):
    result = kg("query", "-e", ECHO, "--param", 'value="late 2023"^^xsd:date')
    assert result.exit_code == 2
    assert result.stderr == (
        "kg: error: --param value: '\"late 2023\"^^xsd:date' is not a valid literal\n"
    )


def test_an_unknown_parameter_lists_the_real_ones(saved_queries, kg):
    result = kg("query", "postings-of-person", "--param", "persona=nk:ri-il-kyu")
    assert result.exit_code == 2
    assert result.stderr == (
        "kg: error: --param persona: postings-of-person has no parameter persona "
        "(its parameters: person)\n"
    )


def test_a_parameter_without_equals_sign_is_a_usage_error(kg):
    result = kg("query", "-e", ECHO, "--param", "value")
    assert result.exit_code == 2
    assert result.stderr == "kg: error: --param 'value': expected name=value\n"


def test_a_required_parameter_without_default_must_be_given(kg):
    result = kg("query", "-e", "SELECT ?n WHERE { ?_person_iri skos:prefLabel ?n }")
    assert result.exit_code == 2
    assert result.stderr == "kg: error: --param person: -e needs a value (--param person=<IRI>)\n"


def test_an_optional_parameter_may_be_left_out(kg):
    text = "SELECT ?n WHERE { nk:ri-il-kyu skos:prefLabel ?n OPTIONAL { ?n ?__p ?x } }"
    assert kg("query", "-e", text).stdout.splitlines()[-1] == "Ri Il-kyu"


# --- Syntax errors ---


def test_sparql_syntax_error_in_a_file_names_file_line_and_column(tmp_path, kg):
    query = tmp_path / "broken.rq"
    query.write_text(
        "PREFIX nkd: <https://w3id.org/nkdefectors/ontology#>\n"
        "SELECT ?p\n"
        "WHERE { ?p a nkd:Person\n"
        "  FILTER ( }\n"
    )
    result = kg("query", query)
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"kg: error: {query}:4:3: syntax error: Expected SelectQuery, found 'FILTER'\n"
    )


def test_sparql_syntax_error_inline_names_line_and_column(kg):
    result = kg("query", "-e", "SELECT ?p WHERE { ?p a nkd:Person ")
    assert result.exit_code == 2
    assert (
        result.stderr
        == "kg: error: -e:1:35: syntax error: Expected SelectQuery, found end of text\n"
    )


def test_missing_query_file_is_bad_input(tmp_path, kg):
    result = kg("query", tmp_path / "absent.rq")
    assert result.exit_code == 2
    assert result.stderr == f"kg: error: {tmp_path / 'absent.rq'}: no such file\n"


# --- Inference ---


def test_infer_answers_from_the_owl_rl_closure(kg):
    # nkd:Person is a subclass of foaf:Person: only the closure says so of each person.
    text = "ASK { nk:ri-il-kyu a foaf:Person }"
    assert kg("query", "-e", text).stdout == "false\n"
    assert kg("query", "--infer", "-e", text).stdout == "true\n"


# --- What a query may not do ---


def test_updates_are_refused(kg):
    result = kg("query", "-e", "INSERT DATA { nk:a nk:b nk:c }")
    assert result.exit_code == 2
    assert result.stderr == (
        "kg: error: -e: this is a SPARQL update; kg query only reads "
        "(use kg add to add assertions)\n"
    )


def test_load_is_refused_and_fetches_nothing(listener, kg):
    url, hits = listener
    result = kg("query", "-e", f"LOAD <{url}/data.ttl>")
    assert result.exit_code == 2
    assert "this is a SPARQL update" in result.stderr
    assert hits == []


def test_service_is_refused_and_fetches_nothing(listener, kg):
    url, hits = listener
    result = kg("query", "-e", f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}")
    assert result.exit_code == 2
    assert result.stderr == (
        f"kg: error: -e: SERVICE <{url}/sparql> would query another endpoint over the network; "
        "pass --allow-network to allow it\n"
    )
    assert hits == []


def test_service_hidden_in_a_subquery_is_refused(listener, kg):
    url, hits = listener
    text = (
        "SELECT * WHERE { { SELECT ?s WHERE { OPTIONAL { "
        f"SERVICE SILENT <{url}/sparql> {{ ?s ?p ?o }} }} }} }} }}"
    )
    result = kg("query", "-e", text)
    assert result.exit_code == 2
    assert "SERVICE" in result.stderr
    assert hits == []


@pytest.mark.parametrize("keyword", ["FROM", "FROM NAMED"])
def test_from_an_outside_graph_is_refused_and_fetches_nothing(listener, keyword, kg):
    url, hits = listener
    result = kg("query", "-e", f"SELECT * {keyword} <{url}/g.ttl> WHERE {{ ?s ?p ?o }}")
    assert result.exit_code == 2
    assert result.stderr == (
        f"kg: error: -e: {keyword} <{url}/g.ttl> is not one of our graphs "
        "(https://w3id.org/nkdefectors/graph/…) and would be fetched; "
        "pass --allow-network to allow it\n"
    )
    assert hits == []


def test_from_one_of_our_graphs_queries_that_graph_only(kg):
    text = (
        "SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/nkdefectors/graph/ontology> "
        "WHERE { nk:ri-il-kyu ?p ?o }"
    )
    result = kg("query", "-e", text, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == b"n\r\n0\r\n"


def test_allow_network_lets_service_reach_the_endpoint(listener, kg):
    url, hits = listener
    result = kg(
        "query",
        "--allow-network",
        "-e",
        f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    )
    assert len(hits) >= 1
    assert hits[0].split(b" ")[1].startswith(b"/sparql")
    # The listener answers 500: the failure is one line, not a traceback.
    assert result.exit_code == 2
    assert result.stderr.startswith("kg: error: ") and result.stderr.count("\n") == 1


def test_query_on_the_article_graph_by_iri_of_its_graph(kg):
    graph = URIRef("https://w3id.org/nkdefectors/graph/kei-peninsula-2024-09-03")
    text = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    result = kg("query", "-e", text, "--format", "csv")
    expected = len(Graph().parse(DATA / "kei-peninsula-2024-09-03.ttl"))
    assert result.stdout_bytes == f"n\r\n{expected}\r\n".encode()
