"""Proxy headers are believed only from configured trusted proxies; login throttling holds per account."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from typer.testing import CliRunner
from uvicorn.config import Config
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from clinevidence.cli import app
from clinevidence.review.throttle import LoginLimiter


def _serve_kwargs(monkeypatch: pytest.MonkeyPatch, trusted: str | None) -> dict[str, Any]:
    import uvicorn

    import clinevidence.web.app as web_app

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw))
    monkeypatch.setattr(web_app, "create_app", lambda path: object())
    if trusted is None:
        monkeypatch.delenv("CLINEVIDENCE_TRUSTED_PROXIES", raising=False)
    else:
        monkeypatch.setenv("CLINEVIDENCE_TRUSTED_PROXIES", trusted)
    r = CliRunner().invoke(app, ["serve", "--port", "8123"])
    assert r.exit_code == 0, r.output
    return seen


def _client_of(wrap, client: tuple[str, int], forwarded: str) -> str:  # type: ignore[no-untyped-def]
    """The client address the app behind ``wrap`` sees for a request from ``client`` carrying X-Forwarded-For."""
    seen: dict[str, Any] = {}

    async def inner(scope, receive, send) -> None:  # type: ignore[no-untyped-def]
        seen["client"] = scope["client"][0]

    scope = {
        "type": "http",
        "client": client,
        "headers": [(b"x-forwarded-for", forwarded.encode())],
        "scheme": "http",
    }
    asyncio.run(wrap(inner)(scope, None, None))
    return str(seen["client"])


def test_no_proxy_headers_unless_proxies_are_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    kw = _serve_kwargs(monkeypatch, None)
    assert kw["proxy_headers"] is False and kw["port"] == 8123
    config = Config(app=lambda *a: None, **{k: v for k, v in kw.items() if k != "log_level"})
    config.load()
    assert not isinstance(config.loaded_app, ProxyHeadersMiddleware)


def test_forwarded_for_believed_only_from_a_trusted_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    kw = _serve_kwargs(monkeypatch, " 10.0.0.1 , 10.8.0.0/16")
    assert kw["proxy_headers"] is True and kw["forwarded_allow_ips"] == "10.0.0.1,10.8.0.0/16"

    def wrap(inner):  # type: ignore[no-untyped-def]
        return ProxyHeadersMiddleware(inner, trusted_hosts=kw["forwarded_allow_ips"])

    assert _client_of(wrap, ("10.0.0.1", 5000), "203.0.113.9") == "203.0.113.9"
    assert _client_of(wrap, ("10.8.3.4", 5000), "203.0.113.9") == "203.0.113.9"
    assert _client_of(wrap, ("198.51.100.7", 5000), "203.0.113.9") == "198.51.100.7"  # untrusted peer


def test_login_throttle_per_account_from_any_address() -> None:
    now = {"t": 0.0}
    limiter = LoginLimiter(per_account=5, per_address=50, per_account_any=8, window=900, clock=lambda: now["t"])
    for i in range(5):  # one address: the 6th attempt waits
        assert limiter.retry_after("drlee", "192.0.2.1") is None
        limiter.failed("drlee", "192.0.2.1")
    assert limiter.retry_after("drlee", "192.0.2.1") is not None
    for i in range(3):  # rotating addresses cannot go past the account's own limit
        assert limiter.retry_after("drlee", f"198.51.100.{i}") is None
        limiter.failed("drlee", f"198.51.100.{i}")
    assert limiter.retry_after("DrLee", "198.51.100.99") is not None
    # another account, from another address (or the same one), is untouched
    assert limiter.retry_after("editor1", "203.0.113.5") is None
    assert limiter.retry_after("editor1", "192.0.2.1") is None
    now["t"] = 901
    assert limiter.retry_after("drlee", "198.51.100.99") is None


def test_one_address_cannot_lock_out_the_others_behind_it() -> None:
    """A shared hospital NAT: 55 failures spraying many accounts throttle the sprayed accounts, not a colleague."""
    limiter = LoginLimiter(per_account=5, per_address=50, window=900, clock=lambda: 0.0)
    nat = "192.0.2.10"
    for i in range(55):
        limiter.failed(f"user{i}", nat)
    assert limiter.retry_after("user3", nat) is not None  # sprayed from here: held back
    assert limiter.retry_after("drlee", nat) is None  # never failed here: signs in
    for i in range(55, 200):
        limiter.failed(f"user{i}", nat)
    assert limiter.retry_after("drlee", nat) is not None  # a flood holds back everyone at that address
    assert limiter.retry_after("drlee", "198.51.100.1") is None


def test_account_backoff_grows_across_addresses() -> None:
    now = {"t": 0.0}
    limiter = LoginLimiter(per_account=2, per_address=50, per_account_any=12, window=900, clock=lambda: now["t"])
    for i in range(4):  # 2 x per_account failures, each from a new address
        assert limiter.retry_after("drlee", f"198.51.100.{i}") is None
        limiter.failed("drlee", f"198.51.100.{i}")
    waits = []
    for i in range(4, 9):
        wait = limiter.retry_after("drlee", f"198.51.100.{i}")
        assert wait is not None
        waits.append(wait)
        now["t"] += wait
        assert limiter.retry_after("drlee", f"198.51.100.{i}") is None
        limiter.failed("drlee", f"198.51.100.{i}")
    assert waits == [1, 2, 4, 8, 16]
    assert limiter.retry_after("editor1", "198.51.100.1") is None  # other accounts are not slowed
