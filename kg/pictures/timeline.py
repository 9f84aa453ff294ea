"""The timeline as plain data: every dated event in a lane, postings as bars, the undated
events apart, and the time from each defection to its first public disclosure.

A date keeps the precision the source gives it: a year spans the year, a month the month, and a
day is a point. An event's lane is the person it is about (a disclosure is about the person of
the event it discloses); events about no person (summits, relations between states, counts of
missions) share one lane. The pictures draw this data; they decide nothing about it.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import pyoxigraph as ox

from kg.graph.namespaces import NKD, TIME
from kg.pictures.read import EVENT, depth_below, labels, local_name, select, source_graph, values

NO_PERSON = ""
NO_PERSON_LABEL = "no person"
# Past this many dated events an unfiltered timeline shows a sample, not every event: a
# browser lays out a few hundred marks at once, not tens of thousands.
SAMPLE_SIZE = 400
PRECISIONS = {str(TIME.unitDay): "day", str(TIME.unitMonth): "month", str(TIME.unitYear): "year"}
OBSERVATION = str(NKD.Observation)


@dataclass(frozen=True)
class When:
    """A date at its precision: from its first to the end of its last second."""

    start: datetime
    end: datetime
    precision: str
    label: str
    approximation: str = ""

    @property
    def is_point(self) -> bool:
        return self.precision == "day"


@dataclass(frozen=True)
class Event:
    iri: str
    label: str
    kind: str
    lane: str
    when: When
    quotations: tuple[str, ...] = ()
    source: str = ""

    @property
    def name(self) -> str:
        return local_name(self.iri)


@dataclass(frozen=True)
class Undated:
    iri: str
    label: str
    kind: str
    lane: str
    approximate_time: str = ""


@dataclass(frozen=True)
class Posting:
    """A posting over its interval; an end the source does not give is None."""

    iri: str
    label: str
    lane: str
    begins: When | None
    ends: When | None

    @property
    def name(self) -> str:
        return local_name(self.iri)


@dataclass(frozen=True)
class Gap:
    """From the last moment a defection may have happened to its first public disclosure."""

    defection: str
    disclosure: str
    lane: str
    start: datetime
    end: datetime

    @property
    def name(self) -> str:
        return local_name(self.defection)


@dataclass(frozen=True)
class Lane:
    iri: str
    label: str


@dataclass
class Timeline:
    lanes: list[Lane]
    events: list[Event]
    undated: list[Undated]
    postings: list[Posting]
    gaps: list[Gap]
    # How many dated events match; more than len(events) when this is a sample.
    total: int = 0
    sampled: bool = False
    filters: dict[str, str] = field(default_factory=dict)


def when_of(row: dict[str, str], prefix: str = "") -> When:
    """The date of a row's ``earliest``, ``latest``, ``unit``, ``dateLabel``, ``approximation``
    (each name after ``prefix``)."""
    return When(
        start=datetime.fromisoformat(row[prefix + "earliest"]),
        end=datetime.fromisoformat(row[prefix + "latest"]) + timedelta(seconds=1),
        precision=PRECISIONS.get(row.get(prefix + "unit", ""), "day"),
        label=row.get(prefix + "dateLabel", row[prefix + "earliest"][:10]),
        approximation=row.get(prefix + "approximation", ""),
    )


def in_graph(graph: str | None, pattern: str) -> str:
    return f"GRAPH <{graph}> {{ {pattern} }}" if graph else pattern


PERSON_OF_EVENT = """
    { ?event nkd:subject ?person } UNION { ?event nkd:discloses/nkd:subject ?person }
    ?person a nkd:Person .
"""


def dated_rows(store: ox.Store, kinds: list[str], graph: str | None, person: str | None):
    by_person = f"VALUES ?person {{ <{person}> }} {PERSON_OF_EVENT}" if person else ""
    any_person = "" if person else f"OPTIONAL {{ {PERSON_OF_EVENT} }}"
    return select(
        store,
        f"""
        SELECT ?event ?type ?person ?earliest ?latest ?unit ?dateLabel ?approximation WHERE {{
            {by_person}
            {in_graph(graph, "?event time:hasTime ?instant .")}
            ?event a ?type .
            VALUES ?type {{ {values(kinds)} }}
            ?instant nkd:earliest ?earliest ; nkd:latest ?latest ; time:unitType ?unit .
            OPTIONAL {{ ?instant rdfs:label ?dateLabel }}
            OPTIONAL {{ ?instant nkd:approximation ?approximation }}
            {any_person}
        }}
        """,
    )


def details(store: ox.Store, events: list[str]) -> tuple[dict, dict]:
    """Each event's quotations (sorted) and source document label."""
    quotations: dict[str, set[str]] = {}
    sources: dict[str, str] = {}
    if not events:
        return {}, {}
    rows = select(
        store,
        f"""
        SELECT ?event ?quote ?source ?sourceLabel WHERE {{
            VALUES ?event {{ {values(events)} }}
            OPTIONAL {{ ?event nkd:evidence/oa:exact ?quote }}
            OPTIONAL {{
                ?event dcterms:source ?source .
                OPTIONAL {{ ?source rdfs:label ?sourceLabel }}
            }}
        }}
        """,
    )
    for row in rows:
        if "quote" in row:
            quotations.setdefault(row["event"], set()).add(row["quote"])
        if "source" in row:
            sources[row["event"]] = min(
                sources.get(row["event"], "\uffff"), row.get("sourceLabel", row["source"])
            )
    return {event: tuple(sorted(q)) for event, q in quotations.items()}, sources


def undated_events(store: ox.Store, kinds: list[str], graph: str | None, person: str | None):
    by_person = f"VALUES ?person {{ <{person}> }} {PERSON_OF_EVENT}" if person else ""
    any_person = "" if person else f"OPTIONAL {{ {PERSON_OF_EVENT} }}"
    return select(
        store,
        f"""
        SELECT ?event ?type ?person ?approximateTime WHERE {{
            {by_person}
            {in_graph(graph, "?event a ?type .")}
            VALUES ?type {{ {values(kinds)} }}
            FILTER NOT EXISTS {{ ?event time:hasTime ?instant }}
            OPTIONAL {{ ?event nkd:approximateTime ?approximateTime }}
            {any_person}
        }}
        """,
    )


def posting_rows(store: ox.Store, graph: str | None, person: str | None):
    by_person = f"VALUES ?person {{ <{person}> }}" if person else ""
    end = "OPTIONAL {{ ?interval time:has{0} ?{1} . ?{1} nkd:earliest ?{1}earliest ; \
nkd:latest ?{1}latest ; time:unitType ?{1}unit . OPTIONAL {{ ?{1} rdfs:label ?{1}dateLabel }} \
OPTIONAL {{ ?{1} nkd:approximation ?{1}approximation }} }}"
    return select(
        store,
        f"""
        SELECT * WHERE {{
            {by_person}
            {in_graph(graph, "?posting org:member ?person .")}
            ?posting a nkd:Posting ; org:memberDuring ?interval .
            ?person a nkd:Person .
            {end.format("Beginning", "b")}
            {end.format("End", "e")}
            FILTER (BOUND(?b) || BOUND(?e))
        }}
        """,
    )


def gap_rows(store: ox.Store, defections: list[str]):
    if not defections:
        return []
    return select(
        store,
        f"""
        SELECT ?defection ?disclosure ?latest ?disclosed WHERE {{
            VALUES ?defection {{ {values(defections)} }}
            ?defection time:hasTime/nkd:latest ?latest .
            ?disclosure nkd:discloses ?defection ; nkd:isPublic true ;
                        time:hasTime/nkd:earliest ?disclosed .
        }}
        """,
    )


def sample(events: list[Event]) -> list[Event]:
    """Every n-th event in time order, so that a sample covers the whole period."""
    step = len(events) / SAMPLE_SIZE
    return [events[int(i * step)] for i in range(SAMPLE_SIZE)]


def in_period(start: datetime, end: datetime, period: tuple[int, int] | None) -> bool:
    if period is None:
        return True
    first, last = period
    return start < datetime(last + 1, 1, 1) and end > datetime(first, 1, 1)


def timeline(
    store: ox.Store,
    source: str | None = None,
    person: str | None = None,
    period: tuple[int, int] | None = None,
) -> Timeline:
    """The timeline of the store's events, of one source's, one person's, or those that
    overlap the years ``period`` (first, last); a sample when unfiltered and large."""
    graph = source_graph(store, source) if source else None
    depths = depth_below(store, EVENT)
    kinds = sorted(depths) + [OBSERVATION]
    depths[OBSERVATION] = 0

    found: dict[str, dict] = {}
    for row in dated_rows(store, kinds, graph, person):
        event = found.setdefault(row["event"], {"row": row, "types": set(), "persons": set()})
        event["types"].add(row["type"])
        if "person" in row:
            event["persons"].add(row["person"])
    undated_found: dict[str, dict] = {}
    for row in undated_events(store, kinds, graph, person):
        event = undated_found.setdefault(
            row["event"], {"row": row, "types": set(), "persons": set()}
        )
        event["types"].add(row["type"])
        if "person" in row:
            event["persons"].add(row["person"])

    def most_specific(types: set[str]) -> str:
        return max(sorted(types), key=lambda t: depths.get(t, 0))

    def lane_of(persons: set[str]) -> str:
        return min(persons) if persons else NO_PERSON

    dated = sorted(
        (
            (when_of(event["row"]), iri, most_specific(event["types"]), lane_of(event["persons"]))
            for iri, event in found.items()
        ),
        key=lambda item: (item[0].start, item[0].end, item[1]),
    )
    dated = [item for item in dated if in_period(item[0].start, item[0].end, period)]
    total = len(dated)
    filtered = bool(person or source or period)

    postings = []
    for row in posting_rows(store, graph, person):
        begins = when_of(row, "b") if "bearliest" in row else None
        ends = when_of(row, "e") if "eearliest" in row else None
        start = (begins or ends).start
        end = (ends or begins).end
        if in_period(start, end, period):
            postings.append((row["posting"], row["person"], begins, ends))
    postings.sort(key=lambda p: ((p[2] or p[3]).start, p[0]))

    iris = [item[1] for item in dated]
    kind_iris = sorted(
        {item[2] for item in dated} | {t for e in undated_found.values() for t in e["types"]}
    )
    persons = {item[3] for item in dated} | {p[1] for p in postings}
    persons |= {lane_of(e["persons"]) for e in undated_found.values()}
    persons.discard(NO_PERSON)
    names = labels(
        store,
        [
            *iris,
            *kind_iris,
            *persons,
            *(p[0] for p in postings),
            *undated_found,
            *([person] if person else []),
        ],
    )
    quotations, sources = details(store, iris)

    events = [
        Event(
            iri=iri,
            label=names.get(iri, local_name(iri)),
            kind=names.get(kind, local_name(kind)),
            lane=lane,
            when=when,
            quotations=quotations.get(iri, ()),
            source=sources.get(iri, ""),
        )
        for when, iri, kind, lane in dated
    ]
    sampled = not filtered and total > SAMPLE_SIZE
    if sampled:
        events = sample(events)
    shown = {event.iri for event in events}

    gaps = []
    first_disclosure: dict[str, tuple[datetime, str]] = {}
    defections = [e.iri for e in events if e.kind == names.get(str(NKD.Defection))]
    for row in gap_rows(store, defections):
        disclosed = datetime.fromisoformat(row["disclosed"])
        known = first_disclosure.get(row["defection"])
        if known is None or (disclosed, row["disclosure"]) < known:
            first_disclosure[row["defection"]] = (disclosed, row["disclosure"])
    for event in events:
        if event.iri in first_disclosure:
            disclosed, disclosure = first_disclosure[event.iri]
            gaps.append(Gap(event.iri, disclosure, event.lane, event.when.end, disclosed))

    undated = sorted(
        (
            Undated(
                iri=iri,
                label=names.get(iri, local_name(iri)),
                kind=names.get(most_specific(e["types"]), ""),
                lane=lane_of(e["persons"]),
                approximate_time=e["row"].get("approximateTime", ""),
            )
            for iri, e in undated_found.items()
        ),
        key=lambda u: (u.label, u.iri),
    )
    posting_bars = [
        Posting(iri, names.get(iri, local_name(iri)), lane, begins, ends)
        for iri, lane, begins, ends in postings
    ]
    lanes = lane_order(events, posting_bars, undated, names)
    return Timeline(
        lanes=lanes,
        events=events,
        undated=undated,
        postings=posting_bars,
        gaps=gaps,
        total=total,
        sampled=sampled and len(shown) < total,
        filters={
            key: value
            for key, value in {
                "source": source or "",
                "person": names.get(person, person) if person else "",
                "period": f"{period[0]}-{period[1]}" if period else "",
            }.items()
            if value
        },
    )


def lane_order(
    events: list[Event], postings: list[Posting], undated: list[Undated], names: dict[str, str]
) -> list[Lane]:
    """One lane per person, in the order of each one's first dated event or posting, then the
    lane of events about no person."""
    first: dict[str, datetime] = {}
    for lane, start in [(e.lane, e.when.start) for e in events] + [
        (p.lane, (p.begins or p.ends).start) for p in postings
    ]:
        first[lane] = min(first.get(lane, start), start)
    for item in undated:
        first.setdefault(item.lane, datetime.max)
    people = sorted(
        (lane for lane in first if lane != NO_PERSON),
        key=lambda lane: (first[lane], names.get(lane, lane), lane),
    )
    lanes = [Lane(lane, names.get(lane, local_name(lane))) for lane in people]
    if NO_PERSON in first:
        lanes.append(Lane(NO_PERSON, NO_PERSON_LABEL))
    return lanes


def people(store: ox.Store, limit: int = SAMPLE_SIZE) -> list[Lane]:
    """Persons with a dated event of their own, by name (at most ``limit``): the choices of a
    filter by person."""
    rows = select(
        store,
        f"""
        SELECT DISTINCT ?person WHERE {{
            ?event nkd:subject ?person ; time:hasTime ?instant .
            ?person a nkd:Person .
        }} LIMIT {limit}
        """,
    )
    names = labels(store, [row["person"] for row in rows])
    return sorted(
        (Lane(row["person"], names.get(row["person"], local_name(row["person"]))) for row in rows),
        key=lambda lane: (lane.label, lane.iri),
    )
