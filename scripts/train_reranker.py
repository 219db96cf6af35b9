"""Train the document re-ranker shipped as clinevidence/retrieval/rerank_model.json.

Training pairs: each query's top BM25 candidates (labelled by the qrels) from the *tune* half of several dev sets
(``bench.bench_answers.in_split``). Reported: rank-1 precision (the share of questions whose first document is
relevant) and nDCG@10 before/after re-ranking on the *report* half of every set, and leave-one-set-out figures
(the model trained without a set, measured on it) — the honest estimate for data sets of styles we never saw.

The logistic weights are fitted on the rarity-weighted features of ``rerank.FEATURES``; the intent associations
(question word → words of a relevant document's opening) only order documents that share the first one's title
(``Reranker._order_siblings``).

    .venv/bin/python scripts/train_reranker.py [--data ../shared/data] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from bench_answers import in_split, library_for  # noqa: E402

from clinevidence.answer.question import analyze  # noqa: E402
from clinevidence.answer.support import terms  # noqa: E402
from clinevidence.eval.beir import read_qrels, read_queries  # noqa: E402
from clinevidence.retrieval.priors import NO_PRIORS  # noqa: E402
from clinevidence.retrieval.rerank import (  # noqa: E402
    FEATURES,
    MODEL_PATH,
    Reranker,
    RerankModel,
    features,
    lead_terms,
    term_weights,
)
from clinevidence.retrieval.search import RankedDocument, Retriever  # noqa: E402

SETS = {
    "medquad": ("queries.jsonl", "qrels/dev.tsv", 2500),
    "bioasq-snippets": ("queries.jsonl", "qrels/dev.tsv", None),
    "pubmedqa": ("queries.jsonl", "qrels/dev.tsv", None),
    "scifact": ("queries.jsonl", "qrels/train.tsv", None),
    "healthver": ("queries.jsonl", "qrels/dev.tsv", None),
}
POOL = 16
MIN_PAIR = 4  # an association needs this many relevant openings behind it


def collect(data: Path, work: Path) -> dict[str, list[dict]]:
    """Per set, per query: the candidates' ids, BM25 scores, lead terms and labels."""
    out: dict[str, list[dict]] = {}
    for name, (qfile, qrfile, cap) in SETS.items():
        lib, _ = library_for(data, name, work)
        retr = Retriever(lib, priors=NO_PRIORS)
        qrels = read_qrels(data / name / qrfile)
        queries = [q for q in read_queries(data / name / qfile) if q.id in qrels]
        random.Random(0).shuffle(queries)
        if cap:
            queries = queries[: 2 * cap]
        rows = []
        for q in queries:
            a = analyze(q.text)
            cands = retr.candidates(a.search_text, POOL, plain=a.retrieval_text)
            if not cands:
                continue
            rel = {d for d, g in qrels[q.id].items() if g > 0}
            rows.append(
                {
                    "id": q.id,
                    "text": q.text,
                    "split": "tune" if in_split(q.id, "tune") else "report",
                    "q_terms": terms(q.text),
                    "weights": term_weights(q.text),
                    # As at inference (``AnswerService._evidence``): the concepts' own names and the intents'
                    # words cover the question's words for them.
                    "alternatives": a.alternatives,
                    "cands": [(rd.doc, rd.score, rd.rank, rd.doc.id in rel) for rd in cands],
                    "n_rel": len(rel),
                }
            )
        out[name] = rows
        print(f"{name}: {len(rows)} queries", flush=True)
    return out


def learn_assoc(rows: list[dict]) -> dict[str, dict[str, float]]:
    """log P(term in a relevant opening | question term) / P(term in any candidate's opening | question term)."""
    rel_counts: dict[str, Counter[str]] = defaultdict(Counter)
    cand_counts: dict[str, Counter[str]] = defaultdict(Counter)
    n_rel: Counter[str] = Counter()
    n_cand: Counter[str] = Counter()
    for r in rows:
        # As at inference: the title's words are the topic, not the intent; they are left out on both sides.
        titles = [terms(doc.title) for doc, *_ in r["cands"]]
        leads = [(lead_terms(doc) - t, is_rel) for (doc, _, _, is_rel), t in zip(r["cands"], titles, strict=True)]
        topic = frozenset().union(*(t for t, (*_, is_rel) in zip(titles, r["cands"], strict=True) if is_rel))
        for qt in r["q_terms"] - topic:
            for lead, is_rel in leads:
                cand_counts[qt].update(lead)
                n_cand[qt] += 1
                if is_rel:
                    rel_counts[qt].update(lead)
                    n_rel[qt] += 1
    assoc: dict[str, dict[str, float]] = {}
    for qt, counter in rel_counts.items():
        if n_rel[qt] < MIN_PAIR:
            continue
        table = {}
        for dt, c in counter.items():
            if c < MIN_PAIR:
                continue
            p_rel = (c + 0.5) / (n_rel[qt] + 1)
            p_any = (cand_counts[qt][dt] + 0.5) / (n_cand[qt] + 1)
            w = math.log(p_rel / p_any)
            if w > 0.3:
                table[dt] = round(w, 3)
        if table:
            assoc[qt] = dict(sorted(table.items(), key=lambda x: -x[1])[:25])
    return assoc


def matrix(rows: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = [], []
    for r in rows:
        top = r["cands"][0][1] or 1.0
        for doc, score, rank, is_rel in r["cands"]:
            f = features(r["weights"], doc, score / top, rank, r["alternatives"])
            xs.append([f[k] for k in FEATURES])
            ys.append(int(is_rel))
    return np.array(xs), np.array(ys)


def fit(rows: list[dict]) -> RerankModel:
    x, y = matrix(rows)
    lr = LogisticRegression(C=1.0, max_iter=3000)
    lr.fit(x, y)
    weights = {k: round(float(w), 4) for k, w in zip(FEATURES, lr.coef_[0], strict=True)}
    return RerankModel(weights=weights, bias=round(float(lr.intercept_[0]), 4), assoc=learn_assoc(rows))


def evaluate(rows: list[dict], model: RerankModel | None) -> dict[str, float]:
    p1 = ndcg = 0.0
    for r in rows:
        if model is not None:
            # The shipped code path (the reranker sorts and orders siblings); candidates carry their BM25 rank.
            ranked = Reranker(model).rerank(
                r["text"], [_ranked(d, s, k) for d, s, k, _ in r["cands"]], alternatives=r["alternatives"]
            )
            rel = {d.id for d, *_, is_rel in r["cands"] if is_rel}
            labels = [rd.doc.id in rel for rd in ranked]
        else:
            labels = [rel for *_, rel in r["cands"]]
        p1 += labels[0]
        dcg = sum(1 / math.log2(i + 2) for i, rel in enumerate(labels[:10]) if rel)
        ideal = sum(1 / math.log2(i + 2) for i in range(min(10, r["n_rel"])))
        ndcg += dcg / ideal if ideal else 0.0
    n = len(rows) or 1
    return {"rank1_precision": round(p1 / n, 3), "ndcg@10_pool": round(ndcg / n, 3), "queries": len(rows)}


def _ranked(doc, score: float, rank: int) -> RankedDocument:  # type: ignore[no-untyped-def]
    return RankedDocument(doc=doc, score=score, rank=rank)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--work", type=Path, default=REPO / "var" / "bench-answers")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    data = collect(args.data, args.work)
    # HealthVer is never trained on: it is the cross-style check (claims, not questions).
    train_sets = ["medquad", "bioasq-snippets", "pubmedqa", "scifact"]
    tune = [r for name in train_sets for r in data[name] if r["split"] == "tune"]
    model = fit(tune)
    report: dict[str, dict] = {}
    for name, rows in data.items():
        rep = [r for r in rows if r["split"] == "report"] if name != "healthver" else rows
        report[name] = {"bm25": evaluate(rep, None), "reranked": evaluate(rep, model)}
    # Leave one set out: trained on the others' tune halves, measured on the held-out set's report half.
    for name in train_sets:
        others = [r for n in train_sets if n != name for r in data[n] if r["split"] == "tune"]
        held = [r for r in data[name] if r["split"] == "report"]
        report[name]["reranked_without_this_set"] = evaluate(held, fit(others))
    print(json.dumps(report, indent=1))
    model.meta = {"trained_on": [f"{n} (tune half)" for n in train_sets], "report": report}
    if not args.no_write:
        MODEL_PATH.write_text(json.dumps(model.to_json(), sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH} ({len(model.assoc)} question terms with associations)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
