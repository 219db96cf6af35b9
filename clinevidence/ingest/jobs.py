"""Path ingestion as a resumable job: how far a run over one input got, recorded with the documents themselves.

A job is named by its input (each file's resolved path, format, size and modification time): the same files
unchanged are the same job. Progress (the next record to read: file number, record number in that file, and the
counts so far) is written inside each batch's own transaction (``Library.add_documents(in_transaction=...)``),
so it never claims a record whose documents did not commit. A run that was killed leaves its job ``running``;
the next run over the same input skips the files and records already done and carries the counts on. A job that
finished is ``done``: running the same input again is a new, ordinary (idempotent) ingest.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..library import tables as t
from ..library.store import IngestCounts

KEPT_ERRORS = 50  # skipped-record messages carried over from earlier runs (the CLI prints 50)


@dataclass(slots=True)
class IngestJob:
    id: str
    file: int = 0  # where to resume: the file's number in the input ...
    record: int = 0  # ... and the number of records of it already done
    position: int = 0  # records done over the whole input
    resumed: int = 0  # records an earlier, interrupted run had done (skipped by this run)
    counts: IngestCounts = field(default_factory=IngestCounts)  # of the earlier runs


def identity(files: list[tuple[Path, str]]) -> tuple[str, str]:
    """(job id, description) of an expanded input: what it reads, not where from."""
    described = []
    for path, fmt in files:
        st = path.stat()
        described.append({"path": str(path.resolve()), "format": fmt, "size": st.st_size, "mtime_ns": st.st_mtime_ns})
    text = json.dumps(described, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest(), text


def open_job(engine: Engine, files: list[tuple[Path, str]], *, restart: bool = False) -> IngestJob:
    """The interrupted job over this input (unless ``restart``), or a new one."""
    job_id, described = identity(files)
    with engine.connect() as conn:
        row = conn.execute(select(t.ingest_jobs).where(t.ingest_jobs.c.id == job_id)).first()
    if row is not None and row.status == "running" and not restart:
        state = json.loads(row.state)
        n = {k: int(state.get(k, 0)) for k in ("added", "updated", "unchanged", "skipped", "passages")}
        counts = IngestCounts(n["added"], n["updated"], n["unchanged"], n["skipped"], n["passages"])
        counts.errors = [str(e) for e in state.get("errors", [])]
        return IngestJob(
            job_id, file=state.get("file", 0), record=state.get("record", 0), position=row.position,
            resumed=row.position, counts=counts,
        )  # fmt: skip
    now = datetime.now(UTC)
    values = {"id": job_id, "input": described, "status": "running", "position": 0, "state": "{}"}
    try:
        with engine.begin() as conn:
            conn.execute(delete(t.ingest_jobs).where(t.ingest_jobs.c.id == job_id))
            conn.execute(insert(t.ingest_jobs).values(**values, started_at=now, updated_at=now))
    except IntegrityError:  # another process started the same job at this moment: share it
        pass
    return IngestJob(job_id)


def record_progress(conn: Connection, job: IngestJob, counts: IngestCounts) -> None:
    """Inside a batch's transaction: the job has done everything before ``job.file``/``job.record``."""
    state = {
        "file": job.file,
        "record": job.record,
        "added": counts.added,
        "updated": counts.updated,
        "unchanged": counts.unchanged,
        "skipped": counts.skipped,
        "passages": counts.passages,
        "errors": counts.errors[:KEPT_ERRORS],
    }
    conn.execute(
        update(t.ingest_jobs)
        .where(t.ingest_jobs.c.id == job.id)
        .values(position=job.position, state=json.dumps(state), updated_at=datetime.now(UTC))
    )


def finish(engine: Engine, job: IngestJob) -> None:
    with engine.begin() as conn:
        conn.execute(
            update(t.ingest_jobs)
            .where(t.ingest_jobs.c.id == job.id)
            .values(status="done", updated_at=datetime.now(UTC))
        )
