"""Pure ASGI middleware: security headers, a request body limit, and the last-resort 500 handler."""

from __future__ import annotations

import logging

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import GENERIC_500, error_response

log = logging.getLogger("clinevidence.web")

_COMMON_CSP = "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
CSP = f"default-src 'self'; script-src 'self'; style-src 'self'; {_COMMON_CSP}"
# Swagger UI's files are served by this app (/docs/assets/), so the API docs page needs no other origin.
DOCS_CSP = CSP
DOCS_PATHS = frozenset({"/docs"})

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


class SecurityHeadersMiddleware:
    """Adds CSP and the other security headers to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = DOCS_CSP if scope["path"] in DOCS_PATHS else CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Content-Security-Policy"] = csp
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


class CatchAllMiddleware:
    """Turns any unhandled exception into the generic 500 envelope; the traceback goes to the log only."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            if isinstance(exc, HTTPException):
                status, message = exc.status_code, str(exc.detail)
            else:
                # The path only: query strings and bodies may carry question text.
                log.exception("unhandled %s on %s %s", type(exc).__name__, scope.get("method"), scope.get("path"))
                status, message = 500, GENERIC_500
            if started:
                raise
            response = error_response(Request(scope), status, message)
            await response(scope, receive, send)


class BodySizeLimitMiddleware:
    """Rejects request bodies over ``max_bytes`` with 413, by Content-Length or while streaming."""

    def __init__(self, app: ASGIApp, max_bytes: int = 64 * 1024) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def message(self) -> str:
        return f"The request body is too large: at most {self.max_bytes // 1024} kB is accepted."

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = Headers(scope=scope).get("content-length")
        if length is not None:
            if not length.isdigit():
                await error_response(Request(scope), 400, "Invalid Content-Length header.")(scope, receive, send)
                return
            if int(length) > self.max_bytes:
                await error_response(Request(scope), 413, self.message())(scope, receive, send)
                return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # FastAPI re-raises HTTPExceptions from body reading, so this becomes the 413 envelope.
                    raise HTTPException(413, self.message())
            return message

        await self.app(scope, limited_receive, send)
