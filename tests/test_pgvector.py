"""Dense vectors on PostgreSQL: pgvector (HNSW, cosine) in the library's database, one copy every app node
searches. The embedded server ships pgvector 0.8; a server without it keeps the file store (vectors.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from clinevidence.ingest.pipeline import ingest
from clinevidence.library import Library
from clinevidence.models import Document, Section
from clinevidence.retrieval.dense import HashingEmbedder
from clinevidence.retrieval.pgvector_store import PgVectorStore, available
from clinevidence.retrieval.priors import NO_PRIORS
from clinevidence.retrieval.search import Retriever
from clinevidence.retrieval.vectors import VectorStore, dense_dir, embed_library, open_store

from .conftest import MINI
from .pg_support import PostgresTestServer
from .test_dense import _colliding_word

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_library(postgres: PostgresTestServer, tmp_path: Path):  # type: ignore[no-untyped-def]
    lib = Library(tmp_path / "node-a", url=postgres.new_database())
    if not available(lib.engine):
        lib.close()
        pytest.skip("this PostgreSQL server has no pgvector extension")
    yield lib
    lib.close()


def test_store_ranks_like_exact_cosine_and_replaces_and_deletes(pg_library: Library) -> None:
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(300, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    ids = [f"v{i}" for i in range(300)]
    store = open_store(pg_library)
    assert isinstance(store, PgVectorStore) and len(store) == 0 and store.search(vectors[0], 5) == []
    store.reset("fake", 32)
    store.append(ids, [f"h{i}" for i in range(300)], vectors)
    assert len(store) == 300 and store.entries()["v5"] == "h5"
    for q in vectors[:20]:
        exact = np.argsort(-(vectors @ q))[:10]
        got = store.search(q, 10)
        assert got[0][0] == ids[exact[0]] and abs(got[0][1] - float(vectors[exact[0]] @ q)) < 1e-4
        assert len({d for d, _ in got} & {ids[i] for i in exact}) >= 9  # HNSW is approximate; here nearly exact
    assert len(store.search(vectors[0], 150)) == 150  # more than HNSW's default ef_search (40)

    before = store.signature()
    store.append(["v0"], ["h0-new"], vectors[1:2], deleted=["v2"])
    assert store.signature() > before
    assert len(store) == 299 and store.entries()["v0"] == "h0-new" and "v2" not in store.entries()
    top = [d for d, _ in store.search(vectors[1], 2)]
    assert set(top) == {"v0", "v1"} and "v2" not in [d for d, _ in store.search(vectors[2], 5)]
    with pytest.raises(ValueError):
        store.append(["x"], ["h"], np.zeros((1, 16), dtype=np.float32))  # wrong dimension


def test_embedding_on_one_node_serves_every_node(pg_library: Library, tmp_path: Path) -> None:
    ingest(pg_library, [MINI / "corpus.jsonl"])
    twin = _colliding_word("warfarin", 64)  # the query's hashed vector, no shared term
    pg_library.add_documents([Document(id="twin", title="", sections=[Section("abstract", twin)])])
    emb = HashingEmbedder(64)
    counts = embed_library(pg_library, emb)
    assert counts.embedded == 7
    assert not dense_dir(pg_library).exists()  # nothing on this node's disk
    node_b = Library(tmp_path / "node-b", url=pg_library.url)  # its own directory: no vectors of its own
    try:
        assert isinstance(open_store(node_b), PgVectorStore)
        ids = [d for d, _ in Retriever(node_b, priors=NO_PRIORS, embedder=emb).rank_doc_ids("warfarin", 10)]
        assert "twin" in ids and ids[0] in {"d1", "d2"}
        lexical = [d for d, _ in Retriever(node_b, priors=NO_PRIORS).rank_doc_ids("warfarin", 100)]
        assert "twin" not in lexical
        again = embed_library(node_b, emb)  # resumable and shared: nothing left to embed
        assert (again.embedded, again.unchanged) == (0, 7)
        pg_library.add_documents([Document(id="late", title="Late", sections=[Section("", "warfarin dosing")])])
        assert embed_library(node_b, emb).embedded == 1
        assert len(open_store(pg_library)) == 8
    finally:
        node_b.close()


def test_sqlite_keeps_the_file_store(tmp_path: Path) -> None:
    lib = Library(tmp_path / "lib")
    try:
        assert isinstance(open_store(lib), VectorStore)
    finally:
        lib.close()


def test_a_user_who_cannot_install_pgvector_keeps_the_file_store(postgres: PostgresTestServer, tmp_path: Path) -> None:
    """pgvector is not a trusted extension: without it installed, a non-superuser falls back to the chunk files."""
    from sqlalchemy import create_engine, make_url

    url = postgres.new_database()
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql("DROP ROLE IF EXISTS ce_plain_user")
        conn.exec_driver_sql("CREATE ROLE ce_plain_user LOGIN")
        conn.exec_driver_sql(f"GRANT ALL ON DATABASE {make_url(url).database} TO ce_plain_user")
        conn.exec_driver_sql("GRANT ALL ON SCHEMA public TO ce_plain_user")
    admin.dispose()
    plain = make_url(url).set(username="ce_plain_user", password=None).render_as_string(hide_password=False)
    lib = Library(tmp_path / "lib", url=plain)
    try:
        assert not available(lib.engine) and isinstance(open_store(lib), VectorStore)
    finally:
        lib.close()


def test_searches_ask_for_the_vector_version_at_most_once_per_refresh_interval(
    pg_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The retriever's reload check is bounded like the lexical indexes' refresh: within ``refresh_every`` no
    search queries the version (a plain-first search used to ask twice); after it, one query sees vectors another
    writer added to a store this node had found empty."""
    from clinevidence.retrieval import pgvector_store

    ingest(pg_library, [MINI / "corpus.jsonl"])
    twin = _colliding_word("warfarin", 64)  # found by its vector only: no shared term
    pg_library.add_documents([Document(id="twin", title="", sections=[Section("abstract", twin)])])
    emb = HashingEmbedder(64)
    now = [1000.0]
    pg_library.clock = lambda: now[0]
    pg_library.refresh_every = 1.0
    asked: list[int] = []
    real = pgvector_store.version

    def counted(engine):  # type: ignore[no-untyped-def]
        asked.append(1)
        return real(engine)

    monkeypatch.setattr(pgvector_store, "version", counted)
    retriever = Retriever(pg_library, priors=NO_PRIORS, embedder=emb)
    assert "twin" not in [d for d, _ in retriever.rank_doc_ids("warfarin", 10)]  # no vectors yet: lexical only
    first = len(asked)  # the first search opens the store (its version read before loading)
    for _ in range(5):
        retriever.candidates("warfarin bleeding risk", 5, plain="warfarin bleeding")
        retriever.rank_doc_ids("warfarin", 10)
    assert len(asked) == first  # no version query per search inside the interval

    assert embed_library(pg_library, emb).embedded == 7  # another store object writes (as another node would)
    now[0] += 0.5
    assert "twin" not in [d for d, _ in retriever.rank_doc_ids("warfarin", 10)]  # not yet seen: within the bound
    assert len(asked) == first
    now[0] += 0.5
    assert "twin" in [d for d, _ in retriever.rank_doc_ids("warfarin", 10)]  # the bound passed: one check, reload
    retriever.candidates("warfarin bleeding risk", 5, plain="warfarin bleeding")
    assert len(asked) == first + 1


def test_two_writers_creating_the_vector_version_at_once_both_count(pg_library: Library) -> None:
    """``_bump`` is one INSERT ... ON CONFLICT DO UPDATE: the second writer waits for the first and adds to its
    row, where a read-then-insert hit a duplicate key on a brand-new store."""
    import threading

    from sqlalchemy import delete

    from clinevidence.library import tables as t
    from clinevidence.retrieval.pgvector_store import version

    with pg_library.engine.begin() as conn:
        conn.execute(delete(t.library_meta).where(t.library_meta.c.key == "vectors_version"))
    errors: list[BaseException] = []
    first = pg_library.engine.connect()
    first.begin()
    PgVectorStore._bump(first)  # the new row, not committed yet

    def second() -> None:
        try:
            with pg_library.engine.begin() as conn:
                PgVectorStore._bump(conn)  # waits on the first transaction's row
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    thread = threading.Thread(target=second)
    thread.start()
    thread.join(0.5)
    assert thread.is_alive()  # blocked on the first writer's uncommitted row
    first.commit()
    first.close()
    thread.join(30)
    assert not errors and version(pg_library.engine) == 2
