"""Several nodes on one database, each with its own index directory: every node's search index catches up from the
change log (library/catchup.py), on SQLite and on PostgreSQL. Refreshes are explicit calls, never a wait."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, select

from clinevidence.ingest.pipeline import ingest
from clinevidence.library import Library, catchup
from clinevidence.library import tables as t
from clinevidence.models import Document, Section
from clinevidence.settings import Settings
from clinevidence.web.app import create_app

from .conftest import MINI

pytestmark = pytest.mark.usefixtures("backend")  # on SQLite and on PostgreSQL (tests/pg_support.py)


def _doc(doc_id: str, words: str) -> Document:
    text = f"{words.capitalize()} is discussed in {doc_id}. A second sentence about {words} follows here."
    return Document(id=doc_id, title=f"Doc {doc_id}", sections=[Section("", text)])


def _found(lib: Library, word: str) -> list[str]:
    return sorted(h.doc_id for h in lib.doc_index.search(word, 50))


def _passages_found(lib: Library, word: str) -> list[str]:
    return sorted({h.doc_id for h in lib.passage_index.search(word, 50)})


def _nodes(tmp_path: Path) -> tuple[Library, Library]:
    a = Library(tmp_path / "node-a")
    b = Library(tmp_path / "node-b", url=a.url)  # its own index directory, the same database
    for lib in (a, b):
        lib.refresh_every = 3600  # only the explicit refresh(force=True) calls below may catch up
        lib.refresh(force=True)  # (the first look, which would otherwise happen at the first search)
    return a, b


def test_ingest_update_and_delete_on_one_node_reach_the_other(tmp_path: Path) -> None:
    a, b = _nodes(tmp_path)
    try:
        a.add_documents([_doc("d1", "zebrafish"), _doc("d2", "okapi")])
        assert b.refresh(force=True) is True
        assert _found(b, "zebrafish") == ["d1"] and _passages_found(b, "okapi") == ["d2"]
        assert b.snapshot() == a.snapshot()
        assert b.refresh(force=True) is False  # nothing new: no work

        a.add_documents([_doc("d1", "narwhal")])  # an update: new text, same id
        b.refresh(force=True)
        assert _found(b, "narwhal") == ["d1"] and _found(b, "zebrafish") == []
        assert _passages_found(b, "zebrafish") == [] and _passages_found(b, "narwhal") == ["d1"]

        assert a.delete_documents(["d2", "missing"]) == 1
        assert _found(a, "okapi") == []
        b.refresh(force=True)
        assert _found(b, "okapi") == [] and _passages_found(b, "okapi") == []
        assert b.doc_index.count() == 1 and b.passage_index.count() == b.count_passages()
        assert b.snapshot() == a.snapshot()
    finally:
        a.close()
        b.close()


def test_a_node_committing_its_own_ingest_takes_in_the_others_first(tmp_path: Path) -> None:
    """Node A ingests while B ingests too: A's commit applies B's change as well, so the generation A records is one
    its index really reflects (recording it without B's document would hide that document from A for good)."""
    a, b = _nodes(tmp_path)
    try:
        a.add_documents([_doc("a1", "zebrafish")], commit_index=False)
        b.add_documents([_doc("b1", "okapi")])
        a.add_documents([_doc("a2", "narwhal")], commit_index=False)
        a.commit_indexes()
        assert _found(a, "okapi") == ["b1"] and _found(a, "zebrafish") == ["a1"] and _found(a, "narwhal") == ["a2"]
        assert a.doc_index.count() == 3 and a.passage_index.count() == a.count_passages()
        b.refresh(force=True)
        assert _found(b, "zebrafish narwhal") == ["a1", "a2"]
        assert a.snapshot() == b.snapshot()
    finally:
        a.close()
        b.close()


def test_a_node_behind_the_pruned_log_rebuilds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(catchup, "CHANGE_LOG_GENERATIONS", 2)
    monkeypatch.setattr(catchup, "PRUNE_EVERY", 1)
    rebuilds: list[int] = []
    all_ids = catchup.all_ids
    monkeypatch.setattr(catchup, "all_ids", lambda conn: rebuilds.append(1) or all_ids(conn))
    a, b = _nodes(tmp_path)
    try:
        rebuilds.clear()  # (only what follows counts)
        a.add_documents([_doc("d0", "zebrafish")])
        b.refresh(force=True)
        assert rebuilds == []  # a log within reach: incremental
        for i in range(1, 6):
            a.add_documents([_doc(f"d{i}", "okapi")])
        a.delete_documents(["d0"])
        with a.engine.connect() as conn:
            assert min(conn.execute(select(t.library_changes.c.generation)).scalars()) > 1  # pruned
        b.refresh(force=True)
        assert rebuilds == [1]
        assert _found(b, "okapi") == [f"d{i}" for i in range(1, 6)] and _found(b, "zebrafish") == []
        assert b.passage_index.count() == b.count_passages()
    finally:
        a.close()
        b.close()


def test_a_document_read_while_it_changes_is_never_split(tmp_path: Path) -> None:
    """A writer commits between the catch-up's two reads (documents, then passages): the catch-up never indexes
    one version's document with another version's passages."""
    a, b = _nodes(tmp_path)
    try:
        a.add_documents([_doc("d1", "zebrafish")])
        fired: list[str] = []

        def before_execute(conn, cursor, statement, params, context, executemany):  # type: ignore[no-untyped-def]
            if "FROM passages JOIN documents" in statement and not fired:
                fired.append(statement)
                a.add_documents([_doc("d1", "narwhal")])  # committed in between

        event.listen(b.engine, "before_cursor_execute", before_execute)
        b.refresh(force=True)
        event.remove(b.engine, "before_cursor_execute", before_execute)
        assert fired
        docs, passages = _found(b, "zebrafish narwhal"), _passages_found(b, "zebrafish narwhal")
        assert docs == passages == ["d1"]
        both = (_found(b, "zebrafish"), _passages_found(b, "zebrafish"))
        assert both in ((["d1"], ["d1"]), ([], []))  # one version, whichever it read
        b.refresh(force=True)  # and the later change is applied at the next catch-up
        assert _found(b, "narwhal") == _passages_found(b, "narwhal") == ["d1"] and _found(b, "zebrafish") == []
    finally:
        a.close()
        b.close()


KILLED_INGEST = """
import sys
from pathlib import Path
from clinevidence.library import Library
from clinevidence.models import Document, Section
lib = Library(Path(sys.argv[1]), url=sys.argv[2])
text = "Zebrafish is discussed here. Zebrafish models of disease are common."
lib.add_documents([Document(id="k1", title="Killed", sections=[Section("", text)])])
"""


def test_a_node_killed_between_sql_commit_and_index_commit_loses_nothing(tmp_path: Path) -> None:
    a, b = _nodes(tmp_path)
    a.add_documents([_doc("d1", "okapi")])
    a.close()
    env = {**os.environ, "CLINEVIDENCE_FAULT": "ingest:after-sql-commit"}
    child = subprocess.run(  # noqa: S603
        [sys.executable, "-c", KILLED_INGEST, str(tmp_path / "node-a"), b.url], env=env, capture_output=True
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    try:
        b.refresh(force=True)  # the other node: the document is committed in SQL, so it is in the log
        assert _found(b, "zebrafish") == ["k1"]
        a = Library(tmp_path / "node-a", url=b.url)  # the killed node, reopened: its index catches up
        assert _found(a, "zebrafish") == ["k1"] and _found(a, "okapi") == ["d1"]
        assert a.doc_index.count() == 2 and a.passage_index.count() == a.count_passages()
        assert a.snapshot() == b.snapshot()
    finally:
        a.close()
        b.close()


def test_second_app_node_answers_from_documents_ingested_through_the_first(tmp_path: Path) -> None:
    a_dir, b_dir = tmp_path / "node-a", tmp_path / "node-b"
    node_a = create_app(a_dir, Settings(library=a_dir, ask_rate_per_minute=10_000))
    url = node_a.state.library.url
    node_b = create_app(b_dir, Settings(library=b_dir, database_url=url, index_refresh_seconds=30))
    question = "Are antibiotics effective for the common cold?"
    with TestClient(node_a), TestClient(node_b) as client_b:
        lib_b = node_b.state.library
        assert lib_b._refresher is not None and lib_b.refresh_every == 30  # the background catch-up runs
        assert client_b.get("/api/library/stats").json()["documents"] == 0
        ingest(node_a.state.library, [MINI / "corpus.jsonl"])  # `clinevidence ingest` through node A
        lib_b.refresh(force=True)  # what B's background thread does every index_refresh_seconds
        answer = client_b.post("/api/ask", json={"question": question})
        assert answer.status_code == 201, answer.text
        assert answer.json()["verdict"] == "no" and answer.json()["references"][0]["doc_id"] == "d5"
        assert answer.json()["receipt"]["library_snapshot"] == node_a.state.library.snapshot()
        node_a.state.library.delete_documents(["d5"])
        lib_b.refresh(force=True)
        again = client_b.post("/api/ask", json={"question": question})
        assert "d5" not in [r["doc_id"] for r in again.json()["references"]]
    assert lib_b._refresher is None  # stopped with the app


def test_nodes_ingesting_at_once_all_converge(tmp_path: Path) -> None:
    """Three nodes (own index directories, one database) ingest and refresh at the same time; afterwards every
    node's index holds every document exactly once, at the same generation."""
    import threading

    first = Library(tmp_path / "n0")
    nodes = [first, *(Library(tmp_path / f"n{i}", url=first.url) for i in (1, 2))]
    start = threading.Barrier(len(nodes))
    errors: list[BaseException] = []

    def work(n: int, lib: Library) -> None:
        try:
            start.wait()
            for batch in range(4):
                lib.add_documents([_doc(f"n{n}-{batch}-{i}", f"okapi{n}") for i in range(30)])
                lib.refresh(force=True)
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n, lib)) for n, lib in enumerate(nodes)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    try:
        assert errors == []
        for lib in nodes:
            lib.refresh(force=True)
            assert lib.doc_index.count() == 360 and lib.passage_index.count() == lib.count_passages()
            for n in range(3):
                assert len(lib.doc_index.search(f"okapi{n}", 500)) == 120
        assert len({lib.snapshot() for lib in nodes}) == 1
    finally:
        for lib in nodes:
            lib.close()


OPEN_NODE = """
import sys
from pathlib import Path
from clinevidence.library import Library
Library(Path(sys.argv[1]), url=sys.argv[2])
"""


def test_a_node_killed_in_its_own_catch_up_recovers_without_duplicates(tmp_path: Path) -> None:
    """Node B is killed while catching up (its documents index committed, its passages index not, no marker):
    reopened, it applies the same changes again — each document once in each index."""
    a, b = _nodes(tmp_path)
    b.close()
    a.add_documents([_doc("d1", "zebrafish"), _doc("d2", "okapi")])
    a.add_documents([_doc("d1", "narwhal")])
    env = {**os.environ, "CLINEVIDENCE_FAULT": "index:between-commits"}
    child = subprocess.run(  # noqa: S603
        [sys.executable, "-c", OPEN_NODE, str(tmp_path / "node-b"), a.url], env=env, capture_output=True
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    b = Library(tmp_path / "node-b", url=a.url)
    try:
        assert b.doc_index.count() == 2 and b.passage_index.count() == b.count_passages()
        assert _found(b, "narwhal") == _passages_found(b, "narwhal") == ["d1"] and _found(b, "zebrafish") == []
        assert b.snapshot() == a.snapshot()
    finally:
        a.close()
        b.close()


def test_reopening_an_unchanged_library_does_not_count_sql_but_damage_is_still_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """COUNT(*) over documents and passages runs on open only when it can tell something new: once per generation
    (recorded in ``catchup.VERIFIED``), and again whenever the indexes' own counts moved (here: a lost index)."""
    import shutil

    counted: list[int] = []
    real = Library._sql_counts

    def counting(self: Library) -> tuple[int, int]:
        counted.append(1)
        return real(self)

    monkeypatch.setattr(Library, "_sql_counts", counting)
    lib = Library(tmp_path / "lib")
    lib.add_documents([_doc("d1", "warfarin"), _doc("d2", "aspirin")])
    lib.close()
    counted.clear()
    for _ in range(3):  # the first open counts and records it; later opens at that generation do not
        lib = Library(tmp_path / "lib")
        assert _found(lib, "warfarin") == ["d1"]
        lib.close()
        assert len(counted) == 1
    lib = Library(tmp_path / "lib")
    lib.add_documents([_doc("d3", "heparin")])  # a new generation: the next open counts again
    lib.close()
    for _ in range(2):
        Library(tmp_path / "lib").close()
    assert len(counted) == 2
    shutil.rmtree(tmp_path / "lib" / "index" / "passages")  # damage: the marker and the record stay behind
    lib = Library(tmp_path / "lib")
    try:
        assert len(counted) == 3  # the indexes' counts moved: counted, found short, rebuilt
        assert _passages_found(lib, "heparin") == ["d3"] and lib.passage_index.count() == lib.count_passages()
    finally:
        lib.close()
    for _ in range(2):  # rebuilt: the indexes hold the recorded counts again, so later opens are quiet again
        Library(tmp_path / "lib").close()
    assert len(counted) == 3


def test_an_index_holding_documents_sql_lacks_is_rebuilt_on_open_even_when_verified(tmp_path: Path) -> None:
    """Documents committed to the index whose SQL transaction never committed (an in-process failure after the
    index writer took them) change the index's counts, so the open counts SQL again and rebuilds."""
    lib = Library(tmp_path / "lib")
    lib.add_documents([_doc("d1", "warfarin")])
    lib.close()
    Library(tmp_path / "lib").close()  # counted and recorded in catchup.VERIFIED
    assert (tmp_path / "lib" / "index" / catchup.VERIFIED).exists()
    lib = Library(tmp_path / "lib")
    lib._doc_index.add([("ghost", "ghost", "Ghost", "ghost warfarin")])  # never in SQL
    lib._doc_index.commit()
    assert _found(lib, "warfarin") == ["d1", "ghost"]
    lib.close()
    lib = Library(tmp_path / "lib")
    try:
        assert _found(lib, "warfarin") == ["d1"]
    finally:
        lib.close()
