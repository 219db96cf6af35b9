"""Screen retrieved evidence: documents that address a language model are left out of answers.

A document counts as instruction-like when ingest flagged it, or when its title or any section reads as
instructions to a model (the flagger runs here too, so libraries ingested before the flagger existed, or before
its rules improved, are covered). Every passage of such a document is dropped, not only the flagged one: an
injection can split its instruction and its payload across passages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from ..ingest.flagger import FLAG, is_instruction_like
from ..library.store import StoredDocument
from ..retrieval.search import Evidence

Flagger = Callable[[str], bool]


@dataclass(slots=True)
class ScreenReport:
    flagged_docs: list[str] = field(default_factory=list)
    flagged_passages: int = 0

    def details(self) -> dict[str, object]:
        return {"passages_flagged": self.flagged_passages, "documents_flagged": list(self.flagged_docs)}


@lru_cache(maxsize=8192)
def _cached_flag(text: str) -> bool:
    return is_instruction_like(text)


def document_flagged(doc: StoredDocument, flagger: Flagger | None = None) -> bool:
    """Whether a stored document carries instructions aimed at a model (ingest flag, title or any section)."""
    check = flagger or _cached_flag
    if FLAG in doc.flags:
        return True
    return check(doc.title) or any(check(s.text) for s in doc.sections)


def screen_evidence(evidence: Evidence, flagger: Flagger | None = None) -> tuple[Evidence, ScreenReport]:
    """Evidence without instruction-like documents (their passages and their ranking entries)."""
    report = ScreenReport()
    bad: set[str] = set()
    seen: dict[str, bool] = {}
    docs = [rd.doc for rd in evidence.documents] + [rp.doc for rp in evidence.passages]
    for doc in docs:
        if doc.id not in seen:
            seen[doc.id] = document_flagged(doc, flagger)
            if seen[doc.id]:
                bad.add(doc.id)
                report.flagged_docs.append(doc.id)
    if not bad:
        return evidence, report
    passages = [rp for rp in evidence.passages if rp.doc.id not in bad]
    report.flagged_passages = len(evidence.passages) - len(passages)
    documents = [rd for rd in evidence.documents if rd.doc.id not in bad]
    return Evidence(documents, passages), report
