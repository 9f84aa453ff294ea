"""Asking the resident process: ``kg query`` answered from a copy of the store in memory.

Oxigraph answers from memory several times faster than from its store on disk (at a million
triples, 0.3 s against 1.9 s for the same query), and copying a million triples into memory
takes seconds, more than any one command can spend. ``kg resident start`` leaves a process
holding the copy (``kg.sparql.resident_server``); while it runs, ``kg query`` sends it the query
over a Unix socket and writes the bytes it streams back, which its writers produce exactly as
``kg query`` would have (the same engine, the same writers, the same row order, the same blank
nodes: the copy is of the persisted store itself).

Each request names the state of the files the command sees (the persisted store's name, a hash
of every file's path, size and modification time). A resident that holds another state answers
"stale" and reloads, and the command answers from disk meanwhile: a query is never answered from
files other than those it was run on. A socket that no process listens on, or a resident gone
before it answered, costs the command nothing but the attempt.

Frames on the socket: one byte of kind, four of length, the payload. ``D`` data, ``E`` an error
(JSON: message and exit code), ``S`` stale, ``T`` a status (JSON), ``Z`` the end of an answer.
"""

import hashlib
import json
import os
import socket
import struct
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

from kg.errors import KGError

PROTOCOL_VERSION = 1
HEADER = struct.Struct(">cI")
DATA, ERROR, STALE, STATUS, END = b"D", b"E", b"S", b"T", b"Z"
# The largest frame a writer sends: big enough that a large answer costs few system calls.
FRAME_SIZE = 1 << 16


def runtime_dir() -> Path:
    """Where residents keep their socket, PID and log: ``$XDG_RUNTIME_DIR/kg``, else a folder of
    this user's in the temporary folder, readable by nobody else (a socket path must stay under
    about a hundred characters, which a project's own folder may not)."""
    base = os.environ.get("XDG_RUNTIME_DIR")
    folder = Path(base) / "kg" if base else Path(tempfile.gettempdir()) / f"kg-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise KGError(f"{folder}: cannot make the residents' folder: {error.strerror}") from error
    if folder.stat().st_uid != os.getuid() or folder.stat().st_mode & 0o077:
        raise KGError(f"{folder}: not this user's private folder; remove it or set XDG_RUNTIME_DIR")
    return folder


def resident_files(data_dir: Path) -> tuple[Path, Path, Path]:
    """The socket, PID file and log of the resident of ``data_dir``."""
    key = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    folder = runtime_dir()
    return folder / f"{key}.sock", folder / f"{key}.pid", folder / f"{key}.log"


def send_frame(out: BinaryIO | socket.socket, kind: bytes, payload: bytes = b"") -> None:
    frame = HEADER.pack(kind, len(payload)) + payload
    if isinstance(out, socket.socket):
        out.sendall(frame)
    else:
        out.write(frame)


def read_frame(stream: BinaryIO) -> tuple[bytes, bytes] | None:
    """The next frame's kind and payload, or None where the stream ends (mid-frame too)."""
    header = stream.read(HEADER.size)
    if len(header) < HEADER.size:
        return None
    kind, length = HEADER.unpack(header)
    payload = stream.read(length)
    return (kind, payload) if len(payload) == length else None


def connect(data_dir: Path) -> socket.socket | None:
    """A connection to the resident of ``data_dir``, or None when none listens (or none could:
    without a private runtime folder there is no resident to trust)."""
    try:
        sock_path = resident_files(data_dir)[0]
    except (OSError, KGError):
        return None
    if not sock_path.exists():
        return None
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        connection.connect(str(sock_path))
    except OSError:
        connection.close()
        return None
    return connection


def ask(
    data_dir: Path,
    query: str,
    bindings: Mapping[str, object],
    prefixes: Mapping[str, str],
    result_format: str | None,
    ordered: bool,
    out: BinaryIO,
) -> bool:
    """Have the resident of ``data_dir`` answer ``query`` into ``out``, as ``kg query`` writes
    it; False (nothing written) where there is no resident, it holds another state of the
    files, or a binding cannot cross (a blank node names a node of one store only)."""
    import pyoxigraph as ox

    from kg import __version__
    from kg.graph.store import store_path

    if not all(isinstance(value, ox.NamedNode | ox.Literal) for value in bindings.values()):
        return False
    connection = connect(data_dir)
    if connection is None:
        return False
    request = {
        "version": PROTOCOL_VERSION,
        "kind": "query",
        "kg": __version__,
        "state": store_path(data_dir).name,
        "query": query,
        "bindings": {name: str(value) for name, value in bindings.items()},
        "prefixes": dict(prefixes),
        "format": result_format,
        "ordered": ordered,
    }
    written = False
    with connection, connection.makefile("rb") as answer:
        try:
            connection.sendall(json.dumps(request).encode() + b"\n")
        except OSError:
            return False
        while True:
            frame = read_frame(answer)
            if frame is None:
                if not written:
                    return False
                raise KGError("the resident process stopped while answering; run the query again")
            kind, payload = frame
            if kind == DATA:
                out.write(payload)
                written = True
            elif kind == END:
                return True
            elif kind == STALE:
                return False
            elif kind == ERROR:
                error = json.loads(payload)
                raise KGError(error["message"], error["exit_code"])
            else:
                raise KGError(f"the resident process answered an unknown frame {kind!r}")


def status(data_dir: Path) -> dict | None:
    """What the resident of ``data_dir`` says of itself, or None when none answers."""
    connection = connect(data_dir)
    if connection is None:
        return None
    with connection, connection.makefile("rb") as answer:
        try:
            request = {"version": PROTOCOL_VERSION, "kind": "status"}
            connection.sendall(json.dumps(request).encode() + b"\n")
        except OSError:
            return None
        frame = read_frame(answer)
    if frame is None or frame[0] != STATUS:
        return None
    return json.loads(frame[1])
