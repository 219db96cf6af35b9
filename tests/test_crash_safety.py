"""SIGKILL at named fault points (not at random times) loses nothing and never bricks the library.

Each kill is verified to have landed: the child writes ``point@n`` to a marker file just before it kills itself
and must die of SIGKILL. After each kill: ``PRAGMA integrity_check`` is ok, a re-run completes, and the library
has exactly the expected documents and passages, no duplicate keys in either index, and the index text matches
SQL (an updated document is found by its new words only).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import tantivy

from clinevidence.ingest.passages import split_passages
from clinevidence.library import Library
from clinevidence.library.db import MIGRATIONS
from clinevidence.models import Document, Section

from .crash_support import ingest_child

N_V1 = 240
N_CHANGED = 80  # documents 0..79 change in v2
N_NEW = 80  # documents 240..319 are new in v2
BATCH = 40
WORDS = "warfarin bleeding risk trial patients dose renal hepatic outcome cohort placebo".split()


def _text(i: int, v2: bool) -> str:
    marker = "zebrafish" if v2 else "aspirin"
    words = [WORDS[(i * 7 + k) % len(WORDS)] for k in range(24)]
    return f"{marker.capitalize()} {' '.join(words[:12])}. {' '.join(words[12:])} {marker}."


def _corpus(path: Path, v2: bool) -> list[Document]:
    ids = range(N_V1 + N_NEW) if v2 else range(N_V1)
    docs = []
    with path.open("w") as fh:
        for i in ids:
            text = _text(i, v2 and (i < N_CHANGED or i >= N_V1))
            fh.write(json.dumps({"_id": f"c{i}", "title": f"Doc {i}", "text": text}) + "\n")
            docs.append(Document(id=f"c{i}", title=f"Doc {i}", sections=[Section("", text)]))
    return docs


@pytest.fixture(scope="module")
def forkserver():
    """Children fork from a server that imported the ingest stack once (no interpreter start-up per kill)."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["tests.crash_support"])
    return ctx


def _run(ctx, lib: Path, corpus: Path, spec: str = "", marker: Path | None = None) -> int | None:
    p = ctx.Process(target=ingest_child, args=(str(lib), str(corpus), spec, str(marker or ""), BATCH))
    p.start()
    p.join(timeout=300)
    assert not p.is_alive(), "child hung"
    return p.exitcode


def _integrity(lib: Path) -> None:
    db = lib / "library.db"
    if db.exists():
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def _tables(lib: Path) -> set[str]:
    with sqlite3.connect(lib / "library.db") as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _keys(index, limit: int) -> list[str]:  # type: ignore[no-untyped-def]
    searcher = index._index.searcher()
    hits = searcher.search(tantivy.Query.all_query(), limit).hits
    return [searcher.doc(addr)["key"][0] for _, addr in hits]


def _check_exact(lib_dir: Path, docs: list[Document], *, v2: bool) -> None:
    _integrity(lib_dir)
    lib = Library(lib_dir)
    try:
        expected_passages = {p.id for d in docs for p in split_passages(d)}
        assert lib.count_documents() == len(docs)
        assert lib.count_passages() == len(expected_passages)
        doc_keys = _keys(lib.doc_index, 10 * len(docs))
        assert sorted(doc_keys) == sorted(d.id for d in docs)  # every document once, no duplicates
        passage_keys = _keys(lib.passage_index, 10 * len(expected_passages))
        assert sorted(passage_keys) == sorted(expected_passages)
        stored = lib.get_documents([d.id for d in docs])
        for d in docs:  # no half-written document: the stored text is the ingested text
            assert [s.text for s in stored[d.id].sections] == [s.text for s in d.sections]
        new_word = {h.doc_id for h in lib.doc_index.search("zebrafish", 1000)}
        old_word = {h.doc_id for h in lib.doc_index.search("aspirin", 1000)}
        v2_ids = {f"c{i}" for i in [*range(N_CHANGED), *range(N_V1, N_V1 + N_NEW)]} if v2 else set()
        assert new_word == v2_ids
        assert old_word == {d.id for d in docs} - v2_ids
    finally:
        lib.close()


def _migration_points() -> list[str]:
    points = []
    for f in sorted((MIGRATIONS / "versions").glob("*.py")):
        src = f.read_text()
        rev = re.search(r'^revision = "([^"]+)"', src, re.MULTILINE)
        assert rev
        if f'fault("migration:{rev.group(1)}")' in src:
            points.append(f"migration:{rev.group(1)}")
        points.append(f"migration-applied:{rev.group(1)}")
    return points


FRESH_POINTS = [
    "ingest:record@1",
    "ingest:record@50",  # mid-batch (the second batch holds records 41..80)
    "ingest:record@199",
    "ingest:batch-before-commit@1",
    "ingest:batch-before-commit@4",
    "ingest:after-sql-commit@1",  # SQL committed, index not
    "ingest:after-sql-commit@3",
    "ingest:after-sql-commit@6",  # the last batch
    "index:before-commit@1",
    "index:between-commits@1",  # documents index committed, passages not
]
UPDATE_POINTS = [
    "ingest:record@100",
    "ingest:batch-before-commit@1",
    "ingest:after-sql-commit@1",  # changed documents' new text committed in SQL, the index still has the old
    "ingest:after-sql-commit@2",
    "ingest:after-sql-commit@8",
    "index:before-commit@1",
    "index:between-commits@1",
]


def _kill(ctx, lib: Path, corpus: Path, spec: str, tmp: Path) -> None:
    marker = tmp / "marker"
    marker.unlink(missing_ok=True)
    code = _run(ctx, lib, corpus, spec, marker)
    assert code == -signal.SIGKILL, f"{spec}: the child was not killed (exit code {code})"
    point, _, nth = spec.partition("@")
    assert marker.read_text().strip() == f"{point}@{nth or 1}", f"{spec}: killed elsewhere"
    _integrity(lib)


def test_kills_at_every_fault_point_then_rerun_is_exact(tmp_path: Path, forkserver) -> None:
    v1, v2 = tmp_path / "v1.jsonl", tmp_path / "v2.jsonl"
    docs_v1, docs_v2 = _corpus(v1, v2=False), _corpus(v2, v2=True)
    kills = 0
    # 1. Into a new library: inside and after each migration, then at every ingest/index point.
    for n, spec in enumerate(_migration_points() + FRESH_POINTS):
        lib = tmp_path / f"fresh{n}"
        _kill(forkserver, lib, v1, spec, tmp_path)
        kills += 1
        if spec.startswith("migration"):  # one transaction, DDL included: nothing of it was committed
            assert _tables(lib) == set(), spec
        assert _run(forkserver, lib, v1) == 0, spec
        _check_exact(lib, docs_v1, v2=False)
    # 2. Updating a complete library (changed + new documents).
    base = tmp_path / "base"
    assert _run(forkserver, base, v1) == 0
    for n, spec in enumerate(UPDATE_POINTS):
        lib = tmp_path / f"update{n}"
        shutil.copytree(base, lib)
        _kill(forkserver, lib, v2, spec, tmp_path)
        kills += 1
        assert _run(forkserver, lib, v2) == 0, spec
        _check_exact(lib, docs_v2, v2=True)
    # 3. Several kills in a row on one library before it is ever allowed to finish.
    lib = tmp_path / "repeated"
    for spec in ("migration:0001", "ingest:after-sql-commit@2", "index:between-commits@1", "ingest:record@230"):
        _kill(forkserver, lib, v1, spec, tmp_path)
        kills += 1
    assert _run(forkserver, lib, v1) == 0
    _check_exact(lib, docs_v1, v2=False)
    assert kills >= 20


def test_cli_killed_inside_first_migration_then_rerun(tmp_path: Path) -> None:
    """The outside check: `clinevidence ingest` killed inside migration 0001, re-run: opens, exact counts."""
    corpus = tmp_path / "corpus.jsonl"
    docs = _corpus(corpus, v2=False)
    lib = tmp_path / "lib"
    marker = tmp_path / "marker"
    cmd = [sys.executable, "-m", "clinevidence.cli", "--library", str(lib), "ingest", str(corpus)]
    env = {**os.environ, "CLINEVIDENCE_FAULT": "migration:0001", "CLINEVIDENCE_FAULT_MARKER": str(marker)}
    killed = subprocess.run(cmd, env=env, capture_output=True, timeout=300)
    assert killed.returncode == -signal.SIGKILL and marker.read_text().strip() == "migration:0001@1"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLINEVIDENCE_FAULT")}
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"added {N_V1}," in done.stderr
    _check_exact(lib, docs, v2=False)


def test_half_migrated_library_from_an_older_version_is_repaired(tmp_path: Path) -> None:
    """An older version's crash left `documents` created and `alembic_version` empty: now it opens."""
    tmp_path.mkdir(exist_ok=True)
    with sqlite3.connect(tmp_path / "library.db") as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        conn.execute("CREATE TABLE documents (id VARCHAR(200) PRIMARY KEY, title TEXT NOT NULL)")
    lib = Library(tmp_path)
    assert lib.count_documents() == 0 and lib.snapshot()
    lib.close()


def test_unversioned_tables_with_data_are_stamped_or_refused(tmp_path: Path) -> None:
    from clinevidence.library.db import LibrarySchemaError

    lib = Library(tmp_path)
    lib.close()
    with sqlite3.connect(tmp_path / "library.db") as conn:
        conn.execute("INSERT INTO library_meta VALUES ('generation', '7')")
        conn.execute("DELETE FROM alembic_version")
    Library(tmp_path).close()  # the schema matches the newest revision exactly: stamped, opens
    with sqlite3.connect(tmp_path / "library.db") as conn:
        assert conn.execute("SELECT count(*) FROM alembic_version").fetchone() == (1,)
        assert conn.execute("SELECT value FROM library_meta WHERE key = 'generation'").fetchone() == ("7",)
        conn.execute("DELETE FROM alembic_version")
        conn.execute("CREATE TABLE mystery (x INTEGER)")
    with pytest.raises(LibrarySchemaError, match="no schema version"):
        Library(tmp_path)
    with sqlite3.connect(tmp_path / "library.db") as conn:  # refused without changing anything
        assert conn.execute("SELECT value FROM library_meta WHERE key = 'generation'").fetchone() == ("7",)
