"""Writing files of the graph so that a reader or a killed run never sees half of one."""

import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one rename of a complete, fsynced temporary file in
    the same folder (its name starts with a dot, so loading skips a leftover one)."""
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def write_sqlite_atomically(path: Path, fill: Callable[[sqlite3.Connection], None]) -> None:
    """Replace the SQLite database at ``path`` with one that ``fill`` writes and commits, in
    one rename of the complete file: a reader sees the old database or the new, whole."""
    handle, staging = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".sqlite", dir=path.parent)
    os.close(handle)
    try:
        connection = sqlite3.connect(staging)
        try:
            fill(connection)
        finally:
            connection.close()
        os.replace(staging, path)
    except BaseException:
        Path(staging).unlink(missing_ok=True)
        raise
