"""Provenance of the data: every quote occurs in its source, every fact carries its evidence,
source, certainty and asserter, no blank nodes, only declared terms, and docs/coverage.md
accounts for every paragraph of the article and every fact in it.

The graph is loaded at collection time so that each node gets a test of its own and a
failure names the offending node or quote.
"""

import re
from functools import cache
from pathlib import Path

import pytest
from rdflib import RDF, BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, XSD

from kg.graph import paths
from kg.graph.load import load_dataset
from kg.graph.namespaces import GRAPH, NK, NKD, NKV, OA, ONTOLOGY_GRAPH, SHAPES_GRAPH

ARTICLE = "kei-peninsula-2024-09-03"
ARTICLE_SOURCE = NK["source-" + ARTICLE]
ARTICLE_GRAPH = URIRef(GRAPH + ARTICLE)
COVERAGE_FILE = paths.PROJECT_ROOT / "docs" / "coverage.md"

# Only the words of a link are content; the capture keeps the markup as [words](#).
LINK_MARKUP = re.compile(r"\[([^\]]*)\]\(#\)")
# Page furniture of the capture: contact line, navigation and share buttons.
FURNITURE = frozenset(
    {"📞 202.464.1982 📍 1800 K Street NW", "Return to the Peninsula", "Tweet", "Share", "Email"}
)
CURIE_PREFIXES = {"nk": NK, "nkd": NKD, "nkv": NKV}
CURIE = re.compile(r"`(nk|nkd|nkv):([A-Za-z0-9_.-]+)`")
TABLE_ROW = re.compile(r"^\|\s*(\d+)\s*\|([^|]*)\|([^|]*)\|(.*)\|\s*$")


def normalise(text: str) -> str:
    """Collapse every run of white space to one space, as quotes are matched."""
    return " ".join(text.split())


def matchable(raw: str) -> str:
    """The source text as quotes are matched against it: link markup stripped, normalised."""
    return normalise(LINK_MARKUP.sub(r"\1", raw))


def local(node: URIRef) -> str:
    """A readable test id: the IRI without the instance namespace."""
    return str(node).removeprefix(str(NK))


@cache
def dataset() -> Dataset:
    return load_dataset()


@cache
def union() -> Graph:
    """Every triple of every graph, for lookups (the Dataset is kept for SPARQL)."""
    graph = Graph()
    for s, p, o, _ in dataset().quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


@cache
def ontology() -> Graph:
    return dataset().graph(ONTOLOGY_GRAPH)


@cache
def data_graphs() -> tuple[Graph, ...]:
    """The named graphs filled from data/, without the ontology and the shapes."""
    skip = {ONTOLOGY_GRAPH, SHAPES_GRAPH}
    return tuple(
        sorted(
            (
                g
                for g in dataset().graphs()
                if str(g.identifier).startswith(str(GRAPH)) and g.identifier not in skip
            ),
            key=lambda g: str(g.identifier),
        )
    )


def data_triples():
    for graph in data_graphs():
        yield from graph


@cache
def source_text(document: URIRef) -> str | None:
    """The matchable text of a source document's capture, or None if it has none."""
    captured = union().value(document, NKD.capturedAs)
    if captured is None:
        return None
    path = paths.SOURCES_DIR.parent / str(captured)
    if not path.is_file():
        return None
    return matchable(path.read_text(encoding="utf-8"))


@cache
def facts() -> tuple[URIRef, ...]:
    """Every instance of nkd:Fact or of any of its subclasses, by the ontology's hierarchy."""
    rows = dataset().query(
        """SELECT DISTINCT ?fact WHERE {
               ?fact a ?class . ?class rdfs:subClassOf* nkd:Fact .
           }""",
        initNs={"nkd": NKD, "rdfs": URIRef("http://www.w3.org/2000/01/rdf-schema#")},
    )
    return tuple(sorted(row.fact for row in rows))


@cache
def evidence_nodes() -> tuple[URIRef, ...]:
    return tuple(sorted(set(union().subjects(RDF.type, NKD.Evidence))))


# --- Quotes ---


@pytest.mark.parametrize("evidence", evidence_nodes(), ids=local)
def test_quote_occurs_in_its_source(evidence):
    ds = union()
    quotes = list(ds.objects(evidence, OA.exact))
    assert len(quotes) == 1, f"{evidence} has {len(quotes)} oa:exact values"
    quote = quotes[0]
    assert isinstance(quote, Literal) and quote.language is None, f"{evidence}: {quote!r}"
    assert quote.datatype in (None, XSD.string), f"{evidence}: oa:exact typed {quote.datatype}"
    documents = list(ds.objects(evidence, PROV.wasQuotedFrom))
    assert documents, f"{evidence} has no prov:wasQuotedFrom"
    for document in documents:
        text = source_text(document)
        assert text is not None, f"{evidence}: no readable capture for {document}"
        assert normalise(str(quote)) in text, f"{evidence}: not in {document}: {str(quote)!r}"


@pytest.mark.parametrize("evidence", evidence_nodes(), ids=local)
def test_evidence_supports_a_fact_from_the_source_it_quotes(evidence):
    ds = union()
    supported = list(ds.subjects(NKD.evidence, evidence))
    assert supported, f"{evidence} is the evidence of no fact"
    for fact in supported:
        sources = set(ds.objects(fact, DCTERMS.source))
        for document in ds.objects(evidence, PROV.wasQuotedFrom):
            assert document in sources, f"{evidence} quotes {document}, not a source of {fact}"


def test_article_has_quotes():
    quoting = [e for e in evidence_nodes() if (e, PROV.wasQuotedFrom, ARTICLE_SOURCE) in union()]
    assert len(quoting) >= 100


def test_article_graph_records_its_derivation():
    ds = union()
    assert (ARTICLE_GRAPH, RDF.type, NKD.SourceGraph) in ds
    assert (ARTICLE_GRAPH, PROV.wasDerivedFrom, ARTICLE_SOURCE) in ds
    activity = ds.value(ARTICLE_GRAPH, PROV.wasGeneratedBy)
    assert (activity, RDF.type, PROV.Activity) in ds
    assert ds.value(activity, PROV.endedAtTime) is not None
    assert ds.value(ARTICLE_SOURCE, NKD.capturedAs) == Literal(f"sources/{ARTICLE}.txt")


# --- Facts ---


@pytest.mark.parametrize("fact", facts(), ids=local)
def test_fact_has_evidence_certainty_source_and_asserter(fact):
    ds = union()
    assert list(ds.objects(fact, NKD.evidence)), f"{fact} has no nkd:evidence"
    certainties = list(ds.objects(fact, NKD.certainty))
    assert len(certainties) == 1, f"{fact} has {len(certainties)} certainties"
    assert list(ds.objects(fact, DCTERMS.source)), f"{fact} has no dcterms:source"
    assert list(ds.objects(fact, NKD.assertedBy)), f"{fact} has no nkd:assertedBy"


def test_facts_include_every_subclass():
    kinds = {kind for fact in facts() for kind in union().objects(fact, RDF.type)}
    expected = {
        NKD.Claim,
        NKD.Posting,
        NKD.Kinship,
        NKD.Observation,
        NKD.Defection,
        NKD.Disclosure,
        NKD.Execution,
        NKD.Imprisonment,
        NKD.Election,
        NKD.Appointment,
        NKD.Summit,
        NKD.Resettlement,
        NKD.Return,
        NKD.Interview,
        NKD.EstablishmentOfDiplomaticRelations,
    }
    assert expected <= kinds


# --- Nodes and terms ---


@pytest.mark.parametrize("graph", data_graphs(), ids=lambda g: str(g.identifier))
def test_no_blank_nodes_in_data(graph):
    found = [t for t in graph if any(isinstance(n, BNode) for n in t)]
    assert not found, f"{graph.identifier}: blank nodes in {found[:3]}"


def nk_iris_used() -> list[URIRef]:
    used = set()
    for s, _, o in data_triples():
        for node in (s, o):
            if isinstance(node, URIRef) and str(node).startswith(str(NK)):
                used.add(node)
    return sorted(used)


@pytest.mark.parametrize("iri", nk_iris_used(), ids=local)
def test_instance_iri_is_declared_with_a_type(iri):
    assert list(union().objects(iri, RDF.type)), f"{iri} is used but has no rdf:type"


def vocabulary_terms_used() -> list[URIRef]:
    used = set()
    for triple in data_triples():
        for node in triple:
            if isinstance(node, URIRef) and str(node).startswith((str(NKD), str(NKV))):
                used.add(node)
    return sorted(used)


@pytest.mark.parametrize("term", vocabulary_terms_used(), ids=str)
def test_ontology_and_vocabulary_terms_exist(term):
    assert (term, None, None) in ontology(), f"{term} is used in data/ but not declared"


# --- Coverage of the article ---


@cache
def article_paragraphs() -> tuple[str, ...]:
    """The article's content paragraphs in order, matchable, numbered from 1 in the table.

    Blocks are separated by blank lines; a block starting in lower case continues the
    previous paragraph, where the capture broke a sentence.
    """
    raw = (paths.SOURCES_DIR / f"{ARTICLE}.txt").read_text(encoding="utf-8")
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", raw):
        text = matchable(block)
        if not text or text in FURNITURE:
            continue
        if text[0].islower() and paragraphs:
            paragraphs[-1] += " " + text
        else:
            paragraphs.append(text)
    return tuple(paragraphs)


@cache
def coverage_rows() -> dict[int, tuple[str, set[URIRef]]]:
    """Paragraph number -> (its opening words, the IRIs the row names)."""
    rows: dict[int, tuple[str, set[URIRef]]] = {}
    for line in Path(COVERAGE_FILE).read_text(encoding="utf-8").splitlines():
        match = TABLE_ROW.match(line)
        if not match:
            continue
        number = int(match.group(1))
        assert number not in rows, f"paragraph {number} has two rows in {COVERAGE_FILE}"
        opening = normalise(match.group(2).strip().strip("`").strip())
        iris = {URIRef(CURIE_PREFIXES[p] + name) for p, name in CURIE.findall(match.group(4))}
        rows[number] = (opening, iris)
    return rows


def test_article_has_26_content_paragraphs():
    paragraphs = article_paragraphs()
    assert len(paragraphs) == 26
    assert paragraphs[0] == "THE PENINSULA"
    assert paragraphs[7].endswith(
        "By comparison, South Korea maintains 166 resident embassies, "
        "consulates, and permanent missions, all significantly larger "
        "than North Korean posts in the same locations."
    )
    assert paragraphs[-1].startswith("KEI is registered under the FARA")


def test_coverage_numbers_every_paragraph_once():
    assert sorted(coverage_rows()) == list(range(1, len(article_paragraphs()) + 1))


@pytest.mark.parametrize("number", range(1, 27))
def test_coverage_row_opens_its_paragraph_and_names_existing_iris(number):
    opening, iris = coverage_rows()[number]
    paragraph = article_paragraphs()[number - 1]
    assert opening and paragraph.startswith(opening), f"row {number}: {opening!r}"
    assert iris, f"row {number} names no IRI"
    missing = sorted(iri for iri in iris if (iri, None, None) not in union())
    assert not missing, f"row {number} names IRIs that exist nowhere: {missing}"


@pytest.mark.parametrize(
    "fact", [f for f in facts() if (f, DCTERMS.source, ARTICLE_SOURCE) in union()], ids=local
)
def test_coverage_lists_fact_under_a_paragraph_it_quotes(fact):
    ds = union()
    quoted_in = {
        number
        for number, paragraph in enumerate(article_paragraphs(), start=1)
        for evidence in ds.objects(fact, NKD.evidence)
        for quote in ds.objects(evidence, OA.exact)
        if normalise(str(quote)) in paragraph
    }
    listed_in = {number for number, (_, iris) in coverage_rows().items() if fact in iris}
    assert listed_in & quoted_in, (
        f"{fact} is quoted in paragraphs {sorted(quoted_in)} but listed in {sorted(listed_in)}"
    )
