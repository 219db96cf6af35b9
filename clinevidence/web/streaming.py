"""Server-sent events for asking: statements stream in as the engine drafts them; the stored, grounded article
replaces the stream at the end (``event: final`` carries its JSON, including ``id`` and ``url``)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse

from ..answer.models import Answer
from ..answer.streaming import sse, sse_events
from .asking import ask_gate
from .deps import ArticlesDep, AskLimit, SettingsDep
from .schemas import ERROR_RESPONSES, AskRequest, check_question_length
from .views import article_out

router = APIRouter(prefix="/api", tags=["api"], responses=ERROR_RESPONSES)


@router.post(
    "/ask/stream",
    dependencies=[AskLimit],
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}, "description": "token events, then final or error"}},
)
def ask_stream(body: AskRequest, request: Request, articles: ArticlesDep, settings: SettingsDep) -> StreamingResponse:
    """Ask with streaming: ``event: token`` per drafted statement, then ``event: final`` with the stored article."""
    check_question_length(body.question, settings.max_question_chars)
    user = ask_gate(request, settings)
    parent, context = articles.context_for(body.thread_id)
    engine = body.engine or settings.engine

    def events() -> Iterator[str]:
        for event in sse_events(articles.answers, body.question, body.audience, engine=engine, context=context):
            if not event.startswith("event: final"):
                yield event
                continue
            data = event.split("data: ", 1)[1].strip()
            answer = Answer.model_validate_json(data)
            record = articles.save(
                answer, engine=engine, thread_id=body.thread_id, parent=parent, author=user.username if user else None
            )
            yield sse("final", article_out(record).model_dump_json())

    headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
    return StreamingResponse(events(), media_type="text/event-stream", headers=headers)


def parse_events(text: str) -> list[tuple[str, dict]]:
    """Split an SSE body into (event, data) pairs (used by tests and clients)."""
    out: list[tuple[str, dict]] = []
    for block in text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
        if "event" in lines:
            out.append((lines["event"], json.loads(lines.get("data", "{}"))))
    return out
