"""The resident process: the persisted store of one data folder copied into memory, answering
``kg query`` over a Unix socket (``kg.sparql.resident`` says how) until it is stopped by its PID
or left idle; and how ``kg resident`` starts it in the background and stops it.

The copy is made from the persisted store (not by parsing the files again), so that it holds the
very same quads and blank nodes, and an answer from it is byte for byte the answer from disk.
When the files change, the next query names a state the copy does not hold: that query is
answered from disk by the command, and the resident copies the new store in the background,
holding the old copy until the new one is whole.
"""

import contextlib
import json
import os
import signal
import socketserver
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyoxigraph as ox

from kg import __version__
from kg.errors import EXIT_BAD_INPUT, KGError
from kg.graph import store as store_cache
from kg.sparql.engine import OxigraphEngine
from kg.sparql.resident import (
    DATA,
    END,
    ERROR,
    FRAME_SIZE,
    PROTOCOL_VERSION,
    STALE,
    STATUS,
    resident_files,
    send_frame,
    status,
)
from kg.sparql.results import answer_type, write_result

# A request is a line of JSON holding a query: a generous bound, still far from a memory risk.
MAX_REQUEST_BYTES = 16 << 20
# How long a connection may take to send its request.
REQUEST_WAIT_SECONDS = 30
# How long ``kg resident stop`` waits for the process to end before it kills it.
STOP_WAIT_SECONDS = 10


class Holding:
    """The copy in memory, the state of the files it holds, and its reloading."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.lock = threading.Lock()
        self.store: ox.Store | None = None
        self.state: str | None = None
        self.quads = 0
        self.reloading = False

    def load(self) -> None:
        """Copy the persisted store of the current files (built first if it is missing)."""
        disk, path = store_cache.open_current_store(self.data_dir)
        if path.name == self.state:
            return
        memory = ox.Store()
        memory.bulk_extend(disk.quads_for_pattern(None, None, None, None))
        quads = len(memory)
        del disk
        with self.lock:
            self.store, self.state, self.quads = memory, path.name, quads
        log(f"holding {quads:,} quads of {self.data_dir} ({path.name})")

    def store_for(self, state: str) -> ox.Store | None:
        """The copy, if it holds ``state``; else None, and a reload begins."""
        with self.lock:
            if state == self.state:
                return self.store
            if not self.reloading:
                self.reloading = True
                threading.Thread(target=self._reload, daemon=True).start()
        return None

    def _reload(self) -> None:
        try:
            self.load()
        except Exception as error:  # the old copy keeps answering the state it holds
            log(f"reloading failed: {type(error).__name__}: {' '.join(str(error).split())}")
        finally:
            with self.lock:
                self.reloading = False


class FrameWriter:
    """A binary output that sends what is written to it as data frames of up to FRAME_SIZE."""

    def __init__(self, out):
        self.out = out
        self.buffer = bytearray()

    def write(self, data: bytes) -> int:
        self.buffer += data
        if len(self.buffer) >= FRAME_SIZE:
            self.send()
        return len(data)

    def flush(self) -> None:
        """Frames leave when full and at the end; a writer's flush need not send one."""

    def send(self) -> None:
        while self.buffer:
            send_frame(self.out, DATA, bytes(self.buffer[:FRAME_SIZE]))
            del self.buffer[:FRAME_SIZE]


class ResidentServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True

    def __init__(self, path: Path, holding: Holding, idle_seconds: float):
        self.holding = holding
        self.idle_seconds = idle_seconds
        self.last_request = time.monotonic()
        self.answered = 0
        self.started = time.time()
        super().__init__(str(path), RequestHandler)


class RequestHandler(socketserver.StreamRequestHandler):
    server: ResidentServer

    def handle(self) -> None:
        self.server.last_request = time.monotonic()
        try:
            # A connection that sends no request does not hold a thread for ever; the answer
            # itself may wait on its reader as long as that takes (a pager, say).
            self.connection.settimeout(REQUEST_WAIT_SECONDS)
            request = json.loads(self.rfile.readline(MAX_REQUEST_BYTES))
            self.connection.settimeout(None)
            if request.get("version") != PROTOCOL_VERSION:
                raise KGError("kg resident runs another version of kg; restart it")
            if request.get("kind") == "status":
                send_frame(self.wfile, STATUS, json.dumps(self.status()).encode())
            elif request.get("kind") == "query":
                self.answer(request)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass  # the command went away (a closed pipe, Ctrl-C): nobody reads the rest
        except (ValueError, KGError) as error:
            self.refuse(error)
        self.server.last_request = time.monotonic()

    def answer(self, request: dict) -> None:
        if request.get("kg") != __version__:
            send_frame(self.wfile, STALE)  # written by another kg: the command reads the disk
            return
        store = self.server.holding.store_for(request["state"])
        if store is None:
            send_frame(self.wfile, STALE)
            return
        engine = OxigraphEngine(store, request["prefixes"])
        bindings = {name: term_from_ntriples(text) for name, text in request["bindings"].items()}
        try:
            answer = engine.answer(request["query"], bindings)
            result_format = request["format"] or (
                "ttl" if answer_type(answer) in ("CONSTRUCT", "DESCRIBE") else "table"
            )
            out = FrameWriter(self.wfile)
            write_result(answer, result_format, out, request["ordered"])
            out.send()
        except KGError as error:
            self.refuse(error)
            return
        except (BrokenPipeError, ConnectionResetError):
            raise
        except Exception as error:
            detail = " ".join(str(error).split())
            self.refuse(KGError(f"unexpected {type(error).__name__}: {detail}", EXIT_BAD_INPUT))
            return
        send_frame(self.wfile, END)
        self.server.answered += 1

    def refuse(self, error: Exception) -> None:
        exit_code = error.exit_code if isinstance(error, KGError) else EXIT_BAD_INPUT
        message = str(error) if isinstance(error, KGError) else f"bad request: {error}"
        refusal = json.dumps({"message": message, "exit_code": exit_code}).encode()
        with contextlib.suppress(OSError):  # the command went away
            send_frame(self.wfile, ERROR, refusal)

    def status(self) -> dict:
        holding = self.server.holding
        return {
            "pid": os.getpid(),
            "kg": __version__,
            "data": str(holding.data_dir),
            "state": holding.state,
            "quads": holding.quads,
            "reloading": holding.reloading,
            "answered": self.server.answered,
            "memory_bytes": resident_memory(),
            "idle_limit_seconds": self.server.idle_seconds,
            "started": self.server.started,
        }


def term_from_ntriples(text: str) -> ox.NamedNode | ox.Literal:
    """A parameter's value, sent as N-Triples writes a term, as a pyoxigraph term."""
    line = f"<urn:x:s> <urn:x:p> {text} ."
    return next(iter(ox.parse(input=line, format=ox.RdfFormat.N_TRIPLES))).object


def resident_memory() -> int | None:
    """This process's resident set in bytes, where Linux tells it."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def log(message: str) -> None:
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime())
    print(f"{stamp} kg resident[{os.getpid()}]: {message}", file=sys.stderr, flush=True)


def running_pid(pid_file: Path) -> int | None:
    """The PID in ``pid_file`` if that process is alive and a resident (not a PID reused)."""
    try:
        pid = int(pid_file.read_text().strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    proc = Path(f"/proc/{pid}")
    if proc.is_dir():
        try:
            if b"resident" not in (proc / "cmdline").read_bytes():
                return None
            if "\nState:\tZ" in (proc / "status").read_text():
                return None
        except OSError:
            return None
    return pid


def run(data_dir: Path, idle_minutes: float) -> None:
    """Be the resident of ``data_dir``, in the foreground, until stopped or idle."""
    sock_path, pid_file, _ = resident_files(data_dir)
    other = running_pid(pid_file)
    if other is not None and other != os.getpid():
        raise KGError(f"a resident already holds {data_dir} (pid {other}); kg resident stop")
    pid_file.write_text(f"{os.getpid()}\n")
    server = None
    try:
        holding = Holding(data_dir)
        holding.load()
        sock_path.unlink(missing_ok=True)  # left by a resident that was killed
        server = ResidentServer(sock_path, holding, idle_minutes * 60)
        os.chmod(sock_path, 0o600)
        signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
        if idle_minutes > 0:
            threading.Thread(target=stop_when_idle, args=(server,), daemon=True).start()
        log(f"answering on {sock_path}")
        server.serve_forever(poll_interval=0.5)
        log("stopped")
    finally:
        if server is not None:
            server.server_close()
        if running_pid(pid_file) in (os.getpid(), None):
            sock_path.unlink(missing_ok=True)
            pid_file.unlink(missing_ok=True)


def stop_when_idle(server: ResidentServer) -> None:
    while True:
        idle = time.monotonic() - server.last_request
        if idle >= server.idle_seconds:
            log(f"no query for {server.idle_seconds / 60:g} minutes")
            server.shutdown()
            return
        time.sleep(min(30.0, server.idle_seconds - idle + 0.1))


def start(data_dir: Path, idle_minutes: float) -> dict:
    """A resident of ``data_dir`` in the background, started unless one runs; its status once
    it answers (after the copy, which takes seconds per million triples)."""
    found = status(data_dir)
    if found is not None:
        return found
    sock_path, pid_file, log_path = resident_files(data_dir)
    pid = running_pid(pid_file)
    process = None
    if pid is None:
        command = [sys.executable, "-m", "kg", "--data", str(data_dir.resolve()), "resident"]
        command += ["run", "--idle", f"{idle_minutes:g}"]
        with log_path.open("ab") as log_file:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
    while True:
        found = status(data_dir)
        if found is not None:
            return found
        ended = process.poll() is not None if process else running_pid(pid_file) is None
        if ended:
            lines = log_path.read_text(errors="replace").splitlines() if log_path.exists() else []
            last = lines[-1].strip() if lines else "no message"
            raise KGError(f"the resident ended before it answered: {last} (log: {log_path})")
        time.sleep(0.1)


def stop(data_dir: Path) -> int | None:
    """Stop the resident of ``data_dir`` by its PID (SIGTERM, then SIGKILL after a wait); the
    PID it had, or None when none ran."""
    sock_path, pid_file, _ = resident_files(data_dir)
    pid = running_pid(pid_file)
    if pid is not None:
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_WAIT_SECONDS
        while running_pid(pid_file) == pid and time.monotonic() < deadline:
            time.sleep(0.05)
        if running_pid(pid_file) == pid:
            os.kill(pid, signal.SIGKILL)
            while running_pid(pid_file) == pid:
                time.sleep(0.05)
    sock_path.unlink(missing_ok=True)
    pid_file.unlink(missing_ok=True)
    return pid
