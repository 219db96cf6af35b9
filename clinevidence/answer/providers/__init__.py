"""LLM providers behind one small contract; ``make_provider`` builds the configured one, or says what is missing."""

from __future__ import annotations

from ...settings import LLMSettings
from .base import ChunkStream, Completion, Message, Options, Provider
from .errors import NOT_CONFIGURED, MalformedOutput, ProviderError, ProviderUnavailable

__all__ = [
    "NOT_CONFIGURED",
    "ChunkStream",
    "Completion",
    "MalformedOutput",
    "Message",
    "Options",
    "Provider",
    "ProviderError",
    "ProviderUnavailable",
    "make_provider",
]


def make_provider(llm: LLMSettings) -> Provider:
    """The provider the settings name; ProviderUnavailable (with the fix) when provider, model or URL/key is missing."""
    missing = [
        f"CLINEVIDENCE_LLM_{name}" for name, value in (("PROVIDER", llm.provider), ("MODEL", llm.model)) if not value
    ]
    if not (llm.base_url or llm.api_key):
        missing.append("CLINEVIDENCE_LLM_BASE_URL or CLINEVIDENCE_LLM_API_KEY")
    if missing:
        raise ProviderUnavailable(f"{NOT_CONFIGURED} (missing: {', '.join(missing)})")
    if llm.provider == "anthropic":
        from .anthropic_provider import AnthropicProvider

        return AnthropicProvider(model=llm.model, base_url=llm.base_url, api_key=llm.api_key, timeout=llm.timeout)
    from .openai_compat import OpenAICompatProvider

    return OpenAICompatProvider(model=llm.model, base_url=llm.base_url, api_key=llm.api_key, timeout=llm.timeout)
