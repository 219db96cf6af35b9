"""BEIR ``corpus.jsonl``: one JSON object per line, ``{_id, title, text, metadata}``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..models import DocType, Document, Section
from ..text import normalize
from .base import Record, RecordError, parse_year


def read_beir(path: Path) -> Iterator[Record]:
    """Stream documents from a BEIR corpus file (or a directory holding ``corpus.jsonl``)."""
    if path.is_dir():
        path = path / "corpus.jsonl"
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                yield RecordError(path.name, f"line {lineno}", f"not valid JSON ({exc.__class__.__name__})")
                continue
            result = beir_document(obj)
            if isinstance(result, str):
                yield RecordError(path.name, f"line {lineno}", result)
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
        type=DocType.parse(meta.get("type")),
        source=normalize(str(meta.get("source") or "")),
        year=parse_year(meta.get("year")),
        pmid=str(meta.get("pmid") or ""),
        doi=str(meta.get("doi") or ""),
        url=str(meta.get("url") or ""),
        mesh=[str(m) for m in mesh] if isinstance(mesh, list) else [],
    )
