"""The OpenAI-compatible endpoint, driven by the official ``openai`` client against a real uvicorn server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import openai
import pytest
from typer.testing import CliRunner

from clinevidence.cli import app as cli_app
from clinevidence.integrations.apikeys import ApiKeys
from clinevidence.library.db import database_url, make_engine, migrate
from clinevidence.review import audit

from .browser_support import serve
from .web_support import FOLLOW_UP, SEED_QUESTION, build_library, make_app


@pytest.fixture(scope="module")
def lib_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_library(tmp_path_factory.mktemp("openai") / "lib")


@pytest.fixture(scope="module")
def base(lib_path: Path) -> Iterator[str]:
    with serve(make_app(lib_path, ask_rate_per_minute=1000)) as url:
        yield url


@pytest.fixture(scope="module")
def client(base: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{base}/v1", api_key="anything", max_retries=0)


def _body(text: str) -> str:
    """The article Markdown without what differs between two answers to one question (address, times)."""
    return "\n".join(
        line for line in text.splitlines() if not line.startswith(("Online:", "*Receipt:", "Status:"))
    ).strip()


def test_models_are_the_audiences(client: openai.OpenAI) -> None:
    ids = [m.id for m in client.models.list()]
    assert ids == ["clinevidence-clinician", "clinevidence-student", "clinevidence-patient"]
    assert client.models.retrieve("clinevidence-patient").owned_by == "clinevidence"


def test_completion_is_the_cited_article(client: openai.OpenAI, base: str) -> None:
    done = client.chat.completions.create(
        model="clinevidence-clinician", messages=[{"role": "user", "content": SEED_QUESTION}]
    )
    text = done.choices[0].message.content or ""
    article = done.clinevidence  # type: ignore[attr-defined]
    assert done.choices[0].finish_reason == "stop" and done.object == "chat.completion"
    assert text.startswith("# Tamoxifen with T-DM1")
    assert "[1]" in text and "## References" in text and "\n1. " in text
    assert article["title"].startswith("Tamoxifen with T-DM1") and article["audience"] == "clinician"
    assert f"/articles/{article['id']}" in text
    # The same Markdown as the article's own export.
    assert httpx.get(f"{base}/articles/{article['id']}.md").text == text


def test_streamed_chunks_concatenate_to_the_same_text(client: openai.OpenAI, base: str) -> None:
    stream = client.chat.completions.create(
        model="clinevidence-clinician", messages=[{"role": "user", "content": SEED_QUESTION}], stream=True
    )
    chunks = list(stream)
    assert len(chunks) > 3
    assert chunks[0].choices[0].delta.role == "assistant"
    assert chunks[-1].choices[0].finish_reason == "stop"
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    article = chunks[-1].clinevidence  # type: ignore[attr-defined]
    assert httpx.get(f"{base}/articles/{article['id']}.md").text == text
    whole = client.chat.completions.create(
        model="clinevidence-clinician", messages=[{"role": "user", "content": SEED_QUESTION}]
    )
    assert _body(text) == _body(whole.choices[0].message.content or "")


def test_stream_ends_with_done(base: str) -> None:
    r = httpx.post(
        f"{base}/v1/chat/completions",
        json={
            "model": "clinevidence-student",
            "stream": True,
            "messages": [{"role": "user", "content": SEED_QUESTION}],
        },
        timeout=30,
    )
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
    assert r.text.rstrip().endswith("data: [DONE]")


def test_second_user_message_is_a_follow_up(client: openai.OpenAI, base: str) -> None:
    first = client.chat.completions.create(
        model="clinevidence-clinician", messages=[{"role": "user", "content": SEED_QUESTION}]
    )
    reply = first.choices[0].message.content or ""
    second = client.chat.completions.create(
        model="clinevidence-clinician",
        messages=[
            {"role": "system", "content": "You are a helpful assistant."},
            {"role": "user", "content": SEED_QUESTION},
            {"role": "assistant", "content": reply},
            {"role": "user", "content": [{"type": "text", "text": FOLLOW_UP}]},
        ],
    )
    parent, child = first.clinevidence, second.clinevidence  # type: ignore[attr-defined]
    assert child["question"] == FOLLOW_UP
    assert child["parent_id"] == parent["id"] and child["thread_id"] == parent["thread_id"]
    # Answered like the web app's follow-up of the same article.
    web = httpx.post(f"{base}/api/articles/{parent['id']}/followup", json={"question": FOLLOW_UP}).json()
    assert child["title"] == web["title"] and child["verdict"] == web["verdict"]
    assert "pertuzumab" in child["title"].lower()


def test_follow_up_without_an_article_link_uses_the_previous_question(client: openai.OpenAI, base: str) -> None:
    done = client.chat.completions.create(
        model="clinevidence-clinician",
        messages=[
            {"role": "user", "content": SEED_QUESTION},
            {"role": "assistant", "content": "(an answer from another tool)"},
            {"role": "user", "content": FOLLOW_UP},
        ],
    )
    article = done.clinevidence  # type: ignore[attr-defined]
    seed = httpx.post(f"{base}/api/ask", json={"question": SEED_QUESTION, "force_new": True}).json()
    web = httpx.post(f"{base}/api/articles/{seed['id']}/followup", json={"question": FOLLOW_UP}).json()
    assert article["title"] == web["title"] and article["parent_id"] is None


def test_audience_from_model_and_from_extension(client: openai.OpenAI) -> None:
    patient = client.chat.completions.create(
        model="clinevidence-patient", messages=[{"role": "user", "content": SEED_QUESTION}]
    )
    assert patient.clinevidence["audience"] == "patient"  # type: ignore[attr-defined]
    student = client.chat.completions.create(
        model="clinevidence-patient",
        messages=[{"role": "user", "content": SEED_QUESTION}],
        extra_body={"audience": "student"},
    )
    assert student.clinevidence["audience"] == "student"  # type: ignore[attr-defined]


def test_errors_have_openai_shape(client: openai.OpenAI, base: str) -> None:
    with pytest.raises(openai.NotFoundError) as info:
        client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": SEED_QUESTION}])
    assert info.value.code == "model_not_found" and info.value.param == "model"

    r = httpx.post(f"{base}/v1/chat/completions", json={"model": "clinevidence-clinician", "messages": []})
    assert r.status_code == 422
    error = r.json()["error"]
    assert set(error) == {"message", "type", "param", "code"} and error["type"] == "invalid_request_error"
    assert error["param"] == "messages"

    only_assistant = {"model": "clinevidence-clinician", "messages": [{"role": "assistant", "content": "hi"}]}
    r = httpx.post(f"{base}/v1/chat/completions", json=only_assistant)
    assert r.status_code == 422 and "no user message" in r.json()["error"]["message"]

    too_long = {"model": "clinevidence-clinician", "messages": [{"role": "user", "content": "why " * 1000}]}
    r = httpx.post(f"{base}/v1/chat/completions", json=too_long)
    assert r.status_code == 422 and "too long" in r.json()["error"]["message"]

    r = httpx.post(f"{base}/v1/chat/completions", content=b"{" + b" " * 70_000 + b"}", headers={"Accept": "*/*"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "request_too_large"

    r = httpx.get(f"{base}/v1/nothing-here", headers={"Accept": "text/html"})
    assert r.status_code == 404 and r.json()["error"]["type"] == "invalid_request_error"


def test_rate_limit_is_the_ask_limit(lib_path: Path) -> None:
    with serve(make_app(lib_path, ask_rate_per_minute=1)) as url:
        c = openai.OpenAI(base_url=f"{url}/v1", api_key="x", max_retries=0)
        c.chat.completions.create(model="clinevidence-clinician", messages=[{"role": "user", "content": SEED_QUESTION}])
        with pytest.raises(openai.RateLimitError) as info:
            c.chat.completions.create(
                model="clinevidence-clinician", messages=[{"role": "user", "content": SEED_QUESTION}]
            )
        assert info.value.code == "rate_limit_exceeded"
        assert int(info.value.response.headers["retry-after"]) >= 1
        # One budget: /api/ask is spent too.
        assert httpx.post(f"{url}/api/ask", json={"question": SEED_QUESTION}).status_code == 429


def test_login_required_needs_a_created_key(tmp_path: Path) -> None:
    lib = build_library(tmp_path / "lib")
    runner = CliRunner()
    made = runner.invoke(cli_app, ["--library", str(lib), "keys", "create", "open-webui"])
    assert made.exit_code == 0, made.output
    key = made.stdout.strip().splitlines()[-1]
    assert key.startswith("ce-")
    question = [{"role": "user", "content": SEED_QUESTION}]
    with serve(make_app(lib, require_login_to_ask=True)) as url:
        bad = openai.OpenAI(base_url=f"{url}/v1", api_key="ce-not-a-real-key", max_retries=0)
        with pytest.raises(openai.AuthenticationError) as info:
            bad.chat.completions.create(model="clinevidence-clinician", messages=question)
        assert info.value.status_code == 401 and info.value.code == "invalid_api_key"
        assert info.value.body["type"] == "authentication_error"  # type: ignore[index]
        with pytest.raises(openai.AuthenticationError):
            bad.models.list()
        good = openai.OpenAI(base_url=f"{url}/v1", api_key=key, max_retries=0)
        done = good.chat.completions.create(model="clinevidence-clinician", messages=question)
        assert done.clinevidence["title"].startswith("Tamoxifen")  # type: ignore[attr-defined]
        assert [m.id for m in good.models.list()][0] == "clinevidence-clinician"

        revoked = runner.invoke(cli_app, ["--library", str(lib), "keys", "revoke", "open-webui"])
        assert revoked.exit_code == 0, revoked.output
        with pytest.raises(openai.AuthenticationError):
            good.chat.completions.create(model="clinevidence-clinician", messages=question)

    listed = runner.invoke(cli_app, ["--library", str(lib), "keys", "list"])
    assert "open-webui" in listed.stdout and key not in listed.stdout
    engine = make_engine(database_url(lib))
    with engine.connect() as conn:
        actions = [e.action for e in audit.list_events(conn)]
        assert "api_key_created" in actions and "api_key_revoked" in actions
        stored = conn.exec_driver_sql("SELECT key_hash, prefix FROM api_keys").all()
    assert len(stored) == 1 and key not in stored[0][0] and stored[0][0] != key
    engine.dispose()


def test_key_names_and_duplicates(tmp_path: Path) -> None:
    engine = make_engine(database_url(tmp_path))
    migrate(engine)
    keys = ApiKeys(engine)
    key = keys.create("ehr.integration-1")
    assert keys.verify(key) is not None and keys.verify(key + "x") is None and keys.verify(None) is None
    with pytest.raises(ValueError, match="already exists"):
        keys.create("ehr.integration-1")
    with pytest.raises(ValueError, match="key names"):
        keys.create("bad name")
    with pytest.raises(ValueError, match="no key"):
        keys.revoke("nobody")
    engine.dispose()


def test_long_conversations_fit_the_body_limit(client: openai.OpenAI) -> None:
    """Chat UIs resend every earlier reply (a whole article each); only their address is read."""
    first = client.chat.completions.create(
        model="clinevidence-clinician", messages=[{"role": "user", "content": SEED_QUESTION}]
    )
    reply = first.choices[0].message.content or ""
    padding = reply + "\n\nSee also <https://journal.example/articles/abc123>\n" + "More text. " * 400
    history: list[dict[str, str]] = []
    for _ in range(15):
        history += [{"role": "user", "content": SEED_QUESTION}, {"role": "assistant", "content": padding}]
    assert len(str(history)) > 100_000
    done = client.chat.completions.create(
        model="clinevidence-clinician", messages=[*history, {"role": "user", "content": FOLLOW_UP}]
    )
    assert done.clinevidence["parent_id"] == first.clinevidence["id"]  # type: ignore[attr-defined]


def _article_count(lib: Path) -> int:
    engine = make_engine(database_url(lib))
    with engine.connect() as conn:
        n = int(conn.exec_driver_sql("SELECT count(*) FROM articles").scalar_one())
    engine.dispose()
    return n


def test_chat_ui_background_tasks_write_no_article(client: openai.OpenAI, lib_path: Path) -> None:
    """Open WebUI asks its model for a title, tags and follow-ups ("### Task: ..." with the chat history)."""
    first = client.chat.completions.create(
        model="clinevidence-clinician", messages=[{"role": "user", "content": SEED_QUESTION}]
    )
    article = first.clinevidence  # type: ignore[attr-defined]
    history = f"USER: {SEED_QUESTION}\nASSISTANT: {first.choices[0].message.content}"
    before = _article_count(lib_path)
    for stream in (False, True):
        prompt = f"### Task:\nGenerate a concise title.\n### Chat History:\n<chat_history>\n{history}\n</chat_history>"
        messages = [{"role": "user", "content": prompt}]
        if stream:
            stream_ = client.chat.completions.create(model="clinevidence-clinician", messages=messages, stream=True)
            chunks = list(stream_)
            text = "".join(c.choices[0].delta.content or "" for c in chunks)
        else:
            done = client.chat.completions.create(model="clinevidence-clinician", messages=messages)
            text = done.choices[0].message.content or ""
            assert done.clinevidence is None  # type: ignore[attr-defined]
        reply = json.loads(text)
        assert reply["title"] == article["title"] and reply["follow_ups"] == article["follow_ups"][:5]
        assert reply["tags"]
    assert _article_count(lib_path) == before
