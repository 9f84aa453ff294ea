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
# A sample shows the whole lanes of at most this many persons, and at most this many of the
# events about no person (they share one lane, which would otherwise take most of the picture).
SAMPLE_LANES = 30
SAMPLE_NO_PERSON = 20
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


def when_of(row: dict[str, str]) -> When:
    """The date of a row's ``earliest``, ``latest``, ``unit``, ``dateLabel``, ``approximation``."""
    return When(
        start=datetime.fromisoformat(row["earliest"]),
        end=datetime.fromisoformat(row["latest"]) + timedelta(seconds=1),
        precision=PRECISIONS.get(row.get("unit", ""), "day"),
        label=row.get("dateLabel", row["earliest"][:10]),
        approximation=row.get("approximation", ""),
    )


def in_graph(graph: str | None, pattern: str) -> str:
    return f"GRAPH <{graph}> {{ {pattern} }}" if graph else pattern


PERSON_OF_EVENT = """
    { ?event nkd:subject ?person }
    UNION { ?event nkd:discloses ?disclosed . ?disclosed nkd:subject ?person }
    ?person a nkd:Person .
"""


def persons_clause(persons: list[str] | None) -> str:
    """The events of these persons only (a disclosure is of its event's person); none: all."""
    if persons is None:
        return ""
    return f"VALUES ?person {{ {values(persons)} }} {PERSON_OF_EVENT}"


def dated_rows(store: ox.Store, kinds: list[str], graph: str | None, persons: list[str] | None):
    return select(
        store,
        f"""
        SELECT ?event ?type ?instant WHERE {{
            {persons_clause(persons)}
            {in_graph(graph, "?event time:hasTime ?instant .")}
            ?event a ?type .
            VALUES ?type {{ {values(kinds)} }}
        }}
        """,
    )


def event_persons(store: ox.Store, events: list[str] | None) -> dict[str, set[str]]:
    """The persons of these events (of every event with a person when None).

    The two ways to a person are asked apart: Oxigraph joined their UNION to the persons of
    the graph by a nested loop, which at a million triples did not finish in minutes.
    """
    if events == []:
        return {}
    only = f"VALUES ?event {{ {values(events)} }}" if events is not None else ""
    found: dict[str, set[str]] = {}
    for path in ("nkd:subject", "nkd:discloses/nkd:subject"):
        rows = select(
            store,
            f"SELECT ?event ?person WHERE {{ {only} ?event {path} ?person . "
            "?person a nkd:Person }",
        )
        for row in rows:
            found.setdefault(row["event"], set()).add(row["person"])
    return found


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


def undated_events(store: ox.Store, kinds: list[str], graph: str | None, persons: list[str] | None):
    return select(
        store,
        f"""
        SELECT ?event ?type ?approximateTime WHERE {{
            {persons_clause(persons)}
            {in_graph(graph, "?event a ?type .")}
            VALUES ?type {{ {values(kinds)} }}
            FILTER NOT EXISTS {{ ?event time:hasTime ?instant }}
            OPTIONAL {{ ?event nkd:approximateTime ?approximateTime }}
        }}
        """,
    )


def posting_rows(store: ox.Store, graph: str | None, persons: list[str] | None):
    by_person = f"VALUES ?person {{ {values(persons)} }}" if persons is not None else ""
    return select(
        store,
        f"""
        SELECT ?posting ?person ?b ?e WHERE {{
            {by_person}
            {in_graph(graph, "?posting org:member ?person .")}
            ?posting a nkd:Posting ; org:memberDuring ?interval .
            ?person a nkd:Person .
            OPTIONAL {{ ?interval time:hasBeginning ?b }}
            OPTIONAL {{ ?interval time:hasEnd ?e }}
            FILTER (BOUND(?b) || BOUND(?e))
        }}
        """,
    )


def instants(store: ox.Store, iris: set[str]) -> dict[str, When]:
    """The dates of these instants, read once each: instants are shared by value, and reading
    them apart from what they date keeps Oxigraph from reading every instant of the graph."""
    if not iris:
        return {}
    # Past a few hundred, reading every instant of the graph is faster than a VALUES block.
    only = f"VALUES ?instant {{ {values(sorted(iris))} }}" if len(iris) <= 500 else ""
    rows = select(
        store,
        f"""
        SELECT ?instant ?earliest ?latest ?unit ?dateLabel ?approximation WHERE {{
            {only}
            ?instant nkd:earliest ?earliest ; nkd:latest ?latest ; time:unitType ?unit .
            OPTIONAL {{ ?instant rdfs:label ?dateLabel }}
            OPTIONAL {{ ?instant nkd:approximation ?approximation }}
        }}
        """,
    )
    return {row["instant"]: when_of(row) for row in rows if row["instant"] in iris}


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


def sample_of_people(first_dates: dict[str, datetime], counts: dict[str, int]) -> list[str]:
    """Persons spread over the period (in the order of their first event), as many as bring
    the sample to SAMPLE_SIZE events: whole lanes, so that a person shown is shown whole."""
    ordered = sorted(first_dates, key=lambda p: (first_dates[p], p))
    average = max(1, sum(counts.values()) // max(1, len(ordered)))
    wanted = max(1, min(SAMPLE_LANES, SAMPLE_SIZE // average))
    step = max(1, len(ordered) / wanted)
    chosen, size, index = [], 0, 0.0
    while int(index) < len(ordered) and size + counts[ordered[int(index)]] <= SAMPLE_SIZE:
        chosen.append(ordered[int(index)])
        size += counts[ordered[int(index)]]
        index += step
    return chosen


def every_nth(items: list, size: int) -> list:
    """``size`` items spread over the list, in order."""
    if size <= 0:
        return []
    if len(items) <= size:
        return items
    step = len(items) / size
    return [items[int(i * step)] for i in range(size)]


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
    overlap the years ``period`` (first, last).

    Unfiltered, a graph of more than SAMPLE_SIZE dated events gives a sample: the whole lanes
    of persons spread over the period, and events about no person spread likewise.
    """
    graph = source_graph(store, source) if source else None
    depths = depth_below(store, EVENT)
    kinds = sorted(depths) + [OBSERVATION]
    depths[OBSERVATION] = 0

    def most_specific(types: set[str]) -> str:
        return max(sorted(types), key=lambda t: depths.get(t, 0))

    def lane_of(persons: set[str]) -> str:
        return min(persons) if persons else NO_PERSON

    persons = [person] if person else None
    types: dict[str, set[str]] = {}
    instant_of: dict[str, str] = {}
    for row in dated_rows(store, kinds, graph, persons):
        types.setdefault(row["event"], set()).add(row["type"])
        instant_of[row["event"]] = min(instant_of.get(row["event"], row["instant"]), row["instant"])
    dates = instants(store, set(instant_of.values()))
    # An event whose instant has no date parts (earliest, latest, unit) is not placed.
    dated = sorted(
        (
            (dates[instant_of[iri]], iri)
            for iri in types
            if instant_of[iri] in dates
            and in_period(dates[instant_of[iri]].start, dates[instant_of[iri]].end, period)
        ),
        key=lambda item: (item[0].start, item[0].end, item[1]),
    )
    total = len(dated)
    sampled = not (person or source or period) and total > SAMPLE_SIZE
    lanes_of = (
        {iri: {person} for _, iri in dated}
        if person
        else event_persons(store, None if sampled else [iri for _, iri in dated])
    )
    if sampled:
        first_dates: dict[str, datetime] = {}
        counts: dict[str, int] = {}
        for when, iri in dated:
            lane = lane_of(lanes_of.get(iri, set()))
            if lane != NO_PERSON:
                first_dates.setdefault(lane, when.start)
                counts[lane] = counts.get(lane, 0) + 1
        persons = sample_of_people(first_dates, counts)
        chosen = set(persons)
        mine = [(w, i) for w, i in dated if lane_of(lanes_of.get(i, set())) in chosen]
        others = [(w, i) for w, i in dated if not lanes_of.get(i)]
        kept = {i for _, i in mine} | {
            i for _, i in every_nth(others, min(SAMPLE_NO_PERSON, SAMPLE_SIZE - len(mine)))
        }
        dated = [(w, i) for w, i in dated if i in kept]

    undated_found: dict[str, dict] = {}
    for row in undated_events(store, kinds, graph, persons):
        event = undated_found.setdefault(row["event"], {"row": row, "types": set()})
        event["types"].add(row["type"])
    undated_lanes = event_persons(store, sorted(undated_found))

    posting_found = posting_rows(store, graph, persons)
    posting_dates = instants(
        store, {row[end] for row in posting_found for end in ("b", "e") if end in row}
    )
    postings = []
    for row in posting_found:
        begins, ends = posting_dates.get(row.get("b", "")), posting_dates.get(row.get("e", ""))
        if (begins or ends) and in_period((begins or ends).start, (ends or begins).end, period):
            postings.append((row["posting"], row["person"], begins, ends))
    postings.sort(key=lambda p: ((p[2] or p[3]).start, p[0]))

    iris = [iri for _, iri in dated]
    kind_iris = {most_specific(types[iri]) for iri in iris}
    kind_iris |= {t for e in undated_found.values() for t in e["types"]}
    people = {lane_of(lanes_of.get(iri, set())) for iri in iris} | {p[1] for p in postings}
    people |= {lane_of(undated_lanes.get(iri, set())) for iri in undated_found}
    people.discard(NO_PERSON)
    names = labels(
        store,
        [*iris, *kind_iris, *people, *(p[0] for p in postings), *undated_found, *(persons or [])],
    )
    quotations, sources = details(store, iris)
    events = [
        Event(
            iri=iri,
            label=names.get(iri, local_name(iri)),
            kind=names.get(most_specific(types[iri]), local_name(most_specific(types[iri]))),
            lane=lane_of(lanes_of.get(iri, set())),
            when=when,
            quotations=quotations.get(iri, ()),
            source=sources.get(iri, ""),
        )
        for when, iri in dated
    ]

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
                lane=lane_of(undated_lanes.get(iri, set())),
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
    return Timeline(
        lanes=lane_order(events, posting_bars, undated, names),
        events=events,
        undated=undated,
        postings=posting_bars,
        gaps=gaps,
        total=total,
        sampled=sampled,
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
