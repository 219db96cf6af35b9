"""The MCP server, driven by the official SDK's own client over stdio (a subprocess) and streamable HTTP."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
from mcp import Client
from mcp.client.stdio import StdioServerParameters
from mcp.client.streamable_http import create_mcp_http_client, streamable_http_client

from clinevidence.integrations.apikeys import ApiKeys
from clinevidence.library.db import database_url, make_engine, migrate

from .browser_support import serve
from .web_support import FOLLOW_UP, SEED_QUESTION, build_library, make_app

TOOLS = {"ask", "search_library", "get_article", "get_document"}


@pytest.fixture(scope="module")
def lib_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_library(tmp_path_factory.mktemp("mcp") / "lib")


@pytest.fixture(scope="module")
def base(lib_path: Path) -> Iterator[str]:
    with serve(make_app(lib_path, ask_rate_per_minute=1000)) as url:
        yield url


def _text(result: Any) -> str:
    return "".join(getattr(c, "text", "") for c in result.content)


async def _session(server: Any) -> dict[str, Any]:
    """List the tools, ask the seed question and a follow-up, search, read a document and the article back."""
    async with Client(server) as client:
        tools = {t.name: t for t in (await client.list_tools()).tools}
        asked = await client.call_tool("ask", {"question": SEED_QUESTION})
        article = asked.structured_content
        follow = await client.call_tool("ask", {"question": FOLLOW_UP, "follow_up_of": article["id"]})
        found = await client.call_tool("search_library", {"query": "tamoxifen T-DM1", "limit": 3})
        doc_id = found.structured_content["results"][0]["id"]
        doc = await client.call_tool("get_document", {"doc_id": doc_id})
        again = await client.call_tool("get_article", {"article_id": article["id"]})
        missing = await client.call_tool("get_article", {"article_id": "nosuchid"})
        return {
            "tools": tools,
            "asked": asked,
            "follow": follow,
            "found": found,
            "doc": doc,
            "again": again,
            "missing": missing,
        }


def _check(out: dict[str, Any]) -> None:
    assert TOOLS <= set(out["tools"])
    assert "question" in out["tools"]["ask"].input_schema["properties"]
    asked = out["asked"]
    assert not asked.is_error
    text = _text(asked)
    article = asked.structured_content
    assert text.startswith("# Tamoxifen with T-DM1") and article["title"].startswith("Tamoxifen with T-DM1")
    assert "[1]" in text and "## References" in text
    assert all(s["citations"] for s in article["summary"])
    follow = out["follow"].structured_content
    assert follow["parent_id"] == article["id"] and follow["thread_id"] == article["thread_id"]
    results = out["found"].structured_content["results"]
    assert 1 <= len(results) <= 3 and all(r["id"] and r["title"] for r in results)
    doc = out["doc"].structured_content
    assert doc["id"] == results[0]["id"] and doc["passages"] and _text(out["doc"]).startswith("# ")
    assert _text(out["again"]).splitlines()[0] == text.splitlines()[0]
    assert out["missing"].is_error and "No article" in _text(out["missing"])


def test_stdio_transport(lib_path: Path) -> None:
    params = StdioServerParameters(
        command=sys.executable,
        args=["-c", "from clinevidence.cli import app; app()", "--library", str(lib_path), "mcp"],
        env={"CLINEVIDENCE_LIBRARY": str(lib_path)},
    )
    out = anyio.run(_session, params)
    _check(out)
    assert "/articles/" not in _text(out["asked"])  # no web server, so no link


def _with_token(url: str, token: str) -> Any:
    """The streamable HTTP transport presenting ``token``: a conversation's asker (its follow-ups stay in its
    thread only for the same token; without one, each follow-up starts a thread of its own)."""
    headers = {"Authorization": f"Bearer {token}"}
    return streamable_http_client(url, http_client=create_mcp_http_client(headers=headers))


def test_streamable_http_transport(base: str) -> None:
    out = anyio.run(_session, _with_token(f"{base}/mcp", "ce-http-session"))
    _check(out)
    article = out["asked"].structured_content
    assert f"Online: </articles/{article['id']}>" in _text(out["asked"])  # no base URL set: site-relative
    # The article the MCP client got is the web app's stored article.
    assert httpx.get(f"{base}/api/articles/{article['id']}").json()["title"] == article["title"]


def test_http_refuses_other_origins(base: str) -> None:
    r = httpx.post(
        f"{base}/mcp",
        json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"},
        headers={"Origin": "http://evil.example", "Accept": "application/json, text/event-stream"},
    )
    assert r.status_code == 403


def test_http_needs_a_key_when_login_is_required(tmp_path: Path) -> None:
    lib = build_library(tmp_path / "lib")
    engine = make_engine(database_url(lib))
    migrate(engine)
    key = ApiKeys(engine).create("desktop-host")
    engine.dispose()
    with serve(make_app(lib, require_login_to_ask=True)) as url:
        r = httpx.post(f"{url}/mcp", json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"})
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"

        async def with_key() -> set[str]:
            import httpx2

            async with httpx2.AsyncClient(headers={"Authorization": f"Bearer {key}"}) as http:
                from mcp.client.streamable_http import streamable_http_client

                async with Client(streamable_http_client(f"{url}/mcp", http_client=http)) as client:
                    return {t.name for t in (await client.list_tools()).tools}

        assert anyio.run(with_key) >= TOOLS


def test_ask_counts_against_the_rate_limit(lib_path: Path) -> None:
    with serve(make_app(lib_path, ask_rate_per_minute=1)) as url:

        async def twice() -> tuple[Any, Any]:
            async with Client(f"{url}/mcp") as client:
                first = await client.call_tool("ask", {"question": SEED_QUESTION, "force_new": True})
                second = await client.call_tool("ask", {"question": SEED_QUESTION, "force_new": True})
                return first, second

        first, second = anyio.run(twice)
        assert not first.is_error
        assert second.is_error and "Too many questions" in _text(second)


def test_over_http_a_follow_up_from_another_session_starts_its_own_thread(base: str) -> None:
    async def run() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
        owner_transport, other_transport = (
            _with_token(f"{base}/mcp", "ce-owner"),
            _with_token(f"{base}/mcp", "ce-other"),
        )
        async with Client(owner_transport) as owner, Client(other_transport) as other:
            article = (await owner.call_tool("ask", {"question": SEED_QUESTION, "force_new": True})).structured_content
            mine = await owner.call_tool("ask", {"question": FOLLOW_UP, "follow_up_of": article["id"]})
            theirs = await other.call_tool("ask", {"question": FOLLOW_UP, "follow_up_of": article["id"]})
            return article, mine.structured_content, theirs.structured_content

    article, mine, theirs = anyio.run(run)
    assert mine["thread_id"] == article["thread_id"]
    assert theirs["thread_id"] != article["thread_id"] and theirs["parent_id"] == article["id"]
