"""A scripted provider for tests and demos: replies are queued, prompts are recorded."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .base import ChunkStream, Completion, Message, Options
from .errors import ProviderError

Reply = str | dict | Completion | BaseException | Callable[[list[Message]], "str | dict"]


@dataclass(slots=True)
class Call:
    messages: list[Message]
    schema: dict | None
    options: Options
    stream: bool


class ScriptedProvider:
    """Returns queued replies in order: text, a dict (sent as JSON), a Completion, an exception to raise, or a
    callable that builds the reply from the prompt. With the queue empty, ``default`` answers (if set)."""

    name = "scripted"
    supports_json_schema = True
    supports_streaming = True

    def __init__(self, replies: Iterable[Reply] = (), *, model: str = "scripted-1", default: Reply | None = None):
        self.model = model
        self.default = default
        self.queue: list[Reply] = list(replies)
        self.history: list[Call] = []

    def enqueue(self, replies: Iterable[Reply]) -> ScriptedProvider:
        self.queue.extend(replies)
        return self

    def _next(self, messages: list[Message]) -> Completion:
        if self.queue:
            reply = self.queue.pop(0)
        elif self.default is not None:
            reply = self.default
        else:
            raise ProviderError("ScriptedProvider: no reply queued", retryable=False)
        if isinstance(reply, BaseException):
            raise reply
        if callable(reply) and not isinstance(reply, Completion):
            reply = reply(messages)
        if isinstance(reply, Completion):
            return reply
        text = json.dumps(reply) if isinstance(reply, dict) else str(reply)
        prompt_words = sum(len(m.content.split()) for m in messages)
        return Completion(text=text, model=self.model, tokens_in=prompt_words, tokens_out=len(text.split()))

    def complete(self, messages: list[Message], *, schema: dict | None = None, options: Options) -> Completion:
        self.history.append(Call(list(messages), schema, options, stream=False))
        return self._next(messages)

    def stream(self, messages: list[Message], *, schema: dict | None = None, options: Options) -> ChunkStream:
        self.history.append(Call(list(messages), schema, options, stream=True))
        completion = self._next(messages)
        for i in range(0, len(completion.text), 16):
            yield completion.text[i : i + 16]
        return completion
