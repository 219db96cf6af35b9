"""The provider contract: one ``complete`` call (and ``stream``), capability flags, typed options."""

from __future__ import annotations

import time
from collections.abc import Generator
from dataclasses import dataclass
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

Role = Literal["system", "user", "assistant"]


@dataclass(frozen=True, slots=True)
class Message:
    role: Role
    content: str


class Options(BaseModel):
    """Sampling options sent with a request; unknown keys are an error, not silently ignored."""

    model_config = ConfigDict(extra="forbid")
    temperature: float | None = Field(0.0, ge=0, le=2, description="Sampling temperature (0: most repeatable).")
    max_tokens: int = Field(2048, ge=1, le=32768, description="Longest reply, in tokens.")
    seed: int | None = Field(None, description="Sampling seed, where the server supports one.")
    top_p: float | None = Field(None, gt=0, le=1, description="Nucleus sampling mass.")
    stop: list[str] | None = Field(None, max_length=4, description="Stop sequences.")


@dataclass(slots=True)
class Completion:
    text: str
    model: str
    tokens_in: int | None = None
    tokens_out: int | None = None
    latency_ms: float = 0.0
    structured: str = "none"  # json_schema | json_object | none: what the server was asked to enforce


# ``stream`` yields text deltas and returns the finished Completion (``completion = yield from p.stream(...)``).
ChunkStream = Generator[str, None, Completion]


class Provider(Protocol):
    """A chat model behind some API. Implementations raise ProviderError, never SDK exceptions."""

    name: str
    model: str
    supports_json_schema: bool
    supports_streaming: bool

    def complete(self, messages: list[Message], *, schema: dict | None, options: Options) -> Completion: ...

    def stream(self, messages: list[Message], *, schema: dict | None, options: Options) -> ChunkStream: ...


def split_system(messages: list[Message]) -> tuple[str, list[Message]]:
    """System text joined, and the remaining turns (for APIs that take the system prompt separately)."""
    system = "\n\n".join(m.content for m in messages if m.role == "system")
    return system, [m for m in messages if m.role != "system"]


def elapsed_ms(t0: float) -> float:
    """Milliseconds since ``t0`` (a ``time.perf_counter()`` reading), for Completion.latency_ms."""
    return round((time.perf_counter() - t0) * 1000, 1)
