"""A small result cache for the aggregate queries (map clusters, statistics, timeline, lists).

Entries are keyed by the archive's version, so they never outlive a change:
the version is the newest incident id, event id and audit id (three primary
key look-ups). Every change the app or the store makes either adds an
incident (ingest), adds or removes an event (corroborate, split, merge) or
writes an audit row about an event (every review action), so the version moves
with it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..store.schema import AuditRow, EventRow, IncidentRow

T = TypeVar("T")


def archive_version(session: Session) -> tuple[int, int, int]:
    row = session.execute(
        select(
            select(func.max(IncidentRow.id)).scalar_subquery(),
            select(func.max(EventRow.id)).scalar_subquery(),
            # logins and user or setting changes are audited too but change no result
            select(func.max(AuditRow.id))
            .where(AuditRow.object_type.in_(("event", "incident", "article")))
            .scalar_subquery(),
        )
    ).one()
    return tuple(int(v or 0) for v in row)  # type: ignore[return-value]


class ResultCache:
    """A thread-safe LRU of computed results; ``hits``/``misses`` are counted for the docs' figures."""

    def __init__(self, max_entries: int = 512) -> None:
        self.max_entries = max_entries
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._inflight: dict[Hashable, threading.Lock] = {}
        self.hits = 0
        self.misses = 0

    def get_or_compute(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached value, or ``compute()``; concurrent requests for one key compute it once."""
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                self.hits += 1
                return self._data[key]  # type: ignore[no-any-return]
            flight = self._inflight.get(key)
            leader = flight is None
            if leader:
                flight = self._inflight[key] = threading.Lock()
                flight.acquire()
            self.misses += leader
        assert flight is not None
        if not leader:  # another thread computes it: wait for its result
            with flight:
                pass
            with self._lock:
                if key in self._data:
                    self.hits += 1
                    return self._data[key]  # type: ignore[no-any-return]
            return compute()  # the leader failed; compute here (its error was raised there)
        try:
            value = compute()
            with self._lock:
                self._data[key] = value
                self._data.move_to_end(key)
                while len(self._data) > self.max_entries:
                    self._data.popitem(last=False)
            return value
        finally:
            with self._lock:
                del self._inflight[key]
            flight.release()

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
