"""Sign-in throttling: failed attempts per username+address, per username from any address, and per address,
in a sliding window. The address is the socket peer (proxy headers count only from configured trusted proxies:
``CLINEVIDENCE_TRUSTED_PROXIES``), so rotating ``X-Forwarded-For`` changes nothing, and the any-address account
limit stops guessing one account's password from many addresses."""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable


class LoginLimiter:
    """At most ``per_account`` failures per username+address, ``per_account_any`` per username from anywhere, and
    ``per_address`` per address (for accounts that failed there; ``4 * per_address`` for all) in ``window`` s,
    with an exponential backoff per account once it has ``2 * per_account`` failures from anywhere."""

    def __init__(
        self,
        per_account: int = 5,
        per_address: int = 50,
        window: float = 15 * 60,
        clock: Callable[[], float] = time.monotonic,
        per_account_any: int | None = None,
    ) -> None:
        self.per_account = per_account
        self.per_account_any = per_account_any if per_account_any is not None else 4 * per_account
        self.per_address = per_address
        self.window = window
        self.clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _keys(username: str, address: str) -> tuple[str, str, str]:
        user = username.strip().lower()
        return f"u:{user}|{address}", f"a:{address}", f"any:{user}"

    def _recent(self, key: str, now: float) -> deque[float]:
        hits = self._failures.setdefault(key, deque())
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        return hits

    def retry_after(self, username: str, address: str) -> int | None:
        """Seconds until another attempt is allowed, or ``None`` if one is allowed now."""
        now = self.clock()
        account, addr, anywhere = self._keys(username, address)
        with self._lock:
            waits = []
            # The address limit holds back accounts that have failed from this address (a password sprayer),
            # not a colleague behind the same hospital NAT who has not; a flood (4x) holds back everyone.
            failed_here = bool(self._recent(account, now))
            limits = [(account, self.per_account), (anywhere, self.per_account_any), (addr, 4 * self.per_address)]
            if failed_here:
                limits.append((addr, self.per_address))
            for key, limit in limits:
                hits = self._recent(key, now)
                if len(hits) >= limit:
                    waits.append(max(1, math.ceil(hits[len(hits) - limit] + self.window - now)))
            # Backoff for an account failing from many addresses: from 2x per_account failures on, each attempt
            # waits 1, 2, 4, ... seconds after the last failure (at most the window), before the hard limit.
            spread = self._recent(anywhere, now)
            extra = len(spread) - 2 * self.per_account
            if extra >= 0:
                wait = min(self.window, 2.0**extra) - (now - spread[-1])
                if wait > 0:
                    waits.append(max(1, math.ceil(wait)))
            return max(waits) if waits else None

    def failed(self, username: str, address: str) -> None:
        now = self.clock()
        with self._lock:
            if len(self._failures) > 50_000:
                self._sweep(now)
            for key in self._keys(username, address):
                self._recent(key, now).append(now)

    def succeeded(self, username: str, address: str) -> None:
        """A correct password clears the account's failures from that address (not the address's, nor those
        from elsewhere)."""
        with self._lock:
            self._failures.pop(self._keys(username, address)[0], None)

    def _sweep(self, now: float) -> None:
        for key in [k for k, v in self._failures.items() if not v or v[-1] <= now - self.window]:
            del self._failures[key]
