"""Train the yes / no / maybe verdict model shipped as clinevidence/answer/verdict_model.json.

Reads PubMedQA in BEIR layout (corpus.jsonl with metadata.sections, queries.jsonl with metadata.answer,
question _id == source abstract _id), builds the hand-designed features of clinevidence.answer.verdict,
reports stratified cross-validated accuracy / macro-F1 / confusion matrix (plus a rule baseline and a
tf-idf baseline for comparison), then fits on all questions and writes the JSON model.

    .venv/bin/python scripts/train_verdict.py [--data ../shared/data/pubmedqa] [--out PATH] [--no-write]

Deterministic: fixed fold seeds, lbfgs on standardised features, rounded weights.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score
from sklearn.model_selection import StratifiedKFold

from clinevidence.answer.verdict import (
    FEATURE_VERSION,
    LABELS,
    MODEL_PATH,
    extract_features,
    load_model,
    split_negated_question,
)
from clinevidence.text import split_sentences

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "pubmedqa"
SEEDS = (0, 1, 2)  # CV repeats
C = 0.03  # strong L2 regularisation; chosen by CV over {0.01, 0.03, 0.1, 0.3, 1}
# Fixed expert weights (logit per unit of raw feature, i.e. per log1p(count)) for cues that are clear but
# too rare in PubMedQA to be learnt; these features get no learnt weight (see Fitted).
PRIORS: dict[str, dict[str, float]] = {
    "c_against": {"no": 1.5},  # "not recommended", "should not", "unnecessary", "ineffective"
    "c_uncertain": {"maybe": 2.0},  # "remains unclear", "inconclusive", "conflicting"
    "x_safe_neg": {"yes": 3.0},  # "Is X safe?" + "did not increase complications"
}


def conclusion_sentences(doc: dict) -> list[str]:
    """Sentences of the labelled conclusion section(s); else the abstract's last two sentences."""
    sections = doc.get("metadata", {}).get("sections") or []
    conc = [s["text"] for s in sections if s.get("label", "").upper().startswith("CONCLUSION")]
    if conc:
        return split_sentences(" ".join(conc))
    return split_sentences(doc.get("text", ""))[-2:]


def load(data: Path) -> tuple[list[str], list[list[str]], np.ndarray]:
    corpus = {}
    with open(data / "corpus.jsonl", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            corpus[d["_id"]] = d
    questions, conclusions, labels = [], [], []
    with open(data / "queries.jsonl", encoding="utf-8") as fh:
        for line in fh:
            q = json.loads(line)
            # A negated question is learnt as its positive form with yes/no swapped (as at inference).
            text, negated = split_negated_question(q["text"])
            answer = q["metadata"]["answer"]
            questions.append(text)
            conclusions.append(conclusion_sentences(corpus[q["_id"]]))
            labels.append({"yes": "no", "no": "yes"}.get(answer, answer) if negated else answer)
    return questions, conclusions, np.array(labels)


def model_document(final: Fitted, names: list[str], version: str, training: dict) -> dict:
    """The JSON the shipped inference code loads (``clinevidence.answer.verdict.load_model``)."""
    return {
        "version": version,
        "feature_version": FEATURE_VERSION,
        "classes": list(LABELS),
        "features": names,
        "mean": [round(float(v), 6) for v in final.mean],
        "scale": [round(float(v), 6) for v in final.scale],
        "priors": PRIORS,
        "coef": [[round(float(v), 6) for v in row] for row in final.coef],
        "intercept": [round(float(v), 6) for v in final.intercept],
        "training": training,
    }


class Fitted:
    """Multinomial logistic regression on standardised features, with fixed expert offsets.

    The offsets (PRIORS, on raw feature values) are added to the logits both while fitting and at
    inference, so the learnt weights account for them; the prior features themselves get no learnt
    weight, so the few PubMedQA examples cannot cancel them.
    """

    def __init__(self, names: list[str], X: np.ndarray, y: np.ndarray) -> None:
        self.mean = X.mean(axis=0)
        self.scale = X.std(axis=0)
        self.scale[self.scale == 0] = 1.0
        self.prior = np.zeros((len(LABELS), len(names)))
        for feat, per_class in PRIORS.items():
            for lab, w in per_class.items():
                self.prior[LABELS.index(lab), names.index(feat)] = w
        Z = (X - self.mean) / self.scale
        Z[:, [names.index(f) for f in PRIORS]] = 0.0
        Y = np.eye(len(LABELS))[[LABELS.index(v) for v in y]]
        offset = X @ self.prior.T
        k, d = len(LABELS), X.shape[1]

        def objective(theta: np.ndarray) -> tuple[float, np.ndarray]:
            W, b = theta[: k * d].reshape(k, d), theta[k * d :]
            logits = Z @ W.T + b + offset
            logits -= logits.max(axis=1, keepdims=True)
            logp = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
            P = np.exp(logp)
            loss = -(Y * logp).sum() + 0.5 / C * (W**2).sum()
            G = P - Y
            gW = G.T @ Z + W / C
            return float(loss), np.concatenate([gW.ravel(), G.sum(axis=0)])

        res = minimize(objective, np.zeros(k * d + k), jac=True, method="L-BFGS-B", options={"maxiter": 5000})
        self.coef = res.x[: k * d].reshape(k, d)
        self.intercept = res.x[k * d :]

    def proba(self, X: np.ndarray) -> np.ndarray:
        logits = ((X - self.mean) / self.scale) @ self.coef.T + self.intercept + X @ self.prior.T
        logits -= logits.max(axis=1, keepdims=True)
        P = np.exp(logits)
        return P / P.sum(axis=1, keepdims=True)

    def predict(self, X: np.ndarray) -> np.ndarray:
        return np.array(LABELS)[self.proba(X).argmax(axis=1)]


def cross_validate(X: np.ndarray, y: np.ndarray, folds: int, predict) -> dict:
    """Stratified k-fold over SEEDS; returns per-fold accuracies, macro-F1s and pooled OOF predictions."""
    accs, f1s, pooled = [], [], []
    for seed in SEEDS:
        oof = np.empty(len(y), dtype=object)
        for tr, te in StratifiedKFold(folds, shuffle=True, random_state=seed).split(X, y):
            oof[te] = predict(tr, te)
            accs.append(accuracy_score(y[te], oof[te]))
            f1s.append(f1_score(y[te], oof[te], average="macro", labels=list(LABELS), zero_division=0))
        pooled.append(oof)
    return {"acc": accs, "f1": f1s, "oof": pooled}


def summary(name: str, res: dict, y: np.ndarray) -> str:
    acc, f1 = res["acc"], res["f1"]
    line = (
        f"{name:34s} acc {statistics.mean(acc):.3f} ± {statistics.stdev(acc):.3f}   "
        f"macro-F1 {statistics.mean(f1):.3f} ± {statistics.stdev(f1):.3f}"
    )
    return line


def rule_baseline(questions: list[str], conclusions: list[list[str]]) -> np.ndarray:
    """'no' when the conclusion has a negation / recommendation-against cue, else 'yes' (never 'maybe')."""
    out = []
    for q, c in zip(questions, conclusions, strict=True):
        f = extract_features(q, c)
        out.append("no" if (f["c_neg"] > 0 or f["c_against"] > 0) else "yes")
    return np.array(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--no-write", action="store_true", help="report CV only")
    args = ap.parse_args()

    questions, conclusions, y = load(args.data)
    feats = [extract_features(q, c) for q, c in zip(questions, conclusions, strict=True)]
    names = sorted(feats[0])
    X = np.array([[f[n] for n in names] for f in feats], dtype=np.float64)
    counts = {lab: int((y == lab).sum()) for lab in LABELS}
    print(f"{len(y)} questions {counts}; {len(names)} features; majority {max(counts.values()) / len(y):.3f}")

    def model_predict(tr: np.ndarray, te: np.ndarray) -> np.ndarray:
        return Fitted(names, X[tr], y[tr]).predict(X[te])

    texts = [q + " || " + " ".join(c) for q, c in zip(questions, conclusions, strict=True)]

    def tfidf_predict(tr: np.ndarray, te: np.ndarray) -> np.ndarray:
        vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        Xt = vec.fit_transform([texts[i] for i in tr])
        clf = LogisticRegression(C=10, max_iter=5000).fit(Xt, y[tr])
        return clf.predict(vec.transform([texts[i] for i in te]))

    print(f"\nStratified CV, {len(SEEDS)} repeats (mean ± sd over folds):")
    for folds in (5, 10):
        res = cross_validate(X, y, folds, model_predict)
        print(summary(f"verdict model, {folds}-fold", res, y))
        if folds == 5:
            main_res = res
    print(summary("tf-idf + LR (question+conclusion)", cross_validate(X, y, 5, tfidf_predict), y))
    rule = rule_baseline(questions, conclusions)
    print(
        f"{'rule: negation cue -> no, else yes':34s} acc {accuracy_score(y, rule):.3f}   "
        f"macro-F1 {f1_score(y, rule, average='macro', labels=list(LABELS), zero_division=0):.3f} (no fitting)"
    )
    oof = main_res["oof"][0]
    print("\nConfusion matrix, 5-fold seed 0 (rows gold, cols predicted):", " ".join(LABELS))
    cm = confusion_matrix(y, oof, labels=list(LABELS))
    for lab, row in zip(LABELS, cm, strict=True):
        print(f"  {lab:6s}", " ".join(f"{v:4d}" for v in row))

    final = Fitted(names, X, y)
    coef = final.coef
    print("\nStrongest standardised weights per class:")
    for k, lab in enumerate(LABELS):
        rel = coef[k] - coef.mean(axis=0)
        top = np.argsort(-rel)[:8]
        print(f"  {lab:6s}", ", ".join(f"{names[i]} {rel[i]:+.2f}" for i in top))

    if args.no_write:
        return 0
    model = model_document(
        final,
        names,
        f"verdict-lr-f{FEATURE_VERSION}-C{C}",
        {
            "data": "PubMedQA (BEIR layout), questions with gold answers",
            "n": len(y),
            "label_counts": counts,
            "C": C,
            "cv_5fold_accuracy_mean": round(statistics.mean(main_res["acc"]), 4),
            "cv_5fold_accuracy_sd": round(statistics.stdev(main_res["acc"]), 4),
            "cv_5fold_macro_f1_mean": round(statistics.mean(main_res["f1"]), 4),
        },
    )
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    # The shipped inference code must reproduce the trainer's probabilities.
    shipped = load_model(args.out)
    ref = final.proba(X)
    mine = np.array([shipped.probabilities(row) for row in X])
    err = float(np.abs(ref - mine).max())
    print(f"\nwrote {args.out} ({len(names)} features); max |p_inference - p_training| = {err:.2e}")
    return 0 if err < 1e-3 else 1


if __name__ == "__main__":
    sys.exit(main())
