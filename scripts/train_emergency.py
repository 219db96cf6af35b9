"""Train the learnt emergency second opinion shipped as clinevidence/answer/emergency_model.json.

Positives: the red flags of the blind safety rounds (tests/safety_round4.py ... safety_round9.py) and the red-flag
lists of tests/test_safety.py (earlier rounds, probe waves); negatives: the rounds' look-alikes and the dev sets'
questions (``../shared/data/*/queries*.jsonl``, half of them; the other half is held out to count false alarms,
with the bench question sets). Reports, for each round from 5 on, a model trained only on the rounds before it (its
probe waves included only for earlier rounds): the honest estimate for a round of wording not seen yet. Then fits
on everything and writes the model.

    .venv/bin/python scripts/train_emergency.py [--data ../shared/data] [--threshold 0.85] [--no-write]

Deterministic: fixed shuffle seed, lbfgs.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from clinevidence.answer.emergency_model import MODEL_PATH, EmergencyModel, features, ngrams  # noqa: E402

ROUNDS = (4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17)
C = 4.0
DEV_TRAIN = 8000
THRESHOLDS = (0.85, 0.9)


def safety_texts() -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(round, text) red flags and look-alikes; round 0 = lists not tied to a numbered round (always trained on)."""
    import tests.safety_round4 as r4
    import tests.test_safety as t

    pos: list[tuple[int, str]] = []
    neg: list[tuple[int, str]] = []
    for k in ROUNDS:
        mod = __import__(f"tests.safety_round{k}", fromlist=["_"])
        pos += [(k, q) for q, _ in getattr(mod, f"RED_FLAGS_ROUND{k}")]
        neg += [(k, q) for q in getattr(mod, f"LOOK_ALIKES_ROUND{k}")]
    pos += [(4, q) for q, _ in r4.PROBE_RED_FLAGS]
    neg += [(4, q) for q in r4.PROBE_LOOK_ALIKES]
    for name in dir(t):
        value = getattr(t, name)
        if not (name.isupper() and isinstance(value, list) and value):
            continue
        m = re.search(r"ROUND(\d+)", name)
        k = int(m.group(1)) if m else 0
        if name.startswith("ALL_"):
            continue  # unions of the lists below
        if isinstance(value[0], tuple) and ("RED" in name or "EMERGENC" in name):
            pos += [(k, str(row[0])) for row in value]
        elif any(w in name for w in ("LOOK", "ALIKE", "ORDINARY", "DOSING", "SHORTHAND")):
            neg += [(k, str(row[0]) if isinstance(row, tuple) else str(row)) for row in value]
    return list(dict.fromkeys(pos)), list(dict.fromkeys(neg))


def dev_questions(data: Path) -> list[str]:
    out = []
    for path in sorted(data.glob("*/queries*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            out += [str(json.loads(line).get("text") or "") for line in fh if line.strip()]
    out = [q for q in dict.fromkeys(out) if q]
    random.Random(0).shuffle(out)
    return out


# Consumer medication questions as people type them (lower case, no punctuation, side effects they notice): the
# style of the lay red flags, so without them the model read "hctz peeing all night" as urgent. Parts 1 to 4 and 6
# to 10 and lay-claims parts A to F are trained on (their questions that the rules redirect, a real overdose, left
# out); consumer part 5 and lay-claims parts G and H count false alarms; parts 11 on stay blind.
CONSUMER_TRAIN = (
    "consumer_meds",
    "consumer_meds_2",
    "consumer_meds_3",
    "consumer_meds_4",
    "consumer_meds_6",
    "consumer_meds_7",
    "consumer_meds_8",
    "consumer_meds_9",
    "consumer_meds_10",
    "lay_claims/queries-a",
    "lay_claims/queries-b",
    "lay_claims/queries-c",
    "lay_claims/queries-d",
    "lay_claims/queries-e",
    "lay_claims/queries-f",
)
CONSUMER_HELD = ("consumer_meds_5", "lay_claims/queries-g", "lay_claims/queries-h")
# Consumer questions whose own answer page sends the asker to emergency care: red flags, not look-alikes. Delirium
# in an older adult with kidney disease on valacyclovir (its page: "tell your doctor") is urgent either way: neither.
CONSUMER_RED_FLAGS = {"cm4q-52"}
CONSUMER_NEITHER = {"cm4q-51", "cm10q-22"}


def consumer_questions(parts: tuple[str, ...], red: bool = False) -> list[str]:
    """The parts' questions the rules do not redirect (``red``: the ones listed as red flags instead)."""
    from clinevidence.answer.safety import _emergency_category, _prepare

    out = []
    for part in parts:
        path = REPO / "bench" / (part + ".jsonl" if "/" in part else f"{part}/queries.jsonl")
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
        out += [
            str(r["text"]) for r in rows if r["_id"] not in CONSUMER_NEITHER and (r["_id"] in CONSUMER_RED_FLAGS) == red
        ]
    return out if red else [q for q in out if _emergency_category(_prepare(q), "patient") is None]


def bench_questions() -> list[str]:
    out = []
    for path in sorted((REPO / "bench").glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            out += [str(json.loads(line).get("q") or "") for line in fh if line.strip()]
    return [q for q in out if q]


def fit(pos: list[str], neg: list[str], dev: list[str], threshold: float) -> EmergencyModel:
    grams: dict[str, int] = {}
    for text in pos + neg:
        for g in ngrams(text):
            grams[g] = grams.get(g, 0) + 1
    vocab = sorted(g for g, df in grams.items() if df >= 2)
    texts = pos + neg + dev
    df = dict.fromkeys(vocab, 0)
    for text in texts:
        for g in ngrams(text):
            if g in df:
                df[g] += 1
    n = len(texts)
    idf = {g: float(np.log((1 + n) / (1 + d)) + 1.0) for g, d in df.items()}
    index = {g: i for i, g in enumerate(vocab)}
    rows, cols, vals = [], [], []
    for r, text in enumerate(texts):
        for g, v in features(text, idf).items():
            rows.append(r)
            cols.append(index[g])
            vals.append(v)
    x = csr_matrix((vals, (rows, cols)), shape=(n, len(vocab)))
    y = np.array([1] * len(pos) + [0] * (len(neg) + len(dev)))
    w = np.array([3.0] * (len(pos) + len(neg)) + [1.0] * len(dev))
    clf = LogisticRegression(C=C, max_iter=3000, class_weight="balanced").fit(x, y, sample_weight=w)
    coef = {g: float(c) for g, c in zip(vocab, clf.coef_[0], strict=True) if abs(c) >= 1e-4}
    return EmergencyModel(idf=idf, coef=coef, intercept=float(clf.intercept_[0]), threshold=threshold)


def speaks(question: str, audience: str = "patient") -> bool:
    from clinevidence.answer.safety import _lay_report, _prepare

    return _lay_report(_prepare(question), audience)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--threshold", type=float, default=0.85)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    pos, neg = safety_texts()
    pos += [(0, q) for q in consumer_questions(CONSUMER_TRAIN, red=True)]
    consumer_held = consumer_questions(CONSUMER_HELD)
    dev = dev_questions(args.data)
    dev_train, dev_held = dev[:DEV_TRAIN], dev[DEV_TRAIN:]
    # Weighed like the dev sets' questions, not like the rounds' look-alikes: as look-alikes they cost later rounds'
    # red flags (blind model-only recall 2 to 4 lower a round).
    dev_train += consumer_questions(CONSUMER_TRAIN)
    bench = bench_questions()
    print(f"red flags {len(pos)}, look-alikes {len(neg)}, dev train {len(dev_train)}, held {len(dev_held)}")
    main_sets = {k: ({q for q, _ in getattr(m, f"RED_FLAGS_ROUND{k}")}, set(getattr(m, f"LOOK_ALIKES_ROUND{k}")))
                 for k in ROUNDS[1:] for m in [__import__(f"tests.safety_round{k}", fromlist=["_"])]}  # fmt: skip
    for k in ROUNDS[1:]:
        model = fit([q for r, q in pos if r < k], [q for r, q in neg if r < k], dev_train, args.threshold)
        test_pos = list(dict.fromkeys(q for r, q in pos if r == k))
        test_neg = list(dict.fromkeys(q for r, q in neg if r == k))
        # As shipped: the model only speaks where the framing allows (safety._lay_report, patient mode).
        pp = [model.probability(q) if speaks(q) else 0.0 for q in test_pos]
        pn = [model.probability(q) if speaks(q) else 0.0 for q in test_neg]
        mp, mn = main_sets[k]
        for t in THRESHOLDS:
            hits = sum(p >= t for p in pp)
            alarms = sum(p >= t for p in pn)
            m_hits = sum(p >= t for p, q in zip(pp, test_pos, strict=True) if q in mp)
            m_alarms = sum(p >= t for p, q in zip(pn, test_neg, strict=True) if q in mn)
            print(f"round {k} @ {t}: blind set {m_hits}/{len(mp)} redirected, {m_alarms}/{len(mn)} false alarms; "
                  f"with probe waves {hits}/{len(test_pos)}, {alarms}/{len(test_neg)}")  # fmt: skip
    model = fit([q for _, q in pos], [q for _, q in neg], dev_train, args.threshold)
    held = [q for q in dev_held if model.is_emergency(q)]
    marked = [q for q in bench if model.is_emergency(q)]
    lay = [q for q in consumer_held if model.is_emergency(q)]
    print(f"final: {len(model.idf)} n-grams; held-out dev questions redirected {len(held)}/{len(dev_held)}; "
          f"bench questions {len(marked)}/{len(bench)}; held-out consumer medication questions "
          f"{len(lay)}/{len(consumer_held)}")  # fmt: skip
    for q in held[:10] + marked[:10] + lay[:10]:
        print("   ", q[:120])
    if not args.no_write:
        MODEL_PATH.write_text(json.dumps(model.to_json(), separators=(",", ":")) + "\n", encoding="utf-8")
        print("wrote", MODEL_PATH, MODEL_PATH.stat().st_size // 1024, "KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
