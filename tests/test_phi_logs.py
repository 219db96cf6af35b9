"""A canary patient identifier in questions and searches appears in 0 log lines."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from clinevidence.web.logfilter import StripQueryFilter

from .web_support import build_library, make_app

CANARY = "MRN-CANARY-804211 Jonathan Q Canary"


def test_canary_never_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    lib = build_library(tmp_path / "lib")
    caplog.set_level(logging.DEBUG)
    with TestClient(make_app(lib)) as client:
        q = f"Is tamoxifen with T-DM1 safe for {CANARY} with HER2-positive breast cancer?"
        r = client.post("/api/ask", json={"question": q})
        assert r.status_code == 201
        aid = r.json()["id"]
        client.post(f"/api/articles/{aid}/followup", json={"question": f"And pertuzumab for {CANARY}?"})
        client.post("/ask", data={"question": q}, follow_redirects=False)
        client.post("/api/ask/stream", json={"question": q})
        client.post("/api/ask", json={"question": q, "engine": "llm"})  # not configured: an error path
        client.get("/", params={"q": CANARY})
        client.get("/api/articles", params={"q": CANARY})
    # The test client's own request log (httpx) is the client's, not the server's.
    logged = [rec.getMessage() for rec in caplog.records if not rec.name.startswith("httpx")]
    assert logged  # logging was captured at all
    assert not [line for line in logged if "CANARY" in line.upper()]


def test_access_log_lines_lose_their_query_string() -> None:
    record = logging.LogRecord(
        "uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", f"/?q={CANARY}", "1.1", 200), None,
    )  # fmt: skip
    assert StripQueryFilter().filter(record)
    assert "CANARY" not in record.getMessage()
    assert '"GET /?… HTTP/1.1" 200' in record.getMessage()
