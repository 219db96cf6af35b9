"""IR metrics over qrels {query: {doc: grade}} and runs {query: [doc, ...] best first}."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence


def dcg(gains: Sequence[float]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))


def ndcg_at(ranked: Sequence[str], relevant: Mapping[str, int], k: int = 10) -> float:
    gains = [float(relevant.get(d, 0)) for d in ranked[:k]]
    ideal = sorted((float(g) for g in relevant.values() if g > 0), reverse=True)[:k]
    idcg = dcg(ideal)
    return dcg(gains) / idcg if idcg > 0 else 0.0


def recall_at(ranked: Sequence[str], relevant: Mapping[str, int], k: int) -> float:
    rel = {d for d, g in relevant.items() if g > 0}
    if not rel:
        return 0.0
    return len(rel.intersection(ranked[:k])) / len(rel)


def reciprocal_rank(ranked: Sequence[str], relevant: Mapping[str, int]) -> float:
    for i, d in enumerate(ranked, start=1):
        if relevant.get(d, 0) > 0:
            return 1.0 / i
    return 0.0


def mean(xs: Sequence[float]) -> float:
    return sum(xs) / len(xs) if xs else 0.0


def evaluate_run(run: Mapping[str, Sequence[str]], qrels: Mapping[str, Mapping[str, int]]) -> dict[str, float]:
    """Mean nDCG@10, Recall@10, Recall@100 and MRR over the queries that have qrels."""
    qids = [q for q in qrels if any(g > 0 for g in qrels[q].values())]
    return {
        "ndcg@10": mean([ndcg_at(run.get(q, []), qrels[q], 10) for q in qids]),
        "recall@10": mean([recall_at(run.get(q, []), qrels[q], 10) for q in qids]),
        "recall@100": mean([recall_at(run.get(q, []), qrels[q], 100) for q in qids]),
        "mrr": mean([reciprocal_rank(run.get(q, []), qrels[q]) for q in qids]),
        "queries": float(len(qids)),
    }
