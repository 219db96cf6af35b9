"""Schemathesis fuzzes every OpenAPI operation in process with all its default checks: no 5xx, responses match
the schema (status codes, content types, the error envelope), and schema-valid requests are accepted."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from .web_support import SEED_QUESTION, build_library, make_app

schemathesis = pytest.importorskip("schemathesis")

EXAMPLES_PER_OPERATION = 50


def test_openapi_operations_pass_schemathesis_checks(tmp_path: Path) -> None:
    app = make_app(build_library(tmp_path / "library"), ask_rate_per_minute=1_000_000)
    with TestClient(app) as c:  # one real article, so article routes also meet a valid id
        c.post("/api/ask", json={"question": SEED_QUESTION})
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    server_errors: list[str] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, suppress_health_check=list(HealthCheck))
        def run(case) -> None:  # type: ignore[no-untyped-def]
            response = case.call_and_validate()
            if response.status_code >= 500:
                server_errors.append(f"{case.method} {case.formatted_path}: {response.status_code}")

        run()
    assert server_errors == []
