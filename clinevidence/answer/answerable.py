"""Does the first document answer the question? The learnt check behind abstention.

The coverage check alone (IDF-weighted share of the question's words found in one of the top documents, at least
0.3) abstains on long consumer messages whose answer page is first ("left my son's tamiflu liquid on the counter all
night instead of the fridge": the storage page shares two of thirteen words) and answers questions whose neighbour
happens to share words. A logistic model over the coverage of the first documents, the re-ranker's relevance and
whether the first page names the question's medicines gives the probability that the first document answers the
question; below the model's threshold the engine abstains.

Trained by ``scripts/train_answerable.py`` on the tune halves of several dev sets, with each question asked twice:
as is (label: is the first document relevant?) and with its relevant documents taken out of the evidence (label 0:
only neighbours are left, which is what "the answer is not in the library" looks like). Weights in
``answerable_model.json``; without that file the plain coverage threshold applies.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..retrieval.search import Evidence, RankedDocument
from .extractive import DocCoverage, _specific_terms, coverage_parts
from .question import Concept, QuestionAnalysis, asked_concepts, distinct_drugs, mentions_as_member

MODEL_PATH = Path(__file__).with_name("answerable_model.json")
FEATURES = (
    "coverage",
    "top_score",
    "top_asked",
    "top_passes",
    "relevance",
    "max_relevance",
    "bm25_ratio",
    "has_drugs",
    "top_names_drugs",
    "near_names_drugs",
    "log_terms",
    "background",
)
NEAR = 3  # the documents the engine may quote besides the first (the coverage check reads as many)


def _names_drugs(rd: RankedDocument, drugs: list[Concept]) -> bool:
    text = " ".join([rd.doc.title, *(s.text for s in rd.doc.sections)])
    return all(mentions_as_member(text, c) for c in drugs)


def features(
    analysis: QuestionAnalysis, evidence: Evidence, parts: list[DocCoverage] | None = None
) -> dict[str, float]:
    """The model's inputs for one question and its evidence (documents in ranked order); ``parts``: the coverage of
    the first ``NEAR`` documents when the caller has it already."""
    if parts is None:
        parts = coverage_parts(analysis, evidence, NEAR)
    docs = evidence.documents
    near = docs[:NEAR]
    top = parts[0] if parts else None
    drugs = distinct_drugs(asked_concepts(analysis))
    first = docs[0] if docs else None
    second = docs[1] if len(docs) > 1 else None
    return {
        "coverage": max((p.score for p in parts if p.passes), default=0.0),
        "top_score": top.score if top else 0.0,
        "top_asked": top.asked if top else 0.0,
        "top_passes": 1.0 if top and top.passes else 0.0,
        "relevance": first.relevance if first else 0.0,
        "max_relevance": max((rd.relevance for rd in near), default=0.0),
        "bm25_ratio": (second.score / first.score) if first and second and first.score else 0.0,
        "has_drugs": 1.0 if drugs else 0.0,
        "top_names_drugs": 1.0 if drugs and first and _names_drugs(first, drugs) else 0.0,
        "near_names_drugs": 1.0 if drugs and any(_names_drugs(rd, drugs) for rd in near) else 0.0,
        "log_terms": math.log1p(len(_specific_terms(analysis, told=True))) / 3.0,
        "background": 1.0 if analysis.told.strip() != analysis.asked.strip() else 0.0,
    }


@dataclass(slots=True, frozen=True)
class AnswerableModel:
    weights: dict[str, float]
    bias: float
    threshold: float
    meta: dict[str, object]

    def probability(self, feats: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict[str, object]:
        return {"features": list(FEATURES), "weights": self.weights, "bias": self.bias, "threshold": self.threshold,
                "meta": self.meta}  # fmt: skip


@lru_cache(maxsize=4)
def load_model(path: str = str(MODEL_PATH)) -> AnswerableModel | None:
    p = Path(path)
    if not p.exists():
        return None
    raw = json.loads(p.read_text("utf-8"))
    return AnswerableModel(
        weights={k: float(v) for k, v in raw["weights"].items()},
        bias=float(raw["bias"]),
        threshold=float(raw["threshold"]),
        meta=dict(raw.get("meta", {})),
    )
