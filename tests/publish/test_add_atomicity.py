"""Nothing lost: `kg add` in real processes, killed at every file operation it makes on the data
folder and in the middle of writing, leaves each source file byte for byte as it was or fully
updated; two runs never interleave; a killed run's lock and leftovers do not get in the way;
adding the same file again changes nothing.

The kills come from outside the program: an audit hook (``sys.addaudithook``) that sends the
process SIGKILL when it is about to make its n-th file operation in the data folder, and the
kernel itself, which kills a process with SIGXFSZ when a write crosses its file-size limit —
half-way through the new file. kg has no test hooks of its own.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from rdflib import Graph

FIXTURES = Path(__file__).parents[1] / "fixtures" / "cli"
DATA = FIXTURES / "data"
CONFORMING = FIXTURES / "new" / "disclosure-ri-il-kyu.ttl"
QUOTATION = FIXTURES / "new" / "unused-evidence.ttl"
SOURCE = "nk:source-kei-peninsula-2024-09-03"
FILE_NAME = "kei-peninsula-2024-09-03.ttl"
# Bounds on a run, so that a broken lock shows as a failure rather than a hang.
PATIENCE = 120

# Runs kg in this process, after installing what the first argument asks for:
#   trace FILE        record every file operation on the data folder, as JSON lines
#   kill N            SIGKILL at the N-th file operation on the data folder (counting from 0)
#   limit BYTES       a file-size limit: the kernel kills the process when a write crosses it
#   pause MARK GO     before writing, create MARK and wait until GO exists
RUNNER = textwrap.dedent(
    """
    import json, os, resource, signal, sys, time
    from pathlib import Path

    mode, argument, *rest = sys.argv[1:]
    data = os.path.realpath(os.environ["KG_TEST_DATA"])
    EVENTS = {"open", "os.replace", "os.rename", "os.remove", "os.unlink", "os.chmod",
              "os.truncate", "os.mkdir"}
    seen = [0]

    def on_data_folder(event, args):
        if event not in EVENTS or not args or not isinstance(args[0], (str, bytes, os.PathLike)):
            return None
        path = os.path.realpath(os.fsdecode(args[0]))
        return path if path == data or path.startswith(data + os.sep) else None

    if mode == "trace":
        log = open(argument, "w")
        def hook(event, args):
            path = on_data_folder(event, args)
            if path:
                log.write(json.dumps([event, os.path.relpath(path, data)]) + "\\n")
                log.flush()
        sys.addaudithook(hook)
    elif mode == "kill":
        def hook(event, args):
            if on_data_folder(event, args):
                if seen[0] == int(argument):
                    os.kill(os.getpid(), signal.SIGKILL)
                seen[0] += 1
        sys.addaudithook(hook)
    elif mode == "limit":
        signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
        resource.setrlimit(resource.RLIMIT_FSIZE, (int(argument), int(argument)))
    elif mode == "pause":
        import kg.publish.add
        write, go, rest = kg.publish.add.write_atomically, Path(rest[0]), rest[1:]
        def paused(path, data_bytes):
            Path(argument).touch()
            while not go.exists():
                time.sleep(0.02)
            write(path, data_bytes)
        kg.publish.add.write_atomically = paused

    from kg.cli import main
    sys.argv = ["kg", *rest]
    main()
    """
)


@pytest.fixture
def runner(tmp_path) -> Path:
    path = tmp_path / "runner.py"
    path.write_text(RUNNER)
    return path


@pytest.fixture
def data(tmp_path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return folder


def environment(data: Path) -> dict[str, str]:
    return {**os.environ, "KG_TEST_DATA": str(data), "PYTHONDONTWRITEBYTECODE": "1"}


def kg_add(data: Path, new: Path, runner: Path | None = None, *mode: str) -> subprocess.Popen:
    """A real `kg add` process, plain or under the runner in one of its modes."""
    command = ["--data", str(data), "add", str(new), "--source", SOURCE]
    prefix = [sys.executable, str(runner), *mode] if runner else [sys.executable, "-m", "kg"]
    return subprocess.Popen(
        [*prefix, *command],
        env=environment(data),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen) -> tuple[int, str, str]:
    stdout, stderr = process.communicate(timeout=PATIENCE)
    return process.returncode, stdout, stderr


def sources(folder: Path) -> dict[str, bytes]:
    """The source files, as kg loads them (hidden files are skipped)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


def hidden(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.name.startswith(".")}


@pytest.fixture(scope="module")
def states(tmp_path_factory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The source files before and after adding the conforming fixture."""
    folder = tmp_path_factory.mktemp("expected") / "data"
    shutil.copytree(DATA, folder)
    before = sources(folder)
    assert finish(kg_add(folder, CONFORMING))[0] == 0
    return before, sources(folder)


@pytest.fixture(scope="module")
def operations(tmp_path_factory) -> list[list[str]]:
    """Every file operation a successful `kg add` makes on the data folder, in order."""
    folder = tmp_path_factory.mktemp("trace") / "data"
    shutil.copytree(DATA, folder)
    script = folder.parent / "runner.py"
    script.write_text(RUNNER)
    log = folder.parent / "operations.jsonl"
    assert finish(kg_add(folder, CONFORMING, script, "trace", str(log)))[0] == 0
    return [json.loads(line) for line in log.read_text().splitlines()]


def test_the_operations_include_the_lock_the_temporary_file_and_the_rename(operations):
    assert operations[0] == ["open", ".kg.lock"]  # the lock comes first
    temporary = [i for i, (_, path) in enumerate(operations) if path.endswith(".tmp")]
    # os.replace is audited as os.rename.
    renamed = [i for i, (event, _) in enumerate(operations) if event == "os.rename"]
    assert len(temporary) >= 2 and renamed == [temporary[-1]]
    assert operations[-1] == ["open", "."]  # the folder is synced after the rename


def test_killed_at_each_file_operation_the_sources_are_as_before_or_fully_updated(
    data, runner, operations, states
):
    before, after = states
    outcomes = []
    for index in range(len(operations) + 1):
        folder = data.parent / f"data-{index}"
        shutil.copytree(DATA, folder)
        code, _, stderr = finish(kg_add(folder, CONFORMING, runner, "kill", str(index)))
        found = sources(folder)
        assert found in (before, after), (index, operations[index : index + 1], stderr)
        if index < len(operations):
            assert code == -signal.SIGKILL, (index, stderr)
            outcomes.append(found == after)
        else:
            assert code == 0  # past the last operation, the run completes
        # Only the lock and a leftover temporary file may remain beside the sources.
        assert all(name == ".kg.lock" or name.endswith(".tmp") for name in hidden(folder))
        if hidden(folder) != {".kg.lock"}:
            # A new run completes the addition and clears the leftover.
            assert finish(kg_add(folder, CONFORMING))[0] == 0
            assert sources(folder) == after
            assert hidden(folder) == {".kg.lock"}
    # The kills span the rename: the earlier ones leave the old file, the later the new.
    assert outcomes == sorted(outcomes) and outcomes[0] is False and outcomes[-1] is True


def test_killed_by_the_kernel_half_way_through_writing_the_file_is_as_before(data, runner, states):
    before, after = states
    limit = len(after[FILE_NAME]) // 2
    # The limit is on every file: the persisted store (and its index and plan) is built first,
    # by a validation, so that the limit cuts the data file's write and nothing else.
    command = [sys.executable, "-m", "kg", "--data", str(data), "validate", str(CONFORMING)]
    assert subprocess.run(command, capture_output=True).returncode == 0
    code, _, stderr = finish(kg_add(data, CONFORMING, runner, "limit", str(limit)))
    assert code == -signal.SIGXFSZ, stderr
    [leftover] = data.glob(f".{FILE_NAME}.*.tmp")
    # The write was cut off: half a file sits in the temporary file, none in the source.
    assert leftover.stat().st_size == limit
    assert sources(data) == before
    assert finish(kg_add(data, CONFORMING))[0] == 0
    assert sources(data) == after
    assert hidden(data) == {".kg.lock"}


def waiting_for_the_lock(pid: int) -> bool:
    """Whether the process is blocked waiting for a lock (a "->" line of /proc/locks)."""
    return any("->" in line and f" {pid} " in line for line in open("/proc/locks"))


def test_a_second_run_waits_for_the_first_and_both_additions_land(data, runner, tmp_path):
    mark, go = tmp_path / "first-is-writing", tmp_path / "go"
    first = kg_add(data, CONFORMING, runner, "pause", str(mark), str(go))
    deadline = time.monotonic() + PATIENCE
    while not mark.exists():
        assert first.poll() is None, first.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.02)
    # The first run holds the lock and has read the file it is about to replace.
    second = kg_add(data, QUOTATION)
    while second.poll() is None and not waiting_for_the_lock(second.pid):
        assert time.monotonic() < deadline
        time.sleep(0.02)
    # Without the lock the second run would finish here, and the first would then write the
    # file as it read it, losing the second's addition.
    assert second.poll() is None, second.communicate()
    go.touch()
    assert finish(first)[0] == 0 and finish(second)[0] == 0
    graph = Graph().parse(data / FILE_NAME)
    for new in (CONFORMING, QUOTATION):
        assert all(triple in graph for triple in Graph().parse(new))


def test_a_run_killed_while_holding_the_lock_does_not_block_the_next(data, runner, tmp_path):
    mark, go = tmp_path / "first-is-writing", tmp_path / "never"
    first = kg_add(data, CONFORMING, runner, "pause", str(mark), str(go))
    deadline = time.monotonic() + PATIENCE
    while not mark.exists():
        assert first.poll() is None and time.monotonic() < deadline
        time.sleep(0.02)
    before = sources(data)
    first.kill()
    assert finish(first)[0] == -signal.SIGKILL
    assert sources(data) == before
    code, stdout, _ = finish(kg_add(data, QUOTATION))
    assert code == 0 and stdout.endswith(
        "(graph <https://w3id.org/nkdefectors/graph/kei-peninsula-2024-09-03>)\n"
    )


def test_adding_the_same_file_again_changes_nothing(data, states):
    _, after = states
    assert finish(kg_add(data, CONFORMING))[0] == 0
    code, stdout, _ = finish(kg_add(data, CONFORMING))
    assert (code, stdout) == (0, f"nothing to add: every triple is already in {data / FILE_NAME}\n")
    assert sources(data) == after


def test_the_same_triples_in_another_format_change_nothing(data, states, tmp_path):
    _, after = states
    assert finish(kg_add(data, CONFORMING))[0] == 0
    as_ntriples = tmp_path / "disclosure.nt"
    Graph().parse(CONFORMING).serialize(as_ntriples, format="nt")
    code, stdout, _ = finish(kg_add(data, as_ntriples))
    assert (code, stdout) == (0, f"nothing to add: every triple is already in {data / FILE_NAME}\n")
    assert sources(data) == after


def test_a_missing_data_folder_is_one_line(tmp_path):
    process = kg_add(tmp_path / "absent", CONFORMING)
    assert finish(process)[:3:2] == (
        2,
        f"kg: error: {tmp_path / 'absent'}: data folder not found\n",
    )
