"""`clinevidence ingest` as a resumable job (ingest/jobs.py): killed at a named record (fault injection, never a
timer), the same command again skips what is done, says so, and ends with exactly the input; and an ingest runs
beside a serving app node without errors. On SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from clinevidence.ingest import jobs
from clinevidence.ingest.pipeline import expand, ingest_files, positioned_records
from clinevidence.library import Library
from clinevidence.library import tables as t
from clinevidence.settings import Settings
from clinevidence.web.app import create_app

pytestmark = pytest.mark.usefixtures("backend")  # on SQLite and on PostgreSQL (tests/pg_support.py)

WORDS = "warfarin bleeding risk trial patients dose renal hepatic outcome cohort placebo".split()


def _corpus(folder: Path, sizes: tuple[int, ...]) -> list[str]:
    """BEIR JSONL files ``part0.jsonl``, ... with the given numbers of documents; returns every id in order."""
    folder.mkdir(parents=True, exist_ok=True)
    ids: list[str] = []
    for part, size in enumerate(sizes):
        with (folder / f"part{part}.jsonl").open("w") as fh:
            for _ in range(size):
                i = len(ids)
                words = " ".join(WORDS[(i * 7 + k) % len(WORDS)] for k in range(12))
                text = f"Okapi {words}. Record {i} of the corpus ends here."
                fh.write(json.dumps({"_id": f"r{i}", "title": f"Record {i}", "text": text}) + "\n")
                ids.append(f"r{i}")
    return ids


def _cli(
    lib_dir: Path, url: str, *args: str, fault: str = "", marker: Path | None = None
) -> tuple[list[str], dict[str, str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLINEVIDENCE_FAULT")}
    env["CLINEVIDENCE_DATABASE_URL"] = url  # the test's database, SQLite or PostgreSQL
    if fault:
        env.update(CLINEVIDENCE_FAULT=fault, CLINEVIDENCE_FAULT_MARKER=str(marker))
    return [sys.executable, "-m", "clinevidence.cli", "--library", str(lib_dir), *args], env


def _library(lib_dir: Path) -> Library:
    lib = Library(lib_dir)
    lib.refresh_every = 3600  # only explicit refreshes
    return lib


def test_killed_ingest_resumes_where_it_stopped(tmp_path: Path) -> None:
    ids = _corpus(tmp_path / "corpus", (2500, 2500))  # batches of 2,000 span the two files
    lib_dir, marker = tmp_path / "lib", tmp_path / "marker"
    first = _library(lib_dir)  # creates the library (on PostgreSQL: its database) for the CLI to use
    url = first.url
    first.close()
    cmd, env = _cli(lib_dir, url, "ingest", str(tmp_path / "corpus"), fault="ingest:record@4500", marker=marker)
    killed = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)  # noqa: S603
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert marker.read_text().strip() == "ingest:record@4500"

    lib = _library(lib_dir)
    assert lib.count_documents() == 4000  # two batches committed, the third died with the process
    with lib.engine.connect() as conn:
        job = conn.execute(select(t.ingest_jobs)).one()
    assert (job.status, job.position) == ("running", 4000)
    assert json.loads(job.state)["file"] == 1 and json.loads(job.state)["record"] == 1500
    assert lib.doc_index.count() == 4000  # the killed run's SQL commits are in the index too (catch-up on open)
    lib.close()

    cmd, env = _cli(lib_dir, url, "ingest", str(tmp_path / "corpus"))
    resumed = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)  # noqa: S603
    assert resumed.returncode == 0, resumed.stderr
    assert "resumed" in resumed.stderr and "4000 records already done, skipped" in resumed.stderr
    assert "added 5000, updated 0, unchanged 0, skipped 0" in resumed.stderr  # the whole job's counts

    lib = _library(lib_dir)
    assert lib.count_documents() == 5000 and lib.doc_index.count() == 5000
    assert lib.passage_index.count() == lib.count_passages()
    assert set(lib.get_documents(ids)) == set(ids)
    with lib.engine.connect() as conn:
        assert conn.execute(select(t.ingest_jobs.c.status)).scalar_one() == "done"
    lib.close()

    again = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)  # noqa: S603
    assert again.returncode == 0 and "resumed" not in again.stderr  # a finished job: an ordinary re-run
    assert "added 0, updated 0, unchanged 5000" in again.stderr


def test_progress_commits_with_the_documents_or_not_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _corpus(tmp_path / "corpus", (30, 30))
    lib = _library(tmp_path / "lib")
    files = expand([tmp_path / "corpus"], "auto")
    real = jobs.record_progress
    calls: list[int] = []

    def failing_third_batch(conn, job, counts):  # type: ignore[no-untyped-def]
        real(conn, job, counts)
        calls.append(job.position)
        if len(calls) == 3:
            raise RuntimeError("interrupted")  # inside the batch's transaction: documents and progress roll back

    monkeypatch.setattr(jobs, "record_progress", failing_third_batch)
    with pytest.raises(RuntimeError):
        ingest_files(lib, files, batch_size=20, resumable=True)
    assert calls == [20, 40, 60] and lib.count_documents() == 40
    with lib.engine.connect() as conn:
        assert conn.execute(select(t.ingest_jobs.c.position)).scalar_one() == 40

    monkeypatch.setattr(jobs, "record_progress", real)
    seen: list[int] = []
    counts = ingest_files(lib, files, batch_size=20, resumable=True, on_progress=lambda c: seen.append(c.added))
    assert (counts.resumed, counts.added, counts.unchanged) == (40, 60, 0)
    assert seen[0] == 40  # progress starts from the earlier run's counts
    assert lib.count_documents() == 60 and lib.doc_index.count() == 60
    restarted = ingest_files(lib, files, batch_size=20, resumable=True, restart=True)
    assert (restarted.resumed, restarted.unchanged) == (0, 60)
    lib.close()


def test_resuming_opens_no_file_that_is_done(tmp_path: Path) -> None:
    _corpus(tmp_path / "corpus", (3, 4))
    files = expand([tmp_path / "corpus"], "auto")
    (tmp_path / "corpus" / "part0.jsonl").write_text("not json at all\n")  # would be an error if it were read
    got = [(f, r, rec.id) for f, r, rec in positioned_records(files, start=(1, 2))]  # type: ignore[union-attr]
    assert got == [(1, 3, "r5"), (1, 4, "r6")]


def test_ingest_beside_a_serving_node_without_errors(tmp_path: Path) -> None:
    """`clinevidence ingest` of several batches into the library a node is serving (same directory, same database):
    the node answers, reads and writes articles all the while, and no request or the ingest fails ("database is
    locked" or otherwise). The loop runs until the ingest process ends; nothing waits on a timer."""
    ids = _corpus(tmp_path / "corpus", (3000, 3000))
    lib_dir = tmp_path / "lib"
    app = create_app(lib_dir, Settings(library=lib_dir, ask_rate_per_minute=100_000))
    url = app.state.library.url
    cmd, env = _cli(lib_dir, url, "ingest", str(tmp_path / "corpus"))
    statuses: list[int] = []
    with TestClient(app) as client:
        ingesting = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, text=True)  # noqa: S603
        while ingesting.poll() is None:
            asked = client.post("/api/ask", json={"question": "Does warfarin increase bleeding risk in cohort trials?"})
            statuses.append(asked.status_code)
            if asked.status_code == 201:
                statuses.append(client.get(f"/api/articles/{asked.json()['id']}").status_code)
            statuses.append(client.get("/api/library/stats").status_code)
            app.state.library.refresh(force=True)  # what the node's background refresher does
        stderr = ingesting.stderr.read() if ingesting.stderr else ""
        assert ingesting.returncode == 0, stderr
        assert "locked" not in stderr.lower()
        assert statuses and set(statuses) <= {200, 201}, statuses
        app.state.library.refresh(force=True)
        assert client.get("/api/library/stats").json()["documents"] == len(ids)
        assert app.state.library.doc_index.count() == len(ids)


@pytest.mark.parametrize(("seconds", "commits"), [(0.0, 4), (1e9, 1)])
def test_pending_documents_are_committed_to_the_index_at_least_every_few_seconds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seconds: float, commits: int
) -> None:
    """A server sharing the ingest's index directory cannot catch up while the ingest holds the writer: the ingest
    commits pending documents every INDEX_COMMIT_SECONDS (here 0: after every batch; or never before the end)."""
    from clinevidence.ingest import pipeline

    _corpus(tmp_path / "corpus", (60,))
    monkeypatch.setattr(pipeline, "INDEX_COMMIT_SECONDS", seconds)
    lib = _library(tmp_path / "lib")
    done: list[int] = []
    real = lib.commit_indexes
    monkeypatch.setattr(lib, "commit_indexes", lambda: done.append(lib.pending_index) or real())
    ingest_files(lib, expand([tmp_path / "corpus"], "auto"), batch_size=20)
    assert len(done) == commits and lib.doc_index.count() == 60
    lib.close()
