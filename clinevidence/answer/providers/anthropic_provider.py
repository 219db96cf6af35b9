"""Anthropic's Messages API via the official SDK (base_url configurable: proxies, gateways, test servers)."""

from __future__ import annotations

import time
from typing import Any

from .base import ChunkStream, Completion, Message, Options, elapsed_ms, split_system
from .errors import NOT_CONFIGURED, ProviderError, ProviderUnavailable, sdk_error

ANTHROPIC_URL = "https://api.anthropic.com"
LOCAL_KEY = "not-needed"


class AnthropicProvider:
    """Claude models. Structured output via ``output_config.format`` (json_schema), dropped after a 400 once.

    Sampling options other than max_tokens and stop are not sent: current Messages API models choose their
    own sampling, and older servers accept the request without them.
    """

    name = "anthropic"
    supports_json_schema = True
    supports_streaming = True

    def __init__(
        self, *, model: str, base_url: str = "", api_key: str = "", timeout: float = 60.0, client: Any = None
    ) -> None:
        if not model or not (base_url or api_key):
            raise ProviderUnavailable(NOT_CONFIGURED)
        self.model = model
        # The SDK appends /v1/messages itself; accept the .../v1 form operators copy from OpenAI-style docs.
        url = base_url.rstrip("/")
        self.base_url = (url[: -len("/v1")] if url.endswith("/v1") else url) or ANTHROPIC_URL
        self.structured = "json_schema"
        if client is None:
            try:
                import anthropic
            except ImportError as exc:  # pragma: no cover - dev deps install it
                raise ProviderUnavailable(
                    "the anthropic SDK is not installed: pip install 'clinevidence[llm]'"
                ) from exc
            # An explicit key stops the SDK from reading ANTHROPIC_* credentials or profiles from the environment.
            client = anthropic.Anthropic(
                api_key=api_key or LOCAL_KEY, base_url=self.base_url, timeout=timeout, max_retries=0
            )
        self._client = client

    def _kwargs(self, messages: list[Message], schema: dict | None, options: Options, fmt: str) -> dict[str, Any]:
        system, turns = split_system(messages)
        kw: dict[str, Any] = {
            "model": self.model,
            "max_tokens": options.max_tokens,
            "messages": [{"role": m.role, "content": m.content} for m in turns],
        }
        if system:
            kw["system"] = system
        if options.stop:
            kw["stop_sequences"] = options.stop
        if schema is not None and fmt == "json_schema":
            kw["output_config"] = {"format": {"type": "json_schema", "schema": schema}}
        return kw

    def _create(self, messages: list[Message], schema: dict | None, options: Options, stream: bool) -> Any:
        import anthropic

        while True:
            fmt = self.structured if schema is not None else "none"
            try:
                return self._client.messages.create(**self._kwargs(messages, schema, options, fmt), stream=stream), fmt
            except anthropic.BadRequestError as exc:
                if fmt == "none":
                    raise _error(exc, self.base_url) from exc
                self.structured = "none"  # this model or server does not take output_config: prompt-only JSON
            except anthropic.AnthropicError as exc:
                raise _error(exc, self.base_url) from exc

    def complete(self, messages: list[Message], *, schema: dict | None = None, options: Options) -> Completion:
        t0 = time.perf_counter()
        resp, fmt = self._create(messages, schema, options, stream=False)
        text = "".join(getattr(b, "text", "") for b in (resp.content or []) if getattr(b, "type", "") == "text")
        usage = getattr(resp, "usage", None)
        return Completion(
            text=text,
            model=getattr(resp, "model", None) or self.model,
            tokens_in=getattr(usage, "input_tokens", None),
            tokens_out=getattr(usage, "output_tokens", None),
            latency_ms=elapsed_ms(t0),
            structured=fmt,
        )

    def stream(self, messages: list[Message], *, schema: dict | None = None, options: Options) -> ChunkStream:
        import anthropic

        t0 = time.perf_counter()
        events, fmt = self._create(messages, schema, options, stream=True)
        parts: list[str] = []
        model, tokens_in, tokens_out = self.model, None, None
        try:
            for ev in events:
                kind = getattr(ev, "type", "")
                if kind == "message_start":
                    msg = ev.message
                    model = getattr(msg, "model", None) or model
                    tokens_in = getattr(getattr(msg, "usage", None), "input_tokens", None)
                elif kind == "content_block_delta" and getattr(ev.delta, "type", "") == "text_delta":
                    parts.append(ev.delta.text)
                    yield ev.delta.text
                elif kind == "message_delta":
                    tokens_out = getattr(getattr(ev, "usage", None), "output_tokens", None) or tokens_out
                elif kind == "error":  # pragma: no cover - the SDK raises on error events itself
                    raise ProviderError(f"LLM stream error from {self.base_url}", retryable=True)
        except anthropic.AnthropicError as exc:
            raise _error(exc, self.base_url) from exc
        return Completion(
            text="".join(parts),
            model=model,
            tokens_in=tokens_in,
            tokens_out=tokens_out,
            latency_ms=elapsed_ms(t0),
            structured=fmt,
        )


def _error(exc: Exception, base_url: str) -> ProviderError:
    import anthropic

    return sdk_error(
        exc,
        base_url,
        timeout=anthropic.APITimeoutError,
        connection=anthropic.APIConnectionError,
        status=anthropic.APIStatusError,
    )
