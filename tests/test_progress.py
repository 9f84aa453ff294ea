"""Long work shows a progress bar on stderr when a person watches a terminal, and nothing
when stderr is piped or the run is CI's: the output is then exactly what it is without bars."""

import os
import pty
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ARTICLE_DATA = Path(__file__).parent / "fixtures" / "cli" / "data"
BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def run(argv: list[str], terminal: bool, ci: bool = False, cwd: Path | None = None):
    """``argv`` with stderr on a pseudo-terminal or a pipe; stdout always piped. Returns
    (stdout, stderr, exit status)."""
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci:
        env["CI"] = "true"
    # A wide terminal, so that click draws the bar on one line.
    env["COLUMNS"] = "120"
    if not terminal:
        done = subprocess.run(argv, capture_output=True, env=env, cwd=cwd)
        return done.stdout, done.stderr, done.returncode
    leader, follower = pty.openpty()
    # stdout to a file: a pipe left unread while stderr is read would fill and stall the command.
    with tempfile.TemporaryFile() as stdout:
        process = subprocess.Popen(argv, stdout=stdout, stderr=follower, env=env, cwd=cwd)
        os.close(follower)
        stderr = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closes when the process ends
                break
            if not chunk:
                break
            stderr += chunk
        process.wait()
        os.close(leader)
        stdout.seek(0)
        return stdout.read(), stderr, process.returncode


def kg(data: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "kg", "--data", str(data), *args]


@pytest.fixture
def fresh_data(tmp_path) -> Path:
    """A copy of the article's data that no store has been built from yet."""
    data = tmp_path / "data"
    shutil.copytree(ARTICLE_DATA, data)
    return data


@pytest.mark.parametrize(
    ("args", "label"),
    [
        (["reason"], b"kg reason"),
        (["export", "--format", "nt"], b"kg export"),
        (["query", "timeline", "--format", "csv"], b"loading files"),
    ],
    ids=["reason", "export", "store build"],
)
def test_a_terminal_sees_a_bar_and_the_same_output(args, label, fresh_data):
    stdout, stderr, status = run(kg(fresh_data, *args), terminal=True)
    assert status == 0, stderr
    assert label in stderr
    assert b"100%" in stderr
    shutil.rmtree(fresh_data.parent / ".kg-cache", ignore_errors=True)
    piped_stdout, piped_stderr, _ = run(kg(fresh_data, *args), terminal=False)
    assert stdout == piped_stdout


@pytest.mark.parametrize(
    "args",
    [["reason"], ["export", "--format", "nt"], ["query", "timeline", "--format", "csv"]],
    ids=["reason", "export", "store build"],
)
def test_piped_or_under_ci_there_is_no_bar(args, fresh_data):
    _, piped, status = run(kg(fresh_data, *args), terminal=False)
    assert status == 0
    assert piped == b""
    shutil.rmtree(fresh_data.parent / ".kg-cache", ignore_errors=True)
    _, under_ci, status = run(kg(fresh_data, *args), terminal=True, ci=True)
    assert status == 0
    assert under_ci == b""


@pytest.mark.parametrize(
    ("script", "label"), [("generate.py", b"generating"), ("replicate.py", b"replicating")]
)
def test_the_benchmark_generators_show_a_bar_only_on_a_terminal(script, label, tmp_path):
    argv = [sys.executable, str(BENCHMARKS / script), "--size", "3k", "--out", str(tmp_path)]
    _, seen, status = run(argv, terminal=True, cwd=BENCHMARKS)
    assert status == 0, seen
    assert label in seen
    assert b"[####" in seen
    _, piped, status = run(argv, terminal=False, cwd=BENCHMARKS)
    assert status == 0
    assert b"%" not in piped
