"""The `kg` command as a whole: help with examples, version, the global options, one-line
errors with documented exit codes — through click's runner and through the installed entry
point — and every saved query of the project run through `kg query`."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Variable

from kg import __version__
from kg.graph import stats
from kg.graph.load import load_dataset
from kg.graph.terms import to_rdflib
from kg.sparql.catalogue import bind, catalogue

FIXTURES = Path(__file__).parent / "fixtures" / "cli"
DATA = FIXTURES / "data"
# Saved queries about what the article does not give: tests/test_second_source.py runs them
# where a second source gives it.
NOT_IN_THE_ARTICLE = {"elite-defections-per-period"}
COMMANDS = ["add", "export", "new-source", "queries", "query", "reason", "stats", "validate"]


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
    assert graphs["https://w3id.org/nkdefectors/graph/kei-peninsula-2024-09-03"] == 163


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
def test_every_saved_query_runs_through_kg_query(article_alone, saved, kg):
    """The command gives the rows rdflib gives for the query with its default parameters,
    in the same order, on the article's graph."""
    result = kg("query", saved.name, "--format", "json", data=article_alone)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["results"]["bindings"]
    bindings = {Variable(name): to_rdflib(value) for name, value in bind(saved, []).items()}
    direct = load_dataset(article_alone).query(saved.text, initBindings=bindings)
    expected = json.loads(direct.serialize(format="json"))["results"]["bindings"]
    if not any(name.startswith("ORDER") for name in saved.text.split()):
        rows, expected = sorted(rows, key=json.dumps), sorted(expected, key=json.dumps)
    assert rows == expected
    if saved.name in NOT_IN_THE_ARTICLE:
        assert rows == []
    else:
        assert len(rows) > 0


def test_the_article_graph_has_no_fact_without_evidence(kg):
    result = kg("stats", "--format", "json", data=None)
    assert result.exit_code == 0, result.output
    facts = json.loads(result.stdout)["facts"]
    assert facts[-1]["class"] == "all facts"
    assert facts[-1]["without_evidence"] == 0
    assert facts[-1]["with_evidence"] > 50


def test_a_lazily_imported_command_is_listed_with_its_own_help_line():
    from kg.cli import LAZY_COMMANDS, cli

    for name, (module, command, line) in LAZY_COMMANDS.items():
        real = getattr(__import__(module, fromlist=[command]), command)
        assert real.get_short_help_str(200) == line
        assert cli.get_command(None, name) is real
