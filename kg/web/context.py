"""What every request handler shares: the live store, the query workers, the limits, the
templates, and what is computed once per state of the data."""

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.templating import Jinja2Templates

from kg.web.live_store import LiveStore, Snapshot
from kg.web.query_workers import WorkerPool
from kg.web.saved_queries import SavedQueries

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"


@dataclass
class Server:
    live: LiveStore
    pool: WorkerPool
    timeout: float
    max_rows: int | None
    templates: Jinja2Templates
    saved: SavedQueries = field(default_factory=SavedQueries)
    _cache: dict[tuple[Path, str], Any] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _computing: dict[tuple[Path, str], threading.Lock] = field(default_factory=dict)

    def once(self, snapshot: Snapshot, key: str, compute: Callable[[], Any]) -> Any:
        """``compute()`` for this state of the data, computed once (the home page's counts
        take seconds at a million triples); requests that arrive meanwhile wait for it."""
        cache_key = (snapshot.path, key)
        with self._lock:
            if cache_key in self._cache:
                return self._cache[cache_key]
            computing = self._computing.setdefault(cache_key, threading.Lock())
        with computing:
            with self._lock:
                if cache_key in self._cache:
                    return self._cache[cache_key]
            value = compute()
            with self._lock:
                # Only the current state's values are kept.
                self._cache = {k: v for k, v in self._cache.items() if k[0] == snapshot.path}
                self._cache[cache_key] = value
                self._computing.pop(cache_key, None)
        return value

    def fact_classes(self, snapshot: Snapshot) -> set[str]:
        from kg.web.node_description import fact_classes

        return self.once(snapshot, "fact_classes", lambda: fact_classes(snapshot.store))


def server_of(request: Request) -> Server:
    return request.app.state.server
