"""The persisted store as the server sees it: opened once, and opened again when the data change.

``kg.graph.store`` names a store by a fingerprint of the files it was built from. The server
looks at that fingerprint at most once every ``interval`` seconds (computing it lists and stats
every file of the data folder) and, when the files have changed, opens the store built from
them (building it first if no command has yet). Requests in flight keep the store they began
with; the next ones get the new one.
"""

import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.graph import store as store_cache
from kg.graph.names import NameIndex

# How stale a page may be, at most, after a data file changes.
CHECK_INTERVAL = 1.0


@dataclass(frozen=True)
class Snapshot:
    """One state of the data: the open store, its folder (which worker processes open too)
    and its names index."""

    store: ox.Store
    path: Path
    names: NameIndex


class LiveStore:
    """The store of ``data_dir``'s current files."""

    def __init__(self, data_dir: Path, interval: float = CHECK_INTERVAL):
        self.data_dir = data_dir
        self.interval = interval
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._checked = 0.0

    def current(self) -> Snapshot:
        """The snapshot of the data as they are now (or at most ``interval`` seconds ago)."""
        with self._lock:
            now = time.monotonic()
            if self._snapshot is None or now - self._checked >= self.interval:
                path = store_cache.store_path(self.data_dir)
                if self._snapshot is None or path != self._snapshot.path:
                    self._snapshot = self._open(path)
                self._checked = now
            return self._snapshot

    def _open(self, path: Path) -> Snapshot:
        store = store_cache.open_store(self.data_dir)
        # Written now if the store was built without it; then opened for the server's threads.
        store_cache.open_names_index(self.data_dir, store).close()
        index = store_cache.companion(path, store_cache.NAMES_INDEX)
        connection = sqlite3.connect(
            f"{index.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
        )
        return Snapshot(store, path, NameIndex(connection))
