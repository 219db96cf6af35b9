"""The Library: documents and passages in SQL, searchable through the lexical indexes."""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, delete, func, insert, select, update

from ..ingest.passages import split_passages
from ..models import DocType, Document, Passage, Section
from ..retrieval.lexical import TantivyIndex
from . import catchup
from . import tables as t
from .catchup import Applied
from .catchup import doc_body as _doc_body
from .db import database_url, make_engine, migrate
from .faults import fault
from .meta import insert_if_absent as _insert_if_absent

log = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    passages: int = 0
    errors: list[str] = field(default_factory=list)
    audited: bool = False  # the ingestion event is in the audit trail (written by the ingest pipeline)
    resumed: int = 0  # records an earlier, interrupted run of the same ingest job had done (skipped this time)

    def copy(self) -> IngestCounts:
        return replace(self, errors=list(self.errors))

    def merge(self, other: IngestCounts) -> None:
        self.added += other.added
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.skipped += other.skipped
        self.passages += other.passages
        self.errors.extend(other.errors)


@dataclass(slots=True)
class StoredDocument:
    """A document as read back for answering and display."""

    id: str
    title: str
    type: DocType
    source: str
    year: int | None
    pmid: str
    doi: str
    url: str
    mesh: list[str]
    sections: list[Section]
    flags: list[str]
    updated_at: datetime


def _now() -> datetime:
    return datetime.now(UTC)


class Library:
    """Open (creating and migrating if needed) a library directory or database URL."""

    def __init__(self, path: Path | str, *, url: str | None = None) -> None:
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self.url = url or database_url(self.path)
        self.engine: Engine = make_engine(self.url)
        migrate(self.engine)
        # Title is also in the body; a light separate title field helps (SciFact train nDCG@10 0.674 -> 0.701).
        self._index_dir = self.path / "index"
        self._doc_index = TantivyIndex(self._index_dir / "docs", title_boost=0.2)
        self._passage_index = TantivyIndex(self._index_dir / "passages", title_boost=0.3)
        self._pending_index = 0
        self._own_generations: set[int] = set()  # our changes already in our index writer, not yet committed
        self._applied = Applied("", 0)  # what this node's committed indexes reflect (library id, generation)
        self._write_lock = threading.RLock()  # our index writers: ingest, deletion and catch-up, one at a time
        # Other nodes (their own index directories) and other processes (`clinevidence ingest`) change the library
        # while this one serves: the indexes catch up when the database's generation moves, checked at most every
        # ``refresh_every`` seconds, on access or, with ``start_refresher`` (app nodes), in the background.
        self.refresh_every = 1.0
        self.clock: Callable[[], float] = time.monotonic
        self._next_check = 0.0
        self._refresh_lock = threading.Lock()
        self._stop = threading.Event()
        self._refresher: threading.Thread | None = None
        self._open_indexes()

    # -- the indexes, kept current with other nodes' and processes' commits ----------------------------
    @property
    def doc_index(self) -> TantivyIndex:
        self._refresh_on_access()
        return self._doc_index

    @property
    def passage_index(self) -> TantivyIndex:
        self._refresh_on_access()
        return self._passage_index

    def _refresh_on_access(self) -> None:
        """Readers refresh on access unless a background refresher (``start_refresher``) keeps the indexes current."""
        if self._refresher is None:
            self.refresh()

    def refresh(self, *, force: bool = False) -> bool:
        """Bring this node's indexes up to the database's generation; True when what it searches changed.

        Cheap when nothing changed: one clock read, and one key lookup at most every ``refresh_every`` seconds
        (``force`` checks now). A process sharing this index directory may have committed the change already (it
        is reloaded); otherwise the documents changed since this node's generation are read from SQL, whole, and
        applied (``catchup.changed_since``), or the indexes rebuilt when the change log no longer reaches back.
        Readers keep the previous searcher until both commits are done. A library with uncommitted index changes
        of its own never refreshes (its own commit catches up), nor one whose directory another process is writing.
        """
        now = self.clock()
        if (now < self._next_check and not force) or self._pending_index:
            return False
        if not self._refresh_lock.acquire(blocking=False):
            return False  # another thread is checking right now
        try:
            self._next_check = now + self.refresh_every
            with self.engine.connect() as conn:
                target = catchup.current(conn)
            if self._applied.covers(target):
                return False
            changed = self._reload_from_disk()
            if not self._applied.covers(target):
                changed = self._catch_up(target, base=self._applied.base_for(target)) or changed
            return changed
        finally:
            self._refresh_lock.release()

    def start_refresher(self, every: float | None = None) -> None:
        """Refresh in a background thread every ``every`` seconds (app nodes): requests never wait for a catch-up,
        and an idle node is current when its next request comes."""
        if every is not None:
            self.refresh_every = every
        if self._refresher is not None:
            return

        def loop() -> None:
            while not self._stop.wait(self.refresh_every):
                try:
                    self.refresh(force=True)
                except Exception:  # a database blip: try again next round, never kill the thread
                    log.warning("index refresh failed; retrying in %.1f s", self.refresh_every, exc_info=True)

        self._refresher = threading.Thread(target=loop, name="clinevidence-index-refresh", daemon=True)
        self._refresher.start()

    def _reload_from_disk(self) -> bool:
        """Take up what another process committed to this very index directory (its marker says how far)."""
        marker = catchup.read_marker(self._index_dir)
        if marker is None or marker == self._applied:
            return False
        if marker.library_id == self._applied.library_id and marker.generation < self._applied.generation:
            return False  # an older marker written late by another process: the directory holds at least ours
        with self._write_lock:
            if self._doc_index.has_writer or self._passage_index.has_writer:
                return False
            self._doc_index.commit()  # with no writer of ours: reload the directory, take a new searcher
            self._passage_index.commit()
            self._applied = marker
        return True

    def _catch_up(self, target: Applied, *, base: Applied | None) -> bool:
        """Apply the changes from ``base`` to ``target`` (None: rebuild from SQL) and commit; False (nothing done)
        when another thread or process holds the writers."""
        if not self._write_lock.acquire(blocking=False):
            return False
        try:
            if not (self._doc_index.try_writer() and self._passage_index.try_writer()):
                self._doc_index.release_writer()
                return False  # another process is writing this directory; it commits, we reload then
            try:
                self._apply(target, base)
                self._commit(target)
            finally:
                self._doc_index.release_writer()  # only after a failure is there anything left to drop
                self._passage_index.release_writer()
            return True
        finally:
            self._write_lock.release()

    def _apply(self, target: Applied, base: Applied | None, exclude: Iterable[int] = ()) -> None:
        """Put the documents changed since ``base`` (all, when None) into the writers, each as stored now."""
        with self.engine.connect() as conn:
            ids = (
                None
                if base is None
                else catchup.changed_since(conn, base.generation, target.generation, exclude=exclude)
            )
            if ids is None:
                self._doc_index.delete_all()
                self._passage_index.delete_all()
                blocks: Iterable[list[str]] = catchup.all_ids(conn)
            else:
                blocks = catchup.chunks(sorted(ids))
            for block in blocks:
                if ids is not None:
                    self._doc_index.delete_docs(block)
                    self._passage_index.delete_docs(block)
                doc_rows, passage_rows = catchup.index_rows(conn, block)
                self._doc_index.add(doc_rows)
                self._passage_index.add(passage_rows)

    def _commit(self, target: Applied) -> None:
        fault("index:before-commit")
        self._doc_index.commit()
        fault("index:between-commits")
        self._passage_index.commit()
        catchup.write_marker(self._index_dir, target)
        self._applied = target

    # -- writing ---------------------------------------------------------------------------------------
    def add_documents(
        self,
        docs: Sequence[Document],
        *,
        commit_index: bool = True,
        in_transaction: Callable[[Connection, IngestCounts], None] | None = None,
    ) -> IngestCounts:
        """Insert new, update changed, skip unchanged documents; one transaction per call, then indexed.

        ``in_transaction(conn, counts)`` runs inside that transaction after the rows are written (an ingest job
        records its progress there, so progress never runs ahead of the documents).
        """
        counts = IngestCounts()
        if not docs and in_transaction is None:
            return counts
        unique: dict[str, Document] = {}
        for d in docs:
            unique[d.id] = d  # the last copy of a duplicated id in one batch wins
        hashes = {d.id: d.content_hash() for d in unique.values()}
        now = _now()
        index_docs: list[tuple[str, str, str, str]] = []
        with self._write_lock, self.engine.begin() as conn:
            existing = dict(
                conn.execute(
                    select(t.documents.c.id, t.documents.c.content_hash).where(t.documents.c.id.in_(list(unique)))
                ).all()
            )
            new_rows: list[dict[str, object]] = []
            changed: list[dict[str, object]] = []
            passage_rows: list[dict[str, object]] = []
            index_passages: list[tuple[str, str, str, str]] = []
            for doc_id, doc in unique.items():
                old = existing.get(doc_id)
                if old == hashes[doc_id]:
                    counts.unchanged += 1
                    continue
                row = _doc_row(doc, hashes[doc_id], now)
                if old is None:
                    new_rows.append(row)
                    counts.added += 1
                else:
                    changed.append(row)
                    counts.updated += 1
                plist = split_passages(doc)
                counts.passages += len(plist)
                passage_rows.extend(
                    {
                        "id": p.id,
                        "doc_id": p.doc_id,
                        "section": p.section,
                        "position": p.position,
                        "text": p.text,
                    }
                    for p in plist
                )
                index_docs.append((doc.id, doc.id, doc.title, _doc_body(doc.title, doc.text, doc.mesh)))
                index_passages.extend((p.id, p.doc_id, doc.title, f"{p.section}. {p.text}") for p in plist)
            if changed:
                ids = [str(r["id"]) for r in changed]
                conn.execute(delete(t.passages).where(t.passages.c.doc_id.in_(ids)))
                for r in changed:
                    r.pop("added_at")
                    conn.execute(update(t.documents).where(t.documents.c.id == r["id"]).values(**r))
            if new_rows:
                conn.execute(insert(t.documents), new_rows)
            if passage_rows:
                conn.execute(insert(t.passages), passage_rows)
            generation = 0
            if new_rows or changed:
                generation = self._bump_generation(conn)
                catchup.log_changes(conn, generation, (str(r["id"]) for r in (*new_rows, *changed)), "upsert")
            if in_transaction is not None:
                in_transaction(conn, counts)
            if changed:
                ids = [str(r["id"]) for r in changed]
                self._doc_index.delete_docs(ids)
                self._passage_index.delete_docs(ids)
            self._doc_index.add(index_docs)
            self._passage_index.add(index_passages)
            fault("ingest:batch-before-commit")
        fault("ingest:after-sql-commit")
        if index_docs:
            self._own_generations.add(generation)
            self._pending_index += len(index_docs)
            if commit_index:
                self.commit_indexes()
        return counts

    def delete_documents(self, doc_ids: Iterable[str]) -> int:
        """Remove documents (and their passages) from the library; every node's index drops them as it catches
        up. Returns how many were stored."""
        ids = list(dict.fromkeys(doc_ids))
        if not ids:
            return 0
        with self._write_lock:
            with self.engine.begin() as conn:
                found = list(conn.execute(select(t.documents.c.id).where(t.documents.c.id.in_(ids))).scalars())
                if not found:
                    return 0
                conn.execute(delete(t.passages).where(t.passages.c.doc_id.in_(found)))
                conn.execute(delete(t.documents).where(t.documents.c.id.in_(found)))
                generation = self._bump_generation(conn)
                catchup.log_changes(conn, generation, found, "delete")
                self._doc_index.delete_docs(found)
                self._passage_index.delete_docs(found)
            self._own_generations.add(generation)
            self._pending_index += len(found)
            self.commit_indexes()
        return len(found)

    @property
    def pending_index(self) -> int:
        """Documents added to the indexes since their last commit (not yet searchable)."""
        return self._pending_index

    def commit_indexes(self) -> None:
        """Make indexed documents searchable (SQL rows are already durable; see ``_open_indexes``).

        Other nodes' changes committed since this node's last catch-up are applied first, in the same commit, so
        the generation recorded afterwards is one this index really reflects.
        """
        with self._write_lock:
            with self.engine.connect() as conn:
                target = catchup.current(conn)
            self._apply(target, self._applied.base_for(target), exclude=self._own_generations)
            self._pending_index = 0
            self._own_generations.clear()
            self._commit(target)

    def _bump_generation(self, conn) -> int:  # type: ignore[no-untyped-def]
        # FOR UPDATE: on PostgreSQL two nodes ingesting at once would otherwise both read N and both write N + 1
        # (a lost bump: other nodes would miss a change). SQLite already serialises writers; it ignores the clause.
        # The row stays locked until this transaction commits, so generations commit in order: a node that reads
        # generation G can rely on every change up to G being visible in the change log.
        current = select(t.library_meta.c.value).where(t.library_meta.c.key == "generation").with_for_update()
        gen = conn.execute(current).scalar()
        if gen is None:  # a new library's first change: nodes making it at once must not collide on the row
            _insert_if_absent(conn, key="generation", value="0")
            _ensure_library_id(conn)
            gen = conn.execute(current).scalar()
        new = int(gen) + 1
        conn.execute(update(t.library_meta).where(t.library_meta.c.key == "generation").values(value=str(new)))
        return new

    def _open_indexes(self) -> None:
        """SQL is the source of truth: catch the indexes up to it, or rebuild them if they are out of step.

        Out of step: the marker (``catchup.MARKER``) is missing or names another library, the change log no
        longer reaches back to it, or the index counts differ from SQL afterwards. When another process holds
        this directory's writer (an ingest is running and will commit), the indexes are left to it.

        Counting SQL is a scan of two tables (a million rows at scale, per CLI command), so it is skipped when it
        cannot tell anything new: every change to documents or passages bumps the generation, so at one generation
        SQL's counts are fixed; when an earlier open counted them equal to the indexes' at this very generation
        (``catchup.VERIFIED``) and the indexes still hold those same counts, the comparison would agree again.
        Anything that changes the indexes' counts (a lost or damaged index directory, documents committed to the
        index without their SQL transaction) or the generation (a change, a database restored from a backup)
        makes the next open count.
        """
        with self.engine.connect() as conn:
            target = catchup.current(conn)
            legacy = _meta_value(conn, "indexed_generation")  # libraries from before the marker file
        marker = catchup.read_marker(self._index_dir)
        if marker is None and target.generation == 0 and self._doc_index.count() == self._passage_index.count() == 0:
            marker = target  # a new library with new indexes: nothing to build
            catchup.write_marker(self._index_dir, marker)
        counted = False
        if marker is None and legacy is not None and int(legacy) == target.generation:
            if self._counts_match():
                marker = target  # an index a single node kept current: trust it once, then the marker says so
                catchup.write_marker(self._index_dir, marker)
                counted = True  # just counted equal at this generation: no need to count again below
        base = marker.base_for(target) if marker is not None else None
        if base is not None:
            self._applied = base
        if base is None or not base.covers(target):
            counted = False
            if not self._catch_up(target, base=base):
                return  # another process is writing this directory
        if counted or self._counts_verified():
            return
        counts = self._sql_counts()
        with self.engine.connect() as conn:
            now = catchup.current(conn)
        if counts == (self._doc_index.count(), self._passage_index.count()):
            if now == target == self._applied:  # counted at a quiet moment, on indexes that reflect exactly it
                catchup.write_verified(self._index_dir, target, *counts)
        elif now == target:  # counts differ at a quiet moment: the indexes are not what the marker claims
            self._catch_up(target, base=None)

    def _counts_verified(self) -> bool:
        """Whether an earlier open counted SQL equal to these indexes at the generation they reflect now."""
        verified = catchup.read_verified(self._index_dir)
        if verified is None:
            return False
        at, n_docs, n_pass = verified
        if at != self._applied or at.generation == 0:
            return False
        with self.engine.connect() as conn:
            if catchup.current(conn) != at:
                return False
        return self._doc_index.count() == n_docs and self._passage_index.count() == n_pass

    def _sql_counts(self) -> tuple[int, int]:
        with self.engine.connect() as conn:
            n_docs = conn.execute(select(func.count()).select_from(t.documents)).scalar_one()
            n_pass = conn.execute(select(func.count()).select_from(t.passages)).scalar_one()
        return int(n_docs), int(n_pass)

    def _counts_match(self) -> bool:
        return self._sql_counts() == (self._doc_index.count(), self._passage_index.count())

    # -- reading ---------------------------------------------------------------------------------------
    def count_documents(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(t.documents)).scalar_one())

    def count_passages(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(t.passages)).scalar_one())

    def stats(self) -> dict[str, object]:
        with self.engine.connect() as conn:
            by_type: dict[str, int] = dict(
                conn.execute(select(t.documents.c.type, func.count()).group_by(t.documents.c.type)).all()
            )
        return {
            "documents": sum(by_type.values()),
            "passages": self.count_passages(),
            "by_type": by_type,
            "snapshot": self.snapshot(),
        }

    def snapshot(self) -> str:
        """Short id of the library content this process searches: changes whenever a document is added or
        changed and the indexes are committed.

        Built from the library's id and the generation counter (bumped in the same transaction as every change)
        that the loaded indexes reflect, so a receipt names what was actually searched, and it costs a key
        lookup, not a scan of a million rows.
        """
        self._refresh_on_access()
        applied = self._applied  # one read: the refresher thread may replace it
        raw = f"{applied.library_id}|{applied.generation}"
        return f"lib-{hashlib.blake2b(raw.encode(), digest_size=6).hexdigest()}"

    def get_documents(self, ids: Iterable[str]) -> dict[str, StoredDocument]:
        ids = list(dict.fromkeys(ids))
        if not ids:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.documents).where(t.documents.c.id.in_(ids))).all()
        return {r.id: _stored(r) for r in rows}

    def get_passages(self, ids: Iterable[str]) -> dict[str, Passage]:
        ids = list(dict.fromkeys(ids))
        if not ids:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.passages).where(t.passages.c.id.in_(ids))).all()
        return {r.id: Passage(r.id, r.doc_id, r.section, r.position, r.text) for r in rows}

    def passages_of(self, doc_ids: Iterable[str]) -> list[Passage]:
        ids = list(dict.fromkeys(doc_ids))
        if not ids:
            return []
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(t.passages).where(t.passages.c.doc_id.in_(ids)).order_by(t.passages.c.position)
            ).all()
        return [Passage(r.id, r.doc_id, r.section, r.position, r.text) for r in rows]

    def documents_added_since(self, since: datetime) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.execute(select(t.documents.c.id).where(t.documents.c.updated_at > since)).scalars())

    def close(self) -> None:
        self._stop.set()
        if self._refresher is not None:
            self._refresher.join(timeout=30)
            self._refresher = None
        self.engine.dispose()


def _ensure_library_id(conn) -> str:  # type: ignore[no-untyped-def]
    library_id = _meta_value(conn, "library_id")
    if library_id is None:
        _insert_if_absent(conn, key="library_id", value=uuid.uuid4().hex)
        library_id = _meta_value(conn, "library_id")
    return str(library_id)


def _meta_value(conn, key: str) -> str | None:  # type: ignore[no-untyped-def]
    return conn.execute(select(t.library_meta.c.value).where(t.library_meta.c.key == key)).scalar()


def _doc_row(doc: Document, content_hash: str, now: datetime) -> dict[str, object]:
    return {
        "id": doc.id,
        "title": doc.title,
        "type": str(doc.type),
        "source": doc.source,
        "year": doc.year,
        "pmid": doc.pmid,
        "doi": doc.doi,
        "url": doc.url,
        "mesh": json.dumps(doc.mesh, ensure_ascii=False),
        "sections": json.dumps([{"label": s.label, "text": s.text} for s in doc.sections], ensure_ascii=False),
        "extra": json.dumps(doc.extra, ensure_ascii=False),
        "content_hash": content_hash,
        "flags": json.dumps(doc.extra.get("flags", "").split(",") if doc.extra.get("flags") else []),
        "added_at": now,
        "updated_at": now,
    }


def _stored(r) -> StoredDocument:  # type: ignore[no-untyped-def]
    return StoredDocument(
        id=r.id,
        title=r.title,
        type=DocType.parse(r.type),
        source=r.source,
        year=r.year,
        pmid=r.pmid,
        doi=r.doi,
        url=r.url,
        mesh=json.loads(r.mesh),
        sections=[Section(s["label"], s["text"]) for s in json.loads(r.sections)],
        flags=json.loads(r.flags),
        updated_at=r.updated_at,
    )
