"""The bar chart of a query's answer: which column is drawn and how each bar is named
(``kg.pictures.chart``), and what the SVG says (``kg.pictures.draw_chart``): one bar per row,
in the answer's order, each as tall as its number. The answers are written here, in SPARQL
JSON, as a server holds them."""

import re
from xml.etree import ElementTree

from kg.pictures.chart import Chart, charts_of
from kg.pictures.draw_chart import draw_chart

XSD = "http://www.w3.org/2001/XMLSchema#"
SVG = "{http://www.w3.org/2000/svg}"


def literal(value: str, datatype: str | None = None) -> dict:
    term = {"type": "literal", "value": value}
    if datatype:
        term["datatype"] = XSD + datatype
    return term


def answer(variables: list[str], *rows: list) -> dict:
    return {
        "head": {"vars": variables},
        "results": {
            "bindings": [
                {v: t for v, t in zip(variables, row, strict=True) if t is not None} for row in rows
            ]
        },
    }


MISSIONS = answer(
    ["state", "date", "count", "counted", "observation"],
    [literal("North Korea"), literal("2022"), literal("53", "integer"), literal("posts"), None],
    [literal("North Korea"), literal("2024"), literal("46", "integer"), literal("posts"), None],
    [literal("South Korea"), literal("2024"), literal("166", "integer"), literal("posts"), None],
)


def test_the_column_of_numbers_is_drawn_named_by_the_words_before_it():
    assert charts_of(MISSIONS) == [
        Chart(
            title="count by state, date",
            value_name="count",
            bars=(
                ("North Korea · 2022", 53.0),
                ("North Korea · 2024", 46.0),
                ("South Korea · 2024", 166.0),
            ),
        )
    ]


def test_numbers_in_different_units_get_a_chart_each():
    periods = answer(
        ["from", "to", "number", "unit"],
        [literal("2000"), literal("2011"), literal("72", "integer"), literal("officials")],
        [literal("2012"), literal("2019"), literal("46", "integer"), literal("officials")],
        [literal("2012"), literal("2019"), literal("1.5", "decimal"), literal("percent")],
    )
    charts = charts_of(periods)
    assert [(c.title, [b[1] for b in c.bars]) for c in charts] == [
        ("number by from, to (officials)", [72.0, 46.0]),
        ("number by from, to (percent)", [1.5]),
    ]


def test_no_chart_without_a_column_of_numbers_or_of_names():
    words = answer(["person", "count"], [literal("Ri Il-kyu"), literal("3")])
    assert charts_of(words) == []  # a number written as a string is words
    unnamed = answer(["count"], [literal("3", "integer")])
    assert charts_of(unnamed) == []
    partly = answer(
        ["person", "count"],
        [literal("Ri Il-kyu"), literal("3", "integer")],
        [literal("Thae Yong-ho"), None],
    )
    assert charts_of(partly) == []
    assert charts_of({"head": {}, "boolean": True}) == []
    assert charts_of(answer(["count"])) == []


def bar_heights(svg: bytes) -> list[float]:
    """The height of each bar, in the order of their ids, read from the SVG's paths."""
    root = ElementTree.fromstring(svg)
    heights = {}
    for group in root.iter(SVG + "g"):
        found = re.fullmatch(r"bar:(\d+)", group.get("id", ""))
        if found:
            path = group.find(SVG + "path").get("d")
            ys = [float(y) for y in re.findall(r"[ML] [\d.]+ ([\d.]+)", path)]
            heights[int(found.group(1))] = max(ys) - min(ys)
    return [heights[n] for n in sorted(heights)]


def test_the_svg_has_one_bar_per_row_as_tall_as_its_number():
    chart = charts_of(MISSIONS)[0]
    svg = draw_chart(chart)
    heights = bar_heights(svg)
    assert len(heights) == 3
    for height, (_, value) in zip(heights, chart.bars, strict=True):
        assert abs(height / heights[2] - value / 166) < 0.001
    text = svg.decode("utf-8")
    for label in ("North Korea", "South Korea", "2022", "2024", "53", "46", "166"):
        assert f">{label}<" in text


def test_the_same_answer_gives_the_same_bytes():
    chart = charts_of(MISSIONS)[0]
    assert draw_chart(chart) == draw_chart(chart)
