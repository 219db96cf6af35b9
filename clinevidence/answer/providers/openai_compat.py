"""Any server speaking OpenAI chat completions (vLLM, llama.cpp, Ollama, LM Studio, OpenAI, Azure), via the SDK."""

from __future__ import annotations

import time
from typing import Any

from .base import ChunkStream, Completion, Message, Options, elapsed_ms
from .errors import NOT_CONFIGURED, ProviderError, ProviderUnavailable, sdk_error

OPENAI_URL = "https://api.openai.com/v1"
LOCAL_KEY = "not-needed"  # local servers ignore the key, but the SDK insists on one
_FORMATS = ("json_schema", "json_object", "none")


class OpenAICompatProvider:
    """Chat completions with structured output where the server takes it, degrading json_schema → json_object
    → plain prompt-only JSON the first time a server rejects a format (remembered for this provider)."""

    name = "openai"
    supports_json_schema = True
    supports_streaming = True

    def __init__(
        self, *, model: str, base_url: str = "", api_key: str = "", timeout: float = 60.0, client: Any = None
    ) -> None:
        if not model or not (base_url or api_key):
            # Without a URL or a key there is no deliberate choice of server: never default to a cloud API.
            raise ProviderUnavailable(NOT_CONFIGURED)
        self.model = model
        self.base_url = base_url.rstrip("/") or OPENAI_URL
        self.structured = _FORMATS[0]
        if client is None:
            try:
                import openai
            except ImportError as exc:  # pragma: no cover - dev deps install it
                raise ProviderUnavailable("the openai SDK is not installed: pip install 'clinevidence[llm]'") from exc
            # Explicit base_url and key: the SDK must not pick up OPENAI_BASE_URL / OPENAI_API_KEY on its own.
            # Retries are the engine's job (tenacity, retryable errors only), so the SDK makes one attempt.
            client = openai.OpenAI(api_key=api_key or LOCAL_KEY, base_url=self.base_url, timeout=timeout, max_retries=0)
        self._client = client

    # -- requests ----------------------------------------------------------------------------------
    def _kwargs(self, messages: list[Message], schema: dict | None, options: Options, fmt: str) -> dict[str, Any]:
        kw: dict[str, Any] = {
            "model": self.model,
            "messages": [{"role": m.role, "content": m.content} for m in messages],
            "max_tokens": options.max_tokens,
        }
        for key in ("temperature", "seed", "top_p", "stop"):
            value = getattr(options, key)
            if value is not None:
                kw[key] = value
        if schema is not None and fmt == "json_schema":
            kw["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": "answer", "schema": schema, "strict": True},
            }
        elif schema is not None and fmt == "json_object":
            kw["response_format"] = {"type": "json_object"}
        return kw

    def _create(self, messages: list[Message], schema: dict | None, options: Options, stream: bool) -> Any:
        """Send the request; on a 400/422 that may be about response_format, retry with the next weaker format."""
        import openai

        while True:
            fmt = self.structured if schema is not None else "none"
            try:
                kw = self._kwargs(messages, schema, options, fmt)
                return self._client.chat.completions.create(**kw, stream=stream), fmt
            except (openai.BadRequestError, openai.UnprocessableEntityError) as exc:
                if fmt == "none":
                    raise _error(exc, self.base_url) from exc
                self.structured = _FORMATS[_FORMATS.index(fmt) + 1]
            except openai.OpenAIError as exc:
                raise _error(exc, self.base_url) from exc

    def complete(self, messages: list[Message], *, schema: dict | None = None, options: Options) -> Completion:
        import openai

        t0 = time.perf_counter()
        resp, fmt = self._create(messages, schema, options, stream=False)
        try:
            text = (resp.choices[0].message.content or "") if resp.choices else ""
        except (AttributeError, openai.OpenAIError) as exc:
            raise ProviderError(f"unexpected reply from {self.base_url}: {exc}") from exc
        usage = getattr(resp, "usage", None)
        return Completion(
            text=text,
            model=getattr(resp, "model", None) or self.model,
            tokens_in=getattr(usage, "prompt_tokens", None),
            tokens_out=getattr(usage, "completion_tokens", None),
            latency_ms=elapsed_ms(t0),
            structured=fmt,
        )

    def stream(self, messages: list[Message], *, schema: dict | None = None, options: Options) -> ChunkStream:
        import openai

        t0 = time.perf_counter()
        chunks, fmt = self._create(messages, schema, options, stream=True)
        parts: list[str] = []
        model, usage = self.model, None
        try:
            for chunk in chunks:
                model = getattr(chunk, "model", None) or model
                usage = getattr(chunk, "usage", None) or usage
                for choice in getattr(chunk, "choices", None) or []:
                    delta = getattr(choice.delta, "content", None) if choice.delta else None
                    if delta:
                        parts.append(delta)
                        yield delta
        except openai.OpenAIError as exc:
            raise _error(exc, self.base_url) from exc
        return Completion(
            text="".join(parts),
            model=model,
            tokens_in=getattr(usage, "prompt_tokens", None),
            tokens_out=getattr(usage, "completion_tokens", None),
            latency_ms=elapsed_ms(t0),
            structured=fmt,
        )


def _error(exc: Exception, base_url: str) -> ProviderError:
    import openai

    return sdk_error(
        exc,
        base_url,
        timeout=openai.APITimeoutError,
        connection=openai.APIConnectionError,
        status=openai.APIStatusError,
    )
