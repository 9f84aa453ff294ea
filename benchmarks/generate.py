"""Synthetic graphs of this domain's shape, deterministic from a seed, for benchmarks and tests.

A generated data folder looks like ours: ``reference.ttl`` holds the states, cities, missions,
government bodies, authors and the date instants (minted by value and shared, as in our data);
each ``source-synthetic-NNNNN.ttl`` holds one source document, the facts taken from it and its
graph's provenance. Every fact (posting, defection, disclosure, resettlement, kinship,
observation, claim) carries an evidence node quoting its source, the source, who asserts it and
how certainly, so that the graph conforms to ``ontology/shapes.ttl``.

Beside the data folder, ``batch/`` holds 100 new facts that continue the same graph (new
defectors, new relatives of persons already in the graph), once conforming
(``new-facts.ttl``) and once with deliberate errors (``violating.ttl``) — the input of the
incremental validation benchmark and tests.

    python benchmarks/generate.py --size 100k --seed 1 --out /tmp/kg-100k
    kg --data /tmp/kg-100k/data query timeline
"""

import argparse
import calendar
import hashlib
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from kg.graph.names import name_keys
from kg.progress import progress_bar

SIZES = {"k": 1_000, "m": 1_000_000}
BATCH_FACTS = 100
CASES_PER_SOURCE = 20

PREFIXES = """\
@prefix nkd:     <https://w3id.org/nkdefectors/ontology#> .
@prefix nk:      <https://w3id.org/nkdefectors/id/> .
@prefix nkv:     <https://w3id.org/nkdefectors/vocab/> .
@prefix graph:   <https://w3id.org/nkdefectors/graph/> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix org:     <http://www.w3.org/ns/org#> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix time:    <http://www.w3.org/2006/time#> .
@prefix schema:  <https://schema.org/> .
@prefix oa:      <http://www.w3.org/ns/oa#> .
"""


def words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FAMILY_NAMES = words(
    "Kim Ri Pak Choe Jong Kang Jo Yun Jang Han Thae Ryu Ji Hong O So Sin Hwang An Song "
    "Kwon Mun Yang Paek Ko Nam Chon Ku Jon Rim"
)
GIVEN_SYLLABLES = words(
    "il kyu song chol yong ho hyun woo gil ryol sok nam hui chun myong su jin hyok kwang un "
    "sun ok hye mi guk pyol hak dok man sik bom ung chan tae ryong sang hun gyong chang min "
    "hwa yon ae rye bok gum sil dal mu ju son hong myon pil"
)

# Host states of North Korean missions (state, capital); real places, invented people.
HOSTS = [
    ("Cuba", "Havana"),
    ("United Kingdom", "London"),
    ("Kuwait", "Kuwait City"),
    ("Italy", "Rome"),
    ("China", "Beijing"),
    ("Russia", "Moscow"),
    ("Vietnam", "Hanoi"),
    ("Laos", "Vientiane"),
    ("Cambodia", "Phnom Penh"),
    ("Thailand", "Bangkok"),
    ("Malaysia", "Kuala Lumpur"),
    ("Indonesia", "Jakarta"),
    ("India", "New Delhi"),
    ("Pakistan", "Islamabad"),
    ("Iran", "Tehran"),
    ("Syria", "Damascus"),
    ("Egypt", "Cairo"),
    ("Ethiopia", "Addis Ababa"),
    ("Nigeria", "Abuja"),
    ("Angola", "Luanda"),
    ("Tanzania", "Dodoma"),
    ("Uganda", "Kampala"),
    ("South Africa", "Pretoria"),
    ("Germany", "Berlin"),
    ("Sweden", "Stockholm"),
    ("Poland", "Warsaw"),
    ("Czech Republic", "Prague"),
    ("Bulgaria", "Sofia"),
    ("Romania", "Bucharest"),
    ("Switzerland", "Bern"),
    ("Spain", "Madrid"),
    ("Brazil", "Brasilia"),
    ("Mexico", "Mexico City"),
    ("Venezuela", "Caracas"),
    ("Peru", "Lima"),
    ("Mongolia", "Ulaanbaatar"),
    ("Singapore", "Singapore"),
    ("Myanmar", "Naypyidaw"),
    ("Bangladesh", "Dhaka"),
    ("Nepal", "Kathmandu"),
]

ROLES_ABROAD = [
    ("role-counselor-political-affairs", "counselor for political affairs"),
    ("role-deputy-chief-of-mission", "deputy chief of mission"),
    ("role-charge-d-affaires", "chargé d'affaires"),
    ("role-ambassador", "ambassador"),
    ("role-diplomat", "diplomat"),
]
ROLE_MINISTRY = ("role-foreign-ministry-official", "Foreign Ministry official")
ROLE_ASSEMBLY = ("role-national-assembly-member", "National Assembly member")

DISCLOSURE_MEANS = [
    ("disclosure-means-published-interview", "an interview with him was published"),
    ("disclosure-means-official-announcement", "the South Korean government announced it"),
    ("disclosure-means-legislator-statement", "a National Assembly member stated it"),
]
CLAIM_TEMPLATES = [
    ("certainty-likely", "{name} would likely have been blamed for the failures of {mission}."),
    ("certainty-possible", "It is possible that {name} knew of the plans of {host}."),
    ("certainty-likely", "{name} most likely feared for the safety of his family."),
]
# nk:dprk, nk:rok, two cities, three government bodies, a publication and a publisher, then
# a state, a capital and an embassy for each host.
STATIC_REFERENCE_TRIPLES = 3 * 2 + 4 * 2 + 4 * 3 + 3 * 2 + len(HOSTS) * (3 + 4 + 6)
MONTHS = calendar.month_name[1:]


def parse_size(text: str) -> int:
    """``10k`` -> 10000, ``1M`` -> 1000000, ``2500`` -> 2500."""
    match = re.fullmatch(r"(\d+)([kKmM]?)", text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (use e.g. 10k, 100k, 1M)")
    number, unit = match.groups()
    return int(number) * SIZES.get(unit.lower(), 1)


def slug(text: str) -> str:
    """The IRI-safe form of a name: ``Ri Il-kyu`` -> ``ri-il-kyu``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def literal(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    """A Turtle literal, escaped, with a language tag or a datatype CURIE."""
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    if lang:
        return f'"{escaped}"@{lang}'
    if datatype:
        return f'"{escaped}"^^{datatype}'
    return f'"{escaped}"'


@dataclass(frozen=True)
class Date:
    """A date at the precision a source gives it: a year, a month or a day."""

    year: int
    month: int | None = None
    day: int | None = None
    approximation: str | None = None

    @property
    def iri(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        suffix = f"-{self.approximation.split()[0]}" if self.approximation else ""
        return "nk:date-" + "-".join(parts) + suffix

    @property
    def bounds(self) -> tuple[str, str]:
        if self.day:
            first = last = (self.month, self.day)
        elif self.month:
            first = (self.month, 1)
            last = (self.month, calendar.monthrange(self.year, self.month)[1])
        else:
            first, last = (1, 1), (12, 31)
        return (
            f"{self.year:04d}-{first[0]:02d}-{first[1]:02d}T00:00:00",
            f"{self.year:04d}-{last[0]:02d}-{last[1]:02d}T23:59:59",
        )

    def words(self) -> str:
        """The date as a source would write it."""
        if self.day:
            return f"{MONTHS[self.month - 1]} {self.day}, {self.year}"
        if self.month:
            prefix = f"{self.approximation.split()[0]} " if self.approximation else ""
            return f"{prefix}{MONTHS[self.month - 1]} {self.year}"
        return str(self.year)

    def block(self) -> tuple[str, list[tuple[str, str]]]:
        if self.day:
            value = ("time:inXSDDate", literal(self.iri[8:18], datatype="xsd:date"))
            unit = "time:unitDay"
        elif self.month:
            value = ("time:inXSDgYearMonth", literal(self.iri[8:15], datatype="xsd:gYearMonth"))
            unit = "time:unitMonth"
        else:
            value = ("time:inXSDgYear", literal(self.iri[8:12], datatype="xsd:gYear"))
            unit = "time:unitYear"
        earliest, latest = self.bounds
        pairs = [
            ("a", "nkd:DateInstant"),
            ("rdfs:label", literal(self.words(), lang="en")),
            value,
            ("time:unitType", unit),
            ("nkd:earliest", literal(earliest, datatype="xsd:dateTime")),
            ("nkd:latest", literal(latest, datatype="xsd:dateTime")),
        ]
        if self.approximation:
            pairs.append(("nkd:approximation", literal(self.approximation, lang="en")))
        return self.iri, pairs

    def after(self, rng: random.Random, max_years: int = 3) -> "Date":
        """A later date, at a random precision, strictly after this one's latest bound."""
        year = self.year + rng.randint(1, max_years)
        return random_date(rng, year, year)


def random_date(rng: random.Random, first_year: int, last_year: int) -> Date:
    year = rng.randint(first_year, last_year)
    precision = rng.random()
    if precision < 0.2:
        return Date(year)
    month = rng.randint(1, 12)
    if precision < 0.55:
        if precision < 0.3:
            return Date(
                year, month, approximation=f"{rng.choice(['early', 'late'])} {MONTHS[month - 1]}"
            )
        return Date(year, month)
    return Date(year, month, rng.randint(1, calendar.monthrange(year, month)[1]))


Block = tuple[str, list[tuple[str, str]]]


@dataclass
class Source:
    """One source document: its IRI, author and date, and the blocks of its graph."""

    name: str
    author: str
    issued: Date
    blocks: list[Block] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)

    @property
    def iri(self) -> str:
        return f"nk:{self.name}"


@dataclass
class Case:
    """A defector already in the graph, so that new facts can refer to him."""

    person: str
    name: str
    posting: str
    defection_date: Date


class Generator:
    """Mints persons, missions, facts and their evidence; the only randomness is ``rng``."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.names: set[str] = set()
        self.dates: dict[str, Date] = {}
        self.cases: list[Case] = []
        self.authors = [self.person_name() for _ in range(12)]
        self.fact_count = 0
        self.date_triples = 0

    # --- names and shared nodes ---

    def person_name(self) -> str:
        """A name no other person in the graph has, even with spaces and hyphens removed or
        in another romanisation: synthetic people are all different people.

        Two-syllable given names, as most are; a third syllable only once those grow scarce.
        """
        attempts = 0
        while True:
            attempts += 1
            syllables = self.rng.choices(GIVEN_SYLLABLES, k=2 if attempts < 20 else 3)
            given = "-".join([syllables[0].capitalize(), "".join(syllables[1:])])
            name = f"{self.rng.choice(FAMILY_NAMES)} {given}"
            keys = {re.sub(r"[\s\-']", "", name.lower()), *name_keys(name)}
            if not keys & self.names:
                self.names.update(keys)
                return name

    def date(self, value: Date) -> str:
        if value.iri not in self.dates:
            self.dates[value.iri] = value
            self.date_triples += len(value.block()[1])
        return value.iri

    def reference_size(self) -> int:
        """How many triples ``reference_blocks`` would write now."""
        return STATIC_REFERENCE_TRIPLES + len(self.authors) * 3 + self.date_triples

    def reference_blocks(self) -> list[Block]:
        """States, cities, missions, government bodies, authors and every date used."""
        blocks: list[Block] = [
            ("nk:dprk", [("a", "nkd:State"), *labels("North Korea")]),
            ("nk:rok", [("a", "nkd:State"), *labels("South Korea")]),
            (
                "nk:pyongyang",
                [("a", "nkd:City"), *labels("Pyongyang"), ("nkd:locatedIn", "nk:dprk")],
            ),
            ("nk:seoul", [("a", "nkd:City"), *labels("Seoul"), ("nkd:locatedIn", "nk:rok")]),
            (
                "nk:dprk-foreign-ministry",
                [
                    ("a", "nkd:GovernmentBody"),
                    *labels("North Korean Foreign Ministry"),
                    ("nkd:partOfState", "nk:dprk"),
                ],
            ),
            (
                "nk:rok-government",
                [
                    ("a", "nkd:GovernmentBody"),
                    *labels("South Korean government"),
                    ("nkd:partOfState", "nk:rok"),
                ],
            ),
            (
                "nk:rok-national-assembly",
                [
                    ("a", "nkd:GovernmentBody"),
                    *labels("South Korean National Assembly"),
                    ("nkd:partOfState", "nk:rok"),
                ],
            ),
            ("nk:synthetic-review", [("a", "nkd:Publication"), *labels("The Synthetic Review")]),
            ("nk:synthetic-institute", [("a", "nkd:ThinkTank"), *labels("Synthetic Institute")]),
        ]
        for state, city in HOSTS:
            blocks.append((f"nk:{slug(state)}", [("a", "nkd:State"), *labels(state)]))
            blocks.append(
                (
                    city_iri(city),
                    [("a", "nkd:City"), *labels(city), ("nkd:locatedIn", f"nk:{slug(state)}")],
                )
            )
            blocks.append(
                (
                    mission_iri(city),
                    [
                        ("a", "nkd:Embassy"),
                        *labels(f"North Korean embassy in {city}"),
                        ("nkd:sendingState", "nk:dprk"),
                        ("nkd:hostCountry", f"nk:{slug(state)}"),
                        ("nkd:hostCity", city_iri(city)),
                    ],
                )
            )
        for author in self.authors:
            blocks.append((f"nk:{slug(author)}", [("a", "nkd:Person"), *labels(author)]))
        blocks.extend(self.dates[iri].block() for iri in sorted(self.dates))
        return blocks

    # --- facts ---

    def fact(
        self,
        source: Source,
        iri: str,
        pairs: list[tuple[str, str]],
        quote: str,
        certainty: str = "certainty-stated",
        on_account_of: str | None = None,
    ) -> None:
        """Add a fact with its provenance and, right after it, its evidence node."""
        evidence = f"nk:ev-{iri[3:]}"
        provenance = [("nkd:assertedBy", source.author)]
        if on_account_of:
            provenance += [
                ("nkd:onAccountOf", on_account_of),
                ("nkd:accountBasis", "nkv:basis-own-statement"),
            ]
        provenance += [
            ("nkd:certainty", f"nkv:{certainty}"),
            ("dcterms:source", source.iri),
            ("nkd:evidence", evidence),
        ]
        source.blocks.append((iri, pairs + provenance))
        source.quotes.append(quote)
        source.blocks.append(
            (
                evidence,
                [
                    ("a", "nkd:Evidence"),
                    ("oa:exact", literal(quote)),
                    ("prov:wasQuotedFrom", source.iri),
                ],
            )
        )
        self.fact_count += 1

    def person(self, source: Source, name: str) -> str:
        iri = f"nk:{slug(name)}"
        source.blocks.append((iri, [("a", "nkd:Person"), *labels(name)]))
        return iri

    def posting(
        self,
        source: Source,
        person: str,
        name: str,
        organization: tuple[str, str],
        role: tuple[str, str],
        begin: Date,
        end: Date | None,
    ) -> str:
        org_iri, org_label = organization
        iri = f"nk:posting-{person[3:]}-{org_iri[3:]}"
        interval = f"{iri}-interval"
        bounds = [("time:hasBeginning", self.date(begin))]
        if end:
            bounds.append(("time:hasEnd", self.date(end)))
        source.blocks.append((interval, [("a", "time:Interval"), *bounds]))
        self.fact(
            source,
            iri,
            [
                ("a", "nkd:Posting"),
                ("org:member", person),
                ("org:organization", org_iri),
                ("org:role", f"nkv:{role[0]}"),
                ("org:memberDuring", interval),
            ],
            f"{name} served as {role[1]} at the {org_label} from {begin.words()}.",
        )
        return iri

    def kinship(self, source: Source, person: str, name: str, kind: str) -> str:
        relative_name = self.person_name()
        relative = self.person(source, relative_name)
        self.fact(
            source,
            f"nk:kinship-{person[3:]}-{relative[3:]}",
            [
                ("a", "nkd:Kinship"),
                ("nkd:kinOf", person),
                ("nkd:relative", relative),
                ("nkd:kinshipType", f"nkv:kinship-{kind}"),
            ],
            f"{relative_name} is the {kind} of {name}.",
        )
        return relative

    def case(self, source: Source) -> None:
        """A diplomat's career, defection, its disclosure, his family and what is said of him."""
        rng = self.rng
        name = self.person_name()
        person = self.person(source, name)
        state, city = rng.choice(HOSTS)
        mission = (mission_iri(city), f"North Korean embassy in {city}")
        joined = random_date(rng, 1975, 2000)
        posted = Date(rng.randint(joined.year + 5, 2015), rng.randint(1, 12))
        defected = posted.after(rng, 6)
        self.posting(
            source,
            person,
            name,
            ("nk:dprk-foreign-ministry", "Foreign Ministry"),
            ROLE_MINISTRY,
            joined,
            Date(posted.year),
        )
        role = rng.choice(ROLES_ABROAD)
        posting = self.posting(source, person, name, mission, role, posted, None)
        wife = self.kinship(source, person, name, "wife")
        child = self.kinship(source, person, name, rng.choice(["daughter", "child"]))
        stayed = self.kinship(source, person, name, "parent")
        defection = f"nk:defection-{person[3:]}"
        self.fact(
            source,
            defection,
            [
                ("a", "nkd:Defection"),
                ("nkd:subject", person),
                ("nkd:fromPosting", posting),
                ("time:hasTime", self.date(defected)),
                ("nkd:location", city_iri(city)),
                ("nkd:destination", "nk:rok"),
                ("nkd:accompaniedBy", wife),
                ("nkd:accompaniedBy", child),
                ("nkd:leftBehind", stayed),
            ],
            f"{name}, the {role[1]} in {city}, slipped away from the embassy in "
            f"{defected.words()} and fled to South Korea with his family.",
        )
        resettled = defected.after(rng, 1)
        self.fact(
            source,
            f"nk:resettlement-{person[3:]}",
            [
                ("a", "nkd:Resettlement"),
                ("nkd:subject", person),
                ("time:hasTime", self.date(resettled)),
                ("nkd:location", "nk:rok"),
            ],
            f"{name} resettled in South Korea in {resettled.words()}.",
        )
        disclosed = resettled.after(rng, 2)
        means, means_words = rng.choice(DISCLOSURE_MEANS)
        self.fact(
            source,
            f"nk:disclosure-{person[3:]}",
            [
                ("a", "nkd:Disclosure"),
                ("nkd:discloses", defection),
                ("nkd:isPublic", literal("true", datatype="xsd:boolean")),
                ("nkd:means", f"nkv:{means}"),
                ("nkd:disclosedBy", "nk:rok-government"),
                ("time:hasTime", self.date(disclosed)),
            ],
            f"His presence in Seoul was made public in {disclosed.words()} when {means_words}.",
            certainty="certainty-reported",
            on_account_of=person,
        )
        certainty, template = rng.choice(CLAIM_TEMPLATES)
        statement = template.format(name=name, mission=mission[1], host=state)
        self.fact(
            source,
            f"nk:claim-{person[3:]}",
            [
                ("a", "nkd:Claim"),
                ("nkd:statement", literal(statement, lang="en")),
                ("nkd:about", person),
            ],
            statement,
            certainty=certainty,
        )
        self.cases.append(Case(person, name, posting, defected))

    def observation(self, source: Source) -> None:
        state, _ = self.rng.choice(HOSTS)
        year = source.issued.year
        count = self.rng.randint(50, 20_000)
        self.fact(
            source,
            f"nk:observation-workers-{slug(state)}-{source.name[7:]}",
            [
                ("a", "nkd:Observation"),
                ("nkd:observedState", "nk:dprk"),
                ("nkd:measure", "nkv:measure-workers-abroad"),
                ("nkd:count", literal(str(count), datatype="xsd:integer")),
                ("nkd:inCountry", f"nk:{slug(state)}"),
                ("time:hasTime", self.date(Date(year))),
            ],
            f"Some {count:,} North Korean workers are in {state}.",
        )

    def source(self, number: int) -> Source:
        issued = random_date(self.rng, 2016, 2024)
        issued = Date(issued.year, issued.month or 6, issued.day or 15)
        source = Source(
            f"source-synthetic-{number:05d}",
            f"nk:{slug(self.rng.choice(self.authors))}",
            issued,
        )
        graph = f"graph:{source.name}"
        source.blocks += [
            (
                source.iri,
                [
                    ("a", "nkd:SourceDocument"),
                    ("a", "schema:BlogPosting"),
                    ("dcterms:title", literal(f"Synthetic report {number}", lang="en")),
                    ("dcterms:creator", source.author),
                    ("dcterms:publisher", "nk:synthetic-institute"),
                    ("dcterms:isPartOf", "nk:synthetic-review"),
                    ("dcterms:issued", literal(self.date_value(issued), datatype="xsd:date")),
                    ("dcterms:language", literal("en")),
                ],
            ),
            (
                graph,
                [
                    ("a", "nkd:SourceGraph"),
                    ("prov:wasDerivedFrom", source.iri),
                    ("prov:wasGeneratedBy", f"nk:curation-{source.name}"),
                ],
            ),
            (
                f"nk:curation-{source.name}",
                [
                    ("a", "prov:Activity"),
                    *labels(f"Curation of synthetic report {number}"),
                ],
            ),
        ]
        return source

    @staticmethod
    def date_value(value: Date) -> str:
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"

    # --- the batch of new facts ---

    def batch(self, number: int, facts: int) -> Source:
        """``facts`` new facts: whole new cases, then siblings of defectors already in the graph.

        A case has nine facts; the remainder (at least ten) are kinships whose person is in the
        graph and not in the batch, so that validating the batch needs the graph's context.
        """
        source = self.source(number)
        existing = list(self.cases)
        start = self.fact_count
        for _ in range((facts - 10) // 9):
            self.case(source)
        for case in self.rng.choices(existing, k=facts - (self.fact_count - start)):
            self.kinship(source, case.person, case.name, "sibling")
        return source


def labels(text: str) -> list[tuple[str, str]]:
    return [("skos:prefLabel", literal(text, lang="en")), ("rdfs:label", literal(text, lang="en"))]


def city_iri(city: str) -> str:
    # A city-state's capital needs an IRI of its own beside the state's.
    states = {state for state, _ in HOSTS}
    return f"nk:{slug(city)}-city" if city in states else f"nk:{slug(city)}"


def mission_iri(city: str) -> str:
    return f"nk:embassy-dprk-{slug(city)}"


def break_batch(blocks: list[Block], existing: Case) -> list[Block]:
    """The batch with deliberate errors: a posting without a role, a disclosure dated before
    the defection it discloses, a claim without evidence, a kinship whose relative is defined
    nowhere, and a new person with the name of one already in the graph."""
    by_subject = dict(blocks)
    first = {
        kind: next(
            iri for iri, pairs in by_subject.items() if ("a", f"nkd:{kind.title()}") in pairs
        )
        for kind in ("posting", "disclosure", "claim", "kinship")
    }
    by_subject[first["posting"]] = [
        pair for pair in by_subject[first["posting"]] if pair[0] != "org:role"
    ]
    early = Date(1950)
    by_subject[first["disclosure"]] = [
        (p, early.iri if p == "time:hasTime" else o) for p, o in by_subject[first["disclosure"]]
    ]
    by_subject[early.iri] = early.block()[1]
    by_subject[first["claim"]] = [
        pair for pair in by_subject[first["claim"]] if pair[0] != "nkd:evidence"
    ]
    by_subject[first["kinship"]] = [
        (p, "nk:nowhere-defined" if p == "nkd:relative" else o)
        for p, o in by_subject[first["kinship"]]
    ]
    by_subject["nk:duplicate-of-existing"] = [("a", "nkd:Person"), *labels(existing.name.upper())]
    return list(by_subject.items())


def with_capture(source: Source, sources: Path) -> list[Block]:
    """The source's blocks, its document's text capture written to ``sources/NAME.txt`` (the
    title, then every quotation of the source as a paragraph) and its path and SHA-256 added
    to the document, as the quotation check requires."""
    text = "".join(f"{paragraph}\n\n" for paragraph in [source.name, *source.quotes])
    capture = sources / f"{source.name}.txt"
    capture.write_text(text, encoding="utf-8")
    digest = hashlib.sha256(capture.read_bytes()).hexdigest()
    blocks = list(source.blocks)
    subject, pairs = blocks[0]  # the document's own block, which ``source`` writes first
    blocks[0] = (
        subject,
        [
            *pairs,
            ("nkd:capturedAs", literal(f"sources/{capture.name}")),
            ("nkd:captureSha256", literal(digest)),
        ],
    )
    return blocks


def block_size(source: Source) -> int:
    return sum(len(pairs) for _, pairs in source.blocks)


def write_turtle(path: Path, blocks: list[Block]) -> int:
    """Write subject blocks as readable Turtle; return the number of triples written."""
    lines = [PREFIXES]
    for subject, pairs in blocks:
        body = " ;\n    ".join(f"{p} {o}" for p, o in pairs)
        lines.append(f"{subject}\n    {body} .\n")
    path.write_text("\n".join(lines), encoding="utf-8")
    return sum(len(pairs) for _, pairs in blocks)


def generate(size: int, seed: int, out: Path) -> dict[str, int]:
    """Write ``out/data/`` of at least ``size`` triples, ``out/batch/``, and the captures of
    their source documents in ``out/sources/`` (point ``KG_SOURCES`` at it); return counts."""
    data = out / "data"
    batch = out / "batch"
    sources = out / "sources"
    for folder, pattern in ((data, "*.ttl"), (batch, "*.ttl"), (sources, "*.txt")):
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob(pattern):
            stale.unlink()
    generator = Generator(seed)
    triples = 0
    number = 0
    with progress_bar(size, "generating") as bar:
        while triples + generator.reference_size() < size:
            number += 1
            source = generator.source(number)
            generator.observation(source)
            for _ in range(CASES_PER_SOURCE):
                generator.case(source)
                if triples + block_size(source) + generator.reference_size() >= size:
                    break
            written = write_turtle(data / f"{source.name}.ttl", with_capture(source, sources))
            triples += written
            bar.update(written)
    facts = generator.fact_count
    triples += write_turtle(data / "reference.ttl", generator.reference_blocks())
    # The batch's new date instants go in the batch, not in the graph's reference file.
    known_dates = set(generator.dates)
    existing = generator.cases[0]
    new = generator.batch(number + 1, BATCH_FACTS)
    new.blocks += [
        generator.dates[iri].block() for iri in sorted(set(generator.dates) - known_dates)
    ]
    new.blocks = with_capture(new, sources)
    write_turtle(batch / "new-facts.ttl", new.blocks)
    write_turtle(batch / "violating.ttl", break_batch(new.blocks, existing))
    return {"triples": triples, "facts": facts, "sources": number}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=parse_size, required=True, help="triples: 10k, 100k, 1M")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="folder for data/ and batch/")
    args = parser.parse_args(argv)
    counts = generate(args.size, args.seed, args.out)
    print(
        f"{args.out / 'data'}: {counts['triples']} triples, {counts['facts']} facts, "
        f"{counts['sources']} sources; batch: {args.out / 'batch'}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
