"""The corpus of bad inputs (tests/bad_inputs/cases.toml): each file, query or option gives
exactly its one line (or its validation report) and its exit code; plus the inputs that cannot
live in the repository — a 100 MB file, a pipe, a link to a device — made here in tmp."""

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.graph import paths
from kg.graph.load import read_assertions

CORPUS = Path(__file__).parent / "bad_inputs"
DATA = Path("..") / "fixtures" / "cli" / "data"  # relative to the corpus folder
CASES = tomllib.loads((CORPUS / "cases.toml").read_text("utf-8"))["case"]
SOURCE_FILE = "kei-peninsula-2024-09-03.ttl"
KEI_SOURCE = "nk:source-kei-peninsula-2024-09-03"


def run(args: list[str], env: dict[str, str] | None = None):
    """kg with the corpus's data folder, in the corpus folder, with its sources."""
    environment = {"KG_SOURCES": "sources", **(env or {})}
    return CliRunner(env=environment).invoke(cli, ["--data", str(DATA), *args])


@pytest.fixture
def in_corpus(monkeypatch):
    monkeypatch.chdir(CORPUS)
    monkeypatch.delenv("KG_MAX_INPUT_BYTES", raising=False)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_each_case_gives_exactly_its_message_and_exit_code(case, in_corpus, monkeypatch):
    if "queries" in case:
        monkeypatch.setattr(paths, "QUERIES_DIR", Path(case["queries"]))
    result = run(case["args"], case.get("env"))
    assert (result.exit_code, result.stderr, result.stdout) == (
        case["exit"],
        case.get("stderr", ""),
        case.get("stdout", ""),
    )


def test_every_file_of_the_corpus_has_a_case():
    named = {arg for case in CASES for arg in case["args"]}
    files = {
        str(p.relative_to(CORPUS))
        for p in CORPUS.rglob("*")
        if p.is_file() and p.parent.name not in ("sources", "queries") and p.name != "cases.toml"
    }
    assert files - named == set()


UNREADABLE = [
    case
    for case in CASES
    if case["args"][0] == "validate" and len(case["args"]) == 2 and case["exit"] == 2
]


@pytest.mark.parametrize("case", UNREADABLE, ids=[case["name"] for case in UNREADABLE])
def test_kg_add_refuses_the_same_file_with_the_same_line_and_writes_nothing(
    case, in_corpus, tmp_path, snapshot
):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    before = snapshot(data, "*.ttl")
    args = ["--data", str(data), "add", *case["args"][1:], "--source", KEI_SOURCE]
    result = CliRunner(env={"KG_SOURCES": "sources"}).invoke(cli, args)
    assert (result.exit_code, result.stderr, result.stdout) == (2, case["stderr"], "")
    assert snapshot(data, "*.ttl") == before


# --- Size, and files that are not files ---


# Runs a command and reports its exit code, stderr and peak memory. Started from this small
# process, not from pytest: Linux counts in a child's peak the memory of the process it was
# forked from, up to its exec.
LAUNCHER = """
import json, os, subprocess, sys
process = subprocess.Popen(
    sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
)
stderr = process.stderr.read()
_, status, usage = os.wait4(process.pid, 0)
print(json.dumps([os.waitstatus_to_exitcode(status), stderr, usage.ru_maxrss * 1024]))
"""


def peak_memory_of(command: list[str], **options) -> tuple[int, str, int]:
    """Run a command; its exit code, its stderr and its peak resident memory in bytes."""
    launched = subprocess.run(
        [sys.executable, "-c", LAUNCHER, *command], capture_output=True, text=True, **options
    )
    code, stderr, peak = json.loads(launched.stdout)
    return code, stderr, peak


def test_a_100_mb_file_is_refused_by_its_size_without_being_read(tmp_path):
    huge = tmp_path / "huge.ttl"
    line = b'<https://w3id.org/nkdefectors/id/p> <https://w3id.org/nkdefectors/id/q> "x" .\n'
    with huge.open("wb") as handle:
        for _ in range(100 * 2**20 // (len(line) * 1000) + 1):
            handle.write(line * 1000)
    assert huge.stat().st_size > 100 * 2**20
    command = [sys.executable, "-m", "kg", "validate", str(huge)]
    code, stderr, peak = peak_memory_of(command, env={**os.environ, "KG_MAX_INPUT_BYTES": ""})
    assert (code, stderr) == (
        2,
        f"kg: error: {huge}: 100 MB is over the 50 MB limit for a file of new assertions; "
        "split it into smaller files\n",
    )
    # Reading the file would take more memory than the file's size; refusing it takes none.
    assert peak < 100 * 2**20


@pytest.mark.parametrize("option", ["--max-size", "KG_MAX_INPUT_BYTES"])
def test_the_size_limit_is_set_by_option_or_environment(tmp_path, option):
    big = tmp_path / "big.ttl"
    triple = '<https://w3id.org/nkdefectors/id/p> <https://w3id.org/nkdefectors/id/q> "x" .\n'
    big.write_text(triple * (2 * 2**20 // len(triple) + 1))

    def validate(limit: str):
        if option == "--max-size":
            return CliRunner().invoke(cli, ["validate", "--max-size", limit, str(big)])
        return CliRunner(env={option: limit}).invoke(cli, ["validate", str(big)])

    refused = validate("1M")
    assert (refused.exit_code, refused.stderr) == (
        2,
        f"kg: error: {big}: 2 MB is over the 1 MB limit for a file of new assertions; "
        "split it into smaller files\n",
    )
    assert "over the" not in validate("3M").stderr
    assert validate("1000000").stderr == (
        f"kg: error: {big}: {big.stat().st_size} bytes is over the 1000000 bytes limit for a "
        "file of new assertions; split it into smaller files\n"
    )


def test_a_size_limit_that_is_not_a_size_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["validate", "--max-size", "lots", str(tmp_path / "a.ttl")])
    assert (result.exit_code, result.stderr) == (
        2,
        "kg: error: --max-size lots: give a number of bytes, or of K, M or G (such as 50M)\n",
    )


def test_a_file_that_grows_after_its_size_is_taken_is_read_no_further_than_the_limit(
    tmp_path, monkeypatch
):
    grown = tmp_path / "grown.ttl"
    grown.write_bytes(b"# " + b"x" * (3 * 2**20) + b"\n")
    real_stat = Path.stat

    def stale_stat(self, *args, **kwargs):
        status = real_stat(self, *args, **kwargs)
        if self == grown:
            return os.stat_result((*status[:6], 10, *status[7:]))
        return status

    monkeypatch.setattr(Path, "stat", stale_stat)
    with pytest.raises(Exception, match=r": 3 MB is over the 1 MB limit"):
        read_assertions(grown, max_bytes=2**20)


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    pipe = tmp_path / "pipe.ttl"
    os.mkfifo(pipe)
    # A bounded run: opening a pipe nobody writes to would block for ever.
    process = subprocess.run(
        [sys.executable, "-m", "kg", "validate", str(pipe)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (process.returncode, process.stderr) == (
        2,
        f"kg: error: {pipe}: not a regular file (a pipe or a device); save it to a file\n",
    )


def test_a_link_to_an_endless_device_is_refused(tmp_path):
    endless = tmp_path / "zeros.ttl"
    endless.symlink_to("/dev/zero")
    result = CliRunner().invoke(cli, ["validate", str(endless)])
    assert (result.exit_code, result.stderr) == (
        2,
        f"kg: error: {endless}: not a regular file (a pipe or a device); save it to a file\n",
    )


def test_a_folder_named_like_a_file_is_refused(tmp_path):
    folder = tmp_path / "folder.ttl"
    folder.mkdir()
    result = CliRunner().invoke(cli, ["validate", str(folder)])
    assert (result.exit_code, result.stderr) == (
        2,
        f"kg: error: {folder}: is a folder, not a file of assertions\n",
    )


# --- Rules checked in kg/validation/validate.py ---


def test_kg_add_refuses_a_quotation_that_is_not_in_its_source_and_writes_nothing(
    in_corpus, tmp_path, snapshot
):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    before = snapshot(data, "*.ttl")
    args = ["--data", str(data), "add", "rules/quote-not-in-source.ttl", "--source", KEI_SOURCE]
    result = CliRunner(env={"KG_SOURCES": "sources"}).invoke(cli, args)
    assert result.exit_code == 1
    assert "Violation: oa:exact: The quotation is not in the capture of" in result.stdout
    assert result.stderr == "kg: nothing added: 1 violation, 0 warnings in 1 of 2 new nodes\n"
    assert snapshot(data, "*.ttl") == before


@pytest.mark.parametrize("report_format", ["ttl", "json"])
def test_rules_checked_in_code_are_in_every_report_format(in_corpus, report_format):
    result = run(["validate", "--format", report_format, "rules/quote-not-in-source.ttl"])
    assert result.exit_code == 1
    assert "QuoteInSourceCheck" in result.stdout
    if report_format == "ttl":
        assert "sh:conforms false" in result.stdout


@pytest.mark.parametrize("suffix", [".ttl", ".nq"])
def test_a_file_of_blank_lines_is_read_in_linear_time(tmp_path, suffix):
    # A pattern that lets white space at a line start run over line breaks takes quadratic
    # time on blank lines not followed by what it looks for: 300 000 of them would take
    # hours. As Turtle the file is read (and searched for prefixes); as N-Quads, without the
    # final '.', it fails to parse, and is searched for what format it might be.
    path = tmp_path / f"blank-lines{suffix}"
    path.write_text("\n" * 300_000 + "<urn:x:a> <urn:x:b> <urn:x:c> " + ".\n" * (suffix == ".ttl"))
    (tmp_path / "data").mkdir()
    process = subprocess.run(
        [sys.executable, "-m", "kg", "--data", str(tmp_path / "data"), "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if suffix == ".ttl":
        assert (process.returncode, process.stderr) == (0, "")
    else:
        assert (process.returncode, process.stderr) == (
            2,
            f"kg: error: {path}:300001:1: syntax error: not a valid nquads statement\n",
        )
