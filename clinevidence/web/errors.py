"""One error envelope, ``{"ok": false, "status", "error", "errors"}``, rendered as JSON or as an HTML page."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from ..answer.providers.errors import ProviderError, ProviderUnavailable
from ..articles.service import ArticleNotFound, ThreadNotFound
from ..review.errors import LoginThrottled, ReviewError

log = logging.getLogger("clinevidence.web")

GENERIC_500 = "Something went wrong on our side. The error has been logged; please try again in a moment."

DEFAULT_MESSAGES = {
    400: "The request could not be understood.",
    404: "Not found: there is no page or article at this address.",
    405: "That method is not allowed at this address.",
    401: "Please sign in first.",
    403: "You do not have permission to do that.",
    409: "The article changed meanwhile; reload it and try again.",
    413: "The request body is too large.",
    422: "The request is not valid.",
    429: "Too many requests; please wait a moment and try again.",
    500: GENERIC_500,
}


def wants_json(request: Request) -> bool:
    """JSON for API paths and ``.json`` exports; for other exports unless a browser asks for HTML; else by Accept."""
    path = request.url.path
    accept = request.headers.get("accept", "")
    if path.startswith("/api/") or path == "/api" or path.endswith(".json"):
        return True
    if path.endswith((".md", ".ris", ".bib")):
        return "text/html" not in accept
    return "application/json" in accept and "text/html" not in accept


def envelope(status: int, message: str, errors: Sequence[Mapping[str, Any]] = ()) -> dict[str, Any]:
    return {"ok": False, "status": status, "error": message, "errors": [dict(e) for e in errors]}


def error_response(
    request: Request,
    status: int,
    message: str | None = None,
    errors: Sequence[Mapping[str, Any]] = (),
    headers: Mapping[str, str] | None = None,
) -> Response:
    """The envelope as JSON, or the same message on the HTML error page."""
    message = message or DEFAULT_MESSAGES.get(status) or HTTPStatus(status).phrase
    if wants_json(request):
        return JSONResponse(envelope(status, message, errors), status_code=status, headers=headers)
    templates = request.app.state.templates
    context = {"status": status, "message": message, "errors": errors, "title": HTTPStatus(status).phrase}
    return templates.TemplateResponse(request, "error.html", context, status_code=status, headers=headers)  # type: ignore[no-any-return]


def _field(loc: Sequence[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "form")]
    return ".".join(parts) or "request"


def validation_errors(errors: Sequence[Any]) -> list[dict[str, Any]]:
    """Pydantic errors without the offending input (it may be huge, or contain patient details)."""
    out = []
    for e in errors:
        msg = str(e.get("msg", "invalid value")).removeprefix("Value error, ")
        out.append({"field": _field(e.get("loc", ())), "message": msg, "type": str(e.get("type", ""))})
    return out


def allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at this path: Starlette's 405 names only the first route's."""
    scope = {**request.scope, "method": ""}
    methods: set[str] = set()

    def walk(routes: Sequence[Any]) -> None:
        for route in routes:
            if hasattr(route, "original_router"):  # included routers stay nested
                walk(route.original_router.routes)
            elif getattr(route, "methods", None) and route.matches(scope)[0] != Match.NONE:
                methods.update(route.methods)

    walk(request.app.routes)
    return sorted(methods)


async def _http_exception(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) and exc.detail != HTTPStatus(exc.status_code).phrase else None
    headers = exc.headers
    if exc.status_code == 405:
        allow = allowed_methods(request)
        if allow:
            headers = {**(headers or {}), "Allow": ", ".join(allow)}
    return error_response(request, exc.status_code, detail, headers=headers)


async def _validation(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = validation_errors(exc.errors())
    summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:3])
    return error_response(request, 422, f"Invalid request — {summary}." if summary else None, errors)


async def _not_found(request: Request, exc: Exception) -> Response:
    what = "thread" if isinstance(exc, ThreadNotFound) else "article"
    return error_response(request, 404, f"No {what} with that id. Check the link, or ask a new question.")


async def _provider(request: Request, exc: Exception) -> Response:
    # The provider's own message may name settings or servers: it goes to the log, not to the user.
    log.warning("LLM engine error: %s", exc)
    if isinstance(exc, ProviderUnavailable):
        # Choosing an engine this server does not offer is a client error, not a server failure.
        message = "The LLM engine is not available on this server; use the extractive engine."
        return error_response(request, 422, message, [{"field": "engine", "message": message, "type": "unavailable"}])
    retryable = isinstance(exc, ProviderError) and exc.retryable
    message = "The language model did not answer. " + (
        "Please try again in a minute, or use the extractive engine." if retryable else "Use the extractive engine."
    )
    return error_response(
        request, 503 if retryable else 502, message, headers={"Retry-After": "60"} if retryable else None
    )


async def _review(request: Request, exc: Exception) -> Response:
    """Review errors carry their own status (401, 403, 409, 422, 429) and a message that says what to do."""
    assert isinstance(exc, ReviewError)
    headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, LoginThrottled) else None
    return error_response(request, exc.http_status, exc.message, exc.errors, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(StarletteHTTPException, _http_exception)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(ArticleNotFound, _not_found)
    app.add_exception_handler(ThreadNotFound, _not_found)
    app.add_exception_handler(ProviderError, _provider)
    app.add_exception_handler(ReviewError, _review)
