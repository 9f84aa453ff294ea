"""What the timeline's SVG says, read back from its marks and checked against the fixture
graph read plainly with rdflib: one mark per dated event, in its person's lane, over the days
its date denotes at its precision; approximate dates marked; undated events listed apart."""

import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef

from kg.graph import paths
from kg.pictures import timeline as timeline_module

FIXTURE = Path(__file__).parent.parent / "fixtures" / "pictures" / "data"
NKD = Namespace("https://w3id.org/nkdefectors/ontology#")
NK = Namespace("https://w3id.org/nkdefectors/id/")
TIME = Namespace("http://www.w3.org/2006/time#")
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


@pytest.fixture(scope="module")
def graph() -> Graph:
    graph = Graph()
    for path in sorted(FIXTURE.glob("*.ttl")):
        graph.parse(path)
    graph.parse(paths.ONTOLOGY_DIR / "nkd.ttl")
    return graph


@pytest.fixture(scope="module")
def svg(kg, tmp_path_factory) -> ET.Element:
    out = tmp_path_factory.mktemp("timeline") / "timeline.svg"
    result = kg("draw", "timeline", "--out", out, data=FIXTURE)
    assert result.exit_code == 0, result.output
    return ET.parse(out).getroot()


def name(iri: URIRef) -> str:
    return str(iri).rsplit("/", 1)[-1]


def event_classes(graph: Graph) -> set:
    return set(graph.transitive_subjects(RDFS.subClassOf, NKD.Event)) | {NKD.Observation}


def typed_events(graph: Graph) -> set:
    classes = event_classes(graph)
    return {s for s, o in graph.subject_objects(RDF.type) if o in classes}


def persons_of(graph: Graph, event: URIRef) -> set[str]:
    subjects = set(graph.objects(event, NKD.subject))
    for disclosed in graph.objects(event, NKD.discloses):
        subjects |= set(graph.objects(disclosed, NKD.subject))
    return {name(s) for s in subjects if (s, RDF.type, NKD.Person) in graph}


def calendar_span(graph: Graph, instant: URIRef) -> tuple[date, date | None]:
    """The first day a date denotes and the day after its last (None for a single day),
    from the XSD value written in the data, by the calendar."""
    year = graph.value(instant, TIME.inXSDgYear)
    month = graph.value(instant, TIME.inXSDgYearMonth)
    day = graph.value(instant, TIME.inXSDDate)
    if day is not None:
        return date.fromisoformat(str(day)), None
    if month is not None:
        y, m = (int(part) for part in str(month).split("-"))
        return date(y, m, 1), date(y + m // 12, m % 12 + 1, 1)
    y = int(str(year))
    return date(y, 1, 1), date(y + 1, 1, 1)


def numbers(path_data: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path_data)]


def marks(svg: ET.Element, prefix: str) -> dict[str, ET.Element]:
    return {
        g.get("id").removeprefix(prefix): g
        for g in svg.iter(f"{SVG}g")
        if (g.get("id") or "").startswith(prefix)
    }


def extent(group: ET.Element) -> tuple[float, float, float, float]:
    """x0, x1, y0, y1 of a mark: a rectangle's path, or a point marker's position."""
    for use in group.iter(f"{SVG}use"):
        x, y = float(use.get("x")), float(use.get("y"))
        return x, x, y, y
    xs, ys = [], []
    for path in group.iter(f"{SVG}path"):
        values = numbers(path.get("d"))
        xs += values[0::2]
        ys += values[1::2]
    return min(xs), max(xs), min(ys), max(ys)


def x_of(svg: ET.Element, day: date) -> float:
    """The x of a day, between the year lines the picture draws on January 1st."""
    years = {int(k): extent(g)[0] for k, g in marks(svg, "year:").items()}
    start, end = years[day.year], years[day.year + 1]
    length = (date(day.year + 1, 1, 1) - date(day.year, 1, 1)).days
    return start + (end - start) * (day - date(day.year, 1, 1)).days / length


def test_one_mark_per_dated_event(graph, svg):
    dated = {name(e) for e in typed_events(graph) if (e, TIME.hasTime, None) in graph}
    assert len(dated) > 20
    assert set(marks(svg, "event:")) == dated


def test_each_mark_is_in_its_persons_lane(graph, svg):
    lanes = marks(svg, "lane:")
    for event_name, group in marks(svg, "event:").items():
        expected = persons_of(graph, NK[event_name]) or {"no-person"}
        _, _, y0, y1 = extent(group)
        inside = {
            lane for lane, band in lanes.items() if extent(band)[2] <= y0 and y1 <= extent(band)[3]
        }
        assert inside & expected, (event_name, inside, expected)


def test_each_mark_spans_what_its_date_denotes(graph, svg):
    for event_name, group in marks(svg, "event:").items():
        first, after_last = calendar_span(graph, graph.value(NK[event_name], TIME.hasTime))
        x0, x1, _, _ = extent(group)
        assert x0 == pytest.approx(x_of(svg, first), abs=0.05), event_name
        if after_last is None:
            assert x1 == x0, f"{event_name}: a day is a point"
        else:
            assert x1 == pytest.approx(x_of(svg, after_last), abs=0.05), event_name


def test_thae_yong_hos_defection_spans_2016_and_ri_il_kyus_november_2023(svg):
    events = marks(svg, "event:")
    x0, x1, _, _ = extent(events["defection-thae-yong-ho"])
    assert (x0, x1) == (
        pytest.approx(x_of(svg, date(2016, 1, 1)), abs=0.05),
        pytest.approx(x_of(svg, date(2017, 1, 1)), abs=0.05),
    )
    x0, x1, _, _ = extent(events["defection-ri-il-kyu"])
    assert (x0, x1) == (
        pytest.approx(x_of(svg, date(2023, 11, 1)), abs=0.05),
        pytest.approx(x_of(svg, date(2023, 12, 1)), abs=0.05),
    )


def test_approximate_dates_are_marked_as_such(graph, svg):
    approximate = {
        name(e)
        for e in typed_events(graph)
        if graph.value(graph.value(e, TIME.hasTime), NKD.approximation) is not None
    }
    notes = marks(svg, "approximate:")
    assert set(notes) == approximate == {"defection-ri-il-kyu"}
    text = "".join(notes["defection-ri-il-kyu"].itertext())
    assert "late November" in text


def test_undated_events_are_listed_apart(graph, svg):
    undated = {name(e) for e in typed_events(graph) if (e, TIME.hasTime, None) not in graph}
    assert undated
    listed = marks(svg, "undated:")
    assert set(listed) == undated
    for event_name, group in listed.items():
        label = graph.value(NK[event_name], RDFS.label)
        assert str(label) in "".join(group.itertext())
    assert not set(listed) & set(marks(svg, "event:"))


def test_the_gap_to_the_first_public_disclosure_is_drawn(graph, svg):
    gaps = marks(svg, "gap:")
    public = {
        name(defection)
        for disclosure, defection in graph.subject_objects(NKD.discloses)
        if graph.value(disclosure, NKD.isPublic) == Literal(True)
        and (disclosure, TIME.hasTime, None) in graph
        and (defection, RDF.type, NKD.Defection) in graph
        and (defection, TIME.hasTime, None) in graph
    }
    assert set(gaps) == public
    assert "defection-thae-yong-ho" not in gaps
    x0, x1, _, _ = extent(gaps["defection-ri-il-kyu"])
    assert x0 == pytest.approx(x_of(svg, date(2023, 12, 1)), abs=1.5)
    assert x1 == pytest.approx(x_of(svg, date(2024, 7, 16)), abs=1.5)


def test_postings_are_bars_over_their_intervals(graph, svg):
    bars = marks(svg, "posting:")
    assert "posting-thae-yong-ho-national-assembly" in bars
    x0, x1, _, _ = extent(bars["posting-thae-yong-ho-national-assembly"])
    assert x0 == pytest.approx(x_of(svg, date(2020, 1, 1)), abs=0.05)
    assert x1 == pytest.approx(x_of(svg, date(2025, 1, 1)), abs=0.05)


def test_same_graph_same_bytes(kg, tmp_path):
    for suffix in ("svg", "png"):
        first, second = tmp_path / f"a.{suffix}", tmp_path / f"b.{suffix}"
        assert kg("draw", "timeline", "--out", first, data=FIXTURE).exit_code == 0
        assert kg("draw", "timeline", "--out", second, data=FIXTURE).exit_code == 0
        assert first.read_bytes() == second.read_bytes()


def test_same_bytes_from_another_process(kg, kg_process, tmp_path):
    here, there = tmp_path / "here.svg", tmp_path / "there.svg"
    assert kg("draw", "timeline", "--out", here, data=FIXTURE).exit_code == 0
    done = kg_process("draw", "timeline", "--out", there, data=FIXTURE)
    assert done.returncode == 0, done.stderr
    assert here.read_bytes() == there.read_bytes()


def test_one_persons_timeline(kg, tmp_path, graph):
    out = tmp_path / "ri.svg"
    assert (
        kg("draw", "timeline", "--focus", "nk:ri-il-kyu", "--out", out, data=FIXTURE).exit_code == 0
    )
    svg = ET.parse(out).getroot()
    expected = {
        name(e)
        for e in typed_events(graph)
        if (e, TIME.hasTime, None) in graph and "ri-il-kyu" in persons_of(graph, e)
    }
    assert (
        set(marks(svg, "event:"))
        == expected
        == {
            "defection-ri-il-kyu",
            "disclosure-ri-il-kyu-interview",
        }
    )
    assert set(marks(svg, "lane:")) == {"ri-il-kyu"}


def test_a_large_unfiltered_timeline_says_it_is_a_sample(kg, tmp_path, monkeypatch):
    monkeypatch.setattr(timeline_module, "SAMPLE_SIZE", 5)
    out = tmp_path / "sample.svg"
    assert kg("draw", "timeline", "--out", out, data=FIXTURE).exit_code == 0
    svg = ET.parse(out).getroot()
    assert len(marks(svg, "event:")) == 5
    text = " ".join("".join(t.itertext()) for t in svg.iter(f"{SVG}text"))
    assert "a sample of 5 of" in text
