"""Optional dense retrieval: an ``Embedder`` protocol; nothing is downloaded at run time."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np


class Embedder(Protocol):
    """Turns texts into L2-normalised vectors of a fixed dimension."""

    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


class HashingEmbedder:
    """A deterministic bag-of-hashed-words embedder: the test fake, and a no-model fallback."""

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        from ..text import content_words

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for w in content_words(text):
                out[i, hash_word(w) % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms


def hash_word(word: str) -> int:
    """Stable across processes (unlike ``hash``)."""
    h = 2166136261
    for ch in word.encode():
        h = ((h ^ ch) * 16777619) & 0xFFFFFFFF
    return h


def cosine_top(query: np.ndarray, matrix: np.ndarray, ids: Sequence[str], k: int) -> list[tuple[str, float]]:
    if matrix.size == 0:
        return []
    scores = matrix @ query
    k = min(k, len(ids))
    top = np.argpartition(-scores, k - 1)[:k]
    top = top[np.argsort(-scores[top])]
    return [(ids[i], float(scores[i])) for i in top]
