"""The retriever: rank documents, then the passages inside them, with optional priors."""

from __future__ import annotations

from dataclasses import dataclass

from ..library.store import Library, StoredDocument
from ..models import Passage
from .priors import NO_PRIORS, Priors


@dataclass(slots=True)
class RankedDocument:
    doc: StoredDocument
    score: float
    rank: int


@dataclass(slots=True)
class RankedPassage:
    passage: Passage
    doc: StoredDocument
    score: float  # passage BM25 blended with its document's score


@dataclass(slots=True)
class Evidence:
    documents: list[RankedDocument]
    passages: list[RankedPassage]


class Retriever:
    """Lexical document ranking (BM25 over whole documents), then passage ranking within the top documents."""

    def __init__(self, library: Library, priors: Priors | None = None) -> None:
        self.library = library
        self.priors = priors if priors is not None else Priors()

    def rank_doc_ids(self, question: str, k: int = 100) -> list[tuple[str, float]]:
        """Document ids with scores, no priors, no storage round trip (used by evaluation)."""
        return [(h.doc_id, h.score) for h in self.library.doc_index.search(question, k)]

    def documents(self, question: str, k: int = 10) -> list[RankedDocument]:
        pool = max(k * 3, 30) if self.priors is not NO_PRIORS else k
        hits = self.library.doc_index.search(question, pool)
        docs = self.library.get_documents(h.doc_id for h in hits)
        scored = []
        for h in hits:
            d = docs.get(h.doc_id)
            if d is not None:
                scored.append((h.score * self.priors.boost(d.type, d.year), d))
        scored.sort(key=lambda x: (-x[0], x[1].id))
        return [RankedDocument(d, s, i + 1) for i, (s, d) in enumerate(scored[:k])]

    def evidence(self, question: str, k_docs: int = 8, k_passages: int = 24) -> Evidence:
        ranked = self.documents(question, k_docs)
        if not ranked:
            return Evidence([], [])
        by_id = {r.doc.id: r for r in ranked}
        top_score = ranked[0].score or 1.0
        hits = self.library.passage_index.search(question, k_passages * 2, doc_ids=list(by_id))
        passages = self.library.get_passages(h.key for h in hits)
        best_p = max((h.score for h in hits), default=1.0) or 1.0
        out: list[RankedPassage] = []
        for h in hits:
            p = passages.get(h.key)
            if p is None:
                continue
            r = by_id[h.doc_id]
            out.append(RankedPassage(p, r.doc, 0.6 * h.score / best_p + 0.4 * r.score / top_score))
        out.sort(key=lambda x: (-x.score, x.passage.id))
        return Evidence(ranked, out[:k_passages])
