"""What ``kg query`` must know of a query before Oxigraph runs it, read from its tokens
instead of a parse into algebra: its variables, whether its rows come in an order it fixes,
what a SELECT projects, and whether it may reach beyond our graphs.

rdflib's parser gives all of this too, at a cost (importing it, then parsing) larger than
answering most queries. Oxigraph checks the syntax as it runs the query; what this outline
cannot answer for certain (``SELECT *``, a ``SERVICE`` or ``FROM``, codepoint escapes) is
left to the parsed algebra of ``kg.sparql.catalogue``.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Strings, IRIs and comments are single tokens, so nothing inside them counts; then variables,
# names (a keyword, or a prefixed name with its colon), and the brackets that nest groups.
_TOKENS = re.compile(
    r'"""[\s\S]*?"""' + r"|'''[\s\S]*?'''"
    r'|"(?:[^"\\\n]|\\.)*"' + r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\s]*>|#[^\n]*'
    r"|[?$](?P<variable>\w+)"
    r"|(?P<name>[A-Za-z_][\w.-]*(?::[\w.%-]*)?|:[\w.%-]*)"
    r"|(?P<bracket>[{}()\[\]*])"
)
# rdflib's parser reads brackets nested some twenty deep, no deeper; Oxigraph's reads a few
# thousand, then overflows its stack, which ends the whole process. A query nested deeper than
# this goes to rdflib's parser first, which refuses it with a message.
DEEPEST_NESTING = 20
# SPARQL reads \uXXXX anywhere in a query, so a keyword could be spelt with escapes.
_CODEPOINT_ESCAPE = re.compile(r"\\[uU]")


@dataclass(frozen=True)
class Token:
    kind: str  # "variable", "keyword" (a name without a colon, upper-cased) or a bracket
    text: str
    braces: int  # how deep in { } the token stands
    parentheses: int  # how deep in ( ) within its braces
    nesting: int  # how deep in brackets of any kind


def tokens(text: str) -> Iterator[Token]:
    """The query's variables, keywords and brackets, each with its depth."""
    braces = parentheses = brackets = 0
    for match in _TOKENS.finditer(text):
        if match.group("variable") is not None:
            yield Token("variable", match.group("variable"), braces, parentheses, brackets)
        elif match.group("name") is not None:
            name = match.group("name")
            if ":" not in name:
                yield Token("keyword", name.upper(), braces, parentheses, brackets)
        elif match.group("bracket") is not None:
            bracket = match.group("bracket")
            if bracket == "{":
                braces += 1
            elif bracket == "}":
                braces -= 1
            elif bracket == "(":
                parentheses += 1
            elif bracket == ")":
                parentheses -= 1
            if bracket in "{([":
                brackets += 1
            elif bracket in "})]":
                brackets -= 1
            yield Token(bracket, bracket, braces, parentheses, brackets)


def variables(text: str) -> set[str]:
    """The names of every variable the query mentions."""
    return {token.text for token in tokens(text) if token.kind == "variable"}


def is_ordered(text: str) -> bool:
    """Whether the query fixes the order of its rows with an ORDER BY outside every group
    (one inside a subquery orders only that subquery)."""
    previous = None
    for token in tokens(text):
        if token.kind == "keyword" and token.braces == 0:
            if previous == "ORDER" and token.text == "BY":
                return True
            previous = token.text
        elif token.kind != "keyword":
            previous = None
    return False


def projection(text: str) -> set[str] | None:
    """The variables a SELECT query returns, or None when the outline cannot tell: not a
    SELECT, or ``SELECT *``, whose variables are those in scope in the pattern."""
    found: set[str] = set()
    in_clause = after_as = False
    for token in tokens(text):
        if token.braces > 0 or (token.kind == "{"):
            break
        if token.kind == "keyword" and token.text in ("SELECT", "DISTINCT", "REDUCED"):
            in_clause = True
            continue
        if not in_clause:
            continue
        if token.kind == "keyword" and token.text in ("WHERE", "FROM"):
            break
        if token.kind == "*" and token.parentheses == 0:
            return None
        if token.kind == "variable" and (token.parentheses == 0 or after_as):
            found.add(token.text)
        after_as = token.kind == "keyword" and token.text == "AS"
    return found if in_clause else None


def needs_algebra(text: str, allow_network: bool) -> bool:
    """Whether rdflib must parse the query before Oxigraph runs it: it may name a graph or an
    endpoint to fetch (a FROM or SERVICE keyword, or escapes that could spell one) and the
    network is not allowed, or its brackets nest deeper than ``DEEPEST_NESTING``."""
    deepest = 0
    reaches_out = bool(_CODEPOINT_ESCAPE.search(text))
    for token in tokens(text):
        deepest = max(deepest, token.nesting)
        if token.kind == "keyword" and token.text in ("SERVICE", "FROM"):
            reaches_out = True
    return deepest > DEEPEST_NESTING or (reaches_out and not allow_network)
