"""What every ingest format yields: Documents, or a RecordError for a record it had to skip."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..models import Document

MB = 1_000_000


@dataclass(slots=True, frozen=True)
class Limits:
    """What one input may cost. Anything over a limit is skipped with a reason, never fatal to the run.

    ``max_record_bytes``: one record (a JSONL line, a PubMed article, the text of one HTML/Markdown/PDF document).
    ``max_file_bytes``: a whole-file document (HTML, Markdown); ``max_pdf_bytes`` for PDF. ``max_depth``: element
    nesting in HTML/Markdown/XML (libxml2's own default is 256). ``max_decompressed_bytes`` and ``max_gzip_ratio``
    bound a ``.gz`` (the ratio is checked once 16 MB are out). ``file_seconds``: parse time of one HTML,
    Markdown or PDF document (streamed formats are bounded per record by size instead).
    """

    max_record_bytes: int = 5 * MB
    max_file_bytes: int = 20 * MB
    max_pdf_bytes: int = 100 * MB
    max_depth: int = 256
    max_decompressed_bytes: int = 4_000 * MB
    max_gzip_ratio: float = 100.0
    file_seconds: float = 60.0


DEFAULT_LIMITS = Limits()
RATIO_CHECK_AFTER = 16 * MB


class LimitExceeded(ValueError):
    """An input over one of the ``Limits``; the message is the skip reason."""


class Deadline:
    """The per-file time budget: ``check()`` raises LimitExceeded once it is spent."""

    __slots__ = ("_end", "_seconds")

    def __init__(self, seconds: float) -> None:
        self._seconds = seconds
        self._end = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() >= self._end:
            raise LimitExceeded(f"took longer than the {self._seconds:g} s time budget per file")


def check_file_size(path: Path, limit: int) -> None:
    size = path.stat().st_size
    if size > limit:
        raise LimitExceeded(f"file is {size / MB:,.1f} MB, over the {limit / MB:g} MB limit")


_SKIP_MARKUP = re.compile(rb"<!--.*?-->|<(script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(rb"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>")
# Void elements, and elements whose end tag HTML lets authors omit: not counted, so sloppy HTML is not "deep".
_FLAT = frozenset(
    b"area base br col embed hr img input link meta param source track wbr p li dt dd tr td th option optgroup "
    b"thead tbody tfoot colgroup caption rp rt".split()
)


def markup_depth(data: bytes, limit: int) -> int:
    """Element nesting depth of HTML/XML markup, scanned without parsing; stops early once over ``limit``."""
    data = _SKIP_MARKUP.sub(b"", data)
    depth = deepest = 0
    for m in _TAG.finditer(data):
        if m.group(3) or m.group(2).lower() in _FLAT:
            continue
        if m.group(1):
            depth = max(depth - 1, 0)
        else:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    break
    return deepest


def check_depth(data: bytes, limit: int) -> None:
    if markup_depth(data, limit) > limit:
        raise LimitExceeded(f"elements nested more than {limit} deep")


def check_text_size(doc: Document, limit: int) -> None:
    size = sum(len(s.text) for s in doc.sections) + len(doc.title)
    if size > limit:
        raise LimitExceeded(f"document text is {size / MB:,.1f} MB, over the {limit / MB:g} MB record limit")


_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_DOI_PREFIX = re.compile(r"^(doi:\s*|https?://(dx\.)?doi\.org/)", re.IGNORECASE)


_HTTP_URL = re.compile(r"https?://[^\s<>\"]+$", re.IGNORECASE)


def clean_doi(value: object) -> str:
    """A DOI ('10.1000/xyz'), from a bare DOI, 'doi:...' or a doi.org link; '' for anything else."""
    if not value:
        return ""
    s = _DOI_PREFIX.sub("", str(value).strip())
    return s if _DOI.match(s) and len(s) <= 200 else ""


def clean_url(value: object) -> str:
    """A reference URL only when it is http(s) (or a DOI, as a doi.org link): never 'javascript:', 'data:'..."""
    if not value:
        return ""
    s = str(value).strip()
    if _HTTP_URL.match(s):
        return s
    if s.lower().startswith("doi:") and (doi := clean_doi(s)):
        return f"https://doi.org/{doi}"
    return ""


@dataclass(slots=True, frozen=True)
class RecordError:
    """A malformed record: where it is and why it was skipped."""

    file: str
    where: str  # "line 12", "PMID 123456", "page 3"...
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.reason}"


Record = Document | RecordError


class Reader(Protocol):
    """An ingest format: turns one file into records, streaming."""

    def __call__(self, path: Path, limits: Limits = ...) -> Iterator[Record]: ...


def parse_year(value: object) -> int | None:
    """A 4-digit year from '2011', 2011, '2011 Mar' or '2011-03-02'; None when there is none."""
    if value is None:
        return None
    s = str(value).strip()[:4]
    if len(s) == 4 and s.isdigit() and 1800 <= int(s) <= 2100:
        return int(s)
    return None
