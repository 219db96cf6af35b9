"""POST /api/ask/stream: statements stream as server-sent events; the stored, grounded article comes last."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from clinevidence.settings import LLMSettings

from .llm_servers import ScriptedServer, openai_stream, serve
from .test_llm_engine import grounded
from .web_support import SEED_QUESTION, build_library, make_app, parse_events


@pytest.fixture(scope="module")
def lib_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_library(tmp_path_factory.mktemp("stream") / "lib")


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    yield from serve()


def test_extractive_stream_ends_with_the_stored_article(lib_path: Path) -> None:
    with TestClient(make_app(lib_path)) as client:
        r = client.post("/api/ask/stream", json={"question": SEED_QUESTION})
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        events = parse_events(r.text)
        assert [kind for kind, _ in events] == ["final"]
        final = events[-1][1]
        assert final["title"].startswith("Tamoxifen with T-DM1")
        stored = client.get(f"/api/articles/{final['id']}").json()
        assert stored["title"] == final["title"] and stored["url"] == final["url"]


def test_llm_stream_tokens_then_final(lib_path: Path, server: ScriptedServer) -> None:
    llm = LLMSettings(provider="openai", base_url=f"{server.root}/v1", model="local-model", timeout=2, max_retries=0)
    server.enqueue(lambda req: openai_stream(grounded(req)))
    with TestClient(make_app(lib_path, llm=llm)) as client:
        r = client.post("/api/ask/stream", json={"question": SEED_QUESTION, "engine": "llm"})
        events = parse_events(r.text)
        kinds = [kind for kind, _ in events]
        assert kinds[-1] == "final" and kinds.count("token") >= 1
        final = events[-1][1]
        assert final["receipt"]["engine"] == "llm"
        previews = [d["text"].strip() for k, d in events if k == "token"]
        assert previews == [
            s["text"] for s in final["summary"] + [x for sec in final["sections"] for x in sec["statements"]]
        ]
        assert client.get(f"/api/articles/{final['id']}").status_code == 200


def test_stream_validates_like_ask(lib_path: Path) -> None:
    with TestClient(make_app(lib_path)) as client:
        r = client.post("/api/ask/stream", json={"question": ""})
        assert r.status_code == 422 and r.json()["ok"] is False
