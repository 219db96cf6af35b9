"""``eval answers``: ask every query, score verdicts, relevance of citations and support, time each answer.

Relevance metrics can fail: ``statement_precision`` is the share of statements that cite at least one document the
qrels mark relevant to *this* query, ``bottom_line_precision`` the same for the bottom line only. A metric with no
labels to score against (no qrels, no yes/no/maybe answers) is ``None`` (JSON ``null``), never 0.0.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from ..answer.models import Answer, Audience
from ..answer.service import AnswerService
from .beir import read_qrels, read_queries

LABELS = ("yes", "no", "maybe")


def _f1_parts(gold: list[str], pred: list[str], label: str) -> tuple[int, int, int]:
    tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p == label)
    fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != label and p == label)
    fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p != label)
    return tp, fp, fn


def macro_f1(gold: list[str], pred: list[str], over: str = "gold") -> float:
    """Mean F1 over the labels that occur in ``gold`` (``over="gold"``), or in gold or predictions (``"all"``).

    F1 needs recall, and recall needs gold labels: a class no query holds (``maybe`` on a yes/no-only set such as
    BioASQ) has no F1, as its per-class recall is null. Predicting it still costs, as missed recall of the classes
    the queries do hold. This is the official BioASQ yes/no measure (macro-averaged over ``yes`` and ``no``) and,
    where every class occurs in gold (PubMedQA, HealthVer, SciFact), the usual three-class macro-F1.
    ``"all"`` counts a predicted-only class as F1 0 (the definition used before, decision 0009)."""
    labels = set(gold) if over == "gold" else set(gold) | set(pred)
    f1s = []
    for label in LABELS:
        if label not in labels:
            continue
        tp, fp, fn = _f1_parts(gold, pred, label)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)
    return sum(f1s) / len(f1s) if f1s else 0.0


def per_class(gold: list[str], pred: list[str]) -> dict[str, dict[str, float | int | None]]:
    """Precision, recall and F1 of each verdict class; ``None`` where the denominator is empty."""
    out: dict[str, dict[str, float | int | None]] = {}
    for label in LABELS:
        tp, fp, fn = _f1_parts(gold, pred, label)
        out[label] = {
            "precision": tp / (tp + fp) if tp + fp else None,
            "recall": tp / (tp + fn) if tp + fn else None,
            "f1": 2 * tp / (2 * tp + fp + fn) if tp + fn else None,  # no gold labels: no recall, no F1
            "gold": tp + fn,
            "predicted": tp + fp,
        }
    return out


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    s = sorted(values)
    idx = min(len(s) - 1, max(0, round(q / 100 * (len(s) - 1))))
    return s[idx]


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def eval_answers(
    service: AnswerService,
    queries_path: Path,
    qrels_path: Path | None = None,
    engine: str | None = None,
    answers_out: IO[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    queries = read_queries(queries_path)
    qrels = read_qrels(qrels_path) if qrels_path else {}
    gold: list[str] = []
    pred: list[str] = []
    latencies: list[float] = []
    statements = supported = citations = resolvable = abstained = 0
    gold_cited_hits = gold_cited_n = 0
    rel_statements = rel_hits = bl_statements = bl_hits = 0
    for i, q in enumerate(queries):
        t0 = time.perf_counter()
        ans: Answer = service.ask(q.text, Audience.clinician, engine=engine)
        latencies.append((time.perf_counter() - t0) * 1000)
        if answers_out is not None:
            answers_out.write(json.dumps({"query_id": q.id, **ans.model_dump(mode="json")}) + "\n")
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
            for st in ans.all_statements():
                hit = any(refs.get(n) in rel for n in st.citations)
                rel_statements += 1
                rel_hits += int(hit)
            for st in ans.summary:
                bl_statements += 1
                bl_hits += int(any(refs.get(n) in rel for n in st.citations))
        if progress is not None:
            progress(i + 1, len(queries))
    n = len(queries)
    classes = per_class(gold, pred)
    result: dict[str, Any] = {
        "queries": n,
        "verdict_queries": len(gold),
        "verdict_accuracy": _ratio(sum(g == p for g, p in zip(gold, pred, strict=True)), len(gold)),
        "verdict_macro_f1": macro_f1(gold, pred) if gold else None,
        "verdict_macro_f1_all_labels": macro_f1(gold, pred, over="all") if gold else None,
        "verdict_per_class": classes if gold else None,
        "abstain_rate": abstained / n if n else None,
        "statements": statements,
        "statements_per_answer": statements / n if n else None,
        "statements_supported_rate": _ratio(supported, statements),
        "citations_resolvable_rate": _ratio(resolvable, citations),
        "gold_cited_rate": _ratio(gold_cited_hits, gold_cited_n),
        "statement_precision": _ratio(rel_hits, rel_statements) if gold_cited_n else None,
        "bottom_line_precision": _ratio(bl_hits, bl_statements) if gold_cited_n else None,
        "latency_p50_ms": percentile(latencies, 50),
        "latency_p95_ms": percentile(latencies, 95),
    }
    for label in LABELS:
        result[f"verdict_precision_{label}"] = classes[label]["precision"] if gold else None
        result[f"verdict_recall_{label}"] = classes[label]["recall"] if gold else None
    return result
