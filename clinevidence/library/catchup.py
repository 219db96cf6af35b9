"""Each node's search indexes are a derived copy of the database; this module keeps them in step.

- The change log (``library_changes``): the ids a generation changed, written in the same transaction as the
  change, so a node can apply exactly what it missed. Pruned to the last ``CHANGE_LOG_GENERATIONS``; below
  ``changes_floor`` a node rebuilds instead.
- The marker (``<index dir>/applied.json``): the library id and generation that node's committed indexes reflect
  at least (written after both index commits; a crash before leaves it behind, and re-applying is idempotent).
- Rows for the indexes read back from SQL, a whole document at a time: a document's passages are taken only
  when they belong to the very version of the document that was read (content hash), so an index never holds a
  document with another version's passages.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, delete, insert, select

from . import tables as t
from .meta import set_meta

MARKER = "applied.json"
# Written by an open whose SQL counts agreed with the indexes at one generation: a later open at that same
# generation, with the indexes still holding the same counts, need not count SQL again (see Library._open_indexes).
VERIFIED = "verified.json"
CHANGE_LOG_GENERATIONS = 1000  # generations kept in the log (an ingest batch of 2,000 documents is one)
PRUNE_EVERY = 100  # prune when the generation is a multiple of this (one DELETE per 100 generations)
CHUNK = 500  # documents read back per query
IndexRow = tuple[str, str, str, str]  # key, doc_id, title, body


@dataclass(frozen=True, slots=True)
class Applied:
    """A library id and a generation: what the database is at, or what a node's indexes reflect."""

    library_id: str
    generation: int

    def covers(self, other: Applied) -> bool:
        """Whether indexes at ``self`` already reflect everything up to ``other``."""
        return self.library_id == other.library_id and self.generation >= other.generation

    def base_for(self, target: Applied) -> Applied | None:
        """``self`` as a starting point for catching up to ``target``; None when it cannot be one (another
        library's index). An index made before the library had an id (generation 0, empty) is a fine start."""
        if self.library_id == target.library_id or self.generation == 0:
            return self
        return None


def read_marker(index_dir: Path) -> Applied | None:
    try:
        raw = json.loads((index_dir / MARKER).read_text(encoding="utf-8"))
        return Applied(str(raw["library_id"]), int(raw["generation"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # none yet, or unreadable: the caller treats the indexes as of unknown age


def write_marker(index_dir: Path, applied: Applied) -> None:
    """Atomic replace: a reader sees the old marker or the new one, never a torn file."""
    index_dir.mkdir(parents=True, exist_ok=True)
    tmp = index_dir / f".{MARKER}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps({"library_id": applied.library_id, "generation": applied.generation}), "utf-8")
    os.replace(tmp, index_dir / MARKER)


def read_verified(index_dir: Path) -> tuple[Applied, int, int] | None:
    """What the last open found when it counted SQL against the indexes and they agreed: (library id and
    generation, document count, passage count); None when never, or unreadable."""
    try:
        raw = json.loads((index_dir / VERIFIED).read_text(encoding="utf-8"))
        return Applied(str(raw["library_id"]), int(raw["generation"])), int(raw["documents"]), int(raw["passages"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_verified(index_dir: Path, applied: Applied, documents: int, passages: int) -> None:
    """Record that at ``applied`` SQL and the indexes held ``documents`` documents and ``passages`` passages.
    Only a saving for later opens: a directory that cannot be written (read-only) is left as it is."""
    tmp = index_dir / f".{VERIFIED}.{os.getpid()}.tmp"
    raw = {"library_id": applied.library_id, "generation": applied.generation}
    try:
        tmp.write_text(json.dumps({**raw, "documents": documents, "passages": passages}), "utf-8")
        os.replace(tmp, index_dir / VERIFIED)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def current(conn: Connection) -> Applied:
    """Where the database is: its library id and generation (one indexed lookup)."""
    meta = dict(
        conn.execute(
            select(t.library_meta.c.key, t.library_meta.c.value).where(
                t.library_meta.c.key.in_(["library_id", "generation"])
            )
        ).all()
    )
    return Applied(meta.get("library_id", ""), int(meta.get("generation") or 0))


def log_changes(conn: Connection, generation: int, doc_ids: Iterable[str], op: str) -> None:
    """Record that ``generation`` changed ``doc_ids`` (inside the change's own transaction), pruning old entries."""
    rows = [{"generation": generation, "doc_id": d, "op": op} for d in doc_ids]
    if rows:
        conn.execute(insert(t.library_changes), rows)
    if generation % PRUNE_EVERY == 0 and generation > CHANGE_LOG_GENERATIONS:
        floor = generation - CHANGE_LOG_GENERATIONS
        conn.execute(delete(t.library_changes).where(t.library_changes.c.generation <= floor))
        set_meta(conn, "changes_floor", str(floor))


def changed_since(conn: Connection, base: int, top: int, *, exclude: Iterable[int] = ()) -> set[str] | None:
    """Ids changed in generations ``base < g <= top`` (leaving out ``exclude``, changes already applied);
    None when the log no longer reaches back to ``base`` (pruned, or older than the log): rebuild instead."""
    floor = conn.execute(select(t.library_meta.c.value).where(t.library_meta.c.key == "changes_floor")).scalar()
    if base < int(floor or 0):
        return None
    c = t.library_changes.c
    query = select(c.doc_id).where(c.generation > base, c.generation <= top).distinct()
    skip = sorted(set(exclude))
    if skip:
        query = query.where(c.generation.not_in(skip))
    return set(conn.execute(query).scalars())


def doc_body(title: str, text: str, mesh: list[str]) -> str:
    """What document ranking searches: title, text and MeSH headings (abstracts often only abbreviate a term)."""
    return f"{title}\n{text}\n{'; '.join(mesh)}"


def index_rows(conn: Connection, doc_ids: list[str], *, attempts: int = 5) -> tuple[list[IndexRow], list[IndexRow]]:
    """Index rows (documents, passages) of the stored ``doc_ids`` (absent ones are simply not there).

    Two queries, so a writer may commit between them: passages are read joined to their document's current
    content hash, and a document whose hash moved in between is read again (its newer version is in the log
    and will be applied again anyway; this keeps any one commit of the indexes whole).
    """
    d, p = t.documents.c, t.passages.c
    for _ in range(attempts):
        docs = {
            r.id: r
            for r in conn.execute(select(d.id, d.title, d.sections, d.mesh, d.content_hash).where(d.id.in_(doc_ids)))
        }
        passages = conn.execute(
            select(p.id, p.doc_id, p.section, p.text, d.content_hash)
            .join(t.documents, d.id == p.doc_id)
            .where(p.doc_id.in_(doc_ids))
            .order_by(p.doc_id, p.position)
        ).all()
        if all(r.doc_id not in docs or r.content_hash == docs[r.doc_id].content_hash for r in passages):
            break
    doc_rows = [
        (
            r.id,
            r.id,
            r.title,
            doc_body(r.title, "\n\n".join(s["text"] for s in json.loads(r.sections)), json.loads(r.mesh)),
        )
        for r in docs.values()
    ]
    passage_rows = [
        (r.id, r.doc_id, docs[r.doc_id].title, f"{r.section}. {r.text}")
        for r in passages
        if r.doc_id in docs and r.content_hash == docs[r.doc_id].content_hash
    ]
    return doc_rows, passage_rows


def all_ids(conn: Connection, chunk: int = CHUNK) -> Iterator[list[str]]:
    """Every document id, in id order, a chunk at a time (keyset pagination: no large offsets)."""
    last: str | None = None
    while True:
        query = select(t.documents.c.id).order_by(t.documents.c.id).limit(chunk)
        if last is not None:
            query = query.where(t.documents.c.id > last)
        ids = list(conn.execute(query).scalars())
        if not ids:
            return
        yield ids
        last = ids[-1]


def chunks(ids: Iterable[str], size: int = CHUNK) -> Iterator[list[str]]:
    block: list[str] = []
    for doc_id in ids:
        block.append(doc_id)
        if len(block) >= size:
            yield block
            block = []
    if block:
        yield block
