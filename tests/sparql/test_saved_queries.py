"""Each saved query answers its question with exactly the rows the article gives.

The queries run over the tests' own copy of the article's graph (tests/fixtures/article), so
that the answers depend neither on which other sources data/ holds nor on later edits of it;
the test of a second source (tests/test_second_source.py) checks that every answer the
article's data file gives is still there when another source joins it.

The expected rows were worked out by reading the article (docs/coverage.md maps each to its
paragraph), not copied from the queries' output: for example, from late November 2023 to
July 16, 2024 is 8 calendar months, from September 2019 to January 2021 is 16, and from
November 2018 to October 2020 is 23.
"""

import re

import pytest
from rdflib import Dataset, URIRef, Variable

from kg.graph import paths
from kg.graph.load import load_dataset
from kg.graph.namespaces import NK

SAVED_QUERIES = (
    "defections-by-diplomats",
    "defection-to-disclosure",
    "punishments-and-the-hanoi-summit",
    "positions-in-south-korea",
    "family-of-defectors",
    "facts-about-person",
    "diplomatic-missions-over-time",
    "timeline",
    "claims-by-certainty",
    "highest-ranking-defectors",
    "what-happened-to-defectors-families",
    # The article gives no counts over a period; tests/test_second_source.py has its rows.
    "elite-defections-per-period",
)
ARTICLE_TITLE = (
    "Senior North Korean Officials Who Successfully Defect Are Principally Diplomats Abroad"
)


@pytest.fixture(scope="module")
def article_dataset(article_alone) -> Dataset:
    """The tests' copy of the article's graph, alone, with the ontology and shapes."""
    return load_dataset(article_alone)


def saved_query(name: str) -> str:
    """The text of ``queries/NAME.rq``."""
    return (paths.QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8")


def rows(dataset: Dataset, name: str, **bindings: URIRef) -> list[tuple[str, ...]]:
    """The saved query's result rows as tuples of strings, unbound values as ""."""
    init = {Variable(variable): value for variable, value in bindings.items()}
    result = dataset.query(saved_query(name), initBindings=init)
    return [tuple("" if value is None else str(value) for value in row) for row in result]


def iri(name: str) -> str:
    return str(NK[name])


# --- The catalogue ---


@pytest.mark.parametrize("name", SAVED_QUERIES)
def test_saved_query_has_grlc_header_and_portable_body(name):
    text = saved_query(name)
    assert text.startswith("#+ summary: ")
    assert re.search(r"^#\+ description: \S", text, re.MULTILINE)
    assert re.search(r"^#\+ tags:\n#\+   - \S", text, re.MULTILINE)
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    assert re.search(r"\bORDER BY\b", body)
    # Plain triple patterns over the union, standard SPARQL only, no remote access.
    for keyword in ("GRAPH", "SERVICE", "FROM", "LOAD"):
        assert not re.search(rf"\b{keyword}\b", body), keyword
    used = set(re.findall(r"(?<![\w:<])([a-z]+):\w", body)) - {"http", "https"}
    declared = set(re.findall(r"^PREFIX (\w+):", body, re.MULTILINE))
    assert used <= declared, used - declared


def test_person_parameter_defaults_to_ri_il_kyu():
    text = saved_query("facts-about-person")
    assert "?_person_iri" in text
    assert re.search(r"^#\+ defaults:\n#\+   - person_iri: (\S+)$", text, re.MULTILINE).group(
        1
    ) == iri("ri-il-kyu")


# --- 1. Diplomats who defected while posted abroad ---


def test_defections_by_diplomats(article_dataset):
    assert rows(article_dataset, "defections-by-diplomats") == [
        (
            "Thae Yong-ho",
            "deputy chief of mission",
            "North Korean embassy in London",
            "United Kingdom",
            "2016",
            "year",
            "",
            iri("defection-thae-yong-ho"),
        ),
        (
            "Jo Song-gil",
            "chargé d'affaires",
            "North Korean embassy in Italy",
            "Italy",
            "2018-11",
            "month",
            "",
            iri("defection-jo-song-gil"),
        ),
        (
            "Ryu Hyun-woo",
            "chargé d'affaires",
            "North Korean embassy in Kuwait",
            "Kuwait",
            "2019-09",
            "month",
            "",
            iri("defection-ryu-hyun-woo"),
        ),
        (
            "Ri Il-kyu",
            "counselor for political affairs",
            "North Korean embassy in Havana",
            "Cuba",
            "2023-11",
            "month",
            "late November",
            iri("defection-ri-il-kyu"),
        ),
    ]


# --- 2. Months from defection to first public disclosure ---


def test_defection_to_disclosure(article_dataset):
    assert rows(article_dataset, "defection-to-disclosure") == [
        (
            "Jo Song-gil",
            "2018-11",
            "month",
            "2020-10",
            "month",
            "legislator's statement",
            "23",
            iri("defection-jo-song-gil"),
            iri("disclosure-jo-song-gil-national-assembly-member"),
        ),
        (
            "Ryu Hyun-woo",
            "2019-09",
            "month",
            "2021-01",
            "month",
            "official announcement",
            "16",
            iri("defection-ryu-hyun-woo"),
            iri("disclosure-ryu-hyun-woo"),
        ),
        (
            "Ri Il-kyu",
            "2023-11",
            "month",
            "2024-07-16",
            "day",
            "published interview",
            "8",
            iri("defection-ri-il-kyu"),
            iri("disclosure-ri-il-kyu-interview"),
        ),
    ]


def test_non_public_notice_is_not_a_first_disclosure(article_dataset):
    # The embassy's notice to the Italian Foreign Ministry (2018-11-10) precedes the
    # legislator's statement but was not public.
    disclosures = [row[8] for row in rows(article_dataset, "defection-to-disclosure")]
    assert iri("disclosure-jo-song-gil-embassy-notice") not in disclosures


# --- 3. Punishments before or after the 2019 Hanoi summit ---


def test_punishments_and_the_hanoi_summit(article_dataset):
    assert rows(article_dataset, "punishments-and-the-hanoi-summit") == [
        (
            "Han Song-ryol",
            "execution",
            "2019-02",
            "month",
            "by firing squad",
            "",
            "",
            "Ri Il-kyu",
            "reported",
            # Same month as the summit: only the source's "shortly before" orders them.
            "before",
            # The article orders the execution and the summit; it does not tie one to the other.
            "",
            iri("execution-han-song-ryol"),
        ),
        (
            "Ri Yong-ho",
            "imprisonment",
            "2019-12",
            "month",
            "",
            "accepting bribes from a North Korean diplomat serving in Beijing",
            "he was the most senior official held responsible for the failed Hanoi summit",
            "Ri Il-kyu",
            "reported",
            "after",
            # 'his real "crime" was that he was the most senior official held responsible for
            # the failed Hanoi Summit', in what Ri Il-kyu confirmed.
            "Ri Il-kyu",
            iri("imprisonment-ri-yong-ho"),
        ),
    ]


# --- 4. Positions held in South Korea ---


def test_positions_in_south_korea(article_dataset):
    assert rows(article_dataset, "positions-in-south-korea") == [
        (
            "Ji Seong-ho",
            "National Assembly member",
            "South Korean National Assembly",
            "2020",
            "2024",
            "",
            iri("posting-ji-seong-ho-national-assembly"),
        ),
        (
            "Thae Yong-ho",
            "National Assembly member",
            "South Korean National Assembly",
            "2020",
            "2024",
            "",
            iri("posting-thae-yong-ho-national-assembly"),
        ),
        (
            "Thae Yong-ho",
            "secretary general",
            "Peaceful Unification Advisory Council",
            "2024",
            "",
            "vice minister",
            iri("posting-thae-yong-ho-puac"),
        ),
    ]


# --- 5. Families of defectors ---


def test_family_of_defectors(article_dataset):
    assert rows(article_dataset, "family-of-defectors") == [
        (
            "Jo Song-gil",
            "Jo Song-gil's wife",
            "wife",
            "went with the defector",
            "",
            "",
            iri("defection-jo-song-gil"),
        ),
        (
            "Jo Song-gil",
            "Jo Song-gil's family members in North Korea",
            "family",
            "stayed behind",
            "",
            "",
            iri("defection-jo-song-gil"),
        ),
        (
            "Jo Song-gil",
            "Jo Song-gil's daughter",
            "daughter",
            "returned to North Korea",
            "female staff from the North Korean embassy in Italy",
            "Italian Foreign Ministry",
            iri("return-jo-song-gil-daughter"),
        ),
        (
            # "Ri arranged their departure from Havana": not his own flight of November 2023.
            "Ri Il-kyu",
            "Ri Il-kyu's family",
            "family",
            "left as the defector arranged",
            "",
            "",
            iri("departure-ri-il-kyu-family"),
        ),
        (
            # "he and his family left Kuwait in 2019", apart from his asylum request.
            "Ryu Hyun-woo",
            "Ryu Hyun-woo's family",
            "family",
            "went with the defector",
            "",
            "",
            iri("departure-ryu-hyun-woo-kuwait"),
        ),
        (
            "Thae Yong-ho",
            "Thae Yong-ho's family",
            "family",
            "went with the defector",
            "",
            "",
            iri("defection-thae-yong-ho"),
        ),
    ]


# --- 6. Every fact about a person ---

# Ri Il-kyu's facts: what he did and held, what is said about him, and what he reported.
RI_IL_KYU_FACTS = {
    ("claim-diplomats-removed-with-extreme-prejudice", "onAccountOf", 1),
    ("claim-execution-witnesses-could-not-eat", "onAccountOf", 1),
    ("claim-kim-jong-un-blamed-foreign-ministry", "onAccountOf", 1),
    ("claim-officials-required-to-attend-execution", "onAccountOf", 1),
    ("claim-other-senior-officials-slipped-away", "about", 2),
    ("claim-ri-il-kyu-knew-of-rok-efforts", "about", 1),
    ("claim-ri-il-kyu-most-recent-defection", "about", 2),
    ("claim-ri-yong-ho-bribery-charge", "onAccountOf", 1),
    ("claim-serious-consequences-for-ri-il-kyu", "about", 1),
    # The two comparisons by rank name him among those Thae Yong-ho outranks.
    ("claim-thae-yong-ho-highest-ranking-defector", "comparedWith", 1),
    ("claim-thae-yong-ho-most-senior-official-to-escape", "comparedWith", 1),
    ("defection-ri-il-kyu", "subject", 4),
    # He arranged his family's departure from Havana.
    ("departure-ri-il-kyu-family", "assistedBy", 1),
    # The interview's publication disclosed his defection; who published it is not said.
    ("disclosure-ri-il-kyu-interview", "discloses", 1),
    ("execution-han-song-ryol", "onAccountOf", 4),
    ("imprisonment-ri-yong-ho", "onAccountOf", 3),
    ("interviews-ri-il-kyu-press", "subject", 1),
    ("kinship-ri-il-kyu-family", "kinOf", 1),
    # The diplomat in Beijing named in the charge against Ri Yong-ho, which he confirmed.
    ("posting-dprk-diplomat-beijing", "onAccountOf", 1),
    ("posting-ri-il-kyu-havana", "member", 3),
    # In February 2019 he was preparing to leave for Havana.
    ("preparation-ri-il-kyu-havana", "subject", 1),
}


def fact_relation_counts(result: list[tuple[str, ...]]) -> set[tuple[str, str, int]]:
    counts: dict[tuple[str, str], int] = {}
    for fact, _, relation, *_ in result:
        key = (fact.removeprefix(str(NK)), relation)
        counts[key] = counts.get(key, 0) + 1
    return {(fact, relation, n) for (fact, relation), n in counts.items()}


def test_facts_about_ri_il_kyu(article_dataset):
    result = rows(article_dataset, "facts-about-person", _person_iri=NK["ri-il-kyu"])
    assert len(result) == 33
    assert len({row[0] for row in result}) == 21
    assert fact_relation_counts(result) == RI_IL_KYU_FACTS
    assert result == sorted(result, key=lambda row: (row[0], row[2], row[4]))
    assert {row[5] for row in result} == {ARTICLE_TITLE}
    assert (
        iri("defection-ri-il-kyu"),
        "defection",
        "subject",
        "Ri Il-kyu's defection from the North Korean embassy in Havana",
        "He slipped away from the embassy in late November 2023.",
        ARTICLE_TITLE,
    ) in result
    assert (
        iri("execution-han-song-ryol"),
        "execution",
        "onAccountOf",
        "execution of Han Song-ryol",
        "was not there to witness the execution, but he received first-hand information "
        "from those who did.",
        ARTICLE_TITLE,
    ) in result


def test_facts_about_jo_song_gil_include_disclosures_of_his_defection(article_dataset):
    result = rows(article_dataset, "facts-about-person", _person_iri=NK["jo-song-gil"])
    assert fact_relation_counts(result) == {
        ("claim-thae-yong-ho-highest-ranking-defector", "comparedWith", 1),
        ("claim-thae-yong-ho-most-senior-official-to-escape", "comparedWith", 1),
        ("defection-jo-song-gil", "subject", 3),
        ("disclosure-jo-song-gil-embassy-notice", "discloses", 1),
        ("disclosure-jo-song-gil-italian-statement", "discloses", 1),
        ("disclosure-jo-song-gil-national-assembly-member", "discloses", 1),
        ("kinship-jo-song-gil-daughter", "kinOf", 1),
        ("kinship-jo-song-gil-family-north-korea", "kinOf", 1),
        ("kinship-jo-song-gil-wife", "kinOf", 1),
        ("posting-jo-song-gil-italy", "member", 2),
        ("resettlement-jo-song-gil", "subject", 1),
    }
    assert (
        iri("disclosure-jo-song-gil-embassy-notice"),
        "disclosure",
        "discloses",
        "the North Korean embassy notifies the Italian Foreign Ministry that Jo Song-gil has left",
        "it had received notice from the North Korean Embassy on November 10, 2018, that the "
        "ambassador and his wife had left the embassy.",
        ARTICLE_TITLE,
    ) in result


def test_facts_about_the_author_leave_out_what_he_only_asserts(article_dataset):
    assert rows(article_dataset, "facts-about-person", _person_iri=NK["robert-r-king"]) == [
        (
            iri("claim-views-are-authors-alone"),
            "claim",
            "about",
            "the views are the author's alone",
            "The views expressed here are the author's alone.",
            ARTICLE_TITLE,
        ),
        (
            iri("posting-robert-r-king-kei"),
            "posting",
            "member",
            "Robert R. King, non-resident distinguished fellow at KEI",
            "Robert R. King is a Non-Resident Distinguished Fellow at the Korea Economic "
            "Institute of America (KEI).",
            ARTICLE_TITLE,
        ),
        (
            iri("posting-robert-r-king-special-envoy"),
            "posting",
            "member",
            "Robert R. King, U.S. Special Envoy for North Korea Human Rights",
            "He is former U.S. Special Envoy for North Korea Human Rights (2009-2017).",
            ARTICLE_TITLE,
        ),
    ]


# --- 7. Diplomatic missions over time ---


def test_diplomatic_missions_over_time(article_dataset):
    assert rows(article_dataset, "diplomatic-missions-over-time") == [
        (
            "North Korea",
            "2022",
            "53",
            "diplomatic posts",
            "exact",
            iri("observation-dprk-diplomatic-missions-2022"),
        ),
        (
            "North Korea",
            "2024",
            "46",
            "countries and international organizations",
            "exact",
            iri("observation-dprk-diplomatic-missions-2024"),
        ),
        (
            "South Korea",
            "2024",
            "166",
            "resident embassies, consulates, and permanent missions",
            "exact",
            iri("observation-rok-diplomatic-missions-2024"),
        ),
    ]


# --- 8. Timeline ---


def test_timeline(article_dataset):
    assert rows(article_dataset, "timeline") == [
        (
            "2013",
            "year",
            "",
            "return",
            "Han Song-ryol returns to Pyongyang",
            iri("return-han-song-ryol-pyongyang"),
        ),
        (
            "2016",
            "year",
            "",
            "defection",
            "Thae Yong-ho's defection from the North Korean embassy in London",
            iri("defection-thae-yong-ho"),
        ),
        (
            "2018-11",
            "month",
            "",
            "defection",
            "Jo Song-gil's defection from the North Korean embassy in Italy",
            iri("defection-jo-song-gil"),
        ),
        (
            "2018-11-10",
            "day",
            "",
            "disclosure",
            "the North Korean embassy notifies the Italian Foreign Ministry that Jo Song-gil "
            "has left",
            iri("disclosure-jo-song-gil-embassy-notice"),
        ),
        (
            # "he and his family left Kuwait in 2019": the year only.
            "2019",
            "year",
            "",
            "departure",
            "Ryu Hyun-woo and his family leave Kuwait",
            iri("departure-ryu-hyun-woo-kuwait"),
        ),
        (
            # "At that time" (the execution's month), neither before nor after it.
            "2019-02",
            "month",
            "",
            "event",
            "Ri Il-kyu prepares to leave North Korea to take up his post in Havana",
            iri("preparation-ri-il-kyu-havana"),
        ),
        (
            "2019-02",
            "month",
            "",
            "execution",
            "execution of Han Song-ryol",
            iri("execution-han-song-ryol"),
        ),
        (
            "2019-02",
            "month",
            "",
            "summit",
            "second US–North Korea summit, Hanoi",
            iri("summit-hanoi-2019"),
        ),
        (
            "2019-07",
            "month",
            "",
            "resettlement",
            "Jo Song-gil and his wife in South Korea under government protection",
            iri("resettlement-jo-song-gil"),
        ),
        (
            "2019-09",
            "month",
            "",
            "defection",
            "Ryu Hyun-woo's defection in Kuwait",
            iri("defection-ryu-hyun-woo"),
        ),
        (
            "2019-12",
            "month",
            "",
            "imprisonment",
            "Ri Yong-ho sent to a prison camp",
            iri("imprisonment-ri-yong-ho"),
        ),
        (
            "2020",
            "year",
            "",
            "election",
            "Ji Seong-ho elected to the National Assembly on the party slate",
            iri("election-ji-seong-ho-2020"),
        ),
        (
            "2020",
            "year",
            "",
            "election",
            "Thae Yong-ho elected to the National Assembly for Gangnam",
            iri("election-thae-yong-ho-2020"),
        ),
        (
            "2020-10",
            "month",
            "",
            "disclosure",
            "a National Assembly member makes public that Jo Song-gil is in South Korea",
            iri("disclosure-jo-song-gil-national-assembly-member"),
        ),
        (
            "2021-01",
            "month",
            "",
            "disclosure",
            "Ryu Hyun-woo's presence in South Korea officially made public",
            iri("disclosure-ryu-hyun-woo"),
        ),
        (
            "2023-11",
            "month",
            "late November",
            "defection",
            "Ri Il-kyu's defection from the North Korean embassy in Havana",
            iri("defection-ri-il-kyu"),
        ),
        (
            "2024",
            "year",
            "",
            "election",
            "Thae Yong-ho loses his campaign for reelection to the National Assembly",
            iri("election-thae-yong-ho-2024"),
        ),
        (
            "2024",
            "year",
            "",
            "appointment",
            "Thae Yong-ho named secretary general of the Peaceful Unification Advisory Council",
            iri("appointment-thae-yong-ho-puac"),
        ),
        (
            "2024-02",
            "month",
            "",
            "establishment of diplomatic relations",
            "Cuba and South Korea establish full diplomatic relations",
            iri("establishment-relations-cuba-rok-2024"),
        ),
        (
            "2024-07-16",
            "day",
            "",
            "disclosure",
            "publication of an interview with Ri Il-kyu, making his presence in Seoul public",
            iri("disclosure-ri-il-kyu-interview"),
        ),
    ]


TIED_EVENTS = """
@prefix nkd:  <https://w3id.org/nkdefectors/ontology#> .
@prefix nk:   <https://w3id.org/nkdefectors/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .

nk:event-alpha a nkd:Event ; rdfs:label "alpha"@en ; time:hasTime nk:date-2019-05 .
nk:event-beta a nkd:Event ; rdfs:label "beta"@en ; time:hasTime nk:date-2019-05 ;
    nkd:before nk:event-gamma .
nk:event-gamma a nkd:Event ; rdfs:label "gamma"@en ; time:hasTime nk:date-2019-05 ;
    nkd:before nk:event-alpha .
nk:date-2019-05 a nkd:DateInstant ;
    time:inXSDgYearMonth "2019-05"^^xsd:gYearMonth ;
    time:unitType time:unitMonth ;
    nkd:earliest "2019-05-01T00:00:00"^^xsd:dateTime ;
    nkd:latest "2019-05-31T23:59:59"^^xsd:dateTime .
"""


def test_timeline_orders_events_of_the_same_date_as_the_source_does(tmp_path):
    (tmp_path / "tied.ttl").write_text(TIED_EVENTS, encoding="utf-8")
    labels = [row[4] for row in rows(load_dataset(tmp_path), "timeline")]
    # beta before gamma before alpha, against the alphabetical order of their names.
    assert labels == ["beta", "gamma", "alpha"]


# --- 9. Claims by asserter, account and certainty ---

STATED_BY_THE_AUTHOR = (
    "claim-cuba-decision-blow-to-north-korea",
    "claim-defection-concerns-strain-security-forces",
    "claim-dmz-crossing-difficult",
    "claim-embassy-security-prevents-escapes",
    "claim-everyone-seen-as-threat",
    "claim-families-remain-as-hostages",
    "claim-few-refugees-from-pyongyang",
    "claim-gangnam-affluent",
    "claim-human-rights-abuses-ubiquitous",
    "claim-ji-seong-ho-not-a-diplomat",
    "claim-jo-defection-shows-risks",
    "claim-kim-regime-punishes-relatives",
    "claim-kuwait-important-to-north-korea",
    "claim-no-information-on-jo-family",
    "claim-only-china-russia-have-more-workers",
    "claim-other-diplomats-defected-to-south-korea",
    "claim-other-senior-officials-slipped-away",
    "claim-pyongyang-havana-close-relationship",
    "claim-refugees-from-border-areas",
    "claim-ri-il-kyu-most-recent-defection",
    "claim-rok-keeps-defections-confidential",
    "claim-rok-missions-larger",
    "claim-senior-escapees-are-diplomats-abroad",
    "claim-senior-refugees-quiet-lives",
    "claim-seoul-rome-withheld-information",
    "claim-thae-yong-ho-engaged-member",
    "claim-thae-yong-ho-first-refugee-of-rank",
    "claim-thae-yong-ho-highest-ranking-defector",
    "claim-thae-yong-ho-most-senior-official-to-escape",
    "claim-thae-yong-ho-public-figure",
    "claim-title",
    "claim-views-are-authors-alone",
    "claim-workers-poorly-paid",
)
KING = "Robert R. King"
KEI = "Korea Economic Institute of America"
# The publisher's notices after the biography are KEI's, not the author's.
STATED_BY_THE_PUBLISHER = (
    "claim-fara-information-at-doj",
    "claim-image-from-shutterstock",
    "claim-kei-registered-under-fara",
    "claim-kiep-established-by-rok-government",
)
CLAIMS_BY_CERTAINTY = [
    *((KEI, "", "stated", "", claim) for claim in STATED_BY_THE_PUBLISHER),
    *((KING, "", "stated", "", claim) for claim in STATED_BY_THE_AUTHOR),
    # "There are frequent stories of ...": reported, on nobody's account in particular.
    (KING, "", "reported", "", "claim-relatives-punished-for-defections"),
    (KING, "Ri Il-kyu", "reported", "", "claim-diplomats-removed-with-extreme-prejudice"),
    (
        KING,
        "Ri Il-kyu",
        "reported",
        "second-hand account",
        "claim-execution-witnesses-could-not-eat",
    ),
    (KING, "Ri Il-kyu", "reported", "", "claim-kim-jong-un-blamed-foreign-ministry"),
    (
        KING,
        "Ri Il-kyu",
        "reported",
        "second-hand account",
        "claim-officials-required-to-attend-execution",
    ),
    # "Ri Il-kyu confirmed that ...": a corroboration, not a first report.
    (KING, "Ri Il-kyu", "reported", "corroboration", "claim-ri-yong-ho-bribery-charge"),
    (KING, "Thae Yong-ho", "reported", "own statement", "claim-thae-yong-ho-on-confidentiality"),
    # "would likely have been looking for ..."
    (KING, "", "likely", "", "claim-kim-jong-un-would-blame-embassy-official"),
    # "It is possible that ...", "this could have ...", "There May Be Others"
    (KING, "", "possible", "", "claim-ri-il-kyu-knew-of-rok-efforts"),
    (KING, "", "possible", "", "claim-serious-consequences-for-ri-il-kyu"),
    (KING, "", "possible", "", "claim-there-may-be-others"),
]


def test_claims_by_certainty(article_dataset):
    result = rows(article_dataset, "claims-by-certainty")
    assert [(*row[:4], row[5].removeprefix(str(NK))) for row in result] == CLAIMS_BY_CERTAINTY
    statements = {row[5].removeprefix(str(NK)): row[4] for row in result}
    assert statements["claim-ri-il-kyu-knew-of-rok-efforts"] == (
        "Ri Il-kyu may have known in November 2023 about South Korean efforts to establish "
        "diplomatic relations with Cuba."
    )
    assert statements["claim-execution-witnesses-could-not-eat"] == (
        "For days, those who watched Han Song-ryol's execution could hardly eat anything."
    )
    assert all(statement.endswith(".") for statement in statements.values())


# --- 10. Who ranks highest among the defectors, by whose account ---

HIGHEST_RANKING_DIPLOMAT = "diplomats who fled North Korea while serving abroad"
MOST_SENIOR_OFFICIAL = "North Korean officials who escaped"
DEPUTY_CHIEF = "deputy chief of mission"
CHARGE = "chargé d'affaires"
COUNSELOR = "counselor for political affairs"


def test_highest_ranking_defectors(article_dataset):
    # "The highest-ranking diplomat who fled North Korea while serving abroad is Thae Yong-ho"
    # and "the most senior North Korean official to escape": both the author's, both comparing
    # him with the three other diplomats the article names. By role, the service places a
    # deputy chief of mission above a counselor but below a chargé d'affaires, who heads the
    # mission; the article does not give the ranks its comparison rests on.
    expected = []
    for claim, among in (
        ("claim-thae-yong-ho-highest-ranking-defector", HIGHEST_RANKING_DIPLOMAT),
        ("claim-thae-yong-ho-most-senior-official-to-escape", MOST_SENIOR_OFFICIAL),
    ):
        for other, role, place in (
            ("Jo Song-gil", CHARGE, "below"),
            ("Ri Il-kyu", COUNSELOR, "above"),
            ("Ryu Hyun-woo", CHARGE, "below"),
        ):
            expected.append(
                (
                    "Thae Yong-ho",
                    among,
                    other,
                    DEPUTY_CHIEF,
                    role,
                    place,
                    KING,
                    "",
                    "stated",
                    iri(claim),
                )
            )
    assert rows(article_dataset, "highest-ranking-defectors") == expected


def test_comparisons_by_other_criteria_are_not_rankings(article_dataset):
    # "the first North Korean refugee to hold this senior ranking" (first in time) and "the
    # most recent case" (recency) place a defector first, but not by rank.
    claims = {row[-1] for row in rows(article_dataset, "highest-ranking-defectors")}
    assert iri("claim-thae-yong-ho-first-refugee-of-rank") not in claims
    assert iri("claim-ri-il-kyu-most-recent-defection") not in claims


# --- 11. What happened to the families of defectors, and when ---


def test_what_happened_to_defectors_families(article_dataset):
    assert rows(article_dataset, "what-happened-to-defectors-families") == [
        (
            "Jo Song-gil",
            "Jo Song-gil's family members in North Korea",
            "family",
            "left behind",
            "defection",
            "Jo Song-gil's defection from the North Korean embassy in Italy",
            "2018-11",
            "month",
            "",
            "",
            "",
            iri("defection-jo-song-gil"),
        ),
        (
            "Jo Song-gil",
            "Jo Song-gil's wife",
            "wife",
            "went along",
            "defection",
            "Jo Song-gil's defection from the North Korean embassy in Italy",
            "2018-11",
            "month",
            "",
            "",
            "",
            iri("defection-jo-song-gil"),
        ),
        (
            # "Jo and his wife had been in South Korea since July 2019", as a legislator said.
            "Jo Song-gil",
            "Jo Song-gil's wife",
            "wife",
            "went along",
            "resettlement",
            "Jo Song-gil and his wife in South Korea under government protection",
            "2019-07",
            "month",
            "",
            "",
            "a South Korean National Assembly member (who stated in October 2020 that Jo "
            "Song-gil was in South Korea)",
            iri("resettlement-jo-song-gil"),
        ),
        (
            # Undated: the Ministry "was informed" that she had returned.
            "Jo Song-gil",
            "Jo Song-gil's daughter",
            "daughter",
            "did it",
            "return",
            "Jo Song-gil's daughter returned to North Korea",
            "",
            "",
            "",
            "",
            "Italian Foreign Ministry",
            iri("return-jo-song-gil-daughter"),
        ),
        (
            # "Ri arranged their departure from Havana ... before the public announcement".
            "Ri Il-kyu",
            "Ri Il-kyu's family",
            "family",
            "did it",
            "departure",
            "Ri Il-kyu's family leaves Havana, a departure he arranged",
            "",
            "",
            "before the public announcement",
            "Cuba and South Korea establish full diplomatic relations",
            "",
            iri("departure-ri-il-kyu-family"),
        ),
        (
            "Ryu Hyun-woo",
            "Ryu Hyun-woo's family",
            "family",
            "went along",
            "departure",
            "Ryu Hyun-woo and his family leave Kuwait",
            "2019",
            "year",
            "",
            "Ryu Hyun-woo resettles in South Korea",
            "",
            iri("departure-ryu-hyun-woo-kuwait"),
        ),
        (
            "Ryu Hyun-woo",
            "Ryu Hyun-woo's family",
            "family",
            "went along",
            "resettlement",
            "Ryu Hyun-woo resettles in South Korea",
            "",
            "",
            "soon after",
            "",
            "",
            iri("resettlement-ryu-hyun-woo"),
        ),
        (
            "Thae Yong-ho",
            "Thae Yong-ho's family",
            "family",
            "went along",
            "defection",
            "Thae Yong-ho's defection from the North Korean embassy in London",
            "2016",
            "year",
            "",
            "",
            "",
            iri("defection-thae-yong-ho"),
        ),
    ]
