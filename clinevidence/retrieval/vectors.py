"""Per-library dense vectors: append-only chunk files under ``<library>/dense/``, resumable and incremental.

Layout: ``manifest.json`` names the embedder (vectors of different models are never mixed), then
``chunk-NNNNNN.npy`` (float32 rows, memory-mapped when read) with ``chunk-NNNNNN.json`` (the row ids, their
documents' content hashes, and ids deleted by this chunk). A chunk exists once its JSON is renamed into place,
so a crash mid-write leaves at most an ignored ``.npy``. Later rows supersede earlier rows of the same id;
``compact`` rewrites the live rows into one "base" chunk that makes every earlier chunk obsolete.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from ..library.store import Library
    from .dense import Embedder
    from .pgvector_store import PgVectorStore

_CHUNK = re.compile(r"^chunk-(\d{6,})\.json$")


def _write_atomic(path: Path, write: Callable[[Any], None], mode: str = "wb") -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, mode) as fh:
        write(fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def checked_rows(
    model: str | None, dim: int, ids: Sequence[str], hashes: Sequence[str], vectors: np.ndarray
) -> np.ndarray:
    """``vectors`` as float32 rows, one per id and hash, of the store's dimension (ValueError otherwise): what
    either store's ``append`` accepts."""
    if model is None:
        raise ValueError("the vector store has no model yet: call reset(model, dim) first")
    rows = np.ascontiguousarray(vectors, dtype=np.float32)
    if rows.shape != (len(ids), dim) or len(hashes) != len(ids):
        raise ValueError(f"expected {len(ids)} vectors of dimension {dim}, got {rows.shape}")
    return rows


@dataclass(slots=True)
class _Chunk:
    seq: int
    matrix: np.ndarray  # [rows, dim] float32, usually a read-only memmap
    ids: list[str]
    live: np.ndarray | None  # bool mask of rows not superseded; None when all rows are live


class VectorStore:
    """Document vectors of one library; ``load`` reads the chunk files, ``search`` ranks by cosine."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.model: str | None = None
        self.dim = 0
        self._chunks: list[_Chunk] = []
        self._entries: dict[str, str] = {}  # live id -> content hash
        self._next_seq = 1
        self._n_rows = 0
        self.load()

    # -- reading ---------------------------------------------------------------------------------------
    def signature(self) -> int:
        """Changes whenever a chunk is added or removed (renames update the directory's mtime)."""
        return self.signature_of(self.path)

    @staticmethod
    def signature_of(path: Path) -> int:
        try:
            return os.stat(path).st_mtime_ns
        except FileNotFoundError:
            return 0

    def load(self) -> None:
        self._chunks, self._entries, self._n_rows = [], {}, 0
        self.model, self.dim = None, 0
        manifest = self.path / "manifest.json"
        if not manifest.exists():
            return
        meta = json.loads(manifest.read_text())
        self.model, self.dim = meta["model"], int(meta["dim"])
        metas: list[tuple[int, dict[str, Any]]] = []
        max_seq = 0
        for name in os.listdir(self.path):
            if name.startswith("chunk-") and name.split(".")[0][6:].isdigit():
                max_seq = max(max_seq, int(name.split(".")[0][6:]))
            m = _CHUNK.match(name)
            if m:
                metas.append((int(m.group(1)), json.loads((self.path / name).read_text())))
        self._next_seq = max_seq + 1
        metas.sort(key=lambda x: x[0])
        bases = [i for i, (_, cm) in enumerate(metas) if cm.get("base")]
        if bases:
            metas = metas[bases[-1] :]
        where: dict[str, tuple[int, int]] = {}  # id -> (chunk index, row)
        for seq, cm in metas:
            for doc_id in cm.get("deleted", []):
                where.pop(doc_id, None)
                self._entries.pop(doc_id, None)
            ids: list[str] = cm["ids"]
            if ids:
                matrix = np.load(self.path / f"chunk-{seq:06d}.npy", mmap_mode="r")
                if matrix.shape != (len(ids), self.dim):
                    raise ValueError(f"{self.path}: chunk {seq} has shape {matrix.shape}, expected {len(ids)} rows")
            else:
                matrix = np.zeros((0, self.dim), dtype=np.float32)
            ci = len(self._chunks)
            self._chunks.append(_Chunk(seq, matrix, ids, None))
            for row, (doc_id, h) in enumerate(zip(ids, cm["hashes"], strict=True)):
                where[doc_id] = (ci, row)
                self._entries[doc_id] = h
        masks = [np.zeros(len(c.ids), dtype=bool) for c in self._chunks]
        for ci, row in where.values():
            masks[ci][row] = True
        for c, mask in zip(self._chunks, masks, strict=True):
            c.live = None if mask.all() else mask
        self._chunks = [c for c in self._chunks if c.ids and (c.live is None or c.live.any())]
        self._n_rows = sum(len(c.ids) for c in self._chunks)

    def entries(self) -> dict[str, str]:
        """Live document ids with the content hash their vector was computed from."""
        return dict(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def n_chunks(self) -> int:
        return len(self._chunks)

    @property
    def dead_rows(self) -> int:
        return self._n_rows - len(self._entries)

    def search(self, query: np.ndarray, k: int) -> list[tuple[str, float]]:
        """The ``k`` live documents with the highest cosine similarity to ``query`` (an L2-normalised vector)."""
        if not self._entries or k <= 0:
            return []
        q = np.asarray(query, dtype=np.float32)
        parts = []
        for c in self._chunks:
            s = c.matrix @ q
            if c.live is not None:
                s = np.where(c.live, s, -np.inf)
            parts.append(s)
        scores = parts[0] if len(parts) == 1 else np.concatenate(parts)
        k = min(k, len(self._entries))
        top = np.argpartition(-scores, k - 1)[:k]
        ids = self._chunks[0].ids if len(self._chunks) == 1 else [i for c in self._chunks for i in c.ids]
        return sorted(((ids[i], float(scores[i])) for i in top), key=lambda x: (-x[1], x[0]))

    # -- writing ---------------------------------------------------------------------------------------
    def reset(self, model: str, dim: int) -> None:
        """Drop every vector and start a store for ``model``."""
        self.path.mkdir(parents=True, exist_ok=True)
        for name in os.listdir(self.path):
            if name.startswith("chunk-"):
                (self.path / name).unlink()
        _write_atomic(
            self.path / "manifest.json", lambda fh: fh.write(json.dumps({"model": model, "dim": dim})), mode="w"
        )
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
        """Durably add one chunk: vectors for ``ids`` (superseding older rows) and deletions."""
        vectors = checked_rows(self.model, self.dim, ids, hashes, vectors)
        seq = self._next_seq
        if len(ids):
            _write_atomic(self.path / f"chunk-{seq:06d}.npy", lambda fh: np.save(fh, vectors))
        meta = {"ids": list(ids), "hashes": list(hashes), "deleted": list(deleted), "base": base}
        _write_atomic(self.path / f"chunk-{seq:06d}.json", lambda fh: fh.write(json.dumps(meta)), mode="w")
        self.load()

    def compact(self) -> None:
        """Rewrite the live rows into one base chunk, then delete the chunks it replaces."""
        if self.model is None:
            return
        old = [n for n in os.listdir(self.path) if n.startswith("chunk-")]
        seq = self._next_seq
        ids: list[str] = []
        hashes: list[str] = []
        n = len(self._entries)
        tmp = self.path / f"chunk-{seq:06d}.npy.tmp"
        if n:
            out = np.lib.format.open_memmap(tmp, mode="w+", dtype=np.float32, shape=(n, self.dim))
            row = 0
            for c in self._chunks:
                rows = np.arange(len(c.ids)) if c.live is None else np.flatnonzero(c.live)
                out[row : row + len(rows)] = c.matrix[rows]
                row += len(rows)
                ids.extend(c.ids[r] for r in rows)
            out.flush()
            del out
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, self.path / f"chunk-{seq:06d}.npy")
        hashes = [self._entries[i] for i in ids]
        meta = {"ids": ids, "hashes": hashes, "deleted": [], "base": True}
        _write_atomic(self.path / f"chunk-{seq:06d}.json", lambda fh: fh.write(json.dumps(meta)), mode="w")
        self._chunks = []  # release the memory maps before deleting their files
        for name in old:
            (self.path / name).unlink(missing_ok=True)
        self.load()


@dataclass(slots=True)
class EmbedCounts:
    embedded: int = 0
    unchanged: int = 0
    removed: int = 0
    reset: bool = False


def dense_dir(library: Library) -> Path:
    return library.path / "dense"


_PGVECTOR: dict[str, bool] = {}  # database URL -> whether pgvector is there (asked once per process)


def _uses_pgvector(library: Library) -> bool:
    if library.engine.dialect.name != "postgresql":
        return False
    key = library.engine.url.render_as_string(hide_password=True)
    if key not in _PGVECTOR:
        from .pgvector_store import available

        _PGVECTOR[key] = available(library.engine)
    return _PGVECTOR[key]


def open_store(library: Library) -> VectorStore | PgVectorStore:
    """The library's document vectors: in its PostgreSQL database with pgvector there (one copy every app node
    searches), else the chunk files under its directory."""
    if _uses_pgvector(library):
        from .pgvector_store import PgVectorStore

        return PgVectorStore(library.engine, library=library)  # version checks bounded like index refreshes
    return VectorStore(dense_dir(library))


def store_signature(library: Library) -> int:
    """Changes whenever the library's vectors change (read it before loading a store)."""
    if _uses_pgvector(library):
        from .pgvector_store import version

        return version(library.engine)
    return VectorStore.signature_of(dense_dir(library))


def document_text(title: str, sections_json: str) -> str:
    """What a document vector encodes: title and text (the embedder truncates it)."""
    text = "\n".join(s["text"] for s in json.loads(sections_json) if s.get("text"))
    return f"{title}\n{text}" if title else text


def pending(library: Library, have: dict[str, str]) -> tuple[list[str], list[str]]:
    """(ids to embed, ids to delete) given the store's ``entries()``: new or changed documents, and vectors of
    documents no longer there."""
    from sqlalchemy import select

    from ..library import tables as t

    with library.engine.connect() as conn:
        current = dict(conn.execute(select(t.documents.c.id, t.documents.c.content_hash)).all())
    todo = sorted(i for i, h in current.items() if have.get(i) != h)
    gone = sorted(i for i in have if i not in current)
    return todo, gone


def embed_library(
    library: Library,
    embedder: Embedder,
    *,
    chunk_docs: int = 1024,
    batch_size: int = 32,
    on_start: Callable[[int, int], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> EmbedCounts:
    """Embed every document without a current vector; safe to stop and run again (it resumes).

    ``on_start(to_embed, already_embedded)`` is called once, ``on_progress(n)`` after every batch of ``n``.
    """
    from sqlalchemy import select

    from ..library import tables as t

    counts = EmbedCounts()
    store = open_store(library)
    if store.model != embedder.name or store.dim != embedder.dim:
        counts.reset = store.model is not None
        store.reset(embedder.name, embedder.dim)
    have = store.entries()  # read once: with pgvector each call is a query over every vector
    todo, gone = pending(library, have)
    counts.unchanged = len(store) - sum(1 for i in todo if i in have) - len(gone)
    if on_start is not None:
        on_start(len(todo), counts.unchanged)
    if gone:
        store.append([], [], np.zeros((0, store.dim), dtype=np.float32), deleted=gone)
        counts.removed = len(gone)
    cols = (t.documents.c.id, t.documents.c.content_hash, t.documents.c.title, t.documents.c.sections)
    for start in range(0, len(todo), chunk_docs):
        block = todo[start : start + chunk_docs]
        with library.engine.connect() as conn:
            rows = {r.id: r for r in conn.execute(select(*cols).where(t.documents.c.id.in_(block)))}
        ids = [i for i in block if i in rows]  # a document deleted meanwhile is simply skipped
        texts = [document_text(rows[i].title, rows[i].sections) for i in ids]
        parts = []
        for b in range(0, len(texts), batch_size):
            parts.append(embedder.embed(texts[b : b + batch_size]))
            if on_progress is not None:
                on_progress(len(texts[b : b + batch_size]))
        vectors = np.concatenate(parts) if parts else np.zeros((0, store.dim), dtype=np.float32)
        store.append(ids, [rows[i].content_hash for i in ids], vectors)
        counts.embedded += len(ids)
    if store.n_chunks > 8 or store.dead_rows > 0.25 * max(len(store), 1):
        store.compact()
    return counts
