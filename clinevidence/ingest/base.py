"""What every ingest format yields: Documents, or a RecordError for a record it had to skip."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..models import Document


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

    def __call__(self, path: Path) -> Iterator[Record]: ...


def parse_year(value: object) -> int | None:
    """A 4-digit year from '2011', 2011, '2011 Mar' or '2011-03-02'; None when there is none."""
    if value is None:
        return None
    s = str(value).strip()[:4]
    if len(s) == 4 and s.isdigit() and 1800 <= int(s) <= 2100:
        return int(s)
    return None
