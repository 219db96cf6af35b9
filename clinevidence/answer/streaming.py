"""Server-sent events for one question: preview text while the model writes, then the grounded Answer.

Events: ``event: token`` with ``{"text": ...}`` (a preview, not grounded: the page shows it as provisional),
then exactly one ``event: final`` with the Answer JSON (the same object ``ask`` returns) or ``event: error``
with ``{"message": ...}``. The final article replaces the preview.
"""

from __future__ import annotations

import copy
import json
import queue
import threading
from collections.abc import Callable, Iterator

from .draft import Draft
from .models import Answer, Audience
from .providers import ProviderError
from .question import QuestionAnalysis
from .service import AnswerService, Engine


class _Cancelled(Exception):
    """The client went away; stop drafting."""


def sse(event: str, data: str) -> str:
    """One server-sent event; ``data`` must be a single line (JSON is)."""
    return f"event: {event}\ndata: {data}\n\n"


class _Tee:
    """Wraps an engine for one request: streams its preview into a queue, returns its final Draft."""

    def __init__(self, inner: Engine, out: queue.Queue, cancelled: threading.Event) -> None:
        self.inner = inner
        self.name = inner.name
        self.version = inner.version
        self.out = out
        self.cancelled = cancelled

    def draft(self, analysis: QuestionAnalysis, evidence, audience: Audience) -> Draft:  # type: ignore[no-untyped-def]
        stream = getattr(self.inner, "stream_draft", None)
        if stream is None:
            return self.inner.draft(analysis, evidence, audience)
        final: Draft | None = None
        items = stream(analysis, evidence, audience)
        try:
            for item in items:
                if self.cancelled.is_set():
                    raise _Cancelled
                if isinstance(item, Draft):
                    final = item
                else:
                    self.out.put(("token", item))
        finally:
            items.close()
        if final is None:  # pragma: no cover - stream_draft always ends with a Draft
            raise RuntimeError("the engine's stream ended without an article")
        return final


def sse_events(
    service: AnswerService,
    question: str,
    audience: Audience = Audience.clinician,
    *,
    engine: str | None = None,
    context: str = "",
    final: Callable[[Answer], str] | None = None,
) -> Iterator[str]:
    """Run ``service.ask`` with streaming and yield SSE lines: token events, then one final (or error) event.

    ``final`` turns the grounded Answer into the final event's JSON (the web app stores it and sends the stored
    article); by default the Answer JSON itself is sent.
    """
    out: queue.Queue = queue.Queue()
    cancelled = threading.Event()
    try:
        inner = service.engine(engine)
    except (ValueError, RuntimeError) as exc:
        yield sse("error", json.dumps({"message": str(exc)}))
        return
    name = engine or service.settings.engine
    svc = copy.copy(service)
    svc.engines = {**service.engines, name: _Tee(inner, out, cancelled)}

    def run() -> None:
        try:
            out.put(("final", svc.ask(question, audience, engine=name, context=context)))
        except _Cancelled:
            out.put(("cancelled", None))
        except ProviderError as exc:
            out.put(("error", str(exc)))
        except Exception:  # reported as an event, never as a stack trace to the page
            out.put(("error", "Something went wrong while answering; please try again."))

    worker = threading.Thread(target=run, name="clinevidence-sse", daemon=True)
    worker.start()
    try:
        while True:
            kind, payload = out.get()
            if kind == "token":
                yield sse("token", json.dumps({"text": payload}))
            elif kind == "final":
                yield sse("final", final(payload) if final is not None else payload.model_dump_json())
                return
            elif kind == "error":
                yield sse("error", json.dumps({"message": payload}))
                return
            else:
                return
    finally:
        cancelled.set()  # the client may have gone away: the worker stops at its next chunk
