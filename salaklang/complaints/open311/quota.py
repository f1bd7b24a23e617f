"""A shared per-key quota that does not write the cache on every request.

django-ratelimit adds to a cache counter on every request; with the default database cache that is a
transaction of four statements per request, all workers updating the same row — a third of an Open311 POST's
time. ``BatchedQuota`` counts in the process and adds its count to the shared counter (per window, plus the
previous window's total weighted by its overlap: a sliding window, see ``salaklang.core.ratelimit``) every ``flush_every`` hits or ``flush_seconds``, reading the shared total back each time.
So every process sees the others' use within a second, and the overshoot past the limit is at most
``workers × flush_every`` requests in a window. The first hit of a window always writes, so a slow client
is counted exactly.
"""

from __future__ import annotations

import threading
import time

from django.core.cache import cache

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """``"600/m"`` → (600, 60); ``"100/10s"`` → (100, 10)."""
    count, _, period = rate.partition("/")
    unit = period[-1:] or "m"
    multiple = int(period[:-1]) if period[:-1] else 1
    return int(count), multiple * PERIODS[unit]


class BatchedQuota:
    def __init__(self, name: str, *, flush_every: int = 20, flush_seconds: float = 1.0):
        self.name = name
        self.flush_every = flush_every
        self.flush_seconds = flush_seconds
        self._local: dict[tuple[str, int], list[float]] = {}  # (key, window) → [pending, shared total, last flush]
        self._lock = threading.Lock()

    def _flush(self, key: str, window: int, pending: int, period: int) -> int:
        cache_key = f"quota:{self.name}:{key}:{window}"
        if cache.add(cache_key, pending, period + 60):
            return pending
        try:
            return int(cache.incr(cache_key, pending))
        except ValueError:  # expired between add and incr
            cache.set(cache_key, pending, period + 60)
            return pending

    def hit(self, key: str, rate: str) -> bool:
        """Count one request for ``key``; True when it is over ``rate``."""
        limit, period = parse_rate(rate)
        now = time.time()
        window = int(now // period)
        with self._lock:
            entry = self._local.get((key, window))
            if entry is None:
                for old in [k for k in self._local if k[1] != window]:
                    stale = self._local.pop(old)
                    if stale[0]:  # hits of the window just ended, not yet added to the shared count: add them
                        self._flush(old[0], old[1], int(stale[0]), period)
                # Sliding window (issue 10): the previous window's shared total, read once per window, counts
                # for the part of it still inside the last ``period`` seconds.
                previous = cache.get(f"quota:{self.name}:{key}:{window - 1}") or 0
                entry = self._local[(key, window)] = [0, 0, 0.0, int(previous)]
            entry[0] += 1
            flush = entry[0] >= self.flush_every or now - entry[2] >= self.flush_seconds
            pending = int(entry[0])
            if flush:
                entry[0] = 0
                entry[2] = now
        if flush:
            total = self._flush(key, window, pending, period)
            with self._lock:
                entry[1] = max(entry[1], total)
        weight = 1 - (now - window * period) / period
        return entry[1] + entry[0] + entry[3] * weight > limit

    def clear(self) -> None:
        with self._lock:
            self._local.clear()
