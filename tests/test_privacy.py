"""Privacy: erasing a question's stored traces (admin API, `clinevidence privacy delete`), the retention purge,
and the erasure's own audit event. Audit rows about the question stay only as tombstones."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from typer.testing import CliRunner

from clinevidence.cli import app as cli
from clinevidence.library import Library
from clinevidence.library import tables as t
from clinevidence.privacy import erase_question, erased, purge

from .review_support import make_article, member, sample_answer
from .web_support import SEED_QUESTION, build_library, make_app

PASSWORD = "privacy test password"
CANARY = "84736251"
QUESTION = f"{SEED_QUESTION} (Jane Roe, MRN {CANARY})"


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    application = make_app(build_library(tmp_path_factory.mktemp("privacy") / "library"), ask_rate_per_minute=10_000)
    for role in ("reviewer", "admin"):
        application.state.accounts.create_user(role, PASSWORD, role)
    with TestClient(application):
        yield application


def _signed_in(app: FastAPI, username: str) -> tuple[TestClient, dict[str, str]]:
    c = TestClient(app)
    r = c.post("/api/session", json={"username": username, "password": PASSWORD})
    assert r.status_code == 200, r.text
    return c, {"X-CSRF-Token": r.json()["csrf_token"]}


def _database_bytes(app: FastAPI) -> bytes:
    library = Path(app.state.library.path)
    return b"".join(p.read_bytes() for p in library.glob("library.db*"))


def _audit(app: FastAPI, article_ids: list[str]) -> list[tuple[str, str | None, str]]:
    with app.state.library.engine.connect() as conn:
        rows = conn.execute(
            select(t.audit_events.c.action, t.audit_events.c.article_id, t.audit_events.c.detail).where(
                t.audit_events.c.article_id.in_(article_ids)
            )
        ).all()
    return [(r.action, r.article_id, r.detail) for r in rows]


def test_an_admin_erases_a_question_and_everything_stored_about_it(web: FastAPI) -> None:
    asker, other = TestClient(web), TestClient(web)
    seed = asker.post("/api/ask", json={"question": QUESTION, "force_new": True}).json()
    follow = asker.post(f"/api/articles/{seed['id']}/followup", json={"question": f"And pertuzumab, MRN {CANARY}?"})
    theirs = other.post(f"/api/articles/{seed['id']}/followup", json={"question": "What about pertuzumab?"})
    unrelated = other.post("/api/ask", json={"question": "Can I take ibuprofen with warfarin?"}).json()
    follow_id, theirs_id = follow.json()["id"], theirs.json()["id"]
    assert theirs.json()["thread_id"] != seed["thread_id"]  # their own thread, answered in the light of the seed
    reviewer, rh = _signed_in(web, "reviewer")
    comment = {"text": f"Remove the MRN {CANARY} from the question.", "version": 1}
    assert reviewer.post(f"/api/articles/{seed['id']}/comments", json=comment, headers=rh).status_code == 201
    edit = {"version": 1, "title": "Tamoxifen with T-DM1: Avoid", "recommendation": "contraindicated"}
    r = reviewer.patch(f"/api/articles/{seed['id']}", json=edit, headers=rh)
    assert r.status_code == 200, r.text  # version 2: a second copy of the Answer JSON, question included
    assert CANARY.encode() in _database_bytes(web)

    assert reviewer.delete(f"/api/articles/{seed['id']}", headers=rh).status_code == 403  # admins only
    admin, ah = _signed_in(web, "admin")
    r = admin.delete(f"/api/articles/{seed['id']}", headers=ah)
    assert r.status_code == 200, r.text
    done = r.json()
    erased_ids = {seed["id"], follow_id, theirs_id}
    assert set(done["articles"]) == erased_ids and done["threads"] == 2
    assert done["comments"] == 1 and done["versions"] >= 1 and done["audit_rows"] >= 2

    for aid in erased_ids:
        assert asker.get(f"/api/articles/{aid}").status_code == 404
        assert asker.get(f"/articles/{aid}.md").status_code == 404
    assert asker.get(f"/api/articles/{unrelated['id']}").status_code == 200  # nothing else touched
    assert asker.get("/api/articles", params={"mine": "true"}).json()["count"] == 0
    # Audit rows about the question stay, as tombstones; the erasure itself is audited, without the text.
    rows = _audit(web, sorted(erased_ids))
    assert {a for a, _, _ in rows} >= {"comment", "edit", "privacy_delete"}
    assert all(json.loads(d) == {"erased": True} for a, _, d in rows if a != "privacy_delete")
    event = next(e for e in admin.get("/api/audit").json()["events"] if e["action"] == "privacy_delete")
    assert event["actor"] == "admin" and event["article_id"] == seed["id"]
    assert set(event["detail"]["articles"]) == erased_ids
    # Not in the database files either (secure_delete; the write-ahead log is checkpointed).
    assert CANARY.encode() not in _database_bytes(web)
    assert "MRN" not in json.dumps(admin.get("/api/audit").json())
    with web.state.library.engine.connect() as conn:
        assert erased(conn, follow_id) is not None and erased(conn, unrelated["id"]) is None
    # Erasing again: nothing left.
    assert admin.delete(f"/api/articles/{seed['id']}", headers=ah).status_code == 404


def test_the_operator_command_erases_and_says_so(tmp_path: Path) -> None:
    path = build_library(tmp_path / "library")
    lib = Library(path)
    aid = make_article(lib, answer=sample_answer(QUESTION))
    keep = make_article(lib)
    lib.close()
    runner = CliRunner()
    r = runner.invoke(cli, ["--library", str(path), "privacy", "delete", aid, "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)[0]["articles"] == [aid]
    again = runner.invoke(cli, ["--library", str(path), "privacy", "delete", aid])
    assert again.exit_code == 0 and "already erased" in again.output
    missing = runner.invoke(cli, ["--library", str(path), "privacy", "delete", "nosucharticle"])
    assert missing.exit_code == 1
    lib = Library(path)
    with lib.engine.connect() as conn:
        ids = set(conn.execute(select(t.articles.c.id)).scalars())
        event = conn.execute(select(t.audit_events).where(t.audit_events.c.action == "privacy_delete")).one()
    lib.close()
    assert ids == {keep} and event.actor == "cli" and event.article_id == aid
    assert CANARY.encode() not in b"".join(p.read_bytes() for p in path.glob("library.db*"))


def _age(lib: Library, article_id: str, days: int) -> None:
    with lib.engine.begin() as conn:
        conn.execute(
            update(t.articles)
            .where(t.articles.c.id == article_id)
            .values(created_at=datetime.now(UTC) - timedelta(days=days))
        )


def test_retention_purges_old_unapproved_threads_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = build_library(tmp_path / "library")
    lib = Library(path)
    old, recent, approved = (make_article(lib, answer=sample_answer(QUESTION)) for _ in range(3))
    _age(lib, old, 40)
    _age(lib, approved, 40)
    with lib.engine.begin() as conn:
        conn.execute(update(t.articles).where(t.articles.c.id == approved).values(approved_at=datetime.now(UTC)))
    assert purge(lib.engine, days=0, actor="test") == []  # no retention period: nothing goes
    lib.close()
    monkeypatch.setenv("CLINEVIDENCE_RETENTION_DAYS", "30")
    r = CliRunner().invoke(cli, ["--library", str(path), "privacy", "purge"])
    assert r.exit_code == 0, r.output
    assert "1 thread(s) older than 30 day(s) erased" in r.output
    lib = Library(path)
    with lib.engine.connect() as conn:
        ids = set(conn.execute(select(t.articles.c.id)).scalars())
    assert ids == {recent, approved}
    again = purge(lib.engine, days=30, actor="test")
    assert again == []
    with pytest.raises(LookupError):
        erase_question(lib.engine, old, actor="test")
    lib.close()


def test_erasure_is_refused_to_everyone_but_admins(web: FastAPI) -> None:
    aid = make_article(web.state.library)
    assert TestClient(web).delete(f"/api/articles/{aid}").status_code == 401
    reviewer, rh = _signed_in(web, "reviewer")
    assert reviewer.delete(f"/api/articles/{aid}", headers=rh).status_code == 403
    admin, ah = _signed_in(web, "admin")
    assert admin.delete(f"/api/articles/{aid}").status_code == 403  # the CSRF token is needed too
    assert TestClient(web).get(f"/api/articles/{aid}").status_code == 200
    assert member("x", "admin").role == "admin"


def test_the_server_applies_the_retention_setting_at_start_up(tmp_path: Path) -> None:
    path = build_library(tmp_path / "library")
    lib = Library(path)
    old, recent = make_article(lib), make_article(lib)
    _age(lib, old, 10)
    lib.close()
    with TestClient(make_app(path, retention_days=7)) as c:
        assert c.get(f"/api/articles/{old}").status_code == 404
        assert c.get(f"/api/articles/{recent}").status_code == 200
