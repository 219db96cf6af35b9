"""Sessions in the web app: the session cookie, the current user, the anonymous asker cookie and the one
central CSRF check (an app-wide dependency; see ``csrf_guard``)."""

from __future__ import annotations

import hashlib
import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Response

from ..review.accounts import Accounts, ActiveSession
from ..review.models import User
from ..review.service import ReviewService

SESSION_COOKIE = "clinevidence_session"
ASKER_COOKIE = "clinevidence_asker"
PRE_CSRF_COOKIE = "clinevidence_csrf"  # double-submit token for forms shown before sign-in (the login form)
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Signing in needs the password, not the old session's token (and the session id is rotated), so it is exempt.
CSRF_EXEMPT = frozenset({("POST", "/api/session")})
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def get_accounts(request: Request) -> Accounts:
    return request.app.state.accounts  # type: ignore[no-any-return]


def get_review(request: Request) -> ReviewService:
    return request.app.state.review  # type: ignore[no-any-return]


def current_session(request: Request) -> ActiveSession | None:
    """The signed-in session of this request (looked up once per request)."""
    if not hasattr(request.state, "session"):
        token = request.cookies.get(SESSION_COOKIE)
        request.state.session = get_accounts(request).resolve(token) if token else None
    return request.state.session  # type: ignore[no-any-return]


def signed_in(request: Request) -> ActiveSession | None:
    """For templates (the header's sign-in state); never raises, even on error pages."""
    try:
        return current_session(request)
    except Exception:  # noqa: BLE001 -- an error page must still render
        return None


def current_user(request: Request) -> User | None:
    session = current_session(request)
    return session.user if session else None


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def set_session_cookie(response: Response, request: Request, token: str, max_age: int) -> None:
    response.set_cookie(
        SESSION_COOKIE, token, max_age=max_age, path="/", httponly=True, samesite="lax", secure=_secure(request)
    )


def clear_session_cookie(response: Response, request: Request) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=_secure(request))


# -- askers -----------------------------------------------------------------------------------------------


def asker_key(request: Request, response: Response | None = None) -> str:
    """Who asked: ``user:<name>`` when signed in, else a hash of a random anonymous cookie (set if missing)."""
    user = current_user(request)
    if user is not None:
        return f"user:{user.username}"
    token = request.cookies.get(ASKER_COOKIE) or getattr(request.state, "new_asker", None)
    if not token or len(token) > 100:
        token = secrets.token_urlsafe(24)
        request.state.new_asker = token
    if response is not None and request.cookies.get(ASKER_COOKIE) != token:
        response.set_cookie(
            ASKER_COOKIE,
            token,
            max_age=365 * 24 * 3600,
            path="/",
            httponly=True,
            samesite="lax",
            secure=_secure(request),
        )
    return "anon:" + hashlib.sha256(token.encode()).hexdigest()[:40]


def asker_keys(request: Request) -> list[str]:
    """Every asker identity of this browser: the signed-in user and the anonymous cookie."""
    keys = []
    user = current_user(request)
    if user is not None:
        keys.append(f"user:{user.username}")
    token = request.cookies.get(ASKER_COOKIE)
    if token and len(token) <= 100:
        keys.append("anon:" + hashlib.sha256(token.encode()).hexdigest()[:40])
    return keys


# -- CSRF -------------------------------------------------------------------------------------------------


def pre_session_csrf(request: Request, response: Response) -> str:
    """A token for forms shown to visitors who are not signed in (double-submit: cookie + hidden field)."""
    token = request.cookies.get(PRE_CSRF_COOKIE)
    if not token or len(token) > 100:
        token = secrets.token_urlsafe(24)
        response.set_cookie(
            PRE_CSRF_COOKIE,
            token,
            max_age=2 * 3600,
            path="/",
            httponly=True,
            samesite="strict",
            secure=_secure(request),
        )
    return token


def csrf_token_for(request: Request) -> str:
    """The token forms on this page must send back: the session's, or '' when nobody is signed in."""
    session = current_session(request)
    return session.csrf_token if session else ""


async def _presented_token(request: Request) -> str | None:
    header = request.headers.get(CSRF_HEADER)
    if header:
        return header
    if request.headers.get("content-type", "").split(";")[0].strip() in _FORM_TYPES:
        form = await request.form()  # cached by Starlette: the route reads the same parsed form
        value = form.get(CSRF_FIELD)
        return value if isinstance(value, str) else None
    return None


async def csrf_guard(request: Request) -> None:
    """Every state-changing request made with a live session must carry the session's CSRF token."""
    if request.method not in UNSAFE_METHODS:
        return
    if (request.method, request.url.path) in CSRF_EXEMPT:
        return
    session = current_session(request)
    if session is None:
        return
    if not session.csrf_ok(await _presented_token(request)):
        raise HTTPException(
            403,
            "Missing or invalid CSRF token: reload the page and try again "
            f"(API clients send the csrf_token from POST /api/session in the {CSRF_HEADER} header).",
        )


async def check_pre_session_csrf(request: Request) -> None:
    """The login form's double-submit check (no session exists yet to hold a token)."""
    cookie = request.cookies.get(PRE_CSRF_COOKIE)
    presented = await _presented_token(request)
    if not cookie or not presented or not secrets.compare_digest(cookie, presented):
        raise HTTPException(403, "The sign-in form expired: reload the page and try again.")


AccountsDep = Annotated[Accounts, Depends(get_accounts)]
ReviewDep = Annotated[ReviewService, Depends(get_review)]
CurrentUser = Annotated[User | None, Depends(current_user)]
