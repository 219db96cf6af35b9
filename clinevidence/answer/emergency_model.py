"""A learnt second opinion on emergencies: character n-grams and logistic regression (``emergency_model.json``).

The compositional rules in :mod:`clinevidence.answer.safety` name the emergency and its instruction, but each blind
round of new wording found situations and words they lacked (first runs 25/40, 6/30, 9/30, 9/30 in rounds 5–8). A
model over character n-grams of whole messages, trained on the earlier rounds' red flags and look-alikes and on the
dev sets' questions (non-emergencies), carries over to new wording ("poos", "fitting for ages", typos): trained only on
earlier rounds it redirected 108 of 130 later-round red flags with 1 false alarm in 130 look-alikes
(``scripts/train_emergency.py``, docs/benchmarks.md). It can only add a redirect: it is asked when the rules found
nothing, and its threshold is set for almost no false alarms.

Features are shared by training and inference (:func:`features`); pure Python at inference, no dependency.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("emergency_model.json")
NGRAMS = (3, 4, 5)


def ngrams(text: str) -> Counter[str]:
    """Character n-grams of each word padded with a space on both sides (lower case, whitespace collapsed)."""
    out: Counter[str] = Counter()
    for word in text.lower().split():
        padded = f" {word} "
        for n in NGRAMS:
            for i in range(max(1, len(padded) - n + 1)):
                out[padded[i : i + n]] += 1
    return out


def features(text: str, idf: dict[str, float]) -> dict[str, float]:
    """Sublinear tf × idf over the model's vocabulary, L2-normalised."""
    vec = {g: (1.0 + math.log(c)) * idf[g] for g, c in ngrams(text).items() if g in idf}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {g: v / norm for g, v in vec.items()}


@dataclass(frozen=True)
class EmergencyModel:
    idf: dict[str, float]
    coef: dict[str, float]
    intercept: float
    threshold: float

    def probability(self, text: str) -> float:
        z = self.intercept + sum(v * self.coef.get(g, 0.0) for g, v in features(text, self.idf).items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def is_emergency(self, text: str) -> bool:
        return self.probability(text) >= self.threshold

    def to_json(self) -> dict[str, object]:
        return {
            "kind": "emergency-char-ngrams",
            "version": 1,
            "threshold": self.threshold,
            "intercept": self.intercept,
            "features": {g: [round(self.idf[g], 4), round(self.coef.get(g, 0.0), 4)] for g in sorted(self.idf)},
        }


def from_json(data: dict[str, object]) -> EmergencyModel:
    feats = data["features"]
    assert isinstance(feats, dict)
    return EmergencyModel(
        idf={g: float(v[0]) for g, v in feats.items()},
        coef={g: float(v[1]) for g, v in feats.items() if v[1]},
        intercept=float(data["intercept"]),  # type: ignore[arg-type]
        threshold=float(data["threshold"]),  # type: ignore[arg-type]
    )


@lru_cache(maxsize=1)
def load_model(path: str | None = None) -> EmergencyModel | None:
    """The shipped model (cached); None when the file is absent (the rules alone then decide)."""
    p = Path(path) if path else MODEL_PATH
    if not p.exists():
        return None
    return from_json(json.loads(p.read_text(encoding="utf-8")))
