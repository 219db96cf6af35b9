"""``eval retrieval``: rank a BEIR corpus for each query and score the run."""

from __future__ import annotations

import time
from pathlib import Path

from ..library.store import Library
from ..retrieval.dense import Embedder
from ..retrieval.priors import NO_PRIORS
from ..retrieval.search import Retriever
from .beir import read_qrels, read_queries
from .metrics import evaluate_run


def eval_retrieval(
    library: Library,
    queries_path: Path,
    qrels_path: Path,
    k: int = 100,
    *,
    embedder: Embedder | None = None,
    dense_weight: float = 1.0,
    rrf_k: int = 60,
) -> dict[str, float]:
    """Score the ranking; with ``embedder`` (and vectors in the library) BM25 and cosine are fused with RRF."""
    queries = read_queries(queries_path)
    qrels = read_qrels(qrels_path)
    retriever = Retriever(library, priors=NO_PRIORS, embedder=embedder, dense_weight=dense_weight, rrf_k=rrf_k)
    run: dict[str, list[str]] = {}
    todo = [q for q in queries if q.id in qrels]
    start = time.perf_counter()
    for q in todo:
        run[q.id] = [d for d, _ in retriever.rank_doc_ids(q.text, k)]
    elapsed = time.perf_counter() - start
    result = evaluate_run(run, {q.id: qrels[q.id] for q in todo})
    result["qps"] = len(todo) / elapsed if elapsed > 0 else 0.0
    return result
