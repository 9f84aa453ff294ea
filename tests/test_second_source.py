"""A second source, added exactly as the README's "Adding a source" says, into a copy of the
repository: the README's shell blocks run as written, then the saved queries and the data
checks run there. Everything stays green, every answer the article gave is still there, and
the new saved query gives the rows the made-up report states (tests/fixtures/second-source).
"""

import csv
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.graph import paths
from kg.sparql.catalogue import catalogue

ROOT = paths.PROJECT_ROOT
NAME = "seoul-ledger-2025-03-10"
SECTION = "## Adding a source"
# What a copy of the repository needs: its files, not the caches and environments beside them.
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", ".kg-cache", "__pycache__", "*.egg-info", ".*_cache", ".hypothesis"
)
# The tests that read the data folder (the data checks) and the saved queries' tests.
DATA_CHECKS = [
    "tests/validation/test_evidence.py",
    "tests/validation/test_shapes.py::test_article_graph_has_no_violations",
    "tests/validation/test_shapes.py::test_article_graph_has_no_violations_with_rdfs_inference",
    "tests/validation/test_shapes.py::test_article_graph_with_its_owl_rl_closure_has_no_violations",
    "tests/test_ontology_qa.py::test_no_undeclared_term_in_ontology_shapes_data_or_queries",
    "tests/sparql/test_saved_queries.py",
    "tests/test_cli_basics.py::test_every_saved_query_runs_through_kg_query",
    "tests/test_cli_basics.py::test_the_article_graph_has_no_fact_without_evidence",
    "tests/test_packaging.py",
]


def readme_commands() -> str:
    """The fenced shell blocks of the README's "Adding a source" section, in order."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split(SECTION + "\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"^```sh\n(.*?)^```$", section, re.MULTILINE | re.DOTALL)
    assert len(blocks) >= 3, "the section lost its commands"
    return "".join(blocks)


def environment(copy: Path) -> dict[str, str]:
    """The environment of a user in the copy: its own package first on the path, the kg
    command of this installation, no data or sources folder of ours."""
    variables = {k: v for k, v in os.environ.items() if k not in ("KG_DATA", "KG_SOURCES")}
    variables["PYTHONPATH"] = str(copy)
    variables["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{variables.get('PATH', '')}"
    return variables


def run(copy: Path, *command: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        command, cwd=copy, env=environment(copy), capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="module")
def repository(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """A copy of the repository, committed, after the README's commands ran in it."""
    copy = tmp_path_factory.mktemp("clone") / "repository"
    shutil.copytree(ROOT, copy, ignore=NOT_COPIED)
    for leftover in copy.glob("data/.*"):
        leftover.unlink()
    for command in (
        ["git", "init", "--quiet"],
        ["git", "config", "user.name", "Curator"],
        ["git", "config", "user.email", "curator@example.org"],
        ["git", "add", "--all"],
        ["git", "commit", "--quiet", "-m", "The repository before the second source"],
    ):
        assert run(copy, *command).returncode == 0, command
    script = run(copy, "bash", "-e", "-o", "pipefail", "-c", readme_commands())
    return copy, script


def test_the_readme_commands_run_as_written(repository):
    copy, script = repository
    assert script.returncode == 0, script.stdout + script.stderr
    assert not (ROOT / "data" / f"{NAME}.ttl").exists(), "the commands wrote outside the copy"
    # The first validation warns of the missing author; the acknowledgement silences it.
    warning = "Warning: dcterms:creator: This source document has no dcterms:creator"
    assert script.stdout.count(warning) == 1
    assert "Info: dcterms:creator:" in script.stdout


def test_the_new_source_is_committed_and_nothing_is_left_behind(repository):
    copy, _ = repository
    log = run(copy, "git", "log", "--format=%s", "--name-only", "-1").stdout.split()
    assert f"data/{NAME}.ttl" in log and f"sources/{NAME}.txt" in log
    assert run(copy, "git", "status", "--porcelain").stdout == ""


def test_the_data_file_keeps_what_its_author_wrote(repository):
    copy, _ = repository
    written = (copy / "data" / f"{NAME}.ttl").read_text(encoding="utf-8")
    facts = (ROOT / "tests" / "fixtures" / "second-source" / "facts.ttl").read_text("utf-8")
    assert facts in written
    assert "# Facts: an example to copy, then delete" in written


TITLE = "Fewer North Korean elite defect under Kim Jong-un, ministry data show"
DATA = "Ministry of Unification data on elite defectors, obtained by The Seoul Ledger"
NIS = "National Intelligence Service"
NK = "https://w3id.org/nkdefectors/id/"


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_elite_defections_per_period_gives_the_report_s_counts_and_share(repository, engine):
    """72 in 2000-2011 and 41 in 2012-2023, then about 0.5% of some 9,000 in 2012-2023: each
    reported by the newspaper, from the ministry's data, compiled from the NIS's records."""
    copy, _ = repository
    result = run(
        copy, "kg", "query", "elite-defections-per-period", "--format", "csv", "--engine", engine
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows == [
        [
            "from",
            "to",
            "number",
            "unit",
            "ofWhole",
            "approximate",
            "reportedIn",
            "reportedBy",
            "data",
            "compiledBy",
            "observation",
        ],
        [
            "2000",
            "2011",
            "72",
            "",
            "",
            "exact",
            TITLE,
            "The Seoul Ledger",
            DATA,
            NIS,
            NK + "observation-elite-defectors-2000-2011",
        ],
        [
            "2012",
            "2023",
            "41",
            "",
            "",
            "exact",
            TITLE,
            "The Seoul Ledger",
            DATA,
            NIS,
            NK + "observation-elite-defectors-2012-2023",
        ],
        [
            "2012",
            "2023",
            "0.5",
            "per cent",
            "9000",
            "approximate",
            TITLE,
            "The Seoul Ledger",
            DATA,
            NIS,
            NK + "observation-elite-share-2012-2023",
        ],
    ]


def is_subsequence(part: list, whole: list) -> bool:
    remaining = iter(whole)
    return all(any(row == other for other in remaining) for row in part)


@pytest.mark.parametrize("saved", catalogue(), ids=lambda q: q.name)
def test_every_answer_the_article_gave_is_still_there(repository, tmp_path, saved):
    """Each saved query's rows on the article alone (the copy's data file) appear, in the same
    order, among its rows on both sources."""
    copy, _ = repository
    article_alone = tmp_path / "article-alone"
    article_alone.mkdir()
    shutil.copy(copy / "data" / "kei-peninsula-2024-09-03.ttl", article_alone)

    def rows(folder: Path) -> list[list[str]]:
        result = run(copy, "kg", "--data", str(folder), "query", saved.name, "--format", "csv")
        assert result.returncode == 0, result.stderr
        return list(csv.reader(io.StringIO(result.stdout)))

    alone, both = rows(article_alone), rows(copy / "data")
    assert alone[0] == both[0]
    assert is_subsequence(alone[1:], both[1:])
    if saved.name == "elite-defections-per-period":
        assert len(both) == 4
    else:
        assert len(alone) > 1


def test_the_data_checks_and_saved_query_tests_pass_in_the_copy(repository):
    copy, _ = repository
    result = run(copy, sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *DATA_CHECKS)
    assert result.returncode == 0, result.stdout[-3000:]
    assert " passed" in result.stdout.splitlines()[-1]
