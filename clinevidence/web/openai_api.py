"""An OpenAI-compatible chat endpoint, so any OpenAI SDK or chat UI can use ClinEvidence as a "model".

``POST /v1/chat/completions`` answers the conversation's last user message as a grounded article: the reply's
``content`` is the article as Markdown (numbered ``[n]`` citations, a reference list, the article's address) and
the response carries the stored article (the Answer JSON with ``id``, ``url``, ``thread_id``...) in the extension
field ``clinevidence``. A follow-up is recognised from the article address in an earlier assistant message (it
becomes a follow-up in that article's thread); failing that, the previous user message is the follow-up context.
``model`` picks the audience (``clinevidence-clinician``, ``-student``, ``-patient``); the extension fields
``audience``, ``engine`` and ``force_new`` may be sent as extra body parameters. Sampling parameters
(``temperature``, ``max_tokens``...) are accepted and ignored: the answer is extractive and reproducible.

With ``stream: true`` the reply comes as ``chat.completion.chunk`` server-sent events ending with
``data: [DONE]``: the article is stored first (so every chunk is grounded text), then sent line by line; the
last chunk (``finish_reason: "stop"``) carries ``clinevidence``. The chunks concatenate to the non-streamed text.

Errors on ``/v1/`` are OpenAI-shaped: ``{"error": {"message", "type", "param", "code"}}``. Auth follows the ask
rule: while asking needs no sign-in any bearer token is accepted; with ``require_login_to_ask`` only an API key
made by ``clinevidence keys create NAME`` is.
"""

from __future__ import annotations

import hashlib
import json
import logging
import queue
import re
import threading
import time
from collections.abc import Iterator
from http import HTTPStatus
from typing import Annotated, Any, Literal

from fastapi import APIRouter, FastAPI, Path, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, model_validator
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..answer.models import Audience
from ..answer.providers.errors import ProviderError
from ..articles.export import to_markdown
from ..articles.service import ArticleNotFound, ArticleService
from ..articles.store import ArticleRecord
from ..integrations.apikeys import ApiKeys, bearer_token
from ..review import store as review_store
from ..settings import Settings
from .asking import reviewed_match
from .auth import get_review
from .deps import get_articles, get_settings, limit_asks
from .review_schemas import ReviewInfo
from .schemas import ArticleOut, EngineName, check_question_length
from .views import article_out, article_url, public_url

log = logging.getLogger("clinevidence.web")

PREFIX = "/v1"
MODELS: dict[str, Audience] = {f"clinevidence-{a.value}": a for a in Audience}
ALIASES: dict[str, Audience] = {"clinevidence": Audience.clinician}
_CREATED = 1_767_225_600  # 2026-01-01, the models' nominal creation time
_VISIBLE = r"[^\s\x00-\x1f\x7f-\x9f]"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# The "Online: <…/articles/{id}>" line every reply carries (to_markdown's address line).
_ARTICLE_LINK = re.compile(r"^Online: <[^<>\s]*/articles/([a-z0-9]{1,32})>\s*$", re.MULTILINE)
_KEEPALIVE_S = 5.0
# One message's text: what fits the app's 64 kB body limit, so a longer one is a 422 (said by the schema), never
# only a 413; earlier replies are compacted to their address before that limit (see compact_conversation).
MAX_CONTENT_CHARS = 60_000


# -- request and response models ---------------------------------------------------------------------------


class ContentPart(BaseModel):
    """One part of a message's content; only ``text`` parts are read (images and files are ignored)."""

    model_config = ConfigDict(extra="ignore")
    type: str = Field(max_length=40)
    text: str | None = Field(None, max_length=MAX_CONTENT_CHARS)


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="ignore")
    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: (
        Annotated[str, Field(max_length=MAX_CONTENT_CHARS)] | Annotated[list[ContentPart], Field(max_length=100)] | None
    ) = None
    name: str | None = Field(None, max_length=64)

    def text(self) -> str:
        if isinstance(self.content, str):
            return self.content
        return "\n".join(p.text for p in self.content or [] if p.type == "text" and p.text)


def _clean(text: str) -> str:
    return _CONTROL.sub(" ", text).strip()


_VISIBLE_TEXT: dict[str, Any] = {"type": "string", "pattern": _VISIBLE}
_HAS_USER_QUESTION: dict[str, Any] = {
    "type": "object",
    "required": ["role", "content"],
    "properties": {
        "role": {"const": "user"},
        "content": {
            "anyOf": [
                _VISIBLE_TEXT,
                {
                    "type": "array",
                    "contains": {
                        "type": "object",
                        "required": ["type", "text"],
                        "properties": {"type": {"const": "text"}, "text": _VISIBLE_TEXT},
                    },
                },
            ]
        },
    },
}


class ChatCompletionRequest(BaseModel):
    """OpenAI's chat completion request; unknown parameters are accepted and ignored."""

    model_config = ConfigDict(extra="ignore")
    model: str = Field(
        max_length=100, description="clinevidence-clinician, clinevidence-student or clinevidence-patient."
    )
    messages: list[ChatMessage] = Field(
        min_length=1,
        max_length=200,
        description="The conversation; the last user message is the question, earlier ones its context.",
        json_schema_extra={"contains": _HAS_USER_QUESTION},
    )
    stream: bool | None = Field(False, description="Send chat.completion.chunk events, then data: [DONE].")
    audience: Audience | None = Field(None, description="Extension: overrides the audience the model id implies.")
    engine: EngineName | None = Field(None, description="Extension: answer engine; default from server settings.")
    force_new: bool | None = Field(
        False, description="Extension: draft a fresh answer even if an approved article already answers it."
    )

    @model_validator(mode="after")
    def _has_question(self) -> ChatCompletionRequest:
        if not any(m.role == "user" and _clean(m.text()) for m in self.messages):
            raise ValueError("the conversation has no user message with a question")
        return self


class AssistantMessage(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str


class Choice(BaseModel):
    index: int = 0
    message: AssistantMessage
    finish_reason: Literal["stop"] = "stop"


class ChatCompletion(BaseModel):
    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str
    system_fingerprint: str = Field(description="The answer's settings hash (its reproducibility receipt).")
    choices: list[Choice]
    clinevidence: ArticleOut | None = Field(
        description="Extension: the stored article (the Answer JSON) behind the reply; null for a chat UI's "
        "background task (see docs/integrations.md)."
    )


class ModelCard(BaseModel):
    id: str
    object: Literal["model"] = "model"
    created: int = _CREATED
    owned_by: str = "clinevidence"


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelCard]


class OpenAIErrorBody(BaseModel):
    message: str
    type: str
    param: str | None = None
    code: str | None = None


class OpenAIErrorResponse(BaseModel):
    error: OpenAIErrorBody


_ERROR_DOCS = {
    400: "The request body is not JSON (or not UTF-8)",
    401: "Missing or invalid API key (when the server requires sign-in to ask)",
    404: "No such model",
    413: "Request body too large",
    422: "Invalid request",
    429: "Rate limit exceeded (see Retry-After)",
    500: "Server error",
    502: "The LLM engine failed",
    503: "The LLM server did not answer; retry after Retry-After seconds",
}
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": OpenAIErrorResponse, "description": desc} for code, desc in _ERROR_DOCS.items()
}

# -- errors ------------------------------------------------------------------------------------------------


class OpenAIError(Exception):
    """An error answered in OpenAI's shape."""

    def __init__(
        self, status: int, message: str, *, type_: str = "", code: str | None = None, param: str | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.body = openai_error(status, message, type_=type_, code=code, param=param)


def _error_type(status: int) -> str:
    if status == 401:
        return "authentication_error"
    if status == 403:
        return "permission_error"
    if status == 429:
        return "rate_limit_error"
    return "server_error" if status >= 500 else "invalid_request_error"


_CODES = {401: "invalid_api_key", 404: "not_found", 413: "request_too_large", 429: "rate_limit_exceeded"}


def openai_error(
    status: int, message: str, *, type_: str = "", code: str | None = None, param: str | None = None
) -> dict[str, Any]:
    return {
        "error": {
            "message": message,
            "type": type_ or _error_type(status),
            "param": param,
            "code": code or _CODES.get(status) or HTTPStatus(status).phrase.lower().replace(" ", "_"),
        }
    }


def _openai_error_response(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, OpenAIError)
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
    return JSONResponse(exc.body, status_code=exc.status, headers=headers)


def _in_scope(path: str) -> bool:
    return path == PREFIX or path.startswith(PREFIX + "/")


class OpenAIErrorsMiddleware:
    """On /v1/ paths: errors are always JSON, and the app's envelope is rewritten into OpenAI's error shape.

    Added outside the body limit and the catch-all, so 413s and 500s are rewritten too. Chat UIs send the whole
    conversation every turn, and each earlier reply is a full article: before the app's body limit sees a chat
    request, earlier assistant replies are cut to their article address, the only part of them that is read
    (see ``compact_conversation``), so long conversations stay within the limit.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _in_scope(scope["path"]):
            await self.app(scope, receive, send)
            return
        headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"accept"]
        if scope["path"] == f"{PREFIX}/chat/completions" and scope["method"] == "POST":
            body = await _read_body(receive, CHAT_MAX_BODY_BYTES)
            if body is None:
                message = f"The request body is too large: at most {CHAT_MAX_BODY_BYTES // 1024} kB is accepted."
                await JSONResponse(openai_error(413, message), 413)(scope, receive, send)
                return
            body = compact_conversation(body)
            headers = [(k, v) for k, v in headers if k.lower() != b"content-length"]
            headers.append((b"content-length", str(len(body)).encode()))
            receive = _replay(body, receive)
        scope = {**scope, "headers": [*headers, (b"accept", b"application/json")]}
        start: Message | None = None
        chunks: list[bytes] = []

        async def rewrite(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start" and message["status"] >= 400:
                start = message
                return
            if start is None:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = _rewritten(start["status"], b"".join(chunks))
            response_headers = MutableHeaders(raw=list(start["headers"]))
            if body is not None:
                response_headers["content-length"] = str(len(body))
                response_headers["content-type"] = "application/json"
            await send({**start, "headers": response_headers.raw})
            await send({"type": "http.response.body", "body": body if body is not None else b"".join(chunks)})

        await self.app(scope, receive, rewrite)


CHAT_MAX_BODY_BYTES = 2 * 1024 * 1024


async def _read_body(receive: Receive, limit: int) -> bytes | None:
    """The whole request body, or None once it passes ``limit`` bytes."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body"):
            break
    return b"".join(chunks)


def _replay(body: bytes, original: Receive) -> Receive:
    """``body`` as the request, then the client's own messages (a streaming response waits for its disconnect)."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await original()

    return receive


def compact_conversation(body: bytes) -> bytes:
    """Earlier assistant replies cut to the lines naming an article (what follow-ups read); anything else as is.

    Only string contents within the schema's length limit are cut, so a request valid before is valid after and
    an invalid one stays invalid.
    """
    try:
        data = json.loads(body)
    except ValueError:
        return body
    messages = data.get("messages") if isinstance(data, dict) else None
    if not isinstance(messages, list):
        return body
    changed = False
    for m in messages:
        content = m.get("content") if isinstance(m, dict) and m.get("role") == "assistant" else None
        if isinstance(content, str) and len(content) <= MAX_CONTENT_CHARS:
            kept = "\n".join(line for line in content.splitlines() if _ARTICLE_LINK.search(line))
            if kept != content:
                m["content"] = kept
                changed = True
    return json.dumps(data, ensure_ascii=False).encode() if changed else body


def _rewritten(status: int, body: bytes) -> bytes | None:
    """The envelope ``{"ok": false, "error", "errors"}`` as OpenAI's error object; None to leave ``body`` alone."""
    try:
        data = json.loads(body)
    except ValueError:
        return json.dumps(openai_error(status, HTTPStatus(status).phrase)).encode()
    if not isinstance(data, dict) or data.get("ok") is not False:
        return None
    errors = data.get("errors") or []
    param = errors[0].get("field") if errors and isinstance(errors[0], dict) else None
    code = errors[0].get("type") if status == 422 and errors and isinstance(errors[0], dict) else None
    return json.dumps(openai_error(status, str(data.get("error", "")), param=param, code=code or None)).encode()


# -- auth, models, the question ----------------------------------------------------------------------------


def authorize(request: Request, settings: Settings) -> str | None:
    """The API key's name when sign-in is required to ask (401 without a valid key); else None (any token)."""
    if not settings.require_login_to_ask:
        return None
    keys: ApiKeys = request.app.state.api_keys
    key = keys.verify(bearer_token(request.headers.get("authorization")))
    if key is None:
        raise OpenAIError(
            401,
            "Invalid API key: this server requires an API key made by its operator (clinevidence keys create NAME).",
        )
    return key.name


def audience_of(model: str) -> Audience:
    audience = MODELS.get(model) or ALIASES.get(model)
    if audience is None:
        raise OpenAIError(
            404,
            f"The model {model!r} does not exist; use one of {', '.join(MODELS)}.",
            code="model_not_found",
            param="model",
        )
    return audience


def _question(body: ChatCompletionRequest) -> tuple[int, str]:
    for i in range(len(body.messages) - 1, -1, -1):
        m = body.messages[i]
        if m.role == "user" and _clean(m.text()):
            return i, _clean(m.text())
    raise AssertionError("validated: the conversation has a user question")  # pragma: no cover


def _earlier_article(body: ChatCompletionRequest, before: int) -> str | None:
    """The article an earlier assistant reply showed (its address is in the Markdown), newest first."""
    for m in reversed(body.messages[:before]):
        if m.role == "assistant":
            found = _ARTICLE_LINK.findall(m.text())
            if found:
                return str(found[-1])
    return None


def _earlier_question(body: ChatCompletionRequest, before: int, question: str) -> str:
    for m in reversed(body.messages[:before]):
        text = _clean(m.text()) if m.role == "user" else ""
        if text and text != question:
            return text
    return ""


def answer_conversation(request: Request, body: ChatCompletionRequest, key_name: str | None) -> ArticleRecord:
    """Answer the last user question: a follow-up of an earlier article, or in the light of the earlier question."""
    articles: ArticleService = get_articles(request)
    audience = body.audience or audience_of(body.model)
    index, question = _question(body)
    author = f"apikey:{key_name}" if key_name else None
    asker = _asker(request, key_name)
    previous = _earlier_article(body, index)
    record: ArticleRecord | None = None
    if previous is not None:
        try:
            record = articles.follow_up(
                previous,
                question,
                audience=audience,
                engine=body.engine,
                author=author,
                askers=[asker] if asker else [],
            )
        except ArticleNotFound:
            record = None
    if record is None:
        context = _earlier_question(body, index, question)
        if not context and not body.force_new:
            match = reviewed_match(request, question, str(audience))
            if match is not None:
                return match.record
        engine = body.engine or articles.answers.settings.engine
        answer = articles.answers.ask(question, audience, engine, context)
        record = articles.save(answer, engine=engine, thread_id=None, parent=None, author=author)
    if asker:
        with get_review(request).engine.begin() as conn:
            review_store.set_review_fields(conn, article_id=record.id, asker=asker)
    return record


def _asker(request: Request, key_name: str | None) -> str | None:
    """Who asks over /v1: the operator's key by name, else (any token accepted) a hash of the token presented.
    A conversation's follow-ups stay in its thread only for the same asker."""
    if key_name:
        return f"key:{key_name}"[:64]
    token = bearer_token(request.headers.get("authorization"))
    return "bearer:" + hashlib.sha256(token.encode()).hexdigest()[:40] if token else None


def _stored(request: Request, record: ArticleRecord) -> ArticleOut:
    return article_out(record, review=ReviewInfo.of(get_review(request).get(record.id)))


def _markdown(request: Request, record: ArticleRecord) -> str:
    return to_markdown(record, url=public_url(get_settings(request), article_url(record.id)))


# -- routes ------------------------------------------------------------------------------------------------

router = APIRouter(prefix=PREFIX, tags=["openai"], responses=ERROR_RESPONSES)


@router.get("/models", response_model=ModelList)
def list_models(request: Request) -> ModelList:
    """The "models": one per audience (OpenAI's model list shape)."""
    authorize(request, get_settings(request))
    return ModelList(data=[ModelCard(id=m) for m in MODELS])


@router.get("/models/{model}", response_model=ModelCard)
def get_model(model: Annotated[str, Path(max_length=100)], request: Request) -> ModelCard:
    """One model card (404 in OpenAI's shape for an unknown id)."""
    authorize(request, get_settings(request))
    audience_of(model)
    return ModelCard(id=model)


@router.post(
    "/chat/completions",
    response_model=ChatCompletion,
    responses={
        200: {
            "description": "The article as an assistant message, or (stream) chat.completion.chunk events",
            "content": {"text/event-stream": {"schema": {"type": "string"}}},
        }
    },
)
def chat_completions(body: ChatCompletionRequest, request: Request) -> Response:
    """Answer the conversation's last user message as a grounded article (OpenAI's chat completion shape)."""
    settings = get_settings(request)
    key_name = authorize(request, settings)
    audience_of(body.model)
    index, question = _question(body)
    cid = f"chatcmpl-{int(time.time() * 1000):x}"
    task = ui_task_reply(request, question)
    if task is not None:
        return _plain_reply(body, cid, task)
    check_question_length(question, settings.max_question_chars, loc=("body", "messages", str(index), "content"))
    limit_asks(request)
    if body.stream:
        headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
        return StreamingResponse(_chunks(request, body, key_name, cid), media_type="text/event-stream", headers=headers)
    record = answer_conversation(request, body, key_name)
    out = ChatCompletion(
        id=cid,
        created=int(time.time()),
        model=body.model,
        system_fingerprint=record.answer().receipt.config_hash,
        choices=[Choice(message=AssistantMessage(content=_markdown(request, record)))],
        clinevidence=_stored(request, record),
    )
    return JSONResponse(out.model_dump(mode="json"))


# Chat UIs ask their chat model for titles, tags and follow-up suggestions in the background (Open WebUI's task
# prompts begin with "### Task:" and embed the chat history). Those are not clinical questions: they are answered
# from the conversation's article, as the JSON such prompts ask for, and no article is written.
_UI_TASK = re.compile(r"^\s*###\s*Task:", re.IGNORECASE)


def ui_task_reply(request: Request, question: str) -> str | None:
    """The JSON reply to a chat UI's background task, or None for a real question."""
    if not _UI_TASK.match(question):
        return None
    record: ArticleRecord | None = None
    for article_id in reversed(_ARTICLE_LINK.findall(question)):
        try:
            record = get_articles(request).get(article_id)
            break
        except ArticleNotFound:
            continue
    if record is None:
        return json.dumps({"title": "ClinEvidence", "tags": [], "follow_ups": []})
    answer = record.answer()
    tags = sorted({r.type_label for r in answer.references})[:3]
    return json.dumps({"title": answer.title, "tags": tags, "follow_ups": answer.follow_ups[:5]}, ensure_ascii=False)


def _plain_reply(body: ChatCompletionRequest, cid: str, text: str) -> Response:
    created = int(time.time())
    if body.stream:
        head = {"id": cid, "object": "chat.completion.chunk", "created": created, "model": body.model}
        events = [
            _sse(
                {
                    **head,
                    "choices": [{"index": 0, "delta": {"role": "assistant", "content": text}, "finish_reason": None}],
                }
            ),
            _sse({**head, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}], "clinevidence": None}),
            _sse("[DONE]"),
        ]
        return StreamingResponse(iter(events), media_type="text/event-stream", headers={"Cache-Control": "no-store"})
    out = ChatCompletion(
        id=cid,
        created=created,
        model=body.model,
        system_fingerprint="",
        choices=[Choice(message=AssistantMessage(content=text))],
        clinevidence=None,
    )
    return JSONResponse(out.model_dump(mode="json"))


def _sse(data: dict[str, Any] | str) -> str:
    return f"data: {data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)}\n\n"


def _chunks(request: Request, body: ChatCompletionRequest, key_name: str | None, cid: str) -> Iterator[str]:
    created = int(time.time())

    def chunk(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> str:
        choice = {"index": 0, "delta": delta, "finish_reason": finish}
        head = {"id": cid, "object": "chat.completion.chunk", "created": created, "model": body.model}
        return _sse({**head, "choices": [choice], **extra})

    yield chunk({"role": "assistant", "content": ""})
    results: queue.Queue[tuple[str, Any]] = queue.Queue()

    def work() -> None:
        try:
            record = answer_conversation(request, body, key_name)
            results.put(("ok", (record, _markdown(request, record), _stored(request, record))))
        except ProviderError as exc:
            log.warning("LLM engine error: %s", exc)
            results.put(("error", (502, "The language model did not answer. Use the extractive engine.")))
        except Exception:  # reported in the stream, never as a stack trace
            log.exception("streamed chat completion failed")
            results.put(("error", (500, "Something went wrong while answering; please try again.")))

    threading.Thread(target=work, name="clinevidence-openai", daemon=True).start()
    while True:
        try:
            kind, payload = results.get(timeout=_KEEPALIVE_S)
            break
        except queue.Empty:
            yield ": keepalive\n\n"
    if kind == "error":
        status, message = payload
        yield _sse(openai_error(status, message))
        yield _sse("[DONE]")
        return
    record, text, stored = payload
    for line in text.splitlines(keepends=True):
        yield chunk({"content": line})
    yield chunk(
        {},
        "stop",
        system_fingerprint=record.answer().receipt.config_hash,
        clinevidence=stored.model_dump(mode="json"),
    )
    yield _sse("[DONE]")


def install(app: FastAPI) -> None:
    """Mount the /v1 routes, their error shape and the API key table on ``app`` (after its other middleware)."""
    app.state.api_keys = ApiKeys(app.state.library.engine)
    app.add_exception_handler(OpenAIError, _openai_error_response)
    app.add_middleware(OpenAIErrorsMiddleware)
    app.include_router(router)
