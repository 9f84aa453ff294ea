"""Quotations checked against the captures of their sources.

Every ``oa:exact`` of the new files must occur in the text capture of the document it is
quoted from (``nkd:capturedAs``, a file in the sources folder), and that capture must be the
one the document was curated from: its SHA-256 equals the document's ``nkd:captureSha256``.
A quotation that cannot be checked — its document has no capture, the capture is missing,
lies outside the sources folder or has changed — is a violation, as is one that is not in the
capture; for the latter the message shows the closest passage of the capture and where the two
first differ (curly against straight quotation marks, a dash, case, white space), so that the
quotation is fixed in one go.

A new source document (one the files describe) has its capture checked once, on its own node;
a quotation from it then needs no second message about the same capture.
"""

import difflib
import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from rapidfuzz import fuzz
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, SH
from rdflib.term import Node

from kg.graph import paths
from kg.graph.load import AssertionFile, our_prefixes
from kg.graph.namespaces import NKD, NKSH, OA
from kg.graph.terms import short_form
from kg.validation.validate import (
    CheckResult,
    Outcome,
    _add_results,
    _empty_report,
    _gather,
)

QUOTE_CHECK = NKSH.QuoteInSourceCheck
# A capture keeps a link's words as [words](#); only the words are the source's.
LINK_MARKUP = re.compile(r"\[([^\]]*)\]\(#\)")
# Characters people and editors swap for one another, by what the message calls them.
QUOTATION_MARKS = set(
    "'\"\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2032\u2033\u00ab\u00bb\u02bc"
)
DASHES = set("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212")
LOOKALIKES = (
    ("curly against straight quotation marks", QUOTATION_MARKS),
    ("a different dash", DASHES),
)
# Below this similarity (rapidfuzz's partial ratio, 0-100) no passage is shown as the closest:
# it would share a few letters with the quotation and nothing else.
CLOSE_ENOUGH = 60


def capture_file(captured: str) -> Path | None:
    """The file that ``nkd:capturedAs`` names (``sources/NAME.txt``, relative to the project's
    folder), or None when the path would lead out of the sources folder: a file of new
    assertions must not make us read, and tell whether it holds some words, any other file."""
    folder = paths.sources_dir()
    relative = PurePosixPath(captured)
    if relative.parts[:1] == ("sources",):
        relative = relative.relative_to("sources")
    candidate = folder / relative
    try:
        inside = candidate.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a link loop
        return None
    return candidate if inside else None


def matchable(text: str) -> str:
    """Text as quotations are matched: link markup stripped, white space runs as one space."""
    return " ".join(LINK_MARKUP.sub(r"\1", text).split())


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class Capture:
    """What the sources folder holds for a document: its matchable text, or why there is none."""

    text: str | None
    problem: str | None
    path: URIRef = NKD.capturedAs


def read_capture(name: str, captured: Node | None, digest: Node | None) -> Capture:
    """The capture of the document called ``name`` (its short IRI), checked against its
    recorded SHA-256."""
    if captured is None:
        return Capture(
            None,
            f"{name} has no nkd:capturedAs: keep the text of the document in the sources "
            "folder (sources/NAME.txt), give its path in nkd:capturedAs and its SHA-256 in "
            "nkd:captureSha256, so that quotations from it can be checked.",
        )
    path = capture_file(str(captured))
    if path is None:
        return Capture(
            None,
            f"The capture of {name} ({captured}) lies outside the sources folder: it was not "
            "read, and quotations from it cannot be checked.",
        )
    if not path.is_file():
        return Capture(
            None,
            f"The capture of {name} is not at {path}: quotations from it cannot be checked "
            f"(add the file, or set {paths.SOURCES_VARIABLE} to the folder of captures).",
        )
    actual = sha256_of(path)
    if digest is not None and str(digest) != actual:
        return Capture(
            None,
            f"The capture of {name} at {path} has changed since it was curated: its SHA-256 "
            f"is {actual}, not the nkd:captureSha256 {digest} recorded on the document. "
            "Restore the capture, or check every quotation against the new one and record "
            "its digest.",
            NKD.captureSha256,
        )
    return Capture(matchable(path.read_text("utf-8", "replace")), None)


def _shown(character: str) -> str:
    """A character as a message shows it: a letter or digit as itself, anything else with its
    Unicode name, so that a straight and a curly quotation mark cannot be mistaken."""
    if not character:
        return "nothing"
    if character.isalnum() and character.isascii():
        return f"'{character}'"
    return f"'{character}' ({unicodedata.name(character, f'U+{ord(character):04X}').lower()})"


def _kind(mine: str, theirs: str) -> str:
    """What kind of difference the quotation's ``mine`` against the capture's ``theirs`` is."""
    if not mine or not theirs:
        present = mine or theirs
        if present.isspace():
            return "white space"
        return "words the capture does not have" if mine else "words the quotation leaves out"
    for kind, characters in LOOKALIKES:
        if mine in characters and theirs in characters:
            return kind
    if mine.casefold() == theirs.casefold():
        return "case"
    if mine.isspace() and theirs.isspace():
        return "white space"
    return "different words"


def first_difference(quote: str, text: str) -> str | None:
    """Where ``quote``, which is not in ``text``, comes closest in it, where the two first
    differ and what other differences follow, in words; None when nothing comes close."""
    alignment = fuzz.partial_ratio_alignment(quote, text)
    if alignment.score < CLOSE_ENOUGH:
        return None
    # Widen the aligned window so that a quotation with a word more or less still fits in it.
    slack = len(quote) // 2 + 1
    low = max(0, alignment.dest_start - slack)
    window = text[low : alignment.dest_end + slack]
    matcher = difflib.SequenceMatcher(None, quote, window, autojunk=False)
    blocks = [block for block in matcher.get_matching_blocks() if block.size]
    if not blocks:
        return None
    start = max(0, blocks[0].b - blocks[0].a)
    last = blocks[-1]
    # The passage ends where the last matching words do: the capture's next characters are
    # no more like the quotation's tail than any others.
    end = last.b + last.size
    passage = window[start:end]
    differ = difflib.SequenceMatcher(None, quote, passage, autojunk=False)
    changes = [op for op in differ.get_opcodes() if op[0] != "equal"]
    _, i, i_end, j, j_end = changes[0]
    mine, theirs = quote[i:i_end][:1], passage[j:j_end][:1]
    message = (
        f'The closest passage of the capture is "{passage.strip()}"; they first differ at '
        f"character {i + 1} of the quotation, where it has {_shown(mine)} and the capture "
        f"has {_shown(theirs)}: {_kind(mine, theirs)}."
    )
    if len(changes) > 1:
        # So that every difference is fixed in one go, not one per run.
        kinds = Counter(_kind(quote[a:b][:1], passage[c:d][:1]) for _, a, b, c, d in changes[1:])
        listed = ", ".join(f"{kind} ({count})" for kind, count in sorted(kinds.items()))
        more = len(changes) - 1
        message += (
            f" {more} more difference{'s' * (more != 1)} follow{'s' * (more == 1)}: {listed}."
        )
    return message


def quote_results(files: list[AssertionFile], known: Graph) -> list[CheckResult]:
    """The captures of the new source documents, and each new quotation (``oa:exact``)
    checked against the capture of the document it is quoted from; ``known`` holds what the
    graph says of documents already in it."""
    new = Graph()
    for assertion in files:
        for triple in assertion.graph:
            new.add(triple)
    described = set(new.subjects())

    def first(subject: Node, predicate: URIRef) -> Node | None:
        return next(new.objects(subject, predicate), None) or known.value(subject, predicate)

    prefixes = our_prefixes()
    captures: dict[Node, Capture] = {}

    def capture_of(document: Node) -> Capture:
        if document not in captures:
            name = short_form(document, prefixes)
            digest = first(document, NKD.captureSha256)
            captures[document] = read_capture(name, first(document, NKD.capturedAs), digest)
        return captures[document]

    results = []
    for document in sorted(set(new.subjects(NKD.capturedAs, None)), key=str):
        capture = capture_of(document)
        if capture.problem is not None:
            value = first(document, capture.path)
            results.append(
                CheckResult(
                    document, SH.Violation, capture.problem, QUOTE_CHECK, capture.path, value
                )
            )
        elif first(document, NKD.captureSha256) is None:
            path = capture_file(str(first(document, NKD.capturedAs)))
            name = short_form(document, prefixes)
            results.append(
                CheckResult(
                    document,
                    SH.Warning,
                    f"No nkd:captureSha256 records which capture {name} was curated from, so a "
                    "changed capture would go unnoticed: add "
                    f'nkd:captureSha256 "{sha256_of(path)}".',
                    QUOTE_CHECK,
                    NKD.captureSha256,
                )
            )
    for evidence, quote in sorted(new.subject_objects(OA.exact), key=str):
        documents = set(new.objects(evidence, PROV.wasQuotedFrom))
        documents.update(known.objects(evidence, PROV.wasQuotedFrom))
        for document in sorted(documents, key=str):
            capture = capture_of(document)
            if capture.text is None:
                if document in described and first(document, NKD.capturedAs) is not None:
                    continue  # reported on the document itself
                results.append(
                    CheckResult(
                        evidence,
                        SH.Violation,
                        capture.problem,
                        QUOTE_CHECK,
                        path=PROV.wasQuotedFrom,
                        value=document,
                    )
                )
                continue
            words = matchable(str(quote))
            if words in capture.text:
                continue
            name = short_form(document, prefixes)
            path = capture_file(str(first(document, NKD.capturedAs)))
            closest = first_difference(words, capture.text) or (
                "No passage of the capture comes close to it."
            )
            results.append(
                CheckResult(
                    evidence,
                    SH.Violation,
                    f"The quotation is not in the capture of {name} ({path}), even with white "
                    f"space normalised and link markup removed: copy the source's words exactly. "
                    + closest,
                    QUOTE_CHECK,
                    path=OA.exact,
                    value=quote if isinstance(quote, Literal) else Literal(str(quote)),
                )
            )
    return results


def check_quotes(outcome: Outcome, files: list[AssertionFile], known: Graph) -> None:
    """Add to ``outcome`` the results of checking the new files' quotations against the
    captures of their sources (see ``quote_results``)."""
    report = _empty_report()
    _add_results(report, quote_results(files, known))
    focus_nodes = {s for assertion in files for s in assertion.graph.subjects()}
    labels = Graph()
    for assertion in files:
        for triple in assertion.graph:
            labels.add(triple)
    _gather(outcome, report, focus_nodes, files, labels)


def quote_context_in_store(files: list[AssertionFile], data_dir: Path | None = None) -> Graph:
    """What ``check_quotes`` needs of the existing graph, read from the persisted store of
    ``data_dir`` without loading it: the documents the new quotations' evidence nodes are
    quoted from, and the capture and its digest of those and of the documents the files name."""
    import pyoxigraph as ox

    from kg.graph.store import open_store
    from kg.graph.terms import to_oxigraph, to_rdflib

    store = open_store(data_dir)
    known = Graph()

    def read(subject: Node, predicate: URIRef) -> list[Node]:
        found = store.quads_for_pattern(to_oxigraph(subject), ox.NamedNode(predicate), None)
        objects = [to_rdflib(quad.object) for quad in found]
        for value in objects:
            known.add((subject, predicate, value))
        return objects

    documents: set[Node] = set()
    for assertion in files:
        for evidence in set(assertion.graph.subjects(OA.exact, None)):
            if not isinstance(evidence, Literal):
                documents.update(read(evidence, PROV.wasQuotedFrom))
            documents.update(assertion.graph.objects(evidence, PROV.wasQuotedFrom))
        documents.update(assertion.graph.subjects(NKD.capturedAs, None))
    for document in documents:
        if not isinstance(document, Literal):
            read(document, NKD.capturedAs)
            read(document, NKD.captureSha256)
    return known
