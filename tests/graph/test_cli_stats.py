"""`kg stats` through the real command: triples per graph, instances per class, facts with
and without evidence, as a table and as JSON."""

import json
import shutil
from pathlib import Path

from rdflib import Graph

FIXTURES = Path(__file__).parents[1] / "fixtures" / "cli"
DATA = FIXTURES / "data"
ARTICLE_GRAPH = "https://w3id.org/nkdefectors/graph/kei-peninsula-2024-09-03"


def test_json_counts_triples_classes_and_facts(kg):
    result = kg("stats", "--format", "json", data=DATA)
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    graphs = {row["graph"]: row["triples"] for row in stats["graphs"]}
    assert graphs[ARTICLE_GRAPH] == len(Graph().parse(DATA / "kei-peninsula-2024-09-03.ttl"))
    assert set(graphs) == {
        ARTICLE_GRAPH,
        "https://w3id.org/nkdefectors/graph/ontology",
        "https://w3id.org/nkdefectors/graph/shapes",
    }
    classes = {row["class"]: row["instances"] for row in stats["classes"]}
    assert classes == {
        "nkd:Evidence": 9,
        "nkd:State": 3,
        "nkd:City": 2,
        "nkd:DateInstant": 2,
        "nkd:Person": 2,
        "nkd:Company": 1,
        "nkd:Defection": 1,
        "nkd:Embassy": 1,
        "nkd:EstablishmentOfDiplomaticRelations": 1,
        "nkd:FamilyGroup": 1,
        "nkd:GovernmentBody": 1,
        "nkd:Posting": 1,
        "nkd:PublicCorporation": 1,
        "nkd:Publication": 1,
        "nkd:SourceDocument": 1,
        "nkd:SourceGraph": 1,
        "nkd:ThinkTank": 1,
        "prov:Activity": 1,
        "schema:BlogPosting": 1,
        "time:Interval": 1,
    }
    assert stats["facts"] == [
        {"class": "nkd:Defection", "with_evidence": 1, "without_evidence": 0},
        {
            "class": "nkd:EstablishmentOfDiplomaticRelations",
            "with_evidence": 1,
            "without_evidence": 0,
        },
        {"class": "nkd:Posting", "with_evidence": 1, "without_evidence": 0},
        {"class": "all facts", "with_evidence": 3, "without_evidence": 0},
    ]


def test_facts_without_evidence_are_counted(tmp_path, kg):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    shutil.copy(FIXTURES / "new" / "violations.ttl", data / "unsourced.ttl")
    facts = json.loads(kg("stats", "--format", "json", data=data).stdout)["facts"]
    assert {"class": "nkd:Disclosure", "with_evidence": 0, "without_evidence": 1} in facts
    assert facts[-1] == {"class": "all facts", "with_evidence": 3, "without_evidence": 1}


def test_table_shows_the_same_counts_aligned(kg):
    result = kg("stats", data=DATA)
    assert result.exit_code == 0, result.output
    tables = result.stdout.split("\n\n")
    assert len(tables) == 3
    assert tables[1].splitlines()[:3] == [
        "class (data graphs)                     instances",
        "--------------------------------------  ---------",
        "nkd:Evidence                                    9",
    ]
    assert tables[2].splitlines() == [
        "fact class                              with evidence  without evidence",
        "--------------------------------------  -------------  ----------------",
        "nkd:Defection                                       1                 0",
        "nkd:EstablishmentOfDiplomaticRelations              1                 0",
        "nkd:Posting                                         1                 0",
        "all facts                                           3                 0",
    ]
