"""Rate limits and sign-in throttling shared by every app node on one database (table ``rate_events``, migration
0005). The same sliding windows as the in-process limiters (``web.ratelimit``, ``review.throttle``), counted in
SQL, so that N nodes behind a load balancer allow what one node would, and a failed sign-in on one node counts on
all of them. Times are Unix time (``time.time``): shared by the nodes, unlike a process's monotonic clock.

Counting is not serialised across nodes: two nodes checking the same client at the same instant may each allow
the last permitted hit, so a limit can be exceeded by at most one hit per concurrent node — a rate limit, not an
invariant. Old rows are deleted as new ones are written.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable, Iterable

from sqlalchemy import Engine, delete, insert, select

from ..library import tables as t
from ..review.throttle import LoginLimiter

_KEY_MAX = 200
_PURGE_EVERY = 256  # writes between deletions of rows older than the longest window seen


class SharedHits:
    """Timestamps per key in ``rate_events``."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._writes = 0
        self._longest = 0.0

    def recent(self, key: str, window: float, now: float) -> list[float]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(t.rate_events.c.at)
                .where(t.rate_events.c.key == key[:_KEY_MAX], t.rate_events.c.at > now - window)
                .order_by(t.rate_events.c.at)
            ).scalars()
            return [float(at) for at in rows]

    def add(self, keys: Iterable[str], now: float, window: float) -> None:
        self._longest = max(self._longest, window)
        self._writes += 1
        with self.engine.begin() as conn:
            conn.execute(insert(t.rate_events), [{"key": k[:_KEY_MAX], "at": now} for k in keys])
            if self._writes % _PURGE_EVERY == 1:
                conn.execute(delete(t.rate_events).where(t.rate_events.c.at <= now - self._longest))

    def clear(self, key: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(t.rate_events).where(t.rate_events.c.key == key[:_KEY_MAX]))


class SharedSlidingWindowLimiter:
    """``web.ratelimit.SlidingWindowLimiter`` (at most ``limit`` hits per ``window`` s per key), in the database."""

    def __init__(
        self, engine: Engine, limit: int, window: float = 60.0, clock: Callable[[], float] = time.time
    ) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self.hits = SharedHits(engine)

    def hit(self, key: str) -> int | None:
        """Record a hit; ``None`` if allowed, else the seconds to wait before the next one is."""
        now = self.clock()
        key = f"ask:{key}"
        hits = self.hits.recent(key, self.window, now)
        if len(hits) >= self.limit:
            return max(1, math.ceil(hits[len(hits) - self.limit] + self.window - now))
        self.hits.add([key], now, self.window)
        return None


class SharedLoginLimiter(LoginLimiter):
    """``review.throttle.LoginLimiter`` (same limits and backoff) with its failures in the database."""

    def __init__(self, engine: Engine, *, clock: Callable[[], float] = time.time, **limits: int | float) -> None:
        super().__init__(clock=clock, **limits)  # type: ignore[arg-type]
        self.hits = SharedHits(engine)

    def _recent(self, key: str, now: float) -> deque[float]:
        return deque(self.hits.recent(f"login:{key}", self.window, now))

    def failed(self, username: str, address: str) -> None:
        self.hits.add([f"login:{k}" for k in self._keys(username, address)], self.clock(), self.window)

    def succeeded(self, username: str, address: str) -> None:
        self.hits.clear(f"login:{self._keys(username, address)[0]}")
