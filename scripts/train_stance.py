"""Train the stance model shipped as clinevidence/answer/stance_model.json.

The verdict for a document *without* a conclusion section (a fact sheet, an unstructured abstract, an evidence
snippet) is the stance of its sentences closest to the question toward the question's proposition. PubMedQA's
conclusion model (``verdict_model.json``) never saw that: it learnt from conclusions written to answer the question.
The stance model uses the same features plus claim-evidence agreement (``verdict._claim_agreement``: antonyms in
compounds, opposite verbs, missing numbers, direction flips) and is trained on

* SciFact claims, *tune half* only (``bench_answers.in_split``): the claim + the two sentences of its cited abstract
  closest to it, as the engine picks them (SUPPORT yes, CONTRADICT no, NOT_ENOUGH_INFO maybe); ``--rationales``
  uses the annotated rationale sentences instead (better on rationales, worse end to end: docs/benchmarks.md);
* HealthVer dev pairs: claim + evidence text (support / refute / neutral);
* optionally PubMedQA questions + conclusions (``--with-pubmedqa``), so questions are not foreign to it.

Measured on what it never saw: SciFact report-half claims and HealthVer test pairs (pair level here; end to end
with ``bench/bench_answers.py --sets scifact healthver``).

    .venv/bin/python scripts/train_stance.py [--data ../shared/data] [--with-pubmedqa] [--rationales] [--write]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "bench"))

import train_verdict as tv  # noqa: E402
import train_verdict_cross as cross  # noqa: E402
from bench_answers import in_split  # noqa: E402

from clinevidence.answer.support import terms  # noqa: E402
from clinevidence.answer.verdict import FEATURE_VERSION, STANCE_MODEL_PATH  # noqa: E402
from clinevidence.text import split_sentences  # noqa: E402

Row = tuple[str, list[str], str]
OVERLAP_SELECTION = "--rationales" not in sys.argv  # train on the sentences the engine picks, not the rationales


def scifact_split(data: Path, split: str) -> list[Row]:
    corpus = {}
    with (data / "scifact" / "corpus.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            corpus[d["_id"]] = split_sentences(d.get("text", ""))
    out: list[Row] = []
    with (data / "scifact" / "queries.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            q = json.loads(line)
            if not in_split(q["_id"], split):
                continue
            md = q.get("metadata") or {}
            if OVERLAP_SELECTION and md.get("label") in ("SUPPORT", "CONTRADICT"):
                # As the engine sees it: the cited abstract's two sentences closest to the claim.
                label = {"SUPPORT": "yes", "CONTRADICT": "no"}[md["label"]]
                for doc_id in md.get("evidence") or {}:
                    qt = terms(q["text"])
                    best = sorted(corpus.get(str(doc_id), []), key=lambda s: -len(qt & terms(s)))[:2]
                    if best:
                        out.append(cross.example(q["text"], best, label))
                continue
            for doc_id, items in (md.get("evidence") or {}).items():
                sents = corpus.get(str(doc_id), [])
                for it in items:
                    chosen = [sents[i] for i in it.get("sentences", []) if i < len(sents)]
                    if chosen and it.get("label") in cross.STANCE:
                        out.append(cross.example(q["text"], chosen, cross.STANCE[it["label"]]))
            if md.get("label") == "NOT_ENOUGH_INFO":
                for doc_id in (md.get("cited_doc_ids") or [])[:1]:
                    qt = terms(q["text"])
                    best = sorted(corpus.get(str(doc_id), []), key=lambda s: -len(qt & terms(s)))[:2]
                    if best:
                        out.append(cross.example(q["text"], best, "maybe"))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--with-pubmedqa", action="store_true")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--rationales", action="store_true", help="SciFact rows from the annotated rationale sentences")
    args = ap.parse_args()
    sets: dict[str, list[Row]] = {
        "scifact_tune": scifact_split(args.data, "tune"),
        "healthver_dev": cross.healthver(args.data, "dev"),
        "scifact_report": scifact_split(args.data, "report"),
        "healthver_test": cross.healthver(args.data, "test"),
    }
    rows_per_set = {"scifact_tune": 1500, "healthver_dev": 1500}
    if args.with_pubmedqa:
        sets["pubmedqa"] = cross.pubmedqa(args.data)
        rows_per_set["pubmedqa"] = 1500
    names: list[str] | None = None
    mats = {}
    for k, rows in sets.items():
        x, y, names = cross.matrix(rows, names)
        mats[k] = (x, y)
        print(k, len(y), {lab: int((y == lab).sum()) for lab in tv.LABELS}, flush=True)
    assert names is not None
    train = list(rows_per_set)
    shipped = tv.load_model()
    report: dict[str, dict[str, object]] = {}
    x_tr, y_tr = cross.balanced([(*mats[n], rows_per_set[n]) for n in train])
    model = tv.Fitted(names, x_tr, y_tr)
    for held in ["scifact_report", "healthver_test"]:
        x_te, y_te = mats[held]
        cols = [names.index(f) for f in shipped.features]
        conc = np.array([tv.LABELS[int(np.argmax(shipped.probabilities(row[cols])))] for row in x_te])
        report[held] = {
            "conclusion_model": cross.scores(y_te, conc),
            "stance_model": cross.scores(y_te, model.predict(x_te)),
        }
        # Cross-set: trained without the held-out set's style at all.
        others = [n for n in train if not n.startswith(held.split("_")[0])]
        x_o, y_o = cross.balanced([(*mats[n], rows_per_set[n]) for n in others])
        report[held]["stance_model_without_this_style"] = cross.scores(y_te, tv.Fitted(names, x_o, y_o).predict(x_te))
    print(json.dumps(report, indent=1))
    if not args.write:
        return 0
    doc = tv.model_document(
        model,
        names,
        f"stance-lr-f{FEATURE_VERSION}-C{tv.C}",
        {"data": f"{' + '.join(train)}, rows resampled {rows_per_set}", "held_out": report},
    )
    STANCE_MODEL_PATH.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {STANCE_MODEL_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
