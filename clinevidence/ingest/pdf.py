"""PDF guidelines and papers: pypdf text per page, sectioned by heading-like lines or else by page."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import DependencyError, PdfReadError

from ..models import Document, Section
from ..text import normalize
from .base import DEFAULT_LIMITS, MB, Deadline, LimitExceeded, Limits, Record, RecordError, check_file_size
from .html import file_id

_NUMBERED = re.compile(r"^(\d{1,2}(\.\d{1,2})*\.?|[IVX]{1,5}\.)\s+[A-Z][^.]{1,78}$")
_JUNK_TITLE = re.compile(r"^(untitled|microsoft word - .*|.*\.(docx?|pdf|indd|tex))$", re.IGNORECASE)
_SMALL_WORDS = frozenset("a an and as at by for from in of on or the to vs with without versus".split())


def read_pdf(path: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[Record]:
    """One Document per PDF; an encrypted, unreadable, too large or too slow PDF is a RecordError."""
    try:
        check_file_size(path, limits.max_pdf_bytes)
    except LimitExceeded as exc:
        yield RecordError(path.name, "file", str(exc))
        return
    deadline = Deadline(limits.file_seconds)
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            yield RecordError(path.name, "file", "PDF is encrypted (password required)")
            return
        n_pages = len(reader.pages)
    except (PdfReadError, DependencyError, OSError, ValueError, KeyError, TypeError) as exc:
        yield RecordError(path.name, "file", f"unreadable PDF: {exc.__class__.__name__}: {exc}")
        return
    pages: list[list[str]] = []
    size = 0
    for i in range(n_pages):
        try:
            deadline.check()
        except LimitExceeded as exc:
            yield RecordError(path.name, f"page {i + 1}", f"{exc}; document skipped")
            return
        try:
            text = reader.pages[i].extract_text() or ""
        except Exception as exc:  # pypdf raises many types on damaged content streams
            yield RecordError(path.name, f"page {i + 1}", f"text not extractable, page left out: {exc}")
            text = ""
        size += len(text)
        if size > limits.max_record_bytes:
            reason = f"text longer than the {limits.max_record_bytes / MB:g} MB record limit; document skipped"
            yield RecordError(path.name, f"page {i + 1}", reason)
            return
        lines = (" ".join(raw.split()) for raw in normalize(text).splitlines())
        pages.append([line for line in lines if line])
    pages = _drop_running_lines(pages)
    meta_title = ""
    try:
        raw_title = reader.metadata.get("/Title") if reader.metadata is not None else None
        meta_title = " ".join(normalize(str(raw_title or "")).split())
    except (PdfReadError, ValueError, TypeError, KeyError, AttributeError):
        pass
    if _JUNK_TITLE.match(meta_title):
        meta_title = ""
    title = meta_title
    if not title:
        first = next((p for p in pages if p), [])
        if first:
            title = first[0][:300]
            first.pop(0)  # the title line is not body text
    sections = pdf_sections(pages)
    if not sections:
        yield RecordError(path.name, "file", "no extractable text (scanned PDF?)")
        return
    yield Document(id=file_id(path), title=title or path.stem, sections=sections)


def _drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Drop page numbers and running headers/footers (a line repeated on at least half of 3+ pages)."""
    counts = Counter(line for page in pages for line in set(page))
    repeated = {line for line, c in counts.items() if len(pages) >= 3 and c >= max(3, len(pages) / 2)}
    return [
        [line for line in page if line not in repeated and not re.fullmatch(r"(page\s*)?\d{1,4}", line, re.I)]
        for page in pages
    ]


def is_heading(line: str) -> bool:
    """Numbered headings ('2. Methods', '3.1 Dosing') or short Title Case / UPPER CASE lines."""
    words = line.split()
    if len(line) > 80 or len(words) > 9 or line[-1] in ".,;:" or not line[0].isalnum():
        return False
    if _NUMBERED.match(line):
        return True
    if len(words) > 8 or not line[0].isupper():
        return False
    letters = [w for w in words if w[0].isalpha()]
    if not letters or sum(c.isdigit() for c in line) > len(line) / 4:
        return False
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in letters)


def pdf_sections(pages: list[list[str]]) -> list[Section]:
    """Sections start at heading-like lines; text before a page's first heading is labelled 'Page N'.

    When heading-like lines are too frequent to be headings (tables, slides), every page is one section.
    """
    n_lines = sum(len(p) for p in pages)
    n_headings = sum(is_heading(line) for p in pages for line in p)
    use_headings = 0 < n_headings <= max(4, n_lines // 3)
    sections: list[Section] = []
    label, by_page = "", True
    lines: list[str] = []

    def flush() -> None:
        text = _join(lines)
        if text:
            sections.append(Section(label, text))

    for n, page in enumerate(pages, start=1):
        if by_page:
            flush()
            label, lines = f"Page {n}", []
        for line in page:
            if use_headings and is_heading(line):
                flush()
                label, lines, by_page = line, [], False
            else:
                lines.append(line)
    flush()
    return sections


def _join(lines: list[str]) -> str:
    """Re-flow wrapped lines; a hyphen at a line end followed by a lower-case word is a broken word."""
    out = ""
    for line in lines:
        if out.endswith("-") and line[:1].islower() and len(out) > 1 and out[-2].isalpha():
            out = out[:-1] + line
        else:
            out = f"{out} {line}" if out else line
    return out
