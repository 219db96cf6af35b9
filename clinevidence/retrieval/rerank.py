"""Learned re-ranking of the top documents: does this document answer *this* question, not only share its words?

BM25 finds the documents about a topic; among a topic's documents (a disease's symptoms, causes, treatment and
inheritance pages; a drug's dosing, side-effect and interaction sections) it cannot tell which one answers the
question asked. The re-ranker adds what it misses:

* ``intent``: learnt associations between question words and the words a *relevant* document opens with, contrasted
  with the openings of the other candidates ("inherited" → "autosomal", "pattern"; "how many" → "prevalence",
  "affects"; "side effects" → "side", "effects"), trained on dev data (``scripts/train_reranker.py``);
* coverage of the question's words in the whole document and in its title, the BM25 score relative to the best
  candidate, and the candidate's BM25 rank.

A logistic model over these features gives each candidate a probability of being relevant (``relevance``), which
orders the documents and tells the engines which documents are worth quoting at all. Pure Python at inference;
weights in ``rerank_model.json``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..answer.support import terms
from ..text import split_sentences

if TYPE_CHECKING:
    from ..library.store import StoredDocument
    from .search import RankedDocument

MODEL_PATH = Path(__file__).with_name("rerank_model.json")
FEATURES = ("bm25_ratio", "coverage", "title_coverage", "intent", "inv_rank", "lead_coverage")
LEAD_WORDS = 40


def lead_terms(doc: StoredDocument) -> frozenset[str]:
    """Terms of the document's opening (first sentences, about ``LEAD_WORDS`` words)."""
    return _doc_features(doc.id, doc.updated_at.isoformat(), doc)[1]


def doc_terms(doc: StoredDocument) -> frozenset[str]:
    return _doc_features(doc.id, doc.updated_at.isoformat(), doc)[0]


_CACHE: dict[tuple[str, str], tuple[frozenset[str], frozenset[str]]] = {}
_CACHE_MAX = 50_000


def _doc_features(doc_id: str, version: str, doc: StoredDocument) -> tuple[frozenset[str], frozenset[str]]:
    """(all terms, opening terms) of a document, memoised by id and last update: candidates repeat across asks."""
    key = (doc_id, version)
    hit = _CACHE.get(key)
    if hit is None:
        if len(_CACHE) >= _CACHE_MAX:
            _CACHE.pop(next(iter(_CACHE)))
        hit = (_all_terms(doc), _lead_terms(doc))
        _CACHE[key] = hit
    return hit


def _all_terms(doc: StoredDocument) -> frozenset[str]:
    return terms(" ".join([doc.title, *(s.text for s in doc.sections)]))


def _lead_terms(doc: StoredDocument) -> frozenset[str]:
    text = " ".join(s.text for s in doc.sections[:2])
    words: list[str] = []
    for sent in split_sentences(text[:2000]):
        words.extend(sent.split())
        if len(words) >= LEAD_WORDS:
            break
    return terms(" ".join(words[: LEAD_WORDS + 20]))


def intent_score(q_terms: frozenset[str], lead: frozenset[str], assoc: dict[str, dict[str, float]]) -> float:
    """Mean over question terms that have associations of the best association found in the lead."""
    scores = []
    for qt in q_terms:
        table = assoc.get(qt)
        if not table:
            continue
        scores.append(max((w for dt, w in table.items() if dt in lead), default=0.0))
    return sum(scores) / len(scores) if scores else 0.0


def features(
    q_terms: frozenset[str],
    doc: StoredDocument,
    ratio: float,
    rank: int,
    assoc: dict[str, dict[str, float]],
) -> dict[str, float]:
    d_terms = doc_terms(doc)
    lead = lead_terms(doc)
    title = terms(doc.title)
    n = len(q_terms) or 1
    return {
        "bm25_ratio": ratio,
        "coverage": len(q_terms & d_terms) / n,
        "title_coverage": len(q_terms & title) / n,
        "intent": intent_score(q_terms, lead, assoc),
        "inv_rank": 1.0 / rank,
        "lead_coverage": len(q_terms & lead) / n,
    }


@dataclass(slots=True)
class RerankModel:
    weights: dict[str, float]
    bias: float
    assoc: dict[str, dict[str, float]] = field(default_factory=dict)
    meta: dict[str, object] = field(default_factory=dict)

    def probability(self, feats: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict[str, object]:
        return {"features": list(FEATURES), "weights": self.weights, "bias": self.bias, "assoc": self.assoc,
                "meta": self.meta}  # fmt: skip


@lru_cache(maxsize=4)
def load_model(path: str = str(MODEL_PATH)) -> RerankModel | None:
    p = Path(path)
    if not p.exists():
        return None
    raw = json.loads(p.read_text("utf-8"))
    return RerankModel(
        weights={k: float(v) for k, v in raw["weights"].items()},
        bias=float(raw["bias"]),
        assoc={k: {d: float(w) for d, w in v.items()} for k, v in raw.get("assoc", {}).items()},
        meta=dict(raw.get("meta", {})),
    )


class Reranker:
    """Re-orders BM25 candidates by the learnt probability that each one answers the question."""

    def __init__(self, model: RerankModel | None = None) -> None:
        self.model = model if model is not None else load_model()

    def rerank(self, question: str, ranked: list[RankedDocument]) -> list[RankedDocument]:
        if self.model is None or not ranked:
            return ranked
        q_terms = terms(question)
        top = ranked[0].score or 1.0
        scored = []
        for rd in ranked:
            feats = features(q_terms, rd.doc, rd.score / top, rd.rank, self.model.assoc)
            scored.append((self.model.probability(feats), rd))
        scored.sort(key=lambda x: (-x[0], x[1].rank))
        return [replace(rd, rank=i + 1, relevance=p) for i, (p, rd) in enumerate(scored)]
