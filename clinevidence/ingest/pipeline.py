"""Run ingestion: detect formats, stream records, batch them into the library, count everything."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import Connection

from ..library.faults import fault
from ..library.store import IngestCounts, Library
from ..models import Document
from .base import DEFAULT_LIMITS, LimitExceeded, Limits, Reader, Record, RecordError, check_text_size
from .flagger import flag_document

FORMATS = ("auto", "beir", "pubmed-xml", "markdown", "html", "pdf")
BATCH = 2000
INDEX_COMMIT_EVERY = 50_000
# ... and at least this often while documents are pending, so a server sharing the index directory (it cannot
# catch up itself while this process holds the writer) shows new documents within this plus its refresh interval.
INDEX_COMMIT_SECONDS = 10.0


class IngestError(ValueError):
    """A path or format the ingester cannot handle at all (as opposed to one bad record)."""


def reader_for(fmt: str) -> Reader:
    if fmt == "beir":
        from .beir import read_beir

        return read_beir
    if fmt == "pubmed-xml":
        from .pubmed import read_pubmed_xml

        return read_pubmed_xml
    if fmt == "markdown":
        from .markdown import read_markdown

        return read_markdown
    if fmt == "html":
        from .html import read_html

        return read_html
    if fmt == "pdf":
        from .pdf import read_pdf

        return read_pdf
    raise IngestError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


_SUFFIX = {
    ".jsonl": "beir",
    ".xml": "pubmed-xml",
    ".gz": "pubmed-xml",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}


def detect_format(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(".xml.gz"):
        return "pubmed-xml"
    return _SUFFIX.get(path.suffix.lower())


def expand(
    paths: list[Path], fmt: str, *, follow_symlinks: bool = False, skipped: list[RecordError] | None = None
) -> list[tuple[Path, str]]:
    """Files to read with their format; a directory with corpus.jsonl is a BEIR corpus.

    Inside a directory, a symbolic link is followed only when its target lies inside one of the given inputs
    (or with ``follow_symlinks``); others, and broken or looping links, are reported in ``skipped``. A file
    reached twice (through a link) is read once.
    """
    if fmt not in FORMATS:
        raise IngestError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    skipped = skipped if skipped is not None else []
    roots = [p.resolve() for p in paths if p.exists()]
    seen: set[Path] = set()
    out: list[tuple[Path, str]] = []

    def add(path: Path, f: str) -> None:
        real = path.resolve()
        if real not in seen:
            seen.add(real)
            out.append((path, f))

    for path in paths:
        if not path.exists():
            raise IngestError(f"{path}: no such file or directory")
        if path.is_dir():
            if (path / "corpus.jsonl").exists() and fmt in ("auto", "beir"):
                add(path / "corpus.jsonl", "beir")
                continue
            for child in _walk(path, roots, follow_symlinks, skipped):
                f = fmt if fmt != "auto" else detect_format(child)
                if f is not None and (fmt != "auto" or not child.name.startswith(".")):
                    if fmt == "auto" or detect_format(child) == fmt:
                        add(child, f)
        else:
            f = fmt if fmt != "auto" else detect_format(path)
            if f is None:
                raise IngestError(f"{path}: cannot tell the format; pass --format")
            add(path, f)
    return out


def _inside(target: Path, roots: list[Path]) -> bool:
    return any(target == r or target.is_relative_to(r) for r in roots)


def _walk(top: Path, roots: list[Path], follow: bool, skipped: list[RecordError]) -> list[Path]:
    """Regular files under ``top``, sorted; links handled as described in ``expand``. Never loops."""
    files: list[Path] = []
    visited: set[Path] = set()
    for dirpath, dirnames, filenames in os.walk(top, followlinks=follow):
        here = Path(dirpath)
        real_here = here.resolve()
        if real_here in visited:
            dirnames[:] = []
            continue
        visited.add(real_here)
        keep = []
        for d in sorted(dirnames):
            sub = here / d
            if sub.is_symlink():
                why = _link_problem(sub, roots, follow, "folder")
                if why:
                    skipped.append(RecordError(str(sub), "file", why))
                    continue
                if not follow:
                    continue  # its target is inside the inputs and is walked there
            keep.append(d)
        dirnames[:] = keep
        for name in filenames:
            child = here / name
            if child.is_symlink():
                why = _link_problem(child, roots, follow, "file")
                if why:
                    skipped.append(RecordError(str(child), "file", why))
                    continue
                if not follow:
                    continue  # its target is inside the inputs and is read under its own name
            if child.is_file():
                files.append(child)
    return sorted(files, key=lambda f: (f.is_symlink(), f))  # a file reached twice keeps its own name


def _link_problem(link: Path, roots: list[Path], follow: bool, kind: str) -> str:
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):
        return "broken or looping symbolic link, skipped"
    if not follow and not _inside(target, roots):
        return f"symbolic link to a {kind} outside the input folders, skipped (pass --follow-symlinks to read it)"
    return ""


def records(files: list[tuple[Path, str]], limits: Limits = DEFAULT_LIMITS) -> Iterator[Record]:
    """Records of every file. Documents from guideline/PubMed/PDF sources are checked for text addressed to a
    language model and flagged (kept, but never quoted or shown to a model). Bulk BEIR corpora skip this check
    on the ingest hot path; answer-time screening (answer/screening.py) covers every document either way.
    A document whose text is over the record limit is skipped, whatever its format."""
    for _file, _record, rec in positioned_records(files, limits):
        yield rec


def positioned_records(
    files: list[tuple[Path, str]], limits: Limits = DEFAULT_LIMITS, *, start: tuple[int, int] = (0, 0)
) -> Iterator[tuple[int, int, Record]]:
    """``records`` with where each comes from: (file number, record number in that file, record), beginning at
    ``start`` (a resumed job: earlier files are not opened, earlier records of the first file are read past)."""
    first_file, first_record = start
    for n, (path, fmt) in enumerate(files):
        if n < first_file:
            continue
        skip = first_record if n == first_file else 0
        reader = reader_for(fmt)
        i = 0
        try:
            for rec in reader(path, limits):
                i += 1
                if i <= skip:
                    continue
                if isinstance(rec, Document):
                    try:
                        check_text_size(rec, limits.max_record_bytes)
                    except LimitExceeded as exc:
                        yield n, i, RecordError(path.name, f"document {rec.id}", str(exc))
                        continue
                    if fmt != "beir":
                        flag_document(rec)
                yield n, i, rec
        except Exception as exc:  # a file that cannot be opened/parsed at all is one reported error
            if i + 1 > skip:
                yield n, i + 1, RecordError(path.name, "file", f"{exc.__class__.__name__}: {exc}")


def ingest(
    library: Library,
    paths: list[Path],
    fmt: str = "auto",
    on_progress: Callable[[IngestCounts], None] | None = None,
    batch_size: int = BATCH,
    *,
    limits: Limits | None = None,
    follow_symlinks: bool = False,
    actor: str = "ingest",
) -> IngestCounts:
    """Ingest every record under ``paths``; bad records are counted and reported, never fatal."""
    skipped: list[RecordError] = []
    files = expand(paths, fmt, follow_symlinks=follow_symlinks, skipped=skipped)
    return ingest_files(
        library, files, on_progress=on_progress, batch_size=batch_size, limits=limits, skipped=skipped, actor=actor
    )


def ingest_files(
    library: Library,
    files: list[tuple[Path, str]],
    *,
    on_progress: Callable[[IngestCounts], None] | None = None,
    batch_size: int = BATCH,
    limits: Limits | None = None,
    skipped: list[RecordError] | None = None,
    actor: str = "ingest",
    resumable: bool = False,
    restart: bool = False,
) -> IngestCounts:
    """Ingest already expanded ``(file, format)`` pairs (see ``expand``; ``skipped`` is what it left out).

    ``resumable``: run as a job (ingest/jobs.py) that a later run over the same input resumes if this one is
    interrupted (``restart``: start over instead); the counts returned then cover the whole job, and
    ``resumed`` says how many records the earlier runs had done.

    ``limits`` default to the settings (``CLINEVIDENCE_INGEST__*``). Every run is written to the audit trail
    (counts only) by ``actor``, whichever entry point called it.
    """
    if limits is None:
        from ..settings import load_settings

        limits = load_settings().ingest.limits()
    job = None
    total = IngestCounts()
    if resumable:
        from . import jobs

        job = jobs.open_job(library.engine, files, restart=restart)
        total = job.counts  # an interrupted earlier run's counts carry on
        total.resumed = job.resumed
    if not total.resumed:  # (counted by the run that started the job)
        for err in skipped or ():
            total.skipped += 1
            total.errors.append(str(err))
    batch: list[Document] = []
    last_commit = time.monotonic()
    where = (job.file, job.record) if job is not None else (0, 0)

    def progress(conn: Connection, batch_counts: IngestCounts) -> None:
        assert job is not None
        job.file, job.record = where
        job.position = total.resumed + done_here
        so_far = total.copy()
        so_far.merge(batch_counts)
        jobs.record_progress(conn, job, so_far)

    def flush(final: bool = False) -> None:
        if batch or (job is not None and final):
            # Index commits are the costly part: commit every ~50k documents and at the end.
            hook = progress if job is not None else None
            total.merge(library.add_documents(batch, commit_index=False, in_transaction=hook))
            batch.clear()
        nonlocal last_commit
        due = library.pending_index and time.monotonic() - last_commit >= INDEX_COMMIT_SECONDS
        if final or library.pending_index >= INDEX_COMMIT_EVERY or due:
            library.commit_indexes()
            last_commit = time.monotonic()
        if on_progress:
            on_progress(total)

    if on_progress and total.resumed:
        on_progress(total)  # a resumed job starts from its earlier runs' counts
    done_here = 0
    for file_no, record_no, rec in positioned_records(files, limits, start=where):
        fault("ingest:record")
        done_here += 1
        where = (file_no, record_no)
        if isinstance(rec, RecordError):
            total.skipped += 1
            total.errors.append(str(rec))
            continue
        batch.append(rec)
        if len(batch) >= batch_size:
            flush()
    flush(final=True)
    _audit(library, total, actor)
    if job is not None:
        jobs.finish(library.engine, job)
    return total


def _audit(library: Library, counts: IngestCounts, actor: str) -> None:
    """The ingestion event, in the same audit trail as review actions (counts, never document text)."""
    from ..review.audit import AuditEvent, record

    detail: dict[str, object] = {
        "added": counts.added,
        "updated": counts.updated,
        "unchanged": counts.unchanged,
        "skipped": counts.skipped,
    }
    with library.engine.begin() as conn:
        record(conn, AuditEvent(actor, "ingest", detail=detail))
    counts.audited = True
