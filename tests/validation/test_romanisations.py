"""The romanisation check over the corpus of real North Korean names
(tests/fixtures/names/romanisations.tsv), through `kg validate` on generated files: a warning
for every pair of spellings of one person, none for two people with similar names, and the
precision and recall that docs/names.md reports."""

import csv
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from kg.graph.names import names_match

CORPUS = Path(__file__).parents[1] / "fixtures" / "names" / "romanisations.tsv"
DOCS = Path(__file__).parents[2] / "docs" / "names.md"
DUPLICATE_RULES = {"nksh:RomanisedNameCheck", "nksh:DuplicatePersonShape"}
PREFIXES = """\
@prefix nk: <https://w3id.org/nkdefectors/id/> .
@prefix nkd: <https://w3id.org/nkdefectors/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""


@dataclass(frozen=True)
class Pair:
    row: int
    verdict: str  # same, different, or "different, stated"
    name: str
    other: str

    @property
    def same(self) -> bool:
        return self.verdict == "same"

    @property
    def stated(self) -> bool:
        return self.verdict == "different, stated"

    def people(self) -> tuple[str, str]:
        """Who the two names belong to: one person for "same", two otherwise (two of one name
        when stated)."""
        if self.same:
            return self.name, self.name
        return self.name, self.other + (" (another)" if self.stated else "")


def corpus() -> list[Pair]:
    lines = [line for line in CORPUS.read_text("utf-8").splitlines() if not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    return [Pair(i, r["verdict"], r["name"], r["other"]) for i, r in enumerate(rows, start=1)]


PAIRS = corpus()


def test_the_corpus_has_forty_pairs_of_each_kind():
    assert {pair.verdict for pair in PAIRS} == {"same", "different", "different, stated"}
    assert sum(pair.same for pair in PAIRS) >= 40
    assert sum(not pair.same for pair in PAIRS) >= 40
    assert len({(p.name, p.other) for p in PAIRS}) == len(PAIRS)


def groups(pairs: list[Pair]) -> list[list[Pair]]:
    """The pairs in groups in which no person appears twice, so that each group can be one
    graph and one file of new persons, and every warning in it is owed to one pair."""
    placed: list[tuple[set[str], list[Pair]]] = []
    for pair in pairs:
        people = set(pair.people())
        for seen, members in placed:
            if not seen & people:
                seen.update(people)
                members.append(pair)
                break
        else:
            placed.append((people, [pair]))
    return [members for _, members in placed]


def person(iri: str, name: str) -> str:
    language = "ko" if any("\uac00" <= c <= "\ud7a3" for c in name) else "en"
    return (
        f'{iri} a nkd:Person ;\n    skos:prefLabel "{name}"@{language} ;\n'
        f'    rdfs:label "{name}"@{language} .\n'
    )


def warned(kg, folder: Path, members: list[Pair]) -> dict[int, set[int]]:
    """For each pair of a group, the rows whose existing person `kg validate` warns its new
    person may duplicate."""
    data = folder / "data"
    data.mkdir(parents=True)
    (data / "people.ttl").write_text(
        PREFIXES + "".join(person(f"nk:existing-{p.row}", p.name) for p in members), "utf-8"
    )
    new = folder / "new.ttl"
    text = PREFIXES
    for pair in members:
        text += person(f"nk:new-{pair.row}", pair.other)
        if pair.stated:
            text += f"nk:new-{pair.row} owl:differentFrom nk:existing-{pair.row} .\n"
    new.write_text(text, "utf-8")
    result = kg("validate", "--format", "json", new, data=data)
    assert result.exit_code == 0, result.output
    found: dict[int, set[int]] = {pair.row: set() for pair in members}
    for node in json.loads(result.stdout)["nodes"]:
        # An existing person whose shape reads the new name is warned too, the mirror of the
        # new person's warning: the new persons' warnings are the verdicts.
        if not node["focus"].startswith("nk:new-"):
            continue
        for finding in node["findings"]:
            if finding["shape"] in DUPLICATE_RULES:
                new_row = int(node["focus"].removeprefix("nk:new-"))
                found[new_row].add(int(finding["value"].removeprefix("nk:existing-")))
    return found


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory, kg) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {}
    for number, members in enumerate(groups(PAIRS)):
        found.update(warned(kg, tmp_path_factory.mktemp(f"group-{number}"), members))
    return found


@pytest.mark.parametrize("pair", PAIRS, ids=[f"{p.verdict}: {p.name} / {p.other}" for p in PAIRS])
def test_kg_validate_warns_on_one_person_and_never_on_two(verdicts, pair):
    assert verdicts[pair.row] == ({pair.row} if pair.same else set())


def figures(decide) -> tuple[int, int, int]:
    """True positives, false positives and false negatives of a decision over the corpus."""
    tp = sum(1 for p in PAIRS if p.same and decide(p))
    fp = sum(1 for p in PAIRS if not p.same and decide(p))
    fn = sum(1 for p in PAIRS if p.same and not decide(p))
    return tp, fp, fn


def row(label: str, counts: tuple[int, int, int]) -> str:
    tp, fp, fn = counts
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn)
    return f"| {label} | {tp} | {fp} | {fn} | {precision:.3f} | {recall:.3f} |"


def _plain(name: str) -> str:
    return " ".join(name.replace("-", " ").casefold().split())


def test_docs_report_the_precision_and_recall_measured_here(verdicts):
    """docs/names.md gives these rows; they are computed from the corpus, each time."""
    measured = [
        row("`kg validate` (names, and owl:differentFrom)", figures(lambda p: verdicts[p.row])),
        row(
            "the name matcher alone (`names_match`)",
            figures(lambda p: names_match(p.name, p.other)),
        ),
        row(
            "rapidfuzz `token_sort_ratio` ≥ 85, for comparison",
            figures(lambda p: fuzz.token_sort_ratio(_plain(p.name), _plain(p.other)) >= 85),
        ),
    ]
    text = DOCS.read_text("utf-8")
    for line in measured:
        assert line in text, f"docs/names.md lacks the measured row:\n{line}"
