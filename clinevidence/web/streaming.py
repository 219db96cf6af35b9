"""Server-sent events for asking: statements stream in as the engine drafts them; the stored, grounded article
replaces the stream at the end (``event: final`` carries its JSON, including ``id`` and ``url``)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse

from ..answer.models import Answer
from ..answer.streaming import sse_events
from .asking import ask_gate
from .auth import asker_key, asker_keys
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
    parent, context = articles.context_for(body.thread_id, asker_keys(request))
    engine = body.engine or settings.engine
    asker = asker_key(request)  # who asked, so that they own the thread (the cookie is set on the response)

    def store(answer: Answer) -> str:
        author = user.username if user else None
        thread = body.thread_id
        record = articles.save(answer, engine=engine, thread_id=thread, parent=parent, author=author, asker=asker)
        return article_out(record).model_dump_json()

    events = sse_events(articles.answers, body.question, body.audience, engine=engine, context=context, final=store)
    headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
    response = StreamingResponse(events, media_type="text/event-stream", headers=headers)
    asker_key(request, response)
    return response
