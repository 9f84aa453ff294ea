"""What of a query's answer can be drawn as a bar chart: a column of numbers, each row's bar
named by the columns of words before it (the state and the date of a count; the start and the
end of a period), one chart per unit where the answer names its units.

It reads SPARQL JSON results, as ``kg serve`` holds them, so that any saved query whose
answer counts something gets its chart without saying so.
"""

from dataclasses import dataclass

XSD = "http://www.w3.org/2001/XMLSchema#"
NUMBER_TYPES = {
    XSD + name
    for name in (
        "integer",
        "decimal",
        "double",
        "float",
        "int",
        "long",
        "short",
        "nonNegativeInteger",
        "positiveInteger",
    )
}
# A column of this name says what the numbers count; numbers in different units are not
# drawn on one axis.
UNIT_COLUMN = "unit"
# Words longer than this name nothing a bar can be labelled with (a counted thing, a quote).
LABEL_LIMIT = 24


@dataclass(frozen=True)
class Chart:
    title: str
    value_name: str
    bars: tuple[tuple[str, float], ...]


def is_number(term: dict | None) -> bool:
    return (
        term is not None and term.get("type") == "literal" and term.get("datatype") in NUMBER_TYPES
    )


def charts_of(document: dict) -> list[Chart]:
    """The bar charts of an answer in SPARQL JSON; none when no column holds only numbers."""
    if "boolean" in document:
        return []
    variables = document["head"]["vars"]
    rows = document["results"]["bindings"]
    if not rows:
        return []
    value = next(
        (v for v in variables if all(is_number(row.get(v)) for row in rows)),
        None,
    )
    if value is None:
        return []
    before = variables[: variables.index(value)]
    label_columns = [
        v
        for v in before
        if all(
            row.get(v) is not None
            and row[v]["type"] == "literal"
            and len(row[v]["value"]) <= LABEL_LIMIT
            for row in rows
        )
    ]
    if not label_columns:
        return []
    groups: dict[str, list[tuple[str, float]]] = {}
    for row in rows:
        unit = text(row.get(UNIT_COLUMN)) if UNIT_COLUMN in variables else ""
        label = " · ".join(row[v]["value"] for v in label_columns)
        groups.setdefault(unit, []).append((label, float(row[value]["value"])))
    by = ", ".join(label_columns)
    return [
        Chart(
            title=f"{value} by {by}" + (f" ({unit})" if unit else ""),
            value_name=value,
            bars=tuple(bars),
        )
        for unit, bars in groups.items()
    ]


def text(term: dict | None) -> str:
    """A term as words: a literal's value, an IRI's last segment."""
    if term is None:
        return ""
    if term["type"] == "uri":
        return term["value"].rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return term["value"]
