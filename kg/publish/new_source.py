"""Starting a new source: its capture kept in ``sources/NAME.txt`` and a starter
``data/NAME.ttl`` that describes the source document (with the capture's SHA-256) and the
named graph it fills, with one commented example fact to copy.

The starter is valid as it stands, so the graph knows the source from the start: quotations
can be checked against its capture, ``kg add --source NAME`` finds its graph, and the curator
only adds facts. Nothing is overwritten: an existing capture or data file is refused, and the
two files are written together or not at all.
"""

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.errors import InputError, UsageError
from kg.graph.files import write_atomically
from kg.graph.load import our_prefixes
from kg.graph.namespaces import NK, source_graph_iri

_SOURCE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_CURIE = re.compile(r"([A-Za-z][\w.-]*):(\S+)")
# The first sentence of the capture becomes the example's quotation: up to a full stop.
_SENTENCE = re.compile(r"\S.*?[.!?](?=\s|$)")
# The prefixes the starter declares: those its blocks use, and those facts usually need.
PREFIXES = (
    "nk",
    "nkd",
    "nkv",
    "nksh",
    "rdfs",
    "xsd",
    "skos",
    "dcterms",
    "prov",
    "time",
    "oa",
    "schema",
    "cito",
)
CITO = "http://purl.org/spar/cito/"


@dataclass(frozen=True)
class SourceDetails:
    """What the command line says of the document."""

    name: str
    title: str
    url: str
    issued: str
    publisher: str
    author: str | None
    curated: str


@dataclass(frozen=True)
class Agent:
    """A publisher or author: the IRI to refer to, and its description if it is new."""

    iri: URIRef
    kind: str
    label: str | None


@dataclass(frozen=True)
class NewSource:
    """The two files the command wrote."""

    capture: Path
    data: Path
    graph: URIRef


def slug(text: str) -> str:
    """A name as the local part of an IRI that reads as the name: "The Seoul Ledger" is
    ``the-seoul-ledger``."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def check_details(details: SourceDetails) -> None:
    """Refuse a name, date or address the starter could not use, naming the option."""
    if not _SOURCE_NAME.fullmatch(details.name):
        raise UsageError(
            f"NAME {details.name}: a source name is letters, digits, '.', '_' and '-', "
            "such as nknews-2024-07-16"
        )
    for option, value in (("--issued", details.issued), ("--date", details.curated)):
        try:
            date.fromisoformat(value)
        except ValueError as error:
            raise UsageError(f"{option} {value}: not a date as YYYY-MM-DD") from error
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise UsageError(f"{option} {value}: not a date as YYYY-MM-DD")
    parts = urlsplit(details.url)
    if parts.scheme not in ("http", "https") or not parts.netloc or re.search(r"\s", details.url):
        raise UsageError(f"--url {details.url}: not an http(s) address")
    for option, value in (
        ("--title", details.title),
        ("--publisher", details.publisher),
        ("--author", details.author or "-"),
    ):
        if not value.strip():
            raise UsageError(f"{option}: empty")
        if any(ord(character) < 32 or ord(character) == 127 for character in value):
            raise UsageError(f"{option}: a line break or control character; give one line")


def resolve_agent(option: str, value: str, kind: str, types: Graph) -> Agent:
    """``nk:kei`` or an IRI names a node the graph already has; anything else is a name, and
    the node it makes (``nk:`` and the name as a slug) is described unless it exists."""
    curie = _CURIE.fullmatch(value)
    if value.startswith("<") and value.endswith(">"):
        iri = URIRef(value[1:-1])
    elif curie and curie.group(1) in our_prefixes():
        iri = URIRef(our_prefixes()[curie.group(1)] + curie.group(2))
    else:
        local = slug(value)
        if not local:
            raise UsageError(f"{option} {value}: a name needs letters or digits")
        iri = NK[local]
        known = (iri, RDF.type, None) in types
        return Agent(iri, kind, None if known else " ".join(value.split()))
    if (iri, RDF.type, None) not in types:
        raise UsageError(
            f"{option} {value}: no such node in the graph; give a name to describe a new one"
        )
    return Agent(iri, kind, None)


def first_sentence(capture: str) -> str:
    """The capture's first sentence, for the commented example's quotation."""
    for line in capture.splitlines():
        found = _SENTENCE.search(line.strip())
        if found and len(found.group()) <= 200:
            return found.group()
    return "the source's exact words"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _term(iri: URIRef) -> str:
    local = str(iri)[len(str(NK)) :] if str(iri).startswith(str(NK)) else None
    return f"nk:{local}" if local and re.fullmatch(r"[\w-]+", local) else f"<{iri}>"


def starter(
    details: SourceDetails, sha256: str, publisher: Agent, author: Agent | None, quotation: str
) -> str:
    """The text of the starter ``data/NAME.ttl``."""
    name, prefixes = details.name, {**our_prefixes(), "cito": CITO}
    document, graph = f"nk:source-{name}", source_graph_iri(name)
    title = _quoted(details.title) + "@en"
    width = max(len(p) for p in PREFIXES) + 2
    lines = [
        "# Facts of one source, each with the verbatim words that state it:",
        f"#   {details.title} ({details.issued}), {details.url}",
        f"# The file is loaded as the named graph <{graph}>;",
        f"# quotations are checked against its capture, sources/{name}.txt.",
        "# docs/adding-a-source.md explains each step.",
        "",
        *(f"@prefix {(p + ':').ljust(width)}<{prefixes[p]}> ." for p in PREFIXES),
        "",
        "# " + "=" * 76,
        "# This graph and its source",
        "# " + "=" * 76,
        "",
        f"<{graph}> a nkd:SourceGraph ;",
        f"    rdfs:label {_quoted('Facts from ' + details.title)}@en ;",
        f"    prov:wasDerivedFrom {document} ;",
        f"    prov:wasGeneratedBy nk:curation-{name} ;",
        f'    dcterms:modified "{details.curated}"^^xsd:date .',
        "",
        f"nk:curation-{name} a prov:Activity ;",
        f"    rdfs:label {_quoted('manual curation of ' + details.title)}@en ;",
        f"    prov:used {document} ;",
        f'    prov:endedAtTime "{details.curated}T00:00:00Z"^^xsd:dateTime .',
        "",
        f"{document} a nkd:SourceDocument ;",
        f"    rdfs:label {title} ;",
        f"    dcterms:title {title} ;",
        *([f"    dcterms:creator {_term(author.iri)} ;"] if author else []),
        f"    dcterms:publisher {_term(publisher.iri)} ;",
        f'    dcterms:issued "{details.issued}"^^xsd:date ;',
        f"    schema:url <{details.url}> ;",
        f'    nkd:capturedAs "sources/{name}.txt" ;',
        f'    nkd:captureSha256 "{sha256}" .',
    ]
    if author is None:
        lines += [
            "",
            "# No author was given, and validation warns of it. If the document is anonymous,",
            "# acknowledge the warning for this source (docs/adding-a-source.md):",
            f"#   {document} nkd:acknowledgedWarning nksh:SourceDocumentShape-creator-present .",
        ]
    for agent in (publisher, author):
        if agent is not None and agent.label is not None:
            kind = "nkd:Person" if agent.kind == "person" else "nkd:Organization"
            label = _quoted(agent.label) + "@en"
            lines += [
                "",
                f"{_term(agent.iri)} a {kind} ;",
                f"    skos:prefLabel {label} ;",
                f"    rdfs:label {label} .",
            ]
    asserter = _term((author or publisher).iri)
    lines += [
        "",
        "# " + "=" * 76,
        "# Facts: an example to copy, then delete (a fact, then its evidence)",
        "# " + "=" * 76,
        "",
        f"# nk:claim-{name}-example a nkd:Claim ;",
        '#     rdfs:label "what the source says, in a few words"@en ;',
        '#     nkd:statement "What the source says, as one plain English sentence."@en ;',
        "#     nkd:about nk:dprk ;",
        f"#     nkd:assertedBy {asserter} ;",
        "#     nkd:certainty nkv:certainty-stated ;",
        f"#     dcterms:source {document} ;",
        f"#     nkd:evidence nk:ev-claim-{name}-example-1 .",
        "#",
        f"# nk:ev-claim-{name}-example-1 a nkd:Evidence ;",
        f"#     oa:exact {_quoted(quotation)} ;",
        f"#     prov:wasQuotedFrom {document} .",
    ]
    return "\n".join(lines) + "\n"


def new_source(
    details: SourceDetails, capture: Path, data_dir: Path, sources_dir: Path, types: Graph
) -> NewSource:
    """Copy the capture to ``sources_dir/NAME.txt`` and write the starter
    ``data_dir/NAME.ttl``; ``types`` holds the graph's rdf:type triples, to tell known
    publishers and authors from new ones."""
    check_details(details)
    name = details.name
    data_file, kept = data_dir / f"{name}.ttl", sources_dir / f"{name}.txt"
    for existing in (data_file, kept, data_dir / f"{name}.trig", data_dir / f"{name}.nq"):
        if existing.exists():
            raise UsageError(f"{existing} exists already: a new source needs a name of its own")
    if not capture.is_file():
        raise InputError(f"{capture}: no such file")
    content = capture.read_bytes()
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{capture}: not UTF-8 text at byte {error.start}: a capture is the document's "
            "text, which quotations are matched against"
        ) from error
    if not sources_dir.is_dir():
        raise InputError(f"{sources_dir}: sources folder not found")
    publisher = resolve_agent("--publisher", details.publisher, "organisation", types)
    author = resolve_agent("--author", details.author, "person", types) if details.author else None
    sha256 = hashlib.sha256(content).hexdigest()
    body = starter(details, sha256, publisher, author, first_sentence(text))
    write_atomically(kept, content)
    try:
        write_atomically(data_file, body.encode("utf-8"))
    except BaseException:
        kept.unlink(missing_ok=True)
        raise
    return NewSource(kept, data_file, source_graph_iri(name))
