"""The same round trips on SQLite and on PostgreSQL (the ``backend`` fixture, tests/pg_support.py): storage and
migrations, the article store, the review lifecycle, accounts and sessions, the audit trail, the web API, and two
app nodes on one database. (The whole suite runs on PostgreSQL with ``CLINEVIDENCE_TEST_DATABASE=postgresql``.)"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from clinevidence.articles import store as article_store
from clinevidence.library import Library
from clinevidence.library import tables as t
from clinevidence.library.db import head_revisions
from clinevidence.models import Document, Section
from clinevidence.review import audit
from clinevidence.review.accounts import Accounts
from clinevidence.review.errors import Conflict
from clinevidence.review.service import ReviewService
from clinevidence.settings import Settings
from clinevidence.web.app import create_app
from clinevidence.web.auth import SESSION_COOKIE

from .review_support import PASSWORD, FakeClock, make_article, member, sample_answer, web_library
from .web_support import SEED_QUESTION, build_library, make_app

LONG_ID = "x" * 200  # the longest id ingestion accepts: PostgreSQL enforces column lengths, SQLite does not


def _doc(doc_id: str, body: str, **extra: object) -> Document:
    return Document(id=doc_id, title=f"Étude {doc_id[:8]} — ünïcode", sections=[Section("Results", body)], **extra)  # type: ignore[arg-type]


def _aware_utc(value: datetime) -> bool:
    return value.tzinfo is not None and value.utcoffset() == timedelta(0)


def test_storage_round_trip_and_schema(backend: str, tmp_path: Path) -> None:
    lib = Library(tmp_path)
    assert lib.engine.dialect.name == backend
    before = datetime.now(UTC) - timedelta(seconds=1)
    docs = [
        _doc(LONG_ID, "Aspirin reduced stroke.", year=2021, pmid="12345678", mesh=["Aspirin"]),
        _doc("d2", "Warfarin with NSAIDs increases bleeding."),
    ]
    counts = lib.add_documents(docs)
    assert (counts.added, counts.updated, counts.unchanged) == (2, 0, 0)
    changed = lib.add_documents([_doc("d2", "Warfarin with NSAIDs increases GI bleeding. A second sentence.")])
    assert (changed.added, changed.updated) == (0, 1)
    stored = lib.get_documents([LONG_ID, "d2"])
    assert stored[LONG_ID].title.endswith("ünïcode") and stored[LONG_ID].mesh == ["Aspirin"]
    assert stored[LONG_ID].year == 2021 and stored[LONG_ID].pmid == "12345678"
    assert _aware_utc(stored["d2"].updated_at) and stored["d2"].updated_at >= before
    assert "GI bleeding" in lib.passages_of(["d2"])[0].text
    assert sorted(lib.documents_added_since(before)) == sorted([LONG_ID, "d2"])
    assert lib.documents_added_since(datetime.now(UTC) + timedelta(minutes=1)) == []
    assert [h.doc_id for h in lib.doc_index.search("warfarin bleeding", 5)] == ["d2"]
    assert lib.stats()["documents"] == 2
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with lib.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), t.metadata) == []
        assert set(conn.execute(text("SELECT version_num FROM alembic_version")).scalars()) == head_revisions()
    lib.close()
    reopened = Library(tmp_path)  # current schema: opening costs one query, the indexes agree with SQL
    assert reopened.count_documents() == 2 and reopened.doc_index.count() == 2
    reopened.close()


def test_article_store_round_trip(backend: str, tmp_path: Path) -> None:
    lib = Library(tmp_path)
    with lib.engine.begin() as conn:
        thread = article_store.create_thread(conn)
        first = article_store.create_article(conn, thread_id=thread, answer=sample_answer(), engine="extractive")
        other = sample_answer("100% sure_or not? Warfarin", audience="patient")  # type: ignore[arg-type]
        second = article_store.create_article(conn, thread_id=thread, answer=other, engine="extractive")
    with lib.engine.connect() as conn:
        got = article_store.get_article(conn, article_id=first.id)
        assert got is not None and got.answer().title == "Tamoxifen with T-DM1: Not Recommended"
        assert _aware_utc(got.created_at) and got.created_at == first.created_at
        assert [a.id for a in article_store.thread_articles(conn, thread_id=thread)] == [first.id, second.id]
        assert article_store.thread_exists(conn, thread_id=thread)
        # LIKE wildcards in the search text match literally; the match ignores case on both databases.
        assert [a.id for a in article_store.list_articles(conn, query="100% SURE_OR")] == [second.id]
        assert article_store.list_articles(conn, query="100%_sure") == []
        assert {a.id for a in article_store.list_articles(conn, query="TAMOXIFEN")} == {first.id, second.id}  # title
        found = article_store.find_variant(conn, thread_id=thread, question=other.question, audience="patient")
        assert found is not None and found.id == second.id
    lib.close()


def test_review_lifecycle_versions_comments_and_audit(backend: str, tmp_path: Path) -> None:
    lib = web_library(tmp_path)
    svc = ReviewService(lib)
    rita, ed = member("rita", "reviewer"), member("ed", "editor")
    aid = make_article(lib)
    svc.act(aid, rita, "claim", version=1)
    svc.comment(aid, rita, version=1, text="Dosing — check «3.6 mg/kg».", statement_ref="summary.0")
    with pytest.raises(Conflict):
        svc.act(aid, rita, "approve", version=2)  # a stale (here: unknown) version changes nothing
    svc.act(aid, rita, "approve", version=1)
    assert svc.act(aid, ed, "publish", version=1).status == "approved"
    article = svc.get(aid)
    assert article.record.status == "approved" and [r.username for r in article.reviewers] == ["rita"]
    assert article.record.approved_at is not None and _aware_utc(article.record.approved_at)
    with lib.engine.connect() as conn:
        events = audit.list_events(conn, article_id=aid, limit=100)
        assert [e.action for e in reversed(events)] == ["claim", "comment", "approve", "publish"]
        assert all(_aware_utc(e.at) for e in events)
        assert audit.count_events(conn, article_id=aid) == 4
    lib.close()


def test_accounts_sessions_and_timeouts(backend: str, tmp_path: Path) -> None:
    lib = Library(tmp_path)
    clock = FakeClock()
    accounts = Accounts(lib.engine, clock=clock)
    accounts.create_user("drlee", PASSWORD, "reviewer", display_name="Dr Lee — Ωmega", credentials="MD")
    signed = accounts.login("DrLee", PASSWORD, address="10.0.0.1")
    active = accounts.resolve(signed.token)
    assert active is not None and active.user.display_name == "Dr Lee — Ωmega" and _aware_utc(active.expires_at)
    clock.advance(minutes=29)
    assert accounts.resolve(signed.token) is not None
    clock.advance(minutes=31)
    assert accounts.resolve(signed.token) is None  # idle for 31 minutes
    signed = accounts.login("drlee", PASSWORD, address="10.0.0.1")
    accounts.set_role("drlee", "editor")
    assert accounts.resolve(signed.token) is None  # a role change ends the sessions
    signed = accounts.login("drlee", PASSWORD, address="10.0.0.1")
    assert accounts.logout(signed.token) and accounts.resolve(signed.token) is None
    with lib.engine.connect() as conn:
        actions = [e.action for e in audit.list_events(conn, limit=10)]
    assert actions == ["logout", "login", "role_changed", "login", "login", "user_created"]
    lib.close()


def test_web_api_round_trip_and_a_second_node_on_the_same_database(backend: str, tmp_path: Path) -> None:
    """Ask, read, search, follow up and review over HTTP on node A; node B (its own library directory and index,
    the same database) serves the same articles, searches the same documents and honours A's sessions."""
    lib_dir = build_library(tmp_path / "node-a")
    node_a = make_app(lib_dir, ask_rate_per_minute=10_000)
    for name, role in (("rev", "reviewer"), ("ed", "editor"), ("ada", "admin")):
        node_a.state.accounts.create_user(name, PASSWORD, role, display_name=f"Dr {name.title()}")
    url = node_a.state.library.url
    node_b = create_app(tmp_path / "node-b", Settings(library=tmp_path / "node-b", database_url=url))
    with TestClient(node_a) as a, TestClient(node_b) as b:
        asked = a.post("/api/ask", json={"question": SEED_QUESTION})
        assert asked.status_code == 201, asked.text
        aid = asked.json()["id"]
        assert asked.json()["references"] and a.get(f"/api/articles/{aid}").json()["id"] == aid
        follow = a.post(f"/api/articles/{aid}/followup", json={"question": "What about with pertuzumab?"})
        assert follow.status_code == 201 and follow.json()["thread_id"] == asked.json()["thread_id"]
        assert a.get("/api/library/stats").json()["documents"] == 6

        signed = {}
        for name in ("rev", "ed", "ada"):
            a.cookies.clear()  # signing in with a session cookie would end that session (rotation)
            r = a.post("/api/session", json={"username": name, "password": PASSWORD})
            assert r.status_code == 200, r.text
            signed[name] = (r.cookies[SESSION_COOKIE], r.json()["csrf_token"])
        a.cookies.clear()

        def as_user(client: TestClient, name: str, method: str, path: str, body: dict | None = None):  # type: ignore[no-untyped-def]
            token, csrf = signed[name]
            client.cookies.set(SESSION_COOKIE, token)
            try:
                return client.request(method, path, json=body, headers={"X-CSRF-Token": csrf})
            finally:
                client.cookies.clear()

        # Node B: the article, the documents (its index is built from the database) and A's sessions.
        assert b.get(f"/api/articles/{aid}").json()["title"] == asked.json()["title"]
        assert b.post("/api/ask", json={"question": SEED_QUESTION, "force_new": True}).json()["references"]
        assert as_user(b, "rev", "GET", "/api/session").json()["user"] == "rev"
        claimed = as_user(b, "rev", "POST", f"/api/articles/{aid}/review", {"action": "claim", "version": 1})
        assert claimed.status_code == 200, claimed.text
        approved = as_user(a, "ed", "POST", f"/api/articles/{aid}/review", {"action": "approve", "version": 1})
        assert approved.status_code == 200 and approved.json()["status"] == "approved", approved.text
        stale = as_user(b, "ed", "POST", f"/api/articles/{aid}/review", {"action": "approve", "version": 1})
        assert stale.status_code in (409, 422)  # already approved: no second approval anywhere
        listed = b.get("/api/articles", params={"q": "tamoxifen"}).json()["articles"]
        assert aid in {x["id"] for x in listed}  # approved: listed for everyone, searched case-insensitively
        trail = as_user(b, "ada", "GET", f"/api/audit?article_id={aid}").json()
        assert [e["action"] for e in reversed(trail["events"])] == ["claim", "approve"]
        assert as_user(a, "rev", "DELETE", "/api/session").json()["signed_out"] is True
        assert as_user(b, "rev", "GET", "/api/session").status_code == 401  # signed out on A: gone on B too


def test_limits_are_shared_by_the_nodes_of_one_database(backend: str, tmp_path: Path) -> None:
    """Asking limits and sign-in throttling counted in the database: what one node saw, every node sees."""
    from clinevidence.web.shared_limits import SharedLoginLimiter, SharedSlidingWindowLimiter

    node_a = Library(tmp_path / "a")
    node_b = Library(tmp_path / "b", url=node_a.url)
    now = {"t": 1_000_000.0}
    clock = lambda: now["t"]  # noqa: E731
    asks_a, asks_b = (SharedSlidingWindowLimiter(n.engine, 3, window=60, clock=clock) for n in (node_a, node_b))
    assert [asks_a.hit("10.0.0.1"), asks_b.hit("10.0.0.1"), asks_a.hit("10.0.0.1")] == [None, None, None]
    assert asks_b.hit("10.0.0.1") == 60 and asks_a.hit("10.0.0.1") == 60  # the fourth, on either node
    assert asks_b.hit("10.0.0.2") is None  # another client
    now["t"] += 61
    assert asks_b.hit("10.0.0.1") is None

    logins_a, logins_b = (
        SharedLoginLimiter(n.engine, per_account=2, per_address=50, window=60, clock=clock) for n in (node_a, node_b)
    )
    logins_a.failed("drlee", "10.0.0.9")
    assert logins_b.retry_after("DrLee", "10.0.0.9") is None
    logins_b.failed("drlee", "10.0.0.9")
    assert logins_a.retry_after("drlee", "10.0.0.9") == 60 and logins_b.retry_after("drlee", "10.0.0.9") == 60
    assert logins_a.retry_after("drlee", "10.0.0.10") is None  # the same account from elsewhere
    logins_b.succeeded("drlee", "10.0.0.10")
    assert logins_a.retry_after("drlee", "10.0.0.9") == 60  # a success elsewhere clears nothing here
    now["t"] += 61
    assert logins_a.retry_after("drlee", "10.0.0.9") is None
    node_a.close()
    node_b.close()


def test_library_meta_writes_are_single_upserts(backend: str, tmp_path: Path) -> None:
    """``library/meta.py``: one helper for every ``library_meta`` write (vector store facts, live PubMed progress,
    the change-log floor, the generation): write, overwrite, delete, count, create-if-absent."""
    from sqlalchemy import select

    from clinevidence.library.meta import increment_meta, insert_if_absent, set_meta

    lib = Library(tmp_path)
    try:

        def value(key: str) -> str | None:
            with lib.engine.connect() as conn:
                return conn.execute(select(t.library_meta.c.value).where(t.library_meta.c.key == key)).scalar()

        with lib.engine.begin() as conn:
            set_meta(conn, "k", "one")
            set_meta(conn, "k", "two")  # overwrite in the same transaction
        assert value("k") == "two"
        with lib.engine.begin() as conn:
            set_meta(conn, "k", None)
            set_meta(conn, "absent", None)  # deleting what is not there is fine
        assert value("k") is None
        with lib.engine.begin() as conn:
            increment_meta(conn, "n")
            increment_meta(conn, "n")
            increment_meta(conn, "n")
            insert_if_absent(conn, key="once", value="first")
            insert_if_absent(conn, key="once", value="second")
        assert (value("n"), value("once")) == ("3", "first")
    finally:
        lib.close()
