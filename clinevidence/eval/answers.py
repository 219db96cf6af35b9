"""``eval answers``: ask every query, score verdicts, citations and support, time each answer."""

from __future__ import annotations

import time
from pathlib import Path

from ..answer.models import Answer, Audience
from ..answer.service import AnswerService
from .beir import read_qrels, read_queries

LABELS = ("yes", "no", "maybe")


def macro_f1(gold: list[str], pred: list[str]) -> float:
    f1s = []
    for label in LABELS:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p != label)
        if tp + fp + fn == 0:
            continue
        f1s.append(2 * tp / (2 * tp + fp + fn))
    return sum(f1s) / len(f1s) if f1s else 0.0


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    s = sorted(values)
    idx = min(len(s) - 1, max(0, round(q / 100 * (len(s) - 1))))
    return s[idx]


def eval_answers(
    service: AnswerService, queries_path: Path, qrels_path: Path | None = None, engine: str | None = None
) -> dict[str, float]:
    queries = read_queries(queries_path)
    qrels = read_qrels(qrels_path) if qrels_path else {}
    gold: list[str] = []
    pred: list[str] = []
    latencies: list[float] = []
    statements = supported = citations = resolvable = abstained = 0
    gold_cited_hits = gold_cited_n = 0
    for q in queries:
        t0 = time.perf_counter()
        ans: Answer = service.ask(q.text, Audience.clinician, engine=engine)
        latencies.append((time.perf_counter() - t0) * 1000)
        refs = {r.n: r.doc_id for r in ans.references}
        for st in ans.all_statements():
            statements += 1
            supported += int(st.supported)
            for n in st.citations:
                citations += 1
                resolvable += int(n in refs)
        abstained += int(ans.verdict == "insufficient")
        label = str(q.metadata.get("answer", "")).lower()
        if label in LABELS:
            gold.append(label)
            pred.append("maybe" if ans.verdict == "insufficient" else str(ans.verdict))
        rel = {d for d, g in qrels.get(q.id, {}).items() if g > 0}
        if rel:
            gold_cited_n += 1
            gold_cited_hits += int(bool(rel & set(refs.values())))
    n = len(queries)
    return {
        "queries": n,
        "verdict_accuracy": sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold) if gold else 0.0,
        "verdict_macro_f1": macro_f1(gold, pred),
        "abstain_rate": abstained / n if n else 0.0,
        "statements": statements,
        "statements_per_answer": statements / n if n else 0.0,
        "statements_supported_rate": supported / statements if statements else 0.0,
        "citations_resolvable_rate": resolvable / citations if citations else 1.0,
        "gold_cited_rate": gold_cited_hits / gold_cited_n if gold_cited_n else 0.0,
        "latency_p50_ms": percentile(latencies, 50),
        "latency_p95_ms": percentile(latencies, 95),
    }
