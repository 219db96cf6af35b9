"""Document vectors in PostgreSQL with pgvector (HNSW, cosine): one copy in the database that every app node
searches, where the file store (vectors.py) would give each node its own ``dense/`` directory to embed into.

Same interface as ``VectorStore``. The table is made by ``reset`` (its column has the embedder's dimension, which
Alembic cannot know in advance), so it lives outside the migrations, like the file store: ``document_vectors``
(doc_id, content_hash, embedding vector(dim)) with an HNSW index, and ``library_meta`` keys ``vectors_model``,
``vectors_dim`` and ``vectors_version`` (bumped by every write: the retriever's cue to re-read the count).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np
from sqlalchemy import Connection, Engine, select, text

from ..library import tables as t
from ..library.meta import increment_meta, set_meta
from .vectors import checked_rows

if TYPE_CHECKING:
    from ..library import Library

TABLE = "document_vectors"
# HNSW returns at most ef_search rows, and finds more of the true nearest with a larger one. Measured at 20k random
# 384-d vectors, k=100: ef 100 / 200 / 400 -> recall@100 vs exact 0.55 / 0.67 / 0.81, p50 6 / 8.5 / 13 ms (random
# vectors are HNSW's worst case; real embeddings cluster). 4k, at least 100, at most 1000.
EF_SEARCH_MIN = 100
EF_PER_RESULT = 4
EF_SEARCH_MAX = 1000


def available(engine: Engine) -> bool:
    """PostgreSQL with pgvector installed in this database, or installable by this user (the extension is not
    marked trusted: ``CREATE EXTENSION vector`` needs a superuser). Otherwise the file store is used."""
    if engine.dialect.name != "postgresql":
        return False
    query = text(
        "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'vector') OR ("
        "EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') "
        "AND (SELECT rolsuper FROM pg_roles WHERE rolname = current_user))"
    )
    with engine.connect() as conn:
        return bool(conn.execute(query).scalar())


def version(engine: Engine) -> int:
    """Bumped by every write to the store (0: never written)."""
    with engine.connect() as conn:
        return int(_meta(conn).get("vectors_version") or 0)


def _literal(vector: np.ndarray) -> str:
    return "[" + ",".join(f"{float(x):.7g}" for x in vector) + "]"


def _meta(conn: Connection) -> dict[str, str]:
    keys = ["vectors_model", "vectors_dim", "vectors_version"]
    query = select(t.library_meta.c.key, t.library_meta.c.value).where(t.library_meta.c.key.in_(keys))
    return {str(row[0]): str(row[1]) for row in conn.execute(query)}


class PgVectorStore:
    """Document vectors of one library in its PostgreSQL database; ``search`` ranks by cosine (HNSW).

    ``library`` (optional) bounds how often ``signature`` asks the database: see there.
    """

    def __init__(self, engine: Engine, *, library: Library | None = None) -> None:
        self.engine = engine
        self.library = library
        self.model: str | None = None
        self.dim = 0
        self._count = 0
        self._version = 0  # vectors_version as last read, at clock time self._checked
        self._checked: float | None = None
        self.load()

    # -- reading ---------------------------------------------------------------------------------------
    def signature(self) -> int:
        """The store's version: changes whenever its vectors change (the retriever's cue to reload).

        With a ``library``, the database is asked at most once every ``library.refresh_every`` seconds (its
        ``clock``); in between the version last read is returned. That is the staleness bound the library's
        lexical indexes already have (``Library.refresh`` checks the generation no more often, on access or in the
        background refresher, whose period sets ``refresh_every``), so dense and lexical results lag another
        node's writes by the same at most ``refresh_every`` seconds, and a search costs no version query of its
        own (a plain-first search asked twice). What lags is only what ``load`` caches (the model, the dimension,
        the count: a store found empty, reset or re-modelled is noticed late); ``search`` itself reads the live
        table. This store's own writes (``reset``, ``append``) are seen at once. Without a library every call
        asks.
        """
        lib = self.library
        if lib is not None:
            now = lib.clock()
            if self._checked is not None and now - self._checked < lib.refresh_every:
                return self._version
        self._version = version(self.engine)
        self._checked = lib.clock() if lib is not None else None
        return self._version

    def load(self) -> None:
        with self.engine.connect() as conn:
            meta = _meta(conn)
            self._version = int(meta.get("vectors_version") or 0)
            self._checked = self.library.clock() if self.library is not None else None
            self.model = meta.get("vectors_model")
            self.dim = int(meta.get("vectors_dim") or 0)
            self._count = 0
            if self.model is not None:
                self._count = int(conn.execute(text(f"SELECT count(*) FROM {TABLE}")).scalar_one())  # noqa: S608

    def entries(self) -> dict[str, str]:
        """Live document ids with the content hash their vector was computed from."""
        if self.model is None:
            return {}
        with self.engine.connect() as conn:
            return dict(conn.execute(text(f"SELECT doc_id, content_hash FROM {TABLE}")).all())  # noqa: S608

    def __len__(self) -> int:
        return self._count

    n_chunks = 0  # nothing to compact: PostgreSQL keeps the rows and the index
    dead_rows = 0

    def search(self, query: np.ndarray, k: int) -> list[tuple[str, float]]:
        """The ``k`` documents nearest to ``query`` by cosine (approximate: HNSW), best first, with similarity."""
        if not self._count or k <= 0:
            return []
        with self.engine.begin() as conn:
            ef = min(max(EF_PER_RESULT * int(k), EF_SEARCH_MIN), EF_SEARCH_MAX)  # (pgvector allows 1..1000)
            conn.execute(text(f"SET LOCAL hnsw.ef_search = {ef}"))
            rows = conn.execute(
                text(
                    f"SELECT doc_id, 1 - (embedding <=> CAST(:q AS vector)) AS score FROM {TABLE} "  # noqa: S608
                    "ORDER BY embedding <=> CAST(:q AS vector) LIMIT :k"
                ),
                {"q": _literal(np.asarray(query, dtype=np.float32)), "k": int(k)},
            ).all()
        return sorted(((r.doc_id, float(r.score)) for r in rows), key=lambda x: (-x[1], x[0]))

    # -- writing ---------------------------------------------------------------------------------------
    def reset(self, model: str, dim: int) -> None:
        """Drop every vector and start a store for ``model`` (one transaction)."""
        with self.engine.begin() as conn:
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS vector"))
            conn.execute(text(f"DROP TABLE IF EXISTS {TABLE}"))
            conn.execute(
                text(
                    f"CREATE TABLE {TABLE} (doc_id varchar(200) PRIMARY KEY, content_hash varchar(64) NOT NULL, "
                    f"embedding vector({int(dim)}) NOT NULL)"
                )
            )
            conn.execute(text(f"CREATE INDEX ix_{TABLE}_hnsw ON {TABLE} USING hnsw (embedding vector_cosine_ops)"))
            set_meta(conn, "vectors_model", model)
            set_meta(conn, "vectors_dim", str(int(dim)))
            self._bump(conn)
        self.load()

    def append(
        self,
        ids: Sequence[str],
        hashes: Sequence[str],
        vectors: np.ndarray,
        deleted: Iterable[str] = (),
        *,
        base: bool = False,
    ) -> None:
        """Durably write vectors for ``ids`` (replacing older ones) and remove ``deleted``, in one transaction."""
        vectors = checked_rows(self.model, self.dim, ids, hashes, vectors)
        gone = list(deleted)
        with self.engine.begin() as conn:
            if gone:
                conn.execute(text(f"DELETE FROM {TABLE} WHERE doc_id = ANY(:ids)"), {"ids": gone})  # noqa: S608
            if len(ids):
                conn.execute(
                    text(
                        f"INSERT INTO {TABLE} (doc_id, content_hash, embedding) "  # noqa: S608
                        "VALUES (:id, :hash, CAST(:v AS vector)) ON CONFLICT (doc_id) DO UPDATE "
                        "SET content_hash = EXCLUDED.content_hash, embedding = EXCLUDED.embedding"
                    ),
                    [{"id": i, "hash": h, "v": _literal(v)} for i, h, v in zip(ids, hashes, vectors, strict=True)],
                )
            self._bump(conn)
        self.load()

    def compact(self) -> None:
        """Nothing to do (the file store's compaction has no counterpart here)."""

    @staticmethod
    def _bump(conn: Connection) -> None:
        # One INSERT ... ON CONFLICT DO UPDATE: two nodes making a brand-new store at once both count, where a
        # read-then-insert let the second hit a duplicate key.
        increment_meta(conn, "vectors_version")
