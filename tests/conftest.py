"""Shared fixtures: small libraries built from the fixtures shipped in tests/fixtures and examples/."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from clinevidence.ingest.pipeline import ingest
from clinevidence.library import Library

# Fixtures: run a test (``backend``) or a module's fixtures (``module_backend``) on SQLite and on PostgreSQL.
from .pg_support import _postgres_everywhere, backend, module_backend, postgres  # noqa: F401

# Property tests explore the same (large) set of examples on every run, so CI results are reproducible, and no
# clock decides a result: no deadline, no "too slow" health check (a busy CI machine is not a failing test).
settings.register_profile("repeatable", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("repeatable")

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"
STARTER = Path(__file__).parent.parent / "examples" / "library"


@pytest.fixture(scope="session")
def mini_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    lib = Library(tmp_path_factory.mktemp("mini"))
    counts = ingest(lib, [MINI / "corpus.jsonl"])
    assert counts.added == 6
    return lib


@pytest.fixture(scope="session")
def starter_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    lib = Library(tmp_path_factory.mktemp("starter"))
    counts = ingest(lib, [STARTER])
    assert counts.skipped == 0, counts.errors
    return lib
