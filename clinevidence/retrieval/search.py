"""The retriever: rank documents, then the passages inside them, with optional priors."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..library.store import Library, StoredDocument
from ..models import Passage
from .fusion import rrf
from .priors import NO_PRIORS, Priors

if TYPE_CHECKING:
    from ..settings import RetrievalSettings
    from .dense import Embedder
    from .pgvector_store import PgVectorStore
    from .rerank import Reranker
    from .vectors import VectorStore

DENSE_POOL = 100  # documents taken from each of the BM25 and cosine rankings before fusion
PREFER_FLOOR = 0.3  # share of the first document's relevance a preferred document needs to go first
PREFER_SCORE = 0.5  # ... or share of its BM25 score

log = logging.getLogger(__name__)


@dataclass(slots=True)
class RankedDocument:
    doc: StoredDocument
    score: float
    rank: int
    relevance: float = 1.0  # the re-ranker's probability that the document answers the question (1.0: no model)


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
    """Document ranking (BM25 over whole documents, RRF-fused with cosine over document vectors when an embedder
    is given and the library has vectors from it), then passage ranking within the top documents."""

    def __init__(
        self,
        library: Library,
        priors: Priors | None = None,
        *,
        embedder: Embedder | None = None,
        dense_weight: float = 1.0,
        rrf_k: int = 60,
        reranker: Reranker | None = None,
    ) -> None:
        self.library = library
        self.reranker = reranker
        self.priors = priors if priors is not None else Priors()
        self.embedder = embedder
        self.dense_weight = dense_weight
        self.rrf_k = rrf_k
        self._store: VectorStore | PgVectorStore | None = None
        self._store_sig = -1

    def _vectors(self) -> VectorStore | PgVectorStore | None:
        """The library's vector store when dense retrieval applies (reloaded when ``embed`` adds vectors)."""
        if self.embedder is None:
            return None
        from .vectors import open_store, store_signature

        store = self._store
        sig = store_signature(self.library) if store is None else store.signature()
        if store is None or sig != self._store_sig:
            # sig was read before loading: a change during the load is seen next time
            store = open_store(self.library)  # a fresh object swapped in, so concurrent searches never see a half load
            self._store, self._store_sig = store, sig
        if not len(store) or store.model != self.embedder.name:
            return None
        return store

    def _fused(self, question: str, limit: int, store: VectorStore | PgVectorStore) -> list[tuple[str, float]]:
        assert self.embedder is not None
        pool = max(limit, DENSE_POOL)
        lexical = [h.doc_id for h in self.library.doc_index.search(question, pool)]
        dense = [d for d, _ in store.search(self.embedder.embed([question])[0], pool)]
        return rrf([lexical, dense], k=self.rrf_k, weights=[1.0, self.dense_weight])[:limit]

    def rank_doc_ids(self, question: str, k: int = 100) -> list[tuple[str, float]]:
        """Document ids with scores, no priors, no storage round trip (used by evaluation)."""
        store = self._vectors()
        if store is not None:
            return self._fused(question, k, store)
        return [(h.doc_id, h.score) for h in self.library.doc_index.search(question, k)]

    def documents(self, question: str, k: int = 10) -> list[RankedDocument]:
        hits = self._hits(question, k)
        return self._ranked(hits, self.library.get_documents(doc_id for doc_id, _ in hits), k)

    def _hits(self, question: str, k: int) -> list[tuple[str, float]]:
        pool = max(k * 3, 30) if self.priors is not NO_PRIORS else k
        store = self._vectors()
        if store is not None:
            return self._fused(question, pool, store)
        return [(h.doc_id, h.score) for h in self.library.doc_index.search(question, pool)]

    def _ranked(self, hits: list[tuple[str, float]], docs: dict[str, StoredDocument], k: int) -> list[RankedDocument]:
        scored = []
        for doc_id, score in hits:
            d = docs.get(doc_id)
            if d is not None:
                scored.append((score * self.priors.boost(d.type, d.year), d))
        scored.sort(key=lambda x: (-x[0], x[1].id))
        return [RankedDocument(d, s, i + 1) for i, (s, d) in enumerate(scored[:k])]

    def candidates(self, question: str, k: int, plain: str | None = None) -> list[RankedDocument]:
        """BM25 candidates for ``question``; with ``plain`` (the question without synonym expansion) the plain
        ranking comes first and expansion only adds candidates, so it can never push out what plain ranked first."""
        if not plain or plain == question:
            return self.documents(question, k)
        hits_expanded, hits_plain = self._hits(question, k), self._hits(plain, k)
        # One storage round trip for both rankings (they share most documents).
        docs = self.library.get_documents(dict.fromkeys(d for d, _ in hits_plain + hits_expanded))
        expanded, base = self._ranked(hits_expanded, docs, k), self._ranked(hits_plain, docs, k)
        if not base:
            return expanded
        seen = {r.doc.id for r in base}
        scale = (base[0].score / expanded[0].score) if expanded and expanded[0].score else 1.0
        extra = [r for r in expanded if r.doc.id not in seen]
        merged = base + [RankedDocument(r.doc, min(r.score * scale, base[-1].score), 0) for r in extra]
        merged = merged[:k]
        return [replace(r, rank=i + 1) for i, r in enumerate(merged)]

    def evidence(
        self,
        question: str,
        k_docs: int = 8,
        k_passages: int = 24,
        plain: str | None = None,
        alternatives: Mapping[str, frozenset[str]] | None = None,
        synonyms_searched: bool | None = None,
        prefer: Callable[[StoredDocument], bool] | None = None,
        prefer_strictly: bool = False,
    ) -> Evidence:
        """``alternatives``: stems that cover a question term for the re-ranker (``Reranker.rerank``).
        ``synonyms_searched``: whether ``question`` adds a lexicon's synonyms to ``plain`` (by default: whenever it
        differs); the re-ranker's names rule is then off. ``prefer``: when the first candidate fails it, the
        candidates that pass go first (each keeping its relevance), chosen from the whole pool before it is cut to
        ``k_docs``; those far below the first (``PREFER_FLOOR``, ``PREFER_SCORE``) only with ``prefer_strictly``."""
        if self.reranker is not None and self.reranker.model is not None:
            pool = self.candidates(question, max(2 * k_docs, 16), plain)
            expanded = plain is not None and plain.strip() != question.strip()
            if synonyms_searched is not None:
                expanded = expanded and synonyms_searched
            ranked = self.reranker.rerank(plain or question, pool, names=not expanded, alternatives=alternatives)
        else:
            ranked = self.candidates(question, max(2 * k_docs, 16) if prefer else k_docs, plain)
        ranked = _preferred_first(ranked, prefer, prefer_strictly)[:k_docs]
        if not ranked:
            return Evidence([], [])
        by_id = {r.doc.id: r for r in ranked}
        top_score = max(r.score for r in ranked) or 1.0
        hits = self.library.passage_index.search(question, k_passages * 2, doc_ids=list(by_id))
        first = ranked[0].doc.id
        if not any(h.doc_id == first for h in hits):
            # The document ranked first always has its say: its passages can lose the passage ranking to longer
            # neighbours that repeat the question's words (a fact sheet's other pages).
            hits = [*hits, *self.library.passage_index.search(question, 2, doc_ids=[first])]
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
        kept = out[:k_passages]
        if not any(x.doc.id == first for x in kept):
            kept += [x for x in out if x.doc.id == first][:2]
        return Evidence(ranked, kept)


def _preferred_first(
    ranked: list[RankedDocument], prefer: Callable[[StoredDocument], bool] | None, strict: bool = False
) -> list[RankedDocument]:
    if prefer is None or not ranked or prefer(ranked[0].doc):
        return ranked
    top = ranked[0]
    # Only those near the first by the re-ranker or by words (unless ``strict``): a diabetes guideline naming
    # semaglutide does not go before the pregnancy guideline for "Can Ozempic be continued into the second trimester?".
    passed = [
        prefer(r.doc) and (strict or r.relevance >= PREFER_FLOOR * top.relevance or r.score >= PREFER_SCORE * top.score)
        for r in ranked
    ]
    if not any(passed):
        return ranked
    order = sorted(range(len(ranked)), key=lambda i: not passed[i])
    return [replace(ranked[i], rank=n + 1) for n, i in enumerate(order)]


def dense_options(settings: RetrievalSettings) -> dict[str, Any]:
    """``Retriever`` keyword arguments for ``settings.dense``: the packaged MiniLM when enabled and installed.

    Use as ``Retriever(library, priors, **dense_options(settings.retrieval))``. When dense retrieval is enabled
    but the extra is missing, retrieval stays lexical and a warning is logged (once per process).
    """
    if not settings.dense:
        return {}
    from .dense import DenseUnavailable, shared_minilm

    try:
        embedder = shared_minilm()
    except DenseUnavailable as exc:
        if not _warned:
            _warned.append(True)
            log.warning("dense retrieval is enabled but unavailable, using BM25 only: %s", exc)
        return {}
    return {"embedder": embedder, "dense_weight": settings.dense_weight, "rrf_k": settings.dense_rrf_k}


_warned: list[bool] = []
