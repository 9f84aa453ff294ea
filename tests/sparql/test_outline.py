"""The outline read from a query's tokens says what rdflib's parse into algebra says: its
variables, whether a top-level ORDER BY fixes its rows, what a SELECT projects; and it sends
to rdflib's parse every query that may reach beyond our graphs or nests too deep."""

import re

import pytest
from rdflib import Variable
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue

from kg.graph import iris
from kg.sparql import catalogue as q
from kg.sparql import outline

SAVED = {saved.name: saved.text for saved in q.catalogue()}

QUERIES = {
    **SAVED,
    "ordered-subquery-only": """
        SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 3 } }""",
    "order-in-string-and-comment": """
        SELECT ?s WHERE { ?s ?p "ORDER BY ?s" } # ORDER BY ?s""",
    "ordered-with-limit": "SELECT DISTINCT ?s WHERE { ?s ?p ?o } ORDER BY DESC(?s) LIMIT 5",
    "grouped-and-ordered": """
        SELECT ?s (COUNT(?o) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s ORDER BY ?n""",
    "lower-case": "select ?s where { ?s ?p ?o } order by ?s",
    "expression-projection": """
        SELECT (STR(?_person_iri) AS ?name) ?o WHERE { ?_person_iri ?p ?o . ?x ?y ?__limit }""",
    "ask": "ASK { ?s ?p ?o }",
    "construct": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } ORDER BY ?s",
    "variable-in-iri-and-string": 'SELECT ?a WHERE { ?a <http://x/?b> "?c" }',
}


def algebra(text: str) -> CompValue:
    return prepareQuery(text, initNs=dict(iris.PREFIXES)).algebra


def walk(node: object):
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if isinstance(current, dict):
            stack.extend(current.values())
        elif isinstance(current, list | tuple):
            stack.extend(current)


def ordered_in_algebra(text: str) -> bool:
    node = dict.get(algebra(text), "p")
    while isinstance(node, CompValue) and node.name in ("Slice", "Distinct", "Reduced", "Project"):
        node = dict.get(node, "p")
    return isinstance(node, CompValue) and node.name == "OrderBy"


@pytest.mark.parametrize("name", QUERIES)
def test_the_order_is_fixed_where_the_algebra_has_a_top_level_order_by(name):
    text = QUERIES[name]
    assert outline.is_ordered(text) == ordered_in_algebra(text)


@pytest.mark.parametrize("name", QUERIES)
def test_the_parameters_are_the_algebras_variables_named_as_parameters(name):
    text = QUERIES[name]
    named_as_parameters = re.compile(r"__?[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*")
    in_algebra = {
        str(node)
        for node in walk(algebra(text))
        if isinstance(node, Variable) and named_as_parameters.fullmatch(node)
    }
    found = q.parameters(q.QueryText(origin="test", text=text))
    assert {parameter.variable for parameter in found} == in_algebra


@pytest.mark.parametrize("name", [n for n in QUERIES if "SELECT" in QUERIES[n].upper()])
def test_a_select_projects_what_the_algebra_projects(name):
    text = QUERIES[name]
    tree = algebra(text)
    if tree.name != "SelectQuery":
        return
    assert outline.projection(text) == {str(v) for v in tree["PV"]}


def test_select_star_is_left_to_the_algebra():
    assert outline.projection("SELECT * WHERE { ?s ?p ?o }") is None


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "select * where { service <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "SELECT * WHERE { \\u0053ERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 30 + "true" + ")" * 30 + ") }",
        "SELECT * WHERE { " + "{ " * 30 + "?s ?p ?o" + " }" * 30 + " }",
    ],
)
def test_what_may_reach_out_or_nests_deep_goes_to_the_algebra(text):
    assert outline.needs_algebra(text, allow_network=False)


@pytest.mark.parametrize(
    "text",
    [
        'SELECT ?s WHERE { ?s ?p "SERVICE <http://example.org/sparql>" }',
        "SELECT ?s WHERE { ?s ?p ?o } # FROM <http://example.org/g>",
        "SELECT ?from ?service WHERE { ?from nkd:service ?service }",
    ],
)
def test_the_words_in_strings_comments_and_names_are_not_keywords(text):
    assert not outline.needs_algebra(text, allow_network=False)


def test_every_saved_query_runs_without_the_algebra():
    assert not any(outline.needs_algebra(text, allow_network=False) for text in SAVED.values())
