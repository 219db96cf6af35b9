"""Proxy headers are believed only from configured trusted proxies; login throttling holds per account."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy import func, select
from typer.testing import CliRunner
from uvicorn.config import Config
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from clinevidence.cli import app
from clinevidence.library import tables
from clinevidence.review.throttle import LoginLimiter
from clinevidence.settings import Settings

from .review_support import make_article, member, sample_answer
from .web_support import FOLLOW_UP, SEED_QUESTION, build_library, make_app


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


# -- the web app: threads, draft visibility, base URL, GET side effects, time zones ----------------------------

BOARD_PASSWORD = "trust boundary password"


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    application = make_app(build_library(tmp_path_factory.mktemp("trust") / "library"), ask_rate_per_minute=10_000)
    for role in ("reader", "reviewer", "admin"):
        application.state.accounts.create_user(role, BOARD_PASSWORD, role)
    with TestClient(application):
        yield application


def _signed_in(app: FastAPI, username: str) -> tuple[TestClient, dict[str, str]]:
    c = TestClient(app, follow_redirects=False)
    r = c.post("/api/session", json={"username": username, "password": BOARD_PASSWORD})
    assert r.status_code == 200, r.text
    return c, {"X-CSRF-Token": r.json()["csrf_token"]}


def _thread_links(client: TestClient, url: str) -> set[str]:
    page = BeautifulSoup(client.get(url).text, "html.parser")
    return {str(a["href"]) for a in page.select(".thread-list a")}


def test_a_follow_up_from_someone_else_starts_their_own_thread(web: FastAPI) -> None:
    owner, other = TestClient(web, follow_redirects=False), TestClient(web, follow_redirects=False)
    seed = owner.post("/api/ask", json={"question": SEED_QUESTION, "force_new": True}).json()
    mine = owner.post(f"/api/articles/{seed['id']}/followup", json={"question": FOLLOW_UP}).json()
    assert mine["thread_id"] == seed["thread_id"] and mine["parent_id"] == seed["id"]

    theirs = other.post(f"/api/articles/{seed['id']}/followup", json={"question": FOLLOW_UP}).json()
    assert theirs["thread_id"] != seed["thread_id"] and theirs["parent_id"] == seed["id"]
    assert theirs["title"] == mine["title"]  # answered in the light of the same article all the same
    r = other.post(f"/articles/{seed['id']}/followup", data={"question": "And with lapatinib?"})
    assert r.status_code == 303
    form_theirs = other.get(r.headers["location"] + ".json").json()
    assert form_theirs["thread_id"] not in (seed["thread_id"], theirs["thread_id"])
    r = other.post(f"/articles/{seed['id']}/variant", data={"audience": "patient"})
    variant = other.get(r.headers["location"] + ".json").json()
    assert variant["audience"] == "patient" and variant["thread_id"] != seed["thread_id"]
    again = other.post(f"/articles/{seed['id']}/variant", data={"audience": "patient"})
    assert again.headers["location"] == r.headers["location"]  # their own variant is reused

    # By thread id, someone else's thread does not exist (its latest question is the owner's alone).
    by_thread = {"question": "And in early breast cancer?", "thread_id": seed["thread_id"]}
    assert other.post("/api/ask", json=by_thread).status_code == 404
    assert other.post("/api/ask/stream", json=by_thread).status_code == 404
    assert owner.post("/api/ask", json=by_thread).json()["thread_id"] == seed["thread_id"]

    owners_thread = _thread_links(owner, seed["url"])
    assert mine["url"] in owners_thread
    assert not owners_thread & {theirs["url"], form_theirs["url"], variant["url"]}
    # ...and their own thread goes on as theirs.
    next_one = other.post(f"/api/articles/{theirs['id']}/followup", json={"question": "And trastuzumab?"}).json()
    assert next_one["thread_id"] == theirs["thread_id"]


def test_a_conversation_is_followed_up_in_its_thread_only_by_the_same_token(web: FastAPI) -> None:
    c = TestClient(web)

    def chat(token: str, messages: list[dict[str, str]]) -> dict[str, Any]:
        r = c.post(
            "/v1/chat/completions",
            json={"model": "clinevidence-clinician", "messages": messages},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert r.status_code == 200, r.text
        return r.json()  # type: ignore[no-any-return]

    first = chat("ce-alice", [{"role": "user", "content": SEED_QUESTION + " (chat)"}])
    reply = first["choices"][0]["message"]["content"]
    convo = [
        {"role": "user", "content": SEED_QUESTION + " (chat)"},
        {"role": "assistant", "content": reply},
        {"role": "user", "content": FOLLOW_UP},
    ]
    same, other = chat("ce-alice", convo)["clinevidence"], chat("ce-mallory", convo)["clinevidence"]
    assert same["thread_id"] == first["clinevidence"]["thread_id"]
    assert other["thread_id"] != first["clinevidence"]["thread_id"]
    assert other["parent_id"] == first["clinevidence"]["id"]


def _approved(app: FastAPI, question: str) -> str:
    svc, aid = app.state.review, make_article(app.state.library, answer=sample_answer(question))
    svc.act(aid, member("prep", "reviewer"), "claim", version=1)
    svc.act(aid, member("prep", "reviewer"), "approve", version=1)
    svc.act(aid, member("prep-editor", "editor"), "publish", version=1)
    return aid


def _listed(client: TestClient, html: str, api: str) -> tuple[set[str], set[str]]:
    page = BeautifulSoup(client.get(html).text, "html.parser")
    in_html = {str(a["href"]).rsplit("/", 1)[-1] for a in page.select("a[href^='/articles/']")}
    in_api = {a["id"] for a in client.get(api).json()["articles"]}
    return in_html, in_api


def test_drafts_are_listed_alike_in_html_and_json(web: FastAPI) -> None:
    draft = make_article(web.state.library, answer=sample_answer("Is zibotentan safe with T-DM1?"))
    approved = _approved(web, "Is zibotentan safe with tamoxifen?")
    anonymous = TestClient(web)
    reader, _ = _signed_in(web, "reader")
    reviewer, _ = _signed_in(web, "reviewer")
    for client in (anonymous, reader):
        for html, api in [
            ("/?q=zibotentan", "/api/articles?q=zibotentan"),
            ("/?q=zibotentan&scope=all", "/api/articles?q=zibotentan&status=submitted"),
            ("/", "/api/articles"),
        ]:
            in_html, in_api = _listed(client, html, api)
            assert draft not in in_html and draft not in in_api, (html, api)
        in_html, in_api = _listed(client, "/?q=zibotentan", "/api/articles?q=zibotentan")
        assert approved in in_html and approved in in_api
    in_html, in_api = _listed(reviewer, "/?q=zibotentan&scope=all", "/api/articles?q=zibotentan")
    assert {draft, approved} <= in_html and {draft, approved} <= in_api
    in_html, in_api = _listed(reviewer, "/?q=zibotentan", "/api/articles?q=zibotentan&status=approved")
    assert approved in in_html and draft not in in_html and in_api == {approved}


def test_absolute_urls_come_from_the_base_url_never_from_host(tmp_path: Path) -> None:
    lib = build_library(tmp_path / "library")
    evil = {"Host": "evil.example", "X-Forwarded-Host": "evil.example"}
    with TestClient(make_app(lib, base_url="https://evidence.example.org/")) as c:
        aid = c.post("/api/ask", json={"question": SEED_QUESTION}).json()["id"]
        md = c.get(f"/articles/{aid}.md", headers=evil).text
        assert f"Online: <https://evidence.example.org/articles/{aid}>" in md and "evil" not in md
        bundle = c.get(f"/articles/{aid}.fhir.json", headers=evil).json()
        evidence = bundle["entry"][0]["resource"]
        assert evidence["url"] == f"https://evidence.example.org/articles/{aid}" and "evil" not in json.dumps(bundle)
        chat = c.post(
            "/v1/chat/completions",
            json={"model": "clinevidence-clinician", "messages": [{"role": "user", "content": SEED_QUESTION}]},
            headers=evil,
        ).json()
        assert "https://evidence.example.org/articles/" in chat["choices"][0]["message"]["content"]
        assert "evil" not in json.dumps(chat)
    with TestClient(make_app(lib)) as c:  # no base URL: site-relative links, FHIR without a url
        md = c.get(f"/articles/{aid}.md", headers=evil).text
        assert f"Online: </articles/{aid}>" in md and "evil" not in md
        bundle = c.get(f"/articles/{aid}.fhir.json", headers=evil).json()
        assert "url" not in bundle["entry"][0]["resource"] and "evil" not in json.dumps(bundle)
    with pytest.raises(ValidationError):
        Settings(base_url="javascript:alert(1)")


def _row_counts(app: FastAPI) -> dict[str, int]:
    with app.state.library.engine.connect() as conn:
        return {
            name: conn.execute(select(func.count()).select_from(table)).scalar_one()
            for name, table in tables.metadata.tables.items()
        }


def _get_paths(app: FastAPI, aid: str) -> list[str]:
    """Every GET route of the app with its path parameters filled in (MCP's event stream aside)."""
    fill = {"article_id": aid, "model": "clinevidence-clinician", "name": "swagger-ui.css", "path": "style.css"}

    def walk(routes):  # type: ignore[no-untyped-def]
        for route in routes:
            if hasattr(route, "original_router"):  # FastAPI keeps included routers nested
                yield from walk(route.original_router.routes)
            else:
                yield route

    paths = []
    for route in walk(app.routes):
        if "GET" not in (getattr(route, "methods", None) or set()) or route.path.startswith("/mcp"):
            continue
        paths.append(route.path.format(**fill))
    return paths


def test_no_get_request_writes_anything(web: FastAPI) -> None:
    anonymous = TestClient(web, follow_redirects=False)
    seed = anonymous.post("/api/ask", json={"question": SEED_QUESTION, "force_new": True}).json()
    reviewer, _ = _signed_in(web, "reviewer")
    admin, _ = _signed_in(web, "admin")
    before = _row_counts(web)
    paths = _get_paths(web, seed["id"])
    assert f"/articles/{seed['id']}.fhir.json" in paths and "/api/audit" in paths
    extra = [f"{seed['url']}?audience={a}" for a in ("patient", "student")]
    extra += [f"/api/articles/{seed['id']}/diff?from=1&to=1", "/?q=tamoxifen", "/?q=tamoxifen&scope=all"]
    for client in (anonymous, reviewer, admin, TestClient(web, follow_redirects=False)):
        for path in paths + extra:
            r = client.get(path)
            assert r.status_code < 500, (path, r.status_code)
    offer = anonymous.get(f"{seed['url']}?audience=patient")
    assert offer.status_code == 200 and f'action="/articles/{seed["id"]}/variant"' in offer.text
    assert _row_counts(web) == before


def _timestamps(node: Any, key: str = "") -> list[tuple[str, str]]:
    if isinstance(node, dict):
        return [t for k, v in node.items() for t in _timestamps(v, k)]
    if isinstance(node, list):
        return [t for v in node for t in _timestamps(v, key)]
    if isinstance(node, str) and (key == "at" or key.endswith("_at")):
        return [(key, node)]
    return []


def test_every_timestamp_in_the_api_names_its_time_zone(web: FastAPI) -> None:
    anonymous = TestClient(web)
    asked = anonymous.post("/api/ask", json={"question": SEED_QUESTION, "force_new": True}).json()
    aid = asked["id"]
    reviewer, headers = _signed_in(web, "reviewer")
    admin, _ = _signed_in(web, "admin")
    r = reviewer.post(f"/api/articles/{aid}/comments", json={"text": "Check dosing.", "version": 1}, headers=headers)
    assert r.status_code == 201, r.text
    reviewer.post(f"/api/articles/{aid}/review", json={"action": "claim", "version": 1}, headers=headers)
    approved = _approved(web, "Is zibotentan safe in pregnancy?")
    payloads = [
        r.json(),
        reviewer.get(f"/api/articles/{aid}/comments").json(),
        reviewer.get(f"/api/articles/{aid}/versions").json(),
        reviewer.get("/api/review/queue").json(),
        reviewer.get("/api/session").json(),
        admin.get("/api/audit").json(),
        asked,  # its receipt's created_at
        {k: v for k, v in anonymous.get(f"/api/articles/{approved}").json().items() if k != "receipt"},  # a fixture's
    ]
    stamps = [t for p in payloads for t in _timestamps(p)]
    keys = {k for k, _ in stamps}
    assert {"created_at", "expires_at", "at", "approved_at"} <= keys, keys
    naive = [(k, v) for k, v in stamps if not v.endswith(("Z", "+00:00"))]
    assert naive == []


# -- the OpenAPI document describes what the routes do (schemathesis' ST103, ST105, ST205) -------------------


def test_every_status_allow_header_and_content_type_is_documented(web: FastAPI) -> None:
    aid = TestClient(web).post("/api/ask", json={"question": SEED_QUESTION, "force_new": True}).json()["id"]
    admin, headers = _signed_in(web, "admin")
    schema = admin.get("/openapi.json").json()
    checked = 0
    for template, operations in schema["paths"].items():
        path = template.replace("{article_id}", aid).replace("{model}", "clinevidence-clinician")
        documented = {m.upper() for m in operations if m in {"get", "post", "put", "patch", "delete"}}
        r = admin.options(path, headers=headers)  # a method no route serves: 405 naming every one that does
        assert r.status_code == 405 and set(r.headers["allow"].split(", ")) == documented, (template, r.headers)
        for method, op in operations.items():
            if "requestBody" not in op or "application/json" not in op["requestBody"]["content"]:
                continue
            for body in (b"\xff\xfe not json", b"{not json"):
                r = admin.request(method, path, content=body, headers={**headers, "Content-Type": "application/json"})
                assert str(r.status_code) in op["responses"], (method, template, r.status_code)
                checked += 1
    assert checked >= 10
    fhir = schema["paths"]["/articles/{article_id}.fhir.json"]["get"]["responses"]["200"]["content"]
    r = admin.get(f"/articles/{aid}.fhir.json")
    assert r.headers["content-type"].split(";")[0] in {k.split(";")[0] for k in fhir}
