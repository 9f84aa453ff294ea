"""Round trips of generated graphs: exported by ``kg.publish.export`` in every format, read back by
the project's own readers, they come back isomorphic — and exporting what was read back gives the
same bytes again.

The graphs are made to be awkward: literals of every common datatype, in canonical and
non-canonical lexical forms, language tags in any case, text with control characters,
astral-plane and combining characters, every kind of line break, quotes, backslashes and
escape-like sequences, strings of tens of thousands of characters; IRIs with non-ASCII
characters, queries, fragments and a scheme that is also one of our prefixes (``<nk:x>``);
blank nodes in chains, cycles and indistinguishable pairs, shared between named graphs.

Only RDF/XML gets a narrower strategy, for two things the format cannot carry:

- characters outside XML 1.0's ``Char`` production (the C0 controls other than tab, line
  feed and carriage return, U+FFFE and U+FFFF): an XML parser must reject them, escaped or not;
- predicates whose IRI does not end in an XML name (``http://example.org/1``, ``urn:x:1``,
  ``http://example.org/p/``): RDF/XML writes a predicate as an element name.

Every other format gets the full strategy.
"""

import tempfile
from datetime import timedelta, timezone
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, XSD

from kg.graph.load import load_dataset, read_assertions
from kg.graph.namespaces import GRAPH, NK, NKD
from kg.graph.serialize import serialize_graph, serialize_quads

SUFFIXES = {"ttl": ".ttl", "nt": ".nt", "nq": ".nq", "trig": ".trig", "jsonld": ".jsonld"}
SUFFIXES["xml"] = ".rdf"
QUAD_FORMATS = ("nq", "trig", "jsonld")
GRAPH_FORMATS = ("ttl", "nt", "jsonld")
E = "http://example.org/"

# --- Text ---

# Pieces that break naive writers: escapes, quote runs, line breaks of every kind, a BOM,
# combining sequences, astral-plane characters, the last code point.
AWKWARD = [
    "\n",
    "\r\n",
    "\r",
    "\u2028",
    "\u2029",
    "\x85",
    "\t",
    '"',
    '"""',
    "'''",
    "\\",
    "\\n",
    "\\u0041",
    "\\U0001F600",
    "\x00",
    "\x1b[31m",
    "\x7f",
    "\ufeff",
    "\ufffe",
    "e\u0301",
    "\u1112\u1161\u11ab",
    "\U0001d11e",
    "\U0001f600\ufe0f",
    "\U00020b9f",
    "\U0010ffff",
    "<b>&amp;</b>",
    "]]>",
    "@en",
    "^^",
    "_:b0",
    "# not a comment",
]


def is_xml_char(c: str) -> bool:
    """XML 1.0's Char production."""
    return (
        c in "\t\n\r"
        or "\x20" <= c <= "\ud7ff"
        or "\ue000" <= c <= "\ufffd"
        or "\U00010000" <= c <= "\U0010ffff"
    )


def texts(xml: bool) -> st.SearchStrategy[str]:
    characters = st.characters(exclude_categories=("Cs",))
    if xml:
        characters = characters.filter(is_xml_char)
    pieces = [st.text(characters, max_size=20)]
    pieces.append(st.sampled_from([p for p in AWKWARD if not xml or all(map(is_xml_char, p))]))
    short = st.lists(st.one_of(pieces), max_size=6).map("".join)
    # Long strings by repetition: tens of thousands of characters at no generation cost.
    long = st.builds(lambda text, times: text * times, short.filter(bool), st.integers(500, 3000))
    return st.one_of(short, short, short, long)


# --- Literals ---

LANGUAGE_TAGS = st.from_regex(
    r"[a-zA-Z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?(-[a-z0-9]{5,8})?", fullmatch=True
)


OFFSETS = st.integers(-14 * 60, 14 * 60).map(lambda minutes: timezone(timedelta(minutes=minutes)))


def doubles(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "INF" if value > 0 else "-INF"
    return repr(value)


TYPED = st.one_of(
    st.integers(-(10**40), 10**40).map(Literal),
    st.decimals(allow_nan=False, allow_infinity=False).map(
        lambda d: Literal(str(d), datatype=XSD.decimal)
    ),
    st.floats().map(lambda f: Literal(doubles(f), datatype=XSD.double)),
    st.floats(width=32).map(lambda f: Literal(doubles(f), datatype=XSD.float)),
    st.booleans().map(Literal),
    st.dates().map(Literal),
    st.datetimes().map(Literal),
    st.datetimes(timezones=OFFSETS).map(Literal),
    st.times().map(Literal),
    st.timedeltas().map(Literal),
    st.integers(1, 9999).map(lambda y: Literal(f"{y:04d}", datatype=XSD.gYear)),
    st.builds(
        lambda y, m: Literal(f"{y:04d}-{m:02d}", datatype=XSD.gYearMonth),
        st.integers(1, 9999),
        st.integers(1, 12),
    ),
    st.binary(max_size=20).map(lambda b: Literal(b.hex(), datatype=XSD.hexBinary)),
    st.sampled_from(["http://example.org/a?b#c", "urn:isbn:0451450523", "nk:x"]).map(
        lambda u: Literal(u, datatype=XSD.anyURI)
    ),
    # Valid but not canonical: a reader must keep the form it was given.
    st.sampled_from(
        [
            Literal("007", datatype=XSD.integer),
            Literal("+1", datatype=XSD.integer),
            Literal("-0", datatype=XSD.integer),
            Literal("1", datatype=XSD.boolean),
            Literal("0", datatype=XSD.boolean),
            Literal("1.50", datatype=XSD.decimal),
            Literal(".5", datatype=XSD.decimal),
            Literal("1E3", datatype=XSD.double),
            Literal("-0.0e-0", datatype=XSD.double),
            Literal("2024-07-16Z", datatype=XSD.date),
            Literal("2023-11-30T23:59:59.999+09:00", datatype=XSD.dateTime),
            Literal(str(Decimal("1e-30")), datatype=XSD.decimal),
        ]
    ),
)


def literals(xml: bool) -> st.SearchStrategy[Literal]:
    text = texts(xml)
    return st.one_of(
        text.map(Literal),
        text.map(lambda t: Literal(t, datatype=XSD.string)),
        st.builds(lambda t, lang: Literal(t, lang=lang), text, LANGUAGE_TAGS),
        TYPED,
        # A datatype we do not know: any lexical form is fine.
        text.map(lambda t: Literal(t, datatype=URIRef(E + "datatype/custom"))),
        text.map(lambda t: Literal(t, datatype=URIRef("nk:datatype"))),
    )


# --- IRIs and blank nodes ---

# IRIs with the characters RFC 3987 allows, awkward ones included and some beyond ASCII: a
# path, then perhaps a query and a fragment. Never space, <>"{}|\^` or controls, nor a second
# '#' or a bare '%': the reader refuses those, as Oxigraph does.
PIECES = list("abcxyz019-._~!$&'()*+,;=:@이일규éü한𝄞") + ["%20", "%C3%A9"]
SEGMENT = st.lists(st.sampled_from([*PIECES, "/"]), min_size=1, max_size=8).map("".join)
QUERY = st.lists(st.sampled_from([*PIECES, "/", "?"]), max_size=5).map("".join)
LOCAL = st.builds(
    lambda path, query, fragment: path + query + fragment,
    SEGMENT,
    st.one_of(st.just(""), QUERY.map(lambda q: "?" + q)),
    st.one_of(st.just(""), QUERY.map(lambda f: "#" + f)),
)
IRIS = st.one_of(
    LOCAL.map(lambda n: URIRef(NK + n)),
    LOCAL.map(lambda n: URIRef(E + n)),
    st.sampled_from(
        [
            URIRef("urn:isbn:0451450523"),
            URIRef("mailto:ri.il-kyu@example.org"),
            URIRef("tag:example.org,2024:defector"),
            NKD.Person,
            NK[""],
        ]
    ),
)
# Absolute IRIs whose scheme is one of our prefixes, not prefixed names. The reader of new
# assertions refuses them as a likely mistake; the data loader and other tools take them.
SCHEME_LIKE_PREFIX = st.sampled_from(
    [URIRef("nk:ri-il-kyu"), URIRef("skos:prefLabel"), URIRef("xsd:date")]
)
# RDF/XML needs a predicate to end in an XML name.
XML_PREDICATES = st.from_regex(r"[a-zA-Z_][a-zA-Z0-9_.-]{0,8}", fullmatch=True).map(
    lambda n: URIRef(E + "p/" + n)
)
PREDICATES = st.one_of(XML_PREDICATES, IRIS, st.just(RDF.type))
GRAPH_NAMES = st.sampled_from(
    [URIRef(GRAPH + "a"), URIRef(GRAPH + "b"), URIRef(E + "graph?x=1"), URIRef("nk:graph")]
)
BLANKS = st.integers(0, 5).map(lambda i: BNode(f"b{i}"))


@st.composite
def quads(draw, xml: bool = False, any_scheme: bool = False):
    """A quad; ``any_scheme`` adds IRIs whose scheme is one of our prefixes."""
    iris = st.one_of(IRIS, SCHEME_LIKE_PREFIX) if any_scheme else IRIS
    subject = draw(st.one_of(iris, BLANKS))
    predicate = draw(XML_PREDICATES if xml else st.one_of(PREDICATES, iris))
    value = draw(st.one_of(iris, BLANKS, literals(xml)))
    return subject, predicate, value, draw(GRAPH_NAMES)


def graph_of(triples) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


def folded(dataset: Dataset) -> Graph:
    """Quads as triples whose predicate also names the graph: comparing two folded datasets
    compares which graph each triple is in, blank nodes shared between graphs included."""
    graph = Graph()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        if isinstance(g, Graph):
            g = g.identifier
        graph.add((s, URIRef(f"urn:x-graph:{quote(str(g), safe='')}:{quote(str(p), safe='')}"), o))
    return graph


def read_back(data: bytes, fmt: str) -> Graph:
    """The export read as ``kg validate`` and ``kg add`` read a file of new assertions."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"export{SUFFIXES[fmt]}"
        path.write_bytes(data)
        return read_assertions(path).graph


def load_back(data: bytes, fmt: str) -> Dataset:
    """The export as a file in a data folder, loaded as ``kg`` loads ``data/``."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / f"export{SUFFIXES[fmt]}").write_bytes(data)
        return load_dataset(Path(folder), with_ontology=False)


SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.lists(quads(any_scheme=True), min_size=1, max_size=20))
def test_named_graphs_round_trip_in_nquads_trig_and_json_ld(generated):
    source = Dataset()
    for s, p, o, g in generated:
        source.graph(g).add((s, p, o))
    for fmt in ("nq", "trig"):
        data = serialize_quads(generated, fmt)
        loaded = load_back(data, fmt)
        assert isomorphic(folded(loaded), folded(source)), fmt
        assert serialize_quads(loaded.quads((None, None, None, None)), fmt) == data, fmt
    data = serialize_quads(generated, "jsonld")
    reread = Dataset()
    reread.parse(data=data.decode("utf-8"), format="json-ld")
    assert isomorphic(folded(reread), folded(source))
    assert serialize_quads(reread.quads((None, None, None, None)), "jsonld") == data


@SETTINGS
@given(st.lists(quads(), min_size=1, max_size=20))
def test_one_graph_round_trips_in_turtle_n_triples_and_json_ld(generated):
    triples = [(s, p, o) for s, p, o, _ in generated]
    source = graph_of(triples)
    for fmt in GRAPH_FORMATS:
        data = serialize_graph(triples, fmt)
        reread = read_back(data, fmt)
        assert isomorphic(reread, source), fmt
        assert serialize_graph(reread, fmt) == data, fmt


@SETTINGS
@given(st.lists(quads(xml=True), min_size=1, max_size=20))
def test_one_graph_round_trips_in_rdf_xml(generated):
    triples = [(s, p, o) for s, p, o, _ in generated]
    data = serialize_graph(triples, "xml")
    reread = read_back(data, "xml")
    assert isomorphic(reread, graph_of(triples))
    assert serialize_graph(reread, "xml") == data


@SETTINGS
@given(st.lists(quads(any_scheme=True), min_size=1, max_size=20))
def test_quad_formats_export_the_same_bytes_whatever_the_input_order(generated):
    for fmt in QUAD_FORMATS:
        assert serialize_quads(list(reversed(generated)), fmt) == serialize_quads(generated, fmt)


def test_an_iri_whose_scheme_is_one_of_our_prefixes_keeps_its_identity_in_json_ld():
    # JSON-LD reads "nk:ri-il-kyu" as a prefixed name when the context defines nk:, so the
    # export must not define it: the absolute IRI <nk:ri-il-kyu> would become another node.
    triples = [(URIRef("nk:ri-il-kyu"), RDF.type, NKD.Person), (NK["x"], RDF.type, NKD.Person)]
    data = serialize_graph(triples, "jsonld")
    assert set(Graph().parse(data=data.decode("utf-8"), format="json-ld")) == set(triples)
