"""The `kg` command as a whole: help with examples, version, the global options, one-line
errors with documented exit codes — through click's runner and through the installed entry
point — and every saved query of the project run through `kg query`."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg import __version__
from kg.graph import stats
from kg.sparql.catalogue import bind, catalogue, parse

FIXTURES = Path(__file__).parent / "fixtures" / "cli"
DATA = FIXTURES / "data"
COMMANDS = ["add", "export", "queries", "query", "reason", "stats", "validate"]


def test_version(kg):
    result = kg("--version", data=None)
    assert result.exit_code == 0
    assert result.stdout == f"kg, version {__version__}\n"


def test_help_lists_every_command_and_the_exit_codes(kg):
    result = kg("--help", data=None)
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.split("Commands:\n")[1].splitlines()]
    assert set(COMMANDS) <= set(listed)
    assert "Exit codes: 0 success, 1 violations or inconsistency, 2 bad input or usage." in (
        result.stdout
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_has_help_with_examples(command, kg):
    result = kg(command, "--help", data=None)
    assert result.exit_code == 0
    examples = result.stdout.split("Examples:\n")[1]
    assert f"kg {command}" in examples


def test_an_unknown_command_is_a_usage_error(kg):
    result = kg("qurey", data=None)
    assert result.exit_code == 2
    assert "No such command 'qurey'" in result.stderr


def test_a_missing_data_folder_is_one_line_exit_2(tmp_path, kg):
    result = kg("--data", tmp_path / "absent", "stats", data=None)
    assert result.exit_code == 2
    assert result.stderr == f"kg: error: {tmp_path / 'absent'}: data folder not found\n"


def test_kg_data_variable_points_every_command_at_another_folder(kg):
    result = kg("stats", "--format", "json", env={"KG_DATA": str(DATA)}, data=None)
    graphs = {row["graph"]: row["triples"] for row in json.loads(result.stdout)["graphs"]}
    assert graphs["https://w3id.org/nkdefectors/graph/kei-peninsula-2024-09-03"] == 162


def test_an_unexpected_error_is_one_line_and_debug_shows_the_traceback(monkeypatch, kg):
    def broken(dataset):
        raise RuntimeError("counting went wrong\non two lines")

    monkeypatch.setattr(stats, "compute", broken)
    result = kg("--data", DATA, "stats", data=None)
    assert result.exit_code == 2
    assert result.stderr == (
        "kg: error: unexpected RuntimeError: counting went wrong on two lines "
        "(run kg --debug … for the traceback)\n"
    )
    debug = kg("--debug", "--data", DATA, "stats", data=None)
    assert isinstance(debug.exception, RuntimeError)


# --- The installed entry point, in real processes ---


def test_console_script_is_installed():
    script = Path(sys.executable).parent / "kg"
    process = subprocess.run([str(script), "--version"], capture_output=True, text=True)
    assert process.returncode == 0
    assert process.stdout == f"kg, version {__version__}\n"


@pytest.mark.parametrize(
    ("args", "code", "stderr"),
    [
        (["--data", DATA, "stats"], 0, ""),
        (
            ["--data", DATA, "validate", FIXTURES / "new" / "violations.ttl"],
            1,
            "",
        ),
        (
            ["--data", DATA, "query", "-e", "SELECT ?x WHERE {"],
            2,
            "kg: error: -e:1:18: syntax error: Expected SelectQuery, found end of text\n",
        ),
        (
            ["--data", DATA, "validate", FIXTURES / "absent.ttl"],
            2,
            f"kg: error: {FIXTURES / 'absent.ttl'}: no such file\n",
        ),
    ],
    ids=["ok", "violations", "sparql-syntax", "missing-file"],
)
def test_exit_codes_and_stderr_through_python_m_kg(args, code, stderr, kg_process):
    process = kg_process(*args, data=None)
    assert process.returncode == code, process.stderr
    assert process.stderr == stderr
    assert "Traceback" not in process.stdout


def test_a_closed_pipe_is_not_a_traceback():
    process = subprocess.run(
        f"{sys.executable} -m kg --data {DATA} export --format nt | head -n 1",
        shell=True,
        capture_output=True,
        text=True,
    )
    assert process.stdout.count("\n") == 1
    assert "Traceback" not in process.stderr


# --- The project's own saved queries ---


@pytest.mark.parametrize("saved", catalogue(), ids=lambda q: q.name)
def test_every_saved_query_runs_through_kg_query(article_dataset, saved, kg):
    """The command gives the rows rdflib gives for the query with its default parameters,
    in the same order."""
    result = kg("query", saved.name, "--format", "json", data=None)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["results"]["bindings"]
    parsed = parse(saved)
    direct = article_dataset.query(saved.text, initBindings=bind(saved, parsed, []))
    expected = json.loads(direct.serialize(format="json"))["results"]["bindings"]
    if not any(name.startswith("ORDER") for name in saved.text.split()):
        rows, expected = sorted(rows, key=json.dumps), sorted(expected, key=json.dumps)
    assert rows == expected
    assert len(rows) > 0


def test_the_article_graph_has_no_fact_without_evidence(kg):
    result = kg("stats", "--format", "json", data=None)
    assert result.exit_code == 0, result.output
    facts = json.loads(result.stdout)["facts"]
    assert facts[-1]["class"] == "all facts"
    assert facts[-1]["without_evidence"] == 0
    assert facts[-1]["with_evidence"] > 50
