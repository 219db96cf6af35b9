"""Providers against real local HTTP servers (OpenAI chat completions, Anthropic messages), and the fake."""

from __future__ import annotations

from collections.abc import Iterator

import pydantic
import pytest

from clinevidence.answer.providers import (
    NOT_CONFIGURED,
    Completion,
    Message,
    Options,
    ProviderError,
    ProviderUnavailable,
    make_provider,
)
from clinevidence.answer.providers.anthropic_provider import AnthropicProvider
from clinevidence.answer.providers.fake import ScriptedProvider
from clinevidence.answer.providers.openai_compat import OpenAICompatProvider
from clinevidence.settings import LLMSettings

from .llm_servers import (
    Reply,
    ScriptedServer,
    anthropic_error,
    anthropic_message,
    anthropic_stream,
    openai_chat,
    openai_error,
    openai_stream,
    serve,
)

MSGS = [Message("system", "You answer in JSON."), Message("user", "Is metformin first-line?")]
SCHEMA = {
    "type": "object",
    "properties": {"a": {"type": "integer"}},
    "required": ["a"],
    "additionalProperties": False,
}


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    yield from serve()


def drain(gen: Iterator[str]) -> tuple[list[str], Completion]:
    chunks: list[str] = []
    while True:
        try:
            chunks.append(next(gen))
        except StopIteration as stop:
            return chunks, stop.value


# -- configuration: never a silent cloud default ---------------------------------------------------------
@pytest.mark.parametrize(
    "llm",
    [
        LLMSettings(),
        LLMSettings(provider="openai", model="m"),  # no URL, no key
        LLMSettings(provider="openai", base_url="http://127.0.0.1:9/v1"),  # no model
        LLMSettings(base_url="http://127.0.0.1:9/v1", model="m"),  # no provider
        LLMSettings(provider="anthropic", model="claude"),
    ],
)
def test_unconfigured_provider_is_a_clear_error(llm: LLMSettings) -> None:
    with pytest.raises(ProviderUnavailable) as err:
        make_provider(llm)
    assert NOT_CONFIGURED in str(err.value)
    assert "--engine extractive" in str(err.value)
    assert err.value.retryable is False


def test_sdk_environment_variables_are_not_used(server: ScriptedServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-from-env")
    monkeypatch.setenv("ANTHROPIC_BASE_URL", "http://127.0.0.1:9")
    with pytest.raises(ProviderUnavailable):
        make_provider(LLMSettings(provider="openai", model="m"))  # env key/URL do not count as configuration
    server.enqueue(openai_chat("{}"), anthropic_message("{}"))
    make_provider(LLMSettings(provider="openai", base_url=f"{server.root}/v1", model="m")).complete(
        MSGS, schema=None, options=Options()
    )
    make_provider(LLMSettings(provider="anthropic", base_url=server.root, model="c")).complete(
        MSGS, schema=None, options=Options()
    )
    assert [r.path for r in server.requests] == ["/v1/chat/completions", "/v1/messages"]
    for r in server.requests:
        auth = {k.lower(): v for k, v in r.headers.items()}
        assert "from-env" not in str(auth)
        assert auth.get("authorization") == "Bearer not-needed" or auth.get("x-api-key") == "not-needed"


def test_options_forbid_unknown_keys() -> None:
    with pytest.raises(pydantic.ValidationError):
        Options(temprature=0.2)  # type: ignore[call-arg]
    assert Options(temperature=0.3, max_tokens=100, seed=7).seed == 7


# -- OpenAI-compatible -----------------------------------------------------------------------------------
def test_openai_complete_sends_schema_and_reads_usage(server: ScriptedServer) -> None:
    server.enqueue(openai_chat('{"a": 1}', model="llama-3.1-8b"))
    p = OpenAICompatProvider(model="llama-3.1-8b", base_url=f"{server.root}/v1", timeout=2)
    c = p.complete(MSGS, schema=SCHEMA, options=Options(temperature=0, max_tokens=300, seed=3))
    assert (c.text, c.model, c.tokens_in, c.tokens_out, c.structured) == (
        '{"a": 1}',
        "llama-3.1-8b",
        812,
        143,
        "json_schema",
    )
    assert c.latency_ms > 0
    sent = server.requests[0].json
    assert sent["model"] == "llama-3.1-8b"
    assert sent["messages"] == [
        {"role": "system", "content": "You answer in JSON."},
        {"role": "user", "content": "Is metformin first-line?"},
    ]
    assert sent["response_format"]["type"] == "json_schema"
    assert sent["response_format"]["json_schema"]["schema"] == SCHEMA
    assert (sent["max_tokens"], sent["temperature"], sent["seed"]) == (300, 0, 3)
    assert "top_p" not in sent


def test_openai_degrades_structured_output_once_per_provider(server: ScriptedServer) -> None:
    p = OpenAICompatProvider(model="m", base_url=f"{server.root}/v1", timeout=2)
    server.enqueue(
        openai_error(400, "response_format json_schema is not supported", "invalid_request_error"),
        openai_error(400, "response_format json_object is not supported", "invalid_request_error"),
        openai_chat('{"a": 1}'),
        openai_chat('{"a": 2}'),
    )
    assert p.complete(MSGS, schema=SCHEMA, options=Options()).structured == "none"
    assert p.complete(MSGS, schema=SCHEMA, options=Options()).text == '{"a": 2}'
    formats = [(r.json or {}).get("response_format", {}).get("type") for r in server.requests]
    assert formats == ["json_schema", "json_object", None, None]


def test_openai_bad_request_without_schema_is_not_retryable(server: ScriptedServer) -> None:
    server.enqueue(openai_error(400, "context length exceeded", "invalid_request_error"))
    p = OpenAICompatProvider(model="m", base_url=f"{server.root}/v1", timeout=2)
    with pytest.raises(ProviderError) as err:
        p.complete(MSGS, schema=None, options=Options())
    assert err.value.status == 400 and not err.value.retryable


@pytest.mark.parametrize(
    ("reply", "retryable", "words"),
    [
        (openai_error(500), True, "HTTP 500"),
        (openai_error(503, "overloaded"), True, "HTTP 503"),
        (Reply(502, body="<html>bad gateway</html>"), True, "HTTP 502"),
        (openai_error(429, "slow down", "rate_limit_error"), True, "rate limited"),
        (openai_error(401, "invalid api key", "invalid_request_error"), False, "CLINEVIDENCE_LLM_API_KEY"),
        (openai_error(404, "model not found", "invalid_request_error"), False, "CLINEVIDENCE_LLM_MODEL"),
    ],
)
def test_openai_http_errors_say_whether_to_retry(
    server: ScriptedServer, reply: Reply, retryable: bool, words: str
) -> None:
    server.enqueue(reply)
    p = OpenAICompatProvider(model="m", base_url=f"{server.root}/v1", timeout=2)
    with pytest.raises(ProviderError) as err:
        p.complete(MSGS, schema=None, options=Options())
    assert err.value.retryable is retryable
    assert words in str(err.value)
    assert len(server.requests) == 1  # the SDK itself never retries: the engine decides


def test_error_messages_never_quote_the_prompt(server: ScriptedServer) -> None:
    """Server error bodies may echo the prompt (which holds the question: possibly PHI); errors get logged."""
    canary = "Is John Q. Canary-4711 safe on metformin?"
    server.enqueue(openai_error(400, f"context too long: {canary}", "invalid_request_error"), openai_error(500, canary))
    p = OpenAICompatProvider(model="m", base_url=f"{server.root}/v1", timeout=2)
    for _ in range(2):
        with pytest.raises(ProviderError) as err:
            p.complete([Message("user", canary)], schema=None, options=Options())
        assert "Canary" not in str(err.value) and "HTTP" in str(err.value)


def test_openai_timeout_is_retryable(server: ScriptedServer) -> None:
    # The error says "timed out" only when the client's own timeout fired (no wall-clock assertion: a busy CI
    # machine must not fail this).
    server.enqueue(Reply(delay=1.5, json={}))
    p = OpenAICompatProvider(model="m", base_url=f"{server.root}/v1", timeout=0.3)
    with pytest.raises(ProviderError) as err:
        p.complete(MSGS, schema=None, options=Options())
    assert err.value.retryable and "timed out" in str(err.value)


def test_openai_unreachable_server_is_retryable() -> None:
    p = OpenAICompatProvider(model="m", base_url="http://127.0.0.1:9/v1", timeout=0.5)
    with pytest.raises(ProviderError) as err:
        p.complete(MSGS, schema=None, options=Options())
    assert err.value.retryable and "could not reach" in str(err.value)


def test_openai_stream_yields_deltas_then_completion(server: ScriptedServer) -> None:
    text = '{"summary": [{"text": "Metformin is first-line.", "cites": ["P1"]}]}'
    server.enqueue(openai_stream(text, model="qwen2.5"))
    p = OpenAICompatProvider(model="qwen2.5", base_url=f"{server.root}/v1", timeout=2)
    chunks, completion = drain(p.stream(MSGS, schema=SCHEMA, options=Options()))
    assert len(chunks) > 5 and "".join(chunks) == text
    assert (completion.text, completion.model, completion.tokens_in, completion.tokens_out) == (
        text,
        "qwen2.5",
        700,
        90,
    )
    assert server.requests[0].json["stream"] is True


# -- Anthropic ---------------------------------------------------------------------------------------------
def test_anthropic_complete_uses_messages_protocol(server: ScriptedServer) -> None:
    server.enqueue(anthropic_message('{"a": 1}', model="claude-sonnet-x"))
    p = AnthropicProvider(model="claude-sonnet-x", base_url=f"{server.root}/v1", api_key="sk-ant-test", timeout=2)
    c = p.complete(MSGS, schema=SCHEMA, options=Options(max_tokens=500, stop=["END"]))
    assert (c.text, c.model, c.tokens_in, c.tokens_out) == ('{"a": 1}', "claude-sonnet-x", 640, 120)
    req = server.requests[0]
    assert req.path == "/v1/messages"  # ".../v1" in the setting is accepted: the SDK adds /v1 itself
    assert req.json["system"] == "You answer in JSON."
    assert req.json["messages"] == [{"role": "user", "content": "Is metformin first-line?"}]
    assert (req.json["max_tokens"], req.json["stop_sequences"]) == (500, ["END"])
    assert req.json["output_config"]["format"] == {"type": "json_schema", "schema": SCHEMA}
    assert "sk-ant-test" in str(req.headers)


def test_anthropic_drops_output_config_after_a_400(server: ScriptedServer) -> None:
    server.enqueue(anthropic_error(400, "invalid_request_error", "output_config: unsupported"), anthropic_message("{}"))
    p = AnthropicProvider(model="claude-old", base_url=server.root, timeout=2)
    assert p.complete(MSGS, schema=SCHEMA, options=Options()).structured == "none"
    assert "output_config" in server.requests[0].json and "output_config" not in server.requests[1].json


@pytest.mark.parametrize(
    ("status", "kind", "retryable"),
    [(529, "overloaded_error", True), (500, "api_error", True), (401, "authentication_error", False)],
)
def test_anthropic_errors(server: ScriptedServer, status: int, kind: str, retryable: bool) -> None:
    server.enqueue(anthropic_error(status, kind))
    p = AnthropicProvider(model="c", base_url=server.root, timeout=2)
    with pytest.raises(ProviderError) as err:
        p.complete(MSGS, schema=None, options=Options())
    assert err.value.retryable is retryable and err.value.status == status


def test_anthropic_timeout(server: ScriptedServer) -> None:
    server.enqueue(Reply(delay=1.5, json={}))
    p = AnthropicProvider(model="c", base_url=server.root, timeout=0.3)
    with pytest.raises(ProviderError) as err:
        p.complete(MSGS, schema=None, options=Options())
    assert err.value.retryable and "timed out" in str(err.value)


def test_anthropic_stream(server: ScriptedServer) -> None:
    text = '{"verdict": "yes", "summary": []}'
    server.enqueue(anthropic_stream(text))
    p = AnthropicProvider(model="c", base_url=server.root, timeout=2)
    chunks, completion = drain(p.stream(MSGS, schema=None, options=Options()))
    assert "".join(chunks) == text and len(chunks) >= 3
    assert (completion.tokens_in, completion.tokens_out, completion.model) == (640, 118, "claude-test")


# -- the fake ------------------------------------------------------------------------------------------------
def test_scripted_provider_queue_and_history() -> None:
    fake = ScriptedProvider(model="fake-1").enqueue(["plain", {"a": 1}, ProviderError("down", retryable=True)])
    assert fake.complete(MSGS, schema=None, options=Options()).text == "plain"
    assert fake.complete(MSGS, schema=SCHEMA, options=Options()).text == '{"a": 1}'
    with pytest.raises(ProviderError):
        fake.complete(MSGS, schema=None, options=Options())
    with pytest.raises(ProviderError, match="no reply queued"):
        fake.complete(MSGS, schema=None, options=Options())
    assert len(fake.history) == 4 and fake.history[1].schema == SCHEMA
    fake.enqueue([lambda messages: {"echo": messages[-1].content}])
    chunks, completion = drain(fake.stream(MSGS, schema=None, options=Options()))
    assert "".join(chunks) == completion.text == '{"echo": "Is metformin first-line?"}'
    assert fake.history[-1].stream is True
