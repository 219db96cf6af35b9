"""Dependencies shared by the routers, as ``Annotated`` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request

from ..articles.service import ArticleService
from ..library.store import Library
from ..settings import Settings
from .ratelimit import SlidingWindowLimiter


def get_articles(request: Request) -> ArticleService:
    return request.app.state.articles  # type: ignore[no-any-return]


def get_library(request: Request) -> Library:
    return request.app.state.library  # type: ignore[no-any-return]


def get_settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def client_key(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def limit_asks(request: Request) -> None:
    """Count one question against the client's per-minute budget; 429 with Retry-After when it is spent."""
    limiter: SlidingWindowLimiter = request.app.state.ask_limiter
    wait = limiter.hit(client_key(request))
    if wait is not None:
        raise HTTPException(
            429,
            f"Too many questions: at most {limiter.limit} per minute. Please try again in {wait} seconds.",
            headers={"Retry-After": str(wait)},
        )


ArticlesDep = Annotated[ArticleService, Depends(get_articles)]
LibraryDep = Annotated[Library, Depends(get_library)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
AskLimit = Depends(limit_asks)
