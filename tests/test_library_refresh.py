"""A running server's Library sees documents another process ingested, without a restart (and says so in its
snapshot); the check is rate-limited by an injected clock, never by sleeping."""

from __future__ import annotations

from pathlib import Path

import pytest

from clinevidence.library import Library
from clinevidence.models import Document, Section

pytestmark = pytest.mark.usefixtures("backend")  # on SQLite and on PostgreSQL (tests/pg_support.py)


def _doc(i: int, word: str) -> Document:
    return Document(id=f"d{i}", title=f"Doc {i}", sections=[Section("", f"{word} is discussed here in doc {i}.")])


def test_reader_picks_up_another_writers_commit(tmp_path: Path) -> None:
    reader = Library(tmp_path)  # the server's
    writer = Library(tmp_path)  # `clinevidence ingest`, in another process in real life
    now = {"t": 100.0}
    reader.clock = lambda: now["t"]
    assert reader.doc_index.search("zebrafish", 5) == []  # the first check happens here (t=100)
    before = reader.snapshot()

    writer.add_documents([_doc(1, "zebrafish")], commit_index=False)  # SQL committed, index not yet
    now["t"] += 5
    assert reader.doc_index.search("zebrafish", 5) == []  # nothing searchable yet: no reload, same snapshot
    assert reader.snapshot() == before

    writer.commit_indexes()
    now["t"] += 0.5  # within the same second: not checked again yet
    assert reader.doc_index.search("zebrafish", 5) == []
    now["t"] += 0.6
    hits = reader.doc_index.search("zebrafish", 5)
    assert [h.doc_id for h in hits] == ["d1"]
    assert reader.passage_index.search("zebrafish", 5)[0].doc_id == "d1"
    assert reader.snapshot() != before and reader.snapshot() == writer.snapshot()
    writer.close()
    reader.close()


def test_no_reload_while_own_writes_are_pending(tmp_path: Path) -> None:
    lib = Library(tmp_path)
    lib.refresh_every = 0
    lib.add_documents([_doc(1, "aspirin")], commit_index=False)
    assert lib.pending_index == 1
    assert lib.refresh() is False  # its own uncommitted documents are committed by itself, never reloaded away
    lib.commit_indexes()
    assert lib.refresh() is False  # its own commit is already loaded
    assert [h.doc_id for h in lib.doc_index.search("aspirin", 5)] == ["d1"]
    lib.close()


def test_snapshot_unchanged_for_an_unchanged_library(tmp_path: Path) -> None:
    lib = Library(tmp_path)
    lib.add_documents([_doc(1, "aspirin"), _doc(2, "warfarin")])
    first = lib.snapshot()
    lib.add_documents([_doc(1, "aspirin")])  # unchanged: no new generation
    assert lib.snapshot() == first
    lib.close()
    assert Library(tmp_path).snapshot() == first  # and the same after reopening
