"""Train the answerability model shipped as clinevidence/answer/answerable_model.json.

Each question of a set's tune half is asked twice, as the engine sees it (spelling fixed, analysed, evidence
retrieved and re-ranked; questions the frame checks or the emergency screen stop are left out, the model never
sees them):

* as is: label 1 when the first document is relevant (qrels), 0 otherwise (a neighbour came first, or the
  question is one the set marks unanswerable);
* with its relevant documents taken out of the evidence: label 0 (what "the answer is not in the library" looks
  like: only neighbours are left).

Every set weighs the same in training. Reported: for each held-out set (the report half, or a whole set never
trained on), how often the engine would answer when the first document is relevant and how often it would answer
from neighbours only, for the shipped coverage rule (coverage ≥ 0.3) and for the model; and the same
leave-one-set-out (the model trained without that set).

    .venv/bin/python scripts/train_answerable.py [--data ../shared/data] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from bench_answers import SETS, in_split, library_for, scifact_claims  # noqa: E402

from clinevidence.answer.answerable import FEATURES, MODEL_PATH, AnswerableModel, features  # noqa: E402
from clinevidence.answer.extractive import COVERAGE_FLOOR  # noqa: E402
from clinevidence.answer.safety import check_question  # noqa: E402
from clinevidence.answer.service import AnswerService  # noqa: E402
from clinevidence.eval.beir import read_qrels, read_queries  # noqa: E402
from clinevidence.retrieval.search import Evidence  # noqa: E402
from clinevidence.settings import load_settings  # noqa: E402

# (set, split trained on). Whole synthetic sets are either trained on or held out; the dev sets by their halves.
TRAIN = (
    ("consumer-meds", "all"),
    ("consumer-meds-2", "all"),
    ("consumer-meds-3", "all"),
    ("lay-claims-a", "all"),
    ("lay-claims-b", "all"),
    ("lay-claims-c", "all"),
    ("biomed-yesno", "all"),
    ("medquad", "tune"),
    ("bioasq-snippets", "tune"),
    ("pubmedqa", "tune"),
    ("scifact", "tune"),
    ("healthver", "tune"),
)
HELD_OUT = (
    ("consumer-meds-4", "all"),
    ("consumer-meds-5", "all"),
    ("lay-claims-d", "all"),
    ("biomed-yesno-2", "all"),
    ("medquad", "report"),
    ("bioasq-snippets", "report"),
    ("pubmedqa", "report"),
    ("scifact", "report"),
    ("healthver", "report"),
)
MEDQUAD_LIMIT = 600
# "Answerable" when one of the first documents, which the engine may quote, is relevant (the first only: the
# lisinopril pregnancy question whose precautions page is third would be a negative).
LABEL_TOP = 3
MIN_COVERAGE = 0.3  # the rule the model replaces (ExtractiveEngine.min_coverage)
# An abstention on a question the library answers costs twice an answer from neighbours only: the product's sets
# mostly hold their answer (abstain <= 15% is asked there), and an answer from a neighbour still cites only stored,
# quoted sentences. At 1 (balanced accuracy) the threshold is 0.32 and the held-out answer rate when the first
# document is relevant falls to 0.36-0.99.
ANSWER_WEIGHT = 3.0


def _queries(name: str, split: str, folder: Path, tmp: Path) -> tuple[list[tuple[str, str]], dict[str, set[str]]]:
    spec = SETS[name]
    if name == "healthver":
        qfile = folder / (spec["report"] if split == "report" else spec["queries"])
        qrels_file = folder / (spec["report_qrels"] if split == "report" else spec["qrels"])
        split = "all"
    else:
        qfile, qrels_file = folder / spec["queries"], folder / spec["qrels"]
    if name == "scifact":
        qfile, qrels_file = scifact_claims(folder, tmp)
    qrels = {q: {d for d, rel in docs.items() if rel > 0} for q, docs in read_qrels(qrels_file).items()}
    synthetic = name.startswith(("consumer-meds", "lay-claims", "biomed-yesno"))
    out = []
    for q in read_queries(qfile):
        qid, text = q.id, q.text
        if not in_split(qid, split) or (not synthetic and not qrels.get(qid)):
            continue  # a dev set's query without qrels is unlabelled; a synthetic set's is unanswerable
        out.append((qid, text))
        if name == "medquad" and len(out) >= MEDQUAD_LIMIT:
            break
    return out, qrels


def collect(data: Path, work: Path, name: str, split: str) -> list[dict]:
    """Examples of one set: features, label, kind ("as is" / "removed") and the shipped rule's coverage."""
    lib, folder = library_for(data, name, work)
    service = AnswerService(lib, load_settings())
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        queries, qrels = _queries(name, split, folder, Path(tmp))
    for qid, text in queries:
        if check_question(text, "clinician") is not None:
            continue
        analysis, _ = service.analysis(text)
        evidence, _ = service._evidence(analysis)
        gold = qrels.get(qid, set())
        variants = [("as is", evidence)]
        if gold:
            variants.append(
                (
                    "removed",
                    Evidence(
                        [d for d in evidence.documents if d.doc.id not in gold],
                        [p for p in evidence.passages if p.doc.id not in gold],
                    ),
                )
            )
        for kind, ev in variants:
            if not ev.documents or service._frame_gap(analysis, ev) is not None:
                continue
            feats = features(analysis, ev)
            label = int(kind == "as is" and any(rd.doc.id in gold for rd in ev.documents[:LABEL_TOP]))
            rows.append({"set": f"{name}/{split}", "qid": qid, "kind": kind, "label": label, "feats": feats})
    return rows


def _matrix(rows: list[dict]) -> np.ndarray:
    return np.array([[r["feats"][f] for f in FEATURES] for r in rows], dtype=float)


def fit(rows: list[dict]) -> LogisticRegression:
    sets = defaultdict(int)
    for r in rows:
        sets[r["set"]] += 1
    weight = np.array([1.0 / sets[r["set"]] for r in rows]) * len(rows) / len(sets)
    model = LogisticRegression(C=1.0, max_iter=2000)
    model.fit(_matrix(rows), np.array([r["label"] for r in rows]), sample_weight=weight)
    return model


def rates(rows: list[dict], answers: list[bool]) -> dict[str, float | None]:
    """answer rate when the first document is relevant; answer rate from neighbours only (gold removed or a
    neighbour first)."""
    pos = [a for r, a in zip(rows, answers, strict=True) if r["label"] == 1]
    removed = [a for r, a in zip(rows, answers, strict=True) if r["kind"] == "removed"]
    return {
        "answer|first relevant": round(float(np.mean(pos)), 3) if pos else None,
        "answer|answer removed": round(float(np.mean(removed)), 3) if removed else None,
        "n": len(rows),
    }


def choose_threshold(model: LogisticRegression, rows: list[dict]) -> float:
    """The threshold that maximises ``ANSWER_WEIGHT`` x (first relevant answered) + (neighbours-only abstained),
    averaged over the training sets, each weighing the same."""
    probs = model.predict_proba(_matrix(rows))[:, 1]
    best, best_t = -1.0, 0.5
    for t in np.arange(0.05, 0.95, 0.01):
        scores = []
        for s in {r["set"] for r in rows}:
            idx = [i for i, r in enumerate(rows) if r["set"] == s]
            ok = [probs[i] >= t and rows[i]["feats"]["coverage"] >= COVERAGE_FLOOR for i in idx]
            pos = [ok[n] for n, i in enumerate(idx) if rows[i]["label"] == 1]
            neg = [not ok[n] for n, i in enumerate(idx) if rows[i]["kind"] == "removed"]
            if pos and neg:
                scores.append(ANSWER_WEIGHT * np.mean(pos) + np.mean(neg))
        score = float(np.mean(scores))
        if score > best:
            best, best_t = score, float(t)
    return best_t


def report(model: LogisticRegression, threshold: float, rows: list[dict]) -> dict[str, dict]:
    out = {}
    for s in dict.fromkeys(r["set"] for r in rows):
        part = [r for r in rows if r["set"] == s]
        probs = model.predict_proba(_matrix(part))[:, 1]
        out[s] = {
            "rule": rates(part, [r["feats"]["coverage"] >= MIN_COVERAGE for r in part]),
            "model": rates(
                part,
                [
                    bool(p >= threshold) and r["feats"]["coverage"] >= COVERAGE_FLOOR
                    for p, r in zip(probs, part, strict=True)
                ],
            ),  # fmt: skip
        }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--work", type=Path, default=REPO / "var" / "bench-answers")
    ap.add_argument("--no-write", action="store_true")
    # The collected rows (the slow part); delete it after changing the engine or the re-ranker.
    ap.add_argument("--cache", type=Path, default=REPO / "var" / "answerable-rows.json")
    args = ap.parse_args(argv)
    cached = json.loads(args.cache.read_text()) if args.cache.exists() else {}
    if cached.get("features") == list(FEATURES):  # rows of another feature set are collected again
        train_rows, held_rows = cached["train"], cached["held"]
    else:
        train_rows = [r for name, split in TRAIN for r in collect(args.data, args.work, name, split)]
        held_rows = [r for name, split in HELD_OUT for r in collect(args.data, args.work, name, split)]
        args.cache.parent.mkdir(parents=True, exist_ok=True)
        args.cache.write_text(json.dumps({"features": list(FEATURES), "train": train_rows, "held": held_rows}))
    model = fit(train_rows)
    threshold = choose_threshold(model, train_rows)
    print(
        "weights",
        dict(zip(FEATURES, np.round(model.coef_[0], 3).tolist(), strict=True)),
        "bias",
        round(float(model.intercept_[0]), 3),
    )
    print("threshold", round(threshold, 2))
    figures = {"held_out": report(model, threshold, held_rows)}
    loso = {}
    for s in dict.fromkeys(r["set"] for r in train_rows):
        others = [r for r in train_rows if r["set"] != s]
        m = fit(others)
        loso.update(report(m, choose_threshold(m, others), [r for r in train_rows if r["set"] == s]))
    figures["leave_one_set_out"] = loso
    print(json.dumps(figures, indent=1))
    if not args.no_write:
        shipped = AnswerableModel(
            weights={f: round(float(w), 5) for f, w in zip(FEATURES, model.coef_[0], strict=True)},
            bias=round(float(model.intercept_[0]), 5),
            threshold=round(threshold, 3),
            meta={"trained_on": [f"{n}/{s}" for n, s in TRAIN], "script": "scripts/train_answerable.py"},
        )
        MODEL_PATH.write_text(json.dumps(shipped.to_json(), indent=1) + "\n", encoding="utf-8")
        print("wrote", MODEL_PATH)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
