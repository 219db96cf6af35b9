"""Dense retrieval: the vector store, RRF fusion, fused ranking; only the hashing fake (no model) unless installed."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import delete
from typer.testing import CliRunner

from clinevidence.ingest.pipeline import ingest
from clinevidence.library import Library
from clinevidence.library import tables as t
from clinevidence.models import Document, Section
from clinevidence.retrieval.dense import HashingEmbedder, MiniLMEmbedder, hash_word
from clinevidence.retrieval.fusion import rrf
from clinevidence.retrieval.priors import NO_PRIORS
from clinevidence.retrieval.search import Retriever, dense_options
from clinevidence.retrieval.vectors import VectorStore, dense_dir, embed_library
from clinevidence.settings import RetrievalSettings, Settings

from .conftest import MINI


class CountingEmbedder(HashingEmbedder):
    """The hashing fake that records what it embedded, and can fail after some texts (an interrupted run)."""

    def __init__(self, dim: int = 64, fail_after: int | None = None) -> None:
        super().__init__(dim)
        self.seen: list[str] = []
        self.fail_after = fail_after

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if self.fail_after is not None and len(self.seen) + len(texts) > self.fail_after:
            raise KeyboardInterrupt
        self.seen.extend(texts)
        return super().embed(texts)


def doc(i: int, text: str, title: str = "") -> Document:
    return Document(id=f"x{i}", title=title or f"Study {i}", sections=[Section("abstract", text)])


def make_library(path: Path, n: int = 7) -> Library:
    lib = Library(path)
    lib.add_documents([doc(i, f"topic{i} outcome{i} patients cohort") for i in range(n)])
    return lib


def test_embed_library_resumes_and_skips_unchanged(tmp_path: Path) -> None:
    lib = make_library(tmp_path / "lib")
    interrupted = CountingEmbedder(fail_after=5)
    with pytest.raises(KeyboardInterrupt):
        embed_library(lib, interrupted, chunk_docs=2, batch_size=1)
    store = VectorStore(dense_dir(lib))
    assert len(store) == 4  # two complete chunks of two survived the interruption
    resumed = CountingEmbedder()
    counts = embed_library(lib, resumed, chunk_docs=2, batch_size=1)
    assert counts.embedded == 3 and counts.unchanged == 4 and not counts.reset
    assert len(resumed.seen) == 3
    again = CountingEmbedder()
    counts = embed_library(lib, again)
    assert counts.embedded == 0 and counts.unchanged == 7 and again.seen == []
    store.load()
    assert len(store) == 7
    q = HashingEmbedder(64).embed(["topic3 outcome3"])[0]
    assert store.search(q, 1)[0][0] == "x3"


def test_changed_document_is_re_embedded_and_supersedes(tmp_path: Path) -> None:
    lib = make_library(tmp_path / "lib")
    emb = CountingEmbedder()
    embed_library(lib, emb)
    lib.add_documents([doc(2, "completely different subject zebrafish regeneration")])
    emb2 = CountingEmbedder()
    counts = embed_library(lib, emb2)
    assert counts.embedded == 1 and counts.unchanged == 6
    assert "zebrafish" in emb2.seen[0]
    store = VectorStore(dense_dir(lib))
    assert len(store) == 7
    hits = store.search(HashingEmbedder(64).embed(["zebrafish regeneration"])[0], 7)
    assert hits[0][0] == "x2"
    assert [h[0] for h in hits].count("x2") == 1  # the old vector is superseded, not returned twice
    assert store.entries()["x2"] == doc(2, "completely different subject zebrafish regeneration").content_hash()


def test_deleted_documents_are_dropped_and_compaction_keeps_results(tmp_path: Path) -> None:
    lib = make_library(tmp_path / "lib", n=12)
    embed_library(lib, CountingEmbedder(), chunk_docs=1)  # 12 chunks: compacted at the end
    store = VectorStore(dense_dir(lib))
    assert store.n_chunks == 1 and len(store) == 12
    with lib.engine.begin() as conn:
        conn.execute(delete(t.passages).where(t.passages.c.doc_id == "x5"))
        conn.execute(delete(t.documents).where(t.documents.c.id == "x5"))
    counts = embed_library(lib, CountingEmbedder())
    assert counts.removed == 1 and counts.embedded == 0
    store.load()
    assert "x5" not in store.entries() and len(store) == 11
    q = HashingEmbedder(64).embed(["topic5 outcome5"])[0]
    assert "x5" not in [d for d, _ in store.search(q, 20)]
    q7 = HashingEmbedder(64).embed(["topic7 outcome7 cohort"])[0]
    before = store.search(q7, 11)
    store.compact()
    assert store.n_chunks == 1 and store.dead_rows == 0
    assert store.search(q7, 11) == before
    names = sorted(p.name for p in dense_dir(lib).iterdir())
    assert len(names) == 3 and names[-1] == "manifest.json"  # one base chunk (.json + .npy), older chunks gone


def test_store_ignores_half_written_chunk_and_resets_on_model_change(tmp_path: Path) -> None:
    lib = make_library(tmp_path / "lib", n=3)
    embed_library(lib, CountingEmbedder(dim=64))
    d = dense_dir(lib)
    np.save(d / "chunk-000099.npy", np.ones((2, 64), dtype=np.float32))  # a crash before its JSON was written
    store = VectorStore(d)
    assert len(store) == 3
    store.append(["x0"], ["h"], HashingEmbedder(64).embed(["new"]))
    assert (d / "chunk-000100.json").exists()  # never reuses the orphan's number
    counts = embed_library(lib, CountingEmbedder(dim=32))
    assert counts.reset and counts.embedded == 3
    assert json.loads((d / "manifest.json").read_text()) == {"model": "hashing-32", "dim": 32}
    with pytest.raises(ValueError):
        VectorStore(d).append(["a"], ["h"], np.zeros((1, 64), dtype=np.float32))


def test_rrf_order() -> None:
    fused = rrf([["a", "b", "c"], ["c", "a", "d"]], k=60)
    assert [d for d, _ in fused] == ["a", "c", "b", "d"]
    assert fused[0][1] == pytest.approx(1 / 61 + 1 / 62)
    heavy = rrf([["a", "b"], ["b", "z"]], k=1, weights=[1.0, 3.0])
    assert [d for d, _ in heavy] == ["b", "z", "a"]


def _colliding_word(word: str, dim: int) -> str:
    target = hash_word(word) % dim
    return next(c for c in (f"qq{i}" for i in range(10_000)) if hash_word(c) % dim == target)


def test_dense_retriever_finds_what_bm25_misses(tmp_path: Path) -> None:
    lib = Library(tmp_path / "lib")
    ingest(lib, [MINI / "corpus.jsonl"])
    dim = 64
    twin = _colliding_word("warfarin", dim)  # same hashed vector as the query, no shared term
    lib.add_documents([Document(id="twin", title="", sections=[Section("abstract", twin)])])
    emb = HashingEmbedder(dim)
    lexical = Retriever(lib, priors=NO_PRIORS)
    assert "twin" not in [d for d, _ in lexical.rank_doc_ids("warfarin", 100)]
    fused = Retriever(lib, priors=NO_PRIORS, embedder=emb)
    # No vectors yet: exactly the lexical ranking.
    assert fused.rank_doc_ids("warfarin", 100) == lexical.rank_doc_ids("warfarin", 100)
    embed_library(lib, emb)
    ids = [d for d, _ in fused.rank_doc_ids("warfarin", 10)]  # the retriever notices the new vectors
    assert "twin" in ids and ids[0] in {"d1", "d2"}
    assert "twin" in [r.doc.id for r in fused.documents("warfarin", 5)]
    with_priors = Retriever(lib, embedder=emb)
    assert "twin" in [r.doc.id for r in with_priors.documents("warfarin", 7)]
    assert with_priors.evidence("warfarin", 4, 8).passages  # the evidence path still works on fused ranks
    # An embedder of another model never uses these vectors.
    other = Retriever(lib, priors=NO_PRIORS, embedder=HashingEmbedder(32))
    assert other.rank_doc_ids("warfarin", 100) == lexical.rank_doc_ids("warfarin", 100)


def test_dense_setting_is_off_by_default_and_keeps_config_hash() -> None:
    s = Settings()
    assert s.retrieval.dense is False
    assert dense_options(s.retrieval) == {}
    assert RetrievalSettings.model_fields["dense"].description
    on = Settings(retrieval=RetrievalSettings(dense=True))
    assert on.config_hash() != s.config_hash()
    same = Settings(retrieval=RetrievalSettings(dense_weight=2.0))  # ignored while dense is off
    assert same.config_hash() == s.config_hash()


needs_model = pytest.mark.skipif(not MiniLMEmbedder.available(), reason="the dense extra is not installed")


@needs_model
def test_minilm_similar_sentences_are_closer() -> None:
    emb = MiniLMEmbedder(max_tokens=64)
    v = emb.embed(
        [
            "Aspirin reduces the risk of heart attack.",
            "Acetylsalicylic acid lowers the incidence of myocardial infarction.",
            "The football match was postponed because of rain.",
        ]
    )
    assert v.shape == (3, 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert float(v[0] @ v[1]) > float(v[0] @ v[2]) + 0.2
    opts = dense_options(RetrievalSettings(dense=True, dense_weight=0.5))
    assert opts["embedder"].name == MiniLMEmbedder.name and opts["dense_weight"] == 0.5


@needs_model
def test_embed_cli_is_resumable(tmp_path: Path) -> None:
    from clinevidence.cli import app

    runner = CliRunner()
    lib = str(tmp_path / "lib")
    assert runner.invoke(app, ["--library", lib, "ingest", str(MINI / "corpus.jsonl")]).exit_code == 0
    r = runner.invoke(app, ["--library", lib, "embed", "--max-tokens", "64"])
    assert r.exit_code == 0, r.output
    assert "embedded 6" in r.output
    r = runner.invoke(app, ["--library", lib, "embed"])
    assert "embedded 0, already embedded 6" in r.output
