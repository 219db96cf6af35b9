"""Retrieval benchmark: quality, QPS and latency vs bm25s on the same data in the same run; ingest rate.

Usage: .venv/bin/python bench/bench_retrieval.py --data ../shared/data [--scale 100000 1000000]
Writes a JSON summary to bench/out/retrieval.json and prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import tempfile
import time
from pathlib import Path

from clinevidence.answer.service import AnswerService
from clinevidence.eval.beir import read_qrels, read_queries
from clinevidence.eval.metrics import evaluate_run
from clinevidence.ingest.pipeline import ingest
from clinevidence.library import Library
from clinevidence.models import Document, Section
from clinevidence.retrieval.priors import NO_PRIORS
from clinevidence.retrieval.search import Retriever
from clinevidence.settings import Settings
from clinevidence.text import split_sentences

SETS = {"scifact": "train", "pubmedqa": "dev"}


def pct(xs: list[float], q: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, round(q / 100 * (len(s) - 1)))]


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def time_queries(search, texts: list[str]) -> dict[str, float]:  # type: ignore[no-untyped-def]
    lat = []
    start = time.perf_counter()
    for t in texts:
        t0 = time.perf_counter()
        search(t)
        lat.append((time.perf_counter() - t0) * 1000)
    total = time.perf_counter() - start
    return {"qps": len(texts) / total, "p50_ms": pct(lat, 50), "p95_ms": pct(lat, 95)}


def bm25s_run(corpus: list[dict], queries: list, k: int = 100):  # type: ignore[no-untyped-def]
    import bm25s
    import Stemmer

    stemmer = Stemmer.Stemmer("english")
    ids = [d["_id"] for d in corpus]
    t0 = time.perf_counter()
    tokens = bm25s.tokenize([f"{d.get('title', '')} {d['text']}" for d in corpus], stopwords="en", stemmer=stemmer,
                            show_progress=False)  # fmt: skip
    retriever = bm25s.BM25()
    retriever.index(tokens, show_progress=False)
    index_s = time.perf_counter() - t0
    k = min(k, len(ids))

    def search(text: str) -> list[str]:
        qt = bm25s.tokenize([text], stopwords="en", stemmer=stemmer, show_progress=False)
        docs, _scores = retriever.retrieve(qt, k=k, show_progress=False, n_threads=1)
        return [ids[i] for i in docs[0]]

    return search, index_s


def quality_and_speed(data: Path, name: str, split: str) -> dict[str, object]:
    corpus_path = data / name / "corpus.jsonl"
    corpus = [json.loads(line) for line in corpus_path.open()]
    queries = read_queries(data / name / "queries.jsonl")
    qrels = read_qrels(data / name / "qrels" / f"{split}.tsv")
    queries = [q for q in queries if q.id in qrels]
    texts = [q.text for q in queries]
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        lib = Library(tmp)
        t0 = time.perf_counter()
        counts = ingest(lib, [corpus_path])
        ingest_s = time.perf_counter() - t0
        retriever = Retriever(lib, priors=NO_PRIORS)
        ours_run = {q.id: [d for d, _ in retriever.rank_doc_ids(q.text, 100)] for q in queries}
        ours = evaluate_run(ours_run, qrels)
        ours_speed = time_queries(lambda t: retriever.rank_doc_ids(t, 100), texts)
        # "including storage": the full evidence path (docs, passages, rows from SQLite)
        full = Retriever(lib)
        full_speed = time_queries(lambda t: full.evidence(t, 8, 24), texts)
        search, index_s = bm25s_run(corpus, queries)
        theirs = evaluate_run({q.id: search(q.text) for q in queries}, qrels)
        theirs_speed = time_queries(search, texts)
        return {
            "dataset": f"{name} ({split}, {len(queries)} queries, {len(corpus)} docs)",
            "ours": {**ours, **ours_speed},
            "ours_evidence_with_storage": full_speed,
            "bm25s": {**theirs, **theirs_speed, "index_s": index_s},
            "ingest": {"docs": counts.added, "seconds": ingest_s, "docs_per_s": counts.added / ingest_s},
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def scale(data: Path, n_passages: int, seed: int = 13) -> dict[str, object]:
    """A corpus of ~n_passages passages made by resampling real abstract sentences."""
    rng = random.Random(seed)
    sentences: list[str] = []
    for name in SETS:
        for line in (data / name / "corpus.jsonl").open():
            sentences.extend(split_sentences(json.loads(line)["text"]))
    queries = [q.text for q in read_queries(data / "scifact" / "queries.jsonl")][:300]
    tmp = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    try:
        lib = Library(tmp)
        n_docs = n_passages  # ~1 passage per synthetic doc (6 sentences ~ 150 words)

        bodies = [" ".join(rng.choice(sentences) for _ in range(6)) for _ in range(n_docs)]

        def docs():  # type: ignore[no-untyped-def]
            for i, body in enumerate(bodies):
                yield Document(id=f"s{i}", title="", sections=[Section("", body)])

        t0 = time.perf_counter()
        batch: list[Document] = []
        added = 0
        for d in docs():
            batch.append(d)
            if len(batch) == 5000:
                added += lib.add_documents(batch, commit_index=False).added
                batch.clear()
        added += lib.add_documents(batch, commit_index=False).added
        lib.commit_indexes()
        ingest_s = time.perf_counter() - t0
        retriever = Retriever(lib, priors=NO_PRIORS)
        speed = time_queries(lambda t: retriever.rank_doc_ids(t, 100), queries)
        full = Retriever(lib)
        full_speed = time_queries(lambda t: full.evidence(t, 8, 24), queries)
        service = AnswerService(lib, Settings())
        ask_speed = time_queries(lambda t: service.ask(t), queries[:100])
        rss_ours = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        search, index_s = bm25s_run([{"_id": f"s{i}", "text": b} for i, b in enumerate(bodies)], [])
        bm25s_speed = time_queries(search, queries)
        return {
            "passages": lib.count_passages(),
            "ask_extractive": ask_speed,
            "bm25s": {**bm25s_speed, "index_s": index_s},
            "max_rss_mb_before_bm25s": rss_ours,
            "docs": added,
            "ingest_docs_per_s": added / ingest_s,
            "doc_ranking": speed,
            "evidence_with_storage": full_speed,
            "index_mb": dir_size(tmp / "index") / 1e6,
            "db_mb": dir_size(tmp) / 1e6 - dir_size(tmp / "index") / 1e6,
            "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--scale", type=int, nargs="*", default=[])
    ap.add_argument("--out", type=Path, default=Path("bench/out/retrieval.json"))
    args = ap.parse_args()
    results: dict[str, object] = {"quality": [quality_and_speed(args.data, n, s) for n, s in SETS.items()]}
    results["scale"] = [scale(args.data, n) for n in args.scale]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
