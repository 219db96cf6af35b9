"""The ingest pipeline writes the ingestion audit event itself, whichever entry point runs it (CLI, code, web)."""

from __future__ import annotations

from pathlib import Path

import pytest

from clinevidence.ingest.pipeline import ingest
from clinevidence.library import Library
from clinevidence.review import audit
from clinevidence.review.living import flag_stale_articles

from .conftest import MINI

pytestmark = pytest.mark.usefixtures("backend")  # on SQLite and on PostgreSQL (tests/pg_support.py)


def test_every_ingest_is_audited_once(tmp_path: Path) -> None:
    lib = Library(tmp_path)
    counts = ingest(lib, [MINI / "corpus.jsonl"], actor="script")
    assert counts.audited
    assert flag_stale_articles(lib, counts) == 0  # the living-answers pass does not record it a second time
    again = ingest(lib, [MINI / "corpus.jsonl"])
    with lib.engine.connect() as conn:
        events = audit.list_events(conn, action="ingest")
    assert [(e.actor, e.detail["added"], e.detail["unchanged"]) for e in events] == [("ingest", 0, 6), ("script", 6, 0)]
    assert again.unchanged == 6
    lib.close()
