"""BEIR ``corpus.jsonl``: one JSON object per line, ``{_id, title, text, metadata}``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..models import DocType, Document, Section
from ..text import normalize
from .base import DEFAULT_LIMITS, MB, Limits, Record, RecordError, clean_doi, clean_url, parse_year


def bounded_lines(fh: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) for each line; ``None`` for a line over ``limit`` bytes, which is read past in chunks
    and never held in memory whole."""
    lineno = 0
    while True:
        raw = fh.readline(limit + 1)
        if not raw:
            return
        lineno += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            while (chunk := fh.readline(MB)) and not chunk.endswith(b"\n"):
                pass
            yield lineno, None
            continue
        yield lineno, raw


def read_beir(path: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[Record]:
    """Stream documents from a BEIR corpus file (or a directory holding ``corpus.jsonl``).

    Every line stands alone: one that is too long, not JSON, not UTF-8, nested too deeply or of the wrong shape
    is reported and skipped, and the lines after it are read as usual.
    """
    if path.is_dir():
        path = path / "corpus.jsonl"
    limit = limits.max_record_bytes
    with path.open("rb") as fh:
        for lineno, raw in bounded_lines(fh, limit):
            where = f"line {lineno}"
            if raw is None:
                yield RecordError(path.name, where, f"record longer than the {limit / MB:g} MB limit")
                continue
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                yield RecordError(path.name, where, f"not valid JSON ({exc.__class__.__name__})")
                continue
            except RecursionError:
                yield RecordError(path.name, where, "JSON nested too deeply")
                continue
            try:
                result = beir_document(obj)
            except (ValueError, TypeError, AttributeError, RecursionError) as exc:
                result = f"unusable record ({exc.__class__.__name__})"
            if isinstance(result, str):
                yield RecordError(path.name, where, result)
            else:
                yield result


def beir_document(obj: object) -> Document | str:
    """Build a Document from one BEIR record; a string explains why the record is unusable."""
    if not isinstance(obj, dict):
        return "record is not a JSON object"
    doc_id = obj.get("_id")
    if doc_id is None or not str(doc_id).strip():
        return "missing _id"
    doc_id = str(doc_id).strip()
    if len(doc_id) > 200:
        return "_id longer than 200 characters"
    meta = obj.get("metadata") or {}
    if not isinstance(meta, dict):
        return "metadata is not an object"
    title = normalize(str(obj.get("title") or ""))
    sections: list[Section] = []
    raw_sections = meta.get("sections")
    if isinstance(raw_sections, list):
        for s in raw_sections:
            if isinstance(s, dict) and s.get("text"):
                sections.append(Section(normalize(str(s.get("label") or "")).upper(), normalize(str(s["text"]))))
    if not sections:
        text = normalize(str(obj.get("text") or ""))
        if text:
            sections = [Section("", text)]
    if not sections and not title:
        return "no title and no text"
    mesh = meta.get("mesh") or []
    return Document(
        id=doc_id,
        title=title,
        sections=sections,
        type=DocType.parse(str(meta["type"]) if meta.get("type") else None),
        source=normalize(str(meta.get("source") or "")),
        year=parse_year(meta.get("year")),
        pmid=str(meta.get("pmid") or ""),
        doi=clean_doi(meta.get("doi")),
        url=clean_url(meta.get("url")),
        mesh=[str(m) for m in mesh] if isinstance(mesh, list) else [],
    )
