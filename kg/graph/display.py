"""How terms and text from files are shown to people, with nothing but strings: the query
table, reports and messages share these, whatever library holds the terms."""

import re
from collections.abc import Mapping

# What text from a file must not bring into a report for people: line breaks that would forge
# report lines, escape sequences that drive the terminal, overrides that reorder what is shown.
_UNSAFE_FOR_TERMINAL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# A local name that reads well after a prefix; anything else is shown as the whole IRI.
_PLAIN_LOCAL_NAME = re.compile(r"[\w-]([\w.-]*[\w-])?")


def terminal_safe(text: str) -> str:
    """Text with controls, line separators and bidirectional overrides written as escapes."""
    return _UNSAFE_FOR_TERMINAL.sub(lambda m: m.group().encode("unicode_escape").decode(), text)


def iri_short_form(iri: str, prefixes: Mapping[str, str]) -> str:
    """An IRI with the longest of ``prefixes`` that leaves a plain name (``nk:ri-il-kyu``),
    else in angle brackets."""
    best = max(
        ((p, ns) for p, ns in prefixes.items() if iri.startswith(ns)),
        key=lambda pair: len(pair[1]),
        default=None,
    )
    if best is not None:
        local = iri[len(best[1]) :]
        if local == "" or _PLAIN_LOCAL_NAME.fullmatch(local):
            return f"{best[0]}:{local}"
    return f"<{iri}>"
