"""Run ingestion: detect formats, stream records, batch them into the library, count everything."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from ..library.faults import fault
from ..library.store import IngestCounts, Library
from ..models import Document
from .base import Reader, Record, RecordError
from .flagger import flag_document

FORMATS = ("auto", "beir", "pubmed-xml", "markdown", "html", "pdf")
BATCH = 2000
INDEX_COMMIT_EVERY = 50_000


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


def expand(paths: list[Path], fmt: str) -> list[tuple[Path, str]]:
    """Files to read with their format; a directory with corpus.jsonl is a BEIR corpus."""
    if fmt not in FORMATS:
        raise IngestError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out: list[tuple[Path, str]] = []
    for path in paths:
        if not path.exists():
            raise IngestError(f"{path}: no such file or directory")
        if path.is_dir():
            if (path / "corpus.jsonl").exists() and fmt in ("auto", "beir"):
                out.append((path / "corpus.jsonl", "beir"))
                continue
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                f = fmt if fmt != "auto" else detect_format(child)
                if f is not None and (fmt != "auto" or not child.name.startswith(".")):
                    if fmt == "auto" or detect_format(child) == fmt:
                        out.append((child, f))
        else:
            f = fmt if fmt != "auto" else detect_format(path)
            if f is None:
                raise IngestError(f"{path}: cannot tell the format; pass --format")
            out.append((path, f))
    return out


def records(files: list[tuple[Path, str]]) -> Iterator[Record]:
    """Records of every file. Documents from guideline/PubMed/PDF sources are checked for text addressed to a
    language model and flagged (kept, but never quoted or shown to a model). Bulk BEIR corpora skip this check
    on the ingest hot path; answer-time screening (answer/screening.py) covers every document either way."""
    for path, fmt in files:
        reader = reader_for(fmt)
        try:
            for rec in reader(path):
                if fmt != "beir" and isinstance(rec, Document):
                    flag_document(rec)
                yield rec
        except Exception as exc:  # a file that cannot be opened/parsed at all is one reported error
            yield RecordError(path.name, "file", f"{exc.__class__.__name__}: {exc}")


def ingest(
    library: Library,
    paths: list[Path],
    fmt: str = "auto",
    on_progress: Callable[[IngestCounts], None] | None = None,
    batch_size: int = BATCH,
) -> IngestCounts:
    """Ingest every record under ``paths``; bad records are counted and reported, never fatal."""
    return ingest_files(library, expand(paths, fmt), on_progress=on_progress, batch_size=batch_size)


def ingest_files(
    library: Library,
    files: list[tuple[Path, str]],
    *,
    on_progress: Callable[[IngestCounts], None] | None = None,
    batch_size: int = BATCH,
) -> IngestCounts:
    """Ingest already expanded ``(file, format)`` pairs (see ``expand``)."""
    total = IngestCounts()
    batch: list[Document] = []

    def flush(final: bool = False) -> None:
        if batch:
            # Index commits are the costly part: commit every ~50k documents and at the end.
            total.merge(library.add_documents(batch, commit_index=False))
            batch.clear()
        if final or library.pending_index >= INDEX_COMMIT_EVERY:
            library.commit_indexes()
        if on_progress:
            on_progress(total)

    for rec in records(files):
        fault("ingest:record")
        if isinstance(rec, RecordError):
            total.skipped += 1
            total.errors.append(str(rec))
            continue
        batch.append(rec)
        if len(batch) >= batch_size:
            flush()
    flush(final=True)
    return total
